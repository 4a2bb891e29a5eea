//! The records database's schema, one forward migration per version.
//!
//! Why triggers: a signed session is a clinical record. The UI refuses edits, but so does the
//! database itself, so no code path (a bug, a script, a future feature) can change one.

/// The `application_id` stamped in the file header ("RFLX"): tells a reflexmap records file
/// from any other SQLite file.
pub const APPLICATION_ID: i32 = 0x5246_4C58;

/// Migrations: `MIGRATIONS[i]` takes a file from `user_version` i to i + 1.
pub const MIGRATIONS: [&str; 4] = [V1, V2, V3, V4];

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

/// Version 3: delivering a session — each step as delivered, where the runner was, findings on
/// the chart, the Ipswich Touch Test and photos; all locked with the session when it is signed
/// (a photo's "print in the report" choice excepted), and no photo without photo consent.
pub const V3: &str = r#"
ALTER TABLE session ADD COLUMN run_step INTEGER CHECK (run_step IS NULL OR run_step >= 0);
ALTER TABLE session ADD COLUMN run_elapsed REAL CHECK (run_elapsed IS NULL OR run_elapsed >= 0);
CREATE TABLE step_record (
    session_id  INTEGER NOT NULL REFERENCES session(id),
    step        INTEGER NOT NULL CHECK (step >= 0),
    zone        TEXT,
    foot        TEXT NOT NULL CHECK (foot IN ('both', 'left', 'right')),
    response    TEXT CHECK (response IS NULL
                OR response IN ('comfortable', 'tender', 'very_tender', 'not_felt')),
    status      TEXT NOT NULL CHECK (status IN ('done', 'shortened', 'skipped', 'changed')),
    minutes     REAL NOT NULL CHECK (minutes BETWEEN 0 AND 600),
    pressure    TEXT NOT NULL CHECK (pressure IN ('feather', 'light', 'moderate', 'firm', 'deep')),
    PRIMARY KEY (session_id, step)
) WITHOUT ROWID;
CREATE TABLE finding (
    id          INTEGER PRIMARY KEY,
    session_id  INTEGER NOT NULL REFERENCES session(id),
    view        TEXT NOT NULL CHECK (view IN ('plantar', 'dorsal', 'medial', 'lateral')),
    foot        TEXT NOT NULL CHECK (foot IN ('left', 'right')),
    x           REAL NOT NULL CHECK (x BETWEEN -0.5 AND 1.5),
    y           REAL NOT NULL CHECK (y BETWEEN -0.5 AND 1.5),
    kind        TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'still', 'resolved')),
    follows     INTEGER REFERENCES finding(id)
);
CREATE INDEX finding_by_session ON finding(session_id);
CREATE TABLE touch_test (
    session_id  INTEGER NOT NULL REFERENCES session(id),
    foot        TEXT NOT NULL CHECK (foot IN ('left', 'right')),
    toe         INTEGER NOT NULL CHECK (toe IN (1, 3, 5)),
    felt        INTEGER NOT NULL CHECK (felt IN (0, 1)),
    PRIMARY KEY (session_id, foot, toe)
) WITHOUT ROWID;
CREATE TABLE photo (
    id          INTEGER PRIMARY KEY,
    session_id  INTEGER NOT NULL REFERENCES session(id),
    finding_id  INTEGER REFERENCES finding(id) ON DELETE CASCADE,
    added_at    TEXT NOT NULL,
    width       INTEGER NOT NULL CHECK (width BETWEEN 1 AND 1600),
    height      INTEGER NOT NULL CHECK (height BETWEEN 1 AND 1600),
    in_report   INTEGER NOT NULL DEFAULT 0 CHECK (in_report IN (0, 1)),
    jpeg        BLOB NOT NULL CHECK (length(jpeg) > 0)
);
CREATE INDEX photo_by_session ON photo(session_id);

CREATE TRIGGER photo_needs_consent BEFORE INSERT ON photo
WHEN (SELECT c.consent_photos FROM client c JOIN session s ON s.client_id = c.id
      WHERE s.id = NEW.session_id) IS NULL
