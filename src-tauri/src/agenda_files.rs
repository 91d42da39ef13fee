//! The commands of agenda templates and attachments: templates kept and an
//! agenda filled from one or from the last meeting, files attached to a
//! meeting or an agenda item, and the logo printed on the PDFs. Thin adapters, as in `commands`: the work is
//! in the core's `meetings::agenda_template` and `meetings::attachment`.
//! Kept apart from `commands` so that each file fits in a head.

use samlar::documents::logo::Logos;
use samlar::meetings::agenda_template::{AgendaChoices, AgendaTemplate};
use samlar::meetings::attachment::Attachment;
use samlar::meetings::sections::AgendaItem;
use samlar::store::session::Session;
use samlar::{Error, ErrorCode, parse_input};
use samlar_app_macros::command;
use serde_json::Value;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_opener::OpenerExt;

type Reply<T> = Result<T, Error>;
type Ws<'a> = State<'a, Session>;

#[command]
pub async fn list_agenda_templates(ws: Ws<'_>, input: Option<Value>) -> Reply<Vec<AgendaTemplate>> {
    ws.workspace()?.agenda_templates(parse_input(input)?).await
}

#[command]
pub async fn create_agenda_template(ws: Ws<'_>, input: Option<Value>) -> Reply<AgendaTemplate> {
    ws.workspace()?.create_agenda_template(parse_input(input)?).await
}

#[command]
pub async fn update_agenda_template(ws: Ws<'_>, input: Option<Value>) -> Reply<AgendaTemplate> {
    ws.workspace()?.update_agenda_template(parse_input(input)?).await
}

#[command]
pub async fn delete_agenda_template(ws: Ws<'_>, input: Option<Value>) -> Reply<()> {
    ws.workspace()?.delete_agenda_template(parse_input(input)?).await
}

#[command]
pub async fn save_agenda_as_template(ws: Ws<'_>, input: Option<Value>) -> Reply<AgendaTemplate> {
    ws.workspace()?.save_agenda_as_template(parse_input(input)?).await
}

#[command]
pub async fn agenda_choices(ws: Ws<'_>, input: Option<Value>) -> Reply<AgendaChoices> {
    ws.workspace()?.agenda_choices(parse_input(input)?).await
}

#[command]
pub async fn apply_agenda(ws: Ws<'_>, input: Option<Value>) -> Reply<Vec<AgendaItem>> {
    ws.workspace()?.apply_agenda(parse_input(input)?).await
}

#[command]
pub async fn list_attachments(ws: Ws<'_>, input: Option<Value>) -> Reply<Vec<Attachment>> {
    ws.workspace()?.attachments(parse_input(input)?).await
}

#[command]
pub async fn add_attachment(ws: Ws<'_>, input: Option<Value>) -> Reply<Attachment> {
    ws.workspace()?.add_attachment(parse_input(input)?).await
}

#[command]
pub async fn remove_attachment(ws: Ws<'_>, input: Option<Value>) -> Reply<()> {
    ws.workspace()?.remove_attachment(parse_input(input)?).await
}

/// "Öppna": the stored file (never a URL) in the system's program for it.
#[command]
pub async fn open_attachment<R: Runtime>(
    app: AppHandle<R>,
    ws: Ws<'_>,
    input: Option<Value>,
) -> Reply<()> {
    let path = ws.workspace()?.attachment_path(parse_input(input)?).await?;
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|e| Error::new(ErrorCode::OpenFailed, e.to_string()))
}

#[command]
pub async fn get_logos(ws: Ws<'_>, input: Option<Value>) -> Reply<Logos> {
    ws.workspace()?.logos(parse_input(input)?).await
}

#[command]
pub async fn set_logo(ws: Ws<'_>, input: Option<Value>) -> Reply<Logos> {
    ws.workspace()?.set_logo(parse_input(input)?).await
}

#[command]
pub async fn remove_logo(ws: Ws<'_>, input: Option<Value>) -> Reply<Logos> {
    ws.workspace()?.remove_logo(parse_input(input)?).await
}
