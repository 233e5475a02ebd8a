//! What the Mastodon and Bluesky collectors share on the network side: a GET of a public
//! JSON API with the source's settings, and the articles their posts link to.

use super::error::CollectError;
use super::fetch::{Fetched, Request, Response};
use super::run::{Collector, ItemTally, PageJob};
use crate::error::Result;
use crate::store::Source;

/// GETs `url` as JSON for `source`; `None` when the server answers 304 Not Modified.
pub async fn get(
    collector: &Collector<'_>,
    source: &Source,
    url: &str,
) -> Result<Option<Fetched>, CollectError> {
    let request = Request {
        url,
        allow_private: source.allow_private,
        accept: Some("application/json"),
        ..Request::default()
    };
    match collector.fetcher.fetch(&request).await? {
        Response::Fetched(fetched) => Ok(Some(fetched)),
        Response::NotModified => Ok(None),
    }
}

/// Parses a JSON answer of `url`; a 304 is an error here, as nothing conditional was asked.
pub async fn get_json<T: serde::de::DeserializeOwned>(
    collector: &Collector<'_>,
    source: &Source,
    url: &str,
) -> Result<T, CollectError> {
    let fetched = get(collector, source, url)
        .await?
        .ok_or_else(|| CollectError::unreadable(url, "unexpected 304"))?;
    parse_json(url, &fetched.body, "unexpected answer")
}

/// A JSON body, or an error naming the URL and what was expected of it.
pub fn parse_json<T: serde::de::DeserializeOwned>(
    url: &str,
    body: &[u8],
    expected: &str,
) -> Result<T, CollectError> {
    serde_json::from_slice(body)
        .map_err(|err| CollectError::unreadable(url, format!("{expected}: {err}")))
}

/// Collects the articles that posts link to as pages, when the configuration asks for it;
/// how they ended.
pub async fn follow_post_links(
    collector: &Collector<'_>,
    source: &Source,
    links: Vec<String>,
) -> Result<ItemTally> {
    if !collector.settings.follow_post_links {
        return Ok(ItemTally::default());
    }
    let jobs = links
        .into_iter()
        .map(|url| PageJob {
            url,
            ..PageJob::default()
        })
        .collect();
    collector.collect_pages(source, jobs).await
}
