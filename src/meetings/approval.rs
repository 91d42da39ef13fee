//! Approved minutes (justerat protokoll): a meeting's record is approved by
//! one or two people on a date, and stays as approved until someone unlocks
//! it, saying why. Both are events in `meeting_approvals`, kept as a
//! history; a meeting is approved while its latest event is `approved`.
//!
//! While a meeting is approved, every write of its record or its parts
//! (the record itself, its visitors, agenda, attendance, decisions, good
//! examples, group reflections, the actions agreed at it, the follow-ups
//! recorded at it, its attachments, and deleting it) is refused with
//! `ErrorCode::Locked`. Each of those writes calls `ensure_unlocked` inside
//! its own write transaction, before it writes anything, so the check and the
//! write see the same data. A new writer of a meeting's parts must call it
//! too.
//!
//! The approvals are part of the meeting's record for the exchange between
//! computers: the triggers of migration 0010 count each event as a change
//! of the meeting. A person's approvals are in their data export
//! (`privacy::access`); erasing the person leaves the events without a name
//! (`ON DELETE SET NULL`).
//!
//! Uses the kernel, the store and the registry (approvers are people). It
//! comes first among the meeting modules, so every other one can use the
//! guard.

use crate::kernel::limits::{self, MAX_APPROVERS, UNLOCK_REASON_MAX_CHARS};
use crate::kernel::validate;
use crate::kernel::values::{MeetingId, PersonId};
use crate::{Error, ErrorCode, Result, Workspace, store::db};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::{SqliteConnection, SqliteExecutor};
use ts_rs::TS;

/// What happened to the minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum ApprovalEventKind {
    Approved,
    Unlocked,
}

/// One event of a meeting's approval history. An approval names one or two
/// people, an unlocking at most one and why. A name is `None` when no one
/// was named or the person has since been erased.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct ApprovalEvent {
    pub event: ApprovalEventKind,
    pub person_id: Option<PersonId>,
    pub person_name: Option<String>,
    pub second_person_id: Option<PersonId>,
    pub second_person_name: Option<String>,
    /// The date the approvers gave (or the day it was unlocked).
    pub on_date: NaiveDate,
    /// Why it was unlocked; empty for an approval.
    pub reason: String,
    /// When it was recorded in Samlär.
    pub recorded_at: String,
}

/// A meeting's approval: whether its minutes are approved now, and every
/// approval and unlocking, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MeetingApproval {
    pub approved: bool,
    pub history: Vec<ApprovalEvent>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ApproveMeeting {
    pub meeting_id: MeetingId,
    /// One or two people (the second is optional).
    pub approver_ids: Vec<PersonId>,
    /// The date they approved, `YYYY-MM-DD`; today when left out.
    pub on_date: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UnlockMeeting {
    pub meeting_id: MeetingId,
    /// Who unlocked it, if someone in the register.
    pub person_id: Option<PersonId>,
    pub reason: String,
}

/// Whether the meeting's minutes are approved now (its latest event).
pub async fn is_approved<'e>(ex: impl SqliteExecutor<'e>, meeting_id: MeetingId) -> Result<bool> {
    let latest: Option<ApprovalEventKind> = sqlx::query_scalar(
        "SELECT event FROM meeting_approvals WHERE meeting_id = ? ORDER BY id DESC LIMIT 1",
    )
    .bind(meeting_id)
    .fetch_optional(ex)
    .await?;
    Ok(latest == Some(ApprovalEventKind::Approved))
}

/// The guard of every write of a meeting's record or parts: `Locked` while
/// the minutes are approved. Call it inside the write's transaction, before
/// writing. A meeting that does not exist passes (the write's own read says
/// `not_found`).
pub async fn ensure_unlocked(conn: &mut SqliteConnection, meeting_id: MeetingId) -> Result<()> {
    if is_approved(&mut *conn, meeting_id).await? {
        let message = format!("meeting {meeting_id} is approved; unlock it first");
        return Err(Error::at(ErrorCode::Locked, "meetingId", message));
    }
    Ok(())
}

/// The meeting's approval state and history, with the people's names.
pub async fn of_meeting(
    conn: &mut SqliteConnection,
    meeting_id: MeetingId,
) -> Result<MeetingApproval> {
    let history: Vec<ApprovalEvent> = sqlx::query_as(
        "SELECT a.event, a.person_id, p.name AS person_name, a.second_person_id, \
         q.name AS second_person_name, a.on_date, a.reason, a.recorded_at \
         FROM meeting_approvals a \
         LEFT JOIN people p ON p.id = a.person_id \
         LEFT JOIN people q ON q.id = a.second_person_id \
         WHERE a.meeting_id = ? ORDER BY a.id",
    )
    .bind(meeting_id)
    .fetch_all(&mut *conn)
    .await?;
    let approved = history.last().is_some_and(|e| e.event == ApprovalEventKind::Approved);
    Ok(MeetingApproval { approved, history })
}

