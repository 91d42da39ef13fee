//! What a check of the database file at start would cost, and what it would
//! catch (issue #14): `PRAGMA quick_check`, `PRAGMA integrity_check` and
//! cheaper alternatives (the header and `PRAGMA page_count`,
//! `quick_check(1)`, `count(*)` of every table), timed on a copy of the
//! national dataset with a cold and a warm page cache, and each tried on
//! copies with one page overwritten with zeros. Run with `samlar-startcheck`.

use crate::generate::BoxError;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sqlx::{AssertSqlSafe, ConnectOptions, Connection, SqliteConnection};
use std::collections::HashMap;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// Connecting as the app does (the pragmas of `db::open`), nothing more.
    Open,
    /// The first 100 bytes (magic, page size, size in pages against the
    /// file's length) and `PRAGMA page_count`.
    Header,
    /// `PRAGMA quick_check(1)`: stops at the first error, not earlier.
    QuickCheck1,
    QuickCheck,
    /// `PRAGMA quick_check(t)` of every ordinary table, the full-text index's
    /// shadow tables included: their b-trees, without the FTS5 module's own
    /// check of the virtual table `search_index` (most of `quick_check`'s time;
    /// the index can be rebuilt from the meetings by `search::reindex`).
    QuickCheckWithoutFts,
    IntegrityCheck,
    /// `SELECT count(*)` of every table, as SQLite plans it (it may count a
    /// smaller index instead of the table).
    CountTables,
    /// The same with `NOT INDEXED`: the table's own b-tree.
    CountTablesNotIndexed,
}

pub const CHECKS: &[Check] = &[
    Check::Open,
    Check::Header,
    Check::QuickCheck1,
    Check::QuickCheck,
    Check::QuickCheckWithoutFts,
    Check::IntegrityCheck,
    Check::CountTables,
    Check::CountTablesNotIndexed,
];

impl Check {
    pub fn name(self) -> &'static str {
        match self {
            Check::Open => "open a connection (no check)",
            Check::Header => "header + PRAGMA page_count",
            Check::QuickCheck1 => "PRAGMA quick_check(1)",
            Check::QuickCheck => "PRAGMA quick_check",
            Check::QuickCheckWithoutFts => {
                "PRAGMA quick_check(t) of every table, not the FTS5 module check"
            }
            Check::IntegrityCheck => "PRAGMA integrity_check",
            Check::CountTables => "SELECT count(*) of every table",
            Check::CountTablesNotIndexed => "SELECT count(*) of every table NOT INDEXED",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Options {
    pub warm_runs: usize,
    /// Runs with the kernel's page cache dropped first (needs root).
    pub cold_runs: usize,
    /// Pages zeroed one at a time, spread evenly over the file (plus one of
    /// each kind the spread may miss: an index leaf, an overflow page, a
    /// full-text index page).
    pub damaged_pages: usize,
    /// `mmap_size` of the connection (`samlar-startcheck` defaults to 0, as
    /// `db::open` has it since issue #14; `--mmap 268435456` for the old setting).
    pub mmap_size: u64,
}

/// The options of `db::open`, without migrations.
fn options(path: &Path, mmap_size: u64) -> SqliteConnectOptions {
    SqliteConnectOptions::new()
        .filename(path)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5))
        .pragma("mmap_size", mmap_size.to_string())
}

/// Drops the kernel's page cache; false when not permitted.
pub fn drop_caches() -> bool {
    let _ = std::process::Command::new("sync").status();
    std::fs::write("/proc/sys/vm/drop_caches", "3").is_ok()
}

/// Whether the file's header is consistent; a description otherwise.
fn header_problem(path: &Path, page_count: i64) -> std::io::Result<Option<String>> {
    let mut file = std::fs::File::open(path)?;
    let len = file.metadata()?.len();
    let mut h = [0u8; 100];
    file.read_exact(&mut h)?;
    if &h[..16] != b"SQLite format 3\0" {
        return Ok(Some("not an SQLite file".into()));
    }
    let page_size = match u16::from_be_bytes([h[16], h[17]]) {
        1 => 65536,
        n => u64::from(n),
    };
    if !page_size.is_power_of_two() || !(512..=65536).contains(&page_size) {
        return Ok(Some(format!("page size {page_size}")));
    }
    let be = |at: usize| u32::from_be_bytes([h[at], h[at + 1], h[at + 2], h[at + 3]]);
    // The size in the header is valid when "version-valid-for" equals the
    // change counter; with WAL the file may be shorter than the database.
    if be(92) == be(24) && u64::from(be(28)) * page_size > len {
        return Ok(Some(format!("header says {} pages, the file has {len} bytes", be(28))));
    }
    if len % page_size != 0 {
        return Ok(Some(format!("file length {len} is not a multiple of {page_size}")));
    }
    if page_count < i64::from(be(28)) && be(92) == be(24) {
        return Ok(Some(format!("page_count {page_count} < header {}", be(28))));
    }
    Ok(None)
}

