//! The printable session PDF, read back as text with lopdf (a pure-Rust PDF reader: no system
//! tool to install), as a client's viewer or a screen reader would see it.
//!
//! Set `PDF_SAMPLES_DIR` to keep the generated PDFs for a look with `pdftoppm`.

mod common;

use std::path::Path;
use std::time::Instant;

use lopdf::{Dictionary, Document, Object};
use reflexmap::export::{PDF_DISCLAIMER, REFERRAL_ADVICE, plan_pdf};
use reflexmap::load::{Content, embedded_content};
use reflexmap::model::{Action, Pressure};
use reflexmap::plan::{Answer, Paper, Plan};

fn content() -> Content {
    embedded_content().expect("embedded content loads")
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

/// The PDF parsed back.
fn read(pdf: &[u8]) -> Document {
    Document::load_mem(pdf).expect("the PDF parses")
}

/// Text of each page, in page order (decoded through each font's ToUnicode map).
fn pages(pdf: &[u8]) -> Vec<String> {
    let doc = read(pdf);
    doc.get_pages()
        .keys()
        .map(|n| doc.extract_text(&[*n]).expect("page text extracts"))
        .collect()
}

/// The page count the document's page tree declares (`/Root /Pages /Count`), as a viewer reads it.
fn page_count(pdf: &[u8]) -> usize {
    let doc = read(pdf);
    let pages = doc
        .catalog()
        .and_then(|root| root.get(b"Pages"))
        .and_then(Object::as_reference)
        .and_then(|id| doc.get_dictionary(id))
        .expect("a page tree");
    let count = pages
        .get(b"Count")
        .and_then(Object::as_i64)
        .expect("the page tree counts its pages");
    usize::try_from(count).expect("a page count")
}

/// A page's own `/MediaBox`, or the nearest parent's (it may be inherited).
fn media_box<'a>(doc: &'a Document, mut page: &'a Dictionary) -> Vec<f32> {
    loop {
        if let Ok(b) = page.get(b"MediaBox").and_then(Object::as_array) {
            return b.iter().map(|v| v.as_float().expect("a number")).collect();
        }
        page = page
            .get(b"Parent")
            .and_then(Object::as_reference)
            .and_then(|id| doc.get_dictionary(id))
            .expect("a page with a media box");
    }
}

/// Width × height of every page in points.
fn page_sizes(pdf: &[u8]) -> Vec<(f32, f32)> {
    let doc = read(pdf);
    doc.get_pages()
        .values()
        .map(|id| {
            let b = media_box(&doc, doc.get_dictionary(*id).expect("a page"));
            (b[2] - b[0], b[3] - b[1])
        })
        .collect()
}

/// The base font names of every page's fonts whose program is embedded in the file (a
/// Type0 font's program sits in its descendant's font descriptor), and of those that are not.
fn fonts(pdf: &[u8]) -> (Vec<String>, Vec<String>) {
    let doc = read(pdf);
    let deref = |o: &Object| -> Dictionary {
        match o {
            Object::Reference(id) => doc.get_dictionary(*id).expect("a dictionary").clone(),
            Object::Dictionary(d) => d.clone(),
            _ => panic!("not a dictionary: {o:?}"),
        }
    };
    let (mut embedded, mut missing) = (Vec::new(), Vec::new());
    for id in doc.get_pages().values() {
        for font in doc.get_page_fonts(*id).expect("page fonts").values() {
            let name = String::from_utf8_lossy(
                font.get(b"BaseFont")
                    .and_then(Object::as_name)
                    .unwrap_or(b"?"),
            )
            .into_owned();
            let described = match font.get(b"DescendantFonts").and_then(Object::as_array) {
                Ok(d) => deref(&d[0]),
                Err(_) => (*font).clone(),
            };
            let has_program = described
                .get(b"FontDescriptor")
                .map(|d| {
                    let d = deref(d);
                    [b"FontFile".as_slice(), b"FontFile2", b"FontFile3"]
                        .iter()
                        .any(|k| d.has(k))
                })
                .unwrap_or(false);
            if has_program {
                embedded.push(name);
            } else {
                missing.push(name);
            }
        }
    }
    (embedded, missing)
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

#[test]
fn neuropathy_plan_lists_steps_in_order_with_verdict_and_aftercare() {
    let c = content();
    let plan = common::neuropathy_plan(&c);
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
    // The text is in the embedded DejaVu fonts, so it prints the same on any machine.
    let (embedded, missing) = fonts(&pdf);
    assert!(missing.is_empty(), "fonts not embedded: {missing:?}");
    assert!(
        embedded.iter().any(|f| f.contains("DejaVuSans-Bold"))
            && embedded.iter().any(|f| f.ends_with("DejaVuSans")),
        "{embedded:?}"
    );
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
        let mut plan = common::neuropathy_plan(&c);
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
    let mut plan = common::neuropathy_plan(&c);
    let a4 = page_sizes(&export(&c, &plan, "a4"));
    plan.paper = Paper::Letter;
    let letter = page_sizes(&export(&c, &plan, "letter"));
    let near =
        |(w, h): (f32, f32), (ew, eh): (f32, f32)| (w - ew).abs() < 0.01 && (h - eh).abs() < 0.01;
    assert!(
        !a4.is_empty() && a4.iter().all(|s| near(*s, (595.28, 841.89))),
        "{a4:?}"
    );
    assert!(
        !letter.is_empty() && letter.iter().all(|s| near(*s, (612.0, 792.0))),
        "{letter:?}"
    );
}

#[test]
fn adapt_cap_flags_a_step_above_it() {
    let c = content();
    let mut plan = common::neuropathy_plan(&c);
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
    assert!(
        text.contains("No pin-point moves"),
        "the numb-feet rule's forbidden moves are listed"
    );
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
    let mut plan = common::neuropathy_plan(&c);
    plan.screening.clear();
    let text = flat(&pages(&export(&c, &plan, "unanswered")).join("\n"));
    assert!(text.contains(&format!(
        "{} screening questions were not answered",
        c.library.rules_for(reflexmap::model::Limb::Foot).count()
    )));
}

#[test]
fn avoided_area_is_flagged_on_its_step() {
    let c = content();
    let mut plan = common::neuropathy_plan(&c);
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

/// Numb feet forbid pin-point moves: the full-foot session's pin-point steps carry the flag
/// on paper, as they do in the planner.
#[test]
fn pin_point_steps_are_flagged_on_paper_for_numb_feet() {
    let c = content();
    let mut plan = Plan::from_template(
        c.library
            .template("full_foot_relaxation")
            .expect("template"),
    );
    for rule in &c.library.rules {
        plan.screening.insert(rule.id.clone(), Answer::No);
    }
    plan.screening
        .insert("loss_of_protective_sensation".into(), Answer::Yes);
    let text = flat(&pages(&export(&c, &plan, "pin_point")).join("\n"));
    assert!(
        text.contains("No pin-point moves"),
        "the adaptation is listed"
    );
    assert!(
        text.contains("Pin-point move: screening says no pin-point moves"),
        "a pin-point step is flagged"
    );
    // A positive grade on a step's zone comes with the plain statement that it is not that
    // area's doing.
    assert!(
        text.contains(&flat(reflexmap::model::NOT_AREA_SPECIFIC)),
        "the not-area-specific statement is printed"
    );
}
