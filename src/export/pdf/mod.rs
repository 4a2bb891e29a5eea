//! The printable session plan: a PDF built with krilla, with the embedded DejaVu fonts and
//! chart thumbnails from the one SVG renderer.
//!
//! Layout happens first ([`layout`], [`pages`]), into a list of pages of drawing items, so the
//! footer can say "Page N of M"; krilla then draws the list ([`render`]). Text stays real text
//! (extractable, in reading order); the thumbnails' own labels become outlines so they don't
//! interleave with it.
//!
//! Every PDF is tagged ([`tags`]): the layout says what each item is (heading, paragraph,
//! list, table cell, figure with words for what it shows, or decoration), and the document is
//! written as PDF/UA-1 where krilla's validator accepts it ([`render`] says when it does not).

mod diary;
mod fonts;
mod layout;
mod pages;
mod quiz_sheet;
mod render;
mod report;
mod report_delivery;
mod tags;
mod trend_chart;
mod worksheet;

pub use diary::diary_sheet;
pub use fonts::{missing_scripts, missing_scripts_warning, script_of};
pub use quiz_sheet::quiz_pdf;
pub use report::{ReportOptions, ReportSections, progress_report, progress_report_with};
pub use worksheet::{worksheet_areas, worksheet_pdf};

use crate::geometry::ChartGeometry;
use crate::model::{Chart, Library};
use crate::plan::{Plan, evaluate};

use super::ExportError;
use layout::Layout;
use pages::{aftercare, referral, steps, summary_page};
use render::{ThumbKey, render, thumb_trees};

/// The line printed at the foot of every page.
pub const PDF_DISCLAIMER: &str =
    "Traditional reflexology chart — not a diagnosis or medical treatment";

/// The sentence a stop verdict's referral note ends with.
pub const REFERRAL_ADVICE: &str = "No reflexology was given today. Please arrange a medical assessment with your doctor or an urgent care service (call emergency services for chest pain or sudden breathlessness) before any foot or leg treatment. Reflexology can be reconsidered once a clinician has confirmed it is safe.";

/// A printed PDF and the scripts whose letters printed as "?" because no font on this computer
/// has them (show [`PrintedPdf::warning`] once).
#[derive(Debug, Clone)]
pub struct PrintedPdf {
    /// The PDF file.
    pub bytes: Vec<u8>,
    /// Scripts left out for want of a font, e.g. `["Devanagari"]`; empty when all printed.
    pub missing_scripts: Vec<&'static str>,
}

impl PrintedPdf {
    /// The message to show when some letters could not be printed.
    pub fn warning(&self) -> Option<String> {
        missing_scripts_warning(&self.missing_scripts)
    }
}

/// A client's progress report as a PDF: title, then the chosen sections (details, scores,
/// trend chart, sessions, notes), always with [`crate::records::TREND_CAVEAT`].
/// [`progress_report`] also says which scripts printed as "?".
pub fn progress_report_pdf(
    rec: &crate::records::ClientRecord,
    opts: &ReportOptions,
) -> Result<Vec<u8>, ExportError> {
    progress_report(rec, opts).map(|p| p.bytes)
}

/// The home diary sheet for 2 or 7 days as a PDF, with the client's name or a line for it.
/// [`diary_sheet`] also says which scripts printed as "?".
pub fn diary_sheet_pdf(
    client: Option<&crate::records::ClientDetails>,
    days: u32,
    paper: crate::plan::Paper,
    library: &Library,
) -> Result<Vec<u8>, ExportError> {
    diary_sheet(client, days, paper, library).map(|p| p.bytes)
}

/// Build the printable PDF of a session plan: the screening summary, the steps in order with
/// chart thumbnails, and the client aftercare handout — or, when screening says stop, only a
/// referral note.
pub fn plan_pdf(plan: &Plan, chart: &Chart, library: &Library) -> Result<Vec<u8>, ExportError> {
    document(plan, chart, None, library)
}

/// [`plan_pdf`] with the chart's geometry already built (the app keeps one).
pub fn plan_pdf_with(
    plan: &Plan,
    chart: &Chart,
    geometry: &ChartGeometry,
    library: &Library,
) -> Result<Vec<u8>, ExportError> {
    document(plan, chart, Some(geometry), library)
}

/// Lay out and draw the plan or the referral note.
///
/// Why the geometry is optional: a referral note has no thumbnails, so without one given the
/// chart's geometry is built only for a treatment plan.
fn document(
    plan: &Plan,
    chart: &Chart,
    geometry: Option<&ChartGeometry>,
    library: &Library,
) -> Result<Vec<u8>, ExportError> {
    let screening = evaluate(&library.rules, plan);
    let client = if plan.client_initials.trim().is_empty() {
        "—"
    } else {
        plan.client_initials.trim()
    };
    let date = if plan.date.trim().is_empty() {
        "—"
    } else {
        plan.date.trim()
    };
    let title;
    let (layout, trees) = if screening.allows_treatment() {
        title = "Reflexology session plan";
        let built;
        let geometry = match geometry {
            Some(g) => g,
            None => {
                built = ChartGeometry::new(chart);
                &built
            }
        };
        let mut thumbs: Vec<ThumbKey> = Vec::new();
        let mut l = Layout::new(
            plan.paper.size_pt(),
            format!("{title}  ·  Client {client}  ·  {date}"),
        )?;
        summary_page(&mut l, plan, chart, library, &screening, client, date);
        steps(
            &mut l,
            plan,
            chart,
            geometry,
            library,
            &screening,
            &mut thumbs,
        );
        aftercare(&mut l, library.aftercare.for_limb(chart.limb), client, date);
        let trees = thumb_trees(chart, geometry, &thumbs)?;
        (l, trees)
    } else {
        title = "Referral note";
        let mut l = Layout::new(
            plan.paper.size_pt(),
            format!("{title}  ·  Client {client}  ·  {date}"),
        )?;
        referral(&mut l, &screening, client, date);
        (l, Vec::new())
    };
    render(layout, &trees, &format!("{title} – {client} – {date}"))
}
