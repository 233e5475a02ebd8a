//! A page's metadata: title, authors, dates, canonical URL, site name and language.
//!
//! Part of `read page`. Sources in order of trust: JSON-LD (schema.org `NewsArticle`,
//! `Article` and kin, also inside `@graph` and arrays), OpenGraph and Twitter meta tags,
//! plain `<meta name=…>` tags, `<time datetime>`, and byline elements. Dates are normalised
//! by [`super::dates`]; the title loses the site's " | Site" suffix.

use super::dates;
use super::flatten::collapse_whitespace;
use crate::read::language;
use crate::read::lines;
use scraper::{ElementRef, Html, Selector};
use serde_json::{Map, Value};
use std::sync::LazyLock;

/// What the page says about itself.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Metadata {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<String>,
    pub modified: Option<String>,
    pub canonical_url: Option<String>,
    pub site: Option<String>,
    pub language: Option<String>,
    /// The article's text as JSON-LD `articleBody` gives it (pages that render their
    /// body with scripts often ship it there).
    pub article_body: Option<String>,
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("selector compiles")
}

static JSON_LD: LazyLock<Selector> =
    LazyLock::new(|| selector(r#"script[type="application/ld+json"]"#));
static META: LazyLock<Selector> = LazyLock::new(|| selector("meta[content]"));
static CANONICAL: LazyLock<Selector> = LazyLock::new(|| selector(r#"link[rel~="canonical"]"#));
static TITLE: LazyLock<Selector> = LazyLock::new(|| selector("title"));
static H1: LazyLock<Selector> = LazyLock::new(|| selector("h1"));
static TIME: LazyLock<Selector> = LazyLock::new(|| selector("time[datetime]"));
static BYLINE: LazyLock<Selector> = LazyLock::new(|| {
    selector(
        r#"[rel="author"], [itemprop="author"], [class*="byline"], [class*="author-name"], [class*="author__name"]"#,
    )
});

const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "Report",
    "SocialMediaPosting",
];

/// Meta tags that give the publication time, most trusted first.
const PUBLISHED_TAGS: &[&str] = &[
    "article:published_time",
    "datepublished",
    "og:article:published_time",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
];

/// Meta tags that give the last modification time.
const MODIFIED_TAGS: &[&str] = &[
    "article:modified_time",
    "datemodified",
    "og:updated_time",
    "last-modified",
    "dcterms.modified",
    "article.updated",
];

/// The sources of metadata on one page.
struct Sources<'p> {
    page: &'p Html,
    url: Option<&'p str>,
    meta: MetaTags,
    ld: Option<Map<String, Value>>,
}

impl Sources<'_> {
    fn ld_str(&self, key: &str) -> Option<String> {
        self.ld.as_ref().and_then(|a| string_field(a, key))
    }

    fn site(&self) -> Option<String> {
        self.ld
            .as_ref()
            .and_then(|a| a.get("publisher"))
            .and_then(name_of)
            .or_else(|| {
                self.meta
                    .get(&["og:site_name", "application-name", "twitter:site"])
            })
            .filter(|s| !s.starts_with('@'))
            .or_else(|| self.url.and_then(host_of))
    }

    fn title(&self, site: Option<&str>) -> Option<String> {
        self.ld_str("headline")
            .or_else(|| {
                self.meta
                    .get(&["og:title", "twitter:title", "title", "dc.title"])
            })
            .map(|t| strip_suffixes(&t, site, false))
            .or_else(|| first_text(self.page, &TITLE).map(|t| strip_site_suffix(&t, site)))
            .or_else(|| first_text(self.page, &H1))
            .filter(|t| !t.is_empty())
    }

    fn authors(&self) -> Vec<String> {
        self.ld
            .as_ref()
            .map(|a| authors_of(a.get("author")))
            .filter(|a| !a.is_empty())
            .or_else(|| meta_authors(&self.meta))
            .unwrap_or_else(|| byline_authors(self.page))
    }

    fn published(&self) -> Option<String> {
        self.ld_str("datePublished")
            .or_else(|| self.meta.get(PUBLISHED_TAGS))
            .or_else(|| first_time(self.page))
            .and_then(|d| dates::normalize(&d))
    }

    fn modified(&self) -> Option<String> {
        self.ld_str("dateModified")
            .or_else(|| self.meta.get(MODIFIED_TAGS))
            .and_then(|d| dates::normalize(&d))
    }

    fn canonical_url(&self) -> Option<String> {
        canonical(self.page, self.url)
            .or_else(|| self.meta.get(&["og:url"]))
            .or_else(|| self.url.map(str::to_string))
    }

    /// `articleBody`, its paragraphs kept apart (unlike [`string_field`], which collapses
    /// all white space).
    fn article_body(&self) -> Option<String> {
        match self.ld.as_ref()?.get("articleBody")? {
            Value::String(body) if !body.trim().is_empty() => Some(body.clone()),
            _ => None,
        }
    }

    fn language(&self) -> Option<String> {
        self.page
            .root_element()
            .value()
            .attr("lang")
            .and_then(language::normalize_tag)
            .or_else(|| {
                self.meta
                    .get(&["content-language", "language", "dc.language", "og:locale"])
                    .and_then(|l| language::normalize_tag(&l))
            })
            .or_else(|| {
                self.ld_str("inLanguage")
                    .and_then(|l| language::normalize_tag(&l))
            })
    }
}

/// Reads the metadata of a parsed page fetched from `url`.
pub fn read_metadata(page: &Html, url: Option<&str>) -> Metadata {
    let sources = Sources {
        page,
        url,
        meta: MetaTags::collect(page),
        ld: json_ld_article(page),
    };
    let site = sources.site();
    Metadata {
        title: sources.title(site.as_deref()),
        authors: sources.authors(),
        published: sources.published(),
        modified: sources.modified(),
        canonical_url: sources.canonical_url(),
        site,
        language: sources.language(),
        article_body: sources.article_body(),
    }
}

/// The page's `<meta>` tags by lower-cased name, property, itemprop or http-equiv.
struct MetaTags(Vec<(String, String)>);

impl MetaTags {
    fn collect(page: &Html) -> MetaTags {
        let mut tags = Vec::new();
        for element in page.select(&META) {
            let value = element.value();
            let Some(content) = value.attr("content") else {
                continue;
            };
            let content = collapse_whitespace(&decode_entities(content));
            if content.is_empty() {
                continue;
            }
            for key in ["name", "property", "itemprop", "http-equiv"] {
                if let Some(name) = value.attr(key) {
                    tags.push((name.trim().to_ascii_lowercase(), content.clone()));
                }
            }
        }
        MetaTags(tags)
    }

    /// The first value among `names`, in the order of `names`.
    fn get(&self, names: &[&str]) -> Option<String> {
        names.iter().find_map(|name| {
            self.0
                .iter()
                .find(|(key, _)| key == name)
                .map(|(_, v)| v.clone())
        })
    }

    fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(key, _)| key == name)
            .map(|(_, v)| v.clone())
            .collect()
    }
}

