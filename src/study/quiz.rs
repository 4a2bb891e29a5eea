//! Building a quiz from a seed and checking answers. Pure logic: the UI only shows questions
//! and hands back responses.

use super::drills::Drills;
use super::items::{Filters, Item, QuizKind, Subject};
use super::progress::{Due, Progress, QuizRecord};
use super::rng::Rng;
use crate::geometry::{ChartGeometry, Point, ViewGeometry, distance_to_boundary, point_in_polygon};
use crate::model::{Action, Chart, Foot, FootSel, Grade, Library, TemplateStep, ViewKind, ZoneIdx};

/// The safety drill's answers, in the order they are offered (keys 1–5).
pub const ACTIONS: [Action; 5] = [
    Action::Proceed,
    Action::Adapt,
    Action::Defer,
    Action::MedicalClearance,
    Action::StopAndRefer,
];

/// How a quiz is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct QuizSetup {
    /// Which quiz.
    pub kind: QuizKind,
    /// Which items.
    pub filters: Filters,
    /// How many questions at most.
    pub count: usize,
    /// The seed: the same seed, filters and progress give the same quiz.
    pub seed: u64,
}

impl Default for QuizSetup {
    fn default() -> Self {
        Self {
            kind: QuizKind::Locate,
            filters: Filters::default(),
            count: 10,
            seed: 1,
        }
    }
}

/// One question, with what is needed to show and check it.
#[derive(Debug, Clone, PartialEq)]
pub enum Question {
    /// Click this zone on this foot.
    Locate {
        /// Zone index.
        zone: ZoneIdx,
        /// View to show.
        view: ViewKind,
        /// Foot to click on.
        foot: Foot,
    },
    /// Name the highlighted zone.
    Name {
        /// Zone index (the right answer).
        zone: ZoneIdx,
        /// View to show.
        view: ViewKind,
        /// Foot it is highlighted on.
        foot: Foot,
        /// Four zone indices, in the order offered.
        options: Vec<ZoneIdx>,
    },
    /// Order these template steps.
    Sequence {
        /// Template index.
        template: usize,
        /// First step of the run.
        start: usize,
        /// The run's step indices (into the template) in the order first shown.
        shown: Vec<usize>,
    },
    /// What to do for this client.
    Safety {
        /// Vignette index.
        vignette: usize,
    },
    /// Grade this statement.
    Claim {
        /// Statement index.
        statement: usize,
    },
    /// Name the guide line highlighted on the chart.
    Guide {
        /// Guide index in the chart (the right answer).
        guide: usize,
        /// The view shown (both feet).
        view: ViewKind,
        /// Guide indices offered, in order (two to four).
        options: Vec<usize>,
    },
    /// A longitudinal-zone fact, answered from its own choices.
    ZoneFact {
        /// Index in [`super::lines::ZONE_FACTS`].
        fact: usize,
    },
}

/// A question and the item it trains.
#[derive(Debug, Clone, PartialEq)]
pub struct Asked {
    /// The item's key in the progress file.
    pub key: String,
    /// The question.
    pub question: Question,
}

/// A student's answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Response {
    /// A click on the map, in chart coordinates.
    Click(Point),
    /// The index of a chosen option.
    Choice(usize),
    /// Template step indices in the order the student put them.
    Order(Vec<usize>),
}

/// A checked answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Whether it was right.
    pub right: bool,
    /// What the student answered.
    pub response: Response,
}

/// Everything a quiz needs to look up.
#[derive(Clone, Copy)]
pub struct Sources<'a> {
    /// The chart.
    pub chart: &'a Chart,
    /// Its geometry.
    pub geometry: &'a ChartGeometry,
    /// The library.
    pub library: &'a Library,
    /// The drills.
    pub drills: &'a Drills,
}

/// A quiz in progress.
#[derive(Debug, Clone, PartialEq)]
pub struct Quiz {
    /// How it was chosen.
    pub setup: QuizSetup,
    /// The questions, in order.
    pub questions: Vec<Asked>,
    /// Answers so far (the first `outcomes.len()` questions).
    pub outcomes: Vec<Outcome>,
    /// The question on screen.
    pub position: usize,
    /// How many of the chosen items were due, and how many new, when it was built.
    pub due_and_new: (usize, usize),
}

impl Quiz {
    /// Build a quiz: due items first, then new ones, then the rest; ties broken by the seed.
    pub fn build(
        setup: QuizSetup,
        items: &[Item],
        progress: &Progress,
        today: i64,
        src: Sources,
    ) -> Quiz {
        let mut rng = Rng::new(setup.seed);
        let mut pool = by_schedule(items, setup, progress, today, &mut rng);
        pool.truncate(setup.count.max(1));
        let due_and_new = (
            pool.iter().filter(|p| p.0 == Due::Due).count(),
            pool.iter().filter(|p| p.0 == Due::New).count(),
        );
        let questions = pool
            .into_iter()
            .map(|(_, item)| Asked {
                key: item.key.clone(),
                question: question_for(item, &mut rng, src),
            })
            .collect();
        Quiz {
            setup,
            questions,
            outcomes: Vec::new(),
            position: 0,
            due_and_new,
        }
    }

