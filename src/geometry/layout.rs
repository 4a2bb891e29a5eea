//! Where each foot goes on a view, and the per-view geometry built once per chart.

use std::collections::HashMap;

use super::curve::{
    Cubic, FINEST_TOLERANCE, Flat, closed_spline, drawn, flatten, flattened, open_spline,
};
use super::polygon::*;
use crate::model::{Chart, Foot, FootSel, Limb, ViewKind, ZoneIdx};

/// Normalized → foot-space scale for a view with the given aspect.
pub fn view_scale(view: ViewKind, aspect: f32) -> (f32, f32) {
    if view.is_side() {
        (1.0, aspect)
    } else {
        (aspect, 1.0)
    }
}

/// Whether a foot is drawn mirrored (relative to the left-foot coordinates) on a view.
///
/// Plantar and dorsal: the left foot has its big toe on the right (toward the middle).
/// Medial: the left foot's toes point right (toward the middle). Lateral: the left foot's toes
/// point left (outward). The right foot is always the mirror image of the left.
pub fn is_flipped(view: ViewKind, foot: Foot) -> bool {
    (view == ViewKind::Lateral) != (foot == Foot::Left)
}

/// How one foot is placed in chart space: mirrored or not, then shifted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    /// The foot.
    pub foot: Foot,
    view: ViewKind,
    flip: bool,
    /// The left-foot outline's bounding box in foot space.
    frame: BBox,
    offset_x: f32,
    /// Down the chart, for the lower of two stacked feet (side views: one above the other).
    offset_y: f32,
}

impl Placement {
    /// Foot space → chart space.
    pub fn place(&self, p: Point) -> Point {
        let x = if self.flip {
            self.frame.max.x - p.x
        } else {
            p.x - self.frame.min.x
        };
        let y = if self.view.is_side() {
            self.frame.max.y - p.y
        } else {
            p.y - self.frame.min.y
        };
        Point::new(x + self.offset_x, y + self.offset_y)
    }

    /// Chart space → foot space (the inverse of [`Placement::place`]).
    pub fn unplace(&self, p: Point) -> Point {
        let x = p.x - self.offset_x;
        let x = if self.flip {
            self.frame.max.x - x
        } else {
            x + self.frame.min.x
        };
        let y = p.y - self.offset_y;
        let y = if self.view.is_side() {
            self.frame.max.y - y
        } else {
            y + self.frame.min.y
        };
        Point::new(x, y)
    }
}

/// The height of a row in [`ViewGeometry::reading_order`], as a fraction of the foot's length:
/// about the spread of the five toe areas' centres, so the toes read as one row.
pub const READING_ROW: f32 = 0.06;

/// Gap between the two feet, in foot lengths.
const FOOT_GAP: f32 = 0.12;

/// Gap between two feet stacked one above the other (room for the upper one's name).
const STACK_GAP: f32 = 0.16;

/// One drawn occurrence of a zone on a view: its outline and fill triangles in chart space.
#[derive(Debug, Clone, PartialEq)]
pub struct ZonePiece {
    /// Index into `Chart::zones`.
    pub zone: ZoneIdx,
    /// Which foot it is on.
    pub foot: Foot,
    /// The true shape: a smooth closed curve in chart space.
    pub curve: Vec<Cubic>,
    /// The curve flattened at [`FINEST_TOLERANCE`] (hit tests and checks use this).
    pub poly: Vec<Point>,
    /// Triangle indices into `poly`.
    pub tris: Vec<u32>,
    /// The curve at the coarser levels of [`LOD_TOLERANCES`].
    pub coarser: Vec<Flat>,
    /// `poly`'s edges by row, for hit testing.
    pub edges: EdgeIndex,
    /// Bounding box (hit-test prefilter).
    pub bbox: BBox,
    /// A point well inside, for labels.
    pub anchor: Point,
    /// Area in chart units².
    pub area: f32,
}

