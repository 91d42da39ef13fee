//! Suggestions of a mentor for a round: organisations that completed an
//! earlier round first, then earlier mentors, then neighbours in the same
//! county or cluster, each with why and with its load in the round. Kept
//! apart because ranking is read-only and changes for other reasons than
//! the rules of a pairing. Uses the pairing record, the round's mentor
//! loads, the title, the kernel, the store and the registry.

use super::pairing::DEFAULT_CAPACITY;
use super::round::{MentorLoad, mentor_loads};
use super::title::{ModelTitle, Titled};
use crate::kernel::values::{OrganisationId, OrganisationKind, PartnershipId};
use crate::{Result, Workspace};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use std::collections::{HashMap, HashSet};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MentorSuggestionQuery {
    pub partnership_id: PartnershipId,
    /// The participants the mentor is chosen for, if already chosen.
    pub participant_ids: Vec<OrganisationId>,
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
    pub organisation_id: OrganisationId,
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

#[derive(sqlx::FromRow)]
struct CandidateRow {
    id: OrganisationId,
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
    let completions: Vec<(OrganisationId, String, NaiveDate)> = sqlx::query_as(
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
    let mentored: HashMap<OrganisationId, i64> = sqlx::query_as(
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
    let cluster_of: HashMap<OrganisationId, String> = sqlx::query_as(
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
    let loads: HashMap<OrganisationId, MentorLoad> = mentor_loads(conn, q.partnership_id)
        .await?
        .into_iter()
        .map(|l| (l.organisation_id, l))
        .collect();
    let titled = Titled::load(conn).await?;

    let mut completed_by: HashMap<OrganisationId, Vec<(String, NaiveDate)>> = HashMap::new();
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
            title: titled.of(c.id, c.kind),
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

impl Workspace {
    /// Candidates for mentor, best first, each with why.
    pub async fn mentor_suggestions(
        &self,
        input: MentorSuggestionQuery,
    ) -> Result<Vec<MentorCandidate>> {
        let most = crate::kernel::limits::MAX_ORGANISATION_IDS;
        crate::kernel::limits::count(input.participant_ids.len(), "participantIds", most)?;
        let mut conn = self.pool().acquire().await?;
        suggestions(&mut conn, &input, self.clock().today()).await
    }
}
