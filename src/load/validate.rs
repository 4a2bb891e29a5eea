//! Whole-file checks on parsed charts and libraries.

use std::collections::HashSet;

use super::{LibraryPart, Locator, Problem, SourceText};
use crate::geometry::{
    LOD_TOLERANCES, Point, closed_spline, distance_to_boundary, flatten, geom_curve,
    point_in_polygon, self_intersection, signed_area, view_scale,
};

/// How finely the smooth curves are flattened for the loader's checks (foot lengths): the
/// level the map paints at ordinary zoom.
const CHECK_TOLERANCE: f32 = LOD_TOLERANCES[2];
use crate::model::*;

/// How far (in foot lengths) a shape may stray outside its view's outline.
pub const OUTLINE_TOLERANCE: f32 = 0.02;

/// Most points in one shape or outline. Why a limit: the checks compare every edge with every
/// other, so a file with a million-point polygon would hang the loader instead of failing.
pub const MAX_POINTS: usize = 1000;

/// Collects problems for one file.
struct Report<'a> {
    src: &'a SourceText<'a>,
    loc: Locator<'a>,
    problems: Vec<Problem>,
}

impl<'a> Report<'a> {
    fn new(src: &'a SourceText<'a>) -> Self {
        Self {
            src,
            loc: Locator::new(src.text),
            problems: Vec::new(),
        }
    }

    fn at(&mut self, offset: Option<usize>, message: String) {
        let problem = self.loc.problem(self.src.name, offset, message);
        self.problems.push(problem);
    }

    fn finish(mut self) -> Vec<Problem> {
        self.problems.sort_by_key(|p| (p.line, p.col));
        self.problems
    }
}

/// Where the second `id: "…"` with this value starts.
fn second_id(loc: &Locator, id: &str) -> Option<usize> {
    let first = loc.id(id)?;
    loc.key_value(first + 1, "id", &format!("\"{id}\""))
}

