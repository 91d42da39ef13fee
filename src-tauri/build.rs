//! Builds the Tauri context from the root `tauri.conf.json` and declares the
//! app's own commands, so that each must be granted by a capability.

include!("src/command_names.rs");

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    let attributes =
        tauri_build::Attributes::new().config_path("../tauri.conf.json").app_manifest(manifest);
    tauri_build::try_build(attributes).expect("tauri build script failed");
}
