//! Cue verbs and phrases that attribute speech, per language.
//!
//! `read page → extract quotes` (spans → `cues` → attribution → speakers): the words that
//! say a quote was spoken or written ("said", "writes in the caption", "according to",
//! "sagt", "a déclaré", "dijo"). English and German have full lists; French, Spanish,
//! Italian and Czech have the common verbs. Lookups are by lowercased word.

use super::words::{WordSet, word_set};
use std::sync::LazyLock;

/// Verbs of saying, in every form that attributes a quote (with the naming verbs below).
const SPEECH_VERBS: &[&str] = &[
    // English
    "say",
    "says",
    "said",
    "saying",
    "tell",
    "tells",
    "told",
    "telling",
    "add",
    "adds",
    "added",
    "adding",
    "write",
    "writes",
    "wrote",
    "writing",
    "written",
    "post",
    "posts",
    "posted",
    "tweet",
    "tweets",
    "tweeted",
    "explain",
    "explains",
    "explained",
    "note",
    "notes",
    "noted",
    "insist",
    "insists",
    "insisted",
    "claim",
    "claims",
    "claimed",
    "argue",
    "argues",
    "argued",
    "ask",
    "asks",
    "asked",
    "warn",
    "warns",
    "warned",
    "recall",
    "recalls",
    "recalled",
    "state",
    "states",
    "stated",
    "declare",
    "declares",
    "declared",
    "continue",
    "continues",
    "continued",
    "admit",
    "admits",
    "admitted",
    "acknowledge",
    "acknowledged",
    "acknowledges",
    "quip",
    "quips",
    "quipped",
    "joke",
    "jokes",
    "joked",
    "reply",
    "replies",
    "replied",
    "respond",
    "responds",
    "responded",
    "answer",
    "answered",
    "answers",
    "announce",
    "announced",
    "announces",
    "remark",
    "remarked",
    "remarks",
    "observe",
    "observed",
    "observes",
    "comment",
    "commented",
    "comments",
    "concede",
    "conceded",
    "concedes",
    "confirm",
    "confirmed",
    "confirms",
    "suggest",
    "suggested",
    "suggests",
    "predict",
    "predicted",
    "predicts",
    "promise",
    "promised",
    "promises",
    "vow",
    "vowed",
    "vows",
    "stress",
    "stressed",
    "stresses",
    "emphasise",
    "emphasised",
    "emphasize",
    "emphasized",
    "urge",
    "urged",
    "urges",
    "plead",
    "pleaded",
    "pleads",
    "cry",
    "cried",
    "shout",
    "shouted",
    "scream",
    "screamed",
    "whisper",
    "whispered",
    "sigh",
    "sighed",
    "laugh",
    "laughed",
    "mused",
    "muse",
    "recount",
    "recounted",
    "recounts",
    "report",
    "reported",
    "reports",
    "reveal",
    "revealed",
    "reveals",
    "caption",
    "captioned",
    "share",
    "shared",
    "shares",
    "text",
    "texted",
    "email",
    "emailed",
    "testify",
    "testified",
    "conclude",
    "concluded",
    "concludes",
    "maintain",
    "maintained",
    "maintains",
    "contend",
    "contended",
    "contends",
    "boast",
    "boasted",
    "complain",
    "complained",
    "complains",
    "assert",
    "asserted",
    "asserts",
    "counter",
    "countered",
    "agree",
    "agreed",
    "agrees",
    "point",
    "pointed",
    "points",
    "tweeting",
    "posting",
    // German
    "sagt",
    "sagte",
    "sagten",
    "sagen",
    "gesagt",
    "erklärt",
    "erklärte",
    "erklärten",
    "meint",
    "meinte",
    "betont",
    "betonte",
    "warnt",
    "warnte",
    "fordert",
    "forderte",
    "sprach",
    "spricht",
    "schreibt",
    "schrieb",
    "ergänzt",
    "ergänzte",
    "fügt",
    "fügte",
    "kritisiert",
    "kritisierte",
    "teilt",
    "teilte",
    "so",
    "räumt",
    "räumte",
    "bestätigt",
    "bestätigte",
    "berichtet",
    "berichtete",
    "verspricht",
    "versprach",
    "glaubt",
    "glaubte",
    "sieht",
    "sah",
    "heißt",
    "hieß",
    "erzählt",
    "erzählte",
    "antwortet",
    "antwortete",
    "mahnt",
    "mahnte",
    // French
    "dit",
    "déclare",
    "déclaré",
    "explique",
    "expliqué",
    "affirme",
    "affirmé",
    "ajoute",
    "ajouté",
    "estime",
    "estimé",
    "souligne",
    "souligné",
    "précise",
    "précisé",
    "raconte",
    "raconté",
    "confie",
    "confié",
    "indique",
    "indiqué",
    "assure",
    "assuré",
    // Spanish
    "dijo",
    "dice",
    "afirmó",
    "afirma",
    "explicó",
    "explica",
    "declaró",
    "declara",
    "añadió",
    "añade",
    "aseguró",
    "asegura",
    "señaló",
    "señala",
    "indicó",
    "indica",
    "agregó",
    "agrega",
    // Czech
    "řekl",
    "řekla",
    "řekli",
    "uvedl",
    "uvedla",
    "dodal",
    "dodala",
    "prohlásil",
    "prohlásila",
    "napsal",
    "napsala",
    "sdělil",
    "sdělila",
    "míní",
    "tvrdí",
    "říká",
    // Italian
    "disse",
    "dichiarato",
    "detto",
    "spiegato",
    "aggiunto",
    "affermato",
];

