//! Safekeeping: automatic backups and their rotation, restoring a backup
//! (older schemas migrated forward, newer ones refused), the careful opening
//! at start (a failed upgrade puts the file back byte for byte, damaged and
//! foreign files are found and never written), and the data folder's lock.

use crate::common::{TestWorkspace, draft};
use chrono::{Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use samlar::registry::partnership::PartnershipQuery;
use samlar::store::backup::{
    self, BackupReason, KEEP_NEWEST, backup_file_name, kept, parse_backup_file_name,
};
use samlar::store::db::{self, MIGRATOR};
use samlar::store::opening::{self, DataFolderLock, ProblemKind};
use samlar::store::restore;
use samlar::store::session::Session;
use samlar::{Clock, ErrorCode, FixedClock, Workspace};
use std::path::Path;
use std::sync::Arc;

fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, 0, 0).unwrap()
}

/// The names of the files in `dir`.
fn file_names(dir: impl AsRef<Path>) -> Vec<String> {
    std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect()
}

fn clock() -> Arc<FixedClock> {
    Arc::new(FixedClock::new(Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()))
}

async fn workspace_with(path: &Path, names: &[&str]) -> Workspace {
    let ws = Workspace::open(path, clock()).await.unwrap();
    for name in names {
        ws.create_partnership(draft(name)).await.unwrap();
    }
    ws
}

async fn partnership_names(ws: &Workspace) -> Vec<String> {
    let mut names: Vec<String> = ws
        .partnerships(PartnershipQuery::all())
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    names.sort();
    names
}

#[test]
fn backup_names_carry_the_time_and_the_reason() {
    let name = backup_file_name(at(2026, 11, 30, 6), BackupReason::BeforeUpgrade);
    assert_eq!(name, "samlar-2026-11-30-060000-fore-uppgradering.sqlite3");
    assert_eq!(
        parse_backup_file_name(&name),
        Some((at(2026, 11, 30, 6), BackupReason::BeforeUpgrade))
    );
    assert_eq!(
        parse_backup_file_name("samlar-2026-11-30-060000.sqlite3").unwrap().1,
        BackupReason::Daily
    );
    assert_eq!(parse_backup_file_name("min-egen-kopia.sqlite3"), None);
    assert_eq!(parse_backup_file_name("samlar-2026-13-30-060000.sqlite3"), None);
}

#[test]
fn rotation_keeps_the_ten_newest_and_the_newest_of_each_month_for_a_year() {
    let now = at(2026, 11, 30, 12);
    // One backup a day for two years, newest first.
    let times: Vec<_> = (0..730).map(|d| now - Duration::days(d)).collect();
    let keep = kept(&times, now);
    let kept_times: Vec<_> =
        times.iter().zip(&keep).filter(|(_, k)| **k).map(|(t, _)| *t).collect();
    // The ten newest days...
    assert!(keep[..KEEP_NEWEST].iter().all(|k| *k));
    // ...and the newest of December 2025 to November 2026; nothing older.
    assert_eq!(kept_times.len(), 10 + 11, "{kept_times:?}");
    assert!(kept_times.contains(&at(2025, 12, 31, 12)));
    assert!(kept_times.contains(&at(2026, 10, 31, 12)));
    assert!(!kept_times.iter().any(|t| *t < at(2025, 12, 1, 0)));
    // A month's older backups go once the ten newest have moved on.
    assert!(!kept_times.contains(&at(2026, 10, 30, 12)));
}

#[tokio::test]
async fn an_automatic_backup_is_a_checked_copy_and_daily_ones_are_taken_once_a_day() {
    let t = TestWorkspace::new().await;
    t.ws.create_partnership(draft("CLN")).await.unwrap();
    let first = t.ws.daily_backup().await.unwrap().expect("the first start of the day backs up");
    assert!(first.file_name.starts_with("samlar-"), "{}", first.file_name);
    assert_eq!(first.counts.unwrap().partnerships, 1);
    backup::check_integrity(Path::new(&first.path)).await.unwrap();
    assert!(t.ws.daily_backup().await.unwrap().is_none(), "twice the same day");
    t.clock.advance(Duration::days(1));
    assert!(t.ws.daily_backup().await.unwrap().is_some(), "the next day");

    let listed = t.ws.backups().await.unwrap();
    assert_eq!(listed.len(), 2);
    assert!(listed[0].taken_at > listed[1].taken_at, "newest first");
    assert!(listed[0].size_bytes > 0);
    // No temporary files are left beside them.
    let names: Vec<_> = file_names(backup::backup_dir(t.dir.path()));
    assert_eq!(names.len(), 2, "{names:?}");
}

