//! The in-app file chooser on its own, in a small harness (no desktop, no app): navigate into
//! a folder, open a file, save under a typed name, confirm a replace, cancel with Esc.

mod common;

use std::path::{Path, PathBuf};

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use reflexmap::ui::file_dialog::{FileDialogs, FilePick, FilePurpose, FileRequest, Place};

/// The harness's state: the dialogs, what they handed back, and a request to open first.
struct Chooser {
    dialogs: FileDialogs,
    picks: Vec<FilePick>,
    request: Option<FileRequest>,
}

/// `root/plans` with plans, a chart, a PDF, a text file (filtered out) and two subfolders, and
/// three empty Places beside it. Returns the plans folder and the Places.
fn fixture(root: &Path) -> (PathBuf, Vec<Place>) {
    for dir in ["Home", "Documents", "Desktop"] {
        std::fs::create_dir_all(root.join(dir)).expect("mkdir");
    }
    let root_dir = root.join("plans");
    let root = root_dir.as_path();
    for dir in ["Clients", "Archive"] {
        std::fs::create_dir_all(root.join(dir)).expect("mkdir");
    }
    std::fs::write(root.join("Clients/anna.plan.ron"), "(version: 1)").expect("write");
    std::fs::write(root.join("maria.plan.ron"), vec![b' '; 2_400]).expect("write");
    std::fs::write(root.join("Ben.plan.ron"), vec![b' '; 812]).expect("write");
    std::fs::write(root.join("chart.ron"), vec![b' '; 48_000]).expect("write");
    std::fs::write(root.join("notes.txt"), "not a plan").expect("write");
    std::fs::write(root.join("old.pdf"), "%PDF").expect("write");
    let places = ["Home", "Documents", "Desktop"]
        .into_iter()
        .map(|name| Place {
            name: name.into(),
            path: root.parent().expect("a parent").join(name),
        })
        .collect();
    (root_dir, places)
}

fn harness(request: FileRequest, places: Vec<Place>) -> Harness<'static, Chooser> {
    let state = Chooser {
        dialogs: FileDialogs::in_app_only().with_places(places),
        picks: Vec::new(),
        request: Some(request),
    };
    let mut h = Harness::builder()
        .with_size([720.0, 560.0])
        .with_theme(egui::Theme::Light)
        .with_options(common::snapshot_options())
        .with_max_steps(12)
        .build_ui_state(
            |ui, s: &mut Chooser| {
                if let Some(request) = s.request.take() {
                    reflexmap::ui::theme::apply(ui.ctx());
                    s.dialogs.open(ui.ctx(), request);
                }
                if let Some(pick) = s.dialogs.ui(ui.ctx()) {
                    s.picks.push(pick);
                }
            },
            state,
        );
    h.run();
    h
}

/// A chooser for `request` (given the plans folder) over a fresh fixture. The temp dir is
/// returned so it lives as long as the test.
fn chooser_on(
    request: impl FnOnce(&Path) -> FileRequest,
) -> (tempfile::TempDir, PathBuf, Harness<'static, Chooser>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (plans, places) = fixture(dir.path());
    let h = harness(request(&plans), places);
    (dir, plans, h)
}

/// A pick, as the dialogs hand it back.
fn pick(purpose: FilePurpose, path: PathBuf) -> FilePick {
    FilePick { purpose, path }
}

/// Click the widget with this name and let the frame settle.
fn click(h: &mut Harness<'static, Chooser>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

/// Press a key and let the frame settle.
fn press(h: &mut Harness<'static, Chooser>, key: Key) {
    h.key_press(key);
    h.run();
}

#[test]
fn navigate_into_a_folder_by_label_and_open_a_file() {
    let (_dir, plans, mut h) = chooser_on(|plans| FileRequest::open_plan().in_folder(plans));
    assert!(
        h.query_by_label("notes.txt").is_none(),
        "other types are hidden"
    );
    click(&mut h, "Clients");
    click(&mut h, "anna.plan.ron");
    assert!(h.state().picks.is_empty(), "a click only selects");
    click(&mut h, "Open");
    assert_eq!(
        h.state().picks,
        [pick(
            FilePurpose::OpenPlan,
            plans.join("Clients/anna.plan.ron")
        )]
    );
    assert!(!h.state().dialogs.is_open());
}

#[test]
fn up_and_places_navigate() {
    let (_dir, _, mut h) =
        chooser_on(|plans| FileRequest::open_plan().in_folder(plans.join("Clients")));
    h.get_by_label("anna.plan.ron");
    click(&mut h, "Up");
    h.get_by_label("maria.plan.ron");
    click(&mut h, "Desktop");
    h.get_by_label_contains("no folders or matching files");
}

#[test]
fn save_with_a_typed_name_adds_the_extension() {
    let (_dir, plans, mut h) =
        chooser_on(|plans| FileRequest::save_plan("client.plan.ron").in_folder(plans));
    // The name field has focus with "client" selected: typing replaces it.
    h.get_by_label("File name").type_text("ruth");
    h.run();
    assert_eq!(
        h.get_by_label("File name").value().as_deref(),
        Some("ruth.plan.ron")
    );
    press(&mut h, Key::Enter);
    assert_eq!(
        h.state().picks,
        [pick(FilePurpose::SavePlan, plans.join("ruth.plan.ron"))]
    );
}

#[test]
fn saving_over_a_file_asks_first() {
    let (_dir, plans, mut h) =
        chooser_on(|plans| FileRequest::export_pdf("old.pdf").in_folder(plans));
    click(&mut h, "Save");
    h.get_by_label("Replace “old.pdf”?");
    // Esc closes only the question.
    press(&mut h, Key::Escape);
    assert!(h.query_by_label("Replace “old.pdf”?").is_none());
    assert!(h.state().dialogs.is_open());
    click(&mut h, "Save");
    click(&mut h, "Replace");
    assert_eq!(
        h.state().picks,
        [pick(FilePurpose::ExportPdf, plans.join("old.pdf"))]
    );
}

#[test]
fn esc_cancels() {
    let (_dir, _, mut h) = chooser_on(|plans| FileRequest::open_chart().in_folder(plans));
    assert!(h.state().dialogs.is_open());
    press(&mut h, Key::Escape);
    assert!(!h.state().dialogs.is_open());
    assert!(h.state().picks.is_empty());
}

#[test]
fn a_folder_that_cannot_be_read_says_so() {
    let (_dir, plans, mut h) = chooser_on(|plans| FileRequest::open_plan().in_folder(plans));
    std::fs::remove_dir_all(plans.join("Archive")).expect("rm");
    click(&mut h, "Archive");
    h.get_by_label_contains("does not exist");
    // Going up still works from there, by keyboard too.
    h.key_press_modifiers(egui::Modifiers::ALT, Key::ArrowUp);
    h.run();
    assert!(h.query_by_label_contains("does not exist").is_none());
    h.get_by_label("Clients");
}

#[test]
fn the_chooser_looks_like_a_desktop_dialog() {
    // Why a fixed folder: the path bar shows the folder, and a snapshot needs the same pixels
    // on every machine.
    let root = std::env::temp_dir().join("reflexmap-file-dialog");
    let _ = std::fs::remove_dir_all(&root);
    let (plans, places) = fixture(&root);
    let mut h = harness(
        FileRequest::save_plan("client.plan.ron").in_folder(&plans),
        places,
    );
    click(&mut h, "maria.plan.ron");
    h.remove_cursor();
    h.run();
    h.snapshot("file_dialog");
    let _ = std::fs::remove_dir_all(&root);
}
