//! Plan mode: the screening checklist and session details (left), the steps (right), the
//! verdict banner and the map with planned zones numbered and avoided areas hatched (middle).
//! [`PlanView`] holds only widget state; the plan is the app's [`PlanDocument`].

mod banner;
mod screening;
mod steps;

pub use banner::verdict_banner;

use egui::{RichText, Ui};

use super::map_view::{MapInput, MapPane, Overlays, PlanMarks};
use super::{Command, theme};
use crate::geometry::ViewGeometry;
use crate::model::{Chart, Foot, FootSel, Library, ZoneIdx};
use crate::plan::{PlanDocument, PlanStep, Screening};

/// Plan mode's widget state (nothing here is part of the plan).
#[derive(Debug, Default)]
pub struct PlanView {
    /// Template chosen in the picker.
    pub template_choice: Option<String>,
    /// Per screening group (in [`crate::model::RuleGroup::ALL`] order), whether it was "clear"
    /// (every question answered, none "yes") last frame. A group folds when it becomes clear
    /// and unfolds when it stops being clear; in between the user opens and closes it freely.
    group_clear: [Option<bool>; crate::model::RuleGroup::ALL.len()],
}

/// What Plan mode shows.
pub struct PlanInput<'a> {
    /// The plan.
    pub doc: &'a PlanDocument,
    /// Its screening, evaluated once this frame.
    pub screening: &'a Screening<'a>,
    /// The chart on screen.
    pub chart: &'a Chart,
    /// The chart the plan's steps are on: the one on screen, or the built-in one of the
    /// plan's kind when the other is shown (the step list names and checks them on it).
    pub plan_chart: &'a Chart,
    /// The view and feet on screen.
    pub geo: &'a ViewGeometry,
    /// Techniques, rules, templates.
    pub library: &'a Library,
    /// The selected zone.
    pub selected: Option<ZoneIdx>,
    /// Overlays on the map.
    pub overlays: Overlays,
    /// A load failure to show.
    pub error: Option<&'a str>,
    /// Open the PDF in the system viewer after export (a remembered preference).
    pub open_after_export: bool,
}

impl PlanView {
    /// A plan was opened or started anew: forget the template picked for the old one.
    pub fn plan_replaced(&mut self) {
        self.template_choice = None;
        self.group_clear = Default::default();
    }

    /// The whole mode.
    pub fn ui(&mut self, ui: &mut Ui, map: &mut MapPane, input: &PlanInput) -> Vec<Command> {
        let mut commands = Vec::new();
        let plan = input.doc.plan();
        egui::Panel::left("screening")
            .resizable(true)
            .default_size(330.0)
            .min_size(260.0)
            .show(ui, |ui| {
                crate::ui::regions::landing(ui, "Screening");
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        let c = self.screening_ui(ui, plan, input.library);
                        commands.extend(c.into_iter().map(Command::Plan));
                    });
            });
        egui::Panel::right("steps")
            .resizable(true)
            .default_size(theme::DETAIL_WIDTH)
            .min_size(320.0)
            .show(ui, |ui| {
                crate::ui::regions::landing(ui, "Session steps");
                // Why beside the heading, one line: a status appearing or growing would push
                // the step list down under the pointer; the whole message is on hover.
                ui.horizontal(|ui| {
                    crate::ui::heading(ui, "Session steps");
                    let status = input.doc.status().unwrap_or_default();
                    let first = status.lines().next().unwrap_or_default();
                    let more = status.lines().count() > 1;
                    let text = if more {
                        format!("{first} …")
                    } else {
                        first.to_owned()
                    };
                    let line =
                        ui.add(egui::Label::new(RichText::new(text).weak().small()).truncate());
                    if more {
                        line.on_hover_text(status);
                    }
                });
                commands.extend(selected_row_ui(ui, input));
                commands.extend(self.steps_ui(ui, input));
            });
        super::legend_panel(ui, input.chart, input.geo, map.hovered);
        egui::CentralPanel::default().show(ui, |ui| {
            commands.extend(super::error_banner(ui, input.error));
            let offer = crate::plan::hands_offered(input.screening, input.doc.plan());
            let facts = banner::BannerFacts {
                plan: plan.limb,
                shown: input.chart.limb,
                offer_hands: offer,
            };
            commands.extend(verdict_banner(ui, input.screening, facts));
            ui.add_space(4.0);
            // Why none on another kind of chart: a hand plan's numbers on the feet would say
            // the session works the feet.
            let on_map: &[PlanStep] = if std::ptr::eq(input.plan_chart, input.chart) {
                plan.steps.as_slice()
            } else {
                &[]
            };
            let marks = plan_marks(on_map, input.screening, input.chart);
            commands.extend(map.ui(
                ui,
                &MapInput {
                    chart: input.chart,
                    geo: input.geo,
                    selected: input.selected,
                    overlays: input.overlays,
                    plan: Some(&marks),
                    quiz: None,
                },
            ));
        });
        commands
    }
}

/// "Selected: Knee [Add to plan]", or a hint when nothing is selected.
fn selected_row_ui(ui: &mut Ui, input: &PlanInput) -> Option<Command> {
    let mut add = None;
    // Why a row even with nothing selected: opening a step selects its zone, and a row
    // appearing then would push the step list down under the pointer.
    ui.horizontal(|ui| {
        let button =
            ui.text_style_height(&egui::TextStyle::Button) + 2.0 * ui.spacing().button_padding.y;
        ui.set_min_height(ui.spacing().interact_size.y.max(button));
        match input
            .selected
            .and_then(|i| input.chart.get_zone(i).map(|z| (i, z)))
        {
            Some((i, z)) => {
                ui.label(format!("Selected: {}", z.name));
                if ui.button("Add to plan").clicked() {
                    add = Some(Command::AddToPlan(i, FootSel::Both));
                }
            }
            None => {
                ui.label(RichText::new("Click a zone on the map to add it to the plan.").weak());
            }
        }
    });
    add
}

/// Numbered planned zones and hatched avoided areas for the map.
pub fn plan_marks(steps: &[PlanStep], screening: &Screening, chart: &Chart) -> PlanMarks {
    let mut marks = PlanMarks::default();
    for (i, step) in steps.iter().enumerate() {
        let Some(z) = step.zone.as_deref().and_then(|z| chart.zone_index(z)) else {
            continue;
        };
        match marks
            .steps
            .iter_mut()
            .find(|m| m.zone == z && m.feet == step.foot)
        {
            Some(entry) => entry.numbers.push(i + 1),
            None => marks.steps.push(super::map_view::StepMark {
                zone: z,
                feet: step.foot,
                numbers: vec![i + 1],
            }),
        }
    }
    marks.avoided = screening
        .avoid_zones
        .iter()
        .filter_map(|z| chart.zone_index(z))
        .collect();
    for foot in [Foot::Left, Foot::Right] {
        if screening.avoids_foot(foot) {
            marks.avoided_feet.push(foot);
        }
    }
    marks
}
