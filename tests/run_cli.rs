//! `onrecord run` through the binary, against the local fixture server: it collects until
//! SIGTERM and exits 0, refuses a second instance, lets `search` read while it writes, and
//! survives `kill -9` at random moments without losing or doubling anything.

mod collect_support;
mod run_support;

use collect_support::{Server, rolling_published};
use run_support::{Sandbox, signal, wait_at_most};
use std::time::Duration;

/// A rolling feed of `total` items, one every `period_ms`, added as source `name`.
fn add_rolling(sandbox: &Sandbox, server: &Server, name: &str, period_ms: u64, total: usize) {
    let url = server.url(&format!("/rolling/{name}/{period_ms}/{total}/feed.rss"));
    sandbox.ok(&["sources", "add", "feed", &url, "--allow-private"]);
}

#[test]
fn run_collects_until_sigterm_then_exits_zero_with_everything_committed() {
    let server = Server::start();
    let sandbox = Sandbox::new();
    add_rolling(&sandbox, &server, "term", 50, 6);
    let mut child = sandbox.spawn_run(&[], "run.log");
    let collected = sandbox.wait_for(Duration::from_secs(20), |s| s.rolling_documents() >= 6);
    signal(&child, libc::SIGTERM);
    let status =
        wait_at_most(&mut child, Duration::from_secs(15)).expect("stops within the grace period");
    let log = sandbox.log("run.log");
    assert!(collected, "not all six items collected: {log}");
    assert!(status.success(), "exit {status:?}: {log}");
    assert!(log.contains("SIGTERM received"), "{log}");
    assert!(log.contains("run stopped"), "{log}");
    assert!(sandbox.problems().is_empty(), "{:?}", sandbox.problems());
    assert!(sandbox.missing_or_doubled("term", 6).is_empty());
    let list = sandbox.ok(&["sources", "list"]);
    assert!(
        list.contains("last success") && list.contains("next check"),
        "{list}"
    );
    assert!(
        !list.contains("never  "),
        "the source has succeeded: {list}"
    );
}

#[test]
fn sigint_stops_it_too_and_the_lock_is_released() {
    let server = Server::start();
    let sandbox = Sandbox::new();
    add_rolling(&sandbox, &server, "int", 50, 2);
    let mut child = sandbox.spawn_run(&[], "run.log");
    assert!(sandbox.wait_for(Duration::from_secs(20), |s| s.rolling_documents() >= 2));
    signal(&child, libc::SIGINT);
    let status = wait_at_most(&mut child, Duration::from_secs(15)).expect("stops");
    assert!(status.success(), "{}", sandbox.log("run.log"));
    let again = sandbox.run(&["run", "--stop-after", "1s"]);
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
}

#[test]
fn a_second_run_on_the_same_database_refuses_to_start() {
    let server = Server::start();
    let sandbox = Sandbox::new();
    add_rolling(&sandbox, &server, "lock", 1000, 1);
    let mut first = sandbox.spawn_run(&[], "run.log");
    assert!(sandbox.wait_for(Duration::from_secs(20), |s| {
        s.log("run.log").contains("run started")
    }));
    let second = sandbox.run(&["run", "--stop-after", "1s"]);
    let collect = sandbox.run(&["collect"]);
    signal(&first, libc::SIGTERM);
    let status = wait_at_most(&mut first, Duration::from_secs(15)).expect("stops");
    assert!(status.success());
    assert!(!second.status.success());
    let message = String::from_utf8_lossy(&second.stderr);
    assert!(
        message.contains("already collecting into this database"),
        "{message}"
    );
    assert!(
        message.contains(&first.id().to_string()),
        "names the holder: {message}"
    );
    assert!(!collect.status.success(), "collect refuses too");
}

