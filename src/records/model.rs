//! What the records hold: clients, sessions, scores, follow-ups and addenda. Plain types; the
//! store (`store.rs`) reads and writes them.

use std::collections::BTreeMap;
use std::fmt;

/// A row id in the records database.
pub type Id = i64;

/// A symptom or state scored 0–10 (numeric rating scale, "0 = none, 10 = worst imaginable";
/// sleep and wellbeing: "0 = worst, 10 = best"). The six neuropathy words are used freely with
/// a plain 0–10 scale; no published scoring grid is reproduced (content/records.md §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Symptom {
    /// Numbness.
    Numbness,
    /// Prickling or tingling.
    Tingling,
    /// Burning.
    Burning,
    /// Aching.
    Aching,
    /// Shooting (lancinating) pain.
    Shooting,
    /// Pain from light touch.
    LightTouch,
    /// Pain overall.
    OverallPain,
    /// Last night's sleep.
    Sleep,
    /// Wellbeing overall.
    Wellbeing,
}

impl Symptom {
    /// Every symptom, in the order forms and tables list them.
    pub const ALL: [Self; 9] = [
        Self::Numbness,
        Self::Tingling,
        Self::Burning,
        Self::Aching,
        Self::Shooting,
        Self::LightTouch,
        Self::OverallPain,
        Self::Sleep,
        Self::Wellbeing,
    ];

    /// The key used on the command line, in CSV and in the database.
    pub fn key(self) -> &'static str {
        match self {
            Self::Numbness => "numbness",
            Self::Tingling => "tingling",
            Self::Burning => "burning",
            Self::Aching => "aching",
            Self::Shooting => "shooting",
            Self::LightTouch => "light_touch",
            Self::OverallPain => "pain",
            Self::Sleep => "sleep",
            Self::Wellbeing => "wellbeing",
        }
    }

    /// The words a therapist reads.
    pub fn label(self) -> &'static str {
        match self {
            Self::Numbness => "Numbness",
            Self::Tingling => "Tingling",
            Self::Burning => "Burning",
            Self::Aching => "Aching",
            Self::Shooting => "Shooting pain",
            Self::LightTouch => "Pain on light touch",
            Self::OverallPain => "Overall pain",
            Self::Sleep => "Sleep",
            Self::Wellbeing => "Wellbeing",
        }
    }

    /// What 0 and 10 mean for this scale.
    pub fn anchors(self) -> (&'static str, &'static str) {
        if self.higher_is_better() {
            ("0 = worst", "10 = best")
        } else {
            ("0 = none", "10 = worst imaginable")
        }
    }

    /// Sleep and wellbeing go up when things get better; the symptoms go down.
    pub fn higher_is_better(self) -> bool {
        matches!(self, Self::Sleep | Self::Wellbeing)
    }

    /// Whether the symptom is scored per foot (the six foot symptoms) or once (overall pain,
    /// sleep, wellbeing).
    pub fn per_foot(self) -> bool {
        !matches!(self, Self::OverallPain | Self::Sleep | Self::Wellbeing)
    }

    /// The symptom for a key or a label word (`numbness`, `light-touch`, `Overall pain`, …).
    pub fn parse(word: &str) -> Option<Self> {
        let w: String = word
            .trim()
            .to_lowercase()
            .chars()
            .map(|c| if c == '-' || c == ' ' { '_' } else { c })
            .collect();
        let w = w.as_str();
        Self::ALL
            .into_iter()
            .find(|s| s.key() == w || s.label().to_lowercase().replace(' ', "_") == w)
            .or(match w {
                "prickling" | "pins_and_needles" => Some(Self::Tingling),
                "lancinating" => Some(Self::Shooting),
                "allodynia" | "touch" => Some(Self::LightTouch),
                "overall_pain" | "overall" => Some(Self::OverallPain),
                _ => None,
            })
    }
}

/// Which foot a score is for; symptoms scored once use `Both`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Side {
    /// Both feet, or not foot-specific.
    Both,
    /// The left foot.
    Left,
    /// The right foot.
    Right,
}

impl Side {
    /// Every side.
    pub const ALL: [Self; 3] = [Self::Both, Self::Left, Self::Right];

