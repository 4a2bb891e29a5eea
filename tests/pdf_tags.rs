//! Every kind of exported PDF is tagged, read back with lopdf as a screen reader would walk
//! it: the catalog says the file is marked, has a language and an outline, the structure tree
//! has headings, paragraphs, lists, tables and figures in reading order, every figure has
//! words for what it shows, decorations (the footer, rules) are left out of it, and the
//! title is in the document information and the XMP, with the PDF/UA-1 part where krilla's
//! validator accepted the content.
//!
//! Set `PDF_SAMPLES_DIR` to keep the generated PDFs (for `pdfinfo` or `pdftoppm`).

mod common;

use std::collections::HashMap;
use std::path::Path;

use lopdf::{Dictionary, Document, Object, ObjectId, decode_text_string};
use reflexmap::export::{
    PDF_DISCLAIMER, REFERRAL_ADVICE, ReportOptions, diary_sheet, plan_pdf, progress_report_with,
};
use reflexmap::load::{Content, embedded_content};
use reflexmap::model::{Action, Foot, FootSel, Pressure, ViewKind};
use reflexmap::plan::{Answer, Paper, Plan, plan_to_string};
use reflexmap::records::delivery::{
    Finding, FindingKind, FindingStatus, Response, StepRecord, StepStatus,
};
use reflexmap::records::{
    ClientDetails, ClientRecord, Id, SessionDraft, Side, Soap, Store, Symptom, photo,
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

// ---------------------------------------------------------------------------------------------
// Reading the structure back.

/// One structure element, in reading order (a pre-order walk of the tree).
#[derive(Debug, Clone)]
struct Elem {
    /// The structure type, e.g. "H1", "P", "Figure".
    role: String,
    depth: usize,
    alt: Option<String>,
    /// The heading's title (`/T`).
    title: Option<String>,
    /// The words of the marked content in it and below it, from each line's actual text.
    text: String,
}

/// What the catalog and the tree say.
#[derive(Debug)]
struct Tagged {
    elems: Vec<Elem>,
    lang: String,
    info_title: String,
    xmp: String,
    /// The outline's entries, top level first then each one's children, in order.
    outline: Vec<String>,
}

impl Tagged {
    fn of(&self, role: &str) -> Vec<&Elem> {
        self.elems.iter().filter(|e| e.role == role).collect()
    }

    fn texts(&self, role: &str) -> Vec<String> {
        self.of(role)
            .iter()
            .map(|e| e.text.trim().to_owned())
            .collect()
    }

    fn count(&self, role: &str) -> usize {
        self.of(role).len()
    }

    /// Everything a screen reader reads, in order.
    fn all_text(&self) -> String {
        self.elems
            .iter()
            .filter(|e| e.depth == 1)
            .map(|e| e.text.as_str())
            .collect()
    }

    fn alts(&self) -> Vec<String> {
        self.of("Figure")
            .iter()
            .map(|e| e.alt.clone().unwrap_or_default())
            .collect()
    }

    fn is_ua1(&self) -> bool {
        self.xmp.contains("<pdfuaid:part>1</pdfuaid:part>")
    }
}

fn dict<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Dictionary> {
    match o {
        Object::Reference(id) => doc.get_dictionary(*id).ok(),
        Object::Dictionary(d) => Some(d),
        _ => None,
    }
}

fn text_of(doc: &Document, o: &Object) -> Option<String> {
    let o = match o {
        Object::Reference(id) => doc.get_object(*id).ok()?,
        o => o,
    };
    decode_text_string(o).ok()
}

fn name_of(d: &Dictionary, key: &[u8]) -> Option<String> {
    d.get(key)
        .and_then(Object::as_name)
        .ok()
        .map(|n| String::from_utf8_lossy(n).into_owned())
}

/// The actual text of each marked-content sequence, by page and MCID.
fn marked_text(doc: &Document) -> HashMap<(ObjectId, i64), String> {
    let mut out = HashMap::new();
    for page in doc.get_pages().values() {
        let content = doc
            .get_and_decode_page_content(*page)
            .expect("page content decodes");
        for op in &content.operations {
            if op.operator != "BDC" {
                continue;
            }
            let Some(props) = op.operands.get(1).and_then(|o| dict(doc, o)) else {
                continue;
            };
            let Ok(mcid) = props.get(b"MCID").and_then(Object::as_i64) else {
                continue;
            };
            let text = props
                .get(b"ActualText")
                .ok()
                .and_then(|t| text_of(doc, t))
                .unwrap_or_default();
            out.insert((*page, mcid), text);
        }
    }
    out
}

/// Walk a structure element and its kids, appending them to `out`; returns its text.
fn walk(
    doc: &Document,
    elem: &Dictionary,
    depth: usize,
    marks: &HashMap<(ObjectId, i64), String>,
    out: &mut Vec<Elem>,
) -> String {
    let at = out.len();
    out.push(Elem {
        role: name_of(elem, b"S").unwrap_or_default(),
        depth,
        alt: elem.get(b"Alt").ok().and_then(|a| text_of(doc, a)),
        title: elem.get(b"T").ok().and_then(|a| text_of(doc, a)),
        text: String::new(),
    });
    let page = elem.get(b"Pg").and_then(Object::as_reference).ok();
    let kids = match elem.get(b"K") {
        Ok(Object::Array(a)) => a.clone(),
        Ok(o) => vec![o.clone()],
        Err(_) => Vec::new(),
    };
    let mut text = String::new();
    for kid in &kids {
        match kid {
            Object::Integer(mcid) => {
                let page = page.expect("an MCID kid has the element's page");
                text.push_str(marks.get(&(page, *mcid)).expect("a marked sequence"));
            }
            o => {
                let d = dict(doc, o).expect("a kid is an element or a reference");
                if d.get(b"MCID").is_ok() && d.get(b"S").is_err() {
                    let page = d
                        .get(b"Pg")
                        .and_then(Object::as_reference)
                        .expect("a marked-content reference has its page");
                    let mcid = d.get(b"MCID").and_then(Object::as_i64).expect("an MCID");
                    text.push_str(marks.get(&(page, mcid)).expect("a marked sequence"));
                } else {
                    text.push_str(&walk(doc, d, depth + 1, marks, out));
                }
            }
        }
    }
    out[at].text = text.clone();
    text
}

fn outline_titles(doc: &Document, first: Option<&Object>, out: &mut Vec<String>) {
    let mut at = first.and_then(|o| dict(doc, o));
    let mut level = Vec::new();
    while let Some(item) = at {
        out.push(
            item.get(b"Title")
                .ok()
                .and_then(|t| text_of(doc, t))
                .unwrap_or_default(),
        );
        level.push(item.get(b"First").ok().cloned());
        at = item.get(b"Next").ok().and_then(|o| dict(doc, o));
    }
    for child in level.iter().flatten() {
        outline_titles(doc, Some(child), out);
    }
}

/// Read the tagging of `pdf`, checking what every tagged PDF must have: `/MarkInfo
/// << /Marked true >>`, a `/StructTreeRoot` over one Document element, a `/Lang`.
fn tagged(pdf: &[u8]) -> Tagged {
    let doc = Document::load_mem(pdf).expect("the PDF parses");
    let catalog = doc.catalog().expect("a catalog");
    let marked = catalog
        .get(b"MarkInfo")
        .ok()
        .and_then(|m| dict(&doc, m))
        .and_then(|m| m.get(b"Marked").ok())
        .and_then(|m| m.as_bool().ok());
    assert_eq!(
        marked,
        Some(true),
        "the catalog says /MarkInfo << /Marked true >>"
    );
    let root = catalog
        .get(b"StructTreeRoot")
        .ok()
        .and_then(|r| dict(&doc, r))
        .expect("a /StructTreeRoot");
    let lang = catalog
        .get(b"Lang")
        .ok()
        .and_then(|l| text_of(&doc, l))
        .expect("the catalog has /Lang");
    let marks = marked_text(&doc);
    let mut elems = Vec::new();
    let top = match root.get(b"K").expect("the tree has a root element") {
        Object::Array(a) => a.clone(),
        o => vec![o.clone()],
    };
    assert_eq!(top.len(), 1, "one Document element at the top");
    let document = dict(&doc, &top[0]).expect("the Document element");
    walk(&doc, document, 0, &marks, &mut elems);
    assert_eq!(elems[0].role, "Document");
    let info = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|i| dict(&doc, i))
        .expect("a document information dictionary");
    let info_title = info
        .get(b"Title")
        .ok()
        .and_then(|t| text_of(&doc, t))
        .expect("an info /Title");
    let xmp = catalog
        .get(b"Metadata")
        .and_then(Object::as_reference)
        .and_then(|id| doc.get_object(id))
        .and_then(Object::as_stream)
        .map(|s| {
            let bytes = s
                .decompressed_content()
                .unwrap_or_else(|_| s.content.clone());
            String::from_utf8_lossy(&bytes).into_owned()
        })
        .expect("XMP metadata");
    let mut outline = Vec::new();
    if let Some(o) = catalog.get(b"Outlines").ok().and_then(|o| dict(&doc, o)) {
        outline_titles(&doc, o.get(b"First").ok(), &mut outline);
    }
    Tagged {
        elems,
        lang,
        info_title,
        xmp,
        outline,
    }
}

