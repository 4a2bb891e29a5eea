//! Changing the chart the app shows: a file, one of the built-in charts, or the hands for a
//! plan moved there.

use std::path::{Path, PathBuf};

use super::{Limb, LoadedChart, MapCamera, ReflexApp, problems_text};
use crate::load::{self, SourceText};
use crate::model::Chart;
use crate::plan::PlanCommand;
use crate::ui::Command;

/// The built-in charts, parsed and checked once at start.
#[derive(Debug, Clone)]
pub(super) struct BuiltIn {
    /// The foot chart.
    pub feet: Chart,
    /// The hand chart.
    pub hands: Chart,
}

impl BuiltIn {
    /// The built-in chart for `limb`.
    pub fn get(&self, limb: Limb) -> &Chart {
        match limb {
            Limb::Foot => &self.feet,
            Limb::Hand => &self.hands,
        }
    }
}

impl ReflexApp {
    /// After a plan command: when it moved the plan to the other kind of chart (a hand
    /// template, a hand plan opened, an undo back to the feet), show the built-in chart of
    /// that kind, so the steps on screen are on the chart beside them.
    pub(super) fn follow_plan_limb(&mut self, before: Limb) {
        let now = self.plan.plan().limb;
        if now != before && self.loaded.chart.limb != now {
            let chart = self.builtin.get(now).clone();
            self.chart_loaded(chart, None);
        }
    }

    /// Load a chart file; on failure keep the current chart and show the problems.
    pub(super) fn load_chart_file(&mut self, path: &Path) {
        let name = path.display().to_string();
        let result = load::read_text(path).and_then(|text| {
            load::load_chart_with_library(
                &SourceText {
                    name: &name,
                    text: &text,
                },
                &self.library,
            )
        });
        match result {
            Ok(chart) => self.chart_loaded(chart, Some(path.to_owned())),
            Err(problems) => self.error = Some(problems_text(&name, "chart", &problems)),
        }
    }

    /// Move the plan to the hands: the same areas on the hand chart (one undo step), the hand
    /// chart shown, and a notice saying what had no hand equivalent.
    pub(super) fn plan_on_hands(&mut self, ctx: &egui::Context) {
        let feet = match self.loaded.chart.limb {
            Limb::Foot => &self.loaded.chart,
            Limb::Hand => &self.builtin.feet,
        };
        let moved =
            crate::plan::move_to_hands(self.plan.plan(), feet, &self.builtin.hands, &self.library);
        let summary = moved.summary();
        // Why the built-in hands even over a hand chart from a file: the steps moved by id to
        // the built-in one. Applying the plan change shows the hand chart (follow_plan_limb).
        if self.loaded.path.is_some() {
            let hands = self.builtin.hands.clone();
            self.chart_loaded(hands, None);
        }
        self.apply(
            ctx,
            Command::Plan(PlanCommand::Replace(Box::new(moved.plan), summary)),
        );
    }

    /// A new chart: keep the selection by id, rebuild the quiz items, fit the map.
    pub(super) fn chart_loaded(&mut self, chart: Chart, path: Option<PathBuf>) {
        let keep = self.selected_zone().map(str::to_owned);
        self.loaded = LoadedChart::new(chart, path);
        self.selected = keep.and_then(|id| self.loaded.chart.zone_index(&id));
        self.map.camera = MapCamera::default();
        self.error = None;
        // Why: the hand chart has no side views, and a file may name its views as it likes.
        if self.loaded.chart.view(self.settings.view).is_none() {
            self.settings.view = self.loaded.chart.first_view();
        }
        let chart = self.loaded.study_chart(&self.library);
        self.study.chart_changed(chart);
    }
}
