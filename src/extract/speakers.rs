//! The people of a document: names, genders, roles and where they are mentioned.
//!
//! `read page → extract quotes` (spans → cues → attribution → `speakers`): a document-wide
//! index built once, before attribution. It collects person names (capitalised runs with a
//! given-name/surname shape), organisations, the roles given with names ("director Ola
//! Brandt", "Jo Smith, the union's leader"), gender cues (Mr/Mrs/Ms, common given names, the
//! pronoun that follows a name), and every mention's position, so that surnames, first names,
//! pronouns and role nouns resolve to the fullest name. Linear in the text.

use super::spans::Span;
use super::words::{self, Gender, Token};
use crate::document::{BlockKind, Document};
use std::collections::HashMap;

/// One person named in the document.
#[derive(Debug, Clone)]
pub struct Person {
    /// The fullest form of the name in the document.
    pub name: String,
    /// Lowercased name words, without initials.
    keys: Vec<String>,
    pub gender: Gender,
    male_votes: u32,
    female_votes: u32,
    /// The first role the document gives the person ("director").
    pub role: Option<String>,
}

/// The document's people and organisations.
#[derive(Debug, Default)]
pub struct People {
    pub persons: Vec<Person>,
    by_last: HashMap<String, Vec<usize>>,
    by_first: HashMap<String, Vec<usize>>,
    /// Person mentions in text order.
    pub mentions: Vec<(usize, usize)>,
    /// Organisation mentions in text order: position and name.
    orgs: Vec<(usize, String)>,
    /// Role nouns linked to persons: lowercased role word → positions and persons, in order.
    roles: HashMap<String, Vec<(usize, usize)>>,
}

/// A run of capitalised words, split into the words before the name and the name itself.
struct Run<'a> {
    tokens: Vec<Token<'a>>,
    /// "the White House", "the Upper Midwest": a determiner marks a thing, not a person.
    after_article: bool,
    /// Index in `tokens` where the name proper begins.
    core: usize,
}

impl Run<'_> {
    fn core_tokens(&self) -> &[Token<'_>] {
        self.tokens.get(self.core..).unwrap_or(&[])
    }
}

impl People {
    /// Builds the index from the prose blocks of `doc`; `spans[i]` are the quotation spans of
    /// block `i` (names inside quotes are not mentions).
    pub fn collect(doc: &Document, spans: &[Vec<Span>]) -> People {
        let mut people = People::default();
        let mut runs_by_block = Vec::new();
        for (index, block) in doc.blocks.iter().enumerate() {
            if block.kind == BlockKind::Credit {
                continue;
            }
            let text = doc.block_text(block);
            let block_spans = spans.get(index).map(Vec::as_slice).unwrap_or(&[]);
            let mut tokens = words::tokens(text, block.range.start);
            if !block_spans.is_empty() {
                tokens.retain(|t| !inside(block_spans, t.start - block.range.start));
            }
            let runs = capitalised_runs(&tokens);
            for run in &runs {
                people.add_full_name(run);
            }
            if block.kind != BlockKind::Caption {
                runs_by_block.push((tokens, runs));
            }
        }
        people.merge_short_forms();
        for (tokens, runs) in &runs_by_block {
            for run in runs {
                people.add_mention(run, tokens);
            }
        }
        for person in &mut people.persons {
            if person.gender == Gender::Unknown {
                person.gender = match person.male_votes.cmp(&person.female_votes) {
                    std::cmp::Ordering::Greater => Gender::Male,
                    std::cmp::Ordering::Less => Gender::Female,
                    std::cmp::Ordering::Equal => Gender::Unknown,
                };
            }
        }
        people
    }

