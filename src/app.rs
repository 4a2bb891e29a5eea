//! The eframe app: the state of every mode, the menu and toolbar, the mode's view for the rest
//! of the window, and one [`ReflexApp::apply`] `match` that carries out every [`Command`]
//! after the frame.
//!
//! A new mode adds: its egui-free state beside its logic (like [`PlanDocument`] in `plan/` or
//! [`StudySession`] in `study/`), a view folder in `ui/` that returns [`Command`]s, a
//! [`Mode`] variant, a `Command` variant wrapping its own command type, and one arm in
//! [`ReflexApp::apply`] and in [`ReflexApp::show`].

mod charts;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::{Key, KeyboardShortcut, Modifiers};
use serde::{Deserialize, Serialize};

use crate::geometry::{ChartGeometry, ViewGeometry};
use crate::load::{self, Content};
use crate::model::{Chart, FootSel, Library, Limb, ViewKind, ZoneIdx};
use crate::plan::{
    Autosave, PlanCommand, PlanContext, PlanDocument, PlanEvent, evaluate, problems_text,
};
use crate::records::book::{ClientsBook, ClientsCommand, ExportKind};
use crate::search::ZoneSearch;
use crate::study::{ProgressStore, StudyChart, StudySession, fresh_seed};
use crate::ui::clients::{ClientsInput, ClientsView};
use crate::ui::dialogs::PlanQuestions;
use crate::ui::evidence_window::EvidenceWindow;
use crate::ui::explore::{ExploreInput, explore_ui};
use crate::ui::file_dialog::{FileDialogs, FilePick, FileRequest};
use crate::ui::map_view::{MapCamera, MapPane, Overlays};
use crate::ui::menu::{menu_bar_ui, toolbar_ui};
use crate::ui::plan::{PlanInput, PlanView};
use crate::ui::search_bar::SearchBar;
use crate::ui::study::StudyView;
use crate::ui::{Command, FilePurpose, Mode, theme};

/// Light, dark, or follow the system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum ThemeChoice {
    /// Follow the operating system.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl ThemeChoice {
    fn preference(self) -> egui::ThemePreference {
        match self {
            Self::System => egui::ThemePreference::System,
            Self::Light => egui::ThemePreference::Light,
            Self::Dark => egui::ThemePreference::Dark,
        }
    }
}

/// What is remembered between runs (choices, not machinery).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Current view.
    pub view: ViewKind,
    /// Feet shown.
    pub feet: FootSel,
    /// Overlays.
    pub overlays: Overlays,
    /// Theme.
    pub theme: ThemeChoice,
    /// Explore, Plan or Study.
    pub mode: Mode,
    /// Recently opened or saved plans, newest first.
    pub recent_plans: Vec<PathBuf>,
    /// Open an exported PDF in the system viewer.
    pub open_after_export: bool,
    /// Clients by initials only (privacy mode).
    pub privacy: bool,
    /// Idle minutes before the client records lock.
    pub lock_minutes: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            view: ViewKind::Plantar,
            feet: FootSel::Both,
            overlays: Overlays::default(),
            theme: ThemeChoice::System,
            mode: Mode::Explore,
            recent_plans: Vec::new(),
            open_after_export: false,
            privacy: false,
            lock_minutes: 10,
        }
    }
}

/// How many recent plans the File menu lists.
const RECENT_PLANS: usize = 8;

/// A chart with everything derived from it once.
struct LoadedChart {
    chart: Chart,
    geometry: ChartGeometry,
    search: ZoneSearch,
    /// Where it came from (`None` = embedded).
    path: Option<PathBuf>,
}

impl LoadedChart {
    /// What Study mode's questions look up in this chart.
    fn study_chart<'a>(&'a self, library: &'a Library) -> StudyChart<'a> {
        StudyChart {
            chart: &self.chart,
            geometry: &self.geometry,
            library,
        }
    }

    fn new(chart: Chart, path: Option<PathBuf>) -> Self {
        Self {
            geometry: ChartGeometry::new(&chart),
            search: ZoneSearch::new(&chart),
            chart,
            path,
        }
    }
}