async fn tables(conn: &mut SqliteConnection) -> Result<Vec<String>, BoxError> {
    Ok(sqlx::query_scalar(
        "SELECT name FROM sqlite_schema WHERE type = 'table' \
         AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
    )
    .fetch_all(&mut *conn)
    .await?)
}

/// Runs one check on an open connection: `Ok(None)` when it found nothing,
/// `Ok(Some(what))` when it reported a problem, `Err` when SQLite failed
/// (which a start-up check would treat as a problem too).
async fn run_check(
    check: Check,
    conn: &mut SqliteConnection,
    path: &Path,
) -> Result<Option<String>, BoxError> {
    let pragma = |rows: Vec<String>| (rows != ["ok"]).then(|| rows.join("; "));
    Ok(match check {
        Check::Open => None,
        Check::Header => {
            let n: i64 = sqlx::query_scalar("PRAGMA page_count").fetch_one(&mut *conn).await?;
            header_problem(path, n)?
        }
        Check::QuickCheck1 => {
            pragma(sqlx::query_scalar("PRAGMA quick_check(1)").fetch_all(&mut *conn).await?)
        }
        Check::QuickCheck => {
            pragma(sqlx::query_scalar("PRAGMA quick_check").fetch_all(&mut *conn).await?)
        }
        Check::QuickCheckWithoutFts => {
            let mut problems = Vec::new();
            for t in tables(conn).await? {
                let sql = format!("PRAGMA quick_check(\"{}\")", t.replace('"', "\"\""));
                let rows: Vec<String> =
                    sqlx::query_scalar(AssertSqlSafe(sql)).fetch_all(&mut *conn).await?;
                problems.extend(pragma(rows));
            }
            (!problems.is_empty()).then(|| problems.join("; "))
        }
        Check::IntegrityCheck => {
            pragma(sqlx::query_scalar("PRAGMA integrity_check").fetch_all(&mut *conn).await?)
        }
        Check::CountTables | Check::CountTablesNotIndexed => {
            let hint = if check == Check::CountTables { "" } else { " NOT INDEXED" };
            for t in tables(conn).await? {
                // A table name from sqlite_schema, quoted.
                let sql = format!("SELECT count(*) FROM \"{}\"{hint}", t.replace('"', "\"\""));
                let _: i64 = sqlx::query_scalar(AssertSqlSafe(sql)).fetch_one(&mut *conn).await?;
            }
            None
        }
    })
}

/// One check on a connection of its own, timed without the connect.
async fn timed(
    check: Check,
    path: &Path,
    mmap_size: u64,
) -> Result<(Duration, Option<String>), BoxError> {
    timed_cpu(check, path, mmap_size).await.map(|(took, _, found)| (took, found))
}

/// CPU time of this process so far (user + system), from `/proc/self/stat`
/// in clock ticks of 10 ms: unlike the wall clock, hardly changed by other
/// processes on a loaded machine.
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let field = |i: usize| fields.get(i).and_then(|f| f.parse::<u64>().ok()).unwrap_or(0);
    // `rest` starts at the 3rd field (state): utime is the 14th, stime the 15th.
    let ticks = field(11) + field(12);
    Duration::from_millis(ticks * 10)
}

/// As [`timed`], with the CPU time the check took as well.
async fn timed_cpu(
    check: Check,
    path: &Path,
    mmap_size: u64,
) -> Result<(Duration, Duration, Option<String>), BoxError> {
    let (started, cpu) = (Instant::now(), cpu_time());
    let mut conn = options(path, mmap_size).connect().await?;
    let opened = (started.elapsed(), cpu_time() - cpu);
    let (started, cpu) = (Instant::now(), cpu_time());
    let found = run_check(check, &mut conn, path).await;
    let took = if check == Check::Open { opened } else { (started.elapsed(), cpu_time() - cpu) };
    conn.close().await?;
    Ok((took.0, took.1, found?))
}

