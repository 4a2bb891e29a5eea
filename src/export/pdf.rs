//! The printable session plan: a PDF built with krilla, with the embedded DejaVu fonts and
//! chart thumbnails from the one SVG renderer.
//!
//! Layout happens first, into a list of pages of drawing items, so the footer can say
//! "Page N of M"; krilla then draws the list. Text stays real text (extractable, in reading
//! order); the thumbnails' own labels become outlines so they don't interleave with it.

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use krilla_svg::{SurfaceExt, SvgSettings};
use resvg::usvg;

use crate::geometry::ViewGeometry;
use crate::model::{Action, Chart, FootSel, Library, ViewKind, Zone};
use crate::plan::{Plan, PlanStep, Screening, evaluate, step_issues};

use super::{ExportError, FONT_BOLD, FONT_REGULAR, SvgOptions, render_svg, usvg_options};

/// The line printed at the foot of every page.
pub const PDF_DISCLAIMER: &str =
    "Traditional reflexology chart — not a diagnosis or medical treatment";

/// The sentence a stop verdict's referral note ends with.
pub const REFERRAL_ADVICE: &str = "No reflexology was given today. Please arrange a medical assessment with your doctor or an urgent care service (call emergency services for chest pain or sudden breathlessness) before any foot or leg treatment. Reflexology can be reconsidered once a clinician has confirmed it is safe.";

const MM: f32 = 72.0 / 25.4;
const MARGIN: f32 = 18.0 * MM;
/// Space kept free at the bottom of each page for the footer.
const FOOTER_H: f32 = 26.0;
/// The box a step thumbnail is fitted into (wide enough for two feet side by side).
const THUMB_W: f32 = 104.0;
const THUMB_H: f32 = 88.0;

type Rgb = [u8; 3];

const INK: Rgb = [0x22, 0x22, 0x28];
const MUTED: Rgb = [0x66, 0x66, 0x70];
const RULE: Rgb = [0xd6, 0xd6, 0xdc];
const ACCENT: Rgb = [0x2c, 0x6a, 0x6e];
const RED: Rgb = [0xb3, 0x20, 0x1a];
const RED_TINT: Rgb = [0xfd, 0xec, 0xea];
const WHITE: Rgb = [0xff, 0xff, 0xff];

/// Strong colour and light tint of a verdict's banner.
fn verdict_colours(s: &Screening) -> (Rgb, Rgb) {
    match s.verdict {
        // Why: an incomplete screening is not a green light.
        Action::Proceed if s.unanswered > 0 => ([0xa8, 0x62, 0x00], [0xff, 0xf4, 0xdc]),
        Action::Proceed => ([0x2e, 0x7d, 0x32], [0xe8, 0xf5, 0xe9]),
        Action::Adapt | Action::Defer => ([0xa8, 0x62, 0x00], [0xff, 0xf4, 0xdc]),
        Action::MedicalClearance => ([0xc4, 0x4a, 0x0c], [0xfd, 0xeb, 0xdf]),
        Action::StopAndRefer => (RED, RED_TINT),
    }
}

fn action_colour(a: Action) -> Rgb {
    match a {
        Action::Proceed => [0x2e, 0x7d, 0x32],
        Action::Adapt | Action::Defer => [0xa8, 0x62, 0x00],
        Action::MedicalClearance => [0xc4, 0x4a, 0x0c],
        Action::StopAndRefer => RED,
    }
}

// ---------------------------------------------------------------------------------------------
// Font metrics, for measuring and wrapping text.

/// Advance widths of a TrueType font, read from its `cmap` (format 4) and `hmtx` tables.
///
/// Why: krilla shapes text but does not expose widths, and wrapping needs them. Kerning is
/// ignored, so measured widths are a hair wider than drawn ones: wrapping stays safe.
#[derive(Clone)]
struct Metrics {
    units_per_em: f32,
    advances: Vec<u16>,
    /// (start, end, id_delta, id_range_offset, offset of this id_range_offset word).
    segments: Vec<(u16, u16, u16, u16, usize)>,
    data: &'static [u8],
}

fn be16(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*d.get(at)?, *d.get(at + 1)?]))
}

fn be32(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes([
        *d.get(at)?,
        *d.get(at + 1)?,
        *d.get(at + 2)?,
        *d.get(at + 3)?,
    ]))
}

