//! Sources and the collectors' memory: the only SQL the collectors need.
//!
//! `sources → fetch`: the `sources` table is also the scheduler's queue. A source is due when
//! its `next_check_at` has passed; each run records what it learned (validators, cursor,
//! DID) or what went wrong (error text and count, since when it has been failing) on the
//! source itself, with its own interval and the server's lower bound on it, for
//! `collect::schedule`. `items` remembers every feed entry and post already collected,
//! `document_urls` every address a document was found under.

use super::{Store, db_error};
use crate::error::{Error, Result};
use rusqlite::{OptionalExtension, Row, ToSql, params};
use serde::Serialize;

/// What a source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    File,
    Page,
    Feed,
    Sitemap,
    Mastodon,
    Bluesky,
}

impl SourceKind {
    pub const ALL: [SourceKind; 6] = [
        SourceKind::File,
        SourceKind::Page,
        SourceKind::Feed,
        SourceKind::Sitemap,
        SourceKind::Mastodon,
        SourceKind::Bluesky,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::File => "file",
            SourceKind::Page => "page",
            SourceKind::Feed => "feed",
            SourceKind::Sitemap => "sitemap",
            SourceKind::Mastodon => "mastodon",
            SourceKind::Bluesky => "bluesky",
        }
    }

    pub fn parse(text: &str) -> Option<SourceKind> {
        SourceKind::ALL
            .into_iter()
            .find(|kind| kind.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

/// A source to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSource {
    pub kind: SourceKind,
    pub target: String,
    pub label: Option<String>,
    /// May this source's requests reach private, loopback and link-local addresses?
    pub allow_private: bool,
}

/// A stored source with its scheduling state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    pub id: i64,
    pub kind: SourceKind,
    pub target: String,
    pub label: Option<String>,
    pub added_at: String,
    pub next_check_at: Option<String>,
    pub last_checked_at: Option<String>,
    pub last_success_at: Option<String>,
    pub last_error: Option<String>,
    pub error_count: i64,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub cursor: Option<String>,
    pub did: Option<String>,
    pub disabled_reason: Option<String>,
    pub allow_private: bool,
    /// Documents collected from this source.
    pub documents: i64,
    /// Quotes in the documents collected from this source.
    pub quotes: i64,
    /// This source's own interval between checks (seconds); `None`: the configured default.
    pub interval_seconds: Option<i64>,
    /// The server's lower bound on the interval (a feed's `<ttl>`, Cache-Control max-age).
    pub min_interval_seconds: Option<i64>,
    /// The first failure since the last success.
    pub failing_since: Option<String>,
    /// The service the source is read through, when not the configured one (a Bluesky
    /// AppView).
    pub service: Option<String>,
    /// Failing for a week or more: shown, never silently dropped. Filled in by the caller,
    /// who knows the time (see `collect::schedule::flag_long_failures`).
    pub failing_for_a_week: bool,
}

/// A stored document as the collectors see it: enough to check what was collected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredDocument {
    pub id: i64,
    pub source_id: Option<i64>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub published_at: Option<String>,
    pub text: String,
    /// Caption texts, with the credit after " | " when there is one.
    pub captions: Vec<String>,
    /// Every (normalized) URL the document was found under.
    pub urls: Vec<String>,
}

/// A source in back-off after failing: when it is tried again, and why it failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WaitingSource {
    pub id: i64,
    pub target: String,
    pub retry_at: String,
    pub last_error: Option<String>,
}

/// What a successful check learned, to be remembered for the next one. `None` keeps the
/// stored value, except for the validators when `replace_validators` is set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckState {
    /// The validators of the response read, for the next conditional request.
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// The source's URL answered in full: its validators (`None` included) replace the
    /// stored ones. Unset (a 304, a kind without validators), the stored ones stay.
    pub replace_validators: bool,
    pub cursor: Option<String>,
    pub did: Option<String>,
    /// The server's lower bound on the interval, in seconds (`None` keeps the stored one).
    pub min_interval_seconds: Option<i64>,
}

