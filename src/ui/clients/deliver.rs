//! The step runner: one step at a time, readable from arm's length across the couch. The
//! zone lit on the foot it is worked on (only that foot drawn), technique and pressure in
//! large type, a large countdown, big buttons and keys (Space, ←, →, 1–4) so nothing needs a
//! precise click. It repaints once a second while counting and not at all while paused.
//!
//! No chime: egui and eframe have no sound output, and a sound crate (rodio or cpal) would
//! need the ALSA development files to build on Linux, for one beep. The end of a step shows
//! on screen instead: the countdown turns amber and counts the time over.

use egui::{Color32, FontId, Key, Modifiers, RichText, Sense, Ui, Vec2};

use super::{ClientsView, wrap};
use crate::geometry::ChartGeometry;
use crate::model::{Chart, FootSel, Library, Pressure};
use crate::plan::{Plan, StepIssue, evaluate};
use crate::records::book::{ClientsCommand, RunCommand, SessionEdit};
use crate::records::delivery::{Response, StepStatus};
use crate::records::runner::Runner;
use crate::ui::{Command, chart_paint, theme};

/// Height of the runner's buttons: big enough to hit without looking closely.
const BIG: f32 = 46.0;

impl ClientsView {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn deliver_ui(
        &mut self,
        ui: &mut Ui,
        client_name: &str,
        edit: &SessionEdit,
        runner: &Runner,
        now: f64,
        library: &Library,
        chart: &Chart,
        geometry: &ChartGeometry,
    ) -> Vec<Command> {
        let mut out = Vec::new();
        let run = |c| wrap(ClientsCommand::Run(c));
        // Keys first, before any button can take Space as its own click.
        if ui.memory(|m| m.focused().is_none()) || !ui.ctx().egui_wants_keyboard_input() {
            let keys = [
                (Key::Space, RunCommand::Toggle),
                (Key::ArrowRight, RunCommand::Next),
                (Key::ArrowLeft, RunCommand::Back),
                (Key::Plus, RunCommand::AddMinute),
                (Key::Num1, RunCommand::Respond(Response::Comfortable)),
                (Key::Num2, RunCommand::Respond(Response::Tender)),
                (Key::Num3, RunCommand::Respond(Response::VeryTender)),
                (Key::Num4, RunCommand::Respond(Response::NotFelt)),
            ];
            for (key, command) in keys {
                if ui.input_mut(|i| i.consume_key(Modifiers::NONE, key)) {
                    out.push(run(command));
                }
            }
        }
        if runner.save_due(now) {
            out.push(run(RunCommand::Save));
        }
        if let Some(secs) = runner.until_next_tick(now) {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs_f64(secs));
        }
        let plan = &edit.plan;
        let Some(step) = plan.steps.get(runner.step) else {
            return out;
        };
        let dark = ui.visuals().dark_mode;
        let screening = evaluate(&library.rules, plan);
        egui::Panel::top("runner_top").show(ui, |ui| {
            ui.horizontal(|ui| {
                if ui
                    .add(egui::Button::new("← Session record").min_size(Vec2::new(0.0, 30.0)))
                    .on_hover_text("Saves where you are; Deliver resumes here")
                    .clicked()
                {
                    out.push(wrap(ClientsCommand::BackToSession));
                }
                crate::ui::heading(ui, format!("Delivering {client_name}'s session"));
                ui.label(
                    RichText::new("Space pause · ← back · → next · 1–4 response · + one minute")
                        .weak(),
                );
            });
            let done = runner.step as f32 / runner.count as f32;
            let bar = ui.add(egui::ProgressBar::new(done).text(format!(
                "Step {} of {}",
                runner.step + 1,
                runner.count
            )));
            crate::ui::name_value(
                ui,
                &bar,
                "Session progress",
                format!("step {} of {}", runner.step + 1, runner.count),
            );
        });
        egui::Panel::right("runner_controls")
            .resizable(false)
            .exact_size((ui.available_width() * 0.52).clamp(460.0, 720.0))
            .show(ui, |ui| {
                crate::ui::regions::landing(ui, "Step controls");
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        self.controls_ui(
                            ui, plan, runner, now, &screening, chart, library, &mut out,
                        )
                    });
            });
        egui::CentralPanel::default().show(ui, |ui| {
            step_chart(ui, chart, geometry, step.zone.as_deref(), step.foot, dark);
        });
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn controls_ui(
        &mut self,
        ui: &mut Ui,
        plan: &Plan,
        runner: &Runner,
        now: f64,
        screening: &crate::plan::Screening,
        chart: &Chart,
        library: &Library,
        out: &mut Vec<Command>,
    ) {
        let run = |c| wrap(ClientsCommand::Run(c));
        let dark = ui.visuals().dark_mode;
        let step = &plan.steps[runner.step];
        ui.add_space(6.0);
        ui.label(
            RichText::new(format!("Step {} of {}", runner.step + 1, runner.count))
                .size(20.0)
                .weak(),
        );
        ui.label(RichText::new(step.display_name(chart)).size(36.0).strong());
        let (foot_text, foot_fill) = foot_badge(step.foot, dark);
        egui::Frame::new()
            .fill(foot_fill)
            .corner_radius(8)
            .inner_margin(egui::Margin::symmetric(12, 4))
            .show(ui, |ui| {
                ui.label(
                    RichText::new(foot_text)
                        .size(30.0)
                        .strong()
                        .color(Color32::WHITE),
                );
            });
        let technique = library
            .technique(&step.technique)
            .map_or(step.technique.as_str(), |t| t.name.as_str());
        ui.label(
            RichText::new(format!(
                "{technique} · {} pressure",
                runner.record.pressure.label()
            ))
            .size(24.0),
        );
        // What screening says about this step, where it cannot be missed.
        let issues: Vec<String> = crate::plan::step_issues(step, screening, chart, library)
            .into_iter()
            .filter_map(|i| match i {
                StepIssue::AboveCap(cap) => Some(format!(
                    "Planned {}: screening caps pressure at {} today.",
                    step.pressure.label().to_lowercase(),
                    cap.label().to_lowercase()
                )),
                StepIssue::UnknownZone(_)
                | StepIssue::UnknownTechnique(_)
                | StepIssue::BelowZoneRange(_) => None,
                other => Some(other.message()),
            })
            .collect();
        if !issues.is_empty() {
            egui::Frame::new()
                .fill(theme::caution_fill(dark))
                .corner_radius(6)
                .inner_margin(8)
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    for i in issues {
                        ui.label(RichText::new(format!("⚠ {i}")).size(18.0).strong());
                    }
                });
        }
        if !step.note.trim().is_empty() {
            ui.label(RichText::new(step.note.trim()).size(18.0).italics());
        }
        ui.add_space(4.0);
        let over = runner.is_over(now);
        let color = if over {
            theme::warning_text(dark)
        } else {
            ui.visuals().strong_text_color()
        };
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(runner.countdown(now))
                    .font(FontId::monospace(88.0))
                    .color(color),
            );
            let state = if over {
                "time is up: go on when ready"
            } else if runner.is_running() {
                "left"
            } else {
                "paused"
            };
            let r = ui.label(RichText::new(state).size(22.0).color(color));
            // "time is up" is announced when it comes (the figure itself is not: it would
            // speak every second).
            crate::ui::live(ui, &r);
        });
        ui.horizontal_wrapped(|ui| {
            let big = |text: &str| {
                egui::Button::new(RichText::new(text).size(20.0)).min_size(Vec2::new(0.0, BIG))
            };
            if ui.add_enabled(runner.step > 0, big("◀ Back")).clicked() {
                out.push(run(RunCommand::Back));
            }
            let toggle = if runner.is_running() {
                "Pause"
            } else if runner.elapsed(now) > 0.0 {
                "Carry on"
            } else {
                "Start"
            };
            if ui.add(big(toggle)).clicked() {
                out.push(run(RunCommand::Toggle));
            }
            if ui.add(big("+1 min")).clicked() {
                out.push(run(RunCommand::AddMinute));
            }
            if ui.add(big("Skip")).clicked() {
                out.push(run(RunCommand::Skip));
            }
            let last = runner.step + 1 == runner.count;
            if ui
                .add(big(if last { "Done ✔" } else { "Next ▶" }))
                .clicked()
            {
                out.push(run(RunCommand::Next));
            }
        });
        ui.add_space(6.0);
        ui.label(RichText::new("Client's response here").size(18.0).strong());
        ui.horizontal_wrapped(|ui| {
            for (i, r) in Response::ALL.into_iter().enumerate() {
                let on = runner.record.response == Some(r);
                let b =
                    egui::Button::new(RichText::new(format!("{} {}", i + 1, r.label())).size(19.0))
                        .selected(on)
                        .min_size(Vec2::new(0.0, BIG - 6.0));
                if ui.add(b).clicked() {
                    out.push(run(RunCommand::Respond(r)));
                }
            }
        });
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("Pressure used").size(16.0));
            let cap = screening.pressure_cap.unwrap_or(Pressure::Deep);
            for p in Pressure::ALL.into_iter().filter(|p| *p <= cap) {
                let on = runner.record.pressure == p;
                if ui
                    .add(egui::Button::selectable(
                        on,
                        RichText::new(p.label()).size(16.0),
                    ))
                    .clicked()
                {
                    out.push(run(RunCommand::Pressure(p)));
                }
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("This step was").size(16.0));
            for s in [StepStatus::Done, StepStatus::Shortened, StepStatus::Changed] {
                let on = runner.record.status == s;
                if ui
                    .add(egui::Button::selectable(
                        on,
                        RichText::new(s.label()).size(16.0),
                    ))
                    .on_hover_text("Set it yourself, or leave it: it follows the time and pressure")
                    .clicked()
                {
                    out.push(run(RunCommand::Status(s)));
                }
            }
        });
        ui.add_space(8.0);
        let next = plan.steps.get(runner.step + 1).map_or_else(
            || "Next: end of the session".to_owned(),
            |s| {
                format!(
                    "Next: {} — {}",
                    s.display_name(chart),
                    s.foot.label().to_lowercase()
                )
            },
        );
        ui.label(RichText::new(next).size(20.0));
        ui.add_space(10.0);
        if ui
            .add(
                egui::Button::new(RichText::new("Finish delivery").size(17.0))
                    .min_size(Vec2::new(0.0, 34.0)),
            )
            .on_hover_text("Records this step and goes back to the session record")
            .clicked()
        {
            out.push(run(RunCommand::Finish));
        }
    }
}

