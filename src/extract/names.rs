//! Names in running text: capitalised runs, trimmed to the name they hold.
//!
//! `read page → extract quotes` (tokens → spans → sentences → `names` → people → frames):
//! a run of capitalised words is a name only where it looks like one in the document's
//! language. Function words, weekdays and verbs of saying that open a sentence are cut
//! off ("However Ann Lee", "Replied Ann"); titles, roles and descriptors before the name go
//! to its role ("White House Press Secretary Ann Lee", "Rival Ann Lee"); a run glued from a
//! headline or across a boundary is cut before the given name that starts the name proper
//! ("Zika Virus Ann Lee"); what remains is classed as a person, an organisation, a place or
//! neither. The document itself is evidence: a capitalised word that it also writes in
//! lower case ("Leadership", "Trends") is an ordinary word, unless the document uses it in
//! a full name. Linear in the tokens of a block.

use super::lexicon::{Gender, Lexicon, WordMap, with_lower};
use super::spans::Span;
use super::tokens::Token;
use std::collections::HashSet;

/// What a trimmed capitalised run names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    Person,
    Organisation,
    Place,
    /// A demonym, a date, a common word: not a name at all.
    Other,
}

/// A name found in the text, with what stood before it.
#[derive(Debug, Clone)]
pub struct Name {
    /// Absolute offsets of the name proper (after any title or role).
    pub start: usize,
    pub end: usize,
    /// Offset of the whole run, role words included.
    pub run_start: usize,
    /// The name as written, without a possessive ending.
    pub display: String,
    /// Lowercased name words, without initials and particles.
    pub keys: Vec<String>,
    /// Words written in the name, initials included: the measure of the fullest form.
    pub written_words: usize,
    /// The titles and roles written in the run before the name ("attorney", "Sen.").
    pub role: Option<String>,
    /// The lowercased head of each role word before the name ("senator" for "Sen.").
    pub role_heads: Vec<String>,
    /// Gender told by an honorific or a gendered title ("Mrs", "Queen").
    pub title_gender: Gender,
    /// A title or honorific stood before the name.
    pub titled: bool,
    pub kind: NameKind,
    pub possessive: bool,
    /// Index of the block holding the name.
    pub block: usize,
}

/// How the document writes each word: in lower case, and capitalised inside a sentence.
#[derive(Debug, Default)]
pub struct CaseStats {
    counts: WordMap<String, (u32, u32)>,
}

impl CaseStats {
    /// Counts the words of one block (`tokens` in order).
    pub fn add(&mut self, tokens: &[Token]) {
        let mut previous: Option<&Token> = None;
        for token in tokens {
            if token.is_word() && token.text.len() >= 3 {
                let first = token.text.chars().next();
                if first.is_some_and(char::is_lowercase) {
                    if let Some(entry) = self.counts.get_mut(token.text) {
                        entry.0 += 1;
                    } else {
                        self.counts.insert(token.text.to_string(), (1, 0));
                    }
                } else if token.is_capitalised() && !starts_sentence(previous) {
                    with_lower(token.text, |lower| {
                        if let Some(entry) = self.counts.get_mut(lower) {
                            entry.1 += 1;
                        } else {
                            self.counts.insert(lower.to_string(), (0, 1));
                        }
                    });
                }
            }
            previous = Some(token);
        }
    }

    /// The document writes the word in lower case more often than capitalised mid-sentence.
    pub fn is_ordinary(&self, lower: &str) -> bool {
        self.counts
            .get(lower)
            .is_some_and(|&(lowercase, capitalised)| lowercase > capitalised)
    }

    /// The document writes the word capitalised inside a sentence at least once.
    pub fn seen_capitalised_inside(&self, lower: &str) -> bool {
        self.counts
            .get(lower)
            .is_some_and(|&(_, capitalised)| capitalised > 0)
    }

    /// The document writes the word in lower case at least once.
    pub fn seen_lowercase(&self, lower: &str) -> bool {
        self.counts
            .get(lower)
            .is_some_and(|&(lowercase, _)| lowercase > 0)
    }
}

