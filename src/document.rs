//! The page-reading stage's output and the quote extractor's input.
//!
//! `sources → fetch → read page → extract quotes → store → search`: a [`Document`] is what
//! `read` makes of an HTML page, a feed item or a plain-text file. It holds the article's
//! main text as one string whose blocks (paragraphs, headings, block quotes, list items,
//! embedded posts) are byte ranges into it, the page's metadata, and the photo captions found
//! on the page. Every offset in the crate indexes [`Document::text`] in UTF-8 bytes.

use serde::Serialize;
use std::ops::Range;

/// One article, post or text, read and ready for quote extraction.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Document {
    /// Where the document was fetched from or read from (a URL or a file path).
    pub url: Option<String>,
    /// The page's own idea of its address (`link rel=canonical`, `og:url`), else `url`.
    pub canonical_url: Option<String>,
    pub title: Option<String>,
    /// The publication's name ("The Guardian"), else the host name.
    pub site: Option<String>,
    pub authors: Vec<String>,
    /// RFC 3339 timestamps, as the page states them.
    pub published: Option<String>,
    pub modified: Option<String>,
    /// BCP 47 language tag ("en", "de-DE") when known.
    pub language: Option<String>,
    /// The main text: blocks separated by a blank line (`"\n\n"`).
    pub text: String,
    /// The blocks of `text`, in reading order, non-overlapping and ascending.
    pub blocks: Vec<Block>,
    /// Photo captions, credits and descriptive alt texts of the page.
    pub captions: Vec<Caption>,
    /// Social-media posts embedded in the page; their text is a block of `text` too.
    pub posts: Vec<Post>,
}

/// A block of the main text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Block {
    pub kind: BlockKind,
    /// Byte range into [`Document::text`].
    pub range: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Paragraph,
    Heading,
    BlockQuote,
    ListItem,
    /// A photo caption line kept in the text (plain-text sources); never a quote.
    Caption,
    /// A photo credit line ("Josh Hopkins/Instagram"); never a quote.
    Credit,
    /// The text of an embedded social post: an index into [`Document::posts`].
    Post(usize),
}

/// A photo caption with its credit separated out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Caption {
    pub text: String,
    pub credit: Option<String>,
    /// The image's URL when known.
    pub image: Option<String>,
}

/// A social-media post shown inside an article (or collected on its own).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Post {
    /// "twitter", "instagram", "mastodon", "bluesky", "facebook".
    pub platform: String,
    /// The author's display name, when the page shows it.
    pub author: Option<String>,
    /// The author's handle ("@user", "user@instance", "name.bsky.social").
    pub handle: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub text: String,
}

impl Document {
    /// The text of one block.
    pub fn block_text(&self, block: &Block) -> &str {
        self.text.get(block.range.clone()).unwrap_or("")
    }

    /// Appends a block to the text, separated from the previous one by a blank line.
    /// Empty or blank blocks are skipped; surrounding white space is trimmed.
    pub fn push_block(&mut self, kind: BlockKind, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        let start = self.text.len();
        self.text.push_str(text);
        self.blocks.push(Block {
            kind,
            range: start..self.text.len(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_block_keeps_ranges_on_the_text() {
        let mut doc = Document::default();
        doc.push_block(BlockKind::Heading, "  Title ");
        doc.push_block(BlockKind::Paragraph, "   ");
        doc.push_block(BlockKind::Paragraph, "“Quote,” she said.");
        assert_eq!(doc.text, "Title\n\n“Quote,” she said.");
        assert_eq!(doc.blocks.len(), 2);
        assert_eq!(doc.block_text(&doc.blocks[1]), "“Quote,” she said.");
    }
}
