//! The words the extraction rules depend on, as data: one folder of plain-text lists per
//! language under `src/extract/lexicon/`, embedded in the binary and parsed once.
//!
//! `read page → extract quotes` (lexicon → spans → sentences → names → frames → people):
//! every rule that asks "is this a verb of saying?", "can this word open a sentence without
//! being a name?", "is this a title, a role, a pronoun, a given name, a place?" asks the
//! [`Lexicon`] of the document's language. A language's lexicon is its own lists plus
//! English as the fallback; given names and places are shared by all languages, since a
//! French article quotes Germans and Americans too (`world_given_names.txt` holds those of
//! the languages without a folder). Adding a language is adding a folder to [`LANGUAGES`]
//! and a test.
//!
//! File format: one entry per line; `#` starts a comment; words of an entry are separated
//! by spaces; words starting with `:` are tags (`said :weak`, `actress :f`,
//! `sen :title :=senator`). Entries are matched in lower case.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// FNV-1a: a fast hash for short words (the lists are fixed, so no hash flooding).
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for byte in bytes {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

type Map<V> = HashMap<Box<str>, V, BuildHasherDefault<Fnv>>;

/// A map from words, hashed with [`Fnv`].
pub type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// The words after the first of a cue of several, and the cue.
type Phrase = (Box<[Box<str>]>, Cue);

/// Grammatical gender as far as the rules need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Gender {
    #[default]
    Unknown,
    Male,
    Female,
}

impl Gender {
    fn from_tags(tags: &[&str]) -> Gender {
        if tags.contains(&"m") {
            Gender::Male
        } else if tags.contains(&"f") {
            Gender::Female
        } else {
            Gender::Unknown
        }
    }

    /// Whether a mention of gender `self` may refer to an entity of gender `other`.
    pub fn agrees(self, other: Gender) -> bool {
        self == Gender::Unknown || other == Gender::Unknown || self == other
    }
}

/// What a verb of saying allows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cue {
    /// Also takes plain objects ("reported the figures"): attributes only with a person.
    pub weak: bool,
    /// Names or labels rather than quotes ("called it “a fraud”").
    pub naming: bool,
    /// A participle that attributes to the sentence's subject ("…, saying …").
    pub participle: bool,
    /// Its object is the hearer, never the speaker ("told the Gazette").
    pub addressee: bool,
    /// A preposition that introduces the source ("according to", "laut", "selon").
    pub source: bool,
    /// A postposition after the source ("Lee zufolge").
    pub after_source: bool,
}

/// A title or role noun.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Role {
    pub gender: Gender,
    /// Stands capitalised before a name ("President", "Sen.").
    pub title: bool,
    /// Mr, Mrs, Dr: a form of address, not a role to report.
    pub honorific: bool,
    /// A family relation ("her mother, Ann"), through which a first name takes a surname.
    pub kin: bool,
    /// Stands for an organisation ("the company said").
    pub organisation: bool,
    /// Part of a one-word name it stands before ("Lady Gaga", "Pope Francis").
    pub keep: bool,
    /// The full form of an abbreviation ("sen" → "senator").
    pub canonical: Option<Box<str>>,
}

/// A personal pronoun that can be the subject of a verb of saying.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pronoun {
    pub gender: Gender,
    pub plural: bool,
    /// "it", "es": an organisation or a thing.
    pub neuter: bool,
    /// Can stand as a subject ("he", "she"); otherwise only votes for gender ("his", "her").
    pub subject: bool,
}

