//! `onrecord collect`: every due source checked once.
//!
//! `sources → fetch → read page → extract quotes → store`: the sources table is the queue.
//! Sources are checked each on its own as a worker and its host allow ([`super::pass`]),
//! each source's pages a few at a time (the fetcher's per-host and global limits still
//! apply), pages are read and their quotes extracted off the async threads, and every result
//! is saved as it arrives, by this one task, which alone holds the store. A page or post that
//! cannot be collected is that item's outcome ([`ItemTally`]); a source fails only when it
//! cannot itself be read. Each source ends with its state recorded: what it learned for next
//! time, or its error, its error count and when to try again.

use super::config::CollectConfig;
use super::error::{CollectError, FailureKind, FetchError};
use super::feed::{FeedItem, parse_feed_with_ttl};
use super::fetch::{Fetched, Fetcher, Request, Response};
use super::pass::Pass;
use super::schedule::{NextCheck, server_floor, stamp};
use super::urls::{normalize_url, url_key};
use super::{bluesky, mastodon, sitemap};
use crate::document::{BlockKind, Document};
use crate::error::{Error, Result};
use crate::extract::{self, Quote, QuoteKind};
use crate::read::dates::plausible;
use crate::store::{CheckState, SaveOutcome, Source, SourceKind, Store, WaitingSource};
use futures_util::{StreamExt, stream};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::{HashSet, VecDeque};
use std::time::{Duration, Instant};

/// What one run did, for the closing summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub sources_ok: usize,
    pub sources_failed: usize,
    /// Sources not collected on purpose (an account that asked not to be shown).
    pub sources_skipped: usize,
    pub new_documents: usize,
    pub updated_documents: usize,
    pub new_quotes: usize,
    pub elapsed: Duration,
    /// Every source checked, in the order its check ended.
    pub reports: Vec<SourceReport>,
    /// Sources not checked because they failed before and wait to be tried again (listed
    /// when every due source was to be checked, not only some).
    pub waiting: Vec<WaitingSource>,
}

impl Summary {
    /// Every source checked failed to find its host's name: most likely, no network.
    pub fn network_unreachable(&self) -> bool {
        let mut failures = self.reports.iter().map(|report| match &report.result {
            SourceResult::Failed(failure) => failure.kind == Some(FailureKind::Lookup),
            _ => false,
        });
        !self.reports.is_empty() && failures.all(|lookup| lookup)
    }
}

/// One source's check, as the summary lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceReport {
    pub id: i64,
    pub target: String,
    pub result: SourceResult,
}

/// How a source's check ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceResult {
    /// The source was read; how its items (pages, posts) ended.
    Ok(ItemTally),
    /// The source itself could not be read.
    Failed(SourceFailure),
    /// Not collected on purpose, and why.
    Skipped(String),
}

/// Why a source could not be read: the message (naming a URL only when it is not the
/// source's own target), and the kind of fetch failure behind it, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFailure {
    pub message: String,
    pub kind: Option<FailureKind>,
}

impl std::fmt::Display for SourceFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// How the items of one check ended: the pages a feed or sitemap links to, the posts of an
/// account. An item that cannot be collected is counted here; it never fails its source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemTally {
    /// Stored: new, changed, or the same again.
    pub stored: usize,
    /// Collected before, so not fetched again.
    pub known: usize,
    /// Left alone because the site's robots.txt asks onrecord to.
    pub refused_by_robots: usize,
    /// Failed, with the first few failures ("URL: reason").
    pub failed: usize,
    pub first_failures: Vec<String>,
    /// Not tried, left for the next check: their host stopped answering.
    pub put_off: usize,
    /// One of the failures may pass: the source's list is to be read whole next time (no
    /// conditional request), so that the item is tried again.
    pub retry_wanted: bool,
}

/// Failures listed per source, at most.
const LISTED_FAILURES: usize = 3;
/// Pages of one check in a row that get no answer (or whose host name does not resolve)
/// before the check stops asking that host: the rest is put off to the next check.
const UNANSWERED_IN_A_ROW: usize = 5;