/// Whether a word after `previous` opens a sentence or a quotation.
pub fn starts_sentence(previous: Option<&Token>) -> bool {
    previous.is_none_or(|p| !p.is_word() && !p.is_punct(&[',', ';', '&', '-', '/']))
}

/// A capitalised run of a block, a slice of its tokens, with where it stands.
pub struct Run<'t, 'a> {
    pub tokens: &'t [Token<'a>],
    pub sentence_initial: bool,
    /// "the White House", "the Florida senator": a determiner marks a thing or a role.
    pub after_article: bool,
    /// "in Salem", "Salem, N.H.": a single word standing as a place.
    pub after_locative: bool,
    /// "DUP Balmoral councillor Ann Lee", "Ravens coach Bo Kim": the run qualifies a role
    /// held by the name that follows it.
    pub qualifier: bool,
    /// A verb of saying follows the run ("“…,” Nordrail said").
    pub before_cue: bool,
    pub block: usize,
}

/// Capitalised runs of `tokens` (one block), outside quotation `spans` (relative to
/// `base`).
pub fn runs<'t, 'a>(
    lexicon: &Lexicon,
    tokens: &'t [Token<'a>],
    spans: &[Span],
    base: usize,
    block: usize,
) -> Vec<Run<'t, 'a>> {
    let mut found = Vec::new();
    // The run being read: tokens[start..end].
    let mut start = 0;
    let mut end = 0;
    let mut run_initial = false;
    let mut run_article = false;
    let mut run_locative = false;
    let mut span_index = 0;
    let mut previous: Option<&Token> = None;
    let mut flush =
        |start: usize, mut end: usize, (initial, article, locative): (bool, bool, bool)| {
            while end > start
                && tokens.get(end - 1).is_some_and(|t| {
                    !t.is_word() || lexicon.is_particle(t.text) || is_connector(t.text)
                })
            {
                end -= 1;
            }
            let Some(run) = tokens.get(start..end).filter(|r| !r.is_empty()) else {
                return;
            };
            let shouted = run.len() > 1
                && run
                    .iter()
                    .any(|t| t.is_acronym() && lexicon.is_function_word(t.text));
            if shouted {
                return;
            }
            let single = run.iter().filter(|t| t.is_word()).count() == 1;
            // "Salem, N.H.", "Tulsa, Oklahoma": a single word followed by a comma and a place.
            let placed = tokens.get(end).is_some_and(|t| t.text == ",")
                && tokens
                    .get(end + 1)
                    .is_some_and(|t| t.is_capitalised() && lexicon.is_place(&t.lower()));
            found.push(Run {
                tokens: run,
                sentence_initial: initial,
                after_article: article,
                after_locative: single && (locative || placed),
                qualifier: false,
                before_cue: tokens
                    .get(end)
                    .is_some_and(|t| lexicon.cue(t.text).is_some()),
                block,
            });
        };
    for (index, token) in tokens.iter().enumerate() {
        let relative = token.start.saturating_sub(base);
        while spans.get(span_index).is_some_and(|s| s.close <= relative) {
            span_index += 1;
        }
        let quoted = spans
            .get(span_index)
            .is_some_and(|s| s.open <= relative && relative < s.close.max(s.open + 1));
        let open = end > start;
        if quoted {
            if open {
                flush(start, end, (run_initial, run_article, run_locative));
            }
            start = index + 1;
            end = start;
            previous = Some(token);
            continue;
        }
        let next = tokens.get(index + 1);
        // "@AnnLee", "#AnnLee": handles and hashtags are not names in the text.
        let handle = previous.is_some_and(|p| matches!(p.text, "@" | "#"));
        let name_word = is_name_word(token) && !handle;
        let last = index.checked_sub(1).and_then(|i| tokens.get(i));
        let joins = name_word
            || (token.is_initial() && next.is_some_and(|n| n.text == "."))
            || (open
                && token.text == "."
                && last.is_some_and(|t| t.is_initial() || is_abbreviated_title(lexicon, t)))
            || (open
                && (lexicon.is_particle(token.text) || is_connector(token.text))
                && next.is_some_and(is_name_word));
        if joins {
            if !open {
                start = index;
                run_initial = starts_sentence(previous);
                run_locative = previous
                    .is_some_and(|p| matches!(p.text, "in" | "near" | "outside" | "across"));
                // "the White House", "l’Intérieur": a determiner before the run.
                run_article = previous.is_some_and(|p| {
                    p.text.chars().next().is_some_and(char::is_lowercase)
                        && (lexicon.is_determiner(p.text) && !lexicon.is_indefinite(p.text)
                            || p.text.ends_with(['\'', '’']))
                });
            }
            end = index + 1;
            if token.is_possessive() {
                flush(start, end, (run_initial, run_article, run_locative));
                start = end;
            }
        } else {
            if open {
                flush(start, end, (run_initial, run_article, run_locative));
            }
            start = index + 1;
            end = start;
        }
        previous = Some(token);
    }
    if end > start {
        flush(start, end, (run_initial, run_article, run_locative));
    }
    mark_qualifiers(lexicon, tokens, &mut found);
    found
}

