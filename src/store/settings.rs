//! Settings of this installation that must be remembered between starts,
//! kept in the database so that a portable data folder carries them along.

use crate::{Result, Workspace};
use serde::{Deserialize, Serialize};
use sqlx::SqliteExecutor;
use ts_rs::TS;

/// The interface language; Swedish unless the user chose English.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum Language {
    #[default]
    Sv,
    En,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    pub language: Language,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetLanguage {
    pub language: Language,
}

pub async fn load<'e>(ex: impl SqliteExecutor<'e>) -> Result<Settings> {
    let language: Option<Language> =
        sqlx::query_scalar("SELECT value FROM settings WHERE key = 'language'")
            .fetch_optional(ex)
            .await?;
    Ok(Settings { language: language.unwrap_or_default() })
}

pub async fn save_language<'e>(ex: impl SqliteExecutor<'e>, language: Language) -> Result<()> {
    sqlx::query(
        "INSERT INTO settings (key, value) VALUES ('language', ?) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(language)
    .execute(ex)
    .await?;
    Ok(())
}

impl Workspace {
    pub async fn settings(&self) -> Result<Settings> {
        load(self.pool()).await
    }

    pub async fn set_language(&self, input: SetLanguage) -> Result<Settings> {
        save_language(self.pool(), input.language).await?;
        Ok(Settings { language: input.language })
    }
}
