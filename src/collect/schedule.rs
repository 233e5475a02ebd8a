//! `onrecord run`: collection that keeps going, on a schedule, until told to stop.
//!
//! `sources → fetch → … → store`, again and again: the `sources` table is the queue,
//! `next_check_at` its order; each due source starts as soon as a worker and its host allow
//! ([`super::pass`]), and is recorded the moment it ends, so a slow source holds back no
//! other. In between, the loop sleeps until the next source is due or a check ends (at most
//! [`MAX_SLEEP`], so that new sources are picked up). When to check a source next is decided by the pure functions here:
//! its interval (the configured default, or its own), never shorter than the server asks (a
//! feed's `<ttl>`, `Cache-Control: max-age`), plus a little jitter; after failures, an
//! exponential back-off up to a day, reset by the next success. A source failing for a week
//! is flagged, in the logs and in `onrecord sources list`, and still retried once a day.
//!
//! Shutdown: when the stop signal fires no new source is started, in-flight checks get
//! [`GRACE`] to finish and are then abandoned. Every page is saved in its own transaction and
//! a source's next check is written only when its check is done, so an abandoned (or killed)
//! check is simply done again by the next run, and what it already saved is known by then.
//! [`InstanceLock`] keeps a second `run` (or `collect`) off the same database.

use super::config::CollectConfig;
use super::fetch::Fetcher;
use super::pass::Pass;
use super::run::{Collector, Progress, Summary};
use crate::error::{Error, Result};
use crate::store::{Source, Store};
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tokio::sync::watch;

/// The first wait after a failure; it doubles with each failure in a row.
pub const FIRST_RETRY: Duration = Duration::from_secs(5 * 60);
/// The longest wait after failures, and the longest lower bound a server can impose.
pub const MAX_WAIT: Duration = Duration::from_secs(24 * 60 * 60);
/// A source failing this long is flagged.
pub const FAILING_FLAG_AFTER: Duration = Duration::from_secs(7 * 24 * 60 * 60);
/// Jitter: each wait is lengthened by up to this share of itself, so that sources added
/// together drift apart instead of hitting their servers in step.
pub const JITTER_SHARE: f64 = 0.1;
/// The longest sleep between looks at the queue (new sources are picked up at least this
/// often).
pub const MAX_SLEEP: Duration = Duration::from_secs(60);
/// The shortest sleep between looks at the queue, so that a clock at the edge never spins
/// the loop.
pub const MIN_SLEEP: Duration = Duration::from_millis(20);
/// How long in-flight checks may run on after the stop signal.
pub const GRACE: Duration = Duration::from_secs(10);

/// How an interval is written, for error messages.
pub const INTERVAL_HELP: &str = "is not an interval: write a number with s, m, h or d (90s, 15m, 2h, 1d); a bare number is minutes";

/// "90s", "15m", "2h", "1d", "45" (minutes); `None` when it is none of these or zero.
pub fn parse_interval(text: &str) -> Option<Duration> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: u64 = number.parse().ok()?;
    let unit_seconds = match unit.trim() {
        "s" | "sec" | "secs" | "seconds" => 1,
        "" | "m" | "min" | "mins" | "minutes" => 60,
        "h" | "hour" | "hours" => 60 * 60,
        "d" | "day" | "days" => 24 * 60 * 60,
        _ => return None,
    };
    let seconds = number.checked_mul(unit_seconds)?;
    (seconds > 0).then(|| Duration::from_secs(seconds))
}

/// "15m", "2h", "1d", "90s": the shortest exact way to write an interval.
pub fn format_interval(wait: Duration) -> String {
    let seconds = wait.as_secs();
    for (unit, size) in [("d", 86_400), ("h", 3_600), ("m", 60)] {
        if seconds >= size && seconds.is_multiple_of(size) {
            return format!("{}{unit}", seconds / size);
        }
    }
    format!("{seconds}s")
}

