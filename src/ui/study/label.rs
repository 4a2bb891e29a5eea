//! Label the chart: the blank drawing with numbered areas in the middle, and beside it the
//! names to drag (or pick, then place) or a numbered list to type them into, with reveal one
//! and reveal all. The board itself is the session's [`LabelBoard`].

use egui::{Key, RichText, Ui};

use super::StudyView;
use crate::study::label::{End, LabelBoard};
use crate::study::{StudyChart, StudyCommand};
use crate::ui::map_view::{BoardMark, BoardMarks, LabelChip, Numbers, Overlays, QuizMap};
use crate::ui::{Command, theme};

/// Labelling's widget state.
#[derive(Debug, Default)]
pub struct LabelView {
    /// Type the names instead of dragging them.
    pub typing: bool,
    /// The name picked (by click or keyboard) to put on the next area chosen.
    pub picked: Option<usize>,
    /// The text typed for each target.
    pub texts: Vec<String>,
    /// A row whose text field should take the keyboard next frame.
    focus: Option<usize>,
    /// The board this state belongs to (its item keys).
    of: Vec<String>,
}

impl LabelView {
    fn follow(&mut self, board: &LabelBoard) {
        if self.of.len() == board.targets.len()
            && self.of.iter().zip(&board.targets).all(|(a, t)| *a == t.key)
        {
            return;
        }
        let typing = self.typing;
        *self = Self {
            typing,
            texts: vec![String::new(); board.targets.len()],
            of: board.targets.iter().map(|t| t.key.clone()).collect(),
            focus: typing.then_some(0),
            ..Self::default()
        };
    }
}

/// The labelling board: a header, the list beside the map, the map.
pub fn board_ui(
    ui: &mut Ui,
    view: &mut StudyView,
    board: &LabelBoard,
    chart: StudyChart,
    overlays: Overlays,
    commands: &mut Vec<Command>,
) -> Vec<StudyCommand> {
    let mut out = Vec::new();
    view.label.follow(board);
    let names = |i: usize| chart.chart.zone_at(board.targets[i].zone).name.as_str();
    let settled = board.targets.iter().filter(|t| t.end.is_some()).count();
    crate::ui::heading(
        ui,
        format!(
            "Label the chart — {} view, {} foot",
            board.view.label().to_lowercase(),
            board.foot.label().to_lowercase()
        ),
    );
    ui.label(
        RichText::new(format!(
            "{settled} of {} areas labelled · {} right at the first try",
            board.targets.len(),
            board.right()
        ))
        .weak(),
    );
    ui.add_space(4.0);
    let geo = chart.geometry.get(board.view, board.feet());
    egui::Panel::right("study_answer")
        .resizable(false)
        .exact_size(360.0)
        .show(ui, |ui| {
            crate::ui::regions::landing(ui, "Answer");
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    // Where each numbered area is, in words, for a screen reader (which
                    // cannot see the numbers on the drawing); never its name.
                    let whereabouts = |i: usize| {
                        let words = crate::study::text::describe_area(
                            geo,
                            board.targets[i].zone,
                            board.foot,
                        )?;
                        // Why: nothing is highlighted on a board; the area is numbered.
                        let words = words.strip_prefix("Highlighted: ").unwrap_or(&words);
                        let mut chars = words.chars();
                        chars
                            .next()
                            .map(|c| c.to_uppercase().chain(chars).collect::<String>())
                    };
                    out.extend(list_ui(ui, &mut view.label, board, &names, &whereabouts));
                });
        });
    let marks = BoardMarks {
        foot: board.foot,
        marks: board
            .targets
            .iter()
            .enumerate()
            .map(|(i, t)| BoardMark {
                zone: t.zone,
                number: i + 1,
                named: t.end.map(|_| t.first == Some(true)),
            })
            .collect(),
    };
    let quiz_map = QuizMap {
        clickable: !board.finished(),
        numbers: Some(Numbers::Board(&marks)),
        ..QuizMap::default()
    };
    // Why no guide lines: their names in the margin are names, and a blank chart has none.
    let overlays = Overlays {
        guides: false,
        ..overlays
    };
    let c = super::question_map_ui(ui, &mut view.camera, chart, geo, overlays, &quiz_map);
    for c in c {
        match c {
            // A click places the picked name, or (typing) goes to that area's row.
            Command::Study(StudyCommand::Click(at)) => {
                if let Some(name_of) = view.label.picked.take() {
                    commands.push(Command::Study(StudyCommand::DropLabel { at, name_of }));
                } else if let Some(i) = board.target_at(geo, at) {
                    view.label.typing = true;
                    view.label.focus = Some(i);
                }
            }
            c @ Command::Study(StudyCommand::DropLabel { .. }) => {
                view.label.picked = None;
                commands.push(c);
            }
            Command::ResetView => view.camera = crate::ui::map_view::MapCamera::default(),
            _ => {}
        }
    }
    out
}

