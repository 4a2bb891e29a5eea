//! Keeping the records private and safe: what protects the file, changing the passphrase,
//! backups (SQLite's online backup, still encrypted, written beside the target and renamed into
//! place), checked restores that keep the current file aside until they succeed, and erasure of
//! a client on request (erasure wins over the signed record's immutability).

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, params};

use super::date;
use super::error::{RecordsError, Result, explain};
use super::model::Id;
use super::schema::{APPLICATION_ID, VERSION};
use super::store::{Key, Store};

/// What a wrong passphrase (or a file that is not records at all) is told.
pub const WRONG_PASSPHRASE: &str =
    "wrong passphrase or not a reflexmap records file (nothing was changed)";

/// How long after the last backup, with changes since, the app reminds the therapist.
pub const BACKUP_REMINDER_DAYS: i64 = 30;

/// The shortest passphrase accepted.
pub const MIN_PASSPHRASE: usize = 8;

/// The first 16 bytes of every unencrypted SQLite file.
const PLAIN_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Keep SQLCipher from printing its own errors (a wrong key logs three lines to stderr); the
/// app says what went wrong instead.
fn quiet(conn: &Connection) {
    let _ = conn.execute_batch("PRAGMA cipher_log_level = NONE;");
}

/// Give `conn` the passphrase, once SQLCipher is ready for it.
pub(super) fn set_key(conn: &Connection, passphrase: &str) -> rusqlite::Result<()> {
    cipher_ready();
    quiet(conn);
    conn.pragma_update(None, "key", passphrase)
}

/// Wait, once per process, until SQLCipher has finished setting itself up.
///
/// Why: SQLite marks itself initialised *before* it runs SQLCipher's own set-up, so a second
/// thread whose first connection is keyed while the first thread is still inside that set-up
/// is refused ("PRAGMA key requires a key of one or more characters"; seen once in CI when two
/// tests opened encrypted records at the same moment, and possible in the app when a worker
/// opens records while another thread touches SQLite). A keyed in-memory database is the probe:
/// it only succeeds once the cipher is ready. Other threads wait on the `Once` meanwhile.
fn cipher_ready() {
    static READY: std::sync::Once = std::sync::Once::new();
    READY.call_once(|| {
        for _ in 0..2_000 {
            if let Ok(probe) = Connection::open_in_memory() {
                quiet(&probe);
                if probe.pragma_update(None, "key", "probe").is_ok() {
                    return;
                }
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
    });
}

/// What is at the records' path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileState {
    /// Nothing yet: the therapist chooses a passphrase (or none) first.
    Missing,
    /// An unencrypted SQLite file.
    Plain,
    /// Something else: SQLCipher's encrypted file (or not a database at all).
    Encrypted,
}

/// What is at `path`, from its first 16 bytes.
pub fn file_state(path: &Path) -> FileState {
    use std::io::Read;
    let Ok(mut f) = std::fs::File::open(path) else {
        return FileState::Missing;
    };
    let mut head = [0u8; 16];
    match f.read(&mut head) {
        Ok(0) => FileState::Missing,
        Ok(16) if &head == PLAIN_HEADER => FileState::Plain,
        _ => FileState::Encrypted,
    }
}

/// How strong a passphrase looks: a hint, not a rule (only the minimum length is a rule).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strength {
    /// Under [`MIN_PASSPHRASE`] characters: refused.
    TooShort,
    /// Accepted, but easy to guess.
    Weak,
    /// Reasonable.
    Fair,
    /// Long, or several words.
    Strong,
}

impl Strength {
    /// The hint shown under the field.
    pub fn hint(self) -> &'static str {
        match self {
            Self::TooShort => "Too short: use at least 8 characters.",
            Self::Weak => "Weak: longer is stronger — try three or four unrelated words.",
            Self::Fair => "Fair: a few more characters or another word would make it strong.",
            Self::Strong => "Strong.",
        }
    }
}

/// A rough strength of a passphrase: length, kinds of character, words.
pub fn strength(p: &str) -> Strength {
    let n = p.chars().count();
    if n < MIN_PASSPHRASE {
        return Strength::TooShort;
    }
    let words = p
        .split_whitespace()
        .filter(|w| w.chars().count() >= 3)
        .count();
    let kinds = [
        p.chars().any(char::is_lowercase),
        p.chars().any(char::is_uppercase),
        p.chars().any(|c| c.is_ascii_digit()),
        p.chars().any(|c| !c.is_alphanumeric()),
    ]
    .iter()
    .filter(|k| **k)
    .count();
    if n >= 20 || words >= 4 || (n >= 14 && kinds >= 3) {
        Strength::Strong
    } else if n >= 12 || kinds >= 3 {
        Strength::Fair
    } else {
        Strength::Weak
    }
}

