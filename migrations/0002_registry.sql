-- The registry: organisations, their memberships of partnerships, the people
-- in them, and the partnership's charter.

CREATE TABLE organisations (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
    name_key    TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('municipality', 'region', 'county_council',
                    'university', 'authority', 'union', 'association', 'company', 'other')),
    -- official four-digit municipality or region code (SCB, Kolada), e.g. 2482
    code        TEXT UNIQUE CHECK (code IS NULL OR (length(code) = 4 AND code NOT GLOB '*[^0-9]*')),
    county      TEXT NOT NULL DEFAULT '',
    employees   INTEGER CHECK (employees IS NULL OR employees >= 0),
    archived_at TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE INDEX organisations_name ON organisations (name_key);

CREATE TABLE people (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
    name_key        TEXT NOT NULL,
    organisation_id INTEGER REFERENCES organisations (id) ON DELETE RESTRICT,
    title           TEXT NOT NULL DEFAULT '',
    level           TEXT CHECK (level IS NULL OR level IN ('politician', 'senior_manager',
                        'strategist', 'operational')),
    email           TEXT,
    -- lower-cased e-mail: one person per address
    email_key       TEXT UNIQUE,
    phone           TEXT NOT NULL DEFAULT '',
    -- for statistics only
    gender          TEXT NOT NULL DEFAULT 'not_stated'
                        CHECK (gender IN ('woman', 'man', 'other', 'not_stated')),
    has_mandate     INTEGER NOT NULL DEFAULT 0 CHECK (has_mandate IN (0, 1)),
    -- sensitive: kept out of lists and exports unless asked for
    accessibility_needs TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;

CREATE INDEX people_name ON people (name_key);
CREATE INDEX people_organisation ON people (organisation_id);

-- Competences as tags: 'gender_equality' and 'quality_development' are the
-- ones the model-municipality concept asks for; any other text is free.
CREATE TABLE person_competences (
    person_id  INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    competence TEXT NOT NULL CHECK (length(trim(competence)) BETWEEN 1 AND 100),
    PRIMARY KEY (person_id, competence)
) STRICT, WITHOUT ROWID;

CREATE TABLE memberships (
    id              INTEGER PRIMARY KEY,
    partnership_id  INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
    role            TEXT NOT NULL CHECK (role IN ('project_owner', 'participant',
                        'cooperation_partner', 'mentor', 'transnational_partner')),
    -- for transnational partners
    country         TEXT NOT NULL DEFAULT '',
    network_level   TEXT NOT NULL DEFAULT 'whole'
                        CHECK (network_level IN ('whole', 'cluster', 'internal')),
    cluster         TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    UNIQUE (partnership_id, organisation_id, role),
    CHECK (network_level = 'cluster' OR cluster = '')
) STRICT;

CREATE INDEX memberships_organisation ON memberships (organisation_id);

-- The partnership's charter.
ALTER TABLE partnerships ADD COLUMN shared_problem TEXT NOT NULL DEFAULT ''
    CHECK (length(shared_problem) <= 10000);
ALTER TABLE partnerships ADD COLUMN delimitation TEXT NOT NULL DEFAULT ''
    CHECK (length(delimitation) <= 10000);
ALTER TABLE partnerships ADD COLUMN phase TEXT NOT NULL DEFAULT 'planning'
    CHECK (phase IN ('planning', 'mobilisation', 'implementation', 'closed'));
ALTER TABLE partnerships ADD COLUMN project_owner_id INTEGER
    REFERENCES organisations (id) ON DELETE SET NULL;
ALTER TABLE partnerships ADD COLUMN contact_person_id INTEGER
    REFERENCES people (id) ON DELETE SET NULL;
ALTER TABLE partnerships ADD COLUMN funding_source TEXT NOT NULL DEFAULT '';
ALTER TABLE partnerships ADD COLUMN budget_sek INTEGER CHECK (budget_sek IS NULL OR budget_sek >= 0);
ALTER TABLE partnerships ADD COLUMN region TEXT NOT NULL DEFAULT '';
-- notes on the success factors the seeds name
ALTER TABLE partnerships ADD COLUMN mandate_notes TEXT NOT NULL DEFAULT '';
ALTER TABLE partnerships ADD COLUMN power_balance_notes TEXT NOT NULL DEFAULT '';
ALTER TABLE partnerships ADD COLUMN missing_partners_notes TEXT NOT NULL DEFAULT '';
ALTER TABLE partnerships ADD COLUMN carry_home_notes TEXT NOT NULL DEFAULT '';

CREATE TABLE partnership_goals (
    partnership_id  INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    goal            TEXT NOT NULL CHECK (length(trim(goal)) BETWEEN 1 AND 2000),
    expected_effect TEXT NOT NULL DEFAULT '' CHECK (length(expected_effect) <= 2000),
    PRIMARY KEY (partnership_id, position)
) STRICT, WITHOUT ROWID;
