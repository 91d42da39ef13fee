//! Attendance statistics: how many came from each organisation, and women,
//! men, other and not stated per activity — as public-sector projects must
//! report them. Registered people count by their recorded gender; people who
//! came without being registered count by the meeting's headcounts.

use crate::meeting::MeetingKind;
use crate::{Result, Workspace};
use chrono::NaiveDate;
use serde::Serialize;
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
    fn add(&mut self, other: &GenderCounts) {
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
    #[ts(type = "number | null")]
    pub organisation_id: Option<i64>,
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
    #[ts(type = "number")]
    pub meeting_id: i64,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StatisticsScope {
    #[ts(type = "number")]
    pub partnership_id: i64,
    /// One meeting only.
    #[ts(type = "number | null")]
    pub meeting_id: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct ActivityRow {
    meeting_id: i64,
    kind: MeetingKind,
    number: Option<i64>,
    title: String,
    date: NaiveDate,
    #[sqlx(flatten)]
    attended: GenderCounts,
}

impl Workspace {
    pub async fn statistics(&self, scope: StatisticsScope) -> Result<Statistics> {
        crate::partnership::get(self.pool(), scope.partnership_id).await?;
        let rows: Vec<ActivityRow> = sqlx::query_as(
            "SELECT m.id AS meeting_id, m.kind, m.number, m.title, m.date, \
             m.extra_women + count(CASE p.gender WHEN 'woman' THEN 1 END) AS women, \
             m.extra_men + count(CASE p.gender WHEN 'man' THEN 1 END) AS men, \
             m.extra_other + count(CASE p.gender WHEN 'other' THEN 1 END) AS other, \
             m.extra_not_stated + count(CASE p.gender WHEN 'not_stated' THEN 1 END) AS not_stated, \
             m.extra_women + m.extra_men + m.extra_other + m.extra_not_stated + count(p.id) AS total \
             FROM meetings m \
             LEFT JOIN attendance a ON a.meeting_id = m.id AND a.status = 'attended' \
             LEFT JOIN people p ON p.id = a.person_id \
             WHERE m.partnership_id = ?1 AND (?2 IS NULL OR m.id = ?2) \
             GROUP BY m.id ORDER BY m.date, m.id",
        )
        .bind(scope.partnership_id)
        .bind(scope.meeting_id)
        .fetch_all(self.pool())
        .await?;
        let organisations = sqlx::query_as(
            "SELECT p.organisation_id, o.name AS organisation_name, \
             count(CASE a.status WHEN 'invited' THEN 1 END) AS invited, \
             count(CASE a.status WHEN 'attended' THEN 1 END) AS attended, \
             count(CASE a.status WHEN 'absent' THEN 1 END) AS absent, \
             count(DISTINCT CASE a.status WHEN 'attended' THEN a.meeting_id END) AS meetings_attended \
             FROM attendance a JOIN meetings m ON m.id = a.meeting_id \
             JOIN people p ON p.id = a.person_id LEFT JOIN organisations o ON o.id = p.organisation_id \
             WHERE m.partnership_id = ?1 AND (?2 IS NULL OR m.id = ?2) \
             GROUP BY p.organisation_id ORDER BY o.name_key IS NULL, o.name_key",
        )
        .bind(scope.partnership_id)
        .bind(scope.meeting_id)
        .fetch_all(self.pool())
        .await?;
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
}