#[tokio::test]
async fn old_backups_are_deleted_and_the_users_own_files_are_left_alone() {
    let t = TestWorkspace::new().await;
    let dir = backup::backup_dir(t.dir.path());
    std::fs::create_dir_all(&dir).unwrap();
    // Forty daily backups, of the days before the clock's day.
    let today = backup::local(t.clock.now());
    for d in 1..=40 {
        let name = backup_file_name(today - Duration::days(d), BackupReason::Daily);
        std::fs::write(dir.join(name), b"old").unwrap();
    }
    std::fs::write(dir.join("min kopia.sqlite3"), b"mine").unwrap();
    t.ws.automatic_backup(BackupReason::Daily).await.unwrap();
    let left: Vec<_> = file_names(&dir);
    assert!(left.contains(&"min kopia.sqlite3".to_string()));
    let samlar = left.iter().filter(|n| parse_backup_file_name(n).is_some()).count();
    // The ten newest (the new one and 14–22 November), plus the newest of
    // October; the forty days reach back to 14 October only.
    assert_eq!(samlar, 11, "{left:?}");
    assert!(left.iter().any(|n| n.starts_with("samlar-2026-10-31")), "{left:?}");
}

#[tokio::test]
async fn a_backup_is_restored_over_the_current_data_which_is_backed_up_first() {
    let t = TestWorkspace::new().await;
    t.ws.create_partnership(draft("Före")).await.unwrap();
    let backup = t.ws.automatic_backup(BackupReason::Daily).await.unwrap();
    t.ws.create_partnership(draft("Efter")).await.unwrap();

    let prepared = t.ws.prepare_restore(Path::new(&backup.path)).await.unwrap();
    let (restored, before) = t.ws.replace(prepared).await.unwrap();
    assert_eq!(partnership_names(&restored).await, ["Före"]);
    assert_eq!(before.reason, BackupReason::BeforeRestore);
    assert_eq!(before.counts.unwrap().partnerships, 2, "what was replaced is kept");
    // Writing goes on in the restored database, and it is the file on disk.
    restored.create_partnership(draft("Sedan")).await.unwrap();
    restored.close().await;
    let reopened = Workspace::open(&t.db_path(), t.clock.clone()).await.unwrap();
    assert_eq!(partnership_names(&reopened).await, ["Före", "Sedan"]);
}

#[tokio::test]
async fn an_older_database_is_migrated_forward_when_restored() {
    let t = TestWorkspace::new().await;
    let old = t.dir.path().join("gammal.sqlite3");
    let pool = db::connect(&old, db::Access::ReadWrite).await.unwrap();
    let first = MIGRATOR.iter().next().unwrap().version;
    MIGRATOR.run_to(first, &pool).await.unwrap();
    sqlx::query("INSERT INTO partnerships (name, name_key, kind, created_at, updated_at) VALUES ('Gammal', 'gammal', 'benchlearning', '2020-01-01', '2020-01-01')")
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    assert_eq!(restore::check_restorable(&old).await.unwrap(), [first]);

    let prepared = t.ws.prepare_restore(&old).await.unwrap();
    let (restored, _) = t.ws.replace(prepared).await.unwrap();
    assert_eq!(partnership_names(&restored).await, ["Gammal"]);
    let applied: i64 = sqlx::query_scalar("SELECT max(version) FROM _sqlx_migrations")
        .fetch_one(restored.pool())
        .await
        .unwrap();
    assert_eq!(applied, db::app_schema_version());
    // The chosen file itself is left as it was.
    let pool = db::connect(&old, db::Access::ReadOnly).await.unwrap();
    let versions: i64 =
        sqlx::query_scalar("SELECT count(*) FROM _sqlx_migrations").fetch_one(&pool).await.unwrap();
    assert_eq!(versions, 1);
}

