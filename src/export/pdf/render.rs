//! Drawing the laid-out pages with krilla: rectangles, lines, real text in the embedded fonts,
//! each page's footer, and the chart thumbnails (which view shows a step, drawn by the SVG
//! renderer).

use krilla::color::rgb;
use krilla::configure::{Accessibility, ConfigurationBuilder};
use krilla::error::KrillaError;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, LineJoin, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::tagging::{Artifact, ContentTag, Identifier, SpanTag};
use krilla::text::TextDirection;
use krilla::{Document, SerializeSettings};
use krilla_svg::{SurfaceExt, SvgSettings};
use resvg::usvg;

use crate::geometry::ChartGeometry;
use crate::model::{Chart, FootSel, ViewKind};
use crate::palette::{INK_MUTED, RULE, Rgb};
use crate::plan::PlanStep;

use super::super::{ExportError, Highlight, SvgOptions, render_svg, svg_frame, usvg_options};
use super::PDF_DISCLAIMER;
use super::fonts::{self, SystemFonts};
use super::layout::{Face, Item, Layout, MARGIN, SMALL};
use super::pages::{THUMB_H, THUMB_W};
use super::tags::{Art, Mark};

/// What a step thumbnail shows: the view, the feet and the zone to mark.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ThumbKey {
    view: ViewKind,
    feet: FootSel,
    highlight: Highlight,
}

impl ThumbKey {
    /// What the thumbnail shows, in words (its alternative text), e.g. "Chart thumbnail: Solar
    /// plexus on both feet, plantar view".
    pub(super) fn alt(&self, chart: &Chart) -> String {
        let feet = match self.feet {
            FootSel::Both => "both feet",
            FootSel::Left => "the left foot",
            FootSel::Right => "the right foot",
        };
        let view = self.view.id();
        match self.highlight {
            Highlight::Zone(zi) => format!(
                "Chart thumbnail: {} on {feet}, {view} view",
                chart.zone_at(zi).name
            ),
            Highlight::Foot | Highlight::None => {
                format!("Chart thumbnail: the whole of {feet}, {view} view")
            }
        }
    }
}

/// The thumbnail for a step: the zone's first view that shows it on the step's foot.
pub(super) fn thumb_for(step: &PlanStep, chart: &Chart, geometry: &ChartGeometry) -> ThumbKey {
    let zone = step.zone.as_deref().and_then(|z| chart.zone_index(z));
    match zone {
        Some(zi) => {
            let views = chart.zone_at(zi).views();
            let view = views
                .iter()
                .copied()
                .find(|v| geometry.get(*v, step.foot).shows_zone(zi))
                .or_else(|| views.first().copied())
                .unwrap_or(ViewKind::Plantar);
            ThumbKey {
                view,
                feet: step.foot,
                highlight: Highlight::Zone(zi),
            }
        }
        // Why: every zone faded, so a whole-foot move shows the foot itself rather than a
        // full-colour map.
        None => ThumbKey {
            view: ViewKind::Plantar,
            feet: step.foot,
            highlight: Highlight::Foot,
        },
    }
}

/// A solid fill of an sRGB colour.
fn fill(c: Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(c[0], c[1], c[2]).into(),
        ..Fill::default()
    }
}

/// A solid stroke of an sRGB colour, `width` points wide.
fn stroke(c: Rgb, width: f32) -> Stroke {
    Stroke {
        paint: rgb::Color::new(c[0], c[1], c[2]).into(),
        width,
        ..Stroke::default()
    }
}

/// A rectangle with corners of radius `r` (square when `r` is 0); `None` when it is empty.
fn rounded_rect(x: f32, y: f32, w: f32, h: f32, r: f32) -> Option<krilla::geom::Path> {
    let mut pb = PathBuilder::new();
    let r = r.min(w / 2.0).min(h / 2.0);
    if r <= 0.0 {
        pb.push_rect(Rect::from_xywh(x, y, w, h)?);
        return pb.finish();
    }
    // Why: 0.5523 places cubic control points so each corner is a near-exact quarter circle.
    let k = r * 0.5523;
    pb.move_to(x + r, y);
    pb.line_to(x + w - r, y);
    pb.cubic_to(x + w - r + k, y, x + w, y + r - k, x + w, y + r);
    pb.line_to(x + w, y + h - r);
    pb.cubic_to(x + w, y + h - r + k, x + w - r + k, y + h, x + w - r, y + h);
    pb.line_to(x + r, y + h);
    pb.cubic_to(x + r - k, y + h, x, y + h - r + k, x, y + h - r);
    pb.line_to(x, y + r);
    pb.cubic_to(x, y + r - k, x + r - k, y, x + r, y);
    pb.close();
    pb.finish()
}

