-- Readiness, part 1: capability assessments per förvaltning × capability area × period.

-- The region's assessment settings, one row: half-years or years, how the overall level follows
-- from the POETE dimensions, how old an exercise may be to verify a level, the default target.
CREATE TABLE readiness_settings (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    period_kind     TEXT NOT NULL CHECK (period_kind IN ('half_year', 'year')),
    rule            TEXT NOT NULL CHECK (rule IN ('minimum', 'median')),
    evidence_months INTEGER NOT NULL CHECK (evidence_months BETWEEN 1 AND 120),
    default_target  INTEGER NOT NULL CHECK (default_target BETWEEN 1 AND 5),
    version         INTEGER NOT NULL
);
INSERT INTO readiness_settings VALUES (1, 'half_year', 'minimum', 24, 3, 1);

-- The 0–5 scale (domain.md §4.5): labels and anchor texts, edited by the administrator.
CREATE TABLE capability_levels (
    level  INTEGER PRIMARY KEY CHECK (level BETWEEN 0 AND 5),
    label  TEXT NOT NULL,
    anchor TEXT NOT NULL
);
INSERT INTO capability_levels VALUES
    (0, 'Ej bedömd', 'Ingen bedömning gjord, eller området är inte tillämpligt.'),
    (1, 'Saknas / mycket bristfällig', 'Liten eller ingen förmåga: ingen plan och ingen organisation.'),
    (2, 'Bristfällig', 'Planer eller organisation finns delvis men är inte prövade.'),
    (3, 'Grundläggande', 'Plan, organisation, utrustning och utbildad personal finns; övat minst en gång under perioden med resultat S eller M.'),
    (4, 'God med vissa brister', 'Övat med resultat P eller S; kvarvarande förbättringsåtgärder är små.'),
    (5, 'God', 'Övat med resultat P; förmågan upprätthålls och alla åtgärder är avslutade.');

-- One assessment per förvaltning, area and period ("2025H1", "2025H2" or "2025"). The row holds
-- the current version (its content as JSON: the POETE scores, target, justification,
-- shortcomings, measures, evidence and day) and, apart, the last approved level, which the
-- heatmap shows while a newer draft is worked on. `level` is derived when saved, under the rule
-- then in force: a changed rule never silently changes an approved level.
CREATE TABLE assessments (
    id               INTEGER PRIMARY KEY,
    forvaltning_id   INTEGER NOT NULL REFERENCES forvaltningar(id),
    capability_code  TEXT NOT NULL REFERENCES capability_areas(code) ON UPDATE CASCADE,
    period           TEXT NOT NULL,
    version          INTEGER NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('utkast', 'inlamnad', 'faststalld')),
    level            INTEGER NOT NULL CHECK (level BETWEEN 0 AND 5),
    target           INTEGER NOT NULL CHECK (target BETWEEN 1 AND 5),
    content          TEXT NOT NULL,
    assessor_id      INTEGER NOT NULL REFERENCES users(id),
    assessed_on      TEXT NOT NULL,
    approved_version INTEGER,
    approved_level   INTEGER CHECK (approved_level BETWEEN 0 AND 5),
    approved_target  INTEGER CHECK (approved_target BETWEEN 1 AND 5),
    approved_by      INTEGER REFERENCES users(id),
    approved_at      TEXT,
    updated_at       TEXT NOT NULL,
    UNIQUE (forvaltning_id, capability_code, period)
);
CREATE INDEX assessments_period ON assessments (period);

-- Every version ever saved, never changed: who did which step when, and the content then.
CREATE TABLE assessment_versions (
    assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    version       INTEGER NOT NULL,
    step          TEXT NOT NULL CHECK (step IN ('create', 'update', 'submit', 'approve', 'return')),
    status        TEXT NOT NULL CHECK (status IN ('utkast', 'inlamnad', 'faststalld')),
    level         INTEGER NOT NULL CHECK (level BETWEEN 0 AND 5),
    target        INTEGER NOT NULL CHECK (target BETWEEN 1 AND 5),
    content       TEXT NOT NULL,
    comment       TEXT NOT NULL DEFAULT '',
    changed_by    INTEGER NOT NULL REFERENCES users(id),
    changed_at    TEXT NOT NULL,
    PRIMARY KEY (assessment_id, version)
);
