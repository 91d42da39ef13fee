//! A full disk (or a full USB stick): a write that does not fit gives the
//! typed `disk_full` error, nothing of it is half there, and saving works
//! again once there is space. The data folder is a small tmpfs made for the
//! test, so the disk is really full; where mounting is not allowed (not
//! root), SQLite's own page limit stands in for the disk, which gives the
//! same `SQLITE_FULL` through the same paths.

use crate::common::{all_organisations, draft};
use base64::Engine;
use chrono::{TimeZone, Utc};
use samlar::documents::import::{ImportKind, ImportRequest};
use samlar::registry::organisation::OrganisationQuery;
use samlar::{ErrorCode, FixedClock, Workspace};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

/// A size-limited tmpfs, unmounted when dropped.
struct SmallDisk {
    dir: tempfile::TempDir,
    mounted: bool,
}

impl SmallDisk {
    fn new(size: &str) -> SmallDisk {
        let dir = tempfile::tempdir().unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .output()
            .is_ok_and(|o| o.status.success());
        SmallDisk { dir, mounted }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        if self.mounted {
            // Lazily: the pool's last connections close in the background.
            let _ = Command::new("umount").arg("-l").arg(self.dir.path()).status();
        }
    }
}

fn import_of(count: usize, tag: &str) -> ImportRequest {
    let mut csv = String::from("Namn;Typ;Antal anställda\n");
    for i in 0..count {
        csv.push_str(&format!("{tag} organisation nummer {i} med ett långt namn;Kommun;{i}\n"));
    }
    ImportRequest {
        kind: ImportKind::Organisations,
        partnership_id: None,
        content_base64: base64::engine::general_purpose::STANDARD.encode(csv),
    }
}

async fn count_tagged(ws: &Workspace, tag: &str) -> usize {
    let all = all_organisations(ws, OrganisationQuery::all()).await;
    all.iter().filter(|o| o.name.starts_with(tag)).count()
}

/// Fills the disk with a file, leaving about `room` bytes.
fn fill(disk: &Path, room: u64) -> PathBuf {
    let filler = disk.join("fyllnad.bin");
    let mut size = 0u64;
    let block = vec![0x55u8; 64 * 1024];
    let mut file = std::fs::File::create(&filler).unwrap();
    use std::io::Write;
    while file.write_all(&block).is_ok() {
        size += block.len() as u64;
    }
    drop(file);
    let _ = std::fs::remove_file(&filler);
    let keep = size.saturating_sub(room);
    std::fs::write(&filler, vec![0x55u8; keep as usize]).unwrap();
    filler
}

#[tokio::test]
async fn a_full_disk_gives_disk_full_nothing_half_written_and_saving_resumes() {
    let disk = SmallDisk::new("4m");
    let clock = Arc::new(FixedClock::new(Utc.with_ymd_and_hms(2026, 11, 30, 9, 0, 0).unwrap()));
    let ws = Workspace::open(&disk.path().join("samlar.sqlite3"), clock).await.unwrap();
    ws.create_partnership(draft("Före")).await.unwrap();
    let filler = if disk.mounted {
        Some(fill(disk.path(), 64 * 1024))
    } else {
        // Not root: cap the file at what it holds now, plus a little.
        let pages: i64 =
            sqlx::query_scalar("PRAGMA page_count").fetch_one(ws.pool()).await.unwrap();
        // On every connection of the pool: four held at once are four.
        let mut held = Vec::new();
        for _ in 0..4 {
            let mut conn = ws.pool().acquire().await.unwrap();
            sqlx::query(sqlx::AssertSqlSafe(format!("PRAGMA max_page_count = {}", pages + 16)))
                .execute(&mut *conn)
                .await
                .unwrap();
            held.push(conn);
        }
        drop(held);
        None
    };

    // An import too large for the space left fails whole, with the full
    // disk's own code.
    let err = ws.apply_import(import_of(3000, "Stor")).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::DiskFull, "{err:?}");
    assert_eq!(count_tagged(&ws, "Stor").await, 0, "nothing of the import is there");
    assert_eq!(
        ws.partnerships(samlar::registry::partnership::PartnershipQuery::all())
            .await
            .unwrap()
            .len(),
        1
    );

    // Space returns: the same import goes through, on the same workspace.
    if let Some(filler) = filler {
        std::fs::remove_file(filler).unwrap();
        ws.apply_import(import_of(3000, "Stor")).await.unwrap();
        assert_eq!(count_tagged(&ws, "Stor").await, 3000);
    } else {
        ws.apply_import(import_of(5, "Liten")).await.unwrap();
        assert_eq!(count_tagged(&ws, "Liten").await, 5);
    }
    let integrity: String =
        sqlx::query_scalar("PRAGMA integrity_check").fetch_one(ws.pool()).await.unwrap();
    assert_eq!(integrity, "ok");
    ws.close().await;
}

#[tokio::test]
async fn a_backup_onto_a_full_disk_fails_cleanly_and_leaves_no_partial_file() {
    let disk = SmallDisk::new("2m");
    if !disk.mounted {
        return; // Only a real small disk shows this; the rest is covered above.
    }
    let data = tempfile::tempdir().unwrap();
    let clock = Arc::new(FixedClock::new(Utc.with_ymd_and_hms(2026, 11, 30, 9, 0, 0).unwrap()));
    let ws = Workspace::open(&data.path().join("samlar.sqlite3"), clock).await.unwrap();
    ws.load_demo_data().await.unwrap();
    fill(disk.path(), 16 * 1024);
    let dest = disk.path().join("kopia.sqlite3");
    let err = ws.back_up_to(&dest).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::DiskFull, "{err:?}");
    let left: Vec<_> = std::fs::read_dir(disk.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(left, ["fyllnad.bin"], "no partial backup is left");
}
