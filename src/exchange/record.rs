//! The canonical form of a record that travels: its UUID, kind, version,
//! who changed it last and when, and its fields as JSON, in which a
//! reference to another record is that record's UUID and the parts of a
//! record (a meeting's agenda, attendance, decisions …) are lists inside it.
//!
//! One table of specs below says, per kind, which columns travel; reading
//! and writing are SQL generated from it, so that a new column is one line
//! here. Columns that are derived here (search keys, `updated_at`, row ids)
//! never travel. A field absent from a record is left as it is here: that
//! is how a mentor package leaves out people's accessibility needs.

use super::version::Version;
use crate::kernel::validate;
use crate::{Error, ErrorCode, Result};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sqlx::SqliteConnection;
use ts_rs::TS;

/// The kinds of record that travel, parents before children: a record's
/// references point only to kinds earlier in `Kind::ALL`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Organisation,
    Person,
    Partnership,
    Membership,
    Pairing,
    Meeting,
    Action,
    FollowUp,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::Organisation,
        Kind::Person,
        Kind::Partnership,
        Kind::Membership,
        Kind::Pairing,
        Kind::Meeting,
        Kind::Action,
        Kind::FollowUp,
    ];

    /// The name in `records.kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Organisation => "organisation",
            Kind::Person => "person",
            Kind::Partnership => "partnership",
            Kind::Membership => "membership",
            Kind::Pairing => "pairing",
            Kind::Meeting => "meeting",
            Kind::Action => "action",
            Kind::FollowUp => "follow_up",
        }
    }

    pub fn spec(self) -> &'static Spec {
        SPECS.iter().find(|s| s.kind == self).expect("every kind has a spec")
    }
}

/// How one kind is stored.
pub struct Spec {
    pub kind: Kind,
    pub table: &'static str,
    /// Columns that travel as they are.
    pub fields: &'static [&'static str],
    /// Columns that refer to another record, travelling as its UUID.
    pub refs: &'static [(&'static str, Kind)],
    pub parts: &'static [Part],
    /// Fields that identify the record here when its UUID is new here (the
    /// same municipality code, e-mail address, partnership name …): both
    /// sides made it without knowing of the other.
    pub natural_key: &'static [&'static str],
    /// An SQL expression over the row `t` that names the record for people.
    pub label: &'static str,
}

/// A list inside a record, kept in a table of its own.
pub struct Part {
    pub name: &'static str,
    pub table: &'static str,
    /// The column that points to the record.
    pub parent: &'static str,
    pub fields: &'static [&'static str],
    pub refs: &'static [(&'static str, Kind)],
    pub order_by: &'static str,
}

/// Fields too sensitive to travel unless the sender chose to include them.
pub const SENSITIVE: &[(Kind, &str)] = &[(Kind::Person, "accessibility_needs")];