/// Marks each run followed by a lowercase role and another run: "DUP Balmoral councillor
/// Ann Lee", "Ravens head coach Bo Kim", "Belfast Live reporter Jo Hart".
fn mark_qualifiers(lexicon: &Lexicon, tokens: &[Token], runs: &mut [Run]) {
    for index in 1..runs.len() {
        let (Some(before), Some(after)) = (runs.get(index - 1), runs.get(index)) else {
            continue;
        };
        let (Some(last), Some(next)) = (before.tokens.last(), after.tokens.first()) else {
            continue;
        };
        let from = tokens.partition_point(|t| t.start < last.end);
        let to = tokens.partition_point(|t| t.start < next.start);
        let Some(between) = tokens.get(from..to).filter(|b| (1..=3).contains(&b.len())) else {
            continue;
        };
        let lowercase = |t: &Token| {
            t.is_word()
                && t.text.chars().next().is_some_and(char::is_lowercase)
                && !lexicon.is_function_word(t.text)
                && lexicon.cue(t.text).is_none()
        };
        let role_last = between.last().is_some_and(|t| {
            lexicon
                .role(t.text)
                .is_some_and(|r| !r.honorific && !r.organisation && !r.kin)
        });
        if role_last
            && between.iter().all(lowercase)
            && let Some(run) = runs.get_mut(index - 1)
        {
            run.qualifier = true;
        }
    }
}

/// A block written in title case ("Senator Says She Will Run Again"): every longer word
/// capitalised and no sentence closed, so capitals there tell nothing about names.
pub fn is_title_case(lexicon: &Lexicon, tokens: &[Token]) -> bool {
    // A headline may end with a full stop; a paragraph of several sentences is prose.
    let closings = tokens
        .iter()
        .filter(|t| t.is_punct(&['.', '!', '?']))
        .count();
    let closed = tokens
        .last()
        .is_some_and(|t| t.is_punct(&['.', '!', '?', '”', '"', '»', '“']));
    if closings > 1 || closed && tokens.len() > 25 {
        return false;
    }
    let mut capitalised = 0;
    let mut lowercase = 0;
    for token in tokens
        .iter()
        .filter(|t| t.is_word() && t.text.chars().count() > 1)
    {
        if lexicon.is_function_word(token.text) {
            continue;
        }
        if token.is_capitalised() {
            capitalised += 1;
        } else if token.text.chars().next().is_some_and(char::is_lowercase) {
            lowercase += 1;
        }
    }
    capitalised >= 4 && lowercase * 10 <= capitalised
}

fn is_name_word(token: &Token) -> bool {
    token.is_word() && (token.is_capitalised() || token.is_acronym())
}

fn is_connector(word: &str) -> bool {
    matches!(word, "and" | "&" | "of" | "for" | "on")
}

/// "Sen.", "Gov.", "Dr.": a title written with a full stop.
fn is_abbreviated_title(lexicon: &Lexicon, token: &Token) -> bool {
    lexicon
        .role(token.text)
        .is_some_and(|r| r.canonical.is_some() || r.honorific)
}

