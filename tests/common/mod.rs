//! One harness builder for every UI test: fixed size, theme and snapshot tolerance; a test
//! that needs a progress store (or, later, a records database) adds it to the builder instead
//! of copying it. Plus helpers to run the CLI as a process.

#![allow(dead_code)]

use egui_kittest::{Harness, SnapshotOptions};
use reflexmap::app::{ReflexApp, Settings, ThemeChoice};
use reflexmap::load::embedded_content;
use reflexmap::records::book::ClientsBook;
use reflexmap::study::ProgressStore;
use reflexmap::ui::file_dialog::FileDialogs;
use reflexmap::ui::{Command, Mode};

/// The real app under test.
pub type AppHarness = Harness<'static, ReflexApp>;

/// Window size of every UI test and snapshot.
pub const SIZE: [f32; 2] = [1280.0, 800.0];

/// Snapshot tolerance, as tight as the software renderers allow. Measured on the committed
/// snapshots: lavapipe (Vulkan, what `.ci/run` installs) reproduces them exactly; Mesa's GL
/// fallback (`WGPU_BACKEND=gl`) differs in at most 15 anti-aliased edge pixels of a
/// 1280 × 800 frame, none by more than 0.6 in egui_kittest's per-pixel distance. A missing
/// label, zone or panel changes hundreds of pixels by far more.
pub fn snapshot_options() -> SnapshotOptions {
    SnapshotOptions::new().threshold(0.6).max_failed_pixels(64)
}

/// How to build the app for a test; start from [`new_harness`].
pub struct AppBuilder {
    settings: Settings,
    theme: egui::Theme,
    store: Option<ProgressStore>,
    dialogs: Option<FileDialogs>,
    clients: Option<ClientsBook>,
    study_clock: Option<reflexmap::records::runner::Clock>,
    size: [f32; 2],
}

/// The real app with the embedded content, light theme, default settings, no progress store
/// and no autosave.
pub fn new_harness() -> AppBuilder {
    AppBuilder {
        settings: Settings {
            theme: ThemeChoice::Light,
            ..Settings::default()
        },
        theme: egui::Theme::Light,
        store: None,
        dialogs: None,
        clients: None,
        study_clock: None,
        size: SIZE,
    }
}

impl AppBuilder {
    /// Start in this mode.
    pub fn mode(mut self, mode: Mode) -> Self {
        self.settings.mode = mode;
        self
    }

    /// Start with these settings (the theme stays as the builder sets it).
    pub fn settings(mut self, settings: Settings) -> Self {
        let theme = self.settings.theme;
        self.settings = Settings { theme, ..settings };
        self
    }

    /// Dark theme.
    pub fn dark(mut self) -> Self {
        self.settings.theme = ThemeChoice::Dark;
        self.theme = egui::Theme::Dark;
        self
    }

    /// Keep study progress in this store.
    pub fn progress_store(mut self, store: ProgressStore) -> Self {
        self.store = Some(store);
        self
    }

    /// Ask for files with these dialogs (the app's default in tests is an in-app chooser over
    /// the user's folders).
    pub fn file_dialogs(mut self, dialogs: FileDialogs) -> Self {
        self.dialogs = Some(dialogs);
        self
    }

    /// Keep client records in this book (a temporary file or an in-memory store).
    pub fn clients(mut self, book: ClientsBook) -> Self {
        self.clients = Some(book);
        self
    }

    /// Time exams with this clock (a fake one a test moves).
    pub fn study_clock(mut self, clock: reflexmap::records::runner::Clock) -> Self {
        self.study_clock = Some(clock);
        self
    }

    /// Another window size.
    pub fn size(mut self, size: [f32; 2]) -> Self {
        self.size = size;
        self
    }

    /// Build the harness and run it until the app settles.
    pub fn build(self) -> AppHarness {
        let content = embedded_content().expect("embedded content loads");
        let Self {
            settings,
            theme,
            store,
            dialogs,
            clients,
            study_clock,
            size,
        } = self;
        let mut harness = Harness::builder()
            .with_size(size)
            .with_theme(theme)
            .with_options(snapshot_options())
            .with_max_steps(12)
            .build_eframe(move |cc| {
                let mut app = ReflexApp::with_content(&cc.egui_ctx, content, settings);
                if let Some(store) = store {
                    app = app.with_progress_store(store);
                }
                if let Some(dialogs) = dialogs {
                    app = app.with_file_dialogs(dialogs);
                }
                if let Some(book) = clients {
                    app = app.with_clients(book);
                }
                if let Some(clock) = study_clock {
                    app = app.with_study_clock(clock);
                }
                app
            });
        harness.run();
        harness
    }
}

/// The real app with the embedded content, light theme, default settings.
pub fn harness() -> AppHarness {
    new_harness().build()
}

/// Carry out a command as if a view had returned it, then let the app settle.
pub fn apply(h: &mut AppHarness, command: Command) {
    let ctx = h.ctx.clone();
    h.state_mut().apply(&ctx, command);
    h.run();
}

/// Run the reflexmap binary with arguments and collect its output.
pub fn reflexmap(args: &[&str]) -> std::process::Output {
    // Why stdin null: a records command asks for a passphrase at a terminal; tests never type.
    std::process::Command::new(env!("CARGO_BIN_EXE_reflexmap"))
        .args(args)
        .stdin(std::process::Stdio::null())
        .env_remove("REFLEXMAP_PASSPHRASE")
        .output()
        .expect("the binary runs")
}

/// A process's standard output as text.
pub fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A process's standard error as text.
pub fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The neuropathy template with every screening question answered "no" (the plan the PDF
/// tests print).
pub fn neuropathy_plan(c: &reflexmap::load::Content) -> reflexmap::plan::Plan {
    let template = c.library.template("neuropathy_gentle").expect("template");
    let mut plan = reflexmap::plan::Plan::from_template(template);
    plan.client_initials = "AB".into();
    plan.date = "2025-03-14".into();
    for rule in &c.library.rules {
        plan.screening
            .insert(rule.id.clone(), reflexmap::plan::Answer::No);
    }
    plan
}

/// All the text of a PDF, in page order, as lopdf extracts it.
pub fn pdf_text(path: &std::path::Path) -> String {
    let doc = lopdf::Document::load(path).expect("a PDF");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).expect("text")
}
