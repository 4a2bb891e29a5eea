//! The real binary read the way a screen reader (Orca) reads it: over AT-SPI (part of issue 19).
//!
//! The test starts its own X server (Xvfb), D-Bus session bus and AT-SPI bus
//! (at-spi-bus-launcher, at-spi2-registryd), switches assistive technology on as Orca does, starts
//! `reflexmap` and runs `tests/atspi/reflexmap_atspi.py` (pyatspi, Debian's `/usr/bin/python3`),
//! which walks the app's tree, presses keys with xdotool and buttons with AT-SPI actions, and
//! prints what it found as JSON. The checks are here.
//!
//! Why switch on before the app starts: accesskit_unix 0.24 exports nothing until the session
//! bus's `org.a11y.Bus` object says `org.a11y.Status.IsEnabled` is true (it watches only that
//! property, and `AT_SPI_BUS_ADDRESS`; not `ScreenReaderEnabled`, `GTK_MODULES` or
//! `NO_AT_BRIDGE`). The launcher keeps the property in GSettings, here the memory backend, so
//! nothing is written outside the test's temporary home.
//!
//! Ignored in a plain `cargo test` (it needs those system components); `.ci/run` installs them
//! and runs it. `REFLEXMAP_ATSPI_DUMP=<file>` writes the trees it saw (Explore, Plan, Study).

// Why Linux only: AT-SPI is the Linux accessibility bus (and the file uses Unix process groups).
#![cfg(target_os = "linux")]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde::Deserialize;

const PYTHON: &str = "/usr/bin/python3";
const BUS_LAUNCHER: &str = "/usr/libexec/at-spi-bus-launcher";
const REGISTRYD: &str = "/usr/libexec/at-spi2-registryd";
const SCRIPT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/atspi/reflexmap_atspi.py"
);
const APT: &str = "apt-get install --no-install-recommends xvfb xdotool dbus-daemon \
                   dbus-session-bus-common at-spi2-core python3-pyatspi libxcursor1 \
                   libxkbcommon-x11-0 (or run .ci/run as root)";
const MAP: &str = "Foot chart — plantar view, both feet";
/// The zones checked on the map: (zone, foot).
const ZONES: [(&str, &str); 3] = [
    ("Solar plexus", "left"),
    ("Solar plexus", "right"),
    ("Liver", "right"),
];
const BUTTONS: [&str; 3] = ["push button", "toggle button", "button"];

// --- What the script reports --------------------------------------------------------------

#[derive(Deserialize, Debug, Clone, Default)]
struct Node {
    role: String,
    name: String,
    /// x, y, width, height in screen coordinates; `None` without a Component interface.
    extents: Option<[i64; 4]>,
    #[serde(default)]
    states: Vec<String>,
    /// "role:name" of each ancestor up to the frame, nearest first (focused nodes only).
    #[serde(default)]
    ancestors: Vec<String>,
    /// What a screen reader says after the name.
    #[serde(default)]
    description: String,
}

impl Node {
    fn show(&self) -> String {
        let ext = self
            .extents
            .map_or(String::new(), |[x, y, w, h]| format!(" ({x},{y} {w}x{h})"));
        let states = if self.states.is_empty() {
            String::new()
        } else {
            format!(" [{}]", self.states.join(", "))
        };
        format!("{} {:?}{ext}{states}", self.role, self.name)
    }

    fn is_button(&self) -> bool {
        BUTTONS.contains(&self.role.as_str())
    }

    /// A zone node: a button inside the map group.
    fn is_zone(&self) -> bool {
        self.is_button()
            && self
                .ancestors
                .iter()
                .any(|a| a.ends_with(&format!(":{MAP}")))
    }
}