/// A foot outline in chart space.
#[derive(Debug, Clone, PartialEq)]
pub struct FootOutline {
    /// Which foot.
    pub foot: Foot,
    /// The true outline: a smooth closed curve.
    pub curve: Vec<Cubic>,
    /// The curve flattened at [`FINEST_TOLERANCE`].
    pub poly: Vec<Point>,
    /// Triangle indices into `poly`.
    pub tris: Vec<u32>,
    /// The curve at the coarser levels of [`LOD_TOLERANCES`].
    pub coarser: Vec<Flat>,
    /// Realism details (creases, nails), as smooth open curves.
    pub detail_curves: Vec<Vec<Cubic>>,
    /// The details flattened at [`FINEST_TOLERANCE`].
    pub details: Vec<Vec<Point>>,
}

impl FootOutline {
    /// The outline to paint at `scale` screen pixels per chart unit.
    pub fn drawn(&self, scale: f32) -> (&[Point], &[u32]) {
        drawn((&self.poly, &self.tris), &self.coarser, scale)
    }
}

impl ZonePiece {
    /// The shape to paint at `scale` screen pixels per chart unit.
    pub fn drawn(&self, scale: f32) -> (&[Point], &[u32]) {
        drawn((&self.poly, &self.tris), &self.coarser, scale)
    }
}

/// A guide line on one foot, in chart space.
#[derive(Debug, Clone, PartialEq)]
pub struct GuidePiece {
    /// Index into `Chart::guides`.
    pub guide: usize,
    /// Which foot.
    pub foot: Foot,
    /// The smooth line through the chart file's points.
    pub curve: Vec<Cubic>,
    /// The line flattened at [`FINEST_TOLERANCE`].
    pub points: Vec<Point>,
}

/// A longitudinal zone boundary or label on one foot.
#[derive(Debug, Clone, PartialEq)]
pub struct LongitudinalPiece {
    /// Which foot.
    pub foot: Foot,
    /// Boundary segments (vertical lines clipped to the outline).
    pub lines: Vec<(Point, Point)>,
    /// Where to write the numbers 1–5 (body zones; the same on both feet).
    pub labels: Vec<(u8, Point)>,
}

/// One zone on one foot of a view, as the keyboard and the worksheet visit it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FootArea {
    /// The zone.
    pub zone: ZoneIdx,
    /// The foot.
    pub foot: Foot,
    /// The union of its pieces' bounds on that foot.
    pub bbox: BBox,
    /// A point well inside its largest piece there (where a label or a leader line goes).
    pub anchor: Point,
}

/// Everything needed to draw and hit-test one view with one foot selection.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewGeometry {
    /// The view.
    pub view: ViewKind,
    /// Feet or hands (the chart's).
    pub limb: Limb,
    /// Which feet are shown.
    pub feet: FootSel,
    /// Bounds of everything, chart space.
    pub bounds: BBox,
    /// Foot outlines.
    pub outlines: Vec<FootOutline>,
    /// Zone pieces in drawing order (later on top).
    pub pieces: Vec<ZonePiece>,
    /// Guide lines.
    pub guides: Vec<GuidePiece>,
    /// Longitudinal zones (plantar and dorsal only).
    pub longitudinal: Vec<LongitudinalPiece>,
    /// Per zone: where its label goes on the map (the largest piece's anchor).
    pub zone_anchor: HashMap<ZoneIdx, Point>,
    placements: Vec<Placement>,
    /// Normalized → foot space.
    scale: (f32, f32),
    /// Every zone and foot in reading order, with its bounds ([`ViewGeometry::reading_order`]).
    reading: Vec<FootArea>,
}

impl ViewGeometry {
    /// The topmost zone whose true shape contains the chart-space point.
    pub fn hit_test(&self, p: Point) -> Option<ZoneIdx> {
        self.pieces
            .iter()
            .rev()
            .find(|piece| piece.bbox.contains(p) && piece.edges.contains(&piece.poly, p))
            .map(|piece| piece.zone)
    }