impl ItemTally {
    pub fn add(&mut self, outcome: ItemOutcome) {
        match outcome {
            ItemOutcome::Stored => self.stored += 1,
            ItemOutcome::Known => self.known += 1,
            ItemOutcome::PutOff => {
                self.put_off += 1;
                self.retry_wanted = true;
            }
            ItemOutcome::Failed(failure) if failure.kind == Some(FailureKind::Robots) => {
                self.refused_by_robots += 1
            }
            ItemOutcome::Failed(failure) => {
                self.failed += 1;
                self.retry_wanted |= failure.kind.is_none_or(FailureKind::may_pass);
                if self.first_failures.len() < LISTED_FAILURES {
                    self.first_failures.push(failure.message);
                }
            }
        }
    }

    /// Adds another tally of the same check (the articles its posts link to, say).
    pub fn merge(&mut self, other: ItemTally) {
        self.stored += other.stored;
        self.known += other.known;
        self.refused_by_robots += other.refused_by_robots;
        self.failed += other.failed;
        self.put_off += other.put_off;
        self.retry_wanted |= other.retry_wanted;
        let room = LISTED_FAILURES.saturating_sub(self.first_failures.len());
        self.first_failures
            .extend(other.first_failures.into_iter().take(room));
    }

    /// Whether some items were refused, failed or put off.
    pub fn has_trouble(&self) -> bool {
        self.refused_by_robots + self.failed + self.put_off > 0
    }

    /// "8 stored, 1 refused by robots.txt", "2 stored, 1 failed (URL: HTTP 404)".
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if self.stored > 0 || (self.known == 0 && !self.has_trouble()) {
            parts.push(format!("{} stored", self.stored));
        }
        if self.known > 0 {
            parts.push(format!("{} known", self.known));
        }
        if self.refused_by_robots > 0 {
            parts.push(format!("{} refused by robots.txt", self.refused_by_robots));
        }
        if self.failed > 0 {
            parts.push(format!(
                "{} failed ({})",
                self.failed,
                self.first_failures.join("; ")
            ));
        }
        if self.put_off > 0 {
            parts.push(format!(
                "{} put off to the next check (their host stopped answering)",
                self.put_off
            ));
        }
        parts.join(", ")
    }
}

/// How one item ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemOutcome {
    Stored,
    Known,
    Failed(SourceFailure),
    /// Not tried this time.
    PutOff,
}

impl ItemOutcome {
    /// A page whose host did not answer, or whose name did not resolve.
    fn unanswered(&self) -> bool {
        matches!(
            self,
            ItemOutcome::Failed(SourceFailure {
                kind: Some(FailureKind::NoAnswer | FailureKind::Lookup),
                ..
            })
        )
    }

    fn fetch_failed(err: FetchError) -> ItemOutcome {
        ItemOutcome::Failed(SourceFailure {
            kind: Some(err.kind),
            message: err.to_string(),
        })
    }

    fn unreadable(message: String) -> ItemOutcome {
        ItemOutcome::Failed(SourceFailure {
            message,
            kind: None,
        })
    }
}

/// Progress, for a bar on a terminal or plain lines.
pub trait Progress {
    /// The number of sources about to be checked.
    fn start(&self, sources: usize);
    /// A page or post was stored (or found known).
    fn item(&self);
    fn source_done(&self, source: &Source, result: &SourceResult);
}

/// No progress output.
pub struct Silent;

impl Progress for Silent {
    fn start(&self, _: usize) {}
    fn item(&self) {}
    fn source_done(&self, _: &Source, _: &SourceResult) {}
}

/// What a kind-specific check returns when the source itself could be read.
#[derive(Debug, Clone, Default)]
pub struct Checked {
    pub state: CheckState,
    /// How its items ended.
    pub items: ItemTally,
    /// The source must not be collected: why.
    pub disabled: Option<String>,
}

impl Checked {
    /// A social account read up to `cursor` (its newest post), known by `account` (a
    /// Bluesky DID, a Mastodon account id), its posts ending as `items` say.
    pub fn read_up_to(
        cursor: Option<String>,
        account: Option<String>,
        items: ItemTally,
    ) -> Checked {
        Checked {
            state: CheckState {
                cursor,
                did: account,
                ..CheckState::default()
            },
            items,
            disabled: None,
        }
    }
}

/// A check's result: what was learned, or why the source could not be read.
pub type CheckResult = std::result::Result<Checked, CollectError>;

/// One article page to collect.
#[derive(Debug, Clone, Default)]
pub struct PageJob {
    pub url: String,
    /// Keys that identify the item (its GUID, its normalized URL).
    pub keys: Vec<String>,
    /// What the feed said about it: metadata, and a body to fall back on.
    pub item: Option<FeedItem>,
}

