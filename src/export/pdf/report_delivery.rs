//! The progress report's delivery part: per session, the steps as delivered with the client's
//! response at each zone, the foot findings with a small chart marking where they are, the
//! Ipswich Touch Test and the photos chosen for the report; then the zone responses over all
//! sessions.

use std::sync::Arc;

use crate::geometry::{Point, ViewGeometry};
use crate::model::{Chart, FootSel, ViewKind};
use crate::palette::{FINDING, FINDING_SERIOUS, INK_MUTED, OUTLINE, PAPER, SKIN_LIGHT};
use crate::records::delivery::{FindingStatus, StepStatus, TOUCH_CAVEAT};
use crate::records::text::finding_place;
use crate::records::{ClientRecord, Id, Session};

use krilla::tagging::ListNumbering;

use super::layout::{BODY, Face, H2, Item, Layout, SMALL, Style};
use super::report::table;
use super::tags::Role;

/// Width of the findings chart on paper, in points.
const CHART_W: f32 = 190.0;

/// The delivery section; `photos` holds the JPEG of each photo chosen for the report.
pub(super) fn delivery(
    l: &mut Layout,
    rec: &ClientRecord,
    chart: &Chart,
    photos: &[(Id, Arc<Vec<u8>>)],
) {
    let delivered: Vec<&Session> = rec
        .sessions
        .iter()
        .filter(|s| !s.delivery.is_empty())
        .collect();
    if delivered.is_empty() {
        return;
    }
    l.heading("Delivery and inspection", H2, 2);
    for s in delivered {
        session(l, s, chart, photos);
    }
    zone_responses(l, rec, chart);
}

