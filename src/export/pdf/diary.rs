//! The home diary sheet a client takes away: the 0–10 scales with their anchors, a grid to
//! score each symptom (per foot where it is scored per foot) just after the session and at
//! 24 and 48 hours, or once a day for a week, the aftercare items to notice and the urgent signs
//! with the advice to get help. Printed landscape, so the grid has room.

use crate::model::Library;
use crate::palette::{ACCENT, INK, INK_MUTED, RULE};
use crate::plan::Paper;
use crate::records::{ClientDetails, FOLLOWUP_ITEMS, Symptom};

use super::super::ExportError;
use super::PrintedPdf;
use super::fonts::isolate;
use super::layout::{BODY, Face, H2, Item, LABEL, Layout, SMALL, Style, TITLE};
use super::pages::{IF_IN_DOUBT, urgent_box};
use super::render::render_noting;
use super::tags::Role;

/// The rows of the grid: when the client scores.
fn rows(days: u32) -> Vec<String> {
    if days == 2 {
        vec![
            "Just after the session".to_owned(),
            "After 24 hours".to_owned(),
            "After 48 hours".to_owned(),
        ]
    } else {
        (1..=days).map(|d| format!("Day {d}")).collect()
    }
}

/// Build the home diary sheet for `days` days (2 or 7), with the client's name or a line to
/// write it on, and the scripts that printed as "?" for want of a font.
pub fn diary_sheet(
    client: Option<&ClientDetails>,
    days: u32,
    paper: Paper,
    library: &Library,
) -> Result<PrintedPdf, ExportError> {
    if days != 2 && days != 7 {
        return Err(ExportError::Pdf(format!(
            "a home diary covers 2 or 7 days, not {days}"
        )));
    }
    let (w, h) = paper.size_pt();
    let name = client.map(|c| c.name.trim()).filter(|n| !n.is_empty());
    let mut l = Layout::new(
        (h, w),
        match name {
            Some(n) => format!("Home diary  ·  {}", isolate(n)),
            None => "Home diary".to_owned(),
        },
    )?;
    let title = if days == 2 {
        "Home diary: the next two days"
    } else {
        "Home diary: the next seven days"
    };
    head(&mut l, title, name);
    scales(&mut l);
    score_grid(&mut l, days);
    notice_grid(&mut l, days);
    l.gap(6.0);
    let body = Style::new(9.5, Face::Regular, INK);
    urgent_box(
        &mut l,
        &library.aftercare.urgent,
        body,
        Style::new(11.5, Face::Bold, INK),
    );
    let cw = l.content_w();
    l.paragraph(l.left(), cw, SMALL, IF_IN_DOUBT);
    let (bytes, missing_scripts) = render_noting(
        l,
        &[],
        &format!("Home diary – {}", name.unwrap_or("client")),
    )?;
    Ok(PrintedPdf {
        bytes,
        missing_scripts,
    })
}

/// The title, the name (or a line to write it on) and what to do.
fn head(l: &mut Layout, title: &str, name: Option<&str>) {
    let x = l.left();
    let y = l.y;
    l.heading_at(1, x, y + TITLE.size, TITLE, title);
    l.tagged(Role::P, |l| {
        l.text_right(
            l.right(),
            y + TITLE.size,
            BODY.color(INK_MUTED),
            "Please bring this sheet to your next session",
        );
    });
    l.y += TITLE.line_h() + 6.0;
    let y = l.y;
    let label = BODY.bold();
    let nx = x + l.text_w("Name: ", label) + 4.0;
    l.tagged(Role::P, |l| {
        l.text(x, y + BODY.size, label, "Name:");
        match name {
            Some(n) => l.text(nx, y + BODY.size, Style::new(12.0, Face::Bold, ACCENT), n),
            None => l.push(Item::Line {
                x1: nx,
                y1: y + BODY.size + 2.0,
                x2: nx + 220.0,
                y2: y + BODY.size + 2.0,
                color: INK_MUTED,
                width: 0.6,
            }),
        }
    });
    let dx = x + 330.0;
    l.tagged(Role::P, |l| {
        l.text(dx, y + BODY.size, label, "Session date:")
    });
    let lx = dx + l.text_w("Session date: ", label) + 4.0;
    l.push(Item::Line {
        x1: lx,
        y1: y + BODY.size + 2.0,
        x2: lx + 110.0,
        y2: y + BODY.size + 2.0,
        color: INK_MUTED,
        width: 0.6,
    });
    l.y += BODY.line_h() + 8.0;
    let w = l.content_w();
    l.paragraph(
        x,
        w,
        BODY,
        "Write a score from 0 to 10 in each box for how you feel at that time. Score the foot \
         symptoms for each foot (L = left, R = right). Leave a box empty if you did not notice. \
         There are no right or wrong answers: this is a record of how you felt, not a test.",
    );
    l.gap(8.0);
}

