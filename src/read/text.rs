//! The plain-text reader: paragraphs are separated by blank lines, or are single lines
//! where the text is not wrapped at a fixed width; bullet lines are list items; a short
//! first line is the title, and a line in title case without closing punctuation is a
//! heading; a photo caption followed by its credit line ("Josh Hopkins/Instagram") becomes
//! a caption, never text to quote from; a post that a text corpus marks inline
//! (`<tweet author="@user">…</tweet>`) is a post of that account.

use crate::document::{BlockKind, Caption, Document, Post};
use regex::Regex;
use std::sync::LazyLock;

const BULLETS: [char; 6] = ['•', '*', '-', '–', '·', '▪'];

/// Reads plain text into a document.
pub fn read_text(text: &str, url: Option<&str>) -> Document {
    let mut doc = Document {
        url: url.map(str::to_string),
        ..Document::default()
    };
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    for (index, chunk) in paragraphs(&text).enumerate() {
        if let Some(marked) = marked_post(chunk) {
            if let Some(post) = marked {
                let text = post.text.clone();
                doc.push_block(BlockKind::Post(doc.posts.len()), &text);
                doc.posts.push(post);
            }
            continue;
        }
        let lines: Vec<&str> = chunk
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        if index == 0 && lines.len() == 1 && looks_like_title(lines[0]) {
            doc.title = Some(lines[0].to_string());
            doc.push_block(BlockKind::Heading, lines[0]);
            continue;
        }
        if is_wrapped(&lines) || lines.last().is_some_and(|l| is_credit_line(l)) {
            push_chunk(&mut doc, &lines);
            continue;
        }
        // One paragraph a line: a title-case line among them is a heading.
        for line in &lines {
            if is_title_case_line(line) {
                doc.push_block(BlockKind::Heading, line);
            } else {
                push_chunk(&mut doc, &[line]);
            }
        }
    }
    doc.language = super::language::detect(&doc.text);
    doc
}

/// `<tweet id="…" author="@user">text</tweet>`, as text corpora mark an embedded post:
/// `Some(Some(post))` for a post with its text, `Some(None)` for a marker without text
/// (`<tweet tweet-id="…">`, `<tweet/>`), `None` for any other paragraph.
fn marked_post(chunk: &str) -> Option<Option<Post>> {
    static TWEET: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?s)^\s*<tweet\b([^>]*)>(.*?)(?:</tweet>|<tweet\s*/>|$)"#)
            .expect("tweet pattern compiles")
    });
    static AUTHOR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"\bauthor\s*=\s*"@?([^"]+)""#).expect("author pattern compiles")
    });
    let found = TWEET.captures(chunk)?;
    let attributes = found.get(1).map_or("", |m| m.as_str());
    let text = found
        .get(2)
        .map_or("", |m| m.as_str())
        .split("<tweet")
        .next()
        .unwrap_or("")
        .trim();
    if text.is_empty() || attributes.ends_with('/') {
        return Some(None);
    }
    let handle = AUTHOR
        .captures(attributes)
        .and_then(|a| a.get(1))
        .map(|a| format!("@{}", a.as_str()));
    Some(Some(Post {
        platform: "twitter".to_string(),
        author: None,
        handle,
        text: text.to_string(),
        ..Post::default()
    }))
}

/// Lines broken at a fixed width (a wrapped paragraph), not one paragraph a line: every
/// line but the last is at most 100 characters and none of them ends a sentence far
/// short of the width of the others.
fn is_wrapped(lines: &[&str]) -> bool {
    let Some((_, body)) = lines.split_last() else {
        return true;
    };
    if body.is_empty() {
        return true;
    }
    let widths: Vec<usize> = body.iter().map(|l| l.chars().count()).collect();
    let widest = widths.iter().copied().max().unwrap_or(0);
    if widest > 100 {
        return false;
    }
    let ends_early = body.iter().zip(&widths).any(|(line, &width)| {
        width * 3 < widest * 2 && line.ends_with(['.', '!', '?', '”', '"', ':'])
    });
    !ends_early
}

/// "Senator Says She Will Run Again": a headline line inside the text.
fn is_title_case_line(line: &str) -> bool {
    if line.ends_with(['.', ',', ';', ':', '!', '?', '”', '"']) {
        return false;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    if !(3..=20).contains(&words.len()) {
        return false;
    }
    let lettered: Vec<&&str> = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    let capitalised = lettered
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    let long_lowercase = lettered
        .iter()
        .filter(|w| w.chars().count() > 3 && w.chars().next().is_some_and(char::is_lowercase))
        .count();
    long_lowercase == 0 && capitalised * 4 >= lettered.len() * 3
}

/// Blocks of text separated by one or more blank lines.
fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    text.split("\n\n").map(str::trim).filter(|p| !p.is_empty())
}

