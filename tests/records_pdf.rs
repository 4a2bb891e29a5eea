//! The progress report and the home diary sheet, read back as text with lopdf (as a client's
//! viewer or a screen reader would see them), and names in other scripts.
//!
//! Set `PDF_SAMPLES_DIR` to keep the generated PDFs for a look with `pdftoppm`.

use std::path::Path;

use lopdf::{Dictionary, Document, Object};
use reflexmap::export::{
    PDF_DISCLAIMER, ReportOptions, ReportSections, diary_sheet, diary_sheet_pdf, missing_scripts,
    plan_pdf, progress_report, progress_report_pdf,
};
use reflexmap::load::{Content, embedded_content};
use reflexmap::plan::{Answer, Paper, Plan, plan_to_string};
use reflexmap::records::{
    Background, Change, ClientDetails, ClientRecord, Consent, FOLLOWUP_ITEMS, Followup, Scores,
    SessionDraft, Side, Soap, Store, Symptom, TREND_CAVEAT, UrgentSign, date,
};

fn content() -> Content {
    embedded_content().expect("embedded content loads")
}

fn save(pdf: &[u8], sample: &str) {
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    if let Ok(dir) = std::env::var("PDF_SAMPLES_DIR") {
        std::fs::write(Path::new(&dir).join(format!("{sample}.pdf")), pdf).expect("sample written");
    }
}

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

/// Whitespace collapsed, so wrapped sentences match.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn all_text(pdf: &[u8]) -> String {
    flat(&pages(pdf).join("\n"))
}

/// Width × height of every page in points.
fn page_sizes(pdf: &[u8]) -> Vec<(f32, f32)> {
    let doc = read(pdf);
    doc.get_pages()
        .values()
        .map(|id| {
            let mut page = doc.get_dictionary(*id).expect("a page");
            loop {
                if let Ok(b) = page.get(b"MediaBox").and_then(Object::as_array) {
                    let b: Vec<f32> = b.iter().map(|v| v.as_float().expect("a number")).collect();
                    return (b[2] - b[0], b[3] - b[1]);
                }
                page = page
                    .get(b"Parent")
                    .and_then(Object::as_reference)
                    .and_then(|id| doc.get_dictionary(id))
                    .expect("a page with a media box");
            }
        })
        .collect()
}