/// The two scales, each as the symptoms it is for and a 0–10 row of numbers with its anchors.
fn scales(l: &mut Layout) {
    let groups: Vec<(Vec<Symptom>, (&str, &str))> = {
        let mut down = Vec::new();
        let mut up = Vec::new();
        for s in Symptom::ALL {
            if s.higher_is_better() {
                up.push(s);
            } else {
                down.push(s);
            }
        }
        let a = down.first().map(|s| s.anchors()).unwrap_or(("", ""));
        let b = up.first().map(|s| s.anchors()).unwrap_or(("", ""));
        vec![(down, a), (up, b)]
    };
    l.heading("The scales", H2, 2);
    let cell = 17.0;
    let row_h = cell + SMALL.line_h() + 10.0;
    for (symptoms, (low, high)) in groups {
        let names: Vec<&str> = symptoms.iter().map(|s| s.label()).collect();
        let x = l.left();
        let numbers_x = x + 11.0 * cell;
        let text_w = l.content_w() - 11.0 * cell - 20.0;
        let lines = l.wrap(&names.join(", "), text_w, BODY.bold());
        l.ensure(row_h.max(lines.len() as f32 * BODY.line_h()));
        let y = l.y;
        // The symptoms first, then their scale, though the scale is drawn to their left.
        let (names_p, scale_p) = (l.node(Role::P), l.node(Role::P));
        l.inside(scale_p, |l| {
            for i in 0..=10u8 {
                let cx = x + f32::from(i) * cell;
                l.push(Item::Rect {
                    x: cx,
                    y,
                    w: cell,
                    h: cell,
                    r: 0.0,
                    fill: None,
                    stroke: Some(RULE),
                });
                let t = i.to_string();
                let tw = l.text_w(&t, BODY);
                l.text(cx + (cell - tw) / 2.0, y + cell / 2.0 + 3.5, BODY, &t);
            }
            l.text(x, y + cell + SMALL.size + 2.0, SMALL, low);
            l.text_right(x + 11.0 * cell, y + cell + SMALL.size + 2.0, SMALL, high);
        });
        l.inside(names_p, |l| {
            l.lines_at(numbers_x + 20.0, y, &lines, BODY.bold())
        });
        l.y = y + row_h.max(lines.len() as f32 * BODY.line_h());
    }
    l.gap(4.0);
}

/// A grid's rows: a label column and cells of equal width, with `header` rows above.
struct Grid {
    label_w: f32,
    cols: usize,
    row_h: f32,
}

impl Grid {
    fn cell_w(&self, l: &Layout) -> f32 {
        (l.content_w() - self.label_w) / self.cols as f32
    }

    /// The row labels (with a line for the date on a day of a week) and the cell boxes, with
    /// `fill` drawing inside each cell: table rows, each a row header and its cells.
    fn body(
        &self,
        l: &mut Layout,
        labels: &[String],
        dated: bool,
        mut fill: impl FnMut(&mut Layout, f32, f32, f32, f32),
    ) {
        let cw = self.cell_w(l);
        let x = l.left();
        for label in labels {
            l.ensure(self.row_h);
            let y = l.y;
            l.push(Item::Rect {
                x,
                y,
                w: l.content_w(),
                h: self.row_h,
                r: 0.0,
                fill: None,
                stroke: Some(INK_MUTED),
            });
            let lines = l.wrap(label, self.label_w - 10.0, BODY.bold());
            let row = l.begin(Role::TR);
            l.tagged(Role::ROW_HEADER, |l| {
                l.lines_at(x + 5.0, y + 3.0, &lines, BODY.bold());
                if dated {
                    l.text(x + 5.0, y + self.row_h - 5.0, SMALL, "Date:");
                    let lx = x + 5.0 + l.text_w("Date: ", SMALL);
                    l.push(Item::Line {
                        x1: lx,
                        y1: y + self.row_h - 4.0,
                        x2: x + self.label_w - 6.0,
                        y2: y + self.row_h - 4.0,
                        color: RULE,
                        width: 0.6,
                    });
                }
            });
            for c in 0..self.cols {
                let cx = x + self.label_w + c as f32 * cw;
                l.push(Item::Line {
                    x1: cx,
                    y1: y,
                    x2: cx,
                    y2: y + self.row_h,
                    color: INK_MUTED,
                    width: 0.5,
                });
                l.tagged(Role::CELL, |l| fill(l, cx, y, cw, self.row_h));
            }
            l.end(row);
            l.y += self.row_h;
        }
    }
}