    fn add_full_name(&mut self, run: &Run) {
        let core = run.core_tokens();
        if core.iter().filter(|t| t.is_word()).count() < 2 {
            return;
        }
        let keys = name_keys(core);
        let gerund = keys
            .first()
            .is_some_and(|k| k.ends_with("ing") || is_demonym(k));
        if keys.len() < 2
            || keys.len() > 4
            || is_org(run)
            || is_place(run)
            || run.after_article
            || gerund
        {
            return;
        }
        if self.find_exact(&keys).is_some() {
            return;
        }
        let gender = title_gender(run).unwrap_or_else(|| {
            keys.first()
                .map_or(Gender::Unknown, |k| words::given_name_gender(k))
        });
        let index = self.persons.len();
        self.persons.push(Person {
            name: name_text(core),
            keys: keys.clone(),
            gender,
            male_votes: 0,
            female_votes: 0,
            role: None,
        });
        if let Some(last) = keys.last() {
            self.by_last.entry(last.clone()).or_default().push(index);
        }
        if let Some(first) = keys.first() {
            self.by_first.entry(first.clone()).or_default().push(index);
        }
    }

    fn find_exact(&self, keys: &[String]) -> Option<usize> {
        let last = keys.last()?;
        self.by_last
            .get(last)?
            .iter()
            .copied()
            .find(|&i| self.persons.get(i).is_some_and(|p| p.keys == keys))
    }

    /// "Ann Lee" and "Ann Mary Lee" are one person: short forms point
    /// to the longest name with the same first and last word.
    fn merge_short_forms(&mut self) {
        for list in self.by_last.values_mut() {
            list.sort_by_key(|&i| {
                std::cmp::Reverse(self.persons.get(i).map_or(0, |p| p.keys.len()))
            });
        }
        for list in self.by_first.values_mut() {
            list.sort_by_key(|&i| {
                std::cmp::Reverse(self.persons.get(i).map_or(0, |p| p.keys.len()))
            });
        }
    }

    fn add_mention(&mut self, run: &Run, tokens: &[Token]) {
        let Some(first) = run.tokens.first() else {
            return;
        };
        if is_org(run) {
            // "White House press secretary Ann Lee": the organisation only qualifies a role.
            let end = run.tokens.last().map_or(first.end, |t| t.end);
            let after = tokens.partition_point(|t| t.start < end);
            let qualifies_role = tokens
                .iter()
                .skip(after)
                .take(2)
                .any(|t| !t.is_capitalised() && words::is_role_word(t.text));
            if !qualifies_role {
                self.orgs.push((first.start, org_name(run)));
            }
            return;
        }
        let keys = name_keys(run.core_tokens());
        if run.after_article && run.core == 0 {
            return;
        }
        let Some(person) = self.resolve_keys(&keys) else {
            return;
        };
        let at = run.core_tokens().first().map_or(first.start, |t| t.start);
        self.mentions.push((at, person));
        self.link_roles(run, tokens, person);
        self.vote_gender(run, tokens, person);
    }

    /// Roles around a name: "director Ola Brandt", "Ola Brandt, the director", "the film’s
    /// director, Ola Brandt".
    fn link_roles(&mut self, run: &Run, tokens: &[Token], person: usize) {
        let at = run.tokens.first().map_or(0, |t| t.start);
        let mut found: Vec<String> = run
            .tokens
            .iter()
            .take(run.core)
            .filter(|t| words::is_role_word(t.text) && !is_honorific(t.text))
            .map(|t| t.lower().into_owned())
            .collect();
        let position = tokens.partition_point(|t| t.start < at);
        let before = tokens
            .get(position.saturating_sub(1))
            .filter(|_| position > 0);
        if let Some(word) = before.filter(|t| words::is_role_word(t.text) && !t.is_capitalised()) {
            found.push(word.lower().into_owned());
        }
        if before.is_some_and(|t| t.text == ",")
            && let Some(role) = tokens
                .get(position.saturating_sub(2))
                .filter(|_| position > 1)
            && words::is_role_word(role.text)
        {
            found.push(role.lower().into_owned());
        }
        let end = position + run.tokens.len();
        if tokens.get(end).is_some_and(|t| t.text == ",") {
            let appositive = tokens.iter().skip(end + 1).take(6);
            for token in appositive {
                if token.is_punct(&[',', '.', ';']) {
                    break;
                }
                if words::is_role_word(token.text) && !token.is_capitalised() {
                    found.push(token.lower().into_owned());
                    break;
                }
            }
        }
        for role in found {
            if let Some(p) = self.persons.get_mut(person)
                && p.role.is_none()
            {
                p.role = Some(role.clone());
            }
            self.roles.entry(role).or_default().push((at, person));
        }
    }

