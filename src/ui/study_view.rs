//! Study mode: the quiz setup, progress and score history on the left; the question, the map
//! (for locate and name) and the feedback in the middle. Returns [`StudyCommand`]s.

use egui::{Color32, Key, RichText, Ui};
use egui_plot::{Legend, Line, Plot, PlotPoints, Points};

use super::map_view::MapCamera;
use super::theme;
use crate::geometry::Transform;
use crate::model::{Action, BodySystem, Foot, Grade, ViewKind};
use crate::study::quiz::{ACTIONS, step_label};
use crate::study::{
    Difficulty, Outcome, Progress, Question, Quiz, QuizKind, QuizSetup, Response, Sources, Summary,
};

/// What the study view asks the app to do.
#[derive(Debug, Clone, PartialEq)]
pub enum StudyCommand {
    /// Build a quiz from the current setup and show its first question.
    Start,
    /// Answer the question on screen.
    Answer(Response),
    /// Go on to the next question (or the summary).
    Next,
    /// End the quiz now (answers so far count).
    Stop,
    /// Pick a new seed.
    NewSeed,
    /// Ask again, now, the questions missed in the quiz just finished.
    ReviewMisses,
    /// Hide the progress-file warning.
    DismissWarning,
}

/// Runtime state of Study mode (the progress itself lives in the app).
#[derive(Debug, Default)]
pub struct StudyState {
    /// How the next quiz is chosen.
    pub setup: QuizSetup,
    /// The quiz under way (or just finished).
    pub quiz: Option<Quiz>,
    /// The student's current order in a sequence question (template step indices).
    pub order: Vec<usize>,
    /// The row a keyboard move applies to in a sequence question.
    pub order_focus: Option<usize>,
    /// Zoom and pan of the question map.
    pub camera: MapCamera,
    /// The question map's chart → screen transform last frame (for tests and hints).
    pub transform: Option<Transform>,
}

impl StudyState {
    /// Call when a new question comes up: resets the working order and the map.
    pub fn question_changed(&mut self) {
        self.order = match self.quiz.as_ref().and_then(Quiz::current) {
            Some(a) => match &a.question {
                Question::Sequence { shown, .. } => shown.clone(),
                _ => Vec::new(),
            },
            None => Vec::new(),
        };
        self.order_focus = None;
        self.camera = MapCamera::default();
    }
}

/// Counts for the setup panel.
pub struct Counts {
    /// Items matching the setup's kind and filters.
    pub matching: usize,
    /// Of those, due today.
    pub due: usize,
    /// Of those, never asked.
    pub new: usize,
}

fn any_combo<T: Copy + PartialEq>(
    ui: &mut Ui,
    label: &str,
    value: &mut Option<T>,
    options: &[T],
    name: impl Fn(T) -> &'static str,
    enabled: bool,
) {
    ui.label(label);
    ui.add_enabled_ui(enabled, |ui| {
        let r = egui::ComboBox::from_id_salt(("study_filter", label))
            .selected_text(value.map_or("Any", &name))
            .width(150.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(value, None, "Any");
                for o in options {
                    ui.selectable_value(value, Some(*o), name(*o));
                }
            });
        let label = label.to_owned();
        ui.ctx()
            .accesskit_node_builder(r.response.id, |n| n.set_label(label));
        if !enabled {
            r.response
                .on_disabled_hover_text("This quiz is not about chart areas");
        }
    });
    ui.end_row();
}

