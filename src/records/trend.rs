//! Scores over time, for the client page's chart and the printed report: one series per
//! symptom and side, with the session days and the follow-up points between them.

use super::date;
use super::model::{ClientRecord, Side, Symptom};

/// When a point was scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointKind {
    /// Before a session.
    Before,
    /// After a session.
    After,
    /// At a 24 or 48 h follow-up.
    Followup,
}

/// One score on the time axis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrendPoint {
    /// Days since 1970-01-01; "after" sits a little right of "before" on the same day, a
    /// follow-up one or two days later.
    pub x: f64,
    /// 0–10.
    pub value: u8,
    /// When it was scored.
    pub kind: PointKind,
}

/// One symptom on one side over time.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// The symptom.
    pub symptom: Symptom,
    /// The side.
    pub side: Side,
    /// Points in time order.
    pub points: Vec<TrendPoint>,
}

impl Series {
    /// "Numbness (left)".
    pub fn label(&self) -> String {
        format!("{}{}", self.symptom.label(), self.side.suffix())
    }

    /// The first and the latest value.
    pub fn first_latest(&self) -> Option<(u8, u8)> {
        Some((self.points.first()?.value, self.points.last()?.value))
    }
}

/// How far right of its session day an "after" score is drawn.
pub const AFTER_OFFSET: f64 = 0.2;

/// Every scored symptom's series, in [`Symptom::ALL`] then side order, and the session days.
pub fn series(rec: &ClientRecord) -> (Vec<Series>, Vec<f64>) {
    let mut out: Vec<Series> = Vec::new();
    let mut days = Vec::new();
    let mut push = |symptom: Symptom, side: Side, p: TrendPoint| match out
        .iter_mut()
        .find(|s| s.symptom == symptom && s.side == side)
    {
        Some(s) => s.points.push(p),
        None => out.push(Series {
            symptom,
            side,
            points: vec![p],
        }),
    };
    for s in &rec.sessions {
        let Ok(day) = date::parse(&s.date) else {
            continue;
        };
        let day = day as f64;
        days.push(day);
        for ((sy, sd), v) in &s.pre.0 {
            push(
                *sy,
                *sd,
                TrendPoint {
                    x: day,
                    value: *v,
                    kind: PointKind::Before,
                },
            );
        }
        for ((sy, sd), v) in &s.post.0 {
            push(
                *sy,
                *sd,
                TrendPoint {
                    x: day + AFTER_OFFSET,
                    value: *v,
                    kind: PointKind::After,
                },
            );
        }
        for f in &s.followups {
            let x = date::parse(&f.date).map_or(day + f64::from(f.hours) / 24.0, |d| d as f64);
            for ((sy, sd), v) in &f.scores.0 {
                push(
                    *sy,
                    *sd,
                    TrendPoint {
                        x: x.max(day + AFTER_OFFSET * 2.0),
                        value: *v,
                        kind: PointKind::Followup,
                    },
                );
            }
        }
    }
    for s in &mut out {
        s.points.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    out.sort_by_key(|s| (s.symptom, s.side));
    (out, days)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::{ClientDetails, Followup, Scores, SessionDraft, Store};

    #[test]
    fn series_run_in_time_order_with_follow_ups_between_sessions() {
        let mut db = Store::open_in_memory().unwrap();
        let c = db
            .add_client(&ClientDetails {
                name: "T".into(),
                ..Default::default()
            })
            .unwrap();
        for (date, pre, post) in [("2026-11-27", 6, 5), ("2026-11-20", 8, 7)] {
            db.add_session(
                c,
                &SessionDraft {
                    date: date.into(),
                    pre: Scores::parse(&format!("numbness={pre}")).unwrap(),
                    post: Scores::parse(&format!("numbness={post},sleep=6")).unwrap(),
                    ..Default::default()
                },
            )
            .unwrap();
        }
        let first = db.client(c).unwrap().sessions[0].id;
        db.add_followup(
            first,
            &Followup {
                hours: 24,
                date: "2026-11-21".into(),
                scores: Scores::parse("numbness=6").unwrap(),
                ..Default::default()
            },
        )
        .unwrap();
        let (series, days) = series(&db.client(c).unwrap());
        assert_eq!(days.len(), 2);
        let numb = &series[0];
        assert_eq!(numb.label(), "Numbness");
        let values: Vec<u8> = numb.points.iter().map(|p| p.value).collect();
        assert_eq!(values, [8, 7, 6, 6, 5]);
        assert_eq!(numb.points[2].kind, PointKind::Followup);
        assert_eq!(numb.first_latest(), Some((8, 5)));
        assert_eq!(series[1].symptom, Symptom::Sleep);
    }
}
