//! Finds the article's main text among a page's navigation, teasers, ads and comments.
//!
//! Part of `read page`: works on the flattened page ([`super::flatten`]). Furniture
//! (`nav`, `footer`, `.related`, `.share`, …) and captions are masked out; the remaining
//! paragraphs score their containers readability-style (length, commas, class words, link
//! density); the best container, widened to an enclosing `<article>` or to siblings that
//! score well, is the article. Everything is linear in the number of segments and elements:
//! ranges are contiguous, so sums come from prefix tables and masks from difference arrays.

use super::flatten::{ElementInfo, Flat, Piece};
use super::hints::Furniture;
use crate::document::BlockKind;

/// A text segment shorter than this does not vote for its container.
const MIN_SCORING_CHARS: usize = 25;
/// How much of an ancestor's score a paragraph gives, by distance.
const ANCESTOR_SHARES: [f64; 5] = [1.0, 0.5, 1.0 / 6.0, 1.0 / 9.0, 1.0 / 12.0];
/// A caption-marked element holding more text than this is not a caption.
const MAX_CAPTION_CHARS: usize = 1200;

/// What the finder keeps of the page.
#[derive(Debug, Default)]
pub struct Selection {
    /// Indices of the segments of the main text (text and embedded posts), in order.
    pub segments: Vec<usize>,
    /// Indices of the caption elements (figures, `.caption` blocks) not in furniture.
    pub captions: Vec<usize>,
    /// Indices of image segments inside the article.
    pub images: Vec<usize>,
    /// Indices of caption segments (`data-caption`, inline caption elements) outside
    /// strong furniture.
    pub caption_segments: Vec<usize>,
}

/// Why a segment is left out of the scoring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mask {
    Keep,
    /// Inside furniture that a word names which also names page wrappers.
    WeakFurniture,
    /// Inside `nav`, `footer`, `.related`, `.share` and the like.
    StrongFurniture,
    Caption,
}

/// Chooses the main text of a flattened page.
pub fn select(flat: &Flat<'_>) -> Selection {
    let all_chars = prefix_sums(flat, |_| true, text_chars);
    let total = all_chars.last().copied().unwrap_or(0);
    let caption_like = caption_like_elements(flat);
    let masks = masks(flat, &all_chars, total, &caption_like);
    let kept = |i: usize| masks.get(i) == Some(&Mask::Keep);
    let chars = prefix_sums(flat, kept, text_chars);
    let links = prefix_sums(flat, kept, link_chars);
    let table = Table {
        flat,
        chars: &chars,
        links: &links,
    };
    let scores = score_containers(flat, &masks);
    let region = match best_container(&scores, &table) {
        Some(top) => widen(top, &scores, &table),
        None => vec![(0, flat.segments.len())],
    };
    let segments = pick_segments(flat, &masks, &region);
    let captions = caption_elements(flat, &masks, &caption_like);
    let images = region
        .iter()
        .flat_map(|&(first, end)| first..end)
        .filter(|&i| kept(i) && matches!(piece(flat, i), Some(Piece::Image(_))))
        .collect();
    let caption_segments = caption_segments(flat, &masks);
    Selection {
        segments,
        captions,
        images,
        caption_segments,
    }
}

/// For each element: is it a caption (a figure, a `.caption` block, a picture box)? A
/// figure around a block quote is a quotation with its attribution, not a photo: neither
/// it nor its figcaption is a caption; nor is a figure around an embedded post.
fn caption_like_elements(flat: &Flat<'_>) -> Vec<bool> {
    let embeds = prefix_sums(flat, |_| true, embed_count);
    let quotations = prefix_sums(flat, |_| true, block_quote_count);
    let holds_quotation = |info: &ElementInfo<'_>| range_sum(&quotations, info.first, info.end) > 0;
    flat.elements
        .iter()
        .map(|info| {
            let in_quotation_figure = holds_quotation(info)
                || info
                    .parent
                    .and_then(|p| flat.elements.get(p))
                    .is_some_and(|parent| parent.caption && holds_quotation(parent));
            (info.caption || is_image_box(flat, info))
                && !in_quotation_figure
                && range_sum(&embeds, info.first, info.end) == 0
        })
        .collect()
}

