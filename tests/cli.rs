//! The `onrecord` binary end to end: extract, add, search, speakers and stats against real
//! SQLite files in temporary folders, on the fixtures in `fixtures/`.

mod support;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

const SEED: &str = "articles/rust-hutchins.txt";
const HARBOUR: &str = "articles/harbour-council.html";

/// A temporary folder with a database path in it.
struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("temporary folder"),
        }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("data").join("onrecord.db")
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs `onrecord --db <db> ARGS…`.
    fn run(&self, args: &[&str]) -> Output {
        support::onrecord(&self.db(), self.dir.path(), args)
            .output()
            .expect("the binary runs")
    }

    fn ok(&self, args: &[&str]) -> String {
        support::succeeded(self.run(args), args)
    }

    fn add(&self, fixture_name: &str) -> String {
        self.ok(&["add", fixture(fixture_name).to_str().expect("UTF-8 path")])
    }

    fn db_bytes(&self) -> Vec<u8> {
        std::fs::read(self.db()).unwrap_or_default()
    }
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn add_then_search_finds_spadone_with_her_source() {
    let sandbox = Sandbox::new();
    let added = sandbox.add(SEED);
    assert!(added.starts_with("added"), "{added}");
    let hits = sandbox.ok(&["search", "ammunition"]);
    assert!(
        hits.contains("Live ammunition is — and always was — prohibited on set"),
        "{hits}"
    );
    assert!(hits.contains("Melinsa Spadone"), "{hits}");
    assert!(
        hits.contains("rust-hutchins.txt"),
        "the source link is shown: {hits}"
    );
}

#[test]
fn search_filters_by_speaker_and_formats_for_pipes() {
    let sandbox = Sandbox::new();
    sandbox.add(SEED);
    let lines = sandbox.ok(&["search", "--speaker", "spadone", "--format", "jsonl"]);
    assert_eq!(lines.lines().count(), 2, "{lines}");
    for line in lines.lines() {
        let hit: serde_json::Value = serde_json::from_str(line).expect("JSON line");
        assert_eq!(hit["speaker"], "Melinsa Spadone");
        assert!(
            hit["url"]
                .as_str()
                .is_some_and(|u| u.starts_with("file://")),
            "{hit}"
        );
    }
    let csv = sandbox.ok(&["search", "vision", "--format", "csv"]);
    assert!(
        csv.starts_with("id,text,speaker,role,date,site,url,link"),
        "{csv}"
    );
    let md = sandbox.ok(&["search", "ammunition", "--format", "md"]);
    assert!(md.starts_with("| quote | speaker |"), "{md}");
    let none = sandbox.ok(&[
        "search",
        "ammunition",
        "--speaker",
        "Nobody Atall",
        "--format",
        "json",
    ]);
    assert_eq!(none.trim(), "[]");
}

#[test]
fn search_understands_phrases_exclusions_and_prefixes() {
    let sandbox = Sandbox::new();
    sandbox.add(SEED);
    let hits = |args: &[&str]| -> Vec<serde_json::Value> {
        let mut full = vec!["search", "--format", "jsonl"];
        full.extend_from_slice(args);
        let out = sandbox.ok(&full);
        out.lines()
            .map(|l| serde_json::from_str(l).expect("JSON line"))
            .collect()
    };
    let first_text = |args: &[&str]| hits(args)[0]["text"].as_str().unwrap_or("").to_string();
    assert!(first_text(&["\"live ammunition\""]).starts_with("Live ammunition"));
    assert!(hits(&["\"ammunition live\""]).is_empty());
    assert!(first_text(&["ammun*"]).contains("ammunition"));
    let halyna = hits(&["Halyna"]).len();
    assert!(halyna >= 3, "{halyna}");
    assert!(hits(&["Halyna", "-legacy"]).len() < halyna);
    assert!(hits(&["beard", "OR", "ammunition"]).len() > hits(&["ammunition"]).len());
}

