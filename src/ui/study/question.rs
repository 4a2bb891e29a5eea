//! A question on screen: the header with the score, the prompt, numbered choices, the
//! cards of the questions that do not use the map, and the sequence editor.

use egui::{Key, RichText, Ui};

use super::super::theme;
use super::StudyView;
use crate::model::Grade;
use crate::study::quiz::{ACTIONS, step_label};
use crate::study::text::prompt;
use crate::study::{Outcome, Progress, Question, Quiz, Response, Sources, StudyCommand};

/// The header above a question: where the student is in the quiz.
pub fn header_ui(ui: &mut Ui, quiz: &Quiz, progress: &Progress) {
    let Some(asked) = quiz.current() else {
        return;
    };
    let n = quiz.questions.len();
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(format!(
                "{} · question {} of {n}",
                quiz.setup.kind.label(),
                quiz.position + 1
            ))
            .strong(),
        );
        ui.separator();
        ui.label(format!("Score {}/{}", quiz.right(), quiz.outcomes.len()));
        ui.separator();
        let b = progress.leitner_box(&asked.key);
        ui.label(if b == 0 {
            "New item".to_owned()
        } else {
            format!("Box {b}")
        })
        .on_hover_text("Leitner box of this item: right answers move it up, wrong ones to box 1");
        ui.separator();
        ui.label(RichText::new(format!("seed {}", quiz.setup.seed)).weak());
    });
    let r =
        ui.add(egui::ProgressBar::new(quiz.position as f32 / n.max(1) as f32).desired_height(6.0));
    crate::ui::name_value(
        ui,
        &r,
        "Quiz progress",
        format!("question {} of {n}", quiz.position + 1),
    );
    ui.add_space(4.0);
}

/// The prompt line, large.
pub fn prompt_ui(ui: &mut Ui, question: &Question, src: Sources) {
    ui.label(RichText::new(prompt(question, src)).size(19.0).strong());
}

/// Number keys 1–9 pressed this frame (when no text field has the keyboard).
fn number_key(ui: &Ui) -> Option<usize> {
    if ui.ctx().egui_wants_keyboard_input() {
        return None;
    }
    const KEYS: [Key; 9] = [
        Key::Num1,
        Key::Num2,
        Key::Num3,
        Key::Num4,
        Key::Num5,
        Key::Num6,
        Key::Num7,
        Key::Num8,
        Key::Num9,
    ];
    ui.input(|i| KEYS.iter().position(|k| i.key_pressed(*k)))
}

/// A row of numbered choices. After the answer, the right one is green and a wrong pick red.
fn choices_ui(
    ui: &mut Ui,
    labels: &[String],
    right: usize,
    outcome: Option<&Outcome>,
    out: &mut Vec<StudyCommand>,
) {
    let dark = ui.visuals().dark_mode;
    let (good, bad) = theme::feedback_colors(dark);
    let picked = match outcome.map(|o| &o.response) {
        Some(Response::Choice(i)) => Some(*i),
        _ => None,
    };
    ui.horizontal_wrapped(|ui| {
        for (i, label) in labels.iter().enumerate() {
            let text = RichText::new(format!("{}  {label}", i + 1)).size(15.0);
            let mut button = egui::Button::new(text).min_size(egui::vec2(0.0, 34.0));
            if outcome.is_some() {
                if i == right {
                    button = button.fill(good.gamma_multiply(0.35)).stroke((2.0, good));
                } else if picked == Some(i) {
                    button = button.fill(bad.gamma_multiply(0.3)).stroke((2.0, bad));
                }
            }
            let r = ui.add_enabled(outcome.is_none(), button);
            if r.clicked() {
                out.push(StudyCommand::Answer(Response::Choice(i)));
            }
        }
    });
    if outcome.is_none()
        && let Some(i) = number_key(ui).filter(|i| *i < labels.len())
    {
        out.push(StudyCommand::Answer(Response::Choice(i)));
    }
}