    /// The first he/his or she/her after a name, in the same sentence, votes for its gender.
    fn vote_gender(&mut self, run: &Run, tokens: &[Token], person: usize) {
        let end = run.tokens.last().map_or(0, |t| t.end);
        let from = tokens.partition_point(|t| t.start < end);
        let possessive = run
            .tokens
            .last()
            .is_some_and(|t| t.text.ends_with("’s") || t.text.ends_with("'s"))
            || tokens
                .get(from)
                .is_some_and(|t| matches!(t.text, "’" | "'"));
        if possessive {
            return;
        }
        let following = tokens.get(from..).unwrap_or(&[]).iter().take(25);
        for token in following {
            if token.is_punct(&['.', '!', '?']) {
                break;
            }
            let vote = match token.lower().as_ref() {
                "he" | "his" | "him" | "himself" => Gender::Male,
                "she" | "her" | "hers" | "herself" => Gender::Female,
                _ => continue,
            };
            if let Some(p) = self.persons.get_mut(person) {
                match vote {
                    Gender::Male => p.male_votes += 1,
                    _ => p.female_votes += 1,
                }
            }
            break;
        }
    }

    /// The person a name, surname or first name refers to.
    fn resolve_keys(&self, keys: &[String]) -> Option<usize> {
        match keys {
            [] => None,
            [single] => self
                .by_last
                .get(single)
                .and_then(|l| l.first())
                .or_else(|| self.by_first.get(single).and_then(|l| l.first()))
                .copied(),
            [first, .., last] => self.by_last.get(last).and_then(|list| {
                list.iter().copied().find(|&i| {
                    self.persons.get(i).is_some_and(|p| {
                        p.keys.first() == Some(first) && keys.iter().all(|k| p.keys.contains(k))
                    })
                })
            }),
        }
    }

    /// The fullest name for a name as written ("Whitlow" → "Dana Whitlow").
    pub fn resolve_name(&self, name: &str) -> Option<usize> {
        let tokens = words::tokens(name, 0);
        self.resolve_keys(&name_keys(&tokens))
    }

    pub fn name(&self, person: usize) -> Option<&str> {
        self.persons.get(person).map(|p| p.name.as_str())
    }

    pub fn gender(&self, person: usize) -> Gender {
        self.persons
            .get(person)
            .map_or(Gender::Unknown, |p| p.gender)
    }

    /// The person most recently given a role ("the director") before `at`.
    pub fn resolve_role(&self, role: &str, at: usize) -> Option<usize> {
        let links = self.roles.get(role)?;
        let before = links.partition_point(|(pos, _)| *pos < at);
        before
            .checked_sub(1)
            .and_then(|i| links.get(i))
            .or_else(|| links.first())
            .map(|&(_, p)| p)
    }

    /// The organisation most recently mentioned before `at` (for "it said").
    pub fn last_org_before(&self, at: usize) -> Option<&str> {
        let index = self.orgs.partition_point(|(pos, _)| *pos < at);
        index
            .checked_sub(1)
            .and_then(|i| self.orgs.get(i))
            .filter(|(pos, _)| at - pos < 3000)
            .map(|(_, name)| name.as_str())
    }

    /// The organisation a noun such as "the agency" or "the company" stands for: the latest
    /// one named with that noun, or for a generic noun the one named just before.
    pub fn org_for_noun(&self, noun: &str, at: usize) -> Option<&str> {
        let index = self.orgs.partition_point(|(pos, _)| *pos < at);
        let recent = self.orgs.get(..index).unwrap_or(&[]).iter().rev().take(20);
        let generic = matches!(
            noun,
            "company" | "firm" | "charity" | "group" | "organisation" | "organization"
        );
        recent
            .clone()
            .filter(|(pos, _)| at - pos < 1500)
            .find(|(_, name)| name.to_lowercase().split_whitespace().any(|w| w == noun))
            .or_else(|| recent.take(1).find(|(pos, _)| generic && at - pos < 500))
            .map(|(_, name)| name.as_str())
    }

