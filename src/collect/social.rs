//! What Mastodon and Bluesky posts have in common: a post becomes a [`Document`] whose text
//! is one `Post` block, with the author's display name as speaker and handle as alias, and
//! its image descriptions as captions.
//!
//! `fetch → read page`: pure, JSON already parsed in, documents out.

use crate::document::{BlockKind, Caption, Document, Post};

/// A post in the shape both platforms share.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SocialPost {
    pub platform: &'static str,
    /// The platform URI (its identity): `at://…` or a Mastodon status URI.
    pub uri: String,
    /// The web page of the post.
    pub url: String,
    pub author: Option<String>,
    pub handle: Option<String>,
    pub published: Option<String>,
    pub language: Option<String>,
    /// The post's text, paragraphs separated by single newlines.
    pub text: String,
    /// A content warning, shown before the text.
    pub warning: Option<String>,
    /// Image descriptions (alt texts) with the image URL.
    pub images: Vec<(String, Option<String>)>,
    /// Links to articles in the post.
    pub links: Vec<String>,
    /// The site the post lives on ("Mastodon (social.example)", "Bluesky").
    pub site: String,
}

/// The post as a document.
pub fn post_document(post: &SocialPost) -> Document {
    let mut document = Document {
        url: Some(post.url.clone()),
        canonical_url: Some(post.url.clone()),
        site: Some(post.site.clone()),
        authors: post.author.iter().cloned().collect(),
        published: post.published.clone(),
        language: post.language.clone(),
        ..Document::default()
    };
    if let Some(warning) = post.warning.as_deref().filter(|w| !w.trim().is_empty()) {
        document.push_block(BlockKind::Heading, warning);
    }
    document.posts.push(Post {
        platform: post.platform.to_string(),
        author: post.author.clone(),
        handle: post.handle.clone(),
        url: Some(post.url.clone()),
        published: post.published.clone(),
        text: post.text.trim().to_string(),
    });
    document.push_block(BlockKind::Post(0), &post.text);
    document.captions = post
        .images
        .iter()
        .filter(|(alt, _)| !alt.trim().is_empty())
        .map(|(alt, image)| Caption {
            text: alt.trim().to_string(),
            credit: None,
            image: image.clone(),
        })
        .collect();
    document
}

/// Mastodon's sanitized status HTML as text: paragraphs on their own lines, `<br>` kept as
/// line breaks, the hidden parts of shortened links (`span.invisible`) restored.
pub fn status_text(html: &str) -> String {
    let fragment = scraper::Html::parse_fragment(html);
    let mut text = String::new();
    for node in fragment.root_element().descendants() {
        match node.value() {
            scraper::Node::Text(t) => text.push_str(t),
            scraper::Node::Element(element) if element.name() == "br" => text.push('\n'),
            scraper::Node::Element(element) if element.name() == "p" && !text.is_empty() => {
                text.push('\n')
            }
            _ => {}
        }
    }
    text.lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The article links of a status: anchors that are not mentions or hashtags.
pub fn status_links(html: &str) -> Vec<String> {
    let fragment = scraper::Html::parse_fragment(html);
    let Ok(anchors) = scraper::Selector::parse("a[href]") else {
        return Vec::new();
    };
    fragment
        .select(&anchors)
        .filter(|a| {
            let class = a.value().attr("class").unwrap_or("");
            let rel = a.value().attr("rel").unwrap_or("");
            !class.contains("mention") && !class.contains("hashtag") && !rel.contains("tag")
        })
        .filter_map(|a| a.value().attr("href"))
        .filter(|href| href.starts_with("http://") || href.starts_with("https://"))
        .map(str::to_string)
        .collect()
}

/// Compares two numeric ids written as text (Mastodon's snowflakes outgrow nothing, but
/// compare as numbers all the same).
pub fn newer_id<'a>(a: &'a str, b: &'a str) -> &'a str {
    let key = |s: &str| (s.len(), s.to_string());
    if key(a) >= key(b) { a } else { b }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_html_becomes_lines_with_full_links() {
        let html = "<p>Ferry is back!<br>First crossing 7am.</p><p><a href=\"https://news.example.org/ferry\"><span class=\"invisible\">https://</span><span class=\"ellipsis\">news.example.org/fe</span><span class=\"invisible\">rry</span></a> <a href=\"https://social.example/tags/harbour\" class=\"mention hashtag\" rel=\"tag\">#<span>harbour</span></a></p>";
        assert_eq!(
            status_text(html),
            "Ferry is back!\nFirst crossing 7am.\nhttps://news.example.org/ferry #harbour"
        );
        assert_eq!(status_links(html), ["https://news.example.org/ferry"]);
    }

    #[test]
    fn a_post_document_has_one_post_block_and_alt_captions() {
        let post = SocialPost {
            platform: "bluesky",
            uri: "at://did:plc:x/app.bsky.feed.post/1".into(),
            url: "https://bsky.app/profile/did:plc:x/post/1".into(),
            author: Some("Ines Varga".into()),
            handle: Some("ines.example".into()),
            text: "Back on the water.".into(),
            images: vec![
                ("A ferry leaving the quay".into(), None),
                (" ".into(), None),
            ],
            site: "Bluesky".into(),
            ..SocialPost::default()
        };
        let document = post_document(&post);
        assert_eq!(document.blocks.len(), 1);
        assert_eq!(document.blocks[0].kind, BlockKind::Post(0));
        assert_eq!(document.posts[0].handle.as_deref(), Some("ines.example"));
        assert_eq!(document.captions.len(), 1);
    }

    #[test]
    fn ids_compare_as_numbers() {
        assert_eq!(newer_id("99", "100"), "100");
        assert_eq!(
            newer_id("110000000000000004", "110000000000000003"),
            "110000000000000004"
        );
    }
}