impl Metrics {
    fn parse(data: &'static [u8]) -> Option<Self> {
        let num_tables = be16(data, 4)? as usize;
        let table = |tag: &[u8; 4]| -> Option<usize> {
            (0..num_tables).find_map(|i| {
                let rec = 12 + 16 * i;
                (data.get(rec..rec + 4)? == tag).then_some(())?;
                Some(be32(data, rec + 8)? as usize)
            })
        };
        let head = table(b"head")?;
        let hhea = table(b"hhea")?;
        let hmtx = table(b"hmtx")?;
        let cmap = table(b"cmap")?;
        let units_per_em = f32::from(be16(data, head + 18)?);
        let n_metrics = be16(data, hhea + 34)? as usize;
        let advances = (0..n_metrics)
            .map(|i| be16(data, hmtx + 4 * i))
            .collect::<Option<Vec<_>>>()?;
        let n_sub = be16(data, cmap + 2)? as usize;
        let sub = (0..n_sub).find_map(|i| {
            let rec = cmap + 4 + 8 * i;
            let (platform, encoding) = (be16(data, rec)?, be16(data, rec + 2)?);
            let off = cmap + be32(data, rec + 4)? as usize;
            let unicode_bmp = (platform == 3 && encoding == 1) || platform == 0;
            (unicode_bmp && be16(data, off)? == 4).then_some(off)
        })?;
        let seg_x2 = be16(data, sub + 6)? as usize;
        let ends = sub + 14;
        let starts = ends + seg_x2 + 2;
        let deltas = starts + seg_x2;
        let ranges = deltas + seg_x2;
        let segments = (0..seg_x2 / 2)
            .map(|i| {
                Some((
                    be16(data, starts + 2 * i)?,
                    be16(data, ends + 2 * i)?,
                    be16(data, deltas + 2 * i)?,
                    be16(data, ranges + 2 * i)?,
                    ranges + 2 * i,
                ))
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Self {
            units_per_em,
            advances,
            segments,
            data,
        })
    }

    fn glyph(&self, c: char) -> u16 {
        let Ok(c) = u16::try_from(u32::from(c)) else {
            return 0;
        };
        let i = self.segments.partition_point(|s| s.1 < c);
        let Some(&(start, _, delta, range, at)) = self.segments.get(i) else {
            return 0;
        };
        if c < start {
            return 0;
        }
        if range == 0 {
            return c.wrapping_add(delta);
        }
        let at = at + range as usize + 2 * (c - start) as usize;
        match be16(self.data, at) {
            Some(0) | None => 0,
            Some(g) => g.wrapping_add(delta),
        }
    }

    /// Width of `text` at `size` points.
    fn width(&self, text: &str, size: f32) -> f32 {
        let last = self.advances.last().copied().unwrap_or(0);
        let units: u32 = text
            .chars()
            .map(|c| u32::from(*self.advances.get(self.glyph(c) as usize).unwrap_or(&last)))
            .sum();
        units as f32 * size / self.units_per_em
    }
}

// ---------------------------------------------------------------------------------------------
// The display list.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Face {
    Regular,
    Bold,
}

/// One thing drawn on a page, in points from the top-left corner.
enum Item {
    /// A line of text; `y` is the baseline.
    Text {
        x: f32,
        y: f32,
        size: f32,
        face: Face,
        color: Rgb,
        text: String,
    },
    /// A filled (optionally stroked) rounded rectangle.
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        r: f32,
        fill: Option<Rgb>,
        stroke: Option<Rgb>,
    },
    /// A straight line.
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        color: Rgb,
        width: f32,
    },
    /// A chart thumbnail: index into the tree list.
    Chart {
        tree: usize,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
}

/// A text style: size, face, colour and line height (as a multiple of size).
#[derive(Debug, Clone, Copy)]
struct Style {
    size: f32,
    face: Face,
    color: Rgb,
    leading: f32,
}

impl Style {
    const fn new(size: f32, face: Face, color: Rgb) -> Self {
        Self {
            size,
            face,
            color,
            leading: 1.38,
        }
    }

    fn line_h(self) -> f32 {
        self.size * self.leading
    }

    fn bold(self) -> Self {
        Self {
            face: Face::Bold,
            ..self
        }
    }

    fn color(self, color: Rgb) -> Self {
        Self { color, ..self }
    }
}

const TITLE: Style = Style::new(21.0, Face::Bold, INK);
const H2: Style = Style::new(13.0, Face::Bold, ACCENT);
const BODY: Style = Style::new(10.0, Face::Regular, INK);
const SMALL: Style = Style::new(8.5, Face::Regular, MUTED);
const LABEL: Style = Style::new(7.5, Face::Bold, MUTED);

/// Pages being laid out: a cursor moving down the current page.
struct Layout {
    regular: Metrics,
    bold: Metrics,
    pages: Vec<Vec<Item>>,
    /// Top of the free space on the current page.
    y: f32,
    width: f32,
    height: f32,
    /// Running header for pages after the first.
    header: String,
}

impl Layout {
    fn new(paper: (f32, f32), header: String) -> Result<Self, ExportError> {
        let metrics = |d| {
            Metrics::parse(d)
                .ok_or_else(|| ExportError::Pdf("cannot read the embedded font".into()))
        };
        Ok(Self {
            regular: metrics(FONT_REGULAR)?,
            bold: metrics(FONT_BOLD)?,
            pages: vec![Vec::new()],
            y: MARGIN,
            width: paper.0,
            height: paper.1,
            header,
        })
    }