    /// Database and CSV key.
    pub fn key(self) -> &'static str {
        match self {
            Self::Both => "both",
            Self::Left => "left",
            Self::Right => "right",
        }
    }

    /// Read a key back.
    pub fn parse(word: &str) -> Option<Self> {
        match word.trim().to_ascii_lowercase().as_str() {
            "both" | "" => Some(Self::Both),
            "left" | "l" => Some(Self::Left),
            "right" | "r" => Some(Self::Right),
            _ => None,
        }
    }

    /// Shown after a symptom name: "", " (left)", " (right)".
    pub fn suffix(self) -> &'static str {
        match self {
            Self::Both => "",
            Self::Left => " (left)",
            Self::Right => " (right)",
        }
    }
}

/// A set of 0–10 scores, by symptom and side. Empty means "not scored".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scores(pub BTreeMap<(Symptom, Side), u8>);

impl Scores {
    /// One score.
    pub fn get(&self, symptom: Symptom, side: Side) -> Option<u8> {
        self.0.get(&(symptom, side)).copied()
    }

    /// Set or clear one score (values above 10 are refused by the caller and the database).
    pub fn set(&mut self, symptom: Symptom, side: Side, value: Option<u8>) {
        match value {
            Some(v) => {
                self.0.insert((symptom, side), v.min(10));
            }
            None => {
                self.0.remove(&(symptom, side));
            }
        }
    }

    /// Whether nothing is scored.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Parse `numbness=6,tingling=4,numbness.left=7,sleep=5`. A symptom without a side is for
    /// both feet (or the only score of a single-score symptom).
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut scores = Self::default();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (name, value) = part
                .split_once('=')
                .ok_or_else(|| format!("expected SYMPTOM=0..10, got \"{part}\""))?;
            let (symptom, side) = match name.trim().split_once(['.', ':']) {
                Some((s, f)) => (
                    s,
                    Side::parse(f).ok_or_else(|| {
                        format!("unknown foot \"{f}\" in \"{part}\" (use left, right or both)")
                    })?,
                ),
                None => (name, Side::Both),
            };
            let symptom = Symptom::parse(symptom).ok_or_else(|| {
                format!(
                    "unknown symptom \"{}\" (known: {})",
                    symptom.trim(),
                    Symptom::ALL.map(Symptom::key).join(", ")
                )
            })?;
            if side != Side::Both && !symptom.per_foot() {
                return Err(format!(
                    "{} is scored once, not per foot (\"{part}\")",
                    symptom.key()
                ));
            }
            let value: u8 = value
                .trim()
                .parse()
                .ok()
                .filter(|v| *v <= 10)
                .ok_or_else(|| {
                    format!(
                        "the score for {} must be a whole number from 0 to 10, not \"{}\"",
                        symptom.key(),
                        value.trim()
                    )
                })?;
            scores.set(symptom, side, Some(value));
        }
        Ok(scores)
    }

    /// The same `symptom[.side]=value` text [`Scores::parse`] reads.
    pub fn to_text(&self) -> String {
        self.0
            .iter()
            .map(|((s, f), v)| match f {
                Side::Both => format!("{}={v}", s.key()),
                _ => format!("{}.{}={v}", s.key(), f.key()),
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The neuropathy background on a client's record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Background {
    /// Not recorded.
    #[default]
    Unknown,
    /// Diabetic neuropathy.
    Diabetic,
    /// Neuropathy after chemotherapy.
    Chemotherapy,
    /// Another cause.
    Other,
}

impl Background {
    /// Every choice.
    pub const ALL: [Self; 4] = [
        Self::Unknown,
        Self::Diabetic,
        Self::Chemotherapy,
        Self::Other,
    ];

    /// Database and command-line key.
    pub fn key(self) -> &'static str {
        match self {
            Self::Unknown => "",
            Self::Diabetic => "diabetic",
            Self::Chemotherapy => "chemotherapy",
            Self::Other => "other",
        }
    }

    /// The words shown.
    pub fn label(self) -> &'static str {
        match self {
            Self::Unknown => "Not recorded",
            Self::Diabetic => "Diabetic",
            Self::Chemotherapy => "After chemotherapy",
            Self::Other => "Other",
        }
    }

    /// Read a key back.
    pub fn parse(word: &str) -> Option<Self> {
        match word.trim().to_ascii_lowercase().as_str() {
            "" | "unknown" | "none" => Some(Self::Unknown),
            "diabetic" | "diabetes" => Some(Self::Diabetic),
            "chemotherapy" | "chemo" => Some(Self::Chemotherapy),
            "other" => Some(Self::Other),
            _ => None,
        }
    }
}

