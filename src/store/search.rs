//! Reading the database back: ranked full-text search with filters, speakers with their
//! counts, and overall statistics.

use super::fragment::text_fragment_link;
use super::keys::normalize_key;
use super::query::fts_expression;
use super::{Store, db_error};
use crate::error::{Error, Result};
use crate::extract::QuoteKind;
use rusqlite::{Row, params};
use serde::Serialize;

/// What to look for. Every field is optional but `limit`.
#[derive(Debug, Clone, Default)]
pub struct SearchFilter {
    /// Words as users type them (see [`fts_expression`]); `None` lists the newest quotes.
    pub query: Option<String>,
    /// Any of the speaker's names or aliases, case and diacritics ignored.
    pub speaker: Option<String>,
    /// The site's name or host ("Movieweb", "movieweb.com").
    pub site: Option<String>,
    /// RFC 3339 bounds on the publication date (else the fetch date): `since <= date < until`.
    pub since: Option<String>,
    pub until: Option<String>,
    pub kind: Option<QuoteKind>,
    /// A language tag ("en" also matches "en-GB").
    pub language: Option<String>,
    pub sort: Sort,
    /// At most this many hits; `None` for all of them.
    pub limit: Option<usize>,
}

/// The order of hits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// Best match first (bm25); newest first when there are no words to match.
    #[default]
    Relevance,
    /// Newest first.
    Date,
}

/// One quote found, with where and when it was published.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub id: i64,
    pub text: String,
    pub speaker: Option<String>,
    pub speaker_mention: Option<String>,
    pub role: Option<String>,
    pub cue: Option<String>,
    pub kind: String,
    pub context: String,
    /// Publication date, else the date the document was fetched.
    pub date: Option<String>,
    pub title: Option<String>,
    pub site: Option<String>,
    pub url: Option<String>,
    /// `url` with a text fragment that makes the browser scroll to the quote.
    pub link: Option<String>,
}

/// A speaker with how often and when they were quoted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpeakerSummary {
    pub name: String,
    pub quotes: i64,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
}

/// Counts of what the database holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub documents: i64,
    pub quotes: i64,
    pub speakers: i64,
    pub captions: i64,
    pub sources: i64,
    pub database_bytes: u64,
}

const HIT_COLUMNS: &str =
    "q.id, q.text, s.name, q.speaker_mention, q.role, q.cue, q.kind, q.context,
    coalesce(d.published_at, d.fetched_at), d.title, d.site, coalesce(d.canonical_url, d.url)";

/// The filters shared by both searches; parameters ?2 to ?6.
const FILTERS: &str = "
      (?2 IS NULL OR q.speaker_id IN (
           SELECT speaker_id FROM speaker_aliases WHERE key = ?2
           UNION SELECT id FROM speakers WHERE ' ' || key || ' ' LIKE '% ' || ?2 || ' %'))
  AND (?3 IS NULL OR lower(d.site) = lower(?3)
           OR d.url LIKE '%://' || ?3 || '/%' OR d.url LIKE '%://%.' || ?3 || '/%')
  AND (?4 IS NULL OR coalesce(d.published_at, d.fetched_at) >= ?4)
  AND (?5 IS NULL OR coalesce(d.published_at, d.fetched_at) < ?5)
  AND (?6 IS NULL OR q.kind = ?6)
  AND (?8 IS NULL OR lower(d.language) = lower(?8) OR lower(d.language) LIKE lower(?8) || '-%')";

const BY_DATE: &str = "coalesce(d.published_at, d.fetched_at) DESC, q.id";

impl Store {
    /// Quotes matching the filter: ranked by relevance (bm25) when there are words to match,
    /// newest first otherwise.
    pub fn search(&self, filter: &SearchFilter) -> Result<Vec<Hit>> {
        let mut hits = Vec::new();
        self.search_each(filter, |hit| -> Result<()> {
            hits.push(hit);
            Ok(())
        })?;
        Ok(hits)
    }

