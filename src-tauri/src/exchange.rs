//! The commands of working across computers: this installation's name, and
//! exchange packages made, previewed and opened. Thin adapters to the core's
//! `exchange` and `documents::package_file`.

use crate::FileSaver;
use samlar::documents::export::SavedFile;
use samlar::documents::package_file::{OpenPackage, PackageFile};
use samlar::exchange::installation::{Installation, SetInstallationName};
use samlar::exchange::merge::{Applied, Preview};
use samlar::exchange::package::MakePackage;
use samlar::parse_input;
use samlar::store::session::Session;
use samlar_app_macros::command;
use serde_json::Value;
use tauri::State;

type Reply<T> = Result<T, samlar::Error>;
type Ws<'a> = State<'a, Session>;

#[command]
pub async fn get_installation(ws: Ws<'_>) -> Reply<Installation> {
    ws.workspace()?.installation().await
}

#[command]
pub async fn set_installation_name(ws: Ws<'_>, input: Option<Value>) -> Reply<Installation> {
    let input: SetInstallationName = parse_input(input)?;
    ws.workspace()?.set_installation_name(input).await
}

/// Makes the package and saves it like a PDF (the save dialog, or the
/// export folder when unattended).
#[command]
pub async fn make_package(
    saver: State<'_, FileSaver>,
    ws: Ws<'_>,
    input: Option<Value>,
) -> Reply<SavedFile> {
    let input: MakePackage = parse_input(input)?;
    saver.save(ws.workspace()?.package_file(input).await?).await
}

#[command]
pub async fn preview_package(ws: Ws<'_>, input: Option<Value>) -> Reply<Preview> {
    let input: PackageFile = parse_input(input)?;
    ws.workspace()?.preview_package_file(input).await
}

#[command]
pub async fn open_package(ws: Ws<'_>, input: Option<Value>) -> Reply<Applied> {
    let input: OpenPackage = parse_input(input)?;
    ws.workspace()?.open_package_file(input).await
}
