//! The zone search field (Ctrl+F) with its result list.

use egui::{Key, RichText, Ui};

use super::{Command, theme};
use crate::model::Chart;
use crate::search::ZoneSearch;

/// Search field state.
#[derive(Debug, Default)]
pub struct SearchBar {
    /// The query text.
    pub query: String,
    /// Highlighted result (keyboard).
    pub cursor: usize,
    /// Ask for focus on the next frame (Ctrl+F).
    pub focus_next: bool,
}

/// How many results to list.
const MAX_RESULTS: usize = 8;

impl SearchBar {
    /// The field and, while it has text, the results below it.
    pub fn ui(&mut self, ui: &mut Ui, chart: &Chart, search: &mut ZoneSearch) -> Vec<Command> {
        let mut commands = Vec::new();
        // Why it narrows: on a 1280 px window the toolbar then stays one row, and the chart
        // keeps its height; below 110 px it wraps instead.
        let width = (ui.available_size_before_wrap().x - 20.0).clamp(110.0, 200.0);
        let edit = egui::TextEdit::singleline(&mut self.query)
            .hint_text("Find a zone")
            .desired_width(width);
        let response = ui.add(edit);
        ui.ctx().accesskit_node_builder(response.id, |n| {
            n.set_label("Find a zone by name, body part or system");
        });
        let response = response.on_hover_text("Search by zone name, body part or system (Ctrl+F)");
        if self.focus_next {
            response.request_focus();
            self.focus_next = false;
        }
        if response.changed() {
            self.cursor = 0;
        }
        let hits = search.query(&self.query, MAX_RESULTS);
        if response.has_focus() && !hits.is_empty() {
            let (down, up) =
                ui.input(|i| (i.key_pressed(Key::ArrowDown), i.key_pressed(Key::ArrowUp)));
            if down {
                self.cursor = (self.cursor + 1).min(hits.len() - 1);
            }
            if up {
                self.cursor = self.cursor.saturating_sub(1);
            }
        }
        let enter = response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        if enter && let Some(hit) = hits.get(self.cursor.min(hits.len().saturating_sub(1))) {
            commands.push(Command::RevealZone(hit.zone));
            self.query.clear();
        }
        // Why lost_focus too: the text field itself gives up the focus on Esc, in this frame.
        let escaped = response.has_focus() || response.lost_focus();
        if escaped && ui.input(|i| i.key_pressed(Key::Escape)) {
            self.query.clear();
            response.surrender_focus();
        }
        if !self.query.trim().is_empty() {
            let pos = response.rect.left_bottom() + egui::vec2(0.0, 4.0);
            egui::Area::new(ui.make_persistent_id("search_results"))
                .order(egui::Order::Foreground)
                .fixed_pos(pos)
                .show(ui.ctx(), |ui| {
                    egui::Frame::popup(ui.style()).show(ui, |ui| {
                        ui.set_min_width(response.rect.width());
                        if crate::search::complaint_without_area(&self.query) {
                            ui.set_max_width(response.rect.width().max(320.0));
                            ui.label(RichText::new(crate::search::COMPLAINT_NO_AREA).weak());
                        } else if hits.is_empty() {
                            ui.label(RichText::new("No zone matches").weak());
                        }
                        // Why: a complaint word must not turn the chart into a
                        // point-for-your-complaint finder.
                        if hits.iter().any(|h| h.via_complaint) {
                            ui.set_max_width(response.rect.width().max(320.0));
                            if let Some((word, part)) = crate::search::complaint_in(&self.query) {
                                ui.label(
                                    RichText::new(format!(
                                        "“{word}” is a complaint: showing areas the tradition \
                                         links to the {part}."
                                    ))
                                    .strong(),
                                );
                            }
                            ui.label(RichText::new(crate::search::COMPLAINT_NOTE).weak());
                        }
                        for (i, hit) in hits.iter().enumerate() {
                            let zone = &chart.zone_at(hit.zone);
                            let text =
                                RichText::new(format!("{}  ·  {}", zone.name, zone.system.label()));
                            let r = ui.horizontal(|ui| {
                                let (rect, p) = ui
                                    .allocate_painter(egui::vec2(10.0, 10.0), egui::Sense::hover());
                                p.circle_filled(
                                    rect.rect.center(),
                                    4.5,
                                    theme::system_color(zone.system),
                                );
                                ui.selectable_label(i == self.cursor, text)
                            });
                            if r.inner.clicked() {
                                commands.push(Command::RevealZone(hit.zone));
                                self.query.clear();
                            }
                        }
                    });
                });
        }
        commands
    }
}
