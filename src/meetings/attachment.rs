//! Attachments: files (a presentation, a scan of a signed sign-in sheet) on
//! a meeting or on one of its agenda items. The window reads the file the
//! user picked and sends its bytes (base64, as for an import); the size is
//! checked against `ATTACHMENT_MAX_BYTES` on the text, before anything is
//! decoded or written. The file is copied into the data folder under a
//! content-addressed name (`store::attachment_files`), and its original name
//! is kept for display. Opening one gives the stored file's path, which the
//! app hands to the system's program; removing one deletes the file when no
//! other attachment names it, as does deleting its meeting. Backups carry
//! the files (`store::backup`), and restoring one brings them back.
//!
//! An agenda item has no stable id (saving the agenda rewrites its rows), so
//! an attachment names its item by position and title, and `follow_agenda`
//! moves it with its item after every write of the agenda (migration 0011
//! says how). Attachments are local to this installation (they do not travel
//! in exchange packages) and are not linked to people: a person's data
//! export and erasure do not touch them.
//!
//! Uses the kernel, the store and, in this room, `approval` (approved
//! minutes refuse attachments added or removed). Not `meeting`.

use crate::kernel::limits::{self, ATTACHMENT_MAX_BYTES, MAX_ATTACHMENTS_PER_MEETING};
use crate::kernel::values::{ById, MeetingId};
use crate::store::attachment_files;
use crate::{Error, ErrorCode, Result, Workspace, store::db};
use base64::Engine;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use std::path::PathBuf;
use ts_rs::TS;

/// An attachment's id (`attachments.id`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS, sqlx::Type,
)]
#[serde(transparent)]
#[sqlx(transparent)]
pub struct AttachmentId(#[ts(type = "number")] pub i64);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct Attachment {
    pub id: AttachmentId,
    pub meeting_id: MeetingId,
    /// The agenda item's position (0 is the first); none: the meeting's own.
    #[ts(type = "number | null")]
    pub agenda_position: Option<i64>,
    /// The name the file had, shown to the user.
    pub file_name: String,
    #[ts(type = "number")]
    pub size_bytes: i64,
    pub added_at: String,
}

/// "Lägg till bilaga…": the picked file's name and bytes.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AddAttachment {
    pub meeting_id: MeetingId,
    /// The agenda item it belongs to; none: the meeting.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub agenda_position: Option<i64>,
    pub file_name: String,
    /// The file's bytes, base64-encoded.
    pub content_base64: String,
}

/// A file's bytes sent from the window, its size checked on the text
/// before decoding (four characters carry three bytes) and again after:
/// `file_too_large` on `file` over `max_bytes`.
pub(crate) fn decode_file(content_base64: &str, max_bytes: u64) -> Result<Vec<u8>> {
    let content = content_base64.trim();
    let too_large =
        || Error::at(ErrorCode::FileTooLarge, "file", format!("a file over {max_bytes} bytes"));
    if (content.len() / 4 * 3) as u64 > max_bytes + 2 {
        return Err(too_large());
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(content)
        .map_err(|_| Error::at(ErrorCode::InvalidInput, "contentBase64", "not base64"))?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large());
    }
    Ok(bytes)
}

/// The name to show: its last path component, trimmed, at most
/// `FILE_NAME_MAX_CHARS`.
pub(crate) fn display_name(sent: &str) -> Result<String> {
    let name = sent.rsplit(['/', '\\']).next().unwrap_or_default().trim();
    if name.is_empty() || name.chars().any(char::is_control) {
        return Err(Error::at(ErrorCode::NameRequired, "fileName", "no file name"));
    }
    if name.chars().count() > limits::FILE_NAME_MAX_CHARS {
        return Err(Error::at(ErrorCode::NameTooLong, "fileName", "file name too long"));
    }
    Ok(name.to_owned())
}

macro_rules! columns {
    () => {
        "id, meeting_id, agenda_position, file_name, size_bytes, added_at"
    };
}

