//! The statistics across partnerships ("Statistik för alla partnerskap"):
//! for every partnership of a chosen kind (or of every kind), active only or
//! archived too, and for a reporting period, the figures a funder or a
//! steering group asks for, per partnership and in total.
//!
//! What is counted, and how:
//!
//! - **Activities**: the meetings dated in the period (`kernel::period`, both
//!   ends inclusive), in all and by meeting kind. A meeting planned ahead
//!   inside the period counts, as on a partnership's statistics page.
//! - **Participants**: participations, counted as `statistics` counts them —
//!   the attendance rows with status attended (by the person's recorded
//!   gender) plus the meeting's headcounts of people who came without being
//!   registered (`meetings.extra_*`); someone at three meetings counts three
//!   times. Read from the tally `attendance_tally_meeting`.
//! - **People**: the distinct registered people who attended at least one
//!   of the meetings, by gender. Headcounts of walk-ins are not people who
//!   can be told apart, so they are only among the participants. A person
//!   who attended in two partnerships counts in both rows and once in the
//!   total, so the total is not the sum of the rows.
//! - **Organisations taking part**: the distinct organisations of those
//!   people (their organisation now, as in the tallies); and the member
//!   organisations (a membership in any role; memberships have no dates, so
//!   these are the members now, whatever the period). Both are distinct in
//!   the total as well.
//! - **Improvement actions**: those agreed at the meetings of the period, by
//!   their status today (`actions.status`: that of the latest follow-up, or
//!   the status they were agreed with), not the status they had at the end of
//!   the period.
//!
//! Every partnership in scope has a row, also one without meetings in the
//! period (its figures are zeros). Five queries, whatever the number of
//! partnerships, in one read transaction so that they see the same data.
//! The distinct people are the one part that reads attendance rows rather
//! than tallies: one pass over the attended rows of the meetings in scope.
//!
//! Only reads: uses the kernel, the store and this room's statistics types.

use crate::in_period;
use crate::kernel::period::Period;
use crate::kernel::values::{MeetingKind, PartnershipId};
use crate::meetings::action::ActionStatus;
use crate::meetings::statistics::GenderCounts;
use crate::registry::partnership::PartnershipKind;
use crate::{Result, Workspace};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// What the page asks for: every filter empty counts everything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OverviewScope {
    /// One kind of partnership; `null` for every kind.
    #[serde(default)]
    pub kind: Option<PartnershipKind>,
    /// The period's first day (`YYYY-MM-DD`, inclusive; empty or `null` for open).
    #[serde(default)]
    pub from: Option<String>,
    /// The period's last day (inclusive; empty or `null` for open).
    #[serde(default)]
    pub to: Option<String>,
    /// Archived partnerships count too.
    #[serde(default)]
    pub include_archived: bool,
}

/// Meetings of one kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KindCount {
    pub kind: MeetingKind,
    #[ts(type = "number")]
    pub meetings: i64,
    /// Participations at them (attended and walk-ins).
    #[ts(type = "number")]
    pub participants: i64,
}

/// Improvement actions by their status today.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActionCounts {
    #[ts(type = "number")]
    pub planned: i64,
    #[ts(type = "number")]
    pub ongoing: i64,
    #[ts(type = "number")]
    pub done: i64,
    #[ts(type = "number")]
    pub dropped: i64,
    #[ts(type = "number")]
    pub total: i64,
}

impl ActionCounts {
    fn add(&mut self, status: ActionStatus, n: i64) {
        match status {
            ActionStatus::Planned => self.planned += n,
            ActionStatus::Ongoing => self.ongoing += n,
            ActionStatus::Done => self.done += n,
            ActionStatus::Dropped => self.dropped += n,
        }
        self.total += n;
    }
}

