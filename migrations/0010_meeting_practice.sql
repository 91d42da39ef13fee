-- The practice around the meetings (issue #18): people's roles in a
-- partnership, groups inside it with their own reflection answers, a
-- register of venues, how a meeting is held, and approved (justerade)
-- minutes with their history. Written once; like every migration, never
-- edited after it has landed.
--
-- Venues and groups are records of their own that travel between
-- computers; roles are part of their partnership's record, and group
-- reflections and approvals part of their meeting's, so that the triggers
-- at the end count a change to them as a change of that record.

-- `records` gains the kinds 'venue' and 'group'. SQLite cannot widen a
-- CHECK in place, so the table is copied. legacy_alter_table keeps the
-- rename from re-parsing the triggers of other tables, which name
-- `records` in their bodies and find the renamed table by that name.
PRAGMA legacy_alter_table = ON;

CREATE TABLE records_widened (
    uuid        TEXT PRIMARY KEY CHECK (length(uuid) = 36),
    kind        TEXT NOT NULL CHECK (kind IN ('partnership', 'organisation', 'person',
                    'membership', 'pairing', 'meeting', 'action', 'follow_up',
                    'venue', 'group')),
    local_id    INTEGER,
    version     TEXT NOT NULL CHECK (json_valid(version)),
    changed_at  TEXT NOT NULL,
    changed_by  TEXT NOT NULL,
    deleted_at  TEXT,
    CHECK ((local_id IS NULL) = (deleted_at IS NOT NULL))
) STRICT;
INSERT INTO records_widened (uuid, kind, local_id, version, changed_at, changed_by, deleted_at)
    SELECT uuid, kind, local_id, version, changed_at, changed_by, deleted_at FROM records;
DROP TABLE records;
ALTER TABLE records_widened RENAME TO records;
CREATE UNIQUE INDEX records_local ON records (kind, local_id) WHERE local_id IS NOT NULL;

PRAGMA legacy_alter_table = OFF;

-- Who holds which role in a partnership, and when. A person can hold
-- several roles, and the same role again in a later period.
CREATE TABLE partnership_roles (
    id              INTEGER PRIMARY KEY,
    partnership_id  INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    person_id       INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    role            TEXT NOT NULL CHECK (role IN ('steering_group', 'project_group',
                        'project_leader', 'coordinator', 'external_evaluator', 'trainer',
                        'contact_person')),
    start_date      TEXT CHECK (start_date IS NULL OR date(start_date) = start_date),
    end_date        TEXT CHECK (end_date IS NULL OR date(end_date) = end_date),
    CHECK (start_date IS NULL OR end_date IS NULL OR end_date >= start_date)
) STRICT;

CREATE INDEX partnership_roles_partnership ON partnership_roles (partnership_id, role);
CREATE INDEX partnership_roles_person ON partnership_roles (person_id);

-- Groups inside a partnership: the sub-groups of a community of practice,
-- the small groups of a development reflection.
CREATE TABLE partnership_groups (
    id              INTEGER PRIMARY KEY,
    partnership_id  INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    kind            TEXT NOT NULL CHECK (kind IN ('subgroup', 'reflection_group')),
    name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    purpose         TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;

CREATE UNIQUE INDEX partnership_groups_name ON partnership_groups (partnership_id, name);

CREATE TABLE group_members (
    group_id        INTEGER NOT NULL REFERENCES partnership_groups (id) ON DELETE CASCADE,
    person_id       INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, person_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX group_members_person ON group_members (person_id);

-- A group's answers to the three questions of development reflection at a
-- meeting, beside the answers of the whole meeting (on `meetings`).
CREATE TABLE group_reflections (
    meeting_id      INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    group_id        INTEGER NOT NULL REFERENCES partnership_groups (id) ON DELETE CASCADE,
    reflection_best    TEXT NOT NULL DEFAULT '',
    reflection_learn   TEXT NOT NULL DEFAULT '',
    reflection_develop TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (meeting_id, group_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX group_reflections_group ON group_reflections (group_id);

-- Venues kept once and chosen on a meeting. The organisation is who runs
-- the place (a hotel, a university, a municipality), member or not. The
-- checklist columns are those of `meetings`: 1 yes, 0 no, NULL not checked.
CREATE TABLE venues (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    address         TEXT NOT NULL DEFAULT '',
    organisation_id INTEGER REFERENCES organisations (id) ON DELETE SET NULL,
    step_free_entrance INTEGER CHECK (step_free_entrance IN (0, 1)),
    no_thresholds   INTEGER CHECK (no_thresholds IN (0, 1)),
    lift            INTEGER CHECK (lift IN (0, 1)),
    accessible_toilet INTEGER CHECK (accessible_toilet IN (0, 1)),
    hearing_loop    INTEGER CHECK (hearing_loop IN (0, 1)),
    accessible_seating INTEGER CHECK (accessible_seating IN (0, 1)),
    accessibility_notes TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT '',
    archived_at     TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;

CREATE UNIQUE INDEX venues_name ON venues (name);
CREATE INDEX venues_organisation ON venues (organisation_id) WHERE organisation_id IS NOT NULL;

-- A meeting keeps its own copy of the venue's name, address and checklist
-- (what was true that day); venue_id says which register entry it came from.
ALTER TABLE meetings ADD COLUMN venue_id INTEGER REFERENCES venues (id) ON DELETE SET NULL;
CREATE INDEX meetings_venue ON meetings (venue_id) WHERE venue_id IS NOT NULL;

-- How the meeting is held. NULL: not stated (every meeting before this
-- migration; filling it in here would count as a change on every computer
-- and make the same meetings conflict when they next meet).
ALTER TABLE meetings ADD COLUMN mode TEXT
    CHECK (mode IS NULL OR mode IN ('on_site', 'digital', 'hybrid'));

-- Approving the minutes (justering) and unlocking them again, as a history.
-- A meeting is approved while its latest event is 'approved'. on_date is the
-- date the approvers give; recorded_at when it was recorded here. An
-- approval names one or two people; an unlocking names who and why.
CREATE TABLE meeting_approvals (
    id              INTEGER PRIMARY KEY,
    meeting_id      INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    event           TEXT NOT NULL CHECK (event IN ('approved', 'unlocked')),
    person_id       INTEGER REFERENCES people (id) ON DELETE SET NULL,
    second_person_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
    on_date         TEXT NOT NULL CHECK (date(on_date) = on_date),
    reason          TEXT NOT NULL DEFAULT '',
    recorded_at     TEXT NOT NULL,
    CHECK (event = 'approved' OR second_person_id IS NULL),
    CHECK (event = 'unlocked' OR reason = '')
) STRICT;

CREATE INDEX meeting_approvals_meeting ON meeting_approvals (meeting_id, id);
CREATE INDEX meeting_approvals_person ON meeting_approvals (person_id) WHERE person_id IS NOT NULL;
CREATE INDEX meeting_approvals_second_person ON meeting_approvals (second_person_id)
    WHERE second_person_id IS NOT NULL;

-- Records for what travels.

-- venues
CREATE TRIGGER venues_record_insert AFTER INSERT ON venues BEGIN
    INSERT INTO records (uuid, kind, local_id, version, changed_at, changed_by)
    SELECT coalesce(a.uuid, (SELECT uuid FROM new_uuid)), 'venue', NEW.id,
        coalesce(a.version, json_object(i.id, 1)), coalesce(a.changed_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        coalesce(a.changed_by, i.id)
    FROM installation i LEFT JOIN applying a ON a.kind = 'venue';
END;

CREATE TRIGGER venues_record_update AFTER UPDATE ON venues
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'venue')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'venue' AND local_id = NEW.id;
END;

CREATE TRIGGER venues_record_update_applied AFTER UPDATE ON venues
    WHEN EXISTS (SELECT 1 FROM applying WHERE kind = 'venue')
BEGIN
    UPDATE records SET version = a.version, changed_at = a.changed_at, changed_by = a.changed_by
    FROM (SELECT * FROM applying WHERE kind = 'venue') a
    WHERE records.kind = 'venue' AND records.local_id = NEW.id;
END;

CREATE TRIGGER venues_record_delete AFTER DELETE ON venues BEGIN
    UPDATE records SET local_id = NULL, deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
        version = CASE WHEN (SELECT uuid FROM applying WHERE kind = 'venue') = records.uuid
            THEN (SELECT version FROM applying WHERE kind = 'venue') ELSE json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1) END,
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'venue' AND local_id = OLD.id;
END;

-- groups
CREATE TRIGGER partnership_groups_record_insert AFTER INSERT ON partnership_groups BEGIN
    INSERT INTO records (uuid, kind, local_id, version, changed_at, changed_by)
    SELECT coalesce(a.uuid, (SELECT uuid FROM new_uuid)), 'group', NEW.id,
        coalesce(a.version, json_object(i.id, 1)), coalesce(a.changed_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        coalesce(a.changed_by, i.id)
    FROM installation i LEFT JOIN applying a ON a.kind = 'group';
END;

CREATE TRIGGER partnership_groups_record_update AFTER UPDATE ON partnership_groups
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'group')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'group' AND local_id = NEW.id;
END;

CREATE TRIGGER partnership_groups_record_update_applied AFTER UPDATE ON partnership_groups
    WHEN EXISTS (SELECT 1 FROM applying WHERE kind = 'group')
BEGIN
    UPDATE records SET version = a.version, changed_at = a.changed_at, changed_by = a.changed_by
    FROM (SELECT * FROM applying WHERE kind = 'group') a
    WHERE records.kind = 'group' AND records.local_id = NEW.id;
END;

CREATE TRIGGER partnership_groups_record_delete AFTER DELETE ON partnership_groups BEGIN
    UPDATE records SET local_id = NULL, deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
        version = CASE WHEN (SELECT uuid FROM applying WHERE kind = 'group') = records.uuid
            THEN (SELECT version FROM applying WHERE kind = 'group') ELSE json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1) END,
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'group' AND local_id = OLD.id;
END;

-- parts: a partnership's roles, a group's members, a meeting's group reflections and approvals
CREATE TRIGGER partnership_roles_record_insert AFTER INSERT ON partnership_roles
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'partnership')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'partnership' AND local_id = NEW.partnership_id;
END;

CREATE TRIGGER partnership_roles_record_update AFTER UPDATE ON partnership_roles
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'partnership')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'partnership' AND local_id = NEW.partnership_id;
END;

CREATE TRIGGER partnership_roles_record_delete AFTER DELETE ON partnership_roles
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'partnership')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'partnership' AND local_id = OLD.partnership_id;
END;

CREATE TRIGGER group_members_record_insert AFTER INSERT ON group_members
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'group')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'group' AND local_id = NEW.group_id;
END;

