//! A client's page: details and consent on the left; new session, sessions and the trend
//! chart in the middle.

use egui::{Color32, RichText, Ui};
use egui_extras::{Column, TableBuilder};
use egui_plot::{Legend, Line, MarkerShape, Plot, PlotPoints, Points, VLine};

use super::list::details_form;
use super::{ClientsInput, ClientsView, wrap};
use crate::records::book::{ClientsCommand, SessionSource};
use crate::records::trend::{PointKind, series};
use crate::records::{ClientRecord, Session, TREND_CAVEAT, date};
use crate::ui::{Command, theme};

/// Colours of the trend lines, one per series in turn (distinct in light and dark themes).
const SERIES_COLORS: [Color32; 9] = [
    Color32::from_rgb(0x1f, 0x77, 0xb4),
    Color32::from_rgb(0xd6, 0x27, 0x28),
    Color32::from_rgb(0x2c, 0xa0, 0x2c),
    Color32::from_rgb(0xff, 0x7f, 0x0e),
    Color32::from_rgb(0x94, 0x67, 0xbd),
    Color32::from_rgb(0x8c, 0x56, 0x4b),
    Color32::from_rgb(0xe3, 0x77, 0xc2),
    Color32::from_rgb(0x17, 0xbe, 0xcf),
    Color32::from_rgb(0x7f, 0x7f, 0x7f),
];

impl ClientsView {
    pub(super) fn client_ui(
        &mut self,
        ui: &mut Ui,
        rec: &ClientRecord,
        input: &ClientsInput,
    ) -> Vec<Command> {
        let mut out = Vec::new();
        if self.details.as_ref().is_none_or(|(id, _)| *id != rec.id) {
            self.details = Some((rec.id, rec.details.clone()));
        }
        egui::Panel::left("client_details")
            .resizable(true)
            .default_size(380.0)
            .min_size(320.0)
            .show(ui, |ui| {
                crate::ui::regions::landing(ui, "Client details");
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        crate::ui::heading(ui, "Details");
                        if self.privacy {
                            ui.label(
                                RichText::new(
                                    "Hidden while \"Initials only\" is on: turn it off to see \
                                     or change the client's details.",
                                )
                                .weak(),
                            );
                            return;
                        }
                        let Some((_, d)) = &mut self.details else {
                            return;
                        };
                        details_form(ui, d, "page");
                        // Saved as typed, like a draft session, whenever what is typed is a
                        // valid record; until then the last valid details stay stored.
                        let changed = *d != rec.details;
                        let problem = details_problem(d);
                        ui.add_space(6.0);
                        match (&problem, changed) {
                            (Some(p), true) => {
                                ui.label(
                                    RichText::new(format!("Not saved yet: {p}"))
                                        .color(theme::warning_text(ui.visuals().dark_mode)),
                                );
                            }
                            (None, true) => {
                                out.push(wrap(ClientsCommand::UpdateClient(d.clone())));
                            }
                            _ => {
                                ui.label(RichText::new("Saved as you type").weak().small());
                            }
                        }
                        ui.add_space(8.0);
                        ui.label(
                            RichText::new(format!("Record created {}", rec.created))
                                .weak()
                                .small(),
                        );
                    });
            });
        egui::CentralPanel::default().show(ui, |ui| {
            crate::ui::regions::landing(ui, "Client record");
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        if ui.button("← All clients").clicked() {
                            out.push(wrap(ClientsCommand::ShowList));
                        }
                        crate::ui::heading(ui, self.who(&rec.details));
                        if let Some(y) = rec.details.born {
                            ui.label(RichText::new(format!("born {y}")).weak());
                        }
                    });
                    if rec.details.consent.treatment.is_none() {
                        ui.label(
                            RichText::new(
                                "⚠ No consent to treatment is on record. Record it before \
                                 signing a session.",
                            )
                            .color(theme::warning_text(ui.visuals().dark_mode)),
                        );
                    }
                    for flag in rec.open_urgent_flags() {
                        urgent_box(ui, &flag, input.library);
                    }
                    if let Some(due) = rec.followup_due() {
                        ui.label(format!(
                            "Follow-up due: {} h after the session of {} (on {}).",
                            due.hours,
                            rec.sessions.last().map_or("", |s| s.date.as_str()),
                            due.date
                        ));
                    }
                    ui.add_space(4.0);
                    self.new_session_ui(ui, rec, input, &mut out);
                    ui.add_space(4.0);
                    self.print_ui(ui, input, &mut out);
                    self.rights_ui(ui, rec, &mut out);
                    ui.add_space(8.0);
                    crate::ui::heading(ui, "Sessions");
                    if rec.sessions.is_empty() {
                        ui.label("No sessions recorded yet.");
                    } else {
                        sessions_table(ui, rec, &mut out);
                    }
                    ui.add_space(10.0);
                    trend_ui(ui, rec);
                    ui.add_space(10.0);
                    super::heat::touch_trend_ui(ui, rec);
                    ui.add_space(10.0);
                    self.heat_ui(ui, rec, input.chart, input.geometry);
                });
        });
        out
    }

    fn new_session_ui(
        &mut self,
        ui: &mut Ui,
        rec: &ClientRecord,
        input: &ClientsInput,
        out: &mut Vec<Command>,
    ) {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(RichText::new("New session").strong());
            ui.horizontal_wrapped(|ui| {
                let library = input.library;
                let chosen = self
                    .template
                    .clone()
                    .or_else(|| library.templates.first().map(|t| t.id.clone()));
                let name = chosen
                    .as_deref()
                    .and_then(|id| library.template(id))
                    .map_or("Choose…", |t| t.name.as_str());
                egui::ComboBox::from_label("Session template")
                    .selected_text(name)
                    .show_ui(ui, |ui| {
                        for t in &library.templates {
                            let label = format!("{} ({})", t.name, t.limb.both());
                            ui.selectable_value(&mut self.template, Some(t.id.clone()), label);
                        }
                    });
                if let Some(id) = chosen
                    && ui.button("Start from template").clicked()
                {
                    out.push(wrap(ClientsCommand::NewSession(SessionSource::Template(
                        id,
                    ))));
                }
                ui.separator();
                let has_plan = !input.open_plan.steps.is_empty();
                if ui
                    .add_enabled(has_plan, egui::Button::new("From the open plan"))
                    .on_hover_text("The plan in Plan mode: its steps and today's screening")
                    .on_disabled_hover_text("The plan in Plan mode has no steps")
                    .clicked()
                {
                    out.push(wrap(ClientsCommand::NewSession(SessionSource::OpenPlan(
                        Box::new(input.open_plan.clone()),
                    ))));
                }
                if ui
                    .add_enabled(
                        !rec.sessions.is_empty(),
                        egui::Button::new("From the last session"),
                    )
                    .on_hover_text(
                        "Its steps; last time's screening answers are shown to confirm, not copied",
                    )
                    .clicked()
                {
                    out.push(wrap(ClientsCommand::NewSession(SessionSource::LastSession)));
                }
            });
        });
    }
}

