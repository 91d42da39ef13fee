//! The commands of delegations by organisational level: attendance by level,
//! the levels a partnership expects and each participating organisation's
//! delegation. Thin adapters, as in `commands`: the work is in the core's
//! `meetings::delegation`. Kept apart from `commands` so that each file fits
//! in a head.

use samlar::meetings::delegation::{AttendanceByLevel, Delegations, ExpectedLevels};
use samlar::store::session::Session;
use samlar::{Error, parse_input};
use samlar_app_macros::command;
use serde_json::Value;
use tauri::State;

type Reply<T> = Result<T, Error>;
type Ws<'a> = State<'a, Session>;

#[command]
pub async fn attendance_by_level(ws: Ws<'_>, input: Option<Value>) -> Reply<AttendanceByLevel> {
    ws.workspace()?.attendance_by_level(parse_input(input)?).await
}

#[command]
pub async fn expected_levels(ws: Ws<'_>, input: Option<Value>) -> Reply<ExpectedLevels> {
    ws.workspace()?.expected_levels(parse_input(input)?).await
}

#[command]
pub async fn set_expected_levels(ws: Ws<'_>, input: Option<Value>) -> Reply<ExpectedLevels> {
    ws.workspace()?.set_expected_levels(parse_input(input)?).await
}

#[command]
pub async fn delegations(ws: Ws<'_>, input: Option<Value>) -> Reply<Delegations> {
    ws.workspace()?.delegations(parse_input(input)?).await
}
