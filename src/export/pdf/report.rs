//! A client's progress report: details and consent, the scores (first and latest, then session
//! by session), a trend chart drawn as vector paths, the sessions and the notes. Every report
//! says plainly that a trend does not show what caused it ([`TREND_CAVEAT`]).

use std::collections::BTreeMap;

use crate::load::SourceText;
use crate::palette::{ACCENT, DANGER, INK, INK_MUTED, RULE};
use crate::plan::{Paper, format_minutes, parse_plan};
use crate::records::{
    self, Change, ClientRecord, FOLLOWUP_ITEMS, Scores, Session, Side, Symptom, TREND_CAVEAT,
};

use super::super::ExportError;
use super::PrintedPdf;
use super::fonts::isolate;
use super::layout::{BODY, Face, H2, Item, LABEL, Layout, SMALL, Style, TITLE};
use super::render::render_noting;
use super::tags::{Art, Role};
use super::trend_chart::trend;

/// Which parts a progress report prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportSections {
    /// Name, initials, year of birth, background, referrer and consent.
    pub details: bool,
    /// First and latest score of each symptom, then before → after per session.
    pub scores: bool,
    /// The scores over time as a chart.
    pub trend: bool,
    /// Each session's date, verdict, signature and plan.
    pub sessions: bool,
    /// SOAP notes, addenda and follow-ups.
    pub notes: bool,
    /// Steps as delivered with the client's responses, foot findings on a small chart, the
    /// touch test, photos chosen for the report, and the zone responses.
    pub delivery: bool,
}

impl Default for ReportSections {
    fn default() -> Self {
        Self {
            details: true,
            scores: true,
            trend: true,
            sessions: true,
            notes: true,
            delivery: true,
        }
    }
}

impl ReportSections {
    /// The words [`ReportSections::parse`] reads, in the report's order.
    pub const WORDS: [&'static str; 6] = [
        "details", "scores", "trend", "sessions", "delivery", "notes",
    ];

    /// Read a command line's `--sections details,scores,trend` list (`all` for every one).
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut s = Self {
            details: false,
            scores: false,
            trend: false,
            sessions: false,
            notes: false,
            delivery: false,
        };
        let mut unknown = Vec::new();
        let mut any = false;
        for word in text.split(',').map(str::trim).filter(|w| !w.is_empty()) {
            any = true;
            match word.to_ascii_lowercase().as_str() {
                "all" => s = Self::default(),
                "details" | "client" => s.details = true,
                "scores" | "table" => s.scores = true,
                "trend" | "chart" => s.trend = true,
                "sessions" => s.sessions = true,
                "notes" | "soap" => s.notes = true,
                "delivery" | "inspection" | "findings" => s.delivery = true,
                _ => unknown.push(format!("\"{word}\"")),
            }
        }
        if !unknown.is_empty() {
            return Err(format!(
                "unknown report section{} {} (known: {}, or all)",
                if unknown.len() == 1 { "" } else { "s" },
                unknown.join(", "),
                Self::WORDS.join(", ")
            ));
        }
        if !any {
            return Err(format!(
                "no report section given (choose from {}, or all)",
                Self::WORDS.join(", ")
            ));
        }
        Ok(s)
    }
}

/// How a progress report is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReportOptions {
    /// The parts to print (all by default).
    pub sections: ReportSections,
    /// Paper size (A4 by default).
    pub paper: Paper,
}

// ---------------------------------------------------------------------------------------------
// The scores as points in time.

/// When a score was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum When {
    Before,
    After,
    Followup(u32),
}

impl When {
    pub(super) fn label(self) -> String {
        match self {
            Self::Before => "before the session".to_owned(),
            Self::After => "after the session".to_owned(),
            Self::Followup(h) => format!("{h} h follow-up"),
        }
    }
}

/// One score of one symptom and side.
#[derive(Debug, Clone)]
pub(super) struct Point {
    /// Day number, when the date reads.
    pub(super) day: Option<i64>,
    pub(super) date: String,
    pub(super) value: u8,
    pub(super) when: When,
}

pub(super) type Key = (Symptom, Side);

