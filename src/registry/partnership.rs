//! Partnerships: the learning partnerships (benchlearning networks,
//! model-municipality rounds, development partnerships, communities of
//! practice) whose record a coordinator keeps, with their charter — purpose,
//! shared problem, goals with expected effects, phase, owner and funding.
//! Validation lives here, next to the queries, so every way in (UI, import,
//! demo data, tests) obeys the same rules.

use crate::kernel::limits::{self, GOAL_MAX_CHARS, MAX_GOALS};
use crate::kernel::validate::{self, TEXT_MAX_CHARS};
use crate::kernel::values::{OrganisationId, PartnershipId, PersonId};
use crate::registry::{indicator_goals, person};
use crate::{Error, ErrorCode, Result, Workspace, store::db};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::sqlite::SqliteArguments;
use sqlx::{SqliteConnection, SqliteExecutor};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum PartnershipKind {
    Benchlearning,
    ModelMunicipalityRound,
    DevelopmentPartnership,
    CommunityOfPractice,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum Phase {
    Planning,
    Mobilisation,
    Implementation,
    Closed,
}

/// A partnership with its whole charter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct Partnership {
    pub id: PartnershipId,
    pub name: String,
    pub kind: PartnershipKind,
    pub phase: Phase,
    pub purpose: String,
    pub shared_problem: String,
    pub delimitation: String,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub project_owner_id: Option<OrganisationId>,
    pub contact_person_id: Option<PersonId>,
    pub funding_source: String,
    #[ts(type = "number | null")]
    pub budget_sek: Option<i64>,
    #[ts(type = "number | null")]
    pub granted_sek: Option<i64>,
    pub region: String,
    pub mandate_notes: String,
    pub power_balance_notes: String,
    pub missing_partners_notes: String,
    pub carry_home_notes: String,
    pub archived: bool,
    pub created_at: String,
    pub updated_at: String,
}

/// One row of the partnership list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct PartnershipSummary {
    pub id: PartnershipId,
    pub name: String,
    pub kind: PartnershipKind,
    pub phase: Phase,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub region: String,
    #[ts(type = "number")]
    pub organisation_count: i64,
    pub archived: bool,
    pub created_at: String,
}

/// A goal of the partnership and the effect it is expected to have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Goal {
    pub goal: String,
    pub expected_effect: String,
}

/// What the form sends to create or edit a partnership. Dates and amounts
/// are text, so that a badly written value gets its own message.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PartnershipDraft {
    pub name: String,
    pub kind: PartnershipKind,
    pub phase: Phase,
    pub purpose: String,
    pub shared_problem: String,
    pub delimitation: String,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub project_owner_id: Option<OrganisationId>,
    pub contact_person_id: Option<PersonId>,
    pub funding_source: String,
    pub budget: String,
    /// Beviljat stöd (e.g. from ESF); drafts from before it (demo data) leave it out.
    #[serde(default)]
    pub granted: String,
    pub region: String,
    pub mandate_notes: String,
    pub power_balance_notes: String,
    pub missing_partners_notes: String,
    pub carry_home_notes: String,
    pub goals: Vec<Goal>,
}

