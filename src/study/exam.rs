//! Exam mode: a fixed number of mixed questions, an optional time limit, no feedback until the
//! end, and no change to the review schedule (a cram). Then a results sheet by quiz kind and
//! body system, and "review the missed ones" as an untimed practice round with feedback.
//!
//! The questions are a [`Quiz`], so the study view shows them as it shows any quiz; answers are
//! checked against a scratch copy of the progress, which is thrown away.

use serde::{Deserialize, Serialize};

use super::items::{Filters, Item, QuizKind};
use super::progress::Progress;
use super::quiz::{Asked, Quiz, QuizSetup, Sources, question_for};
use super::rng::Rng;
use crate::model::BodySystem;

/// Question counts offered for an exam.
pub const EXAM_SIZES: [usize; 5] = [10, 20, 30, 40, 60];

/// Time limits offered, in minutes (`None`: untimed).
pub const EXAM_MINUTES: [Option<u32>; 6] = [None, Some(5), Some(10), Some(20), Some(30), Some(60)];

/// How an exam is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExamSetup {
    /// Questions (fewer when fewer items match).
    pub count: usize,
    /// Time limit in minutes, if any.
    pub minutes: Option<u32>,
    /// Which items (chart filters apply to chart questions only).
    pub filters: Filters,
    /// The seed.
    pub seed: u64,
}

impl Default for ExamSetup {
    fn default() -> Self {
        Self {
            count: 20,
            minutes: Some(20),
            filters: Filters::default(),
            seed: 1,
        }
    }
}

/// Why an exam ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// Every question was answered.
    Answered,
    /// The time ran out; unanswered questions count as missed.
    TimeUp,
    /// The student handed it in early.
    HandedIn,
}

/// An exam under way or finished.
#[derive(Debug, Clone, PartialEq)]
pub struct Exam {
    /// How it was built.
    pub setup: ExamSetup,
    /// The questions and the answers so far.
    pub quiz: Quiz,
    /// The kind of each question (an exam mixes them).
    pub kinds: Vec<QuizKind>,
    /// The body system of each chart question.
    pub systems: Vec<Option<BodySystem>>,
    /// When it started, in seconds on the session's clock.
    pub started: f64,
    /// Why it ended, once it has.
    pub ended: Option<Ended>,
    /// A review round: feedback after each answer, no time limit.
    pub practice: bool,
    scratch: Progress,
}

/// One row of the results sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    /// Right answers.
    pub right: usize,
    /// Questions.
    pub asked: usize,
}

impl Exam {
    /// Build an exam: `setup.count` items drawn by the seed from every kind, spread across the
    /// kinds in turn so a short exam still mixes them. The schedule plays no part (a cram).
    pub fn build(setup: ExamSetup, items: &[Item], now: f64, src: Sources) -> Exam {
        let mut rng = Rng::new(setup.seed);
        // Why not labelling: a board is a whole chart at once, not one question among others
        // (its names are asked one by one in the name questions).
        let mut by_kind: Vec<Vec<&Item>> = QuizKind::ALL
            .iter()
            .filter(|k| **k != QuizKind::Label)
            .map(|k| {
                let mut pool: Vec<&Item> = items
                    .iter()
                    .filter(|i| i.kind == *k && setup.filters.accepts(i))
                    .collect();
                rng.shuffle(&mut pool);
                pool
            })
            .collect();
        let mut chosen: Vec<&Item> = Vec::new();
        while chosen.len() < setup.count && by_kind.iter().any(|p| !p.is_empty()) {
            for pool in &mut by_kind {
                if chosen.len() < setup.count
                    && let Some(item) = pool.pop()
                {
                    chosen.push(item);
                }
            }
        }
        rng.shuffle(&mut chosen);
        Self::of_items(setup, &chosen, now, false, &mut rng, src)
    }

