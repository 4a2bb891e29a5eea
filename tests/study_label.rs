//! Label the chart, driven as a student would: names dragged from the list onto the drawing,
//! one typed in (a misspelling that counts, a wrong name that does not), reveal all; the
//! progress file before and after.

mod common;

use egui_kittest::kittest::{NodeT, Queryable};
use reflexmap::model::{Foot, ViewKind};
use reflexmap::study::label::End;
use reflexmap::study::progress::PROGRESS_FILE;
use reflexmap::study::{Filters, ProgressStore, QuizKind, StudyCommand};
use reflexmap::ui::{Command, Mode};

type H = common::AppHarness;

fn board_of(h: &H) -> reflexmap::study::label::LabelBoard {
    h.state().study().board().expect("a board").clone()
}

/// Start a board of six areas on the right sole.
fn start_board(dir: &std::path::Path) -> H {
    let mut h = common::new_harness()
        .mode(Mode::Study)
        .progress_store(ProgressStore::new(dir))
        .build();
    h.get_by_label_contains("Label the chart   (").click();
    h.run();
    let mut setup = h.state().study().setup();
    assert_eq!(setup.kind, QuizKind::Label);
    setup.seed = 31;
    setup.count = 6;
    setup.filters = Filters {
        view: Some(ViewKind::Plantar),
        foot: Some(Foot::Right),
        ..Filters::default()
    };
    common::apply(&mut h, Command::Study(StudyCommand::SetSetup(setup)));
    h.get_by_label("Start quiz").click();
    h.run();
    h.run();
    h
}

/// Where target `i`'s area is on screen (its anchor, through last frame's transform).
fn area_on_screen(h: &H, i: usize) -> egui::Pos2 {
    let board = board_of(h);
    let geometry = reflexmap::geometry::ChartGeometry::new(h.state().chart());
    let geo = geometry.get(board.view, board.feet());
    let area = geo
        .reading_order()
        .iter()
        .find(|a| a.zone == board.targets[i].zone && a.foot == board.foot)
        .expect("the area is drawn");
    let t = h
        .state()
        .study_view()
        .transform()
        .expect("the map was drawn");
    let s = t.to_screen(area.anchor);
    egui::pos2(s.x, s.y)
}

/// Drag the name chip of target `name_of` onto the area of target `on`, in small moves as a
/// hand would.
fn drag_name(h: &mut H, name_of: usize, on: usize) {
    let name = h
        .state()
        .chart()
        .zone_at(board_of(h).targets[name_of].zone)
        .name
        .clone();
    let from = h.get_by_label(&name).rect().center();
    let to = area_on_screen(h, on);
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    for k in 1..=8 {
        let f = k as f32 / 8.0;
        h.hover_at(from + (to - from) * f);
        h.run();
    }
    h.drop_at(to);
    h.run();
    h.run();
}

#[test]
fn label_three_by_drag_one_by_typing_then_reveal_all() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = start_board(dir.path());
    let board = board_of(&h);
    assert_eq!(board.targets.len(), 6);
    assert_eq!((board.view, board.foot), (ViewKind::Plantar, Foot::Right));
    // The blank chart names nothing: no zone name is on screen except in the list of names.
    for t in &board.targets {
        let name = &h.state().chart().zone_at(t.zone).name;
        assert_eq!(
            h.query_all_by_label(name).count(),
            1,
            "{name} appears once, as a name to drag"
        );
    }

    // Three names dragged onto their areas: each right at the first try.
    for i in 0..3 {
        drag_name(&mut h, i, i);
        let b = board_of(&h);
        assert_eq!(b.targets[i].end, Some(End::Labelled), "area {}", i + 1);
        assert_eq!(b.targets[i].first, Some(true));
    }
    // A name dropped on the wrong area is a miss there, and the name stays to drag.
    drag_name(&mut h, 5, 4);
    let b = board_of(&h);
    assert_eq!(b.targets[4].first, Some(false));
    assert_eq!(b.targets[4].end, None);
    assert_eq!(b.targets[5].first, None, "the name's own area is untouched");
    h.snapshot("study_label");

    // Typing: a misspelling of one part of area 6's name ("Coccyx / tailbone") counts.
    let names: Vec<String> = b
        .targets
        .iter()
        .map(|t| h.state().chart().zone_at(t.zone).name.clone())
        .collect();
    assert_eq!(names[5], "Coccyx / tailbone", "the seeded board: {names:?}");
    h.get_by_label("Type names").click();
    h.run();
    h.get_by_label("Name of area 6").click();
    h.run();
    h.get_by_label("Name of area 6").type_text("tailbnoe");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    h.run();
    let b = board_of(&h);
    assert_eq!(
        b.targets[5].end,
        Some(End::Labelled),
        "“tailbnoe” for the coccyx"
    );
    assert_eq!(b.targets[5].first, Some(true));
    // A wrong name is not accepted.
    h.get_by_label("Name of area 4").click();
    h.run();
    h.get_by_label("Name of area 4").type_text("Big toe nail");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    let b = board_of(&h);
    assert_eq!(b.targets[3].end, None);
    assert_eq!(b.targets[3].first, Some(false));
    assert_eq!(b.targets[3].wrong.as_deref(), Some("Big toe nail"));
    assert!(h.query_by_label_contains("not “Big toe nail”").is_some());
    h.snapshot("study_label_typing");

    let before = std::fs::read_to_string(dir.path().join(PROGRESS_FILE)).expect("saved");
    h.get_by_label("Reveal all").click();
    h.run();
    let b = board_of(&h);
    assert!(b.finished());
    assert_eq!(b.right(), 4);
    assert_eq!(h.query_all_by_label_contains("Revealed: ").count(), 2);
    assert!(h.query_by_label("New board").is_some());
    // Every label went to the schedule: right ones up a box, misses and reveals in box 1.
    let progress = h.state().study().progress().clone();
    for (i, t) in b.targets.iter().enumerate() {
        let want = if t.first == Some(true) { 2 } else { 1 };
        assert_eq!(progress.leitner_box(&t.key), want, "area {}", i + 1);
        assert!(t.key.starts_with("label:") && t.key.ends_with(":plantar:right"));
    }
    assert_eq!(
        progress
            .history
            .last()
            .map(|r| (r.kind, r.right, r.answered)),
        Some((QuizKind::Label, 4, 6))
    );
    let after = std::fs::read_to_string(dir.path().join(PROGRESS_FILE)).expect("saved");
    assert_ne!(before, after, "the reveal was saved");
    assert!(after.contains(&b.targets[4].key));
}