fn push_chunk(doc: &mut Document, lines: &[&str]) {
    if let Some((last, before)) = lines.split_last()
        && is_credit_line(last)
        && !before.is_empty()
    {
        let caption = before.join(" ");
        doc.push_block(BlockKind::Caption, &caption);
        doc.push_block(BlockKind::Credit, last);
        doc.captions.push(Caption {
            text: caption,
            credit: Some(last.to_string()),
            image: None,
        });
        return;
    }
    if lines.iter().all(|l| l.starts_with(BULLETS)) {
        for line in lines {
            doc.push_block(BlockKind::ListItem, line.trim_start_matches(BULLETS).trim());
        }
        return;
    }
    if lines.len() == 1 && crate::read::lines::is_boilerplate_line(lines[0]) {
        return;
    }
    let kind = if lines.len() == 1 && is_credit_line(lines[0]) {
        BlockKind::Credit
    } else {
        BlockKind::Paragraph
    };
    doc.push_block(kind, &lines.join(" "));
}

fn looks_like_title(line: &str) -> bool {
    let words = line.split_whitespace().count();
    (2..=25).contains(&words) && !line.ends_with(['.', ',', ':', ';'])
}

/// "Josh Hopkins/Instagram", "Photo: Jane Doe/AP", "Getty Images", "Source: Supplied".
pub fn is_credit_line(line: &str) -> bool {
    static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?x)^(?:
                (?i:photo(?:graph)?s?|image|picture|credit|source|illustration|video|foto|bild)\s*(?:by)?\s*[:\-–]?\s+\S.{0,80}
              | (?:\p{Lu}[\p{L}.'’-]*\s+){0,4}\p{Lu}[\p{L}.'’-]*\s*/\s*\p{Lu}[\p{L}&.\s-]{1,40}
              | (?:\p{Lu}[\p{L}.'’-]*\s+){0,4}(?:Getty\ Images|AFP|Reuters|AP|Shutterstock|Alamy|EPA|PA)
            )$",
        )
        .expect("credit pattern compiles")
    });
    line.chars().count() <= 100 && CREDIT.is_match(line.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_bullets_paragraphs_and_caption() {
        let text = "A Title Line\n\n\n  • first point\n  • second point\n\nBody text \nwrapped here.\n\nRust Cast Alec Baldwin\nJosh Hopkins/Instagram\n";
        let doc = read_text(text, None);
        assert_eq!(doc.title.as_deref(), Some("A Title Line"));
        let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
        use BlockKind::*;
        assert_eq!(
            kinds,
            [Heading, ListItem, ListItem, Paragraph, Caption, Credit]
        );
        assert_eq!(doc.block_text(&doc.blocks[3]), "Body text wrapped here.");
        assert_eq!(doc.captions[0].text, "Rust Cast Alec Baldwin");
        assert_eq!(
            doc.captions[0].credit.as_deref(),
            Some("Josh Hopkins/Instagram")
        );
    }

    #[test]
    fn unwrapped_lines_are_paragraphs_and_title_case_lines_headings() {
        let text = "A Title Line\n\nThe council met on Monday and voted to close the old ferry terminal after a long debate that lasted all evening.\nMayor Says The Ferry Will Not Return\n“It is over,” the mayor said.\n\nA wrapped paragraph that goes on\nand on at a fixed width until it\nends here.";
        let doc = read_text(text, None);
        let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
        use BlockKind::*;
        assert_eq!(kinds, [Heading, Paragraph, Heading, Paragraph, Paragraph]);
        assert_eq!(
            doc.block_text(&doc.blocks[3]),
            "“It is over,” the mayor said."
        );
        assert_eq!(
            doc.block_text(&doc.blocks[4]),
            "A wrapped paragraph that goes on and on at a fixed width until it ends here."
        );
    }

    #[test]
    fn credit_lines() {
        for credit in [
            "Josh Hopkins/Instagram",
            "Photo: Jane Doe/AP",
            "John Smith/Getty Images",
            "Source: Supplied",
        ] {
            assert!(is_credit_line(credit), "{credit}");
        }
        for line in [
            "He said so.",
            "Related: Alec Baldwin Participating in Documentary About Rust Tragedy",
        ] {
            assert!(!is_credit_line(line), "{line}");
        }
    }

    #[test]
    fn posts_a_corpus_marks_inline_are_posts_of_their_account() {
        let text = "Kaine was named on Friday.\n\n<tweet id=\"75\" author=\"@AnnLee\" datetime=\"2016-07-23\">I'm thrilled to announce my running mate.</tweet>.\n\n<tweet tweet-id=\"78\">\n<tweet/>.\n\nThe crowd cheered.";
        let doc = read_text(text, None);
        assert_eq!(doc.posts.len(), 1);
        assert_eq!(doc.posts[0].handle.as_deref(), Some("@AnnLee"));
        assert_eq!(
            doc.posts[0].text,
            "I'm thrilled to announce my running mate."
        );
        assert!(!doc.text.contains("<tweet"), "{}", doc.text);
        let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Paragraph,
                BlockKind::Post(0),
                BlockKind::Paragraph
            ]
        );
    }
}