/// Caption pieces (`data-caption`, inline caption elements) outside strong furniture.
fn caption_segments(flat: &Flat<'_>, masks: &[Mask]) -> Vec<usize> {
    (0..flat.segments.len())
        .filter(|&i| {
            masks.get(i) != Some(&Mask::StrongFurniture)
                && matches!(piece(flat, i), Some(Piece::Caption(_)))
        })
        .collect()
}

fn piece<'f, 'a>(flat: &'f Flat<'a>, index: usize) -> Option<&'f Piece<'a>> {
    flat.segments.get(index).map(|s| &s.piece)
}

fn text_chars(piece: &Piece<'_>) -> usize {
    match piece {
        Piece::Text { chars, .. } => *chars,
        _ => 0,
    }
}

fn block_quote_count(piece: &Piece<'_>) -> usize {
    usize::from(matches!(
        piece,
        Piece::Text {
            kind: BlockKind::BlockQuote,
            ..
        }
    ))
}

fn embed_count(piece: &Piece<'_>) -> usize {
    usize::from(matches!(piece, Piece::Embed(_)))
}

fn link_chars(piece: &Piece<'_>) -> usize {
    match piece {
        Piece::Text { link_chars, .. } => *link_chars,
        _ => 0,
    }
}

/// `sums[i]` is the total of `measure` over the segments before `i` that pass `keep`.
fn prefix_sums(
    flat: &Flat<'_>,
    keep: impl Fn(usize) -> bool,
    measure: fn(&Piece<'_>) -> usize,
) -> Vec<usize> {
    let mut sums = Vec::with_capacity(flat.segments.len() + 1);
    let mut total = 0;
    sums.push(0);
    for (i, segment) in flat.segments.iter().enumerate() {
        if keep(i) {
            total += measure(&segment.piece);
        }
        sums.push(total);
    }
    sums
}

fn range_sum(sums: &[usize], first: usize, end: usize) -> usize {
    let high = sums.get(end).copied().unwrap_or(0);
    let low = sums.get(first).copied().unwrap_or(0);
    high.saturating_sub(low)
}

/// Marks the segments inside furniture and inside captions.
fn masks(flat: &Flat<'_>, all_chars: &[usize], total: usize, caption_like: &[bool]) -> Vec<Mask> {
    let n = flat.segments.len();
    let mut furniture = vec![0i64; n + 1];
    let mut strong = vec![0i64; n + 1];
    let mut captions = vec![0i64; n + 1];
    let wraps_body = wraps_main_article(flat, all_chars, total);
    for ((info, wraps_body), &caption) in flat.elements.iter().zip(wraps_body).zip(caption_like) {
        let chars = range_sum(all_chars, info.first, info.end);
        if !wraps_body && masks_as_furniture(info, chars, total) {
            mark(&mut furniture, info.first, info.end);
            if info.furniture == Furniture::Strong {
                mark(&mut strong, info.first, info.end);
            }
        }
        if caption && chars <= MAX_CAPTION_CHARS {
            mark(&mut captions, info.first, info.end);
        }
    }
    let (mut in_furniture, mut in_strong, mut in_caption) = (0i64, 0i64, 0i64);
    (0..n)
        .map(|i| {
            in_furniture += furniture.get(i).copied().unwrap_or(0);
            in_strong += strong.get(i).copied().unwrap_or(0);
            in_caption += captions.get(i).copied().unwrap_or(0);
            if in_strong > 0 {
                Mask::StrongFurniture
            } else if in_furniture > 0 {
                Mask::WeakFurniture
            } else if in_caption > 0 {
                Mask::Caption
            } else {
                Mask::Keep
            }
        })
        .collect()
}

/// For each element: does it hold (or is it) a declared article body, or an `<article>`
/// with a third of the page's text? Furniture words on such wrappers give way. Elements
/// come in document order, so children follow their parents and one backward pass
/// suffices.
fn wraps_main_article(flat: &Flat<'_>, all_chars: &[usize], total: usize) -> Vec<bool> {
    let mut wraps: Vec<bool> = flat
        .elements
        .iter()
        .map(|e| {
            e.declared_body
                || (e.element.value().name() == "article"
                    && range_sum(all_chars, e.first, e.end) * 3 >= total)
        })
        .collect();
    for index in (0..flat.elements.len()).rev() {
        let parent = flat.elements.get(index).and_then(|e| e.parent);
        if wraps.get(index) == Some(&true)
            && let Some(flag) = parent.and_then(|p| wraps.get_mut(p))
        {
            *flag = true;
        }
    }
    wraps
}

/// A box that holds an image and then a line or two of short text: a figure without the
/// `<figure>` tag ("picture box"), whose text is the caption.
fn is_image_box(flat: &Flat<'_>, info: &ElementInfo<'_>) -> bool {
    const MAX_BOX_CHARS: usize = 200;
    if info.paragraph_like || info.end <= info.first + 1 || info.end - info.first > 4 {
        return false;
    }
    let Some(segments) = flat.segments.get(info.first..info.end) else {
        return false;
    };
    let starts_with_image = matches!(segments.first().map(|s| &s.piece), Some(Piece::Image(_)));
    let mut texts = 0;
    let mut chars = 0;
    for segment in segments.iter().skip(1) {
        match &segment.piece {
            Piece::Text { chars: c, .. } => {
                texts += 1;
                chars += c;
            }
            _ => return false,
        }
    }
    starts_with_image && (1..=2).contains(&texts) && chars <= MAX_BOX_CHARS
}

/// Weak furniture unless it holds most of the page's text, or a fifth of it with a class
/// that also names an article body ("article-body hide-print"); strong furniture unless it
/// holds most of the page's text *and* its class also names an article body
/// ("story-body share-enabled"): losing the whole article is worse than keeping a widget.
fn masks_as_furniture(info: &ElementInfo<'_>, chars: usize, total: usize) -> bool {
    let holds_most = chars * 2 >= total;
    let holds_a_fifth = chars * 5 >= total;
    match info.furniture {
        Furniture::No => false,
        Furniture::Strong => !(holds_most && info.content_words),
        Furniture::Weak => !(holds_most || (holds_a_fifth && info.content_words)),
    }
}

fn mark(diff: &mut [i64], first: usize, end: usize) {
    if first >= end {
        return;
    }
    if let Some(d) = diff.get_mut(first) {
        *d += 1;
    }
    if let Some(d) = diff.get_mut(end) {
        *d -= 1;
    }
}

/// Prefix tables over the kept segments.
struct Table<'t, 'a> {
    flat: &'t Flat<'a>,
    chars: &'t [usize],
    links: &'t [usize],
}

impl Table<'_, '_> {
    fn chars(&self, element: usize) -> usize {
        self.flat
            .elements
            .get(element)
            .map_or(0, |e| range_sum(self.chars, e.first, e.end))
    }

    fn link_density(&self, element: usize) -> f64 {
        let Some(e) = self.flat.elements.get(element) else {
            return 1.0;
        };
        let chars = range_sum(self.chars, e.first, e.end);
        if chars == 0 {
            return 1.0;
        }
        range_sum(self.links, e.first, e.end) as f64 / chars as f64
    }

    fn final_score(&self, scores: &[Option<f64>], element: usize) -> f64 {
        let raw = scores.get(element).copied().flatten().unwrap_or(0.0);
        raw * (1.0 - self.link_density(element))
    }
}

/// Readability's content score: each paragraph gives its container and a few ancestors
/// points for length and commas, on top of their class weights.
fn score_containers(flat: &Flat<'_>, masks: &[Mask]) -> Vec<Option<f64>> {
    let mut scores: Vec<Option<f64>> = vec![None; flat.elements.len()];
    for (i, segment) in flat.segments.iter().enumerate() {
        if masks.get(i) != Some(&Mask::Keep) {
            continue;
        }
        let Piece::Text {
            kind, text, chars, ..
        } = &segment.piece
        else {
            continue;
        };
        if *kind == BlockKind::Heading || *chars < MIN_SCORING_CHARS {
            continue;
        }
        let points = paragraph_points(text, *chars);
        let mut target = container_of(flat, segment.owner);
        for share in ANCESTOR_SHARES {
            let Some(index) = target else { break };
            let Some(info) = flat.elements.get(index) else {
                break;
            };
            let score = scores
                .get_mut(index)
                .map(|s| s.get_or_insert(f64::from(info.weight)));
            if let Some(score) = score {
                *score += points * share;
            }
            target = info.parent;
        }
    }
    scores
}

fn paragraph_points(text: &str, chars: usize) -> f64 {
    let commas = text.matches([',', '،', '，']).count();
    1.0 + commas as f64 + (chars as f64 / 100.0).min(3.0)
}

/// A paragraph's container: the parent of a `p`-like owner, else the owner itself.
fn container_of(flat: &Flat<'_>, owner: usize) -> Option<usize> {
    let info = flat.elements.get(owner)?;
    if info.paragraph_like {
        info.parent
    } else {
        Some(owner)
    }
}

fn best_container(scores: &[Option<f64>], table: &Table<'_, '_>) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for (index, score) in scores.iter().enumerate() {
        if score.is_none() {
            continue;
        }
        let value = table.final_score(scores, index);
        if best.is_none_or(|(_, b)| value > b) {
            best = Some((index, value));
        }
    }
    best.map(|(index, _)| index)
}

