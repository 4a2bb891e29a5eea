//! Fonts of the printed PDFs: the embedded DejaVu pair first, then, for a character DejaVu
//! lacks (Chinese, Japanese, Devanagari, …), a font of this computer found with fontdb.
//!
//! A line of text is split into runs, each in the first font that has its characters, and an
//! Arabic or Hebrew stretch is put in visual order (unicode-bidi) and shaped right to left
//! (krilla shapes with rustybuzz). A character no font has is printed as "?" and its script
//! is named by [`missing_scripts`], so the app can say so once instead of printing boxes.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Mutex, OnceLock};

use krilla::text::Font;
use resvg::usvg::fontdb;

use crate::assets::{FONT_BOLD, FONT_REGULAR};

use super::super::ExportError;

/// Printed in place of a character that no font on this computer has.
pub(super) const MISSING: char = '?';

/// A font face the PDF can draw with: its data, ttf-parser's view for measuring and krilla's
/// handle for drawing (made once: krilla hashes the whole file when it makes one).
pub(super) struct PdfFont {
    data: &'static [u8],
    index: u32,
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
    pub(super) font: Font,
}

impl std::fmt::Debug for PdfFont {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = self
            .face
            .names()
            .into_iter()
            .find(|n| n.name_id == ttf_parser::name_id::FULL_NAME && n.is_unicode())
            .and_then(|n| n.to_string())
            .unwrap_or_default();
        write!(f, "PdfFont({name:?})")
    }
}

impl PdfFont {
    fn new(data: &'static [u8], index: u32) -> Option<Self> {
        let face = ttf_parser::Face::parse(data, index).ok()?;
        let font = Font::new(data.into(), index)?;
        Some(Self {
            data,
            index,
            units_per_em: f32::from(face.units_per_em()),
            face,
            font,
        })
    }

    /// Whether the font has a glyph for `c`.
    pub(super) fn covers(&self, c: char) -> bool {
        self.face.glyph_index(c).is_some()
    }

    /// Advance of `c` at 1 pt (its `.notdef` when the font lacks it).
    pub(super) fn advance(&self, c: char) -> f32 {
        let glyph = self.face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
        f32::from(self.face.glyph_hor_advance(glyph).unwrap_or(0)) / self.units_per_em
    }

    /// The width of `text` as rustybuzz shapes it (joined Arabic forms, kerning), at 1 pt.
    pub(super) fn shaped_width(&self, text: &str, rtl: bool) -> f32 {
        let Some(face) = rustybuzz::Face::from_slice(self.data, self.index) else {
            return text.chars().map(|c| self.advance(c)).sum();
        };
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        buffer.set_direction(if rtl {
            rustybuzz::Direction::RightToLeft
        } else {
            rustybuzz::Direction::LeftToRight
        });
        let out = rustybuzz::shape(&face, &[], buffer);
        let units: i32 = out.glyph_positions().iter().map(|p| p.x_advance).sum();
        units as f32 / self.units_per_em
    }
}

/// The embedded DejaVu Sans (or Bold), loaded once.
pub(super) fn embedded(bold: bool) -> Result<&'static PdfFont, ExportError> {
    static REGULAR: OnceLock<Option<PdfFont>> = OnceLock::new();
    static BOLD: OnceLock<Option<PdfFont>> = OnceLock::new();
    let (cell, data) = if bold {
        (&BOLD, FONT_BOLD)
    } else {
        (&REGULAR, FONT_REGULAR)
    };
    cell.get_or_init(|| PdfFont::new(data, 0))
        .as_ref()
        .ok_or_else(|| ExportError::Pdf("cannot read the embedded font".into()))
}

// ---------------------------------------------------------------------------------------------
// Fallback fonts of this computer.

