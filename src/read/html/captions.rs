//! Photo captions and credits: `<figure>`/`<figcaption>`, the caption and credit classes of
//! news templates, and descriptive `<img alt>` texts.
//!
//! Part of `read page`: the content finder ([`super::content`]) hands over the caption
//! elements and the article's images; this module reads each into a [`Caption`] with the
//! credit ("Photo: Jane Doe/AP", "John Smith/Getty Images", "Source: Supplied") separated
//! from the caption's text. Captions never enter the main text.

use super::flatten::collapse_whitespace;
use super::hints::{self, TagRole};
use super::walk::{Visitor, walk};
use crate::document::Caption;
use crate::read::text::is_credit_line;
use regex::Regex;
use scraper::{ElementRef, Selector};
use std::sync::LazyLock;

/// An alt text needs this many words to describe a photo rather than name a file or logo.
const MIN_ALT_WORDS: usize = 5;

/// Reads a caption from `data-caption` / `data-credit` attributes, else from the element's
/// text.
pub fn read_caption_attributes(element: ElementRef<'_>) -> Option<Caption> {
    let value = element.value();
    let Some(text) = value.attr("data-caption") else {
        return read_caption(element);
    };
    let text = collapse_whitespace(text);
    let credit = value
        .attr("data-credit")
        .map(collapse_whitespace)
        .filter(|c| !c.is_empty());
    let (text, credit) = match credit {
        Some(credit) => (text, Some(credit)),
        None => split_credit(&text),
    };
    let image = ["data-image", "data-src", "data-original-src", "src"]
        .iter()
        .find_map(|attr| value.attr(attr))
        .map(str::to_string);
    (!text.is_empty() || credit.is_some()).then_some(Caption {
        text,
        credit,
        image,
    })
}

/// Reads a caption element (a figure, a figcaption, a `.caption` or `.credit` block).
pub fn read_caption(element: ElementRef<'_>) -> Option<Caption> {
    let mut reader = CaptionReader::default();
    walk(element, &mut reader);
    let text = collapse_whitespace(&reader.text);
    let credit = collapse_whitespace(&reader.credit);
    let image = image_of(element);
    let (text, credit) = if credit.is_empty() {
        split_credit(&text)
    } else {
        (text, Some(clean_credit(&credit)))
    };
    // A credit left in the image's alt text: "Jo Lee (picture-alliance/dpa/J. Lee)".
    let credit = credit.or_else(|| {
        image
            .as_ref()
            .and_then(|(_, alt)| alt.as_deref())
            .and_then(|alt| split_credit(alt).1)
    });
    if text.is_empty() && credit.is_none() {
        let alt = image.as_ref().and_then(|(_, alt)| alt.clone())?;
        return describes_photo(&alt).then(|| caption_from_alt(&alt, image.and_then(|i| i.0)));
    }
    Some(Caption {
        text,
        credit,
        image: image.and_then(|(src, _)| src),
    })
}

/// A caption from an image's alt text, when it describes the photo.
pub fn read_image(element: ElementRef<'_>) -> Option<Caption> {
    let alt = collapse_whitespace(element.value().attr("alt")?);
    describes_photo(&alt).then(|| caption_from_alt(&alt, image_source(element)))
}

fn caption_from_alt(alt: &str, image: Option<String>) -> Caption {
    let (text, credit) = split_credit(alt);
    Caption {
        text,
        credit,
        image,
    }
}

fn describes_photo(alt: &str) -> bool {
    let words = alt.split_whitespace().count();
    words >= MIN_ALT_WORDS
        && !alt.contains(['/', '\\', '_'])
        && !alt.to_lowercase().starts_with("logo")
}

/// Collects a caption's text and, apart, the text of its credit elements.
#[derive(Default)]
struct CaptionReader {
    text: String,
    credit: String,
    credit_depth: usize,
    depth: usize,
}

impl<'a> Visitor<'a> for CaptionReader {
    fn open(&mut self, element: ElementRef<'a>) -> bool {
        let role = hints::tag_role(element.value().name());
        if role == TagRole::Invisible || hints::is_hidden(element) {
            return false;
        }
        let words = hints::hint_words(element);
        if words.iter().any(|w| is_screen_reader_word(w)) {
            return false;
        }
        self.depth += 1;
        let is_credit = words.iter().any(|w| is_credit_word(w));
        if is_credit || self.credit_depth > 0 {
            self.credit_depth += 1;
        }
        // Spans side by side in a caption are separate pieces ("…California." and
        // "David McNew—Getty Images"): a space keeps the credit apart.
        self.current().push(' ');
        true
    }

    fn close(&mut self, element: ElementRef<'a>) {
        if hints::tag_role(element.value().name()) == TagRole::Block {
            self.current().push(' ');
        }
        self.credit_depth = self.credit_depth.saturating_sub(1);
        self.depth = self.depth.saturating_sub(1);
    }

    fn text(&mut self, text: &'a str) {
        self.current().push_str(text);
    }
}

impl CaptionReader {
    fn current(&mut self) -> &mut String {
        if self.credit_depth > 0 {
            &mut self.credit
        } else {
            &mut self.text
        }
    }
}

fn is_screen_reader_word(word: &str) -> bool {
    matches!(
        word,
        "offscreen" | "sronly" | "visuallyhidden" | "screenreader" | "hidden" | "assistive"
    )
}

fn is_credit_word(word: &str) -> bool {
    matches!(
        word,
        "credit" | "credits" | "copyright" | "photographer" | "source" | "byline" | "attribution"
    ) || word.ends_with("credit")
}

