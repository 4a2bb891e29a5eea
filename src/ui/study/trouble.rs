//! Trouble spots: the items missed again and again (Anki's leeches), each with what to reread
//! and a way to start it over.

use egui::{RichText, Ui};

use crate::study::progress::LEECH_MISSES;
use crate::study::text::{item_title, reread};
use crate::study::{Sources, StudyCommand, StudySession};

/// The trouble-spot list under the progress; nothing when there are none.
pub fn trouble_spots_ui(ui: &mut Ui, session: &StudySession, src: Sources) -> Vec<StudyCommand> {
    let mut out = Vec::new();
    let spots = session.trouble_spots();
    if spots.is_empty() {
        return out;
    }
    ui.separator();
    crate::ui::heading(ui, format!("Trouble spots ({})", spots.len()));
    ui.label(
        RichText::new(format!(
            "Missed {LEECH_MISSES} times or more. Drilling them the same way is not working: \
             reread what they test, then start them over."
        ))
        .weak(),
    );
    for (item, state) in spots {
        let title = item_title(item, src);
        egui::CollapsingHeader::new(RichText::new(&title).strong())
            .id_salt(("trouble", &item.key))
            .show(ui, |ui| {
                ui.label(
                    RichText::new(format!(
                        "Missed {} times since it was last started over ({} right, {} wrong \
                         in all).",
                        state.misses, state.right, state.wrong
                    ))
                    .weak(),
                );
                for (heading, text) in reread(item, src) {
                    if text.is_empty() {
                        continue;
                    }
                    ui.label(RichText::new(heading).strong());
                    ui.label(text);
                }
                let reset = ui
                    .button("Start over")
                    .on_hover_text("Back to box 1, due today, its misses forgotten");
                // Why its own name: every trouble spot has a "Start over" button.
                let name = format!("Start over: {title}");
                ui.ctx()
                    .accesskit_node_builder(reset.id, |n| n.set_label(name));
                if reset.clicked() {
                    out.push(StudyCommand::ResetItem(item.key.clone()));
                }
            });
    }
    out
}
