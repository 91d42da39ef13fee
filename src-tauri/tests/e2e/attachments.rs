//! Attachments: a file picked on a meeting's page is copied into the data
//! folder, listed with its name and size, and opened with the system's
//! program. The system's program is `xdg-open` (what the opener plugin runs
//! first on Linux): the test puts a script of that name first on the app's
//! PATH, which records the path it was given, so the app's own open command
//! runs unchanged and its effect is checked.

use crate::harness::{
    Driver, click, field, find, heading, load_demo_data, open_app, press, screenshot, session_setup,
};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

/// A folder with an `xdg-open` that appends its argument to `opened.txt` beside it.
fn recording_xdg_open(dir: &Path) {
    let script = dir.join("xdg-open");
    std::fs::write(
        &script,
        "#!/bin/sh\nprintf '%s\\n' \"$1\" >> \"$(dirname \"$0\")/opened.txt\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_file_is_attached_to_a_meeting_and_opened_with_the_systems_program() {
    let (_guard, display, data) = session_setup().await;
    let bin = tempfile::tempdir().unwrap();
    recording_xdg_open(bin.path());
    let path = format!("{}:{}", bin.path().display(), std::env::var("PATH").unwrap_or_default());
    let driver = Driver::start_with_env(&display, &[("PATH", path.as_str())]);
    let app = open_app(&driver, data.path()).await;

    load_demo_data(&app).await;
    press(&app, "Dropin").await;
    press(&app, "Nytt möte").await;
    heading(&app, "Nytt möte").await;
    field(&app, "Datum").await.send_keys("2027-04-20").await.unwrap();
    press(&app, "Skapa mötet").await;

    // A scan of a signed sign-in sheet, picked in the file chooser.
    let files = tempfile::tempdir().unwrap();
    let scan = files.path().join("Närvarolista signerad.pdf");
    let bytes = b"%PDF-1.4 underskrifter".repeat(100);
    std::fs::write(&scan, &bytes).unwrap();
    field(&app, "Lägg till bilaga…").await.send_keys(scan.to_str().unwrap()).await.unwrap();
    let row = "//li[span[normalize-space()='Närvarolista signerad.pdf']]";
    find(&app, &format!("{row}/span[normalize-space()='2 kB']")).await;
    screenshot(&app, "attachment-added").await;

    // Copied into the data folder, under a name of its own.
    let stored: Vec<_> = std::fs::read_dir(data.path().join("bilagor"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(stored.len(), 1, "{stored:?}");
    assert_eq!(std::fs::read(&stored[0]).unwrap(), bytes);

    // "Öppna" hands the stored file's path to the system's program.
    click(&app, &format!("{row}/button[normalize-space()='Öppna']")).await;
    let opened = bin.path().join("opened.txt");
    let start = Instant::now();
    while !opened.exists() && start.elapsed() < Duration::from_secs(10) {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let said = std::fs::read_to_string(&opened).expect("xdg-open was run");
    let said = std::fs::canonicalize(said.trim_end()).unwrap();
    assert_eq!(said, std::fs::canonicalize(&stored[0]).unwrap(), "the stored file, not a URL");
    assert!(app.find(thirtyfour::By::XPath("//*[@role='alert']")).await.is_err(), "no error");
}