/// Attribute values are already decoded by the parser; this only handles pages that
/// double-encode (`&amp;amp;`, `&amp;#8217;`).
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    text.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&#8217;", "’")
        .replace("&#8216;", "‘")
        .replace("&#8220;", "“")
        .replace("&#8221;", "”")
}

fn meta_authors(meta: &MetaTags) -> Option<Vec<String>> {
    let mut authors: Vec<String> = meta
        .all("author")
        .into_iter()
        .chain(meta.all("article:author"))
        .chain(meta.all("sailthru.author"))
        .chain(meta.all("parsely-author"))
        .chain(meta.all("dc.creator"))
        .filter(|a| !a.starts_with("http") && !a.starts_with('@'))
        .flat_map(|a| split_names(&a))
        .collect();
    dedup(&mut authors);
    (!authors.is_empty()).then_some(authors)
}

fn byline_authors(page: &Html) -> Vec<String> {
    let Some(element) = page.select(&BYLINE).next() else {
        return Vec::new();
    };
    let text = collapse_whitespace(&element.text().collect::<String>());
    if text.chars().count() > 120 {
        return Vec::new();
    }
    split_names(&text)
}

/// "By Jane Doe and John Smith" → ["Jane Doe", "John Smith"].
fn split_names(text: &str) -> Vec<String> {
    let text = text.trim();
    let text = text
        .strip_prefix("By ")
        .or_else(|| text.strip_prefix("by "))
        .or_else(|| text.strip_prefix("BY "))
        .or_else(|| text.strip_prefix("Von "))
        .or_else(|| text.strip_prefix("Par "))
        .unwrap_or(text);
    let parts: Vec<&str> = text.split([',', '|', ';']).collect();
    // "Org GmbH, Munich, Germany": one-word parts after commas are places, not people.
    let places = parts.len() > 1
        && parts
            .iter()
            .skip(1)
            .all(|p| p.split_whitespace().count() == 1);
    let parts = if places { vec![text] } else { parts };
    let mut names: Vec<String> = parts
        .into_iter()
        .flat_map(|part| part.split(" and "))
        .flat_map(|part| part.split(" & "))
        .map(|name| name.trim().trim_start_matches("and "))
        .map(without_trailing_date)
        .filter(|name| looks_like_name(name))
        .collect();
    dedup(&mut names);
    names
}

