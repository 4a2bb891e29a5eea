//! Which system file dialog rfd would open on this desktop, and opening it.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

use super::FileRequest;

/// The desktop's own file dialog that rfd will open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SystemDialog {
    /// The operating system's dialog (Windows, macOS).
    Os,
    /// xdg-desktop-portal's FileChooser over D-Bus.
    Portal,
    /// The `zenity` program.
    Zenity,
}

/// Which system dialog rfd would open, given a way to read environment variables.
///
/// Why these checks: rfd 0.17 as we build it (default features `xdg-portal` and `wayland`, no
/// `gtk3`) asks `org.freedesktop.portal.FileChooser` on the session bus through a `dlopen`ed
/// libdbus; if that fails it runs `zenity`; if that fails too it logs and returns `None`, the
/// same as Cancel. Asking the bus ourselves would block the UI and need a D-Bus client, so this
/// looks, on disk only, for what each step needs: for the portal a session bus, the service
/// file that lets D-Bus start `org.freedesktop.portal.Desktop`, and a portal backend that
/// implements `org.freedesktop.impl.portal.FileChooser` (without one the frontend starts but
/// has no file chooser); for zenity an executable on `PATH`. A flatpak sandbox always has the
/// portal.
pub fn find_system_dialog(env: impl Fn(&str) -> Option<OsString>) -> Option<SystemDialog> {
    if cfg!(any(target_os = "windows", target_os = "macos")) {
        return Some(SystemDialog::Os);
    }
    if portal_has_file_chooser(&env) {
        Some(SystemDialog::Portal)
    } else if zenity_on_path(&env) {
        Some(SystemDialog::Zenity)
    } else {
        None
    }
}

fn portal_has_file_chooser(env: &impl Fn(&str) -> Option<OsString>) -> bool {
    if env("FLATPAK_ID").is_some() {
        return true;
    }
    let set = |name: &str| env(name).filter(|v| !v.is_empty());
    let bus = set("DBUS_SESSION_BUS_ADDRESS").is_some()
        || set("XDG_RUNTIME_DIR").is_some_and(|d| Path::new(&d).join("bus").exists());
    if !bus {
        return false;
    }
    let dirs = data_dirs(env);
    let service = Path::new("dbus-1/services/org.freedesktop.portal.Desktop.service");
    dirs.iter().any(|d| d.join(service).is_file())
        && dirs
            .iter()
            .any(|d| has_file_chooser_backend(&d.join("xdg-desktop-portal/portals")))
}

/// `$XDG_DATA_HOME` (or `~/.local/share`) then `$XDG_DATA_DIRS` (or `/usr/local/share:/usr/share`).
fn data_dirs(env: &impl Fn(&str) -> Option<OsString>) -> Vec<PathBuf> {
    let set = |name: &str| env(name).filter(|v| !v.is_empty());
    let mut dirs = Vec::new();
    match set("XDG_DATA_HOME") {
        Some(d) => dirs.push(PathBuf::from(d)),
        None => dirs.extend(set("HOME").map(|h| Path::new(&h).join(".local/share"))),
    }
    let system = set("XDG_DATA_DIRS").unwrap_or_else(|| "/usr/local/share:/usr/share".into());
    dirs.extend(std::env::split_paths(&system));
    dirs
}

/// A `*.portal` file in `dir` whose `Interfaces=` line lists the FileChooser.
fn has_file_chooser_backend(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|e| {
        e.path().extension() == Some(OsStr::new("portal"))
            && std::fs::read_to_string(e.path()).is_ok_and(|text| {
                text.lines().any(|line| {
                    line.trim().strip_prefix("Interfaces=").is_some_and(|list| {
                        list.split(';')
                            .any(|i| i.trim() == "org.freedesktop.impl.portal.FileChooser")
                    })
                })
            })
    })
}