/// The `max-age` (or `s-maxage`) of a Cache-Control header; `None` without one, or when the
/// response may not be stored at all (`no-store`, `no-cache`: no bound on our side either).
pub fn cache_max_age(cache_control: &str) -> Option<Duration> {
    let mut max_age = None;
    for directive in cache_control.split(',') {
        let directive = directive.trim().to_ascii_lowercase();
        if directive == "no-store" || directive == "no-cache" {
            return None;
        }
        let (name, value) = directive.split_once('=').unwrap_or((&directive, ""));
        if name.trim() == "max-age" || name.trim() == "s-maxage" {
            let seconds: u64 = value.trim().trim_matches('"').parse().ok()?;
            max_age = Some(max_age.unwrap_or(0).max(seconds));
        }
    }
    max_age.map(Duration::from_secs)
}

/// The server's lower bound on a source's interval: the larger of a feed's `<ttl>` (minutes)
/// and the Cache-Control max-age, at most [`MAX_WAIT`].
pub fn server_floor(ttl_minutes: Option<u32>, cache_control: Option<&str>) -> Option<Duration> {
    let ttl = ttl_minutes.map(|minutes| Duration::from_secs(u64::from(minutes) * 60));
    let max_age = cache_control.and_then(cache_max_age);
    let floor = ttl.into_iter().chain(max_age).max()?;
    (!floor.is_zero()).then(|| floor.min(MAX_WAIT))
}

/// The wait after a successful check: the source's own interval or the default, never
/// shorter than the server's floor.
pub fn interval_after_success(
    default: Duration,
    own: Option<Duration>,
    floor: Option<Duration>,
) -> Duration {
    own.unwrap_or(default).max(floor.unwrap_or(Duration::ZERO))
}

/// The wait after `failures` failures in a row: [`FIRST_RETRY`], doubling, at most
/// [`MAX_WAIT`].
pub fn backoff_after_failures(failures: i64) -> Duration {
    let doublings = u32::try_from(failures.saturating_sub(1).clamp(0, 20)).unwrap_or(20);
    FIRST_RETRY.saturating_mul(1u32 << doublings).min(MAX_WAIT)
}

/// A number in `[0, 1)` from a seed (SplitMix64): the same seed, the same number.
pub fn unit_random(seed: u64) -> f64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 53) as f64
}

/// The wait lengthened by up to [`JITTER_SHARE`] of itself, chosen by `seed`. Never
/// shorter: a server's floor stays respected.
pub fn with_jitter(wait: Duration, seed: u64) -> Duration {
    wait.mul_f64(1.0 + JITTER_SHARE * unit_random(seed))
}

/// A seed for one source's jitter at one moment.
pub fn jitter_seed(source_id: i64, now: jiff::Timestamp) -> u64 {
    let nanos = now.as_nanosecond() as u64;
    nanos ^ (source_id as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93)
}

/// A wait as the scheduler applies it: divided by the time scale (1 in real use).
pub fn scaled(wait: Duration, time_scale: u32) -> Duration {
    wait / time_scale.max(1)
}

/// When to check a source next after a success, and after a failure: the waits above,
/// jittered and scaled.
pub struct NextCheck<'a> {
    pub settings: &'a CollectConfig,
    pub now: jiff::Timestamp,
}

impl NextCheck<'_> {
    pub fn after_success(&self, source: &Source, floor_seconds: Option<i64>) -> jiff::Timestamp {
        let default = Duration::from_secs(self.settings.interval_minutes.max(1) * 60);
        let own = source.interval_seconds.and_then(positive_seconds);
        let floor = floor_seconds
            .or(source.min_interval_seconds)
            .and_then(positive_seconds);
        self.after(interval_after_success(default, own, floor), source.id)
    }

    pub fn after_failure(&self, source: &Source, failures: i64) -> jiff::Timestamp {
        self.after(backoff_after_failures(failures), source.id)
    }

    fn after(&self, wait: Duration, source_id: i64) -> jiff::Timestamp {
        let wait = scaled(
            with_jitter(wait, jitter_seed(source_id, self.now)),
            self.settings.time_scale,
        );
        later(self.now, wait)
    }
}

fn positive_seconds(seconds: i64) -> Option<Duration> {
    u64::try_from(seconds)
        .ok()
        .filter(|s| *s > 0)
        .map(Duration::from_secs)
}

