//! Groups inside a partnership: the sub-groups of a community of practice
//! (CLN's clusters of nearby towns, a theme group) and the small groups of a
//! development reflection, each with a name, a purpose and its members
//! (`partnership_groups`, `group_members`).
//!
//! A member can be anyone in the register, not only people of the member
//! organisations: a trainer or an evaluator can sit in a reflection group.
//! Setting the members replaces the whole list. A group's name is unique in
//! its partnership (`name_taken`). A group can answer the reflection of each
//! meeting of its partnership (`meetings::group_reflection`); a group with
//! answers is not deleted (`in_use`): the answers are part of the meetings'
//! minutes, and go first. Erasing a person removes their memberships (the
//! schema's cascade).
//!
//! Groups are records of their own when records travel; their members are
//! part of the group's record (migration 0010).

use crate::kernel::limits::{self, MAX_GROUP_MEMBERS, MAX_GROUPS_PER_PARTNERSHIP};
use crate::kernel::validate::{self, TEXT_MAX_CHARS};
use crate::kernel::values::{ById, GroupId, NamedRef, PartnershipId, PersonId};
use crate::registry::{partnership, person};
use crate::{Error, ErrorCode, Result, Workspace, store::db};
use serde::{Deserialize, Serialize};
use sqlx::{SqliteConnection, SqliteExecutor};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum GroupKind {
    /// A sub-group of a community of practice.
    Subgroup,
    /// A small group of a development reflection.
    ReflectionGroup,
}

/// A member of a group, with their organisation for display.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct GroupMember {
    pub person_id: PersonId,
    pub name: String,
    pub organisation_name: Option<String>,
}

/// A group with its members, by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Group {
    pub id: GroupId,
    pub partnership_id: PartnershipId,
    pub kind: GroupKind,
    pub name: String,
    pub purpose: String,
    pub members: Vec<GroupMember>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GroupDraft {
    pub kind: GroupKind,
    pub name: String,
    pub purpose: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateGroup {
    pub partnership_id: PartnershipId,
    pub draft: GroupDraft,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateGroup {
    pub id: GroupId,
    pub draft: GroupDraft,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetGroupMembers {
    pub group_id: GroupId,
    pub person_ids: Vec<PersonId>,
}

/// A group a person is a member of (for their data export).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct PersonGroup {
    pub group_id: GroupId,
    pub group_name: String,
    pub kind: GroupKind,
    pub partnership_id: PartnershipId,
    pub partnership_name: String,
}

fn validate(mut d: GroupDraft) -> Result<GroupDraft> {
    d.name = validate::name(&d.name, "name")?;
    d.purpose = validate::text(d.purpose.trim().to_owned(), "purpose", TEXT_MAX_CHARS)?;
    Ok(d)
}

/// `name_taken` when another group of the partnership has the name.
async fn check_name(
    conn: &mut SqliteConnection,
    partnership_id: PartnershipId,
    name: &str,
    except: Option<GroupId>,
) -> Result<()> {
    let taken: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM partnership_groups WHERE partnership_id = ? AND name = ? \
         AND id IS NOT ? LIMIT 1",
    )
    .bind(partnership_id)
    .bind(name)
    .bind(except)
    .fetch_optional(&mut *conn)
    .await?;
    if taken.is_some() {
        return Err(Error::at(ErrorCode::NameTaken, "name", "a group has the name"));
    }
    Ok(())
}

async fn members<'e>(ex: impl SqliteExecutor<'e>, id: GroupId) -> Result<Vec<GroupMember>> {
    Ok(sqlx::query_as(
        "SELECT p.id AS person_id, p.name, o.name AS organisation_name FROM group_members g \
         JOIN people p ON p.id = g.person_id LEFT JOIN organisations o ON o.id = p.organisation_id \
         WHERE g.group_id = ? ORDER BY p.name_key, p.id",
    )
    .bind(id)
    .fetch_all(ex)
    .await?)
}

type GroupRow = (GroupId, PartnershipId, GroupKind, String, String);

fn group((id, partnership_id, kind, name, purpose): GroupRow, members: Vec<GroupMember>) -> Group {
    Group { id, partnership_id, kind, name, purpose, members }
}

pub async fn get(conn: &mut SqliteConnection, id: GroupId) -> Result<Group> {
    let row: Option<GroupRow> = sqlx::query_as(
        "SELECT id, partnership_id, kind, name, purpose FROM partnership_groups WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let row = row.ok_or_else(|| not_found(id))?;
    Ok(group(row, members(&mut *conn, id).await?))
}

/// The partnership's groups with their members: sub-groups first, then
/// reflection groups, each kind by name.
pub async fn of_partnership(conn: &mut SqliteConnection, id: PartnershipId) -> Result<Vec<Group>> {
    let rows: Vec<GroupRow> = sqlx::query_as(
        "SELECT id, partnership_id, kind, name, purpose FROM partnership_groups \
         WHERE partnership_id = ? ORDER BY kind DESC, name, id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let mut groups = Vec::with_capacity(rows.len());
    for row in rows {
        let members = members(&mut *conn, row.0).await?;
        groups.push(group(row, members));
    }
    Ok(groups)
}

/// The groups a person is a member of, by partnership and name.
pub async fn of_person<'e>(ex: impl SqliteExecutor<'e>, id: PersonId) -> Result<Vec<PersonGroup>> {
    Ok(sqlx::query_as(
        "SELECT g.id AS group_id, g.name AS group_name, g.kind, g.partnership_id, \
         p.name AS partnership_name FROM group_members m \
         JOIN partnership_groups g ON g.id = m.group_id \
         JOIN partnerships p ON p.id = g.partnership_id \
         WHERE m.person_id = ? ORDER BY p.name_key, g.name, g.id",
    )
    .bind(id)
    .fetch_all(ex)
    .await?)
}

/// The group's partnership, id and name, if the group exists.
pub async fn named<'e>(
    ex: impl SqliteExecutor<'e>,
    id: GroupId,
) -> Result<Option<(PartnershipId, NamedRef<GroupId>)>> {
    let row: Option<(PartnershipId, GroupId, String)> =
        sqlx::query_as("SELECT partnership_id, id, name FROM partnership_groups WHERE id = ?")
            .bind(id)
            .fetch_optional(ex)
            .await?;
    Ok(row.map(|(p, id, name)| (p, NamedRef { id, name })))
}

