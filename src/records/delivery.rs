//! What delivering a session adds to its record: each step as delivered (the client's response
//! at the zone, done / shortened / skipped / changed, actual minutes and pressure), foot
//! findings placed on the chart, the Ipswich Touch Test, photos; and what follows from them:
//! screening answers to **propose** (never to answer), and the zone-response heat map.

use std::collections::BTreeMap;

use crate::model::{Foot, FootSel, Pressure, ViewKind};
use crate::plan::Answer;

use super::model::{Background, Id, Session};

/// How the client responded when a zone was worked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Response {
    /// Comfortable.
    Comfortable,
    /// Tender.
    Tender,
    /// Very tender.
    VeryTender,
    /// The client did not feel the touch.
    NotFelt,
}

impl Response {
    /// Every response, in the order the runner shows them.
    pub const ALL: [Self; 4] = [
        Self::Comfortable,
        Self::Tender,
        Self::VeryTender,
        Self::NotFelt,
    ];

    /// Database and command-line key.
    pub fn key(self) -> &'static str {
        match self {
            Self::Comfortable => "comfortable",
            Self::Tender => "tender",
            Self::VeryTender => "very_tender",
            Self::NotFelt => "not_felt",
        }
    }

    /// The words shown.
    pub fn label(self) -> &'static str {
        match self {
            Self::Comfortable => "Comfortable",
            Self::Tender => "Tender",
            Self::VeryTender => "Very tender",
            Self::NotFelt => "Not felt",
        }
    }

    /// Read a key back.
    pub fn parse(word: &str) -> Option<Self> {
        let w = word.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        Self::ALL.into_iter().find(|r| r.key() == w)
    }
}

/// What happened to a planned step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum StepStatus {
    /// Worked as planned.
    #[default]
    Done,
    /// Worked for less time than planned.
    Shortened,
    /// Not worked.
    Skipped,
    /// Worked differently (pressure, technique or area changed).
    Changed,
}

impl StepStatus {
    /// Every status.
    pub const ALL: [Self; 4] = [Self::Done, Self::Shortened, Self::Skipped, Self::Changed];

    /// Database and command-line key.
    pub fn key(self) -> &'static str {
        match self {
            Self::Done => "done",
            Self::Shortened => "shortened",
            Self::Skipped => "skipped",
            Self::Changed => "changed",
        }
    }

    /// The words shown.
    pub fn label(self) -> &'static str {
        match self {
            Self::Done => "Done",
            Self::Shortened => "Shortened",
            Self::Skipped => "Skipped",
            Self::Changed => "Changed",
        }
    }

    /// Read a key back.
    pub fn parse(word: &str) -> Option<Self> {
        let w = word.trim().to_ascii_lowercase();
        Self::ALL.into_iter().find(|s| s.key() == w)
    }
}

/// One planned step as it was delivered.
#[derive(Debug, Clone, PartialEq)]
pub struct StepRecord {
    /// The step's place in the plan (0-based).
    pub step: usize,
    /// The zone worked (its chart id), or `None` for a whole-foot step.
    pub zone: Option<String>,
    /// The feet worked.
    pub foot: FootSel,
    /// The client's response, if one was tapped.
    pub response: Option<Response>,
    /// Done, shortened, skipped or changed.
    pub status: StepStatus,
    /// Minutes actually spent.
    pub minutes: f32,
    /// The pressure actually used.
    pub pressure: Pressure,
}

/// Where the runner was when last saved, so a session cut short can be resumed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunState {
    /// The step on screen (0-based).
    pub step: usize,
    /// Seconds already spent on it.
    pub elapsed: f32,
}

/// What a foot finding is, in the inspection vocabulary (content/records.md §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FindingKind {
    /// Dry skin.
    DrySkin,
    /// Callus.
    Callus,
    /// Corn.
    Corn,
    /// A fissure (split in the skin).
    Fissure,
    /// A blister.
    Blister,
    /// An ulcer or open wound.
    Ulcer,
    /// Redness.
    Redness,
    /// Swelling.
    Swelling,
    /// A nail problem.
    Nail,
    /// A change of colour or temperature.
    ColourTemperature,
}

impl FindingKind {
    /// Every kind, in the order the inspection lists them.
    pub const ALL: [Self; 10] = [
        Self::DrySkin,
        Self::Callus,
        Self::Corn,
        Self::Fissure,
        Self::Blister,
        Self::Ulcer,
        Self::Redness,
        Self::Swelling,
        Self::Nail,
        Self::ColourTemperature,
    ];