/// "Jane Doe March 11" → "Jane Doe": bylines often run into the date.
fn without_trailing_date(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let keep = words
        .iter()
        .position(|w| lines::is_date_word(w.trim_matches(|c: char| !c.is_alphanumeric())))
        .filter(|&at| at >= 2)
        .unwrap_or(words.len());
    words.get(..keep).unwrap_or(&[]).join(" ")
}

fn looks_like_name(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (1..=5).contains(&words)
        && text.chars().next().is_some_and(char::is_uppercase)
        && !text.contains(['@', '/', ':'])
}

fn dedup(names: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    names.retain(|n| seen.insert(n.to_lowercase()));
}

fn first_text(page: &Html, selector: &Selector) -> Option<String> {
    page.select(selector)
        .map(|e| collapse_whitespace(&e.text().collect::<String>()))
        .find(|t| !t.is_empty())
}

fn first_time(page: &Html) -> Option<String> {
    page.select(&TIME)
        .find_map(|e: ElementRef<'_>| e.value().attr("datetime"))
        .map(str::to_string)
}

fn canonical(page: &Html, url: Option<&str>) -> Option<String> {
    let href = page
        .select(&CANONICAL)
        .find_map(|e| e.value().attr("href"))?
        .trim();
    if href.starts_with("http://") || href.starts_with("https://") {
        return Some(href.to_string());
    }
    let base = url?;
    let origin = origin_of(base)?;
    if let Some(rest) = href.strip_prefix("//") {
        let scheme = base.split_once("://")?.0;
        return Some(format!("{scheme}://{rest}"));
    }
    href.starts_with('/').then(|| format!("{origin}{href}"))
}

/// "https://www.example.com/a/b" → "https://www.example.com".
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    Some(format!("{scheme}://{host}"))
}

/// "https://www.example.com/a" → "example.com".
fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_string())
}

/// "Headline | Site", "Headline - Site News" → "Headline", when the tail is the site's
/// name, a date, or a short name-like tail after a longer headline (as `<title>`s have).
pub fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    strip_suffixes(title, site, true)
}

/// Strips up to three site suffixes. Headlines from JSON-LD and meta tags lose only a
/// tail that names the site, a date, or a short tail after " | " ("Biden meets Xi - What
/// we know" keeps its tail); `<title>`s also lose any short name-like tail (`loose`).
fn strip_suffixes(title: &str, site: Option<&str>, loose: bool) -> String {
    let mut title = collapse_whitespace(title);
    for _ in 0..3 {
        match strip_one_suffix(&title, site, loose) {
            Some(shorter) => title = shorter,
            None => break,
        }
    }
    title
}

fn strip_one_suffix(title: &str, site: Option<&str>, loose: bool) -> Option<String> {
    for separator in [" | ", " - ", " – ", " — ", " :: ", " · "] {
        let Some((head, tail)) = title.rsplit_once(separator) else {
            continue;
        };
        if is_date_like(tail) && !head.trim().is_empty() {
            return Some(head.trim().to_string());
        }
        let tail_lower = tail.trim().to_lowercase();
        let names_site = site.is_some_and(|s| {
            let s = s.to_lowercase();
            tail_lower == s || tail_lower.contains(&s) || s.contains(&tail_lower)
        });
        let short_tail = tail.split_whitespace().count() <= 4
            && head.split_whitespace().count() >= 4
            && tail.chars().next().is_some_and(|c| !c.is_lowercase());
        if names_site || (short_tail && (loose || separator == " | ")) {
            return Some(head.trim().to_string());
        }
    }
    None
}

/// "19.01.2020", "2020-01-19": digits and date punctuation only.
fn is_date_like(text: &str) -> bool {
    let text = text.trim();
    text.chars().filter(char::is_ascii_digit).count() >= 4
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '/' | ' '))
}

/// The first schema.org article object among the page's JSON-LD scripts.
fn json_ld_article(page: &Html) -> Option<Map<String, Value>> {
    page.select(&JSON_LD).find_map(|script| {
        let raw: String = script.text().collect();
        let value = parse_lenient(&raw)?;
        find_article(&value).cloned()
    })
}

/// Parses JSON-LD, forgiving HTML comment and CDATA wrappers and a trailing semicolon.
fn parse_lenient(raw: &str) -> Option<Value> {
    let trimmed = raw
        .trim()
        .trim_start_matches("<!--")
        .trim_end_matches("-->")
        .trim()
        .trim_start_matches("//<![CDATA[")
        .trim_end_matches("//]]>")
        .trim()
        .trim_end_matches(';');
    serde_json::from_str(trimmed).ok()
}

