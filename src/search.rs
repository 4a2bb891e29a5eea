//! Fuzzy zone search on name, aliases, body parts and system (nucleo-matcher).

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};

use crate::model::Chart;

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
    pub fn query(&mut self, query: &str, limit: usize) -> Vec<Hit> {
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
                    }),
                }
            }
        }
        best.sort_by(|a, b| b.score.cmp(&a.score).then(a.zone.cmp(&b.zone)));
        best.truncate(limit);
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
}
