//! The IPC commands through Tauri's mock runtime, without a window: the real
//! app context and capabilities, a real database file, and the JSON a window
//! would send.

use samlar::{SystemClock, Workspace};
use samlar_app::{COMMANDS, context, with_commands};
use serde_json::{Value, json};
use std::sync::Arc;
use tauri::Manager;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, mock_builder};
use tauri::webview::{InvokeRequest, WebviewWindow, WebviewWindowBuilder};

struct TestApp {
    _app: tauri::App<MockRuntime>,
    main: WebviewWindow<MockRuntime>,
    _dir: tempfile::TempDir,
}

fn app() -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("samlar.sqlite3");
    let ws = tauri::async_runtime::block_on(Workspace::open(&path, Arc::new(SystemClock))).unwrap();
    let app = with_commands(mock_builder()).build(context()).unwrap();
    app.manage(ws);
    let main = app.get_webview_window("main").unwrap_or_else(|| {
        WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap()
    });
    TestApp { _app: app, main, _dir: dir }
}

fn invoke(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    tauri::test::get_ipc_response(window, request).map(|body| body.deserialize::<Value>().unwrap())
}

fn draft(name: &str) -> Value {
    json!({"name": name, "kind": "benchlearning", "purpose": "Goda exempel",
           "startDate": "2027-01-10", "endDate": null})
}

#[test]
fn create_then_list_and_open() {
    let t = app();
    let created = invoke(&t.main, "create_partnership", json!({"input": draft("Equal")})).unwrap();
    assert_eq!(created["name"], "Equal");
    assert_eq!(created["startDate"], "2027-01-10");
    let list = invoke(
        &t.main,
        "list_partnerships",
        json!({"input": {"search": "equ", "status": "active"}}),
    )
    .unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    let opened =
        invoke(&t.main, "get_partnership", json!({"input": {"id": created["id"]}})).unwrap();
    assert_eq!(opened, created);
}

#[test]
fn edit_and_archive() {
    let t = app();
    let created = invoke(&t.main, "create_partnership", json!({"input": draft("Dropin")})).unwrap();
    let id = created["id"].clone();
    let edited = invoke(
        &t.main,
        "update_partnership",
        json!({"input": {"id": id, "draft": draft("Dropin 2")}}),
    )
    .unwrap();
    assert_eq!(edited["name"], "Dropin 2");
    let archived =
        invoke(&t.main, "set_partnership_archived", json!({"input": {"id": id, "archived": true}}))
            .unwrap();
    assert_eq!(archived["archived"], true);
}

#[test]
fn validation_errors_cross_ipc_as_code_field_and_message() {
    let t = app();
    let err = invoke(&t.main, "create_partnership", json!({"input": draft("  ")})).unwrap_err();
    assert_eq!(err["code"], "name_required");
    assert_eq!(err["field"], "name");
    assert!(err["message"].is_string());
    let mut bad = draft("X");
    bad["endDate"] = json!("2027-01-09");
    let err = invoke(&t.main, "create_partnership", json!({"input": bad})).unwrap_err();
    assert_eq!(
        (err["code"].as_str(), err["field"].as_str()),
        (Some("end_before_start"), Some("endDate"))
    );
    let list =
        invoke(&t.main, "list_partnerships", json!({"input": {"search": "", "status": "all"}}))
            .unwrap();
    assert_eq!(list, json!([]), "nothing was written");
}

#[test]
fn a_wrong_type_or_an_unknown_field_is_invalid_input() {
    let t = app();
    let mut wrong = draft("X");
    wrong["name"] = json!(["not", "text"]);
    let err = invoke(&t.main, "create_partnership", json!({"input": wrong})).unwrap_err();
    assert_eq!(
        (err["code"].as_str(), err["field"].as_str()),
        (Some("invalid_input"), Some("name"))
    );
    let mut extra = draft("X");
    extra["owner"] = json!("someone");
    let err = invoke(&t.main, "create_partnership", json!({"input": extra})).unwrap_err();
    assert_eq!(err["code"], "invalid_input");
    let err = invoke(&t.main, "get_partnership", json!({"input": {"id": "7"}})).unwrap_err();
    assert_eq!(err["code"], "invalid_input");
}

#[test]
fn settings_remember_the_language() {
    let t = app();
    assert_eq!(invoke(&t.main, "get_settings", json!({})).unwrap(), json!({"language": "sv"}));
    invoke(&t.main, "set_language", json!({"input": {"language": "en"}})).unwrap();
    assert_eq!(invoke(&t.main, "get_settings", json!({})).unwrap(), json!({"language": "en"}));
    let err = invoke(&t.main, "set_language", json!({"input": {"language": "de"}})).unwrap_err();
    assert_eq!(err["code"], "invalid_input");
}

#[test]
fn every_declared_command_is_registered_and_granted_to_the_main_window() {
    let t = app();
    for cmd in COMMANDS {
        // A bad input reaches the command and comes back as the core's error;
        // an unregistered or ungranted command would fail before that.
        match invoke(&t.main, cmd, json!({"input": {"unexpected": true}})) {
            Ok(_) => assert_eq!(*cmd, "get_settings", "{cmd} accepted a bad input"),
            Err(err) => assert_eq!(err["code"], "invalid_input", "{cmd}: {err}"),
        }
    }
}

#[test]
fn another_window_is_not_granted_the_commands() {
    let t = app();
    let app_handle = t.main.app_handle();
    let other = WebviewWindowBuilder::new(app_handle, "other", Default::default()).build().unwrap();
    let err =
        invoke(&other, "list_partnerships", json!({"input": {"search": "", "status": "all"}}))
            .unwrap_err();
    let refusal = err.as_str().unwrap_or_default();
    assert!(refusal.contains("not allowed"), "refused by the capabilities: {err}");
}