/// What a client consented to, each with the date it was given (`YYYY-MM-DD`), or `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Consent {
    /// Consent to treatment.
    pub treatment: Option<String>,
    /// Consent to photos of the feet.
    pub photos: Option<String>,
    /// Consent to share a report (with a GP or referrer).
    pub sharing: Option<String>,
}

/// A client's details.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClientDetails {
    /// Name as the therapist writes it (any script).
    pub name: String,
    /// Initials, used where a full name should not appear (a plan file that may travel).
    pub initials: String,
    /// Year of birth.
    pub born: Option<i32>,
    /// Neuropathy background.
    pub background: Background,
    /// Medicines (free text).
    pub medicines: String,
    /// Conditions (free text).
    pub conditions: String,
    /// GP or referrer.
    pub referrer: String,
    /// Free note.
    pub note: String,
    /// Consent on record.
    pub consent: Consent,
}

impl ClientDetails {
    /// Initials from the name when none were given: the first letter of each word.
    pub fn initials_or_derived(&self) -> String {
        if !self.initials.trim().is_empty() {
            return self.initials.trim().to_owned();
        }
        let words: Vec<&str> = self.name.split_whitespace().collect();
        if words.len() == 1 {
            // One word (common for names written without spaces, e.g. Chinese): its first
            // letter alone is too little to tell clients apart, so keep up to three.
            return words[0].chars().take(3).collect();
        }
        words
            .iter()
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_uppercase)
            .collect()
    }
}

/// A client as listed.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientSummary {
    /// Row id.
    pub id: Id,
    /// Name.
    pub name: String,
    /// Initials (as recorded, else derived).
    pub initials: String,
    /// Number of sessions.
    pub sessions: u32,
    /// Date of the latest session.
    pub last_session: Option<String>,
    /// When the next follow-up of the latest session is due, if one is still missing.
    pub followup_due: Option<FollowupDue>,
    /// Whether any follow-up reported an urgent sign not yet seen at a later session.
    pub urgent: bool,
}

/// A follow-up still to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowupDue {
    /// The session it follows.
    pub session: Id,
    /// 24 or 48.
    pub hours: u32,
    /// The day it is due (`YYYY-MM-DD`).
    pub date: String,
}

/// A session as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// Row id.
    pub id: Id,
    /// Its client.
    pub client: Id,
    /// Session date.
    pub date: String,
    /// The plan as delivered (the RON text of a `*.plan.ron`): a snapshot, never a link.
    pub plan_ron: String,
    /// The screening verdict shown when it was recorded ("Go", "Adapt", "Stop", …).
    pub verdict: String,
    /// Scores before the session.
    pub pre: Scores,
    /// Scores after it.
    pub post: Scores,
    /// SOAP note.
    pub soap: Soap,
    /// When it was signed; a signed session cannot change, only gain addenda.
    pub signed_at: Option<String>,
    /// Addenda, oldest first.
    pub addenda: Vec<Addendum>,
    /// Follow-ups, in order recorded.
    pub followups: Vec<Followup>,
    /// What delivering it added: steps as delivered, findings, touch test, photos.
    pub delivery: super::delivery::Delivery,
}

impl Session {
    /// Whether it is signed.
    pub fn is_signed(&self) -> bool {
        self.signed_at.is_some()
    }
}

/// A SOAP note.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Soap {
    /// Subjective: what the client reports, in their words.
    pub subjective: String,
    /// Objective: what the therapist sees and measures.
    pub objective: String,
    /// Assessment: the response to the session.
    pub assessment: String,
    /// Plan: next session, home care, referral.
    pub plan: String,
}

impl Soap {
    /// The four parts with their headings.
    pub fn parts(&self) -> [(&'static str, &str); 4] {
        [
            ("Subjective", self.subjective.as_str()),
            ("Objective", self.objective.as_str()),
            ("Assessment", self.assessment.as_str()),
            ("Plan", self.plan.as_str()),
        ]
    }

    /// Whether all four parts are empty.
    pub fn is_empty(&self) -> bool {
        self.parts().iter().all(|(_, t)| t.trim().is_empty())
    }
}

/// A dated addendum to a signed session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Addendum {
    /// Row id.
    pub id: Id,
    /// When it was written.
    pub written_at: String,
    /// What it says.
    pub text: String,
}