/// Every score of the record by symptom and side, in time order (each session's before and
/// after, then its follow-ups).
fn series(rec: &ClientRecord) -> BTreeMap<Key, Vec<Point>> {
    let mut out: BTreeMap<Key, Vec<Point>> = BTreeMap::new();
    let mut add = |scores: &Scores, date: &str, when: When| {
        for (key, value) in &scores.0 {
            out.entry(*key).or_default().push(Point {
                day: records::date::parse(date).ok(),
                date: date.to_owned(),
                value: *value,
                when,
            });
        }
    };
    for s in &rec.sessions {
        add(&s.pre, &s.date, When::Before);
        add(&s.post, &s.date, When::After);
        for f in &s.followups {
            add(&f.scores, &f.date, When::Followup(f.hours));
        }
    }
    out
}

pub(super) fn key_label((symptom, side): Key) -> String {
    format!("{}{}", symptom.label(), side.suffix())
}

fn dash(v: Option<u8>) -> String {
    v.map_or_else(|| "–".to_owned(), |v| v.to_string())
}

// ---------------------------------------------------------------------------------------------
// The document.

/// Build a client's progress report as a PDF, with the scripts that printed as "?" for want of
/// a font on this computer.
pub fn progress_report(
    rec: &ClientRecord,
    opts: &ReportOptions,
) -> Result<PrintedPdf, ExportError> {
    progress_report_with(rec, opts, &crate::model::Chart::empty(), &[])
}

/// [`progress_report`] with the chart the findings are drawn on and the JPEG of each photo
/// chosen for the report (by photo id).
pub fn progress_report_with(
    rec: &ClientRecord,
    opts: &ReportOptions,
    chart: &crate::model::Chart,
    photos: &[(records::Id, std::sync::Arc<Vec<u8>>)],
) -> Result<PrintedPdf, ExportError> {
    let d = &rec.details;
    let initials = d.initials_or_derived();
    let printed = records::date::today_iso();
    let mut l = Layout::new(
        opts.paper.size_pt(),
        format!(
            "Progress report  ·  {}  ·  printed {printed}",
            isolate(&initials)
        ),
    )?;
    title(&mut l, rec, &initials, &printed);
    let s = opts.sections;
    let points = series(rec);
    if !s.scores && !s.trend {
        caveat(&mut l);
    }
    if s.details {
        details(&mut l, rec);
    }
    if s.scores {
        scores(&mut l, rec, &points);
    }
    if s.trend {
        trend(&mut l, rec, &points, !s.scores);
    }
    if s.sessions {
        sessions(&mut l, rec);
    }
    if s.delivery {
        super::report_delivery::delivery(&mut l, rec, chart, photos);
    }
    if s.notes {
        notes(&mut l, rec);
    }
    let name = if d.name.trim().is_empty() {
        initials.as_str()
    } else {
        d.name.trim()
    };
    let (bytes, missing_scripts) =
        render_noting(l, &[], &format!("Progress report – {name} – {printed}"))?;
    Ok(PrintedPdf {
        bytes,
        missing_scripts,
    })
}

/// The title, the client's name and a line of facts.
fn title(l: &mut Layout, rec: &ClientRecord, initials: &str, printed: &str) {
    let x = l.left();
    let w = l.content_w();
    let y = l.y;
    l.heading_at(1, x, y + TITLE.size, TITLE, "Progress report");
    l.y += TITLE.line_h() + 2.0;
    let name = rec.details.name.trim();
    let name_style = Style::new(15.0, Face::Bold, ACCENT);
    l.paragraph(
        x,
        w,
        name_style,
        if name.is_empty() { initials } else { name },
    );
    let span = match (rec.sessions.first(), rec.sessions.last()) {
        (Some(a), Some(b)) if a.date != b.date => format!(", {} to {}", a.date, b.date),
        (Some(a), _) => format!(", on {}", a.date),
        _ => String::new(),
    };
    let n = rec.sessions.len();
    let facts = format!(
        "Initials {}  ·  {n} session{}{span}  ·  Printed {printed}",
        isolate(initials),
        if n == 1 { "" } else { "s" }
    );
    l.paragraph(x, w, BODY.color(INK_MUTED), &facts);
    l.gap(6.0);
    l.rule(l.y, RULE, 0.8);
    l.gap(14.0);
}

