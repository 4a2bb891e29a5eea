//! Plain data types for the chart and the library. No egui, no I/O: these are what the RON
//! files deserialize into and what every other module reads.

mod chart;
mod library;
mod view;

pub use chart::*;
pub use library::*;
pub use view::*;
