-- Identities and change stamps for the records that travel between computers
-- (exchange packages now, the shared workspace later). Written once by a
-- script; like every migration, never edited after it has landed.
--
-- Every record that can travel has a row in `records`: a UUID that never
-- changes, its version vector (how many changes each installation has made
-- to it, as JSON {"<installation id>": n}), and when and by which
-- installation it was last changed. A deleted record keeps its row as a
-- tombstone (local_id NULL, deleted_at set), so that the deletion travels.
-- Triggers keep the rows in step with the domain tables, so no write path
-- can forget them: a local change adds one to this installation's count;
-- a change to a part of a record (a meeting's attendance, agenda,
-- decisions, good examples and visiting organisations; a partnership's
-- goals; a person's competences; a pairing's participants and contacts)
-- counts as a change of that record. While a merge applies a record from
-- elsewhere, its identity and version are in `applying`, and the triggers
-- take them from there instead.
--
-- The time of a change is SQLite's reading of the computer's clock: it is
-- shown to people ("changed on … by …") and never used to decide anything;
-- version vectors decide.

-- This installation: its id (a UUID, made here once) and the name others see.
CREATE VIEW new_uuid AS SELECT lower(
    hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
    substr(hex(randomblob(2)), 2) || '-' ||
    substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' ||
    hex(randomblob(6))) AS uuid;

INSERT INTO settings (key, value) SELECT 'installation_id', uuid FROM new_uuid
    WHERE NOT EXISTS (SELECT 1 FROM settings WHERE key = 'installation_id');

CREATE VIEW installation AS
    SELECT value AS id FROM settings WHERE key = 'installation_id';

CREATE TABLE records (
    uuid        TEXT PRIMARY KEY CHECK (length(uuid) = 36),
    kind        TEXT NOT NULL CHECK (kind IN ('partnership', 'organisation', 'person',
                    'membership', 'pairing', 'meeting', 'action', 'follow_up')),
    -- the row in the kind's table; NULL once the record is deleted
    local_id    INTEGER,
    version     TEXT NOT NULL CHECK (json_valid(version)),
    changed_at  TEXT NOT NULL,
    changed_by  TEXT NOT NULL,
    deleted_at  TEXT,
    CHECK ((local_id IS NULL) = (deleted_at IS NOT NULL))
) STRICT;

CREATE UNIQUE INDEX records_local ON records (kind, local_id) WHERE local_id IS NOT NULL;

-- The record a merge is writing now (at most one per kind, only inside the
-- merge's transaction).
CREATE TABLE applying (
    kind        TEXT PRIMARY KEY,
    uuid        TEXT NOT NULL,
    version     TEXT NOT NULL,
    changed_at  TEXT NOT NULL,
    changed_by  TEXT NOT NULL
) STRICT;

-- A follow-up needs a row id of its own to have a record.
CREATE TABLE action_followups_new (
    id              INTEGER PRIMARY KEY,
    action_id       INTEGER NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
    meeting_id      INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    status          TEXT NOT NULL CHECK (status IN ('planned', 'ongoing', 'done', 'dropped')),
    note            TEXT NOT NULL DEFAULT '',
    recorded_at     TEXT NOT NULL,
    UNIQUE (action_id, meeting_id)
) STRICT;
INSERT INTO action_followups_new (action_id, meeting_id, status, note, recorded_at)
    SELECT action_id, meeting_id, status, note, recorded_at FROM action_followups
    ORDER BY recorded_at, action_id, meeting_id;
DROP TABLE action_followups;
ALTER TABLE action_followups_new RENAME TO action_followups;
CREATE INDEX action_followups_meeting ON action_followups (meeting_id);

-- A calendar event's SEQUENCE (RFC 5545): raised when the date or the times
-- change here, so that calendars replace the event they have.
ALTER TABLE meetings ADD COLUMN calendar_sequence INTEGER NOT NULL DEFAULT 0
    CHECK (calendar_sequence >= 0);

CREATE TRIGGER meetings_calendar_sequence AFTER UPDATE OF date, start_time, end_time ON meetings
    WHEN (OLD.date IS NOT NEW.date OR OLD.start_time IS NOT NEW.start_time
          OR OLD.end_time IS NOT NEW.end_time)
      AND NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'meeting')
