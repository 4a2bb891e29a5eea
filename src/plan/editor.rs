//! Editing a plan with undo and redo, and knowing whether it differs from the saved file.

use std::collections::VecDeque;

use crate::model::{Chart, Contact, Library, Pressure, Technique, Template};

use super::{Answer, Plan, PlanStep, Screening};

/// How many undo steps are kept; older ones are dropped.
pub const UNDO_LIMIT: usize = 200;

/// Owns the plan being edited, its undo/redo history and the last saved snapshot.
///
/// Every change goes through [`PlanEditor::apply`] (or one of the convenience operations built
/// on it), so undo covers everything. History is snapshot-based: plans are small.
#[derive(Debug, Clone)]
pub struct PlanEditor {
    plan: Plan,
    undo: VecDeque<Plan>,
    redo: Vec<Plan>,
    /// The plan as last saved or loaded; `None` when it was never saved.
    saved: Option<Plan>,
    /// Tag of the last coalescing edit, while it may still absorb the next one.
    coalesce: Option<String>,
}

impl PlanEditor {
    /// Edit a plan that was just loaded (or saved): it starts clean.
    pub fn new(plan: Plan) -> Self {
        Self {
            saved: Some(plan.clone()),
            plan,
            undo: VecDeque::new(),
            redo: Vec::new(),
            coalesce: None,
        }
    }

    /// Edit a plan that has never been saved (a new plan, a recovered autosave): it starts dirty.
    pub fn new_unsaved(plan: Plan) -> Self {
        Self {
            saved: None,
            ..Self::new(plan)
        }
    }

    /// The plan as it is now.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// Give up the editor and keep the plan.
    pub fn into_plan(self) -> Plan {
        self.plan
    }

    /// Change the plan. Records one undo step (and clears redo) only if the plan changed.
    pub fn apply<R>(&mut self, f: impl FnOnce(&mut Plan) -> R) -> R {
        self.coalesce = None;
        self.apply_inner(f).0
    }

    /// Like [`apply`](Self::apply), but consecutive edits with the same `tag` make one undo
    /// step. Why: typing a note or dragging a minutes value should undo as a whole, not per key.
    /// Any other edit, undo or redo ends the run.
    pub fn apply_coalesced<R>(&mut self, tag: &str, f: impl FnOnce(&mut Plan) -> R) -> R {
        if self.coalesce.as_deref() == Some(tag) && !self.undo.is_empty() {
            let r = f(&mut self.plan);
            self.redo.clear();
            // Why: typing "abc" and then taking it back with the field's own undo ends where
            // it started; an undo step that changes nothing would leave Undo enabled for
            // nothing.
            if self.undo.back() == Some(&self.plan) {
                self.undo.pop_back();
                self.coalesce = None;
            }
            return r;
        }
        let (r, recorded) = self.apply_inner(f);
        self.coalesce = recorded.then(|| tag.to_owned());
        r
    }

    /// End the current run of coalesced edits: the next edit is a new undo step even with the
    /// same tag (a field lost focus, a drag stopped).
    pub fn end_coalescing(&mut self) {
        self.coalesce = None;
    }

    /// Apply `f`; the bool says whether an undo step was recorded.
    fn apply_inner<R>(&mut self, f: impl FnOnce(&mut Plan) -> R) -> (R, bool) {
        let before = self.plan.clone();
        let r = f(&mut self.plan);
        if self.plan == before {
            return (r, false);
        }
        if self.undo.len() == UNDO_LIMIT {
            self.undo.pop_front();
        }
        self.undo.push_back(before);
        self.redo.clear();
        (r, true)
    }

    /// Undo the last change; false when there is nothing to undo.
    pub fn undo(&mut self) -> bool {
        self.coalesce = None;
        match self.undo.pop_back() {
            Some(prev) => {
                self.redo.push(std::mem::replace(&mut self.plan, prev));
                true
            }
            None => false,
        }
    }

    /// Redo the last undone change; false when there is nothing to redo.
    pub fn redo(&mut self) -> bool {
        self.coalesce = None;
        match self.redo.pop() {
            Some(next) => {
                self.undo.push_back(std::mem::replace(&mut self.plan, next));
                true
            }
            None => false,
        }
    }

