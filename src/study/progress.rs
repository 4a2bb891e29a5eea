//! Spaced repetition: a Leitner box per item, the score history, and the progress file.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::items::QuizKind;
use crate::load::{SourceText, parse_ron};
use crate::save::write_atomic;

/// The highest box.
pub const BOXES: u8 = 5;

/// Days to wait before an item in box N (index N-1) is due again.
pub const INTERVAL_DAYS: [i64; BOXES as usize] = [0, 1, 3, 7, 14];

/// A box counts as "learned" from here up.
pub const LEARNED_BOX: u8 = 3;

/// Missed this many times since it was last reset, an item is a trouble spot (Anki calls it a
/// leech): drilling it again the same way is not working, so the app says so and offers the
/// zone's detail to reread.
pub const LEECH_MISSES: u32 = 6;

/// Version written into progress files.
pub const PROGRESS_VERSION: u32 = 1;

/// The progress file's name in the data directory.
pub const PROGRESS_FILE: &str = "study-progress.ron";

/// One item's record.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ItemState {
    /// Leitner box, 1 ..= [`BOXES`].
    pub leitner_box: u8,
    /// The day (days since 1970-01-01) it was last answered.
    pub last_day: i64,
    /// Right answers so far.
    pub right: u32,
    /// Wrong answers so far.
    pub wrong: u32,
    /// Wrong answers since the item was last reset (trouble spots count these). Files written
    /// before it existed read as the total.
    #[serde(default = "ItemState::unknown_misses")]
    pub misses: u32,
    /// The item's FSRS memory, kept up to date whichever schedule is chosen (see
    /// [`super::fsrs`]); `None` until answered since FSRS came in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fsrs: Option<super::fsrs::Memory>,
}

impl ItemState {
    /// Marks a file written before `misses` existed; read as `wrong` (see [`Progress::fix_up`]).
    fn unknown_misses() -> u32 {
        u32::MAX
    }

    /// Whether the item is a trouble spot.
    pub fn is_leech(&self) -> bool {
        self.misses >= LEECH_MISSES
    }

    /// The day the item is due again.
    pub fn due_day(&self) -> i64 {
        let i = usize::from(self.leitner_box.clamp(1, BOXES) - 1);
        self.last_day + INTERVAL_DAYS[i]
    }
}

/// One finished (or abandoned part-way) quiz.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizRecord {
    /// Day it was taken.
    pub day: i64,
    /// Which quiz.
    pub kind: QuizKind,
    /// The seed it was built from.
    pub seed: u64,
    /// Right answers.
    pub right: u32,
    /// Questions answered.
    pub answered: u32,
}

impl QuizRecord {
    /// Percentage right (0 when nothing was answered).
    pub fn percent(&self) -> f64 {
        if self.answered == 0 {
            0.0
        } else {
            100.0 * f64::from(self.right) / f64::from(self.answered)
        }
    }
}

/// Where an item stands for today's quiz.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Due {
    /// Seen before and due (or overdue).
    Due,
    /// Never asked.
    New,
    /// Seen, and not due yet.
    Later,
}

/// All of a student's progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// File format version.
    pub version: u32,
    /// Per-item records by item key.
    #[serde(default)]
    pub items: BTreeMap<String, ItemState>,
    /// Past quizzes, oldest first.
    #[serde(default)]
    pub history: Vec<QuizRecord>,
    /// How items are scheduled (Leitner boxes unless the student chose FSRS).
    #[serde(default)]
    pub schedule: super::fsrs::Schedule,
}

impl Default for Progress {
    fn default() -> Self {
        Self {
            version: PROGRESS_VERSION,
            items: BTreeMap::new(),
            history: Vec::new(),
            schedule: super::fsrs::Schedule::default(),
        }
    }
}

impl Progress {
    /// The day an item is due under the chosen schedule.
    pub fn due_day(&self, s: &ItemState) -> i64 {
        match self.schedule {
            super::fsrs::Schedule::Leitner => s.due_day(),
            super::fsrs::Schedule::Fsrs { .. } => {
                s.fsrs
                    .unwrap_or_else(|| super::fsrs::from_leitner(s))
                    .due_day
            }
        }
    }

