//! Plan mode driven as a therapist would: screening, a template, a zone from the map,
//! reordering, undo/redo, export.

mod common;

use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use reflexmap::model::{Action, Pressure};
use reflexmap::plan::PlanCommand;
use reflexmap::ui::Command;

fn plan_mode() -> common::AppHarness {
    let mut h = common::harness();
    h.get_by_role_and_label(Role::Button, "Plan").click();
    h.run();
    h
}

fn use_template(h: &mut egui_kittest::Harness<'static, reflexmap::app::ReflexApp>, id: &str) {
    let content = reflexmap::load::embedded_content().expect("content");
    let name = content.library.template(id).expect(id).name.clone();
    h.get_by_label("Template").scroll_to_me();
    h.run();
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

/// Answers a screening question "Yes": its Yes button, named by the question.
fn answer_yes(h: &mut egui_kittest::Harness<'static, reflexmap::app::ReflexApp>, question: &str) {
    // The question may be scrolled out of view: a pointer click needs it on screen.
    h.get_by_label(question).scroll_to_me();
    h.run();
    let name = format!("Yes: {question}");
    h.get_by_role_and_label(Role::Button, &name).click();
    h.run();
}

#[test]
fn screen_template_add_reorder_undo_and_export() {
    let mut h = plan_mode();
    h.get_by_label("Answer all unanswered: No").click();
    h.run();
    h.get_by_label_contains("Proceed: no red flags");
    use_template(&mut h, "neuropathy_gentle");
    let template_steps = h.state().plan().plan().steps.len();
    assert!(template_steps > 5);
    assert_eq!(
        h.state().plan().plan().template.as_deref(),
        Some("neuropathy_gentle")
    );

    // Add the solar plexus from the map's context menu.
    h.get_by_role_and_label(Role::Button, "Solar plexus — left foot")
        .click_secondary();
    h.run();
    h.get_by_label("Add to plan").click();
    h.run();
    let steps = &h.state().plan().plan().steps;
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
    let steps = &h.state().plan().plan().steps;
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
        h.state().plan().plan().steps[template_steps - 1]
            .zone
            .as_deref(),
        Some("solar_plexus")
    );
    assert!(h.state().plan().is_dirty());

    // Export the printable sequence.
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = dir.path().join("session.pdf");
    common::apply(&mut h, Command::Plan(PlanCommand::ExportPdfTo(pdf.clone())));
    assert!(h.state().error().is_none(), "export works");
    let bytes = std::fs::read(&pdf).expect("pdf written");
    assert!(bytes.starts_with(b"%PDF"));

    // Save, and the title's unsaved marker goes.
    let file = dir.path().join("session.plan.ron");
    common::apply(&mut h, Command::Plan(PlanCommand::SaveTo(file.clone())));
    assert!(h.state().error().is_none(), "save works");
    assert!(!h.state().plan().is_dirty());
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
    answer_yes(&mut h, &stop.question);
    h.get_by_label_contains("Stop and refer: do not treat");
    h.get_by_label_contains("A treatment plan cannot be printed");
    // One flag found is not the whole screening: the banner says what is still open.
    let open = content
        .library
        .rules_for(reflexmap::model::Limb::Foot)
        .count()
        - 1;
    h.get_by_label(&format!(
        "Screening not finished: {open} question(s) still unanswered."
    ));
    h.get_by_label("Answer all unanswered: No").click();
    h.run();
    assert!(
        h.query_by_label_contains("Screening not finished")
            .is_none(),
        "the note goes once every question is answered"
    );
    h.get_by_label_contains("Stop and refer: do not treat");
}

#[test]
fn a_screening_group_folds_when_all_no_and_unfolds_when_an_answer_changes() {
    let mut h = plan_mode();
    let content = reflexmap::load::embedded_content().expect("content");
    let group = reflexmap::model::RuleGroup::CirculationClotting;
    let rules: Vec<_> = content
        .library
        .rules_for(reflexmap::model::Limb::Foot)
        .filter(|r| r.group == group)
        .collect();
    let first = rules[0];
    // Unanswered: the group is open and shows its questions.
    h.get_by_label(&first.question);
    h.get_by_label("Answer all unanswered: No").click();
    h.run();
    // All "no": the group folds to one line that says so, and the verdict is on screen.
    let folded = format!("{} — all {} no", group.label(), rules.len());
    h.get_by_label(&folded);
    assert!(
        h.query_by_label(&first.question).is_none(),
        "a clear group's questions fold away"
    );
    h.get_by_label_contains("Proceed: no red flags");
    // The user can open it again to check or change an answer.
    h.get_by_label(&folded).click();
    h.run();
    h.get_by_label(&first.question);
    // "Clear answers" makes every group unclear again: all unfold.
    h.get_by_label(&folded).click();
    h.run();
    assert!(h.query_by_label(&first.question).is_none());
    h.get_by_label("Clear answers").click();
    h.run();
    h.get_by_label(group.label());
    h.get_by_label(&first.question);
    assert!(h.state().plan().plan().screening.is_empty());
}

