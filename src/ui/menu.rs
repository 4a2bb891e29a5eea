//! The menu bar (File, View, Help, the theme switch and the chart's name) and the mode
//! toolbar (modes, views, feet, overlays, reset, search). Both only return commands.

use std::path::PathBuf;

use egui::{RichText, Ui};

use super::map_view::Overlays;
use super::search_bar::SearchBar;
use super::{Command, FilePurpose, Mode};
use crate::app::{Settings, ThemeChoice};
use crate::model::{Chart, FootSel, Limb};
use crate::plan::PlanCommand;
use crate::search::ZoneSearch;

/// The menu bar.
pub fn menu_bar_ui(
    ui: &mut Ui,
    settings: &Settings,
    chart: &Chart,
    chart_path: Option<&PathBuf>,
) -> Vec<Command> {
    let mut out = Vec::new();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            file_menu_ui(ui, settings, chart_path.is_some(), &mut out)
        });
        ui.menu_button("View", |ui| view_menu_ui(ui, settings, chart, &mut out));
        ui.menu_button("Help", |ui| {
            if ui.button("Evidence & sources").clicked() {
                out.push(Command::ShowEvidence(None));
            }
            ui.label(format!("reflexmap {}", env!("CARGO_PKG_VERSION")));
        });
        // Why here: the mode toolbar needs its whole width at 1280 px.
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let dark = ui.visuals().dark_mode;
            if ui
                .button(if dark {
                    "☀ Light theme"
                } else {
                    "◐ Dark theme"
                })
                .on_hover_text("Switch between light and dark")
                .clicked()
            {
                out.push(Command::SetTheme(if dark {
                    ThemeChoice::Light
                } else {
                    ThemeChoice::Dark
                }));
            }
            if ui.button("Evidence & sources").clicked() {
                out.push(Command::ShowEvidence(None));
            }
            ui.separator();
            // The chart picker, right to left: Hands, Feet, then what is shown. A chart opened
            // from a file shows neither as chosen.
            for limb in [Limb::Hand, Limb::Foot] {
                let on = chart_path.is_none() && chart.limb == limb;
                if ui
                    .selectable_label(on, limb.label())
                    .on_hover_text(format!("Show the built-in {} chart", limb.one()))
                    .clicked()
                    && !on
                {
                    out.push(Command::UseBuiltInChart(limb));
                }
            }
            let source = match chart_path {
                Some(p) => format!("Chart: {}", p.display()),
                None => format!("Chart: {}", chart.name),
            };
            ui.label(RichText::new(source).weak());
        });
    });
    out
}

fn file_menu_ui(ui: &mut Ui, settings: &Settings, chart_from_file: bool, out: &mut Vec<Command>) {
    if ui.button("New plan").clicked() {
        out.push(Command::Plan(PlanCommand::New));
        out.push(Command::SetMode(Mode::Plan));
    }
    if ui.button("Open plan…  (Ctrl+O)").clicked() {
        out.push(Command::PickFile(FilePurpose::OpenPlan));
    }
    ui.menu_button("Open recent plan", |ui| {
        if settings.recent_plans.is_empty() {
            ui.label("No recent plans");
        }
        for p in &settings.recent_plans {
            if ui.button(p.display().to_string()).clicked() {
                out.push(Command::Plan(PlanCommand::OpenFile(p.clone())));
            }
        }
    });
    if ui.button("Save plan  (Ctrl+S)").clicked() {
        out.push(Command::SavePlan);
    }
    if ui.button("Save plan as…  (Ctrl+Shift+S)").clicked() {
        out.push(Command::PickFile(FilePurpose::SavePlan));
    }
    if ui.button("Export PDF…").clicked() {
        out.push(Command::PickFile(FilePurpose::ExportPdf));
    }
    ui.separator();
    if ui.button("Open chart…").clicked() {
        out.push(Command::PickFile(FilePurpose::OpenChart));
    }
    if ui
        .add_enabled(
            chart_from_file,
            egui::Button::new("Back to the standard chart"),
        )
        .clicked()
    {
        out.push(Command::UseBuiltInChart(Limb::Foot));
    }
    ui.separator();
    if ui.button("Quit").clicked() {
        out.push(Command::Quit);
    }
}

fn view_menu_ui(ui: &mut Ui, settings: &Settings, chart: &Chart, out: &mut Vec<Command>) {
    for v in chart.view_kinds() {
        if ui.radio(settings.view == v, chart.view_label(v)).clicked() {
            out.push(Command::SetView(v));
        }
    }
    ui.separator();
    let mut overlays = settings.overlays;
    ui.checkbox(&mut overlays.guides, "Guide lines");
    ui.checkbox(&mut overlays.longitudinal, "Longitudinal zones");
    ui.checkbox(&mut overlays.labels, "Zone labels");
    if overlays != settings.overlays {
        out.push(Command::SetOverlays(overlays));
    }
    ui.separator();
    ui.label("Theme");
    for (t, name) in [
        (ThemeChoice::System, "Follow system"),
        (ThemeChoice::Light, "Light"),
        (ThemeChoice::Dark, "Dark"),
    ] {
        if ui.radio(settings.theme == t, name).clicked() {
            out.push(Command::SetTheme(t));
        }
    }
}

/// The mode toolbar. Study hides views, feet, labels and search: a question chooses its own
/// view, and labels or search would give the answers away.
pub fn toolbar_ui(
    ui: &mut Ui,
    settings: &Settings,
    search: &mut SearchBar,
    chart: &Chart,
    zone_search: &mut ZoneSearch,
) -> Vec<Command> {
    let mut out = Vec::new();
    ui.horizontal_wrapped(|ui| {
        for m in Mode::ALL {
            let text = RichText::new(m.label()).strong();
            if ui.selectable_label(settings.mode == m, text).clicked() {
                out.push(Command::SetMode(m));
            }
        }
        // Why nothing more for Clients: it shows no chart, so views, feet, overlays and zone
        // search would do nothing there.
        if settings.mode == Mode::Clients {
            return;
        }
        ui.separator();
        let study = settings.mode == Mode::Study;
        if !study {
            for v in chart.view_kinds() {
                if ui
                    .selectable_label(settings.view == v, chart.view_label(v))
                    .clicked()
                {
                    out.push(Command::SetView(v));
                }
            }
            ui.separator();
            let both = FootSel::Both.label_for(chart.limb);
            for (f, name) in [
                (FootSel::Both, both.as_str()),
                (FootSel::Left, "Left only"),
                (FootSel::Right, "Right only"),
            ] {
                if ui.selectable_label(settings.feet == f, name).clicked() {
                    out.push(Command::SetFeet(f));
                }
            }
            ui.separator();
        }
        let mut overlays: Overlays = settings.overlays;
        ui.toggle_value(&mut overlays.guides, "Guide lines");
        ui.toggle_value(&mut overlays.longitudinal, "Zones 1–10");
        if !study {
            ui.toggle_value(&mut overlays.labels, "Labels");
            ui.separator();
            if ui
                .button("Reset view")
                .on_hover_text("Fit the chart to the window (or double-click the map)")
                .clicked()
            {
                out.push(Command::ResetView);
            }
            ui.separator();
            out.extend(search.ui(ui, chart, zone_search));
        }
        if overlays != settings.overlays {
            out.push(Command::SetOverlays(overlays));
        }
    });
    out
}