fn session(l: &mut Layout, s: &Session, chart: &Chart, photos: &[(Id, Arc<Vec<u8>>)]) {
    let d = &s.delivery;
    l.ensure(BODY.line_h() * 4.0);
    let (x, y) = (l.left(), l.y);
    l.heading_at(
        3,
        x,
        y + BODY.size,
        BODY.bold(),
        &format!("Session of {}", s.date),
    );
    l.y += BODY.line_h() + 2.0;
    let plan = crate::plan::parse_snapshot(&s.plan_ron);
    if !d.steps.is_empty() {
        let w = l.content_w();
        let cols = [
            (x, 160.0),
            (x + 160.0, 62.0),
            (x + 222.0, 74.0),
            (x + 296.0, 64.0),
            (x + 360.0, 70.0),
            (x + 430.0, w - 430.0),
        ];
        let labels = ["Step", "Foot", "Response", "Done", "Minutes", "Pressure"].map(str::to_owned);
        let rows: Vec<Vec<String>> = d
            .steps
            .iter()
            .map(|st| {
                let p = plan.as_ref().and_then(|p| p.steps.get(st.step));
                vec![
                    format!(
                        "{}. {}",
                        st.step + 1,
                        p.map_or_else(|| "(not in the plan)".to_owned(), |p| p.display_name(chart))
                    ),
                    st.foot.label().to_owned(),
                    st.response.map_or("–", |r| r.label()).to_owned(),
                    st.status.label().to_owned(),
                    match p {
                        Some(p) if st.status != StepStatus::Skipped => {
                            format!("{:.1} of {:.1}", st.minutes, p.minutes)
                        }
                        _ => format!("{:.1}", st.minutes),
                    },
                    st.pressure.label().to_owned(),
                ]
            })
            .collect();
        table(l, &cols, &labels, &[BODY; 6], &rows);
    }
    if !d.touch.is_empty() {
        let w = l.content_w();
        let text = format!("Ipswich Touch Test: {}.", d.touch.summary());
        let style = if d.touch.at_risk() { BODY.bold() } else { BODY };
        l.paragraph(l.left(), w, style, &text);
        l.paragraph(l.left(), w, SMALL, TOUCH_CAVEAT);
        l.gap(3.0);
    }
    let shown: Vec<_> = d
        .findings
        .iter()
        .enumerate()
        .filter(|(_, f)| f.status != FindingStatus::Resolved)
        .collect();
    for view in ViewKind::ALL {
        let here: Vec<_> = shown.iter().filter(|(_, f)| f.view == view).collect();
        if here.is_empty() {
            continue;
        }
        let geo = ViewGeometry::build(chart, view, FootSel::Both);
        let (bw, bh) = (geo.bounds.width().max(1e-3), geo.bounds.height().max(1e-3));
        let scale = CHART_W / bw;
        let h = (bh * scale).min(220.0);
        let scale = scale.min(h / bh);
        l.ensure(h + 16.0);
        let (x0, y0) = (l.left(), l.y);
        let at = |p: Point| {
            (
                x0 + (p.x - geo.bounds.min.x) * scale,
                y0 + (p.y - geo.bounds.min.y) * scale,
            )
        };
        // The list's heading first, so it reads before the chart it is beside.
        let lx = x0 + CHART_W + 14.0;
        let lw = l.right() - lx;
        let mut ly = y0;
        l.heading_at(
            4,
            lx,
            ly + SMALL.size,
            SMALL,
            &format!("Foot findings, {} view", view.id()),
        );
        ly += SMALL.line_h();
        let numbers: Vec<String> = here.iter().map(|(n, _)| (n + 1).to_string()).collect();
        let figure = l.begin(Role::Figure(findings_alt(view, &numbers)));
        for o in &geo.outlines {
            l.push(Item::Path {
                points: o.poly.iter().map(|p| at(*p)).collect(),
                closed: true,
                fill: Some(SKIN_LIGHT),
                stroke: Some(OUTLINE),
                width: 0.7,
                dash: false,
            });
        }
        for (n, f) in &here {
            let Some(c) = geo.place_normalized(f.foot, f.at) else {
                continue;
            };
            let (cx, cy) = at(c);
            let r = 5.5;
            l.push(Item::Path {
                points: (0..16)
                    .map(|i| {
                        let a = i as f32 / 16.0 * std::f32::consts::TAU;
                        (cx + r * a.cos(), cy + r * a.sin())
                    })
                    .collect(),
                closed: true,
                fill: Some(if f.kind.is_serious() {
                    FINDING_SERIOUS
                } else {
                    FINDING
                }),
                stroke: Some(PAPER),
                width: 0.6,
                dash: false,
            });
            let num = (n + 1).to_string();
            let style = Style::new(6.5, Face::Bold, PAPER);
            let nw = l.text_w(&num, style);
            l.text(cx - nw / 2.0, cy + 2.3, style, &num);
        }
        l.end(figure);
        // The list beside the chart.
        let list = l.begin(Role::L(ListNumbering::Decimal));
        for (n, f) in &here {
            let note = if f.note.trim().is_empty() {
                String::new()
            } else {
                format!(": {}", f.note.trim())
            };
            let still = if f.status == FindingStatus::Still {
                " (still there since last time)"
            } else {
                ""
            };
            let text = format!(
                "{}. {} {}{still}{note}",
                n + 1,
                f.title(),
                finding_place(f, chart)
            );
            let lines = l.wrap(&text, lw, BODY);
            ly += l.tagged(Role::LI, |l| {
                l.tagged(Role::LBody, |l| l.lines_at(lx, ly, &lines, BODY))
            }) + 2.0;
        }
        l.end(list);
        l.y = (y0 + h).max(ly) + 8.0;
    }
    let resolved: Vec<String> = d
        .findings
        .iter()
        .filter(|f| f.status == FindingStatus::Resolved)
        .map(|f| f.title())
        .collect();
    if !resolved.is_empty() {
        let w = l.content_w();
        l.paragraph(
            l.left(),
            w,
            BODY.color(INK_MUTED),
            &format!(
                "Resolved since the session before: {}.",
                resolved.join("; ")
            ),
        );
    }
    photo_row(l, s, photos);
    l.gap(8.0);
}

