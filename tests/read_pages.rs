//! The HTML reader on whole pages written for onrecord (see `fixtures/README.md`): main text
//! without furniture, metadata, captions, embedded posts and legacy encodings.

use onrecord::read;
use onrecord::{BlockKind, Document};
use std::path::Path;

fn read_fixture(name: &str) -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/pages")
        .join(name);
    let bytes = std::fs::read(&path).expect("fixture exists");
    read::read(&bytes, None, Some("https://example.org/page"), name).expect("page reads")
}

fn block_texts(doc: &Document, kind: BlockKind) -> Vec<&str> {
    doc.blocks
        .iter()
        .filter(|b| b.kind == kind)
        .map(|b| doc.block_text(b))
        .collect()
}

#[test]
fn news_article_main_text_keeps_every_quote_and_drops_furniture() {
    let doc = read_fixture("news-article.html");
    for quote in [
        "We have no choice,",
        "Half my customers walk over from the south side,",
        "A detour of that length will push people back into their cars,",
    ] {
        assert!(
            doc.text.contains(quote),
            "missing {quote:?} in {}",
            doc.text
        );
    }
    for furniture in [
        "cookies",
        "Most read",
        "Sign up for our free newsletter",
        "This is a disgrace",
        "Bridge inspection finds severe corrosion",
        "Share on Facebook",
        "Advertisement",
        "All rights reserved",
        "Sport",
    ] {
        assert!(
            !doc.text.contains(furniture),
            "{furniture:?} let through: {}",
            doc.text
        );
    }
    assert_eq!(block_texts(&doc, BlockKind::Heading), ["Ferries and buses"]);
    assert_eq!(
        block_texts(&doc, BlockKind::BlockQuote),
        [
            "The safety of the structure must come first, and the timetable for the works reflects that."
        ]
    );
}

#[test]
fn news_article_inline_markup_keeps_words_apart() {
    let doc = read_fixture("news-article.html");
    assert!(doc.text.contains("said council leader Margaret Osei."));
    assert!(doc.text.contains("confirmed on Tuesday."));
    assert!(doc.text.contains("should be free as well."));
    assert!(!doc.text.contains("  "));
}

#[test]
fn news_article_metadata() {
    let doc = read_fixture("news-article.html");
    assert_eq!(
        doc.title.as_deref(),
        Some("Harbour bridge to close for two years, council confirms")
    );
    assert_eq!(doc.authors, ["Priya Raman", "Tom Ellery"]);
    assert_eq!(doc.published.as_deref(), Some("2024-05-14T06:30:00Z"));
    assert_eq!(doc.modified.as_deref(), Some("2024-05-14T10:05:00Z"));
    assert_eq!(doc.site.as_deref(), Some("The Coastal Courier"));
    assert_eq!(doc.language.as_deref(), Some("en-GB"));
    assert_eq!(
        doc.canonical_url.as_deref(),
        Some("https://www.coastalcourier.example/news/harbour-bridge-closure")
    );
    assert_eq!(doc.url.as_deref(), Some("https://example.org/page"));
}

#[test]
fn news_article_captions_stay_out_of_the_text() {
    let doc = read_fixture("news-article.html");
    assert!(!doc.text.contains("40,000 vehicles"));
    assert!(!doc.text.contains("Queues on the approach road"));
    let captions: Vec<(&str, Option<&str>)> = doc
        .captions
        .iter()
        .map(|c| (c.text.as_str(), c.credit.as_deref()))
        .collect();
    assert_eq!(
        captions,
        [
            (
                "The harbour bridge, which carries 40,000 vehicles a day, will shut in September.",
                Some("Photo: Dana Hughes/Courier")
            ),
            (
                "Queues on the approach road on Monday.",
                Some("Photo by Jo Lee/Getty Images")
            ),
        ]
    );
}

