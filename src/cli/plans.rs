//! `reflexmap templates`, `rules`, `plan` and `export`: the session templates and screening
//! rules as lists, a plan file built from a template (on the feet or the hands), and a plan
//! printed to PDF.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use super::{ChartArg, OnArg, ScreenAnswer, chart_of, content_or_exit, warning_line};
use crate::load::Content;
use crate::model::*;
use crate::plan::{self, Paper, Plan, TimingStatus, check_date, evaluate, step_issues};

/// `reflexmap templates [--chart C]`: every template, or those for one chart; with a chart
/// file, how many of each template's steps are on areas that file lacks.
pub(super) fn templates(chart: Option<&ChartArg>) -> ExitCode {
    let content = match content_or_exit() {
        Ok(c) => c,
        Err(code) => return code,
    };
    let chart = match chart.map(|c| chart_of(c, &content)).transpose() {
        Ok(c) => c,
        Err(code) => return code,
    };
    let ts: Vec<&Template> = content
        .library
        .templates
        .iter()
        .filter(|t| chart.as_ref().is_none_or(|c| c.limb == t.limb))
        .collect();
    if ts.is_empty()
        && let Some(c) = &chart
    {
        println!("No templates for the {} ({}).", c.limb.both(), c.name);
        return ExitCode::SUCCESS;
    }
    let id_w = ts.iter().map(|t| t.id.chars().count()).max().unwrap_or(0);
    let name_w = ts.iter().map(|t| t.name.chars().count()).max().unwrap_or(0);
    for t in ts {
        let (lo, hi) = t.session_minutes;
        let missing = chart.as_ref().map_or(0, |c| {
            t.steps
                .iter()
                .filter(|s| s.zone.as_deref().is_some_and(|z| c.zone(z).is_none()))
                .count()
        });
        let note = if missing > 0 {
            format!("  ({missing} not on this chart)")
        } else {
            String::new()
        };
        println!(
            "{:id_w$}  {:5}  {:name_w$}  {:>7} min  {:>2} steps{note}",
            t.id,
            t.limb.both(),
            t.name,
            format!("{lo}–{hi}"),
            t.steps.len()
        );
    }
    ExitCode::SUCCESS
}

pub(super) fn rules() -> ExitCode {
    let content = match content_or_exit() {
        Ok(c) => c,
        Err(code) => return code,
    };
    let rules = &content.library.rules;
    let id_w = rules
        .iter()
        .map(|r| r.id.chars().count())
        .max()
        .unwrap_or(0);
    let group_w = rules
        .iter()
        .map(|r| r.group.label().chars().count())
        .max()
        .unwrap_or(0);
    for r in rules {
        println!(
            "{:id_w$}  {:group_w$}  {}",
            r.id,
            r.group.label(),
            r.action.label()
        );
    }
    ExitCode::SUCCESS
}

/// The arguments of `reflexmap plan`.
#[derive(Debug, Clone)]
pub(super) struct PlanArgs {
    pub template: String,
    pub screen: Vec<ScreenAnswer>,
    pub minutes: Option<u32>,
    pub initials: Option<String>,
    pub date: Option<String>,
    pub paper: Option<Paper>,
    pub apply_adaptations: bool,
    pub on: Option<OnArg>,
    pub chart: Option<ChartArg>,
    pub output: PathBuf,
}

