//! The people and organisations of one document, and every place they are mentioned.
//!
//! `read page → extract quotes` (names → `people` → frames → speakers): built once per
//! document from the [`names`](super::names) of every block. Full names become entities;
//! a shorter form ("Lee", "Ann", "Mr. Lee", "Black Elk") joins the entity it can only mean,
//! and where two people share it ("Ann Lee" and "Bo Lee") the nearest unambiguous mention
//! before it decides. Each entity keeps its fullest written name, its gender (from given
//! names, titles, gendered roles and the pronouns that follow it), its roles ("director
//! Ann Lee", "Ann Lee, the director,"), its age ("Ann Lee, 56,") and, for every mention,
//! whether it stood as the subject of its clause: what pronoun and role-noun resolution
//! weigh. Linear in the names of the document.

use super::lexicon::{Gender, Lexicon, WordMap};
use super::names::{self, CaseStats, Evidence, Name, NameKind};
use super::spans::Span;
use super::tokens::Token;
use crate::document::BlockKind;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// A block of the document as the extraction stages see it.
pub struct BlockView<'a> {
    pub index: usize,
    pub kind: BlockKind,
    /// Offset of the block in the document text.
    pub base: usize,
    pub text: &'a str,
    /// Quotation spans, relative to the block.
    pub spans: Vec<Span>,
    /// Sentences, relative to the block.
    pub sentences: Vec<Range<usize>>,
    /// Every token of the block, at absolute offsets.
    pub tokens: Vec<Token<'a>>,
}

