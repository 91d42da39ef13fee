//! People: the politicians, managers, strategists and staff who take part.
//! This is personal data: the record keeps the least the work needs, keeps
//! accessibility needs out of lists unless asked for, and can export or erase
//! everything about one person.

use crate::kernel::limits::{
    self, ACCESSIBILITY_NEEDS_MAX_CHARS, COMPETENCE_MAX_CHARS, MAX_COMPETENCES,
};
use crate::kernel::page::Cursor;
use crate::kernel::validate;
use crate::kernel::values::{
    ById, Gender, NamedRef, OrganisationId, OrganisationLevel, PartnershipId, PersonId,
};
use crate::registry::matching::PersonIndex;
pub use crate::registry::person_query::{PersonQuery, PersonSort};
use crate::registry::person_query::{filters, sort_keys};
use crate::{Error, ErrorCode, Result, Workspace, store::db};
use serde::{Deserialize, Serialize};
use sqlx::sqlite::SqliteArguments;
use sqlx::{SqliteConnection, SqliteExecutor};
use ts_rs::TS;

/// The two competences the model-municipality concept asks for by name;
/// any other competence is a free tag.
pub const GENDER_EQUALITY: &str = "gender_equality";
pub const QUALITY_DEVELOPMENT: &str = "quality_development";

/// A person as lists show them: without accessibility needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonSummary {
    pub id: PersonId,
    pub name: String,
    pub organisation_id: Option<OrganisationId>,
    pub organisation_name: Option<String>,
    pub title: String,
    pub level: Option<OrganisationLevel>,
    pub email: Option<String>,
    pub phone: String,
    pub gender: Gender,
    pub has_mandate: bool,
    pub competences: Vec<String>,
}

/// A person with everything stored about them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Person {
    #[serde(flatten)]
    #[ts(flatten)]
    pub summary: PersonSummary,
    pub accessibility_needs: String,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PersonDraft {
    pub name: String,
    pub organisation_id: Option<OrganisationId>,
    pub title: String,
    pub level: Option<OrganisationLevel>,
    pub email: String,
    pub phone: String,
    pub gender: Gender,
    pub has_mandate: bool,
    pub competences: Vec<String>,
    pub accessibility_needs: String,
}