/// Fonts found for characters the embedded ones lack, each loaded once and kept for the life of
/// the program (a handful at most: one per script printed).
pub(super) struct Fallbacks {
    /// The font database, read at the first character that needs it.
    db: Option<fontdb::Database>,
    /// Where the database comes from when it is first needed.
    source: fn() -> fontdb::Database,
    loaded: Vec<(fontdb::ID, &'static PdfFont)>,
    found: HashMap<(char, bool), Option<&'static PdfFont>>,
}

impl Fallbacks {
    /// Fallbacks from the fonts installed on this computer.
    pub(super) fn system() -> Self {
        Self::from_source(|| {
            let mut db = fontdb::Database::new();
            db.load_system_fonts();
            db
        })
    }

    /// Fallbacks from the fonts `source` lists (tests give an empty or a chosen database).
    pub(super) fn from_source(source: fn() -> fontdb::Database) -> Self {
        Self {
            db: None,
            source,
            loaded: Vec::new(),
            found: HashMap::new(),
        }
    }

    /// A font for `c`, nearest to bold or regular: one already loaded if it has the character,
    /// else the best face of the database that has it (sans-serif, upright, nearest weight).
    pub(super) fn font_for(&mut self, c: char, bold: bool) -> Option<&'static PdfFont> {
        if let Some(found) = self.found.get(&(c, bold)) {
            return *found;
        }
        let font = self.search(c, bold);
        self.found.insert((c, bold), font);
        font
    }

    fn search(&mut self, c: char, bold: bool) -> Option<&'static PdfFont> {
        let source = self.source;
        let db = self.db.get_or_insert_with(source);
        let want = if bold { 700 } else { 400 };
        let mut faces: Vec<&fontdb::FaceInfo> = db.faces().collect();
        // Why this order: an upright sans face of the asked weight looks most like DejaVu
        // beside it; among equals the family name decides, so a run is repeatable.
        faces.sort_by_key(|f| {
            let family = f.families.first().map_or("", |(n, _)| n.as_str());
            let sans = family.contains("Sans") || family.contains("Gothic");
            (
                f.style != fontdb::Style::Normal,
                f.monospaced,
                !sans,
                (i32::from(f.weight.0) - want).abs(),
                family.to_owned(),
                f.index,
            )
        });
        let ids: Vec<fontdb::ID> = faces.iter().map(|f| f.id).collect();
        // Faces already loaded first (a whole name then prints in one font), then the rest.
        let already = self.loaded.iter().filter(|(id, _)| ids.contains(id));
        let mut best_loaded: Option<(usize, &'static PdfFont)> = None;
        for (id, font) in already {
            let rank = ids.iter().position(|i| i == id).unwrap_or(usize::MAX);
            if font.covers(c) && best_loaded.is_none_or(|(r, _)| rank < r) {
                best_loaded = Some((rank, font));
            }
        }
        for (rank, id) in ids.iter().enumerate() {
            if let Some((r, font)) = best_loaded
                && r <= rank
            {
                return Some(font);
            }
            let covers = db
                .with_face_data(*id, |data, index| {
                    ttf_parser::Face::parse(data, index)
                        .ok()
                        .is_some_and(|f| f.glyph_index(c).is_some())
                })
                .unwrap_or(false);
            if !covers {
                continue;
            }
            if let Some((_, font)) = self.loaded.iter().find(|(i, _)| i == id) {
                return Some(font);
            }
            let loaded = db.with_face_data(*id, |data, index| (data.to_vec(), index));
            let Some((data, index)) = loaded else {
                continue;
            };
            // Why leaked: fonts are loaded once per script and used until the program ends,
            // and ttf-parser's face borrows its data.
            let data: &'static [u8] = Box::leak(data.into_boxed_slice());
            if let Some(font) = PdfFont::new(data, index) {
                let font: &'static PdfFont = Box::leak(Box::new(font));
                self.loaded.push((*id, font));
                return Some(font);
            }
        }
        best_loaded.map(|(_, f)| f)
    }
}

/// The fallbacks of this computer, shared by every PDF the program makes.
fn system() -> &'static Mutex<Fallbacks> {
    static SYSTEM: OnceLock<Mutex<Fallbacks>> = OnceLock::new();
    SYSTEM.get_or_init(|| Mutex::new(Fallbacks::system()))
}

