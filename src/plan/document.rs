//! The plan being edited in the app, without egui: editor and undo, file path, autosave and
//! recovery, the open step, and the status line. Views send [`PlanCommand`]s; the app applies
//! them here after the frame.

use std::path::{Path, PathBuf};

use crate::load::{self, Problems, SourceText};
use crate::model::{Chart, FootSel, Library, Pressure};

use super::{Answer, Autosave, Paper, Plan, PlanEditor, PlanStep, evaluate, load_plan, save_plan};

/// Seconds between an edit and the autosave of unsaved work.
pub const AUTOSAVE_SECONDS: f64 = 5.0;

/// A change to one field of the plan's details.
#[derive(Debug, Clone, PartialEq)]
pub enum MetaEdit {
    /// Client initials.
    ClientInitials(String),
    /// Session date (`YYYY-MM-DD`).
    Date(String),
    /// Planned session length in minutes.
    SessionMinutes(u32),
    /// Paper size for printing.
    Paper(Paper),
}

/// A change to one field of a step.
#[derive(Debug, Clone, PartialEq)]
pub enum StepEdit {
    /// Which feet.
    Foot(FootSel),
    /// Technique id.
    Technique(String),
    /// Pressure grade.
    Pressure(Pressure),
    /// Minutes.
    Minutes(f32),
    /// The therapist's note.
    Note(String),
}

/// Where a step moves: `from` ends up at index `to` (clamped to the last index).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepMove {
    /// The step's index now.
    pub from: usize,
    /// Its index after the move.
    pub to: usize,
}

/// What the planner (its view, the menus, the shortcuts) asks of the plan.
#[derive(Debug, Clone, PartialEq)]
pub enum PlanCommand {
    /// Change a detail of the plan (typing or dragging coalesces into one undo step until
    /// [`PlanCommand::EndEdit`]).
    SetMeta(MetaEdit),
    /// Change a field of the step at the index (typing a note or dragging the minutes
    /// coalesces into one undo step until [`PlanCommand::EndEdit`]).
    SetStep(usize, StepEdit),
    /// A text field lost focus or a drag stopped: the next edit is a new undo step.
    EndEdit,
    /// Answer (or clear) a screening question.
    SetAnswer(String, Option<Answer>),
    /// Answer every unanswered question "no" (one undo step).
    AnswerUnansweredNo,
    /// Clear every answer (one undo step).
    ClearAnswers,
    /// Start again from a template's steps.
    LoadTemplate(String),
    /// Add a zone of the chart as a new last step and open it.
    AddZone(String, FootSel),
    /// Move a step; the open step follows it.
    MoveStep(StepMove),
    /// Remove a step.
    RemoveStep(usize),
    /// Lower every step above the cap to it.
    LowerToCap(Pressure),
    /// Apply every adaptation screening asks for: swap forbidden techniques, lower pressure
    /// to the cap and the zone's range (one undo step).
    ApplyAdaptations,
    /// Open a step's editors (or close them with `None`).
    OpenStep(Option<usize>),
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Replace the whole plan as one undo step, and say so (moving a plan to the hands).
    Replace(Box<Plan>, String),
    /// Start an empty plan.
    New,
    /// Start an untitled, unsaved plan that is a copy of this one (a session record's
    /// snapshot, to print or to plan the next session from).
    Adopt(Box<Plan>),
    /// Open a plan file.
    OpenFile(PathBuf),
    /// Save to a file and remember it as the plan's file.
    SaveTo(PathBuf),
    /// Export the printable PDF to a file.
    ExportPdfTo(PathBuf),
    /// Take back the plan found in the autosave at start.
    RestoreRecovery,
    /// Throw away the plan found in the autosave at start.
    DiscardRecovery,
    /// Forget unsaved changes (closing without saving).
    DiscardChanges,
}

/// What happened that the rest of the app should know about.
#[derive(Debug, Clone, PartialEq)]
pub enum PlanEvent {
    /// A plan file was opened (switch to Plan, remember it in the recent list).
    Opened(PathBuf),
    /// The plan was saved (remember it in the recent list).
    Saved(PathBuf),
    /// The PDF was written (open it in a viewer if asked).
    Exported(PathBuf),
    /// Recovered work was restored (switch to Plan).
    Restored,
    /// Something failed; the message says what and where.
    Failed(String),
}

