-- Live conduct: who takes part in an exercise in which role, its inject list (händelselista /
-- MSEL), its clock, and its live log.

-- The exercise's staff: övningsledning (exercise control), motspel (the response cell playing
-- outside actors), utvärderare and observatörer. One role per person and exercise.
CREATE TABLE exercise_staff (
    exercise_id INTEGER NOT NULL REFERENCES exercises(id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role        TEXT NOT NULL CHECK (role IN ('ovningsledning', 'motspel', 'utvarderare', 'observator')),
    PRIMARY KEY (exercise_id, user_id)
);
CREATE INDEX exercise_staff_user ON exercise_staff (user_id);

-- The exercise clock and the log's sequence. Scenario time is `scenario_start` + `offset_seconds`
-- + the wall time played since `started_at`, less `paused_seconds` (and the running pause, from
-- `paused_at`). `last_seq` is the number of the last log entry: a writer takes the next one by
-- updating this row, which holds the row until it commits, so numbers are gap-free and in commit
-- order on both engines.
CREATE TABLE exercise_conduct (
    exercise_id    INTEGER PRIMARY KEY REFERENCES exercises(id) ON DELETE CASCADE,
    scenario_start TEXT NOT NULL,
    offset_seconds INTEGER NOT NULL DEFAULT 0,
    started_at     TEXT,
    paused_at      TEXT,
    paused_seconds INTEGER NOT NULL DEFAULT 0,
    ended_at       TEXT,
    last_seq       INTEGER NOT NULL DEFAULT 0,
    version        INTEGER NOT NULL DEFAULT 1
);

-- The inject list. `number` is the inject's name in play ("inspel 12"), `position` its place in
-- the list; planned scenario time and the actual send time are kept apart.
CREATE TABLE injects (
    id            INTEGER PRIMARY KEY,
    exercise_id   INTEGER NOT NULL REFERENCES exercises(id) ON DELETE CASCADE,
    number        INTEGER NOT NULL,
    position      INTEGER NOT NULL,
    planned_at    TEXT,
    sender        TEXT NOT NULL DEFAULT '',
    recipient     TEXT NOT NULL DEFAULT '',
    channel       TEXT NOT NULL CHECK (channel IN ('telefon', 'rakel', 'epost', 'wis', 'muntligt', 'annat')),
    content       TEXT NOT NULL,
    objective_id  INTEGER REFERENCES objectives(id) ON DELETE SET NULL,
    reserve       INTEGER NOT NULL DEFAULT 0 CHECK (reserve IN (0, 1)),
    adhoc         INTEGER NOT NULL DEFAULT 0 CHECK (adhoc IN (0, 1)),
    status        TEXT NOT NULL DEFAULT 'planerad' CHECK (status IN ('planerad', 'skickad', 'overhoppad')),
    sent_at       TEXT,
    sent_scenario TEXT,
    sent_by       INTEGER REFERENCES users(id),
    version       INTEGER NOT NULL DEFAULT 1,
    UNIQUE (exercise_id, number)
);
CREATE INDEX injects_exercise ON injects (exercise_id, position);

-- The player actions an inject expects, as a checklist ticked during play.
CREATE TABLE inject_actions (
    id        INTEGER PRIMARY KEY,
    inject_id INTEGER NOT NULL REFERENCES injects(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    text      TEXT NOT NULL,
    done_at   TEXT,
    done_by   INTEGER REFERENCES users(id)
);
CREATE INDEX inject_actions_inject ON inject_actions (inject_id);

-- The live log, append-only: a correction is a new row naming the entry's first version
-- (`entry_id`). `seq` numbers every row of an exercise's log, gap-free, in commit order; viewers
-- catch up from the last number they saw. `client_key` is the author's device's key for the
-- entry, stored once.
CREATE TABLE log_entries (
    id             INTEGER PRIMARY KEY,
    exercise_id    INTEGER NOT NULL REFERENCES exercises(id) ON DELETE CASCADE,
    seq            INTEGER NOT NULL,
    entry_id       INTEGER REFERENCES log_entries(id),
    kind           TEXT NOT NULL CHECK (kind IN ('inspel', 'spelaratgard', 'beslut', 'observation', 'avvikelse', 'verklig', 'styrning')),
    text           TEXT NOT NULL,
    observed_at    TEXT NOT NULL,
    received_at    TEXT NOT NULL,
    scenario_at    TEXT,
    author_id      INTEGER NOT NULL REFERENCES users(id),
    author_name    TEXT NOT NULL,
    author_role    TEXT NOT NULL,
    inject_id      INTEGER REFERENCES injects(id),
    objective_id   INTEGER REFERENCES objectives(id) ON DELETE SET NULL,
    forvaltning_id INTEGER REFERENCES forvaltningar(id),
    client_key     TEXT,
    UNIQUE (exercise_id, seq)
);
CREATE UNIQUE INDEX log_entries_client_key ON log_entries (author_id, client_key) WHERE client_key IS NOT NULL;
CREATE INDEX log_entries_entry ON log_entries (entry_id);
