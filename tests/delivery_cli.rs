//! What delivery adds to the record, read back through the command line run as a process:
//! `records show` lists the steps with responses, the findings (by the area they lie in), the
//! touch test and the zone responses; `records report` prints them, with the findings on a
//! small chart and a photo chosen for the report.

mod common;

use reflexmap::model::{Foot, FootSel, Pressure, ViewKind};
use reflexmap::plan::Plan;
use reflexmap::records::delivery::{
    Finding, FindingKind, FindingStatus, Response, StepRecord, StepStatus,
};
use reflexmap::records::{ClientDetails, SessionDraft, Store, photo};

/// A records file with one client and one delivered session (signed), returning its path.
fn records(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("records.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let mut d = ClientDetails {
        name: "Ana Lima".into(),
        ..Default::default()
    };
    d.consent.photos = Some("2026-11-01".into());
    let c = store.add_client(&d).unwrap();
    let lib = reflexmap::load::embedded_content().unwrap().library;
    let mut plan = Plan::from_template(lib.template("neuropathy_gentle").unwrap());
    plan.steps.truncate(3);
    let zone = plan.steps[2].zone.clone();
    let s = store
        .add_session(
            c,
            &SessionDraft {
                date: "2026-11-20".into(),
                plan_ron: reflexmap::plan::plan_to_string(&plan).unwrap(),
                ..Default::default()
            },
        )
        .unwrap();
    store
        .set_step(
            s,
            &StepRecord {
                step: 2,
                zone: zone.clone(),
                foot: FootSel::Left,
                response: Some(Response::VeryTender),
                status: StepStatus::Shortened,
                minutes: 1.2,
                pressure: Pressure::Feather,
            },
        )
        .unwrap();
    let f = store
        .add_finding(
            s,
            &Finding {
                id: 0,
                view: ViewKind::Plantar,
                foot: Foot::Right,
                at: (0.42, 0.56),
                kind: FindingKind::Callus,
                note: "hard, 1 cm".into(),
                status: FindingStatus::New,
                follows: None,
            },
        )
        .unwrap();
    for (foot, toe, felt) in [
        (Foot::Left, 1, false),
        (Foot::Left, 3, true),
        (Foot::Right, 5, false),
    ] {
        store.set_touch(s, foot, toe, Some(felt)).unwrap();
    }
    let img = image::RgbImage::from_fn(320, 240, |x, y| {
        image::Rgb([200, (x % 255) as u8, (y % 255) as u8])
    });
    let mut png = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let p = store
        .add_photo(s, Some(f), &photo::prepare(&png).unwrap())
        .unwrap();
    store.set_photo_in_report(p, true).unwrap();
    store.sign_session(s).unwrap();
    path
}

#[test]
fn records_show_lists_the_delivery_findings_and_touch_test() {
    let dir = tempfile::tempdir().unwrap();
    let db = records(dir.path());
    let out = common::reflexmap(&["records", "--db", db.to_str().unwrap(), "show", "1"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let text = common::stdout(&out);
    assert!(text.contains("Delivered (1 of 3 steps worked):"), "{text}");
    assert!(
        text.contains(", left foot: very tender · shortened · 1.2 of"),
        "{text}"
    );
    assert!(
        text.contains("Callus, right foot (plantar) over the Kidneys area"),
        "the finding is placed by the area it lies in: {text}"
    );
    assert!(text.contains("— hard, 1 cm"), "{text}");
    assert!(
        text.contains("Ipswich Touch Test: 2 of 3 not felt (left toe 1; right toe 5), not finished: at-risk foot"),
        "{text}"
    );
    assert!(
        text.contains("Photos: 1 (1 chosen for the report)"),
        "{text}"
    );
    assert!(text.contains("Zone responses over all sessions"), "{text}");
}

#[test]
fn the_report_prints_the_delivery_with_the_findings_chart_and_the_photo() {
    let dir = tempfile::tempdir().unwrap();
    let db = records(dir.path());
    let pdf = dir.path().join("report.pdf");
    let out = common::reflexmap(&[
        "records",
        "--db",
        db.to_str().unwrap(),
        "report",
        "1",
        "--output",
        pdf.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let bytes = std::fs::read(&pdf).unwrap();
    if let Ok(keep) = std::env::var("REFLEXMAP_KEEP_PDF") {
        std::fs::write(keep, &bytes).unwrap();
    }
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).unwrap();
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in [
        "Delivery and inspection",
        "Very tender",
        "Callus, right foot (plantar)",
        "hard, 1 cm",
        "Ipswich Touch Test: 2 of 3 not felt",
        "not a substitute for the annual foot check",
        "Finding 1: Callus",
        "Zone responses over all sessions",
    ] {
        assert!(flat.contains(needle), "{needle:?} missing from: {flat}");
    }
    let images = doc
        .objects
        .values()
        .filter(|o| {
            o.as_stream().is_ok_and(|s| {
                s.dict
                    .get(b"Subtype")
                    .is_ok_and(|t| t.as_name().is_ok_and(|n| n == b"Image"))
            })
        })
        .count();
    assert_eq!(images, 1, "the photo chosen for the report is printed");
}
