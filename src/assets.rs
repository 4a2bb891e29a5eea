//! Every file built into the binary: the standard chart, the library, the study drills, the
//! fonts and the window icon. Other modules name them through here, so one list says what the
//! app ships and which path each came from.

use crate::load::SourceText;

/// A text file of the repository, embedded, named by its path from the repository root (the
/// name problems are reported with).
macro_rules! embedded_text {
    ($path:literal) => {
        SourceText {
            name: $path,
            text: include_str!(concat!("../", $path)),
        }
    };
}

/// The embedded standard chart.
pub const STANDARD_CHART: SourceText<'static> = embedded_text!("maps/standard.ron");

/// The embedded hand chart.
pub const HANDS_CHART: SourceText<'static> = embedded_text!("maps/hands.ron");

/// The embedded library files, in load order.
pub const LIBRARY_FILES: [SourceText<'static>; 5] = [
    embedded_text!("assets/library/techniques.ron"),
    embedded_text!("assets/library/evidence.ron"),
    embedded_text!("assets/library/screening.ron"),
    embedded_text!("assets/library/templates.ron"),
    embedded_text!("assets/library/aftercare.ron"),
];

/// The embedded study drills (safety vignettes and claim checks).
pub const DRILLS_FILE: SourceText<'static> = embedded_text!("assets/study/drills.ron");

/// Regular UI and print font (DejaVu Sans).
pub const FONT_REGULAR: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
/// Bold UI and print font (DejaVu Sans Bold).
pub const FONT_BOLD: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf");

/// The window icon, a square SVG.
pub const ICON_SVG: &str = include_str!("../assets/icon.svg");
