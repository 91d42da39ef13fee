//! What editing a venue of the register does to the meetings that chose it.
//! A meeting keeps a copy of its venue's name, address, accessibility
//! checklist and accessibility notes (see `draft`, *Choosing a venue*), so
//! the record says what was true of the place that day. When the venue is
//! edited, the copy is rewritten in the meetings that have not yet been
//! held: those dated today or later whose minutes are not approved. Past
//! meetings and approved ones keep theirs: their record is history. A
//! coming meeting whose copy was adjusted by hand gets the register's
//! details again; that is the price of "edit once, right everywhere".
//!
//! Lives in the meetings room rather than beside the register
//! (`registry::venue`) because it writes meetings; the register's other
//! writes touch no meeting. Uses the kernel, the store, the registry and,
//! in this room, `approval` and `meeting`.

use crate::kernel::values::MeetingId;
use crate::meetings::{approval, meeting};
use crate::registry::venue::{self, UpdateVenue, Venue};
use crate::{Result, Workspace, store::db};
use sqlx::SqliteConnection;

/// Copies the venue's details into its coming, unapproved meetings; call
/// inside the venue's write transaction. Returns the meetings changed.
async fn update_coming_meetings(
    conn: &mut SqliteConnection,
    v: &Venue,
    today: &str,
    now: &str,
) -> Result<Vec<MeetingId>> {
    let ids: Vec<MeetingId> =
        sqlx::query_scalar("SELECT id FROM meetings WHERE venue_id = ? AND date >= ? ORDER BY id")
            .bind(v.id)
            .bind(today)
            .fetch_all(&mut *conn)
            .await?;
    let mut changed = Vec::new();
    for id in ids {
        if approval::is_approved(&mut *conn, id).await? {
            continue;
        }
        let m = meeting::get(&mut *conn, id).await?;
        let same = (
            &m.venue_name,
            &m.venue_address,
            [m.step_free_entrance, m.no_thresholds, m.lift],
            [m.accessible_toilet, m.hearing_loop, m.accessible_seating],
            &m.accessibility_notes,
        ) == (
            &v.name,
            &v.address,
            [v.step_free_entrance, v.no_thresholds, v.lift],
            [v.accessible_toilet, v.hearing_loop, v.accessible_seating],
            &v.accessibility_notes,
        );
        if same {
            continue;
        }
        sqlx::query(
            "UPDATE meetings SET venue_name = ?, venue_address = ?, step_free_entrance = ?, \
             no_thresholds = ?, lift = ?, accessible_toilet = ?, hearing_loop = ?, \
             accessible_seating = ?, accessibility_notes = ?, updated_at = ? WHERE id = ?",
        )
        .bind(&v.name)
        .bind(&v.address)
        .bind(v.step_free_entrance)
        .bind(v.no_thresholds)
        .bind(v.lift)
        .bind(v.accessible_toilet)
        .bind(v.hearing_loop)
        .bind(v.accessible_seating)
        .bind(&v.accessibility_notes)
        .bind(now)
        .bind(id)
        .execute(&mut *conn)
        .await?;
        changed.push(id);
    }
    Ok(changed)
}

impl Workspace {
    /// Edits a venue of the register, and in the same transaction its
    /// coming meetings that are not approved (see the module's notes).
    pub async fn update_venue(&self, input: UpdateVenue) -> Result<Venue> {
        let d = venue::validate(input.draft)?;
        let now = self.clock().timestamp();
        let today = self.clock().today().to_string();
        let mut tx = db::begin_write(self.pool()).await?;
        venue::update_valid(&mut tx, input.id, &d, &now).await?;
        let v = venue::get(&mut *tx, input.id).await?;
        update_coming_meetings(&mut tx, &v, &today, &now).await?;
        tx.commit().await?;
        Ok(v)
    }
}
