//! The bodies of reflexmap's fuzz targets: thin wrappers around the library's own loading
//! functions, plus the promises every input must keep.
//!
//! `tests/fuzz_corpus.rs` in the main crate includes this file (`#[path]`), so the committed
//! seeds and minimized crashers are replayed through exactly these calls by `cargo test`.
//!
//! The promises: no panic, no hang, and a refused file is refused with at least one problem
//! that names the file, has a message and points at a `line:col` inside the text.

use std::sync::OnceLock;

use reflexmap::geometry::{ChartGeometry, Point};
use reflexmap::load::{self, Content, Problems, SourceText};
use reflexmap::model::{FootSel, ViewKind};
use reflexmap::plan;

/// The names the `validate` target gives its input, chosen by the first byte: the name decides
/// whether `reflexmap validate` reads a chart, a library part or a plan.
pub const VALIDATE_NAMES: [&str; 7] = [
    "fuzz.ron",
    "techniques.ron",
    "evidence.ron",
    "screening.ron",
    "templates.ron",
    "aftercare.ron",
    "fuzz.plan.ron",
];

/// The embedded chart and library, loaded once.
fn content() -> &'static Content {
    static CONTENT: OnceLock<Content> = OnceLock::new();
    CONTENT.get_or_init(|| load::embedded_content().expect("the embedded content loads"))
}

/// A refusal must be a clear one: at least one problem, each naming the file, with a message,
/// at a 1-based `line:col` that exists in the text (`text` is `None` when it was not UTF-8).
pub fn check_problems(name: &str, text: Option<&str>, problems: &Problems) {
    assert!(!problems.0.is_empty(), "{name}: refused without a problem");
    for p in &problems.0 {
        assert_eq!(p.file, name, "{p}");
        assert!(!p.message.trim().is_empty(), "{p}: no message");
        assert!(p.line >= 1 && p.col >= 1, "{p}: not 1-based");
        if let Some(text) = text {
            let line = text.split('\n').nth(p.line - 1);
            let Some(line) = line else {
                panic!("{p}: line {} is past the end of the text", p.line);
            };
            assert!(
                p.col <= line.chars().count() + 1,
                "{p}: column {} is past the end of line {}",
                p.col,
                p.line
            );
        }
        let prefix = format!("{name}:{}:{}: ", p.line, p.col);
        assert!(p.to_string().starts_with(&prefix), "{p}");
    }
}

/// Decode as the loaders do; a refusal is checked and gives `None`.
fn text_of(name: &str, data: &[u8]) -> Option<String> {
    match load::decode_text(name, data.to_vec()) {
        Ok(text) => Some(text),
        Err(problems) => {
            check_problems(name, None, &problems);
            None
        }
    }
}

/// A chart file: parse and validate it ([`load::load_chart`]); one that loads is then used as
/// the app uses it: every view's geometry is built and hit-tested.
pub fn chart(data: &[u8]) {
    let name = VALIDATE_NAMES[0];
    let Some(text) = text_of(name, data) else {
        return;
    };
    match load::load_chart(&SourceText { name, text: &text }) {
        Ok(chart) => {
            let geometry = ChartGeometry::new(&chart);
            for view in ViewKind::ALL {
                for feet in [FootSel::Both, FootSel::Left, FootSel::Right] {
                    let g = geometry.get(view, feet);
                    for anchor in g.zone_anchor.values() {
                        let _ = g.hit_test(*anchor);
                    }
                    let _ = g.hit_test(g.bounds.center());
                    let _ = g.hit_test(Point::new(f32::NAN, f32::NAN));
                }
            }
        }
        Err(problems) => check_problems(name, Some(&text), &problems),
    }
}

/// A plan file: load it against the embedded chart and library ([`plan::load_plan`]). A plan
/// that loads is evaluated as the app and CLI do, and must save and load back unchanged
/// (a plan the app could open but not reopen after saving would lose work).
pub fn plan(data: &[u8]) {
    let name = VALIDATE_NAMES[6];
    let Some(text) = text_of(name, data) else {
        return;
    };
    let c = content();
    let src = SourceText { name, text: &text };
    let loaded = match plan::load_plan(&src, &[&c.chart, &c.hands], &c.library) {
        Ok(loaded) => loaded,
        Err(problems) => {
            check_problems(name, Some(&text), &problems);
            return;
        }
    };
    for w in &loaded.warnings {
        assert!(w.line >= 1 && w.col >= 1 && !w.message.is_empty(), "{w}");
    }
    let p = &loaded.plan;
    let screening = plan::evaluate(&c.library.rules, p);
    let _ = screening.headline();
    let _ = plan::TimingStatus::of(p).message();
    for step in &p.steps {
        for issue in plan::step_issues(step, &screening, &c.chart, &c.library) {
            let _ = issue.message();
        }
    }
    let saved = plan::plan_to_string(p).expect("a loaded plan serializes");
    let again = plan::parse_plan(&SourceText { name, text: &saved });
    match again {
        Ok(reloaded) => assert_eq!(&reloaded, p, "the plan changed on save and reload"),
        Err(problems) => panic!("a loaded plan did not reload after saving:\n{problems}\n{saved}"),
    }
}

/// `reflexmap validate` on one file: the first byte picks the file name from
/// [`VALIDATE_NAMES`] (chart, library part or plan), the rest is the file.
pub fn validate(data: &[u8]) {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let name = VALIDATE_NAMES[usize::from(first) % VALIDATE_NAMES.len()];
    let Some(text) = text_of(name, bytes) else {
        return;
    };
    match reflexmap::cli::validate_source(&SourceText { name, text: &text }, content()) {
        Ok(summary) => assert!(summary.contains(&format!("{name}: ok")), "{summary}"),
        Err(problems) => check_problems(name, Some(&text), &problems),
    }
}
