//! `reflexmap records …` run as a process, each test on its own database in a temp folder:
//! clients, sessions and follow-ups round-trip through `show` and the CSV export, names in any
//! script survive, and bad input exits 1 naming the problem with the file left as it was.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use reflexmap::records::{Side, Store, Symptom, TREND_CAVEAT, UrgentSign};

const PLAN: &str = r#"(
    version: 1,
    client_initials: "AB",
    session_minutes: 20,
    screening: { "dvt_signs": No },
    steps: [
        (title: "Warm-up", technique: "warm_up_stroking", pressure: Light, minutes: 5.0),
        (zone: "solar_plexus", technique: "sustained_hold", pressure: Light, minutes: 5.0),
    ],
)
"#;

/// One test's folder: a database path and a plan file.
struct Env {
    dir: tempfile::TempDir,
    db: PathBuf,
    plan: PathBuf,
}

fn env() -> Env {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("records.sqlite3");
    let plan = dir.path().join("session.plan.ron");
    std::fs::write(&plan, PLAN).expect("write plan");
    Env { dir, db, plan }
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

impl Env {
    /// `reflexmap records ARGS… --db DB`.
    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_reflexmap"))
            .arg("records")
            .args(args)
            .args(["--db", s(&self.db)])
            .stdin(std::process::Stdio::null())
            .env_remove("REFLEXMAP_PASSPHRASE")
            .output()
            .expect("the binary runs")
    }

    /// Run and expect success; its standard output.
    fn ok(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert!(o.status.success(), "{args:?} failed:\n{}", both(&o));
        String::from_utf8(o.stdout).expect("utf-8 output")
    }

    /// Run, expect exit 1, and return standard error.
    fn fails(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert_eq!(o.status.code(), Some(1), "{args:?}:\n{}", both(&o));
        String::from_utf8_lossy(&o.stderr).into_owned()
    }

    /// Add a client; its id.
    fn client(&self, name: &str) -> String {
        id_of(
            &self.ok(&["client", "add", "--name", name]),
            "added client ",
        )
    }

    /// Add a session; its id.
    fn session(&self, client: &str, date: &str, extra: &[&str]) -> String {
        let mut args = vec![
            "session",
            "add",
            "--client",
            client,
            "--plan",
            s(&self.plan),
            "--date",
            date,
        ];
        args.extend(extra);
        id_of(&self.ok(&args), "added session ")
    }

    fn db_bytes(&self) -> Vec<u8> {
        std::fs::read(&self.db).expect("read db")
    }
}

fn both(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// The id in the first line `PREFIX<id>`.
fn id_of(out: &str, prefix: &str) -> String {
    let line = out.lines().next().unwrap_or_default();
    let id = line
        .strip_prefix(prefix)
        .unwrap_or_else(|| panic!("expected \"{prefix}N\", got {out:?}"));
    assert!(id.parse::<i64>().is_ok(), "{line}");
    id.to_owned()
}

/// A minimal RFC 4180 reader for the tests: rows of fields.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(
        field.is_empty() && row.is_empty(),
        "the CSV ends with a line break"
    );
    rows
}

