//! Markup is text on every screen: the app opened on a database whose every
//! text field holds script and markup (written through the core, see
//! `markup.rs`), with more typed in through the window; no script runs, the
//! text shows literally, and what the window saves shows it literally too.

use crate::harness::{Driver, click, field, find, heading, open_app_with, press, session_setup};
use crate::markup::{MARKUP, csv_cells, flat, ics_events, line, pdf_text, seed};
use thirtyfour::prelude::*;

/// The window's visible text, whitespace flattened.
async fn shown(app: &WebDriver) -> String {
    let text = app.execute("return document.querySelector('main').innerText;", Vec::new());
    flat(text.await.unwrap().json().as_str().unwrap_or_default())
}

/// The texts of the page: what is drawn, and the values of its fields.
async fn page_text(app: &WebDriver) -> String {
    let fields = "return Array.from(document.querySelectorAll('main input, main textarea'))\
        .map((f) => f.value).join(' ');";
    let values = app.execute(fields, Vec::new()).await.unwrap();
    format!("{} {}", shown(app).await, flat(values.json().as_str().unwrap_or_default()))
}

/// No script ran on `screen`, and it shows each value literally (as text or in a field).
async fn shows_literally(app: &WebDriver, screen: &str, tags: &[&str], values: &[String]) {
    let check = "return window.__pwned !== undefined || \
        document.querySelector('img[src=\"x\"], svg[onload], main script') !== null;";
    let ran = app.execute(check, Vec::new()).await.unwrap().json().as_bool().unwrap();
    assert!(!ran, "{screen}: a script ran or markup became an element");
    // Up to the first line break: some screens show only a text's first line.
    let wanted: Vec<String> = tags
        .iter()
        .map(|tag| {
            let marker = format!("=cmd|' /C calc'!A0 {tag} ");
            let value = values.iter().find(|v| v.starts_with(&marker)).expect("a value of the tag");
            flat(value.lines().next().unwrap())
        })
        .collect();
    // A page draws its sections as their data arrives: wait for all of them.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let text = page_text(app).await;
        let missing: Vec<&String> = wanted.iter().filter(|w| !text.contains(w.as_str())).collect();
        if missing.is_empty() {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{screen} does not show {missing:?}:\n{text}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let ran = app.execute(check, Vec::new()).await.unwrap().json().as_bool().unwrap();
    assert!(!ran, "{screen}: a script ran or markup became an element once all was drawn");
}

/// The button (or link) whose text contains the value of `tag`.
fn named(tag: &str) -> String {
    format!("//main//*[self::button or self::a or self::h1][contains(., ' {tag} <img')]")
}

#[tokio::test(flavor = "multi_thread")]
async fn every_screen_shows_markup_as_text_and_runs_no_script() {
    let (_guard, display, data) = session_setup().await;
    let (ws, s) = seed(&data.path().join("samlar.sqlite3")).await;
    ws.close().await;
    let exports = tempfile::tempdir().unwrap();
    let driver = Driver::start(&display);
    let export = ["--export-dir", exports.path().to_str().unwrap()];
    let app = open_app_with(&driver, data.path(), &export).await;
    let v = &s.values;
    shows_literally(&app, "partnership list", &["partnership", "round"], v).await;

    click(&app, &named("partnership")).await;
    find(&app, &named("partnership")).await;
    let charter = ["partnership", "purpose", "problem", "delimitation", "goal", "effect", "orga"];
    shows_literally(&app, "partnership page", &charter, v).await;
    // Each saved before the next, so that no message moves a button being clicked.
    press(&app, "Exportera medlemmar (CSV)").await;
    find(&app, "//*[starts-with(normalize-space(), 'Filen sparades i ')]").await;
    press(&app, "Kommande möten till kalendern (.ics)").await;
    find(&app, "//*[starts-with(normalize-space(), 'Sparad: ')][contains(., 'Kommande möten')]")
        .await;
    press(&app, "Spara rapport som PDF").await;
    find(&app, "//*[starts-with(normalize-space(), 'Sparad: ')][contains(., 'Rapport')]").await;
    let statistics = find(&app, "//button[normalize-space()='Statistik']").await;
    statistics.send_keys(Key::Enter).await.unwrap();
    find(&app, "//h1[starts-with(normalize-space(), 'Statistik')]").await;
    shows_literally(&app, "statistics", &["partnership"], v).await;
    press(&app, "Tillbaka till partnerskapet").await;

    click(&app, "//main//button[contains(normalize-space(), '2027-03-15')]").await;
    let notes = field(&app, "Anteckningar från mötet").await;
    let record = ["meetingtitle", "venue", "notes", "best", "agendatitle", "decision", "action"];
    shows_literally(&app, "meeting page", &record, v).await;
    press(&app, "Spara sammanfattning som PDF").await;
    find(&app, "//*[@role='status'][starts-with(normalize-space(), 'Sparad:')]").await;
    press(&app, "Lägg till i kalendern (.ics)").await;
    find(&app, "//*[starts-with(normalize-space(), 'Sparad: ')][contains(., '.ics')]").await;
    // Typed in the window: the same markup is saved and shown as text.
    notes.send_keys(format!(" typed {MARKUP}")).await.unwrap();
    find(&app, "//*[normalize-space()='Alla ändringar är sparade']").await;
    // A link that would run script is refused where it is typed (the field
    // is there for a digital or hybrid meeting).
    click(
        &app,
        "//fieldset[legend[normalize-space()='Mötesform']]//label[normalize-space()='Digitalt']",
    )
    .await;
    let link = field(&app, "Länk till digitalt möte").await;
    link.send_keys("javascript:window.__pwned=1").await.unwrap();
    link.send_keys(Key::Tab).await.unwrap();
    find(
        &app,
        "//*[starts-with(normalize-space(), 'Skriv en webbadress som börjar med https://')]",
    )
    .await;
    shows_literally(&app, "meeting page, typed", &["notes"], v).await;
    press(&app, "Nästa möte").await;
    shows_literally(&app, "meeting with the follow-up", &["action", "followup"], v).await;

    press(&app, "Sök").await;
    heading(&app, "Sök i möten").await;
    field(&app, "Sök").await.send_keys("typed").await.unwrap();
    find(&app, "//mark").await;
    shows_literally(&app, "search", &[], v).await;
    let hits = shown(&app).await;
    assert!(hits.contains("typed <img src=x"), "the typed markup is found: {hits}");

    // The lists' rows are checked by their text; the pages are opened from
    // the partnership (WebKitWebDriver does not count windowed rows as displayed).
    press(&app, "Organisationer").await;
    find(&app, "//*[normalize-space()='2 organisationer']").await;
    shows_literally(&app, "organisation list", &["orga", "orgb", "orgacounty"], v).await;
    press(&app, "Personer").await;
    find(&app, "//*[normalize-space()='1 person']").await;
    shows_literally(&app, "people list", &["person", "title"], v).await;
    press(&app, "Partnerskap").await;
    click(&app, &named("partnership")).await;
    click(&app, &named("orga")).await;
    find(&app, "//h1[contains(., ' orga <img')]").await;
    shows_literally(&app, "organisation page", &["orga", "orgacounty", "person"], v).await;
    click(&app, &named("person")).await;
    find(&app, "//h1[contains(., ' person <img')]").await;
    shows_literally(&app, "person page", &["person", "title", "phone", "needs"], v).await;

    press(&app, "Partnerskap").await;
    click(&app, &named("round")).await;
    find(&app, "//h1[contains(., ' round <img')]").await;
    shows_literally(&app, "round page", &["round", "orga", "orgb"], v).await;
    click(&app, "//main//button[contains(., ' orga <img')][contains(., ' orgb <img')]").await;
    shows_literally(&app, "pairing page", &["pairingnotes", "orga", "orgb"], v).await;
    click(&app, "//main//button[contains(normalize-space(), '2027-02-09')]").await;
    shows_literally(&app, "mentor session", &["sessionnotes"], v).await;

    // A partnership named with markup in the form.
    press(&app, "Partnerskap").await;
    press(&app, "Nytt partnerskap").await;
    heading(&app, "Nytt partnerskap").await;
    field(&app, "Namn").await.send_keys(format!("Skrivet {MARKUP}")).await.unwrap();
    press(&app, "Spara").await;
    find(&app, "//h1[starts-with(normalize-space(), 'Skrivet <img src=x')]").await;
    shows_literally(&app, "typed partnership", &[], v).await;
    app.quit().await.unwrap();

    // What the window saved shows the markup literally too.
    let mut saved: Vec<_> =
        std::fs::read_dir(exports.path()).unwrap().map(|e| e.unwrap().path()).collect();
    saved.sort();
    let names: Vec<String> =
        saved.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(saved.len(), 5, "a CSV, two .ics and two PDFs: {names:?}");
    for path in &saved {
        let bytes = std::fs::read(path).unwrap();
        let name = path.file_name().unwrap().to_str().unwrap();
        match path.extension().and_then(|e| e.to_str()) {
            Some("pdf") => {
                let text = pdf_text(exports.path(), "read.pdf", &bytes);
                assert!(text.contains(&flat(&line("partnership"))), "{name}: {text}");
            }
            Some("csv") => {
                let cells = csv_cells(name, &bytes);
                assert!(cells.contains(&format!("'{}", line("orga"))), "{name}: {cells:?}");
            }
            Some("ics") => {
                let events = ics_events(exports.path(), "read.ics", &bytes);
                assert!(!events.is_empty(), "{name}");
                for event in events {
                    let location = event["LOCATION"].as_str().unwrap();
                    assert!(location.contains(&line("venue")), "{name}: {location}");
                }
            }
            _ => panic!("an unexpected file {name}"),
        }
    }
}
