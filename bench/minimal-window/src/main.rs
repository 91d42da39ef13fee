//! The smallest Tauri window that paints a list and says when it has, as
//! Samlär does: the yardstick its start-up time and memory are measured
//! against, built with the same Tauri and profile in the same run.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

/// Same signal as Samlär's `ui_ready`.
#[tauri::command]
fn ui_ready() {
    if std::env::var_os("SAMLAR_REPORT_READY").is_some() {
        eprintln!("samlar: ui ready");
    }
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![ui_ready])
        .run(tauri::generate_context!())
        .expect("the reference window could not start");
}
