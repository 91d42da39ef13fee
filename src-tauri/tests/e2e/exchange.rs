//! Working across computers: a coordinator sends a pairing to its mentor as
//! a package, the mentor opens it in their own Samlär, logs a mentor session
//! and sends the package back, and the coordinator sees the session.

use crate::harness::{
    Driver, click, field, find, heading, load_demo_data, menu, open_app_with, press, screenshot,
    session_setup,
};
use thirtyfour::WebDriver;

const ROUND: &str = "Modellkommuner och modellregioner – omgång 2027";
const PAIR: &str = "Vännäs kommun med stöd av Umeå kommun";

/// Opens the demo round's pairing of Vännäs and Umeå from the partnership list.
async fn open_pairing(app: &WebDriver) {
    press(app, "Partnerskap").await;
    press(app, ROUND).await;
    heading(app, ROUND).await;
    press(app, PAIR).await;
    heading(app, PAIR).await;
}

/// "Spara paket till mentorn" on the open pairing page: the path the package was saved at.
async fn send_to_mentor(app: &WebDriver) -> String {
    let section = "//section[.//h2[normalize-space()='Skicka till mentorn']]";
    let sensitive = field(app, "Ta med tillgänglighetsbehov (känsliga uppgifter)").await;
    assert!(!sensitive.is_selected().await.unwrap(), "sensitive data stays out unless ticked");
    click(app, &format!("{section}//button[normalize-space()='Spara paket till mentorn']")).await;
    let status = find(
        app,
        &format!("{section}//*[@role='status'][starts-with(normalize-space(), 'Sparad: ')]"),
    )
    .await;
    let text = status.text().await.unwrap();
    let path = text.trim().strip_prefix("Sparad: ").unwrap().to_string();
    assert!(path.ends_with(".samlar"), "{path}");
    assert!(std::path::Path::new(&path).is_file(), "{path} was saved");
    path
}

/// Meny → Öppna paket…, the file picked, its preview seen and the package opened.
async fn open_package(app: &WebDriver, path: &str, sender: &str) {
    menu(app, "Öppna paket…").await;
    heading(app, "Öppna paket").await;
    field(app, "Paketfil (.samlar)").await.send_keys(path).await.unwrap();
    find(app, "//h2[normalize-space()='Förhandsgranskning']").await;
    find(app, &format!("//dd[normalize-space()='{sender}']")).await;
    find(app, "//dd[starts-with(normalize-space(), 'Mentorparet Umeå kommun → ')]").await;
    screenshot(app, &format!("package-preview-{}", sender.len())).await;
    press(app, "Öppna paketet").await;
    find(app, "//*[@role='status'][starts-with(normalize-space(), 'Paketet är öppnat: ')]").await;
    press(app, "Visa partnerskapen").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_pairing_goes_to_its_mentor_and_comes_back_with_a_mentor_session() {
    let (_guard, display, a) = session_setup().await;
    let b = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let export = ["--export-dir", out.path().to_str().unwrap()];
    let driver = Driver::start(&display);

    // The coordinator (A) sends the pairing to its mentor.
    let app = open_app_with(&driver, a.path(), &export).await;
    load_demo_data(&app).await;
    open_pairing(&app).await;
    let to_mentor = send_to_mentor(&app).await;
    screenshot(&app, "package-sent").await;
    app.quit().await.unwrap();

    // The mentor (B) names their installation, opens the package, logs a
    // mentor session with a note and sends the package back.
    let app = open_app_with(&driver, b.path(), &export).await;
    menu(&app, "Om Samlär").await;
    heading(&app, "Om Samlär").await;
    field(&app, "Namn på den här installationen")
        .await
        .send_keys("Umeå kommun – Eva")
        .await
        .unwrap();
    press(&app, "Spara namnet").await;
    find(&app, "//*[@role='status'][normalize-space()='Namnet är sparat.']").await;
    open_package(&app, &to_mentor, "okänd avsändare").await;
    open_pairing(&app).await;
    press(&app, "Ny mentorsträff").await;
    heading(&app, "Nytt möte").await;
    field(&app, "Datum").await.send_keys("2027-02-09").await.unwrap();
    press(&app, "Skapa mötet").await;
    find(&app, "//h1[starts-with(normalize-space(), 'Mentorsträff')]").await;
    let note = "Vännäs provar Umeås mall för jämställdhetsanalys.";
    field(&app, "Anteckningar från mötet").await.send_keys(note).await.unwrap();
    find(&app, "//*[normalize-space()='Alla ändringar är sparade']").await;
    press(&app, &format!("Mentorpar: {PAIR}")).await;
    heading(&app, PAIR).await;
    let back = send_to_mentor(&app).await;
    assert_ne!(back, to_mentor, "the second package is saved beside the first");
    app.quit().await.unwrap();

    // The coordinator opens the package from the mentor: the session and its note are there.
    let app = open_app_with(&driver, a.path(), &export).await;
    open_package(&app, &back, "Umeå kommun – Eva").await;
    open_pairing(&app).await;
    let sessions = "//section[.//h2[normalize-space()='Mentorsträffar']]";
    click(&app, &format!("{sessions}//button[contains(normalize-space(), '2027-02-09')]")).await;
    find(&app, "//h1[starts-with(normalize-space(), 'Mentorsträff')]").await;
    let saved = field(&app, "Anteckningar från mötet").await.prop("value").await.unwrap();
    assert_eq!(saved.as_deref(), Some(note));
    screenshot(&app, "package-back").await;
    app.quit().await.unwrap();
}
