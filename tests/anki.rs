//! `reflexmap study anki` run as a process, and the `.apkg` it writes opened the way Anki opens
//! one: the zip, the SQLite collection inside (with the project's own rusqlite), the media map
//! and the drawings it names.

mod common;

use std::collections::HashMap;
use std::io::Read as _;
use std::path::Path;

use common::{reflexmap, stderr, stdout};

/// The package's entries by name.
fn entries(path: &Path) -> HashMap<String, Vec<u8>> {
    let file = std::fs::File::open(path).expect("the deck exists");
    let mut zip = zip::ZipArchive::new(file).expect("the deck is a zip");
    let mut out = HashMap::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        let name = entry.name().expect("a readable entry name").into_owned();
        out.insert(name, bytes);
    }
    out
}

fn collection(dir: &Path, entries: &HashMap<String, Vec<u8>>) -> rusqlite::Connection {
    let path = dir.join("collection.anki2");
    std::fs::write(&path, &entries["collection.anki2"]).unwrap();
    rusqlite::Connection::open(path).unwrap()
}

fn count(db: &rusqlite::Connection, sql: &str) -> i64 {
    db.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn the_deck_holds_every_card_kind_with_its_drawings() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reflexmap.apkg");
    let o = reflexmap(&["study", "anki", "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("286 cards"), "{}", stdout(&o));
    let e = entries(&out);
    let db = collection(dir.path(), &e);
    // 115 locate and 115 name cards (one per zone, view and foot), 20 claim checks, 36 safety.
    assert_eq!(count(&db, "SELECT count(*) FROM notes"), 286);
    assert_eq!(count(&db, "SELECT count(*) FROM cards"), 286);
    assert_eq!(count(&db, "SELECT count(DISTINCT guid) FROM notes"), 286);
    assert_eq!(count(&db, "SELECT ver FROM col"), 11);
    let models: String = db
        .query_row("SELECT models FROM col", [], |r| r.get(0))
        .unwrap();
    let models: serde_json::Value = serde_json::from_str(&models).unwrap();
    let mut names: Vec<&str> = models
        .as_object()
        .unwrap()
        .values()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "reflexmap Claim check",
            "reflexmap Locate",
            "reflexmap Name",
            "reflexmap Safety"
        ]
    );
    let by_tag = |tag: &str| {
        count(
            &db,
            &format!("SELECT count(*) FROM notes WHERE tags LIKE '% {tag} %'"),
        )
    };
    assert_eq!(by_tag("locate"), 115);
    assert_eq!(by_tag("name"), 115);
    assert_eq!(by_tag("claim_check"), 20);
    assert_eq!(by_tag("safety_drills"), 36);
    assert!(by_tag("system::digestive") > 0 && by_tag("view::medial") > 0);
    // The media map names every drawing, and every drawing a note shows is in it.
    let media: HashMap<String, String> = serde_json::from_slice(&e["media"]).unwrap();
    assert!(media.len() > 100, "{} drawings", media.len());
    let zones: Vec<String> = reflexmap::load::embedded_content()
        .unwrap()
        .chart
        .zones
        .iter()
        .map(|z| z.name.clone())
        .collect();
    for (entry, name) in &media {
        let svg = std::str::from_utf8(&e[entry]).unwrap();
        assert!(
            svg.starts_with("<svg") || svg.starts_with("<?xml"),
            "{name}"
        );
        // Only the drawing's own title (chart, view and foot); no zone or guide-line title.
        assert_eq!(svg.matches("<title>").count(), 1, "{name} names its zones");
        assert!(!svg.contains("id=\"zone-"), "{name} names its zones in ids");
        for z in &zones {
            assert!(!svg.contains(&format!(">{z}<")), "{name} writes {z}");
        }
    }
    let files: Vec<&String> = media.values().collect();
    let mut stmt = db.prepare("SELECT flds FROM notes").unwrap();
    let fields: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for f in &fields {
        for img in f.split("<img src=\"").skip(1) {
            let name = img.split('"').next().unwrap();
            assert!(
                files.iter().any(|n| *n == name),
                "{name} is not in the package"
            );
        }
    }
    // A Name card's front shows the area highlighted and does not say its name.
    let liver = fields
        .iter()
        .find(|f| f.contains("reflexmap-plantar-right-liver.svg") && f.starts_with("<img"))
        .expect("the liver's Name card");
    let front: Vec<&str> = liver.split('\u{1f}').collect();
    assert_eq!(front[3], "Liver");
    assert!(!front[0].contains("Liver"));
}

#[test]
fn bad_arguments_exit_1_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("deck.apkg");
    let o = reflexmap(&[
        "study",
        "anki",
        "-o",
        out.to_str().unwrap(),
        "--kinds",
        "name,sequence",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("\"sequence\""), "{}", stderr(&o));
    assert!(!out.exists());
    let nowhere = dir.path().join("missing").join("deck.apkg");
    let o = reflexmap(&["study", "anki", "-o", nowhere.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no such folder"), "{}", stderr(&o));
    let o = reflexmap(&[
        "study",
        "anki",
        "-o",
        dir.path().join("deck.zip").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());
}

#[test]
fn only_the_chosen_kinds_and_stable_guids_across_exports() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.apkg"), dir.path().join("b.apkg"));
    for p in [&a, &b] {
        let o = reflexmap(&[
            "study",
            "anki",
            "-o",
            p.to_str().unwrap(),
            "--kinds",
            "claim,safety",
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let guids = |p: &Path, sub: &str| {
        let sub = dir.path().join(sub);
        std::fs::create_dir(&sub).unwrap();
        let db = collection(&sub, &entries(p));
        let mut stmt = db.prepare("SELECT guid FROM notes ORDER BY guid").unwrap();
        stmt.query_map([], |r| r.get::<_, String>(0))
            .unwrap()
            .map(Result::unwrap)
            .collect::<Vec<_>>()
    };
    let (ga, gb) = (guids(&a, "a"), guids(&b, "b"));
    assert_eq!(ga.len(), 56, "claim and safety only");
    assert_eq!(ga, gb, "a newer deck updates the same notes");
    let media: HashMap<String, String> = serde_json::from_slice(&entries(&a)["media"]).unwrap();
    assert!(media.is_empty(), "no drawings without chart cards");
}