/// The thumbnails the layout asked for, as usvg trees krilla can draw ([`Item::Chart`] indexes
/// this list).
pub(super) fn thumb_trees(
    chart: &Chart,
    geometry: &ChartGeometry,
    keys: &[ThumbKey],
) -> Result<Vec<usvg::Tree>, ExportError> {
    let opt = usvg_options();
    keys.iter()
        .map(|k| thumb_tree(chart, geometry, k, &opt))
        .collect()
}

/// The chart thumbnail of a step, as a usvg tree krilla can draw.
fn thumb_tree(
    chart: &Chart,
    geometry: &ChartGeometry,
    key: &ThumbKey,
    opt: &usvg::Options,
) -> Result<usvg::Tree, ExportError> {
    svg_tree(&thumb_svg(chart, geometry, key), opt)
}

/// A drawing for the PDF, parsed (every chart drawing in a PDF goes through here).
pub(super) fn svg_tree(svg: &str, opt: &usvg::Options) -> Result<usvg::Tree, ExportError> {
    usvg::Tree::from_str(svg, opt).map_err(|e| ExportError::Svg(e.to_string()))
}

/// The SVG of a step thumbnail, with rings round tiny marked areas.
fn thumb_svg(chart: &Chart, geometry: &ChartGeometry, key: &ThumbKey) -> String {
    let geo = geometry.get(key.view, key.feet);
    let svg = render_svg(
        chart,
        geo,
        &SvgOptions {
            view: key.view,
            feet: key.feet,
            highlight: key.highlight,
            width: THUMB_SVG_W,
            guides: false,
            legend: false,
            names: true,
        },
    );
    with_tiny_rings(svg, geo, key)
}

/// The thumbnail drawing's width in the SVG.
const THUMB_SVG_W: f32 = 260.0;

/// A marked area smaller than this on paper (its longer side; 2.5 mm) gets a ring round it.
pub(super) const TINY_PRINT_PT: f32 = 7.0;

/// A step thumbnail is about 100 pt wide, so a small area like the pituitary or an adrenal is
/// printed well under 2 mm across and its emphasis is lost: ring each piece of the marked zone
/// that prints smaller than [`TINY_PRINT_PT`], 6 pt out from its edge, in the highlight ink.
fn with_tiny_rings(svg: String, geo: &crate::geometry::ViewGeometry, key: &ThumbKey) -> String {
    let Highlight::Zone(zone) = key.highlight else {
        return svg;
    };
    let (svg_h, to_svg) = svg_frame(geo, THUMB_SVG_W);
    // Points on paper per SVG unit, as the thumbnail box fits the drawing.
    let k = ((THUMB_W - 4.0) / THUMB_SVG_W).min((THUMB_H - 4.0) / svg_h);
    let mut rings = String::new();
    for piece in geo.pieces.iter().filter(|p| p.zone == zone) {
        let (a, b) = (to_svg(piece.bbox.min), to_svg(piece.bbox.max));
        let side_pt = (b.x - a.x).abs().max((b.y - a.y).abs()) * k;
        if side_pt >= TINY_PRINT_PT {
            continue;
        }
        let c = to_svg(piece.anchor);
        let r = (side_pt / 2.0 + 6.0) / k;
        let [cr, cg, cb] = crate::palette::HIGHLIGHT;
        rings.push_str(&format!(
            "<circle class=\"tiny-ring\" cx=\"{:.2}\" cy=\"{:.2}\" r=\"{r:.2}\" fill=\"none\" \
             stroke=\"#{cr:02x}{cg:02x}{cb:02x}\" stroke-width=\"{:.2}\"/>",
            c.x,
            c.y,
            1.2 / k
        ));
    }
    match svg.rfind("</svg>") {
        Some(end) if !rings.is_empty() => format!("{}{rings}{}", &svg[..end], &svg[end..]),
        _ => svg,
    }
}

