//! The Explore screen driven as a user would: by zone names and button labels.

mod common;

use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};

#[test]
fn clicking_solar_plexus_by_name_shows_it_in_the_detail_panel() {
    let mut h = common::harness();
    h.get_by_role_and_label(Role::Button, "Solar plexus — left foot")
        .click();
    h.run();
    assert_eq!(h.state().selected_zone(), Some("solar_plexus"));
    // The panel shows its sections.
    h.get_by_label("What the tradition says");
    h.get_by_label("How it is worked");
    h.get_by_label("What the evidence says");
    // The zone's accessibility node reports it as selected.
    let node = h.get_by_role_and_label(Role::Button, "Solar plexus — left foot");
    assert_eq!(
        node.accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::True)
    );
}

#[test]
fn search_for_adrenal_selects_it() {
    let mut h = common::harness();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run();
    let field = h.get_by_role(Role::TextInput);
    assert!(field.is_focused(), "Ctrl+F focuses the search field");
    field.type_text("adrenal");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(h.state().selected_zone(), Some("adrenal"));
}

/// A complaint word is no point-for-your-complaint finder: one that names a body part finds
/// that body part's areas with a line saying so; one that names none finds nothing and says why.
#[test]
fn complaint_words_find_body_parts_or_nothing_and_say_why() {
    let mut h = common::harness();
    h.get_by_role(Role::TextInput).focus();
    h.run();
    h.get_by_role(Role::TextInput).type_text("sleep");
    h.run();
    h.get_by_label(reflexmap::search::COMPLAINT_NO_AREA);
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(
        h.state().selected_zone(),
        None,
        "no area is offered for sleep"
    );
    // Esc clears the field.
    h.get_by_role(Role::TextInput).focus();
    h.run();
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(h.get_by_role(Role::TextInput).value().as_deref(), Some(""));

    h.get_by_role(Role::TextInput).focus();
    h.run();
    h.get_by_role(Role::TextInput).type_text("back pain");
    h.run();
    h.get_by_label(reflexmap::search::COMPLAINT_NOTE);
    h.key_press(egui::Key::Enter);
    h.run();
    let zone = h
        .state()
        .selected_zone()
        .expect("an area of the back is offered");
    let system = h.state().chart().zone(zone).expect("zone").system;
    assert_eq!(
        system,
        reflexmap::model::BodySystem::Musculoskeletal,
        "{zone}"
    );
}

#[test]
fn search_switches_to_a_view_where_the_zone_is_visible() {
    let mut h = common::harness();
    // The knee is only on the lateral view.
    h.get_by_role(Role::TextInput).focus();
    h.run();
    h.get_by_role(Role::TextInput).type_text("knee");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(h.state().selected_zone(), Some("knee"));
    assert_eq!(
        h.state().settings().view,
        reflexmap::model::ViewKind::Lateral
    );
    h.get_by_role_and_label(Role::Button, "Knee — left foot");
}

#[test]
fn medial_view_shows_the_five_spine_segments() {
    let mut h = common::harness();
    h.get_by_label("Medial").click();
    h.run();
    assert_eq!(
        h.state().settings().view,
        reflexmap::model::ViewKind::Medial
    );
    for name in h
        .state()
        .chart()
        .zones
        .iter()
        .filter(|z| {
            [
                "cervical_spine",
                "thoracic_spine",
                "lumbar_spine",
                "sacral_spine",
                "coccyx",
            ]
            .contains(&z.id.as_str())
        })
        .map(|z| z.name.clone())
        .collect::<Vec<_>>()
    {
        h.get_by_role_and_label(Role::Button, &format!("{name} — left foot"));
    }
}

#[test]
fn tab_then_enter_selects_a_zone_and_escape_clears_it() {
    let mut h = common::harness();
    let zone_names: Vec<String> = h
        .state()
        .chart()
        .zones
        .iter()
        .map(|z| z.name.clone())
        .collect();
    let mut focused_zone = None;
    for _ in 0..120 {
        h.key_press(egui::Key::Tab);
        h.run();
        let focused = h
            .query_all_by_role(Role::Button)
            .find(|n| n.is_focused())
            .and_then(|n| n.accesskit_node().label());
        if let Some(label) = focused
            && zone_names
                .iter()
                .any(|z| label.starts_with(&format!("{z} — ")))
        {
            focused_zone = Some(label);
            break;
        }
    }
    let name = focused_zone.expect("Tab reaches a zone");
    h.key_press(egui::Key::Enter);
    h.run();
    let selected = h
        .state()
        .selected_zone()
        .map(|id| h.state().chart().zone(id).map(|z| z.name.clone()));
    let selected = selected.flatten().expect("Enter selects");
    assert!(
        name.starts_with(&format!("{selected} — ")),
        "{name} is {selected} on one foot"
    );
    // Esc leaves the zone node focused; a second Esc (nothing focused) clears the selection.
    h.key_press(egui::Key::Escape);
    h.run();
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(h.state().selected_zone(), None);
}

#[test]
fn a_broken_chart_file_is_reported_and_the_chart_is_kept() {
    let mut h = common::harness();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("broken.ron");
    std::fs::write(&path, "(version: 1, name: \"x\",\n  views: [ oops ]\n)").expect("write");
    let zones_before = h.state().chart().zones.len();
    common::apply(&mut h, reflexmap::ui::Command::LoadChart(path.clone()));
    let err = h.state().error().expect("an error is shown").to_owned();
    assert!(err.contains("broken.ron:2:"), "{err}");
    assert_eq!(h.state().chart().zones.len(), zones_before);
    h.get_by_label("Dismiss").click();
    h.run();
    assert!(h.state().error().is_none());
}

