-- Attendance counted ahead of time, for the statistics page. Counting the
-- attendance rows of a partnership at every look took 100 ms (138 ms at p95)
-- for the largest partnership of the national benchmark dataset: 1,572
-- meetings, 77,350 attendance rows, each joined to its person for gender and
-- organisation. Three tallies, kept exact by the triggers below in the same
-- statement (so the same transaction) as every change to the rows they count:
--
--   attendance_tally              per meeting and organisation of the person
--   attendance_tally_meeting      per meeting: attended people by gender
--   attendance_tally_partnership  per partnership and organisation
--
-- The first follows attendance and people; the other two follow the first.
-- People without an organisation count under organisation_key 0 (NULLs are
-- distinct in a key). A row whose counts all reach zero is deleted, so a row
-- exists exactly when something is counted in it. Headcounts of unregistered
-- people stay on the meeting (meetings.extra_*).
--
-- Attendance must not be written with INSERT OR REPLACE: without
-- recursive_triggers, the rows REPLACE deletes fire no DELETE trigger.

CREATE TABLE attendance_tally (
    meeting_id       INTEGER NOT NULL,
    -- the person's organisation_id, 0 for none
    organisation_key INTEGER NOT NULL,
    -- the meeting's, kept here so that a deleted meeting's rows still know it
    partnership_id   INTEGER NOT NULL,
    -- attendance rows by status
    invited          INTEGER NOT NULL,
    attended         INTEGER NOT NULL,
    absent           INTEGER NOT NULL,
    -- the attended people by gender
    women            INTEGER NOT NULL,
    men              INTEGER NOT NULL,
    other            INTEGER NOT NULL,
    not_stated       INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, organisation_key)
) STRICT, WITHOUT ROWID;

CREATE TABLE attendance_tally_meeting (
    meeting_id       INTEGER PRIMARY KEY,
    women            INTEGER NOT NULL,
    men              INTEGER NOT NULL,
    other            INTEGER NOT NULL,
    not_stated       INTEGER NOT NULL
) STRICT;

CREATE TABLE attendance_tally_partnership (
    partnership_id   INTEGER NOT NULL,
    organisation_key INTEGER NOT NULL,
    invited          INTEGER NOT NULL,
    attended         INTEGER NOT NULL,
    absent           INTEGER NOT NULL,
    -- meetings at which at least one of its people attended
    meetings_attended INTEGER NOT NULL,
    PRIMARY KEY (partnership_id, organisation_key)
) STRICT, WITHOUT ROWID;

-- The counts of the data already there (the triggers come after, so that
-- this fill does not run them row by row).
INSERT INTO attendance_tally (meeting_id, organisation_key, partnership_id, invited, attended,
                              absent, women, men, other, not_stated)
    SELECT a.meeting_id, coalesce(p.organisation_id, 0), m.partnership_id,
           sum(a.status = 'invited'), sum(a.status = 'attended'), sum(a.status = 'absent'),
           sum(a.status = 'attended' AND p.gender = 'woman'),
           sum(a.status = 'attended' AND p.gender = 'man'),
           sum(a.status = 'attended' AND p.gender = 'other'),
           sum(a.status = 'attended' AND p.gender = 'not_stated')
    FROM attendance a
    JOIN people p ON p.id = a.person_id
    JOIN meetings m ON m.id = a.meeting_id
    GROUP BY a.meeting_id, coalesce(p.organisation_id, 0);

INSERT INTO attendance_tally_meeting (meeting_id, women, men, other, not_stated)
    SELECT meeting_id, sum(women), sum(men), sum(other), sum(not_stated)
    FROM attendance_tally
    GROUP BY meeting_id
    HAVING sum(attended) > 0;

INSERT INTO attendance_tally_partnership (partnership_id, organisation_key, invited, attended,
                                          absent, meetings_attended)
    SELECT partnership_id, organisation_key, sum(invited), sum(attended), sum(absent),
           sum(attended > 0)
    FROM attendance_tally
    GROUP BY partnership_id, organisation_key;