#[derive(Debug, Clone)]
pub struct Timing {
    pub check: Check,
    pub cold: Vec<Duration>,
    pub warm: Vec<Duration>,
    /// CPU time of the warm runs.
    pub warm_cpu: Vec<Duration>,
}

/// A page that was zeroed, what it held and which checks noticed.
#[derive(Debug, Clone)]
pub struct Damage {
    pub page: i64,
    pub owner: String,
    /// Per check (in [`CHECKS`] order, without `Open`): what it reported.
    pub found: Vec<(Check, Option<String>)>,
}

#[derive(Debug, Clone)]
pub struct Results {
    pub file_mb: f64,
    pub page_size: i64,
    pub page_count: i64,
    pub tables: usize,
    pub cold_permitted: bool,
    pub timings: Vec<Timing>,
    /// `PRAGMA quick_check(t)` per table, warm, slowest first.
    pub breakdown: Vec<(String, Duration)>,
    pub damages: Vec<Damage>,
}

/// Where the time of a quick_check goes: each table (with its indexes) on its own.
async fn breakdown(path: &Path, mmap_size: u64) -> Result<Vec<(String, Duration)>, BoxError> {
    let mut conn = options(path, mmap_size).connect().await?;
    let mut names = tables(&mut conn).await?;
    names.push("search_index".into());
    let mut out = Vec::new();
    for t in names {
        let sql = format!("PRAGMA quick_check(\"{}\")", t.replace('"', "\"\""));
        let started = Instant::now();
        let _: Vec<String> = sqlx::query_scalar(AssertSqlSafe(sql)).fetch_all(&mut conn).await?;
        out.push((t, started.elapsed()));
    }
    conn.close().await?;
    out.sort_by_key(|(_, d)| std::cmp::Reverse(*d));
    Ok(out)
}

fn copy_with_wal(data: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::copy(data, to)?;
    let wal = PathBuf::from(format!("{}-wal", data.display()));
    if wal.exists() {
        std::fs::copy(&wal, format!("{}-wal", to.display()))?;
    }
    Ok(())
}

/// Which b-tree each page belongs to ("name (pagetype)"), from `dbstat`.
async fn owners(conn: &mut SqliteConnection) -> Result<HashMap<i64, String>, BoxError> {
    let indexes: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_schema WHERE type = 'index'")
            .fetch_all(&mut *conn)
            .await?;
    let rows: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT pageno, name, pagetype FROM dbstat").fetch_all(&mut *conn).await?;
    Ok(rows
        .into_iter()
        .map(|(page, name, kind)| {
            let what = if indexes.contains(&name) || name.starts_with("sqlite_autoindex") {
                "index"
            } else {
                "table"
            };
            (page, format!("{what} {name}, {kind}"))
        })
        .collect())
}

/// The pages to zero: `n` spread evenly (never page 1, the header), then the
/// first index leaf, overflow page and full-text data page not among them,
/// and the middle leaf page of the largest index.
fn pick_pages(n: usize, page_count: i64, owners: &HashMap<i64, String>) -> Vec<i64> {
    let mut pages: Vec<i64> = (0..n)
        .map(|k| 2 + ((page_count - 2) as f64 * (k as f64 + 0.5) / n as f64) as i64)
        .collect();
    let mut sorted: Vec<(&i64, &String)> = owners.iter().collect();
    sorted.sort();
    let kinds: [&dyn Fn(&str) -> bool; 3] = [
        &|o| o.starts_with("index ") && o.ends_with(", leaf"),
        &|o| o.ends_with(", overflow"),
        &|o| o.starts_with("table search_index_data") && o.ends_with(", leaf"),
    ];
    for wanted in kinds {
        let have = pages.iter().any(|p| owners.get(p).is_some_and(|o| wanted(o)));
        if !have && let Some((p, _)) = sorted.iter().find(|(_, o)| wanted(o)) {
            pages.push(**p);
        }
    }
    let mut index_leaves: HashMap<&str, Vec<i64>> = HashMap::new();
    for (p, o) in &sorted {
        if o.starts_with("index ") && o.ends_with(", leaf") {
            index_leaves.entry(o.as_str()).or_default().push(**p);
        }
    }
    if let Some(leaves) = index_leaves.values().max_by_key(|l| l.len()) {
        pages.push(leaves[leaves.len() / 2]);
    }
    pages
}

