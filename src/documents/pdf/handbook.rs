//! The handbook of good examples (exempelsamling): a title page saying which
//! examples it holds, a table of contents with page numbers, then the
//! examples, each with its organisation, partnership and meeting.
//!
//! # Grouped by theme
//!
//! The examples are grouped by tag, the tags in alphabetical order and the
//! examples without one last. A coordinator reads a handbook to learn how
//! others met the same problem (the benchlearning the seeds describe), so
//! the theme, across partnerships, is what to look under; a partnership's
//! own examples are already in its report. Each example comes once, under
//! its first tag (the one it was given first, its main theme), with all its
//! tags printed beside it; when the handbook is of one tag, under that one.
//! Within a theme the examples come in date order.

use super::layout::Block;
use super::{Draft, Words};
use crate::documents::messages::plural;
use crate::kernel::period::Period;
use crate::kernel::validate;
use crate::meetings::good_example_library::{self, GoodExampleFilter, LibraryExample};
use crate::{Result, Workspace};
use std::collections::BTreeMap;

/// The theme an example is printed under: the filter's tag, or its first.
fn theme(example: &LibraryExample, tag: Option<&str>) -> Option<String> {
    match tag {
        Some(tag) => example.tags.iter().find(|t| validate::search_key(t) == tag).cloned(),
        None => example.tags.first().cloned(),
    }
}

/// The title page's list of what was chosen, one line per filter set.
async fn selection(
    ws: &Workspace,
    w: Words,
    filter: &GoodExampleFilter,
    period: Period,
) -> Result<Vec<(String, String)>> {
    let mut fields = Vec::new();
    if !period.is_all() {
        fields.push((w.t("pdf.period"), super::report::period(w, period.from, period.to)));
    }
    if let Some(id) = filter.partnership_id {
        let name: Option<String> = sqlx::query_scalar("SELECT name FROM partnerships WHERE id = ?")
            .bind(id)
            .fetch_optional(ws.pool())
            .await?;
        fields.push((w.t("pdf.partnership"), name.unwrap_or_else(|| w.t("pdf.none"))));
    }
    if let Some(id) = filter.organisation_id {
        let name: Option<String> =
            sqlx::query_scalar("SELECT name FROM organisations WHERE id = ?")
                .bind(id)
                .fetch_optional(ws.pool())
                .await?;
        fields.push((w.t("pdf.organisation"), name.unwrap_or_else(|| w.t("pdf.none"))));
    }
    if let Some(tag) = filter.tag.as_deref().filter(|t| !t.trim().is_empty()) {
        fields.push((w.t("pdf.handbook.tag"), tag.trim().to_owned()));
    }
    if !filter.search.trim().is_empty() {
        fields.push((w.t("pdf.handbook.search"), filter.search.trim().to_owned()));
    }
    Ok(fields)
}

fn example(w: Words, e: LibraryExample) -> Vec<Block> {
    let meeting = format!(
        "{}, {}",
        w.meeting_name(e.meeting_kind, e.meeting_number, &e.meeting_title),
        e.meeting_date
    );
    let mut fields = vec![
        (w.t("pdf.organisation"), e.organisation_name.unwrap_or_else(|| w.t("pdf.none"))),
        (w.t("pdf.partnership"), e.partnership_name),
        (w.t("pdf.meeting"), meeting),
    ];
    if !e.tags.is_empty() {
        fields.push((w.t("pdf.handbook.tags"), e.tags.join(", ")));
    }
    vec![
        Block::Subheading(e.title),
        Block::Fields(fields),
        w.text_or(&e.description, "pdf.noNotes"),
    ]
}

/// The handbook of the good examples `filter` keeps.
pub(super) async fn handbook(
    ws: &Workspace,
    w: Words,
    filter: &GoodExampleFilter,
) -> Result<Draft> {
    let checked = filter.check()?;
    let mut examples = good_example_library::matching(ws, &checked).await?;
    // Oldest meeting first (the library lists the newest first); the sort
    // is stable, so a meeting's examples stay in the order they were told.
    examples.sort_by_key(|e| (e.meeting_date, e.meeting_id));
    let count = examples.len() as u64;
    // Themes in folded order, the examples without a tag last.
    let mut themes: BTreeMap<(bool, String), (String, Vec<LibraryExample>)> = BTreeMap::new();
    for e in examples {
        let name = theme(&e, checked.tag.as_deref());
        let key = (name.is_none(), name.as_deref().map(validate::search_key).unwrap_or_default());
        let name = name.unwrap_or_else(|| w.t("pdf.handbook.noTag"));
        themes.entry(key).or_insert_with(|| (name, Vec::new())).1.push(e);
    }
    let title = w.t("pdf.handbook.title");
    let mut blocks = vec![
        Block::Title(title.clone()),
        Block::Subheading(w.t("pdf.handbook.subtitle")),
        Block::Spacer,
    ];
    let selection = selection(ws, w, filter, checked.period).await?;
    if selection.is_empty() {
        blocks.push(Block::Paragraph(w.t("pdf.handbook.everything")));
    } else {
        blocks.push(Block::Fields(selection));
    }
    blocks.push(Block::Paragraph(plural(w.0, "pdf.handbook.count", count)));
    if themes.is_empty() {
        blocks.push(Block::Muted(w.t("pdf.handbook.empty")));
    } else {
        blocks.push(Block::Paragraph(w.t("pdf.handbook.about")));
        blocks.push(Block::PageBreak);
        blocks.push(Block::Heading(w.t("pdf.handbook.contents")));
        blocks.push(Block::Contents { subheadings: true });
        blocks.push(Block::PageBreak);
    }
    for (name, examples) in themes.into_values() {
        blocks.push(Block::Heading(name));
        for e in examples {
            blocks.extend(example(w, e));
        }
    }
    Ok(Draft { title: title.clone(), file_stem: w.t("pdf.file.handbook"), footer: title, blocks })
}
