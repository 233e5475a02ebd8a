//! Reading the database back: ranked full-text search with filters, speakers with their
//! counts, and overall statistics.

use super::fragment::text_fragment_link;
use super::keys::normalize_key;
use super::plan::{
    Statement, Top, appearances_statement, count_matches, nth_newest_match, search_statement,
};
use super::query::{fts_expression, with_speakers};
use super::{Store, db_error};
use crate::error::{Error, Result};
use crate::extract::QuoteKind;
use rusqlite::{OptionalExtension, Row, params, params_from_iter};
use serde::Serialize;

/// A relevance search ranks the newest this many matches of its words first (see
/// [`Top`]), more when filters leave too few hits.
const RANK_WINDOW: i64 = 4_000;

/// A `--speaker` naming up to this many people narrows the full-text match itself.
const MAX_SPEAKERS_IN_MATCH: usize = 32;

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
    /// One hit per cluster (the same quote in several outlets), its earliest appearance;
    /// otherwise every appearance.
    pub one_per_cluster: bool,
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
    /// The cluster of appearances of these words: `onrecord show <cluster>` lists them.
    pub cluster: i64,
    /// With one hit per cluster: how often, and in how many outlets, the words appeared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appearances: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlets: Option<i64>,
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
        let mut expression = filter.query.as_deref().map(fts_expression).transpose()?;
        let mut ranks_every_match = false;
        if let (Some(words), Some(speaker)) = (&expression, &filter.speaker) {
            // The speaker as an FTS5 column filter, so that only the quotes of the speakers
            // the filter names are ranked (the SQL filter below still decides).
            let names = self.speaker_names(speaker)?;
            if names.is_empty() {
                return Ok(());
            }
            match with_speakers(words, &names).filter(|_| names.len() <= MAX_SPEAKERS_IN_MATCH) {
                Some(narrowed) => expression = Some(narrowed),
                None => ranks_every_match = true,
            }
        }
        let wanted = filter
            .limit
            .filter(|_| filter.sort == Sort::Relevance && !ranks_every_match);
        let (Some(expression), Some(wanted)) = (expression.as_deref(), wanted) else {
            let statement = search_statement(filter, expression.as_deref(), None);
            return self.each_row(&statement, &mut each);
        };
        // The best of the newest matches first, widening until enough hits survive the
        // filters and clusters, or every match was ranked.
        let first_limit = i64::try_from(wanted.saturating_mul(4).max(200)).unwrap_or(i64::MAX);
        for widening in 0u32.. {
            let grow = 8i64.saturating_pow(widening);
            let window = RANK_WINDOW.saturating_mul(grow);
            let top = Top {
                limit: first_limit.saturating_mul(grow),
                min_rowid: self.nth_newest_match(expression, window)?,
            };
            let mut hits = Vec::new();
            self.each_row(
                &search_statement(filter, Some(expression), Some(top)),
                |hit| -> Result<()> {
                    hits.push(hit);
                    Ok(())
                },
            )?;
            let ranked_everything =
                top.min_rowid.is_none() && !self.has_more_matches(expression, top.limit)?;
            if hits.len() >= wanted || ranked_everything {
                return hits.into_iter().try_for_each(&mut each);
            }
        }
        Ok(())
    }

    /// The canonical names of the speakers a `--speaker` value names (at most one more
    /// than [`MAX_SPEAKERS_IN_MATCH`]).
    fn speaker_names(&self, speaker: &str) -> Result<Vec<String>> {
        let key = normalize_key(speaker);
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT name FROM speakers WHERE id IN (
                     SELECT speaker_id FROM speaker_aliases WHERE key = ?1
                     UNION SELECT id FROM speakers WHERE ' ' || key || ' ' LIKE '% ' || ?1 || ' %')
                 LIMIT ?2",
            )
            .map_err(db_error(&self.path))?;
        let names = statement
            .query_map(params![key, MAX_SPEAKERS_IN_MATCH as i64 + 1], |row| {
                row.get(0)
            })
            .map_err(db_error(&self.path))?;
        names
            .collect::<rusqlite::Result<Vec<String>>>()
            .map_err(db_error(&self.path))
    }

    /// The rowid of the `nth` newest match, `None` when there are fewer matches.
    fn nth_newest_match(&self, expression: &str, nth: i64) -> Result<Option<i64>> {
        let statement = nth_newest_match(expression, nth);
        self.conn
            .query_row(&statement.sql, params_from_iter(&statement.values), |row| {
                row.get(0)
            })
            .optional()
            .map_err(db_error(&self.path))
    }

    /// Whether `expression` matches more than `count` quotes.
    fn has_more_matches(&self, expression: &str, count: i64) -> Result<bool> {
        let statement = count_matches(expression, count.saturating_add(1));
        let matches: i64 = self
            .conn
            .query_row(&statement.sql, params_from_iter(&statement.values), |row| {
                row.get(0)
            })
            .map_err(db_error(&self.path))?;
        Ok(matches > count)
    }

    /// Runs a search statement, handing each hit to `each`.
    fn each_row<E: From<Error>>(
        &self,
        statement: &Statement,
        mut each: impl FnMut(Hit) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let mut prepared = self
            .conn
            .prepare(&statement.sql)
            .map_err(db_error(&self.path))?;
        let mut rows = prepared
            .query(params_from_iter(&statement.values))
            .map_err(db_error(&self.path))?;
        while let Some(row) = rows.next().map_err(db_error(&self.path))? {
            each(hit_from_row(row).map_err(db_error(&self.path))?)?;
        }
        Ok(())
    }

    /// Every appearance of the quote `id`'s words (its cluster), earliest first. `id` may
    /// also be a cluster number as search prints it.
    pub fn appearances(&self, id: i64) -> Result<Vec<Hit>> {
        let mut hits = Vec::new();
        self.each_row(&appearances_statement(id), |hit| -> Result<()> {
            hits.push(hit);
            Ok(())
        })?;
        Ok(hits)
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
        cluster: row.get(12)?,
        appearances: row.get(13)?,
        outlets: row.get(14)?,
    })
}
