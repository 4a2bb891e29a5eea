//! Hit testing, per query: the standard chart's plantar view (both feet), and a generated chart
//! of 2,000 zones tiled inside the plantar outline (4,000 pieces with both feet shown).
//!
//! Queries walk a grid over the view's bounds, so hits (early and late in the drawing order)
//! and misses (between zones and off the feet) are all measured.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use reflexmap::geometry::{ChartGeometry, Point, ViewGeometry, geom_outline, point_in_polygon};
use reflexmap::load::{SourceText, embedded_content, validate_chart};
use reflexmap::model::{BodySystem, Chart, FootSel, Geom, ViewKind, Zone, ZoneShape};

/// Zones in the generated chart.
const GENERATED_ZONES: usize = 2_000;

/// Query points: a grid over the view's bounds (with a small margin off the feet).
fn queries(geo: &ViewGeometry, n: usize) -> Vec<Point> {
    let b = geo.bounds;
    let (mx, my) = (b.width() * 0.02, b.height() * 0.02);
    let mut out = Vec::with_capacity(n * n);
    for j in 0..n {
        for i in 0..n {
            // Why the odd offsets: points off the grid lines the zones were tiled on.
            let u = (i as f32 + 0.37) / n as f32;
            let v = (j as f32 + 0.61) / n as f32;
            out.push(Point::new(
                b.min.x - mx + u * (b.width() + 2.0 * mx),
                b.min.y - my + v * (b.height() + 2.0 * my),
            ));
        }
    }
    out
}

/// A valid chart of `count` small zones (ellipses, convex and concave polygons) tiled inside
/// the standard plantar outline, every zone on both feet.
fn generated_chart(count: usize) -> Chart {
    let standard = embedded_content().expect("embedded content loads").chart;
    let def = standard
        .view(ViewKind::Plantar)
        .expect("the standard chart has a plantar view")
        .clone();
    let scale = (def.aspect, 1.0);
    let outline: Vec<Point> = def
        .outline
        .iter()
        .map(|p| Point::new(p.0 * scale.0, p.1 * scale.1))
        .collect();
    let template = standard.zones[0].clone();
    // Finer and finer grids until enough cells lie wholly inside the foot.
    for cols in 30.. {
        let rows = cols * 5 / 2;
        let (w, h) = (1.0 / cols as f32, 1.0 / rows as f32);
        let mut zones = Vec::with_capacity(count);
        'grid: for r in 0..rows {
            for c in 0..cols {
                let (x, y) = ((c as f32 + 0.5) * w, (r as f32 + 0.5) * h);
                let (rx, ry) = (0.4 * w, 0.4 * h);
                let geom = match zones.len() % 3 {
                    0 => Geom::Ellipse {
                        center: (x, y),
                        size: (2.0 * rx, 2.0 * ry),
                    },
                    1 => Geom::Polygon {
                        // A hexagon.
                        points: (0..6)
                            .map(|k| {
                                let a = k as f32 * std::f32::consts::TAU / 6.0;
                                (x + rx * a.cos(), y + ry * a.sin())
                            })
                            .collect(),
                    },
                    _ => Geom::Polygon {
                        // An L (concave).
                        points: vec![
                            (x - rx, y - ry),
                            (x, y - ry),
                            (x, y),
                            (x + rx, y),
                            (x + rx, y + ry),
                            (x - rx, y + ry),
                        ],
                    },
                };
                let inside = geom_outline(&geom, scale)
                    .iter()
                    .all(|p| point_in_polygon(*p, &outline));
                if !inside {
                    continue;
                }
                let i = zones.len();
                zones.push(Zone {
                    id: format!("zone_{i}"),
                    name: format!("Zone {i}"),
                    system: BodySystem::ALL[i % BodySystem::ALL.len()],
                    shapes: vec![ZoneShape {
                        view: ViewKind::Plantar,
                        foot: FootSel::Both,
                        geom,
                    }],
                    ..template.clone()
                });
                if zones.len() == count {
                    break 'grid;
                }
            }
        }
        if zones.len() == count {
            let chart = Chart {
                name: format!("Generated chart of {count} zones"),
                zones,
                ..standard
            };
            let problems = validate_chart(
                &chart,
                &SourceText {
                    name: "generated",
                    text: "",
                },
            );
            assert!(
                problems.is_empty(),
                "generated chart is valid: {problems:?}"
            );
            return chart;
        }
    }
    unreachable!("some grid fits {count} zones")
}

fn bench_view(c: &mut Criterion, name: &str, geo: &ViewGeometry) {
    let points = queries(geo, 64);
    let hits = points
        .iter()
        .filter(|p| geo.hit_test(**p).is_some())
        .count();
    println!(
        "{name}: {} pieces, {} queries, {:.0}% hit a zone",
        geo.pieces.len(),
        points.len(),
        100.0 * hits as f64 / points.len() as f64
    );
    let mut i = 0;
    c.bench_function(name, |b| {
        b.iter(|| {
            i = (i + 1) % points.len();
            geo.hit_test(black_box(points[i]))
        })
    });
}

fn hit_test_benches(c: &mut Criterion) {
    let chart = embedded_content().expect("embedded content loads").chart;
    let standard = ChartGeometry::new(&chart);
    bench_view(
        c,
        "hit_test/standard_plantar",
        standard.get(ViewKind::Plantar, FootSel::Both),
    );

    let chart = generated_chart(GENERATED_ZONES);
    let generated = ChartGeometry::new(&chart);
    bench_view(
        c,
        "hit_test/generated_2000_zones",
        generated.get(ViewKind::Plantar, FootSel::Both),
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(50)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = hit_test_benches
}
criterion_main!(benches);
