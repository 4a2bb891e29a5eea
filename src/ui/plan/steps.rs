//! Plan mode's right panel: undo, save and export, timing against the session length, and
//! the step list — one-line summaries, with the open step's editors.

use egui::{Key, KeyboardShortcut, Modifiers, RichText, Ui};

use super::super::{Command, name_control, theme};
use super::PlanView;
use crate::model::{Chart, FootSel, Library, Pressure};
use crate::plan::{
    PlanCommand, PlanStep, StepEdit, StepIssue, StepMove, TimingState, TimingStatus, step_issues,
};

impl PlanView {
    /// Right panel: the steps, timing, file and export buttons.
    pub fn steps_ui(&mut self, ui: &mut Ui, input: &super::PlanInput) -> Vec<Command> {
        let (doc, screening, chart, library) =
            (input.doc, input.screening, input.plan_chart, input.library);
        let plan = doc.plan();
        let mut out = Vec::new();
        let mut commands = Vec::new();
        ui.horizontal_wrapped(|ui| {
            let editor = doc.editor();
            if ui
                .add_enabled(editor.can_undo(), egui::Button::new("↶ Undo"))
                .on_hover_text("Ctrl+Z")
                .clicked()
            {
                out.push(PlanCommand::Undo);
            }
            if ui
                .add_enabled(editor.can_redo(), egui::Button::new("↷ Redo"))
                .on_hover_text("Ctrl+Shift+Z")
                .clicked()
            {
                out.push(PlanCommand::Redo);
            }
            ui.separator();
            if ui.button("Save").on_hover_text("Ctrl+S").clicked() {
                commands.push(Command::SavePlan);
            }
            if ui.button("Export PDF…").clicked() {
                commands.push(Command::PickFile(super::super::FilePurpose::ExportPdf));
            }
            let mut open = input.open_after_export;
            if ui.checkbox(&mut open, "Open after export").changed() {
                commands.push(Command::SetOpenAfterExport(open));
            }
        });
        // Timing against the session length.
        let timing = TimingStatus::of(plan);
        let dark = ui.visuals().dark_mode;
        let color = match timing.state {
            TimingState::Ok => ui.visuals().text_color(),
            TimingState::Over => theme::avoid_color(dark),
            TimingState::FarUnder => theme::warning_text(dark),
        };
        let fraction = timing.total / (timing.session.max(1) as f32);
        let r = ui.add(egui::ProgressBar::new(fraction.min(1.0)).desired_height(8.0));
        crate::ui::name_value(ui, &r, "Planned time", timing.message());
        ui.label(RichText::new(timing.message()).color(color).strong());
        if screening.no_heat {
            ui.label(
                RichText::new("⚠ No heat: no hot towels, heat pads, hot stones or warm soaks.")
                    .color(theme::avoid_color(dark))
                    .strong(),
            );
        }
        let issues: Vec<Vec<StepIssue>> = plan
            .steps
            .iter()
            .map(|s| step_issues(s, screening, chart, library))
            .collect();
        ui.horizontal_wrapped(|ui| {
            if let Some(cap) = screening.pressure_cap
                && plan.steps.iter().any(|s| s.pressure > cap)
                && ui
                    .button(format!("Lower all steps to {}", cap.label().to_lowercase()))
                    .clicked()
            {
                out.push(PlanCommand::LowerToCap(cap));
            }
            let adjustable = issues
                .iter()
                .filter(|i| i.iter().any(StepIssue::is_adjustable))
                .count();
            if adjustable > 0
                && ui
                    .button(format!("Apply screening adaptations ({adjustable} steps)"))
                    .on_hover_text(
                        "Swap techniques screening forbids for the zone's allowed ones and lower \
                         pressure to the cap and the zone's range (one undo step)",
                    )
                    .clicked()
            {
                out.push(PlanCommand::ApplyAdaptations);
            }
        });
        ui.separator();
        if plan.steps.is_empty() {
            ui.label("No steps yet. Choose a template, or right-click a zone on the map and pick \"Add to plan\".");
        }
        // Keyboard: Alt+Up/Down moves the open step.
        if let Some(i) = doc.open_step() {
            let up = KeyboardShortcut::new(Modifiers::ALT, Key::ArrowUp);
            let down = KeyboardShortcut::new(Modifiers::ALT, Key::ArrowDown);
            if i > 0 && ui.input_mut(|inp| inp.consume_shortcut(&up)) {
                out.push(PlanCommand::MoveStep(StepMove { from: i, to: i - 1 }));
            } else if i + 1 < plan.steps.len() && ui.input_mut(|inp| inp.consume_shortcut(&down)) {
                out.push(PlanCommand::MoveStep(StepMove { from: i, to: i + 1 }));
            }
        }
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for ((i, step), issues) in plan.steps.iter().enumerate().zip(issues) {
                    let row = StepRow {
                        index: i,
                        count: plan.steps.len(),
                        step,
                        open: doc.open_step() == Some(i),
                        issues,
                    };
                    commands.extend(row.ui(ui, chart, library, &mut out));
                    ui.add_space(4.0);
                }
            });
        commands.extend(out.into_iter().map(Command::Plan));
        commands
    }
}

