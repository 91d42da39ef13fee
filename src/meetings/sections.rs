//! The parts of a meeting's record that the meeting page saves one list at a
//! time: the agenda, the decisions and the good examples. Each save replaces
//! the whole list, and every save, here and in `attendance`, runs in the same
//! frame, `replace_section`: one write transaction in which the meeting must
//! exist, its old rows go, the new ones are checked and inserted, and the
//! meeting is marked changed and reindexed before the commit.
//!
//! Uses the kernel, the store, the search index, the registry (presenters and
//! organisations must exist) and, in this room, `meeting`.
//!
//! # Derived data: the search index
//!
//! The full-text index holds `agenda_items.title`, `agenda_items.notes`,
//! `decisions.text`, `good_examples.title`, `good_examples.description` and
//! `good_examples.tags` (the list in `search::reindex`, which must stay in
//! step with this one). No trigger keeps it: every write of these tables
//! must call `search::reindex` for the meeting in the same transaction,
//! which `replace_section` does for every save it frames. A new writer of
//! these tables goes through `replace_section` or reindexes itself.
//! `tests/core/derived.rs` compares the index with a full rebuild after every
//! kind of write.

use crate::kernel::limits::{
    self, MAX_AGENDA_ITEMS, MAX_DECISIONS, MAX_GOOD_EXAMPLES, MAX_TAGS, TAG_MAX_CHARS,
    TITLE_MAX_CHARS,
};
use crate::kernel::validate::{self, TEXT_MAX_CHARS};
use crate::kernel::values::{MeetingId, OrganisationId, PersonId};
use crate::meetings::meeting::{self, Meeting};
use crate::{Error, ErrorCode, Result, Workspace, search, store::db};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AgendaItem {
    pub title: String,
    pub presenter_organisation_id: Option<OrganisationId>,
    pub presenter_person_id: Option<PersonId>,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GoodExample {
    pub title: String,
    pub description: String,
    pub organisation_id: Option<OrganisationId>,
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetAgenda {
    pub meeting_id: MeetingId,
    pub items: Vec<AgendaItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetDecisions {
    pub meeting_id: MeetingId,
    pub decisions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetGoodExamples {
    pub meeting_id: MeetingId,
    pub examples: Vec<GoodExample>,
}

pub fn split_tags(tags: &str) -> Vec<String> {
    tags.split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned).collect()
}

/// A good example's tags, each entry split at commas: at most `MAX_TAGS`
/// of at most `TAG_MAX_CHARS` each (counted as sent and after splitting,
/// so that one entry of a million commas stops at the first tags too many).
fn tags(sent: &[String], field: &str) -> Result<Vec<String>> {
    limits::count(sent.len(), field, MAX_TAGS)?;
    let mut tags = Vec::new();
    for entry in sent {
        for tag in entry.split(',').map(str::trim).filter(|t| !t.is_empty()) {
            limits::count(tags.len() + 1, field, MAX_TAGS)?;
            let at = format!("{field}.{}", tags.len());
            tags.push(validate::text(tag.to_owned(), &at, TAG_MAX_CHARS)?);
        }
    }
    Ok(tags)
}

/// The frame of every section's save, in one write transaction: the meeting
/// must exist; `clear` (a DELETE of the section's rows, taking the meeting's
/// id) empties the section; `fill` checks and inserts the new rows and
/// returns what the page gets back; the meeting is marked changed and its
/// search entries rebuilt; then the commit. An error anywhere leaves the
/// meeting as it was.
pub(crate) async fn replace_section<T>(
    ws: &Workspace,
    meeting_id: MeetingId,
    clear: &'static str,
    fill: impl AsyncFnOnce(&mut SqliteConnection, &Meeting) -> Result<T>,
) -> Result<T> {
    let mut tx = db::begin_write(ws.pool()).await?;
    let kept =
        replace_section_in(&mut tx, meeting_id, clear, &ws.clock().timestamp(), fill).await?;
    tx.commit().await?;
    Ok(kept)
}

/// `replace_section` inside a write transaction the caller holds (the demo
/// data writes a whole cycle in one).
pub(crate) async fn replace_section_in<T>(
    conn: &mut SqliteConnection,
    meeting_id: MeetingId,
    clear: &'static str,
    now: &str,
    fill: impl AsyncFnOnce(&mut SqliteConnection, &Meeting) -> Result<T>,
) -> Result<T> {
    let meeting = meeting::get(&mut *conn, meeting_id).await?;
    crate::meetings::approval::ensure_unlocked(conn, meeting_id).await?;
    sqlx::query(clear).bind(meeting_id).execute(&mut *conn).await?;
    let kept = fill(conn, &meeting).await?;
    touch(conn, meeting_id, now).await?;
    Ok(kept)
}

/// Marks the meeting changed and brings its search entries up to date.
async fn touch(conn: &mut SqliteConnection, id: MeetingId, now: &str) -> Result<()> {
    sqlx::query("UPDATE meetings SET updated_at = ? WHERE id = ?")
        .bind(now)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    search::reindex(conn, id).await
}

/// What a coordinator can do with a meeting's agenda, decisions and good
/// examples.
impl Workspace {
    pub async fn set_agenda(&self, input: SetAgenda) -> Result<Vec<AgendaItem>> {
        limits::count(input.items.len(), "items", MAX_AGENDA_ITEMS)?;
        let clear = "DELETE FROM agenda_items WHERE meeting_id = ?";
        replace_section(self, input.meeting_id, clear, async move |conn, m| {
            let mut kept = Vec::new();
            for (i, item) in input.items.into_iter().enumerate() {
                let field = |f: &str| format!("items.{i}.{f}");
                let item = AgendaItem {
                    title: validate::text(
                        item.title.trim().to_owned(),
                        &field("title"),
                        TITLE_MAX_CHARS,
                    )?,
                    notes: validate::text(item.notes, &field("notes"), TEXT_MAX_CHARS)?,
                    ..item
                };
                if item.title.is_empty() && item.notes.trim().is_empty() {
                    continue;
                }
                if let Some(o) = item.presenter_organisation_id
                    && !crate::registry::organisation::exists(&mut *conn, o).await?
                {
                    return Err(Error::at(
                        ErrorCode::UnknownOrganisation,
                        &field("presenterOrganisationId"),
                        "no such organisation",
                    ));
                }
                if let Some(p) = item.presenter_person_id
                    && !crate::registry::person::exists(&mut *conn, p).await?
                {
                    return Err(Error::at(
                        ErrorCode::UnknownPerson,
                        &field("presenterPersonId"),
                        "no such person",
                    ));
                }
                sqlx::query(
                    "INSERT INTO agenda_items (meeting_id, position, title, \
                     presenter_organisation_id, presenter_person_id, notes) \
                     VALUES (?, ?, ?, ?, ?, ?)",
                )
                .bind(m.id)
                .bind(kept.len() as i64)
                .bind(&item.title)
                .bind(item.presenter_organisation_id)
                .bind(item.presenter_person_id)
                .bind(&item.notes)
                .execute(&mut *conn)
                .await?;
                kept.push(item);
            }
            // The rows are new: attachments find their items again.
            crate::meetings::attachment::follow_agenda(conn, m.id).await?;
            Ok(kept)
        })
        .await
    }

    pub async fn set_decisions(&self, input: SetDecisions) -> Result<Vec<String>> {
        limits::count(input.decisions.len(), "decisions", MAX_DECISIONS)?;
        let clear = "DELETE FROM decisions WHERE meeting_id = ?";
        replace_section(self, input.meeting_id, clear, async move |conn, m| {
            fill_decisions(conn, m, input.decisions).await
        })
        .await
    }

    pub async fn set_good_examples(&self, input: SetGoodExamples) -> Result<Vec<GoodExample>> {
        limits::count(input.examples.len(), "examples", MAX_GOOD_EXAMPLES)?;
        let clear = "DELETE FROM good_examples WHERE meeting_id = ?";
        replace_section(self, input.meeting_id, clear, async move |conn, m| {
            fill_good_examples(conn, m, input.examples).await
        })
        .await
    }
}

/// The decisions' rows of `set_decisions`, after its frame has cleared them.
pub(crate) async fn fill_decisions(
    conn: &mut SqliteConnection,
    m: &Meeting,
    decisions: Vec<String>,
) -> Result<Vec<String>> {
    let mut kept = Vec::new();
    for (i, text) in decisions.into_iter().enumerate() {
        let field = format!("decisions.{i}");
        let text = validate::text(text.trim().to_owned(), &field, TEXT_MAX_CHARS)?;
        if text.is_empty() {
            continue;
        }
        sqlx::query("INSERT INTO decisions (meeting_id, position, text) VALUES (?, ?, ?)")
            .bind(m.id)
            .bind(kept.len() as i64)
            .bind(&text)
            .execute(&mut *conn)
            .await?;
        kept.push(text);
    }
    Ok(kept)
}

/// The good examples' rows of `set_good_examples`, after its frame has
/// cleared them.
pub(crate) async fn fill_good_examples(
    conn: &mut SqliteConnection,
    m: &Meeting,
    examples: Vec<GoodExample>,
) -> Result<Vec<GoodExample>> {
    let mut kept = Vec::new();
    for (i, ex) in examples.into_iter().enumerate() {
        let field = |f: &str| format!("examples.{i}.{f}");
        let title = validate::text(ex.title.trim().to_owned(), &field("title"), TITLE_MAX_CHARS)?;
        let tags = tags(&ex.tags, &field("tags"))?;
        let description = validate::text(ex.description, &field("description"), TEXT_MAX_CHARS)?;
        if title.is_empty() && description.trim().is_empty() {
            continue;
        }
        if title.is_empty() {
            return Err(Error::at(ErrorCode::NameRequired, &field("title"), "no title"));
        }
        if let Some(o) = ex.organisation_id
            && !crate::registry::organisation::exists(&mut *conn, o).await?
        {
            return Err(Error::at(
                ErrorCode::UnknownOrganisation,
                &field("organisationId"),
                "no such organisation",
            ));
        }
        sqlx::query(
            "INSERT INTO good_examples (meeting_id, position, title, description, \
                     organisation_id, tags) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(m.id)
        .bind(kept.len() as i64)
        .bind(&title)
        .bind(&description)
        .bind(ex.organisation_id)
        .bind(tags.join(", "))
        .execute(&mut *conn)
        .await?;
        let organisation_id = ex.organisation_id;
        kept.push(GoodExample { title, description, organisation_id, tags });
    }
    Ok(kept)
}
