//! Delegations by organisational level (seed 001: each organisation sends a
//! politician, a senior manager and a key person who take part throughout).
//! Three things, all for a reporting period (`kernel::period`):
//!
//! - **Attendance by level**: per meeting, the people who attended counted by
//!   their level (`people.level`, as it is now), with "not stated" for
//!   people whose level is not recorded. People who came without being
//!   registered (the meeting's headcounts) count as "not stated" too, so
//!   that each meeting's total is the total of the attendance statistics.
//!   The partnership's figure is the sum over its meetings (attendances, not
//!   distinct people; the delegation view counts people).
//! - **Expected levels**: the levels a partnership expects in every
//!   participating organisation's delegation (`partnerships.expected_levels`,
//!   migration 0013). Stored NULL means the kind's default: a
//!   model-municipality round expects politician, senior manager and
//!   strategist, other kinds none. Setting them always stores the list
//!   (also when it equals the default; an empty list means none expected).
//!   It is part of the partnership's record and travels with it.
//! - **The delegation view**: for each participating organisation, its
//!   people who take part, by level, and the expected levels it lacks.
//!
//! # Who is a participating organisation
//!
//! Members with the role participant or project owner. In a
//! model-municipality round the mentor organisations too: a mentor takes part
//! in the round's learning meetings and its own sessions with its
//! participant, and its round as mentor is the second step towards being a
//! Modellkommun, so its delegation is expected to have the same levels.
//! Cooperation and transnational partners are not expected to send a
//! delegation. An organisation with several such roles is one row.
//!
//! # Who takes part
//!
//! A person of the organisation (their organisation as it is now) who
//! attended at least one meeting of the partnership in the period, or who
//! holds a role in the partnership (steering group, project group, contact
//! person …) for some part of the period. A politician who sits in the
//! steering group takes part in the partnership's work even when the
//! learning meetings are attended by others, so the organisation is not
//! flagged as lacking a politician. Invited or absent alone is not taking
//! part.
//!
//! Only reads, except `set_expected_levels`; uses the kernel, the store and
//! the registry.

use crate::kernel::limits::{self, MAX_EXPECTED_LEVELS};
use crate::kernel::period::Period;
use crate::kernel::values::{
    ById, MeetingId, MeetingKind, OrganisationId, OrganisationLevel, PartnershipId, PersonId, Role,
};
use crate::registry::partnership::{self, PartnershipKind};
use crate::{Result, Workspace};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::{SqliteExecutor, SqlitePool};
use ts_rs::TS;

/// Every level, in the order tables show them.
pub const LEVELS: [OrganisationLevel; 4] = [
    OrganisationLevel::Politician,
    OrganisationLevel::SeniorManager,
    OrganisationLevel::Strategist,
    OrganisationLevel::Operational,
];

/// People counted by level.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct LevelCounts {
    #[ts(type = "number")]
    pub politician: i64,
    #[ts(type = "number")]
    pub senior_manager: i64,
    #[ts(type = "number")]
    pub strategist: i64,
    #[ts(type = "number")]
    pub operational: i64,
    #[ts(type = "number")]
    pub not_stated: i64,
    #[ts(type = "number")]
    pub total: i64,
}

impl LevelCounts {
    /// The count of one level.
    pub fn of(&self, level: OrganisationLevel) -> i64 {
        match level {
            OrganisationLevel::Politician => self.politician,
            OrganisationLevel::SeniorManager => self.senior_manager,
            OrganisationLevel::Strategist => self.strategist,
            OrganisationLevel::Operational => self.operational,
        }
    }

    fn count(&mut self, level: Option<OrganisationLevel>) {
        match level {
            Some(OrganisationLevel::Politician) => self.politician += 1,
            Some(OrganisationLevel::SeniorManager) => self.senior_manager += 1,
            Some(OrganisationLevel::Strategist) => self.strategist += 1,
            Some(OrganisationLevel::Operational) => self.operational += 1,
            None => self.not_stated += 1,
        }
        self.total += 1;
    }

