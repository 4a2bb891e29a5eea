//! The command line: `reflexmap` (the app), `validate`, `render`, `zone`, and the planner's
//! `templates`, `rules`, `plan` and `export`, and the client records' `records …` (in
//! `cli/records.rs`).

mod plans;
pub mod records;
pub mod records_safety;
pub mod study;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::export::{Highlight, SvgOptions, render_svg, svg_to_png};
use crate::geometry::ViewGeometry;
use crate::load::{self, Content, LibraryPart, Problems, SourceText};
use crate::model::*;
use crate::plan::{self, Answer, Paper, evaluate};

/// reflexmap — a reflexology foot chart and session planner.
#[derive(Debug, Parser)]
#[command(name = "reflexmap", version, about, long_about = None)]
pub struct Cli {
    /// What to do; with no command the app opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check chart, library or plan files; prints `file:line:col: message` for each problem.
    Validate {
        /// Chart files (`maps/*.ron`), library files (`techniques.ron`, `evidence.ron`, …) or
        /// plans (`*.plan.ron`).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Draw the chart to an SVG or PNG file.
    Render {
        /// Which view: plantar, dorsal, medial or lateral on the feet; palmar or dorsal on the
        /// hands (default: the chart's first).
        #[arg(long)]
        view: Option<String>,
        /// Which feet (or hands).
        #[arg(long, value_enum, default_value_t = FootArg::Both)]
        foot: FootArg,
        /// A zone id to emphasise.
        #[arg(long)]
        highlight: Option<String>,
        /// Width in pixels.
        #[arg(long, default_value_t = 900.0)]
        width: f32,
        /// The chart: `feet` (the default), `hands`, or a chart file.
        #[arg(long, default_value = "feet")]
        chart: ChartArg,
        /// Output file: `.svg` or `.png`.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Print a zone's full detail, or list every zone.
    Zone {
        /// The zone id (see `--list`).
        id: Option<String>,
        /// List every zone id and name.
        #[arg(long)]
        list: bool,
        /// The chart: `feet` (the default), `hands`, or a chart file.
        #[arg(long, default_value = "feet")]
        chart: ChartArg,
    },
    /// List the session templates: id, chart, name, session length and number of steps.
    Templates {
        /// Only the templates for this chart: `feet`, `hands`, or a chart file (whose areas the
        /// templates' steps are checked against). Default: every template.
        #[arg(long)]
        chart: Option<ChartArg>,
    },
    /// List the screening rules: id, group and the action a "yes" brings.
    Rules,
    /// Build a plan file from a template and screening answers.
    Plan {
        /// Template id (see `reflexmap templates`).
        #[arg(long)]
        template: String,
        /// A screening answer, `RULE_ID=yes` or `RULE_ID=no` (see `reflexmap rules`); repeat it.
        #[arg(long = "screen", value_name = "RULE_ID=yes|no", value_parser = parse_screen)]
        screen: Vec<ScreenAnswer>,
        /// Session length in minutes (default: the top of the template's range).
        #[arg(long, value_parser = clap::value_parser!(u32).range(5..=240))]
        minutes: Option<u32>,
        /// Client initials (never a full name: the file may travel).
        #[arg(long)]
        initials: Option<String>,
        /// Session date, `YYYY-MM-DD`.
        #[arg(long)]
        date: Option<String>,
        /// Paper size for printing.
        #[arg(long, value_enum)]
        paper: Option<PaperArg>,
        /// Adapt the steps to the screening before writing: lower pressure to the cap and to
        /// each zone's range, and swap forbidden techniques (pin-point moves, leg sweeps) for an
        /// allowed one.
        #[arg(long)]
        apply_adaptations: bool,
        /// Plan the session on the hands: the template's steps move to the same areas of the
        /// hand chart, and those the hands have no area for are listed (`--chart hands` does
        /// the same).
        #[arg(long, value_enum)]
        on: Option<OnArg>,
        /// The chart the plan is for: `feet`, `hands`, or a chart file. Default: the
        /// template's own (feet, or hands for a hand template). A foot template on a hand
        /// chart moves there, as with `--on hands`.
        #[arg(long)]
        chart: Option<ChartArg>,
        /// The plan file to write (`*.plan.ron`).
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Print a plan to PDF: the session sequence, or only a referral note after a stop verdict.
    Export {
        /// The plan file (`*.plan.ron`).
        plan: PathBuf,
        /// The PDF file to write.
        #[arg(short, long)]
        output: PathBuf,
        /// Paper size (default: the plan's own).
        #[arg(long, value_enum)]
        paper: Option<PaperArg>,
    },
    /// Client records: clients, sessions, follow-ups; print a record or export its scores.
    Records(records::RecordsArgs),
    /// Study material to take away: an Anki deck of the study cards.
    Study(study::StudyArgs),
}

/// One `--screen RULE_ID=yes|no` argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScreenAnswer {
    /// The rule id, as typed.
    pub rule: String,
    /// The answer.
    pub answer: Answer,
}

/// Parse `RULE_ID=yes|no` (also `y`/`n`, any case).
pub fn parse_screen(arg: &str) -> Result<ScreenAnswer, String> {
    let (rule, answer) = arg
        .split_once('=')
        .ok_or_else(|| format!("expected RULE_ID=yes or RULE_ID=no, got \"{arg}\""))?;
    let answer = match answer.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" => Answer::Yes,
        "no" | "n" => Answer::No,
        other => return Err(format!("the answer must be yes or no, not \"{other}\"")),
    };
    let rule = rule.trim();
    if rule.is_empty() {
        return Err(format!("expected RULE_ID=yes or RULE_ID=no, got \"{arg}\""));
    }
    Ok(ScreenAnswer {
        rule: rule.to_owned(),
        answer,
    })
}

/// Paper size on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PaperArg {
    /// ISO A4.
    A4,
    /// US Letter.
    Letter,
}

