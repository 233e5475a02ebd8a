//! Collection: every byte that comes from outside, the network or the file system.
//!
//! `sources → fetch → read page`: [`input`] loads what a user names on the command line (a
//! file, a URL or standard input); [`fetch`] is the one HTTP client, with its politeness
//! ([`polite`]) and safety ([`guard`]) rules; [`run`] checks every due source once: feeds
//! ([`feed`]), pages, sitemaps ([`sitemap`]), Mastodon ([`mastodon`]) and Bluesky
//! ([`bluesky`]) accounts; [`schedule`] does that again and again for `onrecord run`. Both
//! start each check on its own, as a worker and its host allow (`pass`); [`error`] tells a
//! source's failure from an item's and from the store's.
//! [`config`] reads the configuration file, [`opml`] subscription lists, [`urls`] normalizes URLs so that nothing is collected twice.

mod api;
pub mod bluesky;
pub mod config;
pub mod error;
pub mod feed;
pub mod fetch;
pub mod guard;
pub mod input;
pub mod mastodon;
pub mod opml;
mod pass;
pub mod polite;
pub mod run;
pub mod schedule;
pub mod sitemap;
pub mod social;
pub mod target;
pub mod urls;

pub use config::{CollectConfig, Config};
pub use error::{CollectError, FailureKind, FetchError};
pub use fetch::{FetchConfig, Fetched, Fetcher, Request, Response};
pub use input::{Input, Loaded};
pub use run::{
    ItemTally, Progress, Silent, SourceFailure, SourceReport, SourceResult, Summary, collect,
};
pub use schedule::{InstanceLock, RunOptions, RunReport};
