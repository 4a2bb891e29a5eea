//! Client records: clients, sessions (a snapshot of the delivered plan, screening verdict,
//! before/after scores, SOAP note, signed then only amended), 24–48 h follow-ups. A SQLite store
//! with no egui in it; the Clients mode and the `records` command line both drive it.

pub mod date;
mod model;
pub mod schema;
mod store;

pub use model::*;
pub use store::{RecordsError, Result, SessionDraft, Store};

/// Printed beside every score table and trend (content/records.md §5): scores are how the
/// client felt, and a trend does not show its cause.
pub const TREND_CAVEAT: &str = "Scores describe how the client felt, not how their nerves work. A change over time does not show what caused it: symptoms vary on their own, tend to drift back from a bad week, and other treatment plays a part.";
