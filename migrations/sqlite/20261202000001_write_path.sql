-- The write path: domain events beside the audit log, idempotency keys, and links from capability
-- areas to requirement areas (by id) and NATO baseline requirements in join tables.

-- One row per committed change, written in the change's own transaction by the unit of work
-- (`backend::work`). Running servers publish new rows on their in-process bus; a server notices
-- rows written by another process (the command line) by polling the largest id.
CREATE TABLE events (
    id            INTEGER PRIMARY KEY,
    at            TEXT NOT NULL,
    entity_type   TEXT NOT NULL,
    entity_id     TEXT NOT NULL,
    kind          TEXT NOT NULL,
    -- JSON array of the förvaltning ids the change concerns, e.g. [3,7]; [] for region-wide data.
    forvaltningar TEXT NOT NULL DEFAULT '[]'
);

-- A client's retry key for one write (`Idempotency-Key`), per user and endpoint. The row is
-- claimed ('pending') before the write and completed with the response in the write's own
-- transaction; a failed write removes its claim. Kept at least 30 days.
CREATE TABLE idempotency_keys (
    user_id      INTEGER NOT NULL,
    endpoint     TEXT NOT NULL,
    key          TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('pending', 'done')),
    status       INTEGER,
    response     TEXT,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (user_id, endpoint, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

-- Capability area → requirement area, by id: codes repeat across agreements (C3, C4, K4 are in
-- two), so a code alone does not say which requirement is meant.
CREATE TABLE capability_requirements (
    capability_code     TEXT NOT NULL REFERENCES capability_areas(code) ON UPDATE CASCADE ON DELETE CASCADE,
    requirement_area_id INTEGER NOT NULL REFERENCES requirement_areas(id) ON DELETE CASCADE,
    PRIMARY KEY (capability_code, requirement_area_id)
);
CREATE INDEX capability_requirements_requirement ON capability_requirements (requirement_area_id);

CREATE TABLE capability_nato (
    capability_code TEXT NOT NULL REFERENCES capability_areas(code) ON UPDATE CASCADE ON DELETE CASCADE,
    blr             INTEGER NOT NULL CHECK (blr BETWEEN 1 AND 7),
    PRIMARY KEY (capability_code, blr)
);

-- The comma lists, split.
CREATE TEMPORARY TABLE split_links AS
WITH RECURSIVE parts(code, rest, item, list) AS (
    SELECT code, requirement_codes || ',', '', 'req' FROM capability_areas
    UNION ALL
    SELECT code, nato_blr || ',', '', 'nato' FROM capability_areas
    UNION ALL
    SELECT code, substr(rest, instr(rest, ',') + 1), trim(substr(rest, 1, instr(rest, ',') - 1)), list
    FROM parts WHERE rest <> ''
)
SELECT DISTINCT code, item, list FROM parts WHERE item <> '';

INSERT OR IGNORE INTO capability_nato (capability_code, blr)
SELECT code, CAST(item AS INTEGER) FROM split_links
WHERE list = 'nato' AND CAST(item AS INTEGER) BETWEEN 1 AND 7;

-- When each link was made: the capability area's latest audited change, or else the day the
-- foundation migration installed the reference catalogue.
CREATE TEMPORARY TABLE link_days AS
SELECT c.code,
       date(COALESCE(
           (SELECT max(a.at) FROM audit_log a WHERE a.entity_type = 'capability_area' AND a.entity_id = c.code),
           (SELECT installed_on FROM _sqlx_migrations WHERE version = 20261123000002),
           CURRENT_TIMESTAMP)) AS day
FROM capability_areas c;

-- Every requirement area a code could mean, and whether its agreement was in force that day.
CREATE TEMPORARY TABLE link_candidates AS
SELECT s.code AS capability_code, s.item AS requirement_code, r.id AS requirement_area_id,
       (g.valid_from <= d.day AND (g.valid_to IS NULL OR g.valid_to >= d.day)) AS in_force
FROM split_links s
JOIN link_days d ON d.code = s.code
JOIN requirement_areas r ON r.code = s.item
JOIN agreements g ON g.id = r.agreement_id
WHERE s.list = 'req';

-- The agreement in force wins; among several in force (or none), the oldest agreement.
INSERT OR IGNORE INTO capability_requirements (capability_code, requirement_area_id)
SELECT capability_code, (
    SELECT c2.requirement_area_id FROM link_candidates c2
    WHERE c2.capability_code = c.capability_code AND c2.requirement_code = c.requirement_code
    ORDER BY c2.in_force DESC, c2.requirement_area_id LIMIT 1)
FROM link_candidates c
GROUP BY capability_code, requirement_code;

-- Each ambiguous code, and each code that matched nothing, is logged in the audit log, where
-- administrators see what the migration chose.
INSERT INTO audit_log (at, actor_id, actor_name, action, entity_type, entity_id, before_json, after_json)
SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), NULL, 'system', 'migrate_link', 'capability_area', capability_code,
       json_object('requirement_code', requirement_code,
                   'candidates', json_group_array(requirement_area_id),
                   'in_force', sum(in_force)),
       json_object('chosen', (SELECT c2.requirement_area_id FROM link_candidates c2
                              WHERE c2.capability_code = c.capability_code AND c2.requirement_code = c.requirement_code
                              ORDER BY c2.in_force DESC, c2.requirement_area_id LIMIT 1))
FROM link_candidates c
GROUP BY capability_code, requirement_code
HAVING count(*) > 1 OR sum(in_force) <> 1;

INSERT INTO audit_log (at, actor_id, actor_name, action, entity_type, entity_id, before_json, after_json)
SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), NULL, 'system', 'migrate_link', 'capability_area', s.code,
       json_object('requirement_code', s.item, 'candidates', json_array()), json_object('chosen', NULL)
FROM split_links s
WHERE s.list = 'req'
  AND NOT EXISTS (SELECT 1 FROM requirement_areas r WHERE r.code = s.item);

DROP TABLE link_candidates;
DROP TABLE link_days;
DROP TABLE split_links;

ALTER TABLE capability_areas DROP COLUMN requirement_codes;
ALTER TABLE capability_areas DROP COLUMN nato_blr;

-- Events replace the account counter: caches of sessions and accounts listen for user events.
DROP TABLE account_generation;
