//! A client's record as plain text (`reflexmap records show`) and their scores as CSV
//! (`reflexmap records export`). Both only build a string: writing it anywhere is the caller's
//! choice, so nothing here sends health data off the machine.

use std::fmt::Write as _;

use super::delivery::{Finding, FindingStatus};
use super::model::*;
use crate::model::Chart;

/// What every printed record and score export ends with (content/records.md §5).
pub const TREND_CAVEAT: &str = "About these scores: they record how the client said they felt \
     on a 0–10 scale. They do not measure nerve function and are not a diagnosis. A trend, up or \
     down, does not show what caused it: symptoms change on their own over time, an unusually \
     bad day tends to be followed by a more ordinary one, and other treatment or changes in the \
     client's life may play a part. Do not read a trend as proof that the sessions worked, or \
     that they did harm.";

/// The client's whole record as readable text: details and consent, then every session (date,
/// verdict, signature, scores before → after, SOAP note, addenda, follow-ups), then
/// [`TREND_CAVEAT`].
pub fn client_text(rec: &ClientRecord, chart: &Chart) -> String {
    let mut s = String::new();
    let d = &rec.details;
    let _ = writeln!(s, "Client {}: {}", rec.id, d.name);
    let born = d
        .born
        .map_or_else(|| "not recorded".to_owned(), |y| y.to_string());
    let _ = writeln!(
        s,
        "Initials: {} · born: {born} · background: {}",
        d.initials_or_derived(),
        d.background.label()
    );
    for (label, text) in [
        ("Medicines", &d.medicines),
        ("Conditions", &d.conditions),
        ("GP or referrer", &d.referrer),
        ("Note", &d.note),
    ] {
        if !text.trim().is_empty() {
            let _ = writeln!(s, "{label}: {}", indent_rest(text.trim(), "  "));
        }
    }
    let _ = writeln!(s, "Record created: {}", rec.created);
    let _ = writeln!(s, "Consent:");
    for (label, date) in [
        ("Treatment", &d.consent.treatment),
        ("Photos of the feet", &d.consent.photos),
        ("Sharing a report", &d.consent.sharing),
    ] {
        match date {
            Some(date) => {
                let _ = writeln!(s, "  {label}: given {date}");
            }
            None => {
                let _ = writeln!(s, "  {label}: not recorded");
            }
        }
    }
    for flag in rec.open_urgent_flags() {
        let signs: Vec<&str> = flag.signs.iter().map(|u| u.label()).collect();
        let _ = writeln!(
            s,
            "URGENT: the {} h follow-up on {} after the session of {} reported: {}. Check this \
             before the next session.",
            flag.hours,
            flag.date,
            flag.session_date,
            signs.join("; ")
        );
    }
    if let Some(due) = rec.followup_due() {
        let _ = writeln!(s, "Follow-up due: {due} (session {})", due.session);
    }
    s.push('\n');
    if rec.sessions.is_empty() {
        let _ = writeln!(s, "No sessions recorded yet.");
    } else {
        let _ = writeln!(s, "Sessions: {}", rec.sessions.len());
    }
    for session in &rec.sessions {
        session_text(&mut s, session);
        delivery_text(&mut s, session, chart);
    }
    zone_responses_text(&mut s, rec, chart);
    s.push('\n');
    s.push_str(TREND_CAVEAT);
    s.push('\n');
    s
}

