//! Numbered marks on the map: a labelling board's areas and names, and the four candidates of
//! a locate question asked as choose-from-four.

use egui::{Align2, Color32, FontId, Pos2, Rect, Stroke, Ui, Vec2};

use super::map_view::to_pos;
use super::theme;
use crate::geometry::{Transform, ViewGeometry};
use crate::model::{Chart, Foot, ZoneIdx};

/// The numbered areas of a labelling board, as the map draws them.
#[derive(Debug, Clone, PartialEq)]
pub struct BoardMarks {
    /// The foot whose areas are numbered.
    pub foot: Foot,
    /// Whether the chart is drawn blank (a labelling board: no colours by system, no area
    /// nodes) rather than as a question's usual drawing with numbers on it.
    pub blank: bool,
    /// The areas.
    pub marks: Vec<BoardMark>,
}

/// One numbered area on a labelling board.
#[derive(Debug, Clone, PartialEq)]
pub struct BoardMark {
    /// The zone.
    pub zone: ZoneIdx,
    /// Its number (1-based).
    pub number: usize,
    /// Once settled (its name is shown): whether it was named right at the first try.
    pub named: Option<bool>,
}

/// What a name dragged from a labelling board's list carries: its target's index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LabelChip(pub usize);

/// A labelling board's numbers on the drawing (blue while open; green when named right at the
/// first try, amber when revealed or named after a miss), and each settled name beside the
/// foot on a leader line, spaced so names never overlap.
pub(crate) fn board_marks(
    ui: &Ui,
    painter: &egui::Painter,
    geo: &ViewGeometry,
    t: &Transform,
    board: &BoardMarks,
    chart: &Chart,
) {
    let dark = ui.visuals().dark_mode;
    let (right, _) = theme::feedback_colors(dark);
    let open = theme::step_marker(dark);
    // Names go in a column right of the foot (left of it when there is more room there).
    let foot_box = geo
        .outlines
        .iter()
        .filter(|o| o.foot == board.foot)
        .flat_map(|o| o.poly.iter().map(|p| to_pos(t.to_screen(*p))))
        .fold(Rect::NOTHING, |r, p| r.union(Rect::from_min_max(p, p)));
    let clip = painter.clip_rect();
    let on_right = clip.max.x - foot_box.max.x >= foot_box.min.x - clip.min.x;
    let mut names: Vec<(Pos2, String, Color32)> = Vec::new();
    let mut badges: Vec<(Pos2, usize, Color32)> = Vec::new();
    for mark in &board.marks {
        let Some(area) = geo
            .reading_order()
            .iter()
            .find(|a| a.zone == mark.zone && a.foot == board.foot)
        else {
            continue;
        };
        let at = to_pos(t.to_screen(area.anchor));
        let color = match mark.named {
            None => open,
            Some(true) => right,
            Some(false) => theme::revealed_color(dark),
        };
        if mark.named.is_some() {
            let name = &chart.zone_at(mark.zone).name;
            names.push((at, format!("{} {name}", mark.number), color));
        }
        badges.push((at, mark.number, color));
    }
    names.sort_by(|a, b| a.0.y.total_cmp(&b.0.y));
    let mut next_y = f32::NEG_INFINITY;
    let x = if on_right {
        foot_box.max.x + 24.0
    } else {
        foot_box.min.x - 24.0
    };
    for (at, text, color) in names {
        let y = at.y.max(next_y);
        let galley = painter.layout_no_wrap(text, FontId::proportional(11.5), Color32::WHITE);
        let anchor = if on_right {
            Align2::LEFT_CENTER
        } else {
            Align2::RIGHT_CENTER
        };
        let r = anchor
            .anchor_size(Pos2::new(x, y), galley.size())
            .expand2(Vec2::new(5.0, 2.0));
        next_y = r.max.y + 2.0 + r.height() / 2.0;
        let end = if on_right {
            r.left_center()
        } else {
            r.right_center()
        };
        painter.line_segment([at, end], Stroke::new(1.2, color));
        painter.rect_filled(r, 4.0, color);
        painter.galley(r.min + Vec2::new(5.0, 2.0), galley, Color32::WHITE);
    }
    // Numbers last, over their leader lines.
    for (at, number, color) in badges {
        painter.circle(at, 10.0, color, Stroke::new(1.5, Color32::WHITE));
        painter.text(
            at,
            Align2::CENTER_CENTER,
            number.to_string(),
            FontId::proportional(12.0),
            Color32::WHITE,
        );
    }
}

/// The four candidates of a locate question asked as choose-from-four: each number sits on a
/// ring round the candidates, evenly spaced in the order of their directions from the middle,
/// with a leader line to a dot on its area — so four tiny neighbours get four readable numbers.
pub(crate) fn choice_marks(
    ui: &Ui,
    painter: &egui::Painter,
    geo: &ViewGeometry,
    t: &Transform,
    marks: &BoardMarks,
) {
    let dark = ui.visuals().dark_mode;
    let color = theme::step_marker(dark);
    let anchors: Vec<(Pos2, usize)> = marks
        .marks
        .iter()
        .filter_map(|m| {
            let area = geo
                .reading_order()
                .iter()
                .find(|a| a.zone == m.zone && a.foot == marks.foot)
                .or_else(|| geo.reading_order().iter().find(|a| a.zone == m.zone))?;
            Some((to_pos(t.to_screen(area.anchor)), m.number))
        })
        .collect();
    if anchors.is_empty() {
        return;
    }
    let n = anchors.len() as f32;
    let centre = anchors.iter().fold(Vec2::ZERO, |s, (p, _)| s + p.to_vec2()) / n;
    let centre = centre.to_pos2();
    let spread = anchors
        .iter()
        .map(|(p, _)| (*p - centre).length())
        .fold(0.0f32, f32::max);
    let radius = spread + 34.0;
    let mut by_angle: Vec<(f32, Pos2, usize)> = anchors
        .iter()
        .map(|(p, k)| {
            let d = *p - centre;
            (d.y.atan2(d.x), *p, *k)
        })
        .collect();
    by_angle.sort_by(|a, b| a.0.total_cmp(&b.0));
    let first = by_angle[0].0;
    for (slot, (_, at, number)) in by_angle.into_iter().enumerate() {
        let angle = first + slot as f32 * std::f32::consts::TAU / n;
        let badge = centre + Vec2::angled(angle) * radius;
        painter.line_segment([at, badge], Stroke::new(1.5, color));
        painter.circle_filled(at, 3.0, color);
        painter.circle(badge, 11.0, color, Stroke::new(1.5, Color32::WHITE));
        painter.text(
            badge,
            Align2::CENTER_CENTER,
            number.to_string(),
            FontId::proportional(13.0),
            Color32::WHITE,
        );
    }
}
