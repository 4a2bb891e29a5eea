//! The verdict banner above the map in Plan mode: the combined screening verdict, impossible
//! to miss, with the adaptations that follow and whether the checklist is finished.

use egui::{RichText, Ui};

use super::super::{Command, theme};
use crate::model::{Action, Limb};
use crate::plan::Screening;

/// What the banner is about: the plan's feet or hands, the chart on screen, and whether the
/// hands may be offered (a local foot problem and no whole-body red flag).
#[derive(Debug, Clone, Copy)]
pub struct BannerFacts {
    /// What the plan works.
    pub plan: Limb,
    /// What the chart on screen shows.
    pub shown: Limb,
    /// Offer "Plan on the hands instead".
    pub offer_hands: bool,
}

/// The banner above the map: the combined verdict, impossible to miss; with `offer_hands`
/// the button that moves the plan to the hands; when the chart on screen is not the plan's,
/// the button that shows the plan's.
pub fn verdict_banner(ui: &mut Ui, screening: &Screening, facts: BannerFacts) -> Vec<Command> {
    let mut out = Vec::new();
    let limb = facts.plan;
    // Why the shown verdict: an unfinished checklist must not look like an all-clear.
    let (fill, text) = theme::verdict_colors(screening.shown_verdict());
    egui::Frame::new().fill(fill).corner_radius(6).inner_margin(10).show(ui, |ui| {
        ui.set_width(ui.available_width());
        let r = ui.label(RichText::new(screening.headline()).color(text).strong().size(17.0));
        // Announced when the verdict changes.
        crate::ui::live(ui, &r);
        if screening.verdict == Action::StopAndRefer {
            ui.label(RichText::new("A treatment plan cannot be printed; Export prints a referral note instead.").color(text));
        }
        let mut bits: Vec<String> = Vec::new();
        if let Some(cap) = screening.pressure_cap {
            bits.push(format!("Pressure capped at {}", cap.label().to_lowercase()));
        }
        if screening.avoid_left || screening.avoid_right {
            bits.push(match (screening.avoid_left, screening.avoid_right) {
                (true, true) => format!("No {} work", limb.one()),
                (true, false) => format!("Leave out the left {}", limb.one()),
                _ => format!("Leave out the right {}", limb.one()),
            });
        }
        if !screening.avoid_zones.is_empty() {
            bits.push(format!("{} area(s) to avoid (hatched)", screening.avoid_zones.len()));
        }
        if screening.no_heat {
            bits.push("NO HEAT of any kind".to_owned());
        }
        if !bits.is_empty() {
            ui.label(RichText::new(bits.join(" · ")).color(text));
        }
        for line in screening.forbidden_moves() {
            ui.label(RichText::new(line).color(text));
        }
        // Why: a flag found early must not read as the whole answer; the questions still
        // open can make the verdict stricter.
        if let Some(note) = screening.unfinished_note() {
            ui.label(RichText::new(note).color(text));
        }
        if facts.plan != facts.shown {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(format!(
                        "This plan is for the {}; the {} chart is shown.",
                        facts.plan.both(),
                        facts.shown.one()
                    ))
                    .color(text),
                );
                if ui
                    .button(format!("Show the {} chart", facts.plan.one()))
                    .clicked()
                {
                    out.push(Command::UseBuiltInChart(facts.plan));
                }
            });
        }
        if facts.offer_hands {
            ui.horizontal_wrapped(|ui| {
                if ui
                    .button(RichText::new("Plan on the hands instead").strong())
                    .on_hover_text(
                        "Move the steps to the same areas of the hand chart; steps the hands \
                         have no area for are listed, and the hand questions are added",
                    )
                    .clicked()
                {
                    out.push(Command::PlanOnHands);
                }
                ui.label(
                    RichText::new("The problem is local to the feet, so the hands can be worked instead.")
                        .color(text),
                );
            });
        }
    });
    out
}
