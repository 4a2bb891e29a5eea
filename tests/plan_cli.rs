//! The planner's command line run as a process: `templates`, `rules`, `plan`, `export` and
//! `validate` on plan files.

mod common;

use common::{reflexmap, stderr, stdout};

use std::path::{Path, PathBuf};
use std::process::Output;

use reflexmap::load::embedded_content;
use reflexmap::plan::{Answer, Paper, read_plan};

fn both(o: &Output) -> String {
    format!("{}{}", stdout(o), stderr(o))
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// `reflexmap plan --template TEMPLATE --screen ANSWER … [EXTRA …] -o OUT`.
fn plan_cmd(template: &str, answers: &[&str], extra: &[&str], out: &Path) -> Output {
    let mut args = vec!["plan", "--template", template];
    for a in answers {
        args.extend(["--screen", a]);
    }
    args.extend(extra);
    args.extend(["-o", s(out)]);
    reflexmap(&args)
}

/// 1-based line and column of the first occurrence of `needle` in `text`.
fn line_col(text: &str, needle: &str) -> (usize, usize) {
    let offset = text.find(needle).expect("needle present");
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Write `text` as `name` in a fresh temp dir.
fn write_plan(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("write plan");
    path
}

const GOOD: &str = r#"(
    version: 1,
    client_initials: "AB",
    session_minutes: 20,
    screening: { "dvt_signs": No },
    steps: [
        (title: "Warm-up", technique: "warm_up_stroking", pressure: Light, minutes: 5.0),
        (zone: "solar_plexus", technique: "sustained_hold", pressure: Light, minutes: 5.0),
        (zone: "adrenal", foot: Left, technique: "thumb_walking", pressure: Light, minutes: 6.5),
    ],
)
"#;

#[test]
fn templates_are_listed_with_length_and_steps() {
    let o = reflexmap(&["templates"]);
    assert!(o.status.success(), "{}", both(&o));
    let out = stdout(&o);
    let content = embedded_content().expect("content");
    assert_eq!(
        out.lines().count(),
        content.library.templates.len(),
        "{out}"
    );
    for t in &content.library.templates {
        let line = out
            .lines()
            .find(|l| l.starts_with(&format!("{} ", t.id)))
            .unwrap_or_else(|| panic!("{} missing in\n{out}", t.id));
        let (lo, hi) = t.session_minutes;
        assert!(line.contains(&t.name), "{line}");
        assert!(line.contains(&format!("{lo}–{hi} min")), "{line}");
        assert!(line.contains(&format!("{} steps", t.steps.len())), "{line}");
    }
    assert!(out.contains("neuropathy_gentle"), "{out}");
}

#[test]
fn rules_are_listed_with_group_and_action() {
    let o = reflexmap(&["rules"]);
    assert!(o.status.success(), "{}", both(&o));
    let out = stdout(&o);
    let content = embedded_content().expect("content");
    assert_eq!(out.lines().count(), content.library.rules.len());
    let dvt = out
        .lines()
        .find(|l| l.starts_with("dvt_signs "))
        .expect("dvt_signs listed");
    assert!(dvt.contains("Circulation and clotting"), "{dvt}");
    assert!(dvt.ends_with("Stop and refer"), "{dvt}");
}

#[test]
fn plan_builds_a_file_with_every_option_and_it_round_trips() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("client.plan.ron");
    let o = reflexmap(&[
        "plan",
        "--template",
        "neuropathy_gentle",
        "--screen",
        "dvt_signs=no",
        "--screen",
        "severe_allodynia=YES",
        "--minutes",
        "50",
        "--initials",
        "JD",
        "--date",
        "2025-03-04",
        "--paper",
        "letter",
        "-o",
        s(&path),
    ]);
    assert!(o.status.success(), "{}", both(&o));
    let out = stdout(&o);
    assert!(
        out.contains("Adapt: proceed only with the adaptations listed."),
        "{out}"
    );
    assert!(out.contains("Timing: "), "{out}");
    assert!(out.contains("above the screening cap (feather)"), "{out}");

    let c = embedded_content().expect("content");
    let loaded =
        read_plan(&path, &[&c.chart, &c.hands], &c.library).expect("the written plan loads");
    assert_eq!(loaded.warnings, []);
    let p = loaded.plan;
    let t = c.library.template("neuropathy_gentle").expect("template");
    assert_eq!(p.template.as_deref(), Some("neuropathy_gentle"));
    assert_eq!(p.steps.len(), t.steps.len());
    assert_eq!(p.session_minutes, 50);
    assert_eq!(p.client_initials, "JD");
    assert_eq!(p.date, "2025-03-04");
    assert_eq!(p.paper, Paper::Letter);
    assert_eq!(p.screening.get("dvt_signs"), Some(&Answer::No));
    assert_eq!(p.screening.get("severe_allodynia"), Some(&Answer::Yes));

    let v = reflexmap(&["validate", s(&path)]);
    assert!(v.status.success(), "{}", both(&v));
    let out = stdout(&v);
    assert!(
        out.contains(&format!(
            "{}: ok, plan with {} steps",
            s(&path),
            t.steps.len()
        )),
        "{out}"
    );
    assert!(out.contains("verdict: Adapt"), "{out}");
}