-- attendance → attendance_tally. The person's organisation and gender are
-- looked up as they are now: a change to them moves the counts (further down).

CREATE TRIGGER attendance_tally_on_insert AFTER INSERT ON attendance BEGIN
    INSERT INTO attendance_tally (meeting_id, organisation_key, partnership_id, invited,
                                  attended, absent, women, men, other, not_stated)
        SELECT new.meeting_id, coalesce(p.organisation_id, 0), m.partnership_id,
               new.status = 'invited', new.status = 'attended', new.status = 'absent',
               new.status = 'attended' AND p.gender = 'woman',
               new.status = 'attended' AND p.gender = 'man',
               new.status = 'attended' AND p.gender = 'other',
               new.status = 'attended' AND p.gender = 'not_stated'
        FROM people p, meetings m
        WHERE p.id = new.person_id AND m.id = new.meeting_id
        ON CONFLICT (meeting_id, organisation_key) DO UPDATE SET
            invited = invited + excluded.invited,
            attended = attended + excluded.attended,
            absent = absent + excluded.absent,
            women = women + excluded.women,
            men = men + excluded.men,
            other = other + excluded.other,
            not_stated = not_stated + excluded.not_stated;
END;

-- The person must still exist here, which a foreign-key cascade from people
-- does not promise: SQLite deletes the person before it cascades. Hence
-- people_delete_attendance below.
CREATE TRIGGER attendance_tally_on_delete AFTER DELETE ON attendance BEGIN
    UPDATE attendance_tally SET
            invited = invited - (old.status = 'invited'),
            attended = attended - (old.status = 'attended'),
            absent = absent - (old.status = 'absent'),
            women = women - (old.status = 'attended' AND p.gender = 'woman'),
            men = men - (old.status = 'attended' AND p.gender = 'man'),
            other = other - (old.status = 'attended' AND p.gender = 'other'),
            not_stated = not_stated - (old.status = 'attended' AND p.gender = 'not_stated')
        FROM people p
        WHERE p.id = old.person_id
          AND attendance_tally.meeting_id = old.meeting_id
          AND attendance_tally.organisation_key = coalesce(p.organisation_id, 0);
END;

-- A changed status (the upsert of set_attendance), person or meeting: out
-- with the old row's counts, in with the new row's.
CREATE TRIGGER attendance_tally_on_update AFTER UPDATE ON attendance
WHEN old.status IS NOT new.status OR old.person_id IS NOT new.person_id
     OR old.meeting_id IS NOT new.meeting_id
BEGIN
    UPDATE attendance_tally SET
            invited = invited - (old.status = 'invited'),
            attended = attended - (old.status = 'attended'),
            absent = absent - (old.status = 'absent'),
            women = women - (old.status = 'attended' AND p.gender = 'woman'),
            men = men - (old.status = 'attended' AND p.gender = 'man'),
            other = other - (old.status = 'attended' AND p.gender = 'other'),
            not_stated = not_stated - (old.status = 'attended' AND p.gender = 'not_stated')
        FROM people p
        WHERE p.id = old.person_id
          AND attendance_tally.meeting_id = old.meeting_id
          AND attendance_tally.organisation_key = coalesce(p.organisation_id, 0);
    INSERT INTO attendance_tally (meeting_id, organisation_key, partnership_id, invited,
                                  attended, absent, women, men, other, not_stated)
        SELECT new.meeting_id, coalesce(p.organisation_id, 0), m.partnership_id,
               new.status = 'invited', new.status = 'attended', new.status = 'absent',
               new.status = 'attended' AND p.gender = 'woman',
               new.status = 'attended' AND p.gender = 'man',
               new.status = 'attended' AND p.gender = 'other',
               new.status = 'attended' AND p.gender = 'not_stated'
        FROM people p, meetings m
        WHERE p.id = new.person_id AND m.id = new.meeting_id
        ON CONFLICT (meeting_id, organisation_key) DO UPDATE SET
            invited = invited + excluded.invited,
            attended = attended + excluded.attended,
            absent = absent + excluded.absent,
            women = women + excluded.women,
            men = men + excluded.men,
            other = other + excluded.other,
            not_stated = not_stated + excluded.not_stated;
