//! The chart: feet, zones, overlays; hover, click, zoom, pan; one accessibility node per zone.
//!
//! Why not `egui::Scene`: it keeps accessibility rects in scene units, so clicks by label miss.
//! We paint in screen space with our own [`Transform`] instead.

use egui::{
    Align2, Color32, FontId, Mesh, Pos2, Rect, Response, RichText, Sense, Shape, Stroke, Ui, Vec2,
};
use serde::{Deserialize, Serialize};

pub use super::map_marks::{BoardMark, BoardMarks, LabelChip, Numbers};
use super::map_marks::{board_marks, choice_marks};
use super::{Command, theme};
use crate::geometry::{Point, Transform, ViewGeometry};
use crate::model::{Chart, Foot, FootSel, ZoneIdx};

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
    /// The zone (and foot) under the pointer when the context menu was opened.
    pub context: Option<(ZoneIdx, Option<Foot>)>,
    /// The zone node that had keyboard focus last frame (Esc keeps it there).
    pub focused_node: Option<egui::Id>,
    /// The zone node that had keyboard focus last (going back to the map returns there).
    pub last_zone_node: Option<egui::Id>,
    /// The chart → screen transform the map was last drawn with (hints and tests find an area
    /// on screen through it).
    pub drawn: Option<Transform>,
}

impl Default for MapCamera {
    fn default() -> Self {
        Self {
            zoom: 1.0,
            pan: Vec2::ZERO,
            context: None,
            focused_node: None,
            last_zone_node: None,
            drawn: None,
        }
    }
}

/// The map's camera and what it reported last frame, shared by Explore and Plan so a mode
/// switch keeps the zoom.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MapPane {
    /// Zoom and pan.
    pub camera: MapCamera,
    /// The zone under the pointer last frame (for the legend).
    pub hovered: Option<ZoneIdx>,
}

/// A planned zone on the map: which feet, and the numbers of the steps that work it.
#[derive(Debug, Clone, PartialEq)]
pub struct StepMark {
    /// Zone index.
    pub zone: ZoneIdx,
    /// Feet the steps work.
    pub feet: FootSel,
    /// Step numbers (1-based).
    pub numbers: Vec<usize>,
}

/// Plan-mode decorations: numbered steps and areas screening says to avoid.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlanMarks {
    /// Each planned zone with its step numbers.
    pub steps: Vec<StepMark>,
    /// Zones to hatch.
    pub avoided: Vec<ZoneIdx>,
    /// Feet to hatch entirely.
    pub avoided_feet: Vec<Foot>,
}

impl MapPane {
    /// The map of Explore and Plan: draws it with this pane's camera and remembers the zone
    /// under the pointer for the legend.
    pub fn ui(&mut self, ui: &mut Ui, input: &MapInput) -> Vec<Command> {
        let (commands, hovered) = map_ui(ui, &mut self.camera, input);
        self.hovered = hovered;
        commands
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
    pub selected: Option<ZoneIdx>,
    /// Overlays.
    pub overlays: Overlays,
    /// Plan-mode decorations (None in Explore).
    pub plan: Option<&'a PlanMarks>,
    /// Study-mode behaviour (None outside a locate or name question).
    pub quiz: Option<&'a QuizMap<'a>>,
}

/// How the map behaves in a study question: no names anywhere, clicks answer.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct QuizMap<'a> {
    /// A zone on one foot to outline: the question (name) or the right answer (after locate).
    pub highlight: Option<(ZoneIdx, Foot)>,
    /// Where the student clicked, in chart coordinates, to mark after a locate answer.
    pub click: Option<Point>,
    /// Whether a click answers (a locate question not yet answered).
    pub clickable: bool,
    /// A guide line to show alone, highlighted and unnamed (a lines question).
    pub guide: Option<usize>,
    /// Numbered areas: a labelling board, or a locate question's four choices.
    pub numbers: Option<Numbers<'a>>,
}

pub(crate) fn to_pos(p: Point) -> Pos2 {
    Pos2::new(p.x, p.y)
}

