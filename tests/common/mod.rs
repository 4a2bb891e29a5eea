//! One harness builder for every UI test: fixed size, theme and snapshot tolerance.

#![allow(dead_code)]

use egui_kittest::{Harness, SnapshotOptions};
use reflexmap::app::{ReflexApp, Settings, ThemeChoice};
use reflexmap::load::embedded_content;

/// Window size of every UI test and snapshot.
pub const SIZE: [f32; 2] = [1280.0, 800.0];

/// Snapshot tolerance: loose enough for Mesa's llvmpipe and lavapipe, tight enough that a
/// missing zone or panel fails.
pub fn snapshot_options() -> SnapshotOptions {
    SnapshotOptions::new()
        .threshold(2.0)
        .max_failed_pixels(4000)
}

/// The real app with the embedded content, light theme, default settings.
pub fn harness() -> Harness<'static, ReflexApp> {
    harness_with(Settings {
        theme: ThemeChoice::Light,
        ..Settings::default()
    })
}

/// The real app with given settings.
pub fn harness_with(settings: Settings) -> Harness<'static, ReflexApp> {
    let content = embedded_content().expect("embedded content loads");
    let mut harness = Harness::builder()
        .with_size(SIZE)
        .with_theme(egui::Theme::Light)
        .with_options(snapshot_options())
        .with_max_steps(12)
        .build_eframe(move |cc| ReflexApp::with_content(&cc.egui_ctx, content, settings));
    harness.run();
    harness
}

/// Run the reflexmap binary with arguments and collect its output.
pub fn reflexmap(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_reflexmap"))
        .args(args)
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
