//! Approved minutes (justerat protokoll): a coordinator approves a meeting's
//! minutes, finds its fields read-only with a note saying why, unlocks them
//! with a reason, can write again, and sees the history of both.

use crate::axe::assert_accessible;
use crate::harness::{
    Driver, choose, field, find, heading, load_demo_data, open_app, press, quoted, screenshot,
    session_setup,
};
use std::time::{Duration, Instant};
use thirtyfour::{WebDriver, WebElement};

/// Waits until the control is enabled (`true`) or disabled (`false`).
async fn until_enabled(app: &WebDriver, label: &str, enabled: bool) -> WebElement {
    let start = Instant::now();
    loop {
        let control = field(app, label).await;
        if control.is_enabled().await.unwrap() == enabled {
            return control;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{label} is still {}",
            if enabled { "disabled" } else { "enabled" }
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Whether the button is disabled, by itself or by a disabled fieldset
/// around it (`:disabled`; WebKit's WebDriver looks at the nearest fieldset
/// only, and the action form has one of its own inside the record's).
async fn disabled(app: &WebDriver, button: &str) -> bool {
    let found = find(app, &format!("//button[normalize-space()={}]", quoted(button))).await;
    let script = "return arguments[0].matches(':disabled');";
    let answer = app.execute(script, vec![found.to_json().unwrap()]).await.unwrap();
    answer.json().as_bool().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn approved_minutes_are_read_only_until_unlocked_with_a_reason_and_keep_their_history() {
    let (_guard, display, data) = session_setup().await;
    let driver = Driver::start(&display);
    let app = open_app(&driver, data.path()).await;
    load_demo_data(&app).await;
    let round = "Modellkommuner och modellregioner – omgång 2027";
    press(&app, round).await;
    heading(&app, round).await;
    press(&app, "Nytt möte").await;
    heading(&app, "Nytt möte").await;
    field(&app, "Datum").await.send_keys("2027-02-10").await.unwrap();
    press(&app, "Skapa mötet").await;
    find(&app, "//h2[normalize-space()='Justering']").await;
    find(&app, "//p[normalize-space()='Protokollet är inte justerat.']").await;
    let notes = until_enabled(&app, "Anteckningar från mötet", true).await;
    notes.send_keys("Vi jämförde väntetider.").await.unwrap();

    // Approve: the text typed is saved first, then every field is read-only.
    press(&app, "Justera protokollet").await;
    assert_accessible(&app, "meeting page, approving").await;
    choose(&app, "", "Justerat av", "Anna Exempel").await;
    let date = field(&app, "Datum för justeringen").await;
    date.clear().await.unwrap();
    date.send_keys("2027-02-12").await.unwrap();
    press(&app, "Spara justeringen").await;
    find(&app, "//p[normalize-space()='Justerat av Anna Exempel (2027-02-12).']").await;
    find(&app, "//p[starts-with(normalize-space(), 'Protokollet är justerat och kan inte')]").await;
    let notes = until_enabled(&app, "Anteckningar från mötet", false).await;
    assert_eq!(notes.prop("value").await.unwrap().as_deref(), Some("Vi jämförde väntetider."));
    assert!(disabled(&app, "Ta bort mötet").await, "the meeting cannot be deleted");
    assert!(disabled(&app, "Lägg till åtgärd").await, "no action can be added");
    screenshot(&app, "approval-approved").await;
    assert_accessible(&app, "meeting page, approved").await;

    // Unlock: without a reason it is refused next to the field; with one,
    // the fields can be written again.
    press(&app, "Lås upp").await;
    press(&app, "Lås upp protokollet").await;
    let error =
        "//*[@role='alert'][normalize-space()='Skriv varför protokollet behöver låsas upp.']";
    find(&app, error).await;
    assert_accessible(&app, "meeting page, unlocking refused").await;
    let reason = field(&app, "Varför behöver protokollet ändras?").await;
    let described = reason.attr("aria-describedby").await.unwrap().unwrap_or_default();
    let error_id = find(&app, error).await.attr("id").await.unwrap().expect("the error's id");
    assert!(
        described.split(' ').any(|id| id == error_id),
        "{described} names the error {error_id}"
    );
    until_enabled(&app, "Anteckningar från mötet", false).await;
    reason.send_keys("Ett beslut saknades").await.unwrap();
    press(&app, "Lås upp protokollet").await;
    let notes = until_enabled(&app, "Anteckningar från mötet", true).await;
    notes.send_keys(" Beslutet om mallen lades till.").await.unwrap();
    find(&app, "//*[normalize-space()='Alla ändringar är sparade']").await;

    // The history: approved, then unlocked with the reason.
    let history = "//ol[@aria-labelledby='md-approval-history']";
    find(
        &app,
        &format!("{history}/li[1][starts-with(normalize-space(), '2027-02-12: justerat av Anna Exempel')]"),
    )
    .await;
    find(
        &app,
        &format!("{history}/li[2][contains(normalize-space(), 'upplåst') and contains(normalize-space(), 'Skäl: Ett beslut saknades')]"),
    )
    .await;
    find(&app, "//p[normalize-space()='Protokollet är inte justerat.']").await;
    screenshot(&app, "approval-unlocked").await;
}
