//! Clients mode driven as a therapist would, by button labels and field names: a new client
//! with consent, a session from the neuropathy template, scores, a SOAP note, signing, an
//! addendum, a 24 h follow-up with an urgent sign, and the warning on the next session.

mod common;

use egui_kittest::kittest::Queryable;
use reflexmap::records::book::{ClientsBook, ClientsCommand, Screen, SessionChange, SoapPart};
use reflexmap::records::{
    ClientDetails, Followup, Scores, SessionDraft, Side, Store, Symptom, UrgentSign, date,
};
use reflexmap::ui::{Command, Mode};

type H = common::AppHarness;

/// The passphrase the first test sets.
fn key() -> reflexmap::records::Key {
    reflexmap::records::Key::Passphrase("tulip kettle orbit 42".into())
}

fn clients_app(book: ClientsBook) -> H {
    common::new_harness()
        .mode(Mode::Clients)
        .clients(book)
        .build()
}

/// Scroll a control into view when it is outside the window (a scroll animates, so it is done
/// and settled before the pointer goes there).
fn reveal(h: &mut H, label: &str) {
    let r = h.get_by_label(label).rect();
    if r.top() < 60.0 || r.bottom() > common::SIZE[1] - 10.0 {
        h.get_by_label(label).scroll_to_me();
        for _ in 0..4 {
            h.run();
        }
    }
}

fn type_into(h: &mut H, label: &str, text: &str) {
    reveal(h, label);
    h.get_by_label(label).focus();
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

fn click(h: &mut H, label: &str) {
    reveal(h, label);
    h.get_by_label(label).click();
    h.run();
}

#[test]
fn a_session_is_recorded_signed_amended_and_followed_up() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("records.sqlite3");
    let mut h = clients_app(ClientsBook::at(Some(path.clone())));
    // First use: the records are encrypted under a passphrase typed twice.
    h.get_by_label("Protect the client records");
    type_into(&mut h, "Passphrase", "tulip kettle orbit 42");
    type_into(&mut h, "Passphrase again", "tulip kettle orbit 42");
    h.get_by_label("Strong.");
    click(&mut h, "Encrypt the records with this passphrase");
    assert!(h.state().clients().is_encrypted());
    h.get_by_label_contains("No clients yet");

    // New client with consent to treatment.
    click(&mut h, "New client");
    type_into(&mut h, "Name", "Ana \"Nita\" Lima");
    click(&mut h, "Consent to treatment");
    click(&mut h, "Add client");
    let book = h.state().clients();
    assert_eq!(book.screen, Screen::Client);
    let rec = book.client.as_ref().expect("the new client's page");
    assert_eq!(rec.details.name, "Ana \"Nita\" Lima");
    assert_eq!(rec.details.consent.treatment, Some(date::today_iso()));

    // A session from the neuropathy template (the first in the list).
    click(&mut h, "Start from template");
    let edit = h.state().clients().session.as_ref().expect("a session");
    assert_eq!(edit.plan.template.as_deref(), Some("neuropathy_gentle"));
    assert!(!edit.plan.steps.is_empty());
    h.get_by_label_contains("Plan as delivered:").click();
    h.run();
    assert!(
        h.query_all_by_label_contains(". Solar plexus — Both feet")
            .count()
            >= 1,
        "steps are named by the chart's zone names"
    );
    click(&mut h, "Answer all unanswered: No");
    h.get_by_label_contains("Proceed: no red flags");

    // Scores and a SOAP note, each saved as typed.
    type_into(&mut h, "Numbness (left) before", "7");
    type_into(&mut h, "Numbness (left) after", "5");
    type_into(&mut h, "Overall pain before", "4");
    type_into(&mut h, "Subjective", "Feet \"like wood\" at night");
    type_into(&mut h, "Assessment", "Relaxed; no discomfort");
    let id = h.state().clients().session.as_ref().unwrap().id;
    {
        let stored = Store::open_with(&path, &key())
            .unwrap()
            .session(id)
            .unwrap();
        assert_eq!(stored.pre.get(Symptom::Numbness, Side::Left), Some(7));
        assert_eq!(stored.post.get(Symptom::Numbness, Side::Left), Some(5));
        assert_eq!(stored.pre.get(Symptom::OverallPain, Side::Both), Some(4));
        assert_eq!(stored.soap.subjective, "Feet \"like wood\" at night");
        assert!(stored.verdict.starts_with("Proceed"), "{}", stored.verdict);
    }

    // An out-of-range score is not saved.
    type_into(&mut h, "Tingling (right) before", "1");
    h.get_by_label("Tingling (right) before").type_text("2");
    h.run();
    let session = &h.state().clients().session.as_ref().unwrap().session;
    assert_eq!(
        session.pre.get(Symptom::Tingling, Side::Right),
        Some(1),
        "the 1 was kept, 12 refused"
    );

    // Sign: asked first, then locked.
    click(&mut h, "Sign session");
    h.get_by_label("Sign this session?");
    click(&mut h, "Sign");
    let session = &h.state().clients().session.as_ref().unwrap().session;
    assert!(session.is_signed());
    h.get_by_label_contains("Signed ");

    // An edit is refused, by the book and by the database.
    common::apply(
        &mut h,
        Command::Clients(ClientsCommand::Edit(SessionChange::Soap(
            SoapPart::Plan,
            "changed later".into(),
        ))),
    );
    h.get_by_label_contains("is signed: it cannot be changed");
    assert_eq!(
        Store::open_with(&path, &key())
            .unwrap()
            .session(id)
            .unwrap()
            .soap
            .plan,
        ""
    );
    click(&mut h, "Dismiss");

    // An addendum, dated, under the note.
    type_into(
        &mut h,
        "New addendum",
        "Client phoned: slept well that night",
    );
    click(&mut h, "Add addendum");
    h.get_by_label_contains("Addendum, ");
    h.get_by_label("Client phoned: slept well that night");

    // A 24 h follow-up with an urgent sign: its advice shows in the form and on the record.
    click(&mut h, "Add 24 h follow-up");
    // The form sizes itself over its first frames (a modal is centred on its last size).
    for _ in 0..3 {
        h.run();
    }
    click(&mut h, "A wound, blister or broken skin");

    let library = h.state().library().clone();
    let advice = &library.aftercare.urgent[UrgentSign::Wound.index()];
    h.get_by_label(&format!("→ {advice}"));
    type_into(
        &mut h,
        "Note (the client's words)",
        "blister on the left heel",
    );
    type_into(&mut h, "Numbness (left) now", "6");
    click(&mut h, "Save follow-up");
    h.get_by_label_contains("⚠ Urgent: A wound");
    let f = &h
        .state()
        .clients()
        .session
        .as_ref()
        .unwrap()
        .session
        .followups[0];
    assert_eq!(
        (f.hours, f.urgent.as_slice()),
        (24, &[UrgentSign::Wound][..])
    );
    assert_eq!(f.scores.get(Symptom::Numbness, Side::Left), Some(6));

    // Back on the client's page the warning shows; the next session's screening shows it too.
    click(&mut h, "← Ana \"Nita\" Lima");
    h.get_by_label_contains("Urgent sign reported at the 24 h follow-up");
    click(&mut h, "From the last session");
    h.get_by_label_contains("Urgent sign reported at the 24 h follow-up");
    let rules = h
        .state()
        .library()
        .rules_for(reflexmap::model::Limb::Foot)
        .count();
    assert_eq!(
        h.query_all_by_label("last time: no").count(),
        rules,
        "every answer shown to confirm"
    );
    let edit = h.state().clients().session.as_ref().unwrap();
    assert!(
        edit.plan.screening.is_empty(),
        "last time's answers are hints only"
    );
    assert_eq!(edit.flags.len(), 1);
}

