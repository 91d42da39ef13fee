-- Mentor pairings in model-municipality rounds: a mentor organisation that
-- completed an earlier round supports one to three participants; completed
-- participants become mentors in later rounds, so pairings form a lineage.

-- the date a participant completed the round (set for role 'participant')
ALTER TABLE memberships ADD COLUMN completed_on TEXT
    CHECK (completed_on IS NULL OR date(completed_on) = completed_on);
-- how many participants a mentor takes on in the round; NULL means the default, 3
ALTER TABLE memberships ADD COLUMN mentor_capacity INTEGER
    CHECK (mentor_capacity IS NULL OR mentor_capacity BETWEEN 1 AND 20);

CREATE TABLE pairings (
    id              INTEGER PRIMARY KEY,
    partnership_id  INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    mentor_organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
    start_date      TEXT CHECK (start_date IS NULL OR date(start_date) = start_date),
    end_date        TEXT CHECK (end_date IS NULL OR date(end_date) = end_date),
    status          TEXT NOT NULL DEFAULT 'active'
                        CHECK (status IN ('active', 'completed', 'ended_early')),
    -- why a pairing ended early; empty otherwise
    end_reason      TEXT NOT NULL DEFAULT '' CHECK (length(end_reason) <= 10000),
    notes           TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 100000),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK (status = 'ended_early' OR end_reason = ''),
    CHECK (start_date IS NULL OR end_date IS NULL OR end_date >= start_date)
) STRICT;

CREATE INDEX pairings_partnership ON pairings (partnership_id, status);
CREATE INDEX pairings_mentor ON pairings (mentor_organisation_id);

CREATE TABLE pairing_participants (
    pairing_id      INTEGER NOT NULL REFERENCES pairings (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
    position        INTEGER NOT NULL,
    PRIMARY KEY (pairing_id, organisation_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX pairing_participants_organisation ON pairing_participants (organisation_id);

-- the contact people on each side of a pairing
CREATE TABLE pairing_contacts (
    pairing_id      INTEGER NOT NULL REFERENCES pairings (id) ON DELETE CASCADE,
    person_id       INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    side            TEXT NOT NULL CHECK (side IN ('mentor', 'participant')),
    PRIMARY KEY (pairing_id, person_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX pairing_contacts_person ON pairing_contacts (person_id);

-- a mentor session belongs to a pairing; a pairing with sessions cannot be deleted
ALTER TABLE meetings ADD COLUMN pairing_id INTEGER REFERENCES pairings (id) ON DELETE RESTRICT;

CREATE INDEX meetings_pairing ON meetings (pairing_id) WHERE pairing_id IS NOT NULL;
