//! Relevance for full-text search: `onrecord_rank(quotes_fts, idfs)`, an FTS5 auxiliary
//! function computing Okapi BM25 over the columns FTS5 indexes (a word in the quote counts
//! 10, in the speaker's name 5, in the context 1; k1 = 1.2), with two differences from
//! FTS5's own `bm25()`:
//!
//! - the inverse document frequencies are passed by the caller, one per phrase of the
//!   MATCH expression, as a blob of little-endian f64 (see [`idf_blob`]; phrases with none
//!   count 0). `bm25()` counts the rows holding each
//!   phrase over the whole index at every query: 46 ms for a word in 700,000 quotes,
//!   however few rows were ranked. The store estimates them from the newest rows instead
//!   (see `search.rs`).
//! - no length normalisation (b = 0): it needs each row's length, one more B-tree lookup
//!   per row ranked, scattered over the index; and quotes are short, so a long one that
//!   says a word once is not less about it. Equal scores are ordered newest first.
//!
//! This is the one place with `unsafe` code: the FTS5 extension interface is C.

use rusqlite::Connection;
use rusqlite::ffi::{
    Fts5Context, Fts5ExtensionApi, SQLITE_ERROR, SQLITE_OK, fts5_api, sqlite3_context,
    sqlite3_result_double, sqlite3_result_error_code, sqlite3_value, sqlite3_value_blob,
    sqlite3_value_bytes,
};
use rusqlite::types::ToSqlOutput;
use std::ffi::{c_int, c_void};

/// The SQL name of the function.
pub(super) const RANK_FUNCTION: &str = "onrecord_rank";

/// Weights of the FTS table's columns, in their order: text, context, speaker, and `who`
/// (the speaker's token, a filter that says nothing of relevance).
const COLUMN_WEIGHTS: [f64; 4] = [10.0, 1.0, 5.0, 0.0];
const K1: f64 = 1.2;

/// The inverse document frequency of a phrase found in `holding` of `rows` rows, as
/// FTS5's bm25 computes it (never below a small positive number).
pub(super) fn idf(rows: f64, holding: f64) -> f64 {
    let idf = ((rows - holding + 0.5) / (holding + 0.5)).ln();
    if idf > 0.0 { idf } else { 1e-6 }
}

/// The inverse document frequencies as `onrecord_rank` takes them.
pub(super) fn idf_blob(idfs: &[f64]) -> Vec<u8> {
    idfs.iter().flat_map(|idf| idf.to_le_bytes()).collect()
}

fn idfs_of(blob: &[u8]) -> Vec<f64> {
    blob.chunks_exact(8)
        .map(|bytes| f64::from_le_bytes(bytes.try_into().unwrap_or([0; 8])))
        .collect()
}

/// Registers `onrecord_rank` on this connection.
pub(super) fn register(conn: &Connection) -> rusqlite::Result<()> {
    let api = fts5_api_of(conn)?;
    let failed = |code| {
        rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(code),
            Some("FTS5 refused the onrecord_rank function".to_string()),
        )
    };
    // SAFETY: `api` is the connection's FTS5 interface (checked non-null), valid as long as
    // the connection; the name is a static C string; the function has the signature FTS5
    // expects and keeps no user data.
    unsafe {
        let create = (*api).xCreateFunction.ok_or_else(|| failed(SQLITE_ERROR))?;
        let code = create(
            api,
            c"onrecord_rank".as_ptr(),
            std::ptr::null_mut(),
            Some(rank),
            None,
        );
        if code != SQLITE_OK {
            return Err(failed(code));
        }
    }
    Ok(())
}

/// The connection's `fts5_api`, obtained the documented way: `SELECT fts5(?)` with a
/// pointer bound under the type "fts5_api_ptr".
fn fts5_api_of(conn: &Connection) -> rusqlite::Result<*mut fts5_api> {
    let mut api: *mut fts5_api = std::ptr::null_mut();
    let slot = ToSqlOutput::Pointer((
        (&raw mut api).cast::<c_void>().cast_const(),
        c"fts5_api_ptr",
        None,
    ));
    conn.query_row("SELECT fts5(?1)", [slot], |_| Ok(()))?;
    if api.is_null() {
        return Err(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(SQLITE_ERROR),
            Some("this SQLite has no FTS5".to_string()),
        ));
    }
    Ok(api)
}

