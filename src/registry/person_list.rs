//! The people list as the window gets it: a page at a time (`kernel::page`),
//! with how many the query finds in all, and the names of everyone for a
//! form's choice of a contact person. The query and its SQL are in
//! `person_query`; the rows are read by `person::list_after`, which CSV
//! export and import use for the whole list.

use crate::kernel::page::{Cursor, Names, Page, PageRequest};
use crate::kernel::validate;
use crate::kernel::values::PersonId;
use crate::registry::person::{self, PersonQuery, PersonSummary};
use crate::registry::person_query::filters;
use crate::{Result, Workspace};
use sqlx::SqliteExecutor;

pub type PeopleRequest = PageRequest<PersonQuery, Cursor<PersonId>>;
pub type PeoplePage = Page<PersonSummary, Cursor<PersonId>>;

/// How many people the query finds.
pub async fn count<'e>(ex: impl SqliteExecutor<'e>, query: &PersonQuery) -> Result<i64> {
    let sql = concat!("SELECT count(*) FROM people p", filters!());
    Ok(sqlx::query_scalar(sql)
        .bind(validate::like_pattern(&query.search)?)
        .bind(query.organisation_id)
        .bind(query.partnership_id)
        .bind(query.level)
        .fetch_one(ex)
        .await?)
}

/// Everyone's id and name, by name (then id, for two of the same name).
pub async fn names<'e>(ex: impl SqliteExecutor<'e>) -> Result<Names<PersonId>> {
    let rows: Vec<(PersonId, String)> =
        sqlx::query_as("SELECT id, name FROM people ORDER BY name_key, id").fetch_all(ex).await?;
    Ok(rows.into_iter().collect())
}

/// What a coordinator sees of the people list.
impl Workspace {
    /// A page of the people the query finds, after the cursor.
    pub async fn people(&self, request: PeopleRequest) -> Result<PeoplePage> {
        let bounds = request.bounds()?;
        // One read transaction: the page and the count see the same data.
        let mut tx = self.pool().begin().await?;
        let rows = person::list_after(&mut *tx, &request.query, bounds.after, bounds.fetch).await?;
        let total = count(&mut *tx, &request.query).await?;
        tx.commit().await?;
        Ok(bounds.page(rows, total))
    }

    pub async fn person_names(&self) -> Result<Names<PersonId>> {
        names(self.pool()).await
    }
}
