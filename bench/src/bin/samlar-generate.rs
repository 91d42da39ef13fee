//! `samlar-generate --seed N --scale national|tiny --out FILE`: fills a new
//! Samlär database file with a generated workload and prints what it wrote.

use samlar_bench::generate::{self, Scale};
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: samlar-generate [--seed N] [--scale national|tiny] --out FILE";

fn main() -> ExitCode {
    let mut seed = 2026u64;
    let mut scale = Scale::National;
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = match arg.as_str() {
            "--seed" | "--scale" | "--out" => args.next(),
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ => None,
        };
        let Some(value) = value else {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        };
        let parsed = match arg.as_str() {
            "--seed" => value.parse().map(|s| seed = s).map_err(|e| e.to_string()),
            "--scale" => value.parse().map(|s| scale = s),
            _ => {
                out = Some(PathBuf::from(value));
                Ok(())
            }
        };
        if let Err(e) = parsed {
            eprintln!("{arg}: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    }
    let Some(out) = out else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
    match runtime.block_on(generate::generate(&out, seed, scale)) {
        Ok(summary) => {
            println!("{} (seed {seed}, {scale:?})", out.display());
            summary.print();
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("samlar-generate: {e}");
            ExitCode::FAILURE
        }
    }
}
