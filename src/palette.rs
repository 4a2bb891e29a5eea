//! The colours of reflexmap, as plain RGB: the chart, the verdicts, paper ink and the quiz kinds,
//! shared by the egui theme and the SVG/PDF exports so that a thing looks the same on screen and
//! on paper. No other module below `ui/` writes a colour literal.

use crate::model::{Action, BodySystem, Grade};
use crate::plan::ShownVerdict;
use crate::study::QuizKind;

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
/// Secondary text on paper: labels, captions, the footer.
pub const INK_MUTED: Rgb = [0x66, 0x66, 0x70];
/// Hairlines between sections on paper.
pub const RULE: Rgb = [0xd6, 0xd6, 0xdc];
/// Headings, bullets and step badges on paper.
pub const ACCENT: Rgb = [0x2c, 0x6a, 0x6e];
/// Danger on paper: the no-heat box, the urgent signs, step issues, overtime.
pub const DANGER: Rgb = [0xb3, 0x20, 0x1a];
/// Light background of a danger box on paper.
pub const DANGER_TINT: Rgb = [0xfd, 0xec, 0xea];
/// Paper, and text on a strong colour.
pub const PAPER: Rgb = [0xff, 0xff, 0xff];

/// Line colours of the printed trend chart, one per symptom in `Symptom::ALL` order: distinct
/// hues dark enough for thin lines on white.
pub const SERIES: [Rgb; 9] = [
    [0x1f, 0x5f, 0xa8],
    [0xc0, 0x5a, 0x00],
    [0x2e, 0x8b, 0x3e],
    [0x8e, 0x3c, 0xa8],
    [0xb0, 0x1e, 0x3c],
    [0x00, 0x86, 0x8a],
    [0x6b, 0x55, 0x2e],
    [0x4a, 0x4a, 0xc8],
    [0xa0, 0x8a, 0x00],
];

/// Amber text for a warning that is not an error ("far under time", "unknown zone"), light
/// theme. Why the same as [`Grade::Mixed`]: the planner has always used this amber.
pub const WARNING_TEXT_LIGHT: Rgb = [0xc7, 0x8a, 0x00];
/// Amber warning text on the dark theme: lighter, so it reads on a dark panel.
pub const WARNING_TEXT_DARK: Rgb = [0xff, 0xb7, 0x4d];

/// A foot finding's marker (screen and print).
pub const FINDING: Rgb = [0x6a, 0x1b, 0x9a];
/// A finding that breaks or threatens the skin (ulcer, blister, fissure).
pub const FINDING_SERIOUS: Rgb = [0xb3, 0x20, 0x1a];
/// Touch test: a toe felt.
pub const TOUCH_FELT: Rgb = [0x2e, 0x7d, 0x32];
/// Touch test: a toe not felt.
pub const TOUCH_NOT_FELT: Rgb = [0xb3, 0x20, 0x1a];
/// Heat map: a zone tender every time it was worked (0 % is the bare skin colour).
pub const HEAT_TENDER: Rgb = [0xd8, 0x43, 0x15];
/// Heat map: a zone not felt every time it was worked.
pub const HEAT_NOT_FELT: Rgb = [0x4a, 0x3a, 0xb8];

/// The colours of a verdict as shown: the screen banner's solid fill and the text on it, and
/// on paper a strong colour readable on white with a light tint behind it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerdictRgb {
    /// Solid fill of the on-screen banner.
    pub fill: Rgb,
    /// Text on [`Self::fill`].
    pub on_fill: Rgb,
    /// The verdict as text or an edge bar on paper (and in the printed table of answers).
    pub ink: Rgb,
    /// Light background of the printed banner.
    pub tint: Rgb,
}

impl VerdictRgb {
    /// A row of the table, colours written `0xrrggbb`.
    const fn new(fill: u32, on_fill: u32, ink: u32, tint: u32) -> Self {
        Self {
            fill: rgb(fill),
            on_fill: rgb(on_fill),
            ink: rgb(ink),
            tint: rgb(tint),
        }
    }
}

