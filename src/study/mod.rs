//! Study mode without egui: drills, the item catalogue, seeded quizzes, Leitner progress.
//!
//! A quiz is a pure function of its setup (kind, filters, count, seed), the progress and the
//! day; answering updates the item's Leitner box. The UI in `ui::study` only shows
//! questions and hands back responses, so every rule here is unit-tested; [`StudySession`] is
//! the mode's state the app owns, and [`text`] the words a question is asked and explained in.

pub mod anki;
pub mod drills;
pub mod exam;
pub mod fsrs;
pub mod items;
pub mod label;
pub mod lines;
pub mod print;
pub mod progress;
pub mod quiz;
pub mod rng;
pub mod session;
#[cfg(test)]
mod test_world;
pub mod text;

pub use drills::{Difficulty, Drills, Statement, Vignette, embedded_drills, load_drills};
pub use items::{Filters, Item, QuizKind, Subject, catalog};
pub use progress::{Due, ItemState, Progress, ProgressStore, QuizRecord};
pub use quiz::{ACTIONS, Asked, Outcome, Question, Quiz, QuizSetup, Response, Sources};
pub use session::{Counts, StudyChart, StudyCommand, StudySession, fresh_seed};

use crate::model::{BodySystem, ViewKind};

/// How far a group of items has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Mastery {
    /// Items in the group.
    pub total: usize,
    /// Items answered at least once.
    pub seen: usize,
    /// Items in box [`progress::LEARNED_BOX`] or higher.
    pub learned: usize,
    /// Items due today (seen and due).
    pub due: usize,
}

impl Mastery {
    fn add(&mut self, item: &Item, progress: &Progress, today: i64) {
        self.total += 1;
        let b = progress.leitner_box(&item.key);
        if b > 0 {
            self.seen += 1;
        }
        if b >= progress::LEARNED_BOX {
            self.learned += 1;
        }
        if progress.due(&item.key, today) == Due::Due {
            self.due += 1;
        }
    }

    /// Learned share, 0–1.
    pub fn fraction(&self) -> f32 {
        if self.total == 0 {
            0.0
        } else {
            self.learned as f32 / self.total as f32
        }
    }
}

/// Progress per quiz kind, per body system and per view (zone items: locate and name).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Summary {
    /// Per quiz kind, in [`QuizKind::ALL`] order.
    pub kinds: Vec<(QuizKind, Mastery)>,
    /// Per body system that has zones.
    pub systems: Vec<(BodySystem, Mastery)>,
    /// Per view.
    pub views: Vec<(ViewKind, Mastery)>,
    /// Items in each Leitner box (index 0 = never asked).
    pub boxes: [usize; progress::BOXES as usize + 1],
}

/// Summarise progress over the whole catalogue.
pub fn summary(items: &[Item], progress: &Progress, today: i64) -> Summary {
    let mut s = Summary {
        kinds: QuizKind::ALL.map(|k| (k, Mastery::default())).to_vec(),
        systems: BodySystem::ALL.map(|b| (b, Mastery::default())).to_vec(),
        views: Vec::new(),
        boxes: Default::default(),
    };
    for item in items {
        let b = usize::from(progress.leitner_box(&item.key)).min(progress::BOXES as usize);
        s.boxes[b] += 1;
        if let Some((_, m)) = s.kinds.iter_mut().find(|(k, _)| *k == item.kind) {
            m.add(item, progress, today);
        }
        if let Some((_, m)) = s.systems.iter_mut().find(|(k, _)| Some(*k) == item.system) {
            m.add(item, progress, today);
        }
        // The views the chart's items name (in view order, below).
        if let Some(v) = item.view
            && !s.views.iter().any(|(k, _)| *k == v)
        {
            s.views.push((v, Mastery::default()));
        }
        if let Some((_, m)) = s.views.iter_mut().find(|(k, _)| Some(*k) == item.view) {
            m.add(item, progress, today);
        }
    }
    s.systems.retain(|(_, m)| m.total > 0);
    s.views.sort_by_key(|(v, _)| *v);
    s
}

