//! Fuzzy zone search on name, aliases, body parts and system (nucleo-matcher), and complaint
//! words, which find zones only through the body part they name and with [`COMPLAINT_NOTE`].

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};

use crate::model::Chart;

/// Shown with every hit found through a complaint word. Why: the chart links areas of the foot
/// to body parts, as the tradition does; a search must not turn it into a list of points to
/// press for a complaint.
pub const COMPLAINT_NOTE: &str = "The chart links areas of the foot to body parts, as the tradition does, not to treatments for complaints. These areas are listed because the tradition links them to the body part your search names; working them is not shown to help the complaint.";

/// Complaint words people search for, each with the body-part words searched instead. Zone
/// aliases hold only anatomical and traditional names; these words never enter the index.
pub const COMPLAINTS: &[(&str, &str)] = &[
    ("back pain", "back"),
    ("backache", "back"),
    ("constipation", "colon"),
    ("diabetes", "pancreas"),
    ("blood sugar", "pancreas"),
    ("insulin", "pancreas"),
    ("headache", "head"),
    ("migraine", "head"),
    ("tinnitus", "ears"),
    ("sciatica", "sciatic"),
    ("sleep", "pineal"),
    ("insomnia", "pineal"),
    ("immune", "lymph"),
    ("immunity", "lymph"),
    ("lymph drainage", "lymph"),
    ("stress", "solar plexus"),
    ("anxiety", "solar plexus"),
    ("relaxation", "solar plexus"),
    ("toothache", "teeth"),
    ("tennis elbow", "elbow"),
    ("frozen shoulder", "shoulder"),
    ("stiff neck", "neck"),
    ("congestion", "sinuses"),
    ("indigestion", "stomach"),
    ("digestion", "stomach"),
    ("haemorrhoids", "rectum"),
    ("hemorrhoids", "rectum"),
    ("metabolism", "thyroid"),
    ("hormones", "pituitary"),
];

/// The complaint word in a query and the body-part words searched for it, if the query is
/// (or contains) a complaint word.
pub fn complaint_in(query: &str) -> Option<(&'static str, &'static str)> {
    let q = query.trim().to_lowercase();
    COMPLAINTS
        .iter()
        .filter(|(word, _)| {
            // Why whole words: "sleep" must not match inside another word.
            q.match_indices(word).any(|(i, _)| {
                let before = q[..i].chars().next_back();
                let after = q[i + word.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            })
        })
        .max_by_key(|(word, _)| word.len())
        .copied()
}

/// One searchable text of a zone, with how much a match on it counts.
struct Field {
    zone: usize,
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
    pub zone: usize,
    /// Higher is better.
    pub score: u32,
    /// Found only through a complaint word: show [`COMPLAINT_NOTE`] with it.
    pub via_complaint: bool,
}

impl ZoneSearch {
    /// Index every zone of a chart.
    pub fn new(chart: &Chart) -> Self {
        let mut fields = Vec::new();
        for (zone, z) in chart.zones.iter().enumerate() {
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
    /// direct matches and marked [`Hit::via_complaint`].
    pub fn query(&mut self, query: &str, limit: usize) -> Vec<Hit> {
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
                .map(|h| chart.zones[h.zone].id.clone())
        };
        assert_eq!(first(&mut s, "adrenal").as_deref(), Some("adrenal"));
        assert_eq!(first(&mut s, "solar").as_deref(), Some("solar_plexus"));
        // A query with a letter left out, and a prefix, still find the zone.
        assert_eq!(first(&mut s, "pitutary").as_deref(), Some("pituitary"));
        assert!(
            s.query("pitu", 5)
                .iter()
                .any(|h| chart.zones[h.zone].id == "pituitary")
        );
        // Body parts and systems are searched too.
        assert!(
            s.query("lower back", 10)
                .iter()
                .any(|h| chart.zones[h.zone].id == "lumbar_spine")
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
                .any(|h| chart.zones[h.zone].id == "lower_back_dorsal")
        );
        let sleep = s.query("sleep", 10);
        assert!(
            sleep
                .iter()
                .any(|h| h.via_complaint && chart.zones[h.zone].id == "hypothalamus_pineal")
        );
        assert!(
            s.query("adrenal", 5).iter().all(|h| !h.via_complaint),
            "an anatomical search is not a complaint"
        );
        assert_eq!(complaint_in("Sleep problems"), Some(("sleep", "pineal")));
        assert_eq!(complaint_in("sleepy"), None);
    }
}