    /// An empty one-page layout on the same paper, to try a layout out before committing to it.
    fn scratch(&self) -> Layout {
        Layout {
            regular: self.regular.clone(),
            bold: self.bold.clone(),
            pages: vec![Vec::new()],
            y: MARGIN,
            width: self.width,
            height: self.height,
            header: String::new(),
        }
    }

    fn left(&self) -> f32 {
        MARGIN
    }

    fn right(&self) -> f32 {
        self.width - MARGIN
    }

    fn content_w(&self) -> f32 {
        self.width - 2.0 * MARGIN
    }

    fn bottom(&self) -> f32 {
        self.height - MARGIN - FOOTER_H
    }

    fn push(&mut self, item: Item) {
        if let Some(p) = self.pages.last_mut() {
            p.push(item);
        }
    }

    /// A new page without the running header (for the client's handout).
    fn new_plain_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
    }

    fn new_page(&mut self) {
        self.new_plain_page();
        if !self.header.is_empty() {
            let header = self.header.clone();
            self.text(self.left(), self.y + SMALL.size, SMALL, &header);
            self.y += SMALL.line_h();
            self.rule(self.y, RULE, 0.6);
            self.y += 14.0;
        }
    }

    /// Start a new page unless `h` points still fit on this one.
    fn ensure(&mut self, h: f32) {
        if self.y + h > self.bottom() {
            self.new_page();
        }
    }

    fn metrics(&self, face: Face) -> &Metrics {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
        }
    }

    fn text_w(&self, text: &str, style: Style) -> f32 {
        self.metrics(style.face).width(text, style.size)
    }

    /// Greedy word wrap to `width` points; a word wider than the line is split.
    fn wrap(&self, text: &str, width: f32, style: Style) -> Vec<String> {
        let m = self.metrics(style.face);
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if m.width(&candidate, style.size) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            for c in word.chars() {
                line.push(c);
                if m.width(&line, style.size) > width && line.chars().count() > 1 {
                    line.pop();
                    lines.push(std::mem::replace(&mut line, c.to_string()));
                }
            }
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }

    fn text(&mut self, x: f32, baseline: f32, style: Style, text: &str) {
        self.push(Item::Text {
            x,
            y: baseline,
            size: style.size,
            face: style.face,
            color: style.color,
            text: text.to_owned(),
        });
    }

    fn text_right(&mut self, right: f32, baseline: f32, style: Style, text: &str) {
        let w = self.text_w(text, style);
        self.text(right - w, baseline, style, text);
    }

    /// Draw wrapped lines with their top at `top`; returns the height used. No page breaks.
    fn lines_at(&mut self, x: f32, top: f32, lines: &[String], style: Style) -> f32 {
        for (i, l) in lines.iter().enumerate() {
            self.text(
                x,
                top + i as f32 * style.line_h() + style.size * 0.95,
                style,
                l,
            );
        }
        lines.len() as f32 * style.line_h()
    }

    /// A wrapped paragraph at the cursor, breaking pages between lines.
    fn paragraph(&mut self, x: f32, width: f32, style: Style, text: &str) {
        for line in self.wrap(text, width, style) {
            self.ensure(style.line_h());
            let y = self.y;
            self.lines_at(x, y, &[line], style);
            self.y += style.line_h();
        }
    }

    /// A bullet list item: a marker and a hanging-indented paragraph, kept on one page.
    fn bullet(&mut self, style: Style, marker: &str, marker_color: Rgb, text: &str) {
        let indent = style.size * 1.3;
        let lines = self.wrap(text, self.content_w() - indent, style);
        self.ensure(lines.len() as f32 * style.line_h());
        let (x, y) = (self.left(), self.y);
        self.text(
            x,
            y + style.size * 0.95,
            style.bold().color(marker_color),
            marker,
        );
        self.y += self.lines_at(x + indent, y, &lines, style);
    }

    fn rule(&mut self, y: f32, color: Rgb, width: f32) {
        let (x1, x2) = (self.left(), self.right());
        self.push(Item::Line {
            x1,
            y1: y,
            x2,
            y2: y,
            color,
            width,
        });
    }

    /// A section heading, never left alone at the bottom of a page.
    fn heading(&mut self, text: &str, style: Style) {
        self.ensure(style.line_h() + 4.0 + 3.0 * BODY.line_h());
        let (x, y) = (self.left(), self.y);
        self.text(x, y + style.size, style, text);
        self.y += style.line_h() + 4.0;
    }

    fn gap(&mut self, h: f32) {
        self.y += h;
    }
}

// ---------------------------------------------------------------------------------------------
// Building the document.

/// What a step thumbnail shows: the view, the feet and the zone to mark.
#[derive(Debug, Clone, PartialEq)]
struct ThumbKey {
    view: ViewKind,
    feet: FootSel,
    highlight: Option<usize>,
}

