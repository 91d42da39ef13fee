//! One person's data under the GDPR. Samlär keeps personal data of
//! public-sector staff, some of it sensitive (accessibility needs), so a
//! person can ask for everything held about them (`access`, article 15) and
//! to be erased (`erasure`, article 17). Both reach across the registry,
//! the pairings and the meetings, so they live above all three.

pub mod access;
pub mod erasure;
pub mod mentions;
