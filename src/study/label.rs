//! Label the chart: a blank view of one foot with some of its areas numbered, and their names
//! to put back — dragged onto the drawing or typed in. The student's first try at each label
//! is what is scored and fed to the schedule; "reveal" shows a name and counts as a miss.
//! Pure logic: the view in `ui::study::label` only shows the board and hands back moves.

use super::items::{Item, QuizKind, Subject};
use super::progress::{Progress, QuizRecord};
use super::quiz::{QuizSetup, Sources, TINY_TOLERANCE, by_schedule, is_tiny};
use super::rng::Rng;
use crate::geometry::{Point, ViewGeometry, distance_to_boundary, point_in_polygon};
use crate::model::{Chart, Foot, FootSel, ViewKind, ZoneIdx};

/// The most labels on one board: more would crowd a single foot and the list of names.
pub const MAX_LABELS: usize = 12;

/// One numbered area to label.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// The label item's key in the progress file (`label:liver:plantar:right`).
    pub key: String,
    /// The zone.
    pub zone: ZoneIdx,
    /// Whether the first try was right (`None` until the first try or a reveal).
    pub first: Option<bool>,
    /// How it was settled, once it is.
    pub end: Option<End>,
    /// The last wrong name tried, to show beside the number.
    pub wrong: Option<String>,
}

/// How a label was settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// The student named it.
    Labelled,
    /// The student asked to see it.
    Revealed,
}

/// What a try did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placed {
    /// The name was right.
    Right,
    /// The name was wrong (the area stays open).
    Wrong,
    /// Nothing happened: no such area, or it is already settled.
    Ignored,
}

/// A labelling board under way.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelBoard {
    /// How it was chosen (kind [`QuizKind::Label`]).
    pub setup: QuizSetup,
    /// The view drawn.
    pub view: ViewKind,
    /// The foot whose areas are numbered.
    pub foot: Foot,
    /// The numbered areas, in the view's reading order (number = index + 1).
    pub targets: Vec<Target>,
    /// The names offered to drag, as target indices, in a seeded shuffle.
    pub chips: Vec<usize>,
}

impl LabelBoard {
    /// Build a board: the view and foot of the most pressing label item that passes the
    /// filters (due first, then new, then the rest, as a quiz orders them), and up to
    /// `setup.count` (at most [`MAX_LABELS`]) of that foot's areas in the same order.
    /// `None` when no label item passes the filters.
    pub fn build(
        setup: QuizSetup,
        items: &[Item],
        progress: &Progress,
        today: i64,
        src: Sources,
    ) -> Option<LabelBoard> {
        let mut rng = Rng::new(setup.seed);
        let setup = QuizSetup {
            kind: QuizKind::Label,
            ..setup
        };
        let pool = by_schedule(items, setup, progress, today, &mut rng);
        let (view, foot) = pool.first().and_then(|p| p.1.view.zip(p.1.foot))?;
        let chart = src.chart;
        let mut chosen: Vec<(ZoneIdx, &str)> = Vec::new();
        for (_, item) in &pool {
            let Subject::Zone {
                zone,
                view: v,
                foot: f,
            } = item.subject
            else {
                continue;
            };
            // Why skip a second zone of the same name: two areas with one name would make a
            // right name on the wrong one count as wrong.
            let name = chart.zone_at(zone).name.as_str();
            if v != view || f != foot || chosen.iter().any(|(_, n)| *n == name) {
                continue;
            }
            chosen.push((zone, item.key.as_str()));
            if chosen.len() >= setup.count.clamp(1, MAX_LABELS) {
                break;
            }
        }
        let feet = match foot {
            Foot::Left => FootSel::Left,
            Foot::Right => FootSel::Right,
        };
        let geo = src.geometry.get(view, feet);
        let order = |z: ZoneIdx| {
            geo.reading_order()
                .iter()
                .position(|a| a.zone == z && a.foot == foot)
                .unwrap_or(usize::MAX)
        };
        chosen.sort_by_key(|(z, _)| order(*z));
        let targets: Vec<Target> = chosen
            .into_iter()
            .map(|(zone, key)| Target {
                key: key.to_string(),
                zone,
                first: None,
                end: None,
                wrong: None,
            })
            .collect();
        let mut chips: Vec<usize> = (0..targets.len()).collect();
        rng.shuffle(&mut chips);
        Some(LabelBoard {
            setup,
            view,
            foot,
            targets,
            chips,
        })
    }