    fn add(&mut self, other: &LevelCounts) {
        self.politician += other.politician;
        self.senior_manager += other.senior_manager;
        self.strategist += other.strategist;
        self.operational += other.operational;
        self.not_stated += other.not_stated;
        self.total += other.total;
    }
}

/// One meeting's attendance by level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct MeetingLevels {
    pub meeting_id: MeetingId,
    pub kind: MeetingKind,
    #[ts(type = "number | null")]
    pub number: Option<i64>,
    pub title: String,
    pub date: NaiveDate,
    #[sqlx(flatten)]
    pub attended: LevelCounts,
}

/// Attendance by level: per meeting in date order, and in total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AttendanceByLevel {
    pub meetings: Vec<MeetingLevels>,
    pub total: LevelCounts,
}

/// Which attendance to count: a partnership, or one of its meetings, for
/// a period (`from`, `to`: `YYYY-MM-DD`, inclusive, empty for open).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LevelScope {
    pub partnership_id: PartnershipId,
    #[serde(default)]
    pub meeting_id: Option<MeetingId>,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
}

/// The delegations of a partnership for a period (`from`, `to` as in
/// `LevelScope`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DelegationScope {
    pub partnership_id: PartnershipId,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
}

/// The levels a partnership expects in each delegation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExpectedLevels {
    pub partnership_id: PartnershipId,
    /// In the order of `LEVELS`; empty when none are expected.
    pub levels: Vec<OrganisationLevel>,
    /// Nothing stored: the levels are the partnership kind's default.
    pub is_default: bool,
}

/// What the checkboxes of "Förväntade nivåer" send.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetExpectedLevels {
    pub partnership_id: PartnershipId,
    /// At most one of each level (`too_many` over four entries); repeats
    /// count once.
    pub levels: Vec<OrganisationLevel>,
}

/// A person of a delegation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct DelegationPerson {
    pub person_id: PersonId,
    pub name: String,
    pub level: Option<OrganisationLevel>,
    /// Meetings of the partnership in the period the person attended.
    #[ts(type = "number")]
    pub meetings_attended: i64,
    /// Holds a role in the partnership for some part of the period.
    pub holds_role: bool,
}

/// One participating organisation's delegation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OrganisationDelegation {
    pub organisation_id: OrganisationId,
    pub organisation_name: String,
    /// Its roles in the partnership that make it participating.
    pub roles: Vec<Role>,
    /// Its people who take part, by level.
    pub counts: LevelCounts,
    /// Those people, by name.
    pub people: Vec<DelegationPerson>,
    /// The expected levels none of its people who take part has.
    pub missing: Vec<OrganisationLevel>,
}

/// The delegation view of a partnership.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Delegations {
    pub expected: ExpectedLevels,
    /// By organisation name.
    pub organisations: Vec<OrganisationDelegation>,
    /// How many organisations lack at least one expected level.
    #[ts(type = "number")]
    pub lacking: i64,
}

fn not_found(id: PartnershipId) -> crate::Error {
    crate::Error::new(crate::ErrorCode::NotFound, format!("partnership {id} does not exist"))
}

/// The kind's levels when the partnership stores none.
pub fn default_levels(kind: PartnershipKind) -> Vec<OrganisationLevel> {
    match kind {
        PartnershipKind::ModelMunicipalityRound => LEVELS[..3].to_vec(),
        _ => Vec::new(),
    }
}

/// In `LEVELS` order, each once.
fn canonical(levels: &[OrganisationLevel]) -> Vec<OrganisationLevel> {
    LEVELS.into_iter().filter(|l| levels.contains(l)).collect()
}

