//! Meetings: the calendar of every partnership (a round's learning cycle
//! and mentor sessions, the other partnerships' meetings over their period),
//! who could attend each, and how much attendance, text and action each
//! meeting gets.

use super::model::{Meeting, Model, Pairing, Partnership, apportion, apportion_capped, date};
use super::{Sizes, today};
use crate::rng::Rng;
use chrono::{Duration as Days, NaiveDate};
use samlar::meetings::cycle::working_day_from;

const TIMES: [(&str, &str); 4] =
    [("09:00", "12:00"), ("13:00", "16:00"), ("09:30", "15:30"), ("10:00", "11:30")];

fn random_day(rng: &mut Rng, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    let days = (to - from).num_days().max(0);
    working_day_from(from + Days::days(rng.range(0, days)))
}

pub(super) fn plan_meetings(
    rng: &mut Rng,
    sizes: &Sizes,
    partnerships: &[Partnership],
    pairings: &[Pairing],
) -> Vec<Meeting> {
    let model: Vec<usize> = (0..partnerships.len())
        .filter(|&i| partnerships[i].kind == "model_municipality_round")
        .collect();
    let rest: Vec<usize> = (0..partnerships.len())
        .filter(|&i| partnerships[i].kind != "model_municipality_round")
        .collect();
    let model_total = sizes.meetings * 3 / 10;
    let model_weights: Vec<f64> = model
        .iter()
        .map(|&i| 1.0 + pairings.iter().filter(|p| p.partnership == i).count() as f64)
        .collect();
    let rest_weights: Vec<f64> = rest.iter().map(|&i| partnerships[i].weight).collect();
    let mut counts = vec![0usize; partnerships.len()];
    for (&i, n) in model.iter().zip(apportion(model_total, &model_weights, 7)) {
        counts[i] = n;
    }
    for (&i, n) in rest.iter().zip(apportion(sizes.meetings - model_total, &rest_weights, 3)) {
        counts[i] = n;
    }
    let last_day = date(2026, 12, 31);
    let mut meetings = Vec::new();
    for (pi, p) in partnerships.iter().enumerate() {
        let n = counts[pi];
        let end = p.end.unwrap_or(last_day).min(last_day);
        let mut mine: Vec<Meeting> = Vec::new();
        let mut push =
            |kind: &'static str, date: NaiveDate, time: usize, pairing: Option<usize>| {
                mine.push(Meeting {
                    id: 0,
                    partnership: pi,
                    kind,
                    number: None,
                    date,
                    start: TIMES[time].0,
                    end: TIMES[time].1,
                    pairing,
                })
            };
        if p.kind == "model_municipality_round" {
            let kinds = ["startup", "learning", "learning", "learning", "results_conference"];
            for (k, d) in kinds.iter().zip(&p.cycle) {
                push(k, *d, 2, None);
            }
            let left = n - 5;
            let mine_pairings: Vec<usize> =
                (0..pairings.len()).filter(|&j| pairings[j].partnership == pi).collect();
            let sessions = if mine_pairings.is_empty() { 0 } else { left * 6 / 10 };
            let spans: Vec<f64> = mine_pairings
                .iter()
                .map(|&j| (pairings[j].end - pairings[j].start).num_days() as f64)
                .collect();
            for (&j, k) in mine_pairings.iter().zip(apportion(sessions, &spans, 0)) {
                let pr = &pairings[j];
                let span = (pr.end - pr.start).num_days();
                for s in 0..k {
                    let at = span * (2 * s as i64 + 1) / (2 * k as i64);
                    let d = working_day_from(pr.start + Days::days(at));
                    let d = if d > pr.end { pr.end } else { d };
                    push("mentor_session", d, 3, Some(j));
                }
            }
            for s in 0..(left - sessions) {
                // Strategist meetings before each learning meeting, then the rest.
                if s < 3 {
                    let d = working_day_from(p.cycle[1 + s] - Days::days(rng.range(7, 14)));
                    push("strategist", d, 0, None);
                } else {
                    let kind = *rng.pick(&["coordinator", "workshop", "study_visit", "other"]);
                    push(kind, random_day(rng, p.start, end), rng.below(3), None);
                }
            }
        } else {
            push("startup", p.start, 2, None);
            let closing = p.end.filter(|e| *e <= last_day);
            if let Some(e) = closing {
                push("results_conference", working_day_from(e - Days::days(20)), 2, None);
            }
            let left = n - 1 - usize::from(closing.is_some());
            let weights = [0.35, 0.2, 0.2, 0.1, 0.1, 0.05];
            let kinds =
                ["learning", "coordinator", "workshop", "strategist", "study_visit", "other"];
            for _ in 0..left {
                let kind = kinds[rng.weighted(&weights)];
                let d = random_day(rng, p.start + Days::days(14), end - Days::days(21));
                push(kind, d, rng.below(3), None);
            }
        }
        mine.sort_by_key(|m| (m.date, m.start, m.kind));
        let mut number = 0;
        for m in &mut mine {
            if m.kind == "learning" {
                number += 1;
                m.number = Some(number);
            }
        }
        meetings.extend(mine);
    }
    meetings.sort_by_key(|m| (m.date, m.start, m.partnership));
    for (i, m) in meetings.iter_mut().enumerate() {
        m.id = i as i64 + 1;
    }
    meetings
}

