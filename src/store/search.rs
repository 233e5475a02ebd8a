//! Reading the database back: ranked full-text search with filters, speakers with their
//! counts, and overall statistics.

use super::fragment::text_fragment_link;
use super::keys::normalize_key;
use super::plan::{
    Matching, Scope, Statement, Top, Window, appearances_statement, count_matches,
    count_matches_after, dated_before_window, newest_match_ids, nth_newest_date, nth_newest_match,
    nth_newest_match_date, search_statement,
};
use super::query::{FtsQuery, parse_query, speakers_only, with_speakers};
use super::rank::idf;
use super::speakers::speaker_token;
use super::{Store, db_error};
use crate::error::{Error, Result};
use crate::extract::QuoteKind;
use rusqlite::{OptionalExtension, Row, params_from_iter};
use serde::Serialize;
use std::collections::HashMap;

/// A relevance search ranks the newest this many matches of its words first (see
/// [`Top`]), more when filters leave too few hits.
const RANK_WINDOW: i64 = 4_000;
/// The fewest of a speaker's newest quotes a listing without words reads first.
const SPEAKER_WINDOW: i64 = 200;

/// How many hits a window holds at first for `wanted` hits: room for the filters and
/// clusters to leave some out.
fn first_window(wanted: usize) -> i64 {
    i64::try_from(wanted.saturating_mul(2).saturating_add(10)).unwrap_or(i64::MAX)
}

/// Phrase frequencies for ranking are estimated from this many of the newest rows.
const IDF_SAMPLE: i64 = 20_000;

/// At most this many different phrases of a query have their frequency estimated; any
/// more count as much as an average word.
const MAX_SAMPLED_PHRASES: usize = 16;

/// A `--speaker` naming up to this many people narrows the full-text match itself.
const MAX_SPEAKERS_IN_MATCH: usize = 200;

