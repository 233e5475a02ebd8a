//! Saving an extracted document: one transaction per document, so a failure leaves the
//! database as it was. The same document added again (same canonical URL or same text)
//! updates it in place and never duplicates a quote.

use super::keys::{QuoteKeys, SAME_QUOTE_CONTAINMENT, containment, normalize_key};
use super::{Store, db_error};
use crate::document::Document;
use crate::error::Result;
use crate::extract::Quote;
use rusqlite::{OptionalExtension, ToSql, Transaction, params};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// What saving a document did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveOutcome {
    /// A new document with this many quotes and captions.
    Added {
        id: i64,
        quotes: usize,
        captions: usize,
    },
    /// A known document whose text changed: its quotes and captions were replaced.
    Updated {
        id: i64,
        quotes: usize,
        captions: usize,
    },
    /// A known document with the same text: nothing was written.
    Unchanged { id: i64 },
}

impl Store {
    /// Stores a document with its quotes and captions; `fetched_at` is an RFC 3339 time.
    pub fn save(
        &mut self,
        doc: &Document,
        quotes: &[Quote],
        fetched_at: &str,
    ) -> Result<SaveOutcome> {
        let outcomes = self.save_all(&[(doc, quotes)], fetched_at)?;
        Ok(outcomes[0])
    }

    /// Stores several documents in one transaction: all of them, or none if one fails.
    /// Much faster than one `save` each when ingesting in bulk.
    pub fn save_all(
        &mut self,
        items: &[(&Document, &[Quote])],
        fetched_at: &str,
    ) -> Result<Vec<SaveOutcome>> {
        let path = self.path.clone();
        // Saves insert into hash-keyed indexes at random places, which SQLite's default
        // 2 MB page cache turns into reads; a writer gets 32 MB (searches keep the default).
        // Those pages are written again at every commit, to the write-ahead log, and copied
        // into the database at each checkpoint: checkpointing every 64 MB of log instead of
        // every 4 MB copies a page changed by many commits once.
        self.conn
            .execute_batch("PRAGMA cache_size = -32768; PRAGMA wal_autocheckpoint = 16384;")
            .map_err(db_error(&path))?;
        let tx = self.conn.transaction().map_err(db_error(&path))?;
        let mut speakers = SpeakerIds {
            known: &self.speaker_ids,
            fresh: HashMap::new(),
        };
        let outcomes = items
            .iter()
            .map(|(doc, quotes)| save_one(&tx, &mut speakers, doc, quotes, fetched_at))
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(db_error(&path))?;
        tx.commit().map_err(db_error(&path))?;
        let fresh = speakers.fresh;
        if self.speaker_ids.len() + fresh.len() > MAX_CACHED_SPEAKERS {
            self.speaker_ids.clear();
        }
        self.speaker_ids.extend(fresh);
        Ok(outcomes)
    }
}

fn save_one(
    tx: &Transaction,
    speakers: &mut SpeakerIds<'_>,
    doc: &Document,
    quotes: &[Quote],
    fetched_at: &str,
) -> rusqlite::Result<SaveOutcome> {
    let hash = content_hash(&doc.text);
    let date = listing_date(doc, fetched_at);
    Ok(match find_existing(tx, doc, &hash)? {
        Some((id, old_hash)) if old_hash == hash => SaveOutcome::Unchanged { id },
        Some((id, _)) => {
            update_document(tx, id, doc, &hash, fetched_at)?;
            insert_children(tx, speakers, id, doc, quotes, &date)?;
            SaveOutcome::Updated {
                id,
                quotes: quotes.len(),
                captions: doc.captions.len(),
            }
        }
        None => {
            let id = insert_document(tx, doc, &hash, fetched_at)?;
            insert_children(tx, speakers, id, doc, quotes, &date)?;
            SaveOutcome::Added {
                id,
                quotes: quotes.len(),
                captions: doc.captions.len(),
            }
        }
    })
}

/// The date a document's quotes are listed under: its publication date, else the date it
/// was fetched (as the documents table has them).
fn listing_date(doc: &Document, fetched_at: &str) -> String {
    doc.published
        .as_deref()
        .map(utc_timestamp)
        .unwrap_or_else(|| fetched_at.to_string())
}

