-- onrecord schema, version 6: search at a million quotes.
--
-- A quote carries its date (the document's publication date, else its fetch date), so that
-- "newest first" and date filters read one index instead of joining every match with its
-- document; a speaker's quotes are indexed by date.
ALTER TABLE quotes ADD COLUMN date TEXT;
UPDATE quotes SET date = (SELECT coalesce(d.published_at, d.fetched_at)
                          FROM documents d WHERE d.id = quotes.document_id);
DROP INDEX quotes_by_speaker;
CREATE INDEX quotes_by_speaker ON quotes(speaker_id, date);
CREATE INDEX quotes_by_date ON quotes(date);

-- The head key of a quote shorter than six words is the key of all its words, so that one
-- index finds both the same words and versions sharing a beginning; the text key is kept
-- to tell them apart but needs no index of its own.
UPDATE quotes SET head_key = text_key WHERE head_key IS NULL;
DROP INDEX quotes_by_text_key;
DROP INDEX quotes_by_head_key;
CREATE INDEX quotes_by_head_key ON quotes(head_key);

-- The full-text index gains a column `who` holding one token per quote for its speaker
-- ('onrecordspeaker' and the speaker's id): a --speaker filter then matches one token
-- instead of the phrase of a name, which is also found in contexts. Contentless tables
-- cannot be altered, so the index is rebuilt from the quotes.
DROP TABLE quotes_fts;
CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, context, speaker, who,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
-- For tools other than onrecord (which ranks with its own function): words in the quote
-- count most, then the speaker's name, then the context; `who` not at all.
INSERT INTO quotes_fts (quotes_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0, 5.0, 0.0)');
INSERT INTO quotes_fts (rowid, text, context, speaker, who)
    SELECT q.id, q.text, q.context, coalesce(s.name, q.speaker_mention, ''),
           coalesce('onrecordspeaker' || q.speaker_id, '')
    FROM quotes q LEFT JOIN speakers s ON s.id = q.speaker_id;
