//! Every committed fuzz input (the seeds and the minimized crashers in `tests/fuzz/seeds` and
//! `tests/fuzz/regressions`) replayed through the fuzz targets' own bodies, plus the hostile inputs
//! the loaders must refuse with a clear, located error: deep nesting, huge numbers, NaN
//! coordinates, empty and enormous files, invalid UTF-8, polygons with too many points.

#[path = "fuzz/src/lib.rs"]
mod fuzz_bodies;

use std::path::{Path, PathBuf};

use fuzz_bodies::{VALIDATE_NAMES, check_problems};
use reflexmap::load::{
    self, MAX_FILE_BYTES, MAX_POINTS, Problems, STANDARD_CHART, SourceText, embedded_content,
};
use reflexmap::plan;

/// A fuzz target's body.
type Body = fn(&[u8]);

const TARGETS: [(&str, Body); 3] = [
    ("chart", fuzz_bodies::chart),
    ("plan", fuzz_bodies::plan),
    ("validate", fuzz_bodies::validate),
];

fn inputs(kind: &str, target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fuzz")
        .join(kind)
        .join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries.map(|e| e.expect("entry").path()).collect();
    files.sort();
    files
}

#[test]
fn every_committed_seed_and_crasher_runs_clean() {
    for (target, body) in TARGETS {
        let seeds = inputs("seeds", target);
        assert!(
            seeds.len() >= 3,
            "tests/fuzz/seeds/{target} has {} files",
            seeds.len()
        );
        for path in seeds.iter().chain(&inputs("regressions", target)) {
            let data = std::fs::read(path).expect("read");
            let outcome = std::panic::catch_unwind(|| body(&data));
            assert!(outcome.is_ok(), "{target}: {} panicked", path.display());
        }
    }
}

#[test]
fn the_seeds_include_files_that_load_and_files_that_do_not() {
    // Why: a corpus of only broken files would never reach validation or geometry.
    let content = embedded_content().expect("content");
    let (mut ok, mut refused) = (0, 0);
    for path in inputs("seeds", "validate") {
        let data = std::fs::read(&path).expect("read");
        let (first, bytes) = data.split_first().expect("a name byte");
        let name = VALIDATE_NAMES[usize::from(*first) % VALIDATE_NAMES.len()];
        let text = String::from_utf8_lossy(bytes);
        match reflexmap::cli::validate_source(&SourceText { name, text: &text }, &content) {
            Ok(_) => ok += 1,
            Err(_) => refused += 1,
        }
    }
    assert!(ok >= 3 && refused >= 3, "{ok} load, {refused} refused");
}

fn chart_error(text: &str) -> Problems {
    let name = "hostile.ron";
    let problems = load::load_chart(&SourceText { name, text }).expect_err("refused");
    check_problems(name, Some(text), &problems);
    problems
}

fn plan_error(text: &str) -> Problems {
    let name = "hostile.plan.ron";
    let content = embedded_content().expect("content");
    let problems = plan::load_plan(
        &SourceText { name, text },
        &[&content.chart, &content.hands],
        &content.library,
    )
    .expect_err("refused");
    check_problems(name, Some(text), &problems);
    problems
}

fn contains(problems: &Problems, needle: &str) -> bool {
    problems.0.iter().any(|p| p.message.contains(needle))
}

/// The standard chart with its first ellipse's centre replaced.
fn chart_with_center(center: &str) -> String {
    let text = STANDARD_CHART.text;
    let idx = text.find("Ellipse(").expect("an ellipse");
    let open = idx + text[idx..].find("center:").expect("center") + "center:".len();
    let close = open + text[open..].find(')').expect(")");
    format!("{}{center}{}", &text[..open], &text[close + 1..])
}

const GOOD_PLAN: &str = "(version: 1, session_minutes: 45, steps: [\
    (technique: \"thumb_walking\", pressure: Light, minutes: 2.0)])";

#[test]
fn deep_nesting_is_a_located_error() {
    for text in [
        "[".repeat(100_000),
        "(".repeat(100_000),
        format!("(zones: {}", "[".repeat(50_000)),
        format!("(version: 1, steps: [{}", "Some(".repeat(50_000)),
    ] {
        chart_error(&text);
        plan_error(&text);
        fuzz_bodies::validate(
            &[0u8]
                .iter()
                .chain(text.as_bytes())
                .copied()
                .collect::<Vec<_>>(),
        );
    }
}

