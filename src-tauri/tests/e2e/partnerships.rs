//! Partnerships: one created in the form survives a restart, and a missing
//! name is explained in Swedish next to its field and fixed by keyboard.

use crate::harness::{
    Driver, field, find, heading, open_app, press, quoted, screenshot, session_setup,
};
use thirtyfour::Key;

#[tokio::test(flavor = "multi_thread")]
async fn a_partnership_created_in_the_form_is_still_there_after_a_restart() {
    let (_guard, display, data) = session_setup().await;
    let driver = Driver::start(&display);
    let name = "Vännäs med stöd av Umeå – omgång 2027";

    let app = open_app(&driver, data.path()).await;
    heading(&app, "Partnerskap").await;
    press(&app, "Nytt partnerskap").await;
    heading(&app, "Nytt partnerskap").await;
    field(&app, "Namn").await.send_keys(name).await.unwrap();
    field(&app, "Startdatum").await.send_keys("2027-01-18").await.unwrap();
    field(&app, "Slutdatum").await.send_keys("2028-02-25").await.unwrap();
    field(&app, "Syfte").await.send_keys("Lära av varandra.").await.unwrap();
    press(&app, "Spara").await;
    heading(&app, name).await;
    press(&app, "Tillbaka till listan").await;
    heading(&app, "Partnerskap").await;
    find(&app, &format!("//main//li[contains(normalize-space(), {})]", quoted(name))).await;
    screenshot(&app, "list-after-create").await;
    app.quit().await.unwrap();

    let app = open_app(&driver, data.path()).await;
    heading(&app, "Partnerskap").await;
    let item =
        find(&app, &format!("//main//li[contains(normalize-space(), {})]", quoted(name))).await;
    assert!(item.text().await.unwrap().contains("2027-01-18"), "the period is shown");
    app.quit().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn an_empty_name_gets_the_swedish_message_next_to_the_field() {
    let (_guard, display, data) = session_setup().await;
    let driver = Driver::start(&display);
    let app = open_app(&driver, data.path()).await;

    press(&app, "Nytt partnerskap").await;
    field(&app, "Syfte").await.send_keys("Texten ska inte försvinna.").await.unwrap();
    field(&app, "Startdatum").await.send_keys("2027-05-01").await.unwrap();
    press(&app, "Spara").await;

    let message =
        find(&app, "//*[@role='alert'][normalize-space()='Ange ett namn på partnerskapet.']").await;
    let name = field(&app, "Namn").await;
    assert_eq!(name.attr("aria-invalid").await.unwrap().as_deref(), Some("true"));
    let described_by = name.attr("aria-describedby").await.unwrap().unwrap_or_default();
    let message_id = message.id().await.unwrap().expect("the message has an id");
    assert!(described_by.split_whitespace().any(|id| id == message_id), "{described_by}");
    assert_eq!(
        field(&app, "Syfte").await.prop("value").await.unwrap().as_deref(),
        Some("Texten ska inte försvinna."),
        "what was typed is kept"
    );
    screenshot(&app, "empty-name").await;

    // Correct it with the keyboard alone: focus is on the name field.
    let focused = app.active_element().await.unwrap();
    assert_eq!(focused.id().await.unwrap(), name.id().await.unwrap(), "focus moves to the field");
    focused.send_keys("Dropin").await.unwrap();
    focused.send_keys(Key::Enter).await.unwrap();
    heading(&app, "Dropin").await;
    app.quit().await.unwrap();
}
