//! Merging records that arrive (from a package now, from the shared
//! workspace later) with those here. First a preview says what would be
//! created, updated and deleted, and every conflict; then `apply` writes it
//! all in one transaction, or nothing.
//!
//! Records are matched by UUID, or, when the UUID is new here, by their
//! natural key (the same municipality code, e-mail address, partnership
//! name): both sides then made the record without knowing of the other.
//! Versions decide (`version::Relation`): the side that has seen everything
//! the other has wins; when each side has changes the other has not seen,
//! the fields that differ are a conflict for a person to settle, field by
//! field. A deletion travels as a tombstone, and a record deleted on one
//! side and changed on the other is a conflict too. Opening the same
//! records twice changes nothing the second time.

use super::package::{Contents, Package, PackageScope, Sender};
use super::record::{self, Identity, Kind, Record, Tombstone};
use super::version::{Relation, Version};
use crate::{Error, ErrorCode, Result, Workspace};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sqlx::SqliteConnection;
use std::collections::{BTreeSet, HashMap};
use ts_rs::TS;

/// One record that would change.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    pub uuid: String,
    pub kind: Kind,
    pub label: String,
    /// For an update: the fields that change.
    pub fields: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// Both sides changed the record.
    Changed,
    /// Deleted there, changed here.
    DeletedThere,
    /// Changed there, deleted here.
    DeletedHere,
}

/// One field as it is on each side.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldConflict {
    pub field: String,
    #[ts(type = "unknown")]
    pub here: Value,
    #[ts(type = "unknown")]
    pub there: Value,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Conflict {
    pub uuid: String,
    pub kind: Kind,
    pub label: String,
    pub conflict: ConflictKind,
    pub changed_here_at: String,
    pub changed_there_at: String,
    /// For `Changed`: the fields that differ.
    pub fields: Vec<FieldConflict>,
}

/// What opening the records would do.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Preview {
    pub sender: Sender,
    pub scope: PackageScope,
    pub created_at: String,
    pub created: Vec<Change>,
    pub updated: Vec<Change>,
    pub deleted: Vec<Change>,
    pub conflicts: Vec<Conflict>,
    /// Records that are the same here already.
    pub unchanged: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Here,
    There,
}

/// A person's choice in a conflict: for `Changed`, one per differing field;
/// for a deletion, one with no field (here: keep or stay deleted; there:
/// delete or restore).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Choice {
    pub uuid: String,
    #[ts(optional)]
    pub field: Option<String>,
    pub take: Side,
}

/// What was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Applied {
    pub created: u32,
    pub updated: u32,
    pub deleted: u32,
    pub conflicts_settled: u32,
}

/// What to do with one record.
pub(crate) enum Step {
    Create(Record),
    /// Write the record over the local row with `version`.
    Update {
        record: Record,
        local: Record,
        id: i64,
        version: Version,
    },
    Conflict {
        record: Record,
        local: Record,
        id: i64,
        fields: Vec<FieldConflict>,
    },
    Delete {
        tombstone: Tombstone,
        local: Record,
        id: i64,
    },
    DeletedThere {
        tombstone: Tombstone,
        local: Record,
        id: i64,
    },
    DeletedHere {
        record: Record,
        tombstone: Identity,
        deleted_at: String,
    },
    Unchanged,
}

