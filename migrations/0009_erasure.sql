-- Erasure that erases (issue #16). Deleting a person must leave no trace of
-- them in the database file, so from now on:
--
-- 1. The search index removes a deleted text's words from its segments at
--    once (FTS5's 'secure-delete' option, kept in the index's own config)
--    instead of marking them deleted until a later merge; and one merge
--    now drops every word already marked deleted.
-- 2. Every connection sets `PRAGMA secure_delete = ON` (src/store/db.rs),
--    which overwrites deleted rows with zeros in the file.
-- 3. What was deleted before this migration may still lie in free pages and
--    free space inside pages. The first erasure of a person after it
--    therefore rewrites the whole file once (VACUUM) and then removes this
--    setting; later erasures need only the checkpoint of the WAL.
INSERT INTO search_index (search_index, rank) VALUES ('secure-delete', 1);
INSERT INTO search_index (search_index) VALUES ('optimize');
INSERT INTO settings (key, value) VALUES ('erasure_scrub_pending', '1');

-- Who presented and who is responsible are looked up by person: for a
-- person's export and erasure preview, and by the foreign keys' ON DELETE
-- SET NULL when a person is erased. Without an index each was a scan of
-- every agenda item (8 ms) or action (6 ms) on the national dataset.
CREATE INDEX agenda_items_presenter ON agenda_items (presenter_person_id)
    WHERE presenter_person_id IS NOT NULL;
CREATE INDEX actions_responsible ON actions (responsible_person_id)
    WHERE responsible_person_id IS NOT NULL;
