//! Organisations: the municipalities, regions, universities, unions and others
//! that take part in partnerships. A municipality or region keeps its official
//! four-digit code, the stable identifier public statistics use.

use crate::kernel::page::{Cursor, Names, Page, PageRequest};
use crate::kernel::validate;
use crate::kernel::values::{ById, NamedRef, OrganisationId, OrganisationKind};
use crate::registry::matching::OrganisationIndex;
use crate::{Error, ErrorCode, Result, Workspace, store::db};
use serde::{Deserialize, Serialize};
use sqlx::{SqliteConnection, SqliteExecutor};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct Organisation {
    pub id: OrganisationId,
    pub name: String,
    pub kind: OrganisationKind,
    pub code: Option<String>,
    pub county: String,
    #[ts(type = "number | null")]
    pub employees: Option<i64>,
    pub archived: bool,
    /// How many partnerships it is a member of, and how many people it has.
    #[ts(type = "number")]
    pub partnership_count: i64,
    #[ts(type = "number")]
    pub people_count: i64,
    pub created_at: String,
    pub updated_at: String,
}

/// What the form sends. The code and the number of employees are text so
/// that a badly written value gets its own message.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OrganisationDraft {
    pub name: String,
    pub kind: OrganisationKind,
    pub code: String,
    pub county: String,
    pub employees: String,
}

impl OrganisationDraft {
    pub fn new(name: &str, kind: OrganisationKind) -> Self {
        Self {
            name: name.to_owned(),
            kind,
            code: String::new(),
            county: String::new(),
            employees: String::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OrganisationSort {
    Name,
    Code,
    County,
    Employees,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OrganisationQuery {
    /// Any part of the name, or the code.
    pub search: String,
    pub kind: Option<OrganisationKind>,
    pub include_archived: bool,
    pub sort: OrganisationSort,
}

impl OrganisationQuery {
    pub fn all() -> Self {
        Self {
            search: String::new(),
            kind: None,
            include_archived: true,
            sort: OrganisationSort::Name,
        }
    }
}

pub type OrganisationsRequest = PageRequest<OrganisationQuery, Cursor<OrganisationId>>;
pub type OrganisationsPage = Page<Organisation, Cursor<OrganisationId>>;

/// The organisations a form offers to choose from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OrganisationNamesQuery {
    pub include_archived: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateOrganisation {
    pub id: OrganisationId,
    pub draft: OrganisationDraft,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetOrganisationArchived {
    pub id: OrganisationId,
    pub archived: bool,
}

/// What would be left pointing at nothing if the organisation were deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct OrganisationDependents {
    #[ts(type = "number")]
    pub memberships: i64,
    #[ts(type = "number")]
    pub people: i64,
}

impl OrganisationDependents {
    pub fn any(&self) -> bool {
        self.memberships > 0 || self.people > 0
    }
}

/// A draft that passed every rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidOrganisation {
    pub name: String,
    pub kind: OrganisationKind,
    pub code: Option<String>,
    pub county: String,
    pub employees: Option<i64>,
}

pub fn validate(draft: &OrganisationDraft) -> Result<ValidOrganisation> {
    Ok(ValidOrganisation {
        name: validate::name(&draft.name, "name")?,
        kind: draft.kind,
        code: validate::municipality_code(&draft.code, "code")?,
        county: validate::short_text(&draft.county, "county")?,
        employees: validate::count(&draft.employees, "employees")?,
    })
}

macro_rules! columns {
    () => {
        "o.id, o.name, o.kind, o.code, o.county, o.employees, \
         o.archived_at IS NOT NULL AS archived, \
         (SELECT count(DISTINCT m.partnership_id) FROM memberships m \
          WHERE m.organisation_id = o.id) AS partnership_count, \
         (SELECT count(*) FROM people p WHERE p.organisation_id = o.id) AS people_count, \
         o.created_at, o.updated_at"
    };
}

pub async fn insert_valid(
    conn: &mut SqliteConnection,
    v: &ValidOrganisation,
    now: &str,
) -> Result<OrganisationId> {
    let id = sqlx::query_scalar(
        "INSERT INTO organisations (name, name_key, kind, code, county, employees, created_at, \
         updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(&v.name)
    .bind(validate::search_key(&v.name))
    .bind(v.kind)
    .bind(&v.code)
    .bind(&v.county)
    .bind(v.employees)
    .bind(now)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    Ok(id)
}

pub async fn update_valid(
    conn: &mut SqliteConnection,
    id: OrganisationId,
    v: &ValidOrganisation,
    now: &str,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE organisations SET name = ?, name_key = ?, kind = ?, code = ?, county = ?, \
         employees = ?, updated_at = ? WHERE id = ?",
    )
    .bind(&v.name)
    .bind(validate::search_key(&v.name))
    .bind(v.kind)
    .bind(&v.code)
    .bind(&v.county)
    .bind(v.employees)
    .bind(now)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(not_found(id));
    }
    Ok(())
}

pub async fn get<'e>(ex: impl SqliteExecutor<'e>, id: OrganisationId) -> Result<Organisation> {
    let sql = concat!("SELECT ", columns!(), " FROM organisations o WHERE o.id = ?");
    let row = sqlx::query_as(sql).bind(id).fetch_optional(ex).await?;
    row.ok_or_else(|| not_found(id))
}

/// The stored fields of an organisation as a draft would give them, for
/// telling whether an import row changes anything.
pub async fn stored<'e>(
    ex: impl SqliteExecutor<'e>,
    id: OrganisationId,
) -> Result<ValidOrganisation> {
    let row: (String, OrganisationKind, Option<String>, String, Option<i64>) = sqlx::query_as(
        "SELECT name, kind, code, county, employees FROM organisations WHERE id = ?",
    )
    .bind(id)
    .fetch_one(ex)
    .await?;
    Ok(ValidOrganisation { name: row.0, kind: row.1, code: row.2, county: row.3, employees: row.4 })
}

