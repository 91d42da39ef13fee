//! Every bound on what a command accepts, in one place, so that no input
//! (a pasted novel, a list of a million rows, a number at the edge of `i64`)
//! can fill the database, hold the write lock for minutes or make a command
//! slower than linear. The validators of every room take their limits from
//! here, and each refusal is a typed error naming the field:
//! `text_too_long`, `name_too_long` and `too_many` for lengths and counts,
//! `invalid_number` for numbers out of range, `file_too_large` for files.
//!
//! `TABLE` lists every limit with its field and code; `docs/limits.md` is
//! that table for people, and `tests/core/limits.rs` fails when the two
//! differ (`SAMLAR_WRITE_LIMITS=1 cargo test --test core limits` rewrites
//! the file). Lengths count characters (Unicode scalar values) unless the
//! name says bytes. A list's limit counts the entries as sent, before empty
//! ones are dropped.
//!
//! Values with a shape of their own (dates, times, municipality codes,
//! enums, ids) need no length limit: anything but the shape is refused in
//! one linear pass. An id that does not exist is `not_found` or
//! `unknown_…`, whatever its value.

use super::error::ErrorCode;

/// A name (partnership, organisation, person): `name_too_long`.
pub const NAME_MAX_CHARS: usize = 200;
/// A free text (notes, purpose, decision, description …): `text_too_long`.
pub const TEXT_MAX_CHARS: usize = 10_000;
/// A one-line text (title, county, phone, region …): `text_too_long`.
pub const SHORT_TEXT_MAX_CHARS: usize = 200;
/// A web link: `invalid_link`.
pub const LINK_MAX_CHARS: usize = 2000;
/// An e-mail address (RFC 5321's path limit): `invalid_email`.
pub const EMAIL_MAX_BYTES: usize = 254;
/// An agenda item's or a good example's title.
pub const TITLE_MAX_CHARS: usize = 500;
/// A goal of a partnership, and its expected effect.
pub const GOAL_MAX_CHARS: usize = 2000;
/// A person's accessibility needs.
pub const ACCESSIBILITY_NEEDS_MAX_CHARS: usize = 2000;
/// One competence of a person.
pub const COMPETENCE_MAX_CHARS: usize = 100;
/// One tag of a good example.
pub const TAG_MAX_CHARS: usize = 100;
/// A pairing's notes.
pub const PAIRING_NOTES_MAX_CHARS: usize = 100_000;
/// This installation's name, as others see it in packages: `name_too_long`.
pub const INSTALLATION_NAME_MAX_CHARS: usize = 100;
/// A shared workspace's server: its host, database and user names.
pub const SERVER_NAME_MAX_CHARS: usize = 255;
/// The password of a shared workspace, as typed.
pub const SERVER_PASSWORD_MAX_CHARS: usize = 1000;
/// What is typed into a search box (full-text search and the lists).
pub const SEARCH_MAX_CHARS: usize = 200;
/// The path of a database file to restore, in bytes.
pub const PATH_MAX_BYTES: usize = 4096;
/// A record's UUID and a field's name in a conflict's choice.
pub const CHOICE_TEXT_MAX_CHARS: usize = 100;

/// Rows of one page of a list (people, organisations, meetings):
/// `invalid_number` outside 1 …; a page of 500 people is about 130 KB.
pub const PAGE_MAX_ROWS: usize = 500;
/// A text of a list's cursor (a sort key: a name, a county, a date).
pub const CURSOR_TEXT_MAX_CHARS: usize = 1000;

