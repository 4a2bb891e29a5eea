//! Everything the chart holds about the selected zone.

use egui::{Color32, CornerRadius, Frame, Margin, RichText, Ui};

use super::{Command, theme};
use crate::model::{Chart, Claim, Library, Limb, ViewKind, Zone, ZoneIdx};

/// A small coloured pill with text.
pub fn badge(ui: &mut Ui, text: &str, fill: Color32) -> egui::Response {
    Frame::new()
        .fill(fill)
        .corner_radius(CornerRadius::same(8))
        .inner_margin(Margin::symmetric(7, 2))
        .show(ui, |ui| {
            ui.label(
                RichText::new(text)
                    .color(Color32::WHITE)
                    .strong()
                    .size(12.0),
            )
        })
        .inner
}

fn section(ui: &mut Ui, title: &str) {
    ui.add_space(8.0);
    let r = ui.label(RichText::new(title).strong().size(15.0));
    // A heading to a screen reader, as it is to the eye.
    r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Heading, true, title));
}

fn card<R>(ui: &mut Ui, fill: Color32, add: impl FnOnce(&mut Ui) -> R) -> R {
    Frame::new()
        .fill(fill)
        .corner_radius(CornerRadius::same(6))
        .inner_margin(Margin::same(8))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            add(ui)
        })
        .inner
}

/// A claim's grade badge, plain sentence and citation links; `link_to_window` adds a button
/// that opens the claim in the Evidence & sources window.
pub fn claim_ui(ui: &mut Ui, claim: &Claim, lib: &Library, link_to_window: bool) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.horizontal_wrapped(|ui| {
        badge(ui, claim.grade.label(), theme::grade_color(claim.grade))
            .on_hover_text(claim.grade.meaning());
        ui.label(RichText::new(&claim.claim).italics());
    });
    ui.label(&claim.plain);
    // Why on every positive claim: a good grade shown beside one zone would otherwise read as
    // proof that the map works.
    if let Some(note) = claim.area_note() {
        ui.label(RichText::new(note).strong());
    }
    for cid in &claim.citations {
        let Some(c) = lib.citation(cid) else { continue };
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing.x = 4.0;
            ui.label("•");
            match c.url() {
                Some(url) => {
                    let label = match (&c.doi, &c.pmid) {
                        (Some(doi), _) => format!("doi:{doi}"),
                        (None, Some(pmid)) => format!("PMID {pmid}"),
                        _ => "PubMed Central".to_owned(),
                    };
                    ui.label(format!("{} —", c.short()));
                    if ui
                        .link(label)
                        .on_hover_text(format!("{}\n{}", c.title, url))
                        .clicked()
                    {
                        commands.push(Command::OpenUrl(url));
                    }
                }
                None => {
                    ui.label(format!("{} — no identifier", c.short()));
                }
            }
        })
        .response
        .on_hover_text(format!(
            "{}. {}. {}\n\n{}",
            c.authors, c.title, c.journal, c.conclusion
        ));
    }
    if link_to_window && ui.small_button("In Evidence & sources…").clicked() {
        commands.push(Command::ShowEvidence(Some(claim.id.clone())));
    }
    commands
}

