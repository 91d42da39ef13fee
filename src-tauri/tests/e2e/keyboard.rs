//! Keyboard only: once the window is open, nothing but keys (Tab, Shift+Tab,
//! Enter, Space, Escape, the arrows and typed text) loads the demo data,
//! plans a learning cycle, records a meeting (attendance, notes, a decision)
//! and saves its summary as a PDF.

use crate::harness::{Driver, assert_accessible, find, open_app_with, session_setup};
use std::process::Command;
use thirtyfour::prelude::*;

const ROUND: &str = "Modellkommuner och modellregioner – omgång 2027";

/// Presses keys on whatever has the focus, as a keyboard does.
async fn keys(app: &WebDriver, keys: impl Into<TypingData>) {
    app.action_chain().send_keys(keys).perform().await.unwrap();
}

/// The focused element's names: its aria-label, its label's text and its own text.
async fn focused(app: &WebDriver) -> Vec<String> {
    let script = "const e = document.activeElement; \
        const label = e.labels && e.labels.length ? e.labels[0].textContent : ''; \
        return [e.getAttribute('aria-label') || '', label, e.textContent || '']\
          .map((s) => s.replace(/\\s+/g, ' ').trim());";
    let names = app.execute(script, Vec::new()).await.unwrap();
    serde_json::from_value(names.json().clone()).unwrap()
}

/// Tabs forward until the focused element is named `name` (or starts with
/// it, when `name` ends in `…`), at most 80 times.
async fn tab_to(app: &WebDriver, name: &str) {
    let (prefix, exact) = match name.strip_suffix('…') {
        Some(prefix) => (prefix, false),
        None => (name, true),
    };
    let mut seen = Vec::new();
    for _ in 0..80 {
        keys(app, Key::Tab).await;
        let names = focused(app).await;
        if names.iter().any(|n| if exact { n == prefix } else { n.starts_with(prefix) }) {
            return;
        }
        seen.push(names.into_iter().find(|n| !n.is_empty()).unwrap_or_default());
    }
    panic!("Tab never reached {name:?}; it went through {seen:#?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cycle_is_planned_a_meeting_recorded_and_its_pdf_saved_by_keyboard_alone() {
    let (_guard, display, data) = session_setup().await;
    let exports = tempfile::tempdir().unwrap();
    let driver = Driver::start(&display);
    let export = ["--export-dir", exports.path().to_str().unwrap()];
    let app = open_app_with(&driver, data.path(), &export).await;

    // Meny → Ladda exempeldata: the menu opens on its first item, the arrow moves.
    tab_to(&app, "Meny").await;
    keys(&app, Key::Enter).await;
    find(&app, "//*[@role='menu']").await;
    keys(&app, Key::Down).await;
    assert_eq!(focused(&app).await[2], "Ladda exempeldata");
    keys(&app, Key::Enter).await;
    find(&app, "//*[@role='status'][starts-with(normalize-space(), 'Exempeldata ')]").await;

    // Plan the round's cycle.
    tab_to(&app, ROUND).await;
    keys(&app, Key::Enter).await;
    find(&app, &format!("//h1[normalize-space()='{ROUND}']")).await;
    tab_to(&app, "Planera lärcykel").await;
    keys(&app, Key::Enter).await;
    find(&app, "//h1[normalize-space()='Planera lärcykel']").await;
    tab_to(&app, "Startdatum").await;
    keys(&app, "2027-01-18").await;
    keys(&app, Key::Enter).await;
    find(&app, "//h2[normalize-space()='Föreslagna möten']").await;
    // Shift+Tab back past a proposed date and forward again: the dates stay.
    keys(&app, Key::Tab).await;
    app.action_chain()
        .key_down(Key::Shift)
        .key_down(Key::Tab)
        .key_up(Key::Tab)
        .key_up(Key::Shift)
        .perform()
        .await
        .unwrap();
    tab_to(&app, "Spara mötena").await;
    keys(&app, Key::Enter).await;
    find(&app, "//h2[starts-with(normalize-space(), 'Möten (5)')]").await;

    // Record learning meeting 1: attendance by the arrow keys, notes, a decision.
    tab_to(&app, "Lärandeträff 1…").await;
    keys(&app, Key::Enter).await;
    find(&app, "//h1[normalize-space()='Lärandeträff 1']").await;
    tab_to(&app, "Närvaro för Anna Exempel").await;
    let chosen = "const s = document.activeElement; return s.options[s.selectedIndex].text;";
    for _ in 0..6 {
        let now = app.execute(chosen, Vec::new()).await.unwrap();
        if now.json().as_str() == Some("Närvarande") {
            break;
        }
        keys(&app, Key::Down).await;
    }
    let now = app.execute(chosen, Vec::new()).await.unwrap();
    assert_eq!(now.json().as_str(), Some("Närvarande"), "the arrows choose in the select");
    let notes = "Förvaltningarna jämför sina nyckeltal varje kvartal.";
    tab_to(&app, "Anteckningar från mötet").await;
    keys(&app, notes).await;
    tab_to(&app, "Lägg till beslut").await;
    keys(&app, Key::Enter).await;
    let decision = "Nästa träff hålls i Vännäs.";
    assert_eq!(focused(&app).await[1], "Beslut 1", "the new decision has the focus");
    keys(&app, decision).await;
    keys(&app, Key::Tab).await;
    find(&app, "//*[normalize-space()='Alla ändringar är sparade']").await;
    assert_accessible(&app, "the meeting recorded by keyboard").await;

    // Its summary as a PDF.
    tab_to(&app, "Spara sammanfattning som PDF").await;
    keys(&app, Key::Enter).await;
    find(&app, "//*[@role='status'][starts-with(normalize-space(), 'Sparad:')]").await;
    app.quit().await.unwrap();

    let pdf = std::fs::read_dir(exports.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "pdf"))
        .expect("a PDF in the export folder");
    let text = Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap();
    let text =
        String::from_utf8(text.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in ["Lärandeträff 1", notes, decision, "Anna Exempel"] {
        assert!(text.contains(expected), "{expected:?} in the summary: {text}");
    }
}
