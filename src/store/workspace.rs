//! A workspace is one open Samlär database: the pool, the file it came from
//! and the clock that every operation uses. The domain modules add their
//! operations to it.

use crate::store::db::{self, Access};
use crate::{Clock, Result};
use sqlx::SqlitePool;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub struct Workspace {
    pool: SqlitePool,
    clock: Arc<dyn Clock>,
    path: PathBuf,
    access: Access,
}

impl Workspace {
    /// Opens the database file at `path`, creating it and running the
    /// migrations first if needed (no checks, no backup: see `db::open`).
    pub async fn open(path: &Path, clock: Arc<dyn Clock>) -> Result<Self> {
        let pool = db::open(path).await?;
        crate::store::identity::claim(&pool, path).await?;
        Ok(Self::from_pool(pool, path, Access::ReadWrite, clock))
    }

    /// A workspace over a pool already opened (and checked) on `path`.
    pub(crate) fn from_pool(
        pool: SqlitePool,
        path: &Path,
        access: Access,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self { pool, clock, path: path.to_path_buf(), access }
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    pub fn clock(&self) -> &dyn Clock {
        self.clock.as_ref()
    }

    pub(crate) fn shared_clock(&self) -> Arc<dyn Clock> {
        self.clock.clone()
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The data folder: the database file's folder, where backups are kept.
    pub fn data_dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }

    /// True when the file was opened only to be read (a damaged file, or
    /// one made by a newer Samlär): every write is refused with `read_only`.
    pub fn is_read_only(&self) -> bool {
        self.access == Access::ReadOnly
    }

    /// Waits for running statements and checkpoints the write-ahead log.
    pub async fn close(self) {
        self.pool.close().await;
    }
}
