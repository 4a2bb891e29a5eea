//! Content lint: the chart and library are complete, consistent and honest. A violation fails
//! `cargo test`.

use reflexmap::load::embedded_content;
use reflexmap::model::*;

/// Zone ids the chart must have (the issue and `zones.md`).
const REQUIRED_ZONES: &[&str] = &[
    "solar_plexus",
    "cervical_spine",
    "thoracic_spine",
    "lumbar_spine",
    "sacral_spine",
    "coccyx",
    "adrenal",
    "knee",
    "leg_lower_limb",
    "hip_pelvis",
    "sciatic_nerve",
    "brain_head",
    "pituitary",
    "sinuses",
    "neck_throat",
    "thyroid_parathyroid",
    "eyes",
    "ears",
    "shoulder",
    "lungs_chest",
    "heart",
    "diaphragm",
    "kidney",
    "ureter",
    "bladder",
    "stomach",
    "pancreas",
    "spleen",
    "liver",
    "gallbladder",
    "ascending_colon",
    "transverse_colon",
    "descending_colon",
    "sigmoid_colon",
    "small_intestine",
    "uterus_prostate",
    "ovary_testis",
    "face_teeth_jaw",
    "upper_lymphatics",
    "chest_breast_lymph",
    "groin_lymph_reproductive",
];

/// Zones the tradition places on one foot only.
const LEFT_ONLY: &[&str] = &["heart", "spleen", "descending_colon", "sigmoid_colon"];
const RIGHT_ONLY: &[&str] = &["liver", "gallbladder", "ascending_colon"];

/// Phrases that promise what the evidence does not show. Each entry is matched
/// case-insensitively as a substring. Extend freely; keep each with a comment saying why.
const BANNED: &[&str] = &[
    // Cure claims.
    "cures ",
    "will cure",
    "can cure",
    "cure for",
    "heals ",
    "healing effect",
    // Detox and toxin removal.
    "detox",
    "toxins",
    "flush out",
    "cleanse the",
    // Nerve repair or regeneration as fact.
    "repairs nerve",
    "repair nerves",
    "regenerates",
    "nerve regeneration occurs",
    "restores nerve",
    "reverses neuropathy",
    // Circulation and conduction as fact.
    "improves circulation",
    "improve circulation",
    "boosts circulation",
    "increases blood flow",
    "improves blood flow",
    "improves nerve conduction",
    // Diagnosis from the feet.
    "diagnose your",
    "can diagnose",
    "reveals illness",
    "detect disease",
    // Absolute safety.
    "no side effects",
    "free from side effects",
    "completely safe",
    "100% safe",
    "risk-free",
    // Energy language.
    "balances energy",
    "balance your energy",
    "unblocks energy",
];

/// Sentences that state the *absence* of evidence may mention banned topics.
const NEGATIONS: &[&str] = &[
    "no evidence",
    "not shown",
    "not supported",
    "no good evidence",
    "has not been",
    "there is no",
    "does not",
    "is not",
    "not a ",
    "never",
    "no trial",
    "unsupported",
    "not proven",
    "don't",
    "do not",
    "cannot",
    "can't",
    "claim",
];

