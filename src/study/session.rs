//! Study mode's state without egui: the item catalogue, the student's progress and where it is
//! kept, the quiz setup and the quiz under way, "today", and warnings. Views send
//! [`StudyCommand`]s; the app applies them here after the frame.

use crate::geometry::{ChartGeometry, Point};
use crate::model::{Chart, Library};

use super::exam::{Exam, ExamSetup};
use super::label::{LabelBoard, Placed};
use super::progress::{Due, Progress, ProgressStore, today};
use super::quiz::{Question, Quiz, QuizSetup, Response, Sources};
use super::{Drills, Filters, Item, Summary, catalog, summary};
use crate::records::runner::Clock;

/// What the study view (and the map during a locate question) asks of the session.
#[derive(Debug, Clone, PartialEq)]
pub enum StudyCommand {
    /// Choose how the next quiz is built (kind, filters, count, seed).
    SetSetup(QuizSetup),
    /// Build a quiz from the current setup and show its first question.
    Start,
    /// Answer the question on screen.
    Answer(Response),
    /// A click on the question map, in chart coordinates: answers an open locate question.
    Click(Point),
    /// Go on to the next question (or the summary).
    Next,
    /// End the quiz now (answers so far count).
    Stop,
    /// Pick a new seed.
    NewSeed,
    /// Ask again, now, the questions missed in the quiz just finished.
    ReviewMisses,
    /// Hide the progress-file warning.
    DismissWarning,
    /// Start a trouble spot over (box 1, its misses forgotten), by item key.
    ResetItem(String),
    /// Choose how the next exam is built.
    SetExamSetup(ExamSetup),
    /// Start an exam (it replaces a quiz under way, which is recorded as far as it went).
    StartExam,
    /// Hand the exam in now.
    HandIn,
    /// See whether the exam's time is up (the view sends it while a timed exam runs).
    ExamTick,
    /// Practise the questions the exam just finished missed, with feedback.
    ReviewExam,
    /// Leave the exam results.
    CloseExam,
    /// Schedule reviews with Leitner boxes or FSRS (saved with the progress).
    SetSchedule(crate::study::fsrs::Schedule),
    /// Labelling: put the name of target `name_of` on target `on` (a drop, or pick then place).
    Place {
        /// The numbered area the name goes on (index into the board's targets).
        on: usize,
        /// Whose name it is (index into the board's targets).
        name_of: usize,
    },
    /// Labelling: a name dropped on the board's drawing, at a chart-space point.
    DropLabel {
        /// Where it was dropped.
        at: Point,
        /// Whose name it is (index into the board's targets).
        name_of: usize,
    },
    /// Labelling: a typed name for target `on`.
    TypeLabel {
        /// The numbered area (index into the board's targets).
        on: usize,
        /// What was typed.
        text: String,
    },
    /// Print the setup's quiz or worksheet to this PDF file, on this paper.
    PrintTo(
        super::print::StudyPrint,
        std::path::PathBuf,
        crate::plan::Paper,
    ),
    /// Labelling: show the lowest-numbered open area's name (a miss).
    RevealOne,
    /// Labelling: show every open area's name (misses) and end the board.
    RevealAll,
}

/// How many items match the setup, and of those how many are due or new.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Items matching the setup's kind and filters.
    pub matching: usize,
    /// Of those, due today.
    pub due: usize,
    /// Of those, never asked.
    pub new: usize,
}

/// The chart a session's questions are about.
#[derive(Clone, Copy)]
pub struct StudyChart<'a> {
    /// The chart.
    pub chart: &'a Chart,
    /// Its geometry.
    pub geometry: &'a ChartGeometry,
    /// The library (rules, claims, templates).
    pub library: &'a Library,
}

/// Study mode's state.
#[derive(Debug)]
pub struct StudySession {
    drills: Drills,
    items: Vec<Item>,
    progress: Progress,
    store: Option<ProgressStore>,
    setup: QuizSetup,
    quiz: Option<Quiz>,
    /// Today, as days since 1970 (fixed for the session so a quiz stays consistent).
    today: i64,
    warning: Option<String>,
    /// Counts once per change of setup, items or progress, not per frame.
    counts: Counts,
    summary: Summary,
    /// Answers per day, for the review calendar (worked out when the history changes).
    reviews: std::collections::BTreeMap<i64, u32>,
    /// Bumped whenever the question on screen changes, so views can reset their own state.
    question_serial: u64,
    exam_setup: ExamSetup,
    /// The exam under way or just finished; while there is one, it is what the view shows.
    exam: Option<Exam>,
    /// Times exams (a test's fake clock, or the system's).
    clock: Clock,
    /// The labelling board under way or just finished (a Label the chart quiz).
    board: Option<LabelBoard>,
    /// What the last print wrote, until dismissed.
    notice: Option<String>,
}