pub(crate) fn mesh_of(poly: &[Point], tris: &[u32], t: &Transform, color: Color32) -> Mesh {
    let mut mesh = Mesh::default();
    mesh.vertices.reserve(poly.len());
    for p in poly {
        mesh.colored_vertex(to_pos(t.to_screen(*p)), color);
    }
    mesh.indices.extend_from_slice(tris);
    mesh
}

pub(crate) fn screen_poly(poly: &[Point], t: &Transform) -> Vec<Pos2> {
    poly.iter().map(|p| to_pos(t.to_screen(*p))).collect()
}

/// Draw the map and handle its input. Returns the commands and the hovered zone.
pub fn map_ui(
    ui: &mut Ui,
    camera: &mut MapCamera,
    input: &MapInput,
) -> (Vec<Command>, Option<ZoneIdx>) {
    let mut commands = Vec::new();
    let dark = ui.visuals().dark_mode;
    // Why not focusable: the keyboard goes to the zones themselves; the canvas as a Tab stop
    // would be one more press that does nothing.
    let (response, painter) = ui.allocate_painter(ui.available_size(), Sense::CLICK | Sense::DRAG);
    let chart_name = format!(
        "Foot chart — {} view, {}",
        input.geo.view.id(),
        input.geo.feet.label().to_lowercase()
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Group, true, &chart_name));
    // Esc clears the selection (the app does) but keeps the keyboard on the zone it was on:
    // egui drops focus on Esc, so it is given back here.
    let previous_focus = camera.focused_node.take();
    if let Some(id) = previous_focus
        && ui.input(|i| i.key_pressed(egui::Key::Escape))
        && ui.memory(|m| m.focused().is_none())
    {
        ui.memory_mut(|m| m.request_focus(id));
    }
    // Why the inset: guide-line names are written in the margin left of the feet.
    let label_margin = if input.overlays.guides { 86.0 } else { 0.0 };
    let rect = response.rect.with_min_x(response.rect.min.x + label_margin);
    let geo = input.geo;
    let chart = input.chart;

    // Zoom (wheel, pinch, ctrl+wheel) and pan (drag).
    let pointer = ui.input(|i| i.pointer.hover_pos());
    if let Some(at) = pointer.filter(|p| response.rect.contains(*p))
        && response.contains_pointer()
    {
        let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta(), i.zoom_delta()));
        let factor = zoom * (scroll.y * 0.0025).exp();
        if (factor - 1.0).abs() > 1e-4 {
            camera.zoom_about(geo, rect, at, factor);
        }
    }
    // Why the checks: only a drag that began on the map pans it. A name dragged from a
    // labelling board's list, or a press that began beside the map, once panned the chart out
    // of sight.
    let began_here = ui
        .input(|i| i.pointer.press_origin())
        .is_some_and(|p| response.rect.contains(p));
    if response.dragged() && began_here && !egui::DragAndDrop::has_any_payload(ui.ctx()) {
        camera.pan += response.drag_delta();
    }
    if response.double_clicked() {
        commands.push(Command::ResetView);
    }
    let t = camera.transform(geo, rect);
    camera.drawn = Some(t);

    let hovered = pointer
        .filter(|p| response.rect.contains(*p) && response.contains_pointer())
        .and_then(|p| geo.hit_test(t.to_chart(Point::new(p.x, p.y))));
    let quiz = input.quiz;
    if response.secondary_clicked() && quiz.is_none() {
        camera.context = response.interact_pointer_pos().and_then(|p| {
            let c = t.to_chart(Point::new(p.x, p.y));
            geo.hit_test(c).map(|z| (z, geo.foot_at(c)))
        });
    }
    if let Some((zone, foot)) = camera.context {
        response.context_menu(|ui| zone_menu(ui, chart, zone, foot, &mut commands));
    }
    if response.clicked() {
        match quiz {
            Some(q) => {
                if let Some(p) = response.interact_pointer_pos().filter(|_| q.clickable) {
                    commands.push(Command::Study(crate::study::StudyCommand::Click(
                        t.to_chart(Point::new(p.x, p.y)),
                    )));
                }
            }
            None => {
                let hit = response
                    .interact_pointer_pos()
                    .and_then(|p| geo.hit_test(t.to_chart(Point::new(p.x, p.y))));
                commands.push(Command::SelectZone(hit));
            }
        }
    }
    // In a question, hovering only outlines where a click would land (no names), and only
    // while a click still answers.
    let hovered = hovered.filter(|_| quiz.is_none_or(|q| q.clickable));

    let painter = painter.with_clip_rect(response.rect);
    // Feet.
    super::chart_paint::feet(&painter, geo, &t, dark);
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
    let numbers = quiz.and_then(|q| q.numbers);
    let board = match numbers {
        Some(Numbers::Board(b)) => Some(b),
        _ => None,
    };
    for piece in &geo.pieces {
        let zone = &chart.zone_at(piece.zone);
        let alpha = if hovered == Some(piece.zone) {
            theme::ZONE_ALPHA_HOVER
        } else if input.selected.is_some_and(|s| s != piece.zone) {
            theme::ZONE_ALPHA_DIMMED
        } else {
            theme::ZONE_ALPHA
        };
        let fill = match board {
            Some(b) => theme::blank_fill(
                dark,
                piece.foot == b.foot && b.marks.iter().any(|m| m.zone == piece.zone),
            ),
            None => theme::system_fill(zone.system, alpha),
        };
        super::chart_paint::fill(&painter, piece, &t, fill);
        super::chart_paint::stroke(&painter, piece, &t, zone_stroke);
    }
    // Outlines over the zones so edges stay crisp.
    super::chart_paint::outlines(&painter, geo, &t, dark);
    // Hover and selection strokes on top of everything.
    let highlight = quiz.and_then(|q| q.highlight);
    for piece in &geo.pieces {
        let stroke = if highlight == Some((piece.zone, piece.foot)) {
            super::chart_paint::fill(&painter, piece, &t, theme::quiz_fill(dark));
            Stroke::new(3.0, theme::selected_stroke(dark).color)
        } else if input.selected == Some(piece.zone) {
            theme::selected_stroke(dark)
        } else if hovered == Some(piece.zone) {
            theme::hover_stroke(dark)
        } else {
            continue;
        };
        super::chart_paint::stroke(&painter, piece, &t, stroke);
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
    // A lines question: only the asked line, drawn bold, and no names in the margin.
    if let Some(asked) = quiz.and_then(|q| q.guide) {
        let stroke = Stroke::new(4.0, theme::selected_stroke(dark).color);
        for g in geo.guides.iter().filter(|g| g.guide == asked) {
            painter.add(Shape::line(screen_poly(&g.points, &t), stroke));
        }
    } else if input.overlays.guides {
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
                chart.zone_at(*zi).name.clone(),
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
    super::chart_paint::foot_names(&painter, geo, &t, text_color, 13.0);

    if let Some(marks) = input.plan {
        plan_marks_ui(&painter, geo, &t, marks, dark);
    }

    if let Some(Numbers::Choices(c)) = numbers {
        choice_marks(ui, &painter, geo, &t, c);
    }
    if let Some(b) = board {
        board_marks(ui, &painter, geo, &t, b, chart);
        if let Some(chip) = response.dnd_release_payload::<LabelChip>()
            && let Some(p) = ui.input(|i| i.pointer.interact_pos())
        {
            commands.push(Command::Study(crate::study::StudyCommand::DropLabel {
                at: t.to_chart(Point::new(p.x, p.y)),
                name_of: chip.0,
            }));
        }
    }
    if let Some(q) = quiz {
        quiz_marks_ui(ui, &response, &painter, geo, &t, q, &mut commands);
        return (commands, hovered);
    }

    zone_nodes_ui(ui, &response, &painter, input, &t, camera, &mut commands);

    if let Some(z) = hovered {
        response.on_hover_ui_at_pointer(|ui| {
            let zone = &chart.zone_at(z);
            // Why extend: tooltips start narrow and would break a name mid-word.
            ui.add(egui::Label::new(RichText::new(&zone.name).strong()).extend());
            ui.add(egui::Label::new(zone.system.label()).extend());
        });
    }
    (commands, hovered)
}

/// One accessible, focusable node per zone and foot on this view ("Liver — right foot"),
/// children of the map's group, with the bounds of the zone's drawn shape on that foot, in
/// [`ViewGeometry::reading_order`] (the Tab order). They take no pointer input (clicks and
/// drags stay the map's, hit-tested on the true shape); Enter, Space or a screen reader's
/// click action selects the zone.
fn zone_nodes_ui(
    ui: &mut Ui,
    map: &Response,
    painter: &egui::Painter,
    input: &MapInput,
    t: &Transform,
    camera: &mut MapCamera,
    commands: &mut Vec<Command>,
) {
    let geo = input.geo;
    let chart = input.chart;
    let group = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(map.rect)
            .accessibility_parent(map.id),
    );
    let order = geo.reading_order();
    let ids: Vec<egui::Id> = order
        .iter()
        .map(|a| zone_node_id(ui, &chart.zone_at(a.zone).id, a.foot))
        .collect();
    // F6 and Ctrl+M land on the zone last visited on this view, else the first in order.
    let landing = camera
        .last_zone_node
        .filter(|id| ids.contains(id))
        .or(ids.first().copied());
    if let Some(id) = landing {
        super::regions::register_map(ui.ctx(), map.rect, id);
    }
    for (area, &id) in order.iter().zip(&ids) {
        let zone = chart.zone_at(area.zone);
        let name = format!(
            "{} — {} {}",
            zone.name,
            area.foot.label().to_lowercase(),
            geo.limb.one()
        );
        let selected = input.selected == Some(area.zone);
        let node = area_node(&group, painter, geo, t, area, id, || {
            egui::WidgetInfo::selected(egui::Role::Button, true, selected, &name)
        });
        if activated(&group, &node) {
            commands.push(Command::SelectZone(Some(area.zone)));
        }
        if node.has_focus() {
            camera.focused_node = Some(id);
            camera.last_zone_node = Some(id);
        }
    }
}