#[test]
fn html_article_gives_caption_credit_and_only_article_quotes() {
    let sandbox = Sandbox::new();
    let json = sandbox.ok(&[
        "extract",
        fixture(HARBOUR).to_str().unwrap(),
        "--format",
        "json",
    ]);
    let doc: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(
        doc["canonical_url"],
        "https://coastalcourier.example/news/2024/03/harbour-council-ferry-vote"
    );
    let captions = doc["captions"].as_array().expect("captions");
    assert!(
        captions.iter().any(|c| c["text"]
            .as_str()
            .is_some_and(|t| t.contains("Northgate pier"))
            && c["credit"]
                .as_str()
                .is_some_and(|t| t.contains("Sam Okafor"))),
        "{captions:?}"
    );
    let quotes = doc["quotes"].as_array().expect("quotes");
    let texts: Vec<&str> = quotes.iter().filter_map(|q| q["text"].as_str()).collect();
    assert!(
        texts.iter().any(|t| t.contains("rush a decision")),
        "{texts:?}"
    );
    for outside in ["Typical council", "Worst storm", "Sam Okafor"] {
        assert!(
            !texts.iter().any(|t| t.contains(outside)),
            "{outside} is not in the article: {texts:?}"
        );
    }
    sandbox.add(HARBOUR);
    let hits = sandbox.ok(&["search", "rush", "decision"]);
    assert!(hits.contains("Priya Raman"), "{hits}");
    assert!(
        hits.contains("https://coastalcourier.example/news/2024/03/harbour-council-ferry-vote"),
        "{hits}"
    );
}

#[test]
fn extract_json_keeps_the_contract() {
    let sandbox = Sandbox::new();
    let json = sandbox.ok(&[
        "extract",
        fixture(SEED).to_str().unwrap(),
        "--format",
        "json",
    ]);
    let doc: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    for key in [
        "url",
        "canonical_url",
        "title",
        "site",
        "authors",
        "published",
        "language",
        "quotes",
        "captions",
    ] {
        assert!(doc.get(key).is_some(), "missing {key}");
    }
    let text = doc["text"].as_str().expect("text");
    let quotes = doc["quotes"].as_array().expect("quotes");
    assert!(quotes.len() >= 9, "{}", quotes.len());
    for quote in quotes {
        for key in [
            "text",
            "speaker",
            "speaker_mention",
            "role",
            "cue",
            "kind",
            "paragraph",
            "start",
            "end",
            "context",
        ] {
            assert!(quote.get(key).is_some(), "quote without {key}: {quote}");
        }
        let (start, end) = (
            quote["start"].as_u64().unwrap() as usize,
            quote["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            text.get(start..end),
            quote["text"].as_str(),
            "offsets point at the text"
        );
    }
    let caption = &doc["captions"][0];
    assert_eq!(caption["credit"], "Josh Hopkins/Instagram");
}

#[test]
fn adding_again_changes_nothing() {
    let sandbox = Sandbox::new();
    sandbox.add(SEED);
    sandbox.add(HARBOUR);
    let before = sandbox.ok(&["stats", "--format", "json"]);
    let again = sandbox.add(SEED);
    assert!(again.starts_with("unchanged"), "{again}");
    let after = sandbox.ok(&["stats", "--format", "json"]);
    let counts = |json: &str| {
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        (
            v["documents"].clone(),
            v["quotes"].clone(),
            v["speakers"].clone(),
            v["captions"].clone(),
        )
    };
    assert_eq!(counts(&before), counts(&after));
}

#[test]
fn a_changed_copy_of_a_document_replaces_its_quotes() {
    let sandbox = Sandbox::new();
    let page = std::fs::read_to_string(fixture(HARBOUR)).unwrap();
    let copy = sandbox.path("copy.html");
    std::fs::write(&copy, &page).unwrap();
    sandbox.ok(&["add", copy.to_str().unwrap()]);
    let quotes_before = sandbox
        .ok(&["search", "residents", "--format", "jsonl"])
        .lines()
        .count();
    std::fs::write(&copy, page.replace("in April", "in May")).unwrap();
    let updated = sandbox.ok(&["add", copy.to_str().unwrap()]);
    assert!(
        updated.starts_with("updated"),
        "same canonical URL, new text: {updated}"
    );
    let quotes_after = sandbox
        .ok(&["search", "residents", "--format", "jsonl"])
        .lines()
        .count();
    assert_eq!(quotes_before, quotes_after);
}

#[test]
fn speakers_and_stats_report_counts() {
    let sandbox = Sandbox::new();
    sandbox.add(SEED);
    let speakers = sandbox.ok(&["speakers", "--format", "csv"]);
    assert!(
        speakers
            .lines()
            .any(|l| l.starts_with("Melinsa Spadone,2,")),
        "{speakers}"
    );
    let stats: serde_json::Value =
        serde_json::from_str(&sandbox.ok(&["stats", "--format", "json"])).unwrap();
    assert_eq!(stats["documents"], 1);
    assert!(stats["database_bytes"].as_u64().unwrap() > 0);
}

#[test]
fn an_empty_database_file_is_migrated() {
    let sandbox = Sandbox::new();
    std::fs::create_dir_all(sandbox.db().parent().unwrap()).unwrap();
    std::fs::write(sandbox.db(), b"").unwrap();
    let stats = sandbox.ok(&["stats"]);
    assert!(stats.contains("documents  0"), "{stats}");
    let conn = rusqlite::Connection::open(sandbox.db()).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, onrecord::store::SCHEMA_VERSION);
}