    /// The feet the board's drawing shows: only its own, drawn as large as the map allows
    /// (which foot it is is given, not asked).
    pub fn feet(&self) -> FootSel {
        match self.foot {
            Foot::Left => FootSel::Left,
            Foot::Right => FootSel::Right,
        }
    }

    /// Whether every area is settled.
    pub fn finished(&self) -> bool {
        self.targets.iter().all(|t| t.end.is_some())
    }

    /// Areas named right at the first try.
    pub fn right(&self) -> usize {
        self.targets
            .iter()
            .filter(|t| t.first == Some(true))
            .count()
    }

    /// Areas tried or revealed at least once.
    pub fn answered(&self) -> usize {
        self.targets.iter().filter(|t| t.first.is_some()).count()
    }

    /// Names still to place, as target indices, in the offered order.
    pub fn open_chips(&self) -> impl Iterator<Item = usize> + '_ {
        self.chips
            .iter()
            .copied()
            .filter(|i| self.targets[*i].end.is_none())
    }

    /// Put the name of target `name_of` on target `on` (a drag, or a name picked then an
    /// area). The first try at `on` is recorded.
    pub fn place(
        &mut self,
        on: usize,
        name_of: usize,
        chart: &Chart,
        progress: &mut Progress,
        today: i64,
    ) -> Placed {
        let Some(named) = self.targets.get(name_of).map(|t| t.zone) else {
            return Placed::Ignored;
        };
        let Some(zone) = self.targets.get(on).map(|t| t.zone) else {
            return Placed::Ignored;
        };
        let name = chart.zone_at(named).name.clone();
        // Why by name too: two zones may share a name (never both on one board).
        let right = named == zone || chart.zone_at(zone).name == name;
        self.settle(on, right, name, progress, today)
    }

    /// Type a name for target `on`: close spellings and the zone's other names count (see
    /// [`name_matches`]). Blank text does nothing.
    pub fn type_in(
        &mut self,
        on: usize,
        typed: &str,
        chart: &Chart,
        progress: &mut Progress,
        today: i64,
    ) -> Placed {
        let Some(target) = self.targets.get(on) else {
            return Placed::Ignored;
        };
        if typed.trim().is_empty() {
            return Placed::Ignored;
        }
        let right = name_matches(typed, target.zone, chart);
        self.settle(on, right, typed.trim().to_string(), progress, today)
    }

    fn settle(
        &mut self,
        on: usize,
        right: bool,
        words: String,
        progress: &mut Progress,
        today: i64,
    ) -> Placed {
        let Some(target) = self.targets.get_mut(on).filter(|t| t.end.is_none()) else {
            return Placed::Ignored;
        };
        if target.first.is_none() {
            target.first = Some(right);
            progress.record(&target.key, right, today);
        }
        if right {
            target.end = Some(End::Labelled);
            target.wrong = None;
            Placed::Right
        } else {
            target.wrong = Some(words);
            Placed::Wrong
        }
    }

    /// Show one open area's name (the lowest number), counted as a miss if not yet tried.
    /// Returns its index.
    pub fn reveal_one(&mut self, progress: &mut Progress, today: i64) -> Option<usize> {
        let i = self.targets.iter().position(|t| t.end.is_none())?;
        self.reveal(i, progress, today);
        Some(i)
    }

    /// Show every open area's name.
    pub fn reveal_all(&mut self, progress: &mut Progress, today: i64) {
        for i in 0..self.targets.len() {
            self.reveal(i, progress, today);
        }
    }

    fn reveal(&mut self, i: usize, progress: &mut Progress, today: i64) {
        let Some(t) = self.targets.get_mut(i).filter(|t| t.end.is_none()) else {
            return;
        };
        if t.first.is_none() {
            t.first = Some(false);
            progress.record(&t.key, false, today);
        }
        t.end = Some(End::Revealed);
    }

    /// The numbered area under a chart-space point on the board's drawing, if any: inside a
    /// piece of it on the board's foot, or (for a tiny area) just outside, as a locate click.
    pub fn target_at(&self, geo: &ViewGeometry, p: Point) -> Option<usize> {
        let inside = |tiny: bool| {
            geo.pieces.iter().rev().find_map(|piece| {
                let hit = if tiny {
                    is_tiny(piece) && distance_to_boundary(p, &piece.poly) <= TINY_TOLERANCE
                } else {
                    piece.bbox.contains(p) && point_in_polygon(p, &piece.poly)
                };
                if !hit || piece.foot != self.foot {
                    return None;
                }
                self.targets.iter().position(|t| t.zone == piece.zone)
            })
        };
        inside(false).or_else(|| inside(true))
    }

    /// The record for the score history (None when nothing was tried).
    pub fn record(&self, today: i64) -> Option<QuizRecord> {
        (self.answered() > 0).then(|| QuizRecord {
            day: today,
            kind: QuizKind::Label,
            seed: self.setup.seed,
            right: self.right() as u32,
            answered: self.answered() as u32,
        })
    }
}

