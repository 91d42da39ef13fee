//! The import's types that cross IPC: the request, the preview of what an
//! import would do, row by row with its problems, and the result. On their
//! own so that every step of the import can use them without using the
//! others; `mod.rs` re-exports them. Uses nothing of the import, and of the
//! core only the error codes.

use crate::ErrorCode;
use crate::kernel::values::PartnershipId;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    Organisations,
    People,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ImportRequest {
    pub kind: ImportKind,
    /// For organisations: also make them members of this partnership.
    pub partnership_id: Option<PartnershipId>,
    /// The file's bytes, base64-encoded.
    pub content_base64: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16,
    Windows1252,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Separator {
    Semicolon,
    Comma,
    Tab,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportAction {
    Create,
    Update,
    Unchanged,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportRow {
    /// The row number Excel shows (the header is row 1).
    #[ts(type = "number")]
    pub row: u64,
    pub action: ImportAction,
    pub name: String,
    /// The code or e-mail address it was matched by, if any.
    pub key: String,
    pub membership: Option<ImportAction>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportProblem {
    #[ts(type = "number")]
    pub row: u64,
    /// The column as the file names it; none for a problem of the whole row.
    pub column: Option<String>,
    pub code: ErrorCode,
    pub value: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportCounts {
    #[ts(type = "number")]
    pub create: u64,
    #[ts(type = "number")]
    pub update: u64,
    #[ts(type = "number")]
    pub unchanged: u64,
}

impl ImportCounts {
    pub(super) fn add(&mut self, action: ImportAction) {
        match action {
            ImportAction::Create => self.create += 1,
            ImportAction::Update => self.update += 1,
            ImportAction::Unchanged => self.unchanged += 1,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    pub encoding: Encoding,
    pub separator: Separator,
    /// Columns read, as the file names them.
    pub columns: Vec<String>,
    /// Columns this import does not use.
    pub ignored_columns: Vec<String>,
    #[ts(type = "number")]
    pub total_rows: u64,
    /// The first 500 rows.
    pub rows: Vec<ImportRow>,
    /// The first 1000 problems; the import can go ahead only without any.
    pub problems: Vec<ImportProblem>,
    #[ts(type = "number")]
    pub problem_count: u64,
    pub counts: ImportCounts,
    pub membership_counts: ImportCounts,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportResult {
    pub counts: ImportCounts,
    pub membership_counts: ImportCounts,
}
