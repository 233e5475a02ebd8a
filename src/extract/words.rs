//! Word tokens with byte offsets, and the word lists that tell names from other words.
//!
//! `read page → extract quotes` (spans → cues → attribution → speakers): the shared
//! vocabulary of the attribution and speaker stages. Pure and linear.

use std::borrow::Cow;
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// A lookup set over a constant word list, built once.
pub type WordSet = LazyLock<HashSet<&'static str, BuildHasherDefault<Fnv>>>;

/// Builds a [`WordSet`] from a constant list.
pub fn word_set(list: &'static [&'static str]) -> HashSet<&'static str, BuildHasherDefault<Fnv>> {
    list.iter().copied().collect()
}

/// FNV-1a: a fast hash for short constant words (the sets are fixed, so no hash flooding).
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

/// A word or a punctuation mark of a text, with its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

impl<'a> Token<'a> {
    pub fn is_word(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_alphanumeric)
    }

    pub fn is_punct(&self, marks: &[char]) -> bool {
        self.text.chars().next().is_some_and(|c| marks.contains(&c)) && !self.is_word()
    }

    /// The word in lower case, borrowed when it already is.
    pub fn lower(&self) -> Cow<'a, str> {
        if self.text.chars().any(char::is_uppercase) {
            Cow::Owned(self.text.to_lowercase())
        } else {
            Cow::Borrowed(self.text)
        }
    }

    /// Starts with a capital and is not all capitals (a name-shaped word).
    pub fn is_capitalised(&self) -> bool {
        let mut chars = self.text.chars();
        if !chars.next().is_some_and(char::is_uppercase) {
            return false;
        }
        let mut letters = chars.filter(|c| c.is_alphabetic()).peekable();
        letters.peek().is_none() || letters.any(char::is_lowercase)
    }

    /// "NBC", "NATO": capitals only, two letters or more.
    pub fn is_acronym(&self) -> bool {
        let mut count = 0;
        for c in self.text.chars().filter(|c| c.is_alphabetic()) {
            if !c.is_uppercase() {
                return false;
            }
            count += 1;
        }
        count >= 2
    }
}

/// `word` in lower case, borrowed when it already is.
pub fn lowercase(word: &str) -> Cow<'_, str> {
    if word.chars().any(char::is_uppercase) {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

/// Whether `set` holds `word` in lower case, without allocating for short ASCII words.
fn set_has(set: &HashSet<&'static str, BuildHasherDefault<Fnv>>, word: &str) -> bool {
    let mut buffer = [0u8; 24];
    if word.is_ascii() && word.len() <= buffer.len() {
        let Some(slot) = buffer.get_mut(..word.len()) else {
            return false;
        };
        slot.copy_from_slice(word.as_bytes());
        slot.make_ascii_lowercase();
        return std::str::from_utf8(slot).is_ok_and(|lower| set.contains(lower));
    }
    set.contains(&*lowercase(word))
}

/// Words and punctuation marks of `text`; offsets are shifted by `base`.
pub fn tokens(text: &str, base: usize) -> Vec<Token<'_>> {
    let mut found = Vec::with_capacity(text.len() / 5 + 1);
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut end = start + c.len_utf8();
        if c.is_alphanumeric() {
            while let Some(&(at, next)) = chars.peek() {
                let joiner = matches!(next, '’' | '\'' | '-' | '.' | '&' | '‑')
                    && text
                        .get(at + next.len_utf8()..)
                        .and_then(|r| r.chars().next())
                        .is_some_and(char::is_alphanumeric);
                if !(next.is_alphanumeric() || joiner) {
                    break;
                }
                end = at + next.len_utf8();
                chars.next();
            }
        }
        found.push(Token {
            text: text.get(start..end).unwrap_or(""),
            start: base + start,
            end: base + end,
        });
    }
    found
}

