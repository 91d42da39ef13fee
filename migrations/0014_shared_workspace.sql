-- The shared workspace (issue #20): this database syncs its records with a
-- PostgreSQL server while it stays the one the app works in, offline or not.
-- Like every migration, never edited after it has landed.

-- The server this database is joined to: at most one. No password: that is
-- in the system's credential store, or asked for.
CREATE TABLE shared_workspace (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    host            TEXT NOT NULL,
    port            INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
    database        TEXT NOT NULL,
    user_name       TEXT NOT NULL,
    -- libpq's sslmode: verify-full unless the server is this computer
    tls             TEXT NOT NULL CHECK (tls IN ('verify-full', 'require', 'disable')),
    -- the server's workspace id: a database joined to one workspace never
    -- syncs with another by mistake
    workspace_id    TEXT NOT NULL,
    workspace_name  TEXT NOT NULL DEFAULT '',
    -- the server's sequence number of the last change applied here
    cursor          INTEGER NOT NULL DEFAULT 0 CHECK (cursor >= 0),
    -- the scopes (partnerships and pairings) this role could see at the
    -- last pull, as a JSON array of UUIDs: a new one is pulled from the start
    scopes          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(scopes)),
    joined_at       TEXT NOT NULL,
    last_synced_at  TEXT,
    -- since when the server could not be reached (NULL when it could)
    offline_since   TEXT,
    -- the error code of the last failed sync
    last_error      TEXT
) STRICT;

-- Changes made here and not yet on the server: one row per record, moved
-- to the end whenever the record changes again. Filled by the triggers
-- below in the same transaction as the change, so no write path forgets it.
CREATE TABLE outbox (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid    TEXT NOT NULL UNIQUE
) STRICT;

-- A change made here is one that raised this installation's count in the
-- record's version; a record written from elsewhere keeps it as it was.
-- A conflict settled here raises it too, so the choice reaches the others.
CREATE TRIGGER records_outbox_insert AFTER INSERT ON records
    WHEN EXISTS (SELECT 1 FROM shared_workspace)
     AND json_extract(NEW.version, '$."' || (SELECT id FROM installation) || '"') IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO outbox (uuid) VALUES (NEW.uuid);
END;

CREATE TRIGGER records_outbox_update AFTER UPDATE OF version ON records
    WHEN EXISTS (SELECT 1 FROM shared_workspace)
     AND json_extract(NEW.version, '$."' || (SELECT id FROM installation) || '"')
         IS NOT json_extract(OLD.version, '$."' || (SELECT id FROM installation) || '"')
BEGIN
    INSERT OR REPLACE INTO outbox (uuid) VALUES (NEW.uuid);
END;

-- Records that arrived changed both here and there: kept, with what
-- arrived, until a person chooses field by field. Never overwritten in
-- silence; a newer arrival replaces the older one.
CREATE TABLE sync_conflicts (
    uuid        TEXT PRIMARY KEY,
    -- the record (or tombstone) as it arrived, in its travelling JSON form
    arrived     TEXT NOT NULL CHECK (json_valid(arrived)),
    is_deletion INTEGER NOT NULL CHECK (is_deletion IN (0, 1)),
    arrived_at  TEXT NOT NULL
) STRICT;

-- What this installation last told the server each scope holds, and in
-- which version: a push sends only what changed.
CREATE TABLE shared_scope_rows (
    scope   TEXT NOT NULL,
    uuid    TEXT NOT NULL,
    version TEXT NOT NULL,
    PRIMARY KEY (scope, uuid)
) STRICT, WITHOUT ROWID;
CREATE INDEX shared_scope_rows_uuid ON shared_scope_rows (uuid);

-- Meetings written by a pull whose search entries are not yet brought up
-- to date: a pull of many pages indexes each once, at its end, in the
-- transaction that moves the cursor (a pull cut off does it next time).
CREATE TABLE sync_reindex (
    meeting_id  INTEGER PRIMARY KEY
) STRICT;
