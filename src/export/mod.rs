//! Exports built on one chart → SVG renderer: SVG files, PNG (resvg) and, later, PDF pages.

mod pdf;
mod png;
mod svg;

pub use pdf::{PDF_DISCLAIMER, REFERRAL_ADVICE, plan_pdf};
pub use png::{ExportError, FONT_BOLD, FONT_REGULAR, icon_rgba, svg_to_png, usvg_options};
pub use svg::{SvgOptions, render_svg};