#[test]
fn plan_refuses_unknown_templates_rules_and_dates() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("x.plan.ron");
    let o = reflexmap(&["plan", "--template", "reiki", "-o", s(&path)]);
    assert_eq!(o.status.code(), Some(1), "{}", both(&o));
    assert!(
        stderr(&o).contains("unknown template \"reiki\""),
        "{}",
        both(&o)
    );
    let o = reflexmap(&[
        "plan",
        "--template",
        "home_routine",
        "--screen",
        "moon_phase=yes",
        "-o",
        s(&path),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", both(&o));
    assert!(
        stderr(&o).contains("unknown screening rule \"moon_phase\""),
        "{}",
        both(&o)
    );
    let o = reflexmap(&[
        "plan",
        "--template",
        "home_routine",
        "--date",
        "2025-02-30",
        "-o",
        s(&path),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", both(&o));
    assert!(!path.exists(), "nothing written on error");
    let o = reflexmap(&[
        "plan",
        "--template",
        "home_routine",
        "--screen",
        "dvt_signs=maybe",
        "-o",
        s(&path),
    ]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("yes or no"), "{}", both(&o));
}

#[test]
fn a_stop_answer_exports_only_a_referral_note() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = dir.path().join("stop.plan.ron");
    let pdf = dir.path().join("stop.pdf");
    let o = reflexmap(&[
        "plan",
        "--template",
        "neuropathy_gentle",
        "--screen",
        "dvt_signs=yes",
        "-o",
        s(&plan),
    ]);
    assert!(o.status.success(), "{}", both(&o));
    assert!(stdout(&o).contains("Stop and refer"), "{}", both(&o));
    let o = reflexmap(&["export", s(&plan), "-o", s(&pdf)]);
    assert_eq!(o.status.code(), Some(0), "{}", both(&o));
    let out = stdout(&o);
    assert!(out.contains("only a referral note was printed"), "{out}");
    assert!(out.contains("dvt_signs"), "{out}");
    let bytes = std::fs::read(&pdf).expect("the referral note is written");
    assert!(bytes.starts_with(b"%PDF"), "a PDF");
}

#[test]
fn export_prints_a_plan_and_says_how_long_it_took() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = write_plan(&dir, "good.plan.ron", GOOD);
    let pdf = dir.path().join("good.pdf");
    let o = reflexmap(&["export", s(&plan), "-o", s(&pdf), "--paper", "letter"]);
    assert!(o.status.success(), "{}", both(&o));
    let out = stdout(&o);
    assert!(out.contains("3 steps, Letter"), "{out}");
    assert!(out.contains(" s\n") && out.contains(" in "), "{out}");
    assert!(!out.contains("referral"), "{out}");
    let bytes = std::fs::read(&pdf).expect("pdf written");
    assert!(bytes.starts_with(b"%PDF"));
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "no temp file left: {names:?}");
}

#[test]
fn export_of_a_broken_plan_exits_1_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = GOOD.replace("minutes: 6.5", "minutes: -6.5");
    let plan = write_plan(&dir, "broken.plan.ron", &text);
    let pdf = dir.path().join("broken.pdf");
    let o = reflexmap(&["export", s(&plan), "-o", s(&pdf)]);
    assert_eq!(o.status.code(), Some(1), "{}", both(&o));
    let (line, col) = line_col(&text, "minutes: -6.5");
    let err = stderr(&o);
    assert!(
        err.contains(&format!("{}:{line}:{col}: step 3: minutes", s(&plan))),
        "{err}"
    );
    assert!(err.contains("nothing was exported"), "{err}");
    assert!(!pdf.exists());
    // A file that is not there at all.
    let o = reflexmap(&[
        "export",
        s(&dir.path().join("none.plan.ron")),
        "-o",
        s(&pdf),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", both(&o));
}

#[test]
fn validate_accepts_a_good_plan() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = write_plan(&dir, "good.plan.ron", GOOD);
    let o = reflexmap(&["validate", s(&plan)]);
    assert!(o.status.success(), "{}", both(&o));
    let out = stdout(&o);
    assert!(
        out.contains(&format!(
            "{}: ok, plan with 3 steps, 16.5 of 20 min, verdict: Screening incomplete (",
            s(&plan)
        )),
        "{out}"
    );
    assert!(!out.contains("warning"), "{out}");
}

