//! Meetings: the cycle of meetings of a partnership, the record of each, the
//! improvement actions agreed at them and their follow-ups, and the
//! statistics of who came. Uses the kernel, the store, the search index, the
//! registry and the pairings (a mentor session belongs to a pairing).
//!
//! Its modules, each using only modules before it in this list: `cycle` (the
//! calendar of a learning cycle), `draft` (what the meeting form sends and
//! its rules), `meeting` (the stored record), `sections` (agenda, decisions
//! and good examples, and the frame every section save runs in),
//! `attendance`, `action`, `follow_up` (and deleting a meeting) and
//! `statistics`. Two kinds of derived data follow what these write: the
//! attendance tallies, kept by SQL triggers (the rules are in `attendance`),
//! and the search index, kept by explicit reindexing (in each writer's notes).

pub mod action;
pub mod attendance;
pub mod cycle;
pub mod draft;
pub mod follow_up;
pub mod meeting;
pub mod sections;
pub mod statistics;
