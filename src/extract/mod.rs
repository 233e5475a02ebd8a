//! Quote extraction: the pure heart of the pipeline.
//!
//! `read page → extract quotes → store`: takes a [`Document`] and returns the attributed
//! quotes in it. No I/O, no clock, no database: the same document always gives the same
//! quotes, in time linear in the text.
//!
//! The stages, one submodule each: [`lexicon`] holds the words of each language as data;
//! [`tokens`] splits text into words; [`spans`] finds quotation-mark spans in each block;
//! [`sentences`] splits blocks into sentences; [`names`] finds the names in running text;
//! [`people`] links every name to one person or organisation of the document; [`frames`]
//! reads the frame around a quote (who says it, with which cue). This module decides which
//! spans are quotes (not titles, scare quotes or nicknames), resolves each frame's subject
//! (a name, a pronoun, a role noun) to the document's people, follows the turns of quotes
//! that have no frame of their own, and builds [`Quote`]s.

mod frames;
#[cfg(test)]
mod inspect;
mod lexicon;
mod names;
mod people;
mod quote;
mod sentences;
mod spans;
mod tokens;

pub use quote::{Quote, QuoteKind};

use crate::document::{BlockKind, Document};
use frames::{Attribution, Frames, Subject};
use lexicon::{Gender, Lexicon};
use people::{BlockView, EntityKind, Party, People};
use spans::Span;
use std::collections::HashSet;
use std::ops::Range;

/// Every attributed quote in the document, in text order.
pub fn quotes(doc: &Document) -> Vec<Quote> {
    let lexicon = Lexicon::for_language(doc.language.as_deref());
    let blocks = block_views(doc);
    let authors: Vec<&str> = doc
        .posts
        .iter()
        .filter_map(|p| p.author.as_deref())
        .collect();
    let people = People::collect(lexicon, &blocks, &authors);
    let mut extractor = Extractor {
        doc,
        lexicon,
        frames: Frames {
            lexicon,
            people: Some(&people),
        },
        blocks: &blocks,
        people: &people,
        found: Vec::new(),
        last: None,
        terms: HashSet::new(),
        spoken: Vec::new(),
    };
    for block in &blocks {
        match block.kind {
            BlockKind::Paragraph | BlockKind::BlockQuote | BlockKind::ListItem => {
                extractor.prose(block);
            }
            BlockKind::Caption => extractor.caption(block),
            BlockKind::Post(post) => extractor.post(block, post),
            BlockKind::Heading if reads_as_prose(block.text) => extractor.prose(block),
            BlockKind::Heading | BlockKind::Credit => {}
        }
    }
    extractor.found
}

/// Each block of the document with its quotation spans, sentences and tokens.
fn block_views(doc: &Document) -> Vec<BlockView<'_>> {
    doc.blocks
        .iter()
        .enumerate()
        .map(|(index, block)| {
            let text = doc.block_text(block);
            let spans = spans::find(text);
            let sentences = sentences::split(text, &spans);
            BlockView {
                index,
                kind: block.kind,
                base: block.range.start,
                text,
                spans,
                sentences,
                tokens: tokens::tokens(text, block.range.start),
            }
        })
        .collect()
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
    speaker: Speaker,
    cue: Option<String>,
    block: usize,
    /// The quote ran to the end of its block without a closing mark.
    open_ended: bool,
}

/// A resolved speaker.
#[derive(Debug, Clone, Default)]
struct Speaker {
    name: Option<String>,
    /// The entity of the document's people.
    entity: Option<usize>,
    mention: Option<String>,
    role: Option<String>,
}

struct Extractor<'a> {
    doc: &'a Document,
    lexicon: &'a Lexicon,
    frames: Frames<'a>,
    blocks: &'a [BlockView<'a>],
    people: &'a People,
    found: Vec<Quote>,
    last: Option<Turn>,
    /// Short quoted terms met with nobody speaking: the same words quoted again later are
    /// a term, not a partial quote ("staff on “rolling contracts”").
    terms: HashSet<String>,
    /// Quotes attributed so far to a person: position, entity, sentence.
    spoken: Vec<(usize, usize, usize)>,
}

