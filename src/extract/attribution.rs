//! Attribution frames: who a quote's sentence says is speaking, and with which cue.
//!
//! `read page → extract quotes` (spans → cues → `attribution` → speakers): reads the words
//! of a quote's sentence outside the quotation marks and recognises the frames of news
//! writing: "Q," S V. / "Q," V S. / S V: "Q" / S V, "Q" / S, a role, V "Q" / S V that …
//! "partial" / according to S / "Q" —S. The speaker is the subject of the cue, never its
//! object ("told the Gazette"). The subject is returned as written (a name with its role, a
//! pronoun, a role noun or an unnamed person); `speakers` resolves it. Bounded work per quote.

use super::cues;
use super::spans::Span;
use super::words::{self, Gender, Token};
use std::ops::Range;

/// The speaker as the sentence gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// A name (or an organisation's name), with any title or role written before it.
    Name {
        name: String,
        role: Option<String>,
        text: String,
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

/// The attribution of `span` (offsets into `text`, the block) within `sentence`; `spans`
/// are all the block's spans, so that other quotes' words are not read as frame words.
/// `base` is the block's offset in the document.
pub fn attribute(
    text: &str,
    base: usize,
    span: &Span,
    sentence: Range<usize>,
    spans: &[Span],
) -> Option<Attribution> {
    let quoted = text.get(span.start..span.end).unwrap_or("");
    let ends_with_punct = quoted
        .trim_end()
        .ends_with([',', '.', '!', '?', '…', ';', ':', '—', '-']);
    let after = after_tokens(text, base, span, &sentence, spans);
    let before = before_tokens(text, base, span, &sentence, spans);
    after_frame(text, base, &after, ends_with_punct)
        .or_else(|| before_frame(text, base, &before))
        .or_else(|| sentence_final_frame(text, base, &after))
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
    words::tokens(text.get(start..end).unwrap_or(""), base + start)
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
    words::tokens(text.get(start..span.open).unwrap_or(""), base + start)
        .into_iter()
        .filter(|t| !within_any(spans, t.start - base))
        .collect()
}

/// Whether `at` lies inside one of the sorted, disjoint `spans` (marks included).
fn within_any(spans: &[Span], at: usize) -> bool {
    let index = spans.partition_point(|s| s.close.max(s.open + 1) <= at);
    spans.get(index).is_some_and(|s| s.open <= at)
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

const ATTACHING: &[char] = &[',', ';', ':', '—', '–', '-', '…'];

/// "Q," S V. / "Q," V S. / "Q" —S.
fn after_frame(
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
    if let Some(found) = inverted_clitic(tokens.get(i)?) {
        return Some(found);
    }
    // "a déclaré", "ha detto", "hat gesagt": an auxiliary before the verb.
    if tokens
        .get(i)
        .is_some_and(|t| matches!(t.text, "a" | "ha" | "hat" | "ont" | "han" | "hanno" | "ha."))
        && tokens
            .get(i + 1)
            .is_some_and(|t| cues::is_speech_verb(&t.lower()))
    {
        i += 1;
        if let Some(found) = tokens.get(i).and_then(|verb| {
            let (subject, _) = np_forward(tokens, skip_fillers(tokens, i + 1))?;
            Some(cue_at(text, base, verb, subject))
        }) {
            return Some(found);
        }
    }
    let first = tokens.get(i)?;
    if first.lower() == "according" && tokens.get(i + 1).is_some_and(|t| t.lower() == "to") {
        let (subject, _) = np_forward(tokens, i + 2)?;
        return Some(Attribution {
            subject,
            cue: "according to".to_string(),
            at: first.start,
        });
    }
    if is_cue(tokens, i) && !matches!(first.lower().as_ref(), "told" | "tells" | "tell") {
        let subject_at = skip_fillers(tokens, i + 1);
        if let Some((subject, _)) = np_forward(tokens, subject_at)
            && (!cues::is_weak(&first.lower()) || subject.is_person_like())
        {
            return Some(cue_at(text, base, first, subject));
        }
    }
    if !attached {
        return None;
    }
    let Some((subject, next)) = np_forward(tokens, i) else {
        return unparsed_cue(text, base, tokens, i);
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
    let Some(verb) = find_verb_after_subject(tokens, next) else {
        return unparsed_cue(text, base, tokens, i);
    };
    let token = tokens.get(verb)?;
    if cues::is_weak(&token.lower()) && !subject.is_person_like() {
        return None;
    }
    Some(cue_at(text, base, token, subject))
}

/// "dit-il", "a-t-elle": French inversion of verb and pronoun in one token.
fn inverted_clitic(token: &Token) -> Option<Attribution> {
    let (verb, pronoun_part) = token.text.rsplit_once('-')?;
    let verb = verb.trim_end_matches("-t");
    let gender = words::pronoun_gender(pronoun_part)?;
    if !cues::is_speech_verb(&words::lowercase(verb)) && !matches!(verb, "a" | "a-t") {
        return None;
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
fn unparsed_cue(text: &str, base: usize, tokens: &[Token], from: usize) -> Option<Attribution> {
    let end = (from + 5).min(tokens.len());
    let k = (from..end)
        .take_while(|&k| tokens.get(k).is_some_and(|t| t.is_word() || t.text == ","))
        .find(|&k| {
            is_cue(tokens, k)
                && !cues::is_weak(&tokens.get(k).map(|t| t.lower()).unwrap_or_default())
        })?;
    let verb = tokens.get(k)?;
    Some(cue_at(
        text,
        base,
        verb,
        Subject::Unnamed {
            text: String::new(),
        },
    ))
}

/// After a subject: fillers, a prepositional phrase ("with the city police") or an
/// appositive (", a spokesman,") may come before the verb.
fn find_verb_after_subject(tokens: &[Token], from: usize) -> Option<usize> {
    let at = skip_fillers(tokens, from);
    if is_cue(tokens, at) {
        return Some(at);
    }
    let mut commas = 0;
    for index in at..(at + 12).min(tokens.len()) {
        let token = tokens.get(index)?;
        if token.is_punct(&['.', '!', '?', ';', ':']) {
            return None;
        }
        if token.text == "," {
            commas += 1;
            if commas > 2 {
                return None;
            }
        }
        let lower = token.lower();
        if matches!(lower.as_ref(), "that" | "who" | "which" | "dass") && commas == 0 {
            return None;
        }
        if is_cue(tokens, index) {
            return Some(index);
        }
    }
    None
}

/// S V: "Q" / S V, "Q" / S V that … "Q" / S, a role, V "Q" / …, saying "Q".
fn before_frame(text: &str, base: usize, tokens: &[Token]) -> Option<Attribution> {
    if let Some(found) = colon_frame(tokens) {
        return Some(found);
    }
    let lowest = tokens.len().saturating_sub(60);
    for k in (lowest..tokens.len()).rev() {
        let token = tokens.get(k)?;
        let lower = token.lower();
        if lower == "according" && tokens.get(k + 1).is_some_and(|t| t.lower() == "to") {
            if let Some((subject, _)) = np_forward(tokens, k + 2) {
                return Some(Attribution {
                    subject,
                    cue: "according to".to_string(),
                    at: token.start,
                });
            }
            continue;
        }
        if !is_cue(tokens, k) {
            continue;
        }
        let subject = if cues::is_participle(&lower) {
            sentence_subject(tokens.get(..k).unwrap_or(&[]))
        } else {
            np_backward(tokens, k).or_else(|| {
                let clause_start = k == 0 || tokens.get(k - 1).is_some_and(|t| !t.is_word());
                clause_start
                    .then(|| np_forward(tokens, skip_fillers(tokens, k + 1)).map(|(s, _)| s))
                    .flatten()
            })
        };
        let Some(subject) = subject else {
            continue;
        };
        if cues::is_naming(&lower)
            && !matches!(subject, Subject::Name { .. } | Subject::Pronoun { .. })
            || cues::is_weak(&lower) && matches!(subject, Subject::It { .. })
        {
            continue;
        }
        return Some(cue_at(text, base, token, subject));
    }
    strong_cue_without_subject(text, base, tokens)
}

/// "… put up her picture and wrote it was “rude”": a plain verb of saying right in the
/// quote's clause, with a speaker the sentence does not name.
fn strong_cue_without_subject(text: &str, base: usize, tokens: &[Token]) -> Option<Attribution> {
    let lowest = tokens.len().saturating_sub(12);
    let k = (lowest..tokens.len()).rev().find(|&k| {
        is_cue(tokens, k) && !cues::is_weak(&tokens.get(k).map(|t| t.lower()).unwrap_or_default())
    })?;
    let token = tokens.get(k)?;
    Some(cue_at(
        text,
        base,
        token,
        Subject::Unnamed {
            text: String::new(),
        },
    ))
}

/// The attribution in a paragraph that ends with a colon and leads in to a quoted one.
pub fn lead_in(text: &str, base: usize) -> Option<Attribution> {
    let start = ceil_boundary(text, floor_boundary(text, text.len().saturating_sub(REACH)));
    let tokens = words::tokens(text.get(start..).unwrap_or(""), base + start);
    let from = tokens
        .iter()
        .rposition(|t| t.is_punct(&['.', '!', '?']) && t.end < base + text.trim_end().len())
        .map_or(0, |i| i + 1);
    before_frame(text, base, tokens.get(from..).unwrap_or(&[]))
}

/// S: "Q" — a name alone before a colon (headlines, captions, interviews).
fn colon_frame(tokens: &[Token]) -> Option<Attribution> {
    let (colon, name) = tokens.split_last()?;
    if colon.text != ":" || name.is_empty() {
        return None;
    }
    let start = name
        .iter()
        .rposition(|t| t.is_punct(&['.', '!', '?', ';', '—', '–', ',']))
        .map_or(0, |i| i + 1);
    let (subject, stop) = np_forward(name, start)?;
    let named =
        matches!(&subject, Subject::Name { name, .. } if name.split_whitespace().count() >= 2);
    if stop == name.len() && named && name.len() <= 8 {
        return Some(Attribution {
            subject,
            cue: ":".to_string(),
            at: colon.start,
        });
    }
    // "Lee shrugged: “Q”", "She smiled: “Q”": a person, one verb, a colon.
    let verb = name.get(stop..)?;
    let one_verb = (1..=2).contains(&verb.len())
        && verb.iter().all(|t| t.is_word() && !t.is_capitalised())
        && verb
            .last()
            .is_some_and(|t| t.text.ends_with("ed") || t.text.ends_with('s'));
    let person = matches!(subject, Subject::Name { .. } | Subject::Pronoun { .. });
    (one_verb && person).then(|| Attribution {
        subject,
        cue: verb
            .last()
            .map_or_else(|| ":".to_string(), |t| t.text.to_string()),
        at: colon.start,
    })
}

/// "Coach Erin Blake was blunt. “Q.”": a quoted statement standing alone after a
/// sentence about a named person is that person's.
pub fn previous_sentence_subject(
    text: &str,
    base: usize,
    previous: Range<usize>,
) -> Option<Attribution> {
    let tokens = words::tokens(text.get(previous.clone())?, base + previous.start);
    let (subject, _) = np_forward(&tokens, 0)?;
    if !matches!(subject, Subject::Name { .. }) {
        return None;
    }
    let first = tokens.first()?;
    Some(Attribution {
        subject,
        cue: String::new(),
        at: first.start,
    })
}

/// "Q" in that law, S V. — the cue closes the sentence after the quote.
fn sentence_final_frame(text: &str, base: usize, tokens: &[Token]) -> Option<Attribution> {
    let last_cue = (0..tokens.len()).rev().find(|&k| {
        is_cue(tokens, k)
            || (tokens.get(k).is_some_and(|t| t.lower() == "according")
                && tokens.get(k + 1).is_some_and(|t| t.lower() == "to"))
    })?;
    let tail = tokens.get(last_cue + 1..).unwrap_or(&[]);
    if tail.len() > 10
        || tail
            .iter()
            .any(|t| matches!(t.lower().as_ref(), "that" | "dass" | ","))
    {
        return None;
    }
    let token = tokens.get(last_cue)?;
    if token.lower() == "according" {
        let (subject, _) = np_forward(tokens, last_cue + 2)?;
        return Some(Attribution {
            subject,
            cue: "according to".to_string(),
            at: token.start,
        });
    }
    let start = skip_fillers_back(tokens, last_cue);
    let comma = start.checked_sub(1).and_then(|i| {
        (0..=i)
            .rev()
            .find(|&j| tokens.get(j).is_some_and(|t| t.text == ","))
    })?;
    let (subject, end) = np_forward(tokens, comma + 1)?;
    if end != start || !matches!(subject, Subject::Name { .. } | Subject::Pronoun { .. }) {
        return None;
    }
    Some(cue_at(text, base, token, subject))
}

fn cue_at(text: &str, base: usize, verb: &Token, subject: Subject) -> Attribution {
    let rest = text.get(verb.end - base..).unwrap_or("");
    let extension = cues::cue_extension(rest).unwrap_or("");
    Attribution {
        subject,
        cue: format!("{}{}", verb.text, extension),
        at: verb.start,
    }
}

/// A verb of saying used as a verb (not "the caption", "a post").
fn is_cue(tokens: &[Token], k: usize) -> bool {
    let Some(token) = tokens.get(k) else {
        return false;
    };
    let lower = token.lower();
    if !cues::is_speech_verb(&lower) || token.is_capitalised() {
        return false;
    }
    let previous = k
        .checked_sub(1)
        .and_then(|i| tokens.get(i))
        .map(|t| t.lower());
    !previous
        .is_some_and(|p| is_determiner(&p) || matches!(p.as_ref(), "of" | "to" | "my" | "your"))
}

fn is_determiner(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "a"
            | "an"
            | "this"
            | "that"
            | "these"
            | "those"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "one"
            | "another"
            | "each"
            | "every"
            | "any"
            | "no"
            | "der"
            | "die"
            | "das"
            | "ein"
            | "eine"
            | "einer"
            | "le"
            | "la"
            | "un"
            | "une"
            | "el"
    )
}

fn skip_fillers(tokens: &[Token], mut at: usize) -> usize {
    while tokens.get(at).is_some_and(|t| cues::is_filler(&t.lower())) {
        at += 1;
    }
    at
}

fn skip_fillers_back(tokens: &[Token], mut end: usize) -> usize {
    while end > 0
        && tokens
            .get(end - 1)
            .is_some_and(|t| cues::is_filler(&t.lower()))
    {
        end -= 1;
    }
    end
}

fn pronoun(token: &Token) -> Option<Subject> {
    let lower = token.lower();
    let text = token.text.to_string();
    if let Some(gender) = words::pronoun_gender(&lower) {
        return Some(Subject::Pronoun { text, gender });
    }
    match lower.as_ref() {
        "it" | "es" => Some(Subject::It { text }),
        "they" | "we" | "others" | "sie," | "ils" | "elles" | "ellos" | "critics" | "officials"
        | "police" | "organizers" | "organisers" => Some(Subject::Unnamed { text }),
        _ => None,
    }
}

/// The noun phrase starting at `i`, and the index after it.
fn np_forward(tokens: &[Token], i: usize) -> Option<(Subject, usize)> {
    let first = tokens.get(i)?;
    if let Some(subject) = pronoun(first) {
        return Some((subject, i + 1));
    }
    let lower = first.lower();
    if is_determiner(&lower) && !first.is_capitalised()
        || matches!(lower.as_ref(), "the" | "a" | "an")
    {
        return determiner_phrase(tokens, i);
    }
    // "council member Ana Ruiz", "city engineer Bo Lam": lowercase words before a role.
    let start = (i..(i + 3).min(tokens.len()))
        .find(|&k| {
            tokens
                .get(k)
                .is_some_and(|t| !t.is_word() || t.is_capitalised() || words::is_role_word(t.text))
        })
        .filter(|&k| {
            k == i
                || tokens
                    .get(k)
                    .is_some_and(|t| t.is_capitalised() || words::is_role_word(t.text))
        })?;
    if tokens.get(i..start)?.iter().any(|t| {
        let lower = t.lower();
        !t.is_word()
            || is_determiner(&lower)
            || cues::is_speech_verb(&lower)
            || words::is_stop_word(&lower)
            || !lower.chars().all(char::is_alphabetic)
    }) {
        return None;
    }
    let end = name_run_end(tokens, start);
    if end == start {
        return None;
    }
    let run = tokens.get(i..end)?;
    if !run.iter().any(|t| t.is_capitalised() || t.is_acronym()) {
        return None;
    }
    if let Some(found) = possessive_phrase(tokens, i, end) {
        return Some(found);
    }
    let (name, role) = super::speakers::split_role(run);
    if name.is_empty() {
        // "says KTV meteorologist": a role without a name, named elsewhere in the text.
        let head = run
            .iter()
            .rev()
            .find(|t| words::is_role_word(t.text) && !t.is_capitalised())?;
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
    Some((Subject::Name { name, role, text }, end))
}

/// "Lee’s predecessor, Tom Hart," → Tom Hart; "Lee’s neighbour" → an unnamed person.
fn possessive_phrase(tokens: &[Token], start: usize, end: usize) -> Option<(Subject, usize)> {
    let last = tokens.get(end.checked_sub(1)?)?;
    let possessive = last.text.ends_with("’s") || last.text.ends_with("'s");
    let apostrophe = tokens.get(end).is_some_and(|t| matches!(t.text, "’" | "'"));
    if !possessive && !apostrophe {
        return None;
    }
    let head_start = if apostrophe { end + 1 } else { end };
    let head_end = (head_start..(head_start + 3).min(tokens.len()))
        .take_while(|&k| {
            tokens
                .get(k)
                .is_some_and(|t| t.is_word() && !t.is_capitalised() && !is_cue(tokens, k))
        })
        .last()?
        + 1;
    let role = tokens.get(head_end - 1)?.lower().into_owned();
    if let Some(found) = role_then_name(tokens, start, head_end, &role, &[',', '.', ';']) {
        return Some(found);
    }
    let text = span_text(tokens.get(start..head_end)?);
    Some((Subject::Unnamed { text }, head_end))
}

/// "the director", "a spokesperson for the company", "her mother, Fiona,", "the Pentagon".
fn determiner_phrase(tokens: &[Token], i: usize) -> Option<(Subject, usize)> {
    let det = tokens.get(i)?.lower();
    if tokens
        .get(i + 1)
        .is_some_and(|t| t.is_capitalised() || t.is_acronym())
    {
        let end = name_run_end(tokens, i + 1);
        let run = tokens.get(i + 1..end)?;
        let head_is_role = run.last().is_some_and(|t| words::is_role_word(t.text));
        if !head_is_role && !run.is_empty() {
            let (name, role) = super::speakers::split_role(run);
            return Some((
                Subject::Name {
                    name,
                    role,
                    text: span_text(tokens.get(i..end)?),
                },
                end,
            ));
        }
    }
    let head = (i + 1..(i + 5).min(tokens.len())).find(|&k| {
        tokens
            .get(k)
            .is_some_and(|t| words::is_role_word(t.text) || is_unnamed_head(&t.lower()))
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
        .is_some_and(|t| matches!(t.lower().as_ref(), "for" | "of" | "at" | "from"))
    {
        let stop = (end + 1..(end + 10).min(tokens.len()))
            .find(|&k| {
                tokens.get(k).is_some_and(|t| {
                    !t.is_word() && t.text != "(" && t.text != ")" && !t.text.starts_with('’')
                }) || is_cue(tokens, k)
            })
            .unwrap_or((end + 10).min(tokens.len()));
        end = stop;
    }
    if let Some(found) = role_then_name(tokens, i, end, &role, &[',', '.', ';', '!', '?']) {
        return Some(found);
    }
    let text = span_text(tokens.get(i..end)?);
    let subject = if matches!(
        det.as_ref(),
        "a" | "an" | "one" | "another" | "ein" | "eine" | "un" | "une"
    ) {
        Subject::Unnamed { text }
    } else {
        Subject::RoleNoun { role, text }
    };
    Some((subject, end))
}

fn is_unnamed_head(word: &str) -> bool {
    matches!(
        word,
        "spokesperson"
            | "spokesman"
            | "spokeswoman"
            | "source"
            | "sources"
            | "official"
            | "officials"
            | "resident"
            | "witness"
            | "report"
            | "statement"
            | "person"
            | "man"
            | "woman"
            | "friend"
            | "neighbour"
            | "neighbor"
            | "insider"
            | "aide"
            | "poster"
            | "user"
            | "commenter"
            | "academic"
            | "teacher"
            | "student"
            | "worker"
            | "employee"
            | "representative"
            | "relative"
            | "family"
            | "group"
            | "company"
            | "manager"
            | "customer"
            | "client"
            | "shopper"
            | "voter"
            | "fan"
            | "reader"
            | "viewer"
            | "patient"
            | "local"
            | "villager"
            | "eyewitness"
            | "bystander"
            | "tourist"
            | "visitor"
            | "motorist"
            | "rider"
            | "colleague"
            | "supporter"
            | "critic"
            | "protester"
            | "demonstrator"
            | "participant"
            | "attendee"
            | "member"
            | "tenant"
            | "homeowner"
            | "parent"
            | "survivor"
            | "victim"
    )
}

/// Where a run of name words (titles, roles, capitalised words, initials) starting at `i` ends.
fn name_run_end(tokens: &[Token], i: usize) -> usize {
    let mut end = i;
    while let Some(token) = tokens.get(end) {
        let next = tokens.get(end + 1);
        let joins = (token.is_word() && (token.is_capitalised() || token.is_acronym()))
            || (token.is_word() && words::is_role_word(token.text) && !is_cue(tokens, end))
            || (token.text == "."
                && end > i
                && tokens
                    .get(end - 1)
                    .is_some_and(|t| t.text.chars().count() == 1 || is_title_abbreviation(t.text)))
            || (matches!(
                token.text,
                "de" | "van"
                    | "von"
                    | "bin"
                    | "al"
                    | "da"
                    | "di"
                    | "der"
                    | "del"
                    | "and"
                    | "on"
                    | "of"
            ) && end > i
                && next.is_some_and(|n| n.is_capitalised()))
            || (token.text == "&" && end > i && next.is_some_and(|n| n.is_capitalised()))
            // "White House press secretary Ann Lee": a lowercase modifier of a role.
            || (end > i
                && token.is_word()
                && !token.is_capitalised()
                && !is_determiner(&token.lower())
                && next.is_some_and(|n| words::is_role_word(n.text) && !n.is_capitalised()));
        if !joins || is_cue(tokens, end) && !token.is_capitalised() {
            break;
        }
        end += 1;
        let possessive = token.text.ends_with("’s") || token.text.ends_with("'s");
        if possessive && !next.is_some_and(|n| n.is_capitalised()) {
            break;
        }
    }
    end
}

/// "Dr.", "Sen.", "Gov.": titles written with a full stop.
fn is_title_abbreviation(word: &str) -> bool {
    matches!(
        word,
        "Dr" | "Mr"
            | "Mrs"
            | "Ms"
            | "Prof"
            | "Sen"
            | "Rep"
            | "Gov"
            | "Gen"
            | "Lt"
            | "Col"
            | "Sgt"
            | "Capt"
            | "Rev"
            | "St"
            | "Jr"
            | "Sr"
    )
}

/// The noun phrase that ends just before `end`.
fn np_backward(tokens: &[Token], end: usize) -> Option<Subject> {
    np_backward_depth(tokens, end, 0)
}

fn np_backward_depth(tokens: &[Token], end: usize, depth: usize) -> Option<Subject> {
    if depth > 3 {
        return None;
    }
    let end = skip_fillers_back(tokens, end);
    let last = tokens.get(end.checked_sub(1)?)?;
    if let Some(subject) = pronoun(last) {
        return Some(subject);
    }
    if last.text == ")" {
        let open = (0..end - 1)
            .rev()
            .take(12)
            .find(|&k| tokens.get(k).is_some_and(|t| t.text == "("))?;
        return np_backward_depth(tokens, open, depth + 1);
    }
    if last.text == "," {
        return appositive_subject(tokens, end - 1, depth);
    }
    let start = clause_start(tokens, end);
    let after_comma = start > 1 && tokens.get(start - 1).is_some_and(|t| t.text == ",");
    let determiner_led = tokens.get(start).is_some_and(|t| is_determiner(&t.lower()));
    let phrase = phrase_in(tokens, start, end).filter(|&(_, stop)| stop == end);
    let Some((subject, _)) = phrase else {
        // "Ann Lee, the harbour master, said": an appositive the role list does not know.
        return (after_comma && determiner_led)
            .then(|| np_backward_depth(tokens, start - 1, depth + 1))
            .flatten()
            .filter(|s| matches!(s, Subject::Name { .. }));
    };
    // "Ana Ruiz, the mayor of the town, said": the role is an appositive of the name.
    if let Subject::RoleNoun { role, .. } = &subject
        && start > 1
        && tokens.get(start - 1).is_some_and(|t| t.text == ",")
        && let Some(Subject::Name { name, text, .. }) =
            np_backward_depth(tokens, start - 1, depth + 1)
    {
        return Some(Subject::Name {
            name,
            role: Some(role.clone()),
            text,
        });
    }
    Some(subject)
}

/// The first noun phrase between `start` and `end`, if the clause starts with one.
fn phrase_in(tokens: &[Token], start: usize, end: usize) -> Option<(Subject, usize)> {
    let mut from = start;
    while tokens.get(from).is_some_and(|t| {
        matches!(
            t.lower().as_ref(),
            "and"
                | "but"
                | "so"
                | "as"
                | "while"
                | "though"
                | "however"
                | "und"
                | "doch"
                | "aber"
                | "then"
                | "when"
                | "yet"
        )
    }) && from < end
    {
        from += 1;
    }
    let (subject, stop) = np_forward(tokens.get(..end)?, from)?;
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
fn clause_start(tokens: &[Token], end: usize) -> usize {
    let mut start = end;
    while start > 0 && end - start < 14 {
        let token = tokens.get(start - 1);
        if token.is_some_and(|t| !t.is_word() && !matches!(t.text, "." | "(" | ")" | "’" | "'")) {
            break;
        }
        if token.is_some_and(|t| {
            matches!(
                t.lower().as_ref(),
                "that"
                    | "who"
                    | "which"
                    | "when"
                    | "after"
                    | "before"
                    | "because"
                    | "while"
                    | "as"
                    | "if"
                    | "dass"
            )
        }) {
            break;
        }
        start -= 1;
    }
    start
}

/// "Jo Lee, the union's leader, said": skip appositives and relative clauses back to a name.
fn appositive_subject(tokens: &[Token], comma: usize, depth: usize) -> Option<Subject> {
    let previous_comma = (0..comma).rev().take(16).find(|&k| {
        tokens
            .get(k)
            .is_some_and(|t| t.is_punct(&[',', ':', ';', '.']))
    });
    let start = previous_comma.map_or(comma.saturating_sub(16), |k| k + 1);
    let segment = tokens.get(start..comma)?;
    let first = segment.first()?.lower();
    // "Ann Lee, 45, said", "Sen. Ann Lee, D-Texas, said": ages and party tags.
    let tag = segment.len() == 1 && (is_age(&first) || is_party_tag(segment.first()?.text));
    if let Some((subject, stop)) = np_forward(tokens.get(..comma)?, start)
        && !tag
        && stop == comma
        && matches!(subject, Subject::Name { .. } | Subject::Pronoun { .. })
    {
        return Some(subject);
    }
    let skippable = matches!(
        first.as_ref(),
        "who"
            | "whose"
            | "which"
            | "a"
            | "an"
            | "the"
            | "his"
            | "her"
            | "their"
            | "its"
            | "der"
            | "die"
            | "das"
    ) || tag
        || segment.iter().any(|t| words::is_role_word(t.text));
    let previous_comma = previous_comma?;
    if !skippable || tokens.get(previous_comma).is_some_and(|t| t.text != ",") {
        return None;
    }
    np_backward_depth(tokens, previous_comma, depth + 1)
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

/// The subject of a whole sentence, for participle cues ("…, saying …").
fn sentence_subject(tokens: &[Token]) -> Option<Subject> {
    let mut start = 0;
    for _ in 0..3 {
        if let Some((subject, _)) = np_forward(tokens, start) {
            return Some(subject);
        }
        start = (start..tokens.len()).find(|&k| tokens.get(k).is_some_and(|t| t.text == ","))? + 1;
    }
    None
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

/// "the director, Joel Souza," : a role ending at `comma` followed by a name in apposition,
/// closed by one of `closers` or the end. The subject's text runs from `start`; the
/// position returned is past the name and its closing comma.
fn role_then_name(
    tokens: &[Token],
    start: usize,
    comma: usize,
    role: &str,
    closers: &[char],
) -> Option<(Subject, usize)> {
    if tokens.get(comma).is_none_or(|t| t.text != ",") {
        return None;
    }
    let (Subject::Name { name, .. }, after) = np_forward(tokens, comma + 1)? else {
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
        },
        after,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{sentences, spans};

    fn attribution(text: &str, which: usize) -> Option<(String, String)> {
        let spans = spans::find(text);
        let sentences = sentences::split(text, &spans);
        let span = spans.get(which)?;
        let sentence = sentences
            .iter()
            .find(|s| s.start <= span.open && span.open < s.end.max(s.start + 1))?
            .clone();
        let found = attribute(text, 0, span, sentence, &spans)?;
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
            subject("„Wir fahren“, sagt auch Lena Voss.", 0),
            "Lena Voss"
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
