//! Session planning without egui: the plan, screening evaluation, step editing, timing and
//! plan files.

mod autosave;
mod editor;
mod file;
mod model;
mod screening;
mod timing;

pub use autosave::*;
pub use editor::*;
pub use file::*;
pub use model::*;
pub use screening::*;
pub use timing::*;
