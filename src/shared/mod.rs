//! The shared workspace: several coordinators and mentors share one record
//! through a PostgreSQL server their organisation runs, while every
//! computer keeps its own SQLite database and works offline at will.
//!
//! It is a second transport of the exchange's records (`exchange`): the
//! same UUIDs, version vectors, tombstones and merge. A change made here
//! goes to an outbox in the same transaction as the change (triggers,
//! migration 0014); `push` sends the outbox to the server in one server
//! transaction; `pull` applies what the server has after this computer's
//! cursor, a number the server gives every change in commit order, so a
//! computer with a wrong clock cannot skip anyone's writes. A record
//! changed on both sides waits in `sync_conflicts` for a person to choose,
//! field by field. Who sees what is the server's row-level security
//! (`migrations-server/`), by scope: a coordinator's partnerships, a
//! mentor's pairings (`audience`).

pub mod audience;
pub mod conflicts;
pub mod join;
pub mod members;
pub mod pull;
pub mod push;
pub mod server;
pub mod status;
pub mod sync;

pub use server::{ServerSettings, Tls};
