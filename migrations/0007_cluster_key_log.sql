-- Cluster keys leave the quotes table's indexes (hashes, inserted at random places: at a
-- million quotes they dirtied a page per key per quote) for a log-structured pair of
-- tables, see src/store/clusters.rs: settled keys in a B-tree that only merges rewrite, and
-- fresh keys appended in order, which the writer holds in memory.
CREATE TABLE quote_keys (
    key       INTEGER NOT NULL,
    quote_id  INTEGER NOT NULL,
    PRIMARY KEY (key, quote_id)
) WITHOUT ROWID;

CREATE TABLE fresh_quote_keys (
    quote_id  INTEGER PRIMARY KEY,   -- quotes are numbered in the order stored: rows append
    text_key  INTEGER NOT NULL,
    head_key  INTEGER NOT NULL,
    tail_key  INTEGER
);

INSERT OR IGNORE INTO quote_keys (key, quote_id)
    SELECT key, id FROM (
        SELECT text_key AS key, id FROM quotes WHERE text_key IS NOT NULL
        UNION ALL SELECT head_key, id FROM quotes WHERE head_key IS NOT NULL
        UNION ALL SELECT tail_key, id FROM quotes WHERE tail_key IS NOT NULL)
    ORDER BY key, id;

DROP INDEX quotes_by_head_key;
DROP INDEX quotes_by_tail_key;