/// Lower case, letters and digits only, "&" read as "and", words single-spaced.
fn normalize(s: &str) -> String {
    let s = s.to_lowercase().replace('&', " and ");
    let kept: String = s
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    kept.split_whitespace()
        .filter(|w| *w != "the")
        .collect::<Vec<_>>()
        .join(" ")
}

/// Edits (insert, delete, substitute, swap two neighbours) between two strings.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

/// How many slips a name of this many letters forgives: none up to 4 (a slip there makes
/// another word), one up to 8, two beyond.
fn slips_allowed(len: usize) -> usize {
    match len {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// The names a zone answers to: its name, each part of a "Brain / head" name, its aliases.
fn names_of(chart: &Chart, zone: ZoneIdx) -> Vec<String> {
    let z = chart.zone_at(zone);
    let mut names = vec![normalize(&z.name)];
    if z.name.contains('/') {
        names.extend(z.name.split('/').map(normalize));
    }
    names.extend(z.aliases.iter().map(|a| normalize(a)));
    names.retain(|n| !n.is_empty());
    names
}

/// Whether typed text names this zone: an exact name or alias, or one within the slips its
/// length forgives — unless the text is as close to another zone's name (so "kidney" for the
/// kidneys passes, but a slip that spells a neighbour does not).
pub fn name_matches(typed: &str, zone: ZoneIdx, chart: &Chart) -> bool {
    let typed = normalize(typed);
    if typed.is_empty() {
        return false;
    }
    let closest = |z: ZoneIdx| {
        names_of(chart, z)
            .iter()
            .map(|n| edit_distance(&typed, n))
            .min()
            .unwrap_or(usize::MAX)
    };
    let here = closest(zone);
    if here == 0 {
        return true;
    }
    // The slips forgiven go by the longer of the text and the nearest name ("livr" for liver
    // is one slip in five letters).
    let forgiven = names_of(chart, zone)
        .iter()
        .filter(|n| edit_distance(&typed, n) == here)
        .map(|n| slips_allowed(n.chars().count().max(typed.chars().count())))
        .max()
        .unwrap_or(0);
    if here > forgiven {
        return false;
    }
    let name = &chart.zone_at(zone).name;
    chart
        .indexed_zones()
        .filter(|(z, other)| *z != zone && other.name != *name)
        .all(|(z, _)| closest(z) > here)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::embedded_content;
    use crate::study::Filters;

    fn zone(chart: &Chart, id: &str) -> ZoneIdx {
        chart.zone_index(id).expect(id)
    }

    #[test]
    fn close_spellings_and_aliases_pass_and_other_names_do_not() {
        let content = embedded_content().expect("content");
        let chart = &content.chart;
        let liver = zone(chart, "liver");
        assert!(name_matches("Liver", liver, chart));
        assert!(name_matches("  the LIVER ", liver, chart));
        assert!(
            name_matches("livr", liver, chart),
            "one slip in five letters"
        );
        assert!(!name_matches("kidney", liver, chart));
        assert!(!name_matches("", liver, chart));
        let solar = zone(chart, "solar_plexus");
        assert!(name_matches("solar plexsu", solar, chart), "a swap");
        assert!(name_matches("Solar-plexus", solar, chart));
        // Every zone answers to its own name and aliases, exactly.
        for (i, z) in chart.zones.iter().enumerate() {
            assert!(name_matches(&z.name, ZoneIdx::new(i), chart), "{}", z.name);
            for a in &z.aliases {
                assert!(
                    name_matches(a, ZoneIdx::new(i), chart),
                    "{a} for {}",
                    z.name
                );
            }
        }
        // No zone's exact name counts for a differently named zone.
        for (i, z) in chart.zones.iter().enumerate() {
            for other in &chart.zones {
                if z.name != other.name {
                    assert!(
                        !name_matches(&other.name, ZoneIdx::new(i), chart),
                        "{} accepted for {}",
                        other.name,
                        z.name
                    );
                }
            }
        }
    }

    #[test]
    fn edit_distance_counts_a_swap_as_one() {
        assert_eq!(edit_distance("liver", "livre"), 1);
        assert_eq!(edit_distance("liver", "liver"), 0);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kidneys", "kidney"), 1);
    }

    #[test]
    fn a_board_scores_first_tries_and_reveals_as_misses() {
        let w = crate::study::test_world::world();
        let (content, geometry, items, src) = (&w.content, &w.geometry, &w.items, w.src());
        let setup = QuizSetup {
            kind: QuizKind::Label,
            filters: Filters {
                view: Some(ViewKind::Plantar),
                foot: Some(Foot::Right),
                ..Filters::default()
            },
            count: 5,
            seed: 7,
        };
        let mut progress = Progress::default();
        let mut board = LabelBoard::build(setup, items, &progress, 100, src).expect("board");
        assert_eq!(board.targets.len(), 5);
        assert_eq!((board.view, board.foot), (ViewKind::Plantar, Foot::Right));
        let mut sorted = board.chips.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, vec![0, 1, 2, 3, 4]);
        let chart = &content.chart;
        // Wrong, then right: the first try counts.
        assert_eq!(board.place(0, 1, chart, &mut progress, 100), Placed::Wrong);
        assert_eq!(board.place(0, 0, chart, &mut progress, 100), Placed::Right);
        assert_eq!(
            board.place(0, 0, chart, &mut progress, 100),
            Placed::Ignored
        );
        assert_eq!(board.targets[0].first, Some(false));
        // Right at once.
        assert_eq!(board.place(1, 1, chart, &mut progress, 100), Placed::Right);
        let name = chart.zone_at(board.targets[2].zone).name.clone();
        assert_eq!(
            board.type_in(2, &name, chart, &mut progress, 100),
            Placed::Right
        );
        assert_eq!(
            board.type_in(3, "  ", chart, &mut progress, 100),
            Placed::Ignored
        );
        assert_eq!(board.reveal_one(&mut progress, 100), Some(3));
        assert!(!board.finished());
        board.reveal_all(&mut progress, 100);
        assert!(board.finished());
        assert_eq!(board.right(), 2);
        assert_eq!(board.answered(), 5);
        let boxes: Vec<u8> = board
            .targets
            .iter()
            .map(|t| progress.leitner_box(&t.key))
            .collect();
        assert!(boxes[1] > boxes[0], "{boxes:?}");
        assert_eq!(boxes[1], boxes[2]);
        assert_eq!(boxes[0], boxes[3]);
        let record = board.record(100).expect("record");
        assert_eq!((record.right, record.answered), (2, 5));
        // The drop target: each target's anchor finds it.
        let geo = geometry.get(board.view, board.feet());
        for (i, t) in board.targets.iter().enumerate() {
            let area = geo
                .reading_order()
                .iter()
                .find(|a| a.zone == t.zone && a.foot == board.foot)
                .expect("area");
            assert_eq!(board.target_at(geo, area.anchor), Some(i));
        }
    }
}
