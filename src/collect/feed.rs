//! Feeds: RSS 0.9x/1.0/2.0, Atom and JSON Feed, read with feed-rs into plain items.
//!
//! `sources → fetch → read page`: each item carries its GUID, its link (fetched and read as
//! an article page later: feeds often hold only a summary), its dates and authors, its full
//! content when the feed has it (`content:encoded`, Atom content) and its media captions
//! (`media:description`, `media:credit`). Pure: bytes in, items out. Unparseable dates are
//! dropped, not fatal.

use super::urls::absolute;
use crate::document::Caption;
use crate::error::{Error, Result};

/// One entry of a feed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedItem {
    /// The feed's own identifier for the item, when it gives one.
    pub guid: Option<String>,
    /// The article's address, absolute.
    pub link: Option<String>,
    pub title: Option<String>,
    /// RFC 3339.
    pub published: Option<String>,
    pub updated: Option<String>,
    pub authors: Vec<String>,
    /// The full text as HTML (`content:encoded`, Atom `content`, JSON Feed `content_html`).
    pub content_html: Option<String>,
    /// The summary or description, as HTML.
    pub summary_html: Option<String>,
    /// `media:description` with `media:credit`, per media object.
    pub captions: Vec<Caption>,
}

impl FeedItem {
    /// The best text the feed itself holds for the item: the full content, else the summary.
    pub fn body_html(&self) -> Option<&str> {
        self.content_html
            .as_deref()
            .or(self.summary_html.as_deref())
            .filter(|html| !html.trim().is_empty())
    }
}

/// Parses a feed; `url` resolves relative links and names the feed in errors.
pub fn parse_feed(bytes: &[u8], url: &str) -> Result<Vec<FeedItem>> {
    let parser = feed_rs::parser::Builder::new()
        .base_uri(Some(url))
        .id_generator(|_, _, _| String::new())
        .sanitize_content(false)
        .build();
    let feed = parser
        .parse(bytes)
        .map_err(|err| Error::input(url, format!("not a readable feed: {err}")))?;
    Ok(feed
        .entries
        .into_iter()
        .map(|entry| item_from_entry(entry, url))
        .collect())
}

fn item_from_entry(entry: feed_rs::model::Entry, feed_url: &str) -> FeedItem {
    let link = entry_link(&entry.links)
        .and_then(|href| absolute(Some(feed_url), &href))
        .or_else(|| looks_like_url(&entry.id).then(|| entry.id.clone()));
    FeedItem {
        guid: Some(entry.id.trim().to_string()).filter(|id| !id.is_empty()),
        link,
        title: entry.title.map(|t| t.content.trim().to_string()),
        published: entry.published.map(|d| d.to_rfc3339()),
        updated: entry.updated.map(|d| d.to_rfc3339()),
        authors: entry
            .authors
            .into_iter()
            .filter_map(|person| person.name)
            .map(|name| name.trim().to_string())
            .filter(|name| !name.is_empty())
            .collect(),
        content_html: entry.content.and_then(|content| content.body),
        summary_html: entry.summary.map(|text| text.content),
        captions: entry.media.iter().filter_map(media_caption).collect(),
    }
}

/// The item's own page: the `alternate` link, else the first without a `rel`.
fn entry_link(links: &[feed_rs::model::Link]) -> Option<String> {
    links
        .iter()
        .find(|link| link.rel.as_deref() == Some("alternate"))
        .or_else(|| links.iter().find(|link| link.rel.is_none()))
        .map(|link| link.href.clone())
}

fn looks_like_url(text: &str) -> bool {
    text.starts_with("http://") || text.starts_with("https://")
}

/// A media object's description and credit as a caption.
fn media_caption(media: &feed_rs::model::MediaObject) -> Option<Caption> {
    let text = media
        .description
        .as_ref()
        .map(|d| d.content.trim().to_string())
        .filter(|t| !t.is_empty())?;
    let credits: Vec<&str> = media
        .credits
        .iter()
        .map(|c| c.entity.trim())
        .filter(|c| !c.is_empty())
        .collect();
    Some(Caption {
        text,
        credit: (!credits.is_empty()).then(|| credits.join(", ")),
        image: media
            .content
            .iter()
            .find_map(|c| c.url.as_ref().map(|u| u.to_string())),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:media="http://search.yahoo.com/mrss/">
<channel><title>Harbour News</title><link>https://news.example.org/</link>
<item><title>Council votes</title><link>/2026/05/vote?utm_source=rss</link>
<guid isPermaLink="false">hn-1001</guid><pubDate>Tue, 05 May 2026 09:30:00 +0100</pubDate>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>“We will rebuild,” said Mara Quill.</p>]]></content:encoded>
<media:content url="https://news.example.org/img/pier.jpg" medium="image">
<media:description>The old pier at dawn.</media:description><media:credit>Ana Reyes</media:credit>
</media:content></item>
<item><title>No date</title><link>https://news.example.org/2026/05/other</link><pubDate>sometime soon</pubDate></item>
</channel></rss>"#;

    #[test]
    fn rss_items_with_content_media_and_bad_dates() {
        let items =
            parse_feed(RSS.as_bytes(), "https://news.example.org/feed.xml").expect("parses");
        assert_eq!(items.len(), 2);
        let first = &items[0];
        assert_eq!(first.guid.as_deref(), Some("hn-1001"));
        assert_eq!(
            first.link.as_deref(),
            Some("https://news.example.org/2026/05/vote?utm_source=rss")
        );
        assert_eq!(
            first.published.as_deref(),
            Some("2026-05-05T08:30:00+00:00")
        );
        assert!(
            first
                .content_html
                .as_deref()
                .unwrap_or("")
                .contains("We will rebuild")
        );
        assert_eq!(first.captions.len(), 1);
        assert_eq!(first.captions[0].credit.as_deref(), Some("Ana Reyes"));
        assert_eq!(items[1].published, None);
        assert_eq!(items[1].guid, None);
    }

    #[test]
    fn atom_and_json_feed() {
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>urn:t</id>
<entry><id>urn:e1</id><title>E</title><link rel="alternate" href="https://a.example/e1"/>
<updated>2026-05-01T10:00:00Z</updated><author><name>Jo Park</name></author></entry></feed>"#;
        let items = parse_feed(atom.as_bytes(), "https://a.example/atom").expect("parses");
        assert_eq!(items[0].link.as_deref(), Some("https://a.example/e1"));
        assert_eq!(items[0].authors, ["Jo Park"]);
        let json = r#"{"version":"https://jsonfeed.org/version/1.1","title":"J",
"items":[{"id":"j1","url":"https://a.example/j1","content_html":"<p>Hi</p>"}]}"#;
        let items = parse_feed(json.as_bytes(), "https://a.example/feed.json").expect("parses");
        assert_eq!(items[0].guid.as_deref(), Some("j1"));
        assert_eq!(items[0].body_html(), Some("<p>Hi</p>"));
    }

    #[test]
    fn garbage_is_an_error_naming_the_feed() {
        let err = parse_feed(b"<html>not a feed", "https://a.example/x").expect_err("refused");
        assert!(err.to_string().starts_with("https://a.example/x"), "{err}");
    }
}
