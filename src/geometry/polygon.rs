//! Points, polygons and the operations on them.

use super::curve::{Cubic, FINEST_TOLERANCE, closed_spline, ellipse, flatten, open_spline};
use crate::model::Geom;

/// A point or vector in foot or chart space.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    /// Horizontal coordinate.
    pub x: f32,
    /// Vertical coordinate (down in chart space).
    pub y: f32,
}

impl Point {
    /// A point.
    pub const fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }

    pub(crate) fn sub(self, o: Point) -> Point {
        Point::new(self.x - o.x, self.y - o.y)
    }

    pub(crate) fn cross(self, o: Point) -> f32 {
        self.x * o.y - self.y * o.x
    }

    pub(crate) fn dot(self, o: Point) -> f32 {
        self.x * o.x + self.y * o.y
    }

    pub(crate) fn len(self) -> f32 {
        self.dot(self).sqrt()
    }
}

/// An axis-aligned box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BBox {
    /// Smallest corner.
    pub min: Point,
    /// Largest corner.
    pub max: Point,
}

impl BBox {
    /// The empty box (contains nothing, grows on the first point).
    pub const EMPTY: BBox = BBox {
        min: Point::new(f32::INFINITY, f32::INFINITY),
        max: Point::new(f32::NEG_INFINITY, f32::NEG_INFINITY),
    };

    /// The bounding box of some points.
    pub fn of(points: &[Point]) -> BBox {
        let mut b = BBox::EMPTY;
        for p in points {
            b.add(*p);
        }
        b
    }

    /// Grow to include a point.
    pub fn add(&mut self, p: Point) {
        self.min.x = self.min.x.min(p.x);
        self.min.y = self.min.y.min(p.y);
        self.max.x = self.max.x.max(p.x);
        self.max.y = self.max.y.max(p.y);
    }

    /// Grow to include another box.
    pub fn union(&mut self, o: &BBox) {
        self.add(o.min);
        self.add(o.max);
    }

    /// Whether the point is inside or on the edge.
    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.min.x && p.x <= self.max.x && p.y >= self.min.y && p.y <= self.max.y
    }

    /// Width.
    pub fn width(&self) -> f32 {
        self.max.x - self.min.x
    }

    /// Height.
    pub fn height(&self) -> f32 {
        self.max.y - self.min.y
    }

    /// Centre.
    pub fn center(&self) -> Point {
        Point::new(
            (self.min.x + self.max.x) / 2.0,
            (self.min.y + self.max.y) / 2.0,
        )
    }
}

/// How finely a band's centre line is flattened before it is thickened (foot lengths).
const BAND_CENTRE_TOLERANCE: f32 = 5.0e-4;

/// A geometry as a smooth closed curve in foot space. `scale` turns normalized units into foot
/// space (per axis); band widths are already in foot-space units. Polygons become the smooth
/// curve through their points, ellipses four arcs, bands the thickened smooth centre line.
pub fn geom_curve(geom: &Geom, scale: (f32, f32)) -> Vec<Cubic> {
    let to_foot = |p: (f32, f32)| Point::new(p.0 * scale.0, p.1 * scale.1);
    match geom {
        Geom::Ellipse { center, size } => ellipse(
            to_foot(*center),
            size.0 * scale.0 / 2.0,
            size.1 * scale.1 / 2.0,
        ),
        Geom::Polygon { points } => {
            closed_spline(&points.iter().map(|p| to_foot(*p)).collect::<Vec<_>>())
        }
        Geom::Band { points, width } => {
            let line: Vec<Point> = points.iter().map(|p| to_foot(*p)).collect();
            let centre = flatten(&open_spline(&line), BAND_CENTRE_TOLERANCE, false);
            closed_spline(&band_outline(&centre, width / 2.0))
        }
    }
}

/// The outline of a geometry in foot space: its smooth curve ([`geom_curve`]) flattened at
/// the finest drawing tolerance, so what is checked and hit-tested is what is drawn.
pub fn geom_outline(geom: &Geom, scale: (f32, f32)) -> Vec<Point> {
    flatten(&geom_curve(geom, scale), FINEST_TOLERANCE, true)
}

