//! Improvement actions: what an organisation promised to do before the next
//! meeting, who is responsible and by when. An action is agreed at a meeting;
//! while it is open it comes back under "follow-up" at every later meeting of
//! the partnership, where its new status and a note are recorded. Its history
//! is that chain of follow-ups.

use crate::kernel::validate::{self, TEXT_MAX_CHARS};
use crate::kernel::values::MeetingKind;
use crate::meetings::meeting::{self, Meeting, MeetingId};
use crate::{Error, ErrorCode, Result, Workspace, search, store::db};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::{SqliteConnection, SqliteExecutor};
use std::collections::HashMap;
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
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub partnership_id: i64,
    /// The meeting it was agreed at.
    #[ts(type = "number")]
    pub meeting_id: i64,
    pub meeting_kind: MeetingKind,
    #[ts(type = "number | null")]
    pub meeting_number: Option<i64>,
    pub meeting_date: NaiveDate,
    #[ts(type = "number | null")]
    pub organisation_id: Option<i64>,
    pub organisation_name: Option<String>,
    pub description: String,
    #[ts(type = "number | null")]
    pub responsible_person_id: Option<i64>,
    pub responsible_name: Option<String>,
    pub due_date: Option<NaiveDate>,
    /// The status it was agreed with.
    pub agreed_status: ActionStatus,
    /// The status now, after the latest follow-up.
    pub status: ActionStatus,
}

/// One follow-up of an action at a later meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct FollowUpEntry {
    #[ts(type = "number")]
    pub meeting_id: i64,
    pub meeting_kind: MeetingKind,
    #[ts(type = "number | null")]
    pub meeting_number: Option<i64>,
    pub meeting_date: NaiveDate,
    pub status: ActionStatus,
    pub note: String,
}

/// An action as a meeting's follow-up shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FollowUp {
    pub action: Action,
    /// Its status when this meeting began.
    pub status_before: ActionStatus,
    /// Follow-ups at earlier meetings, oldest first.
    pub history: Vec<FollowUpEntry>,
    /// What this meeting recorded, if anything yet.
    pub here: Option<FollowUpEntry>,
}

/// An action with its whole history, for an organisation's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActionWithHistory {
    pub action: Action,
    pub partnership_name: String,
    pub history: Vec<FollowUpEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ActionDraft {
    #[ts(type = "number | null")]
    pub organisation_id: Option<i64>,
    pub description: String,
    #[ts(type = "number | null")]
    pub responsible_person_id: Option<i64>,
    pub due_date: String,
    /// The status it is agreed with (usually planned).
    pub status: ActionStatus,
}