#[test]
fn search_while_collecting_never_meets_a_locked_database() {
    let server = Server::start();
    let sandbox = Sandbox::new();
    for name in ["s1", "s2", "s3"] {
        add_rolling(&sandbox, &server, name, 40, 40);
    }
    let mut child = sandbox.spawn_run(&[], "run.log");
    assert!(sandbox.wait_for(Duration::from_secs(20), |s| s.rolling_documents() >= 1));
    let mut searches = 0;
    let mut failures = Vec::new();
    let started = std::time::Instant::now();
    while started.elapsed() < Duration::from_secs(4) {
        for args in [
            &["search", "harbour", "--format", "json"][..],
            &["sources", "list", "--format", "json"],
            &["stats"],
        ] {
            let output = sandbox.run(args);
            searches += 1;
            let stderr = String::from_utf8_lossy(&output.stderr).to_string();
            if !output.status.success() || stderr.contains("locked") || stderr.contains("busy") {
                failures.push(format!("{args:?}: {stderr}"));
            }
        }
    }
    let during = sandbox.rolling_documents();
    signal(&child, libc::SIGTERM);
    let status = wait_at_most(&mut child, Duration::from_secs(15)).expect("stops");
    assert!(status.success(), "{}", sandbox.log("run.log"));
    assert!(
        failures.is_empty(),
        "{} of {searches}: {failures:?}",
        failures.len()
    );
    assert!(searches >= 6, "only {searches} reads");
    assert!(
        during >= 2,
        "run was collecting meanwhile ({during} documents)"
    );
}

/// Kill -9 at a few pseudo-random moments (a fixed seed: the same moments each time), then
/// check the database and let a last run finish the job.
#[test]
fn kill_nine_at_random_moments_loses_nothing_and_duplicates_nothing() {
    let server = Server::start();
    let began = std::time::Instant::now();
    let sandbox = Sandbox::new();
    let (period, total) = (120, 30);
    for name in ["k1", "k2"] {
        add_rolling(&sandbox, &server, name, period, total);
    }
    let mut seed: u64 = 0x05ee_d0f0_ec01_1ec7;
    for round in 0..4 {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let delay = Duration::from_millis(300 + (seed >> 33) % 1200);
        let log = format!("killed-{round}.log");
        let mut child = sandbox.spawn_run(&[], &log);
        std::thread::sleep(delay);
        child.kill().expect("SIGKILL");
        let _ = child.wait();
        eprintln!(
            "killed after {delay:?}: {} documents so far",
            sandbox.rolling_documents()
        );
        assert!(
            sandbox.problems().is_empty(),
            "after kill {round} at {delay:?}: {:?}\n{}",
            sandbox.problems(),
            sandbox.log(&log)
        );
    }
    let killed_with = sandbox.rolling_documents();
    let all_out = Duration::from_millis(period * total as u64);
    std::thread::sleep(all_out.saturating_sub(began.elapsed()));
    assert_eq!(rolling_published(began.elapsed(), period, total), total);
    let mut last = sandbox.spawn_run(&[], "last.log");
    assert!(sandbox.wait_for(Duration::from_secs(20), |s| {
        s.log("last.log").contains("run started")
    }));
    let complete = sandbox.wait_for(Duration::from_secs(40), |s| {
        s.rolling_documents() >= 2 * total as i64
    });
    signal(&last, libc::SIGTERM);
    let status = wait_at_most(&mut last, Duration::from_secs(15)).expect("stops");
    assert!(status.success(), "{}", sandbox.log("last.log"));
    assert!(
        complete,
        "had {killed_with} after the kills, {} at the end: {}",
        sandbox.rolling_documents(),
        sandbox.log("last.log")
    );
    assert!(sandbox.problems().is_empty(), "{:?}", sandbox.problems());
    for name in ["k1", "k2"] {
        let wrong = sandbox.missing_or_doubled(name, total);
        assert!(wrong.is_empty(), "{wrong:?}");
    }
    assert_eq!(
        sandbox.rolling_quotes(),
        2 * total as i64,
        "one quote per item page, none lost or doubled"
    );
}

