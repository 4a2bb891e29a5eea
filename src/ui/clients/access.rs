//! The records' privacy controls on screen: the first-use passphrase, the lock screen, the
//! records bar (lock, initials only, lock delay, back up, restore, passphrase), and the dialogs
//! for changing the passphrase, restoring a backup and erasing a client.

use egui::{RichText, Ui};

use super::{ClientsView, wrap};
use crate::records::book::{AccessCommand, ClientsBook, ClientsCommand};
use crate::records::privacy::{self, Strength};
use crate::records::{ClientRecord, Key};
use crate::ui::{Command, FilePurpose, name_control, theme};

fn access(c: AccessCommand) -> Command {
    wrap(ClientsCommand::Access(c))
}

/// What a lost passphrase means, said before one is set.
const LOST: &str = "If the passphrase is lost, the records cannot be opened again: nobody can \
    recover it, not even reflexmap's makers. Write it down and keep it somewhere safe.";

/// The dialogs' fields.
#[derive(Debug, Default)]
pub struct AccessState {
    /// The passphrase being typed (setup, unlock, restore).
    pub pass: String,
    /// The passphrase typed again (setup, change).
    pub again: String,
    /// Change-passphrase dialog: the current one, while open.
    pub change: Option<String>,
    /// Change-passphrase dialog: remove the passphrase instead.
    pub change_to_none: bool,
    /// Erase dialog: the client and the name typed so far.
    pub erase: Option<(i64, String)>,
}

/// A labelled passphrase field (the label names it for a screen reader).
fn password(ui: &mut Ui, text: &mut String, label: &str, hint: &str) -> egui::Response {
    ui.horizontal(|ui| {
        let l = ui.label(label);
        ui.add(
            egui::TextEdit::singleline(text)
                .password(true)
                .hint_text(hint)
                .desired_width(280.0),
        )
        .labelled_by(l.id)
    })
    .inner
}

fn strength_label(ui: &mut Ui, pass: &str) {
    let s = privacy::strength(pass);
    let dark = ui.visuals().dark_mode;
    let color = match s {
        Strength::TooShort | Strength::Weak => theme::warning_text(dark),
        _ => ui.visuals().text_color(),
    };
    ui.label(RichText::new(s.hint()).color(color));
}

impl ClientsView {
    /// First use: choose a passphrase, or explicitly none.
    pub(super) fn setup_ui(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut out = Vec::new();
        egui::CentralPanel::default().show(ui, |ui| {
            ui.set_max_width(640.0);
            crate::ui::heading(ui, "Protect the client records");
            ui.label(
                "Client records are health data. reflexmap encrypts them on this computer with \
                 a passphrase you choose: without it, nobody can read the file, on this \
                 laptop or a copy of it.",
            );
            ui.add_space(8.0);
            let a = &mut self.access;
            password(
                ui,
                &mut a.pass,
                "Passphrase",
                "at least 8 characters; a few words work well",
            );
            password(ui, &mut a.again, "Passphrase again", "the same passphrase");
            if !a.pass.is_empty() {
                strength_label(ui, &a.pass);
            }
            let problem = privacy::check_new_passphrase(&a.pass, &a.again);
            if let Some(p) = problem.filter(|_| !a.again.is_empty()) {
                ui.label(RichText::new(p).color(theme::warning_text(ui.visuals().dark_mode)));
            }
            ui.label(RichText::new(format!("⚠ {LOST}")).strong());
            if ui
                .add_enabled(
                    problem.is_none(),
                    egui::Button::new("Encrypt the records with this passphrase"),
                )
                .clicked()
            {
                out.push(access(AccessCommand::SetUp(Key::Passphrase(
                    std::mem::take(&mut a.pass),
                ))));
                a.again.clear();
            }
            ui.add_space(14.0);
            ui.separator();
            ui.label(
                "Or, only if this computer's whole disk is already encrypted (BitLocker, \
                 FileVault, LUKS) and nobody else uses your account:",
            );
            if ui
                .button("No passphrase — this computer's disk is encrypted")
                .clicked()
            {
                out.push(access(AccessCommand::SetUp(Key::None)));
            }
            ui.label(
                RichText::new(
                    "Clients will say so at the top for as long as the records have no \
                     passphrase; you can add one later.",
                )
                .weak(),
            );
        });
        out
    }