/// The session's photos chosen for the report, in a row that wraps onto new lines.
fn photo_row(l: &mut Layout, s: &Session, photos: &[(Id, Arc<Vec<u8>>)]) {
    let chosen: Vec<_> = s
        .delivery
        .photos
        .iter()
        .filter(|p| p.in_report)
        .filter_map(|p| {
            photos
                .iter()
                .find(|(id, _)| *id == p.id)
                .map(|(_, j)| (p, j))
        })
        .collect();
    let box_w = 150.0;
    let mut x = l.left();
    let mut row_h: f32 = 0.0;
    for (p, jpeg) in chosen {
        let scale = box_w / p.width.max(1) as f32;
        let (w, h) = (box_w, p.height as f32 * scale);
        let caption = match p
            .finding
            .and_then(|f| s.delivery.findings.iter().position(|x| x.id == f))
        {
            Some(n) => format!("Finding {}: {}", n + 1, s.delivery.findings[n].title()),
            None => "The feet".to_owned(),
        };
        if x + w > l.right() {
            x = l.left();
            l.y += row_h + 6.0;
            row_h = 0.0;
        }
        let need = h + SMALL.line_h() * 2.0;
        if l.y + need > l.bottom() {
            l.new_page();
            x = l.left();
        }
        let y = l.y;
        let alt = format!("Photo: {caption}");
        l.tagged(Role::Figure(alt), |l| {
            l.push(Item::Image {
                jpeg: jpeg.clone(),
                x,
                y,
                w,
                h,
            });
        });
        let lines = l.wrap(&caption, w, SMALL);
        let used = h + 2.0 + l.paragraph_at(x, y + h + 2.0, &lines, SMALL);
        row_h = row_h.max(used);
        x += w + 10.0;
    }
    l.y += row_h;
}

fn zone_responses(l: &mut Layout, rec: &ClientRecord, chart: &Chart) {
    let rows = crate::records::delivery::notable_responses(&rec.sessions);
    if rows.is_empty() {
        return;
    }
    l.ensure(BODY.line_h() * 4.0);
    let (x, y) = (l.left(), l.y);
    l.heading_at(
        3,
        x,
        y + BODY.size,
        BODY.bold(),
        "Zone responses over all sessions",
    );
    l.y += BODY.line_h() + 2.0;
    let w = l.content_w();
    let cols = [
        (x, 220.0),
        (x + 220.0, 90.0),
        (x + 310.0, 90.0),
        (x + 400.0, w - 400.0),
    ];
    let labels = ["Area", "Tender", "Not felt", "Sessions with a response"].map(str::to_owned);
    let rows: Vec<Vec<String>> = rows
        .into_iter()
        .take(12)
        .map(|((id, foot), h)| {
            vec![
                format!(
                    "{} ({} foot)",
                    chart.zone(&id).map_or(id.as_str(), |z| z.name.as_str()),
                    foot.label().to_lowercase()
                ),
                h.tender.to_string(),
                h.not_felt.to_string(),
                h.worked.to_string(),
            ]
        })
        .collect();
    table(l, &cols, &labels, &[BODY; 4], &rows);
    l.paragraph(
        l.left(),
        w,
        SMALL,
        "What the client felt when each area was worked. The reflexology tradition links areas of \
         the foot to parts of the body; a tender area is not evidence of a problem in the part it \
         is linked to.",
    );
    l.gap(10.0);
}

/// The findings chart in words: which view, and which numbered findings it marks.
fn findings_alt(view: ViewKind, numbers: &[String]) -> String {
    let which = match numbers.split_last() {
        None => String::new(),
        Some((last, [])) => format!("finding {last}"),
        Some((last, rest)) => format!("findings {} and {last}", rest.join(", ")),
    };
    format!(
        "Foot chart, {} view of both feet, with numbered markers where {which} listed beside it \
         are",
        view.id()
    )
}
