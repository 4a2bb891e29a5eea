//! Smooth closed and open curves through a chart's stored points, and their flattening.
//!
//! A chart file stores outlines and zone shapes as points (a few per centimetre of foot). Drawn
//! as polygons they look faceted, and worse the more the map is zoomed. Here every such run of
//! points becomes a chain of cubic Bézier segments — a **centripetal Catmull-Rom** spline, which
//! passes through every stored point and, unlike the uniform kind, never loops or overshoots
//! where points are unevenly spaced — and an ellipse becomes four quarter-arcs. The curve is the
//! truth: SVG and PDF write it as `C` commands, and the screen paints (and hit-tests) it flattened
//! to a polyline whose distance from the curve is provably within a tolerance ([`flatten`]).

use super::{Point, triangulate};

/// One cubic Bézier segment: from `a` to `d`, pulled toward `b` and `c`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cubic {
    /// Start.
    pub a: Point,
    /// First control point.
    pub b: Point,
    /// Second control point.
    pub c: Point,
    /// End.
    pub d: Point,
}

fn lerp(p: Point, q: Point, t: f32) -> Point {
    Point::new(p.x + (q.x - p.x) * t, p.y + (q.y - p.y) * t)
}

fn dist(p: Point, q: Point) -> f32 {
    ((q.x - p.x).powi(2) + (q.y - p.y).powi(2)).sqrt()
}

impl Cubic {
    /// A straight segment, as a cubic.
    pub fn line(a: Point, d: Point) -> Cubic {
        Cubic {
            a,
            b: lerp(a, d, 1.0 / 3.0),
            c: lerp(a, d, 2.0 / 3.0),
            d,
        }
    }

    /// The point at parameter `t` in 0..=1.
    pub fn eval(&self, t: f32) -> Point {
        let u = 1.0 - t;
        let (w0, w1, w2, w3) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
        Point::new(
            w0 * self.a.x + w1 * self.b.x + w2 * self.c.x + w3 * self.d.x,
            w0 * self.a.y + w1 * self.b.y + w2 * self.c.y + w3 * self.d.y,
        )
    }

    /// The segment with every point passed through `f` (exact for the affine maps the layout
    /// uses: mirroring, offsets, scaling).
    pub fn map(&self, f: impl Fn(Point) -> Point) -> Cubic {
        Cubic {
            a: f(self.a),
            b: f(self.b),
            c: f(self.c),
            d: f(self.d),
        }
    }

    /// How many equal steps in `t` keep every chord within `tol` of the curve.
    ///
    /// Why this is a bound, not a guess: a chord over a parameter step `h` strays from the curve
    /// by at most `h² / 8 · max |B''|`, and `B''(t) = 6((1-t)(a - 2b + c) + t(b - 2c + d))`, so
    /// `|B''| ≤ 6 · max(|a - 2b + c|, |b - 2c + d|)`.
    pub fn steps_for(&self, tol: f32) -> usize {
        let second =
            |p: Point, q: Point, r: Point| Point::new(p.x - 2.0 * q.x + r.x, p.y - 2.0 * q.y + r.y);
        let s1 = second(self.a, self.b, self.c);
        let s2 = second(self.b, self.c, self.d);
        let m = 6.0 * (s1.x.hypot(s1.y)).max(s2.x.hypot(s2.y));
        let n = (m / (8.0 * tol.max(1e-9))).sqrt().ceil();
        // Why the cap: a degenerate tolerance must not allocate without bound.
        n.clamp(1.0, 4096.0) as usize
    }
}

