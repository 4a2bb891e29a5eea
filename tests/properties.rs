//! Properties of the pure geometry, checked on random charts, points and transforms:
//! hit testing agrees with a brute-force reference, left/right mirroring is an involution,
//! and chart ↔ screen transforms round-trip (also after zooming).

use proptest::prelude::*;
use reflexmap::geometry::{
    BBox, Placement, Point, Transform, ViewGeometry, distance_to_boundary, geom_outline,
    is_flipped, point_in_polygon, view_scale,
};
use reflexmap::model::*;

const FEET: [FootSel; 3] = [FootSel::Both, FootSel::Left, FootSel::Right];

/// A star-shaped polygon around `c`: simple (never self-intersecting), often concave.
fn star(c: (f32, f32), mut parts: Vec<(f32, f32)>) -> Vec<(f32, f32)> {
    parts.sort_by(|a, b| a.0.total_cmp(&b.0));
    parts
        .into_iter()
        .map(|(angle, r)| (c.0 + r * angle.cos(), c.1 + r * angle.sin()))
        .collect()
}

fn geom() -> impl Strategy<Value = Geom> {
    let center = (0.0f32..1.0, 0.0f32..1.0);
    prop_oneof![
        (center.clone(), (0.02f32..0.6, 0.02f32..0.6))
            .prop_map(|(center, size)| Geom::Ellipse { center, size }),
        (
            center.clone(),
            prop::collection::vec((0.0f32..std::f32::consts::TAU, 0.02f32..0.35), 3..12)
        )
            .prop_map(|(c, parts)| Geom::Polygon {
                points: star(c, parts)
            }),
        (
            prop::collection::vec((0.0f32..1.0, 0.0f32..1.0), 2..5),
            0.01f32..0.15
        )
            .prop_map(|(points, width)| Geom::Band { points, width }),
    ]
}

fn view() -> impl Strategy<Value = ViewKind> {
    prop::sample::select(ViewKind::ALL.to_vec())
}

fn foot_sel() -> impl Strategy<Value = FootSel> {
    prop::sample::select(FEET.to_vec())
}

fn zone(i: usize, shapes: Vec<ZoneShape>) -> Zone {
    Zone {
        id: format!("zone_{i}"),
        name: format!("Zone {i}"),
        aliases: vec![],
        corresponds_to: String::new(),
        body_parts: vec![],
        system: BodySystem::Nervous,
        location: String::new(),
        shapes,
        guidance: String::new(),
        techniques: vec![],
        pressure: PressureRange {
            min: Pressure::Light,
            max: Pressure::Light,
        },
        minutes: (1.0, 1.0),
        direction: String::new(),
        cautions: vec![],
        caveats: vec![],
        disagreement: None,
        sources: vec![],
    }
}

/// A chart whose every view has the same outline, with random zones; each zone has one to
/// three shapes, on random views and feet.
fn chart(
    outline: Vec<(f32, f32)>,
    aspect: f32,
    zones: Vec<Vec<(ViewKind, FootSel, Geom)>>,
) -> Chart {
    Chart {
        version: 1,
        name: "random".into(),
        description: String::new(),
        limb: reflexmap::model::Limb::Foot,
        views: ViewKind::ALL
            .iter()
            .map(|v| ViewDef {
                view: *v,
                label: None,
                mirror_left: None,
                outline: outline.clone(),
                aspect,
                details: vec![],
            })
            .collect(),
        longitudinal_bounds: vec![],
        guides: vec![],
        zones: zones
            .into_iter()
            .enumerate()
            .map(|(i, shapes)| {
                let shapes = shapes
                    .into_iter()
                    .map(|(view, foot, geom)| ZoneShape { view, foot, geom })
                    .collect();
                zone(i, shapes)
            })
            .collect(),
        touch_test: vec![],
    }
}

