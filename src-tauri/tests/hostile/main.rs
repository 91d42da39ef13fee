//! Every command against hostile input, through Tauri's mock runtime: a
//! valid sample input per command (with ids from the demo data), mutated by
//! a seeded generator of our own into thousands of malformed ones (keys
//! dropped and added at every level, types swapped, huge strings and lists,
//! control characters, numbers at the edges, ids that do not exist, the
//! whole input replaced). Each answer must be a valid result or the core's
//! typed `{code, field, message}`; nothing may panic or hang; and a command
//! that fails must change nothing (the database's contents, every table in
//! order, hash the same before and after, and no other connection committed).
//!
//! `SAMLAR_HOSTILE_CASES` sets the mutated cases per command (default 10;
//! with eight fixed ones each, about 1,300 calls in all, some 25 s on two
//! cores in a debug build); `SAMLAR_HOSTILE_SEED`
//! the seed (default 2026; the failing case's seed and input are printed).
//! A longer run: `SAMLAR_HOSTILE_CASES=500 cargo test -p samlar-app --test
//! hostile -- --nocapture`.
//!
//! Lone surrogates: a `serde_json::Value` cannot hold one, and neither can
//! a command's input. The window sends JSON text, which Tauri's IPC protocol
//! parses with `serde_json::from_slice` before any command runs; that parse
//! refuses `"\ud800"` (checked below), so no command ever sees one. Every
//! other code point is sent: NUL, C0 and C1 controls, bidi overrides,
//! U+FFFD, U+FFFF, U+10FFFF.

use samlar_app::COMMANDS;
use serde_json::{Value, json};
use sqlx::{Connection, SqliteConnection};
use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use tauri::test::MockRuntime;
use tauri::webview::WebviewWindow;

/// Commands that act outside the app (a dialog, the file manager, quitting
/// the process): checked by `commands.rs` and end to end, never here.
const OUTSIDE: [&str; 4] =
    ["choose_backup_file", "open_data_folder", "open_log_folder", "quit_app"];

#[path = "../mock/mod.rs"]
mod mock;
mod mutate;
mod samples;

use mock::app;
use mutate::{CONTROLS, Rng, mutate, short};
use samples::{args, ids, more_samples, sample};

static PANICKED: AtomicBool = AtomicBool::new(false);

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Invokes on another thread, so that a command that hangs fails the test
/// instead of stopping it.
fn invoke(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    let request = mock::request(cmd, args);
    let (tx, rx) = std::sync::mpsc::channel();
    let window = window.clone();
    std::thread::spawn(move || {
        let answer = tauri::test::get_ipc_response(&window, request)
            .map(|body| body.deserialize::<Value>().unwrap());
        let _ = tx.send(answer);
    });
    rx.recv_timeout(Duration::from_secs(60)).unwrap_or_else(|_| panic!("{cmd} hung (or panicked)"))
}

/// Every table's rows (with their rowids where they have them) in order,
/// hashed; and SQLite's count of commits by other connections (`PRAGMA
/// data_version`), which moves with any commit, even one that changed nothing.
async fn checksum(conn: &mut SqliteConnection) -> (u64, i64) {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         ORDER BY name",
    )
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    let mut hash = DefaultHasher::new();
    for table in tables {
        let columns: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT name FROM pragma_table_info('{table}')"
        )))
        .fetch_all(&mut *conn)
        .await
        .unwrap();
        let row = columns.iter().map(|c| format!("quote(\"{c}\")")).collect::<Vec<_>>();
        let row = row.join("||','||");
        let mut rows: Vec<Option<String>> = Vec::new();
        for with in ["quote(rowid)||','||", ""] {
            let sql = format!("SELECT {with}{row} FROM \"{table}\" ORDER BY 1");
            if let Ok(found) =
                sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_all(&mut *conn).await
            {
                rows = found;
                break;
            }
        }
        (table, rows).hash(&mut hash);
    }
    let version: i64 =
        sqlx::query_scalar("PRAGMA data_version").fetch_one(&mut *conn).await.unwrap();
    (hash.finish(), version)
}

