//! The command of the library of good examples (the page "Goda exempel"); its
//! handbook is a document of `export_pdf`. A thin adapter, as in `commands`:
//! the work is in the core's `meetings::good_example_library`. Kept apart
//! from `commands` so that each file fits in a head.

use samlar::meetings::good_example_library::GoodExampleLibrary;
use samlar::store::session::Session;
use samlar::{Error, parse_input};
use samlar_app_macros::command;
use serde_json::Value;
use tauri::State;

#[command]
pub async fn list_good_examples(
    ws: State<'_, Session>,
    input: Option<Value>,
) -> Result<GoodExampleLibrary, Error> {
    ws.workspace()?.good_example_library(parse_input(input)?).await
}
