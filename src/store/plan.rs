//! The search statement for a filter. Only the filters that are set go into the SQL, so
//! that SQLite can use its indexes. A search asking for a few hits reads a window of
//! candidates first and joins only those: the best of the newest matches of its words, or
//! the newest quotes passing its filters (the caller widens the window when filters or
//! clusters leave too few hits).

use super::rank::{RANK_FUNCTION, idf_blob};
use super::search::{SearchFilter, Sort};
use crate::extract::QuoteKind;
use rusqlite::types::Value;

/// Which matches a relevance search ranks: ranking costs about a microsecond per match, so
/// a word found in 60,000 quotes is ranked among its newest matches only (`min_rowid`),
/// and only the best `limit` of them are joined and filtered.
#[derive(Debug, Clone, Copy)]
pub(super) struct Top {
    pub limit: i64,
    pub min_rowid: Option<i64>,
}

/// The candidates a search statement reads.
#[derive(Debug, Clone)]
pub(super) enum Window {
    /// Every quote that matches.
    All,
    /// The best-ranked of the newest matches of the words.
    Best(Top),
    /// The quotes dated on or after this date. With one hit per cluster, a cluster that
    /// also matches before it is left out: its first appearance is older than the window.
    Since(String),
    /// The matches of the words stored from `min_rowid` on and dated on or after `oldest`
    /// (the caller checks that no quote stored before `min_rowid` is dated so late).
    NewestMatches { min_rowid: i64, oldest: String },
    /// The quotes among `ids`, dated on or after `oldest` if set (the caller checks, as for
    /// `NewestMatches`, that no quote outside them is dated so late); like `Since`, a cluster
    /// that also appears before `oldest` is left out.
    Among {
        ids: Vec<i64>,
        oldest: Option<String>,
    },
}

/// What a search asks FTS5: the MATCH expression and, for ranking, the inverse document
/// frequency of each of its phrases (see `rank.rs`).
#[derive(Debug, Clone)]
pub(super) struct Matching {
    pub expression: String,
    pub idfs: Vec<f64>,
}

impl Matching {
    /// The ranking call, pushing its parameters.
    fn score(&self, values: &mut Vec<Value>) -> String {
        values.push(Value::Blob(idf_blob(&self.idfs)));
        format!("{RANK_FUNCTION}(quotes_fts, ?)")
    }
}

/// The filter with what the store resolved for it: the ids of the speakers `--speaker`
/// names (`None`: no speaker filter).
#[derive(Debug, Clone, Copy)]
pub(super) struct Scope<'a> {
    pub filter: &'a SearchFilter,
    pub speakers: Option<&'a [i64]>,
}

/// SQL with its positional parameters.
pub(super) struct Statement {
    pub sql: String,
    pub values: Vec<Value>,
}

/// The columns every hit is read from (see `hit_from_row`).
const HIT_COLUMNS: &str =
    "q.id, q.text, s.name, q.speaker_mention, q.role, q.cue, q.kind, q.context,
    q.date, d.title, d.site, coalesce(d.canonical_url, d.url), coalesce(q.cluster_id, q.id)";

/// How often, and in how many outlets, a cluster's words appeared.
const CLUSTER_COUNTS: &str = "
    (SELECT count(*) FROM quotes c WHERE c.id = r.cluster OR c.cluster_id = r.cluster),
    (SELECT count(DISTINCT coalesce(cd.site, cd.canonical_url, cd.url))
       FROM quotes c JOIN documents cd ON cd.id = c.document_id
      WHERE c.id = r.cluster OR c.cluster_id = r.cluster)";

const JOIN_DETAILS: &str = "JOIN quotes q ON q.id = r.id
    JOIN documents d ON d.id = q.document_id
    LEFT JOIN speakers s ON s.id = q.speaker_id";