BEGIN
    UPDATE meetings SET calendar_sequence = OLD.calendar_sequence + 1 WHERE id = NEW.id;
END;

-- The records there are now: each made by this installation, once.

INSERT INTO records (uuid, kind, local_id, version, changed_at, changed_by)
    SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
        substr(hex(randomblob(2)), 2) || '-' ||
        substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' ||
        hex(randomblob(6))), 'partnership', t.id, json_object(i.id, 1),
        strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), i.id
    FROM partnerships t, installation i ORDER BY t.id;

INSERT INTO records (uuid, kind, local_id, version, changed_at, changed_by)
    SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
        substr(hex(randomblob(2)), 2) || '-' ||
        substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' ||
        hex(randomblob(6))), 'organisation', t.id, json_object(i.id, 1),
        strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), i.id
    FROM organisations t, installation i ORDER BY t.id;

INSERT INTO records (uuid, kind, local_id, version, changed_at, changed_by)
    SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
        substr(hex(randomblob(2)), 2) || '-' ||
        substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' ||
        hex(randomblob(6))), 'person', t.id, json_object(i.id, 1),
        strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), i.id
    FROM people t, installation i ORDER BY t.id;

INSERT INTO records (uuid, kind, local_id, version, changed_at, changed_by)
    SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
        substr(hex(randomblob(2)), 2) || '-' ||
        substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' ||
        hex(randomblob(6))), 'membership', t.id, json_object(i.id, 1),
        strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), i.id
    FROM memberships t, installation i ORDER BY t.id;

INSERT INTO records (uuid, kind, local_id, version, changed_at, changed_by)
    SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
        substr(hex(randomblob(2)), 2) || '-' ||
        substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' ||
        hex(randomblob(6))), 'pairing', t.id, json_object(i.id, 1),
        strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), i.id
    FROM pairings t, installation i ORDER BY t.id;

INSERT INTO records (uuid, kind, local_id, version, changed_at, changed_by)
    SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
        substr(hex(randomblob(2)), 2) || '-' ||
        substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' ||
        hex(randomblob(6))), 'meeting', t.id, json_object(i.id, 1),
        strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), i.id
    FROM meetings t, installation i ORDER BY t.id;

INSERT INTO records (uuid, kind, local_id, version, changed_at, changed_by)
    SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
        substr(hex(randomblob(2)), 2) || '-' ||
        substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' ||
        hex(randomblob(6))), 'action', t.id, json_object(i.id, 1),
        strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), i.id
    FROM actions t, installation i ORDER BY t.id;

INSERT INTO records (uuid, kind, local_id, version, changed_at, changed_by)
    SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
        substr(hex(randomblob(2)), 2) || '-' ||
        substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' ||
        hex(randomblob(6))), 'follow_up', t.id, json_object(i.id, 1),
        strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), i.id
    FROM action_followups t, installation i ORDER BY t.id;

-- partnerships
CREATE TRIGGER partnerships_record_insert AFTER INSERT ON partnerships BEGIN
    INSERT INTO records (uuid, kind, local_id, version, changed_at, changed_by)
    SELECT coalesce(a.uuid, (SELECT uuid FROM new_uuid)), 'partnership', NEW.id,
        coalesce(a.version, json_object(i.id, 1)), coalesce(a.changed_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        coalesce(a.changed_by, i.id)
    FROM installation i LEFT JOIN applying a ON a.kind = 'partnership';
END;

CREATE TRIGGER partnerships_record_update AFTER UPDATE ON partnerships
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'partnership')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'partnership' AND local_id = NEW.id;
END;

CREATE TRIGGER partnerships_record_update_applied AFTER UPDATE ON partnerships
    WHEN EXISTS (SELECT 1 FROM applying WHERE kind = 'partnership')
