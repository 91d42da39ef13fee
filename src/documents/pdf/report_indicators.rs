//! "Mål och indikatorer" in the partnership report: per indicator its goal,
//! baseline and target with their dates, source and Kolada id, then a table
//! of the values measured in the report's period (women and men when the
//! indicator is split by gender) between a baseline row and a target row,
//! and a chart of the values with the baseline and target marked. Baseline
//! and target are shown whatever the period: they are what the values are
//! read against. Numbers are written as the language writes them ("12,5").

use super::Words;
use super::layout::{Block, Column};
use crate::documents::indicator_list::decimal;
use crate::kernel::period::Period;
use crate::kernel::values::PartnershipId;
use crate::registry::indicators::{self, Indicator};
use crate::{Result, Workspace};
use chrono::NaiveDate;

fn column(title: String, width: f32, align_right: bool) -> Column {
    Column { title, width, align_right }
}

/// The blocks of one indicator.
fn indicator(w: Words, i: &Indicator, period: Period) -> Vec<Block> {
    let n = |v: f64| decimal(w.0, v, true);
    let with_unit = |v: f64| if i.unit.is_empty() { n(v) } else { format!("{} {}", n(v), i.unit) };
    let dated = |v: Option<f64>, date: Option<NaiveDate>| match (v, date) {
        (None, _) => w.t("pdf.notStated"),
        (Some(v), None) => with_unit(v),
        (Some(v), Some(d)) => format!("{} ({d})", with_unit(v)),
    };
    let goal = i.goal.clone().unwrap_or_else(|| w.t("pdf.indicator.whole"));
    let mut fields = vec![
        (w.t("pdf.indicator.goal"), goal),
        (w.t("pdf.indicator.baseline"), dated(i.baseline, i.baseline_date)),
        (w.t("pdf.indicator.target"), dated(i.target, i.target_date)),
    ];
    if !i.source.is_empty() {
        fields.push((w.t("pdf.indicator.source"), i.source.clone()));
    }
    if let Some(id) = &i.kolada_id {
        fields.push((w.t("pdf.indicator.kolada"), id.clone()));
    }
    let title = if i.unit.is_empty() { i.name.clone() } else { format!("{} ({})", i.name, i.unit) };
    let mut blocks = vec![Block::Subheading(title), Block::Fields(fields)];

    let values: Vec<_> = i.values.iter().filter(|v| period.contains(v.measured_on)).collect();
    let mut columns =
        vec![column(w.t("pdf.date"), 1.4, false), column(w.t("pdf.indicator.value"), 1.2, true)];
    if i.by_gender {
        columns.push(column(w.t("pdf.women"), 1.0, true));
        columns.push(column(w.t("pdf.men"), 1.0, true));
    }
    columns.push(column(w.t("pdf.indicator.note"), 3.0, false));
    let row = |date: Option<NaiveDate>, value: f64, split: [Option<f64>; 2], note: String| {
        let mut cells = vec![date.map(|d| d.to_string()).unwrap_or_default(), n(value)];
        if i.by_gender {
            cells.extend(split.map(|v| v.map(n).unwrap_or_default()));
        }
        cells.push(note);
        cells
    };
    let mut rows = Vec::new();
    if let Some(b) = i.baseline {
        rows.push(row(i.baseline_date, b, [None, None], w.t("pdf.indicator.baselineRow")));
    }
    for v in &values {
        rows.push(row(Some(v.measured_on), v.value, [v.women, v.men], v.note.clone()));
    }
    if let Some(t) = i.target {
        rows.push(row(i.target_date, t, [None, None], w.t("pdf.indicator.targetRow")));
    }
    if values.is_empty() {
        blocks.push(Block::Muted(w.t("pdf.indicator.noValues")));
    }
    if !rows.is_empty() {
        blocks.push(Block::Table { columns, rows });
    }
    if !values.is_empty() {
        let bars =
            values.iter().map(|v| (v.measured_on.to_string(), v.value, n(v.value))).collect();
        let mut marks = Vec::new();
        if let Some(b) = i.baseline {
            marks.push((w.fill("pdf.indicator.baselineMark", &[("value", &n(b))]), b));
        }
        if let Some(t) = i.target {
            marks.push((w.fill("pdf.indicator.targetMark", &[("value", &n(t))]), t));
        }
        let caption = w.fill("pdf.indicator.chart", &[("name", &i.name)]);
        blocks.push(Block::ValueChart { caption, bars, marks });
    }
    blocks
}

/// The report's "Mål och indikatorer": every indicator of the partnership,
/// by goal and name, with its values inside `period`.
pub(super) async fn indicators(
    ws: &Workspace,
    w: Words,
    id: PartnershipId,
    period: Period,
) -> Result<Vec<Block>> {
    let mut conn = ws.pool().acquire().await?;
    let all = indicators::of_partnership(&mut conn, id).await?;
    let mut blocks = vec![Block::Heading(w.t("pdf.indicators"))];
    if all.is_empty() {
        blocks.push(Block::Muted(w.t("pdf.indicator.none")));
    }
    for i in &all {
        blocks.extend(indicator(w, i, period));
    }
    Ok(blocks)
}