    /// The organisation whose initials an acronym spells ("HSA" → "Harbour Safety
    /// Agency").
    pub fn org_for_acronym(&self, acronym: &str) -> Option<&str> {
        if acronym.chars().count() < 2 || !acronym.chars().all(char::is_uppercase) {
            return None;
        }
        self.orgs
            .iter()
            .map(|(_, name)| name.as_str())
            .find(|name| {
                let initials: String = name
                    .split_whitespace()
                    .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
                    .filter_map(|w| w.chars().next())
                    .collect();
                initials == acronym
            })
    }

    /// Mentions in `from..to`, latest first.
    pub fn mentions_between(
        &self,
        from: usize,
        to: usize,
    ) -> impl Iterator<Item = (usize, usize)> + '_ {
        let lo = self.mentions.partition_point(|(pos, _)| *pos < from);
        let hi = self.mentions.partition_point(|(pos, _)| *pos < to);
        self.mentions
            .get(lo..hi)
            .unwrap_or(&[])
            .iter()
            .rev()
            .copied()
    }
}

/// "Tunisian", "Korean", "British": an adjective of nationality, not a given name.
fn is_demonym(word: &str) -> bool {
    word.chars().count() >= 7
        && ["ian", "ese", "ish", "ean", "can", "ani"]
            .iter()
            .any(|s| word.ends_with(s))
        && words::given_name_gender(word) == Gender::Unknown
}

fn inside(spans: &[Span], at: usize) -> bool {
    let index = spans.partition_point(|s| s.close <= at);
    spans
        .get(index)
        .is_some_and(|s| s.open <= at && at < s.close)
}

/// Runs of name-shaped words, with the titles and roles before the name set apart.
fn capitalised_runs<'a>(tokens: &[Token<'a>]) -> Vec<Run<'a>> {
    let mut runs = Vec::new();
    let mut current: Vec<Token<'a>> = Vec::new();
    let mut index = 0;
    while let Some(token) = tokens.get(index) {
        let next = tokens.get(index + 1);
        let joins = is_name_word(token)
            || (is_initial(token) && next.is_some_and(|n| n.text == "."))
            || (!current.is_empty() && is_connector(token) && next.is_some_and(is_name_word))
            || (!current.is_empty() && token.text == "." && current.last().is_some_and(is_initial));
        let lone_stop_word = current.is_empty()
            && !next.is_some_and(is_name_word)
            && words::is_stop_word(token.text);
        if joins && lone_stop_word {
            index += 1;
            continue;
        }
        if joins {
            current.push(*token);
            let possessive = token.text.ends_with("’s") || token.text.ends_with("'s");
            if possessive && !next.is_some_and(is_name_word) {
                runs.push(std::mem::take(&mut current));
            }
        } else if !current.is_empty() {
            runs.push(std::mem::take(&mut current));
        }
        index += 1;
    }
    if !current.is_empty() {
        runs.push(current);
    }
    runs.into_iter()
        .flat_map(split_at_connectors)
        .map(|run| {
            let after_article = run.first().is_some_and(|first| {
                let index = tokens.partition_point(|t| t.start < first.start);
                index > 0
                    && tokens.get(index - 1).is_some_and(|t| {
                        matches!(
                            t.lower().as_ref(),
                            "the" | "der" | "die" | "das" | "le" | "la" | "el"
                        )
                    })
            });
            let mut run = split_titles(run);
            run.after_article = after_article;
            run
        })
        .collect()
}

