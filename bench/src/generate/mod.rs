//! Fills a Samlär database with a national workload, reproducibly from a
//! seed: 320 organisations, 5,000 people, 60 partnerships over ten years,
//! 10,000 meetings with 100,000 notes and reflections, 200,000 attendance
//! rows, 30,000 improvement actions with their follow-ups, and mentor
//! pairings over many model-municipality rounds whose graduates mentor later
//! rounds, and the practice around the meetings (venues, roles, groups,
//! approved minutes), and indicators with their values over time. The file is opened through `samlar::Workspace`, so the migrations
//! run as in the app; the rows are then written with plain SQL in a few large
//! transactions, obeying every constraint and rule of the app.
//!
//! This file is the entry point and the order of generation: the sizes of
//! each scale, then the plan made in memory (every random choice, each step
//! on its own fork of the seed's random stream), then the writing. Each
//! family of tables has a file of its own with its planning and its writing,
//! so that a file fits in a head.

mod actions;
mod checks;
mod index;
mod meeting_records;
mod meetings;
mod model;
mod organisations;
mod pairings;
mod partnerships;
mod practice;
mod reporting;

pub use checks::{check_integrity, table_counts};

use crate::rng::Rng;
use crate::words::Vocabulary;
use actions::write_actions;
use chrono::{NaiveDate, TimeZone, Utc};
use index::{bulk_index, verify_index};
use meeting_records::{Counters, write_meeting};
use meetings::{plan_meetings, plan_quantities, pool};
use model::Model;
use organisations::{plan_organisations, plan_people, write_registry};
use pairings::{plan_rounds, write_pairings};
use partnerships::{plan_members, plan_partnerships, write_partnerships};
use samlar::{FixedClock, Workspace};
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
    // Partnerships, then pairings, from the same random stream.
    let mut rng = root.fork(9);
    write_partnerships(&mut tx, &mut rng, &v, &model).await?;
    write_pairings(&mut tx, &mut rng, &v, &model).await?;
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
    practice::write_practice(&mut tx).await?;
    tx.commit().await?;
    step("venues, roles, groups, approvals", &mut lap);

    let mut tx = samlar::store::db::begin_write(ws.pool()).await?;
    reporting::write_reporting(&mut tx).await?;
    tx.commit().await?;
    step("indicators and their values", &mut lap);

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
    use std::collections::BTreeSet;

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
