//! Parse and validate charts and library files. Every problem carries `file:line:col`.
//!
//! Syntax and type errors come with ron's own position. Semantic problems (duplicate ids,
//! unknown references, shapes outside the outline) are found on the parsed data and then
//! located in the text by the id or key they concern.

mod locate;
mod validate;

use std::fmt;
use std::path::Path;

use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::model::*;
pub use locate::{Locator, Span};
pub use validate::{MAX_POINTS, check_chart_refs, validate_chart, validate_library};

/// One thing wrong with a file, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// File name or path as the user gave it.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub col: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.col, self.message
        )
    }
}

/// All problems found in one load, in file order.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl Problems {
    fn single(file: &str, line: usize, col: usize, message: impl Into<String>) -> Self {
        Problems(vec![Problem {
            file: file.to_owned(),
            line,
            col,
            message: message.into(),
        }])
    }
}

/// A file's name and contents.
#[derive(Debug, Clone)]
pub struct SourceText<'a> {
    /// Name used in messages.
    pub name: &'a str,
    /// The text.
    pub text: &'a str,
}

// Why a re-export: the embedded files live in `crate::assets`; tests, benches and the fuzz
// targets name them here, beside the loader that reads them.
pub use crate::assets::{HANDS_CHART, LIBRARY_FILES, STANDARD_CHART};

/// Largest file we try to parse; anything bigger is not a chart.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// Deserialize RON with the project's options; a failure becomes a located problem.
pub fn parse_ron<T: DeserializeOwned>(src: &SourceText) -> Result<T, Problems> {
    if src.text.len() > MAX_FILE_BYTES {
        return Err(too_large(src.name, Some(src.text.len())));
    }
    if src.text.trim().is_empty() {
        return Err(Problems::single(src.name, 1, 1, "file is empty"));
    }
    let options = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .with_recursion_limit(64);
    options.from_str(src.text).map_err(|e| {
        let (line, col) = skip_blank(src.text, e.span.start.line.max(1), e.span.start.col.max(1));
        Problems::single(src.name, line, col, e.code.to_string())
    })
}

/// ron points at where it started reading a value, which may be blank space; move to the first
/// character that is not, so the column names the offending text.
fn skip_blank(text: &str, line: usize, col: usize) -> (usize, usize) {
    let Some(line_text) = text.split('\n').nth(line - 1) else {
        return (line, col);
    };
    let start = line_text
        .char_indices()
        .nth(col - 1)
        .map_or(line_text.len(), |(i, _)| i);
    let mut offset = text
        .split('\n')
        .take(line - 1)
        .map(|l| l.len() + 1)
        .sum::<usize>()
        + start;
    let bytes = text.as_bytes();
    while offset < bytes.len()
        && (bytes[offset] == b' ' || bytes[offset] == b'\t' || bytes[offset] == b'\r')
    {
        offset += 1;
    }
    Locator::new(text).line_col(offset)
}

/// Read a file as UTF-8 text, turning I/O and encoding failures into a problem at 1:1.
///
/// Reads at most [`MAX_FILE_BYTES`] + 1 bytes: an enormous file (or an endless one such as
/// `/dev/zero`) is refused as too large instead of being loaded into memory.
pub fn read_text(path: &Path) -> Result<String, Problems> {
    use std::io::Read as _;
    let name = path.display().to_string();
    let cannot =
        |e: std::io::Error| Problems::single(&name, 1, 1, format!("cannot read file: {e}"));
    let file = std::fs::File::open(path).map_err(cannot)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_large(&name, None));
    }
    decode_text(&name, bytes)
}

/// A file's bytes as UTF-8 text; invalid UTF-8 becomes a problem at the first bad byte.
pub fn decode_text(name: &str, bytes: Vec<u8>) -> Result<String, Problems> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_large(name, Some(bytes.len())));
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let text = String::from_utf8_lossy(valid);
        let line = text.matches('\n').count() + 1;
        let col = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Problems::single(name, line, col, "file is not valid UTF-8 text")
    })
}

fn too_large(name: &str, len: Option<usize>) -> Problems {
    let message = match len {
        Some(n) => format!("file is too large ({n} bytes; the limit is {MAX_FILE_BYTES} bytes)"),
        None => format!("file is too large (the limit is {MAX_FILE_BYTES} bytes)"),
    };
    Problems::single(name, 1, 1, message)
}

/// Parse and validate a chart on its own (shapes, outlines, ids).
pub fn load_chart(src: &SourceText) -> Result<Chart, Problems> {
    let chart: Chart = parse_ron(src)?;
    let problems = validate_chart(&chart, src);
    if problems.is_empty() {
        Ok(chart)
    } else {
        Err(Problems(problems))
    }
}

/// Parse and validate a chart, and check its references against a library.
pub fn load_chart_with_library(src: &SourceText, library: &Library) -> Result<Chart, Problems> {
    let chart = load_chart(src)?;
    let problems = check_chart_refs(&chart, src, library);
    if problems.is_empty() {
        Ok(chart)
    } else {
        Err(Problems(problems))
    }
}

#[derive(Deserialize)]
struct TechniquesFile {
    techniques: Vec<Technique>,
}

#[derive(Deserialize)]
struct RulesFile {
    rules: Vec<ScreeningRule>,
}

