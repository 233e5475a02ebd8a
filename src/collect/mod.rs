//! Collection: every byte that comes from outside, the network or the file system.
//!
//! `sources → fetch → read page`: [`input`] loads what a user names on the command line (a
//! file, a URL or standard input); [`fetch`] is the one HTTP client, with its time-outs,
//! redirect limit and body-size cap.

pub mod fetch;
pub mod input;

pub use fetch::{Fetched, Fetcher};
pub use input::{Input, Loaded};