#[test]
fn validate_reports_a_syntax_error_with_line_and_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = GOOD.replace(
        "pressure: Light, minutes: 5.0),\n        (zone",
        "pressure: Light minutes: 5.0),\n        (zone",
    );
    assert_ne!(text, GOOD);
    let plan = write_plan(&dir, "syntax.plan.ron", &text);
    let o = reflexmap(&["validate", s(&plan)]);
    assert_eq!(o.status.code(), Some(1), "{}", both(&o));
    let out = stdout(&o);
    let (line, _) = line_col(&text, "Light minutes");
    assert!(out.starts_with(&format!("{}:{line}:", s(&plan))), "{out}");
    let col: usize = out
        .split(':')
        .nth(2)
        .and_then(|c| c.parse().ok())
        .expect("a column");
    assert!(col > 1, "{out}");
}

#[test]
fn validate_refuses_another_version() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = GOOD.replace("version: 1", "version: 7");
    let plan = write_plan(&dir, "v7.plan.ron", &text);
    let o = reflexmap(&["validate", s(&plan)]);
    assert_eq!(o.status.code(), Some(1), "{}", both(&o));
    let (line, col) = line_col(&text, "version: 7");
    assert_eq!(
        stdout(&o).trim_end(),
        format!(
            "{}:{line}:{col}: unsupported plan version 7 (this version of reflexmap reads version 1)",
            s(&plan)
        )
    );
}

#[test]
fn validate_refuses_negative_minutes_and_bad_lengths() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = GOOD
        .replace(
            "minutes: 5.0),\n        (zone: \"solar",
            "minutes: -5.0),\n        (zone: \"solar",
        )
        .replace("session_minutes: 20", "session_minutes: 999");
    let plan = write_plan(&dir, "neg.plan.ron", &text);
    let o = reflexmap(&["validate", s(&plan)]);
    assert_eq!(o.status.code(), Some(1), "{}", both(&o));
    let out = stdout(&o);
    let (l1, c1) = line_col(&text, "session_minutes: 999");
    let (l2, c2) = line_col(&text, "minutes: -5.0");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].starts_with(&format!("{}:{l1}:{c1}: session length", s(&plan))),
        "{out}"
    );
    assert!(
        lines[1].starts_with(&format!("{}:{l2}:{c2}: step 1: minutes", s(&plan))),
        "{out}"
    );
}

#[test]
fn validate_keeps_an_unknown_zone_as_a_warning() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = GOOD.replace("zone: \"adrenal\"", "zone: \"third_eye\"");
    let plan = write_plan(&dir, "other-chart.plan.ron", &text);
    let o = reflexmap(&["validate", s(&plan)]);
    assert!(o.status.success(), "a warning does not fail: {}", both(&o));
    let out = stdout(&o);
    let (line, col) = line_col(&text, "zone: \"third_eye\"");
    assert!(
        out.contains(&format!(
            "{}:{line}:{col}: warning: step 3: the current chart has no zone \"third_eye\"; the step is kept",
            s(&plan)
        )),
        "{out}"
    );
    assert!(
        out.contains("ok, plan with 3 steps"),
        "kept, not dropped: {out}"
    );
    // And export still prints it, with the warning on stderr.
    let pdf = dir.path().join("other.pdf");
    let o = reflexmap(&["export", s(&plan), "-o", s(&pdf)]);
    assert!(o.status.success(), "{}", both(&o));
    assert!(stderr(&o).contains("warning: step 3"), "{}", both(&o));
}

#[test]
fn numb_feet_list_the_pin_point_steps_they_flag() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = dir.path().join("numb.plan.ron");
    let o = plan_cmd(
        "full_foot_relaxation",
        &["loss_of_protective_sensation=yes"],
        &[],
        &plan,
    );
    assert!(o.status.success(), "{}", both(&o));
    let out = stdout(&o);
    let c = embedded_content().expect("content");
    let t = c
        .library
        .template("full_foot_relaxation")
        .expect("template");
    let mut pin = 0;
    for (i, step) in t.steps.iter().enumerate() {
        let tech = c.library.technique(&step.technique).expect("technique");
        let listed = out
            .lines()
            .any(|l| l.contains(&format!("step {} (", i + 1)) && l.contains("Pin-point move"));
        assert_eq!(
            listed,
            tech.contact == reflexmap::model::Contact::PinPoint,
            "step {}: {}\n{out}",
            i + 1,
            step.technique
        );
        pin += usize::from(listed);
    }
    assert!(pin >= 3, "{out}");
    assert!(out.contains("above the screening cap"), "{out}");
}

