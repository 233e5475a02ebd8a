//! What tags, classes and ids say about an element, for the HTML reader's content finder.
//!
//! Part of `read page`: tables of the words news templates use for article bodies
//! ("article-body", "story") and for boilerplate ("related", "share", "newsletter"), and of
//! the tags that are invisible, structural or inline. Pure lookups, no state.

use scraper::ElementRef;

/// How a tag takes part in the main text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagRole {
    /// Never shown as text (scripts, styles, form controls, media).
    Invisible,
    /// Site furniture whatever its class says (`nav`, `footer`, …).
    Furniture,
    /// Starts and ends a block of text.
    Block,
    /// Flows inside a block.
    Inline,
}

/// The role of a tag, by its lower-case local name.
pub fn tag_role(name: &str) -> TagRole {
    match name {
        "script" | "style" | "noscript" | "template" | "svg" | "math" | "iframe" | "object"
        | "embed" | "canvas" | "video" | "audio" | "select" | "option" | "button" | "textarea"
        | "input" | "head" | "title" | "meta" | "link" | "dialog" | "map" | "source" => {
            TagRole::Invisible
        }
        "nav" | "footer" | "aside" | "menu" => TagRole::Furniture,
        "p" | "div" | "section" | "article" | "main" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
        | "li" | "ul" | "ol" | "dl" | "dt" | "dd" | "blockquote" | "pre" | "table" | "thead"
        | "tbody" | "tfoot" | "tr" | "td" | "th" | "caption" | "header" | "figure"
        | "figcaption" | "form" | "fieldset" | "address" | "details" | "summary" | "center"
        | "hgroup" | "hr" | "body" | "html" | "legend" => TagRole::Block,
        _ => TagRole::Inline,
    }
}

/// Tags whose text is a paragraph-like unit of its own (scored against its parent).
pub fn is_paragraph_tag(name: &str) -> bool {
    matches!(
        name,
        "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "pre" | "blockquote" | "td" | "dd"
    )
}

/// Words that name furniture wherever they appear.
const FURNITURE_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "footer",
    "related",
    "comment",
    "comments",
    "share",
    "sharing",
    "sharebar",
    "social",
    "promo",
    "promos",
    "newsletter",
    "ad",
    "ads",
    "advert",
    "adverts",
    "advertisement",
    "advertising",
    "sponsored",
    "cookie",
    "cookies",
    "consent",
    "subscribe",
    "signup",
    "breadcrumb",
    "breadcrumbs",
    "outbrain",
    "taboola",
    "recommended",
    "recommendations",
    "recirc",
    "trending",
    "popular",
];

/// Boilerplate words that also turn up on page wrappers ("layout-with-sidebar") and give
/// way when the element holds most of the page's text.
const WRAPPER_WORDS: &[&str] = &[
    "menu",
    "sidebar",
    "sponsor",
    "subscription",
    "popup",
    "modal",
    "toolbar",
    "masthead",
    "byline",
    "dateline",
    "tags",
    "keywords",
    "disclaimer",
    "copyright",
    "topics",
    "skip",
    "visuallyhidden",
    "hide",
    "offscreen",
    "sronly",
    "teaser",
    "teasers",
    "pagination",
    "pager",
    "banner",
    "widget",
    "tools",
    "print",
    "email",
    "follow",
    "author",
    "bio",
    "gallery",
    "slideshow",
    "carousel",
    "timestamp",
    "meta",
];

const CONTENT_WORDS: &[&str] = &[
    "article",
    "articlebody",
    "story",
    "storybody",
    "body",
    "content",
    "entry",
    "post",
    "text",
    "main",
    "prose",
    "copy",
    "paragraph",
    "blog",
];

/// The words of an element's class, id, `data-component` and `data-testid`: lower case, split at anything but letters and
/// digits, with camelCase split too ("storyBody" → "story", "body", and "storybody").
pub fn hint_words(element: ElementRef<'_>) -> Vec<String> {
    let value = element.value();
    let mut words = Vec::new();
    let attrs = [
        value.attr("class"),
        value.id(),
        value.attr("data-component"),
        value.attr("data-testid"),
    ];
    for attr in attrs.into_iter().flatten() {
        for raw in attr.split(|c: char| !c.is_ascii_alphanumeric()) {
            push_words(raw, &mut words);
        }
        for whole in attr.split_ascii_whitespace() {
            let joined: String = whole
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase();
            if !joined.is_empty() {
                words.push(joined);
            }
        }
    }
    words
}