/// The figures of one partnership, or of all of them together.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OverviewFigures {
    /// Meetings in the period.
    #[ts(type = "number")]
    pub activities: i64,
    /// The meetings by kind, in the order of the kinds; kinds without a
    /// meeting are left out.
    pub by_kind: Vec<KindCount>,
    /// Participations by gender: attended rows and walk-in headcounts.
    pub participants: GenderCounts,
    /// Distinct registered people who attended, by gender.
    pub people: GenderCounts,
    /// Distinct organisations of the people who attended.
    #[ts(type = "number")]
    pub organisations: i64,
    /// Distinct member organisations (now).
    #[ts(type = "number")]
    pub member_organisations: i64,
    /// Improvement actions agreed in the period, by their status today.
    pub actions: ActionCounts,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PartnershipFigures {
    pub partnership_id: PartnershipId,
    pub name: String,
    pub kind: PartnershipKind,
    pub archived: bool,
    pub figures: OverviewFigures,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Overview {
    /// The checked period the figures are of.
    pub period: Period,
    /// Every partnership in scope, by name.
    pub partnerships: Vec<PartnershipFigures>,
    /// All of them together (people and organisations distinct).
    pub total: OverviewFigures,
}

/// The meeting kinds in the order the page lists them.
const KINDS: [MeetingKind; 9] = [
    MeetingKind::Startup,
    MeetingKind::Learning,
    MeetingKind::ResultsConference,
    MeetingKind::Coordinator,
    MeetingKind::Strategist,
    MeetingKind::StudyVisit,
    MeetingKind::MentorSession,
    MeetingKind::Workshop,
    MeetingKind::Other,
];

/// The partnerships in scope, as `t`: `?1` the kind or NULL, `?2` whether
/// archived ones count.
macro_rules! in_scope {
    () => {
        "(?1 IS NULL OR t.kind = ?1) AND (?2 OR t.archived_at IS NULL)"
    };
}

/// People by gender, from `people p`, as the columns of `GenderCounts`.
macro_rules! genders {
    () => {
        "coalesce(sum(p.gender = 'woman'), 0) AS women, \
         coalesce(sum(p.gender = 'man'), 0) AS men, \
         coalesce(sum(p.gender = 'other'), 0) AS other, \
         coalesce(sum(p.gender = 'not_stated'), 0) AS not_stated, \
         count(*) AS total"
    };
}

#[derive(sqlx::FromRow)]
struct PartnershipRow {
    id: PartnershipId,
    name: String,
    kind: PartnershipKind,
    archived: bool,
}

#[derive(sqlx::FromRow)]
struct KindRow {
    partnership_id: PartnershipId,
    kind: MeetingKind,
    meetings: i64,
    #[sqlx(flatten)]
    participants: GenderCounts,
}

/// People (and their organisations) of one partnership, or of all
/// (`partnership_id` NULL).
#[derive(sqlx::FromRow)]
struct PeopleRow {
    partnership_id: Option<PartnershipId>,
    #[sqlx(flatten)]
    people: GenderCounts,
    organisations: i64,
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    partnership_id: Option<PartnershipId>,
    organisations: i64,
}

#[derive(sqlx::FromRow)]
struct ActionRow {
    partnership_id: PartnershipId,
    status: ActionStatus,
    n: i64,
}

fn add_kind(to: &mut Vec<KindCount>, kind: MeetingKind, meetings: i64, participants: i64) {
    match to.iter_mut().find(|k| k.kind == kind) {
        Some(k) => {
            k.meetings += meetings;
            k.participants += participants;
        }
        None => to.push(KindCount { kind, meetings, participants }),
    }
}

fn sort_kinds(kinds: &mut [KindCount]) {
    kinds.sort_by_key(|k| KINDS.iter().position(|x| *x == k.kind));
}

impl Workspace {
    /// The statistics across partnerships for a scope (see the module).
    pub async fn statistics_overview(&self, scope: OverviewScope) -> Result<Overview> {
        let period = Period::check(scope.from.as_deref(), scope.to.as_deref())?;
        let kind = scope.kind;
        let archived = scope.include_archived;
        let mut tx = self.pool().begin().await?;

        let partnerships: Vec<PartnershipRow> = sqlx::query_as(concat!(
            "SELECT t.id, t.name, t.kind, t.archived_at IS NOT NULL AS archived \
             FROM partnerships t WHERE ",
            in_scope!(),
            " ORDER BY t.name_key, t.id"
        ))
        .bind(kind)
        .bind(archived)
        .fetch_all(&mut *tx)
        .await?;

        let kinds: Vec<KindRow> = sqlx::query_as(concat!(
            "SELECT m.partnership_id, m.kind, count(*) AS meetings, \
             sum(m.extra_women + coalesce(c.women, 0)) AS women, \
             sum(m.extra_men + coalesce(c.men, 0)) AS men, \
             sum(m.extra_other + coalesce(c.other, 0)) AS other, \
             sum(m.extra_not_stated + coalesce(c.not_stated, 0)) AS not_stated, \
             sum(m.extra_women + m.extra_men + m.extra_other + m.extra_not_stated \
                 + coalesce(c.women + c.men + c.other + c.not_stated, 0)) AS total \
             FROM partnerships t JOIN meetings m ON m.partnership_id = t.id \
             LEFT JOIN attendance_tally_meeting c ON c.meeting_id = m.id WHERE ",
            in_scope!(),
            " AND ",
            in_period!("m.date", "3", "4"),
            " GROUP BY m.partnership_id, m.kind"
        ))
        .bind(kind)
        .bind(archived)
        .bind(period.from)
        .bind(period.to)
        .fetch_all(&mut *tx)
        .await?;

        // The distinct (partnership, person) pairs once; the rows and the
        // total both count from them.
        let people: Vec<PeopleRow> = sqlx::query_as(concat!(
            "WITH pairs AS MATERIALIZED ( \
               SELECT DISTINCT m.partnership_id, a.person_id \
               FROM partnerships t JOIN meetings m ON m.partnership_id = t.id \
               JOIN attendance a ON a.meeting_id = m.id \
               WHERE a.status = 'attended' AND ",
            in_scope!(),
            " AND ",
            in_period!("m.date", "3", "4"),
            ") SELECT q.partnership_id, ",
            genders!(),
            ", count(DISTINCT p.organisation_id) AS organisations \
             FROM pairs q JOIN people p ON p.id = q.person_id GROUP BY q.partnership_id \
             UNION ALL SELECT NULL, ",
            genders!(),
            ", count(DISTINCT p.organisation_id) \
             FROM people p WHERE p.id IN (SELECT person_id FROM pairs)"
        ))
        .bind(kind)
        .bind(archived)
        .bind(period.from)
        .bind(period.to)
        .fetch_all(&mut *tx)
        .await?;

        let members: Vec<MemberRow> = sqlx::query_as(concat!(
            "SELECT s.partnership_id, count(DISTINCT s.organisation_id) AS organisations \
             FROM partnerships t JOIN memberships s ON s.partnership_id = t.id WHERE ",
            in_scope!(),
            " GROUP BY s.partnership_id \
             UNION ALL SELECT NULL, count(DISTINCT s.organisation_id) \
             FROM partnerships t JOIN memberships s ON s.partnership_id = t.id WHERE ",
            in_scope!()
        ))
        .bind(kind)
        .bind(archived)
        .fetch_all(&mut *tx)
        .await?;

        let actions: Vec<ActionRow> = sqlx::query_as(concat!(
            "SELECT m.partnership_id, a.status, count(*) AS n \
             FROM partnerships t JOIN meetings m ON m.partnership_id = t.id \
             JOIN actions a ON a.meeting_id = m.id WHERE ",
            in_scope!(),
            " AND ",
            in_period!("m.date", "3", "4"),
            " GROUP BY m.partnership_id, a.status"
        ))
        .bind(kind)
        .bind(archived)
        .bind(period.from)
        .bind(period.to)
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;

        let mut figures: HashMap<PartnershipId, OverviewFigures> =
            partnerships.iter().map(|p| (p.id, OverviewFigures::default())).collect();
        let mut total = OverviewFigures::default();
        for row in kinds {
            let f = figures.entry(row.partnership_id).or_default();
            for f in [f, &mut total] {
                f.activities += row.meetings;
                f.participants.add(&row.participants);
                add_kind(&mut f.by_kind, row.kind, row.meetings, row.participants.total);
            }
        }
        for row in people {
            let f = match row.partnership_id {
                Some(id) => figures.entry(id).or_default(),
                None => &mut total,
            };
            f.people = row.people;
            f.organisations = row.organisations;
        }
        for row in members {
            let f = match row.partnership_id {
                Some(id) => figures.entry(id).or_default(),
                None => &mut total,
            };
            f.member_organisations = row.organisations;
        }
        for row in actions {
            figures.entry(row.partnership_id).or_default().actions.add(row.status, row.n);
            total.actions.add(row.status, row.n);
        }
        sort_kinds(&mut total.by_kind);
        let partnerships = partnerships
            .into_iter()
            .map(|p| {
                let mut figures = figures.remove(&p.id).unwrap_or_default();
                sort_kinds(&mut figures.by_kind);
                PartnershipFigures {
                    partnership_id: p.id,
                    name: p.name,
                    kind: p.kind,
                    archived: p.archived,
                    figures,
                }
            })
            .collect();
        Ok(Overview { period, partnerships, total })
    }
}
