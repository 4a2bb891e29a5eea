//! The client page's zone-response heat map (how often each zone was tender, or not felt,
//! over the last N sessions) and the touch test over time. The counts are computed once per
//! change of the record or the choices, never per frame.

use egui::{RichText, Sense, Ui, Vec2};

use super::ClientsView;
use crate::geometry::ChartGeometry;
use crate::model::{Chart, Foot, FootSel, ViewKind};
use crate::records::ClientRecord;
use crate::records::delivery::{Heat, TOUCH_CAVEAT, ZoneHeat, zone_heat};
use crate::ui::{chart_paint, theme};

/// What the heat map colours by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Measure {
    /// Tender or very tender.
    #[default]
    Tender,
    /// Not felt.
    NotFelt,
}

/// The heat map's choices and its cached counts.
#[derive(Debug)]
pub struct HeatState {
    /// Sessions counted (0: all).
    pub last: usize,
    /// Tender or not felt.
    pub measure: Measure,
    /// The view drawn.
    pub view: ViewKind,
    cache: Option<(HeatKey, Heat)>,
}

impl Default for HeatState {
    fn default() -> Self {
        Self {
            last: 5,
            measure: Measure::Tender,
            view: ViewKind::Plantar,
            cache: None,
        }
    }
}

/// What the cached counts depend on: the client, the responses recorded, and N.
type HeatKey = (i64, usize, usize, usize);

fn key(rec: &ClientRecord, last: usize) -> HeatKey {
    let responses = rec
        .sessions
        .iter()
        .map(|s| {
            s.delivery
                .steps
                .iter()
                .filter(|x| x.response.is_some())
                .count()
        })
        .sum();
    (rec.id, rec.sessions.len(), responses, last)
}

impl HeatState {
    /// The counts for a record, from the cache when nothing changed.
    pub fn counts(&mut self, rec: &ClientRecord) -> &Heat {
        let k = key(rec, self.last);
        if self.cache.as_ref().is_none_or(|(ck, _)| *ck != k) {
            self.cache = Some((k, zone_heat(&rec.sessions, self.last)));
        }
        &self.cache.as_ref().expect("just filled").1
    }
}

impl ClientsView {
    pub(super) fn heat_ui(
        &mut self,
        ui: &mut Ui,
        rec: &ClientRecord,
        chart: &Chart,
        geometry: &ChartGeometry,
    ) {
        crate::ui::heading(ui, "Zone responses");
        ui.horizontal_wrapped(|ui| {
            ui.label("Over the last");
            for (n, word) in [(3, "3"), (5, "5"), (10, "10"), (0, "all")] {
                if ui
                    .add(egui::Button::selectable(self.heat.last == n, word))
                    .clicked()
                {
                    self.heat.last = n;
                }
            }
            ui.label("sessions. Show:");
            for (m, word) in [(Measure::Tender, "Tender"), (Measure::NotFelt, "Not felt")] {
                if ui
                    .add(egui::Button::selectable(self.heat.measure == m, word))
                    .clicked()
                {
                    self.heat.measure = m;
                }
            }
            ui.separator();
            for v in ViewKind::ALL {
                if ui
                    .add(egui::Button::selectable(self.heat.view == v, v.label()))
                    .clicked()
                {
                    self.heat.view = v;
                }
            }
        });
        let measure = self.heat.measure;
        let view = self.heat.view;
        let counts = self.heat.counts(rec);
        if counts.is_empty() {
            ui.label(
                RichText::new(
                    "No zone responses recorded yet. Deliver a session with the runner and tap \
                     the client's response at each zone; they build up here.",
                )
                .weak(),
            );
            return;
        }
        let share = |h: &ZoneHeat| share_of(h, measure);
        let dark = ui.visuals().dark_mode;
        let (skin, full) = (theme::skin(dark), full_color(measure));
        ui.horizontal_top(|ui| {
            let geo = geometry.get(view, FootSel::Both);
            let size = Vec2::new((ui.available_width() - 300.0).max(320.0), 300.0);
            let (response, hovered) = heat_map(ui, chart, geo, counts, measure, size);
            if let Some((z, foot)) = hovered {
                let zone = chart.zone_at(z);
                let text = counts.get(&(zone.id.clone(), foot)).map_or_else(
                    || {
                        format!(
                            "{} ({} foot): no response recorded",
                            zone.name,
                            foot.label().to_lowercase()
                        )
                    },
                    |h| describe(&zone.name, foot, h),
                );
                response.on_hover_text_at_pointer(text);
            }
            ui.vertical(|ui| {
                ui.set_width(290.0);
                let (title, word) = match measure {
                    Measure::Tender => ("Most often tender", "tender"),
                    Measure::NotFelt => ("Most often not felt", "not felt"),
                };
                ui.label(RichText::new(title).strong());
                let mut rows: Vec<(&(String, Foot), &ZoneHeat)> =
                    counts.iter().filter(|(_, h)| share(h) > 0.0).collect();
                rows.sort_by(|a, b| {
                    share(b.1)
                        .total_cmp(&share(a.1))
                        .then(b.1.worked.cmp(&a.1.worked))
                });
                if rows.is_empty() {
                    ui.label(RichText::new(format!("No zone was {word}.")).weak());
                }
                for ((id, foot), h) in rows.into_iter().take(6) {
                    let name = chart.zone(id).map_or(id.as_str(), |z| z.name.as_str());
                    let n = match measure {
                        Measure::Tender => h.tender,
                        Measure::NotFelt => h.not_felt,
                    };
                    ui.label(format!(
                        "{name} ({} foot): {word} in {n} of {} sessions",
                        foot.label().to_lowercase(),
                        h.worked
                    ));
                }
                ui.add_space(6.0);
                legend(ui, skin, full);
                ui.label(
                    RichText::new(
                        "What the client felt at each area. The tradition links areas to parts \
                         of the body, but a tender area is not evidence of a problem there.",
                    )
                    .weak()
                    .small(),
                );
            });
        });
    }
}

