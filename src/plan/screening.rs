//! Screening: answers → one verdict, worst first, and the adaptations that follow.

use std::collections::BTreeSet;

use crate::model::{
    Action, Chart, Contact, Foot, FootSel, Library, Limb, Pressure, PressureRange, ScreeningRule,
};

use super::{Answer, Plan, PlanStep};

/// A verdict as the user is shown it, on the banner, the printed plan and the command line.
///
/// Why not the bare [`Action`]: `Proceed` while questions are unanswered is not a green light,
/// so it is shown as incomplete. Every other verdict is shown as it is (a later answer can only
/// make it stricter; [`Screening::unfinished_note`] says that questions are still open).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ShownVerdict {
    /// Nothing answered so far needs more than proceeding, but questions are unanswered.
    Incomplete,
    /// The verdict of the answers.
    Action(Action),
}

impl ShownVerdict {
    /// The word a user reads: "Screening incomplete", or the action's label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Incomplete => "Screening incomplete",
            Self::Action(a) => a.label(),
        }
    }
}

impl From<Action> for ShownVerdict {
    fn from(action: Action) -> Self {
        Self::Action(action)
    }
}

/// What the answers add up to.
#[derive(Debug, Clone, PartialEq)]
pub struct Screening<'a> {
    /// The worst action among the "yes" answers (Proceed when none).
    pub verdict: Action,
    /// Rules answered "yes", worst first.
    pub triggered: Vec<&'a ScreeningRule>,
    /// Rules not answered yet.
    pub unanswered: usize,
    /// The lowest pressure cap of the triggered rules.
    pub pressure_cap: Option<Pressure>,
    /// Zones to leave out.
    pub avoid_zones: BTreeSet<String>,
    /// Feet to leave out.
    pub avoid_left: bool,
    /// Right foot to leave out.
    pub avoid_right: bool,
    /// Whether any rule forbids heat.
    pub no_heat: bool,
    /// Whether any rule forbids pin-point moves.
    pub no_pin_point: bool,
    /// Whether any rule forbids strokes up the leg and calf work.
    pub no_leg_sweeps: bool,
    /// Plain instructions from the triggered rules.
    pub notes: Vec<String>,
}

impl Screening<'_> {
    /// Whether a treatment plan may be printed (not after a stop verdict).
    pub fn allows_treatment(&self) -> bool {
        self.verdict != Action::StopAndRefer
    }

    /// Whether a foot is to be left out.
    pub fn avoids_foot(&self, foot: Foot) -> bool {
        match foot {
            Foot::Left => self.avoid_left,
            Foot::Right => self.avoid_right,
        }
    }

    /// The moves the triggered rules forbid, one line each, for the planner's adaptations box
    /// and the PDF (empty when none are forbidden). Steps breaking them are flagged by
    /// [`step_issues`].
    pub fn forbidden_moves(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.no_pin_point {
            out.push("No pin-point moves (hook in and back up, rotation on a point): use a still hold instead.");
        }
        if self.no_leg_sweeps {
            out.push("No sweeping strokes up the leg and no calf work or calf stretch: keep the work on the foot.");
        }
        out
    }

    /// The verdict as shown: `Proceed` with unanswered questions is [`ShownVerdict::Incomplete`].
    pub fn shown_verdict(&self) -> ShownVerdict {
        if self.verdict == Action::Proceed && self.unanswered > 0 {
            ShownVerdict::Incomplete
        } else {
            ShownVerdict::Action(self.verdict)
        }
    }

    /// One sentence saying what to do.
    pub fn headline(&self) -> String {
        match self.shown_verdict() {
            ShownVerdict::Incomplete => format!(
                "Screening incomplete: {} question(s) unanswered. Nothing answered so far stops the session.",
                self.unanswered
            ),
            ShownVerdict::Action(Action::Proceed) => {
                "Proceed: no red flags or cautions were reported.".to_owned()
            }
            ShownVerdict::Action(Action::Adapt) => {
                "Adapt: proceed only with the adaptations listed.".to_owned()
            }
            ShownVerdict::Action(Action::Defer) => {
                "Defer: do not treat today; rebook when the problem has settled.".to_owned()
            }
            ShownVerdict::Action(Action::MedicalClearance) => {
                "Medical clearance first: treat only after the client's clinician agrees."
                    .to_owned()
            }
            ShownVerdict::Action(Action::StopAndRefer) => {
                "Stop and refer: do not treat. Refer the client for medical assessment.".to_owned()
            }
        }
    }

    /// When a verdict other than proceed was reached with questions still open, the sentence
    /// saying so (the headline already says it for [`ShownVerdict::Incomplete`]).
    ///
    /// Why: a flag found early must not read as the whole answer; the questions still open can
    /// make the verdict stricter.
    pub fn unfinished_note(&self) -> Option<String> {
        (self.verdict != Action::Proceed && self.unanswered > 0).then(|| {
            format!(
                "Screening not finished: {} question(s) still unanswered.",
                self.unanswered
            )
        })
    }
}