impl StudySession {
    /// A session over a chart's items with no stored progress. `warning` is shown until
    /// dismissed (e.g. the drills could not be read).
    pub fn new(drills: Drills, chart: StudyChart, warning: Option<String>) -> Self {
        let items = catalog(chart.chart, chart.geometry, chart.library, &drills);
        let mut s = Self {
            drills,
            items,
            progress: Progress::default(),
            store: None,
            setup: QuizSetup::default(),
            quiz: None,
            today: today(),
            warning,
            counts: Counts::default(),
            summary: Summary::default(),
            reviews: Default::default(),
            question_serial: 0,
            exam_setup: ExamSetup::default(),
            exam: None,
            clock: Clock::default(),
            board: None,
            notice: None,
        };
        s.recount();
        s
    }

    /// Time exams with this clock (tests use a fake one).
    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// Seconds on the session's clock.
    pub fn now(&self) -> f64 {
        self.clock.now()
    }

    /// How the next exam is built.
    pub fn exam_setup(&self) -> ExamSetup {
        self.exam_setup
    }

    /// The exam under way or just finished.
    pub fn exam(&self) -> Option<&Exam> {
        self.exam.as_ref()
    }

    /// Keep progress in this store: reads it now (a damaged file is reported, kept aside and
    /// replaced) and saves after every answer.
    pub fn with_store(mut self, store: ProgressStore) -> Self {
        let opened = store.open();
        self.progress = opened.progress;
        if opened.warning.is_some() {
            self.warning = opened.warning;
        }
        self.store = Some(store);
        self.recount();
        self
    }

    /// The drills (safety vignettes and claim statements).
    pub fn drills(&self) -> &Drills {
        &self.drills
    }

    /// Every quiz item for the chart.
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// The student's progress.
    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    /// How the next quiz is chosen.
    pub fn setup(&self) -> QuizSetup {
        self.setup
    }

    /// The quiz under way (or just finished); during an exam, the exam's questions.
    pub fn quiz(&self) -> Option<&Quiz> {
        match &self.exam {
            Some(e) => Some(&e.quiz),
            None => self.quiz.as_ref(),
        }
    }

    /// What the last print wrote ("Wrote quiz.pdf: …"), until dismissed.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// The file name a print suggests.
    pub fn print_name(&self, what: super::print::StudyPrint) -> String {
        match what {
            super::print::StudyPrint::Quiz => format!(
                "reflexmap-quiz-{}-{}.pdf",
                self.setup.kind.key_prefix(),
                self.setup.seed
            ),
            super::print::StudyPrint::Worksheet => {
                let (view, foot) = self.worksheet_of();
                format!(
                    "reflexmap-worksheet-{}-{}.pdf",
                    view.id(),
                    foot.label().to_lowercase()
                )
            }
        }
    }

    fn worksheet_of(&self) -> (crate::model::ViewKind, crate::model::Foot) {
        use crate::model::ViewKind;
        let f = self.setup.filters;
        let asked = |v: ViewKind| self.items.iter().any(|i| i.view == Some(v));
        // Why not always the plantar view: a hand chart has none (its first is the palm).
        let view = f.view.filter(|v| asked(*v)).unwrap_or_else(|| {
            if asked(ViewKind::Plantar) {
                ViewKind::Plantar
            } else {
                self.items
                    .iter()
                    .find_map(|i| i.view)
                    .unwrap_or(ViewKind::Plantar)
            }
        });
        (view, f.foot.unwrap_or(crate::model::Foot::Left))
    }