/// Where a character comes from when drawn.
pub(super) trait FontSource {
    /// A fallback font for a character the embedded one lacks.
    fn fallback(&mut self, c: char, bold: bool) -> Option<&'static PdfFont>;
}

impl FontSource for Fallbacks {
    fn fallback(&mut self, c: char, bold: bool) -> Option<&'static PdfFont> {
        self.font_for(c, bold)
    }
}

/// The system's fallbacks, locked for each look-up.
pub(super) struct SystemFonts;

impl FontSource for SystemFonts {
    fn fallback(&mut self, c: char, bold: bool) -> Option<&'static PdfFont> {
        // Why carry on after a poisoned lock: the cache holds only finished look-ups.
        let mut f = system()
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        f.font_for(c, bold)
    }
}

// ---------------------------------------------------------------------------------------------
// Runs.

/// A stretch of a line drawn in one font and one direction.
#[derive(Debug)]
pub(super) struct Run {
    /// The text, in logical order ("?" in place of characters no font has).
    pub(super) text: String,
    pub(super) font: &'static PdfFont,
    /// Right to left (Arabic, Hebrew): krilla shapes it so, giving glyphs in visual order.
    pub(super) rtl: bool,
}

/// Characters that stay in the run before them when its font has them: spaces, joiners,
/// common punctuation and combining marks (so a vowel sign stays with its letter).
fn clings(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}')
        || is_mark(c)
        || (c.is_ascii_punctuation() && !matches!(c, '(' | ')' | '[' | ']'))
}

/// Combining marks of the scripts we print (a table of the ranges, not all of Unicode).
fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}' | '\u{0483}'..='\u{0489}' | '\u{0591}'..='\u{05BD}'
        | '\u{05BF}' | '\u{05C1}'..='\u{05C2}' | '\u{05C4}'..='\u{05C5}' | '\u{05C7}'
        | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}' | '\u{06DF}'..='\u{06E4}' | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}' | '\u{0900}'..='\u{0903}' | '\u{093A}'..='\u{093C}'
        | '\u{093E}'..='\u{094F}' | '\u{0951}'..='\u{0957}' | '\u{0962}'..='\u{0963}'
        | '\u{3099}'..='\u{309A}')
}

/// The invisible marks that steer the bidi algorithm; they take part in it but are not drawn.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` as a bidi isolate when it has right-to-left letters, for user text set inside an
/// English sentence: "Initials מע · 1 session" then keeps the "1" with "session" instead of
/// the Hebrew before it.
pub(super) fn isolate(text: &str) -> String {
    if has_rtl(text) {
        format!("\u{2068}{text}\u{2069}")
    } else {
        text.to_owned()
    }
}

/// Whether `text` has a right-to-left letter (only then is the bidi algorithm run).
fn has_rtl(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'
            | '\u{200F}' | '\u{202B}' | '\u{202E}' | '\u{2067}')
    })
}

/// The first font that has `c`: the embedded one, else a fallback; `None` when none has it.
fn font_of(
    c: char,
    primary: &'static PdfFont,
    bold: bool,
    fonts: &mut impl FontSource,
) -> Option<&'static PdfFont> {
    if primary.covers(c) || c.is_control() {
        Some(primary)
    } else {
        fonts.fallback(c, bold)
    }
}

/// Split logical-order `text` (one direction) into runs by font, appending to `out`.
fn font_runs(
    text: &str,
    rtl: bool,
    primary: &'static PdfFont,
    bold: bool,
    fonts: &mut impl FontSource,
    out: &mut Vec<Run>,
    missing: &mut Vec<&'static str>,
) {
    let start = out.len();
    for c in text.chars().filter(|c| !is_bidi_control(*c)) {
        let (font, c) = match out[start..].last() {
            Some(run) if clings(c) && run.font.covers(c) => (run.font, c),
            _ => match font_of(c, primary, bold, fonts) {
                Some(f) => (f, c),
                None => {
                    let script = script_of(c).unwrap_or("other");
                    if !missing.contains(&script) {
                        missing.push(script);
                    }
                    (primary, MISSING)
                }
            },
        };
        match out[start..].last_mut() {
            Some(run) if std::ptr::eq(run.font, font) => run.text.push(c),
            _ => out.push(Run {
                text: c.to_string(),
                font,
                rtl,
            }),
        }
    }
    if rtl {
        // Why: within a right-to-left stretch the first run in reading order is drawn last.
        out[start..].reverse();
    }
}

