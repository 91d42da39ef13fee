//! The one error type of the core. Each error carries a stable `code` that the
//! UI maps to a Swedish or English message, and the `field` of the input that
//! caused it, so the message can stand next to that field. `message` is a
//! diagnostic for developers; it is never shown to users and never holds
//! personal data.

use serde::Serialize;
use ts_rs::TS;

/// Stable codes: the UI branches on these, so renaming one is a breaking change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    NameRequired,
    NameTooLong,
    TextTooLong,
    InvalidDate,
    DateRequired,
    InvalidTime,
    EndBeforeStart,
    NameTaken,
    InvalidNumber,
    InvalidEmail,
    /// A link that is not a web address (https://…).
    InvalidLink,
    EmailTaken,
    InvalidCode,
    CodeTaken,
    GoalRequired,
    DescriptionRequired,
    /// A follow-up recorded at a meeting that is not after the action's own.
    NotLaterMeeting,
    UnknownOrganisation,
    UnknownPerson,
    CountryRequired,
    ClusterRequired,
    MembershipExists,
    /// Deleting would leave others pointing at nothing; archive instead.
    InUse,
    /// An import file that cannot be read as CSV at all.
    InvalidFile,
    /// An import file over the size limit (`kernel::limits::IMPORT_MAX_BYTES`).
    FileTooLarge,
    MissingColumn,
    /// A row with more cells than the header has columns.
    TooManyCells,
    /// A cell whose value is not one of those the column allows.
    UnknownValue,
    /// The same organisation or person twice in one import file.
    DuplicateInFile,
    /// A pairing without a mentor.
    MentorRequired,
    /// A pairing without participants.
    ParticipantsRequired,
    /// A pairing of more than three participants.
    TooManyParticipants,
    /// The mentor chosen among its own participants.
    MentorIsParticipant,
    /// A participant that already has an active mentor in the round.
    HasActiveMentor,
    /// More participants than the mentor has room for in the round.
    CapacityExceeded,
    /// A pairing that ended early without a reason.
    ReasonRequired,
    /// A contact person from another organisation than that side's.
    ContactNotInOrganisation,
    /// Marking an organisation complete that is not a participant of the round.
    NotParticipant,
    /// A mentor session without a pairing.
    PairingRequired,
    /// A pairing that is not one of the partnership's.
    UnknownPairing,
    /// A pairing given for a meeting that is not a mentor session.
    NotMentorSession,
    /// A group that is not one of the partnership's (of the meeting's
    /// partnership, for a group's reflection).
    UnknownGroup,
    /// A person given a role they already hold in the partnership for a
    /// period that overlaps the new one.
    RoleOverlaps,
    /// A venue that is not in the register, or an archived one chosen anew.
    UnknownVenue,
    /// A link on a meeting held on site: only a digital or hybrid one has one.
    LinkOnSite,
    /// A calendar of a partnership's coming meetings when it has none from today on.
    NoComingMeetings,
    /// An indicator said to measure a goal the partnership's charter does not have.
    UnknownGoal,
    /// Women's and men's figures for an indicator that is not split by gender.
    NotByGender,
    /// A list with more entries than its limit (`kernel::limits`); the
    /// field names the list.
    TooMany,
    InvalidInput,
    NotFound,
    Conflict,
    Storage,
    /// The disk (or USB stick) holding the data folder is full: nothing was
    /// written, and saving works again once there is space.
    DiskFull,
    /// The database was opened only to be read (damaged, or made by a newer
    /// Samlär): writes are refused.
    ReadOnly,
    /// No database is open (the app started on a problem page).
    NotOpen,
    /// A file that is not a Samlär database (not SQLite, or another program's).
    NotADatabase,
    /// A Samlär database with damaged pages.
    DamagedDatabase,
    /// A database made by a newer Samlär than this one.
    NewerSchema,
    /// A backup could not be written or did not pass its check.
    BackupFailed,
    /// The user closed a save dialog without choosing a file.
    Cancelled,
    /// The computer could not open a saved file in a viewer.
    OpenFailed,
    /// A file that is not a Samlär exchange package.
    NotAPackage,
    /// An exchange package that is truncated, altered or inconsistent.
    DamagedPackage,
    /// An exchange package made by a newer Samlär, in a format this one does not read.
    NewerPackage,
    /// Opening a package whose conflicts are not all settled.
    ConflictsUnresolved,
    /// A write to a meeting whose minutes are approved (justerat): unlock
    /// it first.
    Locked,
    /// Approving a meeting's minutes without naming who approved them.
    ApproverRequired,
    /// Unlocking a meeting whose minutes are not approved.
    NotApproved,
    /// Filling an agenda that is not empty without saying to replace it.
    AgendaNotEmpty,
    /// Saving an empty agenda as a template.
    AgendaEmpty,
    /// The shared workspace's server could not be reached (no network, the
    /// server down): the app works on offline and syncs later.
    ServerUnreachable,
    /// The server refused the user name or password.
    ServerLoginRefused,
    /// The server's certificate could not be verified (TLS, `verify-full`).
    ServerNotTrusted,
    /// TLS turned off for a server that is not this computer.
    TlsRequired,
    /// The server's schema is newer than this Samlär: update the app.
    ServerSchemaNewer,
    /// The server has no Samlär schema, or an older one, and this user may
    /// not set it up: the workspace's administrator has to.
    ServerNotSetUp,
    /// Pushing a database to a shared workspace that already has records.
    WorkspaceNotEmpty,
    /// Starting from a shared workspace in a database that has records.
    DatabaseNotEmpty,
    /// A sync or a shared-workspace command in a database not joined to one.
    NotJoined,
    /// Joining a shared workspace while joined to one.
    AlreadyJoined,
    /// Administering the shared workspace without being its administrator.
    NotAdministrator,
    /// No password for the shared workspace is stored on this computer: it
    /// has to be typed.
    PasswordNeeded,
    /// Another refusal by the server (a diagnostic in `message`).
    ServerError,
}