/// Why a new passphrase is refused, if it is.
pub fn check_new_passphrase(p: &str, again: &str) -> Option<&'static str> {
    if strength(p) == Strength::TooShort {
        Some("Use at least 8 characters.")
    } else if p != again {
        Some("The two passphrases differ.")
    } else {
        None
    }
}

/// What a backup file holds, checked before anything is replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupCheck {
    /// Its records version.
    pub version: i32,
    /// Clients in it.
    pub clients: i64,
    /// Sessions in it.
    pub sessions: i64,
}

fn file_err(path: &Path, message: impl Into<String>) -> RecordsError {
    RecordsError::File {
        path: path.to_owned(),
        message: message.into(),
    }
}

/// Open a file read-only with a key and check it is sound records of a version this reads.
pub fn check_backup(path: &Path, key: &Key) -> Result<BackupCheck> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| file_err(path, explain(path, &e)))?;
    let bad = |e: rusqlite::Error| {
        if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) {
            file_err(path, WRONG_PASSPHRASE)
        } else {
            file_err(path, format!("{} (nothing was changed)", explain(path, &e)))
        }
    };
    if let Key::Passphrase(p) = key {
        set_key(&conn, p).map_err(bad)?;
    }
    let app_id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(bad)?;
    let version: i32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(bad)?;
    if app_id != APPLICATION_ID {
        return Err(file_err(path, WRONG_PASSPHRASE));
    }
    if version > VERSION {
        return Err(file_err(
            path,
            format!(
                "this backup was written by a newer reflexmap (records version {version}; this \
                 one reads up to {VERSION}); nothing was changed"
            ),
        ));
    }
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(bad)?;
    if integrity != "ok" {
        return Err(file_err(
            path,
            format!("the backup is damaged ({integrity}); nothing was changed"),
        ));
    }
    let count = |table: &str| -> Result<i64> {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .map_err(bad)
    };
    Ok(BackupCheck {
        version,
        clients: count("client")?,
        sessions: count("session")?,
    })
}

/// The `-wal` and `-shm` files beside a database.
fn sidecars(path: &Path) -> [PathBuf; 2] {
    let s = path.as_os_str().to_owned();
    let mut wal = s.clone();
    wal.push("-wal");
    let mut shm = s;
    shm.push("-shm");
    [PathBuf::from(wal), PathBuf::from(shm)]
}

/// A temporary name beside `path` (same folder, so the final rename is atomic).
fn beside(path: &Path, tag: &str) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "records".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.{tag}-{}", std::process::id()))
}

impl Store {
    /// The key the records were opened with.
    pub fn key(&self) -> Key {
        self.key.clone()
    }

    /// Whether `passphrase` is the one in use (empty: the records have none).
    pub fn key_is(&self, passphrase: &str) -> bool {
        match &self.key {
            Key::None => passphrase.is_empty(),
            Key::Passphrase(p) => p == passphrase,
        }
    }

    /// Whether the file is encrypted.
    pub fn is_encrypted(&self) -> bool {
        matches!(self.key, Key::Passphrase(_))
    }

