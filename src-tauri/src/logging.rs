//! The app's log: a file a day in `logs/` in the data folder, kept 28 days,
//! that helps find out what went wrong without saying anything about anyone.
//!
//! What is written: the version and the start-up steps (with the data
//! folder, which the user chose or the system gave), and one line per IPC
//! command (`#[command]`, see `samlar-app-macros`): its name, how long it
//! took, `ok` or the error's stable code and field, and the input's
//! top-level numeric `id`. For storage errors the message too: it is what
//! SQLite or the file system said, never a value the user typed, and
//! anything quoted in it is cut out all the same (`scrubbed`). Never written:
//! names, e-mail addresses, free text, file contents, any other input value,
//! or paths outside the data folder (a saved file's path holds the user's
//! own folder names).
//!
//! The level is `info` unless `SAMLAR_LOG` says otherwise (`warn`, `debug`,
//! `off`, …): every command at `info` is what support needs to retrace a session, a
//! line a command is little (a busy day is a few hundred kilobytes), and
//! there is nothing more detailed to add below it. Only Samlär's own events
//! are written: other crates' (SQLite, the window) are left out, since what
//! they put in a message is not ours to check.
//!
//! Lines are handed to a writer thread (`tracing_appender::non_blocking`), so
//! neither start-up nor a command waits for the disk; the guard kept in
//! `Logging` writes what is left when the app ends. The files and the folder
//! are the user's only (`samlar::store::private`).

use samlar::store::private;
use samlar::{Error, ErrorCode};
use serde_json::Value;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;
use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::layer::SubscriberExt;

/// How many daily files are kept: four weeks.
pub const KEEP_FILES: usize = 28;

/// Log files are `samlar.YYYY-MM-DD.log` (the date in UTC).
const PREFIX: &str = "samlar";
const SUFFIX: &str = "log";

/// The target of the commands' lines.
const COMMAND: &str = "samlar_app::command";

/// The longest storage message written, in characters.
const MAX_MESSAGE_CHARS: usize = 300;

/// The log's folder in a data folder.
pub fn log_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(samlar::pages::about::LOG_DIR)
}

/// Keeps the log's writer thread; `stop` writes what is left.
pub struct Logging(Mutex<Option<WorkerGuard>>);

impl Logging {
    /// Writes the lines still queued and stops writing.
    pub fn stop(&self) {
        let guard = self.0.lock().map(|mut g| g.take()).unwrap_or_else(|p| p.into_inner().take());
        drop(guard);
    }
}

/// Starts the log in `data_dir/logs` as the process's subscriber. Once per
/// process: a second start (or a test that set its own) is refused, and
/// with `SAMLAR_LOG=off` there is no log at all, not even a folder.
pub fn start(data_dir: &Path) -> Result<Logging, String> {
    let level = level();
    if level == LevelFilter::OFF {
        return Err("SAMLAR_LOG=off".into());
    }
    let dir = log_dir(data_dir);
    private::create_dir(&dir).map_err(|e| format!("log folder: {e}"))?;
    let appender = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix(PREFIX)
        .filename_suffix(SUFFIX)
        .max_log_files(KEEP_FILES)
        .build(&dir)
        .map_err(|e| format!("log file: {e}"))?;
    restrict_all(&dir);
    let (writer, guard) = tracing_appender::non_blocking(PrivateFiles::new(appender, dir));
    let subscriber = tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_max_level(level)
        .finish()
        .with(Targets::new().with_target("samlar", level));
    tracing::subscriber::set_global_default(subscriber).map_err(|e| e.to_string())?;
    Ok(Logging(Mutex::new(Some(guard))))
}

/// `SAMLAR_LOG` (`error`, `warn`, `info`, `debug`, `trace`, `off`), else `info`.
fn level() -> LevelFilter {
    std::env::var("SAMLAR_LOG").ok().and_then(|l| l.parse().ok()).unwrap_or(LevelFilter::INFO)
}

/// The rolling appender, with each new day's file made the user's only as
/// soon as it exists (the appender makes it with the default mode).
struct PrivateFiles {
    inner: RollingFileAppender,
    dir: PathBuf,
    /// The UTC day (days since 1970) whose file was last made private.
    private_day: u64,
}

impl PrivateFiles {
    fn new(inner: RollingFileAppender, dir: PathBuf) -> Self {
        PrivateFiles { inner, dir, private_day: utc_day() }
    }
}

impl Write for PrivateFiles {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.inner.write(buf)?;
        let today = utc_day();
        if today != self.private_day {
            let name = format!("{PREFIX}.{}.{SUFFIX}", chrono::Utc::now().format("%Y-%m-%d"));
            // Until the appender has made today's file, try again next line.
            if private::restrict(&self.dir.join(name)).is_ok() {
                self.private_day = today;
            }
        }
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

fn utc_day() -> u64 {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    now.map(|d| d.as_secs() / 86_400).unwrap_or(0)
}

/// Makes every log file the user's only (files of days the app ran past
/// midnight in an earlier version, or copied in).
fn restrict_all(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        if entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = private::restrict(&entry.path());
        }
    }
}

/// One IPC command's line in the log, started when the command is called.
pub struct Call {
    name: &'static str,
    id: Option<i64>,
    started: Instant,
}

