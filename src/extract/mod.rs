//! Quote extraction: the pure heart of the pipeline.
//!
//! `read page → extract quotes → store`: takes a [`Document`] and returns the attributed
//! quotes in it. No I/O, no clock, no database: the same document always gives the same
//! quotes, in time linear in the text.
//!
//! The stages, one submodule each: [`spans`] finds quotation-mark spans in each block;
//! [`sentences`] splits blocks into sentences; [`cues`] knows the verbs of saying;
//! [`attribution`] reads the frame around a quote (who says it, with which cue);
//! [`speakers`] indexes the document's people and resolves surnames, pronouns and role
//! nouns to full names; this module decides which spans are quotes (not titles, scare
//! quotes or nicknames), carries the speaker across paragraphs and builds [`Quote`]s.

mod attribution;
mod cues;
mod quote;
mod sentences;
mod spans;
mod speakers;
mod words;

pub use quote::{Quote, QuoteKind};

use crate::document::{Block, BlockKind, Document};
use attribution::{Attribution, Subject};
use spans::Span;
use speakers::People;
use std::collections::HashSet;
use std::ops::Range;
use words::Gender;

/// Every attributed quote in the document, in text order.
pub fn quotes(doc: &Document) -> Vec<Quote> {
    let spans: Vec<Vec<Span>> = doc
        .blocks
        .iter()
        .map(|block| spans::find(doc.block_text(block)))
        .collect();
    let people = People::collect(doc, &spans);
    let mut extractor = Extractor {
        doc,
        spans: &spans,
        people: &people,
        found: Vec::new(),
        last: None,
        terms: HashSet::new(),
    };
    for (index, block) in doc.blocks.iter().enumerate() {
        let block_spans = spans.get(index).map(Vec::as_slice).unwrap_or(&[]);
        match block.kind {
            BlockKind::Paragraph | BlockKind::BlockQuote | BlockKind::ListItem => {
                extractor.prose(index, block, block_spans);
            }
            BlockKind::Caption => extractor.caption(index, block, block_spans),
            BlockKind::Post(post) => extractor.post(index, block, post),
            BlockKind::Heading if reads_as_prose(doc.block_text(block)) => {
                extractor.prose(index, block, block_spans);
            }
            BlockKind::Heading | BlockKind::Credit => {}
        }
    }
    extractor.found
}

/// A "heading" of several sentences is prose that a reader took for a title.
fn reads_as_prose(text: &str) -> bool {
    let inner_stops = text
        .trim_end()
        .char_indices()
        .filter(|&(at, c)| {
            matches!(c, '.' | '!' | '?')
                && text.get(at + 1..).is_some_and(|rest| {
                    rest.starts_with(' ') && rest.chars().nth(1).is_some_and(|c| !c.is_whitespace())
                })
        })
        .count();
    inner_stops >= 1 && text.split_whitespace().count() >= 8
}

/// The speaker of the latest quote, for continuations and pronouns.
#[derive(Debug, Clone)]
struct Turn {
    speaker: Option<String>,
    person: Option<usize>,
    mention: Option<String>,
    role: Option<String>,
    cue: Option<String>,
    block: usize,
    /// End of the sentence that held the quote.
    sentence_end: usize,
    /// The quote ran to the end of its block without a closing mark.
    open_ended: bool,
}

/// A resolved speaker.
#[derive(Debug, Clone, Default)]
struct Speaker {
    name: Option<String>,
    person: Option<usize>,
    mention: Option<String>,
    role: Option<String>,
}

struct Extractor<'a> {
    doc: &'a Document,
    /// The quotation spans of every block.
    spans: &'a [Vec<Span>],
    people: &'a People,
    found: Vec<Quote>,
    last: Option<Turn>,
    /// Short quoted terms met with nobody speaking: the same words quoted again later are
    /// a term, not a partial quote ("staff on “rolling contracts”").
    terms: HashSet<String>,
}

