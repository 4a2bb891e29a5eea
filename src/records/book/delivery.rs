//! Delivering and inspecting the open session: the runner's commands (each saved at once, so
//! a killed app loses at most the tap it was making) and the inspection's (findings, touch
//! test, photos, screening proposals to confirm).

use std::path::PathBuf;
use std::sync::Arc;

use crate::model::{Foot, Library, Pressure};
use crate::plan::Answer;
use crate::records::delivery::{Finding, FindingStatus, Response, StepStatus};
use crate::records::photo;
use crate::records::runner::Runner;

use super::{ClientsBook, Id, Screen, SessionChange};

/// What the runner's buttons and keys ask for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RunCommand {
    /// Pause or carry on (Space).
    Toggle,
    /// One more minute for this step.
    AddMinute,
    /// The step is done: on to the next (→).
    Next,
    /// Back to the step before (←).
    Back,
    /// Leave the step out and go on.
    Skip,
    /// The client's response at this zone (tapping it again clears it).
    Respond(Response),
    /// What happened to the step.
    Status(StepStatus),
    /// The pressure actually used.
    Pressure(Pressure),
    /// Save where the runner is (sent every few seconds while it runs).
    Save,
    /// End delivery: record the step on screen and go back to the session record.
    Finish,
}

/// What the inspection asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum InspectCommand {
    /// Place a finding.
    Add(Finding),
    /// Change a finding's note.
    Note(Id, String),
    /// Remove a finding placed by mistake.
    Remove(Id),
    /// An earlier session's finding seen again: still there, or resolved.
    Review(Id, FindingStatus),
    /// A toe of the touch test: felt, not felt, or not tested.
    Touch(Foot, u8, Option<bool>),
    /// Add a photo from a file, of a finding or of the feet in general.
    PhotoFile(Option<Id>, PathBuf),
    /// Add a photo dropped on the window (its bytes, and its name to report).
    PhotoBytes(Option<Id>, Arc<[u8]>, String),
    /// Whether the progress report prints a photo.
    PhotoInReport(Id, bool),
    /// Remove a photo.
    RemovePhoto(Id),
    /// Confirm a screening proposal: answer its rule "yes".
    Confirm(String),
    /// Set a proposal aside for this session.
    Dismiss(String),
}

impl ClientsBook {
    /// Open the runner on the open session, where it was left.
    pub(super) fn deliver(&mut self, library: &Library) {
        let now = self.clock.now();
        let Some(edit) = &mut self.session else {
            return;
        };
        if edit.session.is_signed() {
            self.notice = Some("a signed session cannot be delivered again".to_owned());
            return;
        }
        let screening = crate::plan::evaluate(&library.rules, &edit.plan);
        if !screening.allows_treatment()
            || screening.shown_verdict() == crate::plan::ShownVerdict::Incomplete
        {
            self.notice = Some(
                "screening must be finished, and allow treatment, before the session is delivered"
                    .to_owned(),
            );
            return;
        }
        if edit.runner.is_none() {
            edit.runner = Runner::open(
                &edit.plan,
                edit.session.delivery.run,
                &edit.session.delivery.steps,
                now,
                screening.pressure_cap,
            );
        }
        if edit.runner.is_some() {
            self.screen = Screen::Deliver;
        } else {
            self.notice = Some("this session's plan has no steps to deliver".to_owned());
        }
    }

    /// Back to the session record; a runner's step is saved first (it can be resumed).
    pub(super) fn back_to_session(&mut self) {
        if self.screen == Screen::Deliver {
            self.save_runner(false);
            if let Some(edit) = &mut self.session {
                edit.runner = None;
            }
        }
        if self.session.is_some() {
            self.screen = Screen::Session;
        }
    }

