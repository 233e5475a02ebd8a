//! Normalized keys: names matched ignoring case, diacritics and spacing, and the hashes
//! that find the same quote published again (whole, cut or lightly edited).

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// "José  Álvarez" → "jose alvarez"; punctuation other than letters and digits becomes a space.
/// (Compatibility decomposition with the marks dropped, lower case; ASCII takes a short cut,
/// which matters when every stored quote is keyed.)
pub fn normalize_key(name: &str) -> String {
    let mut key = KeyBuilder::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii() {
            key.push(c.to_ascii_lowercase());
        } else {
            decompose_compatible(c, |part| {
                if !is_combining_mark(part) {
                    part.to_lowercase().for_each(|lower| key.push(lower));
                }
            });
        }
    }
    key.text
}

/// Letters and digits, runs of anything else as one space between them.
struct KeyBuilder {
    text: String,
    gap: bool,
}

impl KeyBuilder {
    fn with_capacity(capacity: usize) -> Self {
        KeyBuilder {
            text: String::with_capacity(capacity),
            gap: false,
        }
    }

    fn push(&mut self, c: char) {
        if !c.is_alphanumeric() {
            self.gap = true;
            return;
        }
        if self.gap && !self.text.is_empty() {
            self.text.push(' ');
        }
        self.gap = false;
        self.text.push(c);
    }
}

/// How many words make a quote's head and tail keys.
const EDGE_WORDS: usize = 6;

/// A version of a quote joins a cluster when this share of its words (the shorter
/// version's) appear in the other.
pub const SAME_QUOTE_CONTAINMENT: f64 = 0.8;

/// The hashes under which a quote is looked up to find other appearances of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteKeys {
    /// All the words.
    pub text: i64,
    /// The first six words (all of them in a shorter quote, then the same as `text`).
    pub head: i64,
    /// The last six words, for quotes of at least six words.
    pub tail: Option<i64>,
}

impl QuoteKeys {
    pub fn of(text: &str) -> QuoteKeys {
        // The words of a normalized text are parted by single spaces: the head and the
        // tail are slices of it.
        let normalized = normalize_key(text);
        let spaces: Vec<usize> = normalized.match_indices(' ').map(|(at, _)| at).collect();
        let words = if normalized.is_empty() {
            0
        } else {
            spaces.len() + 1
        };
        let head_end = spaces
            .get(EDGE_WORDS - 1)
            .copied()
            .unwrap_or(normalized.len());
        let tail_start = match words.checked_sub(EDGE_WORDS + 1) {
            Some(space) => spaces[space] + 1,
            None => 0,
        };
        QuoteKeys {
            text: fnv1a(&normalized),
            head: fnv1a(&normalized[..head_end]),
            tail: (words >= EDGE_WORDS).then(|| fnv1a(&normalized[tail_start..])),
        }
    }

    /// The keys, each once (a short quote's head is its text; a quote of six words has
    /// one key for all three).
    pub fn distinct(&self) -> impl Iterator<Item = i64> + use<> {
        let QuoteKeys { text, head, tail } = *self;
        [
            Some(text),
            Some(head).filter(|head| *head != text),
            tail.filter(|tail| *tail != text && *tail != head),
        ]
        .into_iter()
        .flatten()
    }
}

/// The share of the shorter text's words that the longer one holds (as a set).
pub fn containment(a: &str, b: &str) -> f64 {
    let (a, b) = (normalize_key(a), normalize_key(b));
    let words = |s: &str| -> std::collections::HashSet<String> {
        s.split(' ')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let (a, b) = (words(&a), words(&b));
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.is_empty() {
        return 0.0;
    }
    short.iter().filter(|w| long.contains(*w)).count() as f64 / short.len() as f64
}

/// FNV-1a, 64 bits: stable across builds and platforms, as stored keys must be.
fn fnv1a(text: &str) -> i64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_words_share_keys_whatever_the_punctuation() {
        let a = QuoteKeys::of("Live ammunition is — and always was — prohibited on set,");
        let b = QuoteKeys::of("live ammunition is and always was prohibited on set");
        assert_eq!(a, b);
        let cut = QuoteKeys::of("Live ammunition is — and always was — banned");
        assert_eq!(a.head, cut.head);
        assert_ne!(a.text, cut.text);
        let short = QuoteKeys::of("Too short");
        assert_eq!((short.head, short.tail), (short.text, None));
    }

    /// Keys are stored: they must never change. The definition, spelled out.
    fn keys_by_definition(text: &str) -> QuoteKeys {
        let normalized = normalize_key(text);
        let words: Vec<&str> = normalized.split(' ').filter(|w| !w.is_empty()).collect();
        let tail = &words[words.len().saturating_sub(EDGE_WORDS)..];
        QuoteKeys {
            text: fnv1a(&normalized),
            head: fnv1a(&words[..EDGE_WORDS.min(words.len())].join(" ")),
            tail: (words.len() >= EDGE_WORDS).then(|| fnv1a(&tail.join(" "))),
        }
    }

    #[test]
    fn keys_are_what_the_definition_gives() {
        for text in [
            "",
            "One",
            "One two three four five",
            "One two three four five six",
            "One two three four five six seven",
            "  Live ammunition is — and always was — prohibited on set, he said “twice”  ",
            "Zoë’s café: ½ of 12 ﬁnal days",
        ] {
            assert_eq!(QuoteKeys::of(text), keys_by_definition(text), "{text:?}");
        }
    }

    #[test]
    fn containment_of_a_cut_version() {
        let full = "Live ammunition is and always was prohibited on set";
        assert_eq!(containment("always was prohibited on set", full), 1.0);
        assert!(containment("something else entirely", full) < SAME_QUOTE_CONTAINMENT);
        assert_eq!(containment("", full), 0.0);
    }

    /// The definition, spelled out: the whole text decomposed, marks dropped, lower case,
    /// anything but letters and digits a space, spaces collapsed.
    fn normalize_by_definition(name: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        let folded: String = name
            .nfkd()
            .filter(|c| !is_combining_mark(*c))
            .flat_map(char::to_lowercase)
            .map(|c| if c.is_alphanumeric() { c } else { ' ' })
            .collect();
        folded.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn the_short_cut_folds_as_the_definition_does() {
        for text in [
            "Live ammunition is — and always was — prohibited on set,",
            "  “Don’t,” said Zoë Ødegård-Müller;  ½ ﬁnal Ⅻ ＡＢＣ İstanbul ΣΑΣ straße",
            "e\u{301}te\u{301} a\u{308}\u{301}\t\nx",
            "",
            " ,;- ",
            "日本語のテキスト、句読点。",
        ] {
            assert_eq!(
                normalize_key(text),
                normalize_by_definition(text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn folds_case_diacritics_and_spacing() {
        assert_eq!(normalize_key("  José   Álvarez "), "jose alvarez");
        assert_eq!(normalize_key("Jean-Luc O’Neill"), "jean luc o neill");
        assert_eq!(normalize_key("Søren Ødegård"), "søren ødegard");
    }
}