fn is_snake_case(id: &str) -> bool {
    !id.is_empty()
        && id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn finite(p: &(f32, f32)) -> bool {
    p.0.is_finite() && p.1.is_finite() && p.0.abs() < 10.0 && p.1.abs() < 10.0
}

fn geom_points(geom: &Geom) -> Vec<(f32, f32)> {
    match geom {
        Geom::Ellipse { center, size } => vec![*center, *size],
        Geom::Polygon { points } | Geom::Band { points, .. } => points.clone(),
    }
}

/// Why a geometry is unusable, if it is.
fn geom_problem(geom: &Geom) -> Option<String> {
    let n = geom_points(geom).len();
    if n > MAX_POINTS {
        return Some(format!(
            "{n} points is too many (the limit is {MAX_POINTS})"
        ));
    }
    if !geom_points(geom).iter().all(finite) {
        return Some("coordinates must be finite numbers between -10 and 10".into());
    }
    match geom {
        Geom::Ellipse { size, .. } if size.0 <= 0.0 || size.1 <= 0.0 => Some(format!(
            "ellipse size must be positive, got ({}, {})",
            size.0, size.1
        )),
        Geom::Polygon { points } if points.len() < 3 => Some(format!(
            "polygon needs at least 3 points, has {}",
            points.len()
        )),
        Geom::Polygon { points } => {
            let poly: Vec<Point> = points.iter().map(|p| Point::new(p.0, p.1)).collect();
            if let Some((i, j)) = self_intersection(&poly) {
                Some(format!(
                    "polygon is self-intersecting (edge {} crosses edge {})",
                    i + 1,
                    j + 1
                ))
            } else if signed_area(&poly).abs() < 1e-6 {
                Some("polygon is degenerate (no area)".into())
            } else if self_intersection(&flatten(&closed_spline(&poly), CHECK_TOLERANCE, true))
                .is_some()
            {
                Some(
                    "the smooth curve drawn through the polygon's points crosses itself \
                     (points too close together on a sharp turn)"
                        .into(),
                )
            } else {
                None
            }
        }
        Geom::Band { points, .. } if points.len() < 2 => Some(format!(
            "band needs at least 2 points, has {}",
            points.len()
        )),
        Geom::Band { width, .. } if !(width.is_finite() && *width > 0.0 && *width < 1.0) => {
            Some(format!("band width must be between 0 and 1, got {width}"))
        }
        _ => None,
    }
}

/// Check a chart on its own: views, outlines, ids, shapes, guide lines.
pub fn validate_chart(chart: &Chart, src: &SourceText) -> Vec<Problem> {
    let mut r = Report::new(src);
    if chart.version != 1 {
        let at = r.loc.nth_key(0, "version", 0);
        r.at(
            at,
            format!("unsupported chart version {} (expected 1)", chart.version),
        );
    }
    if chart.zones.is_empty() {
        let at = r.loc.nth_key(0, "zones", 0);
        r.at(at, "chart has no zones".into());
    }
    // Views and their outlines, in foot space.
    let mut outlines: Vec<(ViewKind, Vec<Point>, (f32, f32))> = Vec::new();
    let views_at = r.loc.nth_key(0, "views", 0).unwrap_or(0);
    for def in &chart.views {
        let at = r.loc.key_value(views_at, "view", def.view.label());
        if outlines.iter().any(|(v, _, _)| *v == def.view) {
            r.at(at, format!("view {} is defined twice", def.view.label()));
            continue;
        }
        if !(def.aspect.is_finite() && def.aspect > 0.05 && def.aspect < 5.0) {
            r.at(
                at,
                format!(
                    "view {}: aspect must be between 0.05 and 5, got {}",
                    def.view.label(),
                    def.aspect
                ),
            );
            continue;
        }
        if def.outline.len() < 3 {
            r.at(
                at,
                format!(
                    "view {} has no outline (needs at least 3 points)",
                    def.view.label()
                ),
            );
            continue;
        }
        if def.outline.len() > MAX_POINTS {
            r.at(
                at,
                format!(
                    "view {}: outline has {} points, too many (the limit is {MAX_POINTS})",
                    def.view.label(),
                    def.outline.len()
                ),
            );
            continue;
        }
        if !def.outline.iter().all(finite) {
            r.at(
                at,
                format!(
                    "view {}: outline coordinates must be finite numbers",
                    def.view.label()
                ),
            );
            continue;
        }
        let scale = view_scale(def.view, def.aspect);
        let poly: Vec<Point> = def
            .outline
            .iter()
            .map(|p| Point::new(p.0 * scale.0, p.1 * scale.1))
            .collect();
        if let Some((i, j)) = self_intersection(&poly) {
            r.at(
                at,
                format!(
                    "view {}: outline is self-intersecting (edge {} crosses edge {})",
                    def.view.label(),
                    i + 1,
                    j + 1
                ),
            );
            continue;
        }
        if signed_area(&poly).abs() < 1e-4 {
            r.at(
                at,
                format!("view {}: outline has no area", def.view.label()),
            );
            continue;
        }
        // Why a second check: the outline is drawn as the smooth curve through its points, and
        // two points close together on a sharp turn (between two toes) can make it cross.
        let smooth = flatten(&closed_spline(&poly), CHECK_TOLERANCE, true);
        if self_intersection(&smooth).is_some() {
            r.at(
                at,
                format!(
                    "view {}: the smooth outline drawn through its points crosses itself \
                     (move points apart where the outline turns sharply)",
                    def.view.label()
                ),
            );
            continue;
        }
        outlines.push((def.view, smooth, scale));
    }
    if chart.views.is_empty() {
        let at = r.loc.nth_key(0, "views", 0);
        r.at(at, "chart has no views".into());
    }
    if !chart.longitudinal_bounds.is_empty() {
        let b = &chart.longitudinal_bounds;
        let ok = b.len() == 4
            && b.iter().all(|x| x.is_finite() && *x > 0.0 && *x < 1.0)
            && b.windows(2).all(|w| w[0] < w[1]);
        if !ok {
            let at = r.loc.nth_key(0, "longitudinal_bounds", 0);
            r.at(
                at,
                "longitudinal_bounds must be four increasing values between 0 and 1".into(),
            );
        }
    }
    // Touch-test toes: each of 1, 3 and 5 at most once, on the foot of a view the chart has.
    let touch_at = r.loc.nth_key(0, "touch_test", 0);
    let mut toes = HashSet::new();
    for t in &chart.touch_test {
        let problem = if ![1, 3, 5].contains(&t.toe) {
            Some(format!(
                "touch_test: toe {} is not one the Ipswich Touch Test uses (1, 3, 5)",
                t.toe
            ))
        } else if !toes.insert(t.toe) {
            Some(format!("touch_test: toe {} is given twice", t.toe))
        } else {
            match outlines.iter().find(|(v, _, _)| *v == t.view) {
                None => Some(format!(
                    "touch_test: toe {} is on the {} view, which the chart does not have",
                    t.toe,
                    t.view.label()
                )),
                Some((_, poly, scale)) => {
                    let p = Point::new(t.at.0 * scale.0, t.at.1 * scale.1);
                    (!finite(&t.at) || !point_in_polygon(p, poly)).then(|| {
                        format!("touch_test: toe {} is not inside the foot outline", t.toe)
                    })
                }
            }
        };
        if let Some(p) = problem {
            r.at(touch_at, p);
        }
    }
    // Guide lines.
    let mut guide_ids = HashSet::new();
    for g in &chart.guides {
        let at = r.loc.id(&g.id);
        if !guide_ids.insert(g.id.as_str()) {
            r.at(
                second_id(&r.loc, &g.id).or(at),
                format!("duplicate guide id \"{}\"", g.id),
            );
        }
        for path in &g.paths {
            if path.points.len() < 2 || !path.points.iter().all(finite) {
                r.at(
                    at,
                    format!(
                        "guide \"{}\": each path needs at least 2 finite points",
                        g.id
                    ),
                );
            }
            if !outlines.iter().any(|(v, _, _)| *v == path.view) {
                r.at(
                    at,
                    format!(
                        "guide \"{}\" is drawn on view {}, which has no outline",
                        g.id,
                        path.view.label()
                    ),
                );
            }
        }
    }
    // Zones.
    let mut ids = HashSet::new();
    for zone in &chart.zones {
        let at = r.loc.id(&zone.id);
        if !is_snake_case(&zone.id) {
            r.at(
                at,
                format!("zone id \"{}\" must be snake_case (a–z, 0–9, _)", zone.id),
            );
        }
        if !ids.insert(zone.id.as_str()) {
            r.at(
                second_id(&r.loc, &zone.id).or(at),
                format!("duplicate zone id \"{}\"", zone.id),
            );
            continue;
        }
        if zone.name.trim().is_empty() {
            r.at(at, format!("zone \"{}\" has no name", zone.id));
        }
        if zone.shapes.is_empty() {
            r.at(at, format!("zone \"{}\" has no shapes", zone.id));
        }
        if zone.techniques.is_empty() {
            r.at(at, format!("zone \"{}\" has no technique", zone.id));
        }
        if zone.caveats.is_empty() {
            r.at(at, format!("zone \"{}\" has no evidence caveat", zone.id));
        }
        if zone.guidance.trim().is_empty() {
            r.at(
                at,
                format!("zone \"{}\" has no technique guidance", zone.id),
            );
        }
        if zone.pressure.min > zone.pressure.max {
            r.at(
                at,
                format!("zone \"{}\": pressure min is above max", zone.id),
            );
        }
        let (m0, m1) = zone.minutes;
        if !(m0.is_finite() && m1.is_finite() && m0 > 0.0 && m0 <= m1 && m1 <= 60.0) {
            r.at(
                at,
                format!(
                    "zone \"{}\": minutes must be a range (min, max) with 0 < min ≤ max ≤ 60",
                    zone.id
                ),
            );
        }
        let zone_at = at.unwrap_or(0);
        for (si, shape) in zone.shapes.iter().enumerate() {
            // Why a closure: the place is only looked up when there is a problem to report.
            let shape_at = |r: &Report| r.loc.nth_key(zone_at, "geom", si).or(at);
            if let Some(msg) = geom_problem(&shape.geom) {
                r.at(
                    shape_at(&r),
                    format!("zone \"{}\", shape {}: {msg}", zone.id, si + 1),
                );
                continue;
            }
            let Some((_, outline, scale)) = outlines.iter().find(|(v, _, _)| *v == shape.view)
            else {
                r.at(
                    shape_at(&r),
                    format!(
                        "zone \"{}\", shape {}: view {} has no outline",
                        zone.id,
                        si + 1,
                        shape.view.label()
                    ),
                );
                continue;
            };
            let poly = flatten(&geom_curve(&shape.geom, *scale), CHECK_TOLERANCE, true);
            let worst = poly
                .iter()
                .filter(|p| !point_in_polygon(**p, outline))
                .map(|p| distance_to_boundary(*p, outline))
                .fold(0.0_f32, f32::max);
            if worst > OUTLINE_TOLERANCE {
                r.at(shape_at(&r), format!(
                    "zone \"{}\", shape {}: lies outside the {} outline (by {:.3} foot lengths)",
                    zone.id, si + 1, shape.view.label().to_lowercase(), worst
                ));
            }
        }
    }
    r.finish()
}

/// Check that everything a chart refers to exists in the library.
pub fn check_chart_refs(chart: &Chart, src: &SourceText, library: &Library) -> Vec<Problem> {
    let mut r = Report::new(src);
    let sources: HashSet<&str> = library
        .evidence
        .chart_sources
        .iter()
        .map(|s| s.key.as_str())
        .collect();
    for zone in &chart.zones {
        let zone_at = r.loc.id(&zone.id).unwrap_or(0);
        for t in &zone.techniques {
            let at = r.loc.nth(zone_at, &format!("\"{t}\""), 0);
            match library.technique(t) {
                None => r.at(
                    at,
                    format!("zone \"{}\": unknown technique \"{t}\"", zone.id),
                ),
                Some(tech) if !tech.fits(zone.pressure) => r.at(
                    at,
                    format!(
                        "zone \"{}\": technique \"{t}\" ({}) cannot be done inside the zone's pressure range ({})",
                        zone.id,
                        tech.pressure.label().to_lowercase(),
                        zone.pressure.label().to_lowercase()
                    ),
                ),
                // Why: the steps are written for the foot; on a hand chart the detail panel
                // shows how the move is done on the hand and what changes for at-risk hands.
                Some(tech)
                    if chart.limb == crate::model::Limb::Hand
                        && (tech.on_hands.trim().is_empty()
                            || tech.at_risk_hands.trim().is_empty()) =>
                {
                    r.at(
                        at,
                        format!(
                            "zone \"{}\": technique \"{t}\" says nothing of the hands (on_hands, at_risk_hands)",
                            zone.id
                        ),
                    );
                }
                Some(_) => {}
            }
        }
        // Why: rules for numb feet forbid pin-point moves, so every zone needs another way in.
        let known: Vec<&Technique> = zone
            .techniques
            .iter()
            .filter_map(|t| library.technique(t))
            .collect();
        if !known.is_empty() && known.iter().all(|t| t.contact == Contact::PinPoint) {
            let at = r.loc.nth_key(zone_at, "techniques", 0).or(Some(zone_at));
            r.at(
                at,
                format!(
                    "zone \"{}\" offers only pin-point techniques; add one allowed on numb feet (a sustained hold)",
                    zone.id
                ),
            );
        }
        for c in &zone.caveats {
            if library.claim(c).is_none() {
                let at = r.loc.nth(zone_at, &format!("\"{c}\""), 0);
                r.at(
                    at,
                    format!("zone \"{}\": unknown evidence claim \"{c}\"", zone.id),
                );
            }
        }
        for s in &zone.sources {
            if !sources.contains(s.as_str()) {
                let at = r.loc.nth(zone_at, &format!("\"{s}\""), 0);
                r.at(
                    at,
                    format!("zone \"{}\": unknown source key \"{s}\"", zone.id),
                );
            }
        }
    }
    r.finish()
}

fn duplicates<'a>(r: &mut Report, kind: &str, ids: impl Iterator<Item = &'a str>) {
    let mut seen = HashSet::new();
    for id in ids {
        if !seen.insert(id) {
            let at = second_id(&r.loc, id);
            r.at(at, format!("duplicate {kind} id \"{id}\""));
        }
    }
}

