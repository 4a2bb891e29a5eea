//! Study mode driven as a student would: by button labels, number keys and clicks on the chart.
//! Every quiz is seeded, so the questions are the same on every run.

mod common;

use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use reflexmap::geometry::{Point, point_in_polygon};
use reflexmap::model::Foot;
use reflexmap::study::progress::PROGRESS_FILE;
use reflexmap::study::quiz::{right_response, shown_feet};
use reflexmap::study::{
    ProgressStore, Question, QuizKind, QuizSetup, Response, Sources, StudyCommand,
};
use reflexmap::ui::{Command, Mode};

type H = common::AppHarness;

const SEED: u64 = 4242;

/// The real app in Study mode, keeping progress in `dir`.
fn study(dir: &std::path::Path) -> H {
    common::new_harness()
        .mode(Mode::Study)
        .progress_store(ProgressStore::new(dir))
        .build()
}

/// Change the quiz setup as the setup panel would.
fn set_up(h: &mut H, change: impl FnOnce(&mut QuizSetup)) {
    let mut setup = h.state().study().setup();
    change(&mut setup);
    common::apply(h, Command::Study(StudyCommand::SetSetup(setup)));
}

fn start(h: &mut H, kind: QuizKind) {
    h.get_by_label_contains(&format!("{}   (", kind.label()))
        .click();
    h.run();
    set_up(h, |s| s.seed = SEED);
    h.get_by_label("Start quiz").click();
    h.run();
}

fn question(h: &H) -> Question {
    let quiz = h.state().study().quiz().expect("a quiz");
    quiz.current().expect("a question").question.clone()
}

fn key(h: &H) -> String {
    let quiz = h.state().study().quiz().expect("a quiz");
    quiz.current().expect("a question").key.clone()
}

fn score(h: &H) -> (usize, usize) {
    let quiz = h.state().study().quiz().expect("a quiz");
    (quiz.right(), quiz.outcomes.len())
}

fn leitner(h: &H, key: &str) -> u8 {
    h.state().study().progress().leitner_box(key)
}

fn next(h: &mut H) {
    h.get_by_label("Next question").click();
    h.run();
}

/// The right answer as the app itself would check it.
fn right(h: &H) -> Response {
    let app = h.state();
    let content = reflexmap::load::embedded_content().expect("content");
    let geometry = reflexmap::geometry::ChartGeometry::new(app.chart());
    let drills = reflexmap::study::embedded_drills(&content.library).expect("drills");
    right_response(
        &question(h),
        Sources {
            chart: app.chart(),
            geometry: &geometry,
            library: &content.library,
            drills: &drills,
        },
    )
}