/// The error codes the core has, from the generated TypeScript type.
fn error_codes() -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/src/lib/bindings/ErrorCode.ts");
    let text = std::fs::read_to_string(path).unwrap();
    let union = text.split_once("export type ErrorCode =").unwrap().1;
    union.split('"').skip(1).step_by(2).map(str::to_owned).collect()
}

fn check_typed(err: &Value, codes: &[String]) -> Result<(), String> {
    let object = err.as_object().ok_or("not an object (an untyped error)")?;
    let code = object.get("code").and_then(Value::as_str).ok_or("no code")?;
    if !codes.iter().any(|c| c == code) {
        return Err(format!("unknown code {code}"));
    }
    match object.get("field") {
        Some(Value::Null) => {}
        Some(Value::String(f)) if f.len() <= 200 => {}
        _ => return Err("field is not null or a short string".into()),
    }
    match object.get("message") {
        Some(Value::String(m)) if m.chars().count() <= 1000 => {}
        _ => return Err("message is not a short string".into()),
    }
    let keys: Vec<&String> = object.keys().collect();
    if keys != ["code", "field", "message"] {
        return Err(format!("keys {keys:?}"));
    }
    Ok(())
}

#[test]
fn lone_surrogates_are_refused_where_tauri_parses_the_window_s_json() {
    // The same parse as tauri's ipc::protocol (serde_json::from_slice of
    // the request body), before any command.
    for body in [r#"{"input":{"search":"\ud800"}}"#, r#"{"input":"\udfff x"}"#] {
        assert!(serde_json::from_slice::<Value>(body.as_bytes()).is_err(), "{body}");
    }
    assert!(serde_json::from_slice::<Value>(b"{\"input\":\"\xed\xa0\x80\"}").is_err());
}