/// What the finder knows of the document as a whole.
pub struct Evidence<'a> {
    pub lexicon: &'a Lexicon,
    pub stats: &'a CaseStats,
    /// Words the document uses in full names ("cook" after "Tim Cook"): names wherever
    /// they stand.
    pub name_keys: &'a HashSet<String>,
}

impl Evidence<'_> {
    /// An ordinary word of the language or of this document, not a name.
    fn ordinary(&self, token: &Token) -> bool {
        if self.is_name_key(token) || token.is_acronym() {
            return false;
        }
        let lower = token.lower();
        let lower = lower.trim_end_matches(['’', '\'']);
        self.lexicon.is_common_word(lower) || self.stats.is_ordinary(lower)
    }

    /// A word of a full name of this document.
    fn is_name_key(&self, token: &Token) -> bool {
        let word = token.without_possessive();
        if word.is_ascii() {
            return with_lower(word, |lower| self.name_keys.contains(lower));
        }
        self.name_keys.contains(&name_key(token.text))
    }

    /// Nothing in the document or the language says that a capitalised word is a name:
    /// not a given name, not an acronym, in no full name, never capitalised inside a
    /// sentence.
    pub fn unattested(&self, token: &Token) -> bool {
        if self.given(token) || token.is_acronym() || self.is_name_key(token) {
            return false;
        }
        let word = token.without_possessive();
        !(self.stats.seen_capitalised_inside(&word.to_lowercase())
            || self.stats.seen_capitalised_inside(&token.lower()))
    }

    fn given(&self, token: &Token) -> bool {
        self.lexicon
            .given_name(token.without_possessive())
            .is_some()
    }

    /// Never part of a name: function words, dates, verbs of saying.
    fn excluded(&self, token: &Token) -> bool {
        let word = token.without_possessive();
        if self.is_name_key(token) && !self.lexicon.is_function_word(word) {
            return false;
        }
        self.lexicon.is_function_word(word)
            || self.lexicon.is_date_word(word)
            || self.lexicon.cue(word).is_some() && !self.given(token)
    }
}

/// The words of the full names a run surely holds, for [`Evidence::name_keys`]: a given
/// name, or a title, then one to three more capitalised words ("Ann Lee", "Sen. Bo
/// Kim"). Cheap, so that the full trimming of every run happens once.
pub fn full_name_keys(lexicon: &Lexicon, run: &Run, keys: &mut HashSet<String>) {
    let tokens = &run.tokens;
    let mut index = 0;
    while let Some(token) = tokens.get(index) {
        let titled = lexicon
            .role(token.text)
            .is_some_and(|r| r.title || r.honorific);
        let start = if titled { index + 1 } else { index };
        let opens = titled
            || lexicon.given_name(token.without_possessive()).is_some()
                && !lexicon.is_function_word(token.text);
        if !opens {
            index += 1;
            continue;
        }
        let name: Vec<&Token> = tokens
            .get(start..)
            .unwrap_or(&[])
            .iter()
            .filter(|t| t.text != ".")
            .take_while(|t| {
                t.is_capitalised()
                    && !lexicon.is_function_word(t.text)
                    && lexicon.cue(t.text).is_none()
            })
            .take(4)
            .collect();
        let words: Vec<&&Token> = name.iter().filter(|t| !t.is_initial()).collect();
        if words.len() >= 2 {
            keys.extend(words.iter().map(|t| name_key(t.text)));
        }
        index = start + name.len().max(1);
    }
}

/// The names a run holds: split at "and" between names, trimmed, classed.
pub fn names_in(evidence: &Evidence, run: &Run) -> Vec<Name> {
    let organisation = run.tokens.iter().any(|t| {
        evidence
            .lexicon
            .is_organisation_word(t.without_possessive())
    });
    let mut found = Vec::new();
    let mut initial = run.sentence_initial;
    let mut from = 0;
    for (index, token) in run.tokens.iter().enumerate() {
        let splits = !organisation && matches!(token.text, "and" | "&" | "of" | "for" | "on");
        if splits {
            if let Some(part) = run.tokens.get(from..index).filter(|p| !p.is_empty()) {
                found.extend(trim(evidence, part, initial, run));
            }
            initial = false;
            from = index + 1;
        }
    }
    if let Some(part) = run.tokens.get(from..).filter(|p| !p.is_empty()) {
        found.extend(trim(evidence, part, initial, run));
    }
    found
}