impl Extractor<'_> {
    fn prose(&mut self, block: &BlockView) {
        let text = block.text;
        let base = block.base;
        let spans = &block.spans;
        let sentences = &block.sentences;
        let mut seen_in_block = false;
        for span in spans {
            let sentence = sentence_of(sentences, span, text.len());
            let Some(quoted) = text.get(span.start..span.end) else {
                continue;
            };
            if !self.looks_quotable(text, span, quoted) {
                continue;
            }
            let mut found = self
                .frames
                .attribute(text, base, span, sentence.clone(), spans);
            if found.is_none() && span.open == 0 {
                found = self
                    .lead_in(block.index)
                    .or_else(|| self.continued_in_next(block.index, span))
                    .or_else(|| self.signed_in_next(block, span));
            }
            if found.is_none() && !seen_in_block && span.open > 0 && is_statement(quoted) {
                found = previous_sentence(sentences, &sentence).and_then(|previous| {
                    self.frames.previous_sentence_subject(text, base, previous)
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
                Some(found) => self.resolve(found, block.index),
                None => match self.inherit(block.index, span, seen_in_block) {
                    Some(speaker) => speaker,
                    // A statement nobody is named for is still a quote.
                    None if is_statement(quoted)
                        && (span.closed || self.quote_goes_on(block.index)) =>
                    {
                        Speaker::default()
                    }
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
            self.push(block, span, &sentence, speaker, cue, kind);
            seen_in_block = true;
        }
    }

    fn block(&self, index: usize) -> Option<&BlockView<'_>> {
        self.blocks.get(index)
    }

    /// A paragraph that is only a quote, after a paragraph ending "…, she said:".
    fn lead_in(&self, index: usize) -> Option<Attribution> {
        let previous = self.block(index.checked_sub(1)?)?;
        if !matches!(previous.kind, BlockKind::Paragraph | BlockKind::BlockQuote) {
            return None;
        }
        if !previous.text.trim_end().ends_with(':') {
            return None;
        }
        self.frames.lead_in(previous.text, previous.base)
    }

    /// A quote left open at the end of its paragraph goes on in the next, which opens with
    /// a quotation mark: the convention of quotes that run over several paragraphs.
    fn quote_goes_on(&self, index: usize) -> bool {
        self.block(index + 1).is_some_and(|next| {
            matches!(next.kind, BlockKind::Paragraph | BlockKind::BlockQuote)
                && next.spans.first().is_some_and(|s| s.open == 0)
        })
    }

    /// A paragraph that is only a quote, signed by the next one: "Bernie Sanders."
    fn signed_in_next(&self, block: &BlockView, span: &Span) -> Option<Attribution> {
        let after = block.text.get(span.close..)?;
        if !span.closed || after.chars().any(char::is_alphanumeric) {
            return None;
        }
        let next = self.block(block.index + 1)?;
        if !matches!(next.kind, BlockKind::Paragraph | BlockKind::ListItem)
            || next.tokens.len() > 12
        {
            return None;
        }
        self.frames.signature(&next.tokens)
    }

    /// A quote left open at the end of its paragraph and continued in the next ones, where
    /// the attribution comes.
    fn continued_in_next(&self, index: usize, span: &Span) -> Option<Attribution> {
        if span.closed {
            return None;
        }
        for next in index + 1..index + 4 {
            let block = self.block(next)?;
            if !matches!(block.kind, BlockKind::Paragraph | BlockKind::BlockQuote) {
                return None;
            }
            let first = block.spans.first().filter(|s| s.open == 0)?;
            let sentence = sentence_of(&block.sentences, first, block.text.len());
            let found =
                self.frames
                    .attribute(block.text, block.base, first, sentence, &block.spans);
            if found.is_some() || first.closed {
                return found;
            }
        }
        None
    }

    /// Photo captions are never quotes, except words quoted in them with a speaker named
    /// before a colon: `Ann Lee: "We will win"`.
    fn caption(&mut self, block: &BlockView) {
        let text = block.text;
        let Some(span) = block.spans.first() else {
            return;
        };
        let head = text.get(..span.open).unwrap_or("").trim_end();
        let Some(name) = head.strip_suffix(':') else {
            return;
        };
        let words = tokens::tokens(name, block.base);
        if words.is_empty()
            || words.len() > 6
            || !words.iter().all(|t| t.is_word() || t.text == ".")
        {
            return;
        }
        let at = block.base..block.base + name.len();
        let speaker = self.named(name.trim(), None, name.trim().to_string(), at);
        let sentence = 0..text.len();
        self.push(
            block,
            span,
            &sentence,
            speaker,
            Some(":".to_string()),
            QuoteKind::Caption,
        );
    }

    /// An embedded social post: its text is its author's words.
    fn post(&mut self, block: &BlockView, post: usize) {
        let text = block.text;
        let Some(info) = self.doc.posts.get(post) else {
            return;
        };
        let written = info.author.clone().or_else(|| info.handle.clone());
        let at = block.base;
        // The handle names the account surely; a display name may be a nickname ("xoxo, Ann").
        let entity = info
            .handle
            .as_deref()
            .and_then(|h| self.resolve_handle(h))
            .or_else(|| {
                info.author
                    .as_deref()
                    .and_then(|a| self.people.resolve_name(self.lexicon, a, at))
            });
        let name = entity
            .and_then(|p| self.people.name(p).map(str::to_string))
            .or_else(|| info.author.clone())
            .or_else(|| info.handle.clone());
        let trimmed = text.trim();
        let start = block.base + (text.len() - text.trim_start().len());
        self.found.push(Quote {
            text: trimmed.to_string(),
            speaker: name.clone(),
            speaker_mention: written,
            role: None,
            cue: Some(info.platform.clone()).filter(|p| !p.is_empty()),
            kind: QuoteKind::Post,
            paragraph: block.index,
            start,
            end: start + trimmed.len(),
            context: trimmed.to_string(),
        });
        let speaker = Speaker {
            name,
            entity,
            mention: None,
            role: None,
        };
        self.note_spoken(&speaker, start);
        self.last = Some(Turn {
            speaker,
            cue: None,
            block: block.index,
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
        (0..self.people.entities.len()).find(|&i| {
            self.people.entity(i).is_some_and(|entity| {
                let squashed: String = entity
                    .name
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .flat_map(char::to_lowercase)
                    .collect();
                let last = entity.keys.last().map_or("", String::as_str);
                !squashed.is_empty()
                    && (letters.contains(&squashed)
                        || letters.contains(last) && last.len() > 3 && entity.is_person())
            })
        })
    }

    fn push(
        &mut self,
        block: &BlockView,
        span: &Span,
        sentence: &Range<usize>,
        speaker: Speaker,
        cue: Option<String>,
        kind: QuoteKind,
    ) {
        let text = block.text;
        let base = block.base;
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
        self.note_spoken(&speaker, base + span.open);
        self.last = Some(Turn {
            speaker: speaker.clone(),
            cue: cue.clone(),
            block: block.index,
            open_ended: !span.closed,
        });
        self.found.push(Quote {
            text: quoted.to_string(),
            speaker: speaker.name,
            speaker_mention: speaker.mention,
            role: speaker.role,
            cue,
            kind,
            paragraph: block.index,
            start: base + start,
            end: base + end,
            context,
        });
    }

    /// Remembers who spoke where: the most salient thing a later pronoun can mean.
    fn note_spoken(&mut self, speaker: &Speaker, at: usize) {
        if let Some(entity) = speaker.entity
            && self.people.entity(entity).is_some_and(|e| e.is_person())
        {
            self.spoken.push((at, entity, self.people.sentence_of(at)));
        }
    }

    /// A quote with no cue of its own: a continuation of the previous speaker's words, or,
    /// for a paragraph that opens with the quote, the words of the person the paragraph
    /// before introduced ("Lee, who runs the shelter, disagreed." then "“Q”").
    fn inherit(&self, index: usize, span: &Span, seen_in_block: bool) -> Option<Speaker> {
        let last = self.last.as_ref();
        if span.open == 0
            && !last.is_some_and(|l| l.open_ended && index == l.block + 1)
            && let Some(entity) = self.introduced(index)
        {
            return Some(self.speaker_of(Some(entity), None, None));
        }
        let last = last?;
        let continues = seen_in_block && last.block == index
            || span.open == 0 && self.narration_between(last.block, index) <= 1
            || last.open_ended && index == last.block + 1;
        continues.then(|| last.speaker.clone())
    }

    /// The paragraphs of narration between two blocks: not captions or headings, and not an
    /// interviewer's question ("What would he advise Starmer?"), after which the same
    /// person answers on.
    fn narration_between(&self, from: usize, to: usize) -> usize {
        self.blocks
            .get(from + 1..to)
            .unwrap_or(&[])
            .iter()
            .take(8)
            .filter(|b| {
                matches!(
                    b.kind,
                    BlockKind::Paragraph | BlockKind::BlockQuote | BlockKind::ListItem
                ) && !(b.spans.is_empty() && b.text.trim_end().ends_with('?'))
            })
            .count()
            + usize::from(to.saturating_sub(from) > 9)
    }

    /// The person standing as the subject of the last sentence of the paragraph just
    /// before `index`, when that sentence quotes nobody.
    fn introduced(&self, index: usize) -> Option<usize> {
        let previous = self.block(index.checked_sub(1)?)?;
        if !matches!(previous.kind, BlockKind::Paragraph | BlockKind::BlockQuote) {
            return None;
        }
        let sentence = previous.sentences.last()?;
        if previous
            .spans
            .iter()
            .any(|s| s.close > sentence.start && s.open < sentence.end)
        {
            return None;
        }
        let (from, to) = (previous.base + sentence.start, previous.base + sentence.end);
        let mut mentions: Vec<&people::Mention> = self.people.mentions_between(from, to).collect();
        mentions.reverse();
        mentions
            .into_iter()
            .find(|m| m.subject && self.people.entity(m.entity).is_some_and(|e| e.is_person()))
            .map(|m| m.entity)
    }

    fn resolve(&self, found: &Attribution, block: usize) -> Speaker {
        let mention = found.subject.text().to_string();
        match &found.subject {
            Subject::Name { name, role, at, .. } => {
                let speaker = self.named(name, role.clone(), mention, at.clone());
                let kin = role
                    .as_deref()
                    .and_then(|r| self.lexicon.role(r))
                    .is_some_and(|r| r.kin);
                let single = speaker
                    .entity
                    .and_then(|e| self.people.entity(e))
                    .is_none_or(|e| e.keys.len() == 1);
                if single && kin && !name.contains(' ') {
                    return self.kin(name, role.clone(), found.at, speaker);
                }
                speaker
            }
            Subject::Pronoun { gender, .. } => {
                let entity = self.salient(*gender, found.at, block);
                self.speaker_of(entity, Some(mention), None)
            }
            Subject::It { .. } => {
                let last_org = self
                    .last
                    .as_ref()
                    .filter(|t| t.speaker.entity.is_none() && t.speaker.name.is_some())
                    .and_then(|t| t.speaker.name.clone());
                let org = self
                    .people
                    .organisation_before(found.at, 3000)
                    .and_then(|e| self.people.name(e))
                    .map(str::to_string)
                    .or(last_org);
                Speaker {
                    name: org,
                    entity: None,
                    mention: Some(mention),
                    role: None,
                }
            }
            Subject::RoleNoun { role, .. } => self.role_noun(role, found.at, block, mention),
            Subject::Unnamed { .. } => Speaker {
                mention: Some(mention).filter(|m| !m.is_empty()),
                ..Speaker::default()
            },
        }
    }

    /// "the director", "the actress", "the company", "the 56-year-old".
    fn role_noun(&self, role: &str, at: usize, block: usize, mention: String) -> Speaker {
        let info = self.lexicon.role(role);
        let entity = age_of_epithet(role)
            .and_then(|age| self.people.of_age(age))
            .or_else(|| self.people.role_holder(role, at));
        if let Some(entity) = entity {
            return self.speaker_of(Some(entity), Some(mention), Some(role.to_string()));
        }
        // "the statement said": whoever issued the statement the text spoke of before.
        if self.lexicon.is_document(role) {
            return Speaker {
                name: self.issuer(role, at),
                entity: None,
                mention: Some(mention),
                role: None,
            };
        }
        // "the company", "the federation", "the survey": the organisation named so.
        let organisation_noun =
            info.is_some_and(|r| r.organisation) || self.lexicon.is_organisation_word(role);
        let organisation = self
            .people
            .organisation_for_noun(role, at)
            .or_else(|| {
                organisation_noun
                    .then(|| self.people.subject_organisation_before(at))
                    .flatten()
            })
            .and_then(|e| self.people.name(e))
            .map(str::to_string);
        if organisation_noun || organisation.is_some() {
            return Speaker {
                name: organisation,
                entity: None,
                mention: Some(mention),
                role: Some(role.to_string()),
            };
        }
        // "her mother said": the relative of the person just named, never that person;
        // named only when the text gave someone that role.
        let possessed_kin = info.is_some_and(|r| r.kin)
            && mention
                .split_whitespace()
                .next()
                .and_then(|w| self.lexicon.pronoun(w))
                .is_some_and(|p| !p.subject);
        if possessed_kin {
            return Speaker {
                name: None,
                entity: None,
                mention: Some(mention),
                role: Some(role.to_string()),
            };
        }
        let gender = info.map_or(Gender::Unknown, |r| r.gender);
        // "the actress", "the California Republican", "the 56-year-old", "the governor": a
        // noun that stands for someone just named.
        let epithet = self.lexicon.is_demonym(role)
            || age_of_epithet(role).is_some()
            || info.is_some_and(|r| r.title && !r.honorific);
        if self.lexicon.is_demonym(role)
            && let Some(entity) = self.of_party(role, &mention, gender, at, block)
        {
            return self.speaker_of(Some(entity), Some(mention), None);
        }
        if gender != Gender::Unknown || epithet {
            let entity = self.salient(gender, at, block);
            return self.speaker_of(entity, Some(mention), Some(role.to_string()));
        }
        Speaker {
            name: None,
            entity: None,
            mention: Some(mention),
            role: Some(role.to_string()),
        }
    }

    /// "the Minnesota Democrat": the one person the document gave that party and place
    /// ("D-Minn."), the most salient of several, or the most salient person given no other.
    fn of_party(
        &self,
        demonym: &str,
        mention: &str,
        gender: Gender,
        at: usize,
        block: usize,
    ) -> Option<usize> {
        let words: Vec<&str> = mention.split_whitespace().collect();
        let place = words.get(1..words.len().saturating_sub(1))?.concat();
        let party = Party::new(demonym.chars().next()?, &place)?;
        let holders = self.people.of_party(&party);
        if let [only] = holders.as_slice() {
            return Some(*only);
        }
        let others_given = |e: usize| {
            self.people
                .entity(e)
                .is_some_and(|e| e.party.as_ref().is_some_and(|p| !p.agrees(&party)))
        };
        let mentions: Vec<people::Mention> = self
            .people
            .mentions
            .iter()
            .filter(|m| {
                if holders.is_empty() {
                    !others_given(m.entity)
                } else {
                    holders.contains(&m.entity)
                }
            })
            .cloned()
            .collect();
        self.people
            .salient(&mentions, gender, at, block, &self.spoken)
    }

    /// Who issued the document a noun stands for ("the statement", "the memo"): the speaker
    /// of an earlier quote given "in a statement", else the organisation or person named
    /// where the text last spoke of one ("a statement from the agency", "Lee released a
    /// statement").
    fn issuer(&self, noun: &str, at: usize) -> Option<String> {
        let given_in = self.found.iter().rev().take(20).find(|q| {
            q.start < at
                && q.speaker.is_some()
                && q.cue
                    .as_deref()
                    .is_some_and(|c| c.split_whitespace().any(|w| w.eq_ignore_ascii_case(noun)))
        });
        if let Some(quote) = given_in {
            return quote.speaker.clone();
        }
        let block = self.blocks.iter().rev().find(|b| b.base <= at)?;
        let earlier = self
            .blocks
            .get(block.index.saturating_sub(3)..=block.index)?
            .iter()
            .rev()
            .flat_map(|b| b.tokens.iter().rev())
            .filter(|t| t.start + noun.len() < at)
            .find(|t| t.text.eq_ignore_ascii_case(noun))?;
        let sentence = self.people.sentence_of(earlier.start);
        let mentions: Vec<&people::Mention> = self
            .people
            .mentions_between(earlier.start.saturating_sub(400), earlier.start + 200)
            .filter(|m| self.people.sentence_of(m.at) == sentence)
            .collect();
        // "a statement from the agency" names it after; "the agency said in a statement",
        // "Lee released a statement" before.
        let after = mentions
            .iter()
            .filter(|m| m.at > earlier.start && m.at < earlier.start + 40)
            .min_by_key(|m| m.at);
        let before = mentions
            .iter()
            .filter(|m| m.at < earlier.start)
            .max_by_key(|m| m.at);
        after
            .or(before)
            .and_then(|m| self.people.name(m.entity))
            .map(str::to_string)
    }

    fn speaker_of(
        &self,
        entity: Option<usize>,
        mention: Option<String>,
        role: Option<String>,
    ) -> Speaker {
        let found = entity.and_then(|e| self.people.entity(e));
        Speaker {
            name: found.map(|e| e.name.clone()),
            entity,
            mention,
            role: role.or_else(|| found.and_then(|e| e.role.clone())),
        }
    }

    /// "her mother, Ann": the first name takes the family name of the person just mentioned.
    fn kin(&self, first: &str, role: Option<String>, at: usize, fallback: Speaker) -> Speaker {
        let relative = self
            .people
            .mentions_between(at.saturating_sub(2000), at)
            .filter_map(|m| self.people.entity(m.entity))
            .find(|e| e.is_person() && e.keys.len() >= 2);
        let Some(family) = relative.and_then(|e| e.name.rsplit(' ').next()) else {
            return fallback;
        };
        Speaker {
            name: Some(format!("{first} {family}")),
            entity: None,
            mention: fallback.mention,
            role,
        }
    }

    /// A speaker given by name: the entity the name's mention was linked to, else the
    /// person or organisation the name can mean, else the name as written.
    fn named(
        &self,
        name: &str,
        role: Option<String>,
        mention: String,
        at: Range<usize>,
    ) -> Speaker {
        let entity = self
            .people
            .mention_in(at.clone())
            .map(|m| m.entity)
            .or_else(|| self.people.resolve_name(self.lexicon, name, at.start))
            .or_else(|| self.people.organisation_for_short_name(name));
        if let Some(entity) = entity {
            let organisation = self
                .people
                .entity(entity)
                .is_some_and(|e| e.kind == EntityKind::Organisation);
            // "United said": the organisation named in full elsewhere ("United Airlines").
            let entity = if organisation {
                self.people
                    .organisation_for_short_name(name)
                    .filter(|&full| full != entity)
                    .unwrap_or(entity)
            } else {
                entity
            };
            let mut speaker = self.speaker_of(Some(entity), Some(mention), role);
            if organisation {
                speaker.entity = None;
            }
            return speaker;
        }
        Speaker {
            name: self.unresolved_name(name),
            entity: None,
            mention: Some(mention),
            role,
        }
    }

    /// A name no entity answers to, without the sentence-opening words glued to it
    /// ("Pressed", "Whether"): `None` when nothing of a name is left.
    fn unresolved_name(&self, name: &str) -> Option<String> {
        let words = tokens::tokens(name, 0);
        // German capitalises nouns: one capitalised word no one answers to is a noun.
        if self.lexicon.capitalises_nouns() && words.iter().filter(|t| t.is_word()).count() == 1 {
            return None;
        }
        let start = words.iter().position(|t| {
            !(self.lexicon.is_function_word(t.text)
                || self.lexicon.is_common_word(t.text)
                || self.lexicon.is_date_word(t.text)
                || self.lexicon.cue(t.text).is_some())
        })?;
        let rest = name.get(words.get(start)?.start..)?.trim();
        let place = self
            .lexicon
            .is_place(&rest.split_whitespace().collect::<Vec<_>>().join(" "));
        (!rest.is_empty() && !place).then(|| rest.to_string())
    }

    /// The person a pronoun (or a gendered role noun) at `at` most likely means, with the
    /// quotes attributed so far counted as mentions of their speakers.
    fn salient(&self, gender: Gender, at: usize, block: usize) -> Option<usize> {
        self.people
            .salient(&self.people.mentions, gender, at, block, &self.spoken)
    }

    /// Not titles of works, nicknames, single quoted terms or so-called scare quotes.
    fn looks_quotable(&self, text: &str, span: &Span, quoted: &str) -> bool {
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
        // German capitalises every noun: a title there has no lowercase word at all.
        let title = if self.lexicon.capitalises_nouns() {
            words.len() <= 8
                && words
                    .iter()
                    .all(|w| !w.chars().next().is_some_and(char::is_lowercase))
        } else {
            is_title_case(&words)
        };
        if title {
            return false;
        }
        let before = text.get(..span.open).unwrap_or("").trim_end();
        // "… praised the album. “It is her best work”": a sentence ended before the quote.
        if before.ends_with(['.', '!', '?', ':', ';']) {
            return true;
        }
        let previous_word: String = before
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("")
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
            .to_lowercase();
        !self.lexicon.is_naming_word(&previous_word)
    }
}

/// "56-year-old", "48-Jährige": the age a noun for a person gives.
fn age_of_epithet(role: &str) -> Option<u32> {
    frames::is_age_epithet(role)
        .then(|| role.split_once('-').and_then(|(n, _)| n.parse().ok()))
        .flatten()
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
    // "“Once Upon a Time in Hollywood,” and …": a comma inside the marks is no sentence,
    // but "“Happy New Year!,” she wrote" is.
    let last = words.last().map_or("", |w| w.trim_end_matches(','));
    let sentence_end = last.ends_with(['.', '!', '?']) && words.len() > 3;
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