const SOURCE_COLUMNS: &str = "s.id, s.kind, s.target, s.label, s.added_at, s.next_check_at,
    s.last_checked_at, s.last_success_at, s.last_error, s.error_count, s.etag, s.last_modified,
    s.cursor, s.did, s.disabled_reason, s.allow_private,
    (SELECT count(*) FROM documents d WHERE d.source_id = s.id),
    (SELECT count(*) FROM documents d JOIN quotes q ON q.document_id = d.id WHERE d.source_id = s.id),
    s.interval_seconds, s.min_interval_seconds, s.failing_since, s.service";

impl Store {
    /// Adds a source; returns its id and whether it is new (the same kind and target
    /// added again keeps the first one, its label updated if a new one is given).
    pub fn add_source(&mut self, source: &NewSource, added_at: &str) -> Result<(i64, bool)> {
        self.write(|tx| {
            let inserted = tx.execute(
                "INSERT INTO sources (kind, target, label, added_at, allow_private)
                 VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (kind, target) DO NOTHING",
                params![
                    source.kind.as_str(),
                    source.target,
                    source.label,
                    added_at,
                    source.allow_private
                ],
            )?;
            let id: i64 = tx.query_row(
                "SELECT id FROM sources WHERE kind = ?1 AND target = ?2",
                params![source.kind.as_str(), source.target],
                |row| row.get(0),
            )?;
            if inserted == 0 {
                tx.execute(
                    "UPDATE sources SET label = coalesce(?2, label),
                            allow_private = max(allow_private, ?3) WHERE id = ?1",
                    params![id, source.label, source.allow_private],
                )?;
            }
            Ok((id, inserted > 0))
        })
    }

    /// Every source, oldest first.
    pub fn sources(&self) -> Result<Vec<Source>> {
        self.query_sources(
            &format!("SELECT {SOURCE_COLUMNS} FROM sources s ORDER BY s.id"),
            [],
        )
    }

    /// One source by id.
    pub fn source(&self, id: i64) -> Result<Option<Source>> {
        let sql = format!("SELECT {SOURCE_COLUMNS} FROM sources s WHERE s.id = ?1");
        self.conn
            .query_row(&sql, [id], source_from_row)
            .optional()
            .map_err(db_error(&self.path))
    }

    /// Sources not disabled whose next check is due at `now` (RFC 3339 UTC), oldest check first.
    pub fn due_sources(&self, now: &str) -> Result<Vec<Source>> {
        let sql = format!(
            "SELECT {SOURCE_COLUMNS} FROM sources s
             WHERE s.disabled_reason IS NULL AND s.kind != 'file'
               AND (s.next_check_at IS NULL OR s.next_check_at <= ?1)
             ORDER BY coalesce(s.last_checked_at, ''), s.id"
        );
        self.query_sources(&sql, [now])
    }

    fn query_sources<P: rusqlite::Params>(&self, sql: &str, params: P) -> Result<Vec<Source>> {
        let mut statement = self.conn.prepare(sql).map_err(db_error(&self.path))?;
        let rows = statement
            .query_map(params, source_from_row)
            .map_err(db_error(&self.path))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(db_error(&self.path))
    }

    /// Removes a source; its documents stay. Returns whether it existed.
    pub fn remove_source(&mut self, id: i64) -> Result<bool> {
        let removed = self.write(|tx| tx.execute("DELETE FROM sources WHERE id = ?1", [id]))?;
        Ok(removed > 0)
    }

