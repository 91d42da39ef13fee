//! Start-up steps on stderr, for the start-up benchmark only
//! (`bench/src/bin/samlar-window.rs`). With `SAMLAR_REPORT_READY` set, the
//! app prints `samlar: at <unix ms> <step>` when it reaches each step:
//! `main`, `setup`, `database-open`, `page-started`, `page-finished`, the
//! first call of each command, the interface's own steps (`ui:…`, sent with
//! `ui_ready`), and `samlar: ui ready` when the interface has painted its
//! first list. The benchmark subtracts its spawn time to see where start-up
//! time goes. Only step and command names are printed, never data; without
//! the variable nothing is printed.
//!
//! Each step is also written to the log (`logging`) with the milliseconds
//! since `main`, once the log is open: the steps from opening the database on.

use std::sync::OnceLock;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// When `main` was reached.
static STARTED: OnceLock<Instant> = OnceLock::new();

/// Milliseconds since `main` (0 before it).
pub fn since_start_ms() -> f64 {
    STARTED.get().map_or(0.0, |s| s.elapsed().as_secs_f64() * 1000.0)
}

/// True when the benchmark asked for the report.
pub fn reporting() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("SAMLAR_REPORT_READY").is_some())
}

/// Prints that `step` was reached now.
pub fn reached(step: &str) {
    let _ = STARTED.set(Instant::now());
    crate::logging::step(step, since_start_ms());
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    reached_at(step, now.as_secs_f64() * 1000.0);
}

/// Prints that `step` was reached at `unix_ms`. Step names come from the
/// interface too: anything but letters, digits, `-`, `_` and `:` is dropped.
pub fn reached_at(step: &str, unix_ms: f64) {
    if reporting() {
        let step: String =
            step.chars().filter(|c| c.is_ascii_alphanumeric() || "-_:".contains(*c)).collect();
        eprintln!("samlar: at {unix_ms:.1} {step}");
    }
}
