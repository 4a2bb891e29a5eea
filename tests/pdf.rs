//! The printable session PDF, read back as text with poppler's `pdftotext` (as a client's
//! viewer or a screen reader would see it).
//!
//! Set `PDF_SAMPLES_DIR` to keep the generated PDFs for a look with `pdftoppm`.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use reflexmap::export::{PDF_DISCLAIMER, REFERRAL_ADVICE, plan_pdf};
use reflexmap::load::{Content, embedded_content};
use reflexmap::model::{Action, Pressure};
use reflexmap::plan::{Answer, Paper, Plan};

fn content() -> Content {
    embedded_content().expect("embedded content loads")
}

/// The neuropathy template with every screening question answered "no".
fn neuropathy_plan(c: &Content) -> Plan {
    let mut plan = Plan::from_template(c.library.template("neuropathy_gentle").expect("template"));
    plan.client_initials = "AB".into();
    plan.date = "2025-03-14".into();
    for rule in &c.library.rules {
        plan.screening.insert(rule.id.clone(), Answer::No);
    }
    plan
}

fn export(c: &Content, plan: &Plan, sample: &str) -> Vec<u8> {
    let pdf = plan_pdf(plan, &c.chart, &c.library).expect("PDF builds");
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    if let Ok(dir) = std::env::var("PDF_SAMPLES_DIR") {
        std::fs::write(Path::new(&dir).join(format!("{sample}.pdf")), &pdf)
            .expect("sample written");
    }
    pdf
}

/// Run a poppler tool on the PDF; panics with a hint when poppler-utils is missing.
fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("plan.pdf");
    std::fs::write(&path, pdf).expect("temp PDF written");
    let path = path.to_string_lossy().into_owned();
    let mut all: Vec<&str> = args.to_vec();
    all.push(&path);
    if tool == "pdftotext" {
        all.push("-");
    }
    let out = Command::new(tool)
        .args(&all)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {tool} ({e}): install poppler-utils"));
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Text of each page (pdftotext separates pages with a form feed).
fn pages(pdf: &[u8]) -> Vec<String> {
    let text = poppler("pdftotext", &["-layout", "-enc", "UTF-8"], pdf);
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// Whitespace collapsed, so wrapped sentences match.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn zone_names(c: &Content, plan: &Plan) -> Vec<String> {
    plan.steps
        .iter()
        .filter_map(|s| s.zone.as_deref())
        .map(|z| c.chart.zone(z).expect("template zone exists").name.clone())
        .collect()
}

fn page_count(pdf: &[u8]) -> usize {
    let info = poppler("pdfinfo", &[], pdf);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo reports pages")
}

#[test]
fn neuropathy_plan_lists_steps_in_order_with_verdict_and_aftercare() {
    let c = content();
    let plan = neuropathy_plan(&c);
    let start = Instant::now();
    let pdf = export(&c, &plan, "neuropathy");
    eprintln!(
        "neuropathy template: {:?}, {} bytes",
        start.elapsed(),
        pdf.len()
    );

    let pages = pages(&pdf);
    assert!(pages.len() > 2, "only {} pages", pages.len());
    assert_eq!(pages.len(), page_count(&pdf));
    let all = flat(&pages.join("\n"));

    let screening = reflexmap::plan::evaluate(&c.library.rules, &plan);
    assert_eq!(screening.verdict, Action::Proceed);
    assert!(
        all.contains(&flat(&screening.headline())),
        "verdict headline missing"
    );
    assert!(
        all.contains("Client AB") || all.contains("AB"),
        "initials missing"
    );
    assert!(all.contains("2025-03-14"), "date missing");

    // Zone names in the plan's order (a name may recur: search on from the last match).
    let mut at = 0;
    for name in zone_names(&c, &plan) {
        let found = all[at..]
            .find(&name)
            .unwrap_or_else(|| panic!("{name} missing or out of order"));
        at += found + name.len();
    }

    // The aftercare handout is the last page.
    let last = flat(pages.last().expect("a last page"));
    let a = &c.library.aftercare;
    assert!(
        last.contains(&flat(&a.title)),
        "aftercare title not on the last page"
    );
    for t in a.urgent.iter().chain(&a.advice) {
        assert!(last.contains(&flat(t)), "aftercare text missing: {t}");
    }
    // No step on the aftercare page, and a footer on every page.
    assert!(!last.contains("Session sequence"));
    for (i, p) in pages.iter().enumerate() {
        let p = flat(p);
        assert!(p.contains(PDF_DISCLAIMER), "page {} has no footer", i + 1);
        assert!(
            p.contains(&format!("Page {} of {}", i + 1, pages.len())),
            "page {} number",
            i + 1
        );
    }
}

