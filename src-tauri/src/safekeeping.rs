//! The commands of safekeeping and of the app's own life: backups by hand
//! and restore, the start-up error page's choices (open read-only, restore a
//! backup, quit), Om Samlär (and its folders), and closing the window without losing the last
//! save. Thin adapters, as in `commands`: the work is in the core's
//! `store::backup`, `store::restore` and `store::session`.

use crate::FileSaver;
use samlar::documents::export::SavedFile;
use samlar::pages::about::About;
use samlar::pages::start::StartView;
use samlar::store::backup::BackupInfo;
use samlar::store::session::{BackupOutcome, RestoreRequest, Session};
use samlar::{Error, ErrorCode, parse_input};
use samlar_app_macros::command;
use serde_json::Value;
use std::time::Duration;
use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;
use tokio::sync::{Notify, watch};

type Reply<T> = Result<T, Error>;

/// The background checks after start (the pages, then the day's backup).
pub struct DailyBackup(pub watch::Receiver<Option<BackupOutcome>>);

/// Told by the page that it has painted its first list (`ui_ready`).
#[derive(Default)]
pub struct FirstPaint(pub Notify);

/// The longest the day's backup waits for the first paint.
const BACKUP_AFTER: Duration = Duration::from_secs(10);

/// Told by the page that its last save has finished.
#[derive(Default)]
pub struct Closing(pub Notify);

/// How long closing the window waits for the page's last save.
pub const CLOSE_WAIT: Duration = Duration::from_secs(1);

#[command]
pub async fn about(session: State<'_, Session>) -> Reply<About> {
    session.workspace()?.about().await
}

#[command]
pub fn open_data_folder<R: Runtime>(app: AppHandle<R>, session: State<'_, Session>) -> Reply<()> {
    let dir = session.path().parent().map(|d| d.display().to_string()).unwrap_or_default();
    app.opener()
        .open_path(dir, None::<&str>)
        .map_err(|e| Error::new(ErrorCode::OpenFailed, e.to_string()))
}

/// Om Samlär → Öppna loggmappen: the log's folder in the file manager
/// (made first, so that it opens even before anything was logged).
#[command]
pub fn open_log_folder<R: Runtime>(app: AppHandle<R>, session: State<'_, Session>) -> Reply<()> {
    let data_dir = session.path().parent().unwrap_or(std::path::Path::new("."));
    let dir = crate::logging::log_dir(data_dir);
    let _ = samlar::store::private::create_dir(&dir);
    app.opener()
        .open_path(dir.display().to_string(), None::<&str>)
        .map_err(|e| Error::new(ErrorCode::OpenFailed, e.to_string()))
}

#[command]
pub async fn list_backups(session: State<'_, Session>) -> Reply<Vec<BackupInfo>> {
    let dir = session.path().parent().unwrap_or(std::path::Path::new(".")).to_path_buf();
    samlar::store::backup::list_backups(&dir).await
}

/// Meny → Säkerhetskopiera…: a checked copy, saved where the user chooses.
#[command]
pub async fn back_up_now(
    session: State<'_, Session>,
    saver: State<'_, FileSaver>,
) -> Reply<SavedFile> {
    let ws = session.workspace()?;
    let name = ws.manual_backup_name();
    let copy = ws.data_dir().join(format!(".{name}"));
    ws.back_up_to(&copy).await?;
    let saved = saver.save_copy(&name, &copy).await;
    let _ = std::fs::remove_file(&copy);
    saved
}

#[command]
pub async fn restore_backup(session: State<'_, Session>, input: Option<Value>) -> Reply<StartView> {
    let request: RestoreRequest = parse_input(input)?;
    session.restore(std::path::Path::new(&request.path)).await?.start_view().await
}

