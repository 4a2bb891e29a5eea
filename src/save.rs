//! Atomic writes: a temp file in the same folder, flushed, then renamed over the target, so a
//! failure never leaves a half-written or empty file where the old one was.

use std::io::Write;
use std::path::Path;

/// Writing a file failed; the previous file (if any) is untouched.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {path}: {source}")]
pub struct SaveError {
    /// The target path.
    pub path: String,
    /// What the OS said.
    #[source]
    pub source: std::io::Error,
}

/// How the temp file of an atomic write starts (it is hidden on Unix).
pub const TEMP_PREFIX: &str = ".reflexmap-";

/// How the temp file of an atomic write ends.
pub const TEMP_SUFFIX: &str = ".tmp";

/// Write `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// Write `path` atomically with a function that streams the contents into a temp file.
///
/// If `write` fails (or anything after it), the temp file is removed and `path` keeps its old
/// contents. Why a callback: tests inject a writer that fails half-way to prove exactly that.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), SaveError> {
    let err = |source| SaveError {
        path: path.display().to_string(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    // Why `tempfile_in(dir)`: a rename is only atomic within one file system.
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)
        .map_err(err)?;
    // Why: the temp file is created private (0600); a saved plan or PDF should keep the old
    // file's permissions, or get the usual ones for a new document.
    let permissions = match std::fs::metadata(path) {
        Ok(m) => Some(m.permissions()),
        Err(_) => default_permissions(),
    };
    if let Some(p) = permissions {
        tmp.as_file().set_permissions(p).map_err(err)?;
    }
    write(tmp.as_file_mut()).map_err(err)?;
    tmp.as_file_mut().flush().map_err(err)?;
    tmp.as_file().sync_all().map_err(err)?;
    // On error the returned temp file is dropped, which deletes it.
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}

/// Permissions for a new document: `rw-r--r--` on Unix; elsewhere the temp file's own
/// permissions are already the ordinary ones.
#[cfg(unix)]
fn default_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<std::fs::Permissions> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[cfg(unix)]
    #[test]
    fn new_files_get_document_permissions_and_old_ones_keep_theirs() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.pdf");
        write_atomic(&path, b"one").expect("write");
        let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o644);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        write_atomic(&path, b"two").expect("rewrite");
        assert_eq!(mode(&path), 0o600);
    }

    #[test]
    fn replaces_the_file_and_leaves_no_temp_behind() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.txt");
        write_atomic(&path, b"one").expect("first write");
        write_atomic(&path, b"two").expect("second write");
        assert_eq!(std::fs::read(&path).expect("read"), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 1);
    }

    #[test]
    fn a_missing_folder_is_an_error_naming_the_file() {
        let err = write_atomic(Path::new("/nonexistent-reflexmap/x/a.txt"), b"x").unwrap_err();
        assert!(err.to_string().contains("a.txt"), "{err}");
    }

    #[test]
    fn a_writer_failing_half_way_leaves_the_old_file_and_no_temp() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.txt");
        write_atomic(&path, b"the old contents").expect("first write");
        let err = write_atomic_with(&path, |w| {
            w.write_all(b"half of the new")?;
            Err(std::io::Error::other("disk full"))
        })
        .unwrap_err();
        assert!(err.to_string().contains("disk full"), "{err}");
        assert_eq!(std::fs::read(&path).expect("read"), b"the old contents");
        assert_eq!(names(dir.path()), ["a.txt"]);
    }

    #[test]
    fn a_parent_that_is_a_file_is_an_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("plain");
        std::fs::write(&file, b"x").expect("write");
        assert!(write_atomic(&file.join("a.txt"), b"y").is_err());
        assert_eq!(std::fs::read(&file).expect("read"), b"x");
    }

    #[test]
    fn a_target_that_is_a_folder_is_an_error_and_leaves_no_temp() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("folder");
        std::fs::create_dir(&target).expect("mkdir");
        std::fs::write(target.join("inside"), b"kept").expect("write");
        assert!(write_atomic(&target, b"y").is_err());
        assert_eq!(names(dir.path()), ["folder"]);
        assert_eq!(std::fs::read(target.join("inside")).expect("read"), b"kept");
    }
}