/// The four numbered choices of a locate question whose area is too small to click.
pub fn locate_choices_ui(
    ui: &mut Ui,
    quiz: &Quiz,
    four: &crate::ui::map_view::BoardMarks,
) -> Vec<StudyCommand> {
    let mut out = Vec::new();
    let Some(Question::Locate { zone, .. }) = quiz.current().map(|a| &a.question) else {
        return out;
    };
    let labels: Vec<String> = four.marks.iter().map(|_| String::new()).collect();
    let right = four.marks.iter().position(|m| m.zone == *zone).unwrap_or(0);
    choices_ui(ui, &labels, right, quiz.current_outcome(), &mut out);
    out
}

/// Choices for a name or guide-line question (none for the others that use the map).
pub fn name_choices_ui(ui: &mut Ui, quiz: &Quiz, src: Sources) -> Vec<StudyCommand> {
    let mut out = Vec::new();
    match quiz.current().map(|a| &a.question) {
        Some(Question::Name { zone, options, .. }) => {
            let labels: Vec<String> = options
                .iter()
                .map(|z| src.chart.zone_at(*z).name.clone())
                .collect();
            let right = options.iter().position(|z| z == zone).unwrap_or(0);
            choices_ui(ui, &labels, right, quiz.current_outcome(), &mut out);
        }
        Some(Question::Guide { guide, options, .. }) => {
            let labels: Vec<String> = options
                .iter()
                .map(|g| {
                    src.chart
                        .guides
                        .get(*g)
                        .map_or_else(String::new, |g| g.name.clone())
                })
                .collect();
            let right = options.iter().position(|g| g == guide).unwrap_or(0);
            choices_ui(ui, &labels, right, quiz.current_outcome(), &mut out);
        }
        _ => {}
    }
    out
}

/// The body of a question that does not use the map (sequence, safety, claim).
pub fn card_ui(ui: &mut Ui, state: &mut StudyView, quiz: &Quiz, src: Sources) -> Vec<StudyCommand> {
    let mut out = Vec::new();
    let Some(asked) = quiz.current() else {
        return out;
    };
    let outcome = quiz.current_outcome();
    match &asked.question {
        Question::Sequence { template, .. } => {
            sequence_ui(
                ui,
                &mut state.order,
                &mut state.order_focus,
                *template,
                outcome,
                src,
                &mut out,
            );
        }
        Question::Safety { vignette } => {
            let v = &src.drills.vignettes[*vignette];
            quote_ui(ui, &v.text);
            ui.add_space(8.0);
            let labels: Vec<String> = ACTIONS.iter().map(|a| a.label().to_owned()).collect();
            let right = ACTIONS
                .iter()
                .position(|a| *a == v.action(src.library))
                .unwrap_or(0);
            choices_ui(ui, &labels, right, outcome, &mut out);
        }
        Question::Claim { statement } => {
            let s = &src.drills.statements[*statement];
            quote_ui(ui, &format!("“{}”", s.text));
            ui.add_space(8.0);
            let labels: Vec<String> = Grade::ALL.iter().map(|g| g.label().to_owned()).collect();
            let right = src
                .library
                .claim(&s.claim)
                .and_then(|c| Grade::ALL.iter().position(|g| *g == c.grade))
                .unwrap_or(0);
            choices_ui(ui, &labels, right, outcome, &mut out);
        }
        Question::ZoneFact { fact } => {
            if let Some(f) = crate::study::lines::ZONE_FACTS.get(*fact) {
                let labels: Vec<String> = f.options.iter().map(|o| (*o).to_owned()).collect();
                choices_ui(ui, &labels, f.right, outcome, &mut out);
            }
        }
        Question::Locate { .. } | Question::Name { .. } | Question::Guide { .. } => {}
    }
    out
}

fn quote_ui(ui: &mut Ui, text: &str) {
    egui::Frame::new()
        .fill(ui.visuals().faint_bg_color)
        .stroke(ui.visuals().widgets.noninteractive.bg_stroke)
        .corner_radius(8)
        .inner_margin(14)
        .show(ui, |ui| {
            ui.set_max_width(760.0);
            ui.label(RichText::new(text).size(16.0));
        });
}

