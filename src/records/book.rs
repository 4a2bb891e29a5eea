//! The Clients mode's state, without egui: the open store (opened when Clients is first
//! shown, so start-up never waits for it), the client list, the open client's record and the
//! session being recorded. The view sends [`ClientsCommand`]s; `app.rs` hands them to
//! [`ClientsBook::apply`].

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::model::Library;
use crate::plan::{Answer, Plan, evaluate, plan_to_string};

use super::date;
use super::delivery::Finding;
use super::model::*;
use super::runner::{Clock, Runner};
#[cfg(test)]
use super::store::Key;
use super::store::{SessionDraft, Store};

mod access;
mod delivery;
pub use access::{Access, AccessCommand, PendingRestore};
pub use delivery::{InspectCommand, RunCommand};

/// Where a new session's plan comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum SessionSource {
    /// A template's steps, screening still to do.
    Template(String),
    /// The plan open in Plan mode, as it stands (its steps and today's screening answers).
    OpenPlan(Box<Plan>),
    /// The client's last session: its steps; its screening answers only as hints to confirm.
    LastSession,
}

/// One part of a SOAP note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SoapPart {
    /// Subjective.
    Subjective,
    /// Objective.
    Objective,
    /// Assessment.
    Assessment,
    /// Plan.
    Plan,
}

/// A change to the session being recorded.
#[derive(Debug, Clone, PartialEq)]
pub enum SessionChange {
    /// The session date.
    Date(String),
    /// A screening answer (or back to unanswered).
    Answer(String, Option<Answer>),
    /// A score before (`true`) or after the session.
    Score(bool, Symptom, Side, Option<u8>),
    /// A part of the SOAP note.
    Soap(SoapPart, String),
}

/// What the Clients view asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum ClientsCommand {
    /// Open the records if they are not open yet (or try again after a failure).
    Open,
    /// Back to the client list.
    ShowList,
    /// Show a client's page.
    SelectClient(Id),
    /// Add a client and show their page.
    AddClient(ClientDetails),
    /// Change the open client's details or consent.
    UpdateClient(ClientDetails),
    /// Start recording a session for the open client.
    NewSession(SessionSource),
    /// Show a session of the open client.
    OpenSession(Id),
    /// Back from a session to the client's page.
    CloseSession,
    /// Change the open draft session (saved at once).
    Edit(SessionChange),
    /// Sign the open session.
    Sign,
    /// Add a dated addendum to the open (signed) session.
    AddAddendum(String),
    /// Record a follow-up of the open session.
    AddFollowup(Followup),
    /// Hide the notice.
    DismissNotice,
    /// Write the open client's report, diary sheet or scores to a file.
    Export(ExportKind, PathBuf),
    /// Choose the report's sections and paper.
    SetReport(ReportChoice),
    /// Deliver the open session with the step runner (resuming where it was left).
    Deliver,
    /// Show the open session's foot inspection and touch test.
    Inspect,
    /// Back from the runner or the inspection to the session record.
    BackToSession,
    /// Work the runner.
    Run(RunCommand),
    /// Change the inspection: findings, touch test, photos, proposals.
    Inspection(InspectCommand),
    /// Passphrase, lock, backup and restore, export and erasure.
    Access(AccessCommand),
}

/// What Clients mode can write to a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    /// The progress report (PDF).
    Report,
    /// The home diary sheet (PDF).
    DiarySheet,
    /// The client's scores (CSV).
    ScoresCsv,
}

/// The report's sections and the diary sheet's days, as chosen on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportChoice {
    /// Client details.
    pub details: bool,
    /// The scores table.
    pub scores: bool,
    /// The trend chart.
    pub trend: bool,
    /// The sessions.
    pub sessions: bool,
    /// SOAP notes, addenda and follow-ups.
    pub notes: bool,
    /// Delivery, findings, touch test and photos.
    pub delivery: bool,
    /// Paper size.
    pub paper: crate::plan::Paper,
    /// Days on the diary sheet: 2 or 7.
    pub diary_days: u32,
}