/// The search statement. `matching` is what FTS5 is asked for the filter's words.
pub(super) fn search_statement(
    scope: Scope,
    matching: Option<&Matching>,
    window: &Window,
) -> Statement {
    let filter = scope.filter;
    let mut values = Vec::new();
    let by_relevance = matching.is_some() && filter.sort == Sort::Relevance;
    let (prefix, source, window_clause, score) = match (matching, window) {
        (Some(matching), Window::Best(top)) if by_relevance => {
            let score = matching.score(&mut values);
            values.push(Value::Text(matching.expression.clone()));
            values.push(Value::Integer(top.min_rowid.unwrap_or(i64::MIN)));
            // Filters on the quote or its document are applied before ranking, so that the
            // best `limit` are hits; a selective one (a site) would otherwise leave few.
            let (joins, filters) = if filters_before_ranking(filter) {
                (
                    "CROSS JOIN quotes q ON q.id = quotes_fts.rowid
                     JOIN documents d ON d.id = q.document_id",
                    filter_clauses(scope, &mut values, "q", "d"),
                )
            } else {
                ("", String::new())
            };
            (
                format!(
                    "top AS (SELECT quotes_fts.rowid AS id, {score} AS score FROM quotes_fts {joins}
                             WHERE quotes_fts MATCH ? AND quotes_fts.rowid >= ?{filters}
                             ORDER BY score, id DESC LIMIT {}),",
                    top.limit
                ),
                "top CROSS JOIN quotes q ON q.id = top.id",
                "1".to_string(),
                "top.score".to_string(),
            )
        }
        (Some(matching), Window::NewestMatches { min_rowid, oldest }) => {
            values.push(Value::Text(matching.expression.clone()));
            values.push(Value::Integer(*min_rowid));
            values.push(Value::Text(oldest.clone()));
            let mut clause =
                "quotes_fts MATCH ? AND quotes_fts.rowid >= ? AND q.date >= ?".to_string();
            if filter.one_per_cluster {
                clause.push_str(&older_appearance(
                    scope,
                    Some(matching),
                    &mut values,
                    oldest,
                ));
            }
            (
                String::new(),
                "quotes_fts CROSS JOIN quotes q ON q.id = quotes_fts.rowid",
                clause,
                "0.0".to_string(),
            )
        }
        (Some(matching), _) => {
            let score = if by_relevance {
                matching.score(&mut values)
            } else {
                "0.0".to_string()
            };
            values.push(Value::Text(matching.expression.clone()));
            (
                String::new(),
                "quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid",
                "quotes_fts MATCH ?".to_string(),
                score,
            )
        }
        (None, Window::Since(oldest)) => {
            values.push(Value::Text(oldest.clone()));
            let mut clause = "q.date >= ?".to_string();
            if filter.one_per_cluster {
                clause.push_str(&older_appearance(scope, None, &mut values, oldest));
            }
            (String::new(), "quotes q", clause, "0.0".to_string())
        }
        (None, Window::Among { ids, oldest }) => {
            values.push(Value::Text(json_array(ids)));
            let mut clause = "q.id IN (SELECT value FROM json_each(?))".to_string();
            if let Some(oldest) = oldest {
                values.push(Value::Text(oldest.clone()));
                clause.push_str(" AND q.date >= ?");
                if filter.one_per_cluster {
                    clause.push_str(&older_appearance(scope, None, &mut values, oldest));
                }
            }
            (String::new(), "quotes q", clause, "0.0".to_string())
        }
        (None, _) => (
            String::new(),
            "quotes q",
            "1".to_string(),
            "0.0".to_string(),
        ),
    };
    let filters = filter_clauses(scope, &mut values, "q", "d");
    let limit = limit_value(filter.limit);
    let matched = format!(
        "matched AS (
             SELECT q.id AS id, coalesce(q.cluster_id, q.id) AS cluster, {score} AS score,
                    q.date AS date
             FROM {source} JOIN documents d ON d.id = q.document_id
             WHERE {window_clause}{filters})"
    );
    let sql = if filter.one_per_cluster {
        let order = if by_relevance {
            "r.best, r.date DESC"
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
             ORDER BY {order} LIMIT {limit}"
        )
    } else {
        let order = if by_relevance {
            "r.score, r.date DESC"
        } else {
            "r.date DESC, r.id"
        };
        format!(
            "WITH {prefix} {matched}
             SELECT {HIT_COLUMNS}, NULL, NULL
             FROM matched r {JOIN_DETAILS}
             ORDER BY {order} LIMIT {limit}"
        )
    };
    Statement { sql, values }
}

