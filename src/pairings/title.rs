//! The Modellkommun or Modellregion title: an organisation earns it by
//! completing a round and then completing a pairing as mentor in a later
//! one. Both the mentor suggestions and the lineage show it, so it lives
//! here rather than in either. Also holds when a pairing began (`since!`),
//! which the title and the lineage's time order both go by. Uses no other
//! file of the room: only the kernel and the store (the tables it reads).

use crate::Result;
use crate::kernel::values::{OrganisationId, OrganisationKind};
use serde::Serialize;
use sqlx::SqliteConnection;
use std::collections::HashSet;
use ts_rs::TS;

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

/// The date a pairing began, for ordering a lineage: its own start, else the
/// round's, else the day it was recorded. An SQL expression over the
/// pairing `p` and its partnership `pa`.
macro_rules! since {
    () => {
        "coalesce(p.start_date, pa.start_date, substr(p.created_at, 1, 10))"
    };
}
pub(super) use since;

/// The organisations that carry a title.
pub(super) struct Titled(HashSet<OrganisationId>);

impl Titled {
    /// Organisations that completed a round and then completed a pairing as
    /// mentor in another round that began on or after that day.
    pub(super) async fn load(conn: &mut SqliteConnection) -> Result<Self> {
        let sql = concat!(
            "SELECT DISTINCT m.organisation_id FROM memberships m \
             JOIN pairings p ON p.mentor_organisation_id = m.organisation_id \
               AND p.partnership_id != m.partnership_id AND p.status = 'completed' \
             JOIN partnerships pa ON pa.id = p.partnership_id \
             WHERE m.role = 'participant' AND m.completed_on IS NOT NULL AND ",
            since!(),
            " >= m.completed_on"
        );
        let ids: Vec<OrganisationId> = sqlx::query_scalar(sql).fetch_all(&mut *conn).await?;
        Ok(Self(ids.into_iter().collect()))
    }

    /// The title of an organisation of this kind, if it earned one.
    pub(super) fn of(&self, id: OrganisationId, kind: OrganisationKind) -> Option<ModelTitle> {
        self.0.contains(&id).then(|| ModelTitle::for_kind(kind))
    }
}
