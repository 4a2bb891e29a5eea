//! The records store: one SQLite file, opened with foreign keys on, WAL and `synchronous=FULL`
//! (a committed record survives a killed process or a power cut), migrated forward in one
//! transaction, never downgraded, never "repaired" by deleting anything.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, params};

use super::date;
use super::error::{RecordsError, Result, explain, no_client, no_session, self_sql};
use super::model::*;
use super::schema::{APPLICATION_ID, MIGRATIONS, VERSION};

/// The records database.
#[derive(Debug)]
pub struct Store {
    pub(super) conn: Connection,
    pub(super) path: PathBuf,
    /// How the file is protected (kept while open: a backup is written with the same key).
    pub(super) key: Key,
}

/// How a records file is protected.
#[derive(Clone, PartialEq, Eq)]
pub enum Key {
    /// Not encrypted: the therapist chose "no passphrase — this computer's disk is encrypted".
    None,
    /// Encrypted with SQLCipher under this passphrase (never empty).
    Passphrase(String),
}

impl std::fmt::Debug for Key {
    // Why by hand: a passphrase must never reach a log or a panic message.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::None => f.write_str("Key::None"),
            Self::Passphrase(_) => f.write_str("Key::Passphrase(…)"),
        }
    }
}

impl Store {
    /// Where the app keeps its records: `records.sqlite3` in the app's data directory.
    pub fn default_path() -> Option<PathBuf> {
        crate::data_dir::data_dir().map(|d| d.join("records.sqlite3"))
    }

    /// Open (creating when missing) unencrypted records at `path` and bring them to this
    /// version.
    pub fn open(path: &Path) -> Result<Self> {
        Self::open_with(path, &Key::None)
    }

