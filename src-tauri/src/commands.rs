//! The IPC commands: thin adapters from the window to the core. Each parses
//! its input with the core's rules and calls one core function; every failure
//! crosses IPC as the core's `{code, field, message}`.

use samlar::partnership::Partnership;
use samlar::settings::Settings;
use samlar::{Workspace, parse_input};
use serde_json::Value;
use tauri::State;

type Reply<T> = Result<T, samlar::Error>;

#[tauri::command]
pub async fn list_partnerships(ws: State<'_, Workspace>, input: Value) -> Reply<Vec<Partnership>> {
    ws.partnerships(parse_input(input)?).await
}

#[tauri::command]
pub async fn get_partnership(ws: State<'_, Workspace>, input: Value) -> Reply<Partnership> {
    ws.partnership(parse_input(input)?).await
}

#[tauri::command]
pub async fn create_partnership(ws: State<'_, Workspace>, input: Value) -> Reply<Partnership> {
    ws.create_partnership(parse_input(input)?).await
}

#[tauri::command]
pub async fn update_partnership(ws: State<'_, Workspace>, input: Value) -> Reply<Partnership> {
    ws.update_partnership(parse_input(input)?).await
}

#[tauri::command]
pub async fn set_partnership_archived(
    ws: State<'_, Workspace>,
    input: Value,
) -> Reply<Partnership> {
    ws.set_partnership_archived(parse_input(input)?).await
}

#[tauri::command]
pub async fn get_settings(ws: State<'_, Workspace>) -> Reply<Settings> {
    ws.settings().await
}

#[tauri::command]
pub async fn set_language(ws: State<'_, Workspace>, input: Value) -> Reply<Settings> {
    ws.set_language(parse_input(input)?).await
}
