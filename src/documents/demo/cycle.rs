//! The recorded cycle of the demo partnerships (`cycle.json`): meetings over
//! the last year and a few planned ahead, with attendance, reflections,
//! decisions, good examples, study visits, mentor sessions in the round's
//! pairings, improvement actions with their follow-ups, and indicators with
//! their values. So a new user's first report, statistics, handbook and
//! sign-in sheet have something in them.
//!
//! Dates are days counted from the clock's today, each moved to the next
//! working day (and out of July), so the demo never looks stale: the past meetings are always
//! recorded and the planned ones always ahead. (Tests run on a fixed clock,
//! so they see the same dates every time.)
//!
//! Everything is written through the core's own functions for a meeting,
//! its sections, actions and follow-ups, inside the demo's one transaction,
//! so the demo obeys every rule a user's data does (references, limits,
//! derived tallies and the search index).

use super::{broken, organisation_id, person_id};
use crate::Result;
use crate::kernel::values::{MeetingKind, MeetingMode, OrganisationId, PartnershipId};
use crate::meetings::action::{self, ActionDraft, ActionStatus, CreateAction};
use crate::meetings::attendance::{AttendanceEntry, AttendanceStatus, fill_attendance};
use crate::meetings::cycle::working_day_from;
use crate::meetings::draft::MeetingDraft;
use crate::meetings::follow_up::{self, RecordFollowUp};
use crate::meetings::meeting;
use crate::meetings::sections::{
    GoodExample, fill_decisions, fill_good_examples, replace_section_in,
};
use crate::registry::partnership::PartnershipDraft;
use chrono::{Datelike, Duration, NaiveDate};
use serde::Deserialize;
use sqlx::SqliteConnection;
use std::collections::HashMap;

