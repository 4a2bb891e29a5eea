//! Clients mode: the client list, a client's page (details, consent, sessions, trend chart)
//! and a session record (screening, scores, SOAP note, sign, addenda, follow-ups).
//! [`ClientsView`] holds only widget state; the records are the app's [`ClientsBook`].

mod access;
mod client;
mod deliver;
mod followup;
pub mod heat;
mod inspect;
mod list;
mod session;

pub use inspect::{InspectState, is_image};

use std::collections::HashMap;

use egui::{RichText, Ui};

use super::{Command, theme};
use crate::model::Library;
use crate::plan::Plan;
use crate::records::book::{Access, ClientsBook, ClientsCommand, Screen};
use crate::records::{ClientDetails, Followup, Id, Side, Symptom};

/// Which column the client list is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// Name (A–Z).
    #[default]
    Name,
    /// Number of sessions.
    Sessions,
    /// Latest session date.
    LastSession,
    /// Follow-up due date.
    FollowupDue,
}

/// Clients mode's widget state.
#[derive(Debug, Default)]
pub struct ClientsView {
    /// The list's search text.
    pub search: String,
    /// The list's sort column and direction.
    pub sort: (SortKey, bool),
    /// The list row the arrow keys move (index into the shown rows).
    pub cursor: usize,
    /// The "New client" form, while open.
    pub new_client: Option<ClientDetails>,
    /// The client's details as being edited, with the client they belong to.
    details: Option<(Id, ClientDetails)>,
    /// The template chosen for a new session.
    template: Option<String>,
    /// Score cells being typed: (before?, symptom, side) → text.
    score_text: HashMap<(bool, Symptom, Side), String>,
    /// The addendum being written.
    addendum: String,
    /// The follow-up form, while open.
    followup: Option<Followup>,
    /// The follow-up form's score boxes as typed.
    followup_text: HashMap<(Symptom, Side), String>,
    /// The report's options while its dialog is open.
    report_dialog: Option<crate::records::book::ReportChoice>,
    /// Asking "Sign this session?".
    confirm_sign: bool,
    /// The session these cells belong to.
    shown_session: Option<Id>,
    /// The inspection's widget state.
    pub inspect: InspectState,
    /// Photos read from the records, by id (the image loader decodes them once).
    photo_cache: HashMap<Id, std::sync::Arc<[u8]>>,
    /// The client page's zone-response heat map.
    heat: heat::HeatState,
    /// Passphrase and erase dialogs.
    access: access::AccessState,
    /// Names shown as initials (privacy mode), this frame.
    privacy: bool,
    /// Whether everything about clients was dropped at the last lock.
    forgotten: bool,
}

/// What the Clients view reads.
pub struct ClientsInput<'a> {
    /// The records.
    pub book: &'a ClientsBook,
    /// The library (templates, rules, aftercare).
    pub library: &'a Library,
    /// The plan open in Plan mode (for "New session from the open plan").
    pub open_plan: &'a Plan,
    /// The chart (to name a snapshot's zones).
    pub chart: &'a crate::model::Chart,
    /// Its geometry (the runner, the inspection and the heat map draw it).
    pub geometry: &'a crate::geometry::ChartGeometry,
    /// Privacy mode: initials instead of names.
    pub privacy: bool,
    /// Idle minutes before the records lock.
    pub lock_minutes: u32,
}

fn wrap(c: ClientsCommand) -> Command {
    Command::Clients(c)
}

impl ClientsView {
    /// Drop every copy of client data this view and egui hold (forms, typed text and its undo
    /// history, decoded photos), as the records lock.
    pub fn forget(&mut self, ctx: &egui::Context) {
        let keep = (self.sort, std::mem::take(&mut self.access));
        *self = Self {
            sort: keep.0,
            access: keep.1,
            forgotten: true,
            ..Self::default()
        };
        self.access.erase = None;
        self.access.change = None;
        ctx.forget_all_images();
        ctx.memory_mut(|m| m.data.clear());
    }

    /// Whether [`ClientsView::forget`] ran since the records were last open.
    pub fn is_forgotten(&self) -> bool {
        self.forgotten
    }

