//! Writing and reading what delivering a session adds (steps as delivered, runner position,
//! findings, touch test, photos). Each write is its own transaction, made as the therapist
//! taps, so a killed app loses at most the tap it was making.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, params};

use super::date;
use super::delivery::*;
use super::error::{RecordsError, Result, self_sql};
use super::model::{Id, Session};
use super::photo::PreparedPhoto;
use super::store::Store;
use crate::model::{Foot, FootSel, Pressure, ViewKind};

fn foot_key(f: Foot) -> &'static str {
    match f {
        Foot::Left => "left",
        Foot::Right => "right",
    }
}

fn foot_parse(w: &str) -> Option<Foot> {
    match w {
        "left" => Some(Foot::Left),
        "right" => Some(Foot::Right),
        _ => None,
    }
}

/// Database key of a foot selection.
pub fn feet_key(f: FootSel) -> &'static str {
    match f {
        FootSel::Both => "both",
        FootSel::Left => "left",
        FootSel::Right => "right",
    }
}

fn feet_parse(w: &str) -> FootSel {
    match w {
        "left" => FootSel::Left,
        "right" => FootSel::Right,
        _ => FootSel::Both,
    }
}

fn pressure_key(p: Pressure) -> &'static str {
    match p {
        Pressure::Feather => "feather",
        Pressure::Light => "light",
        Pressure::Moderate => "moderate",
        Pressure::Firm => "firm",
        Pressure::Deep => "deep",
    }
}

fn pressure_parse(w: &str) -> Pressure {
    Pressure::ALL
        .into_iter()
        .find(|p| pressure_key(*p) == w)
        .unwrap_or(Pressure::Light)
}

fn view_parse(w: &str) -> Option<ViewKind> {
    ViewKind::ALL.into_iter().find(|v| v.id() == w)
}

/// Whether a point in normalized view coordinates could be on a foot at all (the view checks
/// it against the outline; this is the store's last guard).
fn plausible(at: (f32, f32)) -> bool {
    at.0.is_finite()
        && at.1.is_finite()
        && (-0.5..=1.5).contains(&at.0)
        && (-0.5..=1.5).contains(&at.1)
}

impl Store {
    /// Record (or re-record) how a step was delivered.
    pub fn set_step(&mut self, session: Id, s: &StepRecord) -> Result<()> {
        if !(0.0..=600.0).contains(&s.minutes) {
            return Err(RecordsError::Invalid(format!(
                "a step lasts 0 to 600 minutes, not {}",
                s.minutes
            )));
        }
        self.write(
            "INSERT INTO step_record (session_id, step, zone, foot, response, status, minutes, \
             pressure) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) \
             ON CONFLICT (session_id, step) DO UPDATE SET zone = excluded.zone, \
             foot = excluded.foot, response = excluded.response, status = excluded.status, \
             minutes = excluded.minutes, pressure = excluded.pressure",
            params![
                session,
                s.step as i64,
                s.zone,
                feet_key(s.foot),
                s.response.map(Response::key),
                s.status.key(),
                f64::from((s.minutes * 10.0).round() / 10.0),
                pressure_key(s.pressure),
            ],
        )
        .map(drop)
    }

    /// Where the runner is (`None` when the session is finished or not started).
    pub fn set_run_state(&mut self, session: Id, run: Option<RunState>) -> Result<()> {
        self.write(
            "UPDATE session SET run_step = ?2, run_elapsed = ?3 WHERE id = ?1",
            params![
                session,
                run.map(|r| r.step as i64),
                run.map(|r| f64::from(r.elapsed.max(0.0)))
            ],
        )
        .map(drop)
    }

