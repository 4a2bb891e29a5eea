//! What can be asked: every quiz item, with the facts the filters and the progress view need.

use serde::{Deserialize, Serialize};

use super::drills::{Difficulty, Drills};
use crate::geometry::ChartGeometry;
use crate::model::{BodySystem, Chart, Foot, FootSel, Library, ViewKind, ZoneIdx};

/// The five kinds of quiz.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum QuizKind {
    /// Click a named zone on the map.
    Locate,
    /// Name a highlighted zone.
    Name,
    /// Put the names back on a blank chart.
    Label,
    /// Name a highlighted guide line; which longitudinal zone an area lies in.
    Lines,
    /// Put a template's steps in order.
    Sequence,
    /// Choose the action for a client vignette.
    Safety,
    /// Choose the evidence grade of a statement.
    Claim,
}

impl QuizKind {
    /// Every kind, in the order the app lists them.
    pub const ALL: [QuizKind; 7] = [
        Self::Locate,
        Self::Name,
        Self::Label,
        Self::Lines,
        Self::Sequence,
        Self::Safety,
        Self::Claim,
    ];

    /// The word a user reads.
    pub fn label(self) -> &'static str {
        match self {
            Self::Locate => "Locate",
            Self::Name => "Name",
            Self::Label => "Label the chart",
            Self::Lines => "Lines and zones",
            Self::Sequence => "Sequence",
            Self::Safety => "Safety drills",
            Self::Claim => "Claim check",
        }
    }

    /// One line on what the quiz asks.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Locate => "Find a named reflex area on the chart and click it.",
            Self::Name => "An area is highlighted on the chart: pick its name.",
            Self::Label => "Put the names back on a blank chart: drag them or type them in.",
            Self::Lines => {
                "Name the highlighted guide line, or say which longitudinal zone runs where."
            }
            Self::Sequence => "Put the steps of a session template back in order.",
            Self::Safety => "Read a client's situation and choose what to do.",
            Self::Claim => "Read a statement about reflexology and choose its evidence grade.",
        }
    }

    /// The prefix of this kind's item keys.
    pub fn key_prefix(self) -> &'static str {
        match self {
            Self::Locate => "locate",
            Self::Name => "name",
            Self::Label => "label",
            Self::Lines => "lines",
            Self::Sequence => "sequence",
            Self::Safety => "safety",
            Self::Claim => "claim",
        }
    }

    /// Whether the view, foot and body-system filters apply to this kind.
    pub fn uses_chart_filters(self) -> bool {
        matches!(self, Self::Locate | Self::Name | Self::Label)
    }
}

/// What an item asks about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// A zone on one foot in one view (locate and name).
    Zone {
        /// Zone index in the chart.
        zone: ZoneIdx,
        /// The view.
        view: ViewKind,
        /// The foot.
        foot: Foot,
    },
    /// A run of consecutive template steps.
    Steps {
        /// Template index in the library.
        template: usize,
        /// First step.
        start: usize,
        /// How many steps.
        len: usize,
    },
    /// A guide line (index in the chart's guides) on one view.
    Guide {
        /// Guide index in the chart.
        guide: usize,
        /// The view it is shown on.
        view: ViewKind,
    },
    /// A longitudinal-zone fact (index in [`super::lines::ZONE_FACTS`]).
    ZoneFact(usize),
    /// A safety vignette (index in the drills).
    Vignette(usize),
    /// A claim-check statement (index in the drills).
    Statement(usize),
}

/// One thing that can be asked, tracked by its own Leitner box.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Stable key in the progress file (`locate:adrenal:plantar:left`).
    pub key: String,
    /// The quiz it belongs to.
    pub kind: QuizKind,
    /// What it asks about.
    pub subject: Subject,
    /// How hard.
    pub difficulty: Difficulty,
    /// The view, for zone items.
    pub view: Option<ViewKind>,
    /// The foot, for zone items.
    pub foot: Option<Foot>,
    /// The body system, for zone items.
    pub system: Option<BodySystem>,
}