fn zenity_on_path(env: &impl Fn(&str) -> Option<OsString>) -> bool {
    env("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|d| is_executable(&d.join("zenity"))))
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}

/// The desktop's own dialog, as rfd shows it (blocking).
pub(super) fn pick_with_system(request: &FileRequest, start: Option<&Path>) -> Option<PathBuf> {
    let (name, extensions) = request.filter;
    let mut dialog = rfd::FileDialog::new()
        .set_title(&request.title)
        .add_filter(name, extensions);
    if let Some(dir) = start {
        dialog = dialog.set_directory(dir);
    }
    if let Some(file) = &request.suggested_name {
        dialog = dialog.set_file_name(file);
    }
    if request.save {
        dialog.save_file()
    } else {
        dialog.pick_file()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(path: &Path, bytes: usize) {
        std::fs::write(path, vec![b'x'; bytes]).expect("write");
    }

    /// An environment made of a map, for the detection.
    fn env_of(pairs: Vec<(&'static str, OsString)>) -> impl Fn(&str) -> Option<OsString> {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.clone())
        }
    }

    #[cfg(all(unix, not(target_os = "macos")))]
    #[test]
    fn the_system_dialog_is_found_from_portal_files_or_zenity() {
        use std::os::unix::fs::PermissionsExt;
        let root = tempfile::tempdir().expect("temp dir");
        let r = root.path();
        let share = r.join("share");
        let runtime = r.join("run");
        let bin = r.join("bin");
        for d in [
            &runtime,
            &bin,
            &share.join("dbus-1/services"),
            &share.join("xdg-desktop-portal/portals"),
        ] {
            std::fs::create_dir_all(d).expect("mkdir");
        }
        let base = || {
            vec![
                ("XDG_DATA_DIRS", share.clone().into_os_string()),
                ("XDG_DATA_HOME", r.join("nothing").into_os_string()),
                ("XDG_RUNTIME_DIR", runtime.clone().into_os_string()),
                ("PATH", bin.clone().into_os_string()),
            ]
        };
        // Nothing installed: no dialog (the case rfd reports as a cancel).
        assert_eq!(find_system_dialog(env_of(base())), None);
        // zenity on PATH, but not executable, then executable.
        let zenity = bin.join("zenity");
        touch(&zenity, 1);
        assert_eq!(find_system_dialog(env_of(base())), None);
        std::fs::set_permissions(&zenity, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        assert_eq!(
            find_system_dialog(env_of(base())),
            Some(SystemDialog::Zenity)
        );
        std::fs::remove_file(&zenity).expect("rm");
        // The portal: service file, a bus, and a backend with a file chooser are all needed.
        std::fs::write(
            share.join("dbus-1/services/org.freedesktop.portal.Desktop.service"),
            "[D-BUS Service]\nName=org.freedesktop.portal.Desktop\n",
        )
        .expect("write");
        assert_eq!(find_system_dialog(env_of(base())), None, "no backend yet");
        let portal = share.join("xdg-desktop-portal/portals/test.portal");
        std::fs::write(
            &portal,
            "[portal]\nInterfaces=org.freedesktop.impl.portal.Settings;\n",
        )
        .expect("write");
        assert_eq!(
            find_system_dialog(env_of(base())),
            None,
            "backend without a file chooser"
        );
        std::fs::write(
            &portal,
            "[portal]\nDBusName=x\nInterfaces=org.freedesktop.impl.portal.Settings;org.freedesktop.impl.portal.FileChooser;\n",
        )
        .expect("write");
        assert_eq!(find_system_dialog(env_of(base())), None, "no session bus");
        touch(&runtime.join("bus"), 0);
        assert_eq!(
            find_system_dialog(env_of(base())),
            Some(SystemDialog::Portal)
        );
        // A flatpak sandbox always has the portal.
        assert_eq!(
            find_system_dialog(env_of(vec![("FLATPAK_ID", "org.reflexmap".into())])),
            Some(SystemDialog::Portal)
        );
    }
}
