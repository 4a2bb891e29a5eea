//! The Anki deck: every locate, name, claim-check and safety card with the chart drawings
//! (target: ≤ 5 s for the whole deck). Prints the deck's size and counts.

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use reflexmap::geometry::ChartGeometry;
use reflexmap::load::embedded_content;
use reflexmap::study::anki::{DECK_KINDS, anki_deck};
use reflexmap::study::embedded_drills;

fn anki_benches(c: &mut Criterion) {
    let content = embedded_content().expect("embedded content loads");
    let drills = embedded_drills(&content.library).expect("drills load");
    let geometry = ChartGeometry::new(&content.chart);
    let build = || {
        anki_deck(
            &content.chart,
            &geometry,
            &content.library,
            &drills,
            &DECK_KINDS,
            1_764_000_000_000,
        )
        .expect("the deck builds")
    };
    let deck = build();
    println!(
        "anki/deck: {} cards, {} drawings, {} bytes ({:.2} MB)",
        deck.notes,
        deck.media,
        deck.bytes.len(),
        deck.bytes.len() as f64 / 1e6
    );
    let mut group = c.benchmark_group("anki");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    group.bench_function("deck_all_kinds", |b| b.iter(build));
    group.finish();
}

criterion_group!(benches, anki_benches);
criterion_main!(benches);
