//! The crash test of issue #14: does every write the core acknowledged
//! survive the process being killed at any moment, and is an import all or
//! nothing? A writer process does real core writes in a loop and prints one
//! line per write that returned `Ok`; a driver starts it hundreds of times,
//! kills it with SIGKILL after a random delay and then checks the file:
//! `PRAGMA integrity_check`, every acknowledged record by id and name, and
//! every import whole or absent. Run with `samlar-crash` (see its usage) or as
//! a step of `scripts/bench`; not part of the test command.
//!
//! A SIGKILL ends the process, not the machine: what the process had handed
//! to the kernel is kept. It tests SQLite's transactions and the core's use
//! of them (a write acknowledged before its commit, an import committed in
//! parts), not `synchronous = FULL` against a power cut.

use crate::generate::BoxError;
use crate::rng::Rng;
use base64::Engine;
use samlar::Workspace;
use samlar::documents::import::{ImportKind, ImportRequest};
use samlar::kernel::values::{MeetingKind, OrganisationKind, PartnershipId};
use samlar::meetings::draft::MeetingDraft;
use samlar::meetings::meeting::CreateMeeting;
use samlar::registry::organisation::OrganisationDraft;
use samlar::registry::partnership::{PartnershipDraft, PartnershipKind};
use samlar::registry::person::PersonDraft;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode};
use sqlx::{AssertSqlSafe, ConnectOptions, Connection, SqliteConnection};
use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Rows in each imported CSV file.
pub const IMPORT_ROWS: usize = 200;

/// The names of an import's organisations all start with this and its tag.
const IMPORT_PREFIX: &str = "Kraschimport";

// ------------------------------------------------------------ the writer

fn import_csv(tag: &str) -> String {
    let mut csv = String::from("Namn;Typ;Län;Antal anställda\n");
    for i in 0..IMPORT_ROWS {
        csv.push_str(&format!("{IMPORT_PREFIX} {tag} nr {i};Förening;Län {};{}\n", i % 21, i));
    }
    csv
}

/// One line on stdout, flushed before the next write starts: the driver
/// only counts what it has read.
fn say(line: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(line.as_bytes())?;
    out.write_all(b"\n")?;
    out.flush()
}

/// Writes until it is killed: organisations, people, partnerships, meetings
/// and now and then an import of [`IMPORT_ROWS`] organisations, each
/// acknowledged on stdout after the core returned `Ok`. `limit` stops it
/// after that many writes (for a run without a driver).
pub async fn writer(db: &Path, run: u64, seed: u64, limit: Option<u64>) -> Result<(), BoxError> {
    let ws = Workspace::open(db, Arc::new(samlar::SystemClock)).await?;
    say("open")?;
    let mut rng = Rng::new(seed).fork(run);
    let mut organisation = None;
    let mut partnership: Option<PartnershipId> = None;
    for i in 0..limit.unwrap_or(u64::MAX) {
        let step = rng.below(20);
        if step < 7 {
            let name = format!("Krasch {run}-{i} organisation");
            let o = ws
                .create_organisation(OrganisationDraft::new(&name, OrganisationKind::Association))
                .await?;
            organisation = Some(o.id);
            say(&format!("ack org {} {}", o.id, o.name))?;
        } else if step < 11 {
            let name = format!("Krasch {run}-{i} person");
            let p = ws.create_person(PersonDraft::new(&name, organisation)).await?;
            say(&format!("ack person {} {}", p.summary.id, p.summary.name))?;
        } else if step < 13 || (step < 18 && partnership.is_none()) {
            let name = format!("Krasch {run}-{i} partnerskap");
            let p = ws
                .create_partnership(PartnershipDraft::new(
                    &name,
                    PartnershipKind::DevelopmentPartnership,
                ))
                .await?;
            partnership = Some(p.id);
            say(&format!("ack partnership {} {}", p.id, p.name))?;
        } else if step < 18 {
            let partnership_id = partnership.expect("a partnership");
            let day = 1 + i % 28;
            let mut draft = MeetingDraft::new(MeetingKind::Workshop, &format!("2027-03-{day:02}"));
            draft.title = format!("Krasch {run}-{i} möte");
            draft.notes = format!("Anteckningar {run}-{i}: uppföljning av jämställdhetsarbetet");
            let m = ws.create_meeting(CreateMeeting { partnership_id, draft }).await?;
            say(&format!("ack meeting {} {} {}", m.id, m.partnership_id, m.title))?;
        } else {
            let tag = format!("k{run}x{i}");
            let content_base64 = base64::engine::general_purpose::STANDARD.encode(import_csv(&tag));
            let req = ImportRequest {
                kind: ImportKind::Organisations,
                partnership_id: None,
                content_base64,
            };
            let preview = ws.preview_import(req.clone()).await?;
            if preview.counts.create != IMPORT_ROWS as u64 || preview.problem_count != 0 {
                return Err(format!("preview of {tag}: {:?}", preview.counts).into());
            }
            say(&format!("begin import {tag}"))?;
            let result = ws.apply_import(req).await?;
            say(&format!("ack import {tag} {}", result.counts.create))?;
        }
    }
    ws.close().await;
    Ok(())
}

