//! Page reading: bytes in, a [`Document`] out.
//!
//! `fetch → read page → extract quotes`: decides whether the bytes are HTML or plain text,
//! decodes them to UTF-8 (HTTP charset, BOM, `<meta charset>`, else sniffed), and hands them
//! to the HTML reader ([`html`]) or the plain-text reader ([`text`]); both drop furniture
//! lines ([`lines`]: "Advertisement", datelines). Inputs over [`MAX_INPUT_BYTES`] are
//! refused. Pure: no I/O. [`dates`] holds the one check of whether a date could be right,
//! which the collectors apply to every date they store.

pub mod dates;
mod decode;
pub mod html;
pub mod language;
pub mod lines;
pub mod text;

pub use decode::decode;
pub use html::read_html;
pub use text::read_text;

use crate::document::Document;
use crate::error::{Error, Result};

/// Inputs larger than this are refused before they are read.
pub const MAX_INPUT_BYTES: u64 = 32 * 1024 * 1024;

/// What the bytes are, as far as reading them goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Text,
}

/// Reads raw bytes (a file's content or an HTTP body) into a document.
///
/// `input` names the bytes in error messages; `content_type` is the HTTP header if any;
/// `url` is recorded on the document.
pub fn read(
    bytes: &[u8],
    content_type: Option<&str>,
    url: Option<&str>,
    input: &str,
) -> Result<Document> {
    check_readable(bytes, input)?;
    let format = sniff_format(bytes, content_type);
    let text = decode(bytes, content_type, format).map_err(|reason| Error::input(input, reason))?;
    let doc = match format {
        Format::Html => read_html(&text, url),
        Format::Text => read_text(&text, url),
    };
    if doc.text.trim().is_empty() && doc.captions.is_empty() {
        return Err(Error::input(input, "no readable text found in it"));
    }
    Ok(doc)
}

/// Refuses empty and binary inputs with a message a person understands.
fn check_readable(bytes: &[u8], input: &str) -> Result<()> {
    if u64::try_from(bytes.len()).is_ok_and(|len| len > MAX_INPUT_BYTES) {
        return Err(Error::input(
            input,
            format!(
                "is {} MB, more than the {} MB onrecord reads",
                bytes.len() / (1024 * 1024),
                MAX_INPUT_BYTES / (1024 * 1024)
            ),
        ));
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::input(input, "is empty"));
    }
    let head = &bytes[..bytes.len().min(8192)];
    let utf16_bom = head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]);
    if !utf16_bom && head.contains(&0) {
        return Err(Error::input(
            input,
            "looks like a binary file, not text or HTML",
        ));
    }
    Ok(())
}

/// HTML when the server says so, or when the bytes start like markup.
pub fn sniff_format(bytes: &[u8], content_type: Option<&str>) -> Format {
    if let Some(ct) = content_type {
        let ct = ct.to_ascii_lowercase();
        if ct.contains("html") || ct.contains("xml") {
            return Format::Html;
        }
        if ct.starts_with("text/plain") {
            return Format::Text;
        }
    }
    let head = &bytes[..bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let trimmed = head.trim_start_matches('\u{feff}').trim_start();
    let markup = [
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<article",
        "<meta",
        "<p>",
        "<div",
        "<!--",
    ];
    if trimmed.starts_with('<') && markup.iter().any(|tag| head.contains(tag)) {
        Format::Html
    } else {
        Format::Text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_empty_and_binary_input() {
        let err = read(b"  \n", None, None, "empty.txt").unwrap_err();
        assert_eq!(err.to_string(), "empty.txt: is empty");
        let err = read(b"\x7fELF\x00\x01", None, None, "a.out").unwrap_err();
        assert!(err.to_string().contains("binary"), "{err}");
    }

    #[test]
    fn sniffs_html_by_header_and_by_content() {
        assert_eq!(
            sniff_format(b"hello", Some("text/html; charset=utf-8")),
            Format::Html
        );
        assert_eq!(sniff_format(b"<!DOCTYPE html><p>x", None), Format::Html);
        assert_eq!(sniff_format(b"He said <b> is bold", None), Format::Text);
    }
}
