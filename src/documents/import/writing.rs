//! Writing a planned import: every step applied inside the caller's write
//! transaction, new people all at once. Uses the import's `types` and `rows`
//! (the steps) and the registry's records.

use super::rows::Step;
use super::types::ImportAction;
use crate::Result;
use crate::kernel::validate;
use crate::registry::membership::{self, MembershipDraft};
use crate::registry::organisation;
use crate::registry::person::{self, ValidPerson};
use sqlx::SqliteConnection;

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
    let first: i64 = sqlx::query_scalar("SELECT coalesce(max(id), 0) + 1 FROM people")
        .fetch_one(&mut *conn)
        .await?;
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
    let mut new_people = Vec::new();
    for step in steps {
        match step {
            Step::Organisation { existing, valid, membership } => {
                let id = match existing {
                    Some(id) => {
                        organisation::update_valid(conn, id, &valid, now).await?;
                        id
                    }
                    None => organisation::insert_valid(conn, &valid, now).await?,
                };
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
    insert_people(conn, &new_people, now).await
}