#[test]
fn move_and_remove_buttons_show_on_the_open_step_and_the_row_under_the_pointer() {
    let mut h = plan_mode();
    use_template(&mut h, "neuropathy_gentle");
    let before = h.state().plan().plan().steps.clone();
    // Nothing open, pointer elsewhere: a list of summaries without buttons.
    let removes = |h: &egui_kittest::Harness<'static, reflexmap::app::ReflexApp>| {
        h.query_all_by_label_contains("Remove step ").count()
    };
    assert_eq!(removes(&h), 0);
    // Open step 3: its buttons appear, and only its.
    let content = reflexmap::load::embedded_content().expect("content");
    let name = |n: usize, i: usize| format!("{n}. {}", before[i].display_name(&content.chart));
    let y = h.get_by_label(&name(3, 2)).rect().min.y;
    h.get_by_label(&name(3, 2)).click();
    h.run();
    assert_eq!(
        h.get_by_label(&name(3, 2)).rect().min.y,
        y,
        "opening a step (which selects its zone) does not move the list under the pointer"
    );
    assert_eq!(removes(&h), 1);
    h.get_by_label("Remove step 3");
    h.get_by_label("Move step 3 up").click();
    h.run();
    let after = &h.state().plan().plan().steps;
    assert_eq!(after[1], before[2], "step 3 moved up to 2");
    assert_eq!(after[2], before[1]);
    // It is step 2 now, still open: its editors moved with it.
    h.get_by_label("Step 2 pressure");
    assert!(h.query_by_label("Step 3 pressure").is_none());
    // Alt+↓ moves it back, and it stays open there too.
    h.key_press_modifiers(egui::Modifiers::ALT, egui::Key::ArrowDown);
    h.run();
    assert_eq!(h.state().plan().plan().steps, before);
    h.get_by_label("Step 3 pressure");
    h.get_by_label("Move step 3 up").click();
    h.run();
    // Close it and move the pointer away: the buttons go.
    h.get_by_label("Remove step 2");
    h.get_by_label(&name(2, 2)).click();
    h.run();
    h.get_by_label("Save").hover();
    h.run();
    assert_eq!(removes(&h), 0);
    // Hover step 5's row: its buttons come back, on that row only.
    h.get_by_label(&name(5, 4)).hover();
    h.run();
    assert_eq!(removes(&h), 1);
    h.get_by_label("Remove step 5").click();
    h.run();
    let after = &h.state().plan().plan().steps;
    assert_eq!(after.len(), before.len() - 1);
    assert_eq!(after[4], before[5], "step 5 is gone");
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
    common::apply(
        &mut h,
        Command::Plan(PlanCommand::SetAnswer(
            cap_rule.id.clone(),
            Some(reflexmap::plan::Answer::Yes),
        )),
    );
    assert!(
        h.state()
            .plan()
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
    let plan = h.state().plan().plan().clone();
    let content = reflexmap::load::embedded_content().expect("content");
    let summary = |i: usize| plan.steps[i].summary(&content.library);
    // Closed steps show a one-line summary and no editors.
    h.get_by_label(&summary(1));
    assert!(h.query_by_label("Step 2 pressure").is_none());
    let name = |i: usize| format!("{}. {}", i + 1, plan.steps[i].display_name(&content.chart));
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
    assert_eq!(h.state().plan().plan().steps[1].pressure, Pressure::Feather);
    // A second click on the open step's name closes it.
    h.get_by_label(&name(2)).click();
    h.run();
    assert!(h.query_by_label("Step 3 pressure").is_none());
}

#[test]
fn snapshot_of_the_planner() {
    let mut h = plan_mode();
    planner_scene(&mut h);
    h.snapshot("planner");
}

#[test]
fn snapshot_of_the_planner_in_dark_theme() {
    let mut h = common::new_harness().dark().build();
    h.get_by_role_and_label(Role::Button, "Plan").click();
    h.run();
    planner_scene(&mut h);
    h.snapshot("planner_dark");
}

