//! One sync: pull, then push. Pulling first brings what others did, so a
//! push rarely finds the server ahead; a conflict pulled waits for a person
//! and its record is held back from the push until then. A server out of
//! reach marks the workspace offline since the first failure, and the app
//! goes on working here; the next sync that reaches it catches up.

use super::server::{self, server_error};
use super::status::{SyncReport, joined};
use crate::{Error, ErrorCode, Result, Workspace};
use sqlx::PgConnection;

/// The workspace id on the server, if it has been made.
pub(crate) async fn workspace_on_server(pg: &mut PgConnection) -> Result<Option<(String, String)>> {
    sqlx::query_as("SELECT id::text, name FROM samlar.workspace")
        .fetch_optional(&mut *pg)
        .await
        .map_err(server_error)
}

/// Pull, then push, on a connection already made.
pub(crate) async fn sync_with(ws: &Workspace, pg: &mut PgConnection) -> Result<SyncReport> {
    let joined =
        joined(ws.pool()).await?.ok_or_else(|| Error::new(ErrorCode::NotJoined, "not joined"))?;
    match workspace_on_server(pg).await? {
        Some((id, _)) if id == joined.workspace_id => {}
        _ => return Err(Error::new(ErrorCode::ServerError, "another workspace on this server")),
    }
    let pulled = super::pull::pull(ws, pg, &joined).await?;
    let pushed = super::push::push(ws, pg, false, None).await?;
    Ok(SyncReport {
        received: pulled.received,
        sent: pushed.sent,
        new_conflicts: pulled.new_conflicts,
        held_back: pushed.held_back,
    })
}

impl Workspace {
    /// Syncs with the shared workspace now: pull, then push. An unreachable
    /// server is noted (offline since …) and reported; nothing here is lost.
    pub async fn sync_now(&self, password: &str) -> Result<SyncReport> {
        let joined = joined(self.pool())
            .await?
            .ok_or_else(|| Error::new(ErrorCode::NotJoined, "not joined"))?;
        let result = async {
            let mut pg = server::connect(&joined.server, password).await?;
            // The server's owner brings an older schema up to date; for
            // anyone else an older schema is `server_not_set_up`.
            server::ensure_schema(&mut pg, true).await?;
            sync_with(self, &mut pg).await
        }
        .await;
        let now = self.clock().timestamp();
        match &result {
            Ok(_) => {
                sqlx::query(
                    "UPDATE shared_workspace SET last_synced_at = ?, offline_since = NULL, \
                     last_error = NULL WHERE id = 1",
                )
                .bind(&now)
                .execute(self.pool())
                .await?;
            }
            Err(err) if err.code == ErrorCode::ServerUnreachable => {
                sqlx::query(
                    "UPDATE shared_workspace SET offline_since = coalesce(offline_since, ?), \
                     last_error = ? WHERE id = 1",
                )
                .bind(&now)
                .bind(err.code.name())
                .execute(self.pool())
                .await?;
            }
            Err(err) => {
                sqlx::query("UPDATE shared_workspace SET last_error = ? WHERE id = 1")
                    .bind(err.code.name())
                    .execute(self.pool())
                    .await?;
            }
        }
        result
    }
}
