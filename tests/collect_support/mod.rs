//! A local HTTP server for the collector tests: serves `fixtures/` (with `{{BASE}}` replaced
//! by the server's own address) and misbehaves on purpose on a few paths. Bound to 127.0.0.1
//! on a free port; never touches the internet.
//!
//! | path | behaviour |
//! | --- | --- |
//! | `/robots.txt` | `fixtures/sites/robots.txt` |
//! | `/gone/…` | 404 |
//! | `/flaky/REST` | 500 on the first request, then `/REST` |
//! | `/limited/REST` | 429 with `Retry-After: 1` on the first request, then `/REST` |
//! | `/busy-for-an-hour` | 503 with `Retry-After: 3600` |
//! | `/stall` | headers never come (30 s) |
//! | `/loop/a`, `/loop/b` | redirect to each other |
//! | `/redirects/N` | a chain of N redirects ending at `sites/harbour/pier.html` |
//! | `/slow-error` | 500 after 200 ms, every time |
//! | `/redirect-to-private?to=URL` | 302 to URL |
//! | `/huge` | a 200 MB body without a length |
//! | `/bomb` | a small gzip body that inflates to 200 MB |
//! | `/ratelimited/REST` | `/REST` with `X-RateLimit-Remaining: 0`, reset in 1.2 s |
//! | `/conditional/REST` | `/REST` with an ETag; 304 when `If-None-Match` matches |
//! | `/api/v1/…`, `/xrpc/…` | Mastodon and Bluesky routes over `fixtures/mastodon`, `fixtures/bluesky` (the timeline of a hashtag other than `harbour` is `mastodon/tag-NAME.json`) |
//! | `/cached/REST` | `/REST` with `Cache-Control: max-age=7200` |
//! | `/rolling/NAME/PERIOD_MS/TOTAL/feed.rss` | a generated RSS feed gaining an item every PERIOD_MS from the server's start, up to TOTAL; it lists the newest [`ROLLING_WINDOW`]; every 4th request answers 500, every 9th 429 with `Retry-After: 1` |
//! | `/rolling/NAME/PERIOD_MS/TOTAL/item/N.html` | item N's article page (a quote in it); every 5th request answers 500, every 3rd is 150 ms slow |
//! | `/generated/sitemap/N.xml` | a sitemap of N pages `/generated/page/K.html`, oldest first, page K last modified K days after 2026-01-01 |
//! | `/generated/padded-sitemap/N.xml` | the same sitemap after 12 MB of comment (over the 10 MB page cap, within the protocol's 50 MB) |
//! | `/generated/unreachable-sitemap/N.xml` | a sitemap of N pages on a port where nothing listens |
//! | `/generated/page/K.html` | an article page with one quote |
//! | anything else | the fixture file at that path |

#![allow(dead_code)]

use onrecord::collect::urls::normalize_url;
use onrecord::collect::{CollectConfig, FetchConfig, Fetcher, Silent, Summary};
use onrecord::store::{NewSource, OpenMode, Source, SourceKind, Store, StoredDocument};

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub path: String,
    pub headers: HashMap<String, String>,
}

#[derive(Clone)]
pub struct Server {
    pub base: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    started: std::time::Instant,
}

/// How many of the newest items a rolling feed lists.
pub const ROLLING_WINDOW: usize = 40;

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Body,
}

enum Body {
    Bytes(Vec<u8>),
    Stall,
    Endless(usize),
}

impl Reply {
    fn ok(content_type: &str, body: Vec<u8>) -> Reply {
        Reply {
            status: 200,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: Body::Bytes(body),
        }
    }

    fn status(status: u16) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type".into(), "text/plain".into())],
            body: Body::Bytes(format!("status {status}").into_bytes()),
        }
    }

    fn with(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }
}