fn overwrite(path: &Path, offset: u64, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = std::fs::OpenOptions::new().write(true).open(path)?;
    f.seek(SeekFrom::Start(offset))?;
    f.write_all(bytes)?;
    f.sync_all()
}

pub async fn run(data: &Path, opts: &Options) -> Result<Results, BoxError> {
    let dir = tempfile::tempdir()?;
    let copy = dir.path().join("check.sqlite3");
    copy_with_wal(data, &copy)?;
    // Fold the WAL into the file, so that the header and the damage tests see
    // one file; closing the last connection removes the WAL.
    let mut conn = options(&copy, opts.mmap_size).connect().await?;
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&mut conn).await?;
    let page_size: i64 = sqlx::query_scalar("PRAGMA page_size").fetch_one(&mut conn).await?;
    let page_count: i64 = sqlx::query_scalar("PRAGMA page_count").fetch_one(&mut conn).await?;
    let table_count = tables(&mut conn).await?.len();
    let owners = owners(&mut conn).await.unwrap_or_default();
    conn.close().await?;
    std::fs::File::open(&copy)?.sync_all()?;
    let file_mb = std::fs::metadata(&copy)?.len() as f64 / 1024.0 / 1024.0;

    let mut timings: Vec<Timing> = CHECKS
        .iter()
        .map(|&check| Timing { check, cold: vec![], warm: vec![], warm_cpu: vec![] })
        .collect();
    let cold_permitted = opts.cold_runs > 0 && drop_caches();
    if cold_permitted {
        for run in 0..opts.cold_runs {
            for t in &mut timings {
                drop_caches();
                let (took, found) = timed(t.check, &copy, opts.mmap_size).await?;
                if let Some(f) = found {
                    return Err(format!("{} on the clean copy: {f}", t.check.name()).into());
                }
                t.cold.push(took);
                eprintln!("  cold {run}: {} {:.0} ms", t.check.name(), took.as_secs_f64() * 1e3);
            }
        }
    }
    // Warm: one untimed pass first, so every page is in the kernel's cache.
    for t in &timings {
        timed(t.check, &copy, opts.mmap_size).await?;
    }
    for _ in 0..opts.warm_runs {
        for t in &mut timings {
            let (took, cpu, _) = timed_cpu(t.check, &copy, opts.mmap_size).await?;
            t.warm.push(took);
            t.warm_cpu.push(cpu);
        }
    }
    for t in &timings {
        let ms: Vec<String> =
            t.warm.iter().map(|d| format!("{:.0}", d.as_secs_f64() * 1e3)).collect();
        eprintln!("  warm: {} {} ms", t.check.name(), ms.join(", "));
    }

    let breakdown = breakdown(&copy, opts.mmap_size).await?;
    let mut damages = Vec::new();
    for page in pick_pages(opts.damaged_pages, page_count, &owners) {
        let offset = (page - 1) as u64 * page_size as u64;
        let mut original = vec![0u8; page_size as usize];
        {
            let mut f = std::fs::File::open(&copy)?;
            f.seek(SeekFrom::Start(offset))?;
            f.read_exact(&mut original)?;
        }
        overwrite(&copy, offset, &vec![0u8; page_size as usize])?;
        let mut found = Vec::new();
        for &check in CHECKS.iter().filter(|&&c| c != Check::Open) {
            let what = match timed(check, &copy, opts.mmap_size).await {
                Ok((_, what)) => what,
                Err(e) => Some(format!("error: {e}")),
            };
            found.push((check, what));
        }
        overwrite(&copy, offset, &original)?;
        let owner = owners.get(&page).cloned().unwrap_or_else(|| "not in a b-tree".into());
        eprintln!(
            "  page {page} ({owner}): {}",
            found
                .iter()
                .map(|(c, w)| format!("{} {}", c.name(), if w.is_some() { "FOUND" } else { "-" }))
                .collect::<Vec<_>>()
                .join(", ")
        );
        damages.push(Damage { page, owner, found });
    }
    // The copy must be whole again after the damage tests.
    let (_, after) = timed(Check::QuickCheck, &copy, opts.mmap_size).await?;
    if let Some(f) = after {
        return Err(format!("the copy was not restored: {f}").into());
    }
    Ok(Results {
        file_mb,
        page_size,
        page_count,
        tables: table_count,
        cold_permitted,
        timings,
        breakdown,
        damages,
    })
}

mod report;