/// Click the map at a chart point (through last frame's chart → screen transform).
fn click_chart(h: &mut H, p: Point) {
    let t = h
        .state()
        .study_view()
        .transform()
        .expect("the map was drawn");
    let s = t.to_screen(p);
    let pos = egui::pos2(s.x, s.y);
    h.hover_at(pos);
    h.run();
    h.event(egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    h.event(egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.run();
}

/// A point on the given foot's sole that lies in no zone.
fn between_zones(h: &H, view: reflexmap::model::ViewKind, foot: Foot) -> Point {
    let geo = h.state().geometry(view, shown_feet(view, foot));
    let outline = geo
        .outlines
        .iter()
        .find(|o| o.foot == foot)
        .expect("the foot");
    let b = reflexmap::geometry::BBox::of(&outline.poly);
    for i in 1..40 {
        for j in 1..40 {
            let p = Point::new(
                b.min.x + b.width() * i as f32 / 40.0,
                b.min.y + b.height() * j as f32 / 40.0,
            );
            if point_in_polygon(p, &outline.poly) && geo.hit_test(p).is_none() {
                return p;
            }
        }
    }
    panic!("no gap between zones on the {foot:?} foot");
}

#[test]
fn locate_clicks_inside_outside_and_between_zones() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = study(dir.path());
    start(&mut h, QuizKind::Locate);
    h.get_by_label_contains("Click the area on the chart.");

    // Inside the right zone: right, box 2.
    let Response::Click(inside) = right(&h) else {
        panic!("a click answer");
    };
    let k1 = key(&h);
    click_chart(&mut h, inside);
    assert_eq!(score(&h), (1, 1));
    assert_eq!(leitner(&h, &k1), 2);
    h.get_by_label("✓ Right");
    next(&mut h);

    // Outside the feet: wrong, box 1, and the miss is explained.
    let k2 = key(&h);
    let Question::Locate { view, foot, .. } = question(&h) else {
        panic!("locate");
    };
    let geo = h.state().geometry(view, shown_feet(view, foot));
    let outside = Point::new(geo.bounds.min.x - 0.02, geo.bounds.min.y);
    click_chart(&mut h, outside);
    assert_eq!(score(&h), (1, 2));
    assert_eq!(leitner(&h, &k2), 1);
    h.get_by_label_contains("between areas or off the feet");
    next(&mut h);

    // Between zones on the right foot: wrong too.
    let Question::Locate { view, foot: f3, .. } = question(&h) else {
        panic!("locate");
    };
    let gap = between_zones(&h, view, f3);
    click_chart(&mut h, gap);
    assert_eq!(score(&h), (1, 3));
    h.get_by_label_contains("between areas or off the feet");
    let _ = foot;

    // The progress file on disk has all three answers.
    let text = std::fs::read_to_string(dir.path().join(PROGRESS_FILE)).expect("saved");
    assert!(text.contains(&k1) && text.contains(&k2), "{text}");
}

#[test]
fn locate_is_keyboard_operable_with_areas_named_by_position_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = study(dir.path());
    start(&mut h, QuizKind::Locate);
    let Question::Locate { zone, .. } = question(&h) else {
        panic!("locate");
    };
    let name = h.state().chart().zone_at(zone).name.clone();
    // No accessibility node gives the answer away.
    assert!(
        h.query_all_by_role_and_label(Role::Button, &name)
            .next()
            .is_none()
    );
    let areas = h.query_all_by_label_contains("left foot").count();
    assert!(areas > 10, "{areas} left-foot areas");
    // Tab to an area and press Enter: that answers the question.
    let mut reached = false;
    for _ in 0..80 {
        h.key_press(egui::Key::Tab);
        h.run();
        let focused = h
            .query_all_by_role(Role::Button)
            .find(|n| n.is_focused())
            .and_then(|n| n.accesskit_node().label());
        if focused.is_some_and(|l| l.starts_with("Area ")) {
            reached = true;
            break;
        }
    }
    assert!(reached, "Tab reaches the chart areas");
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(score(&h).1, 1, "Enter on a focused area answers");
}

#[test]
fn name_answered_with_number_keys_right_and_wrong() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = study(dir.path());
    start(&mut h, QuizKind::Name);
    h.get_by_label_contains("Which reflex area is highlighted");
    let Response::Choice(i) = right(&h) else {
        panic!("a choice");
    };
    let k1 = key(&h);
    let keys = [
        egui::Key::Num1,
        egui::Key::Num2,
        egui::Key::Num3,
        egui::Key::Num4,
    ];
    h.key_press(keys[i]);
    h.run();
    assert_eq!(score(&h), (1, 1));
    assert_eq!(leitner(&h, &k1), 2);
    h.key_press(egui::Key::Enter);
    h.run();
    let Response::Choice(i) = right(&h) else {
        panic!("a choice");
    };
    let k2 = key(&h);
    h.key_press(keys[(i + 1) % 4]);
    h.run();
    assert_eq!(score(&h), (1, 2));
    assert_eq!(leitner(&h, &k2), 1);
    h.get_by_label("✗ Not quite");
}

