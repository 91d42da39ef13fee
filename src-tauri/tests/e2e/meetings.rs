//! Meetings: a learning cycle planned, logged, followed up and searched,
//! typing saved without a save button, and a session summary as a PDF.

use crate::harness::{
    Driver, choose, click, field, find, heading, menu, open_app, open_app_with, press, quoted,
    screenshot, session_setup,
};
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread")]
async fn a_learning_cycle_is_planned_logged_followed_up_and_searched() {
    let (_guard, display, data) = session_setup().await;
    let driver = Driver::start(&display);
    let app = open_app(&driver, data.path()).await;
    menu(&app, "Ladda exempeldata").await;
    let round = "Modellkommuner och modellregioner – omgång 2027";
    press(&app, round).await;
    heading(&app, round).await;

    // Plan the cycle.
    press(&app, "Planera lärcykel").await;
    heading(&app, "Planera lärcykel").await;
    field(&app, "Startdatum").await.send_keys("2027-01-18").await.unwrap();
    press(&app, "Föreslå datum").await;
    field(&app, "Datum för Lärandeträff 3").await;
    press(&app, "Spara mötena").await;
    heading(&app, round).await;
    find(&app, "//h2[starts-with(normalize-space(), 'Möten (5)')]").await;

    // Log learning meeting 1: attendance, a reflection and an action.
    click(&app, "//button[starts-with(normalize-space(), 'Lärandeträff 1')]").await;
    heading(&app, "Lärandeträff 1").await;
    choose(&app, "", "Närvaro för Anna Exempel", "Närvarande").await;
    let reflection = "Vi får bättre rutiner när förvaltningarna jämför sina nyckeltal.";
    field(&app, "Vad kan vi lära?").await.send_keys(reflection).await.unwrap();
    let form = "//form[.//button[normalize-space()='Lägg till åtgärd']]";
    choose(&app, form, "Organisation", "Vännäs kommun").await;
    let action = "Ta fram könsuppdelad statistik för hemtjänsten";
    let what =
        find(&app, &format!("{form}//*[@id={form}//label[normalize-space()='Åtgärd']/@for]")).await;
    what.send_keys(action).await.unwrap();
    press(&app, "Lägg till åtgärd").await;
    find(&app, "//*[normalize-space()='Alla ändringar är sparade']").await;
    screenshot(&app, "learning-meeting-1").await;

    // Learning meeting 2 follows the action up.
    press(&app, "Nästa möte").await;
    heading(&app, "Lärandeträff 2").await;
    let follow = format!("//fieldset[legend[normalize-space()={}]]", quoted(action));
    find(&app, &follow).await;
    choose(&app, &follow, "Status nu", "Klar").await;
    let note = find(
        &app,
        &format!("{follow}//*[@id={follow}//label[normalize-space()='Uppföljning']/@for]"),
    )
    .await;
    note.send_keys("Statistiken redovisas nu i varje månadsrapport.").await.unwrap();
    click(&app, &format!("{follow}//button[normalize-space()='Spara uppföljning']")).await;
    find(&app, "//*[normalize-space()='Uppföljningen har sparats.']").await;
    screenshot(&app, "learning-meeting-2-follow-up").await;

    // The reflection is found by a word from it, and the hit opens its meeting.
    press(&app, "Sök").await;
    heading(&app, "Sök i möten").await;
    field(&app, "Sök").await.send_keys("nyckelt").await.unwrap();
    find(&app, "//mark[normalize-space()='nyckeltal']").await;
    screenshot(&app, "search").await;
    click(&app, "//button[starts-with(normalize-space(), 'Lärandeträff 1')]").await;
    heading(&app, "Lärandeträff 1").await;
    let saved = field(&app, "Vad kan vi lära?").await.prop("value").await.unwrap();
    assert_eq!(saved.as_deref(), Some(reflection));
    app.quit().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn typing_is_saved_without_a_save_button_and_survives_killing_the_app() {
    let (_guard, display, data) = session_setup().await;
    let driver = Driver::start(&display);
    let app = open_app(&driver, data.path()).await;
    menu(&app, "Ladda exempeldata").await;
    press(&app, "Dropin").await;
    press(&app, "Nytt möte").await;
    heading(&app, "Nytt möte").await;
    field(&app, "Datum").await.send_keys("2027-05-11").await.unwrap();
    press(&app, "Skapa mötet").await;
    let notes = "Skolan och arbetsgivarna planerar praktik tillsammans.";
    field(&app, "Anteckningar från mötet").await.send_keys(notes).await.unwrap();
    // No blur, no save button: only the debounce saves it. Two seconds later
    // the session ends, which kills the app.
    tokio::time::sleep(Duration::from_secs(2)).await;
    app.quit().await.unwrap();

    let app = open_app(&driver, data.path()).await;
    press(&app, "Dropin").await;
    find(&app, "//h2[starts-with(normalize-space(), 'Möten (1)')]").await;
    click(&app, "//section//button[contains(normalize-space(), '2027-05-11')]").await;
    let saved = field(&app, "Anteckningar från mötet").await.prop("value").await.unwrap();
    assert_eq!(saved.as_deref(), Some(notes));
    app.quit().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_session_summary_is_exported_from_the_meeting_page_as_a_pdf() {
    let (_guard, display, data) = session_setup().await;
    let exports = tempfile::tempdir().unwrap();
    let driver = Driver::start(&display);
    let export_dir = exports.path().to_str().unwrap();
    let app = open_app_with(&driver, data.path(), &["--export-dir", export_dir]).await;
    menu(&app, "Ladda exempeldata").await;
    press(&app, "Dropin").await;
    press(&app, "Nytt möte").await;
    heading(&app, "Nytt möte").await;
    field(&app, "Datum").await.send_keys("2027-05-11").await.unwrap();
    press(&app, "Skapa mötet").await;
    let notes = "Skolan och arbetsgivarna planerar praktik för åttondeklassare.";
    field(&app, "Anteckningar från mötet").await.send_keys(notes).await.unwrap();
    find(&app, "//*[normalize-space()='Alla ändringar är sparade']").await;

    press(&app, "Skriv ut sammanfattning (PDF)").await;
    let status = find(&app, "//*[@role='status'][starts-with(normalize-space(), 'Sparad:')]").await;
    let shown = status.text().await.unwrap();
    screenshot(&app, "pdf-saved").await;
    app.quit().await.unwrap();

    let saved: Vec<PathBuf> = std::fs::read_dir(exports.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    assert_eq!(saved.len(), 1, "one PDF in the export folder");
    assert!(shown.contains(saved[0].to_str().unwrap()), "the window names the file: {shown}");
    let text = Command::new("pdftotext").arg(&saved[0]).arg("-").output().unwrap();
    let text =
        String::from_utf8(text.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Sammanfattning:") && text.contains("2027-05-11"), "{text}");
    assert!(text.contains(notes), "{text}");
    assert!(text.contains("Dropin"), "the partnership is named: {text}");
}