/// " AND NOT EXISTS …": the quote's cluster has no appearance passing the filters (and
/// matching the words, if any) before
/// `oldest`. The cluster's first quote is read by id, the others through the cluster index
/// (named, so that the planner cannot prefer a walk through the quotes by date).
fn older_appearance(
    scope: Scope,
    matching: Option<&Matching>,
    values: &mut Vec<Value>,
    oldest: &str,
) -> String {
    let mut probe = |quotes: &str, cluster_is: &str| {
        values.push(Value::Text(oldest.to_string()));
        let words = match matching {
            Some(matching) => {
                values.push(Value::Text(matching.expression.clone()));
                " AND EXISTS (SELECT 1 FROM quotes_fts(?) f WHERE f.rowid = c.id)"
            }
            None => "",
        };
        let filters = filter_clauses(scope, values, "c", "cd");
        format!(
            " AND NOT EXISTS (SELECT 1 FROM {quotes} JOIN documents cd ON cd.id = c.document_id
                              WHERE {cluster_is} AND c.date < ?{words}{filters})"
        )
    };
    let first = probe("quotes c", "c.id = q.cluster_id");
    let others = probe(
        "quotes c INDEXED BY quotes_by_cluster",
        "c.cluster_id = coalesce(q.cluster_id, q.id)",
    );
    first + &others
}

/// The date of the `nth` newest quote passing the filters (1 is the newest), among `ids`
/// when given.
pub(super) fn nth_newest_date(scope: Scope, among: Option<&[i64]>, nth: i64) -> Statement {
    let mut values = Vec::new();
    let among = match among {
        Some(ids) => {
            values.push(Value::Text(json_array(ids)));
            " AND q.id IN (SELECT value FROM json_each(?))"
        }
        None => "",
    };
    let filters = filter_clauses(scope, &mut values, "q", "d");
    let documents = documents_join(scope.filter);
    Statement {
        sql: format!(
            "SELECT q.date FROM quotes q {documents}
             WHERE 1{among}{filters} ORDER BY q.date DESC LIMIT 1 OFFSET {}",
            nth - 1
        ),
        values,
    }
}

/// Ids as a JSON array, for `json_each`.
fn json_array(ids: &[i64]) -> String {
    let listed: Vec<String> = ids.iter().map(i64::to_string).collect();
    format!("[{}]", listed.join(","))
}

/// The date of the `nth` newest match of the words stored from `min_rowid` on that passes
/// the filters.
pub(super) fn nth_newest_match_date(
    scope: Scope,
    matching: &Matching,
    min_rowid: i64,
    nth: i64,
) -> Statement {
    let mut values = vec![
        Value::Text(matching.expression.clone()),
        Value::Integer(min_rowid),
    ];
    let filters = filter_clauses(scope, &mut values, "q", "d");
    let documents = documents_join(scope.filter);
    Statement {
        sql: format!(
            "SELECT q.date FROM quotes_fts CROSS JOIN quotes q ON q.id = quotes_fts.rowid {documents}
             WHERE quotes_fts MATCH ? AND quotes_fts.rowid >= ?{filters}
             ORDER BY q.date DESC LIMIT 1 OFFSET {}",
            nth - 1
        ),
        values,
    }
}

/// Whether a quote stored before `rowid` is dated on or after `date`.
pub(super) fn dated_before_window(date: &str, rowid: i64) -> Statement {
    Statement {
        sql: "SELECT EXISTS (SELECT 1 FROM quotes INDEXED BY quotes_by_date WHERE date >= ? AND id < ?)"
            .to_string(),
        values: vec![Value::Text(date.to_string()), Value::Integer(rowid)],
    }
}

/// Whether a filter other than the speaker's is set (the speaker narrows the full-text
/// match itself).
fn filters_before_ranking(filter: &SearchFilter) -> bool {
    filters_documents(filter)
        || filter.since.is_some()
        || filter.until.is_some()
        || filter.kind.is_some()
}