/// The auxiliary function FTS5 calls once per row ranked.
unsafe extern "C" fn rank(
    api: *const Fts5ExtensionApi,
    fts: *mut Fts5Context,
    context: *mut sqlite3_context,
    argument_count: c_int,
    arguments: *mut *mut sqlite3_value,
) {
    // SAFETY: FTS5 passes a valid interface, row context and `argument_count` arguments;
    // a blob value's bytes stay valid until the value changes, after we read them.
    unsafe {
        let mut idfs = Vec::new();
        if argument_count >= 1 {
            let value = *arguments;
            let bytes = sqlite3_value_blob(value).cast::<u8>();
            let length = usize::try_from(sqlite3_value_bytes(value)).unwrap_or(0);
            if !bytes.is_null() {
                idfs = idfs_of(std::slice::from_raw_parts(bytes, length));
            }
        }
        match score(&*api, fts, &idfs) {
            Ok(score) => sqlite3_result_double(context, score),
            Err(code) => sqlite3_result_error_code(context, code),
        }
    }
}

/// Minus the BM25 score of the current row (lower is better, as FTS5's `rank`).
///
/// # Safety
/// `api` and `fts` must be what FTS5 passed to an auxiliary function for this row.
unsafe fn score(api: &Fts5ExtensionApi, fts: *mut Fts5Context, idfs: &[f64]) -> Result<f64, c_int> {
    let check = |code: c_int| if code == SQLITE_OK { Ok(()) } else { Err(code) };
    let missing = SQLITE_ERROR;
    // SAFETY: the callers' contract; each call gets the row context FTS5 gave us.
    unsafe {
        let phrases = api.xPhraseCount.ok_or(missing)?(fts);
        let mut instances: c_int = 0;
        check(api.xInstCount.ok_or(missing)?(fts, &mut instances))?;
        let mut frequency = vec![0.0f64; usize::try_from(phrases).unwrap_or(0)];
        let inst = api.xInst.ok_or(missing)?;
        for i in 0..instances {
            let (mut phrase, mut column, mut offset) = (0, 0, 0);
            check(inst(fts, i, &mut phrase, &mut column, &mut offset))?;
            let weight = usize::try_from(column)
                .ok()
                .and_then(|c| COLUMN_WEIGHTS.get(c))
                .copied()
                .unwrap_or(0.0);
            if let Some(slot) = usize::try_from(phrase)
                .ok()
                .and_then(|p| frequency.get_mut(p))
            {
                *slot += weight;
            }
        }
        let score: f64 = frequency
            .iter()
            .zip(idfs.iter().chain(std::iter::repeat(&0.0)))
            .map(|(f, idf)| idf * (f * (K1 + 1.0)) / (f + K1))
            .sum();
        Ok(-score)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranked(conn: &Connection, expression: &str, idfs: &[f64]) -> Vec<(i64, f64)> {
        conn.prepare(&format!(
            "SELECT rowid, onrecord_rank(t, ?1) AS score FROM t WHERE t MATCH '{expression}'
             ORDER BY score, rowid"
        ))
        .unwrap()
        .query_map([idf_blob(idfs)], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
    }

    fn table() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        register(&conn).unwrap();
        conn.execute_batch(
            "CREATE VIRTUAL TABLE t USING fts5(text, context, speaker);
             INSERT INTO t VALUES ('ammunition on set, a long quote about it', 'context', 'Ana Ruiz');
             INSERT INTO t VALUES ('no ammunition, never ammunition', 'short', 'Ben Ode');
             INSERT INTO t VALUES ('nothing here', 'ammunition in the context only', 'Cy Pol');
             INSERT INTO t VALUES ('safety first', 'context', 'Ammunition Jones');
             INSERT INTO t VALUES ('set safety', 'context', 'Di Rae');",
        )
        .unwrap();
        conn
    }

    #[test]
    fn words_in_the_quote_count_most_then_the_speaker_then_the_context() {
        let conn = table();
        let score = |weighted: f64| -2.0 * weighted * (K1 + 1.0) / (weighted + K1);
        assert_eq!(
            ranked(&conn, "ammunition", &[2.0]),
            [
                (2, score(20.0)),
                (1, score(10.0)),
                (4, score(5.0)),
                (3, score(1.0))
            ]
        );
    }

    #[test]
    fn rarer_words_weigh_more() {
        let conn = table();
        // "set" in quotes 1 and 5, "safety" in 4 and 5; "set" made the rarer.
        let hits = ranked(
            &conn,
            "set OR safety",
            &[idf(1000.0, 10.0), idf(1000.0, 500.0)],
        );
        let order: Vec<i64> = hits.iter().map(|(row, _)| *row).collect();
        assert_eq!(order, [5, 1, 4]);
    }

    #[test]
    fn phrases_without_a_frequency_do_not_count() {
        let conn = Connection::open_in_memory().unwrap();
        register(&conn).unwrap();
        conn.execute_batch(
            "CREATE VIRTUAL TABLE t USING fts5(text, context, speaker);
                            INSERT INTO t VALUES ('a b', 'c', 'd');",
        )
        .unwrap();
        let score: f64 = conn
            .query_row(
                "SELECT onrecord_rank(t) FROM t WHERE t MATCH 'a'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(score, 0.0);
    }
}
