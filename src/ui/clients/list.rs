//! The client list: search, sortable columns, arrow keys and Enter, and "New client".

use egui::{Key, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::{ClientsView, SortKey, wrap};
use crate::records::book::{ClientsBook, ClientsCommand};
use crate::records::{Background, ClientDetails, ClientSummary, date};
use crate::ui::{Command, theme};

impl ClientsView {
    /// The rows shown: filtered by the search text (name or initials, any case), sorted.
    pub fn shown<'a>(&self, list: &'a [ClientSummary]) -> Vec<&'a ClientSummary> {
        let needle = self.search.trim().to_lowercase();
        let mut rows: Vec<&ClientSummary> = list
            .iter()
            .filter(|c| {
                needle.is_empty()
                    || c.name.to_lowercase().contains(&needle)
                    || c.initials.to_lowercase().contains(&needle)
            })
            .collect();
        let (key, descending) = self.sort;
        rows.sort_by(|a, b| {
            let o = match key {
                SortKey::Name => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
                SortKey::Sessions => a.sessions.cmp(&b.sessions),
                SortKey::LastSession => a.last_session.cmp(&b.last_session),
                SortKey::FollowupDue => a
                    .followup_due
                    .as_ref()
                    .map(|d| &d.date)
                    .cmp(&b.followup_due.as_ref().map(|d| &d.date)),
            };
            let o = o.then(a.id.cmp(&b.id));
            if descending { o.reverse() } else { o }
        });
        rows
    }

    pub(super) fn list_ui(&mut self, ui: &mut Ui, book: &ClientsBook) -> Vec<Command> {
        let mut out = Vec::new();
        egui::CentralPanel::default().show(ui, |ui| {
            crate::ui::regions::landing(ui, "Clients");
            ui.horizontal(|ui| {
                crate::ui::heading(ui, "Clients");
                ui.add_space(12.0);
                let l = ui.label("Search clients");
                let r = ui
                    .add(
                        egui::TextEdit::singleline(&mut self.search)
                            .hint_text("name or initials")
                            .desired_width(220.0),
                    )
                    .labelled_by(l.id);
                if r.changed() {
                    self.cursor = 0;
                }
                if ui.button("New client").clicked() {
                    self.new_client = Some(ClientDetails::default());
                }
            });
            ui.label(
                RichText::new(format!(
                    "{} clients. Records stay on this computer{}.",
                    book.list.len(),
                    book.path()
                        .map(|p| format!(" ({})", p.display()))
                        .unwrap_or_default()
                ))
                .weak()
                .small(),
            );
            ui.add_space(4.0);
            let rows = self.shown(&book.list);
            if book.list.is_empty() {
                ui.add_space(20.0);
                ui.label("No clients yet. \"New client\" starts a record.");
            } else if rows.is_empty() {
                ui.label("No client matches the search.");
            }
            // Keyboard: arrows move the highlighted row, Enter opens it (when no text field
            // other than the search has the keyboard).
            let typing_elsewhere =
                ui.ctx().memory(|m| m.focused().is_some()) && !ui.ctx().egui_wants_keyboard_input();
            if !rows.is_empty() && !typing_elsewhere && self.new_client.is_none() {
                let (down, up, enter) = ui.input(|i| {
                    (
                        i.key_pressed(Key::ArrowDown),
                        i.key_pressed(Key::ArrowUp),
                        i.key_pressed(Key::Enter),
                    )
                });
                if down {
                    self.cursor = (self.cursor + 1).min(rows.len() - 1);
                }
                if up {
                    self.cursor = self.cursor.saturating_sub(1);
                }
                self.cursor = self.cursor.min(rows.len() - 1);
                if enter {
                    out.push(wrap(ClientsCommand::SelectClient(rows[self.cursor].id)));
                }
            }
            if !rows.is_empty() {
                self.table(ui, &rows, &mut out);
            }
        });
        out.extend(self.new_client_ui(ui.ctx()));
        out
    }

    fn table(&mut self, ui: &mut Ui, rows: &[&ClientSummary], out: &mut Vec<Command>) {
        let today = date::today_iso();
        let dark = ui.visuals().dark_mode;
        let header = |ui: &mut Ui, view: &mut Self, key: SortKey, title: &str| {
            let (k, desc) = view.sort;
            let arrow = match (k == key, desc) {
                (true, false) => " ▲",
                (true, true) => " ▼",
                _ => "",
            };
            let r = ui
                .add(
                    egui::Button::new(RichText::new(format!("{title}{arrow}")).strong())
                        .frame(false),
                )
                .on_hover_text(format!("Sort by {}", title.to_lowercase()));
            if r.clicked() {
                view.sort = if k == key { (key, !desc) } else { (key, false) };
            }
        };
        TableBuilder::new(ui)
            .striped(true)
            .sense(egui::Sense::click())
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::remainder().at_least(200.0).clip(true))
            .column(Column::exact(80.0))
            .column(Column::exact(80.0))
            .column(Column::exact(120.0))
            .column(Column::exact(200.0))
            .header(26.0, |mut h| {
                h.col(|ui| header(ui, self, SortKey::Name, "Name"));
                h.col(|ui| {
                    ui.strong("Initials");
                });
                h.col(|ui| header(ui, self, SortKey::Sessions, "Sessions"));
                h.col(|ui| header(ui, self, SortKey::LastSession, "Last session"));
                h.col(|ui| header(ui, self, SortKey::FollowupDue, "Follow-up due"));
            })
            .body(|mut body| {
                for (i, c) in rows.iter().enumerate() {
                    body.row(26.0, |mut row| {
                        row.set_selected(i == self.cursor);
                        row.col(|ui| {
                            let shown = if self.privacy { &c.initials } else { &c.name };
                            let r = ui.add(egui::Button::new(shown).frame(false));
                            if r.clicked() {
                                out.push(wrap(ClientsCommand::SelectClient(c.id)));
                            }
                            if c.urgent {
                                ui.label(
                                    RichText::new("⚠ urgent sign reported")
                                        .color(theme::warning_text(dark))
                                        .small(),
                                );
                            }
                        });
                        row.col(|ui| {
                            ui.label(&c.initials);
                        });
                        row.col(|ui| {
                            ui.label(c.sessions.to_string());
                        });
                        row.col(|ui| {
                            ui.label(c.last_session.as_deref().unwrap_or("—"));
                        });
                        row.col(|ui| match &c.followup_due {
                            Some(d) => {
                                let text = if d.date < today {
                                    format!("{} h, overdue since {}", d.hours, d.date)
                                } else {
                                    format!("{} h on {}", d.hours, d.date)
                                };
                                let mut t = RichText::new(text);
                                if d.date <= today {
                                    t = t.color(theme::warning_text(dark));
                                }
                                ui.label(t);
                            }
                            None => {
                                ui.label("—");
                            }
                        });
                        if row.response().clicked() {
                            out.push(wrap(ClientsCommand::SelectClient(c.id)));
                        }
                    });
                }
            });
    }

    fn new_client_ui(&mut self, ctx: &egui::Context) -> Vec<Command> {
        let mut out = Vec::new();
        let Some(d) = &mut self.new_client else {
            return out;
        };
        let mut close = false;
        egui::Modal::new(egui::Id::unique("new_client")).show(ctx, |ui| {
            ui.set_width(420.0);
            crate::ui::heading(ui, "New client");
            details_form(ui, d, "new");
            ui.add_space(6.0);
            let ok = !d.name.trim().is_empty();
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(ok, egui::Button::new("Add client"))
                    .on_disabled_hover_text("A name (or initials) is needed")
                    .clicked()
                {
                    out.push(wrap(ClientsCommand::AddClient(d.clone())));
                    close = true;
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
                    close = true;
                }
            });
        });
        if close {
            self.new_client = None;
        }
        out
    }
}

