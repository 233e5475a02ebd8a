//! Flattens a parsed page into a list of text segments and the block elements around them.
//!
//! Part of `read page`: the first pass of the HTML reader. One iterative walk turns the tree
//! into [`Segment`]s (runs of text between block boundaries, embedded posts, images) in
//! document order, and records for every block element the range of segments it holds and
//! what its tag, class and id say. The content finder ([`super::content`]) works on this
//! flat form only, which keeps it linear in the page's size.

use super::embeds::is_embed;
use super::hints::{self, Furniture, TagRole};
use super::walk::{Visitor, walk};
use crate::document::BlockKind;
use scraper::{ElementRef, Html};

/// One piece of the page in reading order.
#[derive(Debug, Clone)]
pub enum Piece<'a> {
    /// Text between two block boundaries, white space collapsed.
    Text {
        kind: BlockKind,
        text: String,
        /// Characters (not white space) of the text that sit inside links.
        link_chars: usize,
        /// Characters (not white space) of the text.
        chars: usize,
    },
    /// An embedded social post (its element).
    Embed(ElementRef<'a>),
    /// An image with alt text.
    Image(ElementRef<'a>),
    /// A caption that is no block of its own: an element with a `data-caption`
    /// attribute, or an inline or hidden element whose class or id says caption.
    Caption(ElementRef<'a>),
}

/// A piece and the innermost block element holding it.
#[derive(Debug, Clone)]
pub struct Segment<'a> {
    pub piece: Piece<'a>,
    /// Index into [`Flat::elements`].
    pub owner: usize,
}

/// A block element: where it sits and what it says about itself.
#[derive(Debug, Clone)]
pub struct ElementInfo<'a> {
    pub element: ElementRef<'a>,
    pub parent: Option<usize>,
    /// The segments it holds: `first..end` of [`Flat::segments`].
    pub first: usize,
    pub end: usize,
    /// Readability-style class/id weight.
    pub weight: i32,
    /// Its tag or class marks site furniture (navigation, sharing, related links, …).
    pub furniture: Furniture,
    /// Its tag or class marks a photo caption or credit (`figure`, `.caption`).
    pub caption: bool,
    /// `<article>`, `<main>` or `itemprop=articleBody`.
    pub article_body: bool,
    /// `itemprop=articleBody` or `<main>`: furniture words around it give way.
    pub declared_body: bool,
    /// Its class or id names an article body ("story", "article-body", "content").
    pub content_words: bool,
    /// `p`, `li`, headings and the like: scored against their parent.
    pub paragraph_like: bool,
}

/// The flattened page.
#[derive(Debug, Default)]
pub struct Flat<'a> {
    pub segments: Vec<Segment<'a>>,
    pub elements: Vec<ElementInfo<'a>>,
}

/// Flattens the whole page.
pub fn flatten(page: &Html) -> Flat<'_> {
    let mut flattener = Flattener::default();
    walk(page.root_element(), &mut flattener);
    flattener.flush();
    flattener.flat
}

#[derive(Debug, Clone, Copy)]
struct Frame {
    /// Index into the element list, for block elements.
    element: Option<usize>,
    /// The innermost block element at or above this frame.
    block: Option<usize>,
    kind: BlockKind,
    is_link: bool,
}

#[derive(Debug, Default)]
struct Flattener<'a> {
    flat: Flat<'a>,
    stack: Vec<Frame>,
    buffer: String,
    buffer_chars: usize,
    buffer_link_chars: usize,
    link_depth: usize,
    /// A `<br>` came and no text since: a second one ends the paragraph.
    after_break: bool,
}

impl<'a> Flattener<'a> {
    fn current_kind(&self) -> BlockKind {
        self.stack
            .last()
            .map_or(BlockKind::Paragraph, |frame| frame.kind)
    }

    fn current_owner(&self) -> usize {
        self.current_element().unwrap_or(0)
    }

    /// Ends the current run of text as a segment.
    fn flush(&mut self) {
        self.after_break = false;
        if self.buffer_chars == 0 {
            self.buffer.clear();
            self.buffer_link_chars = 0;
            return;
        }
        let text = collapse_whitespace(&self.buffer);
        self.buffer.clear();
        let piece = Piece::Text {
            kind: self.current_kind(),
            text,
            link_chars: std::mem::take(&mut self.buffer_link_chars),
            chars: std::mem::take(&mut self.buffer_chars),
        };
        self.push(piece);
    }