    fn of_items(
        setup: ExamSetup,
        items: &[&Item],
        now: f64,
        practice: bool,
        rng: &mut Rng,
        src: Sources,
    ) -> Exam {
        let questions: Vec<Asked> = items
            .iter()
            .map(|item| Asked {
                key: item.key.clone(),
                question: question_for(item, rng, src),
            })
            .collect();
        let kinds = items.iter().map(|i| i.kind).collect();
        let systems = items.iter().map(|i| i.system).collect();
        let quiz = Quiz {
            setup: QuizSetup {
                kind: items.first().map_or(QuizKind::Locate, |i| i.kind),
                filters: setup.filters,
                count: questions.len(),
                seed: setup.seed,
            },
            questions,
            outcomes: Vec::new(),
            position: 0,
            due_and_new: (0, 0),
        };
        Exam {
            setup,
            quiz,
            kinds,
            systems,
            started: now,
            ended: None,
            practice,
            scratch: Progress::default(),
        }
    }

    /// A practice round of the questions missed (or left unanswered) in this exam.
    pub fn review(&self, items: &[Item], now: f64, src: Sources) -> Option<Exam> {
        let missed: Vec<&Item> = self
            .quiz
            .questions
            .iter()
            .enumerate()
            .filter(|(i, _)| !self.quiz.outcomes.get(*i).is_some_and(|o| o.right))
            .filter_map(|(_, a)| items.iter().find(|it| it.key == a.key))
            .collect();
        if missed.is_empty() {
            return None;
        }
        let mut rng = Rng::new(self.setup.seed ^ 0x5eed);
        let setup = ExamSetup {
            count: missed.len(),
            minutes: None,
            ..self.setup
        };
        Some(Self::of_items(setup, &missed, now, true, &mut rng, src))
    }

    /// Seconds left, if timed (never below zero).
    pub fn remaining(&self, now: f64) -> Option<f64> {
        self.setup
            .minutes
            .filter(|_| !self.practice)
            .map(|m| (f64::from(m) * 60.0 - (now - self.started)).max(0.0))
    }

    /// End the exam when its time is up. Returns true when this call ended it.
    pub fn tick(&mut self, now: f64) -> bool {
        if self.ended.is_none() && self.remaining(now) == Some(0.0) {
            self.ended = Some(Ended::TimeUp);
            self.quiz.position = self.quiz.questions.len();
            return true;
        }
        false
    }

    /// Answer the question on screen. In an exam it moves straight on (no feedback until the
    /// end); in practice the feedback shows and [`Exam::next`] moves on. The schedule is not
    /// touched: the answer is checked against a scratch progress.
    pub fn answer(&mut self, response: super::Response, now: f64, src: Sources) -> bool {
        if self.ended.is_some() || self.tick(now) {
            return false;
        }
        let answered = self
            .quiz
            .answer(response, &mut self.scratch, 0, src)
            .is_some();
        if answered && !self.practice {
            self.next();
        }
        answered
    }

    /// Go on to the next question (after an answer); the last one ends the exam.
    pub fn next(&mut self) {
        if self.quiz.advance() && self.ended.is_none() {
            self.ended = Some(Ended::Answered);
        }
    }

    /// Hand the exam in now; unanswered questions count as missed.
    pub fn hand_in(&mut self) {
        if self.ended.is_none() {
            self.ended = Some(Ended::HandedIn);
            self.quiz.position = self.quiz.questions.len();
        }
    }

    /// Right answers and questions, overall.
    pub fn score(&self) -> Tally {
        Tally {
            right: self.quiz.right(),
            asked: self.quiz.questions.len(),
        }
    }

    fn right_at(&self, i: usize) -> bool {
        self.quiz.outcomes.get(i).is_some_and(|o| o.right)
    }

    /// The results by quiz kind, in [`QuizKind::ALL`] order (kinds not asked left out).
    pub fn by_kind(&self) -> Vec<(QuizKind, Tally)> {
        QuizKind::ALL
            .iter()
            .filter_map(|k| {
                let idx: Vec<usize> = (0..self.kinds.len())
                    .filter(|i| self.kinds[*i] == *k)
                    .collect();
                (!idx.is_empty()).then(|| {
                    (
                        *k,
                        Tally {
                            right: idx.iter().filter(|i| self.right_at(**i)).count(),
                            asked: idx.len(),
                        },
                    )
                })
            })
            .collect()
    }