/// The planner as a therapist leaves it for a client with numb feet: that group open with its
/// "yes", the rest folded, the gentle template loaded, step 2 open.
fn planner_scene(h: &mut common::AppHarness) {
    let content = reflexmap::load::embedded_content().expect("content");
    // The client this app is for: numb feet. Their group stays open with its "yes"; the
    // groups answered all "no" fold to one line each.
    let numb = content
        .library
        .rules
        .iter()
        .find(|r| r.id == "loss_of_protective_sensation")
        .expect("the numb-feet rule");
    answer_yes(h, &numb.question);
    assert_eq!(
        h.state().plan().plan().screening.get(&numb.id),
        Some(&reflexmap::plan::Answer::Yes)
    );
    h.get_by_label("Answer all unanswered: No").scroll_to_me();
    h.run();
    h.get_by_label("Answer all unanswered: No").click();
    h.run();
    assert_eq!(
        h.state().plan().plan().screening.len(),
        content
            .library
            .rules_for(reflexmap::model::Limb::Foot)
            .count()
    );
    use_template(h, "neuropathy_gentle");
    // One step open for editing, the rest as summaries: both forms are on screen.
    let step = &h.state().plan().plan().steps[1];
    let name = format!("2. {}", step.display_name(&content.chart));
    h.get_by_label(&name).click();
    h.run();
}

/// On a desktop without a file-dialog service, Export PDF… opens reflexmap's own chooser, and
/// the PDF lands where the therapist chose.
#[test]
fn export_through_the_in_app_chooser_when_the_desktop_has_no_file_dialog() {
    use reflexmap::ui::file_dialog::{FileDialogs, Place};
    let dir = tempfile::tempdir().expect("temp dir");
    let places = vec![Place {
        name: "Sessions".into(),
        path: dir.path().to_owned(),
    }];
    let mut h = common::new_harness()
        .mode(reflexmap::ui::Mode::Plan)
        .file_dialogs(FileDialogs::in_app_only().with_places(places))
        .build();
    use_template(&mut h, "home_routine");
    h.get_by_role_and_label(Role::Button, "Export PDF…").click();
    h.run();
    h.get_by_label("Sessions").click();
    h.run();
    // The place took the focus: back to the name, select it all, type a new one.
    h.get_by_label("File name").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("File name").type_text("ruth");
    h.run();
    assert_eq!(h.get_by_label("File name").value().as_deref(), Some("ruth"));
    h.key_press(egui::Key::Enter);
    h.run();
    // Saving adds the extension the name lacks.
    let pdf = dir.path().join("ruth.pdf");
    let bytes = std::fs::read(&pdf).expect("the PDF is where the chooser put it");
    assert!(bytes.starts_with(b"%PDF"));
    let status = h.state().plan().status().expect("a status line");
    assert!(status.starts_with("Exported"), "{status}");
}

/// Typing in a field edits the plan as it goes, and the whole word undoes in one step.
#[test]
fn typing_initials_edits_the_plan_and_undoes_as_one_step() {
    let mut h = plan_mode();
    h.get_by_label("Client initials").click();
    h.run();
    h.get_by_label("Client initials").type_text("AB");
    h.run();
    assert_eq!(h.state().plan().plan().client_initials, "AB");
    h.get_by_label("Client initials").type_text("C");
    h.run();
    assert_eq!(h.state().plan().plan().client_initials, "ABC");
    h.get_by_role_and_label(Role::Button, "↶ Undo").click();
    h.run();
    assert_eq!(h.state().plan().plan().client_initials, "");
}

/// A new plan does not silently replace unsaved work: the app asks, Cancel keeps the plan,
/// Discard changes starts the new one.
#[test]
fn a_new_plan_asks_before_replacing_unsaved_work() {
    let mut h = plan_mode();
    use_template(&mut h, "home_routine");
    assert!(h.state().plan().is_dirty());
    let steps = h.state().plan().plan().steps.len();
    common::apply(&mut h, Command::Plan(PlanCommand::New));
    h.get_by_label("Save the current plan first?");
    h.get_by_role_and_label(Role::Button, "Cancel").click();
    h.run();
    assert!(h.query_by_label("Save the current plan first?").is_none());
    assert_eq!(
        h.state().plan().plan().steps.len(),
        steps,
        "Cancel keeps the plan"
    );

    common::apply(&mut h, Command::Plan(PlanCommand::New));
    h.get_by_role_and_label(Role::Button, "Discard changes")
        .click();
    h.run();
    assert!(
        h.state().plan().plan().steps.is_empty(),
        "the new plan is on screen"
    );
    assert!(!h.state().plan().is_dirty());
}