#[test]
fn a_newer_database_is_refused_and_left_untouched() {
    let sandbox = Sandbox::new();
    std::fs::create_dir_all(sandbox.db().parent().unwrap()).unwrap();
    {
        let conn = rusqlite::Connection::open(sandbox.db()).unwrap();
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 999;")
            .unwrap();
    }
    let before = sandbox.db_bytes();
    for args in [
        vec!["add", fixture(SEED).to_str().unwrap()],
        vec!["search", "anything"],
        vec!["stats"],
    ] {
        let output = sandbox.run(&args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let message = stderr(&output);
        assert!(
            message.contains("newer onrecord") && message.contains("onrecord.db"),
            "{message}"
        );
    }
    assert_eq!(before, sandbox.db_bytes());
}

#[test]
fn search_without_a_database_says_so() {
    let sandbox = Sandbox::new();
    let output = sandbox.run(&["search", "anything"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("no database here yet"),
        "{}",
        stderr(&output)
    );
    assert!(!sandbox.db().exists(), "search creates no database");
}

#[test]
fn hostile_search_strings_give_results_or_a_clear_message() {
    let sandbox = Sandbox::new();
    sandbox.add(SEED);
    let long = "ammunition ".repeat(1000);
    let hostile = [
        "\"unbalanced",
        "unbalanced\"",
        "(ammunition",
        "ammunition)",
        "NEAR(live ammunition)",
        "live NEAR ammunition",
        "text:ammunition",
        "col:",
        "*",
        "^",
        "^ammunition",
        "-",
        "- ammunition",
        "ammunition -",
        "AND",
        "OR OR",
        "NOT ammunition",
        "😀",
        "ammunition 😀",
        "'; DROP TABLE quotes; --",
        "\\",
        "%_%",
        long.as_str(),
    ];
    for query in hostile {
        let output = sandbox.run(&["search", query]);
        let message = stderr(&output);
        let code = output.status.code();
        assert!(
            code == Some(0) || code == Some(1),
            "{query:?} exited {code:?}: {message}"
        );
        let lower = message.to_lowercase();
        for leak in ["fts5", "syntax error", "sqlite", "panicked"] {
            assert!(
                !lower.contains(leak),
                "{query:?} leaked {leak:?}: {message}"
            );
        }
        if code == Some(1) {
            assert!(
                message.starts_with("onrecord: search:"),
                "{query:?}: {message}"
            );
        }
    }
    let hits = sandbox.ok(&["search", &long, "--format", "jsonl"]);
    let first = hits.lines().next().unwrap_or_default();
    assert!(
        first.contains("Live ammunition"),
        "a pasted long text still finds its quote: {hits}"
    );
    let stats = sandbox.ok(&["stats"]);
    assert!(
        stats.contains("documents  1"),
        "the database survived: {stats}"
    );
}

#[test]
fn bad_inputs_fail_clearly_and_leave_the_database_untouched() {
    let sandbox = Sandbox::new();
    sandbox.add(SEED);
    let before = sandbox.db_bytes();
    let write = |name: &str, bytes: &[u8]| {
        let path = sandbox.path(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    let big = sandbox.path("huge.html");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(50 * 1024 * 1024)
        .unwrap();
    let cases: Vec<(PathBuf, &str)> = vec![
        (sandbox.path("missing.txt"), "no such file"),
        (sandbox.path(""), "is a directory"),
        (
            write("binary.bin", b"\x7fELF\x02\x01\x01\x00\x00\x00\x00"),
            "binary",
        ),
        (write("empty.txt", b""), "is empty"),
        (
            write("latin1.txt", b"Caf\xe9 \x93quoted\x94 text"),
            "not valid UTF-8",
        ),
        (big, "too large"),
    ];
    for (path, reason) in cases {
        let name = path.to_str().unwrap().trim_end_matches('/').to_string();
        for command in ["add", "extract"] {
            let output = sandbox.run(&[command, &name]);
            let message = stderr(&output);
            assert_eq!(output.status.code(), Some(1), "{command} {name}: {message}");
            assert!(message.contains(&name), "names the input: {message}");
            assert!(message.contains(reason), "says {reason:?}: {message}");
        }
    }
    assert_eq!(before, sandbox.db_bytes(), "the database is untouched");
    assert!(sandbox.ok(&["stats"]).contains("quotes     9"));
}

#[test]
fn one_bad_input_does_not_stop_the_others() {
    let sandbox = Sandbox::new();
    let missing = sandbox.path("missing.html");
    let output = sandbox.run(&[
        "add",
        missing.to_str().unwrap(),
        fixture(SEED).to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stdout).contains("added"));
    assert!(sandbox.ok(&["stats"]).contains("documents  1"));
}

#[test]
fn extract_reads_standard_input() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_onrecord"))
        .args(["extract", "-", "--format", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("“We will appeal,” lawyer Ana Ruiz said.".as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(doc["quotes"][0]["text"], "We will appeal,");
}

#[test]
fn extract_fetches_a_url() {
    let page = std::fs::read(fixture(HARBOUR)).unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/news/ferry", listener.local_addr().unwrap());
    let server = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut request = [0u8; 4096];
        let _ = stream.read(&mut request);
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            page.len()
        );
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(&page).unwrap();
        String::from_utf8_lossy(&request).into_owned()
    });
    let sandbox = Sandbox::new();
    let json = sandbox.ok(&["extract", &url, "--format", "json"]);
    let request = server.join().unwrap();
    assert!(
        request.to_lowercase().contains("user-agent: onrecord/"),
        "{request}"
    );
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["url"], url.as_str());
    assert!(!doc["quotes"].as_array().unwrap().is_empty());
}

#[test]
fn an_unreachable_url_is_a_clear_error() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/gone", listener.local_addr().unwrap());
    drop(listener);
    let sandbox = Sandbox::new();
    let output = sandbox.run(&["add", &url]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains(&url), "{}", stderr(&output));
    assert!(!sandbox.db().exists());
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let sandbox = Sandbox::new();
    sandbox.add(SEED);
    let script = format!(
        "'{}' --db '{}' search Halyna --format jsonl | head -c 1 >/dev/null",
        env!("CARGO_BIN_EXE_onrecord"),
        sandbox.db().display()
    );
    let output = Command::new("sh").arg("-c").arg(script).output().unwrap();
    assert!(stderr(&output).is_empty(), "{}", stderr(&output));
}

#[test]
fn export_writes_every_match_with_links_to_the_words() {
    let sandbox = Sandbox::new();
    sandbox.add(SEED);
    sandbox.add(HARBOUR);
    let all = sandbox.ok(&["export"]);
    let total: serde_json::Value =
        serde_json::from_str(&sandbox.ok(&["stats", "--format", "json"])).unwrap();
    assert_eq!(
        all.lines().count() as u64,
        total["quotes"].as_u64().unwrap()
    );
    for line in all.lines() {
        let hit: serde_json::Value = serde_json::from_str(line).unwrap();
        let link = hit["link"].as_str().expect("a link");
        assert!(link.contains("#:~:text="), "{link}");
    }
    let csv = sandbox.ok(&["export", "ammunition", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert!(!rows.is_empty(), "{csv}");
    assert!(rows[0].get(1).unwrap().starts_with("Live ammunition"));
    let newest_first = sandbox.ok(&[
        "search",
        "--sort",
        "date",
        "--site",
        "The Coastal Courier",
        "--format",
        "jsonl",
    ]);
    assert!(newest_first.lines().count() >= 2, "{newest_first}");
    let by_host = sandbox.ok(&[
        "search",
        "--site",
        "coastalcourier.example",
        "--format",
        "jsonl",
    ]);
    assert_eq!(
        by_host.lines().count(),
        newest_first.lines().count(),
        "{by_host}"
    );
}

/// A small article page from an outlet, quoting `words`.
fn syndicated_page(site: &str, slug: &str, date: &str, words: &str) -> String {
    format!(
        r#"<!DOCTYPE html><html lang="en"><head><title>Ferry vote delayed</title>
        <link rel="canonical" href="https://{site}/news/{slug}">
        <meta property="og:site_name" content="{site}">
        <meta property="article:published_time" content="{date}"></head>
        <body><article><h1>Ferry vote delayed</h1>
        <p>The harbour council postponed its vote on the ferry terminal on Tuesday, {site} reports.</p>
        <p>“{words},” council leader Priya Raman said after the meeting.</p>
        <p>The vote returns to the agenda next month, the council said in a short statement.</p>
        </article></body></html>"#
    )
}

#[test]
fn one_quote_in_many_outlets_is_one_hit_and_show_lists_every_version() {
    let sandbox = Sandbox::new();
    let words =
        "We are not going to rush a decision that will shape this waterfront for fifty years";
    let edited =
        "We are not going to rush a decision that will shape the waterfront for fifty years";
    let pages = [
        ("first.example", "a", "2024-03-14T09:00:00Z", words),
        ("second.example", "b", "2024-03-14T12:00:00Z", words),
        ("third.example", "c", "2024-03-15T08:00:00Z", edited),
    ];
    for (site, slug, date, text) in pages {
        let path = sandbox.path(&format!("{slug}.html"));
        std::fs::write(&path, syndicated_page(site, slug, date, text)).unwrap();
        sandbox.ok(&["add", path.to_str().unwrap()]);
    }
    let hits = sandbox.ok(&["search", "waterfront", "--format", "jsonl"]);
    let hits: Vec<serde_json::Value> = hits
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(hits.len(), 1, "one cluster: {hits:?}");
    assert_eq!(hits[0]["appearances"], 3);
    assert_eq!(hits[0]["outlets"], 3);
    assert!(
        hits[0]["url"].as_str().unwrap().contains("first.example"),
        "the earliest source: {hits:?}"
    );
    let id = hits[0]["id"].as_i64().unwrap().to_string();
    let shown = sandbox.ok(&["show", &id]);
    assert!(
        shown.contains("3 appearances in 3 outlets, 2 versions"),
        "{shown}"
    );
    assert!(
        shown.contains("[-this-] {+the+}"),
        "the edit is visible: {shown}"
    );
    let every = sandbox.ok(&["export", "waterfront"]);
    assert_eq!(every.lines().count(), 3, "export lists every appearance");
    let missing = sandbox.run(&["show", "999999"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("no quote #999999"));
}

#[test]
fn a_database_of_the_first_schema_is_upgraded_with_its_quotes() {
    let sandbox = Sandbox::new();
    std::fs::create_dir_all(sandbox.db().parent().unwrap()).unwrap();
    {
        let conn = rusqlite::Connection::open(sandbox.db()).unwrap();
        conn.execute_batch(include_str!("../migrations/0001_initial.sql"))
            .unwrap();
        conn.execute_batch(
            "PRAGMA user_version = 1;
             INSERT INTO documents (id, url, fetched_at, content_hash, text, site)
                 VALUES (1, 'https://a.example/1', '2024-01-01T00:00:00Z', 'h1', 'old text one', 'A'),
                        (2, 'https://b.example/2', '2024-01-02T00:00:00Z', 'h2', 'old text two', 'B');
             INSERT INTO speakers (id, name, key) VALUES (1, 'Ana Ruiz', 'ana ruiz');
             INSERT INTO quotes (document_id, speaker_id, text, kind, paragraph, start_offset, end_offset, context)
                 VALUES (1, 1, 'We will appeal the ruling in every court we can', 'direct', 0, 0, 10,
                         '“We will appeal the ruling in every court we can,” she said outside the courthouse.'),
                        (2, 1, 'We will appeal the ruling in every court we can', 'direct', 0, 0, 10, 'c');",
        )
        .unwrap();
    }
    let hits = sandbox.ok(&["search", "appeal", "--format", "jsonl"]);
    let hits: Vec<serde_json::Value> = hits
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(hits.len(), 1, "the two copies became one cluster: {hits:?}");
    assert_eq!(hits[0]["appearances"], 2);
    assert_eq!(hits[0]["speaker"], "Ana Ruiz");
    // The rebuilt index knows the speaker, and the quotes carry their documents' dates.
    for query in [
        &["appeal", "--speaker", "Ruiz"][..],
        &["--speaker", "ana ruiz"],
    ] {
        let mut args = vec!["search"];
        args.extend_from_slice(query);
        args.extend_from_slice(&["--format", "jsonl"]);
        let found = sandbox.ok(&args);
        assert_eq!(found.lines().count(), 1, "{query:?}: {found}");
        assert!(found.contains("\"date\":\"20"), "{query:?}: {found}");
    }
    // The index was rebuilt with the context around the quote…
    let around = sandbox.ok(&["search", "courthouse", "--format", "jsonl"]);
    assert_eq!(around.lines().count(), 1, "{around}");
    // …and a quote settled before the upgrade is found again when republished.
    let republished = sandbox.path("republished.txt");
    std::fs::write(
        &republished,
        "Appeal\n\n“We will appeal the ruling in every court we can,” Ana Ruiz said on Friday.\n",
    )
    .unwrap();
    sandbox.ok(&["add", republished.to_str().unwrap()]);
    let again = sandbox.ok(&["search", "appeal", "--format", "jsonl"]);
    assert_eq!(again.lines().count(), 1, "{again}");
    assert!(again.contains("\"appearances\":3"), "{again}");
    let conn = rusqlite::Connection::open(sandbox.db()).unwrap();
    let text: String = conn
        .query_row(
            "SELECT text FROM document_texts WHERE document_id = 2",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        text, "old text two",
        "document texts moved with the migration"
    );
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, onrecord::store::SCHEMA_VERSION);
}

#[test]
fn words_and_a_speaker_together() {
    let sandbox = Sandbox::new();
    sandbox.add(SEED);
    let lines = sandbox.ok(&[
        "search",
        "Halyna",
        "--speaker",
        "souza",
        "--format",
        "jsonl",
    ]);
    let hits: Vec<serde_json::Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!hits.is_empty(), "Souza speaks of Halyna: {lines}");
    assert!(hits.iter().all(|h| h["speaker"] == "Joel Souza"), "{lines}");
    let spadone = sandbox.ok(&[
        "search",
        "Halyna",
        "--speaker",
        "Melinsa Spadone",
        "--format",
        "jsonl",
    ]);
    assert_eq!(spadone.lines().count(), 1, "{spadone}");
    let nobody = sandbox.ok(&[
        "search",
        "Halyna",
        "--speaker",
        "Nobody Here",
        "--format",
        "jsonl",
    ]);
    assert!(nobody.is_empty(), "{nobody}");
}
