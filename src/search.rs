//! Fuzzy zone search on name, aliases, body parts and system (nucleo-matcher), and complaint
//! words: those that name a body part find zones only through it and with [`COMPLAINT_NOTE`];
//! the others find nothing and come with [`COMPLAINT_NO_AREA`].

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};

use crate::model::{Chart, ZoneIdx};

/// Shown with every hit found through a complaint word. Why: the chart links areas of the foot
/// to body parts, as the tradition does; a search must not turn it into a list of points to
/// press for a complaint.
pub const COMPLAINT_NOTE: &str = "The chart links areas of the foot to body parts, as the tradition does, not to treatments for complaints. These areas are listed because the tradition links them to the body part your search names; working them is not shown to help the complaint.";

/// Shown instead of any hit when the query is a complaint word that names no body part
/// ([`COMPLAINTS_WITHOUT_AREA`], see [`complaint_without_area`]). Why: pairing such a word with
/// an area ("sleep" with the pineal, "diabetes" with the pancreas) is exactly the
/// point-for-your-complaint finder the chart must not be.
pub const COMPLAINT_NO_AREA: &str = "The chart links areas of the foot to body parts, not to complaints, so no area is listed for this word. The Evidence window shows what studies found.";

/// Complaint words that name a body part, each with the body-part words searched instead.
/// Zone aliases hold only anatomical and traditional names; these words never enter the index.
pub const COMPLAINTS: &[(&str, &str)] = &[
    ("back pain", "back"),
    ("backache", "back"),
    ("headache", "head"),
    ("toothache", "teeth"),
    ("tennis elbow", "elbow"),
    ("frozen shoulder", "shoulder"),
    ("stiff neck", "neck"),
    ("sciatica", "sciatic"),
    ("haemorrhoids", "rectum"),
    ("hemorrhoids", "rectum"),
];

/// Complaint words that name no body part: a search for one lists no area and shows
/// [`COMPLAINT_NO_AREA`]. Why not map them to a body part: the tradition's own pairings
/// (sleep → pineal, stress → solar plexus, diabetes → pancreas) are the claims the evidence
/// does not support (C3, C4, C9, C11).
pub const COMPLAINTS_WITHOUT_AREA: &[&str] = &[
    "constipation",
    "diabetes",
    "blood sugar",
    "insulin",
    "migraine",
    "tinnitus",
    "sleep",
    "insomnia",
    "immune",
    "immunity",
    "lymph drainage",
    "stress",
    "anxiety",
    "relaxation",
    "congestion",
    "indigestion",
    "digestion",
    "metabolism",
    "hormones",
];