/// SHA-256 of the extracted text, hex.
pub fn content_hash(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The stored document with the same canonical URL, else the same text.
fn find_existing(
    tx: &Transaction,
    doc: &Document,
    hash: &str,
) -> rusqlite::Result<Option<(i64, String)>> {
    if let Some(canonical) = &doc.canonical_url {
        let by_url = tx
            .query_row(
                "SELECT id, content_hash FROM documents WHERE canonical_url = ?1",
                [canonical],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        if by_url.is_some() {
            return Ok(by_url);
        }
    }
    tx.query_row(
        "SELECT id, content_hash FROM documents WHERE content_hash = ?1",
        [hash],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )
    .optional()
}

/// A document's columns, bound by name in both the insert and the update.
struct DocumentRow<'a> {
    doc: &'a Document,
    hash: &'a str,
    fetched_at: &'a str,
    authors: String,
    published: Option<String>,
    modified: Option<String>,
}

impl<'a> DocumentRow<'a> {
    fn new(doc: &'a Document, hash: &'a str, fetched_at: &'a str) -> Self {
        DocumentRow {
            doc,
            hash,
            fetched_at,
            authors: authors_json(doc),
            published: doc.published.as_deref().map(utc_timestamp),
            modified: doc.modified.as_deref().map(utc_timestamp),
        }
    }

    fn params(&self) -> Vec<(&'static str, &dyn ToSql)> {
        vec![
            (":url", &self.doc.url),
            (":canonical_url", &self.doc.canonical_url),
            (":title", &self.doc.title),
            (":site", &self.doc.site),
            (":authors", &self.authors),
            (":published_at", &self.published),
            (":modified_at", &self.modified),
            (":fetched_at", &self.fetched_at),
            (":language", &self.doc.language),
            (":content_hash", &self.hash),
        ]
    }
}

fn insert_document(
    tx: &Transaction,
    doc: &Document,
    hash: &str,
    fetched_at: &str,
) -> rusqlite::Result<i64> {
    let row = DocumentRow::new(doc, hash, fetched_at);
    tx.prepare_cached(
        "INSERT INTO documents (url, canonical_url, title, site, authors, published_at, modified_at,
                                fetched_at, language, content_hash)
         VALUES (:url, :canonical_url, :title, :site, :authors, :published_at, :modified_at,
                 :fetched_at, :language, :content_hash)",
    )?
    .execute(row.params().as_slice())?;
    let id = tx.last_insert_rowid();
    tx.prepare_cached("INSERT INTO document_texts (document_id, text) VALUES (?1, ?2)")?
        .execute(params![id, doc.text])?;
    Ok(id)
}

/// Rewrites a changed document and drops its old quotes and captions.
fn update_document(
    tx: &Transaction,
    id: i64,
    doc: &Document,
    hash: &str,
    fetched_at: &str,
) -> rusqlite::Result<()> {
    let row = DocumentRow::new(doc, hash, fetched_at);
    let mut params = row.params();
    params.push((":id", &id));
    tx.prepare_cached(
        "UPDATE documents SET url = :url, canonical_url = coalesce(:canonical_url, canonical_url),
                title = :title, site = :site, authors = :authors, published_at = :published_at,
                modified_at = :modified_at, fetched_at = :fetched_at, language = :language,
                content_hash = :content_hash
         WHERE id = :id",
    )?
    .execute(params.as_slice())?;
    tx.prepare_cached("UPDATE document_texts SET text = ?2 WHERE document_id = ?1")?
        .execute(params![id, doc.text])?;
    tx.execute(
        "DELETE FROM quotes_fts WHERE rowid IN (SELECT id FROM quotes WHERE document_id = ?1)",
        [id],
    )?;
    tx.execute("DELETE FROM quotes WHERE document_id = ?1", [id])?;
    tx.execute("DELETE FROM captions WHERE document_id = ?1", [id])?;
    Ok(())
}

/// The token the full-text index holds for a quote's speaker (its `who` column).
pub(super) fn speaker_token(speaker_id: i64) -> String {
    format!("onrecordspeaker{speaker_id}")
}

