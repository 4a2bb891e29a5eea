//! The printable quiz's questions: drawn by the seed from the chosen kinds, spread across them
//! in turn (as an exam is), with each question's choices and right answer in words, so the PDF
//! and its answer page are laid out from plain text. Labelling boards are not printed (the
//! worksheet is the paper form of labelling).

use super::items::{Item, QuizKind};
use super::lines::ZONE_FACTS;
use super::quiz::{ACTIONS, Question, Response, Sources, question_for, right_response, step_label};
use super::rng::Rng;
use super::text::{chosen_words, describe_guide};
use crate::model::Grade;

/// What Study mode prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StudyPrint {
    /// The quiz the setup describes (its kind, count and seed), answers last.
    Quiz,
    /// The labelling worksheet of the setup's view and foot (plantar and left when any).
    Worksheet,
}

/// The kinds a printed quiz may hold.
pub const PRINT_KINDS: [QuizKind; 6] = [
    QuizKind::Locate,
    QuizKind::Name,
    QuizKind::Lines,
    QuizKind::Sequence,
    QuizKind::Safety,
    QuizKind::Claim,
];

/// One printed question.
#[derive(Debug, Clone, PartialEq)]
pub struct Printed {
    /// The question (for its drawing, if any).
    pub question: Question,
    /// What is asked, in words for paper.
    pub prompt: String,
    /// A passage to read first (a client's situation, a statement), if any.
    pub passage: Option<String>,
    /// The choices, lettered A, B, C … in print (empty when the answer is written or marked).
    pub choices: Vec<String>,
    /// The answer as the answer page gives it.
    pub answer: String,
}

/// Letters for choices and steps.
pub fn letter(i: usize) -> char {
    char::from(b'A' + (i % 26) as u8)
}

/// Up to `count` questions from these kinds, by the seed.
pub fn printable(
    items: &[Item],
    kinds: &[QuizKind],
    count: usize,
    seed: u64,
    src: Sources,
) -> Vec<Printed> {
    let mut rng = Rng::new(seed);
    let mut pools: Vec<Vec<&Item>> = kinds
        .iter()
        .filter(|k| PRINT_KINDS.contains(k))
        .map(|k| {
            let mut pool: Vec<&Item> = items.iter().filter(|i| i.kind == *k).collect();
            rng.shuffle(&mut pool);
            pool
        })
        .collect();
    let mut chosen = Vec::new();
    while chosen.len() < count && pools.iter().any(|p| !p.is_empty()) {
        for pool in &mut pools {
            if chosen.len() < count
                && let Some(item) = pool.pop()
            {
                chosen.push(item);
            }
        }
    }
    chosen
        .into_iter()
        .map(|item| printed(question_for(item, &mut rng, src), src))
        .collect()
}

fn printed(question: Question, src: Sources) -> Printed {
    let words = |i: usize| chosen_words(&question, &Response::Choice(i), src).unwrap_or_default();
    let choice_count = match &question {
        Question::Name { options, .. } => options.len(),
        Question::Guide { options, .. } => options.len(),
        Question::Safety { .. } => ACTIONS.len(),
        Question::Claim { .. } => Grade::ALL.len(),
        Question::ZoneFact { fact } => ZONE_FACTS.get(*fact).map_or(0, |f| f.options.len()),
        Question::Locate { .. } | Question::Sequence { .. } => 0,
    };
    let mut choices: Vec<String> = (0..choice_count).map(words).collect();
    // The answer page's line: the letter and words of the right choice, by default.
    let mut answer = match right_response(&question, src) {
        Response::Choice(i) => format!("{}  {}", letter(i), words(i)),
        Response::Order(order) => match &question {
            Question::Sequence { shown, .. } => order
                .iter()
                .filter_map(|s| shown.iter().position(|x| x == s))
                .map(|i| letter(i).to_string())
                .collect::<Vec<_>>()
                .join(", "),
            _ => String::new(),
        },
        Response::Click(_) => String::new(),
    };
    let mut passage = None;
    let prompt = match &question {
        Question::Locate { zone, view, foot } => {
            let z = src.chart.zone_at(*zone);
            answer = format!("{}: {}", z.name, z.location);
            format!(
                "Mark the {} reflex on the {} {} of the drawing ({} view).",
                z.name,
                foot.label().to_lowercase(),
                src.chart.limb.one(),
                src.chart.view_label(*view).to_lowercase()
            )
        }
        Question::Name { view, foot, .. } => format!(
            "Which reflex area is shaded on the {} {} ({} view)?",
            foot.label().to_lowercase(),
            src.chart.limb.one(),
            src.chart.view_label(*view).to_lowercase()
        ),
        Question::Guide { guide, view, .. } => format!(
            "Which guide line is this? {}",
            describe_guide(src.chart, *guide, *view)
        ),
        Question::Sequence {
            template, shown, ..
        } => {
            let steps = &src.library.templates[*template].steps;
            choices = shown
                .iter()
                .map(|s| step_label(&steps[*s], src.chart))
                .collect();
            format!(
                "{} Write the letters in order.",
                super::text::prompt(&question, src)
            )
        }
        Question::Safety { vignette } => {
            passage = Some(src.drills.vignettes[*vignette].text.clone());
            super::text::prompt(&question, src)
        }
        Question::Claim { statement } => {
            passage = Some(src.drills.statements[*statement].text.clone());
            super::text::prompt(&question, src)
        }
        Question::ZoneFact { .. } => super::text::prompt(&question, src),
    };
    Printed {
        question,
        prompt,
        passage,
        choices,
        answer,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_printed_quiz_mixes_the_kinds_and_every_question_has_its_answer() {
        let w = crate::study::test_world::world();
        let (items, src) = (&w.items, w.src());
        let quiz = printable(items, &PRINT_KINDS, 18, 9, src);
        assert_eq!(quiz.len(), 18);
        assert_eq!(quiz, printable(items, &PRINT_KINDS, 18, 9, src), "seeded");
        for kind in PRINT_KINDS {
            let n = quiz
                .iter()
                .filter(|p| {
                    matches!(
                        (&p.question, kind),
                        (Question::Locate { .. }, QuizKind::Locate)
                            | (Question::Name { .. }, QuizKind::Name)
                            | (
                                Question::Guide { .. } | Question::ZoneFact { .. },
                                QuizKind::Lines
                            )
                            | (Question::Sequence { .. }, QuizKind::Sequence)
                            | (Question::Safety { .. }, QuizKind::Safety)
                            | (Question::Claim { .. }, QuizKind::Claim)
                    )
                })
                .count();
            assert_eq!(n, 3, "{kind:?}");
        }
        for p in &quiz {
            assert!(!p.prompt.is_empty() && !p.answer.is_empty(), "{p:?}");
            if !matches!(p.question, Question::Locate { .. }) {
                assert!(p.choices.len() >= 2, "{p:?}");
            }
        }
        // A choice answer names its letter and the words of that choice.
        let safety = quiz
            .iter()
            .find(|p| matches!(p.question, Question::Safety { .. }))
            .expect("safety");
        let (l, words) = safety.answer.split_once("  ").expect("letter and words");
        let i = usize::from(l.as_bytes()[0] - b'A');
        assert_eq!(safety.choices[i], words);
        // Only the chosen kinds.
        let claims = printable(items, &[QuizKind::Claim], 5, 1, src);
        assert!(
            claims
                .iter()
                .all(|p| matches!(p.question, Question::Claim { .. }))
        );
        assert!(printable(items, &[QuizKind::Label], 5, 1, src).is_empty());
    }
}