/// What a command returned: its failure, if it failed.
pub trait Outcome {
    fn failure(&self) -> Option<&Error>;
}

impl Outcome for () {
    fn failure(&self) -> Option<&Error> {
        None
    }
}

impl<T> Outcome for Result<T, Error> {
    fn failure(&self) -> Option<&Error> {
        self.as_ref().err()
    }
}

impl Call {
    pub fn start(name: &'static str, id: Option<i64>) -> Call {
        Call { name, id, started: Instant::now() }
    }

    /// Runs a blocking command's body and logs its outcome.
    pub fn run<T: Outcome>(self, body: impl FnOnce() -> T) -> T {
        let reply = body();
        self.finish(reply.failure());
        reply
    }

    /// Runs an async command's body and logs its outcome.
    pub async fn run_async<T: Outcome>(self, body: impl Future<Output = T>) -> T {
        let reply = body.await;
        self.finish(reply.failure());
        reply
    }

    fn finish(self, failure: Option<&Error>) {
        use tracing::field::display;
        let (command, id) = (display(self.name), self.id);
        let ms = display(format!("{:.1}", self.started.elapsed().as_secs_f64() * 1000.0));
        let Some(err) = failure else {
            tracing::info!(target: COMMAND, command, ms, id, "ok");
            return;
        };
        let name = ErrorCode::name(err.code);
        let system = is_system(&name);
        let field = err.field.as_deref().filter(|f| plain_field(f)).map(display);
        let code = display(name);
        if system {
            let message = scrubbed(&err.message);
            tracing::error!(target: COMMAND, command, ms, id, code, field, message, "failed");
        } else {
            tracing::info!(target: COMMAND, command, ms, id, code, field, "refused");
        }
    }
}

/// A field as the code names it (`email`, `participants[0].name`): the
/// path to a value in a map keyed by what someone typed is left out.
fn plain_field(field: &str) -> bool {
    field.len() <= 80 && field.chars().all(|c| c.is_ascii_alphanumeric() || "._[]".contains(c))
}

/// The input's top-level `id`, when it is a number.
pub fn input_id(input: &Option<Value>) -> Option<i64> {
    input.as_ref()?.get("id")?.as_i64()
}

/// Failures of the computer rather than of the input (`storage`,
/// `internal`, `backup_failed`): their message (what SQLite or the file
/// system said) helps, and holds no input.
fn is_system(code: &str) -> bool {
    matches!(code, "storage" | "internal" | "backup_failed")
}

/// A system message with whatever stands in quotes (`"…"`, `'…'`, `` `…` ``)
/// cut out, and no word with an `@`: SQLite and serde quote the values they
/// complain about, and a value could be someone's. Shortened to
/// `MAX_MESSAGE_CHARS`.
pub fn scrubbed(message: &str) -> String {
    let mut out = String::new();
    let mut closing: Option<char> = None;
    for c in message.chars() {
        match closing {
            Some(end) if c == end => {
                out.push('…');
                out.push(c);
                closing = None;
            }
            Some(_) => {}
            None if matches!(c, '"' | '\'' | '`') => {
                out.push(c);
                closing = Some(c);
            }
            None => out.push(c),
        }
    }
    if closing.is_some() {
        out.push('…');
    }
    let words: Vec<&str> = out.split(' ').map(|w| if w.contains('@') { "…" } else { w }).collect();
    words.join(" ").chars().take(MAX_MESSAGE_CHARS).collect()
}

/// A start-up step, with the time since the process started.
pub fn step(step: &str, since_start_ms: f64) {
    use tracing::field::display;
    let (step, ms) = (display(step), display(format!("{since_start_ms:.1}")));
    tracing::info!(target: "samlar_app::startup", step, ms, "start-up");
}

#[cfg(test)]
mod tests {
    use super::{input_id, scrubbed};
    use serde_json::json;

    #[test]
    fn quoted_values_and_addresses_are_cut_from_messages() {
        assert_eq!(
            scrubbed(r#"invalid type: string "Zebulonia", expected i64"#),
            r#"invalid type: string "…", expected i64"#
        );
        assert_eq!(
            scrubbed("unknown variant `x`, 'y' and z@example.se"),
            "unknown variant `…`, '…' and …"
        );
        assert_eq!(scrubbed("near \"unfinished"), "near \"…");
        assert_eq!(
            scrubbed("file system: No space left on device (os error 28)"),
            "file system: No space left on device (os error 28)"
        );
    }

    #[test]
    fn a_field_is_logged_only_when_it_is_a_plain_path() {
        assert!(super::plain_field("participants[0].email"));
        assert!(!super::plain_field("choices.Zebulonia Kvistgård"));
        assert!(!super::plain_field("choices.z@example.se"));
    }

    #[test]
    fn only_a_numeric_top_level_id_is_taken() {
        assert_eq!(input_id(&Some(json!({"id": 12, "name": "x"}))), Some(12));
        assert_eq!(input_id(&Some(json!({"id": "12"}))), None);
        assert_eq!(input_id(&Some(json!({"meeting": {"id": 3}}))), None);
        assert_eq!(input_id(&None), None);
    }
}
