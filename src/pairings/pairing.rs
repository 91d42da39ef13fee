//! The pairing record: in a model-municipality round (a partnership) a mentor
//! organisation that went through the concept earlier supports a group of one
//! to three participants, with contacts on both sides. This file says what a
//! pairing is and reads it back whole; it comes first in the room, so every
//! other file here may use it and it uses none of them. Uses the kernel.

use crate::kernel::values::{ContactSide, OrganisationId, PairingId, PartnershipId, PersonId};
use crate::{Error, ErrorCode, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::{SqliteConnection, SqliteExecutor};
use std::collections::HashMap;
use ts_rs::TS;

/// How many participants a mentor takes on in a round unless set otherwise.
pub const DEFAULT_CAPACITY: i64 = 3;
/// The most participants one pairing groups.
pub use crate::kernel::limits::MAX_GROUP;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum PairingStatus {
    #[default]
    Active,
    Completed,
    EndedEarly,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct OrganisationRef {
    pub id: OrganisationId,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct PairingContact {
    pub person_id: PersonId,
    pub name: String,
    pub organisation_id: Option<OrganisationId>,
    pub side: ContactSide,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Pairing {
    pub id: PairingId,
    pub partnership_id: PartnershipId,
    pub partnership_name: String,
    pub mentor: OrganisationRef,
    pub participants: Vec<OrganisationRef>,
    pub contacts: Vec<PairingContact>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub status: PairingStatus,
    pub end_reason: String,
    pub notes: String,
    /// Mentor sessions held so far.
    #[ts(type = "number")]
    pub sessions: i64,
}

/// A pairing as the form sends it. Dates are `YYYY-MM-DD` or empty.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PairingDraft {
    pub partnership_id: PartnershipId,
    pub mentor_organisation_id: Option<OrganisationId>,
    pub participant_ids: Vec<OrganisationId>,
    /// People of the mentor organisation.
    pub mentor_contact_ids: Vec<PersonId>,
    /// People of the participant organisations.
    pub participant_contact_ids: Vec<PersonId>,
    pub start_date: String,
    pub end_date: String,
    pub status: PairingStatus,
    /// Required when the pairing ended early.
    pub end_reason: String,
    pub notes: String,
}

impl PairingDraft {
    pub fn new(
        partnership_id: PartnershipId,
        mentor: OrganisationId,
        participants: &[OrganisationId],
    ) -> Self {
        Self {
            partnership_id,
            mentor_organisation_id: Some(mentor),
            participant_ids: participants.to_vec(),
            mentor_contact_ids: Vec::new(),
            participant_contact_ids: Vec::new(),
            start_date: String::new(),
            end_date: String::new(),
            status: PairingStatus::Active,
            end_reason: String::new(),
            notes: String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdatePairing {
    pub id: PairingId,
    pub draft: PairingDraft,
}

pub(super) fn not_found(id: PairingId) -> Error {
    Error::new(ErrorCode::NotFound, format!("pairing {id} does not exist"))
}

#[derive(sqlx::FromRow)]
struct PairingRow {
    id: PairingId,
    partnership_id: PartnershipId,
    partnership_name: String,
    mentor_id: OrganisationId,
    mentor_name: String,
    start_date: Option<NaiveDate>,
    end_date: Option<NaiveDate>,
    status: PairingStatus,
    end_reason: String,
    notes: String,
    sessions: i64,
}

macro_rules! pairing_columns {
    () => {
        "SELECT p.id, p.partnership_id, pa.name AS partnership_name, \
         p.mentor_organisation_id AS mentor_id, o.name AS mentor_name, p.start_date, \
         p.end_date, p.status, p.end_reason, p.notes, \
         (SELECT count(*) FROM meetings m WHERE m.pairing_id = p.id) AS sessions \
         FROM pairings p JOIN partnerships pa ON pa.id = p.partnership_id \
         JOIN organisations o ON o.id = p.mentor_organisation_id"
    };
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    pairing_id: PairingId,
    #[sqlx(flatten)]
    organisation: OrganisationRef,
}

#[derive(sqlx::FromRow)]
struct ContactRow {
    pairing_id: PairingId,
    #[sqlx(flatten)]
    contact: PairingContact,
}

/// Completes pairing rows with their participants and contacts, in two queries.
async fn assemble(conn: &mut SqliteConnection, rows: Vec<PairingRow>) -> Result<Vec<Pairing>> {
    let ids = serde_json::to_string(&rows.iter().map(|r| r.id).collect::<Vec<_>>())
        .expect("ids serialise");
    let members: Vec<MemberRow> = sqlx::query_as(
        "SELECT pp.pairing_id, o.id, o.name FROM pairing_participants pp \
         JOIN organisations o ON o.id = pp.organisation_id \
         WHERE pp.pairing_id IN (SELECT value FROM json_each(?)) ORDER BY pp.position",
    )
    .bind(&ids)
    .fetch_all(&mut *conn)
    .await?;
    let contacts: Vec<ContactRow> = sqlx::query_as(
        "SELECT c.pairing_id, c.person_id, pe.name, pe.organisation_id, c.side \
         FROM pairing_contacts c JOIN people pe ON pe.id = c.person_id \
         WHERE c.pairing_id IN (SELECT value FROM json_each(?)) \
         ORDER BY c.side, pe.name_key, pe.id",
    )
    .bind(&ids)
    .fetch_all(&mut *conn)
    .await?;
    let mut members_of: HashMap<PairingId, Vec<OrganisationRef>> = HashMap::new();
    for m in members {
        members_of.entry(m.pairing_id).or_default().push(m.organisation);
    }
    let mut contacts_of: HashMap<PairingId, Vec<PairingContact>> = HashMap::new();
    for c in contacts {
        contacts_of.entry(c.pairing_id).or_default().push(c.contact);
    }
    Ok(rows
        .into_iter()
        .map(|r| Pairing {
            participants: members_of.remove(&r.id).unwrap_or_default(),
            contacts: contacts_of.remove(&r.id).unwrap_or_default(),
            id: r.id,
            partnership_id: r.partnership_id,
            partnership_name: r.partnership_name,
            mentor: OrganisationRef { id: r.mentor_id, name: r.mentor_name },
            start_date: r.start_date,
            end_date: r.end_date,
            status: r.status,
            end_reason: r.end_reason,
            notes: r.notes,
            sessions: r.sessions,
        })
        .collect())
}

pub async fn get(conn: &mut SqliteConnection, id: PairingId) -> Result<Pairing> {
    let sql = concat!(pairing_columns!(), " WHERE p.id = ?");
    let row: Option<PairingRow> = sqlx::query_as(sql).bind(id).fetch_optional(&mut *conn).await?;
    let row = row.ok_or_else(|| not_found(id))?;
    Ok(assemble(conn, vec![row]).await?.remove(0))
}

/// The partnership a pairing belongs to, if the pairing exists.
pub async fn partnership_of<'e>(
    ex: impl SqliteExecutor<'e>,
    id: PairingId,
) -> Result<Option<PartnershipId>> {
    Ok(sqlx::query_scalar("SELECT partnership_id FROM pairings WHERE id = ?")
        .bind(id)
        .fetch_optional(ex)
        .await?)
}

pub async fn of_partnership(
    conn: &mut SqliteConnection,
    id: PartnershipId,
) -> Result<Vec<Pairing>> {
    let sql = concat!(
        pairing_columns!(),
        " WHERE p.partnership_id = ? \
          ORDER BY p.status = 'active' DESC, o.name_key, p.start_date, p.id"
    );
    let rows = sqlx::query_as(sql).bind(id).fetch_all(&mut *conn).await?;
    assemble(conn, rows).await
}
