//! The configuration file (TOML): fetch limits, collection settings and a list of sources.
//!
//! `sources → fetch`: read once by the command line and handed to the collector. Every
//! setting is explained, at its default, in `config.example.toml` at the repository's root,
//! and listed in README.md; a test keeps the three in step.

use super::fetch::FetchConfig;
use crate::error::{Error, Result};
use crate::store::{NewSource, SourceKind, unknown_kind};
use serde::{Deserialize, Serialize};
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
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct CollectConfig {
    /// Time between two checks of a source that worked (a source's own interval, a
    /// feed's `<ttl>` and the server's Cache-Control max-age override it).
    pub interval_minutes: u64,
    /// For tests and soak runs only: every scheduling wait (interval, back-off, the
    /// week after which a failing source is flagged) is divided by this; 1 in real use.
    pub time_scale: u32,
    /// Sources checked at once.
    pub concurrency: usize,
    /// Pages of one source fetched at once (the per-host limit still applies).
    pub pages_per_source: usize,
    /// The page budget of a check: new pages and posts one check of a source collects, at
    /// most (newest first); the rest wait for later checks.
    pub max_items_per_source: usize,
    /// Queue the articles linked from posts as pages.
    pub follow_post_links: bool,
    /// `https`, or `http` for a local test instance.
    pub mastodon_scheme: String,
    /// The Bluesky AppView answering logged-out requests.
    pub bluesky_api: String,
    /// Pages of posts read from one account per check, at most.
    pub max_post_pages: usize,
}

impl Default for CollectConfig {
    fn default() -> CollectConfig {
        CollectConfig {
            interval_minutes: 30,
            time_scale: 1,
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
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SourceEntry {
    pub kind: String,
    pub target: String,
    pub label: Option<String>,
    #[serde(default)]
    pub allow_private: bool,
    /// This source's own interval between checks: "90s", "15m", "2h", "1d".
    pub interval: Option<String>,
    /// A Bluesky source: the AppView to read it through, if not `bluesky_api`.
    pub service: Option<String>,
}

impl SourceEntry {
    /// The source's own interval, if the entry gives one; a malformed one is an error.
    pub fn interval_seconds(&self) -> Result<Option<i64>> {
        let Some(text) = &self.interval else {
            return Ok(None);
        };
        super::schedule::parse_interval(text)
            .map(|wait| Some(i64::try_from(wait.as_secs()).unwrap_or(i64::MAX)))
            .ok_or_else(|| Error::input(&self.target, super::schedule::INTERVAL_HELP))
    }

    /// The service the entry names, checked; a bad one is an error.
    pub fn service(&self) -> Result<Option<String>> {
        let Some(service) = &self.service else {
            return Ok(None);
        };
        let kind = SourceKind::parse(&self.kind).ok_or_else(|| unknown_kind(&self.kind))?;
        super::target::check_service(kind, service, self.allow_private).map(Some)
    }

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

    /// The names of a settings table's keys.
    fn keys(settings: impl Serialize) -> Vec<String> {
        toml::Table::try_from(settings)
            .expect("a table")
            .keys()
            .cloned()
            .collect()
    }

    #[test]
    fn the_sample_file_holds_every_setting_at_its_default_and_readme_names_each() {
        let sample = include_str!("../../config.example.toml");
        let readme = include_str!("../../README.md");
        let config = Config::parse(sample, "config.example.toml").expect("parses");
        assert_eq!(config, Config::default());
        let source = SourceEntry {
            kind: "bluesky".into(),
            target: "desk.example".into(),
            label: Some("Desk".into()),
            allow_private: true,
            interval: Some("15m".into()),
            service: Some("https://appview.example".into()),
        };
        let every = [
            keys(FetchConfig::default()),
            keys(CollectConfig::default()),
            keys(source),
        ];
        for key in every.iter().flatten() {
            assert!(
                sample.contains(&format!("{key} = ")),
                "{key} is not in the sample"
            );
            assert!(
                readme.contains(&format!("`{key}`")),
                "{key} is not in README.md"
            );
        }
    }

    #[test]
    fn unknown_settings_are_errors() {
        let err = Config::parse("[fetch]\ntimeout = 3\n", "onrecord.toml").expect_err("refused");
        assert!(err.to_string().contains("onrecord.toml"), "{err}");
        assert!(err.to_string().contains("timeout"), "{err}");
    }
}
