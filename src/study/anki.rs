//! The study cards as an Anki deck (`.apkg`): locate and name cards with the chart drawn by
//! the app's own SVG renderer (the area highlighted on the answer side), claim-check cards and
//! safety cards, one note type per kind, tagged by kind, body system, view and foot.
//!
//! An `.apkg` is a zip holding `collection.anki2` (an SQLite database in Anki's schema 11, the
//! one every Anki version still imports), a `media` file (JSON: zip entry name → file name)
//! and the media files, named `0`, `1`, …. The layout follows Anki's documented collection
//! schema; genanki's Python source was the readable reference. Why not `genanki-rs`: it pins
//! an old rusqlite whose `libsqlite3-sys` cannot share the tree with the records database's.
//!
//! Note and model ids are fixed and guids derive from the item keys, so importing a newer
//! deck updates the cards a student already has instead of adding copies.

use std::fmt::Write as _;
use std::io::Write as _;

use serde_json::json;

use super::drills::Drills;
use super::items::{Item, QuizKind, Subject, catalog};
use crate::export::{Highlight, SvgOptions, render_svg};
use crate::geometry::ChartGeometry;
use crate::model::{Chart, Foot, FootSel, Library, ViewKind};

/// The kinds a deck can hold (sequence runs need the app to reorder steps).
pub const DECK_KINDS: [QuizKind; 4] = [
    QuizKind::Locate,
    QuizKind::Name,
    QuizKind::Claim,
    QuizKind::Safety,
];

/// A finished deck and what is in it.
#[derive(Debug, Clone)]
pub struct AnkiDeck {
    /// The `.apkg` file.
    pub bytes: Vec<u8>,
    /// Notes (one card each).
    pub notes: usize,
    /// Media files (chart drawings).
    pub media: usize,
}

