//! Applying what the server has after this computer's cursor. The server
//! numbers every change in commit order; a pull first reads the highest
//! number committed (under the writers' lock, so nothing below it is still
//! on its way), then applies everything after the cursor up to it, kind by
//! kind in the exchange's order (a record's references are always of an
//! earlier kind), a page per local transaction. The cursor moves in the
//! last one: a pull cut off half-way is done again, and applying a record
//! twice changes nothing the second time. A new scope granted since the
//! last pull is pulled from the start.

use super::server::server_error;
use super::status::Joined;
use crate::exchange::apply::{apply_steps_unindexed, refresh_meetings};
use crate::exchange::merge::{Step, plan};
use crate::exchange::package::Contents;
use crate::exchange::record::{self, Kind, Record, SENSITIVE, Tombstone};
use crate::exchange::writing;
use crate::{Error, ErrorCode, Result, Workspace};
use serde_json::{Map, Value};
use sqlx::{Connection, PgConnection};
use std::collections::{BTreeMap, HashMap, HashSet};

/// In the list of scopes seen: accessibility needs may be seen too.
const SENSITIVE_MARK: &str = "sensitive";

/// Records per page.
const PAGE: i64 = 2000;
const FIRST_UUID: &str = "00000000-0000-0000-0000-000000000000";

/// What a pull did.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Pulled {
    pub received: u32,
    pub new_conflicts: u32,
}

fn damaged(err: impl std::fmt::Display) -> Error {
    Error::new(ErrorCode::ServerError, format!("a record from the server: {err}"))
}

/// The highest change number committed on the server.
pub(crate) async fn committed(pg: &mut PgConnection) -> Result<i64> {
    let mut tx = pg.begin().await.map_err(server_error)?;
    sqlx::query("SELECT samlar.change_lock()").execute(&mut *tx).await.map_err(server_error)?;
    let top: Option<i64> =
        sqlx::query_scalar("SELECT CASE WHEN is_called THEN last_value END FROM samlar.change_seq")
            .fetch_one(&mut *tx)
            .await
            .map_err(server_error)?;
    tx.commit().await.map_err(server_error)?;
    Ok(top.unwrap_or(0))
}

