//! The lists of one partnership's work, to Excel, for a reporting period:
//! its meetings, attendance person by meeting, improvement actions with their
//! follow-ups, and good examples. The rules of every CSV file are those of
//! `export` (its writer is used): `;`, a byte-order mark, ISO dates, headers
//! and values in the interface language, formulas neutralised.
//!
//! # The period
//!
//! `from` and `to` are both optional and inclusive: a meeting on either date
//! is inside. A `to` before `from` is refused (`end_before_start` on `to`).
//! Meetings, attendance and good examples are those of the meetings in the
//! period. An action is in the period when the meeting that agreed it is, or
//! when a meeting in the period followed it up (`action::action_in_period!`,
//! the rule the partnership report uses too).
//!
//! # Actions and their follow-ups
//!
//! One row per action, followed by one row per follow-up recorded at a
//! meeting in the period, told apart by the first column ("Åtgärd" or
//! "Uppföljning") and joined by the action's number in the file (1, 2, …).
//! A follow-up row repeats the action's organisation and description, so
//! that a filter in Excel keeps them together. An action's row has the status
//! it was agreed with and its status today; a follow-up's row the status and
//! the note recorded at that meeting.

use super::messages::{label, meeting_label, text};
use super::sheet::Sheet;
use crate::kernel::values::{Gender, MeetingKind, MeetingMode, OrganisationLevel, PartnershipId};
use crate::meetings::action::{ActionStatus, action_in_period};
use crate::meetings::attendance::AttendanceStatus;
use crate::registry::partnership;
use crate::store::settings::Language;
use crate::{Result, Workspace};
use chrono::NaiveDate;

