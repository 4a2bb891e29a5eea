//! The words of study questions: prompts, short titles for the results, and what a student
//! chose, in words. Pure text, shared by the study view and anything that prints questions.

use super::quiz::ACTIONS;
use super::{Question, Response, Sources};
use crate::model::{Foot, Grade, ViewKind, ZoneIdx};

/// The words of a question's prompt.
pub fn prompt(question: &Question, src: Sources) -> String {
    match question {
        Question::Locate { zone, view, foot } => format!(
            "Click the {} reflex on the {} foot ({} view).",
            src.chart.zone_at(*zone).name,
            foot.label().to_lowercase(),
            view.label().to_lowercase()
        ),
        Question::Name { view, foot, .. } => format!(
            "Which reflex area is highlighted on the {} foot ({} view)?",
            foot.label().to_lowercase(),
            view.label().to_lowercase()
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
            "{} — {} foot, {}",
            src.chart.zone_at(*zone).name,
            foot.label().to_lowercase(),
            view.label().to_lowercase()
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
        _ => None,
    }
}