impl PageJob {
    /// Its keys and the key of its URL.
    fn keys_with_url(&self) -> Vec<String> {
        let mut keys = self.keys.clone();
        keys.push(url_key(&self.url));
        keys
    }
}

/// A social post made into a document.
#[derive(Debug, Clone)]
pub struct PostDocument {
    /// The platform URI (`at://…`, a Mastodon status URI): the post's identity.
    pub key: String,
    pub document: Document,
}

/// What a pass or a run shares: the store (held by this one task), the fetcher, the
/// settings, and the documents stored so far.
pub struct Collector<'a> {
    store: RefCell<&'a mut Store>,
    pub fetcher: &'a Fetcher,
    pub settings: &'a CollectConfig,
    pub(super) progress: &'a dyn Progress,
    counts: Cell<Counts>,
    /// Normalized URLs being fetched right now, so that two sources listing the same article
    /// fetch it once.
    in_flight: RefCell<HashSet<String>>,
}

/// Documents stored, as they are stored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub new_documents: usize,
    pub updated_documents: usize,
    pub new_quotes: usize,
}

/// Checks every due source once (or only those listed in `only`, due or not), each as soon
/// as a worker and its host allow (see [`super::pass`]).
pub async fn collect(
    store: &mut Store,
    fetcher: &Fetcher,
    settings: &CollectConfig,
    only: &[i64],
    progress: &dyn Progress,
) -> Result<Summary> {
    let started = Instant::now();
    let now = stamp(jiff::Timestamp::now());
    let sources = chosen_sources(store, only, &now)?;
    let backing_off = if only.is_empty() {
        store.waiting_to_retry(&now)?
    } else {
        Vec::new()
    };
    progress.start(sources.len());
    let collector = Collector::new(store, fetcher, settings, progress);
    let mut pass = Pass::new(&collector, true);
    let mut waiting = VecDeque::from(sources);
    loop {
        waiting = pass.start_from(waiting);
        match pass.next().await {
            Some(recorded) => recorded?,
            None => break,
        }
    }
    Ok(Summary {
        elapsed: started.elapsed(),
        waiting: backing_off,
        ..pass.summary()
    })
}

fn chosen_sources(store: &Store, only: &[i64], now: &str) -> Result<Vec<Source>> {
    if only.is_empty() {
        return store.due_sources(now);
    }
    only.iter()
        .map(|&id| {
            store
                .source(id)?
                .ok_or_else(|| Error::input(id.to_string(), "no source with this id"))
        })
        .collect()
}

impl<'a> Collector<'a> {
    pub fn new(
        store: &'a mut Store,
        fetcher: &'a Fetcher,
        settings: &'a CollectConfig,
        progress: &'a dyn Progress,
    ) -> Collector<'a> {
        Collector {
            store: RefCell::new(store),
            fetcher,
            settings,
            progress,
            counts: Cell::new(Counts::default()),
            in_flight: RefCell::new(HashSet::new()),
        }
    }

    /// The documents stored so far.
    pub fn counts(&self) -> Counts {
        self.counts.get()
    }

    /// The due sources at `now`, but for those in `running`.
    pub(super) fn due_sources(&self, now: jiff::Timestamp, running: &[i64]) -> Result<Vec<Source>> {
        let mut due = self.store.borrow().due_sources(&stamp(now))?;
        due.retain(|source| !running.contains(&source.id));
        Ok(due)
    }

    /// The earliest next check of a source not in `running`.
    pub(super) fn next_check_due(&self, running: &[i64]) -> Result<Option<String>> {
        self.store.borrow().next_check_due(running)
    }

    /// The store, for upkeep between checks (never while a check is in flight).
    pub(super) fn store_mut(&self) -> std::cell::RefMut<'_, &'a mut Store> {
        self.store.borrow_mut()
    }
}

