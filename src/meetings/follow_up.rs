//! Follow-ups: at every meeting after the one an action was agreed at, while
//! the action is open, its new status and a note are recorded. The chain of
//! follow-ups is the action's history; the latest sets its current status.
//! Deleting a meeting lives here too, because it takes follow-ups with it and
//! so must recompute the status of the actions they followed up.
//!
//! Uses the kernel, the store, the search index, the registry and, in this
//! room, `meeting` and `action`.
//!
//! # Derived data: the search index
//!
//! The full-text index holds `action_followups.note`, under the meeting the
//! follow-up was recorded at (the list in `search::reindex`, which must stay
//! in step with this one). No trigger keeps it: `record_follow_up` calls
//! `search::reindex` for that meeting in the same transaction, and
//! `delete_meeting` calls `search::remove` for the meeting and reindexes the
//! meetings where its actions were followed up (those follow-ups go with the
//! actions). `tests/core/derived.rs` compares the index with a full rebuild
//! after every kind of write.

use crate::kernel::limits;
use crate::kernel::validate::{self, TEXT_MAX_CHARS};
use crate::kernel::values::{
    ActionId, ById, MeetingId, MeetingKind, OrganisationId, PartnershipId,
};
use crate::meetings::action::{self, Action, ActionStatus, refresh_status, refresh_statuses};
use crate::meetings::meeting::{self, Meeting};
use crate::{Error, ErrorCode, Result, Workspace, search, store::db};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use std::collections::HashMap;
use ts_rs::TS;

/// One follow-up of an action at a later meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct FollowUpEntry {
    pub meeting_id: MeetingId,
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
pub struct RecordFollowUp {
    pub action_id: ActionId,
    pub meeting_id: MeetingId,
    pub status: ActionStatus,
    pub note: String,
}

#[derive(sqlx::FromRow)]
struct HistoryRow {
    action_id: ActionId,
    #[sqlx(flatten)]
    entry: FollowUpEntry,
}

/// The follow-ups of many actions in one query, oldest first per action.
async fn histories(
    conn: &mut SqliteConnection,
    actions: &[Action],
) -> Result<HashMap<ActionId, Vec<FollowUpEntry>>> {
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
    let mut by_action: HashMap<ActionId, Vec<FollowUpEntry>> = HashMap::new();
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
        action::columns!(),
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

/// Records, at a later meeting, how an action has gone (`record_follow_up`);
/// call inside a write transaction.
pub(crate) async fn record(
    conn: &mut SqliteConnection,
    input: RecordFollowUp,
    now: &str,
) -> Result<FollowUp> {
    let note = validate::text(input.note.trim().to_owned(), "note", TEXT_MAX_CHARS)?;
    let action = action::get(&mut *conn, input.action_id).await?;
    let m = meeting::get(&mut *conn, input.meeting_id).await?;
    crate::meetings::approval::ensure_unlocked(conn, m.id).await?;
    let later = m.partnership_id == action.partnership_id
        && (m.date, m.id) > (action.meeting_date, action.meeting_id);
    if !later {
        let message = "a follow-up belongs to a later meeting of the same partnership";
        return Err(Error::at(ErrorCode::NotLaterMeeting, "meetingId", message));
    }
    let others: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM action_followups WHERE meeting_id = ? AND action_id <> ?",
    )
    .bind(input.meeting_id)
    .bind(input.action_id)
    .fetch_one(&mut *conn)
    .await?;
    limits::count(others as usize + 1, "meetingId", limits::MAX_FOLLOW_UPS_PER_MEETING)?;
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
    .bind(now)
    .execute(&mut *conn)
    .await?;
    refresh_status(conn, input.action_id, now).await?;
    search::reindex(conn, input.meeting_id).await?;
    follow_ups(conn, &m)
        .await?
        .into_iter()
        .find(|f| f.action.id == input.action_id)
        .ok_or_else(|| action::not_found(input.action_id))
}

/// What a coordinator can do with follow-ups, and deleting a meeting.
impl Workspace {
    /// Deletes a meeting with its agenda, attendance, decisions, examples and
    /// the actions agreed at it, and those actions' follow-ups at later
    /// meetings. It lives here, not with the meeting's record, because it
    /// must recompute the status of every action followed up at it, and
    /// reindex the later meetings whose follow-up notes go.
    pub async fn delete_meeting(&self, input: ById<MeetingId>) -> Result<()> {
        let mut tx = db::begin_write(self.pool()).await?;
        meeting::get(&mut *tx, input.id).await?;
        let followed_up_at: Vec<MeetingId> = sqlx::query_scalar(
            "SELECT DISTINCT f.meeting_id FROM action_followups f \
             JOIN actions a ON a.id = f.action_id WHERE a.meeting_id = ?1 AND f.meeting_id <> ?1",
        )
        .bind(input.id)
        .fetch_all(&mut *tx)
        .await?;
        // Its own record goes, and the follow-ups of its actions go from the
        // later meetings' records: none of them may be approved.
        for &meeting_id in followed_up_at.iter().chain([&input.id]) {
            crate::meetings::approval::ensure_unlocked(&mut tx, meeting_id).await?;
        }
        search::remove(&mut tx, input.id).await?;
        sqlx::query("DELETE FROM meetings WHERE id = ?").bind(input.id).execute(&mut *tx).await?;
        refresh_statuses(&mut tx).await?;
        for meeting_id in followed_up_at {
            search::reindex(&mut tx, meeting_id).await?;
        }
        tx.commit().await?;
        // Its attachments' rows went with it; their files go too.
        let _ = crate::store::attachment_files::sweep(self.pool(), self.data_dir()).await;
        Ok(())
    }

    /// Records, at a later meeting, how an action has gone.
    pub async fn record_follow_up(&self, input: RecordFollowUp) -> Result<FollowUp> {
        let now = self.clock().timestamp();
        let mut tx = db::begin_write(self.pool()).await?;
        let follow_up = record(&mut tx, input, &now).await?;
        tx.commit().await?;
        Ok(follow_up)
    }

    /// Every action an organisation has agreed to, newest first, with history.
    pub async fn organisation_actions(
        &self,
        input: ById<OrganisationId>,
    ) -> Result<Vec<ActionWithHistory>> {
        let mut conn = self.pool().acquire().await?;
        crate::registry::organisation::get(&mut *conn, input.id).await?;
        let sql = concat!(
            "SELECT ",
            action::columns!(),
            " WHERE a.organisation_id = ? ORDER BY m.date DESC, m.id DESC, a.id"
        );
        let actions: Vec<Action> = sqlx::query_as(sql).bind(input.id).fetch_all(&mut *conn).await?;
        let names: HashMap<PartnershipId, String> = sqlx::query_as(
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