fn all_texts(c: &reflexmap::load::Content) -> Vec<(String, String)> {
    let mut t: Vec<(String, String)> = Vec::new();
    let mut push = |w: String, s: &str| t.push((w, s.to_owned()));
    // Study vignettes and their notes are advice-like text; claim-check statements are not
    // here on purpose: they are overstated claims quoted for students to grade.
    if let Ok(drills) = reflexmap::study::embedded_drills(&c.library) {
        for v in &drills.vignettes {
            push(format!("vignette {}", v.id), &v.text);
            push(format!("vignette {}", v.id), &v.note);
        }
    }
    for z in &c.chart.zones {
        let w = format!("zone {}", z.id);
        for s in [
            &z.name,
            &z.corresponds_to,
            &z.location,
            &z.guidance,
            &z.direction,
        ] {
            push(w.clone(), s);
        }
        for s in z.cautions.iter().chain(&z.aliases).chain(&z.body_parts) {
            push(w.clone(), s);
        }
        if let Some(d) = &z.disagreement {
            push(w.clone(), d);
        }
    }
    for g in &c.chart.guides {
        push(format!("guide {}", g.id), &g.meaning);
    }
    push("chart".into(), &c.chart.description);
    let lib = &c.library;
    for x in &lib.techniques {
        let w = format!("technique {}", x.id);
        for s in [&x.summary, &x.duration, &x.direction, &x.at_risk_feet] {
            push(w.clone(), s);
        }
        for s in &x.steps {
            push(w.clone(), s);
        }
    }
    for x in &lib.evidence.claims {
        push(format!("claim {}", x.id), &x.plain);
    }
    for x in &lib.evidence.citations {
        push(format!("citation {}", x.id), &x.conclusion);
    }
    for x in &lib.rules {
        let w = format!("rule {}", x.id);
        for s in [&x.question, &x.why, &x.source] {
            push(w.clone(), s);
        }
        for s in &x.adaptation.notes {
            push(w.clone(), s);
        }
    }
    for x in &lib.templates {
        push(format!("template {}", x.id), &x.description);
        for s in &x.steps {
            push(format!("template {}", x.id), &s.note);
        }
    }
    let a = &lib.aftercare;
    push("aftercare".into(), &a.intro);
    for s in a.advice.iter().chain(&a.track).chain(&a.urgent) {
        push("aftercare".into(), s);
    }
    t
}

#[test]
fn the_chart_has_every_required_zone_and_enough_of_them() {
    let c = embedded_content().unwrap_or_else(|p| panic!("embedded content is invalid:\n{p}"));
    assert!(
        c.chart.zones.len() >= 45,
        "only {} zones",
        c.chart.zones.len()
    );
    for id in REQUIRED_ZONES {
        assert!(c.chart.zone(id).is_some(), "missing zone {id}");
    }
    for v in ViewKind::ALL {
        assert!(c.chart.view(v).is_some(), "missing view {v:?}");
    }
}

#[test]
fn one_foot_zones_appear_only_on_their_foot() {
    let c = embedded_content().expect("content");
    for id in LEFT_ONLY {
        assert_eq!(c.chart.zone(id).expect(id).feet(), FootSel::Left, "{id}");
    }
    for id in RIGHT_ONLY {
        assert_eq!(c.chart.zone(id).expect(id).feet(), FootSel::Right, "{id}");
    }
}

#[test]
fn spine_runs_along_the_medial_view() {
    let c = embedded_content().expect("content");
    for id in [
        "cervical_spine",
        "thoracic_spine",
        "lumbar_spine",
        "sacral_spine",
        "coccyx",
    ] {
        assert!(
            c.chart
                .zone(id)
                .expect(id)
                .views()
                .contains(&ViewKind::Medial),
            "{id} not on the medial view"
        );
    }
}

#[test]
fn every_zone_has_guidance_techniques_and_caveats() {
    let c = embedded_content().expect("content");
    for z in &c.chart.zones {
        assert!(!z.guidance.trim().is_empty(), "{}: guidance", z.id);
        assert!(!z.techniques.is_empty(), "{}: techniques", z.id);
        assert!(
            z.caveats.iter().any(|x| x == "C11"),
            "{}: must carry the 'tradition, not anatomy' caveat C11",
            z.id
        );
        assert!(
            !z.cautions.is_empty(),
            "{}: cautions for at-risk feet",
            z.id
        );
        assert!(!z.sources.is_empty(), "{}: sources", z.id);
        assert!(
            z.corresponds_to.to_lowercase().contains("tradition"),
            "{}: 'corresponds_to' must speak of the tradition: {}",
            z.id,
            z.corresponds_to
        );
        assert!(
            z.pressure.max <= Pressure::Firm,
            "{}: never above firm",
            z.id
        );
    }
}