BEGIN
    UPDATE records SET version = a.version, changed_at = a.changed_at, changed_by = a.changed_by
    FROM (SELECT * FROM applying WHERE kind = 'partnership') a
    WHERE records.kind = 'partnership' AND records.local_id = NEW.id;
END;

CREATE TRIGGER partnerships_record_delete AFTER DELETE ON partnerships BEGIN
    UPDATE records SET local_id = NULL, deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
        version = CASE WHEN (SELECT uuid FROM applying WHERE kind = 'partnership') = records.uuid
            THEN (SELECT version FROM applying WHERE kind = 'partnership') ELSE json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1) END,
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'partnership' AND local_id = OLD.id;
END;

-- organisations
CREATE TRIGGER organisations_record_insert AFTER INSERT ON organisations BEGIN
    INSERT INTO records (uuid, kind, local_id, version, changed_at, changed_by)
    SELECT coalesce(a.uuid, (SELECT uuid FROM new_uuid)), 'organisation', NEW.id,
        coalesce(a.version, json_object(i.id, 1)), coalesce(a.changed_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        coalesce(a.changed_by, i.id)
    FROM installation i LEFT JOIN applying a ON a.kind = 'organisation';
END;

CREATE TRIGGER organisations_record_update AFTER UPDATE ON organisations
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'organisation')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'organisation' AND local_id = NEW.id;
END;

CREATE TRIGGER organisations_record_update_applied AFTER UPDATE ON organisations
    WHEN EXISTS (SELECT 1 FROM applying WHERE kind = 'organisation')
BEGIN
    UPDATE records SET version = a.version, changed_at = a.changed_at, changed_by = a.changed_by
    FROM (SELECT * FROM applying WHERE kind = 'organisation') a
    WHERE records.kind = 'organisation' AND records.local_id = NEW.id;
END;

CREATE TRIGGER organisations_record_delete AFTER DELETE ON organisations BEGIN
    UPDATE records SET local_id = NULL, deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
        version = CASE WHEN (SELECT uuid FROM applying WHERE kind = 'organisation') = records.uuid
            THEN (SELECT version FROM applying WHERE kind = 'organisation') ELSE json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1) END,
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'organisation' AND local_id = OLD.id;
END;

-- people
CREATE TRIGGER people_record_insert AFTER INSERT ON people BEGIN
    INSERT INTO records (uuid, kind, local_id, version, changed_at, changed_by)
    SELECT coalesce(a.uuid, (SELECT uuid FROM new_uuid)), 'person', NEW.id,
        coalesce(a.version, json_object(i.id, 1)), coalesce(a.changed_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        coalesce(a.changed_by, i.id)
    FROM installation i LEFT JOIN applying a ON a.kind = 'person';
END;

CREATE TRIGGER people_record_update AFTER UPDATE ON people
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'person')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'person' AND local_id = NEW.id;
END;

CREATE TRIGGER people_record_update_applied AFTER UPDATE ON people
    WHEN EXISTS (SELECT 1 FROM applying WHERE kind = 'person')
BEGIN
    UPDATE records SET version = a.version, changed_at = a.changed_at, changed_by = a.changed_by
    FROM (SELECT * FROM applying WHERE kind = 'person') a
    WHERE records.kind = 'person' AND records.local_id = NEW.id;
END;

CREATE TRIGGER people_record_delete AFTER DELETE ON people BEGIN
    UPDATE records SET local_id = NULL, deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
        version = CASE WHEN (SELECT uuid FROM applying WHERE kind = 'person') = records.uuid
            THEN (SELECT version FROM applying WHERE kind = 'person') ELSE json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1) END,
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'person' AND local_id = OLD.id;
END;

