//! Zone content in the app: technique cards, grade badges, citations, the Evidence window.

mod common;

use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use reflexmap::model::Grade;

fn reveal(h: &mut egui_kittest::Harness<'static, reflexmap::app::ReflexApp>, name: &str) {
    h.get_by_role(Role::TextInput).focus();
    h.run();
    h.get_by_role(Role::TextInput).type_text(name);
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
}

#[test]
fn key_zones_show_technique_grade_and_citation() {
    for id in ["solar_plexus", "adrenal", "lumbar_spine", "knee"] {
        let mut h = common::harness();
        let name = h.state().chart().zone(id).expect(id).name.clone();
        reveal(&mut h, &name);
        assert_eq!(h.state().selected_zone(), Some(id), "search for {name:?}");
        assert!(
            h.query_all_by_label_contains("Technique: ")
                .next()
                .is_some(),
            "{id}: a technique card"
        );
        let badge = Grade::ALL
            .iter()
            .any(|g| h.query_all_by_label(g.label()).next().is_some());
        assert!(badge, "{id}: a grade badge");
        let cited = h.query_all_by_label_contains("doi:").next().is_some()
            || h.query_all_by_label_contains("PMID").next().is_some();
        assert!(cited, "{id}: at least one citation link");
        h.get_by_label("Cautions for at-risk feet");
    }
}

#[test]
fn evidence_window_opens_filters_and_leads_back_to_zones() {
    let mut h = common::harness();
    h.get_by_role_and_label(Role::Button, "Evidence & sources")
        .click();
    h.run();
    let total = h.state().library().evidence.claims.len();
    h.get_by_label(&format!("{total} of {total} claims"));
    // Filter to one grade: fewer claims are listed.
    h.get_by_label("Grade").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Unsupported").click();
    h.run();
    let shown = (0..total).find(|n| {
        h.query_by_label(&format!("{n} of {total} claims"))
            .is_some()
    });
    assert!(
        shown.is_some_and(|n| n > 0),
        "filtering by grade lists some but not all claims"
    );
    // From a claim to a zone that uses it.
    h.get_by_label("Topic");
    let zone_button = h
        .query_all_by_role(Role::Button)
        .find(|n| {
            // Map zone nodes carry a selected state; the window's zone buttons do not.
            let node = n.accesskit_node();
            node.toggled().is_none()
                && node
                    .label()
                    .is_some_and(|l| h.state().chart().zones.iter().any(|z| z.name == l))
        })
        .expect("a zone button under a claim");
    let label = zone_button.accesskit_node().label().expect("label");
    zone_button.click();
    h.run();
    let selected = h.state().selected_zone().expect("a zone is selected");
    assert_eq!(
        h.state().chart().zone(selected).map(|z| z.name.clone()),
        Some(label)
    );
}

#[test]
fn snapshot_of_a_zone_with_its_full_detail() {
    let mut h = common::harness();
    h.get_by_role_and_label(Role::Button, "Solar plexus — left foot")
        .click();
    h.run();
    h.query_all_by_label_contains("Technique: ")
        .next()
        .expect("a technique card")
        .click();
    h.run();
    h.snapshot("zone_detail_solar_plexus");
}
