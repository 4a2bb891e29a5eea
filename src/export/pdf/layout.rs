//! Text layout for the printed plan: font metrics (ttf-parser), text styles, greedy word wrap
//! and the [`Layout`] cursor that fills pages with drawing [`Item`]s.

use crate::palette::{ACCENT, INK, INK_MUTED, RULE, Rgb};

use super::super::ExportError;
use super::fonts::{self, PdfFont, SystemFonts};
use super::tags::{Art, Mark, NodeId, Role, Structure};

/// One millimetre in PDF points.
pub(super) const MM: f32 = 72.0 / 25.4;
/// The page margin on every side.
pub(super) const MARGIN: f32 = 18.0 * MM;
/// Space kept free at the bottom of each page for the footer.
pub(super) const FOOTER_H: f32 = 26.0;

// ---------------------------------------------------------------------------------------------
// Font metrics, for measuring and wrapping text.

/// Advance widths of the text of one face (regular or bold): the embedded DejaVu font, and for
/// characters it lacks the fallback font that draws them ([`fonts`]).
///
/// Why: krilla shapes text but does not expose widths, and wrapping needs them. Kerning is
/// ignored, so measured widths are a hair wider than drawn ones: wrapping stays safe.
#[derive(Clone, Copy)]
pub(super) struct Metrics {
    primary: &'static PdfFont,
    bold: bool,
}

impl Metrics {
    fn new(bold: bool) -> Result<Self, ExportError> {
        Ok(Self {
            primary: fonts::embedded(bold)?,
            bold,
        })
    }

    /// Width of `text` at `size` points; a character no font has counts as the "?" printed.
    pub(super) fn width(&self, text: &str, size: f32) -> f32 {
        fonts::width(text, size, self.primary, self.bold, &mut SystemFonts)
    }
}

// ---------------------------------------------------------------------------------------------
// The display list.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Face {
    Regular,
    Bold,
}

