//! Attachments on real files in a temporary data folder: copied into
//! `bilagor/` under a content-addressed name, kept once for the same bytes,
//! refused over the size limit before anything is written, following their
//! agenda item when the agenda is saved again, removed with their last
//! attachment or their meeting, carried by a backup and brought back by its
//! restore, and refused on approved minutes.

use crate::common::{TestWorkspace, draft};
use base64::Engine;
use samlar::ErrorCode;
use samlar::kernel::limits::ATTACHMENT_MAX_BYTES;
use samlar::kernel::values::{ById, MeetingId, MeetingKind};
use samlar::meetings::approval::ApproveMeeting;
use samlar::meetings::attachment::{AddAttachment, Attachment};
use samlar::meetings::draft::MeetingDraft;
use samlar::meetings::meeting::CreateMeeting;
use samlar::meetings::sections::{AgendaItem, SetAgenda};
use samlar::registry::person::PersonDraft;
use samlar::store::attachment_files::attachment_dir;
use samlar::store::backup::BackupReason;
use std::path::Path;

fn base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn add(meeting_id: MeetingId, position: Option<i64>, name: &str, bytes: &[u8]) -> AddAttachment {
    AddAttachment {
        meeting_id,
        agenda_position: position,
        file_name: name.to_owned(),
        content_base64: base64(bytes),
    }
}

/// The files in the data folder's `bilagor/` (none when it is not there).
fn stored_files(data_dir: &Path) -> Vec<String> {
    match std::fs::read_dir(attachment_dir(data_dir)) {
        Ok(entries) => entries.map(|e| e.unwrap().file_name().into_string().unwrap()).collect(),
        Err(_) => Vec::new(),
    }
}

async fn new_meeting(t: &TestWorkspace) -> MeetingId {
    let p = t.ws.create_partnership(draft("Modellkommun")).await.unwrap().id;
    let draft = MeetingDraft::new(MeetingKind::Learning, "2026-11-20");
    t.ws.create_meeting(CreateMeeting { partnership_id: p, draft }).await.unwrap().id
}

async fn set_agenda(t: &TestWorkspace, meeting_id: MeetingId, titles: &[&str]) {
    let items = titles
        .iter()
        .map(|title| AgendaItem {
            title: title.to_string(),
            presenter_organisation_id: None,
            presenter_person_id: None,
            notes: String::new(),
        })
        .collect();
    t.ws.set_agenda(SetAgenda { meeting_id, items }).await.unwrap();
}

async fn listed(t: &TestWorkspace, id: MeetingId) -> Vec<(Option<i64>, String)> {
    let list: Vec<Attachment> = t.ws.attachments(ById { id }).await.unwrap();
    list.into_iter().map(|a| (a.agenda_position, a.file_name)).collect()
}

#[tokio::test]
async fn a_file_is_copied_into_the_data_folder_opened_by_path_and_removed_with_its_last_use() {
    let t = TestWorkspace::new().await;
    let m = new_meeting(&t).await;
    let bytes = b"%PDF-1.4 presentation".to_vec();
    let first = t.ws.add_attachment(add(m, None, "Presentation.PDF", &bytes)).await.unwrap();
    assert_eq!(first.file_name, "Presentation.PDF");
    assert_eq!(first.size_bytes, bytes.len() as i64);

    let path = t.ws.attachment_path(ById { id: first.id }).await.unwrap();
    assert!(path.starts_with(t.dir.path().join("bilagor")), "{path:?}");
    assert!(path.extension().is_some_and(|e| e == "pdf"), "the system knows its type");
    assert_eq!(std::fs::read(&path).unwrap(), bytes);

    // The same bytes again (a path in the name is dropped): one file.
    let again = t.ws.add_attachment(add(m, None, "C:\\Mina\\kopia.pdf", &bytes)).await.unwrap();
    assert_eq!(again.file_name, "kopia.pdf");
    assert_eq!(stored_files(t.dir.path()).len(), 1);
    assert_eq!(
        listed(&t, m).await,
        [(None, "Presentation.PDF".into()), (None, "kopia.pdf".into())]
    );

    t.ws.remove_attachment(ById { id: first.id }).await.unwrap();
    assert!(path.is_file(), "another attachment still names the file");
    t.ws.remove_attachment(ById { id: again.id }).await.unwrap();
    assert!(!path.exists(), "the last one gone, the file goes");
    let err = t.ws.attachment_path(ById { id: again.id }).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
}

#[tokio::test]
async fn a_file_over_the_limit_is_refused_and_nothing_is_copied() {
    let t = TestWorkspace::new().await;
    let m = new_meeting(&t).await;
    let big = vec![7u8; ATTACHMENT_MAX_BYTES as usize + 1];
    let err = t.ws.add_attachment(add(m, None, "skanning.tif", &big)).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::FileTooLarge, Some("file")));
    assert!(stored_files(t.dir.path()).is_empty());
    assert!(listed(&t, m).await.is_empty());
    // Exactly at the limit is allowed.
    let at_limit = vec![7u8; ATTACHMENT_MAX_BYTES as usize];
    t.ws.add_attachment(add(m, None, "skanning.tif", &at_limit)).await.unwrap();
    assert_eq!(stored_files(t.dir.path()).len(), 1);

    let err = t.ws.add_attachment(add(m, None, " ", b"x")).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NameRequired);
    let err = t.ws.add_attachment(add(m, Some(0), "a.txt", b"x")).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::NotFound, Some("agendaPosition")));
    assert_eq!(stored_files(t.dir.path()).len(), 1, "a refused row leaves no file");
}

