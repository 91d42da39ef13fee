//! The command of the statistics across partnerships. A thin adapter, as in
//! `commands`: the work is in the core's `meetings::overview`. Kept apart
//! from `commands` so that each file fits in a head.

use samlar::meetings::overview::Overview;
use samlar::store::session::Session;
use samlar::{Error, parse_input};
use samlar_app_macros::command;
use serde_json::Value;
use tauri::State;

type Reply<T> = Result<T, Error>;
type Ws<'a> = State<'a, Session>;

#[command]
pub async fn statistics_overview(ws: Ws<'_>, input: Option<Value>) -> Reply<Overview> {
    ws.workspace()?.statistics_overview(parse_input(input)?).await
}