impl Server {
    /// Starts a server on a free port of 127.0.0.1; it lives until the test process ends.
    pub fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
        let base = format!("http://{}", listener.local_addr().expect("an address"));
        let server = Server {
            base,
            seen: Arc::new(Mutex::new(Vec::new())),
            started: std::time::Instant::now(),
        };
        let handler = server.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let handler = handler.clone();
                std::thread::spawn(move || handler.handle(stream));
            }
        });
        server
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// How many requests reached this path (query included when given).
    pub fn hits(&self, path: &str) -> usize {
        self.seen
            .lock()
            .map(|seen| {
                seen.iter()
                    .filter(|s| s.path == path || s.path.split('?').next() == Some(path))
                    .count()
            })
            .unwrap_or(0)
    }

    pub fn requests(&self) -> Vec<Seen> {
        self.seen.lock().map(|s| s.clone()).unwrap_or_default()
    }

    fn handle(&self, mut stream: TcpStream) {
        let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
        let Some(seen) = read_request(&stream) else {
            return;
        };
        let earlier = self.hits(&seen.path);
        if let Ok(mut all) = self.seen.lock() {
            all.push(seen.clone());
        }
        let reply = self.route(&seen, earlier);
        let _ = write_reply(&mut stream, reply);
    }

    fn route(&self, seen: &Seen, earlier: usize) -> Reply {
        let path = seen.path.as_str();
        let (bare, query) = path.split_once('?').unwrap_or((path, ""));
        if let Some(rest) = bare.strip_prefix("/flaky") {
            return if earlier == 0 {
                Reply::status(500)
            } else {
                self.file(rest)
            };
        }
        if let Some(rest) = bare.strip_prefix("/limited") {
            return if earlier == 0 {
                Reply::status(429).with("Retry-After", "1")
            } else {
                self.file(rest)
            };
        }
        if let Some(rest) = bare.strip_prefix("/ratelimited") {
            let reset = jiff::Timestamp::now()
                .checked_add(jiff::SignedDuration::from_millis(1200))
                .unwrap_or_else(|_| jiff::Timestamp::now());
            return self
                .file(rest)
                .with("X-RateLimit-Limit", "300")
                .with("X-RateLimit-Remaining", "0")
                .with("X-RateLimit-Reset", &reset.to_string());
        }
        if let Some(rest) = bare.strip_prefix("/conditional") {
            let etag = "\"v1\"";
            if seen.headers.get("if-none-match").map(String::as_str) == Some(etag) {
                return Reply::status(304).with("ETag", etag);
            }
            return self.file(rest).with("ETag", etag);
        }
        if let Some(rest) = bare.strip_prefix("/cached") {
            return self
                .file(rest)
                .with("Cache-Control", "public, max-age=7200");
        }
        if let Some(rest) = bare.strip_prefix("/rolling/") {
            return self.rolling(rest, earlier);
        }
        if let Some(left) = bare.strip_prefix("/redirects/") {
            return match left.parse::<usize>() {
                Ok(0) => self.file("/sites/harbour/pier.html"),
                Ok(n) => Reply::status(302).with("Location", &format!("/redirects/{}", n - 1)),
                Err(_) => Reply::status(404),
            };
        }
        if let Some(rest) = bare.strip_prefix("/generated/") {
            return generated(&self.base, rest);
        }
        if bare.starts_with("/gone/") {
            return Reply::status(404);
        }
        match bare {
            "/busy-for-an-hour" => Reply::status(503).with("Retry-After", "3600"),
            "/stall" => Reply {
                status: 200,
                headers: Vec::new(),
                body: Body::Stall,
            },
            "/slow-error" => {
                std::thread::sleep(Duration::from_millis(200));
                Reply::status(500)
            }
            "/loop/a" => Reply::status(302).with("Location", "/loop/b"),
            "/loop/b" => Reply::status(302).with("Location", "/loop/a"),
            "/redirect-to-private" => {
                let to = query.strip_prefix("to=").unwrap_or("/");
                Reply::status(302).with("Location", to)
            }
            "/huge" => Reply {
                status: 200,
                headers: vec![("Content-Type".into(), "text/html".into())],
                body: Body::Endless(200 * 1024 * 1024),
            },
            "/bomb" => {
                Reply::ok("text/html", gzip_bomb().to_vec()).with("Content-Encoding", "gzip")
            }
            "/robots.txt" => self.file("/sites/robots.txt"),
            _ if bare.starts_with("/api/v1/") || bare.starts_with("/xrpc/") => {
                self.social(bare, query)
            }
            _ => self.file(bare),
        }
    }

    /// A rolling feed or one of its items (see the table above).
    fn rolling(&self, rest: &str, earlier: usize) -> Reply {
        let parts: Vec<&str> = rest.split('/').collect();
        let [name, period, total, tail @ ..] = parts.as_slice() else {
            return Reply::status(404);
        };
        let (Ok(period), Ok(total)) = (period.parse::<u64>(), total.parse::<usize>()) else {
            return Reply::status(404);
        };
        let prefix = format!("{}/rolling/{name}/{period}/{total}", self.base);
        match tail {
            ["feed.rss"] => {
                if earlier % 4 == 3 {
                    return Reply::status(500);
                }
                if earlier % 9 == 8 {
                    return Reply::status(429).with("Retry-After", "1");
                }
                let published = rolling_published(self.started.elapsed(), period, total);
                Reply::ok(
                    "application/rss+xml",
                    rolling_feed(name, &prefix, published).into_bytes(),
                )
            }
            ["item", file] => {
                let Some(n) = file
                    .strip_suffix(".html")
                    .and_then(|n| n.parse::<usize>().ok())
                else {
                    return Reply::status(404);
                };
                if n >= rolling_published(self.started.elapsed(), period, total) {
                    return Reply::status(404);
                }
                if earlier % 5 == 4 {
                    return Reply::status(500);
                }
                if earlier % 3 == 2 {
                    std::thread::sleep(Duration::from_millis(150));
                }
                Reply::ok(
                    "text/html; charset=utf-8",
                    rolling_item(name, n).into_bytes(),
                )
            }
            _ => Reply::status(404),
        }
    }

    /// Mastodon and Bluesky routes: the fixture named after the endpoint, chosen by the
    /// paging parameters.
    fn social(&self, bare: &str, query: &str) -> Reply {
        let param = |name: &str| {
            query
                .split('&')
                .find_map(|pair| pair.strip_prefix(&format!("{name}=")))
                .map(str::to_string)
        };
        let name = match bare {
            "/api/v1/accounts/lookup" => match param("acct").as_deref() {
                Some("editor") => "/mastodon/account.json".to_string(),
                _ => {
                    return Reply::ok(
                        "application/json",
                        b"{\"error\":\"Record not found\"}".to_vec(),
                    )
                    .status_code(404);
                }
            },
            "/api/v1/accounts/110001/statuses" => {
                if param("min_id").is_some() {
                    let mut reply = self.file("/mastodon/statuses-newer.json");
                    reply.headers[0] = ("Content-Type".into(), "application/json".into());
                    return reply;
                }
                if param("max_id").is_some() {
                    "/mastodon/statuses-page2.json".to_string()
                } else {
                    let link = format!(
                        "<{b}/api/v1/accounts/110001/statuses?limit=40&max_id=110000000000000002>; rel=\"next\", <{b}/api/v1/accounts/110001/statuses?limit=40&min_id=110000000000000004>; rel=\"prev\"",
                        b = self.base
                    );
                    let mut reply = self.file("/mastodon/statuses.json").with("Link", &link);
                    reply.headers[0] = ("Content-Type".into(), "application/json".into());
                    return reply
                        .with("X-RateLimit-Limit", "300")
                        .with("X-RateLimit-Remaining", "299");
                }
            }
            "/api/v1/timelines/tag/harbour" => "/mastodon/tag.json".to_string(),
            _ if bare.starts_with("/api/v1/timelines/tag/") => {
                format!(
                    "/mastodon/tag-{}.json",
                    bare.rsplit('/').next().unwrap_or("")
                )
            }
            "/xrpc/app.bsky.feed.getAuthorFeed" => {
                let actor = param("actor").unwrap_or_default();
                if actor.contains("hidden") {
                    "/bluesky/author-feed-hidden.json".to_string()
                } else if param("cursor").is_some() {
                    "/bluesky/author-feed-page2.json".to_string()
                } else {
                    "/bluesky/author-feed.json".to_string()
                }
            }
            "/xrpc/app.bsky.actor.getProfile" => {
                let actor = param("actor").unwrap_or_default();
                if actor.contains("hidden") {
                    "/bluesky/profile-hidden.json".to_string()
                } else {
                    "/bluesky/profile.json".to_string()
                }
            }
            _ => return Reply::status(404),
        };
        let mut reply = self.file(&name);
        reply.headers[0] = ("Content-Type".into(), "application/json".into());
        reply
    }

    /// The fixture at this path, `{{BASE}}` replaced; `.xml.gz` is the `.xml` fixture gzipped.
    fn file(&self, path: &str) -> Reply {
        if path.contains("..") {
            return Reply::status(400);
        }
        if let Some(xml) = path.strip_suffix(".gz") {
            let Some(bytes) = self.fixture_bytes(xml) else {
                return Reply::status(404);
            };
            return Reply::ok("application/x-gzip", gzip(&bytes));
        }
        let Some(bytes) = self.fixture_bytes(path) else {
            return Reply::status(404);
        };
        Reply::ok(content_type(path), bytes)
    }

    fn fixture_bytes(&self, path: &str) -> Option<Vec<u8>> {
        let file = fixtures_dir().join(path.trim_start_matches('/'));
        let bytes = std::fs::read(file).ok()?;
        Some(match String::from_utf8(bytes) {
            Ok(text) => text.replace("{{BASE}}", &self.base).into_bytes(),
            Err(err) => err.into_bytes(),
        })
    }
}

