//! Plan files (`*.plan.ron`): load with located problems and warnings, save atomically.
//!
//! A broken file is refused as a whole with `file:line:col: message` for each problem. Things
//! that only depend on the current chart or library (a zone the chart lacks, an unknown rule
//! id) are warnings: the step or answer is kept, never dropped, so opening a plan made with
//! another chart and saving it again loses nothing.

use std::path::Path;

use crate::load::{self, Locator, Problem, Problems, SourceText};
use crate::model::{Chart, Library};
use crate::save::{self, SaveError};

use super::{PLAN_VERSION, Plan};

/// The first lines of every saved plan file.
pub const PLAN_HEADER: &str = "// reflexmap session plan: screening answers, steps and print settings.\n\
// Plain RON text; open it in reflexmap (or check it with `reflexmap validate FILE`).\n";

/// Allowed session lengths in minutes.
pub const SESSION_MINUTES: std::ops::RangeInclusive<u32> = 5..=240;

/// The longest single step, in minutes.
pub const MAX_STEP_MINUTES: f32 = 120.0;

/// A plan that loaded, and what in it the current chart or library does not know.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedPlan {
    /// The plan, complete (nothing dropped).
    pub plan: Plan,
    /// Located warnings: unknown zones, techniques, rule ids or template.
    pub warnings: Vec<Problem>,
}

/// Parse a plan file and check it on its own (version, lengths, minutes, date).
pub fn parse_plan(src: &SourceText) -> Result<Plan, Problems> {
    let plan: Plan = load::parse_ron(src)?;
    let locator = Locator::new(src.text);
    let at = |offset: Option<usize>, message: String| locator.problem(src.name, offset, message);
    if plan.version != PLAN_VERSION {
        // Why stop here: other checks would be guesses about a format we do not know.
        return Err(Problems(vec![at(
            locator.top_key("version"),
            format!(
                "unsupported plan version {} (this version of reflexmap reads version {PLAN_VERSION})",
                plan.version
            ),
        )]));
    }
    let mut problems = Vec::new();
    if !SESSION_MINUTES.contains(&plan.session_minutes) {
        problems.push(at(
            locator.top_key("session_minutes"),
            format!(
                "session length must be {} to {} minutes, not {}",
                SESSION_MINUTES.start(),
                SESSION_MINUTES.end(),
                plan.session_minutes
            ),
        ));
    }
    if let Err(e) = check_date(&plan.date) {
        problems.push(at(locator.top_key("date"), e));
    }
    let steps = locator.list_items("steps");
    for (i, step) in plan.steps.iter().enumerate() {
        if let Err(e) = check_step_minutes(step.minutes) {
            let offset = steps
                .get(i)
                .and_then(|&span| locator.key_in(span, "minutes"))
                .or_else(|| steps.get(i).map(|s| s.start));
            problems.push(at(offset, format!("step {}: {e}", i + 1)));
        }
        if step.technique.trim().is_empty() {
            let offset = steps
                .get(i)
                .and_then(|&span| locator.key_in(span, "technique"));
            problems.push(at(
                offset,
                format!("step {}: the technique is empty", i + 1),
            ));
        }
    }
    if problems.is_empty() {
        Ok(plan)
    } else {
        Err(Problems(problems))
    }
}

