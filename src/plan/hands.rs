//! A session moved from the feet to the hands, when screening keeps the feet out for a local
//! reason (an ulcer, a wound, gout, a cast): the hands are the usual alternative.

use super::{Plan, PlanStep};
use crate::model::{Chart, Contact, FootSel, Library, Limb, Zone};

/// A plan moved to the hands, and what did not come with it.
#[derive(Debug, Clone, PartialEq)]
pub struct OnHands {
    /// The plan on the hand chart: the same answers, the steps whose areas the hands have.
    pub plan: Plan,
    /// The steps with no area on the hand chart, by name, in order (they are not in `plan`).
    pub left_out: Vec<String>,
}

impl OnHands {
    /// One sentence for the planner's notice and the command line.
    pub fn summary(&self) -> String {
        let moved = self.plan.steps.len();
        let mut s = format!(
            "Moved to the hands: {moved} step{} on the same areas of the hand chart.",
            if moved == 1 { "" } else { "s" }
        );
        if !self.left_out.is_empty() {
            s.push_str(&format!(
                " No hand equivalent, left out: {}.",
                self.left_out.join(", ")
            ));
        }
        s.push_str(" Answer the hand questions before you start.");
        s
    }
}

/// Which hands a step works: the step's own choice, narrowed to the sides the hand area is on
/// (the liver is on the right hand only).
fn narrow(step: FootSel, zone: FootSel) -> FootSel {
    match (step, zone) {
        (FootSel::Both, z) => z,
        (s, FootSel::Both) => s,
        (s, z) if s == z => s,
        // Why the area's side: a left-only step on a right-only area has one place to go.
        (_, z) => z,
    }
}

fn on_hand(step: &PlanStep, zone: &Zone, library: &Library) -> PlanStep {
    let mut s = step.clone();
    if !zone.techniques.contains(&s.technique) {
        let allowed = zone.techniques.iter().find(|t| {
            library
                .technique(t)
                .is_some_and(|t| t.contact != Contact::PinPoint && !t.strokes_up_leg)
        });
        if let Some(t) = allowed.or(zone.techniques.first()) {
            s.technique = t.clone();
        }
    }
    s.pressure = s.pressure.clamp(zone.pressure.min, zone.pressure.max);
    s.foot = narrow(s.foot, zone.feet());
    // Why: a step's note was written for the foot ("walk toward the big toe"); on the hand
    // it would mislead, so the note says where the area is on the hand instead.
    s.note = zone.location.clone();
    s
}

/// `plan` moved to `hands`: each step on an area the hand chart has (by the same id) moves
/// there, with the area's technique and pressure range where the step's do not fit and the
/// area's place on the hand as its note; steps the
/// hands have no area for — and whole-foot steps such as the foot inspection — are listed,
/// never dropped silently. The screening answers stay; the hand questions become due.
pub fn move_to_hands(plan: &Plan, feet: &Chart, hands: &Chart, library: &Library) -> OnHands {
    let mut out = plan.clone();
    out.limb = Limb::Hand;
    out.steps.clear();
    let mut left_out = Vec::new();
    for step in &plan.steps {
        match step.zone.as_deref().and_then(|id| hands.zone(id)) {
            Some(zone) => out.steps.push(on_hand(step, zone, library)),
            None => left_out.push(step.display_name(feet)),
        }
    }
    OnHands {
        plan: out,
        left_out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::embedded_content;
    use crate::plan::{Answer, evaluate, hands_offered};

    fn plan_with(c: &crate::load::Content, yes: &[&str]) -> Plan {
        let t = c.library.template("neuropathy_gentle").expect("template");
        let mut p = Plan::from_template(t);
        for r in c.library.rules_for(Limb::Foot) {
            let a = if yes.contains(&r.id.as_str()) {
                Answer::Yes
            } else {
                Answer::No
            };
            p.screening.insert(r.id.clone(), a);
        }
        p
    }

    #[test]
    fn a_local_foot_problem_offers_the_hands_and_a_whole_body_red_flag_never_does() {
        let c = embedded_content().expect("content");
        let offered = |yes: &[&str]| {
            let p = plan_with(&c, yes);
            hands_offered(&evaluate(&c.library.rules, &p), &p)
        };
        assert!(offered(&["diabetic_foot_ulcer"]));
        assert!(offered(&["active_gout"]));
        assert!(offered(&[
            "recent_foot_injury_surgery",
            "loss_of_protective_sensation"
        ]));
        assert!(!offered(&[]), "nothing to go round");
        assert!(
            !offered(&["diabetic_foot_ulcer", "dvt_signs"]),
            "a clot sign"
        );
        assert!(
            !offered(&["open_wound_left_foot", "fever_infection"]),
            "fever"
        );
        assert!(
            !offered(&["active_gout", "acute_unwell_chest_pain"]),
            "chest pain"
        );
        assert!(
            !offered(&["hot_red_swollen_diabetic_foot"]),
            "a hot swollen diabetic foot"
        );
        // Never offered again once on the hands.
        let mut p = plan_with(&c, &["active_gout"]);
        p.limb = Limb::Hand;
        assert!(!hands_offered(&evaluate(&c.library.rules, &p), &p));
    }

    #[test]
    fn on_the_hands_an_ulcer_needs_clearance_not_a_stop_and_the_hand_questions_are_due() {
        let c = embedded_content().expect("content");
        let feet = plan_with(&c, &["diabetic_foot_ulcer"]);
        let s = evaluate(&c.library.rules, &feet);
        assert_eq!(s.verdict, crate::model::Action::StopAndRefer);
        assert_eq!(s.unanswered, 0);
        let moved = move_to_hands(&feet, &c.chart, &c.hands, &c.library);
        let s = evaluate(&c.library.rules, &moved.plan);
        assert_eq!(s.verdict, crate::model::Action::MedicalClearance);
        assert!(
            !s.avoid_left && !s.avoid_right,
            "a foot rule leaves no hand out"
        );
        let hand_questions = c
            .library
            .rules
            .iter()
            .filter(|r| r.only_on == Some(Limb::Hand))
            .count();
        assert!(hand_questions >= 3);
        assert_eq!(s.unanswered, hand_questions, "the hand questions are asked");
    }

    #[test]
    fn steps_move_to_the_same_areas_and_those_without_one_are_listed() {
        let c = embedded_content().expect("content");
        let feet = plan_with(&c, &["diabetic_foot_ulcer"]);
        let moved = move_to_hands(&feet, &c.chart, &c.hands, &c.library);
        assert_eq!(
            moved.plan.steps.len() + moved.left_out.len(),
            feet.steps.len(),
            "every step is moved or listed"
        );
        assert!(!moved.plan.steps.is_empty());
        for s in &moved.plan.steps {
            let id = s.zone.as_deref().expect("a moved step has an area");
            let zone = c.hands.zone(id).expect("on the hand chart");
            assert!(
                zone.techniques.contains(&s.technique),
                "{id}: {}",
                s.technique
            );
            assert!(zone.pressure.min <= s.pressure && s.pressure <= zone.pressure.max);
            assert_eq!(
                s.note, zone.location,
                "{id}: the note says where it is on the hand"
            );
        }
        // The foot inspection has no hand equivalent: it is listed, by name.
        assert!(
            moved
                .left_out
                .iter()
                .any(|n| n.to_lowercase().contains("inspection")),
            "{:?}",
            moved.left_out
        );
        assert!(moved.summary().contains("No hand equivalent, left out:"));
        assert_eq!(moved.plan.screening, feet.screening);
    }
}
