//! Attribution frames: who a quote's sentence says is speaking, and with which cue.
//!
//! `read page → extract quotes` (names → people → `frames` → speakers): reads the words
//! of a quote's sentence outside the quotation marks and recognises the frames of news
//! writing: "Q," S V. / "Q," V S. / S V: "Q" / S V, "Q" / S, a role, V "Q" / S V that …
//! "partial" / according to S / "Q" —S. The speaker is the subject of the cue, never its
//! object ("told the Gazette"). The subject is returned as written (a name with its role, a
//! pronoun, a role noun or an unnamed person), with where it stands so that the document's
//! people resolve it. The words come from the [`Lexicon`] of the document's language.
//! Bounded work per quote.

use super::lexicon::{Cue, Gender, Lexicon};
use super::names;
use super::people::People;
use super::spans::Span;
use super::tokens::{self, Token};
use std::ops::Range;

/// The speaker as the sentence gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// A name (or an organisation's name), with any title or role written before it.
    Name {
        name: String,
        role: Option<String>,
        text: String,
        /// Absolute offsets of the words of the subject.
        at: Range<usize>,
    },
    /// "he", "she" (with the gender), "er", "sie".
    Pronoun { text: String, gender: Gender },
    /// "it": an organisation.
    It { text: String },
    /// "the director", "her mother": a role that an earlier sentence gave a name.
    RoleNoun { role: String, text: String },
    /// "a spokesperson for the company", "they", "one resident": never named.
    Unnamed { text: String },
}

impl Subject {
    pub fn text(&self) -> &str {
        match self {
            Subject::Name { text, .. }
            | Subject::Pronoun { text, .. }
            | Subject::It { text }
            | Subject::RoleNoun { text, .. }
            | Subject::Unnamed { text } => text,
        }
    }

    fn is_person_like(&self) -> bool {
        matches!(
            self,
            Subject::Name { .. }
                | Subject::Pronoun { .. }
                | Subject::RoleNoun { .. }
                | Subject::It { .. }
        )
    }
}

/// A subject and its cue, found around a quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    pub subject: Subject,
    /// The cue as written ("said", "writes in the caption", "according to").
    pub cue: String,
    /// Absolute offset of the cue.
    pub at: usize,
}

/// Longest stretch of text read on either side of a quote.
const REACH: usize = 400;

/// Marks that attach a quote to the words after it: "Q," S V.
const ATTACHING: &[char] = &[',', ';', ':', '—', '–', '-', '…'];

/// The frames of one language: attribution reads its cues, roles and pronouns.
pub struct Frames<'l> {
    pub lexicon: &'l Lexicon,
    /// The document's people, where known: a lone capitalised word they hold no mention
    /// of ("Horas antes …", "Wages are …") is no subject.
    pub people: Option<&'l People>,
}