/// Whether `word` occurs in `q` as a whole word (or words). Why whole words: "sleep" must not
/// match inside another word.
fn has_word(q: &str, word: &str) -> bool {
    q.match_indices(word).any(|(i, _)| {
        let before = q[..i].chars().next_back();
        let after = q[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The complaint word in a query and the body-part words searched for it, if the query is
/// (or contains) a complaint word that names a body part.
pub fn complaint_in(query: &str) -> Option<(&'static str, &'static str)> {
    let q = query.trim().to_lowercase();
    COMPLAINTS
        .iter()
        .filter(|(word, _)| has_word(&q, word))
        .max_by_key(|(word, _)| word.len())
        .copied()
}

/// Whether the query is (or contains) a complaint word that names no body part: the search
/// popup then shows [`COMPLAINT_NO_AREA`] instead of "no zone matches", and
/// [`ZoneSearch::query`] returns no zones.
pub fn complaint_without_area(query: &str) -> bool {
    let q = query.trim().to_lowercase();
    COMPLAINTS_WITHOUT_AREA
        .iter()
        .any(|word| has_word(&q, word))
}

/// One searchable text of a zone, with how much a match on it counts.
struct Field {
    zone: ZoneIdx,
    text: Utf32String,
    weight: u32,
}

/// A search index over a chart's zones, built once per chart.
pub struct ZoneSearch {
    fields: Vec<Field>,
    matcher: Matcher,
}

/// A search hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Zone index.
    pub zone: ZoneIdx,
    /// Higher is better.
    pub score: u32,
    /// Found only through a complaint word: show [`COMPLAINT_NOTE`] with it.
    pub via_complaint: bool,
}

impl ZoneSearch {
    /// Index every zone of a chart.
    pub fn new(chart: &Chart) -> Self {
        let mut fields = Vec::new();
        for (zone, z) in chart.indexed_zones() {
            let mut add = |text: &str, weight: u32| {
                fields.push(Field {
                    zone,
                    text: Utf32String::from(text),
                    weight,
                });
            };
            add(&z.name, 4);
            add(&z.id.replace('_', " "), 3);
            for a in &z.aliases {
                add(a, 3);
            }
            for b in &z.body_parts {
                add(b, 2);
            }
            add(z.system.label(), 1);
        }
        Self {
            fields,
            matcher: Matcher::new(Config::DEFAULT),
        }
    }

    /// Zones matching the query, best first (at most `limit`). An empty query matches nothing.
    /// A complaint word ([`COMPLAINTS`]) adds the zones of the body part it names, after the
    /// direct matches and marked [`Hit::via_complaint`]; a complaint word that names no body
    /// part ([`complaint_without_area`]) matches nothing at all.
    pub fn query(&mut self, query: &str, limit: usize) -> Vec<Hit> {
        if complaint_without_area(query) {
            // Why no fuzzy hits either: "immune" would still find the lymph areas through
            // the system name, the very pairing the chart must not offer.
            return Vec::new();
        }
        let mut hits = self.fuzzy(query);
        if let Some((_, body_part)) = complaint_in(query) {
            for mut h in self.fuzzy(body_part) {
                if !hits.iter().any(|d| d.zone == h.zone) {
                    h.via_complaint = true;
                    hits.push(h);
                }
            }
        }
        hits.truncate(limit);
        hits
    }

    /// Fuzzy matches on the index, best first.
    fn fuzzy(&mut self, query: &str) -> Vec<Hit> {
        let query = query.trim();
        if query.is_empty() {
            return Vec::new();
        }
        let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
        let mut best: Vec<Hit> = Vec::new();
        for f in &self.fields {
            if let Some(s) = pattern.score(f.text.slice(..), &mut self.matcher) {
                let score = s * f.weight;
                match best.iter_mut().find(|h| h.zone == f.zone) {
                    Some(h) => h.score = h.score.max(score),
                    None => best.push(Hit {
                        zone: f.zone,
                        score,
                        via_complaint: false,
                    }),
                }
            }
        }
        best.sort_by(|a, b| b.score.cmp(&a.score).then(a.zone.cmp(&b.zone)));
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::embedded_content;

    #[test]
    fn finds_zones_by_name_alias_and_body_part() {
        let content = embedded_content().expect("embedded content loads");
        let chart = &content.chart;
        let mut s = ZoneSearch::new(chart);
        let first = |s: &mut ZoneSearch, q: &str| {
            s.query(q, 5)
                .first()
                .map(|h| chart.zone_at(h.zone).id.clone())
        };
        assert_eq!(first(&mut s, "adrenal").as_deref(), Some("adrenal"));
        assert_eq!(first(&mut s, "solar").as_deref(), Some("solar_plexus"));
        // A query with a letter left out, and a prefix, still find the zone.
        assert_eq!(first(&mut s, "pitutary").as_deref(), Some("pituitary"));
        assert!(
            s.query("pitu", 5)
                .iter()
                .any(|h| chart.zone_at(h.zone).id == "pituitary")
        );
        // Body parts and systems are searched too.
        assert!(
            s.query("lower back", 10)
                .iter()
                .any(|h| chart.zone_at(h.zone).id == "lumbar_spine")
        );
        assert!(s.query("", 5).is_empty());
    }

    #[test]
    fn a_complaint_word_finds_zones_only_through_its_body_part() {
        let content = embedded_content().expect("embedded content loads");
        let chart = &content.chart;
        let mut s = ZoneSearch::new(chart);
        for (word, _) in COMPLAINTS {
            for z in &chart.zones {
                assert!(
                    !z.aliases.iter().any(|a| a.to_lowercase() == *word),
                    "zone {} has the complaint word {word:?} as an alias",
                    z.id
                );
            }
        }
        let hits = s.query("back pain", 10);
        assert!(!hits.is_empty());
        assert!(hits.iter().all(|h| h.via_complaint), "{hits:?}");
        assert!(
            hits.iter()
                .any(|h| chart.zone_at(h.zone).id == "lower_back_dorsal")
        );
        for q in ["headache", "stiff neck", "sciatica", "toothache"] {
            let hits = s.query(q, 10);
            assert!(!hits.is_empty(), "{q}");
            assert!(!complaint_without_area(q), "{q}");
        }
        assert!(
            s.query("adrenal", 5).iter().all(|h| !h.via_complaint),
            "an anatomical search is not a complaint"
        );
        assert_eq!(
            complaint_in("Stiff neck again"),
            Some(("stiff neck", "neck"))
        );
        assert_eq!(complaint_in("sleep"), None);
    }

    #[test]
    fn a_complaint_word_that_names_no_body_part_finds_no_zone() {
        let content = embedded_content().expect("embedded content loads");
        let chart = &content.chart;
        let mut s = ZoneSearch::new(chart);
        for word in COMPLAINTS_WITHOUT_AREA {
            assert!(complaint_without_area(word), "{word}");
            assert!(
                s.query(word, 10).is_empty(),
                "{word}: {:?}",
                s.query(word, 10)
            );
            assert!(
                !COMPLAINTS.iter().any(|(w, _)| w == word),
                "{word} is in both lists"
            );
            for z in &chart.zones {
                assert!(
                    !z.aliases.iter().any(|a| a.to_lowercase() == *word),
                    "zone {} has the complaint word {word:?} as an alias",
                    z.id
                );
            }
        }
        // The pairings issue 17 flagged, in the words people type.
        for q in [
            "Sleep problems",
            "stress",
            "ANXIETY",
            "diabetes",
            "blood sugar",
            "insulin",
            "immune",
            "hormones",
            "metabolism",
            "constipation",
            "indigestion",
            "congestion",
            "relaxation",
        ] {
            assert!(complaint_without_area(q), "{q}");
            assert!(s.query(q, 10).is_empty(), "{q}");
        }
        // Whole words only, and anatomical searches are untouched.
        assert!(!complaint_without_area("sleepy"));
        assert!(!complaint_without_area("pancreas"));
        assert!(
            s.query("pancreas", 5)
                .iter()
                .any(|h| chart.zone_at(h.zone).id == "pancreas")
        );
        assert!(
            s.query("solar plexus", 5)
                .iter()
                .any(|h| chart.zone_at(h.zone).id == "solar_plexus")
        );
    }
}