impl BlockView<'_> {
    /// Whether the absolute offset `at` lies inside one of the block's quotations.
    pub fn quoted(&self, at: usize) -> bool {
        let relative = at.saturating_sub(self.base);
        let index = self.spans.partition_point(|s| s.close <= relative);
        self.spans
            .get(index)
            .is_some_and(|s| s.open <= relative && relative < s.close)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityKind {
    Person,
    Organisation,
}

/// One person or organisation of the document.
#[derive(Debug, Clone)]
pub struct Entity {
    /// The fullest written form of the name.
    pub name: String,
    /// Lowercased name words of that form.
    pub keys: Vec<String>,
    written_words: usize,
    pub kind: EntityKind,
    /// Evidence for the gender: positive male, negative female.
    gender_score: i32,
    /// The first role the document gives ("director").
    pub role: Option<String>,
    pub age: Option<u32>,
    /// Party and place the document gives ("Ann Lee, D-Minn.," "Lee, a Texas Republican,").
    pub party: Option<Party>,
    /// Mentions in the text.
    pub count: u32,
    /// Where the document first gives the full name.
    introduced: usize,
    /// A title or honorific stood before one of its mentions ("Mr. Lee", "Sen. Lee").
    titled: bool,
}

impl Entity {
    pub fn gender(&self) -> Gender {
        match self.gender_score {
            s if s > 0 => Gender::Male,
            s if s < 0 => Gender::Female,
            _ => Gender::Unknown,
        }
    }

    pub fn is_person(&self) -> bool {
        self.kind == EntityKind::Person
    }

    /// How surely the entity is a person at all: a full name with a given name, a title, a
    /// role or a gender is; a lone capitalised word ("Broadway", "Whiplash") hardly.
    fn personhood(&self) -> f32 {
        if !self.is_person() {
            return 0.0;
        }
        let evidence = self.titled || self.role.is_some() || self.gender_score != 0;
        match (self.keys.len() >= 2, evidence) {
            (true, true) => 1.0,
            (true, false) => 0.7,
            (false, true) => 0.8,
            (false, false) => 0.3,
        }
    }
}

/// One mention of an entity by name.
#[derive(Debug, Clone, Copy)]
pub struct Mention {
    pub at: usize,
    pub entity: usize,
    pub block: usize,
    /// Index of the sentence in the document.
    pub sentence: usize,
    /// The name stands as the subject of its clause ("Lee said", "Lee, who …").
    pub subject: bool,
    pub possessive: bool,
}

/// The document's people and organisations.
#[derive(Debug, Default)]
pub struct People {
    pub entities: Vec<Entity>,
    /// Mentions in text order: names, and the pronouns that open sentences.
    pub mentions: Vec<Mention>,
    by_last: WordMap<String, Vec<usize>>,
    by_first: WordMap<String, Vec<usize>>,
    /// Role heads linked to entities: role → (position, entity), in text order.
    roles: WordMap<String, Vec<(usize, usize)>>,
    /// Start offsets of the document's sentences, ascending.
    sentence_starts: Vec<usize>,
    /// Every name word of every entity.
    name_words: HashSet<String>,
}

/// How far back, in bytes and in blocks, a pronoun looks for the person it means.
const SALIENCE_REACH: usize = 3000;
const SALIENCE_BLOCKS: usize = 4;

/// How much more the subject of the sentence just before weighs for a pronoun.
const PARALLEL_SUBJECT: f32 = 2.0;

/// How many sentences back a full name decides which of two namesakes a surname means.
const RECENT_SENTENCES: usize = 2;

/// Weight of a mention's evidence for gender against a given name's.
const TITLE_GENDER: i32 = 4;
const ROLE_GENDER: i32 = 3;
const GIVEN_GENDER: i32 = 5;

impl People {
    /// Builds the model from the blocks of a document; `authors` are names the page gives
    /// outside its text (the authors of embedded posts), which may be the fullest form of
    /// a name ("Ann B. Lee" over "Ann Lee").
    pub fn collect(lexicon: &Lexicon, blocks: &[BlockView], authors: &[&str]) -> People {
        let mut stats = CaseStats::default();
        for block in blocks.iter().filter(|b| b.kind != BlockKind::Credit) {
            stats.add(&block.tokens);
        }
        let runs: Vec<names::Run> = blocks
            .iter()
            .filter(|b| b.kind != BlockKind::Credit && !names::is_title_case(lexicon, &b.tokens))
            .flat_map(|b| names::runs(lexicon, &b.tokens, &b.spans, b.base, b.index))
            .collect();
        let mut name_keys = HashSet::new();
        for run in &runs {
            names::full_name_keys(lexicon, run, &mut name_keys);
        }
        let evidence = Evidence {
            lexicon,
            stats: &stats,
            name_keys: &name_keys,
        };
        let found: Vec<Name> = runs
            .iter()
            .flat_map(|run| names::names_in(&evidence, run))
            .collect();
        let author_tokens: Vec<Vec<Token>> = authors
            .iter()
            .map(|author| super::tokens::tokens(author, 0))
            .collect();
        let author_names: Vec<Name> = author_tokens
            .iter()
            .flat_map(|tokens| names::runs(lexicon, tokens, &[], 0, usize::MAX))
            .flat_map(|run| names::names_in(&evidence, &run))
            .filter(|n| n.kind == NameKind::Person && n.keys.len() >= 2)
            .collect();
        let mut people = People {
            sentence_starts: blocks
                .iter()
                .flat_map(|b| b.sentences.iter().map(move |s| b.base + s.start))
                .collect(),
            ..People::default()
        };
        people.add_full_names(lexicon, found.iter().chain(&author_names));
        people.add_mentions(lexicon, &found, blocks);
        people.add_given_names_from_quotes(lexicon, blocks);
        people.add_narration_pronouns(lexicon, blocks);
        people.name_words = people
            .entities
            .iter()
            .flat_map(|e| e.keys.iter().cloned())
            .collect();
        people
    }

    /// Whether a word, wherever it stands, is a word of a name of the document's people
    /// ("Phoenix" after "Joaquin Phoenix", even where the word is also a city's).
    pub fn knows_word(&self, word: &str) -> bool {
        self.name_words.contains(&names::name_key(word))
    }

    /// "MSNBC’s “The Ann Lee Show”", "“I called Ann Lee,” he said", then only "Lee said":
    /// a person the text names by surname alone takes the given name written before that
    /// surname inside quotation marks, when there is just one.
    fn add_given_names_from_quotes(&mut self, lexicon: &Lexicon, blocks: &[BlockView]) {
        let surname_only: HashSet<&str> = self
            .entities
            .iter()
            .filter(|e| e.is_person() && e.keys.len() == 1)
            .filter_map(|e| e.keys.first().map(String::as_str))
            .collect();
        if surname_only.is_empty() {
            return;
        }
        let mut given_for: HashMap<String, Vec<String>> = HashMap::new();
        for block in blocks.iter().filter(|b| !b.spans.is_empty()) {
            for pair in block.tokens.windows(2) {
                let [given, surname] = pair else { continue };
                let at = given.start.saturating_sub(block.base);
                let quoted = block.spans.iter().any(|s| s.open < at && at < s.close);
                if !quoted || !surname.is_capitalised() || lexicon.given_name(given.text).is_none()
                {
                    continue;
                }
                let key = names::name_key(surname.text);
                if !surname_only.contains(key.as_str()) {
                    continue;
                }
                let givens = given_for.entry(key).or_default();
                if !givens.iter().any(|g| g == given.text) {
                    givens.push(given.text.to_string());
                }
            }
        }
        for e in self
            .entities
            .iter_mut()
            .filter(|e| e.is_person() && e.keys.len() == 1)
        {
            let Some([given]) = e
                .keys
                .first()
                .and_then(|k| given_for.get(k))
                .map(Vec::as_slice)
            else {
                continue;
            };
            e.name = format!("{given} {}", e.name);
            e.written_words += 1;
        }
    }

    /// "Lee met the council. She said …": a he or she that opens a sentence is a mention
    /// of the person it most likely means, so that the next pronoun can follow the chain.
    /// Resolved in text order, each with the mentions before it.
    fn add_narration_pronouns(&mut self, lexicon: &Lexicon, blocks: &[BlockView]) {
        let names = std::mem::take(&mut self.mentions);
        let mut merged = Vec::with_capacity(names.len());
        let mut next_name = names.into_iter().peekable();
        for block in blocks.iter().filter(|b| {
            matches!(
                b.kind,
                BlockKind::Paragraph | BlockKind::BlockQuote | BlockKind::ListItem
            )
        }) {
            for sentence in &block.sentences {
                let Some(opening) = opening_reference(lexicon, block, sentence) else {
                    continue;
                };
                let at = opening.at;
                while next_name.peek().is_some_and(|m| m.at < at) {
                    merged.extend(next_name.next());
                }
                let holder = opening
                    .role
                    .and_then(|role| self.role_holder(&role_head(lexicon, role), at));
                let entity = holder.or_else(|| {
                    // A role nobody was given: resolved like a pronoun only if titled or
                    // gendered ("the governor", "the actress").
                    let resolvable = opening.role.is_none_or(|role| {
                        lexicon
                            .role(role)
                            .is_some_and(|r| r.title || r.gender != Gender::Unknown)
                    });
                    resolvable
                        .then(|| self.salient(&merged, opening.gender, at, block.index, &[]))
                        .flatten()
                });
                if let Some(entity) = entity {
                    merged.push(Mention {
                        at,
                        entity,
                        block: block.index,
                        sentence: self.sentence_of(at),
                        subject: true,
                        possessive: false,
                    });
                }
            }
        }
        merged.extend(next_name);
        self.mentions = merged;
    }

    /// The person a pronoun (or a gendered role noun) at `at` most likely means: the people
    /// of `mentions` (sorted, all before `at`) and of the quotes attributed so far
    /// (`spoken`: position, entity, sentence), weighted by how recent they are (halved each
    /// sentence back), whether they stood as subjects, and whether they were the subject
    /// of the sentence just before (the pronoun continues it); among those of its gender,
    /// and as far as each is surely a person.
    pub fn salient(
        &self,
        mentions: &[Mention],
        gender: Gender,
        at: usize,
        block: usize,
        spoken: &[(usize, usize, usize)],
    ) -> Option<usize> {
        self.salient_within(
            mentions,
            gender,
            at,
            block,
            spoken,
            SALIENCE_REACH,
            SALIENCE_BLOCKS,
        )
        .or_else(|| {
            // Nobody of that gender in the last paragraphs: the one named further back.
            self.salient_within(
                mentions,
                gender,
                at,
                block,
                spoken,
                8 * SALIENCE_REACH,
                8 * SALIENCE_BLOCKS,
            )
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn salient_within(
        &self,
        mentions: &[Mention],
        gender: Gender,
        at: usize,
        block: usize,
        spoken: &[(usize, usize, usize)],
        reach: usize,
        blocks: usize,
    ) -> Option<usize> {
        let sentence = self.sentence_of(at);
        // The weight of each entity in each sentence: its strongest mention there, so that
        // a speaker quoted three times in a sentence counts once.
        let mut weights: Vec<(usize, usize, f32)> = Vec::new();
        let distance = |from: usize| sentence.saturating_sub(from).min(30);
        let mut weigh = |entity: usize, in_sentence: usize, mut weight: f32| {
            if distance(in_sentence) <= 1 && weight >= 2.0 {
                weight *= PARALLEL_SUBJECT;
            }
            weights.push((entity, in_sentence, weight));
        };
        let hi = mentions.partition_point(|m| m.at < at);
        let lo = mentions.partition_point(|m| m.at + reach < at);
        for mention in mentions.get(lo..hi).unwrap_or(&[]).iter().rev() {
            if mention.block + blocks < block {
                break;
            }
            let mut weight = if mention.subject { 2.0 } else { 1.0 };
            if mention.possessive {
                weight *= 0.5;
            }
            weigh(mention.entity, mention.sentence, weight);
        }
        for &(spoken_at, entity, spoken_sentence) in spoken.iter().rev() {
            if spoken_at + reach < at {
                break;
            }
            weigh(entity, spoken_sentence, 2.0);
        }
        // Sorted, so that each (entity, sentence) keeps its strongest weight and the sums
        // run in one order: the same document always gives the same answer.
        weights.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)).then(b.2.total_cmp(&a.2)));
        weights.dedup_by_key(|w| (w.0, w.1));
        let mut scores: Vec<(usize, f32)> = Vec::new();
        for (entity, in_sentence, weight) in weights {
            let decay = 0.5f32.powi(i32::try_from(distance(in_sentence)).unwrap_or(30));
            match scores.last_mut() {
                Some(last) if last.0 == entity => last.1 += weight * decay,
                _ => scores.push((entity, weight * decay)),
            }
        }
        scores
            .into_iter()
            .filter_map(|(entity, score)| {
                let found = self.entities.get(entity)?;
                if !gender.agrees(found.gender()) {
                    return None;
                }
                let certainty = if gender != Gender::Unknown && found.gender() == Gender::Unknown {
                    0.8
                } else {
                    1.0
                };
                let topic = 0.03 * f32::from(u16::try_from(found.count.min(20)).unwrap_or(20));
                let score = (score + topic) * certainty * found.personhood();
                (score > 0.0).then_some((entity, score))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(entity, _)| entity)
    }

    /// Entities from the names of two words or more, fullest first, so that "Ann Lee"
    /// joins "Ann Mary Lee" and "Black Elk" joins "Linda Black Elk".
    fn add_full_names<'n>(&mut self, lexicon: &Lexicon, found: impl Iterator<Item = &'n Name>) {
        let mut full: Vec<&Name> = found
            .filter(|n| n.kind == NameKind::Person && n.keys.len() >= 2 && n.keys.len() <= 5)
            .collect();
        full.sort_by_key(|n| std::cmp::Reverse((n.keys.len(), n.written_words)));
        for name in full {
            if let Some(entity) = self.same_person(lexicon, &name.keys) {
                if let Some(e) = self.entities.get_mut(entity)
                    && name.written_words > e.written_words
                    && name.keys.len() >= e.keys.len()
                {
                    e.name = name.display.clone();
                    e.written_words = name.written_words;
                }
                if let Some(e) = self.entities.get_mut(entity) {
                    e.introduced = e.introduced.min(name.start);
                }
                continue;
            }
            self.new_entity(lexicon, name, EntityKind::Person);
        }
    }

    /// The entity a full name is another form of.
    fn same_person(&self, lexicon: &Lexicon, keys: &[String]) -> Option<usize> {
        let (first, last) = (keys.first()?, keys.last()?);
        let candidates = self.by_last.get(last)?;
        candidates
            .iter()
            .copied()
            .find(|&i| {
                self.entities.get(i).is_some_and(|e| {
                    e.keys.first() == Some(first) && keys.iter().all(|k| e.keys.contains(k))
                })
            })
            .or_else(|| {
                // "Black Elk" after "Linda Black Elk": a multi-word surname, not a given name.
                if lexicon.given_name(first).is_some() {
                    return None;
                }
                candidates.iter().copied().find(|&i| {
                    self.entities
                        .get(i)
                        .is_some_and(|e| e.keys.len() > keys.len() && e.keys.ends_with(keys))
                })
            })
    }

    fn new_entity(&mut self, lexicon: &Lexicon, name: &Name, kind: EntityKind) -> usize {
        let index = self.entities.len();
        let given = name
            .keys
            .first()
            .filter(|_| kind == EntityKind::Person)
            .and_then(|k| lexicon.given_name(k))
            .unwrap_or(Gender::Unknown);
        let mut entity = Entity {
            name: name.display.clone(),
            keys: name.keys.clone(),
            written_words: name.written_words,
            kind,
            gender_score: 0,
            role: None,
            age: None,
            party: None,
            count: 0,
            introduced: name.start,
            titled: false,
        };
        vote(&mut entity, given, GIVEN_GENDER);
        self.entities.push(entity);
        if kind == EntityKind::Person {
            if let Some(last) = name.keys.last() {
                self.by_last.entry(last.clone()).or_default().push(index);
            }
            if let Some(first) = name.keys.first()
                && name.keys.len() >= 2
            {
                self.by_first.entry(first.clone()).or_default().push(index);
            }
        }
        index
    }

    /// Every name of the text becomes a mention of an entity, in text order.
    fn add_mentions(&mut self, lexicon: &Lexicon, found: &[Name], blocks: &[BlockView]) {
        // Full names first tell each person's gender ("his daughter Ivanka Lee"), so that a
        // "Mr. Lee" before them already knows which of the Lees he can be.
        let mut roles: Vec<RolesFound> = found
            .iter()
            .map(|name| match blocks.get(name.block) {
                Some(block) if name.kind == NameKind::Person => roles_around(lexicon, block, name),
                _ => RolesFound::default(),
            })
            .collect();
        let mut voted = vec![false; found.len()];
        for (index, name) in found.iter().enumerate() {
            if name.kind == NameKind::Person
                && name.keys.len() >= 2
                && let Some(block) = blocks.get(name.block)
                && let Some(entity) = self.same_person(lexicon, &name.keys)
                && let Some(around) = roles.get(index)
            {
                self.vote_gender(lexicon, block, name, around, entity);
                if let Some(slot) = voted.get_mut(index) {
                    *slot = true;
                }
            }
        }
        let mut last_seen: HashMap<usize, usize> = HashMap::new();
        for (index, name) in found.iter().enumerate() {
            let Some(block) = blocks.get(name.block) else {
                continue;
            };
            let entity = match name.kind {
                NameKind::Person => self
                    .link(&name.keys, name.title_gender, name.start, &last_seen)
                    .or_else(|| {
                        (name.keys.len() <= 5)
                            .then(|| self.new_entity(lexicon, name, EntityKind::Person))
                    }),
                NameKind::Organisation => Some(self.organisation(lexicon, name)),
                NameKind::Place | NameKind::Other => None,
            };
            let Some(entity) = entity else {
                continue;
            };
            // Every mention is evidence for the next: "Jeh Johnson … Johnson … Johnson".
            last_seen.insert(entity, name.start);
            let subject = is_subject(lexicon, block, name);
            let sentence = self.sentence_of(name.start);
            self.mentions.push(Mention {
                at: name.start,
                entity,
                block: name.block,
                sentence,
                subject,
                possessive: name.possessive,
            });
            if let Some(e) = self.entities.get_mut(entity) {
                e.count += 1;
                e.titled |= name.titled;
            }
            if self.entities.get(entity).is_some_and(Entity::is_person) {
                let around = roles.get_mut(index).map(std::mem::take).unwrap_or_default();
                if !voted.get(index).copied().unwrap_or(false) {
                    self.vote_gender(lexicon, block, name, &around, entity);
                }
                self.link_roles(lexicon, around, name, entity);
            }
        }
        self.mentions.sort_by_key(|m| m.at);
    }

    fn organisation(&mut self, lexicon: &Lexicon, name: &Name) -> usize {
        let display = name.display.trim_start_matches("The ").to_string();
        if let Some(index) = self
            .entities
            .iter()
            .position(|e| e.kind == EntityKind::Organisation && e.name == display)
        {
            return index;
        }
        let mut org = name.clone();
        org.display = display;
        self.new_entity(lexicon, &org, EntityKind::Organisation)
    }

    /// Persons a short name could mean: by surname (or the end of a multi-word surname),
    /// else by given name.
    fn candidates(&self, keys: &[String]) -> Vec<usize> {
        let Some(last) = keys.last() else {
            return Vec::new();
        };
        let fits = |e: &Entity| {
            e.is_person()
                && (e.keys.ends_with(keys)
                    || keys.len() >= 2
                        && e.keys.first() == keys.first()
                        && e.keys.last() == keys.last())
        };
        let mut found: Vec<usize> = self
            .by_last
            .get(last)
            .map(|list| {
                list.iter()
                    .copied()
                    .filter(|&i| self.entities.get(i).is_some_and(fits))
                    .collect()
            })
            .unwrap_or_default();
        if found.is_empty()
            && let [single] = keys
        {
            found = self.by_first.get(single).cloned().unwrap_or_default();
        }
        found
    }

    /// The entity a short name means at `at`: the only candidate, else among those that
    /// fit the honorific's gender the one named unambiguously in the last sentences, else
    /// the one the document introduced first (who, by the custom of news writing, keeps
    /// the bare surname).
    fn link(
        &self,
        keys: &[String],
        gender: Gender,
        at: usize,
        last_seen: &HashMap<usize, usize>,
    ) -> Option<usize> {
        let mut candidates = self.candidates(keys);
        if gender != Gender::Unknown {
            candidates.retain(|&i| {
                self.entities
                    .get(i)
                    .is_some_and(|e| e.gender().agrees(gender))
            });
        }
        match candidates.as_slice() {
            [] => None,
            [only] => Some(*only),
            _ => {
                let sentence = self.sentence_of(at);
                candidates
                    .iter()
                    .copied()
                    .filter_map(|i| last_seen.get(&i).map(|&p| (i, p)))
                    .filter(|&(_, p)| {
                        p <= at && sentence - self.sentence_of(p).min(sentence) <= RECENT_SENTENCES
                    })
                    .max_by_key(|&(_, p)| p)
                    .map(|(i, _)| i)
                    .or_else(|| {
                        candidates.iter().copied().min_by_key(|i| {
                            self.entities.get(*i).map_or(usize::MAX, |e| e.introduced)
                        })
                    })
            }
        }
    }

    /// Roles around a name: "Sen. Ann Lee", "attorney Ann Lee", "the director, Ann Lee,",
    /// "Ann Lee, the director,", "Ann Lee, 56,".
    fn link_roles(&mut self, lexicon: &Lexicon, found: RolesFound, name: &Name, entity: usize) {
        // "his wife, Ann,": a given name alone takes the family name of the relative.
        if found
            .heads
            .iter()
            .any(|h| lexicon.role(h).is_some_and(|r| r.kin))
        {
            self.take_family_name(entity, name.run_start);
        }
        if let Some(e) = self.entities.get_mut(entity) {
            if e.role.is_none() {
                e.role = found.text;
            }
            if e.age.is_none() {
                e.age = found.age;
            }
            if e.party.is_none() {
                e.party = found.party;
            }
        }
        for head in found.heads {
            self.roles
                .entry(head)
                .or_default()
                .push((name.start, entity));
        }
    }

    /// Votes for an entity's gender from one of its mentions: its title, its roles and the
    /// pronoun that follows it.
    fn vote_gender(
        &mut self,
        lexicon: &Lexicon,
        block: &BlockView,
        name: &Name,
        roles: &RolesFound,
        entity: usize,
    ) {
        if let Some(e) = self.entities.get_mut(entity) {
            vote(e, name.title_gender, TITLE_GENDER);
            for head in &roles.heads {
                if let Some(role) = lexicon.role(head) {
                    vote(e, role.gender, ROLE_GENDER);
                }
            }
        }
        self.vote_pronoun(lexicon, block, name, entity);
    }

    /// A person known by a given name alone, introduced as someone's relative, is named
    /// with the family name of the person last named in full before.
    fn take_family_name(&mut self, entity: usize, at: usize) {
        let single = self.entities.get(entity).is_some_and(|e| e.keys.len() == 1);
        if !single {
            return;
        }
        let family = self
            .mentions
            .iter()
            .rev()
            .take_while(|m| m.at + 2000 > at)
            .filter_map(|m| self.entities.get(m.entity))
            .find(|e| e.is_person() && e.keys.len() >= 2)
            .and_then(|e| e.name.rsplit(' ').next())
            .map(str::to_string);
        if let Some(family) = family
            && let Some(e) = self.entities.get_mut(entity)
            && !e.name.ends_with(&family)
        {
            e.name = format!("{} {family}", e.name);
        }
    }

    /// The first he/his or she/her after a name, in its sentence, votes for its gender.
    fn vote_pronoun(&mut self, lexicon: &Lexicon, block: &BlockView, name: &Name, entity: usize) {
        if name.possessive {
            return;
        }
        let tokens = &block.tokens;
        let from = tokens.partition_point(|t| t.start < name.end);
        for token in tokens.iter().skip(from).take(25) {
            if token.is_punct(&['.', '!', '?']) {
                break;
            }
            if block.quoted(token.start) {
                continue;
            }
            if token.is_capitalised() && lexicon.pronoun(token.text).is_none() {
                // Another name may own the pronoun that follows.
                if token.start > name.end + 1 && !lexicon.is_function_word(token.text) {
                    break;
                }
                continue;
            }
            let Some(pronoun) = lexicon.pronoun(token.text) else {
                continue;
            };
            if pronoun.plural || pronoun.neuter || pronoun.gender == Gender::Unknown {
                continue;
            }
            if let Some(e) = self.entities.get_mut(entity) {
                vote(e, pronoun.gender, 1);
            }
            break;
        }
    }

    /// Index of the sentence holding `at`.
    pub fn sentence_of(&self, at: usize) -> usize {
        self.sentence_starts
            .partition_point(|&s| s <= at)
            .saturating_sub(1)
    }

    pub fn name(&self, entity: usize) -> Option<&str> {
        self.entities.get(entity).map(|e| e.name.as_str())
    }

    pub fn entity(&self, entity: usize) -> Option<&Entity> {
        self.entities.get(entity)
    }

    /// The mention that heads the words in `range`: the last person named there ("MSNBC
    /// host Ann Lee" → Ann Lee), else the last organisation.
    pub fn mention_in(&self, range: Range<usize>) -> Option<&Mention> {
        let lo = self.mentions.partition_point(|m| m.at < range.start);
        let hi = self.mentions.partition_point(|m| m.at < range.end);
        let within = self.mentions.get(lo..hi).unwrap_or(&[]);
        within
            .iter()
            .rev()
            .find(|m| self.entities.get(m.entity).is_some_and(Entity::is_person))
            .or_else(|| within.last())
    }

    /// The person a name as written refers to at `at` ("Lee", "Mr. Lee", "Ann Lee").
    pub fn resolve_name(&self, lexicon: &Lexicon, name: &str, at: usize) -> Option<usize> {
        let tokens = super::tokens::tokens(name, 0);
        let mut gender = Gender::Unknown;
        let keys: Vec<String> = tokens
            .iter()
            .filter(|t| t.is_word() && !t.is_initial())
            .filter(|t| {
                if let Some(role) = lexicon.role(t.text).filter(|r| r.title || r.honorific) {
                    if role.gender != Gender::Unknown {
                        gender = role.gender;
                    }
                    return false;
                }
                !lexicon.is_particle(t.text)
            })
            .map(|t| names::name_key(t.text))
            .collect();
        if keys.is_empty() {
            return None;
        }
        if keys.len() >= 2
            && let Some(entity) = self.same_person(lexicon, &keys)
        {
            return Some(entity);
        }
        let mut last_seen = HashMap::new();
        for mention in self.mentions.iter().take_while(|m| m.at < at) {
            last_seen.insert(mention.entity, mention.at);
        }
        self.link(&keys, gender, at, &last_seen).or_else(|| {
            self.entities
                .iter()
                .position(|e| e.kind == EntityKind::Organisation && e.keys == keys)
        })
    }

    /// The person most recently given a role ("the director") before `at`, else the first
    /// one given it after.
    pub fn role_holder(&self, role: &str, at: usize) -> Option<usize> {
        let links = self.roles.get(role)?;
        let before = links.partition_point(|(pos, _)| *pos < at);
        before
            .checked_sub(1)
            .and_then(|i| links.get(i))
            .or_else(|| links.first())
            .map(|&(_, p)| p)
    }

    /// The people whose party and place the document gave as `party`.
    pub fn of_party(&self, party: &Party) -> Vec<usize> {
        self.entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.party.as_ref().is_some_and(|p| p.agrees(party)))
            .map(|(i, _)| i)
            .collect()
    }

    /// The person whose age the document gave ("Ann Lee, 56," → "the 56-year-old").
    pub fn of_age(&self, age: u32) -> Option<usize> {
        let mut found = self
            .entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.age == Some(age));
        let first = found.next().map(|(i, _)| i);
        found.next().is_none().then_some(first).flatten()
    }

    /// Mentions in `from..to`, latest first.
    pub fn mentions_between(&self, from: usize, to: usize) -> impl Iterator<Item = &Mention> + '_ {
        let lo = self.mentions.partition_point(|m| m.at < from);
        let hi = self.mentions.partition_point(|m| m.at < to);
        self.mentions.get(lo..hi).unwrap_or(&[]).iter().rev()
    }

    /// The organisation most recently named before `at` (for "it said"): one named in
    /// full before one named by an acronym.
    pub fn organisation_before(&self, at: usize, reach: usize) -> Option<usize> {
        let mut organisations = self
            .mentions_between(at.saturating_sub(reach), at)
            .filter(|m| {
                self.entities
                    .get(m.entity)
                    .is_some_and(|e| e.kind == EntityKind::Organisation)
            })
            .map(|m| m.entity)
            .peekable();
        let nearest = organisations.peek().copied();
        organisations
            .find(|&e| self.entities.get(e).is_some_and(|e| e.keys.len() >= 2))
            .or(nearest)
    }

    /// The organisation a noun such as "the agency" stands for: the latest one named with
    /// that noun, or for a generic noun the one named just before.
    pub fn organisation_for_noun(&self, noun: &str, at: usize) -> Option<usize> {
        let generic = matches!(
            noun,
            "company" | "firm" | "charity" | "group" | "organisation" | "organization"
        );
        let mut recent = self
            .mentions_between(at.saturating_sub(1500), at)
            .filter(|m| {
                self.entities
                    .get(m.entity)
                    .is_some_and(|e| e.kind == EntityKind::Organisation)
            })
            .take(20)
            .peekable();
        let nearest = recent.peek().copied();
        recent
            .find(|m| {
                self.entities
                    .get(m.entity)
                    .is_some_and(|e| e.keys.iter().any(|k| k == noun))
            })
            .or(nearest.filter(|m| generic && at - m.at < 500))
            .map(|m| m.entity)
    }

    /// The organisation that was the subject of the sentence just before `at`: "The Writers
    /// Guild applauded the deal. “…,” the union said".
    pub fn subject_organisation_before(&self, at: usize) -> Option<usize> {
        let sentence = self.sentence_of(at);
        self.mentions_between(at.saturating_sub(SALIENCE_REACH), at)
            .take_while(|m| sentence - m.sentence.min(sentence) <= 1)
            .filter(|m| m.subject)
            .find(|m| {
                self.entities
                    .get(m.entity)
                    .is_some_and(|e| e.kind == EntityKind::Organisation)
            })
            .map(|m| m.entity)
    }

    /// The organisation whose initials an acronym spells ("HSA" → "Harbour Safety
    /// Agency"), or that starts with a word ("United" → "United Airlines").
    pub fn organisation_for_short_name(&self, short: &str) -> Option<usize> {
        let lower = short.to_lowercase();
        let acronym = short.chars().count() >= 2 && short.chars().all(char::is_uppercase);
        self.entities.iter().position(|e| {
            if e.kind != EntityKind::Organisation || e.keys.len() < 2 {
                return false;
            }
            if acronym {
                let initials: String = e
                    .name
                    .split_whitespace()
                    .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
                    .filter_map(|w| w.chars().next())
                    .collect();
                initials == short
            } else {
                e.keys.first() == Some(&lower)
            }
        })
    }
}