    /// Open (creating when missing) the records at `path` with `key` and bring them to this
    /// version. A wrong passphrase changes nothing and says so.
    pub fn open_with(path: &Path, key: &Key) -> Result<Self> {
        let fail = |e: rusqlite::Error| RecordsError::File {
            path: path.to_owned(),
            message: explain(path, &e),
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
            && !dir.exists()
        {
            std::fs::create_dir_all(dir).map_err(|e| RecordsError::File {
                path: path.to_owned(),
                message: format!("cannot create the folder {}: {e}", dir.display()),
            })?;
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(fail)?;
        Self::setup(conn, path.to_owned(), key.clone())
    }

    /// A database in memory (tests, benches).
    pub fn open_in_memory() -> Result<Self> {
        let conn =
            Connection::open_in_memory().map_err(|e| RecordsError::Invalid(e.to_string()))?;
        Self::setup(conn, PathBuf::from(":memory:"), Key::None)
    }

    fn setup(mut conn: Connection, path: PathBuf, key: Key) -> Result<Self> {
        let keyed = matches!(key, Key::Passphrase(_));
        let fail = |e: rusqlite::Error| RecordsError::File {
            path: path.clone(),
            message: match (keyed, e.sqlite_error_code()) {
                (true, Some(rusqlite::ErrorCode::NotADatabase)) => {
                    super::privacy::WRONG_PASSPHRASE.to_owned()
                }
                (false, Some(rusqlite::ErrorCode::NotADatabase))
                    if super::privacy::file_state(&path)
                        == super::privacy::FileState::Encrypted =>
                {
                    "these records are encrypted (or not a reflexmap records file): a \
                     passphrase is needed to open them; nothing was changed"
                        .to_owned()
                }
                _ => explain(&path, &e),
            },
        };
        if let Key::Passphrase(p) = &key {
            if p.is_empty() {
                return Err(RecordsError::Invalid(
                    "a passphrase cannot be empty (choose \"no passphrase\" instead)".to_owned(),
                ));
            }
            // Why first: SQLCipher needs the key before anything reads the file. Its own log
            // stays quiet: a wrong passphrase is reported once, in words, by the app.
            super::privacy::set_key(&conn, p).map_err(fail)?;
        }
        conn.busy_timeout(Duration::from_secs(5)).map_err(fail)?;
        // Reading the header first: a garbage file fails here, before anything is written.
        let version: i32 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(fail)?;
        let app_id: i32 = conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(fail)?;
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
            .map_err(fail)?;
        if (version > 0 || tables > 0) && app_id != APPLICATION_ID {
            return Err(RecordsError::File {
                path: path.clone(),
                message: "this SQLite file is not a reflexmap records file (it was left as it is)"
                    .to_owned(),
            });
        }
        if version > VERSION {
            return Err(RecordsError::File {
                path: path.clone(),
                message: format!(
                    "these records were written by a newer reflexmap (records version {version}; \
                     this one reads up to {VERSION}). Update reflexmap to open them; the file \
                     was left as it is"
                ),
            });
        }
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(fail)?;
        if path.as_os_str() != ":memory:" {
            let mode: String = conn
                .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
                .map_err(fail)?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(RecordsError::File {
                    path: path.clone(),
                    message: format!(
                        "could not switch the records to write-ahead logging (got {mode})"
                    ),
                });
            }
        }
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(fail)?;
        // Deleted rows are overwritten, so an erased client does not linger in free pages.
        conn.pragma_update(None, "secure_delete", true)
            .map_err(fail)?;
        if version < VERSION {
            let tx = conn.transaction().map_err(fail)?;
            for sql in &MIGRATIONS[version as usize..] {
                tx.execute_batch(sql).map_err(fail)?;
            }
            tx.pragma_update(None, "application_id", APPLICATION_ID)
                .map_err(fail)?;
            tx.pragma_update(None, "user_version", VERSION)
                .map_err(fail)?;
            tx.commit().map_err(fail)?;
        }
        Ok(Self { conn, path, key })
    }

    /// The file these records live in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open file.
    pub fn version(&self) -> Result<i32> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.sql(e))
    }

    pub(super) fn sql(&self, e: rusqlite::Error) -> RecordsError {
        if let rusqlite::Error::SqliteFailure(_, Some(m)) = &e
            && m.starts_with("signed session")
        {
            return RecordsError::Invalid(format!(
                "{m} (the database refused the change; nothing was written)"
            ));
        }
        RecordsError::Sql {
            path: self.path.clone(),
            message: explain(&self.path, &e),
        }
    }

    fn tx(&mut self) -> Result<Transaction<'_>> {
        let path = self.path.clone();
        self.conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| RecordsError::Sql {
                message: explain(&path, &e),
                path,
            })
    }

    // ----- clients -----

    /// Add a client; returns its id.
    pub fn add_client(&mut self, d: &ClientDetails) -> Result<Id> {
        check_details(d)?;
        let path = self.path.clone();
        let tx = self.tx()?;
        tx.execute(
            "INSERT INTO client (name, initials, born, background, medicines, conditions, \
             referrer, note, created, consent_treatment, consent_photos, consent_sharing) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                d.name.trim(),
                d.initials.trim(),
                d.born,
                d.background.key(),
                d.medicines,
                d.conditions,
                d.referrer,
                d.note,
                date::stamp(date::now_secs()),
                d.consent.treatment,
                d.consent.photos,
                d.consent.sharing,
            ],
        )
        .map_err(|e| self_sql(&path, e))?;
        let id = tx.last_insert_rowid();
        tx.commit().map_err(|e| self_sql(&path, e))?;
        Ok(id)
    }

    /// Change a client's details and consent.
    pub fn update_client(&mut self, id: Id, d: &ClientDetails) -> Result<()> {
        check_details(d)?;
        let path = self.path.clone();
        let tx = self.tx()?;
        let n = tx
            .execute(
                "UPDATE client SET name = ?2, initials = ?3, born = ?4, background = ?5, \
                 medicines = ?6, conditions = ?7, referrer = ?8, note = ?9, \
                 consent_treatment = ?10, consent_photos = ?11, consent_sharing = ?12 \
                 WHERE id = ?1",
                params![
                    id,
                    d.name.trim(),
                    d.initials.trim(),
                    d.born,
                    d.background.key(),
                    d.medicines,
                    d.conditions,
                    d.referrer,
                    d.note,
                    d.consent.treatment,
                    d.consent.photos,
                    d.consent.sharing,
                ],
            )
            .map_err(|e| self_sql(&path, e))?;
        if n == 0 {
            return Err(no_client(id));
        }
        tx.commit().map_err(|e| self_sql(&path, e))
    }

    // ----- sessions -----

    /// Record a session for a client (a draft until signed); returns its id.
    pub fn add_session(&mut self, client: Id, s: &SessionDraft) -> Result<Id> {
        self.insert_session(client, s, false).map(|(id, _)| id)
    }

    /// Record a session and sign it in the same transaction: either both happen or neither.
    /// Returns its id and the signature's time stamp.
    pub fn add_signed_session(&mut self, client: Id, s: &SessionDraft) -> Result<(Id, String)> {
        let (id, stamp) = self.insert_session(client, s, true)?;
        Ok((id, stamp.unwrap_or_default()))
    }

    fn insert_session(
        &mut self,
        client: Id,
        s: &SessionDraft,
        sign: bool,
    ) -> Result<(Id, Option<String>)> {
        check_session(s)?;
        let path = self.path.clone();
        let tx = self.tx()?;
        let exists: Option<i64> = tx
            .query_row("SELECT id FROM client WHERE id = ?1", [client], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| self_sql(&path, e))?;
        if exists.is_none() {
            return Err(no_client(client));
        }
        tx.execute(
            "INSERT INTO session (client_id, date, plan_ron, verdict, subjective, objective, \
             assessment, plan_note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                client,
                s.date,
                s.plan_ron,
                s.verdict,
                s.soap.subjective,
                s.soap.objective,
                s.soap.assessment,
                s.soap.plan
            ],
        )
        .map_err(|e| self_sql(&path, e))?;
        let id = tx.last_insert_rowid();
        write_scores(&tx, id, s).map_err(|e| self_sql(&path, e))?;
        let stamp = if sign {
            Some(sign_in(&tx, id).map_err(|e| self_sql(&path, e))?)
        } else {
            None
        };
        tx.commit().map_err(|e| self_sql(&path, e))?;
        Ok((id, stamp))
    }

    /// Replace a draft session's date, plan, verdict, scores and note. A signed session is
    /// refused here and, should this check ever be bypassed, by the database's triggers.
    pub fn update_session(&mut self, id: Id, s: &SessionDraft) -> Result<()> {
        self.rewrite_session(id, s, false).map(|_| ())
    }

    /// Replace a draft session (as [`Store::update_session`]) and sign it in the same
    /// transaction. Returns the signature's time stamp.
    pub fn update_and_sign_session(&mut self, id: Id, s: &SessionDraft) -> Result<String> {
        self.rewrite_session(id, s, true)
            .map(Option::unwrap_or_default)
    }

    fn rewrite_session(&mut self, id: Id, s: &SessionDraft, sign: bool) -> Result<Option<String>> {
        check_session(s)?;
        let signed = self.session_signed(id)?;
        if signed {
            return Err(RecordsError::Signed(id));
        }
        let path = self.path.clone();
        let tx = self.tx()?;
        tx.execute(
            "UPDATE session SET date = ?2, plan_ron = ?3, verdict = ?4, subjective = ?5, \
             objective = ?6, assessment = ?7, plan_note = ?8 WHERE id = ?1",
            params![
                id,
                s.date,
                s.plan_ron,
                s.verdict,
                s.soap.subjective,
                s.soap.objective,
                s.soap.assessment,
                s.soap.plan
            ],
        )
        .map_err(|e| self_sql(&path, e))?;
        tx.execute("DELETE FROM score WHERE session_id = ?1", [id])
            .map_err(|e| self_sql(&path, e))?;
        write_scores(&tx, id, s).map_err(|e| self_sql(&path, e))?;
        let stamp = if sign {
            Some(sign_in(&tx, id).map_err(|e| self_sql(&path, e))?)
        } else {
            None
        };
        tx.commit().map_err(|e| self_sql(&path, e))?;
        Ok(stamp)
    }

    fn session_signed(&self, id: Id) -> Result<bool> {
        let signed: Option<Option<String>> = self
            .conn
            .query_row("SELECT signed_at FROM session WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| self.sql(e))?;
        match signed {
            None => Err(no_session(id)),
            Some(s) => Ok(s.is_some()),
        }
    }

    /// Sign a session: from now on it cannot change. Returns the signature's time stamp.
    pub fn sign_session(&mut self, id: Id) -> Result<String> {
        if self.session_signed(id)? {
            return Err(RecordsError::Signed(id));
        }
        let path = self.path.clone();
        let tx = self.tx()?;
        let stamp = sign_in(&tx, id).map_err(|e| self_sql(&path, e))?;
        tx.commit().map_err(|e| self_sql(&path, e))?;
        Ok(stamp)
    }

    /// Add a dated addendum to a signed session.
    pub fn add_addendum(&mut self, session: Id, text: &str) -> Result<Id> {
        if text.trim().is_empty() {
            return Err(RecordsError::Invalid(
                "an addendum needs some text".to_owned(),
            ));
        }
        if !self.session_signed(session)? {
            return Err(RecordsError::Invalid(format!(
                "session {session} is not signed yet: change the note itself"
            )));
        }
        let path = self.path.clone();
        let tx = self.tx()?;
        tx.execute(
            "INSERT INTO addendum (session_id, written_at, text) VALUES (?1, ?2, ?3)",
            params![session, date::stamp(date::now_secs()), text.trim()],
        )
        .map_err(|e| self_sql(&path, e))?;
        let id = tx.last_insert_rowid();
        tx.commit().map_err(|e| self_sql(&path, e))?;
        Ok(id)
    }

    /// Record a 24 or 48 hour follow-up of a session; returns its id.
    pub fn add_followup(&mut self, session: Id, f: &Followup) -> Result<Id> {
        if f.hours != 24 && f.hours != 48 {
            return Err(RecordsError::Invalid(format!(
                "a follow-up is at 24 or 48 hours, not {}",
                f.hours
            )));
        }
        date::parse(&f.date).map_err(RecordsError::Invalid)?;
        self.session_signed(session)?;
        let path = self.path.clone();
        let tx = self.tx()?;
        tx.execute(
            "INSERT INTO followup (session_id, hours, date, items, urgent, note, recorded_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                session,
                f.hours,
                f.date,
                f.items.map(Change::key).join(","),
                f.urgent
                    .iter()
                    .map(|u| u.key())
                    .collect::<Vec<_>>()
                    .join(","),
                f.note.trim(),
                date::stamp(date::now_secs()),
            ],
        )
        .map_err(|e| self_sql(&path, e))?;
        let id = tx.last_insert_rowid();
        {
            let mut stmt = tx
                .prepare_cached(
                    "INSERT INTO followup_score (followup_id, symptom, side, value) \
                     VALUES (?1, ?2, ?3, ?4)",
                )
                .map_err(|e| self_sql(&path, e))?;
            for ((sy, sd), v) in &f.scores.0 {
                stmt.execute(params![id, sy.key(), sd.key(), v])
                    .map_err(|e| self_sql(&path, e))?;
            }
        }
        tx.commit().map_err(|e| self_sql(&path, e))?;
        Ok(id)
    }

    /// The client a session belongs to.
    pub fn session_client(&self, session: Id) -> Result<Id> {
        self.conn
            .query_row(
                "SELECT client_id FROM session WHERE id = ?1",
                [session],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.sql(e))?
            .ok_or_else(|| no_session(session))
    }

    /// SQLite's own check of the whole file: `Ok("ok")` when sound, else the problems it
    /// found, one a line. Reads only.
    pub fn integrity_check(&self) -> Result<String> {
        let mut stmt = self
            .conn
            .prepare("PRAGMA integrity_check")
            .map_err(|e| self.sql(e))?;
        let lines = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(|e| self.sql(e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.sql(e))?;
        Ok(lines.join("\n"))
    }

    /// Cap the file at `pages` pages (SQLite's `max_page_count`): a write beyond it fails as
    /// if the disk were full. Tests use it to prove a full disk loses nothing already saved.
    #[doc(hidden)]
    pub fn set_max_pages(&self, pages: u32) -> Result<i64> {
        self.conn
            .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |r| {
                r.get(0)
            })
            .map_err(|e| self.sql(e))
    }

    /// How long a write waits for another connection's transaction (5 s unless changed).
    /// Tests shorten it to prove the "in use" message without a long wait.
    #[doc(hidden)]
    pub fn set_busy_timeout(&self, timeout: Duration) -> Result<()> {
        self.conn.busy_timeout(timeout).map_err(|e| self.sql(e))
    }

    /// Run raw SQL (tests use it to prove the triggers hold without the store's checks).
    #[doc(hidden)]
    pub fn execute_raw(&self, sql: &str) -> Result<usize> {
        self.conn.execute(sql, []).map_err(|e| self.sql(e))
    }
}

