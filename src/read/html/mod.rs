//! The HTML reader: a news page's main text, metadata, captions and embedded posts.
//!
//! Part of `read page` (`fetch → read page → extract quotes`). The page is parsed once
//! (html5ever, via scraper), flattened into text segments by one iterative walk
//! ([`flatten`]), and the article's segments are chosen among navigation, teasers, ads and
//! comments ([`content`]). Metadata comes from JSON-LD and meta tags ([`meta`]), captions
//! from figures and caption classes ([`captions`]), posts from embed codes ([`embeds`]).
//! Pure and deterministic; every tree walk is iterative, so deep nesting cannot overflow.

mod captions;
mod content;
pub(crate) mod dates;
mod embeds;
mod flatten;
mod hints;
mod meta;
mod walk;

pub use meta::strip_site_suffix;

use crate::document::{BlockKind, Caption, Document};
use crate::read::lines;
use flatten::{Flat, Piece};
use scraper::{ElementRef, Html};
use std::collections::{HashMap, HashSet};

/// Reads an HTML page into a document.
pub fn read_html(html: &str, url: Option<&str>) -> Document {
    let page = Html::parse_document(html);
    let metadata = meta::read_metadata(&page, url);
    let flat = flatten::flatten(&page);
    let selection = content::select(&flat);
    let mut doc = Document {
        url: url.map(str::to_string),
        canonical_url: metadata.canonical_url,
        title: metadata.title,
        site: metadata.site,
        authors: metadata.authors,
        published: metadata.published,
        modified: metadata.modified,
        language: metadata.language.clone(),
        ..Document::default()
    };
    push_main_text(&mut doc, &flat, &selection.segments);
    if let Some(body) = metadata.article_body.as_deref() {
        fall_back_to_article_body(&mut doc, body);
    }
    doc.captions = collect_captions(&flat, &selection);
    if doc.title.is_none() {
        doc.title = doc
            .blocks
            .iter()
            .find(|b| b.kind == BlockKind::Heading)
            .map(|b| doc.block_text(b).to_string());
    }
    doc.language = super::language::choose(doc.language.take(), &doc.text);
    doc
}

/// Appends the chosen segments as blocks; embeds become posts and `Post` blocks. A heading
/// that repeats the title is left out (the title is metadata, not text to quote).
fn push_main_text(doc: &mut Document, flat: &Flat<'_>, segments: &[usize]) {
    let pieces: Vec<&Piece<'_>> = segments
        .iter()
        .filter_map(|&i| flat.segments.get(i).map(|s| &s.piece))
        .collect();
    let mut filter = TextFilter {
        title_key: doc.title.as_deref().map(comparable),
        counts: text_counts(&pieces),
        seen: HashSet::new(),
    };
    for piece in pieces {
        match piece {
            Piece::Text { kind, text, .. } => {
                if filter.keeps(*kind, text) {
                    doc.push_block(*kind, text);
                }
            }
            Piece::Embed(element) => push_post(doc, *element),
            Piece::Image(_) | Piece::Caption(_) => {}
        }
    }
}

/// A page whose body scripts render shows next to no text; when its JSON-LD
/// `articleBody` holds much more, that text (paragraph per line) is the article.
fn fall_back_to_article_body(doc: &mut Document, body: &str) {
    const SHORT_TEXT: usize = 500;
    const MIN_BODY: usize = 200;
    if doc.text.len() >= SHORT_TEXT || body.len() < (doc.text.len() * 2).max(MIN_BODY) {
        return;
    }
    doc.text.clear();
    doc.blocks.clear();
    doc.posts.clear();
    for paragraph in body.lines() {
        doc.push_block(
            BlockKind::Paragraph,
            &flatten::collapse_whitespace(paragraph),
        );
    }
}

/// An embedded post as a post of the document and a `Post` block of its text.
fn push_post(doc: &mut Document, element: ElementRef<'_>) {
    if let Some(post) = embeds::read_post(element) {
        let before = doc.blocks.len();
        doc.push_block(BlockKind::Post(doc.posts.len()), &post.text);
        if doc.blocks.len() > before {
            doc.posts.push(post);
        }
    }
}

/// Decides, block by block, what of the chosen text stays: not the title again, not a
/// template line repeated three times, not a long paragraph printed twice, no furniture.
struct TextFilter {
    title_key: Option<String>,
    counts: HashMap<String, usize>,
    seen: HashSet<String>,
}

impl TextFilter {
    fn keeps(&mut self, kind: BlockKind, text: &str) -> bool {
        let key = comparable(text);
        let is_title = kind == BlockKind::Heading
            && self
                .title_key
                .as_deref()
                .is_some_and(|title| repeats_title(&key, title));
        let quotes = text.contains(['"', '“', '”', '«', '»', '„']);
        let template_line =
            !quotes && text.len() < 120 && self.counts.get(&key).copied().unwrap_or(0) >= 3;
        // A long paragraph printed twice is a pull quote or a teaser; short lines
        // ("“Yes,” he said.") may well repeat in an interview.
        let repeated = text.len() >= 60 && !self.seen.insert(key);
        !is_title && !template_line && !repeated && !lines::is_boilerplate_line(text)
    }
}

