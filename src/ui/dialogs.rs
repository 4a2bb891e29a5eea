//! The app's modal questions: recover a plan left by a crash, and save before closing.

use super::Command;
use crate::plan::{PlanCommand, PlanDocument};

/// Whether the "Save the plan before closing?" question is open.
#[derive(Debug, Default)]
pub struct CloseGuard {
    asking: bool,
}

impl CloseGuard {
    /// Whether the question is on screen.
    pub fn is_asking(&self) -> bool {
        self.asking
    }

    /// Stop a close while the plan has unsaved changes and ask; offer a crash's plan back.
    pub fn ui(&mut self, ctx: &egui::Context, doc: &PlanDocument) -> Vec<Command> {
        let mut out = Vec::new();
        if doc.recovery().is_some() {
            egui::Modal::new(egui::Id::unique("recover_plan")).show(ctx, |ui| {
                ui.heading("Recover unsaved plan?");
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
        if ctx.input(|i| i.viewport().close_requested()) && doc.is_dirty() && !self.asking {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.asking = true;
        }
        if self.asking {
            egui::Modal::new(egui::Id::unique("confirm_close")).show(ctx, |ui| {
                ui.heading("Save the plan before closing?");
                ui.label("The plan has changes that are not saved.");
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        self.asking = false;
                        out.push(Command::SaveAndClose);
                    }
                    if ui.button("Close without saving").clicked() {
                        self.asking = false;
                        out.push(Command::Plan(PlanCommand::DiscardChanges));
                        out.push(Command::Quit);
                    }
                    if ui.button("Cancel").clicked() {
                        self.asking = false;
                    }
                });
            });
        }
        out
    }
}