    /// Write the quiz or worksheet; the outcome is the notice, or the warning.
    fn print_to(
        &mut self,
        what: super::print::StudyPrint,
        path: &std::path::Path,
        paper: crate::plan::Paper,
        chart: StudyChart,
    ) {
        use super::print::{StudyPrint, printable};
        let built = match what {
            StudyPrint::Quiz => {
                let items: Vec<Item> = self
                    .items
                    .iter()
                    .filter(|i| self.setup.filters.accepts(i))
                    .cloned()
                    .collect();
                let questions = printable(
                    &items,
                    &[self.setup.kind],
                    self.setup.count,
                    self.setup.seed,
                    self.sources(chart),
                );
                let n = questions.len();
                crate::export::quiz_pdf(chart.chart, chart.geometry, &questions, paper)
                    .map(|b| (b, format!("{n} questions and the answers on the last page")))
            }
            StudyPrint::Worksheet => {
                let (view, foot) = self.worksheet_of();
                let n = crate::export::worksheet_areas(chart.geometry, view, foot).len();
                crate::export::worksheet_pdf(chart.chart, chart.geometry, view, foot, paper)
                    .map(|b| (b, format!("{n} numbered areas and the answer key")))
            }
        };
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        match built.map_err(|e| e.to_string()).and_then(|(bytes, what)| {
            crate::save::write_atomic(path, &bytes)
                .map(|()| what)
                .map_err(|e| e.to_string())
        }) {
            Ok(what) => {
                self.notice = Some(format!("Wrote {name}: {what}."));
            }
            Err(e) => {
                self.notice = None;
                self.warning = Some(format!("Could not print {name}: {e}"));
            }
        }
    }

    /// The labelling board under way or just finished.
    pub fn board(&self) -> Option<&LabelBoard> {
        self.board.as_ref()
    }

    /// Today, as days since 1970.
    pub fn today(&self) -> i64 {
        self.today
    }

    /// A problem with the progress file or the drills, while shown.
    pub fn warning(&self) -> Option<&str> {
        self.warning.as_deref()
    }

    /// Items matching the setup, due and new.
    pub fn counts(&self) -> Counts {
        self.counts
    }

    /// Answers per day, oldest first (the review calendar).
    pub fn reviews(&self) -> &std::collections::BTreeMap<i64, u32> {
        &self.reviews
    }

    /// Progress over the whole catalogue.
    pub fn summary(&self) -> &Summary {
        &self.summary
    }

    /// Changes whenever the question on screen changes.
    pub fn question_serial(&self) -> u64 {
        self.question_serial
    }

    /// Everything a question needs to look up.
    pub fn sources<'a>(&'a self, chart: StudyChart<'a>) -> Sources<'a> {
        Sources {
            chart: chart.chart,
            geometry: chart.geometry,
            library: chart.library,
            drills: &self.drills,
        }
    }

    /// Whether the question on screen is an unanswered locate question (the map takes
    /// clicks as answers).
    pub fn awaits_click(&self) -> bool {
        // Why the accessor: during an exam its questions are the ones on screen.
        self.quiz().is_some_and(|q| {
            q.current_outcome().is_none()
                && matches!(
                    q.current().map(|a| &a.question),
                    Some(Question::Locate { .. })
                )
        })
    }

    /// A new chart: zone indices change, so rebuild the items and end a running quiz.
    pub fn chart_changed(&mut self, chart: StudyChart) {
        self.exam = None;
        self.items = catalog(chart.chart, chart.geometry, chart.library, &self.drills);
        // A view filter the new chart does not have would match nothing.
        if let Some(v) = self.setup.filters.view
            && chart.chart.view(v).is_none()
        {
            self.setup.filters.view = None;
        }
        self.end_quiz();
        self.recount();
    }

