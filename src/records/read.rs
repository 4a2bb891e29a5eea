//! Reading the records: the client list, a client's whole record, one session. A handful of
//! queries whatever the number of sessions, so a busy practice's page loads in a millisecond.

use rusqlite::OptionalExtension;

use super::error::{Result, no_client, no_session};
use super::model::*;
use super::store::Store;

impl Store {
    /// Every client with their session count, latest session and the follow-up due.
    pub fn list_clients(&self) -> Result<Vec<ClientSummary>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                // Why this shape: every part is answered from an index (the latest session's
                // id and date from session_by_client, its follow-ups from followup_cover), so
                // listing reads few pages, which matters most when each page is decrypted.
                "WITH last AS (SELECT c.id AS cid, \
                   (SELECT count(*) FROM session s WHERE s.client_id = c.id) AS n, \
                   (SELECT s2.id FROM session s2 WHERE s2.client_id = c.id \
                      ORDER BY s2.date DESC, s2.id DESC LIMIT 1) AS lid, \
                   (SELECT s2.date FROM session s2 WHERE s2.client_id = c.id \
                      ORDER BY s2.date DESC, s2.id DESC LIMIT 1) AS ldate \
                 FROM client c) \
                 SELECT c.id, c.name, c.initials, last.n, last.lid, last.ldate, \
                   (SELECT group_concat(f.hours) FROM followup f WHERE f.session_id = last.lid), \
                   (SELECT count(*) FROM followup f WHERE f.session_id = last.lid \
                      AND f.urgent <> '') \
                 FROM client c JOIN last ON last.cid = c.id \
                 ORDER BY c.name COLLATE NOCASE, c.id",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([], |r| {
                let name: String = r.get(1)?;
                let initials: String = r.get(2)?;
                let last_id: Option<Id> = r.get(4)?;
                let last_date: Option<String> = r.get(5)?;
                let hours: Option<String> = r.get(6)?;
                let urgent: i64 = r.get(7)?;
                let done: Vec<u32> = hours
                    .unwrap_or_default()
                    .split(',')
                    .filter_map(|h| h.parse().ok())
                    .collect();
                let due = match (last_id, &last_date) {
                    (Some(id), Some(d)) => followup_due(id, d, done.iter().copied()),
                    _ => None,
                };
                let details = ClientDetails {
                    name: name.clone(),
                    initials,
                    ..ClientDetails::default()
                };
                Ok(ClientSummary {
                    id: r.get(0)?,
                    initials: details.initials_or_derived(),
                    name,
                    sessions: r.get::<_, i64>(3)? as u32,
                    last_session: last_date,
                    followup_due: due,
                    urgent: urgent > 0,
                })
            })
            .map_err(|e| self.sql(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.sql(e))
    }

    /// One client's details.
    pub fn client_details(&self, id: Id) -> Result<ClientDetails> {
        self.conn
            .query_row(
                "SELECT name, initials, born, background, medicines, conditions, referrer, note, \
                 consent_treatment, consent_photos, consent_sharing FROM client WHERE id = ?1",
                [id],
                |r| {
                    Ok(ClientDetails {
                        name: r.get(0)?,
                        initials: r.get(1)?,
                        born: r.get(2)?,
                        background: Background::parse(&r.get::<_, String>(3)?).unwrap_or_default(),
                        medicines: r.get(4)?,
                        conditions: r.get(5)?,
                        referrer: r.get(6)?,
                        note: r.get(7)?,
                        consent: Consent {
                            treatment: r.get(8)?,
                            photos: r.get(9)?,
                            sharing: r.get(10)?,
                        },
                    })
                },
            )
            .optional()
            .map_err(|e| self.sql(e))?
            .ok_or_else(|| no_client(id))
    }