/// A heading that is the title, perhaps with a kicker before it ("Rail Storm hits coast").
fn repeats_title(heading: &str, title: &str) -> bool {
    !title.is_empty() && heading.ends_with(title) && heading.len() <= title.len() + 40
}

/// How often each text (compared loosely) occurs among the pieces: a short line that
/// comes three times is template furniture (gallery titles, "Advertisement").
fn text_counts(pieces: &[&Piece<'_>]) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for piece in pieces {
        if let Piece::Text { text, .. } = piece {
            *counts.entry(comparable(text)).or_insert(0) += 1;
        }
    }
    counts
}

fn comparable(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Captions of the caption elements, then descriptive alt texts of the article's images;
/// a lone credit joins the caption before it; repeats are dropped.
fn collect_captions(flat: &Flat<'_>, selection: &content::Selection) -> Vec<Caption> {
    let mut captions: Vec<Caption> = Vec::new();
    let caption_elements: Vec<ElementRef<'_>> = selection
        .captions
        .iter()
        .filter_map(|&i| flat.elements.get(i).map(|info| info.element))
        .collect();
    let read = caption_elements
        .iter()
        .filter_map(|element| captions::read_caption_attributes(*element));
    let alts =
        selection
            .images
            .iter()
            .filter_map(|&i| match flat.segments.get(i).map(|s| &s.piece) {
                Some(Piece::Image(img)) => captions::read_image(*img),
                _ => None,
            });
    let attributed = selection.caption_segments.iter().filter_map(|&i| {
        match flat.segments.get(i).map(|s| &s.piece) {
            Some(Piece::Caption(element)) if !caption_elements.contains(element) => {
                captions::read_caption_attributes(*element)
            }
            _ => None,
        }
    });
    for caption in read.chain(attributed).chain(alts) {
        add_caption(&mut captions, caption);
    }
    captions
}

fn add_caption(captions: &mut Vec<Caption>, mut caption: Caption) {
    if lines::is_boilerplate_line(&caption.text) {
        caption.text.clear();
    }
    if caption.text.is_empty() {
        if let Some(last) = captions.last_mut()
            && last.credit.is_none()
        {
            last.credit = caption.credit;
        }
        return;
    }
    let key = comparable(&caption.text);
    if let Some(same) = captions.iter_mut().find(|c| comparable(&c.text) == key) {
        if same.credit.is_none() {
            same.credit = caption.credit;
        }
        return;
    }
    captions.push(caption);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_script_rendered_page_falls_back_to_json_ld_article_body() {
        let doc = read_html(
            r#"<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"Pier to reopen","articleBody":"The pier will reopen in May, the council said on Monday after a two-year repair.\n“We kept our promise,” said the mayor, Jo Reyes, at the gates.\nTraders welcomed the news but asked for longer opening hours in the summer season."}</script></head>
            <body><div id="app"><p>Loading…</p></div></body></html>"#,
            None,
        );
        assert_eq!(doc.blocks.len(), 3, "{}", doc.text);
        assert!(doc.text.contains("“We kept our promise,” said the mayor"));
    }

    #[test]
    fn a_tweet_inside_a_figure_is_a_post_not_a_caption() {
        let doc = read_html(
            r#"<body><div class="story-body"><p>The mayor answered critics online on Monday, in a post that was widely shared.</p>
            <figure class="embed"><blockquote class="twitter-tweet"><p>We will rebuild the pier, and we will do it this year.</p>&mdash; Jo Mayor (@jomayor) <a href="https://twitter.com/jomayor/status/1">March 4, 2024</a></blockquote></figure>
            <p>Opposition councillors said the promise could not be kept, given the state of the budget.</p></div></body>"#,
            None,
        );
        assert_eq!(doc.posts.len(), 1, "{}", doc.text);
        assert_eq!(doc.posts[0].handle.as_deref(), Some("@jomayor"));
        assert!(doc.captions.is_empty(), "{:?}", doc.captions);
        assert!(doc.blocks.iter().any(|b| b.kind == BlockKind::Post(0)));
    }

    #[test]
    fn figure_captions_leave_the_text() {
        let page = r#"<html><body><div class="story-body"><p>First paragraph of the story, long enough to count, with a comma.</p>
            <figure class="media-landscape has-caption"><img src="a.jpg" alt="Protesters outside the court in the rain">
            <figcaption class="media-caption"><span class="media-caption__text">The mayor said "we will rebuild" at the site</span></figcaption></figure>
            <p>Second paragraph of the story, also long enough to count, with a comma.</p></div></body></html>"#;
        let doc = read_html(page, None);
        assert_eq!(doc.blocks.len(), 2, "{}", doc.text);
        assert!(!doc.text.contains("rebuild"));
        assert_eq!(doc.captions.len(), 1, "{:?}", doc.captions);
        assert_eq!(
            doc.captions[0].text,
            "The mayor said \"we will rebuild\" at the site"
        );
    }
}