/// Goals of a partnership: `too_many`.
pub const MAX_GOALS: usize = 50;
/// Competences of a person (also one import cell, split at `,` and `|`).
pub const MAX_COMPETENCES: usize = 50;
/// Tags of one good example, after splitting at commas.
pub const MAX_TAGS: usize = 50;
/// Agenda items of a meeting.
pub const MAX_AGENDA_ITEMS: usize = 200;
/// Decisions of a meeting.
pub const MAX_DECISIONS: usize = 500;
/// Good examples of a meeting.
pub const MAX_GOOD_EXAMPLES: usize = 200;
/// Attendance entries of a meeting.
pub const MAX_ATTENDANCE_ENTRIES: usize = 10_000;
/// Visiting organisations of a study visit.
pub const MAX_VISITORS: usize = 500;
/// Meetings of a learning cycle saved at once.
pub const MAX_CYCLE_MEETINGS: usize = 100;
/// Participants of a mentor pairing: `too_many_participants`.
pub const MAX_GROUP: usize = 3;
/// Contact people on one side of a pairing.
pub const MAX_CONTACTS: usize = 100;
/// Organisations named at once (a round's completion, a suggestion's participants).
pub const MAX_ORGANISATION_IDS: usize = 1000;
/// Choices for the conflicts of one package.
pub const MAX_CHOICES: usize = 100_000;
/// Improvement actions agreed at one meeting.
pub const MAX_ACTIONS_PER_MEETING: usize = 1000;
/// Follow-ups recorded at one meeting.
pub const MAX_FOLLOW_UPS_PER_MEETING: usize = 5000;
/// People's roles in one partnership (every period of every role).
pub const MAX_ROLES_PER_PARTNERSHIP: usize = 1000;
/// Groups inside one partnership; each may answer the reflection of every
/// meeting, so this also bounds a meeting's group reflections.
pub const MAX_GROUPS_PER_PARTNERSHIP: usize = 100;
/// Members of one group.
pub const MAX_GROUP_MEMBERS: usize = 1000;
/// The organisational levels a partnership expects in a delegation: each
/// of the four at most once.
pub const MAX_EXPECTED_LEVELS: usize = 4;
/// Indicators of one partnership (its measurable goals).
pub const MAX_INDICATORS_PER_PARTNERSHIP: usize = 200;
/// Measured values of one indicator (one per date).
pub const MAX_VALUES_PER_INDICATOR: usize = 1000;
/// An indicator's unit ("procent", "antal"), as the schema bounds it.
pub const INDICATOR_UNIT_MAX_CHARS: usize = 50;
/// Where an indicator's figures come from, and a measured value's note.
pub const INDICATOR_TEXT_MAX_CHARS: usize = 500;
/// An indicator's baseline, target and values (and women's and men's
/// figures): finite, at most this far from zero (`invalid_number`).
pub const INDICATOR_VALUE_MAX: f64 = 1e12;
/// The people who approve (justerar) a meeting's minutes: one or two.
pub const MAX_APPROVERS: usize = 2;
/// Why a meeting's approved minutes were unlocked.
pub const UNLOCK_REASON_MAX_CHARS: usize = 2000;

/// The search entries of one meeting: its notes, study visit and
/// reflections, then one per agenda item, decision, good example, action,
/// follow-up and group reflection. Meeting N's entries have the rowids
/// N * 2^20 + 1 … N * 2^20 + 2^20 - 1 (migration 0005, `search::remove`), so the lists'
/// limits above keep every meeting inside its own range; `search::reindex`
/// refuses a meeting that would leave it anyway (a package from elsewhere).
pub const MAX_SEARCH_TEXTS_PER_MEETING: usize = 3
    + MAX_AGENDA_ITEMS
    + MAX_DECISIONS
    + MAX_GOOD_EXAMPLES
    + MAX_ACTIONS_PER_MEETING
    + MAX_FOLLOW_UPS_PER_MEETING
    + MAX_GROUPS_PER_PARTNERSHIP;
/// The size of one meeting's range of search rowids.
pub const SEARCH_RANGE: usize = 1 << 20;
const _: () = assert!(MAX_SEARCH_TEXTS_PER_MEETING < SEARCH_RANGE);

/// A learning meeting's number: `invalid_number` outside 1 ….
pub const MEETING_NUMBER_MAX: i64 = 1000;
/// Extra women, men, others and not stated at a meeting: 0 ….
pub const HEADCOUNT_MAX: i64 = 100_000;
/// A mentor's capacity in a round: 1 ….
pub const CAPACITY_MAX: i64 = 20;
/// A budget, a granted support or a number of employees: 0 …; below 2^53, so that the
/// window's numbers hold it exactly.
pub const COUNT_MAX: i64 = 999_999_999_999_999;