/// Beside the map: the mode, the names to drag or the fields to type in, the numbered list,
/// reveal, and at the end the score and a new board.
fn list_ui<'a>(
    ui: &mut Ui,
    state: &mut LabelView,
    board: &LabelBoard,
    name: &dyn Fn(usize) -> &'a str,
    whereabouts: &dyn Fn(usize) -> Option<String>,
) -> Vec<StudyCommand> {
    let mut out = Vec::new();
    let dark = ui.visuals().dark_mode;
    let (right, wrong) = theme::feedback_colors(dark);
    if board.finished() {
        crate::ui::heading(ui, "Board done");
        ui.label(format!(
            "{} of {} named right at the first try. Revealed names and misses come back sooner.",
            board.right(),
            board.targets.len()
        ));
        ui.add_space(4.0);
        if ui.button("New board").clicked() {
            out.push(StudyCommand::NewSeed);
            out.push(StudyCommand::Start);
        }
        ui.add_space(6.0);
    } else {
        ui.horizontal(|ui| {
            if ui.selectable_label(!state.typing, "Drag names").clicked() {
                state.typing = false;
            }
            if ui.selectable_label(state.typing, "Type names").clicked() {
                state.typing = true;
                state.picked = None;
                state.focus = board.targets.iter().position(|t| t.end.is_none());
            }
        });
        ui.add_space(4.0);
        if state.typing {
            ui.label(
                RichText::new(
                    "Type the name of each numbered area and press Enter. Close spellings and \
                     other names count; a click on an area goes to its row.",
                )
                .weak(),
            );
        } else {
            ui.label(
                RichText::new(
                    "Drag each name onto its numbered area — or click a name, then its area \
                     on the chart or Put here in the list below.",
                )
                .weak(),
            );
            ui.add_space(4.0);
            ui.horizontal_wrapped(|ui| {
                for i in board.open_chips() {
                    // Why one widget that clicks and drags (not dnd_drag_source round a button):
                    // a drag source laid over the button took the button's clicks.
                    let r = ui.add(
                        egui::Button::selectable(state.picked == Some(i), name(i))
                            .sense(egui::Sense::click_and_drag()),
                    );
                    if r.clicked() {
                        state.picked = if state.picked == Some(i) {
                            None
                        } else {
                            Some(i)
                        };
                    }
                    if r.dragged() {
                        r.dnd_set_drag_payload(LabelChip(i));
                        state.picked = None;
                        drag_ghost(ui, name(i));
                    }
                }
            });
        }
        ui.add_space(6.0);
    }
    for (i, t) in board.targets.iter().enumerate() {
        let row = ui.horizontal(|ui| {
            ui.label(RichText::new(format!("{:>2}.", i + 1)).monospace().strong());
            match t.end {
                Some(End::Labelled) => {
                    let color = if t.first == Some(true) {
                        right
                    } else {
                        theme::revealed_color(dark)
                    };
                    let note = if t.first == Some(true) {
                        ""
                    } else {
                        "  (after a miss)"
                    };
                    ui.label(RichText::new(format!("✔ {}{note}", name(i))).color(color));
                }
                Some(End::Revealed) => {
                    ui.label(
                        RichText::new(format!("Revealed: {}", name(i)))
                            .color(theme::revealed_color(dark)),
                    );
                }
                None if state.typing => {
                    let text = &mut state.texts[i];
                    let r = ui.add(
                        egui::TextEdit::singleline(text)
                            .hint_text(format!("Area {}", i + 1))
                            .desired_width(200.0),
                    );
                    ui.ctx().accesskit_node_builder(r.id, |n| {
                        n.set_label(format!("Name of area {}", i + 1));
                        if let Some(w) = whereabouts(i) {
                            n.set_description(w);
                        }
                    });
                    if state.focus == Some(i) {
                        r.request_focus();
                        state.focus = None;
                    }
                    if r.lost_focus() && ui.input(|inp| inp.key_pressed(Key::Enter)) {
                        out.push(StudyCommand::TypeLabel {
                            on: i,
                            text: text.clone(),
                        });
                        // Next: the following open row, or this one again after a miss.
                        state.focus = Some(i);
                    }
                }
                None => {
                    let put = ui.add_enabled(state.picked.is_some(), egui::Button::new("Put here"));
                    ui.ctx().accesskit_node_builder(put.id, |n| {
                        n.set_label(format!("Put the picked name on area {}", i + 1));
                        if let Some(w) = whereabouts(i) {
                            n.set_description(w);
                        }
                    });
                    if put.clicked()
                        && let Some(name_of) = state.picked.take()
                    {
                        out.push(StudyCommand::Place { on: i, name_of });
                    }
                }
            }
        });
        if t.end.is_none() {
            if let Some(chip) = row.response.dnd_release_payload::<LabelChip>() {
                out.push(StudyCommand::Place {
                    on: i,
                    name_of: chip.0,
                });
            }
            if let Some(w) = &t.wrong {
                ui.label(
                    RichText::new(format!("      not “{w}”"))
                        .color(wrong)
                        .small(),
                );
            }
        }
    }
    // After a right answer the focused row is settled: move on to the next open one.
    if let Some(i) = state.focus
        && board.targets.get(i).is_some_and(|t| t.end.is_some())
    {
        state.focus = (i..board.targets.len())
            .chain(0..i)
            .find(|j| board.targets[*j].end.is_none());
        ui.ctx().request_repaint();
    }
    if !board.finished() {
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Reveal one").clicked() {
                out.push(StudyCommand::RevealOne);
            }
            if ui.button("Reveal all").clicked() {
                out.push(StudyCommand::RevealAll);
            }
        });
        ui.label(
            RichText::new("A revealed name counts as a miss.")
                .weak()
                .small(),
        );
    }
    out
}

/// The name being dragged, drawn at the pointer above everything.
fn drag_ghost(ui: &Ui, name: &str) {
    let Some(at) = ui.ctx().pointer_interact_pos() else {
        return;
    };
    let painter = ui.ctx().layer_painter(egui::LayerId::new(
        egui::Order::Tooltip,
        egui::Id::unique("label_drag_ghost"),
    ));
    let visuals = ui.visuals();
    let galley = painter.layout_no_wrap(
        name.to_owned(),
        egui::FontId::proportional(13.0),
        visuals.strong_text_color(),
    );
    let r = egui::Align2::LEFT_BOTTOM
        .anchor_size(at + egui::vec2(10.0, -6.0), galley.size())
        .expand2(egui::vec2(6.0, 3.0));
    painter.rect_filled(r, 4.0, visuals.widgets.active.weak_bg_fill);
    painter.rect_stroke(
        r,
        4.0,
        visuals.widgets.active.bg_stroke,
        egui::StrokeKind::Outside,
    );
    painter.galley(
        r.min + egui::vec2(6.0, 3.0),
        galley,
        visuals.strong_text_color(),
    );
}
