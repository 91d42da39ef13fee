//! Improvement actions: what an organisation promised to do before the next
//! meeting, who is responsible and by when. An action is agreed at a meeting;
//! while it is open it comes back under "follow-up" at every later meeting of
//! the partnership (`follow_up`), where its new status and a note are
//! recorded. Here are the action itself, its reads, and its current status
//! as its follow-ups set it.
//!
//! Uses the kernel, the store, the search index, the registry (organisations
//! and people named must exist) and, in this room, `meeting`.
//!
//! # Derived data: the search index
//!
//! The full-text index holds `actions.description`, under the meeting the
//! action was agreed at (the list in `search::reindex`, which must stay in
//! step with this one). No trigger keeps it: every write of an action calls
//! `search::reindex` in the same transaction for each meeting whose entries
//! change, which for a deleted action includes the meetings where it was
//! followed up (its follow-ups go with it). `tests/core/derived.rs` compares
//! the index with a full rebuild after every kind of write.

use crate::kernel::limits;
use crate::kernel::period::Period;
use crate::kernel::validate::{self, TEXT_MAX_CHARS};
use crate::kernel::values::{
    ActionId, ById, MeetingId, MeetingKind, OrganisationId, PartnershipId, PersonId,
};
use crate::meetings::meeting;
use crate::{Error, ErrorCode, Result, Workspace, search, store::db};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::{SqliteConnection, SqliteExecutor};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum ActionStatus {
    Planned,
    Ongoing,
    Done,
    Dropped,
}

