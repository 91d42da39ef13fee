//! Demo data: the partnerships the source documents describe — CLN with its
//! 30 municipalities in three clusters, a model-municipality round with
//! mentor pairings, Dropin and the Equal benchlearning network — so a new user sees a
//! realistic workspace in one click. A second round (the example round) and
//! the Equal network carry a recorded cycle of meetings (`cycle`); the 2027
//! round stays planned, for the user to plan its cycle. Organisation names are real; every
//! person is an obvious example ("Exempel", addresses at example.com).

use crate::kernel::values::{OrganisationId, PartnershipId, PersonId, Role};
use crate::pairings::pairing::PairingDraft;
use crate::registry::membership::{self, MembershipDraft, NetworkLevel};
use crate::registry::organisation::{self, OrganisationDraft};
use crate::registry::partnership::{self, PartnershipDraft};
use crate::registry::person::{self, PersonDraft};
use crate::{Error, ErrorCode, Result, Workspace, store::db};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

mod cycle;

static DEMO: &str = include_str!("demo/demo.json");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Demo {
    organisations: Vec<OrganisationDraft>,
    people: Vec<DemoPerson>,
    partnerships: Vec<DemoPartnership>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DemoPerson {
    organisation: String,
    #[serde(flatten)]
    draft: serde_json::Map<String, serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct DemoPartnership {
    draft: PartnershipDraft,
    project_owner: Option<String>,
    contact_person: Option<String>,
    members: Vec<DemoMember>,
    #[serde(default)]
    pairings: Vec<DemoPairing>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct DemoPairing {
    mentor: String,
    participants: Vec<String>,
    start_date: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct DemoMember {
    organisation: String,
    role: Role,
    network_level: NetworkLevel,
    cluster: String,
    country: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DemoResult {
    /// Partnerships added; 0 when all of them were already there.
    #[ts(type = "number")]
    pub partnerships: u64,
}

fn broken(what: &str) -> Error {
    Error::new(ErrorCode::Storage, format!("demo data: {what}"))
}

async fn organisation_id(conn: &mut SqliteConnection, name: &str) -> Result<OrganisationId> {
    organisation::find_match(conn, None, name).await?.ok_or_else(|| broken(name))
}

async fn person_id(conn: &mut SqliteConnection, name: &str) -> Result<PersonId> {
    let id = sqlx::query_scalar("SELECT id FROM people WHERE name = ? ORDER BY id LIMIT 1")
        .bind(name)
        .fetch_optional(&mut *conn)
        .await?;
    id.ok_or_else(|| broken(name))
}

impl Workspace {
    /// Adds the demo partnerships that are not there yet, with their
    /// organisations and example people, in one transaction.
    pub async fn load_demo_data(&self) -> Result<DemoResult> {
        let demo: Demo = serde_json::from_str(DEMO).map_err(|e| broken(&e.to_string()))?;
        let cycles = cycle::load()?;
        let now = self.clock().timestamp();
        let today = self.clock().today();
        let mut tx = db::begin_write(self.pool()).await?;
        for draft in &demo.organisations {
            let v = organisation::validate(draft)?;
            if organisation::find_match(&mut tx, v.code.as_deref(), &v.name).await?.is_none() {
                organisation::insert_valid(&mut tx, &v, &now).await?;
            }
        }
        for p in demo.people {
            let organisation_id = organisation_id(&mut tx, &p.organisation).await?;
            let mut fields = p.draft;
            fields.insert("organisationId".into(), organisation_id.0.into());
            let draft: PersonDraft =
                serde_json::from_value(fields.into()).map_err(|e| broken(&e.to_string()))?;
            let v = person::validate(&draft)?;
            if person::find_match(&mut tx, v.email.as_deref(), &v.name, Some(organisation_id))
                .await?
                .is_none()
            {
                person::insert_valid(&mut tx, &v, &now).await?;
            }
        }
        let mut added = 0;
        for p in demo.partnerships {
            let taken: Option<PartnershipId> =
                sqlx::query_scalar("SELECT id FROM partnerships WHERE name = ?")
                    .bind(&p.draft.name)
                    .fetch_optional(&mut *tx)
                    .await?;
            if taken.is_some() {
                continue;
            }
            let mut draft = p.draft;
            let cycle = cycles.get(&draft.name);
            if let Some(c) = cycle {
                c.date_charter(&mut draft, today);
            }
            let start_date = draft.start_date.clone().unwrap_or_default();
            if let Some(owner) = &p.project_owner {
                draft.project_owner_id = Some(organisation_id(&mut tx, owner).await?);
            }
            if let Some(contact) = &p.contact_person {
                draft.contact_person_id = Some(person_id(&mut tx, contact).await?);
            }
            let created = partnership::insert(&mut tx, draft, &now).await?;
            for m in p.members {
                let draft = membership::validate(MembershipDraft {
                    partnership_id: created.id,
                    organisation_id: organisation_id(&mut tx, &m.organisation).await?,
                    role: m.role,
                    country: m.country,
                    network_level: m.network_level,
                    cluster: m.cluster,
                })?;
                membership::insert_valid(&mut tx, &draft, &now).await?;
            }
            for pairing in p.pairings {
                let mentor = organisation_id(&mut tx, &pairing.mentor).await?;
                let mut participants = Vec::new();
                for name in &pairing.participants {
                    participants.push(organisation_id(&mut tx, name).await?);
                }
                let draft = PairingDraft {
                    start_date: if pairing.start_date.is_empty() {
                        start_date.clone()
                    } else {
                        pairing.start_date
                    },
                    ..PairingDraft::new(created.id, mentor, &participants)
                };
                crate::pairings::edit::insert(&mut tx, draft, &now).await?;
            }
            if let Some(c) = cycle {
                c.record(&mut tx, created.id, today, &now).await?;
            }
            added += 1;
        }
        tx.commit().await?;
        Ok(DemoResult { partnerships: added })
    }
}
