//! Delivering a session as a therapist at the couch would, by button labels and keys with a
//! fake clock: the runner (pause, +1 min, skip), responses tapped, findings placed on the chart,
//! the touch test proposing an answer that screening only takes when confirmed, the heat map
//! after three sessions, and photos refused without consent and stripped of metadata with it.

mod common;

use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use egui_kittest::kittest::Queryable;
use reflexmap::model::{Foot, FootSel, Pressure, ViewKind};
use reflexmap::plan::{Answer, Plan, evaluate};
use reflexmap::records::book::{ClientsBook, ClientsCommand, Screen, SessionSource};
use reflexmap::records::delivery::{FindingKind, Response, StepRecord, StepStatus};
use reflexmap::records::runner::{Clock, advance};
use reflexmap::records::{Background, ClientDetails, SessionDraft, Store};
use reflexmap::ui::Mode;

type H = common::AppHarness;

const SIZE: [f32; 2] = [1366.0, 768.0];

fn library() -> reflexmap::model::Library {
    reflexmap::load::embedded_content().unwrap().library
}

/// A diabetic client (with photo consent when asked) and an open draft session of three
/// steps, screening answered "no" throughout; the app on that session at laptop size.
fn app_on_a_session(photo_consent: bool) -> (H, Arc<AtomicU64>) {
    let lib = library();
    let (clock, cell) = Clock::fake();
    let mut book = ClientsBook::with_store(Store::open_in_memory().unwrap()).with_clock(clock);
    let mut details = ClientDetails {
        name: "Ana Lima".into(),
        background: Background::Diabetic,
        ..Default::default()
    };
    details.consent.treatment = Some("2026-11-01".into());
    if photo_consent {
        details.consent.photos = Some("2026-11-01".into());
    }
    book.apply(ClientsCommand::AddClient(details), &lib);
    let mut plan = Plan::from_template(lib.template("neuropathy_gentle").unwrap());
    plan.steps.truncate(3);
    for (i, s) in plan.steps.iter_mut().enumerate() {
        s.minutes = [2.0, 1.0, 3.0][i];
    }
    for r in &lib.rules {
        plan.screening.insert(r.id.clone(), Answer::No);
    }
    book.apply(
        ClientsCommand::NewSession(SessionSource::OpenPlan(Box::new(plan))),
        &lib,
    );
    assert_eq!(book.screen, Screen::Session);
    let h = common::new_harness()
        .mode(Mode::Clients)
        .size(SIZE)
        .clients(book)
        .build();
    (h, cell)
}