#[test]
fn every_command_answers_hostile_input_with_a_result_or_a_typed_error_and_a_failure_changes_nothing()
 {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        PANICKED.store(true, Ordering::SeqCst);
        default_hook(info);
    }));
    let cases = env_number("SAMLAR_HOSTILE_CASES", 10);
    let seed = env_number("SAMLAR_HOSTILE_SEED", 2026);
    let codes = error_codes();
    let t = app();
    invoke(&t.main, "ui_ready", json!({})).unwrap();
    invoke(&t.main, "load_demo_data", json!({})).unwrap();
    // The day's checks and backup start in the background once the page is
    // painted, and write: wait for them, so that their writes (slower with
    // the demo's recorded cycles) are not taken for a failed command's.
    invoke(&t.main, "daily_backup_outcome", json!({})).unwrap();
    let db = t.dir.path().join("samlar.sqlite3");
    let mut conn = tauri::async_runtime::block_on(SqliteConnection::connect(&format!(
        "sqlite://{}?mode=ro",
        db.display()
    )))
    .unwrap();
    let round: i64 = tauri::async_runtime::block_on(
        sqlx::query_scalar("SELECT id FROM partnerships WHERE kind = 'model_municipality_round'")
            .fetch_one(&mut conn),
    )
    .unwrap();
    let made = invoke(
        &t.main,
        "make_package",
        json!({"input": {"scope": {"kind": "partnership", "id": round}, "includeSensitive": false}}),
    )
    .unwrap();
    let package = std::fs::read(made["path"].as_str().unwrap()).unwrap();
    let package = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, package);
    let first = tauri::async_runtime::block_on(ids(&mut conn, package.clone()));
    // Two meetings and an action are also made through the commands, beside
    // the demo's recorded ones; the samples of the commands that take a
    // meeting, an action or a follow-up use the demo's (see `ids`).
    for date in ["2026-10-01", "2026-11-02"] {
        let mut input = sample("create_meeting", &first).expect("a sample");
        input["draft"]["date"] = json!(date);
        invoke(&t.main, "create_meeting", args("create_meeting", input)).unwrap();
    }
    let with_meetings = tauri::async_runtime::block_on(ids(&mut conn, package.clone()));
    let action = sample("create_action", &with_meetings).expect("a sample");
    invoke(&t.main, "create_action", args("create_action", action)).unwrap();
    let ids = tauri::async_runtime::block_on(ids(&mut conn, package));
    assert!(ids.meeting > 0 && ids.later_meeting > 0 && ids.action > 0, "{ids:?}");

    // Commands that delete go last, so that the others keep finding their
    // records: parts of a meeting before the meeting, a restore at the end.
    let mut commands: Vec<&str> =
        COMMANDS.iter().copied().filter(|c| !OUTSIDE.contains(c)).collect();
    commands.sort_by_key(|c| match *c {
        "restore_backup" => 3,
        "delete_meeting" | "delete_partnership" => 2,
        c if c.starts_with("delete_") || c.starts_with("remove_") => 1,
        _ => 0,
    });

    let started = Instant::now();
    let mut rng = Rng(seed.max(1));
    let mut answers: BTreeMap<String, u32> = BTreeMap::new();
    let mut total = 0;
    let mut before = tauri::async_runtime::block_on(checksum(&mut conn));
    for cmd in commands {
        eprintln!("{:>6.1} s {cmd}", started.elapsed().as_secs_f64());
        let Some(valid) = sample(cmd, &ids) else {
            // No input: once with junk beside it, which it ignores.
            let answer = invoke(&t.main, cmd, json!({"input": CONTROLS, "unexpected": [1, 2]}));
            if let Err(err) = &answer {
                check_typed(err, &codes).unwrap_or_else(|why| panic!("{cmd}: {why}: {err}"));
            }
            before = tauri::async_runtime::block_on(checksum(&mut conn));
            total += 1;
            continue;
        };
        let mut inputs: Vec<(Value, String)> = vec![
            (args(cmd, valid.clone()), "the valid sample".into()),
            (json!({}), "no input".into()),
            (json!([1, 2]), "arguments that are a list".into()),
        ];
        for (n, other) in more_samples(cmd, &ids).into_iter().enumerate() {
            inputs.push((args(cmd, other), format!("valid sample {}", n + 2)));
        }
        for root in [json!(null), json!("x"), json!(7), json!([]), json!({})] {
            inputs.push((args(cmd, root.clone()), format!("input = {root}")));
        }
        for _ in 0..cases {
            let (input, what) = mutate(&mut rng, &valid);
            inputs.push((args(cmd, input), what));
        }
        for (input, what) in inputs {
            total += 1;
            let shown = short(&input);
            let answer = invoke(&t.main, cmd, input);
            assert!(!PANICKED.load(Ordering::SeqCst), "{cmd} panicked on {what}: {shown}");
            let after = tauri::async_runtime::block_on(checksum(&mut conn));
            match answer {
                Ok(_) => {
                    *answers.entry(format!("{cmd}: ok")).or_default() += 1;
                    before = after;
                }
                Err(err) => {
                    check_typed(&err, &codes).unwrap_or_else(|why| {
                        panic!(
                            "{cmd} (seed {seed}) answered {what} with {why}: {err}\ninput: {shown}"
                        )
                    });
                    assert!(
                        after == before,
                        "{cmd} (seed {seed}) failed on {what} but changed the database: {err}\ninput: {shown}"
                    );
                    *answers
                        .entry(format!("{cmd}: {}", err["code"].as_str().unwrap()))
                        .or_default() += 1;
                }
            }
        }
    }
    let summary: Vec<String> = answers.iter().map(|(k, n)| format!("{k} ×{n}")).collect();
    println!(
        "{total} hostile calls in {:.1} s (seed {seed}, {cases} per command):\n{}",
        started.elapsed().as_secs_f64(),
        summary.join("\n")
    );
}