impl Frames<'_> {
    /// The attribution of `span` (offsets into `text`, the block) within `sentence`; `spans`
    /// are all the block's spans, so that other quotes' words are not read as frame words.
    /// `base` is the block's offset in the document.
    pub fn attribute(
        &self,
        text: &str,
        base: usize,
        span: &Span,
        sentence: Range<usize>,
        spans: &[Span],
    ) -> Option<Attribution> {
        let quoted = text.get(span.start..span.end).unwrap_or("");
        // "…, he said, ‘I hope so,’”: the inner quote's marks hide the attaching comma.
        let ends_with_punct = quoted
            .trim_end()
            .trim_end_matches(['\'', '’', '"', '”', ' '])
            .ends_with([',', '.', '!', '?', '…', ';', ':', '—', '-']);
        let after = after_tokens(text, base, span, &sentence, spans);
        let before = before_tokens(text, base, span, &sentence, spans);
        // "her mother asks, “Is that a film?” Lee smiles and says, “…”": a sentence ended in
        // the marks, and the frame after them leads in to the next quote, not back to this one.
        let ends_sentence = quoted.trim_end().ends_with(['.', '?', '!']);
        if ends_sentence
            && leads_into_next_quote(&after, span, &sentence, spans)
            && let Some(found) = self.before_frame(text, base, &before)
        {
            return Some(found);
        }
        self.after_frame(text, base, &after, ends_with_punct)
            .or_else(|| self.before_frame(text, base, &before))
            .or_else(|| self.sentence_final_frame(text, base, &after))
    }

    /// "Q," S V. / "Q," V S. / "Q" —S.
    fn after_frame(
        &self,
        text: &str,
        base: usize,
        tokens: &[Token],
        ends_with_punct: bool,
    ) -> Option<Attribution> {
        let mut i = 0;
        let mut dash = false;
        while let Some(t) = tokens.get(i).filter(|t| t.is_punct(ATTACHING)) {
            dash |= t.is_punct(&['—', '–']);
            i += 1;
        }
        let attached = ends_with_punct || i > 0;
        if let Some(found) = self.inverted_clitic(tokens.get(i)?) {
            return Some(found);
        }
        // "a déclaré", "ha detto", "hat gesagt": an auxiliary before the verb.
        if tokens
            .get(i)
            .is_some_and(|t| self.lexicon.is_auxiliary(t.text))
            && tokens
                .get(i + 1)
                .is_some_and(|t| self.lexicon.cue(t.text).is_some())
        {
            i += 1;
            if let Some(found) = tokens.get(i).and_then(|verb| {
                let subject = self.subject_after_verb(tokens, i + 1)?;
                Some(self.cue_at(text, base, verb, subject))
            }) {
                return Some(found);
            }
        }
        let first = tokens.get(i)?;
        if let Some(found) = self.source_frame(tokens, i) {
            return Some(found);
        }
        if self.is_cue(tokens, i) && !self.cue_of(first).is_some_and(|c| c.addressee) {
            if let Some(subject) = self.subject_after_verb(tokens, i + 1)
                && (!self.is_weak(first) || subject.is_person_like())
            {
                return Some(self.cue_at(text, base, first, subject));
            }
            // "“…”, dijo.": the verb alone, its subject the person the text is about.
            if attached && self.lexicon.drops_subjects() {
                return Some(self.cue_at(text, base, first, dropped_subject()));
            }
        }
        if !attached {
            return None;
        }
        if let Some(found) = self.unlisted_verb_frame(tokens, i) {
            return Some(found);
        }
        let Some((subject, next)) = self.np_forward(tokens, i) else {
            return self.unparsed_cue(text, base, tokens, i);
        };
        if dash
            && matches!(subject, Subject::Name { .. })
            && tokens.get(next).is_none_or(|t| !t.is_word())
        {
            return Some(Attribution {
                subject,
                cue: "—".to_string(),
                at: first.start,
            });
        }
        let Some(verb) = self.find_verb_after_subject(tokens, next) else {
            return self.unparsed_cue(text, base, tokens, i);
        };
        let token = tokens.get(verb)?;
        if self.is_weak(token) && !subject.is_person_like() {
            return None;
        }
        Some(self.cue_at(text, base, token, subject))
    }

    /// "“…”, ironizó Horner.": a word no list holds, between a quote and a person the
    /// document names, closing the sentence, is a verb of saying.
    fn unlisted_verb_frame(&self, tokens: &[Token], i: usize) -> Option<Attribution> {
        let people = self.people?;
        let verb = tokens.get(i)?;
        let verb_shaped = verb.is_word()
            && verb.text.chars().count() >= 4
            && verb.text.chars().next().is_some_and(char::is_lowercase)
            && !self.lexicon.is_function_word(verb.text)
            && !self.lexicon.is_role(verb.text);
        if !verb_shaped {
            return None;
        }
        let (subject, end) = self.np_forward(tokens, i + 1)?;
        let Subject::Name { name, at, .. } = &subject else {
            return None;
        };
        let person = people
            .mention_in(at.clone())
            .and_then(|m| people.entity(m.entity))
            .is_some_and(|e| e.is_person())
            && name.split_whitespace().all(|w| people.knows_word(w));
        let closes = tokens
            .get(end)
            .is_none_or(|t| t.is_punct(&['.', ';', '!', '?']));
        (person && closes).then(|| Attribution {
            subject,
            cue: verb.text.to_string(),
            at: verb.start,
        })
    }

    /// The subject after an inverted verb of saying ("said Ann Lee", "a déclaré à cette
    /// occasion le ministre"): past fillers and one short adverbial phrase.
    fn subject_after_verb(&self, tokens: &[Token], from: usize) -> Option<Subject> {
        let at = self.skip_fillers(tokens, from);
        if let Some((subject, _)) = self.np_forward(tokens, at) {
            return Some(subject);
        }
        let opens_adjunct = tokens
            .get(at)
            .is_some_and(|t| self.lexicon.is_function_word(t.text) && !self.is_determiner(t.text));
        if !opens_adjunct {
            return None;
        }
        let next = (at + 1..(at + 5).min(tokens.len()))
            .take_while(|&k| tokens.get(k).is_some_and(|t| t.is_word()))
            .find(|&k| {
                tokens.get(k).is_some_and(|t| {
                    let lower = t.lower();
                    t.is_capitalised() || self.is_determiner(&lower) && k > at + 1
                })
            })?;
        let (subject, _) = self.np_forward(tokens, next)?;
        matches!(subject, Subject::Name { .. } | Subject::RoleNoun { .. }).then_some(subject)
    }

    /// "Lee’s", but not "He’s" or "that's", which are contractions.
    fn is_possessive(&self, token: &Token) -> bool {
        token.is_possessive() && !self.lexicon.is_function_word(token.without_possessive())
    }

    /// The full stop at `index` closes an initial or a title ("Mr.", "J."), not a sentence.
    fn abbreviates(&self, tokens: &[Token], index: usize) -> bool {
        index
            .checked_sub(1)
            .and_then(|i| tokens.get(i))
            .is_some_and(|p| p.is_initial() || self.is_title_abbreviation(p.text))
    }

    /// A word that may open a clause before its subject: "and", "then", "Today", "Still".
    fn opens_clause(&self, token: &Token) -> bool {
        self.lexicon.is_conjunction(token.text)
            || self.is_filler(token)
            || self.lexicon.is_date_word(token.text)
            || token.is_capitalised()
                && self.lexicon.is_function_word(token.text)
                && !self.is_determiner(&token.lower())
                && self.lexicon.pronoun(token.text).is_none()
                && !self.lexicon.is_role(token.text)
    }

    /// The cue a token is, if it is a verb of saying.
    fn cue_of(&self, token: &Token) -> Option<Cue> {
        self.lexicon.cue(token.text)
    }

    fn is_weak(&self, token: &Token) -> bool {
        self.cue_of(token).is_some_and(|c| c.weak)
    }

    /// "according to S", "laut S", "selon S": a preposition before the source at `i`.
    fn source_frame(&self, tokens: &[Token], i: usize) -> Option<Attribution> {
        let first = tokens.get(i)?;
        let (cue, words) = self
            .lexicon
            .phrase_cue(|k| tokens.get(i + k).map(|t| t.text))
            .or_else(|| self.cue_of(first).map(|c| (c, 1)))?;
        if !cue.source {
            return None;
        }
        let (subject, _) = self.np_forward(tokens, i + words)?;
        let cue = span_text(tokens.get(i..i + words)?).to_lowercase();
        Some(Attribution {
            subject,
            cue,
            at: first.start,
        })
    }

    /// "dit-il", "a-t-elle": French inversion of verb and pronoun in one token.
    fn inverted_clitic(&self, token: &Token) -> Option<Attribution> {
        let (verb, pronoun_part) = token.text.rsplit_once('-')?;
        let verb = verb.trim_end_matches("-t");
        let pronoun = self.lexicon.pronoun(pronoun_part).filter(|p| p.subject)?;
        let gender = pronoun.gender;
        if self.lexicon.cue(verb).is_none() && !self.lexicon.is_auxiliary(verb) {
            return None;
        }
        if pronoun.plural || pronoun.neuter {
            return Some(Attribution {
                subject: Subject::Unnamed {
                    text: pronoun_part.to_string(),
                },
                cue: verb.to_string(),
                at: token.start,
            });
        }
        Some(Attribution {
            subject: Subject::Pronoun {
                text: pronoun_part.to_string(),
                gender,
            },
            cue: verb.to_string(),
            at: token.start,
        })
    }

    /// A verb of saying right after a quote whose speaker the words do not give as a name:
    /// someone else speaks, so the quote must not inherit the previous speaker.
    fn unparsed_cue(
        &self,
        text: &str,
        base: usize,
        tokens: &[Token],
        from: usize,
    ) -> Option<Attribution> {
        let end = (from + 5).min(tokens.len());
        // "“…”, but added that …" opens another clause, with another quote's cue.
        let k = (from..end)
            .take_while(|&k| {
                tokens.get(k).is_some_and(|t| {
                    (t.is_word() || t.text == ",")
                        && !self.lexicon.is_conjunction(t.text)
                        && !self.lexicon.is_subordinator(t.text)
                })
            })
            .find(|&k| self.is_cue(tokens, k) && !tokens.get(k).is_some_and(|t| self.is_weak(t)))?;
        let verb = tokens.get(k)?;
        let subject = if self.lexicon.drops_subjects() {
            dropped_subject()
        } else {
            Subject::Unnamed {
                text: String::new(),
            }
        };
        Some(self.cue_at(text, base, verb, subject))
    }

    /// After a subject: fillers, a prepositional phrase ("with the city police") or an
    /// appositive (", a spokesman,") may come before the verb.
    fn find_verb_after_subject(&self, tokens: &[Token], from: usize) -> Option<usize> {
        let at = self.skip_fillers(tokens, from);
        if self.is_cue(tokens, at) {
            return Some(at);
        }
        let mut commas = 0;
        for index in at..(at + 16).min(tokens.len()) {
            let token = tokens.get(index)?;
            if token.is_punct(&['!', '?', ';', ':'])
                || token.text == "." && !self.abbreviates(tokens, index)
            {
                return None;
            }
            if token.text == "," {
                commas += 1;
                if commas > 2 {
                    return None;
                }
            }
            if self.lexicon.is_subordinator(token.text)
                && !self.lexicon.is_conjunction(token.text)
                && commas == 0
            {
                return None;
            }
            if self.is_cue(tokens, index) {
                return Some(index);
            }
        }
        None
    }

    /// S V: "Q" / S V, "Q" / S V that … "Q" / S, a role, V "Q" / …, saying "Q".
    fn before_frame(&self, text: &str, base: usize, tokens: &[Token]) -> Option<Attribution> {
        if let Some(found) = self.colon_frame(tokens) {
            return Some(found);
        }
        let lowest = tokens.len().saturating_sub(60);
        for k in (lowest..tokens.len()).rev() {
            let token = tokens.get(k)?;
            if let Some(found) = self.source_frame(tokens, k) {
                return Some(found);
            }
            // "Lee zufolge ist die Lage …": a postposition after the source.
            if self.cue_of(token).is_some_and(|c| c.after_source)
                && let Some(subject) = self.np_backward(tokens, k)
            {
                return Some(Attribution {
                    subject,
                    cue: token.text.to_string(),
                    at: token.start,
                });
            }
            // "Replied Ann Lee, “…”": a verb of saying that opens the sentence.
            let opening_cue = k == 0
                && token.is_capitalised()
                && self.cue_of(token).is_some()
                && tokens.get(1).is_some_and(Token::is_capitalised);
            if !self.is_cue(tokens, k) && !opening_cue {
                continue;
            }
            let cue = self.cue_at_index(tokens, k).unwrap_or_default();
            // "“Is it a film?” Lee smiles and says, “…”": the clause starts after another
            // quote's closing mark.
            let before = tokens.get(..k).unwrap_or(&[]);
            let before = before
                .iter()
                .rposition(|t| t.text == "”")
                .and_then(|i| before.get(i + 1..))
                .unwrap_or(before);
            // "footage of Ann Lee asking, “…”": a participle right after a name is hers.
            let named_just_before = cue.participle
                && k > 0
                && tokens
                    .get(k - 1)
                    .is_some_and(|t| t.is_capitalised() && !self.is_possessive(t));
            // "He adopted an accent and joked, “…”": a verb coordinated with the sentence's.
            let coordinated = k > 0
                && tokens
                    .get(k - 1)
                    .is_some_and(|t| self.lexicon.is_conjunction(t.text) && !t.is_capitalised());
            let subject = if cue.participle && !named_just_before {
                self.sentence_subject(before)
            } else {
                self.np_backward(tokens, k)
                    .or_else(|| {
                        let clause_start =
                            k == 0 || tokens.get(k - 1).is_some_and(|t| !t.is_word());
                        clause_start
                            .then(|| {
                                let (subject, end) =
                                    self.np_forward(tokens, self.skip_fillers(tokens, k + 1))?;
                                // "said Lee’s “vision …”": the words are about Lee.
                                let possessive = tokens
                                    .get(end.saturating_sub(1))
                                    .is_some_and(|t| self.is_possessive(t))
                                    || tokens.get(end).is_some_and(|t| matches!(t.text, "'" | "’"));
                                (!possessive).then_some(subject)
                            })
                            .flatten()
                    })
                    .or_else(|| coordinated.then(|| self.sentence_subject(before)).flatten())
            };
            let subject = subject
                .or_else(|| {
                    // "Über die Lage sagte die Ministerin: …": the subject after the verb.
                    self.lexicon
                        .puts_verb_second()
                        .then(|| self.subject_after_verb(tokens, k + 1))
                        .flatten()
                })
                .or_else(|| {
                    // "…, y explicó que “…”": a verb of saying without a subject.
                    (self.lexicon.drops_subjects() && !cue.weak).then(dropped_subject)
                });
            let Some(subject) = subject else {
                continue;
            };
            if cue.naming && !matches!(subject, Subject::Name { .. } | Subject::Pronoun { .. })
                || cue.weak && matches!(subject, Subject::It { .. })
            {
                continue;
            }
            return Some(self.cue_at(text, base, token, subject));
        }
        self.strong_cue_without_subject(text, base, tokens)
            .or_else(|| self.subject_before_colon(tokens))
    }

    /// "Ann Lee broke down what was wrong with it for the newspaper: “Q”": a person who is
    /// the subject of the clause that a colon closes before the quote.
    fn subject_before_colon(&self, tokens: &[Token]) -> Option<Attribution> {
        let (colon, clause) = tokens.split_last()?;
        if colon.text != ":" {
            return None;
        }
        let start = clause
            .iter()
            .rposition(|t| t.is_punct(&['.', '!', '?', ';', '”']))
            .map_or(0, |i| i + 1);
        let subject = self.sentence_subject(clause.get(start..)?)?;
        matches!(subject, Subject::Name { .. } | Subject::Pronoun { .. }).then(|| Attribution {
            subject,
            cue: ":".to_string(),
            at: colon.start,
        })
    }

    /// "… put up her picture and wrote it was “rude”": a plain verb of saying right in the
    /// quote's clause, with a speaker the sentence does not name.
    fn strong_cue_without_subject(
        &self,
        text: &str,
        base: usize,
        tokens: &[Token],
    ) -> Option<Attribution> {
        let lowest = tokens.len().saturating_sub(12);
        let k = (lowest..tokens.len()).rev().find(|&k| {
            self.is_cue(tokens, k) && !self.cue_at_index(tokens, k).is_some_and(|c| c.weak)
        })?;
        let token = tokens.get(k)?;
        Some(self.cue_at(
            text,
            base,
            token,
            Subject::Unnamed {
                text: String::new(),
            },
        ))
    }

    /// The attribution in a paragraph that ends with a colon and leads in to a quoted one.
    pub fn lead_in(&self, text: &str, base: usize) -> Option<Attribution> {
        let start = ceil_boundary(text, floor_boundary(text, text.len().saturating_sub(REACH)));
        let tokens = tokens::tokens(text.get(start..).unwrap_or(""), base + start);
        let from = tokens
            .iter()
            .rposition(|t| t.is_punct(&['.', '!', '?']) && t.end < base + text.trim_end().len())
            .map_or(0, |i| i + 1);
        self.before_frame(text, base, tokens.get(from..).unwrap_or(&[]))
    }

    /// "“Q”" then a paragraph of a name alone ("Bernie Sanders.", "— Ann Lee, mayor"): the
    /// signature of a quote, as fact-checks and lists of quotes set them.
    pub fn signature(&self, tokens: &[Token]) -> Option<Attribution> {
        let first = tokens.first()?;
        let from = usize::from(first.is_punct(&['—', '–', '-']));
        let (subject, end) = self.np_forward(tokens, from)?;
        if !matches!(subject, Subject::Name { .. }) {
            return None;
        }
        let rest = tokens.get(end..).unwrap_or(&[]);
        let closed = match rest {
            [] => true,
            [stop] => stop.is_punct(&['.']),
            _ => false,
        };
        closed.then(|| Attribution {
            subject,
            cue: "—".to_string(),
            at: first.start,
        })
    }

    /// S: "Q" — a name alone before a colon (headlines, captions, interviews).
    fn colon_frame(&self, tokens: &[Token]) -> Option<Attribution> {
        let (colon, name) = tokens.split_last()?;
        if colon.text != ":" || name.is_empty() {
            return None;
        }
        let start = name
            .iter()
            .rposition(|t| t.is_punct(&['.', '!', '?', ';', '—', '–', ',']))
            .map_or(0, |i| i + 1);
        let (subject, stop) = self.np_forward(name, start)?;
        let named =
            matches!(&subject, Subject::Name { name, .. } if name.split_whitespace().count() >= 2);
        if stop == name.len() && named && name.len() <= 8 {
            return Some(Attribution {
                subject,
                cue: ":".to_string(),
                at: colon.start,
            });
        }
        // "Lee shrugged: “Q”", "Lee picks up the story: “Q”": a person, a verb and a few
        // words, a colon.
        let phrase = name.get(stop..)?;
        let verb = phrase.first()?;
        let verb_like =
            verb.text.ends_with("ed") || verb.text.ends_with('s') || self.cue_of(verb).is_some();
        let short_phrase = (1..=5).contains(&phrase.len())
            && phrase.iter().all(|t| t.is_word() && !t.is_capitalised());
        let person = matches!(subject, Subject::Name { .. } | Subject::Pronoun { .. });
        (verb_like && short_phrase && person).then(|| Attribution {
            subject,
            cue: verb.text.to_string(),
            at: colon.start,
        })
    }

    /// "Coach Erin Blake was blunt. “Q.”": a quoted statement standing alone after a
    /// sentence about a named person is that person's.
    pub fn previous_sentence_subject(
        &self,
        text: &str,
        base: usize,
        previous: Range<usize>,
    ) -> Option<Attribution> {
        let tokens = tokens::tokens(text.get(previous.clone())?, base + previous.start);
        if let Some(said) = self.last_cue_subject(&tokens) {
            return Some(said);
        }
        let from = self.skip_clause_openers(&tokens);
        let (subject, _) = self.np_forward(&tokens, from)?;
        if !matches!(subject, Subject::Name { .. } | Subject::Pronoun { .. }) {
            return None;
        }
        let first = tokens.get(from)?;
        Some(Attribution {
            subject,
            cue: String::new(),
            at: first.start,
        })
    }

    /// Past the words that link a sentence to the one before ("And then", "But").
    fn skip_clause_openers(&self, tokens: &[Token]) -> usize {
        let mut at = 0;
        while tokens.get(at).is_some_and(|t| self.opens_clause(t)) && at < 3 {
            at += 1;
        }
        at
    }

    /// "…, but Lee says all of that is past": the speaker of the sentence's last verb of
    /// saying, who goes on speaking in the quote after it.
    fn last_cue_subject(&self, tokens: &[Token]) -> Option<Attribution> {
        let cue = (1..tokens.len()).rev().find(|&k| self.is_cue(tokens, k))?;
        let subject = self.np_backward(tokens, cue)?;
        if !matches!(subject, Subject::Name { .. } | Subject::Pronoun { .. }) {
            return None;
        }
        let verb = tokens.get(cue)?;
        Some(Attribution {
            subject,
            cue: String::new(),
            at: verb.start,
        })
    }

    /// "Q" in that law, S V. — the cue closes the sentence after the quote.
    fn sentence_final_frame(
        &self,
        text: &str,
        base: usize,
        tokens: &[Token],
    ) -> Option<Attribution> {
        let last_cue = (0..tokens.len())
            .rev()
            .find(|&k| self.is_cue(tokens, k) || self.is_source(tokens, k))?;
        let tail = tokens.get(last_cue + 1..).unwrap_or(&[]);
        if tail.len() > 10
            || tail.iter().any(|t| {
                t.text == ","
                    || self.lexicon.is_subordinator(t.text) && !self.lexicon.is_conjunction(t.text)
            })
        {
            return None;
        }
        let token = tokens.get(last_cue)?;
        if let Some(found) = self.source_frame(tokens, last_cue) {
            return Some(found);
        }
        let start = self.skip_fillers_back(tokens, last_cue);
        let comma = start.checked_sub(1).and_then(|i| {
            (0..=i)
                .rev()
                .find(|&j| tokens.get(j).is_some_and(|t| t.text == ","))
        })?;
        let (subject, end) = self.np_forward(tokens, comma + 1)?;
        if end != start || !matches!(subject, Subject::Name { .. } | Subject::Pronoun { .. }) {
            return None;
        }
        Some(self.cue_at(text, base, token, subject))
    }

    fn cue_at(&self, text: &str, base: usize, verb: &Token, subject: Subject) -> Attribution {
        let rest = text.get(verb.end - base..).unwrap_or("");
        let extension = self.lexicon.cue_extension(rest).unwrap_or("");
        Attribution {
            subject,
            cue: format!("{}{}", verb.text, extension),
            at: verb.start,
        }
    }

    /// A verb of saying used as a verb (not "the caption", "a post"), or the first word of a
    /// cue of several ("pointed out", "shot back").
    fn is_cue(&self, tokens: &[Token], k: usize) -> bool {
        let Some(token) = tokens.get(k) else {
            return false;
        };
        if token.is_capitalised() || !token.is_word() {
            return false;
        }
        let Some(cue) = self.cue_at_index(tokens, k) else {
            return false;
        };
        if cue.source || cue.after_source {
            return false;
        }
        // "will continue to provide", "agreed to go": an infinitive follows, not words.
        if tokens.get(k + 1).is_some_and(|t| t.text == "to") && cue.weak {
            return false;
        }
        let previous = k.checked_sub(1).and_then(|i| tokens.get(i));
        // "the caption", "Lee’s attacks", "of report": a noun, not a verb.
        !previous.is_some_and(|p| {
            let lower = p.lower();
            self.is_determiner(&lower)
                || self.is_possessive(p)
                || matches!(lower.as_ref(), "of" | "to" | "my" | "your")
        })
    }

    /// The cue starting at token `k`: a cue of several words, else of one.
    fn cue_at_index(&self, tokens: &[Token], k: usize) -> Option<Cue> {
        self.lexicon
            .phrase_cue(|n| tokens.get(k + n).map(|t| t.text))
            .map(|(cue, _)| cue)
            .or_else(|| self.cue_of(tokens.get(k)?))
    }

    /// A source preposition ("according to", "laut") starts at token `k`.
    fn is_source(&self, tokens: &[Token], k: usize) -> bool {
        self.cue_at_index(tokens, k).is_some_and(|c| c.source)
    }

    fn is_determiner(&self, word: &str) -> bool {
        self.lexicon.is_determiner(word)
    }

    fn skip_fillers(&self, tokens: &[Token], mut at: usize) -> usize {
        while tokens.get(at).is_some_and(|t| self.is_filler(t)) {
            at += 1;
        }
        at
    }

    fn skip_fillers_back(&self, tokens: &[Token], mut end: usize) -> usize {
        while end > 0 && tokens.get(end - 1).is_some_and(|t| self.is_filler(t)) {
            end -= 1;
        }
        end
    }

    /// An auxiliary or adverb between a speaker and the cue: the lexicon's, and English
    /// adverbs in -ly ("apparently", "gingerly").
    fn is_filler(&self, token: &Token) -> bool {
        self.lexicon.is_filler(token.text)
            || self.lexicon.language == "en"
                && token.text.len() >= 6
                && token.text.ends_with("ly")
                && token.text.chars().all(|c| c.is_ascii_lowercase())
                && !self.lexicon.is_role(token.text)
                && !self.lexicon.is_unnamed_head(token.text)
    }

    fn pronoun(&self, token: &Token) -> Option<Subject> {
        let text = token.text.to_string();
        // "He’s", "she'd": a pronoun with its verb.
        let word = token.text.split(['’', '\'']).next().unwrap_or(token.text);
        if let Some(pronoun) = self.lexicon.pronoun(word).filter(|p| p.subject) {
            return Some(if pronoun.neuter {
                Subject::It { text }
            } else if pronoun.plural {
                Subject::Unnamed { text }
            } else {
                Subject::Pronoun {
                    text,
                    gender: pronoun.gender,
                }
            });
        }
        let lower = token.lower();
        matches!(
            lower.as_ref(),
            "others" | "critics" | "officials" | "police" | "organizers" | "organisers"
        )
        .then_some(Subject::Unnamed { text })
    }

    /// The noun phrase starting at `i`, and the index after it.
    fn np_forward(&self, tokens: &[Token], i: usize) -> Option<(Subject, usize)> {
        let first = tokens.get(i)?;
        if let Some(subject) = self.pronoun(first) {
            return Some((subject, i + 1));
        }
        let lower = first.lower();
        if self.is_determiner(&lower) {
            return self.determiner_phrase(tokens, i);
        }
        // "Pointing at the square, Lee said": a verb opening a phrase is no name; "Grant
        // said" is one.
        if first.is_capitalised()
            && self.cue_of(first).is_some()
            && self.lexicon.given_name(first.text).is_none()
        {
            return None;
        }
        if self.lexicon.is_function_word(first.text) && !self.lexicon.is_role(first.text) {
            return None;
        }
        // "council member Ana Ruiz", "city engineer Bo Lam": lowercase words before a role.
        let start = (i..(i + 3).min(tokens.len()))
            .find(|&k| {
                tokens.get(k).is_some_and(|t| {
                    !t.is_word()
                        || t.is_capitalised()
                        || t.is_acronym()
                        || self.lexicon.is_role(t.text)
                })
            })
            .filter(|&k| {
                k == i
                    || tokens.get(k).is_some_and(|t| {
                        t.is_capitalised() || t.is_acronym() || self.lexicon.is_role(t.text)
                    })
            })?;
        if tokens.get(i..start)?.iter().any(|t| {
            let lower = t.lower();
            !t.is_word()
                || self.is_determiner(&lower)
                || self.lexicon.cue(&lower).is_some()
                || self.lexicon.is_function_word(&lower)
                || !lower.chars().all(|c| c.is_alphabetic() || c == '-')
        }) {
            return None;
        }
        let end = self.name_run_end(tokens, start);
        if end == start {
            return None;
        }
        let run = tokens.get(i..end)?;
        if !run.iter().any(|t| t.is_capitalised() || t.is_acronym()) {
            return None;
        }
        if let Some(found) = self.possessive_phrase(tokens, i, end) {
            return Some(found);
        }
        let (name, role) = self.split_role(run);
        if name.is_empty() {
            // "says KTV meteorologist": a role without a name, named elsewhere in the text.
            let head = run
                .iter()
                .rev()
                .find(|t| self.lexicon.is_role(t.text) && !t.is_capitalised())?;
            let role = head.lower().into_owned();
            return Some((
                Subject::RoleNoun {
                    role,
                    text: span_text(run),
                },
                end,
            ));
        }
        let text = span_text(run);
        let at = run_range(run);
        if self.unknown_word(run, at.clone()) {
            return None;
        }
        Some((
            Subject::Name {
                name,
                role,
                text,
                at,
            },
            end,
        ))
    }

    /// A run of one capitalised word that the document's people do not know as a name.
    fn unknown_word(&self, run: &[Token], at: Range<usize>) -> bool {
        let Some(people) = self.people else {
            return false;
        };
        let [word] = run else {
            return false;
        };
        !word.is_acronym() && people.mention_in(at).is_none() && !people.knows_word(word.text)
    }

    /// A run of role words and a name, split: "attorney Melba Sandoval" → ("Melba
    /// Sandoval", "attorney").
    fn split_role(&self, run: &[Token]) -> (String, Option<String>) {
        let lexicon = self.lexicon;
        let organisation = run.iter().any(|t| lexicon.is_organisation_word(t.text));
        let is_role_word = |t: &Token| {
            lexicon
                .role(t.text)
                .is_some_and(|r| !t.is_capitalised() || r.title || r.honorific)
                || t.is_word()
                    && !t.is_capitalised()
                    && !t.is_acronym()
                    && !lexicon.is_particle(t.text)
                || lexicon.is_demonym(t.text)
        };
        let mut core = if organisation {
            run.iter()
                .rposition(|t| t.is_word() && !t.is_capitalised() && lexicon.is_role(t.text))
                .map_or(0, |i| i + 1)
        } else {
            run.iter().rposition(is_role_word).map_or(0, |i| i + 1)
        };
        while run.get(core).is_some_and(|t| !t.is_word()) {
            core += 1;
        }
        if core >= run.len() && !organisation {
            // Only capitalised roles or an acronym: keep the last word as the name.
            let last = run
                .iter()
                .rposition(|t| t.is_acronym() || t.is_capitalised() && !lexicon.is_role(t.text));
            if let Some(last) = last {
                core = last;
            }
        }
        let role: Vec<&str> = run
            .get(..core)
            .unwrap_or(&[])
            .iter()
            .filter(|t| {
                t.is_word()
                    && !lexicon.is_function_word(t.text)
                    && !lexicon.role(t.text).is_some_and(|r| r.honorific)
            })
            .map(|t| t.text)
            .collect();
        let role = (!role.is_empty()).then(|| role.join(" "));
        let mut name_tokens = run.get(core..).unwrap_or(&[]);
        if organisation && name_tokens.first().is_some_and(|t| t.text == "The") {
            name_tokens = name_tokens.get(1..).unwrap_or(&[]);
        }
        (names::display(name_tokens), role)
    }

    /// "Lee’s predecessor, Tom Hart," → Tom Hart; "Lee’s neighbour" → an unnamed person.
    fn possessive_phrase(
        &self,
        tokens: &[Token],
        start: usize,
        end: usize,
    ) -> Option<(Subject, usize)> {
        let last = tokens.get(end.checked_sub(1)?)?;
        let possessive = last.is_possessive();
        let apostrophe = tokens.get(end).is_some_and(|t| matches!(t.text, "’" | "'"));
        if !possessive && !apostrophe {
            return None;
        }
        let head_start = if apostrophe { end + 1 } else { end };
        let head_end = (head_start..(head_start + 3).min(tokens.len()))
            .take_while(|&k| {
                tokens
                    .get(k)
                    .is_some_and(|t| t.is_word() && !t.is_capitalised() && !self.is_cue(tokens, k))
            })
            .last()?
            + 1;
        let role = tokens.get(head_end - 1)?.lower().into_owned();
        if let Some(found) = self.role_then_name(tokens, start, head_end, &role, &[',', '.', ';']) {
            return Some(found);
        }
        let text = span_text(tokens.get(start..head_end)?);
        // "Travis Lee’s mom", "Lee’s spokeswoman": a relative the text names nearby, or
        // someone it gave that role.
        let at = tokens.get(start).map_or(0, |t| t.start);
        let named_elsewhere = self.lexicon.role(&role).is_some_and(|r| r.kin)
            || self
                .people
                .is_some_and(|people| people.role_holder(&role, at).is_some());
        if named_elsewhere {
            return Some((Subject::RoleNoun { role, text }, head_end));
        }
        Some((Subject::Unnamed { text }, head_end))
    }

    /// "the director", "a spokesperson for the company", "her mother, Fiona,", "the Pentagon".
    fn determiner_phrase(&self, tokens: &[Token], i: usize) -> Option<(Subject, usize)> {
        let det = tokens.get(i)?.lower();
        // "demanded that Roffman make …", "claims that Univision takes …": "that" before a
        // name opens a clause; the name is its subject, not the speaker's.
        if self.lexicon.is_subordinator(&det)
            && tokens
                .get(i + 1)
                .is_some_and(|t| t.is_capitalised() || t.is_acronym())
        {
            return None;
        }
        if tokens
            .get(i + 1)
            .is_some_and(|t| t.is_capitalised() || t.is_acronym())
        {
            let end = self.name_run_end(tokens, i + 1);
            let run = tokens.get(i + 1..end)?;
            // "the Meridian Shipping Company" is a name; "the Ohio governor" a role.
            let head_is_role = run.last().is_some_and(|t| {
                self.lexicon
                    .role(t.text)
                    .is_some_and(|r| !(r.organisation && t.is_capitalised()))
            });
            // "the California Republican": a descriptor standing for a person named nearby.
            let epithet = run.last().is_some_and(|t| self.lexicon.is_demonym(t.text))
                && !run
                    .iter()
                    .any(|t| self.lexicon.is_organisation_word(t.text));
            // "the Holloway campaign", "the Lee family": an organisation named after someone.
            if let Some(noun) = tokens.get(end).filter(|t| {
                !t.is_capitalised() && self.lexicon.role(t.text).is_some_and(|r| r.organisation)
            }) && !head_is_role
                && !self.lexicon.is_indefinite(&det)
            {
                let name = span_text(tokens.get(i + 1..end + 1)?);
                return Some((
                    Subject::Name {
                        name,
                        role: None,
                        text: span_text(tokens.get(i..end + 1)?),
                        at: noun.start..noun.start,
                    },
                    end + 1,
                ));
            }
            if epithet && !self.lexicon.is_indefinite(&det) {
                let role = run
                    .last()
                    .map(|t| t.lower().into_owned())
                    .unwrap_or_default();
                return Some((
                    Subject::RoleNoun {
                        role,
                        text: span_text(tokens.get(i..end)?),
                    },
                    end,
                ));
            }
            if !head_is_role && !run.is_empty() && !epithet {
                let (name, role) = self.split_role(run);
                return Some((
                    Subject::Name {
                        name,
                        role,
                        text: span_text(tokens.get(i..end)?),
                        at: run_range(run),
                    },
                    end,
                ));
            }
        }
        let head = (i + 1..(i + 5).min(tokens.len())).find(|&k| {
            tokens.get(k).is_some_and(|t| {
                self.lexicon.is_role(t.text)
                    || self.is_unnamed_head(&t.lower())
                    || is_age_epithet(t.text)
                    || !t.is_capitalised() && self.lexicon.is_organisation_word(t.text)
            })
        })?;
        if tokens
            .get(i + 1..head)?
            .iter()
            .any(|t| !t.is_word() && !t.text.starts_with('’'))
        {
            return None;
        }
        let mut end = head + 1;
        let role = tokens.get(head)?.lower().into_owned();
        if tokens
            .get(end)
            .is_some_and(|t| self.lexicon.is_role_preposition(t.text))
        {
            let stop = (end + 1..(end + 10).min(tokens.len()))
                .find(|&k| {
                    tokens.get(k).is_some_and(|t| {
                        !t.is_word() && t.text != "(" && t.text != ")" && !t.text.starts_with('’')
                    }) || self.is_cue(tokens, k)
                })
                .unwrap_or((end + 10).min(tokens.len()));
            end = stop;
        }
        if let Some(found) = self.role_then_name(tokens, i, end, &role, &[',', '.', ';', '!', '?'])
        {
            return Some(found);
        }
        // "the critic Ann Lee", "la secretaria general, Ana Ruiz": the name in close
        // apposition, after a few adjectives of the role.
        let mut after = end;
        while after < end + 2
            && tokens.get(after).is_some_and(|t| {
                t.is_word()
                    && !t.is_capitalised()
                    && !self.lexicon.is_function_word(t.text)
                    && !self.is_cue(tokens, after)
            })
        {
            after += 1;
        }
        let comma = tokens.get(after).is_some_and(|t| t.text == ",");
        let name_at = if comma { after + 1 } else { after };
        if (comma || after == end)
            && let Some((Subject::Name { name, at, .. }, stop)) = tokens
                .get(name_at)
                .filter(|t| t.is_capitalised() && !self.lexicon.is_role(t.text))
                .and_then(|_| self.np_forward(tokens, name_at))
            && tokens
                .get(stop)
                .is_none_or(|t| !t.is_word() || self.is_cue(tokens, stop))
        {
            let stop = stop + usize::from(comma && tokens.get(stop).is_some_and(|t| t.text == ","));
            return Some((
                Subject::Name {
                    name,
                    role: Some(role),
                    text: span_text(tokens.get(i..stop)?),
                    at,
                },
                stop,
            ));
        }
        let text = span_text(tokens.get(i..end)?);
        let subject = if self.lexicon.is_indefinite(&det) {
            Subject::Unnamed { text }
        } else {
            Subject::RoleNoun { role, text }
        };
        Some((subject, end))
    }

    fn is_unnamed_head(&self, word: &str) -> bool {
        self.lexicon.is_unnamed_head(word)
    }

    /// Where a run of name words (titles, roles, capitalised words, initials) starting at `i` ends.
    fn name_run_end(&self, tokens: &[Token], i: usize) -> usize {
        let mut end = i;
        while let Some(token) = tokens.get(end) {
            let next = tokens.get(end + 1);
            let joins = (token.is_word() && (token.is_capitalised() || token.is_acronym()))
                || (token.is_word() && self.lexicon.is_role(token.text) && !self.is_cue(tokens, end))
                || (token.text == "."
                    && end > i
                    && tokens
                        .get(end - 1)
                        .is_some_and(|t| t.text.chars().count() == 1 || self.is_title_abbreviation(t.text)))
                || ((self.lexicon.is_particle(token.text)
                    || matches!(token.text, "and" | "on" | "of"))
                    && end > i
                    && next.is_some_and(|n| n.is_capitalised()))
                || (token.text == "&" && end > i && next.is_some_and(|n| n.is_capitalised()))
                // "White House press secretary Ann Lee": a lowercase modifier of a role.
                || (end > i
                    && token.is_word()
                    && !token.is_capitalised()
                    && !self.is_determiner(&token.lower())
                    && next.is_some_and(|n| self.lexicon.is_role(n.text) && !n.is_capitalised()))
                // "mluvčí ministerstva Eva Dvořáková": a role and its modifier before a name.
                || (end > i
                    && token.is_word()
                    && !token.is_capitalised()
                    && !self.lexicon.is_function_word(token.text)
                    && self.cue_of(token).is_none()
                    && tokens.get(end - 1).is_some_and(|p| self.lexicon.is_role(p.text))
                    && next.is_some_and(Token::is_capitalised));
            if !joins || self.is_cue(tokens, end) && !token.is_capitalised() {
                break;
            }
            end += 1;
            let possessive = token.is_possessive();
            if possessive && !next.is_some_and(|n| n.is_capitalised()) {
                break;
            }
        }
        end
    }

    /// "Dr.", "Sen.", "Gov.", "Jr.": titles and suffixes written with a full stop.
    fn is_title_abbreviation(&self, word: &str) -> bool {
        matches!(word, "Jr" | "Sr" | "St")
            || self
                .lexicon
                .role(word)
                .is_some_and(|r| r.honorific || r.canonical.is_some())
    }

    /// The noun phrase that ends just before `end`.
    fn np_backward(&self, tokens: &[Token], end: usize) -> Option<Subject> {
        self.np_backward_depth(tokens, end, 0)
    }

    fn np_backward_depth(&self, tokens: &[Token], end: usize, depth: usize) -> Option<Subject> {
        if depth > 3 {
            return None;
        }
        let end = self.skip_fillers_back(tokens, end);
        let last = tokens.get(end.checked_sub(1)?)?;
        if let Some(subject) = self.pronoun(last) {
            return Some(subject);
        }
        // "the Mexican president, who said …": the antecedent of the relative pronoun.
        if self.lexicon.is_relative(last.text) && end >= 2 {
            let before = end - 1;
            let antecedent_end = if tokens.get(before - 1).is_some_and(|t| t.text == ",") {
                before - 1
            } else {
                before
            };
            return self.np_backward_depth(tokens, antecedent_end, depth + 1);
        }
        if last.text == ")" {
            let open = (0..end - 1)
                .rev()
                .take(12)
                .find(|&k| tokens.get(k).is_some_and(|t| t.text == "("))?;
            return self.np_backward_depth(tokens, open, depth + 1);
        }
        if last.text == "," {
            return self.appositive_subject(tokens, end - 1, depth);
        }
        let start = self.clause_start(tokens, end);
        let after_comma = start > 1 && tokens.get(start - 1).is_some_and(|t| t.text == ",");
        let determiner_led = tokens
            .get(start)
            .is_some_and(|t| self.is_determiner(&t.lower()));
        let phrase = self
            .phrase_in(tokens, start, end)
            .filter(|&(_, stop)| stop == end);
        let Some((subject, _)) = phrase else {
            // "Ann Lee, the harbour master, said": an appositive the role list does not know.
            return (after_comma && determiner_led)
                .then(|| self.np_backward_depth(tokens, start - 1, depth + 1))
                .flatten()
                .filter(|s| matches!(s, Subject::Name { .. }));
        };
        // "Ana Ruiz, the mayor of the town, said": the role is an appositive of the name.
        if let Subject::RoleNoun { role, .. } = &subject
            && start > 1
            && tokens.get(start - 1).is_some_and(|t| t.text == ",")
            && let Some(Subject::Name { name, text, at, .. }) =
                self.np_backward_depth(tokens, start - 1, depth + 1)
        {
            return Some(Subject::Name {
                name,
                role: Some(role.clone()),
                text,
                at,
            });
        }
        Some(subject)
    }

    /// The first noun phrase between `start` and `end`, if the clause starts with one.
    fn phrase_in(&self, tokens: &[Token], start: usize, end: usize) -> Option<(Subject, usize)> {
        let mut from = start;
        while tokens.get(from).is_some_and(|t| self.opens_clause(t)) && from < end {
            from += 1;
        }
        let (subject, stop) = self.np_forward(tokens.get(..end)?, from)?;
        let stop = stop.min(end);
        if stop == end {
            return Some((subject, stop));
        }
        // "Patrol Chief Ann Lee with the city police", "Director Jo Lee and the filmmakers".
        let rest = tokens.get(stop..end)?;
        let modifier = rest.first().is_some_and(|t| {
            matches!(
                t.lower().as_ref(),
                "with" | "of" | "from" | "at" | "for" | "and" | "in"
            )
        });
        (modifier
            && rest
                .iter()
                .all(|t| t.is_word() || t.text == "(" || t.text == ")" || t.text.starts_with('’')))
        .then_some((subject, end))
    }

    /// Back to the start of the clause that ends at `end`: a comma, a colon, a conjunction.
    fn clause_start(&self, tokens: &[Token], end: usize) -> usize {
        let mut start = end;
        while start > 0 && end - start < 14 {
            let token = tokens.get(start - 1);
            if token.is_some_and(|t| !t.is_word() && !matches!(t.text, "." | "(" | ")" | "’" | "'"))
            {
                break;
            }
            if token.is_some_and(|t| self.lexicon.is_subordinator(t.text)) {
                break;
            }
            start -= 1;
        }
        start
    }

    /// "Jo Lee, the union's leader, said": skip appositives and relative clauses back to a name.
    fn appositive_subject(&self, tokens: &[Token], comma: usize, depth: usize) -> Option<Subject> {
        let previous_comma = (0..comma).rev().take(16).find(|&k| {
            tokens.get(k).is_some_and(|t| {
                t.is_punct(&[',', ':', ';'])
                    || t.text == "."
                        && !k
                            .checked_sub(1)
                            .and_then(|i| tokens.get(i))
                            .is_some_and(|p| p.is_initial() || self.is_title_abbreviation(p.text))
            })
        });
        let start = previous_comma.map_or(comma.saturating_sub(16), |k| k + 1);
        let segment = tokens.get(start..comma)?;
        let first = segment.first()?.lower();
        // "Ann Lee, 45, said", "Sen. Ann Lee, D-Texas, said": ages and party tags.
        let tag = segment.len() == 1 && (is_age(&first) || is_party_tag(segment.first()?.text));
        if let Some((subject, stop)) = self.np_forward(tokens.get(..comma)?, start)
            && !tag
            && stop == comma
            && matches!(subject, Subject::Name { .. } | Subject::Pronoun { .. })
        {
            return Some(subject);
        }
        // "Ann Lee, in a statement issued today, said": a phrase opened by a preposition.
        let adjunct = self.lexicon.is_function_word(&first)
            && !self.lexicon.is_conjunction(&first)
            && self.lexicon.pronoun(&first).is_none();
        let skippable = self.lexicon.is_subordinator(&first)
            || self.is_determiner(&first)
            || adjunct
            || tag
            || segment.iter().any(|t| self.lexicon.is_role(t.text));
        let previous_comma = previous_comma?;
        if !skippable || tokens.get(previous_comma).is_some_and(|t| t.text != ",") {
            return None;
        }
        self.np_backward_depth(tokens, previous_comma, depth + 1)
    }

    /// The subject of a whole sentence, for participle cues ("…, saying …").
    fn sentence_subject(&self, tokens: &[Token]) -> Option<Subject> {
        let mut start = 0;
        for _ in 0..3 {
            // "And then Ann Lee went on": past the words that link the sentence.
            while tokens.get(start).is_some_and(|t| self.opens_clause(t)) {
                start += 1;
            }
            // "Speaking in his real voice, he …", "Pressed by reporters, Lee …": a
            // participle phrase, not the subject.
            let opens_with_verb = tokens.get(start).is_some_and(|t| {
                let verb_form = t.text.ends_with("ing") || t.text.ends_with("ed");
                t.is_capitalised()
                    && (self.lexicon.cue(t.text).is_some()
                        || verb_form && self.lexicon.is_common_word(t.text))
            });
            if !opens_with_verb
                && let Some((subject, end)) = self.np_forward(tokens, start)
                && !tokens
                    .get(end.saturating_sub(1))
                    .is_some_and(|t| self.is_possessive(t))
                && !self.is_ordinary_words(&subject)
            {
                return Some(subject);
            }
            start =
                (start..tokens.len()).find(|&k| tokens.get(k).is_some_and(|t| t.text == ","))? + 1;
        }
        None
    }

    /// "Hours later, she …", "Weeks ago, …": a capitalised run of words the lexicon knows as
    /// ordinary words opens an adverbial, not the subject.
    fn is_ordinary_words(&self, subject: &Subject) -> bool {
        let Subject::Name { name, .. } = subject else {
            return false;
        };
        name.split_whitespace()
            .all(|w| self.lexicon.is_common_word(w) || self.lexicon.is_date_word(w))
    }

    /// "the director, Joel Souza," : a role ending at `comma` followed by a name in apposition,
    /// closed by one of `closers` or the end. The subject's text runs from `start`; the
    /// position returned is past the name and its closing comma.
    fn role_then_name(
        &self,
        tokens: &[Token],
        start: usize,
        comma: usize,
        role: &str,
        closers: &[char],
    ) -> Option<(Subject, usize)> {
        if tokens.get(comma).is_none_or(|t| t.text != ",") {
            return None;
        }
        let (Subject::Name { name, at, .. }, after) = self.np_forward(tokens, comma + 1)? else {
            return None;
        };
        if !tokens.get(after).is_none_or(|t| t.is_punct(closers)) {
            return None;
        }
        let text = span_text(tokens.get(start..after)?);
        let after = after + usize::from(tokens.get(after).is_some_and(|t| t.text == ","));
        Some((
            Subject::Name {
                name,
                role: Some(role.to_string()),
                text,
                at,
            },
            after,
        ))
    }
}