/// Check the library's files: unique ids, grades, sources, and every reference (to zones too
/// when charts are given: a template's against the charts for its feet or hands, a rule's
/// against any). `files` are the texts the library was parsed from.
pub fn validate_library(
    library: &Library,
    files: &[SourceText],
    charts: &[&Chart],
) -> Vec<Problem> {
    let mut out = Vec::new();
    let zone_ok = |id: &str| charts.is_empty() || charts.iter().any(|c| c.zone(id).is_some());
    // Why "any of that kind": with no chart of the template's kind given there is nothing to
    // check against, as when the library is validated alone.
    let zone_on = |limb: crate::model::Limb, id: &str| {
        let of_kind: Vec<&&Chart> = charts.iter().filter(|c| c.limb == limb).collect();
        of_kind.is_empty() || of_kind.iter().any(|c| c.zone(id).is_some())
    };
    for src in files {
        let Some(part) = LibraryPart::from_path(src.name) else {
            continue;
        };
        let mut r = Report::new(src);
        match part {
            LibraryPart::Techniques => {
                duplicates(
                    &mut r,
                    "technique",
                    library.techniques.iter().map(|t| t.id.as_str()),
                );
                for t in &library.techniques {
                    let at = r.loc.id(&t.id);
                    if !is_snake_case(&t.id) {
                        r.at(at, format!("technique id \"{}\" must be snake_case", t.id));
                    }
                    if t.steps.is_empty()
                        || t.at_risk_feet.trim().is_empty()
                        || t.summary.trim().is_empty()
                    {
                        r.at(
                            at,
                            format!(
                                "technique \"{}\" needs a summary, steps and at-risk-feet advice",
                                t.id
                            ),
                        );
                    }
                    if t.pressure.min > t.pressure.max {
                        r.at(
                            at,
                            format!("technique \"{}\": pressure min is above max", t.id),
                        );
                    }
                    // Why: rules that forbid leg sweeps flag calf work through `works_calf`;
                    // a calf technique without it would slip past the clot-risk rules.
                    let names_calf = format!("{} {}", t.name, t.summary)
                        .to_lowercase()
                        .contains("calf");
                    if (t.strokes_up_leg || names_calf) && !t.works_calf {
                        r.at(
                            at,
                            format!(
                                "technique \"{}\" strokes up the leg or works the calf: set works_calf: true",
                                t.id
                            ),
                        );
                    }
                }
            }
            LibraryPart::Evidence => {
                let ev = &library.evidence;
                duplicates(
                    &mut r,
                    "citation",
                    ev.citations.iter().map(|c| c.id.as_str()),
                );
                duplicates(&mut r, "claim", ev.claims.iter().map(|c| c.id.as_str()));
                for c in &ev.citations {
                    if c.doi.is_none() && c.pmid.is_none() && c.unverified.is_none() {
                        let at = r.loc.id(&c.id);
                        r.at(
                            at,
                            format!(
                                "citation \"{}\" has no DOI or PMID and is not marked unverified",
                                c.id
                            ),
                        );
                    }
                }
                for claim in &ev.claims {
                    let at = r.loc.id(&claim.id);
                    if claim.citations.is_empty() {
                        r.at(at, format!("claim \"{}\" cites nothing", claim.id));
                    }
                    if claim.plain.trim().is_empty() {
                        r.at(
                            at,
                            format!("claim \"{}\" has no plain-language sentence", claim.id),
                        );
                    }
                    for c in &claim.citations {
                        if library.citation(c).is_none() {
                            let at = r.loc.nth(at.unwrap_or(0), &format!("\"{c}\""), 0);
                            r.at(
                                at,
                                format!("claim \"{}\": unknown citation \"{c}\"", claim.id),
                            );
                        }
                    }
                }
            }
            LibraryPart::Screening => {
                duplicates(&mut r, "rule", library.rules.iter().map(|x| x.id.as_str()));
                for rule in &library.rules {
                    let at = r.loc.id(&rule.id);
                    if rule.source.trim().is_empty() {
                        r.at(at, format!("rule \"{}\" has no source", rule.id));
                    }
                    if rule.question.trim().is_empty() {
                        r.at(at, format!("rule \"{}\" has no question", rule.id));
                    }
                    for c in &rule.citations {
                        if library.citation(c).is_none() {
                            let at = r.loc.nth(at.unwrap_or(0), &format!("\"{c}\""), 0);
                            r.at(
                                at,
                                format!("rule \"{}\": unknown citation \"{c}\"", rule.id),
                            );
                        }
                    }
                    for z in &rule.adaptation.avoid_zones {
                        if !zone_ok(z) {
                            let at = r.loc.nth(at.unwrap_or(0), &format!("\"{z}\""), 0);
                            r.at(at, format!("rule \"{}\": unknown zone \"{z}\"", rule.id));
                        }
                    }
                }
            }
            LibraryPart::Templates => {
                duplicates(
                    &mut r,
                    "template",
                    library.templates.iter().map(|t| t.id.as_str()),
                );
                for t in &library.templates {
                    let t_at = r.loc.id(&t.id);
                    if t.steps.is_empty() {
                        r.at(t_at, format!("template \"{}\" has no steps", t.id));
                    }
                    for (i, step) in t.steps.iter().enumerate() {
                        // Why a closure: the place is only looked up when there is a problem.
                        let at =
                            |r: &Report| r.loc.nth_key(t_at.unwrap_or(0), "technique", i).or(t_at);
                        match library.technique(&step.technique) {
                            None => r.at(
                                at(&r),
                                format!(
                                    "template \"{}\", step {}: unknown technique \"{}\"",
                                    t.id,
                                    i + 1,
                                    step.technique
                                ),
                            ),
                            Some(tech)
                                if t.limb == crate::model::Limb::Hand
                                    && tech.at_risk_hands.trim().is_empty() =>
                            {
                                r.at(
                                    at(&r),
                                    format!(
                                        "template \"{}\", step {}: technique \"{}\" says nothing of the hands",
                                        t.id,
                                        i + 1,
                                        step.technique
                                    ),
                                );
                            }
                            Some(_) => {}
                        }
                        match &step.zone {
                            Some(z) if !zone_on(t.limb, z) => {
                                r.at(
                                    at(&r),
                                    format!(
                                        "template \"{}\", step {}: unknown zone \"{z}\" (not on the {} chart)",
                                        t.id,
                                        i + 1,
                                        t.limb.one()
                                    ),
                                );
                            }
                            None if step.title.as_deref().is_none_or(|s| s.trim().is_empty()) => {
                                r.at(
                                    at(&r),
                                    format!(
                                        "template \"{}\", step {}: a whole-{} step needs a title",
                                        t.id,
                                        i + 1,
                                        t.limb.one()
                                    ),
                                );
                            }
                            _ => {}
                        }
                        if !(step.minutes.is_finite()
                            && step.minutes > 0.0
                            && step.minutes <= 120.0)
                        {
                            r.at(
                                at(&r),
                                format!(
                                    "template \"{}\", step {}: minutes must be between 0 and 120",
                                    t.id,
                                    i + 1
                                ),
                            );
                        }
                    }
                }
            }
            LibraryPart::Aftercare => {
                let a = &library.aftercare;
                if a.advice.is_empty() || a.urgent.is_empty() {
                    r.at(None, "aftercare needs advice and urgent-care signs".into());
                }
                if let Some(h) = &a.on_hands
                    && (h.title.trim().is_empty() || h.advice.is_empty() || h.track.is_empty())
                {
                    let at = r.loc.top_key("on_hands");
                    r.at(
                        at,
                        "aftercare on_hands needs a title, advice and things to notice".into(),
                    );
                }
            }
        }
        out.extend(r.finish());
    }
    out
}