/// The runs of one line in visual order (left to right as drawn).
#[cfg(test)]
fn runs(
    text: &str,
    primary: &'static PdfFont,
    bold: bool,
    fonts: &mut impl FontSource,
) -> Vec<Run> {
    runs_noting(text, primary, bold, fonts, &mut Vec::new())
}

/// The runs of one line in visual order (left to right as drawn), adding to `missing` the
/// script of each character no font has.
pub(super) fn runs_noting(
    text: &str,
    primary: &'static PdfFont,
    bold: bool,
    fonts: &mut impl FontSource,
    missing: &mut Vec<&'static str>,
) -> Vec<Run> {
    let mut out = Vec::new();
    if !has_rtl(text) {
        font_runs(text, false, primary, bold, fonts, &mut out, missing);
        return out;
    }
    let bidi = unicode_bidi::BidiInfo::new(text, None);
    for para in &bidi.paragraphs {
        let line: Range<usize> = para.range.clone();
        let (levels, visual) = bidi.visual_runs(para, line);
        for range in visual {
            let rtl = levels[range.start].is_rtl();
            let piece = text[range].trim_end_matches(['\n', '\r']);
            font_runs(piece, rtl, primary, bold, fonts, &mut out, missing);
        }
    }
    out
}

/// Width of `text` at `size` points, each character measured in the font that draws it.
///
/// Why unshaped advances: wrapping measures many candidate lines; kerning and joined forms
/// change a width by a hair, which the margins absorb.
pub(super) fn width(
    text: &str,
    size: f32,
    primary: &'static PdfFont,
    bold: bool,
    fonts: &mut impl FontSource,
) -> f32 {
    let mut w = 0.0;
    for c in text.chars().filter(|c| !is_bidi_control(*c)) {
        w += match font_of(c, primary, bold, fonts) {
            Some(f) => f.advance(c),
            None => primary.advance(MISSING),
        };
    }
    w * size
}

// ---------------------------------------------------------------------------------------------
// Scripts, for the warning.

/// The script a character belongs to, for scripts a client's name may be written in; `None`
/// for Latin, digits, punctuation and anything not in the table.
pub fn script_of(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}' => "Greek",
        '\u{0400}'..='\u{052F}'
        | '\u{1C80}'..='\u{1C8F}'
        | '\u{2DE0}'..='\u{2DFF}'
        | '\u{A640}'..='\u{A69F}' => "Cyrillic",
        '\u{0530}'..='\u{058F}' => "Armenian",
        '\u{0590}'..='\u{05FF}' | '\u{FB1D}'..='\u{FB4F}' => "Hebrew",
        '\u{0600}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}' => "Arabic",
        '\u{0900}'..='\u{097F}' | '\u{A8E0}'..='\u{A8FF}' => "Devanagari",
        '\u{0980}'..='\u{09FF}' => "Bengali",
        '\u{0A00}'..='\u{0A7F}' => "Gurmukhi",
        '\u{0A80}'..='\u{0AFF}' => "Gujarati",
        '\u{0B80}'..='\u{0BFF}' => "Tamil",
        '\u{0C00}'..='\u{0C7F}' => "Telugu",
        '\u{0C80}'..='\u{0CFF}' => "Kannada",
        '\u{0D00}'..='\u{0D7F}' => "Malayalam",
        '\u{0D80}'..='\u{0DFF}' => "Sinhala",
        '\u{0E00}'..='\u{0E7F}' => "Thai",
        '\u{10A0}'..='\u{10FF}' => "Georgian",
        '\u{1200}'..='\u{139F}' => "Ethiopic",
        '\u{1100}'..='\u{11FF}' | '\u{AC00}'..='\u{D7AF}' | '\u{3130}'..='\u{318F}' => "Korean",
        '\u{3040}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' => "Japanese kana",
        '\u{2E80}'..='\u{2FDF}'
        | '\u{3000}'..='\u{303F}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FFEF}'
        | '\u{20000}'..='\u{3134F}' => "Chinese/Japanese (Han)",
        _ => return None,
    })
}

