//! The meeting page: a meeting's record with its partnership, host and
//! visitors, agenda, attendance, decisions, good examples, the actions agreed
//! at it, the follow-ups due at it, the meetings before and after it, and
//! the reflection answers of the partnership's groups.

use crate::kernel::values::{
    ById, MeetingId, MeetingKind, NamedRef, OrganisationId, PartnershipId,
};
use crate::meetings::action::{self, Action};
use crate::meetings::approval::{self, MeetingApproval};
use crate::meetings::attendance::{AttendanceRow, attendance_rows};
use crate::meetings::follow_up::{self, FollowUp};
use crate::meetings::group_reflection::{self, GroupReflection};
use crate::meetings::meeting::{Meeting, get};
use crate::meetings::sections::{AgendaItem, GoodExample, split_tags};
use crate::registry::organisation;
use crate::{Result, Workspace};
use chrono::NaiveDate;
use serde::Serialize;
use sqlx::SqliteConnection;
use ts_rs::TS;

/// A meeting as lists name it: the one before or after this one in its
/// partnership, or one whose text names a person (`privacy::mentions`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct MeetingRef {
    pub id: MeetingId,
    pub kind: MeetingKind,
    #[ts(type = "number | null")]
    pub number: Option<i64>,
    pub title: String,
    pub date: NaiveDate,
}

/// Everything the meeting page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MeetingDetail {
    pub meeting: Meeting,
    pub partnership: NamedRef<PartnershipId>,
    pub host_organisation: Option<NamedRef<OrganisationId>>,
    pub visitors: Vec<NamedRef<OrganisationId>>,
    pub agenda: Vec<AgendaItem>,
    pub attendance: Vec<AttendanceRow>,
    pub decisions: Vec<String>,
    pub good_examples: Vec<GoodExample>,
    /// Improvement actions agreed at this meeting.
    pub actions: Vec<Action>,
    /// Actions from earlier meetings that were open when this one began,
    /// and any whose follow-up was recorded here.
    pub follow_ups: Vec<FollowUp>,
    pub previous: Option<MeetingRef>,
    pub next: Option<MeetingRef>,
    /// Every group of the partnership with its reflection answers at this
    /// meeting (empty answers when it has none); none when the partnership
    /// has no groups.
    pub group_reflections: Vec<GroupReflection>,
    /// Whether the minutes are approved (justerade), and their history.
    pub approval: MeetingApproval,
}

async fn neighbour(
    conn: &mut SqliteConnection,
    m: &Meeting,
    later: bool,
) -> Result<Option<MeetingRef>> {
    let sql = if later {
        "SELECT id, kind, number, title, date FROM meetings WHERE partnership_id = ?1 \
         AND (date, id) > (?2, ?3) ORDER BY date, id LIMIT 1"
    } else {
        "SELECT id, kind, number, title, date FROM meetings WHERE partnership_id = ?1 \
         AND (date, id) < (?2, ?3) ORDER BY date DESC, id DESC LIMIT 1"
    };
    Ok(sqlx::query_as(sql)
        .bind(m.partnership_id)
        .bind(m.date)
        .bind(m.id)
        .fetch_optional(&mut *conn)
        .await?)
}

pub async fn detail(conn: &mut SqliteConnection, id: MeetingId) -> Result<MeetingDetail> {
    let meeting = get(&mut *conn, id).await?;
    let partnership = sqlx::query_as("SELECT id, name FROM partnerships WHERE id = ?")
        .bind(meeting.partnership_id)
        .fetch_one(&mut *conn)
        .await?;
    let host_organisation = match meeting.host_organisation_id {
        Some(o) => organisation::named(&mut *conn, o).await?,
        None => None,
    };
    let visitors = sqlx::query_as(
        "SELECT o.id, o.name FROM meeting_visitors v JOIN organisations o ON o.id = v.organisation_id \
         WHERE v.meeting_id = ? ORDER BY o.name_key",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let agenda = sqlx::query_as(
        "SELECT title, presenter_organisation_id, presenter_person_id, notes FROM agenda_items \
         WHERE meeting_id = ? ORDER BY position",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let decisions =
        sqlx::query_scalar("SELECT text FROM decisions WHERE meeting_id = ? ORDER BY position")
            .bind(id)
            .fetch_all(&mut *conn)
            .await?;
    let examples: Vec<(String, String, Option<OrganisationId>, String)> = sqlx::query_as(
        "SELECT title, description, organisation_id, tags FROM good_examples \
         WHERE meeting_id = ? ORDER BY position",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let good_examples = examples
        .into_iter()
        .map(|(title, description, organisation_id, tags)| GoodExample {
            title,
            description,
            organisation_id,
            tags: split_tags(&tags),
        })
        .collect();
    Ok(MeetingDetail {
        partnership,
        host_organisation,
        visitors,
        agenda,
        attendance: attendance_rows(conn, &meeting).await?,
        decisions,
        good_examples,
        actions: action::of_meeting(&mut *conn, id).await?,
        follow_ups: follow_up::follow_ups(conn, &meeting).await?,
        previous: neighbour(conn, &meeting, false).await?,
        next: neighbour(conn, &meeting, true).await?,
        group_reflections: group_reflection::of_meeting(conn, id).await?,
        approval: approval::of_meeting(conn, id).await?,
        meeting,
    })
}

impl Workspace {
    pub async fn meeting(&self, input: ById<MeetingId>) -> Result<MeetingDetail> {
        let mut conn = self.pool().acquire().await?;
        detail(&mut conn, input.id).await
    }
}