/// What the plan operations need from the rest of the app.
#[derive(Debug, Clone, Copy)]
pub struct PlanContext<'a> {
    /// The chart on screen, which new steps come from.
    pub chart: &'a Chart,
    /// A built-in chart for the other kind (the hands when feet are shown), when the caller
    /// has it: a hand plan is opened, adapted and printed with a hand chart whatever is shown.
    pub other: Option<&'a Chart>,
    /// Techniques, rules, templates.
    pub library: &'a Library,
    /// The chart's geometry when the caller has it (the PDF's thumbnails reuse it; `None`
    /// builds it for the export).
    pub geometry: Option<&'a crate::geometry::ChartGeometry>,
}

impl<'a> PlanContext<'a> {
    /// The chart for a plan on `limb`: the one on screen when it is of that kind, else the
    /// other one, else (no chart of that kind at all) the one on screen.
    pub fn chart_for(&self, limb: crate::model::Limb) -> &'a Chart {
        if self.chart.limb == limb {
            return self.chart;
        }
        self.other.filter(|c| c.limb == limb).unwrap_or(self.chart)
    }

    /// Every chart there is to check a plan against, the one on screen first.
    fn charts(&self) -> Vec<&'a Chart> {
        std::iter::once(self.chart).chain(self.other).collect()
    }
}

/// The plan being edited, with everything about its life as a file.
#[derive(Debug)]
pub struct PlanDocument {
    editor: PlanEditor,
    /// Where the plan was last opened from or saved to.
    path: Option<PathBuf>,
    /// The step whose editors are open.
    open_step: Option<usize>,
    /// The last operation's outcome, shown above the steps.
    status: Option<String>,
    /// Where unsaved work is autosaved (`None` in tests and without a data directory).
    autosave: Option<Autosave>,
    /// When the pending autosave is due (in the caller's clock, seconds).
    autosave_due: Option<f64>,
    /// The plan as last autosaved.
    last_autosaved: Option<Plan>,
    /// A plan found in the autosave at start, offered back to the user.
    recovery: Option<Plan>,
}

impl Default for PlanDocument {
    fn default() -> Self {
        Self {
            editor: PlanEditor::new(Plan::default()),
            path: None,
            open_step: None,
            status: None,
            autosave: None,
            autosave_due: None,
            last_autosaved: None,
            recovery: None,
        }
    }
}

impl PlanDocument {
    /// Autosave unsaved work here, and offer back what a crash left in it.
    pub fn with_autosave(mut self, autosave: Autosave) -> Self {
        self.recovery = autosave.recoverable();
        self.autosave = Some(autosave);
        self
    }

    /// The plan as it is now.
    pub fn plan(&self) -> &Plan {
        self.editor.plan()
    }

    /// The editor (undo and redo state).
    pub fn editor(&self) -> &PlanEditor {
        &self.editor
    }

    /// Whether the plan differs from its file.
    pub fn is_dirty(&self) -> bool {
        self.editor.is_dirty()
    }

    /// The plan's file, once opened or saved.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The step whose editors are open.
    pub fn open_step(&self) -> Option<usize> {
        self.open_step
    }

    /// The last operation's message.
    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    /// A plan left in the autosave by a crash, waiting for restore or discard.
    pub fn recovery(&self) -> Option<&Plan> {
        self.recovery.as_ref()
    }

