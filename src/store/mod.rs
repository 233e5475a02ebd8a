//! Storage: the only code that speaks SQL.
//!
//! `extract quotes → store → search`: an SQLite database (WAL, foreign keys, busy timeout)
//! holding documents, speakers, quotes and captions, with an FTS5 index over quotes.
//! Migrations are the numbered files in `migrations/`, embedded in the binary, applied in
//! one transaction on open and tracked by `PRAGMA user_version`.
//!
//! Every write is a transaction that takes the write lock when it begins (`BEGIN
//! IMMEDIATE`, see [`Store::write`]) and waits for it up to the busy timeout, so that
//! writers in several processes (two `add`s beside a `run`) queue instead of failing: a
//! transaction that read first and wants to write later cannot wait for the lock.

mod clusters;
mod fragment;
mod index;
mod key_filter;
mod keys;
mod plan;
mod query;
mod rank;
mod save;
mod search;
mod sources;
mod speakers;
mod upkeep;

pub use fragment::text_fragment_link;
pub use keys::normalize_key;
pub use query::fts_expression;
pub use save::SaveOutcome;
pub use search::{Hit, SearchFilter, Sort, SpeakerSummary, Stats};
pub use sources::{
    CheckState, NewSource, Source, SourceKind, StoredDocument, WaitingSource, unknown_kind,
};

use crate::error::{Error, Result};
use clusters::KeyLog;
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// One schema change: its SQL, and the Rust that fills what SQL cannot compute.
struct Migration {
    name: &'static str,
    sql: &'static str,
    then: Option<fn(&Transaction) -> rusqlite::Result<()>>,
}

/// The migrations, in order; the schema version is the number applied.
const MIGRATIONS: &[Migration] = &[
    Migration {
        name: "0001_initial",
        sql: include_str!("../../migrations/0001_initial.sql"),
        then: None,
    },
    Migration {
        name: "0002_quote_clusters",
        sql: include_str!("../../migrations/0002_quote_clusters.sql"),
        then: None, // keys of older quotes are computed by 0007, once their tables exist
    },
    Migration {
        name: "0003_collect",
        sql: include_str!("../../migrations/0003_collect.sql"),
        then: None,
    },
    Migration {
        name: "0004_schedule",
        sql: include_str!("../../migrations/0004_schedule.sql"),
        then: None,
    },
    Migration {
        name: "0005_document_texts",
        sql: include_str!("../../migrations/0005_document_texts.sql"),
        then: None,
    },
    Migration {
        name: "0006_search_at_scale",
        sql: include_str!("../../migrations/0006_search_at_scale.sql"),
        then: None,
    },
    Migration {
        name: "0007_cluster_key_log",
        sql: include_str!("../../migrations/0007_cluster_key_log.sql"),
        then: Some(clusters::backfill_quote_clusters),
    },
    Migration {
        name: "0008_speaker_counts",
        sql: include_str!("../../migrations/0008_speaker_counts.sql"),
        then: None,
    },
    Migration {
        name: "0009_quote_key_filter",
        sql: include_str!("../../migrations/0009_quote_key_filter.sql"),
        then: Some(key_filter::build_key_filter),
    },
    Migration {
        name: "0010_index_context_once",
        sql: include_str!("../../migrations/0010_index_context_once.sql"),
        then: Some(index::reindex_quotes),
    },
    Migration {
        name: "0011_index_upkeep",
        sql: include_str!("../../migrations/0011_index_upkeep.sql"),
        then: None,
    },
    Migration {
        name: "0012_source_service",
        sql: include_str!("../../migrations/0012_source_service.sql"),
        then: None,
    },
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// An open onrecord database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Speaker ids by name, from earlier saves of this connection.
    speaker_ids: HashMap<String, Option<i64>>,
    /// The fresh cluster keys, read when this connection first saves.
    key_log: KeyLog,
}

/// Whether opening may create the database file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    Create,
    MustExist,
}

