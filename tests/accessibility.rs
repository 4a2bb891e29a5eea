//! What a screen reader finds in the AccessKit tree (part of issue 19): screening answers named
//! by their question, section titles as headings, the verdict and study feedback as polite live
//! regions, named progress bars, combo boxes with their value, and focus moving on to "Next
//! question" after an answer.

mod common;

use egui::accesskit::{Live, Role};
use egui_kittest::kittest::{NodeT, Queryable};
use reflexmap::study::{ProgressStore, QuizKind};
use reflexmap::ui::Mode;

type H = common::AppHarness;

#[test]
fn every_screening_answer_is_named_by_its_question() {
    let lib = reflexmap::load::embedded_content().unwrap().library;
    let h = common::new_harness().mode(Mode::Plan).build();
    assert_eq!(
        h.query_all_by_role_and_label(Role::Button, "Yes").count(),
        0,
        "no answer is a bare \"Yes\""
    );
    for rule in &lib.rules {
        for word in ["Yes", "No"] {
            assert_eq!(
                h.query_all_by_label(&format!("{word}: {}", rule.question))
                    .count(),
                1,
                "{word}: {}",
                rule.question
            );
        }
    }
}

#[test]
fn the_verdict_banner_is_a_polite_live_region() {
    let mut h = common::new_harness().mode(Mode::Plan).build();
    let banner = h.get_by_label_contains("Screening incomplete");
    assert_eq!(banner.accesskit_node().live(), Live::Polite);
    h.get_by_label("Answer all unanswered: No").click();
    h.run();
    let banner = h.get_by_label_contains("Proceed: no red flags");
    assert_eq!(
        banner.accesskit_node().live(),
        Live::Polite,
        "still, after the change"
    );
}

#[test]
fn section_titles_are_headings() {
    let mut h = common::harness();
    h.get_by_role_and_label(Role::Button, "Solar plexus")
        .click();
    h.run();
    for title in [
        "Solar plexus",
        "What the tradition says",
        "Where to find it",
        "How it is worked",
        "What the evidence says",
    ] {
        assert!(
            h.query_by_role_and_label(Role::Heading, title).is_some(),
            "{title} is a heading"
        );
    }
    let mut h = common::new_harness().mode(Mode::Plan).build();
    h.run();
    h.get_by_role_and_label(Role::Heading, "Screening");
    h.get_by_role_and_label(Role::Heading, "Session steps");
}

fn study(dir: &std::path::Path) -> H {
    common::new_harness()
        .mode(Mode::Study)
        .progress_store(ProgressStore::new(dir))
        .build()
}

#[test]
fn study_filters_say_their_value_the_progress_bar_is_named_and_feedback_is_announced() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = study(dir.path());
    let combos: Vec<_> = h
        .query_all_by_role(Role::ComboBox)
        .map(|n| (n.accesskit_node().label(), n.accesskit_node().value()))
        .collect();
    assert!(!combos.is_empty());
    for (label, value) in &combos {
        assert!(label.is_some(), "a combo box without a name: {combos:?}");
        assert!(value.is_some(), "{label:?} does not say its value");
    }
    h.get_by_label_contains(&format!("{}   (", QuizKind::Name.label()))
        .click();
    h.run();
    h.get_by_label("Start quiz").click();
    h.run();
    let bar = h.get_by_label("Quiz progress");
    assert_eq!(
        bar.accesskit_node().value().as_deref(),
        Some("question 1 of 10")
    );
    // Answer with a number key; the feedback is a live region and focus goes to "Next".
    h.key_press(egui::Key::Num1);
    h.run();
    h.run();
    let verdict = h
        .query_by_label("✓ Right")
        .or_else(|| h.query_by_label("✗ Not quite"))
        .expect("feedback shows");
    assert_eq!(verdict.accesskit_node().live(), Live::Polite);
    assert!(
        h.get_by_label("Next question").is_focused(),
        "the keyboard is on the next action"
    );
}

#[test]
fn the_map_is_a_named_group_and_esc_clears_the_selection_but_keeps_focus() {
    let mut h = common::harness();
    h.get_by_role_and_label(Role::Group, "Foot chart — plantar view, both feet");
    let mut focused = None;
    for _ in 0..60 {
        h.key_press(egui::Key::Tab);
        h.run();
        let zone = h
            .query_all_by_role(Role::Button)
            .find(|n| n.is_focused())
            .and_then(|n| n.accesskit_node().label())
            .filter(|l| h.state().chart().zones.iter().any(|z| &z.name == l));
        if zone.is_some() {
            focused = zone;
            break;
        }
    }
    let name = focused.expect("Tab reaches a zone");
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(h.state().selected_zone().is_some(), "Enter selects");
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(h.state().selected_zone(), None, "Esc clears the selection");
    assert!(
        h.get_by_role_and_label(Role::Button, &name).is_focused(),
        "and the keyboard stays on {name}"
    );
}