static CYCLES: &str = include_str!("cycle.json");

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Cycles {
    #[allow(dead_code)]
    comment: String,
    cycles: Vec<Cycle>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct Cycle {
    partnership: String,
    start_day: Option<i64>,
    end_day: Option<i64>,
    meetings: Vec<DemoMeeting>,
    #[serde(default)]
    indicators: Vec<DemoIndicator>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct DemoMeeting {
    kind: MeetingKind,
    day: i64,
    #[serde(default)]
    title: String,
    #[serde(default)]
    start_time: String,
    #[serde(default)]
    end_time: String,
    #[serde(default)]
    venue_name: String,
    #[serde(default)]
    venue_address: String,
    #[serde(default)]
    online_link: String,
    /// The mentor organisation of the pairing a mentor session belongs to.
    pairing: Option<String>,
    host: Option<String>,
    #[serde(default)]
    visitors: Vec<String>,
    #[serde(default)]
    studied: String,
    #[serde(default)]
    learned: String,
    #[serde(default)]
    notes: String,
    reflection: Option<Reflection>,
    #[serde(default)]
    extra_women: i64,
    #[serde(default)]
    extra_men: i64,
    #[serde(default)]
    attended: Vec<String>,
    #[serde(default)]
    absent: Vec<String>,
    #[serde(default)]
    invited: Vec<String>,
    #[serde(default)]
    decisions: Vec<String>,
    #[serde(default)]
    good_examples: Vec<DemoExample>,
    #[serde(default)]
    follow_ups: Vec<DemoFollowUp>,
    #[serde(default)]
    actions: Vec<DemoAction>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Reflection {
    best: String,
    learn: String,
    develop: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct DemoExample {
    title: String,
    description: String,
    organisation: Option<String>,
    tags: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct DemoAction {
    /// What the follow-ups at later meetings call it.
    key: String,
    organisation: String,
    description: String,
    responsible: Option<String>,
    due_day: Option<i64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct DemoFollowUp {
    action: String,
    status: ActionStatus,
    note: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct DemoIndicator {
    name: String,
    unit: String,
    goal: Option<i64>,
    baseline: f64,
    baseline_day: i64,
    target: f64,
    target_day: i64,
    source: String,
    by_gender: bool,
    values: Vec<DemoValue>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct DemoValue {
    day: i64,
    value: f64,
    women: Option<f64>,
    men: Option<f64>,
    note: String,
}

/// The cycles of the demo partnerships, by partnership name.
pub(super) fn load() -> Result<HashMap<String, Cycle>> {
    let all: Cycles = serde_json::from_str(CYCLES).map_err(|e| broken(&e.to_string()))?;
    Ok(all.cycles.into_iter().map(|c| (c.partnership.clone(), c)).collect())
}

/// The working day `offset` days from today; a day in July, when most of
/// Sweden is on holiday, moves to August, as in a proposed cycle. Both moves
/// keep the order of the days, so follow-ups stay at later meetings.
fn day(today: NaiveDate, offset: i64) -> NaiveDate {
    let mut date = today + Duration::days(offset);
    if date.month() == 7 {
        date = NaiveDate::from_ymd_opt(date.year(), 8, 1).unwrap_or(date);
    }
    working_day_from(date)
}

impl Cycle {
    /// Sets the charter's period, where the cycle gives one, from today.
    pub(super) fn date_charter(&self, draft: &mut PartnershipDraft, today: NaiveDate) {
        if let Some(start) = self.start_day {
            draft.start_date = Some(day(today, start).to_string());
        }
        if let Some(end) = self.end_day {
            draft.end_date = Some(day(today, end).to_string());
        }
    }

    /// Records the cycle's meetings, in order, and its indicators, for a
    /// partnership just created; call inside the demo's write transaction.
    pub(super) async fn record(
        &self,
        conn: &mut SqliteConnection,
        partnership_id: PartnershipId,
        today: NaiveDate,
        now: &str,
    ) -> Result<()> {
        let mut actions = HashMap::new();
        for m in &self.meetings {
            record_meeting(conn, partnership_id, m, today, now, &mut actions).await?;
        }
        for indicator in &self.indicators {
            record_indicator(conn, partnership_id, indicator, today, now).await?;
        }
        Ok(())
    }
}

async fn organisations(
    conn: &mut SqliteConnection,
    names: &[String],
) -> Result<Vec<OrganisationId>> {
    let mut ids = Vec::with_capacity(names.len());
    for name in names {
        ids.push(organisation_id(conn, name).await?);
    }
    Ok(ids)
}

async fn pairing_of(
    conn: &mut SqliteConnection,
    partnership_id: PartnershipId,
    mentor: &str,
) -> Result<crate::kernel::values::PairingId> {
    let mentor = organisation_id(conn, mentor).await?;
    let id = sqlx::query_scalar(
        "SELECT id FROM pairings WHERE partnership_id = ? AND mentor_organisation_id = ? \
         ORDER BY id LIMIT 1",
    )
    .bind(partnership_id)
    .bind(mentor)
    .fetch_optional(&mut *conn)
    .await?;
    id.ok_or_else(|| broken("no pairing with that mentor"))
}

async fn record_meeting(
    conn: &mut SqliteConnection,
    partnership_id: PartnershipId,
    m: &DemoMeeting,
    today: NaiveDate,
    now: &str,
    actions: &mut HashMap<String, crate::kernel::values::ActionId>,
) -> Result<()> {
    let date = day(today, m.day).to_string();
    let reflection = m.reflection.as_ref();
    let text = |pick: fn(&Reflection) -> &String| reflection.map(pick).cloned().unwrap_or_default();
    let place = !m.venue_name.is_empty();
    let mode = match (m.online_link.is_empty(), place) {
        (true, _) => MeetingMode::OnSite,
        (false, false) => MeetingMode::Digital,
        (false, true) => MeetingMode::Hybrid,
    };
    let pairing_id = match &m.pairing {
        Some(mentor) => Some(pairing_of(conn, partnership_id, mentor).await?),
        None => None,
    };
    let host_organisation_id = match &m.host {
        Some(name) => Some(organisation_id(conn, name).await?),
        None => None,
    };
    let draft = MeetingDraft {
        title: m.title.clone(),
        start_time: m.start_time.clone(),
        end_time: m.end_time.clone(),
        venue_name: m.venue_name.clone(),
        venue_address: m.venue_address.clone(),
        online_link: m.online_link.clone(),
        host_organisation_id,
        visitor_ids: organisations(conn, &m.visitors).await?,
        studied: m.studied.clone(),
        learned: m.learned.clone(),
        notes: m.notes.clone(),
        reflection_best: text(|r| &r.best),
        reflection_learn: text(|r| &r.learn),
        reflection_develop: text(|r| &r.develop),
        extra_women: m.extra_women,
        extra_men: m.extra_men,
        pairing_id,
        mode: Some(mode),
        ..MeetingDraft::new(m.kind, &date)
    };
    let created = meeting::insert(conn, partnership_id, draft, now).await?;

    let mut entries = Vec::new();
    for (names, status) in [
        (&m.attended, AttendanceStatus::Attended),
        (&m.absent, AttendanceStatus::Absent),
        (&m.invited, AttendanceStatus::Invited),
    ] {
        for name in names {
            entries.push(AttendanceEntry { person_id: person_id(conn, name).await?, status });
        }
    }
    let clear = "DELETE FROM attendance WHERE meeting_id = ?";
    replace_section_in(conn, created.id, clear, now, async |conn, meeting| {
        fill_attendance(conn, meeting, &entries).await
    })
    .await?;

    if !m.decisions.is_empty() {
        let clear = "DELETE FROM decisions WHERE meeting_id = ?";
        let decisions = m.decisions.clone();
        replace_section_in(conn, created.id, clear, now, async |conn, meeting| {
            fill_decisions(conn, meeting, decisions).await
        })
        .await?;
    }

    if !m.good_examples.is_empty() {
        let mut examples = Vec::new();
        for e in &m.good_examples {
            let organisation_id = match &e.organisation {
                Some(name) => Some(organisation_id(conn, name).await?),
                None => None,
            };
            examples.push(GoodExample {
                title: e.title.clone(),
                description: e.description.clone(),
                organisation_id,
                tags: e.tags.clone(),
            });
        }
        let clear = "DELETE FROM good_examples WHERE meeting_id = ?";
        replace_section_in(conn, created.id, clear, now, async |conn, meeting| {
            fill_good_examples(conn, meeting, examples).await
        })
        .await?;
    }

    for f in &m.follow_ups {
        let action_id = *actions.get(&f.action).ok_or_else(|| broken(&f.action))?;
        let input = RecordFollowUp {
            action_id,
            meeting_id: created.id,
            status: f.status,
            note: f.note.clone(),
        };
        follow_up::record(conn, input, now).await?;
    }

    for a in &m.actions {
        let responsible_person_id = match &a.responsible {
            Some(name) => Some(person_id(conn, name).await?),
            None => None,
        };
        let draft = ActionDraft {
            responsible_person_id,
            due_date: a.due_day.map(|d| day(today, d).to_string()).unwrap_or_default(),
            ..ActionDraft::new(&a.description, Some(organisation_id(conn, &a.organisation).await?))
        };
        let input = CreateAction { meeting_id: created.id, draft };
        let agreed = action::insert(conn, input, now).await?;
        actions.insert(a.key.clone(), agreed.id);
    }
    Ok(())
}

/// An indicator with its values. The core's functions for indicators
/// (`registry::indicators`, written beside this for issue #17) each open a
/// transaction of their own and have no form that joins the caller's, so
/// this writes the rows of migration 0013 itself, inside the demo's
/// transaction, keeping their rules: a name unique in the partnership,
/// finite numbers, women's and men's figures only on an indicator split by
/// gender. A `pub(crate)` insert there would let it use them instead.
async fn record_indicator(
    conn: &mut SqliteConnection,
    partnership_id: PartnershipId,
    i: &DemoIndicator,
    today: NaiveDate,
    now: &str,
) -> Result<()> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO indicators (partnership_id, goal_position, name, unit, baseline, \
         baseline_date, target, target_date, source, by_gender, created_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(partnership_id)
    .bind(i.goal)
    .bind(&i.name)
    .bind(&i.unit)
    .bind(i.baseline)
    .bind(day(today, i.baseline_day).to_string())
    .bind(i.target)
    .bind(day(today, i.target_day).to_string())
    .bind(&i.source)
    .bind(i.by_gender)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    for v in &i.values {
        sqlx::query(
            "INSERT INTO indicator_values (indicator_id, measured_on, value, women, men, note) \
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(id)
        .bind(day(today, v.day).to_string())
        .bind(v.value)
        .bind(v.women)
        .bind(v.men)
        .bind(&v.note)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
