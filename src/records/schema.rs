//! The records database's schema, one forward migration per version.
//!
//! Why triggers: a signed session is a clinical record. The UI refuses edits, but so does the
//! database itself, so no code path (a bug, a script, a future feature) can change one.

/// The `application_id` stamped in the file header ("RFLX"): tells a reflexmap records file
/// from any other SQLite file.
pub const APPLICATION_ID: i32 = 0x5246_4C58;

/// Migrations: `MIGRATIONS[i]` takes a file from `user_version` i to i + 1.
pub const MIGRATIONS: [&str; 2] = [V1, V2];

/// The version this build writes.
pub const VERSION: i32 = MIGRATIONS.len() as i32;

/// Version 1: clients, sessions with their plan snapshot and SOAP note, before/after scores.
pub const V1: &str = r#"
CREATE TABLE client (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    initials    TEXT NOT NULL DEFAULT '',
    born        INTEGER CHECK (born IS NULL OR born BETWEEN 1880 AND 2200),
    background  TEXT NOT NULL DEFAULT ''
                CHECK (background IN ('', 'diabetic', 'chemotherapy', 'other')),
    medicines   TEXT NOT NULL DEFAULT '',
    conditions  TEXT NOT NULL DEFAULT '',
    referrer    TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    created     TEXT NOT NULL
);
CREATE TABLE session (
    id          INTEGER PRIMARY KEY,
    client_id   INTEGER NOT NULL REFERENCES client(id),
    date        TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    plan_ron    TEXT NOT NULL,
    verdict     TEXT NOT NULL DEFAULT '',
    subjective  TEXT NOT NULL DEFAULT '',
    objective   TEXT NOT NULL DEFAULT '',
    assessment  TEXT NOT NULL DEFAULT '',
    plan_note   TEXT NOT NULL DEFAULT '',
    signed_at   TEXT
);
CREATE INDEX session_by_client ON session(client_id, date);
CREATE TABLE score (
    session_id  INTEGER NOT NULL REFERENCES session(id),
    phase       TEXT NOT NULL CHECK (phase IN ('pre', 'post')),
    symptom     TEXT NOT NULL,
    side        TEXT NOT NULL CHECK (side IN ('both', 'left', 'right')),
    value       INTEGER NOT NULL CHECK (value BETWEEN 0 AND 10),
    PRIMARY KEY (session_id, phase, symptom, side)
) WITHOUT ROWID;
"#;

/// Version 2: consent with dates, addenda, 24/48 h follow-ups, and the sign-and-lock triggers.
pub const V2: &str = r#"
ALTER TABLE client ADD COLUMN consent_treatment TEXT;
ALTER TABLE client ADD COLUMN consent_photos TEXT;
ALTER TABLE client ADD COLUMN consent_sharing TEXT;
CREATE TABLE addendum (
    id          INTEGER PRIMARY KEY,
    session_id  INTEGER NOT NULL REFERENCES session(id),
    written_at  TEXT NOT NULL,
    text        TEXT NOT NULL CHECK (length(trim(text)) > 0)
);
CREATE INDEX addendum_by_session ON addendum(session_id);
CREATE TABLE followup (
    id          INTEGER PRIMARY KEY,
    session_id  INTEGER NOT NULL REFERENCES session(id),
    hours       INTEGER NOT NULL CHECK (hours IN (24, 48)),
    date        TEXT NOT NULL,
    items       TEXT NOT NULL DEFAULT '',
    urgent      TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
);
CREATE INDEX followup_by_session ON followup(session_id);
CREATE TABLE followup_score (
    followup_id INTEGER NOT NULL REFERENCES followup(id),
    symptom     TEXT NOT NULL,
    side        TEXT NOT NULL CHECK (side IN ('both', 'left', 'right')),
    value       INTEGER NOT NULL CHECK (value BETWEEN 0 AND 10),
    PRIMARY KEY (followup_id, symptom, side)
) WITHOUT ROWID;

CREATE TRIGGER signed_session_stays BEFORE UPDATE ON session
WHEN OLD.signed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed session: add an addendum instead'); END;
CREATE TRIGGER signed_session_kept BEFORE DELETE ON session
WHEN OLD.signed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed session: add an addendum instead'); END;
CREATE TRIGGER signed_scores_stay_insert BEFORE INSERT ON score
WHEN (SELECT signed_at FROM session WHERE id = NEW.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed session: add an addendum instead'); END;
CREATE TRIGGER signed_scores_stay_update BEFORE UPDATE ON score
WHEN (SELECT signed_at FROM session WHERE id = OLD.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed session: add an addendum instead'); END;
CREATE TRIGGER signed_scores_stay_delete BEFORE DELETE ON score
WHEN (SELECT signed_at FROM session WHERE id = OLD.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed session: add an addendum instead'); END;
CREATE TRIGGER addendum_only_to_signed BEFORE INSERT ON addendum
WHEN (SELECT signed_at FROM session WHERE id = NEW.session_id) IS NULL
BEGIN SELECT RAISE(ABORT, 'an addendum is for a signed session; edit a draft directly'); END;
CREATE TRIGGER addendum_stays BEFORE UPDATE ON addendum
BEGIN SELECT RAISE(ABORT, 'an addendum cannot be changed; add another'); END;
CREATE TRIGGER addendum_kept BEFORE DELETE ON addendum
BEGIN SELECT RAISE(ABORT, 'an addendum cannot be removed; add another'); END;
CREATE TRIGGER followup_stays BEFORE UPDATE ON followup
BEGIN SELECT RAISE(ABORT, 'a follow-up cannot be changed; add a note to the next one'); END;
CREATE TRIGGER followup_kept BEFORE DELETE ON followup
BEGIN SELECT RAISE(ABORT, 'a follow-up cannot be removed'); END;
CREATE TRIGGER followup_scores_stay BEFORE UPDATE ON followup_score
BEGIN SELECT RAISE(ABORT, 'a follow-up cannot be changed'); END;
CREATE TRIGGER followup_scores_kept BEFORE DELETE ON followup_score
BEGIN SELECT RAISE(ABORT, 'a follow-up cannot be changed'); END;
"#;