/// Build the printable PDF of a session plan: the screening summary, the steps in order with
/// chart thumbnails, and the client aftercare handout — or, when screening says stop, only a
/// referral note.
pub fn plan_pdf(plan: &Plan, chart: &Chart, library: &Library) -> Result<Vec<u8>, ExportError> {
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
    let mut thumbs: Vec<ThumbKey> = Vec::new();
    let mut geos = Geometries::new(chart);
    let title;
    let layout = if screening.allows_treatment() {
        title = "Reflexology session plan";
        let mut l = Layout::new(
            plan.paper.size_pt(),
            format!("{title}  ·  Client {client}  ·  {date}"),
        )?;
        summary_page(&mut l, plan, chart, library, &screening, client, date);
        steps(&mut l, plan, &mut geos, library, &screening, &mut thumbs);
        aftercare(&mut l, library, client, date);
        l
    } else {
        title = "Referral note";
        let mut l = Layout::new(
            plan.paper.size_pt(),
            format!("{title}  ·  Client {client}  ·  {date}"),
        )?;
        referral(&mut l, &screening, client, date);
        l
    };
    render(
        layout,
        &mut geos,
        &thumbs,
        &format!("{title} – {client} – {date}"),
    )
}

/// Title block shared by the plan and the referral note.
fn title_block(l: &mut Layout, title: &str, subtitle: &str, facts: &[(&str, String)]) {
    let x = l.left();
    let y = l.y;
    l.text(x, y + TITLE.size, TITLE, title);
    l.y += TITLE.line_h();
    if !subtitle.is_empty() {
        let w = l.content_w();
        l.paragraph(x, w, BODY.color(MUTED), subtitle);
    }
    l.gap(8.0);
    // Facts in columns: a small label above a value.
    let col = l.content_w() / facts.len().max(4) as f32;
    let value = Style::new(12.0, Face::Bold, INK);
    let top = l.y;
    for (i, (label, v)) in facts.iter().enumerate() {
        let cx = x + i as f32 * col;
        l.text(cx, top + LABEL.size, LABEL, &label.to_uppercase());
        l.text(cx, top + LABEL.line_h() + value.size, value, v);
    }
    l.y = top + LABEL.line_h() + value.line_h() + 8.0;
    l.rule(l.y, RULE, 0.8);
    l.gap(14.0);
}

/// The verdict banner: a tinted box with a strong bar on its left edge.
fn banner(l: &mut Layout, s: &Screening) {
    let (strong, tint) = verdict_colours(s);
    let label = if s.verdict == Action::Proceed && s.unanswered > 0 {
        "Screening incomplete".to_owned()
    } else {
        s.verdict.label().to_owned()
    };
    let pad = 10.0;
    let head = Style::new(14.0, Face::Bold, strong);
    let body = Style::new(10.5, Face::Regular, INK);
    let lines = l.wrap(&s.headline(), l.content_w() - 2.0 * pad - 6.0, body);
    let h = pad + head.line_h() + lines.len() as f32 * body.line_h() + pad - 3.0;
    l.ensure(h);
    let (x, y, w) = (l.left(), l.y, l.content_w());
    l.push(Item::Rect {
        x,
        y,
        w,
        h,
        r: 4.0,
        fill: Some(tint),
        stroke: None,
    });
    l.push(Item::Rect {
        x,
        y,
        w: 5.0,
        h,
        r: 0.0,
        fill: Some(strong),
        stroke: None,
    });
    l.text(
        x + pad + 6.0,
        y + pad + head.size,
        head,
        &format!("VERDICT: {}", label.to_uppercase()),
    );
    l.lines_at(x + pad + 6.0, y + pad + head.line_h(), &lines, body);
    l.y += h + 14.0;
}

fn fmt_minutes(m: f32) -> String {
    if (m - m.round()).abs() < 0.05 {
        format!("{:.0}", m.round())
    } else {
        format!("{m:.1}")
    }
}

