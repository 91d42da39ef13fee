//! The lineage of mentorship across rounds: who mentored an organisation (and
//! who mentored them, earlier) and whom it mentored (and whom they mentored,
//! later), walked from every pairing as an edge from mentor to participant,
//! with each organisation's title. Kept apart because it reads all rounds at
//! once, not one. Uses the pairing record, the title, the kernel, the store
//! and the registry.

use super::pairing::PairingStatus;
use super::title::{ModelTitle, Titled, since};
use crate::kernel::values::{ById, OrganisationId, OrganisationKind, PairingId, PartnershipId};
use crate::{Result, Workspace};
use chrono::NaiveDate;
use serde::Serialize;
use sqlx::SqliteConnection;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct CompletedRound {
    pub partnership_id: PartnershipId,
    pub partnership_name: String,
    pub completed_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LineageOrganisation {
    pub id: OrganisationId,
    pub name: String,
    pub title: Option<ModelTitle>,
}

/// One step of a lineage: a pairing and the organisation on its other side,
/// with that organisation's own steps further in the same direction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LineageStep {
    pub pairing_id: PairingId,
    pub partnership_id: PartnershipId,
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

#[derive(Debug, Clone, sqlx::FromRow)]
struct Edge {
    pairing_id: PairingId,
    partnership_id: PartnershipId,
    partnership_name: String,
    since: NaiveDate,
    status: PairingStatus,
    mentor_id: OrganisationId,
    mentor_name: String,
    mentor_kind: OrganisationKind,
    participant_id: OrganisationId,
    participant_name: String,
    participant_kind: OrganisationKind,
}

/// Builds lineage steps from edges: up towards mentors (earlier pairings) or
/// down towards participants (later pairings), never visiting an
/// organisation twice on one path.
struct LineageWalk<'a> {
    edges: &'a [Edge],
    titled: &'a Titled,
}

impl LineageWalk<'_> {
    fn organisation(
        &self,
        id: OrganisationId,
        name: &str,
        kind: OrganisationKind,
    ) -> LineageOrganisation {
        LineageOrganisation { id, name: name.to_owned(), title: self.titled.of(id, kind) }
    }

    fn steps(
        &self,
        of: OrganisationId,
        up: bool,
        bound: Option<NaiveDate>,
        path: &mut Vec<OrganisationId>,
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

async fn lineage(conn: &mut SqliteConnection, id: OrganisationId) -> Result<Lineage> {
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
    let titled = Titled::load(conn).await?;
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

impl Workspace {
    pub async fn lineage(&self, input: ById<OrganisationId>) -> Result<Lineage> {
        let mut conn = self.pool().acquire().await?;
        lineage(&mut conn, input.id).await
    }
}
