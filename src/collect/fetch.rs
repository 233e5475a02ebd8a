//! The HTTP client, used by everything that touches the network.
//!
//! `sources → fetch → read page`: one configuration, one set of limits. A User-Agent naming
//! onrecord with a contact URL; a connect time-out, a time-out per attempt and one deadline
//! for the whole fetch, retries and waits included; at most 5 redirects; bodies capped while
//! streaming (after decompression, so a gzip bomb stops at the cap); conditional GET with
//! ETag and Last-Modified (304 handled); per-host concurrency and a minimum delay between
//! requests to a host ([`super::polite`]), a global concurrency limit; `Retry-After` on 429
//! and 503 and `X-RateLimit-*` honoured; retries with exponential backoff and jitter on
//! transient errors only (a server that does not answer at all, once at most); robots.txt for
//! pages; and the private-address guard ([`super::guard`]).

use super::error::{FailureKind, FetchError};
use super::guard::{GuardedResolver, LookupError, refuse_literal};
use super::polite::{Hosts, RobotsCache};
use crate::error::Result;
use reqwest::StatusCode;
use reqwest::header::{self, HeaderMap};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;
use url::Url;

/// Bodies larger than this are refused by default.
pub const DEFAULT_BODY_LIMIT: usize = 10 * 1024 * 1024;

/// The contact URL in the User-Agent unless the configuration names another.
pub const DEFAULT_CONTACT: &str = "https://github.com/onrecord/onrecord";

/// Who we are, in every request (the default contact).
pub const USER_AGENT: &str = concat!(
    "onrecord/",
    env!("CARGO_PKG_VERSION"),
    " (quote archive for journalists; +https://github.com/onrecord/onrecord)"
);

/// The robots.txt token onrecord answers to.
pub const ROBOTS_AGENT: &str = "onrecord";

/// Everything the fetcher's behaviour depends on; every field has a polite default and can
/// be set in the configuration file (`[fetch]`, times in milliseconds; each is explained in
/// `config.example.toml`).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct FetchConfig {
    /// A URL (or mail address) where site owners can reach whoever runs this collector.
    pub contact: String,
    pub connect_timeout_ms: u64,
    /// One attempt, body included.
    pub timeout_ms: u64,
    /// The whole fetch: every attempt, and the waits between them, from the moment the
    /// first attempt starts (waiting for a turn at a busy host does not count).
    pub deadline_ms: u64,
    pub body_limit_bytes: usize,
    pub max_redirects: usize,
    /// Requests in flight to one host at once.
    pub per_host: usize,
    /// Minimum time between the starts of two requests to one host.
    pub host_delay_ms: u64,
    /// Requests in flight at once, all hosts together.
    pub global_concurrency: usize,
    /// Further attempts after a transient failure (after a refused connection, a time-out or
    /// a name that did not resolve: one at most).
    pub retries: u32,
    /// The first backoff; it doubles with each attempt, with jitter.
    pub retry_base_ms: u64,
    /// A `Retry-After` or rate-limit reset further away than this fails the request instead
    /// of waiting (it is recorded on the source, which is tried again on its next run).
    pub max_wait_ms: u64,
    /// Honour robots.txt for pages.
    pub robots: bool,
}

impl Default for FetchConfig {
    fn default() -> FetchConfig {
        FetchConfig {
            contact: DEFAULT_CONTACT.to_string(),
            connect_timeout_ms: 10_000,
            timeout_ms: 30_000,
            deadline_ms: 60_000,
            body_limit_bytes: DEFAULT_BODY_LIMIT,
            max_redirects: 5,
            per_host: 2,
            host_delay_ms: 1_000,
            global_concurrency: 32,
            retries: 3,
            retry_base_ms: 1_000,
            max_wait_ms: 120_000,
            robots: true,
        }
    }
}

impl FetchConfig {
    /// The User-Agent header for this configuration.
    pub fn user_agent(&self) -> String {
        format!(
            "onrecord/{} (quote archive for journalists; +{})",
            env!("CARGO_PKG_VERSION"),
            self.contact
        )
    }
}

