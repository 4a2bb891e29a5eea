//! The printable PDF: the gentle neuropathy template, and a 20-step plan (twenty different
//! zones, so twenty different thumbnails). Prints each file's size.

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use reflexmap::export::plan_pdf;
use reflexmap::load::{Content, embedded_content};
use reflexmap::plan::{Answer, Plan, PlanStep};

/// Every screening question answered "no" (so the full plan prints, not a referral note).
fn screened(c: &Content, mut plan: Plan) -> Plan {
    plan.client_initials = "AB".into();
    plan.date = "2026-11-22".into();
    for rule in &c.library.rules {
        plan.screening.insert(rule.id.clone(), Answer::No);
    }
    plan
}

fn neuropathy_plan(c: &Content) -> Plan {
    let template = c
        .library
        .template("neuropathy_gentle")
        .expect("the neuropathy template");
    screened(c, Plan::from_template(template))
}

/// Twenty steps on twenty different zones, each with its zone's first technique.
fn twenty_step_plan(c: &Content) -> Plan {
    let steps: Vec<PlanStep> = c
        .chart
        .zones
        .iter()
        .take(20)
        .map(|z| PlanStep {
            zone: Some(z.id.clone()),
            title: None,
            foot: Default::default(),
            technique: z.techniques[0].clone(),
            pressure: z.pressure.min,
            minutes: z.minutes.0,
            note: format!("Work {} slowly; check in with the client.", z.name),
        })
        .collect();
    assert_eq!(steps.len(), 20);
    let plan = Plan {
        session_minutes: 60,
        steps,
        ..Plan::default()
    };
    screened(c, plan)
}

fn export_benches(c: &mut Criterion) {
    let content = embedded_content().expect("embedded content loads");
    let plans = [
        ("neuropathy_template", neuropathy_plan(&content)),
        ("plan_20_steps", twenty_step_plan(&content)),
    ];
    for (name, plan) in &plans {
        let pdf = plan_pdf(plan, &content.chart, &content.library).expect("PDF builds");
        println!(
            "export/{name}: {} steps, {} bytes ({:.2} MB)",
            plan.steps.len(),
            pdf.len(),
            pdf.len() as f64 / 1e6
        );
    }
    let mut group = c.benchmark_group("export");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for (name, plan) in &plans {
        group.bench_function(*name, |b| {
            b.iter(|| plan_pdf(plan, &content.chart, &content.library).expect("PDF builds"))
        });
    }
    group.finish();
}

criterion_group!(benches, export_benches);
criterion_main!(benches);
