//! Locking and privacy mode driven through the real app: after the idle time (a fake clock) or
//! Ctrl+L no client name is left in the accessibility tree or on screen, Explore keeps working,
//! a wrong passphrase is refused, and "Initials only" shows initials wherever a name was.

mod common;

use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use egui_kittest::kittest::Queryable;
use reflexmap::records::book::{Access, AccessCommand, ClientsBook, ClientsCommand};
use reflexmap::records::runner::{Clock, advance};
use reflexmap::records::{ClientDetails, Key};
use reflexmap::ui::Mode;

type H = common::AppHarness;

const PASS: &str = "tulip kettle orbit 42";

fn app(dir: &std::path::Path) -> (H, Arc<AtomicU64>) {
    let lib = reflexmap::load::embedded_content().unwrap().library;
    let (clock, cell) = Clock::fake();
    let mut book = ClientsBook::at(Some(dir.join("records.sqlite3"))).with_clock(clock);
    book.apply(ClientsCommand::Open, &lib);
    book.apply(
        ClientsCommand::Access(AccessCommand::SetUp(Key::Passphrase(PASS.into()))),
        &lib,
    );
    for name in ["Ana Lima", "Bruno Costa"] {
        book.apply(
            ClientsCommand::AddClient(ClientDetails {
                name: name.into(),
                ..Default::default()
            }),
            &lib,
        );
    }
    book.apply(ClientsCommand::ShowList, &lib);
    let h = common::new_harness()
        .mode(Mode::Clients)
        .clients(book)
        .build();
    (h, cell)
}

fn click(h: &mut H, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

fn names_on_screen(h: &H) -> usize {
    h.query_all_by_label_contains("Ana Lima").count()
        + h.query_all_by_label_contains("Bruno").count()
}

#[test]
fn after_the_idle_time_no_client_name_is_left_and_explore_still_works() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, cell) = app(dir.path());
    click(&mut h, "Ana Lima");
    assert!(names_on_screen(&h) > 0);
    // Nine minutes idle: still open.
    advance(&cell, 9.0 * 60.0);
    h.run();
    assert_eq!(h.state().clients().access, Access::Open);
    // Past ten: locked, and the frame that locks was asked for (no input needed).
    advance(&cell, 61.0);
    h.run();
    h.run();
    assert_eq!(h.state().clients().access, Access::Locked);
    h.get_by_label("Client records are locked");
    assert_eq!(names_on_screen(&h), 0, "no name in the accessibility tree");
    let book = h.state().clients();
    assert!(
        book.list.is_empty() && book.client.is_none(),
        "nor in memory-held views"
    );
    assert!(
        h.state().clients_view().is_forgotten(),
        "nor in the view's forms"
    );
    h.snapshot("privacy_lock_screen");
    // Explore, Plan and Study stay usable.
    click(&mut h, "Explore");
    h.get_by_label("Solar plexus — left foot").click();
    h.run();
    assert_eq!(h.state().selected_zone(), Some("solar_plexus"));
    click(&mut h, "Clients");
    // A wrong passphrase is refused; the right one brings the records back.
    h.get_by_label("Passphrase").focus();
    h.run();
    h.get_by_label("Passphrase").type_text("not the passphrase");
    h.run();
    click(&mut h, "Unlock");
    h.get_by_label_contains("wrong passphrase");
    assert_eq!(names_on_screen(&h), 0);
    h.get_by_label("Passphrase").focus();
    h.run();
    h.get_by_label("Passphrase").type_text(PASS);
    h.run();
    click(&mut h, "Unlock");
    assert_eq!(h.state().clients().access, Access::Open);
    h.get_by_label("Ana Lima");
}

#[test]
fn ctrl_l_locks_from_any_mode() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = app(dir.path());
    click(&mut h, "Plan");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::L);
    h.run();
    assert_eq!(h.state().clients().access, Access::Locked);
    click(&mut h, "Clients");
    assert_eq!(names_on_screen(&h), 0);
}

#[test]
fn initials_only_replaces_every_name_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = app(dir.path());
    click(&mut h, "Initials only");
    assert!(h.state().settings().privacy);
    assert!(h.query_all_by_label("AL").count() >= 1);
    assert!(h.query_all_by_label("BC").count() >= 1);
    assert_eq!(names_on_screen(&h), 0, "the list shows initials");
    h.query_all_by_label("AL").next().unwrap().click();
    h.run();
    h.get_by_label_contains("Hidden while \"Initials only\" is on");
    assert_eq!(names_on_screen(&h), 0, "the client page too");
    h.snapshot("privacy_initials_only");
    click(&mut h, "Initials only");
    h.get_by_label("Ana Lima");
}

#[test]
fn erasing_needs_the_name_typed_and_then_removes_the_client() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = app(dir.path());
    click(&mut h, "Bruno Costa");
    click(&mut h, "Erase this client…");
    click(&mut h, "Erase for good");
    assert_eq!(
        h.state().clients().list.len(),
        2,
        "not before the name is typed"
    );
    h.get_by_label("Client's name to confirm erasure").focus();
    h.run();
    h.get_by_label("Client's name to confirm erasure")
        .type_text("Bruno Costa");
    h.run();
    click(&mut h, "Erase for good");
    let book = h.state().clients();
    assert_eq!(book.list.len(), 1);
    assert_eq!(book.list[0].name, "Ana Lima");
    h.get_by_label_contains("erasure on request comes before keeping a signed record");
}
