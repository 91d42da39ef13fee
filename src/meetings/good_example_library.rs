//! The library of good examples: the good examples told at the meetings of
//! every partnership, in one list, filtered by tag, organisation,
//! partnership and reporting period, and searched. The window shows it on
//! the page "Goda exempel"; the handbook (exempelsamling,
//! `documents::pdf::handbook`) prints the same selection.
//!
//! The list is capped, not paged: the page gets the newest
//! `LIBRARY_SHOWN_MAX` matches and how many matched in all (`total`), and
//! says so when there are more, for the coordinator to narrow the filters;
//! the handbook takes every match. An installation holds at most a few
//! thousand good examples (`MAX_GOOD_EXAMPLES` per meeting, a handful in
//! practice), and the search folds case as Rust does (å, ä and ö too),
//! which SQLite's `lower()` cannot, so the tag and text filters run here on
//! the rows the SQL filters left, and a keyset page in SQL would need a
//! folded copy of every text stored. The period, partnership and
//! organisation filters stay in SQL.

use crate::in_period;
use crate::kernel::limits::TAG_MAX_CHARS;
use crate::kernel::page::Names;
use crate::kernel::period::Period;
use crate::kernel::validate;
use crate::kernel::values::{MeetingId, MeetingKind, OrganisationId, PartnershipId};
use crate::meetings::sections::split_tags;
use crate::{Result, Workspace};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// How many matches the page shows at most; `total` says how many matched.
pub const LIBRARY_SHOWN_MAX: usize = 200;

/// What to list: every filter empty (`null`, `""`) lists everything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GoodExampleFilter {
    /// One tag, matched whole, case folded (`Skola` finds `skola`).
    pub tag: Option<String>,
    pub organisation_id: Option<OrganisationId>,
    pub partnership_id: Option<PartnershipId>,
    /// The period of the meetings, `YYYY-MM-DD`, inclusive; either may be empty.
    pub from: Option<String>,
    pub to: Option<String>,
    /// Words that must all occur in the title, description or tags, case folded.
    pub search: String,
}

/// A good example with where it was told.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LibraryExample {
    pub title: String,
    pub description: String,
    pub tags: Vec<String>,
    pub organisation_id: Option<OrganisationId>,
    pub organisation_name: Option<String>,
    pub partnership_id: PartnershipId,
    pub partnership_name: String,
    pub meeting_id: MeetingId,
    pub meeting_kind: MeetingKind,
    #[ts(type = "number | null")]
    pub meeting_number: Option<i64>,
    pub meeting_title: String,
    pub meeting_date: NaiveDate,
}

/// The page: the newest matches, how many matched, and the choices of the
/// filters (the tags, organisations and partnerships that have any good
/// example, whatever the filters).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GoodExampleLibrary {
    pub examples: Vec<LibraryExample>,
    #[ts(type = "number")]
    pub total: i64,
    pub tags: Vec<String>,
    pub organisations: Names<OrganisationId>,
    pub partnerships: Names<PartnershipId>,
}

/// A checked filter: the period, and the tag and words folded.
pub struct CheckedFilter {
    pub period: Period,
    pub tag: Option<String>,
    pub organisation_id: Option<OrganisationId>,
    pub partnership_id: Option<PartnershipId>,
    words: Vec<String>,
}

impl GoodExampleFilter {
    /// `invalid_date` at `from` or `to`, `end_before_start` at `to`,
    /// `text_too_long` at `tag` or `search`.
    pub fn check(&self) -> Result<CheckedFilter> {
        let period = Period::check(self.from.as_deref(), self.to.as_deref())?;
        let tag = match &self.tag {
            Some(tag) => validate::text(validate::search_key(tag), "tag", TAG_MAX_CHARS)?,
            None => String::new(),
        };
        let search = validate::search_key(validate::search_text(&self.search, "search")?);
        let words = search.split_whitespace().map(str::to_owned).collect();
        Ok(CheckedFilter {
            period,
            tag: (!tag.is_empty()).then_some(tag),
            organisation_id: self.organisation_id,
            partnership_id: self.partnership_id,
            words,
        })
    }
}

impl CheckedFilter {
    /// Whether only SQL filters apply (no tag or words to fold in Rust), so
    /// that SQL can count and cut the list itself.
    fn in_sql_only(&self) -> bool {
        self.tag.is_none() && self.words.is_empty()
    }

    fn keeps(&self, e: &LibraryExample) -> bool {
        let tag_ok =
            self.tag.as_ref().is_none_or(|t| e.tags.iter().any(|g| validate::search_key(g) == *t));
        tag_ok && {
            let text =
                format!("{}\n{}\n{}", e.title, e.description, e.tags.join("\n")).to_lowercase();
            self.words.iter().all(|w| text.contains(w.as_str()))
        }
    }
}

#[derive(sqlx::FromRow)]
struct Row {
    title: String,
    description: String,
    tags: String,
    organisation_id: Option<OrganisationId>,
    organisation_name: Option<String>,
    partnership_id: PartnershipId,
    partnership_name: String,
    meeting_id: MeetingId,
    meeting_kind: MeetingKind,
    meeting_number: Option<i64>,
    meeting_title: String,
    meeting_date: NaiveDate,
}