    /// Save the runner's step and position (`finish`: the step is left for good).
    fn save_runner(&mut self, finish: bool) {
        let now = self.clock.now();
        let Some(edit) = &mut self.session else {
            return;
        };
        let Some(runner) = &mut edit.runner else {
            return;
        };
        let record = if finish {
            runner.finish_step(now, false)
        } else {
            runner.snapshot(now)
        };
        let run = runner.state(now);
        runner.saved_at = now;
        let id = edit.id;
        let touched = record.response.is_some() || record.minutes > 0.0 || finish;
        let Some(store) = self.store.as_mut() else {
            return;
        };
        let mut result = Ok(());
        if touched {
            result = store.set_step(id, &record);
        }
        if result.is_ok() {
            result = store.set_run_state(id, if finish { None } else { Some(run) });
        }
        match result {
            Ok(()) => {
                let d = &mut edit.session.delivery;
                d.steps.retain(|s| s.step != record.step);
                if touched {
                    d.steps.push(record);
                    d.steps.sort_by_key(|s| s.step);
                }
                d.run = (!finish).then_some(run);
            }
            Err(e) => self.notice = Some(e.to_string()),
        }
    }

    pub(super) fn run(&mut self, command: RunCommand) {
        let now = self.clock.now();
        let Some(edit) = &mut self.session else {
            return;
        };
        let Some(runner) = &mut edit.runner else {
            return;
        };
        match command {
            RunCommand::Toggle => runner.toggle(now),
            RunCommand::AddMinute => runner.add_minute(),
            RunCommand::Respond(r) => runner.respond(r),
            RunCommand::Status(s) => runner.set_status(s),
            RunCommand::Pressure(p) => runner.set_pressure(p),
            RunCommand::Save => {}
            RunCommand::Next | RunCommand::Back | RunCommand::Skip => {
                let last = runner.count - 1;
                let to = match command {
                    RunCommand::Back => runner.step.saturating_sub(1),
                    _ => (runner.step + 1).min(last),
                };
                if to == runner.step && command == RunCommand::Back {
                    return;
                }
                let running = runner.is_running();
                let record = runner.finish_step(now, command == RunCommand::Skip);
                let d = &mut edit.session.delivery;
                d.steps.retain(|s| s.step != record.step);
                d.steps.push(record.clone());
                d.steps.sort_by_key(|s| s.step);
                let id = edit.id;
                if let Some(store) = self.store.as_mut()
                    && let Err(e) = store.set_step(id, &record)
                {
                    self.notice = Some(e.to_string());
                }
                let Some(edit) = &mut self.session else {
                    return;
                };
                let Some(runner) = &mut edit.runner else {
                    return;
                };
                if runner.step == last && command != RunCommand::Back {
                    // The last step done: delivery is over.
                    let id = edit.id;
                    edit.runner = None;
                    edit.session.delivery.run = None;
                    if let Some(store) = self.store.as_mut()
                        && let Err(e) = store.set_run_state(id, None)
                    {
                        self.notice = Some(e.to_string());
                    }
                    self.screen = Screen::Session;
                    return;
                }
                runner.go_to(&edit.plan, to, &edit.session.delivery.steps, now, running);
            }
            RunCommand::Finish => {
                self.save_runner(true);
                if let Some(edit) = &mut self.session {
                    edit.runner = None;
                }
                self.screen = Screen::Session;
                return;
            }
        }
        self.save_runner(false);
    }