    /// Apply a command.
    pub fn apply(&mut self, command: StudyCommand, chart: StudyChart) {
        match command {
            StudyCommand::SetSetup(setup) => {
                self.setup = setup;
                self.recount();
            }
            StudyCommand::Start if self.setup.kind == super::QuizKind::Label => {
                self.exam = None;
                self.end_quiz();
                self.board = LabelBoard::build(
                    self.setup,
                    &self.items,
                    &self.progress,
                    self.today,
                    self.sources(chart),
                );
                if self.board.is_none() {
                    self.warning = Some(
                        "No chart areas match these filters: choose another view, foot or body \
                         system."
                            .to_owned(),
                    );
                }
            }
            StudyCommand::Place { on, name_of } => {
                let (today, progress) = (self.today, &mut self.progress);
                if let Some(b) = &mut self.board {
                    let placed = b.place(on, name_of, chart.chart, progress, today);
                    self.after_label(placed);
                }
            }
            StudyCommand::DropLabel { at, name_of } => {
                let on = self
                    .board
                    .as_ref()
                    .and_then(|b| b.target_at(chart.geometry.get(b.view, b.feet()), at));
                if let Some(on) = on {
                    self.apply(StudyCommand::Place { on, name_of }, chart);
                }
            }
            StudyCommand::TypeLabel { on, text } => {
                let (today, progress) = (self.today, &mut self.progress);
                if let Some(b) = &mut self.board {
                    let placed = b.type_in(on, &text, chart.chart, progress, today);
                    self.after_label(placed);
                }
            }
            StudyCommand::RevealOne => {
                let (today, progress) = (self.today, &mut self.progress);
                if let Some(b) = self.board.as_mut().filter(|b| !b.finished()) {
                    b.reveal_one(progress, today);
                    self.after_label(Placed::Wrong);
                }
            }
            StudyCommand::RevealAll => {
                let (today, progress) = (self.today, &mut self.progress);
                if let Some(b) = self.board.as_mut().filter(|b| !b.finished()) {
                    b.reveal_all(progress, today);
                    self.after_label(Placed::Wrong);
                }
            }
            StudyCommand::Start => {
                self.exam = None;
                self.end_quiz();
                let quiz = Quiz::build(
                    self.setup,
                    &self.items,
                    &self.progress,
                    self.today,
                    self.sources(chart),
                );
                self.show_quiz(quiz);
            }
            StudyCommand::Click(p) => {
                if self.awaits_click() {
                    self.apply(StudyCommand::Answer(Response::Click(p)), chart);
                }
            }
            StudyCommand::Answer(response) if self.exam.is_some() => {
                let now = self.clock.now();
                let src = Sources {
                    chart: chart.chart,
                    geometry: chart.geometry,
                    library: chart.library,
                    drills: &self.drills,
                };
                if let Some(exam) = &mut self.exam
                    && exam.answer(response, now, src)
                    && !exam.practice
                {
                    self.question_serial += 1;
                }
            }
            StudyCommand::Next if self.exam.is_some() => {
                if let Some(exam) = &mut self.exam {
                    exam.next();
                }
                self.question_serial += 1;
            }
            StudyCommand::Stop | StudyCommand::HandIn if self.exam.is_some() => {
                if let Some(exam) = &mut self.exam {
                    exam.hand_in();
                }
                self.question_serial += 1;
            }
            StudyCommand::HandIn => {}
            StudyCommand::Answer(response) => {
                let src = Sources {
                    chart: chart.chart,
                    geometry: chart.geometry,
                    library: chart.library,
                    drills: &self.drills,
                };
                let Some(quiz) = &mut self.quiz else {
                    return;
                };
                if quiz
                    .answer(response, &mut self.progress, self.today, src)
                    .is_some()
                {
                    self.save_progress();
                    self.recount();
                }
            }
            StudyCommand::Next => {
                let Some(quiz) = &mut self.quiz else {
                    return;
                };
                let before = quiz.finished();
                if quiz.advance() && !before {
                    let record = quiz.record(self.today);
                    self.record_quiz(record);
                }
                self.question_serial += 1;
            }
            StudyCommand::Stop => {
                self.end_quiz();
                self.question_serial += 1;
            }
            StudyCommand::NewSeed => {
                self.setup.seed = fresh_seed(self.setup.seed);
            }
            StudyCommand::ReviewMisses => self.review_misses(chart),
            StudyCommand::DismissWarning => {
                self.warning = None;
                self.notice = None;
            }
            StudyCommand::PrintTo(what, path, paper) => self.print_to(what, &path, paper, chart),
            StudyCommand::SetExamSetup(setup) => self.exam_setup = setup,
            StudyCommand::SetSchedule(schedule) => {
                self.progress.schedule = schedule;
                self.save_progress();
                self.recount();
            }
            StudyCommand::StartExam => {
                self.end_quiz();
                let exam = Exam::build(
                    self.exam_setup,
                    &self.items,
                    self.clock.now(),
                    self.sources(chart),
                );
                self.exam = Some(exam);
                self.question_serial += 1;
            }
            StudyCommand::ExamTick => {
                let now = self.clock.now();
                if let Some(exam) = &mut self.exam
                    && exam.tick(now)
                {
                    self.question_serial += 1;
                }
            }
            StudyCommand::ReviewExam => {
                let now = self.clock.now();
                let review = self
                    .exam
                    .as_ref()
                    .and_then(|e| e.review(&self.items, now, self.sources(chart)));
                if let Some(r) = review {
                    self.exam = Some(r);
                    self.question_serial += 1;
                }
            }
            StudyCommand::CloseExam => {
                self.exam = None;
                self.question_serial += 1;
            }
            StudyCommand::ResetItem(key) => {
                self.progress.reset(&key, self.today);
                self.save_progress();
                self.recount();
            }
        }
    }