#[derive(Deserialize)]
struct TemplatesFile {
    templates: Vec<Template>,
}

/// Which library file a name refers to, by its stem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LibraryPart {
    /// `techniques.ron`
    Techniques,
    /// `evidence.ron`
    Evidence,
    /// `screening.ron`
    Screening,
    /// `templates.ron`
    Templates,
    /// `aftercare.ron`
    Aftercare,
}

impl LibraryPart {
    /// Recognise a library file by its file name.
    pub fn from_path(path: &str) -> Option<LibraryPart> {
        let stem = Path::new(path).file_stem()?.to_str()?;
        Some(match stem {
            "techniques" => Self::Techniques,
            "evidence" => Self::Evidence,
            "screening" => Self::Screening,
            "templates" => Self::Templates,
            "aftercare" => Self::Aftercare,
            _ => return None,
        })
    }
}

/// Parse one library file into `library`, replacing that part.
pub fn parse_library_part(
    part: LibraryPart,
    src: &SourceText,
    library: &mut Library,
) -> Result<(), Problems> {
    match part {
        LibraryPart::Techniques => {
            library.techniques = parse_ron::<TechniquesFile>(src)?.techniques;
        }
        LibraryPart::Evidence => library.evidence = parse_ron(src)?,
        LibraryPart::Screening => library.rules = parse_ron::<RulesFile>(src)?.rules,
        LibraryPart::Templates => {
            library.templates = parse_ron::<TemplatesFile>(src)?.templates;
        }
        LibraryPart::Aftercare => library.aftercare = parse_ron(src)?,
    }
    Ok(())
}

/// The chart and library embedded in the binary, parsed and cross-checked.
#[derive(Debug, Clone)]
pub struct Content {
    /// The foot chart.
    pub chart: Chart,
    /// The hand chart.
    pub hands: Chart,
    /// The library.
    pub library: Library,
}

impl Content {
    /// The built-in chart for `limb`.
    pub fn chart_for(&self, limb: crate::model::Limb) -> &Chart {
        match limb {
            crate::model::Limb::Foot => &self.chart,
            crate::model::Limb::Hand => &self.hands,
        }
    }
}

/// Parse the embedded library files (not yet validated).
fn parse_embedded_library() -> Result<Library, Problems> {
    let mut library = Library::default();
    let mut problems = Vec::new();
    for src in &LIBRARY_FILES {
        if let Some(part) = LibraryPart::from_path(src.name)
            && let Err(p) = parse_library_part(part, src, &mut library)
        {
            problems.extend(p.0);
        }
    }
    if problems.is_empty() {
        Ok(library)
    } else {
        Err(Problems(problems))
    }
}

/// Load the embedded library (all five files), validated.
pub fn embedded_library() -> Result<Library, Problems> {
    let library = parse_embedded_library()?;
    let problems = validate_library(&library, &LIBRARY_FILES, &[]);
    if problems.is_empty() {
        Ok(library)
    } else {
        Err(Problems(problems))
    }
}

/// Load the embedded chart and library and check every reference between them.
///
/// Reports the same problems as [`embedded_library`] followed by the chart's checks would, but
/// validates the library once (with the chart) when all is well: loading runs at every start.
pub fn embedded_content() -> Result<Content, Problems> {
    let library = parse_embedded_library()?;
    let library_alone = || validate_library(&library, &LIBRARY_FILES, &[]);
    let chart = match load_chart_with_library(&STANDARD_CHART, &library) {
        Ok(chart) => chart,
        Err(chart_problems) => {
            let problems = library_alone();
            return Err(if problems.is_empty() {
                chart_problems
            } else {
                Problems(problems)
            });
        }
    };
    let hands = load_chart_with_library(&HANDS_CHART, &library)?;
    let problems = validate_library(&library, &LIBRARY_FILES, &[&chart, &hands]);
    if problems.is_empty() {
        return Ok(Content {
            chart,
            hands,
            library,
        });
    }
    // Why: problems of the library on its own come first, as when it is loaded alone.
    let alone = library_alone();
    Err(Problems(if alone.is_empty() { problems } else { alone }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_error_has_line_and_column() {
        let src = SourceText {
            name: "bad.ron",
            text: "(\n  version: 1,\n  name: \"x\" oops\n)",
        };
        let err = parse_ron::<Chart>(&src).unwrap_err();
        let p = &err.0[0];
        assert_eq!((p.file.as_str(), p.line), ("bad.ron", 3));
        assert!(p.col > 1, "{p}");
    }

    #[test]
    fn empty_file_is_an_error_not_a_panic() {
        let src = SourceText {
            name: "empty.ron",
            text: "  \n",
        };
        assert_eq!(
            parse_ron::<Chart>(&src).unwrap_err().to_string(),
            "empty.ron:1:1: file is empty"
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let text = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let src = SourceText {
            name: "deep.ron",
            text: &text,
        };
        assert!(parse_ron::<Chart>(&src).is_err());
    }

    #[test]
    fn library_parts_are_recognised_by_name() {
        assert_eq!(
            LibraryPart::from_path("x/assets/library/evidence.ron"),
            Some(LibraryPart::Evidence)
        );
        assert_eq!(LibraryPart::from_path("maps/standard.ron"), None);
    }
}
