-- A speaker's quotes are found through the full-text index (its `who` column, 0006): the
-- index on quotes(speaker_id, date) was written at a random place for every quote saved,
-- a third of the pages a save dirtied at a million quotes. What `onrecord speakers` lists
-- is kept per speaker instead, as quotes are saved, in a narrow table (dates as Unix
-- seconds) so that a save rewrites few pages of it.
CREATE TABLE speaker_counts (
    speaker_id  INTEGER PRIMARY KEY REFERENCES speakers(id),
    quotes      INTEGER NOT NULL,
    first_seen  INTEGER,   -- Unix seconds: the date of their earliest quote
    last_seen   INTEGER    -- and of their latest
);

INSERT INTO speaker_counts (speaker_id, quotes, first_seen, last_seen)
    SELECT speaker_id, count(*), min(unixepoch(date)), max(unixepoch(date))
    FROM quotes WHERE speaker_id IS NOT NULL
    GROUP BY speaker_id;

DROP INDEX quotes_by_speaker;
