//! Meetings: startup meetings, learning meetings, results conferences,
//! coordinator and strategist meetings, study visits, mentor sessions,
//! workshops — each with its date, venue and the venue's accessibility,
//! agenda, attendance, decisions, good examples and the three questions of
//! development reflection.

use crate::kernel::validate::{self, TEXT_MAX_CHARS};
use crate::kernel::values::{Gender, MeetingKind};
use crate::meetings::cycle::{self, PlannedMeeting};
use crate::{Error, ErrorCode, Result, Workspace, search, store::db};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::sqlite::SqliteArguments;
use sqlx::{SqliteConnection, SqliteExecutor};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum AttendanceStatus {
    Invited,
    Attended,
    Absent,
}

/// A meeting's own record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct Meeting {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub partnership_id: i64,
    pub kind: MeetingKind,
    #[ts(type = "number | null")]
    pub number: Option<i64>,
    pub title: String,
    pub date: NaiveDate,
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    pub venue_name: String,
    pub venue_address: String,
    pub step_free_entrance: Option<bool>,
    pub no_thresholds: Option<bool>,
    pub lift: Option<bool>,
    pub accessible_toilet: Option<bool>,
    pub hearing_loop: Option<bool>,
    pub accessible_seating: Option<bool>,
    pub accessibility_notes: String,
    #[ts(type = "number | null")]
    pub host_organisation_id: Option<i64>,
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
    #[ts(type = "number | null")]
    pub pairing_id: Option<i64>,
    pub created_at: String,
    pub updated_at: String,
}

/// A meeting in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct MeetingSummary {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub partnership_id: i64,
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

/// The fields of a meeting's record as the form sends them. Times are
/// `HH:MM`; empty text means none.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MeetingDraft {
    pub kind: MeetingKind,
    /// For a learning meeting; none gives it the next free number.
    #[ts(type = "number | null")]
    pub number: Option<i64>,
    pub title: String,
    pub date: String,
    pub start_time: String,
    pub end_time: String,
    pub venue_name: String,
    pub venue_address: String,
    pub step_free_entrance: Option<bool>,
    pub no_thresholds: Option<bool>,
    pub lift: Option<bool>,
    pub accessible_toilet: Option<bool>,
    pub hearing_loop: Option<bool>,
    pub accessible_seating: Option<bool>,
    pub accessibility_notes: String,
    #[ts(type = "number | null")]
    pub host_organisation_id: Option<i64>,
    /// Organisations visiting on a study visit.
    #[ts(type = "Array<number>")]
    pub visitor_ids: Vec<i64>,
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
    /// Required for a mentor session, and only for one.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub pairing_id: Option<i64>,
}