/// `now + wait`, or `now` when that cannot be represented.
pub fn later(now: jiff::Timestamp, wait: Duration) -> jiff::Timestamp {
    jiff::SignedDuration::try_from(wait)
        .ok()
        .and_then(|span| now.checked_add(span).ok())
        .unwrap_or(now)
}

/// A timestamp as stored: RFC 3339 UTC with exactly three fractional digits, so that
/// timestamps sort as text (jiff's default drops trailing zeros, and "…:05.1Z" would sort
/// after "…:05.15Z").
pub fn stamp(at: jiff::Timestamp) -> String {
    let millis = at.as_millisecond();
    let whole = jiff::Timestamp::from_millisecond(millis - millis.rem_euclid(1000)).unwrap_or(at);
    let text = whole.strftime("%Y-%m-%dT%H:%M:%S").to_string();
    format!("{text}.{:03}Z", millis.rem_euclid(1000))
}

/// Whether a source failing since `failing_since` (RFC 3339) has failed for a week (scaled).
pub fn failing_for_a_week(
    failing_since: Option<&str>,
    now: jiff::Timestamp,
    time_scale: u32,
) -> bool {
    let Some(since) = failing_since.and_then(|text| text.parse::<jiff::Timestamp>().ok()) else {
        return false;
    };
    let failing = now.duration_since(since);
    jiff::SignedDuration::try_from(scaled(FAILING_FLAG_AFTER, time_scale))
        .is_ok_and(|week| failing >= week)
}

/// Sets `failing_for_a_week` on each source that is still collected (a disabled source
/// says why instead).
pub fn flag_long_failures(sources: &mut [Source], now: jiff::Timestamp, time_scale: u32) {
    for source in sources {
        source.failing_for_a_week = source.disabled_reason.is_none()
            && failing_for_a_week(source.failing_since.as_deref(), now, time_scale);
    }
}

/// How long to sleep before looking at the queue again: until the next due check (the empty string:
/// due now), at least [`MIN_SLEEP`], at most `cap`.
pub fn sleep_until_next_due(
    next_due: Option<&str>,
    now: jiff::Timestamp,
    cap: Duration,
) -> Duration {
    let Some(next) = next_due else {
        return cap;
    };
    let Ok(next) = next.parse::<jiff::Timestamp>() else {
        return MIN_SLEEP;
    };
    let wait = Duration::try_from(next.duration_since(now)).unwrap_or(Duration::ZERO);
    wait.clamp(MIN_SLEEP, cap.max(MIN_SLEEP))
}

/// The lock that keeps a second `run` or `collect` off a database: an exclusive lock on
/// `<db>.lock`, held for as long as this value lives (the system drops it if the process
/// dies, even by `kill -9`).
#[derive(Debug)]
pub struct InstanceLock {
    _file: File,
    path: PathBuf,
}

impl InstanceLock {
    /// The lock file of a database: `<db>.lock` next to it.
    pub fn path_for(db: &Path) -> PathBuf {
        let mut name = db.as_os_str().to_owned();
        name.push(".lock");
        PathBuf::from(name)
    }