-- memberships
CREATE TRIGGER memberships_record_insert AFTER INSERT ON memberships BEGIN
    INSERT INTO records (uuid, kind, local_id, version, changed_at, changed_by)
    SELECT coalesce(a.uuid, (SELECT uuid FROM new_uuid)), 'membership', NEW.id,
        coalesce(a.version, json_object(i.id, 1)), coalesce(a.changed_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        coalesce(a.changed_by, i.id)
    FROM installation i LEFT JOIN applying a ON a.kind = 'membership';
END;

CREATE TRIGGER memberships_record_update AFTER UPDATE ON memberships
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'membership')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'membership' AND local_id = NEW.id;
END;

CREATE TRIGGER memberships_record_update_applied AFTER UPDATE ON memberships
    WHEN EXISTS (SELECT 1 FROM applying WHERE kind = 'membership')
BEGIN
    UPDATE records SET version = a.version, changed_at = a.changed_at, changed_by = a.changed_by
    FROM (SELECT * FROM applying WHERE kind = 'membership') a
    WHERE records.kind = 'membership' AND records.local_id = NEW.id;
END;

CREATE TRIGGER memberships_record_delete AFTER DELETE ON memberships BEGIN
    UPDATE records SET local_id = NULL, deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
        version = CASE WHEN (SELECT uuid FROM applying WHERE kind = 'membership') = records.uuid
            THEN (SELECT version FROM applying WHERE kind = 'membership') ELSE json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1) END,
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'membership' AND local_id = OLD.id;
END;

-- pairings
CREATE TRIGGER pairings_record_insert AFTER INSERT ON pairings BEGIN
    INSERT INTO records (uuid, kind, local_id, version, changed_at, changed_by)
    SELECT coalesce(a.uuid, (SELECT uuid FROM new_uuid)), 'pairing', NEW.id,
        coalesce(a.version, json_object(i.id, 1)), coalesce(a.changed_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        coalesce(a.changed_by, i.id)
    FROM installation i LEFT JOIN applying a ON a.kind = 'pairing';
END;

CREATE TRIGGER pairings_record_update AFTER UPDATE ON pairings
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'pairing')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'pairing' AND local_id = NEW.id;
END;

CREATE TRIGGER pairings_record_update_applied AFTER UPDATE ON pairings
    WHEN EXISTS (SELECT 1 FROM applying WHERE kind = 'pairing')
BEGIN
    UPDATE records SET version = a.version, changed_at = a.changed_at, changed_by = a.changed_by
    FROM (SELECT * FROM applying WHERE kind = 'pairing') a
    WHERE records.kind = 'pairing' AND records.local_id = NEW.id;
END;

CREATE TRIGGER pairings_record_delete AFTER DELETE ON pairings BEGIN
    UPDATE records SET local_id = NULL, deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
        version = CASE WHEN (SELECT uuid FROM applying WHERE kind = 'pairing') = records.uuid
            THEN (SELECT version FROM applying WHERE kind = 'pairing') ELSE json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1) END,
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'pairing' AND local_id = OLD.id;
END;

-- meetings
CREATE TRIGGER meetings_record_insert AFTER INSERT ON meetings BEGIN
    INSERT INTO records (uuid, kind, local_id, version, changed_at, changed_by)
    SELECT coalesce(a.uuid, (SELECT uuid FROM new_uuid)), 'meeting', NEW.id,
        coalesce(a.version, json_object(i.id, 1)), coalesce(a.changed_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        coalesce(a.changed_by, i.id)
    FROM installation i LEFT JOIN applying a ON a.kind = 'meeting';
END;

CREATE TRIGGER meetings_record_update AFTER UPDATE ON meetings
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'meeting')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'meeting' AND local_id = NEW.id;
END;

CREATE TRIGGER meetings_record_update_applied AFTER UPDATE ON meetings
    WHEN EXISTS (SELECT 1 FROM applying WHERE kind = 'meeting')
BEGIN
    UPDATE records SET version = a.version, changed_at = a.changed_at, changed_by = a.changed_by
    FROM (SELECT * FROM applying WHERE kind = 'meeting') a
    WHERE records.kind = 'meeting' AND records.local_id = NEW.id;
END;