    /// A client's whole record: details, every session with its scores, addenda and
    /// follow-ups. Four queries whatever the number of sessions.
    pub fn client(&self, id: Id) -> Result<ClientRecord> {
        let details = self.client_details(id)?;
        let created: String = self
            .conn
            .query_row("SELECT created FROM client WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .map_err(|e| self.sql(e))?;
        let mut sessions = self.sessions_where("s.client_id = ?1", id)?;
        self.fill_sessions(&mut sessions, "s.client_id = ?1", id)?;
        Ok(ClientRecord {
            id,
            details,
            created,
            sessions,
        })
    }

    /// One session with its scores, addenda and follow-ups.
    pub fn session(&self, id: Id) -> Result<Session> {
        let mut sessions = self.sessions_where("s.id = ?1", id)?;
        if sessions.is_empty() {
            return Err(no_session(id));
        }
        self.fill_sessions(&mut sessions, "s.id = ?1", id)?;
        Ok(sessions.remove(0))
    }

    fn sessions_where(&self, cond: &str, arg: Id) -> Result<Vec<Session>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT s.id, s.client_id, s.date, s.plan_ron, s.verdict, s.subjective, \
                 s.objective, s.assessment, s.plan_note, s.signed_at FROM session s \
                 WHERE {cond} ORDER BY s.date, s.id"
            ))
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([arg], |r| {
                Ok(Session {
                    id: r.get(0)?,
                    client: r.get(1)?,
                    date: r.get(2)?,
                    plan_ron: r.get(3)?,
                    verdict: r.get(4)?,
                    pre: Scores::default(),
                    post: Scores::default(),
                    soap: Soap {
                        subjective: r.get(5)?,
                        objective: r.get(6)?,
                        assessment: r.get(7)?,
                        plan: r.get(8)?,
                    },
                    signed_at: r.get(9)?,
                    addenda: Vec::new(),
                    delivery: Default::default(),
                    followups: Vec::new(),
                })
            })
            .map_err(|e| self.sql(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.sql(e))
    }

    fn fill_sessions(&self, sessions: &mut [Session], cond: &str, arg: Id) -> Result<()> {
        let index: std::collections::HashMap<Id, usize> = sessions
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id, i))
            .collect();
        let err = |e| self.sql(e);
        // Scores.
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT sc.session_id, sc.phase, sc.symptom, sc.side, sc.value FROM score sc \
                 JOIN session s ON s.id = sc.session_id WHERE {cond}"
            ))
            .map_err(err)?;
        let mut rows = stmt.query([arg]).map_err(err)?;
        while let Some(r) = rows.next().map_err(err)? {
            let sid: Id = r.get(0).map_err(err)?;
            let phase: String = r.get(1).map_err(err)?;
            let (Some(symptom), Some(side)) = (
                Symptom::parse(&r.get::<_, String>(2).map_err(err)?),
                Side::parse(&r.get::<_, String>(3).map_err(err)?),
            ) else {
                continue;
            };
            let value: u8 = r.get(4).map_err(err)?;
            if let Some(&i) = index.get(&sid) {
                let scores = if phase == "pre" {
                    &mut sessions[i].pre
                } else {
                    &mut sessions[i].post
                };
                scores.set(symptom, side, Some(value));
            }
        }
        // Addenda.
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT a.session_id, a.id, a.written_at, a.text FROM addendum a \
                 JOIN session s ON s.id = a.session_id WHERE {cond} ORDER BY a.id"
            ))
            .map_err(err)?;
        let mut rows = stmt.query([arg]).map_err(err)?;
        while let Some(r) = rows.next().map_err(err)? {
            let sid: Id = r.get(0).map_err(err)?;
            if let Some(&i) = index.get(&sid) {
                sessions[i].addenda.push(Addendum {
                    id: r.get(1).map_err(err)?,
                    written_at: r.get(2).map_err(err)?,
                    text: r.get(3).map_err(err)?,
                });
            }
        }
        // Follow-ups and their scores.
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT f.session_id, f.id, f.hours, f.date, f.items, f.urgent, f.note, \
                 fs.symptom, fs.side, fs.value FROM followup f \
                 JOIN session s ON s.id = f.session_id \
                 LEFT JOIN followup_score fs ON fs.followup_id = f.id \
                 WHERE {cond} ORDER BY f.id"
            ))
            .map_err(err)?;
        let mut rows = stmt.query([arg]).map_err(err)?;
        while let Some(r) = rows.next().map_err(err)? {
            let sid: Id = r.get(0).map_err(err)?;
            let Some(&i) = index.get(&sid) else { continue };
            let fid: Id = r.get(1).map_err(err)?;
            let list = &mut sessions[i].followups;
            if list.last().is_none_or(|f| f.id != fid) {
                let items: String = r.get(4).map_err(err)?;
                let urgent: String = r.get(5).map_err(err)?;
                let mut changes = [Change::NotAsked; 6];
                for (slot, word) in changes.iter_mut().zip(items.split(',')) {
                    *slot = Change::parse(word).unwrap_or_default();
                }
                list.push(Followup {
                    id: fid,
                    hours: r.get(2).map_err(err)?,
                    date: r.get(3).map_err(err)?,
                    scores: Scores::default(),
                    items: changes,
                    urgent: urgent
                        .split(',')
                        .filter(|w| !w.is_empty())
                        .filter_map(UrgentSign::parse)
                        .collect(),
                    note: r.get(6).map_err(err)?,
                });
            }
            let symptom: Option<String> = r.get(7).map_err(err)?;
            let side: Option<String> = r.get(8).map_err(err)?;
            let value: Option<u8> = r.get(9).map_err(err)?;
            if let (Some(sy), Some(sd), Some(v), Some(f)) = (
                symptom.as_deref().and_then(Symptom::parse),
                side.as_deref().and_then(Side::parse),
                value,
                list.last_mut(),
            ) {
                f.scores.set(sy, sd, Some(v));
            }
        }
        self.fill_delivery(sessions, &index, cond, arg)
    }
}