impl Reply {
    fn status_code(mut self, status: u16) -> Reply {
        self.status = status;
        self
    }
}

/// Short time-outs and no delays: tests must not wait.
pub fn quick_fetch_config() -> FetchConfig {
    FetchConfig {
        connect_timeout_ms: 500,
        timeout_ms: 1_500,
        host_delay_ms: 0,
        retry_base_ms: 20,
        retries: 2,
        max_wait_ms: 3_000,
        ..FetchConfig::default()
    }
}

pub struct Harness {
    _dir: tempfile::TempDir,
    pub store: Store,
    pub fetcher: Fetcher,
    pub settings: CollectConfig,
    pub server: Server,
}

impl Harness {
    pub fn new() -> Harness {
        let dir = tempfile::tempdir().expect("temporary folder");
        let store = Store::open(&dir.path().join("t.db"), OpenMode::Create).expect("opens");
        Harness {
            _dir: dir,
            store,
            fetcher: Fetcher::with_config(quick_fetch_config()).expect("a client"),
            settings: CollectConfig::default(),
            server: Server::start(),
        }
    }

    /// Fetches with the quick configuration changed as `change` says.
    pub fn fetch_with(&mut self, change: impl FnOnce(&mut FetchConfig)) {
        let mut config = quick_fetch_config();
        change(&mut config);
        self.fetcher = Fetcher::with_config(config).expect("a client");
    }