/// The left panel: choose a quiz, see progress and the score history.
pub fn setup_ui(
    ui: &mut Ui,
    state: &mut StudyState,
    counts: &Counts,
    summary: &Summary,
    progress: &Progress,
) -> Vec<StudyCommand> {
    let mut out = Vec::new();
    ui.heading("Study");
    ui.label(RichText::new("Quiz").strong());
    for kind in QuizKind::ALL {
        let n = summary
            .kinds
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(0, |(_, m)| m.total);
        let selected = state.setup.kind == kind;
        let r = ui.selectable_label(selected, format!("{}   ({n} items)", kind.label()));
        if r.clicked() {
            state.setup.kind = kind;
        }
    }
    ui.label(RichText::new(state.setup.kind.describe()).weak());
    ui.add_space(6.0);

    let chart_filters = state.setup.kind.uses_chart_filters();
    egui::Grid::new("study_filters")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            let f = &mut state.setup.filters;
            any_combo(
                ui,
                "View",
                &mut f.view,
                &ViewKind::ALL,
                ViewKind::label,
                chart_filters,
            );
            any_combo(
                ui,
                "Foot",
                &mut f.foot,
                &[Foot::Left, Foot::Right],
                Foot::label,
                chart_filters,
            );
            any_combo(
                ui,
                "Body system",
                &mut f.system,
                &BodySystem::ALL,
                BodySystem::label,
                chart_filters,
            );
            any_combo(
                ui,
                "Difficulty",
                &mut f.difficulty,
                &Difficulty::ALL,
                Difficulty::label,
                true,
            );
            ui.label("Questions");
            let r = ui.add(egui::Slider::new(&mut state.setup.count, 3..=30));
            ui.ctx()
                .accesskit_node_builder(r.id, |n| n.set_label("Questions"));
            ui.end_row();
            ui.label("Seed");
            ui.horizontal(|ui| {
                let r = ui.add(egui::DragValue::new(&mut state.setup.seed).range(0..=999_999));
                ui.ctx()
                    .accesskit_node_builder(r.id, |n| n.set_label("Seed"));
                r.on_hover_text("The same seed, filters and progress give the same quiz");
                if ui.button("New seed").clicked() {
                    out.push(StudyCommand::NewSeed);
                }
            });
            ui.end_row();
        });
    ui.label(
        RichText::new(format!(
            "{} matching items: {} due today, {} new",
            counts.matching, counts.due, counts.new
        ))
        .weak(),
    );
    ui.horizontal(|ui| {
        let running = state.quiz.as_ref().is_some_and(|q| !q.finished());
        let start = ui.add_enabled(
            counts.matching > 0,
            egui::Button::new(
                RichText::new(if running {
                    "Restart quiz"
                } else {
                    "Start quiz"
                })
                .strong(),
            ),
        );
        if start.clicked() {
            out.push(StudyCommand::Start);
        }
        if running && ui.button("End quiz").clicked() {
            out.push(StudyCommand::Stop);
        }
    });
    ui.separator();
    progress_ui(ui, summary);
    ui.separator();
    history_ui(ui, progress, 170.0);
    out
}

fn mastery_row(ui: &mut Ui, label: &str, m: &crate::study::Mastery) {
    ui.label(label);
    ui.add(
        egui::ProgressBar::new(m.fraction())
            .desired_width(150.0)
            .text(format!("{}/{} learned", m.learned, m.total)),
    )
    .on_hover_text(format!(
        "{} answered at least once, {} due today; an item counts as learned from box 3",
        m.seen, m.due
    ));
    ui.end_row();
}

fn progress_ui(ui: &mut Ui, summary: &Summary) {
    ui.label(RichText::new("Progress").strong());
    egui::Grid::new("study_kinds")
        .num_columns(2)
        .show(ui, |ui| {
            for (kind, m) in &summary.kinds {
                mastery_row(ui, kind.label(), m);
            }
        });
    let boxes = summary
        .boxes
        .iter()
        .enumerate()
        .skip(1)
        .map(|(i, n)| format!("{i}: {n}"))
        .collect::<Vec<_>>()
        .join(" · ");
    ui.label(
        RichText::new(format!(
            "Leitner boxes {boxes} · never asked: {}",
            summary.boxes[0]
        ))
        .weak(),
    )
    .on_hover_text(
        "Each item sits in a Leitner box. A right answer moves it up a box, a wrong one back to \
         box 1. Box 1 comes back the same day, box 2 after a day, 3 after three days, 4 after a \
         week, 5 after two weeks.",
    );
    egui::CollapsingHeader::new("Chart areas by body system")
        .default_open(true)
        .show(ui, |ui| {
            egui::Grid::new("study_systems")
                .num_columns(2)
                .show(ui, |ui| {
                    for (system, m) in &summary.systems {
                        mastery_row(ui, system.label(), m);
                    }
                });
        });
    egui::CollapsingHeader::new("Chart areas by view")
        .default_open(false)
        .show(ui, |ui| {
            egui::Grid::new("study_views")
                .num_columns(2)
                .show(ui, |ui| {
                    for (view, m) in &summary.views {
                        mastery_row(ui, view.label(), m);
                    }
                });
        });
}