/// The article's ranges of segments: the top container climbed and widened to its
/// enclosing `<article>` or to siblings that look like more of the same article.
fn widen(top: usize, scores: &[Option<f64>], table: &Table<'_, '_>) -> Vec<(usize, usize)> {
    let top = climb(top, scores, table);
    if let Some(article) = enclosing_article(top, table) {
        return range_of(table.flat, article).into_iter().collect();
    }
    let Some(info) = table.flat.elements.get(top) else {
        return Vec::new();
    };
    let Some(parent) = info.parent else {
        return vec![(info.first, info.end)];
    };
    let top_score = table.final_score(scores, top);
    let threshold = (top_score * 0.2).max(10.0);
    table
        .flat
        .elements
        .iter()
        .enumerate()
        .filter(|(index, e)| {
            *index == top
                || (e.parent == Some(parent)
                    && sibling_belongs(*index, top, threshold, scores, table))
        })
        .map(|(_, e)| (e.first, e.end))
        .collect()
}

/// Readability's climb: a parent that scores better than the container takes its place.
fn climb(top: usize, scores: &[Option<f64>], table: &Table<'_, '_>) -> usize {
    let mut last = table.final_score(scores, top);
    let floor = last / 3.0;
    let mut current = top;
    let mut parent = table.flat.elements.get(top).and_then(|e| e.parent);
    let mut steps = 0;
    while let Some(p) = parent {
        if steps > 64 || is_page_root(table.flat, p) {
            break;
        }
        let score = table.final_score(scores, p);
        if score < floor {
            break;
        }
        if score > last {
            current = p;
            break;
        }
        last = score;
        parent = table.flat.elements.get(p).and_then(|e| e.parent);
        steps += 1;
    }
    current
}