#[test]
fn every_reference_resolves_and_every_claim_is_sourced() {
    // `embedded_content` already fails on unresolved ids; check the evidence rules directly too.
    let c = embedded_content().expect("content");
    let lib = &c.library;
    assert!(lib.techniques.len() >= 10);
    for cit in &lib.evidence.citations {
        assert!(
            cit.doi.is_some() || cit.pmid.is_some() || cit.unverified.is_some(),
            "citation {} has no DOI/PMID and is not marked unverified",
            cit.id
        );
        if let Some(doi) = &cit.doi {
            assert!(
                doi.starts_with("10."),
                "citation {}: DOI {doi} should start with 10.",
                cit.id
            );
        }
    }
    for id in 1..=14 {
        let claim = lib
            .claim(&format!("C{id}"))
            .unwrap_or_else(|| panic!("claim C{id} missing"));
        assert!(!claim.citations.is_empty(), "C{id} cites nothing");
        for cid in &claim.citations {
            assert!(lib.citation(cid).is_some(), "C{id}: unknown citation {cid}");
        }
    }
    for r in &lib.rules {
        assert!(!r.source.trim().is_empty(), "rule {} has no source", r.id);
    }
    assert!(
        lib.rules.iter().any(|r| r.action == Action::StopAndRefer),
        "at least one stop rule"
    );
}

/// Every sentence that uses a banned phrase without stating the lack of evidence.
fn violations(c: &reflexmap::load::Content) -> Vec<String> {
    let mut failures = Vec::new();
    for (who, text) in all_texts(c) {
        for sentence in text.split(['.', ';', '!', '?']) {
            let lower = sentence.to_lowercase();
            for phrase in BANNED {
                if lower.contains(phrase) && !NEGATIONS.iter().any(|n| lower.contains(n)) {
                    failures.push(format!("{who}: {phrase:?} in \"{}\"", sentence.trim()));
                }
            }
        }
    }
    failures
}

#[test]
fn no_text_promises_what_the_evidence_does_not_show() {
    let c = embedded_content().expect("content");
    let failures = violations(&c);
    assert!(
        failures.is_empty(),
        "banned language:\n{}",
        failures.join("\n")
    );
}

#[test]
fn the_banned_phrase_check_catches_a_planted_claim() {
    // Why: guards the lint itself (the same `violations` the real test uses), so a refactor
    // of the text collection or the matching cannot silently check nothing.
    let mut c = embedded_content().expect("content");
    c.chart.zones[0]
        .guidance
        .push_str(" Working here improves circulation to the feet.");
    c.library.rules[0]
        .why
        .push_str(" Reflexology has no side effects.");
    let found = violations(&c);
    assert_eq!(found.len(), 2, "{found:?}");
}

#[test]
fn no_text_names_our_internal_research_notes() {
    // Why: users (and clients reading a printed referral) cannot see the team's notes.
    let c = embedded_content().expect("content");
    let mut leaks: Vec<String> = all_texts(&c)
        .into_iter()
        .filter(|(_, t)| {
            ["evidence.md", "seeds.md", "zones.md"]
                .iter()
                .any(|n| t.to_lowercase().contains(n))
        })
        .map(|(who, t)| format!("{who}: {t}"))
        .collect();
    for r in &c.library.rules {
        if r.source.to_lowercase().contains(".md") {
            leaks.push(format!("rule {}: {}", r.id, r.source));
        }
    }
    assert!(leaks.is_empty(), "{}", leaks.join("\n"));
}

#[test]
fn overstated_study_statements_are_graded_as_weak_claims() {
    // Why: a statement worded the way popular articles overstate it must never be answered
    // "supported" in the claim check.
    use reflexmap::model::Grade;
    let c = embedded_content().expect("content");
    let drills = reflexmap::study::embedded_drills(&c.library).expect("drills");
    for s in drills.statements.iter().filter(|s| s.overstated) {
        let grade = c.library.claim(&s.claim).expect("claim").grade;
        assert!(
            matches!(
                grade,
                Grade::Mixed | Grade::Unsupported | Grade::Contradicted
            ),
            "{}: {:?}",
            s.id,
            grade
        );
    }
}