#[test]
fn a_client_with_sessions_and_follow_ups_round_trips_through_show() {
    let e = env();
    let c = e.client("Ann Smith");
    let s1 = e.session(
        &c,
        "2026-11-13",
        &[
            "--pre",
            "numbness.left=7,tingling=4,sleep=5",
            "--post",
            "numbness.left=5,tingling=3",
            "--note",
            "Feet cold all week",
            "--sign",
        ],
    );
    let s2 = e.session(&c, "2026-11-20", &["--pre", "numbness=6"]);
    assert_ne!(s1, s2);
    let out = e.ok(&[
        "followup",
        "add",
        "--session",
        &s2,
        "--hours",
        "24",
        "--date",
        "2026-11-21",
        "--scores",
        "numbness=5",
    ]);
    id_of(&out, "added follow-up ");
    let out = e.ok(&[
        "addendum",
        "add",
        "--session",
        &s1,
        "--text",
        "Phoned: slept well",
    ]);
    id_of(&out, "added addendum ");

    let show = e.ok(&["show", &c]);
    for want in [
        format!("Client {c}: Ann Smith"),
        format!("Session {s1} on 2026-11-13 · screening: "),
        format!("Session {s2} on 2026-11-20 · screening: "),
        "Numbness (left): 7 → 5".to_owned(),
        "Tingling: 4 → 3".to_owned(),
        "Sleep: 5 → –".to_owned(),
        "Subjective: Feet cold all week".to_owned(),
        ": Phoned: slept well".to_owned(),
        "Follow-up at 24 h, 2026-11-21:".to_owned(),
        "Scores: Numbness: 5".to_owned(),
        format!("Follow-up due: 48 h on 2026-11-22 (session {s2})"),
    ] {
        assert!(show.contains(&want), "missing {want:?} in\n{show}");
    }
    assert!(show.contains("· signed 20"), "{show}");
    assert!(show.contains("· draft"), "{show}");
    assert!(show.trim_end().ends_with(TREND_CAVEAT));

    // The store sees what the command line wrote: the plan is a snapshot, the verdict kept.
    let store = Store::open(&e.db).expect("open");
    let rec = store.client(c.parse().expect("id")).expect("client");
    assert_eq!(rec.sessions.len(), 2);
    let first = &rec.sessions[0];
    assert!(
        first.plan_ron.contains("solar_plexus"),
        "{}",
        first.plan_ron
    );
    assert!(!first.verdict.is_empty());
    assert!(show.contains(&format!("screening: {}", first.verdict)));
    assert_eq!(first.pre.get(Symptom::Numbness, Side::Left), Some(7));
    assert!(first.is_signed());

    let list = e.ok(&["clients"]);
    let header = list.lines().next().expect("header");
    for col in [
        "id",
        "name",
        "initials",
        "sessions",
        "last session",
        "follow-up due",
    ] {
        assert!(header.contains(col), "{header}");
    }
    let row = list.lines().nth(1).expect("a row");
    for want in [
        c.as_str(),
        "Ann Smith",
        "AS",
        "2026-11-20",
        "48 h on 2026-11-22",
    ] {
        assert!(row.contains(want), "{want}: {row}");
    }
    assert!(!row.contains("URGENT"), "{row}");
}

#[test]
fn an_urgent_follow_up_prints_the_aftercare_advice_and_marks_the_client() {
    let e = env();
    let c = e.client("Bea Jones");
    let s1 = e.session(&c, "2026-11-20", &[]);
    let out = e.ok(&[
        "followup",
        "add",
        "--session",
        &s1,
        "--hours",
        "48",
        "--date",
        "2026-11-22",
        "--urgent",
        "a blister on the left heel",
        "--urgent",
        "feels odd, hard to describe",
    ]);
    id_of(&out, "added follow-up ");
    let library = reflexmap::load::embedded_content()
        .expect("content")
        .library;
    assert!(
        out.contains(&library.aftercare.urgent[UrgentSign::Wound.index()]),
        "{out}"
    );
    assert!(out.contains(UrgentSign::Unlisted.label()), "{out}");
    assert!(out.contains(reflexmap::records::UNLISTED_ADVICE), "{out}");

    let show = e.ok(&["show", &c]);
    assert!(
        show.contains("URGENT: A wound, blister or broken skin"),
        "{show}"
    );
    assert!(show.contains("URGENT: Another worrying sign"), "{show}");
    assert!(show.contains("feels odd, hard to describe"), "{show}");
    let list = e.ok(&["clients"]);
    assert!(
        list.lines().nth(1).expect("row").ends_with("URGENT"),
        "{list}"
    );
}

/// Names in many scripts, with quotes, commas and emoji.
const NAMES: [&str; 6] = [
    "王小明",
    "Ελένη Παπαδοπούλου",
    "Анна \"Аня\" Иванова",
    "שרה כהן",
    "देव शर्मा",
    "Zoë O'Brien, 🦶✨",
];