#[test]
fn a_source_failing_for_a_week_is_flagged_in_the_list() {
    let sandbox = Sandbox::new();
    sandbox.ok(&["sources", "add", "feed", "https://news.example.org/rss"]);
    {
        let mut store =
            onrecord::store::Store::open(&sandbox.db(), onrecord::store::OpenMode::MustExist)
                .expect("opens");
        for day in 1..=9 {
            let now = format!("2026-01-0{day}T00:00:00.000Z");
            store
                .record_failure(1, "HTTP 503", &now, "2026-01-10T00:00:00.000Z")
                .expect("records");
        }
    }
    let list = sandbox.ok(&["sources"]);
    assert!(
        list.contains("FAILING FOR A WEEK (since 2026-01-01 00:00)"),
        "{list}"
    );
    assert!(list.contains("error (9 in a row): HTTP 503"), "{list}");
    let json = sandbox.ok(&["sources", "list", "--format", "json"]);
    let sources: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(sources[0]["failing_for_a_week"], true, "{json}");
    assert_eq!(sources[0]["failing_since"], "2026-01-01T00:00:00.000Z");
}

#[test]
fn per_source_intervals_are_set_shown_and_cleared() {
    let sandbox = Sandbox::new();
    let added = sandbox.ok(&[
        "sources",
        "add",
        "feed",
        "https://news.example.org/rss",
        "--interval",
        "15m",
    ]);
    assert!(added.starts_with("added source 1"), "{added}");
    let list = sandbox.ok(&["sources", "list"]);
    assert!(
        list.contains("  15m  https://news.example.org/rss"),
        "{list}"
    );
    assert_eq!(
        sandbox.ok(&["sources", "set-interval", "1", "2h"]).trim(),
        "source 1: checked every 2h"
    );
    let json = sandbox.ok(&["sources", "list", "--format", "json"]);
    assert!(json.contains("\"interval_seconds\": 7200"), "{json}");
    sandbox.ok(&["sources", "set-interval", "1", "default"]);
    let json = sandbox.ok(&["sources", "list", "--format", "json"]);
    assert!(json.contains("\"interval_seconds\": null"), "{json}");
    let bad = sandbox.run(&["sources", "set-interval", "1", "soon"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("is not an interval"));
    let missing = sandbox.run(&["sources", "set-interval", "9", "1h"]);
    assert!(!missing.status.success());
}

#[test]
fn the_configuration_file_can_give_a_source_its_interval() {
    let sandbox = Sandbox::new();
    let file = sandbox.path("sources.toml");
    std::fs::write(
        &file,
        "[[source]]\nkind = \"feed\"\ntarget = \"https://news.example.org/rss\"\ninterval = \"90s\"\n",
    )
    .expect("writes");
    sandbox.ok(&["sources", "import", run_support::text(&file)]);
    let json = sandbox.ok(&["sources", "list", "--format", "json"]);
    assert!(json.contains("\"interval_seconds\": 90"), "{json}");
}

#[test]
fn logs_can_be_json_lines() {
    let server = Server::start();
    let sandbox = Sandbox::new();
    add_rolling(&sandbox, &server, "json", 1000, 1);
    let output = sandbox.run(&["run", "--log-format", "json", "--stop-after", "2s"]);
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let events: Vec<serde_json::Value> = stderr
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect();
    assert!(
        events
            .iter()
            .any(|e| e["message"] == "source checked" && e["level"] == "INFO"),
        "{stderr}"
    );
    assert!(
        events.iter().any(|e| e["message"] == "run stopped"),
        "{stderr}"
    );
}

/// `count` article files in the sandbox, each with its own words and a quote.
fn write_articles(sandbox: &Sandbox, prefix: &str, count: usize) -> Vec<String> {
    (0..count)
        .map(|n| {
            let path = sandbox.path(&format!("{prefix}-{n:03}.html"));
            std::fs::write(
                &path,
                format!(
                    "<!doctype html><html lang=\"en\"><head><title>Desk {prefix} report {n}</title></head><body><article>\
<h1>Desk {prefix} report {n}</h1><p>The {prefix} desk filed report {n} on the quay works this morning.</p>\
<p>“Report {n} of the {prefix} desk is on the record,” said Ines Okafor, the harbour master.</p></article></body></html>"
                ),
            )
            .expect("writes an article");
            run_support::text(&path).to_string()
        })
        .collect()
}

#[test]
fn two_adds_beside_a_run_store_every_document_once() {
    let server = Server::start();
    let sandbox = Sandbox::new();
    for name in ["w1", "w2"] {
        add_rolling(&sandbox, &server, name, 30, 60);
    }
    let mut run = sandbox.spawn_run(&[], "run.log");
    assert!(sandbox.wait_for(Duration::from_secs(20), |s| s.rolling_documents() >= 1));
    let batches: Vec<Vec<String>> = ["a", "b"]
        .iter()
        .map(|prefix| write_articles(&sandbox, prefix, 40))
        .collect();
    let adds: Vec<std::process::Child> = batches
        .iter()
        .map(|files| {
            let mut args = vec!["add"];
            args.extend(files.iter().map(String::as_str));
            sandbox
                .command(&args)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("add starts")
        })
        .collect();
    let outputs: Vec<std::process::Output> = adds
        .into_iter()
        .map(|child| child.wait_with_output().expect("add ends"))
        .collect();
    signal(&run, libc::SIGTERM);
    let status = wait_at_most(&mut run, Duration::from_secs(15)).expect("stops");
    assert!(status.success(), "{}", sandbox.log("run.log"));
    for output in &outputs {
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success() && stderr.is_empty(), "{stderr}");
    }
    let reader = sandbox.reader();
    for file in batches.iter().flatten() {
        let stored: i64 = reader
            .query_row(
                "SELECT count(*) FROM documents WHERE url LIKE '%' || ?1",
                [file],
                |row| row.get(0),
            )
            .expect("counts");
        assert_eq!(stored, 1, "{file}");
    }
    assert!(sandbox.problems().is_empty(), "{:?}", sandbox.problems());
    assert!(
        !sandbox.log("run.log").contains("locked"),
        "{}",
        sandbox.log("run.log")
    );
}

