//! onrecord: who said what, where, and when.
//!
//! The pipeline, one module per stage, data flowing one way:
//!
//! `sources → fetch` ([`collect`]) `→ read page` ([`read`]) `→ extract quotes` ([`extract`])
//! `→ store → search` ([`store`]).
//!
//! [`document`] holds the types that pass from reading to extraction; the command-line
//! interface lives in the binary and only calls into this library.

pub mod collect;
pub mod document;
pub mod error;
pub mod extract;
pub mod read;
pub mod store;

pub use document::{Block, BlockKind, Caption, Document, Post};
pub use error::{Error, Result};
pub use extract::{Quote, QuoteKind};

/// A document read and its quotes extracted: what one input becomes.
#[derive(Debug, Clone)]
pub struct Extraction {
    pub document: Document,
    pub quotes: Vec<Quote>,
}

/// Reads loaded bytes and extracts their quotes: the pure middle of the pipeline.
pub fn extract_loaded(loaded: &collect::Loaded) -> Result<Extraction> {
    let document = read::read(
        &loaded.bytes,
        loaded.content_type.as_deref(),
        loaded.url.as_deref(),
        &loaded.name,
    )?;
    let quotes = extract::quotes(&document);
    Ok(Extraction { document, quotes })
}
