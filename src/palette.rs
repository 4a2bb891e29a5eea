//! The colours of the chart, as plain RGB, shared by the egui theme and the SVG/PDF exports so
//! that a zone looks the same on screen and on paper.

use crate::model::{BodySystem, Grade};

/// An sRGB colour.
pub type Rgb = [u8; 3];

/// Fill colour of a body system (distinct hues, similar lightness, readable with dark text).
pub fn system_rgb(system: BodySystem) -> Rgb {
    match system {
        BodySystem::Nervous => [0x9b, 0x7b, 0xd4],
        BodySystem::Endocrine => [0xe8, 0x96, 0x3c],
        BodySystem::SensoryHead => [0xd9, 0xb4, 0x3a],
        BodySystem::Respiratory => [0x5e, 0xa8, 0xdc],
        BodySystem::Cardiovascular => [0xde, 0x5f, 0x5a],
        BodySystem::Digestive => [0x6d, 0xb8, 0x66],
        BodySystem::Urinary => [0x3f, 0xb9, 0xb1],
        BodySystem::Lymphatic => [0xc9, 0x7a, 0xbd],
        BodySystem::Musculoskeletal => [0xa8, 0x8a, 0x6a],
        BodySystem::Reproductive => [0xea, 0x8a, 0xa8],
    }
}

/// Skin fill of the foot outline (light theme and print).
pub const SKIN_LIGHT: Rgb = [0xf6, 0xe3, 0xd3];
/// Skin fill of the foot outline (dark theme).
pub const SKIN_DARK: Rgb = [0x4a, 0x40, 0x3a];
/// Foot outline stroke.
pub const OUTLINE: Rgb = [0x7a, 0x5c, 0x48];
/// Guide lines.
pub const GUIDE: Rgb = [0x3c, 0x55, 0x78];
/// The selection / highlight stroke.
pub const HIGHLIGHT: Rgb = [0x14, 0x14, 0x1e];
/// Ink for text on paper.
pub const INK: Rgb = [0x22, 0x22, 0x28];

/// Badge colour of an evidence grade: green for supported, amber for mixed, grey and red for
/// unsupported and contradicted.
pub fn grade_rgb(grade: Grade) -> Rgb {
    match grade {
        Grade::SupportedModerate => [0x2e, 0x7d, 0x32],
        Grade::SupportedLow => [0x55, 0x8b, 0x2f],
        Grade::SupportedVeryLow => [0x82, 0x94, 0x2b],
        Grade::Mixed => [0xc7, 0x8a, 0x00],
        Grade::Unsupported => [0x75, 0x75, 0x75],
        Grade::Contradicted => [0xc6, 0x28, 0x28],
    }
}

/// `#rrggbb`.
pub fn hex(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}
