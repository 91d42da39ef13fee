//! Improvement actions and their follow-ups at later meetings of the same
//! partnership (or pairing), old ones nearly all closed, recent ones open.

use super::model::{Meeting, Model, stamp};
use super::{BoxError, today};
use crate::rng::Rng;
use crate::words::Vocabulary;
use chrono::Duration as Days;
use sqlx::SqliteConnection;

/// Organisations an action at this meeting can belong to.
fn actors(m: &Model, meeting: &Meeting) -> Vec<i64> {
    match meeting.pairing {
        Some(j) => m.pairings[j].participants.clone(),
        None => {
            let members = &m.partnerships[meeting.partnership].members;
            let participants: Vec<i64> =
                members.iter().filter(|mb| mb.role == "participant").map(|mb| mb.org).collect();
            if participants.is_empty() {
                members.iter().map(|mb| mb.org).collect()
            } else {
                participants
            }
        }
    }
}

pub(super) async fn write_actions(
    conn: &mut SqliteConnection,
    rng: &mut Rng,
    v: &Vocabulary,
    m: &Model,
    counts: &[usize],
) -> Result<(), BoxError> {
    let today = today();
    // Each partnership's meetings in (date, id) order, and where each one is.
    let mut by_partnership: Vec<Vec<usize>> = vec![Vec::new(); m.partnerships.len()];
    let mut position = vec![0usize; m.meetings.len()];
    for (i, x) in m.meetings.iter().enumerate() {
        position[i] = by_partnership[x.partnership].len();
        by_partnership[x.partnership].push(i);
    }
    let mut action_id = 0i64;
    for (i, meeting) in m.meetings.iter().enumerate() {
        if counts[i] == 0 {
            continue;
        }
        let orgs = actors(m, meeting);
        let later: Vec<usize> = by_partnership[meeting.partnership][position[i] + 1..]
            .iter()
            .copied()
            .filter(|&j| {
                let x = &m.meetings[j];
                x.date <= today && (x.kind != "mentor_session" || x.pairing == meeting.pairing)
            })
            .take(12)
            .collect();
        for _ in 0..counts[i] {
            action_id += 1;
            let org = *rng.pick(&orgs);
            let people = &m.org(org).people;
            let responsible = (!rng.chance(0.1)).then(|| *rng.pick(people));
            let due = meeting.date + Days::days(rng.range(30, 150));
            let agreed = if rng.chance(0.85) { "planned" } else { "ongoing" };
            let old = (today - meeting.date).num_days() > 365;
            // Old actions were nearly all followed up and closed; recent ones vary.
            let n = if old && rng.chance(0.95) {
                rng.weighted(&[0.0, 0.4, 0.35, 0.18, 0.07])
            } else {
                rng.weighted(&[0.15, 0.35, 0.3, 0.15, 0.05])
            }
            .min(later.len());
            let mut at = rng.sample(&later, n);
            at.sort_unstable();
            let closes = if old { rng.chance(0.97) } else { rng.chance(0.6) };
            let mut statuses = vec!["ongoing"; at.len()];
            if let Some(last) = statuses.last_mut()
                && closes
            {
                *last = if rng.chance(0.85) { "done" } else { "dropped" };
            }
            let status = statuses.last().copied().unwrap_or(agreed);
            let created = stamp(meeting.date, 15);
            let updated = at.last().map_or(created.clone(), |&j| stamp(m.meetings[j].date, 15));
            sqlx::query(
                "INSERT INTO actions (id, partnership_id, meeting_id, organisation_id, \
                 description, responsible_person_id, due_date, agreed_status, status, \
                 created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(action_id)
            .bind(m.partnerships[meeting.partnership].id)
            .bind(meeting.id)
            .bind(org)
            .bind(v.text(rng, 1, 2))
            .bind(responsible)
            .bind(due.to_string())
            .bind(agreed)
            .bind(status)
            .bind(&created)
            .bind(&updated)
            .execute(&mut *conn)
            .await?;
            for (&j, st) in at.iter().zip(statuses) {
                let note = if rng.chance(0.8) { v.text(rng, 1, 2) } else { String::new() };
                sqlx::query(
                    "INSERT INTO action_followups (action_id, meeting_id, status, note, \
                     recorded_at) VALUES (?, ?, ?, ?, ?)",
                )
                .bind(action_id)
                .bind(m.meetings[j].id)
                .bind(st)
                .bind(&note)
                .bind(stamp(m.meetings[j].date, 15))
                .execute(&mut *conn)
                .await?;
            }
        }
    }
    Ok(())
}