fn kind_color(kind: QuizKind) -> Color32 {
    match kind {
        QuizKind::Locate => Color32::from_rgb(0x1e, 0x88, 0xe5),
        QuizKind::Name => Color32::from_rgb(0x8e, 0x24, 0xaa),
        QuizKind::Sequence => Color32::from_rgb(0x00, 0x89, 0x7b),
        QuizKind::Safety => Color32::from_rgb(0xe5, 0x39, 0x35),
        QuizKind::Claim => Color32::from_rgb(0xf5, 0x7c, 0x00),
    }
}

/// The score history: every finished quiz's percentage, one line per quiz kind.
pub fn history_ui(ui: &mut Ui, progress: &Progress, height: f32) {
    ui.label(RichText::new("Score history").strong());
    if progress.history.is_empty() {
        ui.label(RichText::new("Finish a quiz to start your score history.").weak());
        return;
    }
    let plot = Plot::new(("score_history", height as u32))
        .height(height)
        .include_y(0.0)
        .include_y(100.0)
        .include_x(0.5)
        .include_x(progress.history.len().max(5) as f64 + 0.5)
        // Quizzes are whole numbers: grid lines every 1, 5 and 10 quizzes.
        .x_grid_spacer(egui_plot::uniform_grid_spacer(|_| [1.0, 5.0, 10.0]))
        .x_axis_formatter(|mark, _| {
            if mark.value >= 1.0 && mark.value.fract() == 0.0 {
                format!("{}", mark.value as u64)
            } else {
                String::new()
            }
        })
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .x_axis_label("quiz")
        .y_axis_label("% right")
        .legend(Legend::default());
    let response = plot.show(ui, |plot_ui| {
        for kind in QuizKind::ALL {
            let points: Vec<[f64; 2]> = progress
                .history
                .iter()
                .enumerate()
                .filter(|(_, r)| r.kind == kind)
                .map(|(i, r)| [(i + 1) as f64, r.percent()])
                .collect();
            if points.is_empty() {
                continue;
            }
            let color = kind_color(kind);
            plot_ui.line(
                Line::new(kind.label(), PlotPoints::from(points.clone()))
                    .color(color)
                    .width(1.5),
            );
            plot_ui.points(
                Points::new(kind.label(), PlotPoints::from(points))
                    .color(color)
                    .radius(3.0),
            );
        }
    });
    let last = progress.history.last().map(|r| {
        format!(
            "Last quiz: {} {}/{} right",
            r.kind.label(),
            r.right,
            r.answered
        )
    });
    let label = format!(
        "Score history: {} quizzes. {}",
        progress.history.len(),
        last.unwrap_or_default()
    );
    ui.ctx()
        .accesskit_node_builder(response.response.id, |n| n.set_label(label));
}

/// What the middle of the screen needs.
pub struct QuestionInput<'a> {
    /// Lookups.
    pub src: Sources<'a>,
    /// The student's progress (for the item's box).
    pub progress: &'a Progress,
}