/// The lists of one language (with the English fallback merged in).
#[derive(Debug, Default)]
pub struct Lexicon {
    /// The language whose folder the lists come from ("en" for the fallback).
    #[cfg_attr(not(test), allow(dead_code))]
    pub language: &'static str,
    cues: Map<Cue>,
    /// Cues of several words ("according to", "pointed out"): the first word maps to the
    /// rest of each phrase.
    phrases: Map<Vec<Phrase>>,
    /// Auxiliaries before a past participle of saying ("a dit", "ha detto", "hat gesagt").
    auxiliaries: Map<()>,
    /// Closed-class words that are never part of a name, even capitalised.
    function_words: Map<()>,
    /// Open-class words that often open a sentence or a headline but are not names.
    common_words: Map<()>,
    /// Weekdays and months.
    dates: Map<()>,
    roles: Map<Role>,
    /// Endings that make a compound a role ("Bundesverkehrsminister").
    role_endings: Vec<Box<str>>,
    pronouns: Map<Pronoun>,
    /// Adverbs and auxiliaries that may stand between a speaker and the cue.
    fillers: Map<()>,
    /// Words before a quoted title or term ("the film “Rust”").
    naming_words: Map<()>,
    /// Phrases that extend a cue ("in a statement").
    extensions: Vec<Box<str>>,
    /// Words that make a capitalised run an organisation.
    organisation_words: Map<()>,
    /// Words that make a capitalised run a place ("County", "Street").
    place_words: Map<()>,
    /// Adjectives of nationality, religion or party ("Mexican", "Republican").
    demonyms: Map<()>,
    /// Nouns for a speaker the text never names ("a spokesperson", "one resident").
    unnamed_heads: Map<()>,
    /// Texts that speak for whoever issued them ("the statement said").
    documents: Map<()>,
    /// Words of clause openers that a subject phrase may follow ("and", "but", "when").
    conjunctions: Map<()>,
    /// Subordinators after which a clause starts ("that", "who", "because", "dass").
    subordinators: Map<()>,
    /// Determiners ("the", "a", "his", "der", "le").
    determiners: Map<()>,
    /// Indefinite determiners: "a spokesperson" is never named.
    indefinites: Map<()>,
    /// Lowercase particles inside names ("de", "van", "bin").
    particles: Map<()>,
    /// The language's own given names, whose gender wins over other languages' ("Jan" is
    /// a man in Prague and often a woman in Phoenix).
    own_given_names: Map<Gender>,
    /// Prepositions that extend a role noun ("the president of the union").
    role_prepositions: Map<()>,
    /// Relative pronouns whose antecedent speaks ("the mayor, who said …").
    relatives: Map<()>,
    /// A verb of saying may stand without a subject ("“…”, dijo."): the speaker is the
    /// person the text is about.
    pro_drop: bool,
    /// Every noun is capitalised (German): a lone capitalised word is no sign of a name.
    nouns_capitalised: bool,
    /// The verb comes second and the subject may follow it ("Dann sagte die Ministerin").
    verb_second: bool,
}

/// The languages that have a lexicon folder, English first (the fallback).
pub const LANGUAGES: &[&str] = &["en", "de", "fr", "es", "it", "pt", "nl", "cs", "pl"];

/// The files of each language folder, in the order of [`FILES`].
macro_rules! language_files {
    ($lang:literal) => {
        [
            include_str!(concat!("lexicon/", $lang, "/cues.txt")),
            include_str!(concat!("lexicon/", $lang, "/function_words.txt")),
            include_str!(concat!("lexicon/", $lang, "/common_words.txt")),
            include_str!(concat!("lexicon/", $lang, "/roles.txt")),
            include_str!(concat!("lexicon/", $lang, "/pronouns.txt")),
            include_str!(concat!("lexicon/", $lang, "/grammar.txt")),
            include_str!(concat!("lexicon/", $lang, "/names.txt")),
            include_str!(concat!("lexicon/", $lang, "/given_names.txt")),
            include_str!(concat!("lexicon/", $lang, "/places.txt")),
        ]
    };
}

const FILES: usize = 9;

fn sources(language: &str) -> Option<[&'static str; FILES]> {
    Some(match language {
        "en" => language_files!("en"),
        "de" => language_files!("de"),
        "fr" => language_files!("fr"),
        "es" => language_files!("es"),
        "it" => language_files!("it"),
        "pt" => language_files!("pt"),
        "nl" => language_files!("nl"),
        "cs" => language_files!("cs"),
        "pl" => language_files!("pl"),
        _ => return None,
    })
}