#[test]
fn sequence_sorted_with_the_move_buttons_is_right_and_as_shown_is_wrong() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = study(dir.path());
    start(&mut h, QuizKind::Sequence);
    h.get_by_label_contains("in session order");
    // As first shown: wrong.
    let k1 = key(&h);
    h.get_by_label("Check order").click();
    h.run();
    assert_eq!(score(&h), (0, 1));
    assert_eq!(leitner(&h, &k1), 1);
    h.get_by_label("The template's order");
    next(&mut h);
    // Sort with "Move step N up" (a bubble sort, as a keyboard user could).
    let k2 = key(&h);
    loop {
        let order = h.state().study_view().order.clone();
        let Some(row) = (1..order.len()).find(|&r| order[r] < order[r - 1]) else {
            break;
        };
        h.get_by_label(&format!("Move step {} up", row + 1)).click();
        h.run();
    }
    h.get_by_label("Check order").click();
    h.run();
    assert_eq!(score(&h), (1, 2));
    assert_eq!(leitner(&h, &k2), 2);
}

#[test]
fn sequence_steps_move_with_alt_arrows() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = study(dir.path());
    start(&mut h, QuizKind::Sequence);
    let before = h.state().study_view().order.clone();
    h.get_by_label_contains("2. ").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::ALT, egui::Key::ArrowUp);
    h.run();
    let after = h.state().study_view().order.clone();
    assert_eq!(after[0], before[1]);
    assert_eq!(after[1], before[0]);
}

#[test]
fn safety_drill_right_and_wrong_show_the_rule_and_its_source() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = study(dir.path());
    start(&mut h, QuizKind::Safety);
    h.get_by_label("What do you do for this client today?");
    let Response::Choice(i) = right(&h) else {
        panic!("a choice");
    };
    let label = reflexmap::study::ACTIONS[i].label();
    let k1 = key(&h);
    h.get_by_label_contains(&format!("{}  {label}", i + 1))
        .click();
    h.run();
    assert_eq!(score(&h), (1, 1));
    assert_eq!(leitner(&h, &k1), 2);
    h.get_by_label_contains("The right call:");
    next(&mut h);
    let Response::Choice(i) = right(&h) else {
        panic!("a choice");
    };
    let wrong = (i + 2) % 5;
    let k2 = key(&h);
    let label = reflexmap::study::ACTIONS[wrong].label();
    h.get_by_label_contains(&format!("{}  {label}", wrong + 1))
        .click();
    h.run();
    assert_eq!(score(&h), (1, 2));
    assert_eq!(leitner(&h, &k2), 1);
    // A drill tied to a rule names its source.
    assert!(
        h.query_all_by_label_contains("Source:").next().is_some()
            || h.query_all_by_label_contains("Nothing in the screening")
                .next()
                .is_some()
    );
}

#[test]
fn claim_check_right_and_wrong_show_the_grade_and_citations() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = study(dir.path());
    start(&mut h, QuizKind::Claim);
    h.get_by_label("What grade does the evidence give this statement?");
    let Response::Choice(i) = right(&h) else {
        panic!("a choice");
    };
    let k1 = key(&h);
    let keys = [
        egui::Key::Num1,
        egui::Key::Num2,
        egui::Key::Num3,
        egui::Key::Num4,
        egui::Key::Num5,
        egui::Key::Num6,
    ];
    h.key_press(keys[i]);
    h.run();
    assert_eq!(score(&h), (1, 1));
    assert_eq!(leitner(&h, &k1), 2);
    h.get_by_label_contains("Sources:");
    next(&mut h);
    let Response::Choice(i) = right(&h) else {
        panic!("a choice");
    };
    let k2 = key(&h);
    h.key_press(keys[(i + 3) % 6]);
    h.run();
    assert_eq!(score(&h), (1, 2));
    assert_eq!(leitner(&h, &k2), 1);
}

