//! One look, one place: colours, strokes and spacing for the app (and the tests, which apply
//! the same theme).

use egui::{Color32, Stroke};

use crate::model::{BodySystem, Grade};
use crate::palette::{self, Rgb};
use crate::plan::ShownVerdict;
use crate::study::QuizKind;

fn c(rgb: Rgb) -> Color32 {
    Color32::from_rgb(rgb[0], rgb[1], rgb[2])
}

/// Fill of a zone of this system.
pub fn system_fill(system: BodySystem, alpha: u8) -> Color32 {
    let [r, g, b] = palette::system_rgb(system);
    Color32::from_rgba_unmultiplied(r, g, b, alpha)
}

/// The solid colour of a system (legend chips).
pub fn system_color(system: BodySystem) -> Color32 {
    c(palette::system_rgb(system))
}

/// Grade badge colour.
pub fn grade_color(grade: Grade) -> Color32 {
    c(palette::grade_rgb(grade))
}

/// Zone fill opacity when idle, hovered and selected.
pub const ZONE_ALPHA: u8 = 190;
/// Hovered zone opacity.
pub const ZONE_ALPHA_HOVER: u8 = 240;
/// Zones other than the selected one fade to this.
pub const ZONE_ALPHA_DIMMED: u8 = 110;

/// Skin fill for the current theme.
pub fn skin(dark: bool) -> Color32 {
    c(if dark {
        palette::SKIN_DARK
    } else {
        palette::SKIN_LIGHT
    })
}

/// Foot outline stroke.
pub fn outline_stroke(dark: bool) -> Stroke {
    Stroke::new(
        1.6,
        if dark {
            Color32::from_rgb(0xc8, 0xa8, 0x90)
        } else {
            c(palette::OUTLINE)
        },
    )
}

/// Thin stroke around each zone.
pub fn zone_stroke(dark: bool) -> Stroke {
    Stroke::new(
        0.7,
        if dark {
            Color32::from_black_alpha(140)
        } else {
            Color32::from_rgba_unmultiplied(0x5a, 0x40, 0x30, 120)
        },
    )
}

/// Stroke of the selected zone.
pub fn selected_stroke(dark: bool) -> Stroke {
    Stroke::new(
        3.0,
        if dark {
            Color32::WHITE
        } else {
            c(palette::HIGHLIGHT)
        },
    )
}

/// Stroke of the hovered zone.
pub fn hover_stroke(dark: bool) -> Stroke {
    Stroke::new(
        1.8,
        if dark {
            Color32::from_gray(230)
        } else {
            Color32::from_gray(40)
        },
    )
}

/// Keyboard focus ring.
pub fn focus_stroke() -> Stroke {
    Stroke::new(2.0, Color32::from_rgb(0x1e, 0x88, 0xe5))
}

/// Guide lines.
pub fn guide_stroke(dark: bool) -> Stroke {
    Stroke::new(
        1.3,
        if dark {
            Color32::from_rgb(0x9e, 0xc5, 0xf0)
        } else {
            c(palette::GUIDE)
        },
    )
}

/// Longitudinal zone boundaries.
pub fn longitudinal_stroke(dark: bool) -> Stroke {
    Stroke::new(
        1.0,
        if dark {
            Color32::from_rgba_unmultiplied(255, 220, 120, 150)
        } else {
            Color32::from_rgba_unmultiplied(170, 110, 0, 170)
        },
    )
}

/// Background of the caution card.
pub fn caution_fill(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0x4a, 0x36, 0x12)
    } else {
        Color32::from_rgb(0xff, 0xf3, 0xd6)
    }
}

/// Background of the "charts disagree" card.
pub fn disagree_fill(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0x24, 0x33, 0x48)
    } else {
        Color32::from_rgb(0xe8, 0xf0, 0xfb)
    }
}

/// Background of the error banner.
pub fn error_fill(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0x5a, 0x1e, 0x1e)
    } else {
        Color32::from_rgb(0xfd, 0xe2, 0xe2)
    }
}