/// A focus-only node over one zone on one foot, with the bounds of its drawn shape, and the
/// focus ring round that shape while it has the keyboard.
fn area_node(
    group: &Ui,
    painter: &egui::Painter,
    geo: &ViewGeometry,
    t: &Transform,
    area: &crate::geometry::FootArea,
    id: egui::Id,
    info: impl Fn() -> egui::WidgetInfo,
) -> Response {
    let rect = Rect::from_two_pos(
        to_pos(t.to_screen(area.bbox.min)),
        to_pos(t.to_screen(area.bbox.max)),
    );
    let node = group.interact(rect, id, Sense::FOCUSABLE);
    node.widget_info(info);
    if node.has_focus() {
        for piece in geo
            .pieces
            .iter()
            .filter(|p| p.zone == area.zone && p.foot == area.foot)
        {
            focus_ring(painter, &screen_poly(piece.drawn(t.scale).0, t));
        }
    }
    node
}

/// The keyboard focus ring round a zone's shape: a white halo under the focus colour, so it
/// shows on every zone colour and in both themes (a blue ring alone vanished on blue zones).
fn focus_ring(painter: &egui::Painter, poly: &[Pos2]) {
    let focus = theme::focus_stroke();
    painter.add(Shape::closed_line(
        poly.to_vec(),
        Stroke::new(focus.width + 3.0, Color32::WHITE),
    ));
    painter.add(Shape::closed_line(
        poly.to_vec(),
        Stroke::new(focus.width + 0.5, focus.color),
    ));
}