fn click(h: &mut H, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

fn tick(h: &mut H, cell: &AtomicU64, secs: f64) {
    advance(cell, secs);
    h.run();
}

fn runner_step(h: &H) -> usize {
    let edit = h.state().clients().session.as_ref().unwrap();
    edit.runner.as_ref().expect("the runner is open").step
}

#[test]
fn a_three_step_session_is_delivered_with_pause_skip_and_one_more_minute() {
    let (mut h, cell) = app_on_a_session(false);
    click(&mut h, "▶ Deliver session");
    assert_eq!(h.state().clients().screen, Screen::Deliver);
    h.get_by_label("2:00");

    // Step 1: Space starts it; a minute and a half later the client finds it tender.
    h.key_press(egui::Key::Space);
    h.run();
    tick(&mut h, &cell, 90.0);
    h.get_by_label("0:30");
    click(&mut h, "2 Tender");
    click(&mut h, "Next ▶");
    assert_eq!(runner_step(&h), 1);

    // Step 2: still running; paused while the client turns; one more minute; not felt.
    tick(&mut h, &cell, 20.0);
    h.key_press(egui::Key::Space);
    h.run();
    tick(&mut h, &cell, 300.0);
    h.get_by_label("0:40");
    click(&mut h, "+1 min");
    h.get_by_label("1:40");
    h.key_press(egui::Key::Num4);
    h.run();
    h.key_press(egui::Key::ArrowRight);
    h.run();
    assert_eq!(runner_step(&h), 2);

    // Step 3: a zone, lit on its foot; skipped, which ends delivery.
    h.snapshot("deliver_runner");
    click(&mut h, "Skip");
    let book = h.state().clients();
    assert_eq!(book.screen, Screen::Session);
    let id = book.session.as_ref().unwrap().id;
    let stored = book.store().unwrap().session(id).unwrap().delivery;
    let got: Vec<_> = stored
        .steps
        .iter()
        .map(|s| (s.step, s.response, s.status))
        .collect();
    assert_eq!(
        got,
        [
            (0, Some(Response::Tender), StepStatus::Done),
            (1, Some(Response::NotFelt), StepStatus::Shortened),
            (2, None, StepStatus::Skipped),
        ]
    );
    assert!(
        (stored.steps[0].minutes - 1.5).abs() < 0.05,
        "{:?}",
        stored.steps[0]
    );
    assert!((stored.steps[1].minutes - 20.0 / 60.0).abs() < 0.05);
    assert!(stored.run.is_none(), "delivery is over");
    h.get_by_label_contains("1. ");
    h.get_by_label("Tender");
    h.get_by_label("Skipped");
}

#[test]
fn leaving_the_runner_mid_session_offers_to_resume_there() {
    let (mut h, cell) = app_on_a_session(false);
    click(&mut h, "▶ Deliver session");
    h.key_press(egui::Key::Space);
    h.run();
    tick(&mut h, &cell, 130.0);
    h.key_press(egui::Key::ArrowRight);
    h.run();
    tick(&mut h, &cell, 15.0);
    click(&mut h, "← Session record");
    h.get_by_label_contains("Delivery stopped at step 2 of 3 (0:15 into it)");
    click(&mut h, "▶ Resume delivery");
    assert_eq!(runner_step(&h), 1);
    h.get_by_label("0:45");
}

#[test]
fn a_paused_runner_draws_nothing_more_and_a_running_one_once_a_second() {
    let (mut h, _cell) = app_on_a_session(false);
    click(&mut h, "▶ Deliver session");
    h.run();
    h.step();
    let delay = h.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay;
    assert!(
        delay >= std::time::Duration::from_secs(60),
        "paused: no frame asked for but the idle lock's, minutes away ({delay:?})"
    );
    h.key_press(egui::Key::Space);
    h.run();
    h.step();
    let delay = h.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay;
    assert!(
        delay > std::time::Duration::from_millis(900) && delay <= std::time::Duration::from_secs(1),
        "running: the next frame when the figure changes, {delay:?}"
    );
}

/// Click the inspection chart at a point given in the chart file's terms on one foot.
fn click_on_foot(h: &mut H, foot: Foot, at: (f32, f32)) {
    let t = h
        .state()
        .clients_view()
        .inspect
        .transform
        .expect("the inspection chart was drawn");
    let geo = h.state().geometry(ViewKind::Plantar, FootSel::Both);
    let c = geo.place_normalized(foot, at).unwrap();
    let s = t.to_screen(c);
    click_at(h, egui::pos2(s.x, s.y));
}

fn click_at(h: &mut H, pos: egui::Pos2) {
    h.hover_at(pos);
    h.run();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    h.run();
}

fn choose_kind(h: &mut H, kind: FindingKind) {
    click(h, kind.label());
}

fn verdict(h: &H) -> String {
    let edit = h.state().clients().session.as_ref().unwrap();
    evaluate(&library().rules, &edit.plan)
        .shown_verdict()
        .label()
        .to_owned()
}

#[test]
fn findings_and_the_touch_test_propose_screening_answers_to_confirm() {
    let (mut h, _) = app_on_a_session(false);
    click(&mut h, "Foot inspection and touch test");
    assert_eq!(h.state().clients().screen, Screen::Inspect);
    assert_eq!(verdict(&h), "Proceed");

    choose_kind(&mut h, FindingKind::Callus);
    click_on_foot(&mut h, Foot::Right, (0.5, 0.9));
    choose_kind(&mut h, FindingKind::DrySkin);
    click_on_foot(&mut h, Foot::Left, (0.3, 0.6));
    // Off the foot (between the two feet): refused, said, nothing placed.
    let t = h.state().clients_view().inspect.transform.unwrap();
    let geo = h.state().geometry(ViewKind::Plantar, FootSel::Both);
    let between = reflexmap::geometry::Point::new(geo.bounds.center().x, geo.bounds.max.y * 0.5);
    assert!(geo.foot_at(between).is_none());
    let s = t.to_screen(between);
    click_at(&mut h, egui::pos2(s.x, s.y));
    h.get_by_label_contains("A finding goes on the foot");
    let edit = h.state().clients().session.as_ref().unwrap();
    let kinds: Vec<_> = edit
        .session
        .delivery
        .findings
        .iter()
        .map(|f| (f.kind, f.foot))
        .collect();
    assert_eq!(
        kinds,
        [
            (FindingKind::Callus, Foot::Right),
            (FindingKind::DrySkin, Foot::Left)
        ]
    );

    // Touch test: left toe 1 and right toe 5 not felt, the rest felt.
    for foot in ["left", "right"] {
        for toe in [1, 3, 5] {
            let not_felt = (foot, toe) == ("left", 1) || (foot, toe) == ("right", 5);
            let word = if not_felt { "Not felt" } else { "Felt" };
            click(&mut h, &format!("{word}: {foot} toe {toe}"));
        }
    }
    h.get_by_label_contains("2 of 6 not felt");
    let question = library()
        .rule("loss_of_protective_sensation")
        .unwrap()
        .question
        .clone();
    // Proposed, not answered: the verdict is unchanged until confirmed.
    h.get_by_label_contains("Ipswich Touch Test: 2 of the 6 toes not felt");
    assert_eq!(verdict(&h), "Proceed");
    let edit = h.state().clients().session.as_ref().unwrap();
    assert_eq!(
        edit.plan.screening.get("loss_of_protective_sensation"),
        Some(&Answer::No)
    );
    h.snapshot("deliver_inspection");
    click(&mut h, &format!("Confirm yes: {question}"));
    let edit = h.state().clients().session.as_ref().unwrap();
    assert_eq!(
        edit.plan.screening.get("loss_of_protective_sensation"),
        Some(&Answer::Yes)
    );
    assert_eq!(verdict(&h), "Adapt");
    assert!(
        h.query_by_label_contains("Ipswich Touch Test: 2 of the 6")
            .is_none(),
        "a confirmed proposal is not proposed again"
    );
}

#[test]
fn an_ulcer_on_the_chart_proposes_the_stop_rule_and_confirming_blocks_delivery() {
    let (mut h, _) = app_on_a_session(false);
    click(&mut h, "Foot inspection and touch test");
    choose_kind(&mut h, FindingKind::Ulcer);
    click_on_foot(&mut h, Foot::Left, (0.5, 0.8));
    let lib = library();
    let ulcer = lib.rule("diabetic_foot_ulcer").unwrap().question.clone();
    assert!(
        h.query_all_by_label_contains("Ulcer or open wound marked on the left foot")
            .count()
            >= 2,
        "the open-wound rule and, for a diabetic client, the ulcer rule"
    );
    click(&mut h, &format!("Confirm yes: {ulcer}"));
    assert_eq!(verdict(&h), "Stop and refer");
    click(&mut h, "← Session record");
    click(&mut h, "▶ Deliver session");
    assert_eq!(
        h.state().clients().screen,
        Screen::Session,
        "a stop verdict blocks the runner"
    );
    h.get_by_label_contains("the runner is not available");
}

#[test]
fn last_sessions_findings_are_shown_to_tick_still_there_or_resolved() {
    let (mut h, _) = app_on_a_session(false);
    click(&mut h, "Foot inspection and touch test");
    choose_kind(&mut h, FindingKind::Corn);
    click_on_foot(&mut h, Foot::Left, (0.3, 0.3));
    choose_kind(&mut h, FindingKind::Nail);
    click_on_foot(&mut h, Foot::Right, (0.7, 0.5));
    let placed = &h
        .state()
        .clients()
        .session
        .as_ref()
        .unwrap()
        .session
        .delivery
        .findings;
    assert_eq!(placed.len(), 2, "{placed:?}");
    click(&mut h, "← Session record");
    let ctx = h.ctx.clone();
    for c in [
        ClientsCommand::CloseSession,
        ClientsCommand::NewSession(SessionSource::LastSession),
        ClientsCommand::Inspect,
    ] {
        h.state_mut()
            .apply(&ctx, reflexmap::ui::Command::Clients(c));
    }
    h.run();
    h.get_by_label("From the last session");
    click(&mut h, "Still there: Corn, left foot (plantar)");
    click(&mut h, "Resolved: Nail problem, right foot (plantar)");
    let edit = h.state().clients().session.as_ref().unwrap();
    let got: Vec<_> = edit
        .session
        .delivery
        .findings
        .iter()
        .map(|f| (f.kind, f.status, f.follows.is_some()))
        .collect();
    assert_eq!(
        got,
        [
            (
                FindingKind::Corn,
                reflexmap::records::delivery::FindingStatus::Still,
                true
            ),
            (
                FindingKind::Nail,
                reflexmap::records::delivery::FindingStatus::Resolved,
                true
            ),
        ]
    );
    // Ticking the other way replaces the tick.
    click(&mut h, "Resolved: Corn, left foot (plantar)");
    let edit = h.state().clients().session.as_ref().unwrap();
    assert_eq!(edit.session.delivery.findings.len(), 2);
    assert!(
        edit.session
            .delivery
            .findings
            .iter()
            .all(|f| f.status == reflexmap::records::delivery::FindingStatus::Resolved)
    );
}

fn past_session(store: &mut Store, client: i64, date: &str, kidney: Response) {
    let lib = library();
    let plan = Plan::from_template(lib.template("neuropathy_gentle").unwrap());
    let s = store
        .add_session(
            client,
            &SessionDraft {
                date: date.into(),
                plan_ron: reflexmap::plan::plan_to_string(&plan).unwrap(),
                ..Default::default()
            },
        )
        .unwrap();
    for (i, (zone, foot, r)) in [
        ("kidney", FootSel::Left, kidney),
        ("solar_plexus", FootSel::Both, Response::Comfortable),
    ]
    .into_iter()
    .enumerate()
    {
        store
            .set_step(
                s,
                &StepRecord {
                    step: i,
                    zone: Some(zone.into()),
                    foot,
                    response: Some(r),
                    status: StepStatus::Done,
                    minutes: 2.0,
                    pressure: Pressure::Light,
                },
            )
            .unwrap();
    }
    store.sign_session(s).unwrap();
}

#[test]
fn the_heat_map_shows_how_often_each_zone_was_tender_over_three_sessions() {
    let lib = library();
    assert!(
        reflexmap::load::embedded_content()
            .unwrap()
            .chart
            .zone("kidney")
            .is_some()
    );
    let mut store = Store::open_in_memory().unwrap();
    let c = store
        .add_client(&ClientDetails {
            name: "Ana Lima".into(),
            ..Default::default()
        })
        .unwrap();
    past_session(&mut store, c, "2026-10-01", Response::Tender);
    past_session(&mut store, c, "2026-10-15", Response::VeryTender);
    past_session(&mut store, c, "2026-11-01", Response::NotFelt);
    let mut book = ClientsBook::with_store(store);
    book.apply(ClientsCommand::SelectClient(c), &lib);
    let mut h = common::new_harness()
        .mode(Mode::Clients)
        .size(SIZE)
        .clients(book)
        .build();
    h.get_by_label("Zone-response heat map, plantar view")
        .scroll_to_me();
    for _ in 0..4 {
        h.run();
    }
    h.get_by_label_contains("(left foot): tender in 2 of 3 sessions");
    h.snapshot("deliver_heat_map");
    click(&mut h, "Not felt");
    h.get_by_label_contains("(left foot): not felt in 1 of 3 sessions");
    click(&mut h, "3");
    h.get_by_label_contains("not felt in 1 of 3 sessions");
}

/// A dropped file, as the window system hands it over.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn drop_file(h: &mut H, path: &std::path::Path) {
    h.input_mut()
        .dropped_files
        .push(Arc::new(Dropped(path.to_owned())));
    h.run();
}

