//! The library: techniques, evidence (citations and graded claims), chart sources, screening
//! rules, plan templates and aftercare text.

use serde::{Deserialize, Serialize};

use super::{FootSel, Pressure, PressureRange};

/// What kind of contact a technique makes: the property screening rules check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Contact {
    /// Narrow pressure concentrated on one small spot (hook in and back up, rotation on a
    /// point). Forbidden where a rule says "no pin-point moves".
    PinPoint,
    /// Small creeping steps along an area (thumb and finger walking).
    Walking,
    /// A still, broad contact held for a few breaths.
    Sustained,
    /// Gliding strokes over the skin (warm-up strokes, feathering, sweeps).
    Sweeping,
    /// Moving or stretching the foot or leg rather than pressing an area (ankle rotation,
    /// twists, kneading, stretches).
    Mobilising,
}

impl Contact {
    /// The word a user reads.
    pub fn label(self) -> &'static str {
        match self {
            Self::PinPoint => "Pin-point",
            Self::Walking => "Walking",
            Self::Sustained => "Sustained",
            Self::Sweeping => "Sweeping",
            Self::Mobilising => "Mobilising",
        }
    }
}

/// A hands-on technique.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Technique {
    /// Stable snake_case id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What it is, in one or two sentences.
    pub summary: String,
    /// How to do it, step by step.
    pub steps: Vec<String>,
    /// Pressure range on the five-level scale for a healthy, sensate foot.
    pub pressure: PressureRange,
    /// Typical duration, in words ("1–2 minutes per foot").
    pub duration: String,
    /// Direction of work.
    pub direction: String,
    /// What changes for numb or painful feet.
    pub at_risk_feet: String,
    /// How the move is done on the hand (the steps are written for the foot); empty for a move
    /// not used on the hands.
    #[serde(default)]
    pub on_hands: String,
    /// What changes for numb, painful, arthritic or fragile hands; empty for a move not used
    /// on the hands.
    #[serde(default)]
    pub at_risk_hands: String,
    /// The kind of contact, which screening rules check (no pin-point moves on numb feet …).
    pub contact: Contact,
    /// Whether the technique strokes up the lower leg (checked by rules that forbid leg
    /// sweeps: clot risk, pregnancy, varicose veins).
    #[serde(default)]
    pub strokes_up_leg: bool,
    /// Whether the technique presses, strokes or stretches the calf (sweeps up the leg, the
    /// towel calf stretch). Why separate from `strokes_up_leg`: a calf stretch strokes nothing
    /// but still works a calf that may hide a clot, so rules that forbid leg sweeps flag it too.
    #[serde(default)]
    pub works_calf: bool,
}

impl Technique {
    /// Whether the technique can be done at a pressure inside `range`.
    pub fn fits(&self, range: PressureRange) -> bool {
        self.pressure.min <= range.max && range.min <= self.pressure.max
    }
}

/// How much a claim is supported (the vocabulary of `evidence.md` §0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub enum Grade {
    /// A guideline or systematic review rated the evidence moderate; benefit > harm.
    SupportedModerate,
    /// Several small, mostly unblinded trials point the same way.
    SupportedLow,
    /// One or two small trials at high risk of bias.
    SupportedVeryLow,
    /// Trials disagree, or positive only on some measures.
    Mixed,
    /// No adequate trial, or a single unreplicated study.
    Unsupported,
    /// Better-controlled studies point against the claim.
    Contradicted,
}

impl Grade {
    /// Every grade, strongest first.
    pub const ALL: [Grade; 6] = [
        Self::SupportedModerate,
        Self::SupportedLow,
        Self::SupportedVeryLow,
        Self::Mixed,
        Self::Unsupported,
        Self::Contradicted,
    ];

    /// The badge text.
    pub fn label(self) -> &'static str {
        match self {
            Self::SupportedModerate => "Supported – moderate",
            Self::SupportedLow => "Supported – low",
            Self::SupportedVeryLow => "Supported – very low",
            Self::Mixed => "Mixed",
            Self::Unsupported => "Unsupported",
            Self::Contradicted => "Contradicted",
        }
    }

    /// Whether the grade says the claim is (at least weakly) supported.
    pub fn is_positive(self) -> bool {
        matches!(
            self,
            Self::SupportedModerate | Self::SupportedLow | Self::SupportedVeryLow
        )
    }

    /// What the grade means, in one sentence.
    pub fn meaning(self) -> &'static str {
        match self {
            Self::SupportedModerate => {
                "A guideline or systematic review rated the evidence moderate, with benefit outweighing harm."
            }
            Self::SupportedLow => {
                "Several small trials point the same way, but they are mostly unblinded and compared with usual care."
            }
            Self::SupportedVeryLow => "One or two small trials with a high risk of bias.",
            Self::Mixed => "Trials disagree, or the results are positive only on some measures.",
            Self::Unsupported => "No adequate trial, or only a single unreplicated study.",
            Self::Contradicted => "Better-controlled studies point against the claim.",
        }
    }
}

