//! Copies of the database, so that years of a coordinator's record survive a
//! bad upgrade, a damaged file or a mistake. Automatic backups go into
//! `backups/` in the data folder: at start at most once a day, and before
//! every migration and every restore. A copy is made with `VACUUM INTO` (a
//! consistent snapshot even while the app reads, written page by page into a
//! new file, with the write-ahead log folded in), into a temporary name that
//! is renamed only after `PRAGMA integrity_check` passed on the copy: a
//! backup on disk is always whole and checked. The attached files
//! (`store::attachment_files`) go into the copy too, in its table
//! `backup_files`, so a backup is one file that brings them back.
//!
//! Kept: the ten newest, and the newest of each month for a year; older ones
//! are deleted. Files in `backups/` not named by Samlär are left alone.

use crate::store::db::{self, Access};
use crate::{Error, ErrorCode, Result, Workspace};
use chrono::{DateTime, Datelike, Local, NaiveDateTime, Utc};
use serde::Serialize;
use sqlx::SqlitePool;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// The folder inside the data folder that holds the automatic backups.
pub const BACKUP_DIR: &str = "backups";

/// How many of the newest automatic backups are always kept.
pub const KEEP_NEWEST: usize = 10;

/// For how many months the newest backup of each month is kept.
pub const KEEP_MONTHS: u32 = 12;

const PREFIX: &str = "samlar-";
const EXTENSION: &str = ".sqlite3";
const STAMP: &str = "%Y-%m-%d-%H%M%S";

/// Why an automatic backup was taken; part of its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupReason {
    /// The first start of the day.
    Daily,
    /// Before the schema was brought up to date by a new version of Samlär.
    BeforeUpgrade,
    /// Before another database was put in this one's place.
    BeforeRestore,
}

impl BackupReason {
    fn suffix(self) -> &'static str {
        match self {
            BackupReason::Daily => "",
            BackupReason::BeforeUpgrade => "-fore-uppgradering",
            BackupReason::BeforeRestore => "-fore-aterstallning",
        }
    }

    fn from_suffix(suffix: &str) -> Option<Self> {
        [BackupReason::Daily, BackupReason::BeforeUpgrade, BackupReason::BeforeRestore]
            .into_iter()
            .find(|r| r.suffix() == suffix)
    }
}

/// How much of the record a database holds, shown before restoring it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecordCounts {
    #[ts(type = "number")]
    pub partnerships: i64,
    #[ts(type = "number")]
    pub organisations: i64,
    #[ts(type = "number")]
    pub people: i64,
    #[ts(type = "number")]
    pub meetings: i64,
}

/// One automatic backup in `backups/`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupInfo {
    pub file_name: String,
    pub path: String,
    /// When it was taken, on the user's clock: `YYYY-MM-DDTHH:MM:SS`.
    pub taken_at: String,
    pub reason: BackupReason,
    #[ts(type = "number")]
    pub size_bytes: u64,
    /// `None` when the file could not be read as a Samlär database.
    pub counts: Option<RecordCounts>,
}

/// The backups folder of a data folder.
pub fn backup_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(BACKUP_DIR)
}

/// The file name of an automatic backup taken at `at` (local time).
pub fn backup_file_name(at: NaiveDateTime, reason: BackupReason) -> String {
    format!("{PREFIX}{}{}{EXTENSION}", at.format(STAMP), reason.suffix())
}

/// When and why a backup was taken, from its file name; `None` for files
/// Samlär did not name.
pub fn parse_backup_file_name(name: &str) -> Option<(NaiveDateTime, BackupReason)> {
    let rest = name.strip_prefix(PREFIX)?.strip_suffix(EXTENSION)?;
    let stamp = rest.get(..17)?;
    let at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?;
    Some((at, BackupReason::from_suffix(&rest[17..])?))
}