/// An import file, checked before decoding (and in the window before
/// reading it): `file_too_large`.
pub const IMPORT_MAX_BYTES: usize = 20 * 1024 * 1024;
/// An exchange package: `file_too_large`.
pub const PACKAGE_MAX_BYTES: u64 = 50 * 1024 * 1024;
/// An attachment's file, checked before anything is decoded or copied (and
/// in the window before reading it): `file_too_large`.
pub const ATTACHMENT_MAX_BYTES: u64 = 25 * 1024 * 1024;
/// Attachments of one meeting (its own and its agenda items').
pub const MAX_ATTACHMENTS_PER_MEETING: usize = 200;
/// An attachment's original file name, as shown: `name_too_long`.
pub const FILE_NAME_MAX_CHARS: usize = 255;
/// Agenda templates of this installation.
pub const MAX_TEMPLATES: usize = 1000;
/// A logo's file, checked before anything is decoded (and in the window
/// before reading it): `file_too_large`.
pub const LOGO_MAX_BYTES: u64 = 2 * 1024 * 1024;
/// A logo's width and height in pixels, read from the file's header before
/// it is decoded: `invalid_file`.
pub const LOGO_MAX_PIXELS: u32 = 4000;

/// One row of the table of limits.
#[derive(Debug, Clone)]
pub struct Limit {
    /// The field as errors name it; `N` stands for an index in a list.
    pub field: &'static str,
    /// The commands that take it.
    pub commands: &'static str,
    /// The bound, in words: `≤ 200 characters`, `≤ 50 entries`, `1 … 1000`.
    pub bound: String,
    pub code: ErrorCode,
}

fn chars(n: usize) -> String {
    format!("≤ {} characters", thousands(n as u64))
}

fn entries(n: usize) -> String {
    format!("≤ {} entries", thousands(n as u64))
}

fn range(low: i64, high: i64) -> String {
    format!("{} … {}", thousands(low as u64), thousands(high as u64))
}

