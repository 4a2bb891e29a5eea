//! Explore mode: the chart in the middle and the selected zone's details on the right
//! (or what the chart is, when nothing is selected).

use egui::Ui;

use super::map_view::{MapInput, MapPane, Overlays};
use super::{Command, detail_panel, theme};
use crate::geometry::ViewGeometry;
use crate::model::{Chart, Library, ViewKind, ZoneIdx};
use crate::plan::Plan;

/// What Explore shows.
pub struct ExploreInput<'a> {
    /// The chart.
    pub chart: &'a Chart,
    /// The view and feet on screen.
    pub geo: &'a ViewGeometry,
    /// The view on screen (the detail panel offers the zone's other views).
    pub view: ViewKind,
    /// Techniques, claims, citations.
    pub library: &'a Library,
    /// The plan (the panel says whether the zone is in it).
    pub plan: &'a Plan,
    /// The selected zone.
    pub selected: Option<ZoneIdx>,
    /// Overlays on the map.
    pub overlays: Overlays,
    /// A load failure to show.
    pub error: Option<&'a str>,
}

/// The whole mode. Explore has no widget state of its own: the camera is shared with Plan.
pub fn explore_ui(ui: &mut Ui, map: &mut MapPane, input: &ExploreInput) -> Vec<Command> {
    let mut commands = Vec::new();
    egui::Panel::right("detail")
        .resizable(true)
        .default_size(theme::DETAIL_WIDTH)
        .min_size(300.0)
        .show(ui, |ui| {
            crate::ui::regions::landing(ui, "Zone details");
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    match input
                        .selected
                        .and_then(|i| input.chart.get_zone(i).map(|z| (i, z)))
                    {
                        Some((index, zone)) => {
                            let membership = plan_membership(input.plan, &zone.id);
                            commands.extend(detail_panel::detail_ui(
                                ui,
                                input.library,
                                input.chart,
                                (index, zone),
                                input.view,
                                &membership,
                            ));
                        }
                        None => detail_panel::empty_ui(ui, input.chart),
                    }
                });
        });
    super::legend_panel(ui, input.chart, input.geo, map.hovered);
    egui::CentralPanel::default().show(ui, |ui| {
        commands.extend(super::error_banner(ui, input.error));
        commands.extend(map.ui(
            ui,
            &MapInput {
                chart: input.chart,
                geo: input.geo,
                selected: input.selected,
                overlays: input.overlays,
                plan: None,
                quiz: None,
            },
        ));
    });
    commands
}

/// Where a zone stands in the plan, for the detail panel: "In the plan as steps 4, 18".
pub fn plan_membership(plan: &Plan, zone: &str) -> String {
    let steps: Vec<String> = plan
        .steps
        .iter()
        .enumerate()
        .filter(|(_, s)| s.zone.as_deref() == Some(zone))
        .map(|(i, _)| (i + 1).to_string())
        .collect();
    match (steps.as_slice(), plan.steps.len()) {
        ([], 0) => "The plan is empty".to_owned(),
        ([], n) => format!("Not in the plan ({n} steps)"),
        ([one], _) => format!("In the plan as step {one}"),
        (many, _) => format!("In the plan as steps {}", many.join(", ")),
    }
}
