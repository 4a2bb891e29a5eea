//! The session runner's clock and step logic, without egui: one step at a time, a countdown
//! of its minutes with pause, +1 min, skip and back, and the record each step leaves.
//!
//! Time comes from a [`Clock`] so tests can drive it: the app uses the system's monotonic
//! clock, a test a [`Clock::fake`] it moves by hand.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use crate::model::Pressure;
use crate::plan::Plan;

use super::delivery::{Response, RunState, StepRecord, StepStatus};

/// Seconds since some fixed start.
#[derive(Debug, Clone)]
pub enum Clock {
    /// The system's monotonic clock.
    System(Instant),
    /// A clock a test moves: milliseconds in the shared cell.
    Fake(Arc<AtomicU64>),
}

impl Default for Clock {
    fn default() -> Self {
        Self::System(Instant::now())
    }
}

impl Clock {
    /// A fake clock at 0 s and the handle that moves it.
    pub fn fake() -> (Self, Arc<AtomicU64>) {
        let cell = Arc::new(AtomicU64::new(0));
        (Self::Fake(cell.clone()), cell)
    }

    /// Seconds now.
    pub fn now(&self) -> f64 {
        match self {
            Self::System(start) => start.elapsed().as_secs_f64(),
            Self::Fake(ms) => ms.load(Ordering::Relaxed) as f64 / 1000.0,
        }
    }
}

/// Move a fake clock on by `secs`.
pub fn advance(cell: &AtomicU64, secs: f64) {
    cell.fetch_add((secs * 1000.0).round() as u64, Ordering::Relaxed);
}

/// A step shorter than this share of its planned time is recorded as shortened.
const SHORTENED_BELOW: f64 = 0.75;

/// How often a running step's elapsed time is saved, in seconds (taps and moves save at once).
pub const SAVE_EVERY: f64 = 10.0;

/// The step being delivered.
#[derive(Debug, Clone, PartialEq)]
pub struct Runner {
    /// The step on screen (0-based).
    pub step: usize,
    /// Steps in the plan.
    pub count: usize,
    /// Planned minutes of the step on screen, plus any "+1 min".
    pub minutes: f32,
    /// Seconds spent before the current running stretch.
    banked: f64,
    /// When the current running stretch began; `None` while paused.
    since: Option<f64>,
    /// The step's record as it stands.
    pub record: StepRecord,
    /// The planned pressure (a change makes the step "changed").
    planned_pressure: Pressure,
    /// Whether the therapist chose the status (then it is kept as chosen).
    status_chosen: bool,
    /// When the elapsed time was last saved.
    pub saved_at: f64,
    /// The pressure screening allows today, if it caps it.
    pub cap: Option<Pressure>,
}

impl Runner {
    /// Start (or resume) delivering `plan` at a step, paused, with what was already recorded.
    /// A step planned above screening's pressure `cap` starts at the cap (and so counts as
    /// changed). `None` when the plan has no steps.
    pub fn open(
        plan: &Plan,
        run: Option<RunState>,
        delivered: &[StepRecord],
        now: f64,
        cap: Option<Pressure>,
    ) -> Option<Self> {
        if plan.steps.is_empty() {
            return None;
        }
        let at = run.map_or(0, |r| r.step.min(plan.steps.len() - 1));
        let mut r = Self::at(plan, at, delivered, now, cap);
        if let Some(run) = run {
            r.banked = f64::from(run.elapsed);
        }
        Some(r)
    }

    fn at(
        plan: &Plan,
        step: usize,
        delivered: &[StepRecord],
        now: f64,
        cap: Option<Pressure>,
    ) -> Self {
        let planned = &plan.steps[step];
        let earlier = delivered.iter().find(|s| s.step == step);
        let allowed = cap.map_or(planned.pressure, |c| planned.pressure.min(c));
        let record = earlier.cloned().unwrap_or_else(|| StepRecord {
            step,
            zone: planned.zone.clone(),
            foot: planned.foot,
            response: None,
            status: if allowed == planned.pressure {
                StepStatus::Done
            } else {
                StepStatus::Changed
            },
            minutes: 0.0,
            pressure: allowed,
        });
        Self {
            step,
            count: plan.steps.len(),
            minutes: planned.minutes.max(record.minutes),
            banked: f64::from(record.minutes) * 60.0,
            since: None,
            status_chosen: earlier
                .is_some_and(|s| matches!(s.status, StepStatus::Changed | StepStatus::Skipped)),
            record,
            planned_pressure: planned.pressure,
            saved_at: now,
            cap,
        }
    }