fn is_page_root(flat: &Flat<'_>, element: usize) -> bool {
    flat.elements
        .get(element)
        .is_none_or(|e| matches!(e.element.value().name(), "body" | "html"))
}

/// The nearest `<article>` / `itemprop=articleBody` around (or at) the container, when it
/// holds little more than the container itself.
fn enclosing_article(top: usize, table: &Table<'_, '_>) -> Option<usize> {
    let own = table.chars(top).max(1);
    let mut current = Some(top);
    let mut steps = 0;
    while let Some(index) = current {
        let info = table.flat.elements.get(index)?;
        if info.article_body && !is_page_root(table.flat, index) {
            return (table.chars(index) <= own * 3).then_some(index);
        }
        current = info.parent;
        steps += 1;
        if steps > 64 {
            break;
        }
    }
    None
}

fn range_of(flat: &Flat<'_>, element: usize) -> Option<(usize, usize)> {
    flat.elements.get(element).map(|e| (e.first, e.end))
}

fn sibling_belongs(
    index: usize,
    top: usize,
    threshold: f64,
    scores: &[Option<f64>],
    table: &Table<'_, '_>,
) -> bool {
    if table.final_score(scores, index) >= threshold {
        return true;
    }
    let Some(info) = table.flat.elements.get(index) else {
        return false;
    };
    let chars = table.chars(index);
    let density = table.link_density(index);
    if info.paragraph_like {
        return (chars > 80 && density < 0.25)
            || (chars > 0 && density == 0.0 && ends_sentence(info, table));
    }
    // A small box of running text just before the body: a standfirst or intro paragraph.
    // (Boxes after the body are author blurbs and teasers far more often.)
    index < top && chars > 50 && density < 0.2 && ends_sentence(info, table)
}