/// With a file to save to, Save saves the plan and then opens the other one.
#[test]
fn opening_another_plan_can_save_the_current_one_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    let first = dir.path().join("first.plan.ron");
    let second = dir.path().join("second.plan.ron");
    let mut h = plan_mode();
    use_template(&mut h, "home_routine");
    common::apply(&mut h, Command::Plan(PlanCommand::SaveTo(second.clone())));
    common::apply(&mut h, Command::Plan(PlanCommand::SaveTo(first.clone())));
    use_template(&mut h, "neuropathy_gentle");
    assert!(h.state().plan().is_dirty());
    common::apply(&mut h, Command::Plan(PlanCommand::OpenFile(second.clone())));
    h.get_by_role_and_label(Role::Button, "Save and continue")
        .click();
    h.run();
    assert_eq!(h.state().plan().path(), Some(second.as_path()));
    let saved = reflexmap::plan::parse_plan(&reflexmap::load::SourceText {
        name: "first",
        text: &std::fs::read_to_string(&first).expect("read"),
    })
    .expect("parses");
    assert_eq!(
        saved.template.as_deref(),
        Some("neuropathy_gentle"),
        "the changes went to the first file before the second opened"
    );
}

/// Numb feet on the full-foot session: the planner offers to apply the adaptations, one click
/// swaps every pin-point move and lowers pressure, and one undo brings the steps back.
#[test]
fn apply_screening_adaptations_swaps_pin_point_moves_in_one_undo_step() {
    let mut h = plan_mode();
    let content = reflexmap::load::embedded_content().expect("content");
    use_template(&mut h, "full_foot_relaxation");
    let numb = content
        .library
        .rule("loss_of_protective_sensation")
        .expect("the numb-feet rule");
    answer_yes(&mut h, &numb.question);
    let before = h.state().plan().plan().steps.clone();
    // Tab reaches the new button, as a keyboard user would.
    let is_apply = |n: &egui_kittest::Node<'_>| {
        n.accesskit_node()
            .label()
            .is_some_and(|l| l.starts_with("Apply screening adaptations ("))
    };
    let reached = (0..300).any(|_| {
        h.key_press(egui::Key::Tab);
        h.run();
        h.query_all_by_role(Role::Button)
            .any(|n| n.is_focused() && is_apply(&n))
    });
    assert!(reached, "Tab reaches Apply screening adaptations");
    let button = h
        .query_all_by_role(Role::Button)
        .find(|n| is_apply(n))
        .expect("the planner offers to apply the adaptations");
    button.click();
    h.run();
    let pin_point = |steps: &[reflexmap::plan::PlanStep]| {
        steps
            .iter()
            .filter(|s| {
                content
                    .library
                    .technique(&s.technique)
                    .is_some_and(|t| t.contact == reflexmap::model::Contact::PinPoint)
            })
            .count()
    };
    assert!(pin_point(&before) > 0, "the session had pin-point moves");
    let after = h.state().plan().plan().steps.clone();
    assert_eq!(pin_point(&after), 0, "none is left");
    assert!(after.iter().all(|s| s.pressure <= Pressure::Light));
    h.get_by_role_and_label(Role::Button, "↶ Undo").click();
    h.run();
    assert_eq!(h.state().plan().plan().steps, before, "one undo step");
}

