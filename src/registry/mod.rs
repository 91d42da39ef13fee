//! The registry: who takes part. Partnerships with their charter,
//! organisations, their memberships of partnerships and the people in them.
//! Uses the kernel and the store. Inside the room, organisations come first,
//! then people, then partnerships, then memberships: each may look up those
//! before it.

pub mod membership;
pub mod organisation;
pub mod partnership;
pub mod person;
