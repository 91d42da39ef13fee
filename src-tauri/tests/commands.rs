//! The IPC commands through Tauri's mock runtime, without a window: the real
//! app context and capabilities, a real database file, and the JSON a window
//! would send.

mod mock;

use mock::{app, invoke};
use samlar::registry::partnership::{PartnershipDraft, PartnershipKind};
use samlar_app::COMMANDS;
use serde_json::{Value, json};
use tauri::Manager;
use tauri::webview::WebviewWindowBuilder;

fn draft(name: &str) -> Value {
    let mut draft =
        serde_json::to_value(PartnershipDraft::new(name, PartnershipKind::Benchlearning)).unwrap();
    draft["purpose"] = json!("Goda exempel");
    draft["startDate"] = json!("2027-01-10");
    draft
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
        json!({"input": {"search": "equ", "status": "active", "kind": null, "sort": "newest"}}),
    )
    .unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    let opened =
        invoke(&t.main, "get_partnership", json!({"input": {"id": created["id"]}})).unwrap();
    assert_eq!(opened["partnership"], created);
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
    let list = invoke(
        &t.main,
        "list_partnerships",
        json!({"input": {"search": "", "status": "all", "kind": null, "sort": "name"}}),
    )
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
    // These act outside the app (a dialog, the file manager, quitting): they
    // are checked by the capability test below and end to end.
    let outside = ["choose_backup_file", "open_data_folder", "open_log_folder", "quit_app"];
    for cmd in COMMANDS.iter().filter(|c| !outside.contains(c)) {
        // A bad input reaches the command and comes back as the core's error;
        // an unregistered or ungranted command would fail before that.
        match invoke(&t.main, cmd, json!({"input": {"unexpected": true}})) {
            Ok(_) => {
                assert!(
                    [
                        "get_settings",
                        "person_names",
                        "get_installation",
                        "load_demo_data",
                        "ui_ready",
                        "about",
                        "list_backups",
                        "back_up_now",
                        "daily_backup_outcome",
                        "ready_to_close",
                        "sync_status",
                        "sync_conflicts"
                    ]
                    .contains(cmd),
                    "{cmd} took a bad input"
                )
            }
            // Opening read-only is for the error page, when nothing is open.
            Err(err) if *cmd == "open_read_only" => assert_eq!(err["code"], "conflict"),
            // The shared workspace's commands without an input, in a database not joined.
            Err(err) if ["leave_shared_workspace", "sync_now", "shared_members"].contains(cmd) => {
                assert_eq!(err["code"], "not_joined", "{cmd}")
            }
            Err(err) => assert_eq!(err["code"], "invalid_input", "{cmd}: {err}"),
        }
    }
}

#[test]
fn another_window_is_not_granted_the_commands() {
    let t = app();
    let app_handle = t.main.app_handle();
    let other = WebviewWindowBuilder::new(app_handle, "other", Default::default()).build().unwrap();
    let err = invoke(
        &other,
        "list_partnerships",
        json!({"input": {"search": "", "status": "all", "kind": null, "sort": "name"}}),
    )
    .unwrap_err();
    let refusal = err.as_str().unwrap_or_default();
    assert!(refusal.contains("not allowed"), "refused by the capabilities: {err}");
}

#[test]
fn the_registry_commands_work_end_to_end_over_ipc() {
    let t = app();
    let demo = invoke(&t.main, "load_demo_data", json!({})).unwrap();
    assert_eq!(demo["partnerships"], 5);
    let query = json!({"search": "2482", "kind": null, "includeArchived": false, "sort": "name"});
    let page = json!({"query": query, "after": null, "limit": 10});
    let found = invoke(&t.main, "list_organisations", json!({"input": page})).unwrap();
    assert_eq!(
        (&found["rows"][0]["name"], &found["total"]),
        (&json!("Skellefteå kommun"), &json!(1))
    );
    let id = found["rows"][0]["id"].clone();
    let deps = invoke(&t.main, "organisation_dependents", json!({"input": {"id": id}})).unwrap();
    assert!(deps["memberships"].as_i64().unwrap() >= 1);
    let err = invoke(&t.main, "delete_organisation", json!({"input": {"id": id}})).unwrap_err();
    assert_eq!(err["code"], "in_use");
    let bad =
        json!({"name": "X", "kind": "municipality", "code": "12", "county": "", "employees": ""});
    let err = invoke(&t.main, "create_organisation", json!({"input": bad})).unwrap_err();
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("invalid_code"), Some("code")));
}

