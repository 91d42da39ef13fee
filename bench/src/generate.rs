//! Fills a Samlär database with a national workload, reproducibly from a
//! seed: 320 organisations, 5,000 people, 60 partnerships over ten years,
//! 10,000 meetings with 100,000 notes and reflections, 200,000 attendance
//! rows, 30,000 improvement actions with their follow-ups, and mentor
//! pairings over many model-municipality rounds whose graduates mentor later
//! rounds. The file is opened through `samlar::Workspace`, so the migrations
//! run as in the app; the rows are then written with plain SQL in a few large
//! transactions, obeying every constraint and rule of the app.

use crate::rng::Rng;
use crate::words::{self, Vocabulary};
use chrono::{Datelike, Duration as Days, NaiveDate, TimeZone, Utc};
use samlar::kernel::validate::search_key;
use samlar::meetings::cycle::{self, working_day_from};
use samlar::{FixedClock, Workspace};
use sqlx::SqliteConnection;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// "Today" in the generated record: meetings after it are planned, not held.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 15).expect("date")
}

/// The clock the generator and the suite give the workspace.
pub fn clock() -> Arc<FixedClock> {
    Arc::new(FixedClock::new(Utc.with_ymd_and_hms(2026, 6, 15, 10, 0, 0).unwrap()))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    National,
    /// About a hundredth of national, for the smoke test.
    Tiny,
}

impl std::str::FromStr for Scale {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "national" => Ok(Scale::National),
            "tiny" => Ok(Scale::Tiny),
            _ => Err(format!("unknown scale {s:?}: national or tiny")),
        }
    }
}

/// How much of everything a scale makes.
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    /// Every n-th of Sweden's 290 municipalities.
    pub municipality_step: usize,
    pub regions: usize,
    pub others: usize,
    pub people: usize,
    pub partnerships: usize,
    pub model_rounds: usize,
    pub meetings: usize,
    pub texts: usize,
    pub actions: usize,
    pub attendance: usize,
    pub round_participants: (i64, i64),
    pub seed_mentors: usize,
}

impl Sizes {
    pub fn of(scale: Scale) -> Self {
        match scale {
            Scale::National => Sizes {
                municipality_step: 1,
                regions: 21,
                others: 9,
                people: 5_000,
                partnerships: 60,
                model_rounds: 30,
                meetings: 10_000,
                texts: 100_000,
                actions: 30_000,
                attendance: 200_000,
                round_participants: (4, 9),
                seed_mentors: 10,
            },
            Scale::Tiny => Sizes {
                municipality_step: 12,
                regions: 4,
                others: 3,
                people: 60,
                partnerships: 6,
                model_rounds: 3,
                meetings: 100,
                texts: 1_000,
                actions: 300,
                attendance: 2_000,
                round_participants: (2, 4),
                seed_mentors: 3,
            },
        }
    }
}

/// What was written and how long it took.
#[derive(Debug, Clone)]
pub struct Summary {
    pub counts: Vec<(String, i64)>,
    pub texts: usize,
    pub elapsed: Duration,
    /// Time to fill the full-text index, and how.
    pub index: String,
    pub steps: Vec<(String, Duration)>,
}

impl Summary {
    pub fn print(&self) {
        println!("{:<22} {:>9}", "table", "rows");
        for (table, n) in &self.counts {
            println!("{table:<22} {n:>9}");
        }
        println!("{:<22} {:>9}", "texts (notes etc.)", self.texts);
        for (step, d) in &self.steps {
            println!("  {step:<34} {:>8.2} s", d.as_secs_f64());
        }
        println!("full-text index: {}", self.index);
        println!("generated in {:.1} s", self.elapsed.as_secs_f64());
    }
}

// ------------------------------------------------------------ the model

struct Org {
    id: i64,
    name: String,
    kind: &'static str,
    code: Option<String>,
    county: usize,
    employees: i64,
    people: Vec<i64>,
}

struct Person {
    id: i64,
    org: i64,
}

struct Member {
    org: i64,
    role: &'static str,
    level: &'static str,
    cluster: String,
    completed_on: Option<NaiveDate>,
    capacity: Option<i64>,
}

struct Partnership {
    id: i64,
    name: String,
    kind: &'static str,
    start: NaiveDate,
    end: Option<NaiveDate>,
    owner: i64,
    county: usize,
    members: Vec<Member>,
    /// Model rounds: the startup … results conference dates.
    cycle: Vec<NaiveDate>,
    weight: f64,
    archived: bool,
}

