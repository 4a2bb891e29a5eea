//! The words of study questions: prompts, short titles for the results, and what a student
//! chose, in words. Pure text, shared by the study view and anything that prints questions.

use super::quiz::ACTIONS;
use super::{Question, Response, Sources};
use crate::model::{Foot, Grade, Limb, ViewKind, ZoneIdx};

/// The words of a question's prompt.
pub fn prompt(question: &Question, src: Sources) -> String {
    match question {
        Question::Locate { zone, view, foot } => format!(
            "Click the {} reflex on the {} {} ({} view).",
            src.chart.zone_at(*zone).name,
            foot.label().to_lowercase(),
            src.chart.limb.one(),
            src.chart.view_label(*view).to_lowercase()
        ),
        Question::Name { view, foot, .. } => format!(
            "Which reflex area is highlighted on the {} {} ({} view)?",
            foot.label().to_lowercase(),
            src.chart.limb.one(),
            src.chart.view_label(*view).to_lowercase()
        ),
        Question::Sequence {
            template,
            start,
            shown,
        } => {
            let t = &src.library.templates[*template];
            format!(
                "Put these steps of “{}” in session order (steps {}–{} of {}).",
                t.name,
                start + 1,
                start + shown.len(),
                t.steps.len()
            )
        }
        Question::Safety { .. } => "What do you do for this client today?".to_owned(),
        Question::Claim { .. } => "What grade does the evidence give this statement?".to_owned(),
        Question::Guide { view, .. } => format!(
            "Which guide line is highlighted on the chart ({} view)?",
            view.label().to_lowercase()
        ),
        Question::ZoneFact { fact } => super::lines::ZONE_FACTS
            .get(*fact)
            .map_or_else(String::new, |f| f.prompt.to_owned()),
    }
}

/// The view and foot a map question shows, if it shows the map.
pub fn map_question(question: &Question) -> Option<(ViewKind, Foot, ZoneIdx)> {
    match question {
        Question::Locate { zone, view, foot }
        | Question::Name {
            zone, view, foot, ..
        } => Some((*view, *foot, *zone)),
        _ => None,
    }
}

/// A few words naming a question, for the summary.
pub fn short_title(question: &Question, src: Sources) -> String {
    match question {
        Question::Locate { zone, view, foot }
        | Question::Name {
            zone, view, foot, ..
        } => format!(
            "{} — {} {}, {}",
            src.chart.zone_at(*zone).name,
            foot.label().to_lowercase(),
            src.chart.limb.one(),
            src.chart.view_label(*view).to_lowercase()
        ),
        Question::Sequence {
            template,
            start,
            shown,
        } => format!(
            "{}: steps {}–{}",
            src.library.templates[*template].name,
            start + 1,
            start + shown.len()
        ),
        Question::Safety { vignette } => {
            let v = &src.drills.vignettes[*vignette];
            format!(
                "{} — right call: {}",
                clip(&v.text, 70),
                v.action(src.library).label()
            )
        }
        Question::Claim { statement } => {
            let s = &src.drills.statements[*statement];
            let grade = src.library.claim(&s.claim).map_or("", |c| c.grade.label());
            format!("“{}” — {grade}", clip(&s.text, 70))
        }
        Question::Guide { guide, view, .. } => format!(
            "{} — {} view",
            src.chart
                .guides
                .get(*guide)
                .map_or("?", |g| g.name.as_str()),
            view.label().to_lowercase()
        ),
        Question::ZoneFact { fact } => super::lines::ZONE_FACTS
            .get(*fact)
            .map_or_else(String::new, |f| {
                format!("{} — {}", f.prompt, f.options[f.right])
            }),
    }
}

/// The first `max` characters of a text, cut at a word, with an ellipsis.
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{}…", cut.trim_end_matches([',', '.', ';']))
}

/// What the student picked, in words, for the results list.
pub fn chosen_words(question: &Question, response: &Response, src: Sources) -> Option<String> {
    let Response::Choice(i) = response else {
        return None;
    };
    match question {
        Question::Name { options, .. } => {
            options.get(*i).map(|z| src.chart.zone_at(*z).name.clone())
        }
        Question::Safety { .. } => ACTIONS.get(*i).map(|a| a.label().to_owned()),
        Question::Claim { .. } => Grade::ALL.get(*i).map(|g| g.label().to_owned()),
        Question::Guide { options, .. } => options
            .get(*i)
            .and_then(|g| src.chart.guides.get(*g))
            .map(|g| g.name.clone()),
        Question::ZoneFact { fact } => super::lines::ZONE_FACTS
            .get(*fact)
            .and_then(|f| f.options.get(*i))
            .map(|o| (*o).to_owned()),
        _ => None,
    }
}

