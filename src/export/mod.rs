//! Exports built on one chart → SVG renderer: SVG files, PNG (resvg) and the printable session
//! plan (a PDF with krilla, whose chart thumbnails are the same SVG).

mod pdf;
mod png;
mod svg;

pub use pdf::{PDF_DISCLAIMER, REFERRAL_ADVICE, plan_pdf, plan_pdf_with};
pub use png::{ExportError, icon_rgba, svg_to_png, usvg_options};
pub use svg::{Highlight, SvgOptions, render_svg};
