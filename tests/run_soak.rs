//! The soak: 24 simulated hours of `onrecord run` (time scale 1440: 30 minutes are 1.25 s,
//! a day is 60 s) against the local fixture server with faults injected (500s, 429s with
//! Retry-After, slow pages, a source that is always gone, one that is always busy). Checks
//! that no item is lost or stored twice and that memory stays flat, and prints the peak
//! RSS at the start and at the end. About 70 seconds, so ignored by default:
//!
//! ```text
//! cargo test --release --test run_soak -- --ignored --nocapture
//! ```

mod collect_support;
mod run_support;

use collect_support::Server;
use run_support::{Sandbox, TIME_SCALE, rss_kib, signal, wait_at_most};
use std::time::{Duration, Instant};

const FEEDS: [&str; 3] = ["north", "south", "east"];
/// An item every 400 ms per feed: 120 items in 48 s (19 simulated hours).
const PERIOD_MS: u64 = 400;
const TOTAL: usize = 120;
/// 24 hours at the time scale.
const SIMULATED_DAY: Duration = Duration::from_secs(24 * 60 * 60 / TIME_SCALE as u64);

#[test]
#[ignore = "a 70-second soak; run it explicitly"]
fn twenty_four_simulated_hours_lose_nothing_double_nothing_and_stay_flat() {
    let server = Server::start();
    let sandbox = Sandbox::new();
    for name in FEEDS {
        let url = server.url(&format!("/rolling/{name}/{PERIOD_MS}/{TOTAL}/feed.rss"));
        sandbox.ok(&["sources", "add", "feed", &url, "--allow-private"]);
    }
    for path in ["/gone/feed.rss", "/busy-for-an-hour"] {
        sandbox.ok(&[
            "sources",
            "add",
            "feed",
            &server.url(path),
            "--allow-private",
        ]);
    }
    let mut child = sandbox.spawn_run(&[], "soak.log");
    let started = Instant::now();
    let mut samples: Vec<(Duration, u64, u64)> = Vec::new();
    while started.elapsed() < SIMULATED_DAY + Duration::from_secs(5) {
        if let Some((rss, peak)) = rss_kib(child.id()) {
            samples.push((started.elapsed(), rss, peak));
        }
        std::thread::sleep(Duration::from_millis(500));
    }
    let last_peak = rss_kib(child.id()).map(|(_, peak)| peak);
    signal(&child, libc::SIGTERM);
    let status = wait_at_most(&mut child, Duration::from_secs(15)).expect("stops gracefully");
    let log = sandbox.log("soak.log");
    assert!(status.success(), "{status:?}");

    let window = Duration::from_secs(10);
    let peak_in = |from: Duration, to: Duration| {
        samples
            .iter()
            .filter(|(at, _, _)| *at >= from && *at < to)
            .map(|(_, rss, _)| *rss)
            .max()
            .unwrap_or(0)
    };
    let end = samples.last().map_or(Duration::ZERO, |(at, _, _)| *at);
    let start_peak = peak_in(Duration::ZERO, window);
    let end_peak = peak_in(end.saturating_sub(window), end + Duration::from_secs(1));
    let warnings = log.matches("WARN").count();
    let checks = log.matches("source checked").count() + log.matches("source failed").count();
    eprintln!(
        "soak: {:.0} s real = 24 h simulated; {checks} checks, {warnings} warnings; peak RSS first 10 s: {:.1} MiB, last 10 s: {:.1} MiB; VmHWM at the end: {:.1} MiB",
        end.as_secs_f64(),
        start_peak as f64 / 1024.0,
        end_peak as f64 / 1024.0,
        last_peak.unwrap_or(0) as f64 / 1024.0
    );

    eprintln!(
        "soak: {} rolling documents stored for {} published items",
        sandbox.rolling_documents(),
        FEEDS.len() * TOTAL
    );
    assert!(sandbox.problems().is_empty(), "{:?}", sandbox.problems());
    assert_eq!(sandbox.rolling_quotes(), (FEEDS.len() * TOTAL) as i64);
    for name in FEEDS {
        let wrong = sandbox.missing_or_doubled(name, TOTAL);
        assert!(wrong.is_empty(), "{wrong:?}\n{log}");
    }
    assert!(start_peak > 0 && end_peak > 0, "RSS was sampled");
    assert!(
        end_peak <= start_peak + start_peak / 2 + 8 * 1024,
        "memory grew: {start_peak} KiB at the start, {end_peak} KiB at the end"
    );
    let list = sandbox.ok(&["sources", "list", "--format", "json"]);
    let sources: serde_json::Value = serde_json::from_str(&list).expect("JSON");
    let gone = &sources[3];
    let failures = gone["error_count"].as_i64().unwrap_or(0);
    assert!(
        (5..=14).contains(&failures),
        "the gone source backs off exponentially: {failures} failures in a simulated day"
    );
    assert!(gone["failing_since"].is_string(), "{gone}");
    eprintln!("soak: the always-gone source failed {failures} times in the simulated day");
}
