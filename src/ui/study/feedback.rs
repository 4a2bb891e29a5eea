//! After an answer and after a quiz: right or not and why, with the sources; the results
//! list with what was missed.

use egui::{RichText, Ui};

use super::super::theme;
use super::history_ui;
use crate::model::{Action, Foot, ZoneIdx};
use crate::study::text::{chosen_words, short_title};
use crate::study::{Outcome, Progress, Question, Quiz, Response, Sources, StudyCommand};

/// The feedback after an answer: right or not, why, and the sources.
pub fn feedback_ui(
    ui: &mut Ui,
    quiz: &Quiz,
    src: Sources,
    click_zone: Option<(ZoneIdx, Option<Foot>)>,
) -> Vec<StudyCommand> {
    let mut out = Vec::new();
    let (Some(asked), Some(outcome)) = (quiz.current(), quiz.current_outcome()) else {
        return out;
    };
    let dark = ui.visuals().dark_mode;
    let (good, bad) = theme::feedback_colors(dark);
    egui::Frame::new()
        .fill(if outcome.right {
            good.gamma_multiply(0.12)
        } else {
            bad.gamma_multiply(0.12)
        })
        .stroke((1.5, if outcome.right { good } else { bad }))
        .corner_radius(8)
        .inner_margin(10)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let verdict = ui.label(
                RichText::new(if outcome.right {
                    "✓ Right"
                } else {
                    "✗ Not quite"
                })
                .size(17.0)
                .strong()
                .color(if outcome.right { good } else { bad }),
            );
            // Announced as it appears, without moving focus.
            crate::ui::live(ui, &verdict);
            explanation_ui(ui, &asked.question, outcome, src, click_zone);
            ui.add_space(4.0);
            let last = quiz.position + 1 >= quiz.questions.len();
            let next = ui
                .button(RichText::new(if last { "See results" } else { "Next question" }).strong())
                .on_hover_text("Enter");
            // The answered areas are gone: the keyboard goes on to the next action.
            if ui.memory(|m| m.focused().is_none()) {
                next.request_focus();
            }
            if next.clicked() {
                out.push(StudyCommand::Next);
            }
        });
    out
}

