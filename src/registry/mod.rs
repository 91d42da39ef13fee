//! The registry: who takes part. Partnerships with their charter,
//! organisations, their memberships of partnerships and the people in them,
//! and the register of venues where meetings are held.
//! Uses the kernel and the store. Inside the room, `matching` (the rules by
//! which an imported record is matched with a stored one) comes first, then
//! organisations, then people, then partnerships, then memberships, then
//! venues, then people's `roles` in partnerships and the `groups` inside
//! them: each may look up those before it. A partnership's measurable goals
//! (`indicators`) read the charter's goals themselves, and `indicator_goals`
//! uses nothing of the room, so that `partnership` can move indicators with
//! their goals.

pub mod groups;
pub mod indicator_goals;
pub mod indicators;
pub mod matching;
pub mod membership;
pub mod organisation;
pub mod partnership;
pub mod person;
pub mod person_list;
pub mod person_query;
pub mod roles;
pub mod venue;
