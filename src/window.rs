//! The native window: eframe's options (size, icon, drag and drop) and the app inside.

use std::process::ExitCode;

use crate::app::ReflexApp;

/// Open the app window (the binary with no subcommand).
pub fn run_native() -> ExitCode {
    let icon =
        crate::export::icon_rgba(crate::assets::ICON_SVG, 128).map(|(rgba, size)| egui::IconData {
            rgba,
            width: size,
            height: size,
        });
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("reflexmap")
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([800.0, 500.0])
        .with_drag_and_drop(true);
    if let Some(icon) = icon {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    match eframe::run_native(
        "reflexmap",
        options,
        Box::new(|cc| Ok(Box::new(ReflexApp::new(cc)))),
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("reflexmap could not open a window: {e}");
            ExitCode::FAILURE
        }
    }
}
