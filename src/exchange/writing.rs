//! Writing a record that arrived: as a new row or over the one here, with
//! the UUID and version it came with (through the `applying` table, which
//! the triggers of migration 0007 read instead of counting a local change),
//! its parts replaced, and deleting one so that its tombstone keeps the
//! version the deletion came with.

use super::record::{Kind, Part, Record, Spec, built, has_name_key, local_id_of, text_field};
use super::version::Version;
use crate::Result;
use crate::kernel::validate;
use serde_json::Value;
use sqlx::SqliteConnection;

/// Columns worked out here from the travelling ones.
fn derived(record: &Record) -> Vec<(&'static str, Value)> {
    let mut out = Vec::new();
    if let Some(name) = text_field(record, "name")
        && has_name_key(record.kind)
    {
        out.push(("name_key", Value::String(validate::search_key(&name))));
    }
    if record.kind == Kind::Person && record.fields.contains_key("email") {
        let key = text_field(record, "email").map(|e| Value::String(e.to_lowercase()));
        out.push(("email_key", key.unwrap_or(Value::Null)));
    }
    out
}

/// Writes `record` here, as a new row or over the row `local_id`, with its
/// own UUID and version (through `applying`, which the triggers read).
/// Fields the record does not carry are left as they are here (or get the
/// column's default in a new row). Returns the row id.
pub async fn write(
    conn: &mut SqliteConnection,
    record: &Record,
    local_id: Option<i64>,
    now: &str,
) -> Result<i64> {
    let spec = record.kind.spec();
    sqlx::query(
        "INSERT INTO applying (kind, uuid, version, changed_at, changed_by) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(spec.kind.as_str())
    .bind(&record.uuid)
    .bind(record.version.to_json())
    .bind(&record.changed_at)
    .bind(&record.changed_by)
    .execute(&mut *conn)
    .await?;
    let written = write_row(conn, spec, record, local_id, now).await;
    // The row in `applying` goes whatever happened: the transaction is
    // rolled back on an error anyway, and on success it must not linger.
    sqlx::query("DELETE FROM applying WHERE kind = ?")
        .bind(spec.kind.as_str())
        .execute(&mut *conn)
        .await?;
    let id = written?;
    if let Some(uuid) = existing_other_uuid(conn, spec.kind, id, &record.uuid).await? {
        // The row matched by its natural key had a UUID of its own here:
        // from now on it is known by the one that travelled, and the old
        // one answers for it as an alias.
        sqlx::query("UPDATE records SET uuid = ? WHERE uuid = ?")
            .bind(&record.uuid)
            .bind(&uuid)
            .execute(&mut *conn)
            .await?;
    }
    Ok(id)
}

async fn existing_other_uuid(
    conn: &mut SqliteConnection,
    kind: Kind,
    id: i64,
    uuid: &str,
) -> Result<Option<String>> {
    let found = sqlx::query_scalar(
        "SELECT uuid FROM records WHERE kind = ? AND local_id = ? AND uuid <> ?",
    )
    .bind(kind.as_str())
    .bind(id)
    .bind(uuid)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(found)
}

async fn write_row(
    conn: &mut SqliteConnection,
    spec: &Spec,
    record: &Record,
    local_id: Option<i64>,
    now: &str,
) -> Result<i64> {
    // (column, SQL expression over the record's JSON in ?1)
    let mut columns: Vec<(String, String)> = Vec::new();
    for field in spec.fields {
        if record.fields.contains_key(*field) {
            columns.push((field.to_string(), format!("json_extract(?1, '$.\"{field}\"')")));
        }
    }
    for (field, kind) in spec.refs {
        if record.fields.contains_key(*field) {
            let path = format!("json_extract(?1, '$.\"{field}\"')");
            columns.push((field.to_string(), local_id_of(*kind, &path)));
        }
    }
    let derived = derived(record);
    for (i, (column, _)) in derived.iter().enumerate() {
        columns.push((column.to_string(), format!("json_extract(?3, '$[{i}]')")));
    }
    // Memberships, follow-ups and indicators have no `updated_at`.
    if !matches!(spec.kind, Kind::Membership | Kind::FollowUp | Kind::Indicator) {
        columns.push(("updated_at".into(), "?2".into()));
    }
    let created_here = local_id.is_none() && !record.fields.contains_key("created_at");
    if created_here && spec.fields.contains(&"created_at") {
        columns.push(("created_at".into(), "?2".into()));
    }
    let sql = match local_id {
        None => format!(
            "INSERT INTO {} ({}) VALUES ({}) RETURNING id",
            spec.table,
            columns.iter().map(|(c, _)| c.as_str()).collect::<Vec<_>>().join(", "),
            columns.iter().map(|(_, e)| e.as_str()).collect::<Vec<_>>().join(", ")
        ),
        Some(_) => format!(
            "UPDATE {} SET {} WHERE id = ?4 RETURNING id",
            spec.table,
            columns.iter().map(|(c, e)| format!("{c} = {e}")).collect::<Vec<_>>().join(", ")
        ),
    };
    let derived_values = Value::Array(derived.into_iter().map(|(_, v)| v).collect());
    let fields = Value::Object(record.fields.clone()).to_string();
    let id: i64 = sqlx::query_scalar(built(sql))
        .bind(&fields)
        .bind(now)
        .bind(derived_values.to_string())
        .bind(local_id)
        .fetch_one(&mut *conn)
        .await?;
    for part in spec.parts {
        if record.fields.contains_key(part.name) {
            write_part(conn, part, id, &fields).await?;
        }
    }
    Ok(id)
}

/// Replaces the part's rows with those in the record. A row that refers to
/// a record not here (a person left out of the package) is left out.
async fn write_part(
    conn: &mut SqliteConnection,
    part: &Part,
    parent: i64,
    fields: &str,
) -> Result<()> {
    sqlx::query(built(format!("DELETE FROM {} WHERE {} = ?", part.table, part.parent)))
        .bind(parent)
        .execute(&mut *conn)
        .await?;
    let mut columns = vec![part.parent.to_string()];
    let mut values = vec!["?2".to_string()];
    let mut required = Vec::new();
    for field in part.fields {
        columns.push(field.to_string());
        values.push(format!("json_extract(e.value, '$.\"{field}\"')"));
    }
    for (field, kind) in part.refs {
        let path = format!("json_extract(e.value, '$.\"{field}\"')");
        let local = local_id_of(*kind, &path);
        columns.push(field.to_string());
        required.push(format!("({path} IS NULL OR {local} IS NOT NULL)"));
        values.push(local);
    }
    let filter = if required.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", required.join(" AND "))
    };
    let sql = format!(
        "INSERT INTO {} ({}) SELECT {} FROM json_each(?1, '$.\"{}\"') e{filter}",
        part.table,
        columns.join(", "),
        values.join(", "),
        part.name
    );
    sqlx::query(built(sql)).bind(fields).bind(parent).execute(&mut *conn).await?;
    Ok(())
}

/// Deletes the row of a record here, leaving its tombstone with `version`.
pub async fn delete(
    conn: &mut SqliteConnection,
    kind: Kind,
    local_id: i64,
    uuid: &str,
    version: &Version,
    changed_by: &str,
) -> Result<()> {
    let spec = kind.spec();
    sqlx::query(
        "INSERT INTO applying (kind, uuid, version, changed_at, changed_by) \
         VALUES (?, ?, ?, '', ?)",
    )
    .bind(kind.as_str())
    .bind(uuid)
    .bind(version.to_json())
    .bind(changed_by)
    .execute(&mut *conn)
    .await?;
    let done = sqlx::query(built(format!("DELETE FROM {} WHERE id = ?", spec.table)))
        .bind(local_id)
        .execute(&mut *conn)
        .await;
    sqlx::query("DELETE FROM applying WHERE kind = ?")
        .bind(kind.as_str())
        .execute(&mut *conn)
        .await?;
    done?;
    Ok(())
}
