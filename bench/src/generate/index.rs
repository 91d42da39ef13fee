//! The full-text index: filled for all meetings in one statement, then a
//! sample checked against the app's own `samlar::search::reindex`.

use super::BoxError;
use crate::rng::Rng;
use samlar::kernel::values::MeetingId;
use sqlx::SqliteConnection;
use std::time::{Duration, Instant};

/// The search index rows `samlar::search::reindex` makes, for every meeting
/// at once: the same SELECT as there, over all meetings instead of one.
/// `verify_index` checks a sample against `reindex` itself. Meeting N's rows
/// get rowids N * 2^20 + 1, 2, … (any rowids serve the current `reindex`;
/// these also serve the rowid-range one proposed in BENCHMARKS.md).
pub(super) async fn bulk_index(conn: &mut SqliteConnection) -> Result<(), BoxError> {
    sqlx::query(
        "INSERT INTO search_index (rowid, text, meeting_id, source) \
         SELECT meeting_id * 1048576 + row_number() OVER (PARTITION BY meeting_id), \
                text, meeting_id, source FROM ( \
           SELECT id AS meeting_id, notes AS text, 'notes' AS source FROM meetings \
           UNION ALL SELECT id, studied || char(10) || learned, 'study_visit' FROM meetings \
           UNION ALL SELECT id, reflection_best || char(10) || reflection_learn || char(10) || \
                            reflection_develop, 'reflection' FROM meetings \
           UNION ALL SELECT meeting_id, title || char(10) || notes, 'agenda' FROM agenda_items \
           UNION ALL SELECT meeting_id, text, 'decision' FROM decisions \
           UNION ALL SELECT meeting_id, title || char(10) || description || char(10) || tags, \
                            'good_example' FROM good_examples \
           UNION ALL SELECT meeting_id, description, 'action' FROM actions \
           UNION ALL SELECT meeting_id, note, 'follow_up' FROM action_followups \
         ) WHERE trim(text, char(10) || ' ') <> '' ORDER BY meeting_id",
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

type IndexRows = Vec<(String, String)>;

async fn index_rows(conn: &mut SqliteConnection, meeting_id: i64) -> Result<IndexRows, BoxError> {
    Ok(sqlx::query_as(
        "SELECT source, text FROM search_index WHERE meeting_id = ? ORDER BY source, text",
    )
    .bind(meeting_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// Re-indexes a sample of meetings with the app's own `reindex` and checks
/// that the bulk index had exactly the same rows. Returns the mean time of
/// one `reindex` on the full index.
pub(super) async fn verify_index(
    conn: &mut SqliteConnection,
    rng: &mut Rng,
    meetings: i64,
) -> Result<Duration, BoxError> {
    let sample = 20.min(meetings.max(1));
    let mut spent = Duration::ZERO;
    for _ in 0..sample {
        let id = rng.range(1, meetings.max(1));
        let before = index_rows(conn, id).await?;
        let started = Instant::now();
        samlar::search::reindex(conn, MeetingId(id)).await?;
        spent += started.elapsed();
        let after = index_rows(conn, id).await?;
        if before != after {
            return Err(format!("bulk search index differs from reindex for meeting {id}").into());
        }
    }
    Ok(spent / sample as u32)
}
