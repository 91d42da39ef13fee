//! The shared workspace's commands and its background sync. The core
//! (`samlar::shared`) joins, syncs and resolves; the shell holds the
//! password (`shared_password`), syncs every `SYNC_EVERY` while a workspace
//! is joined and a password known, and tells the window after each sync
//! with a `sync-status` event carrying the `SyncStatus`.

use crate::shared_password::{Passwords, account};
use samlar::exchange::merge::{Applied, Conflict};
use samlar::shared::join::JoinSharedWorkspace;
use samlar::shared::members::SharedMembers;
use samlar::shared::status::{SyncReport, SyncStatus};
use samlar::store::session::Session;
use samlar::{Error, ErrorCode, Workspace, parse_input};
use samlar_app_macros::command;
use serde::Deserialize;
use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

type Reply<T> = Result<T, samlar::Error>;
type Ws<'a> = State<'a, Session>;

/// How often the background sync runs while a workspace is joined.
pub const SYNC_EVERY: Duration = Duration::from_secs(5);

/// The event the window listens to, with the `SyncStatus` after a sync.
pub const SYNC_STATUS_EVENT: &str = "sync-status";

/// One sync at a time (the lock also holds the last failure's code, so
/// that the log says a failure once, not every few seconds), and a way to
/// ask the background sync to run now.
#[derive(Default)]
pub struct SyncState {
    running: tokio::sync::Mutex<Option<ErrorCode>>,
    kick: tokio::sync::Notify,
}

/// What `join_shared_workspace` takes: the core's join and whether to keep
/// the password in the credential store.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct JoinInput {
    join: JoinSharedWorkspace,
    remember: bool,
}

/// What `set_shared_password` takes.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct PasswordInput {
    password: String,
    remember: bool,
}

#[command]
pub async fn sync_status(ws: Ws<'_>, passwords: State<'_, Passwords>) -> Reply<SyncStatus> {
    let ws = ws.workspace()?;
    status_for(&ws, &passwords).await
}

/// Joins and syncs once; then keeps the password (store or memory).
#[command]
pub async fn join_shared_workspace<R: Runtime>(
    app: AppHandle<R>,
    input: Option<Value>,
) -> Reply<SyncReport> {
    let JoinInput { join, remember } = parse_input(input)?;
    let report = join_and_keep(&app, join, remember).await?;
    tell(&app).await;
    Ok(report)
}

/// Leaves the shared workspace (the local copy stays) and forgets the password.
#[command]
pub async fn leave_shared_workspace<R: Runtime>(app: AppHandle<R>) -> Reply<()> {
    leave_and_forget(&app).await?;
    tell(&app).await;
    Ok(())
}

#[command]
pub async fn sync_now<R: Runtime>(app: AppHandle<R>) -> Reply<SyncReport> {
    sync_and_tell(&app).await?.ok_or_else(|| Error::new(ErrorCode::NotJoined, "not joined"))
}

/// The password for this session (and the store's, with `remember`); then
/// syncs. A password the server refuses is forgotten again and said so.
#[command]
pub async fn set_shared_password<R: Runtime>(
    app: AppHandle<R>,
    input: Option<Value>,
) -> Reply<SyncStatus> {
    let PasswordInput { password, remember } = parse_input(input)?;
    keep_password(&app, password, remember).await?;
    if let Err(err) = sync_and_tell(&app).await
        && err.code == ErrorCode::ServerLoginRefused
    {
        return Err(err);
    }
    let ws = app.state::<Session>().workspace()?;
    status_for(&ws, &app.state::<Passwords>()).await
}

#[command]
pub async fn sync_conflicts(ws: Ws<'_>) -> Reply<Vec<Conflict>> {
    ws.workspace()?.sync_conflicts().await
}

/// Settles a conflict here; the background sync sends the choice on at once.
#[command]
pub async fn resolve_sync_conflict(
    ws: Ws<'_>,
    sync: State<'_, SyncState>,
    input: Option<Value>,
) -> Reply<Applied> {
    let applied = ws.workspace()?.resolve_sync_conflict(parse_input(input)?).await?;
    sync.kick.notify_one();
    Ok(applied)
}