impl Default for ReportChoice {
    fn default() -> Self {
        Self {
            details: true,
            scores: true,
            trend: true,
            sessions: true,
            notes: true,
            delivery: true,
            paper: crate::plan::Paper::A4,
            diary_days: 2,
        }
    }
}

/// The session on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionEdit {
    /// Its id.
    pub id: Id,
    /// The session as stored.
    pub session: Session,
    /// Its plan, read from the snapshot.
    pub plan: Plan,
    /// The previous session's screening answers, shown as "last time: …" beside each question.
    pub hints: BTreeMap<String, Answer>,
    /// Urgent signs from the follow-ups of the session before this one.
    pub flags: Vec<UrgentFlag>,
    /// Findings still open at the session before this one, to tick "still there" or
    /// "resolved".
    pub previous_findings: Vec<Finding>,
    /// Screening proposals the therapist set aside ("not now").
    pub dismissed: std::collections::BTreeSet<String>,
    /// The step runner, while delivering.
    pub runner: Option<Runner>,
}

/// What the Clients mode shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    /// The client list.
    List,
    /// A client's page.
    Client,
    /// A session of the open client.
    Session,
    /// Delivering the open session, one step at a time.
    Deliver,
    /// The open session's foot inspection and touch test.
    Inspect,
}

/// The Clients mode's state.
#[derive(Debug)]
pub struct ClientsBook {
    path: Option<PathBuf>,
    store: Option<Store>,
    /// Why the records could not be opened.
    failure: Option<String>,
    /// Every client.
    pub list: Vec<ClientSummary>,
    /// The open client.
    pub client: Option<ClientRecord>,
    /// The open session.
    pub session: Option<SessionEdit>,
    /// What is on screen.
    pub screen: Screen,
    /// The last thing that went wrong or needs saying.
    pub notice: Option<String>,
    /// The last export written, to say so.
    pub exported: Option<PathBuf>,
    /// The report's sections, paper and diary days.
    pub report: ReportChoice,
    /// The runner's clock (a fake one in tests).
    pub clock: Clock,
    /// Whether the records can be read now.
    pub access: Access,
    /// Why the last unlock failed.
    pub unlock_error: Option<String>,
    /// Whether to remind the therapist to back up.
    pub backup_due: bool,
    /// A backup checked and waiting to be restored.
    pub pending_restore: Option<PendingRestore>,
    /// A backup that needs its own passphrase to be checked.
    pub restore_needs_passphrase: Option<PathBuf>,
}

impl Default for ClientsBook {
    fn default() -> Self {
        Self::at(Store::default_path())
    }
}

impl ClientsBook {
    /// Records kept in this file (opened when first needed); `None`: no place for them.
    pub fn at(path: Option<PathBuf>) -> Self {
        Self {
            path,
            store: None,
            failure: None,
            list: Vec::new(),
            client: None,
            session: None,
            screen: Screen::List,
            notice: None,
            exported: None,
            report: ReportChoice::default(),
            clock: Clock::default(),
            access: Access::Unopened,
            unlock_error: None,
            backup_due: false,
            pending_restore: None,
            restore_needs_passphrase: None,
        }
    }

    /// Time the runner with this clock (tests pass a fake one).
    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// Records already open (tests give an in-memory store).
    pub fn with_store(store: Store) -> Self {
        let mut book = Self::at(Some(store.path().to_owned()));
        book.store = Some(store);
        book.access = Access::Open;
        book.refresh_list();
        book
    }

    /// Whether the store is open.
    pub fn is_open(&self) -> bool {
        self.store.is_some()
    }

    /// Why the records could not be opened, if they could not.
    pub fn failure(&self) -> Option<&str> {
        self.failure.as_deref()
    }

    /// The records file.
    pub fn path(&self) -> Option<&std::path::Path> {
        self.path.as_deref()
    }

    /// The store (for exports).
    pub fn store(&self) -> Option<&Store> {
        self.store.as_ref()
    }

