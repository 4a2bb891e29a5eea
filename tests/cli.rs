//! The command line run as a process: `validate`, `render`, `zone`.

mod common;

use common::{reflexmap, stderr, stdout};

use std::path::{Path, PathBuf};

const STANDARD: &str = include_str!("../maps/standard.ron");

fn standard_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("maps/standard.ron")
}

/// 1-based line and column of the `n`th occurrence of `needle` in `text`.
fn line_col(text: &str, needle: &str, n: usize) -> (usize, usize) {
    let (offset, _) = text.match_indices(needle).nth(n).expect("needle present");
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[test]
fn validate_accepts_the_standard_chart_and_the_library() {
    let o = reflexmap(&["validate", standard_path().to_str().expect("utf-8 path")]);
    assert!(
        o.status.success(),
        "{}{}",
        stdout(&o),
        String::from_utf8_lossy(&o.stderr)
    );
    let out = stdout(&o);
    assert!(
        out.contains("ok, chart \"") && out.contains("zones on 4 views"),
        "{out}"
    );
    let lib = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/library");
    for f in [
        "techniques.ron",
        "evidence.ron",
        "screening.ron",
        "templates.ron",
        "aftercare.ron",
    ] {
        let o = reflexmap(&["validate", lib.join(f).to_str().expect("utf-8 path")]);
        assert!(o.status.success(), "{f}: {}", stdout(&o));
    }
}

/// A broken variant of the standard chart, and the problem it must produce.
struct Broken {
    name: &'static str,
    text: String,
    /// Expected `line:col` (None: only the file name and a message are checked).
    at: Option<(usize, usize)>,
    message: &'static str,
}

fn broken_files() -> Vec<Broken> {
    let mut v = Vec::new();
    // 1. Syntax error: a stray token after the name.
    let t = STANDARD.replacen("name: \"", "name: ?? \"", 1);
    let at = line_col(&t, "??", 0);
    v.push(Broken {
        name: "syntax.ron",
        text: t,
        at: Some(at),
        message: "",
    });
    // 2. Duplicate zone id: the knee takes the kidney's id.
    let t = STANDARD.replacen("id: \"knee\"", "id: \"kidney\"", 1);
    let at = line_col(&t, "id: \"kidney\"", 1);
    v.push(Broken {
        name: "duplicate.ron",
        text: t,
        at: Some(at),
        message: "duplicate zone id \"kidney\"",
    });
    // 3. Unknown technique reference.
    let t = STANDARD.replacen("\"rotation_on_point\"", "\"thumbwalk\"", 1);
    let at = line_col(&t, "\"thumbwalk\"", 0);
    v.push(Broken {
        name: "unknown_technique.ron",
        text: t,
        at: Some(at),
        message: "unknown technique \"thumbwalk\"",
    });
    // 4. Unknown evidence claim.
    let t = STANDARD.replacen("\"C11\"", "\"C99\"", 1);
    let at = line_col(&t, "\"C99\"", 0);
    v.push(Broken {
        name: "unknown_claim.ron",
        text: t,
        at: Some(at),
        message: "unknown evidence claim \"C99\"",
    });
    // 5. A shape far outside the outline: move the first ellipse centre off the foot.
    let idx = STANDARD.find("Ellipse(").expect("an ellipse");
    let center = idx + STANDARD[idx..].find("center:").expect("center");
    let open = center + STANDARD[center..].find('(').expect("(");
    let close = open + STANDARD[open..].find(')').expect(")");
    let t = format!("{}(3.5, 0.5){}", &STANDARD[..open], &STANDARD[close + 1..]);
    let at = line_col(&t[..idx], "geom", t[..idx].matches("geom").count() - 1);
    v.push(Broken {
        name: "outside.ron",
        text: t,
        at: Some(at),
        message: "lies outside",
    });
    // 6. A self-intersecting polygon (a bow tie) replacing the first ellipse.
    let size_close = close + 1 + STANDARD[close + 1..].find(')').expect("end of size");
    let end = size_close
        + 1
        + STANDARD[size_close + 1..]
            .find(')')
            .expect("end of ellipse");
    let t = format!(
        "{}Polygon(points: [(0.2, 0.4), (0.4, 0.5), (0.4, 0.4), (0.2, 0.5)]){}",
        &STANDARD[..idx],
        &STANDARD[end + 1..]
    );
    v.push(Broken {
        name: "bow_tie.ron",
        text: t,
        at: None,
        message: "self-intersecting",
    });
    // 7. A view with no outline.
    let o = STANDARD.find("outline:").expect("outline");
    let ob = o + STANDARD[o..].find('[').expect("[");
    let oe = ob + STANDARD[ob..].find(']').expect("]");
    let t = format!("{}[]{}", &STANDARD[..ob], &STANDARD[oe + 1..]);
    v.push(Broken {
        name: "no_outline.ron",
        text: t,
        at: None,
        message: "has no outline",
    });
    // 8. Empty file, invalid UTF-8 (written separately), and NaN coordinates.
    v.push(Broken {
        name: "empty.ron",
        text: String::new(),
        at: Some((1, 1)),
        message: "file is empty",
    });
    let t = format!("{}(NaN, 0.5){}", &STANDARD[..open], &STANDARD[close + 1..]);
    v.push(Broken {
        name: "nan.ron",
        text: t,
        at: None,
        message: "finite",
    });
    v
}

#[test]
fn validate_reports_each_broken_file_with_its_position() {
    let dir = tempfile::tempdir().expect("temp dir");
    for b in broken_files() {
        let path = dir.path().join(b.name);
        std::fs::write(&path, &b.text).expect("write");
        let o = reflexmap(&["validate", path.to_str().expect("utf-8 path")]);
        let out = stdout(&o);
        assert_eq!(o.status.code(), Some(1), "{}: {out}", b.name);
        let first = out
            .lines()
            .find(|l| l.contains(b.message))
            .unwrap_or_else(|| panic!("{}: no line with {:?} in\n{out}", b.name, b.message));
        let prefix = format!("{}:", path.display());
        assert!(first.starts_with(&prefix), "{}: {first}", b.name);
        let rest: Vec<&str> = first[prefix.len()..].splitn(3, ':').collect();
        let (line, col): (usize, usize) = (
            rest[0].parse().expect("line"),
            rest[1].parse().expect("col"),
        );
        if let Some(at) = b.at {
            assert_eq!((line, col), at, "{}: {first}", b.name);
        }
    }
}

#[test]
fn validate_never_panics_on_garbage_bytes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "invalid_utf8.ron",
            b"(version: 1, name: \"\xff\xfe\")".to_vec(),
        ),
        ("deep.ron", "[".repeat(100_000).into_bytes()),
        (
            "huge_number.ron",
            b"(version: 99999999999999999999999, name: \"x\", views: [], zones: [])".to_vec(),
        ),
        ("binary.ron", (0u8..=255).cycle().take(4096).collect()),
    ];
    for (name, bytes) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        let o = reflexmap(&["validate", path.to_str().expect("utf-8 path")]);
        assert_eq!(o.status.code(), Some(1), "{name}: {}", stdout(&o));
        assert!(
            stdout(&o).starts_with(&format!("{}:", path.display())),
            "{name}: {}",
            stdout(&o)
        );
        assert!(
            o.stderr.is_empty() || !String::from_utf8_lossy(&o.stderr).contains("panicked"),
            "{name} panicked"
        );
    }
    let o = reflexmap(&["validate", "/nonexistent/chart.ron"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("/nonexistent/chart.ron:1:1: cannot read file"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn render_svg_names_every_zone_group() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("plantar.svg");
    let o = reflexmap(&[
        "render",
        "--view",
        "plantar",
        "--foot",
        "both",
        "--highlight",
        "solar_plexus",
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let svg = std::fs::read_to_string(&out).expect("svg written");
    assert!(svg.starts_with("<svg"));
    assert!(svg.contains(r#"<g id="zone-solar_plexus" class="zone">"#));
    assert!(svg.contains("<title>Solar plexus</title>"));
    // Right-foot-only zones show with both feet; the knee (lateral view only) does not.
    assert!(svg.contains(r#"id="zone-liver""#));
    assert!(!svg.contains(r#"id="zone-knee""#));
    // And the lateral view of the left foot has the knee but no liver.
    let out2 = dir.path().join("lateral.svg");
    let o = reflexmap(&[
        "render",
        "--view",
        "lateral",
        "--foot",
        "left",
        "-o",
        out2.to_str().expect("utf-8"),
    ]);
    assert!(o.status.success());
    let svg = std::fs::read_to_string(&out2).expect("svg written");
    assert!(svg.contains(r#"id="zone-knee""#));
}

#[test]
fn render_png_writes_a_png_and_rejects_bad_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("medial.png");
    let o = reflexmap(&[
        "render",
        "--view",
        "medial",
        "--foot",
        "right",
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let bytes = std::fs::read(&out).expect("png written");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    assert!(bytes.len() > 10_000, "a real picture, not an empty canvas");

    let o = reflexmap(&[
        "render",
        "--highlight",
        "no_such_zone",
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown zone \"no_such_zone\""));
    let o = reflexmap(&[
        "render",
        "-o",
        dir.path().join("x.gif").to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn zone_prints_full_detail_and_list() {
    let o = reflexmap(&["zone", "--list"]);
    assert!(o.status.success());
    let list = stdout(&o);
    assert!(list.lines().count() >= 45);
    assert!(list.lines().any(|l| l.starts_with("solar_plexus ")));
    let o = reflexmap(&["zone", "adrenal"]);
    assert!(o.status.success());
    let text = stdout(&o);
    for needle in [
        "Adrenal",
        "Tradition",
        "Techniques",
        "Pressure:",
        "What the evidence says",
        "(C11)",
        "doi.org",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in\n{text}");
    }
    let graded = reflexmap::model::Grade::ALL
        .iter()
        .any(|g| text.contains(&format!("[{}]", g.label())));
    assert!(graded, "every caveat shows its grade:\n{text}");
    let o = reflexmap(&["zone", "nope"]);
    assert_eq!(o.status.code(), Some(1));
}

/// A reader that stops early (`reflexmap zone --list | head -1`) ends the command quietly,
/// without a panic.
#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_the_command_without_a_panic() {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_reflexmap"))
        .args(["zone", "--list"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    // Why at once: the reader is gone before the command prints its first line (it loads the
    // chart first), so that print meets a closed pipe.
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("it ends");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_ne!(out.status.code(), Some(101), "no panic exit");
}

#[test]
fn the_hand_chart_renders_validates_and_lists_its_zones_with_hand_words() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("palm.svg");
    let o = reflexmap(&[
        "render",
        "--chart",
        "hands",
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let svg = std::fs::read_to_string(&out).expect("svg written");
    assert!(svg.contains("<title>Traditional hand chart — palm view, both hands</title>"));
    assert!(svg.contains(">Left hand</text>") && svg.contains(">Right hand</text>"));
    assert!(svg.contains(r#"id="zone-solar_plexus""#));
    // Smooth art: outlines and zones are written as curves, never as straight segments.
    assert!(svg.contains(" C"), "curves in the path data");
    assert!(!svg.contains(" L"), "no polyline segments");
    // The back of the hand; a view the hands do not have is refused, naming theirs.
    let back = dir.path().join("back.svg");
    let o = reflexmap(&[
        "render",
        "--chart",
        "hands",
        "--view",
        "dorsal",
        "--foot",
        "left",
        "-o",
        back.to_str().expect("utf-8"),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let bad = dir.path().join("bad.svg");
    let o = reflexmap(&[
        "render",
        "--chart",
        "hands",
        "--view",
        "medial",
        "-o",
        bad.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("has no medial view (it has: palmar, dorsal)"));
    assert!(!bad.exists());
    // The zone text speaks of hands.
    let o = reflexmap(&["zone", "--chart", "hands", "liver"]);
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(text.contains("Right hand · views: Palm"), "{text}");
    assert!(text.contains("Cautions for at-risk hands"), "{text}");
    assert!(
        text.contains("At-risk hands:") && text.contains("On the hand:"),
        "{text}"
    );
    assert!(!text.contains("At-risk feet"), "{text}");
    // And the file passes the checker.
    let o = reflexmap(&["validate", "maps/hands.ron"]);
    assert!(o.status.success(), "{}", stdout(&o));
    assert!(stdout(&o).contains("chart \"Traditional hand chart\" with"));
}