/// Where a highlighted area is, in words a screen reader can say, without naming it: the view
/// and foot, the part of the foot (toes, ball, arch, heel; on a side view also how high), the
/// side of the foot, and its size. `None` when the zone is not drawn on that foot here.
///
/// The bands follow the landmarks of the chart's research notes: toe bases at about 0.23 of the
/// foot's length, the ball's proximal edge at 0.36, the waist line at 0.55, the heel pad's
/// front at 0.74.
pub fn describe_area(
    geo: &crate::geometry::ViewGeometry,
    zone: ZoneIdx,
    foot: Foot,
) -> Option<String> {
    let pieces: Vec<_> = geo
        .pieces
        .iter()
        .filter(|p| p.zone == zone && p.foot == foot)
        .collect();
    let main = pieces.iter().max_by(|a, b| a.area.total_cmp(&b.area))?;
    let (a, b) = geo.normalized_on(foot, main.anchor)?;
    let (lo, hi) = (
        geo.normalized_on(foot, main.bbox.min)?,
        geo.normalized_on(foot, main.bbox.max)?,
    );
    // How far the area reaches along the first normalized axis (across the sole; along a
    // side view).
    let span = (lo.0 - hi.0).abs();
    let foot_word = foot.label().to_lowercase();
    if geo.limb == Limb::Hand {
        return Some(hand_area(geo, &pieces, main.area, foot, (a, b), span));
    }
    let dorsal = geo.view == ViewKind::Dorsal;
    let along = |y: f32| match y {
        y if y < 0.2 => "in the toes",
        y if y < 0.26 => "at the base of the toes",
        y if y < 0.37 && dorsal => "just behind the toes, over the ball",
        y if y < 0.37 => "in the ball of the foot",
        y if y < 0.55 && dorsal => "in the middle of the top of the foot",
        y if y < 0.55 => "in the upper arch, between the ball and the waist line",
        y if y < 0.74 && dorsal => "on the instep",
        y if y < 0.74 => "in the lower arch, between the waist line and the heel",
        _ if dorsal => "at the front of the ankle",
        _ => "in the heel",
    };
    let mut words = Vec::new();
    match geo.view {
        ViewKind::Plantar | ViewKind::Dorsal => {
            let surface = if geo.view == ViewKind::Plantar {
                "on the sole"
            } else {
                "on the top"
            };
            words.push(format!(
                "{surface} of the {foot_word} foot ({} view)",
                geo.view.label().to_lowercase()
            ));
            words.push(along(b).to_owned());
            words.push(if span > 0.7 {
                "across the whole width of the foot".to_owned()
            } else {
                match a {
                    a if a < 0.33 => "on the big-toe (medial) side",
                    a if a < 0.67 => "in the middle of the foot's width",
                    _ => "on the little-toe (lateral) side",
                }
                .to_owned()
            });
        }
        ViewKind::Medial | ViewKind::Lateral => {
            let side = if geo.view == ViewKind::Medial {
                "on the inner (big-toe) side"
            } else {
                "on the outer (little-toe) side"
            };
            words.push(format!(
                "{side} of the {foot_word} foot ({} view)",
                geo.view.label().to_lowercase()
            ));
            words.push(if span > 0.6 {
                "running much of the foot's length".to_owned()
            } else {
                along(a).to_owned()
            });
            words.push(
                match b {
                    h if h < 0.33 => "near the sole",
                    h if h < 0.66 => "halfway up the side",
                    _ => "high on the side, towards the ankle",
                }
                .to_owned(),
            );
        }
        _ => {
            words.push(format!(
                "on the {foot_word} foot ({} view)",
                geo.view.label().to_lowercase()
            ));
            words.push(along(b).to_owned());
        }
    }
    let foot_area: f32 = geo
        .outlines
        .iter()
        .find(|o| o.foot == foot)
        .map(|o| crate::geometry::signed_area(&o.poly).abs())
        .unwrap_or(1.0);
    let share = pieces.iter().map(|p| p.area).sum::<f32>() / foot_area.max(1e-6);
    words.push(
        match share {
            s if s < 0.01 => "a very small area",
            s if s < 0.04 => "a small area",
            s if s < 0.12 => "a medium-sized area",
            _ => "a large area",
        }
        .to_owned(),
    );
    Some(format!("Highlighted: {}.", words.join(", ")))
}