/// The persistent id of a zone's node on one foot.
fn zone_node_id(ui: &Ui, zone: &str, foot: Foot) -> egui::Id {
    ui.make_persistent_id(("zone", zone, foot as u8))
}

/// A question's marks and keyboard targets: the click marker, and while a click answers, one
/// focusable node per zone and foot, named by position only ("Area 3, left foot") so a screen
/// reader does not give the answer away. Tab order runs left foot first, toe to heel.
fn quiz_marks_ui(
    ui: &mut Ui,
    map: &Response,
    painter: &egui::Painter,
    geo: &ViewGeometry,
    t: &Transform,
    quiz: &QuizMap,
    commands: &mut Vec<Command>,
) {
    let dark = ui.visuals().dark_mode;
    // A ring round a small highlighted area, so it cannot be missed.
    if let Some((zone, foot)) = quiz.highlight {
        for piece in geo
            .pieces
            .iter()
            .filter(|p| p.zone == zone && p.foot == foot)
        {
            let size = piece.bbox.width().max(piece.bbox.height()) * t.scale;
            if size < 28.0 {
                let stroke = Stroke::new(2.0, theme::selected_stroke(dark).color);
                painter.circle_stroke(to_pos(t.to_screen(piece.anchor)), size / 2.0 + 9.0, stroke);
            }
        }
    }
    if let Some(c) = quiz.click {
        let p = to_pos(t.to_screen(c));
        let color = theme::click_marker(dark);
        let stroke = Stroke::new(2.5, color);
        painter.circle_stroke(p, 7.0, stroke);
        painter.line_segment(
            [p + Vec2::new(-11.0, 0.0), p + Vec2::new(11.0, 0.0)],
            stroke,
        );
        painter.line_segment(
            [p + Vec2::new(0.0, -11.0), p + Vec2::new(0.0, 11.0)],
            stroke,
        );
    }
    // Why no area nodes on a board: its numbered list beside the map is the keyboard's way in.
    if !quiz.clickable || matches!(quiz.numbers, Some(Numbers::Board(_))) {
        return;
    }
    let group = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(map.rect)
            .accessibility_parent(map.id),
    );
    let mut numbers = [0usize; 2];
    for (i, area) in geo.reading_order().iter().enumerate() {
        let foot = area.foot;
        numbers[foot as usize] += 1;
        let label = format!(
            "Area {}, {} {}",
            numbers[foot as usize],
            foot.label().to_lowercase(),
            geo.limb.one()
        );
        let id = group.make_persistent_id(("quiz_area", area.zone, foot as u8));
        if i == 0 {
            super::regions::register_map(ui.ctx(), map.rect, id);
        }
        let node = area_node(&group, painter, geo, t, area, id, || {
            egui::WidgetInfo::labeled(egui::Role::Button, true, &label)
        });
        if activated(&group, &node) {
            // The answer point: inside the largest piece of that zone on that foot.
            commands.push(Command::Study(crate::study::StudyCommand::Click(
                area.anchor,
            )));
        }
    }
}