    /// The foot under a chart-space point, if any.
    pub fn foot_at(&self, p: Point) -> Option<Foot> {
        self.outlines
            .iter()
            .find(|o| point_in_polygon(p, &o.poly))
            .map(|o| o.foot)
    }

    /// Whether a zone has at least one piece here.
    pub fn shows_zone(&self, zone: ZoneIdx) -> bool {
        self.zone_anchor.contains_key(&zone)
    }

    /// A point given in the chart file's terms (normalized, left-foot coordinates) on one
    /// foot, in chart space; `None` when that foot is not shown.
    pub fn place_normalized(&self, foot: Foot, p: (f32, f32)) -> Option<Point> {
        let placement = self.placement(foot)?;
        Some(placement.place(Point::new(p.0 * self.scale.0, p.1 * self.scale.1)))
    }

    /// The foot under a chart-space point and the point in the chart file's terms
    /// (normalized, left-foot coordinates); `None` off the feet.
    pub fn normalized_at(&self, p: Point) -> Option<(Foot, (f32, f32))> {
        let foot = self.foot_at(p)?;
        let q = self.placement(foot)?.unplace(p);
        Some((foot, (q.x / self.scale.0, q.y / self.scale.1)))
    }

    /// The placement of a foot, if shown.
    pub fn placement(&self, foot: Foot) -> Option<&Placement> {
        self.placements.iter().find(|p| p.foot == foot)
    }

    /// A chart-space point on one foot in the chart file's terms (normalized, left-foot
    /// coordinates), whether or not it lies inside the outline.
    pub fn normalized_on(&self, foot: Foot, p: Point) -> Option<(f32, f32)> {
        let q = self.placement(foot)?.unplace(p);
        Some((q.x / self.scale.0, q.y / self.scale.1))
    }

    /// Every zone shown here, once per foot it is drawn on, with the union of its pieces'
    /// bounds on that foot, in the order a person reading the chart would follow: the left
    /// foot first, then the right; on each foot from the toes to the heel, and across a row
    /// from the medial (big-toe) edge to the lateral edge (on the side views, from the sole
    /// up). Rows are bands of [`READING_ROW`] of the foot's length, so zones side by side at
    /// nearly the same height (the toes) read across rather than jumping about.
    pub fn reading_order(&self) -> &[FootArea] {
        &self.reading
    }

    /// [`ViewGeometry::reading_order`], worked out once when the view is built (the map asks
    /// for it every frame).
    fn compute_reading_order(&self) -> Vec<FootArea> {
        let mut areas: Vec<(FootArea, f32)> = Vec::new();
        for piece in &self.pieces {
            match areas
                .iter_mut()
                .find(|(a, _)| a.zone == piece.zone && a.foot == piece.foot)
            {
                Some((a, largest)) => {
                    a.bbox.union(&piece.bbox);
                    if piece.area > *largest {
                        *largest = piece.area;
                        a.anchor = piece.anchor;
                    }
                }
                None => areas.push((
                    FootArea {
                        zone: piece.zone,
                        foot: piece.foot,
                        bbox: piece.bbox,
                        anchor: piece.anchor,
                    },
                    piece.area,
                )),
            }
        }
        let side = self.view.is_side();
        let key = |a: &FootArea| -> (u8, i32, f32) {
            let p = a.anchor;
            let (x, y) = self.normalized_on(a.foot, p).unwrap_or((p.x, p.y));
            // Plantar and dorsal: x = medial→lateral, y = toe→heel. Side views: x = toe→heel,
            // y = sole→top.
            let (along, across) = if side { (x, y) } else { (y, x) };
            (a.foot as u8, (along / READING_ROW).floor() as i32, across)
        };
        areas.sort_by(|(x, _), (y, _)| {
            let (kx, ky) = (key(x), key(y));
            kx.0.cmp(&ky.0)
                .then(kx.1.cmp(&ky.1))
                .then(kx.2.total_cmp(&ky.2))
                .then(x.zone.cmp(&y.zone))
        });
        areas.into_iter().map(|(a, _)| a).collect()
    }

