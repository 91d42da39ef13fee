//! Meetings: the cycle of meetings of a partnership, the record of each, the
//! improvement actions agreed at them and their follow-ups, and the
//! statistics of who came. Uses the kernel, the store, the search index, the
//! registry and the pairings (a mentor session belongs to a pairing).
//!
//! Its modules, each using only modules before it in this list: `approval`
//! (approved minutes, and the guard every write of a meeting calls), `cycle` (the
//! calendar of a learning cycle), `draft` (what the meeting form sends and
//! its rules), `attachment` (files on a meeting or an agenda item),
//! `meeting` (the stored record), `agenda_template` (templates, and filling
//! an agenda from one or from the last meeting, also as a meeting is
//! created), `sections` (agenda, decisions
//! and good examples, and the frame every section save runs in),
//! `attendance`, `action`, `follow_up` (and deleting a meeting),
//! `statistics`, `delegation` (attendance and delegations by organisational
//! level, and the levels a partnership expects) and `venues` (what editing a venue of the register does to
//! the meetings held there), and `group_reflection` (the answers of the
//! partnership's groups beside the meeting's own), and `good_example_library` (the good
//! examples of every partnership, filtered, for a page and the handbook), and `overview` (the
//! statistics across partnerships, of a kind and a period). Two kinds of derived data follow what these write: the
//! attendance tallies, kept by SQL triggers (the rules are in `attendance`),
//! and the search index, kept by explicit reindexing (in each writer's notes).

pub mod action;
pub mod agenda_template;
pub mod approval;
pub mod attachment;
pub mod attendance;
pub mod cycle;
pub mod delegation;
pub mod draft;
pub mod follow_up;
pub mod good_example_library;
pub mod group_reflection;
pub mod meeting;
pub mod overview;
pub mod sections;
pub mod statistics;
pub mod venues;
