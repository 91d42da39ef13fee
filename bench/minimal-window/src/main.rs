//! The smallest Tauri window that paints a list and says when it has, as
//! Samlär does: the yardstick its start-up time and memory are measured
//! against, built with the same Tauri and profile in the same run. It reports
//! the same start-up steps as Samlär (`src-tauri/src/startup.rs`) that it has:
//! `main`, `page-started`, `page-finished`, `ui:navigation`, `ui:html`,
//! `ui:script`, `ui_ready` and "ui ready".

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::time::{SystemTime, UNIX_EPOCH};

fn reached(step: &str) {
    if std::env::var_os("SAMLAR_REPORT_READY").is_some() {
        let ms =
            SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_secs_f64() * 1000.0;
        eprintln!("samlar: at {ms:.1} {step}");
    }
}

/// Same signal as Samlär's `ui_ready`.
#[tauri::command]
fn ui_ready(marks: std::collections::BTreeMap<String, f64>) {
    reached("ui_ready");
    if std::env::var_os("SAMLAR_REPORT_READY").is_some() {
        for (step, at) in marks {
            eprintln!("samlar: at {at:.1} ui:{step}");
        }
        eprintln!("samlar: ui ready");
    }
}

fn main() {
    reached("main");
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![ui_ready])
        .on_page_load(|_, load| {
            reached(match load.event() {
                tauri::webview::PageLoadEvent::Started => "page-started",
                tauri::webview::PageLoadEvent::Finished => "page-finished",
            })
        })
        .run(tauri::generate_context!())
        .expect("the reference window could not start");
}