    /// Like [`Store::search`], handing each hit to `each` as it is read, so that an export
    /// of the whole archive runs in constant memory.
    pub fn search_each<E: From<Error>>(
        &self,
        filter: &SearchFilter,
        mut each: impl FnMut(Hit) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let expression = filter.query.as_deref().map(fts_expression).transpose()?;
        let order = match (&expression, filter.sort) {
            (Some(_), Sort::Relevance) => "bm25(quotes_fts, 10.0, 1.0, 5.0)",
            _ => BY_DATE,
        };
        let sql = match expression {
            Some(_) => format!(
                "SELECT {HIT_COLUMNS} FROM quotes_fts
                   JOIN quotes q ON q.id = quotes_fts.rowid
                   JOIN documents d ON d.id = q.document_id
                   LEFT JOIN speakers s ON s.id = q.speaker_id
                 WHERE quotes_fts MATCH ?1 AND {FILTERS}
                 ORDER BY {order} LIMIT ?7"
            ),
            None => format!(
                "SELECT {HIT_COLUMNS} FROM quotes q
                   JOIN documents d ON d.id = q.document_id
                   LEFT JOIN speakers s ON s.id = q.speaker_id
                 WHERE ?1 IS NULL AND {FILTERS}
                 ORDER BY {order} LIMIT ?7"
            ),
        };
        let speaker = filter
            .speaker
            .as_deref()
            .map(normalize_key)
            .filter(|k| !k.is_empty());
        let limit = filter
            .limit
            .map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX));
        let mut statement = self.conn.prepare(&sql).map_err(db_error(&self.path))?;
        let mut rows = statement
            .query(params![
                expression,
                speaker,
                filter.site,
                filter.since,
                filter.until,
                filter.kind.map(QuoteKind::as_str),
                limit,
                filter.language,
            ])
            .map_err(db_error(&self.path))?;
        while let Some(row) = rows.next().map_err(db_error(&self.path))? {
            each(hit_from_row(row).map_err(db_error(&self.path))?)?;
        }
        Ok(())
    }

    /// Speakers with their quote counts, most quoted first; `query` keeps those whose name
    /// or alias holds these words.
    pub fn speakers(&self, query: Option<&str>) -> Result<Vec<SpeakerSummary>> {
        let key = query.map(normalize_key).filter(|k| !k.is_empty());
        let mut statement = self
            .conn
            .prepare(
                "SELECT s.name, count(q.id), min(coalesce(d.published_at, d.fetched_at)),
                        max(coalesce(d.published_at, d.fetched_at))
                 FROM speakers s
                 JOIN quotes q ON q.speaker_id = s.id
                 JOIN documents d ON d.id = q.document_id
                 WHERE ?1 IS NULL OR s.id IN (
                     SELECT speaker_id FROM speaker_aliases WHERE ' ' || key || ' ' LIKE '% ' || ?1 || ' %')
                 GROUP BY s.id
                 ORDER BY count(q.id) DESC, s.name",
            )
            .map_err(db_error(&self.path))?;
        let rows = statement
            .query_map([key], |row| {
                Ok(SpeakerSummary {
                    name: row.get(0)?,
                    quotes: row.get(1)?,
                    first_seen: row.get(2)?,
                    last_seen: row.get(3)?,
                })
            })
            .map_err(db_error(&self.path))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(db_error(&self.path))
    }

    /// How much the database holds.
    pub fn stats(&self) -> Result<Stats> {
        let count = |table: &str| -> Result<i64> {
            self.conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |row| {
                    row.get(0)
                })
                .map_err(db_error(&self.path))
        };
        Ok(Stats {
            documents: count("documents")?,
            quotes: count("quotes")?,
            speakers: count("speakers")?,
            captions: count("captions")?,
            sources: count("sources")?,
            database_bytes: self.file_bytes(),
        })
    }

    /// The database's size on disk, write-ahead log included.
    fn file_bytes(&self) -> u64 {
        let size = |suffix: &str| {
            let mut name = self.path.as_os_str().to_owned();
            name.push(suffix);
            std::fs::metadata(&name).map(|m| m.len()).unwrap_or(0)
        };
        size("") + size("-wal")
    }
}

fn hit_from_row(row: &Row) -> rusqlite::Result<Hit> {
    let text: String = row.get(1)?;
    let url: Option<String> = row.get(11)?;
    Ok(Hit {
        link: url.as_deref().map(|url| text_fragment_link(url, &text)),
        id: row.get(0)?,
        text,
        speaker: row.get(2)?,
        speaker_mention: row.get(3)?,
        role: row.get(4)?,
        cue: row.get(5)?,
        kind: row.get(6)?,
        context: row.get(7)?,
        date: row.get(8)?,
        title: row.get(9)?,
        site: row.get(10)?,
        url,
    })
}
