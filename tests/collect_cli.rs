//! `onrecord sources …` and `onrecord collect` through the binary, against the local server.

mod collect_support;
mod support;

use collect_support::Server;
use std::path::{Path, PathBuf};
use std::process::Output;

struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("temporary folder"),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run(&self, args: &[&str]) -> Output {
        support::onrecord(&self.path("onrecord.db"), self.dir.path(), args)
            .output()
            .expect("the binary runs")
    }

    fn ok(&self, args: &[&str]) -> String {
        support::succeeded(self.run(args), args)
    }

    /// A configuration with short time-outs and no delays, and this contact.
    fn quick_config(&self) -> PathBuf {
        let path = self.path("onrecord.toml");
        std::fs::write(
            &path,
            "[fetch]\ncontact = \"mailto:desk@newsroom.example\"\ntimeout_ms = 1500\nconnect_timeout_ms = 500\nhost_delay_ms = 0\nretry_base_ms = 20\nmax_wait_ms = 2000\n",
        )
        .expect("writes");
        path
    }
}

fn text(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

#[test]
fn sources_are_added_listed_and_removed() {
    let sandbox = Sandbox::new();
    let added = sandbox.ok(&[
        "sources",
        "add",
        "feed",
        "https://news.example.org/rss",
        "--label",
        "Harbour Gazette",
    ]);
    assert!(
        added.starts_with("added source 1: feed https://news.example.org/rss"),
        "{added}"
    );
    let again = sandbox.ok(&["sources", "add", "feed", "https://news.example.org/rss"]);
    assert!(again.starts_with("known source 1"), "{again}");
    sandbox.ok(&["sources", "add", "mastodon", "@editor@social.example"]);
    sandbox.ok(&["sources", "add", "bluesky", "@desk.harbour.example"]);
    let list = sandbox.ok(&["sources", "list"]);
    assert!(
        list.contains("Harbour Gazette") && list.contains("@editor@social.example"),
        "{list}"
    );
    assert!(list.contains("desk.harbour.example"), "{list}");
    let json = sandbox.ok(&["sources", "list", "--format", "json"]);
    let sources: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(sources.as_array().map(Vec::len), Some(3));
    assert_eq!(sources[0]["kind"], "feed");
    assert_eq!(
        sandbox.ok(&["sources", "remove", "2"]),
        "removed source 2\n"
    );
    assert!(!sandbox.run(&["sources", "remove", "2"]).status.success());
    let json = sandbox.ok(&["sources", "list", "--format", "json"]);
    assert!(!json.contains("social.example"), "{json}");
}

#[test]
fn bad_targets_are_refused_with_a_reason() {
    let sandbox = Sandbox::new();
    let output = sandbox.run(&["sources", "add", "mastodon", "editor"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("@user@instance"), "{stderr}");
    let output = sandbox.run(&["sources", "add", "feed", "news.example.org/rss"]);
    assert!(String::from_utf8_lossy(&output.stderr).contains("http(s) URL"));
}

#[test]
fn opml_and_toml_lists_are_imported_and_exported() {
    let sandbox = Sandbox::new();
    let opml = sandbox.path("subscriptions.opml");
    std::fs::write(
        &opml,
        r#"<?xml version="1.0"?><opml version="2.0"><body><outline text="News">
<outline type="rss" text="Harbour Gazette" xmlUrl="https://news.example.org/rss"/>
<outline type="rss" text="Bay &amp; Coast" xmlUrl="https://bay.example/atom.xml"/></outline></body></opml>"#,
    )
    .expect("writes");
    let imported = sandbox.ok(&["sources", "import-opml", text(&opml)]);
    assert_eq!(imported.lines().count(), 2, "{imported}");
    let toml = sandbox.path("sources.toml");
    std::fs::write(
        &toml,
        "[[source]]\nkind = \"sitemap\"\ntarget = \"https://quiet.example/sitemap.xml\"\n\n[[source]]\nkind = \"bluesky\"\ntarget = \"desk.harbour.example\"\n",
    )
    .expect("writes");
    sandbox.ok(&["sources", "import", text(&toml)]);
    let exported = sandbox.ok(&["sources", "export-opml"]);
    assert!(
        exported.contains("xmlUrl=\"https://news.example.org/rss\""),
        "{exported}"
    );
    assert!(exported.contains("text=\"Bay &amp; Coast\""), "{exported}");
    assert!(
        !exported.contains("quiet.example"),
        "only feeds are exported: {exported}"
    );
    let out = sandbox.path("out.opml");
    sandbox.ok(&["sources", "export-opml", "--output", text(&out)]);
    assert_eq!(std::fs::read_to_string(&out).expect("written"), exported);
}

#[test]
fn collect_runs_the_due_sources_and_sums_up() {
    let sandbox = Sandbox::new();
    let server = Server::start();
    let config = sandbox.quick_config();
    let feed = server.url("/feeds/harbour.rss");
    let broken = server.url("/gone/feed.xml");
    sandbox.ok(&["sources", "add", "feed", &feed, "--allow-private"]);
    sandbox.ok(&["sources", "add", "feed", &broken, "--allow-private"]);
    let output = sandbox.run(&["collect", "--config", text(&config), "--concurrency", "2"]);
    assert!(
        !output.status.success(),
        "a failed source makes the exit status non-zero"
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("sources: 1 ok, 1 failed"), "{stdout}");
    assert!(stdout.contains("new documents: 3"), "{stdout}");
    assert!(stdout.contains("time:"), "{stdout}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("ok      source 1"),
        "plain lines when not a terminal: {stderr}"
    );
    let failed = stderr
        .lines()
        .find(|line| line.starts_with("failed  source 2"))
        .unwrap_or_else(|| panic!("no failure line: {stderr}"));
    assert!(
        failed.contains("404") && failed.matches("gone/feed.xml").count() == 1,
        "the failure and its detail on one line, the URL once: {failed}"
    );

    let list = sandbox.ok(&["sources", "list"]);
    assert!(list.contains("error (1 in a row)"), "{list}");
    let agent = server
        .requests()
        .into_iter()
        .find_map(|r| r.headers.get("user-agent").cloned())
        .unwrap_or_default();
    assert!(agent.contains("mailto:desk@newsroom.example"), "{agent}");

    let again = sandbox.run(&["collect", "--config", text(&config), "--source", "1"]);
    let stdout = String::from_utf8_lossy(&again.stdout);
    assert!(again.status.success(), "{stdout}");
    assert!(
        stdout.contains("sources: 1 ok, 0 failed; new documents: 0"),
        "{stdout}"
    );
    let hits = sandbox.ok(&["search", "crew cannot wait"]);
    assert!(hits.contains("back at sea"), "{hits}");
}

#[test]
fn private_targets_are_refused_when_added_with_the_message_collection_gives() {
    let sandbox = Sandbox::new();
    let server = Server::start();
    let refusal = "127.0.0.1 is a private, loopback or link-local address: refused (add the source with --allow-private to allow it)";
    let page = server.url("/sites/harbour/pier.html");
    let output = sandbox.run(&["sources", "add", "page", &page]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.trim(), format!("onrecord: {page}: {refusal}"));
    for (kind, target) in [
        ("feed", "http://[::127.0.0.1]/rss"),
        ("sitemap", "http://[64:ff9b::7f00:1]/sitemap.xml"),
        ("page", "http://[2002:7f00:1::]/story"),
        ("mastodon", "@editor@127.0.0.1"),
    ] {
        let output = sandbox.run(&["sources", "add", kind, target]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{target} was accepted");
        assert!(stderr.contains("--allow-private"), "{stderr}");
    }
    let file = sandbox.path("sources.toml");
    std::fs::write(
        &file,
        format!("[[source]]\nkind = \"page\"\ntarget = \"{page}\"\n"),
    )
    .expect("writes");
    let output = sandbox.run(&["sources", "import", text(&file)]);
    assert!(String::from_utf8_lossy(&output.stderr).contains(refusal));
    assert!(
        !sandbox.path("onrecord.db").exists()
            || !sandbox.ok(&["sources", "list"]).contains("127.0.0.1"),
        "nothing was added"
    );
    assert!(
        server.requests().is_empty(),
        "no request reached the server"
    );
    sandbox.ok(&["sources", "add", "page", &page, "--allow-private"]);
}

#[test]
fn a_feed_with_an_item_refused_by_robots_txt_is_collected_and_says_so() {
    let sandbox = Sandbox::new();
    let server = Server::start();
    let config = sandbox.quick_config();
    let feed = server.url("/feeds/robots-refused.rss");
    sandbox.ok(&["sources", "add", "feed", &feed, "--allow-private"]);
    let output = sandbox.run(&["collect", "--config", text(&config)]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}{stderr}");
    assert!(stdout.contains("sources: 1 ok, 0 failed"), "{stdout}");
    assert!(
        stderr.contains(&format!(
            "ok      source 1 feed {feed}: 3 stored, 1 refused by robots.txt"
        )),
        "{stderr}"
    );
}

#[test]
fn without_network_collect_says_so_and_then_says_when_it_retries() {
    let sandbox = Sandbox::new();
    let config = sandbox.quick_config();
    let feed = "http://news.invalid/rss";
    sandbox.ok(&["sources", "add", "feed", feed]);
    let output = sandbox.run(&["collect", "--config", text(&config)]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stdout}");
    let failed = stderr
        .lines()
        .find(|line| line.starts_with("failed"))
        .unwrap_or_else(|| panic!("no failure line: {stderr}"));
    assert_eq!(
        failed,
        "failed  source 1 feed http://news.invalid/rss: cannot find the host news.invalid (a reserved name that never resolves)"
    );
    assert!(stdout.contains("the network looks unreachable"), "{stdout}");

    let again = sandbox.run(&["collect", "--config", text(&config)]);
    let stdout = String::from_utf8_lossy(&again.stdout);
    assert!(
        !again.status.success(),
        "a source waiting to retry is not a success: {stdout}"
    );
    assert!(stdout.contains("sources: 0 ok, 0 failed"), "{stdout}");
    let waiting = stdout
        .lines()
        .find(|line| line.starts_with("1 source waiting to retry at "))
        .unwrap_or_else(|| panic!("no waiting line: {stdout}"));
    assert!(
        waiting.ends_with(
            "(last error: cannot find the host news.invalid (a reserved name that never resolves))"
        ),
        "{waiting}"
    );
}

#[test]
fn a_mastodon_profile_url_and_a_bluesky_service_are_taken_as_added() {
    let sandbox = Sandbox::new();
    let server = Server::start();
    let config = sandbox.path("social.toml");
    std::fs::write(
        &config,
        "[fetch]\ntimeout_ms = 1500\nconnect_timeout_ms = 500\nhost_delay_ms = 0\nretry_base_ms = 20\n\n[collect]\nmastodon_scheme = \"http\"\nbluesky_api = \"http://appview.invalid\"\n",
    )
    .expect("writes");
    let instance = server.base.trim_start_matches("http://");
    let profile = format!("{}/@editor", server.base);
    let added = sandbox.ok(&["sources", "add", "mastodon", &profile, "--allow-private"]);
    assert_eq!(
        added.trim(),
        format!("added source 1: mastodon @editor@{instance}")
    );
    sandbox.ok(&[
        "sources",
        "add",
        "bluesky",
        "desk.harbour.example",
        "--service",
        &server.base,
        "--allow-private",
    ]);
    let output = sandbox.run(&["collect", "--config", text(&config)]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}{stderr}");
    assert!(
        stdout.contains("sources: 2 ok, 0 failed; new documents: 6"),
        "{stdout}"
    );
    let private = sandbox.run(&[
        "sources",
        "add",
        "bluesky",
        "other.harbour.example",
        "--service",
        &server.base,
    ]);
    assert!(String::from_utf8_lossy(&private.stderr).contains("--allow-private"));
    let feed = sandbox.run(&[
        "sources",
        "add",
        "feed",
        "https://news.example.org/rss",
        "--service",
        "https://appview.example.org",
    ]);
    assert!(!feed.status.success());
}
