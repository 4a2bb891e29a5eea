//! A folder as the chooser shows it, and what a typed name means there (no egui here).

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

/// A shortcut in the chooser's Places list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The name shown (and read by screen readers).
    pub name: String,
    /// The folder.
    pub path: PathBuf,
}

impl Place {
    /// Home, Documents and Desktop, where the system has them.
    pub fn user_folders() -> Vec<Place> {
        let Some(user) = directories::UserDirs::new() else {
            return Vec::new();
        };
        let home = user.home_dir().to_path_buf();
        // Why the fallbacks: without xdg-user-dirs' config `UserDirs` knows no Documents or
        // Desktop, although most homes have those folders.
        let or_in_home = |dir: Option<&Path>, name: &str| {
            dir.map(Path::to_path_buf)
                .or_else(|| Some(home.join(name)).filter(|p| p.is_dir()))
        };
        let mut places = vec![Place {
            name: "Home".into(),
            path: home.clone(),
        }];
        for (name, dir) in [
            ("Documents", or_in_home(user.document_dir(), "Documents")),
            ("Desktop", or_in_home(user.desktop_dir(), "Desktop")),
        ] {
            if let Some(path) = dir.filter(|p| *p != home) {
                places.push(Place {
                    name: name.into(),
                    path,
                });
            }
        }
        places
    }
}

/// One row of a folder listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Entry {
    /// The name as the file system has it (joined onto the folder).
    pub(super) file_name: OsString,
    /// The name as shown.
    pub(super) name: String,
    pub(super) is_dir: bool,
    /// Size in bytes (files only).
    pub(super) size: Option<u64>,
}

/// The visible entries of `dir`: folders first, then files of the filter's types, each group
/// sorted by name ignoring case. Hidden entries (a leading dot) and broken links are left out.
pub(super) fn list_dir(dir: &Path, extensions: &[&str]) -> std::io::Result<Vec<Entry>> {
    let mut entries = Vec::new();
    for item in std::fs::read_dir(dir)?.flatten() {
        let file_name = item.file_name();
        let name = file_name.to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        // Why `metadata` (it follows links): a link to a folder should open like a folder.
        let Ok(meta) = std::fs::metadata(item.path()) else {
            continue;
        };
        if meta.is_dir() || matches_filter(&name, extensions) {
            entries.push(Entry {
                file_name,
                name,
                is_dir: meta.is_dir(),
                size: (!meta.is_dir()).then_some(meta.len()),
            });
        }
    }
    entries.sort_by(|a, b| {
        b.is_dir
            .cmp(&a.is_dir)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
            .then_with(|| a.name.cmp(&b.name))
    });
    Ok(entries)
}

/// Whether a file name has one of the extensions (ignoring case); `"*"` or none match all.
fn matches_filter(name: &str, extensions: &[&str]) -> bool {
    if extensions.is_empty() || extensions.contains(&"*") {
        return true;
    }
    Path::new(name)
        .extension()
        .and_then(OsStr::to_str)
        .is_some_and(|ext| extensions.iter().any(|e| e.eq_ignore_ascii_case(ext)))
}

/// A typed file name with the filter's first extension added when it has none of them.
fn with_extension(name: &str, extensions: &[&str]) -> String {
    match extensions.first() {
        Some(ext) if *ext != "*" && !matches_filter(name, extensions) => format!("{name}.{ext}"),
        _ => name.to_owned(),
    }
}

/// Where a typed name points: relative to `dir`, absolute as typed, `~` for home.
fn resolve(dir: &Path, typed: &str, home: Option<&Path>) -> PathBuf {
    let typed = typed.trim();
    if let Some(home) = home {
        if typed == "~" {
            return home.to_path_buf();
        }
        if let Some(rest) = typed.strip_prefix("~/") {
            return home.join(rest);
        }
    }
    dir.join(typed)
}

/// What Save does with a typed name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum SaveTarget {
    /// Nothing typed.
    Empty,
    /// The name is a folder: go there.
    Folder(PathBuf),
    /// A new file.
    New(PathBuf),
    /// A file that exists: ask before replacing it.
    Existing(PathBuf),
    /// The folder it would go in does not exist.
    NoFolder(PathBuf),
}

pub(super) fn save_target(
    dir: &Path,
    typed: &str,
    extensions: &[&str],
    home: Option<&Path>,
) -> SaveTarget {
    if typed.trim().is_empty() {
        return SaveTarget::Empty;
    }
    let path = resolve(dir, typed, home);
    if path.is_dir() {
        return SaveTarget::Folder(path);
    }
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return SaveTarget::Empty;
    };
    let path = path.with_file_name(with_extension(&name, extensions));
    match path.parent() {
        Some(parent) if !parent.is_dir() => SaveTarget::NoFolder(parent.to_path_buf()),
        _ if path.exists() => SaveTarget::Existing(path),
        _ => SaveTarget::New(path),
    }
}

/// The first part of a suggested name, selected so typing replaces it but keeps the extension.
pub(super) fn stem_chars(name: &str) -> usize {
    match name.find('.') {
        Some(i) if i > 0 => name[..i].chars().count(),
        _ => name.chars().count(),
    }
}

/// A file size for people: `812 bytes`, `4.2 KB`, `1.3 MB`.
pub(super) fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1000 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64 / 1000.0;
    let mut unit = 0;
    while value >= 999.95 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// Why a folder could not be listed, in words.
