//! A meeting's own record: its kind, date and times, venue and the venue's
//! accessibility, the link of a digital meeting, host and visiting
//! organisations, notes, study-visit learning, the three questions of
//! development reflection, headcounts of people not in the register and, for
//! a mentor session, its pairing. This file holds the stored row: its
//! types, the one list of its columns, and its reads and writes. What the
//! form sends and the rules it must pass are in `draft`; the parts of a
//! meeting the page saves one by one are in `sections` (agenda, decisions,
//! good examples) and `attendance`; the actions agreed at it are in
//! `action`, their follow-ups and the deletion of a meeting in `follow_up`.
//!
//! Uses the kernel, the store, the search index, the registry (a meeting
//! belongs to a partnership) and, in this room, `draft` and `cycle`.
//!
//! # Derived data: the search index
//!
//! The full-text index holds this record's `meetings.notes`,
//! `meetings.studied`, `meetings.learned`, `meetings.reflection_best`,
//! `meetings.reflection_learn` and `meetings.reflection_develop` (the list in
//! `search::reindex`, which must stay in step with this one). No trigger
//! keeps it: every write of these columns calls `search::reindex` for the
//! meeting in the same transaction, so the index changes exactly when the
//! text does, and `delete_meeting` (in `follow_up`) calls `search::remove`.
//! `tests/core/derived.rs` compares the index with a full rebuild after every
//! kind of write.

use crate::kernel::limits;
use crate::kernel::page::{Cursor, Page, PageRequest};
use crate::kernel::validate;
use crate::kernel::values::{
    ById, MeetingId, MeetingKind, MeetingMode, OrganisationId, PairingId, PartnershipId, VenueId,
};
use crate::meetings::cycle::{self, PlannedMeeting};
use crate::meetings::draft::{
    MeetingDraft, Valid, check_references, default_mode, fill_from_venue, validate,
};
use crate::{Error, ErrorCode, Result, Workspace, search, store::db};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::sqlite::SqliteArguments;
use sqlx::{SqliteConnection, SqliteExecutor};
use ts_rs::TS;

/// A meeting's own record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct Meeting {
    pub id: MeetingId,
    pub partnership_id: PartnershipId,
    pub kind: MeetingKind,
    #[ts(type = "number | null")]
    pub number: Option<i64>,
    pub title: String,
    pub date: NaiveDate,
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    pub venue_name: String,
    pub venue_address: String,
    /// The link of a digital or hybrid meeting; empty when none.
    pub online_link: String,
    pub step_free_entrance: Option<bool>,
    pub no_thresholds: Option<bool>,
    pub lift: Option<bool>,
    pub accessible_toilet: Option<bool>,
    pub hearing_loop: Option<bool>,
    pub accessible_seating: Option<bool>,
    pub accessibility_notes: String,
    pub host_organisation_id: Option<OrganisationId>,
    pub studied: String,
    pub learned: String,
    pub notes: String,
    pub reflection_best: String,
    pub reflection_learn: String,
    pub reflection_develop: String,
    #[ts(type = "number")]
    pub extra_women: i64,
    #[ts(type = "number")]
    pub extra_men: i64,
    #[ts(type = "number")]
    pub extra_other: i64,
    #[ts(type = "number")]
    pub extra_not_stated: i64,
    /// The pairing a mentor session belongs to.
    pub pairing_id: Option<PairingId>,
    /// The venue of the register it was held at; its details are copied above.
    pub venue_id: Option<VenueId>,
    /// How it is held; none: not stated (a meeting made before this was kept).
    pub mode: Option<MeetingMode>,
    pub created_at: String,
    pub updated_at: String,
}

/// A meeting in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct MeetingSummary {
    pub id: MeetingId,
    pub partnership_id: PartnershipId,
    pub kind: MeetingKind,
    #[ts(type = "number | null")]
    pub number: Option<i64>,
    pub title: String,
    pub date: NaiveDate,
    pub start_time: Option<String>,
    pub venue_name: String,
    #[ts(type = "number")]
    pub attended: i64,
    #[ts(type = "number")]
    pub open_actions: i64,
}

