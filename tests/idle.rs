//! An idle app draws nothing: once it has settled, a frame without input asks egui for no
//! further frame — after starting, after a click on a zone, after switching view, feet and
//! mode. Checked on what egui reports (the requested repaint), never on time.

mod common;

use std::time::Duration;

use egui::ViewportId;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// Whether the last frame asked for another one, and after how long: `None` when it asked for
/// none at all (what an idle app must do).
fn next_frame_requested<State>(h: &Harness<'_, State>) -> Option<Duration> {
    let delay = h
        .output()
        .viewport_output
        .get(&ViewportId::ROOT)
        .expect("the root viewport's output")
        .repaint_delay;
    (delay != Duration::MAX || h.ctx.has_requested_repaint()).then_some(delay)
}

/// Let the UI settle, then run one more frame without input: it must request no other.
///
/// Why more than `Harness::run`: `run` only waits for *immediate* repaints to stop, so a UI
/// that re-arms `request_repaint_after` every frame (a slow busy loop) passes it.
///
/// One kind of frame is allowed: while client records are open, the one frame at the moment
/// they are due to lock when idle (minutes away, never sooner than a minute).
#[track_caller]
fn assert_idle<State>(h: &mut Harness<'_, State>, after: &str) {
    h.run();
    h.step();
    let next = next_frame_requested(h).filter(|d| *d < Duration::from_secs(60));
    assert_eq!(
        next,
        None,
        "after {after}, the settled app still asks for frames; causes: {:?}",
        h.ctx.repaint_causes()
    );
}

#[test]
fn the_app_is_idle_after_starting() {
    let mut h = common::harness();
    assert_idle(&mut h, "starting");
}

#[test]
fn the_app_is_idle_after_a_click_on_a_zone() {
    let mut h = common::harness();
    h.get_by_role_and_label(Role::Button, "Solar plexus — left foot")
        .click();
    assert_idle(&mut h, "a click on the solar plexus");
    assert_eq!(h.state().selected_zone(), Some("solar_plexus"));
    h.get_by_role_and_label(Role::Button, "Heart — left foot")
        .click();
    assert_idle(&mut h, "a click on the heart");
    assert_eq!(h.state().selected_zone(), Some("heart"));
}

#[test]
fn the_app_is_idle_after_switching_view_feet_and_mode() {
    let mut h = common::harness();
    for label in [
        "Dorsal",
        "Medial",
        "Lateral",
        "Plantar",
        "Left only",
        "Both feet",
    ] {
        h.get_by_label(label).click();
        assert_idle(&mut h, &format!("choosing {label}"));
    }
    assert_eq!(
        h.state().settings().view,
        reflexmap::model::ViewKind::Plantar
    );
    h.get_by_role_and_label(Role::Button, "Plan").click();
    assert_idle(&mut h, "switching to Plan mode");
    assert_eq!(h.state().settings().mode, reflexmap::ui::Mode::Plan);
    h.get_by_label("Answer all unanswered: No").click();
    assert_idle(&mut h, "answering the screening");
    h.get_by_role_and_label(Role::Button, "Explore").click();
    assert_idle(&mut h, "switching back to Explore");
    assert_eq!(h.state().settings().mode, reflexmap::ui::Mode::Explore);
}

#[test]
fn the_app_is_idle_on_the_client_list_a_client_page_and_a_session() {
    let mut store = reflexmap::records::Store::open_in_memory().expect("store");
    let id = store
        .add_client(&reflexmap::records::ClientDetails {
            name: "Ana Lima".into(),
            ..Default::default()
        })
        .expect("client");
    store
        .add_session(
            id,
            &reflexmap::records::SessionDraft {
                date: "2026-11-20".into(),
                pre: reflexmap::records::Scores::parse("numbness=6,sleep=4").expect("scores"),
                ..Default::default()
            },
        )
        .expect("session");
    let mut h = common::new_harness()
        .clients(reflexmap::records::book::ClientsBook::with_store(store))
        .build();
    h.get_by_role_and_label(Role::Button, "Clients").click();
    assert_idle(&mut h, "switching to Clients");
    h.get_by_label("Ana Lima").click();
    assert_idle(&mut h, "opening a client's page with its trend chart");
    h.get_by_label("Session of 2026-11-20").click();
    assert_idle(&mut h, "opening a session");
}

#[test]
fn the_app_is_idle_with_a_paused_runner() {
    let lib = reflexmap::load::embedded_content()
        .expect("content")
        .library;
    let (clock, _cell) = reflexmap::records::runner::Clock::fake();
    let mut book = reflexmap::records::book::ClientsBook::with_store(
        reflexmap::records::Store::open_in_memory().expect("store"),
    )
    .with_clock(clock);
    use reflexmap::records::book::{ClientsCommand, SessionSource};
    book.apply(
        ClientsCommand::AddClient(reflexmap::records::ClientDetails {
            name: "Ana Lima".into(),
            ..Default::default()
        }),
        &lib,
    );
    let mut plan =
        reflexmap::plan::Plan::from_template(lib.template("neuropathy_gentle").expect("template"));
    for r in &lib.rules {
        plan.screening
            .insert(r.id.clone(), reflexmap::plan::Answer::No);
    }
    book.apply(
        ClientsCommand::NewSession(SessionSource::OpenPlan(Box::new(plan))),
        &lib,
    );
    let mut h = common::new_harness()
        .mode(reflexmap::ui::Mode::Clients)
        .clients(book)
        .build();
    h.get_by_label("▶ Deliver session").click();
    assert_idle(&mut h, "opening the runner (paused)");
    h.get_by_label("Start").click();
    h.run();
    h.get_by_label("Pause").click();
    assert_idle(&mut h, "pausing the runner");
    h.get_by_label("Next ▶").click();
    assert_idle(&mut h, "moving on while paused");
}

// The check itself must be able to fail: each of these UIs is not idle, and is caught.

#[test]
fn the_check_catches_a_ui_that_animates_every_frame() {
    let mut h = Harness::new_ui(|ui| {
        ui.spinner();
    });
    let _ = h.run_ok();
    h.step();
    assert_eq!(next_frame_requested(&h), Some(Duration::ZERO));
}

#[test]
fn the_check_catches_a_slow_busy_loop_that_harness_run_lets_through() {
    let mut h = Harness::new_ui(|ui| {
        ui.label("ticking");
        ui.ctx().request_repaint_after(Duration::from_millis(100));
    });
    h.run();
    h.step();
    assert_eq!(next_frame_requested(&h), Some(Duration::from_millis(100)));
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        assert_idle(&mut h, "ticking");
    }));
    assert!(caught.is_err(), "assert_idle let a busy loop through");
}

#[test]
fn the_check_sees_a_repaint_requested_on_the_context() {
    let mut h = Harness::new_ui(|ui| {
        ui.label("still");
    });
    assert_idle(&mut h, "a static label");
    h.ctx.request_repaint();
    assert!(next_frame_requested(&h).is_some());
}