fn session_text(s: &mut String, session: &Session) {
    let signed = match &session.signed_at {
        Some(at) => format!("signed {at}"),
        None => "draft".to_owned(),
    };
    let verdict = if session.verdict.trim().is_empty() {
        "not recorded"
    } else {
        session.verdict.as_str()
    };
    let _ = writeln!(
        s,
        "\nSession {} on {} · screening: {verdict} · {signed}",
        session.id, session.date
    );
    let lines = before_after(&session.pre, &session.post);
    if lines.is_empty() {
        let _ = writeln!(s, "  Scores: none recorded");
    } else {
        let _ = writeln!(s, "  Scores (before → after):");
        for line in lines {
            let _ = writeln!(s, "    {line}");
        }
    }
    for (heading, text) in session.soap.parts() {
        if !text.trim().is_empty() {
            let _ = writeln!(s, "  {heading}: {}", indent_rest(text.trim(), "    "));
        }
    }
    for a in &session.addenda {
        let _ = writeln!(
            s,
            "  Addendum {}: {}",
            a.written_at,
            indent_rest(a.text.trim(), "    ")
        );
    }
    for f in &session.followups {
        let _ = writeln!(s, "  Follow-up at {} h, {}:", f.hours, f.date);
        if !f.scores.is_empty() {
            let scores: Vec<String> = f
                .scores
                .0
                .iter()
                .map(|((sy, sd), v)| format!("{}{}: {v}", sy.label(), sd.suffix()))
                .collect();
            let _ = writeln!(s, "    Scores: {}", scores.join(", "));
        }
        for (item, change) in FOLLOWUP_ITEMS.iter().zip(f.items) {
            if change != Change::NotAsked {
                let _ = writeln!(s, "    {item}: {}", change.label());
            }
        }
        for sign in &f.urgent {
            let _ = writeln!(s, "    URGENT: {}", sign.label());
        }
        if !f.note.trim().is_empty() {
            let _ = writeln!(s, "    Note: {}", indent_rest(f.note.trim(), "      "));
        }
    }
}

/// One line per symptom scored before or after: `Numbness (left): 7 → 5`, with `–` where
/// one of the two is missing.
fn before_after(pre: &Scores, post: &Scores) -> Vec<String> {
    let keys: std::collections::BTreeSet<_> = pre.0.keys().chain(post.0.keys()).collect();
    let show = |v: Option<&u8>| v.map_or_else(|| "–".to_owned(), u8::to_string);
    keys.into_iter()
        .map(|k| {
            let (sy, sd) = *k;
            format!(
                "{}{}: {} → {}",
                sy.label(),
                sd.suffix(),
                show(pre.0.get(k)),
                show(post.0.get(k))
            )
        })
        .collect()
}

/// Later lines of a multi-line text indented under the first.
fn indent_rest(text: &str, indent: &str) -> String {
    text.lines()
        .collect::<Vec<_>>()
        .join(&format!("\n{indent}"))
}

/// The CSV header of [`scores_csv`].
pub const CSV_HEADER: &str = "client_id,client,session_id,date,when,hours,symptom,side,value";

/// Every score on a client's record as CSV (RFC 4180, UTF-8, CRLF line ends, header first):
/// one row per score, `when` is `before`, `after` or `follow-up`; `date` is the session's or the
/// follow-up's; `hours` is 24 or 48 for a follow-up and empty otherwise. Symptoms and sides are
/// the keys the command line reads (`numbness`, `left`).
///
/// Text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return) gets a leading `'`, so opening the file cannot execute anything.
pub fn scores_csv(rec: &ClientRecord) -> String {
    let mut out = String::new();
    out.push_str(CSV_HEADER);
    out.push_str("\r\n");
    let client_id = rec.id.to_string();
    let name = text_field(&rec.details.name);
    let mut row = |session: &Session, date: &str, when: &str, hours: &str, scores: &Scores| {
        for ((sy, sd), v) in &scores.0 {
            let fields = [
                client_id.clone(),
                name.clone(),
                session.id.to_string(),
                text_field(date),
                when.to_owned(),
                hours.to_owned(),
                text_field(sy.key()),
                text_field(sd.key()),
                v.to_string(),
            ];
            out.push_str(&fields.join(","));
            out.push_str("\r\n");
        }
    };
    for session in &rec.sessions {
        row(session, &session.date, "before", "", &session.pre);
        row(session, &session.date, "after", "", &session.post);
        for f in &session.followups {
            row(
                session,
                &f.date,
                "follow-up",
                &f.hours.to_string(),
                &f.scores,
            );
        }
    }
    out
}

/// A text field for CSV: guarded against formula injection, then quoted when needed.
pub fn text_field(text: &str) -> String {
    let guarded = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    quote(&guarded)
}

/// RFC 4180 quoting: a field with a comma, quote or line break is put in quotes, with its
/// quotes doubled; any other field is written as it is.
pub fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