impl From<PaperArg> for Paper {
    fn from(p: PaperArg) -> Self {
        match p {
            PaperArg::A4 => Paper::A4,
            PaperArg::Letter => Paper::Letter,
        }
    }
}

/// `--chart`: one of the embedded charts or a chart file.
#[derive(Debug, Clone, PartialEq)]
pub enum ChartArg {
    /// The embedded foot chart.
    Feet,
    /// The embedded hand chart.
    Hands,
    /// A chart file.
    File(PathBuf),
}

impl std::str::FromStr for ChartArg {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "feet" | "foot" => Self::Feet,
            "hands" | "hand" => Self::Hands,
            path => Self::File(PathBuf::from(path)),
        })
    }
}

/// The chart `--chart` names, loaded (a file is checked against the embedded library).
pub(crate) fn chart_of(arg: &ChartArg, content: &Content) -> Result<Chart, ExitCode> {
    match arg {
        ChartArg::Feet => Ok(content.chart.clone()),
        ChartArg::Hands => Ok(content.hands.clone()),
        ChartArg::File(path) => load::read_text(path)
            .and_then(|text| {
                let name = path.display().to_string();
                load::load_chart_with_library(
                    &SourceText {
                        name: &name,
                        text: &text,
                    },
                    &content.library,
                )
            })
            .map_err(|p| {
                eprintln!("{p}");
                ExitCode::FAILURE
            }),
    }
}

/// The view `--view` names on `chart` (its first when none is named).
fn view_of(chart: &Chart, view: Option<&str>) -> Result<ViewKind, ExitCode> {
    let Some(name) = view else {
        return Ok(chart.first_view());
    };
    match ViewKind::find(name).filter(|v| chart.view(*v).is_some()) {
        Some(v) => Ok(v),
        None => {
            let known: Vec<&str> = chart.view_kinds().iter().map(|v| v.id()).collect();
            eprintln!(
                "the chart \"{}\" has no {name} view (it has: {})",
                chart.name,
                known.join(", ")
            );
            Err(ExitCode::FAILURE)
        }
    }
}

/// `plan --on`: the feet or the hands.
#[derive(Debug, Clone, Copy, PartialEq, ValueEnum)]
pub enum OnArg {
    /// On the feet.
    Feet,
    /// On the hands.
    Hands,
}

/// Feet on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FootArg {
    /// Both feet.
    Both,
    /// Left only.
    Left,
    /// Right only.
    Right,
}

impl From<FootArg> for FootSel {
    fn from(f: FootArg) -> Self {
        match f {
            FootArg::Both => FootSel::Both,
            FootArg::Left => FootSel::Left,
            FootArg::Right => FootSel::Right,
        }
    }
}

/// Run the binary.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        #[cfg(feature = "gui")]
        None => crate::app::run_native(),
        #[cfg(not(feature = "gui"))]
        None => {
            eprintln!("this reflexmap was built without the app (feature \"gui\"); see --help");
            ExitCode::FAILURE
        }
        Some(Command::Validate { files }) => validate(&files),
        Some(Command::Render {
            view,
            foot,
            highlight,
            width,
            chart,
            output,
        }) => render(
            view.as_deref(),
            foot.into(),
            highlight.as_deref(),
            width,
            &chart,
            &output,
        ),
        Some(Command::Zone { id, list, chart }) => zone(id.as_deref(), list, &chart),
        Some(Command::Templates { chart }) => plans::templates(chart.as_ref()),
        Some(Command::Rules) => plans::rules(),
        Some(Command::Plan {
            template,
            screen,
            minutes,
            initials,
            date,
            paper,
            apply_adaptations,
            on,
            chart,
            output,
        }) => plans::make_plan(&plans::PlanArgs {
            template,
            screen,
            minutes,
            initials,
            date,
            paper: paper.map(Paper::from),
            apply_adaptations,
            on,
            chart,
            output,
        }),
        Some(Command::Export {
            plan,
            output,
            paper,
        }) => plans::export(&plan, &output, paper.map(Paper::from)),
        Some(Command::Records(args)) => records::run(args),
        Some(Command::Study(args)) => study::run(args),
    }
}

