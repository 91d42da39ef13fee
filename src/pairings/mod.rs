//! Pairings: the mentor organisations of a model-municipality round and the
//! participants each supports, the suggestions of a mentor and the lineage of
//! mentorship across rounds. Uses the kernel, the store and the registry.
//!
//! Inside the room the pairing record comes first; `edit` (the rules and
//! changes) uses it, `round` uses both, `title` stands alone; `suggestions`
//! uses the record, `round` and `title`, and `lineage` the record and
//! `title`. Each may use only those before it in that order.

pub mod edit;
pub mod lineage;
pub mod pairing;
pub mod round;
pub mod suggestions;
pub mod title;
