-- onrecord schema, version 2: one quote, many sources.
-- The same words published by several outlets form a cluster: cluster_id is the id of the
-- cluster's first quote (NULL for that first quote itself). The keys are 64-bit hashes of
-- the normalized words: all of them, the first six and the last six; lightly edited or cut
-- versions share a head or a tail and are verified in code before they join a cluster.

ALTER TABLE quotes ADD COLUMN cluster_id INTEGER;
ALTER TABLE quotes ADD COLUMN text_key INTEGER;
ALTER TABLE quotes ADD COLUMN head_key INTEGER;
ALTER TABLE quotes ADD COLUMN tail_key INTEGER;

CREATE INDEX quotes_by_cluster ON quotes(cluster_id) WHERE cluster_id IS NOT NULL;
CREATE INDEX quotes_by_text_key ON quotes(text_key);
CREATE INDEX quotes_by_head_key ON quotes(head_key) WHERE head_key IS NOT NULL;
CREATE INDEX quotes_by_tail_key ON quotes(tail_key) WHERE tail_key IS NOT NULL;

-- Relevance: words in the quote count most, then the speaker's name, then the context.
INSERT INTO quotes_fts (quotes_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0, 5.0)');

-- The index is written by the store itself, in bulk, rather than by triggers: a trigger
-- makes every quote insert a statement savepoint, and FTS5 flushes its pending terms to a
-- new segment at each savepoint, which made ingest ten times slower.
DROP TRIGGER quotes_fts_after_insert;
DROP TRIGGER quotes_fts_after_delete;
