//! The collectors end to end against a local server: feeds and pages collected once, nothing
//! lost, nothing duplicated, every failure recorded on its source.

mod collect_support;

use collect_support::Harness;
use onrecord::collect::{ItemTally, SourceResult};
use onrecord::store::SourceKind;
use std::time::{Duration, Instant};

#[test]
fn a_feed_is_collected_with_its_pages_once() {
    let mut h = Harness::new();
    let feed = h.add(SourceKind::Feed, "/feeds/harbour.rss");
    let summary = h.run(&[]);
    assert_eq!(
        (summary.sources_ok, summary.sources_failed),
        (1, 0),
        "{summary:?}"
    );
    assert_eq!(summary.new_documents, 3, "{summary:?}");
    assert!(summary.new_quotes >= 3, "{summary:?}");

    let ferry = h
        .document("/sites/harbour/ferry.html")
        .expect("the ferry story");
    assert!(
        ferry
            .text
            .contains("the crew cannot wait to be back at sea")
    );
    assert_eq!(ferry.source_id, Some(feed));
    assert_eq!(
        ferry.captions,
        ["The ferry Kittiwake in dry dock in March. | Tomas Beyer"],
        "media:description and media:credit"
    );
    assert_eq!(ferry.published_at.as_deref(), Some("2026-05-04T06:15:00Z"));

    let letter = h
        .document("/gone/lighthouse-letter.html")
        .expect("a missing page falls back on content:encoded");
    assert!(letter.text.contains("guided boats home for a century"));

    assert_eq!(h.server.hits("/sites/harbour/ferry.html"), 1);
    let again = h.run(&[feed]);
    assert_eq!(again.new_documents, 0, "{again:?}");
    assert_eq!(h.documents(), 3);
    assert_eq!(
        h.server.hits("/sites/harbour/ferry.html"),
        1,
        "known items are not fetched again"
    );
    assert_eq!(h.server.hits("/feeds/harbour.rss"), 2);
    assert_eq!(h.source(feed).error_count, 0);
}

#[test]
fn a_collected_source_is_not_due_until_its_next_check() {
    let mut h = Harness::new();
    h.add(SourceKind::Feed, "/feeds/harbour.rss");
    assert_eq!(h.run(&[]).sources_ok, 1);
    let second = h.run(&[]);
    assert_eq!(second.sources_ok + second.sources_failed, 0, "{second:?}");
    assert_eq!(h.server.hits("/feeds/harbour.rss"), 1);
}

#[test]
fn a_syndicated_copy_is_one_document_with_two_urls() {
    let mut h = Harness::new();
    h.add(SourceKind::Feed, "/feeds/harbour.rss");
    let bulletin = h.add(SourceKind::Feed, "/feeds/broken-link.rss");
    let summary = h.run(&[]);
    assert_eq!(
        (summary.sources_ok, summary.sources_failed),
        (2, 0),
        "a missing story is its item's outcome: {summary:?}"
    );
    let pier = h
        .document("/sites/harbour/pier.html")
        .expect("the pier story");
    let copy = h
        .document("/sites/harbour/pier-syndicated.html")
        .expect("its copy");
    assert_eq!(pier.id, copy.id);
    assert_eq!(pier.urls.len(), 2, "{:?}", pier.urls);
    assert_eq!(h.documents(), 3);

    let items = items_of(&summary, bulletin);
    assert_eq!((items.stored, items.failed), (1, 1), "{items:?}");
    let failure = items.describe();
    assert!(
        failure.contains("missing-story.html") && failure.contains("404"),
        "{failure}"
    );
    assert_eq!(h.source(bulletin).error_count, 0);

    h.run(&[bulletin]);
    assert_eq!(
        h.server.hits("/gone/missing-story.html"),
        2,
        "a failed item is tried again"
    );
    assert_eq!(
        h.server.hits("/sites/harbour/pier-syndicated.html"),
        1,
        "a stored one is not"
    );
    assert_eq!(h.documents(), 3);
}

