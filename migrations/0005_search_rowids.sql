-- The search entries of meeting N get rowids N * 2^20 + 1, 2, 3 …, so that
-- re-indexing one meeting (on every autosave) deletes a rowid range instead
-- of scanning the whole index for its meeting_id, an UNINDEXED column FTS5
-- cannot look up (30 ms on a national dataset; the range: 0.2 ms).
CREATE VIRTUAL TABLE search_index_new USING fts5(
    text,
    meeting_id UNINDEXED,
    source UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 0'
);
INSERT INTO search_index_new (rowid, text, meeting_id, source)
    SELECT meeting_id * 1048576 + row_number() OVER (PARTITION BY meeting_id ORDER BY rowid),
           text, meeting_id, source
    FROM search_index;
DROP TABLE search_index;
ALTER TABLE search_index_new RENAME TO search_index;
