//! The labelling worksheet: one view of one foot with every reflex area numbered on a leader
//! line and a line to write each name on, then an answer key on its own page, so the sheet can
//! be handed out without the answers.

use crate::geometry::{ChartGeometry, Point};
use crate::model::{Chart, Foot, FootSel, ViewKind, ZoneIdx};
use crate::palette::{ACCENT, INK, INK_MUTED, PAPER, RULE};
use crate::plan::Paper;

use super::super::{ExportError, Highlight, SvgOptions, render_svg, svg_frame, usvg_options};
use super::layout::{BODY, Face, H2, Item, Layout, SMALL, Style, TITLE};
use super::render::{render, svg_tree};
use super::tags::{Art, Role};

/// The drawing's width in the SVG (its scale in the PDF follows the box it is fitted into).
const SVG_W: f32 = 400.0;

/// The areas a worksheet numbers: every zone drawn on that foot in that view, in reading order
/// (toes to heel, medial to lateral), with the point its leader line starts from.
pub fn worksheet_areas(
    geometry: &ChartGeometry,
    view: ViewKind,
    foot: Foot,
) -> Vec<(ZoneIdx, Point)> {
    let geo = geometry.get(view, single(foot));
    geo.reading_order()
        .iter()
        .filter(|a| a.foot == foot)
        .map(|a| (a.zone, a.anchor))
        .collect()
}

fn single(foot: Foot) -> FootSel {
    match foot {
        Foot::Left => FootSel::Left,
        Foot::Right => FootSel::Right,
    }
}