fn share_of(h: &ZoneHeat, measure: Measure) -> f32 {
    match measure {
        Measure::Tender => h.tender_share(),
        Measure::NotFelt => h.not_felt_share(),
    }
}

fn full_color(measure: Measure) -> egui::Color32 {
    chart_paint::rgb(match measure {
        Measure::Tender => crate::palette::HEAT_TENDER,
        Measure::NotFelt => crate::palette::HEAT_NOT_FELT,
    })
}

/// The heat map itself: each zone piece coloured from bare skin (never) to full colour (every
/// session), zones without a response only outlined. Returns the response and the zone and
/// foot under the pointer.
pub fn heat_map(
    ui: &mut Ui,
    chart: &Chart,
    geo: &crate::geometry::ViewGeometry,
    counts: &Heat,
    measure: Measure,
    size: Vec2,
) -> (egui::Response, Option<(crate::model::ZoneIdx, Foot)>) {
    let dark = ui.visuals().dark_mode;
    let (skin, full) = (theme::skin(dark), full_color(measure));
    let (response, painter) = ui.allocate_painter(size, Sense::hover());
    let t = chart_paint::fit(
        geo,
        response
            .rect
            .shrink(4.0)
            .with_max_y(response.rect.max.y - 22.0),
    );
    chart_paint::feet(&painter, geo, &t, dark);
    let faint = egui::Stroke::new(0.6, theme::zone_stroke(dark).color.gamma_multiply(0.5));
    let mut hovered = None;
    let pointer = ui
        .input(|i| i.pointer.hover_pos())
        .filter(|p| response.rect.contains(*p))
        .map(|p| t.to_chart(crate::geometry::Point::new(p.x, p.y)));
    for piece in &geo.pieces {
        let zone = chart.zone_at(piece.zone);
        match counts.get(&(zone.id.clone(), piece.foot)) {
            Some(h) => {
                chart_paint::fill(
                    &painter,
                    piece,
                    &t,
                    chart_paint::blend(skin, full, share_of(h, measure)),
                );
                chart_paint::stroke(&painter, piece, &t, theme::zone_stroke(dark));
            }
            None => chart_paint::stroke(&painter, piece, &t, faint),
        }
        if let Some(c) = pointer
            && piece.bbox.contains(c)
            && crate::geometry::point_in_polygon(c, &piece.poly)
        {
            hovered = Some((piece.zone, piece.foot));
        }
    }
    chart_paint::outlines(&painter, geo, &t, dark);
    chart_paint::foot_names(&painter, geo, &t, ui.visuals().text_color(), 13.0);
    let label = format!("Zone-response heat map, {} view", geo.view.id());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &label));
    (response, hovered)
}

/// "Kidney (left foot): worked in 3 sessions; tender 2, very tender 1, not felt 0".
fn describe(name: &str, foot: Foot, h: &ZoneHeat) -> String {
    format!(
        "{name} ({} foot): responses in {} sessions; tender {} (very tender {}), not felt {}",
        foot.label().to_lowercase(),
        h.worked,
        h.tender,
        h.very_tender,
        h.not_felt
    )
}

fn legend(ui: &mut Ui, skin: egui::Color32, full: egui::Color32) {
    ui.horizontal(|ui| {
        ui.label(RichText::new("never").small());
        let (rect, _) = ui.allocate_exact_size(Vec2::new(120.0, 12.0), Sense::hover());
        let steps = 12;
        for i in 0..steps {
            let w = rect.width() / steps as f32;
            let r = egui::Rect::from_min_size(
                rect.min + Vec2::new(w * i as f32, 0.0),
                Vec2::new(w + 0.5, rect.height()),
            );
            ui.painter().rect_filled(
                r,
                0.0,
                chart_paint::blend(skin, full, i as f32 / (steps - 1) as f32),
            );
        }
        ui.label(RichText::new("every session").small());
    });
}

/// The Ipswich Touch Test over the client's sessions.
pub(super) fn touch_trend_ui(ui: &mut Ui, rec: &ClientRecord) {
    let tested: Vec<_> = rec
        .sessions
        .iter()
        .filter(|s| !s.delivery.touch.is_empty())
        .collect();
    crate::ui::heading(ui, "Touch test over time");
    if tested.is_empty() {
        ui.label(RichText::new("Not done yet: record it in a session's inspection.").weak());
        return;
    }
    let dark = ui.visuals().dark_mode;
    egui::Grid::new(("touch_trend", rec.id))
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            ui.strong("Session");
            ui.strong("Toes not felt");
            ui.end_row();
            for s in tested {
                ui.label(&s.date);
                let text = s.delivery.touch.summary();
                if s.delivery.touch.at_risk() {
                    ui.label(
                        RichText::new(text)
                            .color(theme::warning_text(dark))
                            .strong(),
                    );
                } else {
                    ui.label(text);
                }
                ui.end_row();
            }
        });
    ui.label(RichText::new(TOUCH_CAVEAT).weak().small());
}