struct Pairing {
    id: i64,
    partnership: usize,
    mentor: i64,
    participants: Vec<i64>,
    start: NaiveDate,
    end: NaiveDate,
    status: &'static str,
    reason: &'static str,
}

#[derive(Clone)]
struct Meeting {
    id: i64,
    partnership: usize,
    kind: &'static str,
    number: Option<i64>,
    date: NaiveDate,
    start: &'static str,
    end: &'static str,
    pairing: Option<usize>,
}

struct Model {
    orgs: Vec<Org>,
    people: Vec<Person>,
    partnerships: Vec<Partnership>,
    pairings: Vec<Pairing>,
    meetings: Vec<Meeting>,
}

impl Model {
    fn org(&self, id: i64) -> &Org {
        &self.orgs[(id - 1) as usize]
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn stamp(d: NaiveDate, hour: u32) -> String {
    format!("{d}T{hour:02}:00:00.000Z")
}

/// Splits `total` over `weights` in whole numbers that add up exactly
/// (largest remainders), each at least `min`.
fn apportion(total: usize, weights: &[f64], min: usize) -> Vec<usize> {
    let n = weights.len();
    if n == 0 {
        return Vec::new();
    }
    let spare = total.saturating_sub(min * n);
    let sum: f64 = weights.iter().sum::<f64>().max(f64::MIN_POSITIVE);
    let exact: Vec<f64> = weights.iter().map(|w| spare as f64 * w / sum).collect();
    let mut out: Vec<usize> = exact.iter().map(|x| min + x.floor() as usize).collect();
    let mut left = total.saturating_sub(out.iter().sum());
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        let (ra, rb) = (exact[a] - exact[a].floor(), exact[b] - exact[b].floor());
        rb.total_cmp(&ra).then(a.cmp(&b))
    });
    for &i in order.iter().cycle() {
        if left == 0 {
            break;
        }
        out[i] += 1;
        left -= 1;
    }
    out
}

