//! The foot chart: views with their outlines, guide lines and reflex zones.

use serde::{Deserialize, Serialize};

use super::{Limb, ViewKind};

/// A point in a view's normalized coordinates, always given for the **left** foot.
///
/// Plantar and dorsal views: `(x, y)` with x = 0 at the medial (big-toe) edge → 1 at the
/// lateral edge, y = 0 at the big-toe tip → 1 at the back of the heel.
/// Medial and lateral views: `(y, h)` with y as above and h = 0 at the sole → 1 at the top of
/// the foot at the ankle crease.
pub type Pt = (f32, f32);

/// Which foot a shape (or a plan step) belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum FootSel {
    /// Drawn on both feet (mirrored on the right).
    #[default]
    Both,
    /// Left foot only.
    Left,
    /// Right foot only.
    Right,
}

impl FootSel {
    /// The word a user reads.
    pub fn label(self) -> &'static str {
        match self {
            Self::Both => "Both feet",
            Self::Left => "Left foot",
            Self::Right => "Right foot",
        }
    }

    /// The words for a chart of `limb`: "Both hands", "Left hand".
    pub fn label_for(self, limb: Limb) -> String {
        match self {
            Self::Both => format!("Both {}", limb.both()),
            Self::Left => format!("Left {}", limb.one()),
            Self::Right => format!("Right {}", limb.one()),
        }
    }

    /// Whether a shape on `self` shows on the given single foot.
    pub fn includes(self, foot: Foot) -> bool {
        matches!(
            (self, foot),
            (Self::Both, _) | (Self::Left, Foot::Left) | (Self::Right, Foot::Right)
        )
    }
}

/// A single foot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub enum Foot {
    /// The client's left foot.
    Left,
    /// The client's right foot.
    Right,
}

impl Foot {
    /// The word a user reads.
    pub fn label(self) -> &'static str {
        match self {
            Self::Left => "Left",
            Self::Right => "Right",
        }
    }
}

/// Body systems, used for colour and filtering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub enum BodySystem {
    /// Brain, nerves, solar plexus.
    Nervous,
    /// Glands: pituitary, thyroid, adrenals, pancreas.
    Endocrine,
    /// Eyes, ears, face, teeth.
    SensoryHead,
    /// Lungs, sinuses, diaphragm.
    Respiratory,
    /// Heart.
    Cardiovascular,
    /// Stomach, liver, intestines.
    Digestive,
    /// Kidneys, ureters, bladder.
    Urinary,
    /// Spleen and lymph areas.
    Lymphatic,
    /// Spine, joints, limbs.
    Musculoskeletal,
    /// Uterus, prostate, ovaries, testes.
    Reproductive,
}

impl BodySystem {
    /// Every system, in legend order.
    pub const ALL: [BodySystem; 10] = [
        Self::Nervous,
        Self::Endocrine,
        Self::SensoryHead,
        Self::Respiratory,
        Self::Cardiovascular,
        Self::Digestive,
        Self::Urinary,
        Self::Lymphatic,
        Self::Musculoskeletal,
        Self::Reproductive,
    ];

    /// The word a user reads.
    pub fn label(self) -> &'static str {
        match self {
            Self::Nervous => "Nervous",
            Self::Endocrine => "Endocrine",
            Self::SensoryHead => "Head & senses",
            Self::Respiratory => "Respiratory",
            Self::Cardiovascular => "Cardiovascular",
            Self::Digestive => "Digestive",
            Self::Urinary => "Urinary",
            Self::Lymphatic => "Lymphatic",
            Self::Musculoskeletal => "Musculoskeletal",
            Self::Reproductive => "Reproductive",
        }
    }
}

/// The five-level pressure scale used everywhere (techniques, zones, plan steps, screening caps).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub enum Pressure {
    /// Skin-surface contact only.
    Feather,
    /// Light: no blanching of the skin.
    Light,
    /// Moderate: comfortable, firm contact.
    Moderate,
    /// Firm: deliberate pressure, for healthy sensate feet.
    Firm,
    /// Deep: strong pressure, never on at-risk feet.
    Deep,
}

impl Pressure {
    /// Every grade, lightest first.
    pub const ALL: [Pressure; 5] = [
        Self::Feather,
        Self::Light,
        Self::Moderate,
        Self::Firm,
        Self::Deep,
    ];

    /// The word a user reads.
    pub fn label(self) -> &'static str {
        match self {
            Self::Feather => "Feather",
            Self::Light => "Light",
            Self::Moderate => "Moderate",
            Self::Firm => "Firm",
            Self::Deep => "Deep",
        }
    }

    /// 1 (feather) to 5 (deep).
    pub fn level(self) -> u8 {
        self as u8 + 1
    }
}

