//! A session record: screening (with last time's answers to confirm), the plan as delivered,
//! before and after scores, the SOAP note, signing, addenda and follow-ups.

use egui::{RichText, Ui};

use super::client::urgent_box;
use super::{ClientsView, wrap};
use crate::model::{Library, RuleGroup};
use crate::plan::{Answer, ShownVerdict, evaluate};
use crate::records::book::{ClientsCommand, SessionChange, SessionEdit, SoapPart};
use crate::records::{ClientRecord, FOLLOWUP_ITEMS, Followup, Side, Symptom, date};
use crate::ui::{Command, detail_panel, name_control, theme};

impl ClientsView {
    pub(super) fn session_ui(
        &mut self,
        ui: &mut Ui,
        rec: &ClientRecord,
        edit: &SessionEdit,
        library: &Library,
        chart: &crate::model::Chart,
    ) -> Vec<Command> {
        let mut out = Vec::new();
        let s = &edit.session;
        let signed = s.is_signed();
        egui::Panel::left("session_screening")
            .resizable(true)
            .default_size(380.0)
            .min_size(320.0)
            .show(ui, |ui| {
                crate::ui::regions::landing(ui, "Session screening");
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        for flag in &edit.flags {
                            urgent_box(ui, flag, library);
                            ui.add_space(4.0);
                        }
                        screening_ui(ui, edit, rec.details.background, library, signed, &mut out);
                    });
            });
        egui::CentralPanel::default().show(ui, |ui| {
            crate::ui::regions::landing(ui, "Session record");
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        if ui.button(format!("← {}", self.who(&rec.details))).clicked() {
                            out.push(wrap(ClientsCommand::CloseSession));
                        }
                        crate::ui::heading(ui, format!("Session of {}", s.date));
                        match &s.signed_at {
                            Some(at) => {
                                detail_panel::badge(
                                    ui,
                                    &format!("Signed {at}"),
                                    theme::verdict_colors(crate::model::Action::Proceed).0,
                                );
                            }
                            None => {
                                ui.label(RichText::new("Draft: saved as you type").weak());
                            }
                        }
                    });
                    if !signed {
                        ui.horizontal(|ui| {
                            let l = ui.label("Session date");
                            let mut d = s.date.clone();
                            let r = ui
                                .add(egui::TextEdit::singleline(&mut d).desired_width(100.0))
                                .labelled_by(l.id);
                            if r.changed() {
                                out.push(wrap(ClientsCommand::Edit(SessionChange::Date(
                                    d.clone(),
                                ))));
                            }
                            if date::parse(&d).is_err() {
                                ui.label(
                                    RichText::new("write it YYYY-MM-DD")
                                        .color(theme::warning_text(ui.visuals().dark_mode)),
                                );
                            }
                        });
                    }
                    ui.add_space(4.0);
                    super::deliver::delivery_section(ui, edit, library, chart, &mut out);
                    ui.add_space(4.0);
                    steps_ui(ui, edit, library, chart);
                    if ui
                        .button("Open a copy in Plan")
                        .on_hover_text(
                            "To print it or plan the next session; the record keeps its own copy",
                        )
                        .clicked()
                    {
                        out.push(Command::Plan(crate::plan::PlanCommand::Adopt(Box::new(
                            edit.plan.clone(),
                        ))));
                    }
                    ui.add_space(8.0);
                    self.scores_ui(ui, edit, signed, &mut out);
                    ui.add_space(8.0);
                    soap_ui(ui, edit, signed, &mut out);
                    ui.add_space(8.0);
                    if signed {
                        self.addenda_ui(ui, edit, &mut out);
                    } else {
                        self.sign_ui(ui, rec, edit, library, &mut out);
                    }
                    ui.add_space(10.0);
                    self.followups_ui(ui, edit, &mut out);
                });
        });
        out.extend(self.followup_form(ui.ctx(), edit, library));
        out
    }

    fn scores_ui(&mut self, ui: &mut Ui, edit: &SessionEdit, signed: bool, out: &mut Vec<Command>) {
        crate::ui::heading(ui, "Scores (0–10)");
        ui.label(
            RichText::new(
                "Symptoms: 0 = none, 10 = worst imaginable. Sleep and wellbeing: 0 = worst, \
                 10 = best. Leave a box empty when it was not asked.",
            )
            .weak(),
        );
        let s = &edit.session;
        egui::Grid::new(("scores", edit.id))
            .num_columns(7)
            .spacing([8.0, 4.0])
            .show(ui, |ui| {
                ui.label("");
                ui.strong("Before: left");
                ui.strong("right");
                ui.strong("both / one score");
                ui.strong("After: left");
                ui.strong("right");
                ui.strong("both / one score");
                ui.end_row();
                for symptom in Symptom::ALL {
                    ui.label(symptom.label());
                    for pre in [true, false] {
                        let scores = if pre { &s.pre } else { &s.post };
                        for side in [Side::Left, Side::Right, Side::Both] {
                            if side != Side::Both && !symptom.per_foot() {
                                ui.label("");
                                continue;
                            }
                            let key = (pre, symptom, side);
                            let stored = scores.get(symptom, side);
                            let mut text =
                                self.score_text.get(&key).cloned().unwrap_or_else(|| {
                                    stored.map(|v| v.to_string()).unwrap_or_default()
                                });
                            let valid = parse_score(&text).is_some();
                            let mut te = egui::TextEdit::singleline(&mut text)
                                .desired_width(32.0)
                                .align(egui::Align2::CENTER_CENTER)
                                .interactive(!signed);
                            if !valid {
                                te = te.background_color(theme::error_fill(ui.visuals().dark_mode));
                            }
                            let r = ui.add(te);
                            let when = if pre { "before" } else { "after" };
                            name_control(
                                ui,
                                &r,
                                format!("{}{} {when}", symptom.label(), side.suffix()),
                            );
                            if r.changed() {
                                if let Some(v) = parse_score(&text) {
                                    out.push(wrap(ClientsCommand::Edit(SessionChange::Score(
                                        pre, symptom, side, v,
                                    ))));
                                }
                                self.score_text.insert(key, text);
                            }
                            if r.lost_focus() {
                                self.score_text.remove(&key);
                            }
                            if !valid {
                                r.on_hover_text("A whole number from 0 to 10, or empty");
                            }
                        }
                    }
                    ui.end_row();
                }
            });
    }

    fn sign_ui(
        &mut self,
        ui: &mut Ui,
        rec: &ClientRecord,
        edit: &SessionEdit,
        library: &Library,
        out: &mut Vec<Command>,
    ) {
        ui.horizontal(|ui| {
            if ui
                .button("Sign session")
                .on_hover_text("After signing, the record cannot be changed, only amended")
                .clicked()
            {
                self.confirm_sign = true;
            }
            ui.label(RichText::new("Sign when the note is finished.").weak());
        });
        if !self.confirm_sign {
            return;
        }
        let screening = evaluate(&library.rules, &edit.plan);
        egui::Modal::new(egui::Id::unique("confirm_sign")).show(ui.ctx(), |ui| {
            ui.set_width(440.0);
            crate::ui::heading(ui, "Sign this session?");
            ui.label(
                "A signed session cannot be changed. Later corrections are added as dated \
                 addenda, shown under it, with the original still readable.",
            );
            let dark = ui.visuals().dark_mode;
            if rec.details.consent.treatment.is_none() {
                ui.label(
                    RichText::new("⚠ No consent to treatment is on record for this client.")
                        .color(theme::warning_text(dark)),
                );
            }
            match screening.shown_verdict() {
                _ if !screening.allows_treatment() => {
                    ui.label(
                        RichText::new(
                            "⚠ Screening says not to treat today: this records that no \
                             treatment was given and what the client was advised.",
                        )
                        .color(theme::warning_text(dark)),
                    );
                }
                ShownVerdict::Incomplete => {
                    ui.label(
                        RichText::new("⚠ Screening is not finished.")
                            .color(theme::warning_text(dark)),
                    );
                }
                _ => {}
            }
            if edit.session.soap.is_empty() {
                ui.label(RichText::new("The SOAP note is empty.").color(theme::warning_text(dark)));
            }
            ui.horizontal(|ui| {
                if ui.button("Sign").clicked() {
                    out.push(wrap(ClientsCommand::Sign));
                    self.confirm_sign = false;
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    self.confirm_sign = false;
                }
            });
        });
    }

    fn addenda_ui(&mut self, ui: &mut Ui, edit: &SessionEdit, out: &mut Vec<Command>) {
        crate::ui::heading(ui, "Addenda");
        if edit.session.addenda.is_empty() {
            ui.label(RichText::new("None. The signed record above is unchanged.").weak());
        }
        for a in &edit.session.addenda {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(RichText::new(format!("Addendum, {}", a.written_at)).strong());
                ui.label(&a.text);
            });
        }
        let l = ui.label("New addendum");
        ui.add(
            egui::TextEdit::multiline(&mut self.addendum)
                .desired_rows(2)
                .desired_width(f32::INFINITY)
                .hint_text("A correction or something learned later; dated when added"),
        )
        .labelled_by(l.id);
        if ui
            .add_enabled(
                !self.addendum.trim().is_empty(),
                egui::Button::new("Add addendum"),
            )
            .clicked()
        {
            out.push(wrap(ClientsCommand::AddAddendum(std::mem::take(
                &mut self.addendum,
            ))));
        }
    }

    fn followups_ui(&mut self, ui: &mut Ui, edit: &SessionEdit, out: &mut Vec<Command>) {
        let _ = out;
        crate::ui::heading(ui, "Follow-ups");
        let s = &edit.session;
        for f in &s.followups {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(RichText::new(format!("{} h follow-up, {}", f.hours, f.date)).strong());
                let items: Vec<String> = FOLLOWUP_ITEMS
                    .iter()
                    .zip(f.items)
                    .filter(|(_, c)| *c != crate::records::Change::NotAsked)
                    .map(|(i, c)| format!("{i}: {}", c.label().to_lowercase()))
                    .collect();
                if !items.is_empty() {
                    ui.label(items.join(" · "));
                }
                if !f.scores.is_empty() {
                    ui.label(format!("Scores: {}", f.scores.to_text()));
                }
                if f.is_urgent() {
                    let labels: Vec<&str> = f.urgent.iter().map(|u| u.label()).collect();
                    ui.label(
                        RichText::new(format!("⚠ Urgent: {}", labels.join(", ")))
                            .color(theme::warning_text(ui.visuals().dark_mode))
                            .strong(),
                    );
                }
                if !f.note.is_empty() {
                    ui.label(&f.note);
                }
            });
        }
        ui.horizontal(|ui| {
            let day = date::parse(&s.date).unwrap_or_else(|_| date::today());
            for hours in [24u32, 48] {
                if ui.button(format!("Add {hours} h follow-up")).clicked() {
                    self.followup_text.clear();
                    self.followup = Some(Followup {
                        hours,
                        date: date::iso(day + i64::from(hours / 24)),
                        ..Followup::default()
                    });
                }
            }
        });
    }
}