#[test]
fn finishing_a_quiz_adds_to_the_history_and_progress_survives_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = study(dir.path());
    set_up(&mut h, |s| s.count = 3);
    start(&mut h, QuizKind::Safety);
    let mut keys = Vec::new();
    for _ in 0..3 {
        keys.push(key(&h));
        h.key_press(egui::Key::Num1);
        h.run();
        h.key_press(egui::Key::Enter);
        h.run();
    }
    h.get_by_label_contains("Safety drills finished:");
    assert_eq!(h.state().study().progress().history.len(), 1);
    let before = h.state().study().progress().clone();
    h.snapshot("study_results");
    // "Review the N missed" asks exactly the missed ones again.
    let quiz = h.state().study().quiz().cloned().expect("quiz");
    let missed: Vec<String> = quiz
        .questions
        .iter()
        .zip(&quiz.outcomes)
        .filter(|(_, o)| !o.right)
        .map(|(a, _)| a.key.clone())
        .collect();
    assert!(
        !missed.is_empty(),
        "answering Proceed to every drill misses some"
    );
    h.get_by_label(&format!("Review the {} missed", missed.len()))
        .click();
    h.run();
    let review = h.state().study().quiz().cloned().expect("review quiz");
    let mut asked: Vec<String> = review.questions.iter().map(|a| a.key.clone()).collect();
    asked.sort();
    let mut want = missed.clone();
    want.sort();
    assert_eq!(asked, want);
    drop(h);

    let h = study(dir.path());
    assert_eq!(*h.state().study().progress(), before);
    assert!(h.state().study().warning().is_none());
    for k in &keys {
        assert!(leitner(&h, k) >= 1);
    }
    // The score history chart is there and named.
    h.get_by_label_contains("Score history: 1 quizzes");
}

#[test]
fn a_corrupt_progress_file_is_reported_and_replaced_without_crashing() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join(PROGRESS_FILE),
        "(version: 1, items: {\"safety:v_fever\": (leitner_box: 2,,,",
    )
    .expect("write");
    let mut h = study(dir.path());
    h.get_by_label_contains("study progress file was damaged");
    assert!(dir.path().join("study-progress.damaged.ron").exists());
    // The app works and saves a fresh file.
    start(&mut h, QuizKind::Safety);
    h.key_press(egui::Key::Num1);
    h.run();
    let text = std::fs::read_to_string(dir.path().join(PROGRESS_FILE)).expect("saved");
    assert!(text.contains("safety:"), "{text}");
    h.get_by_label("Dismiss").click();
    h.run();
    assert!(h.state().study().warning().is_none());
}

/// A snapshot of one quiz kind: the locate one shows a miss with its marker, safety and claim
/// their feedback, name and sequence the open question.
fn snapshot_of(kind: QuizKind) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = study(dir.path());
    start(&mut h, kind);
    match kind {
        QuizKind::Locate => {
            let Question::Locate { view, foot, .. } = question(&h) else {
                panic!("locate");
            };
            let gap = between_zones(&h, view, foot);
            click_chart(&mut h, gap);
        }
        QuizKind::Safety | QuizKind::Claim => {
            h.key_press(egui::Key::Num2);
            h.run();
        }
        QuizKind::Name | QuizKind::Sequence | QuizKind::Lines | QuizKind::Label => {}
    }
    h.run();
    h.snapshot(format!("study_{}", kind.key_prefix()));
}

#[test]
fn snapshot_lines() {
    snapshot_of(QuizKind::Lines);
}

#[test]
fn snapshot_locate() {
    snapshot_of(QuizKind::Locate);
}

#[test]
fn snapshot_name() {
    snapshot_of(QuizKind::Name);
}

#[test]
fn snapshot_sequence() {
    snapshot_of(QuizKind::Sequence);
}

#[test]
fn snapshot_safety() {
    snapshot_of(QuizKind::Safety);
}

#[test]
fn snapshot_claim() {
    snapshot_of(QuizKind::Claim);
}

