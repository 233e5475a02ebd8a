//! Collection: every byte that comes from outside, the network or the file system.
//!
//! `sources → fetch → read page`: [`input`] loads what a user names on the command line (a
//! file, a URL or standard input); [`fetch`] is the one HTTP client, with its politeness
//! ([`polite`]) and safety ([`guard`]) rules.

pub mod feed;
pub mod fetch;
pub mod guard;
pub mod input;
pub mod polite;
pub mod urls;

pub use fetch::{FetchConfig, Fetched, Fetcher, Request, Response};
pub use input::{Input, Loaded};
