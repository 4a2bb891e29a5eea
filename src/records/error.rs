//! What can go wrong with the records, explained in words a therapist can act on.

use std::path::{Path, PathBuf};

use rusqlite::ErrorCode;

use super::model::Id;

/// What went wrong with the records, in words a therapist can act on.
#[derive(Debug, thiserror::Error)]
pub enum RecordsError {
    /// The file could not be opened or read as a records database.
    #[error("{path}: {message}")]
    File {
        /// The database file.
        path: PathBuf,
        /// What is wrong and what to do.
        message: String,
    },
    /// Something asked for does not exist.
    #[error("{0}")]
    NotFound(String),
    /// A signed session was to be changed.
    #[error("session {0} is signed: it cannot be changed, only amended with an addendum")]
    Signed(Id),
    /// Input the records refuse.
    #[error("{0}")]
    Invalid(String),
    /// Anything else from SQLite, with the file it concerns.
    #[error("{path}: {message}")]
    Sql {
        /// The database file.
        path: PathBuf,
        /// SQLite's message, explained where it can be.
        message: String,
    },
}

/// The result of a records call.
pub type Result<T> = std::result::Result<T, RecordsError>;

/// Explain an SQLite failure on `path` in plain words.
pub(super) fn explain(path: &Path, e: &rusqlite::Error) -> String {
    let code = e.sqlite_error_code();
    match code {
        Some(ErrorCode::NotADatabase) => "this is not a reflexmap records file, or it is damaged \
             (it was left exactly as it is; restore a backup or open another file)"
            .to_owned(),
        Some(ErrorCode::DatabaseCorrupt) => "the records file is damaged (it was left exactly as \
             it is; restore a backup, and keep this copy for recovery)"
            .to_owned(),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => "the records are in use by \
             another reflexmap window or program; waited 5 seconds — close the other one and try \
             again"
            .to_owned(),
        Some(ErrorCode::ReadOnly) => "the records file or its folder is read-only, so nothing \
             could be saved (nothing was changed)"
            .to_owned(),
        Some(ErrorCode::CannotOpen) => {
            let dir = path.parent().map(Path::display);
            format!(
                "cannot open or create the records file (does the folder {} exist, and may \
                 reflexmap write there?)",
                dir.map_or_else(|| "?".to_owned(), |d| d.to_string())
            )
        }
        Some(ErrorCode::DiskFull) => {
            "the disk is full: the last change was not saved (earlier records are safe)".to_owned()
        }
        Some(ErrorCode::PermissionDenied) => "permission denied".to_owned(),
        Some(ErrorCode::ConstraintViolation) => match e {
            rusqlite::Error::SqliteFailure(_, Some(m)) => m.clone(),
            _ => "the records refused this change".to_owned(),
        },
        _ => e.to_string(),
    }
}

pub(super) fn self_sql(path: &Path, e: rusqlite::Error) -> RecordsError {
    if let rusqlite::Error::SqliteFailure(_, Some(m)) = &e
        && (m.starts_with("signed session") || m.contains("cannot be"))
    {
        return RecordsError::Invalid(format!("{m} (nothing was written)"));
    }
    RecordsError::Sql {
        path: path.to_owned(),
        message: explain(path, &e),
    }
}

pub(super) fn no_client(id: Id) -> RecordsError {
    RecordsError::NotFound(format!("there is no client {id}"))
}

pub(super) fn no_session(id: Id) -> RecordsError {
    RecordsError::NotFound(format!("there is no session {id}"))
}
