//! The app's modal questions about unsaved work: recover a plan left by a crash, save before
//! closing, and save before a new or another plan replaces the one with changes.

use super::{Command, FilePurpose};
use crate::plan::{PlanCommand, PlanDocument};

/// Which question about the plan is on screen.
#[derive(Debug, Default)]
pub struct PlanQuestions {
    /// "Save the plan before closing?"
    closing: bool,
    /// "Replace the plan?": the command (New, Open) waiting for the answer.
    replacing: Option<PlanCommand>,
}

impl PlanQuestions {
    /// Whether a question is on screen.
    pub fn is_asking(&self) -> bool {
        self.closing || self.replacing.is_some()
    }

    /// Ask before `command` replaces a plan that has unsaved changes.
    pub fn ask_before_replacing(&mut self, command: PlanCommand) {
        self.replacing = Some(command);
    }

    /// Stop a close while the plan has unsaved changes and ask; ask before replacing it;
    /// offer a crash's plan back.
    pub fn ui(&mut self, ctx: &egui::Context, doc: &PlanDocument) -> Vec<Command> {
        let mut out = Vec::new();
        if doc.recovery().is_some() {
            egui::Modal::new(egui::Id::unique("recover_plan")).show(ctx, |ui| {
                crate::ui::heading(ui, "Recover unsaved plan?");
                ui.label("reflexmap closed with a plan that had not been saved. Restore it?");
                ui.horizontal(|ui| {
                    if ui.button("Restore").clicked() {
                        out.push(Command::Plan(PlanCommand::RestoreRecovery));
                    }
                    if ui.button("Discard").clicked() {
                        out.push(Command::Plan(PlanCommand::DiscardRecovery));
                    }
                });
            });
        }
        if ctx.input(|i| i.viewport().close_requested()) && doc.is_dirty() && !self.closing {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.closing = true;
        }
        if self.closing {
            egui::Modal::new(egui::Id::unique("confirm_close")).show(ctx, |ui| {
                crate::ui::heading(ui, "Save the plan before closing?");
                ui.label("The plan has changes that are not saved.");
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        self.closing = false;
                        out.push(Command::SaveAndClose);
                    }
                    if ui.button("Close without saving").clicked() {
                        self.closing = false;
                        out.push(Command::Plan(PlanCommand::DiscardChanges));
                        out.push(Command::Quit);
                    }
                    if ui.button("Cancel").clicked() {
                        self.closing = false;
                    }
                });
            });
        }
        if let Some(pending) = self.replacing.clone() {
            out.extend(self.replace_ui(ctx, doc, pending));
        }
        out
    }

    /// "Replace the plan?": save (then go on), discard (then go on), or cancel.
    fn replace_ui(
        &mut self,
        ctx: &egui::Context,
        doc: &PlanDocument,
        pending: PlanCommand,
    ) -> Vec<Command> {
        let mut out = Vec::new();
        let what = match &pending {
            PlanCommand::New => "Starting a new plan".to_owned(),
            PlanCommand::OpenFile(p) => format!(
                "Opening {}",
                p.file_name()
                    .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into())
            ),
            _ => "This".to_owned(),
        };
        egui::Modal::new(egui::Id::unique("confirm_replace")).show(ctx, |ui| {
            crate::ui::heading(ui, "Save the current plan first?");
            ui.label(format!(
                "{what} replaces the plan on screen, which has changes that are not saved."
            ));
            ui.horizontal(|ui| {
                // Why the pending command goes after: it replaces the plan only once the plan
                // is saved or discarded, so a failed save asks again instead of losing work.
                match doc.path() {
                    Some(path) => {
                        if ui.button("Save and continue").clicked() {
                            out.push(Command::Plan(PlanCommand::SaveTo(path.to_owned())));
                            out.push(Command::Plan(pending.clone()));
                            self.replacing = None;
                        }
                    }
                    None => {
                        if ui
                            .button("Save as…")
                            .on_hover_text("Save this plan; then start or open the other")
                            .clicked()
                        {
                            out.push(Command::PickFile(FilePurpose::SavePlan));
                            self.replacing = None;
                        }
                    }
                }
                if ui.button("Discard changes").clicked() {
                    out.push(Command::Plan(PlanCommand::DiscardChanges));
                    out.push(Command::Plan(pending.clone()));
                    self.replacing = None;
                }
                if ui.button("Cancel").clicked() {
                    self.replacing = None;
                }
            });
        });
        out
    }
}