    /// A file name to offer when saving: initials and date when known.
    pub fn suggested_file_name(&self) -> String {
        let plan = self.plan();
        let parts: Vec<&str> = [plan.client_initials.trim(), plan.date.trim()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        if parts.is_empty() {
            "session.plan.ron".to_owned()
        } else {
            format!("{}.plan.ron", parts.join("-"))
        }
    }

    /// Apply a command. Returns what the rest of the app should know, if anything.
    pub fn apply(&mut self, command: PlanCommand, cx: PlanContext) -> Option<PlanEvent> {
        match command {
            PlanCommand::SetMeta(edit) => {
                // Why only typed and dragged fields coalesce: each choice from a list or a
                // radio button is a decision of its own, and undoes on its own.
                let tag = match &edit {
                    MetaEdit::ClientInitials(_) => Some("initials"),
                    MetaEdit::Date(_) => Some("date"),
                    MetaEdit::SessionMinutes(_) => Some("session_minutes"),
                    MetaEdit::Paper(_) => None,
                };
                let change = |p: &mut Plan| match edit {
                    MetaEdit::ClientInitials(s) => p.client_initials = s,
                    MetaEdit::Date(s) => p.date = s,
                    MetaEdit::SessionMinutes(m) => p.session_minutes = m,
                    MetaEdit::Paper(paper) => p.paper = paper,
                };
                match tag {
                    Some(tag) => self.editor.apply_coalesced(tag, change),
                    None => self.editor.apply(change),
                }
            }
            PlanCommand::SetStep(i, edit) => {
                // Why per field and step: typing a note or dragging minutes is one undo step,
                // and the next field or step starts a new one; a choice from a list is one.
                let tag = match &edit {
                    StepEdit::Minutes(_) => Some(format!("step {i} minutes")),
                    StepEdit::Note(_) => Some(format!("step {i} note")),
                    StepEdit::Foot(_) | StepEdit::Technique(_) | StepEdit::Pressure(_) => None,
                };
                let change = |p: &mut Plan| {
                    let Some(step) = p.steps.get_mut(i) else {
                        return;
                    };
                    match edit {
                        StepEdit::Foot(f) => step.foot = f,
                        StepEdit::Technique(t) => step.technique = t,
                        StepEdit::Pressure(pr) => step.pressure = pr,
                        StepEdit::Minutes(m) => step.minutes = m,
                        StepEdit::Note(n) => step.note = n,
                    }
                };
                match tag {
                    Some(tag) => self.editor.apply_coalesced(&tag, change),
                    None => self.editor.apply(change),
                }
            }
            PlanCommand::EndEdit => self.editor.end_coalescing(),
            PlanCommand::SetAnswer(rule, answer) => self.editor.set_answer(&rule, answer),
            PlanCommand::AnswerUnansweredNo => {
                self.editor.apply(|p| {
                    for r in cx.library.rules_for(p.limb) {
                        p.screening.entry(r.id.clone()).or_insert(Answer::No);
                    }
                });
            }
            PlanCommand::ClearAnswers => self.editor.apply(|p| p.screening.clear()),
            PlanCommand::LoadTemplate(id) => {
                if let Some(t) = cx.library.template(&id) {
                    self.editor.load_template(t);
                    self.open_step = None;
                }
            }
            PlanCommand::AddZone(zone, foot) => self.add_zone(&zone, foot, cx),
            PlanCommand::MoveStep(m) => {
                if self.editor.move_step(m.from, m.to) {
                    let to = m.to.min(self.plan().steps.len().saturating_sub(1));
                    self.open_step = follow_move(self.open_step, m.from, to);
                }
            }
            PlanCommand::RemoveStep(i) => {
                if self.editor.remove_step(i).is_some() {
                    self.open_step = follow_remove(self.open_step, i);
                }
            }
            PlanCommand::LowerToCap(cap) => {
                let n = self.editor.lower_to_cap(cap);
                self.status = Some(format!(
                    "Lowered {n} step(s) to {}",
                    cap.label().to_lowercase()
                ));
            }
            PlanCommand::ApplyAdaptations => {
                let plan = self.editor.plan().clone();
                let screening = evaluate(&cx.library.rules, &plan);
                let chart = cx.chart_for(plan.limb);
                let n = self.editor.apply_adaptations(&screening, chart, cx.library);
                self.status = Some(format!("Adapted {n} step(s) to the screening"));
            }
            PlanCommand::OpenStep(i) => {
                self.open_step = i.filter(|i| *i < self.plan().steps.len());
            }
            PlanCommand::Undo => {
                self.editor.undo();
                self.clamp_open_step();
            }
            PlanCommand::Redo => {
                self.editor.redo();
                self.clamp_open_step();
            }
            PlanCommand::New => {
                // Why the chart's kind: a new plan is built from the chart on screen.
                self.editor = PlanEditor::new(Plan {
                    limb: cx.chart.limb,
                    ..Plan::default()
                });
                self.path = None;
                self.open_step = None;
                self.status = None;
            }
            PlanCommand::Replace(plan, note) => {
                self.editor.apply(|p| *p = *plan);
                self.open_step = None;
                self.status = Some(note);
            }
            PlanCommand::Adopt(plan) => {
                self.editor = PlanEditor::new_unsaved(*plan);
                self.path = None;
                self.open_step = None;
                self.status = None;
                return Some(PlanEvent::Restored);
            }
            PlanCommand::OpenFile(path) => return Some(self.open(&path, cx)),
            PlanCommand::SaveTo(path) => return Some(self.save_to(&path)),
            PlanCommand::ExportPdfTo(path) => return Some(self.export_pdf_to(&path, cx)),
            PlanCommand::RestoreRecovery => {
                if let Some(plan) = self.recovery.take() {
                    self.editor = PlanEditor::new_unsaved(plan);
                    self.path = None;
                    self.open_step = None;
                    return Some(PlanEvent::Restored);
                }
            }
            PlanCommand::DiscardRecovery => {
                self.recovery = None;
                self.clear_autosave();
            }
            PlanCommand::DiscardChanges => {
                self.clear_autosave();
                self.editor.mark_saved();
            }
        }
        None
    }

    /// After undo or redo: a step that is gone closes (no other step opens in its place).
    fn clamp_open_step(&mut self) {
        if self.open_step.is_some_and(|i| i >= self.plan().steps.len()) {
            self.open_step = None;
        }
    }

    fn add_zone(&mut self, zone: &str, foot: FootSel, cx: PlanContext) {
        let Some(z) = cx.chart.zone(zone) else {
            self.status = Some(format!("The chart has no zone \"{zone}\"."));
            return;
        };
        let (on, shown) = (self.plan().limb, cx.chart.limb);
        // Why: an empty plan takes the chart it is built from; a plan with steps on the hands
        // must not gain a foot step (its screening and words are for the hands).
        if on != shown && !self.plan().steps.is_empty() {
            self.status = Some(format!(
                "This plan is for the {}; show the {} chart to add its areas.",
                on.both(),
                on.one()
            ));
            return;
        }
        let on_shown = Plan {
            limb: shown,
            ..self.plan().clone()
        };
        let cap = evaluate(&cx.library.rules, &on_shown).pressure_cap;
        let step = PlanStep {
            zone: Some(z.id.clone()),
            title: None,
            foot: if foot == FootSel::Both {
                z.feet()
            } else {
                foot
            },
            technique: z.techniques.first().cloned().unwrap_or_default(),
            pressure: cap.map_or(z.pressure.min, |c| c.min(z.pressure.min)),
            minutes: z.minutes.1.max(0.5),
            note: String::new(),
        };
        let at = self.plan().steps.len();
        // One undo step, even when the empty plan changes to the chart's kind with it.
        self.editor.apply(|p| {
            p.limb = shown;
            p.steps.push(step);
        });
        self.open_step = Some(at);
        self.status = Some(format!("Added {} as step {}", z.name, at + 1));
    }

    /// Open a plan file; a broken file changes nothing and reports `file:line:col`.
    fn open(&mut self, path: &Path, cx: PlanContext) -> PlanEvent {
        let name = path.display().to_string();
        let result = load::read_text(path).and_then(|text| {
            load_plan(
                &SourceText {
                    name: &name,
                    text: &text,
                },
                &cx.charts(),
                cx.library,
            )
        });
        match result {
            Ok(loaded) => {
                self.editor = PlanEditor::new(loaded.plan);
                self.open_step = None;
                self.path = Some(path.to_owned());
                self.status = Some(if loaded.warnings.is_empty() {
                    format!("Opened {name}")
                } else {
                    let w: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
                    format!("Opened {name} with warnings:\n{}", w.join("\n"))
                });
                PlanEvent::Opened(path.to_owned())
            }
            Err(problems) => PlanEvent::Failed(problems_text(&name, "plan", &problems)),
        }
    }

    /// Save atomically and remember the path.
    fn save_to(&mut self, path: &Path) -> PlanEvent {
        if let Err(e) = save_plan(path, self.plan()) {
            return PlanEvent::Failed(e.to_string());
        }
        self.editor.mark_saved();
        self.path = Some(path.to_owned());
        self.status = Some(format!("Saved {}", path.display()));
        self.clear_autosave();
        PlanEvent::Saved(path.to_owned())
    }

    /// Write the printable PDF (a referral note only after a stop verdict).
    fn export_pdf_to(&mut self, path: &Path, cx: PlanContext) -> PlanEvent {
        // Why the plan's chart: a hand plan prints on the hand chart even with the feet shown.
        let chart = cx.chart_for(self.plan().limb);
        let pdf = match cx.geometry {
            Some(g) if std::ptr::eq(chart, cx.chart) => {
                crate::export::plan_pdf_with(self.plan(), chart, g, cx.library)
            }
            _ => crate::export::plan_pdf(self.plan(), chart, cx.library),
        };
        let written = pdf
            .map_err(|e| e.to_string())
            .and_then(|bytes| crate::save::write_atomic(path, &bytes).map_err(|e| e.to_string()));
        if let Err(e) = written {
            return PlanEvent::Failed(e);
        }
        let referral = !evaluate(&cx.library.rules, self.plan()).allows_treatment();
        // Said once, with the export: letters of the client's initials or notes that no font
        // on this computer has printed as "?".
        let plan = self.plan();
        let mut typed = format!("{} {}", plan.client_initials, plan.notes);
        for step in &plan.steps {
            typed.push(' ');
            typed.push_str(&step.note);
        }
        let missing =
            crate::export::missing_scripts_warning(&crate::export::missing_scripts(&typed));
        self.status = Some(format!(
            "Exported {}{}{}",
            path.display(),
            if referral {
                " (a referral note only: screening says stop)"
            } else {
                ""
            },
            missing.map(|w| format!(". {w}")).unwrap_or_default()
        ));
        PlanEvent::Exported(path.to_owned())
    }

    fn clear_autosave(&mut self) {
        if let Some(a) = &self.autosave {
            a.clear();
        }
        self.autosave_due = None;
    }

    /// Write unsaved work a few seconds after it changes. `now` is any clock in seconds (the
    /// app passes egui's). Returns how long until this wants to be called again, if it does:
    /// an idle plan with nothing unsaved asks for nothing.
    pub fn autosave_tick(&mut self, now: f64) -> Option<f64> {
        let autosave = self.autosave.as_ref()?;
        let plan = self.editor.plan();
        if !self.editor.is_dirty() || self.last_autosaved.as_ref() == Some(plan) {
            self.autosave_due = None;
            return None;
        }
        match self.autosave_due {
            None => {
                self.autosave_due = Some(now + AUTOSAVE_SECONDS);
                Some(AUTOSAVE_SECONDS)
            }
            Some(due) if now >= due => {
                // Why remember the plan even on failure: retrying the same write every few
                // seconds on a full or read-only disk would only repeat the error; the next
                // edit tries again.
                if let Err(e) = autosave.write(plan) {
                    self.status = Some(format!(
                        "Autosave failed ({e}). Your plan is still open: save it with Ctrl+S."
                    ));
                }
                self.last_autosaved = Some(plan.clone());
                self.autosave_due = None;
                None
            }
            Some(due) => Some(due - now),
        }
    }
}

/// "Could not open NAME; the current KIND is unchanged." and the first problems.
pub fn problems_text(name: &str, kind: &str, problems: &Problems) -> String {
    let mut lines: Vec<String> = problems.0.iter().take(8).map(|p| p.to_string()).collect();
    if problems.0.len() > 8 {
        lines.push(format!("… and {} more", problems.0.len() - 8));
    }
    format!(
        "Could not open {name}; the current {kind} is unchanged.\n{}",
        lines.join("\n")
    )
}

/// Which step is open after step `from` moves to `to`: the open step follows itself.
pub fn follow_move(open: Option<usize>, from: usize, to: usize) -> Option<usize> {
    let open = open?;
    Some(if open == from {
        to
    } else if from < to && (from + 1..=to).contains(&open) {
        open - 1
    } else if to < from && (to..from).contains(&open) {
        open + 1
    } else {
        open
    })
}

/// Which step is open after step `removed` is removed: none if it was the open one.
pub fn follow_remove(open: Option<usize>, removed: usize) -> Option<usize> {
    let open = open?;
    match open.cmp(&removed) {
        std::cmp::Ordering::Less => Some(open),
        std::cmp::Ordering::Equal => None,
        std::cmp::Ordering::Greater => Some(open - 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::embedded_content;
    use crate::model::Pressure;

    fn content() -> crate::load::Content {
        embedded_content().expect("embedded content")
    }

    fn cx(c: &crate::load::Content) -> PlanContext<'_> {
        PlanContext {
            chart: &c.chart,
            other: Some(&c.hands),
            library: &c.library,
            geometry: None,
        }
    }

    #[test]
    fn an_export_says_once_which_letters_no_font_here_could_print() {
        let c = crate::load::embedded_content().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut doc = PlanDocument::default();
        doc.apply(PlanCommand::LoadTemplate("home_routine".into()), cx(&c));
        doc.apply(
            PlanCommand::SetMeta(MetaEdit::ClientInitials("प्रिया".into())),
            cx(&c),
        );
        let path = dir.path().join("p.pdf");
        doc.apply(PlanCommand::ExportPdfTo(path.clone()), cx(&c));
        let status = doc.status().unwrap().to_owned();
        assert!(status.starts_with("Exported"), "{status}");
        let missing = crate::export::missing_scripts("प्रिया");
        assert_eq!(
            status.contains("Devanagari"),
            !missing.is_empty(),
            "{status}"
        );
        doc.apply(
            PlanCommand::SetMeta(MetaEdit::ClientInitials("AB".into())),
            cx(&c),
        );
        doc.apply(PlanCommand::ExportPdfTo(path), cx(&c));
        assert!(
            !doc.status().unwrap().contains("font"),
            "Latin letters always print"
        );
    }

    #[test]
    fn the_open_step_follows_moves_and_closes_when_removed() {
        // Moving the open step itself.
        assert_eq!(follow_move(Some(3), 3, 2), Some(2));
        assert_eq!(follow_move(Some(3), 3, 4), Some(4));
        // Another step moving past the open one shifts it.
        assert_eq!(follow_move(Some(3), 4, 3), Some(4));
        assert_eq!(follow_move(Some(3), 2, 3), Some(2));
        assert_eq!(follow_move(Some(3), 0, 5), Some(2));
        assert_eq!(follow_move(Some(3), 6, 1), Some(4));
        // Moves elsewhere leave it alone.
        assert_eq!(follow_move(Some(3), 5, 6), Some(3));
        assert_eq!(follow_move(Some(3), 1, 0), Some(3));
        assert_eq!(follow_move(None, 1, 0), None);
        assert_eq!(follow_remove(Some(3), 3), None);
        assert_eq!(follow_remove(Some(3), 1), Some(2));
        assert_eq!(follow_remove(Some(3), 5), Some(3));
        assert_eq!(follow_remove(None, 0), None);
    }
    #[test]
    fn typing_a_note_is_one_undo_step_and_another_field_starts_a_new_one() {
        let c = content();
        let mut doc = PlanDocument::default();
        doc.apply(
            PlanCommand::LoadTemplate("neuropathy_gentle".into()),
            cx(&c),
        );
        let before = doc.plan().clone();
        for text in ["s", "so", "sof", "soft"] {
            doc.apply(PlanCommand::SetStep(1, StepEdit::Note(text.into())), cx(&c));
        }
        doc.apply(PlanCommand::SetStep(1, StepEdit::Minutes(4.0)), cx(&c));
        assert_eq!(doc.plan().steps[1].note, "soft");
        doc.apply(PlanCommand::Undo, cx(&c));
        assert_eq!(
            doc.plan().steps[1].note,
            "soft",
            "undo takes back the minutes"
        );
        doc.apply(PlanCommand::Undo, cx(&c));
        assert_eq!(
            doc.plan(),
            &before,
            "one more undo takes back the whole note"
        );
    }

    #[test]
    fn each_choice_from_a_list_undoes_on_its_own() {
        let c = content();
        let mut doc = PlanDocument::default();
        doc.apply(
            PlanCommand::LoadTemplate("neuropathy_gentle".into()),
            cx(&c),
        );
        let before = doc.plan().steps[1].pressure;
        for p in [Pressure::Feather, Pressure::Light] {
            doc.apply(PlanCommand::SetStep(1, StepEdit::Pressure(p)), cx(&c));
        }
        doc.apply(PlanCommand::Undo, cx(&c));
        assert_eq!(doc.plan().steps[1].pressure, Pressure::Feather);
        doc.apply(PlanCommand::Undo, cx(&c));
        assert_eq!(doc.plan().steps[1].pressure, before);
    }

    #[test]
    fn typing_again_after_leaving_the_field_is_a_new_undo_step() {
        let c = content();
        let mut doc = PlanDocument::default();
        doc.apply(
            PlanCommand::LoadTemplate("neuropathy_gentle".into()),
            cx(&c),
        );
        let note = |s: &str| PlanCommand::SetStep(1, StepEdit::Note(s.into()));
        doc.apply(note("abc"), cx(&c));
        doc.apply(PlanCommand::EndEdit, cx(&c));
        doc.apply(note("abcdef"), cx(&c));
        doc.apply(PlanCommand::Undo, cx(&c));
        assert_eq!(doc.plan().steps[1].note, "abc");
    }

    #[test]
    fn typing_back_to_where_it_started_leaves_no_undo_step() {
        let c = content();
        let mut doc = PlanDocument::default();
        let initials = |s: &str| PlanCommand::SetMeta(MetaEdit::ClientInitials(s.into()));
        doc.apply(initials("AB"), cx(&c));
        assert!(doc.editor().can_undo());
        doc.apply(initials(""), cx(&c));
        assert!(!doc.editor().can_undo(), "nothing changed, nothing to undo");
        assert!(!doc.is_dirty());
    }

    #[test]
    fn undoing_an_added_step_closes_it_and_opens_no_other() {
        let c = content();
        let mut doc = PlanDocument::default();
        doc.apply(PlanCommand::LoadTemplate("home_routine".into()), cx(&c));
        doc.apply(PlanCommand::AddZone("knee".into(), FootSel::Both), cx(&c));
        assert!(doc.open_step().is_some());
        doc.apply(PlanCommand::Undo, cx(&c));
        assert_eq!(doc.open_step(), None);
    }

    #[test]
    fn adding_a_zone_respects_the_screening_cap_and_opens_the_step() {
        let c = content();
        let mut doc = PlanDocument::default();
        let capped = c
            .library
            .rules
            .iter()
            .find(|r| r.adaptation.pressure_cap.is_some())
            .expect("a rule with a pressure cap");
        let cap = capped.adaptation.pressure_cap.expect("cap");
        doc.apply(
            PlanCommand::SetAnswer(capped.id.clone(), Some(Answer::Yes)),
            cx(&c),
        );
        doc.apply(PlanCommand::AddZone("knee".into(), FootSel::Left), cx(&c));
        let step = &doc.plan().steps[0];
        assert_eq!(step.zone.as_deref(), Some("knee"));
        assert_eq!(step.foot, FootSel::Left);
        assert!(step.pressure <= cap);
        assert_eq!(doc.open_step(), Some(0));
        assert!(doc.status().is_some_and(|s| s.contains("step 1")));
        doc.apply(
            PlanCommand::AddZone("no_such_zone".into(), FootSel::Both),
            cx(&c),
        );
        assert_eq!(doc.plan().steps.len(), 1, "an unknown zone adds nothing");
    }

    #[test]
    fn answering_all_and_clearing_are_one_undo_step_each() {
        let c = content();
        let mut doc = PlanDocument::default();
        doc.apply(PlanCommand::AnswerUnansweredNo, cx(&c));
        assert_eq!(
            doc.plan().screening.len(),
            c.library.rules_for(crate::model::Limb::Foot).count(),
            "every question asked of a foot session, and no hand question"
        );
        doc.apply(PlanCommand::ClearAnswers, cx(&c));
        assert!(doc.plan().screening.is_empty());
        doc.apply(PlanCommand::Undo, cx(&c));
        assert_eq!(
            doc.plan().screening.len(),
            c.library.rules_for(crate::model::Limb::Foot).count(),
            "every question asked of a foot session, and no hand question"
        );
        doc.apply(PlanCommand::Undo, cx(&c));
        assert!(doc.plan().screening.is_empty());
        assert!(!doc.editor().can_undo());
    }

    #[test]
    fn save_open_and_a_broken_file_keep_the_plan() {
        let c = content();
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("a.plan.ron");
        let mut doc = PlanDocument::default();
        doc.apply(PlanCommand::LoadTemplate("home_routine".into()), cx(&c));
        assert!(doc.is_dirty());
        let saved = doc.apply(PlanCommand::SaveTo(file.clone()), cx(&c));
        assert_eq!(saved, Some(PlanEvent::Saved(file.clone())));
        assert!(!doc.is_dirty());
        assert_eq!(doc.path(), Some(file.as_path()));

        let plan = doc.plan().clone();
        let broken = dir.path().join("broken.plan.ron");
        std::fs::write(&broken, "(version: 1, steps: [").expect("write");
        let failed = doc.apply(PlanCommand::OpenFile(broken), cx(&c));
        assert!(matches!(&failed, Some(PlanEvent::Failed(m)) if m.contains("broken.plan.ron:1:")));
        assert_eq!(doc.plan(), &plan, "a broken file changes nothing");

        let mut other = PlanDocument::default();
        let opened = other.apply(PlanCommand::OpenFile(file.clone()), cx(&c));
        assert_eq!(opened, Some(PlanEvent::Opened(file)));
        assert_eq!(other.plan(), &plan);
        assert!(!other.is_dirty());
    }

    #[test]
    fn autosave_waits_writes_once_and_recovers() {
        let c = content();
        let dir = tempfile::tempdir().expect("temp dir");
        let mut doc = PlanDocument::default().with_autosave(Autosave::new(dir.path()));
        assert_eq!(
            doc.autosave_tick(0.0),
            None,
            "nothing unsaved, nothing asked"
        );
        doc.apply(PlanCommand::LoadTemplate("home_routine".into()), cx(&c));
        assert_eq!(doc.autosave_tick(10.0), Some(AUTOSAVE_SECONDS));
        assert_eq!(doc.autosave_tick(12.0), Some(AUTOSAVE_SECONDS - 2.0));
        assert_eq!(doc.autosave_tick(15.0), None, "written");
        assert_eq!(
            doc.autosave_tick(20.0),
            None,
            "the same plan is not written again"
        );

        let mut next = PlanDocument::default().with_autosave(Autosave::new(dir.path()));
        assert_eq!(next.recovery(), Some(doc.plan()));
        assert_eq!(
            next.apply(PlanCommand::RestoreRecovery, cx(&c)),
            Some(PlanEvent::Restored)
        );
        assert!(next.is_dirty(), "recovered work is unsaved work");
        next.apply(PlanCommand::DiscardChanges, cx(&c));
        let third = PlanDocument::default().with_autosave(Autosave::new(dir.path()));
        assert!(
            third.recovery().is_none(),
            "closing without saving clears the autosave"
        );
    }

    #[test]
    fn the_suggested_name_uses_initials_and_date() {
        let c = content();
        let mut doc = PlanDocument::default();
        assert_eq!(doc.suggested_file_name(), "session.plan.ron");
        doc.apply(
            PlanCommand::SetMeta(MetaEdit::ClientInitials("JD".into())),
            cx(&c),
        );
        doc.apply(
            PlanCommand::SetMeta(MetaEdit::Date("2026-12-01".into())),
            cx(&c),
        );
        assert_eq!(doc.suggested_file_name(), "JD-2026-12-01.plan.ron");
    }
}