impl ActionStatus {
    pub fn is_open(self) -> bool {
        matches!(self, ActionStatus::Planned | ActionStatus::Ongoing)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct Action {
    pub id: ActionId,
    pub partnership_id: PartnershipId,
    /// The meeting it was agreed at.
    pub meeting_id: MeetingId,
    pub meeting_kind: MeetingKind,
    #[ts(type = "number | null")]
    pub meeting_number: Option<i64>,
    pub meeting_date: NaiveDate,
    pub organisation_id: Option<OrganisationId>,
    pub organisation_name: Option<String>,
    pub description: String,
    pub responsible_person_id: Option<PersonId>,
    pub responsible_name: Option<String>,
    pub due_date: Option<NaiveDate>,
    /// The status it was agreed with.
    pub agreed_status: ActionStatus,
    /// The status now, after the latest follow-up.
    pub status: ActionStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ActionDraft {
    pub organisation_id: Option<OrganisationId>,
    pub description: String,
    pub responsible_person_id: Option<PersonId>,
    pub due_date: String,
    /// The status it is agreed with (usually planned).
    pub status: ActionStatus,
}

impl ActionDraft {
    pub fn new(description: &str, organisation_id: Option<OrganisationId>) -> Self {
        Self {
            organisation_id,
            description: description.to_owned(),
            responsible_person_id: None,
            due_date: String::new(),
            status: ActionStatus::Planned,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateAction {
    pub meeting_id: MeetingId,
    pub draft: ActionDraft,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateAction {
    pub id: ActionId,
    pub draft: ActionDraft,
}

macro_rules! columns {
    () => {
        "a.id, a.partnership_id, a.meeting_id, m.kind AS meeting_kind, \
         m.number AS meeting_number, m.date AS meeting_date, a.organisation_id, \
         o.name AS organisation_name, a.description, a.responsible_person_id, \
         p.name AS responsible_name, a.due_date, a.agreed_status, a.status \
         FROM actions a JOIN meetings m ON m.id = a.meeting_id \
         LEFT JOIN organisations o ON o.id = a.organisation_id \
         LEFT JOIN people p ON p.id = a.responsible_person_id"
    };
}

/// The columns and joins every read of actions uses; `follow_up` reads
/// actions with them too.
pub(crate) use columns;

struct Valid {
    d: ActionDraft,
    due_date: Option<NaiveDate>,
}

fn validate(mut d: ActionDraft) -> Result<Valid> {
    d.description = d.description.trim().to_owned();
    if d.description.is_empty() {
        return Err(Error::at(ErrorCode::DescriptionRequired, "description", "no description"));
    }
    d.description = validate::text(d.description, "description", TEXT_MAX_CHARS)?;
    let due_date = validate::date(Some(&d.due_date), "dueDate")?;
    Ok(Valid { d, due_date })
}

async fn check_references(conn: &mut SqliteConnection, d: &ActionDraft) -> Result<()> {
    if let Some(o) = d.organisation_id
        && !crate::registry::organisation::exists(&mut *conn, o).await?
    {
        return Err(Error::at(
            ErrorCode::UnknownOrganisation,
            "organisationId",
            "no such organisation",
        ));
    }
    if let Some(p) = d.responsible_person_id
        && !crate::registry::person::exists(&mut *conn, p).await?
    {
        return Err(Error::at(ErrorCode::UnknownPerson, "responsiblePersonId", "no such person"));
    }
    Ok(())
}

pub async fn get<'e>(ex: impl SqliteExecutor<'e>, id: ActionId) -> Result<Action> {
    let sql = concat!("SELECT ", columns!(), " WHERE a.id = ?");
    let row = sqlx::query_as(sql).bind(id).fetch_optional(ex).await?;
    row.ok_or_else(|| not_found(id))
}

pub async fn of_meeting<'e>(
    ex: impl SqliteExecutor<'e>,
    meeting_id: MeetingId,
) -> Result<Vec<Action>> {
    let sql = concat!("SELECT ", columns!(), " WHERE a.meeting_id = ? ORDER BY o.name_key, a.id");
    Ok(sqlx::query_as(sql).bind(meeting_id).fetch_all(ex).await?)
}

/// The one rule of when an action belongs to a reporting period, as an SQL
/// condition: the meeting that agreed it is in the period, or a meeting in
/// the period followed it up. `$action` names the action in the query,
/// `$agreed_on` the date of the meeting that agreed it; the period is bound
/// as `?2` (from) and `?3` (to). Every report and list uses it.
macro_rules! action_in_period {
    ($action:literal, $agreed_on:literal) => {
        concat!(
            "((",
            $crate::in_period!($agreed_on, "2", "3"),
            ") OR EXISTS (SELECT 1 FROM action_followups pf \
             JOIN meetings pm ON pm.id = pf.meeting_id WHERE pf.action_id = ",
            $action,
            ".id AND ",
            $crate::in_period!("pm.date", "2", "3"),
            "))"
        )
    };
}
pub(crate) use action_in_period;

/// The actions of a partnership in a period (`action_in_period!`), by
/// organisation then meeting.
pub async fn of_partnership<'e>(
    ex: impl SqliteExecutor<'e>,
    id: PartnershipId,
    period: Period,
) -> Result<Vec<Action>> {
    let sql = concat!(
        "SELECT ",
        columns!(),
        " WHERE a.partnership_id = ?1 AND ",
        action_in_period!("a", "m.date"),
        " ORDER BY o.name_key IS NULL, o.name_key, m.date, m.id, a.id"
    );
    Ok(sqlx::query_as(sql).bind(id).bind(period.from).bind(period.to).fetch_all(ex).await?)
}

/// The open actions of some organisations in one partnership, oldest first.
pub async fn open_of_organisations<'e>(
    ex: impl SqliteExecutor<'e>,
    partnership_id: PartnershipId,
    organisations: &[OrganisationId],
) -> Result<Vec<Action>> {
    let ids = serde_json::to_string(organisations).expect("ids serialise");
    let sql = concat!(
        "SELECT ",
        columns!(),
        " WHERE a.partnership_id = ? AND a.status IN ('planned', 'ongoing') \
          AND a.organisation_id IN (SELECT value FROM json_each(?)) \
          ORDER BY m.date, m.id, o.name_key, a.id"
    );
    Ok(sqlx::query_as(sql).bind(partnership_id).bind(ids).fetch_all(ex).await?)
}

/// Sets every action's current status to that of its latest follow-up, or
/// the agreed one when it has none.
pub async fn refresh_statuses(conn: &mut SqliteConnection) -> Result<()> {
    sqlx::query(
        "UPDATE actions SET status = coalesce((SELECT f.status FROM action_followups f \
         JOIN meetings m ON m.id = f.meeting_id WHERE f.action_id = actions.id \
         ORDER BY m.date DESC, m.id DESC LIMIT 1), agreed_status)",
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Sets one action's current status from its follow-ups, as
/// `refresh_statuses` does for all, and marks it changed.
pub(crate) async fn refresh_status(
    conn: &mut SqliteConnection,
    id: ActionId,
    now: &str,
) -> Result<()> {
    sqlx::query(
        "UPDATE actions SET updated_at = ?2, status = coalesce((SELECT f.status \
         FROM action_followups f JOIN meetings m ON m.id = f.meeting_id \
         WHERE f.action_id = actions.id ORDER BY m.date DESC, m.id DESC LIMIT 1), agreed_status) \
         WHERE id = ?1",
    )
    .bind(id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Agrees a new action at a meeting (`create_action`); call inside a write
/// transaction.
pub(crate) async fn insert(
    conn: &mut SqliteConnection,
    input: CreateAction,
    now: &str,
) -> Result<Action> {
    let v = validate(input.draft)?;
    let m = meeting::get(&mut *conn, input.meeting_id).await?;
    crate::meetings::approval::ensure_unlocked(conn, m.id).await?;
    let agreed: i64 = sqlx::query_scalar("SELECT count(*) FROM actions WHERE meeting_id = ?")
        .bind(m.id)
        .fetch_one(&mut *conn)
        .await?;
    limits::count(agreed as usize + 1, "meetingId", limits::MAX_ACTIONS_PER_MEETING)?;
    check_references(conn, &v.d).await?;
    let id: ActionId = sqlx::query_scalar(
        "INSERT INTO actions (partnership_id, meeting_id, organisation_id, description, \
         responsible_person_id, due_date, agreed_status, status, created_at, updated_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(m.partnership_id)
    .bind(m.id)
    .bind(v.d.organisation_id)
    .bind(&v.d.description)
    .bind(v.d.responsible_person_id)
    .bind(v.due_date)
    .bind(v.d.status)
    .bind(v.d.status)
    .bind(now)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    search::reindex(conn, m.id).await?;
    get(&mut *conn, id).await
}

pub(crate) fn not_found(id: ActionId) -> Error {
    Error::new(ErrorCode::NotFound, format!("action {id} does not exist"))
}

/// What a coordinator can do with the actions agreed at a meeting.
impl Workspace {
    /// Agrees a new action at a meeting.
    pub async fn create_action(&self, input: CreateAction) -> Result<Action> {
        let now = self.clock().timestamp();
        let mut tx = db::begin_write(self.pool()).await?;
        let action = insert(&mut tx, input, &now).await?;
        tx.commit().await?;
        Ok(action)
    }

    /// Changes what was agreed; the follow-ups stay as recorded.
    pub async fn update_action(&self, input: UpdateAction) -> Result<Action> {
        let v = validate(input.draft)?;
        let now = self.clock().timestamp();
        let mut tx = db::begin_write(self.pool()).await?;
        let before = get(&mut *tx, input.id).await?;
        crate::meetings::approval::ensure_unlocked(&mut tx, before.meeting_id).await?;
        check_references(&mut tx, &v.d).await?;
        sqlx::query(
            "UPDATE actions SET organisation_id = ?, description = ?, responsible_person_id = ?, \
             due_date = ?, agreed_status = ?, updated_at = ? WHERE id = ?",
        )
        .bind(v.d.organisation_id)
        .bind(&v.d.description)
        .bind(v.d.responsible_person_id)
        .bind(v.due_date)
        .bind(v.d.status)
        .bind(&now)
        .bind(input.id)
        .execute(&mut *tx)
        .await?;
        refresh_status(&mut tx, input.id, &now).await?;
        search::reindex(&mut tx, before.meeting_id).await?;
        let action = get(&mut *tx, input.id).await?;
        tx.commit().await?;
        Ok(action)
    }

    pub async fn delete_action(&self, input: ById<ActionId>) -> Result<()> {
        let mut tx = db::begin_write(self.pool()).await?;
        let action = get(&mut *tx, input.id).await?;
        let followed_at: Vec<MeetingId> =
            sqlx::query_scalar("SELECT meeting_id FROM action_followups WHERE action_id = ?")
                .bind(input.id)
                .fetch_all(&mut *tx)
                .await?;
        // The action goes from its meeting's record and its follow-ups from
        // theirs: none of them may be approved.
        for &meeting_id in followed_at.iter().chain([&action.meeting_id]) {
            crate::meetings::approval::ensure_unlocked(&mut tx, meeting_id).await?;
        }
        sqlx::query("DELETE FROM actions WHERE id = ?").bind(input.id).execute(&mut *tx).await?;
        for meeting_id in followed_at.into_iter().chain([action.meeting_id]) {
            search::reindex(&mut tx, meeting_id).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