/// Given names of the languages that have no folder, shared by all.
const WORLD_GIVEN_NAMES: &str = include_str!("lexicon/world_given_names.txt");

/// Given names with their gender, from every language's list and the world's.
static GIVEN_NAMES: LazyLock<Map<Gender>> = LazyLock::new(|| {
    let mut names = Map::default();
    let lists = LANGUAGES
        .iter()
        .filter_map(|language| sources(language).map(|files| files[7]))
        .chain([WORLD_GIVEN_NAMES]);
    for list in lists {
        for (name, tags) in entries(list) {
            let gender = Gender::from_tags(&tags);
            names
                .entry(name.into_boxed_str())
                .and_modify(|g: &mut Gender| {
                    if *g != gender {
                        *g = Gender::Unknown;
                    }
                })
                .or_insert(gender);
        }
    }
    names
});

/// Places from every language's gazetteer.
static PLACES: LazyLock<Map<()>> = LazyLock::new(|| {
    let mut places = Map::default();
    for language in LANGUAGES {
        if let Some(files) = sources(language) {
            for (place, _) in entries(files[8]) {
                places.insert(place.into_boxed_str(), ());
            }
        }
    }
    places
});

/// Each language's lexicon, built the first time a document of the language is read.
static LEXICONS: [LazyLock<Lexicon>; 9] = [
    LazyLock::new(|| Lexicon::build("en")),
    LazyLock::new(|| Lexicon::build("de")),
    LazyLock::new(|| Lexicon::build("fr")),
    LazyLock::new(|| Lexicon::build("es")),
    LazyLock::new(|| Lexicon::build("it")),
    LazyLock::new(|| Lexicon::build("pt")),
    LazyLock::new(|| Lexicon::build("nl")),
    LazyLock::new(|| Lexicon::build("cs")),
    LazyLock::new(|| Lexicon::build("pl")),
];

/// For a document of unknown language: English, with the verbs of saying of every
/// language (a short text may be in any of them).
static ANY_LANGUAGE: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut lexicon = Lexicon::build("en");
    for language in LANGUAGES.iter().skip(1) {
        if let Some(files) = sources(language) {
            for (word, tags) in entries(files[0]) {
                if !lexicon.cues.contains_key(word.as_str()) && !word.contains(' ') {
                    lexicon.add_cue(word, &tags);
                }
            }
        }
    }
    lexicon
});

/// The entries of a list file: each entry's words in lower case, joined by one space, and
/// its tags without the colon.
fn entries(file: &'static str) -> impl Iterator<Item = (String, Vec<&'static str>)> {
    file.lines().filter_map(|line| {
        let line = line.split('#').next().unwrap_or("");
        let mut words = Vec::new();
        let mut tags = Vec::new();
        for part in line.split_whitespace() {
            match part.strip_prefix(':') {
                Some(tag) => tags.push(tag),
                None => words.push(part.to_lowercase()),
            }
        }
        (!words.is_empty()).then(|| (words.join(" "), tags))
    })
}