/// One request: where, and what the caller knows about it.
#[derive(Debug, Clone, Default)]
pub struct Request<'a> {
    pub url: &'a str,
    /// The source was added with `--allow-private`.
    pub allow_private: bool,
    /// Validators from the last fetch, for a conditional GET.
    pub etag: Option<&'a str>,
    pub last_modified: Option<&'a str>,
    /// A page: robots.txt is honoured.
    pub page: bool,
    pub accept: Option<&'a str>,
    /// Another cap on the body than the configured one (a sitemap's is the protocol's).
    pub body_limit: Option<usize>,
}

impl<'a> Request<'a> {
    /// A plain GET of a URL (an API, a feed), private addresses refused.
    pub fn new(url: &'a str) -> Request<'a> {
        Request {
            url,
            ..Request::default()
        }
    }
}

/// A fetched response body.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The URL after redirects.
    pub url: String,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// The `Link` header (pagination).
    pub link: Option<String>,
    /// The `Cache-Control` header (its max-age bounds how often a source is checked).
    pub cache_control: Option<String>,
}

/// What a conditional GET can give.
#[derive(Debug, Clone)]
pub enum Response {
    Fetched(Fetched),
    /// 304: nothing changed since the validators were stored.
    NotModified,
}

/// A failed attempt, and what kind of failure it was.
#[derive(Debug)]
struct Failure {
    reason: String,
    kind: FailureKind,
    /// The server asked us to wait this long (Retry-After).
    retry_after: Option<Duration>,
}

impl Failure {
    fn new(kind: FailureKind, reason: impl Into<String>) -> Failure {
        Failure {
            reason: reason.into(),
            kind,
            retry_after: None,
        }
    }

    fn permanent(reason: impl Into<String>) -> Failure {
        Failure::new(FailureKind::Permanent, reason)
    }
}

/// The one HTTP client (two reqwest clients built alike: one that refuses private
/// addresses, one for sources added with `--allow-private`) and the shared limits.
#[derive(Debug, Clone)]
pub struct Fetcher {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    public: reqwest::Client,
    open: reqwest::Client,
    config: FetchConfig,
    hosts: Hosts,
    global: Semaphore,
    robots: RobotsCache,
}

impl Fetcher {
    /// A fetcher with the default configuration and this body cap.
    pub fn new(body_limit: usize) -> Result<Fetcher> {
        Fetcher::with_config(FetchConfig {
            body_limit_bytes: body_limit,
            ..FetchConfig::default()
        })
    }

    pub fn with_config(config: FetchConfig) -> Result<Fetcher> {
        let public = build_client(&config, false)?;
        let open = build_client(&config, true)?;
        let hosts = Hosts::new(config.per_host, Duration::from_millis(config.host_delay_ms));
        let global = Semaphore::new(config.global_concurrency.max(1));
        Ok(Fetcher {
            inner: Arc::new(Inner {
                public,
                open,
                hosts,
                global,
                robots: RobotsCache::default(),
                config,
            }),
        })
    }

    pub fn config(&self) -> &FetchConfig {
        &self.inner.config
    }

    /// GETs a URL a user named on the command line (private addresses allowed: the user
    /// chose it), refusing error statuses and bodies over the cap.
    pub async fn get(&self, url: &str) -> Result<Fetched> {
        let request = Request {
            url,
            allow_private: true,
            ..Request::default()
        };
        match self.fetch(&request).await? {
            Response::Fetched(fetched) => Ok(fetched),
            Response::NotModified => {
                Err(
                    FetchError::new(url, "HTTP 304 without validators", FailureKind::Permanent)
                        .into(),
                )
            }
        }
    }