/// The checks every exported PDF passes: language, title in the info and the XMP, headings
/// and paragraphs, a non-empty alternative text on every figure, no footer in the structure
/// (it is an artifact), and PDF/UA-1 claimed.
fn common_checks(t: &Tagged, title: &str) {
    assert_eq!(t.lang, "en");
    assert_eq!(t.info_title, title);
    assert!(t.xmp.contains(title), "the XMP has the title: {}", t.xmp);
    assert!(t.is_ua1(), "PDF/UA-1 is claimed in the XMP: {}", t.xmp);
    assert!(t.count("H1") >= 1, "a first-level heading: {:#?}", t.elems);
    assert!(t.count("H2") >= 1, "second-level headings");
    assert!(t.count("P") >= 3, "paragraphs");
    for e in t
        .elems
        .iter()
        .filter(|e| e.role.starts_with('H') && e.role.len() == 2)
    {
        assert_eq!(
            e.title.as_deref(),
            Some(e.text.trim()),
            "a heading's title is its text"
        );
    }
    for alt in t.alts() {
        assert!(
            alt.trim().len() > 10,
            "a figure says what it shows: {alt:?}"
        );
    }
    let all = t.all_text();
    assert!(
        !all.contains(PDF_DISCLAIMER) && !all.contains("Page 1 of"),
        "the footer is an artifact, not read as content"
    );
    // The outline starts at the first heading.
    assert_eq!(
        t.outline.first().map(String::as_str),
        t.of("H1").first().map(|h| h.text.trim()),
        "the outline starts at the title"
    );
}