    pub(super) fn inspect(&mut self, command: InspectCommand, library: &Library) {
        let Some(edit) = &self.session else { return };
        let id = edit.id;
        if edit.session.is_signed() && !matches!(command, InspectCommand::PhotoInReport(..)) {
            self.notice = Some(crate::records::RecordsError::Signed(id).to_string());
            return;
        }
        let Some(store) = self.store.as_mut() else {
            return;
        };
        let result = match command {
            InspectCommand::Add(f) => store.add_finding(id, &f).map(drop),
            InspectCommand::Note(f, note) => store.set_finding_note(f, &note),
            InspectCommand::Remove(f) => store.remove_finding(f),
            InspectCommand::Review(prev, status) => {
                let Some(old) = edit.previous_findings.iter().find(|f| f.id == prev) else {
                    return;
                };
                let f = Finding {
                    id: 0,
                    status,
                    follows: Some(old.id),
                    ..old.clone()
                };
                // Ticking again replaces the earlier tick.
                let earlier: Vec<Id> = edit
                    .session
                    .delivery
                    .findings
                    .iter()
                    .filter(|x| x.follows == Some(prev))
                    .map(|x| x.id)
                    .collect();
                earlier
                    .into_iter()
                    .try_for_each(|e| store.remove_finding(e))
                    .and_then(|()| store.add_finding(id, &f).map(drop))
            }
            InspectCommand::Touch(foot, toe, felt) => store.set_touch(id, foot, toe, felt),
            InspectCommand::PhotoFile(finding, path) => {
                if let Some(why) = no_photo_consent(self.client.as_ref()) {
                    self.notice = Some(why);
                    return;
                }
                match photo::prepare_file(&path) {
                    Ok(p) => store.add_photo(id, finding, &p).map(drop),
                    Err(e) => {
                        self.notice = Some(format!("{}: {e}; nothing was stored", path.display()));
                        return;
                    }
                }
            }
            InspectCommand::PhotoBytes(finding, bytes, name) => {
                if let Some(why) = no_photo_consent(self.client.as_ref()) {
                    self.notice = Some(why);
                    return;
                }
                match photo::prepare(&bytes) {
                    Ok(p) => store.add_photo(id, finding, &p).map(drop),
                    Err(e) => {
                        self.notice = Some(format!("{name}: {e}; nothing was stored"));
                        return;
                    }
                }
            }
            InspectCommand::PhotoInReport(p, on) => store.set_photo_in_report(p, on),
            InspectCommand::RemovePhoto(p) => store.remove_photo(p),
            InspectCommand::Confirm(rule) => {
                self.edit(SessionChange::Answer(rule, Some(Answer::Yes)), library);
                return;
            }
            InspectCommand::Dismiss(rule) => {
                if let Some(edit) = &mut self.session {
                    edit.dismissed.insert(rule);
                }
                return;
            }
        };
        match result {
            Ok(()) => self.open_session(id),
            Err(e) => self.notice = Some(e.to_string()),
        }
    }
}