/// The reflexmap app.
pub struct ReflexApp {
    settings: Settings,
    library: Arc<Library>,
    loaded: LoadedChart,
    /// The built-in foot and hand charts, for switching and for a plan on the other kind.
    builtin: charts::BuiltIn,
    /// The selected zone (Explore and Plan).
    selected: Option<ZoneIdx>,
    /// The map's camera and hover, shared by Explore and Plan.
    map: MapPane,
    search: SearchBar,
    evidence: EvidenceWindow,
    /// A load failure to show until dismissed.
    error: Option<String>,
    /// The plan being edited, as a file.
    plan: PlanDocument,
    plan_view: PlanView,
    /// Study mode's quiz, items and progress.
    study: StudySession,
    study_view: StudyView,
    /// Client records, opened when Clients is first shown.
    clients: ClientsBook,
    clients_view: ClientsView,
    /// When the last input came, on the records' clock (for the idle lock).
    last_input: f64,
    /// The system's file dialog, or the in-app chooser where there is none.
    file_dialogs: FileDialogs,
    /// The questions about unsaved work: before closing, before replacing, after a crash.
    dialogs: PlanQuestions,
    /// The window title last sent (sent again only when it changes).
    last_title: String,
}

impl ReflexApp {
    /// Start with the embedded content and the settings remembered by eframe; keep study
    /// progress and autosaves in the app's data directory.
    pub fn new(cc: &eframe::CreationContext<'_>) -> Self {
        let settings = cc
            .storage
            .and_then(|s| eframe::get_value::<Settings>(s, eframe::APP_KEY))
            .unwrap_or_default();
        match load::embedded_content() {
            Ok(content) => {
                let mut app = Self::with_content(&cc.egui_ctx, content, settings);
                if let Some(store) = ProgressStore::default_location() {
                    app = app.with_progress_store(store);
                }
                app.file_dialogs = FileDialogs::new();
                app.clients = ClientsBook::default();
                if app.settings.mode == crate::ui::Mode::Clients {
                    app.clients.ensure_open();
                }
                if let Some(autosave) = Autosave::default_location() {
                    app.plan = PlanDocument::default().with_autosave(autosave);
                }
                let mut setup = app.study.setup();
                setup.seed = fresh_seed(setup.seed);
                app.apply_study(crate::study::StudyCommand::SetSetup(setup));
                app
            }
            Err(problems) => {
                // Why: `cargo test` checks the embedded files, so this only happens on a broken
                // build; show what is wrong rather than refusing to start.
                let content = Content {
                    chart: Chart::empty(),
                    hands: Chart::empty(),
                    library: Library::default(),
                };
                let mut app = Self::with_content(&cc.egui_ctx, content, settings);
                app.error = Some(problems_text("the built-in chart", "chart", &problems));
                app
            }
        }
    }

    /// Start with given content and settings, no progress store and no autosave (tests use
    /// this with fixed settings).
    pub fn with_content(ctx: &egui::Context, content: Content, mut settings: Settings) -> Self {
        theme::apply(ctx);
        // Photo thumbnails: the image loader decodes a stored JPEG once and caches it.
        egui_extras::install_image_loaders(ctx);
        ctx.set_theme(settings.theme.preference());
        let (drills, warning) = match crate::study::embedded_drills(&content.library) {
            Ok(d) => (d, None),
            Err(problems) => (
                crate::study::Drills::default(),
                Some(problems_text(
                    "the built-in study drills",
                    "chart",
                    &problems,
                )),
            ),
        };
        let builtin = charts::BuiltIn {
            feet: content.chart.clone(),
            hands: content.hands,
        };
        let loaded = LoadedChart::new(content.chart, None);
        if loaded.chart.view(settings.view).is_none() {
            settings.view = loaded.chart.first_view();
        }
        let study = StudySession::new(drills, loaded.study_chart(&content.library), warning);
        Self {
            settings,
            library: Arc::new(content.library),
            loaded,
            builtin,
            selected: None,
            map: MapPane::default(),
            search: SearchBar::default(),
            evidence: EvidenceWindow::default(),
            error: None,
            plan: PlanDocument::default(),
            plan_view: PlanView::default(),
            study,
            study_view: StudyView::default(),
            // Why no file: tests and benches must never touch the user's records; `new`
            // points at the data directory, tests give their own.
            clients: ClientsBook::at(None),
            clients_view: ClientsView::default(),
            last_input: 0.0,
            // Why in-app here: tests and benches build the app this way and must never block
            // on a real desktop dialog; `new` switches to the system's.
            file_dialogs: FileDialogs::in_app_only(),
            dialogs: PlanQuestions::default(),
            last_title: String::new(),
        }
    }