    fn push(&mut self, piece: Piece<'a>) {
        let owner = self.current_owner();
        self.flat.segments.push(Segment { piece, owner });
    }

    fn line_break(&mut self) {
        if self.after_break && self.buffer_chars > 0 {
            self.flush();
        } else {
            self.buffer.push(' ');
            self.after_break = true;
        }
    }

    fn open_block(&mut self, element: ElementRef<'a>, name: &'a str) {
        self.flush();
        let words = hints::hint_words(element);
        let role = hints::tag_role(name);
        let caption =
            matches!(name, "figure" | "figcaption") || words.iter().any(|w| is_caption_word(w));
        let info = ElementInfo {
            element,
            parent: self.current_element(),
            first: self.flat.segments.len(),
            end: self.flat.segments.len(),
            weight: hints::class_weight(&words) + tag_weight(name),
            furniture: if self.current_kind() == BlockKind::BlockQuote
                && matches!(name, "footer" | "header")
            {
                // A quotation's own footer names its author: "— Jane Doe, <cite>Mayor</cite>".
                Furniture::No
            } else {
                furniture_of(name, role, &words, hints::is_hidden(element))
            },
            caption,
            article_body: hints::marks_article_body(element),
            declared_body: hints::is_declared_article_body(element),
            paragraph_like: hints::is_paragraph_tag(name),
            content_words: hints::says_content(&words),
        };
        self.flat.elements.push(info);
        let kind = block_kind(name, self.current_kind());
        self.stack.push(Frame {
            element: Some(self.flat.elements.len() - 1),
            block: Some(self.flat.elements.len() - 1),
            kind,
            is_link: false,
        });
    }

    /// The innermost open block element (each frame carries it, so this is O(1) however
    /// deep the inline markup).
    fn current_element(&self) -> Option<usize> {
        self.stack.last().and_then(|frame| frame.block)
    }
}

impl<'a> Visitor<'a> for Flattener<'a> {
    fn open(&mut self, element: ElementRef<'a>) -> bool {
        let name = element.value().name();
        let role = hints::tag_role(name);
        if element.value().attr("data-caption").is_some() {
            self.push(Piece::Caption(element));
        }
        let hidden = role == TagRole::Invisible || hints::is_hidden(element);
        if (hidden || role == TagRole::Inline)
            && role != TagRole::Invisible
            && is_caption_element(element)
        {
            self.push(Piece::Caption(element));
            return false;
        }
        // A hidden block may be an article that scripts reveal: it is read, as weak
        // furniture, and kept only when it holds the page's text.
        if hidden && role != TagRole::Block {
            return false;
        }
        if is_embed(element) {
            self.flush();
            self.push(Piece::Embed(element));
            return false;
        }
        match name {
            "br" => {
                self.line_break();
                return false;
            }
            "img" => {
                if element
                    .value()
                    .attr("alt")
                    .is_some_and(|a| !a.trim().is_empty())
                {
                    self.push(Piece::Image(element));
                }
                return false;
            }
            _ => {}
        }
        if role == TagRole::Inline {
            if name == "q" {
                // Browsers draw the marks of <q>; the text needs them to show a quotation.
                self.buffer.push('“');
            }
            let is_link = name == "a";
            self.link_depth += usize::from(is_link);
            let kind = self.current_kind();
            self.stack.push(Frame {
                element: None,
                block: self.current_element(),
                kind,
                is_link,
            });
        } else {
            self.open_block(element, name);
        }
        true
    }

    fn close(&mut self, closing: ElementRef<'a>) {
        if closing.value().name() == "q" {
            self.buffer.push('”');
        }
        let Some(&Frame {
            element, is_link, ..
        }) = self.stack.last()
        else {
            return;
        };
        if let Some(index) = element {
            self.flush();
            let end = self.flat.segments.len();
            if let Some(info) = self.flat.elements.get_mut(index) {
                info.end = end;
            }
        }
        if is_link {
            self.link_depth = self.link_depth.saturating_sub(1);
        }
        self.stack.pop();
    }

    fn text(&mut self, text: &'a str) {
        let chars = text.chars().filter(|c| !c.is_whitespace()).count();
        if chars > 0 {
            self.after_break = false;
        }
        self.buffer_chars += chars;
        if self.link_depth > 0 {
            self.buffer_link_chars += chars;
        }
        self.buffer.push_str(text);
    }
}

