//! Full-text search over what was said and decided at meetings: notes,
//! agenda notes, decisions, reflections, good examples, study-visit learning,
//! improvement actions and their follow-ups. SQLite's FTS5 ranks the hits;
//! every word of the query matches as a prefix, and å, ä and ö are letters of
//! their own (`får` does not find `far`).

use crate::kernel::limits::SEARCH_RANGE;
use crate::kernel::values::{MeetingId, MeetingKind, PartnershipId};
use crate::{Error, ErrorCode, Result, Workspace};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

/// Where in a meeting a hit was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum SearchSource {
    Notes,
    Agenda,
    Decision,
    Reflection,
    GoodExample,
    StudyVisit,
    Action,
    FollowUp,
}

/// Marks the matched words in a snippet: the text between `HIT_START` and
/// `HIT_END` matched. Control characters never occur in typed text.
pub const HIT_START: char = '\u{2}';
pub const HIT_END: char = '\u{3}';

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct SearchHit {
    pub meeting_id: MeetingId,
    pub meeting_kind: MeetingKind,
    #[ts(type = "number | null")]
    pub meeting_number: Option<i64>,
    pub meeting_title: String,
    pub meeting_date: NaiveDate,
    pub partnership_name: String,
    pub source: SearchSource,
    /// The matching passage; matched words are between U+0002 and U+0003.
    pub snippet: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SearchQuery {
    pub text: String,
    /// Only this partnership's meetings.
    pub partnership_id: Option<PartnershipId>,
}

const MAX_HITS: i64 = 50;

/// Rewrites what was typed as an FTS5 query: each word a quoted prefix, all
/// of them required. Operators and quotes typed by the user are plain text.
pub fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// The meetings whose indexed text holds `text` as a phrase: its words in a
/// row, each whole, case folded as the index folds it (any letter, not only
/// ASCII). For finding a person's name (`privacy::mentions`); none when
/// `text` has no word.
pub async fn meetings_with_phrase(
    conn: &mut SqliteConnection,
    text: &str,
) -> Result<Vec<MeetingId>> {
    let words: Vec<&str> =
        text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        return Ok(Vec::new());
    }
    // one FTS5 string: the tokenizer makes a phrase of its words
    let phrase = format!("\"{}\"", words.join(" "));
    let ids = sqlx::query_scalar(
        "SELECT DISTINCT rowid / 1048576 FROM search_index WHERE search_index MATCH ? ORDER BY 1",
    )
    .bind(phrase)
    .fetch_all(&mut *conn)
    .await?;
    Ok(ids)
}

