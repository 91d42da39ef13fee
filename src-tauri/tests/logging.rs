//! The log, through Tauri's mock runtime: commands that succeed and fail
//! write lines that name the command, its outcome and its id, and nothing of
//! the person they were about. A test binary of its own, with one test:
//! the log is the process's global subscriber, which can be set only once
//! (the other test here only reads the source).

mod mock;

use mock::invoke;
use samlar::registry::person::PersonDraft;
use samlar_app::logging;
use serde_json::{Value, json};

const NAME: &str = "Zebulonia Kvistgård";
const EMAIL: &str = "zebulonia.kvistgard@example.se";
const FREE_TEXT: &str = "Hemlig anteckning om skolskjutsen";

fn person(email: &str) -> Value {
    let mut draft = serde_json::to_value(PersonDraft::new(NAME, None)).unwrap();
    draft["email"] = json!(email);
    draft["title"] = json!(FREE_TEXT);
    draft["accessibilityNeeds"] = json!(FREE_TEXT);
    draft
}

fn log_text(dir: &std::path::Path) -> String {
    let mut text = String::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        text.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    text
}

#[test]
fn the_log_names_commands_codes_and_ids_but_never_the_person() {
    let dir = tempfile::tempdir().unwrap();
    let log = logging::start(dir.path()).unwrap();
    let t = mock::app_in(dir);
    let main = &t.main;
    let dir = &t.dir;

    let created = invoke(main, "create_person", json!({"input": person(EMAIL)})).unwrap();
    let id = created["id"].as_i64().unwrap();
    invoke(main, "get_person", json!({"input": {"id": id}})).unwrap();
    // Refused: the same e-mail address again, and one that is not one.
    let taken = invoke(main, "create_person", json!({"input": person(EMAIL)})).unwrap_err();
    assert_eq!(taken["code"], "email_taken");
    let bad = invoke(main, "create_person", json!({"input": person("Zebulonia@@")})).unwrap_err();
    assert_eq!(bad["code"], "invalid_email");
    // A value of the wrong type: serde quotes it in the message.
    let wrong = invoke(main, "get_person", json!({"input": {"id": NAME}})).unwrap_err();
    assert_eq!(wrong["code"], "invalid_input");
    invoke(main, "export_person", json!({"input": {"id": id}})).unwrap();
    let missing = invoke(main, "get_person", json!({"input": {"id": id + 1000}})).unwrap_err();
    assert_eq!(missing["code"], "not_found");
    log.stop();

    let log_dir = logging::log_dir(dir.path());
    let text = log_text(&log_dir);
    let lines: Vec<&str> = text.lines().collect();
    let line_of = |needles: &[&str]| {
        lines
            .iter()
            .find(|l| needles.iter().all(|n| l.contains(n)))
            .unwrap_or_else(|| panic!("no line with {needles:?} in:\n{text}"))
    };
    line_of(&["command=create_person", "ok"]);
    line_of(&["command=get_person", &format!("id={id}"), "ok"]);
    line_of(&["command=create_person", "code=email_taken", "field=email"]);
    line_of(&["command=create_person", "code=invalid_email"]);
    line_of(&["command=get_person", "code=invalid_input"]);
    line_of(&["command=export_person", &format!("id={id}"), "ok"]);
    line_of(&["command=get_person", &format!("id={}", id + 1000), "code=not_found"]);
    assert!(line_of(&["command=get_person"]).contains(" ms="), "the duration is there");
    for secret in [NAME, "Zebulonia", "Kvistg", EMAIL, "example.se", "@", FREE_TEXT, "skolskjuts"] {
        assert!(!text.contains(secret), "the log holds {secret:?}:\n{text}");
    }

    // The log's folder and files are the user's only.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&log_dir), 0o700);
        for entry in std::fs::read_dir(&log_dir).unwrap() {
            assert_eq!(mode(&entry.unwrap().path()), 0o600);
        }
    }
}

/// A command marked `#[tauri::command]` instead of `#[command]` would leave
/// no line in the log.
#[test]
fn every_command_goes_through_the_logging_attribute() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut marked = 0;
    for entry in std::fs::read_dir(src).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!text.contains("#[tauri::command"), "{} bypasses #[command]", path.display());
        marked += text.matches("#[command]").count();
    }
    assert!(marked >= samlar_app::COMMANDS.len(), "{marked} marked commands");
}