/// "Ann Lee and Bo Park" are two names; "Committee on Intelligence and Security" is one.
fn split_at_connectors(tokens: Vec<Token<'_>>) -> Vec<Vec<Token<'_>>> {
    if tokens.iter().any(|t| words::is_org_word(t.text)) {
        return vec![tokens];
    }
    let mut parts = vec![Vec::new()];
    for token in tokens {
        let possessive = token.text.ends_with("’s") || token.text.ends_with("'s");
        if matches!(token.text, "and" | "of" | "on" | "for") {
            parts.push(Vec::new());
        } else if let Some(part) = parts.last_mut() {
            part.push(token);
        }
        // "KTV's Jo Lee": the possessor is not part of the name.
        if possessive {
            parts.push(Vec::new());
        }
    }
    parts.retain(|p| !p.is_empty());
    parts
}

fn split_titles(tokens: Vec<Token<'_>>) -> Run<'_> {
    let core = tokens
        .iter()
        .rposition(|t| {
            words::is_stop_word(t.text)
                || words::is_role_word(t.text)
                || t.is_acronym()
                || (t.is_word() && !t.is_capitalised() && !is_connector(t))
        })
        .map_or(0, |i| i + 1);
    let core = core
        + tokens
            .iter()
            .skip(core)
            .take_while(|t| !t.is_word())
            .count();
    Run {
        tokens,
        core,
        after_article: false,
    }
}

fn is_name_word(token: &Token) -> bool {
    token.is_word() && (token.is_capitalised() || token.is_acronym())
}

fn is_initial(token: &Token) -> bool {
    token.text.chars().count() == 1 && token.text.chars().all(char::is_uppercase)
}

fn is_connector(token: &Token) -> bool {
    matches!(
        token.text,
        "&" | "de"
            | "van"
            | "von"
            | "bin"
            | "al"
            | "da"
            | "di"
            | "du"
            | "der"
            | "den"
            | "del"
            | "la"
            | "le"
            | "of"
            | "on"
            | "and"
            | "for"
    )
}

fn is_honorific(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "mr" | "mrs" | "ms" | "miss" | "dr" | "sir" | "dame" | "herr" | "frau"
    )
}

/// Lowercased name words of a run's core, without initials, connectors or possessive.
fn name_keys(core: &[Token]) -> Vec<String> {
    core.iter()
        .filter(|t| t.is_word() && !is_initial(t) && !is_connector(t))
        .map(|t| {
            let lower = t.lower();
            lower
                .strip_suffix("’s")
                .or_else(|| lower.strip_suffix("'s"))
                .unwrap_or(&lower)
                .to_string()
        })
        .collect()
}

fn name_text(core: &[Token]) -> String {
    let mut name = String::new();
    for (index, token) in core.iter().enumerate() {
        if token.text == "." {
            name.push('.');
            continue;
        }
        if !name.is_empty() {
            name.push(' ');
        }
        let text = token.text;
        let last = index + 1 == core.len();
        let text = if last {
            text.strip_suffix("’s")
                .or_else(|| text.strip_suffix("'s"))
                .unwrap_or(text)
        } else {
            text
        };
        name.push_str(text);
    }
    name
}

fn is_org(run: &Run) -> bool {
    run.tokens.iter().any(|t| words::is_org_word(t.text))
}

fn is_place(run: &Run) -> bool {
    const PLACE: &[&str] = &[
        "north",
        "south",
        "east",
        "west",
        "new",
        "san",
        "los",
        "las",
        "great",
        "united",
        "puerto",
        "saint",
        "st",
        "fort",
        "mount",
        "lake",
        "lakes",
        "river",
        "street",
        "state",
        "states",
        "city",
        "county",
        "island",
        "islands",
        "republic",
        "kingdom",
        "avenue",
        "road",
        "square",
        "park",
        "coast",
        "valley",
        "bay",
        "beach",
        "hills",
        "mountains",
        "white",
        "arab",
        "islamic",
        "middle",
        "african",
        "american",
        "european",
        "asian",
        "western",
        "eastern",
        "northern",
        "southern",
        "central",
        "day",
        "year",
        "christmas",
        "thanksgiving",
        "awards",
        "award",
        "oscars",
        "prize",
        "cup",
        "games",
        "war",
        "world",
        "internet",
        "instagram",
        "twitter",
        "facebook",
        "tiktok",
        "youtube",
        "stories",
        "online",
    ];
    run.core_tokens()
        .iter()
        .any(|t| PLACE.contains(&t.lower().as_ref()))
}

fn org_name(run: &Run) -> String {
    let tokens = &run.tokens;
    let start = tokens
        .iter()
        .position(|t| t.text.ends_with("’s") || t.text.ends_with("'s"))
        .filter(|&i| i + 2 < tokens.len())
        .map_or(0, |i| i + 1);
    let start = if tokens.get(start).is_some_and(|t| t.text == "The") {
        start + 1
    } else {
        start
    };
    name_text(tokens.get(start..).unwrap_or(&[]))
}

fn title_gender(run: &Run) -> Option<Gender> {
    run.tokens
        .iter()
        .take(run.core)
        .find_map(|t| match t.lower().as_ref() {
            "mr" | "sir" | "lord" | "herr" | "monsieur" | "señor" | "king" | "prince" => {
                Some(Gender::Male)
            }
            "mrs" | "ms" | "miss" | "dame" | "lady" | "frau" | "madame" | "señora" | "queen"
            | "princess" => Some(Gender::Female),
            _ => None,
        })
}

/// The name as a role-free string: "attorney Melba Sandoval" → ("Melba Sandoval", "attorney").
pub fn split_role(tokens: &[Token]) -> (String, Option<String>) {
    let organisation = tokens.iter().any(|t| words::is_org_word(t.text));
    // "Jane Doe of Springfield", "Ann Lee and Bo Park": a person's name ends at a connector.
    let cut = if organisation {
        tokens.len()
    } else {
        tokens
            .iter()
            .position(|t| matches!(t.text, "of" | "on" | "and" | "for"))
            .unwrap_or(tokens.len())
    };
    let run = split_titles(tokens.get(..cut).unwrap_or(tokens).to_vec());
    let role: Vec<&str> = run
        .tokens
        .iter()
        .take(run.core)
        .filter(|t| {
            (words::is_role_word(t.text) || t.is_word() && !t.is_capitalised() && !t.is_acronym())
                && !is_honorific(t.text)
                && !words::is_stop_word(t.text)
        })
        .map(|t| t.text)
        .collect();
    let role = (!role.is_empty()).then(|| role.join(" "));
    let after_roles = run
        .tokens
        .iter()
        .rposition(|t| words::is_role_word(t.text) && !t.is_capitalised())
        .map_or(0, |i| i + 1);
    let org = run
        .tokens
        .iter()
        .skip(after_roles)
        .any(|t| words::is_org_word(t.text));
    let acronym_only = name_text(run.core_tokens()).is_empty()
        && !run.tokens.iter().any(|t| words::is_role_word(t.text));
    let core = if acronym_only {
        run.tokens
            .iter()
            .rev()
            .find(|t| t.is_acronym() || t.is_capitalised())
            .map_or_else(String::new, |t| t.text.to_string())
    } else if org {
        org_name(&run)
    } else {
        name_text(run.core_tokens())
    };
    (core, role)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::read_text;

    fn people(text: &str) -> People {
        let doc = read_text(text, None);
        let spans: Vec<Vec<Span>> = doc
            .blocks
            .iter()
            .map(|b| super::super::spans::find(doc.block_text(b)))
            .collect();
        People::collect(&doc, &spans)
    }

    #[test]
    fn surnames_and_first_names_resolve_to_the_fullest_name() {
        let p = people(
            "Star Dana Whitlow arrived. Later Patrick Ray Osei and Patrick Osei met Whitlow.",
        );
        let osei = p.resolve_name("Osei").and_then(|i| p.name(i));
        assert_eq!(osei, Some("Patrick Ray Osei"));
        assert_eq!(
            p.resolve_name("Dana").and_then(|i| p.name(i)),
            Some("Dana Whitlow")
        );
    }

    #[test]
    fn roles_and_gender() {
        let p = people(
            "The film’s director, Ola Brandt, was hurt. Mr Kowalczyk said nothing. Tamsin Reyes said she agreed.",
        );
        let director = p.resolve_role("director", 1000).and_then(|i| p.name(i));
        assert_eq!(director, Some("Ola Brandt"));
        let reyes = p.resolve_name("Reyes");
        assert_eq!(reyes.map(|i| p.gender(i)), Some(Gender::Female));
    }

    #[test]
    fn roles_are_split_from_names() {
        let tokens = words::tokens("attorney Melba Sandoval", 0);
        assert_eq!(
            split_role(&tokens),
            ("Melba Sandoval".to_string(), Some("attorney".to_string()))
        );
    }
}
