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
    // A plan on the feet asks the foot questions (the hand ones only a plan on the hands).
    for rule in lib.rules_for(reflexmap::model::Limb::Foot) {
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
    h.get_by_role_and_label(Role::Button, "Solar plexus — left foot")
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
    // The highlighted area is described in words, without its name.
    let node = h.get_by_label_contains("Highlighted: ");
    let words = node
        .accesskit_node()
        .label()
        .or(node.accesskit_node().value())
        .unwrap();
    assert!(words.contains(" foot ("), "view and foot: {words}");
    assert!(
        !h.state()
            .chart()
            .zones
            .iter()
            .any(|z| words.to_lowercase().contains(&z.name.to_lowercase())),
        "{words} gives the answer away"
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
            .filter(|l| {
                h.state()
                    .chart()
                    .zones
                    .iter()
                    .any(|z| l.starts_with(&format!("{} — ", z.name)))
            });
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

/// The focused node's label, if any node has the keyboard.
fn focused_label(h: &H) -> Option<String> {
    h.root()
        .query_all(egui_kittest::kittest::by().predicate(|n| n.is_focused()))
        .next()
        .and_then(|n| n.accesskit_node().label())
}

fn center(b: egui::accesskit::Rect) -> egui::Pos2 {
    egui::pos2(((b.x0 + b.x1) / 2.0) as f32, ((b.y0 + b.y1) / 2.0) as f32)
}

fn bounds(h: &H, label: &str) -> egui::accesskit::Rect {
    h.get_by_label(label)
        .accesskit_node()
        .bounding_box()
        .expect("the node has bounds")
}

#[test]
fn the_window_is_named_after_the_app() {
    let h = common::harness();
    assert_eq!(
        h.root().accesskit_node().label().as_deref(),
        Some("reflexmap")
    );
}

#[test]
fn zones_are_the_maps_children_one_per_foot_with_the_bounds_of_their_shape() {
    let mut h = common::harness();
    let group = h.get_by_role_and_label(Role::Group, "Foot chart — plantar view, both feet");
    let zones: Vec<String> = group
        .query_all_by_role(Role::Button)
        .filter_map(|n| n.accesskit_node().label())
        .collect();
    assert!(zones.contains(&"Solar plexus — left foot".to_owned()));
    assert!(zones.contains(&"Solar plexus — right foot".to_owned()));
    assert!(zones.contains(&"Liver — right foot".to_owned()));
    assert!(
        !zones.iter().any(|z| z.starts_with("Liver — left")),
        "the liver is on the right foot"
    );
    let map = group.accesskit_node().bounding_box().unwrap();
    let (l, r) = (
        bounds(&h, "Solar plexus — left foot"),
        bounds(&h, "Solar plexus — right foot"),
    );
    for b in [l, r] {
        assert!(
            b.width() > 15.0 && b.height() > 15.0,
            "a real area, not a marker: {b:?}"
        );
        let c = center(b);
        assert!(
            (map.x0 as f32..map.x1 as f32).contains(&c.x)
                && (map.y0 as f32..map.y1 as f32).contains(&c.y),
            "inside the map"
        );
    }
    assert!(
        l.x1 < r.x0,
        "the left foot's node is left of the right foot's"
    );
    // A pointer anywhere well inside a zone's bounds is on that zone: the liver's middle.
    let liver = bounds(&h, "Liver — right foot");
    assert!(
        liver.width() > 40.0,
        "the liver spans much of the foot: {liver:?}"
    );
    h.hover_at(center(liver));
    h.run();
    h.get_by_label("Liver — right foot").click();
    h.run();
    assert_eq!(h.state().selected_zone(), Some("liver"));
}

#[test]
fn ctrl_m_goes_to_the_map_and_tab_follows_the_feet_from_toe_to_heel() {
    let mut h = common::harness();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::M);
    h.run();
    h.run();
    let first = focused_label(&h).expect("Ctrl+M puts the keyboard on the map");
    assert!(
        first.ends_with("— left foot"),
        "the left foot comes first: {first}"
    );
    let mut seen = vec![first];
    for _ in 0..40 {
        h.key_press(egui::Key::Tab);
        h.run();
        seen.push(focused_label(&h).expect("Tab stays on the map's zones"));
    }
    let at = |name: &str| {
        seen.iter()
            .position(|s| s == name)
            .unwrap_or_else(|| panic!("{name} is reached: {seen:?}"))
    };
    // The toes before the ball, the ball before the arch, the arch before the heel.
    assert!(at("Brain / head — left foot") < at("Solar plexus — left foot"));
    assert!(at("Solar plexus — left foot") < at("Sciatic nerve — left foot"));
    let first_right = seen.iter().position(|s| s.ends_with("— right foot"));
    if let Some(i) = first_right {
        assert!(seen[..i].iter().all(|s| s.ends_with("— left foot")));
    }
    // Enter selects; Esc clears and keeps the keyboard there.
    let here = focused_label(&h).unwrap();
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(h.state().selected_zone().is_some());
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(h.state().selected_zone(), None);
    assert_eq!(focused_label(&h), Some(here));
}

#[test]
fn f6_cycles_the_main_panels_and_shift_f6_goes_back() {
    let mut h = common::harness();
    h.get_by_role_and_label(Role::Button, "Solar plexus — left foot")
        .click();
    h.run();
    let mut visited = Vec::new();
    for _ in 0..4 {
        h.key_press(egui::Key::F6);
        h.run();
        h.run();
        visited.push(focused_label(&h).unwrap_or_default());
    }
    assert_eq!(visited[0], "Menu and toolbar");
    assert!(visited[1].ends_with(" foot"), "then the map: {visited:?}");
    assert_eq!(visited[2], "Zone details");
    assert_eq!(visited[3], "Menu and toolbar", "and round again");
    // Tab from a panel's name goes on to the panel's first control.
    h.key_press(egui::Key::Tab);
    h.run();
    assert_ne!(focused_label(&h).as_deref(), Some("Menu and toolbar"));
    h.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::F6);
    h.run();
    h.run();
    assert_eq!(focused_label(&h).as_deref(), Some("Zone details"));
}