/// One thing drawn on a page, in points from the top-left corner.
pub(super) enum Item {
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
    /// A polyline or polygon (the trend chart's lines and markers); `dash` draws it dashed.
    Path {
        points: Vec<(f32, f32)>,
        closed: bool,
        fill: Option<Rgb>,
        stroke: Option<Rgb>,
        width: f32,
        dash: bool,
    },
    /// A JPEG photo, scaled into the box (the caller keeps its aspect).
    Image {
        jpeg: std::sync::Arc<Vec<u8>>,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
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
pub(super) struct Style {
    pub(super) size: f32,
    pub(super) face: Face,
    pub(super) color: Rgb,
    pub(super) leading: f32,
}

impl Style {
    pub(super) const fn new(size: f32, face: Face, color: Rgb) -> Self {
        Self {
            size,
            face,
            color,
            leading: 1.38,
        }
    }

    pub(super) fn line_h(self) -> f32 {
        self.size * self.leading
    }

    pub(super) fn bold(self) -> Self {
        Self {
            face: Face::Bold,
            ..self
        }
    }

    pub(super) fn color(self, color: Rgb) -> Self {
        Self { color, ..self }
    }
}

pub(super) const TITLE: Style = Style::new(21.0, Face::Bold, INK);
pub(super) const H2: Style = Style::new(13.0, Face::Bold, ACCENT);
pub(super) const BODY: Style = Style::new(10.0, Face::Regular, INK);
pub(super) const SMALL: Style = Style::new(8.5, Face::Regular, INK_MUTED);
pub(super) const LABEL: Style = Style::new(7.5, Face::Bold, INK_MUTED);

/// Pages being laid out: a cursor moving down the current page, and the structure (headings,
/// paragraphs, tables…) each item belongs to.
pub(super) struct Layout {
    pub(super) regular: Metrics,
    pub(super) bold: Metrics,
    /// Each page's items in drawing order, with what each is in the structure.
    pub(super) pages: Vec<Vec<(Item, Mark)>>,
    pub(super) tags: Structure,
    /// Top of the free space on the current page.
    pub(super) y: f32,
    pub(super) width: f32,
    pub(super) height: f32,
    /// Running header for pages after the first.
    pub(super) header: String,
}

impl Layout {
    pub(super) fn new(paper: (f32, f32), header: String) -> Result<Self, ExportError> {
        Ok(Self {
            regular: Metrics::new(false)?,
            bold: Metrics::new(true)?,
            pages: vec![Vec::new()],
            tags: Structure::default(),
            y: MARGIN,
            width: paper.0,
            height: paper.1,
            header,
        })
    }

    /// An empty one-page layout on the same paper, to try a layout out before committing to it.
    pub(super) fn scratch(&self) -> Layout {
        Layout {
            regular: self.regular,
            bold: self.bold,
            pages: vec![Vec::new()],
            tags: Structure::default(),
            y: MARGIN,
            width: self.width,
            height: self.height,
            header: String::new(),
        }
    }

    pub(super) fn left(&self) -> f32 {
        MARGIN
    }

    pub(super) fn right(&self) -> f32 {
        self.width - MARGIN
    }

    pub(super) fn content_w(&self) -> f32 {
        self.width - 2.0 * MARGIN
    }

    pub(super) fn bottom(&self) -> f32 {
        self.height - MARGIN - FOOTER_H
    }

    pub(super) fn push(&mut self, item: Item) {
        let page = self.pages.len().saturating_sub(1);
        let mark = self.tags.mark(page, &item);
        if let Some(p) = self.pages.last_mut() {
            p.push((item, mark));
        }
    }

    /// The index of the page being filled.
    pub(super) fn page(&self) -> usize {
        self.pages.len().saturating_sub(1)
    }

    // -----------------------------------------------------------------------------------------
    // Structure.

    /// Open a node of `role` in the current one; what is pushed next goes into it.
    pub(super) fn begin(&mut self, role: Role) -> NodeId {
        let id = self.tags.child(role);
        self.tags.enter(id);
        id
    }

    /// Close node `id`, opened with [`Layout::begin`].
    pub(super) fn end(&mut self, id: NodeId) {
        self.tags.end(id);
    }

    /// Run `f` inside a new node of `role`.
    pub(super) fn tagged<R>(&mut self, role: Role, f: impl FnOnce(&mut Self) -> R) -> R {
        let id = self.begin(role);
        let r = f(self);
        self.end(id);
        r
    }

    /// A node of `role` in the current one, to be filled later with [`Layout::inside`] (so
    /// it reads in this place whatever order it is drawn in).
    pub(super) fn node(&mut self, role: Role) -> NodeId {
        self.tags.child(role)
    }

    /// Run `f` with `id` as the current node.
    pub(super) fn inside<R>(&mut self, id: NodeId, f: impl FnOnce(&mut Self) -> R) -> R {
        let prev = self.tags.enter(id);
        let r = f(self);
        self.tags.enter(prev);
        r
    }

    /// Run `f` with everything it pushes an artifact of kind `art`.
    pub(super) fn artifact<R>(&mut self, art: Art, f: impl FnOnce(&mut Self) -> R) -> R {
        let prev = self.tags.set_artifact(Some(art));
        let r = f(self);
        self.tags.set_artifact(prev);
        r
    }

    /// Run `f` inside a new paragraph, unless the current node already holds text.
    fn in_paragraph<R>(&mut self, f: impl FnOnce(&mut Self) -> R) -> R {
        if self.tags.in_text_block() {
            f(self)
        } else {
            self.tagged(Role::P, f)
        }
    }

    /// A new page without the running header (for the client's handout).
    pub(super) fn new_plain_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
    }

    pub(super) fn new_page(&mut self) {
        self.new_plain_page();
        if !self.header.is_empty() {
            let header = self.header.clone();
            self.artifact(Art::Header, |l| {
                l.text(l.left(), l.y + SMALL.size, SMALL, &header);
                l.y += SMALL.line_h();
                l.rule(l.y, RULE, 0.6);
            });
            self.y += 14.0;
        }
    }

    /// Start a new page unless `h` points still fit on this one.
    pub(super) fn ensure(&mut self, h: f32) {
        if self.y + h > self.bottom() {
            self.new_page();
        }
    }

    pub(super) fn metrics(&self, face: Face) -> &Metrics {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
        }
    }

