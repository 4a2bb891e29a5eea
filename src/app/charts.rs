//! Changing the chart the app shows: a file, one of the built-in charts, or the hands for a
//! plan moved there.

use std::path::{Path, PathBuf};

use super::{Limb, LoadedChart, MapCamera, ReflexApp, problems_text};
use crate::load::{self, SourceText};
use crate::model::Chart;
use crate::plan::PlanCommand;
use crate::ui::Command;

impl ReflexApp {
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
        let Ok(hands) = load::load_chart_with_library(&load::HANDS_CHART, &self.library) else {
            return;
        };
        let feet = if self.loaded.chart.limb == Limb::Foot {
            self.loaded.chart.clone()
        } else {
            match load::load_chart_with_library(&load::STANDARD_CHART, &self.library) {
                Ok(c) => c,
                Err(_) => return,
            }
        };
        let moved = crate::plan::move_to_hands(self.plan.plan(), &feet, &hands, &self.library);
        let summary = moved.summary();
        self.apply(
            ctx,
            Command::Plan(PlanCommand::Replace(Box::new(moved.plan), summary)),
        );
        if self.loaded.chart.limb != Limb::Hand || self.loaded.path.is_some() {
            self.chart_loaded(hands, None);
        }
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