/// Combine the answers: the verdict is the worst action answered "yes" (stop and refer >
/// medical clearance > defer > adapt > proceed); adaptations accumulate.
pub fn evaluate<'a>(rules: &'a [ScreeningRule], plan: &Plan) -> Screening<'a> {
    let mut s = Screening {
        verdict: Action::Proceed,
        triggered: Vec::new(),
        unanswered: 0,
        pressure_cap: None,
        avoid_zones: BTreeSet::new(),
        avoid_left: false,
        avoid_right: false,
        no_heat: false,
        no_pin_point: false,
        no_leg_sweeps: false,
        notes: Vec::new(),
    };
    let limb = plan.limb;
    for rule in rules.iter().filter(|r| r.asked_of(limb)) {
        match plan.screening.get(&rule.id) {
            None => s.unanswered += 1,
            Some(Answer::No) => {}
            Some(Answer::Yes) => {
                s.verdict = s.verdict.max(rule.action_on(limb));
                s.triggered.push(rule);
                let a = &rule.adaptation;
                if let Some(cap) = a.pressure_cap {
                    s.pressure_cap = Some(s.pressure_cap.map_or(cap, |c| c.min(cap)));
                }
                s.avoid_zones.extend(a.avoid_zones.iter().cloned());
                // Why: on the hands, a rule about a foot leaves no hand out.
                let avoid = if limb == Limb::Hand && rule.only_on.is_none() {
                    None
                } else {
                    a.avoid_foot
                };
                match avoid {
                    Some(FootSel::Both) => {
                        s.avoid_left = true;
                        s.avoid_right = true;
                    }
                    Some(FootSel::Left) => s.avoid_left = true,
                    Some(FootSel::Right) => s.avoid_right = true,
                    None => {}
                }
                s.no_heat |= a.no_heat;
                s.no_pin_point |= a.no_pin_point;
                s.no_leg_sweeps |= a.no_leg_sweeps;
                for n in &a.notes {
                    if !s.notes.contains(n) {
                        s.notes.push(n.clone());
                    }
                }
            }
        }
    }
    s.triggered
        .sort_by_key(|r| std::cmp::Reverse(r.action_on(limb)));
    s
}

/// Whether screening offers to plan this session on the hands instead: a "yes" to a local foot
/// problem (an ulcer, a wound, gout, a cast, painful feet) and no "yes" that needs more than
/// adapting for any other reason. Never for a whole-body red flag (a clot, fever, chest pain):
/// the hands are no way round it. Only for a plan on the feet.
pub fn hands_offered(s: &Screening, plan: &Plan) -> bool {
    plan.limb == Limb::Foot
        && s.triggered.iter().any(|r| r.on_hands.is_some())
        && s.triggered
            .iter()
            .all(|r| r.on_hands.is_some() || r.action <= Action::Adapt)
}

/// Something wrong with one step, given the screening and the chart.
#[derive(Debug, Clone, PartialEq)]
pub enum StepIssue {
    /// The step's pressure is above the screening cap.
    AboveCap(Pressure),
    /// The zone is one screening says to avoid.
    AvoidedZone,
    /// The step works a foot (or a hand, on a hand chart) screening says to leave out.
    AvoidedFoot(Foot, Limb),
    /// The chart has no zone with this id (kept, never dropped).
    UnknownZone(String),
    /// The library has no technique with this id.
    UnknownTechnique(String),
    /// The technique is a pin-point move and screening forbids those.
    PinPointForbidden,
    /// The technique strokes up the leg and screening forbids leg sweeps.
    LegSweepForbidden,
    /// The technique works the calf (a calf stretch) and screening forbids leg and calf work.
    CalfWorkForbidden,
    /// The step's pressure is above its zone's range.
    AboveZoneRange(PressureRange),
    /// The step's pressure is below its zone's range (and no screening cap explains it).
    BelowZoneRange(PressureRange),
}

impl StepIssue {
    /// A short sentence for the step list.
    pub fn message(&self) -> String {
        match self {
            Self::AboveCap(cap) => format!(
                "Pressure is above the screening cap ({}).",
                cap.label().to_lowercase()
            ),
            Self::AvoidedZone => "Screening says to avoid this area.".to_owned(),
            Self::AvoidedFoot(f, limb) => format!(
                "Screening says to leave out the {} {}.",
                f.label().to_lowercase(),
                limb.one()
            ),
            Self::UnknownZone(z) => format!("The current chart has no zone \"{z}\"."),
            Self::UnknownTechnique(t) => format!("The library has no technique \"{t}\"."),
            Self::PinPointForbidden => {
                "Pin-point move: screening says no pin-point moves; use a sustained hold or the area's other technique.".to_owned()
            }
            Self::LegSweepForbidden => {
                "Strokes up the leg: screening says no leg sweeps; keep to the foot.".to_owned()
            }
            Self::CalfWorkForbidden => {
                "Works the calf: screening says no calf work or calf stretch; keep to the foot."
                    .to_owned()
            }
            Self::AboveZoneRange(r) => format!(
                "Pressure is above this area's range ({}).",
                r.label().to_lowercase()
            ),
            Self::BelowZoneRange(r) => format!(
                "Pressure is below this area's usual range ({}).",
                r.label().to_lowercase()
            ),
        }
    }