pub static SPECS: &[Spec] = &[
    Spec {
        kind: Kind::Organisation,
        table: "organisations",
        fields: &["name", "kind", "code", "county", "employees", "archived_at", "created_at"],
        refs: &[],
        parts: &[],
        natural_key: &["code"],
        label: "t.name",
    },
    Spec {
        kind: Kind::Person,
        table: "people",
        fields: &[
            "name",
            "title",
            "level",
            "email",
            "phone",
            "gender",
            "has_mandate",
            "accessibility_needs",
            "created_at",
        ],
        refs: &[("organisation_id", Kind::Organisation)],
        parts: &[Part {
            name: "competences",
            table: "person_competences",
            parent: "person_id",
            fields: &["competence"],
            refs: &[],
            order_by: "competence",
        }],
        natural_key: &["email"],
        label: "t.name",
    },
    Spec {
        kind: Kind::Partnership,
        table: "partnerships",
        fields: &[
            "name",
            "kind",
            "purpose",
            "start_date",
            "end_date",
            "archived_at",
            "created_at",
            "shared_problem",
            "delimitation",
            "phase",
            "funding_source",
            "budget_sek",
            "region",
            "mandate_notes",
            "power_balance_notes",
            "missing_partners_notes",
            "carry_home_notes",
        ],
        refs: &[("project_owner_id", Kind::Organisation), ("contact_person_id", Kind::Person)],
        parts: &[Part {
            name: "goals",
            table: "partnership_goals",
            parent: "partnership_id",
            fields: &["position", "goal", "expected_effect"],
            refs: &[],
            order_by: "position",
        }],
        natural_key: &["name"],
        label: "t.name",
    },
    Spec {
        kind: Kind::Membership,
        table: "memberships",
        fields: &[
            "role",
            "country",
            "network_level",
            "cluster",
            "created_at",
            "completed_on",
            "mentor_capacity",
        ],
        refs: &[("partnership_id", Kind::Partnership), ("organisation_id", Kind::Organisation)],
        parts: &[],
        natural_key: &["partnership_id", "organisation_id", "role"],
        label: "(SELECT name FROM organisations WHERE id = t.organisation_id)",
    },
    Spec {
        kind: Kind::Pairing,
        table: "pairings",
        fields: &["start_date", "end_date", "status", "end_reason", "notes", "created_at"],
        refs: &[
            ("partnership_id", Kind::Partnership),
            ("mentor_organisation_id", Kind::Organisation),
        ],
        parts: &[
            Part {
                name: "participants",
                table: "pairing_participants",
                parent: "pairing_id",
                fields: &["position"],
                refs: &[("organisation_id", Kind::Organisation)],
                order_by: "position",
            },
            Part {
                name: "contacts",
                table: "pairing_contacts",
                parent: "pairing_id",
                fields: &["side"],
                refs: &[("person_id", Kind::Person)],
                order_by: "side, person_id",
            },
        ],
        natural_key: &[],
        label: "(SELECT name FROM organisations WHERE id = t.mentor_organisation_id)",
    },
    Spec {
        kind: Kind::Meeting,
        table: "meetings",
        fields: &[
            "kind",
            "number",
            "title",
            "date",
            "start_time",
            "end_time",
            "venue_name",
            "venue_address",
            "step_free_entrance",
            "no_thresholds",
            "lift",
            "accessible_toilet",
            "hearing_loop",
            "accessible_seating",
            "accessibility_notes",
            "studied",
            "learned",
            "notes",
            "reflection_best",
            "reflection_learn",
            "reflection_develop",
            "extra_women",
            "extra_men",
            "extra_other",
            "extra_not_stated",
            "created_at",
            "calendar_sequence",
        ],
        refs: &[
            ("partnership_id", Kind::Partnership),
            ("host_organisation_id", Kind::Organisation),
            ("pairing_id", Kind::Pairing),
        ],
        parts: &[
            Part {
                name: "visitors",
                table: "meeting_visitors",
                parent: "meeting_id",
                fields: &[],
                refs: &[("organisation_id", Kind::Organisation)],
                order_by: "organisation_id",
            },
            Part {
                name: "agenda",
                table: "agenda_items",
                parent: "meeting_id",
                fields: &["position", "title", "notes"],
                refs: &[
                    ("presenter_organisation_id", Kind::Organisation),
                    ("presenter_person_id", Kind::Person),
                ],
                order_by: "position",
            },
            Part {
                name: "attendance",
                table: "attendance",
                parent: "meeting_id",
                fields: &["status"],
                refs: &[("person_id", Kind::Person)],
                order_by: "person_id",
            },
            Part {
                name: "decisions",
                table: "decisions",
                parent: "meeting_id",
                fields: &["position", "text"],
                refs: &[],
                order_by: "position",
            },
            Part {
                name: "good_examples",
                table: "good_examples",
                parent: "meeting_id",
                fields: &["position", "title", "description", "tags"],
                refs: &[("organisation_id", Kind::Organisation)],
                order_by: "position",
            },
        ],
        natural_key: &["partnership_id", "kind", "number"],
        label: "t.date || CASE WHEN t.title = '' THEN '' ELSE ' ' || t.title END",
    },
    Spec {
        kind: Kind::Action,
        table: "actions",
        fields: &["description", "due_date", "agreed_status", "status", "created_at"],
        refs: &[
            ("partnership_id", Kind::Partnership),
            ("meeting_id", Kind::Meeting),
            ("organisation_id", Kind::Organisation),
            ("responsible_person_id", Kind::Person),
        ],
        parts: &[],
        natural_key: &[],
        label: "t.description",
    },
    Spec {
        kind: Kind::FollowUp,
        table: "action_followups",
        fields: &["status", "note", "recorded_at"],
        refs: &[("action_id", Kind::Action), ("meeting_id", Kind::Meeting)],
        parts: &[],
        natural_key: &["action_id", "meeting_id"],
        label: "(SELECT description FROM actions WHERE id = t.action_id)",
    },
];

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
fn built(sql: String) -> sqlx::AssertSqlSafe<String> {
    sqlx::AssertSqlSafe(sql)
}

fn uuid_of(kind: Kind, column: &str) -> String {
    format!(
        "(SELECT r.uuid FROM records r WHERE r.kind = '{}' AND r.local_id = {column})",
        kind.as_str()
    )
}

fn local_id_of(kind: Kind, uuid: &str) -> String {
    format!(
        "(SELECT r.local_id FROM records r WHERE r.kind = '{}' AND r.uuid = {uuid})",
        kind.as_str()
    )
}

/// `json_object(...)` of a row's travelling fields; `row` is its alias.
fn object_sql(row: &str, fields: &[&str], refs: &[(&str, Kind)]) -> String {
    let mut pairs: Vec<String> = fields.iter().map(|f| format!("'{f}', {row}.{f}")).collect();
    pairs.extend(refs.iter().map(|(f, k)| format!("'{f}', {}", uuid_of(*k, &format!("{row}.{f}")))));
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

fn storage(err: impl std::fmt::Display) -> Error {
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
            None if *key == "name" => "t.name_key = ?2".to_owned(),
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

fn text_field(record: &Record, name: &str) -> Option<String> {
    record.fields.get(name).and_then(Value::as_str).map(str::to_owned)
}

/// Columns worked out here from the travelling ones.
fn derived(record: &Record) -> Vec<(&'static str, Value)> {
    let mut out = Vec::new();
    if let Some(name) = text_field(record, "name")
        && matches!(record.kind, Kind::Organisation | Kind::Person | Kind::Partnership)
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
    // Memberships and follow-ups have no `updated_at`.
    if !matches!(spec.kind, Kind::Membership | Kind::FollowUp) {
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
    let filter =
        if required.is_empty() { String::new() } else { format!(" WHERE {}", required.join(" AND ")) };
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
