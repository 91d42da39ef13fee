//! Data coming in: a CSV file previewed and imported, and the demo data.

use crate::harness::{
    Driver, field, find, heading, load_demo_data, menu, open_app, press, quoted, screenshot,
    session_setup,
};
use std::path::Path;
use thirtyfour::prelude::*;

#[tokio::test(flavor = "multi_thread")]
async fn a_csv_file_is_previewed_then_imported_and_its_rows_found() {
    let (_guard, display, data) = session_setup().await;
    let driver = Driver::start(&display);
    let app = open_app(&driver, data.path()).await;

    menu(&app, "Importera från CSV").await;
    heading(&app, "Importera från CSV").await;
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/organisationer-windows1252-semikolon.csv")
        .canonicalize()
        .unwrap();
    field(&app, "CSV-fil").await.send_keys(file.to_str().unwrap()).await.unwrap();
    find(&app, "//h2[normalize-space()='Förhandsgranskning']").await;
    find(&app, "//*[contains(normalize-space(), 'Importen ger 5 nya')]").await;
    find(&app, "//td[normalize-space()='Region Norrbotten']").await;
    screenshot(&app, "import-preview").await;
    assert!(
        app.find(By::XPath("//*[contains(normalize-space(), 'Skellefteå kommun')]")).await.is_ok(),
        "the preview names the rows it will create"
    );
    press(&app, "Importera").await;
    find(&app, "//*[starts-with(normalize-space(), 'Importen är klar')]").await;

    press(&app, "Organisationer").await;
    heading(&app, "Organisationer").await;
    for name in ["Skellefteå kommun", "Luleå tekniska universitet", "Region Norrbotten"] {
        find(
            &app,
            &format!(
                "//table//td[normalize-space()={0}] | //table//td//*[normalize-space()={0}]",
                quoted(name)
            ),
        )
        .await;
    }
    screenshot(&app, "organisations-after-import").await;
    app.quit().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn demo_data_shows_skelleftea_among_clns_participants() {
    let (_guard, display, data) = session_setup().await;
    let driver = Driver::start(&display);
    let app = open_app(&driver, data.path()).await;

    load_demo_data(&app).await;
    let cln = "CLN – Collaborative Learning Networks";
    press(&app, cln).await;
    heading(&app, cln).await;
    let participants = "//section[.//h3[starts-with(normalize-space(), 'Deltagare (')]]";
    find(&app, &format!("{participants}//button[normalize-space()='Skellefteå kommun']")).await;
    screenshot(&app, "cln-participants").await;
    app.quit().await.unwrap();
}
