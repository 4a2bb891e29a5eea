//! The running total of a plan against its session length.

use super::Plan;

/// Below this share of the session, a plan is "far under" (a warning, not an error).
pub const FAR_UNDER_RATIO: f32 = 0.75;

/// How the total compares with the session length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimingState {
    /// Within the session and at least 75 % of it.
    Ok,
    /// The steps take longer than the session.
    Over,
    /// The steps fill less than 75 % of the session.
    FarUnder,
}

/// The plan's total minutes against its session length.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimingStatus {
    /// Sum of the steps' minutes.
    pub total: f32,
    /// Planned session length in minutes.
    pub session: u32,
    /// How they compare.
    pub state: TimingState,
}

impl TimingStatus {
    /// Compare a total with a session length.
    pub fn new(total: f32, session: u32) -> Self {
        let s = session as f32;
        // Why the tolerance: minutes are f32 sums (0.1 + 0.2 …); a hair over is not "over".
        let state = if total > s + 0.01 {
            TimingState::Over
        } else if total < s * FAR_UNDER_RATIO - 0.01 {
            TimingState::FarUnder
        } else {
            TimingState::Ok
        };
        Self {
            total,
            session,
            state,
        }
    }

    /// The timing of a plan.
    pub fn of(plan: &Plan) -> Self {
        Self::new(plan.total_minutes(), plan.session_minutes)
    }

    /// One line for the planner and the command line.
    pub fn message(&self) -> String {
        let total = format_minutes(self.total);
        let session = self.session;
        match self.state {
            TimingState::Ok => format!("Timing: {total} of {session} min planned."),
            TimingState::Over => format!(
                "Timing: {total} of {session} min planned, {} min over the session.",
                format_minutes(self.total - session as f32)
            ),
            TimingState::FarUnder => format!(
                "Timing: only {total} of {session} min planned, {} min left unplanned.",
                format_minutes(session as f32 - self.total)
            ),
        }
    }
}

/// Minutes as a person writes them: `5`, `2.5`, `0.25` (at most two decimals, no trailing zeros).
pub fn format_minutes(m: f32) -> String {
    if !m.is_finite() {
        return "?".to_owned();
    }
    let s = format!("{:.2}", m);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::embedded_library;

    #[test]
    fn states_follow_the_thresholds() {
        assert_eq!(TimingStatus::new(60.0, 60).state, TimingState::Ok);
        assert_eq!(TimingStatus::new(45.0, 60).state, TimingState::Ok);
        assert_eq!(TimingStatus::new(44.5, 60).state, TimingState::FarUnder);
        assert_eq!(TimingStatus::new(61.0, 60).state, TimingState::Over);
        assert_eq!(TimingStatus::new(0.0, 60).state, TimingState::FarUnder);
        // 0.1 × 600 in f32 is not exactly 60.
        let total: f32 = std::iter::repeat_n(0.1_f32, 600).sum();
        assert_eq!(TimingStatus::new(total, 60).state, TimingState::Ok);
    }

    #[test]
    fn messages_say_how_far_off() {
        assert_eq!(
            TimingStatus::new(52.5, 60).message(),
            "Timing: 52.5 of 60 min planned."
        );
        assert_eq!(
            TimingStatus::new(65.0, 60).message(),
            "Timing: 65 of 60 min planned, 5 min over the session."
        );
        assert_eq!(
            TimingStatus::new(30.0, 60).message(),
            "Timing: only 30 of 60 min planned, 30 min left unplanned."
        );
    }

    #[test]
    fn minutes_print_without_noise() {
        assert_eq!(format_minutes(5.0), "5");
        assert_eq!(format_minutes(2.5), "2.5");
        assert_eq!(format_minutes(0.25), "0.25");
        assert_eq!(format_minutes(0.1 + 0.2), "0.3");
        assert_eq!(format_minutes(f32::NAN), "?");
    }

    #[test]
    fn every_template_fits_its_own_session_range() {
        let lib = embedded_library().expect("embedded library");
        assert_eq!(lib.templates.len(), 4);
        for t in &lib.templates {
            let plan = Plan::from_template(t);
            let (lo, hi) = t.session_minutes;
            let total = plan.total_minutes();
            assert!(
                (lo as f32..=hi as f32).contains(&total),
                "{}: {total} min outside {lo}–{hi}",
                t.id
            );
            assert_eq!(TimingStatus::of(&plan).state, TimingState::Ok, "{}", t.id);
        }
    }

    #[test]
    fn the_neuropathy_template_runs_45_to_60_minutes() {
        let lib = embedded_library().expect("embedded library");
        let t = lib.template("neuropathy_gentle").expect("template");
        assert_eq!(t.session_minutes, (45, 60));
        let total = Plan::from_template(t).total_minutes();
        assert!((45.0..=60.0).contains(&total), "{total}");
    }
}
