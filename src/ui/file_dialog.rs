//! File dialogs for every caller (open and save plans, export PDFs, open charts): the desktop's
//! own dialog when it has one, otherwise an in-app chooser drawn with egui.
//!
//! Why a chooser of our own: on a Linux desktop without xdg-desktop-portal and without `zenity`,
//! rfd returns `None` exactly as for Cancel, so a menu item did nothing and said nothing.
//!
//! Why not a crate: egui-file-dialog 0.15 needs egui 0.36. egui_file 0.29 fits egui 0.37 and
//! brings only `dyn-clone`, but its window is not modal, it never asks before replacing a file,
//! has no Home / Documents / Desktop shortcuts, names its buttons by glyphs ("⬆", "⟲") and
//! leaves its text fields unnamed for screen readers, and prints some errors to stdout.

mod chooser;
mod folder;
mod system;

use std::path::{Path, PathBuf};

use chooser::{Chooser, Outcome};
pub use folder::Place;
pub use system::{SystemDialog, find_system_dialog};

/// What a picked file is for: the app routes the finished pick by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilePurpose {
    /// Open a plan file.
    OpenPlan,
    /// Save the plan under a new name.
    SavePlan,
    /// Save the plan under a new name, then close the window (asked when closing).
    SavePlanAndClose,
    /// Write the plan as a PDF.
    ExportPdf,
    /// Open a chart file.
    OpenChart,
    /// Write the open client's progress report as a PDF.
    ExportReport,
    /// Write a home diary sheet as a PDF.
    ExportDiarySheet,
    /// Write the open client's scores as CSV.
    ExportScoresCsv,
    /// Add a photo to the open session, of a finding or of the feet in general.
    AddPhoto(Option<crate::records::Id>),
    /// Write a backup of the records.
    BackupRecords,
    /// Choose a backup to restore.
    RestoreRecords,
    /// Name the folder for everything about the open client.
    ExportAll,
    /// Print Study mode's quiz or worksheet as a PDF.
    StudyPrint(crate::study::print::StudyPrint),
}

