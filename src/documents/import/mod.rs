//! Import of organisations (optionally as members of a partnership) and of
//! people from the CSV files coordinators already keep in Excel: `;`, `,` or
//! tab separated, UTF-8 with or without byte-order mark, UTF-16 or
//! Windows-1252, with Swedish or English column names.
//!
//! An import is planned first: every row is read, checked with the same rules
//! as the forms and matched against what is stored (organisations by code,
//! then name; people by e-mail, then name within their organisation). The
//! preview shows that plan and every problem; applying plans again inside one
//! write transaction and writes all of it or nothing. Importing the same file
//! twice changes nothing the second time, and an empty cell never erases a
//! stored value.
//!
//! The import's files, each using only those before it:
//!
//! - `types`: the request, the preview and the result, which cross IPC;
//! - `reading`: bytes to text rows (encodings, separators, the csv crate);
//! - `columns`: which column is which, and labels and yes/no in cells;
//! - `known`: what is stored, read once and matched with the registry's
//!   `matching` rules;
//! - `rows`: one row checked, matched and merged into a step;
//! - `planning`: the whole file planned, writing nothing;
//! - `writing`: a plan's steps written in one transaction;
//!
//! and this file, the two things a coordinator can do with a file.

mod columns;
mod known;
mod planning;
mod reading;
mod rows;
mod types;
mod writing;

pub use reading::MAX_FILE_BYTES;
pub use types::{
    Encoding, ImportAction, ImportCounts, ImportKind, ImportPreview, ImportProblem, ImportRequest,
    ImportResult, ImportRow, Separator,
};

use crate::{Error, ErrorCode, Result, Workspace, store::db};

/// What a coordinator can do with a CSV file.
impl Workspace {
    /// Reads and checks the file and says what importing it would do; writes nothing.
    pub async fn preview_import(&self, request: ImportRequest) -> Result<ImportPreview> {
        // One read transaction: a consistent snapshot, and far fewer
        // round trips than a transaction per statement.
        let mut tx = self.pool().begin().await?;
        let plan = planning::plan(&mut tx, &request).await?;
        tx.rollback().await?;
        Ok(plan.preview())
    }

    /// Imports the whole file in one transaction, or nothing if any row has a problem.
    pub async fn apply_import(&self, request: ImportRequest) -> Result<ImportResult> {
        let mut tx = db::begin_write(self.pool()).await?;
        let plan = planning::plan(&mut tx, &request).await?;
        if !plan.problems.is_empty() {
            let message = format!("{} problems", plan.problems.len());
            return Err(Error::new(ErrorCode::InvalidFile, message));
        }
        let result = plan.result();
        writing::apply_steps(&mut tx, plan.steps, &self.clock().timestamp()).await?;
        tx.commit().await?;
        Ok(result)
    }
}
