//! Attendance: who was invited to a meeting, who came and who was absent,
//! and the list the meeting page shows to record it. In the core only this
//! file writes the `attendance` table (deleting a meeting or a person also
//! removes its rows, by cascade and trigger).
//!
//! Uses the kernel, the store, the registry (people must exist) and, in this
//! room, `meeting` and the save frame of `sections`.
//!
//! # Derived data: the attendance tallies
//!
//! The statistics read three tallies, `attendance_tally`,
//! `attendance_tally_meeting` and `attendance_tally_partnership` (migration
//! 0006). No Rust code writes them: SQL triggers keep them exact, in the same
//! statement as every change to `attendance`, to a person's gender or
//! organisation and to a meeting's partnership, and so in the same
//! transaction. The triggers see only what SQLite reports to them, which
//! sets the rules for writing `attendance`:
//!
//! - Allowed: `INSERT … ON CONFLICT (meeting_id, person_id) DO UPDATE SET
//!   status = excluded.status` (the upsert `set_attendance` uses: a changed
//!   status fires the UPDATE trigger, which moves the counts), plain
//!   `INSERT`, `UPDATE` and `DELETE`, and the deletes that cascade from
//!   meetings and people (a person's attendance is deleted by a trigger
//!   before the person goes, while their gender and organisation can still
//!   be counted out).
//! - Forbidden: `INSERT OR REPLACE`, `REPLACE INTO` and `UPDATE OR REPLACE`.
//!   The row a REPLACE removes to make room fires no DELETE trigger unless
//!   `recursive_triggers` is on, and Samlär does not turn it on: that row's
//!   counts would stay in the tallies for good and the statistics would
//!   count the person twice, with nothing failing at the time.
//!
//! `tests/core/derived.rs` recounts the tallies with plain SQL after a
//! sequence of writes, and scans every Rust file under `src/` for a REPLACE
//! into `attendance`.

use crate::kernel::values::{Gender, MeetingId, OrganisationId, PersonId};
use crate::meetings::meeting::Meeting;
use crate::meetings::sections::replace_section;
use crate::{Error, ErrorCode, Result, Workspace};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum AttendanceStatus {
    Invited,
    Attended,
    Absent,
}

/// Someone who was or could have been at the meeting: the people of the
/// partnership's member organisations, and anyone recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct AttendanceRow {
    pub person_id: PersonId,
    pub name: String,
    pub organisation_id: Option<OrganisationId>,
    pub organisation_name: Option<String>,
    pub gender: Gender,
    /// None: not recorded.
    pub status: Option<AttendanceStatus>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AttendanceEntry {
    pub person_id: PersonId,
    pub status: AttendanceStatus,
}

/// Replaces the recorded attendance; people left out are not recorded.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetAttendance {
    pub meeting_id: MeetingId,
    pub entries: Vec<AttendanceEntry>,
}

/// Everyone whose attendance the meeting page lists: the people recorded at
/// it and the people of the partnership's member organisations.
pub async fn attendance_rows(
    conn: &mut SqliteConnection,
    m: &Meeting,
) -> Result<Vec<AttendanceRow>> {
    Ok(sqlx::query_as(
        "SELECT p.id AS person_id, p.name, p.organisation_id, o.name AS organisation_name, \
         p.gender, a.status FROM people p \
         LEFT JOIN organisations o ON o.id = p.organisation_id \
         LEFT JOIN attendance a ON a.person_id = p.id AND a.meeting_id = ?1 \
         WHERE a.status IS NOT NULL OR p.organisation_id IN \
               (SELECT organisation_id FROM memberships WHERE partnership_id = ?2) \
         ORDER BY o.name_key IS NULL, o.name_key, p.name_key, p.id",
    )
    .bind(m.id)
    .bind(m.partnership_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// What a coordinator can do with attendance.
impl Workspace {
    /// Replaces the meeting's attendance: its rows are deleted, then each
    /// entry is upserted, so a person named twice keeps the last status.
    pub async fn set_attendance(&self, input: SetAttendance) -> Result<Vec<AttendanceRow>> {
        let most = crate::kernel::limits::MAX_ATTENDANCE_ENTRIES;
        crate::kernel::limits::count(input.entries.len(), "entries", most)?;
        let clear = "DELETE FROM attendance WHERE meeting_id = ?";
        replace_section(self, input.meeting_id, clear, async move |conn, meeting| {
            fill_attendance(conn, meeting, &input.entries).await?;
            attendance_rows(conn, meeting).await
        })
        .await
    }
}

/// The attendance rows of `set_attendance`, after its frame has cleared them.
pub(crate) async fn fill_attendance(
    conn: &mut SqliteConnection,
    meeting: &Meeting,
    entries: &[AttendanceEntry],
) -> Result<()> {
    for (i, e) in entries.iter().enumerate() {
        if !crate::registry::person::exists(&mut *conn, e.person_id).await? {
            let field = format!("entries.{i}.personId");
            return Err(Error::at(ErrorCode::UnknownPerson, &field, "no such person"));
        }
        // An upsert, never INSERT OR REPLACE: see the module's notes.
        sqlx::query(
            "INSERT INTO attendance (meeting_id, person_id, status) VALUES (?, ?, ?) \
             ON CONFLICT (meeting_id, person_id) DO UPDATE SET status = excluded.status",
        )
        .bind(meeting.id)
        .bind(e.person_id)
        .bind(e.status)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