    /// Time study exams with this clock (tests use a fake one).
    pub fn with_study_clock(mut self, clock: crate::records::runner::Clock) -> Self {
        self.study = self.study.with_clock(clock);
        self
    }

    /// Keep study progress in this store: reads it now (a damaged file is reported, kept aside
    /// and replaced) and saves after every answer.
    pub fn with_progress_store(mut self, store: ProgressStore) -> Self {
        self.study = self.study.with_store(store);
        self
    }

    /// Keep client records in this book (tests give a temporary or in-memory store).
    pub fn with_clients(mut self, book: ClientsBook) -> Self {
        self.clients = book;
        if self.settings.mode == crate::ui::Mode::Clients {
            self.clients.ensure_open();
        }
        self
    }

    /// The client records.
    pub fn clients(&self) -> &ClientsBook {
        &self.clients
    }

    /// Clients mode's widget state.
    pub fn clients_view(&self) -> &ClientsView {
        &self.clients_view
    }

    /// Ask for files with these dialogs (tests give an in-app chooser over their own folders).
    pub fn with_file_dialogs(mut self, dialogs: FileDialogs) -> Self {
        self.file_dialogs = dialogs;
        self
    }

    /// Current settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The chart shown.
    pub fn chart(&self) -> &Chart {
        &self.loaded.chart
    }

    /// The library (techniques, evidence, rules, templates).
    pub fn library(&self) -> &Library {
        &self.library
    }

    /// The geometry of a view and feet.
    pub fn geometry(&self, view: ViewKind, feet: FootSel) -> &ViewGeometry {
        self.loaded.geometry.get(view, feet)
    }

    /// The selected zone's id.
    pub fn selected_zone(&self) -> Option<&str> {
        self.selected
            .and_then(|i| self.loaded.chart.get_zone(i))
            .map(|z| z.id.as_str())
    }

    /// The current load error, if any.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// The plan being edited.
    pub fn plan(&self) -> &PlanDocument {
        &self.plan
    }

    /// Study mode's session (quiz, items, progress).
    pub fn study(&self) -> &StudySession {
        &self.study
    }

    /// Study mode's widget state (the sequence order, the question map's transform).
    pub fn study_view(&self) -> &StudyView {
        &self.study_view
    }

    fn apply_study(&mut self, command: crate::study::StudyCommand) {
        let chart = self.loaded.study_chart(&self.library);
        self.study.apply(command, chart);
    }