    /// An item's box (0 = never asked).
    pub fn leitner_box(&self, key: &str) -> u8 {
        self.items.get(key).map_or(0, |s| s.leitner_box)
    }

    /// Whether an item is due today.
    pub fn due(&self, key: &str, today: i64) -> Due {
        match self.items.get(key) {
            None => Due::New,
            Some(s) if self.due_day(s) <= today => Due::Due,
            Some(_) => Due::Later,
        }
    }

    /// Record an answer: right moves the item up one box, wrong sends it back to box 1.
    pub fn record(&mut self, key: &str, right: bool, today: i64) {
        let state = self.items.entry(key.to_owned()).or_insert(ItemState {
            leitner_box: 1,
            last_day: today,
            right: 0,
            wrong: 0,
            misses: 0,
            fsrs: None,
        });
        // Both schedules learn from every answer, so switching loses nothing.
        let retention = match self.schedule {
            super::fsrs::Schedule::Fsrs { retention } => retention,
            super::fsrs::Schedule::Leitner => super::fsrs::DEFAULT_RETENTION,
        };
        let memory = state
            .fsrs
            .or_else(|| (state.right + state.wrong > 0).then(|| super::fsrs::from_leitner(state)));
        state.fsrs = Some(super::fsrs::review(memory, right, today, retention));
        if right {
            state.leitner_box = (state.leitner_box + 1).min(BOXES);
            state.right += 1;
        } else {
            state.leitner_box = 1;
            state.wrong += 1;
            state.misses += 1;
        }
        state.last_day = today;
    }

    /// Files written before `misses` existed: their misses are the wrong answers so far.
    fn fix_up(&mut self) {
        for s in self.items.values_mut() {
            if s.misses == u32::MAX {
                s.misses = s.wrong;
            }
        }
    }

    /// The trouble spots: keys of items missed [`LEECH_MISSES`] times or more since their last
    /// reset, most missed first.
    pub fn leeches(&self) -> Vec<(&str, ItemState)> {
        let mut out: Vec<(&str, ItemState)> = self
            .items
            .iter()
            .filter(|(_, s)| s.is_leech())
            .map(|(k, s)| (k.as_str(), *s))
            .collect();
        out.sort_by(|a, b| b.1.misses.cmp(&a.1.misses).then(a.0.cmp(b.0)));
        out
    }

    /// Start an item over: box 1, due today, its misses forgotten (the totals stay).
    pub fn reset(&mut self, key: &str, today: i64) {
        if let Some(s) = self.items.get_mut(key) {
            s.leitner_box = 1;
            s.last_day = today;
            s.misses = 0;
            s.fsrs = None;
        }
    }
}

/// Loads and saves the progress file in one directory.
#[derive(Debug, Clone)]
pub struct ProgressStore {
    dir: PathBuf,
}

/// The result of opening the progress file.
#[derive(Debug)]
pub struct Opened {
    /// The progress (fresh when there was none or it was unreadable).
    pub progress: Progress,
    /// What went wrong, to tell the student, when the file could not be used.
    pub warning: Option<String>,
}

impl ProgressStore {
    /// A store in a directory (created on first save).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// The app's data directory ([`crate::data_dir::data_dir`]), when the platform has one.
    pub fn default_location() -> Option<Self> {
        crate::data_dir::data_dir().map(Self::new)
    }

    /// The progress file.
    pub fn path(&self) -> PathBuf {
        self.dir.join(PROGRESS_FILE)
    }

    /// Where an unreadable progress file is moved so nothing is lost.
    pub fn backup_path(&self) -> PathBuf {
        self.dir.join("study-progress.damaged.ron")
    }

