-- onrecord schema, version 3: the collectors' state. The sources table doubles as the
-- scheduler's queue (a source is due when next_check_at has passed), remembers what the
-- last run learned (ETag, Last-Modified, a cursor or min_id, a Bluesky DID) and what went
-- wrong; items remember every feed entry and post already collected; document_urls keeps
-- every address a document was found under (a syndicated copy is one document).

ALTER TABLE sources ADD COLUMN next_check_at   TEXT;      -- RFC 3339 UTC; NULL: due now
ALTER TABLE sources ADD COLUMN last_checked_at TEXT;
ALTER TABLE sources ADD COLUMN last_success_at TEXT;
ALTER TABLE sources ADD COLUMN last_error      TEXT;
ALTER TABLE sources ADD COLUMN error_count     INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN etag            TEXT;
ALTER TABLE sources ADD COLUMN last_modified   TEXT;
ALTER TABLE sources ADD COLUMN cursor          TEXT;      -- Mastodon min_id, Bluesky newest post time
ALTER TABLE sources ADD COLUMN did             TEXT;      -- Bluesky: the account's DID
ALTER TABLE sources ADD COLUMN disabled_reason TEXT;      -- set: never collected, says why
ALTER TABLE sources ADD COLUMN allow_private   INTEGER NOT NULL DEFAULT 0;

CREATE TABLE items (
    key          TEXT PRIMARY KEY,   -- 'guid:…', 'url:' + normalized URL, or a post's platform URI
    source_id    INTEGER REFERENCES sources(id) ON DELETE SET NULL,
    document_id  INTEGER REFERENCES documents(id) ON DELETE CASCADE,
    seen_at      TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE document_urls (
    url          TEXT PRIMARY KEY,   -- normalized
    document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX document_urls_by_document ON document_urls(document_id);
