//! A smoke run of the benchmark suite, part of the normal test command: a
//! tiny dataset, the suite in quick mode through the library, and a table
//! with a row of figures for every command. No timing is asserted.

use samlar_bench::generate::{self, Scale};
use samlar_bench::suite::{self, Options};
use sqlx::SqlitePool;
use std::path::Path;

/// A fingerprint of the content that ignores nothing a seed decides.
async fn fingerprint(path: &Path) -> Vec<String> {
    let pool = SqlitePool::connect(&format!("sqlite://{}?mode=ro", path.display())).await.unwrap();
    let mut out = Vec::new();
    for sql in [
        "SELECT group_concat(id || name || coalesce(code, '') || county, ';') FROM organisations",
        "SELECT group_concat(name || email || gender || coalesce(level, ''), ';') FROM people",
        "SELECT group_concat(name || kind || coalesce(start_date, ''), ';') FROM partnerships",
        "SELECT group_concat(partnership_id || kind || date || notes || reflection_best, ';') \
         FROM meetings",
        "SELECT group_concat(meeting_id || ':' || person_id || status, ';') FROM attendance",
        "SELECT group_concat(description || status || coalesce(due_date, ''), ';') FROM actions",
        "SELECT group_concat(action_id || ':' || meeting_id || status || note, ';') \
         FROM action_followups",
        "SELECT group_concat(mentor_organisation_id || status || coalesce(end_date, ''), ';') \
         FROM pairings",
    ] {
        let text: Option<String> = sqlx::query_scalar(sql).fetch_one(&pool).await.unwrap();
        out.push(text.unwrap_or_default());
    }
    pool.close().await;
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_seed_gives_the_same_dataset() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = (dir.path().join("a"), dir.path().join("b"), dir.path().join("c"));
    generate::generate(&a, 7, Scale::Tiny).await.unwrap();
    generate::generate(&b, 7, Scale::Tiny).await.unwrap();
    generate::generate(&c, 8, Scale::Tiny).await.unwrap();
    let (fa, fb, fc) = (fingerprint(&a).await, fingerprint(&b).await, fingerprint(&c).await);
    assert_eq!(fa, fb);
    assert_ne!(fa, fc);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_quick_run_on_a_tiny_dataset_has_a_row_of_figures_for_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("tiny.sqlite3");
    let summary = generate::generate(&data, 2026, Scale::Tiny).await.unwrap();
    let count = |table: &str| summary.counts.iter().find(|(t, _)| t == table).unwrap().1;
    assert_eq!(count("meetings"), 100);
    assert_eq!(count("actions"), 300);
    assert!(count("search_index") > 1000);
    assert!(count("pairings") > 0);

    let before = std::fs::read(&data).unwrap();
    let opts = Options { import_rows: 200, progress: false, ..Options::quick() };
    let report = suite::run(&data, &opts).await.unwrap();
    assert_eq!(std::fs::read(&data).unwrap(), before, "the suite works on a copy");

    let table = report.markdown();
    let rows: Vec<Vec<&str>> = table
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| command") && !l.starts_with("| ---"))
        .map(|l| l.trim_matches('|').split(" | ").map(str::trim).collect())
        .collect();
    // the calibration of the same run, and every median as a multiple of it
    assert!(rows.iter().any(|r| r[0].starts_with("calibration (SQLite") && r[3] == "1.00"));
    assert!(table.contains("Machine: "), "{table}");
    for command in suite::COMMANDS {
        assert!(rows.iter().any(|r| r[0].starts_with(command)), "no row for {command}:\n{table}");
    }
    for row in &rows {
        assert_eq!(row.len(), 7, "{row:?}");
        let figure = |cell: &str| cell == "—" || cell.parse::<f64>().is_ok_and(|x| x >= 0.0);
        assert!(row[1..5].iter().all(|c| figure(c)), "figures do not parse: {row:?}");
        assert!(["yes", "MISSED", "—"].contains(&row[6]) || !row[6].is_empty(), "{row:?}");
        let measured = row[1] != "—";
        let recorded = row[0].starts_with("database size") || row[0].starts_with("export_pdf");
        assert!(measured || recorded, "not measured: {row:?}");
    }
}
