//! Plan mode's left panel: the session details, the template picker and the screening
//! checklist, grouped, with clear groups folded.

use egui::{RichText, Ui};

use super::super::{detail_panel, theme};
use super::PlanView;
use crate::model::{Library, RuleGroup};
use crate::plan::{Answer, GroupProgress, MetaEdit, Paper, Plan, PlanCommand};

impl PlanView {
    /// Left panel: plan details, template, screening checklist.
    pub fn screening_ui(
        &mut self,
        ui: &mut Ui,
        plan: &Plan,
        library: &Library,
    ) -> Vec<PlanCommand> {
        let mut out = Vec::new();
        crate::ui::heading(ui, "Session");
        details_ui(ui, plan, &mut out);
        ui.add_space(6.0);
        self.template_ui(ui, plan, library, &mut out);
        ui.separator();
        self.checklist_ui(ui, plan, library, &mut out);
        out
    }

    fn template_ui(
        &mut self,
        ui: &mut Ui,
        plan: &Plan,
        library: &Library,
        out: &mut Vec<PlanCommand>,
    ) {
        let chosen = self
            .template_choice
            .clone()
            .or_else(|| plan.template.clone());
        let template = chosen.as_deref().and_then(|id| library.template(id));
        ui.horizontal(|ui| {
            egui::ComboBox::from_label("Template")
                .selected_text(template.map_or("Choose a template…", |t| t.name.as_str()))
                .show_ui(ui, |ui| {
                    for t in &library.templates {
                        ui.selectable_value(
                            &mut self.template_choice,
                            Some(t.id.clone()),
                            format!(
                                "{} ({}, {}–{} min)",
                                t.name,
                                t.limb.both(),
                                t.session_minutes.0,
                                t.session_minutes.1
                            ),
                        );
                    }
                });
        });
        if let Some(id) = chosen
            && ui
                .add_enabled(template.is_some(), egui::Button::new("Use this template"))
                .on_hover_text("Replace the steps with the template's (undo brings them back)")
                .clicked()
        {
            out.push(PlanCommand::LoadTemplate(id));
        }
        if let Some(t) = template {
            ui.label(RichText::new(&t.description).weak().small());
        }
    }

    fn checklist_ui(
        &mut self,
        ui: &mut Ui,
        plan: &Plan,
        library: &Library,
        out: &mut Vec<PlanCommand>,
    ) {
        crate::ui::heading(ui, "Screening");
        let answered = library
            .rules_for(plan.limb)
            .filter(|r| plan.screening.contains_key(&r.id))
            .count();
        ui.label(
            RichText::new(format!(
                "{answered} of {} answered. \"Yes\" means the situation applies.",
                library.rules_for(plan.limb).count()
            ))
            .weak(),
        );
        ui.horizontal(|ui| {
            if ui.small_button("Answer all unanswered: No").clicked() {
                out.push(PlanCommand::AnswerUnansweredNo);
            }
            if ui.small_button("Clear answers").clicked() {
                out.push(PlanCommand::ClearAnswers);
            }
        });
        for (gi, group) in RuleGroup::ALL.into_iter().enumerate() {
            let rules: Vec<_> = library
                .rules_for(plan.limb)
                .filter(|r| r.group == group)
                .collect();
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
                            for (choice, word) in [(Answer::Yes, "Yes"), (Answer::No, "No")] {
                                let mut r = ui.selectable_label(answer == Some(choice), word);
                                // Why: a screen reader must say what is being answered.
                                crate::ui::name_control(
                                    ui,
                                    &r,
                                    format!("{word}: {}", rule.question),
                                );
                                if choice == Answer::Yes {
                                    r = r.on_hover_text(format!(
                                        "Then: {}",
                                        rule.action_on(plan.limb).label()
                                    ));
                                }
                                if r.clicked() {
                                    // A second click on the chosen answer clears it.
                                    let next = (answer != Some(choice)).then_some(choice);
                                    out.push(PlanCommand::SetAnswer(rule.id.clone(), next));
                                }
                            }
                            if answer == Some(Answer::Yes) {
                                let (fill, _) = theme::verdict_colors(rule.action_on(plan.limb));
                                detail_panel::badge(ui, rule.action_on(plan.limb).label(), fill);
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
    }
}

/// Client initials, date, session length and paper. Each widget edits a copy of its field;
/// a change is one command (typing coalesces into one undo step in the document).
fn details_ui(ui: &mut Ui, plan: &Plan, out: &mut Vec<PlanCommand>) {
    egui::Grid::new("plan_meta")
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            let l = ui.label("Client initials");
            let mut initials = plan.client_initials.clone();
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut initials)
                        .char_limit(8)
                        .desired_width(80.0),
                )
                .labelled_by(l.id);
            if r.changed() {
                out.push(PlanCommand::SetMeta(MetaEdit::ClientInitials(initials)));
            }
            if r.lost_focus() {
                out.push(PlanCommand::EndEdit);
            }
            ui.end_row();
            let l = ui.label("Date");
            let mut date = plan.date.clone();
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut date)
                        .hint_text("YYYY-MM-DD")
                        .desired_width(110.0),
                )
                .labelled_by(l.id);
            if r.changed() {
                out.push(PlanCommand::SetMeta(MetaEdit::Date(date)));
            }
            if r.lost_focus() {
                out.push(PlanCommand::EndEdit);
            }
            ui.end_row();
            let l = ui.label("Session length");
            let mut minutes = plan.session_minutes;
            let r = ui
                .add(
                    egui::DragValue::new(&mut minutes)
                        .range(5..=240)
                        .suffix(" min"),
                )
                .labelled_by(l.id);
            if r.changed() && minutes != plan.session_minutes {
                out.push(PlanCommand::SetMeta(MetaEdit::SessionMinutes(minutes)));
            }
            if r.drag_stopped() || r.lost_focus() {
                out.push(PlanCommand::EndEdit);
            }
            ui.end_row();
            ui.label("Paper");
            ui.horizontal(|ui| {
                for p in [Paper::A4, Paper::Letter] {
                    if ui.radio(plan.paper == p, p.label()).clicked() && plan.paper != p {
                        out.push(PlanCommand::SetMeta(MetaEdit::Paper(p)));
                    }
                }
            });
            ui.end_row();
        });
}
