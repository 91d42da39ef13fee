//! Applying what `merge` planned: every step in one write transaction,
//! deletions last and children first, the search index brought up to date
//! for the meetings touched. A conflict without a choice stops it all.

use super::installation;
use super::merge::{Applied, Choice, Side, Step, differing, plan};
use super::package::Package;
use super::record::{Kind, Record};
use super::version::Version;
use super::writing;
use crate::kernel::values::MeetingId;
use crate::store::db;
use crate::{Error, ErrorCode, Result, Workspace, search};
use sqlx::SqliteConnection;
use std::collections::{BTreeSet, HashMap};

fn unresolved(message: String) -> Error {
    Error::new(ErrorCode::ConflictsUnresolved, message)
}

/// The choices by record and field, looked up once per conflict: a scan of
/// the list for each would be quadratic in a package's size.
type Choices<'c> = HashMap<(&'c str, Option<&'c str>), Side>;

fn by_conflict(choices: &[Choice]) -> Choices<'_> {
    let mut by = Choices::with_capacity(choices.len());
    for c in choices {
        by.entry((c.uuid.as_str(), c.field.as_deref())).or_insert(c.take);
    }
    by
}

/// The side chosen for `uuid` (and `field`), which must be there. The
/// first choice given for a conflict counts.
fn chosen(choices: &Choices<'_>, uuid: &str, field: Option<&str>) -> Result<Side> {
    choices
        .get(&(uuid, field))
        .copied()
        .ok_or_else(|| unresolved(format!("no choice for {uuid} {field:?}")))
}

/// A record the tables refuse (a reference to a record that is neither
/// here nor in the package, a value out of range): the package is at fault.
fn refused(err: Error, record: &Record) -> Error {
    match err.code {
        ErrorCode::InvalidInput | ErrorCode::Conflict => Error::at(
            ErrorCode::DamagedPackage,
            "file",
            format!("{} {} refused: {}", record.kind.as_str(), record.uuid, err.message),
        ),
        _ => err,
    }
}

async fn write(
    conn: &mut SqliteConnection,
    record: &Record,
    id: Option<i64>,
    now: &str,
) -> Result<(Kind, i64)> {
    let written = writing::write(conn, record, id, now).await.map_err(|e| refused(e, record))?;
    Ok((record.kind, written))
}

/// Writes the steps; every conflict must have its choices.
pub(crate) async fn apply_steps(
    conn: &mut SqliteConnection,
    steps: Vec<Step>,
    choices: &[Choice],
    now: &str,
) -> Result<Applied> {
    let (applied, meetings) = apply_steps_unindexed(conn, steps, choices, now).await?;
    refresh_meetings(conn, meetings).await?;
    Ok(applied)
}

/// Writes the steps and says which meetings' search entries they touched,
/// for `refresh_meetings` once at the end of a sync of many pages (a meeting
/// touched by every page would otherwise be indexed again for each).
pub(crate) async fn apply_steps_unindexed(
    conn: &mut SqliteConnection,
    steps: Vec<Step>,
    choices: &[Choice],
    now: &str,
) -> Result<(Applied, BTreeSet<i64>)> {
    let choices = &by_conflict(choices);
    let me = installation::load(&mut *conn).await?.id;
    let mut applied = Applied::default();
    let mut meetings: BTreeSet<i64> = BTreeSet::new();
    let mut deletions = Vec::new();
    for step in steps {
        let written = match step {
            Step::Unchanged => None,
            Step::Create(record) => {
                applied.created += 1;
                Some(write(conn, &record, None, now).await?)
            }
            Step::Update { mut record, id, version, local } => {
                if !differing(&record, &local).is_empty() {
                    applied.updated += 1;
                }
                record.version = version;
                Some(write(conn, &record, Some(id), now).await?)
            }
            Step::Conflict { record, local, id, fields } => {
                let mut settled = record.clone();
                for field in &fields {
                    let take = chosen(choices, &record.uuid, Some(&field.field))?;
                    if take == Side::Here {
                        settled.fields.insert(field.field.clone(), field.here.clone());
                    }
                }
                settled.version = local.version.merged(&record.version).bumped(&me);
                settled.changed_at = now.to_owned();
                settled.changed_by = me.clone();
                applied.conflicts_settled += 1;
                Some(write(conn, &settled, Some(id), now).await?)
            }
            Step::DeletedHere { mut record, tombstone, .. } => {
                applied.conflicts_settled += 1;
                let version = tombstone.version.merged(&record.version).bumped(&me);
                match chosen(choices, &record.uuid, None)? {
                    Side::Here => {
                        set_version(conn, &record.uuid, &version).await?;
                        None
                    }
                    Side::There => {
                        record.version = version;
                        // The tombstone makes way for the restored record.
                        sqlx::query("DELETE FROM records WHERE uuid = ?")
                            .bind(&record.uuid)
                            .execute(&mut *conn)
                            .await?;
                        Some(write(conn, &record, None, now).await?)
                    }
                }
            }
            deletion @ (Step::Delete { .. } | Step::DeletedThere { .. }) => {
                deletions.push(deletion);
                None
            }
        };
        if let Some((kind, id)) = written {
            note_meeting(conn, kind, id, &mut meetings).await?;
        }
    }
    for step in deletions {
        match step {
            Step::Delete { tombstone, local, id } => {
                note_meeting(conn, local.kind, id, &mut meetings).await?;
                let version = local.version.merged(&tombstone.version);
                writing::delete(conn, local.kind, id, &local.uuid, &version, &tombstone.changed_by)
                    .await?;
                applied.deleted += 1;
            }
            Step::DeletedThere { tombstone, local, id } => {
                applied.conflicts_settled += 1;
                let version = local.version.merged(&tombstone.version).bumped(&me);
                match chosen(choices, &local.uuid, None)? {
                    Side::Here => set_version(conn, &local.uuid, &version).await?,
                    Side::There => {
                        note_meeting(conn, local.kind, id, &mut meetings).await?;
                        writing::delete(conn, local.kind, id, &local.uuid, &version, &me).await?;
                        applied.deleted += 1;
                    }
                }
            }
            _ => unreachable!("only deletions were put aside"),
        }
    }
    Ok((applied, meetings))
}