/// Draw every laid-out page, then a footer with the disclaimer and "Page N of M" on each.
pub(super) fn render(
    layout: Layout,
    trees: &[usvg::Tree],
    title: &str,
) -> Result<Vec<u8>, ExportError> {
    render_noting(layout, trees, title).map(|(pdf, _)| pdf)
}

/// [`render`], also returning the scripts that printed as "?" for want of a font.
///
/// The PDF is tagged (structure tree, reading order, alternative text, title, language) and
/// made as PDF/UA-1, checked by krilla's validator. Where the validator rejects the content,
/// the same tagged PDF is made without the PDF/UA-1 claim: printing never fails for it.
///
/// What krilla's PDF/UA-1 validator rejects in these documents, and why it is not fixed here:
/// - a control character in a line of typed text (a tab, NUL or BEL in a client's name, which
///   the diary's heading and running header draw as typed): the embedded font draws it with
///   its `.notdef` glyph (`ContainsNotDefGlyph`, checked by hand for U+0009, U+0000, U+0007).
///   Wrapping drops tabs and newlines from paragraphs, but not other control characters, and
///   a name is drawn as one line; changing what was typed is not this code's call;
/// - a heading with no text (`MissingHeadingTitle`), e.g. an aftercare title left empty in
///   edited content;
/// - a fallback font of this computer whose licence forbids embedding (`RestrictedLicense`,
///   OS/2 fsType 2), found for a script the embedded DejaVu fonts lack.
///
/// A byte-order mark, a zero-width space, a private-use character, an emoji and Chinese (from a
/// system font, or printed as "?") were tried and pass.
///
/// The embedded DejaVu fonts, the headings (each with its text as title), the figures (each
/// with words saying what it shows), the outline, the title and the language meet the rest.
pub(super) fn render_noting(
    layout: Layout,
    trees: &[usvg::Tree],
    title: &str,
) -> Result<(Vec<u8>, Vec<&'static str>), ExportError> {
    match draw(&layout, trees, title, true) {
        Ok(done) => Ok(done),
        Err(Failed::Validation) => draw(&layout, trees, title, false).map_err(Failed::into_error),
        Err(other) => Err(other.into_error()),
    }
}

/// Why a PDF was not made.
enum Failed {
    /// krilla's PDF/UA-1 validator rejected the content.
    Validation,
    Export(ExportError),
}

impl Failed {
    fn into_error(self) -> ExportError {
        match self {
            // Only a validated document can fail validation, and the retry is not validated.
            Failed::Validation => ExportError::Pdf("the PDF did not pass validation".into()),
            Failed::Export(e) => e,
        }
    }
}

impl From<ExportError> for Failed {
    fn from(e: ExportError) -> Self {
        Failed::Export(e)
    }
}

/// How krilla writes the document: tagged always, checked as PDF/UA-1 when `ua`.
fn settings(ua: bool) -> Result<SerializeSettings, ExportError> {
    let mut settings = SerializeSettings {
        enable_tagging: true,
        ..SerializeSettings::default()
    };
    if ua {
        settings.configuration = ConfigurationBuilder::new()
            .with_accessibility_validator(Accessibility::UA1)
            .finish()
            .map_err(|e| ExportError::Pdf(format!("{e:?}")))?;
    }
    Ok(settings)
}

/// The marked-content sequence open on a page.
#[derive(Clone, Copy, PartialEq)]
enum Open {
    Nothing,
    Artifact(Art),
    Content(usize),
}