/// How an aftercare item compares with before the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Change {
    /// Not asked or not answered.
    #[default]
    NotAsked,
    /// About the same, or nothing new.
    Same,
    /// Better.
    Better,
    /// Worse, or something new.
    Worse,
}

impl Change {
    /// Every choice.
    pub const ALL: [Self; 4] = [Self::NotAsked, Self::Same, Self::Better, Self::Worse];

    /// Database key.
    pub fn key(self) -> &'static str {
        match self {
            Self::NotAsked => "",
            Self::Same => "same",
            Self::Better => "better",
            Self::Worse => "worse",
        }
    }

    /// Words shown.
    pub fn label(self) -> &'static str {
        match self {
            Self::NotAsked => "Not asked",
            Self::Same => "Same / nothing new",
            Self::Better => "Better",
            Self::Worse => "Worse / new",
        }
    }

    /// Read a key back.
    pub fn parse(word: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.key() == word.trim())
    }
}

/// The items of the aftercare sheet a follow-up asks about, in the sheet's order.
pub const FOLLOWUP_ITEMS: [&str; 6] = [
    "Tingling or numbness",
    "Pain",
    "Colour or temperature",
    "Skin",
    "Sleep",
    "Overall",
];

/// An urgent sign from the aftercare sheet's list, in its order (`aftercare.ron`, `urgent`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum UrgentSign {
    /// Numbness or tingling spreading or getting quickly worse.
    SpreadingNumbness,
    /// New weakness in a foot or leg.
    NewWeakness,
    /// A wound, blister or break in the skin.
    Wound,
    /// Spreading redness or swelling; a hot, red, swollen foot.
    HotRedSwelling,
    /// Fever or feeling unwell.
    Fever,
    /// Pain that does not ease or is much worse than usual.
    SeverePain,
    /// Pain, swelling, warmth or redness in one calf.
    CalfPain,
    /// Chest pain or sudden breathlessness.
    ChestPain,
    /// Something the client reported as worrying that is none of the listed signs; their words
    /// are in the follow-up's note. Not in [`UrgentSign::ALL`] (that list mirrors the aftercare
    /// sheet) and without advice of its own on the sheet: see [`UrgentSign::advice`].
    ///
    /// Why a variant and not a dropped report: text the app cannot match to a sign must still
    /// count as urgent, be listed as such and reach the next session's screening.
    Unlisted,
}

impl UrgentSign {
    /// Every sign, in the aftercare sheet's order.
    pub const ALL: [Self; 8] = [
        Self::SpreadingNumbness,
        Self::NewWeakness,
        Self::Wound,
        Self::HotRedSwelling,
        Self::Fever,
        Self::SeverePain,
        Self::CalfPain,
        Self::ChestPain,
    ];