impl PersonDraft {
    pub fn new(name: &str, organisation_id: Option<OrganisationId>) -> Self {
        Self {
            name: name.to_owned(),
            organisation_id,
            title: String::new(),
            level: None,
            email: String::new(),
            phone: String::new(),
            gender: Gender::NotStated,
            has_mandate: false,
            competences: Vec::new(),
            accessibility_needs: String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdatePerson {
    pub id: PersonId,
    pub draft: PersonDraft,
}

/// A draft that passed every rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidPerson {
    pub name: String,
    pub organisation_id: Option<OrganisationId>,
    pub title: String,
    pub level: Option<OrganisationLevel>,
    pub email: Option<String>,
    pub phone: String,
    pub gender: Gender,
    pub has_mandate: bool,
    pub competences: Vec<String>,
    pub accessibility_needs: String,
}

impl ValidPerson {
    /// What is stored for a person, in the form an import compares rows with.
    pub fn stored(s: PersonSummary, accessibility_needs: String) -> Self {
        ValidPerson {
            name: s.name,
            organisation_id: s.organisation_id,
            title: s.title,
            level: s.level,
            email: s.email,
            phone: s.phone,
            gender: s.gender,
            has_mandate: s.has_mandate,
            competences: s.competences,
            accessibility_needs,
        }
    }
}

/// Competences keep their order; empty ones are dropped, and one that
/// differs from an earlier one only in case is the same one (a set of the
/// lower-cased ones, so that de-duplicating is linear).
pub fn validate(draft: &PersonDraft) -> Result<ValidPerson> {
    limits::count(draft.competences.len(), "competences", MAX_COMPETENCES)?;
    let mut competences: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for c in &draft.competences {
        let c = validate::text(c.trim().to_owned(), "competences", COMPETENCE_MAX_CHARS)?;
        if !c.is_empty() && seen.insert(c.to_lowercase()) {
            competences.push(c);
        }
    }
    Ok(ValidPerson {
        name: validate::name(&draft.name, "name")?,
        organisation_id: draft.organisation_id,
        title: validate::short_text(&draft.title, "title")?,
        level: draft.level,
        email: validate::email(&draft.email, "email")?,
        phone: validate::short_text(&draft.phone, "phone")?,
        gender: draft.gender,
        has_mandate: draft.has_mandate,
        competences,
        accessibility_needs: validate::text(
            draft.accessibility_needs.trim().to_owned(),
            "accessibilityNeeds",
            ACCESSIBILITY_NEEDS_MAX_CHARS,
        )?,
    })
}

/// Competences travel as one text joined by the unit separator.
const SEPARATOR: char = '\u{1f}';

#[derive(sqlx::FromRow)]
struct Row {
    id: PersonId,
    name: String,
    organisation_id: Option<OrganisationId>,
    organisation_name: Option<String>,
    title: String,
    level: Option<OrganisationLevel>,
    email: Option<String>,
    phone: String,
    gender: Gender,
    has_mandate: bool,
    competences: String,
}

impl From<Row> for PersonSummary {
    fn from(r: Row) -> Self {
        PersonSummary {
            id: r.id,
            name: r.name,
            organisation_id: r.organisation_id,
            organisation_name: r.organisation_name,
            title: r.title,
            level: r.level,
            email: r.email,
            phone: r.phone,
            gender: r.gender,
            has_mandate: r.has_mandate,
            competences: r
                .competences
                .split(SEPARATOR)
                .filter(|c| !c.is_empty())
                .map(str::to_owned)
                .collect(),
        }
    }
}

macro_rules! summary_columns {
    () => {
        "p.id, p.name, p.organisation_id, o.name AS organisation_name, p.title, p.level, \
         p.email, p.phone, p.gender, p.has_mandate, \
         coalesce((SELECT group_concat(c.competence, char(31)) FROM \
                   (SELECT competence FROM person_competences WHERE person_id = p.id \
                    ORDER BY competence) c), '') AS competences"
    };
}

async fn check_organisation(conn: &mut SqliteConnection, v: &ValidPerson) -> Result<()> {
    if let Some(id) = v.organisation_id
        && !crate::registry::organisation::exists(&mut *conn, id).await?
    {
        return Err(Error::at(
            ErrorCode::UnknownOrganisation,
            "organisationId",
            "no such organisation",
        ));
    }
    Ok(())
}

async fn save_competences(
    conn: &mut SqliteConnection,
    id: PersonId,
    competences: &[String],
) -> Result<()> {
    sqlx::query("DELETE FROM person_competences WHERE person_id = ?")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for c in competences {
        sqlx::query("INSERT INTO person_competences (person_id, competence) VALUES (?, ?)")
            .bind(id)
            .bind(c)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

type FieldsQuery<'q> = sqlx::query::QueryScalar<'q, sqlx::Sqlite, PersonId, SqliteArguments>;

/// Binds a person's fields in the order both INSERT and UPDATE name them.
fn bind_fields<'q>(query: FieldsQuery<'q>, v: &'q ValidPerson) -> FieldsQuery<'q> {
    query
        .bind(&v.name)
        .bind(validate::search_key(&v.name))
        .bind(v.organisation_id)
        .bind(&v.title)
        .bind(v.level)
        .bind(&v.email)
        .bind(v.email.as_deref().map(validate::search_key))
        .bind(&v.phone)
        .bind(v.gender)
        .bind(v.has_mandate)
        .bind(&v.accessibility_needs)
}

/// Creates a person; call inside a write transaction.
pub async fn insert_valid(
    conn: &mut SqliteConnection,
    v: &ValidPerson,
    now: &str,
) -> Result<PersonId> {
    check_organisation(conn, v).await?;
    let sql = "INSERT INTO people (name, name_key, organisation_id, title, level, email, \
         email_key, phone, gender, has_mandate, accessibility_needs, created_at, updated_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
    let id =
        bind_fields(sqlx::query_scalar(sql), v).bind(now).bind(now).fetch_one(&mut *conn).await?;
    save_competences(conn, id, &v.competences).await?;
    Ok(id)
}

/// Replaces a person's fields; call inside a write transaction.
pub async fn update_valid(
    conn: &mut SqliteConnection,
    id: PersonId,
    v: &ValidPerson,
    now: &str,
) -> Result<()> {
    check_organisation(conn, v).await?;
    let sql = "UPDATE people SET name = ?, name_key = ?, organisation_id = ?, title = ?, \
         level = ?, email = ?, email_key = ?, phone = ?, gender = ?, has_mandate = ?, \
         accessibility_needs = ?, updated_at = ? WHERE id = ? RETURNING id";
    let done: Option<PersonId> = bind_fields(sqlx::query_scalar(sql), v)
        .bind(now)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    if done.is_none() {
        return Err(not_found(id));
    }
    save_competences(conn, id, &v.competences).await
}

pub async fn get(conn: &mut SqliteConnection, id: PersonId) -> Result<Person> {
    let sql = concat!(
        "SELECT ",
        summary_columns!(),
        " FROM people p LEFT JOIN organisations o ON o.id = p.organisation_id WHERE p.id = ?"
    );
    let row: Option<Row> = sqlx::query_as(sql).bind(id).fetch_optional(&mut *conn).await?;
    let summary = PersonSummary::from(row.ok_or_else(|| not_found(id))?);
    let (accessibility_needs, created_at, updated_at) = sqlx::query_as(
        "SELECT accessibility_needs, created_at, updated_at FROM people WHERE id = ?",
    )
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    Ok(Person { summary, accessibility_needs, created_at, updated_at })
}

/// The stored fields as a draft would give them, for telling whether an
/// import row changes anything.
pub async fn stored(conn: &mut SqliteConnection, id: PersonId) -> Result<ValidPerson> {
    let p = get(conn, id).await?;
    Ok(ValidPerson::stored(p.summary, p.accessibility_needs))
}

pub async fn exists<'e>(ex: impl SqliteExecutor<'e>, id: PersonId) -> Result<bool> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM people WHERE id = ?").bind(id).fetch_optional(ex).await?;
    Ok(found.is_some())
}

pub async fn named<'e>(
    ex: impl SqliteExecutor<'e>,
    id: PersonId,
) -> Result<Option<NamedRef<PersonId>>> {
    Ok(sqlx::query_as("SELECT id, name FROM people WHERE id = ?")
        .bind(id)
        .fetch_optional(ex)
        .await?)
}

/// Finds a person the way an import matches one, by the rule of
/// [`PersonIndex`]: by e-mail address, then by name within the same
/// organisation. The query reads the people who share the e-mail address or
/// the name with the record; the index chooses.
pub async fn find_match(
    conn: &mut SqliteConnection,
    email: Option<&str>,
    name: &str,
    organisation_id: Option<OrganisationId>,
) -> Result<Option<PersonId>> {
    let candidates: Vec<(PersonId, Option<String>, String, Option<OrganisationId>)> =
        sqlx::query_as(
            "SELECT id, email_key, name_key, organisation_id FROM people \
         WHERE email_key = ? OR name_key = ?",
        )
        .bind(email.map(validate::search_key))
        .bind(validate::search_key(name))
        .fetch_all(&mut *conn)
        .await?;
    let mut index = PersonIndex::default();
    for (id, email_key, name_key, organisation_id) in candidates {
        index.add(id, email_key, name_key, organisation_id);
    }
    Ok(index.find(email, name, organisation_id))
}

#[derive(sqlx::FromRow)]
struct Keyed {
    #[sqlx(flatten)]
    row: Row,
    k_rank: i64,
    k_group: String,
    k_key: String,
}

/// The people the query finds (`person_query`) in its order, after the cursor (`?6` … `?9`,
/// all null for the start), at most `?10` (-1: all). The page's ids are
/// chosen first, from the keys alone; only their rows are read in full.
pub(super) async fn list_after<'e>(
    ex: impl SqliteExecutor<'e>,
    query: &PersonQuery,
    after: Option<&Cursor<PersonId>>,
    fetch: i64,
) -> Result<Vec<(PersonSummary, Cursor<PersonId>)>> {
    let sql = concat!(
        "SELECT ",
        summary_columns!(),
        ", k.k_rank, k.k_group, k.k_key FROM \
         (SELECT * FROM (SELECT p.id, ",
        sort_keys!(),
        " FROM people p LEFT JOIN organisations o ON o.id = p.organisation_id",
        filters!(),
        ") WHERE ?9 IS NULL OR (k_rank, k_group, k_key, id) > (?6, ?7, ?8, ?9) \
          ORDER BY k_rank, k_group, k_key, id LIMIT ?10) k \
         JOIN people p ON p.id = k.id LEFT JOIN organisations o ON o.id = p.organisation_id \
         ORDER BY k.k_rank, k.k_group, k.k_key, k.id"
    );
    let rows: Vec<Keyed> = sqlx::query_as(sql)
        .bind(validate::like_pattern(&query.search)?)
        .bind(query.organisation_id)
        .bind(query.partnership_id)
        .bind(query.level)
        .bind(query.sort.key())
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
            (PersonSummary::from(k.row), cursor)
        })
        .collect())
}

