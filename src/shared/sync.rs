//! One sync: pull, then push. Pulling first brings what others did, so a
//! push rarely finds the server ahead; a conflict pulled waits for a person
//! and its record is held back from the push until then. A server out of
//! reach marks the workspace offline since the first failure, and the app
//! goes on working here; the next sync that reaches it catches up.

use super::join::JoinStart;
use super::server::{self, ServerSettings, server_error};
use super::status::{SyncReport, joined};
use crate::{Error, ErrorCode, Result, Workspace};
use sqlx::PgConnection;

/// The workspace id on the server, if it has been made.
async fn workspace_on_server(pg: &mut PgConnection) -> Result<Option<(String, String)>> {
    sqlx::query_as("SELECT id::text, name FROM samlar.workspace")
        .fetch_optional(&mut *pg)
        .await
        .map_err(server_error)
}

/// Joins: see `JoinStart`.
pub(crate) async fn join(
    ws: &Workspace,
    pg: &mut PgConnection,
    settings: &ServerSettings,
    start: JoinStart,
    name: Option<&str>,
) -> Result<SyncReport> {
    let now = ws.clock().timestamp();
    match start {
        JoinStart::PushThisDatabase => {
            server::ensure_schema(pg, true).await?;
            let administrator: bool = sqlx::query_scalar("SELECT samlar.is_administrator()")
                .fetch_one(&mut *pg)
                .await
                .map_err(server_error)?;
            if !administrator {
                return Err(Error::new(ErrorCode::NotAdministrator, "only the administrator"));
            }
            let records: i64 = sqlx::query_scalar("SELECT count(*) FROM samlar.records")
                .fetch_one(&mut *pg)
                .await
                .map_err(server_error)?;
            if records > 0 || workspace_on_server(pg).await?.is_some() {
                return Err(Error::new(ErrorCode::WorkspaceNotEmpty, "the workspace has records"));
            }
            let id = uuid::Uuid::new_v4().to_string();
            let name = name.map(str::trim).filter(|n| !n.is_empty()).unwrap_or("Samlär");
            if name.chars().count() > crate::kernel::limits::INSTALLATION_NAME_MAX_CHARS {
                return Err(Error::at(ErrorCode::NameTooLong, "name", "too long"));
            }
            let mut tx = crate::store::db::begin_write(ws.pool()).await?;
            insert_joined(&mut tx, settings, &id, name, &now).await?;
            sqlx::query("INSERT INTO outbox (uuid) SELECT uuid FROM records ORDER BY rowid")
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            match super::push::push(ws, pg, true, Some((&id, name))).await {
                Ok(pushed) => {
                    sqlx::query(
                        "UPDATE shared_workspace SET cursor = ?, last_synced_at = ?, \
                         scopes = (SELECT json_group_array(scope) FROM \
                           (SELECT DISTINCT scope FROM shared_scope_rows ORDER BY scope)) \
                         WHERE id = 1",
                    )
                    .bind(pushed.last_seq)
                    .bind(&now)
                    .execute(ws.pool())
                    .await?;
                    Ok(SyncReport {
                        sent: pushed.sent,
                        held_back: pushed.held_back,
                        ..Default::default()
                    })
                }
                Err(err) => {
                    // Nothing was committed on the server: this database is
                    // as it was, not joined.
                    ws.leave_shared_workspace().await?;
                    Err(err)
                }
            }
        }
        JoinStart::StartFromShared => {
            server::ensure_schema(pg, false).await?;
            let Some((id, name)) = workspace_on_server(pg).await? else {
                return Err(Error::new(ErrorCode::ServerNotSetUp, "no workspace on the server"));
            };
            let mut tx = crate::store::db::begin_write(ws.pool()).await?;
            let records: i64 =
                sqlx::query_scalar("SELECT count(*) FROM records").fetch_one(&mut *tx).await?;
            if records > 0 {
                return Err(Error::new(ErrorCode::DatabaseNotEmpty, "this database has records"));
            }
            insert_joined(&mut tx, settings, &id, &name, &now).await?;
            tx.commit().await?;
            sync_with(ws, pg).await
        }
    }
}

async fn insert_joined(
    conn: &mut sqlx::SqliteConnection,
    settings: &ServerSettings,
    id: &str,
    name: &str,
    now: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO shared_workspace (id, host, port, database, user_name, tls, workspace_id, \
           workspace_name, joined_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&settings.host)
    .bind(i64::from(settings.port))
    .bind(&settings.database)
    .bind(&settings.user)
    .bind(settings.tls.as_str())
    .bind(id)
    .bind(name)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Pull, then push, on a connection already made.
async fn sync_with(ws: &Workspace, pg: &mut PgConnection) -> Result<SyncReport> {
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
            server::ensure_schema(&mut pg, false).await?;
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
                .bind(code_text(err.code))
                .execute(self.pool())
                .await?;
            }
            Err(err) => {
                sqlx::query("UPDATE shared_workspace SET last_error = ? WHERE id = 1")
                    .bind(code_text(err.code))
                    .execute(self.pool())
                    .await?;
            }
        }
        result
    }
}

/// The error code as the UI knows it (`server_unreachable`).
fn code_text(code: ErrorCode) -> String {
    serde_json::to_value(code).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}
