//! The partnership page: the charter with its goals, the organisations and
//! people it names, every membership and the people of the member
//! organisations, people's roles and the groups with their members, in one
//! read.

use crate::kernel::values::{ById, NamedRef, OrganisationId, PartnershipId, PersonId};
use crate::registry::groups::{self, Group};
use crate::registry::membership::{self, Membership};
use crate::registry::organisation;
use crate::registry::partnership::{self, Goal, Partnership};
use crate::registry::person::{self, PersonSummary};
use crate::registry::roles::{self, RoleHolders};
use crate::{Result, Workspace};
use serde::Serialize;
use ts_rs::TS;

/// Everything the partnership page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PartnershipDetail {
    pub partnership: Partnership,
    pub goals: Vec<Goal>,
    pub project_owner: Option<NamedRef<OrganisationId>>,
    pub contact_person: Option<NamedRef<PersonId>>,
    /// Ordered by role, then cluster, then organisation name.
    pub memberships: Vec<Membership>,
    /// The people of the member organisations, by organisation then name.
    pub people: Vec<PersonSummary>,
    /// Every role in the page's order, each with its holders (none when
    /// nobody holds it).
    pub roles: Vec<RoleHolders>,
    /// The groups inside the partnership with their members.
    pub groups: Vec<Group>,
}

impl Workspace {
    pub async fn partnership(&self, input: ById<PartnershipId>) -> Result<PartnershipDetail> {
        let mut conn = self.pool().acquire().await?;
        let partnership = partnership::get(&mut *conn, input.id).await?;
        let project_owner = match partnership.project_owner_id {
            Some(id) => organisation::named(&mut *conn, id).await?,
            None => None,
        };
        let contact_person = match partnership.contact_person_id {
            Some(id) => person::named(&mut *conn, id).await?,
            None => None,
        };
        Ok(PartnershipDetail {
            goals: partnership::goals(&mut *conn, input.id).await?,
            memberships: membership::of_partnership(&mut *conn, input.id).await?,
            people: person::of_partnership(&mut *conn, input.id).await?,
            roles: roles::of_partnership(&mut *conn, input.id).await?,
            groups: groups::of_partnership(&mut conn, input.id).await?,
            partnership,
            project_owner,
            contact_person,
        })
    }
}
