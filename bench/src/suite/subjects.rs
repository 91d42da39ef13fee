//! What each command is called with: the heaviest case of its kind in the
//! data file, found by SQL and, for follow-ups and lineages, by the core.

use crate::generate::BoxError;
use samlar::Workspace;
use samlar::kernel::values::{ById, MeetingId, OrganisationId};
use sqlx::SqlitePool;

/// What each command is called with: the heaviest case of its kind.
#[derive(Debug, Clone, Default)]
pub struct Subjects {
    pub biggest_partnership: i64,
    pub busiest_partnership: i64,
    pub busiest_organisation: i64,
    pub most_actions_organisation: i64,
    pub lineage_organisation: i64,
    pub lineage_depth: usize,
    pub person: i64,
    pub most_attended_meeting: i64,
    pub most_followed_meeting: i64,
    pub follow_ups: usize,
    pub round: i64,
    pub active_round: i64,
    pub active_round_participant: Option<i64>,
    pub pairing: i64,
    pub autosave_meeting: i64,
}

async fn scalar(pool: &SqlitePool, sql: &'static str) -> Result<i64, BoxError> {
    let v: Option<i64> = sqlx::query_scalar(sql).fetch_optional(pool).await?;
    Ok(v.unwrap_or(0))
}

fn depth(steps: &[samlar::pairings::lineage::LineageStep]) -> usize {
    steps.iter().map(|s| 1 + depth(&s.next)).max().unwrap_or(0)
}

pub async fn subjects(ws: &Workspace) -> Result<Subjects, BoxError> {
    let pool = ws.pool();
    let mut s = Subjects {
        biggest_partnership: scalar(
            pool,
            "SELECT m.partnership_id FROM memberships m JOIN people p \
             ON p.organisation_id = m.organisation_id GROUP BY m.partnership_id \
             ORDER BY count(DISTINCT p.id) DESC, m.partnership_id LIMIT 1",
        )
        .await?,
        busiest_partnership: scalar(
            pool,
            "SELECT partnership_id FROM meetings GROUP BY partnership_id \
             ORDER BY count(*) DESC, partnership_id LIMIT 1",
        )
        .await?,
        busiest_organisation: scalar(
            pool,
            "SELECT organisation_id FROM memberships GROUP BY organisation_id \
             ORDER BY count(*) DESC, organisation_id LIMIT 1",
        )
        .await?,
        most_actions_organisation: scalar(
            pool,
            "SELECT organisation_id FROM actions WHERE organisation_id IS NOT NULL \
             GROUP BY organisation_id ORDER BY count(*) DESC, organisation_id LIMIT 1",
        )
        .await?,
        person: scalar(
            pool,
            "SELECT person_id FROM attendance GROUP BY person_id \
             ORDER BY count(*) DESC, person_id LIMIT 1",
        )
        .await?,
        most_attended_meeting: scalar(
            pool,
            "SELECT meeting_id FROM attendance GROUP BY meeting_id \
             ORDER BY count(*) DESC, meeting_id LIMIT 1",
        )
        .await?,
        round: scalar(
            pool,
            "SELECT partnership_id FROM pairings GROUP BY partnership_id \
             ORDER BY count(*) DESC, partnership_id LIMIT 1",
        )
        .await?,
        active_round: scalar(
            pool,
            "SELECT id FROM partnerships WHERE kind = 'model_municipality_round' \
             ORDER BY start_date DESC, id DESC LIMIT 1",
        )
        .await?,
        pairing: scalar(
            pool,
            "SELECT pairing_id FROM meetings WHERE pairing_id IS NOT NULL \
             GROUP BY pairing_id ORDER BY count(*) DESC, pairing_id LIMIT 1",
        )
        .await?,
        ..Subjects::default()
    };
    s.active_round_participant = sqlx::query_scalar(
        "SELECT organisation_id FROM memberships WHERE partnership_id = ? \
         AND role = 'participant' ORDER BY id LIMIT 1",
    )
    .bind(s.active_round)
    .fetch_optional(pool)
    .await?;
    // The meeting page with the longest follow-up list: among the meetings
    // where most follow-ups were recorded and the latest held meetings of
    // the partnerships with most actions.
    let candidates: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM (SELECT meeting_id AS id FROM action_followups GROUP BY meeting_id \
           ORDER BY count(*) DESC, meeting_id LIMIT 5) \
         UNION SELECT (SELECT m.id FROM meetings m WHERE m.partnership_id = a.partnership_id \
           AND m.date <= '2026-06-15' ORDER BY m.date DESC, m.id DESC LIMIT 1) \
           FROM (SELECT partnership_id FROM actions GROUP BY partnership_id \
                 ORDER BY count(*) DESC LIMIT 3) a",
    )
    .fetch_all(pool)
    .await?;
    for id in candidates {
        let detail = ws.meeting(ById { id: MeetingId(id) }).await?;
        if detail.follow_ups.len() >= s.follow_ups || s.most_followed_meeting == 0 {
            s.follow_ups = detail.follow_ups.len();
            s.most_followed_meeting = id;
        }
    }
    // The autosave: the richest record of the busiest partnership.
    s.autosave_meeting = sqlx::query_scalar(
        "SELECT id FROM meetings WHERE partnership_id = ? \
         ORDER BY length(notes) + length(reflection_best) DESC, id LIMIT 1",
    )
    .bind(s.busiest_partnership)
    .fetch_optional(pool)
    .await?
    .unwrap_or(s.most_attended_meeting);
    // The longest lineage, up and down, among organisations with pairings.
    let in_pairings: Vec<i64> = sqlx::query_scalar(
        "SELECT mentor_organisation_id FROM pairings \
         UNION SELECT organisation_id FROM pairing_participants ORDER BY 1",
    )
    .fetch_all(pool)
    .await?;
    s.lineage_organisation = s.busiest_organisation;
    for id in in_pairings {
        let lineage = ws.lineage(ById { id: OrganisationId(id) }).await?;
        let d = depth(&lineage.mentored_by) + depth(&lineage.mentored);
        if d > s.lineage_depth {
            s.lineage_depth = d;
            s.lineage_organisation = id;
        }
    }
    Ok(s)
}
