//! The in-app chooser: a modal with the folder's path, Places, the folder's entries, a name
//! field for Save, and Cancel / Open or Save.

use std::path::{Path, PathBuf};

use egui::{
    Align, Align2, Color32, FontId, Id, Key, Layout, Modifiers, Rect, RichText, Sense, Stroke, Ui,
    WidgetInfo, vec2,
};

use super::FileRequest;
use super::folder::{
    Entry, Place, SaveTarget, describe_list_error, human_size, list_dir, save_target, stem_chars,
};

/// The chooser's state between frames.
#[derive(Debug)]
pub(super) struct Chooser {
    /// What was asked for.
    pub(super) request: FileRequest,
    dir: PathBuf,
    /// The folder's entries, or why they cannot be listed.
    listing: Result<Vec<Entry>, String>,
    selected: Option<usize>,
    /// The file-name field (save dialogs).
    name: String,
    /// A problem with the last Open or Save.
    error: Option<String>,
    /// The existing file that Save would replace, while asking.
    replace: Option<PathBuf>,
    places: Vec<Place>,
    home: Option<PathBuf>,
    /// Focus the name field (or the list) on the first frame.
    first_frame: bool,
    /// Scroll the selected row into view (after a key moved it).
    scroll_to_selected: bool,
}

/// What a frame of the chooser ended with.
#[derive(Debug)]
pub(super) enum Outcome {
    /// Still open.
    Showing,
    /// Cancel or Esc.
    Cancel,
    /// A file to open, or to save (new, or agreed to replace).
    Picked(PathBuf),
}

/// Height of one row in the list.
const ROW_HEIGHT: f32 = 24.0;
/// Width of the whole chooser.
const WIDTH: f32 = 600.0;
/// Height of the list.
const LIST_HEIGHT: f32 = 260.0;
/// Width of the Places column.
const PLACES_WIDTH: f32 = 120.0;

