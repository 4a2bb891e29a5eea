//! Atomic writes: a temp file in the same folder, flushed, then renamed over the target, so a
//! failure never leaves a half-written or empty file where the old one was.

use std::io::Write as _;
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

/// Write `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let err = |source| SaveError {
        path: path.display().to_string(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".reflexmap-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(err)?;
    tmp.write_all(bytes).map_err(err)?;
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