impl Collector<'_> {
    /// One source, by kind.
    pub(super) async fn check(&self, source: &Source) -> CheckResult {
        if let Some(reason) = &source.disabled_reason {
            return Ok(Checked {
                disabled: Some(reason.clone()),
                ..Checked::default()
            });
        }
        match source.kind {
            SourceKind::Feed => self.check_feed(source).await,
            SourceKind::Page => self.check_page(source).await,
            SourceKind::Sitemap => sitemap::check(self, source).await,
            SourceKind::Mastodon => mastodon::check(self, source).await,
            SourceKind::Bluesky => bluesky::check(self, source).await,
            SourceKind::File => Err(CollectError::unreadable(
                &source.target,
                "file sources are added with `onrecord add`",
            )),
        }
    }

    /// Records the result on the source: state and next check, or error and retry time. A
    /// store failure is not the source's: it is returned, and the pass stops.
    pub(super) fn record(&self, source: &Source, checked: CheckResult) -> Result<SourceResult> {
        let now = jiff::Timestamp::now();
        let next = NextCheck {
            settings: self.settings,
            now,
        };
        let retry_at = |failures: i64| stamp(next.after_failure(source, failures));
        let now = stamp(now);
        let mut store = self.store.borrow_mut();
        let checked = match checked {
            Ok(checked) => checked,
            Err(CollectError::Store(error)) => return Err(error),
            Err(error) => {
                let failure = SourceFailure {
                    message: error.message_for(&source.target),
                    kind: error.fetch_kind(),
                };
                let next = retry_at(source.error_count + 1);
                store.record_failure(source.id, &failure.message, &now, &next)?;
                return Ok(SourceResult::Failed(failure));
            }
        };
        if let Some(reason) = checked.disabled {
            store.set_source_disabled(source.id, Some(&reason))?;
            store.record_failure(source.id, &reason, &now, &retry_at(1))?;
            return Ok(SourceResult::Skipped(reason));
        }
        let next = stamp(next.after_success(source, checked.state.min_interval_seconds));
        store.record_success(source.id, &checked.state, &now, &next)?;
        Ok(SourceResult::Ok(checked.items))
    }

    async fn check_page(&self, source: &Source) -> CheckResult {
        let job = PageJob {
            url: source.target.clone(),
            keys: Vec::new(),
            item: None,
        };
        match self.collect_page(source, job, true).await? {
            ItemOutcome::Failed(failure) => Err(page_failure(&source.target, failure)),
            outcome => {
                let mut items = ItemTally::default();
                items.add(outcome);
                Ok(Checked {
                    items,
                    ..Checked::default()
                })
            }
        }
    }

    async fn check_feed(&self, source: &Source) -> CheckResult {
        let request = Request {
            accept: Some(
                "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.8, */*;q=0.5",
            ),
            page: false,
            ..conditional_request(source)
        };
        let fetched = match self.fetcher.fetch(&request).await? {
            Response::NotModified => return Ok(Checked::default()),
            Response::Fetched(fetched) => fetched,
        };
        let (items, ttl) = parse_feed_with_ttl(&fetched.body, &fetched.url)
            .map_err(|err| CollectError::unreadable(&source.target, reason_of(err)))?;
        let (linked, unlinked): (Vec<FeedItem>, Vec<FeedItem>) =
            items.into_iter().partition(|item| item.link.is_some());
        let jobs: Vec<PageJob> = linked
            .into_iter()
            .filter_map(|item| feed_job(source.id, item))
            .collect();
        let mut tally = self.collect_new_pages(source, jobs).await?;
        for item in unlinked {
            tally.add(self.save_feed_copy(source, item)?);
        }
        let mut state = validators(&fetched, &tally);
        state.min_interval_seconds = server_floor(ttl, fetched.cache_control.as_deref())
            .map(|floor| i64::try_from(floor.as_secs()).unwrap_or(i64::MAX));
        Ok(Checked {
            state,
            items: tally,
            disabled: None,
        })
    }

    /// Stores an item that has no page of its own from the feed's copy of its text, known by
    /// its GUID (an item with neither text nor GUID has nothing to keep, and counts as
    /// known).
    fn save_feed_copy(&self, source: &Source, item: FeedItem) -> Result<ItemOutcome> {
        let (Some(guid), Some(_)) = (&item.guid, item.body_html()) else {
            return Ok(ItemOutcome::Known);
        };
        let keys = vec![format!("guid:{}:{guid}", source.id)];
        if self.store.borrow().knows_item(&keys)? {
            return Ok(ItemOutcome::Known);
        }
        let name = format!("{} item {guid}", source.target);
        let (document, quotes) = match read_page(&name, None, Some(&item)) {
            Ok(read) => read,
            Err(message) => return Ok(ItemOutcome::unreadable(message)),
        };
        let document = Document {
            url: None,
            canonical_url: None,
            ..document
        };
        self.save(source, &document, &quotes, &[], &keys)?;
        self.progress.item();
        Ok(ItemOutcome::Stored)
    }

    /// Collects the pages not collected before, in the order given (newest first), up to
    /// the page budget of a check (`max_items_per_source`); the rest wait for later checks.
    pub async fn collect_new_pages(
        &self,
        source: &Source,
        jobs: Vec<PageJob>,
    ) -> Result<ItemTally> {
        let budget = self.settings.max_items_per_source.max(1);
        let mut tally = ItemTally::default();
        let mut new = Vec::new();
        for job in jobs {
            if new.len() >= budget {
                break;
            }
            if self.is_known(&job.keys_with_url(), &job.url)? {
                self.progress.item();
                tally.add(ItemOutcome::Known);
            } else {
                new.push(job);
            }
        }
        tally.merge(self.collect_pages(source, new).await?);
        Ok(tally)
    }

    /// Collects pages a few at a time; how they ended. Only the store failing is an error.
    /// Once several pages in a row got no answer, the rest are put off to the next check.
    pub async fn collect_pages(&self, source: &Source, jobs: Vec<PageJob>) -> Result<ItemTally> {
        let unanswered = Cell::new(0usize);
        let unanswered = &unanswered;
        let mut pages = stream::iter(jobs)
            .map(|job| async move {
                if unanswered.get() >= UNANSWERED_IN_A_ROW {
                    return Ok::<_, Error>(ItemOutcome::PutOff);
                }
                let outcome = self.collect_page(source, job, false).await?;
                if outcome.unanswered() {
                    unanswered.set(unanswered.get() + 1);
                } else if !matches!(outcome, ItemOutcome::Failed(_)) {
                    unanswered.set(0);
                }
                Ok(outcome)
            })
            .buffer_unordered(self.settings.pages_per_source.max(1));
        let mut tally = ItemTally::default();
        while let Some(outcome) = pages.next().await {
            tally.add(outcome?);
        }
        Ok(tally)
    }

    /// Fetches, reads and stores one page, unless it was collected before. A page that cannot
    /// be fetched or read falls back on the feed's own copy of the item, if any.
    pub async fn collect_page(
        &self,
        source: &Source,
        mut job: PageJob,
        refetch: bool,
    ) -> Result<ItemOutcome> {
        job.keys = job.keys_with_url();
        if !refetch && self.is_known(&job.keys, &job.url)? {
            self.progress.item();
            return Ok(ItemOutcome::Known);
        }
        let normalized = normalize_url(&job.url);
        if !self.in_flight.borrow_mut().insert(normalized.clone()) {
            return Ok(ItemOutcome::Known);
        }
        let result = self.fetch_and_save_page(source, job).await;
        self.in_flight.borrow_mut().remove(&normalized);
        result
    }

    async fn fetch_and_save_page(&self, source: &Source, mut job: PageJob) -> Result<ItemOutcome> {
        let request = Request {
            url: &job.url,
            allow_private: source.allow_private,
            page: true,
            accept: Some("text/html, application/xhtml+xml;q=0.9, text/plain;q=0.5, */*;q=0.1"),
            ..Request::default()
        };
        let fetched = match self.fetcher.fetch(&request).await {
            Ok(Response::Fetched(fetched)) => Some(fetched),
            Ok(Response::NotModified) => None,
            Err(err) if job.item.as_ref().and_then(FeedItem::body_html).is_some() => {
                tracing::debug!(url = %err.url, reason = %err.reason, source = source.id, "page not fetched; the feed's copy of the item is read instead");
                None
            }
            Err(err) => return Ok(ItemOutcome::fetch_failed(err)),
        };
        let final_url = fetched.as_ref().map(|f| f.url.clone());
        let (document, quotes) =
            match read_off_thread(job.url.clone(), fetched, job.item.clone()).await {
                Ok(read) => read,
                Err(message) => return Ok(ItemOutcome::unreadable(message)),
            };
        let mut urls = vec![job.url.clone()];
        urls.extend(final_url.iter().cloned());
        urls.extend(document.canonical_url.iter().cloned());
        job.keys.extend(final_url.iter().map(|u| url_key(u)));
        self.save(source, &document, &quotes, &urls, &job.keys)?;
        self.progress.item();
        Ok(ItemOutcome::Stored)
    }

    fn is_known(&self, keys: &[String], url: &str) -> Result<bool> {
        let store = self.store.borrow();
        Ok(store.knows_item(keys)? || store.document_by_url(&normalize_url(url))?.is_some())
    }

    /// Stores a social post as its author's statement, unless it is known.
    pub fn save_post(&self, source: &Source, post: PostDocument) -> Result<ItemOutcome> {
        let keys = vec![post.key.clone()];
        if self.store.borrow().knows_item(&keys)? {
            return Ok(ItemOutcome::Known);
        }
        let quotes = post_quotes(&post.document);
        let urls: Vec<String> = post.document.url.iter().cloned().collect();
        self.save(source, &post.document, &quotes, &urls, &keys)?;
        if let Some(meta) = post.document.posts.first()
            && let (Some(author), Some(handle)) = (&meta.author, &meta.handle)
            && let Err(error) = self.store.borrow_mut().add_speaker_alias(author, handle)
        {
            tracing::warn!(%error, author, handle, source = source.id, "the handle was not stored as an alias of its author");
        }
        self.progress.item();
        Ok(ItemOutcome::Stored)
    }

    /// Saves a document, links it to every URL it was found under and remembers its keys.
    fn save(
        &self,
        source: &Source,
        document: &Document,
        quotes: &[Quote],
        urls: &[String],
        keys: &[String],
    ) -> Result<()> {
        let now = jiff::Timestamp::now();
        let document = with_plausible_dates(document, source.id, now);
        let now = now.to_string();
        let mut store = self.store.borrow_mut();
        let mut counts = self.counts.get();
        let id = match store.save(&document, quotes, &now)? {
            SaveOutcome::Added { id, quotes, .. } => {
                counts.new_documents += 1;
                counts.new_quotes += quotes;
                id
            }
            SaveOutcome::Updated { id, .. } => {
                counts.updated_documents += 1;
                id
            }
            SaveOutcome::Unchanged { id } => id,
        };
        self.counts.set(counts);
        let mut normalized: Vec<String> = urls.iter().map(|url| normalize_url(url)).collect();
        normalized.sort();
        normalized.dedup();
        store.record_collected(id, source.id, &normalized, keys, &now)
    }
}