impl MeetingDraft {
    pub fn new(kind: MeetingKind, date: &str) -> Self {
        Self {
            kind,
            number: None,
            title: String::new(),
            date: date.to_owned(),
            start_time: String::new(),
            end_time: String::new(),
            venue_name: String::new(),
            venue_address: String::new(),
            step_free_entrance: None,
            no_thresholds: None,
            lift: None,
            accessible_toilet: None,
            hearing_loop: None,
            accessible_seating: None,
            accessibility_notes: String::new(),
            host_organisation_id: None,
            visitor_ids: Vec::new(),
            studied: String::new(),
            learned: String::new(),
            notes: String::new(),
            reflection_best: String::new(),
            reflection_learn: String::new(),
            reflection_develop: String::new(),
            extra_women: 0,
            extra_men: 0,
            extra_other: 0,
            extra_not_stated: 0,
            pairing_id: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateMeeting {
    #[ts(type = "number")]
    pub partnership_id: i64,
    pub draft: MeetingDraft,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateMeeting {
    #[ts(type = "number")]
    pub id: i64,
    pub draft: MeetingDraft,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MeetingId {
    #[ts(type = "number")]
    pub id: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProposeCycle {
    #[ts(type = "number")]
    pub partnership_id: i64,
    pub start_date: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SaveCycle {
    #[ts(type = "number")]
    pub partnership_id: i64,
    pub meetings: Vec<PlannedMeeting>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AgendaItem {
    pub title: String,
    #[ts(type = "number | null")]
    pub presenter_organisation_id: Option<i64>,
    #[ts(type = "number | null")]
    pub presenter_person_id: Option<i64>,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GoodExample {
    pub title: String,
    pub description: String,
    #[ts(type = "number | null")]
    pub organisation_id: Option<i64>,
    pub tags: Vec<String>,
}

/// Someone who was or could have been at the meeting: the people of the
/// partnership's member organisations, and anyone recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct AttendanceRow {
    #[ts(type = "number")]
    pub person_id: i64,
    pub name: String,
    #[ts(type = "number | null")]
    pub organisation_id: Option<i64>,
    pub organisation_name: Option<String>,
    pub gender: Gender,
    /// None: not recorded.
    pub status: Option<AttendanceStatus>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AttendanceEntry {
    #[ts(type = "number")]
    pub person_id: i64,
    pub status: AttendanceStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetAgenda {
    #[ts(type = "number")]
    pub meeting_id: i64,
    pub items: Vec<AgendaItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetDecisions {
    #[ts(type = "number")]
    pub meeting_id: i64,
    pub decisions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetGoodExamples {
    #[ts(type = "number")]
    pub meeting_id: i64,
    pub examples: Vec<GoodExample>,
}

/// Replaces the recorded attendance; people left out are not recorded.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetAttendance {
    #[ts(type = "number")]
    pub meeting_id: i64,
    pub entries: Vec<AttendanceEntry>,
}

/// A draft that passed every rule.
struct Valid {
    d: MeetingDraft,
    date: NaiveDate,
    start_time: Option<String>,
    end_time: Option<String>,
}

/// `9:30`, `09:30` and `0930` all mean half past nine.
fn time(text: &str, field: &str) -> Result<Option<String>> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let digits: String = text.chars().filter(|c| c.is_ascii_digit()).collect();
    let shaped = text.chars().all(|c| c.is_ascii_digit() || c == ':' || c == '.');
    let (h, m) = match digits.len() {
        3 | 4 if shaped => digits.split_at(digits.len() - 2),
        _ => return Err(Error::at(ErrorCode::InvalidTime, field, "time is not HH:MM")),
    };
    match (h.parse::<u32>(), m.parse::<u32>()) {
        (Ok(h), Ok(m)) if h < 24 && m < 60 => Ok(Some(format!("{h:02}:{m:02}"))),
        _ => Err(Error::at(ErrorCode::InvalidTime, field, "time is not HH:MM")),
    }
}

fn validate(mut d: MeetingDraft) -> Result<Valid> {
    let date = validate::date(Some(&d.date), "date")?
        .ok_or_else(|| Error::at(ErrorCode::DateRequired, "date", "no date"))?;
    let start_time = time(&d.start_time, "startTime")?;
    let end_time = time(&d.end_time, "endTime")?;
    if let (Some(s), Some(e)) = (&start_time, &end_time)
        && e < s
    {
        return Err(Error::at(ErrorCode::EndBeforeStart, "endTime", "ends before it starts"));
    }
    if d.kind != MeetingKind::Learning {
        d.number = None;
    }
    if d.number.is_some_and(|n| n < 1) {
        return Err(Error::at(ErrorCode::InvalidNumber, "number", "number below 1"));
    }
    d.title = validate::short_text(&d.title, "title")?;
    d.venue_name = validate::short_text(&d.venue_name, "venueName")?;
    d.venue_address = validate::short_text(&d.venue_address, "venueAddress")?;
    for (text, field) in [
        (&mut d.accessibility_notes, "accessibilityNotes"),
        (&mut d.studied, "studied"),
        (&mut d.learned, "learned"),
        (&mut d.notes, "notes"),
        (&mut d.reflection_best, "reflectionBest"),
        (&mut d.reflection_learn, "reflectionLearn"),
        (&mut d.reflection_develop, "reflectionDevelop"),
    ] {
        *text = validate::text(std::mem::take(text), field, TEXT_MAX_CHARS)?;
    }
    for (n, field) in [
        (d.extra_women, "extraWomen"),
        (d.extra_men, "extraMen"),
        (d.extra_other, "extraOther"),
        (d.extra_not_stated, "extraNotStated"),
    ] {
        if !(0..=100_000).contains(&n) {
            return Err(Error::at(ErrorCode::InvalidNumber, field, "headcount out of range"));
        }
    }
    d.visitor_ids.sort_unstable();
    d.visitor_ids.dedup();
    Ok(Valid { d, date, start_time, end_time })
}

macro_rules! columns {
    () => {
        "id, partnership_id, kind, number, title, date, start_time, end_time, venue_name, \
         venue_address, step_free_entrance, no_thresholds, lift, accessible_toilet, hearing_loop, \
         accessible_seating, accessibility_notes, host_organisation_id, studied, learned, notes, \
         reflection_best, reflection_learn, reflection_develop, extra_women, extra_men, \
         extra_other, extra_not_stated, pairing_id, created_at, updated_at"
    };
}

async fn check_organisations(conn: &mut SqliteConnection, d: &MeetingDraft) -> Result<()> {
    let ids = d.host_organisation_id.iter().chain(&d.visitor_ids);
    for (i, &id) in ids.enumerate() {
        if !crate::registry::organisation::exists(&mut *conn, id).await? {
            let field = if i == 0 && d.host_organisation_id.is_some() {
                "hostOrganisationId"
            } else {
                "visitorIds"
            };
            return Err(Error::at(ErrorCode::UnknownOrganisation, field, "no such organisation"));
        }
    }
    Ok(())
}

/// A mentor session belongs to a pairing of its own partnership; no other
/// kind of meeting belongs to one.
async fn check_pairing(
    conn: &mut SqliteConnection,
    d: &MeetingDraft,
    partnership_id: i64,
) -> Result<()> {
    match (d.kind, d.pairing_id) {
        (MeetingKind::MentorSession, None) => Err(Error::at(
            ErrorCode::PairingRequired,
            "pairingId",
            "mentor session without pairing",
        )),
        (MeetingKind::MentorSession, Some(p)) => {
            if crate::pairings::pairing::partnership_of(&mut *conn, p).await?
                == Some(partnership_id)
            {
                Ok(())
            } else {
                Err(Error::at(
                    ErrorCode::UnknownPairing,
                    "pairingId",
                    "no such pairing in the round",
                ))
            }
        }
        (_, Some(_)) => {
            Err(Error::at(ErrorCode::NotMentorSession, "pairingId", "only mentor sessions"))
        }
        (_, None) => Ok(()),
    }
}

async fn next_number(conn: &mut SqliteConnection, partnership_id: i64) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT coalesce(max(number), 0) + 1 FROM meetings \
         WHERE partnership_id = ? AND kind = 'learning'",
    )
    .bind(partnership_id)
    .fetch_one(&mut *conn)
    .await?)
}

async fn save_visitors(conn: &mut SqliteConnection, id: i64, visitors: &[i64]) -> Result<()> {
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

/// Binds the record's fields in the order both INSERT and UPDATE name them.
fn bind_record<'q>(query: RecordQuery<'q>, v: &'q Valid) -> RecordQuery<'q> {
    let d = &v.d;
    query
        .bind(d.kind)
        .bind(d.number)
        .bind(&d.title)
        .bind(v.date)
        .bind(&v.start_time)
        .bind(&v.end_time)
        .bind(&d.venue_name)
        .bind(&d.venue_address)
        .bind(d.step_free_entrance)
        .bind(d.no_thresholds)
        .bind(d.lift)
        .bind(d.accessible_toilet)
        .bind(d.hearing_loop)
        .bind(d.accessible_seating)
        .bind(&d.accessibility_notes)
        .bind(d.host_organisation_id)
        .bind(&d.studied)
        .bind(&d.learned)
        .bind(&d.notes)
        .bind(&d.reflection_best)
        .bind(&d.reflection_learn)
        .bind(&d.reflection_develop)
        .bind(d.extra_women)
        .bind(d.extra_men)
        .bind(d.extra_other)
        .bind(d.extra_not_stated)
        .bind(d.pairing_id)
}

/// Creates a meeting; call inside a write transaction.
pub async fn insert(
    conn: &mut SqliteConnection,
    partnership_id: i64,
    draft: MeetingDraft,
    now: &str,
) -> Result<Meeting> {
    let mut v = validate(draft)?;
    if !crate::registry::partnership::exists(&mut *conn, partnership_id).await? {
        return Err(Error::at(ErrorCode::NotFound, "partnershipId", "no such partnership"));
    }
    check_organisations(conn, &v.d).await?;
    check_pairing(conn, &v.d, partnership_id).await?;
    if v.d.kind == MeetingKind::Learning && v.d.number.is_none() {
        v.d.number = Some(next_number(conn, partnership_id).await?);
    }
    let sql = concat!(
        "INSERT INTO meetings (partnership_id, kind, number, title, date, start_time, end_time, \
         venue_name, venue_address, step_free_entrance, no_thresholds, lift, accessible_toilet, \
         hearing_loop, accessible_seating, accessibility_notes, host_organisation_id, studied, \
         learned, notes, reflection_best, reflection_learn, reflection_develop, extra_women, \
         extra_men, extra_other, extra_not_stated, pairing_id, created_at, updated_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, \
         ?, ?, ?) RETURNING ",
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
    id: i64,
    draft: MeetingDraft,
    now: &str,
) -> Result<Meeting> {
    let mut v = validate(draft)?;
    let current = get(&mut *conn, id).await?;
    check_organisations(conn, &v.d).await?;
    check_pairing(conn, &v.d, current.partnership_id).await?;
    if v.d.kind == MeetingKind::Learning && v.d.number.is_none() {
        v.d.number = match (current.kind, current.number) {
            (MeetingKind::Learning, Some(n)) => Some(n),
            _ => Some(next_number(conn, current.partnership_id).await?),
        };
    }
    let sql = concat!(
        "UPDATE meetings SET kind = ?, number = ?, title = ?, date = ?, start_time = ?, \
         end_time = ?, venue_name = ?, venue_address = ?, step_free_entrance = ?, \
         no_thresholds = ?, lift = ?, accessible_toilet = ?, hearing_loop = ?, \
         accessible_seating = ?, accessibility_notes = ?, host_organisation_id = ?, studied = ?, \
         learned = ?, notes = ?, reflection_best = ?, reflection_learn = ?, \
         reflection_develop = ?, extra_women = ?, extra_men = ?, extra_other = ?, \
         extra_not_stated = ?, pairing_id = ?, updated_at = ? WHERE id = ? RETURNING ",
        columns!()
    );
    let meeting: Meeting =
        bind_record(sqlx::query_as(sql), &v).bind(now).bind(id).fetch_one(&mut *conn).await?;
    save_visitors(conn, id, &v.d.visitor_ids).await?;
    search::reindex(conn, id).await?;
    Ok(meeting)
}

pub async fn get<'e>(ex: impl SqliteExecutor<'e>, id: i64) -> Result<Meeting> {
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
    id: i64,
) -> Result<Vec<MeetingSummary>> {
    let sql = concat!(
        summary_columns!(),
        " WHERE m.partnership_id = ? ORDER BY m.date, m.start_time, m.id"
    );
    Ok(sqlx::query_as(sql).bind(id).fetch_all(ex).await?)
}

/// A pairing's mentor sessions in date order.
pub async fn of_pairing<'e>(ex: impl SqliteExecutor<'e>, id: i64) -> Result<Vec<MeetingSummary>> {
    let sql =
        concat!(summary_columns!(), " WHERE m.pairing_id = ? ORDER BY m.date, m.start_time, m.id");
    Ok(sqlx::query_as(sql).bind(id).fetch_all(ex).await?)
}

/// The partnership's first meeting of a kind on or after a day.
pub async fn next_of_kind<'e>(
    ex: impl SqliteExecutor<'e>,
    partnership_id: i64,
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

pub fn split_tags(tags: &str) -> Vec<String> {
    tags.split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned).collect()
}

fn not_found(id: i64) -> Error {
    Error::new(ErrorCode::NotFound, format!("meeting {id} does not exist"))
}

/// What a coordinator can do with meetings.
impl Workspace {
    pub async fn meetings(
        &self,
        input: crate::registry::partnership::PartnershipId,
    ) -> Result<Vec<MeetingSummary>> {
        crate::registry::partnership::get(self.pool(), input.id).await?;
        of_partnership(self.pool(), input.id).await
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

    pub async fn set_agenda(&self, input: SetAgenda) -> Result<Vec<AgendaItem>> {
        let mut tx = db::begin_write(self.pool()).await?;
        get(&mut *tx, input.meeting_id).await?;
        sqlx::query("DELETE FROM agenda_items WHERE meeting_id = ?")
            .bind(input.meeting_id)
            .execute(&mut *tx)
            .await?;
        let mut kept = Vec::new();
        for (i, item) in input.items.into_iter().enumerate() {
            let field = |f: &str| format!("items.{i}.{f}");
            let item = AgendaItem {
                title: validate::text(item.title.trim().to_owned(), &field("title"), 500)?,
                notes: validate::text(item.notes, &field("notes"), TEXT_MAX_CHARS)?,
                ..item
            };
            if item.title.is_empty() && item.notes.trim().is_empty() {
                continue;
            }
            if let Some(o) = item.presenter_organisation_id
                && !crate::registry::organisation::exists(&mut *tx, o).await?
            {
                return Err(Error::at(
                    ErrorCode::UnknownOrganisation,
                    &field("presenterOrganisationId"),
                    "no such organisation",
                ));
            }
            if let Some(p) = item.presenter_person_id
                && !crate::registry::person::exists(&mut *tx, p).await?
            {
                return Err(Error::at(
                    ErrorCode::UnknownPerson,
                    &field("presenterPersonId"),
                    "no such person",
                ));
            }
            sqlx::query(
                "INSERT INTO agenda_items (meeting_id, position, title, presenter_organisation_id, \
                 presenter_person_id, notes) VALUES (?, ?, ?, ?, ?, ?)",
            )
            .bind(input.meeting_id)
            .bind(kept.len() as i64)
            .bind(&item.title)
            .bind(item.presenter_organisation_id)
            .bind(item.presenter_person_id)
            .bind(&item.notes)
            .execute(&mut *tx)
            .await?;
            kept.push(item);
        }
        touch(&mut tx, input.meeting_id, &self.clock().timestamp()).await?;
        tx.commit().await?;
        Ok(kept)
    }

    pub async fn set_decisions(&self, input: SetDecisions) -> Result<Vec<String>> {
        let mut tx = db::begin_write(self.pool()).await?;
        get(&mut *tx, input.meeting_id).await?;
        sqlx::query("DELETE FROM decisions WHERE meeting_id = ?")
            .bind(input.meeting_id)
            .execute(&mut *tx)
            .await?;
        let mut kept = Vec::new();
        for (i, text) in input.decisions.into_iter().enumerate() {
            let text =
                validate::text(text.trim().to_owned(), &format!("decisions.{i}"), TEXT_MAX_CHARS)?;
            if text.is_empty() {
                continue;
            }
            sqlx::query("INSERT INTO decisions (meeting_id, position, text) VALUES (?, ?, ?)")
                .bind(input.meeting_id)
                .bind(kept.len() as i64)
                .bind(&text)
                .execute(&mut *tx)
                .await?;
            kept.push(text);
        }
        touch(&mut tx, input.meeting_id, &self.clock().timestamp()).await?;
        tx.commit().await?;
        Ok(kept)
    }

    pub async fn set_good_examples(&self, input: SetGoodExamples) -> Result<Vec<GoodExample>> {
        let mut tx = db::begin_write(self.pool()).await?;
        get(&mut *tx, input.meeting_id).await?;
        sqlx::query("DELETE FROM good_examples WHERE meeting_id = ?")
            .bind(input.meeting_id)
            .execute(&mut *tx)
            .await?;
        let mut kept = Vec::new();
        for (i, ex) in input.examples.into_iter().enumerate() {
            let field = |f: &str| format!("examples.{i}.{f}");
            let title = validate::text(ex.title.trim().to_owned(), &field("title"), 500)?;
            let description =
                validate::text(ex.description, &field("description"), TEXT_MAX_CHARS)?;
            if title.is_empty() && description.trim().is_empty() {
                continue;
            }
            if title.is_empty() {
                return Err(Error::at(ErrorCode::NameRequired, &field("title"), "no title"));
            }
            if let Some(o) = ex.organisation_id
                && !crate::registry::organisation::exists(&mut *tx, o).await?
            {
                return Err(Error::at(
                    ErrorCode::UnknownOrganisation,
                    &field("organisationId"),
                    "no such organisation",
                ));
            }
            let tags: Vec<String> = ex.tags.iter().flat_map(|t| split_tags(t)).collect();
            sqlx::query(
                "INSERT INTO good_examples (meeting_id, position, title, description, \
                 organisation_id, tags) VALUES (?, ?, ?, ?, ?, ?)",
            )
            .bind(input.meeting_id)
            .bind(kept.len() as i64)
            .bind(&title)
            .bind(&description)
            .bind(ex.organisation_id)
            .bind(tags.join(", "))
            .execute(&mut *tx)
            .await?;
            kept.push(GoodExample {
                title,
                description,
                organisation_id: ex.organisation_id,
                tags,
            });
        }
        touch(&mut tx, input.meeting_id, &self.clock().timestamp()).await?;
        tx.commit().await?;
        Ok(kept)
    }

    pub async fn set_attendance(&self, input: SetAttendance) -> Result<Vec<AttendanceRow>> {
        let mut tx = db::begin_write(self.pool()).await?;
        let meeting = get(&mut *tx, input.meeting_id).await?;
        sqlx::query("DELETE FROM attendance WHERE meeting_id = ?")
            .bind(input.meeting_id)
            .execute(&mut *tx)
            .await?;
        for (i, e) in input.entries.iter().enumerate() {
            if !crate::registry::person::exists(&mut *tx, e.person_id).await? {
                let field = format!("entries.{i}.personId");
                return Err(Error::at(ErrorCode::UnknownPerson, &field, "no such person"));
            }
            sqlx::query(
                "INSERT INTO attendance (meeting_id, person_id, status) VALUES (?, ?, ?) \
                 ON CONFLICT (meeting_id, person_id) DO UPDATE SET status = excluded.status",
            )
            .bind(input.meeting_id)
            .bind(e.person_id)
            .bind(e.status)
            .execute(&mut *tx)
            .await?;
        }
        touch(&mut tx, input.meeting_id, &self.clock().timestamp()).await?;
        let rows = attendance_rows(&mut tx, &meeting).await?;
        tx.commit().await?;
        Ok(rows)
    }
}

/// Marks the meeting changed and brings its search entries up to date.
async fn touch(conn: &mut SqliteConnection, id: i64, now: &str) -> Result<()> {
    sqlx::query("UPDATE meetings SET updated_at = ? WHERE id = ?")
        .bind(now)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    search::reindex(conn, id).await
}
