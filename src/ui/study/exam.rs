//! Exam mode on screen: its setup in the left panel, the header with the countdown and Hand in,
//! and the results sheet (by quiz kind and body system, the missed questions, a review round).

use egui::{RichText, Ui};

use crate::study::exam::{EXAM_MINUTES, EXAM_SIZES, Ended, Exam, Tally};
use crate::study::text::short_title;
use crate::study::{Sources, StudyCommand, StudySession};

fn minutes_label(m: Option<u32>) -> String {
    m.map_or_else(|| "No time limit".to_owned(), |m| format!("{m} minutes"))
}

/// The exam's part of the setup panel.
pub fn exam_setup_ui(ui: &mut Ui, session: &StudySession) -> Vec<StudyCommand> {
    let mut out = Vec::new();
    let mut setup = session.exam_setup();
    crate::ui::heading(ui, "Exam");
    ui.label(
        RichText::new(
            "Mixed questions from every quiz but labelling, no feedback until the end, and your review \
             schedule is left alone.",
        )
        .weak(),
    );
    egui::Grid::new("exam_setup").num_columns(2).show(ui, |ui| {
        let l = ui.label("Questions");
        let r = egui::ComboBox::from_id_salt("exam_count")
            .selected_text(setup.count.to_string())
            .show_ui(ui, |ui| {
                for n in EXAM_SIZES {
                    ui.selectable_value(&mut setup.count, n, n.to_string());
                }
            })
            .response
            .labelled_by(l.id);
        crate::ui::name_value(ui, &r, "Exam questions", setup.count.to_string());
        ui.end_row();
        let l = ui.label("Time limit");
        let r = egui::ComboBox::from_id_salt("exam_minutes")
            .selected_text(minutes_label(setup.minutes))
            .show_ui(ui, |ui| {
                for m in EXAM_MINUTES {
                    ui.selectable_value(&mut setup.minutes, m, minutes_label(m));
                }
            })
            .response
            .labelled_by(l.id);
        crate::ui::name_value(ui, &r, "Exam time limit", minutes_label(setup.minutes));
        ui.end_row();
    });
    setup.filters = session.setup().filters;
    setup.seed = session.setup().seed;
    if setup != session.exam_setup() {
        out.push(StudyCommand::SetExamSetup(setup));
    }
    let running = session.exam().is_some_and(|e| e.ended.is_none());
    if running {
        if ui.button("Hand in").clicked() {
            out.push(StudyCommand::HandIn);
        }
    } else {
        let start = ui.button(RichText::new("Start exam").strong());
        if start.clicked() {
            // Why: as Start quiz, so the next Enter goes to the question, not a restart.
            start.surrender_focus();
            out.push(StudyCommand::StartExam);
        }
    }
    out
}

/// `m:ss`.
fn clock_text(seconds: f64) -> String {
    let s = seconds.ceil() as u64;
    format!("{}:{:02}", s / 60, s % 60)
}

/// The header over an exam question: where the student is, the time left, Hand in.
pub fn exam_header_ui(ui: &mut Ui, exam: &Exam, now: f64) -> Vec<StudyCommand> {
    let mut out = Vec::new();
    let quiz = &exam.quiz;
    let n = quiz.questions.len();
    ui.horizontal(|ui| {
        let title = if exam.practice {
            "Review round"
        } else {
            "Exam"
        };
        ui.label(
            RichText::new(format!("{title} · question {} of {n}", quiz.position + 1)).strong(),
        );
        ui.separator();
        ui.label(format!("{} answered", quiz.outcomes.len()));
        if let Some(left) = exam.remaining(now) {
            ui.separator();
            let text = RichText::new(format!("{} left", clock_text(left))).strong();
            let text = if left < 60.0 {
                text.color(ui.visuals().warn_fg_color)
            } else {
                text
            };
            ui.label(text);
            if left <= 0.0 {
                out.push(StudyCommand::ExamTick);
            } else {
                // Why a frame a second: the countdown is on screen; nothing else needs one.
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_secs_f64(
                        left.fract().max(0.05),
                    ));
            }
        }
        ui.separator();
        if ui.button("Hand in").clicked() {
            out.push(StudyCommand::HandIn);
        }
    });
    let r =
        ui.add(egui::ProgressBar::new(quiz.position as f32 / n.max(1) as f32).desired_height(6.0));
    crate::ui::name_value(
        ui,
        &r,
        "Exam progress",
        format!("question {} of {n}", quiz.position + 1),
    );
    ui.add_space(4.0);
    out
}

fn tally_row(ui: &mut Ui, label: &str, t: Tally) {
    ui.label(label);
    let pct = if t.asked == 0 {
        0.0
    } else {
        t.right as f32 / t.asked as f32
    };
    ui.add(
        egui::ProgressBar::new(pct)
            .desired_width(180.0)
            .text(format!("{} of {} right", t.right, t.asked)),
    );
    ui.end_row();
}

/// The results sheet after an exam (or a review round).
pub fn exam_results_ui(ui: &mut Ui, exam: &Exam, src: Sources) -> Vec<StudyCommand> {
    let mut out = Vec::new();
    let score = exam.score();
    let pct = if score.asked == 0 {
        0.0
    } else {
        100.0 * score.right as f32 / score.asked as f32
    };
    let title = if exam.practice {
        "Review round"
    } else {
        "Exam results"
    };
    crate::ui::heading(
        ui,
        format!(
            "{title}: {} of {} right ({pct:.0} %)",
            score.right, score.asked
        ),
    );
    let why = match exam.ended {
        Some(Ended::TimeUp) => "The time ran out; questions not answered count as missed.",
        Some(Ended::HandedIn) => "Handed in early; questions not answered count as missed.",
        _ => "Every question answered.",
    };
    let r = ui.label(why);
    crate::ui::live(ui, &r);
    ui.label(
        RichText::new("Your review schedule was not changed: an exam is practice for the day.")
            .weak(),
    );
    ui.add_space(6.0);
    ui.columns(2, |cols| {
        crate::ui::heading(&mut cols[0], "By quiz");
        egui::Grid::new("exam_by_kind")
            .num_columns(2)
            .show(&mut cols[0], |ui| {
                for (kind, t) in exam.by_kind() {
                    tally_row(ui, kind.label(), t);
                }
            });
        let systems = exam.by_system();
        if !systems.is_empty() {
            crate::ui::heading(&mut cols[1], "Chart questions by body system");
            egui::Grid::new("exam_by_system")
                .num_columns(2)
                .show(&mut cols[1], |ui| {
                    for (system, t) in systems {
                        tally_row(ui, system.label(), t);
                    }
                });
        }
    });
    ui.add_space(6.0);
    let missed = exam.missed();
    ui.horizontal(|ui| {
        if !missed.is_empty()
            && ui
                .button(RichText::new("Review the missed ones").strong())
                .clicked()
        {
            out.push(StudyCommand::ReviewExam);
        }
        if ui.button("Back to study").clicked() {
            out.push(StudyCommand::CloseExam);
        }
    });
    if !missed.is_empty() {
        ui.add_space(6.0);
        crate::ui::heading(ui, format!("Missed ({})", missed.len()));
        for i in missed {
            let q = &exam.quiz.questions[i].question;
            let note = if exam.answered(i) {
                ""
            } else {
                " (not answered)"
            };
            ui.label(format!("{}. {}{note}", i + 1, short_title(q, src)));
        }
    }
    out
}
