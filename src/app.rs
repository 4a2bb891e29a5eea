//! The eframe app: owns the state, lays out the panels and applies the views' commands.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use egui::{Key, KeyboardShortcut, Modifiers, RichText};
use serde::{Deserialize, Serialize};

use crate::geometry::ChartGeometry;
use crate::load::{self, Content, Problems, SourceText};
use crate::model::{BodySystem, Chart, FootSel, ViewKind};
use crate::search::ZoneSearch;
use crate::ui::evidence_window::EvidenceWindow;
use crate::ui::map_view::{MapCamera, MapInput, Overlays, map_ui};
use crate::ui::search_bar::SearchBar;
use crate::ui::{Command, detail_panel, theme};

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
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            view: ViewKind::Plantar,
            feet: FootSel::Both,
            overlays: Overlays::default(),
            theme: ThemeChoice::System,
        }
    }
}

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
    library: crate::model::Library,
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
}

impl ReflexApp {
    /// Start with the embedded content and the settings remembered by eframe.
    pub fn new(cc: &eframe::CreationContext<'_>) -> Self {
        let settings = cc
            .storage
            .and_then(|s| eframe::get_value::<Settings>(s, eframe::APP_KEY))
            .unwrap_or_default();
        match load::embedded_content() {
            Ok(content) => Self::with_content(&cc.egui_ctx, content, settings),
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
        Self {
            settings,
            library: content.library,
            loaded: LoadedChart::new(content.chart, None),
            selected: None,
            camera: MapCamera::default(),
            search: SearchBar::default(),
            evidence: EvidenceWindow::default(),
            error: None,
            hovered: None,
            last_title: String::new(),
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
                self.selected = keep.and_then(|id| self.loaded.chart.zone_index(&id));
                self.camera = MapCamera::default();
                self.error = None;
            }
            Err(problems) => self.error = Some(error_text(&name, &problems)),
        }
    }

    fn apply(&mut self, ctx: &egui::Context, command: Command) {
        match command {
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
                    self.selected = None;
                    self.error = None;
                }
            }
            Command::ShowEvidence(claim) => self.evidence.open_on(claim),
            Command::OpenUrl(url) => ctx.open_url(egui::OpenUrl::new_tab(url)),
        }
    }

    fn shortcuts(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let find = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
        let open = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
        if ctx.input_mut(|i| i.consume_shortcut(&find)) {
            self.search.focus_next = true;
        }
        if ctx.input_mut(|i| i.consume_shortcut(&open)) {
            commands.push(Command::OpenChartDialog);
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
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
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
            ui.toggle_value(&mut self.settings.overlays.guides, "Guide lines");
            ui.toggle_value(&mut self.settings.overlays.longitudinal, "Zones 1–10");
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
            ui.separator();
            if ui.button("Evidence & sources").clicked() {
                commands.push(Command::ShowEvidence(None));
            }
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
        let title = match &self.loaded.path {
            Some(p) => format!(
                "reflexmap — {}",
                p.file_name().map_or_else(
                    || p.display().to_string(),
                    |n| n.to_string_lossy().into_owned()
                )
            ),
            None => "reflexmap".to_owned(),
        };
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

impl eframe::App for ReflexApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let mut commands = Vec::new();
        self.shortcuts(&ctx, &mut commands);
        self.update_title(&ctx);

        egui::Panel::top("menu").show(ui, |ui| {
            self.menu_ui(ui, &mut commands);
            self.toolbar_ui(ui, &mut commands);
            ui.add_space(2.0);
        });
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
                                commands.extend(detail_panel::detail_ui(
                                    ui,
                                    &self.library,
                                    zone,
                                    self.settings.view,
                                ));
                            }
                            None => detail_panel::empty_ui(ui, &self.loaded.chart),
                        }
                    });
            });
        let geo_key = (self.settings.view, self.settings.feet);
        egui::Panel::bottom("legend").show(ui, |ui| {
            ui.add_space(2.0);
            self.legend_ui(ui, self.hovered);
        });
        egui::CentralPanel::default().show(ui, |ui| {
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
            let geo = self.loaded.geometry.get(geo_key.0, geo_key.1);
            let (c, h) = map_ui(
                ui,
                &mut self.camera,
                &MapInput {
                    chart: &self.loaded.chart,
                    geo,
                    selected: self.selected,
                    overlays: self.settings.overlays,
                },
            );
            commands.extend(c);
            self.hovered = h;
        });
        commands.extend(self.evidence.show(&ctx, &self.loaded.chart, &self.library));
        for c in commands {
            self.apply(&ctx, c);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
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