fn after_tokens<'a>(
    text: &'a str,
    base: usize,
    span: &Span,
    sentence: &Range<usize>,
    spans: &[Span],
) -> Vec<Token<'a>> {
    let next = spans.partition_point(|s| s.open < span.close);
    let next_open = spans.get(next).map_or(sentence.end, |s| s.open);
    let end = floor_boundary(
        text,
        next_open
            .min(sentence.end.max(span.close))
            .min(span.close + REACH),
    );
    let start = span.close.min(end);
    tokens::tokens(text.get(start..end).unwrap_or(""), base + start)
        .into_iter()
        .filter(|t| !is_bracket(t))
        .collect()
}

/// The words after a quote end with a comma or colon right before the next quote of the
/// same sentence.
fn leads_into_next_quote(
    after: &[Token],
    span: &Span,
    sentence: &Range<usize>,
    spans: &[Span],
) -> bool {
    let next = spans.partition_point(|s| s.open < span.close);
    let next_in_sentence = spans.get(next).is_some_and(|s| s.open < sentence.end);
    next_in_sentence && after.len() >= 2 && after.last().is_some_and(|t| t.is_punct(&[',', ':']))
}

fn before_tokens<'a>(
    text: &'a str,
    base: usize,
    span: &Span,
    sentence: &Range<usize>,
    spans: &[Span],
) -> Vec<Token<'a>> {
    let start = floor_boundary(
        text,
        sentence
            .start
            .min(span.open)
            .max(span.open.saturating_sub(REACH)),
    );
    let start = ceil_boundary(text, start);
    // Other quotes' words are not frame words, but their closing marks still end clauses:
    // each becomes one closing mark, never taken for an apostrophe.
    let mut found: Vec<Token<'a>> = Vec::new();
    for token in tokens::tokens(text.get(start..span.open).unwrap_or(""), base + start) {
        let at = token.start - base;
        if within_quoted_words(spans, at) || is_bracket(&token) {
            continue;
        }
        let closing = spans
            .get(spans.partition_point(|s| s.close <= at))
            .filter(|s| s.close <= span.open && s.end <= at && at < s.close);
        if let Some(closing) = closing {
            if found
                .last()
                .is_some_and(|t| t.start >= base + closing.end && t.text == "”")
            {
                continue;
            }
            found.push(Token {
                text: "”", ..token
            });
            continue;
        }
        found.push(token);
    }
    found
}

