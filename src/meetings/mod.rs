//! Meetings: the cycle of meetings of a partnership, the record of each, the
//! improvement actions agreed at them and their follow-ups, and the
//! statistics of who came. Uses the kernel, the store, the search index, the
//! registry and the pairings (a mentor session belongs to a pairing).

pub mod action;
pub mod cycle;
pub mod meeting;
pub mod statistics;
