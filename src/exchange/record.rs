//! The canonical form of a record that travels: its UUID, kind, version,
//! who changed it last and when, and its fields as JSON, in which a
//! reference to another record is that record's UUID and the parts of a
//! record (a meeting's agenda, attendance, decisions …) are lists inside it.
//!
//! Which columns travel is `spec`'s; reading a record is here, writing one
//! is `writing`'s. Columns that are derived here (search keys, `updated_at`,
//! row ids) never travel. A field absent from a record is left as it is
//! here: that is how a mentor package leaves out people's accessibility
//! needs.

pub use super::spec::{Kind, Part, SENSITIVE, SPECS, Spec};
use super::version::Version;
use crate::kernel::validate;
use crate::{Error, ErrorCode, Result};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sqlx::SqliteConnection;

/// One record in its travelling form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Record {
    pub uuid: String,
    pub kind: Kind,
    pub version: Version,
    pub changed_at: String,
    pub changed_by: String,
    /// What people call it (a name, a date and title): shown in previews.
    pub label: String,
    pub fields: Map<String, Value>,
}

/// A deleted record: only that it is gone, and the version it had.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Tombstone {
    pub uuid: String,
    pub kind: Kind,
    pub version: Version,
    pub deleted_at: String,
    pub changed_by: String,
}

/// A record's row in `records`, here.
#[derive(Debug, Clone)]
pub struct Identity {
    pub uuid: String,
    pub kind: Kind,
    pub local_id: Option<i64>,
    pub version: Version,
}

/// SQL built here from the static specs above, never from input: values
/// from packages are always bound as parameters.
pub(super) fn built(sql: String) -> sqlx::AssertSqlSafe<String> {
    sqlx::AssertSqlSafe(sql)
}

fn uuid_of(kind: Kind, column: &str) -> String {
    format!(
        "(SELECT r.uuid FROM records r WHERE r.kind = '{}' AND r.local_id = {column})",
        kind.as_str()
    )
}

pub(super) fn local_id_of(kind: Kind, uuid: &str) -> String {
    format!(
        "(SELECT r.local_id FROM records r WHERE r.kind = '{}' AND r.uuid = {uuid})",
        kind.as_str()
    )
}

/// `json_object(...)` of a row's travelling fields; `row` is its alias.
fn object_sql(row: &str, fields: &[&str], refs: &[(&str, Kind)]) -> String {
    let mut pairs: Vec<String> = fields.iter().map(|f| format!("'{f}', {row}.{f}")).collect();
    pairs
        .extend(refs.iter().map(|(f, k)| format!("'{f}', {}", uuid_of(*k, &format!("{row}.{f}")))));
    format!("json_object({})", pairs.join(", "))
}

/// The SELECT that gives a record of `spec`'s kind as one JSON text, for
/// the row whose id is bound as ?1.
fn read_sql(spec: &Spec) -> String {
    let mut pairs = vec![format!("'fields', json({})", object_sql("t", spec.fields, spec.refs))];
    for part in spec.parts {
        pairs.push(format!(
            "'{name}', (SELECT json_group_array(json(o)) FROM (SELECT {obj} AS o FROM {table} p \
             WHERE p.{parent} = t.id ORDER BY {order}))",
            name = part.name,
            obj = object_sql("p", part.fields, part.refs),
            table = part.table,
            parent = part.parent,
            order = part.order_by
        ));
    }
    pairs.push(format!("'label', {}", spec.label));
    format!(
        "SELECT json_object({}), r.uuid, r.version, r.changed_at, r.changed_by \
         FROM {} t JOIN records r ON r.kind = '{}' AND r.local_id = t.id WHERE t.id = ?1",
        pairs.join(", "),
        spec.table,
        spec.kind.as_str()
    )
}

/// Reads the record of `kind` whose row id here is `id`.
pub async fn read(conn: &mut SqliteConnection, kind: Kind, id: i64) -> Result<Record> {
    let spec = kind.spec();
    let (json, uuid, version, changed_at, changed_by): (String, String, String, String, String) =
        sqlx::query_as(built(read_sql(spec))).bind(id).fetch_one(&mut *conn).await?;
    let mut whole: Map<String, Value> = serde_json::from_str(&json).map_err(storage)?;
    let mut fields = match whole.remove("fields") {
        Some(Value::Object(fields)) => fields,
        _ => Map::new(),
    };
    for part in spec.parts {
        let items = whole.remove(part.name).unwrap_or(Value::Array(Vec::new()));
        fields.insert(part.name.to_owned(), items);
    }
    let label = match whole.remove("label") {
        Some(Value::String(label)) => label,
        _ => String::new(),
    };
    let version = Version::parse(&version).ok_or_else(|| storage("a damaged version"))?;
    Ok(Record { uuid, kind, version, changed_at, changed_by, label, fields })
}

pub(super) fn storage(err: impl std::fmt::Display) -> Error {
    Error::new(ErrorCode::Storage, err.to_string())
}