/// The words and colour that say which foot, so it cannot be mistaken across the room.
fn foot_badge(foot: FootSel, dark: bool) -> (&'static str, Color32) {
    let _ = dark;
    match foot {
        FootSel::Left => ("LEFT FOOT", Color32::from_rgb(0x15, 0x65, 0xc0)),
        FootSel::Right => ("RIGHT FOOT", Color32::from_rgb(0x8e, 0x24, 0xaa)),
        FootSel::Both => ("BOTH FEET", Color32::from_rgb(0x2e, 0x6b, 0x4f)),
    }
}

/// The step's foot (only that one) with its zone lit, on the first view the zone is on.
fn step_chart(
    ui: &mut Ui,
    chart: &Chart,
    geometry: &ChartGeometry,
    zone: Option<&str>,
    feet: FootSel,
    dark: bool,
) {
    let zi = zone.and_then(|z| chart.zone_index(z));
    let view = zi
        .and_then(|z| chart.zone_at(z).views().first().copied())
        .unwrap_or(crate::model::ViewKind::Plantar);
    let geo = geometry.get(view, feet);
    let (response, painter) = ui.allocate_painter(ui.available_size(), Sense::hover());
    let rect = response.rect.shrink(8.0);
    let rect = rect.with_max_y(rect.max.y - 34.0);
    let t = chart_paint::fit(geo, rect);
    chart_paint::feet(&painter, geo, &t, dark);
    if zi.is_none() {
        // A whole-foot step: the whole foot is the area.
        for o in &geo.outlines {
            let (poly, tris) = o.drawn(t.scale);
            painter.add(egui::Shape::mesh(crate::ui::map_view::mesh_of(
                poly,
                tris,
                &t,
                theme::quiz_fill(dark),
            )));
        }
    }
    for piece in &geo.pieces {
        let z = chart.zone_at(piece.zone);
        if Some(piece.zone) == zi {
            chart_paint::fill(&painter, piece, &t, theme::system_fill(z.system, 255));
        } else {
            chart_paint::fill(&painter, piece, &t, theme::system_fill(z.system, 45));
        }
    }
    chart_paint::outlines(&painter, geo, &t, dark);
    for piece in geo.pieces.iter().filter(|p| Some(p.zone) == zi) {
        chart_paint::stroke(
            &painter,
            piece,
            &t,
            egui::Stroke::new(4.0, theme::selected_stroke(dark).color),
        );
        // A ring round a small area, so it cannot be missed from across the room.
        let size = piece.bbox.width().max(piece.bbox.height()) * t.scale;
        if size < 40.0 {
            painter.circle_stroke(
                chart_paint::screen(&t, piece.anchor),
                size / 2.0 + 14.0,
                egui::Stroke::new(3.0, theme::selected_stroke(dark).color),
            );
        }
    }
    chart_paint::foot_names(&painter, geo, &t, ui.visuals().strong_text_color(), 24.0);
    let label = format!(
        "Chart: {} on the {} view",
        zi.map_or("the whole foot", |z| chart.zone_at(z).name.as_str()),
        view.id()
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &label));
}

