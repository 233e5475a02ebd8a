//! Sitemap sources, for sites without feeds: sitemaps, sitemap indexes, gzipped `.xml.gz`
//! sitemaps, and Google News sitemaps (whose `news:title` and `news:publication_date` stand in
//! for a feed item's).
//!
//! `sources → fetch → read page`: an index is followed one level down (two at most), the
//! listed pages newest first, as many as a run allows; pages already collected are skipped.
//! Parsing is a few linear regular expressions over the XML.

use super::error::CollectError;
use super::feed::FeedItem;
use super::fetch::{Request, Response};
use super::opml::unescape;
use super::run::{CheckResult, Checked, Collector, ItemOutcome, ItemTally, PageJob, SourceFailure};
use super::run::{conditional_request, validators};
use super::urls::url_key;
use crate::store::Source;
use regex::Regex;
use std::io::Read;
use std::sync::LazyLock;

static SITEMAP_ENTRY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)<sitemap\b[^>]*>(.*?)</sitemap>").expect("a constant regex")
});
static URL_ENTRY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?is)<url\b[^>]*>(.*?)</url>").expect("a constant regex"));

/// Child sitemaps read from one index, at most.
const MAX_CHILD_SITEMAPS: usize = 50;

/// One listed page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SitemapUrl {
    pub loc: String,
    /// `news:publication_date`, else `lastmod`.
    pub date: Option<String>,
    pub title: Option<String>,
}

/// What a sitemap file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sitemap {
    Index(Vec<String>),
    Urls(Vec<SitemapUrl>),
}

/// Parses a sitemap or a sitemap index.
pub fn parse_sitemap(xml: &str) -> Sitemap {
    if xml.contains("<sitemapindex") {
        return Sitemap::Index(
            SITEMAP_ENTRY
                .captures_iter(xml)
                .filter_map(|entry| element(entry.get(1)?.as_str(), "loc"))
                .collect(),
        );
    }
    Sitemap::Urls(
        URL_ENTRY
            .captures_iter(xml)
            .filter_map(|entry| {
                let body = entry.get(1)?.as_str();
                Some(SitemapUrl {
                    loc: element(body, "loc")?,
                    date: element(body, "news:publication_date")
                        .or_else(|| element(body, "lastmod")),
                    title: element(body, "news:title"),
                })
            })
            .collect(),
    )
}

/// The text of the first `<name>…</name>` in `xml`, unescaped, CDATA unwrapped.
fn element(xml: &str, name: &str) -> Option<String> {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    let start = xml.find(&open)? + open.len();
    let end = start + xml.get(start..)?.find(&close)?;
    let raw = xml.get(start..end)?.trim();
    let raw = raw
        .strip_prefix("<![CDATA[")
        .and_then(|r| r.strip_suffix("]]>"))
        .unwrap_or(raw);
    Some(unescape(raw.trim())).filter(|t| !t.is_empty())
}

/// Gunzips `.xml.gz` bodies (by their magic bytes), stopping at the cap.
pub fn maybe_gunzip(body: Vec<u8>, limit: usize) -> Result<Vec<u8>, String> {
    if !body.starts_with(&[0x1f, 0x8b]) {
        return Ok(body);
    }
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(body.as_slice())
        .take(limit as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|err| format!("not a readable .gz file: {err}"))?;
    if out.len() > limit {
        return Err(format!(
            "the sitemap is larger than the {} MB limit once unpacked",
            limit.div_ceil(1024 * 1024)
        ));
    }
    Ok(out)
}