/// How sure the tag, class words and visibility are that a block is site furniture.
fn furniture_of(name: &str, role: TagRole, words: &[String], hidden: bool) -> Furniture {
    if matches!(name, "html" | "body") {
        Furniture::No
    } else if role == TagRole::Furniture {
        Furniture::Strong
    } else if hidden {
        hints::furniture(words).max(Furniture::Weak)
    } else {
        hints::furniture(words)
    }
}

fn is_caption_element(element: ElementRef<'_>) -> bool {
    hints::may_name_caption(element)
        && hints::hint_words(element)
            .iter()
            .any(|w| is_caption_word(w))
}

/// Class words of caption and credit blocks: "caption", "wp-caption-text", "credit", "legend".
fn is_caption_word(word: &str) -> bool {
    word.contains("caption") || matches!(word, "credit" | "credits" | "legend")
}

/// The kind of text inside a block element: headings, list items and block quotes say so
/// themselves; a block quote's kind sticks to everything inside it.
fn block_kind(name: &str, outer: BlockKind) -> BlockKind {
    if outer == BlockKind::BlockQuote {
        return outer;
    }
    match name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => BlockKind::Heading,
        "li" | "dt" | "dd" => BlockKind::ListItem,
        "blockquote" => BlockKind::BlockQuote,
        "p" | "div" | "section" | "article" | "main" | "td" | "th" | "body" | "html" => {
            BlockKind::Paragraph
        }
        _ => outer,
    }
}

fn tag_weight(name: &str) -> i32 {
    match name {
        "div" | "article" | "section" | "main" => 5,
        "pre" | "td" | "blockquote" => 3,
        "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" | "address" => -3,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5,
        _ => 0,
    }
}

/// Runs of white space (including non-breaking spaces) become one space; ends trimmed;
/// invisible soft hyphens and zero-width spaces go ("Bundes\u{ad}regierung" reads as one
/// word, as on screen).
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| c.is_whitespace()) {
        if word.chars().all(is_invisible) {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        if word.contains(is_invisible) {
            out.extend(word.chars().filter(|&c| !is_invisible(c)));
        } else {
            out.push_str(word);
        }
    }
    out
}

/// Characters that take no room on screen inside a word.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}' | '\u{2060}' | '\u{feff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str) -> Vec<String> {
        let page = Html::parse_document(html);
        flatten(&page)
            .segments
            .into_iter()
            .filter_map(|s| match s.piece {
                Piece::Text { text, .. } => Some(text),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn inline_markup_does_not_split_or_glue_words() {
        assert_eq!(
            texts("<p>“We <b>will</b> <a href=x>win</a>,” she<br>said.</p><p>Next.</p>"),
            ["“We will win,” she said.", "Next."]
        );
    }

    #[test]
    fn q_elements_get_their_quotation_marks() {
        assert_eq!(
            texts("<p>She called it <q>a fine day</q> and left.</p>"),
            ["She called it “a fine day” and left."]
        );
    }

    #[test]
    fn double_break_splits_paragraphs() {
        assert_eq!(
            texts("<div>First part.<br><br>Second part.</div>"),
            ["First part.", "Second part."]
        );
    }

    #[test]
    fn scripts_and_hidden_elements_are_not_text() {
        assert_eq!(
            texts("<p>Seen<script>var x;</script><span hidden>unseen</span>.</p>"),
            ["Seen."]
        );
    }

    #[test]
    fn element_ranges_cover_their_segments() {
        let page = Html::parse_document("<div class=story><p>a</p><p>b</p></div><p>c</p>");
        let flat = flatten(&page);
        let story = flat
            .elements
            .iter()
            .find(|e| e.element.value().name() == "div")
            .expect("div");
        assert_eq!(story.end - story.first, 2);
        assert!(story.weight > 0);
    }

    #[test]
    fn collapses_nbsp_and_newlines() {
        assert_eq!(collapse_whitespace(" a\u{a0}\n b  "), "a b");
        assert_eq!(
            collapse_whitespace("Bundes\u{ad}regierung zero\u{200b}width"),
            "Bundesregierung zerowidth"
        );
        assert_eq!(collapse_whitespace("a \u{200b} b"), "a b");
    }
}
