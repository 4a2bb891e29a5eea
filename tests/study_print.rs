//! `reflexmap study worksheet` run as a process: the labelling sheet and its answer key read
//! back as text with lopdf, page by page.

mod common;

use common::{reflexmap, stderr, stdout};

fn pages(path: &std::path::Path) -> Vec<String> {
    let doc = lopdf::Document::load(path).expect("the PDF parses");
    doc.get_pages()
        .keys()
        .map(|n| doc.extract_text(&[*n]).expect("page text extracts"))
        .collect()
}

#[test]
fn the_worksheet_numbers_the_areas_and_only_the_key_names_them() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sheet.pdf");
    let o = reflexmap(&[
        "study",
        "worksheet",
        "--view",
        "plantar",
        "--foot",
        "left",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let n: usize = stdout(&o)
        .split("wrote ")
        .nth(1)
        .and_then(|s| s.split(": ").nth(1))
        .and_then(|s| s.split(' ').next())
        .and_then(|s| s.parse().ok())
        .expect("the count of areas");
    assert!(n >= 20, "{n} areas on the left sole");
    let text = pages(&out);
    assert!(text.len() >= 2, "a sheet and a key");
    let sheet = &text[0];
    assert!(
        sheet.contains("Label the chart: Plantar view, left foot"),
        "{sheet}"
    );
    for i in 1..=n {
        assert!(sheet.contains(&format!("{i}.")), "line {i} to write on");
    }
    let content = reflexmap::load::embedded_content().unwrap();
    for z in &content.chart.zones {
        assert!(!sheet.contains(&z.name), "the sheet names {}", z.name);
    }
    let key = text.last().unwrap();
    assert!(key.contains("Answer key: Plantar view, left foot"), "{key}");
    assert!(key.contains("1.") && key.contains("Brain / head"), "{key}");
    assert!(
        key.contains("Solar plexus") && key.contains("Heart"),
        "the left foot's own areas"
    );
    assert!(!key.contains("Liver"), "the liver is on the right foot");
    // Tagged, like every PDF the app writes, with the drawing as a figure that says what it is.
    let doc = lopdf::Document::load(&out).unwrap();
    let catalog = doc.catalog().unwrap();
    assert!(catalog.get(b"StructTreeRoot").is_ok(), "a structure tree");
    let bytes = std::fs::read(&out).unwrap();
    let raw = String::from_utf8_lossy(&bytes);
    assert!(
        raw.contains(&format!("with {n} numbered areas and no names")),
        "the figure's alternative text"
    );
}

#[test]
fn bad_worksheet_arguments_exit_1_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sheet.pdf");
    for (args, says) in [
        (vec!["--foot", "both"], "one foot"),
        (vec!["--foot", "left", "--view", "top"], "\"top\""),
        (vec!["--foot", "left", "--paper", "a3"], "\"a3\""),
    ] {
        let mut all = vec!["study", "worksheet"];
        all.extend(args);
        all.extend(["-o", out.to_str().unwrap()]);
        let o = reflexmap(&all);
        assert_eq!(o.status.code(), Some(1), "{all:?}");
        assert!(stderr(&o).contains(says), "{}", stderr(&o));
        assert!(!out.exists());
    }
}

/// `reflexmap study quiz`: the questions first, every answer on the last page and nowhere
/// before it; the same seed gives the same quiz.
#[test]
fn the_printed_quiz_asks_first_and_answers_on_the_last_page() {
    use reflexmap::study::print::printable;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("quiz.pdf");
    let run = |out: &std::path::Path| {
        reflexmap(&[
            "study",
            "quiz",
            "--count",
            "12",
            "--seed",
            "5",
            "--kinds",
            "name,safety,claim,sequence",
            "-o",
            out.to_str().unwrap(),
        ])
    };
    let o = run(&out);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("12 questions (seed 5)"),
        "{}",
        stdout(&o)
    );
    let text = pages(&out);
    assert!(text.len() >= 2, "questions and the answer page");
    let answers = text.last().unwrap();
    assert!(answers.contains("Answers"), "{answers}");
    let questions = text[..text.len() - 1].join("\n");
    assert!(questions.contains("Reflexology quiz: 12 questions"));
    assert!(!questions.contains("Answers"));
    // The same questions the library builds, each answer on the last page only.
    let content = reflexmap::load::embedded_content().unwrap();
    let geometry = reflexmap::geometry::ChartGeometry::new(&content.chart);
    let drills = reflexmap::study::embedded_drills(&content.library).unwrap();
    let items = reflexmap::study::catalog(&content.chart, &geometry, &content.library, &drills);
    let src = reflexmap::study::Sources {
        chart: &content.chart,
        geometry: &geometry,
        library: &content.library,
        drills: &drills,
    };
    use reflexmap::study::QuizKind::{Claim, Name, Safety, Sequence};
    let want = printable(&items, &[Name, Safety, Claim, Sequence], 12, 5, src);
    assert_eq!(want.len(), 12);
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let (questions, answers) = (flat(&questions), flat(answers));
    for (n, p) in want.iter().enumerate() {
        let first_words: String = p
            .prompt
            .split_whitespace()
            .take(4)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            questions.contains(&first_words),
            "question {}: {first_words}",
            n + 1
        );
        assert!(
            answers.contains(&flat(&p.answer)),
            "answer {}: {}",
            n + 1,
            p.answer
        );
    }
    // Seeded: a second run writes the same text.
    let again = dir.path().join("again.pdf");
    assert!(run(&again).status.success());
    assert_eq!(pages(&again), pages(&out));
}

#[test]
fn bad_quiz_arguments_exit_1_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("quiz.pdf");
    let path = out.to_str().unwrap();
    for (args, says) in [
        (
            vec!["--kinds", "label"],
            "\"label\" is not a printable quiz kind",
        ),
        (vec!["--count", "0"], "--count: 0"),
        (vec!["--paper", "a3"], "\"a3\" is not a4 or letter"),
    ] {
        let mut all = vec!["study", "quiz", "-o", path];
        all.extend(args);
        let o = reflexmap(&all);
        assert_eq!(o.status.code(), Some(1), "{all:?}");
        assert!(stderr(&o).contains(says), "{}", stderr(&o));
        assert!(!out.exists(), "nothing written for {all:?}");
    }
    let o = reflexmap(&[
        "study",
        "quiz",
        "-o",
        dir.path().join("quiz.txt").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
}

/// The study commands take `--chart hands`: a worksheet of the palm, a quiz and a deck of the
/// hand chart; a view the hands lack is refused, naming theirs.
#[test]
fn the_study_commands_work_on_the_hand_chart() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("palm.pdf");
    let o = reflexmap(&[
        "study",
        "worksheet",
        "--chart",
        "hands",
        "--foot",
        "left",
        "-o",
        sheet.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("(palmar view, left hand)"),
        "{}",
        stdout(&o)
    );
    let o = reflexmap(&[
        "study",
        "worksheet",
        "--chart",
        "hands",
        "--view",
        "medial",
        "--foot",
        "left",
        "-o",
        dir.path().join("x.pdf").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("(palmar, dorsal)"), "{}", stderr(&o));
    let quiz = dir.path().join("quiz.pdf");
    let o = reflexmap(&[
        "study",
        "quiz",
        "--chart",
        "hands",
        "--count",
        "8",
        "-o",
        quiz.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let deck = dir.path().join("hands.apkg");
    let o = reflexmap(&[
        "study",
        "anki",
        "--chart",
        "hands",
        "-o",
        deck.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(deck.exists());
}
