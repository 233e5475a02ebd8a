//! Embedded social posts: Twitter/X, Instagram, Mastodon, Bluesky and Facebook embeds.
//!
//! Part of `read page`: the flattener ([`super::flatten`]) asks [`is_embed`] at every
//! element and sets embeds aside; [`read_post`] turns one into a [`Post`] (platform, text,
//! author, handle, URL, date) whose text becomes a `Post` block of the main text.

use super::flatten::collapse_whitespace;
use crate::document::Post;
use regex::Regex;
use scraper::{ElementRef, Selector};
use std::sync::LazyLock;

/// The platform of an embed element, by the classes and attributes the platforms' embed
/// codes use.
pub fn platform_of(element: ElementRef<'_>) -> Option<&'static str> {
    let value = element.value();
    let has = |class: &str| value.classes().any(|c| c.eq_ignore_ascii_case(class));
    match value.name() {
        "blockquote" => {
            if has("twitter-tweet") || has("twitter-video") {
                Some("twitter")
            } else if has("instagram-media") {
                Some("instagram")
            } else if has("bluesky-embed") || value.attr("data-bluesky-uri").is_some() {
                Some("bluesky")
            } else if has("mastodon-embed") {
                Some("mastodon")
            } else if has("tiktok-embed") {
                Some("tiktok")
            } else {
                None
            }
        }
        "div" if has("fb-post") => Some("facebook"),
        _ => None,
    }
}

/// True for the element of an embedded post.
pub fn is_embed(element: ElementRef<'_>) -> bool {
    platform_of(element).is_some()
}

static PARAGRAPH: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("p").expect("selector compiles"));
static LINK: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("a[href]").expect("selector compiles"));

/// "A post shared by Jane Doe (@janedoe)".
static SHARED_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i:shared by|posted by)\s+([^()@]{1,80}?)\s*\(\s*@?([\w.@-]{1,100})\s*\)")
        .expect("shared-by pattern compiles")
});
/// "— Jane Doe (@janedoe) July 24, 2015".
static AUTHOR_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[—–]\s*([^()@—–]{1,80}?)\s*\(\s*@?([\w.@-]{1,100})\s*\)")
        .expect("author line pattern compiles")
});
static POSTED_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"Posted by\s+(.{1,80}?)\s+on\s").expect("posted-by pattern compiles")
});

/// Reads an embed into a post; `None` when it shows no text.
pub fn read_post(element: ElementRef<'_>) -> Option<Post> {
    let platform = platform_of(element)?;
    let text = post_text(element, platform);
    if text.is_empty() {
        return None;
    }
    let all_text = collapse_whitespace(&element.text().collect::<Vec<_>>().join(" "));
    let (author, handle) = author_and_handle(&all_text, platform);
    let url = post_url(element, platform);
    let handle = handle.or_else(|| url.as_deref().and_then(|u| handle_from_url(u, platform)));
    Some(Post {
        platform: platform.to_string(),
        author,
        handle,
        published: post_date(element),
        url,
        text,
    })
}

/// The post's own words: its paragraphs, without the embed code's boilerplate lines.
fn post_text(element: ElementRef<'_>, platform: &str) -> String {
    let paragraphs: Vec<String> = element
        .select(&PARAGRAPH)
        .map(|p| collapse_whitespace(&p.text().collect::<String>()))
        .filter(|t| !t.is_empty() && !is_embed_chrome(t))
        .collect();
    if !paragraphs.is_empty() {
        return paragraphs.join(" ");
    }
    // Only a tweet's embed code reliably holds its words outside a <p>; the others show
    // chrome ("Post by @ann@mastodon.social", "View on Instagram") where the text is missing.
    if platform != "twitter" {
        return String::new();
    }
    let whole = collapse_whitespace(&element.text().collect::<String>());
    match whole.rfind(['—', '–']) {
        Some(at) => whole.get(..at).unwrap_or("").trim().to_string(),
        None => whole,
    }
}

/// The date the embed code shows ("May 2, 2024", as the last link's text, or a
/// `<time datetime>`), as "YYYY-MM-DD" (or RFC 3339 when the page gives a timestamp).
fn post_date(element: ElementRef<'_>) -> Option<String> {
    static TIME: LazyLock<Selector> =
        LazyLock::new(|| Selector::parse("time[datetime]").expect("selector compiles"));
    if let Some(datetime) = element
        .select(&TIME)
        .find_map(|t| t.value().attr("datetime"))
        .and_then(super::dates::normalize)
    {
        return Some(datetime);
    }
    let text = collapse_whitespace(&element.select(&LINK).last()?.text().collect::<String>());
    let text = text.replace("Sept.", "Sep.");
    ["%B %d, %Y", "%b %d, %Y", "%b. %d, %Y", "%d %B %Y"]
        .iter()
        .find_map(|format| jiff::civil::Date::strptime(format, &text).ok())
        .map(|date| date.to_string())
}