/// A few words naming a study item (trouble spots list them).
pub fn item_title(item: &super::Item, src: Sources) -> String {
    use super::Subject;
    let kind = item.kind.label();
    match item.subject {
        Subject::Zone { zone, view, foot } => format!(
            "{kind}: {} — {} {}, {}",
            src.chart.get_zone(zone).map_or("?", |z| z.name.as_str()),
            foot.label().to_lowercase(),
            src.chart.limb.one(),
            src.chart.view_label(view).to_lowercase()
        ),
        Subject::Steps {
            template,
            start,
            len,
        } => format!(
            "{kind}: {}, steps {}–{}",
            src.library
                .templates
                .get(template)
                .map_or("?", |t| t.name.as_str()),
            start + 1,
            start + len
        ),
        Subject::Guide { guide, view } => format!(
            "{kind}: {} — {} view",
            src.chart.guides.get(guide).map_or("?", |g| g.name.as_str()),
            view.label().to_lowercase()
        ),
        Subject::ZoneFact(i) => format!(
            "{kind}: {}",
            super::lines::ZONE_FACTS
                .get(i)
                .map_or("?".to_owned(), |f| clip(f.prompt, 34))
        ),
        Subject::Vignette(i) => format!(
            "{kind}: {}",
            src.drills
                .vignettes
                .get(i)
                .map_or("?".to_owned(), |v| clip(&v.text, 34))
        ),
        Subject::Statement(i) => format!(
            "{kind}: “{}”",
            src.drills
                .statements
                .get(i)
                .map_or("?".to_owned(), |s| clip(&s.text, 34))
        ),
    }
}

/// What to reread for a trouble spot: the facts its questions test, as (heading, text) pairs.
pub fn reread(item: &super::Item, src: Sources) -> Vec<(&'static str, String)> {
    use super::Subject;
    match item.subject {
        Subject::Zone { zone, .. } => src.chart.get_zone(zone).map_or_else(Vec::new, |z| {
            vec![
                ("What the tradition says", z.corresponds_to.clone()),
                ("Where to find it", z.location.clone()),
                ("How it is worked", z.guidance.clone()),
            ]
        }),
        Subject::Steps { template, .. } => src
            .library
            .templates
            .get(template)
            .map_or_else(Vec::new, |t| vec![("The template", t.name.clone())]),
        Subject::Guide { guide, .. } => src.chart.guides.get(guide).map_or_else(Vec::new, |g| {
            vec![
                ("The line", g.name.clone()),
                ("What the tradition says", g.meaning.clone()),
            ]
        }),
        Subject::ZoneFact(i) => super::lines::ZONE_FACTS.get(i).map_or_else(Vec::new, |f| {
            vec![
                ("The question", f.prompt.to_owned()),
                ("The answer", f.options[f.right].to_owned()),
                ("Why", f.why.to_owned()),
            ]
        }),
        Subject::Vignette(i) => src.drills.vignettes.get(i).map_or_else(Vec::new, |v| {
            let rule = v.rule.as_deref().and_then(|r| src.library.rule(r));
            vec![
                ("The client", v.text.clone()),
                ("What to do", v.action(src.library).label().to_owned()),
                (
                    "Why",
                    rule.map_or_else(|| v.note.clone(), |r| r.why.clone()),
                ),
            ]
        }),
        Subject::Statement(i) => src.drills.statements.get(i).map_or_else(Vec::new, |s| {
            let claim = src.library.claim(&s.claim);
            vec![
                ("The statement", s.text.clone()),
                (
                    "Its grade",
                    claim.map_or_else(String::new, |c| c.grade.label().to_owned()),
                ),
                (
                    "What the evidence says",
                    claim.map_or_else(String::new, |c| c.plain.clone()),
                ),
            ]
        }),
    }
}

/// [`describe_area`] on a hand chart. The bands follow hands.md's landmarks: finger webs at
/// about 0.45 of the hand's length from the middle fingertip, the knuckle pads' lower edge
/// (the diaphragm line) at 0.56, the waist line at 0.70, the heel of the hand from 0.88; across,
/// the thumb lies below 0.02 and the fingers' zones split at 0.255, 0.50 and 0.745.
fn hand_area(
    geo: &crate::geometry::ViewGeometry,
    pieces: &[&crate::geometry::ZonePiece],
    main_area: f32,
    hand: Foot,
    (a, b): (f32, f32),
    span: f32,
) -> String {
    let back = geo.view == ViewKind::Dorsal;
    let mut words = vec![format!(
        "{} of the {} hand ({} view)",
        if back {
            "on the back"
        } else {
            "on the palm side"
        },
        hand.label().to_lowercase(),
        geo.view.label().to_lowercase()
    )];
    let thumb = a < 0.02;
    words.push(
        match b {
            _ if thumb && b < 0.62 => "on the thumb",
            _ if thumb => "at the base of the thumb",
            y if y < 0.42 => "in the fingers",
            y if y < 0.56 => "at the base of the fingers",
            y if y < 0.70 => "in the upper part of the hand, below the fingers",
            y if y < 0.88 => "in the middle of the hand, below the waist line",
            _ => "at the heel of the hand, near the wrist",
        }
        .to_owned(),
    );
    if !thumb {
        words.push(if span > 0.7 {
            "across the whole width of the hand".to_owned()
        } else {
            match a {
                a if a < 0.255 => "on the index-finger (thumb) side",
                a if a < 0.745 => "in the middle of the hand's width",
                _ => "on the little-finger side",
            }
            .to_owned()
        });
    }
    let hand_area: f32 = geo
        .outlines
        .iter()
        .find(|o| o.foot == hand)
        .map(|o| crate::geometry::signed_area(&o.poly).abs())
        .unwrap_or(1.0);
    let share = pieces.iter().map(|p| p.area).sum::<f32>().max(main_area) / hand_area.max(1e-6);
    words.push(
        match share {
            s if s < 0.01 => "a very small area",
            s if s < 0.04 => "a small area",
            s if s < 0.12 => "a medium-sized area",
            _ => "a large area",
        }
        .to_owned(),
    );
    format!("Highlighted: {}.", words.join(", "))
}

