//! Opening the user's database at start, carefully: a file that is not a
//! database, a damaged one or one made by a newer Samlär is never written
//! to; migrations run only after a checked backup, all or nothing, and a
//! failed one puts the file back byte for byte. What went wrong comes back
//! as a `StartupProblem` for the window's error page, never as a silent exit.
//!
//! The order: the folder is made and locked (one Samlär per data folder),
//! the file is looked at read-only (header, which migrations it has, and
//! `quick_check` after an unclean end of the last session), and only then
//! opened for writing and migrated. Otherwise `quick_check` runs in the
//! background after start (`Session::background_checks`).

use crate::store::backup::{self, BackupInfo, BackupReason};
use crate::store::db::{self, Access, MIGRATOR};
use crate::{Clock, Error, ErrorCode, Result, Workspace};
use serde::Serialize;
use sqlx::SqlitePool;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use ts_rs::TS;

/// The file that marks a data folder as in use by one running Samlär.
pub const LOCK_FILE: &str = "samlar.lock";

/// How long a start waits for the data folder's lock before saying it is in use.
pub const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

/// The first 16 bytes of every SQLite database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// What kept the database from opening; the window explains each in Swedish.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// The data folder cannot be created or written.
    NotWritable,
    /// Another Samlär is already working in this data folder.
    InUse,
    /// The file is not a database, or not one of Samlär's.
    NotADatabase,
    /// The file is a Samlär database with damaged pages.
    Damaged,
    /// The file was made by a newer Samlär.
    NewerSchema,
    /// The backup before the upgrade failed, so nothing was upgraded.
    BackupFailed,
    /// An upgrade step failed; the file was put back as it was.
    MigrationFailed,
    /// SQLite could not open the file for another reason.
    CannotOpen,
}

/// Everything the error page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StartupProblem {
    pub kind: ProblemKind,
    pub data_dir: String,
    pub database: String,
    /// The schema version of the file, when it could be read.
    #[ts(type = "number | null")]
    pub database_schema: Option<i64>,
    #[ts(type = "number")]
    pub app_schema: i64,
    /// Automatic backups that can be restored, newest first.
    pub backups: Vec<BackupInfo>,
    /// The Samlär version that last opened the file for work, when it
    /// could be read: the one to use after a failed upgrade.
    pub last_version: Option<String>,
    /// Whether "open read-only" makes sense for this file.
    pub can_open_read_only: bool,
    /// For developers (never personal data): what SQLite or the system said.
    pub detail: String,
}

/// The data folder's lock: held for as long as the app runs. The operating
/// system releases it when the process ends, even after a crash, so a stale
/// lock file never keeps anyone out.
pub struct DataFolderLock {
    _file: File,
}

impl DataFolderLock {
    /// Creates the folder if needed and takes its lock.
    pub fn acquire(data_dir: &Path) -> std::result::Result<Self, (ProblemKind, String)> {
        let unwritable = |e: std::io::Error| (ProblemKind::NotWritable, e.to_string());
        crate::store::private::create_dir(data_dir).map_err(unwritable)?;
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(data_dir.join(LOCK_FILE))
            .map_err(unwritable)?;
        // A Samlär that was just closed may still be closing its database:
        // wait a moment for it before saying the folder is in use.
        let start = std::time::Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => break Ok(Self { _file: file }),
                Err(std::fs::TryLockError::WouldBlock) if start.elapsed() < LOCK_WAIT => {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    break Err((ProblemKind::InUse, "the data folder is locked".into()));
                }
                Err(std::fs::TryLockError::Error(e)) => break Err(unwritable(e)),
            }
        }
        .and_then(|lock| {
            // A folder on a read-only medium can still hand out a lock on an
            // existing file; a real write tells.
            let probe = data_dir.join(".samlar-write-test");
            std::fs::write(&probe, b"").map_err(unwritable)?;
            let _ = std::fs::remove_file(&probe);
            Ok(lock)
        })
    }
}

/// A database opened for work, and what happened while opening it.
pub struct Opened {
    pub workspace: Workspace,
    /// The backup taken before upgrading, when there was an upgrade.
    pub upgrade_backup: Option<BackupInfo>,
}

/// What a look at the file, read-only, found.
struct Inspection {
    /// Migration versions recorded in the file (empty for a new file).
    applied: Vec<i64>,
    /// False for a file that does not exist yet or is empty.
    has_data: bool,
}

/// Opens the database at `path` for work, or says why it cannot.
pub async fn open_for_work(
    path: &Path,
    clock: Arc<dyn Clock>,
) -> std::result::Result<Opened, Box<StartupProblem>> {
    let opened = open_checked(path, clock).await?;
    // Before the first change: a copied file gets an installation id of its
    // own (`identity`). Best effort: on a medium that refuses the write,
    // every save says so anyway.
    let _ = crate::store::identity::claim(opened.workspace.pool(), path).await;
    Ok(opened)
}

