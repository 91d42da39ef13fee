//! The record of one meeting: its row with venue, notes and reflections,
//! visitors, agenda items, decisions, good examples and attendance. The
//! largest share of the dataset's texts is written here.

use super::model::{Meeting, Model, stamp};
use super::{BoxError, today};
use crate::rng::Rng;
use crate::words::{self, Vocabulary};
use chrono::Duration as Days;
use sqlx::SqliteConnection;

pub(super) struct Counters {
    pub(super) texts: usize,
}

#[allow(clippy::too_many_arguments)]
pub(super) async fn write_meeting(
    conn: &mut SqliteConnection,
    rng: &mut Rng,
    v: &Vocabulary,
    m: &Model,
    meeting: &Meeting,
    pool: &[i64],
    attendance: usize,
    extra_texts: usize,
    counters: &mut Counters,
) -> Result<(), BoxError> {
    let today = today();
    let held = meeting.date <= today;
    let p = &m.partnerships[meeting.partnership];
    let members: Vec<i64> = p.members.iter().map(|mb| mb.org).collect();
    let host = if meeting.kind == "study_visit" || rng.chance(0.5) {
        Some(*rng.pick(&members))
    } else {
        None
    };
    let visitors: Vec<i64> = if meeting.kind == "study_visit" {
        let k = rng.range(1, 4) as usize;
        rng.sample(&members, k).into_iter().filter(|&o| Some(o) != host).collect()
    } else {
        Vec::new()
    };
    let (venue, address) = match (meeting.kind, host) {
        ("mentor_session", _) => ("Digitalt möte".to_owned(), String::new()),
        (_, Some(h)) => {
            let town = m.org(h).name.trim_end_matches(" kommun").to_owned();
            (
                format!(
                    "{}, {}",
                    rng.pick(&["Stadshuset", "Kommunhuset", "Regionens hus", "Folkets hus"]),
                    town
                ),
                format!("Storgatan {}, {}", rng.range(1, 60), town),
            )
        }
        _ => ("Konferenscentrum Exempelgården".to_owned(), "Exempelvägen 1".to_owned()),
    };
    let flag = |rng: &mut Rng| -> Option<bool> {
        match rng.below(10) {
            0 | 1 => None,
            2 => Some(false),
            _ => Some(true),
        }
    };
    let title = match meeting.kind {
        "workshop" => format!("Workshop om {}", rng.pick(words::THEMES)),
        "study_visit" => {
            format!("Studiebesök hos {}", host.map(|h| m.org(h).name.clone()).unwrap_or_default())
        }
        _ => String::new(),
    };
    let text = |rng: &mut Rng, lo: i64, hi: i64, counters: &mut Counters| {
        counters.texts += 1;
        v.text(rng, lo, hi)
    };
    let (studied, learned) = if held && meeting.kind == "study_visit" {
        (text(rng, 1, 3, counters), text(rng, 1, 4, counters))
    } else {
        (String::new(), String::new())
    };
    let (notes, best, learn, develop) = if held {
        (
            text(rng, 2, 6, counters),
            text(rng, 1, 3, counters),
            text(rng, 1, 3, counters),
            text(rng, 1, 3, counters),
        )
    } else {
        Default::default()
    };
    let extras = if meeting.kind == "results_conference" && held { rng.range(0, 12) } else { 0 };
    let created = stamp(meeting.date - Days::days(30), 8);
    let updated = if held { stamp(meeting.date, 16) } else { created.clone() };
    let pairing_id = meeting.pairing.map(|j| m.pairings[j].id);
    sqlx::query(
        "INSERT INTO meetings (id, partnership_id, kind, number, title, date, start_time, \
         end_time, venue_name, venue_address, step_free_entrance, no_thresholds, lift, \
         accessible_toilet, hearing_loop, accessible_seating, accessibility_notes, \
         host_organisation_id, studied, learned, notes, reflection_best, reflection_learn, \
         reflection_develop, extra_women, extra_men, extra_other, extra_not_stated, pairing_id, \
         created_at, updated_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, \
         ?, ?, ?, ?)",
    )
    .bind(meeting.id)
    .bind(p.id)
    .bind(meeting.kind)
    .bind(meeting.number)
    .bind(&title)
    .bind(meeting.date.to_string())
    .bind(meeting.start)
    .bind(meeting.end)
    .bind(&venue)
    .bind(&address)
    .bind(flag(rng))
    .bind(flag(rng))
    .bind(flag(rng))
    .bind(flag(rng))
    .bind(flag(rng))
    .bind(flag(rng))
    .bind(if rng.chance(0.1) { v.text(rng, 1, 1) } else { String::new() })
    .bind(host)
    .bind(&studied)
    .bind(&learned)
    .bind(&notes)
    .bind(&best)
    .bind(&learn)
    .bind(&develop)
    .bind(extras)
    .bind(extras / 2)
    .bind(0i64)
    .bind(i64::from(extras > 6))
    .bind(pairing_id)
    .bind(&created)
    .bind(&updated)
    .execute(&mut *conn)
    .await?;
    for o in visitors {
        sqlx::query("INSERT INTO meeting_visitors (meeting_id, organisation_id) VALUES (?, ?)")
            .bind(meeting.id)
            .bind(o)
            .execute(&mut *conn)
            .await?;
    }
    // Agenda items (55 %), decisions (30 %) and good examples (15 %) carry
    // the extra texts; a planned meeting has an agenda of titles only.
    let (mut agenda, mut decisions, mut examples) = (0, 0, 0);
    if held {
        for _ in 0..extra_texts {
            match rng.weighted(&[0.55, 0.30, 0.15]) {
                0 => agenda += 1,
                1 => decisions += 1,
                _ => examples += 1,
            }
        }
    } else {
        agenda = rng.range(2, 4) as usize;
    }
    for position in 0..agenda {
        let presenter = (rng.chance(0.4)).then(|| *rng.pick(&members));
        let person = presenter.and_then(|o| m.org(o).people.first().copied());
        let notes = if held { text(rng, 1, 5, counters) } else { String::new() };
        sqlx::query(
            "INSERT INTO agenda_items (meeting_id, position, title, presenter_organisation_id, \
             presenter_person_id, notes) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(meeting.id)
        .bind(position as i64)
        .bind(*rng.pick(words::AGENDA))
        .bind(presenter)
        .bind(person)
        .bind(&notes)
        .execute(&mut *conn)
        .await?;
    }
    for position in 0..decisions {
        let t = text(rng, 1, 2, counters);
        sqlx::query("INSERT INTO decisions (meeting_id, position, text) VALUES (?, ?, ?)")
            .bind(meeting.id)
            .bind(position as i64)
            .bind(&t)
            .execute(&mut *conn)
            .await?;
    }
    for position in 0..examples {
        let description = text(rng, 2, 6, counters);
        let tags = format!("{}, {}", rng.pick(words::THEMES), rng.pick(words::THEMES));
        sqlx::query(
            "INSERT INTO good_examples (meeting_id, position, title, description, \
             organisation_id, tags) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(meeting.id)
        .bind(position as i64)
        .bind(v.phrase(rng))
        .bind(&description)
        .bind(*rng.pick(&members))
        .bind(&tags)
        .execute(&mut *conn)
        .await?;
    }
    let mut who = rng.sample(pool, attendance);
    who.sort_unstable();
    for person in who {
        let status = if !held {
            "invited"
        } else {
            ["attended", "absent", "invited"][rng.weighted(&[0.85, 0.1, 0.05])]
        };
        sqlx::query("INSERT INTO attendance (meeting_id, person_id, status) VALUES (?, ?, ?)")
            .bind(meeting.id)
            .bind(person)
            .bind(status)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}