fn ends_sentence(info: &ElementInfo<'_>, table: &Table<'_, '_>) -> bool {
    table
        .flat
        .segments
        .get(info.first..info.end)
        .unwrap_or(&[])
        .iter()
        .rev()
        .find_map(|s| match &s.piece {
            Piece::Text { text, .. } => Some(text.ends_with(['.', '!', '?', '"', '”'])),
            _ => None,
        })
        .unwrap_or(false)
}

/// The kept segments inside the article's ranges, with embedded posts and real paragraphs
/// that lie between the first and the last of them.
fn pick_segments(flat: &Flat<'_>, masks: &[Mask], region: &[(usize, usize)]) -> Vec<usize> {
    let n = flat.segments.len();
    let mut inside = vec![false; n + 1];
    for &(first, end) in region {
        for flag in inside.iter_mut().take(end.min(n)).skip(first) {
            *flag = true;
        }
    }
    let is_text = |i: usize| matches!(piece(flat, i), Some(Piece::Text { .. }));
    let kept = |i: usize| masks.get(i) == Some(&Mask::Keep);
    let in_region = |i: usize| inside.get(i) == Some(&true);
    let first = (0..n).find(|&i| in_region(i) && kept(i) && is_text(i));
    let last = (0..n)
        .rev()
        .find(|&i| in_region(i) && kept(i) && is_text(i));
    let (Some(first), Some(last)) = (first, last) else {
        return Vec::new();
    };
    (first..=last)
        .filter(|&i| kept(i))
        .filter(|&i| match piece(flat, i) {
            Some(Piece::Text {
                kind,
                text,
                chars,
                link_chars,
            }) => {
                if in_region(i) {
                    !mostly_links(*chars, *link_chars)
                } else {
                    is_stray_paragraph(*kind, text, *chars, *link_chars)
                }
            }
            Some(Piece::Embed(_)) => true,
            _ => false,
        })
        .collect()
}

fn mostly_links(chars: usize, link_chars: usize) -> bool {
    link_chars * 10 > chars * 6 && chars < 400
}

/// A paragraph outside the chosen containers but inside the article's span: kept when it
/// reads like running text, or is a short line holding a quotation.
fn is_stray_paragraph(kind: BlockKind, text: &str, chars: usize, link_chars: usize) -> bool {
    let quotes = text.contains(['"', '“', '”', '«', '»', '„']);
    kind != BlockKind::Heading
        && (chars >= 40 || (quotes && chars >= 8))
        && link_chars * 10 < chars * 3
}

/// The outermost caption elements outside furniture (and short enough to be captions).
fn caption_elements(flat: &Flat<'_>, masks: &[Mask], caption_like: &[bool]) -> Vec<usize> {
    let mut chosen = Vec::new();
    let mut covered_until = 0;
    for (index, info) in flat.elements.iter().enumerate() {
        let caption = caption_like.get(index) == Some(&true);
        if !caption || info.first >= info.end || info.first < covered_until {
            continue;
        }
        if masks.get(info.first) != Some(&Mask::Caption) {
            continue;
        }
        chosen.push(index);
        covered_until = info.end;
    }
    chosen
}