/// A small JPEG with an EXIF block (camera make and a GPS pointer) spliced in after SOI.
fn jpeg_with_exif(path: &std::path::Path) {
    let img = image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8 * 3, y as u8 * 4, 90]));
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
        .encode_image(&img)
        .unwrap();
    // TIFF, little endian: one IFD with Make = "Cam" and a GPS IFD pointer.
    let mut tiff: Vec<u8> = b"II*\0\x08\0\0\0".to_vec();
    tiff.extend_from_slice(&2u16.to_le_bytes());
    tiff.extend_from_slice(&[0x0f, 0x01, 2, 0, 4, 0, 0, 0, b'C', b'a', b'm', 0]);
    tiff.extend_from_slice(&[0x25, 0x88, 4, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
    tiff.extend_from_slice(&0u32.to_le_bytes());
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let len = (app1.len() + 2) as u16;
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&jpeg[2..]);
    assert!(reflexmap::records::photo::has_metadata(&out));
    std::fs::write(path, out).unwrap();
}

#[test]
fn a_photo_is_refused_without_consent_and_stored_without_metadata_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let photo = dir.path().join("heel.jpg");
    jpeg_with_exif(&photo);

    let (mut h, _) = app_on_a_session(false);
    click(&mut h, "Foot inspection and touch test");
    h.get_by_label_contains("No photo consent on record");
    drop_file(&mut h, &photo);
    h.get_by_label_contains("No photo consent is on record for this client");
    let edit = h.state().clients().session.as_ref().unwrap();
    assert!(edit.session.delivery.photos.is_empty());
    assert_eq!(
        h.state().settings().mode,
        Mode::Clients,
        "a dropped photo is never taken for a chart"
    );

    let (mut h, _) = app_on_a_session(true);
    click(&mut h, "Foot inspection and touch test");
    choose_kind(&mut h, FindingKind::Fissure);
    click_on_foot(&mut h, Foot::Left, (0.4, 0.92));
    let finding = h
        .state()
        .clients()
        .session
        .as_ref()
        .unwrap()
        .session
        .delivery
        .findings[0]
        .id;
    h.get_by_label("Finding 1: Fissure, left foot (plantar)")
        .click();
    h.run();
    drop_file(&mut h, &photo);
    let edit = h.state().clients().session.as_ref().unwrap();
    let photos = &edit.session.delivery.photos;
    assert_eq!(photos.len(), 1, "{:?}", h.state().clients().notice);
    assert_eq!(photos[0].finding, Some(finding));
    assert_eq!((photos[0].width, photos[0].height), (64, 48));
    let bytes = h
        .state()
        .clients()
        .store()
        .unwrap()
        .photo_jpeg(photos[0].id)
        .unwrap();
    assert!(
        !reflexmap::records::photo::has_metadata(&bytes),
        "camera metadata is gone"
    );
    let mut decoder = image::codecs::jpeg::JpegDecoder::new(std::io::Cursor::new(&bytes)).unwrap();
    use image::ImageDecoder;
    assert!(
        decoder
            .exif_metadata()
            .unwrap()
            .is_none_or(|e| e.is_empty())
    );
    h.get_by_label_contains("Photo ");

    // A file that is not an image is refused with its name, and nothing is stored.
    let bad = dir.path().join("notes.png");
    std::fs::write(&bad, b"just text").unwrap();
    drop_file(&mut h, &bad);
    h.get_by_label_contains("notes.png: this file is not a JPEG or PNG image");
    let edit = h.state().clients().session.as_ref().unwrap();
    assert_eq!(edit.session.delivery.photos.len(), 1);
}