impl ErrorCode {
    /// The code as it crosses IPC and as the UI knows it (`not_found`).
    pub fn name(self) -> String {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::String(name)) => name,
            _ => format!("{self:?}"),
        }
    }
}

/// What crosses IPC as `{code, field, message}` when a command fails.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[ts(rename = "CommandError")]
#[error("{code:?} ({field:?}): {message}")]
pub struct Error {
    pub code: ErrorCode,
    pub field: Option<String>,
    pub message: String,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, field: None, message: message.into() }
    }

    pub fn at(code: ErrorCode, field: &str, message: impl Into<String>) -> Self {
        Self { code, field: Some(field.to_owned()), message: message.into() }
    }
}

impl From<sqlx::Error> for Error {
    fn from(err: sqlx::Error) -> Self {
        use sqlx::error::ErrorKind;
        match &err {
            sqlx::Error::RowNotFound => Error::new(ErrorCode::NotFound, "no such record"),
            sqlx::Error::Database(db) => {
                let message = db.message().to_owned();
                match db.kind() {
                    ErrorKind::UniqueViolation => unique_violation(message),
                    ErrorKind::CheckViolation | ErrorKind::NotNullViolation => {
                        Error::new(ErrorCode::InvalidInput, message)
                    }
                    ErrorKind::ForeignKeyViolation => Error::new(ErrorCode::Conflict, message),
                    _ => Error::new(sqlite_result_code(db.code().as_deref()), message),
                }
            }
            _ => Error::new(ErrorCode::Storage, err.to_string()),
        }
    }
}

/// SQLite's primary result code (the low byte of an extended one) as a code
/// the user can act on: a full disk, a read-only file, a damaged file.
fn sqlite_result_code(code: Option<&str>) -> ErrorCode {
    match code.and_then(|c| c.parse::<i32>().ok()).map(|c| c & 0xff) {
        Some(13) => ErrorCode::DiskFull,
        Some(8) => ErrorCode::ReadOnly,
        Some(11) => ErrorCode::DamagedDatabase,
        Some(26) => ErrorCode::NotADatabase,
        _ => ErrorCode::Storage,
    }
}

impl From<sqlx::migrate::MigrateError> for Error {
    fn from(err: sqlx::migrate::MigrateError) -> Self {
        Error::new(ErrorCode::Storage, format!("migration failed: {err}"))
    }
}

impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Self {
        let code = match err.kind() {
            std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => {
                ErrorCode::DiskFull
            }
            _ => ErrorCode::Storage,
        };
        Error::new(code, format!("file system: {err}"))
    }
}

/// SQLite says `UNIQUE constraint failed: table.column`; the column tells
/// which rule was broken.
fn unique_violation(message: String) -> Error {
    let column = message.rsplit('.').next().unwrap_or_default();
    match column {
        "name_key" => Error::at(ErrorCode::NameTaken, "name", message),
        "code" => Error::at(ErrorCode::CodeTaken, "code", message),
        "email_key" => Error::at(ErrorCode::EmailTaken, "email", message),
        "role" => Error::at(ErrorCode::MembershipExists, "organisationId", message),
        _ => Error::new(ErrorCode::Conflict, message),
    }
}
