//! Plan mode: screening checklist and plan details (left), the step list (right) and the
//! verdict banner (above the map). Views edit a draft and send commands; the app applies
//! them to the plan editor, which keeps undo history.

use egui::{Color32, Key, KeyboardShortcut, Modifiers, RichText, Ui};

use super::{Command, theme};
use crate::model::{Action, Chart, FootSel, Library, Pressure, RuleGroup};
use crate::plan::{
    Answer, Paper, Plan, PlanStep, Screening, StepIssue, TimingState, TimingStatus, format_minutes,
    step_issues,
};

/// What the planner asks the app to do.
#[derive(Debug, Clone, PartialEq)]
pub enum PlanCommand {
    /// Replace the plan with an edited copy (one undo step).
    Commit(Box<Plan>),
    /// Answer (or clear) a screening question.
    SetAnswer(String, Option<Answer>),
    /// Start again from a template's steps.
    LoadTemplate(String),
    /// Move a step.
    MoveStep(usize, usize),
    /// Remove a step.
    RemoveStep(usize),
    /// Lower every step above the screening cap to it.
    LowerToCap(Pressure),
    /// Undo.
    Undo,
    /// Redo.
    Redo,
    /// New, open, save, save as, export.
    New,
    /// Open a plan file with a dialog.
    Open,
    /// Save (asks for a name the first time).
    Save,
    /// Save under a new name.
    SaveAs,
    /// Export the printable PDF.
    ExportPdf,
}

/// Planner UI state that is not part of the plan.
#[derive(Debug, Default)]
pub struct PlannerState {
    /// Working copy the widgets edit; committed on focus loss, drag stop or click.
    pub draft: Option<Plan>,
    /// The highlighted step (keyboard moves, map focus).
    pub selected_step: Option<usize>,
    /// Template chosen in the picker.
    pub template_choice: Option<String>,
    /// Open the PDF in the system viewer after export.
    pub open_after_export: bool,
    /// Per screening group (in [`RuleGroup::ALL`] order), whether it was "clear" (every
    /// question answered, none "yes") last frame. A group folds when it becomes clear and
    /// unfolds when it stops being clear; in between the user opens and closes it freely.
    group_clear: [Option<bool>; RuleGroup::ALL.len()],
}

/// Where a screening group stands: how many questions, answered, and answered "yes".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupProgress {
    /// Questions in the group.
    pub total: usize,
    /// Questions answered either way.
    pub answered: usize,
    /// Questions answered "yes".
    pub yes: usize,
}

impl GroupProgress {
    /// Counts the group's answers in the plan.
    pub fn of(group: RuleGroup, library: &Library, plan: &Plan) -> Self {
        let mut p = Self {
            total: 0,
            answered: 0,
            yes: 0,
        };
        for rule in library.rules.iter().filter(|r| r.group == group) {
            p.total += 1;
            match plan.screening.get(&rule.id) {
                Some(Answer::Yes) => {
                    p.answered += 1;
                    p.yes += 1;
                }
                Some(Answer::No) => p.answered += 1,
                None => {}
            }
        }
        p
    }

    /// Every question answered and none "yes": nothing in this group needs the
    /// therapist's eye, so the group may fold away.
    pub fn is_clear(self) -> bool {
        self.total > 0 && self.answered == self.total && self.yes == 0
    }

    /// The group's heading: its name and where it stands.
    pub fn title(self, group: RuleGroup) -> String {
        let name = group.label();
        if self.yes > 0 {
            format!("{name} — {} yes", self.yes)
        } else if self.is_clear() {
            format!("{name} — all {} no", self.total)
        } else if self.answered > 0 {
            format!("{name} — {} of {} answered", self.answered, self.total)
        } else {
            name.to_owned()
        }
    }
}

/// The step's display name: the zone's name or the whole-foot title.
pub fn step_name(step: &PlanStep, chart: &Chart) -> String {
    match (&step.zone, &step.title) {
        (Some(z), _) => chart
            .zone(z)
            .map_or_else(|| format!("{z} (not on this chart)"), |z| z.name.clone()),
        (None, Some(t)) => t.clone(),
        (None, None) => "Whole foot".to_owned(),
    }
}