/// Which items a quiz draws from. `None` means any.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Filters {
    /// Only this view.
    pub view: Option<ViewKind>,
    /// Only this foot.
    pub foot: Option<Foot>,
    /// Only this body system.
    pub system: Option<BodySystem>,
    /// Only this difficulty.
    pub difficulty: Option<Difficulty>,
}

impl Filters {
    /// Whether an item passes. Chart filters do not apply to items without a view.
    pub fn accepts(&self, item: &Item) -> bool {
        fn ok<T: PartialEq>(want: Option<T>, have: Option<T>) -> bool {
            match (want, have) {
                (Some(w), Some(h)) => w == h,
                _ => true,
            }
        }
        ok(self.view, item.view)
            && ok(self.foot, item.foot)
            && ok(self.system, item.system)
            && ok(self.difficulty, Some(item.difficulty))
    }
}

/// The shortest run worth asking.
const MIN_RUN: usize = 3;

/// Difficulty of a sequence run by its length.
fn run_difficulty(len: usize) -> Difficulty {
    match len {
        0..=3 => Difficulty::Easy,
        4..=5 => Difficulty::Medium,
        _ => Difficulty::Hard,
    }
}

/// Every item the chart, library and drills allow, in a stable order.
pub fn catalog(
    chart: &Chart,
    geometry: &ChartGeometry,
    library: &Library,
    drills: &Drills,
) -> Vec<Item> {
    let mut zone_items = Vec::new();
    // Why a prefix on a hand chart: the two charts share zone ids (and "dorsal"), and the
    // progress for feet and hands is kept apart.
    let chart_prefix = match chart.limb {
        crate::model::Limb::Foot => "",
        crate::model::Limb::Hand => "hands:",
    };
    for view in chart.view_kinds() {
        let geo = geometry.get(view, FootSel::Both);
        // One entry per zone and foot, with its total area on this view.
        let mut pieces: Vec<(ZoneIdx, Foot, f32)> = Vec::new();
        for p in &geo.pieces {
            match pieces
                .iter_mut()
                .find(|(z, f, _)| *z == p.zone && *f == p.foot)
            {
                Some(entry) => entry.2 += p.area,
                None => pieces.push((p.zone, p.foot, p.area)),
            }
        }
        // Difficulty by size within the view: the largest third is easy, the smallest hard;
        // side and top views are one step harder, as students meet them later.
        let mut areas: Vec<f32> = pieces.iter().map(|p| p.2).collect();
        areas.sort_by(|a, b| b.total_cmp(a));
        let n = areas.len().max(1);
        for (zone, foot, area) in pieces {
            let rank = areas.iter().position(|a| *a <= area).unwrap_or(0);
            let mut level = rank * 3 / n;
            if view != chart.first_view() {
                level += 1;
            }
            let difficulty = Difficulty::ALL[level.min(2)];
            zone_items.push((zone, view, foot, difficulty));
        }
    }
    zone_items.sort_by_key(|(z, v, f, _)| (*z, *v, *f as u8));
    let mut items = Vec::new();
    for kind in [QuizKind::Locate, QuizKind::Name, QuizKind::Label] {
        for &(zone, view, foot, difficulty) in &zone_items {
            let z = &chart.zone_at(zone);
            items.push(Item {
                key: format!(
                    "{chart_prefix}{}:{}:{}:{}",
                    kind.key_prefix(),
                    z.id,
                    view.id(),
                    foot.label().to_lowercase()
                ),
                kind,
                subject: Subject::Zone { zone, view, foot },
                difficulty,
                view: Some(view),
                foot: Some(foot),
                system: Some(z.system),
            });
        }
    }
    // Why only fixed sequences: a run of steps is asked only where the tradition fixes its
    // order (the colon in the direction of flow …), never the template author's own choices.
    for q in &drills.sequences {
        let (Some(ti), Some(first)) = (
            library.templates.iter().position(|t| t.id == q.template),
            q.start_in(library),
        ) else {
            continue;
        };
        let t = &library.templates[ti];
        let n = q.zones.len();
        for len in (MIN_RUN..=n).rev() {
            for offset in 0..=n - len {
                let start = first + offset;
                let key = format!("sequence:{}:{}-{}", t.id, start + 1, start + len);
                if items.iter().any(|i: &Item| i.key == key) {
                    continue;
                }
                items.push(Item {
                    key,
                    kind: QuizKind::Sequence,
                    subject: Subject::Steps {
                        template: ti,
                        start,
                        len,
                    },
                    difficulty: run_difficulty(len),
                    view: None,
                    foot: None,
                    system: None,
                });
            }
        }
    }
    // Guide lines on the plantar view (easy) and the side views (harder), where a chart draws
    // at least two (a one-line question has no wrong choice).
    let first = chart.first_view();
    for view in chart
        .view_kinds()
        .into_iter()
        .filter(|v| *v == first || v.is_side())
    {
        let on_view: Vec<usize> = (0..chart.guides.len())
            .filter(|g| chart.guides[*g].paths.iter().any(|p| p.view == view))
            .collect();
        if on_view.len() < 2 {
            continue;
        }
        for g in on_view {
            items.push(Item {
                key: format!(
                    "{chart_prefix}lines:guide:{}:{}",
                    chart.guides[g].id,
                    view.id()
                ),
                kind: QuizKind::Lines,
                subject: Subject::Guide { guide: g, view },
                difficulty: if view == first {
                    Difficulty::Easy
                } else {
                    Difficulty::Medium
                },
                view: None,
                foot: None,
                system: None,
            });
        }
    }
    // The zone facts speak of toes and the sole: a foot chart's only.
    if !chart.longitudinal_bounds.is_empty() && chart.limb == crate::model::Limb::Foot {
        for (i, fact) in super::lines::ZONE_FACTS.iter().enumerate() {
            items.push(Item {
                key: format!("lines:zone:{}", fact.id),
                kind: QuizKind::Lines,
                subject: Subject::ZoneFact(i),
                difficulty: if fact.id == "spine" {
                    Difficulty::Medium
                } else {
                    Difficulty::Easy
                },
                view: None,
                foot: None,
                system: None,
            });
        }
    }
    for (i, v) in drills.vignettes.iter().enumerate() {
        items.push(Item {
            key: format!("safety:{}", v.id),
            kind: QuizKind::Safety,
            subject: Subject::Vignette(i),
            difficulty: v.difficulty,
            view: None,
            foot: None,
            system: None,
        });
    }
    for (i, s) in drills.statements.iter().enumerate() {
        items.push(Item {
            key: format!("claim:{}", s.id),
            kind: QuizKind::Claim,
            subject: Subject::Statement(i),
            difficulty: s.difficulty,
            view: None,
            foot: None,
            system: None,
        });
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::embedded_content;
    use crate::study::drills::embedded_drills;

    fn items() -> Vec<Item> {
        let c = embedded_content().expect("content");
        let g = ChartGeometry::new(&c.chart);
        let d = embedded_drills(&c.library).expect("drills");
        catalog(&c.chart, &g, &c.library, &d)
    }

    #[test]
    fn every_kind_has_items_and_keys_are_unique() {
        let items = items();
        for kind in QuizKind::ALL {
            let n = items.iter().filter(|i| i.kind == kind).count();
            assert!(n >= 10, "{kind:?} has only {n} items");
        }
        let mut keys: Vec<&str> = items.iter().map(|i| i.key.as_str()).collect();
        keys.sort_unstable();
        let before = keys.len();
        keys.dedup();
        assert_eq!(before, keys.len(), "duplicate item keys");
    }

    #[test]
    fn side_specific_zones_appear_only_on_their_foot() {
        let items = items();
        let has = |key: &str| items.iter().any(|i| i.key == key);
        assert!(has("locate:heart:plantar:left"));
        assert!(!has("locate:heart:plantar:right"));
        assert!(has("locate:liver:plantar:right"));
        assert!(!has("locate:liver:plantar:left"));
        assert!(has("locate:adrenal:plantar:left") && has("locate:adrenal:plantar:right"));
    }

    #[test]
    fn filters_narrow_zone_items_and_leave_others() {
        let items = items();
        let f = Filters {
            view: Some(ViewKind::Dorsal),
            foot: Some(Foot::Right),
            system: None,
            difficulty: None,
        };
        let picked: Vec<&Item> = items.iter().filter(|i| f.accepts(i)).collect();
        assert!(
            picked
                .iter()
                .filter(|i| i.view.is_some())
                .all(|i| i.view == Some(ViewKind::Dorsal) && i.foot == Some(Foot::Right))
        );
        assert!(picked.iter().any(|i| i.kind == QuizKind::Safety));
        let hard = Filters {
            difficulty: Some(Difficulty::Hard),
            ..Filters::default()
        };
        assert!(
            items
                .iter()
                .filter(|i| hard.accepts(i))
                .all(|i| i.difficulty == Difficulty::Hard)
        );
    }

    #[test]
    fn sequence_items_come_only_from_fixed_sequences() {
        let c = embedded_content().expect("content");
        let d = embedded_drills(&c.library).expect("drills");
        let seq: Vec<Item> = items()
            .into_iter()
            .filter(|i| i.kind == QuizKind::Sequence)
            .collect();
        assert!(!seq.is_empty());
        for item in &seq {
            let Subject::Steps {
                template,
                start,
                len,
            } = item.subject
            else {
                panic!("{}: not a step run", item.key);
            };
            let t = &c.library.templates[template];
            assert!(len >= MIN_RUN, "{}", item.key);
            assert!(
                d.sequence_for(&c.library, &t.id, start, len).is_some(),
                "{} is not inside a fixed sequence",
                item.key
            );
        }
    }

    #[test]
    fn every_difficulty_has_zone_items() {
        let items = items();
        for d in Difficulty::ALL {
            assert!(
                items
                    .iter()
                    .any(|i| i.kind == QuizKind::Locate && i.difficulty == d),
                "{d:?}"
            );
        }
    }

    #[test]
    fn the_hand_chart_asks_about_its_own_views_under_keys_apart_from_the_feet() {
        let w = super::super::test_world::world();
        let hands = &w.content.hands;
        let geometry = ChartGeometry::new(hands);
        let items = catalog(hands, &geometry, &w.content.library, &w.drills);
        let views: Vec<ViewKind> = hands.view_kinds();
        let zone_items: Vec<&Item> = items
            .iter()
            .filter(|i| matches!(i.subject, Subject::Zone { .. }))
            .collect();
        assert!(!zone_items.is_empty());
        for i in &zone_items {
            assert!(views.contains(&i.view.expect("a view")), "{}", i.key);
            assert!(i.key.starts_with("hands:"), "{}", i.key);
        }
        // Every hand area can be asked about on a view it is drawn on, on each of its hands.
        for (zi, zone) in hands.indexed_zones() {
            assert!(
                zone_items.iter().any(|i| matches!(
                    i.subject,
                    Subject::Zone { zone: z, .. } if z == zi
                )),
                "{} is never asked",
                zone.id
            );
        }
        // No zone or line question shares a progress key with the feet; the library's
        // drills (safety, claims, sequences) are the same on both and share theirs.
        let feet: std::collections::HashSet<&str> = w
            .items
            .iter()
            .filter(|i| {
                matches!(
                    i.kind,
                    QuizKind::Locate | QuizKind::Name | QuizKind::Label | QuizKind::Lines
                )
            })
            .map(|i| i.key.as_str())
            .collect();
        for i in &items {
            if matches!(
                i.kind,
                QuizKind::Locate | QuizKind::Name | QuizKind::Label | QuizKind::Lines
            ) {
                assert!(!feet.contains(i.key.as_str()), "{} is shared", i.key);
            }
        }
        assert!(items.iter().any(|i| i.key.starts_with("safety:")));
    }
}