/// Why a deck could not be built.
#[derive(Debug, thiserror::Error)]
pub enum AnkiError {
    /// A kind with no card form was asked for.
    #[error("{0} cards cannot be exported to Anki (choose from locate, name, claim, safety)")]
    Kind(&'static str),
    /// Nothing to export.
    #[error("no cards to export")]
    Empty,
    /// The collection database failed.
    #[error("cannot write the Anki collection: {0}")]
    Db(#[from] rusqlite::Error),
    /// The zip or a temporary file failed.
    #[error("cannot write the Anki package: {0}")]
    Io(#[from] std::io::Error),
    /// The zip writer failed.
    #[error("cannot write the Anki package: {0}")]
    Zip(#[from] zip::result::ZipError),
}

/// The deck's name in Anki.
pub const DECK_NAME: &str = "reflexmap — reflex areas, evidence and safety";
const DECK_ID: i64 = 1_764_000_000_100;
const CSS: &str = ".card { font-family: sans-serif; font-size: 20px; text-align: center; \
color: #1d1d1d; background: #fff; } .chart img { max-width: 100%; max-height: 70vh; } \
.small { font-size: 15px; color: #555; } .caveat { font-size: 13px; color: #666; }";

/// One note type: its fields and its one card template.
struct Model {
    id: i64,
    kind: QuizKind,
    name: &'static str,
    fields: &'static [&'static str],
    front: &'static str,
    back: &'static str,
}

const MODELS: [Model; 4] = [
    Model {
        id: 1_764_000_000_001,
        kind: QuizKind::Locate,
        name: "reflexmap Locate",
        fields: &[
            "Zone",
            "Foot",
            "View",
            "Chart",
            "Answer",
            "Location",
            "Tradition",
        ],
        front: "Where is the <b>{{Zone}}</b> reflex area on the {{Foot}} ({{View}} view)?\
                <div class=chart>{{Chart}}</div>",
        back: "{{FrontSide}}<hr id=answer><div class=chart>{{Answer}}</div>\
               <div class=small>{{Location}}</div><div class=caveat>{{Tradition}}</div>",
    },
    Model {
        id: 1_764_000_000_002,
        kind: QuizKind::Name,
        name: "reflexmap Name",
        fields: &["Chart", "Foot", "View", "Zone", "Location", "Tradition"],
        front: "Which reflex area is highlighted on the {{Foot}} ({{View}} view)?\
                <div class=chart>{{Chart}}</div>",
        back: "{{FrontSide}}<hr id=answer><b>{{Zone}}</b>\
               <div class=small>{{Location}}</div><div class=caveat>{{Tradition}}</div>",
    },
    Model {
        id: 1_764_000_000_003,
        kind: QuizKind::Claim,
        name: "reflexmap Claim check",
        fields: &["Statement", "Grade", "Evidence", "Citations"],
        front: "{{Statement}}<div class=small>What grade does the evidence give this \
                statement?</div>",
        back: "{{FrontSide}}<hr id=answer><b>{{Grade}}</b><div class=small>{{Evidence}}</div>\
               <div class=caveat>{{Citations}}</div>",
    },
    Model {
        id: 1_764_000_000_004,
        kind: QuizKind::Safety,
        name: "reflexmap Safety",
        fields: &["Client", "Action", "Why", "Source"],
        front: "{{Client}}<div class=small>What do you do for this client today?</div>",
        back: "{{FrontSide}}<hr id=answer><b>{{Action}}</b><div class=small>{{Why}}</div>\
               <div class=caveat>{{Source}}</div>",
    },
];

/// A note before it is written: its model, stable key, fields and tags.
struct Note {
    model: usize,
    key: String,
    fields: Vec<String>,
    tags: Vec<String>,
}

/// Build the deck: every item of the chosen kinds that the chart, library and drills allow.
/// `now_ms` stamps the collection (milliseconds since 1970; a fixed value gives the same
/// bytes every time).
pub fn anki_deck(
    chart: &Chart,
    geometry: &ChartGeometry,
    library: &Library,
    drills: &Drills,
    kinds: &[QuizKind],
    now_ms: i64,
) -> Result<AnkiDeck, AnkiError> {
    if let Some(k) = kinds.iter().find(|k| !DECK_KINDS.contains(k)) {
        return Err(AnkiError::Kind(k.label()));
    }
    let mut media: Vec<(String, Vec<u8>)> = Vec::new();
    let mut notes = Vec::new();
    for item in catalog(chart, geometry, library, drills) {
        if !kinds.contains(&item.kind) {
            continue;
        }
        if let Some(note) = note_of(&item, chart, geometry, library, drills, &mut media) {
            notes.push(note);
        }
    }
    if notes.is_empty() {
        return Err(AnkiError::Empty);
    }
    let collection = collection(&notes, now_ms)?;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflate = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    zip.start_file("collection.anki2", deflate)?;
    zip.write_all(&collection)?;
    let map: serde_json::Map<String, serde_json::Value> = media
        .iter()
        .enumerate()
        .map(|(i, (name, _))| (i.to_string(), json!(name)))
        .collect();
    zip.start_file("media", deflate)?;
    zip.write_all(serde_json::Value::Object(map).to_string().as_bytes())?;
    for (i, (_, bytes)) in media.iter().enumerate() {
        zip.start_file(i.to_string(), deflate)?;
        zip.write_all(bytes)?;
    }
    let bytes = zip.finish()?.into_inner();
    Ok(AnkiDeck {
        bytes,
        notes: notes.len(),
        media: media.len(),
    })
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn single(foot: Foot) -> FootSel {
    match foot {
        Foot::Left => FootSel::Left,
        Foot::Right => FootSel::Right,
    }
}

/// A chart drawing for a card, added to the media once; returns its `<img>` tag. It names no
/// zone (no titles, no ids): that would give the answer to anyone who opens the file.
fn drawing(
    chart: &Chart,
    geometry: &ChartGeometry,
    view: ViewKind,
    foot: Foot,
    highlight: Highlight,
    name: String,
    media: &mut Vec<(String, Vec<u8>)>,
) -> String {
    if !media.iter().any(|(n, _)| *n == name) {
        let geo = geometry.get(view, single(foot));
        let svg = render_svg(
            chart,
            geo,
            &SvgOptions {
                view,
                feet: single(foot),
                highlight,
                width: 420.0,
                guides: true,
                legend: false,
                names: false,
            },
        );
        media.push((name.clone(), svg.into_bytes()));
    }
    format!("<img src=\"{name}\">")
}

fn tag_word(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect()
}

fn note_of(
    item: &Item,
    chart: &Chart,
    geometry: &ChartGeometry,
    library: &Library,
    drills: &Drills,
    media: &mut Vec<(String, Vec<u8>)>,
) -> Option<Note> {
    let model = MODELS.iter().position(|m| m.kind == item.kind)?;
    let mut tags = vec!["reflexmap".to_owned(), tag_word(item.kind.label())];
    let fields = match item.subject {
        Subject::Zone { zone, view, foot } => {
            let z = chart.get_zone(zone)?;
            tags.push(format!("system::{}", tag_word(z.system.label())));
            tags.push(format!("view::{}", tag_word(view.label())));
            tags.push(format!("{}::{}", chart.limb.one(), tag_word(foot.label())));
            let stem = format!(
                "reflexmap-{}-{}",
                tag_word(view.label()),
                tag_word(foot.label())
            );
            let highlighted = drawing(
                chart,
                geometry,
                view,
                foot,
                Highlight::Zone(zone),
                format!("{stem}-{}.svg", z.id),
                media,
            );
            let foot_words = format!("{} {}", foot.label().to_lowercase(), chart.limb.one());
            let view_words = view.label().to_lowercase();
            // The chart's own sentence ("The tradition links this area to …").
            let tradition = format!(
                "{} A chart of the tradition, not anatomy.",
                esc(&z.corresponds_to)
            );
            if item.kind == QuizKind::Locate {
                let blank = drawing(
                    chart,
                    geometry,
                    view,
                    foot,
                    Highlight::None,
                    format!("{stem}.svg"),
                    media,
                );
                vec![
                    esc(&z.name),
                    foot_words,
                    view_words,
                    blank,
                    highlighted,
                    esc(&z.location),
                    tradition,
                ]
            } else {
                vec![
                    highlighted,
                    foot_words,
                    view_words,
                    esc(&z.name),
                    esc(&z.location),
                    tradition,
                ]
            }
        }
        Subject::Statement(i) => {
            let s = drills.statements.get(i)?;
            let claim = library.claim(&s.claim)?;
            tags.push(format!("topic::{}", tag_word(&claim.topic)));
            let mut cites = String::new();
            for id in &claim.citations {
                if let Some(c) = library.citation(id) {
                    let _ = write!(cites, "{}<br>", esc(&citation_line(c)));
                }
            }
            vec![
                esc(&s.text),
                esc(claim.grade.label()),
                esc(&claim.plain),
                cites,
            ]
        }
        Subject::Vignette(i) => {
            let v = drills.vignettes.get(i)?;
            let action = v.action(library);
            let rule = v.rule.as_deref().and_then(|r| library.rule(r));
            let why = rule.map_or_else(|| v.note.clone(), |r| r.why.clone());
            let source = rule.map_or_else(String::new, |r| format!("Source: {}", r.source));
            vec![esc(&v.text), esc(action.label()), esc(&why), esc(&source)]
        }
        // Why not in the deck: sequences need the app to reorder steps, and the lines drill
        // needs the guide drawn highlighted (left for a later deck).
        Subject::Steps { .. } | Subject::Guide { .. } | Subject::ZoneFact(_) => return None,
    };
    Some(Note {
        model,
        key: item.key.clone(),
        fields,
        tags,
    })
}

fn citation_line(c: &crate::model::Citation) -> String {
    format!("{} ({}). {}", c.authors, c.year, c.title)
}

/// Text of a field for sorting and the duplicate checksum: tags out, entities decoded.
fn strip_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// Anki's duplicate checksum: the first 8 hex digits of the SHA-1 of the stripped first field.
fn checksum(first_field: &str) -> i64 {
    let digest = sha1_smol::Sha1::from(strip_html(first_field))
        .digest()
        .bytes();
    i64::from(u32::from_be_bytes([
        digest[0], digest[1], digest[2], digest[3],
    ]))
}

/// A stable guid from the item key, in Anki's base-91 alphabet.
fn guid(key: &str) -> String {
    const ALPHABET: &[u8] =
        b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~";
    let digest = sha1_smol::Sha1::from(format!("reflexmap:{key}"))
        .digest()
        .bytes();
    let mut n = u64::from_be_bytes(digest[..8].try_into().unwrap_or([0; 8]));
    let mut out = Vec::new();
    while n > 0 {
        out.push(ALPHABET[(n % 91) as usize]);
        n /= 91;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn model_json(m: &Model, now_s: i64) -> serde_json::Value {
    let flds: Vec<_> = m
        .fields
        .iter()
        .enumerate()
        .map(|(i, name)| {
            json!({"name": name, "ord": i, "font": "Arial", "media": [], "rtl": false,
                   "size": 20, "sticky": false})
        })
        .collect();
    json!({
        "id": m.id, "name": m.name, "type": 0, "mod": now_s, "usn": -1, "sortf": 0,
        "did": DECK_ID, "tags": [], "vers": [], "css": CSS, "flds": flds,
        "tmpls": [{"name": "Card 1", "ord": 0, "qfmt": m.front, "afmt": m.back,
                   "bqfmt": "", "bafmt": "", "did": null}],
        "req": [[0, "any", [0]]],
        "latexPre": "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n",
        "latexPost": "\\end{document}", "latexsvg": false,
    })
}

fn deck_json(id: i64, name: &str, now_s: i64) -> serde_json::Value {
    json!({
        "id": id, "name": name, "desc": "", "mod": now_s, "usn": -1, "conf": 1, "dyn": 0,
        "collapsed": false, "extendNew": 10, "extendRev": 50,
        "newToday": [0, 0], "revToday": [0, 0], "lrnToday": [0, 0], "timeToday": [0, 0],
    })
}

fn dconf_json() -> serde_json::Value {
    json!({"1": {
        "id": 1, "name": "Default", "mod": 0, "usn": 0, "maxTaken": 60, "autoplay": true,
        "timer": 0, "replayq": true, "dyn": false,
        "new": {"bury": true, "delays": [1.0, 10.0], "initialFactor": 2500,
                "ints": [1, 4, 7], "order": 1, "perDay": 20, "separate": true},
        "lapse": {"delays": [10.0], "leechAction": 1, "leechFails": 8, "minInt": 1,
                  "mult": 0.0},
        "rev": {"bury": true, "ease4": 1.3, "fuzz": 0.05, "ivlFct": 1.0, "maxIvl": 36500,
                "minSpace": 1, "perDay": 200},
    }})
}

const SCHEMA: &str = "
CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null,
  scm integer not null, ver integer not null, dty integer not null, usn integer not null,
  ls integer not null, conf text not null, models text not null, decks text not null,
  dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null,
  mod integer not null, usn integer not null, tags text not null, flds text not null,
  sfld integer not null, csum integer not null, flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null,
  ord integer not null, mod integer not null, usn integer not null, type integer not null,
  queue integer not null, due integer not null, ivl integer not null, factor integer not null,
  reps integer not null, lapses integer not null, left integer not null, odue integer not null,
  odid integer not null, flags integer not null, data text not null);
CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null,
  ease integer not null, ivl integer not null, lastIvl integer not null,
  factor integer not null, time integer not null, type integer not null);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
CREATE INDEX ix_notes_usn on notes (usn);
CREATE INDEX ix_cards_usn on cards (usn);
CREATE INDEX ix_revlog_usn on revlog (usn);
CREATE INDEX ix_cards_nid on cards (nid);
CREATE INDEX ix_cards_sched on cards (did, queue, due);
CREATE INDEX ix_revlog_cid on revlog (cid);
CREATE INDEX ix_notes_csum on notes (csum);
";

/// The collection database's bytes. Written to a temporary file (SQLite's own format; no key,
/// so SQLCipher writes plain SQLite), read back, and the file removed.
fn collection(notes: &[Note], now_ms: i64) -> Result<Vec<u8>, AnkiError> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("collection.anki2");
    let now_s = now_ms / 1000;
    {
        let mut db = rusqlite::Connection::open(&path)?;
        db.execute_batch(SCHEMA)?;
        let models: serde_json::Map<String, serde_json::Value> = MODELS
            .iter()
            .map(|m| (m.id.to_string(), model_json(m, now_s)))
            .collect();
        let decks = json!({
            "1": deck_json(1, "Default", now_s),
            DECK_ID.to_string(): deck_json(DECK_ID, DECK_NAME, now_s),
        });
        let conf = json!({
            "activeDecks": [DECK_ID], "curDeck": DECK_ID, "newSpread": 0, "collapseTime": 1200,
            "timeLim": 0, "estTimes": true, "dueCounts": true, "curModel": MODELS[0].id.to_string(),
            "nextPos": notes.len() + 1, "sortType": "noteFld", "sortBackwards": false,
            "addToCur": true,
        });
        let tx = db.transaction()?;
        tx.execute(
            "INSERT INTO col VALUES (1, ?1, ?2, ?2, 11, 0, 0, 0, ?3, ?4, ?5, ?6, '{}')",
            rusqlite::params![
                now_s - now_s % 86_400,
                now_ms,
                conf.to_string(),
                serde_json::Value::Object(models).to_string(),
                decks.to_string(),
                dconf_json().to_string(),
            ],
        )?;
        {
            let mut note_stmt =
                tx.prepare("INSERT INTO notes VALUES (?1, ?2, ?3, ?4, -1, ?5, ?6, ?7, ?8, 0, '')")?;
            let mut card_stmt = tx.prepare(
                "INSERT INTO cards VALUES (?1, ?2, ?3, 0, ?4, -1, 0, 0, ?5, 0, 0, 0, 0, 0, 0, 0, 0, '')",
            )?;
            for (i, note) in notes.iter().enumerate() {
                let id = now_ms + i as i64;
                let first = note.fields.first().map_or("", String::as_str);
                note_stmt.execute(rusqlite::params![
                    id,
                    guid(&note.key),
                    MODELS[note.model].id,
                    now_s,
                    format!(" {} ", note.tags.join(" ")),
                    note.fields.join("\u{1f}"),
                    strip_html(first),
                    checksum(first),
                ])?;
                card_stmt.execute(rusqlite::params![id, id, DECK_ID, now_s, i as i64 + 1])?;
            }
        }
        tx.commit()?;
        db.close().map_err(|(_, e)| e)?;
    }
    Ok(std::fs::read(&path)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_are_stable_and_distinct() {
        assert_eq!(
            guid("locate:liver:plantar:right"),
            guid("locate:liver:plantar:right")
        );
        assert_ne!(
            guid("locate:liver:plantar:right"),
            guid("name:liver:plantar:right")
        );
        assert!(guid("x").len() >= 8);
    }

    #[test]
    fn html_is_reduced_to_text() {
        assert_eq!(strip_html("<b>Liver</b> &amp; gall"), "Liver & gall");
    }

    #[test]
    fn checksum_matches_anki() {
        // sha1("Liver") = 0x3b5e2d…: Anki keeps the first 8 hex digits as an integer.
        let digest = sha1_smol::Sha1::from("Liver").digest().to_string();
        assert_eq!(
            checksum("<b>Liver</b>"),
            i64::from_str_radix(&digest[..8], 16).unwrap()
        );
    }
}
