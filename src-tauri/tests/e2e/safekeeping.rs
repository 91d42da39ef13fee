//! Safekeeping: a database that cannot be opened gets a Swedish error page
//! (a data folder that cannot be written, a file that is no database, one
//! made by a newer Samlär, which opens read-only from there), a backup taken
//! at the day's first start is restored from the menu, and a second start on
//! the same data folder leaves the first window alone, and SIGTERM (a session
//! logging out) closes the database cleanly.

use crate::harness::{
    Driver, click, field, find, heading, menu, open_app, press, quoted, screenshot, session_setup,
    start_app,
};
use samlar::registry::partnership::{PartnershipDraft, PartnershipKind};
use samlar::store::db::{self, Access};
use samlar::store::opening;
use samlar::{SystemClock, Workspace};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};
use thirtyfour::prelude::*;

const APP: &str = env!("CARGO_BIN_EXE_samlar-app");

/// A Samlär database at `path` holding partnerships named `names`.
async fn database_with(path: &Path, names: &[&str]) -> Workspace {
    let ws = Workspace::open(path, Arc::new(SystemClock)).await.unwrap();
    for name in names {
        let draft = PartnershipDraft::new(name, PartnershipKind::ModelMunicipalityRound);
        ws.create_partnership(draft).await.unwrap();
    }
    ws
}

/// A database made by a newer Samlär: it records a migration this build does
/// not know (as `tests/core/safekeeping.rs::newer_database` makes it).
async fn newer_database(path: &Path) {
    database_with(path, &["Framtidens nätverk"]).await.close().await;
    let pool = db::connect(path, Access::ReadWrite).await.unwrap();
    sqlx::query(
        "INSERT INTO _sqlx_migrations \
         (version, description, installed_on, success, checksum, execution_time) \
         VALUES (99990101, 'from the future', '2030-01-01', 1, x'00', 0)",
    )
    .execute(&pool)
    .await
    .unwrap();
    let applied = opening::schema_of(&pool).await.unwrap();
    assert!(applied.contains(&99990101), "the newer migration is recorded: {applied:?}");
    pool.close().await;
}

/// A read-only file system mounted for one test, unmounted when dropped.
struct ReadOnlyMount(PathBuf);

impl ReadOnlyMount {
    /// A read-only tmpfs at `dir` (made empty), or `None` where mounting is
    /// not allowed (not root).
    fn at(dir: &Path) -> Option<ReadOnlyMount> {
        std::fs::create_dir_all(dir).unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "ro,size=1m", "tmpfs"])
            .arg(dir)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        mounted.then(|| ReadOnlyMount(dir.to_path_buf()))
    }
}