fn parse_score(text: &str) -> Option<Option<u8>> {
    let t = text.trim();
    if t.is_empty() {
        return Some(None);
    }
    t.parse::<u8>().ok().filter(|v| *v <= 10).map(Some)
}

pub(super) fn screening_ui(
    ui: &mut Ui,
    edit: &SessionEdit,
    background: crate::records::Background,
    library: &Library,
    signed: bool,
    out: &mut Vec<Command>,
) {
    let plan = &edit.plan;
    let screening = evaluate(&library.rules, plan);
    crate::ui::heading(ui, "Screening");
    let verdict = screening.shown_verdict();
    let (fill, _) = theme::verdict_colors(verdict);
    ui.horizontal(|ui| {
        detail_panel::badge(ui, verdict.label(), fill);
    });
    ui.label(screening.headline());
    if let Some(note) = screening.unfinished_note() {
        ui.label(RichText::new(note).weak());
    }
    let d = &edit.session.delivery;
    let proposals: Vec<_> =
        crate::records::delivery::proposals(&d.findings, &d.touch, background, &plan.screening)
            .into_iter()
            .filter(|p| !edit.dismissed.contains(p.rule))
            .collect();
    if !signed && !proposals.is_empty() {
        super::inspect::proposals_ui(ui, &proposals, library, out);
    }
    if !edit.hints.is_empty() && !signed {
        ui.label(
            RichText::new(
                "Started from the last session: its answers are shown as \"last time\"; \
                 confirm each one today.",
            )
            .color(theme::warning_text(ui.visuals().dark_mode)),
        );
    }
    if !signed {
        ui.horizontal(|ui| {
            let unanswered: Vec<&str> = library
                .rules_for(plan.limb)
                .filter(|r| !plan.screening.contains_key(&r.id))
                // Why: a "yes" last time must be looked at again, never cleared in bulk.
                .filter(|r| edit.hints.get(&r.id) != Some(&Answer::Yes))
                .map(|r| r.id.as_str())
                .collect();
            if ui
                .add_enabled(
                    !unanswered.is_empty(),
                    egui::Button::new("Answer all unanswered: No").small(),
                )
                .on_hover_text("Only after asking each question: a \"no\" is a recorded answer")
                .clicked()
            {
                for id in unanswered {
                    out.push(wrap(ClientsCommand::Edit(SessionChange::Answer(
                        id.to_owned(),
                        Some(Answer::No),
                    ))));
                }
            }
        });
    }
    for group in RuleGroup::ALL {
        let rules: Vec<_> = library
            .rules_for(plan.limb)
            .filter(|r| r.group == group)
            .collect();
        if rules.is_empty() {
            continue;
        }
        egui::CollapsingHeader::new(RichText::new(group.label()).strong())
            .id_salt(("session_rule_group", group.label()))
            .default_open(true)
            .show(ui, |ui| {
                for rule in rules {
                    let answer = plan.screening.get(&rule.id).copied();
                    ui.add_space(2.0);
                    ui.label(&rule.question);
                    ui.horizontal(|ui| {
                        for (choice, word) in [(Answer::Yes, "Yes"), (Answer::No, "No")] {
                            let r = ui.add_enabled(
                                !signed,
                                egui::Button::selectable(answer == Some(choice), word),
                            );
                            name_control(ui, &r, format!("{word}: {}", rule.question));
                            if r.clicked() {
                                let next = (answer != Some(choice)).then_some(choice);
                                out.push(wrap(ClientsCommand::Edit(SessionChange::Answer(
                                    rule.id.clone(),
                                    next,
                                ))));
                            }
                        }
                        if let Some(last) = edit.hints.get(&rule.id)
                            && answer.is_none()
                        {
                            let word = if *last == Answer::Yes { "yes" } else { "no" };
                            ui.label(RichText::new(format!("last time: {word}")).italics());
                        }
                        if answer == Some(Answer::Yes) {
                            let (fill, _) = theme::verdict_colors(rule.action);
                            detail_panel::badge(ui, rule.action.label(), fill);
                        }
                    });
                }
            });
    }
}