    /// The question on screen, unless the quiz is over.
    pub fn current(&self) -> Option<&Asked> {
        self.questions.get(self.position)
    }

    /// The outcome of the question on screen, once answered.
    pub fn current_outcome(&self) -> Option<&Outcome> {
        self.outcomes.get(self.position)
    }

    /// Whether every question has been shown and the summary is up.
    pub fn finished(&self) -> bool {
        self.position >= self.questions.len()
    }

    /// Right answers so far.
    pub fn right(&self) -> usize {
        self.outcomes.iter().filter(|o| o.right).count()
    }

    /// Answer the question on screen (once): checks it, updates the item's box and returns the
    /// outcome. `None` when there is no open question.
    pub fn answer(
        &mut self,
        response: Response,
        progress: &mut Progress,
        today: i64,
        src: Sources,
    ) -> Option<&Outcome> {
        let asked = self.questions.get(self.position)?;
        if self.outcomes.len() != self.position {
            return None;
        }
        let right = check(&asked.question, &response, src);
        progress.record(&asked.key, right, today);
        self.outcomes.push(Outcome { right, response });
        self.outcomes.last()
    }

    /// Move on after an answer. Returns true when that finished the quiz.
    pub fn advance(&mut self) -> bool {
        if self.outcomes.len() > self.position {
            self.position += 1;
        }
        self.finished()
    }

    /// The record for the score history (None when nothing was answered).
    pub fn record(&self, today: i64) -> Option<QuizRecord> {
        (!self.outcomes.is_empty()).then(|| QuizRecord {
            day: today,
            kind: self.setup.kind,
            seed: self.setup.seed,
            right: self.right() as u32,
            answered: self.outcomes.len() as u32,
        })
    }
}

/// The items of the setup's kind that pass its filters, in the order a quiz asks them: due
/// first, then new, then the rest; lower boxes and longer-unseen items first; ties broken by
/// the seed's generator.
pub(crate) fn by_schedule<'a>(
    items: &'a [Item],
    setup: QuizSetup,
    progress: &Progress,
    today: i64,
    rng: &mut Rng,
) -> Vec<(Due, &'a Item)> {
    let mut pool: Vec<(Due, u8, i64, u64, &Item)> = items
        .iter()
        .filter(|i| i.kind == setup.kind && setup.filters.accepts(i))
        .map(|i| {
            let state = progress.items.get(&i.key);
            (
                progress.due(&i.key, today),
                state.map_or(0, |s| s.leitner_box),
                state.map_or(0, |s| s.last_day),
                rng.next_u64(),
                i,
            )
        })
        .collect();
    pool.sort_by_key(|(due, b, day, r, _)| (*due, *b, *day, *r));
    pool.into_iter().map(|(due, .., i)| (due, i)).collect()
}

/// The feet a chart question shows. Plantar and dorsal show both, so telling left from right
/// is part of the question; the side views show only the asked foot, because side by side the
/// two would be drawn at half the size.
pub fn shown_feet(view: ViewKind, foot: Foot) -> FootSel {
    match (view.is_side(), foot) {
        (false, _) => FootSel::Both,
        (true, Foot::Left) => FootSel::Left,
        (true, Foot::Right) => FootSel::Right,
    }
}

/// The words for one template step in the sequence quiz.
pub fn step_label(step: &TemplateStep, chart: &Chart) -> String {
    let name = step.display_name(chart);
    match step.foot {
        FootSel::Both => name,
        f => format!("{name} ({})", f.label().to_lowercase()),
    }
}

