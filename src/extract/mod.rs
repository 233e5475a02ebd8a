//! Quote extraction: the pure heart of the pipeline.
//!
//! `read page → extract quotes → store`: takes a [`Document`] and returns the attributed
//! quotes in it. No I/O, no clock, no database: the same document always gives the same
//! quotes.

mod quote;

pub use quote::{Quote, QuoteKind};

use crate::document::{BlockKind, Document};

/// Every attributed quote in the document, in text order.
pub fn quotes(doc: &Document) -> Vec<Quote> {
    let mut found = Vec::new();
    for (index, block) in doc.blocks.iter().enumerate() {
        if !matches!(block.kind, BlockKind::Paragraph | BlockKind::BlockQuote) {
            continue;
        }
        let text = doc.block_text(block);
        let mut rest = 0;
        while let Some(open) = text[rest..].find('“') {
            let start = rest + open + '“'.len_utf8();
            let Some(close) = text[start..].find('”') else {
                break;
            };
            let end = start + close;
            found.push(Quote {
                text: text[start..end].to_string(),
                speaker: None,
                speaker_mention: None,
                role: None,
                cue: None,
                kind: QuoteKind::Direct,
                paragraph: index,
                start: block.range.start + start,
                end: block.range.start + end,
                context: text.to_string(),
            });
            rest = end + '”'.len_utf8();
        }
    }
    found
}