static IMAGE: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("img").expect("selector compiles"));

/// The first image of the element (or the element itself): its source and alt text.
fn image_of(element: ElementRef<'_>) -> Option<(Option<String>, Option<String>)> {
    let img = if element.value().name() == "img" {
        element
    } else {
        element.select(&IMAGE).next()?
    };
    let alt = img
        .value()
        .attr("alt")
        .map(collapse_whitespace)
        .filter(|a| !a.is_empty());
    Some((image_source(img), alt))
}

fn image_source(img: ElementRef<'_>) -> Option<String> {
    ["src", "data-src", "data-original", "data-lazy-src"]
        .iter()
        .filter_map(|attr| img.value().attr(attr))
        .find(|src| !src.starts_with("data:") && !src.trim().is_empty())
        .map(str::to_string)
}

/// "Photo: Jane Doe/AP", "(Photo by Jo Lee/Getty Images)", "© Jo Lee", "John Smith/Reuters".
static TRAILING_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?:^|\s+|[(\[]\s*)
        (
            (?i:photo(?:graph)?s?|pictures?|images?|credit|source|illustration|foto|bild|video|copyright)
            (?:\s+(?i:by|credit))?\s*[:：]\s*[^()\[\]:]{2,100}?
          | (?i:photo(?:graph)?|picture|image|video|illustration|graphic)\s+by\s+[^()\[\]]{2,100}?
          | [^()\[\]\s][^()\[\]]{0,60}/[^()\[\]]{1,60}(?:\)|\])
          | ©\s*[^()\[\]]{2,100}?
          | (?:\p{Lu}[\p{L}.'’-]*\s+){0,4}\p{Lu}[\p{L}.'’-]*\s*[/—]\s*\p{Lu}[\p{L}&.'’\ -]{1,40}?
          | (?:\p{Lu}[\p{L}.'’-]*\s+){0,3}(?:Getty\ Images|AFP|Reuters|AP|EPA|PA|Shutterstock|Alamy|Supplied)
        )
        [)\]]?\s*$",
    )
    .expect("trailing credit pattern compiles")
});

/// Splits a caption's text from a credit at its end.
pub fn split_credit(text: &str) -> (String, Option<String>) {
    let text = text.trim();
    if is_credit_line(text) {
        return (String::new(), Some(clean_credit(text)));
    }
    let Some(caps) = TRAILING_CREDIT.captures(text) else {
        return (text.to_string(), None);
    };
    let (Some(whole), Some(credit)) = (caps.get(0), caps.get(1)) else {
        return (text.to_string(), None);
    };
    let before = text.get(..whole.start()).unwrap_or("").trim();
    if before.is_empty() && !is_credit_line(credit.as_str()) {
        return (text.to_string(), None);
    }
    (before.to_string(), Some(clean_credit(credit.as_str())))
}

fn clean_credit(credit: &str) -> String {
    credit
        .trim()
        .trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | '|'))
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    fn caption_of(html: &str) -> Option<Caption> {
        let page = Html::parse_fragment(html);
        let figure = Selector::parse("figure, div").expect("selector");
        page.select(&figure).next().and_then(read_caption)
    }

    #[test]
    fn figure_with_credit_element() {
        let caption = caption_of(
            r#"<figure><img src="a.jpg" alt="x"><figcaption><span class="sr-only">Image caption</span>The mayor at the opening. <span class="credit">Jo Lee/AP</span></figcaption></figure>"#,
        )
        .expect("caption");
        assert_eq!(caption.text, "The mayor at the opening.");
        assert_eq!(caption.credit.as_deref(), Some("Jo Lee/AP"));
        assert_eq!(caption.image.as_deref(), Some("a.jpg"));
    }

    #[test]
    fn credits_at_the_end_of_caption_text() {
        for (text, caption, credit) in [
            (
                "Crowds at the rally on Sunday. Photo: Jane Doe/Reuters",
                "Crowds at the rally on Sunday.",
                "Photo: Jane Doe/Reuters",
            ),
            (
                "The river in flood (Photo by Jo Lee/Getty Images)",
                "The river in flood",
                "Photo by Jo Lee/Getty Images",
            ),
            (
                "Firefighters at the scene. John Smith/Getty Images",
                "Firefighters at the scene.",
                "John Smith/Getty Images",
            ),
            ("Source: Supplied", "", "Source: Supplied"),
            (
                "A street in Berlin (picture-alliance/dpa/J. Doe)",
                "A street in Berlin",
                "picture-alliance/dpa/J. Doe",
            ),
            (
                "Rally in the rain. (Video by Jo Lee)",
                "Rally in the rain.",
                "Video by Jo Lee",
            ),
        ] {
            let (got_caption, got_credit) = split_credit(text);
            assert_eq!(got_caption, caption, "{text}");
            assert_eq!(got_credit.as_deref(), Some(credit), "{text}");
        }
        assert_eq!(split_credit("He waves to fans.").1, None);
    }

    #[test]
    fn alt_text_only_when_descriptive() {
        let page = Html::parse_fragment(
            r#"<img alt="logo"><img src="b.jpg" alt="Two children play in the flooded street">"#,
        );
        let img = Selector::parse("img").expect("selector");
        let captions: Vec<Caption> = page.select(&img).filter_map(read_image).collect();
        assert_eq!(captions.len(), 1);
        assert_eq!(captions[0].text, "Two children play in the flooded street");
    }
}