/// The one table of verdict colours, for the planner's banner and the printed plan.
pub fn verdict_rgb(verdict: ShownVerdict) -> VerdictRgb {
    use Action::*;
    match verdict {
        // Why: an unfinished checklist must not look like an all-clear.
        ShownVerdict::Incomplete => verdict_rgb(ShownVerdict::Action(Adapt)),
        //                                          fill      on fill   ink       tint
        ShownVerdict::Action(Proceed) => VerdictRgb::new(0x2e7d32, 0xffffff, 0x2e7d32, 0xe8f5e9),
        ShownVerdict::Action(Adapt) => VerdictRgb::new(0xf9a825, 0x000000, 0xa86200, 0xfff4dc),
        ShownVerdict::Action(Defer) => VerdictRgb::new(0xef6c00, 0xffffff, 0xa86200, 0xfff4dc),
        ShownVerdict::Action(MedicalClearance) => {
            VerdictRgb::new(0xd84315, 0xffffff, 0xc44a0c, 0xfdebdf)
        }
        ShownVerdict::Action(StopAndRefer) => {
            VerdictRgb::new(0xb71c1c, 0xffffff, 0xb3201a, 0xfdecea)
        }
    }
}

/// Line colour of a quiz kind in the study mode's score history.
pub fn quiz_kind_rgb(kind: QuizKind) -> Rgb {
    match kind {
        QuizKind::Locate => rgb(0x1e88e5),
        QuizKind::Name => rgb(0x8e24aa),
        QuizKind::Label => rgb(0x3949ab),
        QuizKind::Lines => rgb(0x6d4c41),
        QuizKind::Sequence => rgb(0x00897b),
        QuizKind::Safety => rgb(0xe53935),
        QuizKind::Claim => rgb(0xf57c00),
    }
}

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

/// A colour written `0xrrggbb`.
const fn rgb(c: u32) -> Rgb {
    [(c >> 16) as u8, (c >> 8) as u8, c as u8]
}

/// `#rrggbb`.
pub fn hex(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG 2 contrast ratio of two sRGB colours.
    fn contrast(a: Rgb, b: Rgb) -> f32 {
        let lum = |c: Rgb| {
            let lin = |v: u8| {
                let v = f32::from(v) / 255.0;
                if v <= 0.04045 {
                    v / 12.92
                } else {
                    ((v + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2])
        };
        let (hi, lo) = (lum(a).max(lum(b)), lum(a).min(lum(b)));
        (hi + 0.05) / (lo + 0.05)
    }

    #[test]
    fn every_verdict_reads_on_screen_and_on_paper() {
        let shown = [
            ShownVerdict::Incomplete,
            Action::Proceed.into(),
            Action::Adapt.into(),
            Action::Defer.into(),
            Action::MedicalClearance.into(),
            Action::StopAndRefer.into(),
        ];
        for v in shown {
            let c = verdict_rgb(v);
            // Large text (the banner's 14 pt and 17 pt bold headings): WCAG AA asks 3:1.
            assert!(contrast(c.on_fill, c.fill) >= 3.0, "{v:?} on screen");
            assert!(contrast(c.ink, c.tint) >= 3.0, "{v:?} on its tint");
            assert!(contrast(c.ink, PAPER) >= 4.5, "{v:?} on paper");
        }
        let stop = verdict_rgb(Action::StopAndRefer.into());
        assert_eq!((stop.ink, stop.tint), (DANGER, DANGER_TINT));
        assert_eq!(quiz_kind_rgb(QuizKind::Locate), [0x1e, 0x88, 0xe5]);
        // Why: an unfinished checklist must not look like an all-clear.
        assert_eq!(
            verdict_rgb(ShownVerdict::Incomplete),
            verdict_rgb(Action::Adapt.into())
        );
    }
}