#[test]
fn news_article_embedded_posts_are_post_blocks() {
    let doc = read_fixture("news-article.html");
    assert_eq!(doc.posts.len(), 2);
    let tweet = &doc.posts[0];
    assert_eq!(tweet.platform, "twitter");
    assert_eq!(tweet.author.as_deref(), Some("Sam Whitlock"));
    assert_eq!(tweet.handle.as_deref(), Some("@samwhitlockmp"));
    assert!(tweet.text.starts_with("Two years is a long time"));
    let instagram = &doc.posts[1];
    assert_eq!(instagram.platform, "instagram");
    assert_eq!(instagram.handle.as_deref(), Some("@harbourwatch"));
    assert_eq!(
        instagram.text,
        "Last sunset over the old deck before the works begin."
    );
    let post_blocks: Vec<usize> = doc
        .blocks
        .iter()
        .filter_map(|b| match b.kind {
            BlockKind::Post(i) => Some(i),
            _ => None,
        })
        .collect();
    assert_eq!(post_blocks, [0, 1]);
    assert!(!doc.text.contains("View this post on Instagram"));
    assert!(!doc.text.contains("A post shared by"));
}

#[test]
fn blocks_are_ordered_ranges_on_char_boundaries() {
    for name in [
        "news-article.html",
        "blog-post.html",
        "legacy-windows-1252.html",
    ] {
        let doc = read_fixture(name);
        let mut last_end = 0;
        for block in &doc.blocks {
            assert!(block.range.start >= last_end, "{name}: overlapping blocks");
            assert!(
                doc.text.get(block.range.clone()).is_some(),
                "{name}: bad range"
            );
            last_end = block.range.end;
        }
        assert_eq!(
            doc.text.split("\n\n").count(),
            doc.blocks.len(),
            "{name}: blocks are separated by blank lines"
        );
    }
}

#[test]
fn blog_post_double_breaks_split_paragraphs_and_sidebar_is_dropped() {
    let doc = read_fixture("blog-post.html");
    let paragraphs = block_texts(&doc, BlockKind::Paragraph);
    assert_eq!(paragraphs.len(), 4, "{paragraphs:#?}");
    assert!(paragraphs[1].starts_with("“Water always finds the lowest point,” Derek told me"));
    assert!(paragraphs[2].ends_with(
        "which is advice I intend to take literally. The broad beans, at least, do not seem to mind."
    ));
    assert!(!doc.text.contains("Blog archive"));
    assert!(!doc.text.contains("Posted by"));
    assert_eq!(doc.authors, ["Ruth Okafor"]);
    assert_eq!(doc.published.as_deref(), Some("2023-04-02"));
    assert_eq!(
        doc.title.as_deref(),
        Some("Notes from the allotment: a wet spring")
    );
    assert_eq!(doc.captions.len(), 1);
    assert_eq!(
        doc.captions[0].credit.as_deref(),
        Some("Photo: Ruth Okafor")
    );
}

#[test]
fn windows_1252_page_reads_right() {
    let doc = read_fixture("legacy-windows-1252.html");
    assert!(doc.text.contains(
        "„Das ist ein guter Tag für alle, die in der Stadt mit dem Rad unterwegs sind“, sagte Bürgermeisterin Anna Köhler"
    ));
    assert!(
        doc.text
            .contains("1,2 Millionen Euro – etwa 40 Prozent trägt das Land.")
    );
    assert!(!doc.text.contains("Startseite"));
    assert!(!doc.text.contains("Impressum"));
    assert_eq!(doc.language.as_deref(), Some("de"));
    assert_eq!(
        doc.title.as_deref(),
        Some("Stadtrat beschließt neue Radwege")
    );
}

#[test]
fn http_charset_decides_over_the_page() {
    let page = "<html><head><meta charset=\"utf-8\"></head><body><p>“Caf\u{e9} au lait,” she said, “is all I want this morning.”</p></body></html>";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(page);
    let doc = read::read(
        &bytes,
        Some("text/html; charset=windows-1252"),
        None,
        "page",
    )
    .expect("page reads");
    assert!(
        doc.text.contains("“Café au lait,” she said"),
        "{}",
        doc.text
    );
}