    /// Carry out a command. Views, menus, shortcuts and dialogs all end here; tests call it
    /// too.
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::SelectZone(z) => self.selected = z,
            Command::RevealZone(z) => self.reveal_zone(z),
            Command::SetView(v) => {
                self.settings.view = v;
                self.map.camera = MapCamera::default();
            }
            Command::SetFeet(f) => {
                self.settings.feet = f;
                self.map.camera = MapCamera::default();
            }
            Command::SetOverlays(o) => self.settings.overlays = o,
            Command::SetPrivacy(on) => self.settings.privacy = on,
            Command::SetLockMinutes(m) => self.settings.lock_minutes = m.clamp(1, 240),
            Command::ResetView => self.map.camera = MapCamera::default(),
            Command::PickFile(purpose) => {
                let name = self.plan.suggested_file_name();
                let request = match purpose {
                    FilePurpose::OpenPlan => FileRequest::open_plan(),
                    FilePurpose::SavePlan => FileRequest::save_plan(name),
                    FilePurpose::SavePlanAndClose => FileRequest {
                        purpose,
                        ..FileRequest::save_plan(name)
                    },
                    FilePurpose::ExportPdf => {
                        FileRequest::export_pdf(name.replace(".plan.ron", ".pdf"))
                    }
                    FilePurpose::OpenChart => FileRequest::open_chart(),
                    FilePurpose::AddPhoto(finding) => FileRequest::add_photo(finding),
                    FilePurpose::BackupRecords => FileRequest::backup_records(format!(
                        "reflexmap-records-{}.backup",
                        crate::records::date::today_iso()
                    )),
                    FilePurpose::RestoreRecords => FileRequest::restore_records(),
                    FilePurpose::StudyPrint(what) => {
                        FileRequest::study_print(what, self.study.print_name(what))
                    }
                    FilePurpose::ExportAll => FileRequest::export_all(
                        self.clients
                            .export_name(ExportKind::ScoresCsv)
                            .replace("scores-", "everything-")
                            .trim_end_matches(".csv")
                            .to_owned(),
                    ),
                    FilePurpose::ExportReport
                    | FilePurpose::ExportDiarySheet
                    | FilePurpose::ExportScoresCsv => FileRequest::export_records(
                        purpose,
                        self.clients.export_name(purpose_kind(purpose)),
                    ),
                };
                self.file_dialogs.open(ctx, request);
            }
            Command::FilePicked(FilePick { purpose, path }) => {
                let next = match purpose {
                    FilePurpose::OpenPlan => Command::Plan(PlanCommand::OpenFile(path)),
                    FilePurpose::SavePlan => Command::Plan(PlanCommand::SaveTo(path)),
                    FilePurpose::SavePlanAndClose => {
                        self.apply(ctx, Command::Plan(PlanCommand::SaveTo(path)));
                        if !self.plan.is_dirty() {
                            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                        }
                        return;
                    }
                    FilePurpose::ExportPdf => Command::Plan(PlanCommand::ExportPdfTo(path)),
                    FilePurpose::StudyPrint(what) => {
                        let paper = self.plan.plan().paper;
                        Command::Study(crate::study::StudyCommand::PrintTo(what, path, paper))
                    }
                    FilePurpose::OpenChart => Command::LoadChart(path),
                    FilePurpose::AddPhoto(finding) => Command::Clients(ClientsCommand::Inspection(
                        crate::records::book::InspectCommand::PhotoFile(finding, path),
                    )),
                    FilePurpose::BackupRecords => Command::Clients(ClientsCommand::Access(
                        crate::records::book::AccessCommand::Backup(path),
                    )),
                    FilePurpose::RestoreRecords => Command::Clients(ClientsCommand::Access(
                        crate::records::book::AccessCommand::CheckRestore(path, None),
                    )),
                    FilePurpose::ExportAll => Command::Clients(ClientsCommand::Access(
                        crate::records::book::AccessCommand::ExportAll(path),
                    )),
                    FilePurpose::ExportReport
                    | FilePurpose::ExportDiarySheet
                    | FilePurpose::ExportScoresCsv => {
                        Command::Clients(ClientsCommand::Export(purpose_kind(purpose), path))
                    }
                };
                self.apply(ctx, next);
            }
            Command::SavePlan => {
                let next = match self.plan.path() {
                    Some(path) => Command::Plan(PlanCommand::SaveTo(path.to_owned())),
                    None => Command::PickFile(FilePurpose::SavePlan),
                };
                self.apply(ctx, next);
            }
            // Why its own file purpose: an untitled plan's file is chosen in a later frame,
            // and only that pick, once saved, may close the window.
            Command::SaveAndClose => match self.plan.path() {
                _ if !self.plan.is_dirty() => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
                Some(path) => {
                    let save = Command::Plan(PlanCommand::SaveTo(path.to_owned()));
                    self.apply(ctx, save);
                    if !self.plan.is_dirty() {
                        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                    }
                }
                None => self.apply(ctx, Command::PickFile(FilePurpose::SavePlanAndClose)),
            },
            Command::LoadChart(path) => self.load_chart_file(&path),
            Command::PlanOnHands => self.plan_on_hands(ctx),
            Command::UseBuiltInChart(limb) => {
                let chart = self.builtin.get(limb).clone();
                self.chart_loaded(chart, None);
            }
            Command::ShowEvidence(claim) => self.evidence.open_on(claim),
            Command::OpenUrl(url) => ctx.open_url(egui::OpenUrl::new_tab(url)),
            Command::AddToPlan(zone, foot) => {
                if let Some(z) = self.loaded.chart.get_zone(zone) {
                    let add = PlanCommand::AddZone(z.id.clone(), foot);
                    self.apply(ctx, Command::Plan(add));
                }
            }
            Command::SetMode(m) => {
                self.settings.mode = m;
                // Why here and not at start-up: opening the records waits for the file, and
                // only Clients needs it.
                if m == crate::ui::Mode::Clients {
                    self.clients.ensure_open();
                }
            }
            Command::SetTheme(t) => {
                self.settings.theme = t;
                ctx.set_theme(t.preference());
            }
            Command::DismissError => self.error = None,
            Command::SetOpenAfterExport(open) => self.settings.open_after_export = open,
            Command::FocusMap => {
                crate::ui::regions::go_to_map(ctx);
                ctx.request_repaint();
            }
            Command::CyclePanels { backwards } => {
                crate::ui::regions::cycle(ctx, backwards);
                ctx.request_repaint();
            }
            Command::FocusSearch => {
                // Why a repaint: the field takes the focus when it is next drawn, and nothing
                // else may ask for a frame until the user moves.
                self.search.focus_next = true;
                ctx.request_repaint();
            }
            // Why ask: a new or opened plan replaces the one on screen, and unsaved work must
            // not go without the therapist saying so.
            Command::Plan(
                command @ (PlanCommand::New | PlanCommand::OpenFile(_) | PlanCommand::Adopt(_)),
            ) if self.plan.is_dirty() => {
                self.dialogs.ask_before_replacing(command);
            }
            Command::Plan(command) => self.apply_plan(ctx, command),
            Command::Study(command) => self.apply_study(command),
            Command::Clients(command) => {
                let open = self.settings.open_after_export;
                let written = self
                    .clients
                    .apply_with(command, &self.library, &self.loaded.chart);
                if let Some(path) = written
                    && open
                {
                    ctx.open_url(egui::OpenUrl::new_tab(format!("file://{}", path.display())));
                }
                // Why: a session planned on the hands is delivered and inspected on the hand
                // chart, whatever was shown before it opened.
                if let Some(limb) = self.clients.session.as_ref().map(|s| s.plan.limb)
                    && limb != self.loaded.chart.limb
                {
                    let chart = self.builtin.get(limb).clone();
                    self.chart_loaded(chart, None);
                }
            }
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
        }
    }

    fn apply_plan(&mut self, ctx: &egui::Context, command: PlanCommand) {
        let replaces = matches!(command, PlanCommand::New | PlanCommand::Adopt(_));
        let limb_before = self.plan.plan().limb;
        let other = self.loaded.chart.limb.other();
        let cx = PlanContext {
            chart: &self.loaded.chart,
            other: Some(self.builtin.get(other)),
            library: &self.library,
            geometry: Some(&self.loaded.geometry),
        };
        let event = self.plan.apply(command, cx);
        self.follow_plan_limb(limb_before);
        if replaces {
            self.plan_view.plan_replaced();
        }
        match event {
            None => {}
            Some(PlanEvent::Opened(path)) => {
                self.remember_plan(&path);
                self.plan_view.plan_replaced();
                self.settings.mode = Mode::Plan;
            }
            Some(PlanEvent::Saved(path)) => self.remember_plan(&path),
            Some(PlanEvent::Exported(path)) if self.settings.open_after_export => {
                ctx.open_url(egui::OpenUrl::new_tab(format!("file://{}", path.display())));
            }
            Some(PlanEvent::Exported(_)) => {}
            Some(PlanEvent::Restored) => {
                self.plan_view.plan_replaced();
                self.settings.mode = Mode::Plan;
            }
            Some(PlanEvent::Failed(message)) => self.error = Some(message),
        }
    }

    /// Select a zone and, when the view on screen does not show it, switch to one that does:
    /// the current view first, then the zone's own; keep the foot selection when it shows the
    /// zone there.
    fn reveal_zone(&mut self, z: ZoneIdx) {
        self.selected = Some(z);
        let (view, feet) = (self.settings.view, self.settings.feet);
        let geometry = &self.loaded.geometry;
        if geometry.get(view, feet).shows_zone(z) {
            return;
        }
        let Some(zone) = self.loaded.chart.get_zone(z) else {
            return;
        };
        let found = std::iter::once(view)
            .chain(zone.views())
            .find(|v| geometry.get(*v, FootSel::Both).shows_zone(z));
        if let Some(v) = found {
            if !geometry.get(v, feet).shows_zone(z) {
                self.settings.feet = FootSel::Both;
            }
            self.settings.view = v;
            self.map.camera = MapCamera::default();
        }
    }

    fn remember_plan(&mut self, path: &Path) {
        self.settings.recent_plans.retain(|p| p != path);
        self.settings.recent_plans.insert(0, path.to_owned());
        self.settings.recent_plans.truncate(RECENT_PLANS);
    }
}