pub(crate) fn content_or_exit() -> Result<Content, ExitCode> {
    load::embedded_content().map_err(|p| {
        eprintln!("the embedded content is broken (this is a bug):\n{p}");
        ExitCode::from(2)
    })
}

/// Validate one file against the embedded content; the summary line on success.
pub fn validate_file(path: &Path, content: &Content) -> Result<String, Problems> {
    let text = load::read_text(path)?;
    let name = path.display().to_string();
    validate_source(
        &SourceText {
            name: &name,
            text: &text,
        },
        content,
    )
}

/// Validate a file's text as `reflexmap validate` does; its name decides the kind: `*.plan.ron`
/// is a plan, a library file name (`techniques.ron`, …) is that part, anything else a chart.
pub fn validate_source(src: &SourceText, content: &Content) -> Result<String, Problems> {
    let name = src.name;
    if name.ends_with(".plan.ron") {
        let loaded = plan::load_plan(src, &[&content.chart, &content.hands], &content.library)?;
        let p = &loaded.plan;
        let s = evaluate(&content.library.rules, p);
        let mut out = String::new();
        for w in &loaded.warnings {
            let _ = writeln!(out, "{}", warning_line(w));
        }
        let unanswered = if s.unanswered > 0 {
            format!(" ({} screening questions unanswered)", s.unanswered)
        } else {
            String::new()
        };
        let _ = write!(
            out,
            "{name}: ok, plan with {} steps, {} of {} min, verdict: {}{unanswered}",
            p.steps.len(),
            plan::format_minutes(p.total_minutes()),
            p.session_minutes,
            s.shown_verdict().label(),
        );
        return Ok(out);
    }
    if let Some(part) = LibraryPart::from_path(name) {
        let mut library = content.library.clone();
        load::parse_library_part(part, src, &mut library)?;
        let problems = load::validate_library(
            &library,
            std::slice::from_ref(src),
            &[&content.chart, &content.hands],
        );
        if !problems.is_empty() {
            return Err(Problems(problems));
        }
        let summary = match part {
            LibraryPart::Techniques => format!("{} techniques", library.techniques.len()),
            LibraryPart::Evidence => format!(
                "{} citations, {} claims, {} chart sources",
                library.evidence.citations.len(),
                library.evidence.claims.len(),
                library.evidence.chart_sources.len()
            ),
            LibraryPart::Screening => format!("{} screening rules", library.rules.len()),
            LibraryPart::Templates => format!("{} templates", library.templates.len()),
            LibraryPart::Aftercare => "aftercare handout".to_owned(),
        };
        return Ok(format!("{name}: ok, {summary}"));
    }
    let chart = load::load_chart_with_library(src, &content.library)?;
    Ok(format!(
        "{name}: ok, chart \"{}\" with {} zones on {} views",
        chart.name,
        chart.zones.len(),
        chart.views.len()
    ))
}

