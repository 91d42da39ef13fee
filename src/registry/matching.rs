//! How a record that comes from outside (an import row, the demo data) is
//! matched with one already stored, so that bringing the same thing in twice
//! changes it instead of adding it again. Each rule is written once, here, as
//! an index over what is stored, in memory:
//!
//! - an organisation by its municipality or region code, then by its name
//!   (lower-cased), the lowest id of several with that name;
//! - a person by e-mail address (lower-cased), then by name within the same
//!   organisation (or the same lack of one), the lowest id of several;
//! - a membership by partnership, organisation and role.
//!
//! The CSV import fills an index with everything stored, read once, and
//! matches thousands of rows against it without a query per row. The
//! registry's own `find_match` look-ups fill one with the few stored rows that
//! share a key with the record and let it choose. Uses only the kernel, so
//! every record of the registry may use it.

use crate::kernel::validate;
use crate::kernel::values::{MembershipId, OrganisationId, PartnershipId, PersonId, Role};
use std::collections::HashMap;
use std::collections::hash_map::Entry;

/// Keeps the lowest id under a key, whatever order rows are added in.
fn keep_lowest<K, I: Ord + Copy>(entry: Entry<'_, K, I>, id: I) {
    entry.and_modify(|kept| *kept = (*kept).min(id)).or_insert(id);
}

/// Stored organisations, for matching by code, then by name.
#[derive(Debug, Default)]
pub struct OrganisationIndex {
    by_code: HashMap<String, OrganisationId>,
    by_name: HashMap<String, OrganisationId>,
}

impl OrganisationIndex {
    /// Adds a stored organisation, with its code and `name_key` as stored.
    pub fn add(&mut self, id: OrganisationId, code: Option<String>, name_key: String) {
        if let Some(code) = code {
            keep_lowest(self.by_code.entry(code), id);
        }
        keep_lowest(self.by_name.entry(name_key), id);
    }

    /// The organisation a record with this (valid) code and name means.
    pub fn find(&self, code: Option<&str>, name: &str) -> Option<OrganisationId> {
        code.and_then(|c| self.by_code.get(c))
            .or_else(|| self.by_name.get(&validate::search_key(name)))
            .copied()
    }
}

/// Stored people, for matching by e-mail address, then by name within the
/// organisation.
#[derive(Debug, Default)]
pub struct PersonIndex {
    by_email: HashMap<String, PersonId>,
    by_name: HashMap<(String, Option<OrganisationId>), PersonId>,
}

impl PersonIndex {
    /// Adds a stored person, with the `email_key` and `name_key` as stored.
    pub fn add(
        &mut self,
        id: PersonId,
        email_key: Option<String>,
        name_key: String,
        organisation_id: Option<OrganisationId>,
    ) {
        if let Some(email_key) = email_key {
            keep_lowest(self.by_email.entry(email_key), id);
        }
        keep_lowest(self.by_name.entry((name_key, organisation_id)), id);
    }

    /// The person a record with this (valid) e-mail address, name and
    /// organisation means.
    pub fn find(
        &self,
        email: Option<&str>,
        name: &str,
        organisation_id: Option<OrganisationId>,
    ) -> Option<PersonId> {
        email
            .and_then(|e| self.by_email.get(&validate::search_key(e)))
            .or_else(|| self.by_name.get(&(validate::search_key(name), organisation_id)))
            .copied()
    }
}

/// Stored memberships, for matching by partnership, organisation and role.
#[derive(Debug, Default)]
pub struct MembershipIndex {
    /// By partnership and organisation: each role's membership.
    by_member: HashMap<(PartnershipId, OrganisationId), Vec<(Role, MembershipId)>>,
}

impl MembershipIndex {
    /// Adds a stored membership.
    pub fn add(
        &mut self,
        id: MembershipId,
        partnership_id: PartnershipId,
        organisation_id: OrganisationId,
        role: Role,
    ) {
        let roles = self.by_member.entry((partnership_id, organisation_id)).or_default();
        match roles.iter_mut().find(|(r, _)| *r == role) {
            Some((_, kept)) => *kept = (*kept).min(id),
            None => roles.push((role, id)),
        }
    }

    /// The membership an organisation's part in a partnership in this role is.
    pub fn find(
        &self,
        partnership_id: PartnershipId,
        organisation_id: OrganisationId,
        role: Role,
    ) -> Option<MembershipId> {
        let roles = self.by_member.get(&(partnership_id, organisation_id))?;
        roles.iter().find(|(r, _)| *r == role).map(|(_, id)| *id)
    }
}
