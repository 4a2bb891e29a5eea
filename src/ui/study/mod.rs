//! Study mode: the quiz setup and progress on the left; the question, the map (for locate and
//! name) and the feedback in the middle; the results at the end. [`StudyView`] holds only
//! widget state; the quiz itself is the app's [`StudySession`].

mod calendar;
mod exam;
mod feedback;
mod label;
mod question;
mod setup;
mod trouble;

pub use setup::history_ui;

use egui::{Key, RichText, Ui};

use super::map_view::{
    BoardMark, BoardMarks, MapCamera, MapInput, Numbers, Overlays, QuizMap, map_ui,
};
use super::{Command, theme};
use crate::geometry::Transform;
use crate::study::quiz::{SMALL_TARGET_PX, click_target_px, locate_choices};
use crate::study::text::map_question;
use crate::study::{Question, QuizKind, Response, StudyChart, StudyCommand, StudySession};

/// Study mode's widget state.
#[derive(Debug, Default)]
pub struct StudyView {
    /// The student's current order in a sequence question (template step indices).
    pub order: Vec<usize>,
    /// The row a keyboard move applies to in a sequence question.
    pub order_focus: Option<usize>,
    /// Zoom and pan of the question map.
    pub camera: MapCamera,
    /// The session's question serial this state belongs to.
    shown: Option<u64>,
    /// Labelling's own state (typed text, the picked name).
    pub label: label::LabelView,
}

impl StudyView {
    /// The question map's chart → screen transform last frame (for tests and hints).
    pub fn transform(&self) -> Option<Transform> {
        self.camera.drawn
    }

    /// A new question came up: reset the working order and the map.
    fn follow(&mut self, session: &StudySession) {
        if self.shown == Some(session.question_serial()) {
            return;
        }
        self.shown = Some(session.question_serial());
        self.order = match session.quiz().and_then(|q| q.current()) {
            Some(a) => match &a.question {
                Question::Sequence { shown, .. } => shown.clone(),
                _ => Vec::new(),
            },
            None => Vec::new(),
        };
        self.order_focus = None;
        self.camera = MapCamera::default();
    }