    /// Build the geometry of one view of a chart. A view the chart lacks gives empty geometry.
    pub fn build(chart: &Chart, view: ViewKind, feet: FootSel) -> ViewGeometry {
        let mut geo = ViewGeometry {
            view,
            limb: chart.limb,
            feet,
            bounds: BBox::EMPTY,
            outlines: Vec::new(),
            pieces: Vec::new(),
            guides: Vec::new(),
            longitudinal: Vec::new(),
            zone_anchor: HashMap::new(),
            reading: Vec::new(),
            placements: Vec::new(),
            scale: (1.0, 1.0),
        };
        let Some(def) = chart.view(view) else {
            geo.bounds = BBox::of(&[Point::new(0.0, 0.0), Point::new(1.0, 1.0)]);
            return geo;
        };
        let scale = view_scale(view, def.aspect);
        geo.scale = scale;
        let to_foot = |p: &(f32, f32)| Point::new(p.0 * scale.0, p.1 * scale.1);
        let outline: Vec<Point> = def.outline.iter().map(to_foot).collect();
        let outline_curve = closed_spline(&outline);
        // Why the drawn outline, not its points: the smooth curve bulges a little past them,
        // and the frame and the longitudinal lines must follow what is drawn.
        let smooth_outline = flatten(&outline_curve, FINEST_TOLERANCE, true);
        let frame = BBox::of(&smooth_outline);
        let shown: Vec<Foot> = [Foot::Left, Foot::Right]
            .into_iter()
            .filter(|f| feet.includes(*f))
            .collect();
        // Why stacked when wider than tall: two side views side by side would each get half
        // the width and leave most of the height empty; one above the other they fill it.
        let stack = frame.width() > frame.height();
        let mut offset = 0.0;
        for foot in &shown {
            geo.placements.push(Placement {
                foot: *foot,
                view,
                flip: chart.mirrors_left(view) == (*foot == Foot::Left),
                frame,
                offset_x: if stack { 0.0 } else { offset },
                offset_y: if stack { offset } else { 0.0 },
            });
            offset += if stack {
                frame.height() + STACK_GAP
            } else {
                frame.width() + FOOT_GAP
            };
        }
        let detail_curves: Vec<Vec<Cubic>> = def
            .details
            .iter()
            .map(|line| open_spline(&line.iter().map(to_foot).collect::<Vec<_>>()))
            .collect();
        for pl in geo.placements.clone() {
            let curve: Vec<Cubic> = outline_curve
                .iter()
                .map(|c| c.map(|p| pl.place(p)))
                .collect();
            let (fine, coarser) = flattened(&curve);
            geo.bounds.union(&BBox::of(&fine.poly));
            let detail_curves: Vec<Vec<Cubic>> = detail_curves
                .iter()
                .map(|line| line.iter().map(|c| c.map(|p| pl.place(p))).collect())
                .collect();
            geo.outlines.push(FootOutline {
                foot: pl.foot,
                curve,
                poly: fine.poly,
                tris: fine.tris,
                coarser,
                details: detail_curves
                    .iter()
                    .map(|c| flatten(c, FINEST_TOLERANCE, false))
                    .collect(),
                detail_curves,
            });
        }
        for (zi, zone) in chart.indexed_zones() {
            for shape in zone.shapes.iter().filter(|s| s.view == view) {
                let foot_curve = geom_curve(&shape.geom, scale);
                if foot_curve.len() < 2 {
                    continue;
                }
                for pl in geo
                    .placements
                    .iter()
                    .filter(|pl| shape.foot.includes(pl.foot))
                {
                    let curve: Vec<Cubic> =
                        foot_curve.iter().map(|c| c.map(|p| pl.place(p))).collect();
                    let (fine, coarser) = flattened(&curve);
                    if fine.poly.len() < 3 {
                        continue;
                    }
                    // Why a coarse level: the label point only has to be well inside, and the
                    // search is quadratic in the points.
                    let label_at = &coarser[1];
                    let anchor = interior_point(&label_at.poly, &label_at.tris);
                    geo.pieces.push(ZonePiece {
                        zone: zi,
                        foot: pl.foot,
                        bbox: BBox::of(&fine.poly),
                        area: signed_area(&fine.poly).abs(),
                        edges: EdgeIndex::new(&fine.poly),
                        curve,
                        poly: fine.poly,
                        tris: fine.tris,
                        coarser,
                        anchor,
                    });
                }
            }
        }
        let mut best: HashMap<ZoneIdx, (f32, Point)> = HashMap::new();
        for piece in &geo.pieces {
            let e = best.entry(piece.zone).or_insert((-1.0, piece.anchor));
            if piece.area > e.0 {
                *e = (piece.area, piece.anchor);
            }
        }
        geo.zone_anchor = best.into_iter().map(|(z, (_, p))| (z, p)).collect();
        for (gi, guide) in chart.guides.iter().enumerate() {
            for path in guide.paths.iter().filter(|p| p.view == view) {
                let line = open_spline(&path.points.iter().map(to_foot).collect::<Vec<_>>());
                for pl in &geo.placements {
                    let curve: Vec<Cubic> = line.iter().map(|c| c.map(|p| pl.place(p))).collect();
                    geo.guides.push(GuidePiece {
                        guide: gi,
                        foot: pl.foot,
                        points: flatten(&curve, FINEST_TOLERANCE, false),
                        curve,
                    });
                }
            }
        }
        if !view.is_side() && chart.longitudinal_bounds.len() == 4 {
            for pl in &geo.placements {
                geo.longitudinal.push(longitudinal(
                    &smooth_outline,
                    scale,
                    &chart.longitudinal_bounds,
                    pl,
                ));
            }
        }
        geo.reading = geo.compute_reading_order();
        geo
    }
}

