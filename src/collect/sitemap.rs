//! Sitemap sources, for sites without feeds: sitemaps, sitemap indexes, gzipped `.xml.gz`
//! sitemaps, and Google News sitemaps (whose `news:title` and `news:publication_date` stand in
//! for a feed item's).
//!
//! `sources → fetch → read page`: an index is followed one level down (two at most); the
//! listed pages are taken newest `lastmod` first, pages already collected skipped, up to the
//! page budget of a check (`max_items_per_source`): the rest wait for later checks. The caps
//! are the protocol's: 50 MB and 50,000 URLs a file (more is left out); a news sitemap lists
//! an outlet's last two days, so its entries older than two days before its newest are left
//! out. Parsing is a few linear regular expressions over the XML.

use super::error::CollectError;
use super::feed::FeedItem;
use super::fetch::Fetched;
use super::fetch::{Request, Response};
use super::opml::unescape;
use super::run::{CheckResult, Checked, Collector, ItemOutcome, ItemTally, PageJob, SourceFailure};
use super::run::{conditional_request, validators};
use crate::read::dates::plausible;
use crate::store::Source;
use jiff::civil::Date;
use regex::Regex;
use std::cmp::Reverse;
use std::io::Read;
use std::sync::LazyLock;

static SITEMAP_ENTRY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)<sitemap\b[^>]*>(.*?)</sitemap>").expect("a constant regex")
});
static URL_ENTRY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?is)<url\b[^>]*>(.*?)</url>").expect("a constant regex"));

/// Child sitemaps read from one index, at most.
const MAX_CHILD_SITEMAPS: usize = 50;
/// The protocol's caps on one sitemap file: its size unpacked, and the URLs it lists (also
/// the most kept from a whole index, the newest).
pub const SITEMAP_MAX_BYTES: usize = 50 * 1024 * 1024;
pub const SITEMAP_MAX_URLS: usize = 50_000;
/// A news sitemap lists this many days.
const NEWS_DAYS: i64 = 2;

/// One listed page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SitemapUrl {
    pub loc: String,
    /// `news:publication_date`, else `lastmod`.
    pub date: Option<String>,
    pub title: Option<String>,
    /// A Google News entry (it has a `news:publication_date`).
    pub news: bool,
}

/// What a sitemap file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sitemap {
    Index(Vec<String>),
    Urls(Vec<SitemapUrl>),
}

/// Parses a sitemap or a sitemap index (its first 50,000 entries; of a news sitemap, its
/// last two days).
pub fn parse_sitemap(xml: &str) -> Sitemap {
    if xml.contains("<sitemapindex") {
        return Sitemap::Index(
            SITEMAP_ENTRY
                .captures_iter(xml)
                .filter_map(|entry| element(entry.get(1)?.as_str(), "loc"))
                .take(SITEMAP_MAX_URLS)
                .collect(),
        );
    }
    let mut urls: Vec<SitemapUrl> = URL_ENTRY
        .captures_iter(xml)
        .filter_map(|entry| {
            let body = entry.get(1)?.as_str();
            let news_date = element(body, "news:publication_date");
            Some(SitemapUrl {
                loc: element(body, "loc")?,
                news: news_date.is_some(),
                date: news_date.or_else(|| element(body, "lastmod")),
                title: element(body, "news:title"),
            })
        })
        .take(SITEMAP_MAX_URLS)
        .collect();
    recent_news_only(&mut urls, jiff::Timestamp::now());
    Sitemap::Urls(urls)
}

/// Leaves out the news entries older than two days before the newest one.
fn recent_news_only(urls: &mut Vec<SitemapUrl>, now: jiff::Timestamp) {
    let day = |url: &SitemapUrl| -> Option<Date> {
        let date = plausible(url.date.as_deref()?, &[], now)?;
        date.get(..10)?.parse().ok()
    };
    let newest = urls.iter().filter(|url| url.news).filter_map(day).max();
    let Some(cutoff) =
        newest.and_then(|newest| newest.checked_sub(jiff::Span::new().days(NEWS_DAYS)).ok())
    else {
        return;
    };
    urls.retain(|url| !url.news || day(url).is_some_and(|day| day >= cutoff));
}