fn vote(entity: &mut Entity, gender: Gender, weight: i32) {
    match gender {
        Gender::Male => entity.gender_score += weight,
        Gender::Female => entity.gender_score -= weight,
        Gender::Unknown => {}
    }
}

fn role_head(lexicon: &Lexicon, word: &str) -> String {
    lexicon
        .role(word)
        .and_then(|r| r.canonical.as_deref().map(str::to_string))
        .unwrap_or_else(|| {
            let lower = word.trim_end_matches('.').to_lowercase();
            lower.rsplit('-').next().unwrap_or(&lower).to_string()
        })
}

/// The roles the text gives a name: their heads ("senator" for "Sen."), the role as
/// written, and an age.
#[derive(Debug, Default)]
struct RolesFound {
    heads: Vec<String>,
    text: Option<String>,
    age: Option<u32>,
    party: Option<Party>,
}

/// A politician's party and place: "D-Minn." (a party's initial and an abbreviation), "a
/// Texas Republican", "the Minnesota Democrat".
#[derive(Debug, Clone, PartialEq)]
pub struct Party {
    /// The party's initial, upper case: 'D', 'R', 'I'.
    pub initial: char,
    /// The place in lowercase letters only: "minn", "texas", "southcarolina".
    pub place: String,
}

impl Party {
    /// "D-Minn", "R-S.C": an initial, a hyphen, a place written short.
    fn from_tag(text: &str) -> Option<Party> {
        let (initial, place) = text.split_once('-')?;
        let mut chars = initial.chars();
        let initial = chars.next().filter(char::is_ascii_uppercase)?;
        if chars.next().is_some() || !place.starts_with(|c: char| c.is_ascii_uppercase()) {
            return None;
        }
        Party::new(initial, place)
    }

