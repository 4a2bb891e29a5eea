//! `reflexmap records …`: clients, sessions and follow-ups from the command line, on the same
//! SQLite store as the app's Clients mode.
//!
//! Every command checks all of its input (scores, dates, the plan file) before it opens the
//! records, and every change is one transaction: bad input exits 1 with a message naming the
//! problem and leaves the file exactly as it was.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};

use crate::load;
use crate::plan::{self, evaluate};
use crate::records::{
    self, Background, ClientDetails, Followup, Id, Scores, SessionDraft, Soap, Store, UrgentSign,
    date,
};

/// `reflexmap records`: the subcommand and the database it works on.
#[derive(Debug, Args)]
pub struct RecordsArgs {
    /// The records database (default: `records.sqlite3` in the app's data folder).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// What to do.
    #[command(subcommand)]
    pub command: RecordsCommand,
}

/// `reflexmap records …` commands.
#[derive(Debug, Subcommand)]
pub enum RecordsCommand {
    /// List the clients: sessions, latest session, the follow-up due, urgent signs.
    Clients,
    /// Add a client.
    Client {
        /// What to do.
        #[command(subcommand)]
        command: ClientCommand,
    },
    /// Add, change or sign a session.
    Session {
        /// What to do.
        #[command(subcommand)]
        command: SessionCommand,
    },
    /// Record a 24 or 48 hour follow-up.
    Followup {
        /// What to do.
        #[command(subcommand)]
        command: FollowupCommand,
    },
    /// Add a dated addendum to a signed session.
    Addendum {
        /// What to do.
        #[command(subcommand)]
        command: AddendumCommand,
    },
    /// Print a client's whole record.
    Show {
        /// The client's id (see `reflexmap records clients`).
        id: Id,
    },
    /// Print a client's progress report to PDF (for the client or a referrer).
    Report {
        /// The client's id.
        id: Id,
        /// The PDF file to write.
        #[arg(short, long)]
        output: PathBuf,
        /// The sections, comma-separated: details, scores, trend, sessions, delivery, notes (or
        /// all).
        #[arg(long, default_value = "all")]
        sections: String,
        /// Paper size.
        #[arg(long, value_enum)]
        paper: Option<super::PaperArg>,
    },
    /// Print a home diary sheet to fill in after a session: 24–48 h (2) or a week (7).
    DiarySheet {
        /// Print this client's name on it (else a line to write it on).
        #[arg(long)]
        client: Option<Id>,
        /// 2 (after the session, 24 h, 48 h) or 7 (one row a day).
        #[arg(long, default_value_t = 2)]
        days: u32,
        /// The PDF file to write.
        #[arg(short, long)]
        output: PathBuf,
        /// Paper size.
        #[arg(long, value_enum)]
        paper: Option<super::PaperArg>,
    },
    /// Write every score of a client to a CSV file.
    Export {
        /// The client's id.
        id: Id,
        /// The CSV file to write.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Backup, restore, export everything, erase, change the passphrase, check.
    #[command(flatten)]
    Safety(super::records_safety::SafetyCommand),
}

/// `reflexmap records client …`.
#[derive(Debug, Subcommand)]
pub enum ClientCommand {
    /// Add a client; prints `added client ID`.
    Add {
        /// Name, in any script.
        #[arg(long)]
        name: String,
        /// Initials (default: from the name).
        #[arg(long)]
        initials: Option<String>,
        /// Year of birth.
        #[arg(long, value_name = "YEAR")]
        born: Option<i32>,
        /// Neuropathy background: diabetic, chemotherapy or other.
        #[arg(long)]
        background: Option<String>,
        /// A free note.
        #[arg(long)]
        note: Option<String>,
    },
}

/// The contents of a session on the command line.
#[derive(Debug, Args)]
pub struct SessionFields {
    /// Scores before the session: `numbness=6,tingling=4,numbness.left=7,sleep=5`.
    #[arg(long, value_name = "SCORES")]
    pub pre: Option<String>,
    /// Scores after the session, written as `--pre`.
    #[arg(long, value_name = "SCORES")]
    pub post: Option<String>,
    /// What the client reports (the note's Subjective part).
    #[arg(long)]
    pub note: Option<String>,
    /// Sign the session in the same step; a signed session can only gain addenda.
    #[arg(long)]
    pub sign: bool,
}

/// `reflexmap records session …`.
#[derive(Debug, Subcommand)]
pub enum SessionCommand {
    /// Record a session from the plan delivered; prints `added session ID`.
    Add {
        /// The client's id.
        #[arg(long)]
        client: Id,
        /// The plan delivered (`*.plan.ron`); a copy is kept with the session.
        #[arg(long)]
        plan: PathBuf,
        /// Session date, `YYYY-MM-DD`.
        #[arg(long)]
        date: String,
        /// Scores and note.
        #[command(flatten)]
        fields: SessionFields,
    },
    /// Change a draft session; what is not given stays as it was. A signed session is refused.
    Edit {
        /// The session's id.
        id: Id,
        /// A new plan file.
        #[arg(long)]
        plan: Option<PathBuf>,
        /// A new date, `YYYY-MM-DD`.
        #[arg(long)]
        date: Option<String>,
        /// Scores and note.
        #[command(flatten)]
        fields: SessionFields,
    },
    /// Sign a draft session.
    Sign {
        /// The session's id.
        id: Id,
    },
}

/// `reflexmap records followup …`.
#[derive(Debug, Subcommand)]
pub enum FollowupCommand {
    /// Record a follow-up of a session; prints `added follow-up ID`.
    Add {
        /// The session it follows.
        #[arg(long)]
        session: Id,
        /// 24 or 48.
        #[arg(long)]
        hours: u32,
        /// The day of the follow-up, `YYYY-MM-DD` (default: today).
        #[arg(long)]
        date: Option<String>,
        /// Scores, written as for a session.
        #[arg(long, value_name = "SCORES")]
        scores: Option<String>,
        /// An urgent sign the client reports, in words ("blister on the left heel"); repeat it
        /// for each sign. Words that match none of the aftercare sheet's signs still count as
        /// urgent (recorded as "another worrying sign", with the words in the note).
        #[arg(long, value_name = "TEXT")]
        urgent: Vec<String>,
        /// A free note.
        #[arg(long)]
        note: Option<String>,
    },
}

/// `reflexmap records addendum …`.
#[derive(Debug, Subcommand)]
pub enum AddendumCommand {
    /// Add a dated addendum to a signed session; prints `added addendum ID`.
    Add {
        /// The signed session.
        #[arg(long)]
        session: Id,
        /// What it says.
        #[arg(long)]
        text: String,
    },
}

/// A failed command's message (printed as `error: …`, exit 1).
type Fail = String;

/// Run `reflexmap records …`.
pub fn run(args: RecordsArgs) -> ExitCode {
    let db = match args.db.or_else(Store::default_path) {
        Some(p) => p,
        None => {
            eprintln!("error: no data folder for the records was found; give one with --db PATH");
            return ExitCode::FAILURE;
        }
    };
    match dispatch(&db, args.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn dispatch(db: &Path, command: RecordsCommand) -> Result<(), Fail> {
    match command {
        RecordsCommand::Safety(c) => super::records_safety::run(db, c),
        RecordsCommand::Clients => clients(db),
        RecordsCommand::Client {
            command:
                ClientCommand::Add {
                    name,
                    initials,
                    born,
                    background,
                    note,
                },
        } => {
            let background = match background {
                None => Background::Unknown,
                Some(b) => Background::parse(&b).ok_or_else(|| {
                    format!("--background: unknown \"{b}\" (use diabetic, chemotherapy or other)")
                })?,
            };
            let details = ClientDetails {
                name,
                initials: initials.unwrap_or_default(),
                born,
                background,
                note: note.unwrap_or_default(),
                ..ClientDetails::default()
            };
            let id = open(db)?.add_client(&details).map_err(err)?;
            println!("added client {id}");
            Ok(())
        }
        RecordsCommand::Session { command } => session(db, command),
        RecordsCommand::Followup {
            command:
                FollowupCommand::Add {
                    session,
                    hours,
                    date,
                    scores,
                    urgent,
                    note,
                },
        } => followup(db, session, hours, date, scores, &urgent, note),
        RecordsCommand::Addendum {
            command: AddendumCommand::Add { session, text },
        } => {
            let id = open(db)?.add_addendum(session, &text).map_err(err)?;
            println!("added addendum {id}");
            Ok(())
        }
        RecordsCommand::Show { id } => {
            let rec = open_existing(db)?.client(id).map_err(err)?;
            let chart =
                load::embedded_content().map_or_else(|_| crate::model::Chart::empty(), |c| c.chart);
            print!("{}", records::client_text(&rec, &chart));
            Ok(())
        }
        RecordsCommand::Report {
            id,
            output,
            sections,
            paper,
        } => {
            let sections = crate::export::ReportSections::parse(&sections)
                .map_err(|e| format!("--sections: {e}"))?;
            let store = open_existing(db)?;
            let rec = store.client(id).map_err(err)?;
            let opts = crate::export::ReportOptions {
                sections,
                paper: paper.map_or(plan::Paper::A4, Into::into),
            };
            let chart =
                load::embedded_content().map_or_else(|_| crate::model::Chart::empty(), |c| c.chart);
            let photos = store.report_photos(&rec);
            let pdf = crate::export::progress_report_with(&rec, &opts, &chart, &photos)
                .map_err(|e| e.to_string())?;
            crate::save::write_atomic(&output, &pdf.bytes).map_err(|e| e.to_string())?;
            println!(
                "wrote {} (progress report of client {id}, {} sessions; it holds health data: \
                 share it only with the client's consent)",
                output.display(),
                rec.sessions.len()
            );
            if let Some(w) = pdf.warning() {
                eprintln!("warning: {w}");
            }
            Ok(())
        }
        RecordsCommand::DiarySheet {
            client,
            days,
            output,
            paper,
        } => {
            if days != 2 && days != 7 {
                return Err(format!("--days must be 2 or 7, not {days}"));
            }
            let details = match client {
                Some(id) => Some(open_existing(db)?.client_details(id).map_err(err)?),
                None => None,
            };
            let content = load::embedded_content()
                .map_err(|p| format!("the built-in library does not load: {p}"))?;
            let paper = paper.map_or(plan::Paper::A4, Into::into);
            let pdf = crate::export::diary_sheet(details.as_ref(), days, paper, &content.library)
                .map_err(|e| e.to_string())?;
            crate::save::write_atomic(&output, &pdf.bytes).map_err(|e| e.to_string())?;
            println!("wrote {} (home diary sheet, {days} days)", output.display());
            if let Some(w) = pdf.warning() {
                eprintln!("warning: {w}");
            }
            Ok(())
        }
        RecordsCommand::Export { id, output } => {
            let rec = open_existing(db)?.client(id).map_err(err)?;
            let csv = records::scores_csv(&rec);
            let rows = csv.lines().count().saturating_sub(1);
            crate::save::write_atomic(&output, csv.as_bytes()).map_err(|e| e.to_string())?;
            println!(
                "wrote {} ({rows} scores of client {id}; the file holds health data: keep it \
                 private)",
                output.display()
            );
            Ok(())
        }
    }
}

fn err(e: records::RecordsError) -> Fail {
    e.to_string()
}

/// Open (or create) the records for a command that writes.
fn open(db: &Path) -> Result<Store, Fail> {
    Store::open_with(db, &super::records_safety::key_for(db)?).map_err(err)
}

/// Open the records for a command that only reads: a missing file is reported, not created.
fn open_existing(db: &Path) -> Result<Store, Fail> {
    if !db.exists() {
        return Err(format!(
            "{}: there are no records here yet (add a client with `reflexmap records client \
             add`)",
            db.display()
        ));
    }
    open(db)
}

fn clients(db: &Path) -> Result<(), Fail> {
    if !db.exists() {
        println!("No clients yet ({} does not exist).", db.display());
        return Ok(());
    }
    let list = open(db)?.list_clients().map_err(err)?;
    if list.is_empty() {
        println!("No clients yet.");
        return Ok(());
    }
    let header = [
        "id",
        "name",
        "initials",
        "sessions",
        "last session",
        "follow-up due",
        "",
    ];
    let rows: Vec<[String; 7]> = list
        .iter()
        .map(|c| {
            [
                c.id.to_string(),
                c.name.clone(),
                c.initials.clone(),
                c.sessions.to_string(),
                c.last_session.clone().unwrap_or_else(|| "–".to_owned()),
                c.followup_due
                    .as_ref()
                    .map_or_else(|| "–".to_owned(), ToString::to_string),
                if c.urgent { "URGENT" } else { "" }.to_owned(),
            ]
        })
        .collect();
    let mut widths = header.map(|h| h.chars().count());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
            .collect();
        println!("{}", padded.join("  ").trim_end());
    };
    line(&header.map(str::to_owned));
    for row in &rows {
        line(row);
    }
    Ok(())
}

/// Read scores given on the command line, naming the option when they are wrong.
fn scores(option: &str, text: Option<&str>) -> Result<Scores, Fail> {
    text.map_or_else(
        || Ok(Scores::default()),
        |t| Scores::parse(t).map_err(|e| format!("{option}: {e}")),
    )
}

fn check_day(option: &str, day: &str) -> Result<i64, Fail> {
    date::parse(day).map_err(|e| format!("{option}: {e}"))
}

/// A plan file as a session keeps it: the RON text and the screening verdict shown.
fn plan_snapshot(path: &Path) -> Result<(String, String), Fail> {
    let content = load::embedded_content()
        .map_err(|p| format!("the embedded content is broken (this is a bug):\n{p}"))?;
    let loaded = plan::read_plan(path, &[&content.chart, &content.hands], &content.library)
        .map_err(|problems| {
            let mut m = format!(
                "{} is not a valid plan; nothing was recorded",
                path.display()
            );
            for p in &problems.0 {
                m.push_str(&format!("\n  {p}"));
            }
            m
        })?;
    let verdict = evaluate(&content.library.rules, &loaded.plan)
        .shown_verdict()
        .label()
        .to_owned();
    let ron = plan::plan_to_string(&loaded.plan)
        .map_err(|e| format!("{}: could not keep a copy of the plan: {e}", path.display()))?;
    Ok((ron, verdict))
}

fn session(db: &Path, command: SessionCommand) -> Result<(), Fail> {
    match command {
        SessionCommand::Add {
            client,
            plan,
            date,
            fields,
        } => {
            check_day("--date", &date)?;
            let pre = scores("--pre", fields.pre.as_deref())?;
            let post = scores("--post", fields.post.as_deref())?;
            let (plan_ron, verdict) = plan_snapshot(&plan)?;
            let draft = SessionDraft {
                date,
                plan_ron,
                verdict,
                pre,
                post,
                soap: Soap {
                    subjective: fields.note.unwrap_or_default(),
                    ..Soap::default()
                },
            };
            let mut store = open(db)?;
            if fields.sign {
                let (id, stamp) = store.add_signed_session(client, &draft).map_err(err)?;
                println!("added session {id}");
                println!("signed {stamp}");
            } else {
                let id = store.add_session(client, &draft).map_err(err)?;
                println!("added session {id}");
            }
            Ok(())
        }
        SessionCommand::Edit {
            id,
            plan,
            date,
            fields,
        } => {
            if let Some(d) = &date {
                check_day("--date", d)?;
            }
            let pre = fields
                .pre
                .as_deref()
                .map(|t| scores("--pre", Some(t)))
                .transpose()?;
            let post = fields
                .post
                .as_deref()
                .map(|t| scores("--post", Some(t)))
                .transpose()?;
            let snapshot = plan.as_deref().map(plan_snapshot).transpose()?;
            let mut store = open_existing(db)?;
            let old = store.session(id).map_err(err)?;
            if old.is_signed() {
                return Err(records::RecordsError::Signed(id).to_string());
            }
            let mut draft = SessionDraft::from(&old);
            if let Some(d) = date {
                draft.date = d;
            }
            if let Some((ron, verdict)) = snapshot {
                draft.plan_ron = ron;
                draft.verdict = verdict;
            }
            if let Some(p) = pre {
                draft.pre = p;
            }
            if let Some(p) = post {
                draft.post = p;
            }
            if let Some(n) = fields.note {
                draft.soap.subjective = n;
            }
            if fields.sign {
                let stamp = store.update_and_sign_session(id, &draft).map_err(err)?;
                println!("changed session {id}");
                println!("signed {stamp}");
            } else {
                store.update_session(id, &draft).map_err(err)?;
                println!("changed session {id}");
            }
            Ok(())
        }
        SessionCommand::Sign { id } => {
            let stamp = open_existing(db)?.sign_session(id).map_err(err)?;
            println!("signed session {id} at {stamp}");
            Ok(())
        }
    }
}

fn followup(
    db: &Path,
    session: Id,
    hours: u32,
    day: Option<String>,
    score_text: Option<String>,
    urgent: &[String],
    note: Option<String>,
) -> Result<(), Fail> {
    if hours != 24 && hours != 48 {
        return Err(format!(
            "--hours: a follow-up is at 24 or 48 hours, not {hours}"
        ));
    }
    let day = day.unwrap_or_else(date::today_iso);
    let follow_day = check_day("--date", &day)?;
    let scores = scores("--scores", score_text.as_deref())?;
    let mut signs: Vec<UrgentSign> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    for text in urgent.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
        let sign = UrgentSign::parse(text).unwrap_or(UrgentSign::Unlisted);
        if !signs.contains(&sign) {
            signs.push(sign);
        }
        notes.push(format!("Urgent, in the client's words: {text}"));
    }
    if let Some(n) = note.filter(|n| !n.trim().is_empty()) {
        notes.push(n.trim().to_owned());
    }
    let content = load::embedded_content()
        .map_err(|p| format!("the embedded content is broken (this is a bug):\n{p}"))?;
    let mut store = open_existing(db)?;
    let s = store.session(session).map_err(err)?;
    if let Ok(session_day) = date::parse(&s.date)
        && follow_day < session_day
    {
        return Err(format!(
            "--date: {day} is before the session it follows ({})",
            s.date
        ));
    }
    let f = Followup {
        hours,
        date: day,
        scores,
        urgent: signs.clone(),
        note: notes.join("\n"),
        ..Followup::default()
    };
    let id = store.add_followup(session, &f).map_err(err)?;
    println!("added follow-up {id}");
    if !signs.is_empty() {
        println!(
            "URGENT: the client reported something on (or beyond) the aftercare sheet's list of \
             signs that need prompt medical review. Make sure they know to get that help, and \
             check it at the next session's screening:"
        );
        for sign in signs {
            println!(
                "  - {}: {}",
                sign.label(),
                sign.advice(&content.library.aftercare.urgent)
            );
        }
    }
    Ok(())
}