/// The entries newest first (by their date as the one date check reads it; undated or
/// implausibly dated ones last), at most `keep` of them.
fn keep_newest(urls: &mut Vec<SitemapUrl>, keep: usize, now: jiff::Timestamp) {
    urls.sort_by_cached_key(|url| {
        Reverse(url.date.as_deref().and_then(|d| plausible(d, &[], now)))
    });
    urls.truncate(keep);
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

/// Checks a sitemap source: the pages it lists that are new are collected, newest first,
/// up to the page budget.
pub async fn check(collector: &Collector<'_>, source: &Source) -> CheckResult {
    let Some((sitemap, fetched)) = read_sitemap(collector, conditional_request(source)).await?
    else {
        return Ok(Checked::default());
    };
    let now = jiff::Timestamp::now();
    let mut urls = Vec::new();
    let mut tally = ItemTally::default();
    match sitemap {
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
                if urls.len() > SITEMAP_MAX_URLS {
                    keep_newest(&mut urls, SITEMAP_MAX_URLS, now);
                }
            }
        }
    }
    keep_newest(&mut urls, SITEMAP_MAX_URLS, now);
    let jobs: Vec<PageJob> = urls
        .into_iter()
        .map(|entry| PageJob {
            keys: Vec::new(),
            url: entry.loc,
            item: Some(FeedItem {
                title: entry.title,
                published: entry.date,
                ..FeedItem::default()
            }),
        })
        .collect();
    tally.merge(collector.collect_new_pages(source, jobs).await?);
    Ok(Checked {
        state: validators(&fetched, &tally),
        items: tally,
        disabled: None,
    })
}

/// Fetches and parses one sitemap file, within the protocol's cap; `None` when it has not
/// changed since the validators sent.
async fn read_sitemap(
    collector: &Collector<'_>,
    request: Request<'_>,
) -> Result<Option<(Sitemap, Fetched)>, CollectError> {
    let request = Request {
        body_limit: Some(SITEMAP_MAX_BYTES),
        ..request
    };
    let mut fetched = match collector.fetcher.fetch(&request).await? {
        Response::NotModified => return Ok(None),
        Response::Fetched(fetched) => fetched,
    };
    let xml = decode(
        maybe_gunzip(std::mem::take(&mut fetched.body), SITEMAP_MAX_BYTES)
            .map_err(|reason| CollectError::unreadable(request.url, reason))?,
    );
    Ok(Some((parse_sitemap(&xml), fetched)))
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
    match read_sitemap(collector, request).await? {
        None => Ok(Vec::new()),
        Some((Sitemap::Urls(found), _)) => Ok(found),
        Some((Sitemap::Index(children), _)) if depth < 2 => {
            let mut found = Vec::new();
            for child in children.into_iter().take(MAX_CHILD_SITEMAPS) {
                found.extend(Box::pin(child_urls(collector, source, &child, depth + 1)).await?);
            }
            Ok(found)
        }
        Some((Sitemap::Index(_), _)) => Ok(Vec::new()),
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
    fn a_file_gives_its_first_fifty_thousand_urls() {
        let mut xml = String::from("<urlset>");
        for n in 0..SITEMAP_MAX_URLS + 5 {
            xml.push_str(&format!("<url><loc>https://a.example/{n}</loc></url>"));
        }
        xml.push_str("</urlset>");
        let Sitemap::Urls(urls) = parse_sitemap(&xml) else {
            panic!("a urlset");
        };
        assert_eq!(urls.len(), SITEMAP_MAX_URLS);
    }

    #[test]
    fn a_news_sitemap_gives_its_last_two_days() {
        let entry = |n: usize, date: &str| {
            format!(
                "<url><loc>https://a.example/{n}</loc><news:news><news:publication_date>{date}</news:publication_date></news:news></url>"
            )
        };
        let xml = format!(
            "<urlset>{}{}{}</urlset>",
            entry(1, "2026-05-07T10:00:00Z"),
            entry(2, "2026-05-05T09:00:00Z"),
            entry(3, "2026-04-01T09:00:00Z")
        );
        let Sitemap::Urls(urls) = parse_sitemap(&xml) else {
            panic!("a urlset");
        };
        let locs: Vec<&str> = urls.iter().map(|u| u.loc.as_str()).collect();
        assert_eq!(locs, ["https://a.example/1", "https://a.example/2"]);
    }

    #[test]
    fn the_newest_come_first_and_the_undated_last() {
        let url = |loc: &str, date: Option<&str>| SitemapUrl {
            loc: loc.into(),
            date: date.map(str::to_string),
            ..SitemapUrl::default()
        };
        let mut urls = vec![
            url("undated", None),
            url("old", Some("2025-01-01")),
            url("impossible", Some("2025-13-01")),
            url("new", Some("2026-05-01T08:00:00+02:00")),
        ];
        keep_newest(
            &mut urls,
            3,
            "2026-05-10T00:00:00Z".parse().expect("a time"),
        );
        let locs: Vec<&str> = urls.iter().map(|u| u.loc.as_str()).collect();
        assert_eq!(locs, ["new", "old", "undated"]);
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
