//! A workspace is one open Samlär database: the pool and the clock that every
//! operation uses. The domain modules add their operations to it.

use crate::{Clock, Result, store::db};
use sqlx::SqlitePool;
use std::path::Path;
use std::sync::Arc;

pub struct Workspace {
    pool: SqlitePool,
    clock: Arc<dyn Clock>,
}

impl Workspace {
    /// Opens the database file at `path`, creating it and running the
    /// migrations first if needed.
    pub async fn open(path: &Path, clock: Arc<dyn Clock>) -> Result<Self> {
        Ok(Self { pool: db::open(path).await?, clock })
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    pub fn clock(&self) -> &dyn Clock {
        self.clock.as_ref()
    }

    /// Waits for running statements and checkpoints the write-ahead log.
    pub async fn close(self) {
        self.pool.close().await;
    }
}