/// One column per symptom score: two (L, R) for a symptom scored per foot.
fn score_grid(l: &mut Layout, days: u32) {
    let labels = rows(days);
    let cols: Vec<(Symptom, Option<&str>)> = Symptom::ALL
        .iter()
        .flat_map(|s| {
            if s.per_foot() {
                vec![(*s, Some("L")), (*s, Some("R"))]
            } else {
                vec![(*s, None)]
            }
        })
        .collect();
    let grid = Grid {
        label_w: 104.0,
        cols: cols.len(),
        row_h: if days == 2 { 34.0 } else { 30.0 },
    };
    let cw = grid.cell_w(l);
    // The largest size (up to 7.5 pt) at which no symptom's word is split across lines.
    let fits = |l: &Layout, size: f32| {
        Symptom::ALL.iter().all(|s| {
            let span = if s.per_foot() { 2.0 } else { 1.0 };
            s.label()
                .split_whitespace()
                .all(|w| l.text_w(w, Style::new(size, Face::Bold, INK)) <= span * cw - 4.0)
        })
    };
    let size = [7.5, 7.0, 6.5, 6.0]
        .into_iter()
        .find(|s| fits(l, *s))
        .unwrap_or(5.5);
    let head_style = Style::new(size, Face::Bold, INK);
    let head_h = 2.0 * head_style.line_h() + 4.0 + LABEL.line_h() + 2.0;
    // The heading, the header and the first rows together.
    l.ensure(H2.line_h() + 4.0 + head_h + 3.0 * grid.row_h);
    l.heading("Your scores (0–10)", H2, 2);
    let x = l.left();
    let y = l.y;
    let table = l.begin(Role::Table);
    // Symptom names over their one or two columns, then L / R under per-foot ones: two
    // header rows, a symptom scored once spanning both, one scored per foot both columns.
    l.tagged(Role::TR, |l| {
        l.node(Role::TD { cols: 1, rows: 2 });
        let mut c = 0;
        for s in Symptom::ALL {
            let span = if s.per_foot() { 2 } else { 1 };
            let sx = x + grid.label_w + c as f32 * cw;
            let lines = l.wrap(s.label(), span as f32 * cw - 4.0, head_style);
            let lines: Vec<String> = lines.into_iter().take(2).collect();
            let role = Role::TH {
                row: false,
                cols: span,
                rows: 3 - span,
            };
            l.tagged(role, |l| l.lines_at(sx + 2.0, y, &lines, head_style));
            c += span;
        }
    });
    let sub_y = y + 2.0 * head_style.line_h() + 4.0;
    l.tagged(Role::TR, |l| {
        for (i, (_, foot)) in cols.iter().enumerate() {
            if let Some(f) = foot {
                let fx = x + grid.label_w + i as f32 * cw;
                let fw = l.text_w(f, LABEL);
                l.tagged(Role::COL_HEADER, |l| {
                    l.text(fx + (cw - fw) / 2.0, sub_y + LABEL.size, LABEL, f);
                });
            }
        }
    });
    l.y = y + head_h;
    grid.body(l, &labels, days == 7, |_, _, _, _, _| {});
    l.end(table);
    l.gap(12.0);
}

/// The aftercare items to notice, each compared with before the session: "better, same,
/// worse" to circle, and a column for anything else.
fn notice_grid(l: &mut Layout, days: u32) {
    let labels = rows(days);
    let grid = Grid {
        label_w: 104.0,
        cols: FOLLOWUP_ITEMS.len() + 1,
        row_h: if days == 2 { 30.0 } else { 28.0 },
    };
    let cw = grid.cell_w(l);
    let head_h = LABEL.line_h() * 2.0 + 4.0;
    l.ensure(H2.line_h() + 4.0 + 3.0 * BODY.line_h() + head_h + 3.0 * grid.row_h);
    l.heading("What to notice, compared with before the session", H2, 2);
    let w = l.content_w();
    l.paragraph(
        l.left(),
        w,
        SMALL,
        "Circle one word in each box. Write anything else you noticed in the last column.",
    );
    l.gap(3.0);
    let x = l.left();
    let y = l.y;
    let table = l.begin(Role::Table);
    l.tagged(Role::TR, |l| {
        l.node(Role::CELL);
        for (i, item) in FOLLOWUP_ITEMS
            .iter()
            .copied()
            .chain(["Anything else"])
            .enumerate()
        {
            let cx = x + grid.label_w + i as f32 * cw;
            let lines = l.wrap(&item.to_uppercase(), cw - 6.0, LABEL);
            l.tagged(Role::COL_HEADER, |l| l.lines_at(cx + 3.0, y, &lines, LABEL));
        }
    });
    l.y = y + head_h;
    let last = FOLLOWUP_ITEMS.len();
    let mut col = 0;
    grid.body(l, &labels, days == 7, |l, cx, cy, cw, rh| {
        if col % (last + 1) != last {
            let t = "better · same · worse";
            // As large as fits the box, at most the small print's size.
            let natural = l.text_w(t, SMALL);
            let style = Style {
                size: SMALL.size * ((cw - 8.0) / natural).min(1.0),
                ..SMALL
            };
            let tw = l.text_w(t, style);
            l.text(cx + (cw - tw) / 2.0, cy + rh / 2.0 + 3.0, style, t);
        }
        col += 1;
    });
    l.end(table);
}