/// The session record's delivery part: deliver (or resume), the inspection, and what was
/// delivered and found so far.
pub(super) fn delivery_section(
    ui: &mut Ui,
    edit: &SessionEdit,
    library: &Library,
    chart: &Chart,
    out: &mut Vec<Command>,
) {
    let d = &edit.session.delivery;
    let signed = edit.session.is_signed();
    let dark = ui.visuals().dark_mode;
    let screening = evaluate(&library.rules, &edit.plan);
    crate::ui::heading(ui, "Delivery and inspection");
    if !signed {
        if let Some(run) = d.run {
            egui::Frame::new()
                .fill(theme::caution_fill(dark))
                .corner_radius(6)
                .inner_margin(6)
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    let secs = run.elapsed.max(0.0) as u32;
                    ui.label(format!(
                        "Delivery stopped at step {} of {} ({}:{:02} into it). Resume where it \
                         was left?",
                        run.step + 1,
                        edit.plan.steps.len(),
                        secs / 60,
                        secs % 60
                    ));
                });
        }
        ui.horizontal_wrapped(|ui| {
            let incomplete = screening.shown_verdict() == crate::plan::ShownVerdict::Incomplete;
            let allowed =
                screening.allows_treatment() && !incomplete && !edit.plan.steps.is_empty();
            let label = if d.run.is_some() {
                "▶ Resume delivery"
            } else {
                "▶ Deliver session"
            };
            let r = ui.add_enabled(
                allowed,
                egui::Button::new(RichText::new(label).size(16.0)).min_size(Vec2::new(0.0, 32.0)),
            );
            let r = if allowed {
                r.on_hover_text("One step at a time, readable from the couch")
            } else if incomplete {
                r.on_disabled_hover_text("Finish screening first")
            } else {
                r.on_disabled_hover_text("Screening says not to treat today")
            };
            if r.clicked() {
                out.push(wrap(ClientsCommand::Deliver));
            }
            if ui
                .add(
                    egui::Button::new(RichText::new("Foot inspection and touch test").size(16.0))
                        .min_size(Vec2::new(0.0, 32.0)),
                )
                .clicked()
            {
                out.push(wrap(ClientsCommand::Inspect));
            }
        });
        if !screening.allows_treatment() {
            ui.label(
                RichText::new("Screening says not to treat today, so the runner is not available.")
                    .color(theme::warning_text(dark)),
            );
        } else if screening.shown_verdict() == crate::plan::ShownVerdict::Incomplete {
            ui.label(
                RichText::new(
                    "Finish screening before delivering: the runner opens once every question is answered.",
                )
                .weak(),
            );
        }
    } else if (!d.findings.is_empty() || !d.touch.is_empty())
        && ui.button("See the inspection").clicked()
    {
        out.push(wrap(ClientsCommand::Inspect));
    }
    if !d.steps.is_empty() {
        egui::Grid::new(("delivered", edit.id))
            .num_columns(6)
            .striped(true)
            .spacing([10.0, 3.0])
            .show(ui, |ui| {
                for h in ["Step", "Foot", "Response", "Done", "Minutes", "Pressure"] {
                    ui.strong(h);
                }
                ui.end_row();
                for s in &d.steps {
                    let planned = edit.plan.steps.get(s.step);
                    let name = planned
                        .map_or_else(|| format!("step {}", s.step + 1), |p| p.display_name(chart));
                    ui.label(format!("{}. {name}", s.step + 1));
                    ui.label(s.foot.label());
                    ui.label(s.response.map_or("—", |r| r.label()));
                    ui.label(s.status.label());
                    ui.label(match planned {
                        Some(p) => format!("{:.1} of {:.1}", s.minutes, p.minutes),
                        None => format!("{:.1}", s.minutes),
                    });
                    ui.label(s.pressure.label());
                    ui.end_row();
                }
            });
    }
    let findings: Vec<String> = d
        .findings
        .iter()
        .filter(|f| f.status != crate::records::delivery::FindingStatus::Resolved)
        .map(|f| f.title())
        .collect();
    if !findings.is_empty() {
        ui.label(format!("Findings: {}", findings.join("; ")));
    }
    if !d.touch.is_empty() {
        ui.label(format!("Ipswich Touch Test: {}", d.touch.summary()));
    }
}
