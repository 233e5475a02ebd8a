//! When a source is checked next, as `collect` records it against the local server: the
//! default interval, a source's own, a feed's `<ttl>` and Cache-Control as floors, jitter,
//! exponential back-off after failures and its reset on success.

mod collect_support;

use collect_support::Harness;
use onrecord::store::{Source, SourceKind};
use std::time::Duration;

/// The wait recorded after the last check: next check minus last check.
fn recorded_wait(source: &Source) -> Duration {
    let parse = |text: &Option<String>| -> jiff::Timestamp {
        text.as_deref()
            .expect("checked")
            .parse()
            .expect("a timestamp")
    };
    let wait = parse(&source.next_check_at).duration_since(parse(&source.last_checked_at));
    Duration::try_from(wait).expect("next check after the last")
}

fn minutes(n: u64) -> Duration {
    Duration::from_secs(n * 60)
}

/// `wait` lies in `[base, base + 10%]` (the jitter), give or take a second of run time.
fn assert_jittered(wait: Duration, base: Duration) {
    assert!(
        wait + Duration::from_secs(1) >= base && wait <= base.mul_f64(1.1) + Duration::from_secs(1),
        "{wait:?} is not within 10% above {base:?}"
    );
}

#[test]
fn a_feed_is_checked_again_after_the_default_interval_with_jitter() {
    let mut h = Harness::new();
    let id = h.add(SourceKind::Feed, "/feeds/notices.json");
    let summary = h.run(&[]);
    assert_eq!(summary.sources_ok, 1, "{:?}", summary.reports);
    assert_jittered(recorded_wait(&h.source(id)), minutes(30));
}

#[test]
fn a_source_interval_replaces_the_default() {
    let mut h = Harness::new();
    let id = h.add(SourceKind::Feed, "/feeds/notices.json");
    h.store
        .set_source_interval(id, Some(2 * 3600))
        .expect("sets");
    h.run(&[]);
    assert_jittered(recorded_wait(&h.source(id)), minutes(120));
}

#[test]
fn a_feed_ttl_is_a_lower_bound() {
    let mut h = Harness::new();
    let id = h.add(SourceKind::Feed, "/feeds/ttl.rss");
    h.store.set_source_interval(id, Some(60)).expect("sets");
    let summary = h.run(&[]);
    assert_eq!(summary.sources_ok, 1, "{:?}", summary.reports);
    let source = h.source(id);
    assert_eq!(source.min_interval_seconds, Some(180 * 60));
    assert_jittered(recorded_wait(&source), minutes(180));
}

#[test]
fn cache_control_max_age_is_a_lower_bound() {
    let mut h = Harness::new();
    let id = h.add(SourceKind::Feed, "/cached/feeds/notices.json");
    let summary = h.run(&[]);
    assert_eq!(summary.sources_ok, 1, "{:?}", summary.reports);
    let source = h.source(id);
    assert_eq!(source.min_interval_seconds, Some(7200));
    assert_jittered(recorded_wait(&source), minutes(120));
}

#[test]
fn failures_back_off_exponentially_and_success_resets() {
    let mut h = Harness::new();
    let id = h.add(SourceKind::Feed, "/gone/feed.rss");
    for (round, base) in [(1, 5), (2, 10), (3, 20), (4, 40)] {
        let summary = h.run(&[id]);
        assert_eq!(summary.sources_failed, 1);
        let source = h.source(id);
        assert_eq!(source.error_count, round);
        assert_jittered(recorded_wait(&source), minutes(base));
    }
    let failing_since = h.source(id).failing_since.expect("failing");
    assert_eq!(
        h.source(id).failing_since.as_deref(),
        Some(failing_since.as_str()),
        "the first failure is kept"
    );
    let good = h.add(SourceKind::Feed, "/feeds/notices.json");
    h.run(&[good]);
    let source = h.source(good);
    assert_eq!(source.error_count, 0);
    assert_eq!(source.failing_since, None);
}

#[test]
fn a_failing_source_recovers_and_its_failure_state_is_cleared() {
    let mut h = Harness::new();
    let id = h.add(SourceKind::Feed, "/flaky/feeds/notices.json");
    h.fetch_with(|config| config.retries = 0);
    let first = h.run(&[id]);
    assert_eq!(first.sources_failed, 1);
    assert!(h.source(id).failing_since.is_some());
    let second = h.run(&[id]);
    assert_eq!(second.sources_ok, 1, "{:?}", second.reports);
    let source = h.source(id);
    assert_eq!(source.error_count, 0);
    assert_eq!(source.failing_since, None);
    assert_eq!(source.last_error, None);
    assert_jittered(recorded_wait(&source), minutes(30));
}
