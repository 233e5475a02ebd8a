//! The search language users type, translated to a safe FTS5 expression.
//!
//! Users type words, "exact phrases", `OR`, `-exclusions` and `prefix*`. Every term is
//! passed to FTS5 as a double-quoted string, so FTS5 syntax (`NEAR`, `col:`, `^`,
//! parentheses, stray quotes) is never interpreted: whatever a user types gives results or
//! a clear message, never an FTS5 syntax error.

use crate::error::{Error, Result};

/// One term of a parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Term {
    words: String,
    prefix: bool,
    excluded: bool,
    /// Joined to the previous term by `OR` rather than `AND`.
    or_previous: bool,
}

/// A user's query as FTS5 reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct FtsQuery {
    /// The MATCH expression.
    pub expression: String,
    /// A looser expression matching at least every row `expression` matches: phrases
    /// become their words ANDed, exclusions go. Cheap to walk where a phrase of common
    /// words is not, it tells how far back the newest matches reach.
    pub looser: String,
    /// Each phrase of `expression` as an expression of its own, in the order FTS5
    /// numbers them (the words looked for, then the excluded ones).
    pub phrases: Vec<String>,
    /// How many of `phrases` are looked for (the rest are excluded).
    pub wanted_phrases: usize,
}

/// Translates a user's query into an FTS5 MATCH expression.
pub fn fts_expression(query: &str) -> Result<String> {
    parse_query(query).map(|parsed| parsed.expression)
}

/// Parses a user's query: its FTS5 expression, a looser one, and its phrases.
pub fn parse_query(query: &str) -> Result<FtsQuery> {
    let terms = parse(query);
    let (excluded, included): (Vec<&Term>, Vec<&Term>) = terms.iter().partition(|t| t.excluded);
    if included.is_empty() {
        let reason = if excluded.is_empty() {
            format!("nothing to search for in {query:?}: type one or more words")
        } else {
            format!("{query:?} only excludes words: add a word to look for")
        };
        return Err(Error::Query(reason));
    }
    let mut groups: Vec<Vec<&Term>> = Vec::new();
    for term in &included {
        match groups.last_mut() {
            Some(group) if term.or_previous => group.push(term),
            _ => groups.push(vec![term]),
        }
    }
    let all_of = |written: fn(&Term) -> String| {
        groups
            .iter()
            .map(|group| {
                let any: Vec<String> = group.iter().map(|t| written(t)).collect();
                format!("({})", any.join(" OR "))
            })
            .collect::<Vec<_>>()
            .join(" AND ")
    };
    let positive = all_of(quoted);
    let looser = all_of(words_anded);
    let phrases: Vec<String> = included
        .iter()
        .chain(&excluded)
        .map(|t| quoted(t))
        .collect();
    let expression = if excluded.is_empty() {
        positive
    } else {
        format!(
            "({positive}) NOT ({})",
            phrases[included.len()..].join(" OR ")
        )
    };
    Ok(FtsQuery {
        expression,
        looser,
        phrases,
        wanted_phrases: included.len(),
    })
}

/// `expression` restricted to quotes whose `who` column holds one of `tokens`.
pub fn with_speakers(expression: &str, tokens: &[String]) -> String {
    format!("({expression}) AND {}", speakers_only(tokens))
}

/// The quotes of any of these speakers (their tokens in the `who` column).
pub fn speakers_only(tokens: &[String]) -> String {
    let any: Vec<String> = tokens.iter().map(|t| format!("\"{t}\"")).collect();
    format!("who : ({})", any.join(" OR "))
}

/// A phrase's words ANDed ("we will" → "we" AND "will"); a one-word term as it is.
fn words_anded(term: &Term) -> String {
    if term.prefix || !term.words.contains(' ') {
        return quoted(term);
    }
    let words: Vec<String> = term
        .words
        .split(' ')
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect();
    format!("({})", words.join(" AND "))
}

fn quoted(term: &Term) -> String {
    let escaped = term.words.replace('"', "\"\"");
    if term.prefix {
        format!("\"{escaped}\"*")
    } else {
        format!("\"{escaped}\"")
    }
}