/// Works out the steps. `aliases` maps a UUID here to the UUID of the same
/// record there, for records matched by natural key.
pub(crate) async fn plan(conn: &mut SqliteConnection, contents: &Contents) -> Result<Vec<Step>> {
    check(contents)?;
    let mut aliases: HashMap<String, String> = HashMap::new();
    // The other way round: the UUID here of a record matched by natural key.
    let mut here_of: HashMap<String, String> = HashMap::new();
    let mut steps = Vec::new();
    let mut records: Vec<&Record> = contents.records.iter().collect();
    records.sort_by_key(|r| r.kind);
    for incoming in records {
        let step = match record::identity(conn, &incoming.uuid).await? {
            None => match record::natural_match(conn, incoming, &here_of).await? {
                None => Step::Create(incoming.clone()),
                Some(id) => {
                    let local = translated(record::read(conn, incoming.kind, id).await?, &aliases);
                    aliases.insert(local.uuid.clone(), incoming.uuid.clone());
                    here_of.insert(incoming.uuid.clone(), local.uuid.clone());
                    compare(incoming, local, id, Relation::Concurrent)
                }
            },
            Some(Identity { kind, .. }) if kind != incoming.kind => {
                return Err(damaged("a record's kind differs from the one here"));
            }
            Some(Identity { local_id: Some(id), version, .. }) => {
                match version.relation(&incoming.version) {
                    // Seen already: nothing to read (a sync pulls back what
                    // it pushed, and a new scope pulls everything again).
                    Relation::Same | Relation::Newer => Step::Unchanged,
                    relation => {
                        let local =
                            translated(record::read(conn, incoming.kind, id).await?, &aliases);
                        compare(incoming, local, id, relation)
                    }
                }
            }
            Some(tombstone @ Identity { local_id: None, .. }) => {
                match tombstone.version.relation(&incoming.version) {
                    Relation::Same | Relation::Newer => Step::Unchanged,
                    Relation::Older => Step::Create(incoming.clone()),
                    Relation::Concurrent => {
                        let deleted_at = deleted_at(conn, &tombstone.uuid).await?;
                        Step::DeletedHere { record: incoming.clone(), tombstone, deleted_at }
                    }
                }
            }
        };
        steps.push(step);
    }
    let mut tombstones: Vec<&Tombstone> = contents.tombstones.iter().collect();
    tombstones.sort_by_key(|t| std::cmp::Reverse(t.kind));
    for tombstone in tombstones {
        let Some(Identity { kind, local_id: Some(id), version, .. }) =
            record::identity(conn, &tombstone.uuid).await?
        else {
            continue;
        };
        if kind != tombstone.kind {
            return Err(damaged("a tombstone's kind differs from the one here"));
        }
        let local = record::read(conn, kind, id).await?;
        steps.push(match version.relation(&tombstone.version) {
            Relation::Same | Relation::Older => {
                Step::Delete { tombstone: tombstone.clone(), local, id }
            }
            Relation::Newer => Step::Unchanged,
            Relation::Concurrent => Step::DeletedThere { tombstone: tombstone.clone(), local, id },
        });
    }
    Ok(steps)
}

fn damaged(why: &str) -> Error {
    Error::at(ErrorCode::DamagedPackage, "file", format!("a damaged package: {why}"))
}

/// Checks what no table constraint checks: well-formed UUIDs, each once.
fn check(contents: &Contents) -> Result<()> {
    let mut seen = BTreeSet::new();
    let uuids = contents.records.iter().map(|r| &r.uuid);
    for uuid in uuids.chain(contents.tombstones.iter().map(|t| &t.uuid)) {
        if uuid::Uuid::parse_str(uuid).is_err() || uuid.len() != 36 || !seen.insert(uuid) {
            return Err(damaged("a record id that is not a UUID, or one given twice"));
        }
    }
    Ok(())
}

async fn deleted_at(conn: &mut SqliteConnection, uuid: &str) -> Result<String> {
    let at: Option<String> = sqlx::query_scalar("SELECT deleted_at FROM records WHERE uuid = ?")
        .bind(uuid)
        .fetch_one(&mut *conn)
        .await?;
    Ok(at.unwrap_or_default())
}