#[test]
fn six_misses_make_a_trouble_spot_with_what_to_reread_and_start_over_clears_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = study(dir.path());
    h.get_by_label_contains(&format!("{}   (", QuizKind::Claim.label()))
        .click();
    h.run();
    set_up(&mut h, |s| s.seed = SEED);
    h.get_by_label("Start quiz").click();
    h.run();
    let first = key(&h);
    // Six rounds: every question of the quiz answered wrong, then the missed ones again.
    for round in 0..6 {
        assert!(
            h.query_by_label_contains("Trouble spots").is_none(),
            "not yet after {round} misses"
        );
        while !h.state().study().quiz().expect("a quiz").finished() {
            // A wrong grade: any choice but the right one.
            let Response::Choice(right) = right(&h) else {
                panic!("a claim is answered by a choice");
            };
            common::apply(
                &mut h,
                Command::Study(StudyCommand::Answer(Response::Choice((right + 1) % 3))),
            );
            common::apply(&mut h, Command::Study(StudyCommand::Next));
        }
        if round < 5 {
            common::apply(&mut h, Command::Study(StudyCommand::ReviewMisses));
        }
    }
    h.run();
    let n = h.state().study().trouble_spots().len();
    assert!(n >= 1, "the missed statements are trouble spots");
    h.get_by_label(&format!("Trouble spots ({n})"));
    assert!(
        h.state()
            .study()
            .trouble_spots()
            .iter()
            .any(|(i, s)| i.key == first && s.misses == 6)
    );
    // Opened, it says how often and what to reread; Start over clears it, in the file too.
    h.query_all_by_label_contains("Claim check: “")
        .next()
        .expect("the trouble spot is listed")
        .scroll_to_me();
    h.run();
    h.query_all_by_label_contains("Claim check: “")
        .next()
        .unwrap()
        .click();
    h.run();
    h.run();
    h.get_by_label_contains("Missed 6 times since it was last started over");
    h.get_by_label("What the evidence says");
    h.snapshot("study_trouble_spots");
    h.get_by_label_contains("Start over: Claim check")
        .scroll_to_me();
    h.run();
    h.get_by_label_contains("Start over: Claim check").click();
    h.run();
    assert_eq!(h.state().study().trouble_spots().len(), n - 1, "one fewer");
    let file = std::fs::read_to_string(dir.path().join(PROGRESS_FILE)).unwrap();
    assert!(file.contains("misses: 0"), "{file}");
}

#[test]
fn an_exam_with_a_fake_clock_runs_out_and_leaves_the_schedule_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (clock, cell) = reflexmap::records::runner::Clock::fake();
    let mut h = common::new_harness()
        .mode(Mode::Study)
        .progress_store(ProgressStore::new(dir.path()))
        .study_clock(clock)
        .build();
    // Some progress first, so there is a schedule to leave alone.
    start(&mut h, QuizKind::Claim);
    let r = right(&h);
    common::apply(&mut h, Command::Study(StudyCommand::Answer(r)));
    common::apply(&mut h, Command::Study(StudyCommand::Stop));
    let path = dir.path().join(PROGRESS_FILE);
    let before = std::fs::read(&path).expect("progress saved");
    // Exam: 10 questions, 5 minutes.
    let mut exam = h.state().study().exam_setup();
    exam.count = 10;
    exam.minutes = Some(5);
    common::apply(&mut h, Command::Study(StudyCommand::SetExamSetup(exam)));
    h.get_by_label("Start exam").scroll_to_me();
    h.run();
    h.get_by_label("Start exam").click();
    h.run();
    h.get_by_label_contains("Exam · question 1 of 10");
    h.get_by_label("5:00 left");
    // Three answers, no feedback between them.
    for i in 0..3 {
        let r = right(&h);
        common::apply(&mut h, Command::Study(StudyCommand::Answer(r)));
        assert!(
            h.query_by_label("✓ Right").is_none(),
            "no feedback in an exam"
        );
        h.get_by_label_contains(&format!("Exam · question {} of 10", i + 2));
    }
    reflexmap::records::runner::advance(&cell, 200.0);
    h.run();
    h.get_by_label("1:40 left");
    reflexmap::records::runner::advance(&cell, 101.0);
    h.run();
    h.run();
    h.get_by_label_contains("Exam results: 3 of 10 right");
    h.get_by_label("The time ran out; questions not answered count as missed.");
    h.get_by_label("By quiz");
    h.snapshot("study_exam_results");
    assert_eq!(h.query_all_by_label_contains("(not answered)").count(), 7);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the progress file is as it was before the exam"
    );
    // Review the missed ones: practice with feedback, still no schedule change.
    h.get_by_label("Review the missed ones").click();
    h.run();
    h.get_by_label_contains("Review round · question 1 of 7");
    let r = right(&h);
    common::apply(&mut h, Command::Study(StudyCommand::Answer(r)));
    h.get_by_label("✓ Right");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn the_calendar_shows_the_days_studied_and_the_streak() {
    let dir = tempfile::tempdir().expect("tempdir");
    let today = reflexmap::study::progress::today();
    let mut progress = reflexmap::study::Progress::default();
    for (ago, answered) in [(0, 10), (1, 4), (2, 12), (4, 3), (9, 20), (30, 6)] {
        progress.history.push(reflexmap::study::QuizRecord {
            day: today - ago,
            kind: QuizKind::Name,
            seed: 1,
            right: answered / 2,
            answered,
        });
    }
    ProgressStore::new(dir.path()).save(&progress).unwrap();
    let mut h = study(dir.path());
    let summary = "Streak: 3 days in a row · last 30 days: 49 answers on 5 days";
    h.get_by_label(summary);
    let image = h.get_by_role_and_label(Role::Image, "Review calendar, the last 18 weeks");
    image.scroll_to_me();
    h.run();
    h.snapshot("study_calendar");
}

