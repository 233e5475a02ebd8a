//! Clusters as quotes are saved: a new quote joins the cluster of an earlier quote with the
//! same words, or a version of them that was cut or lightly edited.
//!
//! Earlier quotes are found by their keys (hashes of all their words, of the first six and
//! of the last six; see `keys.rs`). Hashes land at random places in an index, and at a
//! million quotes a B-tree of them dirtied one page per key per quote, every page written
//! to the log at commit and again at checkpoint. So the keys are kept the way log-structured
//! stores keep theirs: a new quote's keys are appended to `fresh_quote_keys` (rows in
//! order, a few pages per commit) and looked up in memory, in [`KeyLog`]; when the fresh
//! keys reach a share of the archive they are merged, sorted, into `quote_keys`, a B-tree
//! that is then only read until the next merge.
//!
//! Most keys are of new quotes and settled nowhere: a Bloom filter over the settled keys
//! (`key_filter.rs`) spares their lookups.
//!
//! A key only names a candidate: the candidate's row is read and compared before a quote
//! joins its cluster, so a key left behind by a deleted quote is harmless.

use super::key_filter::KeyFilter;
use super::keys::{QuoteKeys, SAME_QUOTE_CONTAINMENT, containment};
use rusqlite::{OptionalExtension, Transaction, params};
use std::collections::HashMap;

/// Candidates read per quote, earliest first.
const MAX_CANDIDATES: usize = 16;

/// Fresh keys are merged once there are this many…
const MIN_FRESH_BEFORE_MERGE: usize = 65_536;
/// …and at least one for every `MERGE_SHARE` quotes stored: each merge rewrites the pages
/// of `quote_keys`, so merging at a share of the archive keeps the cost per quote bounded.
const MERGE_SHARE: i64 = 3;
/// Whatever the archive's size, the keys held in memory stay under this many.
const MAX_FRESH_BEFORE_MERGE: usize = 1 << 20;

/// The quotes stored under one fresh key (nearly always one).
#[derive(Debug, Clone)]
enum Holders {
    One(i64),
    Many(Vec<i64>),
}

impl Holders {
    fn push(&mut self, quote_id: i64) {
        match self {
            Holders::One(first) => *self = Holders::Many(vec![*first, quote_id]),
            Holders::Many(ids) if ids.len() < MAX_CANDIDATES => ids.push(quote_id),
            Holders::Many(_) => {}
        }
    }

    fn ids(&self) -> &[i64] {
        match self {
            Holders::One(id) => std::slice::from_ref(id),
            Holders::Many(ids) => ids,
        }
    }
}

/// What this connection knows of `fresh_quote_keys` (the quotes under each key) and the
/// filter over the settled keys. Brought up to date at the start of every save, so that
/// what another process appended, changed or merged is seen.
#[derive(Debug, Default)]
pub(super) struct KeyLog {
    holders: HashMap<i64, Holders>,
    entries: usize,
    /// `None` when the database has none: then every key is looked up.
    settled: Option<KeyFilter>,
    /// The database's `data_version` when this was read; `None` while nothing is held.
    read_at: Option<i64>,
}

impl KeyLog {
    /// Reads everything again if another connection (another process) committed anything
    /// since this one last read: it may have appended fresh keys, merged them, rewritten the
    /// filter, or changed the newest document, whose new quotes then take the numbers of
    /// the old ones (SQLite numbers a row after the largest left). Otherwise the log already
    /// holds all there is: this connection's own saves add to it as they go.
    pub(super) fn catch_up(&mut self, tx: &Transaction) -> rusqlite::Result<()> {
        let version: i64 = tx.query_row("PRAGMA data_version", [], |row| row.get(0))?;
        if self.read_at == Some(version) {
            return Ok(());
        }
        self.forget();
        each_fresh_entry(tx, |quote_id, keys| self.hold(quote_id, &keys))?;
        self.settled = KeyFilter::load(tx)?;
        self.read_at = Some(version);
        Ok(())
    }

    /// Forgets everything held: after a merge, or a transaction that rolled back.
    pub(super) fn forget(&mut self) {
        *self = KeyLog::default();
    }

    fn hold(&mut self, quote_id: i64, keys: &QuoteKeys) {
        for key in keys.distinct() {
            self.holders
                .entry(key)
                .and_modify(|holders| holders.push(quote_id))
                .or_insert(Holders::One(quote_id));
            self.entries += 1;
        }
    }

    /// Records the keys of a quote just stored.
    pub(super) fn append(
        &mut self,
        tx: &Transaction,
        quote_id: i64,
        keys: &QuoteKeys,
    ) -> rusqlite::Result<()> {
        tx.prepare_cached(
            "INSERT INTO fresh_quote_keys (quote_id, text_key, head_key, tail_key)
             VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![quote_id, keys.text, keys.head, keys.tail])?;
        self.hold(quote_id, keys);
        Ok(())
    }

