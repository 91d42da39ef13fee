//! The summary of one meeting as a mentor prints it: who came, what was on
//! the agenda and said, the reflection, what was decided, the new
//! improvement actions and how the earlier ones went. A mentor session gets
//! its own summary: the pairing, notes, agreed next steps, the participants'
//! open actions and the next meetings. Both say how the meeting is held (on
//! site, digital, hybrid), where (a digital meeting has no address), the
//! link of a digital or hybrid one as text, and the venue's accessibility
//! checklist in words.

use super::layout::{Block, Column};
use super::{Draft, Words};
use crate::kernel::values::{
    Gender, MeetingId, MeetingKind, MeetingMode, OrganisationId, PairingId,
};
use crate::meetings::action::{self, Action};
use crate::meetings::attendance::AttendanceStatus;
use crate::meetings::follow_up::FollowUp;
use crate::meetings::meeting;
use crate::meetings::statistics::GenderCounts;
use crate::pages::meeting::MeetingDetail;
use crate::{Result, pairings::pairing};
use chrono::NaiveDate;
use sqlx::SqliteConnection;
use std::collections::BTreeMap;

pub(super) async fn summary(
    conn: &mut SqliteConnection,
    w: Words,
    meeting_id: MeetingId,
    today: NaiveDate,
) -> Result<Draft> {
    let d = crate::pages::meeting::detail(conn, meeting_id).await?;
    match d.meeting.pairing_id {
        Some(p) if d.meeting.kind == MeetingKind::MentorSession => {
            mentor_session(conn, w, d, p, today).await
        }
        _ => Ok(meeting_summary(w, &d)),
    }
}