#[test]
fn names_in_any_script_round_trip_through_show_and_csv() {
    let e = env();
    for name in NAMES {
        let c = e.client(name);
        e.session(
            &c,
            "2026-11-20",
            &["--pre", "burning=3", "--post", "burning=2"],
        );
        let show = e.ok(&["show", &c]);
        assert!(show.contains(&format!("Client {c}: {name}\n")), "{show}");
        let csv_path = e.dir.path().join(format!("client-{c}.csv"));
        let out = e.ok(&["export", &c, "-o", s(&csv_path)]);
        assert!(out.contains("2 scores"), "{out}");
        let rows = parse_csv(&std::fs::read_to_string(&csv_path).expect("utf-8 csv"));
        assert_eq!(
            rows[0],
            "client_id,client,session_id,date,when,hours,symptom,side,value"
                .split(',')
                .collect::<Vec<_>>()
        );
        assert_eq!(rows.len(), 3, "{rows:?}");
        for row in &rows[1..] {
            assert_eq!(row[0], c);
            assert_eq!(row[1], name);
        }
        assert_eq!(rows[1][4..], ["before", "", "burning", "both", "3"]);
        assert_eq!(rows[2][4..], ["after", "", "burning", "both", "2"]);
    }
    let list = e.ok(&["clients"]);
    for name in NAMES {
        assert!(list.contains(name), "{name} missing in\n{list}");
    }
}

#[test]
fn csv_quotes_fields_and_defuses_formulas() {
    let e = env();
    let c = e.client("=HYPERLINK(\"http://x\",\"click\")");
    let s1 = e.session(&c, "2026-11-20", &["--pre", "numbness.right=9"]);
    e.ok(&[
        "followup",
        "add",
        "--session",
        &s1,
        "--hours",
        "24",
        "--date",
        "2026-11-21",
        "--scores",
        "sleep=6",
    ]);
    let c2 = e.client("@SUM(A1)");
    e.session(&c2, "2026-11-20", &["--pre", "aching=1"]);
    // A value starting with "-" is written `--name=-2+3` (as for any option).
    let c3 = id_of(&e.ok(&["client", "add", "--name=-2+3"]), "added client ");
    e.session(&c3, "2026-11-20", &["--pre", "aching=1"]);

    let path = e.dir.path().join("scores.csv");
    e.ok(&["export", &c, "-o", s(&path)]);
    let text = std::fs::read_to_string(&path).expect("csv");
    assert!(text.starts_with("client_id,"), "no BOM or blank line first");
    assert!(
        text.contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\","),
        "quoted, quotes doubled, formula guarded:\n{text}"
    );
    let rows = parse_csv(&text);
    assert_eq!(rows[1][1], "'=HYPERLINK(\"http://x\",\"click\")");
    assert_eq!(rows[1][4..], ["before", "", "numbness", "right", "9"]);
    assert_eq!(
        rows[2][3..],
        ["2026-11-21", "follow-up", "24", "sleep", "both", "6"]
    );
    for (id, guarded) in [(&c2, "'@SUM(A1)"), (&c3, "'-2+3")] {
        e.ok(&["export", id, "-o", s(&path)]);
        let rows = parse_csv(&std::fs::read_to_string(&path).expect("csv"));
        assert_eq!(rows[1][1], guarded);
    }
}