/// The Bézier control points of the centripetal Catmull-Rom segment from `p1` to `p2`, with
/// `p0` before and `p3` after.
fn catmull_rom(p0: Point, p1: Point, p2: Point, p3: Point) -> Cubic {
    // Why centripetal (α = ½): knot spacing by the square root of each chord's length is the
    // one choice that cannot form cusps or self-intersections within a segment.
    let d1 = dist(p0, p1).sqrt();
    let d2 = dist(p1, p2).sqrt();
    let d3 = dist(p2, p3).sqrt();
    if d2 < 1e-6 {
        return Cubic::line(p1, p2);
    }
    let b = if d1 < 1e-6 {
        lerp(p1, p2, 1.0 / 3.0)
    } else {
        let (a1, a2) = (d1 * d1, d2 * d2);
        let k = 3.0 * d1 * (d1 + d2);
        let w = 2.0 * a1 + 3.0 * d1 * d2 + a2;
        Point::new(
            (a1 * p2.x - a2 * p0.x + w * p1.x) / k,
            (a1 * p2.y - a2 * p0.y + w * p1.y) / k,
        )
    };
    let c = if d3 < 1e-6 {
        lerp(p1, p2, 2.0 / 3.0)
    } else {
        let (a3, a2) = (d3 * d3, d2 * d2);
        let k = 3.0 * d3 * (d3 + d2);
        let w = 2.0 * a3 + 3.0 * d3 * d2 + a2;
        Point::new(
            (a3 * p1.x - a2 * p3.x + w * p2.x) / k,
            (a3 * p1.y - a2 * p3.y + w * p2.y) / k,
        )
    };
    Cubic { a: p1, b, c, d: p2 }
}

/// Points with consecutive repeats (and, for a closed run, a last point equal to the first)
/// removed: a zero-length chord has no direction to be smooth along.
fn distinct(points: &[Point], closed: bool) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(points.len());
    for p in points {
        if out.last().is_none_or(|q| dist(*q, *p) > 1e-6) {
            out.push(*p);
        }
    }
    if closed && out.len() > 1 && dist(out[0], out[out.len() - 1]) <= 1e-6 {
        out.pop();
    }
    out
}

/// The smooth closed curve through `points`, in order (one segment per point).
pub fn closed_spline(points: &[Point]) -> Vec<Cubic> {
    let p = distinct(points, true);
    let n = p.len();
    if n < 3 {
        return (0..n).map(|i| Cubic::line(p[i], p[(i + 1) % n])).collect();
    }
    (0..n)
        .map(|i| catmull_rom(p[(i + n - 1) % n], p[i], p[(i + 1) % n], p[(i + 2) % n]))
        .collect()
}

/// The smooth open curve through `points`, starting and ending at the first and last.
pub fn open_spline(points: &[Point]) -> Vec<Cubic> {
    let p = distinct(points, false);
    let n = p.len();
    if n < 3 {
        return p.windows(2).map(|w| Cubic::line(w[0], w[1])).collect();
    }
    // Why reflected end points: the curve leaves the first point heading at the second, as a
    // drawn line does, instead of bending toward a made-up neighbour.
    let before = Point::new(2.0 * p[0].x - p[1].x, 2.0 * p[0].y - p[1].y);
    let after = Point::new(2.0 * p[n - 1].x - p[n - 2].x, 2.0 * p[n - 1].y - p[n - 2].y);
    let at = |i: isize| -> Point {
        if i < 0 {
            before
        } else if i as usize >= n {
            after
        } else {
            p[i as usize]
        }
    };
    (0..n as isize - 1)
        .map(|i| catmull_rom(at(i - 1), at(i), at(i + 1), at(i + 2)))
        .collect()
}

/// An axis-aligned ellipse as four quarter-arcs (each within 0.03 % of the true arc).
pub fn ellipse(center: Point, rx: f32, ry: f32) -> Vec<Cubic> {
    // The standard constant: a quarter circle's control arms are 4/3·(√2 − 1) of the radius.
    const K: f32 = 0.552_284_8;
    let (cx, cy) = (center.x, center.y);
    let pt = Point::new;
    vec![
        Cubic {
            a: pt(cx + rx, cy),
            b: pt(cx + rx, cy + K * ry),
            c: pt(cx + K * rx, cy + ry),
            d: pt(cx, cy + ry),
        },
        Cubic {
            a: pt(cx, cy + ry),
            b: pt(cx - K * rx, cy + ry),
            c: pt(cx - rx, cy + K * ry),
            d: pt(cx - rx, cy),
        },
        Cubic {
            a: pt(cx - rx, cy),
            b: pt(cx - rx, cy - K * ry),
            c: pt(cx - K * rx, cy - ry),
            d: pt(cx, cy - ry),
        },
        Cubic {
            a: pt(cx, cy - ry),
            b: pt(cx + K * rx, cy - ry),
            c: pt(cx + rx, cy - K * ry),
            d: pt(cx + rx, cy),
        },
    ]
}