#[tokio::test]
async fn an_attachment_follows_its_agenda_item_when_the_agenda_is_saved_again() {
    let t = TestWorkspace::new().await;
    let m = new_meeting(&t).await;
    set_agenda(&t, m, &["Välkommen", "Presentation", "Avslut"]).await;
    t.ws.add_attachment(add(m, Some(1), "bilder.pptx", b"slides")).await.unwrap();
    t.ws.add_attachment(add(m, Some(2), "utvardering.pdf", b"eval")).await.unwrap();

    // Reordered: each follows its title.
    set_agenda(&t, m, &["Presentation", "Avslut", "Välkommen"]).await;
    assert_eq!(
        listed(&t, m).await,
        [(Some(0), "bilder.pptx".into()), (Some(1), "utvardering.pdf".into())]
    );
    // A title edited in place keeps its attachment; an item removed gives
    // its attachment to the meeting.
    set_agenda(&t, m, &["Presentation av resultat", "Välkommen"]).await;
    assert_eq!(
        listed(&t, m).await,
        [(None, "utvardering.pdf".into()), (Some(0), "bilder.pptx".into())]
    );
}

#[tokio::test]
async fn a_deleted_meeting_takes_its_files_and_approved_minutes_refuse_changes() {
    let t = TestWorkspace::new().await;
    let m = new_meeting(&t).await;
    let a = t.ws.add_attachment(add(m, None, "lista.pdf", b"signed")).await.unwrap();
    let anna = t.ws.create_person(PersonDraft::new("Anna Andersson", None)).await.unwrap();
    let approve =
        ApproveMeeting { meeting_id: m, approver_ids: vec![anna.summary.id], on_date: None };
    t.ws.approve_meeting(approve).await.unwrap();
    let err = t.ws.add_attachment(add(m, None, "mer.pdf", b"more")).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Locked);
    let err = t.ws.remove_attachment(ById { id: a.id }).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Locked);
    assert_eq!(stored_files(t.dir.path()).len(), 1, "the refused file was not kept");

    let other = {
        let p = t.ws.create_partnership(draft("Annat")).await.unwrap().id;
        let draft = MeetingDraft::new(MeetingKind::Workshop, "2026-11-21");
        t.ws.create_meeting(CreateMeeting { partnership_id: p, draft }).await.unwrap().id
    };
    t.ws.add_attachment(add(other, None, "x.txt", b"bort")).await.unwrap();
    assert_eq!(stored_files(t.dir.path()).len(), 2);
    t.ws.delete_meeting(ById { id: other }).await.unwrap();
    assert_eq!(stored_files(t.dir.path()).len(), 1, "the deleted meeting's file went");
}

#[tokio::test]
async fn a_backup_carries_the_files_and_its_restore_brings_them_back() {
    let t = TestWorkspace::new().await;
    let m = new_meeting(&t).await;
    let bytes = b"underskrifter".to_vec();
    let a = t.ws.add_attachment(add(m, None, "narvaro.pdf", &bytes)).await.unwrap();
    let path = t.ws.attachment_path(ById { id: a.id }).await.unwrap();
    let backup = t.ws.automatic_backup(BackupReason::Daily).await.unwrap();

    // The backup is one file holding the attachment's bytes.
    let copy =
        samlar::store::db::connect(Path::new(&backup.path), samlar::store::db::Access::ReadOnly)
            .await
            .unwrap();
    let carried: Vec<Vec<u8>> =
        sqlx::query_scalar("SELECT content FROM backup_files").fetch_all(&copy).await.unwrap();
    copy.close().await;
    assert_eq!(carried, std::slice::from_ref(&bytes));

    t.ws.remove_attachment(ById { id: a.id }).await.unwrap();
    assert!(!path.exists());

    let prepared = t.ws.prepare_restore(Path::new(&backup.path)).await.unwrap();
    let (restored, _) = t.ws.replace(prepared).await.unwrap();
    let list = restored.attachments(ById { id: m }).await.unwrap();
    assert_eq!(list.len(), 1);
    let back = restored.attachment_path(ById { id: list[0].id }).await.unwrap();
    assert_eq!(std::fs::read(back).unwrap(), bytes);
    let left: i64 = sqlx::query_scalar("SELECT count(*) FROM backup_files")
        .fetch_one(restored.pool())
        .await
        .unwrap();
    assert_eq!(left, 0, "the restored database does not keep a second copy");
}

#[test]
fn the_window_checks_the_same_size_limit_before_reading_a_file() {
    let ts = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("ui/src/views/meeting/attachments.ts");
    let text = std::fs::read_to_string(ts).unwrap();
    let mb = ATTACHMENT_MAX_BYTES / (1024 * 1024);
    let wanted = format!("export const MAX_ATTACHMENT_BYTES = {mb} * 1024 * 1024;");
    assert!(text.contains(&wanted), "ui/src/views/meeting/attachments.ts: {wanted}");
}

#[tokio::test]
async fn a_database_from_before_attachments_is_backed_up_as_before() {
    // The backup before an upgrade copies a database that has no attachments
    // table yet: nothing to carry, and the copy is made all the same.
    let dir = tempfile::tempdir().unwrap();
    let (pool, _) = crate::common::database_before(dir.path(), "0011").await;
    let dest = dir.path().join("kopia.sqlite3");
    samlar::store::backup::write_backup(&pool, dir.path(), &dest).await.unwrap();
    pool.close().await;
    samlar::store::backup::check_integrity(&dest).await.unwrap();
}