/// The identity of `uuid` here, a live record or a tombstone.
pub async fn identity(conn: &mut SqliteConnection, uuid: &str) -> Result<Option<Identity>> {
    let row: Option<(String, Option<i64>, String)> =
        sqlx::query_as("SELECT kind, local_id, version FROM records WHERE uuid = ?")
            .bind(uuid)
            .fetch_optional(&mut *conn)
            .await?;
    let Some((kind, local_id, version)) = row else { return Ok(None) };
    let kind = Kind::ALL
        .into_iter()
        .find(|k| k.as_str() == kind)
        .ok_or_else(|| storage("an unknown kind"))?;
    let version = Version::parse(&version).ok_or_else(|| storage("a damaged version"))?;
    Ok(Some(Identity { uuid: uuid.to_owned(), kind, local_id, version }))
}

/// The UUID of the record of `kind` whose row id here is `id`.
pub async fn uuid_of_row(conn: &mut SqliteConnection, kind: Kind, id: i64) -> Result<String> {
    let uuid = sqlx::query_scalar("SELECT uuid FROM records WHERE kind = ? AND local_id = ?")
        .bind(kind.as_str())
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
    Ok(uuid)
}

/// The row here that the record's natural key names, when its UUID is new
/// here (see `Spec::natural_key`). `here_of` gives, for a record matched
/// the same way before it, the UUID it has here.
pub async fn natural_match(
    conn: &mut SqliteConnection,
    record: &Record,
    here_of: &std::collections::HashMap<String, String>,
) -> Result<Option<i64>> {
    let spec = record.kind.spec();
    if spec.natural_key.is_empty() {
        return Ok(None);
    }
    let mut fields = record.fields.clone();
    for (field, _) in spec.refs {
        if let Some(Value::String(uuid)) = fields.get_mut(*field)
            && let Some(here) = here_of.get(uuid.as_str())
        {
            *uuid = here.clone();
        }
    }
    let mut conditions = Vec::new();
    for key in spec.natural_key {
        let Some(value) = fields.get(*key) else { return Ok(None) };
        if value.is_null() {
            return Ok(None);
        }
        let path = format!("json_extract(?1, '$.{key}')");
        let condition = match spec.refs.iter().find(|(f, _)| f == key) {
            Some((_, kind)) => format!("t.{key} = {}", local_id_of(*kind, &path)),
            // Organisations, people and partnerships keep a search key of
            // their name (any case); venues and groups match by the name itself.
            None if *key == "name" && has_name_key(spec.kind) => "t.name_key = ?2".to_owned(),
            None if *key == "email" => "t.email_key = ?3".to_owned(),
            None => format!("t.{key} = {path}"),
        };
        conditions.push(condition);
    }
    let sql = format!(
        "SELECT t.id FROM {} t WHERE {} AND NOT EXISTS (SELECT 1 FROM records r \
         WHERE r.kind = '{}' AND r.local_id = t.id AND r.uuid = ?4)",
        spec.table,
        conditions.join(" AND "),
        spec.kind.as_str()
    );
    let fields = Value::Object(fields);
    let name = text_field(record, "name").map(|n| validate::search_key(&n));
    let email = text_field(record, "email").map(|e| e.to_lowercase());
    let id = sqlx::query_scalar(built(sql))
        .bind(fields.to_string())
        .bind(name)
        .bind(email)
        .bind(&record.uuid)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(id)
}

/// Whether the kind's table keeps `name_key`, the name as `validate::search_key` gives it.
pub(super) fn has_name_key(kind: Kind) -> bool {
    matches!(kind, Kind::Organisation | Kind::Person | Kind::Partnership)
}

pub(super) fn text_field(record: &Record, name: &str) -> Option<String> {
    record.fields.get(name).and_then(Value::as_str).map(str::to_owned)
}

/// All tombstones here.
pub async fn tombstones(conn: &mut SqliteConnection) -> Result<Vec<Tombstone>> {
    let rows: Vec<(String, String, String, String, String)> = sqlx::query_as(
        "SELECT uuid, kind, version, deleted_at, changed_by FROM records \
         WHERE local_id IS NULL ORDER BY deleted_at, uuid",
    )
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(uuid, kind, version, deleted_at, changed_by)| {
            let kind = Kind::ALL
                .into_iter()
                .find(|k| k.as_str() == kind)
                .ok_or_else(|| storage("an unknown kind"))?;
            let version = Version::parse(&version).ok_or_else(|| storage("a damaged version"))?;
            Ok(Tombstone { uuid, kind, version, deleted_at, changed_by })
        })
        .collect()
}

/// The tombstone of `uuid`, which must be one.
pub async fn tombstones_of(conn: &mut SqliteConnection, uuid: &str) -> Result<Tombstone> {
    let (kind, version, deleted_at, changed_by): (String, String, String, String) = sqlx::query_as(
        "SELECT kind, version, deleted_at, changed_by FROM records \
             WHERE uuid = ? AND local_id IS NULL",
    )
    .bind(uuid)
    .fetch_one(&mut *conn)
    .await?;
    let kind = Kind::ALL
        .into_iter()
        .find(|k| k.as_str() == kind)
        .ok_or_else(|| storage("an unknown kind"))?;
    let version = Version::parse(&version).ok_or_else(|| storage("a damaged version"))?;
    Ok(Tombstone { uuid: uuid.to_owned(), kind, version, deleted_at, changed_by })
}
