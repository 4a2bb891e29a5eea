//! reflexmap: an interactive reflexology foot chart with technique guidance and honest evidence
//! caveats, a session planner with red-flag screening that prints a PDF, and a study mode.
//!
//! Data flows one way: embedded files ([`assets`]) or files on disk → [`model`] (via [`load`])
//! → pure logic ([`geometry`], [`plan`], [`study`], [`search`]) → views ([`ui`], [`export`],
//! [`cli`]); views send commands back to [`app`]. [`palette`] holds every colour, for screen
//! and paper; [`save`] writes files atomically. Nothing outside [`ui`] and [`app`] uses egui.

#![warn(missing_docs)]
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

#[cfg(feature = "gui")]
pub mod app;
pub mod assets;
pub mod cli;
pub mod data_dir;
pub mod export;
pub mod geometry;
pub mod load;
pub mod model;
pub mod palette;
pub mod plan;
pub mod records;
pub mod save;
pub mod search;
pub mod study;
#[cfg(feature = "gui")]
pub mod ui;
pub mod window;
