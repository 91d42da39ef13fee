-- The shared workspace's schema on the PostgreSQL server (issue #20).
-- Forward-only, like the app's own migrations: applied by the first
-- administrator's app or by `samlar-server-migrate`, never edited once landed.
--
-- The server holds each record once, in its travelling form (the same JSON
-- as an exchange package), with the version vector that decides merges.
-- Every write takes a number from one sequence, under one lock, so that
-- numbers are committed in order: a client that has applied everything up
-- to number n has missed nothing below it, whatever its clock says.
--
-- Who sees what is row-level security: a role sees the records of the
-- scopes (partnerships and mentor pairings) it has been granted. A scope
-- lists its records; a record a mentor sees only as context (the round's
-- name, a coming meeting's time and place) is a projection kept in the
-- scope's row, so the mentor's role cannot read the rest of it.

-- Roles are made by the server's operator (see the README): every person's
-- login role is a member of samlar_member.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'samlar_member') THEN
        CREATE ROLE samlar_member NOLOGIN;
    END IF;
END
$$;

CREATE SCHEMA samlar;
GRANT USAGE ON SCHEMA samlar TO samlar_member;

-- This workspace: one row, made when the first database is pushed.
CREATE TABLE samlar.workspace (
    id          uuid PRIMARY KEY,
    name        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    singleton   boolean NOT NULL DEFAULT true UNIQUE CHECK (singleton)
);

-- The order of every change. Only taken under samlar.change_lock().
CREATE SEQUENCE samlar.change_seq;

-- The people of the workspace, by their login role.
CREATE TABLE samlar.members (
    role            name PRIMARY KEY,
    administrator   boolean NOT NULL DEFAULT false,
    -- may see people's accessibility needs in the scopes granted
    sensitive       boolean NOT NULL DEFAULT false
);

-- A partnership, or a pairing (a mentor's scope) within one.
CREATE TABLE samlar.scopes (
    scope       uuid PRIMARY KEY,
    kind        text NOT NULL CHECK (kind IN ('partnership', 'pairing')),
    partnership uuid NOT NULL,
    label       text NOT NULL DEFAULT '',
    CHECK (kind = 'pairing' OR scope = partnership)
);
CREATE INDEX scopes_partnership ON samlar.scopes (partnership);

-- A role may see a scope: a coordinator's partnership (and its pairings),
-- a mentor's pairing. seq: when it was granted, for the role's next pull.
CREATE TABLE samlar.grants (
    role    name NOT NULL,
    scope   uuid NOT NULL REFERENCES samlar.scopes ON DELETE CASCADE,
    seq     bigint NOT NULL,
    PRIMARY KEY (role, scope)
);

-- Every record, whole (people's accessibility needs aside).
CREATE TABLE samlar.records (
    uuid        uuid PRIMARY KEY,
    kind        text NOT NULL,
    seq         bigint NOT NULL,
    version     jsonb NOT NULL,
    deleted     boolean NOT NULL DEFAULT false,
    -- the record's travelling JSON (a tombstone's when deleted)
    body        jsonb NOT NULL,
    pushed_by   name NOT NULL DEFAULT session_user
);
CREATE INDEX records_seq ON samlar.records (seq);

-- What a scope holds: the record whole (projection NULL) or only the
-- fields a mentor package carries of it (projection).
CREATE TABLE samlar.scope_records (
    scope       uuid NOT NULL REFERENCES samlar.scopes ON DELETE CASCADE,
    uuid        uuid NOT NULL REFERENCES samlar.records,
    seq         bigint NOT NULL,
    projection  jsonb,
    PRIMARY KEY (scope, uuid)
);
CREATE INDEX scope_records_uuid ON samlar.scope_records (uuid);
CREATE INDEX scope_records_seq ON samlar.scope_records (seq) WHERE projection IS NOT NULL;

-- People's accessibility needs (exchange's SENSITIVE fields), apart.
CREATE TABLE samlar.sensitive_fields (
    uuid    uuid PRIMARY KEY REFERENCES samlar.records,
    seq     bigint NOT NULL,
    fields  jsonb NOT NULL
);
CREATE INDEX sensitive_fields_seq ON samlar.sensitive_fields (seq);

-- Helpers for the policies. SECURITY DEFINER so that a policy can read
-- members and grants without their own policies turning on themselves.
-- Inside them current_user is their owner: the person is session_user,
-- the role that logged in (which SET ROLE cannot change).
CREATE FUNCTION samlar.is_administrator() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, samlar AS $$
    SELECT coalesce((SELECT administrator FROM samlar.members WHERE role = session_user), false)
        OR session_user = (SELECT nspowner::regrole::name FROM pg_namespace WHERE nspname = 'samlar')
$$;

CREATE FUNCTION samlar.visible_scopes() RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, samlar AS $$
    SELECT s.scope FROM samlar.scopes s
    WHERE samlar.is_administrator()
       OR EXISTS (SELECT 1 FROM samlar.grants g WHERE g.role = session_user
                  AND (g.scope = s.scope OR g.scope = s.partnership))
$$;

CREATE FUNCTION samlar.may_see_sensitive() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, samlar AS $$
    SELECT samlar.is_administrator()
        OR coalesce((SELECT sensitive FROM samlar.members WHERE role = session_user), false)
$$;

