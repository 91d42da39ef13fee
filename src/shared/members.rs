//! Who may see what in the shared workspace, set in the app by its
//! administrator: each person is a PostgreSQL login role (made by the
//! server's operator as a member of `samlar_member`, see the README); a
//! coordinator is granted partnerships, a mentor pairings, and some may see
//! people's accessibility needs. The server's row-level security does the
//! rest; a change reaches the person at their next pull.

use super::server::{self, server_error};
use crate::{Error, ErrorCode, Result, Workspace};
use serde::{Deserialize, Serialize};
use sqlx::PgConnection;
use ts_rs::TS;

/// A partnership, or a pairing within one, as the server knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SharedScope {
    pub scope: String,
    /// `partnership` or `pairing`.
    pub kind: String,
    pub partnership: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SharedMember {
    pub role: String,
    pub administrator: bool,
    /// May see people's accessibility needs.
    pub sensitive: bool,
    /// The scopes granted.
    pub scopes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SharedMembers {
    pub members: Vec<SharedMember>,
    pub scopes: Vec<SharedScope>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GrantScope {
    pub role: String,
    pub scope: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetSharedMember {
    pub role: String,
    pub administrator: bool,
    pub sensitive: bool,
}

async fn administrator(ws: &Workspace, password: &str) -> Result<PgConnection> {
    let joined = super::status::joined(ws.pool())
        .await?
        .ok_or_else(|| Error::new(ErrorCode::NotJoined, "not joined"))?;
    let mut pg = server::connect(&joined.server, password).await?;
    server::ensure_schema(&mut pg, false).await?;
    let admin: bool = sqlx::query_scalar("SELECT samlar.is_administrator()")
        .fetch_one(&mut pg)
        .await
        .map_err(server_error)?;
    if !admin {
        return Err(Error::new(ErrorCode::NotAdministrator, "not the administrator"));
    }
    Ok(pg)
}

/// The login roles that are members of the workspace (and its owner, the
/// first administrator; not the server's superusers), with what they may see.
async fn members(pg: &mut PgConnection) -> Result<SharedMembers> {
    let roles: Vec<(String, bool, bool)> = sqlx::query_as(
        "SELECT r.rolname::text, coalesce(m.administrator, false), coalesce(m.sensitive, false) \
         FROM pg_roles r LEFT JOIN samlar.members m ON m.role = r.rolname \
         WHERE r.rolcanlogin AND NOT r.rolsuper \
           AND (pg_has_role(r.oid, 'samlar_member', 'MEMBER') \
                OR r.oid = (SELECT nspowner FROM pg_namespace WHERE nspname = 'samlar')) \
         ORDER BY r.rolname",
    )
    .fetch_all(&mut *pg)
    .await
    .map_err(server_error)?;
    let grants: Vec<(String, String)> =
        sqlx::query_as("SELECT role::text, scope::text FROM samlar.grants ORDER BY role, scope")
            .fetch_all(&mut *pg)
            .await
            .map_err(server_error)?;
    let scopes: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT scope::text, kind, partnership::text, label FROM samlar.scopes \
         ORDER BY label, scope",
    )
    .fetch_all(&mut *pg)
    .await
    .map_err(server_error)?;
    let members = roles
        .into_iter()
        .map(|(role, administrator, sensitive)| SharedMember {
            scopes: grants.iter().filter(|(r, _)| *r == role).map(|(_, s)| s.clone()).collect(),
            role,
            administrator,
            sensitive,
        })
        .collect();
    let scopes = scopes
        .into_iter()
        .map(|(scope, kind, partnership, label)| SharedScope { scope, kind, partnership, label })
        .collect();
    Ok(SharedMembers { members, scopes })
}

fn unknown(field: &str) -> Error {
    Error::at(ErrorCode::NotFound, field, "no such role or scope on the server")
}

impl Workspace {
    /// The workspace's members and scopes (its administrator only).
    pub async fn shared_members(&self, password: &str) -> Result<SharedMembers> {
        let mut pg = administrator(self, password).await?;
        members(&mut pg).await
    }

    /// Lets `input.role` see `input.scope` from its next pull.
    pub async fn grant_scope(&self, input: GrantScope, password: &str) -> Result<SharedMembers> {
        let mut pg = administrator(self, password).await?;
        let current = members(&mut pg).await?;
        if !current.members.iter().any(|m| m.role == input.role) {
            return Err(unknown("role"));
        }
        if !current.scopes.iter().any(|s| s.scope == input.scope) {
            return Err(unknown("scope"));
        }
        let mut tx = sqlx::Connection::begin(&mut pg).await.map_err(server_error)?;
        sqlx::query("SELECT samlar.change_lock()").execute(&mut *tx).await.map_err(server_error)?;
        sqlx::query(
            "INSERT INTO samlar.grants (role, scope, seq) \
             VALUES ($1, $2::uuid, nextval('samlar.change_seq')) ON CONFLICT DO NOTHING",
        )
        .bind(&input.role)
        .bind(&input.scope)
        .execute(&mut *tx)
        .await
        .map_err(server_error)?;
        tx.commit().await.map_err(server_error)?;
        members(&mut pg).await
    }

    /// Takes `input.scope` away from `input.role`: its next pull sees no
    /// more of it, and what it pushes there is refused.
    pub async fn revoke_scope(&self, input: GrantScope, password: &str) -> Result<SharedMembers> {
        let mut pg = administrator(self, password).await?;
        sqlx::query("DELETE FROM samlar.grants WHERE role = $1 AND scope::text = $2")
            .bind(&input.role)
            .bind(&input.scope)
            .execute(&mut pg)
            .await
            .map_err(server_error)?;
        members(&mut pg).await
    }

    /// Makes `input.role` an administrator or not, and lets it see people's
    /// accessibility needs or not.
    pub async fn set_shared_member(
        &self,
        input: SetSharedMember,
        password: &str,
    ) -> Result<SharedMembers> {
        let mut pg = administrator(self, password).await?;
        if !members(&mut pg).await?.members.iter().any(|m| m.role == input.role) {
            return Err(unknown("role"));
        }
        sqlx::query(
            "INSERT INTO samlar.members (role, administrator, sensitive) VALUES ($1, $2, $3) \
             ON CONFLICT (role) DO UPDATE SET administrator = $2, sensitive = $3",
        )
        .bind(&input.role)
        .bind(input.administrator)
        .bind(input.sensitive)
        .execute(&mut pg)
        .await
        .map_err(server_error)?;
        members(&mut pg).await
    }
}
