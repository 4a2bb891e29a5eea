//! Plan mode driven as a therapist would: screening, a template, a zone from the map,
//! reordering, undo/redo, export.

mod common;

use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use reflexmap::model::{Action, Pressure};

fn plan_mode() -> egui_kittest::Harness<'static, reflexmap::app::ReflexApp> {
    let mut h = common::harness();
    h.get_by_role_and_label(Role::Button, "Plan").click();
    h.run();
    h
}

fn use_template(h: &mut egui_kittest::Harness<'static, reflexmap::app::ReflexApp>, id: &str) {
    let content = reflexmap::load::embedded_content().expect("content");
    let name = content.library.template(id).expect(id).name.clone();
    h.get_by_label("Template").click();
    h.run();
    h.query_all_by_label_contains(&name)
        .last()
        .expect("template in the list")
        .click();
    h.run();
    h.get_by_label("Use this template").click();
    h.run();
}

#[test]
fn screen_template_add_reorder_undo_and_export() {
    let mut h = plan_mode();
    h.get_by_label("Answer all unanswered: No").click();
    h.run();
    h.get_by_label_contains("Proceed: no red flags");
    use_template(&mut h, "neuropathy_gentle");
    let template_steps = h.state().plan().steps.len();
    assert!(template_steps > 5);
    assert_eq!(
        h.state().plan().template.as_deref(),
        Some("neuropathy_gentle")
    );

    // Add the solar plexus from the map's context menu.
    h.get_by_role_and_label(Role::Button, "Solar plexus")
        .click_secondary();
    h.run();
    h.get_by_label("Add to plan").click();
    h.run();
    let steps = &h.state().plan().steps;
    assert_eq!(steps.len(), template_steps + 1);
    assert_eq!(
        steps.last().and_then(|s| s.zone.as_deref()),
        Some("solar_plexus")
    );
    assert!(
        steps.last().is_some_and(|s| s.pressure <= Pressure::Light),
        "a new step starts gentle"
    );

    // Reorder with the keyboard: the new step moves up one place.
    h.key_press_modifiers(egui::Modifiers::ALT, egui::Key::ArrowUp);
    h.run();
    let steps = &h.state().plan().steps;
    assert_eq!(
        steps[template_steps - 1].zone.as_deref(),
        Some("solar_plexus")
    );

    // Undo the move, then redo it.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(
        h.state()
            .plan()
            .steps
            .last()
            .and_then(|s| s.zone.as_deref()),
        Some("solar_plexus")
    );
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    h.run();
    assert_eq!(
        h.state().plan().steps[template_steps - 1].zone.as_deref(),
        Some("solar_plexus")
    );
    assert!(h.state().plan_is_dirty());

    // Export the printable sequence.
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = dir.path().join("session.pdf");
    h.state_mut().export_pdf_to(&pdf).expect("export works");
    let bytes = std::fs::read(&pdf).expect("pdf written");
    assert!(bytes.starts_with(b"%PDF"));

    // Save, and the title's unsaved marker goes.
    let file = dir.path().join("session.plan.ron");
    h.state_mut().save_plan_to(&file).expect("save works");
    h.run();
    assert!(!h.state().plan_is_dirty());
}

#[test]
fn a_stop_answer_shows_the_stop_banner_and_blocks_treatment() {
    let mut h = plan_mode();
    let content = reflexmap::load::embedded_content().expect("content");
    // The first stop rule in checklist order (group order, then file order), so it is on screen.
    let stop = reflexmap::model::RuleGroup::ALL
        .iter()
        .flat_map(|g| content.library.rules.iter().filter(move |r| r.group == *g))
        .find(|r| r.action == Action::StopAndRefer)
        .expect("a stop rule");
    // Answer the stop rule's question "Yes" (the first Yes button after its question).
    let top =
        |n: &egui_kittest::Node<'_>| n.accesskit_node().bounding_box().map_or(f64::MAX, |r| r.y0);
    let q_top = top(&h.get_by_label(&stop.question));
    let yes = h
        .query_all_by_role_and_label(Role::Button, "Yes")
        .filter(|n| top(n) >= q_top)
        .min_by(|a, b| top(a).total_cmp(&top(b)))
        .expect("a Yes button under the question");
    yes.click();
    h.run();
    h.get_by_label_contains("Stop and refer: do not treat");
    h.get_by_label_contains("A treatment plan cannot be printed");
}