    /// Database and command-line key.
    pub fn key(self) -> &'static str {
        match self {
            Self::DrySkin => "dry_skin",
            Self::Callus => "callus",
            Self::Corn => "corn",
            Self::Fissure => "fissure",
            Self::Blister => "blister",
            Self::Ulcer => "ulcer",
            Self::Redness => "redness",
            Self::Swelling => "swelling",
            Self::Nail => "nail",
            Self::ColourTemperature => "colour_temperature",
        }
    }

    /// The words shown.
    pub fn label(self) -> &'static str {
        match self {
            Self::DrySkin => "Dry skin",
            Self::Callus => "Callus",
            Self::Corn => "Corn",
            Self::Fissure => "Fissure",
            Self::Blister => "Blister",
            Self::Ulcer => "Ulcer or open wound",
            Self::Redness => "Redness",
            Self::Swelling => "Swelling",
            Self::Nail => "Nail problem",
            Self::ColourTemperature => "Colour or temperature change",
        }
    }

    /// A one- or two-letter mark drawn on the chart.
    pub fn mark(self) -> &'static str {
        match self {
            Self::DrySkin => "D",
            Self::Callus => "Ca",
            Self::Corn => "Co",
            Self::Fissure => "F",
            Self::Blister => "B",
            Self::Ulcer => "U",
            Self::Redness => "R",
            Self::Swelling => "S",
            Self::Nail => "N",
            Self::ColourTemperature => "T",
        }
    }

    /// Whether it breaks or threatens the skin (drawn in the warning colour).
    pub fn is_serious(self) -> bool {
        matches!(self, Self::Ulcer | Self::Blister | Self::Fissure)
    }

    /// Read a key back ("open wound" and "wound" mean an ulcer).
    pub fn parse(word: &str) -> Option<Self> {
        let w = word.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        match w.as_str() {
            "wound" | "open_wound" => return Some(Self::Ulcer),
            "colour" | "color" | "temperature" | "color_temperature" => {
                return Some(Self::ColourTemperature);
            }
            _ => {}
        }
        Self::ALL.into_iter().find(|k| k.key() == w)
    }
}

/// A finding of an earlier session as seen again today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FindingStatus {
    /// Found today.
    #[default]
    New,
    /// Seen last time and still there.
    Still,
    /// Seen last time and now resolved (kept so the record says so; not carried on).
    Resolved,
}

impl FindingStatus {
    /// Database key.
    pub fn key(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Still => "still",
            Self::Resolved => "resolved",
        }
    }

    /// Read a key back.
    pub fn parse(word: &str) -> Option<Self> {
        match word {
            "new" => Some(Self::New),
            "still" => Some(Self::Still),
            "resolved" => Some(Self::Resolved),
            _ => None,
        }
    }
}

/// A finding placed on the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Row id (0 before it is stored).
    pub id: Id,
    /// The view it was placed on.
    pub view: ViewKind,
    /// The foot.
    pub foot: Foot,
    /// Where, in the view's normalized left-foot coordinates (as the chart file gives zones).
    pub at: (f32, f32),
    /// What it is.
    pub kind: FindingKind,
    /// The therapist's note.
    pub note: String,
    /// New today, still there, or resolved.
    pub status: FindingStatus,
    /// The earlier finding this one follows up.
    pub follows: Option<Id>,
}

impl Finding {
    /// "Callus, left foot (plantar)".
    pub fn title(&self) -> String {
        format!(
            "{}, {} foot ({})",
            self.kind.label(),
            self.foot.label().to_lowercase(),
            self.view.id()
        )
    }
}

/// The toes the Ipswich Touch Test touches.
pub const TOUCH_TOES: [u8; 3] = [1, 3, 5];

/// How many toes not felt make an at-risk foot.
pub const TOUCH_AT_RISK: usize = 2;

/// What the app says about the test wherever its result shows (records.md §3).
pub const TOUCH_CAVEAT: &str = "The Ipswich Touch Test is a quick screen, not a diagnosis: it \
    misses about one at-risk foot in four, and it is not a substitute for the annual foot check \
    by a podiatrist, nurse or doctor.";

