//! The eframe app: owns the state, lays out the panels and applies the views' commands.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use egui::{Key, KeyboardShortcut, Modifiers, RichText};
use serde::{Deserialize, Serialize};

use crate::geometry::ChartGeometry;
use crate::load::{self, Content, Problems, SourceText};
use crate::model::{BodySystem, Chart, FootSel, ViewKind};
use crate::plan::{Autosave, Plan, PlanEditor, PlanStep, evaluate};
use crate::search::ZoneSearch;
use crate::study::{self, Drills, Item, Progress, ProgressStore, Quiz, QuizRecord, Sources};
use crate::ui::evidence_window::EvidenceWindow;
use crate::ui::map_view::{MapCamera, MapInput, Overlays, PlanMarks, map_ui};
use crate::ui::planner_view::{
    PlanCommand, PlannerState, follow_move, follow_remove, verdict_banner,
};
use crate::ui::search_bar::SearchBar;
use crate::ui::study_view::{self, StudyCommand, StudyState};
use crate::ui::{Command, Mode, detail_panel, theme};

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
    /// Explore or Plan.
    pub mode: Mode,
    /// Recently opened or saved plans, newest first.
    pub recent_plans: Vec<PathBuf>,
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
        }
    }
}

/// How many recent plans the File menu lists.
const RECENT_PLANS: usize = 8;
/// Seconds between autosaves of unsaved work.
const AUTOSAVE_SECONDS: f64 = 5.0;

/// A chart with everything derived from it once.
struct LoadedChart {
    chart: Chart,
    geometry: ChartGeometry,
    search: ZoneSearch,
    /// Where it came from (`None` = embedded).
    path: Option<PathBuf>,
}

impl LoadedChart {
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
    library: std::sync::Arc<crate::model::Library>,
    loaded: LoadedChart,
    selected: Option<usize>,
    camera: MapCamera,
    search: SearchBar,
    evidence: EvidenceWindow,
    /// A load failure to show until dismissed.
    error: Option<String>,
    /// The zone under the pointer last frame (for the status bar).
    hovered: Option<usize>,
    last_title: String,
    /// The session plan with its undo history.
    editor: PlanEditor,
    /// Where the plan was last opened from or saved to.
    plan_path: Option<PathBuf>,
    planner: PlannerState,
    /// Where unsaved work is autosaved (None in tests and when there is no data directory).
    autosave: Option<Autosave>,
    /// When the pending autosave is due (egui time).
    autosave_due: Option<f64>,
    /// The plan as last autosaved.
    last_autosaved: Option<Plan>,
    /// A plan found in the autosave at start, offered back to the user.
    recovery: Option<Plan>,
    /// Asking whether to save before closing.
    confirm_close: bool,
    /// Planner commands raised outside the planner view (shortcuts, dialogs).
    pending_plan: Vec<PlanCommand>,
    /// The last file operation's outcome, shown in the plan panel.
    status: Option<String>,
    /// Safety vignettes and claim statements for Study mode.
    drills: Drills,
    /// Every quiz item for the loaded chart.
    study_items: Vec<Item>,
    /// The student's Leitner boxes and score history.
    progress: Progress,
    /// Where progress is kept (None in tests unless given, and without a data directory).
    progress_store: Option<ProgressStore>,
    /// Study mode's runtime state.
    study: StudyState,
    /// A problem with the progress file or the drills, shown in Study mode until dismissed.
    study_warning: Option<String>,
    /// Today, as days since 1970 (fixed for the session so a quiz stays consistent).
    today: i64,
}

