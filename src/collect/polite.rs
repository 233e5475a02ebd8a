//! Politeness towards the sites we read: per-host limits and the robots.txt cache.
//!
//! `fetch`: each host (name and port) has a gate allowing a few requests in flight at once
//! and spacing their starts by a minimum delay; a server's `Retry-After`, rate-limit reset or
//! robots.txt `Crawl-delay` pushes the gate further. robots.txt is fetched once per host.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use tokio::sync::{OnceCell, Semaphore, SemaphorePermit};
use url::Url;

/// The gates of every host seen.
#[derive(Debug)]
pub struct Hosts {
    per_host: usize,
    delay: Duration,
    gates: Mutex<HashMap<String, Arc<HostGate>>>,
}

/// One host's limits.
#[derive(Debug)]
pub struct HostGate {
    slots: Semaphore,
    timing: Mutex<Timing>,
}

#[derive(Debug)]
struct Timing {
    /// The earliest start of the next request.
    next_start: Instant,
    /// The minimum gap between two starts.
    gap: Duration,
}

impl Hosts {
    pub fn new(per_host: usize, delay: Duration) -> Hosts {
        Hosts {
            per_host: per_host.max(1),
            delay,
            gates: Mutex::new(HashMap::new()),
        }
    }

    /// The gate of this URL's host, created on first use.
    pub fn gate(&self, url: &Url) -> Arc<HostGate> {
        let key = host_key(url);
        let mut gates = lock(&self.gates);
        gates
            .entry(key)
            .or_insert_with(|| {
                Arc::new(HostGate {
                    slots: Semaphore::new(self.per_host),
                    timing: Mutex::new(Timing {
                        next_start: Instant::now(),
                        gap: self.delay,
                    }),
                })
            })
            .clone()
    }

    /// No request to this host starts before `until`.
    pub fn pause(&self, url: &Url, until: Instant) {
        let gate = self.gate(url);
        let mut timing = lock(&gate.timing);
        timing.next_start = timing.next_start.max(until);
    }

    /// Raises the host's minimum delay (a robots.txt `Crawl-delay`).
    pub fn slow_down(&self, url: &Url, gap: Duration) {
        let gate = self.gate(url);
        let mut timing = lock(&gate.timing);
        timing.gap = timing.gap.max(gap);
    }
}

impl HostGate {
    /// A slot among the host's concurrent requests.
    pub async fn acquire(&self) -> Option<SemaphorePermit<'_>> {
        self.slots.acquire().await.ok()
    }

    /// Waits until this request may start, and books the next start after it.
    pub async fn wait_turn(&self) {
        let wait = {
            let mut timing = lock(&self.timing);
            let now = Instant::now();
            let start = timing.next_start.max(now);
            timing.next_start = start + timing.gap;
            start - now
        };
        if !wait.is_zero() {
            tokio::time::sleep(wait).await;
        }
    }
}

/// robots.txt rules per host, each fetched once (`None`: everything allowed).
#[derive(Debug, Default)]
pub struct RobotsCache {
    cells: Mutex<HashMap<String, Arc<OnceCell<Option<texting_robots::Robot>>>>>,
}

impl RobotsCache {
    pub fn cell(&self, robots_url: &str) -> Arc<OnceCell<Option<texting_robots::Robot>>> {
        lock(&self.cells)
            .entry(robots_url.to_string())
            .or_default()
            .clone()
    }
}

/// "host:port", the unit of politeness.
fn host_key(url: &Url) -> String {
    format!(
        "{}:{}",
        url.host_str().unwrap_or(""),
        url.port_or_known_default().unwrap_or(0)
    )
}

/// A poisoned lock still holds usable timing data: take it.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn starts_are_spaced_by_the_delay() {
        let hosts = Hosts::new(2, Duration::from_millis(30));
        let url = Url::parse("http://a.example/x").expect("a URL");
        let gate = hosts.gate(&url);
        let began = Instant::now();
        for _ in 0..3 {
            gate.wait_turn().await;
        }
        assert!(began.elapsed() >= Duration::from_millis(60));
    }

    #[test]
    fn hosts_are_told_apart_by_port() {
        let hosts = Hosts::new(1, Duration::ZERO);
        let a = hosts.gate(&Url::parse("http://127.0.0.1:8001/").expect("a URL"));
        let b = hosts.gate(&Url::parse("http://127.0.0.1:8002/").expect("a URL"));
        assert!(!Arc::ptr_eq(&a, &b));
    }
}
