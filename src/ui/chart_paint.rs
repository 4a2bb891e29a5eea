//! Painting a chart view without the map's interaction: the runner's step, the inspection's
//! findings and touch test, and the zone-response heat map all start from the feet drawn
//! here, fitted to a rect.

use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Shape, Stroke, Vec2};

use super::map_view::{mesh_of, screen_poly, to_pos};
use super::theme;
use crate::geometry::{BBox, Point, Transform, ViewGeometry, ZonePiece};
use crate::palette::Rgb;

/// The chart → screen transform that fits a view in `rect`.
pub fn fit(geo: &ViewGeometry, rect: Rect) -> Transform {
    Transform::fit(
        &geo.bounds,
        Point::new(rect.min.x, rect.min.y),
        Point::new(rect.width(), rect.height()),
        0.05,
    )
}

/// A chart-space point on screen.
pub fn screen(t: &Transform, p: Point) -> Pos2 {
    to_pos(t.to_screen(p))
}

/// The skin of each foot.
pub fn feet(painter: &Painter, geo: &ViewGeometry, t: &Transform, dark: bool) {
    for o in &geo.outlines {
        let (poly, tris) = o.drawn(t.scale);
        painter.add(Shape::mesh(mesh_of(poly, tris, t, theme::skin(dark))));
    }
}

/// Each foot's outline and detail lines, over whatever was drawn inside.
pub fn outlines(painter: &Painter, geo: &ViewGeometry, t: &Transform, dark: bool) {
    for o in &geo.outlines {
        painter.add(Shape::closed_line(
            screen_poly(o.drawn(t.scale).0, t),
            theme::outline_stroke(dark),
        ));
        for d in &o.details {
            painter.add(Shape::line(
                screen_poly(d, t),
                Stroke::new(0.8, theme::outline_stroke(dark).color.gamma_multiply(0.6)),
            ));
        }
    }
}

/// Fill a zone piece.
pub fn fill(painter: &Painter, piece: &ZonePiece, t: &Transform, color: Color32) {
    let (poly, tris) = piece.drawn(t.scale);
    painter.add(Shape::mesh(mesh_of(poly, tris, t, color)));
}

/// Stroke round a zone piece.
pub fn stroke(painter: &Painter, piece: &ZonePiece, t: &Transform, stroke: Stroke) {
    painter.add(Shape::closed_line(
        screen_poly(piece.drawn(t.scale).0, t),
        stroke,
    ));
}

/// "Left foot" / "Right foot" under each foot, in `size` points.
pub fn foot_names(painter: &Painter, geo: &ViewGeometry, t: &Transform, color: Color32, size: f32) {
    for o in &geo.outlines {
        let b = BBox::of(&o.poly);
        let p = screen(t, Point::new(b.center().x, b.max.y));
        painter.text(
            p + Vec2::new(0.0, 8.0),
            Align2::CENTER_TOP,
            format!("{} {}", o.foot.label(), geo.limb.one()),
            FontId::proportional(size),
            color,
        );
    }
}

/// A solid colour from the shared palette.
pub fn rgb(c: Rgb) -> Color32 {
    Color32::from_rgb(c[0], c[1], c[2])
}

/// The colour between the skin (`share` 0) and `full` (`share` 1), for the heat map.
pub fn blend(skin: Color32, full: Color32, share: f32) -> Color32 {
    let s = share.clamp(0.0, 1.0);
    let mix = |a: u8, b: u8| (f32::from(a) + (f32::from(b) - f32::from(a)) * s).round() as u8;
    Color32::from_rgb(
        mix(skin.r(), full.r()),
        mix(skin.g(), full.g()),
        mix(skin.b(), full.b()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blend_runs_from_skin_to_full_colour() {
        let skin = Color32::from_rgb(200, 200, 200);
        let full = Color32::from_rgb(100, 0, 250);
        assert_eq!(blend(skin, full, 0.0), skin);
        assert_eq!(blend(skin, full, 1.0), full);
        assert_eq!(blend(skin, full, 0.5), Color32::from_rgb(150, 100, 225));
        assert_eq!(blend(skin, full, 7.0), full);
    }
}
