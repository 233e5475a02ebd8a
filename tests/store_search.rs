//! Search against real SQLite files: the windows that keep searches fast on a large archive
//! (the newest quotes first, the best of the newest matches) must never change what is
//! found: a quote first published long ago is listed at its first appearance, and a match
//! older than the window is still found when the filters need it.

mod support;

use onrecord::store::{SearchFilter, Sort};
use support::articles::{article, open, store_all};

fn filter(query: Option<&str>, limit: usize) -> SearchFilter {
    SearchFilter {
        query: query.map(str::to_string),
        one_per_cluster: true,
        limit: Some(limit),
        ..SearchFilter::default()
    }
}

#[test]
fn newest_first_lists_a_republished_quote_at_its_first_appearance() {
    let (_dir, mut store) = open();
    let old = "The ferry will run again before the winter comes to the island";
    let mut articles = vec![article(
        0,
        "first.example",
        "2020-03-01",
        "Ana Ruiz",
        &[old],
    )];
    for day in 1..=28 {
        // Words of its own, so that no two statements are versions of one quote.
        let text = [
            "harbour", "workers", "wages", "ferry", "winter", "island", "council",
        ]
        .map(|word| format!("{word}{day}"))
        .join(" ");
        articles.push(article(
            day,
            "daily.example",
            &format!("2024-02-{day:02}"),
            "Ana Ruiz",
            &[&text],
        ));
    }
    // Republished yesterday: the newest appearance of the oldest words.
    articles.push(article(
        99,
        "late.example",
        "2025-05-30",
        "Ana Ruiz",
        &[old],
    ));
    store_all(&mut store, &articles);

    let speaker = |limit| SearchFilter {
        speaker: Some("ruiz".into()),
        ..filter(None, limit)
    };
    let newest = store.search(&speaker(1)).expect("search");
    assert_eq!(newest.len(), 1);
    assert!(
        newest[0].text.contains("harbour28"),
        "the newest statement first, not the republished one: {:?}",
        newest[0].text
    );

    let all = store.search(&speaker(100)).expect("search");
    assert_eq!(all.len(), 29, "one hit per cluster");
    let last = all.last().expect("hits");
    assert_eq!(last.text, old);
    assert_eq!(last.date.as_deref(), Some("2020-03-01T08:00:00Z"));
    assert_eq!(last.site.as_deref(), Some("first.example"));
    assert_eq!(last.appearances, Some(2));
}

#[test]
fn a_match_older_than_the_ranking_window_is_found_when_filters_need_it() {
    let (_dir, mut store) = open();
    let mut articles = vec![article(
        0,
        "rare.example",
        "2019-01-01",
        "Old Speaker",
        &["We will balance the budget this year"],
    )];
    // More than the 4,000 newest matches a search ranks first.
    for n in 1..=450 {
        let quotes: Vec<String> = (0..10)
            .map(|i| format!("We must pass the budget now, case {n} {i}, and we say it will hold"))
            .collect();
        let quotes: Vec<&str> = quotes.iter().map(String::as_str).collect();
        articles.push(article(
            n,
            "busy.example",
            "2024-01-01",
            "Busy Speaker",
            &quotes,
        ));
    }
    store_all(&mut store, &articles);

    let on_rare_site = SearchFilter {
        site: Some("rare.example".into()),
        ..filter(Some("budget"), 5)
    };
    let hits = store.search(&on_rare_site).expect("search");
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].site.as_deref(), Some("rare.example"));

    // "we" and "will" are in all 4,501 quotes, side by side only in the oldest.
    let phrase = store
        .search(&filter(Some("\"we will\""), 5))
        .expect("search");
    assert_eq!(phrase.len(), 1, "{phrase:?}");
    assert_eq!(phrase[0].speaker.as_deref(), Some("Old Speaker"));
}

