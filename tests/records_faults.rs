//! The records when things go wrong: a process killed mid-write, a damaged or foreign file, a
//! folder that cannot be written, a full disk, an old file to migrate, a file from a newer
//! reflexmap, and a second program holding the file. Each ends with a clear message and, where
//! the file was not ours to change, the file byte-identical.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use reflexmap::records::{ClientDetails, Scores, SessionDraft, Side, Store, Symptom, schema};

const PLAN: &str = r#"(
    version: 1,
    session_minutes: 20,
    steps: [
        (title: "Warm-up", technique: "warm_up_stroking", pressure: Light, minutes: 5.0),
    ],
)
"#;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_reflexmap")
}

fn records(db: &Path, args: &[&str]) -> Output {
    Command::new(bin())
        .arg("records")
        .args(args)
        .arg("--db")
        .arg(db)
        .output()
        .expect("the binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn client(name: &str) -> ClientDetails {
    ClientDetails {
        name: name.to_owned(),
        ..ClientDetails::default()
    }
}

fn draft(date: &str) -> SessionDraft {
    SessionDraft {
        date: date.to_owned(),
        plan_ron: PLAN.to_owned(),
        verdict: "Proceed".to_owned(),
        pre: Scores::parse("numbness=6,tingling.left=3").expect("scores"),
        ..SessionDraft::default()
    }
}

/// A records file with one client and one session, closed (so everything is in the main file).
fn real_db(dir: &Path) -> PathBuf {
    let path = dir.join("records.sqlite3");
    let mut store = Store::open(&path).expect("create");
    let c = store.add_client(&client("Ann")).expect("client");
    store.add_session(c, &draft("2026-11-20")).expect("session");
    drop(store);
    path
}

#[cfg(unix)]
#[test]
fn killing_the_command_line_mid_burst_loses_no_reported_session() {
    use std::os::unix::process::CommandExt;

    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("records.sqlite3");
    let plan = dir.path().join("s.plan.ron");
    std::fs::write(&plan, PLAN).expect("plan");
    let client_id = Store::open(&db)
        .expect("create")
        .add_client(&client("Burst"))
        .expect("client");

    // A shell adding sessions back to back, in its own process group so one SIGKILL reaches
    // the shell and whichever reflexmap is running at that moment.
    let script = r#"while :; do "$0" records session add --client "$1" --plan "$2" \
        --date 2026-11-20 --pre numbness=5 --db "$3" || exit 1; done"#;
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(bin())
        .arg(client_id.to_string())
        .arg(&plan)
        .arg(&db)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .expect("spawn the loop");
    let pgid = child.id() as i32;
    let out = child.stdout.take().expect("stdout");
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut reported: Vec<i64> = Vec::new();
    while reported.len() < 12 {
        let line = rx
            .recv_timeout(Duration::from_secs(120))
            .expect("the loop keeps adding sessions");
        reported.push(
            line.strip_prefix("added session ")
                .expect(&line)
                .parse()
                .expect(&line),
        );
    }
    // SAFETY: kill(2) on the child's own process group, which this test created.
    let killed = unsafe { libc::kill(-pgid, libc::SIGKILL) };
    assert_eq!(killed, 0, "kill the process group");
    child.wait().expect("reap the shell");
    reader.join().expect("reader");
    // Lines printed before the kill count as reported too.
    for line in rx.try_iter() {
        if let Some(id) = line.strip_prefix("added session ") {
            reported.push(id.parse().expect(&line));
        }
    }

    let store = Store::open(&db).expect("the killed file opens");
    assert_eq!(store.integrity_check().expect("check"), "ok");
    let rec = store.client(client_id).expect("client");
    for id in &reported {
        let s = store.session(*id).expect("every reported session exists");
        assert_eq!(s.pre.get(Symptom::Numbness, Side::Both), Some(5));
    }
    assert!(rec.sessions.len() >= reported.len());
}

#[test]
fn a_truncated_or_garbage_file_is_refused_and_left_byte_identical() {
    let dir = tempfile::tempdir().expect("temp dir");
    let real = std::fs::read(real_db(dir.path())).expect("read");
    assert!(real.len() > 100);
    let truncated = dir.path().join("truncated.sqlite3");
    std::fs::write(&truncated, &real[..100]).expect("write");
    let garbage = dir.path().join("garbage.sqlite3");
    std::fs::write(&garbage, "this is not a database, just words. ".repeat(200)).expect("write");
    let foreign = dir.path().join("foreign.sqlite3");
    {
        let c = rusqlite::Connection::open(&foreign).expect("open");
        c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .expect("foreign db");
    }
    for (path, want) in [
        (&truncated, "damaged"),
        (&garbage, "not a reflexmap records file"),
        (&foreign, "not a reflexmap records file"),
    ] {
        let before = std::fs::read(path).expect("read");
        let e = Store::open(path).expect_err("refused").to_string();
        assert!(e.contains(want), "{}: {e}", path.display());
        assert!(e.contains(&path.display().to_string()), "{e}");
        for args in [
            &["clients"][..],
            &["client", "add", "--name", "X"],
            &["show", "1"],
        ] {
            let o = records(path, args);
            assert_eq!(o.status.code(), Some(1), "{args:?}");
            let err = stderr(&o);
            assert!(err.contains(want), "{args:?}: {err}");
            assert!(err.contains("left"), "says the file was left alone: {err}");
        }
        assert_eq!(
            std::fs::read(path).expect("read"),
            before,
            "{}",
            path.display()
        );
    }
}

#[cfg(unix)]
#[test]
fn a_folder_that_cannot_be_written_gives_a_clear_error() {
    use std::os::unix::fs::PermissionsExt;

    let dir = tempfile::tempdir().expect("temp dir");
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    let (db, locked) = if root {
        // Root ignores permission bits; nothing can be created under /proc.
        (PathBuf::from("/proc/reflexmap-test/records.sqlite3"), None)
    } else {
        let locked = dir.path().join("locked");
        std::fs::create_dir(&locked).expect("mkdir");
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).expect("chmod");
        (locked.join("records.sqlite3"), Some(locked))
    };
    let o = records(&db, &["client", "add", "--name", "Ann"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains(&db.display().to_string()), "{err}");
    assert!(err.contains("cannot"), "{err}");
    assert!(!db.exists());
    let e = Store::open(&db).expect_err("refused").to_string();
    assert!(e.contains("cannot"), "{e}");
    if let Some(locked) = locked {
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
}

#[test]
fn a_full_disk_reports_the_disk_is_full_and_keeps_earlier_records() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = real_db(dir.path());
    let mut store = Store::open(&path).expect("open");
    let before = store.client(1).expect("client");
    // The cap cannot go below the file's size: asking for 1 page caps it where it is.
    let pages = store.set_max_pages(1).expect("cap");
    assert!(pages > 1);
    let mut big = draft("2026-11-27");
    big.plan_ron = "x".repeat(200_000);
    let e = store.add_session(1, &big).expect_err("no room").to_string();
    assert!(e.contains("disk is full"), "{e}");
    assert!(e.contains("earlier records are safe"), "{e}");
    let e = store
        .add_signed_session(1, &big)
        .expect_err("no room")
        .to_string();
    assert!(e.contains("disk is full"), "{e}");
    assert_eq!(store.client(1).expect("client"), before);
    drop(store);
    let store = Store::open(&path).expect("reopen");
    assert_eq!(store.integrity_check().expect("check"), "ok");
    assert_eq!(store.client(1).expect("client"), before);
}

#[test]
fn a_version_1_file_is_migrated_with_its_data_and_the_locks_switched_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("old.sqlite3");
    {
        let c = rusqlite::Connection::open(&path).expect("open");
        c.execute_batch(schema::V1).expect("v1");
        c.pragma_update(None, "application_id", schema::APPLICATION_ID)
            .expect("id");
        c.pragma_update(None, "user_version", 1).expect("version");
        c.execute_batch(
            "INSERT INTO client (id, name, initials, born, background, created) \
               VALUES (4, 'Ελένη', 'EP', 1950, 'chemotherapy', '2024-01-02 10:00 UTC'); \
             INSERT INTO session (id, client_id, date, plan_ron, verdict, subjective) \
               VALUES (9, 4, '2024-01-02', '(version: 1)', 'Adapt', 'old note'); \
             INSERT INTO score VALUES (9, 'pre', 'numbness', 'left', 7); \
             INSERT INTO score VALUES (9, 'post', 'numbness', 'left', 5);",
        )
        .expect("old rows");
    }
    let mut store = Store::open(&path).expect("migrates");
    assert_eq!(store.version().expect("version"), schema::VERSION);
    let rec = store.client(4).expect("client kept");
    assert_eq!(rec.details.name, "Ελένη");
    assert_eq!(rec.details.born, Some(1950));
    assert_eq!(rec.details.consent, Default::default());
    let s = &rec.sessions[0];
    assert_eq!(
        (s.id, s.date.as_str(), s.verdict.as_str()),
        (9, "2024-01-02", "Adapt")
    );
    assert_eq!(s.soap.subjective, "old note");
    assert_eq!(s.pre.get(Symptom::Numbness, Side::Left), Some(7));
    assert_eq!(s.post.get(Symptom::Numbness, Side::Left), Some(5));
    // Version 2's tables and triggers work on the old rows.
    store.sign_session(9).expect("sign");
    let e = store
        .execute_raw("UPDATE session SET subjective = 'rewritten' WHERE id = 9")
        .expect_err("trigger")
        .to_string();
    assert!(e.contains("signed session"), "{e}");
    store
        .add_addendum(9, "added after migration")
        .expect("addendum");
    assert_eq!(store.integrity_check().expect("check"), "ok");
}

