//! Saving when the disk says no, and autosave when the process dies: a failed save is reported
//! and the previous file stays byte-identical; a process killed during autosave loses at most
//! the write in progress and its work is offered back on the next start.

use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use proptest::prelude::*;
use reflexmap::load::embedded_content;
use reflexmap::plan::{AUTOSAVE_FILE, Autosave, Plan, plan_to_string, save_plan};
use reflexmap::save::{SaveError, TEMP_PREFIX, write_atomic, write_atomic_with};

/// `ENOSPC` and `EROFS` (the same numbers on Linux and macOS).
const NO_SPACE: i32 = 28;
const READ_ONLY_FS: i32 = 30;

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn template_plan(id: &str) -> Plan {
    let content = embedded_content().expect("content");
    Plan::from_template(content.library.template(id).expect("template"))
}

/// A plan saved at `dir/session.plan.ron`, and its bytes.
fn saved_plan(dir: &Path) -> (PathBuf, Vec<u8>) {
    let path = dir.join("session.plan.ron");
    save_plan(&path, &template_plan("neuropathy_gentle")).expect("first save");
    let bytes = std::fs::read(&path).expect("read");
    (path, bytes)
}

fn assert_reported(err: &SaveError, path: &Path, os_message: &str) {
    let text = err.to_string();
    assert!(text.contains(&path.display().to_string()), "{text}");
    assert!(text.contains(os_message), "{text}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// The disk fills up after any number of bytes of the new plan: the save fails with the
    /// OS's message and the old plan is untouched, with no temp file left beside it.
    #[cfg(unix)]
    #[test]
    fn a_disk_filling_up_during_a_save_leaves_the_old_plan_intact(fraction in 0.0f64..=1.0) {
        let dir = tempfile::tempdir().expect("temp dir");
        let (path, before) = saved_plan(dir.path());
        let new_text = plan_to_string(&template_plan("home_routine")).expect("serialize");
        prop_assert_ne!(new_text.as_bytes(), &before[..]);
        let cut = (new_text.len() as f64 * fraction) as usize;
        let err = write_atomic_with(&path, |w| {
            w.write_all(&new_text.as_bytes()[..cut])?;
            Err(io::Error::from_raw_os_error(NO_SPACE))
        })
        .unwrap_err();
        assert_reported(&err, &path, "No space left on device");
        prop_assert_eq!(std::fs::read(&path).expect("read"), before);
        prop_assert_eq!(names(dir.path()), ["session.plan.ron"]);
    }
}

/// A file system that turned read-only refuses the first byte.
#[cfg(unix)]
#[test]
fn a_read_only_file_system_fails_the_save_and_keeps_the_old_plan() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (path, before) = saved_plan(dir.path());
    let err =
        write_atomic_with(&path, |_| Err(io::Error::from_raw_os_error(READ_ONLY_FS))).unwrap_err();
    assert_reported(&err, &path, "Read-only file system");
    assert_eq!(std::fs::read(&path).expect("read"), before);
    assert_eq!(names(dir.path()), ["session.plan.ron"]);
}

/// A folder that is really a file: plan saves, autosave and exports all report it, naming the
/// path, and the file in the way is not touched.
#[test]
fn a_parent_that_is_a_file_fails_every_kind_of_save() {
    let dir = tempfile::tempdir().expect("temp dir");
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, b"keep me").expect("write");
    let plan = template_plan("neuropathy_gentle");
    let target = blocker.join("session.plan.ron");
    let err = save_plan(&target, &plan).unwrap_err();
    assert!(err.to_string().contains("session.plan.ron"), "{err}");
    let err = write_atomic(&blocker.join("session.pdf"), b"%PDF").unwrap_err();
    assert!(err.to_string().contains("session.pdf"), "{err}");
    let err = Autosave::new(blocker.join("data"))
        .write(&plan)
        .unwrap_err();
    assert!(err.to_string().contains("not-a-folder"), "{err}");
    assert_eq!(std::fs::read(&blocker).expect("read"), b"keep me");
    assert_eq!(names(dir.path()), ["not-a-folder"]);
}

/// Makes a folder immutable (`chattr +i`): even root cannot create files in it, so it stands
/// in for a read-only folder although the tests run as root. Undone on drop.
struct Immutable<'a>(&'a Path);

impl<'a> Immutable<'a> {
    fn new(dir: &'a Path) -> Option<Self> {
        let guard = Self(dir);
        let ok = Command::new("chattr")
            .arg("+i")
            .arg(dir)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        // Why check by writing: chattr may "succeed" on a file system that ignores the flag.
        let probe = dir.join("probe");
        if !ok || std::fs::write(&probe, b"x").is_ok() {
            let _ = std::fs::remove_file(probe);
            return None;
        }
        Some(guard)
    }
}

impl Drop for Immutable<'_> {
    fn drop(&mut self) {
        let _ = Command::new("chattr").arg("-i").arg(self.0).status();
    }
}