fn summary_page(
    l: &mut Layout,
    plan: &Plan,
    chart: &Chart,
    library: &Library,
    s: &Screening,
    client: &str,
    date: &str,
) {
    let template = plan
        .template
        .as_deref()
        .and_then(|t| library.template(t))
        .map(|t| format!("From the template “{}”", t.name))
        .unwrap_or_default();
    let total = plan.total_minutes();
    let facts = [
        ("Client", client.to_owned()),
        ("Date", date.to_owned()),
        ("Session length", format!("{} min", plan.session_minutes)),
        (
            "Planned steps",
            format!("{} min · {} steps", fmt_minutes(total), plan.steps.len()),
        ),
    ];
    title_block(l, "Reflexology session plan", &template, &facts);
    if total > plan.session_minutes as f32 + 0.05 {
        let over = fmt_minutes(total - plan.session_minutes as f32);
        let w = l.content_w();
        l.paragraph(
            l.left(),
            w,
            BODY.color(RED),
            &format!("The steps add up to {over} min more than the session length."),
        );
        l.gap(6.0);
    }

    l.heading("Screening", H2);
    banner(l, s);
    if s.triggered.is_empty() {
        let w = l.content_w();
        l.paragraph(l.left(), w, BODY, "No screening question was answered yes.");
    } else {
        let label_w = 112.0;
        let x = l.left();
        l.ensure(LABEL.line_h());
        l.text(x, l.y + LABEL.size, LABEL, "ACTION");
        l.text(x + label_w, l.y + LABEL.size, LABEL, "ANSWERED YES");
        l.y += LABEL.line_h() + 2.0;
        for rule in &s.triggered {
            let lines = l.wrap(&rule.question, l.content_w() - label_w, BODY);
            let h = lines.len() as f32 * BODY.line_h();
            l.ensure(h + 6.0);
            let y = l.y;
            l.text(
                x,
                y + BODY.size * 0.95,
                BODY.bold().color(action_colour(rule.action)),
                rule.action.label(),
            );
            l.lines_at(x + label_w, y, &lines, BODY);
            l.y += h + 3.0;
            l.rule(l.y, RULE, 0.4);
            l.y += 4.0;
        }
    }
    if s.unanswered > 0 {
        l.gap(4.0);
        let w = l.content_w();
        let msg = format!(
            "{} screening question{} not answered. Answer every question before treating.",
            s.unanswered,
            if s.unanswered == 1 { " was" } else { "s were" }
        );
        l.paragraph(l.left(), w, BODY.bold().color([0xa8, 0x62, 0x00]), &msg);
    }

    let has_adaptations = s.pressure_cap.is_some()
        || !s.avoid_zones.is_empty()
        || s.avoid_left
        || s.avoid_right
        || s.no_heat
        || !s.notes.is_empty();
    if has_adaptations {
        l.gap(10.0);
        l.heading("Adaptations for this session", H2);
        if s.no_heat {
            let pad = 8.0;
            let style = BODY.bold().color(RED);
            let msg = "No heat: no hot stones, heat pads, warm towels or hot soaks. Numb feet may not feel a burn.";
            let lines = l.wrap(msg, l.content_w() - 2.0 * pad, style);
            let h = lines.len() as f32 * style.line_h() + 2.0 * pad - 2.0;
            l.ensure(h);
            let (x, y, w) = (l.left(), l.y, l.content_w());
            l.push(Item::Rect {
                x,
                y,
                w,
                h,
                r: 4.0,
                fill: Some(RED_TINT),
                stroke: Some(RED),
            });
            l.lines_at(x + pad, y + pad - 1.0, &lines, style);
            l.y += h + 8.0;
        }
        if let Some(cap) = s.pressure_cap {
            l.bullet(
                BODY,
                "•",
                ACCENT,
                &format!(
                    "Pressure cap: {} or lighter on every step.",
                    cap.label().to_lowercase()
                ),
            );
        }
        if !s.avoid_zones.is_empty() {
            let names: Vec<String> = s
                .avoid_zones
                .iter()
                .map(|z| {
                    chart
                        .zone(z)
                        .map_or_else(|| z.replace('_', " "), |z| z.name.clone())
                })
                .collect();
            l.bullet(
                BODY,
                "•",
                ACCENT,
                &format!("Avoid these areas: {}.", names.join(", ")),
            );
        }
        let feet = match (s.avoid_left, s.avoid_right) {
            (true, true) => Some("both feet: no foot work at all"),
            (true, false) => Some("the left foot"),
            (false, true) => Some("the right foot"),
            (false, false) => None,
        };
        if let Some(f) = feet {
            l.bullet(BODY, "•", ACCENT, &format!("Leave out {f}."));
        }
        for n in &s.notes {
            l.bullet(BODY, "•", ACCENT, n);
        }
    }
    if !plan.notes.trim().is_empty() {
        l.gap(10.0);
        l.heading("Notes", H2);
        let w = l.content_w();
        l.paragraph(l.left(), w, BODY, plan.notes.trim());
    }
}

/// The zone's most specific caveat as "Grade: plain sentence": the first claim other than the
/// chart-wide C11, else C11.
fn caveat_line(zone: &Zone, library: &Library) -> Option<String> {
    let id = zone
        .caveats
        .iter()
        .find(|c| *c != "C11")
        .or_else(|| zone.caveats.first())?;
    let claim = library.claim(id)?;
    Some(format!(
        "Evidence ({}): {}",
        claim.grade.label().to_lowercase(),
        claim.plain
    ))
}

/// View geometries built on first use: a plan asks for only a few of them, over and over.
struct Geometries<'a> {
    chart: &'a Chart,
    built: Vec<(ViewKind, FootSel, ViewGeometry)>,
}

impl<'a> Geometries<'a> {
    fn new(chart: &'a Chart) -> Self {
        Self {
            chart,
            built: Vec::new(),
        }
    }

    fn get(&mut self, view: ViewKind, feet: FootSel) -> &ViewGeometry {
        let i = match self
            .built
            .iter()
            .position(|(v, f, _)| *v == view && *f == feet)
        {
            Some(i) => i,
            None => {
                let geo = ViewGeometry::build(self.chart, view, feet);
                self.built.push((view, feet, geo));
                self.built.len() - 1
            }
        };
        &self.built[i].2
    }
}

