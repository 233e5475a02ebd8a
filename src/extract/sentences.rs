//! Sentence bounds inside a block: the context of a quote and the reach of its cue.
//!
//! `read page → extract quotes` (spans → `sentences` → attribution): splits one block into
//! sentences at terminal punctuation outside quotation spans, so that a quote's sentence holds
//! the whole quote and the words that attribute it. Linear in the block.

use super::spans::Span;
use std::ops::Range;

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "prof", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt",
    "jr", "sr", "inc", "co", "corp", "ltd", "no", "vs", "etc", "jan", "feb", "mar", "apr", "aug",
    "sept", "sep", "oct", "nov", "dec", "a.m", "p.m", "u.s", "u.k", "u.n", "e.g", "i.e", "mt",
    "ft", "approx", "dept", "univ", "hr", "bzw", "z.b", "ca", "nr",
];

/// The sentences of `text` as byte ranges, in order, covering every non-blank part.
pub fn split(text: &str, spans: &[Span]) -> Vec<Range<usize>> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut span_index = 0;
    let mut consumed = 0;
    for (at, mark) in text.match_indices(is_terminal) {
        if at < consumed {
            continue;
        }
        while spans.get(span_index).is_some_and(|s| s.close <= at) {
            span_index += 1;
        }
        let inside = spans
            .get(span_index)
            .is_some_and(|s| s.open <= at && at < s.close);
        if inside {
            // "“… as he did.” And then …": a quote whose last sentence ends at its closing
            // mark ends the sentence around it too.
            if let Some(end) = spans
                .get(span_index)
                .and_then(|s| sentence_closing_quote(text, s, at, mark))
            {
                consumed = end;
                sentences.push(start..end);
                start = end;
            }
            continue;
        }
        let c = mark.chars().next().unwrap_or('.');
        let mut end = at + mark.len();
        for next in text.get(end..).unwrap_or("").chars() {
            if !matches!(next, '.' | '!' | '?' | ')' | ']' | '。') {
                break;
            }
            end += next.len_utf8();
        }
        consumed = end;
        if c == '.' && is_abbreviation(text, at) {
            continue;
        }
        if starts_new_sentence(text.get(end..).unwrap_or("")) || matches!(c, '。' | '！' | '？')
        {
            sentences.push(start..end);
            start = end;
        }
    }
    if text
        .get(start..)
        .is_some_and(|rest| !rest.trim().is_empty())
    {
        sentences.push(start..text.len());
    }
    sentences
        .into_iter()
        .map(|range| trim_range(text, range))
        .collect()
}

/// The end of the closing mark of `span` when the full stop at `at` is the quote's last
/// character and a new sentence starts after the mark.
fn sentence_closing_quote(text: &str, span: &Span, at: usize, mark: &str) -> Option<usize> {
    if mark != "." || !span.closed || !text.get(at + 1..span.close)?.trim().is_empty() {
        return None;
    }
    if is_abbreviation(text, at) {
        return None;
    }
    let close_len = text.get(span.close..)?.chars().next()?.len_utf8();
    let end = span.close + close_len;
    starts_new_sentence(text.get(end..)?).then_some(end)
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？')
}

/// A sentence ends before white space and a capital, a digit or an opening mark.
fn starts_new_sentence(rest: &str) -> bool {
    let trimmed = rest.trim_start();
    if trimmed.len() == rest.len() {
        return false;
    }
    trimmed.chars().next().is_none_or(|c| {
        c.is_uppercase()
            || c.is_ascii_digit()
            || matches!(
                c,
                '“' | '"' | '„' | '«' | '‘' | '\'' | '»' | '(' | '[' | '「'
            )
    })
}

/// "Mr.", "U.S.", "M." (an initial): full stops that do not end a sentence.
fn is_abbreviation(text: &str, dot: usize) -> bool {
    let mut from = dot.saturating_sub(12);
    while from > 0 && !text.is_char_boundary(from) {
        from -= 1;
    }
    let before = text.get(from..dot).unwrap_or("");
    let word_start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |i| {
            i + before
                .get(i..)
                .and_then(|r| r.chars().next())
                .map_or(1, char::len_utf8)
        });
    let word = before.get(word_start..).unwrap_or("");
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if letters == 1 && word.chars().next().is_some_and(char::is_uppercase) {
        return true;
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = text.get(range.clone()).unwrap_or("");
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    let start = range.start + lead;
    start..(range.end - trail).max(start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::spans;

    fn sentences(text: &str) -> Vec<&str> {
        let spans = spans::find(text);
        split(text, &spans)
            .into_iter()
            .map(|r| text.get(r).unwrap_or("?"))
            .collect()
    }

    #[test]
    fn splits_outside_quotes_only() {
        assert_eq!(
            sentences("“Go. Now,” Mr. Smith said. He left."),
            ["“Go. Now,” Mr. Smith said.", "He left."]
        );
    }

    #[test]
    fn initials_and_abbreviations_do_not_split() {
        assert_eq!(
            sentences("Brian M. Good flew to the U.S. on Monday. Then home."),
            ["Brian M. Good flew to the U.S. on Monday.", "Then home."]
        );
    }
}