pub(crate) fn question_for(item: &Item, rng: &mut Rng, src: Sources) -> Question {
    match item.subject {
        Subject::Zone { zone, view, foot } => match item.kind {
            QuizKind::Name => Question::Name {
                zone,
                view,
                foot,
                options: name_options(zone, view, foot, rng, src),
            },
            _ => Question::Locate { zone, view, foot },
        },
        Subject::Steps {
            template,
            start,
            len,
        } => {
            let steps = &src.library.templates[template].steps;
            let labels = |order: &[usize]| -> Vec<String> {
                order
                    .iter()
                    .map(|i| step_label(&steps[*i], src.chart))
                    .collect()
            };
            let right: Vec<usize> = (start..start + len).collect();
            let mut shown = right.clone();
            // Why the loop: a shuffle that happens to leave the run in order asks nothing.
            for _ in 0..16 {
                rng.shuffle(&mut shown);
                if labels(&shown) != labels(&right) {
                    break;
                }
            }
            Question::Sequence {
                template,
                start,
                shown,
            }
        }
        Subject::Guide { guide, view } => {
            // The right line and up to three others drawn on the same view, in seeded order.
            let mut others: Vec<usize> = (0..src.chart.guides.len())
                .filter(|g| {
                    *g != guide && src.chart.guides[*g].paths.iter().any(|p| p.view == view)
                })
                .collect();
            rng.shuffle(&mut others);
            others.truncate(3);
            others.push(guide);
            rng.shuffle(&mut others);
            Question::Guide {
                guide,
                view,
                options: others,
            }
        }
        Subject::ZoneFact(fact) => Question::ZoneFact { fact },
        Subject::Vignette(vignette) => Question::Safety { vignette },
        Subject::Statement(statement) => Question::Claim { statement },
    }
}

/// Four names for a highlighted zone: the zone and three others on the same view and foot,
/// chosen among its nearest neighbours so the choice takes knowing the chart.
fn name_options(
    zone: ZoneIdx,
    view: ViewKind,
    foot: Foot,
    rng: &mut Rng,
    src: Sources,
) -> Vec<ZoneIdx> {
    let geo = src.geometry.get(view, shown_feet(view, foot));
    let here = geo
        .pieces
        .iter()
        .filter(|p| p.zone == zone && p.foot == foot)
        .max_by(|a, b| a.area.total_cmp(&b.area))
        .map_or(Point::new(0.0, 0.0), |p| p.anchor);
    let name = &src.chart.zone_at(zone).name;
    let mut others: Vec<(f32, ZoneIdx)> = Vec::new();
    for p in &geo.pieces {
        let other = &src.chart.zone_at(p.zone);
        if p.zone == zone || other.name == *name || others.iter().any(|(_, z)| *z == p.zone) {
            continue;
        }
        let d = (p.anchor.x - here.x).hypot(p.anchor.y - here.y)
            + if p.foot == foot { 0.0 } else { 1000.0 };
        others.push((d, p.zone));
    }
    others.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut near: Vec<ZoneIdx> = others.iter().take(5).map(|(_, z)| *z).collect();
    rng.shuffle(&mut near);
    let mut options = vec![zone];
    options.extend(near.into_iter().take(3));
    rng.shuffle(&mut options);
    options
}

/// Whether a response answers a question rightly.
pub fn check(question: &Question, response: &Response, src: Sources) -> bool {
    match (question, response) {
        (Question::Locate { zone, view, foot }, Response::Click(p)) => {
            let geo = src.geometry.get(*view, shown_feet(*view, *foot));
            geo.pieces
                .iter()
                .filter(|piece| piece.zone == *zone && piece.foot == *foot)
                .any(|piece| {
                    (piece.bbox.contains(*p) && point_in_polygon(*p, &piece.poly))
                        || (is_tiny(piece)
                            && distance_to_boundary(*p, &piece.poly) <= TINY_TOLERANCE)
                })
        }
        // A locate question asked as choose-from-four (its area too small to click).
        (Question::Locate { zone, view, foot }, Response::Choice(i)) => {
            locate_choices(*zone, *view, *foot, src).get(*i) == Some(zone)
        }
        (Question::Name { zone, options, .. }, Response::Choice(i)) => {
            options.get(*i) == Some(zone)
        }
        (
            Question::Sequence {
                template, start, ..
            },
            Response::Order(order),
        ) => {
            let steps = &src.library.templates[*template].steps;
            let len = order.len();
            let mut sorted = order.clone();
            sorted.sort_unstable();
            if sorted != (*start..*start + len).collect::<Vec<_>>() {
                return false;
            }
            // Steps with the same words are interchangeable.
            order
                .iter()
                .zip(*start..*start + len)
                .all(|(a, b)| step_label(&steps[*a], src.chart) == step_label(&steps[b], src.chart))
        }
        (Question::Safety { vignette }, Response::Choice(i)) => {
            let right = src.drills.vignettes[*vignette].action(src.library);
            ACTIONS.get(*i) == Some(&right)
        }
        (Question::Claim { statement }, Response::Choice(i)) => {
            let claim = &src.drills.statements[*statement].claim;
            let right = src.library.claim(claim).map(|c| c.grade);
            Grade::ALL.get(*i).copied() == right
        }
        (Question::Guide { guide, options, .. }, Response::Choice(i)) => {
            options.get(*i) == Some(guide)
        }
        (Question::ZoneFact { fact }, Response::Choice(i)) => super::lines::ZONE_FACTS
            .get(*fact)
            .is_some_and(|f| f.right == *i),
        _ => false,
    }
}

