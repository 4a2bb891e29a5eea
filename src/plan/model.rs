//! A session plan, as saved in `*.plan.ron`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{Chart, Library, Limb, Template, TemplateStep};

use super::format_minutes;

/// The plan file format version this build writes and reads.
pub const PLAN_VERSION: u32 = 1;

/// Paper size for the printed sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Paper {
    /// ISO A4 (210 × 297 mm).
    #[default]
    A4,
    /// US Letter (8.5 × 11 in).
    Letter,
}

impl Paper {
    /// Page size in PDF points (1/72 in).
    pub fn size_pt(self) -> (f32, f32) {
        match self {
            Self::A4 => (595.28, 841.89),
            Self::Letter => (612.0, 792.0),
        }
    }

    /// The word a user reads.
    pub fn label(self) -> &'static str {
        match self {
            Self::A4 => "A4",
            Self::Letter => "Letter",
        }
    }
}

/// A therapist's answer to a screening question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answer {
    /// The situation applies: the rule's action follows.
    Yes,
    /// It does not apply.
    No,
}

/// One step of the session: the same shape as a template's step (a plan starts as a copy of
/// its template's steps and is then edited).
pub type PlanStep = TemplateStep;

impl PlanStep {
    /// How the step is named wherever it is listed (planner, printed plan, command line,
    /// sequence quiz): its zone's name; a zone id the chart lacks as "<id> (not on this chart)"
    /// (kept, never dropped); a whole-foot step's title; else "Whole foot" ("Whole hand" on a hand chart).
    pub fn display_name(&self, chart: &Chart) -> String {
        match (&self.zone, &self.title) {
            (Some(z), _) => chart.zone(z).map_or_else(
                || format!("{z} (not on this chart)"),
                |zone| zone.name.clone(),
            ),
            (None, Some(t)) => t.clone(),
            (None, None) => format!("Whole {}", chart.limb.one()),
        }
    }

    /// One line for a step that is not being edited: feet, technique, pressure, minutes, note.
    pub fn summary(&self, library: &Library) -> String {
        self.summary_on(library, Limb::Foot)
    }

    /// [`PlanStep::summary`] for a plan on `limb` ("Both hands · …").
    pub fn summary_on(&self, library: &Library, limb: Limb) -> String {
        let technique = library
            .technique(&self.technique)
            .map_or(self.technique.as_str(), |t| t.name.as_str());
        let mut line = format!(
            "{} · {technique} · {} · {} min",
            self.foot.label_for(limb),
            self.pressure.label().to_lowercase(),
            format_minutes(self.minutes)
        );
        let note = self.note.trim();
        if !note.is_empty() {
            line.push_str(" — ");
            line.push_str(note);
        }
        line
    }
}

/// A session plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// File format version ([`PLAN_VERSION`]).
    pub version: u32,
    /// Client initials (no names: the file may travel).
    #[serde(default)]
    pub client_initials: String,
    /// Session date, `YYYY-MM-DD`.
    #[serde(default)]
    pub date: String,
    /// Planned session length in minutes.
    pub session_minutes: u32,
    /// Paper size for printing.
    #[serde(default)]
    pub paper: Paper,
    /// The template it started from, if any.
    #[serde(default)]
    pub template: Option<String>,
    /// Screening answers by rule id; a rule not listed is unanswered.
    #[serde(default)]
    pub screening: BTreeMap<String, Answer>,
    /// The steps in order.
    #[serde(default)]
    pub steps: Vec<PlanStep>,
    /// Free notes.
    #[serde(default)]
    pub notes: String,
    /// Worked on the feet (the default) or on the hands.
    #[serde(default, skip_serializing_if = "is_feet")]
    pub limb: Limb,
}

fn is_feet(limb: &Limb) -> bool {
    *limb == Limb::Foot
}

impl Default for Plan {
    fn default() -> Self {
        Self {
            version: PLAN_VERSION,
            client_initials: String::new(),
            date: String::new(),
            session_minutes: 45,
            paper: Paper::A4,
            template: None,
            screening: BTreeMap::new(),
            steps: Vec::new(),
            notes: String::new(),
            limb: Limb::Foot,
        }
    }
}

impl Plan {
    /// A new plan from a template: its steps, and a session length at the top of its range.
    pub fn from_template(t: &Template) -> Self {
        Self {
            template: Some(t.id.clone()),
            session_minutes: t.session_minutes.1,
            steps: t.steps.clone(),
            limb: t.limb,
            ..Self::default()
        }
    }

    /// Sum of the steps' minutes.
    pub fn total_minutes(&self) -> f32 {
        self.steps.iter().map(|s| s.minutes).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::embedded_content;
    use crate::model::{FootSel, Pressure};

    fn step(zone: Option<&str>, title: Option<&str>) -> PlanStep {
        PlanStep {
            zone: zone.map(str::to_owned),
            title: title.map(str::to_owned),
            foot: Default::default(),
            technique: "thumb_walking".to_owned(),
            pressure: Pressure::Light,
            minutes: 2.0,
            note: String::new(),
        }
    }

    #[test]
    fn a_step_is_named_by_its_zone_title_or_as_whole_foot() {
        let c = embedded_content().expect("embedded content");
        let zone = &c.chart.zones[0];
        assert_eq!(
            step(Some(&zone.id), Some("ignored")).display_name(&c.chart),
            zone.name
        );
        assert_eq!(
            step(Some("no_such_zone"), None).display_name(&c.chart),
            "no_such_zone (not on this chart)"
        );
        assert_eq!(
            step(None, Some("Warm-up")).display_name(&c.chart),
            "Warm-up"
        );
        assert_eq!(step(None, None).display_name(&c.chart), "Whole foot");
    }

    #[test]
    fn a_summary_names_feet_technique_pressure_minutes_and_note() {
        let content = crate::load::embedded_content().expect("content");
        let library = &content.library;
        let technique = &library.techniques[0];
        let mut step = PlanStep {
            zone: Some("solar_plexus".into()),
            title: None,
            foot: FootSel::Left,
            technique: technique.id.clone(),
            pressure: Pressure::Light,
            minutes: 2.5,
            note: "  ".into(),
        };
        assert_eq!(
            step.summary(library),
            format!("Left foot · {} · light · 2.5 min", technique.name)
        );
        step.note = "slow, on the out-breath".into();
        step.technique = "no_such_technique".into();
        step.minutes = 4.0;
        assert_eq!(
            step.summary(library),
            "Left foot · no_such_technique · light · 4 min — slow, on the out-breath"
        );
    }
}
