//! Foot inspection on the chart: findings placed where they are on any of the four views,
//! last session's findings shown faintly to tick "still there" or "resolved", the Ipswich Touch
//! Test on the toes, photos of a finding; and, beside screening, what the findings propose.

use std::sync::Arc;

use egui::{Align2, Color32, FontId, RichText, Sense, Stroke, Ui, Vec2};

use super::{ClientsView, wrap};
use crate::geometry::{ChartGeometry, Point};
use crate::model::{Chart, Foot, FootSel, Library, ViewKind};
use crate::records::book::{ClientsCommand, InspectCommand, SessionEdit};
use crate::records::delivery::{
    Finding, FindingKind, FindingStatus, Proposal, TOUCH_CAVEAT, TOUCH_TOES,
};
use crate::records::{ClientRecord, Id};
use crate::ui::{Command, FilePurpose, chart_paint, name_control, theme};

/// Radius of a finding's marker.
const MARK: f32 = 11.0;

fn cmd(c: InspectCommand) -> Command {
    wrap(ClientsCommand::Inspection(c))
}

/// Screening answers the inspection proposes, each to confirm or set aside.
pub(super) fn proposals_ui(
    ui: &mut Ui,
    proposals: &[Proposal],
    library: &Library,
    out: &mut Vec<Command>,
) {
    let dark = ui.visuals().dark_mode;
    egui::Frame::new()
        .fill(theme::caution_fill(dark))
        .corner_radius(6)
        .inner_margin(8)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new("Proposed by the inspection").strong());
            ui.label(
                RichText::new("Nothing is answered until you confirm it.")
                    .weak()
                    .small(),
            );
            for p in proposals {
                let question = library.rule(p.rule).map_or(p.rule, |r| r.question.as_str());
                ui.add_space(4.0);
                ui.label(question);
                ui.label(RichText::new(format!("Because: {}", p.reason)).italics());
                ui.horizontal(|ui| {
                    let r = ui.button("Confirm: Yes");
                    name_control(ui, &r, format!("Confirm yes: {question}"));
                    if r.clicked() {
                        out.push(cmd(InspectCommand::Confirm(p.rule.to_owned())));
                    }
                    let r = ui.button("Not now");
                    name_control(ui, &r, format!("Not now: {question}"));
                    if r.clicked() {
                        out.push(cmd(InspectCommand::Dismiss(p.rule.to_owned())));
                    }
                });
            }
        });
    ui.add_space(4.0);
}

/// A finding's colour as text: the marker's on a light theme, a lighter one on a dark theme
/// (the markers' purple and red are too dark to read on a dark panel).
fn text_color(kind: FindingKind, dark: bool) -> Color32 {
    match (dark, kind.is_serious()) {
        (false, _) => mark_color(kind),
        (true, false) => Color32::from_rgb(0xce, 0x93, 0xd8),
        (true, true) => Color32::from_rgb(0xff, 0x8a, 0x80),
    }
}

/// The colour of a finding's marker.
fn mark_color(kind: FindingKind) -> Color32 {
    chart_paint::rgb(if kind.is_serious() {
        crate::palette::FINDING_SERIOUS
    } else {
        crate::palette::FINDING
    })
}