impl Chooser {
    /// A chooser in `start`, else the Place named Documents, else Home, else the current
    /// folder. `~` in a typed name means the Place named Home (or the user's home).
    pub(super) fn new(request: FileRequest, start: Option<PathBuf>, places: Vec<Place>) -> Self {
        let home = places
            .iter()
            .find(|p| p.name == "Home")
            .map(|p| p.path.clone())
            .or_else(|| directories::UserDirs::new().map(|u| u.home_dir().to_path_buf()));
        let documents = places.iter().find(|p| p.name == "Documents");
        let dir = start
            .into_iter()
            .chain(documents.map(|p| p.path.clone()))
            .chain(home.clone())
            .find(|d| d.is_dir())
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("/"));
        let name = request.suggested_name.clone().unwrap_or_default();
        let mut chooser = Self {
            request,
            dir: dir.clone(),
            listing: Ok(Vec::new()),
            selected: None,
            name,
            error: None,
            replace: None,
            places,
            home,
            first_frame: true,
            scroll_to_selected: false,
        };
        chooser.go_to(dir);
        chooser
    }

    fn extensions(&self) -> &'static [&'static str] {
        self.request.filter.1
    }

    fn go_to(&mut self, dir: PathBuf) {
        self.listing = list_dir(&dir, self.extensions()).map_err(|e| describe_list_error(&dir, &e));
        self.dir = dir;
        self.selected = None;
        self.error = None;
    }

    fn entries(&self) -> &[Entry] {
        self.listing.as_deref().unwrap_or(&[])
    }

    fn selected_entry(&self) -> Option<&Entry> {
        self.selected.and_then(|i| self.entries().get(i))
    }

    /// A click on a row: a folder opens, a file is selected (its name goes in the name field).
    fn activate(&mut self, index: usize) {
        let Some(entry) = self.entries().get(index).cloned() else {
            return;
        };
        if entry.is_dir {
            self.go_to(self.dir.join(&entry.file_name));
        } else {
            self.selected = Some(index);
            if self.request.save {
                self.name = entry.name;
            }
        }
    }

    /// Open or Save (the button, Enter, or a double click on a file).
    fn confirm(&mut self) -> Option<PathBuf> {
        if !self.request.save {
            let entry = self.selected_entry()?.clone();
            let path = self.dir.join(&entry.file_name);
            if entry.is_dir {
                self.go_to(path);
                return None;
            }
            return Some(path);
        }
        match save_target(
            &self.dir,
            &self.name,
            self.extensions(),
            self.home.as_deref(),
        ) {
            SaveTarget::Empty => None,
            SaveTarget::Folder(dir) => {
                self.go_to(dir);
                self.name.clear();
                None
            }
            SaveTarget::New(path) => Some(path),
            SaveTarget::Existing(path) => {
                self.replace = Some(path);
                None
            }
            SaveTarget::NoFolder(dir) => {
                self.error = Some(format!("There is no folder {}.", dir.display()));
                None
            }
        }
    }

    fn can_confirm(&self) -> bool {
        if self.request.save {
            !self.name.trim().is_empty()
        } else {
            self.selected_entry().is_some()
        }
    }

    /// Draw the chooser (and the replace question) for one frame; `notice` says why it shows.
    pub(super) fn ui(&mut self, ctx: &egui::Context, notice: Option<&str>) -> Outcome {
        let mut outcome = Outcome::Showing;
        let name_id = Id::unique("reflexmap_file_dialog_name");
        let modal = egui::Modal::new(Id::unique("reflexmap_file_dialog")).show(ctx, |ui| {
            ui.set_width(WIDTH);
            ui.spacing_mut().item_spacing = vec2(8.0, 8.0);
            crate::ui::heading(ui, &self.request.title);
            self.path_bar(ui);
            ui.horizontal_top(|ui| {
                self.places_ui(ui);
                if let Some(path) = self.list_ui(ui) {
                    outcome = Outcome::Picked(path);
                }
            });
            egui::Grid::new("file_dialog_fields")
                .num_columns(2)
                .spacing(vec2(8.0, 8.0))
                .show(ui, |ui| {
                    if self.request.save {
                        self.name_ui(ui, name_id);
                        ui.end_row();
                    }
                    ui.label(RichText::new("Type:").weak());
                    let (name, exts) = self.request.filter;
                    let globs: Vec<String> = exts.iter().map(|e| format!("*.{e}")).collect();
                    ui.label(format!("{name} ({})", globs.join(", ")));
                    ui.end_row();
                });
            if let Some(error) = &self.error {
                ui.label(RichText::new(error).color(ui.visuals().error_fg_color));
            }
            ui.separator();
            ui.horizontal(|ui| {
                if let Some(notice) = notice {
                    ui.add(egui::Label::new(RichText::new(notice).small().weak()).wrap());
                }
                ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                    let verb = if self.request.save { "Save" } else { "Open" };
                    let selection = ui.visuals().selection;
                    let ok = ui.add_enabled(
                        self.can_confirm(),
                        egui::Button::new(
                            RichText::new(verb).strong().color(selection.stroke.color),
                        )
                        .fill(selection.bg_fill)
                        .min_size(vec2(80.0, 0.0)),
                    );
                    if ok.clicked()
                        && let Some(path) = self.confirm()
                    {
                        outcome = Outcome::Picked(path);
                    }
                    if ui
                        .add(egui::Button::new("Cancel").min_size(vec2(80.0, 0.0)))
                        .clicked()
                    {
                        outcome = Outcome::Cancel;
                    }
                });
            });
        });
        if self.replace.is_some() {
            if let Some(o) = self.replace_ui(ctx) {
                outcome = o;
            }
        } else if modal.is_top_modal && !modal.any_popup_open {
            self.keys(ctx, name_id, &mut outcome);
        }
        self.first_frame = false;
        outcome
    }

    /// Enter, Esc, arrows and Alt+Up while the chooser is the top modal.
    fn keys(&mut self, ctx: &egui::Context, name_id: Id, outcome: &mut Outcome) {
        if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
            *outcome = Outcome::Cancel;
            return;
        }
        let focus = ctx.memory(|m| m.focused());
        // Why only then: a focused button or row handles Enter itself (a second action on the
        // same key press would, say, save into the folder a row just opened).
        let free = focus.is_none() || focus == Some(name_id);
        if free && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Enter)) {
            if let Some(path) = self.confirm() {
                *outcome = Outcome::Picked(path);
            }
            return;
        }
        if ctx.input_mut(|i| i.consume_key(Modifiers::ALT, Key::ArrowUp))
            && let Some(parent) = self.dir.parent().map(Path::to_path_buf)
        {
            self.go_to(parent);
            return;
        }
        if focus.is_some() {
            return;
        }
        let count = self.entries().len();
        let (down, up) = ctx.input_mut(|i| {
            (
                i.consume_key(Modifiers::NONE, Key::ArrowDown),
                i.consume_key(Modifiers::NONE, Key::ArrowUp),
            )
        });
        if count > 0 && (down || up) {
            self.selected = Some(match (self.selected, down) {
                (None, true) => 0,
                (None, false) => count - 1,
                (Some(i), true) => (i + 1).min(count - 1),
                (Some(i), false) => i.saturating_sub(1),
            });
            self.scroll_to_selected = true;
            if let Some(e) = self.selected_entry().filter(|e| !e.is_dir).cloned()
                && self.request.save
            {
                self.name = e.name;
            }
        }
    }

    /// Up, then the folder's ancestors as buttons.
    fn path_bar(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            let parent = self.dir.parent().map(Path::to_path_buf);
            let up = ui
                .add_enabled(parent.is_some(), egui::Button::new("⬆ Up"))
                .on_hover_text("The folder above this one (Alt+Up)");
            label(ui, &up, "Up");
            if up.clicked()
                && let Some(p) = parent
            {
                self.go_to(p);
            }
            ui.separator();
            let mut go = None;
            egui::ScrollArea::horizontal()
                .id_salt("file_dialog_path")
                .stick_to_right(true)
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.spacing_mut().item_spacing.x = 2.0;
                        let ancestors: Vec<&Path> = self.dir.ancestors().collect();
                        for (i, dir) in ancestors.iter().rev().enumerate() {
                            let last = i + 1 == ancestors.len();
                            let text = dir.file_name().map_or_else(
                                || dir.display().to_string(),
                                |n| n.to_string_lossy().into_owned(),
                            );
                            let text = if last {
                                RichText::new(text).strong()
                            } else {
                                RichText::new(text)
                            };
                            let b = ui.add(
                                egui::Button::new(text)
                                    .frame_when_inactive(last)
                                    .selected(last),
                            );
                            label(ui, &b, &format!("Folder {}", dir.display()));
                            if b.clicked() && !last {
                                go = Some(dir.to_path_buf());
                            }
                            if !last && i > 0 {
                                ui.label(RichText::new("›").weak());
                            }
                        }
                    });
                });
            if let Some(dir) = go {
                self.go_to(dir);
            }
        });
    }

    /// The Places column.
    fn places_ui(&mut self, ui: &mut Ui) {
        let mut go = None;
        let visuals = ui.visuals();
        egui::Frame::new()
            .fill(visuals.faint_bg_color)
            .corner_radius(4.0)
            .inner_margin(6.0)
            .show(ui, |ui| {
                let size = vec2(PLACES_WIDTH - 12.0, LIST_HEIGHT - 12.0);
                ui.set_min_size(size);
                ui.set_max_width(size.x);
                ui.with_layout(Layout::top_down_justified(Align::Min), |ui| {
                    ui.label(RichText::new("Places").small().strong().weak());
                    for place in &self.places {
                        let here = place.path == self.dir;
                        let r = ui
                            .selectable_label(here, place.name.as_str())
                            .on_hover_text(place.path.display().to_string());
                        if r.clicked() {
                            go = Some(place.path.clone());
                        }
                    }
                });
            });
        if let Some(dir) = go {
            self.go_to(dir);
        }
    }

    /// The folder's entries, or why there are none. Returns a file opened by a click.
    fn list_ui(&mut self, ui: &mut Ui) -> Option<PathBuf> {
        let mut clicked = None;
        let visuals = ui.visuals().clone();
        egui::Frame::new()
            .fill(visuals.extreme_bg_color)
            .stroke(visuals.widgets.noninteractive.bg_stroke)
            .corner_radius(4.0)
            .inner_margin(4.0)
            .show(ui, |ui| {
                let size = vec2(ui.available_width(), LIST_HEIGHT - 8.0);
                ui.set_min_size(size);
                ui.set_max_width(size.x);
                // Why: the list sits in a horizontal row beside Places; its rows go top-down.
                ui.with_layout(Layout::top_down_justified(Align::Min), |ui| {
                    match &self.listing {
                        Err(message) => {
                            ui.add(
                                egui::Label::new(
                                    RichText::new(message).color(visuals.error_fg_color),
                                )
                                .wrap(),
                            );
                        }
                        Ok(entries) if entries.is_empty() => {
                            ui.label(
                                RichText::new("This folder has no folders or matching files.")
                                    .weak(),
                            );
                        }
                        Ok(entries) => {
                            egui::ScrollArea::vertical()
                                .id_salt("file_dialog_list")
                                .max_height(size.y)
                                .auto_shrink([false, false])
                                .show(ui, |ui| {
                                    ui.spacing_mut().item_spacing.y = 0.0;
                                    for (i, entry) in entries.iter().enumerate() {
                                        let selected = self.selected == Some(i);
                                        let r = row_ui(ui, entry, selected);
                                        if selected && self.scroll_to_selected {
                                            r.scroll_to_me(None);
                                        }
                                        if r.double_clicked() && !entry.is_dir {
                                            clicked = Some((i, true));
                                        } else if r.clicked() {
                                            clicked = Some((i, false));
                                        }
                                    }
                                });
                        }
                    }
                });
            });
        self.scroll_to_selected = false;
        let (index, double) = clicked?;
        self.activate(index);
        if double { self.confirm() } else { None }
    }

    /// The file-name field of a save dialog (a caption and a field, in the fields grid).
    fn name_ui(&mut self, ui: &mut Ui, id: Id) {
        {
            let caption = ui.label(RichText::new("Name:").weak());
            let mut output = egui::TextEdit::singleline(&mut self.name)
                .id(id)
                .desired_width(WIDTH - 60.0)
                .hint_text("File name")
                .show(ui);
            let response = output.response.response.labelled_by(caption.id);
            label(ui, &response, "File name");
            if self.first_frame {
                response.request_focus();
                let stem = stem_chars(&self.name);
                output
                    .state
                    .cursor
                    .set_char_range(Some(egui::text::CCursorRange::two(
                        egui::text::CCursor::new(0),
                        egui::text::CCursor::new(stem),
                    )));
                output.state.store(ui.ctx(), id);
            }
            if response.changed() {
                self.error = None;
            }
        }
    }

    /// "Replace it?" on top of the chooser. Returns the pick when the user agrees.
    fn replace_ui(&mut self, ctx: &egui::Context) -> Option<Outcome> {
        let path = self.replace.clone()?;
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let folder = path
            .parent()
            .map_or_else(String::new, |p| p.display().to_string());
        let mut answer = None;
        let modal = egui::Modal::new(Id::unique("reflexmap_file_dialog_replace")).show(ctx, |ui| {
            ui.set_max_width(420.0);
            ui.label(RichText::new(format!("Replace “{name}”?")).heading());
            ui.label(format!(
                "A file with this name already exists in {folder}. Replacing it overwrites its contents."
            ));
            ui.add_space(4.0);
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                let wide = vec2(80.0, 0.0);
                let replace = egui::Button::new(RichText::new("Replace").strong()).min_size(wide);
                if ui.add(replace).clicked() {
                    answer = Some(true);
                }
                if ui.add(egui::Button::new("Cancel").min_size(wide)).clicked() {
                    answer = Some(false);
                }
            });
        });
        if modal.is_top_modal && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
            answer = Some(false);
        }
        match answer? {
            true => {
                self.replace = None;
                Some(Outcome::Picked(path))
            }
            false => {
                self.replace = None;
                None
            }
        }
    }
}