impl Lexicon {
    /// The lexicon for a BCP 47 tag ("de-AT" → German); English for any other language,
    /// and English with every language's cues when the language is not known.
    pub fn for_language(tag: Option<&str>) -> &'static Lexicon {
        if tag.is_none() {
            return &ANY_LANGUAGE;
        }
        let primary = tag
            .and_then(|t| t.split(['-', '_']).next())
            .map(str::to_ascii_lowercase);
        let index = primary
            .and_then(|p| LANGUAGES.iter().position(|l| *l == p))
            .unwrap_or(0);
        let [english, ..] = &LEXICONS;
        LEXICONS.get(index).unwrap_or(english)
    }

    fn build(language: &'static str) -> Lexicon {
        let mut lexicon = Lexicon {
            language,
            ..Lexicon::default()
        };
        if let Some(files) = sources(language) {
            lexicon.add(files);
        }
        if language != "en"
            && let Some(english) = sources("en")
        {
            lexicon.add_fallback(english);
        }
        lexicon
    }

    fn add(&mut self, files: [&'static str; FILES]) {
        let [
            cues,
            function,
            common,
            roles,
            pronouns,
            grammar,
            names,
            given,
            _,
        ] = files;
        for (name, tags) in entries(given) {
            self.own_given_names
                .insert(name.into(), Gender::from_tags(&tags));
        }
        for (word, tags) in entries(cues) {
            self.add_cue(word, &tags);
        }
        for (word, tags) in entries(function) {
            if tags.contains(&"date") {
                self.dates.insert(word.clone().into(), ());
            }
            self.function_words.insert(word.into(), ());
        }
        for (word, _) in entries(common) {
            self.common_words.insert(word.into(), ());
        }
        for (word, tags) in entries(roles) {
            self.add_role(word, &tags);
        }
        for (word, tags) in entries(pronouns) {
            let pronoun = Pronoun {
                gender: Gender::from_tags(&tags),
                plural: tags.contains(&"pl"),
                neuter: tags.contains(&"n"),
                subject: tags.contains(&"subj"),
            };
            self.pronouns.insert(word.into(), pronoun);
        }
        for (word, tags) in entries(grammar) {
            self.add_grammar(word, &tags);
        }
        for (word, tags) in entries(names) {
            let set = match tags.first().copied() {
                Some("org") => &mut self.organisation_words,
                Some("place") => &mut self.place_words,
                Some("demonym") => &mut self.demonyms,
                Some("unnamed") => &mut self.unnamed_heads,
                Some("naming") => &mut self.naming_words,
                Some("document") => &mut self.documents,
                _ => continue,
            };
            set.insert(word.into(), ());
        }
    }

    /// English lists that every language keeps: its cues (English quotes appear in every
    /// press), titles and organisation words; not its function words, which are words of
    /// other languages too ("die", "also").
    fn add_fallback(&mut self, files: [&'static str; FILES]) {
        let [cues, _, _, roles, _, _, names, _, _] = files;
        for (word, tags) in entries(cues) {
            if !self.cues.contains_key(word.as_str()) && !word.contains(' ') {
                self.add_cue(word, &tags);
            }
        }
        for (word, tags) in entries(roles) {
            if !self.roles.contains_key(word.as_str()) {
                self.add_role(word, &tags);
            }
        }
        for (word, tags) in entries(names) {
            if tags.first() == Some(&"org") {
                self.organisation_words.insert(word.into(), ());
            }
        }
    }

    fn add_cue(&mut self, phrase: String, tags: &[&str]) {
        let cue = Cue {
            weak: tags.contains(&"weak") || tags.contains(&"naming"),
            naming: tags.contains(&"naming"),
            participle: tags.contains(&"participle"),
            addressee: tags.contains(&"addressee"),
            source: tags.contains(&"source"),
            after_source: tags.contains(&"after"),
        };
        if tags.contains(&"aux") {
            self.auxiliaries.insert(phrase.into(), ());
            return;
        }
        let mut words = phrase.split(' ');
        let first = words.next().unwrap_or("").to_string();
        let rest: Box<[Box<str>]> = words.map(Box::from).collect();
        if rest.is_empty() {
            self.cues.insert(first.into(), cue);
        } else {
            self.phrases
                .entry(first.into())
                .or_default()
                .push((rest, cue));
        }
    }

    fn add_role(&mut self, word: String, tags: &[&str]) {
        if let Some(ending) = word.strip_prefix('-') {
            self.role_endings.push(ending.into());
            return;
        }
        let canonical = tags.iter().find_map(|t| t.strip_prefix('=')).map(Box::from);
        let role = Role {
            gender: Gender::from_tags(tags),
            title: tags.contains(&"title") || tags.contains(&"hon"),
            honorific: tags.contains(&"hon"),
            kin: tags.contains(&"kin"),
            organisation: tags.contains(&"org"),
            keep: tags.contains(&"keep"),
            canonical,
        };
        self.roles.insert(word.into(), role);
    }

    fn add_grammar(&mut self, word: String, tags: &[&str]) {
        for tag in tags {
            let set = match *tag {
                "filler" => &mut self.fillers,
                "conj" => &mut self.conjunctions,
                "sub" => &mut self.subordinators,
                "det" => &mut self.determiners,
                "indef" => {
                    self.determiners.insert(word.clone().into(), ());
                    &mut self.indefinites
                }
                "particle" => &mut self.particles,
                "of" => &mut self.role_prepositions,
                "rel" => &mut self.relatives,
                "setting" => {
                    match word.as_str() {
                        "pro-drop" => self.pro_drop = true,
                        "nouns-capitalised" => self.nouns_capitalised = true,
                        "verb-second" => self.verb_second = true,
                        _ => {}
                    }
                    continue;
                }
                "ext" => {
                    self.extensions.push(word.clone().into());
                    continue;
                }
                _ => continue,
            };
            set.insert(word.clone().into(), ());
        }
    }

    /// The cue a single word is, if it is a verb of saying.
    pub fn cue(&self, word: &str) -> Option<Cue> {
        with_lower(word, |w| self.cues.get(w).copied())
    }

    /// A cue of several words starting with `words[0]` ("according to", "pointed out"):
    /// the cue and how many words it takes.
    pub fn phrase_cue<'w>(&self, words: impl Fn(usize) -> Option<&'w str>) -> Option<(Cue, usize)> {
        let first = words(0)?;
        let phrases = with_lower(first, |w| self.phrases.get(w))?;
        phrases.iter().find_map(|(rest, cue)| {
            rest.iter()
                .enumerate()
                .all(|(i, part)| {
                    words(i + 1)
                        .is_some_and(|w| w.eq_ignore_ascii_case(part) || w.to_lowercase() == **part)
                })
                .then_some((*cue, rest.len() + 1))
        })
    }

    pub fn is_auxiliary(&self, word: &str) -> bool {
        with_lower(word, |w| self.auxiliaries.contains_key(w))
    }

    pub fn is_function_word(&self, word: &str) -> bool {
        with_lower(word, |w| self.function_words.contains_key(w))
    }

    pub fn is_common_word(&self, word: &str) -> bool {
        with_lower(word, |w| self.common_words.contains_key(w))
    }

    pub fn is_date_word(&self, word: &str) -> bool {
        with_lower(word, |w| self.dates.contains_key(w))
    }

    /// The role or title a word is: exact, plural ("senators"), or a compound's ending
    /// ("Bundesverkehrsminister", "singer-guitarist").
    pub fn role(&self, word: &str) -> Option<&Role> {
        with_lower(word, |w| {
            let w = w.trim_end_matches('.');
            if let Some(role) = self.roles.get(w) {
                return Some(role);
            }
            if let Some(singular) = w.strip_suffix('s')
                && let Some(role) = self.roles.get(singular)
                && !role.honorific
                && (singular.len() > 3 || role.canonical.is_some())
            {
                return Some(role);
            }
            if let Some((_, last)) = w.rsplit_once('-')
                && let Some(role) = self
                    .roles
                    .get(last)
                    .or_else(|| last.strip_suffix('s').and_then(|s| self.roles.get(s)))
            {
                return Some(role);
            }
            let length = w.chars().count();
            self.role_endings
                .iter()
                .find(|ending| length >= ending.chars().count() + 3 && w.ends_with(&***ending))
                .and_then(|ending| self.roles.get(&**ending))
        })
    }

    pub fn is_role(&self, word: &str) -> bool {
        self.role(word).is_some()
    }

    pub fn pronoun(&self, word: &str) -> Option<Pronoun> {
        with_lower(word, |w| self.pronouns.get(w).copied())
    }

    pub fn is_filler(&self, word: &str) -> bool {
        with_lower(word, |w| self.fillers.contains_key(w))
    }

    pub fn is_naming_word(&self, word: &str) -> bool {
        with_lower(word, |w| self.naming_words.contains_key(w))
    }

    /// The extension of a cue that `rest` starts with ("in a statement"), as written.
    pub fn cue_extension<'r>(&self, rest: &'r str) -> Option<&'r str> {
        let trimmed = rest.trim_start();
        let lead = rest.len() - trimmed.len();
        self.extensions.iter().find_map(|ext| {
            let head = trimmed.get(..ext.len())?;
            let after = trimmed.get(ext.len()..)?;
            (head.eq_ignore_ascii_case(ext) && !after.starts_with(char::is_alphanumeric))
                .then(|| rest.get(..lead + ext.len()))
                .flatten()
        })
    }

    pub fn is_organisation_word(&self, word: &str) -> bool {
        with_lower(word, |w| self.organisation_words.contains_key(w))
    }

    pub fn is_place_word(&self, word: &str) -> bool {
        with_lower(word, |w| self.place_words.contains_key(w))
    }

    pub fn is_demonym(&self, word: &str) -> bool {
        with_lower(word, |w| {
            self.demonyms.contains_key(w)
                || w.strip_suffix('s')
                    .is_some_and(|s| self.demonyms.contains_key(s))
        })
    }

    pub fn is_unnamed_head(&self, word: &str) -> bool {
        with_lower(word, |w| {
            self.unnamed_heads.contains_key(w)
                || w.strip_suffix('s')
                    .is_some_and(|s| self.unnamed_heads.contains_key(s))
        })
    }

    pub fn is_document(&self, word: &str) -> bool {
        with_lower(word, |w| self.documents.contains_key(w))
    }

    pub fn is_conjunction(&self, word: &str) -> bool {
        with_lower(word, |w| self.conjunctions.contains_key(w))
    }

    pub fn is_subordinator(&self, word: &str) -> bool {
        with_lower(word, |w| self.subordinators.contains_key(w))
    }

    pub fn is_determiner(&self, word: &str) -> bool {
        with_lower(word, |w| self.determiners.contains_key(w))
    }

    pub fn is_indefinite(&self, word: &str) -> bool {
        with_lower(word, |w| self.indefinites.contains_key(w))
    }

    pub fn is_relative(&self, word: &str) -> bool {
        with_lower(word, |w| self.relatives.contains_key(w))
    }

    pub fn is_role_preposition(&self, word: &str) -> bool {
        with_lower(word, |w| self.role_prepositions.contains_key(w))
    }

    /// Whether the subject may follow the verb after an opening phrase.
    pub fn puts_verb_second(&self) -> bool {
        self.verb_second
    }

    /// Whether the language capitalises every noun.
    pub fn capitalises_nouns(&self) -> bool {
        self.nouns_capitalised
    }

    /// Whether a verb of saying may stand without a subject in this language.
    pub fn drops_subjects(&self) -> bool {
        self.pro_drop
    }

    pub fn is_particle(&self, word: &str) -> bool {
        self.particles.contains_key(word)
    }

    /// The gender of a given name, if it is one.
    pub fn given_name(&self, word: &str) -> Option<Gender> {
        with_lower(word, |w| {
            self.own_given_names
                .get(w)
                .or_else(|| GIVEN_NAMES.get(w))
                .copied()
        })
    }

    /// Whether the words (lower case, one space apart) name a place of the gazetteer.
    pub fn is_place(&self, name: &str) -> bool {
        with_lower(name, |w| PLACES.contains_key(w))
    }
}