/// How heavily a kind of meeting is attended, written up and acted on.
fn kind_weights(kind: &str) -> (f64, f64, f64) {
    // (attendance, texts, actions)
    match kind {
        "startup" => (3.0, 2.0, 2.0),
        "learning" => (3.0, 3.0, 4.0),
        "results_conference" => (4.0, 2.5, 1.0),
        "coordinator" => (0.6, 1.5, 1.0),
        "strategist" => (1.0, 1.5, 1.0),
        "study_visit" => (1.0, 1.5, 1.0),
        "mentor_session" => (0.35, 0.7, 1.2),
        "workshop" => (1.5, 2.0, 1.5),
        _ => (1.0, 1.0, 0.5),
    }
}

/// The people who could attend a meeting: those of its partnership's
/// members, or for a mentor session those of the pairing's organisations.
pub(super) fn pool(m: &Model, meeting: &Meeting) -> Vec<i64> {
    let orgs: Vec<i64> = match meeting.pairing {
        Some(j) => {
            let pr = &m.pairings[j];
            std::iter::once(pr.mentor).chain(pr.participants.iter().copied()).collect()
        }
        None => m.partnerships[meeting.partnership].members.iter().map(|mb| mb.org).collect(),
    };
    let mut people: Vec<i64> = orgs.iter().flat_map(|&o| m.org(o).people.iter().copied()).collect();
    people.sort_unstable();
    people.dedup();
    people
}

pub(super) struct MeetingPlan {
    pub(super) attendance: Vec<usize>,
    pub(super) extra_texts: Vec<usize>,
    pub(super) actions: Vec<usize>,
}

pub(super) fn plan_quantities(
    rng: &mut Rng,
    sizes: &Sizes,
    m: &Model,
    pools: &[Vec<i64>],
) -> MeetingPlan {
    let today = today();
    let w: Vec<(f64, f64, f64)> = m.meetings.iter().map(|x| kind_weights(x.kind)).collect();
    let caps: Vec<usize> = pools.iter().map(Vec::len).collect();
    // Larger partnerships bring more people to a meeting.
    let att_w: Vec<f64> = w.iter().zip(&caps).map(|(w, &c)| w.0 * (c as f64).sqrt()).collect();
    let attendance = apportion_capped(sizes.attendance, &att_w, &caps, rng);
    let past: Vec<bool> = m.meetings.iter().map(|x| x.date <= today).collect();
    // Every held meeting has notes and three reflections; a study visit also
    // what was studied and learned.
    let base: usize = m
        .meetings
        .iter()
        .zip(&past)
        .map(|(x, &p)| {
            if !p {
                0
            } else if x.kind == "study_visit" {
                6
            } else {
                4
            }
        })
        .sum();
    let text_w: Vec<f64> = w.iter().zip(&past).map(|(w, &p)| if p { w.1 } else { 0.0 }).collect();
    let extra_texts = apportion(sizes.texts.saturating_sub(base), &text_w, 0);
    let act_w: Vec<f64> = w.iter().zip(&past).map(|(w, &p)| if p { w.2 } else { 0.0 }).collect();
    let actions = apportion(sizes.actions, &act_w, 0);
    MeetingPlan { attendance, extra_texts, actions }
}