/// The Ipswich Touch Test: each of toes 1, 3 and 5 on each foot felt (`true`) or not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TouchTest(pub BTreeMap<(Foot, u8), bool>);

impl TouchTest {
    /// Whether a toe was felt (`None`: not tested).
    pub fn get(&self, foot: Foot, toe: u8) -> Option<bool> {
        self.0.get(&(foot, toe)).copied()
    }

    /// Toes tested.
    pub fn tested(&self) -> usize {
        self.0.len()
    }

    /// Toes not felt.
    pub fn not_felt(&self) -> usize {
        self.0.values().filter(|f| !**f).count()
    }

    /// Whether nothing was tested.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Two or more of the six toes not felt: an at-risk foot.
    pub fn at_risk(&self) -> bool {
        self.not_felt() >= TOUCH_AT_RISK
    }

    /// "2 of 6 not felt (left 1, 5)", or how far the test got.
    pub fn summary(&self) -> String {
        if self.is_empty() {
            return "not done".to_owned();
        }
        let mut missed = Vec::new();
        for foot in [Foot::Left, Foot::Right] {
            let toes: Vec<String> = TOUCH_TOES
                .iter()
                .filter(|t| self.get(foot, **t) == Some(false))
                .map(ToString::to_string)
                .collect();
            if !toes.is_empty() {
                missed.push(format!(
                    "{} toe {}",
                    foot.label().to_lowercase(),
                    toes.join(", ")
                ));
            }
        }
        let mut s = format!("{} of {} not felt", self.not_felt(), self.tested());
        if !missed.is_empty() {
            s.push_str(&format!(" ({})", missed.join("; ")));
        }
        if self.tested() < 6 {
            s.push_str(", not finished");
        }
        if self.at_risk() {
            s.push_str(": at-risk foot");
        }
        s
    }
}

/// A photo of a finding, without its bytes (read them with `Store::photo_jpeg`).
#[derive(Debug, Clone, PartialEq)]
pub struct PhotoInfo {
    /// Row id.
    pub id: Id,
    /// The finding it shows, if any.
    pub finding: Option<Id>,
    /// When it was added.
    pub added_at: String,
    /// Pixels.
    pub width: u32,
    /// Pixels.
    pub height: u32,
    /// Whether the progress report prints it.
    pub in_report: bool,
}

/// Everything a delivered session adds to its record.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Delivery {
    /// The steps as delivered, by step.
    pub steps: Vec<StepRecord>,
    /// Where the runner was, while the session is being delivered.
    pub run: Option<RunState>,
    /// Findings placed on the chart.
    pub findings: Vec<Finding>,
    /// The touch test.
    pub touch: TouchTest,
    /// Photos.
    pub photos: Vec<PhotoInfo>,
}

impl Delivery {
    /// The record of a step, if it was reached.
    pub fn step(&self, step: usize) -> Option<&StepRecord> {
        self.steps.iter().find(|s| s.step == step)
    }

    /// Findings still open (new or still there), for the next session to review.
    pub fn open_findings(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.status != FindingStatus::Resolved)
    }

    /// Whether anything was delivered or inspected.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
            && self.findings.is_empty()
            && self.touch.is_empty()
            && self.photos.is_empty()
    }
}

/// A screening answer the inspection suggests, for the therapist to confirm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    /// The screening rule's id.
    pub rule: &'static str,
    /// The answer proposed.
    pub answer: Answer,
    /// Why, in the therapist's words: "Ulcer or open wound marked on the left foot".
    pub reason: String,
}

