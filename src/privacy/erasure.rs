//! Erasing a person (GDPR article 17) so that nothing of them is left in the
//! database file: not their record, not a link to it, not their name in a
//! freed page, an index segment or the write-ahead log.
//!
//! What happens, in one `BEGIN IMMEDIATE` transaction:
//! - each meeting they attended gets one more anonymous headcount of their
//!   gender (`meetings.extra_*`), so the women/men figures of past meetings
//!   do not change; invitations and absences go;
//! - their record goes, and with it (by the schema's foreign keys) their
//!   competences, their attendance, their part as a pairing's contact,
//!   their roles in partnerships and their memberships of groups;
//!   partnerships, agenda items, improvement actions and the approvals
//!   (justeringar) of meetings' minutes that named them keep everything else
//!   and no longer name anyone — erasure goes ahead on approved minutes too,
//!   as the law requires;
//! - the exchange keeps a tombstone of the record (its UUID only), so that
//!   other computers delete it too.
//!
//! Then, outside the transaction: the first erasure after migration 0009
//! rewrites the file (VACUUM) to clear what was deleted before
//! `secure_delete` was on; every erasure checkpoints the WAL and truncates
//! it. `secure_delete` (src/store/db.rs) has zeroed the deleted rows and the
//! search index's 'secure-delete' option (migration 0009) has removed the
//! words of deleted texts.
//!
//! Free text that names the person is not changed: Samlär cannot know that
//! "Anna" in a note is this Anna. `preview` lists those places first
//! (`mentions`) for the coordinator to edit.

use crate::kernel::values::{ById, Gender, PersonId};
use crate::privacy::access::gather;
use crate::privacy::mentions::Mention;
use crate::registry::person::not_found;
use crate::store::db;
use crate::{Error, ErrorCode, Result, Workspace};
use serde::Serialize;
use std::time::Duration;
use ts_rs::TS;

/// The setting migration 0009 leaves until the first erasure has rewritten
/// the file.
const SCRUB_PENDING: &str = "erasure_scrub_pending";

/// What erasing a person will do, for the coordinator to read first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ErasurePreview {
    /// Meetings they attended: each keeps an anonymous headcount instead.
    #[ts(type = "number")]
    pub attended: usize,
    /// Invitations and absences, which go.
    #[ts(type = "number")]
    pub invited_or_absent: usize,
    /// Agenda items that will no longer name a presenter.
    #[ts(type = "number")]
    pub presented: usize,
    /// Improvement actions that will no longer name anyone responsible.
    #[ts(type = "number")]
    pub responsible_for: usize,
    /// Partnerships and pairings that will have no contact from them.
    #[ts(type = "number")]
    pub contact_roles: usize,
    /// Their roles in partnerships (every period), which go.
    #[ts(type = "number")]
    pub roles: usize,
    /// Their memberships of groups inside partnerships, which go.
    #[ts(type = "number")]
    pub group_memberships: usize,
    /// Free text where their name or e-mail address is written, which
    /// erasure does not change.
    pub mentions: Vec<Mention>,
}

/// The column of anonymous headcounts for a gender.
fn headcount_column(gender: Gender) -> &'static str {
    match gender {
        Gender::Woman => "extra_women",
        Gender::Man => "extra_men",
        Gender::Other => "extra_other",
        Gender::NotStated => "extra_not_stated",
    }
}

impl Workspace {
    /// What erasing the person would do, and where their name is written.
    pub async fn person_erasure_preview(&self, input: ById<PersonId>) -> Result<ErasurePreview> {
        let mut tx = self.pool().begin().await?;
        let all = gather(&mut tx, input.id, String::new()).await?;
        tx.commit().await?;
        let attended = all
            .attendance
            .iter()
            .filter(|a| a.status == crate::meetings::attendance::AttendanceStatus::Attended)
            .count();
        Ok(ErasurePreview {
            attended,
            invited_or_absent: all.attendance.len() - attended,
            presented: all.presented.len(),
            responsible_for: all.responsible_for.len(),
            contact_roles: all.contact_for.len() + all.contact_in_pairings.len(),
            roles: all.roles.len(),
            group_memberships: all.groups.len(),
            mentions: all.mentions,
        })
    }

    /// Erases the person everywhere, leaving no trace in the database file
    /// (see the module's comment for what happens to what linked to them).
    pub async fn delete_person(&self, input: ById<PersonId>) -> Result<()> {
        let mut tx = db::begin_write(self.pool()).await?;
        let gender: Option<Gender> = sqlx::query_scalar("SELECT gender FROM people WHERE id = ?")
            .bind(input.id)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(gender) = gender else {
            return Err(not_found(input.id));
        };
        // A record from the shared workspace waiting for a choice keeps what
        // arrived whole: while one names the person, erasing here would leave
        // them there. The conflict is settled first.
        let (uuid, name): (String, String) = sqlx::query_as(
            "SELECT r.uuid, p.name FROM people p \
             JOIN records r ON r.kind = 'person' AND r.local_id = p.id WHERE p.id = ?",
        )
        .bind(input.id)
        .fetch_one(&mut *tx)
        .await?;
        let waiting: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM sync_conflicts \
             WHERE instr(arrived, ?1) > 0 OR instr(lower(arrived), lower(?2)) > 0",
        )
        .bind(&uuid)
        .bind(&name)
        .fetch_one(&mut *tx)
        .await?;
        if waiting > 0 {
            return Err(Error::new(
                ErrorCode::ConflictsUnresolved,
                "sync conflicts name the person",
            ));
        }
        let column = headcount_column(gender);
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE meetings SET {column} = {column} + 1 WHERE id IN \
             (SELECT meeting_id FROM attendance WHERE person_id = ? AND status = 'attended')"
        )))
        .bind(input.id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM people WHERE id = ?").bind(input.id).execute(&mut *tx).await?;
        tx.commit().await?;
        self.clear_deleted_traces().await
    }

    /// Rewrites the file once if migration 0009 asked for it, then moves the
    /// WAL into the file and truncates it.
    async fn clear_deleted_traces(&self) -> Result<()> {
        let pending: Option<String> =
            sqlx::query_scalar("SELECT value FROM settings WHERE key = ?")
                .bind(SCRUB_PENDING)
                .fetch_optional(self.pool())
                .await?;
        if pending.is_some() {
            let mut conn = self.pool().acquire().await?;
            sqlx::query("VACUUM").execute(&mut *conn).await?;
            sqlx::query("DELETE FROM settings WHERE key = ?")
                .bind(SCRUB_PENDING)
                .execute(&mut *conn)
                .await?;
        }
        checkpoint(self).await
    }
}

/// `wal_checkpoint(TRUNCATE)` until it is not blocked by a reader (the
/// window may be reading a list at that moment), for up to about two
/// seconds. The erasure itself is committed either way; if a reader held on
/// longer, the next checkpoint (SQLite's own, at 1,000 pages, or the next
/// erasure's) overwrites the log.
async fn checkpoint(ws: &Workspace) -> Result<()> {
    for _ in 0..20 {
        let (busy, _, _): (i64, i64, i64) =
            sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)").fetch_one(ws.pool()).await?;
        if busy == 0 {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(())
}