fn show(node: &Option<Node>) -> String {
    node.as_ref().map_or("nothing".into(), Node::show)
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct Explore {
    tree: Vec<String>,
    map_groups: Vec<Node>,
    map_descendants: Vec<Node>,
    map_siblings: Vec<Node>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct Keys {
    before: Option<Node>,
    after_ctrl_m: Option<Node>,
    after_tabs: Vec<Option<Node>>,
    escape_setup: String,
    before_escape: Option<Node>,
    after_escape: Option<Node>,
    during_escape: Vec<String>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct Mode {
    button: BTreeMap<String, serde_json::Value>,
    wait: Option<String>,
    answers: Vec<Node>,
    tree: Vec<String>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct Report {
    error: Option<String>,
    app: Node,
    frame: Node,
    explore: Explore,
    keys: Keys,
    plan: Mode,
    study: Mode,
    label: Label,
}

/// Study's labelling board, started over AT-SPI.
#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct Label {
    kind: BTreeMap<String, serde_json::Value>,
    start: BTreeMap<String, serde_json::Value>,
    wait: Option<String>,
    rows: Vec<Node>,
    tree: Vec<String>,
}

// --- The session: X, D-Bus, AT-SPI and the app, killed on drop ----------------------------

/// A child in its own process group, so that what it starts (the launcher's bus daemon and
/// registry) goes with it.
struct Proc {
    what: &'static str,
    child: Child,
    log: PathBuf,
}

struct Session {
    dir: tempfile::TempDir,
    display: String,
    bus: String,
    procs: Vec<Proc>,
    /// Logs of the processes that finished (the script's runs), for a failure message.
    finished: Vec<(&'static str, PathBuf)>,
}

impl Drop for Session {
    fn drop(&mut self) {
        // The app first, the X server last.
        for p in self.procs.iter_mut().rev() {
            let pgid = p.child.id() as libc::pid_t;
            // Why only while it runs: a reaped leader's id may be reused. The launcher takes
            // its bus daemon and the registry with it when it gets SIGTERM.
            let signal = |p: &mut Proc, sig| {
                if matches!(p.child.try_wait(), Ok(None)) {
                    // SAFETY: kill(2) with a negative pid signals that process group: this
                    // child's own (process_group(0)), whose leader is alive and not reaped.
                    unsafe { libc::kill(-pgid, sig) };
                }
            };
            signal(p, libc::SIGTERM);
            let deadline = Instant::now() + Duration::from_secs(3);
            while matches!(p.child.try_wait(), Ok(None)) && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(20));
            }
            signal(p, libc::SIGKILL);
            let _ = p.child.wait();
        }
    }
}

impl Session {
    /// The environment of every child: the test's display, bus and temporary home; nothing of
    /// a desktop session the test might run inside.
    fn command(&self, program: &str) -> Command {
        let mut c = Command::new(program);
        let home = self.dir.path();
        for var in [
            "WAYLAND_DISPLAY",
            "AT_SPI_BUS_ADDRESS",
            "XAUTHORITY",
            "SESSION_MANAGER",
            "PYTHONPATH",
            "PYTHONHOME",
            "XDG_SESSION_TYPE",
        ] {
            c.env_remove(var);
        }
        c.env("DISPLAY", &self.display)
            .env("DBUS_SESSION_BUS_ADDRESS", &self.bus)
            .env("HOME", home)
            .env("XDG_RUNTIME_DIR", home.join("run"))
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env("XDG_CACHE_HOME", home.join(".cache"))
            .env("XDG_STATE_HOME", home.join(".local/state"))
            .env("GSETTINGS_BACKEND", "memory")
            .env("WINIT_UNIX_BACKEND", "x11")
            .env("LC_ALL", "C.UTF-8")
            .stdin(Stdio::null())
            .process_group(0);
        c
    }

    fn log(&self, what: &str) -> PathBuf {
        self.dir.path().join(format!("{what}.log"))
    }

    /// Spawn `c` with stderr (and stdout unless piped) to `<what>.log`.
    fn spawn(&mut self, what: &'static str, mut c: Command, piped: bool) -> &mut Proc {
        let log = self.log(what);
        let file = File::create(&log).expect("log file");
        c.stderr(file.try_clone().expect("log file"));
        c.stdout(if piped { Stdio::piped() } else { file.into() });
        let child = c
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {what}: {e}"));
        self.procs.push(Proc { what, child, log });
        self.procs.last_mut().expect("just pushed")
    }

    /// The last lines of every log, for a failure message.
    fn logs(&self) -> String {
        let mut s = String::new();
        let logs = self.finished.iter().map(|(w, l)| (*w, l));
        for (what, log) in logs.chain(self.procs.iter().map(|p| (p.what, &p.log))) {
            let text = std::fs::read_to_string(log).unwrap_or_default();
            let lines: Vec<&str> = text.lines().collect();
            let tail = &lines[lines.len().saturating_sub(15)..];
            if !tail.is_empty() {
                let _ = writeln!(s, "--- {what} ({}):\n{}", log.display(), tail.join("\n"));
            }
        }
        s
    }

    /// Fail with `msg` and the logs.
    fn fail(&self, msg: impl std::fmt::Display) -> ! {
        panic!("{msg}\n{}", self.logs())
    }

    fn check_alive(&mut self) {
        for p in &mut self.procs {
            if let Ok(Some(status)) = p.child.try_wait() {
                let what = p.what;
                self.fail(format!("{what} exited early ({status})"));
            }
        }
    }

    /// Start X, the session bus and the AT-SPI bus, with assistive technology on.
    fn start() -> Session {
        let dir = tempfile::tempdir().expect("temp dir");
        for sub in ["run", ".config", ".local/share", ".cache", ".local/state"] {
            std::fs::create_dir_all(dir.path().join(sub)).expect("home dirs");
        }
        // Why 0700: the runtime dir is refused (and the AT-SPI socket put elsewhere) otherwise.
        std::fs::set_permissions(
            dir.path().join("run"),
            std::os::unix::fs::PermissionsExt::from_mode(0o700),
        )
        .expect("chmod run");
        let mut s = Session {
            dir,
            display: String::new(),
            bus: String::new(),
            procs: Vec::new(),
            finished: Vec::new(),
        };
        s.start_x();
        let mut c = s.command("dbus-daemon");
        c.args(["--session", "--nofork", "--nopidfile", "--print-address=1"])
            .arg(format!(
                "--address=unix:path={}",
                s.dir.path().join("session_bus").display()
            ));
        let p = s.spawn("dbus-daemon", c, true);
        s.bus = first_line(p, Duration::from_secs(10))
            .unwrap_or_else(|| panic!("dbus-daemon printed no address"));
        let mut c = s.command(BUS_LAUNCHER);
        c.arg("--launch-immediately");
        s.spawn("at-spi-bus-launcher", c, false);
        let enabled = s.python("enable", Duration::from_secs(30));
        let enabled: serde_json::Value = serde_json::from_str(&enabled)
            .unwrap_or_else(|e| s.fail(format!("enable printed no JSON ({e}): {enabled}")));
        if let Some(e) = enabled.get("error") {
            s.fail(format!("switching assistive technology on: {e}"));
        }
        if enabled["is_enabled"] != true {
            s.fail(format!("org.a11y.Status IsEnabled is still off: {enabled}"));
        }
        let address = enabled["address"].as_str().unwrap_or_default().to_owned();
        let mut c = s.command(REGISTRYD);
        c.env("AT_SPI_BUS_ADDRESS", address);
        s.spawn("at-spi2-registryd", c, false);
        s
    }

    /// Xvfb on a free display from :100 on; `-displayfd` says when it accepts clients.
    fn start_x(&mut self) {
        let first = 100 + std::process::id() % 90;
        for n in (first..190).chain(100..first) {
            if Path::new(&format!("/tmp/.X{n}-lock")).exists()
                || Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
            {
                continue;
            }
            let mut c = self.command("Xvfb");
            c.arg(format!(":{n}"))
                .args(["-screen", "0", "1366x768x24", "-nolisten", "tcp"])
                .args(["-noreset", "-displayfd", "1"]);
            let p = self.spawn("Xvfb", c, true);
            if first_line(p, Duration::from_secs(15)).is_some() {
                self.display = format!(":{n}");
                return;
            }
            // Taken meanwhile, or a server that does not start: try the next one.
            let mut p = self.procs.pop().expect("just pushed");
            let _ = p.child.kill();
            let _ = p.child.wait();
        }
        panic!("no free X display in :100–:189");
    }

    /// Run the script with `arg` under a deadline; its stdout. Fails if the app has exited.
    fn python(&mut self, arg: &str, limit: Duration) -> String {
        let mut c = self.command(PYTHON);
        c.arg(SCRIPT).arg(arg);
        if let Some(app) = self.procs.iter().find(|p| p.what == "reflexmap") {
            c.env("REFLEXMAP_APP_PID", app.child.id().to_string());
        }
        let what = if arg == "enable" {
            "python enable"
        } else {
            "python observe"
        };
        let log = self.log(what);
        c.stderr(File::create(&log).expect("log file"))
            .stdout(Stdio::piped());
        let mut child = c
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {PYTHON}: {e}"));
        let mut stdout = child.stdout.take().expect("piped");
        let reader = std::thread::spawn(move || {
            let mut s = String::new();
            let _ = stdout.read_to_string(&mut s);
            s
        });
        // Kept in the session so that a panic below still kills it.
        self.procs.push(Proc { what, child, log });
        let deadline = Instant::now() + limit;
        loop {
            let i = self.procs.len() - 1;
            if let Ok(Some(_)) = self.procs[i].child.try_wait() {
                break;
            }
            if Instant::now() > deadline {
                self.fail(format!("{what} took longer than {limit:?}"));
            }
            let app_exited = self
                .procs
                .iter_mut()
                .filter(|p| p.what == "reflexmap")
                .any(|p| matches!(p.child.try_wait(), Ok(Some(_))));
            if app_exited {
                self.fail("reflexmap exited while the screen reader was reading it");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        // Done: out of the list whose liveness is checked, its log kept for a failure.
        let p = self.procs.pop().expect("the script");
        self.finished.push((p.what, p.log));
        reader.join().expect("stdout reader")
    }
}

/// The first line `p` prints on its piped stdout within `limit`; `None` if it exits or is
/// silent. The rest of its output is drained so it never blocks on a full pipe.
fn first_line(p: &mut Proc, limit: Duration) -> Option<String> {
    let stdout = p.child.stdout.take()?;
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut lines = BufReader::new(stdout).lines();
        if let Some(Ok(line)) = lines.next() {
            let _ = tx.send(line.trim().to_owned());
        }
        for _ in lines {}
    });
    rx.recv_timeout(limit).ok().filter(|l| !l.is_empty())
}

/// Everything the test needs that a machine may lack, in words and as packages.
fn missing_components() -> Vec<String> {
    let mut missing = Vec::new();
    let on_path = |program: &str| {
        std::env::var_os("PATH")
            .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
    };
    for (program, package) in [
        ("Xvfb", "xvfb"),
        ("xdotool", "xdotool"),
        ("dbus-daemon", "dbus-daemon"),
    ] {
        if !on_path(program) {
            missing.push(format!("{program} (Debian package {package})"));
        }
    }
    if !Path::new("/usr/share/dbus-1/session.conf").exists() {
        missing.push(
            "the session bus configuration /usr/share/dbus-1/session.conf \
             (dbus-session-bus-common)"
                .into(),
        );
    }
    for program in [BUS_LAUNCHER, REGISTRYD] {
        if !Path::new(program).exists() {
            missing.push(format!("{program} (at-spi2-core)"));
        }
    }
    if !Path::new(PYTHON).exists() {
        missing.push(format!("{PYTHON} (python3)"));
    } else {
        let ok = Command::new(PYTHON)
            .args(["-c", "import pyatspi, gi.repository.Gio"])
            .env_remove("PYTHONPATH")
            .env_remove("PYTHONHOME")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            missing.push(format!("pyatspi for {PYTHON} (python3-pyatspi)"));
        }
    }
    missing
}

// --- The checks -----------------------------------------------------------------------------

/// Passed and failed checks, reported together so one run says everything.
#[derive(Default)]
struct Checks {
    passed: Vec<String>,
    failed: Vec<String>,
}

impl Checks {
    fn check(&mut self, ok: bool, what: impl Into<String>) {
        let what = what.into();
        if ok {
            self.passed.push(what);
        } else {
            self.failed.push(what);
        }
    }
}

fn inside(inner: [i64; 4], outer: [i64; 4]) -> bool {
    // Why a pixel of slack: extents are rounded from egui's points.
    let [x, y, w, h] = inner;
    let [ox, oy, ow, oh] = outer;
    x >= ox - 1 && y >= oy - 1 && x + w <= ox + ow + 1 && y + h <= oy + oh + 1
}

fn check_frame(c: &mut Checks, r: &Report) {
    c.check(
        r.frame.role == "frame" && !r.frame.name.is_empty() && r.frame.name.contains("reflexmap"),
        format!(
            "a. the application's window is a frame named after the app: {} (application {:?})",
            r.frame.show(),
            r.app.name
        ),
    );
}

fn check_map(c: &mut Checks, r: &Report) {
    let e = &r.explore;
    let group = e.map_groups.first();
    c.check(
        group.is_some_and(|g| ["panel", "grouping"].contains(&g.role.as_str())),
        format!(
            "b. a panel or grouping named {MAP:?}: {}",
            group.map_or("none".into(), Node::show)
        ),
    );
    let Some(group) = group else { return };
    let mut found: Vec<Option<&Node>> = Vec::new();
    for (zone, foot) in ZONES {
        let name = format!("{zone} — {foot} foot");
        let node = e
            .map_descendants
            .iter()
            .find(|n| n.is_button() && n.name == name);
        let ok = node.is_some_and(|n| {
            n.extents.is_some_and(|ext| {
                ext[2] > 10 && ext[3] > 10 && group.extents.is_some_and(|g| inside(ext, g))
            })
        });
        let seen = match node {
            Some(n) => n.show(),
            None => {
                // Where a node of that zone is instead, to say what changed.
                let near: Vec<String> = e
                    .map_descendants
                    .iter()
                    .chain(&e.map_siblings)
                    .filter(|n| n.name.starts_with(zone))
                    .map(|n| {
                        let place = if e.map_siblings.iter().any(|s| std::ptr::eq(s, n)) {
                            "beside the group"
                        } else {
                            "in the group"
                        };
                        format!("{} {place}", n.show())
                    })
                    .collect();
                format!("not in the group; nodes named like it: {near:?}")
            }
        };
        c.check(
            ok,
            format!(
                "b. zone {name:?} is a button in the map group, larger than 10×10 px, inside \
                 the group's extents {:?}: {seen}",
                group.extents
            ),
        );
        found.push(node);
    }
    if let [Some(left), Some(right), ..] = found[..] {
        c.check(
            left.extents != right.extents,
            format!(
                "b. the left and right foot's Solar plexus are in different places: {} / {}",
                left.show(),
                right.show()
            ),
        );
    } else {
        c.check(
            false,
            "b. the left and right foot's Solar plexus: not both found",
        );
    }
}

fn check_keys(c: &mut Checks, r: &Report) {
    let k = &r.keys;
    let start = k.after_ctrl_m.as_ref();
    c.check(
        start.is_some_and(Node::is_zone),
        format!(
            "c. Ctrl+M puts the keyboard on a zone of the map: focus was on {}, after Ctrl+M on \
             {} (ancestors {:?})",
            show(&k.before),
            show(&k.after_ctrl_m),
            start.map(|n| &n.ancestors)
        ),
    );
    let next = k
        .after_tabs
        .iter()
        .flatten()
        .find(|n| n.is_zone() && start.is_some_and(|s| s.name != n.name));
    c.check(
        start.is_some_and(Node::is_zone) && next.is_some(),
        format!(
            "c. then Tab reaches another zone within 3 presses: {:?}",
            k.after_tabs.iter().map(show).collect::<Vec<_>>()
        ),
    );
    let kept = match (&k.before_escape, &k.after_escape) {
        (Some(b), Some(a)) => {
            b.is_button()
                && (a.role.as_str(), a.name.as_str()) == (b.role.as_str(), b.name.as_str())
                && k.during_escape.len() == 1
        }
        _ => false,
    };
    c.check(
        kept,
        format!(
            "d. Escape keeps the keyboard on the zone (reached by {}): before {}, after {}, \
             seen during the second after: {:?}",
            k.escape_setup,
            show(&k.before_escape),
            show(&k.after_escape),
            k.during_escape
        ),
    );
}

fn check_plan(c: &mut Checks, r: &Report) {
    let p = &r.plan;
    let yes: Vec<&Node> = p
        .answers
        .iter()
        .filter(|n| n.name.starts_with("Yes: "))
        .collect();
    let no: Vec<&Node> = p
        .answers
        .iter()
        .filter(|n| n.name.starts_with("No: "))
        .collect();
    let short: Vec<&str> = p
        .answers
        .iter()
        .filter(|n| {
            let prefix = if n.name.starts_with("Yes: ") { 5 } else { 4 };
            n.name.chars().count() <= prefix + 10
        })
        .map(|n| n.name.as_str())
        .collect();
    c.check(
        p.button.get("done") == Some(&serde_json::Value::Bool(true))
            && yes.len() >= 20
            && no.len() >= 20
            && short.is_empty()
            && p.answers.iter().all(Node::is_button),
        format!(
            "e. Plan (its AT-SPI action {:?}) shows at least 20 \"Yes: <question>\" and 20 \
             \"No: <question>\" buttons: {} yes, {} no, names too short: {short:?}, e.g. {}{}",
            p.button.get("actions"),
            yes.len(),
            no.len(),
            yes.first().map_or("none".into(), |n| n.show()),
            p.wait.as_ref().map_or(String::new(), |w| format!(" ({w})"))
        ),
    );
}

fn check_label(c: &mut Checks, r: &Report) {
    let l = &r.label;
    let pressed = |m: &BTreeMap<String, serde_json::Value>| {
        m.get("done") == Some(&serde_json::Value::Bool(true))
    };
    // The rows say where each area is ("… of the right foot (plantar view), in the heel …").
    let described = l
        .rows
        .iter()
        .filter(|n| n.description.contains(" foot"))
        .count();
    // The board's drawing has no zone nodes: they would name the answers.
    let named_on_map = l
        .tree
        .iter()
        .filter(|line| line.contains(" — left foot'") || line.contains(" — right foot'"))
        .count();
    c.check(
        pressed(&l.kind)
            && pressed(&l.start)
            && l.rows.len() >= 3
            && l.rows.iter().all(Node::is_button)
            && described == l.rows.len()
            && named_on_map == 0,
        format!(
            "f. Label the chart, started over AT-SPI, lists \"Put the picked name on area N\" \
             buttons, each described in words: {} rows, {described} described, {named_on_map} \
             zone nodes on the drawing, e.g. {} — {:?}{}",
            l.rows.len(),
            l.rows.first().map_or("none".into(), |n| n.show()),
            l.rows.first().map_or("", |n| n.description.as_str()),
            l.wait.as_ref().map_or(String::new(), |w| format!(" ({w})"))
        ),
    );
}

#[test]
#[ignore = "needs an AT-SPI bus: .ci/run installs one"]
fn a_screen_reader_finds_the_window_the_map_its_zones_and_the_screening_answers() {
    let missing = missing_components();
    assert!(
        missing.is_empty(),
        "this test needs an X server, D-Bus and AT-SPI; missing: {}.\nOn Debian: {APT}",
        missing.join("; ")
    );
    let began = Instant::now();
    let mut s = Session::start();
    let app = s.command(env!("CARGO_BIN_EXE_reflexmap"));
    s.spawn("reflexmap", app, false);
    s.check_alive();
    let stdout = s.python("observe", Duration::from_secs(100));
    let report: Report = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| s.fail(format!("the script printed no report ({e}): {stdout}")));
    if let Some(e) = &report.error {
        s.fail(format!("the screen reader found no app to read: {e}"));
    }
    if let Some(path) = std::env::var_os("REFLEXMAP_ATSPI_DUMP") {
        let mut dump = String::new();
        for (mode, tree) in [
            ("Explore", &report.explore.tree),
            ("Plan", &report.plan.tree),
            ("Study", &report.study.tree),
            ("Label the chart", &report.label.tree),
        ] {
            let _ = writeln!(dump, "== {mode} ==\n{}\n", tree.join("\n"));
        }
        std::fs::write(&path, dump).expect("REFLEXMAP_ATSPI_DUMP");
    }

    let mut c = Checks::default();
    check_frame(&mut c, &report);
    check_map(&mut c, &report);
    check_keys(&mut c, &report);
    check_plan(&mut c, &report);
    check_label(&mut c, &report);
    let elapsed = began.elapsed();
    eprintln!(
        "AT-SPI: application {:?} (pid {}), {} nodes in Explore, {:.1} s\npassed:\n  {}\nfailed:\n  {}\n\
         Explore (first 40 lines):\n{}",
        report.app.name,
        s.procs
            .iter()
            .find(|p| p.what == "reflexmap")
            .map_or(0, |p| p.child.id()),
        report.explore.tree.len(),
        elapsed.as_secs_f64(),
        c.passed.join("\n  "),
        c.failed.join("\n  "),
        report.explore.tree[..report.explore.tree.len().min(40)].join("\n"),
    );
    assert!(
        c.failed.is_empty(),
        "{} of {} checks failed:\n  {}",
        c.failed.len(),
        c.failed.len() + c.passed.len(),
        c.failed.join("\n  ")
    );
}
