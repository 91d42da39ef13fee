//! Pairings: the mentor organisations of a model-municipality round and the
//! participants each supports, the suggestions of a mentor and the lineage of
//! mentorship across rounds. Uses the kernel, the store and the registry.

pub mod pairing;