/// The closed outline of a polyline thickened by `half` on each side, with mitred joins
/// (mitres are limited so sharp turns do not spike) and rounded ends.
pub fn band_outline(line: &[Point], half: f32) -> Vec<Point> {
    let line: Vec<Point> = dedup(line);
    if line.len() < 2 || half.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) {
        return Vec::new();
    }
    let normal = |a: Point, b: Point| {
        let d = b.sub(a);
        let l = d.len().max(f32::EPSILON);
        Point::new(-d.y / l, d.x / l)
    };
    let n = line.len();
    let mut left = Vec::with_capacity(n);
    let mut right = Vec::with_capacity(n);
    for i in 0..n {
        let n_in = if i > 0 {
            normal(line[i - 1], line[i])
        } else {
            normal(line[0], line[1])
        };
        let n_out = if i + 1 < n {
            normal(line[i], line[i + 1])
        } else {
            n_in
        };
        let m = Point::new(n_in.x + n_out.x, n_in.y + n_out.y);
        let ml = m.len();
        let miter = if ml < 1e-3 {
            n_in
        } else {
            Point::new(m.x / ml, m.y / ml)
        };
        // Why: the mitre length grows as 1/cos(half-angle); cap it so a sharp bend stays compact.
        let cos = miter.dot(n_in).max(0.5);
        let k = half / cos;
        left.push(Point::new(line[i].x + miter.x * k, line[i].y + miter.y * k));
        right.push(Point::new(line[i].x - miter.x * k, line[i].y - miter.y * k));
    }
    let cap = |center: Point, from: Point, dir_sign: f32, out: &mut Vec<Point>| {
        // A half circle from `from` around `center`, bulging along the line direction.
        let r = from.sub(center);
        for k in 1..6 {
            let a = dir_sign * k as f32 / 6.0 * std::f32::consts::PI;
            let (s, c) = a.sin_cos();
            out.push(Point::new(
                center.x + r.x * c - r.y * s,
                center.y + r.x * s + r.y * c,
            ));
        }
    };
    let mut out = left.clone();
    cap(line[n - 1], left[n - 1], -1.0, &mut out);
    out.extend(right.iter().rev());
    cap(line[0], right[0], -1.0, &mut out);
    out
}

fn dedup(line: &[Point]) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(line.len());
    for p in line {
        if out.last().is_none_or(|q| q.sub(*p).len() > 1e-6) {
            out.push(*p);
        }
    }
    out
}

/// Even-odd point-in-polygon test on the true shape.
pub fn point_in_polygon(p: Point, poly: &[Point]) -> bool {
    let mut inside = false;
    let n = poly.len();
    if n < 3 {
        return false;
    }
    let mut j = n - 1;
    for i in 0..n {
        let (a, b) = (poly[i], poly[j]);
        if (a.y > p.y) != (b.y > p.y) {
            let x = a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y);
            if p.x < x {
                inside = !inside;
            }
        }
        j = i;
    }
    inside
}

/// A polygon's edges sorted into horizontal slabs of its height, so the even-odd test looks only
/// at the edges that can cross the point's row. Exact (the same crossings as
/// [`point_in_polygon`]), and nearly as fast for a smooth outline of hundreds of points as for
/// a coarse one.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EdgeIndex {
    y0: f32,
    per_unit: f32,
    /// Slab `s` holds `edges[starts[s]..starts[s + 1]]`.
    starts: Vec<u32>,
    /// Edge `i` runs from point `i` to point `i + 1` (the last back to the first).
    edges: Vec<u32>,
}

