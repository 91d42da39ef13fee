//! Creating, changing and deleting pairings, and the rules every change must
//! pass: the group's size, dates and reason checked first without the
//! database, then what needs the round (the organisations and people exist,
//! each participant has one active mentor, the mentor has room). Kept apart
//! from the record so that reading a pairing never drags the rules along.
//! Uses the pairing record, the kernel, the store and the registry.

use super::pairing::{
    DEFAULT_CAPACITY, MAX_GROUP, Pairing, PairingDraft, PairingStatus, UpdatePairing, get,
    not_found, partnership_of,
};
use crate::kernel::limits;
use crate::kernel::validate::{self, TEXT_MAX_CHARS};
use crate::kernel::values::{
    ById, ContactSide, OrganisationId, PairingId, PartnershipId, PersonId, Role,
};
use crate::{Error, ErrorCode, Result, Workspace, store::db};
use chrono::NaiveDate;
use sqlx::SqliteConnection;
use std::collections::HashSet;

/// A draft that passed the rules that need no database.
struct Valid {
    d: PairingDraft,
    mentor: OrganisationId,
    start_date: Option<NaiveDate>,
    end_date: Option<NaiveDate>,
}

fn dedup_keep_order<I: Copy + Eq + std::hash::Hash>(ids: &mut Vec<I>) {
    let mut seen = HashSet::new();
    ids.retain(|id| seen.insert(*id));
}

fn validate(mut d: PairingDraft) -> Result<Valid> {
    let Some(mentor) = d.mentor_organisation_id else {
        let message = "no mentor chosen";
        return Err(Error::at(ErrorCode::MentorRequired, "mentorOrganisationId", message));
    };
    limits::count(d.mentor_contact_ids.len(), "mentorContactIds", limits::MAX_CONTACTS)?;
    let most = limits::MAX_CONTACTS;
    limits::count(d.participant_contact_ids.len(), "participantContactIds", most)?;
    dedup_keep_order(&mut d.participant_ids);
    dedup_keep_order(&mut d.mentor_contact_ids);
    dedup_keep_order(&mut d.participant_contact_ids);
    if d.participant_ids.is_empty() {
        let message = "no participants";
        return Err(Error::at(ErrorCode::ParticipantsRequired, "participantIds", message));
    }
    if d.participant_ids.len() > MAX_GROUP {
        let field = format!("participantIds.{MAX_GROUP}");
        return Err(Error::at(ErrorCode::TooManyParticipants, &field, "over three participants"));
    }
    if let Some(i) = d.participant_ids.iter().position(|&p| p == mentor) {
        let field = format!("participantIds.{i}");
        let message = "the mentor is also a participant";
        return Err(Error::at(ErrorCode::MentorIsParticipant, &field, message));
    }
    let start_date = validate::date(Some(&d.start_date), "startDate")?;
    let end_date = validate::date(Some(&d.end_date), "endDate")?;
    if let (Some(s), Some(e)) = (start_date, end_date)
        && e < s
    {
        return Err(Error::at(ErrorCode::EndBeforeStart, "endDate", "ends before it starts"));
    }
    d.end_reason = validate::text(d.end_reason.trim().to_owned(), "endReason", TEXT_MAX_CHARS)?;
    if d.status == PairingStatus::EndedEarly && d.end_reason.is_empty() {
        let message = "ended early without a reason";
        return Err(Error::at(ErrorCode::ReasonRequired, "endReason", message));
    }
    if d.status != PairingStatus::EndedEarly {
        d.end_reason.clear();
    }
    d.notes =
        validate::text(std::mem::take(&mut d.notes), "notes", limits::PAIRING_NOTES_MAX_CHARS)?;
    Ok(Valid { d, mentor, start_date, end_date })
}

/// Fails with `UnknownOrganisation` at `field` unless the organisation exists.
pub(super) async fn require_organisation(
    conn: &mut SqliteConnection,
    id: OrganisationId,
    field: &str,
) -> Result<()> {
    if !crate::registry::organisation::exists(&mut *conn, id).await? {
        return Err(Error::at(ErrorCode::UnknownOrganisation, field, "no such organisation"));
    }
    Ok(())
}

