//! This installation of Samlär as others see it: the id its changes are
//! counted under (made once, by migration 0007) and the name the user gives
//! it ("Malmö stad – Eva"), shown next to what came from it.

use crate::kernel::error::{Error, ErrorCode};
use crate::{Result, Workspace};
use serde::{Deserialize, Serialize};
use sqlx::SqliteExecutor;
use ts_rs::TS;

/// The longest display name, in characters.
pub const MAX_NAME_CHARS: usize = crate::kernel::limits::INSTALLATION_NAME_MAX_CHARS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Installation {
    pub id: String,
    /// Empty until the user names it.
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetInstallationName {
    pub name: String,
}

pub async fn load<'e>(ex: impl SqliteExecutor<'e>) -> Result<Installation> {
    let (id, name): (Option<String>, Option<String>) = sqlx::query_as(
        "SELECT (SELECT value FROM settings WHERE key = 'installation_id'), \
                (SELECT value FROM settings WHERE key = 'installation_name')",
    )
    .fetch_one(ex)
    .await?;
    let id = id.ok_or_else(|| Error::new(ErrorCode::Storage, "no installation id"))?;
    Ok(Installation { id, name: name.unwrap_or_default() })
}

impl Workspace {
    pub async fn installation(&self) -> Result<Installation> {
        load(self.pool()).await
    }

    pub async fn set_installation_name(&self, input: SetInstallationName) -> Result<Installation> {
        let name = input.name.trim().to_owned();
        if name.chars().count() > MAX_NAME_CHARS {
            return Err(Error::at(ErrorCode::NameTooLong, "name", "the name is too long"));
        }
        sqlx::query(
            "INSERT INTO settings (key, value) VALUES ('installation_name', ?) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(&name)
        .execute(self.pool())
        .await?;
        self.installation().await
    }
}