/// The document with every date that could not be right left out (see
/// [`crate::read::dates`]), each logged with its raw value; the others stay as given.
fn with_plausible_dates(
    document: &Document,
    source: i64,
    now: jiff::Timestamp,
) -> Cow<'_, Document> {
    let fields: Vec<&str> = document
        .published
        .iter()
        .chain(&document.modified)
        .chain(document.posts.iter().flat_map(|post| &post.published))
        .map(String::as_str)
        .collect();
    let wrong = |raw: &Option<String>| {
        raw.as_deref().is_some_and(|raw| {
            let others: Vec<&str> = fields.iter().copied().filter(|f| *f != raw).collect();
            let wrong = plausible(raw, &others, now).is_none();
            if wrong {
                let url = document.url.as_deref().unwrap_or_default();
                tracing::warn!(source, url, raw, "a date that cannot be right was left out");
            }
            wrong
        })
    };
    let published = wrong(&document.published);
    let modified = wrong(&document.modified);
    let posts: Vec<bool> = document
        .posts
        .iter()
        .map(|post| wrong(&post.published))
        .collect();
    if !published && !modified && !posts.contains(&true) {
        return Cow::Borrowed(document);
    }
    let mut checked = document.clone();
    if published {
        checked.published = None;
    }
    if modified {
        checked.modified = None;
    }
    for (post, wrong) in checked.posts.iter_mut().zip(posts) {
        if wrong {
            post.published = None;
        }
    }
    Cow::Owned(checked)
}