/// Verbs that name or label rather than quote ("called it “a fraud”").
const NAMING_VERBS: &[&str] = &[
    "call",
    "calls",
    "called",
    "label",
    "labeled",
    "labelled",
    "labels",
    "describe",
    "described",
    "describes",
];

/// Besides the naming verbs, verbs that only attribute when a person speaks (they also
/// take objects: "reported the figures"): never with an unnamed or non-person subject.
const WEAK_VERBS: &[&str] = &[
    "report",
    "reported",
    "reports",
    "state",
    "states",
    "note",
    "notes",
    "share",
    "shared",
    "shares",
    "post",
    "posts",
    "posted",
    "text",
    "point",
    "points",
    "pointed",
    "continue",
    "continues",
    "continued",
    "so",
    "sieht",
    "sah",
    "glaubt",
    "glaubte",
    "heißt",
    "hieß",
    "teilt",
    "teilte",
    "fügt",
    "fügte",
    "räumt",
    "räumte",
    "agree",
    "agreed",
    "agrees",
    "caption",
    "answer",
    "answers",
    "answered",
    "reveal",
    "reveals",
    "revealed",
    "promise",
    "promises",
    "promised",
    "suggest",
    "suggests",
    "suggested",
    "predict",
    "predicted",
    "predicts",
    "counter",
    "countered",
    "email",
    "emailed",
    "indica",
    "indique",
    "indiqué",
    "dice",
];

/// Participles that attribute to the subject of the whole sentence ("…, saying that …").
const PARTICIPLES: &[&str] = &[
    "saying",
    "adding",
    "writing",
    "telling",
    "tweeting",
    "posting",
    "noting",
    "explaining",
    "arguing",
    "warning",
    "insisting",
    "claiming",
];

/// Whether a lowercased word is a verb of saying.
pub fn is_speech_verb(word: &str) -> bool {
    static SET: WordSet = LazyLock::new(|| word_set(SPEECH_VERBS));
    SET.contains(word) || NAMING_VERBS.contains(&word)
}

/// Verbs that name or label rather than quote ("called it “a fraud”"), and "so": only
/// with a named speaker or a pronoun.
pub fn is_naming(word: &str) -> bool {
    NAMING_VERBS.contains(&word) || word == "so"
}

/// Whether the verb also takes an object and so needs a named speaker to count.
pub fn is_weak(word: &str) -> bool {
    static SET: WordSet = LazyLock::new(|| word_set(WEAK_VERBS));
    NAMING_VERBS.contains(&word) || SET.contains(word)
}

/// "saying", "adding": attribute to the sentence's subject.
pub fn is_participle(word: &str) -> bool {
    PARTICIPLES.contains(&word)
}

/// Auxiliaries and adverbs that may stand between a speaker and the cue verb.
pub fn is_filler(word: &str) -> bool {
    matches!(
        word,
        "has"
            | "have"
            | "had"
            | "also"
            | "later"
            | "then"
            | "once"
            | "previously"
            | "recently"
            | "further"
            | "again"
            | "just"
            | "would"
            | "will"
            | "since"
            | "simply"
            | "only"
            | "too"
            | "even"
            | "earlier"
            | "repeatedly"
            | "publicly"
            | "privately"
            | "quietly"
            | "bluntly"
            | "flatly"
            | "auch"
            | "noch"
            | "dann"
            | "zudem"
            | "außerdem"
            | "jedoch"
            | "aber"
            | "nun"
            | "hat"
            | "firmly"
            | "clearly"
            | "openly"
            | "already"
            | "still"
            | "often"
    )
}

/// Phrases that extend a cue and belong to it: "said in a statement", "wrote in the caption".
pub fn cue_extension(rest: &str) -> Option<&str> {
    const EXTENSIONS: &[&str] = &[
        "in a statement",
        "in an interview",
        "in a letter",
        "in an email",
        "in an e-mail",
        "in a post",
        "in the caption",
        "in a caption",
        "in a tweet",
        "in a blog post",
        "in a video",
        "in a speech",
        "in a press release",
        "on instagram",
        "on twitter",
        "on facebook",
        "on x",
        "out",
        "on the image",
        "in the webinar",
        "in a webinar",
        "over email",
        "by email",
    ];
    let lower = rest.trim_start();
    let lead = rest.len() - lower.len();
    EXTENSIONS.iter().find_map(|ext| {
        let head = lower.get(..ext.len())?;
        let after = lower.get(ext.len()..)?;
        (head.eq_ignore_ascii_case(ext) && !after.starts_with(char::is_alphanumeric))
            .then(|| rest.get(..lead + ext.len()))
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs_in_their_forms() {
        for verb in [
            "said",
            "tells",
            "tweeted",
            "quipped",
            "sagt",
            "sprach",
            "dijo",
            "déclaré",
        ] {
            assert!(is_speech_verb(verb), "{verb}");
        }
        assert!(!is_speech_verb("walked"));
        assert!(is_weak("called"));
        assert!(!is_weak("said"));
    }

    #[test]
    fn extensions_stay_with_the_cue() {
        assert_eq!(cue_extension(" in a statement."), Some(" in a statement"));
        assert_eq!(cue_extension(" In The Caption of"), Some(" In The Caption"));
        assert_eq!(cue_extension(" in a statementary"), None);
        assert_eq!(cue_extension(" to laughter"), None);
    }
}