#[test]
fn the_best_match_comes_first_and_ties_go_newest_first() {
    let (_dir, mut store) = open();
    store_all(
        &mut store,
        &[
            article(
                1,
                "a.example",
                "2024-01-01",
                "Ana Ruiz",
                &["Ammunition on set"],
            ),
            article(
                2,
                "b.example",
                "2024-02-01",
                "Ana Ruiz",
                &["No ammunition, never ammunition, on any set"],
            ),
            article(
                3,
                "c.example",
                "2024-03-01",
                "Ana Ruiz",
                &["Ammunition again"],
            ),
            article(
                4,
                "d.example",
                "2024-04-01",
                "Ben Ode",
                &["Nothing about it"],
            ),
        ],
    );
    let hits = store
        .search(&filter(Some("ammunition"), 10))
        .expect("search");
    let sites: Vec<&str> = hits.iter().filter_map(|h| h.site.as_deref()).collect();
    assert_eq!(sites, ["b.example", "c.example", "a.example"]);

    let by_date = SearchFilter {
        sort: Sort::Date,
        ..filter(Some("ammunition"), 10)
    };
    let sites: Vec<String> = store
        .search(&by_date)
        .expect("search")
        .into_iter()
        .filter_map(|h| h.site)
        .collect();
    assert_eq!(sites, ["c.example", "b.example", "a.example"]);

    let with_speaker = SearchFilter {
        speaker: Some("Ben Ode".into()),
        ..filter(Some("ammunition"), 10)
    };
    assert!(store.search(&with_speaker).expect("search").is_empty());
}

#[test]
fn newest_first_with_common_words_lists_what_a_full_sort_lists() {
    let (_dir, mut store) = open();
    let old = "The harbour will stay open for every fishing boat this winter";
    let mut articles = vec![article(
        0,
        "first.example",
        "2019-06-01",
        "Ana Ruiz",
        &[old],
    )];
    // Stored first, dated last: the newest hit though the oldest row.
    articles.push(article(
        1000,
        "early.example",
        "2026-01-01",
        "Cy Pol",
        &["harbour first stored"],
    ));
    // More matches of "harbour" than a search sorts whole, over many days.
    for n in 1..=420 {
        let quotes: Vec<String> = (0..10)
            .map(|i| format!("harbour w{n}x{i} a{n}y{i} b{n}z{i}"))
            .collect();
        let quotes: Vec<&str> = quotes.iter().map(String::as_str).collect();
        let date = format!("2024-{:02}-{:02}", 1 + n % 12, 1 + n % 28);
        articles.push(article(n, "busy.example", &date, "Ben Ode", &quotes));
    }
    articles.push(article(
        999,
        "late.example",
        "2025-12-31",
        "Ana Ruiz",
        &[old],
    ));
    store_all(&mut store, &articles);

    let by_date = |limit| SearchFilter {
        sort: Sort::Date,
        limit,
        ..filter(Some("harbour"), 0)
    };
    let everything = store.search(&by_date(None)).expect("search");
    assert_eq!(everything.len(), 4202, "one hit per cluster");
    assert_eq!(everything[0].site.as_deref(), Some("early.example"));
    for limit in [1, 7, 30] {
        let newest = store.search(&by_date(Some(limit))).expect("search");
        let ids: Vec<i64> = newest.iter().map(|h| h.id).collect();
        let expected: Vec<i64> = everything.iter().take(limit).map(|h| h.id).collect();
        assert_eq!(ids, expected, "the {limit} newest");
    }
    assert_ne!(
        everything[0].text, old,
        "listed at its first appearance, 2019"
    );
    assert_eq!(everything.last().map(|h| h.text.as_str()), Some(old));
}

