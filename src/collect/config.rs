//! The configuration file (TOML): fetch limits, collection settings and a list of sources.
//!
//! `sources → fetch`: read once by the command line and handed to the collector.
//!
//! ```toml
//! [fetch]
//! contact = "https://newsroom.example/collector"   # in the User-Agent
//! per_host = 2
//! host_delay_ms = 1000
//!
//! [collect]
//! interval_minutes = 60
//!
//! [[source]]
//! kind = "feed"
//! target = "https://news.example.org/rss"
//! label = "Harbour News"
//! ```

use super::fetch::FetchConfig;
use crate::error::{Error, Result};
use crate::store::{NewSource, SourceKind, unknown_kind};
use serde::Deserialize;
use std::path::Path;

/// The whole file.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub fetch: FetchConfig,
    pub collect: CollectConfig,
    #[serde(rename = "source")]
    pub sources: Vec<SourceEntry>,
}

/// How often and how widely to collect.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CollectConfig {
    /// Time between two checks of a source that worked.
    pub interval_minutes: u64,
    /// Sources checked at once.
    pub concurrency: usize,
    /// Pages of one source fetched at once (the per-host limit still applies).
    pub pages_per_source: usize,
    /// Pages and posts read from one source per run, at most.
    pub max_items_per_source: usize,
    /// Queue the articles linked from posts as pages.
    pub follow_post_links: bool,
    /// `https`, or `http` for a local test instance.
    pub mastodon_scheme: String,
    /// The Bluesky AppView answering logged-out requests.
    pub bluesky_api: String,
    /// Pages of posts read from one account per run, at most.
    pub max_post_pages: usize,
}

impl Default for CollectConfig {
    fn default() -> CollectConfig {
        CollectConfig {
            interval_minutes: 60,
            concurrency: 8,
            pages_per_source: 8,
            max_items_per_source: 500,
            follow_post_links: false,
            mastodon_scheme: "https".to_string(),
            bluesky_api: "https://public.api.bsky.app".to_string(),
            max_post_pages: 5,
        }
    }
}

/// A source as written in the file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceEntry {
    pub kind: String,
    pub target: String,
    pub label: Option<String>,
    #[serde(default)]
    pub allow_private: bool,
}

impl SourceEntry {
    pub fn to_new_source(&self) -> Result<NewSource> {
        let kind = SourceKind::parse(&self.kind).ok_or_else(|| unknown_kind(&self.kind))?;
        Ok(NewSource {
            kind,
            target: self.target.trim().to_string(),
            label: self.label.clone(),
            allow_private: self.allow_private,
        })
    }
}

impl Config {
    /// Reads the file; a mistake in it is an error naming the file and the line.
    pub fn load(path: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Config::parse(&text, &path.display().to_string())
    }

    pub fn parse(text: &str, name: &str) -> Result<Config> {
        toml::from_str(text).map_err(|err| Error::input(name, err.to_string().trim().to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_settings_and_sources() {
        let config = Config::parse(
            r#"
[fetch]
contact = "mailto:desk@example.org"
timeout_ms = 2000
[collect]
interval_minutes = 15
[[source]]
kind = "feed"
target = "https://news.example.org/rss"
label = "Harbour News"
[[source]]
kind = "mastodon"
target = "@editor@social.example"
"#,
            "onrecord.toml",
        )
        .expect("parses");
        assert_eq!(config.fetch.timeout_ms, 2000);
        assert_eq!(config.fetch.per_host, 2, "defaults fill the rest");
        assert_eq!(config.collect.interval_minutes, 15);
        assert_eq!(config.sources.len(), 2);
        let first = config.sources[0].to_new_source().expect("a known kind");
        assert_eq!(first.kind, SourceKind::Feed);
    }

    #[test]
    fn unknown_settings_are_errors() {
        let err = Config::parse("[fetch]\ntimeout = 3\n", "onrecord.toml").expect_err("refused");
        assert!(err.to_string().contains("onrecord.toml"), "{err}");
        assert!(err.to_string().contains("timeout"), "{err}");
    }
}
