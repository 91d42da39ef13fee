//! Which copy of a database this is, for the exchange between computers.
//!
//! Changes to a record are counted per installation id (see
//! `exchange::version`). Two copies of one database that both go on being
//! changed must never count under the same id, or a change on one would
//! look like one the other already has and be lost without a conflict. A
//! copy arises when a data folder is copied to another computer (a
//! co-coordinator), and a step back in time when a backup is restored. So:
//! - a restored database always gets a new id;
//! - the id is tied to the database file (its device and inode where the
//!   system has them, else its path): a file that is not the one the id
//!   was made for gets a new id when it is first opened for work.
//!
//! A new id is always safe (version vectors just gain an entry); reusing one
//! is not. The name the user gave the installation is kept.

use crate::Result;
use sqlx::SqlitePool;
use std::path::Path;

const ID_KEY: &str = "installation_id";
const FILE_KEY: &str = "installation_file";

/// What identifies the database file on this system.
fn file_stamp(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(meta) = std::fs::metadata(path) {
            return format!("{}:{}", meta.dev(), meta.ino());
        }
    }
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()).display().to_string()
}

async fn set(pool: &SqlitePool, key: &str, value: &str) -> Result<()> {
    sqlx::query(
        "INSERT INTO settings (key, value) VALUES (?, ?) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(key)
    .bind(value)
    .execute(pool)
    .await?;
    Ok(())
}

/// Gives the database a new installation id, tied to the file at `path`.
pub(crate) async fn renew(pool: &SqlitePool, path: &Path) -> Result<()> {
    set(pool, ID_KEY, &uuid::Uuid::new_v4().to_string()).await?;
    set(pool, FILE_KEY, &file_stamp(path)).await
}

/// Keeps the installation id when the file at `path` is the one it was
/// made for, and gives a new one when it is a copy. The first time (a
/// database from before migration 0007, or a new one) the file is noted.
pub(crate) async fn claim(pool: &SqlitePool, path: &Path) -> Result<()> {
    let noted: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE key = ?")
        .bind(FILE_KEY)
        .fetch_optional(pool)
        .await?;
    let stamp = file_stamp(path);
    match noted {
        Some(noted) if noted == stamp => Ok(()),
        Some(_) => renew(pool, path).await,
        None => set(pool, FILE_KEY, &stamp).await,
    }
}
