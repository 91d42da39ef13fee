//! Joining a shared workspace and leaving it. Joining either pushes this
//! database to an empty workspace (its administrator's first step) or
//! starts this, empty, database from the workspace. Leaving keeps the
//! local copy as it is: only the link to the server goes.

use super::server::{self, ServerSettings};
use super::status::SyncReport;
use crate::{Error, ErrorCode, Result, Workspace};
use serde::{Deserialize, Serialize};
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
        super::sync::join(self, &mut pg, &server, input.start, input.name.as_deref()).await
    }

    /// Leaves the shared workspace; the records here stay as they are.
    pub async fn leave_shared_workspace(&self) -> Result<()> {
        let mut tx = crate::store::db::begin_write(self.pool()).await?;
        let gone = sqlx::query("DELETE FROM shared_workspace").execute(&mut *tx).await?;
        if gone.rows_affected() == 0 {
            return Err(Error::new(ErrorCode::NotJoined, "not joined"));
        }
        for table in ["outbox", "sync_conflicts", "shared_scope_rows"] {
            let sql = sqlx::AssertSqlSafe(format!("DELETE FROM {table}"));
            sqlx::query(sql).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