/// One line for a step that is not being edited: feet, technique, pressure, minutes, note.
pub fn step_summary(step: &PlanStep, library: &Library) -> String {
    let technique = library
        .technique(&step.technique)
        .map_or(step.technique.as_str(), |t| t.name.as_str());
    let mut line = format!(
        "{} · {technique} · {} · {} min",
        step.foot.label(),
        step.pressure.label().to_lowercase(),
        format_minutes(step.minutes)
    );
    let note = step.note.trim();
    if !note.is_empty() {
        line.push_str(" — ");
        line.push_str(note);
    }
    line
}

/// Give a control an accessible name without a visible label (the step row shows context).
fn name(ui: &Ui, response: &egui::Response, label: String) {
    ui.ctx()
        .accesskit_node_builder(response.id, |node| node.set_label(label));
}

/// Which step is open after step `from` moves to `to`: the open step follows itself.
pub fn follow_move(open: Option<usize>, from: usize, to: usize) -> Option<usize> {
    let open = open?;
    Some(if open == from {
        to
    } else if from < to && (from + 1..=to).contains(&open) {
        open - 1
    } else if to < from && (to..from).contains(&open) {
        open + 1
    } else {
        open
    })
}

/// Which step is open after step `removed` is removed: none if it was the open one.
pub fn follow_remove(open: Option<usize>, removed: usize) -> Option<usize> {
    let open = open?;
    match open.cmp(&removed) {
        std::cmp::Ordering::Less => Some(open),
        std::cmp::Ordering::Equal => None,
        std::cmp::Ordering::Greater => Some(open - 1),
    }
}

/// The banner above the map: the combined verdict, impossible to miss.
pub fn verdict_banner(ui: &mut Ui, screening: &Screening) {
    // Why: an unfinished checklist must not look like an all-clear.
    let (fill, text) = if screening.verdict == Action::Proceed && screening.unanswered > 0 {
        theme::verdict_colors(Action::Adapt)
    } else {
        theme::verdict_colors(screening.verdict)
    };
    egui::Frame::new().fill(fill).corner_radius(6).inner_margin(10).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(screening.headline()).color(text).strong().size(17.0));
        if screening.verdict == Action::StopAndRefer {
            ui.label(RichText::new("A treatment plan cannot be printed; Export prints a referral note instead.").color(text));
        }
        let mut bits: Vec<String> = Vec::new();
        if let Some(cap) = screening.pressure_cap {
            bits.push(format!("Pressure capped at {}", cap.label().to_lowercase()));
        }
        if screening.avoid_left || screening.avoid_right {
            bits.push(match (screening.avoid_left, screening.avoid_right) {
                (true, true) => "No foot work".to_owned(),
                (true, false) => "Leave out the left foot".to_owned(),
                _ => "Leave out the right foot".to_owned(),
            });
        }
        if !screening.avoid_zones.is_empty() {
            bits.push(format!("{} area(s) to avoid (hatched)", screening.avoid_zones.len()));
        }
        if screening.no_heat {
            bits.push("NO HEAT of any kind".to_owned());
        }
        if !bits.is_empty() {
            ui.label(RichText::new(bits.join(" · ")).color(text));
        }
        // Why: a flag found early must not read as the whole answer; the questions still
        // open can make the verdict stricter.
        if screening.verdict != Action::Proceed && screening.unanswered > 0 {
            ui.label(
                RichText::new(format!(
                    "Screening not finished: {} question(s) still unanswered.",
                    screening.unanswered
                ))
                .color(text),
            );
        }
    });
}

impl PlannerState {
    fn draft_mut(&mut self, plan: &Plan) -> &mut Plan {
        self.draft.get_or_insert_with(|| plan.clone())
    }

    /// Resync the draft with the editor's plan when nothing is being edited.
    pub fn sync(&mut self, plan: &Plan, editing: bool) {
        if !editing && self.draft.as_ref() != Some(plan) {
            self.draft = Some(plan.clone());
        }
        if let Some(i) = self.selected_step
            && i >= plan.steps.len()
        {
            self.selected_step = plan.steps.len().checked_sub(1);
        }
    }