/// Draw the document once, as PDF/UA-1 when `ua`.
fn draw(
    layout: &Layout,
    trees: &[usvg::Tree],
    title: &str,
    ua: bool,
) -> Result<(Vec<u8>, Vec<&'static str>), Failed> {
    let regular = fonts::embedded(false)?;
    let bold_font = fonts::embedded(true)?;
    let mut missing = Vec::new();
    let page_settings = PageSettings::from_wh(layout.width, layout.height).ok_or_else(|| {
        ExportError::Pdf(format!(
            "bad paper size {} × {}",
            layout.width, layout.height
        ))
    })?;
    let mut doc = Document::new_with(settings(ua)?);
    doc.set_metadata(
        Metadata::new()
            .title(title.to_owned())
            .language("en".to_owned())
            .creator("reflexmap".to_owned()),
    );
    let count = layout.pages.len();
    let mut ids: Vec<Option<Identifier>> = vec![None; layout.tags.mark_count()];
    for (n, items) in layout.pages.iter().enumerate() {
        let mut page = doc.start_page_with(page_settings.clone());
        let mut surface = page.surface();
        let mut draw_text = |surface: &mut Surface,
                             x: f32,
                             y: f32,
                             size: f32,
                             face: Face,
                             color: Rgb,
                             text: &str| {
            surface.set_fill(Some(fill(color)));
            surface.set_stroke(None);
            let bold = face == Face::Bold;
            let primary = if bold { bold_font } else { regular };
            let runs = fonts::runs_noting(text, primary, bold, &mut SystemFonts, &mut missing);
            let single = runs.len() == 1;
            let mut x = x;
            for run in runs {
                surface.draw_text(
                    Point::from_xy(x, y),
                    run.font.font.clone(),
                    size,
                    &run.text,
                    false,
                    if run.rtl {
                        TextDirection::RightToLeft
                    } else {
                        TextDirection::LeftToRight
                    },
                );
                // Why shaped here and not measured: joined Arabic forms and kerning move the
                // next run; one-run lines (nearly all) skip the shaping.
                if !single {
                    x += run.font.shaped_width(&run.text, run.rtl) * size;
                }
            }
        };
        let mut open = Open::Nothing;
        for (item, mark) in items {
            let want = match mark {
                Mark::Artifact(a) => Open::Artifact(*a),
                Mark::Text(m) | Mark::Graphic(m) => Open::Content(*m),
            };
            if want != open {
                if open != Open::Nothing {
                    surface.end_tagged();
                }
                match (mark, item) {
                    (Mark::Artifact(a), _) => {
                        surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(a.krilla())));
                    }
                    // Why actual text with a space after: each line is drawn on its own, so
                    // without it a reader runs the last word of a line into the next one's
                    // first; and it gives a right-to-left line in reading order.
                    (Mark::Text(m), Item::Text { text, .. }) => {
                        let words = format!("{} ", text.trim_end());
                        let id = surface.start_tagged(ContentTag::Span(
                            SpanTag::empty().with_actual_text(Some(&words)),
                        ));
                        set_id(&mut ids, *m, id);
                    }
                    (Mark::Text(m) | Mark::Graphic(m), _) => {
                        let id = surface.start_tagged(ContentTag::Other);
                        set_id(&mut ids, *m, id);
                    }
                }
                open = want;
            }
            match item {
                Item::Text {
                    x,
                    y,
                    size,
                    face,
                    color,
                    text,
                } => draw_text(&mut surface, *x, *y, *size, *face, *color, text),
                Item::Rect {
                    x,
                    y,
                    w,
                    h,
                    r,
                    fill: f,
                    stroke: s,
                } => {
                    if let Some(path) = rounded_rect(*x, *y, *w, *h, *r) {
                        surface.set_fill(f.map(fill));
                        surface.set_stroke(s.map(|c| stroke(c, 0.8)));
                        surface.draw_path(&path);
                    }
                }
                Item::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    color,
                    width,
                } => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(*x1, *y1);
                    pb.line_to(*x2, *y2);
                    if let Some(path) = pb.finish() {
                        surface.set_fill(None);
                        surface.set_stroke(Some(stroke(*color, *width)));
                        surface.draw_path(&path);
                    }
                }
                Item::Path {
                    points,
                    closed,
                    fill: f,
                    stroke: s,
                    width,
                    dash,
                } => {
                    let mut pb = PathBuilder::new();
                    let mut pts = points.iter();
                    if let Some((x, y)) = pts.next() {
                        pb.move_to(*x, *y);
                    }
                    for (x, y) in pts {
                        pb.line_to(*x, *y);
                    }
                    if *closed {
                        pb.close();
                    }
                    if let Some(path) = pb.finish() {
                        surface.set_fill(f.map(fill));
                        surface.set_stroke(s.map(|c| {
                            let mut st = stroke(c, *width);
                            st.line_join = LineJoin::Round;
                            if *dash {
                                st.dash = Some(StrokeDash {
                                    array: vec![3.0 * width, 2.0 * width],
                                    offset: 0.0,
                                });
                            }
                            st
                        }));
                        surface.draw_path(&path);
                    }
                }
                Item::Image { jpeg, x, y, w, h } => {
                    // A photo that will not embed is left out rather than failing the report.
                    let (Ok(image), Some(size)) = (
                        krilla::image::Image::from_jpeg(krilla::Data::from(jpeg.clone()), true),
                        Size::from_wh(*w, *h),
                    ) else {
                        continue;
                    };
                    surface.push_transform(&Transform::from_translate(*x, *y));
                    surface.draw_image(image, size);
                    surface.pop();
                }
                Item::Chart { tree, x, y, w, h } => {
                    let Some(tree) = trees.get(*tree) else {
                        continue;
                    };
                    // Fit the drawing into the box, keeping its aspect, centred.
                    let (tw, th) = (tree.size().width(), tree.size().height());
                    let scale = (w / tw).min(h / th);
                    let (dw, dh) = (tw * scale, th * scale);
                    // Why skipped and not an error: leaving here mid-page would drop the page
                    // with its marked content open, which krilla treats as a bug (a panic).
                    let Some(size) = Size::from_wh(dw, dh) else {
                        continue;
                    };
                    surface.push_transform(&Transform::from_translate(
                        x + (w - dw) / 2.0,
                        y + (h - dh) / 2.0,
                    ));
                    // Why: the thumbnails' foot labels become outlines, so extracted text
                    // reads as the plan, not interleaved with "Left foot".
                    surface.draw_svg(
                        tree,
                        size,
                        SvgSettings {
                            embed_text: false,
                            ..SvgSettings::default()
                        },
                    );
                    surface.pop();
                }
            }
        }
        if open != Open::Nothing {
            surface.end_tagged();
        }
        // Footer.
        surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
            Art::Footer.krilla(),
        )));
        let fy = layout.height - MARGIN - 4.0;
        let mut pb = PathBuilder::new();
        pb.move_to(MARGIN, fy - 12.0);
        pb.line_to(layout.width - MARGIN, fy - 12.0);
        if let Some(path) = pb.finish() {
            surface.set_fill(None);
            surface.set_stroke(Some(stroke(RULE, 0.6)));
            surface.draw_path(&path);
        }
        draw_text(
            &mut surface,
            MARGIN,
            fy,
            SMALL.size,
            Face::Regular,
            INK_MUTED,
            PDF_DISCLAIMER,
        );
        let page_label = format!("Page {} of {}", n + 1, count);
        let pw = layout.bold.width(&page_label, SMALL.size);
        draw_text(
            &mut surface,
            layout.width - MARGIN - pw,
            fy,
            SMALL.size,
            Face::Bold,
            INK_MUTED,
            &page_label,
        );
        surface.end_tagged();
        surface.finish();
        page.finish();
    }
    doc.set_tag_tree(layout.tags.tag_tree(&ids, count));
    doc.set_outline(layout.tags.outline(count));
    match doc.finish() {
        Ok(pdf) => Ok((pdf, missing)),
        Err(KrillaError::Validation(_)) if ua => Err(Failed::Validation),
        Err(e) => Err(Failed::Export(ExportError::Pdf(format!("{e:?}")))),
    }
}