/// Inserts a document's quotes (indexed for search) and captions; `date` is the date its
/// quotes are listed under.
fn insert_children(
    tx: &Transaction,
    speakers: &mut SpeakerIds<'_>,
    document_id: i64,
    doc: &Document,
    quotes: &[Quote],
    date: &str,
) -> rusqlite::Result<()> {
    let mut insert_quote = tx.prepare_cached(
        "INSERT INTO quotes (document_id, speaker_id, text, speaker_mention, role, cue, kind, paragraph,
                             start_offset, end_offset, context, cluster_id, text_key, head_key, tail_key,
                             date)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    )?;
    let mut index_quote = tx.prepare_cached(
        "INSERT INTO quotes_fts (rowid, text, context, speaker, who) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for quote in quotes {
        let speaker_id = match &quote.speaker {
            Some(name) => speakers.id(tx, name)?,
            None => None,
        };
        let keys = QuoteKeys::of(&quote.text);
        let cluster = find_cluster(tx, &keys, &quote.text, None)?;
        insert_quote.execute(params![
            document_id,
            speaker_id,
            quote.text,
            quote.speaker_mention,
            quote.role,
            quote.cue,
            quote.kind.as_str(),
            quote.paragraph as i64,
            quote.start as i64,
            quote.end as i64,
            quote.context,
            cluster,
            keys.text,
            keys.head,
            keys.tail,
            date,
        ])?;
        let indexed_speaker = quote
            .speaker
            .as_deref()
            .or(quote.speaker_mention.as_deref())
            .unwrap_or("");
        index_quote.execute(params![
            tx.last_insert_rowid(),
            quote.text,
            quote.context,
            indexed_speaker,
            speaker_id.map(speaker_token).unwrap_or_default(),
        ])?;
    }
    let mut insert_caption = tx.prepare_cached(
        "INSERT INTO captions (document_id, text, credit, image) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for caption in &doc.captions {
        insert_caption.execute(params![
            document_id,
            caption.text,
            caption.credit,
            caption.image
        ])?;
    }
    Ok(())
}

/// The cluster of an earlier quote with the same words, or a version of them that was
/// cut or lightly edited; `None` when the quote is the first of its kind. `before` limits
/// the search to quotes stored before that id (used when backfilling).
fn find_cluster(
    tx: &Transaction,
    keys: &QuoteKeys,
    text: &str,
    before: Option<i64>,
) -> rusqlite::Result<Option<i64>> {
    let before = before.unwrap_or(i64::MAX);
    let exact: Option<i64> = tx
        .prepare_cached(
            "SELECT coalesce(cluster_id, id) FROM quotes
             WHERE head_key = ?1 AND text_key = ?2 AND id < ?3 LIMIT 1",
        )?
        .query_row(params![keys.head, keys.text, before], |row| row.get(0))
        .optional()?;
    if exact.is_some() || keys.tail.is_none() {
        return Ok(exact);
    }
    let mut similar = tx.prepare_cached(
        "SELECT coalesce(cluster_id, id), text FROM quotes WHERE head_key = ?1 AND id < ?3
         UNION ALL
         SELECT coalesce(cluster_id, id), text FROM quotes WHERE tail_key = ?2 AND id < ?3
         LIMIT 16",
    )?;
    let mut rows = similar.query(params![keys.head, keys.tail, before])?;
    while let Some(row) = rows.next()? {
        let other: String = row.get(1)?;
        if containment(text, &other) >= SAME_QUOTE_CONTAINMENT {
            return Ok(Some(row.get(0)?));
        }
    }
    Ok(None)
}

/// Computes the cluster keys of quotes stored before clusters existed (migration 0002).
pub(super) fn backfill_quote_clusters(tx: &Transaction) -> rusqlite::Result<()> {
    let pending: Vec<(i64, String)> = tx
        .prepare("SELECT id, text FROM quotes WHERE text_key IS NULL ORDER BY id")?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut update = tx.prepare(
        "UPDATE quotes SET cluster_id = ?2, text_key = ?3, head_key = ?4, tail_key = ?5 WHERE id = ?1",
    )?;
    for (id, text) in pending {
        let keys = QuoteKeys::of(&text);
        let cluster = find_cluster(tx, &keys, &text, Some(id))?;
        update.execute(params![id, cluster, keys.text, keys.head, keys.tail])?;
    }
    Ok(())
}

/// Speakers remembered between saves: a bulk ingest then asks the database once per
/// person, not once per quote.
const MAX_CACHED_SPEAKERS: usize = 100_000;

/// Speaker ids known from committed saves, and those looked up in this transaction (kept
/// apart until it commits, so that a rollback forgets them).
struct SpeakerIds<'a> {
    known: &'a HashMap<String, Option<i64>>,
    fresh: HashMap<String, Option<i64>>,
}

impl SpeakerIds<'_> {
    fn id(&mut self, tx: &Transaction, name: &str) -> rusqlite::Result<Option<i64>> {
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

fn authors_json(doc: &Document) -> String {
    serde_json::to_string(&doc.authors).unwrap_or_else(|_| "[]".to_string())
}

/// An RFC 3339 time converted to UTC ("…Z") so that stored times sort and compare as text;
/// anything else (a bare date, say) is kept as written.
pub(crate) fn utc_timestamp(text: &str) -> String {
    match text.parse::<jiff::Timestamp>() {
        Ok(ts) => ts.to_string(),
        Err(_) => text.to_string(),
    }
}