    /// Place a finding; returns its id.
    pub fn add_finding(&mut self, session: Id, f: &Finding) -> Result<Id> {
        if !plausible(f.at) {
            return Err(RecordsError::Invalid(
                "a finding goes on the foot; that point is outside it".to_owned(),
            ));
        }
        self.write(
            "INSERT INTO finding (session_id, view, foot, x, y, kind, note, status, follows) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                session,
                f.view.id(),
                foot_key(f.foot),
                f64::from(f.at.0),
                f64::from(f.at.1),
                f.kind.key(),
                f.note.trim(),
                f.status.key(),
                f.follows,
            ],
        )
    }

    /// Change a finding's note.
    pub fn set_finding_note(&mut self, finding: Id, note: &str) -> Result<()> {
        self.write(
            "UPDATE finding SET note = ?2 WHERE id = ?1",
            params![finding, note.trim()],
        )
        .map(drop)
    }

    /// Remove a finding placed by mistake (a draft's only; its photos go with it).
    pub fn remove_finding(&mut self, finding: Id) -> Result<()> {
        self.write("DELETE FROM finding WHERE id = ?1", params![finding])
            .map(drop)
    }

    /// Record a toe of the touch test as felt, not felt, or (`None`) not tested.
    pub fn set_touch(
        &mut self,
        session: Id,
        foot: Foot,
        toe: u8,
        felt: Option<bool>,
    ) -> Result<()> {
        if !TOUCH_TOES.contains(&toe) {
            return Err(RecordsError::Invalid(format!(
                "the touch test uses toes 1, 3 and 5, not {toe}"
            )));
        }
        match felt {
            Some(felt) => self.write(
                "INSERT INTO touch_test (session_id, foot, toe, felt) VALUES (?1, ?2, ?3, ?4) \
                 ON CONFLICT (session_id, foot, toe) DO UPDATE SET felt = excluded.felt",
                params![session, foot_key(foot), toe, felt],
            ),
            None => self.write(
                "DELETE FROM touch_test WHERE session_id = ?1 AND foot = ?2 AND toe = ?3",
                params![session, foot_key(foot), toe],
            ),
        }
        .map(drop)
    }

    /// Store a prepared photo (its metadata already gone); refused without photo consent.
    pub fn add_photo(
        &mut self,
        session: Id,
        finding: Option<Id>,
        photo: &PreparedPhoto,
    ) -> Result<Id> {
        self.write(
            "INSERT INTO photo (session_id, finding_id, added_at, width, height, jpeg) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                session,
                finding,
                date::stamp(date::now_secs()),
                photo.width,
                photo.height,
                photo.jpeg,
            ],
        )
    }

    /// A photo's JPEG bytes.
    pub fn photo_jpeg(&self, photo: Id) -> Result<Vec<u8>> {
        self.conn
            .query_row("SELECT jpeg FROM photo WHERE id = ?1", [photo], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| self.sql(e))?
            .ok_or_else(|| RecordsError::Invalid(format!("there is no photo {photo}")))
    }

    /// The JPEG of every photo of a record chosen for the report, by id.
    pub fn report_photos(
        &self,
        rec: &super::model::ClientRecord,
    ) -> Vec<(Id, std::sync::Arc<Vec<u8>>)> {
        rec.sessions
            .iter()
            .flat_map(|s| &s.delivery.photos)
            .filter(|p| p.in_report)
            .filter_map(|p| {
                self.photo_jpeg(p.id)
                    .ok()
                    .map(|j| (p.id, std::sync::Arc::new(j)))
            })
            .collect()
    }

    /// Whether the progress report prints a photo (may change after signing: it is a choice
    /// about the report, not the record).
    pub fn set_photo_in_report(&mut self, photo: Id, on: bool) -> Result<()> {
        self.write(
            "UPDATE photo SET in_report = ?2 WHERE id = ?1",
            params![photo, on],
        )
        .map(drop)
    }

    /// Remove a photo from a draft.
    pub fn remove_photo(&mut self, photo: Id) -> Result<()> {
        self.write("DELETE FROM photo WHERE id = ?1", params![photo])
            .map(drop)
    }

    /// One statement in its own immediate transaction; returns the last row id.
    fn write(&mut self, sql: &str, args: &[&dyn rusqlite::ToSql]) -> Result<Id> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| self_sql(&path, e))?;
        let changed = tx.execute(sql, args).map_err(|e| consent_or(&path, e))?;
        let id = tx.last_insert_rowid();
        tx.commit().map_err(|e| self_sql(&path, e))?;
        if changed == 0 && sql.starts_with("UPDATE") {
            return Err(RecordsError::Invalid(
                "nothing to change: the row is not there".to_owned(),
            ));
        }
        Ok(id)
    }

    /// Fill the delivery of sessions read by `sessions_where(cond, arg)`.
    pub(super) fn fill_delivery(
        &self,
        sessions: &mut [Session],
        index: &HashMap<Id, usize>,
        cond: &str,
        arg: Id,
    ) -> Result<()> {
        let err = |e| self.sql(e);
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT r.session_id, r.step, r.zone, r.foot, r.response, r.status, r.minutes, \
                 r.pressure FROM step_record r JOIN session s ON s.id = r.session_id \
                 WHERE {cond} ORDER BY r.step"
            ))
            .map_err(err)?;
        let mut rows = stmt.query([arg]).map_err(err)?;
        while let Some(r) = rows.next().map_err(err)? {
            let Some(&i) = index.get(&r.get::<_, Id>(0).map_err(err)?) else {
                continue;
            };
            let response: Option<String> = r.get(4).map_err(err)?;
            sessions[i].delivery.steps.push(StepRecord {
                step: r.get::<_, i64>(1).map_err(err)?.max(0) as usize,
                zone: r.get(2).map_err(err)?,
                foot: feet_parse(&r.get::<_, String>(3).map_err(err)?),
                response: response.as_deref().and_then(Response::parse),
                status: StepStatus::parse(&r.get::<_, String>(5).map_err(err)?).unwrap_or_default(),
                minutes: r.get::<_, f64>(6).map_err(err)? as f32,
                pressure: pressure_parse(&r.get::<_, String>(7).map_err(err)?),
            });
        }
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT s.id, s.run_step, s.run_elapsed FROM session s WHERE {cond}"
            ))
            .map_err(err)?;
        let mut rows = stmt.query([arg]).map_err(err)?;
        while let Some(r) = rows.next().map_err(err)? {
            let Some(&i) = index.get(&r.get::<_, Id>(0).map_err(err)?) else {
                continue;
            };
            let step: Option<i64> = r.get(1).map_err(err)?;
            let elapsed: Option<f64> = r.get(2).map_err(err)?;
            sessions[i].delivery.run = step.map(|st| RunState {
                step: st.max(0) as usize,
                elapsed: elapsed.unwrap_or(0.0) as f32,
            });
        }
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT f.session_id, f.id, f.view, f.foot, f.x, f.y, f.kind, f.note, f.status, \
                 f.follows FROM finding f JOIN session s ON s.id = f.session_id \
                 WHERE {cond} ORDER BY f.id"
            ))
            .map_err(err)?;
        let mut rows = stmt.query([arg]).map_err(err)?;
        while let Some(r) = rows.next().map_err(err)? {
            let Some(&i) = index.get(&r.get::<_, Id>(0).map_err(err)?) else {
                continue;
            };
            let (Some(view), Some(foot), Some(kind)) = (
                view_parse(&r.get::<_, String>(2).map_err(err)?),
                foot_parse(&r.get::<_, String>(3).map_err(err)?),
                FindingKind::parse(&r.get::<_, String>(6).map_err(err)?),
            ) else {
                continue;
            };
            sessions[i].delivery.findings.push(Finding {
                id: r.get(1).map_err(err)?,
                view,
                foot,
                at: (
                    r.get::<_, f64>(4).map_err(err)? as f32,
                    r.get::<_, f64>(5).map_err(err)? as f32,
                ),
                kind,
                note: r.get(7).map_err(err)?,
                status: FindingStatus::parse(&r.get::<_, String>(8).map_err(err)?)
                    .unwrap_or_default(),
                follows: r.get(9).map_err(err)?,
            });
        }
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT t.session_id, t.foot, t.toe, t.felt FROM touch_test t \
                 JOIN session s ON s.id = t.session_id WHERE {cond}"
            ))
            .map_err(err)?;
        let mut rows = stmt.query([arg]).map_err(err)?;
        while let Some(r) = rows.next().map_err(err)? {
            let Some(&i) = index.get(&r.get::<_, Id>(0).map_err(err)?) else {
                continue;
            };
            if let Some(foot) = foot_parse(&r.get::<_, String>(1).map_err(err)?) {
                let toe: u8 = r.get(2).map_err(err)?;
                let felt: bool = r.get(3).map_err(err)?;
                sessions[i].delivery.touch.0.insert((foot, toe), felt);
            }
        }
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT p.session_id, p.id, p.finding_id, p.added_at, p.width, p.height, \
                 p.in_report FROM photo p JOIN session s ON s.id = p.session_id \
                 WHERE {cond} ORDER BY p.id"
            ))
            .map_err(err)?;
        let mut rows = stmt.query([arg]).map_err(err)?;
        while let Some(r) = rows.next().map_err(err)? {
            let Some(&i) = index.get(&r.get::<_, Id>(0).map_err(err)?) else {
                continue;
            };
            sessions[i].delivery.photos.push(PhotoInfo {
                id: r.get(1).map_err(err)?,
                finding: r.get(2).map_err(err)?,
                added_at: r.get(3).map_err(err)?,
                width: r.get(4).map_err(err)?,
                height: r.get(5).map_err(err)?,
                in_report: r.get(6).map_err(err)?,
            });
        }
        Ok(())
    }
}