    /// Fetches with every rule applied: the guard, robots.txt for pages, politeness,
    /// retries.
    pub async fn fetch(&self, request: &Request<'_>) -> Result<Response, FetchError> {
        let refused = |reason: String, kind| FetchError::new(request.url, reason, kind);
        let url = Url::parse(request.url)
            .map_err(|err| refused(err.to_string(), FailureKind::Permanent))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(refused(
                "only http and https URLs are fetched".into(),
                FailureKind::Permanent,
            ));
        }
        if !request.allow_private
            && let Some(reason) = refuse_literal(&url)
        {
            return Err(refused(reason, FailureKind::Private));
        }
        if request.page && self.inner.config.robots && !self.robots_allow(&url, request).await {
            return Err(refused(
                "disallowed by the site's robots.txt".into(),
                FailureKind::Robots,
            ));
        }
        self.with_retries(&url, request).await
    }

    async fn with_retries(&self, url: &Url, request: &Request<'_>) -> Result<Response, FetchError> {
        let config = &self.inner.config;
        let mut deadline = None;
        let mut failures = 0;
        let mut unanswered = 0;
        loop {
            let failure = match self.attempt(url, request, &mut deadline).await {
                Ok(response) => return Ok(response),
                Err(failure) => failure,
            };
            failures += 1;
            if matches!(failure.kind, FailureKind::NoAnswer | FailureKind::Lookup) {
                unanswered += 1;
            }
            let given_up = |reason: String| FetchError::new(request.url, reason, failure.kind);
            if !may_retry(failure.kind, failures, unanswered, config.retries) {
                return Err(given_up(failure.reason));
            }
            let wait = failure
                .retry_after
                .unwrap_or_else(|| backoff(config.retry_base_ms, failures - 1));
            if wait > Duration::from_millis(config.max_wait_ms) {
                return Err(given_up(format!(
                    "{} (asked to wait {} s)",
                    failure.reason,
                    wait.as_secs()
                )));
            }
            if failure.retry_after.is_some() {
                self.inner.hosts.pause(url, Instant::now() + wait);
            }
            if deadline.is_some_and(|at| Instant::now() + wait >= at) {
                return Err(given_up(format!(
                    "{} (no time left to try again within the {} deadline)",
                    failure.reason,
                    seconds(config.deadline_ms)
                )));
            }
            tokio::time::sleep(wait).await;
        }
    }

    /// One request, within the host's and the global limits, and within the fetch's
    /// deadline (set when its first attempt gets its turn).
    async fn attempt(
        &self,
        url: &Url,
        request: &Request<'_>,
        deadline: &mut Option<Instant>,
    ) -> Result<Response, Failure> {
        let inner = &self.inner;
        let host = inner.hosts.gate(url);
        let _host_slot = host.acquire().await;
        host.wait_turn().await;
        let _global_slot = inner
            .global
            .acquire()
            .await
            .map_err(|_| Failure::permanent("the fetcher was shut down"))?;
        let now = Instant::now();
        let deadline =
            *deadline.get_or_insert_with(|| now + Duration::from_millis(inner.config.deadline_ms));
        let left = deadline.saturating_duration_since(now);
        if left.is_zero() {
            return Err(Failure::new(
                FailureKind::NoAnswer,
                format!("the {} deadline passed", seconds(inner.config.deadline_ms)),
            ));
        }
        let client = if request.allow_private {
            &inner.open
        } else {
            &inner.public
        };
        let mut builder = client
            .get(url.clone())
            .timeout(left.min(Duration::from_millis(inner.config.timeout_ms)));
        if let Some(etag) = request.etag {
            builder = builder.header(header::IF_NONE_MATCH, etag);
        }
        if let Some(date) = request.last_modified {
            builder = builder.header(header::IF_MODIFIED_SINCE, date);
        }
        if let Some(accept) = request.accept {
            builder = builder.header(header::ACCEPT, accept);
        }
        let response = builder.send().await.map_err(send_failure)?;
        self.note_rate_limit(url, response.headers());
        let status = response.status();
        if status == StatusCode::NOT_MODIFIED {
            return Ok(Response::NotModified);
        }
        if !status.is_success() {
            return Err(status_failure(status, response.headers()));
        }
        let limit = request.body_limit.unwrap_or(inner.config.body_limit_bytes);
        read_body(response, limit).await.map(Response::Fetched)
    }

    /// A rate-limit budget used up: the host waits until the reset (Mastodon's
    /// `X-RateLimit-Remaining` and `-Reset`).
    fn note_rate_limit(&self, url: &Url, headers: &HeaderMap) {
        let remaining = header_text(headers, "x-ratelimit-remaining")
            .and_then(|v| v.trim().parse::<f64>().ok());
        if remaining.is_none_or(|left| left > 0.0) {
            return;
        }
        let Some(reset) = header_text(headers, "x-ratelimit-reset").and_then(reset_delay) else {
            return;
        };
        let capped = reset.min(Duration::from_millis(self.inner.config.max_wait_ms));
        self.inner.hosts.pause(url, Instant::now() + capped);
    }

    /// Whether robots.txt lets onrecord fetch this page (fetched once per host and cached;
    /// a missing or unreadable robots.txt allows everything).
    async fn robots_allow(&self, url: &Url, request: &Request<'_>) -> bool {
        let Some(robots_url) = robots_url(url) else {
            return true;
        };
        let cell = self.inner.robots.cell(&robots_url);
        let rules = cell
            .get_or_init(|| async {
                let robots_request = Request {
                    url: &robots_url,
                    allow_private: request.allow_private,
                    ..Request::default()
                };
                match self
                    .attempt(&Url::parse(&robots_url).ok()?, &robots_request, &mut None)
                    .await
                {
                    Ok(Response::Fetched(fetched)) => {
                        texting_robots::Robot::new(ROBOTS_AGENT, &fetched.body).ok()
                    }
                    _ => None,
                }
            })
            .await;
        match rules {
            Some(robot) => {
                if let Some(delay) = robot.delay {
                    self.inner
                        .hosts
                        .slow_down(url, Duration::from_secs_f32(delay.clamp(0.0, 60.0)));
                }
                robot.allowed(url.as_str())
            }
            None => true,
        }
    }
}