/// Every good example the filter keeps, newest meeting first (then the
/// order told at the meeting).
pub async fn matching(ws: &Workspace, filter: &CheckedFilter) -> Result<Vec<LibraryExample>> {
    matching_at_most(ws, filter, None).await
}

/// The examples of the SQL filters (partnership, organisation, period).
macro_rules! sql_filtered {
    () => {
        concat!(
            "FROM good_examples g JOIN meetings m ON m.id = g.meeting_id \
             JOIN partnerships p ON p.id = m.partnership_id \
             LEFT JOIN organisations o ON o.id = g.organisation_id \
             WHERE (?1 IS NULL OR m.partnership_id = ?1) AND (?2 IS NULL OR g.organisation_id = ?2) \
             AND ",
            in_period!("m.date", "3", "4")
        )
    };
}

/// How many examples the SQL filters keep.
async fn count_in_sql(ws: &Workspace, filter: &CheckedFilter) -> Result<i64> {
    let sql = concat!("SELECT count(*) ", sql_filtered!());
    Ok(sqlx::query_scalar(sql)
        .bind(filter.partnership_id)
        .bind(filter.organisation_id)
        .bind(filter.period.from)
        .bind(filter.period.to)
        .fetch_one(ws.pool())
        .await?)
}

/// The matching examples, newest first; with `limit`, the SQL stops there
/// (only when the filter is SQL's alone, or the cut would drop matches).
async fn matching_at_most(
    ws: &Workspace,
    filter: &CheckedFilter,
    limit: Option<i64>,
) -> Result<Vec<LibraryExample>> {
    let limit = limit.filter(|_| filter.in_sql_only());
    let sql = concat!(
        "SELECT g.title, g.description, g.tags, g.organisation_id, o.name AS organisation_name, \
         m.partnership_id, p.name AS partnership_name, m.id AS meeting_id, \
         m.kind AS meeting_kind, m.number AS meeting_number, m.title AS meeting_title, \
         m.date AS meeting_date ",
        sql_filtered!(),
        " ORDER BY m.date DESC, coalesce(m.start_time, '') DESC, m.id DESC, g.position, g.id \
         LIMIT coalesce(?5, -1)"
    );
    let rows: Vec<Row> = sqlx::query_as(sql)
        .bind(filter.partnership_id)
        .bind(filter.organisation_id)
        .bind(filter.period.from)
        .bind(filter.period.to)
        .bind(limit)
        .fetch_all(ws.pool())
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| LibraryExample {
            title: r.title,
            description: r.description,
            tags: split_tags(&r.tags),
            organisation_id: r.organisation_id,
            organisation_name: r.organisation_name,
            partnership_id: r.partnership_id,
            partnership_name: r.partnership_name,
            meeting_id: r.meeting_id,
            meeting_kind: r.meeting_kind,
            meeting_number: r.meeting_number,
            meeting_title: r.meeting_title,
            meeting_date: r.meeting_date,
        })
        .filter(|e| filter.keeps(e))
        .collect())
}

/// The tags of every good example, each once (the first spelling met,
/// told apart case folded), in folded order.
async fn tags_in_use(ws: &Workspace) -> Result<Vec<String>> {
    // Each spelling of a tag list once, in the order first met: the
    // examples repeat a few lists, and folding is the costly part.
    let all: Vec<String> = sqlx::query_scalar(
        "SELECT tags FROM good_examples WHERE tags <> '' GROUP BY tags ORDER BY min(id)",
    )
    .fetch_all(ws.pool())
    .await?;
    let mut tags = BTreeMap::new();
    for tag in all.iter().flat_map(|t| split_tags(t)) {
        tags.entry(validate::search_key(&tag)).or_insert(tag);
    }
    Ok(tags.into_values().collect())
}

impl Workspace {
    /// The library of good examples across all partnerships, filtered.
    pub async fn good_example_library(
        &self,
        filter: GoodExampleFilter,
    ) -> Result<GoodExampleLibrary> {
        let checked = filter.check()?;
        let shown = LIBRARY_SHOWN_MAX as i64;
        let mut examples = matching_at_most(self, &checked, Some(shown)).await?;
        let total = if checked.in_sql_only() {
            count_in_sql(self, &checked).await?
        } else {
            examples.len() as i64
        };
        examples.truncate(LIBRARY_SHOWN_MAX);
        let organisations: Vec<(OrganisationId, String)> = sqlx::query_as(
            // One pass over the examples (no index on their organisation):
            // an EXISTS per organisation scanned them all each time.
            "SELECT o.id, o.name FROM organisations o WHERE o.id IN \
             (SELECT organisation_id FROM good_examples WHERE organisation_id IS NOT NULL) \
             ORDER BY o.name_key, o.id",
        )
        .fetch_all(self.pool())
        .await?;
        let partnerships: Vec<(PartnershipId, String)> = sqlx::query_as(
            "SELECT p.id, p.name FROM partnerships p WHERE EXISTS \
             (SELECT 1 FROM good_examples g JOIN meetings m ON m.id = g.meeting_id \
              WHERE m.partnership_id = p.id) ORDER BY p.name_key, p.id",
        )
        .fetch_all(self.pool())
        .await?;
        Ok(GoodExampleLibrary {
            examples,
            total,
            tags: tags_in_use(self).await?,
            organisations: organisations.into_iter().collect(),
            partnerships: partnerships.into_iter().collect(),
        })
    }
}