/// An inclusive range on the pressure scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PressureRange {
    /// Lightest pressure used.
    pub min: Pressure,
    /// Firmest pressure used.
    pub max: Pressure,
}

impl PressureRange {
    /// "Light–moderate", or a single word when min == max.
    pub fn label(&self) -> String {
        if self.min == self.max {
            self.min.label().to_owned()
        } else {
            format!("{}–{}", self.min.label(), self.max.label().to_lowercase())
        }
    }
}

/// The geometry of one zone shape, in the view's normalized coordinates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Geom {
    /// Axis-aligned ellipse: `center` and full `size` (width, height) in normalized units.
    Ellipse {
        /// Centre point.
        center: Pt,
        /// Full width and height.
        size: (f32, f32),
    },
    /// A closed polygon (may be concave; must not self-intersect).
    Polygon {
        /// Vertices in order; the last joins the first.
        points: Vec<Pt>,
    },
    /// A polyline with a width, in units of foot length.
    Band {
        /// The centre line.
        points: Vec<Pt>,
        /// Full width of the band, as a fraction of foot length.
        width: f32,
    },
}

/// One place a zone is drawn: a geometry on a view, on one or both feet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ZoneShape {
    /// The view it is drawn on.
    pub view: ViewKind,
    /// Which feet (a `Both` shape is mirrored onto the right foot).
    #[serde(default)]
    pub foot: FootSel,
    /// The geometry.
    pub geom: Geom,
}

/// A view's outline and proportions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ViewDef {
    /// Which view this is: a name the chart file chooses (`Plantar`, `Palmar`).
    pub view: ViewKind,
    /// What a user reads (the name, when the file gives no label).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Whether the left limb is drawn mirrored, its first coordinate running from the screen's
    /// right to its left (the right limb is always the mirror of the left). By default, as on
    /// the foot chart: mirrored on every view but the lateral.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mirror_left: Option<bool>,
    /// The outline of the left foot, in normalized coordinates.
    pub outline: Vec<Pt>,
    /// Width of the normalized unit square relative to foot length: the foot's width at the
    /// ball for plantar/dorsal, its height at the ankle for side views.
    pub aspect: f32,
    /// Extra lines drawn inside the outline for realism (toe creases, ankle bone), not hit-tested.
    #[serde(default)]
    pub details: Vec<Vec<Pt>>,
}

/// A traditional guide line (shoulder, diaphragm, waist, pelvic …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GuideLine {
    /// Stable id, e.g. `waist_line`.
    pub id: String,
    /// What a user reads.
    pub name: String,
    /// What the tradition says the line represents.
    #[serde(default)]
    pub meaning: String,
    /// The polyline on each view where it is drawn.
    pub paths: Vec<GuidePath>,
}

/// A guide line's polyline on one view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GuidePath {
    /// The view.
    pub view: ViewKind,
    /// The polyline, normalized, left foot.
    pub points: Vec<Pt>,
}

/// A reflex zone: what the tradition links an area of the foot to, where it is and how it is worked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Zone {
    /// Stable snake_case id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Other names people search for.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// What the tradition links the area to, as a sentence ("The tradition links this area to …").
    pub corresponds_to: String,
    /// Body parts, for search ("kidneys", "lower back").
    #[serde(default)]
    pub body_parts: Vec<String>,
    /// Body system, for colour and filtering.
    pub system: BodySystem,
    /// Where it is, in words a student can follow on a real foot.
    pub location: String,
    /// Every place it is drawn.
    pub shapes: Vec<ZoneShape>,
    /// Zone-specific technique guidance: where to start, direction, how.
    pub guidance: String,
    /// Technique ids from the library, in the order they are usually used.
    pub techniques: Vec<String>,
    /// The pressure range for a healthy, sensate foot.
    pub pressure: PressureRange,
    /// Typical minutes spent on this zone (both feet together), as a (min, max) range.
    pub minutes: (f32, f32),
    /// Direction of work.
    pub direction: String,
    /// Cautions for at-risk feet (neuropathy, fragile skin, pregnancy …).
    #[serde(default)]
    pub cautions: Vec<String>,
    /// Claim ids from the evidence library that qualify this zone.
    pub caveats: Vec<String>,
    /// Where charts or schools disagree about this zone.
    #[serde(default)]
    pub disagreement: Option<String>,
    /// Source keys (S1 …) for the placement.
    #[serde(default)]
    pub sources: Vec<String>,
}

impl Zone {
    /// The views the zone appears on, in `ViewKind::ALL` order.
    pub fn views(&self) -> Vec<ViewKind> {
        let mut out: Vec<ViewKind> = Vec::with_capacity(2);
        for s in &self.shapes {
            if !out.contains(&s.view) {
                out.push(s.view);
            }
        }
        out
    }