/// Cuts the words before the name proper and classes what is left.
fn trim(evidence: &Evidence, tokens: &[Token], sentence_initial: bool, run: &Run) -> Option<Name> {
    let lexicon = evidence.lexicon;
    // "American Airlines", "Federal Reserve Bank": an organisation's words are its name.
    let organisation = tokens
        .iter()
        .any(|t| lexicon.is_organisation_word(t.without_possessive()));
    let mut at = 0;
    let mut initial = sentence_initial;
    let mut role_words: Vec<Token> = Vec::new();
    let mut title_gender = Gender::Unknown;
    let mut titled = false;
    // Words that open the sentence or stand before the name without being part of it.
    while let Some(token) = tokens.get(at) {
        if token.text == "." {
            at += 1;
            continue;
        }
        // "Writers Guild of America", "Doctors Without Borders": people in the plural name
        // the organisation they make up.
        let members = organisation && token.text.ends_with('s') && token.is_capitalised();
        let role = lexicon
            .role(token.text)
            .filter(|r| !r.organisation && (!evidence.is_name_key(token) || r.honorific))
            .filter(|_| !members);
        // "says Will McClay": a function word that is also a given name, inside a sentence.
        let given_inside =
            !initial && evidence.given(token) && tokens.get(at + 1).is_some_and(|n| n.is_word());
        if evidence.excluded(token) && role.is_none() && !given_inside {
            role_words.clear();
            at += 1;
            initial = false;
            continue;
        }
        if organisation && role.is_none() {
            break;
        }
        if let Some(role) = role {
            if role.title || role.honorific {
                titled = true;
            }
            if role.gender != Gender::Unknown {
                title_gender = role.gender;
            }
            role_words.push(*token);
            at += 1;
            initial = false;
            continue;
        }
        // "Debating Ann Lee", "Pressing Lee": a verb in -ing glued before a name.
        let gerund = token.text.len() > 5
            && token.text.ends_with("ing")
            && !evidence.given(token)
            && !evidence.is_name_key(token)
            && tokens
                .get(at + 1)
                .is_some_and(|n| evidence.given(n) || evidence.is_name_key(n));
        if lexicon.is_demonym(token.text)
            || gerund
            || (initial && evidence.ordinary(token) && !evidence.given(token))
        {
            role_words.push(*token);
            at += 1;
            initial = false;
            continue;
        }
        break;
    }
    let mut rest: &[Token] = tokens.get(at..)?;
    // "Zika Virus Ann Lee", "Miss Universe Ann Lee", "Ukraine Ann Lee": a given name after
    // words that are no name starts the name proper.
    if let Some(given) = (1..rest.len()).find(|&k| {
        rest.get(k).is_some_and(|t| evidence.given(t))
            && rest.get(..k).is_some_and(|before| {
                before.iter().enumerate().all(|(j, t)| {
                    let next_is_role = before.get(j + 1).is_some_and(|n| lexicon.is_role(n.text));
                    let place = lexicon.is_place(&t.lower());
                    // "le ministre de l’Intérieur Jan Lee": a noun after the article.
                    let after_article = j == 0 && run.after_article;
                    t.text == "."
                        || (!evidence.given(t) || place && next_is_role || lexicon.is_role(t.text))
                            && !t.is_initial()
                            && (evidence.ordinary(t)
                                || after_article
                                || lexicon.is_role(t.text)
                                || lexicon.is_demonym(t.text)
                                || lexicon.is_organisation_word(t.text)
                                || lexicon.is_place_word(t.text)
                                || place
                                || lexicon.is_function_word(t.text))
                })
            })
    }) {
        let (descriptors, name) = rest.split_at(given);
        for token in descriptors {
            if lexicon.is_role(token.text) {
                titled = true;
            }
            role_words.push(*token);
        }
        rest = name;
    }
    // "Fed Chair Ann Lee", "Ravens GM Bo Lee": a qualifier and a title before the name;
    // "House Minority Leader Ann Lee", "Teachers Union President J. Bo Lee": an
    // organisation's name may be the qualifier when a person's name follows the title.
    let person_after = |after: &[Token]| {
        after.iter().filter(|t| t.is_word()).count() >= 2
            && after.iter().all(|t| !lexicon.is_organisation_word(t.text))
            && after
                .first()
                .is_some_and(|t| evidence.given(t) || t.is_initial())
    };
    if (!organisation
        || rest
            .iter()
            .rposition(|t| lexicon.role(t.text).is_some_and(|r| r.title))
            .is_some_and(|title| rest.get(title + 1..).is_some_and(person_after)))
        && let Some(title) = rest
            .iter()
            .rposition(|t| lexicon.role(t.text).is_some_and(|r| r.title || r.honorific))
        && let Some(after) = rest.get(title + 1..)
        && after.iter().any(|t| t.is_word())
        && (rest
            .get(..title)
            .is_some_and(|before| before.iter().all(|t| !evidence.given(t)))
            || after.iter().filter(|t| t.is_word()).count() >= 2
                && after
                    .iter()
                    .find(|t| t.is_word())
                    .is_some_and(|t| evidence.given(t)))
    {
        titled = true;
        let (qualifier, name) = rest.split_at(title + 1);
        role_words.extend_from_slice(qualifier);
        rest = name;
        while let Some((dot, name)) = rest.split_first().filter(|(t, _)| t.text == ".") {
            role_words.push(*dot);
            rest = name;
        }
    }
    let first = *rest.first()?;
    let last = *rest.last()?;
    let words: Vec<&Token> = rest.iter().filter(|t| t.is_word()).collect();
    let keys: Vec<String> = words
        .iter()
        .filter(|t| !t.is_initial() && !lexicon.is_particle(t.text) && !is_suffix(t.text))
        .map(|t| name_key(t.text))
        .filter(|k| !k.is_empty())
        .collect();
    if keys.is_empty() {
        return None;
    }
    let kind = classify(evidence, rest, &keys, run, initial, titled);
    let role_text = role_words
        .iter()
        .any(|t| lexicon.role(t.text).is_some_and(|r| !r.honorific))
        .then(|| role_text(&role_words))
        .flatten();
    let role_heads = role_words
        .iter()
        .filter_map(|t| {
            let role = lexicon.role(t.text)?;
            (!role.honorific).then(|| {
                role.canonical
                    .as_deref()
                    .map(str::to_string)
                    .unwrap_or_else(|| singular_lower(t.text))
            })
        })
        .collect();
    // "Lady Gaga", "Pope Francis": a title that is part of a name of one word.
    let kept_title = role_words
        .last()
        .filter(|t| words.len() == 1 && lexicon.role(t.text).is_some_and(|r| r.keep));
    let display = match kept_title {
        Some(title) => format!("{} {}", title.text, display(rest)),
        None => display(rest),
    };
    Some(Name {
        start: first.start,
        end: last.end,
        run_start: role_words.first().map_or(first.start, |t| t.start),
        display,
        keys,
        written_words: words.len(),
        role: role_text,
        role_heads,
        title_gender,
        titled,
        kind,
        possessive: last.is_possessive(),
        block: run.block,
    })
}

