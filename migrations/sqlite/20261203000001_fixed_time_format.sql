-- Times in one fixed-width form, so that SQLite compares them as text in time order, as
-- PostgreSQL compares its timestamps: instants as UTC with microseconds
-- ("2026-12-01T14:56:04.738864Z"), exercise times as local wall-clock time
-- ("2025-04-23 08:30:00"). Storage binds every time in this form (`storage::sql`); earlier rows
-- were written as RFC 3339 with a varying number of decimals ("…04.738864106+00:00", "…04Z").

UPDATE users SET created_at =
    replace(substr(created_at, 1, 19), ' ', 'T') || '.' ||
    substr((CASE WHEN substr(created_at, 20, 1) = '.' THEN substr(substr(created_at, 21), 1, length(substr(created_at, 21)) - length(ltrim(substr(created_at, 21), '0123456789'))) ELSE '' END) || '000000', 1, 6) || 'Z'
WHERE created_at NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z';

UPDATE sessions SET created_at =
    replace(substr(created_at, 1, 19), ' ', 'T') || '.' ||
    substr((CASE WHEN substr(created_at, 20, 1) = '.' THEN substr(substr(created_at, 21), 1, length(substr(created_at, 21)) - length(ltrim(substr(created_at, 21), '0123456789'))) ELSE '' END) || '000000', 1, 6) || 'Z'
WHERE created_at NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z';

UPDATE sessions SET last_seen_at =
    replace(substr(last_seen_at, 1, 19), ' ', 'T') || '.' ||
    substr((CASE WHEN substr(last_seen_at, 20, 1) = '.' THEN substr(substr(last_seen_at, 21), 1, length(substr(last_seen_at, 21)) - length(ltrim(substr(last_seen_at, 21), '0123456789'))) ELSE '' END) || '000000', 1, 6) || 'Z'
WHERE last_seen_at NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z';

UPDATE exercises SET created_at =
    replace(substr(created_at, 1, 19), ' ', 'T') || '.' ||
    substr((CASE WHEN substr(created_at, 20, 1) = '.' THEN substr(substr(created_at, 21), 1, length(substr(created_at, 21)) - length(ltrim(substr(created_at, 21), '0123456789'))) ELSE '' END) || '000000', 1, 6) || 'Z'
WHERE created_at NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z';

UPDATE exercises SET updated_at =
    replace(substr(updated_at, 1, 19), ' ', 'T') || '.' ||
    substr((CASE WHEN substr(updated_at, 20, 1) = '.' THEN substr(substr(updated_at, 21), 1, length(substr(updated_at, 21)) - length(ltrim(substr(updated_at, 21), '0123456789'))) ELSE '' END) || '000000', 1, 6) || 'Z'
WHERE updated_at NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z';

UPDATE audit_log SET at =
    replace(substr(at, 1, 19), ' ', 'T') || '.' ||
    substr((CASE WHEN substr(at, 20, 1) = '.' THEN substr(substr(at, 21), 1, length(substr(at, 21)) - length(ltrim(substr(at, 21), '0123456789'))) ELSE '' END) || '000000', 1, 6) || 'Z'
WHERE at NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z';

UPDATE events SET at =
    replace(substr(at, 1, 19), ' ', 'T') || '.' ||
    substr((CASE WHEN substr(at, 20, 1) = '.' THEN substr(substr(at, 21), 1, length(substr(at, 21)) - length(ltrim(substr(at, 21), '0123456789'))) ELSE '' END) || '000000', 1, 6) || 'Z'
WHERE at NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z';

UPDATE idempotency_keys SET created_at =
    replace(substr(created_at, 1, 19), ' ', 'T') || '.' ||
    substr((CASE WHEN substr(created_at, 20, 1) = '.' THEN substr(substr(created_at, 21), 1, length(substr(created_at, 21)) - length(ltrim(substr(created_at, 21), '0123456789'))) ELSE '' END) || '000000', 1, 6) || 'Z'
WHERE created_at NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z';

UPDATE exercises SET starts_at = strftime('%Y-%m-%d %H:%M:%S', starts_at) WHERE starts_at <> strftime('%Y-%m-%d %H:%M:%S', starts_at);

UPDATE exercises SET ends_at = strftime('%Y-%m-%d %H:%M:%S', ends_at) WHERE ends_at <> strftime('%Y-%m-%d %H:%M:%S', ends_at);

-- Booleans are 0 or 1. SQLite cannot add a CHECK to an existing table without rebuilding it (and
-- a rebuild under foreign keys would cascade), so triggers refuse anything else, as a CHECK would.

CREATE TRIGGER exercises_joint_boolean_insert BEFORE INSERT ON exercises
WHEN NEW.joint NOT IN (0, 1)
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: exercises.joint is 0 or 1');
END;

CREATE TRIGGER exercises_joint_boolean_update BEFORE UPDATE ON exercises
WHEN NEW.joint NOT IN (0, 1)
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: exercises.joint is 0 or 1');
END;

CREATE TRIGGER users_active_boolean_insert BEFORE INSERT ON users
WHEN NEW.active NOT IN (0, 1)
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: users.active is 0 or 1');
END;

CREATE TRIGGER users_active_boolean_update BEFORE UPDATE ON users
WHEN NEW.active NOT IN (0, 1)
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: users.active is 0 or 1');
END;
