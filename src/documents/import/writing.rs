//! Writing a planned import: every step applied inside the caller's write
//! transaction, new organisations (with their memberships) and new people
//! all at once. Uses the import's `types` and `rows` (the steps) and the
//! registry's records.
//!
//! Why all at once: in sqlx every statement is a round trip to the
//! connection's worker thread, and on two cores shared with other work each
//! hand-over can wait for a time slice. One statement per new organisation
//! made 10,000 of them take 0.7–1.2 s; one statement for them all takes a
//! fraction of that (BENCHMARKS.md, "Import").

use super::rows::{MembershipStep, Step};
use super::types::ImportAction;
use crate::Result;
use crate::kernel::validate;
use crate::registry::membership::{self, MembershipDraft};
use crate::registry::organisation::{self, ValidOrganisation};
use crate::registry::person::{self, ValidPerson};
use sqlx::SqliteConnection;

/// The tables whose new rows are written with their ids.
enum Table {
    Organisations,
    People,
}

/// The first id after the table's highest, for rows written with their ids.
async fn next_id(conn: &mut SqliteConnection, table: Table) -> Result<i64> {
    let sql = match table {
        Table::Organisations => "SELECT coalesce(max(id), 0) + 1 FROM organisations",
        Table::People => "SELECT coalesce(max(id), 0) + 1 FROM people",
    };
    Ok(sqlx::query_scalar(sql).fetch_one(&mut *conn).await?)
}

/// Writes new organisations with one statement for them all, and their new
/// memberships with one more. The plan found every membership's partnership
/// in this same transaction (`planning::plan`), and the organisations are
/// the ones written here, so both references hold.
async fn insert_organisations(
    conn: &mut SqliteConnection,
    organisations: &[(ValidOrganisation, Option<MembershipStep>)],
    now: &str,
) -> Result<()> {
    if organisations.is_empty() {
        return Ok(());
    }
    let first = next_id(conn, Table::Organisations).await?;
    let mut rows = Vec::with_capacity(organisations.len());
    let mut memberships = Vec::new();
    for (id, (v, membership)) in (first..).zip(organisations) {
        rows.push(serde_json::json!([
            id,
            v.name,
            validate::search_key(&v.name),
            v.kind,
            v.code,
            v.county,
            v.employees,
        ]));
        if let Some(m) = membership.as_ref().filter(|m| m.action != ImportAction::Unchanged) {
            let d = &m.draft;
            memberships.push(serde_json::json!([
                d.partnership_id,
                id,
                d.role,
                d.country,
                d.network_level,
                d.cluster,
            ]));
        }
    }
    sqlx::query(
        "INSERT INTO organisations (id, name, name_key, kind, code, county, employees, \
         created_at, updated_at) \
         SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, \
         value ->> 6, ?2, ?2 FROM json_each(?1) ORDER BY key",
    )
    .bind(serde_json::Value::Array(rows).to_string())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    if !memberships.is_empty() {
        sqlx::query(
            "INSERT INTO memberships (partnership_id, organisation_id, role, country, \
             network_level, cluster, created_at) \
             SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, \
             value ->> 5, ?2 FROM json_each(?1) ORDER BY key",
        )
        .bind(serde_json::Value::Array(memberships).to_string())
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Writes new people with one statement for them all and one for their
/// competences: `person::insert_valid` per row took five statements, each a
/// round trip to the database thread (see `Known`). The plan found their
/// organisations in this same transaction, so they exist.
async fn insert_people(
    conn: &mut SqliteConnection,
    people: &[ValidPerson],
    now: &str,
) -> Result<()> {
    if people.is_empty() {
        return Ok(());
    }
    let first = next_id(conn, Table::People).await?;
    let mut rows = Vec::with_capacity(people.len());
    let mut competences = Vec::new();
    for (id, v) in (first..).zip(people) {
        rows.push(serde_json::json!([
            id,
            v.name,
            validate::search_key(&v.name),
            v.organisation_id,
            v.title,
            v.level,
            v.email,
            v.email.as_deref().map(validate::search_key),
            v.phone,
            v.gender,
            v.has_mandate,
            v.accessibility_needs,
        ]));
        competences.extend(v.competences.iter().map(|c| serde_json::json!([id, c])));
    }
    sqlx::query(
        "INSERT INTO people (id, name, name_key, organisation_id, title, level, email, email_key, \
         phone, gender, has_mandate, accessibility_needs, created_at, updated_at) \
         SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, \
         value ->> 6, value ->> 7, value ->> 8, value ->> 9, value ->> 10, value ->> 11, ?2, ?2 \
         FROM json_each(?1) ORDER BY key",
    )
    .bind(serde_json::Value::Array(rows).to_string())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO person_competences (person_id, competence) \
         SELECT value ->> 0, value ->> 1 FROM json_each(?1)",
    )
    .bind(serde_json::Value::Array(competences).to_string())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Writes a plan's steps; call inside a write transaction.
pub(super) async fn apply_steps(
    conn: &mut SqliteConnection,
    steps: Vec<Step>,
    now: &str,
) -> Result<()> {
    let mut new_organisations = Vec::new();
    let mut new_people = Vec::new();
    for step in steps {
        match step {
            Step::Organisation { existing: None, valid, membership } => {
                new_organisations.push((valid, membership));
            }
            Step::Organisation { existing: Some(id), valid, membership } => {
                organisation::update_valid(conn, id, &valid, now).await?;
                if let Some(m) = membership {
                    let draft = MembershipDraft { organisation_id: id, ..m.draft };
                    match (m.existing, m.action) {
                        (_, ImportAction::Unchanged) => {}
                        (Some(mid), _) => membership::update_valid(conn, mid, &draft).await?,
                        (None, _) => {
                            membership::insert_valid(conn, &draft, now).await?;
                        }
                    }
                }
            }
            Step::Person { existing, valid } => match existing {
                Some(id) => person::update_valid(conn, id, &valid, now).await?,
                None => new_people.push(valid),
            },
        }
    }
    insert_organisations(conn, &new_organisations, now).await?;
    insert_people(conn, &new_people, now).await
}