/// A file type: the name shown to the user and the extensions it accepts (without dots; the
/// first one is added to a typed name that has none of them; `"*"` accepts everything).
pub type FileFilter = (&'static str, &'static [&'static str]);

/// Plan files.
pub const PLAN_FILTER: FileFilter = ("reflexmap plan", &["ron"]);
/// Chart files.
pub const CHART_FILTER: FileFilter = ("reflexmap chart", &["ron"]);
/// PDF documents.
pub const PDF_FILTER: FileFilter = ("PDF document", &["pdf"]);
/// CSV tables.
pub const CSV_FILTER: FileFilter = ("CSV table", &["csv"]);
/// Records backups.
pub const BACKUP_FILTER: FileFilter = ("reflexmap records backup", &["backup"]);
/// A new folder (any name).
pub const FOLDER_FILTER: FileFilter = ("New folder", &["*"]);
/// Photos.
pub const PHOTO_FILTER: FileFilter = ("Photo (JPEG or PNG)", &["jpg", "jpeg", "png"]);

/// One request for a file, from a command. Use the constructors for the app's four purposes.
#[derive(Debug, Clone, PartialEq)]
pub struct FileRequest {
    /// What the file is for.
    pub purpose: FilePurpose,
    /// The dialog's title.
    pub title: String,
    /// The one file type offered.
    pub filter: FileFilter,
    /// The name to start with (save dialogs).
    pub suggested_name: Option<String>,
    /// A save dialog (asks before replacing a file) rather than an open one.
    pub save: bool,
    /// The folder to start in; else the last folder used, else Documents, else home.
    pub start_dir: Option<PathBuf>,
}

impl FileRequest {
    fn new(purpose: FilePurpose, title: &str, filter: FileFilter, save: bool) -> Self {
        Self {
            purpose,
            title: title.to_owned(),
            filter,
            suggested_name: None,
            save,
            start_dir: None,
        }
    }

    /// "Open plan": an existing `.ron` plan file.
    pub fn open_plan() -> Self {
        Self::new(FilePurpose::OpenPlan, "Open plan", PLAN_FILTER, false)
    }

    /// "Save plan": a plan file name, suggested from the plan.
    pub fn save_plan(suggested_name: impl Into<String>) -> Self {
        Self::new(FilePurpose::SavePlan, "Save plan", PLAN_FILTER, true)
            .named(suggested_name.into())
    }

    /// "Export PDF": a PDF file name, suggested from the plan.
    pub fn export_pdf(suggested_name: impl Into<String>) -> Self {
        Self::new(FilePurpose::ExportPdf, "Export PDF", PDF_FILTER, true)
            .named(suggested_name.into())
    }

    /// A client-records export: the report or diary sheet (PDF) or the scores (CSV).
    pub fn export_records(purpose: FilePurpose, suggested_name: impl Into<String>) -> Self {
        let (title, filter) = match purpose {
            FilePurpose::ExportReport => ("Save progress report", PDF_FILTER),
            FilePurpose::ExportDiarySheet => ("Save home diary sheet", PDF_FILTER),
            _ => ("Export scores", CSV_FILTER),
        };
        Self::new(purpose, title, filter, true).named(suggested_name.into())
    }

    /// Study mode's "Print quiz…" or "Print worksheet…": a PDF file name.
    pub fn study_print(what: crate::study::print::StudyPrint, suggested_name: String) -> Self {
        let title = match what {
            crate::study::print::StudyPrint::Quiz => "Print quiz",
            crate::study::print::StudyPrint::Worksheet => "Print worksheet",
        };
        Self::new(FilePurpose::StudyPrint(what), title, PDF_FILTER, true).named(suggested_name)
    }

    /// "Add photo": an existing JPEG or PNG.
    pub fn add_photo(finding: Option<crate::records::Id>) -> Self {
        Self::new(
            FilePurpose::AddPhoto(finding),
            "Add photo",
            PHOTO_FILTER,
            false,
        )
    }

    /// "Back up records": a backup file name.
    pub fn backup_records(suggested_name: impl Into<String>) -> Self {
        Self::new(
            FilePurpose::BackupRecords,
            "Back up records",
            BACKUP_FILTER,
            true,
        )
        .named(suggested_name.into())
    }

    /// "Restore records": an existing backup.
    pub fn restore_records() -> Self {
        Self::new(
            FilePurpose::RestoreRecords,
            "Restore records from a backup",
            BACKUP_FILTER,
            false,
        )
    }

    /// "Export everything": the name of a new folder.
    pub fn export_all(suggested_name: impl Into<String>) -> Self {
        Self::new(
            FilePurpose::ExportAll,
            "Export everything about this client (a new folder)",
            FOLDER_FILTER,
            true,
        )
        .named(suggested_name.into())
    }

    /// "Open chart": an existing `.ron` chart file.
    pub fn open_chart() -> Self {
        Self::new(FilePurpose::OpenChart, "Open chart", CHART_FILTER, false)
    }

    /// Start in this folder (e.g. the folder of the plan being saved).
    pub fn in_folder(mut self, dir: impl Into<PathBuf>) -> Self {
        self.start_dir = Some(dir.into());
        self
    }

    fn named(mut self, name: String) -> Self {
        self.suggested_name = Some(name);
        self
    }
}

/// Shown once when the in-app chooser stands in for a missing system dialog.
pub const NO_SYSTEM_DIALOG: &str = "No system file dialog was found (xdg-desktop-portal or \
zenity), so reflexmap shows its own file chooser.";

/// Setting this environment variable to `in-app` always uses reflexmap's own chooser (for a
/// desktop whose portal is installed but broken).
pub const FORCE_ENV: &str = "REFLEXMAP_FILE_DIALOG";

/// Which dialog serves the requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Backend {
    System,
    InApp,
}

/// The app's file dialogs: one per app, asked with [`FileDialogs::open`] after a command and
/// drawn (when in-app) with [`FileDialogs::ui`] every frame, which also hands back finished picks.
#[derive(Debug, Default)]
pub struct FileDialogs {
    /// Decided on the first request (the check reads a few folders).
    backend: Option<Backend>,
    /// The in-app chooser stands in because the system has no dialog (not because a test or
    /// [`FORCE_ENV`] asked for it).
    fallback: bool,
    places: Option<Vec<Place>>,
    last_dir: Option<PathBuf>,
    chooser: Option<Chooser>,
    finished: Option<FilePick>,
}

/// A file the user chose, and what for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilePick {
    /// The request's purpose.
    pub purpose: FilePurpose,
    /// The chosen file (for a save: the extension added when the user typed none).
    pub path: PathBuf,
}