// ------------------------------------------------------------ the driver

#[derive(Debug, Clone)]
pub struct DriverOptions {
    pub runs: usize,
    pub seed: u64,
    /// The kill comes after a delay uniform in `[min_ms, max_ms]`.
    pub min_ms: u64,
    pub max_ms: u64,
    /// Keep the data file here instead of a temporary directory.
    pub dir: Option<PathBuf>,
    pub progress: bool,
}

/// What one acknowledged line promises is in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Ack {
    Row { table: &'static str, id: i64, name: String },
    Meeting { id: i64, partnership_id: i64, title: String },
    Import { tag: String, rows: u64 },
}

fn parse_ack(line: &str) -> Option<Ack> {
    let mut parts = line.splitn(4, ' ');
    if parts.next()? != "ack" {
        return None;
    }
    let kind = parts.next()?;
    let first = parts.next()?;
    let rest = parts.next().unwrap_or("");
    let table = match kind {
        "org" => "organisations",
        "person" => "people",
        "partnership" => "partnerships",
        "meeting" => {
            let (partnership_id, title) = rest.split_once(' ')?;
            return Some(Ack::Meeting {
                id: first.parse().ok()?,
                partnership_id: partnership_id.parse().ok()?,
                title: title.to_owned(),
            });
        }
        "import" => return Some(Ack::Import { tag: first.to_owned(), rows: rest.parse().ok()? }),
        _ => return None,
    };
    Some(Ack::Row { table, id: first.parse().ok()?, name: rest.to_owned() })
}

/// Figures of a whole crash test.
#[derive(Debug, Default)]
pub struct Summary {
    pub runs: usize,
    /// Runs that ended by our SIGKILL (the others ended on their own: an error).
    pub kills: usize,
    /// Kills before the workspace was open (during start-up or migrations).
    pub kills_before_open: usize,
    /// Kills while an import was being applied (begun, not acknowledged).
    pub kills_in_import: usize,
    /// In-flight imports found whole after the kill (committed, ack not printed).
    pub in_flight_imports_whole: usize,
    pub acks: usize,
    pub acked_imports: usize,
    /// Acknowledged writes checked after their own run, and again at the end.
    pub checks: usize,
    pub failures: Vec<String>,
    pub run_times: Vec<Duration>,
    pub integrity_times: Vec<Duration>,
    pub total: Duration,
    pub file_kb: f64,
    pub rows: Vec<(String, i64)>,
}

async fn connect(path: &Path) -> Result<SqliteConnection, BoxError> {
    // The journal mode as the app has it, nothing else: recovery of the WAL is
    // what the next start of the app would do too.
    Ok(SqliteConnectOptions::new()
        .filename(path)
        .journal_mode(SqliteJournalMode::Wal)
        .connect()
        .await?)
}

/// Checks that one acknowledged write is in the file; a description of what
/// is wrong otherwise.
async fn check_ack(conn: &mut SqliteConnection, ack: &Ack) -> Result<Option<String>, BoxError> {
    Ok(match ack {
        Ack::Row { table, id, name } => {
            // The table is one of four names written in this file.
            let sql = AssertSqlSafe(format!("SELECT name FROM {table} WHERE id = ?"));
            let found: Option<String> =
                sqlx::query_scalar(sql).bind(id).fetch_optional(&mut *conn).await?;
            (found.as_deref() != Some(name.as_str()))
                .then(|| format!("{table} {id} {name:?}: found {found:?}"))
        }
        Ack::Meeting { id, partnership_id, title } => {
            let found: Option<(i64, String)> =
                sqlx::query_as("SELECT partnership_id, title FROM meetings WHERE id = ?")
                    .bind(id)
                    .fetch_optional(&mut *conn)
                    .await?;
            (found.as_ref() != Some(&(*partnership_id, title.clone())))
                .then(|| format!("meeting {id}: found {found:?}"))
        }
        Ack::Import { tag, rows } => {
            let n = import_rows(conn, tag).await?;
            (n != *rows as i64 || n != IMPORT_ROWS as i64)
                .then(|| format!("import {tag}: acknowledged {rows} rows, found {n}"))
        }
    })
}