/// Where a finding is, in words: the zone it lies in on its view, if any.
pub fn finding_place(f: &Finding, chart: &Chart) -> String {
    let geo = crate::geometry::ViewGeometry::build(chart, f.view, crate::model::FootSel::Both);
    let zone = geo
        .place_normalized(f.foot, f.at)
        .and_then(|p| geo.hit_test(p))
        .map(|z| chart.zone_at(z).name.clone());
    match zone {
        Some(name) => format!("over the {name} area"),
        None if f.view.is_side() => format!(
            "at {:.0}% of the way from toes to heel, {:.0}% up from the sole",
            f.at.0 * 100.0,
            f.at.1 * 100.0
        ),
        None => format!(
            "at {:.0}% across from the big-toe side, {:.0}% of the way from toes to heel",
            f.at.0 * 100.0,
            f.at.1 * 100.0
        ),
    }
}

fn delivery_text(s: &mut String, session: &Session, chart: &Chart) {
    let d = &session.delivery;
    if d.is_empty() {
        return;
    }
    let plan = crate::plan::parse_snapshot(&session.plan_ron);
    if !d.steps.is_empty() {
        let worked = d
            .steps
            .iter()
            .filter(|x| x.status != super::delivery::StepStatus::Skipped)
            .count();
        let planned = plan.as_ref().map_or(d.steps.len(), |p| p.steps.len());
        let _ = writeln!(s, "  Delivered ({worked} of {planned} steps worked):");
        for st in &d.steps {
            let p = plan.as_ref().and_then(|p| p.steps.get(st.step));
            let name = p.map_or_else(
                || format!("step {}", st.step + 1),
                |p| p.display_name(chart),
            );
            let of = p.map_or_else(String::new, |p| format!(" of {:.1}", p.minutes));
            let _ = writeln!(
                s,
                "    {}. {name}, {}: {} · {} · {:.1}{of} min · {}",
                st.step + 1,
                st.foot.label().to_lowercase(),
                st.response
                    .map_or("no response noted".to_owned(), |r| r.label().to_lowercase()),
                st.status.label().to_lowercase(),
                st.minutes,
                st.pressure.label().to_lowercase()
            );
        }
    }
    if !d.findings.is_empty() {
        let _ = writeln!(s, "  Findings:");
        for f in &d.findings {
            let status = match f.status {
                FindingStatus::New => "",
                FindingStatus::Still => " [still there since last session]",
                FindingStatus::Resolved => " [resolved since last session]",
            };
            let note = if f.note.trim().is_empty() {
                String::new()
            } else {
                format!(" — {}", f.note.trim())
            };
            let _ = writeln!(
                s,
                "    {} {}{note}{status}",
                f.title(),
                finding_place(f, chart)
            );
        }
    }
    if !d.touch.is_empty() {
        let _ = writeln!(s, "  Ipswich Touch Test: {}", d.touch.summary());
    }
    if !d.photos.is_empty() {
        let in_report = d.photos.iter().filter(|p| p.in_report).count();
        let _ = writeln!(
            s,
            "  Photos: {} ({in_report} chosen for the report)",
            d.photos.len()
        );
    }
    if d.run.is_some() {
        let _ = writeln!(s, "  Delivery not finished: it can be resumed in the app.");
    }
}