impl ActionDraft {
    pub fn new(description: &str, organisation_id: Option<i64>) -> Self {
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
    #[ts(type = "number")]
    pub meeting_id: i64,
    pub draft: ActionDraft,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateAction {
    #[ts(type = "number")]
    pub id: i64,
    pub draft: ActionDraft,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ActionId {
    #[ts(type = "number")]
    pub id: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecordFollowUp {
    #[ts(type = "number")]
    pub action_id: i64,
    #[ts(type = "number")]
    pub meeting_id: i64,
    pub status: ActionStatus,
    pub note: String,
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

pub async fn get<'e>(ex: impl SqliteExecutor<'e>, id: i64) -> Result<Action> {
    let sql = concat!("SELECT ", columns!(), " WHERE a.id = ?");
    let row = sqlx::query_as(sql).bind(id).fetch_optional(ex).await?;
    row.ok_or_else(|| not_found(id))
}

pub async fn of_meeting<'e>(ex: impl SqliteExecutor<'e>, meeting_id: i64) -> Result<Vec<Action>> {
    let sql = concat!("SELECT ", columns!(), " WHERE a.meeting_id = ? ORDER BY o.name_key, a.id");
    Ok(sqlx::query_as(sql).bind(meeting_id).fetch_all(ex).await?)
}

/// All actions of a partnership, by organisation then meeting.
pub async fn of_partnership<'e>(ex: impl SqliteExecutor<'e>, id: i64) -> Result<Vec<Action>> {
    let sql = concat!(
        "SELECT ",
        columns!(),
        " WHERE a.partnership_id = ? ORDER BY o.name_key IS NULL, o.name_key, m.date, m.id, a.id"
    );
    Ok(sqlx::query_as(sql).bind(id).fetch_all(ex).await?)
}

/// The open actions of some organisations in one partnership, oldest first.
pub async fn open_of_organisations<'e>(
    ex: impl SqliteExecutor<'e>,
    partnership_id: i64,
    organisations: &[i64],
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

#[derive(sqlx::FromRow)]
struct HistoryRow {
    action_id: i64,
    #[sqlx(flatten)]
    entry: FollowUpEntry,
}

/// The follow-ups of many actions in one query, oldest first per action.
async fn histories(
    conn: &mut SqliteConnection,
    actions: &[Action],
) -> Result<HashMap<i64, Vec<FollowUpEntry>>> {
    let ids = serde_json::to_string(&actions.iter().map(|a| a.id).collect::<Vec<_>>())
        .expect("ids serialise");
    let rows: Vec<HistoryRow> = sqlx::query_as(
        "SELECT f.action_id, f.meeting_id, m.kind AS meeting_kind, m.number AS meeting_number, \
         m.date AS meeting_date, f.status, f.note FROM action_followups f \
         JOIN meetings m ON m.id = f.meeting_id \
         WHERE f.action_id IN (SELECT value FROM json_each(?)) ORDER BY m.date, m.id",
    )
    .bind(ids)
    .fetch_all(&mut *conn)
    .await?;
    let mut by_action: HashMap<i64, Vec<FollowUpEntry>> = HashMap::new();
    for row in rows {
        by_action.entry(row.action_id).or_default().push(row.entry);
    }
    Ok(by_action)
}

/// The actions a meeting follows up: agreed at an earlier meeting of the
/// partnership and open when this one began, or followed up here already.
pub async fn follow_ups(conn: &mut SqliteConnection, m: &Meeting) -> Result<Vec<FollowUp>> {
    let sql = concat!(
        "SELECT ",
        columns!(),
        " WHERE a.partnership_id = ?1 AND (m.date, m.id) < (?2, ?3) \
         AND (EXISTS (SELECT 1 FROM action_followups f WHERE f.action_id = a.id \
                      AND f.meeting_id = ?3) \
              OR coalesce((SELECT f.status FROM action_followups f \
                           JOIN meetings fm ON fm.id = f.meeting_id \
                           WHERE f.action_id = a.id AND (fm.date, fm.id) < (?2, ?3) \
                           ORDER BY fm.date DESC, fm.id DESC LIMIT 1), a.agreed_status) \
                 IN ('planned', 'ongoing')) \
         ORDER BY m.date, m.id, o.name_key, a.id"
    );
    let actions: Vec<Action> = sqlx::query_as(sql)
        .bind(m.partnership_id)
        .bind(m.date)
        .bind(m.id)
        .fetch_all(&mut *conn)
        .await?;
    let mut histories = histories(conn, &actions).await?;
    let mut out = Vec::with_capacity(actions.len());
    for action in actions {
        let mut history = histories.remove(&action.id).unwrap_or_default();
        let position = |e: &FollowUpEntry| (e.meeting_date, e.meeting_id);
        history.retain(|e| position(e) <= (m.date, m.id));
        let here = match history.last() {
            Some(e) if e.meeting_id == m.id => history.pop(),
            _ => None,
        };
        let status_before = history.last().map_or(action.agreed_status, |e| e.status);
        out.push(FollowUp { action, status_before, history, here });
    }
    Ok(out)
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

async fn refresh_status(conn: &mut SqliteConnection, id: i64, now: &str) -> Result<()> {
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

fn not_found(id: i64) -> Error {
    Error::new(ErrorCode::NotFound, format!("action {id} does not exist"))
}

/// What a coordinator can do with improvement work.
impl Workspace {
    /// Deletes a meeting with its agenda, attendance, decisions, examples and
    /// the actions agreed at it. It lives here, not with the meeting's record,
    /// because it must recompute the status of every action followed up at it.
    pub async fn delete_meeting(&self, input: MeetingId) -> Result<()> {
        let mut tx = db::begin_write(self.pool()).await?;
        meeting::get(&mut *tx, input.id).await?;
        search::remove(&mut tx, input.id).await?;
        let affected: Vec<i64> = sqlx::query_scalar(
            "SELECT DISTINCT a.meeting_id FROM action_followups f JOIN actions a ON a.id = f.action_id \
             WHERE f.meeting_id = ?1 AND a.meeting_id <> ?1",
        )
        .bind(input.id)
        .fetch_all(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM meetings WHERE id = ?").bind(input.id).execute(&mut *tx).await?;
        refresh_statuses(&mut tx).await?;
        for meeting_id in affected {
            search::reindex(&mut tx, meeting_id).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Agrees a new action at a meeting.
    pub async fn create_action(&self, input: CreateAction) -> Result<Action> {
        let v = validate(input.draft)?;
        let now = self.clock().timestamp();
        let mut tx = db::begin_write(self.pool()).await?;
        let m = meeting::get(&mut *tx, input.meeting_id).await?;
        check_references(&mut tx, &v.d).await?;
        let id: i64 = sqlx::query_scalar(
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
        .bind(&now)
        .bind(&now)
        .fetch_one(&mut *tx)
        .await?;
        search::reindex(&mut tx, m.id).await?;
        let action = get(&mut *tx, id).await?;
        tx.commit().await?;
        Ok(action)
    }

    /// Changes what was agreed; the follow-ups stay as recorded.
    pub async fn update_action(&self, input: UpdateAction) -> Result<Action> {
        let v = validate(input.draft)?;
        let now = self.clock().timestamp();
        let mut tx = db::begin_write(self.pool()).await?;
        let before = get(&mut *tx, input.id).await?;
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

    pub async fn delete_action(&self, input: ActionId) -> Result<()> {
        let mut tx = db::begin_write(self.pool()).await?;
        let action = get(&mut *tx, input.id).await?;
        let followed_at: Vec<i64> =
            sqlx::query_scalar("SELECT meeting_id FROM action_followups WHERE action_id = ?")
                .bind(input.id)
                .fetch_all(&mut *tx)
                .await?;
        sqlx::query("DELETE FROM actions WHERE id = ?").bind(input.id).execute(&mut *tx).await?;
        for meeting_id in followed_at.into_iter().chain([action.meeting_id]) {
            search::reindex(&mut tx, meeting_id).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Records, at a later meeting, how an action has gone.
    pub async fn record_follow_up(&self, input: RecordFollowUp) -> Result<FollowUp> {
        let note = validate::text(input.note.trim().to_owned(), "note", TEXT_MAX_CHARS)?;
        let now = self.clock().timestamp();
        let mut tx = db::begin_write(self.pool()).await?;
        let action = get(&mut *tx, input.action_id).await?;
        let m = meeting::get(&mut *tx, input.meeting_id).await?;
        let later = m.partnership_id == action.partnership_id
            && (m.date, m.id) > (action.meeting_date, action.meeting_id);
        if !later {
            let message = "a follow-up belongs to a later meeting of the same partnership";
            return Err(Error::at(ErrorCode::NotLaterMeeting, "meetingId", message));
        }
        sqlx::query(
            "INSERT INTO action_followups (action_id, meeting_id, status, note, recorded_at) \
             VALUES (?, ?, ?, ?, ?) ON CONFLICT (action_id, meeting_id) \
             DO UPDATE SET status = excluded.status, note = excluded.note, \
             recorded_at = excluded.recorded_at",
        )
        .bind(input.action_id)
        .bind(input.meeting_id)
        .bind(input.status)
        .bind(&note)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
        refresh_status(&mut tx, input.action_id, &now).await?;
        search::reindex(&mut tx, input.meeting_id).await?;
        let follow_up = follow_ups(&mut tx, &m)
            .await?
            .into_iter()
            .find(|f| f.action.id == input.action_id)
            .ok_or_else(|| not_found(input.action_id))?;
        tx.commit().await?;
        Ok(follow_up)
    }

    /// Every action an organisation has agreed to, newest first, with history.
    pub async fn organisation_actions(
        &self,
        input: crate::registry::organisation::OrganisationId,
    ) -> Result<Vec<ActionWithHistory>> {
        let mut conn = self.pool().acquire().await?;
        crate::registry::organisation::get(&mut *conn, input.id).await?;
        let sql = concat!(
            "SELECT ",
            columns!(),
            " WHERE a.organisation_id = ? ORDER BY m.date DESC, m.id DESC, a.id"
        );
        let actions: Vec<Action> = sqlx::query_as(sql).bind(input.id).fetch_all(&mut *conn).await?;
        let names: HashMap<i64, String> = sqlx::query_as(
            "SELECT id, name FROM partnerships WHERE id IN \
             (SELECT partnership_id FROM actions WHERE organisation_id = ?)",
        )
        .bind(input.id)
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .collect();
        let mut histories = histories(&mut conn, &actions).await?;
        let mut out = Vec::with_capacity(actions.len());
        for action in actions {
            out.push(ActionWithHistory {
                partnership_name: names.get(&action.partnership_id).cloned().unwrap_or_default(),
                history: histories.remove(&action.id).unwrap_or_default(),
                action,
            });
        }
        Ok(out)
    }
}