#[test]
fn a_stalled_source_does_not_hold_back_the_others_and_the_counts_are_true() {
    let server = Server::start();
    let stalling = Server::start();
    let sandbox = Sandbox::new();
    std::fs::write(
        sandbox.path("onrecord.toml"),
        format!(
            "[fetch]\ntimeout_ms = 2000\nconnect_timeout_ms = 500\nhost_delay_ms = 0\nretry_base_ms = 20\nretries = 1\n\n[collect]\ntime_scale = {}\n",
            run_support::TIME_SCALE
        ),
    )
    .expect("writes the configuration");
    let stall = stalling.url("/stall");
    sandbox.ok(&["sources", "add", "page", &stall, "--allow-private"]);
    add_rolling(&sandbox, &server, "steady", 1000, 20);
    let feed = "/rolling/steady/1000/20/feed.rss";
    let output = sandbox.run(&["run", "--log-format", "json", "--stop-after", "7s"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        server.hits(feed) >= 4,
        "the feed, due every 1.25 s, was checked {} times in 7 s beside a source that stalls for 4 s: {stderr}",
        server.hits(feed)
    );
    let stopped: serde_json::Value = stderr
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .find(|event| event["message"] == "run stopped")
        .unwrap_or_else(|| panic!("no closing line: {stderr}"));
    assert_eq!(
        stopped["new_documents"].as_i64(),
        Some(sandbox.rolling_documents()),
        "the closing line counts what was stored: {stopped}"
    );
    assert!(sandbox.rolling_documents() > 0);
}
