//! Property tests of quote extraction: random text never panics, offsets fall on character
//! boundaries inside the quote's block, and a quote's `text` is the slice it points at.

use onrecord::document::{BlockKind, Document, Post};
use onrecord::extract::quotes;
use onrecord::read::read_text;
use proptest::prelude::*;

/// Words, names, cue verbs, every quotation mark, apostrophes, primes, punctuation and
/// multi-byte characters, so that random text hits the extractor's branches.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "“",
        "”",
        "„",
        "\"",
        "‘",
        "’",
        "‚",
        "'",
        "«",
        "»",
        "‹",
        "›",
        "「",
        "」",
        "『",
        "』",
        " ",
        " ",
        " ",
        "\n",
        "\n\n",
        ",",
        ".",
        ":",
        ";",
        "—",
        "?",
        "!",
        "(",
        ")",
        "said",
        "says",
        "told",
        "according to",
        "he",
        "she",
        "it",
        "the director",
        "a spokesperson",
        "Ann",
        "Lee",
        "Ruth Okafor",
        "Mr",
        "Dr.",
        "M.",
        "5'11\"",
        "’90s",
        "don't",
        "é",
        "ß",
        "日本",
        "🙂",
        "the",
        "film",
        "so-called",
        "and",
        "sagt",
        "er",
        "dit-il",
        "a",
        "déclaré",
    ])
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..120).prop_map(|pieces| pieces.concat())
}

fn check(doc: &Document) {
    for quote in quotes(doc) {
        assert!(quote.start <= quote.end);
        assert!(doc.text.is_char_boundary(quote.start));
        assert!(doc.text.is_char_boundary(quote.end));
        assert_eq!(
            doc.text.get(quote.start..quote.end),
            Some(quote.text.as_str())
        );
        let block = doc
            .blocks
            .get(quote.paragraph)
            .expect("paragraph index is a block");
        assert!(block.range.start <= quote.start && quote.end <= block.range.end);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn random_plain_text_never_breaks_the_contract(text in text()) {
        check(&read_text(&text, None));
    }

    #[test]
    fn random_blocks_of_every_kind(blocks in prop::collection::vec((0..6u8, text()), 0..8)) {
        let mut doc = Document::default();
        doc.posts.push(Post { author: Some("Ruth Okafor".into()), ..Post::default() });
        for (kind, text) in &blocks {
            let kind = match kind {
                0 => BlockKind::Paragraph,
                1 => BlockKind::Heading,
                2 => BlockKind::BlockQuote,
                3 => BlockKind::Caption,
                4 => BlockKind::Post(0),
                _ => BlockKind::ListItem,
            };
            doc.push_block(kind, text);
        }
        check(&doc);
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in any::<String>()) {
        check(&read_text(&text, None));
    }
}

#[test]
fn one_long_unclosed_quote_is_cut_at_its_block() {
    let text = format!("“{}\n\nAnother paragraph.", "word ".repeat(10_000));
    let doc = read_text(&text, None);
    check(&doc);
}