/// Screening answers the findings and the touch test suggest. Never applied here: the view
/// shows each beside its question to confirm. A rule already answered "yes" is not proposed
/// again; one answered "no" is, because what was found contradicts the answer.
///
/// `at_risk_client`: the client has diabetes or neuropathy (background, or a "yes" to loss of
/// protective sensation), which makes a blister or split a warning sign of an ulcer and a hot,
/// red, swollen foot a possible Charcot foot.
pub fn proposals(
    findings: &[Finding],
    touch: &TouchTest,
    background: Background,
    answers: &BTreeMap<String, Answer>,
) -> Vec<Proposal> {
    const LOPS: &str = "loss_of_protective_sensation";
    let mut out: Vec<Proposal> = Vec::new();
    let mut propose = |rule: &'static str, reason: String| {
        if answers.get(rule) == Some(&Answer::Yes) {
            return;
        }
        match out.iter_mut().find(|p| p.rule == rule) {
            Some(p) if !p.reason.contains(&reason) => {
                p.reason.push_str("; ");
                p.reason.push_str(&reason);
            }
            Some(_) => {}
            None => out.push(Proposal {
                rule,
                answer: Answer::Yes,
                reason,
            }),
        }
    };
    if touch.at_risk() {
        propose(
            LOPS,
            format!(
                "Ipswich Touch Test: {} of the 6 toes not felt",
                touch.not_felt()
            ),
        );
    }
    let at_risk = matches!(background, Background::Diabetic | Background::Chemotherapy)
        || answers.get(LOPS) == Some(&Answer::Yes)
        || touch.at_risk();
    let open = || {
        findings
            .iter()
            .filter(|f| f.status != FindingStatus::Resolved)
    };
    for f in open() {
        let foot = f.foot.label().to_lowercase();
        let marked = format!("{} marked on the {foot} foot", f.kind.label());
        match f.kind {
            FindingKind::Ulcer => {
                propose(
                    match f.foot {
                        Foot::Left => "open_wound_left_foot",
                        Foot::Right => "open_wound_right_foot",
                    },
                    marked.clone(),
                );
                if at_risk {
                    propose("diabetic_foot_ulcer", marked);
                }
            }
            FindingKind::Blister if at_risk => propose("diabetic_foot_ulcer", marked),
            FindingKind::Blister => propose(
                match f.foot {
                    Foot::Left => "minor_wound_left",
                    Foot::Right => "minor_wound_right",
                },
                marked,
            ),
            FindingKind::Fissure if at_risk => propose("diabetic_foot_ulcer", marked),
            _ => {}
        }
    }
    // Hot, red swelling: two of redness, swelling and a colour/temperature change on one foot.
    for foot in [Foot::Left, Foot::Right] {
        let has = |k: FindingKind| open().any(|f| f.foot == foot && f.kind == k);
        let signs = [
            FindingKind::Redness,
            FindingKind::Swelling,
            FindingKind::ColourTemperature,
        ];
        let present: Vec<&str> = signs
            .iter()
            .filter(|k| has(**k))
            .map(|k| k.label())
            .collect();
        if present.len() >= 2 {
            let reason = format!(
                "{} marked on the {} foot",
                present.join(" and "),
                foot.label().to_lowercase()
            );
            propose(
                if at_risk {
                    "hot_red_swollen_diabetic_foot"
                } else {
                    "inflamed_fragile_skin"
                },
                reason,
            );
        }
    }
    out
}

/// How a zone responded on one foot over recent sessions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ZoneHeat {
    /// Sessions in which the zone was worked on this foot and a response tapped.
    pub worked: u32,
    /// Of those, tender or very tender.
    pub tender: u32,
    /// Of those, very tender.
    pub very_tender: u32,
    /// Of those, not felt.
    pub not_felt: u32,
}

impl ZoneHeat {
    /// The share of responses that were tender (0–1).
    pub fn tender_share(&self) -> f32 {
        share(self.tender, self.worked)
    }

    /// The share of responses that were "not felt" (0–1).
    pub fn not_felt_share(&self) -> f32 {
        share(self.not_felt, self.worked)
    }
}

fn share(n: u32, of: u32) -> f32 {
    if of == 0 { 0.0 } else { n as f32 / of as f32 }
}

/// Zone responses by zone id and foot.
pub type Heat = BTreeMap<(String, Foot), ZoneHeat>;

/// Zone responses over the client's last `last` sessions (all when 0), by zone id and foot. A
/// step on both feet counts for each foot; a zone tapped twice in one session counts once, by
/// its strongest response.
pub fn zone_heat(sessions: &[Session], last: usize) -> Heat {
    let from = if last == 0 {
        0
    } else {
        sessions.len().saturating_sub(last)
    };
    let mut out: BTreeMap<(String, Foot), ZoneHeat> = BTreeMap::new();
    for s in &sessions[from..] {
        let mut strongest: BTreeMap<(String, Foot), Response> = BTreeMap::new();
        for step in &s.delivery.steps {
            let (Some(zone), Some(r)) = (&step.zone, step.response) else {
                continue;
            };
            for foot in [Foot::Left, Foot::Right] {
                if !step.foot.includes(foot) {
                    continue;
                }
                let slot = strongest.entry((zone.clone(), foot)).or_insert(r);
                if rank(r) > rank(*slot) {
                    *slot = r;
                }
            }
        }
        for (key, r) in strongest {
            let h = out.entry(key).or_default();
            h.worked += 1;
            match r {
                Response::Comfortable => {}
                Response::Tender => h.tender += 1,
                Response::VeryTender => {
                    h.tender += 1;
                    h.very_tender += 1;
                }
                Response::NotFelt => h.not_felt += 1,
            }
        }
    }
    out
}