/// How the items of source `id` ended in this summary.
fn items_of(summary: &onrecord::collect::Summary, id: i64) -> ItemTally {
    summary
        .reports
        .iter()
        .find(|report| report.id == id)
        .and_then(|report| match &report.result {
            SourceResult::Ok(items) => Some(items.clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("source {id} was not read: {summary:?}"))
}

#[test]
fn feeds_with_invalid_dates_and_json_feeds_are_read() {
    let mut h = Harness::new();
    h.add(SourceKind::Feed, "/feeds/bad-dates.atom");
    h.add(SourceKind::Feed, "/feeds/notices.json");
    let summary = h.run(&[]);
    assert_eq!(summary.sources_ok, 2, "{summary:?}");
    assert_eq!(
        summary.new_documents, 2,
        "the same article by two feeds, and an item without a page: {summary:?}"
    );
    assert_eq!(h.server.hits("/sites/harbour/harbour-master.html"), 1);
    let again = h.run(&[2]);
    assert_eq!(
        again.new_documents, 0,
        "the unlinked item is known by its id: {again:?}"
    );
}

#[test]
fn a_windows_1252_page_is_decoded() {
    let mut h = Harness::new();
    h.add(SourceKind::Page, "/sites/harbour/cp1252.html");
    let summary = h.run(&[]);
    assert_eq!(summary.sources_ok, 1, "{summary:?}");
    let page = h.document("/sites/harbour/cp1252.html").expect("stored");
    assert!(page.text.contains("Jürgen Weiß"), "{}", page.text);
    assert!(
        page.text.contains("It’s been a long winter"),
        "{}",
        page.text
    );
}

#[test]
fn a_conditional_get_that_finds_nothing_new_is_a_success() {
    let mut h = Harness::new();
    let feed = h.add(SourceKind::Feed, "/conditional/feeds/harbour.rss");
    assert_eq!(h.run(&[]).sources_ok, 1);
    assert_eq!(h.source(feed).etag.as_deref(), Some("\"v1\""));
    let again = h.run(&[feed]);
    assert_eq!(again.sources_ok, 1, "{again:?}");
    let requests = h.server.requests();
    let last = requests
        .iter()
        .rev()
        .find(|r| r.path == "/conditional/feeds/harbour.rss")
        .expect("the feed was asked for");
    assert_eq!(
        last.headers.get("if-none-match").map(String::as_str),
        Some("\"v1\"")
    );
}

#[test]
fn requests_name_onrecord_and_its_contact() {
    let mut h = Harness::new();
    h.fetch_with(|config| config.contact = "mailto:desk@newsroom.example".into());
    h.add(SourceKind::Page, "/sites/harbour/pier.html");
    h.run(&[]);
    let request = h
        .server
        .requests()
        .into_iter()
        .find(|r| r.path == "/sites/harbour/pier.html")
        .expect("fetched");
    let agent = request
        .headers
        .get("user-agent")
        .cloned()
        .unwrap_or_default();
    assert!(agent.starts_with("onrecord/"), "{agent}");
    assert!(agent.contains("mailto:desk@newsroom.example"), "{agent}");
}

#[test]
fn robots_txt_is_honoured_for_pages_and_fetched_once() {
    let mut h = Harness::new();
    let refused = h.add(SourceKind::Page, "/sites/harbour/staff-only.html");
    h.add(SourceKind::Page, "/sites/harbour/pier.html");
    h.add(SourceKind::Page, "/sites/harbour/ferry.html");
    let summary = h.run(&[]);
    assert_eq!(
        (summary.sources_ok, summary.sources_failed),
        (2, 1),
        "{summary:?}"
    );
    assert_eq!(h.server.hits("/sites/harbour/staff-only.html"), 0);
    let error = h.source(refused).last_error.unwrap_or_default();
    assert!(error.contains("robots.txt"), "{error}");
    assert_eq!(h.server.hits("/robots.txt"), 1);
}

#[test]
fn misbehaving_servers_fail_their_source_and_nothing_else() {
    let mut h = Harness::new();
    let cases = [
        ("/gone/page.html", "404"),
        ("/stall", "timed out"),
        ("/loop/a", "redirect"),
        ("/huge", "10 MB limit"),
        ("/bomb", "10 MB limit"),
        ("/busy-for-an-hour", "asked to wait 3600 s"),
    ];
    let ids: Vec<(i64, &str)> = cases
        .iter()
        .map(|(path, why)| (h.add(SourceKind::Page, path), *why))
        .collect();
    let good = h.add(SourceKind::Page, "/sites/harbour/pier.html");
    collect_support::gzip_bomb();
    let started = Instant::now();
    let summary = h.run(&[]);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "no 30 s waits: {:?}",
        started.elapsed()
    );
    assert_eq!(summary.sources_ok, 1, "{summary:?}");
    assert_eq!(summary.sources_failed, cases.len(), "{summary:?}");
    for (id, why) in ids {
        let source = h.source(id);
        let error = source.last_error.clone().unwrap_or_default();
        assert!(error.contains(why), "source {}: {error}", source.target);
        assert_eq!(source.error_count, 1);
        assert!(source.next_check_at.is_some());
    }
    assert_eq!(h.source(good).error_count, 0);
    assert_eq!(h.server.hits("/gone/page.html"), 1, "a 404 is not retried");
}

#[test]
fn transient_errors_are_retried() {
    let mut h = Harness::new();
    let flaky = h.add(SourceKind::Page, "/flaky/sites/harbour/pier.html");
    let limited = h.add(SourceKind::Page, "/limited/sites/harbour/ferry.html");
    let started = Instant::now();
    let summary = h.run(&[]);
    assert_eq!(summary.sources_ok, 2, "{summary:?}");
    assert_eq!(
        h.server.hits("/flaky/sites/harbour/pier.html"),
        2,
        "500 then 200"
    );
    assert_eq!(
        h.server.hits("/limited/sites/harbour/ferry.html"),
        2,
        "429 then 200"
    );
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After: 1 was honoured"
    );
    assert_eq!(
        h.source(flaky).error_count + h.source(limited).error_count,
        0
    );
}