async fn meeting_exists(conn: &mut SqliteConnection, id: MeetingId) -> Result<()> {
    let found: Option<i64> = sqlx::query_scalar("SELECT 1 FROM meetings WHERE id = ?")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    match found {
        Some(_) => Ok(()),
        None => Err(Error::new(ErrorCode::NotFound, format!("meeting {id} does not exist"))),
    }
}

async fn person_exists(conn: &mut SqliteConnection, id: PersonId, field: &str) -> Result<()> {
    if crate::registry::person::exists(&mut *conn, id).await? {
        Ok(())
    } else {
        Err(Error::at(ErrorCode::UnknownPerson, field, "no such person"))
    }
}

/// What a coordinator can do with the approval of a meeting's minutes.
impl Workspace {
    /// Approves the minutes: one or two people, on a date (today when left
    /// out). Refused with `Locked` when they already are approved.
    pub async fn approve_meeting(&self, input: ApproveMeeting) -> Result<MeetingApproval> {
        limits::count(input.approver_ids.len(), "approverIds", MAX_APPROVERS)?;
        let (first, second) = match input.approver_ids[..] {
            [] => return Err(Error::at(ErrorCode::ApproverRequired, "approverIds", "no one")),
            [a] => (a, None),
            [a, b] if a == b => {
                let message = "the same person twice";
                return Err(Error::at(ErrorCode::InvalidInput, "approverIds.1", message));
            }
            [a, b] => (a, Some(b)),
            _ => unreachable!("counted above"),
        };
        let on_date = validate::date(input.on_date.as_deref(), "onDate")?
            .unwrap_or_else(|| self.clock().today());
        let mut tx = db::begin_write(self.pool()).await?;
        meeting_exists(&mut tx, input.meeting_id).await?;
        person_exists(&mut tx, first, "approverIds.0").await?;
        if let Some(b) = second {
            person_exists(&mut tx, b, "approverIds.1").await?;
        }
        ensure_unlocked(&mut tx, input.meeting_id).await?;
        sqlx::query(
            "INSERT INTO meeting_approvals (meeting_id, event, person_id, second_person_id, \
             on_date, recorded_at) VALUES (?, 'approved', ?, ?, ?, ?)",
        )
        .bind(input.meeting_id)
        .bind(first)
        .bind(second)
        .bind(on_date)
        .bind(self.clock().timestamp())
        .execute(&mut *tx)
        .await?;
        let approval = of_meeting(&mut tx, input.meeting_id).await?;
        tx.commit().await?;
        Ok(approval)
    }

    /// Unlocks approved minutes so they can be changed, recording who (if
    /// named), today's date and why. Refused with `NotApproved` when they
    /// are not approved, and `ReasonRequired` without a reason.
    pub async fn unlock_meeting(&self, input: UnlockMeeting) -> Result<MeetingApproval> {
        let reason =
            validate::text(input.reason.trim().to_owned(), "reason", UNLOCK_REASON_MAX_CHARS)?;
        if reason.is_empty() {
            return Err(Error::at(ErrorCode::ReasonRequired, "reason", "no reason"));
        }
        let mut tx = db::begin_write(self.pool()).await?;
        meeting_exists(&mut tx, input.meeting_id).await?;
        if let Some(p) = input.person_id {
            person_exists(&mut tx, p, "personId").await?;
        }
        if !is_approved(&mut *tx, input.meeting_id).await? {
            let message = format!("meeting {} is not approved", input.meeting_id);
            return Err(Error::at(ErrorCode::NotApproved, "meetingId", message));
        }
        sqlx::query(
            "INSERT INTO meeting_approvals (meeting_id, event, person_id, on_date, reason, \
             recorded_at) VALUES (?, 'unlocked', ?, ?, ?, ?)",
        )
        .bind(input.meeting_id)
        .bind(input.person_id)
        .bind(self.clock().today())
        .bind(&reason)
        .bind(self.clock().timestamp())
        .execute(&mut *tx)
        .await?;
        let approval = of_meeting(&mut tx, input.meeting_id).await?;
        tx.commit().await?;
        Ok(approval)
    }
}