/// The thumbnail for a step: the zone's first view that shows it on the step's foot.
fn thumb_for(step: &PlanStep, geos: &mut Geometries) -> ThumbKey {
    let chart = geos.chart;
    let zone = step.zone.as_deref().and_then(|z| chart.zone_index(z));
    match zone {
        Some(zi) => {
            let views = chart.zones[zi].views();
            let view = views
                .iter()
                .copied()
                .find(|v| geos.get(*v, step.foot).shows_zone(zi))
                .or_else(|| views.first().copied())
                .unwrap_or(ViewKind::Plantar);
            ThumbKey {
                view,
                feet: step.foot,
                highlight: Some(zi),
            }
        }
        // Why: a highlight no zone has fades every zone, so a whole-foot move shows the
        // foot itself rather than a full-colour map.
        None => ThumbKey {
            view: ViewKind::Plantar,
            feet: step.foot,
            highlight: Some(usize::MAX),
        },
    }
}

fn steps(
    l: &mut Layout,
    plan: &Plan,
    geos: &mut Geometries,
    library: &Library,
    s: &Screening,
    thumbs: &mut Vec<ThumbKey>,
) {
    let chart = geos.chart;
    l.gap(12.0);
    l.heading("Session sequence", H2);
    if plan.steps.is_empty() {
        let w = l.content_w();
        l.paragraph(
            l.left(),
            w,
            BODY.color(MUTED),
            "This plan has no steps yet.",
        );
        return;
    }
    let name_style = Style::new(11.5, Face::Bold, INK);
    let meta = BODY;
    let note = Style::new(9.5, Face::Regular, INK);
    let caveat = SMALL;
    let issue = Style::new(9.5, Face::Bold, RED);
    let text_x = l.left() + THUMB_W + 14.0;
    let text_w = l.right() - text_x;
    for (i, step) in plan.steps.iter().enumerate() {
        let zone = step.zone.as_deref().and_then(|z| chart.zone(z));
        let name = match (zone, &step.zone, &step.title) {
            (Some(z), _, _) => z.name.clone(),
            (None, Some(id), _) => id.replace('_', " "),
            (None, None, Some(t)) => t.clone(),
            (None, None, None) => "Whole foot".to_owned(),
        };
        let technique = library
            .technique(&step.technique)
            .map_or(step.technique.as_str(), |t| t.name.as_str());
        let minutes = format!("{} min", fmt_minutes(step.minutes));
        let name_lines = l.wrap(
            &name,
            text_w - l.text_w(&minutes, name_style) - 12.0,
            name_style,
        );
        let meta_line = format!(
            "{}  ·  {}  ·  {} pressure",
            step.foot.label(),
            technique,
            step.pressure.label()
        );
        let meta_lines = l.wrap(&meta_line, text_w, meta);
        let note_lines = if step.note.trim().is_empty() {
            Vec::new()
        } else {
            l.wrap(step.note.trim(), text_w, note)
        };
        let caveat_lines = zone
            .and_then(|z| caveat_line(z, library))
            .map(|c| l.wrap(&c, text_w, caveat))
            .unwrap_or_default();
        let issues: Vec<String> = step_issues(step, s, chart, library)
            .iter()
            .map(|i| format!("⚠ {}", i.message()))
            .collect();
        let issue_lines: Vec<String> = issues
            .iter()
            .flat_map(|t| l.wrap(t, text_w, issue))
            .collect();
        let text_h = name_lines.len() as f32 * name_style.line_h()
            + meta_lines.len() as f32 * meta.line_h()
            + if note_lines.is_empty() {
                0.0
            } else {
                3.0 + note_lines.len() as f32 * note.line_h()
            }
            + if caveat_lines.is_empty() {
                0.0
            } else {
                3.0 + caveat_lines.len() as f32 * caveat.line_h()
            }
            + if issue_lines.is_empty() {
                0.0
            } else {
                3.0 + issue_lines.len() as f32 * issue.line_h()
            };
        let h = text_h.max(THUMB_H);
        l.ensure(h + 16.0);
        let top = l.y;
        // Thumbnail.
        let key = thumb_for(step, geos);
        let tree = match thumbs.iter().position(|k| *k == key) {
            Some(t) => t,
            None => {
                thumbs.push(key);
                thumbs.len() - 1
            }
        };
        let x = l.left();
        l.push(Item::Rect {
            x,
            y: top,
            w: THUMB_W,
            h: THUMB_H,
            r: 4.0,
            fill: None,
            stroke: Some(RULE),
        });
        l.push(Item::Chart {
            tree,
            x: x + 2.0,
            y: top + 2.0,
            w: THUMB_W - 4.0,
            h: THUMB_H - 4.0,
        });
        // Number badge on the thumbnail's corner.
        let badge = 16.0;
        l.push(Item::Rect {
            x: x - 4.0,
            y: top - 4.0,
            w: badge,
            h: badge,
            r: badge / 2.0,
            fill: Some(ACCENT),
            stroke: None,
        });
        let num = (i + 1).to_string();
        let ns = Style::new(8.0, Face::Bold, WHITE);
        let nw = l.text_w(&num, ns);
        l.text(
            x - 4.0 + (badge - nw) / 2.0,
            top - 4.0 + badge / 2.0 + 2.9,
            ns,
            &num,
        );
        // Text column.
        let mut y = top;
        y += l.lines_at(text_x, y, &name_lines, name_style);
        l.text_right(
            l.right(),
            top + name_style.size * 0.95,
            name_style.color(ACCENT),
            &minutes,
        );
        y += l.lines_at(text_x, y, &meta_lines, meta.color(MUTED));
        for (lines, style) in [
            (&note_lines, note),
            (&caveat_lines, caveat),
            (&issue_lines, issue),
        ] {
            if !lines.is_empty() {
                y += 3.0;
                y += l.lines_at(text_x, y, lines, style);
            }
        }
        l.y = top + h + 8.0;
        l.rule(l.y, RULE, 0.5);
        l.y += 8.0;
    }
}