#[test]
fn private_addresses_are_refused_without_the_flag() {
    let mut h = Harness::new();
    let url = h.server.url("/sites/harbour/pier.html");
    let guarded = h.add_target(SourceKind::Page, &url, false);
    let port = url
        .split(':')
        .nth(2)
        .and_then(|rest| rest.split('/').next())
        .expect("a port");
    let embedded: Vec<i64> = ["[::127.0.0.1]", "[64:ff9b::7f00:1]", "[2002:7f00:1::]"]
        .iter()
        .map(|host| {
            let url = format!("http://{host}:{port}/sites/harbour/pier.html");
            h.add_target(SourceKind::Page, &url, false)
        })
        .collect();
    let summary = h.run(&[]);
    assert_eq!(summary.sources_failed, 4, "{summary:?}");
    for id in std::iter::once(guarded).chain(embedded) {
        let error = h.source(id).last_error.unwrap_or_default();
        assert!(
            error.contains("is a private, loopback or link-local address: refused"),
            "{error}"
        );
    }
    assert_eq!(
        h.server.hits("/sites/harbour/pier.html"),
        0,
        "nothing was sent"
    );
}

#[test]
fn a_used_up_rate_limit_holds_the_host_until_its_reset() {
    let mut h = Harness::new();
    h.add(SourceKind::Page, "/ratelimited/sites/harbour/pier.html");
    h.add(SourceKind::Page, "/ratelimited/sites/harbour/ferry.html");
    h.settings.concurrency = 1;
    let started = Instant::now();
    let summary = h.run(&[]);
    assert_eq!(summary.sources_ok, 2, "{summary:?}");
    assert!(
        started.elapsed() >= Duration::from_millis(1000),
        "the second request waited for the reset: {:?}",
        started.elapsed()
    );
}

/// The last request for `path` the server saw, with its headers.
fn last_request(h: &Harness, path: &str) -> collect_support::Seen {
    h.server
        .requests()
        .into_iter()
        .rev()
        .find(|r| r.path == path)
        .expect("the path was asked for")
}

