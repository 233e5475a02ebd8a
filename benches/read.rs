//! Benchmark of the read stage (run with `cargo bench --bench read`).
//!
//! Reads the fixture pages of `fixtures/pages/` and a large page built from them (about
//! 180 KB: the news fixture with a long tail of teasers and scripts, the size of
//! a real news page). The `pages` counter gives pages per second, on one core.

use divan::counter::{BytesCount, ItemsCount};
use divan::{Bencher, black_box};
use std::path::Path;

const FIXTURES: &[&str] = &[
    "news-article.html",
    "blog-post.html",
    "legacy-windows-1252.html",
];

fn main() {
    divan::main();
}

fn load(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/pages")
        .join(name);
    std::fs::read(path).expect("fixture exists")
}

/// The news fixture grown to the size of a real page with the furniture real pages carry.
fn large_page() -> Vec<u8> {
    let page = String::from_utf8(load("news-article.html")).expect("fixture is UTF-8");
    let mut tail = String::new();
    for i in 0..600 {
        tail.push_str(&format!(
            "<div class=\"promo-teaser\"><a href=\"/news/{i}\"><img src=\"/t/{i}.jpg\" alt=\"Teaser picture number {i} of the day\"><h3>Teaser headline number {i} about local news</h3></a><p>Short standfirst for story {i}, with a link.</p></div>\n<script>window.slot{i} = {{\"pos\": {i}, \"size\": [300, 250]}};</script>\n"
        ));
    }
    page.replace("</body>", &format!("{tail}</body>"))
        .into_bytes()
}

#[divan::bench(args = FIXTURES)]
fn read_fixture(bencher: Bencher, name: &str) {
    let bytes = load(name);
    bencher
        .counter(BytesCount::of_slice(&bytes))
        .bench(|| onrecord::read::read(black_box(&bytes), None, None, name));
}

#[divan::bench]
fn read_large_page(bencher: Bencher) {
    let bytes = large_page();
    bencher
        .counter(BytesCount::of_slice(&bytes))
        .bench(|| onrecord::read::read(black_box(&bytes), None, None, "large.html"));
}

/// All fixture pages and the large page in turn: the counter reads as pages per second.
#[divan::bench]
fn pages(bencher: Bencher) {
    let mut pages: Vec<Vec<u8>> = FIXTURES.iter().map(|name| load(name)).collect();
    pages.push(large_page());
    bencher.counter(ItemsCount::new(pages.len())).bench(|| {
        for page in &pages {
            let _ = black_box(onrecord::read::read(black_box(page), None, None, "page"));
        }
    });
}