    /// Whether the countdown is running.
    pub fn is_running(&self) -> bool {
        self.since.is_some()
    }

    /// Seconds spent on this step.
    pub fn elapsed(&self, now: f64) -> f64 {
        self.banked + self.since.map_or(0.0, |s| (now - s).max(0.0))
    }

    /// Seconds left (negative once over time).
    pub fn remaining(&self, now: f64) -> f64 {
        f64::from(self.minutes) * 60.0 - self.elapsed(now)
    }

    /// Whether the step's time is up.
    pub fn is_over(&self, now: f64) -> bool {
        self.remaining(now) <= 0.0
    }

    /// "4:05", or "+0:12" once over time.
    pub fn countdown(&self, now: f64) -> String {
        let r = self.remaining(now);
        let secs = r.abs().ceil() as u64;
        let secs = if r < 0.0 {
            r.abs().floor() as u64
        } else {
            secs
        };
        let sign = if r < 0.0 { "+" } else { "" };
        format!("{sign}{}:{:02}", secs / 60, secs % 60)
    }

    /// Seconds until the countdown shows a different figure (when to repaint), while running.
    pub fn until_next_tick(&self, now: f64) -> Option<f64> {
        self.since?;
        let frac = self.remaining(now).rem_euclid(1.0);
        Some(if frac < 0.01 { 1.0 } else { frac })
    }

    /// Pause or carry on.
    pub fn toggle(&mut self, now: f64) {
        match self.since.take() {
            Some(s) => self.banked += (now - s).max(0.0),
            None => self.since = Some(now),
        }
    }

    /// One more minute for this step.
    pub fn add_minute(&mut self) {
        self.minutes += 1.0;
    }

    /// The client's response at this zone (tapping the same one again clears it).
    pub fn respond(&mut self, r: Response) {
        self.record.response = if self.record.response == Some(r) {
            None
        } else {
            Some(r)
        };
    }

    /// Say what happened to the step (kept as chosen when the step is left).
    pub fn set_status(&mut self, s: StepStatus) {
        self.record.status = s;
        self.status_chosen = true;
    }

    /// The pressure actually used; a change from the plan makes the step "changed".
    pub fn set_pressure(&mut self, p: Pressure) {
        self.record.pressure = p;
        if !self.status_chosen {
            self.record.status = if p == self.planned_pressure {
                StepStatus::Done
            } else {
                StepStatus::Changed
            };
        }
    }

    /// The step's record as of `now` (what is saved; the runner stays on the step). Unless
    /// chosen on screen, the status follows what happened so far: shortened (under three
    /// quarters of the planned time), changed (another pressure) or done.
    pub fn snapshot(&self, now: f64) -> StepRecord {
        let mut r = self.record.clone();
        r.minutes = (self.elapsed(now) / 60.0) as f32;
        if !self.status_chosen {
            let planned = f64::from(self.minutes) * 60.0;
            r.status = if r.pressure != self.planned_pressure {
                StepStatus::Changed
            } else if self.elapsed(now) < planned * SHORTENED_BELOW {
                StepStatus::Shortened
            } else {
                StepStatus::Done
            };
        }
        r
    }

    /// Where the runner is, to save.
    pub fn state(&self, now: f64) -> RunState {
        RunState {
            step: self.step,
            elapsed: self.elapsed(now) as f32,
        }
    }

    /// Leave the step, done or `skipped`; returns its final record (see
    /// [`Runner::snapshot`] for the status).
    pub fn finish_step(&mut self, now: f64, skipped: bool) -> StepRecord {
        if self.since.is_some() {
            self.toggle(now);
        }
        let mut r = self.snapshot(now);
        if skipped {
            r.status = StepStatus::Skipped;
        }
        self.record = r.clone();
        r
    }

    /// Go to another step of `plan`, its countdown running or paused.
    pub fn go_to(
        &mut self,
        plan: &Plan,
        step: usize,
        delivered: &[StepRecord],
        now: f64,
        running: bool,
    ) {
        *self = Self::at(
            plan,
            step.min(self.count.saturating_sub(1)),
            delivered,
            now,
            self.cap,
        );
        if running {
            self.toggle(now);
        }
    }