/// An archive where Ben Ode has more quotes than a search without words reads first, stored
/// in the order of their dates, one of them first said in 2019 and quoted again late; with
/// `stored_first_dated_last`, his newest quote is also the first row stored.
fn archive_of_ben_ode(
    stored_first_dated_last: bool,
) -> (tempfile::TempDir, onrecord::store::Store) {
    let (dir, mut store) = open();
    let mut articles = Vec::new();
    if stored_first_dated_last {
        articles.push(article(
            0,
            "early.example",
            "2026-01-01",
            "Ben Ode",
            &["Stored first"],
        ));
    }
    articles.push(article(
        1,
        "first.example",
        "2019-06-01",
        "Ben Ode",
        &[HARBOUR],
    ));
    for n in 2..=420 {
        let quotes: Vec<String> = (0..10).map(|i| format!("Quote {n} {i}")).collect();
        let quotes: Vec<&str> = quotes.iter().map(String::as_str).collect();
        let date = format!(
            "{}-{:02}-{:02}",
            2020 + n / 336,
            1 + (n / 28) % 12,
            1 + n % 28
        );
        let site = if n % 3 == 0 {
            "third.example"
        } else {
            "busy.example"
        };
        articles.push(article(n, site, &date, "Ben Ode", &quotes));
        articles.push(article(1000 + n, site, &date, "Ana Ruiz", &["Not his"]));
    }
    articles.push(article(
        999,
        "third.example",
        "2025-12-31",
        "Ben Ode",
        &[HARBOUR],
    ));
    store_all(&mut store, &articles);
    (dir, store)
}

const HARBOUR: &str = "The harbour will stay open for every fishing boat this winter";

#[test]
fn a_speakers_newest_quotes_are_what_a_full_sort_lists() {
    for stored_first_dated_last in [false, true] {
        let (_dir, store) = archive_of_ben_ode(stored_first_dated_last);
        for site in [None, Some("third.example")] {
            let his = |limit| SearchFilter {
                speaker: Some("ben ode".into()),
                site: site.map(str::to_string),
                limit,
                ..filter(None, 0)
            };
            let everything = store.search(&his(None)).expect("search");
            assert!(everything.len() > 1000, "{}", everything.len());
            if site.is_none() {
                let last = everything.last().map(|h| h.text.as_str());
                assert_eq!(last, Some(HARBOUR), "listed at its first appearance, 2019");
            }
            if stored_first_dated_last && site.is_none() {
                assert_eq!(everything[0].text, "Stored first");
            }
            for limit in [1, 7, 30, 300] {
                let newest = store.search(&his(Some(limit))).expect("search");
                let ids: Vec<i64> = newest.iter().map(|h| h.id).collect();
                let expected: Vec<i64> = everything.iter().take(limit).map(|h| h.id).collect();
                assert_eq!(
                    ids, expected,
                    "the {limit} newest on {site:?}, stored first dated last: {stored_first_dated_last}"
                );
            }
        }
    }
}

#[test]
fn merging_the_index_between_collections_changes_no_result() {
    let (_dir, mut store) = open();
    // One save per article, so a segment of the index each.
    for n in 0..40 {
        let speaker = if n % 2 == 0 { "Ben Ode" } else { "Ana Ruiz" };
        let quotes = [
            format!("The ferry {n} runs again"),
            format!("Prices rose {n} times this winter"),
        ];
        let quotes: Vec<&str> = quotes.iter().map(String::as_str).collect();
        let date = format!("2025-01-{:02}", 1 + n % 28);
        store_all(
            &mut store,
            &[article(n, "a.example", &date, speaker, &quotes)],
        );
    }
    let searches = [
        filter(Some("ferry"), 100),
        filter(Some("\"rose 7 times\""), 100),
        filter(Some("winter -ferry"), 100),
        SearchFilter {
            speaker: Some("ode".into()),
            ..filter(None, 100)
        },
    ];
    let found = |store: &onrecord::store::Store| -> Vec<Vec<i64>> {
        searches
            .iter()
            .map(|f| store.search(f).unwrap().iter().map(|h| h.id).collect())
            .collect()
    };
    let before = found(&store);
    assert_eq!(
        before.iter().map(Vec::len).collect::<Vec<_>>(),
        [40, 1, 40, 40]
    );
    assert!(
        !store.tidy_index().unwrap(),
        "no merge is due for 80 quotes"
    );
    assert!(
        store.tidy_index_step().unwrap(),
        "forty commits leave segments"
    );
    let mut steps = 1;
    while store.tidy_index_step().unwrap() {
        steps += 1;
        assert!(steps < 50, "merging comes to an end");
    }
    assert_eq!(found(&store), before);
}