/// The expected levels, the default applied. A stored list that is not a
/// JSON array (it travels, so it may come from elsewhere) counts as not
/// stored; entries that are not levels are left out.
pub async fn expected<'e>(
    ex: impl SqliteExecutor<'e>,
    id: PartnershipId,
) -> Result<ExpectedLevels> {
    let row: Option<(PartnershipKind, Option<String>)> =
        sqlx::query_as("SELECT kind, expected_levels FROM partnerships WHERE id = ?")
            .bind(id)
            .fetch_optional(ex)
            .await?;
    let (kind, stored) = row.ok_or_else(|| not_found(id))?;
    let stored = stored.and_then(|s| serde_json::from_str::<Vec<serde_json::Value>>(&s).ok());
    Ok(match stored {
        Some(values) => {
            let levels: Vec<OrganisationLevel> =
                values.into_iter().filter_map(|v| serde_json::from_value(v).ok()).collect();
            ExpectedLevels { partnership_id: id, levels: canonical(&levels), is_default: false }
        }
        None => {
            ExpectedLevels { partnership_id: id, levels: default_levels(kind), is_default: true }
        }
    })
}

/// Attendance by level of a partnership, or of one of its meetings, in a
/// checked period.
pub async fn by_level(
    pool: &SqlitePool,
    id: PartnershipId,
    meeting_id: Option<MeetingId>,
    period: Period,
) -> Result<AttendanceByLevel> {
    partnership::get(pool, id).await?;
    // The largest partnership of the national benchmark file (1,572
    // meetings, 63,448 attended rows) takes about 60 ms in the sqlite3 shell:
    // one lookup of the person per attended row. No tally by level exists.
    let sql = concat!(
        "SELECT m.id AS meeting_id, m.kind, m.number, m.title, m.date, \
         count(CASE p.level WHEN 'politician' THEN 1 END) AS politician, \
         count(CASE p.level WHEN 'senior_manager' THEN 1 END) AS senior_manager, \
         count(CASE p.level WHEN 'strategist' THEN 1 END) AS strategist, \
         count(CASE p.level WHEN 'operational' THEN 1 END) AS operational, \
         m.extra_women + m.extra_men + m.extra_other + m.extra_not_stated \
         + count(p.id) - count(p.level) AS not_stated, \
         m.extra_women + m.extra_men + m.extra_other + m.extra_not_stated + count(p.id) AS total \
         FROM meetings m \
         LEFT JOIN attendance a ON a.meeting_id = m.id AND a.status = 'attended' \
         LEFT JOIN people p ON p.id = a.person_id \
         WHERE m.partnership_id = ?1 AND (?2 IS NULL OR m.id = ?2) AND ",
        crate::in_period!("m.date", "3", "4"),
        " GROUP BY m.id ORDER BY m.date, m.id"
    );
    let meetings: Vec<MeetingLevels> = sqlx::query_as(sql)
        .bind(id)
        .bind(meeting_id)
        .bind(period.from)
        .bind(period.to)
        .fetch_all(pool)
        .await?;
    let mut total = LevelCounts::default();
    for m in &meetings {
        total.add(&m.attended);
    }
    Ok(AttendanceByLevel { meetings, total })
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    organisation_id: OrganisationId,
    organisation_name: String,
    role: Role,
}

#[derive(sqlx::FromRow)]
struct TakerRow {
    organisation_id: OrganisationId,
    #[sqlx(flatten)]
    person: DelegationPerson,
}

