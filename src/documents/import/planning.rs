//! Planning a whole import: the file read, its columns mapped, what is
//! stored read once, and every row planned against it, with the counts of
//! what would be created, updated or left unchanged. Writes nothing. Uses the
//! import's `types`, `reading`, `columns`, `known` and `rows`.

use super::columns::{Column, Columns};
use super::known::Known;
use super::reading::{self, Table};
use super::rows::{RowCheck, Step, plan_organisation, plan_person};
use super::types::{
    ImportCounts, ImportKind, ImportPreview, ImportProblem, ImportRequest, ImportResult, ImportRow,
};
use crate::{Error, ErrorCode, Result};
use sqlx::SqliteConnection;
use std::collections::HashSet;

const PREVIEW_ROWS: usize = 500;
const PREVIEW_PROBLEMS: usize = 1000;

/// What importing a file would do: a step for every row without a problem.
pub(super) struct Plan {
    table: Table,
    columns: Columns,
    rows: Vec<ImportRow>,
    pub(super) steps: Vec<Step>,
    pub(super) problems: Vec<ImportProblem>,
    counts: ImportCounts,
    membership_counts: ImportCounts,
}

impl Plan {
    /// The plan as the preview shows it: the first rows and problems.
    pub(super) fn preview(self) -> ImportPreview {
        ImportPreview {
            encoding: self.table.encoding,
            separator: self.table.separator,
            columns: self.columns.used(),
            ignored_columns: self.columns.ignored.clone(),
            total_rows: self.table.rows.len() as u64,
            problem_count: self.problems.len() as u64,
            rows: self.rows.into_iter().take(PREVIEW_ROWS).collect(),
            problems: self.problems.into_iter().take(PREVIEW_PROBLEMS).collect(),
            counts: self.counts,
            membership_counts: self.membership_counts,
        }
    }

    /// What applying the plan does.
    pub(super) fn result(&self) -> ImportResult {
        ImportResult { counts: self.counts, membership_counts: self.membership_counts }
    }
}

/// Reads the request's file and plans every row against what is stored.
pub(super) async fn plan(conn: &mut SqliteConnection, request: &ImportRequest) -> Result<Plan> {
    let mut table = reading::read(&request.content_base64)?;
    let rows = std::mem::take(&mut table.rows);
    let columns = Columns::map(request.kind, &table.headers);
    if let Some(id) = request.partnership_id
        && !crate::registry::partnership::exists(&mut *conn, id).await?
    {
        return Err(Error::at(ErrorCode::NotFound, "partnershipId", "no such partnership"));
    }
    let mut plan = Plan {
        rows: Vec::new(),
        steps: Vec::new(),
        problems: Vec::new(),
        counts: ImportCounts::default(),
        membership_counts: ImportCounts::default(),
        columns,
        table,
    };
    if !plan.columns.has(Column::Name) {
        plan.problems.push(ImportProblem {
            row: 1,
            column: None,
            code: ErrorCode::MissingColumn,
            value: String::new(),
        });
        plan.table.rows = rows;
        return Ok(plan);
    }
    let mut seen_keys: HashSet<String> = HashSet::new();
    let mut known = Known::load(conn, request.kind, request.partnership_id).await?;
    for (row, cells) in &rows {
        let mut check = RowCheck::new(*row, &plan.columns, cells);
        if cells.len() > plan.table.headers.len()
            && cells[plan.table.headers.len()..].iter().any(|c| !c.is_empty())
        {
            check.problem(None, ErrorCode::TooManyCells);
        }
        let planned = match request.kind {
            ImportKind::Organisations => {
                plan_organisation(&known, &mut check, request.partnership_id, &mut seen_keys)?
            }
            ImportKind::People => plan_person(conn, &mut known, &mut check, &mut seen_keys).await?,
        };
        let problems_in_row = !check.problems.is_empty();
        plan.problems.append(&mut check.problems);
        if let (Some((step, import_row)), false) = (planned, problems_in_row) {
            plan.counts.add(import_row.action);
            if let Some(action) = import_row.membership {
                plan.membership_counts.add(action);
            }
            plan.rows.push(import_row);
            plan.steps.push(step);
        }
    }
    plan.table.rows = rows;
    Ok(plan)
}