/// Name, initials, year of birth, background, medicines, conditions, referrer, note and the
/// three consents with their dates. Edits `d` in place; the caller decides when to save.
pub(super) fn details_form(ui: &mut Ui, d: &mut ClientDetails, salt: &str) {
    egui::Grid::new(("client_details", salt))
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            let text_row = |ui: &mut Ui, label: &str, value: &mut String, hint: &str| {
                let l = ui.label(label);
                ui.add(
                    egui::TextEdit::singleline(value)
                        .hint_text(hint)
                        .desired_width(240.0),
                )
                .labelled_by(l.id);
                ui.end_row();
            };
            text_row(ui, "Name", &mut d.name, "as the client writes it");
            text_row(ui, "Initials", &mut d.initials, "used on printed plans");
            let l = ui.label("Year of birth");
            let mut born = d.born.map(|y| y.to_string()).unwrap_or_default();
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut born)
                        .hint_text("e.g. 1956")
                        .desired_width(80.0),
                )
                .labelled_by(l.id);
            if r.changed() {
                let t = born.trim();
                if t.is_empty() {
                    d.born = None;
                } else if let Ok(y) = t.parse::<i32>() {
                    d.born = Some(y);
                }
            }
            ui.end_row();
            ui.label("Neuropathy background");
            let r = egui::ComboBox::from_id_salt(("background", salt))
                .selected_text(d.background.label())
                .show_ui(ui, |ui| {
                    for b in Background::ALL {
                        ui.selectable_value(&mut d.background, b, b.label());
                    }
                });
            super::super::name_control(ui, &r.response, "Neuropathy background");
            ui.end_row();
            text_row(ui, "Medicines", &mut d.medicines, "free text");
            text_row(ui, "Conditions", &mut d.conditions, "free text");
            text_row(ui, "GP or referrer", &mut d.referrer, "");
            text_row(ui, "Note", &mut d.note, "");
        });
    ui.add_space(4.0);
    ui.label(RichText::new("Consent on record").strong());
    let today = date::today_iso();
    for (label, slot) in [
        ("Consent to treatment", &mut d.consent.treatment),
        ("Consent to photos", &mut d.consent.photos),
        ("Consent to share a report", &mut d.consent.sharing),
    ] {
        ui.horizontal(|ui| {
            let mut on = slot.is_some();
            if ui.checkbox(&mut on, label).changed() {
                *slot = on.then(|| today.clone());
            }
            if let Some(date) = slot {
                let r = ui.add(egui::TextEdit::singleline(date).desired_width(90.0));
                super::super::name_control(ui, &r, format!("{label}: date given"));
                if date::parse(date).is_err() {
                    ui.label(
                        RichText::new("YYYY-MM-DD")
                            .small()
                            .color(theme::warning_text(ui.visuals().dark_mode)),
                    );
                }
            }
        });
    }
}
