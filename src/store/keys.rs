//! Normalized keys for matching names: lower case, diacritics removed, single spaces.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// "José  Álvarez" → "jose alvarez"; punctuation other than letters and digits becomes a space.
pub fn normalize_key(name: &str) -> String {
    let folded: String = name
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::normalize_key;

    #[test]
    fn folds_case_diacritics_and_spacing() {
        assert_eq!(normalize_key("  José   Álvarez "), "jose alvarez");
        assert_eq!(normalize_key("Jean-Luc O’Neill"), "jean luc o neill");
        assert_eq!(normalize_key("Søren Ødegård"), "søren ødegard");
    }
}