/// The client's aftercare handout on its own last page, in the largest type (11.5 pt down to
/// 9 pt) that keeps it on one page; below that it runs on.
fn aftercare(l: &mut Layout, library: &Library, client: &str, date: &str) {
    let fits = |size: f32| {
        let mut trial = l.scratch();
        aftercare_at(&mut trial, library, client, date, size);
        trial.pages.len() == 1
    };
    let size = [11.5, 11.0, 10.5, 10.0, 9.5]
        .into_iter()
        .find(|s| fits(*s))
        .unwrap_or(9.0);
    l.new_plain_page();
    aftercare_at(l, library, client, date, size);
}

fn aftercare_at(l: &mut Layout, library: &Library, client: &str, date: &str, size: f32) {
    let a = &library.aftercare;
    let body = Style {
        leading: 1.34,
        ..Style::new(size, Face::Regular, INK)
    };
    let x = l.left();
    let y = l.y;
    l.text(
        x,
        y + SMALL.size,
        SMALL,
        &format!("Aftercare for {client}  ·  {date}"),
    );
    l.y += SMALL.line_h() + 4.0;
    let y = l.y;
    let title = Style::new(19.0, Face::Bold, ACCENT);
    l.text(x, y + title.size, title, &a.title);
    l.y += title.line_h() + 2.0;
    let w = l.content_w();
    l.paragraph(x, w, body, &a.intro);
    let h3 = Style::new(12.5, Face::Bold, INK);
    l.gap(8.0);
    l.heading("Over the next day or two", h3);
    for t in &a.advice {
        l.bullet(body, "•", ACCENT, t);
        l.gap(1.5);
    }
    l.gap(8.0);
    l.heading("What to notice over the next 24–48 hours", h3);
    for t in &a.track {
        l.bullet(body, "□", ACCENT, t);
        l.gap(1.5);
    }
    l.gap(8.0);
    // The urgent signs sit in a red-edged box, kept on one page.
    let pad = 9.0;
    let indent = body.size * 1.3;
    let inner = l.content_w() - 2.0 * pad;
    let heading = "Get medical help urgently if you notice";
    let wrapped: Vec<Vec<String>> = a
        .urgent
        .iter()
        .map(|t| l.wrap(t, inner - indent, body))
        .collect();
    let h = pad
        + h3.line_h()
        + 2.0
        + wrapped
            .iter()
            .map(|w| w.len() as f32 * body.line_h() + 1.5)
            .sum::<f32>()
        + pad;
    l.ensure(h);
    let (bx, by) = (l.left(), l.y);
    l.push(Item::Rect {
        x: bx,
        y: by,
        w: l.content_w(),
        h,
        r: 5.0,
        fill: Some(RED_TINT),
        stroke: Some(RED),
    });
    l.text(bx + pad, by + pad + h3.size, h3.color(RED), heading);
    let mut y = by + pad + h3.line_h() + 2.0;
    for lines in &wrapped {
        l.text(bx + pad, y + body.size * 0.95, body.bold().color(RED), "!");
        y += l.lines_at(bx + pad + indent, y, lines, body) + 1.5;
    }
    l.y = by + h + 10.0;
    let w = l.content_w();
    l.paragraph(x, w, SMALL, "If in doubt, contact your doctor, nurse or podiatrist. In an emergency call your local emergency number.");
}