fn longitudinal(
    outline: &[Point],
    scale: (f32, f32),
    bounds: &[f32],
    pl: &Placement,
) -> LongitudinalPiece {
    let mut lines = Vec::new();
    for &b in bounds {
        let x = b * scale.0;
        let mut ys: Vec<f32> = Vec::new();
        let n = outline.len();
        for i in 0..n {
            let (a, c) = (outline[i], outline[(i + 1) % n]);
            if (a.x > x) != (c.x > x) {
                ys.push(a.y + (x - a.x) * (c.y - a.y) / (c.x - a.x));
            }
        }
        ys.sort_by(f32::total_cmp);
        for pair in ys.chunks_exact(2) {
            lines.push((
                pl.place(Point::new(x, pair[0])),
                pl.place(Point::new(x, pair[1])),
            ));
        }
    }
    let mut edges = vec![0.0];
    edges.extend_from_slice(bounds);
    edges.push(1.0);
    let labels = edges
        .windows(2)
        .enumerate()
        .map(|(i, w)| {
            let x = (w[0] + w[1]) / 2.0 * scale.0;
            (i as u8 + 1, pl.place(Point::new(x, 0.47)))
        })
        .collect();
    LongitudinalPiece {
        foot: pl.foot,
        lines,
        labels,
    }
}

/// The geometry of every view and foot selection of a chart, built once when it loads.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartGeometry {
    views: Vec<ViewGeometry>,
}

