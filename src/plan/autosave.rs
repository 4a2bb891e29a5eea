//! Autosave of unsaved work in the app's data directory, offered back after a crash.

use std::path::{Path, PathBuf};

use crate::load::{self, Problems, SourceText};
use crate::save::SaveError;

use super::{Plan, parse_plan, save_plan};

/// The autosave file's name inside its directory.
pub const AUTOSAVE_FILE: &str = "autosave.plan.ron";

/// Where unsaved work goes. The UI writes every few seconds while the plan is dirty, clears
/// after a save or a deliberate discard, and reads at start to offer recovery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Autosave {
    dir: PathBuf,
}

impl Autosave {
    /// Autosave into `dir` (created on the first write). Tests pass a temp dir.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// The app's data directory (`~/.local/share/reflexmap` on Linux); `None` when the system
    /// has no home directory to put it in.
    pub fn default_location() -> Option<Self> {
        crate::data_dir::data_dir().map(Self::new)
    }

    /// The autosave file.
    pub fn path(&self) -> PathBuf {
        self.dir.join(AUTOSAVE_FILE)
    }

    /// Write the plan atomically, creating the directory if needed.
    ///
    /// A process killed in the middle of a write leaves its temp file behind (the autosave
    /// itself is intact: the rename never happened); the next write removes such leftovers so
    /// they cannot pile up crash after crash.
    pub fn write(&self, plan: &Plan) -> Result<(), SaveError> {
        std::fs::create_dir_all(&self.dir).map_err(|source| SaveError {
            path: self.dir.display().to_string(),
            source,
        })?;
        self.remove_leftover_temp_files();
        save_plan(&self.path(), plan)
    }

    /// The work to offer back at start: the autosaved plan if it can be read and holds
    /// something (steps or screening answers). A broken autosave offers nothing and stays on
    /// disk for the user to inspect.
    pub fn recoverable(&self) -> Option<Plan> {
        self.read()
            .and_then(Result::ok)
            .filter(|p| !p.steps.is_empty() || !p.screening.is_empty())
    }

    /// Best effort: temp files of interrupted writes ([`crate::save::TEMP_PREFIX`]…`.tmp`).
    fn remove_leftover_temp_files(&self) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with(crate::save::TEMP_PREFIX)
                && name.ends_with(crate::save::TEMP_SUFFIX)
            {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }

    /// The autosaved plan: `None` when there is none, an error when it cannot be read or parsed
    /// (the file is left in place for the user to inspect).
    pub fn read(&self) -> Option<Result<Plan, Problems>> {
        let path = self.path();
        if !path.exists() {
            return None;
        }
        Some(read_plan_file(&path))
    }

    /// Remove the autosave, best effort: a missing file is fine, and a file that cannot be
    /// removed only means recovery is offered once more. See [`Autosave::try_clear`].
    pub fn clear(&self) {
        let _ = self.try_clear();
    }

    /// Remove the autosave; a missing file is not an error.
    pub fn try_clear(&self) -> Result<(), SaveError> {
        let path = self.path();
        match std::fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(SaveError {
                path: path.display().to_string(),
                source,
            }),
        }
    }
}

fn read_plan_file(path: &Path) -> Result<Plan, Problems> {
    let text = load::read_text(path)?;
    let name = path.display().to_string();
    parse_plan(&SourceText {
        name: &name,
        text: &text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Answer;

    #[test]
    fn write_read_clear() {
        let dir = tempfile::tempdir().expect("temp dir");
        let a = Autosave::new(dir.path().join("data").join("reflexmap"));
        assert_eq!(a.read(), None);
        let mut plan = Plan {
            client_initials: "AB".into(),
            ..Plan::default()
        };
        plan.screening.insert("dvt_signs".into(), Answer::No);
        a.write(&plan).expect("write creates the folder");
        assert_eq!(a.read(), Some(Ok(plan.clone())));
        plan.notes = "second".into();
        a.write(&plan).expect("overwrite");
        assert_eq!(a.read(), Some(Ok(plan)));
        a.try_clear().expect("clear");
        assert_eq!(a.read(), None);
        a.try_clear().expect("clearing twice is fine");
        a.clear();
    }

    #[test]
    fn a_broken_autosave_is_an_error_and_stays() {
        let dir = tempfile::tempdir().expect("temp dir");
        let a = Autosave::new(dir.path());
        std::fs::write(a.path(), "(version: 1, session_minutes: ").expect("write");
        let err = a.read().expect("present").unwrap_err();
        assert!(err.to_string().contains(AUTOSAVE_FILE), "{err}");
        assert!(a.path().exists());
    }

    #[test]
    fn the_default_location_is_the_app_data_dir() {
        if let Some(a) = Autosave::default_location() {
            let p = a.path();
            assert!(p.ends_with(AUTOSAVE_FILE));
            assert!(
                p.to_string_lossy().to_lowercase().contains("reflexmap"),
                "{p:?}"
            );
        }
    }
}
