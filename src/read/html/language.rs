//! The page's language: its declared tag, tidied, or a guess from common words.
//!
//! Part of `read page`. A declared tag (`<html lang>`, `content-language`, `og:locale`)
//! is normalised to BCP 47 ("en_US" → "en-US"); without one, the main text's most common
//! short function words decide between English, German, French, Spanish and Italian.

/// "en_US" → "en-US", "EN" → "en"; `None` for empty or malformed tags.
pub fn normalize_tag(raw: &str) -> Option<String> {
    let raw = raw.trim().replace('_', "-");
    let mut parts = raw.split('-');
    let primary = parts.next()?.to_ascii_lowercase();
    if !(2..=3).contains(&primary.len()) || !primary.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut tag = primary;
    for part in parts {
        if part.is_empty() || part.len() > 8 || !part.chars().all(|c| c.is_ascii_alphanumeric()) {
            break;
        }
        tag.push('-');
        if part.len() == 2 {
            tag.push_str(&part.to_ascii_uppercase());
        } else {
            tag.push_str(part);
        }
    }
    Some(tag)
}

const STOP_WORDS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "and", "of", "to", "is", "that", "with", "was", "for", "he", "she",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "und", "das", "ist", "nicht", "mit", "sich", "auch", "ein", "dem",
        ],
    ),
    (
        "fr",
        &[
            "le", "la", "les", "et", "des", "est", "une", "pour", "dans", "qui", "pas",
        ],
    ),
    (
        "es",
        &[
            "el", "los", "las", "que", "del", "por", "una", "con", "para", "es", "como",
        ],
    ),
    (
        "it",
        &[
            "il", "che", "della", "per", "una", "sono", "con", "non", "gli", "nel", "è",
        ],
    ),
];

/// Guesses the language of a text; `None` when it is too short to tell.
pub fn detect(text: &str) -> Option<String> {
    let mut counts = [0usize; 5];
    let mut words = 0;
    for word in text.split(|c: char| !c.is_alphabetic()).take(5000) {
        if word.is_empty() {
            continue;
        }
        words += 1;
        let word = word.to_lowercase();
        for (count, (_, list)) in counts.iter_mut().zip(STOP_WORDS) {
            if list.contains(&word.as_str()) {
                *count += 1;
            }
        }
    }
    let (best, &hits) = counts.iter().enumerate().max_by_key(|(_, c)| **c)?;
    if words < 20 || hits * 20 < words {
        return None;
    }
    STOP_WORDS.get(best).map(|(tag, _)| tag.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidies_tags() {
        assert_eq!(normalize_tag("en_us").as_deref(), Some("en-US"));
        assert_eq!(normalize_tag("DE").as_deref(), Some("de"));
        assert_eq!(normalize_tag("").as_deref(), None);
        assert_eq!(normalize_tag("english!").as_deref(), None);
    }

    #[test]
    fn detects_common_languages() {
        let english = "The council said that the plan was ready and that the work would start with the new year, and the mayor agreed with the idea.";
        let german = "Der Rat sagte, dass der Plan fertig ist und die Arbeit mit dem neuen Jahr beginnt, und der Bürgermeister ist auch nicht dagegen, sagt die Stadt.";
        assert_eq!(detect(english).as_deref(), Some("en"));
        assert_eq!(detect(german).as_deref(), Some("de"));
        assert_eq!(detect("Hello there."), None);
    }
}