#[test]
fn a_pressure_cap_flags_steps_and_lowers_them_in_one_click() {
    let mut h = plan_mode();
    use_template(&mut h, "full_foot_relaxation");
    let content = reflexmap::load::embedded_content().expect("content");
    let cap_rule = content
        .library
        .rules
        .iter()
        .filter(|r| r.adaptation.pressure_cap == Some(Pressure::Light))
        .find(|r| r.action == Action::Adapt || r.action == Action::MedicalClearance)
        .expect("a rule capping pressure at light");
    h.state_mut().apply_plan(
        &egui::Context::default(),
        reflexmap::ui::planner_view::PlanCommand::SetAnswer(
            cap_rule.id.clone(),
            Some(reflexmap::plan::Answer::Yes),
        ),
    );
    h.run();
    assert!(
        h.state()
            .plan()
            .steps
            .iter()
            .any(|s| s.pressure > Pressure::Light),
        "the template has firmer steps"
    );
    h.query_all_by_label_contains("above the screening cap")
        .next()
        .expect("steps above the cap are flagged");
    h.get_by_label("Lower all steps to light").click();
    h.run();
    assert!(
        h.state()
            .plan()
            .steps
            .iter()
            .all(|s| s.pressure <= Pressure::Light)
    );
}

#[test]
fn a_step_opens_for_editing_and_its_change_is_kept_when_another_opens() {
    let mut h = plan_mode();
    use_template(&mut h, "neuropathy_gentle");
    let plan = h.state().plan().clone();
    let content = reflexmap::load::embedded_content().expect("content");
    let summary =
        |i: usize| reflexmap::ui::planner_view::step_summary(&plan.steps[i], &content.library);
    // Closed steps show a one-line summary and no editors.
    h.get_by_label(&summary(1));
    assert!(h.query_by_label("Step 2 pressure").is_none());
    let name = |i: usize| {
        format!(
            "{}. {}",
            i + 1,
            reflexmap::ui::planner_view::step_name(&plan.steps[i], &content.chart)
        )
    };
    // Open step 2 by its name: its editors appear, the others stay closed.
    h.get_by_label(&name(1)).click();
    h.run();
    assert!(h.query_by_label(&summary(1)).is_none());
    h.get_by_label("Step 2 pressure").click();
    h.run();
    assert_ne!(plan.steps[1].pressure, Pressure::Feather);
    h.get_by_label("Feather").click();
    h.run();
    assert!(h.query_by_label("Step 3 pressure").is_none());
    // Open step 3 by its summary: step 2 closes, and its new pressure is in the plan.
    h.get_by_label(&summary(2)).click();
    h.run();
    assert!(h.query_by_label("Step 2 pressure").is_none());
    h.get_by_label("Step 3 pressure");
    assert_eq!(h.state().plan().steps[1].pressure, Pressure::Feather);
    // A second click on the open step's name closes it.
    h.get_by_label(&name(2)).click();
    h.run();
    assert!(h.query_by_label("Step 3 pressure").is_none());
}

#[test]
fn snapshot_of_the_planner() {
    let mut h = plan_mode();
    h.get_by_label("Answer all unanswered: No").click();
    h.run();
    use_template(&mut h, "neuropathy_gentle");
    // One step open for editing, the rest as summaries: both forms are on screen.
    let content = reflexmap::load::embedded_content().expect("content");
    let step = &h.state().plan().steps[1];
    let name = format!(
        "2. {}",
        reflexmap::ui::planner_view::step_name(step, &content.chart)
    );
    h.get_by_label(&name).click();
    h.run();
    h.snapshot("planner");
}
