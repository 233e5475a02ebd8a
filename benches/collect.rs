//! `collect` against a local server: 100 hosts (127.0.0.1 … 127.0.0.100, loopback only), one
//! feed of 100 articles each, 50 ms of latency on every answer, and one host (the last)
//! that accepts connections and never answers: 99 feeds and 9,900 pages to collect, one
//! source to fail after its fetch deadline. Reports the wall time against the time the
//! politeness limits allow, the peak memory and the CPU time per page of the collecting
//! process (the server runs in a child process of its own, so its work is not counted).
//!
//! `cargo bench --bench collect` runs the full size; without `--bench` (as under
//! `cargo test --benches`) a tiny size, to check that it works. Sizes can be set with
//! `ONRECORD_BENCH_HOSTS` and `ONRECORD_BENCH_PAGES`. The server stops by itself.

use onrecord::collect::{CollectConfig, FetchConfig, Fetcher, Silent};
use onrecord::store::{NewSource, OpenMode, SourceKind, Store};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const LATENCY: Duration = Duration::from_millis(50);
const HOST_DELAY_MS: u64 = 100;
const PER_HOST: usize = 2;
/// The server gives up after this long, whatever happens.
const SERVER_LIFETIME: Duration = Duration::from_secs(300);
/// One attempt, and one whole fetch, as configured for this run: the stalled host's feed
/// gets no answer twice (a source that does not answer is tried again once) and fails.
const TIMEOUT: Duration = Duration::from_secs(4);
const DEADLINE: Duration = Duration::from_secs(8);

fn main() {
    if std::env::var_os("ONRECORD_BENCH_SERVER").is_some() {
        serve();
        return;
    }
    let full = std::env::args().any(|a| a == "--bench");
    let hosts = env_number("ONRECORD_BENCH_HOSTS", if full { 100 } else { 2 }).clamp(2, 100);
    let pages = env_number("ONRECORD_BENCH_PAGES", if full { 100 } else { 5 });
    run_client(hosts, pages);
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Starts the server process, collects every feed once, and reports.
fn run_client(hosts: usize, pages: usize) {
    let exe = std::env::current_exe().expect("the bench binary");
    let mut server = Command::new(exe)
        .env("ONRECORD_BENCH_SERVER", "1")
        .env("ONRECORD_BENCH_HOSTS", hosts.to_string())
        .env("ONRECORD_BENCH_PAGES", pages.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the server starts");
    let mut ready = String::new();
    BufReader::new(server.stdout.take().expect("its output"))
        .read_line(&mut ready)
        .expect("the server says where it listens");
    let port: u16 = ready.trim().parse().expect("a port");

    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut store = Store::open(&dir.path().join("bench.db"), OpenMode::Create).expect("opens");
    for host in 1..=hosts {
        let source = NewSource {
            kind: SourceKind::Feed,
            target: format!("http://127.0.0.{host}:{port}/feed.xml"),
            label: None,
            allow_private: true,
        };
        store
            .add_source(&source, "2026-01-01T00:00:00Z")
            .expect("adds");
    }
    let fetcher = Fetcher::with_config(FetchConfig {
        per_host: PER_HOST,
        host_delay_ms: HOST_DELAY_MS,
        global_concurrency: 256,
        timeout_ms: millis(TIMEOUT),
        deadline_ms: millis(DEADLINE),
        ..FetchConfig::default()
    })
    .expect("a client");
    let settings = CollectConfig {
        concurrency: hosts,
        pages_per_source: 16,
        max_items_per_source: pages,
        ..CollectConfig::default()
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let cpu_before = cpu_seconds();
    let started = Instant::now();
    let summary = runtime
        .block_on(onrecord::collect::collect(
            &mut store,
            &fetcher,
            &settings,
            &[],
            &Silent,
        ))
        .expect("collect runs");
    let wall = started.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu_before;
    drop(server.stdin.take());
    let _ = server.kill();
    let _ = server.wait();

    // Per host: the feed, robots.txt and every page, each start at least HOST_DELAY_MS after
    // the previous one (and no more than PER_HOST in flight, each taking LATENCY).
    let requests = (pages + 2) as f64;
    let spacing = (HOST_DELAY_MS as f64 / 1000.0).max(LATENCY.as_secs_f64() / PER_HOST as f64);
    let bound = (requests - 1.0) * spacing + LATENCY.as_secs_f64();
    println!(
        "collect benchmark: {hosts} hosts x {pages} pages, {} ms latency, per host {PER_HOST} at once and {HOST_DELAY_MS} ms apart; host {hosts} stalls ({} s per attempt, {} s deadline)",
        LATENCY.as_millis(),
        TIMEOUT.as_secs(),
        DEADLINE.as_secs()
    );
    println!(
        "sources ok {} failed {}; new documents {}; new quotes {}",
        summary.sources_ok, summary.sources_failed, summary.new_documents, summary.new_quotes
    );
    println!(
        "wall {wall:.2} s; politeness bound {bound:.2} s; ratio {:.2} (target <= 1.3)",
        wall / bound
    );
    println!(
        "CPU {cpu:.2} s = {:.2} ms per page; peak memory {:.0} MB (target < 200 MB)",
        cpu * 1000.0 / (hosts * pages).max(1) as f64,
        peak_rss_mb()
    );
    assert_eq!(
        summary.sources_failed, 1,
        "only the stalled host's feed: {summary:?}"
    );
    assert_eq!(summary.new_documents, (hosts - 1) * pages, "{summary:?}");
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// User and system CPU time of this process, from /proc (Linux; 0 elsewhere).
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    let after_name = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

/// The process's peak resident memory, from /proc (Linux; 0 elsewhere).
fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status.lines().find_map(|line| {
                let kb = line
                    .strip_prefix("VmHWM:")?
                    .trim()
                    .trim_end_matches("kB")
                    .trim();
                kb.parse::<f64>().ok()
            })
        })
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

/// The server process: one listener per loopback address, same port; answers after
/// LATENCY, but for the last host, which never answers; exits when its parent closes
/// standard input or after SERVER_LIFETIME.
fn serve() {
    let hosts = env_number("ONRECORD_BENCH_HOSTS", 100).clamp(2, 100);
    let pages = env_number("ONRECORD_BENCH_PAGES", 100);
    let first = TcpListener::bind("127.0.0.1:0").expect("a port");
    let port = first.local_addr().expect("an address").port();
    let mut listeners = vec![first];
    for host in 2..=hosts {
        listeners.push(
            TcpListener::bind(("127.0.0.".to_string() + &host.to_string(), port))
                .expect("a loopback address"),
        );
    }
    let stalled = listeners.pop().expect("the last host");
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in stalled.incoming().flatten() {
            held.push(stream);
        }
    });
    for listener in listeners {
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                std::thread::spawn(move || answer(stream, pages));
            }
        });
    }
    println!("{port}");
    let _ = std::io::stdout().flush();
    std::thread::spawn(|| {
        std::thread::sleep(SERVER_LIFETIME);
        std::process::exit(0);
    });
    let mut sink = Vec::new();
    let _ = std::io::stdin().read_to_end(&mut sink);
}