/// Keep the identifier of mark `m` (marks are numbered densely from 0).
fn set_id(ids: &mut [Option<Identifier>], m: usize, id: Identifier) {
    if let Some(slot) = ids.get_mut(m) {
        *slot = Some(id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::embedded_content;

    fn ringed(zone: &str) -> String {
        let content = embedded_content().expect("content");
        let geometry = ChartGeometry::new(&content.chart);
        let zi = content.chart.zone_index(zone).expect(zone);
        let key = ThumbKey {
            view: ViewKind::Plantar,
            feet: FootSel::Both,
            highlight: Highlight::Zone(zi),
        };
        thumb_svg(&content.chart, &geometry, &key)
    }

    #[test]
    fn tiny_marked_areas_get_a_ring_in_the_thumbnail_and_large_ones_do_not() {
        let pituitary = ringed("pituitary");
        assert_eq!(
            pituitary.matches("class=\"tiny-ring\"").count(),
            2,
            "one per foot"
        );
        assert!(pituitary.trim_end().ends_with("</svg>"));
        assert!(ringed("adrenal").contains("tiny-ring"));
        assert!(!ringed("liver").contains("tiny-ring"));
        // The ring parses as part of the drawing.
        svg_tree(&pituitary, &usvg_options()).expect("the thumbnail parses");
    }
}
