//! Prints how long importing a 10,000-row CSV takes (organisations, then
//! people), from base64 to committed rows, on a fresh database file.
//! Run with `cargo bench --bench import`; figures are printed, not asserted.

use base64::Engine;
use samlar::documents::import::{ImportKind, ImportRequest};
use samlar::{SystemClock, Workspace};
use std::sync::Arc;
use std::time::{Duration, Instant};

const ROWS: usize = 10_000;
const RUNS: usize = 5;

fn request(kind: ImportKind, csv: &str) -> ImportRequest {
    let content_base64 = base64::engine::general_purpose::STANDARD.encode(csv);
    ImportRequest { kind, partnership_id: None, content_base64 }
}

fn organisations_csv() -> String {
    let mut csv = String::from("Namn;Typ;Län;Antal anställda\n");
    for i in 0..ROWS {
        csv.push_str(&format!("Förening nummer {i};Förening;Län {};{}\n", i % 21, i * 3));
    }
    csv
}

fn people_csv() -> String {
    let mut csv = String::from("Namn;Organisation;Titel;Nivå;E-post;Kön;Mandat;Kompetenser\n");
    for i in 0..ROWS {
        csv.push_str(&format!(
            "Person Exempel {i};Förening nummer {};Strateg;Strateg;person{i}@example.com;{};Ja;\
             Jämställdhet, Kvalitetsutveckling\n",
            i % ROWS,
            if i % 2 == 0 { "Kvinna" } else { "Man" }
        ));
    }
    csv
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (orgs, people) = (organisations_csv(), people_csv());
    let mut rows = Vec::new();
    for (label, kind, first) in [
        ("organisations, preview", ImportKind::Organisations, false),
        ("organisations, import", ImportKind::Organisations, true),
        ("people, preview", ImportKind::People, false),
        ("people, import", ImportKind::People, true),
    ] {
        let mut times = Vec::new();
        for _ in 0..RUNS {
            let dir = tempfile::tempdir().unwrap();
            let elapsed = runtime.block_on(async {
                let ws = Workspace::open(&dir.path().join("bench.sqlite3"), Arc::new(SystemClock))
                    .await
                    .unwrap();
                if kind == ImportKind::People {
                    ws.apply_import(request(ImportKind::Organisations, &orgs)).await.unwrap();
                }
                let req = request(kind, if kind == ImportKind::People { &people } else { &orgs });
                let start = Instant::now();
                if first {
                    ws.apply_import(req).await.unwrap();
                } else {
                    ws.preview_import(req).await.unwrap();
                }
                let elapsed = start.elapsed();
                ws.close().await;
                elapsed
            });
            times.push(elapsed);
        }
        rows.push((label, median(times.clone()), *times.iter().max().unwrap()));
    }
    println!("{ROWS}-row CSV import, {RUNS} runs each, fresh database file each run");
    println!("{:<26} {:>10} {:>10}", "", "median", "max");
    for (label, median, max) in rows {
        println!(
            "{label:<26} {:>8.0} ms {:>8.0} ms",
            median.as_secs_f64() * 1e3,
            max.as_secs_f64() * 1e3
        );
    }
}