/// The chain flattened to points, every chord within `tol` of the curve. A closed chain (whose
/// last segment ends where the first begins) leaves out the repeated first point; an open one
/// keeps both ends.
pub fn flatten(curve: &[Cubic], tol: f32, closed: bool) -> Vec<Point> {
    let mut out = Vec::with_capacity(curve.len() * 4 + 1);
    for seg in curve {
        let n = seg.steps_for(tol);
        for i in 0..n {
            out.push(seg.eval(i as f32 / n as f32));
        }
    }
    if !closed && let Some(last) = curve.last() {
        out.push(last.d);
    }
    out
}

/// Written as SVG path data (`M … C … Z`), each point through `map`.
pub fn svg_path(curve: &[Cubic], map: &impl Fn(Point) -> Point, closed: bool) -> String {
    use std::fmt::Write as _;
    let mut d = String::with_capacity(curve.len() * 48 + 16);
    let Some(first) = curve.first() else {
        return d;
    };
    let a = map(first.a);
    let _ = write!(d, "M{:.2} {:.2}", a.x, a.y);
    for seg in curve {
        let (b, c, e) = (map(seg.b), map(seg.c), map(seg.d));
        let _ = write!(
            d,
            " C{:.2} {:.2} {:.2} {:.2} {:.2} {:.2}",
            b.x, b.y, c.x, c.y, e.x, e.y
        );
    }
    if closed {
        d.push_str(" Z");
    }
    d
}

/// The chart-space tolerances (foot lengths) a closed curve is flattened at, coarse to fine.
/// Each level has about twice the points of the one before (the finest about 1.4 times).
pub const LOD_TOLERANCES: [f32; 4] = [2.0e-3, 5.0e-4, 1.25e-4, FINEST_TOLERANCE];

/// The finest level: within half a pixel of the true curve up to 8,300 px per foot length
/// (a foot filling a 1,000 px map at the map's 8× zoom).
pub const FINEST_TOLERANCE: f32 = 6.0e-5;

/// How far, in screen pixels, a painted outline may stray from its true curve.
pub const SCREEN_TOLERANCE: f32 = 0.5;

/// The coarsest level of detail that stays within [`SCREEN_TOLERANCE`] at `scale` screen
/// pixels per chart unit (the finest when even that is not enough).
pub fn lod_for(scale: f32) -> usize {
    LOD_TOLERANCES
        .iter()
        .position(|t| t * scale <= SCREEN_TOLERANCE)
        .unwrap_or(LOD_TOLERANCES.len() - 1)
}

/// A closed curve flattened at one level of detail, with its fill triangles.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Flat {
    /// The polyline (closed; the first point is not repeated).
    pub poly: Vec<Point>,
    /// Triangle indices into `poly`.
    pub tris: Vec<u32>,
}

impl Flat {
    pub(super) fn of(curve: &[Cubic], tol: f32) -> Flat {
        let poly = flatten(curve, tol, true);
        let tris = triangulate(&poly);
        Flat { poly, tris }
    }
}

/// A smooth closed curve and its flattenings, the finest first-class (`poly`, `tris`: what hit
/// tests use) and the coarser ones for painting at lower zoom.
pub(super) fn flattened(curve: &[Cubic]) -> (Flat, Vec<Flat>) {
    let n = LOD_TOLERANCES.len();
    let fine = Flat::of(curve, LOD_TOLERANCES[n - 1]);
    let coarse = LOD_TOLERANCES[..n - 1]
        .iter()
        .map(|t| Flat::of(curve, *t))
        .collect();
    (fine, coarse)
}