/// The causation statement in a plain box, kept on one page.
pub(super) fn caveat(l: &mut Layout) {
    let pad = 8.0;
    let style = BODY;
    let lines = l.wrap(TREND_CAVEAT, l.content_w() - 2.0 * pad, style);
    let h = lines.len() as f32 * style.line_h() + 2.0 * pad - 2.0;
    l.ensure(h);
    let (x, y, w) = (l.left(), l.y, l.content_w());
    l.push(Item::Rect {
        x,
        y,
        w,
        h,
        r: 4.0,
        fill: None,
        stroke: Some(INK_MUTED),
    });
    l.paragraph_at(x + pad, y + pad - 1.0, &lines, style);
    l.y += h + 10.0;
}

/// Label and value rows: the label column on the left, the value wrapped beside it (a table
/// whose rows start with their label as header).
fn facts(l: &mut Layout, rows: &[(&str, String)]) {
    let label_w = 150.0;
    let x = l.left();
    let table = l.begin(Role::Table);
    for (label, value) in rows {
        let lines = l.wrap(value, l.content_w() - label_w, BODY);
        let h = lines.len() as f32 * BODY.line_h();
        l.ensure(h + 4.0);
        let y = l.y;
        l.tagged(Role::TR, |l| {
            l.tagged(Role::ROW_HEADER, |l| {
                l.text(x, y + BODY.size * 0.95, BODY.bold().color(INK_MUTED), label);
            });
            l.tagged(Role::CELL, |l| l.lines_at(x + label_w, y, &lines, BODY));
        });
        l.y += h + 4.0;
    }
    l.end(table);
}

fn details(l: &mut Layout, rec: &ClientRecord) {
    let d = &rec.details;
    l.heading("Client details", H2, 2);
    let or_none = |s: &str| {
        if s.trim().is_empty() {
            "Not recorded".to_owned()
        } else {
            s.trim().to_owned()
        }
    };
    let consent = |c: &Option<String>| match c {
        Some(date) => format!("Given on {date}"),
        None => "Not on record".to_owned(),
    };
    facts(
        l,
        &[
            ("Name", or_none(&d.name)),
            ("Initials", d.initials_or_derived()),
            (
                "Year of birth",
                d.born
                    .map_or_else(|| "Not recorded".to_owned(), |y| y.to_string()),
            ),
            ("Neuropathy background", d.background.label().to_owned()),
            ("GP or referrer", or_none(&d.referrer)),
            ("Consent to treatment", consent(&d.consent.treatment)),
            ("Consent to photos", consent(&d.consent.photos)),
            ("Consent to share a report", consent(&d.consent.sharing)),
        ],
    );
    l.gap(10.0);
}

/// A table's header row: labels wrapped into their columns, on a light rule (a row of column
/// headers).
fn header_row(l: &mut Layout, cols: &[(f32, f32)], labels: &[String]) {
    let wrapped: Vec<Vec<String>> = labels
        .iter()
        .zip(cols)
        .map(|(t, (_, w))| l.wrap(&t.to_uppercase(), w - 6.0, LABEL))
        .collect();
    let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1);
    let h = lines as f32 * LABEL.line_h() + 3.0;
    let y = l.y;
    l.tagged(Role::TR, |l| {
        for (w, (x, _)) in wrapped.iter().zip(cols) {
            l.tagged(Role::COL_HEADER, |l| l.lines_at(*x, y, w, LABEL));
        }
    });
    l.y += h;
    l.rule(l.y, INK_MUTED, 0.6);
    l.y += 4.0;
}

/// A table: a header row repeated at the top of every page it runs onto, then rows of cells
/// wrapped into their columns; `styles` gives each column's text style. In the structure a
/// table of a header row and data rows (a repeated header row is an artifact).
pub(super) fn table(
    l: &mut Layout,
    cols: &[(f32, f32)],
    labels: &[String],
    styles: &[Style],
    rows: &[Vec<String>],
) {
    let header_h = 3.0 * LABEL.line_h() + 8.0;
    l.ensure(header_h + BODY.line_h() + 6.0);
    let table = l.begin(Role::Table);
    header_row(l, cols, labels);
    for row in rows {
        let wrapped: Vec<Vec<String>> = row
            .iter()
            .zip(cols)
            .zip(styles)
            .map(|((t, (_, w)), s)| l.wrap(t, w - 6.0, *s))
            .collect();
        let h = wrapped
            .iter()
            .zip(styles)
            .map(|(w, s)| w.len() as f32 * s.line_h())
            .fold(0.0, f32::max);
        if l.y + h + 6.0 > l.bottom() {
            l.new_page();
            l.artifact(Art::Pagination, |l| header_row(l, cols, labels));
        }
        let y = l.y;
        l.tagged(Role::TR, |l| {
            for ((w, (x, _)), s) in wrapped.iter().zip(cols).zip(styles) {
                l.tagged(Role::CELL, |l| l.lines_at(*x, y, w, *s));
            }
        });
        l.y += h + 2.0;
        l.rule(l.y, RULE, 0.4);
        l.y += 4.0;
    }
    l.end(table);
}