impl PartnershipDraft {
    /// A draft with only a name and kind; the rest empty.
    pub fn new(name: &str, kind: PartnershipKind) -> Self {
        Self {
            name: name.to_owned(),
            kind,
            phase: Phase::Planning,
            purpose: String::new(),
            shared_problem: String::new(),
            delimitation: String::new(),
            start_date: None,
            end_date: None,
            project_owner_id: None,
            contact_person_id: None,
            funding_source: String::new(),
            budget: String::new(),
            granted: String::new(),
            region: String::new(),
            mandate_notes: String::new(),
            power_balance_notes: String::new(),
            missing_partners_notes: String::new(),
            carry_home_notes: String::new(),
            goals: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum PartnershipStatus {
    Active,
    Archived,
    All,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PartnershipSort {
    Newest,
    Name,
    StartDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PartnershipQuery {
    pub search: String,
    pub status: PartnershipStatus,
    pub kind: Option<PartnershipKind>,
    pub sort: PartnershipSort,
}

impl PartnershipQuery {
    /// Every partnership, active or archived, newest first.
    pub fn all() -> Self {
        Self {
            search: String::new(),
            status: PartnershipStatus::All,
            kind: None,
            sort: PartnershipSort::Newest,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdatePartnership {
    pub id: PartnershipId,
    pub draft: PartnershipDraft,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetArchived {
    pub id: PartnershipId,
    pub archived: bool,
}

/// A draft that passed every rule, ready to be written.
#[derive(Debug)]
struct Valid {
    name: String,
    name_key: String,
    draft: PartnershipDraft,
    start_date: Option<NaiveDate>,
    end_date: Option<NaiveDate>,
    budget_sek: Option<i64>,
    granted_sek: Option<i64>,
    goals: Vec<Goal>,
}

fn validate(mut draft: PartnershipDraft) -> Result<Valid> {
    let name = validate::name(&draft.name, "name")?;
    for (text, field) in [
        (&mut draft.purpose, "purpose"),
        (&mut draft.shared_problem, "sharedProblem"),
        (&mut draft.delimitation, "delimitation"),
        (&mut draft.mandate_notes, "mandateNotes"),
        (&mut draft.power_balance_notes, "powerBalanceNotes"),
        (&mut draft.missing_partners_notes, "missingPartnersNotes"),
        (&mut draft.carry_home_notes, "carryHomeNotes"),
    ] {
        *text = validate::text(std::mem::take(text), field, TEXT_MAX_CHARS)?;
    }
    draft.funding_source = validate::short_text(&draft.funding_source, "fundingSource")?;
    draft.region = validate::short_text(&draft.region, "region")?;
    let start_date = validate::date(draft.start_date.as_deref(), "startDate")?;
    let end_date = validate::date(draft.end_date.as_deref(), "endDate")?;
    if let (Some(start), Some(end)) = (start_date, end_date)
        && end < start
    {
        let message = "end date is before start date";
        return Err(Error::at(ErrorCode::EndBeforeStart, "endDate", message));
    }
    let budget_sek = validate::count(&draft.budget, "budget")?;
    let granted_sek = validate::count(&draft.granted, "granted")?;
    let goals = validate_goals(std::mem::take(&mut draft.goals))?;
    Ok(Valid {
        name_key: validate::search_key(&name),
        name,
        draft,
        start_date,
        end_date,
        budget_sek,
        granted_sek,
        goals,
    })
}

/// Goals keep their order; a row left wholly empty is dropped, an effect
/// without its goal is refused.
fn validate_goals(goals: Vec<Goal>) -> Result<Vec<Goal>> {
    limits::count(goals.len(), "goals", MAX_GOALS)?;
    let mut kept = Vec::new();
    for (i, g) in goals.into_iter().enumerate() {
        let (goal, effect) = (g.goal.trim().to_owned(), g.expected_effect.trim().to_owned());
        if goal.is_empty() && effect.is_empty() {
            continue;
        }
        let field = format!("goals.{i}");
        if goal.is_empty() {
            return Err(Error::at(ErrorCode::GoalRequired, &format!("{field}.goal"), "no goal"));
        }
        kept.push(Goal {
            goal: validate::text(goal, &format!("{field}.goal"), GOAL_MAX_CHARS)?,
            expected_effect: validate::text(
                effect,
                &format!("{field}.expectedEffect"),
                GOAL_MAX_CHARS,
            )?,
        });
    }
    Ok(kept)
}

/// The columns of a `Partnership`, as a macro so that every query stays a
/// literal string (sqlx 0.9 refuses SQL built at run time).
macro_rules! columns {
    () => {
        "id, name, kind, phase, purpose, shared_problem, delimitation, start_date, end_date, \
         project_owner_id, contact_person_id, funding_source, budget_sek, granted_sek, \
         region, mandate_notes, power_balance_notes, missing_partners_notes, carry_home_notes, \
         archived_at IS NOT NULL AS archived, created_at, updated_at"
    };
}

/// The organisation and person a charter names must exist.
async fn check_references(conn: &mut SqliteConnection, draft: &PartnershipDraft) -> Result<()> {
    if let Some(id) = draft.project_owner_id
        && !crate::registry::organisation::exists(&mut *conn, id).await?
    {
        return Err(Error::at(
            ErrorCode::UnknownOrganisation,
            "projectOwnerId",
            "no such organisation",
        ));
    }
    if let Some(id) = draft.contact_person_id
        && !person::exists(&mut *conn, id).await?
    {
        return Err(Error::at(ErrorCode::UnknownPerson, "contactPersonId", "no such person"));
    }
    Ok(())
}

async fn save_goals(conn: &mut SqliteConnection, id: PartnershipId, goals: &[Goal]) -> Result<()> {
    indicator_goals::follow_goals(conn, id, goals.iter().map(|g| g.goal.as_str())).await?;
    sqlx::query("DELETE FROM partnership_goals WHERE partnership_id = ?")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for (position, g) in goals.iter().enumerate() {
        sqlx::query(
            "INSERT INTO partnership_goals (partnership_id, position, goal, expected_effect) \
             VALUES (?, ?, ?, ?)",
        )
        .bind(id)
        .bind(position as i64)
        .bind(&g.goal)
        .bind(&g.expected_effect)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

type CharterQuery<'q, O> = sqlx::query::QueryAs<'q, sqlx::Sqlite, O, SqliteArguments>;

/// Binds the charter's fields in the order both INSERT and UPDATE name them.
fn bind_charter<'q, O>(query: CharterQuery<'q, O>, v: &'q Valid) -> CharterQuery<'q, O> {
    let d = &v.draft;
    query
        .bind(&v.name)
        .bind(&v.name_key)
        .bind(d.kind)
        .bind(d.phase)
        .bind(&d.purpose)
        .bind(&d.shared_problem)
        .bind(&d.delimitation)
        .bind(v.start_date)
        .bind(v.end_date)
        .bind(d.project_owner_id)
        .bind(d.contact_person_id)
        .bind(&d.funding_source)
        .bind(v.budget_sek)
        .bind(v.granted_sek)
        .bind(&d.region)
        .bind(&d.mandate_notes)
        .bind(&d.power_balance_notes)
        .bind(&d.missing_partners_notes)
        .bind(&d.carry_home_notes)
}

/// Creates a partnership and its goals; call inside a write transaction.
pub async fn insert(
    conn: &mut SqliteConnection,
    draft: PartnershipDraft,
    now: &str,
) -> Result<Partnership> {
    let v = validate(draft)?;
    check_references(conn, &v.draft).await?;
    let sql = concat!(
        "INSERT INTO partnerships (name, name_key, kind, phase, purpose, shared_problem, \
         delimitation, start_date, end_date, project_owner_id, contact_person_id, \
         funding_source, budget_sek, granted_sek, region, mandate_notes, power_balance_notes, \
         missing_partners_notes, carry_home_notes, created_at, updated_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ",
        columns!()
    );
    let p: Partnership =
        bind_charter(sqlx::query_as(sql), &v).bind(now).bind(now).fetch_one(&mut *conn).await?;
    save_goals(conn, p.id, &v.goals).await?;
    Ok(p)
}

/// Replaces a partnership's charter and goals; call inside a write transaction.
pub async fn update(
    conn: &mut SqliteConnection,
    id: PartnershipId,
    draft: PartnershipDraft,
    now: &str,
) -> Result<Partnership> {
    let v = validate(draft)?;
    check_references(conn, &v.draft).await?;
    let sql = concat!(
        "UPDATE partnerships SET name = ?, name_key = ?, kind = ?, phase = ?, purpose = ?, \
         shared_problem = ?, delimitation = ?, start_date = ?, end_date = ?, \
         project_owner_id = ?, contact_person_id = ?, funding_source = ?, budget_sek = ?, \
         granted_sek = ?, region = ?, mandate_notes = ?, power_balance_notes = ?, \
         missing_partners_notes = ?, carry_home_notes = ?, updated_at = ? WHERE id = ? RETURNING ",
        columns!()
    );
    let p: Option<Partnership> =
        bind_charter(sqlx::query_as(sql), &v).bind(now).bind(id).fetch_optional(&mut *conn).await?;
    let p = p.ok_or_else(|| not_found(id))?;
    save_goals(conn, p.id, &v.goals).await?;
    Ok(p)
}

pub async fn set_archived<'e>(
    ex: impl SqliteExecutor<'e>,
    id: PartnershipId,
    archived: bool,
    now: &str,
) -> Result<Partnership> {
    // Archiving twice keeps the first date; un-archiving clears it.
    let sql = concat!(
        "UPDATE partnerships SET archived_at = CASE WHEN ?1 THEN coalesce(archived_at, ?2) END, \
         updated_at = ?2 WHERE id = ?3 RETURNING ",
        columns!()
    );
    let row = sqlx::query_as(sql).bind(archived).bind(now).bind(id).fetch_optional(ex).await?;
    row.ok_or_else(|| not_found(id))
}

pub async fn get<'e>(ex: impl SqliteExecutor<'e>, id: PartnershipId) -> Result<Partnership> {
    let sql = concat!("SELECT ", columns!(), " FROM partnerships WHERE id = ?");
    let row = sqlx::query_as(sql).bind(id).fetch_optional(ex).await?;
    row.ok_or_else(|| not_found(id))
}

pub async fn exists<'e>(ex: impl SqliteExecutor<'e>, id: PartnershipId) -> Result<bool> {
    let found: Option<i64> = sqlx::query_scalar("SELECT 1 FROM partnerships WHERE id = ?")
        .bind(id)
        .fetch_optional(ex)
        .await?;
    Ok(found.is_some())
}

pub async fn goals<'e>(ex: impl SqliteExecutor<'e>, id: PartnershipId) -> Result<Vec<Goal>> {
    Ok(sqlx::query_as(
        "SELECT goal, expected_effect FROM partnership_goals WHERE partnership_id = ? \
         ORDER BY position",
    )
    .bind(id)
    .fetch_all(ex)
    .await?)
}

/// Finds partnerships by any part of the name, ignoring case.
pub async fn list<'e>(
    ex: impl SqliteExecutor<'e>,
    query: &PartnershipQuery,
) -> Result<Vec<PartnershipSummary>> {
    let sql = "SELECT p.id, p.name, p.kind, p.phase, p.start_date, p.end_date, p.region, \
         (SELECT count(DISTINCT m.organisation_id) FROM memberships m \
          WHERE m.partnership_id = p.id) AS organisation_count, \
         p.archived_at IS NOT NULL AS archived, p.created_at \
         FROM partnerships p WHERE p.name_key LIKE ?1 ESCAPE '\\' \
         AND (?2 = 'all' OR (p.archived_at IS NULL) = (?2 = 'active')) \
         AND (?3 IS NULL OR p.kind = ?3) \
         ORDER BY CASE ?4 WHEN 'name' THEN p.name_key END, \
                  CASE ?4 WHEN 'start_date' THEN coalesce(p.start_date, '9999') END, \
                  p.created_at DESC, p.id DESC";
    let sort = match query.sort {
        PartnershipSort::Newest => "newest",
        PartnershipSort::Name => "name",
        PartnershipSort::StartDate => "start_date",
    };
    Ok(sqlx::query_as(sql)
        .bind(validate::like_pattern(&query.search)?)
        .bind(query.status)
        .bind(query.kind)
        .bind(sort)
        .fetch_all(ex)
        .await?)
}

fn not_found(id: PartnershipId) -> Error {
    Error::new(ErrorCode::NotFound, format!("partnership {id} does not exist"))
}

/// What a coordinator can do with partnerships.
impl Workspace {
    pub async fn create_partnership(&self, draft: PartnershipDraft) -> Result<Partnership> {
        let mut tx = db::begin_write(self.pool()).await?;
        let p = insert(&mut tx, draft, &self.clock().timestamp()).await?;
        tx.commit().await?;
        Ok(p)
    }

    pub async fn update_partnership(&self, input: UpdatePartnership) -> Result<Partnership> {
        let mut tx = db::begin_write(self.pool()).await?;
        let p = update(&mut tx, input.id, input.draft, &self.clock().timestamp()).await?;
        tx.commit().await?;
        Ok(p)
    }

    pub async fn set_partnership_archived(&self, input: SetArchived) -> Result<Partnership> {
        set_archived(self.pool(), input.id, input.archived, &self.clock().timestamp()).await
    }

    pub async fn partnerships(&self, query: PartnershipQuery) -> Result<Vec<PartnershipSummary>> {
        list(self.pool(), &query).await
    }
}
