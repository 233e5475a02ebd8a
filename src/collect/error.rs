//! What can go wrong while collecting, told apart by whose failure it is.
//!
//! `sources → fetch → read page → store`: a [`FetchError`] is one URL that could not be
//! fetched, with the kind of failure (robots.txt, a private address, a name that does not
//! resolve, no answer, an answer that may change, or one that will not). A
//! [`CollectError`] ends the check of a source: the source itself could not be read (its
//! feed, its API, its sitemap), or the store failed underneath it, which stops the whole
//! pass. One item of a source that cannot be collected (a page a feed links to) is neither:
//! it is that item's outcome, counted on the source's [`ItemTally`](super::run::ItemTally).

use crate::error::Error;

/// One URL that could not be fetched. Its message names the URL once.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{url}: {reason}")]
pub struct FetchError {
    pub url: String,
    pub reason: String,
    pub kind: FailureKind,
}

/// The kinds of fetch failure, by what can be done about them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    /// The site's robots.txt asks onrecord not to fetch this page.
    Robots,
    /// The address is private, loopback or link-local, and the source may not reach it.
    Private,
    /// The host name did not resolve: a typo, a dead site, or no network at all.
    Lookup,
    /// No answer: the connection was refused, or nothing came back in time.
    NoAnswer,
    /// An answer that may change: 408, 429, a 5xx, a body cut short.
    Transient,
    /// An answer that will not change by itself: a 4xx, a body over the cap, a redirect
    /// loop, a URL that cannot be fetched.
    Permanent,
}

impl FailureKind {
    /// Whether trying again later could succeed.
    pub fn may_pass(self) -> bool {
        matches!(
            self,
            FailureKind::Lookup | FailureKind::NoAnswer | FailureKind::Transient
        )
    }
}

impl FetchError {
    pub fn new(url: &str, reason: impl Into<String>, kind: FailureKind) -> FetchError {
        FetchError {
            url: url.to_string(),
            reason: reason.into(),
            kind,
        }
    }
}

impl From<FetchError> for Error {
    fn from(err: FetchError) -> Error {
        Error::Fetch {
            url: err.url,
            reason: err.reason,
        }
    }
}

/// Why the check of a source ended without reading it, or why a pass stopped.
#[derive(Debug, thiserror::Error)]
pub enum CollectError {
    /// The source's own URL (its feed, an API call, its sitemap) could not be fetched.
    #[error(transparent)]
    Fetch(#[from] FetchError),
    /// The source answered, but not with what it should be (not a feed, not the JSON an
    /// API gives, not a known target).
    #[error("{url}: {reason}")]
    Unreadable { url: String, reason: String },
    /// The database failed. Not the source's fault: the pass stops and says so.
    #[error(transparent)]
    Store(#[from] Error),
}

impl CollectError {
    pub fn unreadable(url: &str, reason: impl Into<String>) -> CollectError {
        CollectError::Unreadable {
            url: url.to_string(),
            reason: reason.into(),
        }
    }

    /// The kind of fetch failure behind this error, if it is one.
    pub fn fetch_kind(&self) -> Option<FailureKind> {
        match self {
            CollectError::Fetch(err) => Some(err.kind),
            _ => None,
        }
    }

    /// The message, without its leading URL when that URL is the source's own target
    /// (which every place showing the message names already).
    pub fn message_for(&self, target: &str) -> String {
        let (url, reason) = match self {
            CollectError::Fetch(err) => (err.url.as_str(), err.reason.as_str()),
            CollectError::Unreadable { url, reason } => (url.as_str(), reason.as_str()),
            CollectError::Store(err) => return err.to_string(),
        };
        if url == target {
            reason.to_string()
        } else {
            format!("{url}: {reason}")
        }
    }
}
