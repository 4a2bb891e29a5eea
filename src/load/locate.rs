//! Finding where in a RON file a parsed item came from: the one locator for charts, library
//! files and plans.

use std::cell::OnceCell;
use std::collections::HashMap;

/// Maps byte offsets to `line:col` and finds keys and ids in RON text.
///
/// Two ways to find a place: plain text searches ([`Locator::key_value`], [`Locator::id`],
/// [`Locator::nth`]) for files whose ids are unique, and the bracket structure
/// ([`Locator::top_key`], [`Locator::list_items`], [`Locator::key_in`], [`Locator::map_keys`])
/// when a key such as `minutes:` repeats and only its nesting says which value it belongs to.
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
    /// Brackets and keys in file order, built on the first structural lookup.
    outline: OnceCell<Vec<Token<'a>>>,
}

/// Where one item of a list lies in the text: from its opening bracket to its closing one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Byte offset of the opening bracket.
    pub start: usize,
    /// Byte offset of the closing bracket (the end of the text when it is never closed).
    pub end: usize,
    /// Nesting depth of the opening bracket (the top-level struct's bracket is 0).
    depth: usize,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok<'a> {
    Open,
    Close,
    /// `name:` or `"name":` (the raw text between the quotes).
    Key(&'a str),
}

#[derive(Debug, Clone)]
struct Token<'a> {
    offset: usize,
    /// Nesting depth of the key, or of the bracket's contents minus one.
    depth: usize,
    tok: Tok<'a>,
}

impl<'a> Locator<'a> {
    /// Index a text.
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            line_starts: OnceCell::new(),
            ids: OnceCell::new(),
            outline: OnceCell::new(),
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

    /// Offset of the key `name` of the top-level struct, skipping strings and comments.
    pub fn top_key(&self, name: &str) -> Option<usize> {
        self.key_at(1, name, 0, usize::MAX)
    }

    /// Spans of the items of the list (or map) that is the value of the top-level field
    /// `name`, in order; empty when there is no such field.
    pub fn list_items(&self, name: &str) -> Vec<Span> {
        let tokens = self.outline();
        let Some(open) = self.value_open(name) else {
            return Vec::new();
        };
        let end = self.close_of(open).unwrap_or(tokens.len());
        let mut spans = Vec::new();
        for i in open + 1..end {
            let t = &tokens[i];
            if t.tok == Tok::Open && t.depth == 2 {
                let close = self
                    .close_of(i)
                    .map_or(self.text.len(), |c| tokens[c].offset);
                spans.push(Span {
                    start: t.offset,
                    end: close,
                    depth: t.depth,
                });
            }
        }
        spans
    }

    /// Offset of the field `name` directly inside an item from [`Locator::list_items`].
    pub fn key_in(&self, item: Span, name: &str) -> Option<usize> {
        self.key_at(item.depth + 1, name, item.start, item.end)
    }

    /// The keys of the map that is the value of the top-level field `name`, with their
    /// offsets, in file order.
    pub fn map_keys(&self, name: &str) -> Vec<(usize, &'a str)> {
        let tokens = self.outline();
        let Some(open) = self.value_open(name) else {
            return Vec::new();
        };
        let end = self.close_of(open).unwrap_or(tokens.len());
        tokens[open + 1..end]
            .iter()
            .filter_map(|t| match t.tok {
                Tok::Key(k) if t.depth == 2 => Some((t.offset, k)),
                _ => None,
            })
            .collect()
    }

    /// The first key `name` at `depth` with an offset in `from..to`.
    fn key_at(&self, depth: usize, name: &str, from: usize, to: usize) -> Option<usize> {
        self.outline()
            .iter()
            .find(|t| {
                t.offset >= from
                    && t.offset < to
                    && t.depth == depth
                    && matches!(t.tok, Tok::Key(k) if k == name)
            })
            .map(|t| t.offset)
    }

    /// The token index of the bracket that opens a top-level field's value.
    fn value_open(&self, name: &str) -> Option<usize> {
        let key = self.top_key(name)?;
        self.outline()
            .iter()
            .position(|t| t.offset > key && t.tok == Tok::Open && t.depth == 1)
    }

    /// The token index of the bracket closing the one at `open`.
    fn close_of(&self, open: usize) -> Option<usize> {
        let tokens = self.outline();
        let depth = tokens.get(open)?.depth;
        tokens
            .iter()
            .enumerate()
            .skip(open + 1)
            .find(|(_, t)| t.tok == Tok::Close && t.depth == depth)
            .map(|(i, _)| i)
    }