/// The join with documents, only when a filter reads them: the quotes' own columns and
/// indexes answer alone otherwise.
fn documents_join(filter: &SearchFilter) -> &'static str {
    if filters_documents(filter) {
        "JOIN documents d ON d.id = q.document_id"
    } else {
        ""
    }
}

/// Whether a filter reads the documents table (the site or the language).
fn filters_documents(filter: &SearchFilter) -> bool {
    let set = |value: &Option<String>| value.as_deref().is_some_and(|v| !v.trim().is_empty());
    set(&filter.site) || set(&filter.language)
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
             ORDER BY q.date, q.id"
        ),
        values: vec![Value::Integer(id)],
    }
}

/// The rowids of the newest `count` matches of `expression`, newest first.
pub(super) fn newest_match_ids(expression: &str, count: i64) -> Statement {
    Statement {
        sql: format!(
            "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ? ORDER BY rowid DESC LIMIT {count}"
        ),
        values: vec![Value::Text(expression.to_string())],
    }
}

/// The rowid of the `nth` newest match of `expression` (1 is the newest).
pub(super) fn nth_newest_match(expression: &str, nth: i64) -> Statement {
    Statement {
        sql: format!(
            "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET {}",
            nth - 1
        ),
        values: vec![Value::Text(expression.to_string())],
    }
}

/// Counts matches of `expression`, stopping past `at_most`.
pub(super) fn count_matches(expression: &str, at_most: i64) -> Statement {
    Statement {
        sql: format!(
            "SELECT count(*) FROM (SELECT 1 FROM quotes_fts WHERE quotes_fts MATCH ? LIMIT {at_most})"
        ),
        values: vec![Value::Text(expression.to_string())],
    }
}

/// Counts matches of `expression` among the rows after `after_rowid`.
pub(super) fn count_matches_after(expression: &str, after_rowid: i64) -> Statement {
    Statement {
        sql: "SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH ? AND rowid > ?".to_string(),
        values: vec![
            Value::Text(expression.to_string()),
            Value::Integer(after_rowid),
        ],
    }
}

/// SQLite's LIMIT: -1 for none. Limits and offsets are written into the SQL, never bound:
/// SQLite prepares a statement again when a value bound to its LIMIT is set.
fn limit_value(limit: Option<usize>) -> i64 {
    limit.map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX))
}

/// " AND …" for each filter that is set, pushing its parameters; `q` and `d` are the
/// aliases of the quote and its document.
fn filter_clauses(scope: Scope, values: &mut Vec<Value>, q: &str, d: &str) -> String {
    let filter = scope.filter;
    let mut sql = String::new();
    if let Some(ids) = scope.speakers {
        let marks = vec!["?"; ids.len()].join(", ");
        sql.push_str(&format!(" AND {q}.speaker_id IN ({marks})"));
        values.extend(ids.iter().map(|id| Value::Integer(*id)));
    }
    if let Some(site) = filter
        .site
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        sql.push_str(&format!(
            " AND (lower({d}.site) = lower(?)
                   OR lower(coalesce({d}.canonical_url, {d}.url)) LIKE ? ESCAPE '\\'
                   OR lower(coalesce({d}.canonical_url, {d}.url)) LIKE ? ESCAPE '\\')",
        ));
        let host = like_escaped(&site.to_lowercase());
        values.push(Value::Text(site.to_string()));
        values.push(Value::Text(format!("%://{host}/%")));
        values.push(Value::Text(format!("%://%.{host}/%")));
    }
    if let Some(since) = &filter.since {
        sql.push_str(&format!(" AND {q}.date >= ?"));
        values.push(Value::Text(since.clone()));
    }
    if let Some(until) = &filter.until {
        sql.push_str(&format!(" AND {q}.date < ?"));
        values.push(Value::Text(until.clone()));
    }
    if let Some(kind) = filter.kind {
        sql.push_str(&format!(" AND {q}.kind = ?"));
        values.push(Value::Text(QuoteKind::as_str(kind).to_string()));
    }
    if let Some(language) = filter
        .language
        .as_deref()
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        sql.push_str(&format!(
            " AND (lower({d}.language) = lower(?) OR lower({d}.language) LIKE lower(?) ESCAPE '\\')",
        ));
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