    /// The trouble spots among this chart's items, most missed first (see
    /// [`crate::study::progress::LEECH_MISSES`]).
    pub fn trouble_spots(&self) -> Vec<(&Item, crate::study::ItemState)> {
        self.progress
            .leeches()
            .into_iter()
            .filter_map(|(key, state)| self.items.iter().find(|i| i.key == key).map(|i| (i, state)))
            .collect()
    }

    fn review_misses(&mut self, chart: StudyChart) {
        let Some(done) = &self.quiz else {
            return;
        };
        let missed: Vec<&str> = done
            .questions
            .iter()
            .zip(&done.outcomes)
            .filter(|(_, o)| !o.right)
            .map(|(a, _)| a.key.as_str())
            .collect();
        let items: Vec<Item> = self
            .items
            .iter()
            .filter(|i| missed.contains(&i.key.as_str()))
            .cloned()
            .collect();
        let setup = QuizSetup {
            filters: Filters::default(),
            count: items.len(),
            ..done.setup
        };
        let quiz = Quiz::build(
            setup,
            &items,
            &self.progress,
            self.today,
            self.sources(chart),
        );
        self.show_quiz(quiz);
    }

    /// After a try or a reveal: save, recount, and record a board that just finished.
    fn after_label(&mut self, placed: Placed) {
        if placed == Placed::Ignored {
            return;
        }
        self.question_serial += 1;
        let record = self
            .board
            .as_ref()
            .filter(|b| b.finished())
            .and_then(|b| b.record(self.today));
        match record {
            Some(r) => self.record_quiz(Some(r)),
            None => self.save_progress(),
        }
        self.recount();
    }

    fn show_quiz(&mut self, quiz: Quiz) {
        self.quiz = Some(quiz);
        self.question_serial += 1;
    }

    /// Drop the quiz or board; an unfinished one is recorded with the answers so far.
    fn end_quiz(&mut self) {
        if let Some(b) = self.board.take()
            && !b.finished()
        {
            let record = b.record(self.today);
            self.record_quiz(record);
        }
        if let Some(q) = self.quiz.take()
            && !q.finished()
        {
            let record = q.record(self.today);
            self.record_quiz(record);
        }
        self.question_serial += 1;
    }

    fn record_quiz(&mut self, record: Option<super::QuizRecord>) {
        if let Some(r) = record {
            self.progress.history.push(r);
            self.reviews = super::progress::reviews_by_day(&self.progress);
        }
        self.save_progress();
    }

    fn save_progress(&mut self) {
        if let Some(store) = &self.store
            && let Err(e) = store.save(&self.progress)
        {
            self.warning = Some(format!("Could not save your study progress: {e}"));
        }
    }

    fn recount(&mut self) {
        self.reviews = super::progress::reviews_by_day(&self.progress);
        let setup = self.setup;
        let mut counts = Counts::default();
        for item in self
            .items
            .iter()
            .filter(|i| i.kind == setup.kind && setup.filters.accepts(i))
        {
            counts.matching += 1;
            match self.progress.due(&item.key, self.today) {
                Due::Due => counts.due += 1,
                Due::New => counts.new += 1,
                Due::Later => {}
            }
        }
        self.counts = counts;
        self.summary = summary(&self.items, &self.progress, self.today);
    }
}