impl ClientsView {
    fn print_ui(&mut self, ui: &mut Ui, input: &ClientsInput, out: &mut Vec<Command>) {
        use crate::ui::FilePurpose;
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("Print and export").strong());
            if ui
                .button("Progress report…")
                .on_hover_text("A PDF for the client or a referrer, with the sections you choose")
                .clicked()
            {
                self.report_dialog = Some(input.book.report.clone());
            }
            let mut choice = input.book.report.clone();
            let r = egui::ComboBox::from_id_salt("diary_days")
                .selected_text(if choice.diary_days == 7 {
                    "7 days"
                } else {
                    "24–48 h"
                })
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut choice.diary_days, 2, "24–48 h");
                    ui.selectable_value(&mut choice.diary_days, 7, "7 days");
                });
            crate::ui::name_control(ui, &r.response, "Diary sheet length");
            if choice != input.book.report {
                out.push(wrap(ClientsCommand::SetReport(choice)));
            }
            if ui
                .button("Home diary sheet…")
                .on_hover_text("A sheet to fill in at home, with the client's name and the scales")
                .clicked()
            {
                out.push(Command::PickFile(FilePurpose::ExportDiarySheet));
            }
            if ui
                .button("Export scores (CSV)…")
                .on_hover_text("Every score of this client, one row each, for a spreadsheet")
                .clicked()
            {
                out.push(Command::PickFile(FilePurpose::ExportScoresCsv));
            }
        });
        let sharing = input
            .book
            .client
            .as_ref()
            .is_some_and(|c| c.details.consent.sharing.is_some());
        self.report_dialog_ui(ui.ctx(), sharing, out);
    }

    fn report_dialog_ui(&mut self, ctx: &egui::Context, sharing: bool, out: &mut Vec<Command>) {
        let Some(choice) = &mut self.report_dialog else {
            return;
        };
        let mut close = false;
        egui::Modal::new(egui::Id::unique("report_dialog")).show(ctx, |ui| {
            ui.set_width(420.0);
            crate::ui::heading(ui, "Progress report");
            ui.label("Sections to print:");
            ui.checkbox(&mut choice.details, "Client details and consent");
            ui.checkbox(
                &mut choice.scores,
                "Scores table (first and latest, each session)",
            );
            ui.checkbox(&mut choice.trend, "Trend chart");
            ui.checkbox(&mut choice.sessions, "Sessions");
            ui.checkbox(&mut choice.delivery, "Delivery, findings and touch test");
            ui.checkbox(&mut choice.notes, "Notes, addenda and follow-ups");
            ui.horizontal(|ui| {
                ui.label("Paper");
                for p in [crate::plan::Paper::A4, crate::plan::Paper::Letter] {
                    ui.radio_value(&mut choice.paper, p, p.label());
                }
            });
            ui.label(
                RichText::new(
                    "The report always says that a trend does not show what caused it. Check \
                     the client agreed to share a report before it leaves the practice.",
                )
                .weak(),
            );
            if !sharing {
                ui.label(
                    RichText::new(
                        "⚠ No consent to share a report is on record: print it for the client \
                         only, or record their consent first.",
                    )
                    .color(theme::warning_text(ui.visuals().dark_mode)),
                );
            }
            let any =
                choice.details || choice.scores || choice.trend || choice.sessions || choice.notes;
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(any, egui::Button::new("Choose file…"))
                    .clicked()
                {
                    out.push(wrap(ClientsCommand::SetReport(choice.clone())));
                    out.push(Command::PickFile(crate::ui::FilePurpose::ExportReport));
                    close = true;
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    close = true;
                }
            });
        });
        if close {
            self.report_dialog = None;
        }
    }
}