    /// Records a successful check: the error count is reset and the state remembered.
    pub fn record_success(
        &mut self,
        id: i64,
        state: &CheckState,
        now: &str,
        next_check_at: &str,
    ) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE sources SET last_checked_at = ?2, last_success_at = ?2, next_check_at = ?3,
                        last_error = NULL, error_count = 0, failing_since = NULL,
                        etag = CASE WHEN ?9 THEN ?4 ELSE coalesce(?4, etag) END,
                        last_modified = CASE WHEN ?9 THEN ?5 ELSE coalesce(?5, last_modified) END,
                        cursor = coalesce(?6, cursor), did = coalesce(?7, did),
                        min_interval_seconds = coalesce(?8, min_interval_seconds)
                 WHERE id = ?1",
                params![
                    id,
                    now,
                    next_check_at,
                    state.etag,
                    state.last_modified,
                    state.cursor,
                    state.did,
                    state.min_interval_seconds,
                    state.replace_validators
                ],
            )
        })?;
        Ok(())
    }

    /// Records a failed check on the source: the error, one more failure, when to retry.
    pub fn record_failure(
        &mut self,
        id: i64,
        error: &str,
        now: &str,
        next_check_at: &str,
    ) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE sources SET last_checked_at = ?2, next_check_at = ?3, last_error = ?4,
                        error_count = error_count + 1, failing_since = coalesce(failing_since, ?2)
                 WHERE id = ?1",
                params![id, now, next_check_at, error],
            )
        })?;
        Ok(())
    }

    /// Stops collecting a source, saying why (`None` enables it again).
    pub fn set_source_disabled(&mut self, id: i64, reason: Option<&str>) -> Result<()> {
        self.set_source_column(id, "disabled_reason", reason)?;
        Ok(())
    }

    /// Sets a source's own interval between checks (`None`: the configured default).
    /// Returns whether the source exists.
    pub fn set_source_interval(&mut self, id: i64, seconds: Option<i64>) -> Result<bool> {
        self.set_source_column(id, "interval_seconds", seconds)
    }

    /// The earliest next check of any source that will be collected, but those in
    /// `except` (checks in flight, overdue until they end); `None`: no such source. A source
    /// never checked is due at once, shown as the empty string.
    pub fn next_check_due(&self, except: &[i64]) -> Result<Option<String>> {
        let except = serde_json::to_string(except).unwrap_or_else(|_| "[]".to_string());
        self.conn
            .query_row(
                "SELECT min(coalesce(next_check_at, '')) FROM sources
                 WHERE disabled_reason IS NULL AND kind != 'file'
                   AND id NOT IN (SELECT value FROM json_each(?1))",
                [except],
                |row| row.get(0),
            )
            .map_err(db_error(&self.path))
    }

    /// The sources that failed and wait to be tried again after `now`, the soonest first.
    pub fn waiting_to_retry(&self, now: &str) -> Result<Vec<WaitingSource>> {
        let mut statement = self
            .conn
            .prepare(
                "SELECT id, target, next_check_at, last_error FROM sources
                 WHERE disabled_reason IS NULL AND kind != 'file' AND error_count > 0
                   AND next_check_at > ?1
                 ORDER BY next_check_at, id",
            )
            .map_err(db_error(&self.path))?;
        let rows = statement
            .query_map([now], |row| {
                Ok(WaitingSource {
                    id: row.get(0)?,
                    target: row.get(1)?,
                    retry_at: row.get(2)?,
                    last_error: row.get(3)?,
                })
            })
            .map_err(db_error(&self.path))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(db_error(&self.path))
    }

    /// `PRAGMA integrity_check`: "ok", or what is wrong.
    pub fn integrity_check(&self) -> Result<String> {
        let mut statement = self
            .conn
            .prepare("PRAGMA integrity_check")
            .map_err(db_error(&self.path))?;
        let rows = statement
            .query_map([], |row| row.get::<_, String>(0))
            .map_err(db_error(&self.path))?;
        let lines = rows
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(db_error(&self.path))?;
        Ok(lines.join("\n"))
    }

    /// Sets the service a source is read through (`None`: the configured one). Returns
    /// whether the source exists.
    pub fn set_source_service(&mut self, id: i64, service: Option<&str>) -> Result<bool> {
        self.set_source_column(id, "service", service)
    }

    /// Sets one column of a source (`column` is one of this file's names, never input);
    /// whether the source exists.
    fn set_source_column(&mut self, id: i64, column: &str, value: impl ToSql) -> Result<bool> {
        let sql = format!("UPDATE sources SET {column} = ?2 WHERE id = ?1");
        let changed = self.write(|tx| tx.execute(&sql, params![id, value]))?;
        Ok(changed > 0)
    }

    /// Makes a source due now.
    pub fn make_due(&mut self, id: i64) -> Result<()> {
        self.set_source_column(id, "next_check_at", None::<&str>)?;
        Ok(())
    }

    /// Whether any of these item keys was collected before.
    pub fn knows_item(&self, keys: &[String]) -> Result<bool> {
        let mut statement = self
            .conn
            .prepare_cached("SELECT 1 FROM items WHERE key = ?1")
            .map_err(db_error(&self.path))?;
        for key in keys {
            if statement.exists([key]).map_err(db_error(&self.path))? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Remembers item keys as collected (into `document_id` when one was stored).
    pub fn remember_items(
        &mut self,
        keys: &[String],
        source_id: i64,
        document_id: Option<i64>,
        now: &str,
    ) -> Result<()> {
        self.write(|tx| {
            let mut insert = tx.prepare_cached(
                "INSERT INTO items (key, source_id, document_id, seen_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (key) DO UPDATE SET document_id = coalesce(excluded.document_id, document_id)",
            )?;
            for key in keys {
                insert.execute(params![key, source_id, document_id, now])?;
            }
            Ok(())
        })
    }

    /// The document already stored under this (normalized) URL.
    pub fn document_by_url(&self, url: &str) -> Result<Option<i64>> {
        self.conn
            .query_row(
                "SELECT document_id FROM document_urls WHERE url = ?1",
                [url],
                |row| row.get(0),
            )
            .optional()
            .map_err(db_error(&self.path))
    }

    /// Records that `document_id` was found at `url` (normalized) through `source_id`.
    pub fn link_document(&mut self, document_id: i64, source_id: i64, url: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO document_urls (url, document_id) VALUES (?1, ?2)
                 ON CONFLICT (url) DO UPDATE SET document_id = excluded.document_id",
                params![url, document_id],
            )?;
            tx.execute(
                "UPDATE documents SET source_id = coalesce(source_id, ?2) WHERE id = ?1",
                params![document_id, source_id],
            )
        })?;
        Ok(())
    }

    /// Records, in one transaction, that `document_id` was found at these (normalized) URLs
    /// through `source_id`, and remembers the item keys that led to it.
    pub fn record_collected(
        &mut self,
        document_id: i64,
        source_id: i64,
        urls: &[String],
        keys: &[String],
        now: &str,
    ) -> Result<()> {
        self.write(|tx| {
            let mut link = tx.prepare_cached(
                "INSERT INTO document_urls (url, document_id) VALUES (?1, ?2)
                 ON CONFLICT (url) DO UPDATE SET document_id = excluded.document_id",
            )?;
            for url in urls {
                link.execute(params![url, document_id])?;
            }
            tx.prepare_cached(
                "UPDATE documents SET source_id = coalesce(source_id, ?2) WHERE id = ?1",
            )?
            .execute(params![document_id, source_id])?;
            let mut remember = tx.prepare_cached(
                "INSERT INTO items (key, source_id, document_id, seen_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (key) DO UPDATE SET document_id = coalesce(excluded.document_id, document_id)",
            )?;
            for key in keys {
                remember.execute(params![key, source_id, document_id, now])?;
            }
            Ok(())
        })
    }

    /// Every URL a document was found under.
    pub fn document_urls(&self, document_id: i64) -> Result<Vec<String>> {
        let mut statement = self
            .conn
            .prepare("SELECT url FROM document_urls WHERE document_id = ?1 ORDER BY url")
            .map_err(db_error(&self.path))?;
        let rows = statement
            .query_map([document_id], |row| row.get(0))
            .map_err(db_error(&self.path))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(db_error(&self.path))
    }

    /// The document stored under this normalized URL, with its captions and URLs.
    pub fn stored_document(&self, url: &str) -> Result<Option<StoredDocument>> {
        let Some(id) = self.document_by_url(url)? else {
            return Ok(None);
        };
        let mut document = self
            .conn
            .query_row(
                "SELECT d.id, d.source_id, d.url, d.title, d.published_at, t.text
                 FROM documents d JOIN document_texts t ON t.document_id = d.id WHERE d.id = ?1",
                [id],
                |row| {
                    Ok(StoredDocument {
                        id: row.get(0)?,
                        source_id: row.get(1)?,
                        url: row.get(2)?,
                        title: row.get(3)?,
                        published_at: row.get(4)?,
                        text: row.get(5)?,
                        captions: Vec::new(),
                        urls: Vec::new(),
                    })
                },
            )
            .map_err(db_error(&self.path))?;
        let mut statement = self
            .conn
            .prepare(
                "SELECT text || coalesce(' | ' || credit, '') FROM captions WHERE document_id = ?1 ORDER BY id",
            )
            .map_err(db_error(&self.path))?;
        document.captions = statement
            .query_map([id], |row| row.get(0))
            .map_err(db_error(&self.path))?
            .collect::<rusqlite::Result<Vec<String>>>()
            .map_err(db_error(&self.path))?;
        document.urls = self.document_urls(id)?;
        Ok(Some(document))
    }

    /// Adds an alias (a social handle, say) to the speaker with this name, if known.
    pub fn add_speaker_alias(&mut self, name: &str, alias: &str) -> Result<()> {
        let key = super::normalize_key(name);
        let alias_key = super::normalize_key(alias);
        if key.is_empty() || alias_key.is_empty() {
            return Ok(());
        }
        self.write(|tx| {
            tx.execute(
                "INSERT INTO speaker_aliases (speaker_id, alias, key)
                 SELECT id, ?2, ?3 FROM speakers WHERE key = ?1
                 ON CONFLICT DO NOTHING",
                params![key, alias.trim(), alias_key],
            )
        })?;
        Ok(())
    }
}