#[test]
fn pick_a_name_then_put_it_on_an_area_by_keyboard_buttons() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = start_board(dir.path());
    let b = board_of(&h);
    let name = h.state().chart().zone_at(b.targets[2].zone).name.clone();
    h.get_by_label(&name).click();
    h.run();
    // A screen reader hears where area 3 is, in words, never its name.
    let put = h.get_by_label("Put the picked name on area 3");
    let words = put.accesskit_node().description().expect("a description");
    assert!(words.contains("right foot"), "{words}");
    assert!(!words.contains(&name), "{words}");
    put.click();
    h.run();
    let b = board_of(&h);
    assert_eq!(b.targets[2].end, Some(End::Labelled));
    // Reveal one shows the lowest open number.
    h.get_by_label("Reveal one").click();
    h.run();
    let b = board_of(&h);
    assert_eq!(b.targets[0].end, Some(End::Revealed));
    assert_eq!(b.targets[0].first, Some(false));
}

/// Print quiz… in the setup panel writes the setup's quiz through the file chooser (the
/// in-app one here), says what it wrote, and the PDF's answers are on its last page.
#[test]
fn print_quiz_from_the_setup_panel() {
    use reflexmap::ui::file_dialog::{FileDialogs, Place};
    let dir = tempfile::tempdir().expect("temp dir");
    let places = vec![Place {
        name: "Revision".into(),
        path: dir.path().to_owned(),
    }];
    let mut h = common::new_harness()
        .mode(Mode::Study)
        .file_dialogs(FileDialogs::in_app_only().with_places(places))
        .build();
    h.get_by_label_contains("Safety drills   (").click();
    h.run();
    let mut setup = h.state().study().setup();
    setup.count = 8;
    setup.seed = 77;
    common::apply(&mut h, Command::Study(StudyCommand::SetSetup(setup)));
    h.get_by_label("Print quiz…").click();
    h.run();
    h.get_by_label("Revision").click();
    h.run();
    h.get_by_label("File name").click();
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    let pdf = dir.path().join("reflexmap-quiz-safety-77.pdf");
    let doc = lopdf::Document::load(&pdf).expect("the quiz PDF is where the chooser put it");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let last = doc
        .extract_text(&[*pages.last().expect("pages")])
        .expect("text");
    assert!(last.contains("Answers"), "{last}");
    let first = doc.extract_text(&[pages[0]]).expect("text");
    assert!(
        first.contains("What do you do for this client today?"),
        "{first}"
    );
    let notice = h.state().study().notice().expect("a notice").to_owned();
    assert!(
        notice.starts_with("Wrote reflexmap-quiz-safety-77.pdf: 8 questions"),
        "{notice}"
    );
    assert!(
        h.query_by_label_contains("Wrote reflexmap-quiz-safety-77.pdf")
            .is_some()
    );
    // Labelling prints as the worksheet only.
    h.get_by_label_contains("Label the chart   (").click();
    h.run();
    assert!(h.get_by_label("Print quiz…").accesskit_node().is_disabled());
    assert!(
        !h.get_by_label("Print worksheet…")
            .accesskit_node()
            .is_disabled()
    );
}