fn validate(files: &[PathBuf]) -> ExitCode {
    let content = match content_or_exit() {
        Ok(c) => c,
        Err(code) => return code,
    };
    let mut failed = false;
    for path in files {
        match validate_file(path, &content) {
            Ok(summary) => println!("{summary}"),
            Err(problems) => {
                failed = true;
                for p in problems.0 {
                    println!("{p}");
                }
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn render(
    view: Option<&str>,
    feet: FootSel,
    highlight: Option<&str>,
    width: f32,
    chart: &ChartArg,
    output: &Path,
) -> ExitCode {
    let content = match content_or_exit() {
        Ok(c) => c,
        Err(code) => return code,
    };
    let chart = match chart_of(chart, &content) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let view = match view_of(&chart, view) {
        Ok(v) => v,
        Err(code) => return code,
    };
    let highlight = match highlight {
        None => Highlight::None,
        Some(id) => match chart.zone_index(id) {
            Some(i) => Highlight::Zone(i),
            None => {
                eprintln!("unknown zone \"{id}\" (see `reflexmap zone --list`)");
                return ExitCode::FAILURE;
            }
        },
    };
    if chart.view(view).is_none() {
        eprintln!("the chart has no {} view", view.id());
        return ExitCode::FAILURE;
    }
    if !(100.0..=10_000.0).contains(&width) {
        eprintln!("--width must be between 100 and 10000 pixels");
        return ExitCode::FAILURE;
    }
    let geo = ViewGeometry::build(&chart, view, feet);
    let svg = render_svg(
        &chart,
        &geo,
        &SvgOptions {
            view,
            feet,
            highlight,
            width,
            ..SvgOptions::default()
        },
    );
    let ext = output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let bytes = match ext.as_deref() {
        Some("svg") => svg.into_bytes(),
        Some("png") => match svg_to_png(&svg, 1.0) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        },
        _ => {
            eprintln!("{}: the output must end in .svg or .png", output.display());
            return ExitCode::FAILURE;
        }
    };
    match crate::save::write_atomic(output, &bytes) {
        Ok(()) => {
            println!("wrote {}", output.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

fn zone(id: Option<&str>, list: bool, chart: &ChartArg) -> ExitCode {
    let content = match content_or_exit() {
        Ok(c) => c,
        Err(code) => return code,
    };
    let chart = match chart_of(chart, &content) {
        Ok(c) => c,
        Err(code) => return code,
    };
    if list || id.is_none() {
        let w = chart.zones.iter().map(|z| z.id.len()).max().unwrap_or(0);
        for z in &chart.zones {
            println!("{:w$}  {}", z.id, z.name);
        }
        return ExitCode::SUCCESS;
    }
    let id = id.unwrap_or_default();
    match chart.zone(id) {
        Some(z) => {
            print!("{}", zone_text(z, &content.library, &chart));
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("unknown zone \"{id}\" (see `reflexmap zone --list`)");
            ExitCode::FAILURE
        }
    }
}

/// A zone's full detail as plain text (what `reflexmap zone ID` prints).
pub fn zone_text(z: &Zone, lib: &Library, chart: &Chart) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{} ({})", z.name, z.id);
    if !z.aliases.is_empty() {
        let _ = writeln!(s, "Also called: {}", z.aliases.join(", "));
    }
    let views: Vec<&str> = z.views().iter().map(|v| chart.view_label(*v)).collect();
    let _ = writeln!(
        s,
        "System: {} · {} · views: {}",
        z.system.label(),
        z.feet().label_for(chart.limb),
        views.join(", ")
    );
    let _ = writeln!(s, "\nTradition\n  {}", z.corresponds_to);
    let _ = writeln!(s, "\nWhere\n  {}", z.location);
    let _ = writeln!(s, "\nHow it is worked\n  {}", z.guidance);
    let _ = writeln!(
        s,
        "  Pressure: {} · about {}–{} min · direction: {}",
        z.pressure.label(),
        z.minutes.0,
        z.minutes.1,
        z.direction
    );
    let _ = writeln!(s, "\nTechniques");
    for t in &z.techniques {
        match lib.technique(t) {
            Some(t) if chart.limb == Limb::Hand && !t.on_hands.is_empty() => {
                let _ = writeln!(
                    s,
                    "  • {} — {} pressure. {}",
                    t.name,
                    t.pressure.label().to_lowercase(),
                    t.on_hands
                );
                let _ = writeln!(s, "    At-risk hands: {}", t.at_risk_hands);
            }
            Some(t) => {
                let _ = writeln!(
                    s,
                    "  • {} — {} pressure, {}",
                    t.name,
                    t.pressure.label().to_lowercase(),
                    t.duration
                );
                let _ = writeln!(s, "    At-risk feet: {}", t.at_risk_feet);
            }
            None => {
                let _ = writeln!(s, "  • {t} (not in the library)");
            }
        }
    }
    if !z.cautions.is_empty() {
        let _ = writeln!(s, "\nCautions for at-risk {}", chart.limb.both());
        for c in &z.cautions {
            let _ = writeln!(s, "  ! {c}");
        }
    }
    let _ = writeln!(s, "\nWhat the evidence says");
    for c in &z.caveats {
        if let Some(claim) = lib.claim(c) {
            let _ = writeln!(
                s,
                "  [{}] {} ({})",
                claim.grade.label(),
                claim.plain,
                claim.id
            );
            if let Some(note) = claim.area_note() {
                let _ = writeln!(s, "      {note}");
            }
            for cid in &claim.citations {
                if let Some(cit) = lib.citation(cid) {
                    let link = cit.url().unwrap_or_else(|| "no identifier".into());
                    let _ = writeln!(s, "      – {}: {} {}", cit.short(), cit.title, link);
                }
            }
        }
    }
    if let Some(d) = &z.disagreement {
        let _ = writeln!(s, "\nCharts disagree here\n  {d}");
    }
    if !z.sources.is_empty() {
        let _ = writeln!(s, "\nPlacement sources: {}", z.sources.join(", "));
    }
    s
}

/// A warning as `file:line:col: warning: message`.
pub(crate) fn warning_line(w: &load::Problem) -> String {
    format!("{}:{}:{}: warning: {}", w.file, w.line, w.col, w.message)
}