/// The worksheet PDF and its answer key (the last page).
pub fn worksheet_pdf(
    chart: &Chart,
    geometry: &ChartGeometry,
    view: ViewKind,
    foot: Foot,
    paper: Paper,
) -> Result<Vec<u8>, ExportError> {
    let geo = geometry.get(view, single(foot));
    let areas = worksheet_areas(geometry, view, foot);
    if areas.is_empty() {
        return Err(ExportError::Pdf(format!(
            "the {} view shows no areas on the {} foot",
            view.id(),
            foot.label().to_lowercase()
        )));
    }
    let what = format!(
        "{} view, {} foot",
        view.label(),
        foot.label().to_lowercase()
    );
    let mut l = Layout::new(paper.size_pt(), format!("Label the chart  ·  {what}"))?;
    // Page 1: the chart with numbered leader lines, and lines to write on.
    l.heading(&format!("Label the chart: {what}"), TITLE, 1);
    l.tagged(Role::P, |l| {
        let cw = l.content_w();
        l.paragraph(
            l.left(),
            cw,
            BODY,
            "Write the name of each numbered reflex area on its line. The answer key is on the \
             last page: fold it under or tear it off before you start.",
        );
    });
    l.gap(6.0);
    let svg = render_svg(
        chart,
        geo,
        &SvgOptions {
            view,
            feet: single(foot),
            highlight: Highlight::None,
            width: SVG_W,
            guides: true,
            legend: false,
            // Why no names: the drawing must not carry the answers.
            names: false,
        },
    );
    let tree = svg_tree(&svg, &usvg_options())?;
    let (svg_h, to_svg) = svg_frame(geo, SVG_W);
    let top = l.y;
    let avail_h = l.bottom() - top - 8.0;
    // Side views are wide and low: they get more of the width.
    let chart_w_max = l.content_w() * if view.is_side() { 0.6 } else { 0.46 };
    let k = (chart_w_max / SVG_W).min(avail_h / svg_h);
    let (cw, ch) = (SVG_W * k, svg_h * k);
    let x0 = l.left();
    let to_pdf = |p: Point| {
        let q = to_svg(p);
        (x0 + q.x * k, top + q.y * k)
    };
    // Numbered from the top of the drawing down (toes to heel), so the numbers down the right
    // run 1, 2, 3 … and the leader lines hardly cross.
    let mut areas = areas;
    areas.sort_by(|a, b| to_pdf(a.1).1.total_cmp(&to_pdf(b.1).1));
    let order: Vec<usize> = (0..areas.len()).collect();
    // Why not only the drawing's height: a low side view would squeeze the numbers together;
    // the column may run below the drawing, at least 20 pt a line.
    let span = ch.max((areas.len() as f32 * 20.0).min(avail_h));
    let step = (span / areas.len() as f32).min(26.0);
    let label_x = x0 + cw + 18.0;
    let alt = format!(
        "Worksheet chart: the {what}, with {} numbered areas and no names",
        areas.len()
    );
    let number = Style::new(8.0, Face::Bold, PAPER);
    l.tagged(Role::Figure(alt), |l| {
        l.push(Item::Chart {
            tree: 0,
            x: x0,
            y: top,
            w: cw,
            h: ch,
        });
        for (slot, &i) in order.iter().enumerate() {
            let (ax, ay) = to_pdf(areas[i].1);
            let ly = top + step * (slot as f32 + 0.5);
            l.push(Item::Line {
                x1: ax,
                y1: ay,
                x2: label_x - 7.0,
                y2: ly,
                color: INK_MUTED,
                width: 0.5,
            });
            l.push(Item::Path {
                points: circle(ax, ay, 1.6),
                closed: true,
                fill: Some(INK),
                stroke: None,
                width: 0.0,
                dash: false,
            });
            l.push(Item::Path {
                points: circle(label_x, ly, 7.0),
                closed: true,
                fill: Some(ACCENT),
                stroke: None,
                width: 0.0,
                dash: false,
            });
            let n = (i + 1).to_string();
            let nw = l.text_w(&n, number);
            l.text(label_x - nw / 2.0, ly + 2.8, number, &n);
        }
    });
    // The lines to write on, numbered 1, 2, 3 … in reading order.
    let lines_x = label_x + 16.0;
    let list = l.begin(Role::L(krilla::tagging::ListNumbering::Decimal));
    for (slot, &i) in order.iter().enumerate() {
        let ly = top + step * (slot as f32 + 0.5);
        l.tagged(Role::LI, |l| {
            l.tagged(Role::Lbl, |l| {
                l.text(lines_x, ly + 3.5, BODY.bold(), &format!("{}.", i + 1));
            });
            l.tagged(Role::LBody, |l| {
                l.artifact(Art::Layout, |l| {
                    l.push(Item::Line {
                        x1: lines_x + 22.0,
                        y1: ly + 4.5,
                        x2: l.right(),
                        y2: ly + 4.5,
                        color: RULE,
                        width: 0.6,
                    });
                });
            });
        });
    }
    l.end(list);
    // The answer key on a page of its own.
    l.new_page();
    l.heading(&format!("Answer key: {what}"), H2, 1);
    l.tagged(Role::P, |l| {
        let cw = l.content_w();
        l.paragraph(
            l.left(),
            cw,
            SMALL,
            "Numbered from the toes to the heel. The chart is what the reflexology tradition \
             teaches, not anatomy.",
        );
    });
    l.gap(4.0);
    let list = l.begin(Role::L(krilla::tagging::ListNumbering::Decimal));
    for (i, (z, _)) in areas.iter().enumerate() {
        l.ensure(BODY.line_h());
        let y = l.y + BODY.size;
        let x = l.left();
        let zone = chart.zone_at(*z);
        l.tagged(Role::LI, |l| {
            l.tagged(Role::Lbl, |l| {
                l.text(x, y, BODY.bold(), &format!("{}.", i + 1))
            });
            l.tagged(Role::LBody, |l| {
                l.text(x + 24.0, y, BODY, &zone.name);
            });
        });
        l.y += BODY.line_h();
    }
    l.end(list);
    render(l, &[tree], &format!("Label the chart – {what}"))
}

/// A circle as a polygon (the display list has no arcs).
fn circle(cx: f32, cy: f32, r: f32) -> Vec<(f32, f32)> {
    (0..16)
        .map(|i| {
            let a = i as f32 / 16.0 * std::f32::consts::TAU;
            (cx + r * a.cos(), cy + r * a.sin())
        })
        .collect()
}
