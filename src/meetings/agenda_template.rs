//! Agenda templates, and where a meeting's agenda can start from: a
//! template, or a copy of the agenda of the partnership's last meeting.
//!
//! A template has a name and ordered items (a title and notes) and is for a
//! partnership, a kind of meeting, both, or any meeting. A meeting is
//! offered the templates that fit it, best first: of its partnership and
//! kind, then of its kind, then of its partnership, then those for any
//! meeting (`choices`). "The last meeting" is the latest meeting of the same
//! partnership before it (by date, then by when it was made) whose agenda is
//! not empty, of the same kind if there is one, else of any kind.
//!
//! An agenda is filled as its meeting is created, in the same transaction
//! (`create_meeting_with_agenda`), or later (`apply_agenda`: an agenda that
//! is not empty only when told to, never on approved minutes). Templates are
//! local: they do not travel in exchange packages (migration 0011).
//!
//! Uses the kernel, the store, the search index (the agenda is indexed: a
//! filled agenda is reindexed in the same transaction), the registry and, in
//! this room, `approval`, `attachment` (attachments follow their agenda
//! items), `meeting` (a new meeting's record) and `sections` (its type).

use crate::kernel::limits::{self, MAX_AGENDA_ITEMS, MAX_TEMPLATES, TITLE_MAX_CHARS};
use crate::kernel::validate::{self, TEXT_MAX_CHARS};
use crate::kernel::values::{ById, MeetingId, MeetingKind, PartnershipId};
use crate::meetings::draft::MeetingDraft;
use crate::meetings::meeting::{self, Meeting};
use crate::meetings::sections::AgendaItem;
use crate::{Error, ErrorCode, Result, Workspace, search, store::db};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

/// An agenda template's id (`agenda_templates.id`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS, sqlx::Type,
)]
#[serde(transparent)]
#[sqlx(transparent)]
pub struct AgendaTemplateId(#[ts(type = "number")] pub i64);

/// One item of a template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TemplateItem {
    pub title: String,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AgendaTemplate {
    pub id: AgendaTemplateId,
    /// None: for every partnership.
    pub partnership_id: Option<PartnershipId>,
    /// None: for every kind of meeting.
    pub meeting_kind: Option<MeetingKind>,
    pub name: String,
    pub items: Vec<TemplateItem>,
}

/// What the template form sends.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TemplateDraft {
    pub partnership_id: Option<PartnershipId>,
    pub meeting_kind: Option<MeetingKind>,
    pub name: String,
    pub items: Vec<TemplateItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateAgendaTemplate {
    pub id: AgendaTemplateId,
    pub draft: TemplateDraft,
}

/// A partnership's templates and those for all (none: every template).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListAgendaTemplates {
    pub partnership_id: Option<PartnershipId>,
}

/// "Spara som mall": for the meeting's partnership and/or kind as asked.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SaveAgendaAsTemplate {
    pub meeting_id: MeetingId,
    pub name: String,
    pub for_partnership: bool,
    pub for_kind: bool,
}

/// Where an agenda starts from.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(tag = "source", rename_all = "snake_case", deny_unknown_fields)]
pub enum AgendaFrom {
    #[serde(rename_all = "camelCase")]
    Template { template_id: AgendaTemplateId },
    /// A copy of the last meeting's agenda (see the module's notes).
    LastMeeting,
}

/// Fills an existing meeting's agenda; one not empty only with `replace`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ApplyAgenda {
    pub meeting_id: MeetingId,
    pub from: AgendaFrom,
    #[serde(default)]
    pub replace: bool,
}

/// `CreateMeeting` with where its agenda starts from; the `create_meeting`
/// command takes it (without `agendaFrom`, the plain `CreateMeeting`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateMeetingWithAgenda {
    pub partnership_id: PartnershipId,
    pub draft: MeetingDraft,
    #[serde(default)]
    #[ts(optional)]
    pub agenda_from: Option<AgendaFrom>,
}

/// The meeting whose agenda "Kopiera förra träffens dagordning" copies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct LastMeeting {
    pub id: MeetingId,
    pub kind: MeetingKind,
    pub title: String,
    pub date: NaiveDate,
    #[ts(type = "number")]
    pub items: i64,
}

/// The fitting templates, best first, and the last meeting with an agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AgendaChoices {
    pub templates: Vec<AgendaTemplate>,
    pub last_meeting: Option<LastMeeting>,
}

/// The meeting an agenda is filled for: enough to find its sources.
#[derive(sqlx::FromRow)]
struct Target {
    id: MeetingId,
    partnership_id: PartnershipId,
    kind: MeetingKind,
    date: NaiveDate,
}

