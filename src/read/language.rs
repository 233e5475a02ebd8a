//! The page's language: its declared tag, tidied, or a guess from common words.
//!
//! Part of `read page`, for HTML and plain text alike. A declared tag (`<html lang>`,
//! `content-language`, `og:locale`) is normalised to BCP 47 ("en_US" → "en-US"); without
//! one, or when the text plainly is in another language than the page declares (a French
//! article in an English template), the main text's most common short function words decide
//! between English, German, French, Spanish, Italian, Portuguese, Dutch, Czech and Polish.

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
            "the", "and", "of", "to", "is", "that", "with", "was", "for", "he", "she", "in", "on",
            "said", "his", "her", "it",
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
    (
        "pt",
        &[
            "não", "uma", "para", "com", "dos", "das", "pelo", "pela", "são", "foi", "também",
        ],
    ),
    (
        "nl",
        &[
            "het", "een", "van", "en", "niet", "zijn", "voor", "met", "ook", "dat", "wordt",
        ],
    ),
    (
        "cs",
        &[
            "že", "jsou", "který", "která", "které", "také", "není", "jeho", "bylo", "byl", "jsem",
        ],
    ),
    (
        "pl",
        &[
            "się", "jest", "przez", "dla", "który", "które", "są", "oraz", "jego", "było", "został",
        ],
    ),
];

/// The declared tag unless the text is plainly in another language, else the guess.
pub fn choose(declared: Option<String>, text: &str) -> Option<String> {
    let Some(tag) = declared else {
        return detect(text);
    };
    let primary = tag.split('-').next().unwrap_or("").to_string();
    let counts = count(text);
    let declared_hits = STOP_WORDS
        .iter()
        .position(|(code, _)| *code == primary)
        .and_then(|i| counts.hits.get(i).copied());
    match (declared_hits, detect_from(&counts)) {
        (Some(hits), Some(guess)) if guess != primary && counts.best > 3 * hits.max(1) => {
            Some(guess)
        }
        _ => Some(tag),
    }
}

struct Counts {
    hits: [usize; 9],
    words: usize,
    best: usize,
}

fn count(text: &str) -> Counts {
    let mut hits = [0usize; 9];
    let mut words = 0;
    for word in text.split(|c: char| !c.is_alphabetic()).take(5000) {
        if word.is_empty() {
            continue;
        }
        words += 1;
        let word = word.to_lowercase();
        for (count, (_, list)) in hits.iter_mut().zip(STOP_WORDS) {
            if list.contains(&word.as_str()) {
                *count += 1;
            }
        }
    }
    let best = hits.iter().copied().max().unwrap_or(0);
    Counts { hits, words, best }
}

fn detect_from(counts: &Counts) -> Option<String> {
    // The first of equal counts: English before the others.
    let (best, &hits) = counts
        .hits
        .iter()
        .enumerate()
        .rev()
        .max_by_key(|(_, c)| **c)?;
    if counts.words < 10 || hits < 2 || hits * 20 < counts.words {
        return None;
    }
    STOP_WORDS.get(best).map(|(tag, _)| tag.to_string())
}

/// Guesses the language of a text; `None` when it is too short to tell.
pub fn detect(text: &str) -> Option<String> {
    detect_from(&count(text))
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

    #[test]
    fn the_text_overrules_a_wrong_declaration() {
        let french = "Le gouvernement a annoncé que les stations seront fermées pour une semaine, et la police est dans les rues de la ville qui attend des nouvelles.";
        assert_eq!(
            choose(Some("en".to_string()), french).as_deref(),
            Some("fr")
        );
        assert_eq!(
            choose(Some("fr-CA".to_string()), french).as_deref(),
            Some("fr-CA")
        );
        assert_eq!(
            choose(Some("de".to_string()), "Kurz.").as_deref(),
            Some("de")
        );
    }
}