/// Whether a focus-only node (it takes no pointer input) was activated this frame: Enter or
/// Space while it has the keyboard, or a screen reader's click action. Also offers that
/// action to the accessibility tree.
fn activated(ui: &Ui, node: &Response) -> bool {
    use egui::accesskit::Action;
    ui.ctx()
        .accesskit_node_builder(node.id, |n| n.add_action(Action::Click));
    let keys = node.has_focus()
        && ui.input(|i| i.key_pressed(egui::Key::Enter) || i.key_pressed(egui::Key::Space));
    keys || ui.input(|i| i.has_accesskit_action_request(node.id, Action::Click))
}

/// The right-click menu of a zone.
fn zone_menu(
    ui: &mut Ui,
    chart: &Chart,
    zone: ZoneIdx,
    foot: Option<Foot>,
    commands: &mut Vec<Command>,
) {
    ui.label(RichText::new(&chart.zone_at(zone).name).strong());
    let feet = match foot {
        Some(Foot::Left) => FootSel::Left,
        Some(Foot::Right) => FootSel::Right,
        None => FootSel::Both,
    };
    if ui.button("Add to plan").clicked() {
        commands.push(Command::AddToPlan(zone, feet));
        ui.close();
    }
    if ui.button("Show details").clicked() {
        commands.push(Command::SelectZone(Some(zone)));
        ui.close();
    }
}

