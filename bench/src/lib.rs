//! Benchmarks of the Samlär core on a national workload: a reproducible
//! dataset generator (`samlar-generate`) and a suite (`samlar-bench`) that
//! times every command the interface calls for lists, detail pages and
//! statistics, full-text search, CSV import, the partnership report PDF and
//! the size of the database. Run both with `scripts/bench`. Also there: a
//! crash test (`samlar-crash`) and the cost of checking the file at start
//! (`samlar-startcheck`), issue #14. The app window itself is driven by
//! `samlar-window` (start-up and memory) and `samlar-journeys` (what a
//! person waits for in the window, issue #19, with its figures in
//! `journeys`), through `window`.

pub mod crash;
pub mod generate;
pub mod journeys;
pub mod rng;
pub mod startcheck;
pub mod suite;
pub mod window;
pub mod words;
