//! Meetings: a learning cycle planned, logged, followed up and searched,
//! typing saved without a save button (and at least every two seconds while
//! the typing goes on, so that killing the app loses at most that), and a
//! session summary as a PDF, saved twice beside itself, and the minutes as an
//! e-mail draft.

use crate::harness::{
    Driver, choose, click, field, find, heading, kill_app, load_demo_data, open_app, open_app_with,
    press, quoted, screenshot, session_setup,
};
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};
use thirtyfour::WebDriver;

/// With the demo data loaded, a new meeting of Dropin on `date`, open.
async fn new_dropin_meeting(app: &WebDriver, date: &str) {
    load_demo_data(app).await;
    press(app, "Dropin").await;
    press(app, "Nytt möte").await;
    heading(app, "Nytt möte").await;
    field(app, "Datum").await.send_keys(date).await.unwrap();
    press(app, "Skapa mötet").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_learning_cycle_is_planned_logged_followed_up_and_searched() {
    let (_guard, display, data) = session_setup().await;
    let driver = Driver::start(&display);
    let app = open_app(&driver, data.path()).await;
    load_demo_data(&app).await;
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
    new_dropin_meeting(&app, "2027-05-11").await;
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
async fn steady_typing_is_saved_every_two_seconds_and_survives_a_sigkill() {
    let (_guard, display, data) = session_setup().await;
    let driver = Driver::start(&display);
    let app = open_app(&driver, data.path()).await;
    new_dropin_meeting(&app, "2027-05-11").await;

    // A word every 150 ms for six seconds: never a pause as long as the
    // debounce (700 ms), so only the longest wait (2 s) saves anything.
    let notes = field(&app, "Anteckningar från mötet").await;
    let start = Instant::now();
    let mut typed = String::new();
    // How much of `typed` was in the field at each moment.
    let mut moments: Vec<(usize, Instant)> = Vec::new();
    let mut n = 0u32;
    while start.elapsed() < Duration::from_secs(6) {
        n += 1;
        let word = format!("ord{n} ");
        notes.send_keys(&word).await.unwrap();
        typed.push_str(&word);
        moments.push((typed.len(), Instant::now()));
        let next = start + Duration::from_millis(150) * n;
        tokio::time::sleep(next.saturating_duration_since(Instant::now())).await;
    }
    let killed_at = Instant::now();
    kill_app(data.path());
    let _ = tokio::time::timeout(Duration::from_secs(10), app.quit()).await;

    let app = open_app(&driver, data.path()).await;
    press(&app, "Dropin").await;
    find(&app, "//h2[starts-with(normalize-space(), 'Möten (1)')]").await;
    click(&app, "//section//button[contains(normalize-space(), '2027-05-11')]").await;
    let saved = field(&app, "Anteckningar från mötet").await.prop("value").await.unwrap();
    let saved = saved.unwrap_or_default();
    // What was typed up to two seconds before the kill is there, in order.
    let due = moments
        .iter()
        .take_while(|(_, at)| *at + Duration::from_secs(2) <= killed_at)
        .last()
        .map_or(0, |(len, _)| *len);
    assert!(typed.starts_with(&saved), "saved text is what was typed: {saved:?}");
    assert!(
        saved.len() >= due,
        "{} of {} bytes typed 2 s before the kill saved, only {}: {saved:?}",
        due,
        typed.len(),
        saved.len()
    );
    assert!(due > 0 && n >= 20, "typing went on for six seconds: {n} words");
    let lost = moments.iter().find(|(len, _)| *len > saved.len()).map(|(_, at)| killed_at - *at);
    eprintln!(
        "typed {n} words ({} bytes) in {:?}; saved {} bytes; the first word lost was typed {:?} before the kill",
        typed.len(),
        killed_at - start,
        saved.len(),
        lost
    );
    app.quit().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_session_summary_is_exported_from_the_meeting_page_as_a_pdf() {
    let (_guard, display, data) = session_setup().await;
    let exports = tempfile::tempdir().unwrap();
    let driver = Driver::start(&display);
    let export_dir = exports.path().to_str().unwrap();
    let app = open_app_with(&driver, data.path(), &["--export-dir", export_dir]).await;
    new_dropin_meeting(&app, "2027-05-11").await;
    let notes = "Skolan och arbetsgivarna planerar praktik för åttondeklassare.";
    field(&app, "Anteckningar från mötet").await.send_keys(notes).await.unwrap();
    find(&app, "//*[normalize-space()='Alla ändringar är sparade']").await;

    press(&app, "Spara sammanfattning som PDF").await;
    let status = find(&app, "//*[@role='status'][starts-with(normalize-space(), 'Sparad:')]").await;
    let shown = status.text().await.unwrap();
    screenshot(&app, "pdf-saved").await;
    // The same summary again is saved beside the first, never over it.
    press(&app, "Spara sammanfattning som PDF").await;
    let again =
        "//*[@role='status'][starts-with(normalize-space(), 'Sparad:')][contains(., ' (2).pdf')]";
    let shown_again = find(&app, again).await.text().await.unwrap();
    app.quit().await.unwrap();

    let mut saved: Vec<PathBuf> = std::fs::read_dir(exports.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    saved.sort_by_key(|p| p.to_str().unwrap().len());
    assert_eq!(saved.len(), 2, "two PDFs in the export folder: {saved:?}");
    assert!(shown.contains(saved[0].to_str().unwrap()), "the window names the file: {shown}");
    let first = saved[0].file_stem().unwrap().to_str().unwrap();
    assert_eq!(saved[1], exports.path().join(format!("{first} (2).pdf")));
    assert!(shown_again.contains(saved[1].to_str().unwrap()), "{shown_again}");
    assert!(std::fs::read(&saved[1]).unwrap().starts_with(b"%PDF"));
    let text = Command::new("pdftotext").arg(&saved[0]).arg("-").output().unwrap();
    let text =
        String::from_utf8(text.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Sammanfattning:") && text.contains("2027-05-11"), "{text}");
    assert!(text.contains(notes), "{text}");
    assert!(text.contains("Dropin"), "the partnership is named: {text}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_minutes_are_saved_as_an_unsent_e_mail_draft_with_the_summary_attached() {
    let (_guard, display, data) = session_setup().await;
    let exports = tempfile::tempdir().unwrap();
    let driver = Driver::start(&display);
    let export_dir = exports.path().to_str().unwrap();
    let app = open_app_with(&driver, data.path(), &["--export-dir", export_dir]).await;
    new_dropin_meeting(&app, "2027-05-12").await;
    let notes = "Praktikplatserna räcker till alla åttondeklassare.";
    field(&app, "Anteckningar från mötet").await.send_keys(notes).await.unwrap();

    press(&app, "Skapa e-postutkast med sammanfattningen").await;
    let saved = "//*[@role='status'][starts-with(normalize-space(), 'E-postutkastet sparades:')]";
    let shown = find(&app, saved).await.text().await.unwrap();
    screenshot(&app, "minutes-email-saved").await;
    app.quit().await.unwrap();

    let drafts: Vec<PathBuf> = std::fs::read_dir(exports.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "eml"))
        .collect();
    assert_eq!(drafts.len(), 1, "one draft in the export folder: {drafts:?}");
    assert!(shown.contains(drafts[0].to_str().unwrap()), "the window names the file: {shown}");
    // Nobody is recorded as attending yet: only the partnership's contact person.
    assert!(shown.contains("Utkastet har 1 mottagare."), "{shown}");
    let draft = String::from_utf8(std::fs::read(&drafts[0]).unwrap()).unwrap();
    let (headers, _) = draft.split_once("\r\n\r\n").expect("headers, then the body");
    assert!(headers.starts_with("To: "), "{headers}");
    for header in [
        "\r\nSubject: =?utf-8?",
        "\r\nX-Unsent: 1",
        "\r\nMIME-Version: 1.0",
        "\r\nContent-Type: multipart/mixed",
    ] {
        assert!(headers.contains(header), "{header:?} in {headers}");
    }
    // The attached summary has what was typed just before the button was pressed.
    let (_, pdf) =
        draft.split_once("Content-Type: application/pdf").expect("the summary is attached");
    let (_, pdf) = pdf.split_once("\r\n\r\n").unwrap();
    let pdf: String = pdf.lines().take_while(|l| !l.starts_with("--")).collect();
    use base64::Engine;
    let pdf = base64::engine::general_purpose::STANDARD.decode(pdf.trim()).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let path = exports.path().join("attached.pdf");
    std::fs::write(&path, pdf).unwrap();
    let text = Command::new("pdftotext").arg(&path).arg("-").output().unwrap();
    let text =
        String::from_utf8(text.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains(notes) && text.contains("2027-05-12"), "{text}");
}