/// A page source whose one page failed: the source itself could not be read.
fn page_failure(target: &str, failure: SourceFailure) -> CollectError {
    let message = failure.message;
    let reason = message
        .strip_prefix(target)
        .and_then(|rest| rest.strip_prefix(": "))
        .unwrap_or(&message);
    match failure.kind {
        Some(kind) => FetchError::new(target, reason, kind).into(),
        None => CollectError::unreadable(target, reason),
    }
}

/// The reason of a library error, without the input it names (the caller names it).
fn reason_of(err: Error) -> String {
    match err {
        Error::Input { reason, .. } | Error::Fetch { reason, .. } => reason,
        other => other.to_string(),
    }
}

/// A feed item as a page job (items without a link or content are skipped).
fn feed_job(source_id: i64, item: FeedItem) -> Option<PageJob> {
    let url = item.link.clone()?;
    let mut keys = Vec::new();
    if let Some(guid) = &item.guid {
        keys.push(format!("guid:{source_id}:{guid}"));
    }
    Some(PageJob {
        url,
        keys,
        item: Some(item),
    })
}

/// What to remember of a list read in full (a feed, a sitemap): its validators, for the
/// next conditional request, unless an item failed in a way that may pass: then none, so
/// that the next check reads the list whole and tries that item again.
pub(super) fn validators(fetched: &Fetched, items: &ItemTally) -> CheckState {
    let keep = !items.retry_wanted;
    CheckState {
        etag: fetched.etag.clone().filter(|_| keep),
        last_modified: fetched.last_modified.clone().filter(|_| keep),
        replace_validators: true,
        min_interval_seconds: server_floor(None, fetched.cache_control.as_deref())
            .map(|floor| i64::try_from(floor.as_secs()).unwrap_or(i64::MAX)),
        ..CheckState::default()
    }
}