    /// The results of the chart questions by body system.
    pub fn by_system(&self) -> Vec<(BodySystem, Tally)> {
        BodySystem::ALL
            .iter()
            .filter_map(|s| {
                let idx: Vec<usize> = (0..self.systems.len())
                    .filter(|i| self.systems[*i] == Some(*s))
                    .collect();
                (!idx.is_empty()).then(|| {
                    (
                        *s,
                        Tally {
                            right: idx.iter().filter(|i| self.right_at(**i)).count(),
                            asked: idx.len(),
                        },
                    )
                })
            })
            .collect()
    }

    /// The questions missed or left unanswered, by index.
    pub fn missed(&self) -> Vec<usize> {
        (0..self.quiz.questions.len())
            .filter(|i| !self.right_at(*i))
            .collect()
    }

    /// Whether question `i` was answered at all.
    pub fn answered(&self, i: usize) -> bool {
        self.quiz.outcomes.len() > i
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::study::quiz::{right_response, wrong_response};

    fn with_exam(setup: ExamSetup, f: impl FnOnce(&mut Exam, &[Item], Sources)) {
        let w = crate::study::test_world::world();
        let mut exam = Exam::build(setup, &w.items, 100.0, w.src());
        f(&mut exam, &w.items, w.src());
    }

    #[test]
    fn an_exam_mixes_every_kind_gives_no_feedback_and_scores_by_kind_and_system() {
        with_exam(
            ExamSetup {
                count: 20,
                ..ExamSetup::default()
            },
            |exam, items, src| {
                assert_eq!(exam.quiz.questions.len(), 20);
                assert_eq!(
                    exam.by_kind().len(),
                    QuizKind::ALL.len() - 1,
                    "every kind but labelling in twenty questions"
                );
                let mut n = 0;
                while let Some(asked) = exam.quiz.current().cloned() {
                    let response = if n % 2 == 0 {
                        right_response(&asked.question, src)
                    } else {
                        wrong_response(&asked.question, src)
                    };
                    assert!(exam.answer(response, 100.0 + n as f64, src));
                    // Straight on: no outcome on screen to show feedback for.
                    assert!(exam.quiz.current_outcome().is_none());
                    n += 1;
                }
                assert_eq!(exam.ended, Some(Ended::Answered));
                assert_eq!(
                    exam.score(),
                    Tally {
                        right: 10,
                        asked: 20
                    }
                );
                let kinds: usize = exam.by_kind().iter().map(|(_, t)| t.asked).sum();
                assert_eq!(kinds, 20);
                assert!(!exam.by_system().is_empty());
                assert_eq!(exam.missed().len(), 10);
                let review = exam.review(items, 200.0, src).expect("a review round");
                assert!(review.practice);
                assert_eq!(review.quiz.questions.len(), 10);
                assert_eq!(review.remaining(1e9), None, "untimed");
            },
        );
    }

    #[test]
    fn time_up_ends_it_and_unanswered_questions_are_missed() {
        with_exam(
            ExamSetup {
                count: 10,
                minutes: Some(5),
                ..ExamSetup::default()
            },
            |exam, _, src| {
                assert_eq!(exam.remaining(100.0), Some(300.0));
                let asked = exam.quiz.current().cloned().unwrap();
                assert!(exam.answer(right_response(&asked.question, src), 160.0, src));
                assert_eq!(exam.remaining(220.0), Some(180.0));
                assert!(!exam.tick(399.0));
                assert!(exam.tick(400.0));
                assert_eq!(exam.ended, Some(Ended::TimeUp));
                assert!(exam.quiz.current().is_none());
                let asked = exam.quiz.questions[1].question.clone();
                assert!(
                    !exam.answer(right_response(&asked, src), 401.0, src),
                    "too late"
                );
                assert_eq!(
                    exam.score(),
                    Tally {
                        right: 1,
                        asked: 10
                    }
                );
                assert_eq!(exam.missed().len(), 9);
            },
        );
    }
}
