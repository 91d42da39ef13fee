//! The partnership report: the charter, the organisations by role and
//! cluster, people's roles with their periods, the groups with their
//! members, every meeting with its attendance, women and men per activity as
//! a table and a chart, each organisation's attendance, the state of each
//! organisation's improvement work, the good examples and the lessons — what
//! a project owner or funder asks for.
//!
//! # A reporting period
//!
//! The report is of everything ever recorded, or of a reporting period
//! (`kernel::period`, both days inclusive). With a period, the meetings,
//! attendance, statistics, lessons and good examples are those of the
//! meetings in it, and the improvement actions those in it by the rule of
//! every list (`action::action_in_period!`: agreed at a meeting in the
//! period, or followed up at one). The charter, organisations, roles and
//! groups are as they are today. The period is printed under the title and
//! in the footer of every page, before the partnership's name so that a long
//! name, not the period, is what the footer shortens.

use super::layout::{Block, Column};
use super::{Draft, Words, column, lessons, number_column};
use crate::kernel::period::Period;
use crate::kernel::values::{ById, MeetingKind, PartnershipId};
use crate::meetings::action::{self, ActionStatus};
use crate::meetings::statistics::{self, Statistics};
use crate::registry::membership::NetworkLevel;
use crate::{Result, Workspace};
use chrono::NaiveDate;
use std::collections::BTreeMap;

fn charter(
    w: Words,
    d: &crate::pages::partnership::PartnershipDetail,
    reporting: Period,
) -> Vec<Block> {
    let p = &d.partnership;
    let period = match (p.start_date, p.end_date) {
        (None, None) => w.t("pdf.none"),
        (s, e) => format!("{} – {}", w.date(s), w.date(e)),
    };
    let or_none = |s: &str| if s.trim().is_empty() { w.t("pdf.none") } else { s.to_owned() };
    let kronor = |sek: Option<i64>| {
        sek.map_or(w.t("pdf.none"), |sek| crate::documents::messages::kronor(w.0, sek))
    };
    // Granted support is printed when the charter has it; the total budget always.
    let granted = p.granted_sek.map(|sek| (w.t("pdf.granted"), kronor(Some(sek))));
    let fields = [
        (w.t("pdf.kind"), w.label("kind", p.kind)),
        (w.t("pdf.phase"), w.label("phase", p.phase)),
        (w.t("pdf.period"), period),
        (
            w.t("pdf.projectOwner"),
            d.project_owner.as_ref().map_or(w.t("pdf.none"), |o| o.name.clone()),
        ),
        (
            w.t("pdf.contactPerson"),
            d.contact_person.as_ref().map_or(w.t("pdf.none"), |o| o.name.clone()),
        ),
        (w.t("pdf.funding"), or_none(&p.funding_source)),
    ]
    .into_iter()
    .chain(granted)
    .chain([(w.t("pdf.budget"), kronor(p.budget_sek)), (w.t("pdf.region"), or_none(&p.region))]);
    let mut blocks = vec![Block::Title(p.name.clone()), Block::Subheading(w.t("pdf.reportTitle"))];
    if !reporting.is_all() {
        blocks.push(Block::Subheading(reporting_period(w, reporting)));
    }
    blocks.extend([Block::Fields(fields.collect()), Block::Heading(w.t("pdf.charter"))]);
    for (key, text) in [
        ("pdf.purpose", &p.purpose),
        ("pdf.sharedProblem", &p.shared_problem),
        ("pdf.delimitation", &p.delimitation),
    ] {
        blocks.push(Block::Subheading(w.t(key)));
        blocks.push(w.text_or(text, "pdf.notStated"));
    }
    blocks.push(Block::Subheading(w.t("pdf.goals")));
    if d.goals.is_empty() {
        blocks.push(Block::Muted(w.t("pdf.notStated")));
    } else {
        let columns = vec![column(w.t("pdf.goal"), 1.0), column(w.t("pdf.expectedEffect"), 1.0)];
        let rows =
            d.goals.iter().map(|g| vec![g.goal.clone(), g.expected_effect.clone()]).collect();
        blocks.push(Block::Table { columns, rows });
    }
    for (key, text) in [
        ("pdf.mandateNotes", &p.mandate_notes),
        ("pdf.powerBalanceNotes", &p.power_balance_notes),
        ("pdf.missingPartnersNotes", &p.missing_partners_notes),
        ("pdf.carryHomeNotes", &p.carry_home_notes),
    ] {
        if !text.trim().is_empty() {
            blocks.push(Block::Subheading(w.t(key)));
            blocks.push(Block::Paragraph(text.clone()));
        }
    }
    blocks
}