CREATE TRIGGER group_members_record_update AFTER UPDATE ON group_members
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'group')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'group' AND local_id = NEW.group_id;
END;

CREATE TRIGGER group_members_record_delete AFTER DELETE ON group_members
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'group')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'group' AND local_id = OLD.group_id;
END;

CREATE TRIGGER group_reflections_record_insert AFTER INSERT ON group_reflections
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'meeting')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'meeting' AND local_id = NEW.meeting_id;
END;

CREATE TRIGGER group_reflections_record_update AFTER UPDATE ON group_reflections
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'meeting')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'meeting' AND local_id = NEW.meeting_id;
END;

CREATE TRIGGER group_reflections_record_delete AFTER DELETE ON group_reflections
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'meeting')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'meeting' AND local_id = OLD.meeting_id;
END;

CREATE TRIGGER meeting_approvals_record_insert AFTER INSERT ON meeting_approvals
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'meeting')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'meeting' AND local_id = NEW.meeting_id;
END;

CREATE TRIGGER meeting_approvals_record_update AFTER UPDATE ON meeting_approvals
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'meeting')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'meeting' AND local_id = NEW.meeting_id;
END;

CREATE TRIGGER meeting_approvals_record_delete AFTER DELETE ON meeting_approvals
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'meeting')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'meeting' AND local_id = OLD.meeting_id;
END;