CREATE TRIGGER meetings_record_delete AFTER DELETE ON meetings BEGIN
    UPDATE records SET local_id = NULL, deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
        version = CASE WHEN (SELECT uuid FROM applying WHERE kind = 'meeting') = records.uuid
            THEN (SELECT version FROM applying WHERE kind = 'meeting') ELSE json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1) END,
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'meeting' AND local_id = OLD.id;
END;

-- actions
CREATE TRIGGER actions_record_insert AFTER INSERT ON actions BEGIN
    INSERT INTO records (uuid, kind, local_id, version, changed_at, changed_by)
    SELECT coalesce(a.uuid, (SELECT uuid FROM new_uuid)), 'action', NEW.id,
        coalesce(a.version, json_object(i.id, 1)), coalesce(a.changed_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        coalesce(a.changed_by, i.id)
    FROM installation i LEFT JOIN applying a ON a.kind = 'action';
END;

CREATE TRIGGER actions_record_update AFTER UPDATE ON actions
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'action')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'action' AND local_id = NEW.id;
END;

CREATE TRIGGER actions_record_update_applied AFTER UPDATE ON actions
    WHEN EXISTS (SELECT 1 FROM applying WHERE kind = 'action')
BEGIN
    UPDATE records SET version = a.version, changed_at = a.changed_at, changed_by = a.changed_by
    FROM (SELECT * FROM applying WHERE kind = 'action') a
    WHERE records.kind = 'action' AND records.local_id = NEW.id;
END;

CREATE TRIGGER actions_record_delete AFTER DELETE ON actions BEGIN
    UPDATE records SET local_id = NULL, deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
        version = CASE WHEN (SELECT uuid FROM applying WHERE kind = 'action') = records.uuid
            THEN (SELECT version FROM applying WHERE kind = 'action') ELSE json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1) END,
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'action' AND local_id = OLD.id;
END;

-- action_followups
CREATE TRIGGER action_followups_record_insert AFTER INSERT ON action_followups BEGIN
    INSERT INTO records (uuid, kind, local_id, version, changed_at, changed_by)
    SELECT coalesce(a.uuid, (SELECT uuid FROM new_uuid)), 'follow_up', NEW.id,
        coalesce(a.version, json_object(i.id, 1)), coalesce(a.changed_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        coalesce(a.changed_by, i.id)
    FROM installation i LEFT JOIN applying a ON a.kind = 'follow_up';
END;

CREATE TRIGGER action_followups_record_update AFTER UPDATE ON action_followups
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'follow_up')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'follow_up' AND local_id = NEW.id;
END;

CREATE TRIGGER action_followups_record_update_applied AFTER UPDATE ON action_followups
    WHEN EXISTS (SELECT 1 FROM applying WHERE kind = 'follow_up')
BEGIN
    UPDATE records SET version = a.version, changed_at = a.changed_at, changed_by = a.changed_by
    FROM (SELECT * FROM applying WHERE kind = 'follow_up') a
    WHERE records.kind = 'follow_up' AND records.local_id = NEW.id;
END;

CREATE TRIGGER action_followups_record_delete AFTER DELETE ON action_followups BEGIN
    UPDATE records SET local_id = NULL, deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
        version = CASE WHEN (SELECT uuid FROM applying WHERE kind = 'follow_up') = records.uuid
            THEN (SELECT version FROM applying WHERE kind = 'follow_up') ELSE json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1) END,
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'follow_up' AND local_id = OLD.id;
END;

-- A change to a part of a record is a change of the record.

CREATE TRIGGER partnership_goals_record_insert AFTER INSERT ON partnership_goals
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'partnership')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'partnership' AND local_id = NEW.partnership_id;
END;

CREATE TRIGGER partnership_goals_record_update AFTER UPDATE ON partnership_goals
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'partnership')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'partnership' AND local_id = NEW.partnership_id;
END;

CREATE TRIGGER partnership_goals_record_delete AFTER DELETE ON partnership_goals
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'partnership')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'partnership' AND local_id = OLD.partnership_id;
END;

