//! Erasing people on the national dataset (GDPR article 17, issue #16): the
//! first erasure after migration 0009 rewrites the whole file once (VACUUM)
//! to clear what was deleted before `secure_delete` was on; later ones
//! delete, zero the freed space and checkpoint the WAL. Each run erases
//! another of the people with the most attendance, so this runs last but
//! for the size of the database.

use super::timing::{Bench, record};
use crate::generate::BoxError;
use samlar::Workspace;
use samlar::kernel::values::{ById, PersonId};

pub(super) async fn privacy(b: &mut Bench<'_>, ws: &Workspace) -> Result<(), BoxError> {
    if !b.wanted("delete_person", "") {
        return Ok(());
    }
    let runs = b.opts.import_runs.max(1);
    let most: Vec<i64> = sqlx::query_scalar(
        "SELECT person_id FROM attendance GROUP BY person_id ORDER BY count(*) DESC, person_id \
         LIMIT ?",
    )
    .bind((runs + 1) as i64)
    .fetch_all(ws.pool())
    .await?;
    let mut people = most.into_iter().map(PersonId);
    let first = people.next().ok_or("no attendance in the dataset")?;
    record(
        b,
        "delete_person",
        "first after migration 0009 (rewrites the file)".into(),
        1,
        || async move {
            ws.delete_person(ById { id: first }).await?;
            Ok(None)
        },
    )
    .await?;
    let rest: Vec<PersonId> = people.collect();
    let mut next = rest.iter();
    record(b, "delete_person", "most attendance, later erasures".into(), rest.len(), || {
        let id = *next.next().expect("one person per run");
        async move {
            ws.delete_person(ById { id }).await?;
            Ok(None)
        }
    })
    .await?;
    Ok(())
}
