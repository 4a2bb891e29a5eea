//! The app's data directory: where autosave, study progress and (later) records live.

use std::path::PathBuf;

/// The app's data directory (`~/.local/share/reflexmap` on Linux, the platform's usual place
/// elsewhere); `None` when the system has no home directory to put it in.
///
/// Why one function: every store must agree on the folder, or a user who backs up "the
/// reflexmap folder" misses some of their data.
pub fn data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "reflexmap", "reflexmap")
        .map(|d| d.data_dir().to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_dir_is_named_after_the_app() {
        if let Some(dir) = data_dir() {
            assert!(
                dir.to_string_lossy().to_lowercase().contains("reflexmap"),
                "{dir:?}"
            );
            assert!(dir.is_absolute(), "{dir:?}");
        }
    }

    #[test]
    fn autosave_and_study_progress_share_it() {
        let autosave = crate::plan::Autosave::default_location().map(|a| a.path());
        let progress = crate::study::ProgressStore::default_location().map(|p| p.path());
        let dir = data_dir();
        assert_eq!(autosave.as_deref().and_then(|p| p.parent()), dir.as_deref());
        assert_eq!(progress.as_deref().and_then(|p| p.parent()), dir.as_deref());
    }
}