#[test]
fn the_list_filters_sorts_and_opens_with_the_keyboard() {
    let mut store = Store::open_in_memory().unwrap();
    for name in ["Zoë Adams", "Bob Brown", "Анна Смирнова"] {
        store
            .add_client(&ClientDetails {
                name: name.into(),
                ..Default::default()
            })
            .unwrap();
    }
    let mut h = clients_app(ClientsBook::with_store(store));
    h.get_by_label("Bob Brown");
    type_into(&mut h, "Search clients", "анна");
    assert_eq!(
        h.state()
            .clients_view()
            .shown(&h.state().clients().list)
            .len(),
        1
    );
    assert!(h.query_by_label("Bob Brown").is_none());
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(
        h.state()
            .clients()
            .client
            .as_ref()
            .map(|c| c.details.name.as_str()),
        Some("Анна Смирнова")
    );
    click(&mut h, "← All clients");
    h.get_by_label("Search clients").focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.key_press(egui::Key::Backspace);
    h.run();
    click(&mut h, "Name ▲");
    let view = h.state().clients_view();
    let names: Vec<&str> = view
        .shown(&h.state().clients().list)
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(
        names,
        ["Анна Смирнова", "Zoë Adams", "Bob Brown"],
        "name, descending"
    );
}

#[test]
fn a_damaged_records_file_is_reported_and_other_modes_keep_working() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("records.sqlite3");
    let garbage = b"SQLite format 3\0 but then nothing that makes sense, only garbage".repeat(40);
    std::fs::write(&path, &garbage).unwrap();
    let mut h = clients_app(ClientsBook::at(Some(path.clone())));
    h.get_by_label("Client records are not available");
    h.get_by_label_contains("Nothing was changed or deleted");
    click(&mut h, "Try again");
    h.get_by_label("Client records are not available");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        garbage,
        "the file is left as it was"
    );
    click(&mut h, "Explore");
    h.get_by_label("Plantar");
}

