-- Agenda templates and attachments (issue #18, items 5 and 6). Written once;
-- like every migration, never edited after it has landed.
--
-- Both are LOCAL to this installation: they do not travel in exchange
-- packages (src/exchange/spec.rs does not list them, and no trigger here
-- counts a change to them as a change of a record). A template is a
-- coordinator's own way of working; an attachment is a file in this
-- computer's data folder, which a package does not carry.

-- An agenda template: for a partnership, for a kind of meeting, for both
-- (the best match) or for neither (any meeting). A new meeting is offered
-- the template of its partnership and kind first, then of its kind, then of
-- its partnership (meetings::agenda_template).
CREATE TABLE agenda_templates (
    id              INTEGER PRIMARY KEY,
    partnership_id  INTEGER REFERENCES partnerships (id) ON DELETE CASCADE,
    meeting_kind    TEXT CHECK (meeting_kind IS NULL OR meeting_kind IN ('startup', 'learning',
                        'results_conference', 'coordinator', 'strategist', 'study_visit',
                        'mentor_session', 'workshop', 'other')),
    name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;

CREATE INDEX agenda_templates_partnership ON agenda_templates (partnership_id)
    WHERE partnership_id IS NOT NULL;

-- A template's items in order: a title and notes, as on a meeting's agenda
-- (no presenters: those are people of one meeting).
CREATE TABLE agenda_template_items (
    template_id     INTEGER NOT NULL REFERENCES agenda_templates (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL CHECK (position >= 0),
    title           TEXT NOT NULL,
    notes           TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (template_id, position)
) STRICT, WITHOUT ROWID;

-- A file attached to a meeting, or to one of its agenda items. The file is
-- kept in the data folder's `bilagor/` under a content-addressed name
-- (stored_name: the SHA-256 of its bytes in hex, and its extension), so
-- that the same file attached twice is kept once; it is deleted when no row
-- names it any more. file_name is the name it had, shown to the user.
--
-- An agenda item has no stable id: saving the agenda (set_agenda) deletes
-- its rows and inserts them again. So an attachment names its item by
-- position, with the item's title as it was: after every save of the agenda
-- it follows its item's old title to its new position, or stays at its
-- position when the title there was edited (a title the old agenda did not
-- have); when neither, it belongs to the meeting
-- (meetings::attachment::follow_agenda).
--
-- Attachments are not linked to people: erasing a person leaves them as
-- they are (a file's content is the coordinator's to remove).
CREATE TABLE attachments (
    id              INTEGER PRIMARY KEY,
    meeting_id      INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    agenda_position INTEGER CHECK (agenda_position IS NULL OR agenda_position >= 0),
    agenda_title    TEXT,
    file_name       TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    stored_name     TEXT NOT NULL CHECK (length(stored_name) BETWEEN 64 AND 80),
    size_bytes      INTEGER NOT NULL CHECK (size_bytes >= 0),
    added_at        TEXT NOT NULL,
    CHECK ((agenda_position IS NULL) = (agenda_title IS NULL))
) STRICT;

CREATE INDEX attachments_meeting ON attachments (meeting_id, agenda_position);
CREATE INDEX attachments_stored ON attachments (stored_name);

-- The agenda as it was before a save, for `follow_agenda` in the same
-- transaction (which reads and empties it). Kept only for meetings with
-- attachments on agenda items; empty between transactions.
CREATE TABLE agenda_items_replaced (
    meeting_id      INTEGER NOT NULL,
    position        INTEGER NOT NULL,
    title           TEXT NOT NULL,
    PRIMARY KEY (meeting_id, position)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER agenda_items_replaced_keep AFTER DELETE ON agenda_items
    WHEN EXISTS (SELECT 1 FROM attachments
                 WHERE meeting_id = OLD.meeting_id AND agenda_position IS NOT NULL)
BEGIN
    INSERT OR REPLACE INTO agenda_items_replaced (meeting_id, position, title)
        VALUES (OLD.meeting_id, OLD.position, OLD.title);
END;

-- The attachment files inside a backup. Always empty in the user's database:
-- a backup (store::backup) copies the database and then puts every attached
-- file into this table of the copy, so that a backup stays one whole file
-- that can be moved and restored on its own; a restore (store::restore)
-- writes the files back into `bilagor/` and empties the table again.
CREATE TABLE backup_files (
    stored_name     TEXT PRIMARY KEY,
    content         BLOB NOT NULL
) STRICT;
