//! Articles made up for tests that store and search through the library.

use onrecord::store::{OpenMode, Store};
use onrecord::{BlockKind, Document, Quote, QuoteKind};

/// One article on `site` dated `date`, quoting `speaker` saying each of `quotes`.
pub fn article(
    number: usize,
    site: &str,
    date: &str,
    speaker: &str,
    quotes: &[&str],
) -> (Document, Vec<Quote>) {
    let url = format!("https://{site}/news/{number}");
    let mut doc = Document {
        url: Some(url.clone()),
        canonical_url: Some(url),
        title: Some(format!("Article {number}")),
        site: Some(site.to_string()),
        published: Some(format!("{date}T08:00:00Z")),
        language: Some("en".into()),
        ..Document::default()
    };
    doc.push_block(BlockKind::Paragraph, &format!("Reported by {site}."));
    let mut found = Vec::new();
    for text in quotes {
        doc.push_block(BlockKind::Paragraph, &format!("“{text}” {speaker} said."));
        let block = doc.blocks.len() - 1;
        let start = doc.blocks[block].range.start + "“".len();
        found.push(Quote {
            text: text.to_string(),
            start,
            end: start + text.len(),
            speaker: Some(speaker.to_string()),
            speaker_mention: None,
            role: None,
            cue: Some("said".into()),
            kind: QuoteKind::Direct,
            paragraph: block,
            context: doc.text[doc.blocks[block].range.clone()].to_string(),
        });
    }
    (doc, found)
}

pub fn store_all(store: &mut Store, articles: &[(Document, Vec<Quote>)]) {
    let items: Vec<(&Document, &[Quote])> =
        articles.iter().map(|(d, q)| (d, q.as_slice())).collect();
    store
        .save_all(&items, "2025-06-01T00:00:00Z")
        .expect("store the articles");
}

pub fn open() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let store = Store::open(&dir.path().join("onrecord.db"), OpenMode::Create).expect("open");
    (dir, store)
}
