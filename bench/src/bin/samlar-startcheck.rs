//! `samlar-startcheck --data FILE [--warm-runs N] [--cold-runs N]
//! [--damaged-pages N] [--mmap BYTES]`: what a check of the database file at
//! start costs on a dataset, cold and warm, and which checks notice a page
//! overwritten with zeros (`samlar_bench::startcheck`). Works on a copy.

use samlar_bench::startcheck::{self, Options};
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: samlar-startcheck --data FILE [--warm-runs N] [--cold-runs N] \
     [--damaged-pages N] [--mmap BYTES]";

fn main() -> ExitCode {
    let mut opts = Options { warm_runs: 5, cold_runs: 3, damaged_pages: 12, mmap_size: 0 };
    let mut data = None;
    let mut args = std::env::args().skip(1);
    let number = |v: Option<String>| v.and_then(|v| v.parse::<u64>().ok());
    while let Some(arg) = args.next() {
        let ok = match arg.as_str() {
            "--data" => args.next().map(|v| data = Some(PathBuf::from(v))).is_some(),
            "--warm-runs" => number(args.next()).map(|n| opts.warm_runs = n as usize).is_some(),
            "--cold-runs" => number(args.next()).map(|n| opts.cold_runs = n as usize).is_some(),
            "--damaged-pages" => {
                number(args.next()).map(|n| opts.damaged_pages = n as usize).is_some()
            }
            "--mmap" => number(args.next()).map(|n| opts.mmap_size = n).is_some(),
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
    let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
    match runtime.block_on(startcheck::run(&data, &opts)) {
        Ok(results) => {
            print!("{}", results.markdown());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("samlar-startcheck: {e}");
            ExitCode::FAILURE
        }
    }
}