/// The base font names of every page's fonts.
fn font_names(pdf: &[u8]) -> Vec<String> {
    let doc = read(pdf);
    let mut names = Vec::new();
    for id in doc.get_pages().values() {
        for font in doc.get_page_fonts(*id).expect("page fonts").values() {
            let name = String::from_utf8_lossy(
                font.get(b"BaseFont")
                    .and_then(Object::as_name)
                    .unwrap_or(b"?"),
            )
            .into_owned();
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names
}

/// Whether any page draws an image (the trend chart must be vector paths).
fn has_images(pdf: &[u8]) -> bool {
    let doc = read(pdf);
    let deref = |o: &Object| -> Option<Dictionary> {
        match o {
            Object::Reference(id) => doc.get_dictionary(*id).ok().cloned(),
            Object::Dictionary(d) => Some(d.clone()),
            _ => None,
        }
    };
    doc.objects.values().any(|o| match o {
        Object::Stream(s) => s
            .dict
            .get(b"Subtype")
            .ok()
            .and_then(|t| t.as_name().ok())
            .is_some_and(|n| n == b"Image"),
        Object::Dictionary(d) => d
            .get(b"XObject")
            .ok()
            .and_then(deref)
            .is_some_and(|x| !x.is_empty()),
        _ => false,
    })
}

/// Scores of numbness per foot and sleep, drifting a little from session to session.
fn scores(i: usize, shift: i32) -> Scores {
    let v = |base: i32| Some((base - (i as i32 % 4) + shift).clamp(0, 10) as u8);
    let mut s = Scores::default();
    s.set(Symptom::Numbness, Side::Left, v(7));
    s.set(Symptom::Numbness, Side::Right, v(6));
    s.set(Symptom::Burning, Side::Both, v(5));
    s.set(Symptom::Sleep, Side::Both, v(4));
    s
}

fn details(name: &str) -> ClientDetails {
    ClientDetails {
        name: name.to_owned(),
        initials: String::new(),
        born: Some(1956),
        background: Background::Diabetic,
        referrer: "Dr Example, Riverside Practice".to_owned(),
        consent: Consent {
            treatment: Some("2026-01-05".to_owned()),
            photos: None,
            sharing: Some("2026-01-12".to_owned()),
        },
        ..ClientDetails::default()
    }
}

/// A client with `n` weekly sessions from 2026-01-05, each with a note and two follow-ups;
/// every session but the last signed, the first with an addendum, the second follow-up of the
/// first session reporting a wound.
fn record(name: &str, n: usize) -> ClientRecord {
    let mut store = Store::open_in_memory().expect("records open");
    let client = store.add_client(&details(name)).expect("client added");
    let c = content();
    let mut plan = Plan::from_template(
        c.library
            .template("neuropathy_gentle")
            .expect("the template"),
    );
    plan.client_initials = "AB".into();
    let plan_ron = plan_to_string(&plan).expect("plan RON");
    let start = date::parse("2026-01-05").expect("a date");
    for i in 0..n {
        let day = start + 7 * i as i64;
        let session = store
            .add_session(
                client,
                &SessionDraft {
                    date: date::iso(day),
                    plan_ron: plan_ron.clone(),
                    verdict: if i % 5 == 3 { "Adapt" } else { "Go" }.to_owned(),
                    pre: scores(i, 0),
                    post: scores(i, -1),
                    soap: Soap {
                        subjective: format!("Session {}: feet felt cold this week.", i + 1),
                        objective: "Skin dry on both heels; no wounds seen.".to_owned(),
                        assessment: "Relaxed during the session.".to_owned(),
                        plan: "Same gentle plan next week.".to_owned(),
                    },
                },
            )
            .expect("session added");
        for hours in [24, 48] {
            let mut items = [Change::NotAsked; 6];
            items[1] = Change::Same;
            items[4] = if hours == 24 {
                Change::Better
            } else {
                Change::Same
            };
            store
                .add_followup(
                    session,
                    &Followup {
                        hours,
                        date: date::iso(day + i64::from(hours / 24)),
                        scores: scores(i + hours as usize / 24, 0),
                        items,
                        urgent: if i == 0 && hours == 48 {
                            vec![UrgentSign::Wound]
                        } else {
                            Vec::new()
                        },
                        note: if i == 0 && hours == 48 {
                            "A small blister on the left heel.".to_owned()
                        } else {
                            String::new()
                        },
                        ..Followup::default()
                    },
                )
                .expect("follow-up added");
        }
        if i + 1 < n {
            store.sign_session(session).expect("signed");
        }
        if i == 0 && n > 1 {
            store
                .add_addendum(session, "Client phoned: the blister has healed.")
                .expect("addendum");
        }
    }
    store.client(client).expect("the record reads back")
}

fn report(rec: &ClientRecord, sections: &str, sample: &str) -> Vec<u8> {
    let opts = ReportOptions {
        sections: ReportSections::parse(sections).expect("sections"),
        paper: Paper::A4,
    };
    let pdf = progress_report_pdf(rec, &opts).expect("report builds");
    save(&pdf, sample);
    pdf
}

#[test]
fn report_prints_the_scores_and_says_a_trend_shows_no_cause() {
    let rec = record("Anna Example", 3);
    let pdf = report(&rec, "all", "report_3_sessions");
    let text = all_text(&pdf);
    for t in [
        "Progress report",
        "Anna Example",
        "Initials AE",
        "1956",
        "Diabetic",
        "Dr Example, Riverside Practice",
        "Consent to treatment Given on 2026-01-05",
        "Consent to photos Not on record",
        "Consent to share a report Given on 2026-01-12",
        "Scores over time",
        PDF_DISCLAIMER,
    ] {
        assert!(text.contains(t), "missing {t:?}");
    }
    assert!(
        text.contains(&flat(TREND_CAVEAT)),
        "causation statement missing"
    );
    // First and latest, side by side: numbness (left) 7 before session 1; latest is the last
    // session's 48 h follow-up, scores(2 + 2) = 7 again.
    assert!(
        text.contains(
            "Numbness (left) 7 (2026-01-05, before the session) 7 (2026-01-21, 48 h follow-up)"
        ),
        "first and latest row"
    );
    assert!(text.contains("Sleep 4 (2026-01-05, before the session)"));
    // Session by session: before → after.
    assert!(
        text.contains("2026-01-12 6 → 5 5 → 4 4 → 3 3 → 2"),
        "per-session row"
    );
    // Sessions and notes.
    assert!(text.contains("Draft (not signed)") && text.contains("Signed 20"));
    assert!(text.contains("steps") && text.contains("template neuropathy gentle"));
    assert!(text.contains("ADDENDUM, WRITTEN") && text.contains("the blister has healed"));
    assert!(text.contains("Urgent signs reported: A wound, blister or broken skin."));
    assert!(text.contains("48 H FOLLOW-UP, 2026-01-07"));
    assert!(text.contains("Session 3: feet felt cold this week."));
    // The chart is paths, not a picture.
    assert!(!has_images(&pdf), "the report embeds an image");
}

#[test]
fn report_prints_only_the_chosen_sections() {
    let rec = record("Anna Example", 3);
    let text = all_text(&report(&rec, "scores", "report_scores_only"));
    assert!(text.contains("Numbness (left) 7"));
    assert!(text.contains(&flat(TREND_CAVEAT)));
    for absent in [
        "Client details",
        "Consent to treatment",
        "Scores over time",
        "PLAN DELIVERED",
        "Session 1: feet felt cold",
        "ADDENDUM",
    ] {
        assert!(!text.contains(absent), "{absent:?} printed");
    }
    // The statement is printed even when no scores are.
    let text = all_text(&report(&rec, "details,notes", "report_details_notes"));
    assert!(text.contains("Consent to treatment") && text.contains("Session 1: feet felt cold"));
    assert!(text.contains(&flat(TREND_CAVEAT)));
    assert!(!text.contains("Scores over time") && !text.contains("before → after"));
    assert_eq!(text.matches(&flat(TREND_CAVEAT)).count(), 1);
}

/// Wherever the chart falls (more sessions push it down the page or onto the next), its
/// heading, legend and caption are on one page.
#[test]
fn the_trend_chart_is_never_split_across_pages() {
    let mut moved = false;
    let mut first_page = None;
    for (n, sections) in [
        (1, "trend"),
        (1, "details,scores,trend"),
        (6, "details,scores,trend"),
        (12, "details,scores,trend"),
        (18, "details,scores,trend"),
        (24, "details,scores,trend"),
        (30, "details,scores,trend"),
        (36, "details,scores,trend"),
    ] {
        let rec = record("Anna Example", n);
        let pdf = report(&rec, sections, &format!("report_trend_{n}"));
        let pages = pages(&pdf);
        let on: Vec<usize> = pages
            .iter()
            .enumerate()
            .filter(|(_, p)| flat(p).contains("Scores over time"))
            .map(|(i, _)| i)
            .collect();
        assert_eq!(on.len(), 1, "{n} sessions: chart heading on pages {on:?}");
        let page = flat(&pages[on[0]]);
        for t in [
            "Numbness (left)",
            "Numbness (right)",
            "Burning",
            "Sleep",
            "Lines join the scores",
        ] {
            assert!(
                page.contains(t),
                "{n} sessions: {t:?} not on the chart's page {}",
                on[0] + 1
            );
        }
        moved |= first_page.is_some_and(|p| p != on[0]);
        first_page.get_or_insert(on[0]);
    }
    assert!(
        moved,
        "the chart never moved to another page: the test proves nothing"
    );
}

#[test]
fn a_long_record_runs_onto_numbered_pages_with_the_table_header_repeated() {
    let rec = record("Anna Example", 30);
    let pdf = report(&rec, "all", "report_30_sessions");
    let pages = pages(&pdf);
    assert!(pages.len() >= 4, "only {} pages", pages.len());
    for (i, p) in pages.iter().enumerate() {
        let p = flat(p);
        assert!(
            p.contains(&format!("Page {} of {}", i + 1, pages.len())),
            "page {} number",
            i + 1
        );
        assert!(p.contains(PDF_DISCLAIMER), "page {} footer", i + 1);
        if i > 0 {
            assert!(p.contains("Progress report · AE"), "page {} header", i + 1);
        }
        // A page with before → after cells has the table's header row.
        if p.contains(" → ") {
            assert!(p.contains("DATE"), "page {} has rows but no header", i + 1);
        }
    }
    let text = flat(&pages.join("\n"));
    for i in [0, 14, 29] {
        let d = date::iso(date::parse("2026-01-05").expect("date") + 7 * i);
        assert!(text.contains(&format!("Session of {d}")), "{d} notes");
    }
}

#[test]
fn diary_sheet_has_the_name_the_scales_and_the_grid_for_two_and_seven_days() {
    let c = content();
    let d = details("Anna Example");
    for days in [2, 7] {
        let pdf = diary_sheet_pdf(Some(&d), days, Paper::A4, &c.library).expect("diary");
        save(&pdf, &format!("diary_{days}"));
        let text = all_text(&pdf);
        assert!(text.contains("Anna Example"), "{days}: name");
        for s in Symptom::ALL {
            let (low, high) = s.anchors();
            assert!(text.contains(low) && text.contains(high), "{days}: anchors");
            assert!(text.contains(s.label()), "{days}: {}", s.label());
        }
        for item in FOLLOWUP_ITEMS {
            assert!(text.contains(&item.to_uppercase()), "{days}: {item}");
        }
        for u in &c.library.aftercare.urgent {
            assert!(text.contains(&flat(u)), "{days}: urgent sign {u}");
        }
        assert!(text.contains("Get medical help urgently"));
        let (two, seven) = (text.contains("After 48 hours"), text.contains("Day 7"));
        assert_eq!((two, seven), (days == 2, days == 7), "{days}: rows");
        // Landscape, so the fifteen score columns have room.
        assert!(
            page_sizes(&pdf).iter().all(|(w, h)| w > h),
            "{days}: not landscape"
        );
    }
    // No client: a line to write the name on, no name.
    let pdf = diary_sheet_pdf(None, 2, Paper::Letter, &c.library).expect("diary");
    save(&pdf, "diary_blank");
    let text = all_text(&pdf);
    assert!(text.contains("Name:") && !text.contains("Anna"));
    assert!(page_sizes(&pdf).iter().all(|s| (s.0 - 792.0).abs() < 0.01));
    assert!(diary_sheet_pdf(None, 3, Paper::A4, &c.library).is_err());
}

#[test]
fn cyrillic_greek_hebrew_and_arabic_names_print_as_text_in_the_embedded_fonts() {
    let c = content();
    for name in ["Ирина Ωμέγα", "שרה כהן", "محمد علي"] {
        assert!(
            missing_scripts(name).is_empty(),
            "{name}: DejaVu has these letters"
        );
        let rec = record(name, 1);
        let report = report(&rec, "details", "report_script");
        let diary = diary_sheet(Some(&rec.details), 2, Paper::A4, &c.library).expect("diary");
        assert_eq!(diary.warning(), None);
        for pdf in [&report, &diary.bytes] {
            let text = all_text(pdf);
            assert!(!text.contains('?'), "{name}: a letter printed as ?");
            // Right-to-left text is stored in drawing order: check the letters, not their order.
            for ch in name.chars().filter(|c| !c.is_whitespace()) {
                assert!(text.contains(ch), "{name}: {ch} missing");
            }
            assert!(
                font_names(pdf).iter().all(|f| f.contains("DejaVuSans")),
                "{name}: {:?}",
                font_names(pdf)
            );
        }
    }
}

/// A Chinese (or Devanagari) name prints in a font of this computer when it has one; when it
/// has none the PDF says nothing wrong silently: the report names the script.
#[test]
fn chinese_and_devanagari_names_print_from_a_system_font_or_warn() {
    let c = content();
    for (name, script) in [
        ("王小明", "Chinese/Japanese (Han)"),
        ("प्रिया शर्मा", "Devanagari"),
    ] {
        let rec = record(name, 1);
        let printed = progress_report(&rec, &ReportOptions::default()).expect("report");
        save(
            &printed.bytes,
            &format!("report_{}", script.split('/').next().unwrap_or("x")),
        );
        let text = all_text(&printed.bytes);
        if missing_scripts(name).is_empty() {
            eprintln!("{script}: printed with {:?}", font_names(&printed.bytes));
            assert_eq!(printed.warning(), None);
            assert!(text.contains(name), "{name} not in the text");
            assert!(
                font_names(&printed.bytes)
                    .iter()
                    .any(|f| !f.contains("DejaVuSans")),
                "no fallback font embedded"
            );
        } else {
            eprintln!("note: no font for {script} on this computer; checking the warning");
            assert_eq!(printed.missing_scripts, [script]);
            let w = printed.warning().expect("a warning");
            assert!(w.contains(script) && w.contains("\"?\""), "{w}");
            assert!(text.contains("???"), "missing letters are not printed as ?");
        }
        let diary = diary_sheet(Some(&rec.details), 7, Paper::A4, &c.library).expect("diary");
        assert_eq!(diary.missing_scripts, printed.missing_scripts);
    }
}

/// The session plan falls back the same way (a plan's initials may be in any script).
#[test]
fn a_plan_with_chinese_initials_prints_them_or_they_are_reported_missing() {
    let c = content();
    let mut plan = Plan::from_template(c.library.template("neuropathy_gentle").expect("template"));
    for rule in &c.library.rules {
        plan.screening.insert(rule.id.clone(), Answer::No);
    }
    plan.client_initials = "王小明".into();
    let pdf = plan_pdf(&plan, &c.chart, &c.library).expect("plan");
    save(&pdf, "plan_chinese");
    let text = all_text(&pdf);
    if missing_scripts("王小明").is_empty() {
        assert!(text.contains("王小明"));
    } else {
        assert!(text.contains("???") && !text.contains("王"));
    }
}