/// Pronouns that name one speaker, with their gender where they have one.
pub fn pronoun_gender(word: &str) -> Option<Gender> {
    match word {
        "he" | "er" | "il" | "él" | "lui" => Some(Gender::Male),
        "she" | "sie" | "elle" | "ella" | "lei" => Some(Gender::Female),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Gender {
    #[default]
    Unknown,
    Male,
    Female,
}

/// Capitalised words that start sentences or name things, never part of a person's name.
pub fn is_stop_word(word: &str) -> bool {
    const STOP: &[&str] = &[
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "of",
        "for",
        "and",
        "but",
        "or",
        "so",
        "if",
        "as",
        "after",
        "before",
        "when",
        "while",
        "with",
        "without",
        "by",
        "from",
        "to",
        "into",
        "however",
        "although",
        "though",
        "meanwhile",
        "still",
        "yet",
        "now",
        "then",
        "also",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "it",
        "its",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "his",
        "her",
        "their",
        "our",
        "my",
        "your",
        "who",
        "what",
        "which",
        "where",
        "why",
        "how",
        "not",
        "no",
        "yes",
        "all",
        "some",
        "many",
        "most",
        "more",
        "one",
        "two",
        "three",
        "both",
        "each",
        "every",
        "other",
        "another",
        "such",
        "just",
        "only",
        "even",
        "last",
        "next",
        "first",
        "new",
        "read",
        "related",
        "watch",
        "photo",
        "image",
        "video",
        "getty",
        "images",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "today",
        "yesterday",
        "tomorrow",
        "according",
        "despite",
        "during",
        "since",
        "until",
        "about",
        "over",
        "under",
        "between",
        "among",
        "through",
        "like",
        "unlike",
        "because",
        "instead",
        "earlier",
        "later",
        "once",
        "again",
        "speaking",
        "asked",
        "said",
        "says",
        "told",
        "der",
        "die",
        "das",
        "ein",
        "eine",
        "und",
        "aber",
        "doch",
        "auch",
        "nur",
        "vom",
        "von",
        "im",
        "mit",
        "für",
        "nach",
        "laut",
        "wie",
        "le",
        "la",
        "les",
        "un",
        "une",
        "el",
        "los",
        "las",
        "il",
        "lo",
        "analysis",
        "editorial",
        "opinion",
        "update",
        "breaking",
        "live",
        "exclusive",
        "advertisement",
        "sign",
        "share",
        "follow",
        "subscribe",
        "click",
        "see",
        "more",
        "well",
        "oh",
        "yeah",
        "thanks",
        "please",
        "dear",
        "hello",
        "god",
    ];
    static SET: WordSet = LazyLock::new(|| word_set(STOP));
    set_has(&SET, word)
}

/// Words that make a capitalised run an organisation rather than a person.
pub fn is_org_word(word: &str) -> bool {
    const ORG: &[&str] = &[
        "agency",
        "department",
        "ministry",
        "police",
        "union",
        "university",
        "college",
        "council",
        "committee",
        "association",
        "institute",
        "foundation",
        "company",
        "corp",
        "corporation",
        "inc",
        "ltd",
        "group",
        "party",
        "government",
        "office",
        "bureau",
        "commission",
        "court",
        "parliament",
        "congress",
        "senate",
        "museum",
        "airport",
        "airlines",
        "airways",
        "bank",
        "fund",
        "service",
        "services",
        "news",
        "times",
        "post",
        "press",
        "network",
        "church",
        "school",
        "hospital",
        "club",
        "league",
        "federation",
        "authority",
        "administration",
        "board",
        "centre",
        "center",
        "society",
        "trust",
        "organisation",
        "organization",
        "guild",
        "academy",
        "house",
        "tribunal",
        "force",
        "army",
        "navy",
        "forces",
        "agencies",
        "standards",
        "international",
        "bahn",
        "ministerium",
        "regierung",
        "partei",
        "polizei",
        "verband",
        "gmbh",
        "ag",
    ];
    static SET: WordSet = LazyLock::new(|| word_set(ORG));
    set_has(&SET, word)
}

/// Titles and roles that stand before a name ("attorney", "Prime Minister", "Dr").
pub fn is_role_word(word: &str) -> bool {
    const ROLES: &[&str] = &[
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "professor",
        "sir",
        "dame",
        "lord",
        "lady",
        "sen",
        "senator",
        "rep",
        "representative",
        "gov",
        "governor",
        "president",
        "minister",
        "prime",
        "chancellor",
        "secretary",
        "mayor",
        "judge",
        "justice",
        "chief",
        "patrol",
        "officer",
        "inspector",
        "sergeant",
        "sgt",
        "detective",
        "constable",
        "commissioner",
        "director",
        "attorney",
        "lawyer",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "meteorologist",
        "forecaster",
        "editor",
        "reporter",
        "correspondent",
        "actor",
        "actress",
        "star",
        "singer",
        "rapper",
        "producer",
        "cinematographer",
        "filmmaker",
        "creator",
        "writer",
        "author",
        "founder",
        "ceo",
        "chairman",
        "chairwoman",
        "chair",
        "manager",
        "leader",
        "opposition",
        "head",
        "captain",
        "coach",
        "general",
        "colonel",
        "lieutenant",
        "admiral",
        "commander",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "father",
        "rev",
        "reverend",
        "rabbi",
        "imam",
        "bishop",
        "archbishop",
        "cardinal",
        "ambassador",
        "envoy",
        "adviser",
        "advisor",
        "analyst",
        "economist",
        "scientist",
        "researcher",
        "expert",
        "historian",
        "photographer",
        "veteran",
        "widower",
        "widow",
        "mother",
        "wife",
        "husband",
        "son",
        "daughter",
        "sister",
        "brother",
        "member",
        "mp",
        "mep",
        "deputy",
        "vice",
        "assistant",
        "executive",
        "official",
        "sheriff",
        "prosecutor",
        "councillor",
        "councilman",
        "councilwoman",
        "speaker",
        "premier",
        "candidate",
        "activist",
        "campaigner",
        "founder",
        "boss",
        "host",
        "anchor",
        "comedian",
        "musician",
        "artist",
        "designer",
        "model",
        "player",
        "striker",
        "midfielder",
        "goalkeeper",
        "defender",
        "student",
        "teacher",
        "doctor",
        "nurse",
        "surgeon",
        "pilot",
        "resident",
        "owner",
        "co-founder",
        "co-star",
        "costar",
        "partner",
        "friend",
        "colleague",
        "spokesmen",
        "representative",
        "legislator",
        "lawmaker",
        "congressman",
        "congresswoman",
        "assemblyman",
        "assemblywoman",
        "delegate",
        "herr",
        "frau",
        "sprecher",
        "sprecherin",
        "chef",
        "chefin",
        "präsident",
        "präsidentin",
        "kanzler",
        "kanzlerin",
        "ministerin",
        "monsieur",
        "madame",
        "señor",
        "señora",
        "signor",
        "signora",
        "dott",
        "ing",
        "tv",
        "radio",
        "broadcaster",
        "psychologist",
        "strategist",
        "master",
        "farmer",
        "fisherman",
        "driver",
        "worker",
        "shopkeeper",
        "baker",
        "miner",
        "soldier",
        "firefighter",
        "predecessor",
        "successor",
        "neighbour",
        "neighbor",
        "hydrologist",
        "biologist",
        "climatologist",
        "trustee",
        "organiser",
        "organizer",
        "volunteer",
        "survivor",
        "passenger",
        "commuter",
        "parent",
        "grandmother",
        "grandfather",
        "aunt",
        "uncle",
        "cousin",
        "niece",
        "nephew",
        "girlfriend",
        "boyfriend",
        "staffer",
        "aide",
        "negotiator",
        "chemist",
        "physicist",
        "geologist",
        "epidemiologist",
        "virologist",
        "lecturer",
        "headteacher",
        "principal",
        "dean",
        "curator",
        "librarian",
        "novelist",
        "poet",
        "playwright",
        "screenwriter",
        "dancer",
        "composer",
        "guitarist",
        "pianist",
        "pollster",
        "consultant",
        "engineer",
        "architect",
        "investor",
    ];
    static SET: WordSet = LazyLock::new(|| word_set(ROLES));
    if set_has(&SET, word) {
        return true;
    }
    if word.len() <= 6 {
        return false;
    }
    let lower = lowercase(word);
    // German compounds and hyphenated roles: "Bundesverkehrsminister", "Bahn-Manager".
    const SUFFIXES: &[&str] = &[
        "minister",
        "ministerin",
        "manager",
        "managerin",
        "chef",
        "chefin",
        "sprecher",
        "sprecherin",
        "präsident",
        "präsidentin",
        "direktor",
        "direktorin",
        "-star",
        "-chef",
        "-manager",
        "leiter",
        "leiterin",
        "vorsitzende",
        "vorsitzender",
        "meister",
        "meisterin",
        "trainer",
        "trainerin",
        "rätin",
    ];
    lower.chars().count() > 6 && SUFFIXES.iter().any(|s| lower.ends_with(s))
}

/// Given names whose gender is clear enough to resolve pronouns.
pub fn given_name_gender(word: &str) -> Gender {
    const MALE: &[&str] = &[
        "luca",
        "tomas",
        "tomás",
        "lars",
        "sven",
        "erik",
        "jan",
        "piotr",
        "pavel",
        "mateo",
        "diego",
        "javier",
        "hiroshi",
        "takeshi",
        "kenji",
        "raj",
        "arjun",
        "kwame",
        "kofi",
        "chidi",
        "yusuf",
        "ibrahim",
        "william",
        "richard",
        "joseph",
        "thomas",
        "charles",
        "christopher",
        "daniel",
        "matthew",
        "anthony",
        "mark",
        "steven",
        "paul",
        "joshua",
        "kenneth",
        "kevin",
        "timothy",
        "ronald",
        "edward",
        "jason",
        "jeffrey",
        "jacob",
        "gary",
        "nicholas",
        "eric",
        "jonathan",
        "brandon",
        "benjamin",
        "samuel",
        "frank",
        "alexander",
        "raymond",
        "jack",
        "dennis",
        "jerry",
        "tyler",
        "aaron",
        "adam",
        "henry",
        "nathan",
        "douglas",
        "zachary",
        "peter",
        "kyle",
        "walter",
        "ethan",
        "jeremy",
        "harold",
        "keith",
        "christian",
        "roger",
        "noah",
        "gerald",
        "terry",
        "sean",
        "austin",
        "arthur",
        "lawrence",
        "jesse",
        "dylan",
        "bryan",
        "jordan",
        "albert",
        "willie",
        "gabriel",
        "logan",
        "juan",
        "wayne",
        "roy",
        "ralph",
        "randy",
        "eugene",
        "vincent",
        "russell",
        "elijah",
        "louis",
        "adrian",
        "julian",
        "damian",
        "sebastian",
        "maximilian",
        "florian",
        "bobby",
        "philip",
        "johnny",
        "ben",
        "sam",
        "bob",
        "mike",
        "dave",
        "chris",
        "matt",
        "dan",
        "greg",
        "jeff",
        "ted",
        "tim",
        "fred",
        "hans",
        "klaus",
        "jürgen",
        "wolfgang",
        "stefan",
        "markus",
        "thomas",
        "pierre",
        "jean",
        "jacques",
        "françois",
        "carlos",
        "luis",
        "pedro",
        "antonio",
        "giovanni",
        "giuseppe",
        "luca",
        "francesco",
        "ahmed",
        "mohammed",
        "muhammad",
        "ali",
        "hassan",
        "ivan",
        "sergei",
        "dmitri",
        "boris",
        "emmanuel",
        "olaf",
        "friedrich",
        "heinrich",
        "karl",
        "rishi",
        "keir",
        "boris",
        "narendra",
        "xi",
        "kim",
    ];
    const FEMALE: &[&str] = &[
        "mary",
        "rosa",
        "ana",
        "elena",
        "sofia",
        "lena",
        "nina",
        "eva",
        "clara",
        "irene",
        "helena",
        "agnes",
        "ida",
        "olga",
        "tatiana",
        "svetlana",
        "anja",
        "katrin",
        "birgit",
        "mette",
        "astrid",
        "camille",
        "chiara",
        "valentina",
        "beatriz",
        "lucía",
        "priyanka",
        "aiko",
        "haruka",
        "vivian",
        "lillian",
        "marian",
        "gillian",
        "patricia",
        "elizabeth",
        "barbara",
        "susan",
        "jessica",
        "karen",
        "nancy",
        "lisa",
        "betty",
        "margaret",
        "sandra",
        "kimberly",
        "emily",
        "donna",
        "michelle",
        "dorothy",
        "carol",
        "amanda",
        "melissa",
        "deborah",
        "stephanie",
        "rebecca",
        "sharon",
        "cynthia",
        "kathleen",
        "amy",
        "shirley",
        "angela",
        "helen",
        "anna",
        "brenda",
        "pamela",
        "nicole",
        "emma",
        "samantha",
        "katherine",
        "christine",
        "debra",
        "rachel",
        "catherine",
        "carolyn",
        "janet",
        "ruth",
        "maria",
        "heather",
        "diane",
        "virginia",
        "julie",
        "joyce",
        "victoria",
        "olivia",
        "kelly",
        "christina",
        "lauren",
        "joan",
        "evelyn",
        "judith",
        "megan",
        "cheryl",
        "andrea",
        "martha",
        "jacqueline",
        "frances",
        "gloria",
        "ann",
        "teresa",
        "kathryn",
        "sara",
        "janice",
        "jean",
        "alice",
        "madison",
        "doris",
        "abigail",
        "julia",
        "grace",
        "denise",
        "amber",
        "marilyn",
        "beverly",
        "danielle",
        "theresa",
        "sophia",
        "marie",
        "diana",
        "brittany",
        "natalie",
        "isabella",
        "charlotte",
        "rose",
        "alexis",
        "kayla",
        "hillary",
        "kamala",
        "angela",
        "ursula",
        "theresa",
        "nicola",
        "kate",
        "claire",
        "lucy",
        "chloe",
        "anne",
        "jane",
        "petra",
        "sabine",
        "monika",
        "ursula",
        "julia",
        "marine",
        "ségolène",
        "carmen",
        "lucia",
        "giulia",
        "francesca",
        "giorgia",
        "annalena",
        "natasha",
        "tasha",
        "aisha",
        "fatima",
        "yuki",
        "mei",
        "ines",
        "greta",
    ];
    let lower = lowercase(word);
    static MALES: WordSet = LazyLock::new(|| word_set(MALE));
    static FEMALES: WordSet = LazyLock::new(|| word_set(FEMALE));
    if MALES.contains(&*lower) {
        Gender::Male
    } else if FEMALES.contains(&*lower) {
        Gender::Female
    } else {
        Gender::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_names_and_offsets() {
        let text = "Waller-Bridge’s “dream,” O’Neil said.";
        let words: Vec<&str> = tokens(text, 10).iter().map(|t| t.text).collect();
        assert_eq!(
            words,
            [
                "Waller-Bridge’s",
                "“",
                "dream",
                ",",
                "”",
                "O’Neil",
                "said",
                "."
            ]
        );
        assert_eq!(tokens(text, 10)[0].start, 10);
    }

    #[test]
    fn word_shapes() {
        let t = tokens("Whitlow NBC said", 0);
        assert!(t[0].is_capitalised() && !t[0].is_acronym());
        assert!(t[1].is_acronym() && !t[1].is_capitalised());
        assert!(is_role_word("Bundesverkehrsminister"));
        assert!(is_role_word("attorney"));
        assert!(!is_role_word("Whitlow"));
    }
}