/// Applies one page here: what does not conflict is written, what does
/// waits for a person.
async fn apply_page(ws: &Workspace, contents: Contents, done: &mut Pulled) -> Result<()> {
    if contents.records.is_empty() && contents.tombstones.is_empty() {
        return Ok(());
    }
    let now = ws.clock().timestamp();
    let mut tx = crate::store::db::begin_write(ws.pool()).await?;
    let steps = plan(&mut tx, &contents).await?;
    let mut writes = Vec::with_capacity(steps.len());
    for step in steps {
        match step {
            Step::Conflict { .. } | Step::DeletedThere { .. } | Step::DeletedHere { .. } => {
                super::conflicts::park(&mut tx, &step, &now).await?;
                done.new_conflicts += 1;
            }
            Step::Unchanged => {}
            other => {
                done.received += 1;
                writes.push(other);
            }
        }
    }
    let (_, meetings) = apply_steps_unindexed(&mut tx, writes, &[], &now).await?;
    for meeting in meetings {
        sqlx::query("INSERT OR IGNORE INTO sync_reindex (meeting_id) VALUES (?)")
            .bind(meeting)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Accessibility needs granted after a person last changed: the record
/// here has the same version as there, so the merge leaves it as it is;
/// the needs are written in its version, as no change of this computer's.
async fn fill_sensitive(ws: &Workspace, people: &[Record]) -> Result<()> {
    if people.is_empty() {
        return Ok(());
    }
    let now = ws.clock().timestamp();
    let mut tx = crate::store::db::begin_write(ws.pool()).await?;
    for person in people {
        let Some(here) = record::identity(&mut tx, &person.uuid).await? else { continue };
        let Some(id) = here.local_id else { continue };
        if here.version != person.version {
            continue;
        }
        let local = record::read(&mut tx, Kind::Person, id).await?;
        let differs = SENSITIVE
            .iter()
            .filter(|(k, _)| *k == Kind::Person)
            .any(|(_, f)| person.fields.get(*f).is_some_and(|v| local.fields.get(*f) != Some(v)));
        if differs {
            let mut whole = local;
            for (_, field) in SENSITIVE.iter().filter(|(k, _)| *k == Kind::Person) {
                if let Some(value) = person.fields.get(*field) {
                    whole.fields.insert((*field).to_owned(), value.clone());
                }
            }
            writing::write(&mut tx, &whole, Some(id), &now).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// People's accessibility needs for `uuids`, where this role may see them.
async fn sensitive_of(
    pg: &mut PgConnection,
    uuids: &[String],
) -> Result<HashMap<String, Map<String, Value>>> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT uuid::text, fields::text FROM samlar.sensitive_fields \
         WHERE uuid = ANY($1::text[]::uuid[])",
    )
    .bind(uuids)
    .fetch_all(&mut *pg)
    .await
    .map_err(server_error)?;
    rows.into_iter()
        .map(|(uuid, fields)| Ok((uuid, serde_json::from_str(&fields).map_err(damaged)?)))
        .collect()
}

/// What this role sees on the server: its scopes, and the mark of
/// accessibility needs when it may see them (a mark new since the last pull
/// pulls everything again); and whether it may.
pub(crate) async fn seen(pg: &mut PgConnection) -> Result<(Vec<String>, bool)> {
    let mut scopes: Vec<String> =
        sqlx::query_scalar("SELECT scope::text FROM samlar.scopes ORDER BY scope")
            .fetch_all(&mut *pg)
            .await
            .map_err(server_error)?;
    let sensitive: bool = sqlx::query_scalar("SELECT samlar.may_see_sensitive()")
        .fetch_one(&mut *pg)
        .await
        .map_err(server_error)?;
    if sensitive {
        scopes.push(SENSITIVE_MARK.to_owned());
    }
    Ok((scopes, sensitive))
}

/// Pulls everything after `joined.cursor` (from the start when a scope is
/// new) and moves the cursor.
pub(crate) async fn pull(ws: &Workspace, pg: &mut PgConnection, joined: &Joined) -> Result<Pulled> {
    let (scopes, sensitive) = seen(pg).await?;
    let known: HashSet<&String> = joined.scopes.iter().collect();
    let from = if scopes.iter().all(|s| known.contains(s)) { joined.cursor } else { 0 };
    let to = committed(pg).await?;
    let mut done = Pulled::default();
    if to > from {
        // Context records (projections of a few fields), by kind.
        let projections: Vec<(String, String)> = sqlx::query_as(
            "SELECT DISTINCT ON (uuid) uuid::text, projection::text FROM samlar.scope_records \
             WHERE projection IS NOT NULL AND seq > $1 AND seq <= $2 ORDER BY uuid, seq DESC",
        )
        .bind(from)
        .bind(to)
        .fetch_all(&mut *pg)
        .await
        .map_err(server_error)?;
        let mut context: BTreeMap<Kind, Vec<Record>> = BTreeMap::new();
        for (_, json) in projections {
            let record: Record = serde_json::from_str(&json).map_err(damaged)?;
            context.entry(record.kind).or_default().push(record);
        }
        for kind in Kind::ALL {
            let mut whole: HashSet<String> = HashSet::new();
            let mut after = FIRST_UUID.to_owned();
            loop {
                let rows: Vec<(String, String)> = sqlx::query_as(
                    "SELECT uuid::text, body::text FROM samlar.records \
                     WHERE kind = $1 AND NOT deleted AND seq > $2 AND seq <= $3 AND uuid > $4::uuid \
                     ORDER BY uuid LIMIT $5",
                )
                .bind(kind.as_str())
                .bind(from)
                .bind(to)
                .bind(&after)
                .bind(PAGE)
                .fetch_all(&mut *pg)
                .await
                .map_err(server_error)?;
                let Some((last, _)) = rows.last() else { break };
                after = last.clone();
                let mut records = Vec::with_capacity(rows.len());
                for (uuid, body) in &rows {
                    whole.insert(uuid.clone());
                    records.push(serde_json::from_str::<Record>(body).map_err(damaged)?);
                }
                let mut with_needs = Vec::new();
                if kind == Kind::Person && sensitive {
                    let uuids: Vec<String> = rows.iter().map(|(u, _)| u.clone()).collect();
                    let apart = sensitive_of(pg, &uuids).await?;
                    for record in &mut records {
                        if let Some(fields) = apart.get(&record.uuid) {
                            record.fields.extend(fields.clone());
                            with_needs.push(record.clone());
                        }
                    }
                }
                let full = rows.len() as i64 == PAGE;
                apply_page(ws, Contents { records, tombstones: Vec::new() }, &mut done).await?;
                fill_sensitive(ws, &with_needs).await?;
                if !full {
                    break;
                }
            }
            let seen_only: Vec<Record> = context
                .remove(&kind)
                .unwrap_or_default()
                .into_iter()
                .filter(|r| !whole.contains(&r.uuid))
                .collect();
            for page in seen_only.chunks(PAGE as usize) {
                let contents = Contents { records: page.to_vec(), tombstones: Vec::new() };
                apply_page(ws, contents, &mut done).await?;
            }
        }
        let mut after = FIRST_UUID.to_owned();
        loop {
            let rows: Vec<(String, String)> = sqlx::query_as(
                "SELECT uuid::text, body::text FROM samlar.records \
                 WHERE deleted AND seq > $1 AND seq <= $2 AND uuid > $3::uuid ORDER BY uuid LIMIT $4",
            )
            .bind(from)
            .bind(to)
            .bind(&after)
            .bind(PAGE)
            .fetch_all(&mut *pg)
            .await
            .map_err(server_error)?;
            let Some((last, _)) = rows.last() else { break };
            after = last.clone();
            let tombstones = rows
                .iter()
                .map(|(_, body)| serde_json::from_str::<Tombstone>(body).map_err(damaged))
                .collect::<Result<Vec<_>>>()?;
            let full = rows.len() as i64 == PAGE;
            apply_page(ws, Contents { records: Vec::new(), tombstones }, &mut done).await?;
            if !full {
                break;
            }
        }
    }
    let scopes = serde_json::to_string(&scopes).map_err(damaged)?;
    let mut tx = crate::store::db::begin_write(ws.pool()).await?;
    let pending: Vec<i64> =
        sqlx::query_scalar("SELECT meeting_id FROM sync_reindex").fetch_all(&mut *tx).await?;
    refresh_meetings(&mut tx, pending).await?;
    sqlx::query("DELETE FROM sync_reindex").execute(&mut *tx).await?;
    sqlx::query("UPDATE shared_workspace SET cursor = max(cursor, ?), scopes = ? WHERE id = 1")
        .bind(to.max(from))
        .bind(scopes)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(done)
}
