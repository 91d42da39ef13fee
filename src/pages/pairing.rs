//! The pairing page: a mentor pairing with its mentor sessions, the
//! participants' open improvement actions in the round and the round's next
//! learning meeting.

use crate::kernel::values::{ById, MeetingKind, OrganisationId, PairingId};
use crate::meetings::action::{self, Action};
use crate::meetings::meeting::{self, MeetingSummary};
use crate::pairings::pairing::{Pairing, get};
use crate::{Result, Workspace};
use chrono::NaiveDate;
use serde::Serialize;
use sqlx::SqliteConnection;
use ts_rs::TS;

/// A pairing's own page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PairingDetail {
    pub pairing: Pairing,
    /// Its mentor sessions in date order.
    pub sessions: Vec<MeetingSummary>,
    /// The participants' improvement actions in the round that are still open.
    pub open_actions: Vec<Action>,
    /// The round's first learning meeting from today on.
    pub next_learning_meeting: Option<MeetingSummary>,
}

async fn detail(
    conn: &mut SqliteConnection,
    id: PairingId,
    today: NaiveDate,
) -> Result<PairingDetail> {
    let pairing = get(conn, id).await?;
    let sessions = meeting::of_pairing(&mut *conn, id).await?;
    let ids: Vec<OrganisationId> = pairing.participants.iter().map(|o| o.id).collect();
    let open_actions =
        action::open_of_organisations(&mut *conn, pairing.partnership_id, &ids).await?;
    let next_learning_meeting =
        meeting::next_of_kind(&mut *conn, pairing.partnership_id, MeetingKind::Learning, today)
            .await?;
    Ok(PairingDetail { pairing, sessions, open_actions, next_learning_meeting })
}

impl Workspace {
    pub async fn pairing(&self, input: ById<PairingId>) -> Result<PairingDetail> {
        let mut conn = self.pool().acquire().await?;
        detail(&mut conn, input.id, self.clock().today()).await
    }
}