/// The box for an urgent sign reported at a follow-up, with the aftercare sheet's advice.
pub(super) fn urgent_box(
    ui: &mut Ui,
    flag: &crate::records::UrgentFlag,
    library: &crate::model::Library,
) {
    egui::Frame::new()
        .fill(theme::error_fill(ui.visuals().dark_mode))
        .corner_radius(6)
        .inner_margin(8)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new(format!(
                    "⚠ Urgent sign reported at the {} h follow-up ({}) after the session of {}",
                    flag.hours, flag.date, flag.session_date
                ))
                .strong(),
            );
            for sign in &flag.signs {
                let advice = sign.advice(&library.aftercare.urgent);
                ui.label(format!("• {}: {advice}", sign.label()));
            }
            if !flag.note.trim().is_empty() {
                ui.label(format!("Client's words: {}", flag.note.trim()));
            }
            ui.label(
                "Check this in screening before any treatment: refer when the aftercare sheet \
                 says so.",
            );
        });
}

/// The session's main scores, before → after: the first two scored of overall pain, then the
/// foot symptoms in order.
fn score_pair(s: &Session) -> String {
    use crate::records::{Side, Symptom};
    let order = std::iter::once(Symptom::OverallPain).chain(Symptom::ALL);
    let mut parts = Vec::new();
    for symptom in order {
        for side in Side::ALL {
            let (a, b) = (s.pre.get(symptom, side), s.post.get(symptom, side));
            if (a.is_some() || b.is_some()) && parts.len() < 2 {
                let v = |x: Option<u8>| x.map_or("–".to_owned(), |v| v.to_string());
                let label = format!("{}{}", symptom.label(), side.suffix());
                if !parts.iter().any(|p: &String| p.starts_with(&label)) {
                    parts.push(format!("{label} {} → {}", v(a), v(b)));
                }
            }
        }
    }
    if parts.is_empty() {
        "—".to_owned()
    } else {
        parts.join(" · ")
    }
}

fn sessions_table(ui: &mut Ui, rec: &ClientRecord, out: &mut Vec<Command>) {
    TableBuilder::new(ui)
        .id_salt("sessions_table")
        .striped(true)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::exact(100.0))
        .column(Column::exact(140.0))
        .column(Column::exact(330.0).clip(true))
        .column(Column::exact(130.0))
        .column(Column::remainder().at_least(120.0))
        .header(24.0, |mut h| {
            for t in ["Date", "Screening", "Scores", "Status", "Follow-ups"] {
                h.col(|ui| {
                    ui.strong(t);
                });
            }
        })
        .body(|mut body| {
            for s in rec.sessions.iter().rev() {
                body.row(26.0, |mut row| {
                    row.col(|ui| {
                        let r = ui.link(&s.date).on_hover_text("Open this session");
                        crate::ui::name_control(ui, &r, format!("Session of {}", s.date));
                        if r.clicked() {
                            out.push(wrap(ClientsCommand::OpenSession(s.id)));
                        }
                    });
                    row.col(|ui| {
                        ui.label(if s.verdict.is_empty() {
                            "—"
                        } else {
                            &s.verdict
                        });
                    });
                    row.col(|ui| {
                        ui.label(score_pair(s));
                    });
                    row.col(|ui| {
                        ui.label(match (&s.signed_at, s.addenda.len()) {
                            (None, _) => "Draft".to_owned(),
                            (Some(_), 0) => "Signed".to_owned(),
                            (Some(_), n) => format!("Signed, {n} addenda"),
                        });
                    });
                    row.col(|ui| {
                        let text: Vec<String> = s
                            .followups
                            .iter()
                            .map(|f| {
                                format!("{} h{}", f.hours, if f.is_urgent() { " ⚠" } else { "" })
                            })
                            .collect();
                        ui.label(if text.is_empty() {
                            "—".to_owned()
                        } else {
                            text.join(", ")
                        });
                    });
                });
            }
        });
}