#[test]
fn a_diabetic_foot_ulcer_offers_the_hands_and_the_plan_moves_there_and_prints() {
    use reflexmap::model::Limb;
    let mut h = plan_mode();
    use_template(&mut h, "neuropathy_gentle");
    assert!(h.query_by_label("Plan on the hands instead").is_none());
    let content = reflexmap::load::embedded_content().expect("content");
    let ulcer = content
        .library
        .rules
        .iter()
        .find(|r| r.id == "diabetic_foot_ulcer")
        .expect("the ulcer rule");
    answer_yes(&mut h, &ulcer.question);
    h.get_by_label_contains("Stop and refer: do not treat");
    h.get_by_role_and_label(Role::Button, "Plan on the hands instead")
        .click();
    h.run();
    // The plan and the map are on the hands now; the feet-only steps are listed.
    assert_eq!(h.state().plan().plan().limb, Limb::Hand);
    assert_eq!(h.state().chart().limb, Limb::Hand);
    let steps = &h.state().plan().plan().steps;
    assert!(!steps.is_empty());
    for s in steps {
        let id = s.zone.as_deref().expect("an area");
        assert!(content.hands.zone(id).is_some(), "{id} on the hand chart");
    }
    h.get_by_label_contains("No hand equivalent, left out:");
    // On the hands the ulcer needs the clinician's agreement, not a stop; the hand
    // questions are asked.
    h.get_by_label_contains("Medical clearance first: treat only after");
    assert!(h.query_by_label("Plan on the hands instead").is_none());
    let fistula = content
        .library
        .rules
        .iter()
        .find(|r| r.id == "hand_fistula_iv_line")
        .expect("the fistula question");
    h.get_by_label(&fistula.question);
    // It prints, and the PDF speaks of hands.
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = dir.path().join("hands.pdf");
    common::apply(&mut h, Command::Plan(PlanCommand::ExportPdfTo(pdf.clone())));
    assert!(h.state().error().is_none(), "export works");
    let text = common::pdf_text(&pdf);
    assert!(text.contains("on the hands"), "{text}");
    assert!(text.contains("hands") || text.contains("hand"), "{text}");
    assert!(!text.contains("Both feet"), "{text}");
    // And a whole-body red flag takes the offer away on a new foot plan.
    common::apply(&mut h, Command::Plan(PlanCommand::Undo));
    assert_eq!(h.state().plan().plan().limb, Limb::Foot);
    let dvt = content
        .library
        .rules
        .iter()
        .find(|r| r.id == "dvt_signs")
        .expect("dvt");
    h.get_by_role_and_label(Role::Button, "Feet").click();
    h.run();
    answer_yes(&mut h, &dvt.question);
    assert!(h.query_by_label("Plan on the hands instead").is_none());
}

#[test]
fn the_hand_template_plans_on_the_hand_chart_and_prints_there_even_with_the_feet_shown() {
    use reflexmap::model::Limb;
    let mut h = plan_mode();
    use_template(&mut h, "gentle_hands");
    let content = reflexmap::load::embedded_content().expect("content");
    // The plan is on the hands, and the map followed it.
    assert_eq!(h.state().plan().plan().limb, Limb::Hand);
    assert_eq!(h.state().chart().limb, Limb::Hand);
    let steps = h.state().plan().plan().steps.clone();
    assert!(steps.len() > 10);
    for s in steps.iter().filter_map(|s| s.zone.as_deref()) {
        assert!(content.hands.zone(s).is_some(), "{s} on the hand chart");
    }
    // The hand questions are asked; the foot-only ones are not.
    let fistula = content
        .library
        .rules
        .iter()
        .find(|r| r.id == "hand_fistula_iv_line")
        .expect("the fistula question");
    h.get_by_label(&fistula.question);
    // Looking at the feet while the plan is on the hands: the banner says so and offers the
    // way back, a foot area cannot join the hand plan, and the PDF still prints the hands.
    h.get_by_role_and_label(Role::Button, "Feet").click();
    h.run();
    assert_eq!(h.state().chart().limb, Limb::Foot);
    h.get_by_label_contains("This plan is for the hands; the foot chart is shown.");
    // The step list still speaks of hands.
    assert!(h.query_all_by_label_contains("Both hands ·").count() > 5);
    assert_eq!(h.query_all_by_label_contains("Both feet ·").count(), 0);
    common::apply(
        &mut h,
        Command::Plan(PlanCommand::AddZone("liver".into(), Default::default())),
    );
    assert_eq!(h.state().plan().plan().steps, steps, "no foot step joined");
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = dir.path().join("hands.pdf");
    common::apply(&mut h, Command::Plan(PlanCommand::ExportPdfTo(pdf.clone())));
    assert!(h.state().error().is_none(), "export works");
    let text = common::pdf_text(&pdf);
    assert!(text.contains("Gentle hand session"), "{text}");
    assert!(text.contains("Both hands"), "{text}");
    assert!(!text.contains("not on this chart"), "{text}");
    assert!(!text.contains("Both feet"), "{text}");
    h.get_by_role_and_label(Role::Button, "Show the hand chart")
        .click();
    h.run();
    assert_eq!(h.state().chart().limb, Limb::Hand);
    assert!(
        h.query_by_label_contains("This plan is for the hands")
            .is_none()
    );
    // Undo goes back to the empty foot plan, and the map to the feet.
    common::apply(&mut h, Command::Plan(PlanCommand::Undo));
    assert_eq!(h.state().plan().plan().limb, Limb::Foot);
    assert_eq!(h.state().chart().limb, Limb::Foot);
}