fn steps_ui(ui: &mut Ui, edit: &SessionEdit, library: &Library, chart: &crate::model::Chart) {
    let plan = &edit.plan;
    let screening = evaluate(&library.rules, plan);
    let title = if screening.allows_treatment() {
        format!("Plan as delivered: {} steps", plan.steps.len())
    } else {
        format!(
            "Planned steps ({}): not delivered — screening says not to treat today",
            plan.steps.len()
        )
    };
    egui::CollapsingHeader::new(RichText::new(title).strong())
        .id_salt(("session_steps", edit.id))
        .default_open(false)
        .show(ui, |ui| {
            for (i, step) in plan.steps.iter().enumerate() {
                let name = step.display_name(chart);
                ui.label(format!("{}. {name} — {}", i + 1, step.summary(library)));
            }
            ui.label(
                RichText::new("A snapshot: editing the plan file later never changes this record.")
                    .weak()
                    .small(),
            );
        });
}

fn soap_ui(ui: &mut Ui, edit: &SessionEdit, signed: bool, out: &mut Vec<Command>) {
    crate::ui::heading(ui, "SOAP note");
    let soap = &edit.session.soap;
    for (part, label, hint, text) in [
        (
            SoapPart::Subjective,
            "Subjective",
            "what the client reports, in their words",
            &soap.subjective,
        ),
        (
            SoapPart::Objective,
            "Objective",
            "what you saw and measured: skin, colour, temperature, tests",
            &soap.objective,
        ),
        (
            SoapPart::Assessment,
            "Assessment",
            "how the client responded to the session",
            &soap.assessment,
        ),
        (
            SoapPart::Plan,
            "Plan",
            "next session, home care, referral",
            &soap.plan,
        ),
    ] {
        let l = ui.label(RichText::new(label).strong());
        let mut t = text.clone();
        let r = ui
            .add(
                egui::TextEdit::multiline(&mut t)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY)
                    .hint_text(hint)
                    .interactive(!signed),
            )
            .labelled_by(l.id);
        if r.changed() {
            out.push(wrap(ClientsCommand::Edit(SessionChange::Soap(part, t))));
        }
    }
}
