//! Memberships: an organisation's part in a partnership — its role (project
//! owner, participant, cooperation partner, mentor, transnational partner)
//! and, in networks like CLN, the level it works at: the whole network, a
//! cluster of nearby towns, or the organisation's internal network.

use crate::kernel::validate;
use crate::kernel::values::{
    ById, MembershipId, OrganisationId, OrganisationKind, PartnershipId, Role,
};
use crate::registry::matching::MembershipIndex;
use crate::{Error, ErrorCode, Result, Workspace, store::db};
use serde::{Deserialize, Serialize};
use sqlx::{SqliteConnection, SqliteExecutor};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum NetworkLevel {
    #[default]
    Whole,
    Cluster,
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct Membership {
    pub id: MembershipId,
    pub partnership_id: PartnershipId,
    pub partnership_name: String,
    pub organisation_id: OrganisationId,
    pub organisation_name: String,
    pub organisation_kind: OrganisationKind,
    pub organisation_code: Option<String>,
    pub role: Role,
    pub country: String,
    pub network_level: NetworkLevel,
    pub cluster: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MembershipDraft {
    pub partnership_id: PartnershipId,
    pub organisation_id: OrganisationId,
    pub role: Role,
    /// Required for a transnational partner.
    pub country: String,
    pub network_level: NetworkLevel,
    /// Required when the level is a cluster.
    pub cluster: String,
}

impl MembershipDraft {
    pub fn new(partnership_id: PartnershipId, organisation_id: OrganisationId, role: Role) -> Self {
        Self {
            partnership_id,
            organisation_id,
            role,
            country: String::new(),
            network_level: NetworkLevel::Whole,
            cluster: String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateMembership {
    pub id: MembershipId,
    pub draft: MembershipDraft,
}

/// A draft that passed every rule: the country only for transnational
/// partners, the cluster only at cluster level.
pub fn validate(mut draft: MembershipDraft) -> Result<MembershipDraft> {
    draft.country = validate::short_text(&draft.country, "country")?;
    draft.cluster = validate::short_text(&draft.cluster, "cluster")?;
    if draft.role == Role::TransnationalPartner && draft.country.is_empty() {
        return Err(Error::at(ErrorCode::CountryRequired, "country", "no country"));
    }
    if draft.role != Role::TransnationalPartner {
        draft.country.clear();
    }
    match draft.network_level {
        NetworkLevel::Cluster if draft.cluster.is_empty() => {
            return Err(Error::at(ErrorCode::ClusterRequired, "cluster", "no cluster"));
        }
        NetworkLevel::Cluster => {}
        _ => draft.cluster.clear(),
    }
    Ok(draft)
}

macro_rules! columns {
    () => {
        "m.id, m.partnership_id, p.name AS partnership_name, m.organisation_id, \
         o.name AS organisation_name, o.kind AS organisation_kind, o.code AS organisation_code, \
         m.role, m.country, m.network_level, m.cluster \
         FROM memberships m JOIN organisations o ON o.id = m.organisation_id \
         JOIN partnerships p ON p.id = m.partnership_id"
    };
}

/// Order of roles on the partnership page.
macro_rules! order {
    () => {
        " ORDER BY CASE m.role WHEN 'project_owner' THEN 1 WHEN 'participant' THEN 2 \
          WHEN 'mentor' THEN 3 WHEN 'cooperation_partner' THEN 4 ELSE 5 END, \
          m.network_level, m.cluster, o.name_key, m.id"
    };
}

async fn check_references(conn: &mut SqliteConnection, d: &MembershipDraft) -> Result<()> {
    if !crate::registry::partnership::exists(&mut *conn, d.partnership_id).await? {
        return Err(Error::new(ErrorCode::NotFound, "no such partnership"));
    }
    if !crate::registry::organisation::exists(&mut *conn, d.organisation_id).await? {
        let message = "no such organisation";
        return Err(Error::at(ErrorCode::UnknownOrganisation, "organisationId", message));
    }
    Ok(())
}

/// Adds a membership; call inside a write transaction.
pub async fn insert_valid(
    conn: &mut SqliteConnection,
    d: &MembershipDraft,
    now: &str,
) -> Result<MembershipId> {
    check_references(conn, d).await?;
    Ok(sqlx::query_scalar(
        "INSERT INTO memberships (partnership_id, organisation_id, role, country, network_level, \
         cluster, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(d.partnership_id)
    .bind(d.organisation_id)
    .bind(d.role)
    .bind(&d.country)
    .bind(d.network_level)
    .bind(&d.cluster)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?)
}

pub async fn update_valid(
    conn: &mut SqliteConnection,
    id: MembershipId,
    d: &MembershipDraft,
) -> Result<()> {
    check_references(conn, d).await?;
    let done = sqlx::query(
        "UPDATE memberships SET partnership_id = ?, organisation_id = ?, role = ?, country = ?, \
         network_level = ?, cluster = ? WHERE id = ?",
    )
    .bind(d.partnership_id)
    .bind(d.organisation_id)
    .bind(d.role)
    .bind(&d.country)
    .bind(d.network_level)
    .bind(&d.cluster)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(not_found(id));
    }
    Ok(())
}

pub async fn get<'e>(ex: impl SqliteExecutor<'e>, id: MembershipId) -> Result<Membership> {
    let sql = concat!("SELECT ", columns!(), " WHERE m.id = ?");
    let row = sqlx::query_as(sql).bind(id).fetch_optional(ex).await?;
    row.ok_or_else(|| not_found(id))
}

/// The membership an import row means, by the rule of [`MembershipIndex`]:
/// the same organisation in the same role of the same partnership. The query
/// reads the organisation's memberships of the partnership; the index chooses.
pub async fn find_match(
    conn: &mut SqliteConnection,
    partnership_id: PartnershipId,
    organisation_id: OrganisationId,
    role: Role,
) -> Result<Option<Membership>> {
    let sql =
        concat!("SELECT ", columns!(), " WHERE m.partnership_id = ? AND m.organisation_id = ?");
    let candidates: Vec<Membership> = sqlx::query_as(sql)
        .bind(partnership_id)
        .bind(organisation_id)
        .fetch_all(&mut *conn)
        .await?;
    let mut index = MembershipIndex::default();
    for m in &candidates {
        index.add(m.id, m.partnership_id, m.organisation_id, m.role);
    }
    let id = index.find(partnership_id, organisation_id, role);
    Ok(candidates.into_iter().find(|m| Some(m.id) == id))
}

pub async fn of_partnership<'e>(
    ex: impl SqliteExecutor<'e>,
    id: PartnershipId,
) -> Result<Vec<Membership>> {
    let sql = concat!("SELECT ", columns!(), " WHERE m.partnership_id = ?", order!());
    Ok(sqlx::query_as(sql).bind(id).fetch_all(ex).await?)
}

pub async fn of_organisation<'e>(
    ex: impl SqliteExecutor<'e>,
    id: OrganisationId,
) -> Result<Vec<Membership>> {
    let sql = concat!(
        "SELECT ",
        columns!(),
        " WHERE m.organisation_id = ? ORDER BY p.start_date DESC, p.name_key, m.id"
    );
    Ok(sqlx::query_as(sql).bind(id).fetch_all(ex).await?)
}

fn not_found(id: MembershipId) -> Error {
    Error::new(ErrorCode::NotFound, format!("membership {id} does not exist"))
}

/// What a coordinator can do with memberships.
impl Workspace {
    pub async fn add_membership(&self, draft: MembershipDraft) -> Result<Membership> {
        let d = validate(draft)?;
        let mut tx = db::begin_write(self.pool()).await?;
        let id = insert_valid(&mut tx, &d, &self.clock().timestamp()).await?;
        let membership = get(&mut *tx, id).await?;
        tx.commit().await?;
        Ok(membership)
    }

    pub async fn update_membership(&self, input: UpdateMembership) -> Result<Membership> {
        let d = validate(input.draft)?;
        let mut tx = db::begin_write(self.pool()).await?;
        update_valid(&mut tx, input.id, &d).await?;
        let membership = get(&mut *tx, input.id).await?;
        tx.commit().await?;
        Ok(membership)
    }

    pub async fn remove_membership(&self, input: ById<MembershipId>) -> Result<()> {
        let done = sqlx::query("DELETE FROM memberships WHERE id = ?")
            .bind(input.id)
            .execute(self.pool())
            .await?;
        if done.rows_affected() == 0 {
            return Err(not_found(input.id));
        }
        Ok(())
    }

    /// The partnerships an organisation is a member of, newest first.
    pub async fn organisation_memberships(
        &self,
        input: ById<OrganisationId>,
    ) -> Result<Vec<Membership>> {
        of_organisation(self.pool(), input.id).await
    }
}