/// Splits the query into terms; terms with no letter or digit are dropped.
fn parse(query: &str) -> Vec<Term> {
    let mut terms = Vec::new();
    let mut or_next = false;
    let mut rest = query.trim_start();
    while !rest.is_empty() {
        let (raw, phrase, after) = next_token(rest);
        rest = after.trim_start();
        if !phrase && (raw == "OR" || raw == "|") {
            or_next = !terms.is_empty();
            continue;
        }
        if !phrase && raw == "AND" {
            continue;
        }
        let (excluded, body) = match raw.strip_prefix('-') {
            Some(body) if !phrase => (true, body),
            _ => (false, raw),
        };
        let (prefix, body) = match body.strip_suffix('*') {
            Some(body) if !phrase => (true, body),
            _ => (false, body),
        };
        let words = words_of(body);
        if words.is_empty() {
            continue;
        }
        terms.push(Term {
            words,
            prefix,
            excluded,
            or_previous: or_next,
        });
        or_next = false;
    }
    terms
}

/// The next token: a "quoted phrase" (closed by the next quote or the end), optionally
/// preceded by `-`, or a run of non-space characters. Returns (token, is_phrase, rest).
fn next_token(input: &str) -> (&str, bool, &str) {
    let negated_phrase = input.starts_with("-\"");
    if input.starts_with('"') || negated_phrase {
        let open = if negated_phrase { 2 } else { 1 };
        let body = &input[open..];
        let end = body.find('"').unwrap_or(body.len());
        let after = body.get(end + 1..).unwrap_or("");
        if negated_phrase {
            // Keep the minus: "-" + phrase is an excluded phrase, marked by a leading '-'.
            return (&input[..open + end], false, after);
        }
        return (&body[..end], true, after);
    }
    let end = input.find(char::is_whitespace).unwrap_or(input.len());
    (&input[..end], false, &input[end..])
}

/// The letters and digits of a term, as FTS5's unicode61 tokenizer would see them, joined
/// by single spaces; quote marks and other punctuation go.
fn words_of(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_anded_and_quoted() {
        assert_eq!(
            fts_expression("live ammunition").unwrap(),
            r#"("live") AND ("ammunition")"#
        );
    }

    #[test]
    fn phrases_or_prefix_and_exclusions() {
        assert_eq!(
            fts_expression(r#""live ammunition" OR weapons -prop* shoot*"#).unwrap(),
            r#"(("live ammunition" OR "weapons") AND ("shoot"*)) NOT ("prop"*)"#
        );
        assert_eq!(
            fts_expression(r#"set -"live ammunition""#).unwrap(),
            r#"(("set")) NOT ("live ammunition")"#
        );
    }

    #[test]
    fn phrases_are_numbered_and_loosened() {
        let parsed = parse_query(r#""we will" OR never -"no comment" fight"#).unwrap();
        assert_eq!(
            parsed.phrases,
            [
                r#""we will""#,
                r#""never""#,
                r#""fight""#,
                r#""no comment""#
            ]
        );
        assert_eq!(parsed.wanted_phrases, 3);
        assert_eq!(
            parsed.looser,
            r#"(("we" AND "will") OR "never") AND ("fight")"#
        );
    }

    #[test]
    fn fts_syntax_is_never_interpreted() {
        assert_eq!(
            fts_expression("NEAR(a b)").unwrap(),
            r#"("NEAR a") AND ("b")"#
        );
        assert_eq!(
            fts_expression("text:ammunition").unwrap(),
            r#"("text ammunition")"#
        );
        assert_eq!(
            fts_expression(r#"^start "unbalanced"#).unwrap(),
            r#"("start") AND ("unbalanced")"#
        );
        assert_eq!(fts_expression("(a OR b").unwrap(), r#"("a" OR "b")"#);
    }

    #[test]
    fn speakers_become_a_column_filter() {
        let tokens = vec![
            "onrecordspeaker1".to_string(),
            "onrecordspeaker22".to_string(),
        ];
        assert_eq!(
            with_speakers(r#"("appeal")"#, &tokens),
            r#"(("appeal")) AND who : ("onrecordspeaker1" OR "onrecordspeaker22")"#
        );
    }

    #[test]
    fn nothing_to_search_is_a_clear_message() {
        for query in ["", "   ", "-", "*", "^", "😀", "OR", "\"\""] {
            let err = fts_expression(query).unwrap_err().to_string();
            assert!(err.contains("nothing to search for"), "{query:?}: {err}");
        }
        let err = fts_expression("-weapons").unwrap_err().to_string();
        assert!(err.contains("only excludes"), "{err}");
    }
}