#[cfg(test)]
mod tests {
    use crate::read::read_html;

    fn paragraphs(n: usize) -> String {
        paragraphs_from(0, n)
    }

    fn paragraphs_from(start: usize, n: usize) -> String {
        (start..start + n)
            .map(|i| format!("<p>The council met on day {i}, and after a long debate, it voted to keep the library open for another year.</p>"))
            .collect()
    }

    #[test]
    fn a_wrapper_named_like_furniture_keeps_the_article_it_holds() {
        let page = format!(
            r#"<body><div class="layout has-related-sidebar"><article>{}<p>“We won,” she said.</p></article></div>
            <div class="related"><a href="/a">Other story</a></div></body>"#,
            paragraphs(4)
        );
        let doc = read_html(&page, None);
        assert!(doc.text.contains("“We won,” she said."), "{}", doc.text);
        assert!(!doc.text.contains("Other story"));
    }

    #[test]
    fn a_comment_section_longer_than_the_article_stays_out() {
        let comments: String = (0..20).map(|i| format!("<div class=comment><p>I have lived here for {i} years and, frankly, this is the worst decision the council has made.</p></div>")).collect();
        let page = format!(
            r#"<body><div class="story">{}</div><section id="comments">{comments}</section></body>"#,
            paragraphs(3)
        );
        let doc = read_html(&page, None);
        assert!(doc.text.contains("keep the library open"));
        assert!(!doc.text.contains("worst decision"), "{}", doc.text);
    }

    #[test]
    fn an_article_split_by_an_ad_is_read_whole() {
        let page = format!(
            r#"<body><nav><a href="/">Home</a></nav><div class="main"><div class="text-block">{}</div>
            <div class="ad-slot"><p>Buy our product today, with free delivery, while stocks last!</p></div>
            <div class="text-block"><p>“It is a relief,” said the librarian.</p>{}</div></div>
            <footer><p>Contact us, anytime, about anything, by email or by phone.</p></footer></body>"#,
            paragraphs(3),
            paragraphs_from(3, 2)
        );
        let doc = read_html(&page, None);
        assert!(
            doc.text.contains("“It is a relief,” said the librarian."),
            "{}",
            doc.text
        );
        assert!(!doc.text.contains("Buy our product"));
        assert!(!doc.text.contains("Contact us"));
        assert_eq!(doc.blocks.len(), 6);
    }

    #[test]
    fn an_intro_box_beside_the_body_is_kept() {
        let page = format!(
            r#"<body><div class="page"><div class="intro"><p>“We are not done yet,” the mayor told reporters on Monday, promising a new plan.</p></div>
            <div class="story-body">{}</div><div class="promo-box"><a href="/x">Read our other stories about the library and the council</a></div></div></body>"#,
            paragraphs(4)
        );
        let doc = read_html(&page, None);
        assert!(
            doc.text
                .contains("“We are not done yet,” the mayor told reporters"),
            "{}",
            doc.text
        );
        assert!(!doc.text.contains("Read our other stories"));
    }

    #[test]
    fn a_hidden_article_body_is_read_but_a_hidden_box_is_not() {
        let page = format!(
            r#"<body><div class="lg:hidden overflow-hidden"><div class="story" style="display: none">{}</div></div>
            <div style="display:none"><p>Subscribe now, and get your first three months free of charge.</p></div></body>"#,
            paragraphs(4)
        );
        let doc = read_html(&page, None);
        assert!(doc.text.contains("keep the library open"), "{}", doc.text);
        assert!(!doc.text.contains("Subscribe now"), "{}", doc.text);
    }