/// The delegation view of a partnership in a checked period.
pub async fn of_period(
    pool: &SqlitePool,
    id: PartnershipId,
    period: Period,
) -> Result<Delegations> {
    let p = partnership::get(pool, id).await?;
    let expected = expected(pool, id).await?;
    let roles: &[Role] = if p.kind == PartnershipKind::ModelMunicipalityRound {
        &[Role::ProjectOwner, Role::Participant, Role::Mentor]
    } else {
        &[Role::ProjectOwner, Role::Participant]
    };
    let members: Vec<MemberRow> = sqlx::query_as(
        "SELECT m.organisation_id, o.name AS organisation_name, m.role \
         FROM memberships m JOIN organisations o ON o.id = m.organisation_id \
         WHERE m.partnership_id = ?1 AND m.role IN ('project_owner', 'participant', 'mentor') \
         ORDER BY o.name_key, o.id, m.role",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    // A role counts when its dates meet the period's (open ends meet all).
    let sql = concat!(
        "WITH takers (person_id, meetings, holds_role) AS ( \
           SELECT a.person_id, count(*), 0 FROM attendance a \
           JOIN meetings m ON m.id = a.meeting_id \
           WHERE m.partnership_id = ?1 AND a.status = 'attended' AND ",
        crate::in_period!("m.date", "2", "3"),
        "  GROUP BY a.person_id \
           UNION ALL \
           SELECT r.person_id, 0, 1 FROM partnership_roles r WHERE r.partnership_id = ?1 \
           AND (?3 IS NULL OR r.start_date IS NULL OR r.start_date <= ?3) \
           AND (?2 IS NULL OR r.end_date IS NULL OR r.end_date >= ?2)) \
         SELECT p.organisation_id, p.id AS person_id, p.name, p.level, \
           sum(t.meetings) AS meetings_attended, max(t.holds_role) AS holds_role \
         FROM takers t JOIN people p ON p.id = t.person_id \
         WHERE p.organisation_id IN (SELECT organisation_id FROM memberships \
           WHERE partnership_id = ?1) \
         GROUP BY p.id ORDER BY p.name_key, p.id"
    );
    let takers: Vec<TakerRow> =
        sqlx::query_as(sql).bind(id).bind(period.from).bind(period.to).fetch_all(pool).await?;
    let mut organisations: Vec<OrganisationDelegation> = Vec::new();
    for m in members.into_iter().filter(|m| roles.contains(&m.role)) {
        match organisations.last_mut() {
            Some(last) if last.organisation_id == m.organisation_id => last.roles.push(m.role),
            _ => organisations.push(OrganisationDelegation {
                organisation_id: m.organisation_id,
                organisation_name: m.organisation_name,
                roles: vec![m.role],
                counts: LevelCounts::default(),
                people: Vec::new(),
                missing: Vec::new(),
            }),
        }
    }
    for t in takers {
        if let Some(o) = organisations.iter_mut().find(|o| o.organisation_id == t.organisation_id) {
            o.counts.count(t.person.level);
            o.people.push(t.person);
        }
    }
    let mut lacking = 0;
    for o in &mut organisations {
        o.missing = expected.levels.iter().copied().filter(|l| o.counts.of(*l) == 0).collect();
        lacking += i64::from(!o.missing.is_empty());
    }
    Ok(Delegations { expected, organisations, lacking })
}

impl Workspace {
    /// Attendance by level, per meeting and in total.
    pub async fn attendance_by_level(&self, scope: LevelScope) -> Result<AttendanceByLevel> {
        let period = Period::check(scope.from.as_deref(), scope.to.as_deref())?;
        by_level(self.pool(), scope.partnership_id, scope.meeting_id, period).await
    }

    /// The levels the partnership expects, its kind's default applied.
    pub async fn expected_levels(&self, input: ById<PartnershipId>) -> Result<ExpectedLevels> {
        expected(self.pool(), input.id).await
    }

    /// Stores the expected levels (in `LEVELS` order, each once); the
    /// partnership's record changes, so the change travels.
    pub async fn set_expected_levels(&self, input: SetExpectedLevels) -> Result<ExpectedLevels> {
        limits::count(input.levels.len(), "levels", MAX_EXPECTED_LEVELS)?;
        let levels = serde_json::to_string(&canonical(&input.levels))
            .map_err(|e| crate::Error::new(crate::ErrorCode::Storage, e.to_string()))?;
        let now = self.clock().timestamp();
        let mut tx = crate::store::db::begin_write(self.pool()).await?;
        let done = sqlx::query(
            "UPDATE partnerships SET expected_levels = ?1, updated_at = ?2 WHERE id = ?3",
        )
        .bind(levels)
        .bind(now)
        .bind(input.partnership_id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(not_found(input.partnership_id));
        }
        let expected = expected(&mut *tx, input.partnership_id).await?;
        tx.commit().await?;
        Ok(expected)
    }

    /// Each participating organisation's delegation and the expected levels
    /// it lacks.
    pub async fn delegations(&self, scope: DelegationScope) -> Result<Delegations> {
        let period = Period::check(scope.from.as_deref(), scope.to.as_deref())?;
        of_period(self.pool(), scope.partnership_id, period).await
    }
}
