//! Mastodon, Bluesky and sitemap sources against a local server speaking the documented
//! shapes: posts stored as statements of their authors (boosts and reposts of the original
//! author), alt texts as captions, only what is new fetched on the next run, an account that
//! asked not to be shown never collected.

mod collect_support;

use collect_support::Harness;
use onrecord::QuoteKind;
use onrecord::collect::SourceResult;
use onrecord::store::{SearchFilter, SourceKind};

fn social_harness() -> Harness {
    let mut h = Harness::new();
    h.settings.mastodon_scheme = "http".into();
    h.settings.bluesky_api = h.server.base.clone();
    h
}

fn instance(h: &Harness) -> String {
    h.server.base.trim_start_matches("http://").to_string()
}

/// The speakers of the stored post quotes matching `speaker`.
fn post_speakers(h: &Harness, speaker: &str) -> Vec<String> {
    let filter = SearchFilter {
        speaker: Some(speaker.to_string()),
        kind: Some(QuoteKind::Post),
        limit: Some(20),
        ..SearchFilter::default()
    };
    h.store
        .search(&filter)
        .expect("searches")
        .into_iter()
        .filter_map(|hit| hit.speaker)
        .collect()
}

#[test]
fn a_mastodon_account_is_collected_then_only_what_is_new() {
    let mut h = social_harness();
    let target = format!("@editor@{}", instance(&h));
    let id = h.add_target(SourceKind::Mastodon, &target, true);
    let first = h.run(&[]);
    assert_eq!(
        (first.sources_ok, first.sources_failed),
        (1, 0),
        "{first:?}"
    );
    assert_eq!(first.new_documents, 3, "two pages of posts: {first:?}");
    let source = h.source(id);
    assert_eq!(
        source.did.as_deref(),
        Some("110001"),
        "the account id is remembered"
    );
    assert_eq!(source.cursor.as_deref(), Some("110000000000000004"));

    assert_eq!(post_speakers(&h, "Signe Aalto").len(), 2);
    assert_eq!(
        post_speakers(&h, "Cyrus Moreno"),
        ["Cyrus Moreno"],
        "a boost is its original author's"
    );
    assert_eq!(
        post_speakers(&h, "@tidewatch@coast.example").len(),
        1,
        "the handle is an alias"
    );
    let post = h
        .document("/@editor/110000000000000004")
        .expect("the post is stored under its web address");
    assert_eq!(
        post.captions,
        ["The ferry Kittiwake leaving the island quay at dawn"]
    );

    let second = h.run(&[id]);
    assert_eq!(second.new_documents, 1, "{second:?}");
    assert!(
        h.server
            .requests()
            .iter()
            .any(|r| r.path.contains("min_id=110000000000000004")),
        "the second run asks only for newer posts"
    );
    assert_eq!(h.source(id).cursor.as_deref(), Some("110000000000000005"));
    assert_eq!(h.server.hits("/api/v1/accounts/lookup"), 1);
    let third = h.run(&[id]);
    assert_eq!(third.new_documents, 0, "{third:?}");
}

#[test]
fn a_mastodon_hashtag_is_collected() {
    let mut h = social_harness();
    let target = format!("#harbour@{}", instance(&h));
    h.add_target(SourceKind::Mastodon, &target, true);
    let summary = h.run(&[]);
    assert_eq!(summary.new_documents, 1, "{summary:?}");
    assert_eq!(post_speakers(&h, "Lotta Wikström"), ["Lotta Wikström"]);
}

#[test]
fn a_post_that_is_one_quotation_is_stored_inside_its_marks() {
    let mut h = social_harness();
    let target = format!("#farewell@{}", instance(&h));
    h.add_target(SourceKind::Mastodon, &target, true);
    let summary = h.run(&[]);
    assert_eq!(summary.new_documents, 1, "{summary:?}");
    let filter = SearchFilter {
        speaker: Some("Dermot Mac".to_string()),
        kind: Some(QuoteKind::Post),
        limit: Some(5),
        ..SearchFilter::default()
    };
    let hits = h.store.search(&filter).expect("searches");
    let texts: Vec<&str> = hits.iter().map(|hit| hit.text.as_str()).collect();
    assert_eq!(
        texts,
        ["Alec’s last day. I’ll miss you."],
        "shown with marks around it, it would read ““…””"
    );
}