#[test]
fn bad_input_exits_1_naming_the_problem_and_writes_nothing() {
    let e = env();
    let c = e.client("Cai Wen");
    let s1 = e.session(&c, "2026-11-20", &["--pre", "numbness=6", "--sign"]);
    let draft = e.session(&c, "2026-11-21", &[]);
    let bad_plan = e.dir.path().join("broken.plan.ron");
    std::fs::write(&bad_plan, "(version: 1, steps: [ (zone: ").expect("write");
    let missing_plan = e.dir.path().join("missing.plan.ron");
    let show_before = e.ok(&["show", &c]);
    let bytes_before = e.db_bytes();
    let plan = s(&e.plan);

    let add = |extra: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = ["session", "add", "--client", &c, "--plan", plan]
            .map(str::to_owned)
            .to_vec();
        v.extend(extra.iter().map(|x| (*x).to_owned()));
        v
    };
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            [
                "session",
                "add",
                "--client",
                "999",
                "--plan",
                plan,
                "--date",
                "2026-11-20",
            ]
            .map(str::to_owned)
            .to_vec(),
            "no client 999",
        ),
        (
            add(&["--date", "2026-11-20", "--pre", "numbness=11"]),
            "0 to 10",
        ),
        (
            add(&["--date", "2026-11-20", "--post", "tingling=-1"]),
            "--post",
        ),
        (
            add(&["--date", "2026-11-20", "--pre", "itch=3"]),
            "unknown symptom \"itch\"",
        ),
        (add(&["--date", "2026-13-01"]), "--date"),
        (add(&["--date", "20/11/2026"]), "YYYY-MM-DD"),
        (
            [
                "session",
                "add",
                "--client",
                &c,
                "--plan",
                s(&bad_plan),
                "--date",
                "2026-11-20",
            ]
            .map(str::to_owned)
            .to_vec(),
            "broken.plan.ron",
        ),
        (
            [
                "session",
                "add",
                "--client",
                &c,
                "--plan",
                s(&missing_plan),
                "--date",
                "2026-11-20",
            ]
            .map(str::to_owned)
            .to_vec(),
            "missing.plan.ron",
        ),
        (
            ["session", "edit", &s1, "--note", "changed"]
                .map(str::to_owned)
                .to_vec(),
            "is signed",
        ),
        (
            ["session", "edit", &s1, "--pre", "numbness=1"]
                .map(str::to_owned)
                .to_vec(),
            "addendum",
        ),
        (
            ["session", "sign", &s1].map(str::to_owned).to_vec(),
            "is signed",
        ),
        (
            ["session", "edit", &draft, "--pre", "sleep.left=3"]
                .map(str::to_owned)
                .to_vec(),
            "once",
        ),
        (
            ["session", "edit", "998"].map(str::to_owned).to_vec(),
            "no session 998",
        ),
        (
            [
                "followup",
                "add",
                "--session",
                "998",
                "--hours",
                "24",
                "--date",
                "2026-11-21",
            ]
            .map(str::to_owned)
            .to_vec(),
            "no session 998",
        ),
        (
            [
                "followup",
                "add",
                "--session",
                &s1,
                "--hours",
                "12",
                "--date",
                "2026-11-21",
            ]
            .map(str::to_owned)
            .to_vec(),
            "24 or 48",
        ),
        (
            [
                "followup",
                "add",
                "--session",
                &s1,
                "--hours",
                "24",
                "--date",
                "2026-02-30",
            ]
            .map(str::to_owned)
            .to_vec(),
            "--date",
        ),
        (
            [
                "followup",
                "add",
                "--session",
                &s1,
                "--hours",
                "24",
                "--date",
                "2026-11-01",
            ]
            .map(str::to_owned)
            .to_vec(),
            "before the session",
        ),
        (
            [
                "followup",
                "add",
                "--session",
                &s1,
                "--hours",
                "24",
                "--date",
                "2026-11-21",
                "--scores",
                "wellbeing=12",
            ]
            .map(str::to_owned)
            .to_vec(),
            "--scores",
        ),
        (
            [
                "addendum",
                "add",
                "--session",
                &draft,
                "--text",
                "too early",
            ]
            .map(str::to_owned)
            .to_vec(),
            "not signed",
        ),
        (
            ["client", "add", "--name", "  "]
                .map(str::to_owned)
                .to_vec(),
            "needs a name",
        ),
        (
            ["client", "add", "--name", "Dee", "--born", "1700"]
                .map(str::to_owned)
                .to_vec(),
            "1700",
        ),
        (
            ["client", "add", "--name", "Dee", "--background", "gout"]
                .map(str::to_owned)
                .to_vec(),
            "--background",
        ),
        (["show", "404"].map(str::to_owned).to_vec(), "no client 404"),
    ];
    for (args, want) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let err = e.fails(&args);
        assert!(err.contains(want), "{args:?}: expected {want:?} in {err:?}");
        assert!(err.starts_with("error: "), "{err}");
        assert_eq!(e.db_bytes(), bytes_before, "{args:?} changed the file");
    }
    let csv = e.dir.path().join("nothing.csv");
    let err = e.fails(&["export", "404", "-o", s(&csv)]);
    assert!(err.contains("no client 404"), "{err}");
    assert!(!csv.exists(), "no file is written for an unknown client");
    assert_eq!(e.ok(&["show", &c]), show_before);
    assert_eq!(e.db_bytes(), bytes_before);
}