pub(super) fn describe_list_error(dir: &Path, e: &std::io::Error) -> String {
    let reason = match e.kind() {
        std::io::ErrorKind::PermissionDenied => "you do not have permission to read it".to_owned(),
        std::io::ErrorKind::NotFound => "it does not exist".to_owned(),
        _ => e.to_string(),
    };
    format!("Cannot open the folder {}: {reason}.", dir.display())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(path: &Path, bytes: usize) {
        std::fs::write(path, vec![b'x'; bytes]).expect("write");
    }

    #[test]
    fn a_listing_has_folders_first_then_matching_files_by_name() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        for f in ["zeta", "Alpha", "beta"] {
            std::fs::create_dir(d.join(f)).expect("mkdir");
        }
        std::fs::create_dir(d.join(".hidden")).expect("mkdir");
        touch(&d.join("b.plan.ron"), 10);
        touch(&d.join("A.RON"), 2000);
        touch(&d.join("notes.txt"), 1);
        touch(&d.join(".reflexmap-x.tmp"), 1);
        let entries = list_dir(d, &["ron"]).expect("list");
        let names: Vec<(&str, bool)> = entries
            .iter()
            .map(|e| (e.name.as_str(), e.is_dir))
            .collect();
        assert_eq!(
            names,
            [
                ("Alpha", true),
                ("beta", true),
                ("zeta", true),
                ("A.RON", false),
                ("b.plan.ron", false)
            ]
        );
        assert_eq!(entries[3].size, Some(2000));
        assert_eq!(entries[0].size, None);
        let all = list_dir(d, &["*"]).expect("list");
        assert_eq!(all.len(), 6, "everything but the hidden ones");
    }

    #[cfg(unix)]
    #[test]
    fn links_to_folders_are_folders_and_broken_links_are_left_out() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        std::fs::create_dir(d.join("real")).expect("mkdir");
        std::os::unix::fs::symlink(d.join("real"), d.join("link")).expect("link");
        std::os::unix::fs::symlink(d.join("gone"), d.join("broken.ron")).expect("link");
        let entries = list_dir(d, &["ron"]).expect("list");
        let names: Vec<(&str, bool)> = entries
            .iter()
            .map(|e| (e.name.as_str(), e.is_dir))
            .collect();
        assert_eq!(names, [("link", true), ("real", true)]);
    }

    #[test]
    fn a_missing_folder_is_an_error_in_words() {
        let dir = tempfile::tempdir().expect("temp dir");
        let gone = dir.path().join("gone");
        let err = list_dir(&gone, &["ron"]).unwrap_err();
        let text = describe_list_error(&gone, &err);
        assert!(
            text.contains("does not exist") && text.contains("gone"),
            "{text}"
        );
    }

    #[test]
    fn the_extension_is_added_only_when_missing() {
        assert_eq!(with_extension("client", &["pdf"]), "client.pdf");
        assert_eq!(with_extension("client.pdf", &["pdf"]), "client.pdf");
        assert_eq!(with_extension("client.PDF", &["pdf"]), "client.PDF");
        assert_eq!(with_extension("client.plan", &["ron"]), "client.plan.ron");
        assert_eq!(with_extension("x", &["*"]), "x");
    }

    #[test]
    fn typed_names_resolve_against_the_folder_or_home() {
        let dir = Path::new("/data/plans");
        let home = Some(Path::new("/home/ana"));
        assert_eq!(
            resolve(dir, " a.ron ", home),
            Path::new("/data/plans/a.ron")
        );
        assert_eq!(
            resolve(dir, "sub/a.ron", home),
            Path::new("/data/plans/sub/a.ron")
        );
        assert_eq!(resolve(dir, "/tmp/a.ron", home), Path::new("/tmp/a.ron"));
        assert_eq!(resolve(dir, "~/a.ron", home), Path::new("/home/ana/a.ron"));
        assert_eq!(resolve(dir, "~", home), Path::new("/home/ana"));
        assert_eq!(
            resolve(dir, "~/a.ron", None),
            Path::new("/data/plans/~/a.ron")
        );
    }

    #[test]
    fn save_targets_tell_new_existing_folder_and_missing_folder_apart() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        std::fs::create_dir(d.join("sub")).expect("mkdir");
        touch(&d.join("old.pdf"), 3);
        let t = |typed: &str| save_target(d, typed, &["pdf"], None);
        assert_eq!(t("  "), SaveTarget::Empty);
        assert_eq!(t("new"), SaveTarget::New(d.join("new.pdf")));
        assert_eq!(t("old"), SaveTarget::Existing(d.join("old.pdf")));
        assert_eq!(t("old.pdf"), SaveTarget::Existing(d.join("old.pdf")));
        assert_eq!(t("sub"), SaveTarget::Folder(d.join("sub")));
        assert_eq!(t("sub/x"), SaveTarget::New(d.join("sub/x.pdf")));
        assert_eq!(t("nope/x"), SaveTarget::NoFolder(d.join("nope")));
    }

    #[test]
    fn the_stem_is_the_part_before_the_first_dot() {
        assert_eq!(stem_chars("client.plan.ron"), 6);
        assert_eq!(stem_chars("ünï.pdf"), 3);
        assert_eq!(stem_chars(".hidden"), 7);
        assert_eq!(stem_chars("plain"), 5);
    }

    #[test]
    fn sizes_read_like_a_file_manager() {
        assert_eq!(human_size(0), "0 bytes");
        assert_eq!(human_size(999), "999 bytes");
        assert_eq!(human_size(1000), "1.0 KB");
        assert_eq!(human_size(4_200), "4.2 KB");
        assert_eq!(human_size(999_960), "1.0 MB");
        assert_eq!(human_size(1_300_000), "1.3 MB");
    }
}
