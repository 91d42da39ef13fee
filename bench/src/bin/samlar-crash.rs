//! `samlar-crash [--runs N] [--seed N] [--min-ms N] [--max-ms N] [--dir DIR]`:
//! the crash test of issue #14 (`samlar_bench::crash`). Starts itself as
//! `samlar-crash writer` over and over, kills it with SIGKILL after a random
//! delay and checks the file after each kill. The exit code is 1 when a check
//! failed: unlike a missed timing target, a lost write is a bug.

use samlar_bench::crash::{self, DriverOptions};
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: samlar-crash [--runs N] [--seed N] [--min-ms N] [--max-ms N] \
     [--dir DIR]\n       samlar-crash writer --db FILE --run N --seed N [--limit N]";

fn number(v: Option<String>) -> Option<u64> {
    v.and_then(|v| v.parse().ok())
}

fn writer(mut args: impl Iterator<Item = String>) -> ExitCode {
    let (mut db, mut run, mut seed, mut limit) = (None, 0, 0, None);
    while let Some(arg) = args.next() {
        let ok = match arg.as_str() {
            "--db" => args.next().map(|v| db = Some(PathBuf::from(v))).is_some(),
            "--run" => number(args.next()).map(|n| run = n).is_some(),
            "--seed" => number(args.next()).map(|n| seed = n).is_some(),
            "--limit" => number(args.next()).map(|n| limit = Some(n)).is_some(),
            _ => false,
        };
        if !ok {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    }
    let Some(db) = db else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
    match runtime.block_on(crash::writer(&db, run, seed, limit)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("samlar-crash writer: {e}");
            ExitCode::FAILURE
        }
    }
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1).peekable();
    if args.peek().map(String::as_str) == Some("writer") {
        args.next();
        return writer(args);
    }
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_secs());
    let mut opts =
        DriverOptions { runs: 300, seed, min_ms: 5, max_ms: 300, dir: None, progress: true };
    while let Some(arg) = args.next() {
        let ok = match arg.as_str() {
            "--runs" => number(args.next()).map(|n| opts.runs = n as usize).is_some(),
            "--seed" => number(args.next()).map(|n| opts.seed = n).is_some(),
            "--min-ms" => number(args.next()).map(|n| opts.min_ms = n).is_some(),
            "--max-ms" => number(args.next()).map(|n| opts.max_ms = n).is_some(),
            "--dir" => args.next().map(|v| opts.dir = Some(PathBuf::from(v))).is_some(),
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ => false,
        };
        if !ok || opts.min_ms > opts.max_ms {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    }
    eprintln!("crash test: {} runs, seed {}", opts.runs, opts.seed);
    match crash::drive(&opts) {
        Ok(summary) => {
            println!("{}", summary.markdown(&opts));
            if summary.failures.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE }
        }
        Err(e) => {
            eprintln!("samlar-crash: {e}");
            ExitCode::FAILURE
        }
    }
}