    /// Whether [`undo`](Self::undo) would do something.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether [`redo`](Self::redo) would do something.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Whether the plan differs from the last saved or loaded one (undoing back to it is clean).
    pub fn is_dirty(&self) -> bool {
        self.saved.as_ref() != Some(&self.plan)
    }

    /// Record that the current plan was just saved.
    pub fn mark_saved(&mut self) {
        self.coalesce = None;
        self.saved = Some(self.plan.clone());
    }

    /// Insert a step at `index` (clamped to the end).
    pub fn add_step(&mut self, index: usize, step: PlanStep) {
        self.apply(|p| {
            let i = index.min(p.steps.len());
            p.steps.insert(i, step);
        });
    }

    /// Append a step.
    pub fn push_step(&mut self, step: PlanStep) {
        self.add_step(usize::MAX, step);
    }

    /// Remove step `i`; `None` (and no change) when there is no such step.
    pub fn remove_step(&mut self, i: usize) -> Option<PlanStep> {
        self.apply(|p| (i < p.steps.len()).then(|| p.steps.remove(i)))
    }

    /// Move step `from` so that it ends up at index `to` (clamped to the last index).
    /// False (and no change) when `from` is out of range.
    pub fn move_step(&mut self, from: usize, to: usize) -> bool {
        self.apply(|p| {
            if from >= p.steps.len() {
                return false;
            }
            let step = p.steps.remove(from);
            let to = to.min(p.steps.len());
            p.steps.insert(to, step);
            true
        })
    }

    /// Replace step `i`; false (and no change) when there is no such step.
    pub fn set_step(&mut self, i: usize, step: PlanStep) -> bool {
        self.apply(|p| match p.steps.get_mut(i) {
            Some(s) => {
                *s = step;
                true
            }
            None => false,
        })
    }

    /// Answer a screening question, or clear the answer with `None`.
    pub fn set_answer(&mut self, rule_id: &str, answer: Option<Answer>) {
        self.apply(|p| match answer {
            Some(a) => {
                p.screening.insert(rule_id.to_owned(), a);
            }
            None => {
                p.screening.remove(rule_id);
            }
        });
    }

    /// Start over from a template's steps, keeping the screening answers, client initials,
    /// date, paper and notes. The session length is kept when it is inside the template's
    /// range and long enough for the steps; otherwise it becomes the shortest length in the
    /// range that fits them.
    pub fn load_template(&mut self, t: &Template) {
        self.apply(|p| {
            let fresh = Plan::from_template(t);
            p.steps = fresh.steps;
            p.template = fresh.template;
            p.limb = fresh.limb;
            // Keep the session length when it is inside the template's range and the steps
            // fit; otherwise take the shortest length in the range that fits them.
            let (lo, hi) = t.session_minutes;
            let total = p.total_minutes().ceil() as u32;
            if !(lo..=hi).contains(&p.session_minutes) || p.session_minutes < total {
                p.session_minutes = total.clamp(lo, hi);
            }
        });
    }

    /// Apply the screening's adaptations to every step, as one undo step: swap a technique the
    /// screening forbids (a pin-point move, a leg sweep) for an allowed one, and lower the
    /// pressure to the screening cap and to the zone's range. Zones and feet to leave out stay
    /// flagged: removing steps is the therapist's decision. Returns how many steps changed.
    pub fn apply_adaptations(
        &mut self,
        screening: &Screening,
        chart: &Chart,
        library: &Library,
    ) -> usize {
        self.apply(|p| {
            let mut n = 0;
            for s in &mut p.steps {
                if adapt_step(s, screening, chart, library) {
                    n += 1;
                }
            }
            n
        })
    }

    /// Lower every step above `cap` to `cap`, as one undo step. Returns how many changed.
    pub fn lower_to_cap(&mut self, cap: Pressure) -> usize {
        self.apply(|p| {
            let mut n = 0;
            for s in p.steps.iter_mut().filter(|s| s.pressure > cap) {
                s.pressure = cap;
                n += 1;
            }
            n
        })
    }
}

