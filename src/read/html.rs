//! The HTML reader: main article text, metadata, captions and embedded posts.

use crate::document::{BlockKind, Document};
use scraper::{Html, Selector};

/// Reads an HTML page into a document.
pub fn read_html(html: &str, url: Option<&str>) -> Document {
    let page = Html::parse_document(html);
    let mut doc = Document {
        url: url.map(str::to_string),
        canonical_url: url.map(str::to_string),
        ..Document::default()
    };
    if let Ok(title) = Selector::parse("title")
        && let Some(el) = page.select(&title).next()
    {
        doc.title = Some(el.text().collect::<String>().trim().to_string());
    }
    if let Ok(p) = Selector::parse("p") {
        for el in page.select(&p) {
            let text: String = el.text().collect();
            doc.push_block(
                BlockKind::Paragraph,
                &text.split_whitespace().collect::<Vec<_>>().join(" "),
            );
        }
    }
    doc
}