impl Drop for ReadOnlyMount {
    fn drop(&mut self) {
        // Lazily: the app may still be letting go of the folder.
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_data_folder_that_cannot_be_written_gets_the_swedish_error_page() {
    let (_guard, display, tmp) = session_setup().await;
    // A read-only file system, as a write-protected USB stick: root may write
    // anywhere else, whatever the folder's mode says. Where mounting is not
    // allowed, a folder that cannot be made because a file is in its way.
    let mount = ReadOnlyMount::at(&tmp.path().join("usb"));
    let data = match &mount {
        Some(m) => m.0.clone(),
        None => {
            eprintln!("mount not allowed: the data folder is under a regular file instead");
            std::fs::write(tmp.path().join("en-fil"), "").unwrap();
            tmp.path().join("en-fil").join("Samlär")
        }
    };
    let driver = Driver::start(&display);
    let app = start_app(&driver, &data, &[]).await;

    heading(&app, "Samlär kan inte skriva i datamappen").await;
    find(&app, "//p[contains(normalize-space(), 'att USB-minnet inte är skrivskyddat')]").await;
    let path = data.to_str().unwrap();
    find(&app, &format!("//code[normalize-space()={}]", quoted(path))).await;
    find(&app, "//button[normalize-space()='Öppna datamappen']").await;
    find(&app, "//button[normalize-space()='Avsluta']").await;
    screenshot(&app, "problem-not-writable").await;
    app.quit().await.unwrap();
    drop(mount);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_database_file_that_is_text_gets_the_swedish_error_page_and_stays_as_it_was() {
    let (_guard, display, data) = session_setup().await;
    let file = data.path().join("samlar.sqlite3");
    let text = "Det här är anteckningar, ingen databas.\n".repeat(20);
    std::fs::write(&file, &text).unwrap();
    let driver = Driver::start(&display);
    let app = start_app(&driver, data.path(), &[]).await;

    heading(&app, "Databasfilen är ingen Samlär-databas").await;
    find(&app, "//p[starts-with(normalize-space(), 'Det finns inga säkerhetskopior')]").await;
    let database = file.to_str().unwrap();
    find(&app, &format!("//code[normalize-space()={}]", quoted(database))).await;
    screenshot(&app, "problem-not-a-database").await;
    app.quit().await.unwrap();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text, "the file is not written to");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_database_from_a_newer_samlar_opens_read_only_from_the_error_page() {
    let (_guard, display, data) = session_setup().await;
    let file = data.path().join("samlar.sqlite3");
    newer_database(&file).await;
    let before = std::fs::read(&file).unwrap();
    let driver = Driver::start(&display);
    let app = start_app(&driver, data.path(), &[]).await;

    heading(&app, "Databasen är gjord av en nyare version av Samlär").await;
    find(&app, "//button[normalize-space()='Avsluta']").await;
    screenshot(&app, "problem-newer-schema").await;
    press(&app, "Öppna skrivskyddat").await;

    heading(&app, "Partnerskap").await;
    find(&app, "//main//li[contains(normalize-space(), 'Framtidens nätverk')]").await;
    find(
        &app,
        "//*[@role='status'][normalize-space()='Databasen är öppnad skrivskyddat. \
         Ändringar kan inte sparas, men du kan exportera.']",
    )
    .await;
    screenshot(&app, "newer-schema-read-only").await;
    app.quit().await.unwrap();
    assert!(std::fs::read(&file).unwrap() == before, "the newer database is not written to");
}

/// The automatic backups in the data folder (file names).
fn backups_in(data: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(data.join("backups")) else { return Vec::new() };
    let mut names: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("samlar-") && n.ends_with(".sqlite3"))
        .collect();
    names.sort();
    names
}

async fn wait_for(what: &str, mut ready: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ready() {
        assert!(start.elapsed() < Duration::from_secs(20), "waited in vain for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_backup_of_the_day_is_restored_from_the_menu() {
    let (_guard, display, data) = session_setup().await;
    database_with(&data.path().join("samlar.sqlite3"), &["Före"]).await.close().await;
    assert!(backups_in(data.path()).is_empty());
    let driver = Driver::start(&display);
    let app = open_app(&driver, data.path()).await;

    // The day's first start backs the data up, with "Före" in it.
    wait_for("the daily backup", || backups_in(data.path()).len() == 1).await;
    press(&app, "Nytt partnerskap").await;
    field(&app, "Namn").await.send_keys("Efter").await.unwrap();
    press(&app, "Spara").await;
    heading(&app, "Efter").await;
    press(&app, "Tillbaka till listan").await;
    find(&app, "//main//li[contains(normalize-space(), 'Efter')]").await;

    menu(&app, "Återställ…").await;
    heading(&app, "Återställ en säkerhetskopia").await;
    let row = find(&app, "//table//tbody/tr").await;
    let cells = row.text().await.unwrap();
    assert!(cells.contains("daglig"), "{cells}");
    screenshot(&app, "restore-list").await;
    click(&app, "//table//tbody/tr//button[normalize-space()='Återställ']").await;
    let dialog = find(&app, "//*[@role='alertdialog']").await;
    let asked = dialog.text().await.unwrap();
    assert!(asked.contains("Nuvarande uppgifter säkerhetskopieras först"), "{asked}");
    click(&app, "//*[@role='alertdialog']//button[normalize-space()='Återställ']").await;

    heading(&app, "Partnerskap").await;
    find(&app, "//*[@role='status'][starts-with(normalize-space(), 'Säkerhetskopian från')]").await;
    find(&app, "//main//li[contains(normalize-space(), 'Före')]").await;
    let after = app.find_all(By::XPath("//main//li[contains(normalize-space(), 'Efter')]")).await;
    assert!(after.unwrap().is_empty(), "what was made after the backup is gone");
    screenshot(&app, "restored").await;
    // What was there before the restore was backed up first.
    let backups = backups_in(data.path());
    assert!(backups.iter().any(|n| n.ends_with("-fore-aterstallning.sqlite3")), "{backups:?}");
    app.quit().await.unwrap();

    // And the restored data is what opens next time.
    let app = open_app(&driver, data.path()).await;
    find(&app, "//main//li[contains(normalize-space(), 'Före')]").await;
    let after = app.find_all(By::XPath("//main//li[contains(normalize-space(), 'Efter')]")).await;
    assert!(after.unwrap().is_empty());
    app.quit().await.unwrap();
}

/// A D-Bus session bus of a test's own, stopped when dropped.
pub(crate) struct SessionBus {
    daemon: std::process::Child,
    pub(crate) address: String,
}

impl SessionBus {
    pub(crate) fn start() -> SessionBus {
        use std::io::BufRead;
        let mut daemon = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon is missing (package dbus)");
        let mut address = String::new();
        let stdout = daemon.stdout.take().unwrap();
        std::io::BufReader::new(stdout).read_line(&mut address).unwrap();
        SessionBus { daemon, address: address.trim().to_owned() }
    }
}

impl Drop for SessionBus {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_second_start_on_the_same_data_folder_leaves_the_first_window_alone() {
    let (_guard, display, data) = session_setup().await;
    // The single-instance plugin finds the running app on the session bus.
    let bus = SessionBus::start();
    assert!(bus.address.starts_with("unix:"), "bus address: {}", bus.address);
    let env = [("DBUS_SESSION_BUS_ADDRESS", bus.address.as_str())];
    let driver = Driver::start_with_env(&display, &env);
    let app = open_app(&driver, data.path()).await;
    heading(&app, "Partnerskap").await;

    let mut second = Command::new(APP)
        .arg("--data-dir")
        .arg(data.path())
        .env("DISPLAY", display.name())
        .env("GDK_BACKEND", "x11")
        .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = second.try_wait().unwrap() {
            break Some(status);
        }
        if start.elapsed() > Duration::from_secs(10) {
            break None;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    if status.is_none() {
        let _ = second.kill();
        let _ = second.wait();
    }
    let status = status.expect("the second start ends within 10 s");
    assert!(status.success(), "the second start hands over and ends: {status}");

    // The first window still works, and it is the only one.
    assert_eq!(app.windows().await.unwrap().len(), 1);
    press(&app, "Nytt partnerskap").await;
    heading(&app, "Nytt partnerskap").await;
    field(&app, "Namn").await.send_keys("Fortfarande här").await.unwrap();
    press(&app, "Spara").await;
    heading(&app, "Fortfarande här").await;
    app.quit().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn without_a_session_bus_a_second_start_shows_that_samlar_is_already_open() {
    let (_guard, display, data) = session_setup().await;
    // No bus to find the running app on: the data folder's lock refuses the
    // second start, which says so in its own window.
    let no_bus = [("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/samlar-test-bus")];
    let first_driver = Driver::start_with_env(&display, &no_bus);
    let first = open_app(&first_driver, data.path()).await;
    let second_driver = Driver::start_with_env(&display, &no_bus);
    let second = start_app(&second_driver, data.path(), &[]).await;

    heading(&second, "Samlär är redan öppet med den här datamappen").await;
    find(&second, "//button[normalize-space()='Avsluta']").await;
    screenshot(&second, "problem-in-use").await;
    second.quit().await.unwrap();

    // The first one works on.
    press(&first, "Nytt partnerskap").await;
    heading(&first, "Nytt partnerskap").await;
    first.quit().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn asked_by_the_system_to_end_samlar_closes_its_database_cleanly() {
    let (_guard, display, data) = session_setup().await;
    database_with(&data.path().join("samlar.sqlite3"), &["Nätverket som stängs"])
        .await
        .close()
        .await;
    let mut app = Command::new(APP)
        .arg("--data-dir")
        .arg(data.path())
        .env("DISPLAY", display.name())
        .env("GDK_BACKEND", "x11")
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/samlar-test-bus")
        .env("SAMLAR_REPORT_READY", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Ready: the first list is painted. Its stderr is read to the end, so
    // that what it writes while ending has somewhere to go.
    let stderr = app.stderr.take().unwrap();
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stderr).lines().map_while(Result::ok) {
            if line.contains("samlar: ui ready") {
                let _ = ready_tx.send(());
            }
        }
    });
    let ready = ready_rx.recv_timeout(Duration::from_secs(60));
    assert!(ready.is_ok(), "the window painted its first list");
    let wal = data.path().join("samlar.sqlite3-wal");
    assert!(wal.exists(), "the running app has its write-ahead log");

    // As a desktop session does when it logs out.
    let term = Command::new("kill").args(["-TERM", &app.id().to_string()]).status().unwrap();
    assert!(term.success());
    let start = Instant::now();
    let status = loop {
        if let Some(status) = app.try_wait().unwrap() {
            break Some(status);
        }
        if start.elapsed() > Duration::from_secs(15) {
            break None;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    if status.is_none() {
        let _ = app.kill();
        let _ = app.wait();
    }
    let status = status.expect("Samlär ends within 15 s of SIGTERM");
    assert!(status.success(), "it ends as when its window is closed: {status}");
    // Closed cleanly: the log was folded into the file and removed, so the
    // next start has no reason to check every page first.
    let left = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
    assert_eq!(left, 0, "no write-ahead log is left behind");
    let ws = Workspace::open(&data.path().join("samlar.sqlite3"), Arc::new(SystemClock)).await;
    let names: Vec<String> = sqlx::query_scalar("SELECT name FROM partnerships")
        .fetch_all(ws.unwrap().pool())
        .await
        .unwrap();
    assert_eq!(names, ["Nätverket som stängs"]);
}
