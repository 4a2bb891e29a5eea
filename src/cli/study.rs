//! `reflexmap study …`: study material to take away, from the same items as the app's Study
//! mode. `study anki` writes an Anki deck.
//!
//! Every argument is checked before anything is built, and the file is written atomically: a bad
//! argument exits 1 with a message and writes nothing.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};

use crate::geometry::ChartGeometry;
use crate::study::QuizKind;
use crate::study::anki::{DECK_KINDS, anki_deck};

/// `reflexmap study`: the subcommand.
#[derive(Debug, Args)]
pub struct StudyArgs {
    /// What to make.
    #[command(subcommand)]
    pub command: StudyCommand,
    /// The chart: `feet` (the default), `hands`, or a chart file.
    #[arg(long, global = true, default_value = "feet")]
    pub chart: crate::cli::ChartArg,
}

/// `reflexmap study …` commands.
#[derive(Debug, Subcommand)]
pub enum StudyCommand {
    /// Write an Anki deck (.apkg): locate and name cards with the chart, claim-check and safety
    /// cards, tagged by kind, body system, view and foot.
    Anki {
        /// The deck file to write (`*.apkg`).
        #[arg(short, long)]
        output: PathBuf,
        /// Which cards, comma-separated: locate, name, claim, safety (default: all four).
        #[arg(long, value_name = "KINDS", default_value = "locate,name,claim,safety")]
        kinds: String,
    },
    /// Print a quiz: numbered questions drawn by the seed from the chosen kinds (chart questions
    /// with their drawing, choices lettered), and the answers on the last page.
    Quiz {
        /// The PDF file to write.
        #[arg(short, long)]
        output: PathBuf,
        /// Which questions, comma-separated: locate, name, lines, sequence, safety, claim.
        #[arg(
            long,
            value_name = "KINDS",
            default_value = "locate,name,lines,sequence,safety,claim"
        )]
        kinds: String,
        /// How many questions (1–100).
        #[arg(long, default_value_t = 20)]
        count: usize,
        /// The seed: the same seed gives the same quiz.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// a4 or letter.
        #[arg(long, default_value = "a4")]
        paper: String,
    },
    /// Print a labelling worksheet: one view of one foot with every area numbered on a leader
    /// line and a line to write its name on, and the answer key on the last page.
    Worksheet {
        /// plantar, dorsal, medial or lateral on the feet; palmar or dorsal on the hands
        /// (default: the chart's first).
        #[arg(long)]
        view: Option<String>,
        /// left or right (a worksheet labels one foot).
        #[arg(long)]
        foot: String,
        /// a4 or letter.
        #[arg(long, default_value = "a4")]
        paper: String,
        /// The PDF file to write.
        #[arg(short, long)]
        output: PathBuf,
    },
}

/// Run `reflexmap study …`.
pub fn run(args: StudyArgs) -> ExitCode {
    match args.command {
        StudyCommand::Anki { output, kinds } => anki(&output, &kinds, &args.chart),
        StudyCommand::Worksheet {
            view,
            foot,
            paper,
            output,
        } => worksheet(view.as_deref(), &foot, &paper, &output, &args.chart),
        StudyCommand::Quiz {
            output,
            kinds,
            count,
            seed,
            paper,
        } => quiz(&output, &kinds, count, seed, &paper, &args.chart),
    }
}

/// Parse `locate,name,…` into deck kinds; the message names the first word that is not one.
pub fn parse_kinds(list: &str) -> Result<Vec<QuizKind>, String> {
    parse_kinds_of(list, &DECK_KINDS, "a card kind")
}

/// Parse a comma-separated list of kinds from those allowed.
fn parse_kinds_of(list: &str, allowed: &[QuizKind], what: &str) -> Result<Vec<QuizKind>, String> {
    let names = allowed
        .iter()
        .map(|k| k.key_prefix())
        .collect::<Vec<_>>()
        .join(", ");
    let mut kinds = Vec::new();
    for word in list.split(',').map(str::trim).filter(|w| !w.is_empty()) {
        let kind = allowed
            .iter()
            .find(|k| k.key_prefix() == word.to_lowercase())
            .ok_or_else(|| format!("--kinds: \"{word}\" is not {what} (choose from {names})"))?;
        if !kinds.contains(kind) {
            kinds.push(*kind);
        }
    }
    if kinds.is_empty() {
        return Err(format!("--kinds: name at least one of {names}"));
    }
    Ok(kinds)
}

/// Where a file may be written: its folder must exist.
fn check_output(output: &Path, extension: &str) -> Result<(), String> {
    if output.extension().and_then(|e| e.to_str()) != Some(extension) {
        return Err(format!(
            "{}: the file must end in .{extension}",
            output.display()
        ));
    }
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !parent.is_dir() {
        return Err(format!("{}: no such folder", parent.display()));
    }
    Ok(())
}

/// Parse the worksheet's view, foot and paper; the message names the bad one.
fn worksheet_args(
    chart: &crate::model::Chart,
    view: Option<&str>,
    foot: &str,
    paper: &str,
) -> Result<
    (
        crate::model::ViewKind,
        crate::model::Foot,
        crate::plan::Paper,
    ),
    String,
> {
    use crate::model::Foot;
    let views = chart.view_kinds();
    let view = match view {
        None => chart.first_view(),
        Some(name) => views
            .iter()
            .copied()
            .find(|v| v.id() == name.to_lowercase())
            .ok_or_else(|| {
                let ids: Vec<&str> = views.iter().map(|v| v.id()).collect();
                format!(
                    "--view: \"{name}\" is not a view of this chart ({})",
                    ids.join(", ")
                )
            })?,
    };
    let foot = match foot.to_lowercase().as_str() {
        "left" => Foot::Left,
        "right" => Foot::Right,
        other => {
            return Err(format!(
                "--foot: \"{other}\" — a worksheet labels one foot: left or right"
            ));
        }
    };
    Ok((view, foot, parse_paper(paper)?))
}

