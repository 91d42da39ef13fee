//! Checks on a finished data file, shared by the generator and the suite:
//! rows per table, and SQLite's integrity and foreign-key checks.

use super::BoxError;
use sqlx::SqliteConnection;

/// Rows per table, by literal queries (sqlx refuses SQL built at run time).
pub async fn table_counts(conn: &mut SqliteConnection) -> Result<Vec<(String, i64)>, BoxError> {
    let mut out = Vec::new();
    macro_rules! count {
        ($($table:literal),*) => {$(
            let n: i64 = sqlx::query_scalar(concat!("SELECT count(*) FROM ", $table))
                .fetch_one(&mut *conn)
                .await?;
            out.push(($table.to_owned(), n));
        )*};
    }
    count!(
        "organisations",
        "people",
        "person_competences",
        "partnerships",
        "partnership_goals",
        "memberships",
        "pairings",
        "pairing_participants",
        "pairing_contacts",
        "meetings",
        "meeting_visitors",
        "agenda_items",
        "decisions",
        "good_examples",
        "attendance",
        "actions",
        "action_followups",
        "search_index"
    );
    Ok(out)
}

/// `PRAGMA integrity_check` says ok and `PRAGMA foreign_key_check` finds nothing.
pub async fn check_integrity(conn: &mut SqliteConnection) -> Result<(), BoxError> {
    let integrity: Vec<String> =
        sqlx::query_scalar("PRAGMA integrity_check").fetch_all(&mut *conn).await?;
    if integrity != ["ok"] {
        return Err(format!("integrity_check: {integrity:?}").into());
    }
    let broken: Vec<(String, Option<i64>, String, i64)> =
        sqlx::query_as("PRAGMA foreign_key_check").fetch_all(&mut *conn).await?;
    if !broken.is_empty() {
        return Err(
            format!("foreign_key_check: {} rows, first {:?}", broken.len(), broken[0]).into()
        );
    }
    Ok(())
}
