//! People's roles in a partnership: who sits in the steering group or the
//! project group, who is project leader, coordinator, external evaluator,
//! trainer or contact person — each for a period (`partnership_roles`).
//!
//! A person can hold several roles in one partnership, and the same role
//! again in a later period, but not the same role twice for overlapping
//! periods (`role_overlaps`). The holder can be anyone in the register, not
//! only people of the member organisations: an external evaluator from a
//! university, a trainer from a consultancy. A role is added with its
//! period (both dates optional: an open start is "since before Samlär", an
//! open end "still"), ended with an end date, or removed when it was a
//! mistake. Erasing a person removes their roles (the schema's cascade).
//!
//! Roles are part of their partnership's record: a change to them counts as
//! a change of the partnership when records travel (migration 0010).

use crate::kernel::limits::{self, MAX_ROLES_PER_PARTNERSHIP};
use crate::kernel::validate;
use crate::kernel::values::{ById, PartnershipId, PartnershipRoleId, PersonId};
use crate::registry::{partnership, person};
use crate::{Error, ErrorCode, Result, Workspace, store::db};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::{SqliteConnection, SqliteExecutor};
use ts_rs::TS;

/// A role a person holds in a partnership, in the order the partnership
/// page and the report show them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum PersonRole {
    SteeringGroup,
    ProjectGroup,
    ProjectLeader,
    Coordinator,
    ExternalEvaluator,
    Trainer,
    ContactPerson,
}

impl PersonRole {
    /// Every role, in the page's order.
    pub const ALL: [PersonRole; 7] = [
        PersonRole::SteeringGroup,
        PersonRole::ProjectGroup,
        PersonRole::ProjectLeader,
        PersonRole::Coordinator,
        PersonRole::ExternalEvaluator,
        PersonRole::Trainer,
        PersonRole::ContactPerson,
    ];
}

/// One person in one role for one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct RoleAssignment {
    pub id: PartnershipRoleId,
    pub partnership_id: PartnershipId,
    pub person_id: PersonId,
    pub person_name: String,
    pub organisation_name: Option<String>,
    pub role: PersonRole,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
}

/// The holders of one role, for the partnership page and the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoleHolders {
    pub role: PersonRole,
    /// Current and past holders: by start date, then name.
    pub holders: Vec<RoleAssignment>,
}

/// What "Lägg till i roll" sends. Dates are text, so that a badly written
/// one gets its own message; empty means open.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RoleDraft {
    pub partnership_id: PartnershipId,
    pub person_id: PersonId,
    pub role: PersonRole,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
}

/// Ends a role on a date (the last day the person held it).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EndRole {
    pub id: PartnershipRoleId,
    pub end_date: String,
}

macro_rules! columns {
    () => {
        "r.id, r.partnership_id, r.person_id, p.name AS person_name, \
         o.name AS organisation_name, r.role, r.start_date, r.end_date \
         FROM partnership_roles r JOIN people p ON p.id = r.person_id \
         LEFT JOIN organisations o ON o.id = p.organisation_id"
    };
}

/// A period: the end, when both are given, not before the start.
fn period(
    start: Option<&str>,
    end: Option<&str>,
) -> Result<(Option<NaiveDate>, Option<NaiveDate>)> {
    let start = validate::date(start, "startDate")?;
    let end = validate::date(end, "endDate")?;
    if let (Some(s), Some(e)) = (start, end)
        && e < s
    {
        return Err(Error::at(ErrorCode::EndBeforeStart, "endDate", "end before start"));
    }
    Ok((start, end))
}

/// Whether the person holds the role in the partnership during any day of
/// the period (open ends reach forever).
async fn overlaps(
    conn: &mut SqliteConnection,
    d: &RoleDraft,
    (start, end): (Option<NaiveDate>, Option<NaiveDate>),
) -> Result<bool> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM partnership_roles WHERE partnership_id = ?1 AND person_id = ?2 \
         AND role = ?3 AND (start_date IS NULL OR ?5 IS NULL OR start_date <= ?5) \
         AND (end_date IS NULL OR ?4 IS NULL OR end_date >= ?4) LIMIT 1",
    )
    .bind(d.partnership_id)
    .bind(d.person_id)
    .bind(d.role)
    .bind(start)
    .bind(end)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(found.is_some())
}