/// Streams the body, stopping at the cap (the bytes counted are the decompressed ones).
async fn read_body(mut response: reqwest::Response, limit: usize) -> Result<Fetched, Failure> {
    if response
        .content_length()
        .is_some_and(|length| length > limit as u64)
    {
        return Err(Failure::permanent(too_large(limit)));
    }
    let headers = response.headers();
    let text = |name: header::HeaderName| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let mut fetched = Fetched {
        url: response.url().to_string(),
        content_type: text(header::CONTENT_TYPE),
        etag: text(header::ETAG),
        last_modified: text(header::LAST_MODIFIED),
        link: text(header::LINK),
        cache_control: text(header::CACHE_CONTROL),
        body: Vec::new(),
    };
    loop {
        let chunk = response.chunk().await.map_err(body_failure)?;
        let Some(chunk) = chunk else { break };
        if fetched.body.len() + chunk.len() > limit {
            return Err(Failure::permanent(too_large(limit)));
        }
        fetched.body.extend_from_slice(&chunk);
    }
    Ok(fetched)
}

fn build_client(config: &FetchConfig, allow_private: bool) -> Result<reqwest::Client> {
    let max_redirects = config.max_redirects;
    let policy = reqwest::redirect::Policy::custom(move |attempt| {
        match redirect_refusal(
            attempt.previous().len(),
            max_redirects,
            attempt.url(),
            allow_private,
        ) {
            Some(reason) => attempt.error(reason),
            None => attempt.follow(),
        }
    });
    reqwest::Client::builder()
        .user_agent(config.user_agent())
        .connect_timeout(Duration::from_millis(config.connect_timeout_ms))
        .timeout(Duration::from_millis(config.timeout_ms))
        .redirect(policy)
        .pool_max_idle_per_host(config.per_host.max(1))
        .dns_resolver(Arc::new(GuardedResolver { allow_private }))
        .build()
        .map_err(|err| {
            FetchError::new(
                "",
                format!("cannot build the HTTP client: {err}"),
                FailureKind::Permanent,
            )
            .into()
        })
}

/// Why a redirect may not be followed: too many of them, or one into private space.
/// `redirect` counts the redirects so far, this one included (reqwest's `previous()` holds
/// every URL requested before it, the first one included).
fn redirect_refusal(
    redirect: usize,
    max_redirects: usize,
    to: &Url,
    allow_private: bool,
) -> Option<String> {
    if redirect > max_redirects {
        return Some(format!("more than {max_redirects} redirects"));
    }
    if allow_private {
        return None;
    }
    refuse_literal(to).map(|reason| format!("redirected to a private address: {reason}"))
}

