//! The progress report's trend chart, drawn as vector paths: one line per symptom and foot,
//! session days as vertical lines, follow-ups as open markers, never split across pages.

use std::collections::BTreeMap;

use crate::palette::{INK_MUTED, PAPER, RULE, SERIES};
use crate::records::{self, ClientRecord, Side, Symptom, TREND_CAVEAT};

use super::layout::{BODY, H2, Item, Layout, SMALL};
use super::report::{Key, Point, When, caveat, key_label};
use super::tags::Role;

/// A charted score: day number, value, when it was given.
type Dated = (i64, u8, When);

/// Height of the plotting area.
const PLOT_H: f32 = 190.0;

/// The scores over time: one line per symptom and foot through the scores given before each
/// session and at the follow-ups; session days as vertical lines. Never split across pages.
pub(super) fn trend(
    l: &mut Layout,
    rec: &ClientRecord,
    points: &BTreeMap<Key, Vec<Point>>,
    with_caveat: bool,
) {
    let lines: Vec<(Key, Vec<Dated>)> = points
        .iter()
        .map(|(k, p)| {
            let pts = p
                .iter()
                .filter(|p| p.when != When::After)
                .filter_map(|p| Some((p.day?, p.value, p.when)))
                .collect::<Vec<_>>();
            (*k, pts)
        })
        .filter(|(_, p)| !p.is_empty())
        .collect();
    let session_days: Vec<i64> = rec
        .sessions
        .iter()
        .filter_map(|s| records::date::parse(&s.date).ok())
        .collect();

    // Heights first, so the heading, the chart and its legend go on one page.
    let legend_cols = 3;
    let legend_rows = lines.len().div_ceil(legend_cols);
    let caption = "Lines join the scores given before each session (filled dots) and at the \
                   24 and 48 hour follow-ups (open diamonds). Grey lines mark session days. \
                   Scores given just after a session are in the score table.";
    let caption_lines = l.wrap(caption, l.content_w(), SMALL);
    let chart_h = 10.0
        + PLOT_H
        + 20.0
        + legend_rows as f32 * BODY.line_h()
        + 6.0
        + caption_lines.len() as f32 * SMALL.line_h();
    let caveat_h = if with_caveat {
        let n = l.wrap(TREND_CAVEAT, l.content_w() - 16.0, BODY).len();
        n as f32 * BODY.line_h() + 24.0
    } else {
        0.0
    };
    l.ensure(H2.line_h() + 4.0 + caveat_h + chart_h);
    l.heading("Scores over time", H2, 2);
    if with_caveat {
        caveat(l);
    }
    if lines.is_empty() {
        let w = l.content_w();
        l.paragraph(
            l.left(),
            w,
            BODY.color(INK_MUTED),
            "No dated scores to chart yet.",
        );
        l.gap(10.0);
        return;
    }
    let all_days = lines
        .iter()
        .flat_map(|(_, p)| p.iter().map(|p| p.0))
        .chain(session_days.iter().copied());
    let (mut d0, mut d1) = all_days.fold((i64::MAX, i64::MIN), |(a, b), d| (a.min(d), b.max(d)));
    if d0 >= d1 {
        d0 -= 1;
        d1 += 1;
    }
    let top = l.y + 10.0;
    let pl = l.left() + 24.0;
    let pr = l.right() - 8.0;
    let pb = top + PLOT_H;
    let xd = |d: i64| pl + (d - d0) as f32 / (d1 - d0) as f32 * (pr - pl);
    let yv = |v: u8| pb - f32::from(v) / 10.0 * PLOT_H;
    // Everything drawn up to the caption is the figure; its words are the alternative text.
    let figure = l.begin(Role::Figure(trend_alt(&lines, session_days.len())));

    // Grid and scale.
    for v in (0..=10).step_by(2) {
        let y = yv(v);
        l.push(Item::Line {
            x1: pl,
            y1: y,
            x2: pr,
            y2: y,
            color: RULE,
            width: if v == 0 { 0.8 } else { 0.4 },
        });
        l.text_right(pl - 5.0, y + 3.0, SMALL, &v.to_string());
    }
    // Session days.
    for d in &session_days {
        let x = xd(*d);
        l.push(Item::Line {
            x1: x,
            y1: top,
            x2: x,
            y2: pb + 3.0,
            color: RULE,
            width: 0.5,
        });
    }
    // Dates along the bottom: the first, the last and up to three between.
    let label_y = pb + 3.0 + SMALL.size + 2.0;
    let span = d1 - d0;
    let n = if span >= 4 { 4 } else { span.max(1) };
    for i in 0..=n {
        let d = d0 + span * i / n;
        let t = records::date::iso(d);
        let w = l.text_w(&t, SMALL);
        let x = xd(d);
        let x = if i == 0 {
            x
        } else if i == n {
            x - w
        } else {
            x - w / 2.0
        };
        l.text(x, label_y, SMALL, &t);
    }
    // The lines and their markers, smaller when many points crowd the width.
    let most = lines.iter().map(|(_, p)| p.len()).max().unwrap_or(1).max(1);
    let size = ((pr - pl) / most as f32 * 0.35).clamp(0.45, 1.0);
    for ((symptom, side), pts) in &lines {
        let colour = SERIES[symptom_index(*symptom)];
        let xy: Vec<(f32, f32)> = pts.iter().map(|(d, v, _)| (xd(*d), yv(*v))).collect();
        if xy.len() > 1 {
            l.push(Item::Path {
                points: xy.clone(),
                closed: false,
                fill: None,
                stroke: Some(colour),
                width: 1.2,
                dash: *side == Side::Right,
            });
        }
        for ((x, y), (_, _, when)) in xy.iter().zip(pts) {
            marker(l, *x, *y, *when, colour, size);
        }
    }
    // Legend.
    let mut y = label_y + 8.0;
    let col_w = l.content_w() / legend_cols as f32;
    for row in lines.chunks(legend_cols) {
        for (i, ((symptom, side), _)) in row.iter().enumerate() {
            let x = l.left() + i as f32 * col_w;
            let colour = SERIES[symptom_index(*symptom)];
            let my = y + BODY.size * 0.6;
            l.push(Item::Path {
                points: vec![(x, my), (x + 22.0, my)],
                closed: false,
                fill: None,
                stroke: Some(colour),
                width: 1.6,
                dash: *side == Side::Right,
            });
            l.text(
                x + 28.0,
                y + BODY.size * 0.95,
                BODY,
                &key_label((*symptom, *side)),
            );
        }
        y += BODY.line_h();
    }
    l.end(figure);
    l.y = y + 6.0;
    let x = l.left();
    let cy = l.y;
    l.y += l.paragraph_at(x, cy, &caption_lines, SMALL);
    l.gap(14.0);
}

