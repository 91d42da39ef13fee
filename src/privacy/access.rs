//! Access: everything Samlär holds about one person, gathered for a request
//! under the GDPR (the person's right of access, article 15): their record,
//! every record that links to them, and the places in free text where their
//! name or address is written.

use crate::kernel::values::{
    ActionId, ById, ContactSide, NamedRef, PairingId, PartnershipId, PersonId,
};
use crate::meetings::action::ActionStatus;
use crate::meetings::approval::ApprovalEventKind;
use crate::meetings::attendance::AttendanceStatus;
use crate::privacy::mentions::{self, MeetingRef, Mention};
use crate::registry::groups::{self, PersonGroup};
use crate::registry::person::{Person, get};
use crate::registry::roles::{self, RoleAssignment};
use crate::{Result, Workspace};
use chrono::NaiveDate;
use serde::Serialize;
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};
use ts_rs::TS;

/// The fields of the export that hold sensitive personal data (GDPR article
/// 9: accessibility needs can reveal health), as paths in the JSON.
pub const SENSITIVE_FIELDS: &[&str] = &["person.accessibilityNeeds"];

/// Everything Samlär holds about one person, for a request under the GDPR.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonExport {
    pub exported_at: String,
    /// Which fields below hold sensitive personal data.
    pub sensitive_fields: Vec<String>,
    pub person: Person,
    /// Partnerships that name this person as their contact.
    pub contact_for: Vec<NamedRef<PartnershipId>>,
    /// Mentor pairings that name this person as a contact.
    pub contact_in_pairings: Vec<PairingContactRole>,
    /// The roles they hold or held in partnerships, with their periods.
    pub roles: Vec<RoleAssignment>,
    /// The groups inside partnerships they are a member of.
    pub groups: Vec<PersonGroup>,
    /// The meetings the person was invited to, attended or missed.
    pub attendance: Vec<AttendedMeeting>,
    /// Agenda items the person presented.
    pub presented: Vec<PresentedItem>,
    /// Improvement actions the person is responsible for.
    pub responsible_for: Vec<ResponsibleAction>,
    /// Meetings whose minutes the person approved (justerade) or unlocked.
    pub approvals: Vec<MinutesApproval>,
    /// Free text where the person's name or e-mail address is written.
    pub mentions: Vec<Mention>,
}

/// A mentor pairing a person is a contact in, and on which side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct PairingContactRole {
    pub pairing_id: PairingId,
    pub partnership_name: String,
    pub mentor_name: String,
    pub side: ContactSide,
}

/// One meeting on a person's attendance list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AttendedMeeting {
    pub partnership: NamedRef<PartnershipId>,
    pub meeting: MeetingRef,
    pub status: AttendanceStatus,
}

/// An agenda item a person presented.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PresentedItem {
    pub partnership: NamedRef<PartnershipId>,
    pub meeting: MeetingRef,
    pub title: String,
}

/// An improvement action a person is responsible for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ResponsibleAction {
    pub partnership: NamedRef<PartnershipId>,
    /// The meeting the action was agreed at.
    pub meeting: MeetingRef,
    pub action_id: ActionId,
    pub description: String,
    pub due_date: Option<NaiveDate>,
    pub status: ActionStatus,
}

/// An approval (justering) or unlocking of a meeting's minutes that names
/// the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MinutesApproval {
    pub partnership: NamedRef<PartnershipId>,
    pub meeting: MeetingRef,
    pub event: ApprovalEventKind,
    pub on_date: NaiveDate,
    /// Why it was unlocked; empty for an approval.
    pub reason: String,
}

/// The columns every list of meetings below starts with, read by `at_meeting`.
const MEETING_COLUMNS: &str = "p.id, p.name, m.id, m.kind, m.number, m.title, m.date";

/// The partnership and meeting from the first seven columns of a row.
fn at_meeting(row: &SqliteRow) -> Result<(NamedRef<PartnershipId>, MeetingRef)> {
    Ok((
        NamedRef { id: row.try_get(0)?, name: row.try_get(1)? },
        MeetingRef {
            id: row.try_get(2)?,
            kind: row.try_get(3)?,
            number: row.try_get(4)?,
            title: row.try_get(5)?,
            date: row.try_get(6)?,
        },
    ))
}