/// Whether `at` lies among the quoted words of one of the sorted, disjoint `spans`, or on
/// its opening mark.
fn within_quoted_words(spans: &[Span], at: usize) -> bool {
    let index = spans.partition_point(|s| s.end.max(s.open + 1) <= at);
    spans
        .get(index)
        .is_some_and(|s| s.open <= at && at < s.end.max(s.open + 1))
}

/// "[Bruck] said": an editor's brackets around a name.
fn is_bracket(token: &Token) -> bool {
    matches!(token.text, "[" | "]")
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    while at < text.len() && !text.is_char_boundary(at) {
        at += 1;
    }
    at.min(text.len())
}

/// The subject of a verb of saying that a pro-drop language leaves out.
fn dropped_subject() -> Subject {
    Subject::Pronoun {
        text: String::new(),
        gender: Gender::Unknown,
    }
}

/// "56-year-old", "48-Jährige", "30-jarige": an age standing for a person.
pub fn is_age_epithet(word: &str) -> bool {
    word.split_once('-').is_some_and(|(number, rest)| {
        !number.is_empty()
            && number.len() <= 3
            && number.chars().all(|c| c.is_ascii_digit())
            && rest.chars().next().is_some_and(char::is_alphabetic)
    })
}

fn is_age(word: &str) -> bool {
    !word.is_empty() && word.len() <= 3 && word.chars().all(|c| c.is_ascii_digit())
}

