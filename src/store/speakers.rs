//! Speakers as quotes are saved: one person across documents is one speaker, found by the
//! normalized name or an alias; the full-text index holds each quote's speaker as the token
//! [`speaker_token`] makes (its `who` column), so that `--speaker` narrows a match.

use super::keys::normalize_key;
use rusqlite::{Transaction, params};
use std::collections::HashMap;

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