/// What a new or edited session holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SessionDraft {
    /// Session date (`YYYY-MM-DD`).
    pub date: String,
    /// The plan as delivered (RON).
    pub plan_ron: String,
    /// The screening verdict shown.
    pub verdict: String,
    /// Scores before.
    pub pre: Scores,
    /// Scores after.
    pub post: Scores,
    /// SOAP note.
    pub soap: Soap,
}

impl From<&Session> for SessionDraft {
    fn from(s: &Session) -> Self {
        Self {
            date: s.date.clone(),
            plan_ron: s.plan_ron.clone(),
            verdict: s.verdict.clone(),
            pre: s.pre.clone(),
            post: s.post.clone(),
            soap: s.soap.clone(),
        }
    }
}

/// Sign session `id` inside `tx`; returns the stamp.
fn sign_in(tx: &Transaction<'_>, id: Id) -> rusqlite::Result<String> {
    let stamp = date::stamp(date::now_secs());
    tx.execute(
        "UPDATE session SET signed_at = ?2, run_step = NULL, run_elapsed = NULL \
         WHERE id = ?1 AND signed_at IS NULL",
        params![id, stamp],
    )?;
    Ok(stamp)
}

fn write_scores(tx: &Transaction<'_>, id: Id, s: &SessionDraft) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO score (session_id, phase, symptom, side, value) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (phase, scores) in [("pre", &s.pre), ("post", &s.post)] {
        for ((sy, sd), v) in &scores.0 {
            stmt.execute(params![id, phase, sy.key(), sd.key(), v])?;
        }
    }
    Ok(())
}