/// Build the plan that `reflexmap plan` writes, or the messages saying why not.
fn build_plan(args: &PlanArgs, library: &Library) -> Result<Plan, Vec<String>> {
    let mut errors = Vec::new();
    let template = library.template(&args.template);
    if template.is_none() {
        let known: Vec<&str> = library.templates.iter().map(|t| t.id.as_str()).collect();
        errors.push(format!(
            "unknown template \"{}\" (known: {}; see `reflexmap templates`)",
            args.template,
            known.join(", ")
        ));
    }
    for a in &args.screen {
        if library.rule(&a.rule).is_none() {
            errors.push(format!(
                "unknown screening rule \"{}\" (see `reflexmap rules`)",
                a.rule
            ));
        }
    }
    if let Some(date) = &args.date
        && let Err(e) = check_date(date)
    {
        errors.push(format!("--date: {e}"));
    }
    let Some(template) = template else {
        return Err(errors);
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut p = Plan::from_template(template);
    for a in &args.screen {
        p.screening.insert(a.rule.clone(), a.answer);
    }
    if let Some(m) = args.minutes {
        p.session_minutes = m;
    }
    if let Some(i) = &args.initials {
        p.client_initials = i.trim().to_owned();
    }
    if let Some(d) = &args.date {
        p.date = d.clone();
    }
    if let Some(paper) = args.paper {
        p.paper = paper;
    }
    Ok(p)
}

/// The chart a new plan is for: `--chart`, or `--on`, or the template's own; a hand template
/// cannot go to the feet, and `--on` and `--chart` must agree.
fn plan_chart(args: &PlanArgs, template: Limb, content: &Content) -> Result<Chart, ExitCode> {
    let fail = |message: String| {
        eprintln!("error: {message}");
        ExitCode::FAILURE
    };
    let on = args.on.map(|o| match o {
        OnArg::Feet => Limb::Foot,
        OnArg::Hands => Limb::Hand,
    });
    let chart = match &args.chart {
        Some(c) => chart_of(c, content)?,
        None => content.chart_for(on.unwrap_or(template)).clone(),
    };
    if let Some(on) = on
        && on != chart.limb
    {
        return Err(fail(format!(
            "--on {} and a chart for the {} disagree",
            on.both(),
            chart.limb.both()
        )));
    }
    if template == Limb::Hand && chart.limb == Limb::Foot {
        return Err(fail(format!(
            "template \"{}\" is for the hands and cannot be moved to the feet (leave out --chart, or give --chart hands)",
            args.template
        )));
    }
    Ok(chart)
}

pub(super) fn make_plan(args: &PlanArgs) -> ExitCode {
    let content = match content_or_exit() {
        Ok(c) => c,
        Err(code) => return code,
    };
    let mut p = match build_plan(args, &content.library) {
        Ok(p) => p,
        Err(errors) => {
            for e in errors {
                eprintln!("error: {e}");
            }
            return ExitCode::FAILURE;
        }
    };
    let chart = match plan_chart(args, p.limb, &content) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let chart = &chart;
    let mut left_out = None;
    if p.limb == Limb::Foot && chart.limb == Limb::Hand {
        let moved = plan::move_to_hands(&p, &content.chart, chart, &content.library);
        left_out = Some(moved.summary());
        p = moved.plan;
    }
    let mut adapted = None;
    if args.apply_adaptations {
        let s = evaluate(&content.library.rules, &p);
        let mut editor = plan::PlanEditor::new(p);
        adapted = Some(editor.apply_adaptations(&s, chart, &content.library));
        p = editor.into_plan();
    }
    if let Err(e) = plan::save_plan(&args.output, &p) {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    let s = evaluate(&content.library.rules, &p);
    println!(
        "wrote {}: {} steps from \"{}\"",
        args.output.display(),
        p.steps.len(),
        p.template.as_deref().unwrap_or_default()
    );
    if let Some(moved) = left_out {
        println!("{moved}");
    }
    println!("{}", s.headline());
    if let Some(n) = adapted {
        println!("Adaptations applied: {n} step(s) changed.");
    }
    println!("{}", TimingStatus::of(&p).message());
    for note in &s.notes {
        println!("  - {note}");
    }
    if !s.allows_treatment() {
        println!("`reflexmap export` will print only a referral note for this plan.");
    } else {
        let mut adjustable = 0;
        for (i, step) in p.steps.iter().enumerate() {
            for issue in step_issues(step, &s, chart, &content.library) {
                adjustable += usize::from(issue.is_adjustable());
                println!(
                    "  step {} ({}): {}",
                    i + 1,
                    step.display_name(chart),
                    issue.message()
                );
            }
        }
        if adjustable > 0 && !args.apply_adaptations {
            println!(
                "Run again with --apply-adaptations to lower the pressure and swap the flagged techniques."
            );
        }
    }
    ExitCode::SUCCESS
}

pub(super) fn export(plan_path: &Path, output: &Path, paper: Option<Paper>) -> ExitCode {
    let started = Instant::now();
    let content = match content_or_exit() {
        Ok(c) => c,
        Err(code) => return code,
    };
    let loaded = match plan::read_plan(
        plan_path,
        &[&content.chart, &content.hands],
        &content.library,
    ) {
        Ok(l) => l,
        Err(problems) => {
            for p in &problems.0 {
                eprintln!("{p}");
            }
            eprintln!(
                "error: {} is not a valid plan; nothing was exported",
                plan_path.display()
            );
            return ExitCode::FAILURE;
        }
    };
    for w in &loaded.warnings {
        eprintln!("{}", warning_line(w));
    }
    let mut p = loaded.plan;
    if let Some(paper) = paper {
        p.paper = paper;
    }
    let chart = content.chart_for(p.limb);
    let bytes = match crate::export::plan_pdf(&p, chart, &content.library) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = crate::save::write_atomic(output, &bytes) {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    let secs = started.elapsed().as_secs_f64();
    let s = evaluate(&content.library.rules, &p);
    if s.allows_treatment() {
        println!("{}", s.headline());
        println!(
            "wrote {} ({} steps, {}) in {secs:.2} s",
            output.display(),
            p.steps.len(),
            p.paper.label()
        );
    } else {
        println!(
            "Stop verdict: only a referral note was printed, no treatment plan ({}).",
            s.triggered
                .iter()
                .filter(|r| r.action == Action::StopAndRefer)
                .map(|r| r.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
        println!(
            "wrote {} ({}) in {secs:.2} s",
            output.display(),
            p.paper.label()
        );
    }
    ExitCode::SUCCESS
}