/// Diagonal hatch lines clipped to a polygon (screen space), for areas to avoid.
pub(crate) fn hatch(poly: &[Pos2], spacing: f32) -> Vec<[Pos2; 2]> {
    let Some(first) = poly.first() else {
        return Vec::new();
    };
    // Lines x - y = k; intersect each with every edge and pair the crossings.
    let (mut lo, mut hi) = (first.x - first.y, first.x - first.y);
    for p in poly {
        lo = lo.min(p.x - p.y);
        hi = hi.max(p.x - p.y);
    }
    let mut out = Vec::new();
    let mut k = (lo / spacing).ceil() * spacing;
    while k < hi {
        let mut ts: Vec<f32> = Vec::new();
        for i in 0..poly.len() {
            let (a, b) = (poly[i], poly[(i + 1) % poly.len()]);
            let (fa, fb) = (a.x - a.y - k, b.x - b.y - k);
            if (fa > 0.0) != (fb > 0.0) {
                let u = fa / (fa - fb);
                // Parametrise the hatch line by y.
                ts.push(a.y + (b.y - a.y) * u);
            }
        }
        ts.sort_by(f32::total_cmp);
        for pair in ts.chunks_exact(2) {
            out.push([
                Pos2::new(k + pair[0], pair[0]),
                Pos2::new(k + pair[1], pair[1]),
            ]);
        }
        k += spacing;
    }
    out
}

fn plan_marks_ui(
    painter: &egui::Painter,
    geo: &ViewGeometry,
    t: &Transform,
    marks: &PlanMarks,
    dark: bool,
) {
    let hatch_stroke = Stroke::new(1.4, theme::avoid_color(dark));
    for o in geo
        .outlines
        .iter()
        .filter(|o| marks.avoided_feet.contains(&o.foot))
    {
        let poly = screen_poly(o.drawn(t.scale).0, t);
        for [a, b] in hatch(&poly, 9.0) {
            painter.line_segment([a, b], hatch_stroke);
        }
    }
    for piece in geo
        .pieces
        .iter()
        .filter(|p| marks.avoided.contains(&p.zone))
    {
        let poly = screen_poly(piece.drawn(t.scale).0, t);
        for [a, b] in hatch(&poly, 5.0) {
            painter.line_segment([a, b], hatch_stroke);
        }
        painter.add(Shape::closed_line(poly, hatch_stroke));
    }
    for mark in &marks.steps {
        for piece in geo
            .pieces
            .iter()
            .filter(|p| p.zone == mark.zone && mark.feet.includes(p.foot))
        {
            let pos = to_pos(t.to_screen(piece.anchor));
            let text = mark
                .numbers
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(",");
            let galley = painter.layout_no_wrap(text, FontId::proportional(11.0), Color32::WHITE);
            let r = (galley.size().x / 2.0 + 4.0).max(9.0);
            painter.circle(
                pos,
                r,
                theme::step_marker(dark),
                Stroke::new(1.2, Color32::WHITE),
            );
            painter.galley(pos - galley.size() / 2.0, galley, Color32::WHITE);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hatch_lines_stay_inside_a_square() {
        let sq = [
            Pos2::new(0.0, 0.0),
            Pos2::new(100.0, 0.0),
            Pos2::new(100.0, 100.0),
            Pos2::new(0.0, 100.0),
        ];
        let lines = hatch(&sq, 10.0);
        assert!(lines.len() >= 15);
        for [a, b] in lines {
            for p in [a, b] {
                assert!(
                    p.x >= -0.01 && p.x <= 100.01 && p.y >= -0.01 && p.y <= 100.01,
                    "{p:?}"
                );
            }
        }
    }
}