/// Answers requests on one keep-alive connection.
fn answer(stream: TcpStream, pages: usize) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let Ok(mut writer) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(stream);
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
        let mut host = String::new();
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header).unwrap_or(0) == 0 {
                return;
            }
            if header.trim().is_empty() {
                break;
            }
            if let Some(value) = header
                .strip_prefix("host:")
                .or(header.strip_prefix("Host:"))
            {
                host = value.trim().to_string();
            }
        }
        std::thread::sleep(LATENCY);
        let (status, content_type, body) = route(&path, &host, pages);
        let head = format!(
            "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            body.len()
        );
        if writer.write_all(head.as_bytes()).is_err() || writer.write_all(body.as_bytes()).is_err()
        {
            return;
        }
    }
}

fn route(path: &str, host: &str, pages: usize) -> (&'static str, &'static str, String) {
    if path == "/feed.xml" {
        return ("200 OK", "application/rss+xml", feed(host, pages));
    }
    if let Some(n) = path
        .strip_prefix("/a/")
        .and_then(|p| p.strip_suffix(".html"))
    {
        return ("200 OK", "text/html; charset=utf-8", article(host, n));
    }
    ("404 Not Found", "text/plain", "not found".to_string())
}

fn feed(host: &str, pages: usize) -> String {
    let mut xml = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Bench {host}</title><link>http://{host}/</link>"
    );
    for n in 0..pages {
        xml.push_str(&format!(
            "<item><title>Story {n}</title><link>http://{host}/a/{n}.html</link><guid>{host}-{n}</guid><pubDate>Mon, 04 May 2026 07:15:00 +0000</pubDate></item>"
        ));
    }
    xml.push_str("</channel></rss>");
    xml
}

fn article(host: &str, n: &str) -> String {
    let mut html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Story {n} on {host}</title></head><body><nav><a href=\"/\">Home</a></nav><article><h1>Story {n} from {host}</h1>"
    );
    for paragraph in 0..12 {
        html.push_str(&format!(
            "<p>Paragraph {paragraph} of story {n} on {host}: the harbour committee met on Tuesday to discuss repairs to the pier, the ferry timetable and the cost of dredging the channel before the summer season.</p>"
        ));
        if paragraph % 4 == 1 {
            html.push_str(&format!(
                "<p>“We have to get this right for story {n} and for everyone who uses the quay,” said Mara Lindqvist, who chairs the committee.</p>"
            ));
        }
    }
    html.push_str("</article><footer>© Bench Gazette</footer></body></html>");
    html
}