    /// Left panel: plan details, template, screening checklist.
    pub fn screening_ui(
        &mut self,
        ui: &mut Ui,
        plan: &Plan,
        library: &Library,
    ) -> Vec<PlanCommand> {
        let mut out = Vec::new();
        ui.heading("Session");
        let draft = self.draft_mut(plan);
        egui::Grid::new("plan_meta")
            .num_columns(2)
            .spacing([10.0, 6.0])
            .show(ui, |ui| {
                let l = ui.label("Client initials");
                let r = ui
                    .add(
                        egui::TextEdit::singleline(&mut draft.client_initials)
                            .char_limit(8)
                            .desired_width(80.0),
                    )
                    .labelled_by(l.id);
                if r.lost_focus() && draft != plan {
                    out.push(PlanCommand::Commit(Box::new(draft.clone())));
                }
                ui.end_row();
                let l = ui.label("Date");
                let r = ui
                    .add(
                        egui::TextEdit::singleline(&mut draft.date)
                            .hint_text("YYYY-MM-DD")
                            .desired_width(110.0),
                    )
                    .labelled_by(l.id);
                if r.lost_focus() && draft != plan {
                    out.push(PlanCommand::Commit(Box::new(draft.clone())));
                }
                ui.end_row();
                let l = ui.label("Session length");
                let r = ui
                    .add(
                        egui::DragValue::new(&mut draft.session_minutes)
                            .range(5..=240)
                            .suffix(" min"),
                    )
                    .labelled_by(l.id);
                if (r.drag_stopped() || r.lost_focus() || (r.changed() && !r.dragged()))
                    && draft != plan
                {
                    out.push(PlanCommand::Commit(Box::new(draft.clone())));
                }
                ui.end_row();
                ui.label("Paper");
                ui.horizontal(|ui| {
                    for p in [Paper::A4, Paper::Letter] {
                        if ui.radio(draft.paper == p, p.label()).clicked() && draft.paper != p {
                            draft.paper = p;
                            out.push(PlanCommand::Commit(Box::new(draft.clone())));
                        }
                    }
                });
                ui.end_row();
            });
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let current = self
                .template_choice
                .clone()
                .or_else(|| plan.template.clone());
            let name = current
                .as_deref()
                .and_then(|id| library.template(id))
                .map_or("Choose a template…", |t| t.name.as_str());
            egui::ComboBox::from_label("Template")
                .selected_text(name)
                .show_ui(ui, |ui| {
                    for t in &library.templates {
                        ui.selectable_value(
                            &mut self.template_choice,
                            Some(t.id.clone()),
                            format!(
                                "{} ({}–{} min)",
                                t.name, t.session_minutes.0, t.session_minutes.1
                            ),
                        );
                    }
                });
        });
        let chosen = self
            .template_choice
            .clone()
            .or_else(|| plan.template.clone());
        if let Some(id) = chosen
            && ui
                .add_enabled(
                    library.template(&id).is_some(),
                    egui::Button::new("Use this template"),
                )
                .on_hover_text("Replace the steps with the template's (undo brings them back)")
                .clicked()
        {
            out.push(PlanCommand::LoadTemplate(id));
        }
        if let Some(t) = self
            .template_choice
            .as_deref()
            .or(plan.template.as_deref())
            .and_then(|id| library.template(id))
        {
            ui.label(RichText::new(&t.description).weak().small());
        }

        ui.separator();
        ui.heading("Screening");
        let answered = library
            .rules
            .iter()
            .filter(|r| plan.screening.contains_key(&r.id))
            .count();
        ui.label(
            RichText::new(format!(
                "{answered} of {} answered. \"Yes\" means the situation applies.",
                library.rules.len()
            ))
            .weak(),
        );
        ui.horizontal(|ui| {
            if ui.small_button("Answer all unanswered: No").clicked() {
                for r in library
                    .rules
                    .iter()
                    .filter(|r| !plan.screening.contains_key(&r.id))
                {
                    out.push(PlanCommand::SetAnswer(r.id.clone(), Some(Answer::No)));
                }
            }
            if ui.small_button("Clear answers").clicked() {
                for r in library
                    .rules
                    .iter()
                    .filter(|r| plan.screening.contains_key(&r.id))
                {
                    out.push(PlanCommand::SetAnswer(r.id.clone(), None));
                }
            }
        });
        for (gi, group) in RuleGroup::ALL.into_iter().enumerate() {
            let rules: Vec<_> = library.rules.iter().filter(|r| r.group == group).collect();
            if rules.is_empty() {
                continue;
            }
            let progress = GroupProgress::of(group, library, plan);
            let clear = progress.is_clear();
            // Fold a group when it becomes clear (a loaded plan's clear groups start folded),
            // unfold it when an answer changes or is cleared; otherwise the user decides.
            let was = self.group_clear[gi].replace(clear);
            let force = match was {
                Some(was) if was != clear => Some(!clear),
                None if clear => Some(false),
                _ => None,
            };
            egui::CollapsingHeader::new(RichText::new(progress.title(group)).strong())
                .id_salt(("rule_group", group.label()))
                .default_open(true)
                .open(force)
                .show(ui, |ui| {
                    for rule in rules {
                        let answer = plan.screening.get(&rule.id).copied();
                        ui.add_space(2.0);
                        ui.label(&rule.question);
                        ui.horizontal(|ui| {
                            let yes = ui
                                .selectable_label(answer == Some(Answer::Yes), "Yes")
                                .on_hover_text(format!("Then: {}", rule.action.label()));
                            if yes.clicked() {
                                out.push(PlanCommand::SetAnswer(
                                    rule.id.clone(),
                                    if answer == Some(Answer::Yes) {
                                        None
                                    } else {
                                        Some(Answer::Yes)
                                    },
                                ));
                            }
                            if ui
                                .selectable_label(answer == Some(Answer::No), "No")
                                .clicked()
                            {
                                out.push(PlanCommand::SetAnswer(
                                    rule.id.clone(),
                                    if answer == Some(Answer::No) {
                                        None
                                    } else {
                                        Some(Answer::No)
                                    },
                                ));
                            }
                            if answer == Some(Answer::Yes) {
                                let (fill, _) = theme::verdict_colors(rule.action);
                                super::detail_panel::badge(ui, rule.action.label(), fill);
                            }
                        });
                        ui.label(RichText::new(&rule.why).weak().size(11.5))
                            .on_hover_text(format!(
                                "Source ({}): {}",
                                rule.authority.label(),
                                rule.source
                            ));
                    }
                });
        }
        out
    }

    /// Right panel: the steps, timing, file and export buttons.
    pub fn steps_ui(
        &mut self,
        ui: &mut Ui,
        plan: &Plan,
        screening: &Screening,
        chart: &Chart,
        library: &Library,
        history: (bool, bool),
    ) -> (Vec<PlanCommand>, Vec<Command>) {
        let mut out = Vec::new();
        let mut commands = Vec::new();
        ui.horizontal_wrapped(|ui| {
            if ui
                .add_enabled(history.0, egui::Button::new("↶ Undo"))
                .on_hover_text("Ctrl+Z")
                .clicked()
            {
                out.push(PlanCommand::Undo);
            }
            if ui
                .add_enabled(history.1, egui::Button::new("↷ Redo"))
                .on_hover_text("Ctrl+Shift+Z")
                .clicked()
            {
                out.push(PlanCommand::Redo);
            }
            ui.separator();
            if ui.button("Save").on_hover_text("Ctrl+S").clicked() {
                out.push(PlanCommand::Save);
            }
            if ui.button("Export PDF…").clicked() {
                out.push(PlanCommand::ExportPdf);
            }
            ui.checkbox(&mut self.open_after_export, "Open after export");
        });
        // Timing against the session length.
        let timing = TimingStatus::of(plan);
        let color = match timing.state {
            TimingState::Ok => ui.visuals().text_color(),
            TimingState::Over => theme::avoid_color(ui.visuals().dark_mode),
            TimingState::FarUnder => Color32::from_rgb(0xc7, 0x8a, 0x00),
        };
        let fraction = timing.total / (timing.session.max(1) as f32);
        ui.add(egui::ProgressBar::new(fraction.min(1.0)).desired_height(8.0));
        ui.label(RichText::new(timing.message()).color(color).strong());
        if screening.no_heat {
            ui.label(
                RichText::new("⚠ No heat: no hot towels, heat pads, hot stones or warm soaks.")
                    .color(theme::avoid_color(ui.visuals().dark_mode))
                    .strong(),
            );
        }
        if let Some(cap) = screening.pressure_cap
            && plan.steps.iter().any(|s| s.pressure > cap)
            && ui
                .button(format!("Lower all steps to {}", cap.label().to_lowercase()))
                .clicked()
        {
            out.push(PlanCommand::LowerToCap(cap));
        }
        ui.separator();
        if plan.steps.is_empty() {
            ui.label("No steps yet. Choose a template, or right-click a zone on the map and pick \"Add to plan\".");
        }
        // Keyboard: Alt+Up/Down moves the selected step.
        if let Some(i) = self.selected_step {
            let up = KeyboardShortcut::new(Modifiers::ALT, Key::ArrowUp);
            let down = KeyboardShortcut::new(Modifiers::ALT, Key::ArrowDown);
            if i > 0 && ui.input_mut(|inp| inp.consume_shortcut(&up)) {
                out.push(PlanCommand::MoveStep(i, i - 1));
            } else if i + 1 < plan.steps.len() && ui.input_mut(|inp| inp.consume_shortcut(&down)) {
                out.push(PlanCommand::MoveStep(i, i + 1));
            }
        }
        let dark = ui.visuals().dark_mode;
        let draft = self.draft.get_or_insert_with(|| plan.clone());
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for i in 0..draft.steps.len().min(plan.steps.len()) {
                    let issues = step_issues(&plan.steps[i], screening, chart, library);
                    let selected = self.selected_step == Some(i);
                    let fill = if selected {
                        ui.visuals().selection.bg_fill.gamma_multiply(0.35)
                    } else {
                        ui.visuals().faint_bg_color
                    };
                    let mut select_here = false;
                    // Why: move and remove buttons on every row are 36 buttons of noise in a
                    // 12-step plan. They show on the open step and on the row under the
                    // pointer; from the keyboard, open a step (Tab, Enter) to reach them, or
                    // move it with Alt+↑/↓.
                    let row =
                        ui.scope_builder(egui::UiBuilder::new().id_salt(("step_row", i)), |ui| {
                            // The row's area last frame, as egui remembers it.
                            let controls = selected || ui.response().contains_pointer();
                            egui::Frame::new()
                                .fill(fill)
                                .corner_radius(6)
                                .inner_margin(6)
                                .show(ui, |ui| {
                                    ui.set_width(ui.available_width());
                                    ui.horizontal(|ui| {
                                        // The row keeps its height whether its buttons show or not.
                                        ui.set_min_height(ui.spacing().interact_size.y);
                                        let handle = ui.dnd_drag_source(
                                            ui.make_persistent_id(("step_drag", i)),
                                            i,
                                            |ui| {
                                                ui.label(RichText::new("☰").size(15.0));
                                            },
                                        );
                                        handle
                                            .response
                                            .on_hover_text("Drag to reorder (or Alt+↑/↓)");
                                        let title = step_name(&plan.steps[i], chart);
                                        if ui
                                            .selectable_label(
                                                selected,
                                                RichText::new(format!("{}. {title}", i + 1))
                                                    .strong(),
                                            )
                                            .on_hover_text(if selected {
                                                "Click to close this step"
                                            } else {
                                                "Click to edit this step"
                                            })
                                            .clicked()
                                        {
                                            select_here = true;
                                        }
                                        if !controls {
                                            return;
                                        }
                                        ui.with_layout(
                                            egui::Layout::right_to_left(egui::Align::Center),
                                            |ui| {
                                                let n = i + 1;
                                                let r = ui
                                                    .small_button("✕")
                                                    .on_hover_text("Remove step");
                                                name(ui, &r, format!("Remove step {n}"));
                                                if r.clicked() {
                                                    out.push(PlanCommand::RemoveStep(i));
                                                }
                                                let r = ui
                                                    .add_enabled(
                                                        n < plan.steps.len(),
                                                        egui::Button::new("↓").small(),
                                                    )
                                                    .on_hover_text("Move down (Alt+↓)");
                                                name(ui, &r, format!("Move step {n} down"));
                                                if r.clicked() {
                                                    out.push(PlanCommand::MoveStep(i, i + 1));
                                                }
                                                let r = ui
                                                    .add_enabled(
                                                        i > 0,
                                                        egui::Button::new("↑").small(),
                                                    )
                                                    .on_hover_text("Move up (Alt+↑)");
                                                name(ui, &r, format!("Move step {n} up"));
                                                if r.clicked() {
                                                    out.push(PlanCommand::MoveStep(i, i - 1));
                                                }
                                            },
                                        );
                                    });
                                    // Why: only the selected step carries its editors. A list of
                                    // one-line summaries shows the whole sequence at a glance (and
                                    // lays out a fraction of the widgets each frame).
                                    let mut commit = false;
                                    if selected {
                                        let step = &mut draft.steps[i];
                                        let n = i + 1;
                                        ui.horizontal_wrapped(|ui| {
                                            let r = egui::ComboBox::from_id_salt(("foot", i))
                                                .selected_text(step.foot.label())
                                                .width(90.0)
                                                .show_ui(ui, |ui| {
                                                    for f in [
                                                        FootSel::Both,
                                                        FootSel::Left,
                                                        FootSel::Right,
                                                    ] {
                                                        commit |= ui
                                                            .selectable_value(
                                                                &mut step.foot,
                                                                f,
                                                                f.label(),
                                                            )
                                                            .clicked();
                                                    }
                                                });
                                            name(ui, &r.response, format!("Step {n} foot"));
                                            let tname = library
                                                .technique(&step.technique)
                                                .map_or(step.technique.clone(), |t| t.name.clone());
                                            let r = egui::ComboBox::from_id_salt(("technique", i))
                                                .selected_text(tname)
                                                .width(150.0)
                                                .show_ui(ui, |ui| {
                                                    for t in &library.techniques {
                                                        commit |= ui
                                                            .selectable_value(
                                                                &mut step.technique,
                                                                t.id.clone(),
                                                                &t.name,
                                                            )
                                                            .clicked();
                                                    }
                                                });
                                            name(ui, &r.response, format!("Step {n} technique"));
                                            let r = egui::ComboBox::from_id_salt(("pressure", i))
                                                .selected_text(step.pressure.label())
                                                .width(90.0)
                                                .show_ui(ui, |ui| {
                                                    for p in Pressure::ALL {
                                                        commit |= ui
                                                            .selectable_value(
                                                                &mut step.pressure,
                                                                p,
                                                                p.label(),
                                                            )
                                                            .clicked();
                                                    }
                                                });
                                            name(ui, &r.response, format!("Step {n} pressure"));
                                            let r = ui.add(
                                                egui::DragValue::new(&mut step.minutes)
                                                    .range(0.5..=60.0)
                                                    .speed(0.1)
                                                    .max_decimals(1)
                                                    .suffix(" min"),
                                            );
                                            name(ui, &r, format!("Step {n} minutes"));
                                            commit |= r.drag_stopped()
                                                || r.lost_focus()
                                                || (r.changed() && !r.dragged() && !r.has_focus());
                                        });
                                        let r = ui.add(
                                            egui::TextEdit::singleline(&mut step.note)
                                                .hint_text("note")
                                                .desired_width(f32::INFINITY),
                                        );
                                        name(ui, &r, format!("Step {n} note"));
                                        commit |= r.lost_focus();
                                    } else {
                                        let summary = step_summary(&plan.steps[i], library);
                                        let r = ui.add(
                                            egui::Label::new(RichText::new(summary).weak())
                                                .truncate()
                                                .sense(egui::Sense::click()),
                                        );
                                        if r.on_hover_text("Click to edit this step").clicked() {
                                            select_here = true;
                                        }
                                    }
                                    for issue in &issues {
                                        let color = match issue {
                                            StepIssue::UnknownZone(_)
                                            | StepIssue::UnknownTechnique(_) => {
                                                Color32::from_rgb(0xc7, 0x8a, 0x00)
                                            }
                                            _ => theme::avoid_color(dark),
                                        };
                                        ui.label(
                                            RichText::new(format!("⚠ {}", issue.message()))
                                                .color(color),
                                        );
                                    }
                                    commit
                                })
                        });
                    let frame = row.inner;
                    // Why commit on a change of selection: the editors of the step left
                    // behind are not drawn next frame, so their lost-focus commit never comes.
                    // A click on the open step closes it.
                    if (frame.inner || select_here) && *draft != *plan {
                        out.push(PlanCommand::Commit(Box::new(draft.clone())));
                    }
                    if select_here && selected {
                        self.selected_step = None;
                    } else if select_here {
                        self.selected_step = Some(i);
                        if let Some(z) = plan.steps[i]
                            .zone
                            .as_deref()
                            .and_then(|z| chart.zone_index(z))
                        {
                            commands.push(Command::RevealZone(z));
                        }
                    }
                    if let Some(from) = frame.response.dnd_release_payload::<usize>()
                        && *from != i
                    {
                        out.push(PlanCommand::MoveStep(*from, i));
                    }
                    ui.add_space(4.0);
                }
            });
        (out, commands)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_summary_names_feet_technique_pressure_minutes_and_note() {
        let content = crate::load::embedded_content().expect("content");
        let library = &content.library;
        let technique = &library.techniques[0];
        let mut step = PlanStep {
            zone: Some("solar_plexus".into()),
            title: None,
            foot: FootSel::Left,
            technique: technique.id.clone(),
            pressure: Pressure::Light,
            minutes: 2.5,
            note: "  ".into(),
        };
        assert_eq!(
            step_summary(&step, library),
            format!("Left foot · {} · light · 2.5 min", technique.name)
        );
        step.note = "slow, on the out-breath".into();
        step.technique = "no_such_technique".into();
        step.minutes = 4.0;
        assert_eq!(
            step_summary(&step, library),
            "Left foot · no_such_technique · light · 4 min — slow, on the out-breath"
        );
    }

    #[test]
    fn a_group_is_clear_only_when_every_question_is_answered_no() {
        let content = crate::load::embedded_content().expect("content");
        let library = &content.library;
        let group = RuleGroup::SensationNeuropathy;
        let ids: Vec<_> = library
            .rules
            .iter()
            .filter(|r| r.group == group)
            .map(|r| r.id.clone())
            .collect();
        assert!(ids.len() >= 2, "the test needs a group of two or more");
        let mut plan = Plan::default();
        let p = GroupProgress::of(group, library, &plan);
        assert_eq!((p.total, p.answered, p.yes), (ids.len(), 0, 0));
        assert!(!p.is_clear());
        assert_eq!(p.title(group), "Sensation and neuropathy");

        plan.screening.insert(ids[0].clone(), Answer::No);
        let p = GroupProgress::of(group, library, &plan);
        assert!(!p.is_clear(), "one unanswered question keeps it open");
        assert_eq!(
            p.title(group),
            format!("Sensation and neuropathy — 1 of {} answered", ids.len())
        );

        for id in &ids {
            plan.screening.insert(id.clone(), Answer::No);
        }
        let p = GroupProgress::of(group, library, &plan);
        assert!(p.is_clear());
        assert_eq!(
            p.title(group),
            format!("Sensation and neuropathy — all {} no", ids.len())
        );

        plan.screening.insert(ids[1].clone(), Answer::Yes);
        let p = GroupProgress::of(group, library, &plan);
        assert!(!p.is_clear(), "a yes always stays in view");
        assert_eq!(p.title(group), "Sensation and neuropathy — 1 yes");
    }

    #[test]
    fn the_open_step_follows_moves_and_closes_when_removed() {
        // Moving the open step itself.
        assert_eq!(follow_move(Some(3), 3, 2), Some(2));
        assert_eq!(follow_move(Some(3), 3, 4), Some(4));
        // Another step moving past the open one shifts it.
        assert_eq!(follow_move(Some(3), 4, 3), Some(4));
        assert_eq!(follow_move(Some(3), 2, 3), Some(2));
        assert_eq!(follow_move(Some(3), 0, 5), Some(2));
        assert_eq!(follow_move(Some(3), 6, 1), Some(4));
        // Moves elsewhere leave it alone.
        assert_eq!(follow_move(Some(3), 5, 6), Some(3));
        assert_eq!(follow_move(Some(3), 1, 0), Some(3));
        assert_eq!(follow_move(None, 1, 0), None);
        assert_eq!(follow_remove(Some(3), 3), None);
        assert_eq!(follow_remove(Some(3), 1), Some(2));
        assert_eq!(follow_remove(Some(3), 5), Some(3));
        assert_eq!(follow_remove(None, 0), None);
    }
}