#[test]
fn fsrs_can_be_chosen_and_the_leitner_progress_carries_over() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = study(dir.path());
    start(&mut h, QuizKind::Claim);
    let first = key(&h);
    let r = right(&h);
    common::apply(&mut h, Command::Study(StudyCommand::Answer(r)));
    common::apply(&mut h, Command::Study(StudyCommand::Stop));
    let leitner_due = h.state().study().counts();
    h.get_by_label("Schedule").click();
    h.run();
    h.get_by_label("FSRS").click_accesskit();
    h.run();
    assert!(h.query_all_by_label("Desired retention").count() >= 1);
    let file = std::fs::read_to_string(dir.path().join(PROGRESS_FILE)).unwrap();
    let squeezed: String = file.split_whitespace().collect();
    assert!(squeezed.contains("schedule:Fsrs(retention:0.9"), "{file}");
    // The item answered under Leitner has an FSRS memory and is not due today.
    let progress = h.state().study().progress();
    let state = progress.items[&first];
    assert!(state.fsrs.is_some(), "every answer teaches both schedules");
    assert!(progress.due_day(&state) > h.state().study().today());
    assert_eq!(h.state().study().counts().due, leitner_due.due);
    // And back: nothing is lost (the list is still open: an accessibility click does not
    // close it as a pointer click does).
    if h.query_by_label("Leitner boxes").is_none() {
        h.get_by_role_and_label(Role::ComboBox, "Schedule").click();
        h.run();
    }
    h.get_by_label("Leitner boxes").click_accesskit();
    h.run();
    let study = h.state().study();
    assert_eq!(
        study.progress().schedule,
        reflexmap::study::fsrs::Schedule::Leitner
    );
    assert_eq!(
        study.progress().leitner_box(&first),
        2,
        "the box survived FSRS"
    );
    assert!(
        study.progress().items[&first].fsrs.is_some(),
        "and so did the FSRS memory, for the next switch"
    );
    let file = std::fs::read_to_string(dir.path().join(PROGRESS_FILE)).unwrap();
    assert!(file.contains("schedule: Leitner"), "{file}");
}

#[test]
fn a_lines_and_zones_question_is_answered_with_a_number_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = study(dir.path());
    start(&mut h, QuizKind::Lines);
    let q = question(&h);
    assert!(
        matches!(q, Question::Guide { .. } | Question::ZoneFact { .. }),
        "{q:?}"
    );
    if let Question::Guide { .. } = q {
        h.get_by_label_contains("Highlighted: a line");
    }
    let Response::Choice(i) = right(&h) else {
        panic!("a choice");
    };
    h.key_press(match i {
        0 => egui::Key::Num1,
        1 => egui::Key::Num2,
        2 => egui::Key::Num3,
        3 => egui::Key::Num4,
        _ => egui::Key::Num5,
    });
    h.run();
    assert_eq!(score(&h), (1, 1));
    h.get_by_label("✓ Right");
}