/// Runs a query over meetings (joined as `m` with its partnership `p`) for
/// one person, and maps each row.
async fn per_meeting<T>(
    conn: &mut SqliteConnection,
    sql: &'static str,
    id: PersonId,
    map: impl Fn(&SqliteRow, NamedRef<PartnershipId>, MeetingRef) -> Result<T>,
) -> Result<Vec<T>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql.replace("{meeting}", MEETING_COLUMNS)))
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
    rows.iter()
        .map(|row| {
            let (partnership, meeting) = at_meeting(row)?;
            map(row, partnership, meeting)
        })
        .collect()
}

/// Everything stored about one person, read on one connection.
pub async fn gather(
    conn: &mut SqliteConnection,
    id: PersonId,
    exported_at: String,
) -> Result<PersonExport> {
    let person = get(conn, id).await?;
    let contact_for = sqlx::query_as(
        "SELECT id, name FROM partnerships WHERE contact_person_id = ? ORDER BY name_key",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let contact_in_pairings = sqlx::query_as(
        "SELECT c.pairing_id, pa.name AS partnership_name, o.name AS mentor_name, c.side \
         FROM pairing_contacts c JOIN pairings p ON p.id = c.pairing_id \
         JOIN partnerships pa ON pa.id = p.partnership_id \
         JOIN organisations o ON o.id = p.mentor_organisation_id \
         WHERE c.person_id = ? ORDER BY pa.name_key, c.pairing_id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let roles = roles::of_person(&mut *conn, id).await?;
    let groups = groups::of_person(&mut *conn, id).await?;
    let attendance = per_meeting(
        conn,
        "SELECT {meeting}, a.status FROM attendance a JOIN meetings m ON m.id = a.meeting_id \
         JOIN partnerships p ON p.id = m.partnership_id \
         WHERE a.person_id = ? ORDER BY m.date, m.id",
        id,
        |row, partnership, meeting| {
            Ok(AttendedMeeting { partnership, meeting, status: row.try_get(7)? })
        },
    )
    .await?;
    let presented = per_meeting(
        conn,
        "SELECT {meeting}, a.title FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id \
         JOIN partnerships p ON p.id = m.partnership_id \
         WHERE a.presenter_person_id = ? ORDER BY m.date, m.id, a.position",
        id,
        |row, partnership, meeting| {
            Ok(PresentedItem { partnership, meeting, title: row.try_get(7)? })
        },
    )
    .await?;
    let responsible_for = per_meeting(
        conn,
        "SELECT {meeting}, x.id, x.description, x.due_date, x.status \
         FROM actions x JOIN meetings m ON m.id = x.meeting_id \
         JOIN partnerships p ON p.id = m.partnership_id \
         WHERE x.responsible_person_id = ? ORDER BY m.date, m.id, x.id",
        id,
        |row, partnership, meeting| {
            Ok(ResponsibleAction {
                partnership,
                meeting,
                action_id: row.try_get(7)?,
                description: row.try_get(8)?,
                due_date: row.try_get(9)?,
                status: row.try_get(10)?,
            })
        },
    )
    .await?;
    let approvals = per_meeting(
        conn,
        "SELECT {meeting}, x.event, x.on_date, x.reason \
         FROM meeting_approvals x JOIN meetings m ON m.id = x.meeting_id \
         JOIN partnerships p ON p.id = m.partnership_id \
         WHERE ?1 IN (x.person_id, x.second_person_id) ORDER BY m.date, m.id, x.id",
        id,
        |row, partnership, meeting| {
            Ok(MinutesApproval {
                partnership,
                meeting,
                event: row.try_get(7)?,
                on_date: row.try_get(8)?,
                reason: row.try_get(9)?,
            })
        },
    )
    .await?;
    let email = person.summary.email.clone().unwrap_or_default();
    let mentions = mentions::find(conn, &[&person.summary.name, &email]).await?;
    Ok(PersonExport {
        exported_at,
        sensitive_fields: SENSITIVE_FIELDS.iter().map(|f| (*f).to_owned()).collect(),
        person,
        contact_for,
        contact_in_pairings,
        roles,
        groups,
        attendance,
        presented,
        responsible_for,
        approvals,
        mentions,
    })
}

impl Workspace {
    /// Everything stored about one person.
    pub async fn person_export(&self, input: ById<PersonId>) -> Result<PersonExport> {
        // one read transaction: one snapshot of the database for every list
        let mut tx = self.pool().begin().await?;
        let export = gather(&mut tx, input.id, self.clock().timestamp()).await?;
        tx.commit().await?;
        Ok(export)
    }
}
