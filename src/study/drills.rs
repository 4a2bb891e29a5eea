//! Study drills: client vignettes (safety) and statements (claim check), from
//! `assets/study/drills.ron`, checked against the library they refer to.

use serde::{Deserialize, Serialize};

use crate::assets::DRILLS_FILE;
use crate::load::{Locator, Problems, SourceText, parse_ron};
use crate::model::{Action, Library};

/// How hard an item is, for the difficulty filter.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
pub enum Difficulty {
    /// First week of a course.
    #[default]
    Easy,
    /// Exam level.
    Medium,
    /// Tricky: small areas, side views, look-alike cases.
    Hard,
}

impl Difficulty {
    /// Every level, easiest first.
    pub const ALL: [Difficulty; 3] = [Self::Easy, Self::Medium, Self::Hard];

    /// The word a user reads.
    pub fn label(self) -> &'static str {
        match self {
            Self::Easy => "Easy",
            Self::Medium => "Medium",
            Self::Hard => "Hard",
        }
    }
}

/// A client vignette for the safety drill.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Vignette {
    /// Stable id.
    pub id: String,
    /// The client, in two or three sentences.
    pub text: String,
    /// The screening rule it exercises (its action is the right answer).
    #[serde(default)]
    pub rule: Option<String>,
    /// The right answer when no rule applies.
    #[serde(default)]
    pub answer: Option<Action>,
    /// Why, when no rule applies.
    #[serde(default)]
    pub note: String,
    /// How hard.
    pub difficulty: Difficulty,
}

impl Vignette {
    /// The right action: the rule's, or the vignette's own when no rule applies.
    pub fn action(&self, library: &Library) -> Action {
        self.rule
            .as_deref()
            .and_then(|r| library.rule(r))
            .map(|r| r.action)
            .or(self.answer)
            .unwrap_or(Action::Proceed)
    }
}

/// A statement for the claim check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    /// Stable id.
    pub id: String,
    /// The statement as it might be heard or read.
    pub text: String,
    /// The graded claim it tests (its grade is the right answer).
    pub claim: String,
    /// Worded the way popular articles overstate it.
    #[serde(default)]
    pub overstated: bool,
    /// How hard.
    pub difficulty: Difficulty,
}

/// A run of template steps whose order the tradition fixes: the only runs the sequence quiz
/// asks about. Why not every run: most of a template's order is the template author's choice,
/// and a drill must not mark another school's valid order wrong.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FixedSequence {
    /// Stable id.
    pub id: String,
    /// The template whose steps are drilled.
    pub template: String,
    /// The zones of the run, in order; they must be consecutive steps of the template.
    pub zones: Vec<String>,
    /// Why the tradition fixes this order, for the feedback.
    pub why: String,
}

impl FixedSequence {
    /// Where the run starts in its template's steps (0-based), if the template has the zones as
    /// consecutive steps in this order.
    pub fn start_in(&self, library: &Library) -> Option<usize> {
        let steps = &library.template(&self.template)?.steps;
        if self.zones.is_empty() || self.zones.len() > steps.len() {
            return None;
        }
        (0..=steps.len() - self.zones.len()).find(|&i| {
            self.zones
                .iter()
                .zip(&steps[i..])
                .all(|(z, s)| s.zone.as_deref() == Some(z.as_str()))
        })
    }
}

/// Everything in `drills.ron`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Drills {
    /// Safety vignettes.
    pub vignettes: Vec<Vignette>,
    /// Claim-check statements.
    pub statements: Vec<Statement>,
    /// Step orders the tradition fixes, for the sequence quiz.
    #[serde(default)]
    pub sequences: Vec<FixedSequence>,
}

impl Drills {
    /// The fixed sequence a sequence-quiz run (`len` steps of `template` from `start`) comes
    /// from, for its feedback ([`FixedSequence::why`]).
    pub fn sequence_for(
        &self,
        library: &Library,
        template: &str,
        start: usize,
        len: usize,
    ) -> Option<&FixedSequence> {
        self.sequences.iter().find(|q| {
            q.template == template
                && q.start_in(library)
                    .is_some_and(|first| first <= start && start + len <= first + q.zones.len())
        })
    }
}