    /// Open the store if it needs no passphrase (else ask for one, or for a first one); a
    /// failure is kept and shown, never "fixed".
    pub fn ensure_open(&mut self) {
        self.look();
    }

    fn refresh_list(&mut self) {
        if let Some(store) = &self.store {
            match store.list_clients() {
                Ok(list) => self.list = list,
                Err(e) => self.notice = Some(e.to_string()),
            }
        }
    }

    fn reload_client(&mut self, id: Id) {
        let Some(store) = &self.store else { return };
        match store.client(id) {
            Ok(rec) => self.client = Some(rec),
            Err(e) => self.notice = Some(e.to_string()),
        }
    }

    /// A file name for an export of the open client (initials, never the full name: the
    /// name may travel in a folder listing).
    pub fn export_name(&self, kind: ExportKind) -> String {
        let who = self
            .client
            .as_ref()
            .map(|c| c.details.initials_or_derived())
            .filter(|i| !i.is_empty())
            .map_or_else(|| "client".to_owned(), |i| file_safe(&i));
        let today = date::today_iso();
        match kind {
            ExportKind::Report => format!("progress-report-{who}-{today}.pdf"),
            ExportKind::DiarySheet => format!("diary-sheet-{who}.pdf"),
            ExportKind::ScoresCsv => format!("scores-{who}-{today}.csv"),
        }
    }

    /// Carry out a command; an export returns the file it wrote. A report printed this way
    /// lists findings without drawing them: [`ClientsBook::apply_with`] has the chart.
    pub fn apply(&mut self, command: ClientsCommand, library: &Library) -> Option<PathBuf> {
        self.apply_with(command, library, &crate::model::Chart::empty())
    }

    /// [`ClientsBook::apply`], with the chart a report draws the findings on.
    pub fn apply_with(
        &mut self,
        command: ClientsCommand,
        library: &Library,
        chart: &crate::model::Chart,
    ) -> Option<PathBuf> {
        let command = match command {
            ClientsCommand::Access(c) => return self.access_command(c, library, chart),
            other => other,
        };
        if !matches!(command, ClientsCommand::Open) && self.store.is_none() {
            self.ensure_open();
            self.store.as_ref()?;
        }
        match command {
            ClientsCommand::Access(_) => {}
            ClientsCommand::Export(kind, path) => return self.export(kind, &path, library, chart),
            ClientsCommand::SetReport(choice) => self.report = choice,
            ClientsCommand::Open => self.ensure_open(),
            ClientsCommand::ShowList => {
                self.session = None;
                self.screen = Screen::List;
                self.refresh_list();
            }
            ClientsCommand::SelectClient(id) => {
                self.session = None;
                self.reload_client(id);
                if self.client.as_ref().is_some_and(|c| c.id == id) {
                    self.screen = Screen::Client;
                }
            }
            ClientsCommand::AddClient(details) => {
                let result = self.store_mut().add_client(&details);
                match result {
                    Ok(id) => {
                        self.refresh_list();
                        self.apply(ClientsCommand::SelectClient(id), library);
                    }
                    Err(e) => self.notice = Some(e.to_string()),
                }
            }
            ClientsCommand::UpdateClient(details) => {
                let id = self.client.as_ref().map(|c| c.id)?;
                let result = self.store_mut().update_client(id, &details);
                match result {
                    Ok(()) => {
                        self.reload_client(id);
                        self.refresh_list();
                    }
                    Err(e) => self.notice = Some(e.to_string()),
                }
            }
            ClientsCommand::NewSession(source) => self.new_session(source, library),
            ClientsCommand::OpenSession(id) => self.open_session(id),
            ClientsCommand::CloseSession => {
                self.back_to_session();
                self.session = None;
                if let Some(id) = self.client.as_ref().map(|c| c.id) {
                    self.reload_client(id);
                }
                self.screen = Screen::Client;
            }
            ClientsCommand::Edit(change) => self.edit(change, library),
            ClientsCommand::Sign => {
                let id = self.session.as_ref().map(|s| s.id)?;
                let result = self.store_mut().sign_session(id);
                match result {
                    Ok(_) => self.open_session(id),
                    Err(e) => self.notice = Some(e.to_string()),
                }
            }
            ClientsCommand::AddAddendum(text) => {
                let id = self.session.as_ref().map(|s| s.id)?;
                let result = self.store_mut().add_addendum(id, &text);
                match result {
                    Ok(_) => self.open_session(id),
                    Err(e) => self.notice = Some(e.to_string()),
                }
            }
            ClientsCommand::AddFollowup(f) => {
                let id = self.session.as_ref().map(|s| s.id)?;
                let result = self.store_mut().add_followup(id, &f);
                match result {
                    Ok(_) => {
                        self.open_session(id);
                        self.refresh_list();
                    }
                    Err(e) => self.notice = Some(e.to_string()),
                }
            }
            ClientsCommand::Deliver => self.deliver(library),
            ClientsCommand::Inspect => {
                if self.session.is_some() {
                    self.screen = Screen::Inspect;
                }
            }
            ClientsCommand::BackToSession => self.back_to_session(),
            ClientsCommand::Run(c) => self.run(c),
            ClientsCommand::Inspection(c) => self.inspect(c, library),
            ClientsCommand::DismissNotice => {
                self.notice = None;
                self.exported = None;
            }
        }
        None
    }

