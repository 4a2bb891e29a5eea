//! The review calendar: one square per day for the last weeks, darker for more answers, and the
//! streak of days in a row.

use egui::{Color32, RichText, Sense, Ui, Vec2};

use std::collections::BTreeMap;

use crate::study::progress::streak;

/// Weeks shown.
pub const WEEKS: i64 = 18;

/// The calendar under the progress bars.
pub fn calendar_ui(ui: &mut Ui, days: &BTreeMap<i64, u32>, today: i64) {
    let run = streak(days, today);
    let recent: u32 = days.range(today - 29..=today).map(|(_, n)| *n).sum();
    let active = days
        .range(today - 29..=today)
        .filter(|(_, n)| **n > 0)
        .count();
    ui.label(RichText::new("Reviews").strong());
    let summary = format!(
        "Streak: {run} day{} in a row · last 30 days: {recent} answers on {active} day{}",
        if run == 1 { "" } else { "s" },
        if active == 1 { "" } else { "s" }
    );
    ui.label(summary);
    // Monday-first weeks, the current week last; 1970-01-01 was a Thursday.
    let weekday = |d: i64| (d + 3).rem_euclid(7);
    let first = today - weekday(today) - 7 * (WEEKS - 1);
    let cell = 11.0;
    let gap = 2.0;
    // Room on the left for the weekday letters.
    let left = 14.0;
    let size = Vec2::new(left + WEEKS as f32 * (cell + gap), 7.0 * (cell + gap));
    let (response, painter) = ui.allocate_painter(size, Sense::hover());
    // The line above says what the drawing shows; each day is in the hover text.
    let name = format!("Review calendar, the last {WEEKS} weeks");
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &name));
    let dark = ui.visuals().dark_mode;
    let empty = if dark {
        Color32::from_gray(55)
    } else {
        Color32::from_gray(225)
    };
    let most = days.values().copied().max().unwrap_or(1).max(1);
    for (row, letter) in [(0, "M"), (2, "W"), (4, "F"), (6, "S")] {
        painter.text(
            response.rect.min + Vec2::new(0.0, row as f32 * (cell + gap) + cell / 2.0),
            egui::Align2::LEFT_CENTER,
            letter,
            egui::FontId::proportional(9.0),
            ui.visuals().weak_text_color(),
        );
    }
    let mut hovered = None;
    for d in first..=today {
        let week = (d - first) / 7;
        let pos = response.rect.min
            + Vec2::new(
                left + week as f32 * (cell + gap),
                weekday(d) as f32 * (cell + gap),
            );
        let rect = egui::Rect::from_min_size(pos, Vec2::splat(cell));
        let n = days.get(&d).copied().unwrap_or(0);
        let fill = if n == 0 {
            empty
        } else {
            let t = 0.35 + 0.65 * (n as f32 / most as f32);
            Color32::from_rgb(0x1e, 0x88, 0xe5).gamma_multiply(t)
        };
        painter.rect_filled(rect, 2.0, fill);
        if d == today {
            painter.rect_stroke(
                rect,
                2.0,
                egui::Stroke::new(1.0, ui.visuals().text_color()),
                egui::StrokeKind::Outside,
            );
        }
        if response.hover_pos().is_some_and(|p| rect.contains(p)) {
            hovered = Some((d, n));
        }
    }
    if let Some((d, n)) = hovered {
        let date = crate::records::date::iso(d);
        response.on_hover_text(format!(
            "{date}: {n} answer{}",
            if n == 1 { "" } else { "s" }
        ));
    }
}