    /// Locked: nothing about any client is shown or held until the passphrase is entered.
    pub(super) fn lock_ui(&mut self, ui: &mut Ui, book: &ClientsBook) -> Vec<Command> {
        let mut out = Vec::new();
        let plain = book
            .path()
            .is_some_and(|p| privacy::file_state(p) == privacy::FileState::Plain);
        egui::CentralPanel::default().show(ui, |ui| {
            ui.set_max_width(560.0);
            crate::ui::heading(ui, "Client records are locked");
            ui.label("Explore, Plan and Study work as usual while the records are locked.");
            ui.add_space(8.0);
            if plain {
                if ui.button("Show the records").clicked() {
                    out.push(access(AccessCommand::Unlock(String::new())));
                }
                return;
            }
            let a = &mut self.access;
            let mut go = false;
            let r = password(ui, &mut a.pass, "Passphrase", "");
            if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                go = true;
            }
            if ui.button("Unlock").clicked() {
                go = true;
            }
            if go {
                out.push(access(AccessCommand::Unlock(std::mem::take(&mut a.pass))));
            }
            if let Some(e) = &book.unlock_error {
                ui.label(RichText::new(e).color(theme::warning_text(ui.visuals().dark_mode)));
            }
        });
        out
    }

    /// The bar above every Clients screen while the records are open.
    pub(super) fn records_bar(
        &mut self,
        ui: &mut Ui,
        book: &ClientsBook,
        privacy_on: bool,
        lock_minutes: u32,
    ) -> Vec<Command> {
        let mut out = Vec::new();
        let dark = ui.visuals().dark_mode;
        egui::Panel::top("records_bar").show(ui, |ui| {
            crate::ui::regions::landing(ui, "Records bar");
            ui.horizontal_wrapped(|ui| {
                if ui
                    .button("Lock")
                    .on_hover_text("Hide every client until the passphrase is entered (Ctrl+L)")
                    .clicked()
                {
                    out.push(access(AccessCommand::Lock));
                }
                let mut p = privacy_on;
                if ui
                    .checkbox(&mut p, "Initials only")
                    .on_hover_text(
                        "Privacy mode: names are shown as initials, for a screen others can see",
                    )
                    .changed()
                {
                    out.push(Command::SetPrivacy(p));
                }
                ui.label("Lock after");
                let combo = egui::ComboBox::from_id_salt("lock_after")
                    .selected_text(format!("{lock_minutes} min idle"))
                    .show_ui(ui, |ui| {
                        for m in [2, 5, 10, 15, 30, 60] {
                            if ui
                                .selectable_label(lock_minutes == m, format!("{m} min idle"))
                                .clicked()
                            {
                                out.push(Command::SetLockMinutes(m));
                            }
                        }
                    });
                crate::ui::name_value(
                    ui,
                    &combo.response,
                    "Lock after",
                    format!("{lock_minutes} minutes idle"),
                );
                ui.separator();
                if ui.button("Back up records…").clicked() {
                    out.push(Command::PickFile(FilePurpose::BackupRecords));
                }
                if ui.button("Restore…").clicked() {
                    out.push(Command::PickFile(FilePurpose::RestoreRecords));
                }
                if ui.button("Passphrase…").clicked() {
                    self.access.change = Some(String::new());
                    self.access.pass.clear();
                    self.access.again.clear();
                    self.access.change_to_none = false;
                }
            });
            if !book.is_encrypted() {
                ui.label(
                    RichText::new(
                        "No passphrase: reflexmap does not encrypt these records, as chosen \
                         because this computer's disk is encrypted. Passphrase… adds one.",
                    )
                    .color(theme::warning_text(dark)),
                );
            }
            if book.backup_due {
                ui.label(
                    RichText::new(
                        "Back up soon: the records changed since the last backup, over 30 days \
                         ago (or there is none yet).",
                    )
                    .color(theme::warning_text(dark)),
                );
            }
        });
        self.change_dialog(ui.ctx(), book, &mut out);
        self.restore_dialogs(ui.ctx(), book, &mut out);
        out
    }

    fn change_dialog(&mut self, ctx: &egui::Context, book: &ClientsBook, out: &mut Vec<Command>) {
        let Some(mut current) = self.access.change.take() else {
            return;
        };
        let mut close = false;
        egui::Modal::new(egui::Id::unique("change_passphrase")).show(ctx, |ui| {
            ui.set_width(460.0);
            crate::ui::heading(ui, "Passphrase");
            if book.is_encrypted() {
                password(ui, &mut current, "Current passphrase", "");
            }
            ui.checkbox(
                &mut self.access.change_to_none,
                "No passphrase (only on a computer with an encrypted disk)",
            );
            let a = &mut self.access;
            let ok = if a.change_to_none {
                true
            } else {
                password(ui, &mut a.pass, "New passphrase", "at least 8 characters");
                password(ui, &mut a.again, "New passphrase again", "");
                if !a.pass.is_empty() {
                    strength_label(ui, &a.pass);
                }
                ui.label(RichText::new(LOST).weak());
                privacy::check_new_passphrase(&a.pass, &a.again).is_none()
            };
            ui.horizontal(|ui| {
                if ui.add_enabled(ok, egui::Button::new("Change")).clicked() {
                    let new = if a.change_to_none {
                        Key::None
                    } else {
                        Key::Passphrase(std::mem::take(&mut a.pass))
                    };
                    out.push(access(AccessCommand::ChangeKey {
                        current: std::mem::take(&mut current),
                        new,
                    }));
                    a.again.clear();
                    close = true;
                }
                if ui.button("Cancel").clicked() {
                    close = true;
                }
            });
        });
        if !close {
            self.access.change = Some(current);
        }
    }

    fn restore_dialogs(&mut self, ctx: &egui::Context, book: &ClientsBook, out: &mut Vec<Command>) {
        if let Some(file) = &book.restore_needs_passphrase {
            egui::Modal::new(egui::Id::unique("restore_passphrase")).show(ctx, |ui| {
                ui.set_width(460.0);
                crate::ui::heading(ui, "Passphrase of this backup");
                ui.label(format!(
                    "{} does not open with the records' passphrase. It may have been made \
                     under an earlier one.",
                    file.display()
                ));
                password(ui, &mut self.access.pass, "Backup passphrase", "");
                ui.horizontal(|ui| {
                    if ui.button("Check the backup").clicked() {
                        out.push(access(AccessCommand::CheckRestore(
                            file.clone(),
                            Some(std::mem::take(&mut self.access.pass)),
                        )));
                    }
                    if ui.button("Cancel").clicked() {
                        out.push(access(AccessCommand::CancelRestore));
                    }
                });
            });
        }
        if let Some(p) = &book.pending_restore {
            egui::Modal::new(egui::Id::unique("restore_confirm")).show(ctx, |ui| {
                ui.set_width(480.0);
                crate::ui::heading(ui, "Restore this backup?");
                ui.label(format!(
                    "{} is sound: {} clients and {} sessions (records version {}).",
                    p.path.display(),
                    p.check.clients,
                    p.check.sessions,
                    p.check.version
                ));
                ui.label(
                    "It replaces the records on this computer. The records as they are now \
                     are kept beside the records file (…before-restore-…), not deleted.",
                );
                ui.horizontal(|ui| {
                    if ui.button("Restore").clicked() {
                        out.push(access(AccessCommand::ConfirmRestore));
                    }
                    if ui.button("Cancel").clicked() {
                        out.push(access(AccessCommand::CancelRestore));
                    }
                });
            });
        }
    }

    /// The client page's "Export everything" and "Erase this client" buttons, and the erase
    /// dialog (the client's name typed to confirm).
    pub(super) fn rights_ui(&mut self, ui: &mut Ui, rec: &ClientRecord, out: &mut Vec<Command>) {
        ui.horizontal_wrapped(|ui| {
            ui.label("Client's rights");
            if ui
                .button("Export everything about this client…")
                .on_hover_text("A folder with the whole record, the report, CSV files and photos")
                .clicked()
            {
                out.push(Command::PickFile(FilePurpose::ExportAll));
            }
            if ui.button("Erase this client…").clicked() {
                self.access.erase = Some((rec.id, String::new()));
            }
        });
        let Some((id, typed)) = &mut self.access.erase else {
            return;
        };
        if *id != rec.id {
            self.access.erase = None;
            return;
        }
        let mut close = false;
        egui::Modal::new(egui::Id::unique("erase_client")).show(ui.ctx(), |ui| {
            ui.set_width(480.0);
            crate::ui::heading(ui, "Erase this client?");
            ui.label(format!(
                "Everything about {} is deleted: details, consent, every session (signed ones \
                 too), scores, notes, addenda, follow-ups, findings and photos. It cannot be \
                 undone. Erasure on request comes before keeping a signed record, so signed \
                 notes go too. Backups made earlier still hold them.",
                rec.details.name
            ));
            ui.label("Type the client's name to confirm:");
            let r = ui.add(egui::TextEdit::singleline(typed).desired_width(300.0));
            name_control(ui, &r, "Client's name to confirm erasure");
            let matches = typed.trim() == rec.details.name.trim();
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(matches, egui::Button::new("Erase for good"))
                    .clicked()
                {
                    out.push(access(AccessCommand::Erase(rec.id)));
                    close = true;
                }
                if ui.button("Cancel").clicked() {
                    close = true;
                }
            });
        });
        if close {
            self.access.erase = None;
        }
    }
}