fn organisations(w: Words, d: &crate::pages::partnership::PartnershipDetail) -> Vec<Block> {
    let mut blocks = vec![Block::Heading(w.t("pdf.organisations"))];
    if d.memberships.is_empty() {
        blocks.push(Block::Muted(w.t("pdf.noOrganisations")));
        return blocks;
    }
    let columns = vec![
        column(w.t("pdf.role"), 2.0),
        column(w.t("pdf.cluster"), 2.0),
        column(w.t("pdf.organisation"), 4.0),
        column(w.t("pdf.code"), 1.0),
    ];
    let rows = d
        .memberships
        .iter()
        .map(|m| {
            let place = match m.network_level {
                NetworkLevel::Cluster => m.cluster.clone(),
                level => w.label("networkLevel", level),
            };
            let name = if m.country.is_empty() {
                m.organisation_name.clone()
            } else {
                format!("{} ({})", m.organisation_name, m.country)
            };
            vec![
                w.label("role", m.role),
                place,
                name,
                m.organisation_code.clone().unwrap_or_default(),
            ]
        })
        .collect();
    blocks.push(Block::Table { columns, rows });
    blocks
}

/// "2027-01-01 – 2027-12-31", "2027-01-01 –", "– 2027-12-31", or none.
pub(super) fn period(w: Words, start: Option<NaiveDate>, end: Option<NaiveDate>) -> String {
    match (start, end) {
        (None, None) => w.t("pdf.none"),
        (s, e) => {
            let part = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
            format!("{} – {}", part(s), part(e)).trim().to_owned()
        }
    }
}

/// "Rapportperiod 2026-01-01 – 2026-06-30" (an open end left empty).
fn reporting_period(w: Words, p: Period) -> String {
    w.fill("pdf.reportPeriod", &[("period", &period(w, p.from, p.to))])
}

/// Per role, who holds or held it and when.
fn roles(w: Words, d: &crate::pages::partnership::PartnershipDetail) -> Vec<Block> {
    let mut blocks = vec![Block::Heading(w.t("pdf.roles"))];
    let held: Vec<_> = d.roles.iter().filter(|r| !r.holders.is_empty()).collect();
    if held.is_empty() {
        blocks.push(Block::Muted(w.t("pdf.noRoles")));
    }
    for r in held {
        blocks.push(Block::Subheading(w.label("personRole", r.role)));
        let columns = vec![
            column(w.t("pdf.name"), 3.0),
            column(w.t("pdf.organisation"), 3.0),
            column(w.t("pdf.period"), 2.6),
        ];
        let rows = r
            .holders
            .iter()
            .map(|h| {
                vec![
                    h.person_name.clone(),
                    h.organisation_name.clone().unwrap_or_default(),
                    period(w, h.start_date, h.end_date),
                ]
            })
            .collect();
        blocks.push(Block::Table { columns, rows });
    }
    blocks
}

/// The groups inside the partnership, with their purpose and members.
fn groups(w: Words, d: &crate::pages::partnership::PartnershipDetail) -> Vec<Block> {
    let mut blocks = vec![Block::Heading(w.t("pdf.groups"))];
    if d.groups.is_empty() {
        blocks.push(Block::Muted(w.t("pdf.noGroups")));
    }
    for g in &d.groups {
        let kind = w.label("groupKind", g.kind);
        blocks.push(Block::Subheading(format!("{} ({})", g.name, kind.to_lowercase())));
        if !g.purpose.trim().is_empty() {
            blocks.push(Block::Paragraph(g.purpose.trim().to_owned()));
        }
        let members: Vec<&str> = g.members.iter().map(|m| m.name.as_str()).collect();
        let members = if members.is_empty() { w.t("pdf.noMembers") } else { members.join(", ") };
        blocks.push(Block::Fields(vec![(w.t("pdf.members"), members)]));
    }
    blocks
}

