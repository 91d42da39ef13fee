-- Meetings of a partnership and the improvement work that runs between them.

CREATE TABLE meetings (
    id              INTEGER PRIMARY KEY,
    partnership_id  INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    kind            TEXT NOT NULL CHECK (kind IN ('startup', 'learning', 'results_conference',
                        'coordinator', 'strategist', 'study_visit', 'mentor_session',
                        'workshop', 'other')),
    -- learning meeting 1, 2, 3 … within the partnership
    number          INTEGER CHECK (number IS NULL OR number >= 1),
    title           TEXT NOT NULL DEFAULT '',
    date            TEXT NOT NULL CHECK (date(date) = date),
    start_time      TEXT CHECK (start_time IS NULL OR time(start_time) = start_time || ':00'),
    end_time        TEXT CHECK (end_time IS NULL OR time(end_time) = end_time || ':00'),
    venue_name      TEXT NOT NULL DEFAULT '',
    venue_address   TEXT NOT NULL DEFAULT '',
    -- the venue's accessibility: 1 yes, 0 no, NULL not checked
    step_free_entrance INTEGER CHECK (step_free_entrance IN (0, 1)),
    no_thresholds   INTEGER CHECK (no_thresholds IN (0, 1)),
    lift            INTEGER CHECK (lift IN (0, 1)),
    accessible_toilet INTEGER CHECK (accessible_toilet IN (0, 1)),
    hearing_loop    INTEGER CHECK (hearing_loop IN (0, 1)),
    accessible_seating INTEGER CHECK (accessible_seating IN (0, 1)),
    accessibility_notes TEXT NOT NULL DEFAULT '',
    host_organisation_id INTEGER REFERENCES organisations (id) ON DELETE SET NULL,
    -- study visits: what was studied and what was learned
    studied         TEXT NOT NULL DEFAULT '',
    learned         TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT '',
    -- the three questions of development reflection
    reflection_best    TEXT NOT NULL DEFAULT '',
    reflection_learn   TEXT NOT NULL DEFAULT '',
    reflection_develop TEXT NOT NULL DEFAULT '',
    -- people who came but are not registered, counted by gender
    extra_women     INTEGER NOT NULL DEFAULT 0 CHECK (extra_women >= 0),
    extra_men       INTEGER NOT NULL DEFAULT 0 CHECK (extra_men >= 0),
    extra_other     INTEGER NOT NULL DEFAULT 0 CHECK (extra_other >= 0),
    extra_not_stated INTEGER NOT NULL DEFAULT 0 CHECK (extra_not_stated >= 0),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK (start_time IS NULL OR end_time IS NULL OR end_time >= start_time)
) STRICT;

CREATE INDEX meetings_partnership ON meetings (partnership_id, date, start_time);
CREATE UNIQUE INDEX meetings_number ON meetings (partnership_id, kind, number)
    WHERE number IS NOT NULL;

-- organisations visiting on a study visit (the host is on the meeting)
CREATE TABLE meeting_visitors (
    meeting_id      INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    PRIMARY KEY (meeting_id, organisation_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE agenda_items (
    id              INTEGER PRIMARY KEY,
    meeting_id      INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    title           TEXT NOT NULL,
    presenter_organisation_id INTEGER REFERENCES organisations (id) ON DELETE SET NULL,
    presenter_person_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
    notes           TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id, position);

CREATE TABLE attendance (
    meeting_id      INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    person_id       INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    status          TEXT NOT NULL CHECK (status IN ('invited', 'attended', 'absent')),
    PRIMARY KEY (meeting_id, person_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX attendance_person ON attendance (person_id);

CREATE TABLE decisions (
    id              INTEGER PRIMARY KEY,
    meeting_id      INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    text            TEXT NOT NULL
) STRICT;

CREATE INDEX decisions_meeting ON decisions (meeting_id, position);

CREATE TABLE good_examples (
    id              INTEGER PRIMARY KEY,
    meeting_id      INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    title           TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    organisation_id INTEGER REFERENCES organisations (id) ON DELETE SET NULL,
    -- comma-separated tags
    tags            TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX good_examples_meeting ON good_examples (meeting_id, position);

-- Improvement work an organisation promised at a meeting.
CREATE TABLE actions (
    id              INTEGER PRIMARY KEY,
    partnership_id  INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    meeting_id      INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    organisation_id INTEGER REFERENCES organisations (id) ON DELETE SET NULL,
    description     TEXT NOT NULL,
    responsible_person_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
    due_date        TEXT CHECK (due_date IS NULL OR date(due_date) = due_date),
    -- the status it was agreed with, and the status now: that of its latest
    -- follow-up (in action_followups), or the agreed one
    agreed_status   TEXT NOT NULL CHECK (agreed_status IN ('planned', 'ongoing', 'done', 'dropped')),
    status          TEXT NOT NULL CHECK (status IN ('planned', 'ongoing', 'done', 'dropped')),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;

CREATE INDEX actions_partnership ON actions (partnership_id, status);
CREATE INDEX actions_meeting ON actions (meeting_id);
CREATE INDEX actions_organisation ON actions (organisation_id);

-- What a later meeting recorded about an action.
CREATE TABLE action_followups (
    action_id       INTEGER NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
    meeting_id      INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    status          TEXT NOT NULL CHECK (status IN ('planned', 'ongoing', 'done', 'dropped')),
    note            TEXT NOT NULL DEFAULT '',
    recorded_at     TEXT NOT NULL,
    PRIMARY KEY (action_id, meeting_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX action_followups_meeting ON action_followups (meeting_id);

-- Full-text search over what was said and decided. unicode61 without
-- diacritics removal keeps å, ä and ö letters of their own: får is not far.
CREATE VIRTUAL TABLE search_index USING fts5(
    text,
    meeting_id UNINDEXED,
    source UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 0'
);
