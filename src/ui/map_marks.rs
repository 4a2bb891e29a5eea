//! Numbered marks on the map: a labelling board's areas and names, and the four candidates of
//! a locate question asked as choose-from-four.

use egui::{Align2, Color32, FontId, Pos2, Rect, Stroke, Ui, Vec2};

use super::map_view::to_pos;
use super::theme;
use crate::geometry::{Transform, ViewGeometry};
use crate::model::{Chart, Foot, ZoneIdx};

/// Numbered areas on the map, and how they are drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Numbers<'a> {
    /// A labelling board: the chart blank (one neutral tone, no area nodes: the list beside
    /// the map is the keyboard's way in), numbers on the areas, settled names beside the foot.
    Board(&'a BoardMarks),
    /// A locate question's four choices, over the usual drawing, numbered on a ring.
    Choices(&'a BoardMarks),
}

/// The numbered areas of a labelling board or of four choices, as the map draws them.
#[derive(Debug, Clone, PartialEq)]
pub struct BoardMarks {
    /// The foot whose areas are numbered.
    pub foot: Foot,
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
    // Beside the foot when the widest name fits there, else below it when three rows fit,
    // else beside it anyway, pulled in to stay on the map.
    let side_room = (clip.max.x - foot_box.max.x).max(foot_box.min.x - clip.min.x);
    let widest = names
        .iter()
        .map(|(_, text, _)| {
            painter
                .layout_no_wrap(text.clone(), FontId::proportional(11.5), Color32::WHITE)
                .size()
                .x
        })
        .fold(0.0, f32::max);
    let fits_beside = side_room >= widest + 40.0;
    let fits_below = clip.max.y - foot_box.max.y >= 30.0 + 3.0 * 22.0;
    let tags = if fits_beside || !fits_below {
        names_beside(painter, names, foot_box, on_right, clip)
    } else {
        names_below(painter, names, foot_box, clip)
    };
    // Every leader line first, then the tags over them, so no line crosses a name.
    for t in &tags {
        painter.line_segment([t.from, t.to], Stroke::new(1.2, t.color));
    }
    for t in tags {
        painter.rect_filled(t.rect, 4.0, t.color);
        painter.galley(t.rect.min + Vec2::new(5.0, 2.0), t.galley, Color32::WHITE);
    }
    // Numbers last, over their leader lines; numbers of neighbouring small areas are pushed
    // apart until they no longer overlap, each keeping a short line to a dot on its area.
    let mut placed: Vec<Pos2> = badges.iter().map(|b| b.0).collect();
    spread_apart(&mut placed, 23.0);
    for ((at, number, color), badge) in badges.into_iter().zip(placed) {
        if (badge - at).length() > 3.0 {
            painter.line_segment([at, badge], Stroke::new(1.2, color));
            painter.circle_filled(at, 2.5, color);
        }
        let at = badge;
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
        // Why the clamp: a ring round areas near the map's edge would put a number outside
        // it, where it is clipped away (seen on the hand chart's thumb side).
        let inside = painter.clip_rect().shrink(14.0);
        let badge = (centre + Vec2::angled(angle) * radius).clamp(inside.min, inside.max);
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

/// Settled names in a column beside the foot (a sole or a top view leaves room there), in the
/// order of their areas from the toes down, never overlapping.
fn names_beside(
    painter: &egui::Painter,
    mut names: Vec<(Pos2, String, Color32)>,
    foot_box: Rect,
    on_right: bool,
    clip: Rect,
) -> Vec<Tag> {
    let mut tags = Vec::new();
    names.sort_by(|a, b| a.0.y.total_cmp(&b.0.y));
    let mut next_y = f32::NEG_INFINITY;
    let x = if on_right {
        foot_box.max.x + 24.0
    } else {
        foot_box.min.x - 24.0
    };
    let anchor = if on_right {
        Align2::LEFT_CENTER
    } else {
        Align2::RIGHT_CENTER
    };
    for (at, text, color) in names {
        let y = at.y.max(next_y);
        let galley = painter.layout_no_wrap(text, FontId::proportional(11.5), Color32::WHITE);
        let r = anchor
            .anchor_size(Pos2::new(x, y), galley.size())
            .expand2(Vec2::new(5.0, 2.0));
        // Pulled in to stay on the map when the side is narrow.
        let dx = (clip.max.x - 4.0 - r.max.x).min(0.0) + (clip.min.x + 4.0 - r.min.x).max(0.0);
        let r = r.translate(Vec2::new(dx, 0.0));
        next_y = r.max.y + 2.0 + r.height() / 2.0;
        let end = if on_right {
            r.left_center()
        } else {
            r.right_center()
        };
        tags.push(Tag {
            from: at,
            to: end,
            rect: r,
            galley,
            color,
        });
    }
    tags
}

/// Settled names under the foot (a side view is wide and low and leaves room below): in the
/// order of their areas from heel to toe, on three staggered rows, kept inside the map.
fn names_below(
    painter: &egui::Painter,
    mut names: Vec<(Pos2, String, Color32)>,
    foot_box: Rect,
    clip: Rect,
) -> Vec<Tag> {
    let mut tags = Vec::new();
    names.sort_by(|a, b| a.0.x.total_cmp(&b.0.x));
    let mut row_end = [f32::NEG_INFINITY; 3];
    for (i, (at, text, color)) in names.into_iter().enumerate() {
        let galley = painter.layout_no_wrap(text, FontId::proportional(11.5), Color32::WHITE);
        let w = galley.size().x + 10.0;
        // The row whose last tag ends furthest left, so tags spread instead of piling up.
        let row = (0..3)
            .min_by(|a, b| row_end[*a].total_cmp(&row_end[*b]))
            .unwrap_or(i % 3);
        let x = (at.x - w / 2.0).max(row_end[row] + 6.0).clamp(
            clip.min.x + 4.0,
            (clip.max.x - w - 4.0).max(clip.min.x + 4.0),
        );
        let y = foot_box.max.y + 30.0 + row as f32 * 22.0;
        let r = Rect::from_min_size(Pos2::new(x, y), Vec2::new(w, galley.size().y + 4.0));
        row_end[row] = r.max.x;
        tags.push(Tag {
            from: at,
            to: r.center_top(),
            rect: r,
            galley,
            color,
        });
    }
    tags
}

/// One name tag: its leader line from the area to the tag, and the tag.
struct Tag {
    from: Pos2,
    to: Pos2,
    rect: Rect,
    galley: std::sync::Arc<egui::Galley>,
    color: Color32,
}

/// Push points apart until no two are closer than `gap` (a few rounds of pairwise pushes;
/// points on top of each other part sideways).
fn spread_apart(points: &mut [Pos2], gap: f32) {
    for _ in 0..24 {
        let mut moved = false;
        for i in 0..points.len() {
            for j in i + 1..points.len() {
                let d = points[j] - points[i];
                let len = d.length();
                if len >= gap {
                    continue;
                }
                let dir = if len < 0.01 { Vec2::X } else { d / len };
                let push = dir * (gap - len) / 2.0;
                points[i] -= push;
                points[j] += push;
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spread_points_end_at_least_a_gap_apart() {
        let mut p = vec![
            Pos2::new(10.0, 10.0),
            Pos2::new(12.0, 11.0),
            Pos2::new(10.0, 10.0),
            Pos2::new(80.0, 80.0),
        ];
        spread_apart(&mut p, 23.0);
        for i in 0..p.len() {
            for j in i + 1..p.len() {
                assert!((p[j] - p[i]).length() >= 22.5, "{i} {j}: {p:?}");
            }
        }
        assert_eq!(p[3], Pos2::new(80.0, 80.0), "a lone point stays");
    }
}
