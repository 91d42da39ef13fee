//! Putting a backup (or any Samlär database file the user chooses) in the
//! place of the current database. In two steps, so that nothing is lost when
//! the chosen file is unusable: `prepare_restore` checks the file and makes a
//! migrated copy beside the database, without touching it (the attached
//! files the backup carries are written into `bilagor/` then: new names
//! only, as a stored file's name is its content); `replace` backs
//! the current database up, closes it and renames the copy into its place.

use crate::store::backup::{self, BackupInfo, BackupReason};
use crate::store::db::{self, Access, MIGRATOR};
use crate::store::opening::{self, checkpoint, put_back, schema_of};
use crate::{Error, ErrorCode, Result, Workspace};
use std::path::{Path, PathBuf};

/// A checked copy of the chosen file, migrated to this app's schema and
/// waiting beside the database to take its place.
pub struct PreparedRestore {
    copy: PathBuf,
}

impl Drop for PreparedRestore {
    fn drop(&mut self) {
        // Not used (the restore was abandoned), or already renamed away.
        let _ = std::fs::remove_file(&self.copy);
    }
}

/// Checks that `chosen` is a whole Samlär database this app can use.
pub async fn check_restorable(chosen: &Path) -> Result<Vec<i64>> {
    opening::check_header(chosen)?;
    let pool = db::connect(chosen, Access::ReadOnly).await?;
    let schema = schema_of(&pool).await;
    pool.close().await;
    let applied = schema?;
    if applied.is_empty() {
        return Err(Error::new(ErrorCode::NotADatabase, "an empty database"));
    }
    let known: Vec<i64> = MIGRATOR.iter().map(|m| m.version).collect();
    if applied.iter().any(|v| !known.contains(v)) {
        return Err(Error::new(ErrorCode::NewerSchema, "made by a newer Samlär"));
    }
    backup::check_integrity(chosen).await?;
    Ok(applied)
}

/// Checks `chosen` and makes a migrated copy of it in `data_dir`.
async fn prepare(data_dir: &Path, chosen: &Path) -> Result<PreparedRestore> {
    check_restorable(chosen).await?;
    let copy = data_dir.join(".aterstalls.sqlite3");
    let _ = std::fs::remove_file(&copy);
    let prepared = PreparedRestore { copy };
    // VACUUM INTO from a read-only connection: a consistent copy even of
    // a live database with its own write-ahead log, never changing it.
    let source = db::connect(chosen, Access::ReadOnly).await?;
    let copied = sqlx::query("VACUUM INTO ?")
        .bind(prepared.copy.to_string_lossy().into_owned())
        .execute(&source)
        .await;
    source.close().await;
    copied?;
    // It becomes the database: the user's only, like the one it replaces.
    crate::store::private::restrict(&prepared.copy)?;
    let pool = db::connect(&prepared.copy, Access::ReadWrite).await?;
    let migrated = async {
        MIGRATOR.run(&pool).await?;
        // The attached files the backup carries go back into the data folder.
        crate::store::attachment_files::unpack(&pool, data_dir).await?;
        // A step back in time: changes from now on count under a new id.
        crate::store::identity::renew(&pool, &prepared.copy).await?;
        checkpoint(&pool).await
    }
    .await;
    pool.close().await;
    migrated?;
    backup::sync_file(&prepared.copy)?;
    Ok(prepared)
}

/// Restores `chosen` where no database could be opened (the start-up error
/// page): the file that is there, damaged or not a database, is not deleted
/// but renamed `ersatt-<date and time>.sqlite3` in the data folder.
pub async fn restore_over_unopened(
    path: &Path,
    chosen: &Path,
    clock: std::sync::Arc<dyn crate::Clock>,
) -> Result<Workspace> {
    let data_dir = path.parent().unwrap_or(Path::new("."));
    let prepared = prepare(data_dir, chosen).await?;
    if path.exists() {
        let stamp = backup::local(clock.now()).format("%Y-%m-%d-%H%M%S");
        std::fs::rename(path, data_dir.join(format!("ersatt-{stamp}.sqlite3")))?;
    }
    put_back(path, &prepared.copy)?;
    let pool = db::connect(path, Access::ReadWrite).await?;
    Ok(Workspace::from_pool(pool, path, Access::ReadWrite, clock))
}

impl Workspace {
    /// Checks `chosen` and makes a migrated copy of it beside the database.
    /// The current database is not touched.
    pub async fn prepare_restore(&self, chosen: &Path) -> Result<PreparedRestore> {
        if self.is_read_only() {
            return Err(Error::new(ErrorCode::ReadOnly, "opened read-only"));
        }
        prepare(self.data_dir(), chosen).await
    }

    /// Backs the current database up, closes it, and puts the prepared copy
    /// in its place. Returns the workspace over the restored data and the
    /// backup of what was replaced. When the backup fails nothing changes.
    pub async fn replace(&self, prepared: PreparedRestore) -> Result<(Workspace, BackupInfo)> {
        let before = self.automatic_backup(BackupReason::BeforeRestore).await?;
        checkpoint(self.pool()).await?;
        self.pool().close().await;
        put_back(self.path(), &prepared.copy)?;
        let pool = db::connect(self.path(), Access::ReadWrite).await?;
        Ok((
            Workspace::from_pool(pool, self.path(), Access::ReadWrite, self.shared_clock()),
            before,
        ))
    }
}