/// Hatching over areas screening says to avoid.
pub fn avoid_color(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0xff, 0x8a, 0x80)
    } else {
        Color32::from_rgb(0xc6, 0x28, 0x28)
    }
}

/// Numbered step markers on the map.
pub fn step_marker(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0x1e, 0x88, 0xe5)
    } else {
        Color32::from_rgb(0x15, 0x65, 0xc0)
    }
}

/// Fill over a zone a study question is about (the one to name, or the right answer).
pub fn quiz_fill(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgba_unmultiplied(0xff, 0xd5, 0x4f, 150)
    } else {
        Color32::from_rgba_unmultiplied(0xff, 0xc1, 0x07, 150)
    }
}

/// Zone fill on a labelling board's blank chart: one neutral tone, a little stronger on the
/// numbered areas, so nothing hints at a body system.
pub fn blank_fill(dark: bool, numbered: bool) -> Color32 {
    match (dark, numbered) {
        (true, true) => Color32::from_rgba_unmultiplied(0x9e, 0x9e, 0x9e, 120),
        (true, false) => Color32::from_rgba_unmultiplied(0x75, 0x75, 0x75, 60),
        (false, true) => Color32::from_rgba_unmultiplied(0x90, 0xa4, 0xae, 150),
        (false, false) => Color32::from_rgba_unmultiplied(0xb0, 0xbe, 0xc5, 70),
    }
}

/// A label the student revealed or got only after a miss.
pub fn revealed_color(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0xb2, 0x6a, 0x00)
    } else {
        Color32::from_rgb(0xa8, 0x62, 0x00)
    }
}

/// The mark where a student clicked in a locate question.
pub fn click_marker(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0xff, 0x52, 0x52)
    } else {
        Color32::from_rgb(0xc6, 0x28, 0x28)
    }
}

/// Right and wrong in study feedback: (right, wrong).
pub fn feedback_colors(dark: bool) -> (Color32, Color32) {
    if dark {
        (
            Color32::from_rgb(0x81, 0xc7, 0x84),
            Color32::from_rgb(0xff, 0x8a, 0x80),
        )
    } else {
        (
            Color32::from_rgb(0x2e, 0x7d, 0x32),
            Color32::from_rgb(0xc6, 0x28, 0x28),
        )
    }
}

/// Verdict banner colours: (fill, text), from the table the printed plan uses too. Takes a
/// [`ShownVerdict`] (`screening.shown_verdict()`) or a bare [`crate::model::Action`].
pub fn verdict_colors(verdict: impl Into<ShownVerdict>) -> (Color32, Color32) {
    let v = palette::verdict_rgb(verdict.into());
    (c(v.fill), c(v.on_fill))
}

/// Amber text for a warning that is not an error: "far under time", an unknown zone or
/// technique.
pub fn warning_text(dark: bool) -> Color32 {
    c(if dark {
        palette::WARNING_TEXT_DARK
    } else {
        palette::WARNING_TEXT_LIGHT
    })
}

/// The colour of a quiz kind (its line in the score history).
pub fn quiz_kind_color(kind: QuizKind) -> Color32 {
    c(palette::quiz_kind_rgb(kind))
}

/// Width of the detail panel.
pub const DETAIL_WIDTH: f32 = 400.0;

/// Install the embedded DejaVu Sans as a fallback after egui's own font, so symbols such as ⚠
/// render on every machine (and the screen matches the printed chart).
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "DejaVuSans".to_owned(),
        std::sync::Arc::new(egui::FontData::from_static(crate::assets::FONT_REGULAR)),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push("DejaVuSans".to_owned());
    }
    ctx.set_fonts(fonts);
}

/// Apply the app-wide fonts and style tweaks on top of egui's light or dark visuals.
pub fn apply(ctx: &egui::Context) {
    install_fonts(ctx);
    ctx.all_styles_mut(|style| {
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(8.0, 4.0);
        style.interaction.tooltip_delay = 0.0;
    });
}
