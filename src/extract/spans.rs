//! Quotation-mark spans: the first step of quote extraction.
//!
//! `read page → extract quotes` (`spans` → cues → attribution → speakers): finds, inside one
//! block of text, every span between an opening and a closing quotation mark. Handles the
//! marks of English, French, German, Spanish, Italian, Czech and Japanese text and the mixed
//! or ASCII pairs of scraped pages; apostrophes and primes (don't, the ’90s, 5'11") are not
//! quotation marks; nested quotes stay inside their outer quote; a quote that is never closed
//! ends at the end of its block. One linear pass over the marks.

/// A quotation found in a block; all offsets are byte offsets into the block's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Offset of the opening mark.
    pub open: usize,
    /// Offset of the first quoted byte (just after the opening mark).
    pub start: usize,
    /// Offset just past the last quoted byte.
    pub end: usize,
    /// Offset just past the closing mark (equal to `end` when the quote is never closed).
    pub close: usize,
    /// False when the block ended before a closing mark.
    pub closed: bool,
}

/// Sets of marks that close each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
    Guillemet,
    SingleGuillemet,
    Corner,
    WhiteCorner,
}

/// What a mark can do where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    Either,
}

#[derive(Debug, Clone, Copy)]
struct Mark {
    at: usize,
    len: usize,
    family: Family,
    role: Role,
}

/// Every quotation span of `text`, in order, non-overlapping.
pub fn find(text: &str) -> Vec<Span> {
    let marks = marks(text);
    let single_closer_after = closers_after(&marks, Family::Single);
    let mut spans = Vec::new();
    let mut open: Option<Mark> = None;
    for (index, mark) in marks.iter().enumerate() {
        match open {
            None => {
                if mark.role == Role::Close {
                    continue;
                }
                if needs_closer(mark.family)
                    && !single_closer_after.get(index).copied().unwrap_or(false)
                {
                    continue;
                }
                open = Some(*mark);
            }
            Some(opener) => {
                if mark.family == opener.family && mark.role != Role::Open {
                    spans.push(Span {
                        open: opener.at,
                        start: opener.at + opener.len,
                        end: mark.at,
                        close: mark.at + mark.len,
                        closed: true,
                    });
                    open = None;
                }
            }
        }
    }
    if let Some(opener) = open {
        let end = text.trim_end().len().max(opener.at + opener.len);
        spans.push(Span {
            open: opener.at,
            start: opener.at + opener.len,
            end,
            close: end,
            closed: false,
        });
    }
    spans.retain(|span| span.end > span.start);
    spans
}

/// Single quotes are apostrophes too often to run to the end of a block: they count only
/// when a closing single mark follows.
fn needs_closer(family: Family) -> bool {
    matches!(family, Family::Single | Family::SingleGuillemet)
}

/// For each mark, whether a mark of `family` able to close comes after it.
fn closers_after(marks: &[Mark], family: Family) -> Vec<bool> {
    let mut after = vec![false; marks.len()];
    let mut seen = false;
    for (index, mark) in marks.iter().enumerate().rev() {
        if let Some(slot) = after.get_mut(index) {
            *slot = seen;
        }
        if mark.family == family && mark.role != Role::Open {
            seen = true;
        }
    }
    after
}

/// The quotation marks of `text` with what each can do in its place.
fn marks(text: &str) -> Vec<Mark> {
    let mut found = Vec::new();
    let mut skip_to = 0;
    for (at, mark) in text.match_indices(|c: char| family_of(c).is_some()) {
        if at < skip_to {
            continue;
        }
        let Some(c) = mark.chars().next() else {
            continue;
        };
        let Some(mut family) = family_of(c) else {
            continue;
        };
        let mut len = c.len_utf8();
        // ''Q'', ‘‘Q’’, “Q’’: two single marks written for one double mark.
        let doubled = family == Family::Single
            && text.get(at + len..).is_some_and(|rest| {
                rest.starts_with(|n: char| family_of(n) == Some(Family::Single))
            });
        let mut shape = c;
        if doubled {
            len += text
                .get(at + len..)
                .and_then(|r| r.chars().next())
                .map_or(0, char::len_utf8);
            family = Family::Double;
            shape = if c == '‘' {
                '“'
            } else if c == '’' {
                '”'
            } else {
                '"'
            };
            skip_to = at + len;
        }
        let mut ahead = text.get(at + len..).unwrap_or("").chars();
        let context = Context {
            prev: text.get(..at).and_then(|before| before.chars().next_back()),
            next: ahead.next(),
            after_next: ahead.next(),
            third: ahead.next(),
        };
        let prime = c == '"' && is_inches(text.get(..at).unwrap_or(""));
        if let Some(role) = role_of(shape, &context).filter(|_| !prime) {
            found.push(Mark {
                at,
                len,
                family,
                role,
            });
        }
    }
    found
}

fn family_of(c: char) -> Option<Family> {
    match c {
        '“' | '”' | '„' | '"' => Some(Family::Double),
        '‘' | '’' | '‚' | '\'' => Some(Family::Single),
        '«' | '»' => Some(Family::Guillemet),
        '‹' | '›' => Some(Family::SingleGuillemet),
        '「' | '」' => Some(Family::Corner),
        '『' | '』' => Some(Family::WhiteCorner),
        _ => None,
    }
}

/// The characters around a mark.
struct Context {
    prev: Option<char>,
    next: Option<char>,
    after_next: Option<char>,
    third: Option<char>,
}

impl Context {
    /// Could open: something follows, and no word runs into the mark from the left.
    fn left_flanking(&self) -> bool {
        self.next.is_some_and(|n| !n.is_whitespace()) && !self.prev.is_some_and(is_word_char)
    }