/// The words of a question's prompt.
pub fn prompt(question: &Question, src: Sources) -> String {
    match question {
        Question::Locate { zone, view, foot } => format!(
            "Click the {} reflex on the {} foot ({} view).",
            src.chart.zones[*zone].name,
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
pub fn map_question(question: &Question) -> Option<(ViewKind, Foot, usize)> {
    match question {
        Question::Locate { zone, view, foot }
        | Question::Name {
            zone, view, foot, ..
        } => Some((*view, *foot, *zone)),
        _ => None,
    }
}

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
    ui.add(egui::ProgressBar::new(quiz.position as f32 / n.max(1) as f32).desired_height(6.0));
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

/// Choices for a name question (none for the others that use the map).
pub fn name_choices_ui(ui: &mut Ui, quiz: &Quiz, src: Sources) -> Vec<StudyCommand> {
    let mut out = Vec::new();
    if let Some(Question::Name { zone, options, .. }) = quiz.current().map(|a| &a.question) {
        let labels: Vec<String> = options
            .iter()
            .map(|z| src.chart.zones[*z].name.clone())
            .collect();
        let right = options.iter().position(|z| z == zone).unwrap_or(0);
        choices_ui(ui, &labels, right, quiz.current_outcome(), &mut out);
    }
    out
}

/// The body of a question that does not use the map (sequence, safety, claim).
pub fn card_ui(ui: &mut Ui, state: &mut StudyState, src: Sources) -> Vec<StudyCommand> {
    let mut out = Vec::new();
    let Some(quiz) = &state.quiz else {
        return out;
    };
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
        Question::Locate { .. } | Question::Name { .. } => {}
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

/// The feedback after an answer: right or not, why, and the sources.
pub fn feedback_ui(
    ui: &mut Ui,
    quiz: &Quiz,
    src: Sources,
    click_zone: Option<(usize, Option<Foot>)>,
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
            ui.label(
                RichText::new(if outcome.right {
                    "✓ Right"
                } else {
                    "✗ Not quite"
                })
                .size(17.0)
                .strong()
                .color(if outcome.right { good } else { bad }),
            );
            explanation_ui(ui, &asked.question, outcome, src, click_zone);
            ui.add_space(4.0);
            let last = quiz.position + 1 >= quiz.questions.len();
            let next = ui
                .button(RichText::new(if last { "See results" } else { "Next question" }).strong())
                .on_hover_text("Enter");
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
    click_zone: Option<(usize, Option<Foot>)>,
) {
    match question {
        Question::Locate { zone, foot, .. } => {
            let z = &src.chart.zones[*zone];
            if !outcome.right {
                let landed = match click_zone {
                    Some((hit, Some(f))) if hit == *zone => format!(
                        "Your click landed on the {} of the {} foot: right area, wrong foot.",
                        z.name,
                        f.label().to_lowercase()
                    ),
                    Some((hit, f)) => format!(
                        "Your click landed on the {}{}.",
                        src.chart.zones[hit].name,
                        f.map(|f| format!(" ({} foot)", f.label().to_lowercase()))
                            .unwrap_or_default()
                    ),
                    None => {
                        "Your click landed between areas or off the feet (the red mark on the chart)."
                            .to_owned()
                    }
                };
                ui.label(landed);
            }
            ui.label(format!(
                "The {} on the {} foot is outlined on the chart. {}",
                z.name,
                foot.label().to_lowercase(),
                z.location
            ));
            ui.label(RichText::new(&z.corresponds_to).weak());
        }
        Question::Name { zone, .. } => {
            let z = &src.chart.zones[*zone];
            ui.label(format!("This is the {}. {}", z.name, z.location));
            ui.label(RichText::new(&z.corresponds_to).weak());
        }
        Question::Sequence { template, .. } => {
            let t = &src.library.templates[*template];
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
    ui.heading(format!(
        "{} finished: {right} of {n} right ({:.0} %)",
        quiz.setup.kind.label(),
        if n == 0 {
            0.0
        } else {
            100.0 * right as f32 / n as f32
        }
    ));
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

/// A few words naming a question, for the summary.
pub fn short_title(question: &Question, src: Sources) -> String {
    match question {
        Question::Locate { zone, view, foot }
        | Question::Name {
            zone, view, foot, ..
        } => format!(
            "{} — {} foot, {}",
            src.chart.zones[*zone].name,
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
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{}…", cut.trim_end_matches([',', '.', ';']))
}

/// What the student picked, in words, for the results list.
fn chosen_words(question: &Question, response: &Response, src: Sources) -> Option<String> {
    let Response::Choice(i) = response else {
        return None;
    };
    match question {
        Question::Name { options, .. } => options.get(*i).map(|z| src.chart.zones[*z].name.clone()),
        Question::Safety { .. } => ACTIONS.get(*i).map(|a| a.label().to_owned()),
        Question::Claim { .. } => Grade::ALL.get(*i).map(|g| g.label().to_owned()),
        _ => None,
    }
}

/// The welcome card before the first quiz.
pub fn welcome_ui(ui: &mut Ui) {
    ui.heading("Drill the chart, the session order and safety");
    ui.add_space(4.0);
    for kind in QuizKind::ALL {
        ui.label(format!("• {}: {}", kind.label(), kind.describe()));
    }
    ui.add_space(6.0);
    ui.label(
        "Choose a quiz and filters on the left and press Start quiz (or Enter). Items you miss \
         come back first; items you know wait longer each time. Answer with the mouse or the \
         number keys, and press Enter for the next question.",
    );
    ui.label(
        RichText::new(
            "The chart is what the reflexology tradition teaches, not anatomy: the claim check \
             shows what the evidence does and does not support.",
        )
        .weak(),
    );
}

/// Enter: check a sequence, go to the next question, or start — when nothing has focus (a
/// focused button takes Enter itself).
pub fn enter_pressed(ui: &Ui) -> bool {
    let ctx = ui.ctx();
    ctx.memory(|m| m.focused().is_none())
        && !ctx.egui_wants_keyboard_input()
        && ui.input(|i| i.key_pressed(Key::Enter))
}
