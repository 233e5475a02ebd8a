-- onrecord schema, version 4: a document's text in a table of its own. The documents
-- table then holds only metadata, a few hundred bytes a row, so that the joins every
-- search makes (date, site, language, link) read compact pages instead of skipping over
-- article texts.

CREATE TABLE document_texts (
    document_id  INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    text         TEXT NOT NULL
);
INSERT INTO document_texts (document_id, text) SELECT id, text FROM documents;
ALTER TABLE documents DROP COLUMN text;