/// Copies the database behind `pool` into `dest` with `VACUUM INTO`, puts
/// the attached files of `data_dir` into the copy (`attachment_files::pack`),
/// checks the copy, and only then gives it its name. Nothing is left at
/// `dest` or beside it when any step fails.
pub async fn write_backup(pool: &SqlitePool, data_dir: &Path, dest: &Path) -> Result<()> {
    let dir = dest.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    crate::store::private::create_dir(dir).map_err(backup_failed)?;
    let name = dest.file_name().and_then(|n| n.to_str()).unwrap_or("backup");
    let temp = dir.join(format!(".{name}.tmp"));
    let _ = std::fs::remove_file(&temp);
    let result = async {
        sqlx::query("VACUUM INTO ?")
            .bind(temp.to_string_lossy().into_owned())
            .execute(pool)
            .await
            .map_err(|e| with_code(Error::from(e)))?;
        // SQLite makes the copy with the default mode: the user's only at once.
        crate::store::private::restrict(&temp).map_err(backup_failed)?;
        pack_files(&temp, data_dir).await?;
        check_integrity(&temp).await?;
        sync_file(&temp)?;
        std::fs::rename(&temp, dest).map_err(backup_failed)?;
        sync_dir(dir);
        Ok(())
    }
    .await;
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// The attached files into the copy at `temp`, on a connection of its own
/// in SQLite's default journal mode, so the copy stays one file.
async fn pack_files(temp: &Path, data_dir: &Path) -> Result<()> {
    use sqlx::Connection;
    let options = sqlx::sqlite::SqliteConnectOptions::new().filename(temp);
    let mut conn = sqlx::SqliteConnection::connect_with(&options).await.map_err(Error::from)?;
    let packed = crate::store::attachment_files::pack(&mut conn, data_dir).await;
    conn.close().await.map_err(Error::from)?;
    packed.map_err(with_code)
}

/// `PRAGMA integrity_check` on a file, opened read-only: `DamagedDatabase`
/// unless it answers exactly `ok`.
pub async fn check_integrity(path: &Path) -> Result<()> {
    let pool = db::connect(path, Access::ReadOnly).await?;
    let rows: Result<Vec<String>> =
        sqlx::query_scalar("PRAGMA integrity_check").fetch_all(&pool).await.map_err(Error::from);
    pool.close().await;
    match rows? {
        rows if rows == ["ok"] => Ok(()),
        rows => Err(Error::new(
            ErrorCode::DamagedDatabase,
            format!("integrity check: {} problems", rows.len()),
        )),
    }
}

/// The counts shown for a database file, read without changing it.
pub async fn record_counts(path: &Path) -> Result<RecordCounts> {
    let pool = db::connect(path, Access::ReadOnly).await?;
    let counts = counts_in(&pool).await;
    pool.close().await;
    counts
}

pub(crate) async fn counts_in(pool: &SqlitePool) -> Result<RecordCounts> {
    let (partnerships, organisations, people, meetings) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM partnerships), (SELECT count(*) FROM organisations), \
                (SELECT count(*) FROM people), (SELECT count(*) FROM meetings)",
    )
    .fetch_one(pool)
    .await?;
    Ok(RecordCounts { partnerships, organisations, people, meetings })
}

/// The automatic backups in a data folder, newest first, each with its counts.
pub async fn list_backups(data_dir: &Path) -> Result<Vec<BackupInfo>> {
    let mut found = Vec::new();
    for (path, at, reason) in named_backups(&backup_dir(data_dir))? {
        let size_bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let counts = record_counts(&path).await.ok();
        found.push(BackupInfo {
            file_name: file_name(&path),
            path: path.display().to_string(),
            taken_at: at.format("%Y-%m-%dT%H:%M:%S").to_string(),
            reason,
            size_bytes,
            counts,
        });
    }
    Ok(found)
}

/// The files in `dir` that Samlär named as backups, newest first.
fn named_backups(dir: &Path) -> Result<Vec<(PathBuf, NaiveDateTime, BackupReason)>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let mut found: Vec<_> = entries
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let (at, reason) = parse_backup_file_name(entry.file_name().to_str()?)?;
            Some((entry.path(), at, reason))
        })
        .collect();
    found.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| b.0.cmp(&a.0)));
    Ok(found)
}

/// Which of these backup times (newest first) are kept at `now`: the
/// `KEEP_NEWEST` newest, and the newest of each of the last `KEEP_MONTHS`
/// months (the current month counted). The rest are to be deleted.
pub fn kept(times_newest_first: &[NaiveDateTime], now: NaiveDateTime) -> Vec<bool> {
    let month = |t: NaiveDateTime| t.year() * 12 + t.month0() as i32;
    let oldest_month = month(now) - KEEP_MONTHS as i32 + 1;
    let mut months_seen = std::collections::HashSet::new();
    times_newest_first
        .iter()
        .enumerate()
        .map(|(i, &t)| {
            let newest_of_month = month(t) >= oldest_month && months_seen.insert(month(t));
            i < KEEP_NEWEST || newest_of_month
        })
        .collect()
}

