-- Reporting the way funders and SKR ask (issue #17): measurable goals with
-- indicators and their values over time, the levels a partnership expects
-- in each organisation's delegation, and the logos printed in the PDF
-- header. Written once; like every migration, never edited after it has
-- landed.
--
-- Indicators are records of their own that travel between computers (a
-- mentor municipality can record this year's value while the coordinator
-- edits the charter); their measured values are part of the indicator's
-- record. Logos stay on this computer: they are how this installation
-- prints, not part of the partnership's record.

-- `records` gains the kind 'indicator'. SQLite cannot widen a CHECK in
-- place, so the table is copied, as in 0010.
PRAGMA legacy_alter_table = ON;

CREATE TABLE records_widened (
    uuid        TEXT PRIMARY KEY CHECK (length(uuid) = 36),
    kind        TEXT NOT NULL CHECK (kind IN ('partnership', 'organisation', 'person',
                    'membership', 'pairing', 'meeting', 'action', 'follow_up',
                    'venue', 'group', 'indicator')),
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

-- A measurable goal: what is measured, in which unit, from which baseline
-- towards which target, and where the figure comes from. goal_position is
-- the charter goal it measures (partnership_goals.position), NULL for the
-- partnership as a whole; the core moves it when the goals are edited.
-- kolada_id is a Kolada key figure such as 'N00945'. by_gender: values are
-- also given for women and men.
CREATE TABLE indicators (
    id              INTEGER PRIMARY KEY,
    partnership_id  INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    goal_position   INTEGER CHECK (goal_position IS NULL OR goal_position >= 0),
    name            TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
    unit            TEXT NOT NULL DEFAULT '' CHECK (length(unit) <= 50),
    baseline        REAL,
    baseline_date   TEXT CHECK (baseline_date IS NULL OR date(baseline_date) = baseline_date),
    target          REAL,
    target_date     TEXT CHECK (target_date IS NULL OR date(target_date) = target_date),
    source          TEXT NOT NULL DEFAULT '' CHECK (length(source) <= 500),
    kolada_id       TEXT CHECK (kolada_id IS NULL OR length(kolada_id) BETWEEN 1 AND 20),
    by_gender       INTEGER NOT NULL DEFAULT 0 CHECK (by_gender IN (0, 1)),
    created_at      TEXT NOT NULL
) STRICT;

CREATE UNIQUE INDEX indicators_name ON indicators (partnership_id, name);

-- An indicator's measured values over time, one per date.
CREATE TABLE indicator_values (
    indicator_id    INTEGER NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    measured_on     TEXT NOT NULL CHECK (date(measured_on) = measured_on),
    value           REAL NOT NULL,
    women           REAL,
    men             REAL,
    note            TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500),
    PRIMARY KEY (indicator_id, measured_on)
) STRICT, WITHOUT ROWID;

-- The organisational levels the partnership expects in every participating
-- organisation's delegation, as a JSON array of people.level values. NULL:
-- the kind's default (a model-municipality round expects politician,
-- senior manager and strategist; other kinds expect none). NULL rather than
-- filled in here, so that this migration changes no record.
ALTER TABLE partnerships ADD COLUMN expected_levels TEXT
    CHECK (expected_levels IS NULL OR json_valid(expected_levels));

-- Logos for the PDF header: one for the installation (partnership_id NULL)
-- and at most one per partnership, which wins over it. Kept in the
-- database, so that a backup carries them; a few hundred kilobytes at most.
CREATE TABLE logos (
    id              INTEGER PRIMARY KEY,
    partnership_id  INTEGER UNIQUE REFERENCES partnerships (id) ON DELETE CASCADE,
    media_type      TEXT NOT NULL CHECK (media_type IN ('image/png', 'image/jpeg')),
    file_name       TEXT NOT NULL DEFAULT '' CHECK (length(file_name) <= 255),
    bytes           BLOB NOT NULL CHECK (length(bytes) BETWEEN 1 AND 2097152),
    created_at      TEXT NOT NULL
) STRICT;

CREATE UNIQUE INDEX logos_installation ON logos ((partnership_id IS NULL)) WHERE partnership_id IS NULL;

-- Records for what travels.

-- indicators
CREATE TRIGGER indicators_record_insert AFTER INSERT ON indicators BEGIN
    INSERT INTO records (uuid, kind, local_id, version, changed_at, changed_by)
    SELECT coalesce(a.uuid, (SELECT uuid FROM new_uuid)), 'indicator', NEW.id,
        coalesce(a.version, json_object(i.id, 1)), coalesce(a.changed_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        coalesce(a.changed_by, i.id)
    FROM installation i LEFT JOIN applying a ON a.kind = 'indicator';
END;

CREATE TRIGGER indicators_record_update AFTER UPDATE ON indicators
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'indicator')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'indicator' AND local_id = NEW.id;
END;

CREATE TRIGGER indicators_record_update_applied AFTER UPDATE ON indicators
    WHEN EXISTS (SELECT 1 FROM applying WHERE kind = 'indicator')
BEGIN
    UPDATE records SET version = a.version, changed_at = a.changed_at, changed_by = a.changed_by
    FROM (SELECT * FROM applying WHERE kind = 'indicator') a
    WHERE records.kind = 'indicator' AND records.local_id = NEW.id;
END;

CREATE TRIGGER indicators_record_delete AFTER DELETE ON indicators BEGIN
    UPDATE records SET local_id = NULL, deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
        version = CASE WHEN (SELECT uuid FROM applying WHERE kind = 'indicator') = records.uuid
            THEN (SELECT version FROM applying WHERE kind = 'indicator') ELSE json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1) END,
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'indicator' AND local_id = OLD.id;
END;

-- parts: an indicator's values
CREATE TRIGGER indicator_values_record_insert AFTER INSERT ON indicator_values
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'indicator')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'indicator' AND local_id = NEW.indicator_id;
END;

CREATE TRIGGER indicator_values_record_update AFTER UPDATE ON indicator_values
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'indicator')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'indicator' AND local_id = NEW.indicator_id;
END;

CREATE TRIGGER indicator_values_record_delete AFTER DELETE ON indicator_values
    WHEN NOT EXISTS (SELECT 1 FROM applying WHERE kind = 'indicator')
BEGIN
    UPDATE records SET version = json_set(version, '$."' || (SELECT id FROM installation) || '"',
            coalesce(json_extract(version, '$."' || (SELECT id FROM installation) || '"'), 0) + 1),
        changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), changed_by = (SELECT id FROM installation)
    WHERE kind = 'indicator' AND local_id = OLD.indicator_id;
END;

