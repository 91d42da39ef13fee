//! Meny → Om Samlär: the version, the data folder, the log's folder, the
//! database's schema version and the licence, so that a coordinator can say exactly what they
//! run when they ask for help. The version is Cargo's, set once in the
//! workspace's `Cargo.toml` for the core, the app and the packages.

use crate::store::db;
use crate::{Result, Workspace};
use serde::Serialize;
use ts_rs::TS;

/// The version of Samlär, from the workspace's `Cargo.toml`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The folder in the data folder where the app keeps its log (written by
/// the shell, a file a day; see `src-tauri/src/logging.rs`).
pub const LOG_DIR: &str = "logs";

/// The licence, from the workspace's `Cargo.toml`.
pub const LICENCE: &str = env!("CARGO_PKG_LICENSE");

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct About {
    pub version: String,
    pub data_dir: String,
    /// Where the log is: `logs` in the data folder.
    pub log_dir: String,
    pub database: String,
    /// The newest migration recorded in the open database.
    #[ts(type = "number")]
    pub schema_version: i64,
    /// The newest migration this build knows.
    #[ts(type = "number")]
    pub app_schema_version: i64,
    pub licence: String,
    pub read_only: bool,
}

impl Workspace {
    pub async fn about(&self) -> Result<About> {
        let schema_version: Option<i64> =
            sqlx::query_scalar("SELECT max(version) FROM _sqlx_migrations WHERE success")
                .fetch_one(self.pool())
                .await?;
        Ok(About {
            version: VERSION.to_owned(),
            data_dir: self.data_dir().display().to_string(),
            log_dir: self.data_dir().join(LOG_DIR).display().to_string(),
            database: self.path().display().to_string(),
            schema_version: schema_version.unwrap_or(0),
            app_schema_version: db::app_schema_version(),
            licence: LICENCE.to_owned(),
            read_only: self.is_read_only(),
        })
    }
}