/// The database's own refusals said as such; anything else as a file problem.
fn consent_or(path: &std::path::Path, e: rusqlite::Error) -> RecordsError {
    if let rusqlite::Error::SqliteFailure(_, Some(m)) = &e
        && (m.starts_with("no photo consent") || m.starts_with("signed session"))
    {
        return RecordsError::Invalid(format!(
            "{m} (the database refused the change; nothing was written)"
        ));
    }
    self_sql(path, e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::{ClientDetails, SessionDraft};

    fn store_with_session(photo_consent: bool) -> (Store, Id) {
        let mut store = Store::open_in_memory().unwrap();
        let mut d = ClientDetails {
            name: "Ana Lima".into(),
            ..Default::default()
        };
        if photo_consent {
            d.consent.photos = Some("2026-01-01".into());
        }
        let c = store.add_client(&d).unwrap();
        let s = store
            .add_session(
                c,
                &SessionDraft {
                    date: "2026-02-01".into(),
                    plan_ron: "()".into(),
                    ..Default::default()
                },
            )
            .unwrap();
        (store, s)
    }

    fn photo() -> PreparedPhoto {
        PreparedPhoto {
            jpeg: vec![0xFF, 0xD8, 0xFF, 0xD9],
            width: 10,
            height: 8,
        }
    }

    #[test]
    fn delivery_round_trips_and_locks_with_the_signature() {
        let (mut store, s) = store_with_session(true);
        let step = StepRecord {
            step: 1,
            zone: Some("kidney".into()),
            foot: FootSel::Left,
            response: Some(Response::Tender),
            status: StepStatus::Shortened,
            minutes: 1.5,
            pressure: Pressure::Light,
        };
        store.set_step(s, &step).unwrap();
        store
            .set_step(
                s,
                &StepRecord {
                    response: Some(Response::NotFelt),
                    ..step.clone()
                },
            )
            .unwrap();
        store
            .set_run_state(
                s,
                Some(RunState {
                    step: 2,
                    elapsed: 30.0,
                }),
            )
            .unwrap();
        let f = Finding {
            id: 0,
            view: ViewKind::Plantar,
            foot: Foot::Right,
            at: (0.4, 0.8),
            kind: FindingKind::Callus,
            note: " heel ".into(),
            status: FindingStatus::New,
            follows: None,
        };
        let fid = store.add_finding(s, &f).unwrap();
        store.set_touch(s, Foot::Left, 3, Some(false)).unwrap();
        store.set_touch(s, Foot::Left, 5, Some(true)).unwrap();
        store.set_touch(s, Foot::Left, 5, None).unwrap();
        let pid = store.add_photo(s, Some(fid), &photo()).unwrap();
        let got = store.session(s).unwrap().delivery;
        assert_eq!(got.steps.len(), 1);
        assert_eq!(got.steps[0].response, Some(Response::NotFelt));
        assert_eq!(got.run.unwrap().step, 2);
        assert_eq!(got.findings[0].note, "heel");
        assert_eq!(got.findings[0].foot, Foot::Right);
        assert_eq!(got.touch.0.len(), 1);
        assert_eq!(got.photos[0].finding, Some(fid));
        assert_eq!(store.photo_jpeg(pid).unwrap(), photo().jpeg);
        store.sign_session(s).unwrap();
        for result in [
            store.set_step(s, &step),
            store.set_touch(s, Foot::Right, 1, Some(true)),
            store.set_finding_note(fid, "x"),
            store.remove_finding(fid),
            store.remove_photo(pid),
        ] {
            let e = result.unwrap_err().to_string();
            assert!(e.contains("signed session"), "{e}");
        }
        assert!(store.add_finding(s, &f).is_err());
        store.set_photo_in_report(pid, true).unwrap();
        let got = store.session(s).unwrap().delivery;
        assert!(got.photos[0].in_report);
        assert_eq!(got.findings.len(), 1);
    }

    #[test]
    fn no_photo_without_consent_even_past_the_app() {
        let (mut store, s) = store_with_session(false);
        let e = store.add_photo(s, None, &photo()).unwrap_err().to_string();
        assert!(e.contains("no photo consent"), "{e}");
        assert!(store.session(s).unwrap().delivery.photos.is_empty());
    }

    #[test]
    fn a_point_off_the_foot_and_a_wrong_toe_are_refused() {
        let (mut store, s) = store_with_session(false);
        let f = Finding {
            id: 0,
            view: ViewKind::Dorsal,
            foot: Foot::Left,
            at: (7.0, 0.5),
            kind: FindingKind::Corn,
            note: String::new(),
            status: FindingStatus::New,
            follows: None,
        };
        assert!(store.add_finding(s, &f).is_err());
        assert!(store.set_touch(s, Foot::Left, 2, Some(true)).is_err());
        assert!(store.session(s).unwrap().delivery.is_empty());
    }
}
