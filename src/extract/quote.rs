//! The quote extractor's output type.

use serde::Serialize;

/// An attributed statement found in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// The quoted words, without the quotation marks: exactly `document.text[start..end]`.
    pub text: String,
    /// The speaker's fullest name in the document ("Melba Sandoval"); `None` when the
    /// document never names them.
    pub speaker: Option<String>,
    /// The speaker as the attributing sentence writes them ("he", "the director",
    /// "a spokesperson for the company").
    pub speaker_mention: Option<String>,
    /// Title or role given with the name ("attorney", "director").
    pub role: Option<String>,
    /// The cue as written ("said", "writes in the caption", "according to").
    pub cue: Option<String>,
    pub kind: QuoteKind,
    /// Index of the block of `document.blocks` that holds the quote.
    pub paragraph: usize,
    /// Byte offsets into `document.text`.
    pub start: usize,
    pub end: usize,
    /// The sentence or sentences holding the quote.
    pub context: String,
}

/// What sort of statement a quote is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    /// A full quotation: a sentence or more in quotation marks.
    Direct,
    /// A few quoted words inside reported speech.
    Partial,
    /// A social-media post or its caption.
    Post,
    /// Words quoted from a photo caption.
    Caption,
}

impl QuoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Post => "post",
            QuoteKind::Caption => "caption",
        }
    }

    pub fn parse(text: &str) -> Option<QuoteKind> {
        match text {
            "direct" => Some(QuoteKind::Direct),
            "partial" => Some(QuoteKind::Partial),
            "post" => Some(QuoteKind::Post),
            "caption" => Some(QuoteKind::Caption),
            _ => None,
        }
    }
}
