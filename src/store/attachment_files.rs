//! The files of attachments in the data folder: `bilagor/`, each file under
//! a content-addressed name, the SHA-256 of its bytes in hex and its
//! extension (`3f…a9.pdf`), so that the same file attached twice is kept
//! once and a name never has to be escaped. The extension stays so that the
//! system's program for the file's type opens it. A file goes when no
//! attachment names it any more (`sweep`).
//!
//! Backups carry the files inside the copy of the database (`pack`, in the
//! table `backup_files` of migration 0011), so a backup is one whole file;
//! a restore writes them back (`unpack`). Which meeting a file belongs to is
//! `meetings::attachment`'s: this module knows only names and bytes.

use crate::store::files::write_whole;
use crate::{Error, ErrorCode, Result};
use sha2::{Digest, Sha256};
use sqlx::{SqliteConnection, SqlitePool};
use std::path::{Path, PathBuf};

/// The folder inside the data folder that holds the attached files.
pub const ATTACHMENT_DIR: &str = "bilagor";

/// Adding and sweeping take turns, so that a sweep never removes a file
/// that was written but whose row is not committed yet.
static TURN: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Held while a file is written and its row committed, or while sweeping.
pub async fn turn() -> tokio::sync::MutexGuard<'static, ()> {
    TURN.lock().await
}

/// The attachments folder of a data folder.
pub fn attachment_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(ATTACHMENT_DIR)
}

/// `pdf` of `Bilaga.PDF`: the original name's extension, lower case, when
/// it is 1 to 10 ASCII letters or digits; otherwise none.
fn extension(file_name: &str) -> Option<String> {
    let (stem, ext) = file_name.rsplit_once('.')?;
    let ok = !stem.is_empty()
        && (1..=10).contains(&ext.len())
        && ext.chars().all(|c| c.is_ascii_alphanumeric());
    ok.then(|| ext.to_ascii_lowercase())
}

/// The stored name of these bytes under this original name.
pub fn stored_name(bytes: &[u8], file_name: &str) -> String {
    let hash: String = Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
    match extension(file_name) {
        Some(ext) => format!("{hash}.{ext}"),
        None => hash,
    }
}

/// True for a name `stored_name` could have made: 64 hex digits and
/// perhaps an extension. Anything else (a backup from elsewhere naming
/// `../x`) is never used as a path.
pub fn is_stored_name(name: &str) -> bool {
    let (hash, ext) = match name.split_once('.') {
        Some((hash, ext)) => (hash, Some(ext)),
        None => (name, None),
    };
    hash.len() == 64
        && hash.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f'))
        && ext.is_none_or(|e| {
            (1..=10).contains(&e.len())
                && e.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// Where a stored file is, checked to be one of ours.
pub fn path_of(data_dir: &Path, stored: &str) -> Result<PathBuf> {
    if !is_stored_name(stored) {
        return Err(Error::new(ErrorCode::NotFound, "not an attachment's file"));
    }
    Ok(attachment_dir(data_dir).join(stored))
}

/// Writes the bytes under their stored name, unless a file of that name
/// (the same bytes) is there already. Written whole (`store::files`).
pub fn put(data_dir: &Path, stored: &str, bytes: &[u8]) -> Result<()> {
    let path = path_of(data_dir, stored)?;
    if path.is_file() {
        return Ok(());
    }
    crate::store::private::create_dir(&attachment_dir(data_dir))?;
    write_whole(&path, bytes)
}

/// Removes the files in `bilagor/` that no attachment names. Returns how
/// many went. Files not named like ours are left alone.
pub async fn sweep(pool: &SqlitePool, data_dir: &Path) -> Result<usize> {
    let _turn = turn().await;
    let entries = match std::fs::read_dir(attachment_dir(data_dir)) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e.into()),
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let Some(name) = entry.file_name().to_str().map(str::to_owned) else { continue };
        if !is_stored_name(&name) {
            continue;
        }
        let named: bool =
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM attachments WHERE stored_name = ?)")
                .bind(&name)
                .fetch_one(pool)
                .await?;
        if !named && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    Ok(removed)
}

async fn has_table(conn: &mut SqliteConnection, table: &str) -> Result<bool> {
    Ok(sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?)",
    )
    .bind(table)
    .fetch_one(&mut *conn)
    .await?)
}

/// Puts every attached file into `backup_files` of a backup's copy (opened
/// on `conn`). A copy of a database from before attachments has neither
/// table and gets nothing. A file missing from the folder is left out.
pub async fn pack(conn: &mut SqliteConnection, data_dir: &Path) -> Result<()> {
    if !has_table(conn, "attachments").await? || !has_table(conn, "backup_files").await? {
        return Ok(());
    }
    let names: Vec<String> = sqlx::query_scalar("SELECT DISTINCT stored_name FROM attachments")
        .fetch_all(&mut *conn)
        .await?;
    for name in names {
        let Ok(path) = path_of(data_dir, &name) else { continue };
        let Ok(bytes) = std::fs::read(&path) else { continue };
        sqlx::query("INSERT OR REPLACE INTO backup_files (stored_name, content) VALUES (?, ?)")
            .bind(&name)
            .bind(bytes)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Writes the files a restored copy carries (`backup_files`) into the data
/// folder, then empties the table. Names not of our shape are skipped.
pub async fn unpack(pool: &SqlitePool, data_dir: &Path) -> Result<()> {
    let names: Vec<String> =
        sqlx::query_scalar("SELECT stored_name FROM backup_files").fetch_all(pool).await?;
    if names.is_empty() {
        return Ok(());
    }
    for name in names {
        if !is_stored_name(&name) {
            continue;
        }
        let content: Vec<u8> =
            sqlx::query_scalar("SELECT content FROM backup_files WHERE stored_name = ?")
                .bind(&name)
                .fetch_one(pool)
                .await?;
        put(data_dir, &name, &content)?;
    }
    sqlx::query("DELETE FROM backup_files").execute(pool).await?;
    sqlx::query("VACUUM").execute(pool).await?;
    Ok(())
}