/// A request that got no response, by kind: a name that did not resolve, a private
/// address refused, no answer (refused or timed out), a redirect refused, or the
/// connection failing on the way.
fn send_failure(err: reqwest::Error) -> Failure {
    let err = err.without_url();
    if let Some(lookup) = find_cause::<LookupError>(&err) {
        let kind = match lookup {
            LookupError::NotFound { .. } => FailureKind::Lookup,
            LookupError::Private { .. } => FailureKind::Private,
        };
        return Failure::new(kind, lookup.to_string());
    }
    if err.is_timeout() {
        return Failure::new(FailureKind::NoAnswer, "timed out");
    }
    if err.is_redirect() {
        let private = describe(&err).contains("--allow-private");
        let kind = if private {
            FailureKind::Private
        } else {
            FailureKind::Permanent
        };
        return Failure::new(kind, describe(&err));
    }
    if err.is_connect() {
        let refused = find_cause::<std::io::Error>(&err)
            .is_some_and(|io| io.kind() == std::io::ErrorKind::ConnectionRefused);
        let reason = if refused {
            "connection refused".to_string()
        } else {
            describe(&err)
        };
        return Failure::new(FailureKind::NoAnswer, reason);
    }
    Failure::new(FailureKind::Transient, describe(&err))
}

/// A body that stopped coming: a time-out is no answer, a cut connection may pass.
fn body_failure(err: reqwest::Error) -> Failure {
    let err = err.without_url();
    if err.is_timeout() {
        return Failure::new(FailureKind::NoAnswer, "timed out while reading the body");
    }
    Failure::new(FailureKind::Transient, describe(&err))
}

/// The first error of type `T` among an error's causes.
fn find_cause<T: std::error::Error + 'static>(err: &reqwest::Error) -> Option<&T> {
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        if let Some(found) = cause.downcast_ref::<T>() {
            return Some(found);
        }
        source = cause.source();
    }
    None
}

/// A non-success status as a failure: 408, 429 and 5xx may pass, the rest will not.
fn status_failure(status: StatusCode, headers: &HeaderMap) -> Failure {
    let transient = matches!(status.as_u16(), 408 | 429 | 500 | 502 | 503 | 504);
    let retry_after = if matches!(status.as_u16(), 429 | 503) {
        header_text(headers, "retry-after").and_then(retry_after_delay)
    } else {
        None
    };
    let kind = if transient {
        FailureKind::Transient
    } else {
        FailureKind::Permanent
    };
    Failure {
        reason: format!("HTTP {status}"),
        kind,
        retry_after,
    }
}

fn header_text<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// Whether to try again after `failures` failed attempts, the last of this kind, of which
/// `unanswered` got no answer at all: only a failure that may pass, within the retries
/// allowed, and after no answer (a refused connection, a time-out, a name that did not
/// resolve) only once: a server that is not there will not be there a second later either.
fn may_retry(kind: FailureKind, failures: u32, unanswered: u32, retries: u32) -> bool {
    kind.may_pass() && failures <= retries && unanswered <= 1
}

/// "60 s", "0.5 s".
fn seconds(millis: u64) -> String {
    format!("{} s", millis as f64 / 1000.0)
}

/// `Retry-After`: seconds, or an HTTP date.
pub fn retry_after_delay(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = jiff::fmt::rfc2822::DateTimeParser::new()
        .parse_timestamp(value)
        .ok()?;
    Some(until(when))
}

/// `X-RateLimit-Reset`: an RFC 3339 time (Mastodon) or seconds from now.
fn reset_delay(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(when) = value.parse::<jiff::Timestamp>() {
        return Some(until(when));
    }
    value.parse::<u64>().ok().map(Duration::from_secs)
}

fn until(when: jiff::Timestamp) -> Duration {
    let millis = when.as_millisecond() - jiff::Timestamp::now().as_millisecond();
    Duration::from_millis(u64::try_from(millis).unwrap_or(0))
}

