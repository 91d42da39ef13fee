//! CSV import: organisations and then people, previewed and applied, each
//! run on a fresh data file.

use super::IMPORT_MS;
use super::report::{Row, Target, percentiles};
use super::timing::Bench;
use crate::generate::{self, BoxError};
use base64::Engine;
use samlar::Workspace;
use samlar::documents::import::{ImportKind, ImportRequest};
use std::path::Path;
use std::time::Instant;

fn request(kind: ImportKind, csv: &str) -> ImportRequest {
    let content_base64 = base64::engine::general_purpose::STANDARD.encode(csv);
    ImportRequest { kind, partnership_id: None, content_base64 }
}

/// The files of benches/import.rs: organisations, and people in them.
pub fn organisations_csv(rows: usize) -> String {
    let mut csv = String::from("Namn;Typ;Län;Antal anställda\n");
    for i in 0..rows {
        csv.push_str(&format!("Förening nummer {i};Förening;Län {};{}\n", i % 21, i * 3));
    }
    csv
}

pub fn people_csv(rows: usize) -> String {
    let mut csv = String::from("Namn;Organisation;Titel;Nivå;E-post;Kön;Mandat;Kompetenser\n");
    for i in 0..rows {
        csv.push_str(&format!(
            "Person Exempel {i};Förening nummer {};Strateg;Strateg;person{i}@example.com;{};Ja;\
             Jämställdhet, Kvalitetsutveckling\n",
            i % rows,
            if i % 2 == 0 { "Kvinna" } else { "Man" }
        ));
    }
    csv
}

pub(super) async fn import(b: &mut Bench<'_>, dir: &Path) -> Result<(), BoxError> {
    let rows = b.opts.import_rows;
    let (orgs, people) = (organisations_csv(rows), people_csv(rows));
    for (command, kind, apply) in [
        ("apply_import", ImportKind::Organisations, true),
        ("preview_import", ImportKind::People, false),
        ("apply_import", ImportKind::People, true),
    ] {
        let who = if kind == ImportKind::People { "people" } else { "organisations" };
        if !b.wanted(command, who) {
            continue;
        }
        let mut times = Vec::new();
        let mut size = 0;
        for run in 0..b.opts.import_runs.max(1) {
            let path = dir.join(format!("import-{command}-{kind:?}-{run}.sqlite3"));
            let ws = Workspace::open(&path, generate::clock()).await?;
            if kind == ImportKind::People {
                ws.apply_import(request(ImportKind::Organisations, &orgs)).await?;
            }
            let csv = if kind == ImportKind::People { &people } else { &orgs };
            let req = request(kind, csv);
            let started = Instant::now();
            size = if apply {
                serde_json::to_vec(&ws.apply_import(req).await?)?.len()
            } else {
                serde_json::to_vec(&ws.preview_import(req).await?)?.len()
            };
            times.push(started.elapsed());
            ws.close().await;
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
        }
        if b.opts.progress {
            let each: Vec<String> =
                times.iter().map(|t| format!("{:.0}", t.as_secs_f64() * 1e3)).collect();
            eprintln!("  {command} {who}: {} ms", each.join(", "));
        }
        let (median, p95) = percentiles(&times);
        b.push(Row {
            command: command.to_owned(),
            subject: format!("{rows} {who}, fresh file, {} runs", times.len()),
            median_ms: Some(median),
            p95_ms: Some(p95),
            kb: Some(size as f64 / 1024.0),
            target: Target::Median(IMPORT_MS),
            note: String::new(),
        });
    }
    Ok(())
}