fn source_from_row(row: &Row) -> rusqlite::Result<Source> {
    let kind: String = row.get(1)?;
    Ok(Source {
        id: row.get(0)?,
        kind: SourceKind::parse(&kind).unwrap_or(SourceKind::Page),
        target: row.get(2)?,
        label: row.get(3)?,
        added_at: row.get(4)?,
        next_check_at: row.get(5)?,
        last_checked_at: row.get(6)?,
        last_success_at: row.get(7)?,
        last_error: row.get(8)?,
        error_count: row.get(9)?,
        etag: row.get(10)?,
        last_modified: row.get(11)?,
        cursor: row.get(12)?,
        did: row.get(13)?,
        disabled_reason: row.get(14)?,
        allow_private: row.get(15)?,
        documents: row.get(16)?,
        quotes: row.get(17)?,
        interval_seconds: row.get(18)?,
        min_interval_seconds: row.get(19)?,
        failing_since: row.get(20)?,
        service: row.get(21)?,
        failing_for_a_week: false,
    })
}

/// A source kind named on the command line or in a file that onrecord does not know.
pub fn unknown_kind(text: &str) -> Error {
    let known: Vec<&str> = SourceKind::ALL.iter().map(|k| k.as_str()).collect();
    Error::input(
        text,
        format!("is not a source kind (known: {})", known.join(", ")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::OpenMode;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("temporary folder");
        let store = Store::open(&dir.path().join("t.db"), OpenMode::Create).expect("opens");
        (dir, store)
    }

    fn feed(target: &str) -> NewSource {
        NewSource {
            kind: SourceKind::Feed,
            target: target.to_string(),
            label: None,
            allow_private: false,
        }
    }

    #[test]
    fn adding_twice_keeps_one_source() {
        let (_dir, mut store) = store();
        let (first, new) = store
            .add_source(&feed("https://a.example/feed"), "2026-01-01T00:00:00Z")
            .expect("adds");
        assert!(new);
        let (again, new) = store
            .add_source(&feed("https://a.example/feed"), "2026-01-02T00:00:00Z")
            .expect("adds");
        assert!(!new);
        assert_eq!(first, again);
        assert_eq!(store.sources().expect("lists").len(), 1);
    }

    #[test]
    fn failures_count_up_and_success_resets_them() {
        let (_dir, mut store) = store();
        let (id, _) = store
            .add_source(&feed("https://a.example/feed"), "2026-01-01T00:00:00Z")
            .expect("adds");
        store
            .record_failure(
                id,
                "HTTP 500",
                "2026-01-01T01:00:00Z",
                "2026-01-01T02:00:00Z",
            )
            .expect("records");
        store
            .record_failure(
                id,
                "HTTP 500",
                "2026-01-01T02:00:00Z",
                "2026-01-01T04:00:00Z",
            )
            .expect("records");
        let source = store.source(id).expect("reads").expect("exists");
        assert_eq!(source.error_count, 2);
        assert_eq!(source.last_error.as_deref(), Some("HTTP 500"));
        assert!(
            store
                .due_sources("2026-01-01T03:00:00Z")
                .expect("due")
                .is_empty()
        );
        assert_eq!(
            store
                .due_sources("2026-01-01T05:00:00Z")
                .expect("due")
                .len(),
            1
        );
        let state = CheckState {
            etag: Some("\"v1\"".into()),
            ..CheckState::default()
        };
        store
            .record_success(id, &state, "2026-01-01T05:00:00Z", "2026-01-01T06:00:00Z")
            .expect("records");
        let source = store.source(id).expect("reads").expect("exists");
        assert_eq!(source.error_count, 0);
        assert_eq!(source.last_error, None);
        assert_eq!(source.etag.as_deref(), Some("\"v1\""));
    }

    #[test]
    fn disabled_sources_are_never_due() {
        let (_dir, mut store) = store();
        let (id, _) = store
            .add_source(&feed("https://a.example/feed"), "2026-01-01T00:00:00Z")
            .expect("adds");
        store
            .set_source_disabled(id, Some("asked not to be shown"))
            .expect("disables");
        assert!(
            store
                .due_sources("2030-01-01T00:00:00Z")
                .expect("due")
                .is_empty()
        );
    }

    #[test]
    fn items_are_remembered() {
        let (_dir, mut store) = store();
        let (id, _) = store
            .add_source(&feed("https://a.example/feed"), "2026-01-01T00:00:00Z")
            .expect("adds");
        let keys = vec!["guid:1".to_string(), "url:https://a.example/1".to_string()];
        assert!(!store.knows_item(&keys).expect("reads"));
        store
            .remember_items(&keys, id, None, "2026-01-01T00:00:00Z")
            .expect("writes");
        assert!(
            store
                .knows_item(&["url:https://a.example/1".to_string()])
                .expect("reads")
        );
    }

    #[test]
    fn failing_since_is_the_first_failure_until_a_success() {
        let (_dir, mut store) = store();
        let (id, _) = store
            .add_source(&feed("https://a.example/feed"), "2026-01-01T00:00:00Z")
            .expect("adds");
        for now in ["2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z"] {
            store
                .record_failure(id, "HTTP 503", now, "2026-01-04T00:00:00Z")
                .expect("records");
        }
        let source = store.source(id).expect("reads").expect("exists");
        assert_eq!(
            source.failing_since.as_deref(),
            Some("2026-01-02T00:00:00Z")
        );
        store
            .record_success(
                id,
                &CheckState::default(),
                "2026-01-04T00:00:00Z",
                "2026-01-04T00:30:00Z",
            )
            .expect("records");
        let source = store.source(id).expect("reads").expect("exists");
        assert_eq!(source.failing_since, None);
    }

    #[test]
    fn the_next_due_check_ignores_disabled_sources_and_intervals_are_kept() {
        let (_dir, mut store) = store();
        assert_eq!(store.next_check_due(&[]).expect("reads"), None);
        let (a, _) = store
            .add_source(&feed("https://a.example/feed"), "2026-01-01T00:00:00Z")
            .expect("adds");
        let (b, _) = store
            .add_source(&feed("https://b.example/feed"), "2026-01-01T00:00:00Z")
            .expect("adds");
        assert_eq!(
            store.next_check_due(&[]).expect("reads").as_deref(),
            Some("")
        );
        for (id, next) in [
            (a, "2026-01-01T02:00:00.000Z"),
            (b, "2026-01-01T01:00:00.000Z"),
        ] {
            store
                .record_success(id, &CheckState::default(), "2026-01-01T00:00:00Z", next)
                .expect("records");
        }
        assert_eq!(
            store.next_check_due(&[]).expect("reads").as_deref(),
            Some("2026-01-01T01:00:00.000Z")
        );
        assert_eq!(
            store.next_check_due(&[b]).expect("reads").as_deref(),
            Some("2026-01-01T02:00:00.000Z"),
            "a check in flight is left out"
        );
        store
            .set_source_disabled(b, Some("gone"))
            .expect("disables");
        assert_eq!(
            store.next_check_due(&[]).expect("reads").as_deref(),
            Some("2026-01-01T02:00:00.000Z")
        );
        assert!(store.set_source_interval(a, Some(900)).expect("sets"));
        assert!(!store.set_source_interval(99, Some(900)).expect("sets"));
        let source = store.source(a).expect("reads").expect("exists");
        assert_eq!(source.interval_seconds, Some(900));
        assert_eq!(store.integrity_check().expect("checks"), "ok");
    }
}
