-- onrecord schema, version 4: the unattended scheduler (`onrecord run`). Each source may
-- carry its own interval; the server's own hints (a feed's <ttl>, Cache-Control max-age)
-- are remembered as a lower bound; failing_since marks the first failure after the last
-- success, so that a source failing for a week can be flagged instead of silently dropped.

ALTER TABLE sources ADD COLUMN interval_seconds     INTEGER;   -- NULL: the configured default
ALTER TABLE sources ADD COLUMN min_interval_seconds INTEGER;   -- the server's lower bound
ALTER TABLE sources ADD COLUMN failing_since        TEXT;      -- RFC 3339 UTC; NULL: not failing

CREATE INDEX documents_by_source ON documents(source_id);
CREATE INDEX sources_by_next_check ON sources(next_check_at);
