//! The benchmark suite: times every read command the interface calls for
//! lists, detail pages and statistics, full-text search, the autosave of a
//! meeting, CSV import, the partnership report PDF, the shared workspace's
//! sync through a PostgreSQL server, and measures the size of the database
//! — on a copy of a data file, never the file itself.
//!
//! Each command is called as the IPC layer calls it: the core function, then
//! `serde_json::to_vec` of its reply (the reply crosses IPC as JSON). Three
//! warm-up calls, then `runs` timed calls; the table gives the median and the
//! 95th percentile (nearest rank) and the size of the JSON reply.
//!
//! This file holds the options, the targets and the order of the run; the
//! table and its figures, the timing, the choice of subjects and each area
//! measured (commands and search, import, PDF) have files of their own.

mod calibration;
mod commands;
mod exchange;
mod import;
mod pdf;
mod privacy;
mod report;
mod safekeeping;
mod shared;
mod subjects;
mod timing;

pub use commands::SEARCHES;
pub use import::{organisations_csv, people_csv};
pub use pdf::pdf_pages;
pub use report::{Report, Row, Target, percentiles};
pub use shared::{EDIT_REACHES_MS, FIRST_SYNC_MS};
pub use subjects::{Subjects, subjects};

use crate::generate::{self, BoxError};
use samlar::Workspace;
use std::path::{Path, PathBuf};
use std::time::Instant;
use timing::Bench;

/// Every command the table has a row for; the smoke test checks them all.
pub const COMMANDS: &[&str] = &[
    "list_partnerships",
    "get_partnership",
    "list_organisations",
    "organisation_names",
    "get_organisation",
    "organisation_memberships",
    "organisation_dependents",
    "organisation_actions",
    "organisation_lineage",
    "list_people",
    "person_names",
    "get_person",
    "list_meetings",
    "get_meeting",
    "list_venues",
    "agenda_choices",
    "get_statistics",
    "round_pairings",
    "get_pairing",
    "mentor_suggestions",
    "propose_cycle",
    "get_settings",
    "search",
    "approve_meeting",
    "update_meeting",
    "apply_import",
    "preview_import",
    "export_pdf",
    "export_calendar",
    "export_csv",
    "make_package",
    "preview_package",
    "open_package",
    "shared: push national dataset",
    "shared: first sync into an empty client",
    "shared: one edited meeting reaches another client",
    "shared: idle sync",
    "database size",
];

pub const COMMAND_P95_MS: f64 = 50.0;
pub const SEARCH_P95_MS: f64 = 15.0;
pub const IMPORT_MS: f64 = 1000.0;
pub const PDF_MS: f64 = 500.0;
pub const PDF_KB: f64 = 300.0;

#[derive(Debug, Clone)]
pub struct Options {
    pub warmups: usize,
    pub runs: usize,
    pub import_rows: usize,
    pub import_runs: usize,
    pub pdf_runs: usize,
    /// The shared workspace's rows (a PostgreSQL server on this computer).
    pub shared: bool,
    /// Runs of its long rows: the first push and the first sync.
    pub shared_runs: usize,
    /// Print each row as it is measured.
    pub progress: bool,
    /// Only the rows whose command and subject contain this text.
    pub only: Option<String>,
}

impl Options {
    pub fn full() -> Self {
        Options {
            warmups: 3,
            runs: 50,
            import_rows: 10_000,
            import_runs: 5,
            pdf_runs: 10,
            shared: true,
            shared_runs: 3,
            progress: true,
            only: None,
        }
    }

    pub fn quick() -> Self {
        Options { runs: 3, import_runs: 1, pdf_runs: 1, shared_runs: 1, ..Options::full() }
    }
}

// ------------------------------------------------------------ running

fn file_kb(path: &Path) -> f64 {
    std::fs::metadata(path).map_or(0.0, |m| m.len() as f64 / 1024.0)
}

/// Copies the data file to a temporary directory and runs the suite there.
pub async fn run(data: &Path, opts: &Options) -> Result<Report, BoxError> {
    let dir = tempfile::tempdir()?;
    let copy = dir.path().join("bench.sqlite3");
    std::fs::copy(data, &copy)?;
    let wal = PathBuf::from(format!("{}-wal", data.display()));
    if wal.exists() {
        std::fs::copy(&wal, dir.path().join("bench.sqlite3-wal"))?;
    }
    let ws = Workspace::open(&copy, generate::clock()).await?;
    let mut conn = ws.pool().acquire().await?;
    let counts = generate::table_counts(&mut conn).await?;
    drop(conn);
    let mut notes = vec![format!(
        "Dataset {}: {}.",
        data.display(),
        counts.iter().map(|(t, n)| format!("{n} {t}")).collect::<Vec<_>>().join(", ")
    )];
    if opts.progress {
        eprintln!("choosing the heaviest cases …");
    }
    let started = Instant::now();
    let s = subjects(&ws).await?;
    if opts.progress {
        eprintln!("  ({:.1} s) {s:?}", started.elapsed().as_secs_f64());
    }
    let mut b = Bench { opts, rows: Vec::new() };
    let sqlite_ms = calibration::calibrate(&mut b, dir.path()).await?;
    notes.insert(0, format!("Machine: {}.", calibration::machine()));
    commands::commands(&mut b, &ws, &s).await?;
    import::import(&mut b, dir.path()).await?;
    pdf::pdf(&mut b, &ws, dir.path()).await?;
    safekeeping::safekeeping(&mut b, &ws, dir.path()).await?;
    exchange::exchange(&mut b, &ws, &s, dir.path()).await?;
    privacy::privacy(&mut b, &ws).await?;
    notes.extend(shared::shared(&mut b, &ws, &s, dir.path()).await?);

    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(ws.pool()).await?;
    ws.close().await;
    let size = file_kb(&copy) + file_kb(&dir.path().join("bench.sqlite3-wal"));
    b.push(Row {
        command: "database size".into(),
        subject: "on disk, after wal_checkpoint(TRUNCATE), KB".into(),
        median_ms: None,
        p95_ms: None,
        kb: Some(size),
        target: Target::None,
        note: format!("{:.1} MB", size / 1024.0),
    });
    notes.push(format!(
        "Times are the core call plus serde_json::to_vec of its reply, as the IPC layer does; \
         {} warm-up calls, then {} runs (import {}, PDF {}); p95 is the nearest-rank 95th \
         percentile.",
        opts.warmups, opts.runs, opts.import_runs, opts.pdf_runs
    ));
    Ok(Report { data: data.to_owned(), rows: b.rows, notes, sqlite_ms: Some(sqlite_ms) })
}
