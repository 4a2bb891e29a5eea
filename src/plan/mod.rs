//! Session planning without egui: the plan, screening evaluation, step editing, timing,
//! plan files, and the document the app edits ([`PlanDocument`]).

mod autosave;
mod checklist;
mod document;
mod editor;
mod file;
mod hands;
mod model;
mod screening;
mod timing;

pub use autosave::*;
pub use checklist::*;
pub use document::*;
pub use editor::*;
pub use file::*;
pub use hands::*;
pub use model::*;
pub use screening::*;
pub use timing::*;