async fn meetings_and_attendance(
    ws: &Workspace,
    w: Words,
    id: PartnershipId,
    reporting: Period,
) -> Result<Vec<Block>> {
    let mut meetings = crate::meetings::meeting::of_partnership(ws.pool(), id).await?;
    meetings.retain(|m| reporting.contains(m.date));
    let stats = statistics::of_period(ws.pool(), id, None, reporting).await?;
    let mut blocks = vec![Block::Heading(w.t("pdf.meetings"))];
    if meetings.is_empty() {
        blocks.push(Block::Muted(w.t("pdf.noMeetings")));
        return Ok(blocks);
    }
    let columns = vec![
        column(w.t("pdf.date"), 1.4),
        column(w.t("pdf.meeting"), 3.5),
        column(w.t("pdf.venue"), 2.5),
        number_column(w.t("pdf.attended")),
    ];
    let rows = meetings
        .iter()
        .map(|m| {
            vec![
                m.date.to_string(),
                w.meeting_name(m.kind, m.number, &m.title),
                m.venue_name.clone(),
                m.attended.to_string(),
            ]
        })
        .collect();
    blocks.push(Block::Table { columns, rows });

    blocks.push(Block::Heading(w.t("pdf.genderPerActivity")));
    let columns = vec![
        column(w.t("pdf.meeting"), 4.0),
        number_column(w.t("pdf.women")),
        number_column(w.t("pdf.men")),
        number_column(w.t("pdf.other")),
        number_column(w.t("pdf.notStated")),
        number_column(w.t("pdf.total")),
    ];
    let name = |kind: MeetingKind, number: Option<i64>, title: &str, date: NaiveDate| {
        format!("{date} {}", w.meeting_name(kind, number, title))
    };
    let mut rows: Vec<Vec<String>> = stats
        .activities
        .iter()
        .map(|a| {
            let c = &a.attended;
            vec![
                name(a.kind, a.number, &a.title, a.date),
                c.women.to_string(),
                c.men.to_string(),
                c.other.to_string(),
                c.not_stated.to_string(),
                c.total.to_string(),
            ]
        })
        .collect();
    let t = &stats.total;
    rows.push(vec![
        w.t("pdf.total"),
        t.women.to_string(),
        t.men.to_string(),
        t.other.to_string(),
        t.not_stated.to_string(),
        t.total.to_string(),
    ]);
    blocks.push(Block::Table { columns, rows });
    let groups = stats
        .activities
        .iter()
        .map(|a| {
            let counts = [a.attended.women, a.attended.men].map(|n| u32::try_from(n).unwrap_or(0));
            (name(a.kind, a.number, &a.title, a.date), counts.to_vec())
        })
        .collect();
    blocks.push(Block::BarChart {
        caption: w.t("pdf.genderChart"),
        series: vec![w.t("pdf.women"), w.t("pdf.men")],
        groups,
    });
    blocks.extend(organisations_attendance(w, &stats));
    Ok(blocks)
}

/// Each organisation's invited, attended and absent people at the meetings
/// of the report, and at how many of them it was present.
fn organisations_attendance(w: Words, stats: &Statistics) -> Vec<Block> {
    if stats.organisations.is_empty() {
        return Vec::new();
    }
    let count = |key: &str| Column { title: w.t(key), width: 1.4, align_right: true };
    let columns = vec![
        column(w.t("pdf.organisation"), 3.0),
        count("pdf.invited"),
        count("pdf.attended"),
        count("pdf.absent"),
        count("pdf.meetingsAttended"),
    ];
    let rows = stats
        .organisations
        .iter()
        .map(|o| {
            let name = o.organisation_name.clone().unwrap_or_else(|| w.t("pdf.noOrganisation"));
            let counts = [o.invited, o.attended, o.absent, o.meetings_attended];
            std::iter::once(name).chain(counts.map(|n| n.to_string())).collect()
        })
        .collect();
    vec![Block::Subheading(w.t("pdf.attendanceByOrganisation")), Block::Table { columns, rows }]
}