/// A published source with its identifiers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Citation {
    /// Stable id, e.g. `ernst_2009`.
    pub id: String,
    /// Authors as printed ("Ernst E").
    pub authors: String,
    /// Year of publication.
    pub year: u16,
    /// Title.
    pub title: String,
    /// Journal and volume/pages.
    pub journal: String,
    /// DOI without the `doi:` prefix.
    #[serde(default)]
    pub doi: Option<String>,
    /// PubMed id.
    #[serde(default)]
    pub pmid: Option<String>,
    /// PubMed Central id.
    #[serde(default)]
    pub pmcid: Option<String>,
    /// Study design and size ("RCT, 58 people").
    pub design: String,
    /// What the authors concluded, in our words.
    pub conclusion: String,
    /// What could not be verified, if anything. A citation with no DOI or PMID must say why here.
    #[serde(default)]
    pub unverified: Option<String>,
}

impl Citation {
    /// The best link for the citation: DOI first, then PubMed, then PMC.
    pub fn url(&self) -> Option<String> {
        if let Some(doi) = &self.doi {
            Some(format!("https://doi.org/{doi}"))
        } else if let Some(pmid) = &self.pmid {
            Some(format!("https://pubmed.ncbi.nlm.nih.gov/{pmid}/"))
        } else {
            self.pmcid
                .as_ref()
                .map(|id| format!("https://www.ncbi.nlm.nih.gov/pmc/articles/{id}/"))
        }
    }

    /// "Ernst 2009" style short label.
    pub fn short(&self) -> String {
        let first = self
            .authors
            .split([',', ' '])
            .next()
            .unwrap_or(&self.authors);
        format!("{first} {}", self.year)
    }
}

/// A claim people make about reflexology, with its grade.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// Stable id: `C1` … `C14`, or `tradition_not_anatomy` style ids for chart-wide caveats.
    pub id: String,
    /// The claim as commonly made.
    pub claim: String,
    /// Topic, for filtering ("neuropathy", "mood & sleep", "safety", "the map").
    pub topic: String,
    /// The grade.
    pub grade: Grade,
    /// The honest plain-language sentence shown to users.
    pub plain: String,
    /// Citation ids behind the grade.
    pub citations: Vec<String>,
}

/// What a zone card and the Evidence window say next to a positive claim shown on a zone.
pub const NOT_AREA_SPECIFIC: &str = "This effect, where it occurs, belongs to a gentle, attentive treatment of the feet or hands as a whole: it is not specific to this area of the chart, and trials have not shown that working this area adds anything.";

impl Claim {
    /// For a positive claim, the statement that its effect is not specific to any area of the
    /// chart ([`NOT_AREA_SPECIFIC`]); `None` for unsupported or contradicted claims. Why: a
    /// positive grade shown on one zone would otherwise read as proof that the map works.
    pub fn area_note(&self) -> Option<&'static str> {
        self.grade.is_positive().then_some(NOT_AREA_SPECIFIC)
    }
}

/// A source for chart placement (S1 … S23 of `zones.md`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChartSource {
    /// Key used by zones (`S1`).
    pub key: String,
    /// What it is.
    pub title: String,
    /// How much weight it carries ("primary", "secondary", "low").
    pub authority: String,
}

/// Everything in `evidence.ron`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Evidence {
    /// Published sources.
    pub citations: Vec<Citation>,
    /// Graded claims.
    pub claims: Vec<Claim>,
    /// Sources of chart placements.
    #[serde(default)]
    pub chart_sources: Vec<ChartSource>,
}

/// What a screening answer means for the session, worst last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub enum Action {
    /// Go ahead as planned.
    Proceed,
    /// Go ahead with the rule's adaptations.
    Adapt,
    /// Not today: reschedule.
    Defer,
    /// Only after the client's clinician agrees.
    MedicalClearance,
    /// Do not treat; refer.
    StopAndRefer,
}

impl Action {
    /// The word a user reads.
    pub fn label(self) -> &'static str {
        match self {
            Self::Proceed => "Proceed",
            Self::Adapt => "Adapt",
            Self::Defer => "Defer",
            Self::MedicalClearance => "Medical clearance first",
            Self::StopAndRefer => "Stop and refer",
        }
    }
}