    /// The whole mode: the setup panel, the legend, and the middle.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        session: &StudySession,
        chart: StudyChart,
        overlays: Overlays,
        error: Option<&str>,
    ) -> Vec<Command> {
        self.follow(session);
        let mut out = Vec::new();
        let mut picks = Vec::new();
        egui::Panel::left("study_setup")
            .resizable(true)
            .default_size(340.0)
            .min_size(300.0)
            .show(ui, |ui| {
                crate::ui::regions::landing(ui, "Study setup");
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        out.extend(setup::setup_ui(ui, session, &mut picks));
                        out.extend(trouble::trouble_spots_ui(
                            ui,
                            session,
                            session.sources(chart),
                        ));
                    });
            });
        // Why only for the question map, and its own view: the body systems on screen, not
        // the ones of the view Explore last showed.
        let question_map = session
            .quiz()
            .filter(|q| !q.finished())
            .and_then(|q| q.current())
            .and_then(|a| map_question(&a.question));
        if let Some((view, foot, _)) = question_map {
            let geo = chart
                .geometry
                .get(view, crate::study::quiz::shown_feet(view, foot));
            super::legend_panel(ui, chart.chart, geo, None);
        }
        let mut commands = picks;
        egui::CentralPanel::default().show(ui, |ui| {
            commands.extend(super::error_banner(ui, error));
            out.extend(self.central_ui(ui, session, chart, overlays, &mut commands));
        });
        commands.extend(out.into_iter().map(Command::Study));
        commands
    }

    /// The middle of Study mode: a warning, then the welcome, a question or the results.
    fn central_ui(
        &mut self,
        ui: &mut Ui,
        session: &StudySession,
        chart: StudyChart,
        overlays: Overlays,
        commands: &mut Vec<Command>,
    ) -> Vec<StudyCommand> {
        let mut out = Vec::new();
        if let Some(w) = session.warning() {
            let dark = ui.visuals().dark_mode;
            egui::Frame::new()
                .fill(theme::caution_fill(dark))
                .corner_radius(6)
                .inner_margin(8)
                .show(ui, |ui| {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(format!("⚠ {w}"));
                        if ui.button("Dismiss").clicked() {
                            out.push(StudyCommand::DismissWarning);
                        }
                    });
                });
            ui.add_space(4.0);
        }
        if let Some(board) = session.board() {
            return label::board_ui(ui, self, board, chart, overlays, commands);
        }
        let src = session.sources(chart);
        let enter = enter_pressed(ui);
        let Some(quiz) = session.quiz() else {
            welcome_ui(ui);
            if enter {
                out.push(StudyCommand::Start);
            }
            return out;
        };
        if let Some(exam) = session.exam().filter(|e| e.ended.is_some()) {
            egui::ScrollArea::vertical().show(ui, |ui| {
                ui.set_max_width(900.0);
                out.extend(exam::exam_results_ui(ui, exam, src));
            });
            return out;
        }
        if quiz.finished() {
            egui::ScrollArea::vertical().show(ui, |ui| {
                out.extend(feedback::summary_ui(ui, quiz, src, session.progress()));
            });
            if enter {
                out.push(StudyCommand::NewSeed);
                out.push(StudyCommand::Start);
            }
            return out;
        }
        let Some(asked) = quiz.current() else {
            return out;
        };
        let question = &asked.question;
        let answered = quiz.current_outcome().is_some();
        match session.exam() {
            Some(exam) => out.extend(exam::exam_header_ui(ui, exam, session.now())),
            None => question::header_ui(ui, quiz, session.progress()),
        }
        question::prompt_ui(ui, question, src);
        ui.add_space(6.0);
        // A question on the chart: the drawing, what is marked on it, and the line that comes
        // before the choices (a hint, or the marked place in words for a screen reader, which
        // cannot see it; the words never name it).
        let four: Option<BoardMarks>;
        let on_chart = if let Some((view, foot, zone)) = map_question(question) {
            let geo = chart
                .geometry
                .get(view, crate::study::quiz::shown_feet(view, foot));
            let response = quiz.current_outcome().map(|o| &o.response);
            let click = match response {
                Some(Response::Click(p)) => Some(*p),
                _ => None,
            };
            let is_locate = matches!(question, Question::Locate { .. });
            // Why from last frame's zoom: the map is drawn after this column is laid out.
            let small = self
                .camera
                .drawn
                .is_some_and(|t| click_target_px(geo, zone, foot, t.scale) < SMALL_TARGET_PX);
            let choose = is_locate
                && (matches!(response, Some(Response::Choice(_))) || (!answered && small));
            four = choose.then(|| BoardMarks {
                foot,
                marks: locate_choices(zone, view, foot, src)
                    .into_iter()
                    .enumerate()
                    .map(|(i, zone)| BoardMark {
                        zone,
                        number: i + 1,
                        named: None,
                    })
                    .collect(),
            });
            let lead = if choose && !answered {
                Some(RichText::new(
                    "This area is drawn smaller than 24 px at this zoom, too small to click \
                     reliably: pick its number from the four marked on the chart (keys 1–4), \
                     or zoom in and click it.",
                ))
            } else if is_locate {
                (!answered).then(|| {
                    RichText::new(
                        "Click the area on the chart. Keyboard: Tab moves between areas (named \
                         by position only), Enter picks one.",
                    )
                })
            } else {
                crate::study::text::describe_area(geo, zone, foot).map(|w| RichText::new(w).weak())
            };
            let quiz_map = QuizMap {
                highlight: (answered || !is_locate).then_some((zone, foot)),
                click,
                clickable: is_locate && !answered,
                guide: None,
                numbers: four.as_ref().map(Numbers::Choices),
            };
            let click_zone = click.and_then(|p| geo.hit_test(p).map(|z| (z, geo.foot_at(p))));
            Some((geo, lead, quiz_map, click_zone))
        } else if let Question::Guide { guide, view, .. } = question {
            four = None;
            let words = crate::study::text::describe_guide(chart.chart, *guide, *view);
            let quiz_map = QuizMap {
                highlight: None,
                click: None,
                clickable: false,
                guide: Some(*guide),
                numbers: None,
            };
            let geo = chart.geometry.get(*view, crate::model::FootSel::Both);
            Some((geo, Some(RichText::new(words).weak()), quiz_map, None))
        } else {
            four = None;
            None
        };
        if let Some((geo, lead, quiz_map, click_zone)) = on_chart {
            // Why a side column: the map keeps its size and place while the student answers and
            // reads the feedback, so the click mark stays where the click was.
            egui::Panel::right("study_answer")
                .resizable(false)
                .exact_size(360.0)
                .show(ui, |ui| {
                    crate::ui::regions::landing(ui, "Answer");
                    egui::ScrollArea::vertical()
                        .auto_shrink([false, false])
                        .show(ui, |ui| {
                            if let Some(lead) = lead {
                                ui.label(lead);
                                ui.add_space(4.0);
                            }
                            out.extend(question::name_choices_ui(ui, quiz, src));
                            if let Some(four) = &four {
                                out.extend(question::locate_choices_ui(ui, quiz, four));
                            }
                            if answered {
                                ui.add_space(6.0);
                                out.extend(feedback::feedback_ui(ui, quiz, src, click_zone));
                            }
                        });
                });
            let c = question_map_ui(ui, &mut self.camera, chart, geo, overlays, &quiz_map);
            // Why only clicks: the question map answers them and resets its own zoom; the
            // selection belongs to Explore and Plan.
            for c in c {
                match c {
                    Command::Study(StudyCommand::Click(_)) => commands.push(c),
                    Command::ResetView => self.camera = MapCamera::default(),
                    _ => {}
                }
            }
        } else {
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    ui.set_max_width(820.0);
                    out.extend(question::card_ui(ui, self, quiz, src));
                    if answered {
                        ui.add_space(8.0);
                        out.extend(feedback::feedback_ui(ui, quiz, src, None));
                    }
                });
            if enter && !answered && matches!(question, Question::Sequence { .. }) {
                out.push(StudyCommand::Answer(Response::Order(self.order.clone())));
            }
        }
        if enter && answered {
            out.push(StudyCommand::Next);
        }
        out
    }
}

/// A question's map (a quiz question or a labelling board): names off, drawn with the study
/// view's own camera.
fn question_map_ui(
    ui: &mut Ui,
    camera: &mut MapCamera,
    chart: StudyChart,
    geo: &crate::geometry::ViewGeometry,
    overlays: Overlays,
    quiz: &QuizMap,
) -> Vec<Command> {
    let overlays = Overlays {
        labels: false,
        ..overlays
    };
    map_ui(
        ui,
        camera,
        &MapInput {
            chart: chart.chart,
            geo,
            selected: None,
            overlays,
            plan: None,
            quiz: Some(quiz),
        },
    )
    .0
}

/// The welcome card before the first quiz.
pub fn welcome_ui(ui: &mut Ui) {
    crate::ui::heading(ui, "Drill the chart, the session order and safety");
    ui.add_space(4.0);
    for kind in QuizKind::ALL {
        ui.label(format!("• {}: {}", kind.label(), kind.describe()));
    }
    ui.label(
        "• Exam: a timed mix of every question quiz, marked at the end, that leaves your review schedule \
         alone.",
    );
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
