//! The "Evidence & sources" window: every graded claim and citation, filterable, linked to the
//! zones that use each claim.

use egui::{RichText, Ui};

use super::detail_panel::{badge, claim_ui};
use super::{Command, theme};
use crate::model::{Chart, Grade, Library, ZoneIdx};

/// Which list the window shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EvidenceTab {
    /// Graded claims.
    #[default]
    Claims,
    /// Published sources.
    Citations,
    /// Sources of the chart's placements.
    ChartSources,
}

/// Window state.
#[derive(Debug, Default)]
pub struct EvidenceWindow {
    /// Whether it is shown.
    pub open: bool,
    /// Current tab.
    pub tab: EvidenceTab,
    /// Only this grade (None = all).
    pub grade: Option<Grade>,
    /// Only this topic (None = all).
    pub topic: Option<String>,
    /// Free-text filter.
    pub text: String,
    /// A claim to bring into view once.
    pub focus_claim: Option<String>,
}

impl EvidenceWindow {
    /// Open on a claim (or just open).
    pub fn open_on(&mut self, claim: Option<String>) {
        self.open = true;
        self.tab = EvidenceTab::Claims;
        if claim.is_some() {
            self.grade = None;
            self.topic = None;
            self.text.clear();
        }
        self.focus_claim = claim;
    }

