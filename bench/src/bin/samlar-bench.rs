//! `samlar-bench --data FILE [--runs N] [--quick] [--import-rows N] [--skip-shared]`: runs
//! the benchmark suite on a copy of a Samlär database file and prints a
//! markdown table of median and 95th-percentile figures against the targets.
//! The exit code is 0 even when targets are missed: these are figures.

use samlar_bench::suite::{self, Options};
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: samlar-bench --data FILE [--runs N] [--quick] [--import-rows N] \
     [--import-runs N] [--only TEXT] [--skip-shared]";

fn main() -> ExitCode {
    let mut opts = Options::full();
    let mut data: Option<PathBuf> = None;
    let mut runs: Option<usize> = None;
    let mut import_rows: Option<usize> = None;
    let mut only: Option<String> = None;
    let mut import_runs: Option<usize> = None;
    let mut skip_shared = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let ok = match arg.as_str() {
            "--quick" => {
                opts = Options::quick();
                true
            }
            "--data" => args.next().map(|v| data = Some(PathBuf::from(v))).is_some(),
            "--runs" => args.next().and_then(|v| v.parse().ok()).map(|n| runs = Some(n)).is_some(),
            "--import-runs" => {
                args.next().and_then(|v| v.parse().ok()).map(|n| import_runs = Some(n)).is_some()
            }
            "--only" => args.next().map(|v| only = Some(v)).is_some(),
            "--skip-shared" => {
                skip_shared = true;
                true
            }
            "--import-rows" => {
                args.next().and_then(|v| v.parse().ok()).map(|n| import_rows = Some(n)).is_some()
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ => false,
        };
        if !ok {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    }
    let Some(data) = data else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    if let Some(n) = runs {
        opts.runs = n.max(1);
    }
    if let Some(n) = import_rows {
        opts.import_rows = n.max(1);
    }
    if let Some(n) = import_runs {
        opts.import_runs = n.max(1);
    }
    opts.only = only;
    opts.shared = !skip_shared;
    // One line per panic, without a backtrace: the PDF engine may still be a
    // placeholder that panics, which the suite reports as "not available yet".
    std::panic::set_hook(Box::new(|info| eprintln!("panic: {info}")));
    let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
    match runtime.block_on(suite::run(&data, &opts)) {
        Ok(report) => {
            print!("{}", report.markdown());
            let missed = report.missed();
            if !missed.is_empty() {
                println!("\nMISSED: {} of {} targets", missed.len(), report.rows.len());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("samlar-bench: {e}");
            ExitCode::FAILURE
        }
    }
}