#[allow(clippy::too_many_arguments)]
fn sequence_ui(
    ui: &mut Ui,
    order: &mut Vec<usize>,
    focus: &mut Option<usize>,
    template: usize,
    outcome: Option<&Outcome>,
    src: Sources,
    out: &mut Vec<StudyCommand>,
) {
    let steps = &src.library.templates[template].steps;
    let label = |i: usize| step_label(&steps[i], src.chart);
    let dark = ui.visuals().dark_mode;
    let (good, bad) = theme::feedback_colors(dark);
    let answered = outcome.is_some();
    let shown: Vec<usize> = match outcome.map(|o| &o.response) {
        Some(Response::Order(o)) => o.clone(),
        _ => order.clone(),
    };
    let start = shown.iter().copied().min().unwrap_or(0);
    let mut moved: Option<(usize, usize)> = None;
    ui.label(
        RichText::new(if answered {
            "Your order (green: in the right place)"
        } else {
            "Drag the handles, use the arrow buttons, or select a step and press Alt+↑/↓."
        })
        .weak(),
    );
    for (row, &step) in shown.iter().enumerate() {
        let in_place = label(step) == label(start + row);
        let fill = if answered {
            if in_place {
                good.gamma_multiply(0.25)
            } else {
                bad.gamma_multiply(0.2)
            }
        } else if *focus == Some(row) {
            ui.visuals().selection.bg_fill.gamma_multiply(0.35)
        } else {
            ui.visuals().faint_bg_color
        };
        let frame = egui::Frame::new()
            .fill(fill)
            .corner_radius(6)
            .inner_margin(6)
            .show(ui, |ui| {
                ui.set_max_width(640.0);
                ui.set_width(ui.available_width().min(640.0));
                ui.horizontal(|ui| {
                    if !answered {
                        let handle = ui.dnd_drag_source(
                            ui.make_persistent_id(("seq_drag", row)),
                            row,
                            |ui| {
                                ui.label(RichText::new("☰").size(15.0));
                            },
                        );
                        handle.response.on_hover_text("Drag to reorder");
                    }
                    let text = RichText::new(format!("{}. {}", row + 1, label(step))).size(15.0);
                    let r = ui.selectable_label(*focus == Some(row) && !answered, text);
                    if r.clicked() && !answered {
                        *focus = Some(row);
                    }
                    if r.has_focus() && !answered {
                        *focus = Some(row);
                    }
                    if answered {
                        return;
                    }
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        let down = ui
                            .add_enabled(row + 1 < shown.len(), egui::Button::new("↓").small())
                            .on_hover_text("Move down");
                        ui.ctx().accesskit_node_builder(down.id, |n| {
                            n.set_label(format!("Move step {} down", row + 1));
                        });
                        if down.clicked() {
                            moved = Some((row, row + 1));
                        }
                        let up = ui
                            .add_enabled(row > 0, egui::Button::new("↑").small())
                            .on_hover_text("Move up");
                        ui.ctx().accesskit_node_builder(up.id, |n| {
                            n.set_label(format!("Move step {} up", row + 1));
                        });
                        if up.clicked() {
                            moved = Some((row, row - 1));
                        }
                    });
                });
            });
        if !answered
            && let Some(from) = frame.response.dnd_release_payload::<usize>()
            && *from != row
        {
            moved = Some((*from, row));
        }
        ui.add_space(2.0);
    }
    if !answered && !ui.ctx().egui_wants_keyboard_input() {
        let (up, down) = ui.input(|i| {
            (
                i.modifiers.alt && i.key_pressed(Key::ArrowUp),
                i.modifiers.alt && i.key_pressed(Key::ArrowDown),
            )
        });
        if let Some(row) = *focus {
            if up && row > 0 {
                moved = Some((row, row - 1));
            } else if down && row + 1 < order.len() {
                moved = Some((row, row + 1));
            }
        }
    }
    if let Some((from, to)) = moved
        && from < order.len()
        && to < order.len()
    {
        let step = order.remove(from);
        order.insert(to, step);
        *focus = Some(to);
    }
    if answered {
        ui.add_space(6.0);
        ui.label(RichText::new("The template's order").strong());
        for row in 0..shown.len() {
            ui.label(format!("{}. {}", row + 1, label(start + row)));
        }
    } else {
        ui.add_space(6.0);
        if ui
            .button(RichText::new("Check order").strong())
            .on_hover_text("Enter")
            .clicked()
        {
            out.push(StudyCommand::Answer(Response::Order(order.clone())));
        }
    }
}