-- A record's current version and whether this role may see it whole, for
-- a push deciding what to write (a record in no visible scope is not
-- this role's to change).
CREATE FUNCTION samlar.versions(uuids uuid[])
    RETURNS TABLE (uuid uuid, version jsonb, visible boolean)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, samlar AS $$
    SELECT r.uuid, r.version, samlar.is_administrator() OR EXISTS (
        SELECT 1 FROM samlar.scope_records sr WHERE sr.uuid = r.uuid AND sr.projection IS NULL
          AND sr.scope IN (SELECT samlar.visible_scopes()))
    FROM samlar.records r WHERE r.uuid = ANY (uuids)
$$;

-- Every writer takes this lock before its first number and keeps it until
-- it commits: numbers are then committed in the order they were taken.
CREATE FUNCTION samlar.change_lock() RETURNS void
    LANGUAGE sql VOLATILE AS $$ SELECT pg_advisory_xact_lock(2020202020) $$;

ALTER TABLE samlar.workspace ENABLE ROW LEVEL SECURITY;
ALTER TABLE samlar.members ENABLE ROW LEVEL SECURITY;
ALTER TABLE samlar.scopes ENABLE ROW LEVEL SECURITY;
ALTER TABLE samlar.grants ENABLE ROW LEVEL SECURITY;
ALTER TABLE samlar.records ENABLE ROW LEVEL SECURITY;
ALTER TABLE samlar.scope_records ENABLE ROW LEVEL SECURITY;
ALTER TABLE samlar.sensitive_fields ENABLE ROW LEVEL SECURITY;

CREATE POLICY read ON samlar.workspace FOR SELECT USING (true);
CREATE POLICY administer ON samlar.workspace FOR ALL
    USING (samlar.is_administrator()) WITH CHECK (samlar.is_administrator());

CREATE POLICY own ON samlar.members FOR SELECT USING (role = session_user);
CREATE POLICY administer ON samlar.members FOR ALL
    USING (samlar.is_administrator()) WITH CHECK (samlar.is_administrator());

CREATE POLICY visible ON samlar.scopes FOR SELECT
    USING (scope IN (SELECT samlar.visible_scopes()));
-- A coordinator adds the pairings of a partnership granted to them.
CREATE POLICY add_pairing ON samlar.scopes FOR INSERT
    WITH CHECK (samlar.is_administrator() OR (kind = 'pairing' AND EXISTS (
        SELECT 1 FROM samlar.grants g WHERE g.role = session_user AND g.scope = partnership)));
CREATE POLICY administer ON samlar.scopes FOR ALL
    USING (samlar.is_administrator()) WITH CHECK (samlar.is_administrator());

CREATE POLICY own ON samlar.grants FOR SELECT USING (role = session_user);
CREATE POLICY administer ON samlar.grants FOR ALL
    USING (samlar.is_administrator()) WITH CHECK (samlar.is_administrator());

CREATE POLICY visible ON samlar.records FOR SELECT USING (
    samlar.is_administrator() OR EXISTS (
        SELECT 1 FROM samlar.scope_records sr WHERE sr.uuid = records.uuid
          AND sr.projection IS NULL AND sr.scope IN (SELECT samlar.visible_scopes())));
-- Any member adds a new record; only one it sees whole does it change.
CREATE POLICY add ON samlar.records FOR INSERT WITH CHECK (true);
CREATE POLICY change ON samlar.records FOR UPDATE USING (
    samlar.is_administrator() OR EXISTS (
        SELECT 1 FROM samlar.scope_records sr WHERE sr.uuid = records.uuid
          AND sr.projection IS NULL AND sr.scope IN (SELECT samlar.visible_scopes())))
    WITH CHECK (true);

CREATE POLICY visible ON samlar.scope_records FOR ALL
    USING (scope IN (SELECT samlar.visible_scopes()))
    WITH CHECK (scope IN (SELECT samlar.visible_scopes()));

CREATE POLICY visible ON samlar.sensitive_fields FOR SELECT USING (
    samlar.may_see_sensitive() AND (samlar.is_administrator() OR EXISTS (
        SELECT 1 FROM samlar.scope_records sr WHERE sr.uuid = sensitive_fields.uuid
          AND sr.projection IS NULL AND sr.scope IN (SELECT samlar.visible_scopes()))));
CREATE POLICY add ON samlar.sensitive_fields FOR INSERT WITH CHECK (samlar.may_see_sensitive());
CREATE POLICY change ON samlar.sensitive_fields FOR UPDATE
    USING (samlar.may_see_sensitive()) WITH CHECK (samlar.may_see_sensitive());
-- Whoever deletes a record (a person erased) takes their needs with it.
CREATE POLICY forget ON samlar.sensitive_fields FOR DELETE USING (EXISTS (
    SELECT 1 FROM samlar.records r WHERE r.uuid = sensitive_fields.uuid AND r.deleted));

GRANT SELECT ON ALL TABLES IN SCHEMA samlar TO samlar_member;
GRANT INSERT, UPDATE ON samlar.records TO samlar_member;
GRANT INSERT, UPDATE, DELETE ON samlar.sensitive_fields TO samlar_member;
GRANT INSERT, UPDATE, DELETE ON samlar.scope_records TO samlar_member;
GRANT INSERT ON samlar.scopes TO samlar_member;
GRANT USAGE, SELECT ON SEQUENCE samlar.change_seq TO samlar_member;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA samlar TO samlar_member;
-- Administering is done by members marked administrator (the policies say so).
GRANT INSERT, UPDATE, DELETE ON samlar.workspace, samlar.members, samlar.grants TO samlar_member;
GRANT UPDATE, DELETE ON samlar.scopes TO samlar_member;
-- Every member's app checks that the server's schema is not newer than it.
GRANT SELECT ON _sqlx_migrations TO samlar_member;