/// A client with four weekly sessions and follow-ups, fixed dates (for the snapshots).
pub fn sample_book() -> ClientsBook {
    let mut db = Store::open_in_memory().unwrap();
    let plan = reflexmap::plan::plan_to_string(&reflexmap::plan::Plan::from_template(
        reflexmap::load::embedded_content()
            .unwrap()
            .library
            .template("neuropathy_gentle")
            .unwrap(),
    ))
    .unwrap();
    let c = db
        .add_client(&ClientDetails {
            name: "Margaret O'Brien".into(),
            initials: "MO".into(),
            born: Some(1951),
            background: reflexmap::records::Background::Diabetic,
            referrer: "Dr Patel, Riverside surgery".into(),
            consent: reflexmap::records::Consent {
                treatment: Some("2026-10-01".into()),
                ..Default::default()
            },
            ..Default::default()
        })
        .unwrap();
    for name in ["Bob Brown", "Ελένη Παπαδοπούλου"] {
        db.add_client(&ClientDetails {
            name: name.into(),
            ..Default::default()
        })
        .unwrap();
    }
    db.execute_raw("UPDATE client SET created = '2026-10-01 09:00 UTC'")
        .unwrap();
    let days = ["2026-10-05", "2026-10-12", "2026-10-19", "2026-10-26"];
    for (i, d) in days.iter().enumerate() {
        let i = i as u8;
        let s = db
            .add_session(
                c,
                &SessionDraft {
                    date: (*d).into(),
                    plan_ron: plan.clone(),
                    verdict: "Proceed: no red flags".into(),
                    pre: Scores::parse(&format!(
                        "numbness.left={},numbness.right={},tingling.left={},pain={},sleep={}",
                        8 - i,
                        7 - i / 2,
                        6 - i,
                        5 - i / 2,
                        4 + i
                    ))
                    .unwrap(),
                    post: Scores::parse(&format!("numbness.left={},pain={}", 7 - i, 4 - i / 2))
                        .unwrap(),
                    soap: reflexmap::records::Soap {
                        subjective: "Feet cold at night".into(),
                        ..Default::default()
                    },
                },
            )
            .unwrap();
        if i < 3 {
            let next = date::iso(date::parse(d).unwrap() + 1);
            db.add_followup(
                s,
                &Followup {
                    hours: 24,
                    date: next,
                    scores: Scores::parse(&format!("numbness.left={}", 7 - i)).unwrap(),
                    urgent: if i == 2 {
                        vec![UrgentSign::Wound]
                    } else {
                        vec![]
                    },
                    note: if i == 2 {
                        "small blister on the left heel".into()
                    } else {
                        String::new()
                    },
                    ..Default::default()
                },
            )
            .unwrap();
            db.sign_session(s).unwrap();
        }
    }
    ClientsBook::with_store(db)
}

#[test]
fn snapshots_of_the_list_a_client_page_and_a_session() {
    let mut h = common::new_harness()
        .mode(Mode::Clients)
        .clients(sample_book())
        .build();
    h.get_by_label("Margaret O'Brien");
    h.snapshot("clients_list");
    click(&mut h, "Margaret O'Brien");
    h.get_by_label("First and latest");
    h.run();
    h.snapshot("client_page");
    click(&mut h, "Session of 2026-10-26");
    h.get_by_label_contains("Urgent sign reported at the 24 h follow-up (2026-10-20)");
    h.snapshot("client_session");
}

#[test]
fn snapshot_of_a_client_page_in_dark_theme() {
    let mut h = common::new_harness()
        .mode(Mode::Clients)
        .dark()
        .clients(sample_book())
        .build();
    click(&mut h, "Margaret O'Brien");
    h.get_by_label("First and latest");
    h.run();
    h.snapshot("client_page_dark");
}

#[test]
fn details_and_consent_on_the_page_save_as_typed_once_valid() {
    let mut h = clients_app(sample_book());
    click(&mut h, "Margaret O'Brien");
    type_into(&mut h, "Medicines", "metformin");
    click(&mut h, "Consent to photos");
    type_into(&mut h, "Year of birth", "9");
    h.get_by_label_contains("Not saved yet: the year of birth 19519 is not plausible");
    let stored = |h: &H| {
        let book = h.state().clients();
        let id = book.client.as_ref().unwrap().id;
        book.store().unwrap().client_details(id).unwrap()
    };
    let d = stored(&h);
    assert_eq!(d.medicines, "metformin");
    assert_eq!(d.consent.photos, Some(date::today_iso()));
    assert_eq!(d.born, Some(1951), "an implausible year is not stored");
}