/// Like `apportion`, but no share above its cap; the total is met as far as
/// the caps allow.
fn apportion_capped(total: usize, weights: &[f64], caps: &[usize], rng: &mut Rng) -> Vec<usize> {
    let shares = |f: f64| -> Vec<usize> {
        weights.iter().zip(caps).map(|(w, &c)| ((w * f).round() as usize).min(c)).collect()
    };
    let (mut lo, mut hi) = (0.0f64, 1.0f64);
    while shares(hi).iter().sum::<usize>() < total && hi < 1e9 {
        hi *= 2.0;
    }
    for _ in 0..60 {
        let mid = (lo + hi) / 2.0;
        if shares(mid).iter().sum::<usize>() < total {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let mut out = shares(hi);
    let mut sum: usize = out.iter().sum();
    let mut guard = 0;
    while sum != total && guard < 10_000_000 {
        guard += 1;
        let i = rng.below(out.len());
        if sum > total && out[i] > 0 {
            out[i] -= 1;
            sum -= 1;
        } else if sum < total && out[i] < caps[i] && weights[i] > 0.0 {
            out[i] += 1;
            sum += 1;
        }
    }
    out
}

// ------------------------------------------------------------ planning

fn plan_organisations(rng: &mut Rng, sizes: &Sizes) -> Vec<Org> {
    let mut orgs = Vec::new();
    let mut names = BTreeSet::new();
    let mut slot = 0usize;
    for (county, (code, ..)) in words::COUNTIES.iter().enumerate() {
        let count = words::COUNTIES[county].3;
        for i in 0..count {
            slot += 1;
            if !slot.is_multiple_of(sizes.municipality_step) {
                continue;
            }
            let name = loop {
                let n = format!("{}{}", rng.pick(words::PLACE_STARTS), rng.pick(words::PLACE_ENDS));
                if names.insert(n.clone()) {
                    break n;
                }
            };
            // Gotland is both: its one municipality has code 0980.
            let number = if *code == "09" { 80 } else { 10 + i };
            let big = rng.unit();
            orgs.push(Org {
                id: 0,
                name: format!("{name} kommun"),
                kind: "municipality",
                code: Some(format!("{code}{number:02}")),
                county,
                employees: (400.0 + 30_000.0 * big * big * big) as i64,
                people: Vec::new(),
            });
        }
    }
    for (county, (code, _, region, _)) in words::COUNTIES.iter().enumerate().take(sizes.regions) {
        orgs.push(Org {
            id: 0,
            name: (*region).to_owned(),
            kind: "region",
            code: Some(format!("00{code}")),
            county,
            employees: rng.range(3_000, 45_000),
            people: Vec::new(),
        });
    }
    for (name, kind, code) in words::OTHERS.iter().take(sizes.others) {
        let county = words::COUNTIES.iter().position(|c| c.0 == *code).unwrap_or(0);
        orgs.push(Org {
            id: 0,
            name: (*name).to_owned(),
            kind,
            code: None,
            county,
            employees: rng.range(150, 6_000),
            people: Vec::new(),
        });
    }
    for (i, o) in orgs.iter_mut().enumerate() {
        o.id = i as i64 + 1;
    }
    orgs
}

fn plan_people(rng: &mut Rng, sizes: &Sizes, orgs: &mut [Org]) -> Vec<Person> {
    // At least two people in each organisation, the rest by its size.
    let weights: Vec<f64> = orgs.iter().map(|o| (o.employees as f64).sqrt()).collect();
    let counts = apportion(sizes.people, &weights, 2);
    let mut people = Vec::new();
    for (o, n) in orgs.iter_mut().zip(counts) {
        for _ in 0..n {
            let id = people.len() as i64 + 1;
            o.people.push(id);
            people.push(Person { id, org: o.id });
        }
    }
    let _ = rng;
    people
}

const KINDS: [&str; 4] =
    ["benchlearning", "development_partnership", "community_of_practice", "other"];

fn plan_partnerships(rng: &mut Rng, sizes: &Sizes, orgs: &[Org]) -> Vec<Partnership> {
    let municipal: Vec<i64> =
        orgs.iter().filter(|o| matches!(o.kind, "municipality" | "region")).map(|o| o.id).collect();
    let others: Vec<i64> = orgs
        .iter()
        .filter(|o| o.kind != "municipality" && o.kind != "region")
        .map(|o| o.id)
        .collect();
    let owner_assoc = others.first().copied().unwrap_or(1);
    let mut used_names = BTreeSet::new();
    let mut unique = |name: String| -> String {
        let mut candidate = name.clone();
        let mut n = 2;
        while !used_names.insert(search_key(&candidate)) {
            candidate = format!("{name} {n}");
            n += 1;
        }
        candidate
    };
    let mut out = Vec::new();

    // Model-municipality rounds: three a year from 2016.
    // The last rounds are still running today, as rounds overlap.
    let span = (date(2026, 3, 2) - date(2016, 2, 1)).num_days();
    for r in 0..sizes.model_rounds {
        let offset = span * r as i64 / (sizes.model_rounds as i64 - 1).max(1);
        let start = working_day_from(date(2016, 2, 1) + Days::days(offset));
        let planned = cycle::propose(start);
        let cycle: Vec<NaiveDate> =
            planned.iter().map(|p| p.date.parse().expect("planned date")).collect();
        let end = *cycle.last().expect("results conference");
        out.push(Partnership {
            id: 0,
            name: unique(format!(
                "Modellkommun – omgång {} ({}–{})",
                r + 1,
                start.year(),
                end.year()
            )),
            kind: "model_municipality_round",
            start,
            end: Some(end),
            owner: owner_assoc,
            county: rng.below(words::COUNTIES.len()),
            members: Vec::new(),
            cycle,
            weight: 1.0,
            archived: false,
        });
    }

    // The other partnerships; the first is the big national network.
    let rest = sizes.partnerships - sizes.model_rounds;
    for i in 0..rest {
        let kind = if i == 0 { "community_of_practice" } else { KINDS[i % KINDS.len()] };
        let theme = words::THEMES[(i * 7 + rng.below(3)) % words::THEMES.len()];
        let county = rng.below(words::COUNTIES.len());
        let county_name = words::COUNTIES[county].1;
        let (start, years) = if i == 0 {
            (date(2016, 1, 18), 10)
        } else {
            (date(2016 + rng.range(0, 8) as i32, rng.range(1, 12) as u32, 1), rng.range(2, 9))
        };
        let start = working_day_from(start);
        let end = if kind == "community_of_practice" && rng.chance(0.5) || i == 0 {
            None
        } else {
            Some(start + Days::days(365 * years - 1))
        };
        let name = match kind {
            "benchlearning" => format!("Benchlearning {theme}"),
            "development_partnership" => format!("Utvecklingspartnerskap {theme} i {county_name}"),
            "community_of_practice" if i == 0 => {
                "Nationellt nätverk för kvalitet och jämställdhet".to_owned()
            }
            "community_of_practice" => format!("Kompetensnätverk {theme}"),
            _ => format!("Samverkan om {theme}"),
        };
        let intensity = if i == 0 { 6.0 } else { 0.4 + 2.6 * rng.unit() };
        let years_run = match end {
            Some(e) => ((e.min(date(2026, 12, 31)) - start).num_days() as f64 / 365.0).max(0.5),
            None => ((date(2026, 12, 31) - start).num_days() as f64 / 365.0).max(0.5),
        };
        let owner = if kind == "development_partnership" || rng.chance(0.5) {
            let regions: Vec<i64> =
                orgs.iter().filter(|o| o.kind == "region").map(|o| o.id).collect();
            *rng.pick(if regions.is_empty() { &municipal } else { &regions })
        } else {
            *rng.pick(if others.is_empty() { &municipal } else { &others })
        };
        out.push(Partnership {
            id: 0,
            name: unique(name),
            kind,
            start,
            end,
            owner,
            county,
            members: Vec::new(),
            cycle: Vec::new(),
            weight: years_run * intensity,
            archived: end.is_some_and(|e| e < date(2021, 1, 1)) && rng.chance(0.5),
        });
    }
    // Ids in creation order: by start date.
    out.sort_by_key(|p| (p.start, p.kind == "model_municipality_round"));
    for (i, p) in out.iter_mut().enumerate() {
        p.id = i as i64 + 1;
    }
    out
}

/// Members of the partnerships that are not model rounds.
fn plan_members(rng: &mut Rng, sizes: &Sizes, orgs: &[Org], partnerships: &mut [Partnership]) {
    let all: Vec<i64> = orgs.iter().map(|o| o.id).collect();
    let municipal: Vec<i64> =
        orgs.iter().filter(|o| matches!(o.kind, "municipality" | "region")).map(|o| o.id).collect();
    let scholars: Vec<i64> = orgs
        .iter()
        .filter(|o| matches!(o.kind, "university" | "authority"))
        .map(|o| o.id)
        .collect();
    let national = sizes.partnerships >= 60;
    for p in partnerships.iter_mut().filter(|p| p.kind != "model_municipality_round") {
        let biggest = p.name.starts_with("Nationellt nätverk");
        let count = if biggest {
            if national { 120 } else { 12 }
        } else if !national {
            rng.range(3, 8) as usize
        } else if rng.chance(0.15) {
            rng.range(40, 80) as usize
        } else {
            rng.range(5, 24) as usize
        };
        // Mostly organisations of the partnership's own county, then others.
        let mut pool: Vec<i64> = municipal
            .iter()
            .copied()
            .filter(|&id| orgs[(id - 1) as usize].county == p.county && id != p.owner)
            .collect();
        rng.shuffle(&mut pool);
        let mut rest: Vec<i64> =
            municipal.iter().copied().filter(|id| !pool.contains(id) && *id != p.owner).collect();
        rng.shuffle(&mut rest);
        pool.extend(rest);
        let chosen: Vec<i64> = pool.into_iter().take(count.saturating_sub(1)).collect();
        p.members.push(Member {
            org: p.owner,
            role: "project_owner",
            level: "whole",
            cluster: String::new(),
            completed_on: None,
            capacity: None,
        });
        let clustered = p.kind == "community_of_practice";
        for (i, org) in chosen.into_iter().enumerate() {
            let (level, cluster) = if clustered && i % 7 != 6 {
                ("cluster", words::CLUSTERS[i % words::CLUSTERS.len()].to_owned())
            } else if clustered {
                ("internal", String::new())
            } else {
                ("whole", String::new())
            };
            p.members.push(Member {
                org,
                role: "participant",
                level,
                cluster,
                completed_on: None,
                capacity: None,
            });
        }
        let partners = if national { rng.range(0, 3) } else { rng.range(0, 1) };
        for org in rng.sample(if scholars.is_empty() { &all } else { &scholars }, partners as usize)
        {
            if p.members.iter().all(|m| m.org != org) {
                p.members.push(Member {
                    org,
                    role: "cooperation_partner",
                    level: "whole",
                    cluster: String::new(),
                    completed_on: None,
                    capacity: None,
                });
            }
        }
    }
}

/// Model rounds: participants, their mentors and the pairings. Graduates of
/// a round mentor later rounds, so pairings form chains across the years.
fn plan_rounds(
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

const TIMES: [(&str, &str); 4] =
    [("09:00", "12:00"), ("13:00", "16:00"), ("09:30", "15:30"), ("10:00", "11:30")];

fn random_day(rng: &mut Rng, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    let days = (to - from).num_days().max(0);
    working_day_from(from + Days::days(rng.range(0, days)))
}

fn plan_meetings(
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

fn plan(seed: u64, sizes: &Sizes) -> Model {
    let root = Rng::new(seed);
    let mut orgs = plan_organisations(&mut root.fork(1), sizes);
    let people = plan_people(&mut root.fork(2), sizes, &mut orgs);
    let mut partnerships = plan_partnerships(&mut root.fork(3), sizes, &orgs);
    plan_members(&mut root.fork(4), sizes, &orgs, &mut partnerships);
    let pairings = plan_rounds(&mut root.fork(5), sizes, &orgs, &mut partnerships);
    let meetings = plan_meetings(&mut root.fork(6), sizes, &partnerships, &pairings);
    Model { orgs, people, partnerships, pairings, meetings }
}

// ------------------------------------------------------------ writing

const LEVELS: [&str; 4] = ["politician", "senior_manager", "strategist", "operational"];

async fn write_registry(
    conn: &mut SqliteConnection,
    rng: &mut Rng,
    v: &Vocabulary,
    m: &Model,
) -> Result<(), BoxError> {
    let created = stamp(date(2016, 1, 4), 8);
    for o in &m.orgs {
        sqlx::query(
            "INSERT INTO organisations (id, name, name_key, kind, code, county, employees, \
             created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(o.id)
        .bind(&o.name)
        .bind(search_key(&o.name))
        .bind(o.kind)
        .bind(&o.code)
        .bind(words::COUNTIES[o.county].1)
        .bind(o.employees)
        .bind(&created)
        .bind(&created)
        .execute(&mut *conn)
        .await?;
    }
    for p in &m.people {
        let (first, gender) = match rng.below(100) {
            0 => (*rng.pick(words::NEUTRAL), "other"),
            1 | 2 => (*rng.pick(words::NEUTRAL), "not_stated"),
            x if x < 53 => (*rng.pick(words::WOMEN), "woman"),
            _ => (*rng.pick(words::MEN), "man"),
        };
        let last = *rng.pick_skewed(words::SURNAMES);
        let name = format!("{first} {last}");
        let email = format!("{}.{}{}@example.com", words::ascii(first), words::ascii(last), p.id);
        let level = (!rng.chance(0.08)).then(|| rng.weighted(&[0.12, 0.18, 0.35, 0.35]));
        let title = match level {
            Some(l) => *rng.pick(words::TITLES[l]),
            None => "",
        };
        let mandate = matches!(level, Some(0) | Some(1)) || rng.chance(0.1);
        let needs = if rng.chance(0.03) { v.text(rng, 1, 1) } else { String::new() };
        let phone =
            format!("070-{:03} {:02} {:02}", rng.below(1000), rng.below(100), rng.below(100));
        sqlx::query(
            "INSERT INTO people (id, name, name_key, organisation_id, title, level, email, \
             email_key, phone, gender, has_mandate, accessibility_needs, created_at, updated_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(p.id)
        .bind(&name)
        .bind(search_key(&name))
        .bind(p.org)
        .bind(title)
        .bind(level.map(|l| LEVELS[l]))
        .bind(&email)
        .bind(search_key(&email))
        .bind(&phone)
        .bind(gender)
        .bind(mandate)
        .bind(&needs)
        .bind(&created)
        .bind(&created)
        .execute(&mut *conn)
        .await?;
        let mut competences = Vec::new();
        if rng.chance(0.2) {
            competences.push("gender_equality");
        }
        if rng.chance(0.2) {
            competences.push("quality_development");
        }
        if rng.chance(0.1) {
            competences.push(*rng.pick(&[
                "Statistik",
                "Kommunikation",
                "Digitalisering",
                "Ekonomi",
            ]));
        }
        for c in competences {
            sqlx::query("INSERT INTO person_competences (person_id, competence) VALUES (?, ?)")
                .bind(p.id)
                .bind(c)
                .execute(&mut *conn)
                .await?;
        }
    }
    Ok(())
}

async fn write_partnerships(
    conn: &mut SqliteConnection,
    rng: &mut Rng,
    v: &Vocabulary,
    m: &Model,
) -> Result<(), BoxError> {
    let today = today();
    let mut membership_id = 0i64;
    for p in &m.partnerships {
        let owner = m.org(p.owner);
        let contact = owner.people.first().copied();
        let phase = match p.end {
            Some(e) if e < today => "closed",
            _ if (today - p.start).num_days() > 365 => "implementation",
            _ => "mobilisation",
        };
        let created = stamp(p.start - Days::days(60), 8);
        let funding =
            *rng.pick(&["Europeiska socialfonden", "Egen finansiering", "Vinnova", "SKR"]);
        let budget = rng.range(200, 9_000) * 1_000;
        let archived = p.archived.then(|| stamp(p.end.unwrap_or(today) + Days::days(90), 9));
        sqlx::query(
            "INSERT INTO partnerships (id, name, name_key, kind, purpose, start_date, end_date, \
             archived_at, created_at, updated_at, shared_problem, delimitation, phase, \
             project_owner_id, contact_person_id, funding_source, budget_sek, region, \
             mandate_notes, power_balance_notes, missing_partners_notes, carry_home_notes) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(p.id)
        .bind(&p.name)
        .bind(search_key(&p.name))
        .bind(p.kind)
        .bind(v.text(rng, 2, 4))
        .bind(p.start.to_string())
        .bind(p.end.map(|e| e.to_string()))
        .bind(archived)
        .bind(&created)
        .bind(&created)
        .bind(v.text(rng, 2, 5))
        .bind(v.text(rng, 1, 3))
        .bind(phase)
        .bind(p.owner)
        .bind(contact)
        .bind(funding)
        .bind(budget)
        .bind(words::COUNTIES[p.county].1)
        .bind(v.text(rng, 0, 2))
        .bind(v.text(rng, 0, 2))
        .bind(v.text(rng, 0, 1))
        .bind(v.text(rng, 0, 2))
        .execute(&mut *conn)
        .await?;
        for position in 0..rng.range(2, 4) {
            sqlx::query(
                "INSERT INTO partnership_goals (partnership_id, position, goal, expected_effect) \
                 VALUES (?, ?, ?, ?)",
            )
            .bind(p.id)
            .bind(position)
            .bind(v.text(rng, 1, 1))
            .bind(v.text(rng, 1, 2))
            .execute(&mut *conn)
            .await?;
        }
        for mb in &p.members {
            membership_id += 1;
            sqlx::query(
                "INSERT INTO memberships (id, partnership_id, organisation_id, role, country, \
                 network_level, cluster, created_at, completed_on, mentor_capacity) \
                 VALUES (?, ?, ?, ?, '', ?, ?, ?, ?, ?)",
            )
            .bind(membership_id)
            .bind(p.id)
            .bind(mb.org)
            .bind(mb.role)
            .bind(mb.level)
            .bind(&mb.cluster)
            .bind(&created)
            .bind(mb.completed_on.map(|d| d.to_string()))
            .bind(mb.capacity)
            .execute(&mut *conn)
            .await?;
        }
    }
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
fn pool(m: &Model, meeting: &Meeting) -> Vec<i64> {
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

struct MeetingPlan {
    attendance: Vec<usize>,
    extra_texts: Vec<usize>,
    actions: Vec<usize>,
}

fn plan_quantities(rng: &mut Rng, sizes: &Sizes, m: &Model, pools: &[Vec<i64>]) -> MeetingPlan {
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

struct Counters {
    texts: usize,
}

#[allow(clippy::too_many_arguments)]
async fn write_meeting(
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

async fn write_actions(
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

/// The search index rows `samlar::search::reindex` makes, for every meeting
/// at once: the same SELECT as there, over all meetings instead of one.
/// `verify_index` checks a sample against `reindex` itself. Meeting N's rows
/// get rowids N * 2^20 + 1, 2, … (any rowids serve the current `reindex`;
/// these also serve the rowid-range one proposed in BENCHMARKS.md).
async fn bulk_index(conn: &mut SqliteConnection) -> Result<(), BoxError> {
    sqlx::query(
        "INSERT INTO search_index (rowid, text, meeting_id, source) \
         SELECT meeting_id * 1048576 + row_number() OVER (PARTITION BY meeting_id), \
                text, meeting_id, source FROM ( \
           SELECT id AS meeting_id, notes AS text, 'notes' AS source FROM meetings \
           UNION ALL SELECT id, studied || char(10) || learned, 'study_visit' FROM meetings \
           UNION ALL SELECT id, reflection_best || char(10) || reflection_learn || char(10) || \
                            reflection_develop, 'reflection' FROM meetings \
           UNION ALL SELECT meeting_id, title || char(10) || notes, 'agenda' FROM agenda_items \
           UNION ALL SELECT meeting_id, text, 'decision' FROM decisions \
           UNION ALL SELECT meeting_id, title || char(10) || description || char(10) || tags, \
                            'good_example' FROM good_examples \
           UNION ALL SELECT meeting_id, description, 'action' FROM actions \
           UNION ALL SELECT meeting_id, note, 'follow_up' FROM action_followups \
         ) WHERE trim(text, char(10) || ' ') <> '' ORDER BY meeting_id",
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

type IndexRows = Vec<(String, String)>;

async fn index_rows(conn: &mut SqliteConnection, meeting_id: i64) -> Result<IndexRows, BoxError> {
    Ok(sqlx::query_as(
        "SELECT source, text FROM search_index WHERE meeting_id = ? ORDER BY source, text",
    )
    .bind(meeting_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// Re-indexes a sample of meetings with the app's own `reindex` and checks
/// that the bulk index had exactly the same rows. Returns the mean time of
/// one `reindex` on the full index.
async fn verify_index(
    conn: &mut SqliteConnection,
    rng: &mut Rng,
    meetings: i64,
) -> Result<Duration, BoxError> {
    let sample = 20.min(meetings.max(1));
    let mut spent = Duration::ZERO;
    for _ in 0..sample {
        let id = rng.range(1, meetings.max(1));
        let before = index_rows(conn, id).await?;
        let started = Instant::now();
        samlar::search::reindex(conn, id).await?;
        spent += started.elapsed();
        let after = index_rows(conn, id).await?;
        if before != after {
            return Err(format!("bulk search index differs from reindex for meeting {id}").into());
        }
    }
    Ok(spent / sample as u32)
}

/// Rows per table, by literal queries (sqlx refuses SQL built at run time).
pub async fn table_counts(conn: &mut SqliteConnection) -> Result<Vec<(String, i64)>, BoxError> {
    let mut out = Vec::new();
    macro_rules! count {
        ($($table:literal),*) => {$(
            let n: i64 = sqlx::query_scalar(concat!("SELECT count(*) FROM ", $table))
                .fetch_one(&mut *conn)
                .await?;
            out.push(($table.to_owned(), n));
        )*};
    }
    count!(
        "organisations",
        "people",
        "person_competences",
        "partnerships",
        "partnership_goals",
        "memberships",
        "pairings",
        "pairing_participants",
        "pairing_contacts",
        "meetings",
        "meeting_visitors",
        "agenda_items",
        "decisions",
        "good_examples",
        "attendance",
        "actions",
        "action_followups",
        "search_index"
    );
    Ok(out)
}

/// `PRAGMA integrity_check` says ok and `PRAGMA foreign_key_check` finds nothing.
pub async fn check_integrity(conn: &mut SqliteConnection) -> Result<(), BoxError> {
    let integrity: Vec<String> =
        sqlx::query_scalar("PRAGMA integrity_check").fetch_all(&mut *conn).await?;
    if integrity != ["ok"] {
        return Err(format!("integrity_check: {integrity:?}").into());
    }
    let broken: Vec<(String, Option<i64>, String, i64)> =
        sqlx::query_as("PRAGMA foreign_key_check").fetch_all(&mut *conn).await?;
    if !broken.is_empty() {
        return Err(
            format!("foreign_key_check: {} rows, first {:?}", broken.len(), broken[0]).into()
        );
    }
    Ok(())
}

/// Generates the dataset into a new file at `path` (which must not exist).
pub async fn generate(path: &Path, seed: u64, scale: Scale) -> Result<Summary, BoxError> {
    if path.exists() {
        return Err(format!("{} exists already", path.display()).into());
    }
    let started = Instant::now();
    let mut steps = Vec::new();
    let mut step = |name: &str, since: &mut Instant| {
        steps.push((name.to_owned(), since.elapsed()));
        *since = Instant::now();
    };
    let mut lap = Instant::now();
    let sizes = Sizes::of(scale);
    let model = plan(seed, &sizes);
    let pools: Vec<Vec<i64>> = model.meetings.iter().map(|x| pool(&model, x)).collect();
    let root = Rng::new(seed);
    let quantities = plan_quantities(&mut root.fork(7), &sizes, &model, &pools);
    step("plan", &mut lap);

    let ws = Workspace::open(path, clock()).await?;
    let v = Vocabulary::new();
    let mut tx = samlar::store::db::begin_write(ws.pool()).await?;
    write_registry(&mut tx, &mut root.fork(8), &v, &model).await?;
    write_partnerships(&mut tx, &mut root.fork(9), &v, &model).await?;
    tx.commit().await?;
    step("organisations, people, partnerships", &mut lap);

    let mut counters = Counters { texts: 0 };
    let mut tx = samlar::store::db::begin_write(ws.pool()).await?;
    for (i, meeting) in model.meetings.iter().enumerate() {
        let mut rng = root.fork(1_000_000 + meeting.id as u64);
        write_meeting(
            &mut tx,
            &mut rng,
            &v,
            &model,
            meeting,
            &pools[i],
            quantities.attendance[i],
            quantities.extra_texts[i],
            &mut counters,
        )
        .await?;
    }
    tx.commit().await?;
    step("meetings, texts, attendance", &mut lap);

    let mut tx = samlar::store::db::begin_write(ws.pool()).await?;
    write_actions(&mut tx, &mut root.fork(10), &v, &model, &quantities.actions).await?;
    samlar::meetings::action::refresh_statuses(&mut tx).await?;
    tx.commit().await?;
    step("actions, follow-ups", &mut lap);

    let mut tx = samlar::store::db::begin_write(ws.pool()).await?;
    let index_started = Instant::now();
    bulk_index(&mut tx).await?;
    let bulk = index_started.elapsed();
    let per_meeting =
        verify_index(&mut tx, &mut root.fork(11), model.meetings.len() as i64).await?;
    tx.commit().await?;
    step("full-text index", &mut lap);
    let index = format!(
        "filled in one statement in {:.2} s (the SELECT of search::reindex over all meetings); \
         a sample re-indexed with search::reindex matched it, one reindex on the full index \
         taking {:.1} ms, so one reindex per meeting would take about {:.0} s",
        bulk.as_secs_f64(),
        per_meeting.as_secs_f64() * 1e3,
        per_meeting.as_secs_f64() * model.meetings.len() as f64 / 2.0,
    );

    let mut conn = ws.pool().acquire().await?;
    check_integrity(&mut conn).await?;
    sqlx::query("PRAGMA optimize").execute(&mut *conn).await?;
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&mut *conn).await?;
    let counts = table_counts(&mut conn).await?;
    drop(conn);
    ws.close().await;
    step("checks, checkpoint", &mut lap);
    Ok(Summary { counts, texts: counters.texts, elapsed: started.elapsed(), index, steps })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apportion_adds_up() {
        let shares = apportion(100, &[1.0, 2.0, 3.0, 0.5], 2);
        assert_eq!(shares.iter().sum::<usize>(), 100);
        assert!(shares.iter().all(|&s| s >= 2));
    }

    #[test]
    fn capped_apportion_respects_caps() {
        let mut rng = Rng::new(1);
        let caps = [3, 50, 50, 1];
        let shares = apportion_capped(80, &[5.0, 1.0, 1.0, 5.0], &caps, &mut rng);
        assert_eq!(shares.iter().sum::<usize>(), 80);
        assert!(shares.iter().zip(caps).all(|(s, c)| *s <= c));
    }

    #[test]
    fn national_plan_has_the_sizes_asked_for() {
        let sizes = Sizes::of(Scale::National);
        let m = plan(2026, &sizes);
        assert_eq!(m.orgs.len(), 320);
        assert_eq!(m.people.len(), 5_000);
        assert_eq!(m.partnerships.len(), 60);
        assert_eq!(m.meetings.len(), 10_000);
        for o in &m.orgs {
            if let Some(code) = &o.code {
                assert!(
                    samlar::kernel::validate::municipality_code(code, "code").is_ok(),
                    "{code}"
                );
            }
        }
        let codes: BTreeSet<&String> = m.orgs.iter().filter_map(|o| o.code.as_ref()).collect();
        assert_eq!(codes.len(), 311);
    }
}