impl eframe::App for ReflexApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
    }
}

impl ReflexApp {
    /// One frame of the whole UI: the menu and toolbar, the mode's view, the windows and
    /// dialogs; then every command they returned, in order. `eframe::App::ui` calls this;
    /// benches and tests can call it with a plain `egui::Context::run_ui`.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        // Why: the in-app chooser and the modal questions do not block the window as a system
        // dialog does, so shortcuts must not act on the plan behind them.
        let modal = self.file_dialogs.is_open()
            || self.dialogs.is_asking()
            || self.plan.recovery().is_some();
        let mut commands = if modal {
            Vec::new()
        } else {
            self.shortcuts(&ctx)
        };
        self.update_title(&ctx);
        crate::ui::regions::begin_pass(&ctx);
        egui::Panel::top("menu").show(ui, |ui| {
            crate::ui::regions::landing(ui, "Menu and toolbar");
            let chart_path = self.loaded.path.as_ref();
            commands.extend(menu_bar_ui(
                ui,
                &self.settings,
                &self.loaded.chart,
                chart_path,
            ));
            commands.extend(toolbar_ui(
                ui,
                &self.settings,
                &mut self.search,
                &self.loaded.chart,
                &mut self.loaded.search,
            ));
            ui.add_space(2.0);
        });
        let (view, feet) = (self.settings.view, self.settings.feet);
        let geo = self.loaded.geometry.get(view, feet);
        let error = self.error.as_deref();
        let overlays = self.settings.overlays;
        commands.extend(match self.settings.mode {
            Mode::Explore => explore_ui(
                ui,
                &mut self.map,
                &ExploreInput {
                    chart: &self.loaded.chart,
                    geo,
                    view,
                    library: &self.library,
                    plan: self.plan.plan(),
                    selected: self.selected,
                    overlays,
                    error,
                },
            ),
            Mode::Plan => {
                let screening = evaluate(&self.library.rules, self.plan.plan());
                self.plan_view.ui(
                    ui,
                    &mut self.map,
                    &PlanInput {
                        doc: &self.plan,
                        screening: &screening,
                        chart: &self.loaded.chart,
                        plan_chart: match self.plan.plan().limb {
                            l if l == self.loaded.chart.limb => &self.loaded.chart,
                            l => self.builtin.get(l),
                        },
                        geo,
                        library: &self.library,
                        selected: self.selected,
                        overlays,
                        error,
                        open_after_export: self.settings.open_after_export,
                    },
                )
            }
            Mode::Study => {
                let chart = self.loaded.study_chart(&self.library);
                self.study_view.ui(ui, &self.study, chart, overlays, error)
            }
            Mode::Clients => self.clients_view.ui(
                ui,
                &ClientsInput {
                    book: &self.clients,
                    library: &self.library,
                    open_plan: self.plan.plan(),
                    chart: &self.loaded.chart,
                    geometry: &self.loaded.geometry,
                    privacy: self.settings.privacy,
                    lock_minutes: self.settings.lock_minutes,
                },
            ),
        });
        commands.extend(self.evidence.show(&ctx, &self.loaded.chart, &self.library));
        commands.extend(self.dialogs.ui(&ctx, &self.plan));
        commands.extend(self.file_dialogs.ui(&ctx).map(Command::FilePicked));
        for command in commands {
            self.apply(&ctx, command);
        }
        if let Some(seconds) = self.plan.autosave_tick(ctx.input(|i| i.time)) {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(seconds));
        }
        self.lock_when_idle(&ctx);
    }

    /// Lock the records after the chosen idle time (any input counts as use), with one frame
    /// asked for at the moment they are due to lock, never a frame before.
    fn lock_when_idle(&mut self, ctx: &egui::Context) {
        // Locked, from any mode: the view's copies of client data go at once.
        if self.clients.access == crate::records::book::Access::Locked
            && !self.clients_view.is_forgotten()
        {
            self.clients_view.forget(ctx);
        }
        let now = self.clients.clock.now();
        let used = ctx.input(|i| {
            i.raw
                .events
                .iter()
                .any(|e| !matches!(e, egui::Event::WindowFocused(_)))
        });
        if used || !self.clients.is_open() {
            self.last_input = now;
        }
        if !self.clients.is_open() {
            return;
        }
        let limit = f64::from(self.settings.lock_minutes.max(1)) * 60.0;
        let idle = now - self.last_input;
        if idle >= limit {
            self.clients.lock();
            self.clients_view.forget(ctx);
            ctx.request_repaint();
        } else {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(limit - idle));
        }
    }

    fn shortcuts(&mut self, ctx: &egui::Context) -> Vec<Command> {
        let mut commands = Vec::new();
        let lock = KeyboardShortcut::new(Modifiers::COMMAND, Key::L);
        if ctx.input_mut(|i| i.consume_shortcut(&lock)) {
            commands.push(Command::Clients(ClientsCommand::Access(
                crate::records::book::AccessCommand::Lock,
            )));
        }
        let find = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
        if ctx.input_mut(|i| i.consume_shortcut(&find)) {
            commands.push(Command::FocusSearch);
        }
        let map = KeyboardShortcut::new(Modifiers::COMMAND, Key::M);
        if ctx.input_mut(|i| i.consume_shortcut(&map)) {
            commands.push(Command::FocusMap);
        }
        for (modifiers, backwards) in [(Modifiers::SHIFT, true), (Modifiers::NONE, false)] {
            if ctx.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(modifiers, Key::F6))) {
                commands.push(Command::CyclePanels { backwards });
            }
        }
        let text_focused = ctx.memory(|m| m.focused().is_some()) && ctx.egui_wants_keyboard_input();
        let shortcuts = [
            (
                KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::S),
                Command::PickFile(FilePurpose::SavePlan),
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND, Key::S),
                Command::SavePlan,
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND, Key::O),
                Command::PickFile(FilePurpose::OpenPlan),
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z),
                Command::Plan(PlanCommand::Redo),
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND, Key::Z),
                Command::Plan(PlanCommand::Undo),
            ),
        ];
        for (shortcut, command) in shortcuts {
            // Why: inside a text field Ctrl+Z belongs to the field's own undo.
            let is_history = matches!(
                command,
                Command::Plan(PlanCommand::Undo | PlanCommand::Redo)
            );
            // Why not in Clients: there the plan is out of sight, and records have no undo
            // (a draft saves as typed; a signed session gains addenda).
            let hidden_plan = self.settings.mode == Mode::Clients;
            if (!is_history || (!text_focused && !hidden_plan))
                && ctx.input_mut(|i| i.consume_shortcut(&shortcut))
            {
                commands.push(command);
            }
        }
        let nothing_focused = ctx.memory(|m| m.focused().is_none());
        if nothing_focused && ctx.input(|i| i.key_pressed(Key::Escape)) {
            commands.push(Command::SelectZone(None));
        }
        let dropped = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .find(|p| !p.as_os_str().is_empty())
        });
        // Why: in Clients a dropped photo is the inspection's, never a chart to load.
        let dropped = dropped
            .filter(|p| !(self.settings.mode == Mode::Clients && crate::ui::clients::is_image(p)));
        commands.extend(dropped.map(Command::LoadChart));
        commands
    }
}