/// Where a highlighted guide line runs, in words, without naming it (for a screen reader in a
/// lines question): across or along the foot, and how far from the toes.
pub fn describe_guide(chart: &crate::model::Chart, guide: usize, view: ViewKind) -> String {
    let Some(path) = chart
        .guides
        .get(guide)
        .and_then(|g| g.paths.iter().find(|p| p.view == view))
    else {
        return String::new();
    };
    // Plantar and dorsal points are (across, along); side-view points are (along, height).
    let along: Vec<f32> = path
        .points
        .iter()
        .map(|p| if view.is_side() { p.0 } else { p.1 })
        .collect();
    let across: Vec<f32> = path
        .points
        .iter()
        .map(|p| if view.is_side() { p.1 } else { p.0 })
        .collect();
    let spread = |v: &[f32]| {
        v.iter().copied().fold(f32::MIN, f32::max) - v.iter().copied().fold(f32::MAX, f32::min)
    };
    let mean = along.iter().sum::<f32>() / along.len().max(1) as f32;
    let surface = match (chart.limb, view) {
        (Limb::Hand, ViewKind::Dorsal) => "the backs of the hands",
        (Limb::Hand, _) => "the palms",
        (_, ViewKind::Plantar) => "the soles",
        (_, ViewKind::Dorsal) => "the tops of the feet",
        (_, ViewKind::Medial) => "the inner side of the foot",
        (_, ViewKind::Lateral) => "the outer side of the foot",
        _ => "the chart",
    };
    if spread(&along) > spread(&across) {
        return format!(
            "Highlighted: a line running lengthwise on {surface}, from {:.0} % to {:.0} % of the way from the toes to the heel.",
            along.iter().copied().fold(f32::MAX, f32::min) * 100.0,
            along.iter().copied().fold(f32::MIN, f32::max) * 100.0
        );
    }
    let place = match mean {
        m if m < 0.3 => "near the base of the toes",
        m if m < 0.45 => "at the back edge of the ball",
        m if m < 0.65 => "at the middle of the arch",
        m if m < 0.8 => "where the heel begins",
        _ => "through the middle of the heel",
    };
    format!(
        "Highlighted: a line across {surface}, {place}, about {:.0} % of the way from the toes to the heel.",
        mean * 100.0
    )
}

#[cfg(test)]
mod describe_tests {
    use super::*;
    use crate::geometry::ViewGeometry;
    use crate::model::FootSel;

    fn describe(id: &str, view: ViewKind, foot: Foot) -> String {
        let chart = crate::load::embedded_content().unwrap().chart;
        let geo = ViewGeometry::build(&chart, view, FootSel::Both);
        let zone = chart.zone_index(id).unwrap();
        describe_area(&geo, zone, foot).unwrap()
    }

    #[test]
    fn areas_are_described_by_place_and_never_named() {
        let heel = describe("sciatic_nerve", ViewKind::Plantar, Foot::Left);
        assert!(heel.contains("sole of the left foot"), "{heel}");
        assert!(heel.contains("heel"), "{heel}");
        let brain = describe("brain_head", ViewKind::Plantar, Foot::Right);
        assert!(
            brain.contains("in the toes") && brain.contains("right foot"),
            "{brain}"
        );
        let sp = describe("solar_plexus", ViewKind::Plantar, Foot::Left);
        assert!(sp.contains("upper arch") || sp.contains("ball"), "{sp}");
        let pituitary = describe("pituitary", ViewKind::Plantar, Foot::Left);
        assert!(pituitary.contains("small area"), "{pituitary}");
        let spine = describe("lumbar_spine", ViewKind::Medial, Foot::Left);
        assert!(spine.contains("inner (big-toe) side"), "{spine}");
        let chart = crate::load::embedded_content().unwrap().chart;
        for text in [heel, brain, sp, pituitary, spine] {
            for z in &chart.zones {
                assert!(
                    !text.to_lowercase().contains(&z.name.to_lowercase()),
                    "{text} names {}",
                    z.name
                );
            }
        }
    }
}