#[test]
fn every_stop_rule_prints_only_a_referral_note() {
    let c = content();
    let stops: Vec<_> = c
        .library
        .rules
        .iter()
        .filter(|r| r.action == Action::StopAndRefer)
        .collect();
    assert!(!stops.is_empty());
    for rule in stops {
        let mut plan = neuropathy_plan(&c);
        plan.screening.insert(rule.id.clone(), Answer::Yes);
        let pdf = export(&c, &plan, &format!("stop_{}", rule.id));
        let text = flat(&pages(&pdf).join("\n"));
        assert!(
            text.contains("Referral note"),
            "{}: no referral title",
            rule.id
        );
        assert!(
            text.contains(&flat(REFERRAL_ADVICE)),
            "{}: no referral advice",
            rule.id
        );
        assert!(
            text.contains(&flat(&rule.question)),
            "{}: question missing",
            rule.id
        );
        assert!(
            text.contains(&flat(&rule.source)),
            "{}: source missing",
            rule.id
        );
        assert!(
            !text.contains("Session sequence"),
            "{}: steps printed",
            rule.id
        );
        assert!(
            !text.contains(&flat(&c.library.aftercare.title)),
            "{}: aftercare printed",
            rule.id
        );
        for name in zone_names(&c, &plan) {
            assert!(
                !text.contains(&name),
                "{}: step zone {name} printed after a stop",
                rule.id
            );
        }
    }
}

#[test]
fn paper_size_follows_the_plan() {
    let c = content();
    let mut plan = neuropathy_plan(&c);
    let a4 = poppler("pdfinfo", &[], &export(&c, &plan, "a4"));
    plan.paper = Paper::Letter;
    let letter = poppler("pdfinfo", &[], &export(&c, &plan, "letter"));
    let size = |info: &str| {
        info.lines()
            .find(|l| l.starts_with("Page size:"))
            .map(str::to_owned)
    };
    assert!(
        size(&a4).is_some_and(|s| s.contains("595.28 x 841.89")),
        "{a4}"
    );
    assert!(
        size(&letter).is_some_and(|s| s.contains("612 x 792")),
        "{letter}"
    );
}

#[test]
fn adapt_cap_flags_a_step_above_it() {
    let c = content();
    let mut plan = neuropathy_plan(&c);
    plan.screening
        .insert("loss_of_protective_sensation".into(), Answer::Yes);
    let step = plan
        .steps
        .iter_mut()
        .find(|s| s.zone.is_some())
        .expect("a zone step");
    step.pressure = Pressure::Firm;
    let pdf = export(&c, &plan, "adapt_cap");
    let text = flat(&pages(&pdf).join("\n"));
    assert!(
        text.contains("Pressure is above the screening cap (light)."),
        "issue text missing"
    );
    assert!(
        text.contains("Pressure cap: light or lighter"),
        "cap missing"
    );
    assert!(text.contains("No heat"), "no-heat warning missing");
    let rule = c
        .library
        .rule("loss_of_protective_sensation")
        .expect("rule");
    assert!(
        text.contains(&flat(&rule.question)),
        "triggered rule missing"
    );
    assert!(text.contains("Adapt"));
}

#[test]
fn unanswered_screening_is_said() {
    let c = content();
    let mut plan = neuropathy_plan(&c);
    plan.screening.clear();
    let text = flat(&pages(&export(&c, &plan, "unanswered")).join("\n"));
    assert!(text.contains(&format!(
        "{} screening questions were not answered",
        c.library.rules.len()
    )));
}

#[test]
fn avoided_area_is_flagged_on_its_step() {
    let c = content();
    let mut plan = neuropathy_plan(&c);
    plan.screening
        .insert("pregnancy_first_trimester".into(), Answer::Yes);
    let mut step = plan
        .steps
        .iter()
        .find(|s| s.zone.is_some())
        .expect("a zone step")
        .clone();
    step.zone = Some("uterus_prostate".into());
    plan.steps.insert(3, step);
    let text = flat(&pages(&export(&c, &plan, "avoided_area")).join("\n"));
    let name = &c.chart.zone("uterus_prostate").expect("zone").name;
    assert!(
        text.contains("Avoid these areas:") && text.contains(&format!("{name}.")),
        "avoided area not named"
    );
    assert!(
        text.contains("Screening says to avoid this area."),
        "step issue missing"
    );
}
