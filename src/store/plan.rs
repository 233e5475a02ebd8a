//! The search statement for a filter. Only the filters that are set go into the SQL, so
//! that SQLite can use its indexes; relevance-ranked word searches read the best matches
//! from FTS5 first and join only those (the caller widens the window when filters or
//! clusters leave too few hits).

use super::search::{SearchFilter, Sort};
use crate::extract::QuoteKind;
use rusqlite::types::Value;

/// Which matches a relevance search ranks: FTS5 computes bm25 for every match it ranks
/// (about 2 µs each), so a word found in 60,000 quotes is ranked among its newest
/// matches only (`min_rowid`), and only the best `limit` of them are joined and filtered.
#[derive(Debug, Clone, Copy)]
pub(super) struct Top {
    pub limit: i64,
    pub min_rowid: Option<i64>,
}

/// SQL with its positional parameters.
pub(super) struct Statement {
    pub sql: String,
    pub values: Vec<Value>,
}

/// The columns every hit is read from (see `hit_from_row`).
const HIT_COLUMNS: &str =
    "q.id, q.text, s.name, q.speaker_mention, q.role, q.cue, q.kind, q.context,
    coalesce(d.published_at, d.fetched_at), d.title, d.site, coalesce(d.canonical_url, d.url),
    coalesce(q.cluster_id, q.id)";

/// How often, and in how many outlets, a cluster's words appeared.
const CLUSTER_COUNTS: &str = "
    (SELECT count(*) FROM quotes c WHERE c.id = r.cluster OR c.cluster_id = r.cluster),
    (SELECT count(DISTINCT coalesce(cd.site, cd.canonical_url, cd.url))
       FROM quotes c JOIN documents cd ON cd.id = c.document_id
      WHERE c.id = r.cluster OR c.cluster_id = r.cluster)";

const JOIN_DETAILS: &str = "JOIN quotes q ON q.id = r.id
    JOIN documents d ON d.id = q.document_id
    LEFT JOIN speakers s ON s.id = q.speaker_id";

/// The search statement. `expression` is the FTS5 expression of the filter's words; `top`
/// limits a relevance search to the best `top` matches before filtering (`None`: filter
/// every match, the better plan when a selective filter such as a speaker is set).
pub(super) fn search_statement(
    filter: &SearchFilter,
    expression: Option<&str>,
    top: Option<Top>,
) -> Statement {
    let mut values = Vec::new();
    let by_relevance = expression.is_some() && filter.sort == Sort::Relevance;
    let (prefix, source, matching, score) = match (expression, top) {
        (Some(expression), Some(top)) if by_relevance => {
            values.push(Value::Text(expression.to_string()));
            values.push(Value::Integer(top.min_rowid.unwrap_or(i64::MIN)));
            values.push(Value::Integer(top.limit));
            (
                "top AS (SELECT rowid AS id, rank AS score FROM quotes_fts
                         WHERE quotes_fts MATCH ? AND rowid >= ? ORDER BY rank LIMIT ?),",
                "top JOIN quotes q ON q.id = top.id",
                "1",
                "top.score",
            )
        }
        (Some(expression), _) => {
            values.push(Value::Text(expression.to_string()));
            let score = if by_relevance {
                "quotes_fts.rank"
            } else {
                "0.0"
            };
            (
                "",
                "quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid",
                "quotes_fts MATCH ?",
                score,
            )
        }
        (None, _) => ("", "quotes q", "1", "0.0"),
    };
    let filters = filter_clauses(filter, &mut values);
    let matched = format!(
        "matched AS (
             SELECT q.id AS id, coalesce(q.cluster_id, q.id) AS cluster, {score} AS score,
                    coalesce(d.published_at, d.fetched_at) AS date
             FROM {source} JOIN documents d ON d.id = q.document_id
             WHERE {matching}{filters})"
    );
    let sql = if filter.one_per_cluster {
        let order = if by_relevance {
            "r.best, r.date"
        } else {
            "r.date DESC, r.id"
        };
        format!(
            "WITH {prefix} {matched},
             ranked AS (
                 SELECT id, cluster, date, min(score) OVER (PARTITION BY cluster) AS best,
                        row_number() OVER (PARTITION BY cluster ORDER BY date, id) AS nth
                 FROM matched)
             SELECT {HIT_COLUMNS}, {CLUSTER_COUNTS}
             FROM ranked r {JOIN_DETAILS}
             WHERE r.nth = 1
             ORDER BY {order} LIMIT ?"
        )
    } else {
        let order = if by_relevance {
            "r.score, r.date"
        } else {
            "r.date DESC, r.id"
        };
        format!(
            "WITH {prefix} {matched}
             SELECT {HIT_COLUMNS}, NULL, NULL
             FROM matched r {JOIN_DETAILS}
             ORDER BY {order} LIMIT ?"
        )
    };
    values.push(Value::Integer(limit_value(filter.limit)));
    Statement { sql, values }
}