/// `--paper`: a4 or letter.
fn parse_paper(paper: &str) -> Result<crate::plan::Paper, String> {
    match paper.to_lowercase().as_str() {
        "a4" => Ok(crate::plan::Paper::A4),
        "letter" => Ok(crate::plan::Paper::Letter),
        other => Err(format!("--paper: \"{other}\" is not a4 or letter")),
    }
}

/// Say why nothing was written and exit 1.
fn refuse(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {message}; nothing was written");
    ExitCode::FAILURE
}

/// Write the file atomically and print what it holds; exit 1 when the write fails.
fn write(output: &Path, bytes: &[u8], what: std::fmt::Arguments) -> ExitCode {
    if let Err(e) = crate::save::write_atomic(output, bytes) {
        eprintln!("error: {}: {e}", output.display());
        return ExitCode::FAILURE;
    }
    println!("wrote {}: {what}", output.display());
    ExitCode::SUCCESS
}

fn worksheet(
    view: Option<&str>,
    foot: &str,
    paper: &str,
    output: &Path,
    chart: &crate::cli::ChartArg,
) -> ExitCode {
    let (content, _, geometry) = match study_content(chart) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let args = worksheet_args(&content.chart, view, foot, paper)
        .and_then(|a| check_output(output, "pdf").map(|()| a));
    let (view, foot, paper) = match args {
        Ok(a) => a,
        Err(message) => return refuse(message),
    };
    let n = crate::export::worksheet_areas(&geometry, view, foot).len();
    match crate::export::worksheet_pdf(&content.chart, &geometry, view, foot, paper) {
        Ok(bytes) => write(
            output,
            &bytes,
            format_args!(
                "{n} numbered areas ({} view, {} {}) and the answer key",
                view.id(),
                foot.label().to_lowercase(),
                content.chart.limb.one()
            ),
        ),
        Err(e) => refuse(e),
    }
}

fn quiz(
    output: &Path,
    kinds: &str,
    count: usize,
    seed: u64,
    paper: &str,
    chart: &crate::cli::ChartArg,
) -> ExitCode {
    use crate::study::print::{PRINT_KINDS, printable};
    let args = parse_kinds_of(kinds, &PRINT_KINDS, "a printable quiz kind")
        .and_then(|k| {
            if (1..=100).contains(&count) {
                Ok(k)
            } else {
                Err(format!("--count: {count} is not between 1 and 100"))
            }
        })
        .and_then(|k| parse_paper(paper).map(|p| (k, p)))
        .and_then(|a| check_output(output, "pdf").map(|()| a));
    let (kinds, paper) = match args {
        Ok(a) => a,
        Err(message) => return refuse(message),
    };
    let (content, drills, geometry) = match study_content(chart) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let items = crate::study::catalog(&content.chart, &geometry, &content.library, &drills);
    let src = crate::study::Sources {
        chart: &content.chart,
        geometry: &geometry,
        library: &content.library,
        drills: &drills,
    };
    let questions = printable(&items, &kinds, count, seed, src);
    match crate::export::quiz_pdf(&content.chart, &geometry, &questions, paper) {
        Ok(bytes) => write(
            output,
            &bytes,
            format_args!(
                "{} questions (seed {seed}) and the answers",
                questions.len()
            ),
        ),
        Err(e) => refuse(e),
    }
}

/// The content, the embedded drills and the chart's geometry, as the study commands need
/// them; the exit code when they cannot be had.
fn study_content(
    chart: &crate::cli::ChartArg,
) -> Result<(crate::load::Content, crate::study::Drills, ChartGeometry), ExitCode> {
    let mut content = crate::cli::content_or_exit()?;
    // Why replace the chart in the content: every study command reads `content.chart`.
    content.chart = crate::cli::chart_of(chart, &content)?;
    let drills = crate::study::embedded_drills(&content.library).map_err(|p| {
        eprintln!("the embedded study drills are broken (this is a bug):\n{p}");
        ExitCode::from(2)
    })?;
    let geometry = ChartGeometry::new(&content.chart);
    Ok((content, drills, geometry))
}

fn anki(output: &Path, kinds: &str, chart: &crate::cli::ChartArg) -> ExitCode {
    let kinds = match parse_kinds(kinds).and_then(|k| check_output(output, "apkg").map(|()| k)) {
        Ok(k) => k,
        Err(message) => return refuse(message),
    };
    let (content, drills, geometry) = match study_content(chart) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
    match anki_deck(
        &content.chart,
        &geometry,
        &content.library,
        &drills,
        &kinds,
        now_ms,
    ) {
        Ok(deck) => write(
            output,
            &deck.bytes,
            format_args!(
                "{} cards, {} chart drawings, {} KB",
                deck.notes,
                deck.media,
                deck.bytes.len().div_ceil(1024)
            ),
        ),
        Err(e) => refuse(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_parse_and_bad_words_are_named() {
        assert_eq!(
            parse_kinds("name, locate,name").unwrap(),
            vec![QuizKind::Name, QuizKind::Locate]
        );
        assert!(
            parse_kinds("sequence")
                .unwrap_err()
                .contains("\"sequence\"")
        );
        assert!(parse_kinds(",").is_err());
    }
}