/// Lines the embed code adds around a post.
fn is_embed_chrome(text: &str) -> bool {
    let lower = text.to_lowercase();
    [
        "a post shared by",
        "view this post on instagram",
        "view on instagram",
        "view on threads",
        "posted by",
        "see more on",
        "a photo posted by",
        "a video posted by",
    ]
    .iter()
    .any(|chrome| lower.starts_with(chrome))
        || AUTHOR_LINE.is_match(text) && text.starts_with(['—', '–'])
}

fn author_and_handle(text: &str, platform: &str) -> (Option<String>, Option<String>) {
    let found = SHARED_BY
        .captures_iter(text)
        .last()
        .or_else(|| AUTHOR_LINE.captures_iter(text).last());
    if let Some(caps) = found {
        let author = caps.get(1).map(|m| m.as_str().trim().to_string());
        let handle = caps.get(2).map(|m| format_handle(m.as_str(), platform));
        return (author.filter(|a| !a.is_empty()), handle);
    }
    let author = POSTED_BY
        .captures(text)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().trim().to_string());
    (author, None)
}

fn format_handle(raw: &str, platform: &str) -> String {
    let raw = raw.trim_start_matches('@');
    match platform {
        "twitter" | "instagram" | "tiktok" => format!("@{raw}"),
        _ => raw.to_string(),
    }
}

/// The post's address: the embed's data attributes, else its last link to a post.
fn post_url(element: ElementRef<'_>, platform: &str) -> Option<String> {
    let value = element.value();
    for attr in [
        "data-instgrm-permalink",
        "data-href",
        "data-embed-url",
        "cite",
    ] {
        if let Some(url) = value.attr(attr).filter(|u| u.starts_with("http")) {
            return Some(url.to_string());
        }
    }
    let links: Vec<&str> = element
        .select(&LINK)
        .filter_map(|a| a.value().attr("href"))
        .filter(|href| href.starts_with("http"))
        .collect();
    let marker = match platform {
        "twitter" => "/status/",
        "instagram" => "/p/",
        "bluesky" => "/post/",
        "facebook" => "/posts/",
        _ => "/",
    };
    links
        .iter()
        .rev()
        .find(|href| href.contains(marker))
        .or(links.last())
        .map(|href| href.to_string())
}