async fn improvement_work(
    ws: &Workspace,
    w: Words,
    id: PartnershipId,
    reporting: Period,
) -> Result<Vec<Block>> {
    let actions = action::of_partnership(ws.pool(), id, reporting).await?;
    let mut blocks = vec![Block::Heading(w.t("pdf.improvementWork"))];
    if actions.is_empty() {
        blocks.push(Block::Muted(w.t("pdf.noActions")));
        return Ok(blocks);
    }
    let statuses =
        [ActionStatus::Planned, ActionStatus::Ongoing, ActionStatus::Done, ActionStatus::Dropped];
    let mut per_organisation: BTreeMap<String, [usize; 4]> = BTreeMap::new();
    for a in &actions {
        let name = a.organisation_name.clone().unwrap_or_else(|| w.t("pdf.noOrganisation"));
        let i = statuses.iter().position(|s| *s == a.status).unwrap_or(0);
        per_organisation.entry(name).or_default()[i] += 1;
    }
    let mut columns = vec![column(w.t("pdf.organisation"), 4.0)];
    columns.extend(statuses.map(|s| number_column(w.label("actionStatus", s))));
    let rows = per_organisation
        .into_iter()
        .map(|(name, n)| {
            let mut row = vec![name];
            row.extend(n.map(|c| c.to_string()));
            row
        })
        .collect();
    blocks.push(Block::Table { columns, rows });
    blocks.push(Block::Subheading(w.t("pdf.allActions")));
    let columns = vec![
        column(w.t("pdf.organisation"), 2.0),
        column(w.t("pdf.action"), 3.6),
        column(w.t("pdf.agreedAt"), 2.0),
        column(w.t("pdf.status"), 1.2),
        column(w.t("pdf.due"), 1.6),
    ];
    let rows = actions
        .iter()
        .map(|a| {
            vec![
                a.organisation_name.clone().unwrap_or_default(),
                a.description.clone(),
                format!(
                    "{} {}",
                    a.meeting_date,
                    w.meeting_name(a.meeting_kind, a.meeting_number, "")
                ),
                w.label("actionStatus", a.status),
                a.due_date.map(|d| d.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    blocks.push(Block::Table { columns, rows });
    Ok(blocks)
}

#[derive(sqlx::FromRow)]
struct ExampleRow {
    title: String,
    description: String,
    organisation_name: Option<String>,
    kind: MeetingKind,
    number: Option<i64>,
    date: NaiveDate,
}

async fn good_examples(
    ws: &Workspace,
    w: Words,
    id: PartnershipId,
    reporting: Period,
) -> Result<Vec<Block>> {
    let sql = concat!(
        "SELECT g.title, g.description, o.name AS organisation_name, m.kind, m.number, m.date \
         FROM good_examples g JOIN meetings m ON m.id = g.meeting_id \
         LEFT JOIN organisations o ON o.id = g.organisation_id \
         WHERE m.partnership_id = ?1 AND ",
        crate::in_period!("m.date", "2", "3"),
        " ORDER BY m.date, m.id, g.position"
    );
    let examples: Vec<ExampleRow> = sqlx::query_as(sql)
        .bind(id)
        .bind(reporting.from)
        .bind(reporting.to)
        .fetch_all(ws.pool())
        .await?;
    let mut blocks = vec![Block::Heading(w.t("pdf.goodExamples"))];
    if examples.is_empty() {
        blocks.push(Block::Muted(w.t("pdf.noGoodExamples")));
    }
    for e in examples {
        blocks.push(Block::Subheading(e.title));
        let meeting = format!("{} {}", e.date, w.meeting_name(e.kind, e.number, ""));
        let source = match e.organisation_name {
            Some(o) => format!("{o}, {meeting}"),
            None => meeting,
        };
        blocks.push(Block::Muted(source));
        blocks.push(w.text_or(&e.description, "pdf.noNotes"));
    }
    Ok(blocks)
}

/// The report of everything ever recorded (`Period::ALL`) or of a period.
pub(super) async fn report(
    ws: &Workspace,
    w: Words,
    id: PartnershipId,
    period: Period,
) -> Result<Draft> {
    let d = ws.partnership(ById { id }).await?;
    let mut blocks = charter(w, &d, period);
    blocks.extend(super::report_indicators::indicators(ws, w, id, period).await?);
    blocks.extend(organisations(w, &d));
    blocks.extend(roles(w, &d));
    blocks.extend(groups(w, &d));
    blocks.extend(meetings_and_attendance(ws, w, id, period).await?);
    blocks.extend(super::report_delegation::delegations(ws, w, id, period).await?);
    blocks.extend(improvement_work(ws, w, id, period).await?);
    blocks.extend(good_examples(ws, w, id, period).await?);
    blocks.extend(lessons::lessons(ws, w, id, period).await?);
    let name = d.partnership.name.clone();
    let footer = if period.is_all() {
        name.clone()
    } else {
        format!("{} · {name}", reporting_period(w, period))
    };
    Ok(Draft {
        title: format!("{} – {name}", w.t("pdf.reportTitle")),
        file_stem: format!("{} {name}", w.t("pdf.file.report")),
        footer,
        blocks,
    })
}