impl ReflexApp {
    /// Start with the embedded content and the settings remembered by eframe.
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
                app.study.setup.seed = fresh_seed(app.study.setup.seed);
                app.autosave = Autosave::default_location();
                app.recovery = app.autosave.as_ref().and_then(Autosave::recoverable);
                app
            }
            Err(problems) => {
                // Why: `cargo test` checks the embedded files, so this only happens on a broken
                // build; show what is wrong rather than refusing to start.
                let content = Content {
                    chart: fallback_chart(),
                    library: crate::model::Library::default(),
                };
                let mut app = Self::with_content(&cc.egui_ctx, content, settings);
                app.error = Some(error_text("the built-in chart", &problems));
                app
            }
        }
    }

    /// Start with given content and settings (tests use this with fixed settings).
    pub fn with_content(ctx: &egui::Context, content: Content, settings: Settings) -> Self {
        theme::apply(ctx);
        ctx.set_theme(settings.theme.preference());
        let (drills, study_warning) = match study::embedded_drills(&content.library) {
            Ok(d) => (d, None),
            Err(problems) => (
                Drills::default(),
                Some(error_text("the built-in study drills", &problems)),
            ),
        };
        let loaded = LoadedChart::new(content.chart, None);
        let study_items =
            study::catalog(&loaded.chart, &loaded.geometry, &content.library, &drills);
        Self {
            settings,
            library: std::sync::Arc::new(content.library),
            loaded,
            selected: None,
            camera: MapCamera::default(),
            search: SearchBar::default(),
            evidence: EvidenceWindow::default(),
            error: None,
            hovered: None,
            last_title: String::new(),
            editor: PlanEditor::new(Plan::default()),
            plan_path: None,
            planner: PlannerState::default(),
            autosave: None,
            autosave_due: None,
            last_autosaved: None,
            recovery: None,
            confirm_close: false,
            pending_plan: Vec::new(),
            status: None,
            drills,
            study_items,
            progress: Progress::default(),
            progress_store: None,
            study: StudyState::default(),
            study_warning,
            today: study::progress::today(),
        }
    }

    /// Keep study progress in this store: reads it now (a damaged file is reported, kept aside
    /// and replaced) and saves after every answer.
    pub fn with_progress_store(mut self, store: ProgressStore) -> Self {
        let opened = store.open();
        self.progress = opened.progress;
        if opened.warning.is_some() {
            self.study_warning = opened.warning;
        }
        self.progress_store = Some(store);
        self
    }

    /// The student's progress.
    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    /// Study mode's state (the setup, the quiz under way).
    pub fn study(&self) -> &StudyState {
        &self.study
    }

    /// Study mode's state, to set a seed or filters before starting (tests, demos).
    pub fn study_mut(&mut self) -> &mut StudyState {
        &mut self.study
    }

    /// Every quiz item for the loaded chart.
    pub fn study_items(&self) -> &[Item] {
        &self.study_items
    }

    /// A problem with the progress file or drills, if one is being shown.
    pub fn study_warning(&self) -> Option<&str> {
        self.study_warning.as_deref()
    }

    /// The geometry of a view with both feet (what study questions show).
    pub fn geometry(&self, view: ViewKind, feet: FootSel) -> &crate::geometry::ViewGeometry {
        self.loaded.geometry.get(view, feet)
    }

    fn study_sources(&self) -> Sources<'_> {
        Sources {
            chart: &self.loaded.chart,
            geometry: &self.loaded.geometry,
            library: &self.library,
            drills: &self.drills,
        }
    }

    fn save_progress(&mut self) {
        if let Some(store) = &self.progress_store
            && let Err(e) = store.save(&self.progress)
        {
            self.study_warning = Some(format!("Could not save your study progress: {e}"));
        }
    }

    fn record_quiz(&mut self, record: Option<QuizRecord>) {
        if let Some(r) = record {
            self.progress.history.push(r);
        }
        self.save_progress();
    }

    /// Apply a study command.
    pub fn apply_study(&mut self, command: StudyCommand) {
        match command {
            StudyCommand::Start => {
                if let Some(q) = self.study.quiz.take().filter(|q| !q.finished()) {
                    self.record_quiz(q.record(self.today));
                }
                let quiz = Quiz::build(
                    self.study.setup,
                    &self.study_items,
                    &self.progress,
                    self.today,
                    self.study_sources(),
                );
                self.study.quiz = Some(quiz);
                self.study.question_changed();
            }
            StudyCommand::Answer(response) => {
                let src = Sources {
                    chart: &self.loaded.chart,
                    geometry: &self.loaded.geometry,
                    library: &self.library,
                    drills: &self.drills,
                };
                let Some(quiz) = &mut self.study.quiz else {
                    return;
                };
                if quiz
                    .answer(response, &mut self.progress, self.today, src)
                    .is_some()
                {
                    self.save_progress();
                }
            }
            StudyCommand::Next => {
                let Some(quiz) = &mut self.study.quiz else {
                    return;
                };
                let before = quiz.finished();
                if quiz.advance() && !before {
                    let record = quiz.record(self.today);
                    self.record_quiz(record);
                }
                self.study.question_changed();
            }
            StudyCommand::Stop => {
                if let Some(q) = self.study.quiz.take()
                    && !q.finished()
                {
                    self.record_quiz(q.record(self.today));
                }
                self.study.question_changed();
            }
            StudyCommand::NewSeed => {
                self.study.setup.seed = fresh_seed(self.study.setup.seed);
            }
            StudyCommand::ReviewMisses => {
                let Some(done) = &self.study.quiz else {
                    return;
                };
                let missed: Vec<&str> = done
                    .questions
                    .iter()
                    .zip(&done.outcomes)
                    .filter(|(_, o)| !o.right)
                    .map(|(a, _)| a.key.as_str())
                    .collect();
                let items: Vec<Item> = self
                    .study_items
                    .iter()
                    .filter(|i| missed.contains(&i.key.as_str()))
                    .cloned()
                    .collect();
                let setup = study::QuizSetup {
                    filters: study::Filters::default(),
                    count: items.len(),
                    ..done.setup
                };
                let quiz = Quiz::build(
                    setup,
                    &items,
                    &self.progress,
                    self.today,
                    self.study_sources(),
                );
                self.study.quiz = Some(quiz);
                self.study.question_changed();
            }
            StudyCommand::DismissWarning => self.study_warning = None,
        }
    }

    /// The plan being edited.
    pub fn plan(&self) -> &Plan {
        self.editor.plan()
    }

    /// Whether the plan has unsaved changes.
    pub fn plan_is_dirty(&self) -> bool {
        self.editor.is_dirty()
    }

    /// The last file operation's message.
    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    /// Save the plan to a file (atomic); remembers the path.
    pub fn save_plan_to(&mut self, path: &Path) -> Result<(), String> {
        crate::plan::save_plan(path, self.editor.plan()).map_err(|e| e.to_string())?;
        self.editor.mark_saved();
        self.plan_path = Some(path.to_owned());
        self.remember_plan(path);
        self.status = Some(format!("Saved {}", path.display()));
        if let Some(a) = &self.autosave {
            a.clear();
        }
        Ok(())
    }

    /// Open a plan file; a broken file changes nothing and reports `file:line:col`.
    pub fn open_plan(&mut self, path: &Path) {
        let name = path.display().to_string();
        let result = load::read_text(path).and_then(|text| {
            crate::plan::load_plan(
                &SourceText {
                    name: &name,
                    text: &text,
                },
                &self.loaded.chart,
                &self.library,
            )
        });
        match result {
            Ok(loaded) => {
                self.editor = PlanEditor::new(loaded.plan);
                self.planner = PlannerState::default();
                self.plan_path = Some(path.to_owned());
                self.remember_plan(path);
                self.status = Some(if loaded.warnings.is_empty() {
                    format!("Opened {name}")
                } else {
                    let w: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
                    format!("Opened {name} with warnings:\n{}", w.join("\n"))
                });
                self.settings.mode = Mode::Plan;
            }
            Err(problems) => {
                self.error =
                    Some(error_text(&name, &problems).replace("current chart", "current plan"))
            }
        }
    }

    /// Export the printable PDF to a file.
    pub fn export_pdf_to(&mut self, path: &Path) -> Result<(), String> {
        let bytes = crate::export::plan_pdf(self.editor.plan(), &self.loaded.chart, &self.library)
            .map_err(|e| e.to_string())?;
        crate::save::write_atomic(path, &bytes).map_err(|e| e.to_string())?;
        let referral = !evaluate(&self.library.rules, self.editor.plan()).allows_treatment();
        self.status = Some(format!(
            "Exported {}{}",
            path.display(),
            if referral {
                " (a referral note only: screening says stop)"
            } else {
                ""
            }
        ));
        Ok(())
    }

    fn remember_plan(&mut self, path: &Path) {
        self.settings.recent_plans.retain(|p| p != path);
        self.settings.recent_plans.insert(0, path.to_owned());
        self.settings.recent_plans.truncate(RECENT_PLANS);
    }

    /// Apply a planner command (also used by tests).
    pub fn apply_plan(&mut self, ctx: &egui::Context, command: PlanCommand) {
        match command {
            PlanCommand::Commit(plan) => {
                self.editor.apply(|p| *p = *plan);
            }
            PlanCommand::SetAnswer(rule, answer) => self.editor.set_answer(&rule, answer),
            PlanCommand::LoadTemplate(id) => {
                if let Some(t) = self.library.template(&id) {
                    self.editor.load_template(t);
                }
            }
            // Why here: buttons, Alt+↑/↓ and drag-and-drop all move steps through this
            // command, and the open step must follow the step, not stay on the index.
            PlanCommand::MoveStep(from, to) => {
                if self.editor.move_step(from, to) {
                    let to = to.min(self.editor.plan().steps.len().saturating_sub(1));
                    let open = &mut self.planner.selected_step;
                    *open = follow_move(*open, from, to);
                }
            }
            PlanCommand::RemoveStep(i) => {
                if self.editor.remove_step(i).is_some() {
                    let open = &mut self.planner.selected_step;
                    *open = follow_remove(*open, i);
                }
            }
            PlanCommand::LowerToCap(cap) => {
                let n = self.editor.lower_to_cap(cap);
                self.status = Some(format!(
                    "Lowered {n} step(s) to {}",
                    cap.label().to_lowercase()
                ));
            }
            PlanCommand::Undo => {
                self.editor.undo();
            }
            PlanCommand::Redo => {
                self.editor.redo();
            }
            PlanCommand::New => {
                self.editor = PlanEditor::new(Plan::default());
                self.plan_path = None;
                self.planner = PlannerState::default();
            }
            PlanCommand::Open => {
                if let Some(path) = rfd::FileDialog::new()
                    .set_title("Open plan")
                    .add_filter("reflexmap plan", &["ron"])
                    .pick_file()
                {
                    self.open_plan(&path);
                }
            }
            PlanCommand::Save => match self.plan_path.clone() {
                Some(path) => {
                    if let Err(e) = self.save_plan_to(&path) {
                        self.error = Some(e);
                    }
                }
                None => self.apply_plan(ctx, PlanCommand::SaveAs),
            },
            PlanCommand::SaveAs => {
                let name = plan_file_name(self.editor.plan());
                if let Some(path) = rfd::FileDialog::new()
                    .set_title("Save plan")
                    .set_file_name(name)
                    .add_filter("reflexmap plan", &["ron"])
                    .save_file()
                    && let Err(e) = self.save_plan_to(&path)
                {
                    self.error = Some(e);
                }
            }
            PlanCommand::ExportPdf => {
                let name = plan_file_name(self.editor.plan()).replace(".plan.ron", ".pdf");
                if let Some(path) = rfd::FileDialog::new()
                    .set_title("Export PDF")
                    .set_file_name(name)
                    .add_filter("PDF", &["pdf"])
                    .save_file()
                {
                    match self.export_pdf_to(&path) {
                        Ok(()) if self.planner.open_after_export => {
                            ctx.open_url(egui::OpenUrl::new_tab(format!(
                                "file://{}",
                                path.display()
                            )));
                        }
                        Ok(()) => {}
                        Err(e) => self.error = Some(e),
                    }
                }
            }
        }
    }

    /// The selected zone's id (for tests and the title).
    pub fn selected_zone(&self) -> Option<&str> {
        self.selected
            .map(|i| self.loaded.chart.zones[i].id.as_str())
    }

    /// Current settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The chart shown.
    pub fn chart(&self) -> &Chart {
        &self.loaded.chart
    }

    /// How many graded claims the library holds.
    pub fn library_claims(&self) -> usize {
        self.library.evidence.claims.len()
    }

    /// The current load error, if any.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// Load a chart file; on failure keep the current chart and show the problems.
    pub fn load_chart_file(&mut self, path: &Path) {
        let name = path.display().to_string();
        let result = load::read_text(path).and_then(|text| {
            load::load_chart_with_library(
                &SourceText {
                    name: &name,
                    text: &text,
                },
                &self.library,
            )
        });
        match result {
            Ok(chart) => {
                let keep = self.selected.map(|i| self.loaded.chart.zones[i].id.clone());
                self.loaded = LoadedChart::new(chart, Some(path.to_owned()));
                self.chart_changed();
                self.selected = keep.and_then(|id| self.loaded.chart.zone_index(&id));
                self.camera = MapCamera::default();
                self.error = None;
            }
            Err(problems) => self.error = Some(error_text(&name, &problems)),
        }
    }

    /// A new chart: zone indices change, so rebuild the quiz items and drop a running quiz.
    fn chart_changed(&mut self) {
        self.study_items = study::catalog(
            &self.loaded.chart,
            &self.loaded.geometry,
            &self.library,
            &self.drills,
        );
        if let Some(q) = self.study.quiz.take()
            && !q.finished()
        {
            self.record_quiz(q.record(self.today));
        }
        self.study.question_changed();
    }

    fn apply(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::StudyClick(p) => {
                let open_locate = self.study.quiz.as_ref().is_some_and(|q| {
                    q.current_outcome().is_none()
                        && matches!(
                            q.current().map(|a| &a.question),
                            Some(study::Question::Locate { .. })
                        )
                });
                if open_locate {
                    self.apply_study(StudyCommand::Answer(study::Response::Click(p)));
                }
            }
            Command::SelectZone(z) => self.selected = z,
            Command::RevealZone(z) => {
                self.selected = Some(z);
                let (view, feet) = (self.settings.view, self.settings.feet);
                let geometry = &self.loaded.geometry;
                if !geometry.get(view, feet).shows_zone(z) {
                    // Prefer the current view, then the zone's own views; keep the foot
                    // selection when it shows the zone there.
                    let views = std::iter::once(view).chain(self.loaded.chart.zones[z].views());
                    let found = views
                        .into_iter()
                        .find(|v| geometry.get(*v, FootSel::Both).shows_zone(z));
                    if let Some(v) = found {
                        if !geometry.get(v, feet).shows_zone(z) {
                            self.settings.feet = FootSel::Both;
                        }
                        self.settings.view = v;
                        self.camera = MapCamera::default();
                    }
                }
            }
            Command::SetView(v) => {
                self.settings.view = v;
                self.camera = MapCamera::default();
            }
            Command::SetFeet(f) => {
                self.settings.feet = f;
                self.camera = MapCamera::default();
            }
            Command::ResetView => self.camera = MapCamera::default(),
            Command::OpenChartDialog => {
                if let Some(path) = rfd::FileDialog::new()
                    .set_title("Open chart")
                    .add_filter("reflexmap chart", &["ron"])
                    .pick_file()
                {
                    self.load_chart_file(&path);
                }
            }
            Command::LoadChart(path) => self.load_chart_file(&path),
            Command::LoadStandardChart => {
                if let Ok(chart) =
                    load::load_chart_with_library(&load::STANDARD_CHART, &self.library)
                {
                    self.loaded = LoadedChart::new(chart, None);
                    self.chart_changed();
                    self.selected = None;
                    self.error = None;
                }
            }
            Command::ShowEvidence(claim) => self.evidence.open_on(claim),
            Command::AddToPlan(zone, foot) => {
                let z = &self.loaded.chart.zones[zone];
                let cap = evaluate(&self.library.rules, self.editor.plan()).pressure_cap;
                let pressure = cap.map_or(z.pressure.min, |c| c.min(z.pressure.min));
                let step = PlanStep {
                    zone: Some(z.id.clone()),
                    title: None,
                    foot: if foot == FootSel::Both {
                        z.feet()
                    } else {
                        foot
                    },
                    technique: z.techniques.first().cloned().unwrap_or_default(),
                    pressure,
                    minutes: z.minutes.1.max(0.5),
                    note: String::new(),
                };
                let at = self.editor.plan().steps.len();
                self.editor.add_step(at, step);
                self.planner.selected_step = Some(at);
                self.status = Some(format!("Added {} as step {}", z.name, at + 1));
            }
            Command::SetMode(m) => self.settings.mode = m,
            Command::OpenUrl(url) => ctx.open_url(egui::OpenUrl::new_tab(url)),
        }
    }

    fn shortcuts(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let find = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
        if ctx.input_mut(|i| i.consume_shortcut(&find)) {
            self.search.focus_next = true;
        }
        let text_focused = ctx.memory(|m| m.focused().is_some()) && ctx.egui_wants_keyboard_input();
        let shortcuts = [
            (
                KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::S),
                PlanCommand::SaveAs,
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND, Key::S),
                PlanCommand::Save,
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND, Key::O),
                PlanCommand::Open,
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z),
                PlanCommand::Redo,
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND, Key::Z),
                PlanCommand::Undo,
            ),
        ];
        for (shortcut, command) in shortcuts {
            // Why: inside a text field Ctrl+Z belongs to the field's own undo.
            let is_history = matches!(command, PlanCommand::Undo | PlanCommand::Redo);
            if (!is_history || !text_focused) && ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.pending_plan.push(command);
            }
        }
        let nothing_focused = ctx.memory(|m| m.focused().is_none());
        if nothing_focused && ctx.input(|i| i.key_pressed(Key::Escape)) {
            commands.push(Command::SelectZone(None));
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            commands.push(Command::LoadChart(path));
        }
    }

    fn menu_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui.button("New plan").clicked() {
                    self.pending_plan.push(PlanCommand::New);
                    commands.push(Command::SetMode(Mode::Plan));
                }
                if ui.button("Open plan…  (Ctrl+O)").clicked() {
                    self.pending_plan.push(PlanCommand::Open);
                }
                ui.menu_button("Open recent plan", |ui| {
                    if self.settings.recent_plans.is_empty() {
                        ui.label("No recent plans");
                    }
                    for p in self.settings.recent_plans.clone() {
                        if ui.button(p.display().to_string()).clicked() {
                            self.open_plan(&p);
                        }
                    }
                });
                if ui.button("Save plan  (Ctrl+S)").clicked() {
                    self.pending_plan.push(PlanCommand::Save);
                }
                if ui.button("Save plan as…  (Ctrl+Shift+S)").clicked() {
                    self.pending_plan.push(PlanCommand::SaveAs);
                }
                if ui.button("Export PDF…").clicked() {
                    self.pending_plan.push(PlanCommand::ExportPdf);
                }
                ui.separator();
                if ui.button("Open chart…").clicked() {
                    commands.push(Command::OpenChartDialog);
                }
                if ui
                    .add_enabled(
                        self.loaded.path.is_some(),
                        egui::Button::new("Back to the standard chart"),
                    )
                    .clicked()
                {
                    commands.push(Command::LoadStandardChart);
                }
                ui.separator();
                if ui.button("Quit").clicked() {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            ui.menu_button("View", |ui| {
                for v in ViewKind::ALL {
                    if ui.radio(self.settings.view == v, v.label()).clicked() {
                        commands.push(Command::SetView(v));
                    }
                }
                ui.separator();
                ui.checkbox(&mut self.settings.overlays.guides, "Guide lines");
                ui.checkbox(
                    &mut self.settings.overlays.longitudinal,
                    "Longitudinal zones",
                );
                ui.checkbox(&mut self.settings.overlays.labels, "Zone labels");
                ui.separator();
                ui.label("Theme");
                for (t, name) in [
                    (ThemeChoice::System, "Follow system"),
                    (ThemeChoice::Light, "Light"),
                    (ThemeChoice::Dark, "Dark"),
                ] {
                    if ui.radio(self.settings.theme == t, name).clicked() {
                        self.settings.theme = t;
                        ui.ctx().set_theme(t.preference());
                    }
                }
            });
            ui.menu_button("Help", |ui| {
                if ui.button("Evidence & sources").clicked() {
                    commands.push(Command::ShowEvidence(None));
                }
                ui.label(format!("reflexmap {}", env!("CARGO_PKG_VERSION")));
            });
            // Why here: the mode toolbar needs its whole width at 1280 px.
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let dark = ui.visuals().dark_mode;
                if ui
                    .button(if dark {
                        "☀ Light theme"
                    } else {
                        "◐ Dark theme"
                    })
                    .on_hover_text("Switch between light and dark")
                    .clicked()
                {
                    self.settings.theme = if dark {
                        ThemeChoice::Light
                    } else {
                        ThemeChoice::Dark
                    };
                    ui.ctx().set_theme(self.settings.theme.preference());
                }
                if ui.button("Evidence & sources").clicked() {
                    commands.push(Command::ShowEvidence(None));
                }
                ui.separator();
                let source = match &self.loaded.path {
                    Some(p) => format!("Chart: {}", p.display()),
                    None => format!("Chart: {} (built in)", self.loaded.chart.name),
                };
                ui.label(RichText::new(source).weak());
            });
        });
    }

    fn toolbar_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        ui.horizontal_wrapped(|ui| {
            for (m, name) in [
                (Mode::Explore, "Explore"),
                (Mode::Plan, "Plan"),
                (Mode::Study, "Study"),
            ] {
                let text = RichText::new(name).strong();
                if ui.selectable_label(self.settings.mode == m, text).clicked() {
                    commands.push(Command::SetMode(m));
                }
            }
            ui.separator();
            // Why Study hides these: a question chooses its own view, and labels or search
            // would give the answers away.
            let study = self.settings.mode == Mode::Study;
            if !study {
                for v in ViewKind::ALL {
                    if ui
                        .selectable_label(self.settings.view == v, v.label())
                        .clicked()
                    {
                        commands.push(Command::SetView(v));
                    }
                }
                ui.separator();
                for (f, name) in [
                    (FootSel::Both, "Both feet"),
                    (FootSel::Left, "Left only"),
                    (FootSel::Right, "Right only"),
                ] {
                    if ui.selectable_label(self.settings.feet == f, name).clicked() {
                        commands.push(Command::SetFeet(f));
                    }
                }
                ui.separator();
            }
            ui.toggle_value(&mut self.settings.overlays.guides, "Guide lines");
            ui.toggle_value(&mut self.settings.overlays.longitudinal, "Zones 1–10");
            if !study {
                ui.toggle_value(&mut self.settings.overlays.labels, "Labels");
                ui.separator();
                if ui
                    .button("Reset view")
                    .on_hover_text("Fit the chart to the window (or double-click the map)")
                    .clicked()
                {
                    commands.push(Command::ResetView);
                }
                ui.separator();
                commands.extend(
                    self.search
                        .ui(ui, &self.loaded.chart, &mut self.loaded.search),
                );
            }
        });
    }

    fn legend_ui(&self, ui: &mut egui::Ui, hovered: Option<usize>) {
        ui.horizontal_wrapped(|ui| {
            let geo = self
                .loaded
                .geometry
                .get(self.settings.view, self.settings.feet);
            for sys in BodySystem::ALL {
                if !geo
                    .pieces
                    .iter()
                    .any(|p| self.loaded.chart.zones[p.zone].system == sys)
                {
                    continue;
                }
                let (r, p) = ui.allocate_painter(egui::vec2(12.0, 12.0), egui::Sense::hover());
                p.rect_filled(r.rect, 3.0, theme::system_color(sys));
                ui.label(sys.label());
            }
            if let Some(z) = hovered {
                ui.separator();
                ui.strong(&self.loaded.chart.zones[z].name);
            }
        });
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let file = |p: &PathBuf| {
            p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
        };
        let dirty = self.editor.is_dirty();
        let mut title = match (&self.plan_path, dirty) {
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
        if title != self.last_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.last_title = title;
        }
    }
}