    /// Whether the issue is a safety flag that
    /// [`PlanEditor::apply_adaptations`](super::PlanEditor::apply_adaptations) clears by changing
    /// the step, as opposed to a zone or foot to leave out, or a broken reference.
    pub fn is_adjustable(&self) -> bool {
        matches!(
            self,
            Self::AboveCap(_)
                | Self::PinPointForbidden
                | Self::LegSweepForbidden
                | Self::CalfWorkForbidden
                | Self::AboveZoneRange(_)
        )
    }
}

/// Every issue of a step.
pub fn step_issues(
    step: &PlanStep,
    screening: &Screening,
    chart: &Chart,
    library: &Library,
) -> Vec<StepIssue> {
    let mut issues = Vec::new();
    if let Some(cap) = screening.pressure_cap
        && step.pressure > cap
    {
        issues.push(StepIssue::AboveCap(cap));
    }
    if let Some(z) = &step.zone {
        if chart.zone(z).is_none() {
            issues.push(StepIssue::UnknownZone(z.clone()));
        }
        if screening.avoid_zones.contains(z) {
            issues.push(StepIssue::AvoidedZone);
        }
    }
    for foot in [Foot::Left, Foot::Right] {
        if step.foot.includes(foot) && screening.avoids_foot(foot) {
            issues.push(StepIssue::AvoidedFoot(foot, chart.limb));
        }
    }
    match library.technique(&step.technique) {
        None => issues.push(StepIssue::UnknownTechnique(step.technique.clone())),
        Some(t) => {
            if screening.no_pin_point && t.contact == Contact::PinPoint {
                issues.push(StepIssue::PinPointForbidden);
            }
            if screening.no_leg_sweeps && t.strokes_up_leg {
                issues.push(StepIssue::LegSweepForbidden);
            } else if screening.no_leg_sweeps && t.works_calf {
                // Why "else": a sweep up the leg is already flagged as one; a stretch that
                // strokes nothing is flagged as calf work.
                issues.push(StepIssue::CalfWorkForbidden);
            }
        }
    }
    if let Some(zone) = step.zone.as_deref().and_then(|z| chart.zone(z)) {
        let range = zone.pressure;
        if step.pressure > range.max {
            issues.push(StepIssue::AboveZoneRange(range));
        } else if step.pressure < range.min
            && screening.pressure_cap.is_none_or(|cap| cap >= range.min)
        {
            // Why the cap test: a screening cap below the area's range (feather for allodynia)
            // is the reason the step is lighter, not a mistake.
            issues.push(StepIssue::BelowZoneRange(range));
        }
    }
    issues
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::embedded_library;

    #[test]
    fn proceed_with_open_questions_is_shown_as_incomplete() {
        let lib = embedded_library().expect("embedded library");
        let mut plan = Plan::default();
        let open = evaluate(&lib.rules, &plan);
        assert_eq!(open.verdict, Action::Proceed);
        assert_eq!(open.shown_verdict(), ShownVerdict::Incomplete);
        assert_eq!(open.shown_verdict().label(), "Screening incomplete");
        assert!(open.headline().starts_with("Screening incomplete: "));
        assert_eq!(open.unfinished_note(), None);

        for rule in &lib.rules {
            plan.screening.insert(rule.id.clone(), Answer::No);
        }
        let done = evaluate(&lib.rules, &plan);
        assert_eq!(done.shown_verdict(), ShownVerdict::Action(Action::Proceed));
        assert_eq!(done.shown_verdict().label(), Action::Proceed.label());
        assert_eq!(done.unfinished_note(), None);
    }

    #[test]
    fn a_flag_found_early_is_shown_with_the_questions_still_open() {
        let lib = embedded_library().expect("embedded library");
        let rule = lib
            .rules
            .iter()
            .find(|r| r.action == Action::Adapt)
            .expect("an adapt rule");
        let mut plan = Plan::default();
        plan.screening.insert(rule.id.clone(), Answer::Yes);
        let s = evaluate(&lib.rules, &plan);
        assert_eq!(s.shown_verdict(), ShownVerdict::Action(Action::Adapt));
        assert_eq!(
            s.unfinished_note(),
            Some(format!(
                "Screening not finished: {} question(s) still unanswered.",
                lib.rules_for(crate::model::Limb::Foot).count() - 1
            ))
        );
    }
}