#[test]
fn import_preview_and_apply_over_ipc() {
    use base64::Engine;
    let t = app();
    let csv = "Namn;Typ;Kommunkod\nSkellefteå kommun;Kommun;2482\n";
    let content = base64::engine::general_purpose::STANDARD.encode(csv);
    let request = json!({"kind": "organisations", "partnershipId": null, "contentBase64": content});
    let preview = invoke(&t.main, "preview_import", json!({"input": request})).unwrap();
    assert_eq!(preview["counts"]["create"], 1);
    assert_eq!(preview["encoding"], "utf8");
    let result = invoke(&t.main, "apply_import", json!({"input": request})).unwrap();
    assert_eq!(result["counts"]["create"], 1);
}

#[test]
fn exports_are_saved_as_files() {
    let t = app();
    invoke(&t.main, "load_demo_data", json!({})).unwrap();
    let query = json!({"search": "", "kind": null, "includeArchived": true, "sort": "name"});
    let saved =
        invoke(&t.main, "export_csv", json!({"input": {"list": "organisations", "query": query}}))
            .unwrap();
    let path = saved["path"].as_str().unwrap();
    assert!(path.ends_with(".csv"), "{path}");
    let bytes = std::fs::read(path).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFNamn;Typ;Kommunkod"));
    // The same export again is saved beside the first, never over it.
    let again =
        invoke(&t.main, "export_csv", json!({"input": {"list": "organisations", "query": query}}))
            .unwrap();
    let second = again["path"].as_str().unwrap();
    assert_eq!(second, format!("{} (2).csv", path.trim_end_matches(".csv")));
    assert_eq!(std::fs::read(second).unwrap(), bytes);
    assert_eq!(std::fs::read(path).unwrap(), bytes);
}

#[test]
fn a_calendar_file_is_saved_beside_the_last_and_a_partnership_without_coming_meetings_says_so() {
    let t = app();
    let p = invoke(&t.main, "create_partnership", json!({"input": draft("Kalendern")})).unwrap();
    let mut meeting = serde_json::to_value(samlar::meetings::draft::MeetingDraft::new(
        samlar::kernel::values::MeetingKind::Learning,
        "2099-05-11",
    ))
    .unwrap();
    meeting["startTime"] = json!("13:00");
    let m = invoke(
        &t.main,
        "create_meeting",
        json!({"input": {"partnershipId": p["id"], "draft": meeting}}),
    )
    .unwrap();
    let request = json!({"input": {"calendar": {"calendar": "meeting", "meetingId": m["id"]}, "open": false}});
    let saved = invoke(&t.main, "export_calendar", request.clone()).unwrap();
    let path = saved["path"].as_str().unwrap();
    assert!(path.ends_with("Lärandeträff 1 2099-05-11.ics"), "{path}");
    assert_eq!(saved["events"], 1);
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.contains("METHOD:PUBLISH\r\n"));
    let again = invoke(&t.main, "export_calendar", request).unwrap();
    assert!(again["path"].as_str().unwrap().ends_with("2099-05-11 (2).ics"), "{again}");

    let other = invoke(&t.main, "create_partnership", json!({"input": draft("Tom")})).unwrap();
    let coming = json!({"calendar": "coming_meetings", "partnershipId": other["id"]});
    let err =
        invoke(&t.main, "export_calendar", json!({"input": {"calendar": coming, "open": false}}))
            .unwrap_err();
    assert_eq!(err["code"], "no_coming_meetings", "{err}");
}

#[test]
fn the_binary_prints_its_version_without_opening_a_window() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_samlar-app"))
        .arg("--version")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let printed = String::from_utf8(out.stdout).unwrap();
    assert_eq!(printed.trim(), format!("Samlär {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn a_command_called_without_its_input_gets_the_cores_typed_error() {
    let t = app();
    for cmd in ["list_partnerships", "create_person", "restore_backup", "minutes_email"] {
        let err = invoke(&t.main, cmd, json!({})).unwrap_err();
        assert_eq!(err["code"], "invalid_input", "{cmd}: {err}");
        assert!(err["field"].is_null(), "{cmd}: {err}");
    }
}