/// The detail panel for a zone.
///
/// `plan_note` says whether the zone is in the plan; it sits beside the *Add to plan* button.
pub fn detail_ui(
    ui: &mut Ui,
    lib: &Library,
    chart: &Chart,
    (index, zone): (ZoneIdx, &Zone),
    view: ViewKind,
    plan_note: &str,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let dark = ui.visuals().dark_mode;
    ui.horizontal(|ui| {
        let (r, p) = ui.allocate_painter(egui::vec2(14.0, 14.0), egui::Sense::hover());
        p.circle_filled(r.rect.center(), 6.5, theme::system_color(zone.system));
        crate::ui::heading(ui, &zone.name);
    });
    if !zone.aliases.is_empty() {
        ui.label(RichText::new(format!("Also: {}", zone.aliases.join(", "))).weak());
    }
    ui.horizontal_wrapped(|ui| {
        badge(
            ui,
            zone.system.label(),
            theme::system_color(zone.system).gamma_multiply(0.95),
        );
        ui.label(zone.feet().label_for(chart.limb));
        ui.separator();
        ui.label("Views:");
        for v in zone.views() {
            let label = chart.view_label(v);
            if ui
                .selectable_label(v == view, label)
                .on_hover_text(format!("Show the {} view", label.to_lowercase()))
                .clicked()
            {
                commands.push(Command::SetView(v));
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("+ Add to plan")
            .on_hover_text("Add this zone as the plan's next step")
            .clicked()
        {
            commands.push(Command::AddToPlan(index, crate::model::FootSel::Both));
        }
        ui.label(RichText::new(plan_note).weak());
    });

    section(ui, "What the tradition says");
    ui.label(&zone.corresponds_to);
    ui.label(
        RichText::new("A traditional map, not anatomy.")
            .weak()
            .small(),
    );

    section(ui, "Where to find it");
    ui.label(&zone.location);

    section(ui, "How it is worked");
    ui.label(&zone.guidance);
    egui::Grid::new("zone_facts")
        .num_columns(2)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            ui.label(RichText::new("Pressure").weak());
            ui.label(zone.pressure.label());
            ui.end_row();
            ui.label(RichText::new("Typical time").weak());
            ui.label(format!("{}–{} min", zone.minutes.0, zone.minutes.1));
            ui.end_row();
            ui.label(RichText::new("Direction").weak());
            ui.label(&zone.direction);
            ui.end_row();
        });
    for tid in &zone.techniques {
        let Some(t) = lib.technique(tid) else {
            continue;
        };
        egui::CollapsingHeader::new(RichText::new(format!("Technique: {}", t.name)).strong())
            .id_salt(("technique", &zone.id, tid))
            .default_open(false)
            .show(ui, |ui| {
                ui.label(&t.summary);
                // Why apart: the steps, duration and direction are written for the foot
                // ("support the foot", "heel toward big toe"); the hands have their own words.
                if chart.limb == Limb::Hand && !t.on_hands.is_empty() {
                    ui.label(&t.on_hands);
                    ui.label(format!("Pressure: {}", t.pressure.label()));
                    card(ui, theme::caution_fill(dark), |ui| {
                        ui.label(RichText::new("Numb, painful or fragile hands").strong());
                        ui.label(&t.at_risk_hands);
                    });
                } else {
                    for (i, step) in t.steps.iter().enumerate() {
                        ui.label(format!("{}. {step}", i + 1));
                    }
                    ui.label(format!(
                        "Pressure: {} · {} · {}",
                        t.pressure.label(),
                        t.duration,
                        t.direction
                    ));
                    card(ui, theme::caution_fill(dark), |ui| {
                        ui.label(RichText::new("Numb or painful feet").strong());
                        ui.label(&t.at_risk_feet);
                    });
                }
            });
    }

    if !zone.cautions.is_empty() {
        section(ui, &format!("Cautions for at-risk {}", chart.limb.both()));
        card(ui, theme::caution_fill(dark), |ui| {
            for c in &zone.cautions {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new("⚠").strong());
                    ui.label(c);
                });
            }
        });
    }

    section(ui, "What the evidence says");
    for cid in &zone.caveats {
        let Some(claim) = lib.claim(cid) else {
            continue;
        };
        card(ui, ui.visuals().faint_bg_color, |ui| {
            commands.extend(claim_ui(ui, claim, lib, true));
        });
        ui.add_space(4.0);
    }

    if let Some(d) = &zone.disagreement {
        section(ui, "Charts disagree here");
        card(ui, theme::disagree_fill(dark), |ui| {
            ui.label(d);
        });
    }

    if !zone.sources.is_empty() {
        section(ui, "Placement sources");
        ui.horizontal_wrapped(|ui| {
            for key in &zone.sources {
                let title = lib
                    .evidence
                    .chart_sources
                    .iter()
                    .find(|s| &s.key == key)
                    .map(|s| format!("{} ({})", s.title, s.authority))
                    .unwrap_or_default();
                ui.label(RichText::new(key).monospace())
                    .on_hover_text(title);
            }
        });
    }
    commands
}

/// What the panel shows when nothing is selected.
pub fn empty_ui(ui: &mut Ui, chart: &Chart) {
    crate::ui::heading(ui, "Reflex zones");
    ui.label(format!("{} zones on this chart.", chart.zones.len()));
    ui.add_space(6.0);
    ui.label("Click a zone on the map, or press Ctrl+F to search by name, body part or system.");
    let (one, both) = (chart.limb.one(), chart.limb.both());
    let order = match chart.limb {
        Limb::Foot => "toes to heel",
        Limb::Hand => "fingertips to wrist",
    };
    ui.label(format!(
        "Ctrl+M puts the keyboard on the map; Tab then moves from zone to zone (left {one} first, \
         {order}), Enter selects, Esc clears. F6 moves between the panels."
    ));
    ui.add_space(10.0);
    card(ui, ui.visuals().faint_bg_color, |ui| {
        ui.label(RichText::new("About this chart").strong());
        ui.label(format!(
            "This is a traditional reflexology chart: it shows what the tradition teaches, not \
             anatomy. Studies have not shown that pressing an area affects the organ it is linked to, \
             and the {both} cannot be used to diagnose illness. Schools also draw some areas differently."
        ));
        if chart.limb == Limb::Hand {
            ui.label(
                "Hand charts differ between schools even more than foot charts, and the few small \
                 trials of hand reflexology say little about it either way.",
            );
        }
    });
}
