//! Builds the reference window's Tauri context and declares its one command.

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(&["ui_ready"]);
    let attributes = tauri_build::Attributes::new().app_manifest(manifest);
    tauri_build::try_build(attributes).expect("tauri build script failed");
}