/// The rules that need the round: the organisations and people exist, each
/// participant has no other active mentor in the round, and the mentor has
/// room for the participants.
async fn check_round(
    conn: &mut SqliteConnection,
    v: &Valid,
    pairing: Option<PairingId>,
) -> Result<()> {
    let d = &v.d;
    if !crate::registry::partnership::exists(&mut *conn, d.partnership_id).await? {
        return Err(Error::at(ErrorCode::NotFound, "partnershipId", "no such partnership"));
    }
    require_organisation(conn, v.mentor, "mentorOrganisationId").await?;
    for (i, &p) in d.participant_ids.iter().enumerate() {
        require_organisation(conn, p, &format!("participantIds.{i}")).await?;
    }
    check_contacts(conn, &d.mentor_contact_ids, &[v.mentor], "mentorContactIds").await?;
    check_contacts(conn, &d.participant_contact_ids, &d.participant_ids, "participantContactIds")
        .await?;
    if d.status != PairingStatus::Active {
        return Ok(());
    }
    for (i, &p) in d.participant_ids.iter().enumerate() {
        let taken: Option<PairingId> = sqlx::query_scalar(
            "SELECT p.id FROM pairings p JOIN pairing_participants pp ON pp.pairing_id = p.id \
             WHERE p.partnership_id = ? AND p.status = 'active' AND pp.organisation_id = ? \
             AND p.id IS NOT ? LIMIT 1",
        )
        .bind(d.partnership_id)
        .bind(p)
        .bind(pairing)
        .fetch_optional(&mut *conn)
        .await?;
        if taken.is_some() {
            let field = format!("participantIds.{i}");
            let message = "participant already has an active mentor in the round";
            return Err(Error::at(ErrorCode::HasActiveMentor, &field, message));
        }
    }
    let (capacity, others) = load_except(conn, d.partnership_id, v.mentor, pairing).await?;
    if others + d.participant_ids.len() as i64 > capacity {
        let field = format!("participantIds.{}", (capacity - others).max(0));
        let message = format!("mentor has room for {capacity}, {others} taken");
        return Err(Error::at(ErrorCode::CapacityExceeded, &field, message));
    }
    Ok(())
}

/// Each contact must belong to one of the organisations on that side.
async fn check_contacts(
    conn: &mut SqliteConnection,
    people: &[PersonId],
    organisations: &[OrganisationId],
    field: &str,
) -> Result<()> {
    for (i, &person) in people.iter().enumerate() {
        let organisation: Option<Option<OrganisationId>> =
            sqlx::query_scalar("SELECT organisation_id FROM people WHERE id = ?")
                .bind(person)
                .fetch_optional(&mut *conn)
                .await?;
        let field = format!("{field}.{i}");
        match organisation {
            None => return Err(Error::at(ErrorCode::UnknownPerson, &field, "no such person")),
            Some(Some(o)) if organisations.contains(&o) => {}
            Some(_) => {
                let message = "contact is not in the organisation";
                return Err(Error::at(ErrorCode::ContactNotInOrganisation, &field, message));
            }
        }
    }
    Ok(())
}

/// A mentor's capacity in a round and its active participants outside one
/// pairing, if any.
pub(super) async fn load_except(
    conn: &mut SqliteConnection,
    partnership_id: PartnershipId,
    mentor: OrganisationId,
    pairing: Option<PairingId>,
) -> Result<(i64, i64)> {
    Ok(sqlx::query_as(
        "SELECT coalesce((SELECT mentor_capacity FROM memberships WHERE partnership_id = ?1 \
                AND organisation_id = ?2 AND role = 'mentor'), ?4), \
                (SELECT count(*) FROM pairings p JOIN pairing_participants pp \
                 ON pp.pairing_id = p.id WHERE p.partnership_id = ?1 \
                 AND p.mentor_organisation_id = ?2 AND p.status = 'active' AND p.id IS NOT ?3)",
    )
    .bind(partnership_id)
    .bind(mentor)
    .bind(pairing)
    .bind(DEFAULT_CAPACITY)
    .fetch_one(&mut *conn)
    .await?)
}

/// Adds the membership an organisation needs in the round, if it has none.
pub(super) async fn ensure_membership(
    conn: &mut SqliteConnection,
    partnership_id: PartnershipId,
    organisation_id: OrganisationId,
    role: Role,
    now: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO memberships (partnership_id, organisation_id, role, created_at) \
         VALUES (?, ?, ?, ?) ON CONFLICT (partnership_id, organisation_id, role) DO NOTHING",
    )
    .bind(partnership_id)
    .bind(organisation_id)
    .bind(role)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