fn classify(
    evidence: &Evidence,
    rest: &[Token],
    keys: &[String],
    run: &Run,
    initial: bool,
    titled: bool,
) -> NameKind {
    let lexicon = evidence.lexicon;
    let words: Vec<&Token> = rest.iter().filter(|t| t.is_word()).collect();
    let starts_with_given = words.first().is_some_and(|t| evidence.given(t));
    if rest
        .iter()
        .any(|t| lexicon.is_organisation_word(t.without_possessive()))
    {
        return NameKind::Organisation;
    }
    let joined = keys.join(" ");
    let place = lexicon.is_place(&joined);
    if !titled && (place && (!starts_with_given || words.len() == 1) || run.after_locative) {
        return NameKind::Place;
    }
    if !starts_with_given
        && !titled
        && words
            .last()
            .is_some_and(|t| lexicon.is_place_word(t.without_possessive()))
    {
        return NameKind::Place;
    }
    if words
        .iter()
        .all(|t| lexicon.is_demonym(t.text) || lexicon.is_date_word(t.text))
    {
        return NameKind::Other;
    }
    // "the Minnesota Democrat", "D-Minn.": a place and a party describe someone.
    let party_tag = |t: &Token| {
        t.text.len() <= 10
            && t.text.split_once('-').is_some_and(|(initial, place)| {
                initial.len() == 1
                    && initial.chars().all(|c| c.is_ascii_uppercase())
                    && place.starts_with(|c: char| c.is_ascii_uppercase())
            })
    };
    if !starts_with_given
        && !titled
        && words
            .last()
            .is_some_and(|t| lexicon.is_demonym(t.text) || words.len() == 1 && party_tag(t))
    {
        return NameKind::Other;
    }
    if words.len() == 1 {
        let only = words[0];
        // "LINDAHL: …" in a transcript is a person the document names in full.
        if only.is_acronym() && !titled && !evidence.is_name_key(only) {
            return NameKind::Organisation;
        }
        if initial && !titled && evidence.ordinary(only) && !evidence.given(only) {
            return NameKind::Other;
        }
        // "Horas antes …", "Plastics, she found, …": a word met only where sentences open,
        // in no full name and never capitalised inside a sentence, is a capitalised word,
        // not a name.
        if initial && !titled && !run.before_cue && evidence.unattested(only) {
            return NameKind::Other;
        }
        // German "Flüge", "Bahn": a capitalised noun, unless the document names someone so.
        if lexicon.capitalises_nouns()
            && !titled
            && !evidence.given(only)
            && !evidence.name_keys.contains(&keys.join(" "))
        {
            return NameKind::Other;
        }
    }
    if run.after_article && !starts_with_given && !titled {
        return NameKind::Organisation;
    }
    // Only the part of the run right before the role qualifies it ("Ann Lee and Pendle
    // council leader Bo Kim").
    let ends_run = rest.last().map(|t| t.end) == run.tokens.last().map(|t| t.end);
    if run.qualifier && ends_run && !titled {
        return NameKind::Other;
    }
    if keys.len() >= 2
        && !starts_with_given
        && !titled
        && keys
            .iter()
            .all(|k| evidence.stats.seen_lowercase(k) || lexicon.is_common_word(k))
    {
        // "Divisive Legacy", "Moments Earlier": every word is an ordinary word here.
        return NameKind::Other;
    }
    NameKind::Person
}

