//! Who may read the records, and the therapist's duties as their keeper: the passphrase set on
//! first use (or "no passphrase" chosen explicitly), unlocking, locking (by hand or when idle:
//! every name and note is dropped from memory until the passphrase is entered again),
//! changing the passphrase, backup and checked restore, export of everything about a client,
//! and erasure on request.

use std::path::{Path, PathBuf};

use crate::model::Library;
use crate::records::privacy::{self, BackupCheck, FileState};
use crate::records::store::{Key, Store};

use super::{ClientsBook, Id, Screen};

/// Whether the records can be read now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Access {
    /// Clients has not been opened yet.
    #[default]
    Unopened,
    /// No records file yet: the therapist sets a passphrase (or chooses none) first.
    Setup,
    /// Locked: nothing about any client is in memory until the passphrase is entered.
    Locked,
    /// Open.
    Open,
}

/// What the privacy and safety controls ask for.
#[derive(Debug, Clone, PartialEq)]
pub enum AccessCommand {
    /// Create the records with this protection.
    SetUp(Key),
    /// Unlock with a passphrase (empty for records without one).
    Unlock(String),
    /// Lock now.
    Lock,
    /// Change the protection; `current` must be the passphrase in use.
    ChangeKey {
        /// The passphrase in use (empty when there is none).
        current: String,
        /// The new protection.
        new: Key,
    },
    /// Back up to a file.
    Backup(PathBuf),
    /// Check a backup before restoring it (with its passphrase when it differs).
    CheckRestore(PathBuf, Option<String>),
    /// Restore the backup checked last.
    ConfirmRestore,
    /// Forget the backup checked last.
    CancelRestore,
    /// Write everything about the open client into a new folder.
    ExportAll(PathBuf),
    /// Erase the open client (typed confirmation done on screen).
    Erase(Id),
}

/// A backup checked and waiting for "Restore".
#[derive(Debug, Clone, PartialEq)]
pub struct PendingRestore {
    /// The backup file.
    pub path: PathBuf,
    /// The key that opened it.
    pub key: Key,
    /// What it holds.
    pub check: BackupCheck,
}

impl ClientsBook {
    /// Look at the records file and open it when it needs no passphrase.
    pub(super) fn look(&mut self) {
        if self.store.is_some() || self.access == Access::Locked || self.access == Access::Setup {
            return;
        }
        let Some(path) = self.path.clone() else {
            self.failure = Some(
                "This computer has no home folder to keep records in, so Clients is not \
                 available. Explore, Plan and Study work as usual."
                    .to_owned(),
            );
            return;
        };
        match privacy::file_state(&path) {
            FileState::Missing => self.access = Access::Setup,
            FileState::Encrypted => self.access = Access::Locked,
            FileState::Plain => self.open_with(&path, &Key::None),
        }
    }

    fn open_with(&mut self, path: &Path, key: &Key) {
        match Store::open_with(path, key) {
            Ok(store) => {
                self.store = Some(store);
                self.failure = None;
                self.unlock_error = None;
                self.access = Access::Open;
                self.refresh_list();
                self.refresh_backup_due();
            }
            Err(e) if self.access == Access::Locked => self.unlock_error = Some(e.to_string()),
            Err(e) => self.failure = Some(e.to_string()),
        }
    }

    fn refresh_backup_due(&mut self) {
        self.backup_due = self
            .store
            .as_ref()
            .and_then(|s| s.backup_due().ok())
            .unwrap_or(false);
    }

    /// Drop every client's data from memory and close the file. Unlocking opens it again.
    pub fn lock(&mut self) {
        if self.store.is_none() {
            return;
        }
        if let Some(store) = self.store.take() {
            let _ = store.close();
        }
        self.list.clear();
        self.client = None;
        self.session = None;
        self.screen = Screen::List;
        self.notice = None;
        self.exported = None;
        self.pending_restore = None;
        self.access = Access::Locked;
    }

    /// Whether the open records have a passphrase.
    pub fn is_encrypted(&self) -> bool {
        self.store.as_ref().is_some_and(Store::is_encrypted)
    }