/// How much weight a screening source carries (`evidence.md` §C).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Authority {
    /// Guideline or major clinical body.
    Guideline,
    /// Cancer charity, hospital or university clinical source.
    Clinical,
    /// Professional reflexology body.
    Professional,
    /// Systematic review of trials.
    SystematicReview,
    /// A clinical trial or other peer-reviewed study (not a review).
    Trial,
    /// Case report or peer-reviewed evidence of harm.
    CaseReport,
    /// Individual practitioner websites (weak).
    Practitioner,
    /// No authoritative statement found: clinical judgement.
    ClinicalJudgement,
}

impl Authority {
    /// The word a user reads.
    pub fn label(self) -> &'static str {
        match self {
            Self::Guideline => "Guideline",
            Self::Clinical => "Clinical source",
            Self::Professional => "Professional body",
            Self::SystematicReview => "Systematic review",
            Self::Trial => "Trial or study",
            Self::CaseReport => "Case report",
            Self::Practitioner => "Practitioner sites (weak)",
            Self::ClinicalJudgement => "Clinical judgement",
        }
    }
}

/// Concrete changes an "adapt" (or a clearance) answer brings to the session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Adaptation {
    /// No step may exceed this pressure.
    #[serde(default)]
    pub pressure_cap: Option<Pressure>,
    /// Zone ids to leave out.
    #[serde(default)]
    pub avoid_zones: Vec<String>,
    /// A foot to leave out (`Both` = no foot work at all).
    #[serde(default)]
    pub avoid_foot: Option<FootSel>,
    /// No heat of any kind.
    #[serde(default)]
    pub no_heat: bool,
    /// No pin-point moves ([`Contact::PinPoint`]): a step using one is flagged.
    #[serde(default)]
    pub no_pin_point: bool,
    /// No strokes up the leg ([`Technique::strokes_up_leg`]) and no calf work
    /// ([`Technique::works_calf`]): a step using either is flagged.
    #[serde(default)]
    pub no_leg_sweeps: bool,
    /// Other instructions in plain words.
    #[serde(default)]
    pub notes: Vec<String>,
}

/// Groups for the screening checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub enum RuleGroup {
    /// DVT, anticoagulants, PAD, oedema.
    CirculationClotting,
    /// Wounds, ulcers, infection.
    SkinInfection,
    /// Loss of sensation, allodynia, diabetes.
    SensationNeuropathy,
    /// Fractures, sprains, surgery, gout.
    Injury,
    /// Medicines and treatments.
    Medication,
    /// Pregnancy.
    Pregnancy,
    /// Everything else.
    Other,
}

impl RuleGroup {
    /// Every group, in checklist order.
    pub const ALL: [RuleGroup; 7] = [
        Self::CirculationClotting,
        Self::SkinInfection,
        Self::SensationNeuropathy,
        Self::Injury,
        Self::Medication,
        Self::Pregnancy,
        Self::Other,
    ];

    /// The heading a user reads.
    pub fn label(self) -> &'static str {
        match self {
            Self::CirculationClotting => "Circulation and clotting",
            Self::SkinInfection => "Skin and infection",
            Self::SensationNeuropathy => "Sensation and neuropathy",
            Self::Injury => "Injury",
            Self::Medication => "Medication",
            Self::Pregnancy => "Pregnancy",
            Self::Other => "Other",
        }
    }
}

/// A screening question and what a "yes" means.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScreeningRule {
    /// Stable snake_case id.
    pub id: String,
    /// Checklist group.
    pub group: RuleGroup,
    /// The question as a therapist would ask it (a "yes" triggers the action).
    pub question: String,
    /// Why it matters, in one or two sentences.
    pub why: String,
    /// What to do on "yes".
    pub action: Action,
    /// What "adapt" (or a cleared session) means concretely.
    #[serde(default)]
    pub adaptation: Adaptation,
    /// The source(s), in words.
    pub source: String,
    /// Citation ids, where the source is in the evidence library.
    #[serde(default)]
    pub citations: Vec<String>,
    /// The strongest authority behind the rule.
    pub authority: Authority,
    /// What a "yes" means for a session on the hands instead. Set for a local foot problem
    /// (an ulcer, a wound, gout, a cast, painful feet), which the hands go round; `None` for
    /// a whole-body red flag (a clot, fever, chest pain), which stays as it is whatever is
    /// worked: the hands are no way round it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_hands: Option<Action>,
    /// Asked only of a session on this chart (the hand questions: a fistula arm, hand
    /// wounds); `None` = asked of every session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub only_on: Option<super::Limb>,
}

impl ScreeningRule {
    /// Whether the question is asked of a session on `limb`.
    pub fn asked_of(&self, limb: super::Limb) -> bool {
        self.only_on.is_none_or(|l| l == limb)
    }

