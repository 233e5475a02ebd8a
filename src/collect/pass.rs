//! Source checks as a stream of jobs, each started on its own.
//!
//! `sources → fetch → … → store`: the model of link checkers such as lychee. A check starts
//! as soon as a worker is free (`concurrency` of them) and its host has room (no more than
//! the fetcher's `per_host` checks of one host at once), whatever else is in flight; each is
//! recorded the moment it ends. A stalled server holds its own check and its own host, never
//! the others. `collect` feeds a [`Pass`] the due sources once; `run` feeds it whatever
//! becomes due, for as long as it runs.

use super::run::{CheckResult, Collector, SourceReport, SourceResult, Summary};
use crate::error::Result;
use crate::store::{Source, SourceKind};
use futures_util::StreamExt;
use futures_util::future::LocalBoxFuture;
use futures_util::stream::FuturesUnordered;
use std::collections::{HashMap, VecDeque};
use url::Url;

/// The checks in flight, and what the ended ones add up to.
pub struct Pass<'c, 'a> {
    collector: &'c Collector<'a>,
    checks: FuturesUnordered<LocalBoxFuture<'c, (Source, CheckResult)>>,
    /// The sources in flight, with their host.
    running: HashMap<i64, String>,
    /// Checks in flight per host.
    busy_hosts: HashMap<String, usize>,
    summary: Summary,
    /// Keep a report per check (`collect` lists them; `run`, which never ends, only counts).
    keep_reports: bool,
}

impl<'c, 'a> Pass<'c, 'a> {
    pub fn new(collector: &'c Collector<'a>, keep_reports: bool) -> Pass<'c, 'a> {
        Pass {
            collector,
            checks: FuturesUnordered::new(),
            running: HashMap::new(),
            busy_hosts: HashMap::new(),
            summary: Summary::default(),
            keep_reports,
        }
    }

    /// No check in flight.
    pub fn is_idle(&self) -> bool {
        self.checks.is_empty()
    }

    /// The ids of the sources in flight.
    pub fn running(&self) -> Vec<i64> {
        self.running.keys().copied().collect()
    }

    /// Starts, in order, each waiting source that a free worker and its host allow (a source
    /// already in flight is left out); returns those that must wait.
    pub fn start_from(&mut self, waiting: impl IntoIterator<Item = Source>) -> VecDeque<Source> {
        let settings = self.collector.settings;
        let workers = settings.concurrency.max(1);
        let per_host = self.collector.fetcher.config().per_host.max(1);
        let mut left = VecDeque::new();
        for source in waiting {
            if self.running.contains_key(&source.id) {
                continue;
            }
            let api = source.service.as_deref().unwrap_or(&settings.bluesky_api);
            let host = host_of(source.kind, &source.target, api);
            let host_full = self.busy_hosts.get(&host).is_some_and(|&n| n >= per_host);
            if self.checks.len() >= workers || host_full {
                left.push_back(source);
                continue;
            }
            self.start(source, host);
        }
        left
    }

    fn start(&mut self, source: Source, host: String) {
        *self.busy_hosts.entry(host.clone()).or_default() += 1;
        self.running.insert(source.id, host);
        let collector = self.collector;
        self.checks.push(Box::pin(async move {
            let result = collector.check(&source).await;
            (source, result)
        }));
    }

    /// Waits for the next check to end and records it; `None` when none is in flight. An
    /// error is the store's: the pass is to stop.
    pub async fn next(&mut self) -> Option<Result<()>> {
        let (source, checked) = self.checks.next().await?;
        Some(self.finish(source, checked))
    }

    fn finish(&mut self, source: Source, checked: CheckResult) -> Result<()> {
        if let Some(host) = self.running.remove(&source.id)
            && let Some(busy) = self.busy_hosts.get_mut(&host)
        {
            *busy = busy.saturating_sub(1);
        }
        let result = self.collector.record(&source, checked)?;
        match &result {
            SourceResult::Ok(_) => self.summary.sources_ok += 1,
            SourceResult::Failed(_) => self.summary.sources_failed += 1,
            SourceResult::Skipped(_) => self.summary.sources_skipped += 1,
        }
        self.collector.progress.source_done(&source, &result);
        if self.keep_reports {
            self.summary.reports.push(SourceReport {
                id: source.id,
                target: source.target,
                result,
            });
        }
        Ok(())
    }

    /// What the checks ended so far add up to, with every document stored counted (those
    /// of checks still in flight too).
    pub fn summary(&self) -> Summary {
        let counts = self.collector.counts();
        Summary {
            new_documents: counts.new_documents,
            updated_documents: counts.updated_documents,
            new_quotes: counts.new_quotes,
            ..self.summary.clone()
        }
    }
}

/// The host a source's check talks to, the unit of politeness: the target's for web
/// sources, the instance for Mastodon, the AppView for Bluesky.
fn host_of(kind: SourceKind, target: &str, bluesky_api: &str) -> String {
    let url = match kind {
        SourceKind::Feed | SourceKind::Page | SourceKind::Sitemap => Url::parse(target),
        SourceKind::Mastodon => {
            let instance = target.rsplit('@').next().unwrap_or_default();
            Url::parse(&format!("https://{instance}/"))
        }
        SourceKind::Bluesky => Url::parse(bluesky_api),
        SourceKind::File => return String::new(),
    };
    match url {
        Ok(url) => format!(
            "{}:{}",
            url.host_str().unwrap_or_default(),
            url.port_or_known_default().unwrap_or(0)
        ),
        Err(_) => target.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_grouped_by_the_host_they_talk_to() {
        let api = "https://public.api.bsky.app";
        let host = |kind, target| host_of(kind, target, api);
        assert_eq!(
            host(SourceKind::Feed, "https://news.example.org/rss"),
            host(SourceKind::Page, "https://news.example.org/2026/story")
        );
        assert_ne!(
            host(SourceKind::Feed, "http://127.0.0.1:8001/rss"),
            host(SourceKind::Feed, "http://127.0.0.1:8002/rss")
        );
        assert_eq!(
            host(SourceKind::Mastodon, "@editor@social.example"),
            host(SourceKind::Mastodon, "#harbour@social.example")
        );
        assert_eq!(
            host(SourceKind::Bluesky, "desk.example"),
            "public.api.bsky.app:443"
        );
    }
}