async fn target(conn: &mut SqliteConnection, id: MeetingId) -> Result<Target> {
    sqlx::query_as("SELECT id, partnership_id, kind, date FROM meetings WHERE id = ?")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| Error::new(ErrorCode::NotFound, format!("meeting {id} does not exist")))
}

fn not_found(id: AgendaTemplateId) -> Error {
    Error::at(ErrorCode::NotFound, "templateId", format!("template {} does not exist", id.0))
}

type Head = (AgendaTemplateId, Option<PartnershipId>, Option<MeetingKind>, String);

async fn with_items(conn: &mut SqliteConnection, heads: Vec<Head>) -> Result<Vec<AgendaTemplate>> {
    let mut out = Vec::with_capacity(heads.len());
    for (id, partnership_id, meeting_kind, name) in heads {
        let sql = "SELECT title, notes FROM agenda_template_items WHERE template_id = ? \
                   ORDER BY position";
        let items = sqlx::query_as(sql).bind(id).fetch_all(&mut *conn).await?;
        out.push(AgendaTemplate { id, partnership_id, meeting_kind, name, items });
    }
    Ok(out)
}

pub async fn get(conn: &mut SqliteConnection, id: AgendaTemplateId) -> Result<AgendaTemplate> {
    let head: Option<Head> = sqlx::query_as(
        "SELECT id, partnership_id, meeting_kind, name FROM agenda_templates WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let head = head.ok_or_else(|| not_found(id))?;
    Ok(with_items(conn, vec![head]).await?.remove(0))
}

/// The templates that fit a meeting, best first (see above), then by name.
pub async fn fitting(
    conn: &mut SqliteConnection,
    partnership_id: PartnershipId,
    kind: MeetingKind,
) -> Result<Vec<AgendaTemplate>> {
    let heads: Vec<Head> = sqlx::query_as(
        "SELECT id, partnership_id, meeting_kind, name FROM agenda_templates \
         WHERE (partnership_id IS NULL OR partnership_id = ?1) \
           AND (meeting_kind IS NULL OR meeting_kind = ?2) \
         ORDER BY CASE WHEN partnership_id IS NOT NULL AND meeting_kind IS NOT NULL THEN 0 \
                       WHEN meeting_kind IS NOT NULL THEN 1 \
                       WHEN partnership_id IS NOT NULL THEN 2 ELSE 3 END, name, id",
    )
    .bind(partnership_id)
    .bind(kind)
    .fetch_all(&mut *conn)
    .await?;
    with_items(conn, heads).await
}

/// The latest meeting before `t` in its partnership with an agenda: of the
/// same kind if any, else of any kind.
async fn last_meeting(conn: &mut SqliteConnection, t: &Target) -> Result<Option<LastMeeting>> {
    Ok(sqlx::query_as(
        "SELECT m.id, m.kind, m.title, m.date, \
           (SELECT count(*) FROM agenda_items a WHERE a.meeting_id = m.id) AS items \
         FROM meetings m \
         WHERE m.partnership_id = ?1 AND (m.date, m.id) < (?2, ?3) \
           AND EXISTS (SELECT 1 FROM agenda_items a WHERE a.meeting_id = m.id) \
         ORDER BY m.kind = ?4 DESC, m.date DESC, m.id DESC LIMIT 1",
    )
    .bind(t.partnership_id)
    .bind(t.date)
    .bind(t.id)
    .bind(t.kind)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Replaces the agenda with what `from` gives and reindexes the meeting, in
/// the caller's write transaction. A template gives titles and notes; the
/// last meeting's agenda is copied whole, with its presenters.
pub async fn fill(
    conn: &mut SqliteConnection,
    meeting_id: MeetingId,
    from: &AgendaFrom,
) -> Result<()> {
    let t = target(conn, meeting_id).await?;
    sqlx::query("DELETE FROM agenda_items WHERE meeting_id = ?")
        .bind(meeting_id)
        .execute(&mut *conn)
        .await?;
    match from {
        AgendaFrom::Template { template_id } => {
            let template = get(conn, *template_id).await?;
            for (position, item) in template.items.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO agenda_items (meeting_id, position, title, notes) \
                     VALUES (?, ?, ?, ?)",
                )
                .bind(meeting_id)
                .bind(position as i64)
                .bind(&item.title)
                .bind(&item.notes)
                .execute(&mut *conn)
                .await?;
            }
        }
        AgendaFrom::LastMeeting => {
            let Some(last) = last_meeting(conn, &t).await? else {
                return Err(Error::at(ErrorCode::NotFound, "from", "no earlier meeting"));
            };
            sqlx::query(
                "INSERT INTO agenda_items (meeting_id, position, title, \
                   presenter_organisation_id, presenter_person_id, notes) \
                 SELECT ?, position, title, presenter_organisation_id, presenter_person_id, notes \
                 FROM agenda_items WHERE meeting_id = ? ORDER BY position",
            )
            .bind(meeting_id)
            .bind(last.id)
            .execute(&mut *conn)
            .await?;
        }
    }
    search::reindex(conn, meeting_id).await
}

/// Checks a template's draft: a name, the partnership (if any) exists, at
/// most `MAX_AGENDA_ITEMS` items, each within its limits; empty items go.
async fn validate_draft(conn: &mut SqliteConnection, d: TemplateDraft) -> Result<TemplateDraft> {
    let name = validate::name(&d.name, "name")?;
    limits::count(d.items.len(), "items", MAX_AGENDA_ITEMS)?;
    if let Some(p) = d.partnership_id
        && !crate::registry::partnership::exists(&mut *conn, p).await?
    {
        return Err(Error::at(ErrorCode::NotFound, "partnershipId", "no such partnership"));
    }
    let mut items = Vec::new();
    for (i, item) in d.items.into_iter().enumerate() {
        let field = |f: &str| format!("items.{i}.{f}");
        let title = validate::text(item.title.trim().to_owned(), &field("title"), TITLE_MAX_CHARS)?;
        let notes = validate::text(item.notes, &field("notes"), TEXT_MAX_CHARS)?;
        if title.is_empty() && notes.trim().is_empty() {
            continue;
        }
        items.push(TemplateItem { title, notes });
    }
    Ok(TemplateDraft { name, items, ..d })
}

async fn write_items(
    conn: &mut SqliteConnection,
    id: AgendaTemplateId,
    items: &[TemplateItem],
) -> Result<()> {
    sqlx::query("DELETE FROM agenda_template_items WHERE template_id = ?")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for (position, item) in items.iter().enumerate() {
        sqlx::query(
            "INSERT INTO agenda_template_items (template_id, position, title, notes) \
             VALUES (?, ?, ?, ?)",
        )
        .bind(id)
        .bind(position as i64)
        .bind(&item.title)
        .bind(&item.notes)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

async fn insert(
    conn: &mut SqliteConnection,
    d: TemplateDraft,
    now: &str,
) -> Result<AgendaTemplate> {
    let d = validate_draft(conn, d).await?;
    let count: i64 =
        sqlx::query_scalar("SELECT count(*) FROM agenda_templates").fetch_one(&mut *conn).await?;
    limits::count(count as usize + 1, "templates", MAX_TEMPLATES)?;
    let id: AgendaTemplateId = sqlx::query_scalar(
        "INSERT INTO agenda_templates (partnership_id, meeting_kind, name, created_at, updated_at) \
         VALUES (?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(d.partnership_id)
    .bind(d.meeting_kind)
    .bind(&d.name)
    .bind(now)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    write_items(conn, id, &d.items).await?;
    get(conn, id).await
}

/// What a coordinator can do with agenda templates.
impl Workspace {
    /// A partnership's templates and those for all, or every one; by name.
    pub async fn agenda_templates(
        &self,
        input: ListAgendaTemplates,
    ) -> Result<Vec<AgendaTemplate>> {
        let mut conn = self.pool().acquire().await?;
        let heads: Vec<Head> = sqlx::query_as(
            "SELECT id, partnership_id, meeting_kind, name FROM agenda_templates \
             WHERE ?1 IS NULL OR partnership_id IS NULL OR partnership_id = ?1 \
             ORDER BY name, id",
        )
        .bind(input.partnership_id)
        .fetch_all(&mut *conn)
        .await?;
        with_items(&mut conn, heads).await
    }

    pub async fn create_agenda_template(&self, input: TemplateDraft) -> Result<AgendaTemplate> {
        let mut tx = db::begin_write(self.pool()).await?;
        let template = insert(&mut tx, input, &self.clock().timestamp()).await?;
        tx.commit().await?;
        Ok(template)
    }

    pub async fn update_agenda_template(
        &self,
        input: UpdateAgendaTemplate,
    ) -> Result<AgendaTemplate> {
        let mut tx = db::begin_write(self.pool()).await?;
        get(&mut tx, input.id).await?;
        let d = validate_draft(&mut tx, input.draft).await?;
        sqlx::query(
            "UPDATE agenda_templates SET partnership_id = ?, meeting_kind = ?, name = ?, \
             updated_at = ? WHERE id = ?",
        )
        .bind(d.partnership_id)
        .bind(d.meeting_kind)
        .bind(&d.name)
        .bind(self.clock().timestamp())
        .bind(input.id)
        .execute(&mut *tx)
        .await?;
        write_items(&mut tx, input.id, &d.items).await?;
        let template = get(&mut tx, input.id).await?;
        tx.commit().await?;
        Ok(template)
    }

    pub async fn delete_agenda_template(&self, input: ById<AgendaTemplateId>) -> Result<()> {
        let done = sqlx::query("DELETE FROM agenda_templates WHERE id = ?")
            .bind(input.id)
            .execute(self.pool())
            .await?;
        if done.rows_affected() == 0 {
            return Err(not_found(input.id));
        }
        Ok(())
    }

    /// "Spara som mall": the agenda's titles and notes as a new template.
    pub async fn save_agenda_as_template(
        &self,
        input: SaveAgendaAsTemplate,
    ) -> Result<AgendaTemplate> {
        let mut tx = db::begin_write(self.pool()).await?;
        let t = target(&mut tx, input.meeting_id).await?;
        let items: Vec<TemplateItem> = sqlx::query_as(
            "SELECT title, notes FROM agenda_items WHERE meeting_id = ? ORDER BY position",
        )
        .bind(input.meeting_id)
        .fetch_all(&mut *tx)
        .await?;
        if items.is_empty() {
            return Err(Error::at(ErrorCode::AgendaEmpty, "meetingId", "the agenda is empty"));
        }
        let draft = TemplateDraft {
            partnership_id: input.for_partnership.then_some(t.partnership_id),
            meeting_kind: input.for_kind.then_some(t.kind),
            name: input.name,
            items,
        };
        let template = insert(&mut tx, draft, &self.clock().timestamp()).await?;
        tx.commit().await?;
        Ok(template)
    }

    /// Creates a meeting and fills its agenda in one transaction: a source
    /// that is not there leaves no meeting behind.
    pub async fn create_meeting_with_agenda(
        &self,
        input: CreateMeetingWithAgenda,
    ) -> Result<Meeting> {
        let now = self.clock().timestamp();
        let mut tx = db::begin_write(self.pool()).await?;
        let m = meeting::insert(&mut tx, input.partnership_id, input.draft, &now).await?;
        if let Some(from) = &input.agenda_from {
            fill(&mut tx, m.id, from).await?;
        }
        tx.commit().await?;
        Ok(m)
    }

    pub async fn agenda_choices(&self, input: ById<MeetingId>) -> Result<AgendaChoices> {
        let mut conn = self.pool().acquire().await?;
        let t = target(&mut conn, input.id).await?;
        let templates = fitting(&mut conn, t.partnership_id, t.kind).await?;
        let last_meeting = last_meeting(&mut conn, &t).await?;
        Ok(AgendaChoices { templates, last_meeting })
    }

    /// Fills the meeting's agenda from a template or the last meeting, in
    /// one transaction: refused on approved minutes (`locked`), and on an
    /// agenda that is not empty unless `replace` (`agenda_not_empty`).
    /// Returns the new agenda.
    pub async fn apply_agenda(&self, input: ApplyAgenda) -> Result<Vec<AgendaItem>> {
        let mut tx = db::begin_write(self.pool()).await?;
        target(&mut tx, input.meeting_id).await?;
        crate::meetings::approval::ensure_unlocked(&mut tx, input.meeting_id).await?;
        let has_items: bool =
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM agenda_items WHERE meeting_id = ?)")
                .bind(input.meeting_id)
                .fetch_one(&mut *tx)
                .await?;
        if !input.replace && has_items {
            let message = "the agenda is not empty";
            return Err(Error::at(ErrorCode::AgendaNotEmpty, "meetingId", message));
        }
        fill(&mut tx, input.meeting_id, &input.from).await?;
        crate::meetings::attachment::follow_agenda(&mut tx, input.meeting_id).await?;
        sqlx::query("UPDATE meetings SET updated_at = ? WHERE id = ?")
            .bind(self.clock().timestamp())
            .bind(input.meeting_id)
            .execute(&mut *tx)
            .await?;
        let agenda = sqlx::query_as(
            "SELECT title, presenter_organisation_id, presenter_person_id, notes \
             FROM agenda_items WHERE meeting_id = ? ORDER BY position",
        )
        .bind(input.meeting_id)
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(agenda)
    }
}