impl EdgeIndex {
    /// Index the edges of `poly`.
    pub fn new(poly: &[Point]) -> Self {
        let n = poly.len();
        if n < 3 {
            return Self::default();
        }
        let b = BBox::of(poly);
        // Why about eight edges a slab: fewer slabs leave long lists, more cost memory and
        // an edge spanning many slabs is listed in each.
        let slabs = (n / 8).clamp(1, 64);
        let per_unit = slabs as f32 / b.height().max(1e-9);
        let slab =
            |y: f32| (((y - b.min.y) * per_unit) as isize).clamp(0, slabs as isize - 1) as usize;
        let mut buckets: Vec<Vec<u32>> = vec![Vec::new(); slabs];
        for i in 0..n {
            let (a, c) = (poly[i], poly[(i + 1) % n]);
            for bucket in &mut buckets[slab(a.y.min(c.y))..=slab(a.y.max(c.y))] {
                bucket.push(i as u32);
            }
        }
        let mut starts = Vec::with_capacity(slabs + 1);
        let mut edges = Vec::with_capacity(n * 2);
        for bucket in buckets {
            starts.push(edges.len() as u32);
            edges.extend(bucket);
        }
        starts.push(edges.len() as u32);
        Self {
            y0: b.min.y,
            per_unit,
            starts,
            edges,
        }
    }

    /// Whether `p` is inside `poly` (the polygon this index was built from).
    pub fn contains(&self, poly: &[Point], p: Point) -> bool {
        let slabs = self.starts.len().saturating_sub(1);
        if slabs == 0 {
            return point_in_polygon(p, poly);
        }
        let s = (((p.y - self.y0) * self.per_unit) as isize).clamp(0, slabs as isize - 1) as usize;
        let n = poly.len();
        let mut inside = false;
        for &i in &self.edges[self.starts[s] as usize..self.starts[s + 1] as usize] {
            let i = i as usize;
            // The same arithmetic as `point_in_polygon`, with its edge (point i, point i - 1)
            // written here as (point i + 1, point i).
            let (a, b) = (poly[(i + 1) % n], poly[i]);
            if (a.y > p.y) != (b.y > p.y) {
                let x = a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y);
                if p.x < x {
                    inside = !inside;
                }
            }
        }
        inside
    }
}

