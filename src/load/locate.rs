//! Finding where in a file a parsed item came from.

use std::cell::OnceCell;
use std::collections::HashMap;

/// Maps byte offsets to `line:col` and finds keys and ids in RON text.
#[derive(Debug, Clone)]
pub struct Locator<'a> {
    text: &'a str,
    /// Byte offset of each line's start, built on the first [`Locator::line_col`] call (only
    /// problems need it, and a clean load has none).
    line_starts: OnceCell<Vec<usize>>,
    /// Where each `id: "…"` first occurs, built on the first [`Locator::id`] call.
    ///
    /// Why: validation looks up every zone, rule and claim by id; searching the whole text for
    /// each one made loading the embedded content take milliseconds (quadratic in file size).
    ids: OnceCell<HashMap<&'a str, usize>>,
}

impl<'a> Locator<'a> {
    /// Index a text.
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            line_starts: OnceCell::new(),
            ids: OnceCell::new(),
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line_starts = self.line_starts.get_or_init(|| {
            let mut starts = vec![0];
            starts.extend(self.text.match_indices('\n').map(|(i, _)| i + 1));
            starts
        });
        let line = line_starts.partition_point(|&s| s <= offset).max(1);
        let start = line_starts[line - 1];
        let col = self
            .text
            .get(start..offset)
            .map_or(0, |s| s.chars().count());
        (line, col + 1)
    }

    /// A problem in `file` at a byte offset (1:1 when the place is unknown).
    pub fn problem(&self, file: &str, offset: Option<usize>, message: String) -> super::Problem {
        let (line, col) = offset.map_or((1, 1), |o| self.line_col(o));
        super::Problem {
            file: file.to_owned(),
            line,
            col,
            message,
        }
    }

    /// Offset of `key: value` (any whitespace around the colon) at or after `from`.
    /// `value` is matched literally, so pass `"\"adrenal\""` for a string or `Plantar` for an enum.
    pub fn key_value(&self, from: usize, key: &str, value: &str) -> Option<usize> {
        let hay = self.text.get(from..)?;
        for (i, _) in hay.match_indices(value) {
            let before = hay[..i].trim_end();
            let Some(before) = before.strip_suffix(':') else {
                continue;
            };
            let before = before.trim_end();
            if before.ends_with(key) {
                let key_start = before.len() - key.len();
                let boundary = before[..key_start]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
                let after_ok = hay[i + value.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
                if boundary && after_ok {
                    return Some(from + key_start);
                }
            }
        }
        None
    }

    /// Offset of the item whose `id` is `id` (a string id): the same place as
    /// `key_value(0, "id", "\"<id>\"")`, found in an index built once per text.
    pub fn id(&self, id: &str) -> Option<usize> {
        self.ids.get_or_init(|| self.index_ids()).get(id).copied()
    }

    /// Every `id: "…"` (whole-word key, any whitespace around the colon), first one per value.
    fn index_ids(&self) -> HashMap<&'a str, usize> {
        let text = self.text;
        let word = |c: char| c.is_alphanumeric() || c == '_';
        let mut ids = HashMap::new();
        // Why a char search: it runs on memchr, several times faster than a two-byte needle.
        for (d, _) in text.match_indices('d') {
            if d == 0 || text.as_bytes()[d - 1] != b'i' {
                continue;
            }
            let i = d - 1;
            if text[..i].chars().next_back().is_some_and(word) {
                continue;
            }
            let Some(rest) = text[i + 2..].trim_start().strip_prefix(':') else {
                continue;
            };
            let Some(rest) = rest.trim_start().strip_prefix('"') else {
                continue;
            };
            let Some(end) = rest.find('"') else {
                continue;
            };
            if rest[end + 1..].chars().next().is_some_and(word) {
                continue;
            }
            ids.entry(&rest[..end]).or_insert(i);
        }
        ids
    }

    /// Offset of the `n`th (0-based) occurrence of `key:` at or after `from`.
    pub fn nth_key(&self, from: usize, key: &str, n: usize) -> Option<usize> {
        let hay = self.text.get(from..)?;
        let pattern = format!("{key}:");
        let mut count = 0;
        for (i, _) in hay.match_indices(&pattern) {
            let boundary = hay[..i]
                .chars()
                .next_back()
                .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
            if boundary {
                if count == n {
                    return Some(from + i);
                }
                count += 1;
            }
        }
        None
    }

    /// Offset of the `n`th (0-based) occurrence of a literal string at or after `from`.
    pub fn nth(&self, from: usize, needle: &str, n: usize) -> Option<usize> {
        self.text
            .get(from..)?
            .match_indices(needle)
            .nth(n)
            .map(|(i, _)| from + i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_ids_with_any_spacing() {
        let text =
            "(\n  zones: [\n    (id : \"knee\", name: \"Knee\"),\n    (id:\"kidney\"),\n  ],\n)";
        let l = Locator::new(text);
        assert_eq!(l.line_col(l.id("knee").unwrap()), (3, 6));
        assert_eq!(l.line_col(l.id("kidney").unwrap()), (4, 6));
        assert_eq!(l.id("kid"), None);
    }

    #[test]
    fn the_id_index_agrees_with_a_plain_search() {
        for src in
            std::iter::once(&crate::assets::STANDARD_CHART).chain(&crate::assets::LIBRARY_FILES)
        {
            let l = Locator::new(src.text);
            let quoted = src.text.split('"').skip(1).step_by(2);
            for value in quoted.chain(["nope", "", "id"]) {
                let plain = l.key_value(0, "id", &format!("\"{value}\""));
                assert_eq!(l.id(value), plain, "{}: {value}", src.name);
            }
        }
    }

    #[test]
    fn key_must_be_a_whole_word() {
        let l = Locator::new("(zone_id: \"a\", id: \"a\")");
        assert_eq!(l.line_col(l.id("a").unwrap()), (1, 16));
    }

    #[test]
    fn counts_columns_in_characters() {
        let l = Locator::new("é: x\n  ü");
        assert_eq!(l.line_col(text_offset("é: x\n  ü", 'ü')), (2, 3));
        assert_eq!(l.line_col(0), (1, 1));
    }

    fn text_offset(t: &str, c: char) -> usize {
        t.find(c).unwrap()
    }
}