    /// Whether the elapsed time is due to be saved.
    pub fn save_due(&self, now: f64) -> bool {
        self.is_running() && now - self.saved_at >= SAVE_EVERY
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> Plan {
        let lib = crate::load::embedded_content().unwrap().library;
        let mut p = Plan::from_template(lib.template("neuropathy_gentle").unwrap());
        p.steps.truncate(3);
        for (i, s) in p.steps.iter_mut().enumerate() {
            s.minutes = (i + 1) as f32;
        }
        p
    }

    #[test]
    fn counts_down_pauses_and_adds_a_minute() {
        let p = plan();
        let mut r = Runner::open(&p, None, &[], 0.0, None).unwrap();
        assert!(!r.is_running(), "starts paused");
        assert_eq!(r.countdown(0.0), "1:00");
        r.toggle(0.0);
        assert_eq!(r.countdown(20.5), "0:40");
        r.toggle(20.5);
        assert_eq!(r.countdown(500.0), "0:40", "paused");
        r.add_minute();
        assert_eq!(r.countdown(500.0), "1:40");
        r.toggle(500.0);
        assert_eq!(r.countdown(599.5), "0:00");
        assert_eq!(r.countdown(610.2), "+0:10");
        assert!(r.is_over(610.0));
        assert!(r.until_next_tick(600.3).unwrap() <= 1.0);
    }

    #[test]
    fn leaving_a_step_records_what_happened() {
        let p = plan();
        let mut r = Runner::open(&p, None, &[], 0.0, None).unwrap();
        r.toggle(0.0);
        r.respond(Response::Tender);
        let first = r.finish_step(15.0, false);
        assert_eq!(first.status, StepStatus::Shortened, "15 s of a 1 min step");
        assert_eq!(first.response, Some(Response::Tender));
        assert!((first.minutes - 0.25).abs() < 1e-4);
        let mut delivered = vec![first];
        r.go_to(&p, 1, &delivered, 15.0, true);
        assert_eq!(r.step, 1);
        assert!(r.is_running());
        r.set_pressure(Pressure::Feather);
        let second = r.finish_step(15.0 + 120.0, false);
        assert_eq!(second.status, StepStatus::Changed);
        assert_eq!(second.pressure, Pressure::Feather);
        delivered.push(second);
        r.go_to(&p, 2, &delivered, 135.0, false);
        let third = r.finish_step(135.0, true);
        assert_eq!(third.status, StepStatus::Skipped);
        assert_eq!(third.foot, p.steps[2].foot);
        // Back to the first step: its record comes back, time carries on from it.
        r.go_to(&p, 0, &delivered, 140.0, false);
        assert_eq!(r.record.response, Some(Response::Tender));
        assert!((r.elapsed(140.0) - 15.0).abs() < 1e-6);
    }

    #[test]
    fn a_step_above_the_screening_cap_starts_at_the_cap_and_counts_as_changed() {
        let mut p = plan();
        p.steps[0].pressure = Pressure::Moderate;
        let mut r = Runner::open(&p, None, &[], 0.0, Some(Pressure::Light)).unwrap();
        assert_eq!(r.record.pressure, Pressure::Light);
        r.toggle(0.0);
        let rec = r.finish_step(60.0, false);
        assert_eq!(rec.status, StepStatus::Changed);
        assert_eq!(rec.pressure, Pressure::Light);
    }

    #[test]
    fn resumes_where_it_was_saved() {
        let p = plan();
        let run = RunState {
            step: 1,
            elapsed: 42.0,
        };
        let r = Runner::open(&p, Some(run), &[], 0.0, None).unwrap();
        assert_eq!(r.step, 1);
        assert!((r.elapsed(0.0) - 42.0).abs() < 1e-6);
        assert!(!r.is_running());
        let beyond = RunState {
            step: 99,
            elapsed: 0.0,
        };
        assert_eq!(
            Runner::open(&p, Some(beyond), &[], 0.0, None).unwrap().step,
            2
        );
        assert!(Runner::open(&Plan::default(), None, &[], 0.0, None).is_none());
    }

    #[test]
    fn a_fake_clock_moves_only_when_told() {
        let (clock, cell) = Clock::fake();
        assert_eq!(clock.now(), 0.0);
        advance(&cell, 1.5);
        assert!((clock.now() - 1.5).abs() < 1e-9);
    }
}