    /// Takes the lock, or says clearly who holds it.
    pub fn acquire(db: &Path) -> Result<InstanceLock> {
        let path = InstanceLock::path_for(db);
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(io_error(parent))?;
        }
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io_error(&path))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                let holder = holder.trim();
                let who = if holder.is_empty() {
                    String::new()
                } else {
                    format!(" (process {holder})")
                };
                return Err(Error::input(
                    db.display().to_string(),
                    format!(
                        "another `onrecord run` or `onrecord collect` is already collecting into this database{who}; stop it first, or use another --db (lock: {})",
                        path.display()
                    ),
                ));
            }
            Err(TryLockError::Error(err)) => return Err(io_error(&path)(err)),
        }
        let _ = file.set_len(0);
        let _ = file.rewind();
        let _ = write!(file, "{}", std::process::id());
        let _ = file.flush();
        Ok(InstanceLock { _file: file, path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

fn io_error(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// How `run` behaves.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Stop by itself (gracefully) after this long; `None`: run until signalled.
    pub stop_after: Option<Duration>,
    /// The longest sleep between looks at the queue.
    pub max_sleep: Duration,
    /// How long in-flight checks may run on after the stop signal.
    pub grace: Duration,
}

impl Default for RunOptions {
    fn default() -> RunOptions {
        RunOptions {
            stop_after: None,
            max_sleep: MAX_SLEEP,
            grace: GRACE,
        }
    }
}

/// What a whole `run` did: every check that ended, and every document stored (those of
/// checks abandoned at shutdown too).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunReport {
    pub checks: usize,
    pub sources_ok: usize,
    pub sources_failed: usize,
    pub new_documents: usize,
    pub new_quotes: usize,
    /// Checks still in flight after the grace period were abandoned.
    pub abandoned: bool,
}

impl RunReport {
    fn of(summary: &Summary, abandoned: bool) -> RunReport {
        RunReport {
            checks: summary.sources_ok + summary.sources_failed + summary.sources_skipped,
            sources_ok: summary.sources_ok,
            sources_failed: summary.sources_failed,
            new_documents: summary.new_documents,
            new_quotes: summary.new_quotes,
            abandoned,
        }
    }
}

/// Collects until `shutdown` turns true (or `stop_after` passes): each source is checked
/// when it is due, as soon as a worker and its host allow, whatever else is in flight (see
/// [`super::pass`]). Then it starts nothing new, lets the checks in flight finish within
/// the grace period, and returns.
pub async fn run(
    store: &mut Store,
    fetcher: &Fetcher,
    settings: &CollectConfig,
    options: &RunOptions,
    progress: &dyn Progress,
    shutdown: watch::Receiver<bool>,
) -> Result<RunReport> {
    let deadline = options.stop_after.map(|after| Instant::now() + after);
    tracing::info!(
        interval_minutes = settings.interval_minutes,
        time_scale = settings.time_scale,
        concurrency = settings.concurrency,
        "run started"
    );
    let collector = Collector::new(store, fetcher, settings, progress);
    let mut pass = Pass::new(&collector, false);
    let stop = stop_requested(shutdown.clone(), deadline);
    tokio::pin!(stop);
    let mut grace_ends: Option<tokio::time::Instant> = None;
    let mut abandoned = false;
    loop {
        let stopping = grace_ends.is_some();
        if stopping && pass.is_idle() {
            break;
        }
        let wait = if stopping {
            options.max_sleep
        } else {
            start_due(&collector, &mut pass, options.max_sleep)?
        };
        let wait = if pass.is_idle() && !stopping {
            tidy_while_idle(&mut collector.store_mut(), wait, &shutdown)
        } else {
            wait
        };
        tokio::select! {
            Some(recorded) = pass.next(), if !pass.is_idle() => recorded?,
            () = tokio::time::sleep(wait), if !stopping => {}
            () = &mut stop, if !stopping => {
                tracing::info!(
                    grace_seconds = options.grace.as_secs(),
                    "stopping: no new sources; waiting for the checks in flight"
                );
                grace_ends = Some(tokio::time::Instant::now() + options.grace);
            }
            () = sleep_until(grace_ends), if stopping => {
                tracing::warn!(
                    "checks still in flight after the grace period were abandoned; the next run does them again"
                );
                abandoned = true;
                break;
            }
        }
    }
    let report = RunReport::of(&pass.summary(), abandoned);
    tracing::info!(
        checks = report.checks,
        sources_ok = report.sources_ok,
        sources_failed = report.sources_failed,
        new_documents = report.new_documents,
        new_quotes = report.new_quotes,
        abandoned = report.abandoned,
        "run stopped"
    );
    Ok(report)
}

/// Starts every due source a worker and its host allow; returns how long to wait before
/// looking again: until the next source is due, or (when due sources are waiting for a
/// worker or their host) until a check ends, at most `max_sleep` either way.
fn start_due(
    collector: &Collector<'_>,
    pass: &mut Pass<'_, '_>,
    max_sleep: Duration,
) -> Result<Duration> {
    let now = jiff::Timestamp::now();
    let due = collector.due_sources(now, &pass.running())?;
    if !pass.start_from(due).is_empty() {
        return Ok(max_sleep);
    }
    let next_due = collector.next_check_due(&pass.running())?;
    Ok(sleep_until_next_due(next_due.as_deref(), now, max_sleep))
}

/// Merges the search index a step at a time when it is due (see `store::upkeep`), for at
/// most half of `wait`, the time until the next check; returns what is left of it. A
/// failure is logged: the index works unmerged, only slower.
fn tidy_while_idle(
    store: &mut Store,
    wait: Duration,
    shutdown: &watch::Receiver<bool>,
) -> Duration {
    let started = Instant::now();
    let mut steps = 0u32;
    while started.elapsed() < wait / 2 && !*shutdown.borrow() {
        match store.tidy_index() {
            Ok(true) => steps += 1,
            Ok(false) => {
                if steps > 0 {
                    tracing::info!(
                        steps,
                        seconds = started.elapsed().as_secs_f64(),
                        "search index merged into one segment"
                    );
                }
                break;
            }
            Err(error) => {
                tracing::warn!(%error, "merging the search index failed");
                break;
            }
        }
    }
    wait.saturating_sub(started.elapsed())
}

/// Sleeps until `at`, or forever without it.
async fn sleep_until(at: Option<tokio::time::Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}

/// Resolves when the shutdown signal is given or the deadline passes.
async fn stop_requested(mut shutdown: watch::Receiver<bool>, deadline: Option<Instant>) {
    let signalled = async {
        if shutdown.wait_for(|stop| *stop).await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    match deadline {
        Some(deadline) => {
            tokio::select! {
                () = signalled => {}
                () = tokio::time::sleep_until(deadline.into()) => {}
            }
        }
        None => signalled.await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> jiff::Timestamp {
        text.parse().expect("a timestamp")
    }

    #[test]
    fn intervals_are_read_with_their_units() {
        assert_eq!(parse_interval("90s"), Some(Duration::from_secs(90)));
        assert_eq!(parse_interval("15m"), Some(Duration::from_secs(900)));
        assert_eq!(parse_interval(" 2h "), Some(Duration::from_secs(7200)));
        assert_eq!(parse_interval("1d"), Some(Duration::from_secs(86_400)));
        assert_eq!(parse_interval("45"), Some(Duration::from_secs(2700)));
        assert_eq!(parse_interval("0m"), None);
        assert_eq!(parse_interval("soon"), None);
        assert_eq!(parse_interval("5w"), None);
        assert_eq!(parse_interval("99999999999999999999d"), None);
        assert_eq!(format_interval(Duration::from_secs(900)), "15m");
        assert_eq!(format_interval(Duration::from_secs(90)), "90s");
        assert_eq!(format_interval(Duration::from_secs(86_400)), "1d");
    }

    #[test]
    fn cache_control_max_age_is_a_floor_unless_nothing_may_be_stored() {
        assert_eq!(
            cache_max_age("public, max-age=3600"),
            Some(Duration::from_secs(3600))
        );
        assert_eq!(
            cache_max_age("max-age=60, s-maxage=600"),
            Some(Duration::from_secs(600))
        );
        assert_eq!(cache_max_age("no-store, max-age=600"), None);
        assert_eq!(cache_max_age("private"), None);
        assert_eq!(cache_max_age("max-age=soon"), None);
    }

    #[test]
    fn the_server_floor_takes_the_larger_hint_and_at_most_a_day() {
        assert_eq!(
            server_floor(Some(60), Some("max-age=300")),
            Some(Duration::from_secs(3600))
        );
        assert_eq!(server_floor(None, Some("max-age=31536000")), Some(MAX_WAIT));
        assert_eq!(server_floor(Some(0), None), None);
        assert_eq!(server_floor(None, None), None);
    }

    #[test]
    fn a_source_interval_overrides_the_default_but_not_the_floor() {
        let default = Duration::from_secs(30 * 60);
        assert_eq!(interval_after_success(default, None, None), default);
        let own = Duration::from_secs(15 * 60);
        assert_eq!(interval_after_success(default, Some(own), None), own);
        let floor = Duration::from_secs(60 * 60);
        assert_eq!(
            interval_after_success(default, Some(own), Some(floor)),
            floor
        );
    }

    #[test]
    fn failures_back_off_exponentially_up_to_a_day() {
        assert_eq!(backoff_after_failures(1), FIRST_RETRY);
        assert_eq!(backoff_after_failures(2), FIRST_RETRY * 2);
        assert_eq!(backoff_after_failures(4), FIRST_RETRY * 8);
        assert_eq!(backoff_after_failures(9), FIRST_RETRY * 256);
        assert_eq!(backoff_after_failures(10), MAX_WAIT);
        assert_eq!(backoff_after_failures(10_000), MAX_WAIT);
        assert_eq!(backoff_after_failures(0), FIRST_RETRY);
        assert_eq!(backoff_after_failures(-3), FIRST_RETRY);
    }

    #[test]
    fn jitter_is_deterministic_bounded_and_varied() {
        let wait = Duration::from_secs(1800);
        let mut seen = std::collections::HashSet::new();
        for seed in 0..200u64 {
            let jittered = with_jitter(wait, seed);
            assert_eq!(jittered, with_jitter(wait, seed), "same seed, same wait");
            assert!(jittered >= wait, "never earlier: {jittered:?}");
            assert!(jittered <= wait.mul_f64(1.0 + JITTER_SHARE), "{jittered:?}");
            seen.insert(jittered);
        }
        assert!(seen.len() > 150, "only {} distinct waits", seen.len());
    }

    #[test]
    fn scaled_waits_shrink_for_tests() {
        assert_eq!(
            scaled(Duration::from_secs(1800), 1440),
            Duration::from_millis(1250)
        );
        assert_eq!(scaled(Duration::from_secs(60), 0), Duration::from_secs(60));
    }

    #[test]
    fn a_week_of_failures_is_flagged() {
        let now = at("2026-05-10T00:00:00Z");
        assert!(failing_for_a_week(Some("2026-05-03T00:00:00Z"), now, 1));
        assert!(!failing_for_a_week(Some("2026-05-04T00:00:01Z"), now, 1));
        assert!(!failing_for_a_week(None, now, 1));
        assert!(!failing_for_a_week(Some("not a date"), now, 1));
        assert!(failing_for_a_week(
            Some("2026-05-09T23:50:00Z"),
            now,
            7 * 24 * 6
        ));
    }

    #[test]
    fn stamps_sort_as_text() {
        let a = stamp(at("2026-05-10T00:00:05.1Z"));
        let b = stamp(at("2026-05-10T00:00:05.15Z"));
        let c = stamp(at("2026-05-10T00:00:06Z"));
        assert_eq!(a, "2026-05-10T00:00:05.100Z");
        assert!(a < b && b < c, "{a} {b} {c}");
        assert_eq!(at(&c), at("2026-05-10T00:00:06Z"));
    }

    #[test]
    fn the_loop_sleeps_until_the_next_due_source_within_bounds() {
        let now = at("2026-05-10T00:00:00Z");
        let cap = Duration::from_secs(60);
        assert_eq!(
            sleep_until_next_due(Some("2026-05-10T00:00:10.000Z"), now, cap),
            Duration::from_secs(10)
        );
        assert_eq!(
            sleep_until_next_due(Some("2026-05-10T05:00:00.000Z"), now, cap),
            cap
        );
        assert_eq!(
            sleep_until_next_due(Some("2026-05-09T00:00:00.000Z"), now, cap),
            MIN_SLEEP
        );
        assert_eq!(sleep_until_next_due(Some(""), now, cap), MIN_SLEEP);
        assert_eq!(sleep_until_next_due(None, now, cap), cap);
    }

    #[test]
    fn a_second_lock_on_the_same_database_is_refused() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let db = dir.path().join("t.db");
        let first = InstanceLock::acquire(&db).expect("first lock");
        let err = InstanceLock::acquire(&db).expect_err("second lock refused");
        assert!(err.to_string().contains("already collecting"), "{err}");
        assert!(
            err.to_string().contains(&std::process::id().to_string()),
            "{err}"
        );
        drop(first);
        InstanceLock::acquire(&db).expect("free again");
    }
}
