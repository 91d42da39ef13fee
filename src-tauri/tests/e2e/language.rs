//! The interface language: English can be chosen and is remembered.

use crate::harness::{Driver, click, field, heading, open_app, session_setup};
use thirtyfour::prelude::*;

#[tokio::test(flavor = "multi_thread")]
async fn english_is_selectable_and_remembered() {
    let (_guard, display, data) = session_setup().await;
    let driver = Driver::start(&display);
    let app = open_app(&driver, data.path()).await;
    let language = field(&app, "Språk").await;
    language.click().await.unwrap();
    click(&app, "//option[normalize-space()='English']").await;
    heading(&app, "Partnerships").await;
    app.quit().await.unwrap();

    let app = open_app(&driver, data.path()).await;
    heading(&app, "Partnerships").await;
    assert_eq!(
        app.find(By::Tag("html")).await.unwrap().attr("lang").await.unwrap().as_deref(),
        Some("en")
    );
    app.quit().await.unwrap();
}