/// Everyone the query finds, in its order: for CSV export and import, not
/// the window (which takes it a page at a time, `person_list`).
pub async fn list<'e>(
    ex: impl SqliteExecutor<'e>,
    query: &PersonQuery,
) -> Result<Vec<PersonSummary>> {
    Ok(list_after(ex, query, None, -1).await?.into_iter().map(|(p, _)| p).collect())
}

/// The people of a partnership's member organisations, by organisation.
pub async fn of_partnership<'e>(
    ex: impl SqliteExecutor<'e>,
    partnership_id: PartnershipId,
) -> Result<Vec<PersonSummary>> {
    let query = PersonQuery {
        partnership_id: Some(partnership_id),
        sort: PersonSort::Organisation,
        ..PersonQuery::all()
    };
    list(ex, &query).await
}

pub(crate) fn not_found(id: PersonId) -> Error {
    Error::new(ErrorCode::NotFound, format!("person {id} does not exist"))
}

/// What a coordinator can do with people.
impl Workspace {
    pub async fn create_person(&self, draft: PersonDraft) -> Result<Person> {
        let v = validate(&draft)?;
        let mut tx = db::begin_write(self.pool()).await?;
        let id = insert_valid(&mut tx, &v, &self.clock().timestamp()).await?;
        let person = get(&mut tx, id).await?;
        tx.commit().await?;
        Ok(person)
    }

    pub async fn update_person(&self, input: UpdatePerson) -> Result<Person> {
        let v = validate(&input.draft)?;
        let mut tx = db::begin_write(self.pool()).await?;
        update_valid(&mut tx, input.id, &v, &self.clock().timestamp()).await?;
        let person = get(&mut tx, input.id).await?;
        tx.commit().await?;
        Ok(person)
    }

    pub async fn person(&self, input: ById<PersonId>) -> Result<Person> {
        get(&mut *self.pool().acquire().await?, input.id).await
    }
}
