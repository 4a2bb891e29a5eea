//! egui views. Each view reads state and returns [`Command`]s; `app.rs` applies them.

pub mod detail_panel;
pub mod evidence_window;
pub mod file_dialog;
pub mod map_view;
pub mod planner_view;
pub mod search_bar;
pub mod study_view;
pub mod theme;

use std::path::PathBuf;

use crate::model::{FootSel, ViewKind};

/// What a view asks the app to do, applied after the frame.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Select a zone (or clear the selection).
    SelectZone(Option<usize>),
    /// Select a zone and switch to a view where it is visible, if the current one is not.
    RevealZone(usize),
    /// Show another view.
    SetView(ViewKind),
    /// Show other feet.
    SetFeet(FootSel),
    /// Reset zoom and pan.
    ResetView,
    /// Ask for a chart file with a dialog.
    OpenChartDialog,
    /// Load a chart from disk.
    LoadChart(PathBuf),
    /// Go back to the embedded chart.
    LoadStandardChart,
    /// Open the Evidence & sources window, optionally on one claim.
    ShowEvidence(Option<String>),
    /// Open a link in the browser.
    OpenUrl(String),
    /// Add a zone to the plan as a new last step.
    AddToPlan(usize, FootSel),
    /// Switch between Explore, Plan and Study.
    SetMode(Mode),
    /// A click on the map during a locate question, in chart coordinates.
    StudyClick(crate::geometry::Point),
}

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
}