/// Whether screening allows a technique (no forbidden pin-point move, leg sweep or calf work).
fn allowed(t: &Technique, screening: &Screening) -> bool {
    let pin_point = screening.no_pin_point && t.contact == Contact::PinPoint;
    let leg_sweep = screening.no_leg_sweeps && (t.strokes_up_leg || t.works_calf);
    !pin_point && !leg_sweep
}

/// Adapt one step to the screening (see [`PlanEditor::apply_adaptations`]); true if it changed.
pub fn adapt_step(
    step: &mut PlanStep,
    screening: &Screening,
    chart: &Chart,
    library: &Library,
) -> bool {
    let before = step.clone();
    let zone = step.zone.as_deref().and_then(|z| chart.zone(z));
    if let Some(old) = library.technique(&step.technique)
        && !allowed(old, screening)
    {
        // The zone's own techniques, a still hold first when a pin-point move is the problem;
        // a whole-foot step falls back to a still hold, strokes that stay on the foot, or
        // (for a calf stretch) ankle circles, which move the foot without working the calf.
        let mut candidates: Vec<&Technique> = match zone {
            Some(z) => z
                .techniques
                .iter()
                .filter_map(|id| library.technique(id))
                .collect(),
            None => [
                "sustained_hold",
                "warm_up_stroking",
                "feathering",
                "ankle_rotation",
            ]
            .iter()
            .filter_map(|id| library.technique(id))
            .collect(),
        };
        let wanted = if old.contact == Contact::PinPoint {
            Contact::Sustained
        } else {
            old.contact
        };
        // Why a stable sort: among equals the zone's own order (its usual technique) wins.
        candidates.sort_by_key(|t| t.contact != wanted);
        if let Some(new) = candidates.into_iter().find(|t| allowed(t, screening)) {
            let why = format!(
                "Adapted for screening: {} instead of {}.",
                new.name.to_lowercase(),
                old.name.to_lowercase()
            );
            // Why keep the old note, labelled: it may say where the area is, but its
            // instructions were written for the technique that was swapped out.
            step.note = if step.note.trim().is_empty() {
                why
            } else {
                format!(
                    "{why} Earlier note, written for {}: {}",
                    old.name.to_lowercase(),
                    step.note
                )
            };
            step.technique = new.id.clone();
        }
    }
    let mut max = zone.map_or(Pressure::Deep, |z| z.pressure.max);
    if let Some(cap) = screening.pressure_cap {
        max = max.min(cap);
    }
    if step.pressure > max {
        step.pressure = max;
    }
    *step != before
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::embedded_library;
    use crate::model::{FootSel, Library};
    use crate::plan::{evaluate, step_issues};

    fn step(zone: &str, pressure: Pressure, minutes: f32) -> PlanStep {
        PlanStep {
            zone: Some(zone.to_owned()),
            title: None,
            foot: FootSel::Both,
            technique: "thumb_walking".to_owned(),
            pressure,
            minutes,
            note: String::new(),
        }
    }

    fn zones(e: &PlanEditor) -> Vec<&str> {
        e.plan()
            .steps
            .iter()
            .map(|s| s.zone.as_deref().unwrap_or("-"))
            .collect()
    }

    fn abc() -> PlanEditor {
        let mut plan = Plan::default();
        for z in ["a", "b", "c"] {
            plan.steps.push(step(z, Pressure::Moderate, 2.0));
        }
        PlanEditor::new(plan)
    }

    fn library() -> Library {
        embedded_library().expect("embedded library")
    }

    #[test]
    fn add_remove_and_reorder_steps() {
        let mut e = abc();
        e.add_step(1, step("x", Pressure::Light, 1.0));
        assert_eq!(zones(&e), ["a", "x", "b", "c"]);
        e.add_step(99, step("y", Pressure::Light, 1.0));
        assert_eq!(zones(&e), ["a", "x", "b", "c", "y"]);
        assert_eq!(e.remove_step(0).and_then(|s| s.zone).as_deref(), Some("a"));
        assert_eq!(zones(&e), ["x", "b", "c", "y"]);
        assert!(e.move_step(0, 2));
        assert_eq!(zones(&e), ["b", "c", "x", "y"]);
        assert!(e.move_step(3, 0));
        assert_eq!(zones(&e), ["y", "b", "c", "x"]);
        assert!(e.move_step(1, 99));
        assert_eq!(zones(&e), ["y", "c", "x", "b"]);
        assert!(e.set_step(0, step("z", Pressure::Feather, 3.0)));
        assert_eq!(zones(&e), ["z", "c", "x", "b"]);
    }

    #[test]
    fn out_of_range_operations_change_nothing_and_record_nothing() {
        let mut e = abc();
        assert_eq!(e.remove_step(3), None);
        assert!(!e.move_step(3, 0));
        assert!(!e.set_step(5, step("q", Pressure::Light, 1.0)));
        assert!(e.move_step(1, 1), "a move onto itself is valid");
        assert!(!e.can_undo());
        assert!(!e.is_dirty());
    }

    #[test]
    fn undo_and_redo_walk_the_history() {
        let mut e = abc();
        e.remove_step(1);
        e.move_step(0, 1);
        assert_eq!(zones(&e), ["c", "a"]);
        assert!(e.undo());
        assert_eq!(zones(&e), ["a", "c"]);
        assert!(e.undo());
        assert_eq!(zones(&e), ["a", "b", "c"]);
        assert!(!e.undo());
        assert!(e.can_redo());
        assert!(e.redo());
        assert!(e.redo());
        assert_eq!(zones(&e), ["c", "a"]);
        assert!(!e.redo());
    }

    #[test]
    fn a_new_edit_clears_redo() {
        let mut e = abc();
        e.remove_step(0);
        e.undo();
        assert!(e.can_redo());
        e.push_step(step("d", Pressure::Light, 1.0));
        assert!(!e.can_redo());
        assert_eq!(zones(&e), ["a", "b", "c", "d"]);
    }

    #[test]
    fn an_edit_that_changes_nothing_is_not_an_undo_step() {
        let mut e = abc();
        e.apply(|p| p.notes.clear());
        e.set_answer("dvt_signs", None);
        assert!(!e.can_undo());
        e.set_answer("dvt_signs", Some(Answer::No));
        e.set_answer("dvt_signs", Some(Answer::No));
        assert!(e.undo());
        assert!(!e.can_undo());
        assert!(e.plan().screening.is_empty());
    }

    #[test]
    fn dirty_means_different_from_the_saved_plan() {
        let mut e = abc();
        assert!(!e.is_dirty());
        e.remove_step(0);
        assert!(e.is_dirty());
        e.undo();
        assert!(!e.is_dirty(), "undoing back to the saved plan is clean");
        e.redo();
        e.mark_saved();
        assert!(!e.is_dirty());
        e.undo();
        assert!(e.is_dirty());
        assert!(PlanEditor::new_unsaved(Plan::default()).is_dirty());
    }

    #[test]
    fn history_is_bounded() {
        let mut e = PlanEditor::new(Plan::default());
        for i in 0..(UNDO_LIMIT + 50) {
            e.apply(|p| p.notes = i.to_string());
        }
        let mut n = 0;
        while e.undo() {
            n += 1;
        }
        assert_eq!(n, UNDO_LIMIT);
        assert_eq!(e.plan().notes, "49");
    }

    #[test]
    fn coalesced_edits_undo_as_one() {
        let mut e = PlanEditor::new(Plan::default());
        for s in ["H", "He", "Hel", "Hell", "Hello"] {
            e.apply_coalesced("notes", |p| p.notes = s.to_owned());
        }
        e.apply_coalesced("initials", |p| p.client_initials = "AB".to_owned());
        e.apply_coalesced("notes", |p| p.notes.push('!'));
        assert!(e.undo());
        assert_eq!(e.plan().notes, "Hello");
        assert!(e.undo());
        assert_eq!(e.plan().client_initials, "");
        assert!(e.undo());
        assert_eq!(e.plan().notes, "");
        assert!(!e.can_undo());
    }

    #[test]
    fn a_session_too_short_for_the_template_grows_to_fit() {
        let lib = library();
        let t = lib.template("neuropathy_gentle").expect("template");
        let total = t.steps.iter().map(|s| s.minutes).sum::<f32>().ceil() as u32;
        assert!(
            total > 45,
            "the protocol runs longer than its shortest session"
        );
        let mut e = PlanEditor::new(Plan {
            session_minutes: 45,
            ..Plan::default()
        });
        e.load_template(t);
        assert_eq!(
            e.plan().session_minutes,
            total.clamp(t.session_minutes.0, t.session_minutes.1)
        );
        assert!(e.plan().total_minutes() <= e.plan().session_minutes as f32);
    }

    #[test]
    fn loading_a_template_keeps_the_screening_and_client() {
        let lib = library();
        let mut e = PlanEditor::new(Plan {
            client_initials: "JD".into(),
            date: "2025-03-01".into(),
            session_minutes: 60,
            ..Plan::default()
        });
        e.set_answer("dvt_signs", Some(Answer::No));
        let t = lib.template("neuropathy_gentle").expect("template");
        e.load_template(t);
        let p = e.plan();
        assert_eq!(p.steps.len(), t.steps.len());
        assert_eq!(p.template.as_deref(), Some("neuropathy_gentle"));
        assert_eq!(p.client_initials, "JD");
        assert_eq!(p.date, "2025-03-01");
        assert_eq!(p.session_minutes, 60, "inside 45–60 and long enough: kept");
        assert_eq!(p.screening.get("dvt_signs"), Some(&Answer::No));
        let home = lib.template("home_routine").expect("template");
        e.load_template(home);
        let home_total = e.plan().total_minutes().ceil() as u32;
        let (lo, hi) = home.session_minutes;
        assert_eq!(
            e.plan().session_minutes,
            home_total.clamp(lo, hi),
            "60 is outside 15–30: the shortest length that fits"
        );
        e.undo();
        assert_eq!(e.plan().template.as_deref(), Some("neuropathy_gentle"));
    }

    #[test]
    fn lowering_to_a_cap_is_one_undo_step() {
        let mut e = abc();
        e.add_step(0, step("f", Pressure::Feather, 1.0));
        let before = e.plan().clone();
        assert_eq!(e.lower_to_cap(Pressure::Light), 3);
        assert!(e.plan().steps.iter().all(|s| s.pressure <= Pressure::Light));
        assert_eq!(
            e.plan().steps[0].pressure,
            Pressure::Feather,
            "never raised"
        );
        assert_eq!(e.lower_to_cap(Pressure::Light), 0);
        assert!(e.undo());
        assert_eq!(e.plan(), &before);
    }

    /// Every adapt rule with a pressure cap: steps above it are flagged, and lowering to the cap
    /// clears those flags.
    #[test]
    fn every_adapt_rule_cap_is_applied() {
        let lib = library();
        let content = crate::load::embedded_content().expect("embedded content");
        let template = lib.template("full_foot_relaxation").expect("template");
        let mut checked = 0;
        for rule in lib
            .rules_for(crate::model::Limb::Foot)
            .filter(|r| r.action == crate::model::Action::Adapt)
        {
            let Some(cap) = rule.adaptation.pressure_cap else {
                continue;
            };
            let mut plan = Plan::from_template(template);
            plan.steps.push(step("solar_plexus", Pressure::Deep, 1.0));
            plan.screening.insert(rule.id.clone(), Answer::Yes);
            let mut e = PlanEditor::new(plan);
            let above = |e: &PlanEditor| {
                let s = evaluate(&lib.rules, e.plan());
                assert_eq!(s.pressure_cap, Some(cap), "{}", rule.id);
                e.plan()
                    .steps
                    .iter()
                    .filter(|st| {
                        step_issues(st, &s, &content.chart, &lib)
                            .iter()
                            .any(|i| matches!(i, crate::plan::StepIssue::AboveCap(_)))
                    })
                    .count()
            };
            let expected = e.plan().steps.iter().filter(|s| s.pressure > cap).count();
            assert!(expected >= 1);
            assert_eq!(above(&e), expected, "{}", rule.id);
            assert_eq!(e.lower_to_cap(cap), expected, "{}", rule.id);
            assert_eq!(above(&e), 0, "{}", rule.id);
            checked += 1;
        }
        assert!(checked >= 3, "only {checked} adapt rules with a cap");
    }
}