    /// What a "yes" means for a session on `limb` ([`ScreeningRule::on_hands`]).
    pub fn action_on(&self, limb: super::Limb) -> Action {
        match limb {
            super::Limb::Hand => self.on_hands.unwrap_or(self.action),
            super::Limb::Foot => self.action,
        }
    }
}

/// One step of a template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TemplateStep {
    /// Zone id, or `None` for a whole-foot move (warm-up, relaxation).
    #[serde(default)]
    pub zone: Option<String>,
    /// Title for a whole-foot step ("Warm-up").
    #[serde(default)]
    pub title: Option<String>,
    /// Which foot.
    #[serde(default)]
    pub foot: FootSel,
    /// Technique id.
    pub technique: String,
    /// Pressure.
    pub pressure: Pressure,
    /// Minutes.
    pub minutes: f32,
    /// A note for the therapist.
    #[serde(default)]
    pub note: String,
}

/// A session template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Template {
    /// Stable snake_case id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Who it is for and how it runs.
    pub description: String,
    /// Recommended session length range in minutes.
    pub session_minutes: (u32, u32),
    /// The chart the template is for: its zone ids are that chart's (feet unless it says).
    #[serde(default)]
    pub limb: super::Limb,
    /// The steps in order.
    pub steps: Vec<TemplateStep>,
}

/// Aftercare handout text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Aftercare {
    /// Heading.
    pub title: String,
    /// Short introduction.
    pub intro: String,
    /// Things to do in the next day or two.
    pub advice: Vec<String>,
    /// What to watch for over 24–48 hours.
    pub track: Vec<String>,
    /// Signs that need urgent medical review.
    pub urgent: Vec<String>,
    /// The handout after a session on the hands (the urgent signs are the same).
    #[serde(default)]
    pub on_hands: Option<HandAftercare>,
}

/// The parts of the aftercare handout that differ after a session on the hands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct HandAftercare {
    /// Heading.
    pub title: String,
    /// Short introduction.
    pub intro: String,
    /// Things to do in the next day or two.
    pub advice: Vec<String>,
    /// What to watch for over 24–48 hours.
    pub track: Vec<String>,
}

/// The handout's words for one kind of session: borrowed from [`Aftercare`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AftercareText<'a> {
    /// Heading.
    pub title: &'a str,
    /// Short introduction.
    pub intro: &'a str,
    /// Things to do in the next day or two.
    pub advice: &'a [String],
    /// What to watch for over 24–48 hours.
    pub track: &'a [String],
    /// Signs that need urgent medical review.
    pub urgent: &'a [String],
}

impl Aftercare {
    /// The handout for a session on `limb`: the hand words after a hand session when the
    /// library has them, else the foot ones.
    pub fn for_limb(&self, limb: super::Limb) -> AftercareText<'_> {
        match (&self.on_hands, limb) {
            (Some(h), super::Limb::Hand) => AftercareText {
                title: &h.title,
                intro: &h.intro,
                advice: &h.advice,
                track: &h.track,
                urgent: &self.urgent,
            },
            _ => AftercareText {
                title: &self.title,
                intro: &self.intro,
                advice: &self.advice,
                track: &self.track,
                urgent: &self.urgent,
            },
        }
    }
}

/// The whole library, as loaded from `assets/library/`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Library {
    /// Techniques.
    pub techniques: Vec<Technique>,
    /// Evidence.
    pub evidence: Evidence,
    /// Screening rules.
    pub rules: Vec<ScreeningRule>,
    /// Templates.
    pub templates: Vec<Template>,
    /// Aftercare.
    pub aftercare: Aftercare,
}

impl Library {
    /// A technique by id.
    pub fn technique(&self, id: &str) -> Option<&Technique> {
        self.techniques.iter().find(|t| t.id == id)
    }

    /// A claim by id.
    pub fn claim(&self, id: &str) -> Option<&Claim> {
        self.evidence.claims.iter().find(|c| c.id == id)
    }

    /// A citation by id.
    pub fn citation(&self, id: &str) -> Option<&Citation> {
        self.evidence.citations.iter().find(|c| c.id == id)
    }

    /// A screening rule by id.
    pub fn rule(&self, id: &str) -> Option<&ScreeningRule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// The screening questions asked of a session on `limb` (the hand questions only of a
    /// session on the hands).
    pub fn rules_for(&self, limb: super::Limb) -> impl Iterator<Item = &ScreeningRule> {
        self.rules.iter().filter(move |r| r.asked_of(limb))
    }

    /// A template by id.
    pub fn template(&self, id: &str) -> Option<&Template> {
        self.templates.iter().find(|t| t.id == id)
    }
}
