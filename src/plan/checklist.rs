//! Where each screening group stands, for folding the checklist: questions, answered, "yes".

use crate::model::{Library, RuleGroup};

use super::{Answer, Plan};

/// Where a screening group stands: how many questions, answered, and answered "yes".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupProgress {
    /// Questions in the group.
    pub total: usize,
    /// Questions answered either way.
    pub answered: usize,
    /// Questions answered "yes".
    pub yes: usize,
}

impl GroupProgress {
    /// Counts the group's answers in the plan.
    pub fn of(group: RuleGroup, library: &Library, plan: &Plan) -> Self {
        let mut p = Self {
            total: 0,
            answered: 0,
            yes: 0,
        };
        for rule in library.rules_for(plan.limb).filter(|r| r.group == group) {
            p.total += 1;
            match plan.screening.get(&rule.id) {
                Some(Answer::Yes) => {
                    p.answered += 1;
                    p.yes += 1;
                }
                Some(Answer::No) => p.answered += 1,
                None => {}
            }
        }
        p
    }

    /// Every question answered and none "yes": nothing in this group needs the
    /// therapist's eye, so the group may fold away.
    pub fn is_clear(self) -> bool {
        self.total > 0 && self.answered == self.total && self.yes == 0
    }

    /// The group's heading: its name and where it stands.
    pub fn title(self, group: RuleGroup) -> String {
        let name = group.label();
        if self.yes > 0 {
            format!("{name} — {} yes", self.yes)
        } else if self.is_clear() {
            format!("{name} — all {} no", self.total)
        } else if self.answered > 0 {
            format!("{name} — {} of {} answered", self.answered, self.total)
        } else {
            name.to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_is_clear_only_when_every_question_is_answered_no() {
        let content = crate::load::embedded_content().expect("content");
        let library = &content.library;
        let group = RuleGroup::SensationNeuropathy;
        let ids: Vec<_> = library
            .rules_for(crate::model::Limb::Foot)
            .filter(|r| r.group == group)
            .map(|r| r.id.clone())
            .collect();
        assert!(ids.len() >= 2, "the test needs a group of two or more");
        let mut plan = Plan::default();
        let p = GroupProgress::of(group, library, &plan);
        assert_eq!((p.total, p.answered, p.yes), (ids.len(), 0, 0));
        assert!(!p.is_clear());
        assert_eq!(p.title(group), "Sensation and neuropathy");

        plan.screening.insert(ids[0].clone(), Answer::No);
        let p = GroupProgress::of(group, library, &plan);
        assert!(!p.is_clear(), "one unanswered question keeps it open");
        assert_eq!(
            p.title(group),
            format!("Sensation and neuropathy — 1 of {} answered", ids.len())
        );

        for id in &ids {
            plan.screening.insert(id.clone(), Answer::No);
        }
        let p = GroupProgress::of(group, library, &plan);
        assert!(p.is_clear());
        assert_eq!(
            p.title(group),
            format!("Sensation and neuropathy — all {} no", ids.len())
        );

        plan.screening.insert(ids[1].clone(), Answer::Yes);
        let p = GroupProgress::of(group, library, &plan);
        assert!(!p.is_clear(), "a yes always stays in view");
        assert_eq!(p.title(group), "Sensation and neuropathy — 1 yes");
    }
}
