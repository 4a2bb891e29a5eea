//! The pages of the printed plan: the title block and verdict banner, the screening summary,
//! the steps with their thumbnails, the client's aftercare handout and the referral note.

use crate::geometry::ChartGeometry;
use crate::model::{Action, AftercareText, Chart, Library, Zone};
use crate::palette::{ACCENT, DANGER, DANGER_TINT, INK, INK_MUTED, PAPER, RULE, verdict_rgb};
use crate::plan::{Plan, Screening, ShownVerdict, format_minutes, step_issues};

use krilla::tagging::ListNumbering;

use super::REFERRAL_ADVICE;
use super::layout::{BODY, Face, H2, Item, LABEL, Layout, SMALL, Style, TITLE};
use super::render::{ThumbKey, thumb_for};
use super::tags::Role;

/// The last line of the aftercare handout and the home diary.
pub(super) const IF_IN_DOUBT: &str = "If in doubt, contact your doctor, nurse or podiatrist. In an emergency call your local emergency number.";

/// The box a step thumbnail is fitted into (wide enough for two feet side by side).
pub(super) const THUMB_W: f32 = 104.0;
pub(super) const THUMB_H: f32 = 88.0;

/// Title block shared by the plan and the referral note: the title (the document's first
/// heading), a subtitle, and the facts as a table of one header row and one row of values.
fn title_block(l: &mut Layout, title: &str, subtitle: &str, facts: &[(&str, String)]) {
    let x = l.left();
    let y = l.y;
    l.heading_at(1, x, y + TITLE.size, TITLE, title);
    l.y += TITLE.line_h();
    if !subtitle.is_empty() {
        let w = l.content_w();
        l.paragraph(x, w, BODY.color(INK_MUTED), subtitle);
    }
    l.gap(8.0);
    // Facts in columns: a small label above a value.
    let col = l.content_w() / facts.len().max(4) as f32;
    let value = Style::new(12.0, Face::Bold, INK);
    let top = l.y;
    l.tagged(Role::Table, |l| {
        let (head, row) = (l.node(Role::TR), l.node(Role::TR));
        for (i, (label, v)) in facts.iter().enumerate() {
            let cx = x + i as f32 * col;
            l.inside(head, |l| {
                l.tagged(Role::COL_HEADER, |l| {
                    l.text(cx, top + LABEL.size, LABEL, &label.to_uppercase());
                });
            });
            l.inside(row, |l| {
                l.tagged(Role::CELL, |l| {
                    l.text(cx, top + LABEL.line_h() + value.size, value, v);
                });
            });
        }
    });
    l.y = top + LABEL.line_h() + value.line_h() + 8.0;
    l.rule(l.y, RULE, 0.8);
    l.gap(14.0);
}

/// The verdict banner: a tinted box with a strong bar on its left edge.
fn banner(l: &mut Layout, s: &Screening) {
    let shown = s.shown_verdict();
    let colours = verdict_rgb(shown);
    let (strong, tint) = (colours.ink, colours.tint);
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
    l.tagged(Role::P, |l| {
        l.text(
            x + pad + 6.0,
            y + pad + head.size,
            head,
            &format!("VERDICT: {}", shown.label().to_uppercase()),
        );
    });
    l.paragraph_at(x + pad + 6.0, y + pad + head.line_h(), &lines, body);
    l.y += h + 14.0;
}