    /// Read the progress. A missing file is a fresh start; a damaged one is moved aside (kept
    /// for the curious), reported, and replaced by a fresh start.
    pub fn open(&self) -> Opened {
        let path = self.path();
        let name = path.display().to_string();
        let text = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Opened {
                    progress: Progress::default(),
                    warning: None,
                };
            }
            Err(e) => {
                return Opened {
                    progress: Progress::default(),
                    warning: Some(format!(
                        "Could not read your study progress ({name}: {e}). Starting fresh for now; nothing was overwritten."
                    )),
                };
            }
        };
        let parsed = match std::str::from_utf8(&text) {
            Ok(t) => parse_progress(&name, t),
            Err(e) => Err(format!("{name}: not UTF-8 text ({e})")),
        };
        match parsed {
            Ok(progress) => Opened {
                progress,
                warning: None,
            },
            Err(problem) => {
                let backup = self.backup_path();
                let kept = std::fs::rename(&path, &backup).is_ok();
                let fresh = Progress::default();
                let replaced = self.save(&fresh).is_ok();
                let mut warning = format!("Your study progress file was damaged: {problem}.");
                if kept {
                    warning.push_str(&format!(" It was kept as {}.", backup.display()));
                }
                warning.push_str(if replaced {
                    " A fresh progress file was started."
                } else {
                    " Starting fresh for now."
                });
                Opened {
                    progress: fresh,
                    warning: Some(warning),
                }
            }
        }
    }

    /// Save atomically (the old file stays whole if writing fails).
    pub fn save(&self, progress: &Progress) -> Result<(), String> {
        std::fs::create_dir_all(&self.dir).map_err(|e| format!("{}: {e}", self.dir.display()))?;
        let text = ron::ser::to_string_pretty(progress, ron::ser::PrettyConfig::default())
            .map_err(|e| e.to_string())?;
        write_atomic(&self.path(), text.as_bytes()).map_err(|e| e.to_string())
    }
}

/// Parse a progress file's text; the error says file:line:col.
pub fn parse_progress(name: &str, text: &str) -> Result<Progress, String> {
    let mut progress: Progress =
        parse_ron(&SourceText { name, text }).map_err(|p| p.to_string())?;
    progress.fix_up();
    if progress.version > PROGRESS_VERSION {
        return Err(format!(
            "{name}: written by a newer reflexmap (version {}, this one reads {PROGRESS_VERSION})",
            progress.version
        ));
    }
    if let Some((key, _)) = progress
        .items
        .iter()
        .find(|(_, s)| s.leitner_box == 0 || s.leitner_box > BOXES)
    {
        return Err(format!("{name}: item {key:?} has a box outside 1–{BOXES}"));
    }
    Ok(progress)
}

/// Today as days since 1970-01-01 (UTC).
pub fn today() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| (d.as_secs() / 86_400) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn right_answers_climb_boxes_and_a_wrong_one_falls_back() {
        let mut p = Progress::default();
        assert_eq!(p.due("k", 100), Due::New);
        p.record("k", true, 100);
        assert_eq!(p.leitner_box("k"), 2);
        assert_eq!(p.due("k", 100), Due::Later);
        assert_eq!(p.due("k", 101), Due::Due);
        for _ in 0..10 {
            p.record("k", true, 101);
        }
        assert_eq!(p.leitner_box("k"), BOXES);
        assert_eq!(p.due("k", 101 + 13), Due::Later);
        assert_eq!(p.due("k", 101 + 14), Due::Due);
        p.record("k", false, 120);
        assert_eq!(p.leitner_box("k"), 1);
        assert_eq!(p.due("k", 120), Due::Due, "box 1 is due the same day");
        let s = p.items["k"];
        assert_eq!((s.right, s.wrong), (11, 1));
    }

    #[test]
    fn progress_round_trips_through_the_store() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = ProgressStore::new(dir.path().join("nested"));
        let mut p = Progress::default();
        p.record("locate:heart:plantar:left", true, 5);
        p.history.push(QuizRecord {
            day: 5,
            kind: QuizKind::Locate,
            seed: 9,
            right: 1,
            answered: 1,
        });
        store.save(&p).expect("save");
        let opened = store.open();
        assert!(opened.warning.is_none());
        assert_eq!(opened.progress, p);
    }

    #[test]
    fn a_damaged_file_is_reported_kept_aside_and_replaced() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = ProgressStore::new(dir.path());
        std::fs::write(store.path(), "(version: 1, items: {\"k\": (leitner_box: ").expect("write");
        let opened = store.open();
        let w = opened.warning.expect("a warning");
        assert!(w.contains("damaged") && w.contains(":1:"), "{w}");
        assert_eq!(opened.progress, Progress::default());
        assert!(store.backup_path().exists());
        // The replacement is a valid, empty progress file.
        assert!(store.open().warning.is_none());
    }

    #[test]
    fn boxes_out_of_range_and_newer_versions_are_refused() {
        let bad_box =
            "(version: 1, items: {\"k\": (leitner_box: 9, last_day: 1, right: 0, wrong: 0)})";
        assert!(parse_progress("p.ron", bad_box).is_err());
        assert!(parse_progress("p.ron", "(version: 99)").is_err());
        assert!(parse_progress("p.ron", "(version: 1)").is_ok());
    }

    #[test]
    fn invalid_utf8_is_a_damaged_file_not_a_crash() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = ProgressStore::new(dir.path());
        std::fs::write(store.path(), [0xff, 0xfe, 0x00, 0x80]).expect("write");
        assert!(store.open().warning.is_some());
    }
}