/// Reads and extracts on the blocking pool, so that parsing never stalls the fetches.
async fn read_off_thread(
    url: String,
    fetched: Option<Fetched>,
    item: Option<FeedItem>,
) -> std::result::Result<(Document, Vec<Quote>), String> {
    let name = url.clone();
    tokio::task::spawn_blocking(move || read_page(&url, fetched, item.as_ref()))
        .await
        .map_err(|err| format!("{name}: reading failed: {err}"))?
}

/// The page as read, else the feed's copy; the feed's metadata fills what the page lacks.
fn read_page(
    url: &str,
    fetched: Option<Fetched>,
    item: Option<&FeedItem>,
) -> std::result::Result<(Document, Vec<Quote>), String> {
    let from_page = fetched.map(|fetched| {
        crate::read::read(
            &fetched.body,
            fetched.content_type.as_deref(),
            Some(&fetched.url),
            url,
        )
    });
    let mut document = match (from_page, item.and_then(FeedItem::body_html)) {
        (Some(Ok(document)), _) => document,
        (_, Some(html)) => {
            let address = url.starts_with("http").then_some(url);
            crate::read::read(html.as_bytes(), Some("text/html"), address, url)
                .map_err(|e| e.to_string())?
        }
        (Some(Err(err)), None) => return Err(err.to_string()),
        (None, None) => return Err(format!("{url}: nothing to read")),
    };
    if let Some(item) = item {
        fill_from_feed(&mut document, item);
    }
    let quotes = extract::quotes(&document);
    Ok((document, quotes))
}

/// The feed's title, dates (published, updated), authors and media captions where the page
/// has none.
fn fill_from_feed(document: &mut Document, item: &FeedItem) {
    if document.title.is_none() {
        document.title = item.title.clone();
    }
    if document.published.is_none() {
        document.published = item.published.clone().or(item.updated.clone());
    }
    if document.modified.is_none() {
        document.modified = item.updated.clone();
    }
    if document.authors.is_empty() {
        document.authors = item.authors.clone();
    }
    for caption in &item.captions {
        if !document.captions.iter().any(|c| c.text == caption.text) {
            document.captions.push(caption.clone());
        }
    }
}

/// The quotes of a post: whatever the extractor finds, and the post itself as a statement of
/// its author when the extractor did not already make it one.
pub fn post_quotes(document: &Document) -> Vec<Quote> {
    let mut quotes = extract::quotes(document);
    if quotes.iter().any(|q| q.kind == QuoteKind::Post) {
        for quote in quotes.iter_mut().filter(|q| q.kind == QuoteKind::Post) {
            unwrap_quotation(quote);
        }
        return quotes;
    }
    for (index, block) in document.blocks.iter().enumerate() {
        let BlockKind::Post(post) = block.kind else {
            continue;
        };
        let meta = document.posts.get(post);
        let text = document.block_text(block).to_string();
        let mut quote = Quote {
            context: text.clone(),
            text,
            speaker: meta.and_then(|m| m.author.clone().or(m.handle.clone())),
            speaker_mention: meta.and_then(|m| m.handle.clone()),
            role: None,
            cue: Some("posted".to_string()),
            kind: QuoteKind::Post,
            paragraph: index,
            start: block.range.start,
            end: block.range.end,
        };
        unwrap_quotation(&mut quote);
        quotes.push(quote);
    }
    quotes
}