/// The zones that were ever tender or not felt over all sessions, most often first: what
/// `records show` and the progress report list.
pub fn notable_responses(sessions: &[Session]) -> Vec<((String, Foot), ZoneHeat)> {
    let mut rows: Vec<_> = zone_heat(sessions, 0)
        .into_iter()
        .filter(|(_, h)| h.tender + h.not_felt > 0)
        .collect();
    rows.sort_by_key(|(_, h)| std::cmp::Reverse(h.tender + h.not_felt));
    rows
}

/// Not felt outranks very tender: it is the finding that matters most on a numb foot.
fn rank(r: Response) -> u8 {
    match r {
        Response::Comfortable => 0,
        Response::Tender => 1,
        Response::VeryTender => 2,
        Response::NotFelt => 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(kind: FindingKind, foot: Foot) -> Finding {
        Finding {
            id: 0,
            view: ViewKind::Plantar,
            foot,
            at: (0.5, 0.5),
            kind,
            note: String::new(),
            status: FindingStatus::New,
            follows: None,
        }
    }

    fn rules(p: &[Proposal]) -> Vec<&str> {
        p.iter().map(|p| p.rule).collect()
    }

    #[test]
    fn every_proposed_rule_is_a_screening_rule() {
        let lib = crate::load::embedded_content().unwrap().library;
        let mut touch = TouchTest::default();
        touch.0.insert((Foot::Left, 1), false);
        touch.0.insert((Foot::Right, 5), false);
        let mut all = Vec::new();
        for bg in [Background::Unknown, Background::Diabetic] {
            for foot in [Foot::Left, Foot::Right] {
                let f: Vec<Finding> = FindingKind::ALL.iter().map(|k| finding(*k, foot)).collect();
                all.extend(proposals(&f, &touch, bg, &BTreeMap::new()));
                all.extend(proposals(&f, &TouchTest::default(), bg, &BTreeMap::new()));
            }
        }
        assert!(all.len() >= 8);
        for p in all {
            assert!(lib.rule(p.rule).is_some(), "{} is not a rule", p.rule);
        }
    }

    #[test]
    fn an_ulcer_proposes_the_open_wound_rule_of_its_foot_and_the_ulcer_rule_when_diabetic() {
        let f = [finding(FindingKind::Ulcer, Foot::Right)];
        let none = BTreeMap::new();
        let p = proposals(&f, &TouchTest::default(), Background::Unknown, &none);
        assert_eq!(rules(&p), ["open_wound_right_foot"]);
        assert!(p[0].reason.contains("right foot"), "{}", p[0].reason);
        let p = proposals(&f, &TouchTest::default(), Background::Diabetic, &none);
        assert_eq!(rules(&p), ["open_wound_right_foot", "diabetic_foot_ulcer"]);
    }

    #[test]
    fn a_confirmed_answer_is_not_proposed_again_but_a_contradicted_no_is() {
        let f = [finding(FindingKind::Ulcer, Foot::Left)];
        let mut answers = BTreeMap::new();
        answers.insert("open_wound_left_foot".to_owned(), Answer::Yes);
        assert!(proposals(&f, &TouchTest::default(), Background::Unknown, &answers).is_empty());
        answers.insert("open_wound_left_foot".to_owned(), Answer::No);
        assert_eq!(
            rules(&proposals(
                &f,
                &TouchTest::default(),
                Background::Unknown,
                &answers
            )),
            ["open_wound_left_foot"]
        );
    }

    #[test]
    fn two_toes_not_felt_propose_loss_of_protective_sensation_and_one_does_not() {
        let mut t = TouchTest::default();
        for foot in [Foot::Left, Foot::Right] {
            for toe in TOUCH_TOES {
                t.0.insert((foot, toe), true);
            }
        }
        t.0.insert((Foot::Left, 3), false);
        assert!(!t.at_risk());
        assert!(proposals(&[], &t, Background::Unknown, &BTreeMap::new()).is_empty());
        t.0.insert((Foot::Right, 1), false);
        assert!(t.at_risk());
        let p = proposals(&[], &t, Background::Unknown, &BTreeMap::new());
        assert_eq!(rules(&p), ["loss_of_protective_sensation"]);
        assert_eq!(
            t.summary(),
            "2 of 6 not felt (left toe 3; right toe 1): at-risk foot"
        );
    }

    #[test]
    fn hot_red_swelling_needs_two_signs_on_one_foot() {
        let none = BTreeMap::new();
        let t = TouchTest::default();
        let apart = [
            finding(FindingKind::Redness, Foot::Left),
            finding(FindingKind::Swelling, Foot::Right),
        ];
        assert!(proposals(&apart, &t, Background::Diabetic, &none).is_empty());
        let together = [
            finding(FindingKind::Redness, Foot::Left),
            finding(FindingKind::Swelling, Foot::Left),
        ];
        assert_eq!(
            rules(&proposals(&together, &t, Background::Diabetic, &none)),
            ["hot_red_swollen_diabetic_foot"]
        );
        assert_eq!(
            rules(&proposals(&together, &t, Background::Unknown, &none)),
            ["inflamed_fragile_skin"]
        );
    }

    #[test]
    fn a_resolved_finding_proposes_nothing() {
        let mut f = finding(FindingKind::Ulcer, Foot::Left);
        f.status = FindingStatus::Resolved;
        assert!(
            proposals(
                &[f],
                &TouchTest::default(),
                Background::Diabetic,
                &BTreeMap::new()
            )
            .is_empty()
        );
    }

    fn session(steps: Vec<StepRecord>) -> Session {
        Session {
            id: 1,
            client: 1,
            date: "2026-01-01".into(),
            plan_ron: String::new(),
            verdict: String::new(),
            pre: Default::default(),
            post: Default::default(),
            soap: Default::default(),
            signed_at: None,
            addenda: Vec::new(),
            followups: Vec::new(),
            delivery: Delivery {
                steps,
                ..Default::default()
            },
        }
    }

    fn step(zone: &str, foot: FootSel, r: Option<Response>) -> StepRecord {
        StepRecord {
            step: 0,
            zone: Some(zone.into()),
            foot,
            response: r,
            status: StepStatus::Done,
            minutes: 2.0,
            pressure: Pressure::Light,
        }
    }

    #[test]
    fn heat_counts_each_session_once_per_zone_and_foot_over_the_last_n() {
        let s = [
            session(vec![step("kidney", FootSel::Both, Some(Response::Tender))]),
            session(vec![
                step("kidney", FootSel::Left, Some(Response::Comfortable)),
                step("kidney", FootSel::Left, Some(Response::NotFelt)),
            ]),
            session(vec![
                step("kidney", FootSel::Left, Some(Response::VeryTender)),
                step("spine", FootSel::Right, None),
            ]),
        ];
        let h = zone_heat(&s, 0);
        let left = h[&("kidney".to_owned(), Foot::Left)];
        assert_eq!((left.worked, left.tender, left.not_felt), (3, 2, 1));
        assert_eq!(left.very_tender, 1);
        assert_eq!(h[&("kidney".to_owned(), Foot::Right)].worked, 1);
        assert!(!h.contains_key(&("spine".to_owned(), Foot::Right)));
        let last2 = zone_heat(&s, 2);
        assert_eq!(last2[&("kidney".to_owned(), Foot::Left)].worked, 2);
        assert!(!last2.contains_key(&("kidney".to_owned(), Foot::Right)));
        assert!((left.tender_share() - 2.0 / 3.0).abs() < 1e-6);
    }

    #[test]
    fn keys_read_back() {
        for r in Response::ALL {
            assert_eq!(Response::parse(r.key()), Some(r));
        }
        for s in StepStatus::ALL {
            assert_eq!(StepStatus::parse(s.key()), Some(s));
        }
        for k in FindingKind::ALL {
            assert_eq!(FindingKind::parse(k.key()), Some(k));
        }
        assert_eq!(FindingKind::parse("open wound"), Some(FindingKind::Ulcer));
        assert_eq!(Response::parse("very tender"), Some(Response::VeryTender));
    }
}