/// Give a widget the name a screen reader says (and tests find).
fn label(ui: &Ui, response: &egui::Response, name: &str) {
    ui.ctx()
        .accesskit_node_builder(response.id, |n| n.set_label(name));
}

/// One row of the list: icon, name, size; a button named after the entry.
fn row_ui(ui: &mut Ui, entry: &Entry, selected: bool) -> egui::Response {
    let (rect, response) =
        ui.allocate_exact_size(vec2(ui.available_width(), ROW_HEIGHT), Sense::click());
    response.widget_info(|| WidgetInfo::selected(egui::Role::Button, true, selected, &entry.name));
    let description = match entry.size {
        Some(size) if !entry.is_dir => format!("File, {}", human_size(size)),
        _ => "Folder".to_owned(),
    };
    ui.ctx()
        .accesskit_node_builder(response.id, |n| n.set_description(description));
    if !ui.is_rect_visible(rect) {
        return response;
    }
    let visuals = ui.visuals();
    let painter = ui.painter_at(rect);
    let text_color = if selected {
        painter.rect_filled(rect, 3.0, visuals.selection.bg_fill);
        visuals.selection.stroke.color
    } else {
        if response.hovered() {
            painter.rect_filled(rect, 3.0, visuals.widgets.hovered.weak_bg_fill);
        }
        visuals.text_color()
    };
    if response.has_focus() {
        painter.rect_stroke(
            rect.shrink(1.0),
            3.0,
            visuals.selection.stroke,
            egui::StrokeKind::Inside,
        );
    }
    let icon = Rect::from_center_size(rect.left_center() + vec2(14.0, 0.0), vec2(16.0, 14.0));
    if entry.is_dir {
        let fill = if selected {
            text_color.gamma_multiply(0.45)
        } else {
            visuals.selection.bg_fill
        };
        paint_folder(&painter, icon, fill, text_color);
    } else {
        paint_file(&painter, icon, text_color);
    }
    let font = FontId::proportional(14.0);
    painter.text(
        rect.left_center() + vec2(30.0, 0.0),
        Align2::LEFT_CENTER,
        &entry.name,
        font,
        text_color,
    );
    if let Some(size) = entry.size {
        let weak = if selected {
            text_color
        } else {
            visuals.weak_text_color()
        };
        painter.text(
            rect.right_center() - vec2(8.0, 0.0),
            Align2::RIGHT_CENTER,
            human_size(size),
            FontId::proportional(12.0),
            weak,
        );
    }
    response
}

