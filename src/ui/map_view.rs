//! The chart: feet, zones, overlays; hover, click, zoom, pan; one accessibility node per zone.
//!
//! Why not `egui::Scene`: it keeps accessibility rects in scene units, so clicks by label miss.
//! We paint in screen space with our own [`Transform`] instead.

use egui::{Align2, Color32, FontId, Mesh, Pos2, Rect, Sense, Shape, Stroke, Ui, Vec2};
use serde::{Deserialize, Serialize};

use super::{Command, theme};
use crate::geometry::{Point, Transform, ViewGeometry};
use crate::model::Chart;

/// Which overlays are drawn (persisted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overlays {
    /// Shoulder, diaphragm, waist, pelvic … lines.
    pub guides: bool,
    /// The 10 longitudinal zones.
    pub longitudinal: bool,
    /// Zone names on the map.
    pub labels: bool,
}

impl Default for Overlays {
    fn default() -> Self {
        Self {
            guides: true,
            longitudinal: false,
            labels: false,
        }
    }
}

/// Zoom and pan of the map (runtime only: every start shows the whole chart).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapCamera {
    /// Multiplies the fit-to-window scale.
    pub zoom: f32,
    /// Screen offset added after fitting, in points.
    pub pan: Vec2,
}

impl Default for MapCamera {
    fn default() -> Self {
        Self {
            zoom: 1.0,
            pan: Vec2::ZERO,
        }
    }
}

impl MapCamera {
    /// Smallest and largest zoom.
    pub const ZOOM_RANGE: (f32, f32) = (0.5, 8.0);

    /// The chart → screen transform for a map rect.
    pub fn transform(&self, geo: &ViewGeometry, rect: Rect) -> Transform {
        let fit = Transform::fit(
            &geo.bounds,
            Point::new(rect.min.x, rect.min.y),
            Point::new(rect.width(), rect.height()),
            0.05,
        );
        let c = rect.center();
        let t = fit.zoomed_about(Point::new(c.x, c.y), self.zoom);
        Transform {
            scale: t.scale,
            offset: Point::new(t.offset.x + self.pan.x, t.offset.y + self.pan.y),
        }
    }

    /// Zoom by a factor around a screen point, within the zoom range.
    pub fn zoom_about(&mut self, geo: &ViewGeometry, rect: Rect, at: Pos2, factor: f32) {
        let new_zoom = (self.zoom * factor).clamp(Self::ZOOM_RANGE.0, Self::ZOOM_RANGE.1);
        let factor = new_zoom / self.zoom;
        if (factor - 1.0).abs() < 1e-6 {
            return;
        }
        // Keep the chart point under `at` fixed: solve for the new pan.
        let before = self.transform(geo, rect);
        let anchor = before.to_chart(Point::new(at.x, at.y));
        self.zoom = new_zoom;
        let after = self.transform(geo, rect);
        let moved = after.to_screen(anchor);
        self.pan += Vec2::new(at.x - moved.x, at.y - moved.y);
    }
}

/// What the map needs to know to draw itself this frame.
pub struct MapInput<'a> {
    /// The chart.
    pub chart: &'a Chart,
    /// Geometry of the current view.
    pub geo: &'a ViewGeometry,
    /// The selected zone.
    pub selected: Option<usize>,
    /// Overlays.
    pub overlays: Overlays,
}

fn to_pos(p: Point) -> Pos2 {
    Pos2::new(p.x, p.y)
}

fn mesh_of(poly: &[Point], tris: &[u32], t: &Transform, color: Color32) -> Mesh {
    let mut mesh = Mesh::default();
    mesh.vertices.reserve(poly.len());
    for p in poly {
        mesh.colored_vertex(to_pos(t.to_screen(*p)), color);
    }
    mesh.indices.extend_from_slice(tris);
    mesh
}

fn screen_poly(poly: &[Point], t: &Transform) -> Vec<Pos2> {
    poly.iter().map(|p| to_pos(t.to_screen(*p))).collect()
}