/// Parse and check a plan, and warn (never fail) about zones, techniques, screening rules and
/// templates that the chart and library do not have. The zones are checked against the first of
/// `charts` for the plan's feet or hands (a hand plan against a hand chart).
pub fn load_plan(
    src: &SourceText,
    charts: &[&Chart],
    library: &Library,
) -> Result<LoadedPlan, Problems> {
    let plan = parse_plan(src)?;
    let chart = charts.iter().find(|c| c.limb == plan.limb);
    let locator = Locator::new(src.text);
    let at = |offset: Option<usize>, message: String| locator.problem(src.name, offset, message);
    let mut warnings = Vec::new();
    if let Some(t) = &plan.template
        && library.template(t).is_none()
    {
        warnings.push(at(
            locator.top_key("template"),
            format!("the library has no template \"{t}\" (the plan is unaffected)"),
        ));
    }
    let answers = locator.map_keys("screening");
    for id in plan.screening.keys() {
        if library.rule(id).is_none() {
            let offset = answers
                .iter()
                .find(|(_, k)| *k == id.as_str())
                .map(|(o, _)| *o)
                .or_else(|| locator.top_key("screening"));
            warnings.push(at(
                offset,
                format!(
                    "the library has no screening rule \"{id}\"; the answer is kept but not counted"
                ),
            ));
        }
    }
    if chart.is_none() {
        warnings.push(at(
            locator.top_key("limb"),
            format!(
                "no {} chart to check the plan's areas against; the steps are kept",
                plan.limb.one()
            ),
        ));
    }
    let steps = locator.list_items("steps");
    for (i, step) in plan.steps.iter().enumerate() {
        let span = steps.get(i).copied();
        if let Some(z) = &step.zone
            && chart.is_some_and(|c| c.zone(z).is_none())
        {
            let offset = span.and_then(|s| locator.key_in(s, "zone").or(Some(s.start)));
            warnings.push(at(
                offset,
                format!(
                    "step {}: the current chart has no zone \"{z}\"; the step is kept",
                    i + 1
                ),
            ));
        }
        if library.technique(&step.technique).is_none() {
            let offset = span.and_then(|s| locator.key_in(s, "technique").or(Some(s.start)));
            warnings.push(at(
                offset,
                format!(
                    "step {}: the library has no technique \"{}\"; the step is kept",
                    i + 1,
                    step.technique
                ),
            ));
        }
    }
    warnings.sort_by_key(|w| (w.line, w.col));
    Ok(LoadedPlan { plan, warnings })
}

/// Read and load a plan file from disk (see [`load_plan`]).
pub fn read_plan(
    path: &Path,
    charts: &[&Chart],
    library: &Library,
) -> Result<LoadedPlan, Problems> {
    let text = load::read_text(path)?;
    let name = path.display().to_string();
    load_plan(
        &SourceText {
            name: &name,
            text: &text,
        },
        charts,
        library,
    )
}

/// The text of a plan file: [`PLAN_HEADER`] then pretty RON.
pub fn plan_to_string(plan: &Plan) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ")
        .struct_names(false)
        .extensions(ron::extensions::Extensions::IMPLICIT_SOME);
    let body = ron::ser::to_string_pretty(plan, config)?;
    Ok(format!("{PLAN_HEADER}{body}\n"))
}

/// Save a plan atomically: a failure leaves any previous file at `path` byte-identical.
pub fn save_plan(path: &Path, plan: &Plan) -> Result<(), SaveError> {
    let text = plan_to_string(plan).map_err(|e| SaveError {
        path: path.display().to_string(),
        source: std::io::Error::other(e),
    })?;
    save::write_atomic_with(path, |w| w.write_all(text.as_bytes()))
}

/// Read back a plan stored as a snapshot (a session record's `plan_ron`); `None` when it does
/// not parse. No cross-checks against a chart: a snapshot keeps what was delivered, even a zone
/// a later chart no longer has.
pub fn parse_snapshot(text: &str) -> Option<Plan> {
    parse_plan(&SourceText {
        name: "session snapshot",
        text,
    })
    .ok()
}

/// Check a date: empty, or a real calendar date written `YYYY-MM-DD`.
pub fn check_date(date: &str) -> Result<(), String> {
    if date.is_empty() {
        return Ok(());
    }
    let bad = || format!("the date must be YYYY-MM-DD (or empty), not \"{date}\"");
    let b = date.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(bad());
    }
    let num = |r: std::ops::Range<usize>| {
        let s = &date[r];
        if s.bytes().all(|c| c.is_ascii_digit()) {
            s.parse::<u32>().ok()
        } else {
            None
        }
    };
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return Err(bad());
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(format!("the date \"{date}\" has no month {m}")),
    };
    if !(1..=days).contains(&d) || y == 0 {
        return Err(format!("the date \"{date}\" is not a calendar day"));
    }
    Ok(())
}