END;

-- people → attendance_tally

-- Deleting a person cascades to their attendance only after the person is
-- gone, too late for attendance_tally_on_delete to find their organisation.
-- Deleting the attendance first, while the person is there, counts it out;
-- the cascade then finds nothing left to delete.
CREATE TRIGGER people_delete_attendance BEFORE DELETE ON people BEGIN
    DELETE FROM attendance WHERE person_id = old.id;
END;

-- A new gender or organisation moves the person's counts at every meeting.
CREATE TRIGGER people_tally_on_update AFTER UPDATE OF gender, organisation_id ON people
WHEN old.gender IS NOT new.gender OR old.organisation_id IS NOT new.organisation_id
BEGIN
    UPDATE attendance_tally SET
            invited = invited - (a.status = 'invited'),
            attended = attended - (a.status = 'attended'),
            absent = absent - (a.status = 'absent'),
            women = women - (a.status = 'attended' AND old.gender = 'woman'),
            men = men - (a.status = 'attended' AND old.gender = 'man'),
            other = other - (a.status = 'attended' AND old.gender = 'other'),
            not_stated = not_stated - (a.status = 'attended' AND old.gender = 'not_stated')
        FROM attendance a
        WHERE a.person_id = old.id
          AND attendance_tally.meeting_id = a.meeting_id
          AND attendance_tally.organisation_key = coalesce(old.organisation_id, 0);
    INSERT INTO attendance_tally (meeting_id, organisation_key, partnership_id, invited,
                                  attended, absent, women, men, other, not_stated)
        SELECT a.meeting_id, coalesce(new.organisation_id, 0), m.partnership_id,
               a.status = 'invited', a.status = 'attended', a.status = 'absent',
               a.status = 'attended' AND new.gender = 'woman',
               a.status = 'attended' AND new.gender = 'man',
               a.status = 'attended' AND new.gender = 'other',
               a.status = 'attended' AND new.gender = 'not_stated'
        FROM attendance a, meetings m
        WHERE a.person_id = new.id AND m.id = a.meeting_id
        ON CONFLICT (meeting_id, organisation_key) DO UPDATE SET
            invited = invited + excluded.invited,
            attended = attended + excluded.attended,
            absent = absent + excluded.absent,
            women = women + excluded.women,
            men = men + excluded.men,
            other = other + excluded.other,
            not_stated = not_stated + excluded.not_stated;
END;

-- meetings → attendance_tally: a meeting moved to another partnership takes
-- its counts along (the app does not move meetings; this keeps the tally
-- exact if anything ever does).
CREATE TRIGGER meetings_tally_on_move AFTER UPDATE OF partnership_id ON meetings
WHEN old.partnership_id IS NOT new.partnership_id
BEGIN
    UPDATE attendance_tally SET partnership_id = new.partnership_id WHERE meeting_id = new.id;
END;

-- attendance_tally → attendance_tally_meeting and attendance_tally_partnership.
-- Only ever the counts change (and partnership_id, when a meeting moves), so
-- each change adds its difference; a row that reaches zero is deleted.