/// The lists of one partnership, for a period (see the module's text).
pub struct PeriodList {
    pub partnership_id: PartnershipId,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// A checked period of one partnership.
struct Period {
    partnership_id: PartnershipId,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

async fn period(ws: &Workspace, list: PeriodList) -> Result<Period> {
    let checked = crate::kernel::period::Period::check(list.from.as_deref(), list.to.as_deref())?;
    partnership::get(ws.pool(), list.partnership_id).await?;
    Ok(Period { partnership_id: list.partnership_id, from: checked.from, to: checked.to })
}

fn date(value: Option<NaiveDate>) -> String {
    value.map(|d| d.to_string()).unwrap_or_default()
}

#[derive(sqlx::FromRow)]
struct MeetingRow {
    date: NaiveDate,
    start_time: Option<String>,
    end_time: Option<String>,
    kind: MeetingKind,
    number: Option<i64>,
    title: String,
    venue_name: String,
    mode: Option<MeetingMode>,
    host: Option<String>,
    women: i64,
    men: i64,
    other: i64,
    not_stated: i64,
}

/// The meetings of the period, with those who attended by gender (registered
/// people by their gender, the others by the meeting's headcounts, as in the
/// statistics).
pub(super) async fn meetings(ws: &Workspace, l: Language, list: PeriodList) -> Result<Vec<u8>> {
    let p = period(ws, list).await?;
    let h = |key: &str| text(l, &format!("csv.meeting.{key}"));
    let mut sheet = Sheet::new(&[
        h("date"),
        h("startTime"),
        h("endTime"),
        h("kind"),
        h("number"),
        h("title"),
        h("venue"),
        h("mode"),
        h("host"),
        h("women"),
        h("men"),
        h("other"),
        h("notStated"),
    ])?;
    let sql = concat!(
        "SELECT m.date, m.start_time, m.end_time, m.kind, m.number, m.title, m.venue_name, \
         m.mode, o.name AS host, \
         m.extra_women + coalesce(t.women, 0) AS women, \
         m.extra_men + coalesce(t.men, 0) AS men, \
         m.extra_other + coalesce(t.other, 0) AS other, \
         m.extra_not_stated + coalesce(t.not_stated, 0) AS not_stated \
         FROM meetings m \
         LEFT JOIN organisations o ON o.id = m.host_organisation_id \
         LEFT JOIN attendance_tally_meeting t ON t.meeting_id = m.id \
         WHERE m.partnership_id = ?1 AND ",
        crate::in_period!("m.date", "2", "3"),
        " ORDER BY m.date, coalesce(m.start_time, ''), m.id"
    );
    let rows: Vec<MeetingRow> = sqlx::query_as(sql)
        .bind(p.partnership_id)
        .bind(p.from)
        .bind(p.to)
        .fetch_all(ws.pool())
        .await?;
    for m in rows {
        sheet.row([
            m.date.to_string(),
            m.start_time.unwrap_or_default(),
            m.end_time.unwrap_or_default(),
            label(l, "meetingKind", m.kind).to_owned(),
            m.number.map(|n| n.to_string()).unwrap_or_default(),
            m.title,
            m.venue_name,
            m.mode.map(|v| label(l, "meetingMode", v).to_owned()).unwrap_or_default(),
            m.host.unwrap_or_default(),
            m.women.to_string(),
            m.men.to_string(),
            m.other.to_string(),
            m.not_stated.to_string(),
        ])?;
    }
    sheet.finish()
}

#[derive(sqlx::FromRow)]
struct AttendanceRow {
    date: NaiveDate,
    kind: MeetingKind,
    number: Option<i64>,
    title: String,
    name: String,
    organisation: Option<String>,
    level: Option<OrganisationLevel>,
    gender: Gender,
    status: AttendanceStatus,
}

/// One row per person and meeting of the period, by meeting and name.
pub(super) async fn attendance(ws: &Workspace, l: Language, list: PeriodList) -> Result<Vec<u8>> {
    let p = period(ws, list).await?;
    let h = |key: &str| text(l, &format!("csv.attendance.{key}"));
    let mut sheet = Sheet::new(&[
        h("date"),
        h("meeting"),
        h("name"),
        h("organisation"),
        h("level"),
        h("gender"),
        h("status"),
    ])?;
    let sql = concat!(
        "SELECT m.date, m.kind, m.number, m.title, p.name, o.name AS organisation, p.level, \
         p.gender, a.status \
         FROM attendance a JOIN meetings m ON m.id = a.meeting_id \
         JOIN people p ON p.id = a.person_id \
         LEFT JOIN organisations o ON o.id = p.organisation_id \
         WHERE m.partnership_id = ?1 AND ",
        crate::in_period!("m.date", "2", "3"),
        " ORDER BY m.date, coalesce(m.start_time, ''), m.id, p.name_key, p.id"
    );
    let rows: Vec<AttendanceRow> = sqlx::query_as(sql)
        .bind(p.partnership_id)
        .bind(p.from)
        .bind(p.to)
        .fetch_all(ws.pool())
        .await?;
    for r in rows {
        sheet.row([
            r.date.to_string(),
            meeting_label(l, r.kind, r.number, &r.title),
            r.name,
            r.organisation.unwrap_or_default(),
            r.level.map(|v| label(l, "personLevel", v).to_owned()).unwrap_or_default(),
            label(l, "gender", r.gender).to_owned(),
            label(l, "attendanceStatus", r.status).to_owned(),
        ])?;
    }
    sheet.finish()
}

#[derive(sqlx::FromRow)]
struct ActionRow {
    id: i64,
    date: NaiveDate,
    kind: MeetingKind,
    number: Option<i64>,
    title: String,
    organisation: Option<String>,
    description: String,
    responsible: Option<String>,
    due_date: Option<NaiveDate>,
    agreed_status: ActionStatus,
    status: ActionStatus,
}

#[derive(sqlx::FromRow)]
struct FollowUpRow {
    action_id: i64,
    date: NaiveDate,
    kind: MeetingKind,
    number: Option<i64>,
    title: String,
    status: ActionStatus,
    note: String,
}

/// The actions of the period, each followed by its follow-ups in the period.
pub(super) async fn actions(ws: &Workspace, l: Language, list: PeriodList) -> Result<Vec<u8>> {
    let p = period(ws, list).await?;
    let h = |key: &str| text(l, &format!("csv.action.{key}"));
    let mut sheet = Sheet::new(&[
        h("row"),
        h("number"),
        h("date"),
        h("meeting"),
        h("organisation"),
        h("description"),
        h("responsible"),
        h("dueDate"),
        h("status"),
        h("statusToday"),
        h("note"),
    ])?;
    let sql = concat!(
        "SELECT x.id, m.date, m.kind, m.number, m.title, o.name AS organisation, x.description, \
         r.name AS responsible, x.due_date, x.agreed_status, x.status \
         FROM actions x JOIN meetings m ON m.id = x.meeting_id \
         LEFT JOIN organisations o ON o.id = x.organisation_id \
         LEFT JOIN people r ON r.id = x.responsible_person_id \
         WHERE x.partnership_id = ?1 AND ",
        action_in_period!("x", "m.date"),
        " ORDER BY m.date, coalesce(m.start_time, ''), m.id, x.id"
    );
    let actions: Vec<ActionRow> = sqlx::query_as(sql)
        .bind(p.partnership_id)
        .bind(p.from)
        .bind(p.to)
        .fetch_all(ws.pool())
        .await?;
    let sql = concat!(
        "SELECT f.action_id, fm.date, fm.kind, fm.number, fm.title, f.status, f.note \
         FROM action_followups f JOIN actions x ON x.id = f.action_id \
         JOIN meetings fm ON fm.id = f.meeting_id \
         WHERE x.partnership_id = ?1 AND ",
        crate::in_period!("fm.date", "2", "3"),
        " ORDER BY fm.date, coalesce(fm.start_time, ''), fm.id"
    );
    let follow_ups: Vec<FollowUpRow> = sqlx::query_as(sql)
        .bind(p.partnership_id)
        .bind(p.from)
        .bind(p.to)
        .fetch_all(ws.pool())
        .await?;
    let mut by_action: std::collections::HashMap<i64, Vec<FollowUpRow>> = Default::default();
    for f in follow_ups {
        by_action.entry(f.action_id).or_default().push(f);
    }
    let status = |s: ActionStatus| label(l, "actionStatus", s).to_owned();
    for (n, a) in actions.into_iter().enumerate() {
        let number = (n + 1).to_string();
        let organisation = a.organisation.unwrap_or_default();
        sheet.row([
            text(l, "csv.action.kindAction").to_owned(),
            number.clone(),
            a.date.to_string(),
            meeting_label(l, a.kind, a.number, &a.title),
            organisation.clone(),
            a.description.clone(),
            a.responsible.unwrap_or_default(),
            date(a.due_date),
            status(a.agreed_status),
            status(a.status),
            String::new(),
        ])?;
        for f in by_action.remove(&a.id).unwrap_or_default() {
            sheet.row([
                text(l, "csv.action.kindFollowUp").to_owned(),
                number.clone(),
                f.date.to_string(),
                meeting_label(l, f.kind, f.number, &f.title),
                organisation.clone(),
                a.description.clone(),
                String::new(),
                String::new(),
                status(f.status),
                String::new(),
                f.note,
            ])?;
        }
    }
    sheet.finish()
}

#[derive(sqlx::FromRow)]
struct GoodExampleRow {
    date: NaiveDate,
    kind: MeetingKind,
    number: Option<i64>,
    meeting_title: String,
    title: String,
    description: String,
    organisation: Option<String>,
    tags: String,
}

/// The good examples told at the meetings of the period.
pub(super) async fn good_examples(
    ws: &Workspace,
    l: Language,
    list: PeriodList,
) -> Result<Vec<u8>> {
    let p = period(ws, list).await?;
    let h = |key: &str| text(l, &format!("csv.goodExample.{key}"));
    let mut sheet = Sheet::new(&[
        h("date"),
        h("meeting"),
        h("title"),
        h("description"),
        h("organisation"),
        h("tags"),
    ])?;
    let sql = concat!(
        "SELECT m.date, m.kind, m.number, m.title AS meeting_title, g.title, g.description, \
         o.name AS organisation, g.tags \
         FROM good_examples g JOIN meetings m ON m.id = g.meeting_id \
         LEFT JOIN organisations o ON o.id = g.organisation_id \
         WHERE m.partnership_id = ?1 AND ",
        crate::in_period!("m.date", "2", "3"),
        " ORDER BY m.date, coalesce(m.start_time, ''), m.id, g.position"
    );
    let rows: Vec<GoodExampleRow> = sqlx::query_as(sql)
        .bind(p.partnership_id)
        .bind(p.from)
        .bind(p.to)
        .fetch_all(ws.pool())
        .await?;
    for g in rows {
        let tags: Vec<&str> = g.tags.split(',').map(str::trim).filter(|t| !t.is_empty()).collect();
        sheet.row([
            g.date.to_string(),
            meeting_label(l, g.kind, g.number, &g.meeting_title),
            g.title,
            g.description,
            g.organisation.unwrap_or_default(),
            tags.join(", "),
        ])?;
    }
    sheet.finish()
}
