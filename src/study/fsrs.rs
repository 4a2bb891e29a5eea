//! FSRS scheduling beside the Leitner boxes, with the scheduler-only `rs-fsrs` crate (the `fsrs`
//! crate brings the burn ML framework for its optimizer, far too heavy here; the default
//! weights are what we need).
//!
//! Every answer updates both: the Leitner box as before, and the item's FSRS memory (stability
//! and difficulty), so the student can switch either way at any time. An item answered only
//! under Leitner gets its FSRS memory from its box when first scheduled (its interval becomes
//! the stability), so existing progress carries over. Answers are rated Good when right and
//! Again when wrong; days are whole days, so the long-term scheduler (no same-day steps) is used.

use chrono::{DateTime, TimeZone, Utc};
use rs_fsrs::{Card, FSRS, Parameters, Rating, State};
use serde::{Deserialize, Serialize};

use super::progress::{BOXES, INTERVAL_DAYS, ItemState};

/// How items are scheduled.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub enum Schedule {
    /// Leitner boxes 1–5 (the default).
    #[default]
    Leitner,
    /// FSRS with this desired retention (the chance of still knowing an item when it is due).
    Fsrs {
        /// Desired retention, 0.70 ..= 0.97.
        retention: f64,
    },
}

/// Desired retention when FSRS is first chosen.
pub const DEFAULT_RETENTION: f64 = 0.9;
/// The retention range offered.
pub const RETENTION_RANGE: std::ops::RangeInclusive<f64> = 0.70..=0.97;

/// An item's FSRS memory.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Memory {
    /// Days for recall to fall to 90 %.
    pub stability: f64,
    /// 1 (easy) ..= 10 (hard).
    pub difficulty: f64,
    /// The day it is due.
    pub due_day: i64,
    /// The day it was last answered.
    pub last_day: i64,
    /// Answers so far.
    pub reps: i32,
    /// Times forgotten after being learned.
    pub lapses: i32,
    /// 0 new, 1 learning, 2 review, 3 relearning.
    pub state: u8,
}

fn at_noon(day: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(day * 86_400 + 43_200, 0)
        .single()
        .unwrap_or_default()
}

fn day_of(t: DateTime<Utc>) -> i64 {
    t.timestamp().div_euclid(86_400)
}

fn state_of(n: u8) -> State {
    match n {
        1 => State::Learning,
        2 => State::Review,
        3 => State::Relearning,
        _ => State::New,
    }
}

/// The memory an item answered only under Leitner starts from: its box's interval as the
/// stability, a middling difficulty, due when its box says.
pub fn from_leitner(s: &ItemState) -> Memory {
    let i = usize::from(s.leitner_box.clamp(1, BOXES) - 1);
    let interval = INTERVAL_DAYS[i];
    Memory {
        stability: (interval as f64).max(0.5),
        difficulty: if s.wrong > s.right { 7.0 } else { 5.0 },
        due_day: s.last_day + interval,
        last_day: s.last_day,
        reps: (s.right + s.wrong).min(i32::MAX as u32) as i32,
        lapses: s.wrong.min(i32::MAX as u32) as i32,
        state: if s.leitner_box > 1 { 2 } else { 3 },
    }
}

/// The memory after an answer on `today`.
pub fn review(memory: Option<Memory>, right: bool, today: i64, retention: f64) -> Memory {
    let card = match memory {
        None => Card {
            due: at_noon(today),
            last_review: at_noon(today),
            ..Card::default()
        },
        Some(m) => Card {
            due: at_noon(m.due_day),
            stability: m.stability,
            difficulty: m.difficulty,
            elapsed_days: (today - m.last_day).max(0),
            scheduled_days: (m.due_day - m.last_day).max(0),
            reps: m.reps,
            lapses: m.lapses,
            state: state_of(m.state),
            last_review: at_noon(m.last_day),
        },
    };
    let params = Parameters {
        request_retention: retention.clamp(*RETENTION_RANGE.start(), *RETENTION_RANGE.end()),
        enable_short_term: false,
        enable_fuzz: false,
        ..Parameters::default()
    };
    let rating = if right { Rating::Good } else { Rating::Again };
    let next = FSRS::new(params).next(card, at_noon(today), rating).card;
    Memory {
        stability: next.stability,
        difficulty: next.difficulty,
        // Why: a whole-day schedule has no same-day steps, so a right answer waits at least a
        // day; a miss comes back today, as Leitner's box 1 does (the lowered stability then
        // sets the intervals after it).
        due_day: if right {
            day_of(next.due).max(today + 1)
        } else {
            today
        },
        last_day: today,
        reps: next.reps,
        lapses: next.lapses,
        state: next.state as u8,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn right_answers_space_out_and_a_miss_brings_it_back() {
        let mut m = review(None, true, 100, 0.9);
        let mut last_gap = 0;
        for _ in 0..4 {
            let gap = m.due_day - m.last_day;
            assert!(gap >= last_gap, "intervals grow: {gap} after {last_gap}");
            last_gap = gap;
            m = review(Some(m), true, m.due_day, 0.9);
        }
        assert!(
            last_gap >= 7,
            "after a few right answers it waits a week or more"
        );
        let missed = review(Some(m), false, m.due_day, 0.9);
        assert_eq!(missed.due_day, missed.last_day, "a miss is due again today");
        assert!(missed.stability < m.stability);
        assert_eq!(missed.lapses, m.lapses + 1);
    }

    #[test]
    fn higher_retention_means_shorter_intervals() {
        let start = review(None, true, 0, 0.9);
        let strict = review(Some(start), true, start.due_day, 0.97);
        let relaxed = review(Some(start), true, start.due_day, 0.75);
        assert!(strict.due_day < relaxed.due_day);
    }

    #[test]
    fn leitner_progress_carries_over() {
        let s = ItemState {
            leitner_box: 4,
            last_day: 50,
            right: 3,
            wrong: 0,
            misses: 0,
            fsrs: None,
        };
        let m = from_leitner(&s);
        assert_eq!(m.due_day, 57, "due when its box said");
        assert_eq!(m.stability, 7.0);
        let next = review(Some(m), true, 57, 0.9);
        assert!(next.due_day - 57 > 7, "a known item keeps spacing out");
    }
}
