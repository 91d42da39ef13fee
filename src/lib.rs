//! Samlär's core: everything a coordinator can do with the record of a
//! learning partnership, without any window. The Tauri shell in `src-tauri/`
//! only adapts these functions to IPC; tests call them directly.

pub mod action;
pub mod clock;
pub mod cycle;
pub mod db;
pub mod demo;
pub mod error;
pub mod export;
pub mod import;
pub mod input;
pub mod meeting;
pub mod membership;
pub mod messages;
pub mod organisation;
pub mod pairing;
pub mod partnership;
pub mod pdf;
pub mod person;
pub mod search;
pub mod settings;
pub mod start;
pub mod statistics;
pub mod validate;
pub mod workspace;

pub use clock::{Clock, FixedClock, SystemClock};
pub use error::{Error, ErrorCode, Result};
pub use input::parse_input;
pub use workspace::Workspace;