#[command]
pub async fn shared_members(ws: Ws<'_>, passwords: State<'_, Passwords>) -> Reply<SharedMembers> {
    let ws = ws.workspace()?;
    let password = password_of(&ws, &passwords).await?;
    off_thread(ws, move |ws| async move { ws.shared_members(&password).await }).await
}

#[command]
pub async fn grant_scope(
    ws: Ws<'_>,
    passwords: State<'_, Passwords>,
    input: Option<Value>,
) -> Reply<SharedMembers> {
    let (ws, input) = (ws.workspace()?, parse_input(input)?);
    let password = password_of(&ws, &passwords).await?;
    off_thread(ws, move |ws| async move { ws.grant_scope(input, &password).await }).await
}

#[command]
pub async fn revoke_scope(
    ws: Ws<'_>,
    passwords: State<'_, Passwords>,
    input: Option<Value>,
) -> Reply<SharedMembers> {
    let (ws, input) = (ws.workspace()?, parse_input(input)?);
    let password = password_of(&ws, &passwords).await?;
    off_thread(ws, move |ws| async move { ws.revoke_scope(input, &password).await }).await
}

#[command]
pub async fn set_shared_member(
    ws: Ws<'_>,
    passwords: State<'_, Passwords>,
    input: Option<Value>,
) -> Reply<SharedMembers> {
    let (ws, input) = (ws.workspace()?, parse_input(input)?);
    let password = password_of(&ws, &passwords).await?;
    off_thread(ws, move |ws| async move { ws.set_shared_member(input, &password).await }).await
}

/// The core's status, with `password_needed` as its `last_error` while no
/// password is known for the joined workspace (the window then asks).
pub async fn status_for(ws: &Workspace, passwords: &Passwords) -> Reply<SyncStatus> {
    let mut status = ws.sync_status().await?;
    // The store is asked (once) before the status is told: otherwise a window
    // asking at start would read "synced" before anyone knew of a password.
    if let Some(server) = &status.server
        && passwords.password(&account(server)).await.is_none()
    {
        status.last_error = Some("password_needed".into());
    }
    Ok(status)
}

/// The password of the joined workspace, or `password_needed`.
async fn password_of(ws: &Workspace, passwords: &Passwords) -> Reply<String> {
    let server = ws
        .sync_status()
        .await?
        .server
        .ok_or_else(|| Error::new(ErrorCode::NotJoined, "not joined"))?;
    passwords
        .password(&account(&server))
        .await
        .ok_or_else(|| Error::new(ErrorCode::PasswordNeeded, "no password in this session"))
}

async fn join_and_keep<R: Runtime>(
    app: &AppHandle<R>,
    join: JoinSharedWorkspace,
    remember: bool,
) -> Reply<SyncReport> {
    let ws = app.state::<Session>().workspace()?;
    let account = account(&join.server.checked()?);
    let password = join.password.clone();
    // The join syncs once: not beside the background sync.
    let sync = app.state::<SyncState>();
    let _one_at_a_time = sync.running.lock().await;
    let report =
        off_thread(ws, move |ws| async move { ws.join_shared_workspace(join).await }).await?;
    app.state::<Passwords>().keep(&account, password, remember).await;
    Ok(report)
}

async fn leave_and_forget<R: Runtime>(app: &AppHandle<R>) -> Reply<()> {
    let ws = app.state::<Session>().workspace()?;
    let sync = app.state::<SyncState>();
    let _one_at_a_time = sync.running.lock().await;
    let server = ws.sync_status().await?.server;
    ws.leave_shared_workspace().await?;
    if let Some(server) = server {
        app.state::<Passwords>().forget(&account(&server)).await;
    }
    Ok(())
}

async fn keep_password<R: Runtime>(
    app: &AppHandle<R>,
    password: String,
    remember: bool,
) -> Reply<()> {
    if password.is_empty() {
        return Err(Error::at(ErrorCode::PasswordNeeded, "password", "no password"));
    }
    if password.chars().count() > samlar::kernel::limits::SERVER_PASSWORD_MAX_CHARS {
        return Err(Error::at(ErrorCode::TextTooLong, "password", "too long"));
    }
    let ws = app.state::<Session>().workspace()?;
    let server = ws
        .sync_status()
        .await?
        .server
        .ok_or_else(|| Error::new(ErrorCode::NotJoined, "not joined"))?;
    app.state::<Passwords>().keep(&account(&server), password, remember).await;
    Ok(())
}

