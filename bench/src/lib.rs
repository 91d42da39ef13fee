//! Benchmarks of the Samlär core on a national workload: a reproducible
//! dataset generator (`samlar-generate`) and a suite (`samlar-bench`) that
//! times every command the interface calls for lists, detail pages and
//! statistics, full-text search, CSV import, the partnership report PDF and
//! the size of the database. Run both with `scripts/bench`.

pub mod generate;
pub mod rng;
pub mod suite;
pub mod words;