    #[test]
    fn an_article_split_into_story_bodies_around_ads() {
        let page = format!(
            r#"<body><header><nav><a href="/">Home</a></nav></header><article id="story"><header><h1>Library saved</h1></header>
            <div class="story-body story-body-1">{}</div><div class="ad top-ad"><p>Advertisement text that is long enough to count as a paragraph.</p></div>
            <div class="story-body story-body-2"><p>“A good day,” said Ms Lee.</p>{}</div></article>
            <section class="comments"><p>First comment, which is long enough and has, indeed, a comma.</p></section></body>"#,
            paragraphs(3),
            paragraphs_from(3, 3)
        );
        let doc = read_html(&page, None);
        assert!(
            doc.text.contains("“A good day,” said Ms Lee."),
            "{}",
            doc.text
        );
        assert!(doc.text.contains("day 5"));
        assert!(!doc.text.contains("Advertisement text"));
        assert!(!doc.text.contains("First comment"));
    }

    #[test]
    fn blog_sharing_and_related_plugins_stay_out() {
        let page = format!(
            r##"<body><div class="entry-content">{}<div class="sharedaddy sd-sharing-enabled"><h3>Share this:</h3><ul><li><a href="#">Twitter</a></li></ul></div>
            <div id="jp-relatedposts" class="jp-relatedposts"><p>“Another story,” with a quote, about something else entirely, in another place.</p></div></div>
            <div id="comments" class="comments-area"><p>Great post, thanks for sharing it with all of us, really.</p></div></body>"##,
            paragraphs(4)
        );
        let doc = read_html(&page, None);
        assert!(doc.text.contains("day 3"));
        assert!(!doc.text.contains("Share this"), "{}", doc.text);
        assert!(!doc.text.contains("Another story"), "{}", doc.text);
        assert!(!doc.text.contains("Great post"));
    }

    #[test]
    fn paragraphs_in_plain_divs_are_read_together() {
        let divs: String = (0..6)
            .map(|i| format!("<div>Paragraph {i} of the story, in a plain div, with a comma and enough words to count.</div>"))
            .collect();
        let page = format!(
            r#"<body><div class="menu"><a href="/a">Section A</a> <a href="/b">Section B</a></div><div>{divs}</div><div class="footer-links"><a href="/c">Contact</a></div></body>"#
        );
        let doc = read_html(&page, None);
        assert_eq!(doc.blocks.len(), 6, "{}", doc.text);
    }

    #[test]
    fn data_component_attributes_name_furniture_too() {
        let page = format!(
            r#"<body><article>{}<div data-component="related-links"><p>“Quoted teaser,” from another article, that is long enough to score.</p></div>{}</article></body>"#,
            paragraphs(3),
            paragraphs_from(3, 3)
        );
        let doc = read_html(&page, None);
        assert!(doc.text.contains("day 5"));
        assert!(!doc.text.contains("Quoted teaser"), "{}", doc.text);
    }

    #[test]
    fn a_quotation_figure_stays_in_the_text_with_its_attribution() {
        let page = format!(
            r#"<body><div class="story">{}<figure class="quote"><blockquote><p>Libraries are the memory of a town.</p><footer>— Ann Lee, <cite>head librarian</cite></footer></blockquote></figure>
            <figure><blockquote><p>Books first.</p></blockquote><figcaption>— Tom Ray, councillor</figcaption></figure>{}</div></body>"#,
            paragraphs(2),
            paragraphs_from(2, 2)
        );
        let doc = read_html(&page, None);
        assert!(
            doc.text.contains("Libraries are the memory of a town."),
            "{}",
            doc.text
        );
        assert!(
            doc.text.contains("— Ann Lee, head librarian"),
            "{}",
            doc.text
        );
        assert!(doc.text.contains("Books first."), "{}", doc.text);
        assert!(doc.text.contains("— Tom Ray, councillor"), "{}", doc.text);
        assert!(doc.captions.is_empty(), "{:?}", doc.captions);
    }

    #[test]
    fn a_picture_box_is_a_caption_not_text() {
        let page = format!(
            r#"<body><div class="story">{}<div class="pic"><img src="a.jpg" alt="Library"><p>The library on Monday</p></div>{}</div></body>"#,
            paragraphs(2),
            paragraphs_from(2, 2)
        );
        let doc = read_html(&page, None);
        assert!(!doc.text.contains("The library on Monday"));
        assert_eq!(doc.captions.len(), 1);
        assert_eq!(doc.captions[0].text, "The library on Monday");
    }
}
