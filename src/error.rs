//! The library's one error type. Every variant names what it was working on, so that a
//! message reaching the user says which input, URL or database went wrong.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{input}: {reason}")]
    Input { input: String, reason: String },

    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("{url}: {reason}")]
    Fetch { url: String, reason: String },

    #[error("database {path}: {source}")]
    Database {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },

    #[error(
        "database {path} was written by a newer onrecord (schema version {found}; this build knows up to {known}); it was left untouched: upgrade onrecord to use it"
    )]
    NewerDatabase {
        path: PathBuf,
        found: i64,
        known: i64,
    },

    #[error("migration {name} failed on {path}: {source}")]
    Migration {
        path: PathBuf,
        name: &'static str,
        #[source]
        source: rusqlite::Error,
    },

    #[error("search: {0}")]
    Query(String),
}

impl Error {
    pub fn input(input: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::Input {
            input: input.into(),
            reason: reason.into(),
        }
    }
}
