//! The files that hold personal data are the user's only (Unix): the
//! database and its write-ahead log, backups, the restored database and
//! exported files are mode 0600, the folders Samlär makes 0700
//! (`store::private`). Under the usual umask (022) a file made without care
//! would be 0644, so each check fails without the fix.

#![cfg(unix)]

use crate::common::draft;
use samlar::documents::export::ExportRequest;
use samlar::registry::organisation::OrganisationQuery;
use samlar::store::backup::BackupReason;
use samlar::store::files::write_whole;
use samlar::store::opening::side_file;
use samlar::{FixedClock, Workspace};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::sync::Arc;

/// The permission bits in octal, as `ls -l` users read them: `"600"`.
fn mode(path: &Path) -> String {
    let meta = std::fs::metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    format!("{:o}", meta.permissions().mode() & 0o777)
}

#[tokio::test]
async fn the_database_its_log_backups_and_exports_are_the_users_only() {
    let root = tempfile::tempdir().unwrap();
    let control = root.path().join("control");
    std::fs::write(&control, b"").unwrap();
    if mode(&control) == "600" {
        eprintln!("the umask already makes files 0600: this test cannot tell the difference");
    }
    // A data folder Samlär makes itself.
    let data = root.path().join("samlar-data");
    let path = data.join("samlar.sqlite3");
    let clock = Arc::new(FixedClock::new(chrono::Utc::now()));
    let ws = Workspace::open(&path, clock.clone()).await.unwrap();
    ws.create_partnership(draft("Benchlearning Norr")).await.unwrap();
    assert_eq!(mode(&data), "700", "the data folder");
    assert_eq!(mode(&path), "600", "the database");
    assert_eq!(mode(&side_file(&path, "-wal")), "600", "its write-ahead log");
    assert_eq!(mode(&side_file(&path, "-shm")), "600", "its shared memory file");

    let backup = ws.automatic_backup(BackupReason::Daily).await.unwrap();
    assert_eq!(mode(Path::new(&backup.path)), "600", "an automatic backup");
    assert_eq!(mode(&samlar::store::backup::backup_dir(&data)), "700", "the backups folder");
    let by_hand = root.path().join("kopia.sqlite3");
    ws.back_up_to(&by_hand).await.unwrap();
    assert_eq!(mode(&by_hand), "600", "a backup made by hand");

    // An export, written where the user chose, over a file that was readable by all.
    let query: OrganisationQuery = serde_json::from_value(serde_json::json!({
        "search": "", "kind": null, "includeArchived": true, "sort": "name"
    }))
    .unwrap();
    let csv = ws.export_csv(ExportRequest::Organisations { query }).await.unwrap();
    let exported = root.path().join(&csv.file_name);
    std::fs::write(&exported, b"old").unwrap();
    std::fs::set_permissions(&exported, std::fs::Permissions::from_mode(0o644)).unwrap();
    write_whole(&exported, &csv.bytes).unwrap();
    assert_eq!(mode(&exported), "600", "an exported file");

    // A restored database takes the database's place with the same mode.
    let prepared = ws.prepare_restore(Path::new(&backup.path)).await.unwrap();
    let (restored, _) = ws.replace(prepared).await.unwrap();
    assert_eq!(mode(&path), "600", "the restored database");
    restored.close().await;
}
