-- Redo foundation: catalogues, exercises, accounts, sessions and the audit log.
-- Times are stored as ISO-8601 text: instants in UTC ("2026-11-23T10:00:00Z"), exercise times as
-- local Europe/Stockholm wall-clock time ("2025-04-23T08:30:00").

CREATE TABLE forvaltningar (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('vard', 'stod', 'ovrig', 'bolag')),
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE capability_areas (
    code        TEXT PRIMARY KEY,
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    nato_blr    TEXT NOT NULL DEFAULT '',
    requirement_codes TEXT NOT NULL DEFAULT '',
    sort_order  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE agreements (
    id           INTEGER PRIMARY KEY,
    counterparty TEXT NOT NULL,
    name         TEXT NOT NULL,
    valid_from   TEXT NOT NULL,
    valid_to     TEXT
);

CREATE TABLE requirement_areas (
    id           INTEGER PRIMARY KEY,
    agreement_id INTEGER NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
    code         TEXT NOT NULL,
    title        TEXT NOT NULL,
    deliverable  TEXT NOT NULL DEFAULT '',
    cadence      TEXT NOT NULL DEFAULT '',
    recipient    TEXT NOT NULL DEFAULT '',
    source       TEXT NOT NULL DEFAULT '',
    UNIQUE (agreement_id, code)
);

CREATE TABLE exercises (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    format       TEXT NOT NULL,
    joint        INTEGER NOT NULL DEFAULT 0,
    status       TEXT NOT NULL,
    starts_at    TEXT NOT NULL,
    ends_at      TEXT NOT NULL,
    location     TEXT NOT NULL DEFAULT '',
    lead_id      INTEGER NOT NULL REFERENCES forvaltningar(id),
    external_participants TEXT NOT NULL DEFAULT '[]',
    purpose      TEXT NOT NULL DEFAULT '',
    scenario     TEXT NOT NULL DEFAULT '',
    funding      TEXT NOT NULL DEFAULT '',
    cancel_reason TEXT,
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    CHECK (ends_at >= starts_at)
);
CREATE INDEX exercises_starts_at ON exercises (starts_at);
CREATE INDEX exercises_lead ON exercises (lead_id);

CREATE TABLE exercise_participants (
    exercise_id    INTEGER NOT NULL REFERENCES exercises(id) ON DELETE CASCADE,
    forvaltning_id INTEGER NOT NULL REFERENCES forvaltningar(id),
    PRIMARY KEY (exercise_id, forvaltning_id)
);
CREATE INDEX exercise_participants_forvaltning ON exercise_participants (forvaltning_id);

CREATE TABLE objectives (
    id              INTEGER PRIMARY KEY,
    exercise_id     INTEGER NOT NULL REFERENCES exercises(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    text            TEXT NOT NULL,
    capability_code TEXT NOT NULL REFERENCES capability_areas(code) ON UPDATE CASCADE
);
CREATE INDEX objectives_exercise ON objectives (exercise_id);

CREATE TABLE objective_requirements (
    objective_id        INTEGER NOT NULL REFERENCES objectives(id) ON DELETE CASCADE,
    requirement_area_id INTEGER NOT NULL REFERENCES requirement_areas(id),
    PRIMARY KEY (objective_id, requirement_area_id)
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL
);

CREATE TABLE user_forvaltningar (
    user_id        INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    forvaltning_id INTEGER NOT NULL REFERENCES forvaltningar(id),
    PRIMARY KEY (user_id, forvaltning_id)
);

-- Only a hash of the session token is stored, so a leaked database holds no usable sessions.
CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor_id    INTEGER REFERENCES users(id) ON DELETE SET NULL,
    actor_name  TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    before_json TEXT,
    after_json  TEXT
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id);
