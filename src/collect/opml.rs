//! OPML, the format feed readers exchange subscription lists in.
//!
//! `sources`: import reads every `<outline>` with an `xmlUrl` as a feed (its `title` or
//! `text` as the label); export writes the feed sources back. A few regular expressions
//! suffice for OPML's flat attributes; they run in linear time.

use crate::store::{NewSource, Source, SourceKind};
use regex::Regex;
use std::sync::LazyLock;

static OUTLINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?is)<outline\b([^>]*)>").expect("a constant regex"));
static ATTRIBUTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?s)([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)')"#)
        .expect("a constant regex")
});

/// The feeds listed in an OPML document.
pub fn parse_opml(text: &str) -> Vec<NewSource> {
    OUTLINE
        .captures_iter(text)
        .filter_map(|outline| {
            let attributes = outline.get(1)?.as_str();
            let mut url = None;
            let mut label = None;
            for attribute in ATTRIBUTE.captures_iter(attributes) {
                let name = attribute.get(1)?.as_str().to_ascii_lowercase();
                let value = attribute.get(2).or(attribute.get(3))?.as_str();
                match name.as_str() {
                    "xmlurl" => url = Some(unescape(value)),
                    "title" => label = Some(unescape(value)),
                    "text" if label.is_none() => label = Some(unescape(value)),
                    _ => {}
                }
            }
            let target = url?.trim().to_string();
            (!target.is_empty()).then(|| NewSource {
                kind: SourceKind::Feed,
                target,
                label: label.filter(|l| !l.trim().is_empty()),
                allow_private: false,
            })
        })
        .collect()
}

/// An OPML 2.0 document listing the feed sources.
pub fn export_opml(sources: &[Source]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head><title>onrecord sources</title></head>\n  <body>\n",
    );
    for source in sources.iter().filter(|s| s.kind == SourceKind::Feed) {
        let label = escape(source.label.as_deref().unwrap_or(&source.target));
        out.push_str(&format!(
            "    <outline type=\"rss\" text=\"{label}\" title=\"{label}\" xmlUrl=\"{}\"/>\n",
            escape(&source.target)
        ));
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

/// XML's five entities and numeric references.
pub fn unescape(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let Some(end) = after.find(';').filter(|&end| end <= 12) else {
            out.push('&');
            rest = &after[1..];
            continue;
        };
        match entity(&after[1..end]) {
            Some(c) => out.push(c),
            None => out.push_str(&after[..=end]),
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imports_nested_outlines_with_labels() {
        let opml = r#"<opml version="2.0"><body>
<outline text="News"><outline type="rss" text="Harbour &amp; Bay" xmlUrl="https://news.example.org/rss?a=1&amp;b=2"/>
<outline text='Other' xmlUrl='https://other.example/atom'/></outline>
<outline text="Folder only"/></body></opml>"#;
        let sources = parse_opml(opml);
        assert_eq!(sources.len(), 2);
        assert_eq!(sources[0].target, "https://news.example.org/rss?a=1&b=2");
        assert_eq!(sources[0].label.as_deref(), Some("Harbour & Bay"));
        assert_eq!(sources[1].label.as_deref(), Some("Other"));
    }

    #[test]
    fn export_then_import_round_trips() {
        let source = Source {
            id: 1,
            kind: SourceKind::Feed,
            target: "https://a.example/rss?x=1&y=2".into(),
            label: Some("A \"quoted\" <name>".into()),
            added_at: String::new(),
            next_check_at: None,
            last_checked_at: None,
            last_success_at: None,
            last_error: None,
            error_count: 0,
            etag: None,
            last_modified: None,
            cursor: None,
            did: None,
            disabled_reason: None,
            allow_private: false,
            documents: 0,
            quotes: 0,
            interval_seconds: None,
            min_interval_seconds: None,
            failing_since: None,
            service: None,
            failing_for_a_week: false,
        };
        let back = parse_opml(&export_opml(&[source]));
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].target, "https://a.example/rss?x=1&y=2");
        assert_eq!(back[0].label.as_deref(), Some("A \"quoted\" <name>"));
    }

    #[test]
    fn unescapes_entities_and_leaves_stray_ampersands() {
        assert_eq!(
            unescape("a &amp; b &#233; &#x41; & c &bogus;"),
            "a & b é A & c &bogus;"
        );
    }
}