#[test]
fn an_unknown_mastodon_account_fails_its_source() {
    let mut h = social_harness();
    let target = format!("@nobody@{}", instance(&h));
    let id = h.add_target(SourceKind::Mastodon, &target, true);
    let summary = h.run(&[]);
    assert_eq!(summary.sources_failed, 1, "{summary:?}");
    assert!(h.source(id).last_error.unwrap_or_default().contains("404"));
}

#[test]
fn a_bluesky_account_is_collected_with_its_did() {
    let mut h = social_harness();
    let id = h.add_target(SourceKind::Bluesky, "desk.harbour.example", true);
    let summary = h.run(&[]);
    assert_eq!(
        (summary.sources_ok, summary.sources_failed),
        (1, 0),
        "{summary:?}"
    );
    assert_eq!(summary.new_documents, 3, "two pages: {summary:?}");
    let source = h.source(id);
    assert_eq!(source.did.as_deref(), Some("did:plc:harbourdesk7q2"));
    assert_eq!(source.cursor.as_deref(), Some("2026-05-04T08:05:01.000Z"));
    assert_eq!(
        post_speakers(&h, "Cyrus Moreno"),
        ["Cyrus Moreno"],
        "a repost is the original author's"
    );
    let post = h
        .store
        .stored_document("https://bsky.app/profile/did:plc:harbourdesk7q2/post/3lmferry01")
        .expect("reads")
        .expect("stored under its bsky.app link");
    assert_eq!(post.captions, ["Crew members repainting the ferry's hull"]);

    let again = h.run(&[id]);
    assert_eq!(again.new_documents, 0, "{again:?}");
    let feeds = h
        .server
        .requests()
        .into_iter()
        .filter(|r| r.path.starts_with("/xrpc/app.bsky.feed.getAuthorFeed"))
        .collect::<Vec<_>>();
    assert!(
        feeds
            .last()
            .is_some_and(|r| r.path.contains("actor=did:plc:harbourdesk7q2")),
        "later runs ask by DID: handles change"
    );
    assert_eq!(feeds.len(), 3, "the second run stops at posts it has seen");
}

#[test]
fn a_bluesky_account_that_asked_not_to_be_shown_is_not_collected() {
    let mut h = social_harness();
    let id = h.add_target(SourceKind::Bluesky, "hidden.harbour.example", true);
    let summary = h.run(&[]);
    assert_eq!(summary.sources_skipped, 1, "{summary:?}");
    assert_eq!(summary.new_documents, 0);
    let source = h.source(id);
    let reason = source.disabled_reason.unwrap_or_default();
    assert!(reason.contains("!no-unauthenticated"), "{reason}");
    assert_eq!(h.server.hits("/xrpc/app.bsky.feed.getAuthorFeed"), 0);
    let later = h.run(&[]);
    assert_eq!(
        later.sources_skipped + later.sources_ok + later.sources_failed,
        0,
        "never due again"
    );
}

#[test]
fn a_sitemap_index_with_a_gzipped_news_sitemap_is_collected() {
    let mut h = Harness::new();
    let id = h.add(SourceKind::Sitemap, "/sites/sitemap-index.xml");
    let summary = h.run(&[]);
    assert_eq!(
        (summary.sources_ok, summary.sources_failed),
        (1, 0),
        "{summary:?}"
    );
    assert_eq!(summary.new_documents, 3, "{summary:?}");
    assert_eq!(h.server.hits("/sites/sitemap-news.xml.gz"), 1);
    let master = h
        .document("/sites/harbour/harbour-master.html")
        .expect("from the news sitemap");
    assert_eq!(master.published_at.as_deref(), Some("2026-05-07T10:00:00Z"));
    let again = h.run(&[id]);
    assert_eq!(again.new_documents, 0);
    assert_eq!(
        h.server.hits("/sites/harbour/pier.html"),
        1,
        "no page fetched twice"
    );
}