/// A folder: a tab and a body.
fn paint_folder(painter: &egui::Painter, r: Rect, fill: Color32, stroke: Color32) {
    let tab = Rect::from_min_size(r.min, vec2(r.width() * 0.45, r.height() * 0.3));
    let body = Rect::from_min_max(r.min + vec2(0.0, r.height() * 0.2), r.max);
    painter.rect_filled(tab, 1.5, fill);
    painter.rect_filled(body, 2.0, fill);
    painter.rect_stroke(
        body,
        2.0,
        Stroke::new(1.0, stroke.gamma_multiply(0.6)),
        egui::StrokeKind::Inside,
    );
}

/// A page with a folded corner.
fn paint_file(painter: &egui::Painter, r: Rect, stroke: Color32) {
    let page = Rect::from_center_size(r.center(), vec2(r.height() * 0.8, r.height() + 2.0));
    let fold = page.width() * 0.35;
    let s = Stroke::new(1.2, stroke.gamma_multiply(0.7));
    let points = vec![
        page.left_top(),
        page.right_top() - vec2(fold, 0.0),
        page.right_top() + vec2(0.0, fold),
        page.right_bottom(),
        page.left_bottom(),
    ];
    painter.add(egui::Shape::closed_line(points, s));
    painter.line_segment(
        [
            page.right_top() - vec2(fold, 0.0),
            page.right_top() + vec2(-fold, fold),
        ],
        s,
    );
    painter.line_segment(
        [
            page.right_top() + vec2(-fold, fold),
            page.right_top() + vec2(0.0, fold),
        ],
        s,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chooser_starts_in_the_first_folder_that_exists() {
        let dir = tempfile::tempdir().expect("temp dir");
        let docs = dir.path().join("Documents");
        std::fs::create_dir(&docs).expect("mkdir");
        let places = vec![
            Place {
                name: "Home".into(),
                path: dir.path().to_path_buf(),
            },
            Place {
                name: "Documents".into(),
                path: docs.clone(),
            },
        ];
        let c = Chooser::new(
            FileRequest::open_plan(),
            Some(dir.path().join("gone")),
            places.clone(),
        );
        assert_eq!(c.dir, docs, "Documents before Home");
        let c = Chooser::new(
            FileRequest::open_plan(),
            Some(dir.path().to_path_buf()),
            places,
        );
        assert_eq!(c.dir, dir.path());
    }
}