/// Every symptom's scores over time, session days marked, follow-ups between them; the first
/// and latest value of each side by side; and what a trend does not show.
pub(super) fn trend_ui(ui: &mut Ui, rec: &ClientRecord) {
    crate::ui::heading(ui, "Trend");
    let (series, days) = series(rec);
    if series.is_empty() {
        ui.label("No scores yet: they appear here once a session or follow-up is scored.");
        return;
    }
    ui.label(RichText::new(TREND_CAVEAT).weak());
    ui.horizontal_top(|ui| {
        let plot_w = (ui.available_width() - 260.0).max(320.0);
        let plot = Plot::new(("trend", rec.id))
            .width(plot_w)
            .height(280.0)
            .include_y(0.0)
            .include_y(10.0)
            .allow_drag(false)
            .allow_zoom(false)
            .allow_scroll(false)
            .allow_boxed_zoom(false)
            .y_axis_label("score 0–10")
            .x_axis_formatter(|mark, _| {
                if mark.value.fract() == 0.0 {
                    date::iso(mark.value as i64)[5..].to_owned()
                } else {
                    String::new()
                }
            })
            .label_formatter(|hover| match hover {
                egui_plot::HoverPosition::NearDataPoint {
                    plot_name,
                    position,
                    ..
                } => Some(format!(
                    "{plot_name}\n{}: {:.0}",
                    date::iso(position.x.floor() as i64),
                    position.y
                )),
                _ => None,
            })
            .legend(Legend::default());
        let first = days.first().copied().unwrap_or(0.0);
        let last = days.last().copied().unwrap_or(0.0);
        let plot = plot.include_x(first - 0.5).include_x(last + 2.5);
        plot.show(ui, |p| {
            for d in &days {
                p.vline(
                    VLine::new("Session day", *d)
                        .color(Color32::from_gray(150))
                        .width(1.0),
                );
            }
            for (i, s) in series.iter().enumerate() {
                let color = SERIES_COLORS[i % SERIES_COLORS.len()];
                let pts: Vec<[f64; 2]> =
                    s.points.iter().map(|p| [p.x, f64::from(p.value)]).collect();
                p.line(
                    Line::new(s.label(), PlotPoints::from(pts))
                        .color(color)
                        .width(1.6),
                );
                for (kind, shape) in [
                    (PointKind::Before, MarkerShape::Circle),
                    (PointKind::After, MarkerShape::Diamond),
                    (PointKind::Followup, MarkerShape::Square),
                ] {
                    let pts: Vec<[f64; 2]> = s
                        .points
                        .iter()
                        .filter(|p| p.kind == kind)
                        .map(|p| [p.x, f64::from(p.value)])
                        .collect();
                    if !pts.is_empty() {
                        p.points(
                            Points::new(s.label(), PlotPoints::from(pts))
                                .shape(shape)
                                .filled(kind != PointKind::Followup)
                                .radius(3.5)
                                .color(color),
                        );
                    }
                }
            }
        });
        ui.vertical(|ui| {
            ui.label(RichText::new("First and latest").strong());
            egui::Grid::new(("first_latest", rec.id))
                .num_columns(3)
                .striped(true)
                .show(ui, |ui| {
                    ui.strong("Score");
                    ui.strong("First");
                    ui.strong("Latest");
                    ui.end_row();
                    for s in &series {
                        if let Some((a, b)) = s.first_latest() {
                            ui.label(s.label());
                            ui.label(a.to_string());
                            ui.label(b.to_string());
                            ui.end_row();
                        }
                    }
                });
            ui.add_space(6.0);
            ui.label(
                RichText::new("● before  ◆ after  □ follow-up; grey lines: session days")
                    .weak()
                    .small(),
            );
        });
    });
}

/// Why these details cannot be saved yet, if they cannot.
fn details_problem(d: &crate::records::ClientDetails) -> Option<String> {
    if d.name.trim().is_empty() {
        return Some("a name (or initials) is needed".to_owned());
    }
    if let Some(y) = d.born
        && !(1880..=2200).contains(&y)
    {
        return Some(format!("the year of birth {y} is not plausible"));
    }
    let c = &d.consent;
    for date in [&c.treatment, &c.photos, &c.sharing].into_iter().flatten() {
        if date::parse(date).is_err() {
            return Some(format!("the consent date \"{date}\" is not YYYY-MM-DD"));
        }
    }
    None
}