#[test]
fn a_file_from_a_newer_reflexmap_is_refused_and_left_byte_identical() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = real_db(dir.path());
    {
        let c = rusqlite::Connection::open(&path).expect("open");
        c.pragma_update(None, "user_version", 99).expect("version");
    }
    let before = std::fs::read(&path).expect("read");
    let e = Store::open(&path).expect_err("refused").to_string();
    assert!(e.contains("newer"), "{e}");
    assert!(e.contains("99"), "{e}");
    let o = records(&path, &["client", "add", "--name", "X"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("newer"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&path).expect("read"), before);
}

#[test]
fn a_second_program_holding_the_file_means_wait_then_in_use_or_success() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = real_db(dir.path());
    let holder = rusqlite::Connection::open(&path).expect("open");
    holder
        .execute_batch(
            "BEGIN IMMEDIATE; INSERT INTO client (name, created) VALUES ('Held', 'now');",
        )
        .expect("hold the write lock");

    // Opening and reading work while the other writes (write-ahead log).
    let mut store = Store::open(&path).expect("open beside a writer");
    assert_eq!(store.list_clients().expect("list").len(), 1);
    // A write waits, then says the records are in use; nothing is written.
    store
        .set_busy_timeout(Duration::from_millis(50))
        .expect("timeout");
    let e = store
        .add_client(&client("Waits"))
        .expect_err("busy")
        .to_string();
    assert!(e.contains("in use"), "{e}");

    // Once the other lets go, the same write goes through; a write that starts while the
    // other still holds the lock waits for it (here up to 30 s) and then succeeds.
    holder.execute_batch("COMMIT").expect("release");
    store
        .add_client(&client("After"))
        .expect("written after release");
    holder
        .execute_batch(
            "BEGIN IMMEDIATE; INSERT INTO client (name, created) VALUES ('Again', 'now');",
        )
        .expect("hold again");
    let (ready_tx, ready_rx) = mpsc::channel::<()>();
    let release = std::thread::spawn(move || {
        ready_rx.recv().expect("signal");
        std::thread::sleep(Duration::from_millis(100));
        holder.execute_batch("COMMIT").expect("release");
    });
    store
        .set_busy_timeout(Duration::from_secs(30))
        .expect("timeout");
    ready_tx.send(()).expect("signal");
    store
        .add_client(&client("Waited"))
        .expect("waited, then written");
    release.join().expect("holder");
    let names: Vec<String> = store
        .list_clients()
        .expect("list")
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(names, ["After", "Again", "Ann", "Held", "Waited"]);
}