/// Searches arrays and `@graph`s (iteratively, to a bounded depth) for an article object.
fn find_article(value: &Value) -> Option<&Map<String, Value>> {
    let mut stack = vec![(value, 0usize)];
    while let Some((value, depth)) = stack.pop() {
        if depth > 8 {
            continue;
        }
        match value {
            Value::Array(items) => stack.extend(items.iter().rev().map(|v| (v, depth + 1))),
            Value::Object(map) => {
                if is_article(map) {
                    return Some(map);
                }
                if let Some(graph) = map.get("@graph") {
                    stack.push((graph, depth + 1));
                }
                if let Some(main) = map.get("mainEntity") {
                    stack.push((main, depth + 1));
                }
            }
            _ => {}
        }
    }
    None
}

fn is_article(map: &Map<String, Value>) -> bool {
    let is_type = |v: &Value| v.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t));
    match map.get("@type") {
        Some(Value::Array(types)) => types.iter().any(is_type),
        Some(value) => is_type(value),
        None => false,
    }
}

fn string_field(map: &Map<String, Value>, key: &str) -> Option<String> {
    match map.get(key)? {
        Value::String(s) => Some(collapse_whitespace(&decode_entities(s))),
        Value::Array(items) => items
            .iter()
            .find_map(|v| v.as_str())
            .map(collapse_whitespace),
        _ => None,
    }
    .filter(|s| !s.is_empty())
}

/// A name: a string, or an object's `name`.
fn name_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(collapse_whitespace(s)),
        Value::Object(map) => string_field(map, "name"),
        Value::Array(items) => items.iter().find_map(name_of),
        _ => None,
    }
    .filter(|s| !s.is_empty())
}

fn authors_of(value: Option<&Value>) -> Vec<String> {
    let mut names: Vec<String> = match value {
        Some(Value::Array(items)) => items.iter().filter_map(name_of).collect(),
        Some(other) => name_of(other).into_iter().collect(),
        None => Vec::new(),
    }
    .into_iter()
    .filter(|name| looks_like_name(name))
    .collect();
    dedup(&mut names);
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_of(html: &str) -> Metadata {
        read_metadata(
            &Html::parse_document(html),
            Some("https://www.example.com/news/1"),
        )
    }

    #[test]
    fn json_ld_in_a_graph_wins() {
        let metadata = meta_of(
            r#"<html lang="en-gb"><head><title>Other | Example News</title>
            <meta property="og:title" content="OG title">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},{"@type":["NewsArticle"],"headline":"Storm hits coast","author":[{"@type":"Person","name":"Jane Doe"},{"name":"John Smith"}],"datePublished":"2024-03-01T08:00:00+01:00","dateModified":"2024-03-01T09:30:00Z","publisher":{"name":"Example News"}}]}</script>
            </head><body></body></html>"#,
        );
        assert_eq!(metadata.title.as_deref(), Some("Storm hits coast"));
        assert_eq!(metadata.authors, ["Jane Doe", "John Smith"]);
        assert_eq!(metadata.published.as_deref(), Some("2024-03-01T07:00:00Z"));
        assert_eq!(metadata.modified.as_deref(), Some("2024-03-01T09:30:00Z"));
        assert_eq!(metadata.site.as_deref(), Some("Example News"));
        assert_eq!(metadata.language.as_deref(), Some("en-GB"));
    }

    #[test]
    fn meta_tags_and_title_suffix() {
        let metadata = meta_of(
            r#"<head><title>Storm hits the coast overnight - Example News</title>
            <meta property="og:site_name" content="Example News">
            <meta name="author" content="By Jane Doe and John Smith">
            <meta property="article:published_time" content="2024-03-01T08:00:00Z">
            <link rel="canonical" href="/news/storm"></head><body></body>"#,
        );
        assert_eq!(
            metadata.title.as_deref(),
            Some("Storm hits the coast overnight")
        );
        assert_eq!(
            strip_site_suffix("Storm hits the coast | News | 19.01.2020", Some("News")),
            "Storm hits the coast"
        );
        assert_eq!(
            strip_suffixes("Mayor meets minister - What we know", Some("News"), false),
            "Mayor meets minister - What we know"
        );
        assert_eq!(metadata.authors, ["Jane Doe", "John Smith"]);
        assert_eq!(metadata.published.as_deref(), Some("2024-03-01T08:00:00Z"));
        assert_eq!(
            metadata.canonical_url.as_deref(),
            Some("https://www.example.com/news/storm")
        );
    }

    #[test]
    fn byline_and_time_element_as_last_resort() {
        let metadata = meta_of(
            r#"<body><p class="byline">By Ann Lee</p><time datetime="2024-03-01">1 March</time></body>"#,
        );
        assert_eq!(metadata.authors, ["Ann Lee"]);
        assert_eq!(metadata.published.as_deref(), Some("2024-03-01"));
        assert_eq!(metadata.site.as_deref(), Some("example.com"));
        assert_eq!(
            metadata.canonical_url.as_deref(),
            Some("https://www.example.com/news/1")
        );
    }
}
