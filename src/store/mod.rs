//! The store: the SQLite file on the coordinator's computer. Opening it with
//! its pragmas, running the migrations, starting write transactions, the
//! `Workspace` handle every operation goes through, and the settings kept in
//! the file. Uses only the kernel.

pub mod attachment_files;
pub mod backup;
pub mod db;
pub mod files;
pub mod identity;
pub mod opening;
pub mod private;
pub mod restore;
pub mod session;
pub mod settings;
pub mod workspace;