impl ClientsView {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn inspect_ui(
        &mut self,
        ui: &mut Ui,
        rec: &ClientRecord,
        edit: &SessionEdit,
        library: &Library,
        chart: &Chart,
        geometry: &ChartGeometry,
        photos: &dyn Fn(Id) -> Option<Arc<[u8]>>,
    ) -> Vec<Command> {
        let mut out = Vec::new();
        let signed = edit.session.is_signed();
        let consent = rec.details.consent.photos.is_some();
        // Why: a click that picks an item of a popup list above the chart closes the list in
        // this frame, and must not also place a finding under it.
        self.inspect.popup_was_open = egui::Popup::is_any_open(ui.ctx());
        egui::Panel::left("inspect_screening")
            .resizable(true)
            .default_size(340.0)
            .min_size(280.0)
            .show(ui, |ui| {
                crate::ui::regions::landing(ui, "Inspection screening");
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        super::session::screening_ui(
                            ui,
                            edit,
                            rec.details.background,
                            library,
                            signed,
                            &mut out,
                        );
                    });
            });
        egui::Panel::top("inspect_top").show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                if ui.button("← Session record").clicked() {
                    out.push(wrap(ClientsCommand::BackToSession));
                }
                crate::ui::heading(ui, format!("Foot inspection, {}", edit.session.date));
            });
            ui.horizontal_wrapped(|ui| {
                for v in ViewKind::ALL {
                    if ui
                        .add(egui::Button::selectable(self.inspect.view == v, v.label()))
                        .clicked()
                    {
                        self.inspect.view = v;
                    }
                }
                ui.separator();
                ui.label(
                    RichText::new(if signed {
                        "Signed: the inspection is part of the record and cannot change."
                    } else {
                        "Choose what you found, then click the foot where it is. Toe circles: \
                         the touch test."
                    })
                    .weak(),
                );
            });
            if !signed {
                ui.horizontal_wrapped(|ui| {
                    ui.label("Place:");
                    for k in FindingKind::ALL {
                        let on = self.inspect.kind == k;
                        let text = RichText::new(k.label()).color(if on {
                            ui.visuals().selection.stroke.color
                        } else {
                            text_color(k, ui.visuals().dark_mode)
                        });
                        if ui.add(egui::Button::selectable(on, text)).clicked() {
                            self.inspect.kind = k;
                        }
                    }
                });
                if let Some(f) = self.place_by_area(ui, chart, geometry) {
                    out.push(cmd(InspectCommand::Add(f)));
                }
            }
            if let Some(n) = &self.inspect.notice {
                ui.label(RichText::new(n).color(theme::warning_text(ui.visuals().dark_mode)));
            }
        });
        egui::Panel::right("inspect_list")
            .resizable(true)
            .default_size(330.0)
            .min_size(280.0)
            .show(ui, |ui| {
                crate::ui::regions::landing(ui, "Findings");
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        self.findings_list(ui, edit, signed, consent, photos, &mut out);
                    });
            });
        egui::CentralPanel::default().show(ui, |ui| {
            self.inspect_chart(ui, edit, chart, geometry, signed, &mut out);
        });
        self.photo_window(ui.ctx(), photos);
        // A photo dropped on the window belongs to the selected finding.
        let dropped: Vec<std::path::PathBuf> = ui.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| is_image(p))
                .collect()
        });
        for path in dropped {
            out.push(cmd(InspectCommand::PhotoFile(self.inspect.selected, path)));
        }
        out
    }

    /// Placing a finding without a pointer (keyboard, screen reader): an area of this view and
    /// a foot; the finding goes at the middle of that area.
    fn place_by_area(
        &mut self,
        ui: &mut Ui,
        chart: &Chart,
        geometry: &ChartGeometry,
    ) -> Option<Finding> {
        let view = self.inspect.view;
        let geo = geometry.get(view, FootSel::Both);
        let mut placed = None;
        ui.horizontal_wrapped(|ui| {
            ui.label("Or by area:");
            let mut zones: Vec<_> = geo.zone_anchor.keys().copied().collect();
            zones.sort_by(|a, b| chart.zone_at(*a).name.cmp(&chart.zone_at(*b).name));
            let area = self.inspect.area.filter(|z| zones.contains(z));
            let shown = area.map_or("choose an area", |z| chart.zone_at(z).name.as_str());
            let combo = egui::ComboBox::from_id_salt(("finding_area", view))
                .selected_text(shown)
                .width(190.0)
                .show_ui(ui, |ui| {
                    for z in &zones {
                        ui.selectable_value(
                            &mut self.inspect.area,
                            Some(*z),
                            &chart.zone_at(*z).name,
                        );
                    }
                });
            crate::ui::name_value(ui, &combo.response, "Area to place the finding on", shown);
            for foot in [Foot::Left, Foot::Right] {
                let on = self.inspect.area_foot == foot;
                if ui
                    .add(egui::Button::selectable(
                        on,
                        format!("{} foot", foot.label()),
                    ))
                    .clicked()
                {
                    self.inspect.area_foot = foot;
                }
            }
            let foot = self.inspect.area_foot;
            let at = area.and_then(|z| {
                geo.pieces
                    .iter()
                    .filter(|p| p.zone == z && p.foot == foot)
                    .max_by(|a, b| a.area.total_cmp(&b.area))
                    .and_then(|p| geo.normalized_at(p.anchor))
            });
            let r = ui.add_enabled(
                at.is_some(),
                egui::Button::new(format!(
                    "Place {}",
                    self.inspect.kind.label().to_lowercase()
                )),
            );
            if area.is_some() && at.is_none() {
                ui.label(RichText::new("not on that foot").weak());
            }
            if r.clicked()
                && let Some((foot, at)) = at
            {
                placed = Some(Finding {
                    id: 0,
                    view,
                    foot,
                    at,
                    kind: self.inspect.kind,
                    note: String::new(),
                    status: FindingStatus::New,
                    follows: None,
                });
            }
        });
        placed
    }

    fn inspect_chart(
        &mut self,
        ui: &mut Ui,
        edit: &SessionEdit,
        chart: &Chart,
        geometry: &ChartGeometry,
        signed: bool,
        out: &mut Vec<Command>,
    ) {
        let dark = ui.visuals().dark_mode;
        let view = self.inspect.view;
        let geo = geometry.get(view, FootSel::Both);
        let (response, painter) = ui.allocate_painter(ui.available_size(), Sense::click());
        let rect = response
            .rect
            .shrink(6.0)
            .with_max_y(response.rect.max.y - 30.0);
        let t = chart_paint::fit(geo, rect);
        self.inspect.transform = Some(t);
        chart_paint::feet(&painter, geo, &t, dark);
        for piece in &geo.pieces {
            let z = chart.zone_at(piece.zone);
            chart_paint::fill(&painter, piece, &t, theme::system_fill(z.system, 28));
        }
        chart_paint::outlines(&painter, geo, &t, dark);
        chart_paint::foot_names(&painter, geo, &t, ui.visuals().text_color(), 15.0);
        let d = &edit.session.delivery;
        // Last session's findings, faint and dashed, unless ticked today.
        for f in edit.previous_findings.iter().filter(|f| f.view == view) {
            if d.findings.iter().any(|x| x.follows == Some(f.id)) {
                continue;
            }
            if let Some(c) = geo.place_normalized(f.foot, f.at) {
                let p = chart_paint::screen(&t, c);
                let color = mark_color(f.kind).gamma_multiply(0.45);
                painter.extend(egui::Shape::dashed_line(
                    &circle_points(p, MARK),
                    Stroke::new(1.5, color),
                    4.0,
                    3.0,
                ));
                painter.text(
                    p,
                    Align2::CENTER_CENTER,
                    f.kind.mark(),
                    FontId::proportional(11.0),
                    color,
                );
            }
        }
        // Today's findings, numbered as in the list.
        let mut hovered_marker = false;
        for (n, f) in d
            .findings
            .iter()
            .enumerate()
            .filter(|(_, f)| f.view == view)
        {
            if f.status == FindingStatus::Resolved {
                continue;
            }
            let Some(c) = geo.place_normalized(f.foot, f.at) else {
                continue;
            };
            let p = chart_paint::screen(&t, c);
            let selected = self.inspect.selected == Some(f.id);
            let color = mark_color(f.kind);
            painter.circle(
                p,
                MARK,
                color,
                Stroke::new(if selected { 3.0 } else { 1.5 }, Color32::WHITE),
            );
            painter.text(
                p,
                Align2::CENTER_CENTER,
                f.kind.mark(),
                FontId::proportional(11.0),
                Color32::WHITE,
            );
            painter.text(
                p + Vec2::new(MARK + 2.0, -MARK),
                Align2::LEFT_BOTTOM,
                (n + 1).to_string(),
                FontId::proportional(12.0),
                ui.visuals().strong_text_color(),
            );
            let node = ui.interact(
                egui::Rect::from_center_size(p, Vec2::splat(MARK * 2.0)),
                ui.make_persistent_id(("finding", f.id)),
                Sense::click(),
            );
            let label = format!("Finding {}: {}", n + 1, f.title());
            node.widget_info(|| {
                egui::WidgetInfo::selected(egui::Role::Button, true, selected, &label)
            });
            if node.hovered() {
                hovered_marker = true;
            }
            if node.clicked() {
                self.inspect.selected = Some(f.id);
            }
            node.on_hover_text(if f.note.is_empty() {
                f.title()
            } else {
                format!("{}: {}", f.title(), f.note)
            });
        }
        // The touch test's toes.
        let points: Vec<_> = chart.touch_test.iter().filter(|p| p.view == view).collect();
        for tp in &points {
            for foot in [Foot::Left, Foot::Right] {
                let Some(c) = geo.place_normalized(foot, tp.at) else {
                    continue;
                };
                let p = chart_paint::screen(&t, c);
                let felt = d.touch.get(foot, tp.toe);
                let (fill, mark) = match felt {
                    None => (ui.visuals().widgets.inactive.bg_fill, "?"),
                    Some(true) => (chart_paint::rgb(crate::palette::TOUCH_FELT), "✔"),
                    Some(false) => (chart_paint::rgb(crate::palette::TOUCH_NOT_FELT), "✖"),
                };
                painter.circle(
                    p,
                    10.0,
                    fill,
                    Stroke::new(1.5, ui.visuals().strong_text_color()),
                );
                let ink = if felt.is_some() {
                    Color32::WHITE
                } else {
                    ui.visuals().text_color()
                };
                painter.text(
                    p,
                    Align2::CENTER_CENTER,
                    mark,
                    FontId::proportional(12.0),
                    ink,
                );
                let node = ui.interact(
                    egui::Rect::from_center_size(p, Vec2::splat(24.0)),
                    ui.make_persistent_id(("touch", foot as u8, tp.toe)),
                    Sense::click(),
                );
                let state = touch_word(felt);
                let label = format!(
                    "Touch test, {} toe {}: {state}",
                    foot.label().to_lowercase(),
                    tp.toe
                );
                node.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, !signed, &label));
                if node.hovered() {
                    hovered_marker = true;
                }
                if node.clicked() && !signed {
                    // Untested → felt → not felt → untested.
                    let next = match felt {
                        None => Some(true),
                        Some(true) => Some(false),
                        Some(false) => None,
                    };
                    out.push(cmd(InspectCommand::Touch(foot, tp.toe, next)));
                }
                node.on_hover_text(format!("{label}. Click: felt → not felt → not tested"));
            }
        }
        if response.clicked()
            && !hovered_marker
            && !signed
            && !self.inspect.popup_was_open
            && let Some(pos) = response.interact_pointer_pos()
        {
            let c = t.to_chart(Point::new(pos.x, pos.y));
            match geo.normalized_at(c) {
                Some((foot, at)) => {
                    self.inspect.notice = None;
                    out.push(cmd(InspectCommand::Add(Finding {
                        id: 0,
                        view,
                        foot,
                        at,
                        kind: self.inspect.kind,
                        note: String::new(),
                        status: FindingStatus::New,
                        follows: None,
                    })));
                }
                None => {
                    self.inspect.notice = Some(
                        "A finding goes on the foot: that click was outside it, so nothing \
                         was placed."
                            .to_owned(),
                    );
                }
            }
        }
        let label = format!(
            "Inspection chart, {} view: {} findings here",
            view.id(),
            d.findings.iter().filter(|f| f.view == view).count()
        );
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &label));
    }

    fn findings_list(
        &mut self,
        ui: &mut Ui,
        edit: &SessionEdit,
        signed: bool,
        consent: bool,
        photos: &dyn Fn(Id) -> Option<Arc<[u8]>>,
        out: &mut Vec<Command>,
    ) {
        let d = &edit.session.delivery;
        crate::ui::heading(ui, "Ipswich Touch Test");
        ui.label(RichText::new("Touch the tip of toes 1, 3 and 5 lightly for 1–2 seconds.").weak());
        egui::Grid::new("touch_grid")
            .num_columns(4)
            .spacing([6.0, 4.0])
            .show(ui, |ui| {
                ui.label("");
                for toe in TOUCH_TOES {
                    ui.strong(format!("Toe {toe}"));
                }
                ui.end_row();
                for foot in [Foot::Left, Foot::Right] {
                    ui.label(foot.label());
                    for toe in TOUCH_TOES {
                        let felt = d.touch.get(foot, toe);
                        ui.horizontal(|ui| {
                            for (choice, word) in [(true, "Felt"), (false, "Not felt")] {
                                let r = ui.add_enabled(
                                    !signed,
                                    egui::Button::selectable(felt == Some(choice), word).small(),
                                );
                                name_control(
                                    ui,
                                    &r,
                                    format!("{word}: {} toe {toe}", foot.label().to_lowercase()),
                                );
                                if r.clicked() {
                                    let next = (felt != Some(choice)).then_some(choice);
                                    out.push(cmd(InspectCommand::Touch(foot, toe, next)));
                                }
                            }
                        });
                    }
                    ui.end_row();
                }
            });
        let dark = ui.visuals().dark_mode;
        let summary = format!("Result: {}", d.touch.summary());
        if d.touch.at_risk() {
            ui.label(
                RichText::new(summary)
                    .strong()
                    .color(theme::warning_text(dark)),
            );
        } else {
            ui.label(summary);
        }
        ui.label(RichText::new(TOUCH_CAVEAT).small().weak());
        ui.separator();
        crate::ui::heading(ui, "Findings today");
        if !consent {
            ui.label(
                RichText::new("No photo consent on record: photos cannot be added.")
                    .weak()
                    .small(),
            );
        }
        let mut general_photos = d.photos.iter().filter(|p| p.finding.is_none()).peekable();
        if d.findings.is_empty() && general_photos.peek().is_none() {
            ui.label(
                RichText::new("None yet. Choose what to place above, then click the foot.").weak(),
            );
        }
        for (n, f) in d.findings.iter().enumerate() {
            let selected = self.inspect.selected == Some(f.id);
            let frame = egui::Frame::group(ui.style()).stroke(if selected {
                Stroke::new(2.0, theme::selected_stroke(dark).color)
            } else {
                ui.visuals().widgets.noninteractive.bg_stroke
            });
            frame.show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal(|ui| {
                    let (dot, _) = ui.allocate_exact_size(Vec2::splat(12.0), Sense::hover());
                    ui.painter()
                        .circle_filled(dot.center(), 6.0, mark_color(f.kind));
                    let status = match f.status {
                        FindingStatus::New => "",
                        FindingStatus::Still => " — still there",
                        FindingStatus::Resolved => " — resolved",
                    };
                    if ui
                        .selectable_label(
                            selected,
                            RichText::new(format!("{}. {}{status}", n + 1, f.title())).strong(),
                        )
                        .clicked()
                    {
                        self.inspect.selected = Some(f.id);
                        self.inspect.view = f.view;
                    }
                });
                let mut note = self
                    .inspect
                    .notes
                    .get(&f.id)
                    .cloned()
                    .unwrap_or_else(|| f.note.clone());
                let r = ui.add(
                    egui::TextEdit::singleline(&mut note)
                        .hint_text("Note: size, colour, since when…")
                        .desired_width(f32::INFINITY)
                        .interactive(!signed),
                );
                name_control(ui, &r, format!("Note on finding {}", n + 1));
                if r.changed() {
                    self.inspect.notes.insert(f.id, note.clone());
                }
                if r.lost_focus() {
                    if note.trim() != f.note {
                        out.push(cmd(InspectCommand::Note(f.id, note)));
                    }
                    self.inspect.notes.remove(&f.id);
                }
                self.photo_strip(ui, edit, Some(f.id), signed, consent, photos, out);
                if !signed {
                    ui.horizontal(|ui| {
                        if ui
                            .small_button("Remove")
                            .on_hover_text("Placed by mistake")
                            .clicked()
                        {
                            out.push(cmd(InspectCommand::Remove(f.id)));
                        }
                    });
                }
            });
        }
        if consent || d.photos.iter().any(|p| p.finding.is_none()) {
            ui.label(RichText::new("Photos of the feet").strong());
            self.photo_strip(ui, edit, None, signed, consent, photos, out);
        }
        let open: Vec<&Finding> = edit.previous_findings.iter().collect();
        if !open.is_empty() {
            ui.separator();
            crate::ui::heading(ui, "From the last session");
            for f in open {
                let ticked = d
                    .findings
                    .iter()
                    .find(|x| x.follows == Some(f.id))
                    .map(|x| x.status);
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    let text = if f.note.is_empty() {
                        f.title()
                    } else {
                        format!("{} — {}", f.title(), f.note)
                    };
                    ui.label(RichText::new(text).weak());
                    ui.horizontal(|ui| {
                        for (status, word) in [
                            (FindingStatus::Still, "Still there"),
                            (FindingStatus::Resolved, "Resolved"),
                        ] {
                            let r = ui.add_enabled(
                                !signed,
                                egui::Button::selectable(ticked == Some(status), word),
                            );
                            name_control(ui, &r, format!("{word}: {}", f.title()));
                            if r.clicked() && ticked != Some(status) {
                                out.push(cmd(InspectCommand::Review(f.id, status)));
                            }
                        }
                    });
                });
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn photo_strip(
        &mut self,
        ui: &mut Ui,
        edit: &SessionEdit,
        finding: Option<Id>,
        signed: bool,
        consent: bool,
        photos: &dyn Fn(Id) -> Option<Arc<[u8]>>,
        out: &mut Vec<Command>,
    ) {
        let list: Vec<_> = edit
            .session
            .delivery
            .photos
            .iter()
            .filter(|p| p.finding == finding)
            .collect();
        ui.horizontal_wrapped(|ui| {
            for p in list {
                if let Some(bytes) = photos(p.id) {
                    let img = egui::Image::from_bytes(format!("bytes://photo-{}.jpg", p.id), bytes)
                        .fit_to_exact_size(Vec2::new(72.0, 72.0))
                        .maintain_aspect_ratio(true)
                        .sense(Sense::click());
                    let r = ui.add(img);
                    name_control(ui, &r, format!("Photo {} ({} × {})", p.id, p.width, p.height));
                    if r.on_hover_text("Click to see it larger").clicked() {
                        self.inspect.photo_open = Some(p.id);
                    }
                }
                ui.vertical(|ui| {
                    let mut on = p.in_report;
                    if ui.checkbox(&mut on, "In report").changed() {
                        out.push(cmd(InspectCommand::PhotoInReport(p.id, on)));
                    }
                    if !signed && ui.small_button("Remove photo").clicked() {
                        out.push(cmd(InspectCommand::RemovePhoto(p.id)));
                    }
                });
            }
            if consent && !signed {
                let r = ui.small_button("Add photo…");
                let of = finding.map_or("the feet".to_owned(), |f| format!("finding {f}"));
                name_control(ui, &r, format!("Add photo of {of}"));
                if r.on_hover_text("A JPEG or PNG; or drop one on the window. Camera details such as location are removed.").clicked() {
                    self.inspect.selected = finding;
                    out.push(Command::PickFile(FilePurpose::AddPhoto(finding)));
                }
            }
        });
    }

    fn photo_window(&mut self, ctx: &egui::Context, photos: &dyn Fn(Id) -> Option<Arc<[u8]>>) {
        let Some(id) = self.inspect.photo_open else {
            return;
        };
        let mut open = true;
        egui::Window::new("Photo")
            .open(&mut open)
            .default_size([640.0, 520.0])
            .show(ctx, |ui| {
                if let Some(bytes) = photos(id) {
                    ui.add(
                        egui::Image::from_bytes(format!("bytes://photo-{id}.jpg"), bytes)
                            .max_size(ui.available_size())
                            .maintain_aspect_ratio(true),
                    );
                }
            });
        if !open {
            self.inspect.photo_open = None;
        }
    }
}