impl ChartGeometry {
    /// Build every combination of the chart's views with both/left/right.
    pub fn new(chart: &Chart) -> Self {
        let kinds = chart.view_kinds();
        let mut views = Vec::with_capacity(kinds.len().max(1) * 3);
        // Why an empty first view when the chart has none: `get` always has something to give.
        for view in if kinds.is_empty() {
            vec![ViewKind::Plantar]
        } else {
            kinds
        } {
            for feet in [FootSel::Both, FootSel::Left, FootSel::Right] {
                views.push(ViewGeometry::build(chart, view, feet));
            }
        }
        Self { views }
    }

    /// The geometry of a view with a foot selection (the chart's first view when it has no
    /// such view).
    pub fn get(&self, view: ViewKind, feet: FootSel) -> &ViewGeometry {
        let vi = self
            .views
            .iter()
            .step_by(3)
            .position(|g| g.view == view)
            .unwrap_or(0);
        let fi = match feet {
            FootSel::Both => 0,
            FootSel::Left => 1,
            FootSel::Right => 2,
        };
        &self.views[vi * 3 + fi]
    }
}

/// Chart space → screen space: a uniform scale and an offset. Pure, so zoom and pan are tested
/// without a window.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Transform {
    /// Screen pixels per chart unit.
    pub scale: f32,
    /// Screen position of the chart origin.
    pub offset: Point,
}

impl Transform {
    /// The transform that fits `bounds` centred into a screen rectangle, with a margin fraction.
    pub fn fit(bounds: &BBox, screen_min: Point, screen_size: Point, margin: f32) -> Transform {
        let bw = bounds.width().max(1e-6);
        let bh = bounds.height().max(1e-6);
        let scale = ((screen_size.x / bw).min(screen_size.y / bh) * (1.0 - 2.0 * margin)).max(1e-6);
        let c = bounds.center();
        Transform {
            scale,
            offset: Point::new(
                screen_min.x + screen_size.x / 2.0 - c.x * scale,
                screen_min.y + screen_size.y / 2.0 - c.y * scale,
            ),
        }
    }

    /// Chart → screen.
    pub fn to_screen(&self, p: Point) -> Point {
        Point::new(
            p.x * self.scale + self.offset.x,
            p.y * self.scale + self.offset.y,
        )
    }

    /// Screen → chart.
    pub fn to_chart(&self, p: Point) -> Point {
        Point::new(
            (p.x - self.offset.x) / self.scale,
            (p.y - self.offset.y) / self.scale,
        )
    }