/// "https://twitter.com/jane/status/1" → "@jane"; "https://bsky.app/profile/a.bsky.social/post/x"
/// → "a.bsky.social"; "https://mastodon.social/@jane/1" → "jane@mastodon.social".
fn handle_from_url(url: &str, platform: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let mut parts = rest.split('/');
    let host = parts.next()?;
    let parts: Vec<&str> = parts.collect();
    match platform {
        "twitter" => {
            let user = parts
                .first()
                .filter(|u| !u.is_empty() && parts.get(1) == Some(&"status"))?;
            Some(format!("@{user}"))
        }
        "bluesky" => {
            let at = parts.iter().position(|p| *p == "profile")?;
            parts.get(at + 1).map(|h| h.to_string())
        }
        "mastodon" => {
            let user = parts.iter().find(|p| p.starts_with('@'))?;
            Some(format!("{}@{host}", user.trim_start_matches('@')))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    fn first_post(html: &str) -> Option<Post> {
        let page = Html::parse_fragment(html);
        let blockquote = Selector::parse("blockquote, div.fb-post").expect("selector");
        page.select(&blockquote).next().and_then(read_post)
    }

    #[test]
    fn reads_a_tweet() {
        let post = first_post(
            r#"<blockquote class="twitter-tweet"><p lang="en">We did it. Thank you all!</p>&mdash; Jane Doe (@janedoe) <a href="https://twitter.com/janedoe/status/123">May 2, 2024</a></blockquote>"#,
        )
        .expect("post");
        assert_eq!(post.platform, "twitter");
        assert_eq!(post.text, "We did it. Thank you all!");
        assert_eq!(post.author.as_deref(), Some("Jane Doe"));
        assert_eq!(post.handle.as_deref(), Some("@janedoe"));
        assert_eq!(
            post.url.as_deref(),
            Some("https://twitter.com/janedoe/status/123")
        );
        assert_eq!(post.published.as_deref(), Some("2024-05-02"));
    }

    #[test]
    fn reads_an_instagram_post() {
        let post = first_post(
            r#"<blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/abc/"><div><a href="https://www.instagram.com/p/abc/">View this post on Instagram</a></div><p>Back on set today</p><p>A post shared by Sam Lee (@samlee) on Jan 3, 2021</p></blockquote>"#,
        )
        .expect("post");
        assert_eq!(post.text, "Back on set today");
        assert_eq!(post.author.as_deref(), Some("Sam Lee"));
        assert_eq!(post.handle.as_deref(), Some("@samlee"));
        assert_eq!(
            post.url.as_deref(),
            Some("https://www.instagram.com/p/abc/")
        );
    }

    #[test]
    fn reads_bluesky_and_mastodon_handles_from_urls() {
        assert_eq!(
            handle_from_url(
                "https://bsky.app/profile/ann.bsky.social/post/3k",
                "bluesky"
            )
            .as_deref(),
            Some("ann.bsky.social")
        );
        assert_eq!(
            handle_from_url("https://mastodon.social/@ann/1101", "mastodon").as_deref(),
            Some("ann@mastodon.social")
        );
    }

    #[test]
    fn reads_bluesky_and_facebook_embeds() {
        let post = first_post(
            r#"<blockquote class="bluesky-embed" data-bluesky-uri="at://did:plc:abc/app.bsky.feed.post/3k"><p lang="en">Polls close at eight. Go vote!</p>&mdash; Ann Lee (<a href="https://bsky.app/profile/did:plc:abc">@ann.bsky.social</a>) <a href="https://bsky.app/profile/did:plc:abc/post/3k">March 5, 2024 at 9:00 AM</a></blockquote>"#,
        )
        .expect("post");
        assert_eq!(post.platform, "bluesky");
        assert_eq!(post.text, "Polls close at eight. Go vote!");
        assert_eq!(post.author.as_deref(), Some("Ann Lee"));
        assert_eq!(post.handle.as_deref(), Some("ann.bsky.social"));
        let post = first_post(
            r#"<div class="fb-post" data-href="https://www.facebook.com/citycouncil/posts/123"><blockquote cite="https://www.facebook.com/citycouncil/posts/123" class="fb-xfbml-parse-ignore"><p>The library stays open. Thank you for your letters.</p>Posted by <a href="https://www.facebook.com/citycouncil">City Council</a> on&nbsp;<a href="https://www.facebook.com/citycouncil/posts/123">Monday, 4 March 2024</a></blockquote></div>"#,
        )
        .expect("post");
        assert_eq!(post.platform, "facebook");
        assert_eq!(
            post.text,
            "The library stays open. Thank you for your letters."
        );
        assert_eq!(post.author.as_deref(), Some("City Council"));
        assert_eq!(
            post.url.as_deref(),
            Some("https://www.facebook.com/citycouncil/posts/123")
        );
    }

    #[test]
    fn reads_a_mastodon_embed_with_text() {
        let post = first_post(
            r#"<blockquote class="mastodon-embed" data-embed-url="https://mastodon.social/@ann/1101/embed"><p>Ferry is back on. See you at the pier!</p><a href="https://mastodon.social/@ann/1101">Post by @ann@mastodon.social</a></blockquote>"#,
        )
        .expect("post");
        assert_eq!(post.platform, "mastodon");
        assert_eq!(post.text, "Ferry is back on. See you at the pier!");
        assert_eq!(post.handle.as_deref(), Some("ann@mastodon.social"));
    }

    #[test]
    fn an_embed_without_its_text_is_no_post() {
        let post = first_post(
            r#"<blockquote class="mastodon-embed" data-embed-url="https://mastodon.social/@ann/1101/embed"><a href="https://mastodon.social/@ann/1101"><div>Post by @ann@mastodon.social</div><div>View on Mastodon</div></a></blockquote>"#,
        );
        assert_eq!(post, None);
    }

    #[test]
    fn an_ordinary_blockquote_is_no_embed() {
        let page = Html::parse_fragment("<blockquote><p>Words</p></blockquote>");
        let blockquote = Selector::parse("blockquote").expect("selector");
        let element = page.select(&blockquote).next().expect("blockquote");
        assert!(!is_embed(element));
    }
}