fn zone_responses_text(s: &mut String, rec: &ClientRecord, chart: &Chart) {
    let rows = crate::records::delivery::notable_responses(&rec.sessions);
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(
        s,
        "\nZone responses over all sessions (tender or not felt):"
    );
    for ((id, foot), h) in rows {
        let name = chart.zone(&id).map_or(id.as_str(), |z| z.name.as_str());
        let _ = writeln!(
            s,
            "  {name} ({} foot): tender {} and not felt {} of {} sessions with a response",
            foot.label().to_lowercase(),
            h.tender,
            h.not_felt,
            h.worked
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> ClientRecord {
        let followup = Followup {
            id: 5,
            hours: 24,
            date: "2026-11-21".to_owned(),
            scores: Scores::parse("numbness.left=4").unwrap(),
            items: [
                Change::Better,
                Change::NotAsked,
                Change::NotAsked,
                Change::Worse,
                Change::NotAsked,
                Change::Same,
            ],
            urgent: vec![UrgentSign::Wound],
            note: "small blister, left heel".to_owned(),
        };
        let session = |id, date: &str| Session {
            id,
            client: 7,
            date: date.to_owned(),
            plan_ron: String::new(),
            verdict: "Adapt".to_owned(),
            pre: Scores::parse("numbness.left=7,sleep=4").unwrap(),
            post: Scores::parse("numbness.left=5").unwrap(),
            soap: Soap {
                subjective: "Feet \"like wood\"\nworse at night".to_owned(),
                ..Soap::default()
            },
            signed_at: None,
            addenda: Vec::new(),
            delivery: Default::default(),
            followups: Vec::new(),
        };
        let mut first = session(30, "2026-11-13");
        first.signed_at = Some("2026-11-13 15:02 UTC".to_owned());
        first.addenda.push(Addendum {
            id: 1,
            written_at: "2026-11-14 09:00 UTC".to_owned(),
            text: "Client phoned: slept well".to_owned(),
        });
        let mut second = session(31, "2026-11-20");
        second.followups.push(followup);
        ClientRecord {
            id: 7,
            details: ClientDetails {
                name: "=HYPERLINK(\"x\"), Ann".to_owned(),
                born: Some(1956),
                background: Background::Diabetic,
                consent: Consent {
                    treatment: Some("2026-11-13".to_owned()),
                    ..Consent::default()
                },
                ..ClientDetails::default()
            },
            created: "2026-11-13 14:00 UTC".to_owned(),
            sessions: vec![first, second],
        }
    }

    #[test]
    fn the_record_text_lists_every_session_with_scores_notes_and_follow_ups() {
        let t = client_text(&record(), &crate::model::Chart::empty());
        for want in [
            "Client 7: =HYPERLINK(\"x\"), Ann",
            "born: 1956 · background: Diabetic",
            "Treatment: given 2026-11-13",
            "Photos of the feet: not recorded",
            "Session 30 on 2026-11-13 · screening: Adapt · signed 2026-11-13 15:02 UTC",
            "Session 31 on 2026-11-20 · screening: Adapt · draft",
            "Numbness (left): 7 → 5",
            "Sleep: 4 → –",
            "Subjective: Feet \"like wood\"\n    worse at night",
            "Addendum 2026-11-14 09:00 UTC: Client phoned: slept well",
            "Follow-up at 24 h, 2026-11-21:",
            "Scores: Numbness (left): 4",
            "Tingling or numbness: Better",
            "Skin: Worse / new",
            "Overall: Same / nothing new",
            "URGENT: A wound, blister or broken skin",
            "Note: small blister, left heel",
            "Follow-up due: 48 h on 2026-11-22 (session 31)",
        ] {
            assert!(t.contains(want), "missing {want:?} in\n{t}");
        }
        assert!(!t.contains("Pain: Not asked"), "unasked items are left out");
        assert!(t.trim_end().ends_with(TREND_CAVEAT));
        // The addendum sits under its own session, before the next one.
        assert!(t.find("Addendum").unwrap() < t.find("Session 31").unwrap());
    }

    #[test]
    fn a_client_without_sessions_says_so() {
        let mut rec = record();
        rec.sessions.clear();
        let t = client_text(&rec, &crate::model::Chart::empty());
        assert!(t.contains("No sessions recorded yet."), "{t}");
        assert!(!t.contains("Follow-up due"));
    }

    #[test]
    fn csv_has_one_row_per_score_quoted_and_guarded() {
        let csv = scores_csv(&record());
        let rows: Vec<&str> = csv.split_terminator("\r\n").collect();
        assert_eq!(rows[0], CSV_HEADER);
        // Two sessions × (2 before + 1 after) + 1 follow-up score.
        assert_eq!(rows.len(), 1 + 2 * 3 + 1, "{csv}");
        let name = "\"'=HYPERLINK(\"\"x\"\"), Ann\"";
        assert_eq!(
            rows[1],
            format!("7,{name},30,2026-11-13,before,,numbness,left,7")
        );
        assert!(
            rows.contains(&format!("7,{name},31,2026-11-21,follow-up,24,numbness,left,4").as_str())
        );
        assert!(rows.contains(&format!("7,{name},31,2026-11-20,after,,numbness,left,5").as_str()));
    }

    #[test]
    fn fields_are_quoted_only_when_needed_and_formulas_are_defused() {
        assert_eq!(quote("plain"), "plain");
        assert_eq!(quote("a,b"), "\"a,b\"");
        assert_eq!(quote("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quote("two\nlines"), "\"two\nlines\"");
        for bad in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx"] {
            assert_eq!(text_field(bad), quote(&format!("'{bad}")), "{bad:?}");
        }
        assert_eq!(text_field("Anna-Maria"), "Anna-Maria");
        assert_eq!(text_field("王小明"), "王小明");
    }
}