impl FileDialogs {
    /// The system dialog when there is one, else the in-app chooser (decided on first use).
    pub fn new() -> Self {
        Self::default()
    }

    /// Always the in-app chooser (tests, and [`FORCE_ENV`]).
    pub fn in_app_only() -> Self {
        Self {
            backend: Some(Backend::InApp),
            ..Self::default()
        }
    }

    /// Use these Places instead of the user's Home, Documents and Desktop (tests).
    pub fn with_places(mut self, places: Vec<Place>) -> Self {
        self.places = Some(places);
        self
    }

    /// Ask for a file. A system dialog blocks until the user answers; the in-app chooser opens
    /// on the next frame. Either way the pick comes back from [`FileDialogs::ui`].
    pub fn open(&mut self, ctx: &egui::Context, request: FileRequest) {
        let backend = self.backend();
        let start = [request.start_dir.clone(), self.last_dir.clone()]
            .into_iter()
            .flatten()
            .find(|d| d.is_dir());
        match backend {
            Backend::System => {
                if let Some(path) = system::pick_with_system(&request, start.as_deref()) {
                    self.finish(request.purpose, path);
                }
            }
            Backend::InApp => {
                let places = self.places.get_or_insert_with(Place::user_folders).clone();
                self.chooser = Some(Chooser::new(request, start, places));
            }
        }
        ctx.request_repaint();
    }

    /// The backend, decided on the first call.
    fn backend(&mut self) -> Backend {
        if let Some(b) = self.backend {
            return b;
        }
        let forced = std::env::var_os(FORCE_ENV).is_some_and(|v| v == "in-app");
        let b = if forced {
            Backend::InApp
        } else if find_system_dialog(|name| std::env::var_os(name)).is_some() {
            Backend::System
        } else {
            self.fallback = true;
            Backend::InApp
        };
        self.backend = Some(b);
        b
    }

    /// Whether the in-app chooser is showing.
    pub fn is_open(&self) -> bool {
        self.chooser.is_some()
    }

    /// Draw the in-app chooser if one is open; return a finished pick (from either backend).
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<FilePick> {
        if let Some(chooser) = &mut self.chooser {
            match chooser.ui(ctx, self.fallback.then_some(NO_SYSTEM_DIALOG)) {
                Outcome::Showing => {}
                Outcome::Cancel => self.chooser = None,
                Outcome::Picked(path) => {
                    let purpose = chooser.request.purpose;
                    self.chooser = None;
                    self.finish(purpose, path);
                }
            }
        }
        self.finished.take()
    }

    fn finish(&mut self, purpose: FilePurpose, path: PathBuf) {
        self.last_dir = path.parent().map(Path::to_path_buf);
        self.finished = Some(FilePick { purpose, path });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chooser_asked_for_is_no_fallback_and_remembers_the_folder() {
        let ctx = egui::Context::default();
        let dir = tempfile::tempdir().expect("temp dir");
        let mut dialogs = FileDialogs::in_app_only().with_places(Vec::new());
        assert!(!dialogs.is_open());
        dialogs.open(&ctx, FileRequest::open_plan().in_folder(dir.path()));
        assert!(dialogs.is_open());
        assert!(
            !dialogs.fallback,
            "asked for, not standing in for a missing dialog"
        );
        let path = dir.path().join("a.plan.ron");
        dialogs.finish(FilePurpose::OpenPlan, path.clone());
        assert_eq!(dialogs.last_dir.as_deref(), Some(dir.path()));
        let pick = dialogs.finished.take();
        assert_eq!(
            pick.map(|p| (p.purpose, p.path)),
            Some((FilePurpose::OpenPlan, path))
        );
    }

    #[test]
    fn the_requests_name_their_purpose_type_and_name() {
        let save = FileRequest::save_plan("anna.plan.ron");
        assert_eq!((save.purpose, save.save), (FilePurpose::SavePlan, true));
        assert_eq!(save.suggested_name.as_deref(), Some("anna.plan.ron"));
        let pdf = FileRequest::export_pdf("anna.pdf");
        assert_eq!((pdf.filter, pdf.save), (PDF_FILTER, true));
        for open in [FileRequest::open_plan(), FileRequest::open_chart()] {
            assert!(!open.save && open.suggested_name.is_none(), "{open:?}");
            assert_eq!(open.filter.1, ["ron"]);
        }
    }
}