#[test]
fn apply_adaptations_lowers_pressure_and_swaps_forbidden_techniques() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = dir.path().join("adapted.plan.ron");
    let o = plan_cmd(
        "full_foot_relaxation",
        &["loss_of_protective_sensation=yes", "dvt_risk=yes"],
        &["--apply-adaptations"],
        &plan,
    );
    assert!(o.status.success(), "{}", both(&o));
    let out = stdout(&o);
    assert!(out.contains("Adaptations applied:"), "{out}");
    assert!(!out.contains("Pin-point move"), "{out}");
    assert!(!out.contains("above the screening cap"), "{out}");
    let c = embedded_content().expect("content");
    let p = read_plan(&plan, &[&c.chart, &c.hands], &c.library)
        .expect("plan")
        .plan;
    for step in &p.steps {
        assert!(
            step.pressure <= reflexmap::model::Pressure::Light,
            "{step:?}"
        );
        let tech = c.library.technique(&step.technique).expect("technique");
        assert_ne!(
            tech.contact,
            reflexmap::model::Contact::PinPoint,
            "{step:?}"
        );
    }
    let pituitary = p
        .steps
        .iter()
        .find(|st| st.zone.as_deref() == Some("pituitary"))
        .expect("pituitary step");
    assert_eq!(pituitary.technique, "sustained_hold");
    // Leg sweeps are swapped too.
    let plan = dir.path().join("clot.plan.ron");
    let o = plan_cmd("neuropathy_gentle", &["dvt_risk=yes"], &[], &plan);
    assert!(stdout(&o).contains("no leg sweeps"), "{}", both(&o));
    let o = plan_cmd(
        "neuropathy_gentle",
        &["dvt_risk=yes"],
        &["--apply-adaptations"],
        &plan,
    );
    assert!(!stdout(&o).contains("no leg sweeps"), "{}", both(&o));
    let p = read_plan(&plan, &[&c.chart, &c.hands], &c.library)
        .expect("plan")
        .plan;
    assert!(p.steps.iter().all(|st| {
        !c.library
            .technique(&st.technique)
            .expect("t")
            .strokes_up_leg
    }));
}

#[test]
fn clot_risk_flags_the_home_routines_calf_stretch_and_adaptations_swap_it() {
    // Why: the clot-risk note says "no calf stretch"; the stretch strokes nothing up the leg,
    // so only the technique's `works_calf` property lets the plan command see it.
    let dir = tempfile::tempdir().expect("tempdir");
    let plan = dir.path().join("home.plan.ron");
    let o = plan_cmd("home_routine", &["dvt_risk=yes"], &[], &plan);
    assert!(o.status.success(), "{}", both(&o));
    let out = stdout(&o);
    assert!(
        out.lines()
            .any(|l| l.contains("Towel calf stretch") && l.contains("no calf work")),
        "{out}"
    );
    let o = plan_cmd(
        "home_routine",
        &["dvt_risk=yes"],
        &["--apply-adaptations"],
        &plan,
    );
    assert!(o.status.success(), "{}", both(&o));
    assert!(!stdout(&o).contains("no calf work"), "{}", both(&o));
    let c = embedded_content().expect("content");
    let p = read_plan(&plan, &[&c.chart, &c.hands], &c.library)
        .expect("plan")
        .plan;
    assert!(p.steps.iter().all(|st| {
        let t = c.library.technique(&st.technique).expect("t");
        !t.works_calf && !t.strokes_up_leg
    }));
}

#[test]
fn plan_on_the_hands_moves_the_template_lists_what_stays_and_prints_for_hands() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = dir.path().join("hands.plan.ron");
    let o = reflexmap(&[
        "plan",
        "--template",
        "neuropathy_gentle",
        "--screen",
        "diabetic_foot_ulcer=yes",
        "--on",
        "hands",
        "-o",
        plan.to_str().expect("utf-8"),
    ]);
    assert!(o.status.success(), "{}", both(&o));
    let out = stdout(&o);
    assert!(out.contains("Moved to the hands:"), "{out}");
    assert!(out.contains("No hand equivalent, left out:"), "{out}");
    // On the hands, the ulcer on the foot needs the clinician's agreement, not a stop.
    assert!(out.contains("Medical clearance first"), "{out}");
    let text = std::fs::read_to_string(&plan).expect("plan written");
    assert!(text.contains("limb: Hand"), "{text}");
    let pdf = dir.path().join("hands.pdf");
    let o = reflexmap(&[
        "export",
        plan.to_str().expect("utf-8"),
        "-o",
        pdf.to_str().expect("utf-8"),
    ]);
    assert!(o.status.success(), "{}", both(&o));
    let text = common::pdf_text(&pdf);
    assert!(
        text.contains("on the hands") && text.contains("hands"),
        "{text}"
    );
}