fn random_chart() -> impl Strategy<Value = Chart> {
    let outline = prop::collection::vec((0.0f32..std::f32::consts::TAU, 0.3f32..0.5), 5..16)
        .prop_map(|parts| star((0.5, 0.5), parts));
    let shape = (view(), foot_sel(), geom());
    (
        outline,
        0.3f32..0.7,
        prop::collection::vec(prop::collection::vec(shape, 1..4), 1..10),
    )
        .prop_map(|(outline, aspect, zones)| chart(outline, aspect, zones))
}

/// The reference: every shape of every zone, placed on every shown foot it belongs to, tested
/// with the true shape only (no bounding boxes, no prebuilt pieces). Zones later in the file
/// are drawn on top, so the topmost hit is the highest zone index that contains the point.
fn brute_force_hit(chart: &Chart, g: &ViewGeometry, p: Point) -> Option<ZoneIdx> {
    let def = chart.view(g.view)?;
    let scale = view_scale(g.view, def.aspect);
    let zones: Vec<(ZoneIdx, &Zone)> = chart.indexed_zones().collect();
    zones.into_iter().rev().map(|(zi, _)| zi).find(|&zi| {
        chart
            .zone_at(zi)
            .shapes
            .iter()
            .filter(|s| s.view == g.view)
            .any(|s| {
                let outline = geom_outline(&s.geom, scale);
                [Foot::Left, Foot::Right]
                    .into_iter()
                    .filter(|f| s.foot.includes(*f) && g.feet.includes(*f))
                    .filter_map(|f| g.placement(f))
                    .any(|pl| {
                        let poly: Vec<Point> = outline.iter().map(|q| pl.place(*q)).collect();
                        point_in_polygon(p, &poly)
                    })
            })
    })
}

