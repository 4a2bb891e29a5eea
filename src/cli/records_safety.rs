//! The records' passphrase on the command line (from `REFLEXMAP_PASSPHRASE` or a prompt that
//! does not echo, never an argument: arguments show in process lists and shell history), and
//! the safety commands: backup, restore, export-all, erase, rekey, check.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::Subcommand;

use crate::records::privacy::{self, FileState};
use crate::records::{Id, Key, Store};

/// The variable the passphrase is read from.
pub const PASSPHRASE_VAR: &str = "REFLEXMAP_PASSPHRASE";
/// The variable `rekey` reads the new passphrase from.
pub const NEW_PASSPHRASE_VAR: &str = "REFLEXMAP_NEW_PASSPHRASE";

/// `reflexmap records backup|restore|export-all|erase|rekey|check`.
#[derive(Debug, Subcommand)]
pub enum SafetyCommand {
    /// Write a consistent, still encrypted copy of the records (works while the app is open).
    Backup {
        /// The backup file to write.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Replace the records with a backup, after checking it (the current file is kept aside).
    Restore {
        /// The backup file.
        file: PathBuf,
    },
    /// Write everything about a client into a new folder: record, report, CSV files, photos.
    ExportAll {
        /// The client's id.
        id: Id,
        /// The folder to create.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Erase a client and everything about them, signed sessions included.
    Erase {
        /// The client's id.
        id: Id,
        /// Confirm: erasure cannot be undone.
        #[arg(long)]
        yes: bool,
    },
    /// Change the passphrase (the new one from REFLEXMAP_NEW_PASSPHRASE or a prompt).
    Rekey {
        /// Remove the passphrase instead (only on a computer with an encrypted disk).
        #[arg(long)]
        no_passphrase: bool,
    },
    /// Check the records: SQLite's integrity check, the records version, encryption.
    Check,
}

type Fail = String;

/// Read a passphrase from the terminal without echoing it.
fn prompt(text: &str) -> Result<String, Fail> {
    if !std::io::stdin().is_terminal() {
        return Err(format!(
            "the records are encrypted, or this is not a reflexmap records file at all: set \
             {PASSPHRASE_VAR}, or run this in a terminal to be asked for the passphrase (the \
             file was left as it is)"
        ));
    }
    eprint!("{text}");
    let _echo = NoEcho::new();
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|e| format!("could not read the passphrase: {e}"))?;
    eprintln!();
    Ok(line.trim_end_matches(['\n', '\r']).to_owned())
}

/// Terminal echo off while alive (unix); elsewhere nothing.
struct NoEcho {
    #[cfg(unix)]
    saved: Option<libc::termios>,
}

impl NoEcho {
    fn new() -> Self {
        #[cfg(unix)]
        {
            // SAFETY: termios calls on stdin with a zeroed struct they fill in.
            unsafe {
                let mut t: libc::termios = std::mem::zeroed();
                if libc::tcgetattr(0, &mut t) == 0 {
                    let saved = t;
                    t.c_lflag &= !libc::ECHO;
                    libc::tcsetattr(0, libc::TCSANOW, &t);
                    return Self { saved: Some(saved) };
                }
            }
            Self { saved: None }
        }
        #[cfg(not(unix))]
        Self {}
    }
}

impl Drop for NoEcho {
    fn drop(&mut self) {
        #[cfg(unix)]
        if let Some(t) = self.saved {
            // SAFETY: restoring the settings read in `new`.
            unsafe {
                libc::tcsetattr(0, libc::TCSANOW, &t);
            }
        }
    }
}

fn from_env(var: &str) -> Result<Option<String>, Fail> {
    match std::env::var(var) {
        Ok(p) if p.is_empty() => Err(format!(
            "{var} is set but empty: a passphrase cannot be empty"
        )),
        Ok(p) => Ok(Some(p)),
        Err(_) => Ok(None),
    }
}

/// The key for the records at `db`: none for an unencrypted file; for an encrypted one the
/// passphrase from the environment or a prompt. A new file is encrypted when a passphrase is
/// given (or typed twice at a prompt); with neither it is created without one, and said so.
pub fn key_for(db: &Path) -> Result<Key, Fail> {
    match privacy::file_state(db) {
        FileState::Plain => Ok(Key::None),
        FileState::Encrypted => match from_env(PASSPHRASE_VAR)? {
            Some(p) => Ok(Key::Passphrase(p)),
            None => prompt("Passphrase of the records: ")
                .map(Key::Passphrase)
                .map_err(|e| format!("{}: {e}", db.display())),
        },
        FileState::Missing => match from_env(PASSPHRASE_VAR)? {
            Some(p) => new_passphrase_ok(p).map(Key::Passphrase),
            None if std::io::stdin().is_terminal() => {
                let p = prompt("New passphrase for the records: ")?;
                let again = prompt("The same passphrase again: ")?;
                if let Some(why) = privacy::check_new_passphrase(&p, &again) {
                    return Err(why.to_owned());
                }
                Ok(Key::Passphrase(p))
            }
            None => {
                eprintln!(
                    "note: {} is new and is created without a passphrase (set {PASSPHRASE_VAR} \
                     to encrypt it, or run `reflexmap records rekey` later)",
                    db.display()
                );
                Ok(Key::None)
            }
        },
    }
}

fn new_passphrase_ok(p: String) -> Result<String, Fail> {
    match privacy::check_new_passphrase(&p, &p) {
        Some(why) => Err(why.to_owned()),
        None => Ok(p),
    }
}

fn open(db: &Path) -> Result<Store, Fail> {
    if !db.exists() {
        return Err(format!("{}: there are no records here yet", db.display()));
    }
    Store::open_with(db, &key_for(db)?).map_err(|e| e.to_string())
}

/// Carry out a safety command.
pub fn run(db: &Path, command: SafetyCommand) -> Result<(), Fail> {
    match command {
        SafetyCommand::Backup { output } => {
            let mut store = open(db)?;
            let check = store.backup_to(&output).map_err(|e| e.to_string())?;
            println!(
                "wrote {} (backup of {} clients and {} sessions{})",
                output.display(),
                check.clients,
                check.sessions,
                if store.is_encrypted() {
                    ", encrypted with the records' passphrase"
                } else {
                    ", not encrypted: the records have no passphrase"
                }
            );
            Ok(())
        }
        SafetyCommand::Restore { file } => {
            let store = open(db)?;
            let key = if privacy::file_state(&file) == FileState::Plain {
                Key::None
            } else {
                store.key()
            };
            let check = privacy::check_backup(&file, &key).map_err(|e| e.to_string())?;
            store.restore_from(&file, &key).map_err(|e| e.to_string())?;
            println!(
                "restored {} clients and {} sessions from {} (the records as they were are kept \
                 beside {})",
                check.clients,
                check.sessions,
                file.display(),
                db.display()
            );
            Ok(())
        }
        SafetyCommand::ExportAll { id, output } => {
            let store = open(db)?;
            let rec = store.client(id).map_err(|e| e.to_string())?;
            let content = crate::load::embedded_content().map_err(|p| p.to_string())?;
            let files = crate::records::export_all::export_all(
                &store,
                &rec,
                &output,
                &content.library,
                &content.chart,
            )?;
            println!(
                "wrote {} files about client {id} into {} (they hold health data: hand them only \
                 to the client or whom they ask)",
                files.len(),
                output.display()
            );
            Ok(())
        }
        SafetyCommand::Erase { id, yes } => {
            if !yes {
                return Err(format!(
                    "erasing client {id} cannot be undone: add --yes to confirm (nothing was \
                     changed)"
                ));
            }
            let mut store = open(db)?;
            store.erase_client(id).map_err(|e| e.to_string())?;
            println!(
                "erased client {id} and everything about them, signed sessions included \
                 (erasure on request comes before keeping a signed record; earlier backups \
                 still hold them)"
            );
            Ok(())
        }
        SafetyCommand::Rekey { no_passphrase } => {
            let store = open(db)?;
            let new = if no_passphrase {
                Key::None
            } else {
                let p = match from_env(NEW_PASSPHRASE_VAR)? {
                    Some(p) => p,
                    None => {
                        let p = prompt("New passphrase: ")?;
                        let again = prompt("The same passphrase again: ")?;
                        if let Some(why) = privacy::check_new_passphrase(&p, &again) {
                            return Err(why.to_owned());
                        }
                        p
                    }
                };
                Key::Passphrase(new_passphrase_ok(p)?)
            };
            let encrypted = matches!(new, Key::Passphrase(_));
            store.rekey(&new).map_err(|e| e.to_string())?;
            println!(
                "{}",
                if encrypted {
                    "the records are encrypted with the new passphrase (keep it safe: it cannot \
                     be recovered)"
                } else {
                    "the passphrase was removed: the records are no longer encrypted"
                }
            );
            Ok(())
        }
        SafetyCommand::Check => {
            let store = open(db)?;
            let integrity = store.integrity_check().map_err(|e| e.to_string())?;
            let version = store.version().map_err(|e| e.to_string())?;
            let clients = store.list_clients().map_err(|e| e.to_string())?.len();
            println!("integrity: {integrity}");
            println!("records version: {version}");
            println!(
                "encrypted: {}",
                if store.is_encrypted() {
                    "yes (SQLCipher)"
                } else {
                    "no"
                }
            );
            println!("clients: {clients}");
            match store.last_backup().map_err(|e| e.to_string())? {
                Some(at) => println!("last backup: {at}"),
                None => println!("last backup: never"),
            }
            if integrity == "ok" {
                Ok(())
            } else {
                Err("the records file is damaged: restore a backup".to_owned())
            }
        }
    }
}