#[test]
fn templates_and_plans_take_a_chart_and_the_hand_template_plans_on_the_hands() {
    let content = embedded_content().expect("content");
    // `templates --chart hands`: the hand template only; the default lists every one with
    // its chart.
    let o = reflexmap(&["templates", "--chart", "hands"]);
    assert!(o.status.success(), "{}", both(&o));
    let out = stdout(&o);
    let hand_ids: Vec<&str> = content
        .library
        .templates
        .iter()
        .filter(|t| t.limb == reflexmap::model::Limb::Hand)
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(hand_ids, ["gentle_hands"]);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.starts_with("gentle_hands "), "{out}");
    assert!(out.contains("hands"), "{out}");
    let o = reflexmap(&["templates", "--chart", "feet"]);
    let out = stdout(&o);
    assert!(!out.contains("gentle_hands"), "{out}");
    assert!(out.contains("neuropathy_gentle"), "{out}");
    let all = stdout(&reflexmap(&["templates"]));
    let line = all
        .lines()
        .find(|l| l.starts_with("gentle_hands "))
        .expect("listed");
    assert!(line.contains(" hands "), "{line}");
    // A chart file: the steps on areas it lacks are counted.
    let dir = tempfile::tempdir().expect("temp dir");
    let chart = dir.path().join("small.ron");
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("maps/hands.ron"),
    )
    .expect("hands.ron");
    // The same chart without its knee area.
    let start = text.find("id: \"knee\"").expect("knee");
    let open = text[..start].rfind("\n        (").expect("zone start");
    let close =
        start + text[start..].find("\n        ),").expect("zone end") + "\n        ),".len();
    std::fs::write(&chart, format!("{}{}", &text[..open], &text[close..])).expect("write");
    let o = reflexmap(&["templates", "--chart", chart.to_str().expect("utf-8")]);
    assert!(o.status.success(), "{}", both(&o));
    assert!(stdout(&o).contains("(1 not on this chart)"), "{}", both(&o));

    // `plan --template gentle_hands`: on the hands by itself, and it prints for hands.
    let plan = dir.path().join("gentle.plan.ron");
    let o = reflexmap(&[
        "plan",
        "--template",
        "gentle_hands",
        "-o",
        plan.to_str().expect("utf-8"),
    ]);
    assert!(o.status.success(), "{}", both(&o));
    assert!(!stdout(&o).contains("Moved to the hands"), "{}", both(&o));
    let written = std::fs::read_to_string(&plan).expect("plan written");
    assert!(written.contains("limb: Hand"), "{written}");
    let pdf = dir.path().join("gentle.pdf");
    let o = reflexmap(&[
        "export",
        plan.to_str().expect("utf-8"),
        "-o",
        pdf.to_str().expect("utf-8"),
    ]);
    assert!(o.status.success(), "{}", both(&o));
    assert!(!stderr(&o).contains("warning"), "{}", both(&o));
    let text = common::pdf_text(&pdf);
    assert!(text.contains("Both hands"), "{text}");
    assert!(!text.contains("not on this chart"), "{text}");

    // A hand template cannot go to the feet; --on and --chart must agree.
    for args in [
        &["--chart", "feet"][..],
        &["--on", "feet"][..],
        &["--on", "feet", "--chart", "hands"][..],
    ] {
        let mut all = vec!["plan", "--template", "gentle_hands"];
        all.extend_from_slice(args);
        let out = dir.path().join("no.plan.ron");
        all.extend_from_slice(&["-o", out.to_str().expect("utf-8")]);
        let o = reflexmap(&all);
        assert!(!o.status.success(), "{args:?}: {}", both(&o));
        assert!(stderr(&o).contains("error:"), "{args:?}: {}", both(&o));
        assert!(!out.exists(), "{args:?}: nothing written");
    }
    // A foot template with --chart hands moves, as with --on hands.
    let moved = dir.path().join("moved.plan.ron");
    let o = reflexmap(&[
        "plan",
        "--template",
        "neuropathy_gentle",
        "--chart",
        "hands",
        "-o",
        moved.to_str().expect("utf-8"),
    ]);
    assert!(o.status.success(), "{}", both(&o));
    assert!(stdout(&o).contains("Moved to the hands:"), "{}", both(&o));
}