    fn export(
        &mut self,
        kind: ExportKind,
        path: &std::path::Path,
        library: &Library,
        chart: &crate::model::Chart,
    ) -> Option<PathBuf> {
        let mut warning = None;
        let mut printed = |pdf: crate::export::PrintedPdf| {
            warning = pdf.warning();
            pdf.bytes
        };
        let c = &self.report;
        let bytes: Result<Vec<u8>, String> = match (kind, &self.client) {
            (ExportKind::ScoresCsv, Some(rec)) => Ok(super::scores_csv(rec).into_bytes()),
            (ExportKind::Report, Some(rec)) => {
                let opts = crate::export::ReportOptions {
                    sections: crate::export::ReportSections {
                        details: c.details,
                        scores: c.scores,
                        trend: c.trend,
                        sessions: c.sessions,
                        notes: c.notes,
                        delivery: c.delivery,
                    },
                    paper: c.paper,
                };
                let photos = self
                    .store
                    .as_ref()
                    .map(|s| s.report_photos(rec))
                    .unwrap_or_default();
                crate::export::progress_report_with(rec, &opts, chart, &photos)
                    .map(&mut printed)
                    .map_err(|e| e.to_string())
            }
            (ExportKind::DiarySheet, client) => crate::export::diary_sheet(
                client.as_ref().map(|r| &r.details),
                c.diary_days,
                c.paper,
                library,
            )
            .map(&mut printed)
            .map_err(|e| e.to_string()),
            (ExportKind::ScoresCsv | ExportKind::Report, None) => {
                Err("open a client first".to_owned())
            }
        };
        let result =
            bytes.and_then(|b| crate::save::write_atomic(path, &b).map_err(|e| e.to_string()));
        match result {
            Ok(()) => {
                self.exported = Some(path.to_owned());
                // Said once, with the file: letters no font on this computer has.
                self.notice = warning;
                Some(path.to_owned())
            }
            Err(e) => {
                self.notice = Some(format!("{}: {e}", path.display()));
                None
            }
        }
    }

    fn store_mut(&mut self) -> &mut Store {
        self.store.as_mut().expect("checked open above")
    }

