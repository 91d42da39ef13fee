//! What the window shows of the shared workspace: joined or not, to which
//! server, how many changes wait to be sent, since when the server could
//! not be reached, and how many conflicts wait for a person.

use super::server::{ServerSettings, Tls};
use crate::{Result, Workspace};
use serde::Serialize;
use sqlx::SqliteExecutor;
use ts_rs::TS;

/// The joined workspace as stored here (no password: never stored here).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Joined {
    pub server: ServerSettings,
    pub workspace_id: String,
    pub workspace_name: String,
    pub cursor: i64,
    pub scopes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncStatus {
    /// `None` when this database is not joined to a shared workspace.
    pub server: Option<ServerSettings>,
    pub workspace_name: String,
    /// Records changed here and not yet on the server.
    pub waiting: u32,
    /// Records changed here and there, waiting for a person to choose.
    pub conflicts: u32,
    pub last_synced_at: Option<String>,
    /// Since when the server could not be reached; `None` when it could.
    pub offline_since: Option<String>,
    /// The error code of the last sync that failed for another reason.
    pub last_error: Option<String>,
}

/// What one sync did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncReport {
    /// Records received and written here.
    pub received: u32,
    /// Records sent to the server.
    pub sent: u32,
    /// Conflicts that arrived with this sync.
    pub new_conflicts: u32,
    /// Changes kept here until a conflict is settled or the record is pulled.
    pub held_back: u32,
}

type JoinedRow = (String, i64, String, String, String, String, String, i64, String);

/// The joined workspace, if any.
pub async fn joined<'e>(ex: impl SqliteExecutor<'e>) -> Result<Option<Joined>> {
    let row: Option<JoinedRow> = sqlx::query_as(
        "SELECT host, port, database, user_name, tls, workspace_id, workspace_name, cursor, scopes \
         FROM shared_workspace WHERE id = 1",
    )
    .fetch_optional(ex)
    .await?;
    Ok(row.map(
        |(host, port, database, user, tls, workspace_id, workspace_name, cursor, scopes)| Joined {
            server: ServerSettings {
                host,
                port: u16::try_from(port).unwrap_or(5432),
                database,
                user,
                tls: Tls::parse(&tls),
            },
            workspace_id,
            workspace_name,
            cursor,
            scopes: serde_json::from_str(&scopes).unwrap_or_default(),
        },
    ))
}

impl Workspace {
    /// The shared workspace's state as the window shows it.
    pub async fn sync_status(&self) -> Result<SyncStatus> {
        let mut conn = self.pool().acquire().await?;
        let Some(joined) = joined(&mut *conn).await? else {
            return Ok(SyncStatus {
                server: None,
                workspace_name: String::new(),
                waiting: 0,
                conflicts: 0,
                last_synced_at: None,
                offline_since: None,
                last_error: None,
            });
        };
        let (waiting, conflicts, last_synced_at, offline_since, last_error): (
            i64,
            i64,
            Option<String>,
            Option<String>,
            Option<String>,
        ) = sqlx::query_as(
            "SELECT (SELECT count(*) FROM outbox), (SELECT count(*) FROM sync_conflicts), \
                    last_synced_at, offline_since, last_error FROM shared_workspace WHERE id = 1",
        )
        .fetch_one(&mut *conn)
        .await?;
        Ok(SyncStatus {
            server: Some(joined.server),
            workspace_name: joined.workspace_name,
            waiting: u32::try_from(waiting).unwrap_or(u32::MAX),
            conflicts: u32::try_from(conflicts).unwrap_or(u32::MAX),
            last_synced_at,
            offline_since,
            last_error,
        })
    }
}
