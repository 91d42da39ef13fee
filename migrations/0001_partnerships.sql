-- Partnerships: the learning partnerships a coordinator keeps a record of.
-- Dates are ISO 8601 text (YYYY-MM-DD); timestamps are RFC 3339 text in UTC.
CREATE TABLE partnerships (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
    -- lower-cased name (Unicode-aware, done in Rust) for search and uniqueness:
    -- SQLite's own NOCASE and LIKE fold only ASCII, not å, ä, ö.
    name_key    TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL CHECK (kind IN ('benchlearning', 'model_municipality_round',
                    'development_partnership', 'community_of_practice', 'other')),
    purpose     TEXT NOT NULL DEFAULT '' CHECK (length(purpose) <= 10000),
    start_date  TEXT CHECK (start_date IS NULL OR date(start_date) = start_date),
    end_date    TEXT CHECK (end_date IS NULL OR date(end_date) = end_date),
    archived_at TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    CHECK (start_date IS NULL OR end_date IS NULL OR end_date >= start_date)
) STRICT;

CREATE INDEX partnerships_newest ON partnerships (created_at DESC, id DESC);

-- Settings of this installation (for now: the interface language).
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