/// Check one step's minutes: a finite number above 0 and at most [`MAX_STEP_MINUTES`].
pub fn check_step_minutes(minutes: f32) -> Result<(), String> {
    if !minutes.is_finite() {
        Err(format!("minutes must be a number, not {minutes}"))
    } else if minutes <= 0.0 || minutes > MAX_STEP_MINUTES {
        Err(format!(
            "minutes must be more than 0 and at most {MAX_STEP_MINUTES}, not {minutes}"
        ))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Content, embedded_content};
    use crate::model::{Action, FootSel, Pressure};
    use crate::plan::{Answer, Paper, PlanStep, evaluate};

    fn content() -> Content {
        embedded_content().expect("embedded content")
    }

    fn src(text: &str) -> SourceText<'_> {
        SourceText {
            name: "p.plan.ron",
            text,
        }
    }

    /// Line and column of the `n`th occurrence of `needle`.
    fn pos(text: &str, needle: &str, n: usize) -> (usize, usize) {
        let l = Locator::new(text);
        l.line_col(l.nth(0, needle, n).expect("needle present"))
    }

    /// A plan with every field set to something other than its default.
    fn full_plan() -> Plan {
        let mut plan = Plan {
            version: PLAN_VERSION,
            client_initials: "J.D.".into(),
            date: "2024-02-29".into(),
            session_minutes: 55,
            paper: Paper::Letter,
            template: Some("neuropathy_gentle".into()),
            screening: Default::default(),
            steps: Vec::new(),
            notes: "Line one\nline two with \"quotes\", a tab\tand ünïcödé; minutes: 5".into(),
            limb: crate::model::Limb::Hand,
        };
        plan.screening.insert("dvt_signs".into(), Answer::No);
        plan.screening
            .insert("loss_of_protective_sensation".into(), Answer::Yes);
        plan.steps.push(PlanStep {
            zone: None,
            title: Some("Warm-up".into()),
            foot: FootSel::Both,
            technique: "warm_up_stroking".into(),
            pressure: Pressure::Feather,
            minutes: 2.5,
            note: "slow".into(),
        });
        plan.steps.push(PlanStep {
            zone: Some("solar_plexus".into()),
            title: Some("Hold".into()),
            foot: FootSel::Left,
            technique: "sustained_hold".into(),
            pressure: Pressure::Light,
            minutes: 0.1,
            note: "// not a comment".into(),
        });
        plan.steps.push(PlanStep {
            zone: Some("adrenal".into()),
            title: None,
            foot: FootSel::Right,
            technique: "thumb_walking".into(),
            pressure: Pressure::Deep,
            minutes: 120.0,
            note: String::new(),
        });
        plan
    }

    #[test]
    fn save_then_load_is_lossless() {
        let c = content();
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("client.plan.ron");
        let plan = full_plan();
        save_plan(&path, &plan).expect("save");
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.starts_with("// reflexmap session plan"), "{text}");
        let loaded = read_plan(&path, &[&c.chart, &c.hands], &c.library).expect("load");
        assert_eq!(loaded.plan, plan);
        assert_eq!(loaded.warnings, []);
        // Saving the loaded plan again gives the same bytes.
        save_plan(&path, &loaded.plan).expect("save again");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), text);
    }

    #[test]
    fn every_template_round_trips() {
        let c = content();
        for t in &c.library.templates {
            let plan = Plan::from_template(t);
            let text = plan_to_string(&plan).expect("serialize");
            let loaded = load_plan(&src(&text), &[&c.chart, &c.hands], &c.library).expect("load");
            assert_eq!(loaded.plan, plan, "{}", t.id);
            assert_eq!(loaded.warnings, [], "{}", t.id);
        }
    }

    #[test]
    fn a_hand_plan_is_checked_against_a_hand_chart_and_said_unchecked_without_one() {
        let c = content();
        let t = c
            .library
            .template("gentle_hands")
            .expect("the hand template");
        let plan = Plan::from_template(t);
        assert_eq!(plan.limb, crate::model::Limb::Hand);
        let text = plan_to_string(&plan).expect("serialize");
        // The feet first: a hand plan must not be checked against them.
        let both = load_plan(&src(&text), &[&c.chart, &c.hands], &c.library).expect("load");
        assert_eq!(both.warnings, []);
        let feet_only = load_plan(&src(&text), &[&c.chart], &c.library).expect("load");
        assert_eq!(feet_only.plan, plan, "nothing is dropped");
        let w: Vec<&str> = feet_only
            .warnings
            .iter()
            .map(|w| w.message.as_str())
            .collect();
        assert_eq!(
            w,
            ["no hand chart to check the plan's areas against; the steps are kept"]
        );
        assert_eq!(
            feet_only.warnings[0].line,
            text[..text.find("limb: Hand").unwrap()].lines().count()
        );
    }

    #[test]
    fn a_failed_save_leaves_the_old_file_byte_identical() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("client.plan.ron");
        save_plan(&path, &full_plan()).expect("save");
        let before = std::fs::read(&path).expect("read");
        let new_text = plan_to_string(&Plan::default()).expect("serialize");
        // A disk that fills up half-way through the new contents.
        let err = save::write_atomic_with(&path, |w| {
            w.write_all(&new_text.as_bytes()[..new_text.len() / 2])?;
            Err(std::io::Error::other("no space left on device"))
        })
        .unwrap_err();
        assert!(err.to_string().contains("client.plan.ron"), "{err}");
        assert_eq!(std::fs::read(&path).expect("read"), before);
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, ["client.plan.ron"], "no temp file left behind");
    }

    #[test]
    fn saving_into_a_folder_that_cannot_exist_fails_cleanly() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("not-a-folder");
        std::fs::write(&file, b"keep me").expect("write");
        let err = save_plan(&file.join("x.plan.ron"), &full_plan()).unwrap_err();
        assert!(err.to_string().contains("x.plan.ron"), "{err}");
        assert_eq!(std::fs::read(&file).expect("read"), b"keep me");
    }

    #[test]
    fn syntax_errors_have_line_and_column() {
        let text = "(\n    version: 1,\n    session_minutes: 45\n    steps: [],\n)";
        let err = parse_plan(&src(text)).unwrap_err();
        assert_eq!(err.0.len(), 1);
        assert_eq!((err.0[0].line, err.0[0].col), (4, 5), "{err}");
    }

    #[test]
    fn a_missing_version_is_an_error() {
        let err = parse_plan(&src("(session_minutes: 45)")).unwrap_err();
        assert!(err.to_string().contains("version"), "{err}");
    }

    #[test]
    fn another_version_is_refused_at_the_version_field() {
        let text = "(\n  session_minutes: 45,\n  version: 2,\n)";
        let err = parse_plan(&src(text)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "p.plan.ron:3:3: unsupported plan version 2 (this version of reflexmap reads version 1)"
        );
    }

    #[test]
    fn bad_values_are_all_reported_where_they_are() {
        let text = r#"(
    version: 1,
    date: "2025-02-30",
    session_minutes: 300,
    steps: [
        (title: "a", technique: "x", pressure: Light, minutes: 2.0, note: "minutes: -1"),
        (title: "b", technique: "x", pressure: Light, minutes: -1.0),
        (title: "c", technique: "x", pressure: Light, minutes: 121.0),
        (title: "d", technique: "x", pressure: Light, minutes: NaN),
        (title: "e", technique: "x", pressure: Light, minutes: 0.0),
    ],
)"#;
        let err = parse_plan(&src(text)).unwrap_err();
        let got: Vec<(usize, usize)> = err.0.iter().map(|p| (p.line, p.col)).collect();
        assert_eq!(
            got,
            [
                pos(text, "session_minutes", 0),
                pos(text, "date", 0),
                pos(text, "minutes: -1.0", 0),
                pos(text, "minutes: 121", 0),
                pos(text, "minutes: NaN", 0),
                pos(text, "minutes: 0.0", 0),
            ],
            "{err}"
        );
        let msg = err.to_string();
        assert!(msg.contains("step 2: minutes must be more than 0"), "{msg}");
        assert!(msg.contains("step 4: minutes must be a number"), "{msg}");
        assert!(msg.contains("5 to 240 minutes, not 300"), "{msg}");
    }

    #[test]
    fn an_unknown_paper_is_a_located_error() {
        let text = "(\n    version: 1,\n    session_minutes: 45,\n    paper: A5,\n)";
        let err = parse_plan(&src(text)).unwrap_err();
        assert_eq!(err.0[0].line, 4, "{err}");
    }

    #[test]
    fn unknown_zones_and_rules_are_kept_and_warned_about() {
        let c = content();
        let text = r#"// a plan made with another chart
(
    version: 1,
    session_minutes: 30,
    screening: {
        "dvt_signs": No,
        "moon_phase": Yes,
    },
    steps: [
        (zone: "solar_plexus", technique: "sustained_hold", pressure: Light, minutes: 5.0),
        (zone: "third_eye", technique: "sustained_hold", pressure: Light, minutes: 5.0),
        (zone: "adrenal", technique: "thumb_dance", pressure: Light, minutes: 5.0),
    ],
)"#;
        let loaded = load_plan(&src(text), &[&c.chart], &c.library).expect("loads");
        assert_eq!(loaded.plan.steps.len(), 3, "nothing dropped");
        assert_eq!(
            loaded.plan.screening.get("moon_phase"),
            Some(&Answer::Yes),
            "answer kept"
        );
        let w: Vec<String> = loaded.warnings.iter().map(|p| p.to_string()).collect();
        let (l1, c1) = pos(text, "\"moon_phase\"", 0);
        let (l2, c2) = pos(text, "zone: \"third_eye\"", 0);
        let (l3, c3) = pos(text, "technique: \"thumb_dance\"", 0);
        assert_eq!(
            w,
            [
                format!(
                    "p.plan.ron:{l1}:{c1}: the library has no screening rule \"moon_phase\"; the answer is kept but not counted"
                ),
                format!(
                    "p.plan.ron:{l2}:{c2}: step 2: the current chart has no zone \"third_eye\"; the step is kept"
                ),
                format!(
                    "p.plan.ron:{l3}:{c3}: step 3: the library has no technique \"thumb_dance\"; the step is kept"
                ),
            ]
        );
        // Saving it again keeps the unknown zone.
        let again = plan_to_string(&loaded.plan).expect("serialize");
        assert!(again.contains("third_eye"));
    }

    #[test]
    fn dates_are_checked_as_calendar_days() {
        for ok in ["", "2025-01-31", "2024-02-29", "2000-02-29", "1999-12-01"] {
            assert_eq!(check_date(ok), Ok(()), "{ok}");
        }
        for bad in [
            "2025-1-31",
            "2025/01/31",
            "2023-02-29",
            "1900-02-29",
            "2025-13-01",
            "2025-00-10",
            "2025-04-31",
            "2025-04-00",
            "0000-01-01",
            "+025-01-01",
            "2025-01-3x",
            "２０２５-01-01",
        ] {
            assert!(check_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for text in [
            "",
            "(",
            "\"",
            "r#\"",
            "'",
            "/*",
            "(version: 1, session_minutes: 45, steps: [(",
            "(version: 1, session_minutes: 45, steps: [)]",
            "(version: 1, session_minutes: 45, screening: {\"a\": Maybe})",
            "(version: 4294967296, session_minutes: 45)",
            "(version: 1, session_minutes: -5)",
            "]]]]",
            "(version: 1, session_minutes: 45, steps: [(technique: \"\", pressure: Light, minutes: 1.0)])",
        ] {
            assert!(parse_plan(&src(text)).is_err(), "{text:?}");
        }
        // The locator's outline copes with anything.
        for text in ["r#", "'\\", "\"\\", "a:", "/* /* */", "((((", "))))"] {
            let _ = Locator::new(text).list_items("steps");
        }
    }

    #[test]
    fn the_outline_skips_strings_comments_and_raw_strings() {
        let text = r##"(
    // steps: [(minutes: 1.0)]
    notes: r#"minutes: ( [ "#,
    /* minutes: */ version: 1,
    steps: [
        (note: "minutes: 9 (", c: '(', minutes: 3.0),
        (minutes: 4.0),
    ],
)"##;
        let l = Locator::new(text);
        let steps = l.list_items("steps");
        assert_eq!(steps.len(), 2);
        let m0 = l.key_in(steps[0], "minutes").expect("first");
        assert_eq!(l.line_col(m0), pos(text, "minutes: 3.0", 0));
        let m1 = l.key_in(steps[1], "minutes").expect("second");
        assert_eq!(l.line_col(m1), pos(text, "minutes: 4.0", 0));
        assert_eq!(
            l.top_key("version").map(|v| l.line_col(v)),
            Some(pos(text, "version", 0))
        );
    }

    #[test]
    fn every_stop_rule_gives_a_stop_verdict() {
        let c = content();
        let stops: Vec<_> = c
            .library
            .rules
            .iter()
            .filter(|r| r.action == Action::StopAndRefer)
            .collect();
        assert!(stops.len() >= 5, "{}", stops.len());
        let t = c.library.template("neuropathy_gentle").expect("template");
        for rule in stops {
            let mut plan = Plan::from_template(t);
            // Everything else answered "no": the stop rule alone decides.
            for r in &c.library.rules {
                plan.screening.insert(r.id.clone(), Answer::No);
            }
            plan.screening.insert(rule.id.clone(), Answer::Yes);
            // Through a file and back, as the CLI and the app see it.
            let text = plan_to_string(&plan).expect("serialize");
            let plan = load_plan(&src(&text), &[&c.chart], &c.library)
                .expect("loads")
                .plan;
            let s = evaluate(&c.library.rules, &plan);
            assert_eq!(s.verdict, Action::StopAndRefer, "{}", rule.id);
            assert!(!s.allows_treatment(), "{}", rule.id);
            assert_eq!(s.unanswered, 0);
            assert!(s.headline().starts_with("Stop and refer"), "{}", rule.id);
        }
    }

    #[test]
    fn the_worst_answer_decides_the_verdict() {
        let c = content();
        let rules = &c.library.rules;
        let first = |a: Action| {
            rules
                .iter()
                .find(|r| r.action == a)
                .map(|r| r.id.clone())
                .expect("a rule with each action")
        };
        let order = [
            Action::Adapt,
            Action::Defer,
            Action::MedicalClearance,
            Action::StopAndRefer,
        ];
        let mut plan = Plan::default();
        for r in rules {
            plan.screening.insert(r.id.clone(), Answer::No);
        }
        assert_eq!(evaluate(rules, &plan).verdict, Action::Proceed);
        // Every subset of the four actions: the worst one wins, whatever the order.
        for mask in 1u32..16 {
            let mut p = plan.clone();
            let mut worst = Action::Proceed;
            for (i, a) in order.iter().enumerate() {
                if mask & (1 << i) != 0 {
                    p.screening.insert(first(*a), Answer::Yes);
                    worst = worst.max(*a);
                }
            }
            let s = evaluate(rules, &p);
            assert_eq!(s.verdict, worst, "mask {mask:04b}");
            assert_eq!(s.triggered[0].action, worst);
        }
        assert!(Action::StopAndRefer > Action::MedicalClearance);
        assert!(Action::MedicalClearance > Action::Defer);
        assert!(Action::Defer > Action::Adapt);
        assert!(Action::Adapt > Action::Proceed);
    }
}