/// Quotation marks that can wrap a whole post, opening and closing.
const QUOTATION_PAIRS: &[(char, char)] = &[
    ('“', '”'),
    ('"', '"'),
    ('„', '“'),
    ('«', '»'),
    ('»', '«'),
    ('‘', '’'),
    ('\'', '\''),
];

/// A post that is one quotation from end to end (`“Alec’s last day.”`) keeps the words
/// inside the marks, as every quote does: shown, it is wrapped in marks again.
fn unwrap_quotation(quote: &mut Quote) {
    let text = quote.text.trim();
    let unwrapped = QUOTATION_PAIRS.iter().find_map(|&(open, close)| {
        let inner = text.strip_prefix(open)?.strip_suffix(close)?;
        let whole = !inner.is_empty() && !inner.contains(open) && !inner.contains(close);
        whole.then_some((inner, open.len_utf8(), close.len_utf8()))
    });
    let Some((inner, open, close)) = unwrapped else {
        return;
    };
    let leading = quote.text.len() - quote.text.trim_start().len();
    let trailing = quote.text.len() - quote.text.trim_end().len();
    quote.start += leading + open;
    quote.end = quote.end.saturating_sub(trailing + close).max(quote.start);
    quote.text = inner.to_string();
}

/// A GET of the source's own URL, conditional on the ETag and Last-Modified of the last
/// response read in full, whenever it had them (failures since then do not matter: a
/// source whose own URL failed was not read, and its items are another matter).
pub(super) fn conditional_request(source: &Source) -> Request<'_> {
    Request {
        url: &source.target,
        allow_private: source.allow_private,
        etag: source.etag.as_deref(),
        last_modified: source.last_modified.as_deref(),
        ..Request::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Post;

    /// A document of one Mastodon post by `author`.
    fn post_by(author: &str, text: &str) -> Document {
        let mut document = Document::default();
        document.posts.push(Post {
            platform: "mastodon".into(),
            author: Some(author.into()),
            handle: Some("@ines@social.example".into()),
            ..Post::default()
        });
        document.push_block(BlockKind::Post(0), text);
        document
    }

    #[test]
    fn a_post_is_a_statement_of_its_author() {
        let document = post_by("Ines Varga", "The ferry runs again from Monday.");
        let quotes = post_quotes(&document);
        let post: Vec<&Quote> = quotes
            .iter()
            .filter(|q| q.kind == QuoteKind::Post)
            .collect();
        assert_eq!(post.len(), 1);
        assert_eq!(post[0].speaker.as_deref(), Some("Ines Varga"));
        assert_eq!(post[0].text, "The ferry runs again from Monday.");
    }

    #[test]
    fn a_post_that_is_one_quotation_is_stored_without_its_marks() {
        let document = post_by("Dermot Mac", "“Alec’s last day. I’ll miss you.”");
        let quotes = post_quotes(&document);
        let post = quotes
            .iter()
            .find(|q| q.kind == QuoteKind::Post)
            .expect("the post is a statement");
        assert_eq!(post.text, "Alec’s last day. I’ll miss you.");
        assert_eq!(&document.text[post.start..post.end], post.text);

        let mut two = Document::default();
        two.push_block(BlockKind::Post(0), "“Yes,” she said, “and no.”");
        let quotes = post_quotes(&two);
        assert!(
            quotes
                .iter()
                .all(|q| q.kind != QuoteKind::Post || q.text == "“Yes,” she said, “and no.”"),
            "two quotations are not one: {quotes:?}"
        );
    }

    #[test]
    fn without_the_page_the_feed_copy_is_read_with_its_metadata() {
        let item = FeedItem {
            title: Some("Ferry back".into()),
            published: Some("2026-05-05T08:30:00+00:00".into()),
            content_html: Some("<p>“It will run daily,” said Oona Lind.</p>".into()),
            ..FeedItem::default()
        };
        let (document, _) =
            read_page("https://a.example/ferry", None, Some(&item)).expect("reads the feed copy");
        assert!(
            document.text.contains("It will run daily"),
            "{}",
            document.text
        );
        assert_eq!(document.title.as_deref(), Some("Ferry back"));
        assert_eq!(
            document.published.as_deref(),
            Some("2026-05-05T08:30:00+00:00")
        );
    }

    #[test]
    fn nothing_to_read_is_an_error() {
        assert!(read_page("https://a.example/x", None, None).is_err());
    }
}