fn scores(l: &mut Layout, rec: &ClientRecord, points: &BTreeMap<Key, Vec<Point>>) {
    l.heading("Scores", H2, 2);
    caveat(l);
    if points.is_empty() {
        let w = l.content_w();
        l.paragraph(
            l.left(),
            w,
            BODY.color(INK_MUTED),
            "No scores recorded yet.",
        );
        l.gap(10.0);
        return;
    }
    let w = l.content_w();
    l.paragraph(
        l.left(),
        w,
        SMALL,
        "Each symptom's first and latest score (0–10), with when it was given. Sleep and \
         wellbeing: 0 = worst, 10 = best; the other scales: 0 = none, 10 = worst imaginable.",
    );
    l.gap(4.0);
    let x = l.left();
    let cols = [
        (x, 150.0),
        (x + 150.0, 150.0),
        (x + 300.0, 150.0),
        (x + 450.0, w - 450.0),
    ];
    let labels = ["Symptom", "First", "Latest", "Times scored"].map(str::to_owned);
    let rows: Vec<Vec<String>> = points
        .iter()
        .filter_map(|(key, p)| {
            let (first, last) = (p.first()?, p.last()?);
            let at = |p: &Point| format!("{}   ({}, {})", p.value, p.date, p.when.label());
            Some(vec![
                key_label(*key),
                at(first),
                at(last),
                p.len().to_string(),
            ])
        })
        .collect();
    table(l, &cols, &labels, &[BODY.bold(), BODY, BODY, BODY], &rows);
    l.gap(12.0);

    // Session by session: before → after, in groups of columns that fit across the page.
    let keys: Vec<Key> = points
        .keys()
        .copied()
        .filter(|k| {
            rec.sessions
                .iter()
                .any(|s| s.pre.get(k.0, k.1).is_some() || s.post.get(k.0, k.1).is_some())
        })
        .collect();
    if keys.is_empty() || rec.sessions.is_empty() {
        return;
    }
    let date_w = 70.0;
    let per = 5;
    let groups: Vec<&[Key]> = keys.chunks(per).collect();
    for (g, group) in groups.iter().enumerate() {
        let title = if groups.len() == 1 {
            "Session by session: before → after".to_owned()
        } else {
            format!(
                "Session by session: before → after ({} of {})",
                g + 1,
                groups.len()
            )
        };
        l.ensure(BODY.line_h() + 3.0 * LABEL.line_h() + 3.0 * BODY.line_h());
        let y = l.y;
        l.heading_at(3, x, y + BODY.size, BODY.bold(), &title);
        l.y += BODY.line_h() + 4.0;
        let col_w = (w - date_w) / per as f32;
        let mut cols = vec![(x, date_w)];
        let mut labels = vec!["Date".to_owned()];
        for (i, k) in group.iter().enumerate() {
            cols.push((x + date_w + i as f32 * col_w, col_w));
            labels.push(key_label(*k));
        }
        let rows: Vec<Vec<String>> = rec
            .sessions
            .iter()
            .map(|s| {
                let mut row = vec![s.date.clone()];
                for k in *group {
                    let (a, b) = (s.pre.get(k.0, k.1), s.post.get(k.0, k.1));
                    row.push(if a.is_none() && b.is_none() {
                        String::new()
                    } else {
                        format!("{} → {}", dash(a), dash(b))
                    });
                }
                row
            })
            .collect();
        let styles = vec![BODY; cols.len()];
        table(l, &cols, &labels, &styles, &rows);
        l.gap(10.0);
    }
}

