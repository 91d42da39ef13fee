//! A round as its page shows it: the pairings, each mentor's load against its
//! capacity, and the participants with their active mentor and whether they
//! completed; with the two changes made to the round as a whole, a mentor's
//! capacity and who completed. Completing a round completes its finished
//! pairings. Uses the pairing record and its rules (`edit`), the kernel, the
//! store and the registry.

use super::edit::{ensure_membership, load_except, require_organisation};
use super::pairing::{DEFAULT_CAPACITY, OrganisationRef, Pairing, of_partnership};
use crate::kernel::limits;
use crate::kernel::validate;
use crate::kernel::values::{ById, OrganisationId, PartnershipId, Role};
use crate::{Error, ErrorCode, Result, Workspace, store::db};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

/// A mentor's load in a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct MentorLoad {
    pub organisation_id: OrganisationId,
    pub name: String,
    #[ts(type = "number")]
    pub capacity: i64,
    /// Participants in the mentor's active pairings of the round.
    #[ts(type = "number")]
    pub active_participants: i64,
}

/// A participant of a round: whether it completed, and its active mentor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoundParticipant {
    pub organisation_id: OrganisationId,
    pub name: String,
    pub completed_on: Option<NaiveDate>,
    pub mentor: Option<OrganisationRef>,
}

/// The round page's pairings section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoundPairings {
    pub pairings: Vec<Pairing>,
    pub mentors: Vec<MentorLoad>,
    pub participants: Vec<RoundParticipant>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetMentorCapacity {
    pub partnership_id: PartnershipId,
    pub organisation_id: OrganisationId,
    #[ts(type = "number")]
    pub capacity: i64,
}

/// Marks participants as having completed the round on a date, or clears it
/// when the date is empty.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetRoundCompletion {
    pub partnership_id: PartnershipId,
    pub organisation_ids: Vec<OrganisationId>,
    pub completed_on: String,
}

/// Every mentor of the round with its capacity and active participants.
pub(super) async fn mentor_loads(
    conn: &mut SqliteConnection,
    partnership_id: PartnershipId,
) -> Result<Vec<MentorLoad>> {
    Ok(sqlx::query_as(
        "SELECT m.organisation_id, o.name, coalesce(m.mentor_capacity, ?2) AS capacity, \
         (SELECT count(*) FROM pairings p JOIN pairing_participants pp ON pp.pairing_id = p.id \
          WHERE p.partnership_id = ?1 AND p.mentor_organisation_id = m.organisation_id \
          AND p.status = 'active') AS active_participants \
         FROM memberships m JOIN organisations o ON o.id = m.organisation_id \
         WHERE m.partnership_id = ?1 AND m.role = 'mentor' ORDER BY o.name_key, o.id",
    )
    .bind(partnership_id)
    .bind(DEFAULT_CAPACITY)
    .fetch_all(&mut *conn)
    .await?)
}

#[derive(sqlx::FromRow)]
struct ParticipantRow {
    organisation_id: OrganisationId,
    name: String,
    completed_on: Option<NaiveDate>,
    mentor_id: Option<OrganisationId>,
    mentor_name: Option<String>,
}

async fn round_participants(
    conn: &mut SqliteConnection,
    partnership_id: PartnershipId,
) -> Result<Vec<RoundParticipant>> {
    let rows: Vec<ParticipantRow> = sqlx::query_as(
        "SELECT m.organisation_id, o.name, m.completed_on, \
         p.mentor_organisation_id AS mentor_id, mo.name AS mentor_name \
         FROM memberships m JOIN organisations o ON o.id = m.organisation_id \
         LEFT JOIN pairing_participants pp ON pp.organisation_id = m.organisation_id \
           AND pp.pairing_id IN (SELECT id FROM pairings WHERE partnership_id = ?1 \
                                 AND status = 'active') \
         LEFT JOIN pairings p ON p.id = pp.pairing_id \
         LEFT JOIN organisations mo ON mo.id = p.mentor_organisation_id \
         WHERE m.partnership_id = ?1 AND m.role = 'participant' ORDER BY o.name_key, o.id",
    )
    .bind(partnership_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| RoundParticipant {
            organisation_id: r.organisation_id,
            name: r.name,
            completed_on: r.completed_on,
            mentor: r.mentor_id.zip(r.mentor_name).map(|(id, name)| OrganisationRef { id, name }),
        })
        .collect())
}

