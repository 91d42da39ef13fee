//! Sending the outbox: every change made here since the last push, in one
//! server transaction, with what those changes do to the scopes they
//! touch. A record the server has a newer or a concurrent version of is
//! held back: the pull before the push brings it here (a conflict waits
//! for a person), and the next push sends the result. The outbox is
//! emptied only of what the server committed.

use super::audience::{self, Member, ScopeId};
use super::server::server_error;
use crate::exchange::record::{self, Identity, Kind};
use crate::exchange::version::{Relation, Version};
use crate::{Error, ErrorCode, Result, Workspace};
use serde_json::Value;
use sqlx::{Connection, PgConnection, SqliteConnection};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Rows per statement sent to the server.
const CHUNK: usize = 1000;

/// What a push did.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Pushed {
    pub sent: u32,
    pub held_back: u32,
    /// The highest change number this push took (0 if none).
    pub last_seq: i64,
}

/// One record (or tombstone) as it goes to the server.
struct Outgoing {
    uuid: String,
    kind: Kind,
    version: Version,
    deleted: bool,
    body: String,
    /// A person's accessibility needs, apart.
    sensitive: Option<String>,
}

/// What the server now has of a scope: rows written (UUID and the version
/// projected, empty for a whole record) and rows removed.
#[derive(Default)]
struct ScopeRows {
    written: Vec<(String, String)>,
    removed: Vec<String>,
}

/// A scope's rows to write and to remove.
struct ScopeChange {
    scope: ScopeId,
    upsert: Vec<(String, String, Option<String>)>,
    remove: Vec<String>,
}

/// Partnerships (row ids) whose scopes a change to `uuid` may touch.
async fn partnerships_touched(
    conn: &mut SqliteConnection,
    identity: &Identity,
    out: &mut BTreeSet<i64>,
) -> Result<()> {
    let uuid = identity.uuid.as_str();
    let rows: Vec<Option<i64>> = sqlx::query_scalar(
        "SELECT coalesce(p.local_id, (SELECT g.partnership_id FROM pairings g \
             JOIN records pr ON pr.kind = 'pairing' AND pr.local_id = g.id WHERE pr.uuid = s.scope)) \
         FROM shared_scope_rows s LEFT JOIN records p ON p.kind = 'partnership' AND p.uuid = s.scope \
         WHERE s.uuid = ?",
    )
    .bind(uuid)
    .fetch_all(&mut *conn)
    .await?;
    out.extend(rows.into_iter().flatten());
    let Some(id) = identity.local_id else { return Ok(()) };
    let sql = match identity.kind {
        Kind::Partnership => "SELECT id FROM partnerships WHERE id = ?1",
        Kind::Membership => "SELECT partnership_id FROM memberships WHERE id = ?1",
        Kind::Pairing => "SELECT partnership_id FROM pairings WHERE id = ?1",
        Kind::Meeting => "SELECT partnership_id FROM meetings WHERE id = ?1",
        Kind::Action => "SELECT partnership_id FROM actions WHERE id = ?1",
        Kind::Group => "SELECT partnership_id FROM partnership_groups WHERE id = ?1",
        Kind::Indicator => "SELECT partnership_id FROM indicators WHERE id = ?1",
        Kind::FollowUp => {
            "SELECT a.partnership_id FROM action_followups f \
             JOIN actions a ON a.id = f.action_id WHERE f.id = ?1"
        }
        Kind::Organisation | Kind::Person | Kind::Venue => return Ok(()),
    };
    let found: Option<i64> = sqlx::query_scalar(sql).bind(id).fetch_optional(&mut *conn).await?;
    out.extend(found);
    Ok(())
}

type Gathered = (Vec<(i64, String)>, Vec<Outgoing>, Vec<ScopeChange>);