CREATE TRIGGER person_competences_record_insert AFTER INSERT ON person_competences
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'person')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'person' AND local_id = NEW.person_id;
END;

CREATE TRIGGER person_competences_record_update AFTER UPDATE ON person_competences
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'person')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'person' AND local_id = NEW.person_id;
END;

CREATE TRIGGER person_competences_record_delete AFTER DELETE ON person_competences
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'person')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'person' AND local_id = OLD.person_id;
END;

CREATE TRIGGER meeting_visitors_record_insert AFTER INSERT ON meeting_visitors
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'meeting')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'meeting' AND local_id = NEW.meeting_id;
END;

CREATE TRIGGER meeting_visitors_record_update AFTER UPDATE ON meeting_visitors
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'meeting')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'meeting' AND local_id = NEW.meeting_id;
END;

CREATE TRIGGER meeting_visitors_record_delete AFTER DELETE ON meeting_visitors
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'meeting')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'meeting' AND local_id = OLD.meeting_id;
END;

CREATE TRIGGER agenda_items_record_insert AFTER INSERT ON agenda_items
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'meeting')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'meeting' AND local_id = NEW.meeting_id;
END;

CREATE TRIGGER agenda_items_record_update AFTER UPDATE ON agenda_items
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'meeting')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'meeting' AND local_id = NEW.meeting_id;
END;

CREATE TRIGGER agenda_items_record_delete AFTER DELETE ON agenda_items
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'meeting')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'meeting' AND local_id = OLD.meeting_id;
END;

CREATE TRIGGER attendance_record_insert AFTER INSERT ON attendance
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'meeting')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'meeting' AND local_id = NEW.meeting_id;
END;

CREATE TRIGGER attendance_record_update AFTER UPDATE ON attendance
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'meeting')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'meeting' AND local_id = NEW.meeting_id;
END;

CREATE TRIGGER attendance_record_delete AFTER DELETE ON attendance
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'meeting')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'meeting' AND local_id = OLD.meeting_id;
END;

CREATE TRIGGER decisions_record_insert AFTER INSERT ON decisions
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'meeting')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'meeting' AND local_id = NEW.meeting_id;
END;

CREATE TRIGGER decisions_record_update AFTER UPDATE ON decisions
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'meeting')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'meeting' AND local_id = NEW.meeting_id;
END;

CREATE TRIGGER decisions_record_delete AFTER DELETE ON decisions
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'meeting')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'meeting' AND local_id = OLD.meeting_id;
END;

CREATE TRIGGER good_examples_record_insert AFTER INSERT ON good_examples
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'meeting')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'meeting' AND local_id = NEW.meeting_id;
END;

CREATE TRIGGER good_examples_record_update AFTER UPDATE ON good_examples
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'meeting')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'meeting' AND local_id = NEW.meeting_id;
END;

CREATE TRIGGER good_examples_record_delete AFTER DELETE ON good_examples
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'meeting')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'meeting' AND local_id = OLD.meeting_id;
END;

CREATE TRIGGER pairing_participants_record_insert AFTER INSERT ON pairing_participants
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'pairing')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'pairing' AND local_id = NEW.pairing_id;
END;

CREATE TRIGGER pairing_participants_record_update AFTER UPDATE ON pairing_participants
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'pairing')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'pairing' AND local_id = NEW.pairing_id;
END;

CREATE TRIGGER pairing_participants_record_delete AFTER DELETE ON pairing_participants
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'pairing')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'pairing' AND local_id = OLD.pairing_id;
END;

CREATE TRIGGER pairing_contacts_record_insert AFTER INSERT ON pairing_contacts
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'pairing')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'pairing' AND local_id = NEW.pairing_id;
END;

CREATE TRIGGER pairing_contacts_record_update AFTER UPDATE ON pairing_contacts
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'pairing')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'pairing' AND local_id = NEW.pairing_id;
END;

CREATE TRIGGER pairing_contacts_record_delete AFTER DELETE ON pairing_contacts
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'pairing')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'pairing' AND local_id = OLD.pairing_id;
END;

