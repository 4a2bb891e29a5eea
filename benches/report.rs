//! The printed progress report of a client with 50 sessions, each with a note and two
//! follow-ups (target: 300 ms or less). Prints the file's size and page count.

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use reflexmap::export::{ReportOptions, progress_report_pdf};
use reflexmap::load::embedded_content;
use reflexmap::plan::{Plan, plan_to_string};
use reflexmap::records::{
    ClientDetails, ClientRecord, Followup, Scores, SessionDraft, Side, Soap, Store, Symptom, date,
};

fn scores(i: usize) -> Scores {
    let mut s = Scores::default();
    for (k, symptom) in [Symptom::Numbness, Symptom::Tingling, Symptom::Burning]
        .into_iter()
        .enumerate()
    {
        let v = ((i * 3 + k * 5) % 9) as u8;
        s.set(symptom, Side::Left, Some(v));
        s.set(symptom, Side::Right, Some(v.saturating_sub(1)));
    }
    s.set(Symptom::Sleep, Side::Both, Some((i % 7) as u8 + 2));
    s
}

fn record() -> ClientRecord {
    let content = embedded_content().expect("embedded content loads");
    let plan = Plan::from_template(
        content
            .library
            .template("neuropathy_gentle")
            .expect("the neuropathy template"),
    );
    let plan_ron = plan_to_string(&plan).expect("plan RON");
    let mut store = Store::open_in_memory().expect("records open");
    let client = store
        .add_client(&ClientDetails {
            name: "Bench Client".into(),
            ..ClientDetails::default()
        })
        .expect("client");
    let start = date::parse("2025-01-06").expect("a date");
    for i in 0..50 {
        let day = start + 7 * i as i64;
        let session = store
            .add_session(
                client,
                &SessionDraft {
                    date: date::iso(day),
                    plan_ron: plan_ron.clone(),
                    verdict: "Go".into(),
                    pre: scores(i),
                    post: scores(i + 1),
                    soap: Soap {
                        subjective: "Feet felt cold and numb in the mornings this week.".into(),
                        objective: "Dry skin on both heels, no wounds.".into(),
                        assessment: "Settled well; no discomfort reported.".into(),
                        plan: "Same plan next week; aftercare sheet given.".into(),
                    },
                },
            )
            .expect("session");
        for hours in [24, 48] {
            store
                .add_followup(
                    session,
                    &Followup {
                        hours,
                        date: date::iso(day + i64::from(hours / 24)),
                        scores: scores(i + 2),
                        note: "Phoned; nothing new.".into(),
                        ..Followup::default()
                    },
                )
                .expect("follow-up");
        }
        store.sign_session(session).expect("signed");
    }
    store.client(client).expect("record")
}

fn report_benches(c: &mut Criterion) {
    let rec = record();
    let opts = ReportOptions::default();
    let pdf = progress_report_pdf(&rec, &opts).expect("report builds");
    println!(
        "report/50_sessions: {} sessions, {} bytes ({:.2} MB)",
        rec.sessions.len(),
        pdf.len(),
        pdf.len() as f64 / 1e6
    );
    let mut group = c.benchmark_group("report");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    group.bench_function("progress_report_50_sessions", |b| {
        b.iter(|| progress_report_pdf(&rec, &opts).expect("report builds"))
    });
    group.finish();
}

criterion_group!(benches, report_benches);
criterion_main!(benches);
