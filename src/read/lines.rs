//! Lines that are furniture wherever they stand: "Advertisement", "Share this article",
//! "Read more: …", datelines such as "November 2, 2023 3:53 PM EDT".
//!
//! Part of `read page`: both the HTML reader and the plain-text reader drop such lines from
//! the main text so that the quote extractor never sees them. Pure string tests.

/// Whole lines (lower case, closing punctuation dropped) that are furniture.
const FURNITURE_LINES: &[&str] = &[
    "advertisement",
    "advertising",
    "anzeige",
    "publicité",
    "sponsored",
    "share",
    "share this",
    "share this article",
    "share this story",
    "share on facebook",
    "share on twitter",
    "read more",
    "continue reading",
    "related",
    "related articles",
    "related stories",
    "recommended",
    "more on this story",
    "comments",
    "view comments",
    "story continues below",
    "story continues below advertisement",
    "skip advertisement",
    "image",
    "image caption",
    "media caption",
    "copy link",
    "print",
    "email",
    "topics",
    "tags",
    "leave a comment",
    "hide caption",
    "show caption",
    "view photo",
    "view gallery",
];

/// Beginnings of lines that are furniture.
const FURNITURE_STARTS: &[&str] = &[
    "read more:",
    "related:",
    "sign up for",
    "subscribe to",
    "follow us on",
    "click here to",
    "copyright ©",
    "© copyright",
    "all rights reserved",
];

/// Month and weekday names (English, German, French), clock words and the fillers of
/// datelines ("posted on … at …").
const DATE_WORDS: &[&str] = &[
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
    "januar",
    "februar",
    "märz",
    "mai",
    "juni",
    "juli",
    "oktober",
    "dezember",
    "janvier",
    "février",
    "mars",
    "avril",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "mon",
    "monday",
    "tue",
    "tuesday",
    "wed",
    "wednesday",
    "thu",
    "thursday",
    "fri",
    "friday",
    "sat",
    "saturday",
    "sun",
    "sunday",
    "am",
    "pm",
    "a",
    "m",
    "p",
    "posted",
    "published",
    "updated",
    "last",
    "on",
    "at",
    "uhr",
    "um",
    "le",
    "de",
    "del",
    "el",
    "th",
    "st",
    "nd",
    "rd",
    "stand",
    "aktualisiert",
    "veröffentlicht",
    "mis",
    "à",
    "jour",
    "h",
];

/// Short lines that templates put inside article bodies: "Advertisement", "Share this
/// article", "Read more: …", "Sign up for our newsletter".
pub fn is_boilerplate_line(text: &str) -> bool {
    if text.chars().count() > 90 {
        return false;
    }
    let lower = text.to_lowercase();
    let lower = lower.trim_end_matches(['.', ':', '!', ' ']);
    FURNITURE_LINES.contains(&lower)
        || FURNITURE_STARTS.iter().any(|s| lower.starts_with(s))
        || is_dateline(text)
}

/// A line that only states when the article appeared: "November 2, 2023 3:53 PM EDT",
/// "Posted on April 21, 2015, at 11:29 a.m.", "15. Mai 2019, 05:28 Uhr".
pub fn is_dateline(text: &str) -> bool {
    if text.chars().count() > 80 {
        return false;
    }
    let tokens: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .collect();
    let has_year = tokens.iter().any(|t| {
        t.len() == 4
            && (t.starts_with("19") || t.starts_with("20"))
            && t.chars().all(|c| c.is_ascii_digit())
    });
    has_year && tokens.iter().all(|t| is_date_word(t))
}

/// A token of a dateline: a number, a time zone, a month or weekday name, a filler word.
pub fn is_date_word(token: &str) -> bool {
    if token.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    if token.len() <= 4 && token.chars().all(|c| c.is_ascii_uppercase()) {
        return true; // time zones: EDT, GMT, CEST
    }
    DATE_WORDS.contains(&token.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_lines() {
        for line in [
            "Advertisement",
            "Share this article",
            "Read more: Storm hits coast",
            "Topics",
        ] {
            assert!(is_boilerplate_line(line), "{line}");
        }
        assert!(!is_boilerplate_line("“Read more books,” she said."));
    }

    #[test]
    fn datelines() {
        for line in [
            "November 2, 2023 3:53 PM EDT",
            "posted on April 21, 2015, at 11:29 a.m.",
            "15. Mai 2019, 05:28 Uhr",
        ] {
            assert!(is_dateline(line), "{line}");
        }
        assert!(!is_dateline("On May 2, 2019 the council voted."));
        assert!(!is_dateline("Updated hourly"));
    }
}