    fn new_session(&mut self, source: SessionSource, library: &Library) {
        let Some(rec) = &self.client else { return };
        let last = rec.sessions.last();
        let last_plan = last.and_then(|s| crate::plan::parse_snapshot(&s.plan_ron));
        let mut plan = match source {
            SessionSource::Template(id) => match library.template(&id) {
                Some(t) => Plan::from_template(t),
                None => {
                    self.notice = Some(format!("there is no template \"{id}\""));
                    return;
                }
            },
            SessionSource::OpenPlan(plan) => *plan,
            SessionSource::LastSession => match &last_plan {
                Some(p) => {
                    let mut plan = p.clone();
                    // Why cleared: each answer must be confirmed today, never carried over.
                    plan.screening.clear();
                    plan
                }
                None => {
                    self.notice = Some(if last.is_some() {
                        "the last session's plan could not be read; start from a template"
                            .to_owned()
                    } else {
                        "there is no earlier session to start from".to_owned()
                    });
                    return;
                }
            },
        };
        plan.date = date::today_iso();
        plan.client_initials = rec.details.initials_or_derived();
        let draft = SessionDraft {
            date: plan.date.clone(),
            plan_ron: plan_to_string(&plan).unwrap_or_default(),
            verdict: evaluate(&library.rules, &plan)
                .shown_verdict()
                .label()
                .to_owned(),
            ..SessionDraft::default()
        };
        let client = rec.id;
        let result = self.store_mut().add_session(client, &draft);
        match result {
            Ok(id) => {
                self.reload_client(client);
                self.refresh_list();
                self.open_session(id);
            }
            Err(e) => self.notice = Some(e.to_string()),
        }
    }

    fn open_session(&mut self, id: Id) {
        let Some(store) = &self.store else { return };
        let session = match store.session(id) {
            Ok(s) => s,
            Err(e) => {
                self.notice = Some(e.to_string());
                return;
            }
        };
        if self.client.as_ref().is_none_or(|c| c.id != session.client) {
            self.reload_client(session.client);
        } else if let Some(c) = &mut self.client
            && let Some(slot) = c.sessions.iter_mut().find(|s| s.id == id)
        {
            *slot = session.clone();
        }
        let plan = crate::plan::parse_snapshot(&session.plan_ron).unwrap_or_default();
        let (hints, flags, previous_findings) = self
            .client
            .as_ref()
            .map(|c| previous_of(c, &session))
            .unwrap_or_default();
        let kept = self
            .session
            .take()
            .filter(|s| s.id == id)
            .map(|s| (s.dismissed, s.runner));
        let (dismissed, runner) = kept.unwrap_or_default();
        self.session = Some(SessionEdit {
            id,
            session,
            plan,
            hints,
            flags,
            previous_findings,
            dismissed,
            runner,
        });
        if !matches!(self.screen, Screen::Deliver | Screen::Inspect) || runner_gone(self) {
            self.screen = Screen::Session;
        }
    }

    fn edit(&mut self, change: SessionChange, library: &Library) {
        let Some(edit) = &mut self.session else {
            return;
        };
        if edit.session.is_signed() {
            self.notice = Some(super::RecordsError::Signed(edit.id).to_string());
            return;
        }
        let s = &mut edit.session;
        match change {
            SessionChange::Date(d) => {
                s.date = d.clone();
                edit.plan.date = d;
            }
            SessionChange::Answer(rule, answer) => {
                match answer {
                    Some(a) => edit.plan.screening.insert(rule, a),
                    None => edit.plan.screening.remove(&rule),
                };
            }
            SessionChange::Score(pre, symptom, side, value) => {
                let scores = if pre { &mut s.pre } else { &mut s.post };
                scores.set(symptom, side, value);
            }
            SessionChange::Soap(part, text) => {
                let slot = match part {
                    SoapPart::Subjective => &mut s.soap.subjective,
                    SoapPart::Objective => &mut s.soap.objective,
                    SoapPart::Assessment => &mut s.soap.assessment,
                    SoapPart::Plan => &mut s.soap.plan,
                };
                *slot = text;
            }
        }
        s.verdict = evaluate(&library.rules, &edit.plan)
            .shown_verdict()
            .label()
            .to_owned();
        s.plan_ron = plan_to_string(&edit.plan).unwrap_or_else(|_| s.plan_ron.clone());
        // A date being typed is saved once it is a real date; until then the old one stays.
        if date::parse(&s.date).is_err() {
            return;
        }
        let (id, draft) = (edit.id, SessionDraft::from(&*s));
        let result = self.store_mut().update_session(id, &draft);
        if let Err(e) = result {
            self.notice = Some(e.to_string());
        } else if let Some(c) = &mut self.client
            && let Some(slot) = c.sessions.iter_mut().find(|x| x.id == id)
            && let Some(edit) = &self.session
        {
            *slot = edit.session.clone();
        }
    }
}

