//! The 24 / 48 h follow-up form: the same scores, the aftercare sheet's items, and its urgent
//! signs with their advice.

use egui::{RichText, Ui};

use super::{ClientsView, wrap};
use crate::model::Library;
use crate::records::book::{ClientsCommand, SessionEdit};
use crate::records::{Change, FOLLOWUP_ITEMS, Side, Symptom, UrgentSign, date};
use crate::ui::{Command, name_control, theme};

impl ClientsView {
    pub(super) fn followup_form(
        &mut self,
        ctx: &egui::Context,
        edit: &SessionEdit,
        library: &Library,
    ) -> Vec<Command> {
        let mut out = Vec::new();
        let Some(f) = &mut self.followup else {
            return out;
        };
        let mut close = false;
        egui::Modal::new(egui::Id::unique("followup_form")).show(ctx, |ui| {
            ui.set_width(1000.0_f32.min(ctx.content_rect().width() - 60.0));
            crate::ui::heading(
                ui,
                format!(
                    "{} h follow-up of the session of {}",
                    f.hours, edit.session.date
                ),
            );
            egui::ScrollArea::vertical()
                .max_height(ctx.content_rect().height() - 160.0)
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        let l = ui.label("Date of the follow-up");
                        ui.add(egui::TextEdit::singleline(&mut f.date).desired_width(100.0))
                            .labelled_by(l.id);
                        if date::parse(&f.date).is_err() {
                            ui.label(
                                RichText::new("write it YYYY-MM-DD")
                                    .color(theme::warning_text(ui.visuals().dark_mode)),
                            );
                        }
                    });
                    ui.add_space(4.0);
                    ui.horizontal_top(|ui| {
                        ui.vertical(|ui| {
                            ui.set_width(560.0);
                            ui.label(
                                RichText::new("Since the session, compared with before").strong(),
                            );
                            egui::Grid::new("followup_items")
                                .num_columns(2)
                                .spacing([10.0, 4.0])
                                .show(ui, |ui| {
                                    for (item, slot) in
                                        FOLLOWUP_ITEMS.iter().zip(f.items.iter_mut())
                                    {
                                        ui.label(*item);
                                        ui.horizontal(|ui| {
                                            for c in Change::ALL {
                                                let r = ui.selectable_label(*slot == c, c.label());
                                                name_control(
                                                    ui,
                                                    &r,
                                                    format!("{item}: {}", c.label()),
                                                );
                                                if r.clicked() {
                                                    *slot = c;
                                                }
                                            }
                                        });
                                        ui.end_row();
                                    }
                                });
                            ui.add_space(6.0);
                            ui.label(
                                RichText::new("Urgent signs (from the aftercare sheet)").strong(),
                            );
                            for sign in UrgentSign::ALL {
                                let mut on = f.urgent.contains(&sign);
                                if ui.checkbox(&mut on, sign.label()).changed() {
                                    if on {
                                        f.urgent.push(sign);
                                        f.urgent.sort();
                                    } else {
                                        f.urgent.retain(|s| *s != sign);
                                    }
                                }
                                if on
                                    && let Some(advice) = library.aftercare.urgent.get(sign.index())
                                {
                                    ui.label(
                                        RichText::new(format!("→ {advice}"))
                                            .color(theme::warning_text(ui.visuals().dark_mode))
                                            .strong(),
                                    );
                                }
                            }
                        });
                        // Why not a separator: in a scroll area it stretches to the height on
                        // offer, and the form would grow every frame.
                        ui.add_space(16.0);
                        ui.vertical(|ui| {
                            ui.label(
                                RichText::new("Scores now (0–10, empty = not asked)").strong(),
                            );
                            score_grid(ui, &mut f.scores, &mut self.followup_text);
                            ui.add_space(6.0);
                            let l = ui.label("Note (the client's words)");
                            ui.add(
                                egui::TextEdit::multiline(&mut f.note)
                                    .desired_rows(4)
                                    .desired_width(360.0),
                            )
                            .labelled_by(l.id);
                        });
                    });
                });
            ui.separator();
            ui.horizontal(|ui| {
                let ok = date::parse(&f.date).is_ok();
                if ui
                    .add_enabled(ok, egui::Button::new("Save follow-up"))
                    .clicked()
                {
                    out.push(wrap(ClientsCommand::AddFollowup(f.clone())));
                    close = true;
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    close = true;
                }
                ui.label(RichText::new("A saved follow-up cannot be changed.").weak());
            });
        });
        if close {
            self.followup = None;
        }
        out
    }
}

/// One 0–10 box per symptom (per foot where it applies), edited in place.
fn score_grid(
    ui: &mut Ui,
    scores: &mut crate::records::Scores,
    texts: &mut std::collections::HashMap<(Symptom, Side), String>,
) {
    egui::Grid::new("followup_scores")
        .num_columns(4)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            ui.label("");
            ui.strong("left");
            ui.strong("right");
            ui.strong("both / one score");
            ui.end_row();
            for symptom in Symptom::ALL {
                ui.label(symptom.label());
                for side in [Side::Left, Side::Right, Side::Both] {
                    if side != Side::Both && !symptom.per_foot() {
                        ui.label("");
                        continue;
                    }
                    let mut text = texts.get(&(symptom, side)).cloned().unwrap_or_else(|| {
                        scores
                            .get(symptom, side)
                            .map(|v| v.to_string())
                            .unwrap_or_default()
                    });
                    let t = text.trim();
                    let parsed = if t.is_empty() {
                        Some(None)
                    } else {
                        t.parse::<u8>().ok().filter(|v| *v <= 10).map(Some)
                    };
                    let mut te = egui::TextEdit::singleline(&mut text)
                        .desired_width(32.0)
                        .align(egui::Align2::CENTER_CENTER);
                    if parsed.is_none() {
                        te = te.background_color(theme::error_fill(ui.visuals().dark_mode));
                    }
                    let r = ui.add(te);
                    name_control(ui, &r, format!("{}{} now", symptom.label(), side.suffix()));
                    if r.changed() {
                        if let Some(v) = parsed_of(&text) {
                            scores.set(symptom, side, v);
                        }
                        texts.insert((symptom, side), text);
                    }
                }
                ui.end_row();
            }
        });
}

fn parsed_of(text: &str) -> Option<Option<u8>> {
    let t = text.trim();
    if t.is_empty() {
        return Some(None);
    }
    t.parse::<u8>().ok().filter(|v| *v <= 10).map(Some)
}
