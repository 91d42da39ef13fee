//! A measurable goal through to the funder's report: on a partnership's page
//! an indicator is added with a baseline, a value is recorded inside the
//! reporting period and one before it, and the report for the period is
//! saved as a PDF. The saved file names the period on its pages and holds
//! the indicator with the value of the period, not the one before it.

use crate::harness::{
    Driver, click, find, load_demo_data, open_app_with, press, quoted, screenshot, session_setup,
};
use std::path::PathBuf;
use std::process::Command;
use thirtyfour::WebDriver;
use thirtyfour::WebElement;

/// The control labelled `label` inside the fieldset whose legend is `legend`.
async fn field_in(app: &WebDriver, legend: &str, label: &str) -> WebElement {
    let set = format!("//fieldset[legend[normalize-space()={}]]", quoted(legend));
    let label = find(app, &format!("{set}//label[normalize-space()={}]", quoted(label))).await;
    let id = label.attr("for").await.unwrap().expect("the label names its control");
    find(app, &format!("//*[@id={}]", quoted(&id))).await
}

async fn type_in(app: &WebDriver, legend: &str, label: &str, text: &str) {
    field_in(app, legend, label).await.send_keys(text).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn an_indicator_s_value_reaches_the_report_for_its_period() {
    let (_guard, display, data) = session_setup().await;
    let exports = tempfile::tempdir().unwrap();
    let driver = Driver::start(&display);
    let export_dir = exports.path().to_str().unwrap();
    let app = open_app_with(&driver, data.path(), &["--export-dir", export_dir]).await;
    load_demo_data(&app).await;
    press(&app, "Dropin").await;

    let new = "Ny indikator";
    type_in(&app, new, "Namn", "Andel nöjda deltagare").await;
    type_in(&app, new, "Enhet", "procent").await;
    type_in(&app, new, "Utgångsvärde", "40").await;
    type_in(&app, new, "Utgångsvärdets datum", "2025-01-15").await;
    press(&app, "Lägg till indikator").await;

    let values = "Nytt värde för Andel nöjda deltagare";
    for (date, value) in [("2025-03-01", "51,5"), ("2026-10-15", "62,5")] {
        type_in(&app, values, "Datum", date).await;
        type_in(&app, values, "Värde", value).await;
        press(&app, "Spara värdet").await;
        find(&app, &format!("//td[normalize-space()={}]", quoted(value))).await;
    }

    let period = "Rapportens period";
    click(
        &app,
        &format!(
            "//fieldset[legend[normalize-space()={}]]//label[normalize-space()='En period']",
            quoted(period)
        ),
    )
    .await;
    type_in(&app, period, "Från och med", "2026-07-01").await;
    type_in(&app, period, "Till och med", "2026-12-31").await;
    press(&app, "Spara rapport som PDF").await;
    find(&app, "//*[@role='status'][starts-with(normalize-space(), 'Sparad:')]").await;
    screenshot(&app, "period-report-saved").await;
    app.quit().await.unwrap();

    let saved: Vec<PathBuf> = std::fs::read_dir(exports.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    assert_eq!(saved.len(), 1, "{saved:?}");
    let text = Command::new("pdftotext").arg(&saved[0]).arg("-").output().unwrap();
    let text =
        String::from_utf8(text.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in ["Rapportperiod 2026-07-01 – 2026-12-31", "Andel nöjda deltagare", "62,5"] {
        assert!(text.contains(expected), "{expected:?} in the report: {text}");
    }
    assert!(!text.contains("51,5"), "a value before the period is not in its report: {text}");
}