    fn outline(&self) -> &[Token<'a>] {
        self.outline.get_or_init(|| outline(self.text))
    }
}

/// The brackets and keys of a RON text, skipping strings, raw strings, chars and comments.
///
/// Why a tokenizer beside the text searches: searching for `minutes:` would also hit
/// `minutes:` inside a note or a comment; the outline skips those and knows the nesting depth.
fn outline(text: &str) -> Vec<Token<'_>> {
    let b = text.as_bytes();
    let mut tokens = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    // A key is followed by `:` (but not `::`) after optional blanks.
    let key_follows = |mut j: usize| {
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        j < b.len() && b[j] == b':' && b.get(j + 1) != Some(&b':')
    };
    while i < b.len() {
        match b[i] {
            b'(' | b'[' | b'{' => {
                tokens.push(Token {
                    offset: i,
                    depth,
                    tok: Tok::Open,
                });
                depth += 1;
                i += 1;
            }
            b')' | b']' | b'}' => {
                depth = depth.saturating_sub(1);
                tokens.push(Token {
                    offset: i,
                    depth,
                    tok: Tok::Close,
                });
                i += 1;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let mut nest = 0usize;
                while i < b.len() {
                    if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                        nest += 1;
                        i += 2;
                    } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                        nest = nest.saturating_sub(1);
                        i += 2;
                        if nest == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
            }
            b'"' => {
                let start = i;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                let end = i.min(b.len());
                i = end + 1;
                if key_follows(i) {
                    tokens.push(Token {
                        offset: start,
                        depth,
                        tok: Tok::Key(text.get(start + 1..end).unwrap_or("")),
                    });
                }
            }
            b'r' if matches!(b.get(i + 1), Some(b'#' | b'"')) => {
                // Raw string r#"…"#: skip to the quote followed by as many hashes.
                let mut j = i + 1;
                let mut hashes = 0;
                while j < b.len() && b[j] == b'#' {
                    hashes += 1;
                    j += 1;
                }
                if b.get(j) != Some(&b'"') {
                    i = j;
                    continue;
                }
                j += 1;
                let close: Vec<u8> = std::iter::once(b'"')
                    .chain(std::iter::repeat_n(b'#', hashes))
                    .collect();
                while j < b.len() && !b[j..].starts_with(&close) {
                    j += 1;
                }
                i = j + close.len();
            }
            b'\'' => {
                // A char literal: 'a', '\n', '\u{1F600}', '"'.
                let mut j = i + 1;
                if b.get(j) == Some(&b'\\') {
                    j += 2;
                } else {
                    j += 1;
                }
                while j < b.len() && b[j] != b'\'' {
                    j += 1;
                }
                i = j + 1;
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let start = i;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
                if key_follows(i) {
                    tokens.push(Token {
                        offset: start,
                        depth,
                        tok: Tok::Key(&text[start..i]),
                    });
                }
            }
            _ => i += 1,
        }
    }
    tokens
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

    #[test]
    fn structure_lookups_skip_strings_and_nested_keys() {
        let text = "(\n  name: \"steps: [\",\n  map: {\"a\": 1, b: (c: 2)},\n  list: [(x: 1), (y: (x: 2), x: 3)],\n)";
        let l = Locator::new(text);
        assert_eq!(l.top_key("name").map(|o| l.line_col(o)), Some((2, 3)));
        assert_eq!(l.top_key("c"), None, "not a top-level key");
        assert_eq!(l.list_items("steps"), [], "inside a string");
        let keys: Vec<&str> = l.map_keys("map").into_iter().map(|(_, k)| k).collect();
        assert_eq!(keys, ["a", "b"]);
        let items = l.list_items("list");
        assert_eq!(items.len(), 2);
        let x = |i: usize| l.key_in(items[i], "x").map(|o| l.line_col(o));
        assert_eq!(x(0), Some((4, 11)));
        // The item's own `x`, not the one nested in `y`.
        assert_eq!(x(1), Some((4, 30)));
    }

    #[test]
    fn an_unclosed_list_runs_to_the_end_of_the_text() {
        let text = "(steps: [(minutes: 1.0), (minutes: 2.0";
        let l = Locator::new(text);
        let items = l.list_items("steps");
        assert_eq!(items.len(), 2);
        assert_eq!(items[1].end, text.len());
        assert!(l.key_in(items[1], "minutes").is_some());
    }

    fn text_offset(t: &str, c: char) -> usize {
        t.find(c).unwrap()
    }
}