#[cfg(test)]
mod leech_tests {
    use super::*;

    #[test]
    fn six_misses_make_a_trouble_spot_and_a_reset_clears_it() {
        let mut p = Progress::default();
        for _ in 0..5 {
            p.record("name:liver:plantar:right", false, 10);
        }
        p.record("name:liver:plantar:right", true, 10);
        assert!(
            p.leeches().is_empty(),
            "five misses are not yet a trouble spot"
        );
        p.record("name:liver:plantar:right", false, 11);
        let leeches = p.leeches();
        assert_eq!(leeches.len(), 1);
        assert_eq!(leeches[0].0, "name:liver:plantar:right");
        assert_eq!(leeches[0].1.misses, 6);
        p.reset("name:liver:plantar:right", 12);
        assert!(p.leeches().is_empty());
        let s = p.items["name:liver:plantar:right"];
        assert_eq!((s.leitner_box, s.last_day, s.wrong, s.right), (1, 12, 6, 1));
    }

    #[test]
    fn files_from_before_misses_read_their_wrong_answers_as_misses() {
        let text = "(version: 1, items: {\"claim:x\": (leitner_box: 1, last_day: 3, right: 0, \
                    wrong: 7)}, history: [])";
        let p = parse_progress("old.ron", text).unwrap();
        assert_eq!(p.items["claim:x"].misses, 7);
        assert_eq!(p.leeches().len(), 1);
    }
}

/// Answers given per day (days since 1970), from the score history: the calendar's data.
pub fn reviews_by_day(progress: &Progress) -> BTreeMap<i64, u32> {
    let mut days = BTreeMap::new();
    for r in &progress.history {
        *days.entry(r.day).or_insert(0) += r.answered;
    }
    days
}

/// Days in a row with at least one answer, ending today (or yesterday, so a streak is not
/// broken before today's study).
pub fn streak(days: &BTreeMap<i64, u32>, today: i64) -> u32 {
    let studied = |d: i64| days.get(&d).is_some_and(|n| *n > 0);
    let mut day = if studied(today) { today } else { today - 1 };
    let mut n = 0;
    while studied(day) {
        n += 1;
        day -= 1;
    }
    n
}

#[cfg(test)]
mod calendar_tests {
    use super::*;

    fn record(day: i64, answered: u32) -> QuizRecord {
        QuizRecord {
            day,
            kind: QuizKind::Name,
            seed: 1,
            right: 0,
            answered,
        }
    }

    #[test]
    fn reviews_add_up_per_day_and_the_streak_counts_back_from_today() {
        let p = Progress {
            history: vec![
                record(10, 5),
                record(10, 3),
                record(11, 2),
                record(13, 4),
                record(14, 1),
            ],
            ..Progress::default()
        };
        let days = reviews_by_day(&p);
        assert_eq!(days[&10], 8);
        assert_eq!(streak(&days, 14), 2, "13 and 14; 12 was missed");
        assert_eq!(
            streak(&days, 15),
            2,
            "not studied yet today: the streak still stands"
        );
        assert_eq!(streak(&days, 16), 0);
        assert_eq!(streak(&days, 11), 2);
    }
}
