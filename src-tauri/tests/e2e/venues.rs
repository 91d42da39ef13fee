//! Venues: a coordinator keeps a venue with its accessibility checklist in
//! the register (Meny → Lokalregister), chooses it on a meeting instead of
//! typing it again, and finds its checklist in the saved session summary.

use crate::harness::{
    Driver, choose, click, field, find, heading, load_demo_data, menu, open_app_with, press,
    quoted, screenshot, session_setup,
};
use std::path::PathBuf;
use std::process::Command;
use thirtyfour::WebDriver;

/// Answers a question of the checklist by clicking the answer's label.
async fn answer(app: &WebDriver, question: &str, answer: &str) {
    let xpath = format!(
        "//fieldset[legend[normalize-space()={}]]//label[normalize-space()={}]",
        quoted(question),
        quoted(answer)
    );
    click(app, &xpath).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_venue_from_the_register_brings_its_checklist_into_the_summary_pdf() {
    let (_guard, display, data) = session_setup().await;
    let exports = tempfile::tempdir().unwrap();
    let driver = Driver::start(&display);
    let export_dir = exports.path().to_str().unwrap();
    let app = open_app_with(&driver, data.path(), &["--export-dir", export_dir]).await;
    load_demo_data(&app).await;

    // The register: a hotel's conference room with its checklist.
    menu(&app, "Lokalregister").await;
    heading(&app, "Lokalregister").await;
    press(&app, "Ny lokal").await;
    let venue = "Hotell Vännäs, konferens";
    field(&app, "Lokalens namn").await.send_keys(venue).await.unwrap();
    field(&app, "Adress").await.send_keys("Strandvägen 3, 911 31 Vännäs").await.unwrap();
    answer(&app, "Entré utan trappsteg", "Ja").await;
    answer(&app, "Hiss", "Ja").await;
    answer(&app, "Hörslinga", "Nej").await;
    let notes = "Hörslingan finns bara i stora salen.";
    field(&app, "Anteckningar om tillgänglighet").await.send_keys(notes).await.unwrap();
    press(&app, "Spara").await;
    find(&app, &format!("//h2[normalize-space()={}]", quoted(venue))).await;
    find(&app, "//*[@role='status'][normalize-space()='Lokalen har sparats.']").await;
    screenshot(&app, "venue-register").await;

    // A new meeting of Dropin, held there.
    press(&app, "Partnerskap").await;
    press(&app, "Dropin").await;
    press(&app, "Nytt möte").await;
    heading(&app, "Nytt möte").await;
    field(&app, "Datum").await.send_keys("2027-05-11").await.unwrap();
    press(&app, "Skapa mötet").await;
    answer(&app, "Mötesform", "På plats").await;
    choose(&app, "", "Lokal från lokalregistret", venue).await;
    let name = field(&app, "Lokal").await;
    assert_eq!(name.prop("value").await.unwrap().as_deref(), Some(venue), "filled in");
    find(&app, "//*[normalize-space()='Alla ändringar är sparade']").await;
    screenshot(&app, "venue-on-meeting").await;

    press(&app, "Spara sammanfattning som PDF").await;
    find(&app, "//*[@role='status'][starts-with(normalize-space(), 'Sparad:')]").await;
    app.quit().await.unwrap();

    let saved: Vec<PathBuf> = std::fs::read_dir(exports.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    assert_eq!(saved.len(), 1, "{saved:?}");
    let text = Command::new("pdftotext").arg(&saved[0]).arg("-").output().unwrap();
    let text =
        String::from_utf8(text.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "Mötesform På plats",
        "Hotell Vännäs, konferens, Strandvägen 3, 911 31 Vännäs",
        "Tillgänglighet",
        "Entré utan trappsteg Ja",
        "Hiss Ja",
        "Hörslinga Nej",
        "Tillgänglig toalett Ej kontrollerat",
        notes,
    ] {
        assert!(text.contains(expected), "{expected:?} is not in the summary: {text}");
    }
}
