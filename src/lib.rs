//! reflexmap: an interactive reflexology foot chart with technique guidance, honest evidence
//! caveats, and (in later modules) a session planner.
//!
//! Data flows one way: files → [`model`] (via [`load`]) → pure logic ([`geometry`], [`plan`])
//! → views ([`ui`], [`export`]); views send commands back to [`app`].

#![warn(missing_docs)]
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

#[cfg(feature = "gui")]
pub mod app;
pub mod cli;
pub mod data_dir;
pub mod export;
pub mod geometry;
pub mod load;
pub mod model;
pub mod palette;
pub mod plan;
pub mod save;
pub mod search;
pub mod study;
#[cfg(feature = "gui")]
pub mod ui;