fn header(w: Words, d: &MeetingDetail) -> Vec<(String, String)> {
    let m = &d.meeting;
    let time = match (&m.start_time, &m.end_time) {
        (Some(s), Some(e)) => format!("{s}–{e}"),
        (Some(s), None) => s.clone(),
        _ => w.t("pdf.none"),
    };
    let venue = [m.venue_name.trim(), m.venue_address.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let mut fields = vec![
        (w.t("pdf.partnership"), d.partnership.name.clone()),
        (w.t("pdf.date"), m.date.to_string()),
        (w.t("pdf.time"), time),
    ];
    if let Some(mode) = m.mode {
        fields.push((w.t("pdf.mode"), w.label("meetingMode", mode)));
    }
    // A digital meeting is held nowhere: no venue, no street address.
    if m.mode != Some(MeetingMode::Digital) {
        fields.push((w.t("pdf.venue"), if venue.is_empty() { w.t("pdf.none") } else { venue }));
    }
    if !m.online_link.trim().is_empty() {
        fields.push((w.t("pdf.onlineLink"), m.online_link.trim().to_owned()));
    }
    if let Some(host) = &d.host_organisation {
        fields.push((w.t("pdf.host"), host.name.clone()));
    }
    fields.push((w.t("pdf.approval"), approval(w, d)));
    fields
}

/// "Justerat av Anna Andersson och Bo Berg (2026-11-30)" while the minutes
/// are approved (without names for people since erased), else "Ej justerat".
fn approval(w: Words, d: &MeetingDetail) -> String {
    let latest = d.approval.history.last().filter(|_| d.approval.approved);
    let Some(e) = latest else {
        return w.t("pdf.notApproved");
    };
    let date = e.on_date.to_string();
    match (&e.person_name, &e.second_person_name) {
        (Some(a), Some(b)) => {
            w.fill("pdf.approvedByTwo", &[("first", a), ("second", b), ("date", &date)])
        }
        (Some(a), None) | (None, Some(a)) => {
            w.fill("pdf.approvedByOne", &[("name", a), ("date", &date)])
        }
        (None, None) => w.fill("pdf.approvedOn", &[("date", &date)]),
    }
}

/// The venue's accessibility checklist in words ("Hiss: Ja"), and its
/// notes; nothing for a digital meeting with nothing checked.
fn accessibility(w: Words, d: &MeetingDetail) -> Vec<Block> {
    let m = &d.meeting;
    let checks = [
        ("meeting.check.stepFreeEntrance", m.step_free_entrance),
        ("meeting.check.noThresholds", m.no_thresholds),
        ("meeting.check.lift", m.lift),
        ("meeting.check.accessibleToilet", m.accessible_toilet),
        ("meeting.check.hearingLoop", m.hearing_loop),
        ("meeting.check.accessibleSeating", m.accessible_seating),
    ];
    let nothing =
        checks.iter().all(|(_, c)| c.is_none()) && m.accessibility_notes.trim().is_empty();
    if m.mode == Some(MeetingMode::Digital) && nothing {
        return Vec::new();
    }
    let answer = |c: Option<bool>| match c {
        Some(true) => w.t("meeting.check.yes"),
        Some(false) => w.t("meeting.check.no"),
        None => w.t("meeting.check.unknown"),
    };
    let mut fields: Vec<(String, String)> =
        checks.iter().map(|&(key, c)| (w.t(key), answer(c))).collect();
    if !m.accessibility_notes.trim().is_empty() {
        fields.push((w.t("meeting.accessibilityNotes"), m.accessibility_notes.trim().to_owned()));
    }
    vec![Block::Heading(w.t("pdf.accessibility")), Block::Fields(fields)]
}

fn count(c: &mut GenderCounts, gender: Gender) {
    match gender {
        Gender::Woman => c.women += 1,
        Gender::Man => c.men += 1,
        Gender::Other => c.other += 1,
        Gender::NotStated => c.not_stated += 1,
    }
    c.total += 1;
}

fn counts_row(name: String, c: &GenderCounts) -> Vec<String> {
    let n = |v: i64| v.to_string();
    vec![name, n(c.women), n(c.men), n(c.other), n(c.not_stated), n(c.total)]
}

fn counts_columns(w: Words, first: &str) -> Vec<Column> {
    let number = |key: &str| Column { title: w.t(key), width: 1.0, align_right: true };
    vec![
        Column { title: w.t(first), width: 3.0, align_right: false },
        number("pdf.women"),
        number("pdf.men"),
        number("pdf.other"),
        number("pdf.notStated"),
        number("pdf.total"),
    ]
}

const NEW_ACTIONS: (&str, &str) = ("pdf.newActions", "pdf.noActions");
const OPEN_ACTIONS: (&str, &str) = ("pdf.openActions", "pdf.noOpenActions");

/// Attendance by organisation with counts by gender, then the names.
fn attendance(w: Words, d: &MeetingDetail) -> Vec<Block> {
    let mut by_organisation: BTreeMap<String, (GenderCounts, Vec<String>)> = BTreeMap::new();
    let mut order = Vec::new();
    for row in d.attendance.iter().filter(|r| r.status == Some(AttendanceStatus::Attended)) {
        let name = row.organisation_name.clone().unwrap_or_else(|| w.t("pdf.noOrganisation"));
        if !by_organisation.contains_key(&name) {
            order.push(name.clone());
        }
        let entry = by_organisation.entry(name).or_default();
        count(&mut entry.0, row.gender);
        entry.1.push(row.name.clone());
    }
    let m = &d.meeting;
    let extra = GenderCounts {
        women: m.extra_women,
        men: m.extra_men,
        other: m.extra_other,
        not_stated: m.extra_not_stated,
        total: m.extra_women + m.extra_men + m.extra_other + m.extra_not_stated,
    };
    let mut blocks = vec![Block::Heading(w.t("pdf.attendance"))];
    if order.is_empty() && extra.total == 0 {
        blocks.push(Block::Muted(w.t("pdf.noAttendance")));
        return blocks;
    }
    let mut total = GenderCounts::default();
    let mut rows = Vec::new();
    for name in &order {
        let (c, _) = &by_organisation[name];
        total = add(total, c);
        rows.push(counts_row(name.clone(), c));
    }
    if extra.total > 0 {
        total = add(total, &extra);
        rows.push(counts_row(w.t("pdf.unregistered"), &extra));
    }
    rows.push(counts_row(w.t("pdf.total"), &total));
    blocks.push(Block::Table { columns: counts_columns(w, "pdf.organisation"), rows });
    if !order.is_empty() {
        blocks.push(Block::Subheading(w.t("pdf.attendees")));
        let names = order.iter().map(|o| (o.clone(), by_organisation[o].1.join(", "))).collect();
        blocks.push(Block::Fields(names));
    }
    blocks
}

fn add(mut a: GenderCounts, b: &GenderCounts) -> GenderCounts {
    a.women += b.women;
    a.men += b.men;
    a.other += b.other;
    a.not_stated += b.not_stated;
    a.total += b.total;
    a
}

fn agenda(w: Words, d: &MeetingDetail) -> Vec<Block> {
    let mut blocks = vec![Block::Heading(w.t("pdf.agenda"))];
    if d.agenda.is_empty() {
        blocks.push(Block::Muted(w.t("pdf.noAgenda")));
    }
    for (i, item) in d.agenda.iter().enumerate() {
        blocks.push(Block::Subheading(format!("{}. {}", i + 1, item.title)));
        blocks.push(w.text_or(&item.notes, "pdf.noNotes"));
    }
    blocks
}

fn decisions(w: Words, heading: &str, decisions: &[String]) -> Vec<Block> {
    let mut blocks = vec![Block::Heading(w.t(heading))];
    if decisions.is_empty() {
        blocks.push(Block::Muted(w.t("pdf.noDecisions")));
    } else {
        blocks.push(Block::Bullets(decisions.to_vec()));
    }
    blocks
}

/// What the third column of an action table shows.
#[derive(Clone, Copy)]
enum ActionColumn {
    Responsible,
    Status,
}

/// Actions as a table (organisation, action, responsible or status, due),
/// or a muted line when there are none.
fn actions_table(
    w: Words,
    (heading, empty): (&str, &str),
    third: ActionColumn,
    actions: &[Action],
) -> Vec<Block> {
    let mut blocks = vec![Block::Heading(w.t(heading))];
    if actions.is_empty() {
        blocks.push(Block::Muted(w.t(empty)));
        return blocks;
    }
    let (third_title, third_width) = match third {
        ActionColumn::Responsible => ("pdf.responsible", 2.0),
        ActionColumn::Status => ("pdf.status", 1.4),
    };
    let columns = vec![
        Column { title: w.t("pdf.organisation"), width: 2.0, align_right: false },
        Column { title: w.t("pdf.action"), width: 4.0, align_right: false },
        Column { title: w.t(third_title), width: third_width, align_right: false },
        Column { title: w.t("pdf.due"), width: 1.6, align_right: false },
    ];
    let rows = actions
        .iter()
        .map(|a| {
            vec![
                a.organisation_name.clone().unwrap_or_default(),
                a.description.clone(),
                match third {
                    ActionColumn::Responsible => a.responsible_name.clone().unwrap_or_default(),
                    ActionColumn::Status => w.label("actionStatus", a.status),
                },
                a.due_date.map(|d| d.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    blocks.push(Block::Table { columns, rows });
    blocks
}

fn follow_ups(w: Words, follow_ups: &[FollowUp]) -> Vec<Block> {
    let mut blocks = vec![Block::Heading(w.t("pdf.followUp"))];
    if follow_ups.is_empty() {
        blocks.push(Block::Muted(w.t("pdf.noFollowUps")));
        return blocks;
    }
    let columns = vec![
        Column { title: w.t("pdf.organisation"), width: 2.0, align_right: false },
        Column { title: w.t("pdf.action"), width: 3.5, align_right: false },
        Column { title: w.t("pdf.status"), width: 1.4, align_right: false },
        Column { title: w.t("pdf.followUpNote"), width: 3.0, align_right: false },
    ];
    let rows = follow_ups
        .iter()
        .map(|f| {
            let (status, note) = match &f.here {
                Some(e) => (w.label("actionStatus", e.status), e.note.clone()),
                None => (w.label("actionStatus", f.status_before), w.t("pdf.notFollowedUp")),
            };
            vec![
                f.action.organisation_name.clone().unwrap_or_default(),
                f.action.description.clone(),
                status,
                note,
            ]
        })
        .collect();
    blocks.push(Block::Table { columns, rows });
    blocks
}

/// The answers of each group that answered, after the meeting's own.
fn group_reflections(w: Words, d: &MeetingDetail) -> Vec<Block> {
    let answered: Vec<_> = d.group_reflections.iter().filter(|g| g.is_answered()).collect();
    if answered.is_empty() {
        return Vec::new();
    }
    let mut blocks = vec![Block::Heading(w.t("pdf.groupReflections"))];
    for g in answered {
        let kind = w.label("groupKind", g.group_kind);
        blocks.push(Block::Subheading(format!("{} ({})", g.group_name, kind.to_lowercase())));
        let none = || w.t("pdf.noAnswer");
        let answer = |a: &str| if a.trim().is_empty() { none() } else { a.trim().to_owned() };
        blocks.push(Block::Fields(vec![
            (w.t("reflection.best"), answer(&g.reflection_best)),
            (w.t("reflection.learn"), answer(&g.reflection_learn)),
            (w.t("reflection.develop"), answer(&g.reflection_develop)),
        ]));
    }
    blocks
}

fn meeting_summary(w: Words, d: &MeetingDetail) -> Draft {
    let m = &d.meeting;
    let name = w.meeting_name(m.kind, m.number, &m.title);
    let mut blocks = vec![
        Block::Title(w.fill("pdf.summaryTitle", &[("meeting", &name)])),
        Block::Fields(header(w, d)),
    ];
    blocks.extend(accessibility(w, d));
    if m.kind == MeetingKind::StudyVisit {
        let visitors = d.visitors.iter().map(|v| v.name.as_str()).collect::<Vec<_>>().join(", ");
        blocks.push(Block::Heading(w.t("pdf.studyVisit")));
        blocks.push(Block::Fields(vec![
            (w.t("pdf.visitors"), visitors),
            (w.t("pdf.studied"), m.studied.clone()),
            (w.t("pdf.learned"), m.learned.clone()),
        ]));
    }
    blocks.extend(attendance(w, d));
    blocks.extend(agenda(w, d));
    blocks.push(Block::Heading(w.t("pdf.notes")));
    blocks.push(w.text_or(&m.notes, "pdf.noNotes"));
    blocks.extend(decisions(w, "pdf.decisions", &d.decisions));
    blocks.push(Block::Heading(w.t("pdf.reflection")));
    for (key, answer) in [
        ("reflection.best", &m.reflection_best),
        ("reflection.learn", &m.reflection_learn),
        ("reflection.develop", &m.reflection_develop),
    ] {
        blocks.push(Block::Subheading(w.t(key)));
        blocks.push(w.text_or(answer, "pdf.noAnswer"));
    }
    blocks.extend(group_reflections(w, d));
    blocks.push(Block::Heading(w.t("pdf.goodExamples")));
    if d.good_examples.is_empty() {
        blocks.push(Block::Muted(w.t("pdf.noGoodExamples")));
    }
    for g in &d.good_examples {
        blocks.push(Block::Subheading(g.title.clone()));
        blocks.push(w.text_or(&g.description, "pdf.noNotes"));
    }
    blocks.extend(actions_table(w, NEW_ACTIONS, ActionColumn::Responsible, &d.actions));
    blocks.extend(follow_ups(w, &d.follow_ups));
    Draft {
        title: format!(
            "{} – {}",
            w.fill("pdf.summaryTitle", &[("meeting", &name)]),
            d.partnership.name
        ),
        file_stem: format!("{} {}", w.t("pdf.file.summary"), name),
        footer: d.partnership.name.clone(),
        blocks,
    }
}

async fn mentor_session(
    conn: &mut SqliteConnection,
    w: Words,
    d: MeetingDetail,
    pairing_id: PairingId,
    today: NaiveDate,
) -> Result<Draft> {
    let p = pairing::get(conn, pairing_id).await?;
    let participants: Vec<OrganisationId> = p.participants.iter().map(|o| o.id).collect();
    let open = action::open_of_organisations(&mut *conn, p.partnership_id, &participants).await?;
    let from = d.meeting.date.max(today);
    let next_learning =
        meeting::next_of_kind(&mut *conn, p.partnership_id, MeetingKind::Learning, from).await?;
    let next_session = meeting::of_pairing(&mut *conn, pairing_id)
        .await?
        .into_iter()
        .find(|s| (s.date, s.id) > (d.meeting.date, d.meeting.id));
    let pair_name = pairing_name(w, &p);
    let m = &d.meeting;
    let mut header = header(w, &d);
    header.insert(0, (w.t("pdf.pairing"), pair_name.clone()));
    let mut blocks = vec![
        Block::Title(w.fill("pdf.mentorSessionTitle", &[("date", &m.date.to_string())])),
        Block::Fields(header),
    ];
    blocks.extend(accessibility(w, &d));
    blocks.extend(attendance(w, &d));
    blocks.push(Block::Heading(w.t("pdf.notes")));
    blocks.push(w.text_or(&m.notes, "pdf.noNotes"));
    blocks.extend(decisions(w, "pdf.nextSteps", &d.decisions));
    if !d.actions.is_empty() {
        blocks.extend(actions_table(w, NEW_ACTIONS, ActionColumn::Responsible, &d.actions));
    }
    blocks.extend(actions_table(w, OPEN_ACTIONS, ActionColumn::Status, &open));
    blocks.push(Block::Heading(w.t("pdf.nextMeetings")));
    let describe = |s: Option<crate::meetings::meeting::MeetingSummary>| match s {
        Some(s) => format!("{} {}", s.date, w.meeting_name(s.kind, s.number, &s.title)),
        None => w.t("pdf.noneScheduled"),
    };
    blocks.push(Block::Fields(vec![
        (w.t("pdf.nextSession"), describe(next_session)),
        (w.t("pdf.nextLearningMeeting"), describe(next_learning)),
    ]));
    Ok(Draft {
        title: format!(
            "{} – {pair_name}",
            w.fill("pdf.mentorSessionTitle", &[("date", &m.date.to_string())])
        ),
        file_stem: format!("{} {}", w.t("pdf.file.mentorSession"), p.mentor.name),
        footer: d.partnership.name.clone(),
        blocks,
    })
}

/// "Vännäs kommun och Nordmalings kommun med stöd av Umeå kommun".
pub(super) fn pairing_name(w: Words, p: &pairing::Pairing) -> String {
    let names: Vec<&str> = p.participants.iter().map(|o| o.name.as_str()).collect();
    let participants = match names.as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} {} {last}", rest.join(", "), w.t("pdf.and")),
    };
    w.fill("pdf.pairingName", &[("participants", &participants), ("mentor", &p.mentor.name)])
}
