//! Client records: clients, sessions (a snapshot of the delivered plan, screening verdict,
//! before/after scores, SOAP note, signed then only amended), 24–48 h follow-ups. A SQLite store
//! with no egui in it. Delivering a session adds steps as delivered, findings on the chart, the
//! touch test and photos (`delivery`, `runner`, `photo`); the Clients mode and the `records` command line both drive it.

pub mod date;
pub mod delivery;
mod delivery_store;
mod error;
pub mod export_all;
mod model;
pub mod photo;
pub mod privacy;
mod read;
pub mod runner;
pub mod schema;
mod store;
pub mod text;

pub use error::{RecordsError, Result};
pub use model::*;
pub use store::{Key, SessionDraft, Store};
pub use text::{TREND_CAVEAT, client_text, scores_csv};

pub mod book;
pub mod trend;