/// Reads the outgoing records and the scope changes, in one snapshot.
async fn gather(
    conn: &mut SqliteConnection,
    all_scopes: bool,
    today: chrono::NaiveDate,
) -> Result<Gathered> {
    let outbox: Vec<(i64, String)> =
        sqlx::query_as("SELECT seq, uuid FROM outbox ORDER BY seq").fetch_all(&mut *conn).await?;
    let parked: BTreeSet<String> = super::conflicts::parked(conn).await?.into_iter().collect();
    let mut outgoing = Vec::new();
    let mut touched = BTreeSet::new();
    for (_, uuid) in &outbox {
        if parked.contains(uuid) {
            continue;
        }
        let Some(identity) = record::identity(conn, uuid).await? else { continue };
        if !all_scopes {
            partnerships_touched(conn, &identity, &mut touched).await?;
        }
        outgoing.push(match identity.local_id {
            Some(id) => {
                let (record, apart) =
                    audience::without_sensitive(record::read(conn, identity.kind, id).await?);
                Outgoing {
                    uuid: uuid.clone(),
                    kind: identity.kind,
                    version: identity.version,
                    deleted: false,
                    body: serde_json::to_string(&record).map_err(storage)?,
                    sensitive: (!apart.is_empty()).then(|| Value::Object(apart).to_string()),
                }
            }
            None => {
                let tombstone = record::tombstones_of(conn, uuid).await?;
                Outgoing {
                    uuid: uuid.clone(),
                    kind: identity.kind,
                    version: identity.version,
                    deleted: true,
                    body: serde_json::to_string(&tombstone).map_err(storage)?,
                    sensitive: None,
                }
            }
        });
    }
    let scopes = if all_scopes {
        audience::all_scopes(conn).await?
    } else {
        audience::scopes_of(conn, &touched).await?
    };
    let mut changes = Vec::new();
    for scope in scopes {
        let now = audience::members(conn, &scope, today).await?;
        let before: HashMap<String, String> =
            sqlx::query_as("SELECT uuid, version FROM shared_scope_rows WHERE scope = ?")
                .bind(&scope.uuid)
                .fetch_all(&mut *conn)
                .await?
                .into_iter()
                .collect();
        let mut upsert = Vec::new();
        for (uuid, Member { version, only }) in &now {
            let stored = match only {
                None => String::new(),
                Some(_) => version.clone(),
            };
            if before.get(uuid) != Some(&stored) {
                let projection = match only {
                    Some(context) => Some(
                        serde_json::to_string(&audience::projection(conn, context).await?)
                            .map_err(storage)?,
                    ),
                    None => None,
                };
                upsert.push((uuid.clone(), stored, projection));
            }
        }
        // A deleted record stays in its scopes: its tombstone must reach them.
        let mut remove = Vec::new();
        for uuid in before.keys().filter(|u| !now.contains_key(*u)) {
            let live = record::identity(conn, uuid).await?.is_some_and(|i| i.local_id.is_some());
            if live {
                remove.push(uuid.clone());
            }
        }
        changes.push(ScopeChange { scope, upsert, remove });
    }
    Ok((outbox, outgoing, changes))
}

fn storage(err: impl std::fmt::Display) -> Error {
    Error::new(ErrorCode::Storage, err.to_string())
}

/// What the server has of `uuids`: version, and whether this role may change it.
async fn server_versions(
    pg: &mut PgConnection,
    uuids: &[String],
) -> Result<HashMap<String, (Version, bool)>> {
    let mut out = HashMap::new();
    for chunk in uuids.chunks(CHUNK * 5) {
        let rows: Vec<(String, String, bool)> = sqlx::query_as(
            "SELECT uuid::text, version::text, visible FROM samlar.versions($1::text[]::uuid[])",
        )
        .bind(chunk)
        .fetch_all(&mut *pg)
        .await
        .map_err(server_error)?;
        for (uuid, version, visible) in rows {
            let version = Version::parse(&version).unwrap_or_default();
            out.insert(uuid, (version, visible));
        }
    }
    Ok(out)
}