impl ReflexApp {
    /// The window title: the plan's file, an unsaved marker, and a chart opened from disk.
    fn update_title(&mut self, ctx: &egui::Context) {
        let file = |p: &Path| {
            p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
        };
        let dirty = self.plan.is_dirty();
        let mut title = match (self.plan.path(), dirty) {
            (Some(p), _) => format!("{} — reflexmap", file(p)),
            (None, true) => "Untitled plan — reflexmap".to_owned(),
            (None, false) => "reflexmap".to_owned(),
        };
        if dirty {
            title = format!("• {title}");
        }
        if let Some(p) = &self.loaded.path {
            title = format!("{title} [{}]", file(p));
        }
        // The accessibility tree's window node is rebuilt every frame; a screen reader names
        // the window (the AT-SPI frame) from it, not from the title bar.
        ctx.accesskit_node_builder(egui::accesskit_root_id(), |n| n.set_label(title.clone()));
        if title != self.last_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.last_title = title;
        }
    }
}

pub use crate::window::run_native;

/// What a records file purpose exports.
fn purpose_kind(purpose: FilePurpose) -> ExportKind {
    match purpose {
        FilePurpose::ExportReport => ExportKind::Report,
        FilePurpose::ExportDiarySheet => ExportKind::DiarySheet,
        _ => ExportKind::ScoresCsv,
    }
}
