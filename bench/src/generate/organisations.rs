//! Organisations and people: Sweden's municipalities and regions with their
//! official codes, a few other organisations, and the people of each,
//! planned by size and then written with their competences.

use super::BoxError;
use super::Sizes;
use super::model::{Model, Org, Person, apportion, date, stamp};
use crate::rng::Rng;
use crate::words::{self, Vocabulary};
use samlar::kernel::validate::search_key;
use sqlx::SqliteConnection;
use std::collections::BTreeSet;

pub(super) fn plan_organisations(rng: &mut Rng, sizes: &Sizes) -> Vec<Org> {
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

pub(super) fn plan_people(rng: &mut Rng, sizes: &Sizes, orgs: &mut [Org]) -> Vec<Person> {
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

const LEVELS: [&str; 4] = ["politician", "senior_manager", "strategist", "operational"];

pub(super) async fn write_registry(
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