    /// Draw the window if open.
    pub fn show(&mut self, ctx: &egui::Context, chart: &Chart, lib: &Library) -> Vec<Command> {
        let mut commands = Vec::new();
        let mut open = self.open;
        egui::Window::new("Evidence & sources")
            .open(&mut open)
            .default_size([560.0, 620.0])
            .vscroll(false)
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    ui.selectable_value(
                        &mut self.tab,
                        EvidenceTab::Claims,
                        format!("Claims ({})", lib.evidence.claims.len()),
                    );
                    ui.selectable_value(
                        &mut self.tab,
                        EvidenceTab::Citations,
                        format!("Citations ({})", lib.evidence.citations.len()),
                    );
                    ui.selectable_value(
                        &mut self.tab,
                        EvidenceTab::ChartSources,
                        format!("Chart sources ({})", lib.evidence.chart_sources.len()),
                    );
                });
                ui.separator();
                match self.tab {
                    EvidenceTab::Claims => commands.extend(self.claims_ui(ui, chart, lib)),
                    EvidenceTab::Citations => commands.extend(self.citations_ui(ui, lib)),
                    EvidenceTab::ChartSources => chart_sources_ui(ui, lib),
                }
            });
        self.open = open;
        commands
    }

    fn claims_ui(&mut self, ui: &mut Ui, chart: &Chart, lib: &Library) -> Vec<Command> {
        let mut commands = Vec::new();
        let mut topics: Vec<&str> = lib
            .evidence
            .claims
            .iter()
            .map(|c| c.topic.as_str())
            .collect();
        topics.sort_unstable();
        topics.dedup();
        ui.horizontal_wrapped(|ui| {
            egui::ComboBox::from_label("Grade")
                .selected_text(self.grade.map_or("All grades", |g| g.label()))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.grade, None, "All grades");
                    for g in Grade::ALL {
                        ui.selectable_value(&mut self.grade, Some(g), g.label());
                    }
                });
            egui::ComboBox::from_label("Topic")
                .selected_text(self.topic.clone().unwrap_or_else(|| "All topics".into()))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.topic, None, "All topics");
                    for t in &topics {
                        ui.selectable_value(&mut self.topic, Some((*t).to_owned()), *t);
                    }
                });
            let label = ui.label("Text");
            ui.add(
                egui::TextEdit::singleline(&mut self.text)
                    .hint_text("filter")
                    .desired_width(140.0),
            )
            .labelled_by(label.id);
        });
        let needle = self.text.to_lowercase();
        let shown: Vec<_> = lib
            .evidence
            .claims
            .iter()
            .filter(|c| self.grade.is_none_or(|g| g == c.grade))
            .filter(|c| self.topic.as_deref().is_none_or(|t| t == c.topic))
            .filter(|c| {
                needle.is_empty()
                    || c.claim.to_lowercase().contains(&needle)
                    || c.plain.to_lowercase().contains(&needle)
            })
            .collect();
        ui.label(
            RichText::new(format!(
                "{} of {} claims",
                shown.len(),
                lib.evidence.claims.len()
            ))
            .weak(),
        );
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for claim in shown {
                    let focused = self.focus_claim.as_deref() == Some(claim.id.as_str());
                    let fill = if focused {
                        theme::disagree_fill(ui.visuals().dark_mode)
                    } else {
                        ui.visuals().faint_bg_color
                    };
                    let r = egui::Frame::new()
                        .fill(fill)
                        .corner_radius(6)
                        .inner_margin(8)
                        .show(ui, |ui| {
                            ui.set_width(ui.available_width());
                            ui.label(
                                RichText::new(format!("{} · {}", claim.id, claim.topic))
                                    .weak()
                                    .small(),
                            );
                            commands.extend(claim_ui(ui, claim, lib, false));
                            let zones: Vec<ZoneIdx> = chart
                                .indexed_zones()
                                .filter(|(_, z)| z.caveats.contains(&claim.id))
                                .map(|(i, _)| i)
                                .collect();
                            if !zones.is_empty() {
                                ui.horizontal_wrapped(|ui| {
                                    ui.label(
                                        RichText::new(format!(
                                            "Zones citing it ({}):",
                                            zones.len()
                                        ))
                                        .weak(),
                                    );
                                    for zi in zones {
                                        if ui.small_button(&chart.zone_at(zi).name).clicked() {
                                            commands.push(Command::RevealZone(zi));
                                        }
                                    }
                                });
                            }
                        });
                    if focused {
                        r.response.scroll_to_me(Some(egui::Align::TOP));
                    }
                    ui.add_space(6.0);
                }
            });
        self.focus_claim = None;
        commands
    }

    fn citations_ui(&mut self, ui: &mut Ui, lib: &Library) -> Vec<Command> {
        let mut commands = Vec::new();
        ui.horizontal(|ui| {
            let label = ui.label("Filter");
            ui.add(
                egui::TextEdit::singleline(&mut self.text)
                    .hint_text("author, title or journal")
                    .desired_width(220.0),
            )
            .labelled_by(label.id);
        });
        let needle = self.text.to_lowercase();
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for c in lib.evidence.citations.iter().filter(|c| {
                    needle.is_empty()
                        || format!("{} {} {}", c.authors, c.title, c.journal)
                            .to_lowercase()
                            .contains(&needle)
                }) {
                    egui::Frame::new()
                        .fill(ui.visuals().faint_bg_color)
                        .corner_radius(6)
                        .inner_margin(8)
                        .show(ui, |ui| {
                            ui.set_width(ui.available_width());
                            ui.label(RichText::new(format!("{} ({})", c.title, c.year)).strong());
                            ui.label(
                                RichText::new(format!("{} · {}", c.authors, c.journal)).weak(),
                            );
                            ui.label(format!("{}. {}", c.design, c.conclusion));
                            ui.horizontal_wrapped(|ui| {
                                if let Some(doi) = &c.doi
                                    && ui.link(format!("doi:{doi}")).clicked()
                                {
                                    commands
                                        .push(Command::OpenUrl(format!("https://doi.org/{doi}")));
                                }
                                if let Some(pmid) = &c.pmid
                                    && ui.link(format!("PMID {pmid}")).clicked()
                                {
                                    commands.push(Command::OpenUrl(format!(
                                        "https://pubmed.ncbi.nlm.nih.gov/{pmid}/"
                                    )));
                                }
                                if let Some(u) = &c.unverified {
                                    badge(ui, "Unverified", theme::grade_color(Grade::Mixed))
                                        .on_hover_text(u);
                                }
                            });
                        });
                    ui.add_space(6.0);
                }
            });
        commands
    }
}

fn chart_sources_ui(ui: &mut Ui, lib: &Library) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            egui::Grid::new("chart_sources")
                .num_columns(3)
                .striped(true)
                .show(ui, |ui| {
                    for s in &lib.evidence.chart_sources {
                        ui.label(RichText::new(&s.key).monospace());
                        ui.label(&s.authority);
                        ui.add(egui::Label::new(&s.title).wrap());
                        ui.end_row();
                    }
                });
        });
}
