//! What of a quote the full-text index holds (`quotes_fts`, contentless: the words are
//! stored once, in `quotes`): its words, the context around them, the speaker's name (or
//! how the text named them), and a token for the speaker's id that `--speaker` matches.

use super::speakers::speaker_token;
use rusqlite::{Transaction, params};
use std::borrow::Cow;

/// A quote as indexed.
pub(super) struct IndexedQuote<'a> {
    pub id: i64,
    pub text: &'a str,
    pub context: &'a str,
    pub speaker: &'a str,
    pub speaker_id: Option<i64>,
}

pub(super) fn index_quote(tx: &Transaction, quote: &IndexedQuote) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO quotes_fts (rowid, text, context, speaker, who) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        quote.id,
        quote.text,
        context_around(quote.context, quote.text),
        quote.speaker,
        quote.speaker_id.map(speaker_token).unwrap_or_default(),
    ])?;
    Ok(())
}

/// A quote's context without the quote's own words, which the text column indexes
/// already: indexed twice, they were two fifths of its tokens, and counted twice in a
/// match's score.
fn context_around<'a>(context: &'a str, text: &str) -> Cow<'a, str> {
    match context.find(text) {
        Some(at) if !text.is_empty() => {
            format!("{} {}", &context[..at], &context[at + text.len()..]).into()
        }
        _ => context.into(),
    }
}

/// Indexes every stored quote again (migration 0010 emptied the index).
pub(super) fn reindex_quotes(tx: &Transaction) -> rusqlite::Result<()> {
    let mut quotes = tx.prepare(
        "SELECT q.id, q.text, q.context, coalesce(s.name, q.speaker_mention, ''), q.speaker_id
         FROM quotes q LEFT JOIN speakers s ON s.id = q.speaker_id",
    )?;
    let mut rows = quotes.query([])?;
    while let Some(row) = rows.next()? {
        index_quote(
            tx,
            &IndexedQuote {
                id: row.get(0)?,
                text: row.get_ref(1)?.as_str()?,
                context: row.get_ref(2)?.as_str()?,
                speaker: row.get_ref(3)?.as_str()?,
                speaker_id: row.get(4)?,
            },
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::context_around;

    #[test]
    fn the_context_is_indexed_without_the_quote() {
        let context = "“We will rebuild the pier,” Ana Ruiz said on Monday.";
        assert_eq!(
            context_around(context, "We will rebuild the pier,"),
            "“ ” Ana Ruiz said on Monday."
        );
        assert_eq!(context_around(context, "not in it"), context);
        assert_eq!(context_around(context, ""), context);
    }
}
