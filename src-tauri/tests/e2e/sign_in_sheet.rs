//! The sign-in sheet: on a new meeting's page the first person on the
//! attendance list is ticked as attended with the Space key, the sheet is
//! saved as a PDF from the button beside the summary's, and the saved file
//! names the partnership, the meeting's date and that person.

use crate::harness::{
    Driver, field, find, heading, load_demo_data, open_app_with, press, screenshot, session_setup,
};
use std::path::PathBuf;
use std::process::Command;

#[tokio::test(flavor = "multi_thread")]
async fn a_sign_in_sheet_is_printed_from_the_meeting_page() {
    let (_guard, display, data) = session_setup().await;
    let exports = tempfile::tempdir().unwrap();
    let driver = Driver::start(&display);
    let export_dir = exports.path().to_str().unwrap();
    let app = open_app_with(&driver, data.path(), &["--export-dir", export_dir]).await;
    load_demo_data(&app).await;
    press(&app, "Dropin").await;
    press(&app, "Nytt möte").await;
    heading(&app, "Nytt möte").await;
    field(&app, "Datum").await.send_keys("2027-05-11").await.unwrap();
    press(&app, "Skapa mötet").await;

    // The first person on the list, ticked from the keyboard.
    let tick =
        find(&app, "(//input[@type='checkbox'][starts-with(@aria-label, 'Närvarade: ')])[1]").await;
    let label = tick.attr("aria-label").await.unwrap().unwrap();
    let name = label.strip_prefix("Närvarade: ").unwrap().to_owned();
    tick.send_keys(" ").await.unwrap();
    assert!(tick.is_selected().await.unwrap(), "Space ticks {name}");
    find(&app, "//*[normalize-space()='Alla ändringar är sparade']").await;

    press(&app, "Spara närvarolista som PDF").await;
    find(&app, "//*[@role='status'][starts-with(normalize-space(), 'Sparad:')]").await;
    screenshot(&app, "sign-in-sheet-saved").await;
    app.quit().await.unwrap();

    let saved: Vec<PathBuf> = std::fs::read_dir(exports.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    assert_eq!(saved.len(), 1, "{saved:?}");
    let file = saved[0].file_name().unwrap().to_str().unwrap();
    assert!(file.starts_with("Närvarolista "), "{file}");
    let text = Command::new("pdftotext").arg("-layout").arg(&saved[0]).arg("-").output().unwrap();
    let text =
        String::from_utf8(text.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in ["Närvarolista", "Partnerskap Dropin", "Datum 2027-05-11", &name, "Ej anmälda"]
    {
        assert!(text.contains(expected), "{expected:?} in the sign-in sheet: {text}");
    }
}