/// Adds a role; call inside a write transaction.
pub async fn insert(conn: &mut SqliteConnection, d: &RoleDraft) -> Result<PartnershipRoleId> {
    let dates = period(d.start_date.as_deref(), d.end_date.as_deref())?;
    if !partnership::exists(&mut *conn, d.partnership_id).await? {
        return Err(Error::new(ErrorCode::NotFound, "no such partnership"));
    }
    if !person::exists(&mut *conn, d.person_id).await? {
        return Err(Error::at(ErrorCode::UnknownPerson, "personId", "no such person"));
    }
    let held: i64 =
        sqlx::query_scalar("SELECT count(*) FROM partnership_roles WHERE partnership_id = ?")
            .bind(d.partnership_id)
            .fetch_one(&mut *conn)
            .await?;
    limits::count(held as usize + 1, "partnershipId", MAX_ROLES_PER_PARTNERSHIP)?;
    if overlaps(conn, d, dates).await? {
        let message = "the person holds the role during part of the period";
        return Err(Error::at(ErrorCode::RoleOverlaps, "startDate", message));
    }
    Ok(sqlx::query_scalar(
        "INSERT INTO partnership_roles (partnership_id, person_id, role, start_date, end_date) \
         VALUES (?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(d.partnership_id)
    .bind(d.person_id)
    .bind(d.role)
    .bind(dates.0)
    .bind(dates.1)
    .fetch_one(&mut *conn)
    .await?)
}

pub async fn get<'e>(ex: impl SqliteExecutor<'e>, id: PartnershipRoleId) -> Result<RoleAssignment> {
    let sql = concat!("SELECT ", columns!(), " WHERE r.id = ?");
    let row = sqlx::query_as(sql).bind(id).fetch_optional(ex).await?;
    row.ok_or_else(|| not_found(id))
}

/// Every role of the partnership, grouped by role in the page's order;
/// each role is there, with no holders when nobody holds it.
pub async fn of_partnership<'e>(
    ex: impl SqliteExecutor<'e>,
    id: PartnershipId,
) -> Result<Vec<RoleHolders>> {
    let sql = concat!(
        "SELECT ",
        columns!(),
        " WHERE r.partnership_id = ? ORDER BY coalesce(r.start_date, ''), p.name_key, r.id"
    );
    let all: Vec<RoleAssignment> = sqlx::query_as(sql).bind(id).fetch_all(ex).await?;
    Ok(PersonRole::ALL
        .into_iter()
        .map(|role| RoleHolders {
            role,
            holders: all.iter().filter(|r| r.role == role).cloned().collect(),
        })
        .collect())
}

/// The roles a person holds or held, in every partnership (for their data
/// export), by partnership then role.
pub async fn of_person<'e>(
    ex: impl SqliteExecutor<'e>,
    id: PersonId,
) -> Result<Vec<RoleAssignment>> {
    let sql = concat!(
        "SELECT ",
        columns!(),
        " WHERE r.person_id = ? ORDER BY r.partnership_id, r.role, r.start_date, r.id"
    );
    Ok(sqlx::query_as(sql).bind(id).fetch_all(ex).await?)
}

fn not_found(id: PartnershipRoleId) -> Error {
    Error::new(ErrorCode::NotFound, format!("role {id} does not exist"))
}

/// What a coordinator can do with people's roles in a partnership.
impl Workspace {
    pub async fn add_role(&self, draft: RoleDraft) -> Result<RoleAssignment> {
        let mut tx = db::begin_write(self.pool()).await?;
        let id = insert(&mut tx, &draft).await?;
        let role = get(&mut *tx, id).await?;
        tx.commit().await?;
        Ok(role)
    }

    /// Ends the role on the date given (the person held it until then).
    pub async fn end_role(&self, input: EndRole) -> Result<RoleAssignment> {
        let mut tx = db::begin_write(self.pool()).await?;
        let role = get(&mut *tx, input.id).await?;
        let Some(end) = validate::date(Some(&input.end_date), "endDate")? else {
            return Err(Error::at(ErrorCode::DateRequired, "endDate", "no end date"));
        };
        if role.start_date.is_some_and(|s| end < s) {
            return Err(Error::at(ErrorCode::EndBeforeStart, "endDate", "end before start"));
        }
        sqlx::query("UPDATE partnership_roles SET end_date = ? WHERE id = ?")
            .bind(end)
            .bind(input.id)
            .execute(&mut *tx)
            .await?;
        let role = get(&mut *tx, input.id).await?;
        tx.commit().await?;
        Ok(role)
    }

    /// Removes a role entered by mistake (ending it keeps its history).
    pub async fn remove_role(&self, input: ById<PartnershipRoleId>) -> Result<()> {
        let done = sqlx::query("DELETE FROM partnership_roles WHERE id = ?")
            .bind(input.id)
            .execute(self.pool())
            .await?;
        if done.rows_affected() == 0 {
            return Err(not_found(input.id));
        }
        Ok(())
    }
}