async fn round(
    conn: &mut SqliteConnection,
    partnership_id: PartnershipId,
) -> Result<RoundPairings> {
    crate::registry::partnership::get(&mut *conn, partnership_id).await?;
    Ok(RoundPairings {
        pairings: of_partnership(conn, partnership_id).await?,
        mentors: mentor_loads(conn, partnership_id).await?,
        participants: round_participants(conn, partnership_id).await?,
    })
}

/// What a coordinator can do with the pairings of a round as a whole.
impl Workspace {
    pub async fn round_pairings(&self, input: ById<PartnershipId>) -> Result<RoundPairings> {
        let mut conn = self.pool().acquire().await?;
        round(&mut conn, input.id).await
    }

    /// Sets how many participants a mentor takes on in the round; never fewer
    /// than it already has.
    pub async fn set_mentor_capacity(&self, input: SetMentorCapacity) -> Result<RoundPairings> {
        if !(1..=limits::CAPACITY_MAX).contains(&input.capacity) {
            return Err(Error::at(ErrorCode::InvalidNumber, "capacity", "capacity out of range"));
        }
        let now = self.clock().timestamp();
        let mut tx = db::begin_write(self.pool()).await?;
        require_organisation(&mut tx, input.organisation_id, "organisationId").await?;
        crate::registry::partnership::get(&mut *tx, input.partnership_id).await?;
        let (_, active) =
            load_except(&mut tx, input.partnership_id, input.organisation_id, None).await?;
        if input.capacity < active {
            let message = format!("{active} participants already");
            return Err(Error::at(ErrorCode::CapacityExceeded, "capacity", message));
        }
        ensure_membership(&mut tx, input.partnership_id, input.organisation_id, Role::Mentor, &now)
            .await?;
        sqlx::query(
            "UPDATE memberships SET mentor_capacity = ? WHERE partnership_id = ? \
             AND organisation_id = ? AND role = 'mentor'",
        )
        .bind(input.capacity)
        .bind(input.partnership_id)
        .bind(input.organisation_id)
        .execute(&mut *tx)
        .await?;
        let round = round(&mut tx, input.partnership_id).await?;
        tx.commit().await?;
        Ok(round)
    }

    /// Marks participants as having completed the round (or clears it). An
    /// active pairing whose participants have all completed is completed too.
    pub async fn set_round_completion(&self, input: SetRoundCompletion) -> Result<RoundPairings> {
        let most = limits::MAX_ORGANISATION_IDS;
        limits::count(input.organisation_ids.len(), "organisationIds", most)?;
        let on = validate::date(Some(&input.completed_on), "completedOn")?;
        let mut tx = db::begin_write(self.pool()).await?;
        crate::registry::partnership::get(&mut *tx, input.partnership_id).await?;
        for (i, &organisation) in input.organisation_ids.iter().enumerate() {
            let done = sqlx::query(
                "UPDATE memberships SET completed_on = ? WHERE partnership_id = ? \
                 AND organisation_id = ? AND role = 'participant'",
            )
            .bind(on)
            .bind(input.partnership_id)
            .bind(organisation)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                let field = format!("organisationIds.{i}");
                let message = "not a participant of the round";
                return Err(Error::at(ErrorCode::NotParticipant, &field, message));
            }
        }
        if let Some(on) = on {
            sqlx::query(
                "UPDATE pairings SET status = 'completed', end_date = coalesce(end_date, ?2), \
                 updated_at = ?3 WHERE partnership_id = ?1 AND status = 'active' \
                 AND (start_date IS NULL OR start_date <= ?2) \
                 AND NOT EXISTS (SELECT 1 FROM pairing_participants pp \
                   JOIN memberships m ON m.organisation_id = pp.organisation_id \
                   AND m.partnership_id = ?1 AND m.role = 'participant' \
                   WHERE pp.pairing_id = pairings.id AND m.completed_on IS NULL)",
            )
            .bind(input.partnership_id)
            .bind(on)
            .bind(self.clock().timestamp())
            .execute(&mut *tx)
            .await?;
        }
        let round = round(&mut tx, input.partnership_id).await?;
        tx.commit().await?;
        Ok(round)
    }
}