/// The scripts of `text` with characters that neither the embedded fonts nor any font `fonts`
/// finds can print, in order of first appearance.
pub(super) fn missing_in(text: &str, fonts: &mut impl FontSource) -> Vec<&'static str> {
    let (Ok(regular), Ok(bold)) = (embedded(false), embedded(true)) else {
        return Vec::new();
    };
    let mut missing = Vec::new();
    for c in text.chars().filter(|c| !is_bidi_control(*c)) {
        // Headings are bold and body text regular: either missing means a gap on paper.
        let lacking =
            font_of(c, regular, false, fonts).is_none() || font_of(c, bold, true, fonts).is_none();
        if lacking && !c.is_whitespace() {
            let script = script_of(c).unwrap_or("other");
            if !missing.contains(&script) {
                missing.push(script);
            }
        }
    }
    missing
}

/// The scripts in `text` that no font on this computer can print (the embedded DejaVu fonts
/// first, then the installed ones): their characters print as "?". Empty when all prints.
pub fn missing_scripts(text: &str) -> Vec<&'static str> {
    missing_in(text, &mut SystemFonts)
}

/// The message to show once when [`missing_scripts`] found some, e.g. "No font on this
/// computer has Devanagari letters; they were printed as "?". Install a font for them (such as
/// Noto Sans Devanagari) and print again."
pub fn missing_scripts_warning(scripts: &[&str]) -> Option<String> {
    let (last, rest) = scripts.split_last()?;
    let names = if rest.is_empty() {
        (*last).to_owned()
    } else {
        format!("{} and {last}", rest.join(", "))
    };
    let example = match *last {
        "Chinese/Japanese (Han)" | "Japanese kana" | "Korean" => "Noto Sans CJK".to_owned(),
        "other" => "Noto Sans".to_owned(),
        s => format!("Noto Sans {s}"),
    };
    Some(format!(
        "No font on this computer has {names} letters; they were printed as \"{MISSING}\". \
         Install a font for them (such as {example}) and print again."
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// No fonts at all besides the embedded ones.
    fn none() -> Fallbacks {
        Fallbacks::from_source(fontdb::Database::new)
    }

    /// The embedded DejaVu fonts as the only "system" fonts: a fallback never finds more.
    fn dejavu_only() -> Fallbacks {
        Fallbacks::from_source(|| {
            let mut db = fontdb::Database::new();
            db.load_font_data(FONT_REGULAR.to_vec());
            db
        })
    }

    fn texts(runs: &[Run]) -> Vec<&str> {
        runs.iter().map(|r| r.text.as_str()).collect()
    }

    #[test]
    fn latin_greek_and_cyrillic_are_one_run_in_dejavu() {
        let regular = embedded(false).unwrap();
        let r = runs("Anna Ωμέγα Иванова", regular, false, &mut none());
        assert_eq!(texts(&r), ["Anna Ωμέγα Иванова"]);
        assert!(std::ptr::eq(r[0].font, regular) && !r[0].rtl);
        assert!(missing_in("Ωμέγα Иванова", &mut none()).is_empty());
    }

    #[test]
    fn characters_no_font_has_print_as_a_question_mark_and_name_their_script() {
        let regular = embedded(false).unwrap();
        let r = runs("Client 王小明 (नमस्ते)", regular, false, &mut dejavu_only());
        assert_eq!(texts(&r), ["Client ??? (??????)"]);
        assert_eq!(
            missing_in("Client 王小明 नमस्ते", &mut none()),
            ["Chinese/Japanese (Han)", "Devanagari"]
        );
        let w = missing_scripts_warning(&["Devanagari"]).unwrap();
        assert!(w.contains("No font on this computer has Devanagari letters"));
        assert!(w.contains("Noto Sans Devanagari"));
        assert_eq!(missing_scripts_warning(&[]), None);
        // Measured as drawn: the width of "???" in DejaVu.
        let w = width("王小明", 10.0, regular, false, &mut none());
        assert!((w - width("???", 10.0, regular, false, &mut none())).abs() < 1e-3);
    }

    /// A stand-in fallback: the bold face as the "system" font for every CJK character.
    struct BoldForHan;
    impl FontSource for BoldForHan {
        fn fallback(&mut self, c: char, _bold: bool) -> Option<&'static PdfFont> {
            (script_of(c) == Some("Chinese/Japanese (Han)")).then(|| embedded(true).unwrap())
        }
    }

    #[test]
    fn a_line_splits_where_the_covering_font_changes_and_spaces_cling() {
        let regular = embedded(false).unwrap();
        let bold = embedded(true).unwrap();
        let r = runs("Name: 王小明 Wang, 李", regular, false, &mut BoldForHan);
        assert_eq!(texts(&r), ["Name: ", "王小明 ", "Wang, ", "李"]);
        assert!(std::ptr::eq(r[1].font, bold) && std::ptr::eq(r[2].font, regular));
    }

    #[test]
    fn hebrew_and_arabic_runs_are_right_to_left_in_visual_order() {
        let regular = embedded(false).unwrap();
        // DejaVu has Hebrew and Arabic letters.
        for c in ['ש', 'ב', 'م', 'ح'] {
            assert!(regular.covers(c), "{c}");
        }
        let pairs = |r: Vec<Run>| r.into_iter().map(|r| (r.text, r.rtl)).collect::<Vec<_>>();
        let owned = |p: &[(&str, bool)]| {
            p.iter()
                .map(|(t, r)| ((*t).to_owned(), *r))
                .collect::<Vec<_>>()
        };
        let r = runs("Client שרה כהן, AB", regular, false, &mut none());
        assert_eq!(
            pairs(r),
            owned(&[("Client ", false), ("שרה כהן", true), (", AB", false)])
        );
        // A number after Hebrew belongs to it (Unicode bidi): it is drawn to its left.
        let r = runs("Client שרה כהן 2025", regular, false, &mut none());
        assert_eq!(
            pairs(r),
            owned(&[("Client ", false), ("2025", false), ("שרה כהן ", true)])
        );
        // Isolated, user text keeps the number that follows it out of its direction.
        let line = format!("Initials {} · 1 session", isolate("מע"));
        assert_eq!(
            pairs(runs(&line, regular, false, &mut none())),
            owned(&[("Initials ", false), ("מע", true), (" · 1 session", false)])
        );
        assert_eq!(
            width(&line, 10.0, regular, false, &mut none()),
            width("Initials מע · 1 session", 10.0, regular, false, &mut none())
        );
        assert_eq!(isolate("Anna"), "Anna");
        // A right-to-left paragraph: the Latin in it is drawn left of the Arabic before it.
        let r = runs("محمد (Ali)", regular, false, &mut none());
        let at = |needle: char| r.iter().position(|r| r.text.contains(needle)).unwrap();
        let (ali, arabic) = (at('A'), at('م'));
        assert!(ali < arabic && r[arabic].rtl && !r[ali].rtl, "{r:?}");
        assert!(regular.shaped_width("محمد", true) > 0.0);
    }

    #[test]
    fn a_vowel_sign_stays_with_its_letter() {
        let regular = embedded(false).unwrap();
        // DejaVu lacks Devanagari; the bold stand-in has nothing either, so one "?" run.
        let r = runs("कि", regular, false, &mut none());
        assert_eq!(texts(&r), ["??"]);
        assert!(clings('\u{093F}') && clings(' ') && !clings('a'));
    }
}
