//! Links that land on the words: a URL with a text fragment (`#:~:text=…`), so that the
//! browser scrolls to the quote on the source page and highlights it.

/// Short quotes are matched whole; longer ones by their first and last words. The
/// words keep their punctuation: browsers match the page's text as it stands, ignoring
/// only case and runs of white space.
const WORDS_AT_EACH_END: usize = 4;

/// `url` with a text fragment pointing at `quote`; `url` unchanged when the quote has no
/// words. Any fragment the URL already has is replaced.
pub fn text_fragment_link(url: &str, quote: &str) -> String {
    let base = url.split('#').next().unwrap_or(url);
    let trimmed = quote.trim_matches(|c: char| !c.is_alphanumeric());
    let words: Vec<&str> = trimmed.split_whitespace().collect();
    if words.is_empty() {
        return url.to_string();
    }
    let directive = if words.len() <= 2 * WORDS_AT_EACH_END + 2 {
        encode(&words.join(" "))
    } else {
        let start = words[..WORDS_AT_EACH_END].join(" ");
        let end = words[words.len() - WORDS_AT_EACH_END..].join(" ");
        format!("{},{}", encode(&start), encode(&end))
    };
    format!("{base}#:~:text={directive}")
}

/// Percent-encodes everything but unreserved characters, as text directives require
/// (`-`, `,` and `&` are syntax there).
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::text_fragment_link;

    #[test]
    fn short_quotes_are_matched_whole() {
        assert_eq!(
            text_fragment_link("https://ex.org/a#top", "Alec’s last day, I’ll miss you."),
            "https://ex.org/a#:~:text=Alec%E2%80%99s%20last%20day%2C%20I%E2%80%99ll%20miss%20you"
        );
    }

    #[test]
    fn long_quotes_by_their_ends() {
        let link = text_fragment_link(
            "https://ex.org/a",
            "Live ammunition is — and always was — prohibited on set, and on every set we run.",
        );
        assert_eq!(
            link,
            "https://ex.org/a#:~:text=Live%20ammunition%20is%20%E2%80%94,every%20set%20we%20run"
        );
    }

    #[test]
    fn no_words_no_fragment() {
        assert_eq!(
            text_fragment_link("https://ex.org/a", "…"),
            "https://ex.org/a"
        );
    }
}
