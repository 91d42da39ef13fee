//! Exchange: how the record of a partnership travels between computers.
//!
//! Every record that can travel has a UUID that never changes and a version
//! vector, kept by triggers (migration 0007) so that no write path forgets
//! them; a deleted record leaves a tombstone. A record travels in one
//! canonical JSON form (`record`), in which references to other records are
//! their UUIDs (`spec` says which columns travel). `merge` compares what
//! arrives with what is here, record by record, and `apply` writes it all
//! or nothing. The exchange package (`package`,
//! a `.samlar` file) is one transport of records; the shared workspace on a
//! server is meant to be another, reusing the same records and merge.

pub mod apply;
pub mod installation;
pub mod merge;
pub mod package;
pub mod record;
pub mod scope;
pub mod spec;
pub mod version;
pub mod writing;
