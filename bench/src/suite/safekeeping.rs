//! Safekeeping on the national dataset: what a backup costs (the day's
//! automatic one and Meny → Säkerhetskopiera…: `VACUUM INTO` and
//! `integrity_check` of the copy), listing the backups with their counts
//! (Meny → Återställ…), the check of the pages after start, and a restore.
//! Figures to record: none of these blocks a start or a keystroke.

use super::report::{Row, Target};
use super::timing::{Bench, record};
use crate::generate::BoxError;
use samlar::Workspace;
use samlar::store::backup::BackupReason;
use samlar::store::opening;
use std::path::Path;
use std::time::Instant;

pub(super) async fn safekeeping(
    b: &mut Bench<'_>,
    ws: &Workspace,
    dir: &Path,
) -> Result<(), BoxError> {
    let runs = b.opts.pdf_runs.max(1);
    if b.wanted("back_up_now", "checked copy") {
        let dest = dir.join("kopia.sqlite3");
        let to = dest.as_path();
        record(b, "back_up_now", "checked copy of the database, KB".into(), runs, || async move {
            let _ = std::fs::remove_file(to);
            ws.back_up_to(to).await?;
            Ok(Some(std::fs::metadata(to)?.len() as f64 / 1024.0))
        })
        .await?;
        let _ = std::fs::remove_file(&dest);
    }
    if b.wanted("background checks", "quick_check") {
        record(b, "background checks", "quick_check of every page".into(), runs, || async move {
            opening::quick_check(ws.pool()).await?;
            Ok(None)
        })
        .await?;
    }
    if b.wanted("list_backups", "") {
        // Three automatic backups (the rotation keeps ten or more; each is
        // the size of the database, so three keep the benchmark's disk use
        // down; listing reads each file's counts, so it grows with them).
        for _ in 0..3 {
            ws.automatic_backup(BackupReason::Daily).await?;
        }
        let count = ws.backups().await?.len();
        record(
            b,
            "list_backups",
            format!("{count} backups with their counts"),
            runs,
            || async move {
                let json = serde_json::to_vec(&ws.backups().await?)?;
                Ok(Some(json.len() as f64 / 1024.0))
            },
        )
        .await?;
    }
    if b.wanted("restore_backup", "") {
        // On a copy of its own: the suite's workspace stays as it is.
        let own = dir.join("aterstallning");
        std::fs::create_dir_all(&own)?;
        let path = own.join("samlar.sqlite3");
        let backup = dir.join("for-restore.sqlite3");
        ws.back_up_to(&backup).await?;
        std::fs::copy(&backup, &path)?;
        let target = Workspace::open(&path, crate::generate::clock()).await?;
        let started = Instant::now();
        let prepared = target.prepare_restore(&backup).await?;
        let (restored, _) = target.replace(prepared).await?;
        let elapsed = started.elapsed();
        restored.close().await;
        b.push(Row {
            command: "restore_backup".into(),
            subject: "check, copy, back up the current one, replace".into(),
            median_ms: Some(elapsed.as_secs_f64() * 1e3),
            p95_ms: None,
            kb: None,
            target: Target::None,
            note: "once".into(),
        });
        let _ = std::fs::remove_dir_all(&own);
    }
    Ok(())
}