fn fallback_chart() -> Chart {
    Chart {
        version: 1,
        name: "empty".into(),
        description: String::new(),
        views: Vec::new(),
        longitudinal_bounds: Vec::new(),
        guides: Vec::new(),
        zones: Vec::new(),
    }
}

/// Where a zone stands in the plan, for the Explore panel: "In the plan as steps 4, 18".
fn plan_membership(plan: &Plan, zone: &str) -> String {
    let steps: Vec<String> = plan
        .steps
        .iter()
        .enumerate()
        .filter(|(_, s)| s.zone.as_deref() == Some(zone))
        .map(|(i, _)| (i + 1).to_string())
        .collect();
    match (steps.as_slice(), plan.steps.len()) {
        ([], 0) => "The plan is empty".to_owned(),
        ([], n) => format!("Not in the plan ({n} steps)"),
        ([one], _) => format!("In the plan as step {one}"),
        (many, _) => format!("In the plan as steps {}", many.join(", ")),
    }
}

/// A default file name for a plan: initials and date when known.
fn plan_file_name(plan: &Plan) -> String {
    let mut parts: Vec<&str> = Vec::new();
    if !plan.client_initials.trim().is_empty() {
        parts.push(plan.client_initials.trim());
    }
    if !plan.date.trim().is_empty() {
        parts.push(plan.date.trim());
    }
    if parts.is_empty() {
        parts.push("session");
    }
    format!("{}.plan.ron", parts.join("-"))
}