/// Pushes the outbox. `all_scopes`: say what every scope holds (the first
/// push of a database), not only those the changes touch. `workspace`: the
/// workspace's id and name to make, on that first push.
pub(crate) async fn push(
    ws: &Workspace,
    pg: &mut PgConnection,
    all_scopes: bool,
    workspace: Option<(&str, &str)>,
) -> Result<Pushed> {
    let mut local = ws.pool().begin().await?;
    let (outbox, outgoing, changes) = gather(&mut local, all_scopes, ws.clock().today()).await?;
    local.rollback().await?;
    let no_scope_change = changes.iter().all(|c| c.upsert.is_empty() && c.remove.is_empty());
    if outgoing.is_empty() && no_scope_change && workspace.is_none() {
        forget(ws, &outbox, &BTreeSet::new(), &BTreeMap::new()).await?;
        return Ok(Pushed::default());
    }

    let mut tx = pg.begin().await.map_err(server_error)?;
    sqlx::query("SELECT samlar.change_lock()").execute(&mut *tx).await.map_err(server_error)?;
    if let Some((id, name)) = workspace {
        sqlx::query("INSERT INTO samlar.workspace (id, name) VALUES ($1::uuid, $2)")
            .bind(id)
            .bind(name)
            .execute(&mut *tx)
            .await
            .map_err(server_error)?;
    }
    let (administrator, sensitive): (bool, bool) =
        sqlx::query_as("SELECT samlar.is_administrator(), samlar.may_see_sensitive()")
            .fetch_one(&mut *tx)
            .await
            .map_err(server_error)?;

    // Records: written when the server has none or an older version.
    let uuids: Vec<String> = outgoing.iter().map(|o| o.uuid.clone()).collect();
    let there = server_versions(&mut tx, &uuids).await?;
    let mut held: BTreeSet<String> = BTreeSet::new();
    let mut writing: Vec<&Outgoing> = Vec::new();
    for o in &outgoing {
        match there.get(&o.uuid) {
            None => writing.push(o),
            Some((_, false)) => {} // not this role's to change: dropped
            Some((v, true)) => match o.version.relation(v) {
                Relation::Newer => writing.push(o),
                Relation::Same => {}
                Relation::Older | Relation::Concurrent => {
                    held.insert(o.uuid.clone());
                }
            },
        }
    }
    let mut last_seq = 0;
    for chunk in writing.chunks(CHUNK) {
        let seq: Option<i64> = sqlx::query_scalar(
            "WITH written AS (INSERT INTO samlar.records (uuid, kind, seq, version, deleted, body) \
               SELECT u, k, nextval('samlar.change_seq'), v, d, b \
               FROM UNNEST($1::text[]::uuid[], $2::text[], $3::text[]::jsonb[], $4::bool[], \
                           $5::text[]::jsonb[]) AS t(u, k, v, d, b) \
               ON CONFLICT (uuid) DO UPDATE SET seq = excluded.seq, version = excluded.version, \
                 deleted = excluded.deleted, body = excluded.body, pushed_by = session_user \
               RETURNING seq) SELECT max(seq) FROM written",
        )
        .bind(chunk.iter().map(|o| o.uuid.as_str()).collect::<Vec<_>>())
        .bind(chunk.iter().map(|o| o.kind.as_str()).collect::<Vec<_>>())
        .bind(chunk.iter().map(|o| o.version.to_json()).collect::<Vec<_>>())
        .bind(chunk.iter().map(|o| o.deleted).collect::<Vec<_>>())
        .bind(chunk.iter().map(|o| o.body.as_str()).collect::<Vec<_>>())
        .fetch_one(&mut *tx)
        .await
        .map_err(server_error)?;
        last_seq = last_seq.max(seq.unwrap_or(0));
    }
    // A deleted record keeps nothing on the server but its tombstone: a
    // context projection of it becomes the tombstone itself (whole, so
    // it reaches those who saw the context), and a person's needs go.
    let deleted: Vec<&str> =
        writing.iter().filter(|o| o.deleted).map(|o| o.uuid.as_str()).collect();
    if !deleted.is_empty() {
        sqlx::query(
            "UPDATE samlar.scope_records SET projection = NULL, seq = nextval('samlar.change_seq') \
             WHERE uuid = ANY($1::text[]::uuid[]) AND projection IS NOT NULL",
        )
        .bind(&deleted)
        .execute(&mut *tx)
        .await
        .map_err(server_error)?;
        sqlx::query("DELETE FROM samlar.sensitive_fields WHERE uuid = ANY($1::text[]::uuid[])")
            .bind(&deleted)
            .execute(&mut *tx)
            .await
            .map_err(server_error)?;
    }
    if sensitive {
        let apart: Vec<&Outgoing> =
            writing.iter().copied().filter(|o| o.sensitive.is_some()).collect();
        for chunk in apart.chunks(CHUNK) {
            sqlx::query(
                "INSERT INTO samlar.sensitive_fields (uuid, seq, fields) \
                 SELECT u, nextval('samlar.change_seq'), f \
                 FROM UNNEST($1::text[]::uuid[], $2::text[]::jsonb[]) AS t(u, f) \
                 ON CONFLICT (uuid) DO UPDATE SET seq = excluded.seq, fields = excluded.fields",
            )
            .bind(chunk.iter().map(|o| o.uuid.as_str()).collect::<Vec<_>>())
            .bind(chunk.iter().map(|o| o.sensitive.clone().unwrap_or_default()).collect::<Vec<_>>())
            .execute(&mut *tx)
            .await
            .map_err(server_error)?;
        }
    }

    // Scopes: made where this role may, then what each holds.
    let visible: BTreeSet<String> = sqlx::query_scalar("SELECT scope::text FROM samlar.scopes")
        .fetch_all(&mut *tx)
        .await
        .map_err(server_error)?
        .into_iter()
        .collect();
    let mut written_scopes: Vec<&ScopeChange> = Vec::new();
    for change in &changes {
        let scope = &change.scope;
        if !visible.contains(&scope.uuid) {
            let may = administrator
                || (scope.kind == Kind::Pairing && visible.contains(&scope.partnership));
            if !may {
                continue;
            }
            sqlx::query(
                "INSERT INTO samlar.scopes (scope, kind, partnership, label) \
                 VALUES ($1::uuid, $2, $3::uuid, $4) ON CONFLICT DO NOTHING",
            )
            .bind(&scope.uuid)
            .bind(scope.kind.as_str())
            .bind(&scope.partnership)
            .bind(&scope.label)
            .execute(&mut *tx)
            .await
            .map_err(server_error)?;
        }
        written_scopes.push(change);
    }
    let scope_uuids: Vec<String> = written_scopes
        .iter()
        .flat_map(|c| c.upsert.iter().map(|(u, _, _)| u.clone()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let on_server = server_versions(&mut tx, &scope_uuids).await?;
    let mut done_scopes: BTreeMap<String, ScopeRows> = BTreeMap::new();
    for change in &written_scopes {
        let rows: Vec<&(String, String, Option<String>)> =
            change.upsert.iter().filter(|(u, _, _)| on_server.contains_key(u)).collect();
        for chunk in rows.chunks(CHUNK) {
            sqlx::query(
                "INSERT INTO samlar.scope_records (scope, uuid, seq, projection) \
                 SELECT $1::uuid, u, nextval('samlar.change_seq'), p \
                 FROM UNNEST($2::text[]::uuid[], $3::text[]::jsonb[]) AS t(u, p) \
                 ON CONFLICT (scope, uuid) DO UPDATE SET seq = excluded.seq, \
                   projection = excluded.projection",
            )
            .bind(&change.scope.uuid)
            .bind(chunk.iter().map(|(u, _, _)| u.as_str()).collect::<Vec<_>>())
            .bind(chunk.iter().map(|(_, _, p)| p.clone()).collect::<Vec<_>>())
            .execute(&mut *tx)
            .await
            .map_err(server_error)?;
            // A record newly whole in a scope is numbered again, so that
            // those who see the scope pull it even if it did not change.
            let whole: Vec<&str> =
                chunk.iter().filter(|(_, _, p)| p.is_none()).map(|(u, _, _)| u.as_str()).collect();
            if !whole.is_empty() && !all_scopes {
                sqlx::query(
                    "UPDATE samlar.records SET seq = nextval('samlar.change_seq') \
                     WHERE uuid = ANY($1::text[]::uuid[])",
                )
                .bind(&whole)
                .execute(&mut *tx)
                .await
                .map_err(server_error)?;
            }
        }
        if !change.remove.is_empty() {
            sqlx::query(
                "DELETE FROM samlar.scope_records WHERE scope = $1::uuid \
                 AND uuid = ANY($2::text[]::uuid[])",
            )
            .bind(&change.scope.uuid)
            .bind(&change.remove)
            .execute(&mut *tx)
            .await
            .map_err(server_error)?;
        }
        let entry = done_scopes.entry(change.scope.uuid.clone()).or_default();
        entry.written.extend(rows.iter().map(|(u, v, _)| (u.clone(), v.clone())));
        entry.removed.extend(change.remove.iter().cloned());
    }
    let top: Option<i64> =
        sqlx::query_scalar("SELECT CASE WHEN is_called THEN last_value END FROM samlar.change_seq")
            .fetch_one(&mut *tx)
            .await
            .map_err(server_error)?;
    tx.commit().await.map_err(server_error)?;
    last_seq = last_seq.max(top.unwrap_or(0));

    forget(ws, &outbox, &held, &done_scopes).await?;
    Ok(Pushed {
        sent: u32::try_from(writing.len()).unwrap_or(u32::MAX),
        held_back: u32::try_from(held.len()).unwrap_or(u32::MAX),
        last_seq,
    })
}

/// After the server committed: the outbox forgets what went (a record
/// changed again meanwhile has a later number and stays; a record waiting
/// for a person's choice stays), and the scopes' rows are remembered.
async fn forget(
    ws: &Workspace,
    outbox: &[(i64, String)],
    keep: &BTreeSet<String>,
    scope_rows: &BTreeMap<String, ScopeRows>,
) -> Result<()> {
    let mut tx = crate::store::db::begin_write(ws.pool()).await?;
    let parked: BTreeSet<String> = super::conflicts::parked(&mut tx).await?.into_iter().collect();
    let gone: Vec<(i64, &str)> = outbox
        .iter()
        .filter(|(_, u)| !keep.contains(u) && !parked.contains(u))
        .map(|(s, u)| (*s, u.as_str()))
        .collect();
    for chunk in gone.chunks(CHUNK) {
        let list = serde_json::to_string(
            &chunk.iter().map(|(s, u)| serde_json::json!([s, u])).collect::<Vec<_>>(),
        )
        .map_err(storage)?;
        sqlx::query(
            "DELETE FROM outbox WHERE (seq, uuid) IN \
             (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?))",
        )
        .bind(list)
        .execute(&mut *tx)
        .await?;
    }
    for (scope, rows) in scope_rows {
        for (uuid, version) in &rows.written {
            sqlx::query(
                "INSERT INTO shared_scope_rows (scope, uuid, version) VALUES (?, ?, ?) \
                 ON CONFLICT (scope, uuid) DO UPDATE SET version = excluded.version",
            )
            .bind(scope)
            .bind(uuid)
            .bind(version)
            .execute(&mut *tx)
            .await?;
        }
        for uuid in &rows.removed {
            sqlx::query("DELETE FROM shared_scope_rows WHERE scope = ? AND uuid = ?")
                .bind(scope)
                .bind(uuid)
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}
