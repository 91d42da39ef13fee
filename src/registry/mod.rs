//! The registry: who takes part. Partnerships with their charter,
//! organisations, their memberships of partnerships and the people in them.
//! Uses the kernel and the store. Inside the room, `matching` (the rules by
//! which an imported record is matched with a stored one) comes first, then
//! organisations, then people, then partnerships, then memberships: each may
//! look up those before it.

pub mod matching;
pub mod membership;
pub mod organisation;
pub mod partnership;
pub mod person;
pub mod person_list;
pub mod person_query;