fn error_text(name: &str, problems: &Problems) -> String {
    let mut lines: Vec<String> = problems.0.iter().take(8).map(|p| p.to_string()).collect();
    if problems.0.len() > 8 {
        lines.push(format!("… and {} more", problems.0.len() - 8));
    }
    format!(
        "Could not open {name}; the current chart is unchanged.\n{}",
        lines.join("\n")
    )
}

impl ReflexApp {
    fn error_banner(&mut self, ui: &mut egui::Ui) {
        if let Some(err) = self.error.clone() {
            egui::Frame::new()
                .fill(theme::error_fill(ui.visuals().dark_mode))
                .corner_radius(6)
                .inner_margin(8)
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal(|ui| {
                        ui.label(RichText::new(&err).monospace());
                        if ui.button("Dismiss").clicked() {
                            self.error = None;
                        }
                    });
                });
        }
    }

    fn plan_marks(&self, screening: &crate::plan::Screening) -> PlanMarks {
        let mut marks = PlanMarks::default();
        for (i, step) in self.editor.plan().steps.iter().enumerate() {
            let Some(z) = step
                .zone
                .as_deref()
                .and_then(|z| self.loaded.chart.zone_index(z))
            else {
                continue;
            };
            match marks
                .steps
                .iter_mut()
                .find(|(zz, f, _)| *zz == z && *f == step.foot)
            {
                Some(entry) => entry.2.push(i + 1),
                None => marks.steps.push((z, step.foot, vec![i + 1])),
            }
        }
        marks.avoided = screening
            .avoid_zones
            .iter()
            .filter_map(|z| self.loaded.chart.zone_index(z))
            .collect();
        for foot in [crate::model::Foot::Left, crate::model::Foot::Right] {
            if screening.avoids_foot(foot) {
                marks.avoided_feet.push(foot);
            }
        }
        marks
    }

    /// Modal questions: recover autosaved work, save before closing.
    fn dialogs(&mut self, ctx: &egui::Context) {
        if self.recovery.is_some() {
            egui::Modal::new(egui::Id::unique("recover_plan")).show(ctx, |ui| {
                ui.heading("Recover unsaved plan?");
                ui.label("reflexmap closed with a plan that had not been saved. Restore it?");
                ui.horizontal(|ui| {
                    if ui.button("Restore").clicked()
                        && let Some(plan) = self.recovery.take()
                    {
                        self.editor = PlanEditor::new_unsaved(plan);
                        self.settings.mode = Mode::Plan;
                    }
                    if ui.button("Discard").clicked() {
                        self.recovery = None;
                        if let Some(a) = &self.autosave {
                            a.clear();
                        }
                    }
                });
            });
        }
        if ctx.input(|i| i.viewport().close_requested())
            && self.editor.is_dirty()
            && !self.confirm_close
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.confirm_close = true;
        }
        if self.confirm_close {
            egui::Modal::new(egui::Id::unique("confirm_close")).show(ctx, |ui| {
                ui.heading("Save the plan before closing?");
                ui.label("The plan has changes that are not saved.");
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        self.confirm_close = false;
                        self.apply_plan(ctx, PlanCommand::Save);
                        if !self.editor.is_dirty() {
                            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                        }
                    }
                    if ui.button("Close without saving").clicked() {
                        if let Some(a) = &self.autosave {
                            a.clear();
                        }
                        self.editor.mark_saved();
                        self.confirm_close = false;
                        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                    }
                    if ui.button("Cancel").clicked() {
                        self.confirm_close = false;
                    }
                });
            });
        }
    }

    /// Write unsaved work to the data directory a few seconds after it changes. Schedules one
    /// repaint for the write, so an idle app with nothing unsaved repaints nothing.
    fn autosave_tick(&mut self, ctx: &egui::Context) {
        let Some(autosave) = &self.autosave else {
            return;
        };
        let plan = self.editor.plan();
        if !self.editor.is_dirty() || self.last_autosaved.as_ref() == Some(plan) {
            self.autosave_due = None;
            return;
        }
        let now = ctx.input(|i| i.time);
        match self.autosave_due {
            None => {
                self.autosave_due = Some(now + AUTOSAVE_SECONDS);
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(AUTOSAVE_SECONDS));
            }
            Some(due) if now >= due => {
                // Why remember the plan even on failure: retrying the same write every few
                // seconds on a full or read-only disk would only repeat the error; the next edit
                // tries again.
                if let Err(e) = autosave.write(plan) {
                    self.status = Some(format!(
                        "Autosave failed ({e}). Your plan is still open: save it with Ctrl+S."
                    ));
                }
                self.last_autosaved = Some(plan.clone());
                self.autosave_due = None;
            }
            Some(due) => ctx.request_repaint_after(std::time::Duration::from_secs_f64(due - now)),
        }
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
    /// One frame of the whole UI. `eframe::App::ui` calls this; benches and tests can call it
    /// with a plain `egui::Context::run_ui`, no eframe window needed.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let mut commands = Vec::new();
        self.shortcuts(&ctx, &mut commands);
        self.update_title(&ctx);
        let plan_mode = self.settings.mode == Mode::Plan;
        let study_mode = self.settings.mode == Mode::Study;
        let mut study_commands = Vec::new();
        // Why an Arc clone: the screening borrows the rules while panels borrow `self` mutably.
        let library = self.library.clone();
        let screening_owned = evaluate(&library.rules, self.editor.plan());
        let marks = plan_mode.then(|| self.plan_marks(&screening_owned));
        let editing = ctx.memory(|m| m.focused().is_some()) || ctx.dragged_id().is_some();
        self.planner.sync(self.editor.plan(), editing);

        egui::Panel::top("menu").show(ui, |ui| {
            self.menu_ui(ui, &mut commands);
            self.toolbar_ui(ui, &mut commands);
            ui.add_space(2.0);
        });
        let mut plan_commands = Vec::new();
        if plan_mode {
            let plan = self.editor.plan().clone();
            egui::Panel::left("screening")
                .resizable(true)
                .default_size(330.0)
                .min_size(260.0)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .auto_shrink([false, false])
                        .show(ui, |ui| {
                            plan_commands.extend(self.planner.screening_ui(
                                ui,
                                &plan,
                                &self.library,
                            ));
                        });
                });
            egui::Panel::right("steps")
                .resizable(true)
                .default_size(theme::DETAIL_WIDTH)
                .min_size(320.0)
                .show(ui, |ui| {
                    ui.heading("Session steps");
                    if let Some(status) = &self.status {
                        ui.label(RichText::new(status).weak().small());
                    }
                    // Why a row even with nothing selected: opening a step selects its zone,
                    // and a row appearing then would push the step list down under the pointer.
                    ui.horizontal(|ui| {
                        let button = ui.text_style_height(&egui::TextStyle::Button)
                            + 2.0 * ui.spacing().button_padding.y;
                        ui.set_min_height(ui.spacing().interact_size.y.max(button));
                        match self.selected.and_then(|i| self.loaded.chart.zones.get(i)) {
                            Some(z) => {
                                ui.label(format!("Selected: {}", z.name));
                                if let Some(i) = self.selected
                                    && ui.button("Add to plan").clicked()
                                {
                                    commands.push(Command::AddToPlan(i, FootSel::Both));
                                }
                            }
                            None => {
                                ui.label(
                                    RichText::new("Click a zone on the map to add it to the plan.")
                                        .weak(),
                                );
                            }
                        }
                    });
                    let history = (self.editor.can_undo(), self.editor.can_redo());
                    let (p, c) = self.planner.steps_ui(
                        ui,
                        &plan,
                        &screening_owned,
                        &self.loaded.chart,
                        &self.library,
                        history,
                    );
                    plan_commands.extend(p);
                    commands.extend(c);
                });
        } else if study_mode {
            egui::Panel::left("study_setup")
                .resizable(true)
                .default_size(340.0)
                .min_size(300.0)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .auto_shrink([false, false])
                        .show(ui, |ui| {
                            study_commands.extend(self.study_setup_ui(ui));
                        });
                });
        } else {
            egui::Panel::right("detail")
                .resizable(true)
                .default_size(theme::DETAIL_WIDTH)
                .min_size(300.0)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .auto_shrink([false, false])
                        .show(ui, |ui| {
                            match self.selected.and_then(|i| self.loaded.chart.zones.get(i)) {
                                Some(zone) => {
                                    let membership = plan_membership(self.editor.plan(), &zone.id);
                                    let index = self.selected.unwrap_or_default();
                                    commands.extend(detail_panel::detail_ui(
                                        ui,
                                        &self.library,
                                        (index, zone),
                                        self.settings.view,
                                        &membership,
                                    ));
                                }
                                None => detail_panel::empty_ui(ui, &self.loaded.chart),
                            }
                        });
                });
        }
        let geo_key = (self.settings.view, self.settings.feet);
        egui::Panel::bottom("legend").show(ui, |ui| {
            ui.add_space(2.0);
            self.legend_ui(ui, if study_mode { None } else { self.hovered });
        });
        egui::CentralPanel::default().show(ui, |ui| {
            self.error_banner(ui);
            if study_mode {
                let (c, s) = self.study_central_ui(ui);
                commands.extend(c);
                study_commands.extend(s);
                return;
            }
            if plan_mode {
                verdict_banner(ui, &screening_owned);
                ui.add_space(4.0);
            }
            let geo = self.loaded.geometry.get(geo_key.0, geo_key.1);
            let (c, h) = map_ui(
                ui,
                &mut self.camera,
                &MapInput {
                    chart: &self.loaded.chart,
                    geo,
                    selected: self.selected,
                    overlays: self.settings.overlays,
                    plan: marks.as_ref(),
                    quiz: None,
                },
            );
            commands.extend(c);
            self.hovered = h;
        });
        commands.extend(self.evidence.show(&ctx, &self.loaded.chart, &self.library));
        self.dialogs(&ctx);
        for c in commands {
            self.apply(&ctx, c);
        }
        plan_commands.append(&mut self.pending_plan);
        for c in plan_commands {
            self.apply_plan(&ctx, c);
        }
        for c in study_commands {
            self.apply_study(c);
        }
        self.autosave_tick(&ctx);
    }

    fn study_setup_ui(&mut self, ui: &mut egui::Ui) -> Vec<StudyCommand> {
        let setup = self.study.setup;
        let matching: Vec<&Item> = self
            .study_items
            .iter()
            .filter(|i| i.kind == setup.kind && setup.filters.accepts(i))
            .collect();
        let counts = study_view::Counts {
            matching: matching.len(),
            due: matching
                .iter()
                .filter(|i| self.progress.due(&i.key, self.today) == study::Due::Due)
                .count(),
            new: matching
                .iter()
                .filter(|i| self.progress.due(&i.key, self.today) == study::Due::New)
                .count(),
        };
        let summary = study::summary(&self.study_items, &self.progress, self.today);
        study_view::setup_ui(ui, &mut self.study, &counts, &summary, &self.progress)
    }

    /// The middle of Study mode: a warning, then the welcome, a question or the results.
    fn study_central_ui(&mut self, ui: &mut egui::Ui) -> (Vec<Command>, Vec<StudyCommand>) {
        let mut commands = Vec::new();
        let mut out = Vec::new();
        if let Some(w) = &self.study_warning {
            let dark = ui.visuals().dark_mode;
            egui::Frame::new()
                .fill(theme::caution_fill(dark))
                .corner_radius(6)
                .inner_margin(8)
                .show(ui, |ui| {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(format!("⚠ {w}"));
                        if ui.button("Dismiss").clicked() {
                            out.push(StudyCommand::DismissWarning);
                        }
                    });
                });
            ui.add_space(4.0);
        }
        let src = Sources {
            chart: &self.loaded.chart,
            geometry: &self.loaded.geometry,
            library: &self.library,
            drills: &self.drills,
        };
        let enter = study_view::enter_pressed(ui);
        let Some(quiz) = &self.study.quiz else {
            study_view::welcome_ui(ui);
            if enter {
                out.push(StudyCommand::Start);
            }
            return (commands, out);
        };
        if quiz.finished() {
            egui::ScrollArea::vertical().show(ui, |ui| {
                out.extend(study_view::summary_ui(ui, quiz, src, &self.progress));
            });
            if enter {
                out.push(StudyCommand::NewSeed);
                out.push(StudyCommand::Start);
            }
            return (commands, out);
        }
        let Some(asked) = quiz.current() else {
            return (commands, out);
        };
        let question = asked.question.clone();
        let answered = quiz.current_outcome().is_some();
        study_view::header_ui(ui, quiz, &self.progress);
        study_view::prompt_ui(ui, &question, src);
        ui.add_space(6.0);
        if let Some((view, foot, zone)) = study_view::map_question(&question) {
            let geo = self
                .loaded
                .geometry
                .get(view, study::quiz::shown_feet(view, foot));
            let click = match quiz.current_outcome().map(|o| &o.response) {
                Some(study::Response::Click(p)) => Some(*p),
                _ => None,
            };
            let click_zone = click.and_then(|p| geo.hit_test(p).map(|z| (z, geo.foot_at(p))));
            let is_locate = matches!(question, study::Question::Locate { .. });
            // Why a side column: the map keeps its size and place while the student answers and
            // reads the feedback, so the click mark stays where the click was.
            egui::Panel::right("study_answer")
                .resizable(false)
                .exact_size(360.0)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .auto_shrink([false, false])
                        .show(ui, |ui| {
                            if is_locate && !answered {
                                ui.label(
                                    "Click the area on the chart. Keyboard: Tab moves between \
                                     areas (named by position only), Enter picks one.",
                                );
                            }
                            out.extend(study_view::name_choices_ui(ui, quiz, src));
                            if answered {
                                ui.add_space(6.0);
                                out.extend(study_view::feedback_ui(ui, quiz, src, click_zone));
                            }
                        });
                });
            let quiz_map = crate::ui::map_view::QuizMap {
                highlight: (answered || !is_locate).then_some((zone, foot)),
                click,
                clickable: is_locate && !answered,
            };
            let mut overlays = self.settings.overlays;
            overlays.labels = false;
            let rect = ui.available_rect_before_wrap();
            let (c, _) = map_ui(
                ui,
                &mut self.study.camera,
                &MapInput {
                    chart: &self.loaded.chart,
                    geo,
                    selected: None,
                    overlays,
                    plan: None,
                    quiz: Some(&quiz_map),
                },
            );
            // Why: the same fit as map_ui, so tests and hints can find a zone on screen.
            let label_margin = if overlays.guides { 86.0 } else { 0.0 };
            self.study.transform = Some(
                self.study
                    .camera
                    .transform(geo, rect.with_min_x(rect.min.x + label_margin)),
            );
            for cmd in c {
                match cmd {
                    Command::StudyClick(_) | Command::ResetView => commands.push(cmd),
                    _ => {}
                }
            }
        } else {
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    ui.set_max_width(820.0);
                    let quiz_answered = answered;
                    out.extend(study_view::card_ui(ui, &mut self.study, src));
                    if quiz_answered && let Some(quiz) = &self.study.quiz {
                        ui.add_space(8.0);
                        out.extend(study_view::feedback_ui(ui, quiz, src, None));
                    }
                });
            if enter && !answered && matches!(question, study::Question::Sequence { .. }) {
                out.push(StudyCommand::Answer(study::Response::Order(
                    self.study.order.clone(),
                )));
            }
        }
        if enter && answered {
            out.push(StudyCommand::Next);
        }
        (commands, out)
    }
}

/// A short, human-friendly seed that differs from the last one.
fn fresh_seed(previous: u64) -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::from(d.subsec_nanos()) ^ d.as_secs());
    let mut rng = study::rng::Rng::new(nanos ^ previous.rotate_left(17));
    loop {
        let seed = rng.next_u64() % 1_000_000;
        if seed != previous {
            return seed;
        }
    }
}

/// Open the app window (the binary with no subcommand).
pub fn run_native() -> ExitCode {
    let icon =
        crate::export::icon_rgba(include_str!("../assets/icon.svg"), 128).map(|(rgba, size)| {
            egui::IconData {
                rgba,
                width: size,
                height: size,
            }
        });
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("reflexmap")
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([800.0, 500.0])
        .with_drag_and_drop(true);
    if let Some(icon) = icon {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    match eframe::run_native(
        "reflexmap",
        options,
        Box::new(|cc| Ok(Box::new(ReflexApp::new(cc)))),
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("reflexmap could not open a window: {e}");
            ExitCode::FAILURE
        }
    }
}