/// `base · 2^attempt`, times a random factor between 0.5 and 1.5.
pub fn backoff(base_ms: u64, attempt: u32) -> Duration {
    let exponential = base_ms.saturating_mul(1u64 << attempt.min(16));
    let jitter = 0.5 + (random_u64() % 1000) as f64 / 1000.0;
    Duration::from_millis((exponential as f64 * jitter) as u64)
}

/// A random number from the standard library's hasher keys (enough for jitter).
fn random_u64() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(Instant::now().elapsed().as_nanos());
    hasher.finish()
}

fn robots_url(url: &Url) -> Option<String> {
    let host = url.host_str()?;
    Some(match url.port() {
        Some(port) => format!("{}://{host}:{port}/robots.txt", url.scheme()),
        None => format!("{}://{host}/robots.txt", url.scheme()),
    })
}

fn too_large(limit: usize) -> String {
    format!(
        "the body is larger than the {} MB limit",
        limit.div_ceil(1024 * 1024)
    )
}

/// reqwest's error with its causes, on one line (taken without its URL: whoever shows the
/// message names it once).
fn describe(err: &reqwest::Error) -> String {
    let mut text = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_takes_seconds_and_dates() {
        assert_eq!(retry_after_delay("7"), Some(Duration::from_secs(7)));
        assert_eq!(
            retry_after_delay("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after_delay("soon"), None);
    }

    #[test]
    fn backoff_doubles_with_jitter() {
        for attempt in 0..4 {
            let wait = backoff(100, attempt).as_millis() as u64;
            let middle = 100 << attempt;
            assert!(
                wait >= middle / 2 && wait <= middle * 3 / 2,
                "{attempt}: {wait}"
            );
        }
    }

    #[test]
    fn only_transient_statuses_are_retried() {
        let none = HeaderMap::new();
        let passes = |status| status_failure(status, &none).kind.may_pass();
        assert!(passes(StatusCode::SERVICE_UNAVAILABLE));
        assert!(passes(StatusCode::TOO_MANY_REQUESTS));
        assert!(!passes(StatusCode::NOT_FOUND));
        assert!(!passes(StatusCode::FORBIDDEN));
    }

    #[test]
    fn no_answer_is_tried_again_once_and_other_transient_failures_up_to_the_retries() {
        assert!(may_retry(FailureKind::NoAnswer, 1, 1, 3));
        assert!(!may_retry(FailureKind::NoAnswer, 2, 2, 3));
        assert!(!may_retry(FailureKind::Lookup, 2, 2, 3));
        assert!(may_retry(FailureKind::Transient, 3, 1, 3));
        assert!(!may_retry(FailureKind::Transient, 4, 0, 3));
        assert!(
            !may_retry(FailureKind::NoAnswer, 1, 1, 0),
            "no retries at all"
        );
        assert!(!may_retry(FailureKind::Permanent, 1, 0, 3));
        assert!(!may_retry(FailureKind::Robots, 1, 0, 3));
    }

    #[test]
    fn redirects_are_limited_and_kept_out_of_private_space() {
        let public = Url::parse("https://news.example.org/a").expect("a URL");
        let private = Url::parse("http://10.0.0.1/admin").expect("a URL");
        assert_eq!(redirect_refusal(1, 5, &public, false), None);
        assert_eq!(redirect_refusal(5, 5, &public, false), None);
        assert!(redirect_refusal(6, 5, &public, false).is_some_and(|r| r.contains("5 redirects")));
        assert!(
            redirect_refusal(1, 5, &private, false).is_some_and(|r| r.contains("--allow-private"))
        );
        assert_eq!(redirect_refusal(1, 5, &private, true), None);
    }

    #[test]
    fn user_agent_names_the_contact() {
        let config = FetchConfig {
            contact: "mailto:desk@example.org".into(),
            ..FetchConfig::default()
        };
        assert!(config.user_agent().starts_with("onrecord/"));
        assert!(config.user_agent().contains("mailto:desk@example.org"));
    }
}