/// Deletes the automatic backups no longer kept; returns the deleted files.
pub fn prune(data_dir: &Path, now: NaiveDateTime) -> Result<Vec<PathBuf>> {
    let backups = named_backups(&backup_dir(data_dir))?;
    let times: Vec<_> = backups.iter().map(|b| b.1).collect();
    let mut deleted = Vec::new();
    for ((path, _, _), keep) in backups.into_iter().zip(kept(&times, now)) {
        if !keep {
            std::fs::remove_file(&path)?;
            deleted.push(path);
        }
    }
    Ok(deleted)
}

/// The user's clock in local time, for backup names.
pub fn local(at: DateTime<Utc>) -> NaiveDateTime {
    at.with_timezone(&Local).naive_local()
}

/// True when no automatic backup was taken today (on the user's clock).
pub fn daily_backup_due(data_dir: &Path, now: NaiveDateTime) -> Result<bool> {
    let newest = named_backups(&backup_dir(data_dir))?.into_iter().next();
    Ok(newest.is_none_or(|(_, at, _)| at.date() != now.date()))
}

impl Workspace {
    /// Takes an automatic backup into `backups/` and deletes those no longer
    /// kept. A second backup in the same second gets the next second's name.
    pub async fn automatic_backup(&self, reason: BackupReason) -> Result<BackupInfo> {
        let dir = backup_dir(self.data_dir());
        let mut at = local(self.clock().now());
        let mut dest = dir.join(backup_file_name(at, reason));
        while dest.exists() {
            at += chrono::Duration::seconds(1);
            dest = dir.join(backup_file_name(at, reason));
        }
        write_backup(self.pool(), self.data_dir(), &dest).await?;
        prune(self.data_dir(), local(self.clock().now()))?;
        let counts = counts_in(self.pool()).await.ok();
        Ok(BackupInfo {
            file_name: file_name(&dest),
            path: dest.display().to_string(),
            taken_at: at.format("%Y-%m-%dT%H:%M:%S").to_string(),
            reason,
            size_bytes: std::fs::metadata(&dest).map(|m| m.len()).unwrap_or(0),
            counts,
        })
    }

    /// The start-of-day backup: taken when none was taken today yet.
    pub async fn daily_backup(&self) -> Result<Option<BackupInfo>> {
        if !daily_backup_due(self.data_dir(), local(self.clock().now()))? {
            return Ok(None);
        }
        self.automatic_backup(BackupReason::Daily).await.map(Some)
    }

    /// The automatic backups of this workspace's data folder, newest first.
    pub async fn backups(&self) -> Result<Vec<BackupInfo>> {
        list_backups(self.data_dir()).await
    }

    /// The name suggested for a backup made by hand, on the user's clock.
    pub fn manual_backup_name(&self) -> String {
        format!(
            "Samlär säkerhetskopia {}{EXTENSION}",
            local(self.clock().now()).format("%Y-%m-%d %H.%M")
        )
    }

    /// A checked copy of the database at `dest` (for "Säkerhetskopiera…").
    pub async fn back_up_to(&self, dest: &Path) -> Result<()> {
        write_backup(self.pool(), self.data_dir(), dest).await
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// A failure while backing up keeps a full disk's own code; anything else is
/// `backup_failed`.
fn with_code(err: Error) -> Error {
    match err.code {
        ErrorCode::DiskFull | ErrorCode::DamagedDatabase => err,
        _ => Error::new(ErrorCode::BackupFailed, err.message),
    }
}

fn backup_failed(err: std::io::Error) -> Error {
    with_code(Error::from(err))
}

/// Flushes a file's contents to the disk before it is renamed into place.
pub(crate) fn sync_file(path: &Path) -> Result<()> {
    std::fs::File::open(path).and_then(|f| f.sync_all()).map_err(backup_failed)
}

/// Makes a rename durable (Unix; elsewhere the rename itself is enough).
pub(crate) fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
