//! The HTTP client: one `reqwest::Client` for everything, with a User-Agent naming
//! onrecord, connect and total time-outs, at most 5 redirects and a cap on the body size
//! enforced while streaming (after decompression, so a gzip bomb stops at the cap).

use crate::error::{Error, Result};
use std::time::Duration;

/// Bodies larger than this are refused by default.
pub const DEFAULT_BODY_LIMIT: usize = 10 * 1024 * 1024;

/// Who we are, in every request.
pub const USER_AGENT: &str = concat!(
    "onrecord/",
    env!("CARGO_PKG_VERSION"),
    " (quote archive for journalists; +https://github.com/onrecord/onrecord)"
);

/// A fetched response body.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The URL after redirects.
    pub url: String,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

/// The one HTTP client.
#[derive(Debug, Clone)]
pub struct Fetcher {
    client: reqwest::Client,
    body_limit: usize,
}

impl Fetcher {
    pub fn new(body_limit: usize) -> Result<Fetcher> {
        let client = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(60))
            .redirect(reqwest::redirect::Policy::limited(5))
            .build()
            .map_err(|err| Error::Fetch {
                url: String::new(),
                reason: format!("cannot build the HTTP client: {err}"),
            })?;
        Ok(Fetcher { client, body_limit })
    }

    /// GETs `url` and returns its body, refusing error statuses and bodies over the cap.
    pub async fn get(&self, url: &str) -> Result<Fetched> {
        let fail = |reason: String| Error::Fetch {
            url: url.to_string(),
            reason,
        };
        let mut response = self
            .client
            .get(url)
            .send()
            .await
            .map_err(|err| fail(describe(&err)))?;
        let status = response.status();
        if !status.is_success() {
            return Err(fail(format!("HTTP {status}")));
        }
        if let Some(length) = response.content_length()
            && length > self.body_limit as u64
        {
            return Err(fail(self.too_large()));
        }
        let final_url = response.url().to_string();
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|err| fail(describe(&err)))? {
            if body.len() + chunk.len() > self.body_limit {
                return Err(fail(self.too_large()));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Fetched {
            url: final_url,
            content_type,
            body,
        })
    }

    fn too_large(&self) -> String {
        format!(
            "the body is larger than the {} MB limit",
            self.body_limit / (1024 * 1024)
        )
    }
}

/// reqwest's error with its causes, on one line.
fn describe(err: &reqwest::Error) -> String {
    let mut text = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