    /// Zoom by `factor` keeping the chart point under `screen` fixed.
    pub fn zoomed_about(&self, screen: Point, factor: f32) -> Transform {
        let anchor = self.to_chart(screen);
        let scale = self.scale * factor;
        Transform {
            scale,
            offset: Point::new(screen.x - anchor.x * scale, screen.y - anchor.y * scale),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    fn square_chart() -> Chart {
        let outline = vec![(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)];
        Chart {
            version: 1,
            name: "t".into(),
            description: String::new(),
            limb: Limb::Foot,
            views: ViewKind::ALL
                .iter()
                .map(|v| ViewDef {
                    view: *v,
                    label: None,
                    mirror_left: None,
                    outline: outline.clone(),
                    aspect: 0.4,
                    details: vec![],
                })
                .collect(),
            longitudinal_bounds: vec![0.32, 0.5, 0.66, 0.81],
            guides: vec![],
            zones: vec![
                zone("medial_spot", FootSel::Both, (0.1, 0.5)),
                zone("lateral_spot", FootSel::Both, (0.9, 0.5)),
                zone("left_only", FootSel::Left, (0.5, 0.2)),
            ],
            touch_test: vec![],
        }
    }

    fn zone(id: &str, foot: FootSel, c: (f32, f32)) -> Zone {
        Zone {
            id: id.into(),
            name: id.into(),
            aliases: vec![],
            corresponds_to: String::new(),
            body_parts: vec![],
            system: BodySystem::Nervous,
            location: String::new(),
            shapes: vec![ZoneShape {
                view: ViewKind::Plantar,
                foot,
                geom: Geom::Ellipse {
                    center: c,
                    size: (0.1, 0.1),
                },
            }],
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

    #[test]
    fn big_toes_face_the_middle_on_the_plantar_view() {
        let chart = square_chart();
        let g = ViewGeometry::build(&chart, ViewKind::Plantar, FootSel::Both);
        let medial = chart.zone_index("medial_spot").unwrap();
        let lateral = chart.zone_index("lateral_spot").unwrap();
        let x_of = |z: ZoneIdx, foot: Foot| {
            g.pieces
                .iter()
                .find(|p| p.zone == z && p.foot == foot)
                .map(|p| p.bbox.center().x)
                .unwrap()
        };
        // Left foot on the left, its medial (big-toe) side toward the middle.
        assert!(x_of(medial, Foot::Left) > x_of(lateral, Foot::Left));
        assert!(x_of(medial, Foot::Right) < x_of(lateral, Foot::Right));
        assert!(x_of(lateral, Foot::Left) < x_of(lateral, Foot::Right));
    }

    #[test]
    fn mirroring_twice_is_the_identity() {
        let chart = square_chart();
        let g = ViewGeometry::build(&chart, ViewKind::Plantar, FootSel::Both);
        for foot in [Foot::Left, Foot::Right] {
            let pl = g.placement(foot).unwrap();
            let p = Point::new(0.13, 0.77);
            let q = pl.unplace(pl.place(p));
            assert!((p.x - q.x).abs() < 1e-6 && (p.y - q.y).abs() < 1e-6);
        }
        // Left and right placements mirror each other about the gap's centre.
        let (l, r) = (
            g.placement(Foot::Left).unwrap(),
            g.placement(Foot::Right).unwrap(),
        );
        let p = Point::new(0.1, 0.5);
        let mid = (g.bounds.min.x + g.bounds.max.x) / 2.0;
        assert!(((l.place(p).x - mid) + (r.place(p).x - mid)).abs() < 1e-5);
    }

    #[test]
    fn one_foot_zones_show_only_on_their_foot() {
        let chart = square_chart();
        let z = chart.zone_index("left_only").unwrap();
        let both = ViewGeometry::build(&chart, ViewKind::Plantar, FootSel::Both);
        assert_eq!(both.pieces.iter().filter(|p| p.zone == z).count(), 1);
        let right = ViewGeometry::build(&chart, ViewKind::Plantar, FootSel::Right);
        assert!(!right.shows_zone(z));
    }

    #[test]
    fn hit_test_finds_neighbours_and_misses_the_gap_between_them() {
        let chart = square_chart();
        let g = ViewGeometry::build(&chart, ViewKind::Plantar, FootSel::Left);
        let pl = g.placement(Foot::Left).unwrap();
        let at = |x: f32, y: f32| pl.place(Point::new(x * 0.4, y));
        assert_eq!(g.hit_test(at(0.1, 0.5)), chart.zone_index("medial_spot"));
        assert_eq!(g.hit_test(at(0.9, 0.5)), chart.zone_index("lateral_spot"));
        assert_eq!(g.hit_test(at(0.5, 0.5)), None);
        // Inside the ellipse's bounding box corner but outside the ellipse itself.
        assert_eq!(g.hit_test(at(0.146, 0.546)), None);
    }

    #[test]
    fn chart_screen_round_trip_survives_zoom() {
        let b = BBox::of(&[Point::new(0.0, 0.0), Point::new(0.9, 1.0)]);
        let t = Transform::fit(&b, Point::new(10.0, 20.0), Point::new(800.0, 600.0), 0.05);
        let t = t.zoomed_about(Point::new(300.0, 200.0), 2.5);
        let p = Point::new(0.37, 0.81);
        let q = t.to_chart(t.to_screen(p));
        assert!((p.x - q.x).abs() < 1e-5 && (p.y - q.y).abs() < 1e-5);
        // The zoom anchor stays put.
        let t2 = t.zoomed_about(Point::new(300.0, 200.0), 0.5);
        let a = t.to_chart(Point::new(300.0, 200.0));
        let s = t2.to_screen(a);
        assert!((s.x - 300.0).abs() < 1e-3 && (s.y - 200.0).abs() < 1e-3);
    }

    #[test]
    fn longitudinal_zones_have_five_labels_per_foot() {
        let chart = square_chart();
        let g = ViewGeometry::build(&chart, ViewKind::Plantar, FootSel::Both);
        assert_eq!(g.longitudinal.len(), 2);
        assert!(
            g.longitudinal
                .iter()
                .all(|l| l.labels.len() == 5 && l.lines.len() == 4)
        );
    }

    #[test]
    fn a_normalized_point_goes_onto_each_foot_and_back() {
        let chart = crate::load::embedded_content().unwrap().chart;
        for view in ViewKind::ALL {
            let g = ViewGeometry::build(&chart, view, FootSel::Both);
            for foot in [Foot::Left, Foot::Right] {
                let p = (0.5, 0.6);
                let c = g.place_normalized(foot, p).unwrap();
                let (f, q) = g.normalized_at(c).expect("inside the foot");
                assert_eq!(f, foot, "{view:?}");
                assert!(
                    (q.0 - p.0).abs() < 1e-4 && (q.1 - p.1).abs() < 1e-4,
                    "{q:?}"
                );
            }
            assert!(g.normalized_at(Point::new(-50.0, -50.0)).is_none());
        }
        let left_only = ViewGeometry::build(&chart, ViewKind::Plantar, FootSel::Left);
        assert!(
            left_only
                .place_normalized(Foot::Right, (0.5, 0.5))
                .is_none()
        );
    }
}

#[cfg(test)]
mod reading_order_tests {
    use super::*;
    use crate::model::FootSel;

    #[test]
    fn left_foot_first_then_toe_to_heel_and_medial_to_lateral() {
        let chart = crate::load::embedded_content().unwrap().chart;
        let geo = ViewGeometry::build(&chart, ViewKind::Plantar, FootSel::Both);
        let order = geo.reading_order();
        let names: Vec<(String, Foot)> = order
            .iter()
            .map(|a| (chart.zone_at(a.zone).id.clone(), a.foot))
            .collect();
        let at = |id: &str, foot: Foot| {
            names
                .iter()
                .position(|(n, f)| n == id && *f == foot)
                .unwrap_or_else(|| panic!("{id} on the {foot:?} foot is in the order"))
        };
        // Every left-foot area comes before every right-foot one.
        let first_right = names.iter().position(|(_, f)| *f == Foot::Right).unwrap();
        assert!(names[first_right..].iter().all(|(_, f)| *f == Foot::Right));
        // Toes to heel on each foot.
        for foot in [Foot::Left, Foot::Right] {
            assert!(at("brain_head", foot) < at("solar_plexus", foot));
            assert!(at("solar_plexus", foot) < at("sciatic_nerve", foot));
        }
        // Each zone once per foot it is drawn on, with its drawn bounds.
        let sp: Vec<_> = order
            .iter()
            .filter(|a| chart.zone_at(a.zone).id == "solar_plexus")
            .collect();
        assert_eq!(sp.len(), 2);
        assert_ne!(sp[0].bbox.min.x, sp[1].bbox.min.x, "one box per foot");
        for a in order {
            assert!(a.bbox.contains(a.anchor));
            for piece in geo
                .pieces
                .iter()
                .filter(|p| p.zone == a.zone && p.foot == a.foot)
            {
                assert!(a.bbox.contains(piece.anchor));
                assert!(
                    a.bbox.width() >= piece.bbox.width() && a.bbox.height() >= piece.bbox.height()
                );
            }
        }
    }
}
