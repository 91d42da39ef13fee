//! Joining a shared workspace and leaving it. Joining either pushes this
//! database to an empty workspace (its administrator's first step) or
//! starts this, empty, database from the workspace. Leaving keeps the
//! local copy as it is: only the link to the server goes.

use super::server::{self, ServerSettings, server_error};
use super::status::SyncReport;
use crate::{Error, ErrorCode, Result, Workspace};
use serde::{Deserialize, Serialize};
use sqlx::PgConnection;
use ts_rs::TS;

/// How this database joins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum JoinStart {
    /// Send everything here to an empty shared workspace (the
    /// administrator's first step); the server's schema is set up if needed.
    PushThisDatabase,
    /// Fill this empty database from the shared workspace.
    StartFromShared,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JoinSharedWorkspace {
    pub server: ServerSettings,
    /// Used for this call only: never written to the database or a log.
    pub password: String,
    pub start: JoinStart,
    /// The workspace's name, when pushing to an empty one.
    #[serde(default)]
    #[ts(optional)]
    pub name: Option<String>,
}

/// Joins: see `JoinStart`.
async fn join(
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
            if records > 0 || super::sync::workspace_on_server(pg).await?.is_some() {
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
                    // Everything up to the push's last number is here: the
                    // next pull starts after it, with the scopes seen now.
                    let (scopes, _) = super::pull::seen(pg).await?;
                    sqlx::query(
                        "UPDATE shared_workspace SET cursor = ?, last_synced_at = ?, scopes = ? \
                         WHERE id = 1",
                    )
                    .bind(pushed.last_seq)
                    .bind(&now)
                    .bind(serde_json::to_string(&scopes).unwrap_or_else(|_| "[]".into()))
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
            let Some((id, name)) = super::sync::workspace_on_server(pg).await? else {
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
            super::sync::sync_with(ws, pg).await
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

pub(crate) fn check_password(password: &str) -> Result<()> {
    if password.is_empty() {
        return Err(Error::at(ErrorCode::PasswordNeeded, "password", "no password"));
    }
    if password.chars().count() > crate::kernel::limits::SERVER_PASSWORD_MAX_CHARS {
        return Err(Error::at(ErrorCode::TextTooLong, "password", "too long"));
    }
    Ok(())
}

impl Workspace {
    /// Joins the shared workspace on `input.server`, then syncs once.
    pub async fn join_shared_workspace(&self, input: JoinSharedWorkspace) -> Result<SyncReport> {
        let server = input.server.checked()?;
        check_password(&input.password)?;
        if super::status::joined(self.pool()).await?.is_some() {
            return Err(Error::new(ErrorCode::AlreadyJoined, "already joined"));
        }
        let mut pg = server::connect(&server, &input.password).await?;
        join(self, &mut pg, &server, input.start, input.name.as_deref()).await
    }

    /// Leaves the shared workspace; the records here stay as they are.
    pub async fn leave_shared_workspace(&self) -> Result<()> {
        let mut tx = crate::store::db::begin_write(self.pool()).await?;
        let gone = sqlx::query("DELETE FROM shared_workspace").execute(&mut *tx).await?;
        if gone.rows_affected() == 0 {
            return Err(Error::new(ErrorCode::NotJoined, "not joined"));
        }
        // Meetings a pull cut off had not indexed yet are indexed now.
        let pending: Vec<i64> =
            sqlx::query_scalar("SELECT meeting_id FROM sync_reindex").fetch_all(&mut *tx).await?;
        crate::exchange::apply::refresh_meetings(&mut tx, pending).await?;
        for table in ["outbox", "sync_conflicts", "shared_scope_rows", "sync_reindex"] {
            let sql = sqlx::AssertSqlSafe(format!("DELETE FROM {table}"));
            sqlx::query(sql).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
