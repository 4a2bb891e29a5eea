//! egui views, one folder per mode (`explore`, `plan`, `study`) plus the pieces they share
//! (map, detail panel, evidence window, search bar, theme). Each view holds only widget state,
//! reads the app's state and returns [`Command`]s; `app.rs` applies them after the frame.

pub mod chart_paint;
pub mod clients;
pub mod detail_panel;
pub mod dialogs;
pub mod evidence_window;
pub mod explore;
pub mod file_dialog;
pub mod map_marks;
pub mod map_view;
pub mod menu;
pub mod plan;
pub mod regions;
pub mod search_bar;
pub mod study;
pub mod theme;

use std::path::PathBuf;

use egui::{RichText, Ui};

use crate::geometry::ViewGeometry;
use crate::model::{BodySystem, Chart, FootSel, ViewKind, ZoneIdx};
use crate::plan::PlanCommand;
use crate::study::StudyCommand;

/// What a view, a menu or a shortcut asks the app to do, applied after the frame.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Select a zone (or clear the selection).
    SelectZone(Option<ZoneIdx>),
    /// Select a zone and switch to a view where it is visible, if the current one is not.
    RevealZone(ZoneIdx),
    /// Show another view.
    SetView(ViewKind),
    /// Show other feet.
    SetFeet(FootSel),
    /// Turn overlays on or off.
    SetOverlays(map_view::Overlays),
    /// Reset zoom and pan.
    ResetView,
    /// Choose a file with a dialog, for this purpose.
    PickFile(FilePurpose),
    /// A file was chosen in a dialog: carry out what it was chosen for.
    FilePicked(FilePick),
    /// Save the plan to its file, or ask for one the first time.
    SavePlan,
    /// Save the plan, then close the window if it saved.
    SaveAndClose,
    /// Load a chart from disk.
    LoadChart(PathBuf),
    /// Move the plan to the hand chart (offered for a local foot problem only).
    PlanOnHands,
    /// Show one of the embedded charts: the feet or the hands.
    UseBuiltInChart(crate::model::Limb),
    /// Open the Evidence & sources window, optionally on one claim.
    ShowEvidence(Option<String>),
    /// Open a link in the browser.
    OpenUrl(String),
    /// Add a zone to the plan as a new last step.
    AddToPlan(ZoneIdx, FootSel),
    /// Switch between Explore, Plan and Study.
    SetMode(Mode),
    /// Light, dark or follow the system.
    SetTheme(crate::app::ThemeChoice),
    /// Hide the error banner.
    DismissError,
    /// Open exported PDFs in the system viewer, or not.
    SetOpenAfterExport(bool),
    /// Put the keyboard in the zone search field.
    FocusSearch,
    /// Put the keyboard on the map (Ctrl+M).
    FocusMap,
    /// Put the keyboard in the next main panel (F6), or the previous one (Shift+F6).
    CyclePanels {
        /// Shift+F6.
        backwards: bool,
    },
    /// A planner command.
    Plan(PlanCommand),
    /// A study command.
    Study(StudyCommand),
    /// A client-records command.
    Clients(crate::records::book::ClientsCommand),
    /// Show clients by initials only (privacy mode), or by name.
    SetPrivacy(bool),
    /// Lock the records after this many idle minutes.
    SetLockMinutes(u32),
    /// Close the window (asks first when the plan has unsaved changes).
    Quit,
}

pub use file_dialog::{FilePick, FilePurpose};

/// The app's main modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, Default)]
pub enum Mode {
    /// The chart and zone details.
    #[default]
    Explore,
    /// Screening, steps and printing.
    Plan,
    /// Quizzes with spaced repetition.
    Study,
    /// Client records: sessions, scores, follow-ups, trends.
    Clients,
}

impl Mode {
    /// Every mode, in toolbar order.
    pub const ALL: [Mode; 4] = [Mode::Explore, Mode::Plan, Mode::Study, Mode::Clients];

    /// The toolbar word.
    pub fn label(self) -> &'static str {
        match self {
            Mode::Explore => "Explore",
            Mode::Plan => "Plan",
            Mode::Study => "Study",
            Mode::Clients => "Clients",
        }
    }
}

/// The body systems shown in a view, with the hovered zone's name after them.
pub fn legend_ui(ui: &mut Ui, chart: &Chart, geo: &ViewGeometry, hovered: Option<ZoneIdx>) {
    ui.horizontal_wrapped(|ui| {
        for sys in BodySystem::ALL {
            if !geo
                .pieces
                .iter()
                .any(|p| chart.zone_at(p.zone).system == sys)
            {
                continue;
            }
            let (r, p) = ui.allocate_painter(egui::vec2(12.0, 12.0), egui::Sense::hover());
            p.rect_filled(r.rect, 3.0, theme::system_color(sys));
            ui.label(sys.label());
        }
        if let Some(z) = hovered.and_then(|z| chart.get_zone(z)) {
            ui.separator();
            ui.strong(&z.name);
        }
    });
}

/// The bottom legend panel every mode shows. Call it after the mode's side panels and before
/// its central panel, so it spans the space between them.
pub fn legend_panel(ui: &mut Ui, chart: &Chart, geo: &ViewGeometry, hovered: Option<ZoneIdx>) {
    egui::Panel::bottom("legend").show(ui, |ui| {
        ui.add_space(2.0);
        legend_ui(ui, chart, geo, hovered);
    });
}

/// A load failure, until dismissed.
pub fn error_banner(ui: &mut Ui, error: Option<&str>) -> Option<Command> {
    let err = error?;
    let mut dismissed = false;
    egui::Frame::new()
        .fill(theme::error_fill(ui.visuals().dark_mode))
        .corner_radius(6)
        .inner_margin(8)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.label(RichText::new(err).monospace());
                dismissed = ui.button("Dismiss").clicked();
            });
        });
    dismissed.then_some(Command::DismissError)
}

/// A section title that a screen reader lists as a heading (egui's `heading` is a label).
pub fn heading(ui: &mut Ui, text: impl Into<String>) -> egui::Response {
    let text = text.into();
    let r = ui.heading(&text);
    r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Heading, true, &text));
    r
}

/// Mark a widget as a polite live region: a screen reader announces its changes (a verdict,
/// study feedback) without moving focus.
pub fn live(ui: &Ui, response: &egui::Response) {
    ui.ctx().accesskit_node_builder(response.id, |node| {
        node.set_live(egui::accesskit::Live::Polite);
    });
}

/// Give a control (a combo box, a progress bar) an accessible name and its current value.
pub fn name_value(
    ui: &Ui,
    response: &egui::Response,
    label: impl Into<String>,
    value: impl Into<String>,
) {
    let (label, value) = (label.into(), value.into());
    ui.ctx().accesskit_node_builder(response.id, |node| {
        node.set_label(label);
        node.set_value(value);
    });
}

/// Give a control an accessible name without a visible label (the row shows the context).
pub fn name_control(ui: &Ui, response: &egui::Response, label: impl Into<String>) {
    let label = label.into();
    ui.ctx()
        .accesskit_node_builder(response.id, |node| node.set_label(label));
}
