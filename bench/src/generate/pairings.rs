//! Mentor pairings: each model-municipality round's participants and mentors,
//! graduates of earlier rounds mentoring later ones so that lineages form,
//! and the writing of the pairings with their participants and contacts.

use super::model::{Member, Model, Org, Pairing, Partnership, stamp};
use super::{BoxError, Sizes, today};
use crate::rng::Rng;
use crate::words::Vocabulary;
use chrono::{Duration as Days, NaiveDate};
use samlar::meetings::cycle::working_day_from;
use sqlx::SqliteConnection;

/// Model rounds: participants, their mentors and the pairings. Graduates of
/// a round mentor later rounds, so pairings form chains across the years.
pub(super) fn plan_rounds(
    rng: &mut Rng,
    sizes: &Sizes,
    orgs: &[Org],
    partnerships: &mut [Partnership],
) -> Vec<Pairing> {
    let mut candidates: Vec<i64> =
        orgs.iter().filter(|o| matches!(o.kind, "municipality" | "region")).map(|o| o.id).collect();
    rng.shuffle(&mut candidates);
    // Model municipalities from before the record began mentor the first rounds.
    let seeds: Vec<i64> = candidates.drain(..sizes.seed_mentors.min(candidates.len())).collect();
    let universities: Vec<i64> =
        orgs.iter().filter(|o| o.kind == "university").map(|o| o.id).collect();
    let mut graduates: Vec<(i64, NaiveDate)> = Vec::new();
    let mut pairings = Vec::new();
    let today = today();
    for (pi, p) in partnerships.iter_mut().enumerate() {
        if p.kind != "model_municipality_round" {
            continue;
        }
        let (start, results) = (p.cycle[0], *p.cycle.last().expect("cycle"));
        let finished = results <= today;
        let n = (rng.range(sizes.round_participants.0, sizes.round_participants.1) as usize)
            .min(candidates.len());
        let participants: Vec<i64> = candidates.drain(..n).collect();
        p.members.push(Member {
            org: p.owner,
            role: "project_owner",
            level: "whole",
            cluster: String::new(),
            completed_on: None,
            capacity: None,
        });
        if !universities.is_empty() && rng.chance(0.4) {
            p.members.push(Member {
                org: *rng.pick(&universities),
                role: "cooperation_partner",
                level: "whole",
                cluster: String::new(),
                completed_on: None,
                capacity: None,
            });
        }
        for &org in &participants {
            p.members.push(Member {
                org,
                role: "participant",
                level: "whole",
                cluster: String::new(),
                completed_on: finished.then_some(results),
                capacity: None,
            });
        }
        // Mentors: recent graduates first, so that lineages grow long.
        let mut eligible: Vec<i64> = graduates
            .iter()
            .rev()
            .filter(|(_, on)| *on < start)
            .map(|(o, _)| *o)
            .take(12)
            .collect();
        let mut older: Vec<i64> = seeds.clone();
        older.extend(graduates.iter().filter(|(_, on)| *on < start).map(|(o, _)| *o));
        rng.shuffle(&mut older);
        for o in older {
            if !eligible.contains(&o) {
                eligible.push(o);
            }
        }
        eligible.retain(|o| !participants.contains(o));
        let mut queue: Vec<i64> = participants.clone();
        let mut mentors: Vec<(i64, i64)> = Vec::new(); // (org, capacity)
        let mut next_mentor = 0usize;
        let mut take_mentor =
            |rng: &mut Rng, mentors: &mut Vec<(i64, i64)>| -> Option<(i64, i64)> {
                let org = *eligible.get(next_mentor)?;
                next_mentor += 1;
                let capacity = if rng.chance(0.25) { 2 } else { 3 };
                mentors.push((org, capacity));
                Some((org, capacity))
            };
        while !queue.is_empty() {
            let Some((mentor, capacity)) = take_mentor(rng, &mut mentors) else { break };
            let group = (rng.range(1, capacity) as usize).min(queue.len());
            let group: Vec<i64> = queue.drain(..group).collect();
            let early = rng.chance(0.06) && finished;
            let status = if finished { "completed" } else { "active" };
            if early {
                // The first mentor stepped down half-way; another took over.
                let mid = working_day_from(start + Days::days((results - start).num_days() / 2));
                pairings.push(Pairing {
                    id: 0,
                    partnership: pi,
                    mentor,
                    participants: group.clone(),
                    start,
                    end: mid,
                    status: "ended_early",
                    reason: "Mentorkommunen fick inte tid att fortsätta efter en omorganisation.",
                });
                if let Some((second, _)) = take_mentor(rng, &mut mentors) {
                    pairings.push(Pairing {
                        id: 0,
                        partnership: pi,
                        mentor: second,
                        participants: group,
                        start: mid + Days::days(1),
                        end: results,
                        status,
                        reason: "",
                    });
                }
            } else {
                pairings.push(Pairing {
                    id: 0,
                    partnership: pi,
                    mentor,
                    participants: group,
                    start,
                    end: results,
                    status,
                    reason: "",
                });
            }
        }
        for (org, capacity) in mentors {
            p.members.push(Member {
                org,
                role: "mentor",
                level: "whole",
                cluster: String::new(),
                completed_on: None,
                capacity: (capacity != 3).then_some(capacity),
            });
        }
        if finished {
            graduates.extend(participants.iter().map(|&o| (o, results)));
        }
    }
    for (i, pairing) in pairings.iter_mut().enumerate() {
        pairing.id = i as i64 + 1;
    }
    pairings
}

/// Pairings, their participants and contacts; after the partnerships, with
/// the same random stream.
pub(super) async fn write_pairings(
    conn: &mut SqliteConnection,
    rng: &mut Rng,
    v: &Vocabulary,
    m: &Model,
) -> Result<(), BoxError> {
    for pr in &m.pairings {
        let p = &m.partnerships[pr.partnership];
        let ended = pr.status != "active";
        let created = stamp(pr.start - Days::days(20), 8);
        sqlx::query(
            "INSERT INTO pairings (id, partnership_id, mentor_organisation_id, start_date, \
             end_date, status, end_reason, notes, created_at, updated_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(pr.id)
        .bind(p.id)
        .bind(pr.mentor)
        .bind(pr.start.to_string())
        .bind(ended.then(|| pr.end.to_string()))
        .bind(pr.status)
        .bind(pr.reason)
        .bind(v.text(rng, 0, 3))
        .bind(&created)
        .bind(&created)
        .execute(&mut *conn)
        .await?;
        for (position, &org) in pr.participants.iter().enumerate() {
            sqlx::query(
                "INSERT INTO pairing_participants (pairing_id, organisation_id, position) \
                 VALUES (?, ?, ?)",
            )
            .bind(pr.id)
            .bind(org)
            .bind(position as i64)
            .execute(&mut *conn)
            .await?;
        }
        let mut contacts: Vec<(i64, &str)> = Vec::new();
        let k = rng.range(1, 2) as usize;
        for person in rng.sample(&m.org(pr.mentor).people, k) {
            contacts.push((person, "mentor"));
        }
        for &org in &pr.participants {
            if let Some(&person) = m.org(org).people.first() {
                contacts.push((person, "participant"));
            }
        }
        for (person, side) in contacts {
            sqlx::query(
                "INSERT INTO pairing_contacts (pairing_id, person_id, side) VALUES (?, ?, ?)",
            )
            .bind(pr.id)
            .bind(person)
            .bind(side)
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}