/// Distance from a point to a segment.
pub fn distance_to_segment(p: Point, a: Point, b: Point) -> f32 {
    let ab = b.sub(a);
    let len2 = ab.dot(ab);
    let t = if len2 > 0.0 {
        (p.sub(a).dot(ab) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    p.sub(Point::new(a.x + ab.x * t, a.y + ab.y * t)).len()
}

/// Distance from a point to a closed polygon's boundary.
pub fn distance_to_boundary(p: Point, poly: &[Point]) -> f32 {
    let n = poly.len();
    (0..n)
        .map(|i| distance_to_segment(p, poly[i], poly[(i + 1) % n]))
        .fold(f32::INFINITY, f32::min)
}

/// Signed area (positive when counter-clockwise in a y-up frame).
pub fn signed_area(poly: &[Point]) -> f32 {
    let n = poly.len();
    (0..n)
        .map(|i| poly[i].cross(poly[(i + 1) % n]))
        .sum::<f32>()
        / 2.0
}

fn segments_cross(a: Point, b: Point, c: Point, d: Point) -> bool {
    let d1 = b.sub(a).cross(c.sub(a));
    let d2 = b.sub(a).cross(d.sub(a));
    let d3 = d.sub(c).cross(a.sub(c));
    let d4 = d.sub(c).cross(b.sub(c));
    ((d1 > 0.0 && d2 < 0.0) || (d1 < 0.0 && d2 > 0.0))
        && ((d3 > 0.0 && d4 < 0.0) || (d3 < 0.0 && d4 > 0.0))
}

/// The first pair of non-adjacent edges that cross, as edge indices (edge i runs from vertex i
/// to vertex i+1), or `None` for a simple polygon.
pub fn self_intersection(poly: &[Point]) -> Option<(usize, usize)> {
    let n = poly.len();
    if n < 4 {
        return None;
    }
    for i in 0..n {
        let (a, b) = (poly[i], poly[(i + 1) % n]);
        for j in (i + 2)..n {
            if i == 0 && j == n - 1 {
                continue; // adjacent through the closing vertex
            }
            let (c, d) = (poly[j], poly[(j + 1) % n]);
            if segments_cross(a, b, c, d) {
                return Some((i, j));
            }
        }
    }
    None
}

/// Triangle indices for a simple polygon (concave allowed). Empty if it cannot be triangulated.
pub fn triangulate(poly: &[Point]) -> Vec<u32> {
    let flat: Vec<f64> = poly
        .iter()
        .flat_map(|p| [f64::from(p.x), f64::from(p.y)])
        .collect();
    earcutr::earcut(&flat, &[], 2)
        .map(|v| v.into_iter().map(|i| i as u32).collect())
        .unwrap_or_default()
}

/// A point well inside the polygon, for labels and accessibility anchors: the triangle
/// centroid farthest from the boundary.
pub fn interior_point(poly: &[Point], tris: &[u32]) -> Point {
    let mut best = BBox::of(poly).center();
    let mut best_d = if point_in_polygon(best, poly) {
        distance_to_boundary(best, poly)
    } else {
        -1.0
    };
    for t in tris.chunks_exact(3) {
        let [a, b, c] = [t[0], t[1], t[2]].map(|i| poly[i as usize]);
        let g = Point::new((a.x + b.x + c.x) / 3.0, (a.y + b.y + c.y) / 3.0);
        let d = distance_to_boundary(g, poly);
        if d > best_d {
            best = g;
            best_d = d;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l_shape() -> Vec<Point> {
        // An L: concave at (1, 1).
        [(0., 0.), (2., 0.), (2., 1.), (1., 1.), (1., 2.), (0., 2.)]
            .iter()
            .map(|&(x, y)| Point::new(x, y))
            .collect()
    }

    #[test]
    fn point_in_concave_polygon_uses_true_shape() {
        let l = l_shape();
        assert!(point_in_polygon(Point::new(0.5, 1.5), &l));
        assert!(point_in_polygon(Point::new(1.5, 0.5), &l));
        // Inside the bounding box but in the notch of the L.
        assert!(!point_in_polygon(Point::new(1.5, 1.5), &l));
    }

    #[test]
    fn concave_polygon_triangulates_to_its_area() {
        let l = l_shape();
        let tris = triangulate(&l);
        assert_eq!(tris.len(), 4 * 3);
        let area: f32 = tris
            .chunks_exact(3)
            .map(|t| {
                let [a, b, c] = [t[0], t[1], t[2]].map(|i| l[i as usize]);
                (b.sub(a).cross(c.sub(a)) / 2.0).abs()
            })
            .sum();
        assert!((area - 3.0).abs() < 1e-5);
    }

    #[test]
    fn bow_tie_is_self_intersecting_and_square_is_not() {
        let bow: Vec<Point> = [(0., 0.), (1., 1.), (1., 0.), (0., 1.)]
            .iter()
            .map(|&(x, y)| Point::new(x, y))
            .collect();
        assert!(self_intersection(&bow).is_some());
        let square: Vec<Point> = [(0., 0.), (1., 0.), (1., 1.), (0., 1.)]
            .iter()
            .map(|&(x, y)| Point::new(x, y))
            .collect();
        assert_eq!(self_intersection(&square), None);
        assert!(self_intersection(&l_shape()).is_none());
    }

    #[test]
    fn band_covers_its_centre_line_and_not_beyond_its_width() {
        let line = [
            Point::new(0.0, 0.0),
            Point::new(1.0, 0.0),
            Point::new(1.0, 1.0),
        ];
        let band = band_outline(&line, 0.1);
        assert!(self_intersection(&band).is_none());
        assert!(point_in_polygon(Point::new(0.5, 0.05), &band));
        assert!(point_in_polygon(Point::new(1.05, 0.5), &band));
        assert!(!point_in_polygon(Point::new(0.5, 0.2), &band));
        assert!(!point_in_polygon(Point::new(0.5, 0.5), &band));
    }

    #[test]
    fn ellipse_outline_has_the_requested_extent() {
        let e = Geom::Ellipse {
            center: (0.5, 0.5),
            size: (0.2, 0.1),
        };
        let poly = geom_outline(&e, (0.4, 1.0));
        let b = BBox::of(&poly);
        assert!((b.width() - 0.08).abs() < 1e-4);
        assert!((b.height() - 0.1).abs() < 1e-3);
        assert!(point_in_polygon(Point::new(0.2, 0.5), &poly));
    }

    #[test]
    fn interior_point_of_concave_shape_is_inside() {
        let l = l_shape();
        let p = interior_point(&l, &triangulate(&l));
        assert!(point_in_polygon(p, &l));
    }
}
