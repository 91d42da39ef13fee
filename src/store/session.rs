//! The database the app is working in, which can change while the window
//! stays open: a restore puts another file in its place, and the start-up
//! error page can open a damaged file read-only or restore a backup over it.
//! Commands ask the session for the workspace of the moment; when none is
//! open (the error page) they get `not_open`.

use crate::store::backup::BackupInfo;
use crate::store::opening::{self, Opened, StartupProblem};
use crate::store::restore;
use crate::{Clock, Error, ErrorCode, Result, Workspace};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use ts_rs::TS;

/// What the day's automatic backup at start came to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupOutcome {
    /// The backup taken, or `None` when one was already taken today.
    pub taken: Option<BackupInfo>,
    /// Why it failed: the window says so, and the user keeps working.
    pub error: Option<Error>,
    /// The check of the pages found damage: the database is now open only
    /// for reading, and no backup was taken (it would replace good ones).
    pub damaged: bool,
}

/// The input of "restore this file": a backup from the list, or a file the
/// user chose.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RestoreRequest {
    pub path: String,
}

pub struct Session {
    path: PathBuf,
    clock: Arc<dyn Clock>,
    current: RwLock<Option<Arc<Workspace>>>,
}

impl Session {
    /// Opens the database at `path` for work. On success, the backup taken
    /// before an upgrade, if there was one; on failure the session starts
    /// with nothing open, and the problem is for the error page.
    pub async fn start(
        path: &Path,
        clock: Arc<dyn Clock>,
    ) -> (Session, std::result::Result<Option<BackupInfo>, Box<StartupProblem>>) {
        let opened = opening::open_for_work(path, clock.clone()).await;
        let session = Session { path: path.to_path_buf(), clock, current: RwLock::new(None) };
        match opened {
            Ok(Opened { workspace, upgrade_backup }) => {
                session.put(Arc::new(workspace));
                (session, Ok(upgrade_backup))
            }
            Err(problem) => (session, Err(problem)),
        }
    }

    /// A session with nothing open: the data folder could not even be locked.
    pub fn closed(path: &Path, clock: Arc<dyn Clock>) -> Session {
        Session { path: path.to_path_buf(), clock, current: RwLock::new(None) }
    }

    /// A session over a workspace opened elsewhere (tests, the command tests).
    pub fn over(workspace: Workspace) -> Session {
        let session = Session {
            path: workspace.path().to_path_buf(),
            clock: workspace.shared_clock(),
            current: RwLock::new(None),
        };
        session.put(Arc::new(workspace));
        session
    }

    /// The database file this session works on.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The workspace open now.
    pub fn workspace(&self) -> Result<Arc<Workspace>> {
        let current = self.current.read().map_err(|_| poisoned())?;
        current.clone().ok_or_else(|| Error::new(ErrorCode::NotOpen, "no database is open"))
    }

    fn put(&self, workspace: Arc<Workspace>) {
        if let Ok(mut current) = self.current.write() {
            *current = Some(workspace);
        }
    }

    /// Puts the database in `chosen` in place of the current one (which is
    /// backed up first), or of the file that could not be opened at start
    /// (kept aside), and returns the workspace over the restored data.
    pub async fn restore(&self, chosen: &Path) -> Result<Arc<Workspace>> {
        if chosen.as_os_str().len() > crate::kernel::limits::PATH_MAX_BYTES {
            return Err(Error::at(ErrorCode::TextTooLong, "path", "the path is too long"));
        }
        let restored = match self.workspace() {
            Ok(ws) if !ws.is_read_only() => {
                let prepared = ws.prepare_restore(chosen).await?;
                ws.replace(prepared).await?.0
            }
            // A damaged or newer file opened read-only from the error page:
            // the chosen file is checked first, then the open one is closed
            // and kept aside like a file that could not be opened.
            Ok(read_only) => {
                restore::check_restorable(chosen).await?;
                read_only.pool().close().await;
                restore::restore_over_unopened(&self.path, chosen, self.clock.clone()).await?
            }
            Err(_) => {
                restore::restore_over_unopened(&self.path, chosen, self.clock.clone()).await?
            }
        };
        let restored = Arc::new(restored);
        self.put(restored.clone());
        Ok(restored)
    }

    /// Opens the file that could not be opened for work, only to read it.
    /// Refused while a database is open for work.
    pub async fn open_read_only(&self) -> Result<Arc<Workspace>> {
        if self.workspace().is_ok() {
            return Err(Error::new(ErrorCode::Conflict, "a database is already open"));
        }
        let ws = Arc::new(opening::open_read_only(&self.path, self.clock.clone()).await?);
        self.put(ws.clone());
        Ok(ws)
    }

    /// What runs in the background after start: `quick_check` of every
    /// page, and then the day's automatic backup when one is due. Damage
    /// found turns the session read-only at once: a damaged database is not
    /// written to, and no backup of it pushes good ones out of the rotation.
    pub async fn background_checks(&self) -> BackupOutcome {
        let ws = match self.workspace() {
            Ok(ws) if !ws.is_read_only() => ws,
            _ => return BackupOutcome { taken: None, error: None, damaged: false },
        };
        match opening::quick_check(ws.pool()).await {
            Err(e) if e.code == ErrorCode::DamagedDatabase => {
                ws.pool().close().await;
                let reopened = opening::open_read_only(&self.path, self.clock.clone()).await;
                if let Ok(read_only) = reopened {
                    self.put(Arc::new(read_only));
                }
                return BackupOutcome { taken: None, error: Some(e), damaged: true };
            }
            Err(e) => return BackupOutcome { taken: None, error: Some(e), damaged: false },
            Ok(()) => {}
        }
        // Best effort: the version is for the error page of a later, failed
        // upgrade; a full disk will show on the next save.
        let _ = opening::record_version(ws.pool()).await;
        match ws.daily_backup().await {
            Ok(taken) => BackupOutcome { taken, error: None, damaged: false },
            Err(error) => BackupOutcome { taken: None, error: Some(error), damaged: false },
        }
    }

    /// Closes the open workspace, waiting for statements in flight.
    pub async fn close(&self) {
        if let Ok(ws) = self.workspace() {
            ws.pool().close().await;
        }
    }
}

fn poisoned() -> Error {
    Error::new(ErrorCode::Storage, "session lock poisoned")
}