#[test]
fn an_item_refused_by_robots_txt_is_that_items_outcome_not_the_sources_failure() {
    let mut h = Harness::new();
    let path = "/conditional/feeds/robots-refused.rss";
    let feed = h.add(SourceKind::Feed, path);
    let summary = h.run(&[]);
    assert_eq!(
        (summary.sources_ok, summary.sources_failed),
        (1, 0),
        "the feed itself was read: {summary:?}"
    );
    assert_eq!(summary.new_documents, 3, "{summary:?}");
    let items = items_of(&summary, feed);
    assert_eq!(items.describe(), "3 stored, 1 refused by robots.txt");
    assert_eq!(h.server.hits("/sites/harbour/staff-only.html"), 0);
    let source = h.source(feed);
    assert_eq!(source.error_count, 0, "{:?}", source.last_error);
    assert_eq!(source.etag.as_deref(), Some("\"v1\""));

    h.store.make_due(feed).expect("due again");
    let again = h.run(&[]);
    assert_eq!(again.sources_ok, 1, "{again:?}");
    let conditional = last_request(&h, path);
    assert_eq!(
        conditional.headers.get("if-none-match").map(String::as_str),
        Some("\"v1\""),
        "the validators of the last success are sent"
    );
}

#[test]
fn validators_are_sent_even_with_errors_on_record() {
    let mut h = Harness::new();
    let path = "/conditional/feeds/notices.json";
    let feed = h.add(SourceKind::Feed, path);
    assert_eq!(h.run(&[]).sources_ok, 1);
    h.store
        .record_failure(
            feed,
            "HTTP 503",
            "2026-05-01T00:00:00.000Z",
            "2026-05-01T00:05:00.000Z",
        )
        .expect("records");
    let again = h.run(&[feed]);
    assert_eq!(again.sources_ok, 1, "{again:?}");
    assert_eq!(
        last_request(&h, path)
            .headers
            .get("if-none-match")
            .map(String::as_str),
        Some("\"v1\""),
        "a failure since then does not stop the conditional request"
    );
}

#[test]
fn a_stalled_server_is_tried_twice_at_most() {
    let mut h = Harness::new();
    h.fetch_with(|config| {
        config.timeout_ms = 300;
        config.retries = 3;
    });
    let stalled = h.add(SourceKind::Page, "/stall");
    let summary = h.run(&[]);
    assert_eq!(summary.sources_failed, 1, "{summary:?}");
    assert_eq!(
        h.server.hits("/stall"),
        2,
        "a time-out is retried once, however many retries are allowed"
    );
    let error = h.source(stalled).last_error.unwrap_or_default();
    assert!(error.contains("timed out"), "{error}");
}

#[test]
fn one_deadline_covers_a_fetch_and_all_its_retries() {
    let mut h = Harness::new();
    h.fetch_with(|config| {
        config.deadline_ms = 500;
        config.retries = 5;
    });
    let slow = h.add(SourceKind::Page, "/slow-error");
    let summary = h.run(&[]);
    assert_eq!(summary.sources_failed, 1, "{summary:?}");
    let hits = h.server.hits("/slow-error");
    assert!(
        (1..=3).contains(&hits),
        "answers take 200 ms, the deadline is 500 ms: {hits} attempts of the 6 allowed"
    );
    let error = h.source(slow).last_error.unwrap_or_default();
    assert!(error.contains("0.5 s deadline"), "{error}");
}
#[test]
fn five_redirects_are_followed_and_a_sixth_is_refused() {
    let mut h = Harness::new();
    let five = h.add(SourceKind::Page, "/redirects/5");
    let six = h.add(SourceKind::Page, "/redirects/6");
    let summary = h.run(&[]);
    assert_eq!(
        (summary.sources_ok, summary.sources_failed),
        (1, 1),
        "{summary:?}"
    );
    assert_eq!(
        h.source(five).error_count,
        0,
        "{:?}",
        h.source(five).last_error
    );
    let error = h.source(six).last_error.unwrap_or_default();
    assert!(error.contains("more than 5 redirects"), "{error}");
}

#[test]
fn feed_dates_that_cannot_be_right_are_left_out_unless_another_date_agrees() {
    let mut h = Harness::new();
    h.add(SourceKind::Feed, "/feeds/impossible-dates.atom");
    let summary = h.run(&[]);
    assert_eq!(summary.new_documents, 3, "{summary:?}");
    assert_eq!(
        h.published_dates(&["archive opened", "repainted", "first ferry"]),
        [None, None, Some("1985-06-01T09:00:00Z".to_string())],
        "year one and 2999 are left out; 1985, which the updated date agrees with, is kept"
    );
}