CREATE TRIGGER attendance_tally_after_insert AFTER INSERT ON attendance_tally BEGIN
    INSERT INTO attendance_tally_meeting (meeting_id, women, men, other, not_stated)
        SELECT new.meeting_id, new.women, new.men, new.other, new.not_stated
        WHERE new.attended > 0
        ON CONFLICT (meeting_id) DO UPDATE SET
            women = women + excluded.women,
            men = men + excluded.men,
            other = other + excluded.other,
            not_stated = not_stated + excluded.not_stated;
    INSERT INTO attendance_tally_partnership (partnership_id, organisation_key, invited,
                                              attended, absent, meetings_attended)
        VALUES (new.partnership_id, new.organisation_key, new.invited, new.attended,
                new.absent, new.attended > 0)
        ON CONFLICT (partnership_id, organisation_key) DO UPDATE SET
            invited = invited + excluded.invited,
            attended = attended + excluded.attended,
            absent = absent + excluded.absent,
            meetings_attended = meetings_attended + excluded.meetings_attended;
END;

CREATE TRIGGER attendance_tally_after_update AFTER UPDATE ON attendance_tally BEGIN
    INSERT INTO attendance_tally_meeting (meeting_id, women, men, other, not_stated)
        SELECT new.meeting_id, new.women - old.women, new.men - old.men,
               new.other - old.other, new.not_stated - old.not_stated
        WHERE (new.women, new.men, new.other, new.not_stated)
              IS NOT (old.women, old.men, old.other, old.not_stated)
        ON CONFLICT (meeting_id) DO UPDATE SET
            women = women + excluded.women,
            men = men + excluded.men,
            other = other + excluded.other,
            not_stated = not_stated + excluded.not_stated;
    DELETE FROM attendance_tally_meeting
        WHERE meeting_id = new.meeting_id
          AND women = 0 AND men = 0 AND other = 0 AND not_stated = 0;
    UPDATE attendance_tally_partnership SET
            invited = invited - old.invited,
            attended = attended - old.attended,
            absent = absent - old.absent,
            meetings_attended = meetings_attended - (old.attended > 0)
        WHERE partnership_id = old.partnership_id AND organisation_key = old.organisation_key;
    INSERT INTO attendance_tally_partnership (partnership_id, organisation_key, invited,
                                              attended, absent, meetings_attended)
        VALUES (new.partnership_id, new.organisation_key, new.invited, new.attended,
                new.absent, new.attended > 0)
        ON CONFLICT (partnership_id, organisation_key) DO UPDATE SET
            invited = invited + excluded.invited,
            attended = attended + excluded.attended,
            absent = absent + excluded.absent,
            meetings_attended = meetings_attended + excluded.meetings_attended;
    DELETE FROM attendance_tally_partnership
        WHERE partnership_id = old.partnership_id AND organisation_key = old.organisation_key
          AND invited = 0 AND attended = 0 AND absent = 0;
    -- last, so that the lines above have counted the change: a row of zeros
    -- goes (and attendance_tally_after_delete then subtracts nothing)
    DELETE FROM attendance_tally
        WHERE meeting_id = new.meeting_id AND organisation_key = new.organisation_key
          AND invited = 0 AND attended = 0 AND absent = 0;
END;

CREATE TRIGGER attendance_tally_after_delete AFTER DELETE ON attendance_tally BEGIN
    UPDATE attendance_tally_meeting SET
            women = women - old.women,
            men = men - old.men,
            other = other - old.other,
            not_stated = not_stated - old.not_stated
        WHERE meeting_id = old.meeting_id;
    DELETE FROM attendance_tally_meeting
        WHERE meeting_id = old.meeting_id
          AND women = 0 AND men = 0 AND other = 0 AND not_stated = 0;
    UPDATE attendance_tally_partnership SET
            invited = invited - old.invited,
            attended = attended - old.attended,
            absent = absent - old.absent,
            meetings_attended = meetings_attended - (old.attended > 0)
        WHERE partnership_id = old.partnership_id AND organisation_key = old.organisation_key;
    DELETE FROM attendance_tally_partnership
        WHERE partnership_id = old.partnership_id AND organisation_key = old.organisation_key
          AND invited = 0 AND attended = 0 AND absent = 0;
END;
