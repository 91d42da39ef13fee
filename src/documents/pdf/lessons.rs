//! The lessons of the partnership report ("Lärdomar"): meeting by meeting,
//! in date order, what a study visit studied and learned, the whole
//! meeting's answers to the three questions of development reflection, and
//! each group's answers (`group_reflections`, groups in the order of the
//! meeting page). Only answers that were written down are printed; a meeting
//! with none is left out, and a muted line says so when no meeting has any.

use super::Words;
use super::layout::Block;
use crate::kernel::period::Period;
use crate::kernel::values::{MeetingId, MeetingKind, PartnershipId};
use crate::registry::groups::GroupKind;
use crate::{Result, Workspace};
use chrono::NaiveDate;
use std::collections::HashMap;

#[derive(sqlx::FromRow)]
struct MeetingLessons {
    id: MeetingId,
    date: NaiveDate,
    kind: MeetingKind,
    number: Option<i64>,
    title: String,
    studied: String,
    learned: String,
    reflection_best: String,
    reflection_learn: String,
    reflection_develop: String,
}

#[derive(sqlx::FromRow)]
struct GroupLessons {
    meeting_id: MeetingId,
    group_name: String,
    group_kind: GroupKind,
    reflection_best: String,
    reflection_learn: String,
    reflection_develop: String,
}

/// The answers written down, each under its question.
fn answered<'a>(
    w: Words,
    answers: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Vec<(String, String)> {
    answers
        .into_iter()
        .filter(|(_, a)| !a.trim().is_empty())
        .map(|(key, a)| (w.t(key), a.trim().to_owned()))
        .collect()
}

fn reflection(w: Words, best: &str, learn: &str, develop: &str) -> Vec<(String, String)> {
    answered(
        w,
        [("reflection.best", best), ("reflection.learn", learn), ("reflection.develop", develop)],
    )
}

/// The lessons of the meetings of the period (`Period::ALL` for all).
pub(super) async fn lessons(
    ws: &Workspace,
    w: Words,
    id: PartnershipId,
    period: Period,
) -> Result<Vec<Block>> {
    let sql = concat!(
        "SELECT m.id, m.date, m.kind, m.number, m.title, m.studied, m.learned, \
         m.reflection_best, m.reflection_learn, m.reflection_develop \
         FROM meetings m WHERE m.partnership_id = ?1 AND ",
        crate::in_period!("m.date", "2", "3"),
        " ORDER BY m.date, coalesce(m.start_time, ''), m.id"
    );
    let meetings: Vec<MeetingLessons> =
        sqlx::query_as(sql).bind(id).bind(period.from).bind(period.to).fetch_all(ws.pool()).await?;
    let sql = concat!(
        "SELECT r.meeting_id, g.name AS group_name, g.kind AS group_kind, \
         r.reflection_best, r.reflection_learn, r.reflection_develop \
         FROM group_reflections r JOIN meetings m ON m.id = r.meeting_id \
         JOIN partnership_groups g ON g.id = r.group_id \
         WHERE m.partnership_id = ?1 AND ",
        crate::in_period!("m.date", "2", "3"),
        " ORDER BY g.kind DESC, g.name, g.id"
    );
    let groups: Vec<GroupLessons> =
        sqlx::query_as(sql).bind(id).bind(period.from).bind(period.to).fetch_all(ws.pool()).await?;
    let mut groups_at: HashMap<MeetingId, Vec<GroupLessons>> = HashMap::new();
    for g in groups {
        groups_at.entry(g.meeting_id).or_default().push(g);
    }

    let mut blocks = vec![Block::Heading(w.t("pdf.lessons"))];
    for m in meetings {
        let mut of_meeting = Vec::new();
        if m.kind == MeetingKind::StudyVisit {
            let visit = answered(w, [("pdf.studied", &*m.studied), ("pdf.learned", &m.learned)]);
            if !visit.is_empty() {
                of_meeting.push(Block::Fields(visit));
            }
        }
        let own = reflection(w, &m.reflection_best, &m.reflection_learn, &m.reflection_develop);
        if !own.is_empty() {
            of_meeting.push(Block::Fields(own));
        }
        for g in groups_at.remove(&m.id).unwrap_or_default() {
            let answers =
                reflection(w, &g.reflection_best, &g.reflection_learn, &g.reflection_develop);
            if answers.is_empty() {
                continue;
            }
            let kind = w.label("groupKind", g.group_kind).to_lowercase();
            of_meeting.push(Block::Muted(format!("{} ({kind})", g.group_name)));
            of_meeting.push(Block::Fields(answers));
        }
        if !of_meeting.is_empty() {
            let name = w.meeting_name(m.kind, m.number, &m.title);
            blocks.push(Block::Subheading(format!("{} {name}", m.date)));
            blocks.extend(of_meeting);
        }
    }
    if blocks.len() == 1 {
        blocks.push(Block::Muted(w.t("pdf.noLessons")));
    }
    Ok(blocks)
}