#[test]
fn left_only_shows_no_right_foot_zones() {
    let mut h = common::harness();
    h.get_by_label("Left only").click();
    h.run();
    assert!(
        h.query_by_role_and_label(Role::Button, "Liver — right foot")
            .is_none(),
        "the liver is a right-foot zone"
    );
    h.get_by_role_and_label(Role::Button, "Heart — left foot");
}

#[test]
fn snapshots_of_the_four_views() {
    let mut h = common::harness();
    for view in ["Plantar", "Dorsal", "Medial", "Lateral"] {
        h.get_by_label(view).click();
        h.run();
        h.snapshot(format!("explore_{}", view.to_lowercase()));
    }
}

#[test]
fn snapshot_of_explore_in_dark_theme_with_a_zone_selected() {
    let mut h = common::new_harness().dark().build();
    h.get_by_role_and_label(Role::Button, "Solar plexus — left foot")
        .click();
    h.run();
    assert_eq!(h.state().selected_zone(), Some("solar_plexus"));
    h.snapshot("explore_plantar_dark");
}

fn node_center(
    h: &egui_kittest::Harness<'static, reflexmap::app::ReflexApp>,
    name: &str,
) -> egui::Pos2 {
    let r = h
        .get_by_role_and_label(Role::Button, name)
        .accesskit_node()
        .bounding_box()
        .expect("the zone node has a position");
    egui::pos2(((r.x0 + r.x1) / 2.0) as f32, ((r.y0 + r.y1) / 2.0) as f32)
}

#[test]
fn wheel_zooms_drag_pans_and_reset_view_fits_again() {
    let mut h = common::harness();
    let before = node_center(&h, "Heart — left foot");
    // Zoom in with the wheel over the left foot's heel, away from the heart.
    let at = egui::pos2(290.0, 700.0);
    h.hover_at(at);
    h.run();
    for _ in 0..4 {
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Line,
            delta: egui::vec2(0.0, 3.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers: egui::Modifiers::NONE,
        });
        h.run();
    }
    let zoomed = node_center(&h, "Heart — left foot");
    assert!(
        zoomed.distance(at) > before.distance(at) + 20.0,
        "zooming in about a point moves other zones away from it: {before:?} → {zoomed:?}"
    );
    // Drag pans by the drag distance.
    h.drag_at(egui::pos2(600.0, 700.0));
    h.run();
    h.hover_at(egui::pos2(650.0, 680.0));
    h.run();
    h.drop_at(egui::pos2(650.0, 680.0));
    h.run();
    let panned = node_center(&h, "Heart — left foot");
    assert!(
        (panned.x - zoomed.x - 50.0).abs() < 2.0 && (panned.y - zoomed.y + 20.0).abs() < 2.0,
        "{zoomed:?} → {panned:?}"
    );
    // "Reset view" fits the chart again.
    h.get_by_label("Reset view").click();
    h.run();
    let reset = node_center(&h, "Heart — left foot");
    assert!(reset.distance(before) < 1.0, "{before:?} vs {reset:?}");
}

#[test]
fn adding_a_zone_from_explore_says_where_it_went() {
    let mut h = common::harness();
    h.get_by_role_and_label(Role::Button, "Solar plexus — left foot")
        .click();
    h.run();
    h.get_by_label("The plan is empty");
    h.get_by_label("+ Add to plan").click();
    h.run();
    h.get_by_label("In the plan as step 1");
    assert_eq!(h.state().plan().plan().steps.len(), 1);
}

#[test]
fn switching_to_hands_shows_the_palm_and_a_hand_caution_for_the_solar_plexus() {
    let mut h = common::harness();
    h.get_by_role_and_label(Role::Button, "Hands").click();
    h.run();
    assert_eq!(h.state().chart().limb, reflexmap::model::Limb::Hand);
    // The hand chart's own views and words; no side views.
    h.get_by_role_and_label(Role::Button, "Palm");
    h.get_by_role_and_label(Role::Button, "Back of the hand");
    h.get_by_role_and_label(Role::Button, "Both hands");
    assert!(h.query_by_label("Medial").is_none());
    h.get_by_role_and_label(Role::Button, "Solar plexus — left hand")
        .click();
    h.run();
    assert_eq!(h.state().selected_zone(), Some("solar_plexus"));
    h.get_by_label("Cautions for at-risk hands");
    assert!(
        h.query_all_by_label_contains("chemotherapy")
            .next()
            .is_some(),
        "a caution for hands numbed by chemotherapy"
    );
    h.snapshot("hands_palm");
    // The technique card says how the move is done on the hand, not on the foot.
    h.get_by_label("Technique: Sustained hold").click();
    h.run();
    h.get_by_label("Numb, painful or fragile hands");
    h.get_by_label_contains("On the hand: cup the client's hand");
    assert!(h.query_by_label("Numb or painful feet").is_none());
    h.get_by_label("Technique: Sustained hold").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Back of the hand")
        .click();
    h.run();
    h.snapshot("hands_back");
    // And back to the feet: the selection is kept by id.
    h.get_by_role_and_label(Role::Button, "Feet").click();
    h.run();
    assert_eq!(h.state().chart().limb, reflexmap::model::Limb::Foot);
    assert_eq!(h.state().selected_zone(), Some("solar_plexus"));
    // The toolbar's Plantar (the detail panel's view chip comes after it).
    h.query_all_by_role_and_label(Role::Button, "Plantar")
        .next()
        .expect("Plantar")
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Solar plexus — left foot");
}