#[test]
fn a_session_opens_as_an_unsaved_copy_in_plan_and_the_record_keeps_its_own() {
    let mut h = clients_app(sample_book());
    click(&mut h, "Margaret O'Brien");
    click(&mut h, "Session of 2026-10-19");
    click(&mut h, "Open a copy in Plan");
    assert_eq!(h.state().settings().mode, Mode::Plan);
    let plan = h.state().plan();
    assert!(
        plan.is_dirty() && plan.path().is_none(),
        "an untitled, unsaved copy"
    );
    assert_eq!(plan.plan().template.as_deref(), Some("neuropathy_gentle"));
    common::apply(
        &mut h,
        Command::Plan(reflexmap::plan::PlanCommand::RemoveStep(0)),
    );
    let book = h.state().clients();
    let s = book.session.as_ref().unwrap();
    let snapshot = reflexmap::plan::parse_snapshot(&s.session.plan_ron).unwrap();
    assert_eq!(
        snapshot.steps.len(),
        h.state().plan().plan().steps.len() + 1
    );
}

#[test]
fn scores_export_as_csv_from_the_client_page() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = clients_app(sample_book());
    click(&mut h, "Margaret O'Brien");
    click(&mut h, "Export scores (CSV)…");
    assert_eq!(
        h.state()
            .clients()
            .export_name(reflexmap::records::book::ExportKind::ScoresCsv),
        format!("scores-MO-{}.csv", date::today_iso())
    );
    let path = dir.path().join("scores.csv");
    common::apply(
        &mut h,
        Command::FilePicked(reflexmap::ui::FilePick {
            purpose: reflexmap::ui::FilePurpose::ExportScoresCsv,
            path: path.clone(),
        }),
    );
    let csv = std::fs::read_to_string(&path).unwrap();
    assert!(
        csv.starts_with(reflexmap::records::text::CSV_HEADER),
        "{csv}"
    );
    assert!(
        csv.contains("2026-10-05") && csv.contains("numbness"),
        "{csv}"
    );
    h.get_by_label(&format!("Saved {}", path.display()));
}

/// Text of every page of a PDF, whitespace collapsed (so wrapped sentences match).
fn pdf_text(path: &std::path::Path) -> Vec<String> {
    let doc = lopdf::Document::load(path).expect("the PDF parses");
    doc.get_pages()
        .keys()
        .map(|n| {
            let t = doc.extract_text(&[*n]).expect("page text extracts");
            t.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

#[test]
fn the_progress_report_prints_the_chosen_sections_and_the_causation_statement() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = clients_app(sample_book());
    click(&mut h, "Margaret O'Brien");
    click(&mut h, "Progress report…");
    h.get_by_label("Sections to print:");
    h.get_by_label_contains("No consent to share a report is on record");
    click(&mut h, "Notes, addenda and follow-ups");
    click(&mut h, "Choose file…");
    let report = h.state().clients().report.clone();
    assert!(!report.notes && report.scores && report.trend, "{report:?}");
    let path = dir.path().join("report.pdf");
    common::apply(
        &mut h,
        Command::FilePicked(reflexmap::ui::FilePick {
            purpose: reflexmap::ui::FilePurpose::ExportReport,
            path: path.clone(),
        }),
    );
    h.get_by_label(&format!("Saved {}", path.display()));
    let text = pdf_text(&path).join(" ");
    assert!(text.contains("Progress report"), "{text}");
    assert!(text.contains("Margaret O'Brien"), "{text}");
    let caveat = reflexmap::records::TREND_CAVEAT
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains(&caveat[..60]),
        "the causation statement is printed: {text}"
    );
    // The scores table: numbness (left) was 8 first and 4 latest (the after-score of the last
    // session), each session's before → after.
    assert!(text.contains("Numbness (left)"), "{text}");
    assert!(
        text.contains("2026-10-05") && text.contains("2026-10-26"),
        "{text}"
    );
    assert!(
        !text.contains("Feet cold at night"),
        "the notes were left out: {text}"
    );

    // The home diary sheet, for a week, with the client's name.
    common::apply(
        &mut h,
        Command::Clients(ClientsCommand::SetReport(
            reflexmap::records::book::ReportChoice {
                diary_days: 7,
                ..report
            },
        )),
    );
    let sheet = dir.path().join("sheet.pdf");
    common::apply(
        &mut h,
        Command::FilePicked(reflexmap::ui::FilePick {
            purpose: reflexmap::ui::FilePurpose::ExportDiarySheet,
            path: sheet.clone(),
        }),
    );
    let text = pdf_text(&sheet).join(" ");
    assert!(
        text.contains("Margaret O'Brien") && text.contains("Day 7"),
        "{text}"
    );
}