/// A database file of a newer Samlär: all of ours, and one more migration.
async fn newer_database(path: &Path) {
    let ws = workspace_with(path, &["Framtid"]).await;
    sqlx::query("INSERT INTO settings (key, value) VALUES ('app_version', '9.9.9')")
        .execute(ws.pool())
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, installed_on, success, checksum, execution_time) \
         VALUES (99990101, 'from the future', '2030-01-01', 1, x'00', 0)",
    )
    .execute(ws.pool())
    .await
    .unwrap();
    ws.close().await;
}

#[tokio::test]
async fn files_that_cannot_be_restored_are_refused_and_nothing_changes() {
    let t = TestWorkspace::new().await;
    t.ws.create_partnership(draft("Kvar")).await.unwrap();
    let newer = t.dir.path().join("nyare.sqlite3");
    newer_database(&newer).await;
    let text = t.dir.path().join("anteckningar.sqlite3");
    std::fs::write(&text, "Det här är ingen databas.\n".repeat(20)).unwrap();
    let other = t.dir.path().join("annat-program.sqlite3");
    let pool = db::connect(&other, db::Access::ReadWrite).await.unwrap();
    sqlx::query("CREATE TABLE notes (body TEXT)").execute(&pool).await.unwrap();
    pool.close().await;

    for (file, code) in [
        (&newer, ErrorCode::NewerSchema),
        (&text, ErrorCode::NotADatabase),
        (&other, ErrorCode::NotADatabase),
    ] {
        let err = t.ws.prepare_restore(file).await.err().expect("refused");
        assert_eq!(err.code, code, "{file:?}: {err:?}");
    }
    assert_eq!(partnership_names(&t.ws).await, ["Kvar"]);
    assert!(!backup::backup_dir(t.dir.path()).exists(), "nothing was backed up or replaced");
}

#[tokio::test]
async fn a_new_data_folder_opens_and_a_second_opening_is_refused_while_locked() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("Samlär data");
    let lock = DataFolderLock::acquire(&data).unwrap();
    let again = DataFolderLock::acquire(&data).err().expect("locked");
    assert_eq!(again.0, ProblemKind::InUse);
    drop(lock);
    DataFolderLock::acquire(&data).expect("free again once the first lets go");

    let opened = opening::open_for_work(&data.join("samlar.sqlite3"), clock()).await.unwrap();
    assert!(opened.upgrade_backup.is_none(), "a new file has nothing to back up");
    opened.workspace.create_partnership(draft("Ny")).await.unwrap();
}

#[cfg(unix)]
#[tokio::test]
async fn a_read_only_data_folder_is_reported_not_written() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("skrivskyddad");
    std::fs::create_dir(&data).unwrap();
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o555)).unwrap();
    let result = DataFolderLock::acquire(&data);
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).unwrap();
    // Root may write anyway; then there is nothing to report.
    if is_root() {
        return;
    }
    assert_eq!(result.err().expect("refused").0, ProblemKind::NotWritable);
}

#[cfg(unix)]
fn is_root() -> bool {
    std::fs::metadata("/proc/self")
        .map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0)
        .unwrap_or(false)
}

#[tokio::test]
async fn a_failed_upgrade_puts_the_file_back_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("samlar.sqlite3");
    // Opened for work once, as the app does: the file records the version.
    let clock = clock();
    let (session, opened) = Session::start(&path, clock.clone()).await;
    opened.unwrap();
    assert!(!session.background_checks().await.damaged);
    let ws = session.workspace().unwrap();
    ws.create_partnership(draft("Orörd")).await.unwrap();
    session.close().await;
    drop(ws);
    let ws = Workspace::open(&path, clock.clone()).await.unwrap();
    // As if the last migration had not run, though its tables exist: running
    // it again fails half-way through the upgrade.
    let last = db::app_schema_version();
    sqlx::query("DELETE FROM _sqlx_migrations WHERE version = ?")
        .bind(last)
        .execute(ws.pool())
        .await
        .unwrap();
    ws.close().await;
    let before = std::fs::read(&path).unwrap();

    clock.advance(Duration::days(1));
    let problem = opening::open_for_work(&path, clock.clone()).await.err().expect("fails");
    assert_eq!(problem.kind, ProblemKind::MigrationFailed, "{problem:?}");
    assert_eq!(problem.last_version.as_deref(), Some(env!("CARGO_PKG_VERSION")));
    assert_eq!(std::fs::read(&path).unwrap(), before, "the file is exactly as it was");
    // No log of the failed upgrade is left to be replayed into the file (a
    // reader may leave an empty one).
    let wal = std::fs::metadata(opening::side_file(&path, "-wal")).map(|m| m.len());
    assert!(wal.is_err() || wal.as_ref().is_ok_and(|len| *len == 0), "{wal:?}");
    // The backup taken before the upgrade is offered first on the error
    // page (after it, the day's backup of the earlier start).
    let reasons: Vec<_> = problem.backups.iter().map(|b| b.reason).collect();
    assert_eq!(reasons, [BackupReason::BeforeUpgrade, BackupReason::Daily]);
    let second_last = MIGRATOR.iter().map(|m| m.version).filter(|v| *v < last).max();
    assert_eq!(problem.database_schema, second_last);
    let leftovers: Vec<_> = file_names(backup::backup_dir(dir.path()));
    assert_eq!(leftovers.len(), 2, "no temporary files: {leftovers:?}");
}