/// Points spread over the bounds (and a little beyond), plus every piece's own anchor and the
/// vertices of every piece nudged inward and outward, where a prefilter would go wrong.
fn probe_points(g: &ViewGeometry, unit: &[(f32, f32)]) -> Vec<Point> {
    let b = g.bounds;
    let mut points: Vec<Point> = unit
        .iter()
        .map(|(u, v)| {
            Point::new(
                b.min.x + (u * 1.2 - 0.1) * b.width(),
                b.min.y + (v * 1.2 - 0.1) * b.height(),
            )
        })
        .collect();
    for piece in &g.pieces {
        points.push(piece.anchor);
        let c = piece.bbox.center();
        for q in piece.poly.iter().step_by(3) {
            for t in [0.98, 1.02] {
                points.push(Point::new(c.x + (q.x - c.x) * t, c.y + (q.y - c.y) * t));
            }
        }
    }
    points
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn hit_test_agrees_with_brute_force(
        chart in random_chart(),
        view in view(),
        feet in foot_sel(),
        unit in prop::collection::vec((0.0f32..1.0, 0.0f32..1.0), 64),
    ) {
        let g = ViewGeometry::build(&chart, view, feet);
        let mut hits = 0;
        for p in probe_points(&g, &unit) {
            let expected = brute_force_hit(&chart, &g, p);
            // Rounding may put a point that lies on an edge on either side of it (the
            // reference places the flattened shape, the map flattens the placed curve).
            let near_edge = g
                .pieces
                .iter()
                .any(|piece| distance_to_boundary(p, &piece.poly) < 1e-4);
            if !near_edge {
                prop_assert_eq!(g.hit_test(p), expected, "at {:?} on {:?} {:?}", p, view, feet);
            }
            hits += usize::from(expected.is_some());
        }
        // Why: a reference that never hits would agree with a hit test that never hits.
        prop_assert_eq!(hits > 0, !g.pieces.is_empty());
    }

    #[test]
    fn left_right_mirroring_is_an_involution(
        view in view(),
        aspect in 0.2f32..1.0,
        outline in prop::collection::vec((0.0f32..std::f32::consts::TAU, 0.2f32..0.5), 5..16),
        points in prop::collection::vec((-0.5f32..1.5, -0.5f32..1.5), 1..32),
    ) {
        let chart = chart(star((0.5, 0.5), outline), aspect, vec![]);
        let g = ViewGeometry::build(&chart, view, FootSel::Both);
        let (left, right) = (
            g.placement(Foot::Left).expect("left shown"),
            g.placement(Foot::Right).expect("right shown"),
        );
        prop_assert_ne!(is_flipped(view, Foot::Left), is_flipped(view, Foot::Right));
        // Side by side (a view taller than wide) or one above the other (wider than tall).
        let dy = right.place(Point::new(0.0, 0.0)).y - left.place(Point::new(0.0, 0.0)).y;
        let frame = BBox::of(&g.outlines[0].poly);
        if (frame.width() - frame.height()).abs() > 1e-3 {
            prop_assert_eq!(dy != 0.0, frame.width() > frame.height(), "dy {}", dy);
        }
        // The mirror across the gap between the feet (and down to the lower foot).
        let mid = g.bounds.center().x;
        let mirror_lr = |q: Point| Point::new(2.0 * mid - q.x, q.y + dy);
        let mirror_rl = |q: Point| Point::new(2.0 * mid - q.x, q.y - dy);
        // Foot space → the other foot, through chart space.
        let across = |from: &Placement, to: &Placement, q: Point| to.place(from.unplace(q));
        for (x, y) in points {
            let p = Point::new(x, y);
            let (l, r) = (left.place(p), right.place(p));
            prop_assert!(close(left.unplace(l), p, 1e-5), "left {:?}", p);
            prop_assert!(close(right.unplace(r), p, 1e-5), "right {:?}", p);
            // Mirroring the left foot gives the right foot, and back: applied twice, nothing moves.
            prop_assert!(close(mirror_lr(l), r, 1e-5), "{:?}: {:?} vs {:?}", p, mirror_lr(l), r);
            prop_assert!(close(mirror_rl(r), l, 1e-5), "{:?}", p);
            prop_assert!(close(across(right, left, across(left, right, l)), l, 1e-5), "{:?}", p);
            prop_assert!(close(across(left, right, l), r, 1e-5), "{:?}", p);
        }
    }

    #[test]
    fn hit_testing_both_feet_is_mirror_symmetric(
        chart in random_chart(),
        view in view(),
        unit in prop::collection::vec((0.0f32..1.0, 0.0f32..1.0), 64),
    ) {
        // Every shape on both feet: the right foot is the left one's mirror image.
        let mut chart = chart;
        for z in &mut chart.zones {
            for s in &mut z.shapes {
                s.foot = FootSel::Both;
            }
        }
        let g = ViewGeometry::build(&chart, view, FootSel::Both);
        let (Some(left), Some(right)) = (g.placement(Foot::Left), g.placement(Foot::Right)) else {
            return Ok(());
        };
        // Why per foot: shapes may reach past their foot, and with the feet one above the other
        // (side views) the left foot maps onto the right by a mirror and a move down, so which
        // foot a point belongs to is read from the pieces, not from where it lies.
        let hit_on = |foot: Foot, q: Point| {
            g.pieces
                .iter()
                .rev()
                .find(|piece| piece.foot == foot && point_in_polygon(q, &piece.poly))
                .map(|piece| piece.zone)
        };
        for p in probe_points(&g, &unit) {
            // The same point of the foot, on the right foot.
            let m = right.place(left.unplace(p));
            // Rounding may put a point that lies on an edge on either side of it.
            let near_edge = g
                .pieces
                .iter()
                .any(|piece| distance_to_boundary(p, &piece.poly).min(distance_to_boundary(m, &piece.poly)) < 1e-4);
            if !near_edge {
                prop_assert_eq!(hit_on(Foot::Left, p), hit_on(Foot::Right, m), "{:?} vs its mirror {:?}", p, m);
            }
            // Where the two feet's pieces do not overlap, the map's hit test says the same.
            if !near_edge && hit_on(Foot::Right, p).is_none() && hit_on(Foot::Left, m).is_none() {
                prop_assert_eq!(g.hit_test(p), g.hit_test(m), "{:?} vs {:?}", p, m);
            }
        }
        // The right foot is the left one mirrored: across the middle side by side, and the same
        // way round one above the other.
        let q = Point::new(0.3, 0.2);
        let (l, r) = (left.place(q), right.place(q));
        let mid = g.bounds.center().x;
        prop_assert!((l.x + r.x - 2.0 * mid).abs() < 1e-4, "{:?} {:?} about {}", l, r, mid);
    }

    #[test]
    fn chart_screen_round_trip_survives_fit_and_zoom(
        (min_x, min_y, w, h) in (-5.0f32..5.0, -5.0f32..5.0, 0.05f32..20.0, 0.05f32..20.0),
        (sx, sy, sw, sh) in (-500.0f32..500.0, -500.0f32..500.0, 50.0f32..3000.0, 50.0f32..3000.0),
        margin in 0.0f32..0.4,
        zooms in prop::collection::vec(((0.0f32..1.0, 0.0f32..1.0), 0.2f32..5.0), 0..6),
        points in prop::collection::vec((0.0f32..1.0, 0.0f32..1.0), 1..16),
    ) {
        let bounds = BBox::of(&[Point::new(min_x, min_y), Point::new(min_x + w, min_y + h)]);
        let screen_min = Point::new(sx, sy);
        let screen_size = Point::new(sw, sh);
        let mut t = Transform::fit(&bounds, screen_min, screen_size, margin);
        // Fit: the whole bounds land inside the screen rectangle.
        for corner in [bounds.min, bounds.max] {
            let s = t.to_screen(corner);
            prop_assert!(s.x >= sx - 1e-2 && s.x <= sx + sw + 1e-2, "{:?}", s);
            prop_assert!(s.y >= sy - 1e-2 && s.y <= sy + sh + 1e-2, "{:?}", s);
        }
        let chart_points: Vec<Point> = points
            .iter()
            .map(|(u, v)| Point::new(min_x + u * w, min_y + v * h))
            .collect();
        for (i, ((u, v), factor)) in std::iter::once(((0.5, 0.5), 1.0)).chain(zooms).enumerate() {
            if i > 0 {
                let anchor = Point::new(sx + u * sw, sy + v * sh);
                let under = t.to_chart(anchor);
                t = t.zoomed_about(anchor, factor);
                // The chart point under the cursor stays under it.
                let moved = t.to_screen(under);
                prop_assert!(close(moved, anchor, screen_tolerance(&t, anchor)), "{:?} → {:?}", anchor, moved);
            }
            for p in &chart_points {
                let s = t.to_screen(*p);
                let back = t.to_chart(s);
                let tol = screen_tolerance(&t, s) / t.scale + chart_tolerance(*p);
                prop_assert!(close(back, *p, tol), "{:?} → {:?} → {:?}", p, s, back);
                let again = t.to_screen(back);
                prop_assert!(close(again, s, 2.0 * screen_tolerance(&t, s)), "{:?}", s);
            }
        }
    }
}

fn close(a: Point, b: Point, tol: f32) -> bool {
    (a.x - b.x).abs() <= tol && (a.y - b.y).abs() <= tol
}

/// What f32 rounding allows in screen pixels around `s` with transform `t`: a few ulps of the
/// largest magnitude involved.
fn screen_tolerance(t: &Transform, s: Point) -> f32 {
    let magnitude = 1.0 + s.x.abs().max(s.y.abs()) + t.offset.x.abs().max(t.offset.y.abs());
    magnitude * 8.0 * f32::EPSILON
}

/// f32 rounding of a chart point itself.
fn chart_tolerance(p: Point) -> f32 {
    (1.0 + p.x.abs().max(p.y.abs())) * 8.0 * f32::EPSILON
}