impl Extractor<'_> {
    fn prose(&mut self, index: usize, block: &Block, spans: &[Span]) {
        let text = self.doc.block_text(block);
        let base = block.range.start;
        let sentences = sentences::split(text, spans);
        let mut seen_in_block = false;
        for span in spans {
            let sentence = sentence_of(&sentences, span, text.len());
            let Some(quoted) = text.get(span.start..span.end) else {
                continue;
            };
            if !looks_quotable(text, span, quoted) {
                continue;
            }
            let mut found = attribution::attribute(text, base, span, sentence.clone(), spans);
            if found.is_none() && span.open == 0 {
                found = self
                    .lead_in(index)
                    .or_else(|| self.continued_in_next(index, span));
            }
            if found.is_none() && !seen_in_block && span.open > 0 && is_statement(quoted) {
                found = previous_sentence(&sentences, &sentence).and_then(|previous| {
                    attribution::previous_sentence_subject(text, base, previous)
                });
            }
            let short = quoted.split_whitespace().count() <= 3;
            let term = short.then(|| {
                quoted
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            });
            if found.is_some() && term.as_ref().is_some_and(|t| self.terms.contains(t)) {
                continue;
            }
            let speaker = match &found {
                Some(found) => self.resolve(found),
                None => match self.inherit(index, span, seen_in_block) {
                    Some(speaker) => speaker,
                    None => {
                        self.terms.extend(term);
                        continue;
                    }
                },
            };
            if found.is_none() && !is_statement(quoted) && !seen_in_block && span.open > 0 {
                continue;
            }
            let kind = kind_of(text, span, quoted);
            let cue = found
                .as_ref()
                .map(|f| f.cue.clone())
                .filter(|c| !c.is_empty())
                .or_else(|| self.last.as_ref().and_then(|t| t.cue.clone()));
            self.push(index, base, span, text, &sentence, speaker, cue, kind);
            seen_in_block = true;
        }
    }

    /// A paragraph that is only a quote, after a paragraph ending "…, she said:".
    fn lead_in(&self, index: usize) -> Option<Attribution> {
        let previous = self.doc.blocks.get(index.checked_sub(1)?)?;
        if !matches!(previous.kind, BlockKind::Paragraph | BlockKind::BlockQuote) {
            return None;
        }
        let text = self.doc.block_text(previous);
        if !text.trim_end().ends_with(':') {
            return None;
        }
        attribution::lead_in(text, previous.range.start)
    }

    /// A quote left open at the end of its paragraph and continued in the next ones, where
    /// the attribution comes.
    fn continued_in_next(&self, index: usize, span: &Span) -> Option<Attribution> {
        if span.closed {
            return None;
        }
        for next in index + 1..index + 4 {
            let block = self.doc.blocks.get(next)?;
            if !matches!(block.kind, BlockKind::Paragraph | BlockKind::BlockQuote) {
                return None;
            }
            let spans = self.spans.get(next)?;
            let first = spans.first().filter(|s| s.open == 0)?;
            let text = self.doc.block_text(block);
            let sentences = sentences::split(text, spans);
            let sentence = sentence_of(&sentences, first, text.len());
            let found = attribution::attribute(text, block.range.start, first, sentence, spans);
            if found.is_some() || first.closed {
                return found;
            }
        }
        None
    }

    /// Photo captions are never quotes, except words quoted in them with a speaker named
    /// before a colon: `Ann Lee: "We will win"`.
    fn caption(&mut self, index: usize, block: &Block, spans: &[Span]) {
        let text = self.doc.block_text(block);
        let Some(span) = spans.first() else {
            return;
        };
        let head = text.get(..span.open).unwrap_or("").trim_end();
        let Some(name) = head.strip_suffix(':') else {
            return;
        };
        let tokens = words::tokens(name, 0);
        if tokens.is_empty()
            || tokens.len() > 6
            || !tokens.iter().all(|t| t.is_word() || t.text == ".")
        {
            return;
        }
        let (name, role) = speakers::split_role(&tokens);
        let speaker = self.named(&name, role, name.clone());
        let sentence = 0..text.len();
        self.push(
            index,
            block.range.start,
            span,
            text,
            &sentence,
            speaker,
            Some(":".to_string()),
            QuoteKind::Caption,
        );
    }

    /// An embedded social post: its text is its author's words.
    fn post(&mut self, index: usize, block: &Block, post: usize) {
        let text = self.doc.block_text(block);
        let Some(info) = self.doc.posts.get(post) else {
            return;
        };
        let written = info.author.clone().or_else(|| info.handle.clone());
        let person = info
            .author
            .as_deref()
            .and_then(|a| self.people.resolve_name(a))
            .or_else(|| info.handle.as_deref().and_then(|h| self.resolve_handle(h)));
        let name = person
            .and_then(|p| self.people.name(p).map(str::to_string))
            .or_else(|| info.author.clone())
            .or_else(|| info.handle.clone());
        let trimmed = text.trim();
        let start = block.range.start + (text.len() - text.trim_start().len());
        self.found.push(Quote {
            text: trimmed.to_string(),
            speaker: name.clone(),
            speaker_mention: written,
            role: None,
            cue: Some(info.platform.clone()).filter(|p| !p.is_empty()),
            kind: QuoteKind::Post,
            paragraph: index,
            start,
            end: start + trimmed.len(),
            context: trimmed.to_string(),
        });
        self.last = Some(Turn {
            speaker: name,
            person,
            mention: None,
            role: None,
            cue: None,
            block: index,
            sentence_end: block.range.end,
            open_ended: false,
        });
    }

    /// "@danawhitlow" → the person whose name letters make the handle.
    fn resolve_handle(&self, handle: &str) -> Option<usize> {
        let letters: String = handle
            .trim_start_matches('@')
            .split(['@', '.'])
            .next()
            .unwrap_or("")
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        (0..self.people.persons.len()).find(|&i| {
            self.people.name(i).is_some_and(|name| {
                let squashed: String = name
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .flat_map(char::to_lowercase)
                    .collect();
                !squashed.is_empty()
                    && (letters.contains(&squashed)
                        || letters.contains(
                            name.rsplit(' ')
                                .next()
                                .unwrap_or(name)
                                .to_lowercase()
                                .as_str(),
                        ) && letters.len() > 3)
            })
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        index: usize,
        base: usize,
        span: &Span,
        text: &str,
        sentence: &Range<usize>,
        speaker: Speaker,
        cue: Option<String>,
        kind: QuoteKind,
    ) {
        let (start, end) = trim_quote(text, span);
        let Some(quoted) = text.get(start..end) else {
            return;
        };
        let context_range = context_bounds(text, sentence, span);
        let context = text
            .get(context_range.clone())
            .unwrap_or(quoted)
            .trim()
            .to_string();
        self.last = Some(Turn {
            speaker: speaker.name.clone(),
            person: speaker.person,
            mention: speaker.mention.clone(),
            role: speaker.role.clone(),
            cue: cue.clone(),
            block: index,
            sentence_end: base + context_range.end,
            open_ended: !span.closed,
        });
        self.found.push(Quote {
            text: quoted.to_string(),
            speaker: speaker.name,
            speaker_mention: speaker.mention,
            role: speaker.role,
            cue,
            kind,
            paragraph: index,
            start: base + start,
            end: base + end,
            context,
        });
    }

    /// A quote with no cue of its own: a continuation of the previous speaker's words.
    fn inherit(&self, index: usize, span: &Span, seen_in_block: bool) -> Option<Speaker> {
        let last = self.last.as_ref()?;
        let continues = seen_in_block && last.block == index
            || span.open == 0 && index.saturating_sub(last.block) <= 2
            || last.open_ended && index == last.block + 1;
        continues.then(|| Speaker {
            name: last.speaker.clone(),
            person: last.person,
            mention: last.mention.clone(),
            role: last.role.clone(),
        })
    }

    fn resolve(&self, found: &Attribution) -> Speaker {
        let mention = found.subject.text().to_string();
        match &found.subject {
            Subject::Name { name, role, .. } => {
                let speaker = self.named(name, role.clone(), mention);
                if speaker.person.is_none()
                    && role.as_deref().is_some_and(is_kin)
                    && !name.contains(' ')
                {
                    return self.kin(name, role.clone(), found.at, speaker);
                }
                speaker
            }
            Subject::Pronoun { gender, .. } => self.pronoun(*gender, found.at, mention),
            Subject::It { .. } => {
                let last_org = self
                    .last
                    .as_ref()
                    .filter(|t| t.person.is_none() && t.speaker.is_some())
                    .and_then(|t| t.speaker.clone());
                let org = self
                    .people
                    .last_org_before(found.at)
                    .map(str::to_string)
                    .or(last_org);
                Speaker {
                    name: org,
                    person: None,
                    mention: Some(mention),
                    role: None,
                }
            }
            Subject::RoleNoun { role, .. } => {
                let person = self.people.resolve_role(role, found.at);
                let organisation = (person.is_none() && is_organisation_noun(role))
                    .then(|| self.people.org_for_noun(role, found.at).map(str::to_string))
                    .flatten();
                Speaker {
                    name: person
                        .and_then(|p| self.people.name(p).map(str::to_string))
                        .or(organisation),
                    person,
                    mention: Some(mention),
                    role: Some(role.clone()),
                }
            }
            Subject::Unnamed { .. } => Speaker {
                mention: Some(mention).filter(|m| !m.is_empty()),
                ..Speaker::default()
            },
        }
    }

    /// "her mother, Ann": the first name takes the family name of the person just mentioned.
    fn kin(&self, first: &str, role: Option<String>, at: usize, fallback: Speaker) -> Speaker {
        let relative = self
            .people
            .mentions_between(at.saturating_sub(2000), at)
            .next()
            .and_then(|(_, p)| self.people.name(p));
        let Some(family) = relative.and_then(|n| n.rsplit(' ').next()) else {
            return fallback;
        };
        Speaker {
            name: Some(format!("{first} {family}")),
            person: None,
            mention: fallback.mention,
            role,
        }
    }

    fn named(&self, name: &str, role: Option<String>, mention: String) -> Speaker {
        let person = self.people.resolve_name(name);
        let full = person
            .and_then(|p| self.people.name(p).map(str::to_string))
            .or_else(|| self.people.org_for_acronym(name).map(str::to_string))
            .unwrap_or_else(|| name.to_string());
        let full = Some(full).filter(|f| !f.trim().is_empty());
        let role = role.or_else(|| {
            person
                .and_then(|p| self.people.persons.get(p))
                .and_then(|p| p.role.clone())
        });
        Speaker {
            name: full,
            person,
            mention: Some(mention),
            role,
        }
    }

    /// He/she: a person of that gender mentioned since the previous quote's sentence, else
    /// the previous speaker, else the latest person of that gender (or of unknown gender).
    fn pronoun(&self, gender: Gender, at: usize, mention: String) -> Speaker {
        let exact = |p: usize| self.people.gender(p) == gender;
        let fits = |p: usize| exact(p) || self.people.gender(p) == Gender::Unknown;
        let since = self.last.as_ref().map_or(0, |t| t.sentence_end);
        let window = at.saturating_sub(3000);
        let changed_turn = self
            .people
            .mentions_between(since.max(window), at)
            .find(|&(_, p)| fits(p))
            .map(|(_, p)| p);
        if changed_turn.is_none()
            && let Some(last) = &self.last
            && last.sentence_end + 3000 > at
            && last.person.is_some_and(fits)
        {
            return Speaker {
                name: last.speaker.clone(),
                person: last.person,
                mention: Some(mention),
                role: last.role.clone(),
            };
        }
        let found = changed_turn
            .or_else(|| {
                self.people
                    .mentions_between(window, at)
                    .find(|&(_, p)| exact(p))
                    .map(|(_, p)| p)
            })
            .or_else(|| {
                self.people
                    .mentions_between(window, at)
                    .find(|&(_, p)| fits(p))
                    .map(|(_, p)| p)
            });
        Speaker {
            name: found.and_then(|p| self.people.name(p).map(str::to_string)),
            person: found,
            mention: Some(mention),
            role: found
                .and_then(|p| self.people.persons.get(p))
                .and_then(|p| p.role.clone()),
        }
    }
}

/// The sentence just before `sentence` in the same block.
fn previous_sentence(sentences: &[Range<usize>], sentence: &Range<usize>) -> Option<Range<usize>> {
    let index = sentences.partition_point(|s| s.end <= sentence.start);
    index.checked_sub(1).and_then(|i| sentences.get(i)).cloned()
}

fn sentence_of(sentences: &[Range<usize>], span: &Span, len: usize) -> Range<usize> {
    let first = sentences
        .partition_point(|s| s.end <= span.open)
        .min(sentences.len().saturating_sub(1));
    let last = sentences
        .partition_point(|s| s.start < span.close)
        .saturating_sub(1)
        .max(first);
    let start = sentences.get(first).map_or(0, |s| s.start.min(span.open));
    let end = sentences.get(last).map_or(len, |s| s.end.max(span.close));
    start..end
}

/// "the company said", "the charity said": the organisation just named.
fn is_organisation_noun(role: &str) -> bool {
    matches!(
        role,
        "company"
            | "firm"
            | "charity"
            | "agency"
            | "group"
            | "organisation"
            | "organization"
            | "department"
            | "ministry"
            | "union"
            | "council"
            | "airline"
            | "government"
            | "club"
            | "party"
            | "university"
            | "hospital"
            | "bank"
            | "retailer"
            | "carrier"
            | "operator"
            | "manufacturer"
            | "broadcaster"
            | "network"
            | "committee"
            | "court"
            | "board"
    )
}

/// Family roles, through which a first name takes a relative's family name.
fn is_kin(role: &str) -> bool {
    matches!(
        role,
        "mother"
            | "father"
            | "wife"
            | "husband"
            | "son"
            | "daughter"
            | "sister"
            | "brother"
            | "widow"
            | "widower"
            | "grandmother"
            | "grandfather"
            | "aunt"
            | "uncle"
    )
}

/// Longest stretch of a sentence kept as context on either side of a quote.
const CONTEXT_REACH: usize = 600;

/// The quote's sentence, cut to a bounded reach around the quote in run-on text.
fn context_bounds(text: &str, sentence: &Range<usize>, span: &Span) -> Range<usize> {
    let mut start = sentence
        .start
        .min(span.open)
        .max(span.open.saturating_sub(CONTEXT_REACH));
    let mut end = sentence
        .end
        .max(span.close)
        .min(span.close + CONTEXT_REACH)
        .min(text.len());
    while start > 0 && !text.is_char_boundary(start) {
        start -= 1;
    }
    while end < text.len() && !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// Quoted words minus surrounding white space.
fn trim_quote(text: &str, span: &Span) -> (usize, usize) {
    let quoted = text.get(span.start..span.end).unwrap_or("");
    let lead = quoted.len() - quoted.trim_start().len();
    let trimmed = quoted.trim();
    let start = span.start + lead;
    (start, start + trimmed.len())
}

/// Not titles of works, nicknames, single quoted terms or so-called scare quotes.
fn looks_quotable(text: &str, span: &Span, quoted: &str) -> bool {
    let words: Vec<&str> = quoted.split_whitespace().collect();
    let letters = quoted.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 {
        return false;
    }
    let cjk = quoted
        .chars()
        .any(|c| matches!(c as u32, 0x3040..=0x30FF | 0x4E00..=0x9FFF));
    if words.len() < 2 && !cjk {
        return false;
    }
    if is_title_case(&words) {
        return false;
    }
    let before = text.get(..span.open).unwrap_or("").trim_end();
    let previous_word: String = before
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
        .to_lowercase();
    !NAMING_WORDS.contains(&previous_word.as_str())
}

/// Words before a quoted name, title or term: "the film “Rust”", "so-called “metadata”".
const NAMING_WORDS: &[&str] = &[
    "film",
    "movie",
    "book",
    "novel",
    "song",
    "album",
    "show",
    "series",
    "thriller",
    "drama",
    "comedy",
    "biopic",
    "documentary",
    "play",
    "musical",
    "article",
    "essay",
    "poem",
    "headline",
    "titled",
    "entitled",
    "called",
    "named",
    "dubbed",
    "nicknamed",
    "so-called",
    "nickname",
    "term",
    "word",
    "words",
    "phrase",
    "hashtag",
    "slogan",
    "motto",
    "label",
    "brand",
    "campaign",
    "project",
    "programme",
    "program",
    "initiative",
    "operation",
    "exhibition",
    "exhibit",
    "painting",
    "sculpture",
    "game",
    "app",
    "podcast",
    "episode",
    "sitcom",
    "magazine",
    "newspaper",
    "column",
    "report",
    "study",
    "paper",
    "bill",
    "act",
    "genannte",
    "sogenannte",
    "sogenannten",
    "titel",
    "film",
    "buch",
    "intitulé",
    "titulado",
];

/// "Once Upon a Time in Hollywood": every long word capitalised, no sentence punctuation.
fn is_title_case(words: &[&str]) -> bool {
    let content: Vec<&&str> = words
        .iter()
        .filter(|w| {
            w.chars().filter(|c| c.is_alphabetic()).count() > 3
                || w.chars().next().is_some_and(char::is_uppercase)
        })
        .collect();
    let capitalised = content
        .iter()
        .filter(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
        })
        .count();
    let last = words.last().map_or("", |w| *w);
    let sentence_end = last.ends_with(['.', '!', '?', ',']) && words.len() > 3;
    capitalised >= 2 && capitalised == content.len() && words.len() <= 8 && !sentence_end
}

/// A full statement: a capitalised clause of several words.
fn is_statement(quoted: &str) -> bool {
    let words = quoted.split_whitespace().count();
    words >= 6
        && quoted
            .chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_uppercase)
}

fn kind_of(text: &str, span: &Span, quoted: &str) -> QuoteKind {
    let before = text.get(..span.open).unwrap_or("").trim_end();
    let opens_sentence = before.is_empty() || before.ends_with([':', ',', '.', '!', '?', '—', ';']);
    let capital = quoted
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase);
    if opens_sentence && capital || before.is_empty() {
        QuoteKind::Direct
    } else {
        QuoteKind::Partial
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::read_text;

    #[test]
    fn a_simple_quote_with_its_speaker() {
        let doc = read_text("Mayor Ann Lee spoke.\n\n“We will rebuild,” Lee said.", None);
        let quotes = quotes(&doc);
        assert_eq!(quotes.len(), 1);
        assert_eq!(quotes[0].text, "We will rebuild,");
        assert_eq!(quotes[0].speaker.as_deref(), Some("Ann Lee"));
        assert_eq!(&doc.text[quotes[0].start..quotes[0].end], quotes[0].text);
    }
}