#[tokio::test]
async fn an_upgrade_backs_up_first_and_then_migrates() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("samlar.sqlite3");
    let pool = db::connect(&path, db::Access::ReadWrite).await.unwrap();
    let first = MIGRATOR.iter().next().unwrap().version;
    MIGRATOR.run_to(first, &pool).await.unwrap();
    pool.close().await;

    let opened = opening::open_for_work(&path, clock()).await.unwrap();
    let backup = opened.upgrade_backup.expect("backed up before migrating");
    assert_eq!(backup.reason, BackupReason::BeforeUpgrade);
    let pool = db::connect(Path::new(&backup.path), db::Access::ReadOnly).await.unwrap();
    let versions: Vec<i64> =
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations").fetch_all(&pool).await.unwrap();
    assert_eq!(versions, [first], "the backup is of the database before the upgrade");
    opened.workspace.create_partnership(draft("Uppgraderad")).await.unwrap();
}

#[tokio::test]
async fn a_database_of_a_newer_samlar_is_never_modified() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("samlar.sqlite3");
    newer_database(&path).await;
    let before = std::fs::read(&path).unwrap();
    let problem = opening::open_for_work(&path, clock()).await.err().expect("refused");
    assert_eq!(problem.kind, ProblemKind::NewerSchema);
    assert!(problem.can_open_read_only);
    assert_eq!(problem.last_version.as_deref(), Some("9.9.9"), "who last opened it");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!backup::backup_dir(dir.path()).exists());
    let ws = opening::open_read_only(&path, clock()).await.unwrap();
    assert_eq!(partnership_names(&ws).await, ["Framtid"]);
    let err = ws.create_partnership(draft("Nej")).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::ReadOnly);
    ws.close().await;
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[tokio::test]
async fn a_file_that_is_not_a_database_gets_the_problem_page_and_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("samlar.sqlite3");
    let text = "namn;kommun\nEva;Umeå\n".repeat(100);
    std::fs::write(&path, &text).unwrap();
    let problem = opening::open_for_work(&path, clock()).await.err().expect("refused");
    assert_eq!(problem.kind, ProblemKind::NotADatabase);
    assert!(!problem.can_open_read_only);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

/// Overwrites one page of records with zeros.
async fn zero_a_page(path: &Path) {
    use std::io::{Seek, SeekFrom, Write};
    // The root page of the agenda items' table: a page of records that
    // opening the file does not read, as a bad sector might hit.
    let pool = db::connect(path, db::Access::ReadOnly).await.unwrap();
    let root: i64 =
        sqlx::query_scalar("SELECT rootpage FROM sqlite_schema WHERE name = 'agenda_items'")
            .fetch_one(&pool)
            .await
            .unwrap();
    pool.close().await;
    let mut file = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    file.seek(SeekFrom::Start((root as u64 - 1) * 4096)).unwrap();
    file.write_all(&[0u8; 4096]).unwrap();
    file.sync_all().unwrap();
}