/// A name word as the lookups compare it: lower case, without accents or a possessive
/// ("Murátov" and "Muratov’s" are "muratov").
pub fn name_key(word: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    let word = word
        .strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .or_else(|| word.strip_suffix("‘s"))
        .unwrap_or(word);
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    word.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// "Jr", "Sr", "III": a generational suffix, part of the written name but not a key.
fn is_suffix(word: &str) -> bool {
    matches!(word, "Jr" | "Sr" | "II" | "III" | "IV" | "jr" | "sr")
}

fn singular_lower(word: &str) -> String {
    word.trim_end_matches('.').to_lowercase()
}

fn role_text(words: &[Token]) -> Option<String> {
    let mut text = String::new();
    let mut last_end = None;
    for token in words {
        if last_end.is_some_and(|e| e < token.start) {
            text.push(' ');
        }
        text.push_str(token.text);
        last_end = Some(token.end);
    }
    (!text.is_empty()).then_some(text)
}

/// The name as written: words one space apart, initials with their full stop, no
/// possessive.
pub fn display(tokens: &[Token]) -> String {
    let mut text = String::new();
    for (index, token) in tokens.iter().enumerate() {
        if token.text == "." {
            text.push('.');
            continue;
        }
        if !text.is_empty() {
            text.push(' ');
        }
        if index + 1 == tokens.len() {
            text.push_str(token.without_possessive());
        } else {
            text.push_str(token.text);
        }
    }
    text
}
