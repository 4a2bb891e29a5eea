//! Loading the embedded content: parse and validate the standard chart and the five library
//! files, and cross-check every reference (what the app does at start).

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use reflexmap::load::{
    STANDARD_CHART, embedded_content, embedded_library, load_chart, parse_ron, validate_chart,
};
use reflexmap::model::Chart;

fn load_benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.bench_function("embedded_content", |b| {
        b.iter(|| embedded_content().expect("embedded content loads"))
    });
    // The pieces, to say where the time goes.
    group.bench_function("library_parse_validate", |b| {
        b.iter(|| embedded_library().expect("library loads"))
    });
    group.bench_function("chart_parse_validate", |b| {
        b.iter(|| load_chart(&STANDARD_CHART).expect("chart loads"))
    });
    group.bench_function("chart_parse", |b| {
        b.iter(|| parse_ron::<Chart>(&STANDARD_CHART).expect("chart parses"))
    });
    let chart: Chart = parse_ron(&STANDARD_CHART).expect("chart parses");
    group.bench_function("chart_validate", |b| {
        b.iter(|| validate_chart(&chart, &STANDARD_CHART))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = load_benches
}
criterion_main!(benches);