    /// A party from a demonym's initial and the place written before it ("Texas",
    /// "Republican").
    pub fn new(initial: char, place: &str) -> Option<Party> {
        let place: String = place
            .chars()
            .filter(char::is_ascii_alphabetic)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        (!place.is_empty() && place.len() <= 20).then_some(Party {
            initial: initial.to_ascii_uppercase(),
            place,
        })
    }

    /// The same party and place, one written short: "minn" in "minnesota", "sc" in
    /// "southcarolina" (the short form's letters in order, the first one first).
    pub fn agrees(&self, other: &Party) -> bool {
        let (short, long) = if self.place.len() <= other.place.len() {
            (&self.place, &other.place)
        } else {
            (&other.place, &self.place)
        };
        let mut rest = long.chars();
        self.initial == other.initial
            && short.chars().next() == long.chars().next()
            && short.chars().all(|c| rest.any(|l| l == c))
    }
}

/// Roles around a name: its own title ("Sen. Ann Lee"), lowercase roles before it
/// ("attorney Ann Lee"), a role before a comma ("the director, Ann Lee"), an appositive
/// after it ("Ann Lee, 56, the director,").
fn roles_around(lexicon: &Lexicon, block: &BlockView, name: &Name) -> RolesFound {
    let mut found = RolesFound {
        heads: name.role_heads.clone(),
        text: name.role.clone(),
        age: None,
        party: None,
    };
    let person_role = |t: &Token| {
        t.is_word()
            && !t.is_capitalised()
            && lexicon
                .role(t.text)
                .is_some_and(|r| !r.honorific && !r.organisation)
    };
    let tokens = &block.tokens;
    let start = tokens.partition_point(|t| t.start < name.run_start);
    // Lowercase role words just before the run: "attorney Ann Lee", "press secretary".
    let mut k = start;
    let mut before = Vec::new();
    while k > 0
        && let Some(t) = tokens.get(k - 1)
        && (person_role(t) || t.is_word() && lexicon.is_demonym(t.text) && before.is_empty())
        && before.len() < 3
    {
        if person_role(t) {
            before.push(*t);
        }
        k -= 1;
    }
    if let Some(head) = before.first() {
        found.heads.push(role_head(lexicon, head.text));
        if found.text.is_none() {
            before.reverse();
            found.text = Some(before.iter().map(|t| t.text).collect::<Vec<_>>().join(" "));
        }
    }
    if start >= 2
        && tokens.get(start - 1).is_some_and(|t| t.text == ",")
        && let Some(role) = role_before_comma(lexicon, tokens, start - 1)
    {
        found.heads.push(role_head(lexicon, role.text));
        found.text.get_or_insert_with(|| role.text.to_lowercase());
    }
    let end = tokens.partition_point(|t| t.start < name.end);
    if tokens.get(end).is_some_and(|t| t.text == "(") {
        found.party = tokens.get(end + 1).and_then(|t| Party::from_tag(t.text));
    }
    if tokens.get(end).is_some_and(|t| t.text == ",") {
        for (k, token) in tokens.iter().enumerate().skip(end + 1).take(8) {
            if let Some(party) = Party::from_tag(token.text)
                .or_else(|| party_epithet(lexicon, tokens.get(end + 1..k)?, token))
            {
                found.party.get_or_insert(party);
                continue;
            }
            if token.is_punct(&['.', ';', '!', '?', '“', '”', '"']) {
                break;
            }
            if let Ok(age) = token.text.parse::<u32>()
                && (1..120).contains(&age)
            {
                found.age.get_or_insert(age);
                continue;
            }
            if token.text == "," {
                continue;
            }
            if person_role(token) {
                found.heads.push(role_head(lexicon, token.text));
                found.text.get_or_insert_with(|| token.text.to_lowercase());
                break;
            }
            if lexicon.cue(token.text).is_some() {
                break;
            }
        }
    }
    found
}