/// The local record with its references in the UUIDs they have there.
fn translated(mut local: Record, aliases: &HashMap<String, String>) -> Record {
    fn walk(value: &mut Value, aliases: &HashMap<String, String>) {
        match value {
            Value::String(s) => {
                if let Some(there) = aliases.get(s.as_str()) {
                    *s = there.clone();
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| walk(v, aliases)),
            Value::Object(map) => map.values_mut().for_each(|v| walk(v, aliases)),
            _ => {}
        }
    }
    let spec = local.kind.spec();
    for (field, _) in spec.refs {
        if let Some(v) = local.fields.get_mut(*field) {
            walk(v, aliases);
        }
    }
    for part in spec.parts {
        if let Some(v) = local.fields.get_mut(part.name) {
            walk(v, aliases);
        }
    }
    local
}

/// The fields the incoming record carries that differ here, in the order
/// of the kind's spec (columns, references, parts), whatever order the
/// JSON came in: the preview lists them as the record's page would.
pub(super) fn differing(incoming: &Record, local: &Record) -> Vec<FieldConflict> {
    let spec = incoming.kind.spec();
    let names = spec
        .fields
        .iter()
        .copied()
        .chain(spec.refs.iter().map(|(name, _)| *name))
        .chain(spec.parts.iter().map(|part| part.name));
    names
        .filter_map(|name| {
            let there = incoming.fields.get(name)?;
            let here = local.fields.get(name).unwrap_or(&Value::Null);
            (here != there).then(|| FieldConflict {
                field: name.to_owned(),
                here: here.clone(),
                there: there.clone(),
            })
        })
        .collect()
}

fn compare(incoming: &Record, local: Record, id: i64, relation: Relation) -> Step {
    let fields = differing(incoming, &local);
    match relation {
        Relation::Same | Relation::Newer => Step::Unchanged,
        Relation::Older => {
            let version = incoming.version.clone();
            Step::Update { record: incoming.clone(), local, id, version }
        }
        Relation::Concurrent if fields.is_empty() => {
            // Both changed it the same way: only the versions are joined.
            let version = local.version.merged(&incoming.version);
            Step::Update { record: incoming.clone(), local, id, version }
        }
        Relation::Concurrent => Step::Conflict { record: incoming.clone(), local, id, fields },
    }
}

fn change(record: &Record, fields: Vec<String>) -> Change {
    Change { uuid: record.uuid.clone(), kind: record.kind, label: record.label.clone(), fields }
}

fn preview_of(package: &Package, steps: &[Step]) -> Preview {
    let mut preview = Preview {
        sender: package.manifest.sender.clone(),
        scope: package.manifest.scope.clone(),
        created_at: package.manifest.created_at.clone(),
        created: Vec::new(),
        updated: Vec::new(),
        deleted: Vec::new(),
        conflicts: Vec::new(),
        unchanged: 0,
    };
    for step in steps {
        match step {
            Step::Create(record) => preview.created.push(change(record, Vec::new())),
            Step::Update { record, local, .. } => {
                let fields: Vec<String> =
                    differing(record, local).into_iter().map(|f| f.field).collect();
                if fields.is_empty() {
                    preview.unchanged += 1;
                } else {
                    preview.updated.push(change(record, fields));
                }
            }
            Step::Delete { local, .. } => preview.deleted.push(change(local, Vec::new())),
            conflict @ (Step::Conflict { .. }
            | Step::DeletedThere { .. }
            | Step::DeletedHere { .. }) => {
                preview.conflicts.extend(conflict_of(conflict));
            }
            Step::Unchanged => preview.unchanged += 1,
        }
    }
    preview
}

/// The conflict a step is, for a person to settle; `None` for other steps.
pub(crate) fn conflict_of(step: &Step) -> Option<Conflict> {
    Some(match step {
        Step::Conflict { record, local, fields, .. } => Conflict {
            uuid: record.uuid.clone(),
            kind: record.kind,
            label: local.label.clone(),
            conflict: ConflictKind::Changed,
            changed_here_at: local.changed_at.clone(),
            changed_there_at: record.changed_at.clone(),
            fields: fields.clone(),
        },
        Step::DeletedThere { tombstone, local, .. } => Conflict {
            uuid: local.uuid.clone(),
            kind: local.kind,
            label: local.label.clone(),
            conflict: ConflictKind::DeletedThere,
            changed_here_at: local.changed_at.clone(),
            changed_there_at: tombstone.deleted_at.clone(),
            fields: Vec::new(),
        },
        Step::DeletedHere { record, deleted_at, .. } => Conflict {
            uuid: record.uuid.clone(),
            kind: record.kind,
            label: record.label.clone(),
            conflict: ConflictKind::DeletedHere,
            changed_here_at: deleted_at.clone(),
            changed_there_at: record.changed_at.clone(),
            fields: Vec::new(),
        },
        _ => return None,
    })
}

impl Workspace {
    /// What opening `package` would do; nothing is written.
    pub async fn preview_records(&self, package: &Package) -> Result<Preview> {
        // One read transaction: a consistent snapshot of what is here.
        let mut tx = self.pool().begin().await?;
        let steps = plan(&mut tx, &package.contents).await?;
        tx.rollback().await?;
        Ok(preview_of(package, &steps))
    }

    /// Reads `bytes` as a package and says what opening it would do.
    pub async fn preview_package(&self, bytes: &[u8]) -> Result<Preview> {
        let package = super::package::read(bytes)?;
        self.preview_records(&package).await
    }
}