/// A page of a partnership's meetings: `{ query: { id }, after, limit }`.
pub type MeetingsRequest = PageRequest<ById<PartnershipId>, Cursor<MeetingId>>;
pub type MeetingsPage = Page<MeetingSummary, Cursor<MeetingId>>;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateMeeting {
    pub partnership_id: PartnershipId,
    pub draft: MeetingDraft,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateMeeting {
    pub id: MeetingId,
    pub draft: MeetingDraft,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProposeCycle {
    pub partnership_id: PartnershipId,
    pub start_date: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SaveCycle {
    pub partnership_id: PartnershipId,
    pub meetings: Vec<PlannedMeeting>,
}

/// The record's columns that a save writes, each written once, here: the
/// SELECT, INSERT and UPDATE below and the binds of `bind_record` are all
/// made from this list, in its order. Calls `$then!` with the list.
macro_rules! with_record_columns {
    ($then:ident) => {
        $then! {
            kind, number, title, date, start_time, end_time, venue_name, venue_address,
            online_link, step_free_entrance, no_thresholds, lift, accessible_toilet, hearing_loop,
            accessible_seating, accessibility_notes, host_organisation_id, studied, learned,
            notes, reflection_best, reflection_learn, reflection_develop, extra_women, extra_men,
            extra_other, extra_not_stated, pairing_id, venue_id, mode
        }
    };
}

/// `a, b, c`: the column names as SQL.
macro_rules! names {
    ($first:ident $(, $rest:ident)*) => {
        concat!(stringify!($first) $(, ", ", stringify!($rest))*)
    };
}

/// `?, ?, ?`: a placeholder for each column.
macro_rules! marks {
    ($first:ident $(, $rest:ident)*) => {
        concat!("?" $(, mark!($rest))*)
    };
}

macro_rules! mark {
    ($column:ident) => {
        ", ?"
    };
}

/// The whole row, as `Meeting` reads it.
macro_rules! columns {
    () => {
        concat!("id, partnership_id, ", with_record_columns!(names), ", created_at, updated_at")
    };
}

/// The number after the partnership's highest, within `MEETING_NUMBER_MAX`.
async fn next_number(conn: &mut SqliteConnection, partnership_id: PartnershipId) -> Result<i64> {
    let highest: i64 = sqlx::query_scalar(
        "SELECT coalesce(max(number), 0) FROM meetings \
         WHERE partnership_id = ? AND kind = 'learning'",
    )
    .bind(partnership_id)
    .fetch_one(&mut *conn)
    .await?;
    if highest >= limits::MEETING_NUMBER_MAX {
        return Err(Error::at(ErrorCode::InvalidNumber, "number", "no free number left"));
    }
    Ok(highest + 1)
}

async fn save_visitors(
    conn: &mut SqliteConnection,
    id: MeetingId,
    visitors: &[OrganisationId],
) -> Result<()> {
    sqlx::query("DELETE FROM meeting_visitors WHERE meeting_id = ?")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for organisation_id in visitors {
        sqlx::query("INSERT INTO meeting_visitors (meeting_id, organisation_id) VALUES (?, ?)")
            .bind(id)
            .bind(organisation_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

type RecordQuery<'q> = sqlx::query::QueryAs<'q, sqlx::Sqlite, Meeting, SqliteArguments>;

/// Binds the record's columns in the order of `with_record_columns!`, which
/// both INSERT and UPDATE name them in.
fn bind_record<'q>(query: RecordQuery<'q>, v: &'q Valid) -> RecordQuery<'q> {
    macro_rules! bind_each {
        ($($column:ident),*) => {
            query $(.bind(&v.$column))*
        };
    }
    with_record_columns!(bind_each)
}

/// Creates a meeting; call inside a write transaction.
pub async fn insert(
    conn: &mut SqliteConnection,
    partnership_id: PartnershipId,
    draft: MeetingDraft,
    now: &str,
) -> Result<Meeting> {
    let mut v = validate(draft)?;
    if !crate::registry::partnership::exists(&mut *conn, partnership_id).await? {
        return Err(Error::at(ErrorCode::NotFound, "partnershipId", "no such partnership"));
    }
    check_references(conn, &v.d, partnership_id).await?;
    fill_from_venue(conn, &mut v.d, None).await?;
    if v.d.mode.is_none() {
        v.d.mode = Some(default_mode(&v.d));
    }
    if v.d.kind == MeetingKind::Learning && v.d.number.is_none() {
        v.d.number = Some(next_number(conn, partnership_id).await?);
    }
    let sql = concat!(
        "INSERT INTO meetings (partnership_id, ",
        with_record_columns!(names),
        ", created_at, updated_at) VALUES (?, ",
        with_record_columns!(marks),
        ", ?, ?) RETURNING ",
        columns!()
    );
    let query = sqlx::query_as(sql).bind(partnership_id);
    let meeting: Meeting = bind_record(query, &v).bind(now).bind(now).fetch_one(&mut *conn).await?;
    save_visitors(conn, meeting.id, &v.d.visitor_ids).await?;
    search::reindex(conn, meeting.id).await?;
    Ok(meeting)
}

/// Replaces a meeting's record; call inside a write transaction.
pub async fn update(
    conn: &mut SqliteConnection,
    id: MeetingId,
    draft: MeetingDraft,
    now: &str,
) -> Result<Meeting> {
    let mut v = validate(draft)?;
    let current = get(&mut *conn, id).await?;
    crate::meetings::approval::ensure_unlocked(conn, id).await?;
    check_references(conn, &v.d, current.partnership_id).await?;
    fill_from_venue(conn, &mut v.d, current.venue_id).await?;
    // A draft that states no mode (an older caller's) keeps the stored one.
    if v.d.mode.is_none() {
        v.d.mode = current.mode;
    }
    if v.d.kind == MeetingKind::Learning && v.d.number.is_none() {
        v.d.number = match (current.kind, current.number) {
            (MeetingKind::Learning, Some(n)) => Some(n),
            _ => Some(next_number(conn, current.partnership_id).await?),
        };
    }
    let sql = concat!(
        "UPDATE meetings SET (",
        with_record_columns!(names),
        ", updated_at) = (",
        with_record_columns!(marks),
        ", ?) WHERE id = ? RETURNING ",
        columns!()
    );
    let meeting: Meeting =
        bind_record(sqlx::query_as(sql), &v).bind(now).bind(id).fetch_one(&mut *conn).await?;
    save_visitors(conn, id, &v.d.visitor_ids).await?;
    search::reindex(conn, id).await?;
    Ok(meeting)
}

pub async fn get<'e>(ex: impl SqliteExecutor<'e>, id: MeetingId) -> Result<Meeting> {
    let sql = concat!("SELECT ", columns!(), " FROM meetings WHERE id = ?");
    let row = sqlx::query_as(sql).bind(id).fetch_optional(ex).await?;
    row.ok_or_else(|| not_found(id))
}

macro_rules! summary_columns {
    () => {
        "SELECT m.id, m.partnership_id, m.kind, m.number, m.title, m.date, m.start_time, \
         m.venue_name, \
         (SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id AND a.status = 'attended') \
           + m.extra_women + m.extra_men + m.extra_other + m.extra_not_stated AS attended, \
         (SELECT count(*) FROM actions x WHERE x.meeting_id = m.id \
           AND x.status IN ('planned', 'ongoing')) AS open_actions \
         FROM meetings m"
    };
}

/// A partnership's meetings in date order.
pub async fn of_partnership<'e>(
    ex: impl SqliteExecutor<'e>,
    id: PartnershipId,
) -> Result<Vec<MeetingSummary>> {
    Ok(of_partnership_after(ex, id, None, -1).await?.into_iter().map(|(m, _)| m).collect())
}

/// A partnership's meetings in date order after the cursor (its `group` is
/// the date, its `key` the start time or "", so a meeting without a time
/// comes first on its day), at most `fetch` (-1: all). The page's ids are
/// chosen first by the index on (partnership, date, start time); only their
/// rows are read in full.
async fn of_partnership_after<'e>(
    ex: impl SqliteExecutor<'e>,
    id: PartnershipId,
    after: Option<&Cursor<MeetingId>>,
    fetch: i64,
) -> Result<Vec<(MeetingSummary, Cursor<MeetingId>)>> {
    let sql = concat!(
        summary_columns!(),
        " JOIN (SELECT id FROM meetings \
           WHERE partnership_id = ?1 \
           AND (?4 IS NULL OR (date, coalesce(start_time, ''), id) > (?2, ?3, ?4)) \
           ORDER BY date, coalesce(start_time, ''), id LIMIT ?5) k ON k.id = m.id \
         ORDER BY m.date, coalesce(m.start_time, ''), m.id"
    );
    let rows: Vec<MeetingSummary> = sqlx::query_as(sql)
        .bind(id)
        .bind(after.map(|c| c.group.as_str()))
        .bind(after.map(|c| c.key.as_str()))
        .bind(after.map(|c| c.id))
        .bind(fetch)
        .fetch_all(ex)
        .await?;
    Ok(rows
        .into_iter()
        .map(|m| {
            let key = m.start_time.clone().unwrap_or_default();
            (m.clone(), Cursor { rank: 0, group: m.date.to_string(), key, id: m.id })
        })
        .collect())
}

/// A pairing's mentor sessions in date order.
pub async fn of_pairing<'e>(
    ex: impl SqliteExecutor<'e>,
    id: PairingId,
) -> Result<Vec<MeetingSummary>> {
    let sql =
        concat!(summary_columns!(), " WHERE m.pairing_id = ? ORDER BY m.date, m.start_time, m.id");
    Ok(sqlx::query_as(sql).bind(id).fetch_all(ex).await?)
}

/// The partnership's first meeting of a kind on or after a day.
pub async fn next_of_kind<'e>(
    ex: impl SqliteExecutor<'e>,
    partnership_id: PartnershipId,
    kind: MeetingKind,
    from: NaiveDate,
) -> Result<Option<MeetingSummary>> {
    let sql = concat!(
        summary_columns!(),
        " WHERE m.partnership_id = ? AND m.kind = ? AND m.date >= ? \
          ORDER BY m.date, m.start_time, m.id LIMIT 1"
    );
    Ok(sqlx::query_as(sql).bind(partnership_id).bind(kind).bind(from).fetch_optional(ex).await?)
}

fn not_found(id: MeetingId) -> Error {
    Error::new(ErrorCode::NotFound, format!("meeting {id} does not exist"))
}

/// What a coordinator can do with meetings.
impl Workspace {
    /// A page of a partnership's meetings in date order, after the cursor.
    pub async fn meetings(&self, request: MeetingsRequest) -> Result<MeetingsPage> {
        let bounds = request.bounds()?;
        let id = request.query.id;
        // One read transaction: the page and the count see the same data.
        let mut tx = self.pool().begin().await?;
        crate::registry::partnership::get(&mut *tx, id).await?;
        let rows = of_partnership_after(&mut *tx, id, bounds.after, bounds.fetch).await?;
        let total = sqlx::query_scalar("SELECT count(*) FROM meetings WHERE partnership_id = ?")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(bounds.page(rows, total))
    }

    pub async fn create_meeting(&self, input: CreateMeeting) -> Result<Meeting> {
        let mut tx = db::begin_write(self.pool()).await?;
        let m =
            insert(&mut tx, input.partnership_id, input.draft, &self.clock().timestamp()).await?;
        tx.commit().await?;
        Ok(m)
    }

    /// Saves the meeting's record; the form calls it as the user types.
    pub async fn update_meeting(&self, input: UpdateMeeting) -> Result<Meeting> {
        let mut tx = db::begin_write(self.pool()).await?;
        let m = update(&mut tx, input.id, input.draft, &self.clock().timestamp()).await?;
        tx.commit().await?;
        Ok(m)
    }

    /// The cycle proposed from a start date; nothing is saved.
    pub async fn propose_cycle(&self, input: ProposeCycle) -> Result<Vec<PlannedMeeting>> {
        crate::registry::partnership::get(self.pool(), input.partnership_id).await?;
        let start = validate::date(Some(&input.start_date), "startDate")?
            .ok_or_else(|| Error::at(ErrorCode::DateRequired, "startDate", "no date"))?;
        let mut planned = cycle::propose(start);
        let mut conn = self.pool().acquire().await?;
        let first = next_number(&mut conn, input.partnership_id).await? - 1;
        for p in &mut planned {
            p.number = p.number.map(|n| n + first);
        }
        Ok(planned)
    }

    /// Saves the planned meetings, as the coordinator adjusted them, in one go.
    pub async fn save_cycle(&self, input: SaveCycle) -> Result<Vec<MeetingSummary>> {
        limits::count(input.meetings.len(), "meetings", limits::MAX_CYCLE_MEETINGS)?;
        let now = self.clock().timestamp();
        let mut tx = db::begin_write(self.pool()).await?;
        for (i, p) in input.meetings.into_iter().enumerate() {
            let draft = MeetingDraft { number: p.number, ..MeetingDraft::new(p.kind, &p.date) };
            insert(&mut tx, input.partnership_id, draft, &now).await.map_err(|mut e| {
                e.field = e.field.map(|f| format!("meetings.{i}.{f}"));
                e
            })?;
        }
        let list = of_partnership(&mut *tx, input.partnership_id).await?;
        tx.commit().await?;
        Ok(list)
    }
}