    /// Write a consistent copy of the records to `dest` while they stay open: SQLite's online
    /// backup into a file beside `dest` with the same key, checked, then renamed into place. A
    /// crash leaves `dest` as it was (never half a backup under its name).
    pub fn backup_to(&mut self, dest: &Path) -> Result<BackupCheck> {
        let tmp = beside(dest, "partial");
        let _ = std::fs::remove_file(&tmp);
        let result = (|| {
            let mut out = Connection::open(&tmp).map_err(|e| file_err(dest, explain(dest, &e)))?;
            if let Key::Passphrase(p) = &self.key {
                set_key(&out, p).map_err(|e| file_err(dest, explain(dest, &e)))?;
            }
            {
                let backup = rusqlite::backup::Backup::new(&self.conn, &mut out)
                    .map_err(|e| file_err(dest, explain(dest, &e)))?;
                backup
                    .run_to_completion(256, std::time::Duration::ZERO, None)
                    .map_err(|e| file_err(dest, explain(dest, &e)))?;
            }
            // A backup is one file: no write-ahead log beside it.
            out.pragma_update(None, "journal_mode", "DELETE")
                .map_err(|e| file_err(dest, explain(dest, &e)))?;
            drop(out);
            let check = check_backup(&tmp, &self.key)?;
            sync_file(&tmp)?;
            std::fs::rename(&tmp, dest)
                .map_err(|e| file_err(dest, format!("could not write the backup: {e}")))?;
            Ok(check)
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        let check = result?;
        self.conn
            .execute(
                "INSERT INTO meta (key, value) VALUES ('last_backup', ?1), ('backup_mark', ?2) \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![date::stamp(date::now_secs()), self.change_mark()?],
            )
            .map_err(|e| self.sql(e))?;
        Ok(check)
    }

    /// A summary that changes whenever records are added or changed (row counts and the
    /// newest ids, stamps and note lengths).
    fn change_mark(&self) -> Result<String> {
        self.conn
            .query_row(
                "SELECT (SELECT count(*) || '.' || ifnull(max(id), 0) FROM client) || ',' || \
                 (SELECT count(*) || '.' || ifnull(max(id), 0) || '.' || \
                  ifnull(sum(length(subjective) + length(objective) + length(assessment) + \
                  length(plan_note) + length(plan_ron)), 0) || '.' || \
                  ifnull(max(signed_at), '') FROM session) || ',' || \
                 (SELECT count(*) FROM score) || ',' || (SELECT count(*) FROM followup) || ',' || \
                 (SELECT count(*) FROM addendum) || ',' || (SELECT count(*) FROM finding) || ',' \
                 || (SELECT count(*) FROM photo) || ',' || (SELECT count(*) FROM step_record)",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.sql(e))
    }

    /// When the records were last backed up (`None`: never).
    pub fn last_backup(&self) -> Result<Option<String>> {
        self.meta("last_backup")
    }

    fn meta(&self, key: &str) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        self.conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(|e| self.sql(e))
    }

    /// Whether to remind the therapist to back up: there are records, they changed since the
    /// last backup, and that backup is over [`BACKUP_REMINDER_DAYS`] old (or there is none).
    pub fn backup_due(&self) -> Result<bool> {
        let clients: i64 = self
            .conn
            .query_row("SELECT count(*) FROM client", [], |r| r.get(0))
            .map_err(|e| self.sql(e))?;
        if clients == 0 {
            return Ok(false);
        }
        let Some(last) = self.last_backup()? else {
            return Ok(true);
        };
        let changed = self.meta("backup_mark")?.as_deref() != Some(self.change_mark()?.as_str());
        let day = date::parse(last.get(..10).unwrap_or("")).unwrap_or(0);
        Ok(changed && date::today() - day > BACKUP_REMINDER_DAYS)
    }

    /// Change the passphrase, add one to an unencrypted file, or (`Key::None`) remove it. The
    /// records are written afresh under the new key beside the file, checked, and renamed over
    /// it; the old file stays until then.
    pub fn rekey(self, new: &Key) -> Result<Store> {
        if let Key::Passphrase(p) = new
            && p.is_empty()
        {
            return Err(RecordsError::Invalid(
                "a passphrase cannot be empty (choose \"no passphrase\" instead)".to_owned(),
            ));
        }
        let path = self.path.clone();
        let tmp = beside(&path, "rekey");
        let _ = std::fs::remove_file(&tmp);
        let new_key = match new {
            Key::None => String::new(),
            Key::Passphrase(p) => p.clone(),
        };
        let export = (|| {
            self.conn
                .execute(
                    "ATTACH DATABASE ?1 AS rekeyed KEY ?2",
                    params![tmp.to_string_lossy(), new_key],
                )
                .map_err(|e| self.sql(e))?;
            let r = self
                .conn
                .query_row("SELECT sqlcipher_export('rekeyed')", [], |_| Ok(()))
                .and_then(|()| {
                    self.conn.execute_batch(&format!(
                        "PRAGMA rekeyed.user_version = {VERSION}; \
                         PRAGMA rekeyed.application_id = {APPLICATION_ID};"
                    ))
                });
            let detach = self.conn.execute("DETACH DATABASE rekeyed", []);
            r.and(detach.map(drop)).map_err(|e| self.sql(e))
        })();
        if let Err(e) = export {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        if let Err(e) = check_backup(&tmp, new) {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        self.close()?;
        sync_file(&tmp)?;
        std::fs::rename(&tmp, &path)
            .map_err(|e| file_err(&path, format!("could not replace the records: {e}")))?;
        for s in sidecars(&path) {
            let _ = std::fs::remove_file(s);
        }
        Store::open_with(&path, new)
    }

    /// Checkpoint the write-ahead log into the file and close.
    pub fn close(self) -> Result<()> {
        let path = self.path.clone();
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .map_err(|e| file_err(&path, explain(&path, &e)))?;
        self.conn
            .close()
            .map_err(|(_, e)| file_err(&path, explain(&path, &e)))
    }

    /// Replace the records with a backup, opened with `key`: the backup is checked first (it
    /// opens, passes SQLite's integrity check, is a version this reads); the current file is
    /// kept aside as `…before-restore-<date>` until the restored one opens.
    pub fn restore_from(self, backup: &Path, key: &Key) -> Result<Store> {
        check_backup(backup, key)?;
        let path = self.path.clone();
        let tmp = beside(&path, "restore");
        std::fs::copy(backup, &tmp)
            .map_err(|e| file_err(backup, format!("could not read the backup: {e}")))?;
        sync_file(&tmp)?;
        let current_key = self.key.clone();
        self.close()?;
        let aside = path.with_file_name(format!(
            "{}.before-restore-{}",
            path.file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
            date::stamp(date::now_secs()).replace([' ', ':'], "-")
        ));
        std::fs::rename(&path, &aside).map_err(|e| {
            file_err(
                &path,
                format!("could not set the current records aside: {e}"),
            )
        })?;
        for s in sidecars(&path) {
            let _ = std::fs::remove_file(s);
        }
        let restored = std::fs::rename(&tmp, &path)
            .map_err(|e| file_err(&path, format!("could not put the backup in place: {e}")))
            .and_then(|()| Store::open_with(&path, key));
        match restored {
            Ok(store) => Ok(store),
            Err(e) => {
                // Put the records back as they were.
                let _ = std::fs::rename(&aside, &path);
                let _ = Store::open_with(&path, &current_key);
                Err(e)
            }
        }
    }

    /// Erase a client and everything about them: sessions (signed ones too), scores, notes,
    /// addenda, follow-ups, findings, photos. Deleted pages are overwritten (`secure_delete`),
    /// the file is vacuumed and the write-ahead log emptied, so nothing of theirs stays on disk.
    pub fn erase_client(&mut self, client: Id) -> Result<()> {
        self.client_details(client)?;
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| file_err(&path, explain(&path, &e)))?;
        let sessions = "(SELECT id FROM session WHERE client_id = ?1)";
        let statements = [
            "INSERT INTO erasing (client_id) VALUES (?1)".to_owned(),
            format!("DELETE FROM photo WHERE session_id IN {sessions}"),
            format!("DELETE FROM finding WHERE session_id IN {sessions}"),
            format!("DELETE FROM touch_test WHERE session_id IN {sessions}"),
            format!("DELETE FROM step_record WHERE session_id IN {sessions}"),
            format!(
                "DELETE FROM followup_score WHERE followup_id IN \
                 (SELECT id FROM followup WHERE session_id IN {sessions})"
            ),
            format!("DELETE FROM followup WHERE session_id IN {sessions}"),
            format!("DELETE FROM addendum WHERE session_id IN {sessions}"),
            format!("DELETE FROM score WHERE session_id IN {sessions}"),
            "DELETE FROM session WHERE client_id = ?1".to_owned(),
            "DELETE FROM client WHERE id = ?1".to_owned(),
            "DELETE FROM erasing".to_owned(),
        ];
        for sql in &statements {
            let n = sql.matches("?1").count();
            let r = if n == 0 {
                tx.execute(sql, [])
            } else {
                tx.execute(sql, [client])
            };
            r.map_err(|e| file_err(&path, explain(&path, &e)))?;
        }
        tx.commit()
            .map_err(|e| file_err(&path, explain(&path, &e)))?;
        self.conn
            .execute_batch("VACUUM; PRAGMA wal_checkpoint(TRUNCATE);")
            .map_err(|e| file_err(&path, explain(&path, &e)))?;
        Ok(())
    }
}

fn sync_file(path: &Path) -> Result<()> {
    std::fs::File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(|e| file_err(path, format!("could not write to disk: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strength_hints_follow_length_kinds_and_words() {
        assert_eq!(strength("short"), Strength::TooShort);
        assert_eq!(strength("abcdefgh"), Strength::Weak);
        assert_eq!(strength("abcdefghijkl"), Strength::Fair);
        assert_eq!(strength("correct horse battery staple"), Strength::Strong);
        assert_eq!(strength("Ünïcödé-pässwörd-2026"), Strength::Strong);
        assert_eq!(
            check_new_passphrase("abcdefgh", "abcdefgx"),
            Some("The two passphrases differ.")
        );
        assert_eq!(
            check_new_passphrase("abc", "abc"),
            Some("Use at least 8 characters.")
        );
        assert_eq!(check_new_passphrase("abcdefgh", "abcdefgh"), None);
    }

    #[test]
    fn the_file_state_is_read_from_the_header() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain.sqlite3");
        Store::open(&plain).unwrap();
        assert_eq!(file_state(&plain), FileState::Plain);
        let enc = dir.path().join("enc.sqlite3");
        Store::open_with(&enc, &Key::Passphrase("a long passphrase".into())).unwrap();
        assert_eq!(file_state(&enc), FileState::Encrypted);
        assert_eq!(file_state(&dir.path().join("none")), FileState::Missing);
    }
}
