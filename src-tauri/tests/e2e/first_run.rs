//! A new user's first start: an empty data folder opens on a page that says
//! what Samlär is for and offers three ways to begin; the example data is one.

use crate::harness::{
    Driver, assert_accessible, find, heading, open_app, press, quoted, screenshot, session_setup,
};
use thirtyfour::prelude::*;

/// The first-run section, named by its heading.
const FIRST_RUN: &str =
    "//section[@aria-labelledby=//h2[normalize-space()='Kom igång med Samlär']/@id]";

#[tokio::test(flavor = "multi_thread")]
async fn an_empty_start_offers_three_ways_and_the_example_data_fills_the_list() {
    let (_guard, display, data) = session_setup().await;
    let driver = Driver::start(&display);
    let app = open_app(&driver, data.path()).await;

    heading(&app, "Partnerskap").await;
    find(&app, FIRST_RUN).await;
    find(&app, &format!("{FIRST_RUN}//p[contains(., 'lärande partnerskap')]")).await;
    find(&app, &format!("{FIRST_RUN}//h3[normalize-space()='Tre sätt att börja']")).await;
    for (way, button) in [
        ("Ett nytt partnerskap", "Skapa ett partnerskap"),
        ("Organisationer från Excel", "Importera från en CSV-fil"),
        ("Exempeldata", "Ladda exempeldata"),
    ] {
        // Each way: a heading, and a button under it that a keyboard reaches.
        let item = format!("{FIRST_RUN}//li[h4[normalize-space()={}]]", quoted(way));
        let found =
            find(&app, &format!("{item}//button[normalize-space()={}]", quoted(button))).await;
        assert_ne!(found.attr("tabindex").await.unwrap().as_deref(), Some("-1"), "{button}");
    }
    screenshot(&app, "first-run").await;
    assert_accessible(&app, "first run").await;

    press(&app, "Ladda exempeldata").await;
    find(
        &app,
        "//*[@role='status'][starts-with(normalize-space(), 'Exempeldata har lagts till: ')]",
    )
    .await;
    let cln = "CLN – Collaborative Learning Networks";
    find(&app, &format!("//ul//button[normalize-space()={}]", quoted(cln))).await;
    assert!(
        app.find(By::XPath(FIRST_RUN)).await.is_err(),
        "the filled list no longer shows the first-run page"
    );
    screenshot(&app, "first-run-example-data").await;
    app.quit().await.unwrap();
}