/// Calls `f` with `word` in lower case, without allocating for short ASCII words.
pub fn with_lower<T>(word: &str, f: impl FnOnce(&str) -> T) -> T {
    if !word.bytes().any(|b| b.is_ascii_uppercase()) && word.is_ascii() {
        return f(word);
    }
    let mut buffer = [0u8; 32];
    if word.is_ascii()
        && let Some(slot) = buffer.get_mut(..word.len())
    {
        slot.copy_from_slice(word.as_bytes());
        slot.make_ascii_lowercase();
        if let Ok(lower) = std::str::from_utf8(slot) {
            return f(lower);
        }
    }
    if word.chars().any(char::is_uppercase) {
        f(&word.to_lowercase())
    } else {
        f(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_its_lists() {
        for language in LANGUAGES {
            let lexicon = Lexicon::for_language(Some(language));
            assert_eq!(lexicon.language, *language);
            assert!(lexicon.cues.len() > 20, "{language}: cues");
            assert!(
                lexicon.function_words.len() > 30,
                "{language}: function words"
            );
            assert!(lexicon.roles.len() > 20, "{language}: roles");
            assert!(
                lexicon
                    .pronouns
                    .values()
                    .any(|p| p.subject && p.gender == Gender::Female),
                "{language}: a she-pronoun"
            );
            assert!(lexicon.function_words.keys().all(|w| !w.is_empty()));
        }
    }

    #[test]
    fn every_file_uses_known_tags_and_lists_each_entry_once() {
        const KNOWN: [&[&str]; FILES] = [
            &[
                "weak",
                "naming",
                "participle",
                "addressee",
                "source",
                "after",
                "aux",
            ],
            &["date"],
            &[],
            &["m", "f", "title", "hon", "kin", "org", "keep"],
            &["m", "f", "pl", "n", "subj"],
            &[
                "filler", "conj", "sub", "det", "indef", "particle", "ext", "of", "rel", "setting",
            ],
            &["org", "place", "demonym", "unnamed", "naming", "document"],
            &["m", "f"],
            &[],
        ];
        for language in LANGUAGES {
            let files = sources(language).expect("every language has its files");
            for (file, known) in files.iter().zip(KNOWN) {
                let mut seen = std::collections::HashSet::new();
                for (entry, tags) in entries(file) {
                    for tag in &tags {
                        assert!(
                            known.contains(tag) || tag.starts_with('='),
                            "{language}: unknown tag :{tag} on {entry:?}"
                        );
                    }
                    assert!(
                        seen.insert((entry.clone(), tags.clone())),
                        "{language}: {entry:?} listed twice"
                    );
                }
            }
        }
    }

    #[test]
    fn tags_choose_the_language_and_english_is_the_fallback() {
        assert_eq!(Lexicon::for_language(Some("de-AT")).language, "de");
        assert_eq!(Lexicon::for_language(Some("pt_BR")).language, "pt");
        assert_eq!(Lexicon::for_language(Some("ja")).language, "en");
        assert_eq!(Lexicon::for_language(None).language, "en");
        assert!(Lexicon::for_language(None).cue("dijo").is_some());
        let german = Lexicon::for_language(Some("de"));
        assert!(german.cue("sagte").is_some());
        assert!(
            german.cue("said").is_some(),
            "English cues in every language"
        );
        assert!(Lexicon::for_language(Some("en")).cue("sagte").is_none());
    }

    #[test]
    fn roles_in_their_forms() {
        let english = Lexicon::for_language(Some("en"));
        assert!(english.is_role("Senators"));
        assert!(english.is_role("singer-guitarists"));
        assert_eq!(
            english.role("Sen.").and_then(|r| r.canonical.as_deref()),
            Some("senator")
        );
        assert_eq!(
            english.role("actress").map(|r| r.gender),
            Some(Gender::Female)
        );
        let german = Lexicon::for_language(Some("de"));
        assert!(german.is_role("Bundesverkehrsminister"));
    }

    #[test]
    fn given_names_and_places_are_shared() {
        let french = Lexicon::for_language(Some("fr"));
        assert_eq!(french.given_name("Margaret"), Some(Gender::Female));
        assert!(french.is_place("germany"));
    }
}