/// The first page(s): title block, verdict banner, the answers that count, adaptations and the
/// plan's notes.
pub(super) fn summary_page(
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
            format!("{} min · {} steps", format_minutes(total), plan.steps.len()),
        ),
    ];
    let title = match plan.limb {
        crate::model::Limb::Foot => "Reflexology session plan",
        crate::model::Limb::Hand => "Reflexology session plan — on the hands",
    };
    title_block(l, title, &template, &facts);
    if total > plan.session_minutes as f32 + 0.05 {
        let over = format_minutes(total - plan.session_minutes as f32);
        let w = l.content_w();
        l.paragraph(
            l.left(),
            w,
            BODY.color(DANGER),
            &format!("The steps add up to {over} min more than the session length."),
        );
        l.gap(6.0);
    }

    l.heading("Screening", H2, 2);
    banner(l, s);
    if s.triggered.is_empty() {
        let w = l.content_w();
        l.paragraph(l.left(), w, BODY, "No screening question was answered yes.");
    } else {
        // Why: "Medical clearance first" is wider than the 112 pt the shorter actions need; it
        // ran into the question beside it.
        let label_w = s
            .triggered
            .iter()
            .map(|r| l.text_w(r.action_on(plan.limb).label(), BODY.bold()) + 10.0)
            .fold(112.0, f32::max);
        let x = l.left();
        l.ensure(LABEL.line_h());
        let table = l.begin(Role::Table);
        l.tagged(Role::TR, |l| {
            let y = l.y + LABEL.size;
            l.tagged(Role::COL_HEADER, |l| l.text(x, y, LABEL, "ACTION"));
            l.tagged(Role::COL_HEADER, |l| {
                l.text(x + label_w, y, LABEL, "ANSWERED YES");
            });
        });
        l.y += LABEL.line_h() + 2.0;
        for rule in &s.triggered {
            let lines = l.wrap(&rule.question, l.content_w() - label_w, BODY);
            let h = lines.len() as f32 * BODY.line_h();
            l.ensure(h + 6.0);
            let y = l.y;
            l.tagged(Role::TR, |l| {
                l.tagged(Role::CELL, |l| {
                    l.text(
                        x,
                        y + BODY.size * 0.95,
                        BODY.bold()
                            .color(verdict_rgb(rule.action_on(plan.limb).into()).ink),
                        rule.action_on(plan.limb).label(),
                    );
                });
                l.tagged(Role::CELL, |l| l.lines_at(x + label_w, y, &lines, BODY));
            });
            l.y += h + 3.0;
            l.rule(l.y, RULE, 0.4);
            l.y += 4.0;
        }
        l.end(table);
    }
    if s.unanswered > 0 {
        l.gap(4.0);
        let w = l.content_w();
        let msg = format!(
            "{} screening question{} not answered. Answer every question before treating.",
            s.unanswered,
            if s.unanswered == 1 { " was" } else { "s were" }
        );
        // Why the incomplete verdict's colour: whatever was found, open questions are unfinished
        // screening.
        let amber = verdict_rgb(ShownVerdict::Incomplete).ink;
        l.paragraph(l.left(), w, BODY.bold().color(amber), &msg);
    }

    let has_adaptations = s.pressure_cap.is_some()
        || !s.avoid_zones.is_empty()
        || s.avoid_left
        || s.avoid_right
        || s.no_heat
        || s.no_pin_point
        || s.no_leg_sweeps
        || !s.notes.is_empty();
    if has_adaptations {
        l.gap(10.0);
        l.heading("Adaptations for this session", H2, 2);
        if s.no_heat {
            let pad = 8.0;
            let style = BODY.bold().color(DANGER);
            let msg = format!(
                "No heat: no hot stones, heat pads, warm towels or hot soaks. Numb {} may not feel a burn.",
                chart.limb.both()
            );
            let msg = msg.as_str();
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
                fill: Some(DANGER_TINT),
                stroke: Some(DANGER),
            });
            l.paragraph_at(x + pad, y + pad - 1.0, &lines, style);
            l.y += h + 8.0;
        }
        let list = l.begin(Role::L(ListNumbering::Disc));
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
        let (one, both) = (chart.limb.one(), chart.limb.both());
        let feet = match (s.avoid_left, s.avoid_right) {
            (true, true) => Some(format!("both {both}: no {one} work at all")),
            (true, false) => Some(format!("the left {one}")),
            (false, true) => Some(format!("the right {one}")),
            (false, false) => None,
        };
        if let Some(f) = feet {
            l.bullet(BODY, "•", ACCENT, &format!("Leave out {f}."));
        }
        for line in s.forbidden_moves() {
            l.bullet(BODY, "•", ACCENT, line);
        }
        for n in &s.notes {
            l.bullet(BODY, "•", ACCENT, n);
        }
        l.end(list);
    }
    if !plan.notes.trim().is_empty() {
        l.gap(10.0);
        l.heading("Notes", H2, 2);
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
    let mut line = format!(
        "Evidence ({}): {}",
        claim.grade.label().to_lowercase(),
        claim.plain
    );
    // Why: a positive grade beside one zone would read as proof that the map works.
    if let Some(note) = claim.area_note() {
        line.push(' ');
        line.push_str(note);
    }
    Some(line)
}