/// The app's own Save into a folder that became read-only: the error is shown, the plan stays
/// unsaved (so autosave and the close prompt still protect it) and the file on disk is the old
/// one, byte for byte.
#[cfg(feature = "gui")]
#[test]
fn the_app_reports_a_save_into_a_read_only_folder_and_keeps_the_old_file() {
    use reflexmap::app::{ReflexApp, Settings};
    use reflexmap::plan::PlanCommand;
    use reflexmap::ui::Command;

    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("session.plan.ron");
    let ctx = egui::Context::default();
    let content = embedded_content().expect("content");
    let mut app = ReflexApp::with_content(&ctx, content, Settings::default());
    let load = |id: &str| Command::Plan(PlanCommand::LoadTemplate(id.into()));
    app.apply(&ctx, load("neuropathy_gentle"));
    app.apply(&ctx, Command::Plan(PlanCommand::SaveTo(path.clone())));
    assert!(app.error().is_none(), "first save");
    let before = std::fs::read(&path).expect("read");
    app.apply(&ctx, load("home_routine"));
    assert!(app.plan().is_dirty());

    let Some(_guard) = Immutable::new(dir.path()) else {
        eprintln!("skipped: chattr +i is not available here (the injected-error tests still ran)");
        return;
    };
    app.apply(&ctx, Command::SavePlan);
    let error = app.error().expect("the failed save is reported");
    assert!(error.contains(&path.display().to_string()), "{error}");
    assert!(error.contains("Operation not permitted"), "{error}");
    assert!(
        app.plan().is_dirty(),
        "a failed save must not mark the plan saved"
    );
    assert_eq!(std::fs::read(&path).expect("read"), before);
    assert_eq!(names(dir.path()), ["session.plan.ron"]);
}

/// Set for the child process of the kill test: the folder to autosave into.
const CHILD_DIR: &str = "REFLEXMAP_TEST_AUTOSAVE_CHILD_DIR";

/// What the child prints after each completed write.
const WROTE: &str = "autosave-wrote=";

/// Not a test by itself: the child process of the kill test runs only this (selected with
/// `--exact` and [`CHILD_DIR`]); it autosaves as the app does, as fast as it can, until killed.
/// Without [`CHILD_DIR`] it does nothing.
#[test]
fn child_autosaving_until_killed() {
    let Some(dir) = std::env::var_os(CHILD_DIR) else {
        return;
    };
    let autosave = Autosave::new(PathBuf::from(dir));
    let mut plan = template_plan("neuropathy_gentle");
    let mut out = io::stdout();
    for n in 1u64.. {
        plan.notes = format!("write {n}");
        autosave.write(&plan).expect("autosave");
        // Why on its own line, flushed: the parent reads it to know what is safely on disk.
        writeln!(out, "\n{WROTE}{n}").expect("stdout");
        out.flush().expect("stdout");
    }
}

/// A pseudo-random number for round `i` (different on every run).
fn random(i: u64) -> u64 {
    use std::hash::BuildHasher;
    std::collections::hash_map::RandomState::new().hash_one(i)
}

fn write_number(plan: &Plan) -> u64 {
    plan.notes
        .strip_prefix("write ")
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("not written by the child: {:?}", plan.notes))
}

/// The child autosaves in a loop and is killed (SIGKILL on Unix) at a random moment, several
/// times. Each time the autosave must parse, be the last completed write or the one in
/// progress (with the app's 5 s autosave interval: at most the last few seconds are lost), and
/// be offered back by the recovery path the app uses at start.
#[test]
fn a_process_killed_during_autosave_loses_at_most_the_last_write() {
    let exe = std::env::current_exe().expect("test binary");
    let dir = tempfile::tempdir().expect("temp dir");
    let autosave = Autosave::new(dir.path());
    for round in 0..6 {
        let mut child = Command::new(&exe)
            .args(["child_autosaving_until_killed", "--exact", "--nocapture"])
            .args(["--test-threads", "1"])
            .env(CHILD_DIR, dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("child starts");
        let mut lines = BufReader::new(child.stdout.take().expect("piped")).lines();
        let wrote = |line: &str| -> Option<u64> { line.split_once(WROTE)?.1.trim().parse().ok() };
        let wait_for = 1 + random(round) % 40;
        let mut last = 0;
        for line in lines.by_ref() {
            if let Some(n) = wrote(&line.expect("child output")) {
                last = n;
                if n >= wait_for {
                    break;
                }
            }
        }
        assert!(
            last >= wait_for,
            "round {round}: the child stopped after {last} writes"
        );
        // Somewhere inside the next write or a few later.
        std::thread::sleep(std::time::Duration::from_micros(
            random(round + 100) % 5_000,
        ));
        child.kill().expect("kill");
        child.wait().expect("reap");
        // What the child reported before it died is on disk for sure.
        for line in lines {
            if let Some(n) = line.ok().as_deref().and_then(wrote) {
                last = last.max(n);
            }
        }

        let on_disk = autosave
            .read()
            .unwrap_or_else(|| panic!("round {round}: no autosave after the kill"))
            .unwrap_or_else(|p| panic!("round {round}: the autosave does not parse:\n{p}"));
        let n = write_number(&on_disk);
        assert!(
            n == last || n == last + 1,
            "round {round}: write {n} on disk, {last} completed"
        );
        // The next start: the work is offered back, and the first write cleans up after the
        // killed one.
        let recovered = autosave
            .recoverable()
            .unwrap_or_else(|| panic!("round {round}: nothing offered back"));
        assert_eq!(recovered, on_disk);
        let temps = |d: &Path| {
            names(d)
                .into_iter()
                .filter(|n| n.starts_with(TEMP_PREFIX))
                .count()
        };
        assert!(
            temps(dir.path()) <= 1,
            "round {round}: {:?}",
            names(dir.path())
        );
        autosave
            .write(&recovered)
            .expect("the restarted app autosaves");
        assert_eq!(names(dir.path()), [AUTOSAVE_FILE], "round {round}");
        assert_eq!(autosave.recoverable(), Some(recovered));
    }
}