#[cfg(test)]
mod tests {
    use super::quiz::{check, right_response, wrong_response};
    use super::*;

    use super::test_world::world;

    #[test]
    fn a_locate_area_too_small_to_click_is_asked_as_one_of_four() {
        use crate::model::Foot;
        use quiz::{SMALL_TARGET_PX, click_target_px, locate_choices, shown_feet};
        let w = world();
        let chart = &w.content.chart;
        let (view, foot) = (ViewKind::Plantar, Foot::Left);
        let pituitary = chart.zone_index("pituitary").expect("pituitary");
        let four = locate_choices(pituitary, view, foot, w.src());
        assert_eq!(four.len(), 4);
        assert!(four.contains(&pituitary));
        let mut distinct = four.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), 4, "{four:?}");
        assert_eq!(
            four,
            locate_choices(pituitary, view, foot, w.src()),
            "fixed"
        );
        let q = Question::Locate {
            zone: pituitary,
            view,
            foot,
        };
        let right = four.iter().position(|z| *z == pituitary).expect("in");
        assert!(check(&q, &Response::Choice(right), w.src()));
        assert!(!check(&q, &Response::Choice((right + 1) % 4), w.src()));
        // The threshold follows the zoom: the pituitary is under 24 px at a small scale and
        // over it when zoomed in; the liver never is.
        let geo = w.geometry.get(view, shown_feet(view, foot));
        assert!(click_target_px(geo, pituitary, foot, 300.0) < SMALL_TARGET_PX);
        assert!(click_target_px(geo, pituitary, foot, 1500.0) >= SMALL_TARGET_PX);
        let liver = chart.zone_index("liver").expect("liver");
        let right_geo = w.geometry.get(view, shown_feet(view, Foot::Right));
        assert!(click_target_px(right_geo, liver, Foot::Right, 300.0) >= SMALL_TARGET_PX);
        assert_eq!(
            click_target_px(geo, liver, foot, 300.0),
            0.0,
            "no liver on the left"
        );
    }

    fn setup(kind: QuizKind, seed: u64) -> QuizSetup {
        QuizSetup {
            kind,
            filters: Filters::default(),
            count: 8,
            seed,
        }
    }

    #[test]
    fn the_same_seed_builds_the_same_quiz_and_another_seed_differs() {
        let w = world();
        let p = Progress::default();
        for kind in QuizKind::ALL {
            let a = Quiz::build(setup(kind, 11), &w.items, &p, 100, w.src());
            let b = Quiz::build(setup(kind, 11), &w.items, &p, 100, w.src());
            let c = Quiz::build(setup(kind, 12), &w.items, &p, 100, w.src());
            assert_eq!(a, b, "{kind:?}");
            assert_eq!(a.questions.len(), 8);
            assert_ne!(a.questions, c.questions, "{kind:?}");
        }
    }

    #[test]
    fn right_and_wrong_answers_update_score_and_boxes_for_every_kind() {
        let w = world();
        for kind in QuizKind::ALL {
            let mut p = Progress::default();
            let mut quiz = Quiz::build(setup(kind, 5), &w.items, &p, 100, w.src());
            let first = quiz.questions[0].clone();
            let second = quiz.questions[1].clone();
            let right = right_response(&first.question, w.src());
            assert!(
                quiz.answer(right, &mut p, 100, w.src())
                    .expect("open question")
                    .right,
                "{kind:?}: {first:?}"
            );
            assert!(
                quiz.answer(Response::Choice(0), &mut p, 100, w.src())
                    .is_none(),
                "a question is answered once"
            );
            assert!(!quiz.advance());
            let wrong = wrong_response(&second.question, w.src());
            assert!(
                !quiz
                    .answer(wrong, &mut p, 100, w.src())
                    .expect("open")
                    .right,
                "{kind:?}: {second:?}"
            );
            assert_eq!(quiz.right(), 1);
            assert_eq!(p.leitner_box(&first.key), 2);
            assert_eq!(p.leitner_box(&second.key), 1);
            let record = quiz.record(100).expect("record");
            assert_eq!((record.right, record.answered), (1, 2));
        }
    }

    #[test]
    fn due_items_come_first_and_learned_ones_wait() {
        let w = world();
        let mut p = Progress::default();
        let locate: Vec<&Item> = w
            .items
            .iter()
            .filter(|i| i.kind == QuizKind::Locate)
            .collect();
        // One item missed yesterday (due), one learned yesterday (box 5: not due for days).
        p.record(&locate[3].key, false, 99);
        for _ in 0..4 {
            p.record(&locate[4].key, true, 99);
        }
        let quiz = Quiz::build(
            QuizSetup {
                count: locate.len(),
                ..setup(QuizKind::Locate, 3)
            },
            &w.items,
            &p,
            100,
            w.src(),
        );
        assert_eq!(quiz.questions[0].key, locate[3].key);
        assert_eq!(quiz.questions.last().map(|q| &q.key), Some(&locate[4].key));
        assert_eq!(quiz.due_and_new, (1, locate.len() - 2));
    }

    #[test]
    fn locate_checks_the_true_shape_and_the_foot() {
        let w = world();
        let heart = w.content.chart.zone_index("adrenal").expect("adrenal");
        let q = Question::Locate {
            zone: heart,
            view: ViewKind::Plantar,
            foot: crate::model::Foot::Left,
        };
        let Response::Click(inside) = right_response(&q, w.src()) else {
            panic!("a click");
        };
        assert!(check(&q, &Response::Click(inside), w.src()));
        // The same zone on the other foot is wrong.
        let other = Question::Locate {
            zone: heart,
            view: ViewKind::Plantar,
            foot: crate::model::Foot::Right,
        };
        let Response::Click(right_foot) = right_response(&other, w.src()) else {
            panic!("a click");
        };
        assert!(!check(&q, &Response::Click(right_foot), w.src()));
        // Outside the feet.
        assert!(!check(&q, &wrong_response(&q, w.src()), w.src()));
    }

    #[test]
    fn lines_questions_name_a_guide_or_a_zone_and_are_checked() {
        let w = world();
        let lines: Vec<&Item> = w
            .items
            .iter()
            .filter(|i| i.kind == QuizKind::Lines)
            .collect();
        let guides = lines
            .iter()
            .filter(|i| matches!(i.subject, Subject::Guide { .. }))
            .count();
        assert!(
            guides >= 10,
            "{guides} guide items (plantar and side views)"
        );
        assert_eq!(lines.len() - guides, lines::ZONE_FACTS.len());
        let quiz = Quiz::build(
            QuizSetup {
                count: 40,
                ..setup(QuizKind::Lines, 5)
            },
            &w.items,
            &Progress::default(),
            1,
            w.src(),
        );
        assert_eq!(quiz.questions.len(), lines.len());
        for a in &quiz.questions {
            let right = right_response(&a.question, w.src());
            assert!(check(&a.question, &right, w.src()), "{}", a.key);
            assert!(!check(
                &a.question,
                &wrong_response(&a.question, w.src()),
                w.src()
            ));
            if let Question::Guide {
                guide,
                view,
                options,
            } = &a.question
            {
                assert!(options.contains(guide) && options.len() >= 2);
                let words = text::describe_guide(&w.content.chart, *guide, *view);
                let name = &w.content.chart.guides[*guide].name;
                assert!(words.starts_with("Highlighted: a line"), "{words}");
                assert!(
                    !words.to_lowercase().contains(&name.to_lowercase()),
                    "{words}"
                );
            }
        }
    }

    #[test]
    fn a_click_just_outside_a_tiny_zone_counts_but_not_outside_a_large_one() {
        let w = world();
        let geo = w
            .geometry
            .get(ViewKind::Plantar, crate::model::FootSel::Both);
        let left = crate::model::Foot::Left;
        let piece = |id: &str| {
            let z = w.content.chart.zone_index(id).expect(id);
            geo.pieces
                .iter()
                .find(|p| p.zone == z && p.foot == left)
                .expect("drawn on the left sole")
                .clone()
        };
        let q = |id: &str| Question::Locate {
            zone: w.content.chart.zone_index(id).unwrap(),
            view: ViewKind::Plantar,
            foot: left,
        };
        // Just beyond the right-hand edge of its box, at mid-height.
        let beside = |p: &crate::geometry::ZonePiece, by: f32| {
            crate::geometry::Point::new(p.bbox.max.x + by, p.bbox.center().y)
        };
        let pituitary = piece("pituitary");
        assert!(quiz::is_tiny(&pituitary), "the pituitary is a tiny area");
        let near = beside(&pituitary, quiz::TINY_TOLERANCE * 0.6);
        assert!(!crate::geometry::point_in_polygon(near, &pituitary.poly));
        assert!(check(&q("pituitary"), &Response::Click(near), w.src()));
        let far = beside(&pituitary, quiz::TINY_TOLERANCE * 2.5);
        assert!(!check(&q("pituitary"), &Response::Click(far), w.src()));
        let liver_like = piece("stomach");
        assert!(!quiz::is_tiny(&liver_like));
        let near_large = beside(&liver_like, quiz::TINY_TOLERANCE * 0.6);
        assert!(!crate::geometry::point_in_polygon(
            near_large,
            &liver_like.poly
        ));
        assert!(!check(&q("stomach"), &Response::Click(near_large), w.src()));
    }

    #[test]
    fn name_options_are_four_distinct_zones_from_the_same_view() {
        let w = world();
        let p = Progress::default();
        let quiz = Quiz::build(
            QuizSetup {
                count: 40,
                ..setup(QuizKind::Name, 9)
            },
            &w.items,
            &p,
            1,
            w.src(),
        );
        for a in &quiz.questions {
            let Question::Name {
                zone,
                view,
                options,
                ..
            } = &a.question
            else {
                panic!("name question");
            };
            assert_eq!(options.len(), 4, "{a:?}");
            assert!(options.contains(zone));
            let geo = w.geometry.get(*view, crate::model::FootSel::Both);
            let mut names: Vec<&str> = options
                .iter()
                .map(|z| w.content.chart.zone_at(*z).name.as_str())
                .collect();
            assert!(options.iter().all(|z| geo.shows_zone(*z)));
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), 4);
        }
    }

    #[test]
    fn sequence_questions_start_out_of_order() {
        let w = world();
        let quiz = Quiz::build(
            QuizSetup {
                count: 100,
                ..setup(QuizKind::Sequence, 2)
            },
            &w.items,
            &Progress::default(),
            1,
            w.src(),
        );
        for a in &quiz.questions {
            let Question::Sequence { shown, .. } = &a.question else {
                panic!("sequence");
            };
            assert!(!check(
                &a.question,
                &Response::Order(shown.clone()),
                w.src()
            ));
        }
    }

    #[test]
    fn the_summary_counts_learned_items_per_system_and_view() {
        let w = world();
        let mut p = Progress::default();
        let key = "locate:heart:plantar:left";
        p.record(key, true, 1);
        p.record(key, true, 2);
        let s = summary(&w.items, &p, 3);
        let cardio = s
            .systems
            .iter()
            .find(|(b, _)| *b == BodySystem::Cardiovascular)
            .expect("heart's system");
        assert_eq!(cardio.1.learned, 1);
        assert_eq!(s.boxes[3], 1);
        assert_eq!(s.boxes.iter().sum::<usize>(), w.items.len());
        let plantar = s
            .views
            .iter()
            .find(|(v, _)| *v == ViewKind::Plantar)
            .expect("plantar");
        assert_eq!((plantar.1.seen, plantar.1.learned), (1, 1));
    }
}