#[test]
fn articles_linked_from_posts_can_be_queued_as_pages() {
    let mut h = social_harness();
    h.settings.follow_post_links = true;
    let target = format!("@editor@{}", instance(&h));
    h.add_target(SourceKind::Mastodon, &target, true);
    let summary = h.run(&[]);
    assert_eq!(
        summary.new_documents, 4,
        "three posts and the linked story: {summary:?}"
    );
    let story = h
        .document("/sites/harbour/ferry.html")
        .expect("the linked story");
    assert!(story.text.contains("back at sea"));
}

#[test]
fn dates_that_cannot_be_right_are_not_stored_whatever_the_source_kind() {
    let mut h = social_harness();
    let target = format!("#tides@{}", instance(&h));
    h.add_target(SourceKind::Mastodon, &target, true);
    let summary = h.run(&[]);
    assert_eq!(summary.new_documents, 4, "{summary:?}");
    assert_eq!(
        h.published_dates(&[
            "pier lights",
            "Fog horn",
            "summer is up",
            "causeway is open"
        ]),
        [None, None, None, Some("2026-05-04T12:00:00Z".to_string())],
        "2024-01-50, year one and 2999 are left out"
    );
}

#[test]
fn a_large_sitemap_is_collected_a_page_budget_at_a_time_newest_first() {
    let mut h = Harness::new();
    h.settings.max_items_per_source = 4;
    let id = h.add(SourceKind::Sitemap, "/generated/sitemap/10.xml");
    let first = h.run(&[]);
    assert_eq!(first.new_documents, 4, "{first:?}");
    let stored = |h: &Harness| -> Vec<usize> {
        (0..10)
            .filter(|k| h.document(&format!("/generated/page/{k}.html")).is_some())
            .collect()
    };
    assert_eq!(stored(&h), [6, 7, 8, 9], "the newest lastmod first");
    h.store.make_due(id).expect("due again");
    let second = h.run(&[]);
    assert_eq!(
        second.new_documents, 4,
        "the next check takes the next ones: {second:?}"
    );
    assert_eq!(stored(&h), [2, 3, 4, 5, 6, 7, 8, 9]);
    assert_eq!(
        h.server.hits("/generated/page/9.html"),
        1,
        "none fetched twice"
    );
}

#[test]
fn a_sitemap_over_the_page_cap_but_within_the_protocols_is_read() {
    let mut h = Harness::new();
    h.add(SourceKind::Sitemap, "/generated/padded-sitemap/3.xml");
    let summary = h.run(&[]);
    assert_eq!(
        (summary.sources_ok, summary.new_documents),
        (1, 3),
        "12 MB is over the 10 MB a page may have, not over a sitemap's 50 MB: {summary:?}"
    );
}

#[test]
fn pages_of_a_host_that_stopped_answering_are_put_off_to_the_next_check() {
    let mut h = Harness::new();
    let id = h.add(SourceKind::Sitemap, "/generated/unreachable-sitemap/40.xml");
    let summary = h.run(&[]);
    assert_eq!(
        summary.sources_ok, 1,
        "the sitemap itself was read: {summary:?}"
    );
    let Some(SourceResult::Ok(items)) = summary.reports.first().map(|r| r.result.clone()) else {
        panic!("{summary:?}");
    };
    assert!(
        items.failed < 20 && items.put_off > 20 && items.failed + items.put_off == 40,
        "{items:?}"
    );
    assert!(
        items.describe().contains("put off to the next check"),
        "{}",
        items.describe()
    );
    assert!(items.retry_wanted, "the next check reads the sitemap whole");
    assert_eq!(h.source(id).error_count, 0);
}
