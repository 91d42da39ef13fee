//! Partnerships and memberships: the model-municipality rounds along their
//! learning cycle and the other partnerships over ten years, who takes part
//! in the latter, and the writing of partnerships, their goals and every
//! membership (the rounds' members are planned with their pairings, in
//! `pairings.rs`).

use super::model::{Member, Model, Org, Partnership, date, stamp};
use super::{BoxError, Sizes, today};
use crate::rng::Rng;
use crate::words::{self, Vocabulary};
use chrono::{Datelike, Duration as Days, NaiveDate};
use samlar::kernel::validate::search_key;
use samlar::meetings::cycle::{self, working_day_from};
use sqlx::SqliteConnection;
use std::collections::BTreeSet;

const KINDS: [&str; 4] =
    ["benchlearning", "development_partnership", "community_of_practice", "other"];

pub(super) fn plan_partnerships(rng: &mut Rng, sizes: &Sizes, orgs: &[Org]) -> Vec<Partnership> {
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
pub(super) fn plan_members(
    rng: &mut Rng,
    sizes: &Sizes,
    orgs: &[Org],
    partnerships: &mut [Partnership],
) {
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

pub(super) async fn write_partnerships(
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
    Ok(())
}
