//! Erasing a person (GDPR article 17).

use crate::kernel::values::{ById, PersonId};
use crate::registry::person::not_found;
use crate::{Result, Workspace};

impl Workspace {
    /// Removes the person everywhere: their competences go with them, and
    /// partnerships that named them as contact no longer do.
    pub async fn delete_person(&self, input: ById<PersonId>) -> Result<()> {
        let done = sqlx::query("DELETE FROM people WHERE id = ?")
            .bind(input.id)
            .execute(self.pool())
            .await?;
        if done.rows_affected() == 0 {
            return Err(not_found(input.id));
        }
        Ok(())
    }
}