#[test]
fn huge_numbers_are_errors_not_overflows() {
    let p = chart_error(&STANDARD_CHART.text.replacen(
        "version: 1",
        "version: 99999999999999999999999",
        1,
    ));
    assert!(!p.0.is_empty());
    let p = chart_error(&chart_with_center(" (1e39, 0.5)"));
    assert!(contains(&p, "finite"), "{p}");
    let p = chart_error(&chart_with_center(" (3.4e38, 0.5)"));
    assert!(contains(&p, "between -10 and 10"), "{p}");
    let p = plan_error(&GOOD_PLAN.replace("minutes: 2.0", "minutes: 1e39"));
    assert!(contains(&p, "minutes must be a number"), "{p}");
    let p = plan_error(&GOOD_PLAN.replace("session_minutes: 45", "session_minutes: 4294967296"));
    assert!(!p.0.is_empty());
    let p = plan_error(&GOOD_PLAN.replace("version: 1", "version: 4294967295"));
    assert!(contains(&p, "unsupported plan version"), "{p}");
}

#[test]
fn nan_coordinates_and_minutes_are_refused() {
    for nan in [" (NaN, 0.5)", " (0.5, NaN)", " (inf, 0.5)", " (-inf, 0.5)"] {
        let p = chart_error(&chart_with_center(nan));
        assert!(contains(&p, "finite"), "{nan}: {p}");
    }
    let p = plan_error(&GOOD_PLAN.replace("minutes: 2.0", "minutes: NaN"));
    assert!(contains(&p, "minutes must be a number, not NaN"), "{p}");
}

#[test]
fn empty_files_are_refused_as_empty() {
    for text in ["", " \n\t\r\n"] {
        let p = chart_error(text);
        assert_eq!(p.to_string(), "hostile.ron:1:1: file is empty");
        let p = plan_error(text);
        assert_eq!(p.to_string(), "hostile.plan.ron:1:1: file is empty");
    }
    // Only a comment: not empty to the eye, and still not a chart.
    chart_error("// just a comment\n");
}

#[test]
fn enormous_files_are_refused_without_reading_them_whole() {
    let big = "x".repeat(MAX_FILE_BYTES + 1);
    assert!(contains(&chart_error(&big), "too large"));
    assert!(contains(&plan_error(&big), "too large"));
    // On disk: a sparse file just over the limit, and an endless one.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("huge.ron");
    let f = std::fs::File::create(&path).expect("create");
    f.set_len(MAX_FILE_BYTES as u64 * 64).expect("sparse file");
    let p = load::read_text(&path).expect_err("refused");
    assert!(contains(&p, "too large"), "{p}");
    if Path::new("/dev/zero").exists() {
        let p = load::read_text(Path::new("/dev/zero")).expect_err("refused");
        assert!(contains(&p, "too large"), "{p}");
    }
    // Exactly at the limit is read (and then judged on its contents).
    let at_limit = dir.path().join("limit.ron");
    std::fs::write(&at_limit, " ".repeat(MAX_FILE_BYTES)).expect("write");
    let text = load::read_text(&at_limit).expect("read");
    assert_eq!(text.len(), MAX_FILE_BYTES);
}

#[test]
fn invalid_utf8_is_refused_at_the_first_bad_byte() {
    let bytes = b"(\n  version: 1,\n  name: \"ab\xff\xfe\",\n)".to_vec();
    let p = load::decode_text("bad.ron", bytes.clone()).expect_err("refused");
    assert_eq!(p.to_string(), "bad.ron:3:12: file is not valid UTF-8 text");
    for (target, body) in TARGETS {
        let data: Vec<u8> = [0u8].iter().chain(&bytes).copied().collect();
        let outcome = std::panic::catch_unwind(|| body(&data));
        assert!(outcome.is_ok(), "{target}");
    }
}

#[test]
fn a_polygon_with_too_many_points_is_refused() {
    let n = MAX_POINTS + 1;
    let ring: Vec<String> = (0..n)
        .map(|i| {
            let a = i as f32 / n as f32 * std::f32::consts::TAU;
            format!("({}, {})", 0.3 + 0.05 * a.cos(), 0.5 + 0.05 * a.sin())
        })
        .collect();
    let text = STANDARD_CHART.text;
    let idx = text.find("Ellipse(").expect("an ellipse");
    let end = idx + text[idx..].find("))").expect("end of the ellipse") + 2;
    let text = format!(
        "{}Polygon(points: [{}]){}",
        &text[..idx],
        ring.join(", "),
        &text[end..]
    );
    let p = chart_error(&text);
    assert!(contains(&p, "too many"), "{p}");
}