/// Syncs once if a workspace is joined and a password known (`None`: not
/// joined), then tells the window. A password the server refuses is
/// forgotten, so that the window asks for the new one.
async fn sync_and_tell<R: Runtime>(app: &AppHandle<R>) -> Reply<Option<SyncReport>> {
    let ws = app.state::<Session>().workspace()?;
    let passwords = app.state::<Passwords>();
    let sync = app.state::<SyncState>();
    let mut last_failure = sync.running.lock().await;
    let Some(server) = ws.sync_status().await?.server else { return Ok(None) };
    let account = account(&server);
    let outcome = match passwords.password(&account).await {
        Some(password) => {
            off_thread(ws, move |ws| async move { ws.sync_now(&password).await }).await
        }
        None => Err(Error::new(ErrorCode::PasswordNeeded, "no password in this session")),
    };
    if let Err(err) = &outcome
        && err.code == ErrorCode::ServerLoginRefused
    {
        passwords.forget(&account).await;
    }
    log_change(&mut last_failure, &outcome);
    drop(last_failure);
    tell(app).await;
    outcome.map(Some)
}

/// Runs a core call that talks to the server on a blocking thread with a
/// runtime of its own: sqlx's futures there (the migrator's) are not `Send`
/// for every lifetime, as a command's future must be, so they are not
/// awaited inside one.
async fn off_thread<T, F, Fut>(ws: Arc<Workspace>, call: F) -> Reply<T>
where
    T: Send + 'static,
    F: FnOnce(Arc<Workspace>) -> Fut + Send + 'static,
    Fut: Future<Output = Reply<T>>,
{
    tauri::async_runtime::spawn_blocking(move || tauri::async_runtime::block_on(call(ws)))
        .await
        .unwrap_or_else(|_| Err(Error::new(ErrorCode::ServerError, "the server call ended")))
}

/// Logs a sync's failure by its code only (no message: it may hold names),
/// and only when it differs from the last one; and the return to working.
fn log_change<T>(last: &mut Option<ErrorCode>, outcome: &Reply<T>) {
    let now = outcome.as_ref().err().map(|e| e.code);
    if now == *last {
        return;
    }
    match now {
        Some(code) => {
            let code = code.name();
            tracing::warn!(code, "shared workspace sync failed");
        }
        None => tracing::info!("shared workspace syncs again"),
    }
    *last = now;
}

/// Sends the window the status as it is now.
async fn tell<R: Runtime>(app: &AppHandle<R>) {
    let Ok(ws) = app.state::<Session>().workspace() else { return };
    if let Ok(status) = status_for(&ws, &app.state::<Passwords>()).await {
        let _ = app.emit(SYNC_STATUS_EVENT, status);
    }
}

/// Syncs every `SYNC_EVERY`, and at once when asked (`SyncState::kick`),
/// for as long as the app runs. Not joined, it only looks. The first round
/// (which also looks up a remembered password) waits as long, so that the
/// window's start is not slowed by a server or the credential store.
pub fn start_background_sync<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            let sync = app.state::<SyncState>();
            let _ = tokio::time::timeout(SYNC_EVERY, sync.kick.notified()).await;
            let _ = sync_and_tell(&app).await;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::log_change;
    use samlar::{Error, ErrorCode};

    #[test]
    fn a_failure_is_remembered_until_it_changes_or_sync_works_again() {
        let mut last = None;
        let offline: Result<(), Error> = Err(Error::new(ErrorCode::ServerUnreachable, "x"));
        log_change(&mut last, &offline);
        assert_eq!(last, Some(ErrorCode::ServerUnreachable));
        log_change(&mut last, &offline);
        assert_eq!(last, Some(ErrorCode::ServerUnreachable));
        log_change(&mut last, &Ok::<(), Error>(()));
        assert_eq!(last, None);
    }
}