    pub fn add(&mut self, kind: SourceKind, path: &str) -> i64 {
        self.add_target(kind, &self.server.url(path), true)
    }

    pub fn add_target(&mut self, kind: SourceKind, target: &str, allow_private: bool) -> i64 {
        let source = NewSource {
            kind,
            target: target.to_string(),
            label: None,
            allow_private,
        };
        self.store
            .add_source(&source, "2026-05-01T00:00:00Z")
            .expect("adds")
            .0
    }

    /// Runs `collect` on these sources (all due ones when empty).
    pub fn run(&mut self, only: &[i64]) -> Summary {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        runtime
            .block_on(onrecord::collect::collect(
                &mut self.store,
                &self.fetcher,
                &self.settings,
                only,
                &Silent,
            ))
            .expect("collect runs")
    }

    pub fn source(&self, id: i64) -> Source {
        self.store.source(id).expect("reads").expect("exists")
    }

    pub fn document(&self, path: &str) -> Option<StoredDocument> {
        self.store
            .stored_document(&normalize_url(&self.server.url(path)))
            .expect("reads")
    }

    /// The stored publication date of the document whose text holds each of `words`.
    pub fn published_dates(&self, words: &[&str]) -> Vec<Option<String>> {
        let connection = rusqlite::Connection::open(self.store.path()).expect("opens");
        words
            .iter()
            .map(|word| {
                connection
                    .query_row(
                        "SELECT d.published_at FROM documents d
                         JOIN document_texts t ON t.document_id = d.id
                         WHERE t.text LIKE '%' || ?1 || '%'",
                        [word],
                        |row| row.get(0),
                    )
                    .unwrap_or_else(|err| panic!("{word}: {err}"))
            })
            .collect()
    }

    pub fn documents(&self) -> i64 {
        self.store.stats().expect("stats").documents
    }
}

/// The generated sitemaps and pages (see the table above).
fn generated(base: &str, rest: &str) -> Reply {
    let number = |file: &str, suffix: &str| file.strip_suffix(suffix)?.parse::<usize>().ok();
    match rest.split_once('/') {
        Some(("sitemap", file)) => match number(file, ".xml") {
            Some(n) => Reply::ok("application/xml", generated_sitemap(base, n, 0).into_bytes()),
            None => Reply::status(404),
        },
        Some(("unreachable-sitemap", file)) => match number(file, ".xml") {
            Some(n) => Reply::ok(
                "application/xml",
                generated_sitemap("http://127.0.0.1:1", n, 0).into_bytes(),
            ),
            None => Reply::status(404),
        },
        Some(("padded-sitemap", file)) => match number(file, ".xml") {
            Some(n) => Reply::ok(
                "application/xml",
                generated_sitemap(base, n, 12 * 1024 * 1024).into_bytes(),
            ),
            None => Reply::status(404),
        },
        Some(("page", file)) => match number(file, ".html") {
            Some(k) => Reply::ok(
                "text/html; charset=utf-8",
                format!(
                    "<!doctype html><html lang=\"en\"><head><title>Tide table {k}</title></head><body><article><h1>Tide table {k}</h1>\
<p>The harbour office published tide table number {k} for the coming week.</p>\
<p>“Table {k} is checked twice before it goes out,” said Oona Lind, the harbour clerk.</p></article></body></html>"
                )
                .into_bytes(),
            ),
            None => Reply::status(404),
        },
        _ => Reply::status(404),
    }
}