/// Why a photo cannot be added, when no photo consent is on record.
fn no_photo_consent(client: Option<&crate::records::ClientRecord>) -> Option<String> {
    let has = client.is_some_and(|c| c.details.consent.photos.is_some());
    (!has).then(|| {
        "No photo consent is on record for this client: record it on the client's page \
         (with its date) before adding photos. Nothing was stored."
            .to_owned()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ViewKind;
    use crate::records::book::ClientsCommand;
    use crate::records::book::SessionSource;
    use crate::records::delivery::FindingKind;
    use crate::records::runner::{Clock, advance};
    use crate::records::{ClientDetails, Store};

    fn library() -> Library {
        crate::load::embedded_content().expect("content").library
    }

    fn book() -> (ClientsBook, std::sync::Arc<std::sync::atomic::AtomicU64>) {
        let (clock, cell) = Clock::fake();
        let mut book = ClientsBook::with_store(Store::open_in_memory().unwrap()).with_clock(clock);
        let lib = library();
        book.apply(
            ClientsCommand::AddClient(ClientDetails {
                name: "Ana Lima".into(),
                ..Default::default()
            }),
            &lib,
        );
        book.apply(
            ClientsCommand::NewSession(SessionSource::Template("neuropathy_gentle".into())),
            &lib,
        );
        for r in &lib.rules {
            book.apply(
                ClientsCommand::Edit(SessionChange::Answer(r.id.clone(), Some(Answer::No))),
                &lib,
            );
        }
        (book, cell)
    }

    #[test]
    fn delivery_waits_for_screening_and_is_refused_by_a_stop() {
        let lib = library();
        let (mut book, _) = book();
        book.apply(
            ClientsCommand::Edit(SessionChange::Answer("dvt_signs".into(), None)),
            &lib,
        );
        book.apply(ClientsCommand::Deliver, &lib);
        assert_eq!(book.screen, Screen::Session, "screening unfinished");
        assert!(
            book.notice
                .take()
                .unwrap()
                .contains("screening must be finished")
        );
        book.apply(
            ClientsCommand::Edit(SessionChange::Answer("dvt_signs".into(), Some(Answer::Yes))),
            &lib,
        );
        book.apply(ClientsCommand::Deliver, &lib);
        assert_eq!(book.screen, Screen::Session, "a stop verdict");
        assert!(book.session.as_ref().unwrap().runner.is_none());
    }

    #[test]
    fn a_killed_runner_resumes_at_the_step_and_time_it_saved() {
        let lib = library();
        let (mut book, cell) = book();
        book.apply(ClientsCommand::Deliver, &lib);
        assert_eq!(book.screen, Screen::Deliver);
        let run = |b: &mut ClientsBook, c| b.apply(ClientsCommand::Run(c), &lib);
        run(&mut book, RunCommand::Toggle);
        advance(&cell, 30.0);
        run(&mut book, RunCommand::Respond(Response::Tender));
        run(&mut book, RunCommand::Next);
        advance(&cell, 12.0);
        run(&mut book, RunCommand::Respond(Response::NotFelt));
        let id = book.session.as_ref().unwrap().id;
        // "Kill" the app: read the file again from scratch.
        let stored = book.store().unwrap().session(id).unwrap();
        assert_eq!(
            stored.delivery.steps.len(),
            2,
            "{:?}",
            stored.delivery.steps
        );
        assert_eq!(stored.delivery.steps[0].response, Some(Response::Tender));
        assert_eq!(stored.delivery.steps[1].response, Some(Response::NotFelt));
        let run_state = stored.delivery.run.unwrap();
        assert_eq!(run_state.step, 1);
        assert!((run_state.elapsed - 12.0).abs() < 0.01);
        // A fresh runner on the stored session starts where it was.
        let plan = crate::plan::parse_snapshot(&stored.plan_ron).unwrap();
        let r = Runner::open(
            &plan,
            stored.delivery.run,
            &stored.delivery.steps,
            0.0,
            None,
        )
        .unwrap();
        assert_eq!(r.step, 1);
        assert_eq!(r.record.response, Some(Response::NotFelt));
    }

    #[test]
    fn findings_propose_and_confirming_answers_the_rule() {
        let lib = library();
        let (mut book, _) = book();
        let f = Finding {
            id: 0,
            view: ViewKind::Plantar,
            foot: Foot::Left,
            at: (0.5, 0.6),
            kind: FindingKind::Ulcer,
            note: String::new(),
            status: FindingStatus::New,
            follows: None,
        };
        book.apply(ClientsCommand::Inspection(InspectCommand::Add(f)), &lib);
        let edit = book.session.as_ref().unwrap();
        assert_eq!(edit.session.delivery.findings.len(), 1);
        assert_eq!(
            edit.plan.screening.get("open_wound_left_foot"),
            Some(&Answer::No),
            "never answered silently"
        );
        book.apply(
            ClientsCommand::Inspection(InspectCommand::Confirm("open_wound_left_foot".into())),
            &lib,
        );
        let edit = book.session.as_ref().unwrap();
        assert_eq!(
            edit.plan.screening.get("open_wound_left_foot"),
            Some(&Answer::Yes)
        );
    }

    #[test]
    fn a_photo_needs_consent_and_a_real_image() {
        let lib = library();
        let (mut book, _) = book();
        let bytes: Arc<[u8]> = Arc::from(&b"not an image"[..]);
        book.apply(
            ClientsCommand::Inspection(InspectCommand::PhotoBytes(None, bytes.clone(), "x".into())),
            &lib,
        );
        assert!(book.notice.as_deref().unwrap().contains("No photo consent"));
        let mut d = book.client.as_ref().unwrap().details.clone();
        d.consent.photos = Some("2026-01-01".into());
        book.apply(ClientsCommand::UpdateClient(d), &lib);
        book.apply(
            ClientsCommand::Inspection(InspectCommand::PhotoBytes(None, bytes, "x.jpg".into())),
            &lib,
        );
        assert!(
            book.notice.as_deref().unwrap().starts_with("x.jpg:"),
            "{:?}",
            book.notice
        );
        assert!(
            book.session
                .as_ref()
                .unwrap()
                .session
                .delivery
                .photos
                .is_empty()
        );
    }
}
