//! What the Mastodon and Bluesky collectors share on the network side: a GET of a public
//! JSON API with the source's settings, and the articles their posts link to.

use super::fetch::{Fetched, Request, Response};
use super::run::{Collector, PageJob};
use crate::store::Source;

/// GETs `url` as JSON for `source`; `None` when the server answers 304 Not Modified.
pub async fn get(
    collector: &Collector<'_>,
    source: &Source,
    url: &str,
) -> Result<Option<Fetched>, String> {
    let request = Request {
        url,
        allow_private: source.allow_private,
        accept: Some("application/json"),
        ..Request::default()
    };
    match collector
        .fetcher
        .fetch(&request)
        .await
        .map_err(|e| e.to_string())?
    {
        Response::Fetched(fetched) => Ok(Some(fetched)),
        Response::NotModified => Ok(None),
    }
}

/// Parses a JSON answer of `url`; a 304 is an error here, as nothing conditional was asked.
pub async fn get_json<T: serde::de::DeserializeOwned>(
    collector: &Collector<'_>,
    source: &Source,
    url: &str,
) -> Result<T, String> {
    let fetched = get(collector, source, url)
        .await?
        .ok_or_else(|| format!("{url}: unexpected 304"))?;
    serde_json::from_slice(&fetched.body).map_err(|err| format!("{url}: unexpected answer: {err}"))
}

/// Collects the articles that posts link to as pages, when the configuration asks for it.
pub async fn follow_post_links(collector: &Collector<'_>, source: &Source, links: Vec<String>) {
    if !collector.settings.follow_post_links {
        return;
    }
    let jobs = links
        .into_iter()
        .map(|url| PageJob {
            url,
            ..PageJob::default()
        })
        .collect();
    let _ = collector.collect_pages(source, jobs).await;
}
