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

/// The newest schema this build of Samlär knows: the version of its last migration.
pub fn app_schema_version() -> i64 {
    MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0)
}

/// The pool's size for the user's database: one desktop user, and SQLite
/// writes one at a time anyway.
const MAX_CONNECTIONS: u32 = 4;

/// How a database file is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// The user's own database, read and written.
    ReadWrite,
    /// A file only looked at: a backup being listed or checked, a damaged
    /// file whose readable parts are exported, a database made by a newer
    /// Samlär. Nothing is written to it, not even its journal mode.
    ReadOnly,
}

/// The connection settings, and why:
///
/// - WAL lets the UI read while a save is being written.
/// - `synchronous = FULL`: the app writes little, and every save the user saw
///   succeed must survive a crash or a power cut, which WAL with NORMAL does not
///   promise.
/// - Foreign keys are off by default in SQLite; the schema relies on them.
/// - The busy timeout makes a second writer wait instead of failing at once.
/// - No memory mapping (`mmap_size = 0`): the data folder may be on a USB
///   stick, and an I/O error on a memory-mapped file ends the process with
///   SIGBUS instead of returning an error. Measured on the national dataset
///   in BENCHMARKS.md (Minnesmappning): the reads stay within their targets.
/// - `secure_delete = ON`: a deleted row is overwritten with zeros, so that
///   erasing a person (src/privacy/erasure.rs) leaves nothing of them in the
///   file. It costs writing pages that a delete dirties anyway.
/// - A small pool: one desktop user, and SQLite writes one at a time anyway.
pub fn options(path: &Path, access: Access) -> SqliteConnectOptions {
    let options = SqliteConnectOptions::new()
        .filename(path)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5))
        .pragma("mmap_size", "0")
        .pragma("secure_delete", "ON");
    match access {
        Access::ReadWrite => options
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full),
        Access::ReadOnly => options.read_only(true),
    }
}

/// Connects to the file without touching its schema. A new database file
/// (and its folder) is made the user's only before SQLite opens it; SQLite
/// gives its `-wal` and `-shm` files the same mode (`store::private`).
pub async fn connect(path: &Path, access: Access) -> Result<SqlitePool> {
    if access == Access::ReadWrite {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            crate::store::private::create_dir(dir)?;
        }
        crate::store::private::create_empty(path)?;
    }
    let max = if access == Access::ReadOnly { 2 } else { MAX_CONNECTIONS };
    Ok(SqlitePoolOptions::new().max_connections(max).connect_with(options(path, access)).await?)
}

/// Opens (creating if needed) the database file and brings its schema up to
/// date, with no checks and no backup first: for tests, the benchmark and
/// files Samlär has just made. The app opens the user's database through
/// `store::opening`, which checks it and backs it up before migrating.
pub async fn open(path: &Path) -> Result<SqlitePool> {
    let pool = connect(path, Access::ReadWrite).await?;
    MIGRATOR.run(&pool).await?;
    Ok(pool)
}

/// Starts a transaction for a write of several steps. `BEGIN IMMEDIATE` takes
/// the write lock at once, so two writers queue on the busy timeout instead of
/// one failing half-way with `SQLITE_BUSY` when it upgrades a read lock.
///
/// A COMMIT refused by a full disk can leave its connection marked as inside
/// a transaction (sqlx: "non-zero transaction depth"). Such a connection
/// cannot begin again; the next one in the pool can, so it is tried, up to
/// the pool's size. (Found by `tests/core/full_disk.rs`.)
pub async fn begin_write(pool: &SqlitePool) -> Result<Transaction<'static, Sqlite>> {
    let mut tries = 0;
    loop {
        match pool.begin_with("BEGIN IMMEDIATE").await {
            Err(e) if tries < MAX_CONNECTIONS && e.to_string().contains("transaction depth") => {
                tries += 1;
            }
            result => return Ok(result?),
        }
    }
}