/// "a Texas Republican": the place words before a party's demonym.
fn party_epithet(lexicon: &Lexicon, before: &[Token], demonym: &Token) -> Option<Party> {
    if !demonym.is_capitalised() || !lexicon.is_demonym(demonym.text) {
        return None;
    }
    let capitalised = before
        .iter()
        .rev()
        .take_while(|t| t.is_capitalised())
        .count();
    let place: Vec<&str> = before
        .get(before.len() - capitalised..)?
        .iter()
        .map(|t| t.text)
        .collect();
    let initial = demonym.text.chars().next()?;
    (!place.is_empty()).then(|| Party::new(initial, &place.concat()))?
}

/// The role heading the phrase that ends at the comma `comma`: the role word itself
/// ("the director, Ann Lee"), or one right after the determiner that opens the phrase
/// ("the Russian journalist, winner of the prize, …" is not read; "El periodista ruso
/// laureado con el premio, Ann Lee" is).
fn role_before_comma<'t>(
    lexicon: &Lexicon,
    tokens: &'t [Token],
    comma: usize,
) -> Option<&'t Token<'t>> {
    let is_role = |t: &Token| {
        t.is_word()
            && !t.is_capitalised()
            && lexicon
                .role(t.text)
                .is_some_and(|r| !r.honorific && !r.organisation)
    };
    let last = tokens.get(comma.checked_sub(1)?)?;
    if is_role(last) {
        return Some(last);
    }
    let from = comma.saturating_sub(16);
    let opening = (from..comma)
        .rev()
        .find(|&k| {
            tokens
                .get(k)
                .is_some_and(|t| t.is_punct(&[',', '.', ';', ':', '!', '?', '(', '“', '"']))
        })
        .map_or(from, |k| k + 1);
    // "Según el portavoz de la empresa, Luis Gómez": a determiner and a role in the phrase.
    let phrase = tokens.get(opening..comma)?;
    phrase
        .iter()
        .enumerate()
        .filter(|(_, t)| lexicon.is_determiner(t.text))
        .find_map(|(k, _)| {
            phrase
                .get(k + 1..(k + 4).min(phrase.len()))?
                .iter()
                .find(|t| is_role(t))
        })
}