fn explanation_ui(
    ui: &mut Ui,
    question: &Question,
    outcome: &Outcome,
    src: Sources,
    click_zone: Option<(ZoneIdx, Option<Foot>)>,
) {
    match question {
        Question::Locate { zone, foot, view } => {
            let z = &src.chart.zone_at(*zone);
            let one = src.chart.limb.one();
            if !outcome.right {
                let picked = match outcome.response {
                    Response::Choice(i) => {
                        crate::study::quiz::locate_choices(*zone, *view, *foot, src)
                            .get(i)
                            .copied()
                    }
                    _ => None,
                };
                let landed = match click_zone {
                    _ if picked.is_some() => format!(
                        "Number {} is the {}.",
                        match outcome.response {
                            Response::Choice(i) => i + 1,
                            _ => 0,
                        },
                        picked.map_or("", |p| src.chart.zone_at(p).name.as_str())
                    ),
                    Some((hit, Some(f))) if hit == *zone => format!(
                        "Your click landed on the {} of the {} {one}: right area, wrong {one}.",
                        z.name,
                        f.label().to_lowercase()
                    ),
                    Some((hit, f)) => format!(
                        "Your click landed on the {}{}.",
                        src.chart.zone_at(hit).name,
                        f.map(|f| format!(" ({} {one})", f.label().to_lowercase()))
                            .unwrap_or_default()
                    ),
                    None => format!(
                        "Your click landed between areas or off the {} (the red mark on the chart).",
                        src.chart.limb.both()
                    ),
                };
                ui.label(landed);
            }
            ui.label(format!(
                "The {} on the {} {one} is outlined on the chart. {}",
                z.name,
                foot.label().to_lowercase(),
                z.location
            ));
            ui.label(RichText::new(&z.corresponds_to).weak());
        }
        Question::Name { zone, .. } => {
            let z = &src.chart.zone_at(*zone);
            ui.label(format!("This is the {}. {}", z.name, z.location));
            ui.label(RichText::new(&z.corresponds_to).weak());
        }
        Question::Sequence {
            template,
            start,
            shown,
        } => {
            let t = &src.library.templates[*template];
            if let Some(fixed) = src
                .drills
                .sequence_for(src.library, &t.id, *start, shown.len())
            {
                ui.label(&fixed.why);
            }
            ui.label(RichText::new(&t.description).weak());
        }
        Question::Safety { vignette } => {
            let v = &src.drills.vignettes[*vignette];
            let action = v.action(src.library);
            ui.label(RichText::new(format!("The right call: {}", action.label())).strong());
            match v.rule.as_deref().and_then(|r| src.library.rule(r)) {
                Some(rule) => {
                    ui.label(format!("Screening question: {}", rule.question));
                    ui.label(&rule.why);
                    for note in rule.adaptation.notes.iter().take(3) {
                        ui.label(format!("• {note}"));
                    }
                    ui.label(
                        RichText::new(format!("Source: {}", rule.source))
                            .small()
                            .weak(),
                    );
                }
                None => {
                    ui.label(&v.note);
                }
            }
            if action == Action::StopAndRefer {
                ui.label(
                    RichText::new("A stop verdict blocks the session in the planner.").small(),
                );
            }
        }
        Question::Claim { statement } => {
            let s = &src.drills.statements[*statement];
            if let Some(c) = src.library.claim(&s.claim) {
                ui.label(
                    RichText::new(format!("{} — {}", c.grade.label(), c.grade.meaning())).strong(),
                );
                ui.label(&c.plain);
                if s.overstated {
                    ui.label(
                        RichText::new(
                            "This wording is how some popular articles put it; the evidence does not back it as stated.",
                        )
                        .italics(),
                    );
                }
                let cites: Vec<String> = c
                    .citations
                    .iter()
                    .filter_map(|id| src.library.citation(id))
                    .map(|c| c.short())
                    .collect();
                if !cites.is_empty() {
                    ui.label(
                        RichText::new(format!("Sources: {}", cites.join("; ")))
                            .small()
                            .weak(),
                    );
                }
            }
        }
        Question::Guide { guide, .. } => {
            if let Some(g) = src.chart.guides.get(*guide) {
                ui.label(RichText::new(format!("This is the {}.", g.name.to_lowercase())).strong());
                ui.label(&g.meaning);
            }
        }
        Question::ZoneFact { fact } => {
            if let Some(f) = crate::study::lines::ZONE_FACTS.get(*fact) {
                ui.label(RichText::new(f.options[f.right]).strong());
                ui.label(f.why);
            }
        }
    }
}

/// The end of a quiz: the score and each question's result.
pub fn summary_ui(
    ui: &mut Ui,
    quiz: &Quiz,
    src: Sources,
    progress: &Progress,
) -> Vec<StudyCommand> {
    let mut out = Vec::new();
    let n = quiz.outcomes.len();
    let right = quiz.right();
    crate::ui::heading(
        ui,
        format!(
            "{} finished: {right} of {n} right ({:.0} %)",
            quiz.setup.kind.label(),
            if n == 0 {
                0.0
            } else {
                100.0 * right as f32 / n as f32
            }
        ),
    );
    ui.add_space(6.0);
    let (good, bad) = theme::feedback_colors(ui.visuals().dark_mode);
    for (asked, outcome) in quiz.questions.iter().zip(&quiz.outcomes) {
        let (mark, color) = if outcome.right {
            ("✓", good)
        } else {
            ("✗", bad)
        };
        ui.horizontal(|ui| {
            ui.label(RichText::new(mark).color(color).strong());
            ui.label(short_title(&asked.question, src));
            if !outcome.right
                && let Some(chosen) = chosen_words(&asked.question, &outcome.response, src)
            {
                ui.label(RichText::new(format!("(you chose {chosen})")).weak());
            }
        });
    }
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui
            .button(RichText::new("Start another quiz").strong())
            .clicked()
        {
            out.push(StudyCommand::NewSeed);
            out.push(StudyCommand::Start);
        }
        let missed = quiz.outcomes.iter().filter(|o| !o.right).count();
        if missed > 0
            && ui
                .button(format!("Review the {missed} missed"))
                .on_hover_text("Ask the missed questions again now")
                .clicked()
        {
            out.push(StudyCommand::ReviewMisses);
        }
        if ui
            .button("Repeat with the same seed")
            .on_hover_text("Builds the quiz again from this seed and your updated boxes")
            .clicked()
        {
            out.push(StudyCommand::Start);
        }
    });
    ui.add_space(12.0);
    history_ui(ui, progress, 260.0);
    out
}
