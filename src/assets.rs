//! Every file built into the binary: the standard chart, the library, the study drills, the
//! fonts and the window icon. Other modules name them through here, so one list says what the
//! app ships and which path each came from.

use crate::load::SourceText;

/// The embedded standard chart.
pub const STANDARD_CHART: SourceText<'static> = SourceText {
    name: "maps/standard.ron",
    text: include_str!("../maps/standard.ron"),
};

/// The embedded library files, in load order.
pub const LIBRARY_FILES: [SourceText<'static>; 5] = [
    SourceText {
        name: "assets/library/techniques.ron",
        text: include_str!("../assets/library/techniques.ron"),
    },
    SourceText {
        name: "assets/library/evidence.ron",
        text: include_str!("../assets/library/evidence.ron"),
    },
    SourceText {
        name: "assets/library/screening.ron",
        text: include_str!("../assets/library/screening.ron"),
    },
    SourceText {
        name: "assets/library/templates.ron",
        text: include_str!("../assets/library/templates.ron"),
    },
    SourceText {
        name: "assets/library/aftercare.ron",
        text: include_str!("../assets/library/aftercare.ron"),
    },
];

/// The embedded study drills (safety vignettes and claim checks).
pub const DRILLS_FILE: SourceText<'static> = SourceText {
    name: "assets/study/drills.ron",
    text: include_str!("../assets/study/drills.ron"),
};

/// Regular UI and print font (DejaVu Sans).
pub const FONT_REGULAR: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
/// Bold UI and print font (DejaVu Sans Bold).
pub const FONT_BOLD: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf");

/// The window icon, a square SVG.
pub const ICON_SVG: &str = include_str!("../assets/icon.svg");