/// One step in the list.
struct StepRow<'a> {
    index: usize,
    count: usize,
    step: &'a PlanStep,
    open: bool,
    issues: Vec<StepIssue>,
}

impl StepRow<'_> {
    fn ui(
        &self,
        ui: &mut Ui,
        chart: &Chart,
        library: &Library,
        out: &mut Vec<PlanCommand>,
    ) -> Vec<Command> {
        let (i, n) = (self.index, self.index + 1);
        let mut commands = Vec::new();
        let fill = if self.open {
            ui.visuals().selection.bg_fill.gamma_multiply(0.35)
        } else {
            ui.visuals().faint_bg_color
        };
        let dark = ui.visuals().dark_mode;
        let mut toggle = false;
        // Why: move and remove buttons on every row are 36 buttons of noise in a 12-step plan.
        // They show on the open step and on the row under the pointer; from the keyboard, open
        // a step (Tab, Enter) to reach them, or move it with Alt+↑/↓.
        let row = ui.scope_builder(egui::UiBuilder::new().id_salt(("step_row", i)), |ui| {
            // The row's area last frame, as egui remembers it.
            let controls = self.open || ui.response().contains_pointer();
            egui::Frame::new()
                .fill(fill)
                .corner_radius(6)
                .inner_margin(6)
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal(|ui| {
                        // The row keeps its height whether its buttons show or not.
                        ui.set_min_height(ui.spacing().interact_size.y);
                        let handle =
                            ui.dnd_drag_source(ui.make_persistent_id(("step_drag", i)), i, |ui| {
                                ui.label(RichText::new("☰").size(15.0));
                            });
                        handle
                            .response
                            .on_hover_text("Drag to reorder (or Alt+↑/↓)");
                        let title = self.step.display_name(chart);
                        toggle |= ui
                            .selectable_label(
                                self.open,
                                RichText::new(format!("{n}. {title}")).strong(),
                            )
                            .on_hover_text(if self.open {
                                "Click to close this step"
                            } else {
                                "Click to edit this step"
                            })
                            .clicked();
                        if controls {
                            self.row_buttons_ui(ui, out);
                        }
                    });
                    // Why: only the open step carries its editors. A list of one-line
                    // summaries shows the whole sequence at a glance (and lays out a fraction
                    // of the widgets each frame).
                    if self.open {
                        self.editors_ui(ui, library, out);
                    } else {
                        let r = ui.add(
                            egui::Label::new(
                                RichText::new(self.step.summary_on(library, chart.limb)).weak(),
                            )
                            .truncate()
                            .sense(egui::Sense::click()),
                        );
                        toggle |= r.on_hover_text("Click to edit this step").clicked();
                    }
                    for issue in &self.issues {
                        let color = match issue {
                            StepIssue::UnknownZone(_) | StepIssue::UnknownTechnique(_) => {
                                theme::warning_text(dark)
                            }
                            _ => theme::avoid_color(dark),
                        };
                        ui.label(RichText::new(format!("⚠ {}", issue.message())).color(color));
                    }
                })
        });
        if toggle {
            // A click on the open step closes it; opening one shows its zone on the map.
            out.push(PlanCommand::OpenStep((!self.open).then_some(i)));
            if !self.open
                && let Some(z) = self.step.zone.as_deref().and_then(|z| chart.zone_index(z))
            {
                commands.push(Command::RevealZone(z));
            }
        }
        if let Some(from) = row.inner.response.dnd_release_payload::<usize>()
            && *from != i
        {
            out.push(PlanCommand::MoveStep(StepMove { from: *from, to: i }));
        }
        commands
    }

    fn row_buttons_ui(&self, ui: &mut Ui, out: &mut Vec<PlanCommand>) {
        let (i, n) = (self.index, self.index + 1);
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let r = ui.small_button("✕").on_hover_text("Remove step");
            name_control(ui, &r, format!("Remove step {n}"));
            if r.clicked() {
                out.push(PlanCommand::RemoveStep(i));
            }
            let r = ui
                .add_enabled(n < self.count, egui::Button::new("↓").small())
                .on_hover_text("Move down (Alt+↓)");
            name_control(ui, &r, format!("Move step {n} down"));
            if r.clicked() {
                out.push(PlanCommand::MoveStep(StepMove { from: i, to: i + 1 }));
            }
            let r = ui
                .add_enabled(i > 0, egui::Button::new("↑").small())
                .on_hover_text("Move up (Alt+↑)");
            name_control(ui, &r, format!("Move step {n} up"));
            if r.clicked() {
                out.push(PlanCommand::MoveStep(StepMove { from: i, to: i - 1 }));
            }
        });
    }

    /// Foot, technique, pressure, minutes and note of the open step. Each widget edits a copy
    /// of its field and sends the change; the document coalesces typing into one undo step.
    fn editors_ui(&self, ui: &mut Ui, library: &Library, out: &mut Vec<PlanCommand>) {
        let (i, n) = (self.index, self.index + 1);
        let step = self.step;
        let mut edit = |e: StepEdit| out.push(PlanCommand::SetStep(i, e));
        let mut ended = false;
        ui.horizontal_wrapped(|ui| {
            let mut foot = step.foot;
            let r = egui::ComboBox::from_id_salt(("foot", i))
                .selected_text(step.foot.label())
                .width(90.0)
                .show_ui(ui, |ui| {
                    for f in [FootSel::Both, FootSel::Left, FootSel::Right] {
                        ui.selectable_value(&mut foot, f, f.label());
                    }
                });
            name_control(ui, &r.response, format!("Step {n} foot"));
            if foot != step.foot {
                edit(StepEdit::Foot(foot));
            }
            let mut technique = step.technique.clone();
            let tname = library
                .technique(&step.technique)
                .map_or(step.technique.as_str(), |t| t.name.as_str());
            let r = egui::ComboBox::from_id_salt(("technique", i))
                .selected_text(tname)
                .width(150.0)
                .show_ui(ui, |ui| {
                    for t in &library.techniques {
                        ui.selectable_value(&mut technique, t.id.clone(), &t.name);
                    }
                });
            name_control(ui, &r.response, format!("Step {n} technique"));
            if technique != step.technique {
                edit(StepEdit::Technique(technique));
            }
            let mut pressure = step.pressure;
            let r = egui::ComboBox::from_id_salt(("pressure", i))
                .selected_text(step.pressure.label())
                .width(90.0)
                .show_ui(ui, |ui| {
                    for p in Pressure::ALL {
                        ui.selectable_value(&mut pressure, p, p.label());
                    }
                });
            name_control(ui, &r.response, format!("Step {n} pressure"));
            if pressure != step.pressure {
                edit(StepEdit::Pressure(pressure));
            }
            let mut minutes = step.minutes;
            let r = ui.add(
                egui::DragValue::new(&mut minutes)
                    .range(0.5..=60.0)
                    .speed(0.1)
                    .max_decimals(1)
                    .suffix(" min"),
            );
            name_control(ui, &r, format!("Step {n} minutes"));
            if minutes != step.minutes {
                edit(StepEdit::Minutes(minutes));
            }
            ended |= r.drag_stopped() || r.lost_focus();
        });
        let mut note = step.note.clone();
        let r = ui.add(
            egui::TextEdit::singleline(&mut note)
                .hint_text("note")
                .desired_width(f32::INFINITY),
        );
        name_control(ui, &r, format!("Step {n} note"));
        if r.changed() {
            edit(StepEdit::Note(note));
        }
        // Why: typing again after leaving the field is a new undo step.
        if ended || r.lost_focus() {
            out.push(PlanCommand::EndEdit);
        }
    }
}
