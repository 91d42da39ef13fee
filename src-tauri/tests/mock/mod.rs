//! The app through Tauri's mock runtime, shared by the test binaries that
//! call commands as a window would (`commands`, `hostile`, `logging`): the
//! real context and capabilities, a real database file in a temporary
//! folder, exports saved into its `exports/`.

#![allow(dead_code)]

use samlar::store::session::Session;
use samlar::{SystemClock, Workspace};
use samlar_app::{DATABASE_FILE, FileSaver, context, with_commands};
use serde_json::Value;
use std::sync::Arc;
use tauri::Manager;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, mock_builder};
use tauri::webview::{InvokeRequest, WebviewWindow, WebviewWindowBuilder};

pub struct TestApp {
    pub app: tauri::App<MockRuntime>,
    pub main: WebviewWindow<MockRuntime>,
    pub dir: tempfile::TempDir,
}

/// The app over a new database in `dir` (a temporary folder unless given).
pub fn app_in(dir: tempfile::TempDir) -> TestApp {
    let path = dir.path().join(DATABASE_FILE);
    let ws = tauri::async_runtime::block_on(Workspace::open(&path, Arc::new(SystemClock))).unwrap();
    let app = with_commands(mock_builder()).build(context()).unwrap();
    let exports = dir.path().join("exports");
    std::fs::create_dir_all(&exports).unwrap();
    samlar_app::manage(app.handle(), Session::over(ws), FileSaver::into_folder(exports));
    let main = app.get_webview_window("main").unwrap_or_else(|| {
        WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap()
    });
    TestApp { app, main, dir }
}

pub fn app() -> TestApp {
    app_in(tempfile::tempdir().unwrap())
}

/// The request a window sends for `cmd` with `args` (`{"input": …}`).
pub fn request(cmd: &str, args: Value) -> InvokeRequest {
    InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    }
}

/// The command's answer: its result, or the error it crossed IPC as.
pub fn invoke(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    tauri::test::get_ipc_response(window, request(cmd, args))
        .map(|body| body.deserialize::<Value>().unwrap())
}