    pub(super) fn access_command(
        &mut self,
        command: AccessCommand,
        library: &Library,
        chart: &crate::model::Chart,
    ) -> Option<PathBuf> {
        let path = self.path.clone()?;
        match command {
            AccessCommand::SetUp(key) => {
                if self.access == Access::Setup {
                    self.access = Access::Unopened;
                    self.open_with(&path, &key);
                }
            }
            AccessCommand::Unlock(pass) => {
                let key = if privacy::file_state(&path) == FileState::Plain {
                    Key::None
                } else if pass.is_empty() {
                    self.unlock_error = Some("enter the passphrase".to_owned());
                    return None;
                } else {
                    Key::Passphrase(pass)
                };
                self.open_with(&path, &key);
            }
            AccessCommand::Lock => self.lock(),
            AccessCommand::ChangeKey { current, new } => {
                let store = self.store.take()?;
                if !store.key_is(&current) {
                    self.store = Some(store);
                    self.notice =
                        Some("the current passphrase is not right; nothing was changed".to_owned());
                    return None;
                }
                match store.rekey(&new) {
                    Ok(s) => {
                        self.store = Some(s);
                        self.notice = Some(match new {
                            Key::None => {
                                "The passphrase was removed: the records are no longer encrypted."
                                    .to_owned()
                            }
                            Key::Passphrase(_) => {
                                "The passphrase was changed. Keep it safe: it cannot be recovered."
                                    .to_owned()
                            }
                        });
                    }
                    Err(e) => {
                        self.notice = Some(e.to_string());
                        self.store = None;
                        self.access = Access::Unopened;
                        self.look();
                    }
                }
            }
            AccessCommand::Backup(dest) => {
                let result = self.store.as_mut()?.backup_to(&dest);
                match result {
                    Ok(check) => {
                        self.exported = Some(dest.clone());
                        self.notice = Some(format!(
                            "Backed up {} clients and {} sessions{}.",
                            check.clients,
                            check.sessions,
                            if self.is_encrypted() {
                                ", encrypted with the records' passphrase"
                            } else {
                                ""
                            }
                        ));
                        self.refresh_backup_due();
                        return Some(dest);
                    }
                    Err(e) => self.notice = Some(e.to_string()),
                }
            }
            AccessCommand::CheckRestore(file, pass) => {
                let key = match pass {
                    Some(p) => Key::Passphrase(p),
                    None => self.store.as_ref().map_or(Key::None, Store::key),
                };
                let key = if privacy::file_state(&file) == FileState::Plain {
                    Key::None
                } else {
                    key
                };
                match privacy::check_backup(&file, &key) {
                    Ok(check) => {
                        self.pending_restore = Some(PendingRestore {
                            path: file,
                            key,
                            check,
                        });
                        self.restore_needs_passphrase = None;
                    }
                    Err(e) if e.to_string().contains(privacy::WRONG_PASSPHRASE) => {
                        self.restore_needs_passphrase = Some(file);
                        self.notice = Some(e.to_string());
                    }
                    Err(e) => {
                        self.restore_needs_passphrase = None;
                        self.notice = Some(e.to_string());
                    }
                }
            }
            AccessCommand::CancelRestore => {
                self.pending_restore = None;
                self.restore_needs_passphrase = None;
            }
            AccessCommand::ConfirmRestore => {
                let pending = self.pending_restore.take()?;
                let store = self.store.take()?;
                match store.restore_from(&pending.path, &pending.key) {
                    Ok(s) => {
                        self.store = Some(s);
                        self.client = None;
                        self.session = None;
                        self.screen = Screen::List;
                        self.refresh_list();
                        self.refresh_backup_due();
                        self.notice = Some(format!(
                            "Restored {} clients and {} sessions from {}. The records as they \
                             were are kept beside the records file.",
                            pending.check.clients,
                            pending.check.sessions,
                            pending.path.display()
                        ));
                    }
                    Err(e) => {
                        self.notice = Some(e.to_string());
                        self.access = Access::Unopened;
                        self.store = None;
                        self.look();
                        if self.access == Access::Locked {
                            self.open_with(&path, &pending.key);
                        }
                    }
                }
            }
            AccessCommand::ExportAll(dir) => {
                let rec = self.client.clone()?;
                let store = self.store.as_ref()?;
                match super::super::export_all::export_all(store, &rec, &dir, library, chart) {
                    Ok(files) => {
                        self.exported = Some(dir.clone());
                        self.notice = Some(format!(
                            "Wrote {} files about {} into {}. They hold health data: hand them \
                             only to the client or whom they ask.",
                            files.len(),
                            rec.details.name,
                            dir.display()
                        ));
                        return Some(dir);
                    }
                    Err(e) => self.notice = Some(e),
                }
            }
            AccessCommand::Erase(id) => {
                let result = self.store.as_mut()?.erase_client(id);
                match result {
                    Ok(()) => {
                        self.client = None;
                        self.session = None;
                        self.screen = Screen::List;
                        self.refresh_list();
                        self.notice = Some(
                            "The client and everything about them were erased, signed sessions \
                             included (erasure on request comes before keeping a signed record)."
                                .to_owned(),
                        );
                    }
                    Err(e) => self.notice = Some(e.to_string()),
                }
            }
        }
        None
    }
}
