//! Word tokens with byte offsets: the units every later stage of extraction reads.
//!
//! `read page → extract quotes` (tokens → spans → sentences → names → frames → people):
//! words keep their inner apostrophes, hyphens and full stops ("O’Neil", "Waller-Bridge’s",
//! "U.S"), every other mark is a token of its own. Pure and linear.

use std::borrow::Cow;

/// A word or a punctuation mark of a text, with its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

impl<'a> Token<'a> {
    pub fn is_word(&self) -> bool {
        self.text.chars().next().is_some_and(is_word_char)
    }

    pub fn is_punct(&self, marks: &[char]) -> bool {
        self.text
            .chars()
            .next()
            .is_some_and(|c| !is_word_char(c) && marks.contains(&c))
    }

    /// The word in lower case, borrowed when it already is.
    pub fn lower(&self) -> Cow<'a, str> {
        if self.text.chars().any(char::is_uppercase) {
            Cow::Owned(self.text.to_lowercase())
        } else {
            Cow::Borrowed(self.text)
        }
    }

    /// Starts with a capital and is not all capitals (a name-shaped word); "al-Kaabi",
    /// "el-Sisi" (an Arabic article glued to a name) are name-shaped too.
    pub fn is_capitalised(&self) -> bool {
        if let Some((article, rest)) = self.text.split_once('-')
            && ARABIC_ARTICLES.contains(&article)
            && rest.chars().next().is_some_and(char::is_uppercase)
        {
            return true;
        }
        let mut chars = self.text.chars();
        if !chars.next().is_some_and(char::is_uppercase) {
            return false;
        }
        let mut letters = chars.filter(|c| c.is_alphabetic()).peekable();
        letters.peek().is_none() || letters.any(char::is_lowercase)
    }

    /// "J", "R": a single capital, an initial when a full stop follows.
    pub fn is_initial(&self) -> bool {
        let mut chars = self.text.chars();
        chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
    }

    /// Ends with a possessive "’s" or "'s" (or "‘s", as scraped pages misprint it).
    pub fn is_possessive(&self) -> bool {
        self.text.ends_with("’s") || self.text.ends_with("'s") || self.text.ends_with("‘s")
    }

    /// The word without a possessive ending.
    pub fn without_possessive(&self) -> &'a str {
        self.text
            .strip_suffix("’s")
            .or_else(|| self.text.strip_suffix("'s"))
            .or_else(|| self.text.strip_suffix("‘s"))
            .unwrap_or(self.text)
    }

    /// "NBC", "NATO", "NBC’s": capitals only, two letters or more.
    pub fn is_acronym(&self) -> bool {
        let mut count = 0;
        for c in self
            .without_possessive()
            .chars()
            .filter(|c| c.is_alphabetic())
        {
            if !c.is_uppercase() {
                return false;
            }
            count += 1;
        }
        count >= 2
    }
}

/// The Arabic article as Latin-script news glues it to a name ("al-", "el-", "ash-").
const ARABIC_ARTICLES: &[&str] = &[
    "al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ud", "ul",
];

/// Words and punctuation marks of `text`; offsets are shifted by `base`.
/// A letter or digit, answered without Unicode tables for ASCII and for the punctuation
/// block (quotation marks, dashes), the characters news text is made of.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{2000}'..='\u{206F}').contains(&c) {
        false
    } else {
        c.is_alphanumeric()
    }
}

/// "l’", "d’", "qu’", "dell’" before a word (French, Italian), unless it is part of a
/// name ("D’Alema", "O’Neil"): lowercase, or before a lowercase letter.
fn is_elision(prefix: &str, following: Option<char>) -> bool {
    const ELIDED: &[&str] = &[
        "l", "d", "j", "n", "s", "c", "m", "t", "qu", "jusqu", "lorsqu", "puisqu", "dell", "all",
        "nell", "dall", "sull", "coll", "un", "quell", "sant",
    ];
    let lowercase = prefix.chars().all(char::is_lowercase);
    let before_lowercase = following.is_some_and(char::is_lowercase);
    (lowercase || before_lowercase) && ELIDED.iter().any(|e| e.eq_ignore_ascii_case(prefix))
}

/// "Swift‘s": an opening single mark glued to a word and followed by a lone "s" is a
/// misprinted apostrophe, never a quotation mark.
fn is_misprinted_possessive(text: &str, at: usize, mark: char) -> bool {
    mark == '‘'
        && text.get(at + mark.len_utf8()..).is_some_and(|rest| {
            let mut chars = rest.chars();
            chars.next() == Some('s') && !chars.next().is_some_and(is_word_char)
        })
}

pub fn tokens(text: &str, base: usize) -> Vec<Token<'_>> {
    let mut found = Vec::with_capacity(text.len() / 5 + 1);
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut end = start + c.len_utf8();
        if is_word_char(c) {
            while let Some(&(at, next)) = chars.peek() {
                if is_word_char(next) {
                    end = at + next.len_utf8();
                    chars.next();
                    continue;
                }
                if !matches!(next, '’' | '\'' | '-' | '.' | '&' | '‑')
                    && !is_misprinted_possessive(text, at, next)
                {
                    break;
                }
                let following = text
                    .get(at + next.len_utf8()..)
                    .and_then(|r| r.chars().next());
                if !following.is_some_and(is_word_char) {
                    break;
                }
                end = at + next.len_utf8();
                chars.next();
                // "l’assessora", "d'après": an elided article or preposition is a word.
                let so_far = text.get(start..at).unwrap_or("");
                if matches!(next, '’' | '\'') && is_elision(so_far, following) {
                    break;
                }
            }
        }
        found.push(Token {
            text: text.get(start..end).unwrap_or(""),
            start: base + start,
            end: base + end,
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_names_and_offsets() {
        let text = "Waller-Bridge’s “dream,” O’Neil said.";
        let words: Vec<&str> = tokens(text, 10).iter().map(|t| t.text).collect();
        assert_eq!(
            words,
            [
                "Waller-Bridge’s",
                "“",
                "dream",
                ",",
                "”",
                "O’Neil",
                "said",
                "."
            ]
        );
        assert_eq!(tokens(text, 10)[0].start, 10);
    }

    #[test]
    fn elided_articles_are_words_of_their_own() {
        let words: Vec<&str> = tokens("l’assessora d'après L'enquête D’Alema", 0)
            .iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(
            words,
            ["l’", "assessora", "d'", "après", "L'", "enquête", "D’Alema"]
        );
    }

    #[test]
    fn word_shapes() {
        let t = tokens("Whitlow NBC said", 0);
        assert!(t[0].is_capitalised() && !t[0].is_acronym());
        assert!(t[1].is_acronym() && !t[1].is_capitalised());
        assert!(tokens("J.", 0)[0].is_initial());
    }
}