#[test]
fn a_finding_can_be_placed_without_a_pointer_by_area_and_foot() {
    let (mut h, _) = app_on_a_session(false);
    click(&mut h, "Foot inspection and touch test");
    choose_kind(&mut h, FindingKind::Callus);
    // Tab reaches the area list (the chart itself needs a pointer).
    use egui_kittest::kittest::NodeT;
    let mut reached = false;
    for _ in 0..120 {
        h.key_press(egui::Key::Tab);
        h.run();
        if h.query_all_by_role(egui::accesskit::Role::ComboBox)
            .any(|n| {
                n.is_focused()
                    && n.accesskit_node().label().as_deref() == Some("Area to place the finding on")
            })
        {
            reached = true;
            break;
        }
    }
    assert!(reached, "Tab reaches the area list");
    click(&mut h, "Area to place the finding on");
    // Chosen as a screen reader does (an accessibility action, no pointer).
    h.get_by_label("Kidneys").click_accesskit();
    h.run();
    assert!(
        h.state().clients_view().inspect.area.is_some(),
        "the area is chosen"
    );
    click(&mut h, "Right foot");
    assert_eq!(h.state().clients_view().inspect.area_foot, Foot::Right);
    click(&mut h, "Place callus");
    let edit = h.state().clients().session.as_ref().unwrap();
    let f = &edit.session.delivery.findings[0];
    assert_eq!(
        edit.session.delivery.findings.len(),
        1,
        "picking from the list placed nothing on the chart under it"
    );
    assert_eq!(
        (f.kind, f.foot, f.view),
        (FindingKind::Callus, Foot::Right, ViewKind::Plantar)
    );
    let chart = reflexmap::load::embedded_content().unwrap().chart;
    assert!(
        reflexmap::records::text::finding_place(f, &chart).contains("Kidneys"),
        "placed on the area chosen"
    );
}