fn referral(l: &mut Layout, s: &Screening, client: &str, date: &str) {
    let facts = [("Client", client.to_owned()), ("Date", date.to_owned())];
    title_block(
        l,
        "Referral note",
        "Reflexology was not given: screening found a reason to refer.",
        &facts,
    );
    banner(l, s);
    l.heading("Reason for referral", H2);
    let x = l.left();
    let w = l.content_w();
    for rule in s
        .triggered
        .iter()
        .filter(|r| r.action == Action::StopAndRefer)
    {
        l.paragraph(x, w, BODY.bold(), &rule.question);
        l.gap(2.0);
        l.paragraph(x, w, BODY, &format!("Why it matters: {}", rule.why));
        l.gap(2.0);
        l.paragraph(x, w, SMALL, &format!("Source: {}", rule.source));
        l.paragraph(
            x,
            w,
            SMALL,
            &format!("Authority: {}", rule.authority.label()),
        );
        l.gap(6.0);
        l.rule(l.y, RULE, 0.5);
        l.gap(10.0);
    }
    l.heading("Advice", H2);
    l.paragraph(x, w, Style::new(11.0, Face::Regular, INK), REFERRAL_ADVICE);
    l.gap(30.0);
    l.ensure(40.0);
    let y = l.y;
    let half = (w - 20.0) / 2.0;
    for (i, label) in ["Therapist", "Signature"].into_iter().enumerate() {
        let lx = x + i as f32 * (half + 20.0);
        l.push(Item::Line {
            x1: lx,
            y1: y + 18.0,
            x2: lx + half,
            y2: y + 18.0,
            color: MUTED,
            width: 0.6,
        });
        l.text(lx, y + 18.0 + SMALL.line_h(), SMALL, label);
    }
    l.y = y + 40.0;
}

// ---------------------------------------------------------------------------------------------
// Drawing the display list with krilla.

fn fill(c: Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(c[0], c[1], c[2]).into(),
        ..Fill::default()
    }
}

fn stroke(c: Rgb, width: f32) -> Stroke {
    Stroke {
        paint: rgb::Color::new(c[0], c[1], c[2]).into(),
        width,
        ..Stroke::default()
    }
}

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

fn thumb_tree(
    geos: &mut Geometries,
    key: &ThumbKey,
    opt: &usvg::Options,
) -> Result<usvg::Tree, ExportError> {
    let chart = geos.chart;
    let geo = geos.get(key.view, key.feet);
    let svg = render_svg(
        chart,
        geo,
        &SvgOptions {
            view: key.view,
            feet: key.feet,
            highlight: key.highlight,
            width: 260.0,
            guides: false,
            legend: false,
        },
    );
    usvg::Tree::from_str(&svg, opt).map_err(|e| ExportError::Svg(e.to_string()))
}

fn render(
    layout: Layout,
    geos: &mut Geometries,
    thumbs: &[ThumbKey],
    title: &str,
) -> Result<Vec<u8>, ExportError> {
    let font_err = || ExportError::Pdf("cannot load the embedded font".into());
    let regular = Font::new(FONT_REGULAR.into(), 0).ok_or_else(font_err)?;
    let bold = Font::new(FONT_BOLD.into(), 0).ok_or_else(font_err)?;
    let opt = usvg_options();
    let trees = thumbs
        .iter()
        .map(|k| thumb_tree(geos, k, &opt))
        .collect::<Result<Vec<_>, _>>()?;
    let settings = PageSettings::from_wh(layout.width, layout.height).ok_or_else(|| {
        ExportError::Pdf(format!(
            "bad paper size {} × {}",
            layout.width, layout.height
        ))
    })?;
    let mut doc = Document::new();
    doc.set_metadata(
        Metadata::new()
            .title(title.to_owned())
            .language("en".to_owned())
            .creator("reflexmap".to_owned()),
    );
    let count = layout.pages.len();
    for (n, items) in layout.pages.iter().enumerate() {
        let mut page = doc.start_page_with(settings.clone());
        let mut surface = page.surface();
        let draw_text = |surface: &mut Surface,
                         x: f32,
                         y: f32,
                         size: f32,
                         face: Face,
                         color: Rgb,
                         text: &str| {
            surface.set_fill(Some(fill(color)));
            surface.set_stroke(None);
            let font = if face == Face::Bold {
                bold.clone()
            } else {
                regular.clone()
            };
            surface.draw_text(
                Point::from_xy(x, y),
                font,
                size,
                text,
                false,
                TextDirection::LeftToRight,
            );
        };
        for item in items {
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
                Item::Chart { tree, x, y, w, h } => {
                    let Some(tree) = trees.get(*tree) else {
                        continue;
                    };
                    // Fit the drawing into the box, keeping its aspect, centred.
                    let (tw, th) = (tree.size().width(), tree.size().height());
                    let scale = (w / tw).min(h / th);
                    let (dw, dh) = (tw * scale, th * scale);
                    let size = Size::from_wh(dw, dh)
                        .ok_or_else(|| ExportError::Pdf("empty thumbnail".into()))?;
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
        // Footer.
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
            MUTED,
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
            MUTED,
            &page_label,
        );
        surface.finish();
        page.finish();
    }
    doc.finish().map_err(|e| ExportError::Pdf(format!("{e:?}")))
}
