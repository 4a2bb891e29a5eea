//! The zone-response heat map over 50 delivered sessions (19 steps each, every one with a
//! response) against the normal map, one whole frame each (egui pass and tessellation) at the
//! same size. Target: the heat map, with its counts cached as the client page caches them,
//! costs no more per frame than the normal map. Also the counting itself, done once per change.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Pos2, RawInput, Rect, Vec2, ViewportId};
use reflexmap::geometry::ChartGeometry;
use reflexmap::model::{FootSel, Pressure, ViewKind};
use reflexmap::plan::Plan;
use reflexmap::records::delivery::{Delivery, Response, StepRecord, StepStatus, zone_heat};
use reflexmap::records::{Scores, Session, Soap};
use reflexmap::ui::clients::heat::{Measure, heat_map};
use reflexmap::ui::map_view::{MapCamera, MapInput, Overlays, map_ui};

const SIZE: Vec2 = Vec2::new(900.0, 600.0);
const SESSIONS: usize = 50;

fn sessions() -> Vec<Session> {
    let content = reflexmap::load::embedded_content().expect("content");
    let plan = Plan::from_template(
        content
            .library
            .template("neuropathy_gentle")
            .expect("template"),
    );
    (0..SESSIONS)
        .map(|i| Session {
            id: i as i64 + 1,
            client: 1,
            date: format!("2026-{:02}-{:02}", 1 + i / 28, 1 + i % 28),
            plan_ron: String::new(),
            verdict: "Adapt".into(),
            pre: Scores::default(),
            post: Scores::default(),
            soap: Soap::default(),
            signed_at: Some("2026-01-01 10:00 UTC".into()),
            addenda: Vec::new(),
            followups: Vec::new(),
            delivery: Delivery {
                steps: plan
                    .steps
                    .iter()
                    .enumerate()
                    .map(|(n, s)| StepRecord {
                        step: n,
                        zone: s.zone.clone(),
                        foot: s.foot,
                        response: Some(Response::ALL[(n + i) % 4]),
                        status: StepStatus::Done,
                        minutes: s.minutes,
                        pressure: Pressure::Light,
                    })
                    .collect(),
                ..Delivery::default()
            },
        })
        .collect()
}

fn raw(time: f64) -> RawInput {
    let mut raw = RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, SIZE)),
        time: Some(time),
        focused: true,
        events: vec![egui::Event::PointerMoved(Pos2::new(
            SIZE.x * 0.4,
            SIZE.y * 0.5,
        ))],
        ..RawInput::default()
    };
    raw.viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .native_pixels_per_point = Some(1.0);
    raw
}

fn frame(ctx: &egui::Context, time: f64, mut body: impl FnMut(&mut egui::Ui)) -> usize {
    let output = ctx.run_ui(raw(time), |ui| {
        egui::CentralPanel::default().show(ui, |ui| body(ui));
    });
    let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    black_box(primitives).len()
}

fn delivery_benches(c: &mut Criterion) {
    let content = reflexmap::load::embedded_content().expect("content");
    let chart = content.chart;
    let geometry = ChartGeometry::new(&chart);
    let geo = geometry.get(ViewKind::Plantar, FootSel::Both);
    let sessions = sessions();
    let mut group = c.benchmark_group("delivery");
    group.bench_function("zone_heat_50_sessions", |b| {
        b.iter(|| zone_heat(black_box(&sessions), 0))
    });
    let counts = zone_heat(&sessions, 0);
    assert!(
        counts.len() > 20,
        "the sessions give the map something to colour"
    );
    let ctx = egui::Context::default();
    let mut camera = MapCamera::default();
    let mut time = 0.0;
    group.bench_function("frame_normal_map", |b| {
        b.iter(|| {
            time += 1.0 / 60.0;
            frame(&ctx, time, |ui| {
                let input = MapInput {
                    chart: &chart,
                    geo,
                    selected: None,
                    overlays: Overlays {
                        guides: false,
                        longitudinal: false,
                        labels: false,
                    },
                    plan: None,
                    quiz: None,
                };
                black_box(map_ui(ui, &mut camera, &input));
            })
        })
    });
    let ctx = egui::Context::default();
    group.bench_function("frame_heat_map_50_sessions", |b| {
        b.iter(|| {
            time += 1.0 / 60.0;
            frame(&ctx, time, |ui| {
                let size = ui.available_size();
                black_box(heat_map(ui, &chart, geo, &counts, Measure::Tender, size));
            })
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(40)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = delivery_benches
}
criterion_main!(benches);