impl Store {
    /// Opens (or creates) the database at `path` and brings its schema up to date.
    ///
    /// A database written by a newer onrecord is refused before anything is written to it.
    pub fn open(path: &Path, mode: OpenMode) -> Result<Store> {
        if mode == OpenMode::MustExist && !path.exists() {
            return Err(Error::input(
                path.display().to_string(),
                "no database here yet: `onrecord add` a document first (or pass --db)",
            ));
        }
        if mode == OpenMode::Create
            && let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
        {
            std::fs::create_dir_all(parent).map_err(|source| Error::Io {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI
            | if mode == OpenMode::Create {
                OpenFlags::SQLITE_OPEN_CREATE
            } else {
                OpenFlags::empty()
            };
        let conn = Connection::open_with_flags(path, flags).map_err(db_error(path))?;
        // A save uses about twenty statements; rusqlite keeps sixteen by default.
        conn.set_prepared_statement_cache_capacity(64);
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            speaker_ids: HashMap::new(),
            key_log: KeyLog::default(),
        };
        store.refuse_newer_schema()?;
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn schema_version(&self) -> Result<i64> {
        self.conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .map_err(db_error(&self.path))
    }

    fn refuse_newer_schema(&self) -> Result<()> {
        let found = self.schema_version()?;
        if found > SCHEMA_VERSION {
            return Err(Error::NewerDatabase {
                path: self.path.clone(),
                found,
                known: SCHEMA_VERSION,
            });
        }
        Ok(())
    }

    /// 8 KB pages for a new database, WAL (readers never wait for the writer), foreign
    /// keys, a busy timeout, and the ranking function searches use.
    ///
    /// Pages of 8 KB rather than SQLite's 4 KB: half as many pages for a save to find,
    /// dirty and write to the log (ingest about 6% faster at a million quotes, measured
    /// back to back). A database's page size is fixed when its first table is written, so
    /// an older database keeps its own.
    fn configure(&self) -> Result<()> {
        self.conn
            .busy_timeout(Duration::from_secs(10))
            .map_err(db_error(&self.path))?;
        self.conn
            .execute_batch(
                "PRAGMA page_size = 8192;
                 PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
            )
            .map_err(db_error(&self.path))?;
        rank::register(&self.conn).map_err(db_error(&self.path))
    }

    /// Applies every pending migration in one transaction (the version read again once the
    /// write lock is held: another process may have migrated meanwhile).
    fn migrate(&mut self) -> Result<()> {
        if self.schema_version()? == SCHEMA_VERSION {
            return Ok(());
        }
        let path = self.path.clone();
        let tx = begin_write(&mut self.conn).map_err(db_error(&path))?;
        let current: i64 = tx
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .map_err(db_error(&path))?;
        let pending = MIGRATIONS
            .iter()
            .skip(usize::try_from(current).unwrap_or(0));
        for migration in pending {
            let failed = |source| Error::Migration {
                path: path.clone(),
                name: migration.name,
                source,
            };
            tx.execute_batch(migration.sql).map_err(failed)?;
            if let Some(then) = migration.then {
                then(&tx).map_err(failed)?;
            }
        }
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)
            .map_err(db_error(&path))?;
        tx.commit().map_err(db_error(&path))
    }
}

impl Store {
    /// Runs `write` in a transaction of its own that holds the write lock from its start
    /// (waiting for it up to the busy timeout), and commits it: the way every change reaches
    /// the database, but for saves and migrations, which begin theirs with [`begin_write`].
    pub(crate) fn write<T>(
        &mut self,
        write: impl FnOnce(&Transaction) -> rusqlite::Result<T>,
    ) -> Result<T> {
        let tx = begin_write(&mut self.conn).map_err(db_error(&self.path))?;
        let value = write(&tx).map_err(db_error(&self.path))?;
        tx.commit().map_err(db_error(&self.path))?;
        Ok(value)
    }
}

/// `BEGIN IMMEDIATE`: a transaction that takes the write lock at once, waiting for it.
fn begin_write(conn: &mut Connection) -> rusqlite::Result<Transaction<'_>> {
    conn.transaction_with_behavior(TransactionBehavior::Immediate)
}

/// Wraps an SQLite error with the database's path.
fn db_error(path: &Path) -> impl Fn(rusqlite::Error) -> Error + '_ {
    move |source| Error::Database {
        path: path.to_path_buf(),
        source,
    }
}

/// The default database: `$XDG_DATA_HOME/onrecord/onrecord.db`, i.e.
/// `~/.local/share/onrecord/onrecord.db` on Linux, the platform's data folder elsewhere.
pub fn default_path() -> Option<PathBuf> {
    let var = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let data_dir = if cfg!(target_os = "windows") {
        var("APPDATA")
    } else if cfg!(target_os = "macos") {
        var("HOME").map(|home| home.join("Library/Application Support"))
    } else {
        var("XDG_DATA_HOME").or_else(|| var("HOME").map(|home| home.join(".local/share")))
    }?;
    Some(data_dir.join("onrecord").join("onrecord.db"))
}