async fn open_checked(
    path: &Path,
    clock: Arc<dyn Clock>,
) -> std::result::Result<Opened, Box<StartupProblem>> {
    let problem = |kind, detail: String, schema| async move {
        Box::new(problem_report(path, kind, schema, detail).await)
    };
    let inspection = match inspect(path).await {
        Ok(found) => found,
        Err((kind, detail)) => return Err(problem(kind, detail, None).await),
    };
    let schema = inspection.applied.iter().copied().max();
    let app = db::app_schema_version();
    let known: Vec<i64> = MIGRATOR.iter().map(|m| m.version).collect();
    if inspection.applied.iter().any(|v| !known.contains(v)) {
        return Err(problem(
            ProblemKind::NewerSchema,
            format!("schema {schema:?} > {app}"),
            schema,
        )
        .await);
    }
    let pending = known.iter().any(|v| !inspection.applied.contains(v));
    let pool = match db::connect(path, Access::ReadWrite).await {
        Ok(pool) => pool,
        Err(e) => return Err(problem(ProblemKind::CannotOpen, e.message, schema).await),
    };
    let workspace = Workspace::from_pool(pool, path, Access::ReadWrite, clock);
    if !pending {
        return Ok(Opened { workspace, upgrade_backup: None });
    }
    if !inspection.has_data {
        // A new file: nothing to lose, nothing to back up.
        if let Err(e) = MIGRATOR.run(workspace.pool()).await {
            workspace.close().await;
            return Err(problem(ProblemKind::MigrationFailed, e.to_string(), schema).await);
        }
        return Ok(Opened { workspace, upgrade_backup: None });
    }
    match upgrade(workspace).await {
        Ok(opened) => Ok(opened),
        Err((kind, detail)) => Err(problem(kind, detail, schema).await),
    }
}

/// Backs up, then runs the pending migrations; on failure puts the exact
/// bytes of the file back.
async fn upgrade(workspace: Workspace) -> std::result::Result<Opened, (ProblemKind, String)> {
    let backup = match workspace.automatic_backup(BackupReason::BeforeUpgrade).await {
        Ok(backup) => backup,
        Err(e) => {
            workspace.close().await;
            return Err((ProblemKind::BackupFailed, e.message));
        }
    };
    // The exact bytes, for putting back: with the log checkpointed into the
    // main file and every connection closed, the file is the whole database.
    let path = workspace.path().to_path_buf();
    let exact = backup::backup_dir(workspace.data_dir()).join(".fore-uppgradering.exakt");
    let copied = checkpoint(workspace.pool()).await.and_then(|()| {
        std::fs::copy(&path, &exact).map_err(Error::from)?;
        backup::sync_file(&exact)
    });
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&exact);
        workspace.close().await;
        return Err((ProblemKind::BackupFailed, e.message));
    }
    match MIGRATOR.run(workspace.pool()).await {
        Ok(()) => {
            let _ = std::fs::remove_file(&exact);
            Ok(Opened { workspace, upgrade_backup: Some(backup) })
        }
        Err(e) => {
            let detail = format!("migration failed: {e}");
            workspace.close().await;
            put_back(&path, &exact).map_err(|e| (ProblemKind::MigrationFailed, e.message))?;
            Err((ProblemKind::MigrationFailed, detail))
        }
    }
}

/// Replaces the database file with `copy` and removes its write-ahead log,
/// whose frames belong to the replaced file.
pub(crate) fn put_back(path: &Path, copy: &Path) -> Result<()> {
    for suffix in ["-wal", "-shm"] {
        let side = side_file(path, suffix);
        match std::fs::remove_file(&side) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
            _ => {}
        }
    }
    std::fs::rename(copy, path)?;
    backup::sync_dir(path.parent().unwrap_or(Path::new(".")));
    Ok(())
}

/// `samlar.sqlite3-wal` beside `samlar.sqlite3`.
pub fn side_file(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Moves everything in the write-ahead log into the main file and empties the log.
pub(crate) async fn checkpoint(pool: &SqlitePool) -> Result<()> {
    let (busy, _, _): (i64, i64, i64) =
        sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)").fetch_one(pool).await?;
    if busy != 0 {
        return Err(Error::new(ErrorCode::Storage, "checkpoint blocked by a reader"));
    }
    Ok(())
}

/// Looks at the file without writing to it.
async fn inspect(path: &Path) -> std::result::Result<Inspection, (ProblemKind, String)> {
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Inspection { applied: Vec::new(), has_data: false });
        }
        Err(e) => return Err((ProblemKind::CannotOpen, e.to_string())),
        Ok(meta) if meta.len() == 0 => {
            return Ok(Inspection { applied: Vec::new(), has_data: false });
        }
        Ok(_) => {}
    }
    check_header(path).map_err(|e| (ProblemKind::NotADatabase, e.message))?;
    // A write-ahead log left with frames in it means the last session did
    // not end cleanly (a crash, a power cut, a stick pulled out): then the
    // pages are checked before anything is written. Otherwise the check runs
    // in the background once the window shows its first list (`quick_check`
    // takes about a second on the national dataset, BENCHMARKS.md).
    let unclean = std::fs::metadata(side_file(path, "-wal")).is_ok_and(|m| m.len() > 0);
    let pool = db::connect(path, Access::ReadOnly).await.map_err(classify)?;
    let result = async {
        if unclean {
            quick_check(&pool).await?;
        }
        schema_of(&pool).await
    }
    .await;
    pool.close().await;
    let applied = result.map_err(classify)?;
    Ok(Inspection { applied, has_data: true })
}