/// Checks a sitemap source: the pages it lists that are new are collected.
pub async fn check(collector: &Collector<'_>, source: &Source) -> CheckResult {
    let mut fetched = match collector
        .fetcher
        .fetch(&conditional_request(source))
        .await?
    {
        Response::NotModified => return Ok(Checked::default()),
        Response::Fetched(fetched) => fetched,
    };
    let limit = collector.fetcher.config().body_limit_bytes;
    let xml = decode(
        maybe_gunzip(std::mem::take(&mut fetched.body), limit)
            .map_err(|reason| CollectError::unreadable(&source.target, reason))?,
    );
    let mut urls = Vec::new();
    let mut tally = ItemTally::default();
    match parse_sitemap(&xml) {
        Sitemap::Urls(found) => urls = found,
        Sitemap::Index(children) => {
            for child in children.into_iter().take(MAX_CHILD_SITEMAPS) {
                match child_urls(collector, source, &child, 1).await {
                    Ok(found) => urls.extend(found),
                    Err(CollectError::Store(err)) => return Err(err.into()),
                    Err(err) => tally.add(ItemOutcome::Failed(SourceFailure {
                        kind: err.fetch_kind(),
                        message: err.to_string(),
                    })),
                }
            }
        }
    }
    urls.sort_by(|a, b| b.date.cmp(&a.date));
    let jobs: Vec<PageJob> = urls
        .into_iter()
        .take(collector.settings.max_items_per_source.max(1))
        .map(|entry| PageJob {
            keys: vec![url_key(&entry.loc)],
            url: entry.loc,
            item: Some(FeedItem {
                title: entry.title,
                published: entry.date,
                ..FeedItem::default()
            }),
        })
        .collect();
    tally.merge(collector.collect_pages(source, jobs).await?);
    Ok(Checked {
        state: validators(&fetched, &tally),
        items: tally,
        disabled: None,
    })
}

/// The pages listed by a child sitemap (an index inside an index is followed once more).
async fn child_urls(
    collector: &Collector<'_>,
    source: &Source,
    url: &str,
    depth: usize,
) -> Result<Vec<SitemapUrl>, CollectError> {
    let request = Request {
        url,
        allow_private: source.allow_private,
        ..Request::default()
    };
    let body = match collector.fetcher.fetch(&request).await? {
        Response::Fetched(fetched) => fetched.body,
        Response::NotModified => return Ok(Vec::new()),
    };
    let limit = collector.fetcher.config().body_limit_bytes;
    let xml =
        decode(maybe_gunzip(body, limit).map_err(|reason| CollectError::unreadable(url, reason))?);
    match parse_sitemap(&xml) {
        Sitemap::Urls(found) => Ok(found),
        Sitemap::Index(children) if depth < 2 => {
            let mut found = Vec::new();
            for child in children.into_iter().take(MAX_CHILD_SITEMAPS) {
                found.extend(Box::pin(child_urls(collector, source, &child, depth + 1)).await?);
            }
            Ok(found)
        }
        Sitemap::Index(_) => Ok(Vec::new()),
    }
}

fn decode(bytes: Vec<u8>) -> String {
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => String::from_utf8_lossy(err.as_bytes()).into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn urls_with_dates_and_news_titles() {
        let xml = r#"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://a.example/1?x=1&amp;y=2</loc><lastmod>2026-05-01</lastmod></url>
<url><loc> https://a.example/2 </loc><news:news><news:publication_date>2026-05-02T08:00:00Z</news:publication_date>
<news:title><![CDATA[Ferry & pier]]></news:title></news:news></url>
<url><lastmod>2026-05-03</lastmod></url></urlset>"#;
        let Sitemap::Urls(urls) = parse_sitemap(xml) else {
            panic!("a urlset");
        };
        assert_eq!(urls.len(), 2);
        assert_eq!(urls[0].loc, "https://a.example/1?x=1&y=2");
        assert_eq!(urls[1].date.as_deref(), Some("2026-05-02T08:00:00Z"));
        assert_eq!(urls[1].title.as_deref(), Some("Ferry & pier"));
    }

    #[test]
    fn an_index_lists_its_sitemaps() {
        let xml = "<sitemapindex><sitemap><loc>https://a.example/s1.xml.gz</loc></sitemap><sitemap><loc>https://a.example/s2.xml</loc></sitemap></sitemapindex>";
        assert_eq!(
            parse_sitemap(xml),
            Sitemap::Index(vec![
                "https://a.example/s1.xml.gz".into(),
                "https://a.example/s2.xml".into()
            ])
        );
    }

    #[test]
    fn gzip_is_unpacked_up_to_the_cap() {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(&vec![b'x'; 4096]).expect("writes");
        let packed = encoder.finish().expect("finishes");
        assert_eq!(
            maybe_gunzip(packed.clone(), 8192).expect("fits").len(),
            4096
        );
        assert!(
            maybe_gunzip(packed, 1000)
                .expect_err("too big")
                .contains("limit")
        );
        assert_eq!(
            maybe_gunzip(b"<urlset/>".to_vec(), 10).expect("plain"),
            b"<urlset/>"
        );
    }
}
