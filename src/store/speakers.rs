//! Speakers as quotes are saved: one person across documents is one speaker (found by the
//! normalized name or an alias), and each speaker keeps the count and the first and last
//! dates of their quotes, for `onrecord speakers`. A speaker's quotes themselves are found
//! through the full-text index, by the token [`speaker_token`] puts in its `who` column.

use super::keys::normalize_key;
use super::query::speakers_only;
use rusqlite::{Transaction, params};
use std::collections::{BTreeSet, HashMap};

/// The token the full-text index holds for a quote's speaker (its `who` column).
pub(super) fn speaker_token(speaker_id: i64) -> String {
    format!("onrecordspeaker{speaker_id}")
}

/// Speakers remembered between saves: a bulk ingest then asks the database once per
/// person, not once per quote.
pub(super) const MAX_CACHED_SPEAKERS: usize = 100_000;

/// Speaker ids known from committed saves, and those looked up in this transaction (kept
/// apart until it commits, so that a rollback forgets them).
pub(super) struct SpeakerIds<'a> {
    pub known: &'a HashMap<String, Option<i64>>,
    pub fresh: HashMap<String, Option<i64>>,
}

impl SpeakerIds<'_> {
    pub(super) fn id(&mut self, tx: &Transaction, name: &str) -> rusqlite::Result<Option<i64>> {
        if let Some(id) = self.known.get(name).or_else(|| self.fresh.get(name)) {
            return Ok(*id);
        }
        let id = speaker_id(tx, name)?;
        self.fresh.insert(name.to_string(), id);
        Ok(id)
    }
}

/// The speaker with this name, created on first sight with the full name and the surname
/// as aliases. `None` for a name with no letters.
fn speaker_id(tx: &Transaction, name: &str) -> rusqlite::Result<Option<i64>> {
    let key = normalize_key(name);
    if key.is_empty() {
        return Ok(None);
    }
    tx.prepare_cached(
        "INSERT INTO speakers (name, key) VALUES (?1, ?2) ON CONFLICT (key) DO NOTHING",
    )?
    .execute(params![name.trim(), key])?;
    let id: i64 = tx
        .prepare_cached("SELECT id FROM speakers WHERE key = ?1")?
        .query_row([&key], |row| row.get(0))?;
    let mut add_alias = tx.prepare_cached(
        "INSERT INTO speaker_aliases (speaker_id, alias, key) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
    )?;
    add_alias.execute(params![id, name.trim(), key])?;
    if let Some(surname) = name
        .split_whitespace()
        .last()
        .filter(|s| normalize_key(s) != key)
    {
        add_alias.execute(params![id, surname, normalize_key(surname)])?;
    }
    Ok(Some(id))
}

/// What a transaction changes in the speakers' counts: quotes added (how many, and their
/// earliest and latest dates in Unix seconds), and speakers who lost quotes, counted again.
#[derive(Debug, Default)]
pub(super) struct SpeakerCounts {
    added: HashMap<i64, (i64, Option<i64>, Option<i64>)>,
    recount: BTreeSet<i64>,
}

impl SpeakerCounts {
    /// A quote of `speaker_id` listed under a date of `seconds` (see [`unix_seconds`]) was
    /// saved.
    pub(super) fn add(&mut self, speaker_id: i64, seconds: Option<i64>) {
        let (count, first, last) = self.added.entry(speaker_id).or_default();
        *count += 1;
        if let Some(seconds) = seconds {
            *first = Some(first.map_or(seconds, |first| first.min(seconds)));
            *last = Some(last.map_or(seconds, |last| last.max(seconds)));
        }
    }

    /// Notes the speakers of a document's quotes, before the quotes are deleted.
    pub(super) fn losing_quotes_of(
        &mut self,
        tx: &Transaction,
        document_id: i64,
    ) -> rusqlite::Result<()> {
        let mut speakers = tx.prepare_cached(
            "SELECT DISTINCT speaker_id FROM quotes
             WHERE document_id = ?1 AND speaker_id IS NOT NULL",
        )?;
        for id in speakers.query_map([document_id], |row| row.get(0))? {
            self.recount.insert(id?);
        }
        Ok(())
    }

    /// Writes the changes, once per speaker.
    pub(super) fn write(&self, tx: &Transaction) -> rusqlite::Result<()> {
        let mut add = tx.prepare_cached(
            "INSERT INTO speaker_counts (speaker_id, quotes, first_seen, last_seen)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (speaker_id) DO UPDATE SET
                 quotes = quotes + excluded.quotes,
                 first_seen = coalesce(min(first_seen, excluded.first_seen), first_seen,
                                       excluded.first_seen),
                 last_seen = coalesce(max(last_seen, excluded.last_seen), last_seen,
                                      excluded.last_seen)",
        )?;
        for (id, (count, first, last)) in &self.added {
            if !self.recount.contains(id) {
                add.execute(params![id, count, first, last])?;
            }
        }
        let mut recount = tx.prepare_cached(
            "INSERT OR REPLACE INTO speaker_counts (speaker_id, quotes, first_seen, last_seen)
             SELECT ?1, count(*), min(unixepoch(q.date)), max(unixepoch(q.date))
             FROM quotes_fts CROSS JOIN quotes q ON q.id = quotes_fts.rowid
             WHERE quotes_fts MATCH ?2",
        )?;
        for id in &self.recount {
            recount.execute(params![id, speakers_only(&[speaker_token(*id)])])?;
        }
        Ok(())
    }
}

/// A stored listing date (RFC 3339 in UTC, or a bare date) in Unix seconds, as SQLite's
/// `unixepoch` reads it; `None` for anything else.
pub(super) fn unix_seconds(date: &str) -> Option<i64> {
    if let Ok(timestamp) = date.parse::<jiff::Timestamp>() {
        return Some(timestamp.as_second());
    }
    let day = date.parse::<jiff::civil::Date>().ok()?;
    jiff::tz::TimeZone::UTC
        .to_timestamp(day.at(0, 0, 0, 0))
        .ok()
        .map(|timestamp| timestamp.as_second())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listing_dates_in_unix_seconds() {
        assert_eq!(unix_seconds("1970-01-02T00:00:00Z"), Some(86_400));
        assert_eq!(unix_seconds("1970-01-02"), Some(86_400));
        assert_eq!(unix_seconds("last Tuesday"), None);
    }
}