/// A zone piece this small (its longer side, in foot lengths: 4 %, about 1 cm on an adult foot
/// and about 20 px at the quiz map's usual fit) is hard to hit with a pointer, so a click just
/// outside it still counts.
pub const TINY_SIZE: f32 = 0.04;

/// How far outside a tiny zone a click may land and count: 1.2 % of the foot's length, about
/// 3 mm on the foot and 6–7 px at the usual fit — the slip of a pointer or a fingertip, not
/// enough to reach a neighbouring area's middle.
pub const TINY_TOLERANCE: f32 = 0.012;

/// A locate question's area drawn smaller than this on screen is asked as choose-from-four
/// instead: 24 px is the smallest pointer target WCAG 2.2 accepts (success criterion 2.5.8,
/// Target Size (Minimum), 24 × 24 CSS px). The size is the area's longer side on that foot, with
/// the [`TINY_TOLERANCE`] ring counted for a tiny area, at the map's current zoom — so zooming
/// in makes it a click question again.
pub const SMALL_TARGET_PX: f32 = 24.0;

/// How large a click target a zone on one foot makes at this scale (screen px per chart unit):
/// its largest piece's longer side, plus the tolerance ring on both sides when it is tiny.
pub fn click_target_px(geo: &ViewGeometry, zone: ZoneIdx, foot: Foot, scale: f32) -> f32 {
    geo.pieces
        .iter()
        .filter(|p| p.zone == zone && p.foot == foot)
        .map(|p| {
            let side = p.bbox.width().max(p.bbox.height());
            let ring = if is_tiny(p) {
                2.0 * TINY_TOLERANCE
            } else {
                0.0
            };
            (side + ring) * scale
        })
        .fold(0.0, f32::max)
}

/// The four areas a too-small locate question offers: the asked zone and its three nearest
/// neighbours on that foot, in an order fixed by the question (the same every time it is
/// asked, so the numbers on the chart and the check agree).
pub fn locate_choices(zone: ZoneIdx, view: ViewKind, foot: Foot, src: Sources) -> Vec<ZoneIdx> {
    let seed = (zone.index() as u64) << 8 | u64::from(view.index()) << 1 | foot as u64;
    name_options(zone, view, foot, &mut Rng::new(seed ^ 0x5eed_4c0c), src)
}

/// Whether a zone piece counts as tiny for [`check`].
pub fn is_tiny(piece: &crate::geometry::ZonePiece) -> bool {
    piece.bbox.width().max(piece.bbox.height()) < TINY_SIZE
}

/// The right response to a question (for feedback and tests).
pub fn right_response(question: &Question, src: Sources) -> Response {
    match question {
        Question::Locate { zone, view, foot } => {
            let geo = src.geometry.get(*view, shown_feet(*view, *foot));
            let anchor = geo
                .pieces
                .iter()
                .filter(|p| p.zone == *zone && p.foot == *foot)
                .max_by(|a, b| a.area.total_cmp(&b.area))
                .map_or(Point::new(0.0, 0.0), |p| p.anchor);
            Response::Click(anchor)
        }
        Question::Name { zone, options, .. } => {
            Response::Choice(options.iter().position(|z| z == zone).unwrap_or(0))
        }
        Question::Sequence { start, shown, .. } => {
            Response::Order((*start..*start + shown.len()).collect())
        }
        Question::Safety { vignette } => {
            let right = src.drills.vignettes[*vignette].action(src.library);
            Response::Choice(ACTIONS.iter().position(|a| *a == right).unwrap_or(0))
        }
        Question::Claim { statement } => {
            let claim = &src.drills.statements[*statement].claim;
            let grade = src.library.claim(claim).map(|c| c.grade);
            Response::Choice(
                Grade::ALL
                    .iter()
                    .position(|g| Some(*g) == grade)
                    .unwrap_or(0),
            )
        }
        Question::Guide { guide, options, .. } => {
            Response::Choice(options.iter().position(|g| g == guide).unwrap_or(0))
        }
        Question::ZoneFact { fact } => {
            Response::Choice(super::lines::ZONE_FACTS.get(*fact).map_or(0, |f| f.right))
        }
    }
}

/// A wrong response to a question (for tests and the demo).
pub fn wrong_response(question: &Question, src: Sources) -> Response {
    match right_response(question, src) {
        Response::Click(_) => Response::Click(Point::new(-10.0, -10.0)),
        // Why modulo two: every choice question offers at least two answers.
        Response::Choice(i) => Response::Choice(if i == 0 { 1 } else { 0 }),
        Response::Order(mut o) => {
            o.reverse();
            Response::Order(o)
        }
    }
}
