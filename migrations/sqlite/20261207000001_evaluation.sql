-- Evaluation, the evaluation report, findings (the register of brister) and corrective actions:
-- the learning loop from observation to lesson learned.

-- The critical tasks (kritiska uppgifter) an objective is evaluated against.
CREATE TABLE objective_tasks (
    id           INTEGER PRIMARY KEY,
    objective_id INTEGER NOT NULL REFERENCES objectives(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    text         TEXT NOT NULL
);
CREATE INDEX objective_tasks_objective ON objective_tasks (objective_id, position);

-- The evaluators assigned to an objective, from the exercise's staff.
CREATE TABLE objective_evaluators (
    objective_id INTEGER NOT NULL REFERENCES objectives(id) ON DELETE CASCADE,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (objective_id, user_id)
);

-- One evaluator's rating of an objective (HSEEP P/S/M/U, or ej observerat) with its
-- justification and the evaluator's internal notes, which the participants' report leaves out.
CREATE TABLE objective_ratings (
    id            INTEGER PRIMARY KEY,
    objective_id  INTEGER NOT NULL REFERENCES objectives(id) ON DELETE CASCADE,
    evaluator_id  INTEGER NOT NULL REFERENCES users(id),
    rating        TEXT NOT NULL CHECK (rating IN ('P', 'S', 'M', 'U', 'ej_observerat')),
    justification TEXT NOT NULL,
    notes         TEXT NOT NULL DEFAULT '',
    updated_at    TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    UNIQUE (objective_id, evaluator_id)
);

-- The log entries a rating cites as its evidence.
CREATE TABLE rating_entries (
    rating_id    INTEGER NOT NULL REFERENCES objective_ratings(id) ON DELETE CASCADE,
    log_entry_id INTEGER NOT NULL REFERENCES log_entries(id),
    PRIMARY KEY (rating_id, log_entry_id)
);

-- The final rating an exercise leader set, with the reason (needed when the evaluators who
-- observed disagree; otherwise their common rating is the final one).
CREATE TABLE objective_results (
    objective_id INTEGER PRIMARY KEY REFERENCES objectives(id) ON DELETE CASCADE,
    rating       TEXT NOT NULL CHECK (rating IN ('P', 'S', 'M', 'U')),
    reason       TEXT NOT NULL,
    set_by       INTEGER NOT NULL REFERENCES users(id),
    set_at       TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1
);

-- The exercise's evaluation as a whole: the hotwash notes, the report's summary, and who
-- approved the report when (the exercise may then move to Avslutad).
CREATE TABLE evaluation_reports (
    exercise_id INTEGER PRIMARY KEY REFERENCES exercises(id) ON DELETE CASCADE,
    hotwash     TEXT NOT NULL DEFAULT '',
    summary     TEXT NOT NULL DEFAULT '',
    approved_by INTEGER REFERENCES users(id),
    approved_at TEXT,
    version     INTEGER NOT NULL DEFAULT 1
);

-- Findings: strengths and areas for improvement (lessons identified) from an exercise's
-- evaluation, and shortcomings from a real event, the risk and vulnerability analysis, an
-- inspection or an audit, in one register. An area for improvement is decided (who, when)
-- before its corrective actions are; the lesson learned is written when they are verified.
CREATE TABLE findings (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('styrka', 'forbattring')),
    source          TEXT NOT NULL CHECK (source IN ('ovning', 'verklig_handelse', 'rsa', 'tillsyn', 'revision')),
    exercise_id     INTEGER REFERENCES exercises(id) ON DELETE CASCADE,
    objective_id    INTEGER REFERENCES objectives(id) ON DELETE SET NULL,
    log_entry_id    INTEGER REFERENCES log_entries(id),
    source_ref      TEXT NOT NULL DEFAULT '',
    title           TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    capability_code TEXT NOT NULL REFERENCES capability_areas(code) ON UPDATE CASCADE,
    forvaltning_id  INTEGER REFERENCES forvaltningar(id),
    observed_on     TEXT NOT NULL,
    decided_by      INTEGER REFERENCES users(id),
    decided_at      TEXT,
    decision        TEXT NOT NULL DEFAULT '',
    lesson          TEXT NOT NULL DEFAULT '',
    created_by      INTEGER NOT NULL REFERENCES users(id),
    created_at      TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    CHECK ((source = 'ovning') = (exercise_id IS NOT NULL)),
    CHECK (kind = 'forbattring' OR source = 'ovning')
);
CREATE INDEX findings_exercise ON findings (exercise_id);
CREATE INDEX findings_cell ON findings (forvaltning_id, capability_code);

-- Corrective actions (åtgärder): Föreslagen → Beslutad → Pågår → Genomförd → Verifierad, or
-- Avförd with a reason. Deciding one names the verification criterion and a verifier other than
-- the responsible person; verifying cites an objective of a later conducted exercise rated P or
-- S, or gives a reason ("verifierad utan övning"). `retest_exercise_id` is the exercise Redo
-- proposed for a re-test; `retest_objective_id` the objective a planner accepted into it.
CREATE TABLE corrective_actions (
    id                    INTEGER PRIMARY KEY,
    finding_id            INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
    text                  TEXT NOT NULL,
    forvaltning_id        INTEGER NOT NULL REFERENCES forvaltningar(id),
    responsible_id        INTEGER NOT NULL REFERENCES users(id),
    due_on                TEXT NOT NULL,
    poete                 TEXT NOT NULL CHECK (poete IN ('planering', 'organisation', 'utrustning', 'utbildning', 'ovning')),
    capability_code       TEXT NOT NULL REFERENCES capability_areas(code) ON UPDATE CASCADE,
    criterion             TEXT NOT NULL DEFAULT '',
    verifier_id           INTEGER REFERENCES users(id),
    status                TEXT NOT NULL DEFAULT 'foreslagen'
        CHECK (status IN ('foreslagen', 'beslutad', 'pagar', 'genomford', 'verifierad', 'avford')),
    decided_by            INTEGER REFERENCES users(id),
    decided_at            TEXT,
    retest_exercise_id    INTEGER REFERENCES exercises(id) ON DELETE SET NULL,
    retest_objective_id   INTEGER REFERENCES objectives(id) ON DELETE SET NULL,
    verified_objective_id INTEGER REFERENCES objectives(id),
    verified_reason       TEXT,
    verified_by           INTEGER REFERENCES users(id),
    verified_at           TEXT,
    dropped_reason        TEXT,
    created_by            INTEGER NOT NULL REFERENCES users(id),
    created_at            TEXT NOT NULL,
    version               INTEGER NOT NULL DEFAULT 1,
    CHECK (verifier_id IS NULL OR verifier_id <> responsible_id)
);
CREATE INDEX corrective_actions_finding ON corrective_actions (finding_id);
CREATE INDEX corrective_actions_cell ON corrective_actions (forvaltning_id, capability_code, status);