#[test]
fn after_start_quiz_by_keyboard_enter_goes_on_to_the_next_question_not_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = study(dir.path());
    h.get_by_label_contains(&format!("{}   (", QuizKind::Claim.label()))
        .click();
    h.run();
    // A keyboard user: the Start button focused, and Enter.
    h.get_by_label("Start quiz").focus();
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    h.run();
    assert!(h.state().study().quiz().is_some(), "Enter started the quiz");
    assert!(
        !h.get_by_label("Restart quiz").is_focused(),
        "the button let go of the keyboard"
    );
    h.key_press(egui::Key::Num1);
    h.run();
    assert_eq!(score(&h).1, 1, "a number key answers");
    // The answer moved the keyboard to Next question, and Enter presses it.
    h.key_press(egui::Key::Enter);
    h.run();
    h.run();
    let quiz = h.state().study().quiz().expect("a quiz");
    assert_eq!(
        quiz.position, 1,
        "Enter went on, it did not restart the quiz"
    );
    assert_eq!(quiz.outcomes.len(), 1);
}

/// A locate question on an area drawn under 24 px at the map's zoom (a small window here) is
/// asked as one of four numbered areas, answered with a number key.
#[test]
fn a_locate_area_too_small_at_this_zoom_is_asked_as_one_of_four() {
    use reflexmap::study::quiz::{SMALL_TARGET_PX, click_target_px, locate_choices};
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = common::new_harness()
        .mode(Mode::Study)
        .progress_store(ProgressStore::new(dir.path()))
        .size([1000.0, 640.0])
        .build();
    set_up(&mut h, |s| {
        s.kind = QuizKind::Locate;
        s.count = 30;
        s.seed = SEED;
        s.filters.view = Some(reflexmap::model::ViewKind::Plantar);
        s.filters.system = Some(reflexmap::model::BodySystem::Endocrine);
    });
    h.get_by_label("Start quiz").click();
    h.run();
    h.run();
    let mut small = None;
    for _ in 0..30 {
        let Question::Locate { zone, view, foot } = question(&h) else {
            panic!("a locate question");
        };
        let t = h
            .state()
            .study_view()
            .transform()
            .expect("the map was drawn");
        let px = click_target_px(
            h.state().geometry(view, shown_feet(view, foot)),
            zone,
            foot,
            t.scale,
        );
        if px < SMALL_TARGET_PX {
            small = Some((zone, view, foot, px));
            break;
        }
        // A big enough area is still a click question.
        assert!(h.query_by_label_contains("too small to click").is_none());
        let answer = right(&h);
        common::apply(&mut h, Command::Study(StudyCommand::Answer(answer)));
        next(&mut h);
        h.run();
    }
    let (zone, view, foot, px) = small.expect("an endocrine area under 24 px at 1000 × 640");
    h.run();
    h.get_by_label_contains("too small to click reliably");
    let content = reflexmap::load::embedded_content().expect("content");
    let geometry = reflexmap::geometry::ChartGeometry::new(h.state().chart());
    let drills = reflexmap::study::embedded_drills(&content.library).expect("drills");
    let four = locate_choices(
        zone,
        view,
        foot,
        Sources {
            chart: h.state().chart(),
            geometry: &geometry,
            library: &content.library,
            drills: &drills,
        },
    );
    let k = four
        .iter()
        .position(|z| *z == zone)
        .expect("the area is one of the four");
    let before = score(&h);
    let key_of = [
        egui::Key::Num1,
        egui::Key::Num2,
        egui::Key::Num3,
        egui::Key::Num4,
    ];
    h.snapshot("study_locate_small");
    h.key_press(key_of[k]);
    h.run();
    let after = score(&h);
    assert_eq!(
        (after.0 - before.0, after.1 - before.1),
        (1, 1),
        "number {} answers it ({px:.1} px)",
        k + 1
    );
    assert_eq!(leitner(&h, &key(&h)), 2);
}