/// Draw the map and handle its input. Returns the commands and the hovered zone.
pub fn map_ui(
    ui: &mut Ui,
    camera: &mut MapCamera,
    input: &MapInput,
) -> (Vec<Command>, Option<usize>) {
    let mut commands = Vec::new();
    let dark = ui.visuals().dark_mode;
    let (response, painter) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
    let rect = response.rect;
    let geo = input.geo;
    let chart = input.chart;

    // Zoom (wheel, pinch, ctrl+wheel) and pan (drag).
    let pointer = ui.input(|i| i.pointer.hover_pos());
    if let Some(at) = pointer.filter(|p| rect.contains(*p))
        && response.contains_pointer()
    {
        let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta(), i.zoom_delta()));
        let factor = zoom * (scroll.y * 0.0025).exp();
        if (factor - 1.0).abs() > 1e-4 {
            camera.zoom_about(geo, rect, at, factor);
        }
    }
    if response.dragged() {
        camera.pan += response.drag_delta();
    }
    if response.double_clicked() {
        commands.push(Command::ResetView);
    }
    let t = camera.transform(geo, rect);

    let hovered = pointer
        .filter(|p| rect.contains(*p) && response.contains_pointer())
        .and_then(|p| geo.hit_test(t.to_chart(Point::new(p.x, p.y))));
    if response.clicked() {
        let hit = response
            .interact_pointer_pos()
            .and_then(|p| geo.hit_test(t.to_chart(Point::new(p.x, p.y))));
        commands.push(Command::SelectZone(hit));
    }

    let painter = painter.with_clip_rect(rect);
    // Feet.
    for o in &geo.outlines {
        painter.add(Shape::mesh(mesh_of(
            &o.poly,
            &o.tris,
            &t,
            theme::skin(dark),
        )));
    }
    // Longitudinal zones under the reflex zones, so zones stay readable.
    if input.overlays.longitudinal {
        let stroke = theme::longitudinal_stroke(dark);
        for l in &geo.longitudinal {
            for (a, b) in &l.lines {
                painter.line_segment([to_pos(t.to_screen(*a)), to_pos(t.to_screen(*b))], stroke);
            }
        }
    }
    // Zones.
    let zone_stroke = theme::zone_stroke(dark);
    for piece in &geo.pieces {
        let zone = &chart.zones[piece.zone];
        let alpha = if hovered == Some(piece.zone) {
            theme::ZONE_ALPHA_HOVER
        } else if input.selected.is_some_and(|s| s != piece.zone) {
            theme::ZONE_ALPHA_DIMMED
        } else {
            theme::ZONE_ALPHA
        };
        painter.add(Shape::mesh(mesh_of(
            &piece.poly,
            &piece.tris,
            &t,
            theme::system_fill(zone.system, alpha),
        )));
        painter.add(Shape::closed_line(
            screen_poly(&piece.poly, &t),
            zone_stroke,
        ));
    }
    // Outlines over the zones so edges stay crisp.
    for o in &geo.outlines {
        painter.add(Shape::closed_line(
            screen_poly(&o.poly, &t),
            theme::outline_stroke(dark),
        ));
        for d in &o.details {
            painter.add(Shape::line(
                screen_poly(d, &t),
                Stroke::new(0.8, theme::outline_stroke(dark).color.gamma_multiply(0.6)),
            ));
        }
    }
    // Hover and selection strokes on top of everything.
    for piece in &geo.pieces {
        let stroke = if input.selected == Some(piece.zone) {
            theme::selected_stroke(dark)
        } else if hovered == Some(piece.zone) {
            theme::hover_stroke(dark)
        } else {
            continue;
        };
        painter.add(Shape::closed_line(screen_poly(&piece.poly, &t), stroke));
    }
    let text_color = ui.visuals().text_color();
    if input.overlays.longitudinal {
        let color = theme::longitudinal_stroke(dark).color;
        for l in &geo.longitudinal {
            for (n, p) in &l.labels {
                painter.text(
                    to_pos(t.to_screen(*p)),
                    Align2::CENTER_CENTER,
                    n.to_string(),
                    FontId::proportional(12.0),
                    color,
                );
            }
        }
    }
    if input.overlays.guides {
        let stroke = theme::guide_stroke(dark);
        for g in &geo.guides {
            let pts = screen_poly(&g.points, &t);
            painter.extend(Shape::dashed_line(&pts, stroke, 7.0, 4.0));
        }
        // Name each guide once, in the margin left of the chart, where its line reaches the
        // outer edge of the left-most foot (lines inside the foot, like the tendon line, stay
        // unnamed here; hovering tells).
        let chart_left = t.to_screen(geo.bounds.min).x;
        let edge = 0.06 * geo.bounds.width() * t.scale;
        let mut named = Vec::new();
        for g in &geo.guides {
            if named.contains(&g.guide) {
                continue;
            }
            let pts = screen_poly(&g.points, &t);
            let Some(leftmost) = pts.iter().min_by(|a, b| a.x.total_cmp(&b.x)) else {
                continue;
            };
            if leftmost.x > chart_left + edge {
                continue;
            }
            named.push(g.guide);
            let name = &chart.guides[g.guide].name;
            painter.text(
                *leftmost + Vec2::new(-6.0, 0.0),
                Align2::RIGHT_CENTER,
                name,
                FontId::proportional(11.0),
                stroke.color,
            );
        }
    }
    if input.overlays.labels {
        for (zi, anchor) in &geo.zone_anchor {
            let pos = to_pos(t.to_screen(*anchor));
            let galley = painter.layout_no_wrap(
                chart.zones[*zi].name.clone(),
                FontId::proportional(10.5),
                text_color,
            );
            let r = Align2::CENTER_CENTER
                .anchor_size(pos, galley.size())
                .expand(2.0);
            painter.rect_filled(r, 3.0, ui.visuals().extreme_bg_color.gamma_multiply(0.75));
            painter.galley(r.min + Vec2::splat(2.0), galley, text_color);
        }
    }
    // Foot names under each foot.
    for o in &geo.outlines {
        let b = crate::geometry::BBox::of(&o.poly);
        let p = t.to_screen(Point::new(b.center().x, b.max.y));
        painter.text(
            to_pos(p) + Vec2::new(0.0, 8.0),
            Align2::CENTER_TOP,
            format!("{} foot", o.foot.label()),
            FontId::proportional(13.0),
            text_color,
        );
    }

    // One accessible, focusable node per zone on this view, in chart order (Tab order).
    let mut order: Vec<(usize, Point)> = geo.zone_anchor.iter().map(|(z, p)| (*z, *p)).collect();
    order.sort_by_key(|(z, _)| *z);
    for (zi, anchor) in order {
        let zone = &chart.zones[zi];
        let pos = to_pos(t.to_screen(anchor));
        let id = ui.make_persistent_id(("zone", &zone.id));
        let node = ui.interact(
            Rect::from_center_size(pos, Vec2::splat(10.0)),
            id,
            Sense::click(),
        );
        let selected = input.selected == Some(zi);
        node.widget_info(|| {
            egui::WidgetInfo::selected(egui::Role::Button, true, selected, &zone.name)
        });
        if node.clicked() {
            commands.push(Command::SelectZone(Some(zi)));
        }
        if node.has_focus() {
            for piece in geo.pieces.iter().filter(|p| p.zone == zi) {
                painter.add(Shape::closed_line(
                    screen_poly(&piece.poly, &t),
                    theme::focus_stroke(),
                ));
            }
        }
    }

    if let Some(z) = hovered {
        response.on_hover_ui_at_pointer(|ui| {
            let zone = &chart.zones[z];
            ui.strong(&zone.name);
            ui.label(zone.system.label());
        });
    }
    (commands, hovered)
}