// ---------------------------------------------------------------------------------------------
// Sessions and notes.

/// What the session's plan snapshot says: steps, template, minutes.
fn plan_summary(s: &Session) -> String {
    if s.plan_ron.trim().is_empty() {
        return "No plan recorded".to_owned();
    }
    match parse_plan(&SourceText {
        name: "session plan",
        text: &s.plan_ron,
    }) {
        Ok(p) => {
            let mut t = format!(
                "{} step{}, {} min",
                p.steps.len(),
                if p.steps.len() == 1 { "" } else { "s" },
                format_minutes(p.total_minutes())
            );
            if let Some(template) = p.template.as_deref().filter(|t| !t.trim().is_empty()) {
                t.push_str(&format!(" · template {}", template.replace('_', " ")));
            }
            t
        }
        Err(_) => "Plan snapshot not readable".to_owned(),
    }
}

fn sessions(l: &mut Layout, rec: &ClientRecord) {
    l.heading("Sessions", H2, 2);
    if rec.sessions.is_empty() {
        let w = l.content_w();
        l.paragraph(
            l.left(),
            w,
            BODY.color(INK_MUTED),
            "No sessions recorded yet.",
        );
        l.gap(10.0);
        return;
    }
    let x = l.left();
    let w = l.content_w();
    let cols = [
        (x, 70.0),
        (x + 70.0, 60.0),
        (x + 130.0, 170.0),
        (x + 300.0, w - 300.0),
    ];
    let labels = ["Date", "Verdict", "Note", "Plan delivered"].map(str::to_owned);
    let rows: Vec<Vec<String>> = rec
        .sessions
        .iter()
        .map(|s| {
            vec![
                s.date.clone(),
                if s.verdict.trim().is_empty() {
                    "–".to_owned()
                } else {
                    s.verdict.trim().to_owned()
                },
                match &s.signed_at {
                    Some(at) => format!("Signed {at}"),
                    None => "Draft (not signed)".to_owned(),
                },
                plan_summary(s),
            ]
        })
        .collect();
    table(l, &cols, &labels, &[BODY; 4], &rows);
    l.gap(12.0);
}

/// One labelled block of text: a small label line (a fourth-level heading), then the text
/// indented under it.
fn block(l: &mut Layout, label: &str, label_style: Style, text: &str, style: Style) {
    let indent = 12.0;
    let lines = l.wrap(text, l.content_w() - indent, style);
    // The label and at least two lines of its text together.
    l.ensure(label_style.line_h() + style.line_h() * lines.len().min(2) as f32);
    let (x, y) = (l.left(), l.y);
    l.heading_at(4, x, y + label_style.size, label_style, label);
    l.y += label_style.line_h();
    let w = l.content_w() - indent;
    l.paragraph(x + indent, w, style, text);
    l.gap(3.0);
}