    /// Database key.
    pub fn key(self) -> &'static str {
        match self {
            Self::SpreadingNumbness => "spreading_numbness",
            Self::NewWeakness => "new_weakness",
            Self::Wound => "wound",
            Self::HotRedSwelling => "hot_red_swelling",
            Self::Fever => "fever",
            Self::SeverePain => "severe_pain",
            Self::CalfPain => "calf_pain",
            Self::ChestPain => "chest_pain",
            Self::Unlisted => "unlisted",
        }
    }

    /// Short words for a checkbox.
    pub fn label(self) -> &'static str {
        match self {
            Self::SpreadingNumbness => "Spreading numbness or tingling",
            Self::NewWeakness => "New weakness",
            Self::Wound => "A wound, blister or broken skin",
            Self::HotRedSwelling => "Hot, red or spreading swelling",
            Self::Fever => "Fever or feeling unwell",
            Self::SeverePain => "Pain much worse than usual",
            Self::CalfPain => "Calf pain or swelling",
            Self::ChestPain => "Chest pain or sudden breathlessness",
            Self::Unlisted => "Another worrying sign (see the note)",
        }
    }

    /// Its place in the aftercare sheet's `urgent` list, whose text is the advice shown.
    /// [`UrgentSign::Unlisted`] has no place there: its index is one past the list, so
    /// `urgent.get(i)` finds nothing rather than another sign's advice (prefer
    /// [`UrgentSign::advice`]).
    pub fn index(self) -> usize {
        Self::ALL
            .iter()
            .position(|s| *s == self)
            .unwrap_or(Self::ALL.len())
    }

    /// The advice to show for this sign, from the aftercare sheet's `urgent` list; for an
    /// unlisted sign, a general line (the sheet has nothing specific to say).
    pub fn advice(self, urgent: &[String]) -> String {
        match urgent.get(self.index()) {
            Some(text) => text.clone(),
            None => UNLISTED_ADVICE.to_owned(),
        }
    }

    /// Read a key back, or find the sign a free-text report names ("a wound on the heel").
    /// Text naming none of the listed signs gives `None` (the caller decides whether it is
    /// [`UrgentSign::Unlisted`]).
    pub fn parse(word: &str) -> Option<Self> {
        let w = word.trim().to_lowercase().replace(['-', ' '], "_");
        if w == Self::Unlisted.key() {
            return Some(Self::Unlisted);
        }
        if let Some(s) = Self::ALL.into_iter().find(|s| s.key() == w) {
            return Some(s);
        }
        let w = word.to_lowercase();
        let has = |words: &[&str]| words.iter().any(|x| w.contains(x));
        if has(&["chest", "breathless"]) {
            Some(Self::ChestPain)
        } else if has(&["calf"]) {
            Some(Self::CalfPain)
        } else if has(&["fever", "shiver", "temperature"]) {
            Some(Self::Fever)
        } else if has(&["wound", "blister", "broken skin", "cut", "ulcer"]) {
            Some(Self::Wound)
        } else if has(&["weak", "drag", "tripping"]) {
            Some(Self::NewWeakness)
        } else if has(&["spreading numb", "numbness spreading", "spreading tingl"]) {
            Some(Self::SpreadingNumbness)
        } else if has(&["swell", "red", "hot"]) {
            Some(Self::HotRedSwelling)
        } else if has(&["pain"]) {
            Some(Self::SeverePain)
        } else {
            None
        }
    }
}

/// What is shown for an urgent sign that is none of the aftercare sheet's signs.
pub const UNLISTED_ADVICE: &str = "This is not one of the signs on the aftercare sheet, so the \
    app has no specific advice for it. Read the client's own words and use your judgement: if it \
    could be serious, ask them to contact their doctor today, or emergency services if it feels \
    like an emergency.";

/// A 24 or 48 hour follow-up.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Followup {
    /// Row id (0 before it is stored).
    pub id: Id,
    /// 24 or 48.
    pub hours: u32,
    /// The day it was taken (`YYYY-MM-DD`).
    pub date: String,
    /// The same scores as a session.
    pub scores: Scores,
    /// The aftercare items ([`FOLLOWUP_ITEMS`]), each compared with before the session.
    pub items: [Change; 6],
    /// Urgent signs reported.
    pub urgent: Vec<UrgentSign>,
    /// The client's words about an urgent sign, or anything else.
    pub note: String,
}

impl Followup {
    /// Whether an urgent sign was reported.
    pub fn is_urgent(&self) -> bool {
        !self.urgent.is_empty()
    }
}

/// An urgent sign waiting to be seen at the next session's screening.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrgentFlag {
    /// The session the follow-up was for.
    pub session: Id,
    /// That session's date.
    pub session_date: String,
    /// The follow-up's hours.
    pub hours: u32,
    /// The follow-up's date.
    pub date: String,
    /// The signs.
    pub signs: Vec<UrgentSign>,
    /// The note.
    pub note: String,
}

/// Everything a client's page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientRecord {
    /// Row id.
    pub id: Id,
    /// Details and consent.
    pub details: ClientDetails,
    /// When the record was created.
    pub created: String,
    /// Sessions, oldest first, each with its addenda and follow-ups.
    pub sessions: Vec<Session>,
}

impl ClientRecord {
    /// Urgent signs from follow-ups after the latest session (what the next session's
    /// screening must show).
    pub fn open_urgent_flags(&self) -> Vec<UrgentFlag> {
        let Some(last) = self.sessions.last() else {
            return Vec::new();
        };
        last.followups
            .iter()
            .filter(|f| f.is_urgent())
            .map(|f| UrgentFlag {
                session: last.id,
                session_date: last.date.clone(),
                hours: f.hours,
                date: f.date.clone(),
                signs: f.urgent.clone(),
                note: f.note.clone(),
            })
            .collect()
    }