    /// Merges the fresh keys into `quote_keys` once they are many enough.
    pub(super) fn merge_when_due(&mut self, tx: &Transaction) -> rusqlite::Result<()> {
        if self.entries < MIN_FRESH_BEFORE_MERGE {
            return Ok(());
        }
        let stored: i64 = tx.query_row("SELECT coalesce(max(id), 0) FROM quotes", [], |row| {
            row.get(0)
        })?;
        let due = usize::try_from(stored / MERGE_SHARE)
            .unwrap_or(usize::MAX)
            .min(MAX_FRESH_BEFORE_MERGE);
        if self.entries < due {
            return Ok(());
        }
        self.merge(tx)
    }

    /// Merges the fresh keys into `quote_keys`, sorted, and into the filter over them, and
    /// empties `fresh_quote_keys`. (The log must be caught up.)
    pub(super) fn merge(&mut self, tx: &Transaction) -> rusqlite::Result<()> {
        tx.execute_batch(
            "INSERT OR IGNORE INTO quote_keys (key, quote_id)
                 SELECT key, quote_id FROM (
                     SELECT text_key AS key, quote_id FROM fresh_quote_keys
                     UNION ALL SELECT head_key, quote_id FROM fresh_quote_keys
                     UNION ALL SELECT tail_key, quote_id FROM fresh_quote_keys
                         WHERE tail_key IS NOT NULL)
                 ORDER BY key, quote_id;",
        )?;
        self.settle_in_filter(tx)?;
        tx.execute_batch("DELETE FROM fresh_quote_keys")?;
        self.forget();
        Ok(())
    }

    /// Adds the fresh keys to the filter, or builds it again, larger, from `quote_keys`
    /// (which holds them by now) when they would overfill it. The keys come from memory:
    /// caught up, the log holds every fresh key (and perhaps some of deleted quotes, which
    /// only cost a lookup later).
    fn settle_in_filter(&mut self, tx: &Transaction) -> rusqlite::Result<()> {
        let mut filter = match self.settled.take() {
            Some(filter) if filter.has_room_for(self.entries as u64) => filter,
            _ => return KeyFilter::build(tx)?.save(tx),
        };
        self.holders.keys().for_each(|&key| filter.insert(key));
        filter.save(tx)
    }

    /// The earliest quotes stored under any of these keys, before `before`.
    fn candidates(
        &self,
        tx: &Transaction,
        keys: &QuoteKeys,
        before: i64,
    ) -> rusqlite::Result<Vec<i64>> {
        let mut ids = Vec::new();
        // The primary key gives a key's quotes earliest first. (With an ORDER BY, SQLite
        // prepared the statement again at every use in a transaction that writes.)
        let mut settled = tx.prepare_cached(&format!(
            "SELECT quote_id FROM quote_keys WHERE key = ?1 AND quote_id < ?2 LIMIT {MAX_CANDIDATES}"
        ))?;
        for key in keys.distinct() {
            if self
                .settled
                .as_ref()
                .is_none_or(|filter| filter.may_hold(key))
            {
                let found = settled.query_map(params![key, before], |row| row.get::<_, i64>(0))?;
                for id in found {
                    ids.push(id?);
                }
            }
            if let Some(holders) = self.holders.get(&key) {
                ids.extend(holders.ids().iter().filter(|id| **id < before));
            }
        }
        ids.sort_unstable();
        ids.dedup();
        ids.truncate(MAX_CANDIDATES);
        Ok(ids)
    }
}

/// Calls `f` with every row of `fresh_quote_keys`: a quote's id and its keys.
fn each_fresh_entry(tx: &Transaction, mut f: impl FnMut(i64, QuoteKeys)) -> rusqlite::Result<()> {
    let mut fresh =
        tx.prepare_cached("SELECT quote_id, text_key, head_key, tail_key FROM fresh_quote_keys")?;
    let mut rows = fresh.query([])?;
    while let Some(row) = rows.next()? {
        let keys = QuoteKeys {
            text: row.get(1)?,
            head: row.get(2)?,
            tail: row.get(3)?,
        };
        f(row.get(0)?, keys);
    }
    Ok(())
}

/// Removes the keys of a document's quotes, before the quotes are deleted (any the log
/// still holds in memory are checked when used, as every candidate is).
pub(super) fn forget_document_keys(tx: &Transaction, document_id: i64) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "DELETE FROM quote_keys WHERE (key, quote_id) IN (
             SELECT text_key, id FROM quotes WHERE document_id = ?1 AND text_key IS NOT NULL
             UNION ALL SELECT head_key, id FROM quotes WHERE document_id = ?1 AND head_key IS NOT NULL
             UNION ALL SELECT tail_key, id FROM quotes WHERE document_id = ?1 AND tail_key IS NOT NULL)",
    )?
    .execute([document_id])?;
    tx.prepare_cached(
        "DELETE FROM fresh_quote_keys
         WHERE quote_id IN (SELECT id FROM quotes WHERE document_id = ?1)",
    )?
    .execute([document_id])?;
    Ok(())
}