/// The files a crash leaves: a database (with demo data and `names`) whose
/// last writes are still in its write-ahead log, copied while it is open,
/// with one page of the main file overwritten with zeros. Returns the good
/// backup taken before.
async fn crashed_and_damaged(path: &Path, names: &[&str]) -> samlar::store::backup::BackupInfo {
    let live = path.parent().unwrap().join("levande");
    let live_db = live.join("samlar.sqlite3");
    let ws = workspace_with(&live_db, names).await;
    ws.load_demo_data().await.unwrap();
    let good = ws.automatic_backup(BackupReason::Daily).await.unwrap();
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(ws.pool()).await.unwrap();
    ws.create_partnership(draft("Sist skrivet")).await.unwrap();
    for suffix in ["", "-wal"] {
        std::fs::copy(opening::side_file(&live_db, suffix), opening::side_file(path, suffix))
            .unwrap();
    }
    ws.close().await;
    zero_a_page(path).await;
    // The backup, where the damaged file's data folder keeps its backups.
    let dir = backup::backup_dir(path.parent().unwrap());
    std::fs::create_dir_all(&dir).unwrap();
    let kept = dir.join(&good.file_name);
    std::fs::copy(&good.path, &kept).unwrap();
    samlar::store::backup::BackupInfo { path: kept.display().to_string(), ..good }
}

#[tokio::test]
async fn a_damaged_page_after_a_crash_is_found_at_start_and_the_file_is_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("samlar.sqlite3");
    crashed_and_damaged(&path, &[]).await;
    let before = std::fs::read(&path).unwrap();

    let problem = opening::open_for_work(&path, clock()).await.err().expect("damage found");
    assert_eq!(problem.kind, ProblemKind::Damaged, "{problem:?}");
    assert!(problem.can_open_read_only);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    // A damaged file is not restorable either.
    let err = restore::check_restorable(&path).await.unwrap_err();
    assert!(matches!(err.code, ErrorCode::DamagedDatabase | ErrorCode::NotADatabase), "{err:?}");
}

#[tokio::test]
async fn a_damaged_page_after_a_clean_end_is_found_in_the_background_and_writing_stops() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("samlar.sqlite3");
    let ws = Workspace::open(&path, clock()).await.unwrap();
    ws.load_demo_data().await.unwrap();
    ws.close().await;
    zero_a_page(&path).await;

    let (session, opened) = Session::start(&path, clock()).await;
    opened.expect("a clean end: the pages are checked in the background");
    let outcome = session.background_checks().await;
    assert!(outcome.damaged, "{outcome:?}");
    assert!(outcome.taken.is_none(), "no backup of a damaged file");
    assert!(!backup::backup_dir(dir.path()).exists());
    let ws = session.workspace().unwrap();
    assert!(ws.is_read_only());
    let err = ws.create_partnership(draft("Nej")).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::ReadOnly);
}

#[tokio::test]
async fn a_backup_restored_from_the_error_page_keeps_the_damaged_file_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("samlar.sqlite3");
    let good = crashed_and_damaged(&path, &["Räddad"]).await;

    let problem = opening::open_for_work(&path, clock()).await.err().expect("damage found");
    assert_eq!(problem.backups[0].path, good.path);
    let ws = restore::restore_over_unopened(&path, Path::new(&good.path), clock()).await.unwrap();
    assert!(partnership_names(&ws).await.contains(&"Räddad".to_string()));
    ws.close().await;
    let aside = file_names(dir.path()).into_iter().filter(|n| n.starts_with("ersatt-")).count();
    assert_eq!(aside, 1, "the damaged file is kept, renamed");
    opening::open_for_work(&path, clock()).await.expect("opens cleanly now");
}

#[tokio::test]
async fn a_backup_restored_while_the_damaged_file_is_open_read_only_makes_it_writable_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("samlar.sqlite3");
    let ws = workspace_with(&path, &["Räddad"]).await;
    ws.load_demo_data().await.unwrap();
    let good = ws.automatic_backup(BackupReason::Daily).await.unwrap();
    ws.close().await;
    zero_a_page(&path).await;

    let (session, opened) = Session::start(&path, clock()).await;
    opened.unwrap();
    assert!(session.background_checks().await.damaged);
    assert!(session.workspace().unwrap().is_read_only());

    let restored = session.restore(Path::new(&good.path)).await.unwrap();
    assert!(!restored.is_read_only());
    assert!(partnership_names(&restored).await.contains(&"Räddad".to_string()));
    restored.create_partnership(draft("Efter räddningen")).await.unwrap();
    assert!(!session.background_checks().await.damaged, "the restored file is whole");
    let aside = file_names(dir.path()).into_iter().filter(|n| n.starts_with("ersatt-")).count();
    assert_eq!(aside, 1, "the damaged file is kept, renamed");
}