// ---------------------------------------------------------------------------------------------
// The documents.

/// A treatment plan exported as PDF.
fn plan_export(plan: &Plan, c: &Content, sample: &str) -> Vec<u8> {
    let pdf = plan_pdf(plan, &c.chart, &c.library).expect("the plan exports");
    save(&pdf, sample);
    pdf
}

/// The JPEG of each photo chosen for a report, by photo id.
type Photos = Vec<(Id, std::sync::Arc<Vec<u8>>)>;

/// A client with three weekly sessions scored before and after, with notes; the last one
/// delivered with a response, a callus on the plantar chart, the touch test and a photo of
/// the callus chosen for the report.
fn delivered_record(c: &Content) -> (ClientRecord, Photos) {
    let mut store = Store::open_in_memory().expect("records open");
    let mut d = ClientDetails {
        name: "Ana Lima".into(),
        ..Default::default()
    };
    d.consent.photos = Some("2026-11-01".into());
    let client = store.add_client(&d).expect("client added");
    let mut plan = Plan::from_template(c.library.template("neuropathy_gentle").expect("template"));
    plan.steps.truncate(3);
    let zone = plan.steps[2].zone.clone();
    let plan_ron = plan_to_string(&plan).expect("plan RON");
    let mut last = 0;
    for (i, date) in ["2026-11-06", "2026-11-13", "2026-11-20"]
        .iter()
        .enumerate()
    {
        let mut pre = reflexmap::records::Scores::default();
        pre.set(Symptom::Numbness, Side::Left, Some(7 - i as u8));
        pre.set(Symptom::Sleep, Side::Both, Some(4 + i as u8));
        let mut post = pre.clone();
        post.set(Symptom::Numbness, Side::Left, Some(6 - i as u8));
        last = store
            .add_session(
                client,
                &SessionDraft {
                    date: (*date).into(),
                    plan_ron: plan_ron.clone(),
                    verdict: "Go".into(),
                    pre,
                    post,
                    soap: Soap {
                        subjective: "Feet felt cold this week.".into(),
                        objective: "Skin dry on both heels.".into(),
                        assessment: "Relaxed.".into(),
                        plan: "Same gentle plan.".into(),
                    },
                },
            )
            .expect("session added");
    }
    store
        .set_step(
            last,
            &StepRecord {
                step: 2,
                zone,
                foot: FootSel::Left,
                response: Some(Response::VeryTender),
                status: StepStatus::Shortened,
                minutes: 1.2,
                pressure: Pressure::Feather,
            },
        )
        .expect("step recorded");
    let finding = store
        .add_finding(
            last,
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
        .expect("finding added");
    store
        .set_touch(last, Foot::Left, 1, Some(false))
        .expect("touch test");
    let img = image::RgbImage::from_fn(320, 240, |x, y| {
        image::Rgb([200, (x % 255) as u8, (y % 255) as u8])
    });
    let mut png = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .expect("png");
    let p = store
        .add_photo(last, Some(finding), &photo::prepare(&png).expect("photo"))
        .expect("photo added");
    store.set_photo_in_report(p, true).expect("chosen");
    let rec = store.client(client).expect("the record reads back");
    let photos = store.report_photos(&rec);
    (rec, photos)
}

// ---------------------------------------------------------------------------------------------
// The tests.

#[test]
fn the_session_plan_is_tagged_with_its_steps_as_a_list_and_each_thumbnail_as_a_figure() {
    let c = content();
    let plan = common::neuropathy_plan(&c);
    let pdf = plan_export(&plan, &c, "tags_plan");
    let t = tagged(&pdf);
    common_checks(&t, "Reflexology session plan – AB – 2025-03-14");
    // The plan's title and the aftercare handout's: two documents in one file.
    assert_eq!(
        t.texts("H1"),
        [
            "Reflexology session plan",
            c.library.aftercare.title.as_str()
        ]
    );
    for h in ["Screening", "Session sequence", "Over the next day or two"] {
        assert!(
            t.texts("H2").iter().any(|t| t == h),
            "{h:?}: {:?}",
            t.texts("H2")
        );
    }
    // One figure per step, each saying which zone on which feet in which view.
    let n = plan.steps.len();
    assert!(n > 5);
    assert_eq!(t.count("Figure"), n, "a figure per step thumbnail");
    assert!(
        t.alts()
            .iter()
            .all(|a| a.starts_with("Chart thumbnail: ") && a.ends_with(" view")),
        "{:?}",
        t.alts()
    );
    assert!(
        t.alts()
            .contains(&"Chart thumbnail: Solar plexus on both feet, plantar view".to_owned()),
        "{:?}",
        t.alts()
    );
    // The steps: a numbered list, label then body, in step order.
    let step_items: Vec<&Elem> = t
        .of("LI")
        .into_iter()
        .filter(|li| li.text.contains(" min "))
        .collect();
    assert_eq!(step_items.len(), n, "a list item per step");
    let labels: Vec<String> = t.texts("Lbl").into_iter().take(n).collect();
    let numbers: Vec<String> = (1..=n).map(|i| i.to_string()).collect();
    assert_eq!(labels, numbers, "each step's number is its label, in order");
    assert!(
        step_items[3]
            .text
            .starts_with("4 Solar plexus 4 min Both feet")
    );
    // The facts under the title: a table of a header row and a row of values.
    assert!(t.count("Table") >= 1 && t.count("TH") >= 4 && t.count("TD") >= 4);
    assert_eq!(t.texts("TH")[..2], ["CLIENT", "DATE"]);
    assert_eq!(t.texts("TD")[..2], ["AB", "2025-03-14"]);
    // Bullets of the handout are lists too (advice, what to notice, urgent signs).
    assert!(t.count("L") >= 4, "{}", t.count("L"));
    // The outline lists the headings under the title.
    assert!(
        t.outline.iter().any(|o| o == "Session sequence"),
        "{:?}",
        t.outline
    );
}

#[test]
fn the_referral_note_is_tagged_and_has_no_figure() {
    let c = content();
    let rule = c
        .library
        .rules
        .iter()
        .find(|r| r.action == Action::StopAndRefer)
        .expect("a stop rule");
    let mut plan = common::neuropathy_plan(&c);
    plan.screening.insert(rule.id.clone(), Answer::Yes);
    let pdf = plan_export(&plan, &c, "tags_referral");
    let t = tagged(&pdf);
    common_checks(&t, "Referral note – AB – 2025-03-14");
    assert_eq!(t.texts("H1"), ["Referral note"]);
    assert_eq!(t.texts("H2"), ["Reason for referral", "Advice"]);
    assert!(t.texts("P").iter().any(|p| p == REFERRAL_ADVICE.trim()));
    assert!(
        t.texts("P")
            .iter()
            .any(|p| p.contains(rule.question.trim()))
    );
    // A referral note shows no chart: nothing to describe.
    assert_eq!(t.count("Figure"), 0);
}

#[test]
fn the_progress_report_is_tagged_with_its_tables_trend_chart_findings_chart_and_photo() {
    let c = content();
    let (rec, photos) = delivered_record(&c);
    let printed = reflexmap::records::date::today_iso();
    let pdf = progress_report_with(&rec, &ReportOptions::default(), &c.chart, &photos)
        .expect("report")
        .bytes;
    save(&pdf, "tags_report");
    let t = tagged(&pdf);
    common_checks(&t, &format!("Progress report – Ana Lima – {printed}"));
    assert_eq!(t.texts("H1"), ["Progress report"]);
    assert_eq!(
        t.texts("H2"),
        [
            "Client details",
            "Scores",
            "Scores over time",
            "Sessions",
            "Delivery and inspection",
            "Notes"
        ]
    );
    // Headings below: the sessions of the delivery and notes, and the SOAP parts.
    assert!(t.texts("H3").iter().any(|h| h == "Session of 2026-11-20"));
    assert!(
        t.texts("H3")
            .iter()
            .any(|h| h == "Zone responses over all sessions")
    );
    assert!(t.texts("H4").iter().any(|h| h == "SUBJECTIVE"));
    assert!(
        t.texts("H4")
            .iter()
            .any(|h| h == "Foot findings, plantar view")
    );
    // Tables: the details (label as row header), scores, sessions, delivered steps, zones.
    assert!(t.count("Table") >= 5, "{}", t.count("Table"));
    let th = t.texts("TH");
    for h in [
        "Name", "SYMPTOM", "FIRST", "LATEST", "STEP", "RESPONSE", "AREA",
    ] {
        assert!(th.iter().any(|t| t == h), "{h:?} in {th:?}");
    }
    assert!(t.texts("TD").iter().any(|d| d == "Ana Lima"));
    assert!(t.texts("TD").iter().any(|d| d == "Very tender"));
    // Three figures: the trend chart, the findings chart and the photo, each in words.
    let alts = t.alts();
    assert_eq!(alts.len(), 3, "{alts:?}");
    assert!(
        alts[0].starts_with(
            "Line chart of the scores (0 to 10) over time, from 2026-11-06 to 2026-11-20, \
             with 3 session days marked."
        ),
        "{alts:?}"
    );
    assert!(
        alts[0].contains("Numbness (left): 7 on 2026-11-06, latest 5 on 2026-11-20 (3 scores)."),
        "{alts:?}"
    );
    assert_eq!(
        alts[1],
        "Foot chart, plantar view of both feet, with numbered markers where finding 1 listed \
         beside it are"
    );
    assert_eq!(alts[2], "Photo: Finding 1: Callus, right foot (plantar)");
    // The findings beside their chart are a list; the photo's caption follows it.
    assert!(t.texts("LBody").iter().any(|l| l.starts_with("1. Callus")));
    assert!(
        t.texts("P")
            .iter()
            .any(|p| p == "Finding 1: Callus, right foot (plantar)")
    );
    // Reading order: the trend chart comes after its heading, before the sessions.
    let order: Vec<&str> = t
        .elems
        .iter()
        .filter(|e| e.role == "H2" || e.role == "Figure")
        .map(|e| {
            if e.role == "Figure" {
                "Figure"
            } else {
                e.text.trim()
            }
        })
        .collect();
    assert_eq!(
        order,
        [
            "Client details",
            "Scores",
            "Scores over time",
            "Figure",
            "Sessions",
            "Delivery and inspection",
            "Figure",
            "Figure",
            "Notes"
        ]
    );
}

#[test]
fn the_home_diary_is_tagged_with_its_grids_as_tables() {
    let c = content();
    let d = ClientDetails {
        name: "Maria Souza".into(),
        ..Default::default()
    };
    for (days, title, rows) in [
        (2, "Home diary: the next two days", "After 48 hours"),
        (7, "Home diary: the next seven days", "Day 7"),
    ] {
        let pdf = diary_sheet(Some(&d), days, Paper::A4, &c.library)
            .expect("diary")
            .bytes;
        save(&pdf, &format!("tags_diary_{days}"));
        let t = tagged(&pdf);
        common_checks(&t, "Home diary – Maria Souza");
        assert_eq!(t.texts("H1"), [title]);
        assert_eq!(
            t.texts("H2"),
            [
                "The scales",
                "Your scores (0–10)",
                "What to notice, compared with before the session",
                "Get medical help urgently if you notice"
            ]
        );
        // Two grids: header cells over the columns, a row header per time of day.
        assert_eq!(t.count("Table"), 2);
        let th = t.texts("TH");
        assert!(th.iter().any(|h| h == "L") && th.iter().any(|h| h == "R"));
        assert!(th.iter().any(|h| h.starts_with(rows)), "{rows:?} in {th:?}");
        assert!(
            t.texts("P")
                .iter()
                .any(|p| p.starts_with("Name: Maria Souza"))
        );
        // The diary draws no picture.
        assert_eq!(t.count("Figure"), 0);
    }
}

#[test]
fn text_the_pdf_ua_validator_rejects_still_prints_tagged_without_the_claim() {
    let c = content();
    // A bell character typed into a name: the embedded font has no glyph for it, so it is
    // drawn with `.notdef`, which PDF/UA-1 forbids.
    let d = ClientDetails {
        name: "Maria\u{7}Souza".into(),
        ..Default::default()
    };
    let pdf = diary_sheet(Some(&d), 2, Paper::A4, &c.library)
        .expect("the diary still prints")
        .bytes;
    save(&pdf, "tags_fallback");
    let t = tagged(&pdf);
    assert!(!t.is_ua1(), "no PDF/UA-1 claim for content it rejects");
    assert_eq!(t.lang, "en");
    assert_eq!(t.texts("H1"), ["Home diary: the next two days"]);
    assert!(t.count("Table") == 2 && t.count("P") >= 3);
}