fn check_details(d: &ClientDetails) -> Result<()> {
    if d.name.trim().is_empty() {
        return Err(RecordsError::Invalid(
            "a client needs a name (or initials)".to_owned(),
        ));
    }
    if let Some(y) = d.born
        && !(1880..=2200).contains(&y)
    {
        return Err(RecordsError::Invalid(format!(
            "the year of birth {y} is not plausible"
        )));
    }
    for (what, date) in [
        ("treatment", &d.consent.treatment),
        ("photos", &d.consent.photos),
        ("sharing a report", &d.consent.sharing),
    ] {
        if let Some(date) = date {
            date::parse(date)
                .map_err(|e| RecordsError::Invalid(format!("consent to {what}: {e}")))?;
        }
    }
    Ok(())
}

fn check_session(s: &SessionDraft) -> Result<()> {
    date::parse(&s.date).map_err(|e| RecordsError::Invalid(format!("session date: {e}")))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(name: &str) -> ClientDetails {
        ClientDetails {
            name: name.to_owned(),
            ..ClientDetails::default()
        }
    }

    fn draft(date: &str) -> SessionDraft {
        SessionDraft {
            date: date.to_owned(),
            plan_ron: "(version: 1, session_minutes: 30)".to_owned(),
            verdict: "Go".to_owned(),
            pre: Scores::parse("numbness=6,numbness.left=7,sleep=4").unwrap(),
            post: Scores::parse("numbness=5").unwrap(),
            soap: Soap {
                subjective: "Feet \"felt like wood\" this week".to_owned(),
                ..Soap::default()
            },
        }
    }

    #[test]
    fn a_record_round_trips_with_scores_addenda_and_follow_ups() {
        let mut db = Store::open_in_memory().unwrap();
        let id = db.add_client(&client("王小明 \"Tom\" 🦶")).unwrap();
        let s1 = db.add_session(id, &draft("2026-11-20")).unwrap();
        let s2 = db.add_session(id, &draft("2026-11-27")).unwrap();
        db.sign_session(s1).unwrap();
        db.add_addendum(s1, "Client phoned: slept well").unwrap();
        let f = Followup {
            hours: 24,
            date: "2026-11-28".to_owned(),
            scores: Scores::parse("numbness=4").unwrap(),
            urgent: vec![UrgentSign::Wound],
            note: "blister on left heel".to_owned(),
            items: [
                Change::Better,
                Change::Same,
                Change::NotAsked,
                Change::Worse,
                Change::Same,
                Change::Better,
            ],
            ..Followup::default()
        };
        db.add_followup(s2, &f).unwrap();
        let rec = db.client(id).unwrap();
        assert_eq!(rec.details.name, "王小明 \"Tom\" 🦶");
        assert_eq!(rec.sessions.len(), 2);
        assert_eq!(
            rec.sessions[0].pre.get(Symptom::Numbness, Side::Left),
            Some(7)
        );
        assert_eq!(rec.sessions[0].addenda[0].text, "Client phoned: slept well");
        assert!(rec.sessions[0].is_signed());
        let got = &rec.sessions[1].followups[0];
        assert_eq!(
            (got.scores.clone(), got.items, got.urgent.clone()),
            (f.scores, f.items, f.urgent)
        );
        assert_eq!(rec.open_urgent_flags().len(), 1);
        let list = db.list_clients().unwrap();
        assert_eq!(list[0].sessions, 2);
        assert_eq!(list[0].last_session.as_deref(), Some("2026-11-27"));
        assert!(list[0].urgent);
        assert_eq!(list[0].followup_due.as_ref().map(|d| d.hours), Some(48));
    }

    #[test]
    fn signed_sessions_are_refused_by_the_store_and_by_the_database() {
        let mut db = Store::open_in_memory().unwrap();
        let id = db.add_client(&client("A B")).unwrap();
        let s = db.add_session(id, &draft("2026-11-20")).unwrap();
        assert!(
            db.add_addendum(s, "too early").is_err(),
            "addenda are for signed sessions"
        );
        db.sign_session(s).unwrap();
        assert!(matches!(
            db.update_session(s, &draft("2026-11-21")),
            Err(RecordsError::Signed(_))
        ));
        assert!(matches!(db.sign_session(s), Err(RecordsError::Signed(_))));
        for sql in [
            "UPDATE session SET subjective = 'changed'".to_owned(),
            "DELETE FROM session".to_owned(),
            format!("DELETE FROM score WHERE session_id = {s}"),
            "UPDATE score SET value = 0".to_owned(),
            format!("INSERT INTO score VALUES ({s}, 'post', 'aching', 'both', 3)"),
        ] {
            let e = db.execute_raw(&sql).unwrap_err().to_string();
            assert!(e.contains("signed session"), "{sql}: {e}");
        }
        let a = db.add_addendum(s, "first").unwrap();
        assert!(
            db.execute_raw(&format!("UPDATE addendum SET text = 'x' WHERE id = {a}"))
                .is_err()
        );
        assert!(db.execute_raw("DELETE FROM addendum").is_err());
        assert_eq!(
            db.session(s).unwrap().soap.subjective,
            draft("").soap.subjective
        );
    }

    #[test]
    fn a_session_is_added_or_rewritten_and_signed_in_one_transaction() {
        let mut db = Store::open_in_memory().unwrap();
        let id = db.add_client(&client("D")).unwrap();
        let (s, stamp) = db.add_signed_session(id, &draft("2026-11-20")).unwrap();
        let got = db.session(s).unwrap();
        assert_eq!(got.signed_at.as_deref(), Some(stamp.as_str()));
        assert_eq!(got.pre.get(Symptom::Numbness, Side::Left), Some(7));
        assert!(db.add_signed_session(99, &draft("2026-11-20")).is_err());
        let d = db.add_session(id, &draft("2026-11-21")).unwrap();
        assert!(!db.session(d).unwrap().is_signed());
        db.update_and_sign_session(d, &draft("2026-11-22")).unwrap();
        let got = db.session(d).unwrap();
        assert_eq!((got.date.as_str(), got.is_signed()), ("2026-11-22", true));
        assert!(matches!(
            db.update_and_sign_session(d, &draft("2026-11-23")),
            Err(RecordsError::Signed(_))
        ));
        assert_eq!(db.client(id).unwrap().sessions.len(), 2);
        assert_eq!(db.integrity_check().unwrap(), "ok");
    }

    #[test]
    fn bad_input_names_what_is_wrong_and_writes_nothing() {
        let mut db = Store::open_in_memory().unwrap();
        assert!(db.add_client(&client("  ")).is_err());
        let id = db.add_client(&client("C")).unwrap();
        assert!(
            db.add_session(99, &draft("2026-11-20"))
                .unwrap_err()
                .to_string()
                .contains("no client 99")
        );
        assert!(
            db.add_session(id, &draft("2026-13-01"))
                .unwrap_err()
                .to_string()
                .contains("month")
        );
        assert!(
            db.session(5)
                .unwrap_err()
                .to_string()
                .contains("no session 5")
        );
        let bad = Followup {
            hours: 12,
            date: "2026-11-21".into(),
            ..Followup::default()
        };
        assert!(db.add_followup(1, &bad).is_err());
        assert_eq!(db.client(id).unwrap().sessions.len(), 0);
    }
}