/// "D-Texas", "R-Ohio": an American party and state after a legislator's name.
fn is_party_tag(word: &str) -> bool {
    let mut parts = word.splitn(2, '-');
    matches!(parts.next(), Some("D" | "R" | "I"))
        && parts
            .next()
            .is_some_and(|s| s.chars().next().is_some_and(char::is_uppercase))
}

/// Absolute offsets from the first to the last token of a run.
fn run_range(run: &[Token]) -> Range<usize> {
    run.first().map_or(0, |t| t.start)..run.last().map_or(0, |t| t.end)
}

fn span_text(run: &[Token]) -> String {
    let mut text = String::new();
    let mut last_end = None;
    for token in run {
        if last_end.is_some_and(|e| e < token.start) {
            text.push(' ');
        }
        text.push_str(token.text);
        last_end = Some(token.end);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{sentences, spans};

    fn attribution(text: &str, which: usize) -> Option<(String, String)> {
        attribution_in("en", text, which)
    }

    fn attribution_in(language: &str, text: &str, which: usize) -> Option<(String, String)> {
        let spans = spans::find(text);
        let sentences = sentences::split(text, &spans);
        let span = spans.get(which)?;
        let sentence = sentences
            .iter()
            .find(|s| s.start <= span.open && span.open < s.end.max(s.start + 1))?
            .clone();
        let frames = Frames {
            lexicon: Lexicon::for_language(Some(language)),
            people: None,
        };
        let found = frames.attribute(text, 0, span, sentence, &spans)?;
        Some((found.subject.text().to_string(), found.cue))
    }

    fn subject(text: &str, which: usize) -> String {
        attribution(text, which).map(|(s, _)| s).unwrap_or_default()
    }

    #[test]
    fn quote_then_subject_then_verb() {
        assert_eq!(
            subject("“We won,” attorney Ana Ruiz said on Monday.", 0),
            "attorney Ana Ruiz"
        );
        assert_eq!(
            subject("“We won,” the director said in a statement.", 0),
            "the director"
        );
    }

    #[test]
    fn quote_then_verb_then_subject() {
        assert_eq!(
            subject("“We won,” said Tom Ekberg, a coach.", 0),
            "Tom Ekberg"
        );
        assert_eq!(
            attribution_in("de", "„Wir fahren“, sagt auch Lena Voss.", 0).map(|(s, _)| s),
            Some("Lena Voss".to_string())
        );
    }

    #[test]
    fn subject_verb_then_quote() {
        assert_eq!(subject("She added: “It was fine.”", 0), "She");
        assert_eq!(
            subject(
                "Ana Ruiz, the mayor of the town, who spoke first, said: “Go.”",
                0
            ),
            "Ana Ruiz"
        );
        assert_eq!(subject("Her mother, Nell, said: “Go home.”", 0), "Nell");
    }

    #[test]
    fn the_speaker_is_the_subject_not_the_object() {
        assert_eq!(
            subject("“It was a fortune,” Jo Kent told KTV affiliate WXYZ.", 0),
            "Jo Kent"
        );
    }

    #[test]
    fn cue_keeps_its_phrase() {
        let found = attribution("“Go,” Lee writes in the caption of the photo.", 0);
        assert_eq!(
            found.map(|(_, c)| c),
            Some("writes in the caption".to_string())
        );
    }

    #[test]
    fn partial_quote_in_reported_speech() {
        assert_eq!(
            subject("Mr Lee said it was “deeply troubling” to him.", 0),
            "Mr Lee"
        );
        assert_eq!(
            subject(
                "A spokesperson for the firm said it had “no comment at all”.",
                0
            ),
            "A spokesperson for the firm"
        );
    }

    #[test]
    fn sentence_final_and_dash_frames() {
        assert_eq!(
            subject("“We must pay heed” to the rules, Ruiz said.", 0),
            "Ruiz"
        );
        assert_eq!(subject("“Less is more.” —Ada Lind", 0), "Ada Lind");
    }

    #[test]
    fn titles_of_works_have_no_speaker() {
        assert_eq!(
            attribution(
                "The thriller “Night Train” director Bo Lam said he was happy.",
                0
            ),
            None
        );
    }
}
