//! The shared workspace's commands through Tauri's mock runtime, against a
//! throw-away PostgreSQL server: joining as the window sends it, the
//! password the shell holds (in memory here: the tests never touch a real
//! credential store, `remember` is off and there is no Secret Service),
//! syncing on demand, the administrator's members, a password the server
//! refuses, and leaving.

mod mock;
#[path = "../../tests/support/postgres.rs"]
mod postgres;

use mock::{TestApp, app, invoke};
use postgres::{ADMIN, ADMIN_PASSWORD, TestServer};
use serde_json::{Value, json};
use std::sync::{Arc, Mutex};
use tauri::Listener;

fn join_input(server: &TestServer, password: &str) -> Value {
    json!({"input": {
        "join": {
            "server": server.settings(ADMIN),
            "password": password,
            "start": "push_this_database",
            "name": "Nätverket Väst",
        },
        "remember": false,
    }})
}

fn status(t: &TestApp) -> Value {
    invoke(&t.main, "sync_status", json!({})).unwrap()
}

#[test]
fn join_sync_administer_and_leave() {
    let server = TestServer::start();
    let t = app();
    assert_eq!(status(&t)["server"], Value::Null);

    invoke(&t.main, "join_shared_workspace", join_input(&server, ADMIN_PASSWORD)).unwrap();
    let joined = status(&t);
    assert_eq!(joined["server"]["host"], "127.0.0.1");
    assert_eq!(joined["workspaceName"], "Nätverket Väst");
    assert_eq!(joined["lastError"], Value::Null, "the password is held for the session");

    let told = Arc::new(Mutex::new(Vec::<Value>::new()));
    let heard = Arc::clone(&told);
    t.app.listen_any("sync-status", move |event| {
        heard.lock().unwrap().push(serde_json::from_str(event.payload()).unwrap());
    });
    let report = invoke(&t.main, "sync_now", json!({})).unwrap();
    assert_eq!(report["newConflicts"], 0);
    let told = told.lock().unwrap().clone();
    let last = told.last().expect("the window is told the status after a sync");
    assert_eq!(last["workspaceName"], "Nätverket Väst");
    assert_eq!(last["lastError"], Value::Null);
    assert_ne!(last["lastSyncedAt"], Value::Null);
    server.create_member("bo", "bo-pw");
    let members = invoke(&t.main, "shared_members", json!({})).unwrap();
    let bo = members["members"].as_array().unwrap().iter().find(|m| m["role"] == "bo");
    assert_eq!(bo.unwrap()["administrator"], false);
    let grant = json!({"input": {"role": "bo", "scope": "not-a-scope"}});
    let err = invoke(&t.main, "grant_scope", grant).unwrap_err();
    assert_eq!(err["field"], "scope");

    invoke(&t.main, "leave_shared_workspace", json!({})).unwrap();
    assert_eq!(status(&t)["server"], Value::Null);
    let err = invoke(&t.main, "sync_now", json!({})).unwrap_err();
    assert_eq!(err["code"], "not_joined");
}

#[test]
fn a_password_the_server_refuses_is_said_at_its_field_and_asked_for_again() {
    let server = TestServer::start();
    let t = app();
    let wrong = invoke(&t.main, "join_shared_workspace", join_input(&server, "fel")).unwrap_err();
    assert_eq!(wrong["code"], "server_login_refused");
    assert_eq!(wrong["field"], "password");
    assert_eq!(status(&t)["server"], Value::Null);

    invoke(&t.main, "join_shared_workspace", join_input(&server, ADMIN_PASSWORD)).unwrap();
    let input = json!({"input": {"password": "fel", "remember": false}});
    let refused = invoke(&t.main, "set_shared_password", input).unwrap_err();
    assert_eq!(refused["code"], "server_login_refused");
    assert_eq!(status(&t)["lastError"], "password_needed");
    let err = invoke(&t.main, "shared_members", json!({})).unwrap_err();
    assert_eq!(err["code"], "password_needed");

    let input = json!({"input": {"password": ADMIN_PASSWORD, "remember": false}});
    let again = invoke(&t.main, "set_shared_password", input).unwrap();
    assert_eq!(again["lastError"], Value::Null);
}

#[test]
fn without_a_joined_workspace_the_commands_say_so() {
    let t = app();
    for cmd in ["sync_now", "shared_members", "leave_shared_workspace"] {
        let err = invoke(&t.main, cmd, json!({})).unwrap_err();
        assert_eq!(err["code"], "not_joined", "{cmd}");
    }
    let input = json!({"input": {"password": "hemligt", "remember": true}});
    let err = invoke(&t.main, "set_shared_password", input).unwrap_err();
    assert_eq!(err["code"], "not_joined");
    let input = json!({"input": {"password": "", "remember": false}});
    let err = invoke(&t.main, "set_shared_password", input).unwrap_err();
    assert_eq!(
        (err["code"].as_str(), err["field"].as_str()),
        (Some("password_needed"), Some("password"))
    );
}

#[test]
fn the_window_may_listen_to_the_sync_status() {
    let t = app();
    let args = json!({"event": "sync-status", "target": {"kind": "Any"}, "handler": 7});
    let id = invoke(&t.main, "plugin:event|listen", args).expect("listening is granted");
    let args = json!({"event": "sync-status", "eventId": id});
    invoke(&t.main, "plugin:event|unlisten", args).expect("unlistening is granted");
    let args = json!({"event": "sync-status", "payload": null});
    assert!(invoke(&t.main, "plugin:event|emit", args).is_err(), "the window may not emit");
}