/// Removes the search entries of one meeting. Meeting N's entries have
/// rowids N * 2^20 + 1, 2, … (migration 0005): a range FTS5 deletes
/// directly, where `meeting_id` would scan the whole index. A meeting has
/// fewer than 2^20 entries: `kernel::limits` bounds every list whose rows
/// are indexed, and `reindex` refuses more.
pub async fn remove(conn: &mut SqliteConnection, meeting_id: MeetingId) -> Result<()> {
    sqlx::query(
        "DELETE FROM search_index WHERE rowid BETWEEN ?1 * 1048576 AND ?1 * 1048576 + 1048575",
    )
    .bind(meeting_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Rebuilds the search entries of one meeting from what is stored; called in
/// the same transaction as every write that changes them. No trigger keeps
/// the index: the modules that write these columns call this, and each
/// lists its columns in its `//!`. The indexed columns, by source:
///
/// | source | columns | written by |
/// | --- | --- | --- |
/// | `notes` | `meetings.notes` | `meetings::meeting` |
/// | `study_visit` | `meetings.studied`, `meetings.learned` | `meetings::meeting` |
/// | `reflection` | `meetings.reflection_best`, `meetings.reflection_learn`, `meetings.reflection_develop` | `meetings::meeting` |
/// | `agenda` | `agenda_items.title`, `agenda_items.notes` | `meetings::sections` |
/// | `decision` | `decisions.text` | `meetings::sections` |
/// | `good_example` | `good_examples.title`, `good_examples.description`, `good_examples.tags` | `meetings::sections` |
/// | `action` | `actions.description` | `meetings::action` |
/// | `follow_up` | `action_followups.note` | `meetings::follow_up` |
/// | `reflection` | `group_reflections.reflection_best`, `group_reflections.reflection_learn`, `group_reflections.reflection_develop` | `meetings::group_reflection` |
///
/// A change to the SQL below changes this table and those lists with it;
/// `tests/core/derived.rs` checks that they agree with what is indexed.
pub async fn reindex(conn: &mut SqliteConnection, meeting_id: MeetingId) -> Result<()> {
    remove(conn, meeting_id).await?;
    let written = sqlx::query(
        "INSERT INTO search_index (rowid, text, meeting_id, source) \
         SELECT ?1 * 1048576 + row_number() OVER (), text, ?1, source FROM ( \
           SELECT notes AS text, 'notes' AS source FROM meetings WHERE id = ?1 \
           UNION ALL SELECT studied || char(10) || learned, 'study_visit' FROM meetings WHERE id = ?1 \
           UNION ALL SELECT reflection_best || char(10) || reflection_learn || char(10) || \
                            reflection_develop, 'reflection' FROM meetings WHERE id = ?1 \
           UNION ALL SELECT title || char(10) || notes, 'agenda' FROM agenda_items WHERE meeting_id = ?1 \
           UNION ALL SELECT text, 'decision' FROM decisions WHERE meeting_id = ?1 \
           UNION ALL SELECT title || char(10) || description || char(10) || tags, 'good_example' \
                     FROM good_examples WHERE meeting_id = ?1 \
           UNION ALL SELECT description, 'action' FROM actions WHERE meeting_id = ?1 \
           UNION ALL SELECT note, 'follow_up' FROM action_followups WHERE meeting_id = ?1 \
           UNION ALL SELECT reflection_best || char(10) || reflection_learn || char(10) || \
                            reflection_develop, 'reflection' \
                     FROM group_reflections WHERE meeting_id = ?1 \
         ) WHERE trim(text, char(10) || ' ') <> ''",
    )
    .bind(meeting_id)
    .execute(&mut *conn)
    .await?;
    // The lists' limits keep a meeting far inside its range (see
    // `kernel::limits::MAX_SEARCH_TEXTS_PER_MEETING`); a meeting that would
    // still leave it (a package from elsewhere) is refused, and the caller's
    // transaction with it, before an entry can land in the next meeting's.
    if written.rows_affected() >= SEARCH_RANGE as u64 {
        let message = "over 2^20 - 1 search entries in one meeting";
        return Err(Error::at(ErrorCode::TooMany, "meetingId", message));
    }
    Ok(())
}

impl Workspace {
    /// The best-matching passages, best first.
    ///
    /// The meeting is found from the rowid (meeting N's entries are N * 2^20 + k),
    /// not from the `meeting_id` column: reading that column costs a lookup in
    /// the index's content table for every matching passage, before the sort.
    /// For a word in 20,000 passages that was half the time (43 → 22 ms).
    pub async fn search(&self, query: SearchQuery) -> Result<Vec<SearchHit>> {
        let text = crate::kernel::validate::search_text(&query.text, "text")?;
        let Some(fts) = fts_query(text) else { return Ok(Vec::new()) };
        Ok(sqlx::query_as(
            "SELECT m.id AS meeting_id, m.kind AS meeting_kind, m.number AS meeting_number, \
             m.title AS meeting_title, m.date AS meeting_date, p.name AS partnership_name, \
             s.source, snippet(search_index, 0, char(2), char(3), '…', 16) AS snippet \
             FROM search_index s JOIN meetings m ON m.id = (s.rowid >> 20) \
             JOIN partnerships p ON p.id = m.partnership_id \
             WHERE search_index MATCH ?1 AND (?2 IS NULL OR m.partnership_id = ?2) \
             ORDER BY bm25(search_index), m.date DESC LIMIT ?3",
        )
        .bind(fts)
        .bind(query.partnership_id)
        .bind(MAX_HITS)
        .fetch_all(self.pool())
        .await?)
    }
}