async fn import_rows(conn: &mut SqliteConnection, tag: &str) -> Result<i64, BoxError> {
    Ok(sqlx::query_scalar("SELECT count(*) FROM organisations WHERE name LIKE ?")
        .bind(format!("{IMPORT_PREFIX} {tag} nr %"))
        .fetch_one(&mut *conn)
        .await?)
}

/// Reads a child's pipe to the end on a thread of its own.
fn drain<R: Read + Send + 'static>(pipe: R) -> std::thread::JoinHandle<Vec<String>> {
    std::thread::spawn(move || BufReader::new(pipe).lines().map_while(Result::ok).collect())
}

/// Starts the writer (this same binary with `writer`) `runs` times on one
/// file, kills it after a random delay and checks the file after each kill.
pub fn drive(opts: &DriverOptions) -> Result<Summary, BoxError> {
    let exe = std::env::current_exe()?;
    let tmp = tempfile::tempdir()?;
    let dir = opts.dir.clone().unwrap_or_else(|| tmp.path().to_owned());
    std::fs::create_dir_all(&dir)?;
    let db = dir.join("crash.sqlite3");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let runtime = tokio::runtime::Runtime::new()?;
    let mut rng = Rng::new(opts.seed);
    let mut s = Summary::default();
    let mut all_acks = Vec::new();
    let started = Instant::now();
    for run in 0..opts.runs {
        let run_started = Instant::now();
        let mut child = Command::new(&exe)
            .arg("writer")
            .arg("--db")
            .arg(&db)
            .args(["--run", &run.to_string(), "--seed", &opts.seed.to_string()])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let out = drain(child.stdout.take().expect("stdout"));
        let err = drain(child.stderr.take().expect("stderr"));
        let delay = rng.range(opts.min_ms as i64, opts.max_ms as i64) as u64;
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let status = child.wait()?;
        let lines = out.join().expect("stdout reader");
        let errors = err.join().expect("stderr reader");
        s.runs += 1;
        if status.signal() == Some(9) {
            s.kills += 1;
        } else {
            s.failures.push(format!(
                "run {run}: the writer ended before the kill ({status}): {}",
                errors.join(" / ")
            ));
        }
        if !lines.iter().any(|l| l == "open") {
            s.kills_before_open += 1;
        }
        let acks: Vec<Ack> = lines.iter().filter_map(|l| parse_ack(l)).collect();
        let begun: Vec<&str> =
            lines.iter().filter_map(|l| l.strip_prefix("begin import ")).collect();
        let in_flight = begun
            .iter()
            .filter(|t| !acks.iter().any(|a| matches!(a, Ack::Import { tag, .. } if tag == *t)))
            .copied()
            .collect::<Vec<_>>();
        s.kills_in_import += in_flight.len();
        s.acks += acks.len();
        s.acked_imports += acks.iter().filter(|a| matches!(a, Ack::Import { .. })).count();

        let (integrity, problems, whole) = runtime.block_on(async {
            let mut conn = connect(&db).await?;
            let t = Instant::now();
            let rows: Vec<String> =
                sqlx::query_scalar("PRAGMA integrity_check").fetch_all(&mut conn).await?;
            let integrity = t.elapsed();
            let mut problems = Vec::new();
            if rows != ["ok"] {
                problems.push(format!("integrity_check: {}", rows.join("; ")));
            }
            let fk: Vec<(String,)> =
                sqlx::query_as("SELECT \"table\" FROM pragma_foreign_key_check")
                    .fetch_all(&mut conn)
                    .await?;
            if !fk.is_empty() {
                problems.push(format!("foreign_key_check: {} rows", fk.len()));
            }
            for ack in &acks {
                if let Some(p) = check_ack(&mut conn, ack).await? {
                    problems.push(p);
                }
            }
            let mut whole = 0;
            for tag in &in_flight {
                match import_rows(&mut conn, tag).await? {
                    0 => {}
                    n if n == IMPORT_ROWS as i64 => whole += 1,
                    n => problems.push(format!("import {tag} (killed): {n} of {IMPORT_ROWS} rows")),
                }
            }
            conn.close().await?;
            Ok::<_, BoxError>((integrity, problems, whole))
        })?;
        s.checks += acks.len() + in_flight.len();
        s.in_flight_imports_whole += whole;
        s.integrity_times.push(integrity);
        s.failures.extend(problems.into_iter().map(|p| format!("run {run}: {p}")));
        all_acks.extend(acks);
        s.run_times.push(run_started.elapsed());
        if opts.progress && (run + 1) % 50 == 0 {
            eprintln!(
                "  {} runs, {} acknowledged writes, {} failures ({:.0} s)",
                run + 1,
                s.acks,
                s.failures.len(),
                started.elapsed().as_secs_f64()
            );
        }
    }
    // Once more at the end, all of them: no later run may have lost an earlier write.
    runtime.block_on(async {
        let mut conn = connect(&db).await?;
        for ack in &all_acks {
            if let Some(p) = check_ack(&mut conn, ack).await? {
                s.failures.push(format!("at the end: {p}"));
            }
        }
        s.checks += all_acks.len();
        for table in ["organisations", "people", "partnerships", "meetings"] {
            let n: i64 = sqlx::query_scalar(AssertSqlSafe(format!("SELECT count(*) FROM {table}")))
                .fetch_one(&mut conn)
                .await?;
            s.rows.push((table.to_owned(), n));
        }
        conn.close().await?;
        Ok::<_, BoxError>(())
    })?;
    s.total = started.elapsed();
    s.file_kb = ["", "-wal"]
        .iter()
        .filter_map(|x| std::fs::metadata(format!("{}{x}", db.display())).ok())
        .map(|m| m.len() as f64 / 1024.0)
        .sum();
    Ok(s)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Median, 95th percentile (nearest rank) and maximum, in ms.
fn spread(times: &[Duration]) -> (f64, f64, f64) {
    if times.is_empty() {
        return (0.0, 0.0, 0.0);
    }
    let mut t = times.to_vec();
    t.sort();
    let rank = |p: f64| t[((p * t.len() as f64).ceil() as usize).clamp(1, t.len()) - 1];
    (ms(rank(0.5)), ms(rank(0.95)), ms(t[t.len() - 1]))
}

impl Summary {
    pub fn markdown(&self, opts: &DriverOptions) -> String {
        let (run50, run95, run_max) = spread(&self.run_times);
        let (ic50, ic95, ic_max) = spread(&self.integrity_times);
        let rows: Vec<String> = self.rows.iter().map(|(t, n)| format!("{n} {t}")).collect();
        let mut out = String::new();
        let mut line = |k: &str, v: String| out.push_str(&format!("| {k} | {v} |\n"));
        line("runs (writer started, killed, file checked)", self.runs.to_string());
        line("killed by SIGKILL", self.kills.to_string());
        line(
            "kill delay",
            format!("uniform {}–{} ms, seed {}", opts.min_ms, opts.max_ms, opts.seed),
        );
        line("kills before the workspace was open", self.kills_before_open.to_string());
        line(
            "kills while an import was being applied",
            format!(
                "{} ({} of them committed before the kill, the rest absent)",
                self.kills_in_import, self.in_flight_imports_whole
            ),
        );
        line(
            "acknowledged writes",
            format!("{} (of them {} imports of {IMPORT_ROWS} rows)", self.acks, self.acked_imports),
        );
        line("checks (after each run, and all again at the end)", self.checks.to_string());
        line("**failures**", format!("**{}**", self.failures.len()));
        line(
            "time per run, median / p95 / max",
            format!("{run50:.0} / {run95:.0} / {run_max:.0} ms"),
        );
        line(
            "PRAGMA integrity_check after each kill, median / p95 / max",
            format!("{ic50:.1} / {ic95:.1} / {ic_max:.1} ms"),
        );
        line("total", format!("{:.1} s", self.total.as_secs_f64()));
        line("file at the end", format!("{:.0} KB: {}", self.file_kb, rows.join(", ")));
        out.insert_str(0, "| figure | value |\n| --- | --- |\n");
        for f in self.failures.iter().take(20) {
            out.push_str(&format!("\nFAILURE {f}"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::{Ack, parse_ack};

    #[test]
    fn acknowledgements_parse() {
        assert_eq!(
            parse_ack("ack org 12 Krasch 3-4 organisation"),
            Some(Ack::Row {
                table: "organisations",
                id: 12,
                name: "Krasch 3-4 organisation".into()
            })
        );
        assert_eq!(
            parse_ack("ack meeting 7 2 Krasch 1-1 möte"),
            Some(Ack::Meeting { id: 7, partnership_id: 2, title: "Krasch 1-1 möte".into() })
        );
        assert_eq!(
            parse_ack("ack import k1x9 200"),
            Some(Ack::Import { tag: "k1x9".into(), rows: 200 })
        );
        assert_eq!(parse_ack("begin import k1x9"), None);
        assert_eq!(parse_ack("open"), None);
    }
}
