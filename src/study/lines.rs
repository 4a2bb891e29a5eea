//! The lines and zones drill: name a highlighted transverse guide line (shoulder, diaphragm,
//! waist, pelvic …), and the longitudinal zones of zone therapy (which zone runs through the
//! third toe, which holds the spine) — staples of written and practical exams.
//!
//! The zone facts are what the chart's research notes give (`zones.md` §2: Fitzgerald's ten
//! body zones, five per side, zone 1 nearest the midline, each toe starting one zone; the spine
//! areas along the medial edge, where zone 1 runs). They are asked only on charts that draw the
//! longitudinal zones.

/// One question about the longitudinal zones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZoneFact {
    /// Stable id (the item key).
    pub id: &'static str,
    /// The question.
    pub prompt: &'static str,
    /// The choices, in the order shown.
    pub options: &'static [&'static str],
    /// The right choice.
    pub right: usize,
    /// Why, shown after the answer.
    pub why: &'static str,
}

const ZONES: &[&str] = &["Zone 1", "Zone 2", "Zone 3", "Zone 4", "Zone 5"];

/// Every zone fact, in a stable order.
pub const ZONE_FACTS: [ZoneFact; 8] = [
    ZoneFact {
        id: "big_toe",
        prompt: "Which longitudinal zone runs through the big toe?",
        options: ZONES,
        right: 0,
        why: "Each toe starts one zone, counted from the big toe: the big toe is zone 1.",
    },
    ZoneFact {
        id: "second_toe",
        prompt: "Which longitudinal zone runs through the second toe?",
        options: ZONES,
        right: 1,
        why: "Each toe starts one zone, counted from the big toe: the second toe is zone 2.",
    },
    ZoneFact {
        id: "third_toe",
        prompt: "Which longitudinal zone runs through the third toe?",
        options: ZONES,
        right: 2,
        why: "Each toe starts one zone, counted from the big toe: the third toe is zone 3.",
    },
    ZoneFact {
        id: "fourth_toe",
        prompt: "Which longitudinal zone runs through the fourth toe?",
        options: ZONES,
        right: 3,
        why: "Each toe starts one zone, counted from the big toe: the fourth toe is zone 4.",
    },
    ZoneFact {
        id: "little_toe",
        prompt: "Which longitudinal zone runs through the little toe?",
        options: ZONES,
        right: 4,
        why: "Each toe starts one zone, counted from the big toe: the little toe is zone 5.",
    },
    ZoneFact {
        id: "spine",
        prompt: "Which longitudinal zone holds the spine areas, along the inner edge of each foot?",
        options: ZONES,
        right: 0,
        why: "The tradition maps the spine along the medial (big-toe) edge, where zone 1 runs \
              back from the big toe to the heel.",
    },
    ZoneFact {
        id: "how_many",
        prompt: "In zone therapy, how many longitudinal zones run through the whole body?",
        options: &["5", "8", "10", "12"],
        right: 2,
        why: "Ten: five on each side of the body, so five on each foot.",
    },
    ZoneFact {
        id: "zone_one",
        prompt: "On each foot, zone 1 is the zone nearest to …",
        options: &[
            "the body's midline",
            "the outer edge of the body",
            "the top of the head",
            "the back of the heel",
        ],
        right: 0,
        why: "Zone 1 lies nearest the body's midline, which on the foot is the big-toe side; zone 5 \
              is the outermost.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fact_has_its_answer_among_its_options_and_a_unique_id() {
        for (i, f) in ZONE_FACTS.iter().enumerate() {
            assert!(f.right < f.options.len(), "{}", f.id);
            assert!(!f.why.is_empty());
            assert!(ZONE_FACTS[i + 1..].iter().all(|g| g.id != f.id), "{}", f.id);
        }
    }
}