pub async fn exists<'e>(ex: impl SqliteExecutor<'e>, id: OrganisationId) -> Result<bool> {
    let found: Option<i64> = sqlx::query_scalar("SELECT 1 FROM organisations WHERE id = ?")
        .bind(id)
        .fetch_optional(ex)
        .await?;
    Ok(found.is_some())
}

pub async fn named<'e>(
    ex: impl SqliteExecutor<'e>,
    id: OrganisationId,
) -> Result<Option<NamedRef<OrganisationId>>> {
    Ok(sqlx::query_as("SELECT id, name FROM organisations WHERE id = ?")
        .bind(id)
        .fetch_optional(ex)
        .await?)
}

/// Finds an organisation the way an import matches one, by the rule of
/// [`OrganisationIndex`]: by code, then by name. The query reads the
/// organisations that share either with the record; the index chooses.
pub async fn find_match(
    conn: &mut SqliteConnection,
    code: Option<&str>,
    name: &str,
) -> Result<Option<OrganisationId>> {
    let candidates: Vec<(OrganisationId, Option<String>, String)> = sqlx::query_as(
        "SELECT id, code, name_key FROM organisations WHERE code = ? OR name_key = ?",
    )
    .bind(code)
    .bind(validate::search_key(name))
    .fetch_all(&mut *conn)
    .await?;
    let mut index = OrganisationIndex::default();
    for (id, code, name_key) in candidates {
        index.add(id, code, name_key);
    }
    Ok(index.find(code, name))
}

/// The sort keys of an organisation in the list, by the query's sort
/// (`?5`): the number of employees, most first and none last (as a rank),
/// or the code (none last) or the county; then the name (the cursor of
/// `kernel::page`).
macro_rules! sort_keys {
    () => {
        "CASE ?5 WHEN 'employees' THEN coalesce(-o.employees, 1) ELSE 0 END AS k_rank, \
         CASE ?5 WHEN 'code' THEN coalesce(o.code, '9999') WHEN 'county' THEN o.county \
              ELSE '' END AS k_group, \
         o.name_key AS k_key"
    };
}