/// "felt", "not felt", "not tested".
fn touch_word(felt: Option<bool>) -> &'static str {
    match felt {
        None => "not tested",
        Some(true) => "felt",
        Some(false) => "not felt",
    }
}

/// Whether a dropped file looks like a photo (by its extension).
pub fn is_image(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["jpg", "jpeg", "png"].contains(&e.to_ascii_lowercase().as_str()))
}

fn circle_points(c: egui::Pos2, r: f32) -> Vec<egui::Pos2> {
    (0..=24)
        .map(|i| {
            let a = i as f32 / 24.0 * std::f32::consts::TAU;
            c + Vec2::new(a.cos(), a.sin()) * r
        })
        .collect()
}

/// The inspection's widget state.
#[derive(Debug)]
pub struct InspectState {
    /// The view shown.
    pub view: ViewKind,
    /// What a click places.
    pub kind: FindingKind,
    /// The finding selected (photos dropped go to it).
    pub selected: Option<Id>,
    /// Notes being typed, by finding.
    pub notes: std::collections::HashMap<Id, String>,
    /// Why the last click placed nothing.
    pub notice: Option<String>,
    /// The chart → screen transform last frame (tests place findings through it).
    pub transform: Option<crate::geometry::Transform>,
    /// The photo shown large.
    pub photo_open: Option<Id>,
    /// The area chosen to place a finding on without a pointer.
    pub area: Option<crate::model::ZoneIdx>,
    /// The foot chosen with it.
    pub area_foot: Foot,
    /// Whether a popup list was open as this frame began.
    popup_was_open: bool,
}

impl Default for InspectState {
    fn default() -> Self {
        Self {
            view: ViewKind::Plantar,
            kind: FindingKind::DrySkin,
            selected: None,
            notes: Default::default(),
            notice: None,
            transform: None,
            photo_open: None,
            area: None,
            area_foot: Foot::Left,
            popup_was_open: false,
        }
    }
}
