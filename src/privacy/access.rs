//! Access: everything Samlär holds about one person, gathered for a request under
//! the GDPR (the person's right of access): their record and every place
//! that names them.

use crate::kernel::values::{ById, ContactSide, NamedRef, PairingId, PartnershipId, PersonId};
use crate::registry::person::{Person, get};
use crate::{Result, Workspace};
use serde::Serialize;
use ts_rs::TS;

/// Everything Samlär holds about one person, for a request under the GDPR.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonExport {
    pub exported_at: String,
    pub person: Person,
    /// Partnerships that name this person as their contact.
    pub contact_for: Vec<NamedRef<PartnershipId>>,
    /// Mentor pairings that name this person as a contact.
    pub contact_in_pairings: Vec<PairingContactRole>,
}

/// A mentor pairing a person is a contact in, and on which side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct PairingContactRole {
    pub pairing_id: PairingId,
    pub partnership_name: String,
    pub mentor_name: String,
    pub side: ContactSide,
}

impl Workspace {
    /// Everything stored about one person.
    pub async fn person_export(&self, input: ById<PersonId>) -> Result<PersonExport> {
        let mut conn = self.pool().acquire().await?;
        let person = get(&mut conn, input.id).await?;
        let contact_for = sqlx::query_as(
            "SELECT id, name FROM partnerships WHERE contact_person_id = ? ORDER BY name_key",
        )
        .bind(input.id)
        .fetch_all(&mut *conn)
        .await?;
        let contact_in_pairings = sqlx::query_as(
            "SELECT c.pairing_id, pa.name AS partnership_name, o.name AS mentor_name, c.side \
             FROM pairing_contacts c JOIN pairings p ON p.id = c.pairing_id \
             JOIN partnerships pa ON pa.id = p.partnership_id \
             JOIN organisations o ON o.id = p.mentor_organisation_id \
             WHERE c.person_id = ? ORDER BY pa.name_key, c.pairing_id",
        )
        .bind(input.id)
        .fetch_all(&mut *conn)
        .await?;
        Ok(PersonExport {
            exported_at: self.clock().timestamp(),
            person,
            contact_for,
            contact_in_pairings,
        })
    }
}