/// The organisations the query finds: `?1` … `?4` (the sort is `?5`).
macro_rules! filters {
    () => {
        " WHERE (o.name_key LIKE ?1 ESCAPE '\\' OR o.code = ?2) \
         AND (?3 IS NULL OR o.kind = ?3) AND (?4 OR o.archived_at IS NULL)"
    };
}

#[derive(sqlx::FromRow)]
struct Keyed {
    #[sqlx(flatten)]
    row: Organisation,
    k_rank: i64,
    k_group: String,
    k_key: String,
}

fn sort_key(sort: OrganisationSort) -> &'static str {
    match sort {
        OrganisationSort::Name => "name",
        OrganisationSort::Code => "code",
        OrganisationSort::County => "county",
        OrganisationSort::Employees => "employees",
    }
}

/// The organisations the query finds in its order, after the cursor (`?6`
/// … `?9`, all null for the start), at most `?10` (-1: all). The page's ids
/// are chosen from the keys alone; only their rows are read in full.
async fn list_after<'e>(
    ex: impl SqliteExecutor<'e>,
    query: &OrganisationQuery,
    after: Option<&Cursor<OrganisationId>>,
    fetch: i64,
) -> Result<Vec<(Organisation, Cursor<OrganisationId>)>> {
    let sql = concat!(
        "SELECT ",
        columns!(),
        ", k.k_rank, k.k_group, k.k_key FROM (SELECT * FROM (SELECT o.id, ",
        sort_keys!(),
        " FROM organisations o",
        filters!(),
        ") WHERE ?9 IS NULL OR (k_rank, k_group, k_key, id) > (?6, ?7, ?8, ?9) \
          ORDER BY k_rank, k_group, k_key, id LIMIT ?10) k \
         JOIN organisations o ON o.id = k.id ORDER BY k.k_rank, k.k_group, k.k_key, k.id"
    );
    let rows: Vec<Keyed> = sqlx::query_as(sql)
        .bind(validate::like_pattern(&query.search)?)
        .bind(query.search.trim())
        .bind(query.kind)
        .bind(query.include_archived)
        .bind(sort_key(query.sort))
        .bind(after.map(|c| c.rank))
        .bind(after.map(|c| c.group.as_str()))
        .bind(after.map(|c| c.key.as_str()))
        .bind(after.map(|c| c.id))
        .bind(fetch)
        .fetch_all(ex)
        .await?;
    Ok(rows
        .into_iter()
        .map(|k| {
            let cursor = Cursor { rank: k.k_rank, group: k.k_group, key: k.k_key, id: k.row.id };
            (k.row, cursor)
        })
        .collect())
}

/// Every organisation the query finds, in its order: for CSV export, not
/// the window (which takes it a page at a time).
pub async fn list<'e>(
    ex: impl SqliteExecutor<'e>,
    query: &OrganisationQuery,
) -> Result<Vec<Organisation>> {
    Ok(list_after(ex, query, None, -1).await?.into_iter().map(|(o, _)| o).collect())
}

/// How many organisations the query finds.
pub async fn count<'e>(ex: impl SqliteExecutor<'e>, query: &OrganisationQuery) -> Result<i64> {
    let sql = concat!("SELECT count(*) FROM organisations o", filters!());
    Ok(sqlx::query_scalar(sql)
        .bind(validate::like_pattern(&query.search)?)
        .bind(query.search.trim())
        .bind(query.kind)
        .bind(query.include_archived)
        .fetch_one(ex)
        .await?)
}

pub async fn dependents<'e>(
    ex: impl SqliteExecutor<'e>,
    id: OrganisationId,
) -> Result<OrganisationDependents> {
    Ok(sqlx::query_as(
        "SELECT (SELECT count(*) FROM memberships WHERE organisation_id = ?1) AS memberships, \
                (SELECT count(*) FROM people WHERE organisation_id = ?1) AS people",
    )
    .bind(id)
    .fetch_one(ex)
    .await?)
}