/// A name part safe in a file name on every system: letters and digits of any script kept,
/// anything else a dash.
fn file_safe(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .trim_matches('-')
        .to_owned()
}

/// The screening answers of the session before `session`, and the urgent signs its
/// follow-ups reported.
fn previous_of(
    rec: &ClientRecord,
    session: &Session,
) -> (BTreeMap<String, Answer>, Vec<UrgentFlag>, Vec<Finding>) {
    let Some(pos) = rec.sessions.iter().position(|s| s.id == session.id) else {
        return Default::default();
    };
    let Some(prev) = pos.checked_sub(1).map(|i| &rec.sessions[i]) else {
        return Default::default();
    };
    let hints = crate::plan::parse_snapshot(&prev.plan_ron)
        .map(|p| p.screening)
        .unwrap_or_default();
    let flags = prev
        .followups
        .iter()
        .filter(|f| f.is_urgent())
        .map(|f| UrgentFlag {
            session: prev.id,
            session_date: prev.date.clone(),
            hours: f.hours,
            date: f.date.clone(),
            signs: f.urgent.clone(),
            note: f.note.clone(),
        })
        .collect();
    let findings = prev.delivery.open_findings().cloned().collect();
    (hints, flags, findings)
}

/// Whether the runner screen is showing without a runner (the session changed under it).
fn runner_gone(book: &ClientsBook) -> bool {
    book.screen == Screen::Deliver && book.session.as_ref().is_none_or(|s| s.runner.is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn library() -> Library {
        crate::load::embedded_content().expect("content").library
    }

    fn book_with_client() -> ClientsBook {
        let mut book = ClientsBook::with_store(Store::open_in_memory().unwrap());
        let lib = library();
        book.apply(
            ClientsCommand::AddClient(ClientDetails {
                name: "Ana Lima".into(),
                ..Default::default()
            }),
            &lib,
        );
        book
    }

    #[test]
    fn a_session_from_a_template_is_recorded_scored_and_signed() {
        let lib = library();
        let mut book = book_with_client();
        assert_eq!(book.screen, Screen::Client);
        book.apply(
            ClientsCommand::NewSession(SessionSource::Template("neuropathy_gentle".into())),
            &lib,
        );
        assert_eq!(book.screen, Screen::Session);
        let rule = lib.rules[0].id.clone();
        book.apply(
            ClientsCommand::Edit(SessionChange::Answer(rule.clone(), Some(Answer::No))),
            &lib,
        );
        book.apply(
            ClientsCommand::Edit(SessionChange::Score(
                true,
                Symptom::Numbness,
                Side::Left,
                Some(7),
            )),
            &lib,
        );
        book.apply(
            ClientsCommand::Edit(SessionChange::Soap(
                SoapPart::Subjective,
                "Cold feet".into(),
            )),
            &lib,
        );
        let id = book.session.as_ref().unwrap().id;
        let stored = book.store().unwrap().session(id).unwrap();
        assert_eq!(stored.pre.get(Symptom::Numbness, Side::Left), Some(7));
        assert_eq!(stored.soap.subjective, "Cold feet");
        assert!(
            stored.plan_ron.contains(&rule),
            "the snapshot holds the answer"
        );
        book.apply(ClientsCommand::Sign, &lib);
        assert!(book.session.as_ref().unwrap().session.is_signed());
        book.apply(
            ClientsCommand::Edit(SessionChange::Soap(SoapPart::Plan, "x".into())),
            &lib,
        );
        assert!(book.notice.as_deref().unwrap().contains("signed"));
        assert_eq!(book.store().unwrap().session(id).unwrap().soap.plan, "");
        book.apply(ClientsCommand::AddAddendum("Phoned: fine".into()), &lib);
        assert_eq!(book.session.as_ref().unwrap().session.addenda.len(), 1);
    }

    #[test]
    fn from_last_session_keeps_steps_and_offers_answers_only_as_hints() {
        let lib = library();
        let mut book = book_with_client();
        book.apply(
            ClientsCommand::NewSession(SessionSource::Template("neuropathy_gentle".into())),
            &lib,
        );
        let rule = lib.rules[1].id.clone();
        book.apply(
            ClientsCommand::Edit(SessionChange::Answer(rule.clone(), Some(Answer::Yes))),
            &lib,
        );
        let steps = book.session.as_ref().unwrap().plan.steps.len();
        book.apply(
            ClientsCommand::AddFollowup(Followup {
                hours: 24,
                date: date::today_iso(),
                urgent: vec![UrgentSign::Wound],
                ..Default::default()
            }),
            &lib,
        );
        book.apply(ClientsCommand::CloseSession, &lib);
        book.apply(ClientsCommand::NewSession(SessionSource::LastSession), &lib);
        let s = book.session.as_ref().unwrap();
        assert_eq!(s.plan.steps.len(), steps);
        assert!(s.plan.screening.is_empty(), "never carried over silently");
        assert_eq!(s.hints.get(&rule), Some(&Answer::Yes));
        assert_eq!(s.flags.len(), 1);
        assert_eq!(s.flags[0].signs, [UrgentSign::Wound]);
    }

    #[test]
    fn a_file_that_cannot_be_read_asks_for_a_passphrase_refuses_it_and_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("records.sqlite3");
        std::fs::write(&path, b"this is not a database at all, just some text").unwrap();
        let lib = library();
        let mut book = ClientsBook::at(Some(path.clone()));
        book.apply(ClientsCommand::Open, &lib);
        assert!(!book.is_open());
        assert_eq!(
            book.access,
            Access::Locked,
            "not plain SQLite: maybe encrypted"
        );
        book.apply(
            ClientsCommand::Access(AccessCommand::Unlock("some passphrase".into())),
            &lib,
        );
        assert!(!book.is_open());
        assert!(
            book.unlock_error
                .as_deref()
                .unwrap()
                .contains("wrong passphrase or not a reflexmap records file"),
            "{:?}",
            book.unlock_error
        );
        assert_eq!(
            std::fs::read(&path).unwrap(),
            b"this is not a database at all, just some text"
        );
    }

    #[test]
    fn records_lock_and_unlock_dropping_every_client_from_memory() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("records.sqlite3");
        let lib = library();
        let mut book = ClientsBook::at(Some(path.clone()));
        book.apply(ClientsCommand::Open, &lib);
        assert_eq!(book.access, Access::Setup);
        let key = Key::Passphrase("tulip kettle orbit 42".into());
        book.apply(ClientsCommand::Access(AccessCommand::SetUp(key)), &lib);
        assert!(book.is_open() && book.is_encrypted());
        book.apply(
            ClientsCommand::AddClient(ClientDetails {
                name: "Ana Lima".into(),
                ..Default::default()
            }),
            &lib,
        );
        assert!(book.client.is_some());
        book.apply(ClientsCommand::Access(AccessCommand::Lock), &lib);
        assert_eq!(book.access, Access::Locked);
        assert!(book.list.is_empty() && book.client.is_none() && book.session.is_none());
        // A command while locked does nothing and opens nothing.
        book.apply(ClientsCommand::ShowList, &lib);
        assert!(!book.is_open());
        book.apply(
            ClientsCommand::Access(AccessCommand::Unlock("tulip kettle orbit 42".into())),
            &lib,
        );
        assert!(book.is_open());
        assert_eq!(book.list.len(), 1);
    }
}