/// Who opens a sentence outside quotation marks without a name: a he or she ("But she
/// said …") or a definite role noun ("The Ohio governor said …").
struct Opening<'r> {
    at: usize,
    gender: Gender,
    /// The role's head, for a role noun.
    role: Option<&'r str>,
}

fn opening_reference<'r>(
    lexicon: &Lexicon,
    block: &'r BlockView,
    sentence: &Range<usize>,
) -> Option<Opening<'r>> {
    let start = block.base + sentence.start;
    let end = block.base + sentence.end;
    let first = block.tokens.partition_point(|t| t.start < start);
    let words = block.tokens.get(first..)?;
    let mut index = 0;
    while let Some(token) = words.get(index).filter(|t| t.start < end) {
        if block.quoted(token.start) || index >= 4 {
            return None;
        }
        if !token.is_word() || lexicon.is_conjunction(token.text) || lexicon.is_filler(token.text) {
            index += 1;
            continue;
        }
        if let Some(pronoun) = lexicon.pronoun(token.text) {
            return (pronoun.subject
                && !pronoun.plural
                && !pronoun.neuter
                && pronoun.gender != Gender::Unknown)
                .then_some(Opening {
                    at: token.start,
                    gender: pronoun.gender,
                    role: None,
                });
        }
        // "The Ohio governor", "The veteran coach": a definite role of a person.
        if lexicon.is_determiner(token.text) && !lexicon.is_indefinite(token.text) {
            let offset = words.get(index + 1..index + 4)?.iter().position(|t| {
                !t.is_capitalised()
                    && lexicon
                        .role(t.text)
                        .is_some_and(|r| !r.honorific && !r.organisation)
            })?;
            let head = words.get(index + 1 + offset)?;
            // "Le Premier ministre Ann Lee": the role of a name given right there.
            let named = words
                .get(index + 2 + offset)
                .is_some_and(|t| t.is_capitalised() && !lexicon.is_role(t.text));
            if named {
                return None;
            }
            let role = lexicon.role(head.text)?;
            return Some(Opening {
                at: token.start,
                gender: role.gender,
                role: Some(head.text),
            });
        }
        return None;
    }
    None
}