    /// Which feet the zone appears on, over all shapes.
    pub fn feet(&self) -> FootSel {
        let left = self.shapes.iter().any(|s| s.foot.includes(Foot::Left));
        let right = self.shapes.iter().any(|s| s.foot.includes(Foot::Right));
        match (left, right) {
            (true, false) => FootSel::Left,
            (false, true) => FootSel::Right,
            _ => FootSel::Both,
        }
    }
}

/// A zone's place in its chart's [`Chart::zones`]. Valid only for the chart it came from:
/// when the chart changes, ids (not indices) carry a selection across.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ZoneIdx(usize);

impl ZoneIdx {
    /// The `i`-th zone of a chart.
    pub fn new(i: usize) -> Self {
        Self(i)
    }

    /// The position in [`Chart::zones`].
    pub fn index(self) -> usize {
        self.0
    }
}

/// Where the Ipswich Touch Test touches a toe, for one toe of the left foot (the right is
/// mirrored).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TouchPoint {
    /// Toe 1 (big toe), 3 or 5.
    pub toe: u8,
    /// The view it is drawn on.
    pub view: ViewKind,
    /// The tip of the toe, normalized, left foot.
    pub at: Pt,
}

/// A whole chart file (`maps/*.ron`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chart {
    /// Format version (currently 1).
    pub version: u32,
    /// Display name.
    pub name: String,
    /// A sentence on what the chart is and is not.
    #[serde(default)]
    pub description: String,
    /// Feet or hands: the words the app uses ("Left hand", "Both feet").
    #[serde(default)]
    pub limb: Limb,
    /// Outlines, one per view, in the order the app offers them.
    pub views: Vec<ViewDef>,
    /// The x boundaries between longitudinal zones 1–5 on plantar/dorsal views (four values).
    #[serde(default)]
    pub longitudinal_bounds: Vec<f32>,
    /// Guide lines.
    #[serde(default)]
    pub guides: Vec<GuideLine>,
    /// Reflex zones, drawn in order (later on top).
    pub zones: Vec<Zone>,
    /// The toes of the Ipswich Touch Test (a hand chart has none).
    #[serde(default)]
    pub touch_test: Vec<TouchPoint>,
}

impl Chart {
    /// A chart with nothing on it (what the app shows if its built-in chart failed to load).
    pub fn empty() -> Self {
        Self {
            version: 1,
            name: "empty".into(),
            description: String::new(),
            limb: Limb::Foot,
            views: Vec::new(),
            longitudinal_bounds: Vec::new(),
            guides: Vec::new(),
            zones: Vec::new(),
            touch_test: Vec::new(),
        }
    }

    /// The outline definition for a view, if the chart has it.
    pub fn view(&self, view: ViewKind) -> Option<&ViewDef> {
        self.views.iter().find(|v| v.view == view)
    }

    /// The chart's views, in the order its file gives them.
    pub fn view_kinds(&self) -> Vec<ViewKind> {
        let mut out: Vec<ViewKind> = Vec::with_capacity(self.views.len());
        for v in &self.views {
            if !out.contains(&v.view) {
                out.push(v.view);
            }
        }
        out
    }

    /// What a user reads for one of this chart's views.
    pub fn view_label(&self, view: ViewKind) -> &str {
        self.view(view)
            .and_then(|v| v.label.as_deref())
            .unwrap_or(view.label())
    }

    /// Whether the left limb is drawn mirrored on a view (see [`ViewDef::mirror_left`]).
    pub fn mirrors_left(&self, view: ViewKind) -> bool {
        self.view(view)
            .and_then(|v| v.mirror_left)
            .unwrap_or(view != ViewKind::Lateral)
    }

    /// The view the app opens on: the chart's first.
    pub fn first_view(&self) -> ViewKind {
        self.views.first().map_or(ViewKind::Plantar, |v| v.view)
    }

    /// A zone by id.
    pub fn zone(&self, id: &str) -> Option<&Zone> {
        self.zones.iter().find(|z| z.id == id)
    }

    /// Index of a zone by id.
    pub fn zone_index(&self, id: &str) -> Option<ZoneIdx> {
        self.zones.iter().position(|z| z.id == id).map(ZoneIdx)
    }

    /// The zone at an index of this chart.
    ///
    /// Panics if the index is not from this chart: indices come only from the chart they
    /// index (hit tests, searches, quiz items are rebuilt when the chart changes).
    pub fn zone_at(&self, i: ZoneIdx) -> &Zone {
        &self.zones[i.0]
    }

    /// The zone at an index, or `None` when it is out of range.
    pub fn get_zone(&self, i: ZoneIdx) -> Option<&Zone> {
        self.zones.get(i.0)
    }

    /// Every zone with its index.
    pub fn indexed_zones(&self) -> impl Iterator<Item = (ZoneIdx, &Zone)> {
        self.zones.iter().enumerate().map(|(i, z)| (ZoneIdx(i), z))
    }
}