/// The polyline and triangles to paint at `scale` screen pixels per chart unit.
pub(super) fn drawn<'a>(
    fine: (&'a [Point], &'a [u32]),
    coarser: &'a [Flat],
    scale: f32,
) -> (&'a [Point], &'a [u32]) {
    match coarser.get(lod_for(scale)) {
        Some(f) if !f.tris.is_empty() || fine.1.is_empty() => (&f.poly, &f.tris),
        _ => fine,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn seg_dist(p: Point, a: Point, b: Point) -> f32 {
        super::super::distance_to_segment(p, a, b)
    }

    /// The largest distance from a dense sampling of the curve to the flattened polyline.
    fn worst(curve: &[Cubic], flat: &[Point], closed: bool) -> f32 {
        let n = flat.len();
        let edges = if closed { n } else { n - 1 };
        let mut worst = 0.0f32;
        for seg in curve {
            for k in 0..=400 {
                let p = seg.eval(k as f32 / 400.0);
                let d = (0..edges)
                    .map(|i| seg_dist(p, flat[i], flat[(i + 1) % n]))
                    .fold(f32::INFINITY, f32::min);
                worst = worst.max(d);
            }
        }
        worst
    }

    fn point() -> impl Strategy<Value = Point> {
        (-2.0f32..2.0, -2.0f32..2.0).prop_map(|(x, y)| Point::new(x, y))
    }

    proptest! {
        #[test]
        fn a_flattened_cubic_stays_within_tolerance_of_the_true_curve(
            a in point(), b in point(), c in point(), d in point(),
            tol in 0.0005f32..0.05,
        ) {
            let curve = [Cubic { a, b, c, d }];
            let flat = flatten(&curve, tol, false);
            // Why the small allowance: f32 rounding in eval, far below any tolerance used.
            prop_assert!(worst(&curve, &flat, false) <= tol * 1.001 + 1e-5);
            prop_assert_eq!(flat[0], a);
            prop_assert_eq!(*flat.last().unwrap(), d);
        }

        #[test]
        fn a_closed_spline_passes_through_every_point_and_flattens_within_tolerance(
            pts in prop::collection::vec(point(), 3..12),
            tol in 0.001f32..0.02,
        ) {
            let curve = closed_spline(&pts);
            let p = distinct(&pts, true);
            prop_assert_eq!(curve.len(), p.len());
            for (seg, q) in curve.iter().zip(&p) {
                prop_assert_eq!(seg.a, *q);
            }
            for w in curve.windows(2) {
                prop_assert_eq!(w[0].d, w[1].a);
            }
            prop_assert_eq!(curve[curve.len() - 1].d, curve[0].a);
            let flat = flatten(&curve, tol, true);
            prop_assert!(worst(&curve, &flat, true) <= tol * 1.001 + 1e-5);
        }
    }

    proptest! {
        #[test]
        fn the_edge_index_agrees_with_the_plain_even_odd_test(
            pts in prop::collection::vec(point(), 3..10),
            probes in prop::collection::vec(point(), 1..40),
            tol in 0.0005f32..0.01,
        ) {
            let poly = flatten(&closed_spline(&pts), tol, true);
            let index = super::super::EdgeIndex::new(&poly);
            for p in probes {
                prop_assert_eq!(
                    index.contains(&poly, p),
                    super::super::point_in_polygon(p, &poly),
                    "{:?}", p
                );
            }
        }
    }

    #[test]
    fn every_zoom_paints_a_level_within_half_a_pixel_and_ordinary_zoom_a_coarse_one() {
        for scale in [50.0, 300.0, 600.0, 1200.0, 2400.0, 4800.0, 8000.0] {
            let lod = lod_for(scale);
            assert!(
                LOD_TOLERANCES[lod] * scale <= SCREEN_TOLERANCE,
                "{scale} px per foot length paints level {lod}"
            );
            if lod > 0 {
                assert!(LOD_TOLERANCES[lod - 1] * scale > SCREEN_TOLERANCE);
            }
        }
        // A foot about 600 px long (the map at 100 %) is not painted at the finest level.
        assert!(lod_for(600.0) < LOD_TOLERANCES.len() - 1);
        assert_eq!(lod_for(1e6), LOD_TOLERANCES.len() - 1);
    }

    #[test]
    fn each_level_has_more_points_and_stays_on_the_curve() {
        let curve = ellipse(Point::new(0.0, 0.0), 0.05, 0.03);
        let (fine, coarser) = flattened(&curve);
        assert_eq!(coarser.len(), LOD_TOLERANCES.len() - 1);
        let mut last = 0;
        for (flat, tol) in coarser.iter().chain([&fine]).zip(LOD_TOLERANCES) {
            assert!(
                flat.poly.len() > last,
                "{} points at {tol}",
                flat.poly.len()
            );
            assert_eq!(flat.tris.len(), (flat.poly.len() - 2) * 3);
            assert!(worst(&curve, &flat.poly, true) <= tol * 1.001 + 1e-6);
            last = flat.poly.len();
        }
    }

    #[test]
    fn the_ellipse_arcs_stay_on_the_ellipse() {
        let c = Point::new(0.3, 0.5);
        let (rx, ry) = (0.2, 0.1);
        for seg in ellipse(c, rx, ry) {
            for k in 0..=50 {
                let p = seg.eval(k as f32 / 50.0);
                let r = ((p.x - c.x) / rx).powi(2) + ((p.y - c.y) / ry).powi(2);
                assert!((r.sqrt() - 1.0).abs() < 0.0003, "{p:?} is off the ellipse");
            }
        }
    }

    #[test]
    fn a_straight_run_stays_straight_and_an_open_spline_keeps_its_ends() {
        let pts = [
            Point::new(0.0, 0.0),
            Point::new(1.0, 0.0),
            Point::new(3.0, 0.0),
        ];
        let curve = open_spline(&pts);
        assert_eq!(curve.len(), 2);
        assert_eq!(curve[0].a, pts[0]);
        assert_eq!(curve[1].d, pts[2]);
        for p in flatten(&curve, 0.001, false) {
            assert!(p.y.abs() < 1e-6 && (-1e-6..=3.0 + 1e-6).contains(&p.x));
        }
    }

    #[test]
    fn a_square_rounds_but_does_not_overshoot_far() {
        // Centripetal Catmull-Rom through a square's corners bulges a little, never loops.
        let sq = [
            Point::new(0.0, 0.0),
            Point::new(1.0, 0.0),
            Point::new(1.0, 1.0),
            Point::new(0.0, 1.0),
        ];
        let flat = flatten(&closed_spline(&sq), 0.001, true);
        for p in &flat {
            assert!((-0.25..=1.25).contains(&p.x) && (-0.25..=1.25).contains(&p.y));
        }
        assert!(super::super::self_intersection(&flat).is_none());
    }

    #[test]
    fn svg_path_data_is_written_as_curves() {
        let d = svg_path(&ellipse(Point::new(1.0, 1.0), 1.0, 1.0), &|p| p, true);
        assert!(d.starts_with("M2.00 1.00 C"), "{d}");
        assert_eq!(d.matches(" C").count(), 4);
        assert!(d.ends_with(" Z"));
    }

    #[test]
    fn steps_grow_with_curvature_and_finer_tolerance() {
        let bent = Cubic {
            a: Point::new(0.0, 0.0),
            b: Point::new(0.0, 1.0),
            c: Point::new(1.0, 1.0),
            d: Point::new(1.0, 0.0),
        };
        let line = Cubic::line(Point::new(0.0, 0.0), Point::new(1.0, 0.0));
        assert_eq!(line.steps_for(0.001), 1);
        assert!(bent.steps_for(0.0001) > 2 * bent.steps_for(0.001));
    }
}
