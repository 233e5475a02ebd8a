//! Saving an extracted document: one transaction per document, so a failure leaves the
//! database as it was. The same document added again (same canonical URL or same text)
//! updates it in place and never duplicates a quote.

use super::clusters::{KeyLog, find_cluster, forget_document_keys};
use super::index::{IndexedQuote, index_quote};
use super::keys::QuoteKeys;
use super::speakers::{MAX_CACHED_SPEAKERS, SpeakerCounts, SpeakerIds, unix_seconds};
use super::{Store, begin_write, db_error};
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
        // Saves read the settled cluster keys and write the documents' URL and text-hash
        // indexes at random places, which SQLite's default 2 MB page cache turns into
        // reads; a writer gets 32 MB (searches keep the default).
        // Those pages are written again at every commit, to the write-ahead log, and copied
        // into the database at each checkpoint: checkpointing every 64 MB of log instead of
        // every 4 MB copies a page changed by many commits once.
        self.conn
            .execute_batch("PRAGMA cache_size = -32768; PRAGMA wal_autocheckpoint = 16384;")
            .map_err(db_error(&path))?;
        let tx = begin_write(&mut self.conn).map_err(db_error(&path))?;
        let mut speakers = SpeakerIds {
            known: &self.speaker_ids,
            fresh: HashMap::new(),
        };
        let saved = save_in(&tx, &mut self.key_log, &mut speakers, items, fetched_at)
            .and_then(|outcomes| tx.commit().map(|()| outcomes));
        let outcomes = match saved {
            Ok(outcomes) => outcomes,
            Err(error) => {
                // What the log took in memory was rolled back on disk.
                self.key_log.forget();
                return Err(db_error(&path)(error));
            }
        };
        let fresh = speakers.fresh;
        if self.speaker_ids.len() + fresh.len() > MAX_CACHED_SPEAKERS {
            self.speaker_ids.clear();
        }
        self.speaker_ids.extend(fresh);
        Ok(outcomes)
    }
}

impl Store {
    /// Merges the fresh cluster keys into the settled ones now (saves merge them when they
    /// are due; see `clusters.rs`).
    pub fn merge_cluster_keys(&mut self) -> Result<()> {
        let path = self.path.clone();
        let tx = begin_write(&mut self.conn).map_err(db_error(&path))?;
        let merged = self
            .key_log
            .catch_up(&tx)
            .and_then(|()| self.key_log.merge(&tx))
            .and_then(|()| tx.commit());
        merged.map_err(|error| {
            self.key_log.forget();
            db_error(&path)(error)
        })
    }
}

/// Saves the documents in the transaction, then merges the fresh cluster keys if due.
fn save_in(
    tx: &Transaction,
    key_log: &mut KeyLog,
    speakers: &mut SpeakerIds<'_>,
    items: &[(&Document, &[Quote])],
    fetched_at: &str,
) -> rusqlite::Result<Vec<SaveOutcome>> {
    let mut saving = Saving {
        tx,
        key_log,
        speakers,
        counts: SpeakerCounts::default(),
        caught_up: false,
    };
    let outcomes = items
        .iter()
        .map(|(doc, quotes)| saving.save_one(doc, quotes, fetched_at))
        .collect::<rusqlite::Result<Vec<_>>>()?;
    saving.counts.write(tx)?;
    if saving.caught_up {
        saving.key_log.merge_when_due(tx)?;
    }
    Ok(outcomes)
}

/// A transaction's saves, with what they keep in step: the fresh cluster keys, the
/// speakers' ids and their counts.
struct Saving<'a, 'conn, 'known> {
    tx: &'a Transaction<'conn>,
    key_log: &'a mut KeyLog,
    speakers: &'a mut SpeakerIds<'known>,
    counts: SpeakerCounts,
    /// Whether the key log was brought up to date in this transaction: only once a quote
    /// is to be saved (a document saved again unchanged reads none of it).
    caught_up: bool,
}

impl Saving<'_, '_, '_> {
    fn save_one(
        &mut self,
        doc: &Document,
        quotes: &[Quote],
        fetched_at: &str,
    ) -> rusqlite::Result<SaveOutcome> {
        let tx = self.tx;
        let hash = content_hash(&doc.text);
        let date = listing_date(doc, fetched_at);
        Ok(match find_existing(tx, doc, &hash)? {
            Some((id, old_hash)) if old_hash == hash => SaveOutcome::Unchanged { id },
            Some((id, _)) => {
                self.counts.losing_quotes_of(tx, id)?;
                update_document(tx, id, doc, &hash, fetched_at)?;
                self.insert_children(id, doc, quotes, &date)?;
                SaveOutcome::Updated {
                    id,
                    quotes: quotes.len(),
                    captions: doc.captions.len(),
                }
            }
            None => {
                let id = insert_document(tx, doc, &hash, fetched_at)?;
                self.insert_children(id, doc, quotes, &date)?;
                SaveOutcome::Added {
                    id,
                    quotes: quotes.len(),
                    captions: doc.captions.len(),
                }
            }
        })
    }

    /// Inserts a document's quotes (indexed for search) and captions; `date` is the date its
    /// quotes are listed under.
    fn insert_children(
        &mut self,
        document_id: i64,
        doc: &Document,
        quotes: &[Quote],
        date: &str,
    ) -> rusqlite::Result<()> {
        let tx = self.tx;
        let seconds = unix_seconds(date);
        if !quotes.is_empty() && !self.caught_up {
            self.key_log.catch_up(tx)?;
            self.caught_up = true;
        }
        let mut insert_quote = tx.prepare_cached(
        "INSERT INTO quotes (document_id, speaker_id, text, speaker_mention, role, cue, kind, paragraph,
                             start_offset, end_offset, context, cluster_id, text_key, head_key, tail_key,
                             date)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    )?;
        for quote in quotes {
            let speaker_id = match &quote.speaker {
                Some(name) => self.speakers.id(tx, name)?,
                None => None,
            };
            let keys = QuoteKeys::of(&quote.text);
            let cluster = find_cluster(tx, self.key_log, &keys, &quote.text, None)?;
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
            let quote_id = tx.last_insert_rowid();
            self.key_log.append(tx, quote_id, &keys)?;
            if let Some(speaker_id) = speaker_id {
                self.counts.add(speaker_id, seconds);
            }
            let indexed_speaker = quote
                .speaker
                .as_deref()
                .or(quote.speaker_mention.as_deref())
                .unwrap_or("");
            index_quote(
                tx,
                &IndexedQuote {
                    id: quote_id,
                    text: &quote.text,
                    context: &quote.context,
                    speaker: indexed_speaker,
                    speaker_id,
                },
            )?;
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
            .prepare_cached("SELECT id, content_hash FROM documents WHERE canonical_url = ?1")?
            .query_row([canonical], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?;
        if by_url.is_some() {
            return Ok(by_url);
        }
    }
    tx.prepare_cached("SELECT id, content_hash FROM documents WHERE content_hash = ?1")?
        .query_row([hash], |row| Ok((row.get(0)?, row.get(1)?)))
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
    forget_document_keys(tx, id)?;
    tx.execute(
        "DELETE FROM quotes_fts WHERE rowid IN (SELECT id FROM quotes WHERE document_id = ?1)",
        [id],
    )?;
    tx.execute("DELETE FROM quotes WHERE document_id = ?1", [id])?;
    tx.execute("DELETE FROM captions WHERE document_id = ?1", [id])?;
    Ok(())
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