BEGIN SELECT RAISE(ABORT, 'no photo consent is on record for this client'); END;
CREATE TRIGGER step_record_locked_insert BEFORE INSERT ON step_record
WHEN (SELECT signed_at FROM session WHERE id = NEW.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed session: add an addendum instead'); END;
CREATE TRIGGER step_record_locked_update BEFORE UPDATE ON step_record
WHEN (SELECT signed_at FROM session WHERE id = OLD.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed session: add an addendum instead'); END;
CREATE TRIGGER step_record_locked_delete BEFORE DELETE ON step_record
WHEN (SELECT signed_at FROM session WHERE id = OLD.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed session: add an addendum instead'); END;
CREATE TRIGGER finding_locked_insert BEFORE INSERT ON finding
WHEN (SELECT signed_at FROM session WHERE id = NEW.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed session: add an addendum instead'); END;
CREATE TRIGGER finding_locked_update BEFORE UPDATE ON finding
WHEN (SELECT signed_at FROM session WHERE id = OLD.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed session: add an addendum instead'); END;
CREATE TRIGGER finding_locked_delete BEFORE DELETE ON finding
WHEN (SELECT signed_at FROM session WHERE id = OLD.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed session: add an addendum instead'); END;
CREATE TRIGGER touch_test_locked_insert BEFORE INSERT ON touch_test
WHEN (SELECT signed_at FROM session WHERE id = NEW.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed session: add an addendum instead'); END;
CREATE TRIGGER touch_test_locked_update BEFORE UPDATE ON touch_test
WHEN (SELECT signed_at FROM session WHERE id = OLD.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed session: add an addendum instead'); END;
CREATE TRIGGER touch_test_locked_delete BEFORE DELETE ON touch_test
WHEN (SELECT signed_at FROM session WHERE id = OLD.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed session: add an addendum instead'); END;
CREATE TRIGGER photo_locked_insert BEFORE INSERT ON photo
WHEN (SELECT signed_at FROM session WHERE id = NEW.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed session: add an addendum instead'); END;
CREATE TRIGGER photo_locked_update BEFORE UPDATE OF session_id, finding_id, added_at, width, height, jpeg ON photo
WHEN (SELECT signed_at FROM session WHERE id = OLD.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed session: add an addendum instead'); END;
CREATE TRIGGER photo_locked_delete BEFORE DELETE ON photo
WHEN (SELECT signed_at FROM session WHERE id = OLD.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed session: add an addendum instead'); END;
"#;

/// Version 4: erasure on request, and `meta` (when the records were last backed up). The lock triggers gain one exception: while a client is being
/// erased (a row in `erasing`, inside the erasing transaction only), their signed sessions,
/// addenda, follow-ups and delivery can be deleted. Erasure wins over immutability; nothing
/// else can change a signed record.
pub const V4: &str = r#"
CREATE TABLE erasing (client_id INTEGER NOT NULL);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX followup_cover ON followup(session_id, hours, urgent);
DROP TRIGGER signed_session_stays;
CREATE TRIGGER signed_session_stays BEFORE UPDATE ON session
WHEN (OLD.signed_at IS NOT NULL) AND NOT EXISTS (SELECT 1 FROM erasing)
BEGIN SELECT RAISE(ABORT, 'signed session: add an addendum instead'); END;
DROP TRIGGER signed_session_kept;
CREATE TRIGGER signed_session_kept BEFORE DELETE ON session
WHEN (OLD.signed_at IS NOT NULL) AND NOT EXISTS (SELECT 1 FROM erasing)
BEGIN SELECT RAISE(ABORT, 'signed session: add an addendum instead'); END;
DROP TRIGGER signed_scores_stay_update;
CREATE TRIGGER signed_scores_stay_update BEFORE UPDATE ON score
WHEN ((SELECT signed_at FROM session WHERE id = OLD.session_id) IS NOT NULL) AND NOT EXISTS (SELECT 1 FROM erasing)
BEGIN SELECT RAISE(ABORT, 'signed session: add an addendum instead'); END;
DROP TRIGGER signed_scores_stay_delete;
CREATE TRIGGER signed_scores_stay_delete BEFORE DELETE ON score
WHEN ((SELECT signed_at FROM session WHERE id = OLD.session_id) IS NOT NULL) AND NOT EXISTS (SELECT 1 FROM erasing)
BEGIN SELECT RAISE(ABORT, 'signed session: add an addendum instead'); END;
DROP TRIGGER addendum_stays;
CREATE TRIGGER addendum_stays BEFORE UPDATE ON addendum
WHEN NOT EXISTS (SELECT 1 FROM erasing)
BEGIN SELECT RAISE(ABORT, 'an addendum cannot be changed; add another'); END;
DROP TRIGGER addendum_kept;
CREATE TRIGGER addendum_kept BEFORE DELETE ON addendum
WHEN NOT EXISTS (SELECT 1 FROM erasing)
BEGIN SELECT RAISE(ABORT, 'an addendum cannot be removed; add another'); END;
DROP TRIGGER followup_stays;
CREATE TRIGGER followup_stays BEFORE UPDATE ON followup
WHEN NOT EXISTS (SELECT 1 FROM erasing)
BEGIN SELECT RAISE(ABORT, 'a follow-up cannot be changed; add a note to the next one'); END;
DROP TRIGGER followup_kept;
CREATE TRIGGER followup_kept BEFORE DELETE ON followup
WHEN NOT EXISTS (SELECT 1 FROM erasing)
BEGIN SELECT RAISE(ABORT, 'a follow-up cannot be removed'); END;
DROP TRIGGER followup_scores_stay;
CREATE TRIGGER followup_scores_stay BEFORE UPDATE ON followup_score
WHEN NOT EXISTS (SELECT 1 FROM erasing)
BEGIN SELECT RAISE(ABORT, 'a follow-up cannot be changed'); END;
DROP TRIGGER followup_scores_kept;
CREATE TRIGGER followup_scores_kept BEFORE DELETE ON followup_score
WHEN NOT EXISTS (SELECT 1 FROM erasing)
BEGIN SELECT RAISE(ABORT, 'a follow-up cannot be changed'); END;
DROP TRIGGER step_record_locked_update;
CREATE TRIGGER step_record_locked_update BEFORE UPDATE ON step_record
WHEN ((SELECT signed_at FROM session WHERE id = OLD.session_id) IS NOT NULL) AND NOT EXISTS (SELECT 1 FROM erasing)
BEGIN SELECT RAISE(ABORT, 'signed session: add an addendum instead'); END;
DROP TRIGGER step_record_locked_delete;
CREATE TRIGGER step_record_locked_delete BEFORE DELETE ON step_record
WHEN ((SELECT signed_at FROM session WHERE id = OLD.session_id) IS NOT NULL) AND NOT EXISTS (SELECT 1 FROM erasing)
BEGIN SELECT RAISE(ABORT, 'signed session: add an addendum instead'); END;
DROP TRIGGER finding_locked_update;
CREATE TRIGGER finding_locked_update BEFORE UPDATE ON finding
WHEN ((SELECT signed_at FROM session WHERE id = OLD.session_id) IS NOT NULL) AND NOT EXISTS (SELECT 1 FROM erasing)
BEGIN SELECT RAISE(ABORT, 'signed session: add an addendum instead'); END;
DROP TRIGGER finding_locked_delete;
CREATE TRIGGER finding_locked_delete BEFORE DELETE ON finding
WHEN ((SELECT signed_at FROM session WHERE id = OLD.session_id) IS NOT NULL) AND NOT EXISTS (SELECT 1 FROM erasing)
BEGIN SELECT RAISE(ABORT, 'signed session: add an addendum instead'); END;
DROP TRIGGER touch_test_locked_update;
CREATE TRIGGER touch_test_locked_update BEFORE UPDATE ON touch_test
WHEN ((SELECT signed_at FROM session WHERE id = OLD.session_id) IS NOT NULL) AND NOT EXISTS (SELECT 1 FROM erasing)
BEGIN SELECT RAISE(ABORT, 'signed session: add an addendum instead'); END;
DROP TRIGGER touch_test_locked_delete;
CREATE TRIGGER touch_test_locked_delete BEFORE DELETE ON touch_test
WHEN ((SELECT signed_at FROM session WHERE id = OLD.session_id) IS NOT NULL) AND NOT EXISTS (SELECT 1 FROM erasing)
BEGIN SELECT RAISE(ABORT, 'signed session: add an addendum instead'); END;
DROP TRIGGER photo_locked_update;
CREATE TRIGGER photo_locked_update BEFORE UPDATE OF session_id, finding_id, added_at, width, height, jpeg ON photo
WHEN ((SELECT signed_at FROM session WHERE id = OLD.session_id) IS NOT NULL) AND NOT EXISTS (SELECT 1 FROM erasing)
BEGIN SELECT RAISE(ABORT, 'signed session: add an addendum instead'); END;
DROP TRIGGER photo_locked_delete;
CREATE TRIGGER photo_locked_delete BEFORE DELETE ON photo
WHEN ((SELECT signed_at FROM session WHERE id = OLD.session_id) IS NOT NULL) AND NOT EXISTS (SELECT 1 FROM erasing)
BEGIN SELECT RAISE(ABORT, 'signed session: add an addendum instead'); END;
"#;
