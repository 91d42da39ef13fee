//! Attendance statistics: how many came from each organisation, and women,
//! men, other and not stated per activity — as public-sector projects must
//! report them. Registered people count by their recorded gender; people who
//! came without being registered count by the meeting's headcounts.
//!
//! The figures are read from tallies that SQLite triggers keep exact as
//! attendance and people change (migration 0006): `attendance_tally_meeting`
//! for the activities, `attendance_tally_partnership` for the organisations of
//! a whole partnership, `attendance_tally` (per meeting and organisation) for
//! the organisations at one meeting or in a reporting period (the tallies of
//! its meetings added up). Counting the attendance rows themselves
//! took 138 ms at p95 for the largest partnership of the national benchmark
//! dataset (1,572 meetings, 77,350 attendance rows, each joined to its person);
//! covering indexes and reshaped queries did not bring it under 50 ms. From
//! the tallies it takes 6 ms. The rules that keep the tallies exact are in
//! `attendance`.
//!
//! Only reads: uses the kernel, the store and the registry (the partnership
//! must exist), and nothing else in this room.

use crate::kernel::period::Period;
use crate::kernel::values::{MeetingId, MeetingKind, OrganisationId, PartnershipId};
use crate::{Result, Workspace};
use chrono::NaiveDate;
use serde::Serialize;
use sqlx::SqlitePool;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct GenderCounts {
    #[ts(type = "number")]
    pub women: i64,
    #[ts(type = "number")]
    pub men: i64,
    #[ts(type = "number")]
    pub other: i64,
    #[ts(type = "number")]
    pub not_stated: i64,
    #[ts(type = "number")]
    pub total: i64,
}