/// A sitemap of `n` generated pages, oldest first, with `padding` bytes of comment.
fn generated_sitemap(base: &str, n: usize, padding: usize) -> String {
    let first = jiff::civil::date(2026, 1, 1);
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for k in 0..n {
        let day = first
            .checked_add(jiff::Span::new().days(i64::try_from(k).unwrap_or(0)))
            .unwrap_or(first);
        xml.push_str(&format!(
            "<url><loc>{base}/generated/page/{k}.html</loc><lastmod>{day}</lastmod></url>\n"
        ));
    }
    if padding > 0 {
        xml.push_str("<!-- ");
        xml.push_str(&"padding ".repeat(padding / 8));
        xml.push_str(" -->\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// How many items a rolling feed has published after `elapsed`: one at once, then one more
/// every `period_ms`, at most `total`.
pub fn rolling_published(elapsed: Duration, period_ms: u64, total: usize) -> usize {
    let periods = elapsed.as_millis() / u128::from(period_ms.max(1));
    usize::try_from(periods + 1)
        .unwrap_or(usize::MAX)
        .min(total)
}

/// The GUID of a rolling feed's item.
pub fn rolling_guid(name: &str, n: usize) -> String {
    format!("rolling-{name}-{n:05}")
}

fn rolling_feed(name: &str, prefix: &str, published: usize) -> String {
    let mut items = String::new();
    for n in (published.saturating_sub(ROLLING_WINDOW)..published).rev() {
        items.push_str(&format!(
            "<item><title>Harbour desk {name}, note {n}</title><link>{prefix}/item/{n}.html</link><guid isPermaLink=\"false\">{guid}</guid><description>Note {n} from the {name} desk.</description></item>\n",
            guid = rolling_guid(name, n)
        ));
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Harbour desk {name}</title><link>{prefix}/</link><description>Generated notes</description>\n{items}</channel></rss>\n"
    )
}

fn rolling_item(name: &str, n: usize) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Harbour desk {name}, note {n}</title></head><body><article><h1>Harbour desk {name}, note {n}</h1>\
<p>The {name} desk filed note number {n} about the harbour works on the eastern quay this morning.</p>\
<p>“Note {n} from the {name} desk stands as written, and the quay stays open,” said Ines Okafor, the harbour master.</p>\
<p>Work on the quay continues through the week, the council said in its statement on note {n}.</p></article></body></html>"
    )
}

pub fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" if path.contains("cp1252") => "text/html; charset=windows-1252",
        "html" => "text/html; charset=utf-8",
        "rss" => "application/rss+xml",
        "atom" => "application/atom+xml",
        "json" => "application/feed+json",
        "xml" => "application/xml",
        _ => "text/plain",
    }
}

fn read_request(stream: &TcpStream) -> Option<Seen> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let path = line.split_whitespace().nth(1)?.to_string();
    let mut headers = HashMap::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).ok()? == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_string());
        }
    }
    Some(Seen { path, headers })
}

fn write_reply(stream: &mut TcpStream, reply: Reply) -> std::io::Result<()> {
    let reason = match reply.status {
        200 => "OK",
        302 => "Found",
        304 => "Not Modified",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };
    let mut head = format!(
        "HTTP/1.1 {} {reason}\r\nConnection: close\r\n",
        reply.status
    );
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    match reply.body {
        Body::Bytes(bytes) => {
            head.push_str(&format!("Content-Length: {}\r\n\r\n", bytes.len()));
            stream.write_all(head.as_bytes())?;
            stream.write_all(&bytes)?;
        }
        Body::Stall => {
            std::thread::sleep(Duration::from_secs(30));
        }
        Body::Endless(total) => {
            head.push_str("\r\n");
            stream.write_all(head.as_bytes())?;
            let chunk = vec![b'a'; 64 * 1024];
            let mut sent = 0;
            while sent < total {
                stream.write_all(&chunk)?;
                sent += chunk.len();
            }
        }
    }
    stream.flush()?;
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let mut rest = Vec::new();
    let _ = stream.take(1 << 16).read_to_end(&mut rest);
    Ok(())
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

/// 200 MB of one letter, gzipped once per test process (call early: it takes a moment).
pub fn gzip_bomb() -> &'static [u8] {
    static BOMB: OnceLock<Vec<u8>> = OnceLock::new();
    BOMB.get_or_init(|| {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        let zeros = vec![b'a'; 1024 * 1024];
        for _ in 0..200 {
            let _ = encoder.write_all(&zeros);
        }
        encoder.finish().unwrap_or_default()
    })
}