    /// The next follow-up due for the latest session, if any is missing.
    pub fn followup_due(&self) -> Option<FollowupDue> {
        let last = self.sessions.last()?;
        followup_due(last.id, &last.date, last.followups.iter().map(|f| f.hours))
    }
}

/// The next follow-up due for a session on `date` with follow-ups at `done` hours.
pub fn followup_due(
    session: Id,
    date: &str,
    done: impl Iterator<Item = u32> + Clone,
) -> Option<FollowupDue> {
    let day = super::date::parse(date).ok()?;
    [24u32, 48].into_iter().find_map(|h| {
        (!done.clone().any(|d| d == h)).then(|| FollowupDue {
            session,
            hours: h,
            date: super::date::iso(day + i64::from(h / 24)),
        })
    })
}

impl fmt::Display for FollowupDue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} h on {}", self.hours, self.date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_parse_per_foot_and_refuse_bad_input() {
        let s = Scores::parse("numbness=6, tingling=4,numbness.left=7, sleep=5").unwrap();
        assert_eq!(s.get(Symptom::Numbness, Side::Both), Some(6));
        assert_eq!(s.get(Symptom::Numbness, Side::Left), Some(7));
        assert_eq!(s.get(Symptom::Sleep, Side::Both), Some(5));
        assert_eq!(Scores::parse(&s.to_text()).unwrap(), s);
        assert!(
            Scores::parse("numbness=11")
                .unwrap_err()
                .contains("0 to 10")
        );
        assert!(Scores::parse("numbness=-1").is_err());
        assert!(
            Scores::parse("itch=3")
                .unwrap_err()
                .contains("unknown symptom \"itch\"")
        );
        assert!(Scores::parse("sleep.left=3").unwrap_err().contains("once"));
        assert!(Scores::parse("numbness").is_err());
        assert_eq!(Scores::parse("").unwrap(), Scores::default());
        assert_eq!(
            Scores::parse("light-touch=2,overall=3").unwrap().to_text(),
            "light_touch=2, pain=3"
        );
    }

    #[test]
    fn initials_come_from_the_name_in_any_script() {
        let d = |name: &str| ClientDetails {
            name: name.to_owned(),
            ..ClientDetails::default()
        };
        assert_eq!(d("Mary Ann Smith").initials_or_derived(), "MAS");
        assert_eq!(d("王小明").initials_or_derived(), "王小明");
        assert_eq!(d("Ωμέγα Άλφα").initials_or_derived(), "ΩΆ");
    }

    #[test]
    fn urgent_signs_follow_the_aftercare_sheet_and_free_text_finds_them() {
        let library = crate::load::embedded_content().expect("content").library;
        assert_eq!(UrgentSign::ALL.len(), library.aftercare.urgent.len());
        assert!(library.aftercare.urgent[UrgentSign::CalfPain.index()].contains("calf"));
        assert!(library.aftercare.urgent[UrgentSign::ChestPain.index()].contains("Chest"));
        assert!(library.aftercare.urgent[UrgentSign::Wound.index()].contains("wound"));
        assert_eq!(UrgentSign::parse("wound"), Some(UrgentSign::Wound));
        assert_eq!(
            UrgentSign::parse("a small blister on the left heel"),
            Some(UrgentSign::Wound)
        );
        assert_eq!(UrgentSign::parse("calf hurts"), Some(UrgentSign::CalfPain));
        assert_eq!(UrgentSign::parse("felt fine"), None);
        assert_eq!(UrgentSign::parse("unlisted"), Some(UrgentSign::Unlisted));
        assert!(!UrgentSign::ALL.contains(&UrgentSign::Unlisted));
        assert_eq!(
            UrgentSign::Unlisted.advice(&library.aftercare.urgent),
            UNLISTED_ADVICE
        );
        assert_eq!(
            UrgentSign::Fever.advice(&library.aftercare.urgent),
            library.aftercare.urgent[UrgentSign::Fever.index()]
        );
    }

    #[test]
    fn follow_ups_fall_due_a_day_and_two_days_after() {
        let due = followup_due(3, "2026-11-30", [].into_iter()).unwrap();
        assert_eq!((due.hours, due.date.as_str()), (24, "2026-12-01"));
        let due = followup_due(3, "2026-11-30", [24].into_iter()).unwrap();
        assert_eq!((due.hours, due.date.as_str()), (48, "2026-12-02"));
        assert_eq!(followup_due(3, "2026-11-30", [24, 48].into_iter()), None);
    }
}
