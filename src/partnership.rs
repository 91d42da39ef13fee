//! Partnerships: the learning partnerships (benchlearning networks,
//! model-municipality rounds, development partnerships, communities of
//! practice) whose record a coordinator keeps. Validation lives here, next to
//! the queries, so every way in (UI, import, tests) obeys the same rules.

use crate::{Error, ErrorCode, Result, Workspace};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::SqliteExecutor;
use ts_rs::TS;

pub const NAME_MAX_CHARS: usize = 200;
pub const TEXT_MAX_CHARS: usize = 10_000;

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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct Partnership {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub kind: PartnershipKind,
    pub purpose: String,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub archived: bool,
    pub created_at: String,
    pub updated_at: String,
}

/// What the form sends to create or edit a partnership. Dates are text so
/// that a badly written date gets its own message instead of a type error.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PartnershipDraft {
    pub name: String,
    pub kind: PartnershipKind,
    pub purpose: String,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum PartnershipStatus {
    Active,
    Archived,
    All,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PartnershipQuery {
    pub search: String,
    pub status: PartnershipStatus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PartnershipId {
    #[ts(type = "number")]
    pub id: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdatePartnership {
    #[ts(type = "number")]
    pub id: i64,
    pub draft: PartnershipDraft,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetArchived {
    #[ts(type = "number")]
    pub id: i64,
    pub archived: bool,
}

/// A draft that passed every rule, ready to be written.
#[derive(Debug)]
struct ValidPartnership {
    name: String,
    name_key: String,
    kind: PartnershipKind,
    purpose: String,
    start_date: Option<NaiveDate>,
    end_date: Option<NaiveDate>,
}

fn validate(draft: PartnershipDraft) -> Result<ValidPartnership> {
    let name = draft.name.trim().to_owned();
    if name.is_empty() {
        return Err(Error::at(ErrorCode::NameRequired, "name", "name is empty"));
    }
    if name.chars().count() > NAME_MAX_CHARS {
        return Err(Error::at(ErrorCode::NameTooLong, "name", "name is over 200 characters"));
    }
    if draft.purpose.chars().count() > TEXT_MAX_CHARS {
        let message = "purpose is over 10000 characters";
        return Err(Error::at(ErrorCode::TextTooLong, "purpose", message));
    }
    let start_date = parse_date(draft.start_date.as_deref(), "startDate")?;
    let end_date = parse_date(draft.end_date.as_deref(), "endDate")?;
    if let (Some(start), Some(end)) = (start_date, end_date)
        && end < start
    {
        let message = "end date is before start date";
        return Err(Error::at(ErrorCode::EndBeforeStart, "endDate", message));
    }
    Ok(ValidPartnership {
        name_key: search_key(&name),
        name,
        kind: draft.kind,
        purpose: draft.purpose,
        start_date,
        end_date,
    })
}

/// A date as Swedes write it: `2027-03-14`, nothing else. Empty means none.
fn parse_date(text: Option<&str>, field: &str) -> Result<Option<NaiveDate>> {
    let text = text.map(str::trim).unwrap_or_default();
    if text.is_empty() {
        return Ok(None);
    }
    let shaped = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(date) if shaped => Ok(Some(date)),
        _ => Err(Error::at(ErrorCode::InvalidDate, field, "date is not YYYY-MM-DD")),
    }
}

/// Lower-cased for search and uniqueness; Rust folds å, ä and ö, SQLite would not.
fn search_key(text: &str) -> String {
    text.trim().to_lowercase()
}

/// The columns of a `Partnership`, as a macro so that every query stays a
/// literal string (sqlx 0.9 refuses SQL built at run time).
macro_rules! columns {
    () => {
        "id, name, kind, purpose, start_date, end_date, \
         archived_at IS NOT NULL AS archived, created_at, updated_at"
    };
}

pub async fn insert<'e>(
    ex: impl SqliteExecutor<'e>,
    draft: PartnershipDraft,
    now: &str,
) -> Result<Partnership> {
    let p = validate(draft)?;
    let sql = concat!(
        "INSERT INTO partnerships (name, name_key, kind, purpose, start_date, end_date, \
         created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING ",
        columns!()
    );
    let row = sqlx::query_as(sql)
        .bind(p.name)
        .bind(p.name_key)
        .bind(p.kind)
        .bind(p.purpose)
        .bind(p.start_date)
        .bind(p.end_date)
        .bind(now)
        .bind(now)
        .fetch_one(ex)
        .await?;
    Ok(row)
}

pub async fn update<'e>(
    ex: impl SqliteExecutor<'e>,
    id: i64,
    draft: PartnershipDraft,
    now: &str,
) -> Result<Partnership> {
    let p = validate(draft)?;
    let sql = concat!(
        "UPDATE partnerships SET name = ?, name_key = ?, kind = ?, purpose = ?, \
         start_date = ?, end_date = ?, updated_at = ? WHERE id = ? RETURNING ",
        columns!()
    );
    let row = sqlx::query_as(sql)
        .bind(p.name)
        .bind(p.name_key)
        .bind(p.kind)
        .bind(p.purpose)
        .bind(p.start_date)
        .bind(p.end_date)
        .bind(now)
        .bind(id)
        .fetch_optional(ex)
        .await?;
    row.ok_or_else(|| not_found(id))
}

pub async fn set_archived<'e>(
    ex: impl SqliteExecutor<'e>,
    id: i64,
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

pub async fn get<'e>(ex: impl SqliteExecutor<'e>, id: i64) -> Result<Partnership> {
    let sql = concat!("SELECT ", columns!(), " FROM partnerships WHERE id = ?");
    let row = sqlx::query_as(sql).bind(id).fetch_optional(ex).await?;
    row.ok_or_else(|| not_found(id))
}

/// Newest first; `search` matches any part of the name, ignoring case.
pub async fn list<'e>(
    ex: impl SqliteExecutor<'e>,
    query: &PartnershipQuery,
) -> Result<Vec<Partnership>> {
    let pattern = format!("%{}%", escape_like(&search_key(&query.search)));
    let sql = concat!(
        "SELECT ",
        columns!(),
        " FROM partnerships WHERE name_key LIKE ?1 ESCAPE '\\' \
         AND (?2 = 'all' OR (archived_at IS NULL) = (?2 = 'active')) \
         ORDER BY created_at DESC, id DESC"
    );
    Ok(sqlx::query_as(sql).bind(pattern).bind(query.status).fetch_all(ex).await?)
}

fn escape_like(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn not_found(id: i64) -> Error {
    Error::new(ErrorCode::NotFound, format!("partnership {id} does not exist"))
}

/// What a coordinator can do with partnerships.
impl Workspace {
    pub async fn create_partnership(&self, draft: PartnershipDraft) -> Result<Partnership> {
        insert(self.pool(), draft, &self.clock().timestamp()).await
    }

    pub async fn update_partnership(&self, input: UpdatePartnership) -> Result<Partnership> {
        update(self.pool(), input.id, input.draft, &self.clock().timestamp()).await
    }

    pub async fn set_partnership_archived(&self, input: SetArchived) -> Result<Partnership> {
        set_archived(self.pool(), input.id, input.archived, &self.clock().timestamp()).await
    }

    pub async fn partnership(&self, input: PartnershipId) -> Result<Partnership> {
        get(self.pool(), input.id).await
    }

    pub async fn partnerships(&self, query: PartnershipQuery) -> Result<Vec<Partnership>> {
        list(self.pool(), &query).await
    }
}
