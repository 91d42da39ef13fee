//! Records that arrived from the shared workspace changed both there and
//! here since they last met. They wait in `sync_conflicts`, with what
//! arrived, while everything else syncs on; the record here stays as it is
//! until a person chooses, field by field, as for an exchange package. The
//! choice is a change here, so it goes to the outbox and on to the others.

use crate::exchange::apply::apply_steps;
use crate::exchange::merge::{Applied, Choice, Conflict, Step, conflict_of, plan};
use crate::exchange::package::Contents;
use crate::exchange::record::{Record, Tombstone};
use crate::store::db;
use crate::{Error, ErrorCode, Result, Workspace};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResolveSyncConflict {
    pub uuid: String,
    pub choices: Vec<Choice>,
}

/// What arrived for `uuid`, as the contents of a package of one.
fn arrived(json: &str, is_deletion: bool) -> Result<Contents> {
    let storage = |e: serde_json::Error| Error::new(ErrorCode::Storage, e.to_string());
    Ok(if is_deletion {
        Contents {
            records: Vec::new(),
            tombstones: vec![serde_json::from_str::<Tombstone>(json).map_err(storage)?],
        }
    } else {
        Contents {
            records: vec![serde_json::from_str::<Record>(json).map_err(storage)?],
            tombstones: Vec::new(),
        }
    })
}

/// Keeps a conflicting arrival for a person (replacing an older one).
pub(crate) async fn park(conn: &mut SqliteConnection, step: &Step, now: &str) -> Result<()> {
    let (uuid, json, is_deletion) = match step {
        Step::Conflict { record, .. } | Step::DeletedHere { record, .. } => {
            (record.uuid.clone(), serde_json::to_string(record), false)
        }
        Step::DeletedThere { tombstone, .. } => {
            (tombstone.uuid.clone(), serde_json::to_string(tombstone), true)
        }
        _ => return Ok(()),
    };
    let json = json.map_err(|e| Error::new(ErrorCode::Storage, e.to_string()))?;
    sqlx::query(
        "INSERT INTO sync_conflicts (uuid, arrived, is_deletion, arrived_at) VALUES (?, ?, ?, ?) \
         ON CONFLICT (uuid) DO UPDATE SET arrived = excluded.arrived, \
           is_deletion = excluded.is_deletion, arrived_at = excluded.arrived_at",
    )
    .bind(uuid)
    .bind(json)
    .bind(is_deletion)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The UUIDs waiting for a choice.
pub(crate) async fn parked(conn: &mut SqliteConnection) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar("SELECT uuid FROM sync_conflicts").fetch_all(&mut *conn).await?)
}

impl Workspace {
    /// The conflicts waiting for a person, oldest first, each as the
    /// exchange shows one: the fields that differ, here and there.
    pub async fn sync_conflicts(&self) -> Result<Vec<Conflict>> {
        let mut tx = self.pool().begin().await?;
        let rows: Vec<(String, bool)> = sqlx::query_as(
            "SELECT arrived, is_deletion FROM sync_conflicts ORDER BY arrived_at, uuid",
        )
        .fetch_all(&mut *tx)
        .await?;
        let mut out = Vec::new();
        for (json, is_deletion) in rows {
            let steps = plan(&mut tx, &arrived(&json, is_deletion)?).await?;
            out.extend(steps.iter().filter_map(conflict_of));
        }
        tx.rollback().await?;
        Ok(out)
    }

    /// Settles one conflict with a person's choices; the result goes to
    /// the others at the next sync. An arrival that no longer conflicts
    /// (settled meanwhile) is applied as it stands.
    pub async fn resolve_sync_conflict(&self, input: ResolveSyncConflict) -> Result<Applied> {
        let now = self.clock().timestamp();
        let mut tx = db::begin_write(self.pool()).await?;
        let row: Option<(String, bool)> =
            sqlx::query_as("SELECT arrived, is_deletion FROM sync_conflicts WHERE uuid = ?")
                .bind(&input.uuid)
                .fetch_optional(&mut *tx)
                .await?;
        let (json, is_deletion) =
            row.ok_or_else(|| Error::at(ErrorCode::NotFound, "uuid", "no such conflict"))?;
        let steps = plan(&mut tx, &arrived(&json, is_deletion)?).await?;
        let applied = apply_steps(&mut tx, steps, &input.choices, &now).await?;
        sqlx::query("DELETE FROM sync_conflicts WHERE uuid = ?")
            .bind(&input.uuid)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(applied)
    }
}