fn not_found(id: OrganisationId) -> Error {
    Error::new(ErrorCode::NotFound, format!("organisation {id} does not exist"))
}

/// What a coordinator can do with organisations.
impl Workspace {
    pub async fn create_organisation(&self, draft: OrganisationDraft) -> Result<Organisation> {
        let v = validate(&draft)?;
        let mut tx = db::begin_write(self.pool()).await?;
        let id = insert_valid(&mut tx, &v, &self.clock().timestamp()).await?;
        let organisation = get(&mut *tx, id).await?;
        tx.commit().await?;
        Ok(organisation)
    }

    pub async fn update_organisation(&self, input: UpdateOrganisation) -> Result<Organisation> {
        let v = validate(&input.draft)?;
        let mut tx = db::begin_write(self.pool()).await?;
        update_valid(&mut tx, input.id, &v, &self.clock().timestamp()).await?;
        let organisation = get(&mut *tx, input.id).await?;
        tx.commit().await?;
        Ok(organisation)
    }

    pub async fn organisation(&self, input: ById<OrganisationId>) -> Result<Organisation> {
        get(self.pool(), input.id).await
    }

    /// A page of the organisations the query finds, after the cursor.
    pub async fn organisations(&self, request: OrganisationsRequest) -> Result<OrganisationsPage> {
        let bounds = request.bounds()?;
        // One read transaction: the page and the count see the same data.
        let mut tx = self.pool().begin().await?;
        let rows = list_after(&mut *tx, &request.query, bounds.after, bounds.fetch).await?;
        let total = count(&mut *tx, &request.query).await?;
        tx.commit().await?;
        Ok(bounds.page(rows, total))
    }

    /// Every organisation's id and name, by name, for a form's choices;
    /// the archived ones only when asked for.
    pub async fn organisation_names(
        &self,
        input: OrganisationNamesQuery,
    ) -> Result<Names<OrganisationId>> {
        let rows: Vec<(OrganisationId, String)> = sqlx::query_as(
            "SELECT id, name FROM organisations WHERE ? OR archived_at IS NULL \
             ORDER BY name_key, id",
        )
        .bind(input.include_archived)
        .fetch_all(self.pool())
        .await?;
        Ok(rows.into_iter().collect())
    }

    pub async fn organisation_dependents(
        &self,
        input: ById<OrganisationId>,
    ) -> Result<OrganisationDependents> {
        get(self.pool(), input.id).await?;
        dependents(self.pool(), input.id).await
    }

    pub async fn set_organisation_archived(
        &self,
        input: SetOrganisationArchived,
    ) -> Result<Organisation> {
        let mut tx = db::begin_write(self.pool()).await?;
        let done = sqlx::query(
            "UPDATE organisations SET archived_at = CASE WHEN ?1 THEN coalesce(archived_at, ?2) \
             END, updated_at = ?2 WHERE id = ?3",
        )
        .bind(input.archived)
        .bind(self.clock().timestamp())
        .bind(input.id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(not_found(input.id));
        }
        let organisation = get(&mut *tx, input.id).await?;
        tx.commit().await?;
        Ok(organisation)
    }

    /// Deletes an organisation nothing depends on. One with memberships or
    /// people is refused with `in_use`: archive it instead.
    pub async fn delete_organisation(&self, input: ById<OrganisationId>) -> Result<()> {
        let mut tx = db::begin_write(self.pool()).await?;
        get(&mut *tx, input.id).await?;
        let deps = dependents(&mut *tx, input.id).await?;
        if deps.any() {
            let message = format!("{} memberships, {} people", deps.memberships, deps.people);
            return Err(Error::new(ErrorCode::InUse, message));
        }
        sqlx::query("DELETE FROM organisations WHERE id = ?")
            .bind(input.id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}