/// Asks the user for a database file to restore; `cancelled` when they close the dialog.
#[command]
pub async fn choose_backup_file<R: Runtime>(app: AppHandle<R>) -> Reply<String> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    app.dialog().file().add_filter("Samlär", &["sqlite3", "sqlite", "db"]).pick_file(move |path| {
        let _ = tx.send(path);
    });
    let path = rx.await.ok().flatten().and_then(|p| p.into_path().ok());
    path.map(|p| p.display().to_string())
        .ok_or_else(|| Error::new(ErrorCode::Cancelled, "no file chosen"))
}

#[command]
pub async fn open_read_only(session: State<'_, Session>) -> Reply<StartView> {
    session.open_read_only().await?.start_view().await
}

#[command]
pub async fn daily_backup_outcome(daily: State<'_, DailyBackup>) -> Reply<BackupOutcome> {
    let mut outcome = daily.0.clone();
    let done = outcome
        .wait_for(Option::is_some)
        .await
        .map_err(|e| Error::new(ErrorCode::Storage, e.to_string()))?;
    Ok(done.clone().unwrap_or(BackupOutcome { taken: None, error: None, damaged: false }))
}

#[command]
pub fn quit_app<R: Runtime>(app: AppHandle<R>) {
    app.exit(0);
}

/// The page's saves have finished: the window may close.
#[command]
pub fn ready_to_close(closing: State<'_, Closing>) {
    closing.0.notify_one();
}

/// The window's close button: the page is asked to finish its saves
/// (`window.__samlarClosing`), and the window closes when it says it has, or
/// after `CLOSE_WAIT`.
pub fn on_close_requested<R: Runtime>(window: &tauri::Window<R>, api: &tauri::CloseRequestApi) {
    let Some(webview) = window.app_handle().get_webview_window(window.label()) else { return };
    api.prevent_close();
    let app = window.app_handle().clone();
    let _ = webview.eval("window.__samlarClosing ? window.__samlarClosing() : undefined");
    tauri::async_runtime::spawn(async move {
        let closing = app.state::<Closing>();
        let _ = tokio::time::timeout(CLOSE_WAIT, closing.0.notified()).await;
        let _ = webview.destroy();
    });
}

/// The system asks Samlär to end (SIGTERM when the desktop session logs out
/// or the computer shuts down; SIGHUP or SIGINT from a terminal): the window
/// closes as by its close button, so the page finishes its saves and the
/// session closes the database (`RunEvent::Exit` in `lib.rs`), which folds
/// the write-ahead log into the file and removes it. Ended without this, the
/// log stays behind, and the next start checks every page before the window
/// opens (`store::opening`: about a second on a national record).
pub fn close_on_signals<R: Runtime>(app: &AppHandle<R>) {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let app = app.clone();
        tauri::async_runtime::spawn(async move {
            let kinds = [SignalKind::terminate(), SignalKind::hangup(), SignalKind::interrupt()];
            let Ok(mut signals) = kinds.map(signal).into_iter().collect::<Result<Vec<_>, _>>()
            else {
                return;
            };
            let [term, hup, int] = &mut signals[..] else { return };
            tokio::select! {
                _ = term.recv() => {}
                _ = hup.recv() => {}
                _ = int.recv() => {}
            }
            tracing::info!("asked by the system to end");
            match app.get_webview_window("main") {
                Some(window) => {
                    if window.close().is_err() {
                        app.exit(0);
                    }
                }
                None => app.exit(0),
            }
        });
    }
}

/// Starts the day's backup in the background once the first list is
/// painted (or after `BACKUP_AFTER`), so that copying a large database does
/// not slow the start; its outcome waits for the page to ask.
pub fn start_daily_backup<R: Runtime>(app: &AppHandle<R>) -> DailyBackup {
    let (tx, rx) = watch::channel(None);
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let painted = app.state::<FirstPaint>();
        let _ = tokio::time::timeout(BACKUP_AFTER, painted.0.notified()).await;
        let outcome = app.state::<Session>().background_checks().await;
        let _ = tx.send(Some(outcome));
    });
    DailyBackup(rx)
}