fn classify(e: Error) -> (ProblemKind, String) {
    let kind = match e.code {
        ErrorCode::NotADatabase => ProblemKind::NotADatabase,
        ErrorCode::DamagedDatabase => ProblemKind::Damaged,
        _ => ProblemKind::CannotOpen,
    };
    (kind, e.message)
}

/// `NotADatabase` unless the file starts with SQLite's header.
pub fn check_header(path: &Path) -> Result<()> {
    use std::io::Read;
    let mut header = [0u8; 16];
    let read = File::open(path).and_then(|mut f| f.read_exact(&mut header));
    match read {
        Ok(()) if &header == SQLITE_HEADER => Ok(()),
        Ok(()) => Err(Error::new(ErrorCode::NotADatabase, "no SQLite header")),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            Err(Error::new(ErrorCode::NotADatabase, "shorter than a SQLite header"))
        }
        Err(e) => Err(e.into()),
    }
}

/// `PRAGMA quick_check`: reads every page of every table and index and
/// checks each b-tree's structure (not that indexes match their tables,
/// which `integrity_check` adds). Measured on the national dataset in
/// BENCHMARKS.md (Kontroll av databasfilen vid start): about a second, of
/// which two thirds is the search index's own check; cheaper checks
/// (`count(*)` per table) missed damaged pages.
pub async fn quick_check(pool: &SqlitePool) -> Result<()> {
    let rows: Vec<String> = sqlx::query_scalar("PRAGMA quick_check").fetch_all(pool).await?;
    if rows == ["ok"] {
        Ok(())
    } else {
        Err(Error::new(ErrorCode::DamagedDatabase, format!("quick_check: {} problems", rows.len())))
    }
}

/// The migration versions a Samlär database records. A database without
/// Samlär's tables is `NotADatabase`; an empty one has none.
pub async fn schema_of(pool: &SqlitePool) -> Result<Vec<i64>> {
    let tables: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_schema WHERE type = 'table'")
            .fetch_all(pool)
            .await?;
    if tables.is_empty() {
        return Ok(Vec::new());
    }
    if !tables.iter().any(|t| t == "_sqlx_migrations")
        || !tables.iter().any(|t| t == "partnerships")
    {
        return Err(Error::new(ErrorCode::NotADatabase, "not a Samlär database"));
    }
    Ok(sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success ORDER BY version")
        .fetch_all(pool)
        .await?)
}

/// The settings key under which each Samlär that opens the file for work
/// writes its version.
const VERSION_KEY: &str = "app_version";

/// Records which version of Samlär works in the file now. Done after the
/// background check of the pages, so that nothing is written to a file
/// before it is known to be whole.
pub(crate) async fn record_version(pool: &SqlitePool) -> Result<()> {
    sqlx::query(
        "INSERT INTO settings (key, value) VALUES (?, ?) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(VERSION_KEY)
    .bind(env!("CARGO_PKG_VERSION"))
    .execute(pool)
    .await?;
    Ok(())
}

/// The version that last opened the file for work, read without changing it.
async fn last_version(path: &Path) -> Option<String> {
    let pool = db::connect(path, Access::ReadOnly).await.ok()?;
    let version = sqlx::query_scalar("SELECT value FROM settings WHERE key = ?")
        .bind(VERSION_KEY)
        .fetch_optional(&pool)
        .await
        .ok()
        .flatten();
    pool.close().await;
    version
}

/// Opens the database only to read it: for a damaged file, so that what can
/// still be read can be exported, or a file made by a newer Samlär.
pub async fn open_read_only(path: &Path, clock: Arc<dyn Clock>) -> Result<Workspace> {
    let pool = db::connect(path, Access::ReadOnly).await?;
    Ok(Workspace::from_pool(pool, path, Access::ReadOnly, clock))
}

/// The error page's facts about `path` and its folder.
pub async fn problem_report(
    path: &Path,
    kind: ProblemKind,
    database_schema: Option<i64>,
    detail: String,
) -> StartupProblem {
    let data_dir = path.parent().unwrap_or(Path::new("."));
    let last_version = match kind {
        ProblemKind::NewerSchema | ProblemKind::MigrationFailed | ProblemKind::BackupFailed => {
            last_version(path).await
        }
        _ => None,
    };
    let backups = match kind {
        ProblemKind::NotWritable | ProblemKind::InUse => Vec::new(),
        _ => backup::list_backups(data_dir).await.unwrap_or_default(),
    };
    StartupProblem {
        kind,
        data_dir: data_dir.display().to_string(),
        database: path.display().to_string(),
        database_schema,
        app_schema: db::app_schema_version(),
        backups,
        last_version,
        can_open_read_only: matches!(kind, ProblemKind::Damaged | ProblemKind::NewerSchema),
        detail,
    }
}