    /// Could close: something precedes, and no word runs on from the mark to the right.
    fn right_flanking(&self) -> bool {
        self.prev.is_some_and(|p| !p.is_whitespace()) && !self.next.is_some_and(is_word_char)
    }

    /// The ’90s, ’em: an elided start, not a quotation.
    fn elision(&self) -> bool {
        let digits = self.next.is_some_and(|n| n.is_ascii_digit())
            && self.after_next.is_some_and(|n| n.is_ascii_digit());
        let year = digits && !self.third.is_some_and(|t| t.is_ascii_digit());
        let em = self.next == Some('e')
            && self.after_next == Some('m')
            && !self.third.is_some_and(char::is_alphanumeric);
        year || em
    }
}

/// 5'11", 6'2": feet and inches, where the double mark is a prime.
fn is_inches(before: &str) -> bool {
    let mut chars = before.chars().rev();
    let mut digits = 0;
    let mut next = chars.next();
    while next.is_some_and(|c| c.is_ascii_digit()) && digits < 3 {
        digits += 1;
        next = chars.next();
    }
    digits > 0
        && matches!(next, Some('\'' | '’' | '′'))
        && chars.next().is_some_and(|c| c.is_ascii_digit())
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn role_of(c: char, at: &Context) -> Option<Role> {
    let left = at.left_flanking();
    let right = at.right_flanking();
    let only_left = left && !right;
    let only_right = right && !left;
    match c {
        '“' => Some(if only_right { Role::Close } else { Role::Open }),
        // A closing mark written before a word with no space ("…!”Former") still closes;
        // only one after white space opens (scraped text that curled it the wrong way).
        '”' => Some(
            if only_left
                && at
                    .prev
                    .is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '['))
            {
                Role::Open
            } else {
                Role::Close
            },
        ),
        '„' => Some(Role::Open),
        '"' if only_left => Some(Role::Open),
        '"' if only_right => Some(Role::Close),
        '"' => Some(Role::Either),
        '‘' | '’' | '\'' if at.elision() => None,
        '‘' if only_right => Some(Role::Close),
        '‘' if left => Some(Role::Open),
        '’' | '\'' if only_left => Some(Role::Open),
        '’' | '\'' if only_right => Some(Role::Close),
        '‚' if only_left => Some(Role::Open),
        '«' | '‹' => Some(if only_right { Role::Close } else { Role::Open }),
        '»' | '›' => Some(if only_left && at.next.is_some_and(char::is_alphanumeric) {
            Role::Open
        } else {
            Role::Close
        }),
        '「' | '『' => Some(Role::Open),
        '」' | '』' => Some(Role::Close),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<&str> {
        find(text)
            .iter()
            .map(|s| text.get(s.start..s.end).unwrap_or("?"))
            .collect()
    }

    #[test]
    fn curly_and_ascii_pairs() {
        assert_eq!(quoted("“One,” she said, “two.”"), ["One,", "two."]);
        assert_eq!(quoted("\"One,\" he said."), ["One,"]);
        assert_eq!(quoted("He said:\"Go.\""), ["Go."]);
    }

    #[test]
    fn european_and_japanese_marks() {
        assert_eq!(
            quoted("Er sagte: „Wir fahren.“ Dann ging er."),
            ["Wir fahren."]
        );
        assert_eq!(
            quoted("Il a dit : « Nous partons » hier."),
            [" Nous partons "]
        );
        assert_eq!(quoted("Sie sagte: »Nein.« Punkt."), ["Nein."]);
        assert_eq!(quoted("Řekl: „Ano.“"), ["Ano."]);
        assert_eq!(quoted("彼は「行きます」と言った。"), ["行きます"]);
        assert_eq!(quoted("『本』"), ["本"]);
    }

    #[test]
    fn apostrophes_and_primes_are_not_marks() {
        assert!(find("Don’t say it’s the ’90s again, he's 5'11\" tall.").is_empty());
        assert_eq!(quoted("the \"reform of 1994\" he said"), ["reform of 1994"]);
        assert!(find("The players’ union met in the ’80s.").is_empty());
    }

    #[test]
    fn single_quotes_need_a_closer() {
        assert_eq!(
            quoted("Mayor calls the harbour plan a 'costly mistake'"),
            ["costly mistake"]
        );
        assert_eq!(quoted("‘Great,’ he said."), ["Great,"]);
    }

    #[test]
    fn nested_quotes_stay_inside() {
        assert_eq!(
            quoted("“They call it ‘the plan’ now,” she said."),
            ["They call it ‘the plan’ now,"]
        );
    }

    #[test]
    fn unclosed_quote_ends_at_block_end() {
        let spans = find("“It went on and on.  ");
        assert_eq!(spans.len(), 1);
        assert!(!spans[0].closed);
        assert_eq!(spans[0].end, "“It went on and on.".len());
    }

    #[test]
    fn doubled_apostrophes_are_double_marks() {
        assert_eq!(
            quoted("''It's nonsense,'' he said. ''She lies.''"),
            ["It's nonsense,", "She lies."]
        );
        assert_eq!(quoted("“We won’’ she said."), ["We won"]);
        assert_eq!(quoted("‘‘Go home’’, he said."), ["Go home"]);
    }

    #[test]
    fn a_closing_mark_glued_to_the_next_word_still_closes() {
        assert_eq!(
            quoted("“I love it!”Then came “another one.”"),
            ["I love it!", "another one."]
        );
    }

    #[test]
    fn mis_curled_marks_of_scraped_text() {
        assert_eq!(quoted("He said ”yes” twice."), ["yes"]);
    }
}