/// Whether a name stands as the subject of its clause: at the clause's start, and
/// followed by a verb, a comma or an auxiliary rather than a preposition.
fn is_subject(lexicon: &Lexicon, block: &BlockView, name: &Name) -> bool {
    if name.possessive {
        return false;
    }
    let tokens = &block.tokens;
    let run_start = tokens.partition_point(|t| t.start < name.run_start);
    let end = tokens.partition_point(|t| t.start < name.end);
    // "“…,” said Ann Lee.", "si è detto Matteo Salvini.": the subject after its verb of
    // saying.
    let after_cue = run_start
        .checked_sub(1)
        .and_then(|i| tokens.get(i))
        .is_some_and(|t| {
            !t.is_capitalised()
                && lexicon
                    .cue(t.text)
                    .is_some_and(|c| !c.addressee && !c.source)
        })
        && tokens
            .get(end)
            .is_none_or(|t| t.is_punct(&['.', ',', ';', '!', '?']));
    if after_cue {
        return true;
    }
    let start = qualified_start(lexicon, tokens, run_start);
    // "The Writers Guild of America applauded": an article opens the name.
    let start = match start.checked_sub(1).and_then(|i| tokens.get(i)) {
        Some(article)
            if lexicon.is_determiner(&article.lower())
                && !lexicon.is_indefinite(&article.lower()) =>
        {
            start - 1
        }
        _ => start,
    };
    // "Then there’s Lee.": a person brought on stage is the topic, like a subject.
    let existential = tokens.get(start.wrapping_sub(1)).is_some_and(|t| {
        matches!(
            t.text,
            "there’s" | "there's" | "Here’s" | "Here's" | "here’s" | "here's" | "Enter"
        )
    });
    let opens = start == 0
        || existential
        || tokens.get(start - 1).is_some_and(|t| {
            !t.is_word() && !t.is_punct(&['('])
                || lexicon.is_conjunction(t.text)
                || lexicon.is_subordinator(t.text)
        });
    // "Lee at the National Review agreed": a prepositional phrase before the verb.
    let end = past_prepositional_phrase(lexicon, tokens, end);
    let next = tokens.get(end);
    // "Lee -- a pollster -- said", "Lee (R-Ohio) said": an aside before the verb.
    let verb_like = next.is_some_and(|t| {
        t.is_punct(&[',', '—', '–', '-', '(', '.'])
            || t.is_word()
                && !t.is_capitalised()
                && (lexicon.cue(t.text).is_some()
                    || lexicon.is_filler(t.text)
                    || !lexicon.is_function_word(t.text)
                    || matches!(
                        t.text,
                        "is" | "was" | "has" | "had" | "will" | "would" | "who"
                    ))
    });
    opens && verb_like
}

