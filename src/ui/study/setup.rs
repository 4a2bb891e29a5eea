//! Study mode's left panel: choose a quiz (kind, filters, count, seed), progress per kind,
//! body system and view, and the score history.

use egui::{RichText, Ui};

use super::super::theme;
use egui_plot::{Legend, Line, Plot, PlotPoints, Points};

use crate::model::{BodySystem, Foot, ViewKind};
use crate::study::{Difficulty, Progress, QuizKind, StudyCommand, StudySession, Summary};

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
        // The name and the value chosen, both spoken (the button's text alone is not).
        crate::ui::name_value(ui, &r.response, label, value.map_or("Any", &name));
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
    session: &StudySession,
    picks: &mut Vec<crate::ui::Command>,
) -> Vec<StudyCommand> {
    let mut out = Vec::new();
    let (counts, summary, progress) = (session.counts(), session.summary(), session.progress());
    // Why a copy: the widgets edit it here and the session takes it as one command.
    let mut setup = session.setup();
    crate::ui::heading(ui, "Study");
    ui.label(RichText::new("Quiz").strong());
    for kind in QuizKind::ALL {
        let n = summary
            .kinds
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(0, |(_, m)| m.total);
        let selected = setup.kind == kind;
        let r = ui.selectable_label(selected, format!("{}   ({n} items)", kind.label()));
        if r.clicked() {
            setup.kind = kind;
        }
    }
    ui.label(RichText::new(setup.kind.describe()).weak());
    ui.add_space(6.0);

    let chart_filters = setup.kind.uses_chart_filters();
    // The chart's own views (its items name them): the hands have no side views.
    let views: Vec<ViewKind> = summary.views.iter().map(|(v, _)| *v).collect();
    egui::Grid::new("study_filters")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            let f = &mut setup.filters;
            any_combo(
                ui,
                "View",
                &mut f.view,
                &views,
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
            let r = ui.add(egui::Slider::new(&mut setup.count, 3..=30));
            ui.ctx()
                .accesskit_node_builder(r.id, |n| n.set_label("Questions"));
            ui.end_row();
            ui.label("Seed");
            ui.horizontal(|ui| {
                let r = ui.add(egui::DragValue::new(&mut setup.seed).range(0..=999_999));
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
        // Why apart from the exam: an exam under way is handed in, not restarted as a quiz.
        let in_exam = session.exam().is_some_and(|e| e.ended.is_none());
        let running = session.exam().is_none()
            && (session.quiz().is_some_and(|q| !q.finished())
                || session.board().is_some_and(|b| !b.finished()));
        let start = ui.add_enabled(
            counts.matching > 0 && !in_exam,
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
            // Why let go of the keyboard: Enter on a focused button presses it again, and the
            // next Enter is meant for the question (check, then next), not a restart.
            start.surrender_focus();
            out.push(StudyCommand::Start);
        }
        if running && ui.button("End quiz").clicked() {
            out.push(StudyCommand::Stop);
        }
    });
    picks.extend(print_ui(ui, session));
    schedule_ui(ui, progress, &mut out);
    ui.separator();
    out.extend(super::exam::exam_setup_ui(ui, session));
    ui.separator();
    progress_ui(ui, summary);
    ui.add_space(4.0);
    super::calendar::calendar_ui(ui, session.reviews(), session.today());
    ui.separator();
    history_ui(ui, progress, 170.0);
    if setup != session.setup() {
        // Why first: a Start clicked in the same frame builds the quiz from the new setup.
        out.insert(0, StudyCommand::SetSetup(setup));
    }
    out
}

/// Print the quiz the setup describes, or the worksheet of its view and foot, and what the
/// last print wrote.
fn print_ui(ui: &mut Ui, session: &StudySession) -> Vec<crate::ui::Command> {
    use crate::study::print::{PRINT_KINDS, StudyPrint};
    use crate::ui::Command;
    use crate::ui::file_dialog::FilePurpose;
    let mut out = Vec::new();
    ui.horizontal(|ui| {
        let printable = PRINT_KINDS.contains(&session.setup().kind);
        let quiz = ui
            .add_enabled(printable, egui::Button::new("Print quiz…"))
            .on_hover_text("This quiz's questions as a PDF, with the answers on the last page")
            .on_disabled_hover_text("A labelling board prints as the worksheet");
        if quiz.clicked() {
            out.push(Command::PickFile(FilePurpose::StudyPrint(StudyPrint::Quiz)));
        }
        let sheet = ui
            .button("Print worksheet…")
            .on_hover_text("The chart of the chosen view and foot to label, with an answer key");
        if sheet.clicked() {
            out.push(Command::PickFile(FilePurpose::StudyPrint(
                StudyPrint::Worksheet,
            )));
        }
    });
    if let Some(notice) = session.notice() {
        ui.label(RichText::new(notice).weak().small());
    }
    out
}

/// Leitner boxes or FSRS, and FSRS's desired retention.
fn schedule_ui(ui: &mut Ui, progress: &Progress, out: &mut Vec<StudyCommand>) {
    use crate::study::fsrs::{DEFAULT_RETENTION, RETENTION_RANGE, Schedule};
    let mut schedule = progress.schedule;
    ui.horizontal(|ui| {
        let l = ui.label("Schedule");
        let text = |s: Schedule| match s {
            Schedule::Leitner => "Leitner boxes",
            Schedule::Fsrs { .. } => "FSRS",
        };
        let r = egui::ComboBox::from_id_salt("study_schedule")
            .selected_text(text(schedule))
            .show_ui(ui, |ui| {
                let fsrs = match schedule {
                    Schedule::Fsrs { .. } => schedule,
                    Schedule::Leitner => Schedule::Fsrs {
                        retention: DEFAULT_RETENTION,
                    },
                };
                ui.selectable_value(&mut schedule, Schedule::Leitner, "Leitner boxes");
                ui.selectable_value(&mut schedule, fsrs, "FSRS");
            })
            .response
            .labelled_by(l.id)
            .on_hover_text(
                "Leitner: fixed steps of 0, 1, 3, 7 and 14 days. FSRS: each item's own \
                 interval from how well you know it, aiming at the retention you choose. Both \
                 learn from every answer, so you can switch at any time.",
            );
        crate::ui::name_value(ui, &r, "Schedule", text(schedule));
    });
    // Why wait for the end of a drag: each change is saved to the progress file.
    let mut dragging = false;
    if let Schedule::Fsrs { retention } = &mut schedule {
        ui.horizontal(|ui| {
            let l = ui.label("Desired retention");
            let mut pct = *retention * 100.0;
            let r = ui
                .add(
                    egui::Slider::new(
                        &mut pct,
                        RETENTION_RANGE.start() * 100.0..=RETENTION_RANGE.end() * 100.0,
                    )
                    .step_by(1.0)
                    .suffix(" %"),
                )
                .labelled_by(l.id)
                .on_hover_text(
                    "The chance of still knowing an item when it comes back. Higher means \
                     more reviews, each one easier.",
                );
            dragging = r.dragged() && !r.drag_stopped();
            *retention = (pct / 100.0).clamp(*RETENTION_RANGE.start(), *RETENTION_RANGE.end());
        });
    }
    if schedule != progress.schedule && !dragging {
        out.push(StudyCommand::SetSchedule(schedule));
    }
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
            let color = theme::quiz_kind_color(kind);
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
