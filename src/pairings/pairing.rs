//! Mentor pairings in model-municipality rounds. In a round (a partnership)
//! a mentor organisation that went through the concept earlier supports a
//! group of one to three participants. Participants who complete the round
//! may mentor in later ones, so pairings form a lineage; an organisation
//! that has done both carries the Modellkommun or Modellregion title.

use crate::kernel::validate::{self, TEXT_MAX_CHARS};
use crate::kernel::values::{ContactSide, OrganisationKind, Role};
use crate::registry::partnership::PartnershipId;
use crate::{Error, ErrorCode, Result, Workspace, store::db};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::{SqliteConnection, SqliteExecutor};
use std::collections::{HashMap, HashSet};
use ts_rs::TS;

/// How many participants a mentor takes on in a round unless set otherwise.
pub const DEFAULT_CAPACITY: i64 = 3;
/// The most participants one pairing groups.
pub const MAX_GROUP: usize = 3;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum PairingStatus {
    #[default]
    Active,
    Completed,
    EndedEarly,
}

/// The title an organisation earns by completing a round and then mentoring
/// in a later one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ModelTitle {
    ModelMunicipality,
    ModelRegion,
    ModelOrganisation,
}

impl ModelTitle {
    fn for_kind(kind: OrganisationKind) -> Self {
        match kind {
            OrganisationKind::Municipality => ModelTitle::ModelMunicipality,
            OrganisationKind::Region | OrganisationKind::CountyCouncil => ModelTitle::ModelRegion,
            _ => ModelTitle::ModelOrganisation,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct OrganisationRef {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct PairingContact {
    #[ts(type = "number")]
    pub person_id: i64,
    pub name: String,
    #[ts(type = "number | null")]
    pub organisation_id: Option<i64>,
    pub side: ContactSide,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Pairing {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub partnership_id: i64,
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
    #[ts(type = "number")]
    pub partnership_id: i64,
    #[ts(type = "number | null")]
    pub mentor_organisation_id: Option<i64>,
    #[ts(type = "Array<number>")]
    pub participant_ids: Vec<i64>,
    /// People of the mentor organisation.
    #[ts(type = "Array<number>")]
    pub mentor_contact_ids: Vec<i64>,
    /// People of the participant organisations.
    #[ts(type = "Array<number>")]
    pub participant_contact_ids: Vec<i64>,
    pub start_date: String,
    pub end_date: String,
    pub status: PairingStatus,
    /// Required when the pairing ended early.
    pub end_reason: String,
    pub notes: String,
}

impl PairingDraft {
    pub fn new(partnership_id: i64, mentor: i64, participants: &[i64]) -> Self {
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
    #[ts(type = "number")]
    pub id: i64,
    pub draft: PairingDraft,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PairingId {
    #[ts(type = "number")]
    pub id: i64,
}

/// A mentor's load in a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct MentorLoad {
    #[ts(type = "number")]
    pub organisation_id: i64,
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
    #[ts(type = "number")]
    pub organisation_id: i64,
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
    #[ts(type = "number")]
    pub partnership_id: i64,
    #[ts(type = "number")]
    pub organisation_id: i64,
    #[ts(type = "number")]
    pub capacity: i64,
}

/// Marks participants as having completed the round on a date, or clears it
/// when the date is empty.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetRoundCompletion {
    #[ts(type = "number")]
    pub partnership_id: i64,
    #[ts(type = "Array<number>")]
    pub organisation_ids: Vec<i64>,
    pub completed_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MentorSuggestionQuery {
    #[ts(type = "number")]
    pub partnership_id: i64,
    /// The participants the mentor is chosen for, if already chosen.
    #[ts(type = "Array<number>")]
    pub participant_ids: Vec<i64>,
}

/// Why an organisation is suggested as a mentor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SuggestionReason {
    #[serde(rename_all = "camelCase")]
    CompletedRound {
        partnership_name: String,
        completed_on: NaiveDate,
    },
    MentoredBefore {
        #[ts(type = "number")]
        rounds: i64,
    },
    SameCounty {
        county: String,
    },
    SameCluster {
        cluster: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MentorCandidate {
    #[ts(type = "number")]
    pub organisation_id: i64,
    pub name: String,
    pub kind: OrganisationKind,
    pub county: String,
    pub reasons: Vec<SuggestionReason>,
    /// It has never completed a round itself.
    pub never_completed: bool,
    pub title: Option<ModelTitle>,
    #[ts(type = "number")]
    pub capacity: i64,
    #[ts(type = "number")]
    pub active_participants: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct CompletedRound {
    #[ts(type = "number")]
    pub partnership_id: i64,
    pub partnership_name: String,
    pub completed_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LineageOrganisation {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub title: Option<ModelTitle>,
}

/// One step of a lineage: a pairing and the organisation on its other side,
/// with that organisation's own steps further in the same direction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LineageStep {
    #[ts(type = "number")]
    pub pairing_id: i64,
    #[ts(type = "number")]
    pub partnership_id: i64,
    pub partnership_name: String,
    /// When the pairing began (its start, else the round's, else when it was recorded).
    pub since: NaiveDate,
    pub status: PairingStatus,
    pub organisation: LineageOrganisation,
    /// Further back (who mentored this mentor, earlier) or further on (whom
    /// this participant mentored, later).
    pub next: Vec<LineageStep>,
}

/// Who mentored an organisation and whom it mentored, across rounds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Lineage {
    pub organisation: LineageOrganisation,
    pub completed_rounds: Vec<CompletedRound>,
    pub mentored_by: Vec<LineageStep>,
    pub mentored: Vec<LineageStep>,
}

/// A draft that passed the rules that need no database.
struct Valid {
    d: PairingDraft,
    mentor: i64,
    start_date: Option<NaiveDate>,
    end_date: Option<NaiveDate>,
}

fn dedup_keep_order(ids: &mut Vec<i64>) {
    let mut seen = HashSet::new();
    ids.retain(|id| seen.insert(*id));
}

fn validate(mut d: PairingDraft) -> Result<Valid> {
    let Some(mentor) = d.mentor_organisation_id else {
        let message = "no mentor chosen";
        return Err(Error::at(ErrorCode::MentorRequired, "mentorOrganisationId", message));
    };
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
    d.notes = validate::text(std::mem::take(&mut d.notes), "notes", 100_000)?;
    Ok(Valid { d, mentor, start_date, end_date })
}

/// The rules that need the round: the organisations and people exist, each
/// participant has no other active mentor in the round, and the mentor has
/// room for the participants.
async fn check_round(conn: &mut SqliteConnection, v: &Valid, pairing: Option<i64>) -> Result<()> {
    let d = &v.d;
    if !crate::registry::partnership::exists(&mut *conn, d.partnership_id).await? {
        return Err(Error::at(ErrorCode::NotFound, "partnershipId", "no such partnership"));
    }
    if !crate::registry::organisation::exists(&mut *conn, v.mentor).await? {
        let message = "no such organisation";
        return Err(Error::at(ErrorCode::UnknownOrganisation, "mentorOrganisationId", message));
    }
    for (i, &p) in d.participant_ids.iter().enumerate() {
        if !crate::registry::organisation::exists(&mut *conn, p).await? {
            let field = format!("participantIds.{i}");
            return Err(Error::at(ErrorCode::UnknownOrganisation, &field, "no such organisation"));
        }
    }
    check_contacts(conn, &d.mentor_contact_ids, &[v.mentor], "mentorContactIds").await?;
    check_contacts(conn, &d.participant_contact_ids, &d.participant_ids, "participantContactIds")
        .await?;
    if d.status != PairingStatus::Active {
        return Ok(());
    }
    let this = pairing.unwrap_or(0);
    for (i, &p) in d.participant_ids.iter().enumerate() {
        let taken: Option<i64> = sqlx::query_scalar(
            "SELECT p.id FROM pairings p JOIN pairing_participants pp ON pp.pairing_id = p.id \
             WHERE p.partnership_id = ? AND p.status = 'active' AND pp.organisation_id = ? \
             AND p.id != ? LIMIT 1",
        )
        .bind(d.partnership_id)
        .bind(p)
        .bind(this)
        .fetch_optional(&mut *conn)
        .await?;
        if taken.is_some() {
            let field = format!("participantIds.{i}");
            let message = "participant already has an active mentor in the round";
            return Err(Error::at(ErrorCode::HasActiveMentor, &field, message));
        }
    }
    let (capacity, others) = load_except(conn, d.partnership_id, v.mentor, this).await?;
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
    people: &[i64],
    organisations: &[i64],
    field: &str,
) -> Result<()> {
    for (i, &person) in people.iter().enumerate() {
        let organisation: Option<Option<i64>> =
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

/// A mentor's capacity in a round and its active participants outside one pairing.
async fn load_except(
    conn: &mut SqliteConnection,
    partnership_id: i64,
    mentor: i64,
    pairing: i64,
) -> Result<(i64, i64)> {
    Ok(sqlx::query_as(
        "SELECT coalesce((SELECT mentor_capacity FROM memberships WHERE partnership_id = ?1 \
                AND organisation_id = ?2 AND role = 'mentor'), ?4), \
                (SELECT count(*) FROM pairings p JOIN pairing_participants pp \
                 ON pp.pairing_id = p.id WHERE p.partnership_id = ?1 \
                 AND p.mentor_organisation_id = ?2 AND p.status = 'active' AND p.id != ?3)",
    )
    .bind(partnership_id)
    .bind(mentor)
    .bind(pairing)
    .bind(DEFAULT_CAPACITY)
    .fetch_one(&mut *conn)
    .await?)
}

/// Adds the membership an organisation needs in the round, if it has none.
async fn ensure_membership(
    conn: &mut SqliteConnection,
    partnership_id: i64,
    organisation_id: i64,
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

async fn save_members(conn: &mut SqliteConnection, id: i64, v: &Valid, now: &str) -> Result<()> {
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

#[derive(sqlx::FromRow)]
struct PairingRow {
    id: i64,
    partnership_id: i64,
    partnership_name: String,
    mentor_id: i64,
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
    pairing_id: i64,
    #[sqlx(flatten)]
    organisation: OrganisationRef,
}

#[derive(sqlx::FromRow)]
struct ContactRow {
    pairing_id: i64,
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
    let mut members_of: HashMap<i64, Vec<OrganisationRef>> = HashMap::new();
    for m in members {
        members_of.entry(m.pairing_id).or_default().push(m.organisation);
    }
    let mut contacts_of: HashMap<i64, Vec<PairingContact>> = HashMap::new();
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

pub async fn get(conn: &mut SqliteConnection, id: i64) -> Result<Pairing> {
    let sql = concat!(pairing_columns!(), " WHERE p.id = ?");
    let row: Option<PairingRow> = sqlx::query_as(sql).bind(id).fetch_optional(&mut *conn).await?;
    let row = row.ok_or_else(|| not_found(id))?;
    Ok(assemble(conn, vec![row]).await?.remove(0))
}

/// The partnership a pairing belongs to, if the pairing exists.
pub async fn partnership_of<'e>(ex: impl SqliteExecutor<'e>, id: i64) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar("SELECT partnership_id FROM pairings WHERE id = ?")
        .bind(id)
        .fetch_optional(ex)
        .await?)
}

pub async fn of_partnership(conn: &mut SqliteConnection, id: i64) -> Result<Vec<Pairing>> {
    let sql = concat!(
        pairing_columns!(),
        " WHERE p.partnership_id = ? \
          ORDER BY p.status = 'active' DESC, o.name_key, p.start_date, p.id"
    );
    let rows = sqlx::query_as(sql).bind(id).fetch_all(&mut *conn).await?;
    assemble(conn, rows).await
}

async fn mentor_loads(conn: &mut SqliteConnection, partnership_id: i64) -> Result<Vec<MentorLoad>> {
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
    organisation_id: i64,
    name: String,
    completed_on: Option<NaiveDate>,
    mentor_id: Option<i64>,
    mentor_name: Option<String>,
}

async fn round_participants(
    conn: &mut SqliteConnection,
    partnership_id: i64,
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

async fn round(conn: &mut SqliteConnection, partnership_id: i64) -> Result<RoundPairings> {
    crate::registry::partnership::get(&mut *conn, partnership_id).await?;
    Ok(RoundPairings {
        pairings: of_partnership(conn, partnership_id).await?,
        mentors: mentor_loads(conn, partnership_id).await?,
        participants: round_participants(conn, partnership_id).await?,
    })
}

/// The date a pairing began, for ordering a lineage: its own start, else the
/// round's, else the day it was recorded.
macro_rules! since {
    () => {
        "coalesce(p.start_date, pa.start_date, substr(p.created_at, 1, 10))"
    };
}

/// Organisations that completed a round and then completed a pairing as
/// mentor in another round that began on or after that day.
async fn titled(conn: &mut SqliteConnection) -> Result<HashSet<i64>> {
    let sql = concat!(
        "SELECT DISTINCT m.organisation_id FROM memberships m \
         JOIN pairings p ON p.mentor_organisation_id = m.organisation_id \
           AND p.partnership_id != m.partnership_id AND p.status = 'completed' \
         JOIN partnerships pa ON pa.id = p.partnership_id \
         WHERE m.role = 'participant' AND m.completed_on IS NOT NULL AND ",
        since!(),
        " >= m.completed_on"
    );
    let ids: Vec<i64> = sqlx::query_scalar(sql).fetch_all(&mut *conn).await?;
    Ok(ids.into_iter().collect())
}

#[derive(sqlx::FromRow)]
struct CandidateRow {
    id: i64,
    name: String,
    kind: OrganisationKind,
    county: String,
}

async fn suggestions(
    conn: &mut SqliteConnection,
    q: &MentorSuggestionQuery,
    today: NaiveDate,
) -> Result<Vec<MentorCandidate>> {
    let round = crate::registry::partnership::get(&mut *conn, q.partnership_id).await?;
    let reference = round.start_date.unwrap_or(today);
    let candidates: Vec<CandidateRow> = sqlx::query_as(
        "SELECT id, name, kind, county FROM organisations o WHERE archived_at IS NULL \
         AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.organisation_id = o.id \
                         AND m.partnership_id = ? AND m.role = 'participant') \
         ORDER BY name_key, id",
    )
    .bind(q.partnership_id)
    .fetch_all(&mut *conn)
    .await?;
    let completions: Vec<(i64, String, NaiveDate)> = sqlx::query_as(
        "SELECT m.organisation_id, pa.name, m.completed_on FROM memberships m \
         JOIN partnerships pa ON pa.id = m.partnership_id \
         WHERE m.role = 'participant' AND m.completed_on IS NOT NULL \
         AND m.partnership_id != ? AND m.completed_on <= ? \
         ORDER BY m.completed_on DESC, pa.name_key",
    )
    .bind(q.partnership_id)
    .bind(reference)
    .fetch_all(&mut *conn)
    .await?;
    let mentored: HashMap<i64, i64> = sqlx::query_as(
        "SELECT mentor_organisation_id, count(DISTINCT partnership_id) FROM pairings \
         WHERE partnership_id != ? AND status != 'ended_early' GROUP BY mentor_organisation_id",
    )
    .bind(q.partnership_id)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .collect();
    let ids = serde_json::to_string(&q.participant_ids).expect("ids serialise");
    let counties: HashSet<String> = sqlx::query_scalar(
        "SELECT county FROM organisations WHERE county != '' \
         AND id IN (SELECT value FROM json_each(?))",
    )
    .bind(&ids)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .collect();
    let cluster_of: HashMap<i64, String> = sqlx::query_as(
        "SELECT organisation_id, cluster FROM memberships WHERE partnership_id = ? \
         AND cluster != ''",
    )
    .bind(q.partnership_id)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .collect();
    let clusters: HashSet<&String> =
        q.participant_ids.iter().filter_map(|p| cluster_of.get(p)).collect();
    let loads: HashMap<i64, MentorLoad> = mentor_loads(conn, q.partnership_id)
        .await?
        .into_iter()
        .map(|l| (l.organisation_id, l))
        .collect();
    let titled = titled(conn).await?;

    let mut completed_by: HashMap<i64, Vec<(String, NaiveDate)>> = HashMap::new();
    for (organisation, name, on) in completions {
        completed_by.entry(organisation).or_default().push((name, on));
    }
    let mut out = Vec::new();
    for c in candidates.into_iter().filter(|c| !q.participant_ids.contains(&c.id)) {
        let mut reasons = Vec::new();
        let completed = completed_by.remove(&c.id).unwrap_or_default();
        let never_completed = completed.is_empty();
        for (partnership_name, completed_on) in completed {
            reasons.push(SuggestionReason::CompletedRound { partnership_name, completed_on });
        }
        let rounds = mentored.get(&c.id).copied().unwrap_or(0);
        if rounds > 0 {
            reasons.push(SuggestionReason::MentoredBefore { rounds });
        }
        if counties.contains(&c.county) {
            reasons.push(SuggestionReason::SameCounty { county: c.county.clone() });
        }
        if let Some(cluster) = cluster_of.get(&c.id).filter(|k| clusters.contains(k)) {
            reasons.push(SuggestionReason::SameCluster { cluster: cluster.clone() });
        }
        if reasons.is_empty() {
            continue;
        }
        let (capacity, active_participants) =
            loads.get(&c.id).map_or((DEFAULT_CAPACITY, 0), |l| (l.capacity, l.active_participants));
        out.push(MentorCandidate {
            organisation_id: c.id,
            title: titled.contains(&c.id).then(|| ModelTitle::for_kind(c.kind)),
            name: c.name,
            kind: c.kind,
            county: c.county,
            reasons,
            never_completed,
            capacity,
            active_participants,
        });
    }
    // Stable sort: within a rank the alphabetical order of the query stays.
    out.sort_by_key(|c| {
        let has = |f: fn(&SuggestionReason) -> bool| !c.reasons.iter().any(f);
        (
            has(|r| matches!(r, SuggestionReason::CompletedRound { .. })),
            has(|r| matches!(r, SuggestionReason::MentoredBefore { .. })),
            has(|r| {
                matches!(
                    r,
                    SuggestionReason::SameCounty { .. } | SuggestionReason::SameCluster { .. }
                )
            }),
        )
    });
    Ok(out)
}

#[derive(Debug, Clone, sqlx::FromRow)]
struct Edge {
    pairing_id: i64,
    partnership_id: i64,
    partnership_name: String,
    since: NaiveDate,
    status: PairingStatus,
    mentor_id: i64,
    mentor_name: String,
    mentor_kind: OrganisationKind,
    participant_id: i64,
    participant_name: String,
    participant_kind: OrganisationKind,
}

/// Builds lineage steps from edges: up towards mentors (earlier pairings) or
/// down towards participants (later pairings), never visiting an
/// organisation twice on one path.
struct LineageWalk<'a> {
    edges: &'a [Edge],
    titled: &'a HashSet<i64>,
}

impl LineageWalk<'_> {
    fn organisation(&self, id: i64, name: &str, kind: OrganisationKind) -> LineageOrganisation {
        let title = self.titled.contains(&id).then(|| ModelTitle::for_kind(kind));
        LineageOrganisation { id, name: name.to_owned(), title }
    }

    fn steps(
        &self,
        of: i64,
        up: bool,
        bound: Option<NaiveDate>,
        path: &mut Vec<i64>,
    ) -> Vec<LineageStep> {
        let mut out = Vec::new();
        for e in self.edges {
            let (from, to) =
                if up { (e.participant_id, e.mentor_id) } else { (e.mentor_id, e.participant_id) };
            let in_time = match bound {
                None => true,
                Some(b) if up => e.since < b,
                Some(b) => e.since > b,
            };
            if from != of || !in_time || path.contains(&to) {
                continue;
            }
            path.push(to);
            let next = self.steps(to, up, Some(e.since), path);
            path.pop();
            let organisation = if up {
                self.organisation(e.mentor_id, &e.mentor_name, e.mentor_kind)
            } else {
                self.organisation(e.participant_id, &e.participant_name, e.participant_kind)
            };
            out.push(LineageStep {
                pairing_id: e.pairing_id,
                partnership_id: e.partnership_id,
                partnership_name: e.partnership_name.clone(),
                since: e.since,
                status: e.status,
                organisation,
                next,
            });
        }
        out
    }
}

async fn lineage(conn: &mut SqliteConnection, id: i64) -> Result<Lineage> {
    let o = crate::registry::organisation::get(&mut *conn, id).await?;
    let sql = concat!(
        "SELECT p.id AS pairing_id, p.partnership_id, pa.name AS partnership_name, ",
        since!(),
        " AS since, p.status, p.mentor_organisation_id AS mentor_id, mo.name AS mentor_name, \
         mo.kind AS mentor_kind, pp.organisation_id AS participant_id, \
         po.name AS participant_name, po.kind AS participant_kind \
         FROM pairing_participants pp JOIN pairings p ON p.id = pp.pairing_id \
         JOIN partnerships pa ON pa.id = p.partnership_id \
         JOIN organisations mo ON mo.id = p.mentor_organisation_id \
         JOIN organisations po ON po.id = pp.organisation_id \
         ORDER BY since, pa.name_key, pp.position"
    );
    let edges: Vec<Edge> = sqlx::query_as(sql).fetch_all(&mut *conn).await?;
    let titled = titled(conn).await?;
    let completed_rounds = sqlx::query_as(
        "SELECT m.partnership_id, pa.name AS partnership_name, m.completed_on \
         FROM memberships m JOIN partnerships pa ON pa.id = m.partnership_id \
         WHERE m.organisation_id = ? AND m.role = 'participant' AND m.completed_on IS NOT NULL \
         ORDER BY m.completed_on",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let walk = LineageWalk { edges: &edges, titled: &titled };
    let mut path = vec![id];
    Ok(Lineage {
        organisation: walk.organisation(o.id, &o.name, o.kind),
        completed_rounds,
        mentored_by: walk.steps(id, true, None, &mut path),
        mentored: walk.steps(id, false, None, &mut path),
    })
}

/// Creates a pairing; call inside a write transaction.
pub async fn insert(conn: &mut SqliteConnection, draft: PairingDraft, now: &str) -> Result<i64> {
    let v = validate(draft)?;
    check_round(conn, &v, None).await?;
    let id: i64 = sqlx::query_scalar(
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

fn not_found(id: i64) -> Error {
    Error::new(ErrorCode::NotFound, format!("pairing {id} does not exist"))
}

/// What a coordinator can do with mentor pairings.
impl Workspace {
    pub async fn round_pairings(&self, input: PartnershipId) -> Result<RoundPairings> {
        let mut conn = self.pool().acquire().await?;
        round(&mut conn, input.id).await
    }

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
    pub async fn delete_pairing(&self, input: PairingId) -> Result<()> {
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

    /// Sets how many participants a mentor takes on in the round; never fewer
    /// than it already has.
    pub async fn set_mentor_capacity(&self, input: SetMentorCapacity) -> Result<RoundPairings> {
        if !(1..=20).contains(&input.capacity) {
            return Err(Error::at(ErrorCode::InvalidNumber, "capacity", "capacity out of range"));
        }
        let now = self.clock().timestamp();
        let mut tx = db::begin_write(self.pool()).await?;
        if !crate::registry::organisation::exists(&mut *tx, input.organisation_id).await? {
            let message = "no such organisation";
            return Err(Error::at(ErrorCode::UnknownOrganisation, "organisationId", message));
        }
        crate::registry::partnership::get(&mut *tx, input.partnership_id).await?;
        let (_, active) =
            load_except(&mut tx, input.partnership_id, input.organisation_id, 0).await?;
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

    /// Candidates for mentor, best first, each with why.
    pub async fn mentor_suggestions(
        &self,
        input: MentorSuggestionQuery,
    ) -> Result<Vec<MentorCandidate>> {
        let mut conn = self.pool().acquire().await?;
        suggestions(&mut conn, &input, self.clock().today()).await
    }

    pub async fn lineage(
        &self,
        input: crate::registry::organisation::OrganisationId,
    ) -> Result<Lineage> {
        let mut conn = self.pool().acquire().await?;
        lineage(&mut conn, input.id).await
    }
}