/// Where the phrase naming someone starts when lowercase roles and the capitalised words
/// qualifying them stand before the name ("DUP Balmoral councillor Ann Lee said"), else
/// `start`.
fn qualified_start(lexicon: &Lexicon, tokens: &[Token], start: usize) -> usize {
    let lowercase =
        |t: &Token| t.is_word() && t.text.chars().next().is_some_and(char::is_lowercase);
    // "councillor", "escritor e historiador norte-americano": roles, their modifiers and
    // the words joining them.
    let role_word = |t: &Token| {
        lowercase(t)
            && lexicon.cue(t.text).is_none()
            && (!lexicon.is_function_word(t.text) || lexicon.is_conjunction(t.text))
    };
    let mut k = start;
    let mut roles = 0;
    while k > 0 && start - k < 5 && tokens.get(k - 1).is_some_and(role_word) {
        k -= 1;
        roles += usize::from(
            tokens
                .get(k)
                .is_some_and(|t| lexicon.role(t.text).is_some()),
        );
    }
    if roles == 0 {
        return start;
    }
    let roles_start = k;
    // "O escritor … Benjamin Moser", "The veteran coach Ann Lee": an article opens it.
    if let Some(article) = k.checked_sub(1).and_then(|i| tokens.get(i))
        && lexicon.is_determiner(&article.lower())
        && !lexicon.is_indefinite(&article.lower())
    {
        return k - 1;
    }
    while k > 0 && roles_start - k < 5 && tokens.get(k - 1).is_some_and(Token::is_capitalised) {
        k -= 1;
    }
    if k == roles_start { start } else { k }
}

/// Past a short prepositional phrase of names after a name ("at the National Review",
/// "of the city police"): the index of the word that follows it, else `end`.
fn past_prepositional_phrase(lexicon: &Lexicon, tokens: &[Token], end: usize) -> usize {
    let opens = tokens
        .get(end)
        .is_some_and(|t| matches!(t.text, "at" | "of" | "with" | "from" | "for" | "in"));
    if !opens {
        return end;
    }
    let mut k = end + 1;
    while k < end + 7
        && tokens.get(k).is_some_and(|t| {
            t.is_word() && (t.is_capitalised() || t.is_acronym() || lexicon.is_determiner(t.text))
        })
    {
        k += 1;
    }
    let named = k > end + 1
        && tokens
            .get(k - 1)
            .is_some_and(|t| t.is_capitalised() || t.is_acronym());
    if named { k } else { end }
}
