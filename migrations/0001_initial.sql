-- onrecord schema, version 1: sources, documents, speakers and their aliases, quotes,
-- captions, and a full-text index over quotes.

CREATE TABLE sources (
    id        INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL CHECK (kind IN ('file', 'page', 'feed', 'sitemap', 'mastodon', 'bluesky')),
    target    TEXT NOT NULL,
    label     TEXT,
    added_at  TEXT NOT NULL,
    UNIQUE (kind, target)
);

CREATE TABLE documents (
    id             INTEGER PRIMARY KEY,
    source_id      INTEGER REFERENCES sources(id) ON DELETE SET NULL,
    url            TEXT,
    canonical_url  TEXT UNIQUE,
    title          TEXT,
    site           TEXT,
    authors        TEXT NOT NULL DEFAULT '[]',  -- JSON array of names
    published_at   TEXT,                        -- RFC 3339, UTC when the offset was known
    modified_at    TEXT,
    fetched_at     TEXT NOT NULL,
    language       TEXT,
    content_hash   TEXT NOT NULL UNIQUE,        -- SHA-256 of the extracted text
    text           TEXT NOT NULL
);

CREATE TABLE speakers (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL,             -- canonical full name as first seen
    key   TEXT NOT NULL UNIQUE       -- normalized: lower case, no diacritics, single spaces
);

CREATE TABLE speaker_aliases (
    speaker_id  INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
    alias       TEXT NOT NULL,
    key         TEXT NOT NULL,
    PRIMARY KEY (key, speaker_id)
) WITHOUT ROWID;

CREATE TABLE quotes (
    id               INTEGER PRIMARY KEY,
    document_id      INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    speaker_id       INTEGER REFERENCES speakers(id),
    text             TEXT NOT NULL,
    speaker_mention  TEXT,
    role             TEXT,
    cue              TEXT,
    kind             TEXT NOT NULL CHECK (kind IN ('direct', 'partial', 'post', 'caption')),
    paragraph        INTEGER NOT NULL,
    start_offset     INTEGER NOT NULL,   -- UTF-8 byte offsets into documents.text
    end_offset       INTEGER NOT NULL,
    context          TEXT NOT NULL
);
CREATE INDEX quotes_by_document ON quotes(document_id);
CREATE INDEX quotes_by_speaker ON quotes(speaker_id);

CREATE TABLE captions (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    text         TEXT NOT NULL,
    credit       TEXT,
    image        TEXT
);
CREATE INDEX captions_by_document ON captions(document_id);

-- Contentless: the words live once, in quotes; the index only points at them.
CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, context, speaker,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER quotes_fts_after_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts (rowid, text, context, speaker)
    VALUES (new.id, new.text, new.context,
            coalesce((SELECT name FROM speakers WHERE id = new.speaker_id), new.speaker_mention, ''));
END;

CREATE TRIGGER quotes_fts_after_delete AFTER DELETE ON quotes BEGIN
    DELETE FROM quotes_fts WHERE rowid = old.id;
END;
