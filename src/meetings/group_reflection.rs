//! A group's answers to the three questions of development reflection at a
//! meeting (`group_reflections`), beside the whole meeting's answers on the
//! meeting's own record: when a meeting reflects in small groups, each
//! reflection group (or sub-group) of the partnership writes its own.
//!
//! Only a group of the meeting's partnership can answer (`unknown_group` at
//! `groupId`). Each save replaces one group's three answers; three empty
//! answers remove the group's row. A save is refused while the meeting's
//! minutes are approved (`approval::ensure_unlocked`, `locked`).
//!
//! Uses the kernel, the store, the search index, the registry (the groups)
//! and, in this room, `approval` and `meeting`.
//!
//! # Derived data: the search index
//!
//! The full-text index holds `group_reflections.reflection_best`,
//! `group_reflections.reflection_learn` and
//! `group_reflections.reflection_develop`, under the source `reflection`
//! (the list in `search::reindex`, which must stay in step with this one).
//! No trigger keeps it: every save here calls `search::reindex` for the
//! meeting in the same transaction. A group with answers is not deleted
//! (`registry::groups`), so no deletion leaves the index behind.

use crate::kernel::validate::{self, TEXT_MAX_CHARS};
use crate::kernel::values::{GroupId, MeetingId};
use crate::meetings::{approval, meeting};
use crate::registry::groups::{self, GroupKind};
use crate::{Error, ErrorCode, Result, Workspace, search, store::db};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

/// One group's answers at one meeting; empty answers when it has none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct GroupReflection {
    pub group_id: GroupId,
    pub group_name: String,
    pub group_kind: GroupKind,
    pub reflection_best: String,
    pub reflection_learn: String,
    pub reflection_develop: String,
}

impl GroupReflection {
    /// Whether the group answered anything.
    pub fn is_answered(&self) -> bool {
        [&self.reflection_best, &self.reflection_learn, &self.reflection_develop]
            .iter()
            .any(|a| !a.trim().is_empty())
    }
}

/// What the meeting page sends for one group.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetGroupReflection {
    pub meeting_id: MeetingId,
    pub group_id: GroupId,
    pub reflection_best: String,
    pub reflection_learn: String,
    pub reflection_develop: String,
}

/// Every group of the meeting's partnership with its answers at the
/// meeting: sub-groups first, then reflection groups, each kind by name.
pub async fn of_meeting(
    conn: &mut SqliteConnection,
    meeting_id: MeetingId,
) -> Result<Vec<GroupReflection>> {
    Ok(sqlx::query_as(
        "SELECT g.id AS group_id, g.name AS group_name, g.kind AS group_kind, \
         coalesce(r.reflection_best, '') AS reflection_best, \
         coalesce(r.reflection_learn, '') AS reflection_learn, \
         coalesce(r.reflection_develop, '') AS reflection_develop \
         FROM meetings m JOIN partnership_groups g ON g.partnership_id = m.partnership_id \
         LEFT JOIN group_reflections r ON r.group_id = g.id AND r.meeting_id = m.id \
         WHERE m.id = ? ORDER BY g.kind DESC, g.name, g.id",
    )
    .bind(meeting_id)
    .fetch_all(&mut *conn)
    .await?)
}

impl Workspace {
    /// Saves one group's answers at a meeting, in one write transaction
    /// with the meeting's search entries.
    pub async fn set_group_reflection(&self, input: SetGroupReflection) -> Result<GroupReflection> {
        let answers = [
            (input.reflection_best, "reflectionBest"),
            (input.reflection_learn, "reflectionLearn"),
            (input.reflection_develop, "reflectionDevelop"),
        ];
        let mut valid = Vec::with_capacity(3);
        for (text, field) in answers {
            valid.push(validate::text(text, field, TEXT_MAX_CHARS)?);
        }
        let [best, learn, develop] = <[String; 3]>::try_from(valid).expect("three answers");
        let mut tx = db::begin_write(self.pool()).await?;
        let m = meeting::get(&mut *tx, input.meeting_id).await?;
        approval::ensure_unlocked(&mut tx, m.id).await?;
        let group = groups::named(&mut *tx, input.group_id).await?;
        let Some((partnership_id, group)) = group else {
            return Err(Error::at(ErrorCode::UnknownGroup, "groupId", "no such group"));
        };
        if partnership_id != m.partnership_id {
            let message = "the group is not one of the meeting's partnership";
            return Err(Error::at(ErrorCode::UnknownGroup, "groupId", message));
        }
        if [&best, &learn, &develop].iter().all(|a| a.trim().is_empty()) {
            sqlx::query("DELETE FROM group_reflections WHERE meeting_id = ? AND group_id = ?")
                .bind(m.id)
                .bind(group.id)
                .execute(&mut *tx)
                .await?;
        } else {
            sqlx::query(
                "INSERT INTO group_reflections (meeting_id, group_id, reflection_best, \
                 reflection_learn, reflection_develop) VALUES (?1, ?2, ?3, ?4, ?5) \
                 ON CONFLICT (meeting_id, group_id) DO UPDATE SET reflection_best = ?3, \
                 reflection_learn = ?4, reflection_develop = ?5",
            )
            .bind(m.id)
            .bind(group.id)
            .bind(&best)
            .bind(&learn)
            .bind(&develop)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("UPDATE meetings SET updated_at = ? WHERE id = ?")
            .bind(self.clock().timestamp())
            .bind(m.id)
            .execute(&mut *tx)
            .await?;
        search::reindex(&mut tx, m.id).await?;
        let saved = of_meeting(&mut tx, m.id).await?.into_iter().find(|r| r.group_id == group.id);
        tx.commit().await?;
        saved.ok_or_else(|| Error::new(ErrorCode::NotFound, "the group is gone"))
    }
}