/// What to look for. Every field is optional but `limit`.
#[derive(Debug, Clone, Default)]
pub struct SearchFilter {
    /// Words as users type them (see [`super::fts_expression`]); `None` lists the newest quotes.
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
    /// Quotes matching the filter: ranked by relevance (BM25, see `rank.rs`) when there are
    /// words to match, newest first otherwise.
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
        let speakers = match filter.speaker.as_deref() {
            Some(speaker) => match self.speaker_ids(speaker)? {
                Some(ids) if ids.is_empty() => return Ok(()),
                ids => ids,
            },
            None => None,
        };
        let scope = Scope {
            filter,
            speakers: speakers.as_deref(),
        };
        let Some(parsed) = filter.query.as_deref().map(parse_query).transpose()? else {
            // Without words, both orders are newest first.
            return match (scope.speakers, filter.limit) {
                (Some(ids), _) => self.speakers_quotes(scope, ids, &mut each),
                (None, Some(wanted)) => self.newest(scope, wanted, &mut each),
                (None, None) => {
                    self.each_row(&search_statement(scope, None, &Window::All), &mut each)
                }
            };
        };
        let wanted = filter.limit.filter(|_| filter.sort == Sort::Relevance);
        let mut matching = Matching {
            idfs: self.phrase_idfs(&parsed)?,
            expression: parsed.expression,
        };
        let mut looser = parsed.looser;
        if let Some(ids) = scope.speakers {
            // The speakers as an FTS5 column filter on their tokens, so that only their
            // quotes are ranked; beyond a few hundred people, the SQL filter alone.
            if ids.len() > MAX_SPEAKERS_IN_MATCH {
                let statement = search_statement(scope, Some(&matching), &Window::All);
                return self.each_row(&statement, &mut each);
            }
            let tokens: Vec<String> = ids.iter().map(|id| speaker_token(*id)).collect();
            matching.expression = with_speakers(&matching.expression, &tokens);
            looser = with_speakers(&looser, &tokens);
        }
        let Some(wanted) = wanted else {
            return self.newest_first(scope, &matching, &looser, &mut each);
        };
        // The best of the newest matches first, widening until enough hits survive the
        // filters and clusters, or every match was ranked. How far back the newest matches
        // reach is read from the looser expression: a phrase of common words is costly to
        // walk backwards, its words together are not.
        let first_limit = first_window(wanted);
        for widening in 0u32.. {
            let grow = 8i64.saturating_pow(widening);
            let top = Top {
                limit: first_limit.saturating_mul(grow),
                min_rowid: self.nth_newest_match(&looser, RANK_WINDOW.saturating_mul(grow))?,
            };
            let hits = self.rows(&search_statement(
                scope,
                Some(&matching),
                &Window::Best(top),
            ))?;
            let ranked_everything = top.min_rowid.is_none()
                && !self.has_more_matches(&matching.expression, top.limit)?;
            if hits.len() >= wanted || ranked_everything {
                return hits.into_iter().try_for_each(&mut each);
            }
        }
        Ok(())
    }

    /// The quotes of these speakers, newest first. They are found through the speakers'
    /// tokens in the full-text index: the quotes table has no index by speaker, which
    /// would be written at a random place for every quote saved (migration 0008).
    fn speakers_quotes<E: From<Error>>(
        &self,
        scope: Scope,
        ids: &[i64],
        each: &mut impl FnMut(Hit) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let tokens: Vec<String> = ids.iter().map(|id| speaker_token(*id)).collect();
        let matching = Matching {
            expression: speakers_only(&tokens),
            idfs: vec![1.0],
        };
        let by_date = SearchFilter {
            sort: Sort::Date,
            ..scope.filter.clone()
        };
        let scope = Scope {
            filter: &by_date,
            speakers: scope.speakers,
        };
        let Some(wanted) = by_date.limit else {
            return self.each_row(
                &search_statement(scope, Some(&matching), &Window::All),
                each,
            );
        };
        // Their newest stored quotes are read from the index once, and the rest of the
        // search reads those quotes by id: a match over many speakers' tokens costs
        // milliseconds each time FTS5 evaluates it. Nothing is ranked, so the window need
        // only hold the newest hits (quotes are stored nearly in the order of their dates).
        let first = first_window(wanted);
        for widening in 0u32.. {
            let window = first
                .saturating_mul(4)
                .max(SPEAKER_WINDOW)
                .saturating_mul(8i64.saturating_pow(widening));
            let newest = self.ids(&newest_match_ids(&matching.expression, window))?;
            let complete = (newest.len() as i64) < window;
            let oldest = match newest.last() {
                Some(stored_first) if !complete => {
                    match self.window_start(scope, &newest, *stored_first, first)? {
                        Some(oldest) => Some(oldest),
                        None => continue,
                    }
                }
                _ => None,
            };
            let hits = self.rows(&search_statement(
                scope,
                None,
                &Window::Among {
                    ids: newest,
                    oldest,
                },
            ))?;
            if hits.len() >= wanted || complete {
                return hits.into_iter().try_for_each(each);
            }
        }
        Ok(())
    }

    /// The date from which the quotes `among` (stored from `stored_first` on) hold the
    /// newest `first` passing the filters; `None` when they hold fewer, or when a quote
    /// stored before them is dated as late.
    fn window_start(
        &self,
        scope: Scope,
        among: &[i64],
        stored_first: i64,
        first: i64,
    ) -> Result<Option<String>> {
        let Some(oldest) = self.nth_newest_date(scope, Some(among), first)? else {
            return Ok(None);
        };
        let out_of_order = self.dated_before(&oldest, stored_first)?;
        Ok((!out_of_order).then_some(oldest))
    }

    /// Whether a quote stored before `rowid` is dated on or after `date`.
    fn dated_before(&self, date: &str, rowid: i64) -> Result<bool> {
        let statement = dated_before_window(date, rowid);
        self.conn
            .query_row(&statement.sql, params_from_iter(&statement.values), |row| {
                row.get(0)
            })
            .map_err(db_error(&self.path))
    }

    /// Every match, newest first: the newest `limit` through a window when there are many
    /// (see [`Store::newest_matches`]), else all of them sorted.
    fn newest_first<E: From<Error>>(
        &self,
        scope: Scope,
        matching: &Matching,
        looser: &str,
        each: &mut impl FnMut(Hit) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        if let Some(limit) = scope.filter.limit
            && let Some(hits) = self.newest_matches(scope, matching, looser, limit)?
        {
            return hits.into_iter().try_for_each(each);
        }
        self.each_row(&search_statement(scope, Some(matching), &Window::All), each)
    }

    /// The newest `wanted` hits of a search without words: the newest quotes passing the
    /// filters first, widening until enough hits are certain to be the newest.
    fn newest<E: From<Error>>(
        &self,
        scope: Scope,
        wanted: usize,
        each: &mut impl FnMut(Hit) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let first = first_window(wanted);
        for widening in 0u32.. {
            let window = match self.nth_newest_date(
                scope,
                None,
                first.saturating_mul(8i64.saturating_pow(widening)),
            )? {
                Some(oldest) => Window::Since(oldest),
                None => Window::All,
            };
            let complete = matches!(window, Window::All);
            let hits = self.rows(&search_statement(scope, None, &window))?;
            if hits.len() >= wanted || complete {
                return hits.into_iter().try_for_each(each);
            }
        }
        Ok(())
    }

    /// The newest `wanted` hits of the words, when they have more matches than are quick to
    /// sort (`None`: sort them all). The newest stored matches are dated; the window holds
    /// the newest hits once no quote stored before it is dated within it, else it widens.
    fn newest_matches(
        &self,
        scope: Scope,
        matching: &Matching,
        looser: &str,
        wanted: usize,
    ) -> Result<Option<Vec<Hit>>> {
        let first = first_window(wanted);
        for widening in 0u32.. {
            let grow = 8i64.saturating_pow(widening);
            let Some(min_rowid) =
                self.nth_newest_match(looser, RANK_WINDOW.saturating_mul(grow))?
            else {
                return Ok(None);
            };
            let statement =
                nth_newest_match_date(scope, matching, min_rowid, first.saturating_mul(grow));
            let oldest: Option<String> = self
                .conn
                .query_row(&statement.sql, params_from_iter(&statement.values), |row| {
                    row.get(0)
                })
                .optional()
                .map_err(db_error(&self.path))?;
            let Some(oldest) = oldest else { continue };
            if self.dated_before(&oldest, min_rowid)? {
                continue;
            }
            let window = Window::NewestMatches { min_rowid, oldest };
            let hits = self.rows(&search_statement(scope, Some(matching), &window))?;
            if hits.len() >= wanted {
                return Ok(Some(hits));
            }
        }
        Ok(None)
    }

    /// Every hit a statement gives.
    fn rows(&self, statement: &Statement) -> Result<Vec<Hit>> {
        let mut hits = Vec::new();
        self.each_row(statement, |hit| -> Result<()> {
            hits.push(hit);
            Ok(())
        })?;
        Ok(hits)
    }

    /// The inverse document frequency of each phrase looked for, estimated from the
    /// newest [`IDF_SAMPLE`] rows (counting over the whole index is what made FTS5's own
    /// bm25 slow). A query of one phrase needs none: its frequency scales every score alike.
    fn phrase_idfs(&self, parsed: &FtsQuery) -> Result<Vec<f64>> {
        if parsed.wanted_phrases == 1 {
            return Ok(vec![1.0]);
        }
        let newest: Option<i64> = self
            .conn
            .query_row("SELECT max(rowid) FROM quotes_fts", [], |row| row.get(0))
            .map_err(db_error(&self.path))?;
        let newest = newest.unwrap_or(0);
        let after = newest.saturating_sub(IDF_SAMPLE).max(0);
        let sampled = (newest - after) as f64;
        let mut known: HashMap<&str, f64> = HashMap::new();
        let mut idfs = Vec::with_capacity(parsed.wanted_phrases);
        for phrase in &parsed.phrases[..parsed.wanted_phrases] {
            let idf = match known.get(phrase.as_str()) {
                Some(idf) => *idf,
                None if known.len() >= MAX_SAMPLED_PHRASES => 1.0,
                None => {
                    let statement = count_matches_after(phrase, after);
                    let holding: i64 = self
                        .conn
                        .query_row(&statement.sql, params_from_iter(&statement.values), |row| {
                            row.get(0)
                        })
                        .map_err(db_error(&self.path))?;
                    let idf = idf(sampled, holding as f64);
                    known.insert(phrase, idf);
                    idf
                }
            };
            idfs.push(idf);
        }
        Ok(idfs)
    }

    /// The ids of the speakers a `--speaker` value names: any of their aliases, or words of
    /// their names, case and diacritics ignored. `None` when the value has no letters.
    fn speaker_ids(&self, speaker: &str) -> Result<Option<Vec<i64>>> {
        let key = normalize_key(speaker);
        if key.is_empty() {
            return Ok(None);
        }
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT speaker_id FROM speaker_aliases WHERE key = ?1
                 UNION SELECT id FROM speakers WHERE ' ' || key || ' ' LIKE '% ' || ?1 || ' %'",
            )
            .map_err(db_error(&self.path))?;
        let ids = statement
            .query_map([key], |row| row.get(0))
            .map_err(db_error(&self.path))?;
        ids.collect::<rusqlite::Result<Vec<i64>>>()
            .map(Some)
            .map_err(db_error(&self.path))
    }

    /// The date of the `nth` newest quote passing the filters (among `among` if given),
    /// `None` when fewer pass.
    fn nth_newest_date(
        &self,
        scope: Scope,
        among: Option<&[i64]>,
        nth: i64,
    ) -> Result<Option<String>> {
        let statement = nth_newest_date(scope, among, nth);
        self.conn
            .query_row(&statement.sql, params_from_iter(&statement.values), |row| {
                row.get(0)
            })
            .optional()
            .map_err(db_error(&self.path))
    }

    /// The ids a statement lists.
    fn ids(&self, statement: &Statement) -> Result<Vec<i64>> {
        let mut prepared = self
            .conn
            .prepare(&statement.sql)
            .map_err(db_error(&self.path))?;
        let ids = prepared
            .query_map(params_from_iter(&statement.values), |row| row.get(0))
            .map_err(db_error(&self.path))?;
        ids.collect::<rusqlite::Result<Vec<i64>>>()
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
        self.rows(&appearances_statement(id))
    }

    /// Speakers with their quote counts, most quoted first; `query` keeps those whose name
    /// or alias holds these words. (Counts and dates are kept on the speaker as quotes are
    /// saved.)
    pub fn speakers(&self, query: Option<&str>) -> Result<Vec<SpeakerSummary>> {
        let key = query.map(normalize_key).filter(|k| !k.is_empty());
        let mut statement = self
            .conn
            .prepare(
                "SELECT s.name, c.quotes,
                        strftime('%Y-%m-%dT%H:%M:%SZ', c.first_seen, 'unixepoch'),
                        strftime('%Y-%m-%dT%H:%M:%SZ', c.last_seen, 'unixepoch')
                 FROM speaker_counts c JOIN speakers s ON s.id = c.speaker_id
                 WHERE c.quotes > 0 AND (?1 IS NULL OR s.id IN (
                     SELECT speaker_id FROM speaker_aliases WHERE ' ' || key || ' ' LIKE '% ' || ?1 || ' %'))
                 ORDER BY c.quotes DESC, s.name",
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