pub async fn of_meeting(conn: &mut SqliteConnection, id: MeetingId) -> Result<Vec<Attachment>> {
    let sql = concat!(
        "SELECT ",
        columns!(),
        " FROM attachments WHERE meeting_id = ? \
         ORDER BY agenda_position IS NOT NULL, agenda_position, id"
    );
    Ok(sqlx::query_as(sql).bind(id).fetch_all(&mut *conn).await?)
}

async fn meeting_exists(conn: &mut SqliteConnection, id: MeetingId) -> Result<()> {
    let found: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM meetings WHERE id = ?)")
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
    if !found {
        return Err(Error::new(ErrorCode::NotFound, format!("meeting {id} does not exist")));
    }
    Ok(())
}

/// Moves the meeting's attachments on agenda items with their items after
/// the agenda was written again; call in the same transaction. The agenda
/// as it was is in `agenda_items_replaced` (migration 0011). An attachment
/// goes to the item with its item's old title (the one at its own position
/// if several); else it stays at its position when the title there is new
/// (edited in place, as the page saves while the user types); else it
/// belongs to the meeting.
pub async fn follow_agenda(conn: &mut SqliteConnection, meeting_id: MeetingId) -> Result<()> {
    let titles = |sql| sqlx::query_as::<_, (i64, String)>(sql).bind(meeting_id);
    let old: Vec<(i64, String)> =
        titles("SELECT position, title FROM agenda_items_replaced WHERE meeting_id = ?")
            .fetch_all(&mut *conn)
            .await?;
    let new: Vec<(i64, String)> =
        titles("SELECT position, title FROM agenda_items WHERE meeting_id = ?")
            .fetch_all(&mut *conn)
            .await?;
    sqlx::query("DELETE FROM agenda_items_replaced WHERE meeting_id = ?")
        .bind(meeting_id)
        .execute(&mut *conn)
        .await?;
    let on_items: Vec<(AttachmentId, i64, String)> = sqlx::query_as(
        "SELECT id, agenda_position, agenda_title FROM attachments \
         WHERE meeting_id = ? AND agenda_position IS NOT NULL",
    )
    .bind(meeting_id)
    .fetch_all(&mut *conn)
    .await?;
    for (id, position, title) in on_items {
        let at = |p: i64| new.iter().find(|(q, _)| *q == p);
        let was = old.iter().find(|(q, _)| *q == position).map_or(&title, |(_, t)| t);
        let same_title = match at(position) {
            Some(item) if item.1 == *was => Some(item),
            _ => new.iter().filter(|(_, t)| t == was).min_by_key(|i| i.0),
        };
        let edited = at(position).filter(|(_, t)| !old.iter().any(|(_, o)| o == t));
        let found = same_title.or(edited);
        sqlx::query("UPDATE attachments SET agenda_position = ?, agenda_title = ? WHERE id = ?")
            .bind(found.map(|i| i.0))
            .bind(found.map(|i| i.1.clone()))
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Writes the row of a file already in the folder, in one transaction.
async fn insert(
    ws: &Workspace,
    input: &AddAttachment,
    file_name: &str,
    stored: &str,
    size: usize,
) -> Result<Attachment> {
    let mut tx = db::begin_write(ws.pool()).await?;
    meeting_exists(&mut tx, input.meeting_id).await?;
    crate::meetings::approval::ensure_unlocked(&mut tx, input.meeting_id).await?;
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM attachments WHERE meeting_id = ?")
        .bind(input.meeting_id)
        .fetch_one(&mut *tx)
        .await?;
    limits::count(count as usize + 1, "meetingId", MAX_ATTACHMENTS_PER_MEETING)?;
    let title: Option<String> = match input.agenda_position {
        None => None,
        Some(p) => {
            let title = sqlx::query_scalar(
                "SELECT title FROM agenda_items WHERE meeting_id = ? AND position = ?",
            )
            .bind(input.meeting_id)
            .bind(p)
            .fetch_optional(&mut *tx)
            .await?;
            let no_item = || Error::at(ErrorCode::NotFound, "agendaPosition", "no such item");
            Some(title.ok_or_else(no_item)?)
        }
    };
    let sql = concat!(
        "INSERT INTO attachments (meeting_id, agenda_position, agenda_title, file_name, \
         stored_name, size_bytes, added_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING ",
        columns!()
    );
    let attachment = sqlx::query_as(sql)
        .bind(input.meeting_id)
        .bind(input.agenda_position)
        .bind(title)
        .bind(file_name)
        .bind(stored)
        .bind(size as i64)
        .bind(ws.clock().timestamp())
        .fetch_one(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(attachment)
}

/// What a coordinator can do with a meeting's attachments.
impl Workspace {
    /// The meeting's attachments: its own first, then by agenda item.
    pub async fn attachments(&self, input: ById<MeetingId>) -> Result<Vec<Attachment>> {
        let mut conn = self.pool().acquire().await?;
        meeting_exists(&mut conn, input.id).await?;
        of_meeting(&mut conn, input.id).await
    }

    /// "Lägg till bilaga…": refused before anything is written when the file
    /// is over `ATTACHMENT_MAX_BYTES` (`file_too_large`); the file is copied
    /// into the data folder, then its row is written. A failed write leaves
    /// no file behind.
    pub async fn add_attachment(&self, input: AddAttachment) -> Result<Attachment> {
        let bytes = decode_file(&input.content_base64, ATTACHMENT_MAX_BYTES)?;
        let file_name = display_name(&input.file_name)?;
        let stored = attachment_files::stored_name(&bytes, &file_name);
        let added = {
            let _turn = attachment_files::turn().await;
            match attachment_files::put(self.data_dir(), &stored, &bytes) {
                Ok(()) => insert(self, &input, &file_name, &stored, bytes.len()).await,
                Err(e) => Err(e),
            }
        };
        if added.is_err() {
            let _ = attachment_files::sweep(self.pool(), self.data_dir()).await;
        }
        added
    }

    /// Removes an attachment; its file goes when no other attachment names it.
    pub async fn remove_attachment(&self, input: ById<AttachmentId>) -> Result<()> {
        let mut tx = db::begin_write(self.pool()).await?;
        let meeting_id: Option<MeetingId> =
            sqlx::query_scalar("SELECT meeting_id FROM attachments WHERE id = ?")
                .bind(input.id)
                .fetch_optional(&mut *tx)
                .await?;
        let meeting_id = meeting_id
            .ok_or_else(|| Error::new(ErrorCode::NotFound, "no such attachment".to_owned()))?;
        crate::meetings::approval::ensure_unlocked(&mut tx, meeting_id).await?;
        sqlx::query("DELETE FROM attachments WHERE id = ?")
            .bind(input.id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        // The row is gone; a file left by a failed sweep goes with the next.
        let _ = attachment_files::sweep(self.pool(), self.data_dir()).await;
        Ok(())
    }

    /// The stored file of an attachment, to open with the system's program
    /// ("Öppna"). `not_found` when the row or its file is missing.
    pub async fn attachment_path(&self, input: ById<AttachmentId>) -> Result<PathBuf> {
        let stored: Option<String> =
            sqlx::query_scalar("SELECT stored_name FROM attachments WHERE id = ?")
                .bind(input.id)
                .fetch_optional(self.pool())
                .await?;
        let stored = stored
            .ok_or_else(|| Error::new(ErrorCode::NotFound, "no such attachment".to_owned()))?;
        let path = attachment_files::path_of(self.data_dir(), &stored)?;
        if !path.is_file() {
            return Err(Error::new(ErrorCode::NotFound, "the attachment's file is missing"));
        }
        Ok(path)
    }
}
