//! The command line: `reflexmap` (the app), `validate`, `render`, `zone`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::export::{SvgOptions, render_svg, svg_to_png};
use crate::geometry::ViewGeometry;
use crate::load::{self, Content, LibraryPart, Problems, SourceText};
use crate::model::*;

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
    /// Check chart or library files; prints `file:line:col: message` for each problem.
    Validate {
        /// Chart files (`maps/*.ron`) or library files (`techniques.ron`, `evidence.ron`, …).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Draw the chart to an SVG or PNG file.
    Render {
        /// Which view.
        #[arg(long, value_enum, default_value_t = ViewArg::Plantar)]
        view: ViewArg,
        /// Which feet.
        #[arg(long, value_enum, default_value_t = FootArg::Both)]
        foot: FootArg,
        /// A zone id to emphasise.
        #[arg(long)]
        highlight: Option<String>,
        /// Width in pixels.
        #[arg(long, default_value_t = 900.0)]
        width: f32,
        /// Use this chart file instead of the embedded one.
        #[arg(long)]
        chart: Option<PathBuf>,
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
    },
}

/// A view on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ViewArg {
    /// The sole.
    Plantar,
    /// The top of the foot.
    Dorsal,
    /// The inner side.
    Medial,
    /// The outer side.
    Lateral,
}

impl From<ViewArg> for ViewKind {
    fn from(v: ViewArg) -> Self {
        match v {
            ViewArg::Plantar => ViewKind::Plantar,
            ViewArg::Dorsal => ViewKind::Dorsal,
            ViewArg::Medial => ViewKind::Medial,
            ViewArg::Lateral => ViewKind::Lateral,
        }
    }
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
        None => crate::app::run_native(),
        Some(Command::Validate { files }) => validate(&files),
        Some(Command::Render {
            view,
            foot,
            highlight,
            width,
            chart,
            output,
        }) => render(
            view.into(),
            foot.into(),
            highlight.as_deref(),
            width,
            chart.as_deref(),
            &output,
        ),
        Some(Command::Zone { id, list }) => zone(id.as_deref(), list),
    }
}

fn content_or_exit() -> Result<Content, ExitCode> {
    load::embedded_content().map_err(|p| {
        eprintln!("the embedded content is broken (this is a bug):\n{p}");
        ExitCode::from(2)
    })
}

/// Validate one file against the embedded content; the summary line on success.
pub fn validate_file(path: &Path, content: &Content) -> Result<String, Problems> {
    let text = load::read_text(path)?;
    let name = path.display().to_string();
    let src = SourceText {
        name: &name,
        text: &text,
    };
    if name.ends_with(".plan.ron") {
        return Err(Problems(vec![load::Problem {
            file: name.clone(),
            line: 1,
            col: 1,
            message: "plan files are not supported by this version".into(),
        }]));
    }
    if let Some(part) = LibraryPart::from_path(&name) {
        let mut library = content.library.clone();
        load::parse_library_part(part, &src, &mut library)?;
        let problems =
            load::validate_library(&library, std::slice::from_ref(&src), Some(&content.chart));
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
    let chart = load::load_chart_with_library(&src, &content.library)?;
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
    view: ViewKind,
    feet: FootSel,
    highlight: Option<&str>,
    width: f32,
    chart_path: Option<&Path>,
    output: &Path,
) -> ExitCode {
    let content = match content_or_exit() {
        Ok(c) => c,
        Err(code) => return code,
    };
    let chart = match chart_path {
        None => content.chart,
        Some(path) => {
            let loaded = load::read_text(path).and_then(|text| {
                let name = path.display().to_string();
                load::load_chart_with_library(
                    &SourceText {
                        name: &name,
                        text: &text,
                    },
                    &content.library,
                )
            });
            match loaded {
                Ok(c) => c,
                Err(p) => {
                    eprintln!("{p}");
                    return ExitCode::FAILURE;
                }
            }
        }
    };
    let highlight = match highlight {
        None => None,
        Some(id) => match chart.zone_index(id) {
            Some(i) => Some(i),
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

fn zone(id: Option<&str>, list: bool) -> ExitCode {
    let content = match content_or_exit() {
        Ok(c) => c,
        Err(code) => return code,
    };
    if list || id.is_none() {
        let w = content
            .chart
            .zones
            .iter()
            .map(|z| z.id.len())
            .max()
            .unwrap_or(0);
        for z in &content.chart.zones {
            println!("{:w$}  {}", z.id, z.name);
        }
        return ExitCode::SUCCESS;
    }
    let id = id.unwrap_or_default();
    match content.chart.zone(id) {
        Some(z) => {
            print!("{}", zone_text(z, &content.library));
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("unknown zone \"{id}\" (see `reflexmap zone --list`)");
            ExitCode::FAILURE
        }
    }
}

/// A zone's full detail as plain text (what `reflexmap zone ID` prints).
pub fn zone_text(z: &Zone, lib: &Library) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{} ({})", z.name, z.id);
    if !z.aliases.is_empty() {
        let _ = writeln!(s, "Also called: {}", z.aliases.join(", "));
    }
    let views: Vec<&str> = z.views().iter().map(|v| v.label()).collect();
    let _ = writeln!(
        s,
        "System: {} · {} · views: {}",
        z.system.label(),
        z.feet().label(),
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
        let _ = writeln!(s, "\nCautions for at-risk feet");
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
