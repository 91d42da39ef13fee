//! The commands of measurable goals: a partnership's indicators and their
//! values over time. Thin adapters, as in `commands`: the work is in the
//! core's `registry::indicators`. Kept apart from `commands` so that each
//! file fits in a head.

use samlar::registry::indicators::Indicator;
use samlar::store::session::Session;
use samlar::{Error, parse_input};
use samlar_app_macros::command;
use serde_json::Value;
use tauri::State;

type Reply<T> = Result<T, Error>;
type Ws<'a> = State<'a, Session>;

#[command]
pub async fn list_indicators(ws: Ws<'_>, input: Option<Value>) -> Reply<Vec<Indicator>> {
    ws.workspace()?.indicators(parse_input(input)?).await
}

#[command]
pub async fn create_indicator(ws: Ws<'_>, input: Option<Value>) -> Reply<Indicator> {
    ws.workspace()?.create_indicator(parse_input(input)?).await
}

#[command]
pub async fn update_indicator(ws: Ws<'_>, input: Option<Value>) -> Reply<Indicator> {
    ws.workspace()?.update_indicator(parse_input(input)?).await
}

#[command]
pub async fn delete_indicator(ws: Ws<'_>, input: Option<Value>) -> Reply<()> {
    ws.workspace()?.delete_indicator(parse_input(input)?).await
}

#[command]
pub async fn set_indicator_value(ws: Ws<'_>, input: Option<Value>) -> Reply<Indicator> {
    ws.workspace()?.set_indicator_value(parse_input(input)?).await
}

#[command]
pub async fn delete_indicator_value(ws: Ws<'_>, input: Option<Value>) -> Reply<Indicator> {
    ws.workspace()?.delete_indicator_value(parse_input(input)?).await
}
