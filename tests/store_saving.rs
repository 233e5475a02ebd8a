//! Saving against real SQLite files: a quote published again joins the cluster of its first
//! appearance wherever the earlier quote's keys are (settled by a merge, fresh in this
//! connection's memory, or appended or renumbered by another connection), a changed
//! document's old quotes leave their clusters, and the speakers' counts and dates follow
//! saves and updates.

mod support;

use onrecord::store::{OpenMode, SearchFilter, Store};
use support::articles::{article, open, store_all};

const FIRST: &str = "Live ammunition is and always was prohibited on the set of this film";
const CUT: &str = "Live ammunition is and always was prohibited on the set";
const SHORT: &str = "Never again";
const LATER: &str = "The ferry timetable changes next month for every island route";
const OTHER: &str = "Our council will publish the audit of the harbour accounts soon";

/// How many appearances the cluster of the newest quote holding `word` has.
fn appearances(store: &Store, word: &str) -> usize {
    let hits = store
        .search(&SearchFilter {
            query: Some(word.to_string()),
            limit: Some(1),
            sort: onrecord::store::Sort::Date,
            ..SearchFilter::default()
        })
        .expect("search");
    let hit = hits
        .first()
        .unwrap_or_else(|| panic!("no quote holds {word}"));
    store.appearances(hit.id).expect("appearances").len()
}

#[test]
fn republished_quotes_join_their_cluster_in_every_tier_of_keys() {
    let (dir, mut store) = open();
    let db = dir.path().join("onrecord.db");
    store_all(
        &mut store,
        &[article(
            1,
            "a.example",
            "2024-01-01",
            "Ana Ruiz",
            &[FIRST, SHORT],
        )],
    );
    store.merge_cluster_keys().expect("merge");
    // Found through the settled keys: the same words, a cut version, a short quote.
    store_all(
        &mut store,
        &[
            article(2, "b.example", "2024-01-02", "Ana Ruiz", &[FIRST, SHORT]),
            article(3, "c.example", "2024-01-03", "Ana Ruiz", &[CUT, LATER]),
        ],
    );
    assert_eq!(
        appearances(&store, "film"),
        3,
        "first, copy and cut version"
    );
    assert_eq!(appearances(&store, "never"), 2);
    // Found through the fresh keys this connection holds.
    store_all(
        &mut store,
        &[article(4, "d.example", "2024-01-04", "Ben Ode", &[LATER])],
    );
    assert_eq!(appearances(&store, "ferry"), 2);
    // Another connection (another process) reads the fresh keys from the table…
    let mut other = Store::open(&db, OpenMode::MustExist).expect("second connection");
    store_all(
        &mut other,
        &[article(
            5,
            "e.example",
            "2024-01-05",
            "Ben Ode",
            &[LATER, OTHER],
        )],
    );
    assert_eq!(appearances(&other, "ferry"), 3);
    // …and the first catches up with what the other appended.
    store_all(
        &mut store,
        &[article(6, "f.example", "2024-01-06", "Cy Lam", &[OTHER])],
    );
    assert_eq!(appearances(&store, "harbour"), 2);
    // After the other merges, the first reads the (now empty) fresh keys again.
    other.merge_cluster_keys().expect("merge");
    store_all(
        &mut store,
        &[article(
            7,
            "g.example",
            "2024-01-07",
            "Cy Lam",
            &[OTHER, FIRST],
        )],
    );
    assert_eq!(appearances(&store, "harbour"), 3);
    assert_eq!(appearances(&store, "film"), 4);
}

#[test]
fn quotes_renumbered_by_another_connection_are_seen() {
    // SQLite numbers a new row after the largest left: when another process changes the
    // newest document, its new quotes take the numbers of the ones it replaced, numbers
    // this connection has already read.
    let (dir, mut store) = open();
    let db = dir.path().join("onrecord.db");
    store_all(
        &mut store,
        &[article(
            1,
            "a.example",
            "2024-01-01",
            "Ana Ruiz",
            &[FIRST, SHORT],
        )],
    );
    let mut other = Store::open(&db, OpenMode::MustExist).expect("second connection");
    store_all(
        &mut other,
        &[article(
            1,
            "a.example",
            "2024-01-01",
            "Ana Ruiz",
            &[LATER, OTHER],
        )],
    );
    store_all(
        &mut store,
        &[article(2, "b.example", "2024-01-02", "Ben Ode", &[LATER])],
    );
    assert_eq!(appearances(&store, "ferry"), 2);
}

#[test]
fn a_changed_document_takes_its_old_quotes_out_of_their_clusters() {
    let (_dir, mut store) = open();
    store_all(
        &mut store,
        &[article(1, "a.example", "2024-01-01", "Ana Ruiz", &[FIRST])],
    );
    store.merge_cluster_keys().expect("merge");
    store_all(
        &mut store,
        &[article(2, "b.example", "2024-01-02", "Ana Ruiz", &[LATER])],
    );
    // Both articles change: the quotes they held are gone, and a quote published again
    // must not join a cluster through their keys.
    store_all(
        &mut store,
        &[
            article(1, "a.example", "2024-01-01", "Ana Ruiz", &[OTHER]),
            article(2, "b.example", "2024-01-02", "Ana Ruiz", &[SHORT]),
        ],
    );
    store_all(
        &mut store,
        &[article(
            3,
            "c.example",
            "2024-01-03",
            "Ben Ode",
            &[FIRST, LATER],
        )],
    );
    assert_eq!(appearances(&store, "film"), 1);
    assert_eq!(appearances(&store, "ferry"), 1);
}

#[test]
fn speakers_keep_their_counts_and_dates_through_saves_and_updates() {
    let (_dir, mut store) = open();
    store_all(
        &mut store,
        &[
            article(1, "a.example", "2024-03-01", "Ana Ruiz", &[FIRST, LATER]),
            article(2, "b.example", "2023-12-24", "Ana Ruiz", &[OTHER]),
            article(3, "c.example", "2024-05-05", "Ben Ode", &[SHORT]),
        ],
    );
    let listed = |store: &Store| -> Vec<(String, i64, Option<String>, Option<String>)> {
        store
            .speakers(None)
            .expect("speakers")
            .into_iter()
            .map(|s| (s.name, s.quotes, s.first_seen, s.last_seen))
            .collect()
    };
    let day = |date: &str| Some(format!("{date}T08:00:00Z"));
    assert_eq!(
        listed(&store),
        vec![
            ("Ana Ruiz".into(), 3, day("2023-12-24"), day("2024-03-01")),
            ("Ben Ode".into(), 1, day("2024-05-05"), day("2024-05-05")),
        ]
    );
    // Article 2 changes: Ana Ruiz's earliest quote goes, Ben Ode is quoted there instead.
    store_all(
        &mut store,
        &[article(
            2,
            "b.example",
            "2023-12-24",
            "Ben Ode",
            &[OTHER, CUT],
        )],
    );
    assert_eq!(
        listed(&store),
        vec![
            ("Ben Ode".into(), 3, day("2023-12-24"), day("2024-05-05")),
            ("Ana Ruiz".into(), 2, day("2024-03-01"), day("2024-03-01")),
        ]
    );
    // Her quotes are found by her name without words, newest first.
    let by_ana = store
        .search(&SearchFilter {
            speaker: Some("ruiz".into()),
            limit: Some(10),
            ..SearchFilter::default()
        })
        .expect("search by speaker");
    let texts: Vec<&str> = by_ana.iter().map(|hit| hit.text.as_str()).collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(
        texts.contains(&FIRST) && texts.contains(&LATER),
        "{texts:?}"
    );
}
