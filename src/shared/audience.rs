//! Which records each scope of the shared workspace holds: a partnership
//! holds what a partnership package carries (`exchange::scope`), a pairing
//! what a mentor package carries, some of it only as context (a projection
//! of a few fields). The server's row-level security lets a role read the
//! records of the scopes granted to it, and nothing else; this computer
//! says, with each push, what its changes do to the scopes they touch.

use crate::Result;
use crate::exchange::record::{self, Kind, Record, SENSITIVE};
use crate::exchange::scope::{self, Selection};
use crate::kernel::values::{PairingId, PartnershipId};
use chrono::NaiveDate;
use serde_json::{Map, Value};
use sqlx::SqliteConnection;
use std::collections::{BTreeMap, BTreeSet};

/// A scope: a partnership or a pairing, by its record's UUID.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ScopeId {
    pub uuid: String,
    pub kind: Kind,
    /// The partnership's UUID (itself, for a partnership).
    pub partnership: String,
    pub label: String,
    local_id: i64,
}

/// A record's place in a scope: whole, or only some of its fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub version: String,
    /// For a context record: the fields the scope shows (read only when
    /// the scope's copy is out of date, by `projection`).
    pub only: Option<Context>,
}

/// A context record: its kind, its row here and the fields shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Context {
    kind: Kind,
    id: i64,
    fields: &'static [&'static str],
}

/// The projection of a context record: the fields shown, none sensitive.
pub async fn projection(conn: &mut SqliteConnection, context: &Context) -> Result<Record> {
    let mut record = record::read(conn, context.kind, context.id).await?;
    record.fields.retain(|name, _| context.fields.contains(&name.as_str()));
    Ok(without_sensitive(record).0)
}

/// Every scope here: each partnership and each of its pairings.
pub async fn all_scopes(conn: &mut SqliteConnection) -> Result<Vec<ScopeId>> {
    scopes_where(conn, "1 = 1").await
}

/// The scopes of the partnerships whose row ids are `partnerships`.
pub async fn scopes_of(
    conn: &mut SqliteConnection,
    partnerships: &BTreeSet<i64>,
) -> Result<Vec<ScopeId>> {
    if partnerships.is_empty() {
        return Ok(Vec::new());
    }
    let list = serde_json::to_string(partnerships).expect("numbers serialise");
    let condition = format!("p.id IN (SELECT value FROM json_each('{list}'))");
    scopes_where(conn, &condition).await
}

async fn scopes_where(conn: &mut SqliteConnection, condition: &str) -> Result<Vec<ScopeId>> {
    // `condition` is this module's own text (a JSON list of numbers).
    let sql = format!(
        "SELECT r.uuid, 'partnership', r.uuid, p.name, p.id FROM partnerships p \
           JOIN records r ON r.kind = 'partnership' AND r.local_id = p.id WHERE {condition} \
         UNION ALL \
         SELECT r.uuid, 'pairing', pr.uuid, p.name || ' – ' || coalesce(o.name, ''), g.id \
         FROM pairings g JOIN partnerships p ON p.id = g.partnership_id \
           JOIN records r ON r.kind = 'pairing' AND r.local_id = g.id \
           JOIN records pr ON pr.kind = 'partnership' AND pr.local_id = p.id \
           LEFT JOIN organisations o ON o.id = g.mentor_organisation_id WHERE {condition} \
         ORDER BY 2 DESC, 1"
    );
    let rows: Vec<(String, String, String, String, i64)> =
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(&mut *conn).await?;
    Ok(rows
        .into_iter()
        .map(|(uuid, kind, partnership, label, local_id)| ScopeId {
            uuid,
            kind: if kind == "pairing" { Kind::Pairing } else { Kind::Partnership },
            partnership,
            label,
            local_id,
        })
        .collect())
}

/// What `scope` holds now, by record UUID.
pub async fn members(
    conn: &mut SqliteConnection,
    scope: &ScopeId,
    today: NaiveDate,
) -> Result<BTreeMap<String, Member>> {
    let selections: Vec<Selection> = match scope.kind {
        Kind::Pairing => scope::pairing(conn, PairingId(scope.local_id), today).await?,
        _ => scope::partnership(conn, PartnershipId(scope.local_id)).await?,
    };
    let mut out: BTreeMap<String, Member> = BTreeMap::new();
    // Whole records first: a row selected both whole and as context is whole.
    let mut ordered: Vec<&Selection> = selections.iter().filter(|s| s.only.is_none()).collect();
    ordered.extend(selections.iter().filter(|s| s.only.is_some()));
    for selection in ordered {
        let list = serde_json::to_string(&selection.ids).expect("numbers serialise");
        let rows: Vec<(String, String, i64)> = sqlx::query_as(
            "SELECT uuid, version, local_id FROM records \
             WHERE kind = ? AND local_id IN (SELECT value FROM json_each(?))",
        )
        .bind(selection.kind.as_str())
        .bind(list)
        .fetch_all(&mut *conn)
        .await?;
        for (uuid, version, id) in rows {
            if out.contains_key(&uuid) {
                continue;
            }
            let only = selection.only.map(|fields| Context { kind: selection.kind, id, fields });
            out.insert(uuid, Member { version, only });
        }
    }
    Ok(out)
}

/// The record without its sensitive fields, and those fields apart (empty
/// when it has none).
pub fn without_sensitive(mut record: Record) -> (Record, Map<String, Value>) {
    let mut apart = Map::new();
    for (kind, field) in SENSITIVE {
        if *kind == record.kind
            && let Some(value) = record.fields.remove(*field)
        {
            apart.insert((*field).to_owned(), value);
        }
    }
    (record, apart)
}