    pub(super) fn text_w(&self, text: &str, style: Style) -> f32 {
        self.metrics(style.face).width(text, style.size)
    }

    /// Greedy word wrap to `width` points; a word wider than the line is split.
    pub(super) fn wrap(&self, text: &str, width: f32, style: Style) -> Vec<String> {
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

    pub(super) fn text(&mut self, x: f32, baseline: f32, style: Style, text: &str) {
        self.push(Item::Text {
            x,
            y: baseline,
            size: style.size,
            face: style.face,
            color: style.color,
            text: text.to_owned(),
        });
    }

    pub(super) fn text_right(&mut self, right: f32, baseline: f32, style: Style, text: &str) {
        let w = self.text_w(text, style);
        self.text(right - w, baseline, style, text);
    }

    /// Draw wrapped lines with their top at `top`; returns the height used. No page breaks.
    pub(super) fn lines_at(&mut self, x: f32, top: f32, lines: &[String], style: Style) -> f32 {
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

    /// A wrapped paragraph at the cursor, breaking pages between lines (a paragraph of the
    /// structure unless the current node already holds text).
    pub(super) fn paragraph(&mut self, x: f32, width: f32, style: Style, text: &str) {
        let lines = self.wrap(text, width, style);
        self.in_paragraph(|l| {
            for line in lines {
                l.ensure(style.line_h());
                let y = l.y;
                l.lines_at(x, y, &[line], style);
                l.y += style.line_h();
            }
        });
    }

    /// Wrapped lines with their top at `top` as one paragraph; returns the height used.
    pub(super) fn paragraph_at(&mut self, x: f32, top: f32, lines: &[String], style: Style) -> f32 {
        self.in_paragraph(|l| l.lines_at(x, top, lines, style))
    }

    /// A bullet list item: a marker and a hanging-indented paragraph, kept on one page. In
    /// the structure a list item (label and body) of the current list (call inside a
    /// [`Role::L`]; outside one, the item is a list of its own).
    pub(super) fn bullet(&mut self, style: Style, marker: &str, marker_color: Rgb, text: &str) {
        if !self.tags.in_list() {
            let list = self.begin(Role::L(krilla::tagging::ListNumbering::Disc));
            self.bullet(style, marker, marker_color, text);
            self.end(list);
            return;
        }
        let indent = style.size * 1.3;
        let lines = self.wrap(text, self.content_w() - indent, style);
        self.ensure(lines.len() as f32 * style.line_h());
        let (x, y) = (self.left(), self.y);
        let item = self.begin(Role::LI);
        self.tagged(Role::Lbl, |l| {
            l.text(
                x,
                y + style.size * 0.95,
                style.bold().color(marker_color),
                marker,
            );
        });
        self.y += self.tagged(Role::LBody, |l| l.lines_at(x + indent, y, &lines, style));
        self.end(item);
    }

    pub(super) fn rule(&mut self, y: f32, color: Rgb, width: f32) {
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

    /// A section heading of `level` (2 for a section, 3 below it), never left alone at the
    /// bottom of a page.
    pub(super) fn heading(&mut self, text: &str, style: Style, level: u16) {
        self.ensure(style.line_h() + 4.0 + 3.0 * BODY.line_h());
        let (x, y) = (self.left(), self.y);
        self.heading_at(level, x, y + style.size, style, text);
        self.y += style.line_h() + 4.0;
    }

    /// A one-line heading of `level` drawn at baseline `baseline`, in the outline too.
    pub(super) fn heading_at(
        &mut self,
        level: u16,
        x: f32,
        baseline: f32,
        style: Style,
        text: &str,
    ) {
        let page = self.page();
        self.tags
            .note_heading(level, text, page, baseline - style.size);
        self.tagged(Role::H(level, text.to_owned()), |l| {
            l.text(x, baseline, style, text);
        });
    }

    pub(super) fn gap(&mut self, h: f32) {
        self.y += h;
    }
}