/// A short, human-friendly seed that differs from the last one.
pub fn fresh_seed(previous: u64) -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::from(d.subsec_nanos()) ^ d.as_secs());
    let mut rng = super::rng::Rng::new(nanos ^ previous.rotate_left(17));
    loop {
        let seed = rng.next_u64() % 1_000_000;
        if seed != previous {
            return seed;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::embedded_content;
    use crate::study::{QuizKind, embedded_drills};

    struct World {
        content: crate::load::Content,
        geometry: ChartGeometry,
    }

    impl World {
        fn new() -> Self {
            let content = embedded_content().expect("content");
            let geometry = ChartGeometry::new(&content.chart);
            Self { content, geometry }
        }
        fn chart(&self) -> StudyChart<'_> {
            StudyChart {
                chart: &self.content.chart,
                geometry: &self.geometry,
                library: &self.content.library,
            }
        }
        fn session(&self) -> StudySession {
            let drills = embedded_drills(&self.content.library).expect("drills");
            StudySession::new(drills, self.chart(), None)
        }
    }

    #[test]
    fn a_quiz_runs_from_start_to_record_and_counts_follow() {
        let w = World::new();
        let mut s = w.session();
        let setup = QuizSetup {
            kind: QuizKind::Safety,
            count: 3,
            seed: 7,
            ..QuizSetup::default()
        };
        s.apply(StudyCommand::SetSetup(setup), w.chart());
        let new_before = s.counts().new;
        assert!(new_before >= 3);
        let serial = s.question_serial();
        s.apply(StudyCommand::Start, w.chart());
        assert!(s.question_serial() > serial, "a new question is announced");
        assert!(!s.awaits_click(), "a safety question takes no clicks");
        for _ in 0..3 {
            s.apply(StudyCommand::Answer(Response::Choice(0)), w.chart());
            s.apply(StudyCommand::Next, w.chart());
        }
        assert!(s.quiz().is_some_and(Quiz::finished));
        assert_eq!(
            s.progress().history.len(),
            1,
            "a finished quiz is recorded once"
        );
        assert_eq!(
            s.counts().new,
            new_before - 3,
            "answered items are no longer new"
        );
    }

    #[test]
    fn an_exam_takes_clicks_on_its_locate_questions_and_leaves_progress_alone() {
        let w = World::new();
        let mut s = w.session();
        s.apply(
            StudyCommand::SetExamSetup(crate::study::exam::ExamSetup {
                count: 30,
                minutes: None,
                ..Default::default()
            }),
            w.chart(),
        );
        s.apply(StudyCommand::StartExam, w.chart());
        let mut clicked = 0;
        while let Some(asked) = s.quiz().and_then(Quiz::current).cloned() {
            let right = crate::study::quiz::right_response(&asked.question, s.sources(w.chart()));
            match right {
                Response::Click(p) => {
                    assert!(s.awaits_click(), "an exam's locate question takes a click");
                    s.apply(StudyCommand::Click(p), w.chart());
                    clicked += 1;
                }
                r => s.apply(StudyCommand::Answer(r), w.chart()),
            }
        }
        assert!(clicked > 0, "thirty mixed questions include a locate one");
        let exam = s.exam().expect("the exam");
        assert_eq!(
            exam.score().right,
            30,
            "every answer, clicks too, was marked right"
        );
        assert!(s.progress().items.is_empty(), "the schedule is untouched");
    }

    #[test]
    fn a_click_answers_only_an_open_locate_question() {
        let w = World::new();
        let mut s = w.session();
        s.apply(
            StudyCommand::SetSetup(QuizSetup {
                kind: QuizKind::Locate,
                count: 3,
                seed: 3,
                ..QuizSetup::default()
            }),
            w.chart(),
        );
        s.apply(StudyCommand::Click(Point { x: 0.5, y: 0.5 }), w.chart());
        assert!(s.quiz().is_none(), "no quiz, nothing to answer");
        s.apply(StudyCommand::Start, w.chart());
        assert!(s.awaits_click());
        s.apply(StudyCommand::Click(Point { x: -9.0, y: -9.0 }), w.chart());
        let quiz = s.quiz().expect("quiz");
        assert_eq!(quiz.outcomes.len(), 1);
        assert!(!quiz.outcomes[0].right, "a click off the foot is a miss");
        assert!(
            !s.awaits_click(),
            "an answered question takes no more clicks"
        );
        s.apply(StudyCommand::Click(Point { x: 0.5, y: 0.5 }), w.chart());
        assert_eq!(s.quiz().expect("quiz").outcomes.len(), 1);
    }

    #[test]
    fn stopping_early_records_the_answers_so_far_and_progress_is_saved() {
        let w = World::new();
        let dir = tempfile::tempdir().expect("temp dir");
        let mut s = w.session().with_store(ProgressStore::new(dir.path()));
        s.apply(
            StudyCommand::SetSetup(QuizSetup {
                kind: QuizKind::Claim,
                count: 5,
                seed: 11,
                ..QuizSetup::default()
            }),
            w.chart(),
        );
        s.apply(StudyCommand::Start, w.chart());
        s.apply(StudyCommand::Answer(Response::Choice(1)), w.chart());
        s.apply(StudyCommand::Stop, w.chart());
        assert!(s.quiz().is_none());
        assert_eq!(s.progress().history.len(), 1);
        let again = w.session().with_store(ProgressStore::new(dir.path()));
        assert_eq!(
            again.progress(),
            s.progress(),
            "progress survives a restart"
        );
        assert!(again.warning().is_none());
    }

    #[test]
    fn a_new_seed_differs() {
        let w = World::new();
        let mut s = w.session();
        let seed = s.setup().seed;
        s.apply(StudyCommand::NewSeed, w.chart());
        assert_ne!(s.setup().seed, seed);
    }
}