fn bytes(n: u64) -> String {
    format!("≤ {} MB", n / (1024 * 1024))
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Every limit, by field: what `docs/limits.md` shows.
pub fn table() -> Vec<Limit> {
    use ErrorCode::{
        FileTooLarge, InvalidEmail, InvalidFile, InvalidLink, InvalidNumber, NameTooLong,
        TextTooLong, TooMany, TooManyParticipants,
    };
    let row = |field, commands, bound, code| Limit { field, commands, bound, code };
    let partnership = "create_partnership, update_partnership";
    let person = "create_person, update_person, import";
    let meeting = "create_meeting, update_meeting";
    let venue = "create_venue, update_venue";
    let pairing = "create_pairing, update_pairing";
    let lists = "list_*, export_csv";
    let pages = "list_people, list_organisations, list_meetings";
    let indicator = "create_indicator, update_indicator";
    vec![
        row("name", "every record with a name, import", chars(NAME_MAX_CHARS), NameTooLong),
        row(
            "purpose, sharedProblem, delimitation, mandateNotes, powerBalanceNotes, \
             missingPartnersNotes, carryHomeNotes",
            partnership,
            chars(TEXT_MAX_CHARS),
            TextTooLong,
        ),
        row("fundingSource, region", partnership, chars(SHORT_TEXT_MAX_CHARS), TextTooLong),
        row("budget, granted", partnership, range(0, COUNT_MAX), InvalidNumber),
        row("goals", partnership, entries(MAX_GOALS), TooMany),
        row(
            "goals.N.goal, goals.N.expectedEffect",
            partnership,
            chars(GOAL_MAX_CHARS),
            TextTooLong,
        ),
        row(
            "county",
            "create_organisation, update_organisation, import",
            chars(SHORT_TEXT_MAX_CHARS),
            TextTooLong,
        ),
        row(
            "employees",
            "create_organisation, update_organisation, import",
            range(0, COUNT_MAX),
            InvalidNumber,
        ),
        row("title, phone", person, chars(SHORT_TEXT_MAX_CHARS), TextTooLong),
        row("email", person, format!("≤ {EMAIL_MAX_BYTES} bytes"), InvalidEmail),
        row("competences", person, entries(MAX_COMPETENCES), TooMany),
        row("competences (each)", person, chars(COMPETENCE_MAX_CHARS), TextTooLong),
        row("accessibilityNeeds", person, chars(ACCESSIBILITY_NEEDS_MAX_CHARS), TextTooLong),
        row(
            "country, cluster",
            "add_membership, update_membership",
            chars(SHORT_TEXT_MAX_CHARS),
            TextTooLong,
        ),
        row("search", lists, chars(SEARCH_MAX_CHARS), TextTooLong),
        row("text", "search", chars(SEARCH_MAX_CHARS), TextTooLong),
        row("tag", "list_good_examples, export_pdf", chars(TAG_MAX_CHARS), TextTooLong),
        row("limit", pages, range(1, PAGE_MAX_ROWS as i64), InvalidNumber),
        row("after.group, after.key", pages, chars(CURSOR_TEXT_MAX_CHARS), TextTooLong),
        row("title, venueName, venueAddress", meeting, chars(SHORT_TEXT_MAX_CHARS), TextTooLong),
        row("onlineLink", meeting, chars(LINK_MAX_CHARS), InvalidLink),
        row(
            "accessibilityNotes, studied, learned, notes, reflectionBest, reflectionLearn, \
             reflectionDevelop",
            meeting,
            chars(TEXT_MAX_CHARS),
            TextTooLong,
        ),
        row("number", meeting, range(1, MEETING_NUMBER_MAX), InvalidNumber),
        row(
            "extraWomen, extraMen, extraOther, extraNotStated",
            meeting,
            range(0, HEADCOUNT_MAX),
            InvalidNumber,
        ),
        row("visitorIds", meeting, entries(MAX_VISITORS), TooMany),
        row("address", venue, chars(SHORT_TEXT_MAX_CHARS), TextTooLong),
        row("accessibilityNotes, notes", venue, chars(TEXT_MAX_CHARS), TextTooLong),
        row("meetings", "save_cycle", entries(MAX_CYCLE_MEETINGS), TooMany),
        row("items", "set_agenda", entries(MAX_AGENDA_ITEMS), TooMany),
        row("items.N.title", "set_agenda", chars(TITLE_MAX_CHARS), TextTooLong),
        row("items.N.notes", "set_agenda", chars(TEXT_MAX_CHARS), TextTooLong),
        row("decisions", "set_decisions", entries(MAX_DECISIONS), TooMany),
        row("decisions.N", "set_decisions", chars(TEXT_MAX_CHARS), TextTooLong),
        row("examples", "set_good_examples", entries(MAX_GOOD_EXAMPLES), TooMany),
        row("examples.N.title", "set_good_examples", chars(TITLE_MAX_CHARS), TextTooLong),
        row("examples.N.description", "set_good_examples", chars(TEXT_MAX_CHARS), TextTooLong),
        row("examples.N.tags", "set_good_examples", entries(MAX_TAGS), TooMany),
        row("examples.N.tags.N", "set_good_examples", chars(TAG_MAX_CHARS), TextTooLong),
        row("entries", "set_attendance", entries(MAX_ATTENDANCE_ENTRIES), TooMany),
        row("description", "create_action, update_action", chars(TEXT_MAX_CHARS), TextTooLong),
        row(
            "meetingId (actions of the meeting)",
            "create_action",
            entries(MAX_ACTIONS_PER_MEETING),
            TooMany,
        ),
        row("note", "record_follow_up", chars(TEXT_MAX_CHARS), TextTooLong),
        row(
            "meetingId (follow-ups at the meeting)",
            "record_follow_up",
            entries(MAX_FOLLOW_UPS_PER_MEETING),
            TooMany,
        ),
        row(
            "partnershipId (roles of the partnership)",
            "add_role",
            entries(MAX_ROLES_PER_PARTNERSHIP),
            TooMany,
        ),
        row(
            "partnershipId (groups of the partnership)",
            "create_group",
            entries(MAX_GROUPS_PER_PARTNERSHIP),
            TooMany,
        ),
        row("purpose", "create_group, update_group", chars(TEXT_MAX_CHARS), TextTooLong),
        row(
            "partnershipId (indicators of the partnership)",
            "create_indicator",
            entries(MAX_INDICATORS_PER_PARTNERSHIP),
            TooMany,
        ),
        row("unit", indicator, chars(INDICATOR_UNIT_MAX_CHARS), TextTooLong),
        row("source", indicator, chars(INDICATOR_TEXT_MAX_CHARS), TextTooLong),
        row(
            "baseline, target",
            indicator,
            format!("finite, −{0} … {0}", thousands(INDICATOR_VALUE_MAX as u64)),
            InvalidNumber,
        ),
        row(
            "value, women, men",
            "set_indicator_value",
            format!("finite, −{0} … {0}", thousands(INDICATOR_VALUE_MAX as u64)),
            InvalidNumber,
        ),
        row("note", "set_indicator_value", chars(INDICATOR_TEXT_MAX_CHARS), TextTooLong),
        row(
            "measuredOn (values of the indicator)",
            "set_indicator_value",
            entries(MAX_VALUES_PER_INDICATOR),
            TooMany,
        ),
        row("personIds", "set_group_members", entries(MAX_GROUP_MEMBERS), TooMany),
        row("levels", "set_expected_levels", entries(MAX_EXPECTED_LEVELS), TooMany),
        row(
            "reflectionBest, reflectionLearn, reflectionDevelop",
            "set_group_reflection",
            chars(TEXT_MAX_CHARS),
            TextTooLong,
        ),
        row("approverIds", "approve_meeting", entries(MAX_APPROVERS), TooMany),
        row("reason", "unlock_meeting", chars(UNLOCK_REASON_MAX_CHARS), TextTooLong),
        row(
            "meetingId (search entries of the meeting)",
            "every write of a meeting's texts, open_package",
            format!("≤ {} entries", thousands(SEARCH_RANGE as u64 - 1)),
            TooMany,
        ),
        row("participantIds", pairing, entries(MAX_GROUP), TooManyParticipants),
        row("mentorContactIds, participantContactIds", pairing, entries(MAX_CONTACTS), TooMany),
        row("endReason", pairing, chars(TEXT_MAX_CHARS), TextTooLong),
        row("notes", pairing, chars(PAIRING_NOTES_MAX_CHARS), TextTooLong),
        row("capacity", "set_mentor_capacity", range(1, CAPACITY_MAX), InvalidNumber),
        row(
            "organisationIds, participantIds",
            "set_round_completion, mentor_suggestions",
            entries(MAX_ORGANISATION_IDS),
            TooMany,
        ),
        row("name", "set_installation_name", chars(INSTALLATION_NAME_MAX_CHARS), NameTooLong),
        row(
            "server.host, server.database, server.user",
            "join_shared_workspace",
            chars(SERVER_NAME_MAX_CHARS),
            NameTooLong,
        ),
        row(
            "password",
            "join_shared_workspace, set_shared_password",
            chars(SERVER_PASSWORD_MAX_CHARS),
            TextTooLong,
        ),
        row("choices", "open_package", entries(MAX_CHOICES), TooMany),
        row(
            "choices.N.uuid, choices.N.field",
            "open_package",
            chars(CHOICE_TEXT_MAX_CHARS),
            TextTooLong,
        ),
        row(
            "path",
            "restore_backup",
            format!("≤ {} bytes", thousands(PATH_MAX_BYTES as u64)),
            TextTooLong,
        ),
        row(
            "contentBase64",
            "preview_import, apply_import",
            bytes(IMPORT_MAX_BYTES as u64),
            FileTooLarge,
        ),
        row("file", "preview_package, open_package", bytes(PACKAGE_MAX_BYTES), FileTooLarge),
        row("file", "add_attachment", bytes(ATTACHMENT_MAX_BYTES), FileTooLarge),
        row("fileName", "add_attachment", chars(FILE_NAME_MAX_CHARS), NameTooLong),
        row("file", "set_logo", bytes(LOGO_MAX_BYTES), FileTooLarge),
        row(
            "file (width and height)",
            "set_logo",
            format!("≤ {} pixels", thousands(u64::from(LOGO_MAX_PIXELS))),
            InvalidFile,
        ),
        row("fileName", "set_logo", chars(FILE_NAME_MAX_CHARS), NameTooLong),
        row(
            "meetingId (attachments of the meeting)",
            "add_attachment",
            entries(MAX_ATTACHMENTS_PER_MEETING),
            TooMany,
        ),
        row(
            "templates",
            "create_agenda_template, save_agenda_as_template",
            entries(MAX_TEMPLATES),
            TooMany,
        ),
        row(
            "items",
            "create_agenda_template, update_agenda_template",
            entries(MAX_AGENDA_ITEMS),
            TooMany,
        ),
        row(
            "items.N.title",
            "create_agenda_template, update_agenda_template",
            chars(TITLE_MAX_CHARS),
            TextTooLong,
        ),
        row(
            "items.N.notes",
            "create_agenda_template, update_agenda_template",
            chars(TEXT_MAX_CHARS),
            TextTooLong,
        ),
    ]
}

/// `too_many` at `field` when `len` is over `max`.
pub fn count(len: usize, field: &str, max: usize) -> crate::Result<()> {
    if len > max {
        let message = format!("over {max} entries");
        return Err(crate::Error::at(ErrorCode::TooMany, field, message));
    }
    Ok(())
}
