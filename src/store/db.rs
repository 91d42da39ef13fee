//! Opens the SQLite file: the one place where the connection pragmas are set,
//! and where migrations run before anything else can touch the data.

use crate::Result;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Sqlite, Transaction};
use std::path::Path;
use std::time::Duration;

/// The migrations in `migrations/`, embedded in the binary. Forward-only:
/// a migration that has been released is never edited.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Opens (creating if needed) the database file and brings its schema up to date.
///
/// - WAL lets the UI read while a save is being written.
/// - `synchronous = FULL`: the app writes little, and every save the user saw
///   succeed must survive a crash or a power cut, which WAL with NORMAL does not
///   promise.
/// - Foreign keys are off by default in SQLite; the schema relies on them.
/// - The busy timeout makes a second writer wait instead of failing at once.
/// - Reads are memory-mapped (up to 256 MB): each pooled connection's page
///   cache is only 2 MB, and statistics over ten years of meetings read far
///   more (measured in BENCHMARKS.md: a third faster for the large reads).
/// - A small pool: one desktop user, and SQLite writes one at a time anyway.
pub async fn open(path: &Path) -> Result<SqlitePool> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5))
        .pragma("mmap_size", "268435456");
    let pool = SqlitePoolOptions::new().max_connections(4).connect_with(options).await?;
    MIGRATOR.run(&pool).await?;
    Ok(pool)
}

/// Starts a transaction for a write of several steps. `BEGIN IMMEDIATE` takes
/// the write lock at once, so two writers queue on the busy timeout instead of
/// one failing half-way with `SQLITE_BUSY` when it upgrades a read lock.
pub async fn begin_write(pool: &SqlitePool) -> Result<Transaction<'static, Sqlite>> {
    Ok(pool.begin_with("BEGIN IMMEDIATE").await?)
}