/// The session sequence: one row per step, a numbered thumbnail beside its name, minutes,
/// feet, technique and pressure, note, evidence caveat and issues; a row is kept on one page.
pub(super) fn steps(
    l: &mut Layout,
    plan: &Plan,
    chart: &Chart,
    geometry: &ChartGeometry,
    library: &Library,
    s: &Screening,
    thumbs: &mut Vec<ThumbKey>,
) {
    l.gap(12.0);
    l.heading("Session sequence", H2, 2);
    if plan.steps.is_empty() {
        let w = l.content_w();
        l.paragraph(
            l.left(),
            w,
            BODY.color(INK_MUTED),
            "This plan has no steps yet.",
        );
        return;
    }
    let name_style = Style::new(11.5, Face::Bold, INK);
    let meta = BODY;
    let note = Style::new(9.5, Face::Regular, INK);
    let caveat = SMALL;
    let issue = Style::new(9.5, Face::Bold, DANGER);
    let text_x = l.left() + THUMB_W + 14.0;
    let text_w = l.right() - text_x;
    // A numbered list: each step's number as its label, the thumbnail and text as its body.
    let list = l.begin(Role::L(ListNumbering::Decimal));
    for (i, step) in plan.steps.iter().enumerate() {
        let zone = step.zone.as_deref().and_then(|z| chart.zone(z));
        let name = step.display_name(chart);
        let technique = library
            .technique(&step.technique)
            .map_or(step.technique.as_str(), |t| t.name.as_str());
        let minutes = format!("{} min", format_minutes(step.minutes));
        let name_lines = l.wrap(
            &name,
            text_w - l.text_w(&minutes, name_style) - 12.0,
            name_style,
        );
        let meta_line = format!(
            "{}  ·  {}  ·  {} pressure",
            step.foot.label_for(plan.limb),
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
        let key = thumb_for(step, chart, geometry);
        let alt = key.alt(chart);
        let tree = match thumbs.iter().position(|k| *k == key) {
            Some(t) => t,
            None => {
                thumbs.push(key);
                thumbs.len() - 1
            }
        };
        let x = l.left();
        let item = l.begin(Role::LI);
        let (label, body) = (l.node(Role::Lbl), l.node(Role::LBody));
        l.inside(body, |l| {
            l.tagged(Role::Figure(alt), |l| {
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
            });
        });
        // Number badge on the thumbnail's corner (drawn over it, read before it).
        let badge = 16.0;
        let num = (i + 1).to_string();
        let ns = Style::new(8.0, Face::Bold, PAPER);
        let nw = l.text_w(&num, ns);
        l.inside(label, |l| {
            l.push(Item::Rect {
                x: x - 4.0,
                y: top - 4.0,
                w: badge,
                h: badge,
                r: badge / 2.0,
                fill: Some(ACCENT),
                stroke: None,
            });
            l.text(
                x - 4.0 + (badge - nw) / 2.0,
                top - 4.0 + badge / 2.0 + 2.9,
                ns,
                &num,
            );
        });
        // Text column.
        l.inside(body, |l| {
            let mut y = top;
            y += l.paragraph_at(text_x, y, &name_lines, name_style);
            l.tagged(Role::P, |l| {
                l.text_right(
                    l.right(),
                    top + name_style.size * 0.95,
                    name_style.color(ACCENT),
                    &minutes,
                );
            });
            y += l.paragraph_at(text_x, y, &meta_lines, meta.color(INK_MUTED));
            for (lines, style) in [
                (&note_lines, note),
                (&caveat_lines, caveat),
                (&issue_lines, issue),
            ] {
                if !lines.is_empty() {
                    y += 3.0;
                    y += l.paragraph_at(text_x, y, lines, style);
                }
            }
        });
        l.end(item);
        l.y = top + h + 8.0;
        l.rule(l.y, RULE, 0.5);
        l.y += 8.0;
    }
    l.end(list);
}

/// The client's aftercare handout on its own last page, in the largest type (11.5 pt down to
/// 9 pt) that keeps it on one page; below that it runs on.
pub(super) fn aftercare(l: &mut Layout, a: AftercareText, client: &str, date: &str) {
    let fits = |size: f32| {
        let mut trial = l.scratch();
        aftercare_at(&mut trial, a, client, date, size);
        trial.pages.len() == 1
    };
    let size = [11.5, 11.0, 10.5, 10.0, 9.5]
        .into_iter()
        .find(|s| fits(*s))
        .unwrap_or(9.0);
    l.new_plain_page();
    aftercare_at(l, a, client, date, size);
}

fn aftercare_at(l: &mut Layout, a: AftercareText, client: &str, date: &str, size: f32) {
    let body = Style {
        leading: 1.34,
        ..Style::new(size, Face::Regular, INK)
    };
    let x = l.left();
    let y = l.y;
    l.tagged(Role::P, |l| {
        l.text(
            x,
            y + SMALL.size,
            SMALL,
            &format!("Aftercare for {client}  ·  {date}"),
        );
    });
    l.y += SMALL.line_h() + 4.0;
    let y = l.y;
    let title = Style::new(19.0, Face::Bold, ACCENT);
    // The handout is a document of its own within the plan: its title is a first heading.
    l.heading_at(1, x, y + title.size, title, a.title);
    l.y += title.line_h() + 2.0;
    let w = l.content_w();
    l.paragraph(x, w, body, a.intro);
    let h3 = Style::new(12.5, Face::Bold, INK);
    l.gap(8.0);
    l.heading("Over the next day or two", h3, 2);
    l.tagged(Role::L(ListNumbering::Disc), |l| {
        for t in a.advice {
            l.bullet(body, "•", ACCENT, t);
            l.gap(1.5);
        }
    });
    l.gap(8.0);
    l.heading("What to notice over the next 24–48 hours", h3, 2);
    l.tagged(Role::L(ListNumbering::Square), |l| {
        for t in a.track {
            l.bullet(body, "□", ACCENT, t);
            l.gap(1.5);
        }
    });
    l.gap(8.0);
    urgent_box(l, a.urgent, body, h3);
    let w = l.content_w();
    l.paragraph(x, w, SMALL, IF_IN_DOUBT);
}

/// The urgent signs in a red-edged box under "Get medical help urgently if you notice", kept
/// on one page (the aftercare handout and the home diary).
pub(super) fn urgent_box(l: &mut Layout, urgent: &[String], body: Style, h3: Style) {
    let pad = 9.0;
    let indent = body.size * 1.3;
    let inner = l.content_w() - 2.0 * pad;
    let heading = "Get medical help urgently if you notice";
    let wrapped: Vec<Vec<String>> = urgent
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
        fill: Some(DANGER_TINT),
        stroke: Some(DANGER),
    });
    l.heading_at(2, bx + pad, by + pad + h3.size, h3.color(DANGER), heading);
    let mut y = by + pad + h3.line_h() + 2.0;
    l.tagged(Role::L(ListNumbering::None), |l| {
        for lines in &wrapped {
            l.tagged(Role::LI, |l| {
                l.tagged(Role::Lbl, |l| {
                    l.text(
                        bx + pad,
                        y + body.size * 0.95,
                        body.bold().color(DANGER),
                        "!",
                    );
                });
                y += l.tagged(Role::LBody, |l| {
                    l.lines_at(bx + pad + indent, y, lines, body)
                }) + 1.5;
            });
        }
    });
    l.y = by + h + 10.0;
}

/// The referral note printed instead of a plan after a stop verdict: why, the advice, and lines
/// to sign.
pub(super) fn referral(l: &mut Layout, s: &Screening, client: &str, date: &str) {
    let facts = [("Client", client.to_owned()), ("Date", date.to_owned())];
    title_block(
        l,
        "Referral note",
        "Reflexology was not given: screening found a reason to refer.",
        &facts,
    );
    banner(l, s);
    l.heading("Reason for referral", H2, 2);
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
    l.heading("Advice", H2, 2);
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
            color: INK_MUTED,
            width: 0.6,
        });
        l.tagged(Role::P, |l| {
            l.text(lx, y + 18.0 + SMALL.line_h(), SMALL, label)
        });
    }
    l.y = y + 40.0;
}
