//! Samlär's core: everything a coordinator can do with the record of a
//! learning partnership, without any window. The Tauri shell in `src-tauri/`
//! only adapts these functions to IPC; tests call them directly.
//!
//! The core is a house of rooms, each a folder, in layers: a room may use the
//! rooms above it in this list and never one below it (`tests/core/architecture.rs`
//! fails the test command when one does, or when modules form a cycle).
//!
//! | room | what it is for |
//! | --- | --- |
//! | `kernel` | the error type, the clock, input parsing, validation rules and the shared value types |
//! | `store` | the SQLite file: opening it, migrations, transactions, the `Workspace` handle, settings |
//! | `search` | the full-text index of what was said and decided, and searching it |
//! | `registry` | partnerships, organisations, memberships and people |
//! | `pairings` | mentor pairings in model-municipality rounds: records, suggestions, lineage |
//! | `meetings` | meetings, improvement actions and follow-ups, the cycle, statistics |
//! | `pages` | read models: what one page of the interface shows, assembled from records |
//! | `privacy` | one person's data under the GDPR: everything held about them (access) and erasure that leaves no trace |
//! | `exchange` | records across computers: identities, versions, tombstones, merge, the `.samlar` package |
//! | `documents` | what leaves or enters as a file: CSV import and export, PDF, demo data |
//! | `shared` | the shared workspace: the same records synced through a PostgreSQL server |

pub mod documents;
pub mod exchange;
pub mod kernel;
pub mod meetings;
pub mod pages;
pub mod pairings;
pub mod privacy;
pub mod registry;
pub mod search;
pub mod shared;
pub mod store;

pub use kernel::clock::{Clock, FixedClock, SystemClock};
pub use kernel::error::{Error, ErrorCode, Result};
pub use kernel::input::parse_input;
pub use store::workspace::Workspace;