#[test]
fn a_draft_can_be_edited_then_signed_and_read_commands_do_not_create_a_file() {
    let e = env();
    assert!(e.ok(&["clients"]).contains("No clients yet"));
    let err = e.fails(&["show", "1"]);
    assert!(err.contains("no records here yet"), "{err}");
    assert!(!e.db.exists(), "reading created no file");

    let c = e.client("Eve");
    let d = e.session(&c, "2026-11-20", &["--pre", "aching=4"]);
    let out = e.ok(&["session", "edit", &d, "--post", "aching=2", "--sign"]);
    assert!(
        out.starts_with(&format!("changed session {d}\nsigned ")),
        "{out}"
    );
    let show = e.ok(&["show", &c]);
    assert!(show.contains("Aching: 4 → 2"), "{show}");
    assert!(show.contains("· signed "), "{show}");
}

/// Text of every page of a PDF, whitespace collapsed.
fn pdf_text(path: &Path) -> String {
    let doc = lopdf::Document::load(path).expect("the PDF parses");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).expect("text extracts");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn report_and_diary_sheet_print_to_pdf_and_bad_input_writes_nothing() {
    let e = env();
    let c = e.client("Ann Smith");
    e.session(
        &c,
        "2026-11-13",
        &["--pre", "numbness.left=7", "--post", "numbness.left=5"],
    );
    e.session(
        &c,
        "2026-11-20",
        &["--pre", "numbness.left=6", "--note", "Slept better"],
    );
    let report = e.dir.path().join("report.pdf");
    let out = e.ok(&[
        "report",
        &c,
        "-o",
        s(&report),
        "--sections",
        "details,scores,trend",
    ]);
    assert!(out.contains("wrote") && out.contains("2 sessions"), "{out}");
    let text = pdf_text(&report);
    assert!(
        text.contains("Progress report") && text.contains("Ann Smith"),
        "{text}"
    );
    assert!(text.contains("Numbness (left)"), "{text}");
    let caveat: String = TREND_CAVEAT
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains(&caveat[..60]), "{text}");
    assert!(
        !text.contains("Slept better"),
        "notes were not chosen: {text}"
    );

    let sheet = e.dir.path().join("sheet.pdf");
    e.ok(&[
        "diary-sheet",
        "--client",
        &c,
        "--days",
        "7",
        "-o",
        s(&sheet),
    ]);
    let text = pdf_text(&sheet);
    assert!(
        text.contains("Ann Smith") && text.contains("Day 7"),
        "{text}"
    );
    let blank = e.dir.path().join("blank.pdf");
    e.ok(&["diary-sheet", "-o", s(&blank)]);
    assert!(pdf_text(&blank).contains("48 h"));

    let nowhere = e.dir.path().join("never.pdf");
    for (args, says) in [
        (vec!["report", "99", "-o", s(&nowhere)], "no client 99"),
        (
            vec![
                "report",
                &c,
                "-o",
                s(&nowhere),
                "--sections",
                "scores,gossip",
            ],
            "gossip",
        ),
        (
            vec!["diary-sheet", "--days", "5", "-o", s(&nowhere)],
            "2 or 7",
        ),
        (
            vec!["diary-sheet", "--client", "42", "-o", s(&nowhere)],
            "no client 42",
        ),
    ] {
        let err = e.fails(&args);
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(!nowhere.exists(), "{args:?} wrote a file");
    }
}