/// Parse drills and check every reference against the library.
pub fn load_drills(src: &SourceText, library: &Library) -> Result<Drills, Problems> {
    let drills: Drills = parse_ron(src)?;
    let loc = Locator::new(src.text);
    let mut problems = Vec::new();
    let mut problem = |id: &str, message: String| {
        problems.push(loc.problem(src.name, loc.id(id), message));
    };
    let mut seen = std::collections::HashSet::new();
    for v in &drills.vignettes {
        if !seen.insert(v.id.as_str()) {
            problem(&v.id, format!("duplicate id {:?}", v.id));
        }
        if v.text.trim().is_empty() {
            problem(&v.id, format!("vignette {:?} has no text", v.id));
        }
        match (&v.rule, v.answer) {
            (Some(r), None) if library.rule(r).is_none() => {
                problem(&v.id, format!("unknown screening rule {r:?}"));
            }
            (Some(_), Some(_)) => problem(
                &v.id,
                format!(
                    "vignette {:?} names a rule and an answer; the rule's action is the answer",
                    v.id
                ),
            ),
            (None, None) => problem(
                &v.id,
                format!("vignette {:?} needs a screening rule or an answer", v.id),
            ),
            (None, Some(_)) if v.note.trim().is_empty() => problem(
                &v.id,
                format!("vignette {:?} has an answer but no note saying why", v.id),
            ),
            _ => {}
        }
    }
    for s in &drills.statements {
        if !seen.insert(s.id.as_str()) {
            problem(&s.id, format!("duplicate id {:?}", s.id));
        }
        if library.claim(&s.claim).is_none() {
            problem(&s.id, format!("unknown claim {:?}", s.claim));
        }
    }
    for q in &drills.sequences {
        if !seen.insert(q.id.as_str()) {
            problem(&q.id, format!("duplicate id {:?}", q.id));
        }
        if library.template(&q.template).is_none() {
            problem(&q.id, format!("unknown template {:?}", q.template));
        } else if q.zones.len() < 3 {
            problem(
                &q.id,
                format!("sequence {:?} needs at least 3 zones to ask about", q.id),
            );
        } else if q.start_in(library).is_none() {
            problem(
                &q.id,
                format!(
                    "sequence {:?}: template {:?} has no consecutive steps on {}",
                    q.id,
                    q.template,
                    q.zones.join(", ")
                ),
            );
        }
        if q.why.trim().is_empty() {
            problem(
                &q.id,
                format!("sequence {:?} does not say why its order is fixed", q.id),
            );
        }
    }
    if problems.is_empty() {
        Ok(drills)
    } else {
        Err(Problems(problems))
    }
}

/// The embedded drills, checked against the embedded library.
pub fn embedded_drills(library: &Library) -> Result<Drills, Problems> {
    load_drills(&DRILLS_FILE, library)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::embedded_library;

    #[test]
    fn the_embedded_drills_load_and_cover_every_rule() {
        let library = embedded_library().expect("library");
        let drills = embedded_drills(&library).expect("drills");
        // Why the foot questions only: the drills are foot sessions; the hand questions are
        // asked only of a session on the hands.
        for rule in library.rules_for(crate::model::Limb::Foot) {
            assert!(
                drills
                    .vignettes
                    .iter()
                    .any(|v| v.rule.as_deref() == Some(rule.id.as_str())),
                "no vignette exercises rule {}",
                rule.id
            );
        }
        assert!(
            drills
                .vignettes
                .iter()
                .any(|v| v.action(&library) == Action::Proceed),
            "a drill where nothing applies keeps students from answering 'stop' by reflex"
        );
        assert!(drills.statements.iter().filter(|s| s.overstated).count() >= 5);
    }

    #[test]
    fn a_bad_reference_is_reported_with_its_line() {
        let library = embedded_library().expect("library");
        let text = DRILLS_FILE
            .text
            .replacen("\"dvt_signs\"", "\"no_such_rule\"", 1);
        let err = load_drills(
            &SourceText {
                name: "drills.ron",
                text: &text,
            },
            &library,
        )
        .expect_err("unknown rule");
        let p = &err.0[0];
        assert!(p.message.contains("no_such_rule"), "{p}");
        assert!(p.line > 5, "{p}");
    }
}