/// Brings the search index, and the attachments' places in the agenda, up
/// to date for the meetings written (or gone).
pub(crate) async fn refresh_meetings(
    conn: &mut SqliteConnection,
    meetings: impl IntoIterator<Item = i64>,
) -> Result<()> {
    for meeting in meetings {
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM meetings WHERE id = ?")
            .bind(meeting)
            .fetch_optional(&mut *conn)
            .await?;
        if exists.is_some() {
            search::reindex(conn, MeetingId(meeting)).await?;
            // An agenda written from a package: this computer's attachments
            // follow their items, and the agenda as it was is not kept.
            crate::meetings::attachment::follow_agenda(conn, MeetingId(meeting)).await?;
        } else {
            search::remove(conn, MeetingId(meeting)).await?;
        }
    }
    Ok(())
}

/// The meeting whose search entries a written record feeds.
async fn note_meeting(
    conn: &mut SqliteConnection,
    kind: Kind,
    id: i64,
    meetings: &mut BTreeSet<i64>,
) -> Result<()> {
    match kind {
        Kind::Meeting => {
            meetings.insert(id);
        }
        // An action's description is indexed with the meeting that agreed it.
        Kind::Action => {
            let meeting: Option<i64> =
                sqlx::query_scalar("SELECT meeting_id FROM actions WHERE id = ?")
                    .bind(id)
                    .fetch_optional(&mut *conn)
                    .await?;
            meetings.extend(meeting);
        }
        Kind::FollowUp => {
            let meeting: Option<i64> =
                sqlx::query_scalar("SELECT meeting_id FROM action_followups WHERE id = ?")
                    .bind(id)
                    .fetch_optional(&mut *conn)
                    .await?;
            meetings.extend(meeting);
        }
        // A group's answers are indexed with their meetings; a deleted
        // group takes its answers with it.
        Kind::Group => {
            let answered: Vec<i64> =
                sqlx::query_scalar("SELECT meeting_id FROM group_reflections WHERE group_id = ?")
                    .bind(id)
                    .fetch_all(&mut *conn)
                    .await?;
            meetings.extend(answered);
        }
        _ => {}
    }
    Ok(())
}

async fn set_version(conn: &mut SqliteConnection, uuid: &str, version: &Version) -> Result<()> {
    sqlx::query("UPDATE records SET version = ? WHERE uuid = ?")
        .bind(version.to_json())
        .bind(uuid)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

impl Workspace {
    /// Opens `package`: all of it in one transaction, or nothing. Every
    /// conflict of the preview needs its choices.
    pub async fn apply_records(&self, package: &Package, choices: &[Choice]) -> Result<Applied> {
        let now = self.clock().timestamp();
        let mut tx = db::begin_write(self.pool()).await?;
        let steps = plan(&mut tx, &package.contents).await?;
        let applied = apply_steps(&mut tx, steps, choices, &now).await?;
        tx.commit().await?;
        Ok(applied)
    }

    /// Opens the package in `bytes`, with the choices for its conflicts.
    pub async fn open_package(&self, bytes: &[u8], choices: &[Choice]) -> Result<Applied> {
        let package = super::package::read(bytes)?;
        self.apply_records(&package, choices).await
    }
}