/// Every appearance of the cluster of quote `id` (or of cluster `id`), earliest first.
pub(super) fn appearances_statement(id: i64) -> Statement {
    Statement {
        sql: format!(
            "WITH target AS (
                 SELECT coalesce((SELECT coalesce(cluster_id, id) FROM quotes WHERE id = ?1), ?1) AS cluster),
             r AS (SELECT q.id AS id FROM target JOIN quotes q ON q.id = target.cluster OR q.cluster_id = target.cluster)
             SELECT {HIT_COLUMNS}, NULL, NULL
             FROM r {JOIN_DETAILS}
             ORDER BY coalesce(d.published_at, d.fetched_at), q.id"
        ),
        values: vec![Value::Integer(id)],
    }
}

/// The rowid of the `nth` newest match of `expression` (1 is the newest).
pub(super) fn nth_newest_match(expression: &str, nth: i64) -> Statement {
    Statement {
        sql: "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?"
            .to_string(),
        values: vec![Value::Text(expression.to_string()), Value::Integer(nth - 1)],
    }
}

/// Counts matches of `expression`, stopping past `at_most`.
pub(super) fn count_matches(expression: &str, at_most: i64) -> Statement {
    Statement {
        sql: "SELECT count(*) FROM (SELECT 1 FROM quotes_fts WHERE quotes_fts MATCH ? LIMIT ?)"
            .to_string(),
        values: vec![Value::Text(expression.to_string()), Value::Integer(at_most)],
    }
}

/// SQLite's LIMIT: -1 for none.
fn limit_value(limit: Option<usize>) -> i64 {
    limit.map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX))
}

/// " AND …" for each filter that is set, pushing its parameters.
fn filter_clauses(filter: &SearchFilter, values: &mut Vec<Value>) -> String {
    let mut sql = String::new();
    if let Some(key) = filter
        .speaker
        .as_deref()
        .map(super::normalize_key)
        .filter(|k| !k.is_empty())
    {
        sql.push_str(
            " AND q.speaker_id IN (SELECT speaker_id FROM speaker_aliases WHERE key = ?
                                   UNION SELECT id FROM speakers WHERE ' ' || key || ' ' LIKE ?)",
        );
        let pattern = format!("% {key} %");
        values.push(Value::Text(key));
        values.push(Value::Text(pattern));
    }
    if let Some(site) = filter
        .site
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        sql.push_str(
            " AND (lower(d.site) = lower(?)
                   OR lower(coalesce(d.canonical_url, d.url)) LIKE ? ESCAPE '\\'
                   OR lower(coalesce(d.canonical_url, d.url)) LIKE ? ESCAPE '\\')",
        );
        let host = like_escaped(&site.to_lowercase());
        values.push(Value::Text(site.to_string()));
        values.push(Value::Text(format!("%://{host}/%")));
        values.push(Value::Text(format!("%://%.{host}/%")));
    }
    if let Some(since) = &filter.since {
        sql.push_str(" AND coalesce(d.published_at, d.fetched_at) >= ?");
        values.push(Value::Text(since.clone()));
    }
    if let Some(until) = &filter.until {
        sql.push_str(" AND coalesce(d.published_at, d.fetched_at) < ?");
        values.push(Value::Text(until.clone()));
    }
    if let Some(kind) = filter.kind {
        sql.push_str(" AND q.kind = ?");
        values.push(Value::Text(QuoteKind::as_str(kind).to_string()));
    }
    if let Some(language) = filter
        .language
        .as_deref()
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        sql.push_str(
            " AND (lower(d.language) = lower(?) OR lower(d.language) LIKE lower(?) ESCAPE '\\')",
        );
        values.push(Value::Text(language.to_string()));
        values.push(Value::Text(format!("{}-%", like_escaped(language))));
    }
    sql
}

/// `text` with LIKE's wildcards escaped by a backslash.
fn like_escaped(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}