async fn save_members(
    conn: &mut SqliteConnection,
    id: PairingId,
    v: &Valid,
    now: &str,
) -> Result<()> {
    let d = &v.d;
    ensure_membership(conn, d.partnership_id, v.mentor, Role::Mentor, now).await?;
    sqlx::query("DELETE FROM pairing_participants WHERE pairing_id = ?")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for (position, &p) in d.participant_ids.iter().enumerate() {
        ensure_membership(conn, d.partnership_id, p, Role::Participant, now).await?;
        sqlx::query(
            "INSERT INTO pairing_participants (pairing_id, organisation_id, position) \
             VALUES (?, ?, ?)",
        )
        .bind(id)
        .bind(p)
        .bind(position as i64)
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query("DELETE FROM pairing_contacts WHERE pairing_id = ?")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    let contacts = (d.mentor_contact_ids.iter().map(|&p| (p, ContactSide::Mentor)))
        .chain(d.participant_contact_ids.iter().map(|&p| (p, ContactSide::Participant)));
    for (person, side) in contacts {
        sqlx::query(
            "INSERT INTO pairing_contacts (pairing_id, person_id, side) VALUES (?, ?, ?) \
             ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(person)
        .bind(side)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Creates a pairing; call inside a write transaction.
pub async fn insert(
    conn: &mut SqliteConnection,
    draft: PairingDraft,
    now: &str,
) -> Result<PairingId> {
    let v = validate(draft)?;
    check_round(conn, &v, None).await?;
    let id: PairingId = sqlx::query_scalar(
        "INSERT INTO pairings (partnership_id, mentor_organisation_id, start_date, end_date, \
         status, end_reason, notes, created_at, updated_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(v.d.partnership_id)
    .bind(v.mentor)
    .bind(v.start_date)
    .bind(v.end_date)
    .bind(v.d.status)
    .bind(&v.d.end_reason)
    .bind(&v.d.notes)
    .bind(now)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    save_members(conn, id, &v, now).await?;
    Ok(id)
}

/// What a coordinator can do with one mentor pairing.
impl Workspace {
    /// Pairs a mentor with participants; adds their memberships of the round
    /// if they have none.
    pub async fn create_pairing(&self, draft: PairingDraft) -> Result<Pairing> {
        let mut tx = db::begin_write(self.pool()).await?;
        let id = insert(&mut tx, draft, &self.clock().timestamp()).await?;
        let pairing = get(&mut tx, id).await?;
        tx.commit().await?;
        Ok(pairing)
    }

    pub async fn update_pairing(&self, input: UpdatePairing) -> Result<Pairing> {
        let v = validate(input.draft)?;
        let now = self.clock().timestamp();
        let mut tx = db::begin_write(self.pool()).await?;
        let current = partnership_of(&mut *tx, input.id).await?;
        match current {
            None => return Err(not_found(input.id)),
            Some(p) if p != v.d.partnership_id => {
                let message = "a pairing cannot move to another round";
                return Err(Error::at(ErrorCode::InvalidInput, "partnershipId", message));
            }
            Some(_) => {}
        }
        check_round(&mut tx, &v, Some(input.id)).await?;
        sqlx::query(
            "UPDATE pairings SET mentor_organisation_id = ?, start_date = ?, end_date = ?, \
             status = ?, end_reason = ?, notes = ?, updated_at = ? WHERE id = ?",
        )
        .bind(v.mentor)
        .bind(v.start_date)
        .bind(v.end_date)
        .bind(v.d.status)
        .bind(&v.d.end_reason)
        .bind(&v.d.notes)
        .bind(&now)
        .bind(input.id)
        .execute(&mut *tx)
        .await?;
        save_members(&mut tx, input.id, &v, &now).await?;
        let pairing = get(&mut tx, input.id).await?;
        tx.commit().await?;
        Ok(pairing)
    }

    /// Deletes a pairing that has no mentor sessions.
    pub async fn delete_pairing(&self, input: ById<PairingId>) -> Result<()> {
        let mut tx = db::begin_write(self.pool()).await?;
        let sessions: i64 =
            sqlx::query_scalar("SELECT count(*) FROM meetings WHERE pairing_id = ?")
                .bind(input.id)
                .fetch_one(&mut *tx)
                .await?;
        if sessions > 0 {
            return Err(Error::new(ErrorCode::InUse, "the pairing has mentor sessions"));
        }
        let done = sqlx::query("DELETE FROM pairings WHERE id = ?")
            .bind(input.id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(not_found(input.id));
        }
        tx.commit().await?;
        Ok(())
    }
}
