//! What is stored, read once when an import is planned: the file is matched
//! against it row by row in memory. Looking each row up with its own queries
//! took several round trips to the database thread per row, which made a
//! 10,000-row import slow and its time swing with the machine's load. The
//! rules that match a row with a stored record are the registry's own
//! (`registry::matching`, which its `find_match` look-ups use too), so the
//! import cannot come to match differently. Uses the import's `types` and the
//! registry.

use super::types::ImportKind;
use crate::kernel::values::{
    MembershipId, OrganisationId, OrganisationKind, PartnershipId, PersonId, Role,
};
use crate::registry::matching::{MembershipIndex, OrganisationIndex, PersonIndex};
use crate::registry::membership::{self, Membership};
use crate::registry::organisation::ValidOrganisation;
use crate::registry::person::{self, ValidPerson};
use crate::{Error, ErrorCode, Result};
use sqlx::SqliteConnection;
use std::collections::HashMap;

#[derive(Default)]
pub(super) struct Known {
    organisation_index: OrganisationIndex,
    /// Stored organisations as drafts give them.
    organisations: HashMap<OrganisationId, ValidOrganisation>,
    /// Stored people; empty for an import of organisations.
    person_index: PersonIndex,
    /// Stored people as drafts give them; read at the first match.
    people: Option<HashMap<PersonId, ValidPerson>>,
    /// The memberships of the partnership imported into.
    membership_index: MembershipIndex,
    memberships: HashMap<MembershipId, Membership>,
}

impl Known {
    pub(super) async fn load(
        conn: &mut SqliteConnection,
        kind: ImportKind,
        partnership_id: Option<PartnershipId>,
    ) -> Result<Known> {
        let mut known = Known::default();
        type OrganisationRow =
            (OrganisationId, String, String, OrganisationKind, Option<String>, String, Option<i64>);
        let organisations: Vec<OrganisationRow> = sqlx::query_as(
            "SELECT id, name, name_key, kind, code, county, employees FROM organisations ORDER BY id",
        )
        .fetch_all(&mut *conn)
        .await?;
        for (id, name, name_key, kind, code, county, employees) in organisations {
            known.organisation_index.add(id, code.clone(), name_key);
            known
                .organisations
                .insert(id, ValidOrganisation { name, kind, code, county, employees });
        }
        if kind == ImportKind::People {
            let people: Vec<(PersonId, Option<String>, String, Option<OrganisationId>)> =
                sqlx::query_as(
                    "SELECT id, email_key, name_key, organisation_id FROM people ORDER BY id",
                )
                .fetch_all(&mut *conn)
                .await?;
            for (id, email_key, name_key, organisation_id) in people {
                known.person_index.add(id, email_key, name_key, organisation_id);
            }
        }
        if let Some(pid) = partnership_id {
            for m in membership::of_partnership(&mut *conn, pid).await? {
                known.membership_index.add(m.id, m.partnership_id, m.organisation_id, m.role);
                known.memberships.insert(m.id, m);
            }
        }
        Ok(known)
    }

    /// The organisation a row means, as `organisation::find_match` finds it.
    pub(super) fn organisation(&self, code: Option<&str>, name: &str) -> Option<OrganisationId> {
        self.organisation_index.find(code, name)
    }

    /// What is stored for an organisation `organisation` found.
    pub(super) fn stored_organisation(&self, id: OrganisationId) -> Result<ValidOrganisation> {
        self.organisations
            .get(&id)
            .cloned()
            .ok_or_else(|| Error::new(ErrorCode::Storage, format!("organisation {id} vanished")))
    }

    /// The person a row means, as `person::find_match` finds them.
    pub(super) fn person(
        &self,
        email: Option<&str>,
        name: &str,
        organisation_id: Option<OrganisationId>,
    ) -> Option<PersonId> {
        self.person_index.find(email, name, organisation_id)
    }

    /// As `person::stored`, for all people at once.
    pub(super) async fn stored_person(
        &mut self,
        conn: &mut SqliteConnection,
        id: PersonId,
    ) -> Result<ValidPerson> {
        if self.people.is_none() {
            let needs: HashMap<PersonId, String> =
                sqlx::query_as("SELECT id, accessibility_needs FROM people")
                    .fetch_all(&mut *conn)
                    .await?
                    .into_iter()
                    .collect();
            let summaries = person::list(&mut *conn, &person::PersonQuery::all()).await?;
            let people = summaries.into_iter().map(|s| {
                let accessibility_needs = needs.get(&s.id).cloned().unwrap_or_default();
                (s.id, ValidPerson::stored(s, accessibility_needs))
            });
            self.people = Some(people.collect());
        }
        match self.people.as_ref().and_then(|p| p.get(&id)) {
            Some(p) => Ok(p.clone()),
            None => person::stored(conn, id).await,
        }
    }

    /// The membership a row means in the partnership imported into, as
    /// `membership::find_match` finds it.
    pub(super) fn membership(
        &self,
        partnership_id: PartnershipId,
        organisation_id: OrganisationId,
        role: Role,
    ) -> Option<Membership> {
        let id = self.membership_index.find(partnership_id, organisation_id, role)?;
        self.memberships.get(&id).cloned()
    }
}