    /// A client as shown: the name, or the initials in privacy mode.
    fn who(&self, d: &ClientDetails) -> String {
        if self.privacy {
            d.initials_or_derived()
        } else {
            d.name.clone()
        }
    }
}

impl ClientsView {
    /// The whole mode.
    pub fn ui(&mut self, ui: &mut Ui, input: &ClientsInput) -> Vec<Command> {
        let book = input.book;
        let mut out = Vec::new();
        let session_id = book.session.as_ref().map(|s| s.id);
        if session_id != self.shown_session {
            self.shown_session = session_id;
            self.score_text.clear();
            self.addendum.clear();
            self.followup = None;
            self.confirm_sign = false;
            self.inspect.selected = None;
            self.inspect.notes.clear();
            self.inspect.notice = None;
            self.inspect.photo_open = None;
        }
        if let Some(failure) = book.failure() {
            egui::CentralPanel::default().show(ui, |ui| {
                crate::ui::heading(ui, "Client records are not available");
                ui.add_space(6.0);
                egui::Frame::new()
                    .fill(theme::error_fill(ui.visuals().dark_mode))
                    .corner_radius(6)
                    .inner_margin(8)
                    .show(ui, |ui| {
                        ui.label(RichText::new(failure).monospace());
                    });
                ui.add_space(6.0);
                ui.label(
                    "Nothing was changed or deleted. Explore, Plan and Study keep working \
                     without records.",
                );
                if ui.button("Try again").clicked() {
                    out.push(wrap(ClientsCommand::Open));
                }
            });
            return out;
        }
        self.privacy = input.privacy;
        match book.access {
            Access::Setup => return self.setup_ui(ui),
            Access::Locked => {
                if !self.forgotten {
                    self.forget(ui.ctx());
                }
                return self.lock_ui(ui, book);
            }
            Access::Open => {
                self.forgotten = false;
                out.extend(self.records_bar(ui, book, input.privacy, input.lock_minutes));
            }
            Access::Unopened => {}
        }
        if let Some(notice) = &book.notice {
            egui::Panel::top("clients_notice").show(ui, |ui| {
                egui::Frame::new()
                    .fill(theme::error_fill(ui.visuals().dark_mode))
                    .corner_radius(6)
                    .inner_margin(6)
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.horizontal(|ui| {
                            ui.label(notice);
                            if ui.button("Dismiss").clicked() {
                                out.push(wrap(ClientsCommand::DismissNotice));
                            }
                        });
                    });
            });
        }
        if let Some(path) = &book.exported {
            egui::Panel::top("clients_exported").show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.label(format!("Saved {}", path.display()));
                    if ui.small_button("OK").clicked() {
                        out.push(wrap(ClientsCommand::DismissNotice));
                    }
                });
            });
        }
        match (&book.screen, &book.client, &book.session) {
            (Screen::Deliver, Some(client), Some(session)) if session.runner.is_some() => {
                let runner = session.runner.as_ref().expect("checked");
                out.extend(self.deliver_ui(
                    ui,
                    &self.who(&client.details),
                    session,
                    runner,
                    book.clock.now(),
                    input.library,
                    input.chart,
                    input.geometry,
                ));
            }
            (Screen::Inspect, Some(client), Some(session)) => {
                for p in &session.session.delivery.photos {
                    if !self.photo_cache.contains_key(&p.id)
                        && let Some(Ok(bytes)) = book.store().map(|s| s.photo_jpeg(p.id))
                    {
                        self.photo_cache.insert(p.id, bytes.into());
                    }
                }
                let cache = std::mem::take(&mut self.photo_cache);
                out.extend(self.inspect_ui(
                    ui,
                    client,
                    session,
                    input.library,
                    input.chart,
                    input.geometry,
                    &|id| cache.get(&id).cloned(),
                ));
                self.photo_cache = cache;
            }
            (Screen::Session | Screen::Deliver, Some(client), Some(session)) => {
                out.extend(self.session_ui(ui, client, session, input.library, input.chart));
            }
            (_, Some(client), _) if book.screen != Screen::List => {
                out.extend(self.client_ui(ui, client, input));
            }
            _ => out.extend(self.list_ui(ui, book)),
        }
        out
    }
}
