-- A counter that every change to accounts (role, status, scope, password) increments in its own
-- transaction. Running servers poll it and forget their cached sessions when it moves, so a change
-- made by another process (`server user passwd`) ends sessions within seconds.
CREATE TABLE account_generation (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    value INTEGER NOT NULL
);
INSERT INTO account_generation (id, value) VALUES (1, 0);

-- Bumped when an account's password changes or it is deactivated: device cookies (which the
-- sign-in throttle trusts) name the version they were issued for and stop counting after it.
ALTER TABLE users ADD COLUMN credential_version INTEGER NOT NULL DEFAULT 0;
