//! Exports built on one chart → SVG renderer: SVG files, PNG (resvg) and the printable session
//! plan (a PDF with krilla, whose chart thumbnails are the same SVG).

mod pdf;
mod png;
mod svg;

pub use pdf::{
    PDF_DISCLAIMER, PrintedPdf, REFERRAL_ADVICE, ReportOptions, ReportSections, diary_sheet,
    diary_sheet_pdf, missing_scripts, missing_scripts_warning, plan_pdf, plan_pdf_with,
    progress_report, progress_report_pdf, progress_report_with, quiz_pdf, script_of,
    worksheet_areas, worksheet_pdf,
};
pub use png::{ExportError, icon_rgba, svg_to_png, usvg_options};
pub use svg::{Highlight, SvgOptions, render_svg, svg_frame};
