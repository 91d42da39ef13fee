//! Two fixed workloads measured in the same run as the commands, so that
//! runs on different machines can be compared (issue #19): the same
//! `scripts/bench` ran 2.5× slower on an Intel Xeon than on an AMD EPYC of
//! the same size. One is CPU-bound (sorting a million numbers), the other
//! SQLite's (a scan and an FTS5 prefix query over a generated table of Swedish
//! text in a fresh file). Every command's median is also printed as a
//! multiple of the SQLite one: that multiple is what should hold from one
//! machine to another.

use super::report::{Row, Target, percentiles};
use super::timing::Bench;
use crate::generate::BoxError;
use crate::rng::Rng;
use crate::words::Vocabulary;
use samlar::store::db;
use std::path::Path;
use std::time::Instant;

/// Runs of each workload; the median is taken.
const RUNS: usize = 9;
/// Rows of the SQLite workload's table.
const ROWS: i64 = 20_000;

/// The machine as `/proc/cpuinfo` names it, and its cores.
pub fn machine() -> String {
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, m)| m.trim().to_owned())
        })
        .unwrap_or_else(|| std::env::consts::ARCH.to_owned());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!("{model}, {cores} cores")
}

/// Measures both workloads, records them as rows and returns the SQLite
/// median in milliseconds.
pub(super) async fn calibrate(b: &mut Bench<'_>, dir: &Path) -> Result<f64, BoxError> {
    let mut times = Vec::new();
    for run in 0..RUNS {
        let mut rng = Rng::new(2026 + run as u64);
        let mut numbers: Vec<u64> = (0..1_000_000).map(|_| rng.next_u64()).collect();
        let started = Instant::now();
        numbers.sort_unstable();
        times.push(started.elapsed());
        assert!(numbers.windows(2).all(|w| w[0] <= w[1]));
    }
    push(b, "CPU: sort 1,000,000 numbers", &times);

    let pool = db::connect(&dir.join("calibration.sqlite3"), db::Access::ReadWrite).await?;
    sqlx::query("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
        .execute(&pool)
        .await?;
    sqlx::query(
        "CREATE VIRTUAL TABLE f USING fts5(body, tokenize = 'unicode61 remove_diacritics 0')",
    )
    .execute(&pool)
    .await?;
    let words = Vocabulary::new();
    let mut rng = Rng::new(2026);
    let mut tx = pool.begin().await?;
    for id in 0..ROWS {
        let body = words.text(&mut rng, 1, 4);
        sqlx::query("INSERT INTO t (id, body) VALUES (?, ?)")
            .bind(id)
            .bind(&body)
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO f (rowid, body) VALUES (?, ?)")
            .bind(id)
            .bind(&body)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        let scanned: i64 =
            sqlx::query_scalar("SELECT count(*) FROM t WHERE instr(body, 'utveckling') > 0")
                .fetch_one(&pool)
                .await?;
        let found: i64 = sqlx::query_scalar("SELECT count(*) FROM f WHERE f MATCH '\"för\"*'")
            .fetch_one(&pool)
            .await?;
        times.push(started.elapsed());
        assert!(scanned > 0 && found > 0, "the calibration table holds the words");
    }
    pool.close().await;
    let (median, _) = push(b, "SQLite: a scan and an FTS5 prefix query, 20,000 rows", &times);
    Ok(median)
}

fn push(b: &mut Bench<'_>, subject: &str, times: &[std::time::Duration]) -> (f64, f64) {
    let (median, p95) = percentiles(times);
    b.push(Row {
        command: "calibration".into(),
        subject: subject.into(),
        median_ms: Some(median),
        p95_ms: Some(p95),
        kb: None,
        target: Target::None,
        note: String::new(),
    });
    (median, p95)
}