fn not_found(id: GroupId) -> Error {
    Error::new(ErrorCode::NotFound, format!("group {id} does not exist"))
}

/// What a coordinator can do with the groups of a partnership.
impl Workspace {
    pub async fn create_group(&self, input: CreateGroup) -> Result<Group> {
        let d = validate(input.draft)?;
        let mut tx = db::begin_write(self.pool()).await?;
        if !partnership::exists(&mut *tx, input.partnership_id).await? {
            return Err(Error::new(ErrorCode::NotFound, "no such partnership"));
        }
        let groups: i64 =
            sqlx::query_scalar("SELECT count(*) FROM partnership_groups WHERE partnership_id = ?")
                .bind(input.partnership_id)
                .fetch_one(&mut *tx)
                .await?;
        limits::count(groups as usize + 1, "partnershipId", MAX_GROUPS_PER_PARTNERSHIP)?;
        check_name(&mut tx, input.partnership_id, &d.name, None).await?;
        let now = self.clock().timestamp();
        let id: GroupId = sqlx::query_scalar(
            "INSERT INTO partnership_groups (partnership_id, kind, name, purpose, created_at, \
             updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(input.partnership_id)
        .bind(d.kind)
        .bind(&d.name)
        .bind(&d.purpose)
        .bind(&now)
        .bind(&now)
        .fetch_one(&mut *tx)
        .await?;
        let group = get(&mut tx, id).await?;
        tx.commit().await?;
        Ok(group)
    }

    /// Renames the group, or changes its kind or purpose.
    pub async fn update_group(&self, input: UpdateGroup) -> Result<Group> {
        let d = validate(input.draft)?;
        let mut tx = db::begin_write(self.pool()).await?;
        let before = get(&mut tx, input.id).await?;
        check_name(&mut tx, before.partnership_id, &d.name, Some(input.id)).await?;
        sqlx::query(
            "UPDATE partnership_groups SET kind = ?, name = ?, purpose = ?, updated_at = ? \
             WHERE id = ?",
        )
        .bind(d.kind)
        .bind(&d.name)
        .bind(&d.purpose)
        .bind(self.clock().timestamp())
        .bind(input.id)
        .execute(&mut *tx)
        .await?;
        let group = get(&mut tx, input.id).await?;
        tx.commit().await?;
        Ok(group)
    }

    /// Deletes a group and its member list; `in_use` while it has
    /// reflection answers at a meeting.
    pub async fn delete_group(&self, input: ById<GroupId>) -> Result<()> {
        let mut tx = db::begin_write(self.pool()).await?;
        get(&mut tx, input.id).await?;
        let answered: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM group_reflections WHERE group_id = ? LIMIT 1")
                .bind(input.id)
                .fetch_optional(&mut *tx)
                .await?;
        if answered.is_some() {
            let message = "the group has reflection answers at a meeting";
            return Err(Error::new(ErrorCode::InUse, message));
        }
        sqlx::query("DELETE FROM partnership_groups WHERE id = ?")
            .bind(input.id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Replaces the group's members; anyone in the register can be one.
    pub async fn set_group_members(&self, input: SetGroupMembers) -> Result<Group> {
        limits::count(input.person_ids.len(), "personIds", MAX_GROUP_MEMBERS)?;
        let mut tx = db::begin_write(self.pool()).await?;
        get(&mut tx, input.group_id).await?;
        sqlx::query("DELETE FROM group_members WHERE group_id = ?")
            .bind(input.group_id)
            .execute(&mut *tx)
            .await?;
        for (i, person_id) in input.person_ids.iter().enumerate() {
            if !person::exists(&mut *tx, *person_id).await? {
                let field = format!("personIds.{i}");
                return Err(Error::at(ErrorCode::UnknownPerson, &field, "no such person"));
            }
            sqlx::query("INSERT OR IGNORE INTO group_members (group_id, person_id) VALUES (?, ?)")
                .bind(input.group_id)
                .bind(person_id)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query("UPDATE partnership_groups SET updated_at = ? WHERE id = ?")
            .bind(self.clock().timestamp())
            .bind(input.group_id)
            .execute(&mut *tx)
            .await?;
        let group = get(&mut tx, input.group_id).await?;
        tx.commit().await?;
        Ok(group)
    }
}