fn push_words(raw: &str, words: &mut Vec<String>) {
    if raw.is_empty() {
        return;
    }
    let mut current = String::new();
    let mut previous_lower = false;
    for c in raw.chars() {
        if c.is_ascii_uppercase() && previous_lower && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        current.push(c.to_ascii_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
}

/// How sure a class or id is that an element is site furniture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Furniture {
    No,
    /// A word that also names page wrappers.
    Weak,
    /// A word (or tag) that names furniture only.
    Strong,
}

/// True when the class or id names site furniture rather than article text.
pub fn says_boilerplate(words: &[String]) -> bool {
    words
        .iter()
        .any(|w| FURNITURE_WORDS.contains(&w.as_str()) || WRAPPER_WORDS.contains(&w.as_str()))
}

/// How sure the class or id is that the element is furniture.
pub fn furniture(words: &[String]) -> Furniture {
    if words.iter().any(|w| {
        FURNITURE_WORDS.contains(&w.as_str())
            // A pull quote repeats the article's words: furniture, but not boilerplate text.
            || w == "pullquote"
            || w.starts_with("share")
            || w.starts_with("relatedpost")
    }) {
        Furniture::Strong
    } else if says_boilerplate(words) {
        Furniture::Weak
    } else {
        Furniture::No
    }
}

/// True when the class or id names an article body or content area.
pub fn says_content(words: &[String]) -> bool {
    words.iter().any(|w| CONTENT_WORDS.contains(&w.as_str()))
}

/// A readability-style weight: positive for article-body words, negative for furniture.
pub fn class_weight(words: &[String]) -> i32 {
    let mut weight = 0;
    if says_content(words) {
        weight += 25;
    }
    if says_boilerplate(words) {
        weight -= 25;
    }
    weight
}

/// True for the markers of an article's body: `itemprop=articleBody`, `<article>`, `<main>`.
pub fn marks_article_body(element: ElementRef<'_>) -> bool {
    let value = element.value();
    is_declared_article_body(element) || matches!(value.name(), "article" | "main")
}

/// True for `itemprop=articleBody` (or RDFa `property=articleBody`) and `<main>`.
pub fn is_declared_article_body(element: ElementRef<'_>) -> bool {
    let value = element.value();
    ["itemprop", "property"]
        .iter()
        .filter_map(|attr| value.attr(attr))
        .any(|p| p.eq_ignore_ascii_case("articleBody"))
        || value.name() == "main"
        || value.attr("role").is_some_and(|r| r == "main")
}

/// True for elements a browser does not show.
pub fn is_hidden(element: ElementRef<'_>) -> bool {
    let value = element.value();
    if value.attr("hidden").is_some() {
        return true;
    }
    value.attr("style").is_some_and(|style| {
        if !contains_ignore_case(style, "none") && !contains_ignore_case(style, "hidden") {
            return false;
        }
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        style.contains("display:none") || style.contains("visibility:hidden")
    })
}

/// ASCII case-insensitive substring test, without allocating.
pub fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    let needle = needle.as_bytes();
    !needle.is_empty()
        && haystack
            .as_bytes()
            .windows(needle.len())
            .any(|window| window.eq_ignore_ascii_case(needle))
}

/// True when the class or id might name a caption ("caption", "credit", "legend"): a cheap
/// test before the words are split.
pub fn may_name_caption(element: ElementRef<'_>) -> bool {
    let value = element.value();
    [value.attr("class"), value.id()]
        .into_iter()
        .flatten()
        .any(|attr| {
            ["caption", "credit", "legend"]
                .iter()
                .any(|word| contains_ignore_case(attr, word))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::{Html, Selector};

    fn words_of(html: &str) -> Vec<String> {
        let page = Html::parse_fragment(html);
        let div = Selector::parse("div").expect("selector");
        page.select(&div).next().map(hint_words).unwrap_or_default()
    }

    #[test]
    fn splits_classes_and_camel_case() {
        let words = words_of(r#"<div class="storyBody related-links" id="main_col"></div>"#);
        for w in [
            "story",
            "body",
            "storybody",
            "related",
            "links",
            "main",
            "col",
        ] {
            assert!(words.iter().any(|x| x == w), "{w} in {words:?}");
        }
    }

    #[test]
    fn weighs_content_and_furniture() {
        assert_eq!(class_weight(&words_of(r#"<div class="article-body">"#)), 25);
        assert_eq!(class_weight(&words_of(r#"<div class="share-tools">"#)), -25);
        assert!(says_boilerplate(&words_of(r#"<div id="comments">"#)));
        assert!(!says_boilerplate(&words_of(
            r#"<div class="loading shadow">"#
        )));
    }
}