impl GenderCounts {
    pub(crate) fn add(&mut self, other: &GenderCounts) {
        self.women += other.women;
        self.men += other.men;
        self.other += other.other;
        self.not_stated += other.not_stated;
        self.total += other.total;
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct OrganisationAttendance {
    pub organisation_id: Option<OrganisationId>,
    pub organisation_name: Option<String>,
    #[ts(type = "number")]
    pub invited: i64,
    #[ts(type = "number")]
    pub attended: i64,
    #[ts(type = "number")]
    pub absent: i64,
    /// Meetings at which at least one of its people attended.
    #[ts(type = "number")]
    pub meetings_attended: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActivityCounts {
    pub meeting_id: MeetingId,
    pub kind: MeetingKind,
    #[ts(type = "number | null")]
    pub number: Option<i64>,
    pub title: String,
    pub date: NaiveDate,
    pub attended: GenderCounts,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Statistics {
    /// One row per meeting, in date order.
    pub activities: Vec<ActivityCounts>,
    pub organisations: Vec<OrganisationAttendance>,
    pub total: GenderCounts,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StatisticsScope {
    pub partnership_id: PartnershipId,
    /// One meeting only.
    pub meeting_id: Option<MeetingId>,
    /// The reporting period's first day (`YYYY-MM-DD`, inclusive; empty for
    /// open): only the meetings of the period count (`kernel::period`).
    #[serde(default)]
    pub from: Option<String>,
    /// The period's last day (inclusive; empty for open).
    #[serde(default)]
    pub to: Option<String>,
}

impl StatisticsScope {
    /// A whole partnership, for everything ever recorded.
    pub fn partnership(partnership_id: PartnershipId) -> Self {
        Self { partnership_id, meeting_id: None, from: None, to: None }
    }
}

#[derive(sqlx::FromRow)]
struct ActivityRow {
    meeting_id: MeetingId,
    kind: MeetingKind,
    number: Option<i64>,
    title: String,
    date: NaiveDate,
    #[sqlx(flatten)]
    attended: GenderCounts,
}

impl Workspace {
    pub async fn statistics(&self, scope: StatisticsScope) -> Result<Statistics> {
        let period = Period::check(scope.from.as_deref(), scope.to.as_deref())?;
        of_period(self.pool(), scope.partnership_id, scope.meeting_id, period).await
    }
}

/// The statistics of a partnership, or of one of its meetings, for a checked
/// period (`Period::ALL` for everything).
pub async fn of_period(
    pool: &SqlitePool,
    partnership_id: PartnershipId,
    meeting_id: Option<MeetingId>,
    period: Period,
) -> Result<Statistics> {
    crate::registry::partnership::get(pool, partnership_id).await?;
    let sql = concat!(
        "SELECT m.id AS meeting_id, m.kind, m.number, m.title, m.date, \
         m.extra_women + coalesce(t.women, 0) AS women, \
         m.extra_men + coalesce(t.men, 0) AS men, \
         m.extra_other + coalesce(t.other, 0) AS other, \
         m.extra_not_stated + coalesce(t.not_stated, 0) AS not_stated, \
         m.extra_women + m.extra_men + m.extra_other + m.extra_not_stated \
         + coalesce(t.women + t.men + t.other + t.not_stated, 0) AS total \
         FROM meetings m LEFT JOIN attendance_tally_meeting t ON t.meeting_id = m.id \
         WHERE m.partnership_id = ?1 AND (?2 IS NULL OR m.id = ?2) AND ",
        crate::in_period!("m.date", "3", "4"),
        " ORDER BY m.date, m.id"
    );
    let rows: Vec<ActivityRow> = sqlx::query_as(sql)
        .bind(partnership_id)
        .bind(meeting_id)
        .bind(period.from)
        .bind(period.to)
        .fetch_all(pool)
        .await?;
    // Organisation key 0 is "no organisation"; ties of name are broken by
    // id, the order in which the rows were grouped before the tally.
    let organisations = if meeting_id.is_none() && period.is_all() {
        sqlx::query_as(
            "SELECT nullif(t.organisation_key, 0) AS organisation_id, \
             o.name AS organisation_name, t.invited, t.attended, t.absent, \
             t.meetings_attended \
             FROM attendance_tally_partnership t \
             LEFT JOIN organisations o ON o.id = nullif(t.organisation_key, 0) \
             WHERE t.partnership_id = ?1 \
             ORDER BY o.name_key IS NULL, o.name_key, t.organisation_key",
        )
        .bind(partnership_id)
        .fetch_all(pool)
        .await?
    } else {
        // The tally of each meeting in scope, added up: a meeting counts for
        // an organisation when at least one of its people attended. One
        // meeting is looked up by its key, not found among the partnership's.
        macro_rules! summed {
            ($meetings:literal) => {
                concat!(
                    "SELECT nullif(t.organisation_key, 0) AS organisation_id, \
                     o.name AS organisation_name, sum(t.invited) AS invited, \
                     sum(t.attended) AS attended, sum(t.absent) AS absent, \
                     sum(t.attended > 0) AS meetings_attended \
                     FROM attendance_tally t JOIN meetings m ON m.id = t.meeting_id \
                     LEFT JOIN organisations o ON o.id = nullif(t.organisation_key, 0) \
                     WHERE m.partnership_id = ?1 AND ",
                    $meetings,
                    " AND ",
                    crate::in_period!("m.date", "3", "4"),
                    " GROUP BY t.organisation_key \
                     ORDER BY o.name_key IS NULL, o.name_key, t.organisation_key"
                )
            };
        }
        let sql = match meeting_id {
            Some(_) => summed!("t.meeting_id = ?2"),
            None => summed!("?2 IS NULL"),
        };
        sqlx::query_as(sql)
            .bind(partnership_id)
            .bind(meeting_id)
            .bind(period.from)
            .bind(period.to)
            .fetch_all(pool)
            .await?
    };
    let mut total = GenderCounts::default();
    let activities = rows
        .into_iter()
        .map(|r| {
            total.add(&r.attended);
            ActivityCounts {
                meeting_id: r.meeting_id,
                kind: r.kind,
                number: r.number,
                title: r.title,
                date: r.date,
                attended: r.attended,
            }
        })
        .collect();
    Ok(Statistics { activities, organisations, total })
}