/// The trend chart in words: its span and, for each line, the first and the latest score
/// with their dates and how many scores it joins.
fn trend_alt(lines: &[(Key, Vec<Dated>)], sessions: usize) -> String {
    let days = lines.iter().flat_map(|(_, p)| p.iter().map(|p| p.0));
    let (first, last) = days.fold((i64::MAX, i64::MIN), |(a, b), d| (a.min(d), b.max(d)));
    let span = if first >= last {
        format!("on {}", records::date::iso(first))
    } else {
        format!(
            "from {} to {}",
            records::date::iso(first),
            records::date::iso(last)
        )
    };
    let mut out = format!(
        "Line chart of the scores (0 to 10) over time, {span}, with {sessions} session day{} \
         marked.",
        if sessions == 1 { "" } else { "s" }
    );
    for (key, pts) in lines {
        let (Some(a), Some(b)) = (pts.first(), pts.last()) else {
            continue;
        };
        out.push(' ');
        out.push_str(&key_label(*key));
        if pts.len() == 1 {
            out.push_str(&format!(": {} on {}.", a.1, records::date::iso(a.0)));
        } else {
            out.push_str(&format!(
                ": {} on {}, latest {} on {} ({} scores).",
                a.1,
                records::date::iso(a.0),
                b.1,
                records::date::iso(b.0),
                pts.len()
            ));
        }
    }
    out
}

fn symptom_index(s: Symptom) -> usize {
    Symptom::ALL.iter().position(|x| *x == s).unwrap_or(0)
}

/// A filled dot for a score before a session, an open diamond for a follow-up.
fn marker(l: &mut Layout, x: f32, y: f32, when: When, colour: [u8; 3], size: f32) {
    match when {
        When::Followup(_) => {
            let r = 3.0 * size;
            l.push(Item::Path {
                points: vec![(x, y - r), (x + r, y), (x, y + r), (x - r, y)],
                closed: true,
                fill: Some(PAPER),
                stroke: Some(colour),
                width: 1.0,
                dash: false,
            });
        }
        _ => {
            let r = 2.3 * size;
            l.push(Item::Rect {
                x: x - r,
                y: y - r,
                w: 2.0 * r,
                h: 2.0 * r,
                r,
                fill: Some(colour),
                stroke: None,
            });
        }
    }
}