fn scores_text(s: &Scores) -> String {
    s.0.iter()
        .map(|(k, v)| format!("{} {v}", key_label(*k)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn notes(l: &mut Layout, rec: &ClientRecord) {
    l.heading("Notes", H2, 2);
    let with_notes: Vec<&Session> = rec
        .sessions
        .iter()
        .filter(|s| !s.soap.is_empty() || !s.addenda.is_empty() || !s.followups.is_empty())
        .collect();
    if with_notes.is_empty() {
        let w = l.content_w();
        l.paragraph(l.left(), w, BODY.color(INK_MUTED), "No notes recorded yet.");
        return;
    }
    let h3 = Style::new(11.5, Face::Bold, INK);
    for s in with_notes {
        l.ensure(h3.line_h() + 4.0 * BODY.line_h());
        let (x, y) = (l.left(), l.y);
        l.heading_at(3, x, y + h3.size, h3, &format!("Session of {}", s.date));
        let status = match &s.signed_at {
            Some(at) => format!("signed {at}"),
            None => "draft, not signed".to_owned(),
        };
        l.tagged(Role::P, |l| {
            l.text_right(l.right(), y + h3.size, SMALL, &status)
        });
        l.y += h3.line_h() + 2.0;
        for (part, text) in s.soap.parts() {
            if !text.trim().is_empty() {
                block(l, &part.to_uppercase(), LABEL, text.trim(), BODY);
            }
        }
        for a in &s.addenda {
            block(
                l,
                &format!("ADDENDUM, WRITTEN {}", a.written_at.to_uppercase()),
                LABEL.color(ACCENT),
                a.text.trim(),
                BODY,
            );
        }
        for f in &s.followups {
            let mut parts = Vec::new();
            if !f.scores.is_empty() {
                parts.push(format!("Scores: {}.", scores_text(&f.scores)));
            }
            let changes: Vec<String> = FOLLOWUP_ITEMS
                .iter()
                .zip(&f.items)
                .filter(|(_, c)| **c != Change::NotAsked)
                .map(|(item, c)| format!("{item}: {}", c.label().to_lowercase()))
                .collect();
            if !changes.is_empty() {
                parts.push(format!(
                    "Compared with before the session: {}.",
                    changes.join("; ")
                ));
            }
            if !f.note.trim().is_empty() {
                parts.push(format!("Note: {}", isolate(f.note.trim())));
            }
            if parts.is_empty() {
                parts.push("Nothing recorded.".to_owned());
            }
            block(
                l,
                &format!("{} H FOLLOW-UP, {}", f.hours, f.date),
                LABEL,
                &parts.join(" "),
                BODY,
            );
            if f.is_urgent() {
                let names: Vec<&str> = f.urgent.iter().map(|u| u.label()).collect();
                let w = l.content_w() - 12.0;
                l.paragraph(
                    l.left() + 12.0,
                    w,
                    BODY.bold().color(DANGER),
                    &format!("Urgent signs reported: {}.", names.join("; ")),
                );
                l.gap(3.0);
            }
        }
        l.gap(4.0);
        l.rule(l.y, RULE, 0.5);
        l.gap(10.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_parse_from_a_comma_list_and_name_unknown_words() {
        let s = ReportSections::parse("details, trend").unwrap();
        assert!(s.details && s.trend && !s.scores && !s.sessions && !s.notes);
        assert_eq!(
            ReportSections::parse("scores,notes,sessions").unwrap(),
            ReportSections {
                details: false,
                trend: false,
                delivery: false,
                ..ReportSections::default()
            }
        );
        assert_eq!(
            ReportSections::parse("all").unwrap(),
            ReportSections::default()
        );
        assert_eq!(
            ReportSections::parse("Details,SCORES").unwrap(),
            ReportSections::parse("details,scores").unwrap()
        );
        let e = ReportSections::parse("details,graph,photos").unwrap_err();
        assert!(e.contains("\"graph\", \"photos\""), "{e}");
        assert!(
            e.contains("details, scores, trend, sessions, delivery, notes"),
            "{e}"
        );
        assert!(
            ReportSections::parse(" , ")
                .unwrap_err()
                .contains("no report section")
        );
    }

    #[test]
    fn series_keep_time_order_and_say_when_each_score_was_given() {
        let mut pre = Scores::default();
        pre.set(Symptom::Numbness, Side::Left, Some(6));
        let mut post = Scores::default();
        post.set(Symptom::Numbness, Side::Left, Some(5));
        let mut fu = Scores::default();
        fu.set(Symptom::Numbness, Side::Left, Some(4));
        let session = Session {
            id: 1,
            client: 1,
            date: "2026-01-05".into(),
            plan_ron: String::new(),
            verdict: "Go".into(),
            pre,
            post,
            soap: Default::default(),
            signed_at: None,
            addenda: Vec::new(),
            delivery: Default::default(),
            followups: vec![records::Followup {
                hours: 24,
                date: "2026-01-06".into(),
                scores: fu,
                ..Default::default()
            }],
        };
        let rec = ClientRecord {
            id: 1,
            details: Default::default(),
            created: String::new(),
            sessions: vec![session],
        };
        let s = series(&rec);
        let p = &s[&(Symptom::Numbness, Side::Left)];
        assert_eq!(
            p.iter().map(|p| (p.value, p.when)).collect::<Vec<_>>(),
            [(6, When::Before), (5, When::After), (4, When::Followup(24))]
        );
        assert_eq!(p[2].day, records::date::parse("2026-01-06").ok());
        assert_eq!(plan_summary(&rec.sessions[0]), "No plan recorded");
    }
}