/// Computes the cluster keys of quotes stored before clusters existed (schema 1), earliest
/// first, so that each finds the ones before it.
pub(super) fn backfill_quote_clusters(tx: &Transaction) -> rusqlite::Result<()> {
    let pending: Vec<(i64, String)> = tx
        .prepare("SELECT id, text FROM quotes WHERE text_key IS NULL ORDER BY id")?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut update = tx.prepare(
        "UPDATE quotes SET cluster_id = ?2, text_key = ?3, head_key = ?4, tail_key = ?5 WHERE id = ?1",
    )?;
    let mut settle =
        tx.prepare("INSERT OR IGNORE INTO quote_keys (key, quote_id) VALUES (?1, ?2)")?;
    let nothing_fresh = KeyLog::default();
    for (id, text) in pending {
        let keys = QuoteKeys::of(&text);
        let cluster = find_cluster(tx, &nothing_fresh, &keys, &text, Some(id))?;
        update.execute(params![id, cluster, keys.text, keys.head, keys.tail])?;
        for key in keys.distinct() {
            settle.execute(params![key, id])?;
        }
    }
    Ok(())
}

/// A stored quote, as read to decide whether a new one joins its cluster.
struct Candidate {
    cluster: i64,
    text_key: Option<i64>,
    text: String,
}

/// The cluster of an earlier quote (stored before `before`) with the same words, or a
/// version of them that was cut or lightly edited; `None` when the quote is the first of
/// its kind. Short quotes (under six words) join only the same words.
pub(super) fn find_cluster(
    tx: &Transaction,
    log: &KeyLog,
    keys: &QuoteKeys,
    text: &str,
    before: Option<i64>,
) -> rusqlite::Result<Option<i64>> {
    let ids = log.candidates(tx, keys, before.unwrap_or(i64::MAX))?;
    if ids.is_empty() {
        return Ok(None);
    }
    let mut read = tx.prepare_cached(
        "SELECT coalesce(cluster_id, id), text_key, text FROM quotes WHERE id = ?1",
    )?;
    let mut candidates = Vec::with_capacity(ids.len());
    for id in ids {
        let candidate = read
            .query_row([id], |row| {
                Ok(Candidate {
                    cluster: row.get(0)?,
                    text_key: row.get(1)?,
                    text: row.get(2)?,
                })
            })
            .optional()?;
        candidates.extend(candidate);
    }
    if let Some(same) = candidates.iter().find(|c| c.text_key == Some(keys.text)) {
        return Ok(Some(same.cluster));
    }
    if keys.tail.is_none() {
        return Ok(None);
    }
    Ok(candidates
        .iter()
        .find(|c| containment(text, &c.text) >= SAME_QUOTE_CONTAINMENT)
        .map(|c| c.cluster))
}

#[cfg(test)]
mod tests {
    use crate::store::{OpenMode, Store};
    use crate::{BlockKind, Document, Quote, QuoteKind};

    /// An article at `url` quoting each of `quotes`.
    fn article(url: &str, quotes: &[&str]) -> (Document, Vec<Quote>) {
        let mut doc = Document {
            canonical_url: Some(url.to_string()),
            ..Document::default()
        };
        let mut found = Vec::new();
        for text in quotes {
            doc.push_block(BlockKind::Paragraph, &format!("“{text}” Ana Ruiz said."));
            let block = doc.blocks.len() - 1;
            let start = doc.blocks[block].range.start + "“".len();
            found.push(Quote {
                text: text.to_string(),
                start,
                end: start + text.len(),
                speaker: Some("Ana Ruiz".into()),
                speaker_mention: None,
                role: None,
                cue: Some("said".into()),
                kind: QuoteKind::Direct,
                paragraph: block,
                context: doc.text[doc.blocks[block].range.clone()].to_string(),
            });
        }
        (doc, found)
    }

    /// Keys, settled and fresh, of quotes that no longer exist.
    fn orphan_keys(store: &Store) -> (i64, i64) {
        let count = |table: &str| -> i64 {
            store
                .conn
                .query_row(
                    &format!(
                        "SELECT count(*) FROM {table} WHERE quote_id NOT IN (SELECT id FROM quotes)"
                    ),
                    [],
                    |row| row.get(0),
                )
                .expect("count")
        };
        (count("quote_keys"), count("fresh_quote_keys"))
    }

    #[test]
    fn a_changed_document_leaves_no_keys_of_its_old_quotes() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let mut store = Store::open(&dir.path().join("t.db"), OpenMode::Create).expect("opens");
        let at = "2026-01-01T00:00:00Z";
        let settled = article(
            "https://a.example/1",
            &["Ferries will run every hour all winter"],
        );
        store.save(&settled.0, &settled.1, at).expect("saves");
        store.merge_cluster_keys().expect("merges");
        let fresh = article(
            "https://a.example/2",
            &["The harbour stays open to every boat"],
        );
        store.save(&fresh.0, &fresh.1, at).expect("saves");
        assert_eq!(orphan_keys(&store), (0, 0));
        for (url, said) in [
            (
                "https://a.example/1",
                "Something else entirely was said instead",
            ),
            (
                "https://a.example/2",
                "And here another thing was said instead",
            ),
        ] {
            let changed = article(url, &[said]);
            store.save(&changed.0, &changed.1, at).expect("saves");
        }
        assert_eq!(orphan_keys(&store), (0, 0));
    }
}
