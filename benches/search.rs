//! Search at scale: builds an archive of synthetic but realistic quotes (1,000,000 by
//! default), measuring ingest speed and disk use per quote, then times `onrecord search`
//! as a whole process for one-word, phrase and speaker-filtered queries (p50, p99) and
//! reports the searches' peak memory.
//!
//! `cargo bench --bench search` (set ONRECORD_BENCH_QUOTES for another size; the archive
//! is kept in target/bench-search/ and reused by later runs of the same size).

use onrecord::store::{OpenMode, Store};
use onrecord::{BlockKind, Document, Quote, QuoteKind};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const QUOTES_PER_DOCUMENT: usize = 10;
const SITES: usize = 200;
const VOCABULARY: usize = 20_000;
const RUNS_PER_QUERY: usize = 60;
/// Documents stored per transaction (ONRECORD_BENCH_BATCH for another number).
const BATCH: usize = 100;

/// Words that open news quotes often; the rest of the vocabulary is a long tail of rarer
/// made-up words with a Zipf distribution, as real vocabularies have.
const COMMON: &[&str] = &[
    "the",
    "we",
    "to",
    "of",
    "and",
    "a",
    "in",
    "is",
    "that",
    "it",
    "for",
    "not",
    "this",
    "are",
    "be",
    "have",
    "will",
    "our",
    "they",
    "on",
    "with",
    "people",
    "was",
    "what",
    "there",
    "all",
    "but",
    "about",
    "can",
    "very",
    "government",
    "police",
    "country",
    "year",
    "today",
    "community",
    "families",
    "work",
    "law",
    "court",
    "election",
    "budget",
    "climate",
    "health",
    "war",
    "peace",
    "safety",
    "ammunition",
    "ferry",
    "council",
    "school",
    "children",
    "hospital",
    "workers",
    "prices",
    "energy",
    "water",
    "housing",
    "future",
    "justice",
    "decision",
    "evidence",
    "investigation",
    "support",
    "public",
    "system",
    "change",
    "believe",
    "never",
    "always",
    "must",
    "should",
    "proud",
    "grateful",
    "concerned",
    "committed",
    "responsible",
    "important",
];

/// Given names from many languages; with the family names below they make 20,000 distinct
/// people, some sharing a surname (as the Smiths and Nguyens of a real archive do).
const GIVEN: &[&str] = &[
    "Anna",
    "James",
    "Maria",
    "David",
    "Sofia",
    "Ahmed",
    "Li",
    "Olga",
    "Kwame",
    "Priya",
    "Lucas",
    "Emma",
    "Hiroshi",
    "Fatima",
    "Carlos",
    "Ingrid",
    "Tomás",
    "Aisha",
    "Jonas",
    "Chloé",
    "Mohammed",
    "Elena",
    "John",
    "Mei",
    "Pierre",
    "Amara",
    "Giulia",
    "Sean",
    "Yuki",
    "Nadia",
    "Rafael",
    "Zara",
    "Oskar",
    "Leila",
    "Daniel",
    "Ana",
    "Kofi",
    "Sara",
    "Ivan",
    "Lucía",
    "Marek",
    "Hana",
    "Omar",
    "Claire",
    "Diego",
    "Eva",
    "Tariq",
    "Julia",
    "Mateo",
    "Noor",
    "Peter",
    "Rosa",
    "Samuel",
    "Tanya",
    "Victor",
    "Wei",
    "Xavier",
    "Yasmin",
    "Zoltán",
    "Beatriz",
    "Chen",
    "Dmitri",
    "Esther",
    "Farid",
    "Greta",
    "Hugo",
    "Irene",
    "Jamal",
    "Katarzyna",
    "Liam",
    "Miriam",
    "Nikolai",
    "Orla",
    "Pablo",
    "Quentin",
    "Rania",
    "Stefan",
    "Thandiwe",
    "Ulrich",
    "Valentina",
    "William",
    "Ximena",
    "Yusuf",
    "Zeynep",
    "Adriana",
    "Bogdan",
    "Camille",
    "Dario",
    "Elif",
    "Felix",
    "Gabriela",
    "Henrik",
    "Isabel",
    "Jorge",
    "Kenji",
    "Lena",
    "Martín",
    "Nina",
    "Olivier",
    "Paula",
];
/// Family names: real ones first, then made-up ones, drawn with a Zipf law (a few are
/// very common).
const FAMILY: &[&str] = &[
    "Spadone",
    "Raman",
    "Okafor",
    "Ibarra",
    "Whitfield",
    "Nakamura",
    "Kowalski",
    "Haddad",
    "Novak",
    "Brennan",
    "Lindqvist",
    "Mensah",
    "Duarte",
    "Schneider",
    "Moreau",
    "Costa",
    "Petrov",
    "Ng",
    "Adeyemi",
    "Larsen",
    "Smith",
    "García",
    "Nguyen",
    "Müller",
    "Rossi",
    "Kim",
    "Silva",
    "Khan",
    "Johnson",
    "Dubois",
    "Fernández",
    "Wang",
    "Cohen",
    "O’Brien",
    "Jansen",
    "Popescu",
    "Yılmaz",
    "Andersson",
    "Horváth",
    "Dvořák",
];
const FAMILY_NAMES: usize = 3_000;
/// Bumped when the generator changes, so that an archive built by an older one is rebuilt.
const GENERATOR_VERSION: u32 = 3;
const SPEAKERS: usize = 20_000;

/// A small deterministic generator (xorshift64*): the same archive every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Ranks drawn with a Zipf law: rank r has weight 1 / r^exponent.
struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    fn new(ranks: usize, exponent: f64) -> Zipf {
        let mut total = 0.0;
        let cumulative = (1..=ranks)
            .map(|rank| {
                total += 1.0 / (rank as f64).powf(exponent);
                total
            })
            .collect();
        Zipf { cumulative }
    }

    /// A rank from 0 (the most frequent).
    fn sample(&self, rng: &mut Rng) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(1.0);
        let target = (rng.next() as f64 / u64::MAX as f64) * total;
        self.cumulative
            .partition_point(|&c| c < target)
            .min(self.cumulative.len() - 1)
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ren", "dus", "tor", "vel", "sa", "pri", "gon", "ul", "ne", "bar", "es",
];

fn made_up_word(rng: &mut Rng, min_parts: usize) -> String {
    let parts = min_parts + rng.below(3);
    (0..parts)
        .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
        .collect()
}

struct Generator {
    rng: Rng,
    words: Vec<String>,
    word_ranks: Zipf,
    /// Most quoted first; quotes per speaker follow a Zipf law (exponent 0.8: the most
    /// quoted person says about 3% of all quotes, as a head of government might).
    speakers: Vec<String>,
    speaker_ranks: Zipf,
    recent_quotes: Vec<String>,
}

impl Generator {
    fn new() -> Generator {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let mut words: Vec<String> = COMMON.iter().map(|w| w.to_string()).collect();
        while words.len() < VOCABULARY {
            words.push(made_up_word(&mut rng, 2));
        }
        let speakers = speaker_names(&mut rng);
        Generator {
            rng,
            words,
            word_ranks: Zipf::new(VOCABULARY, 1.07),
            speaker_ranks: Zipf::new(speakers.len(), 0.8),
            speakers,
            recent_quotes: Vec::new(),
        }
    }

    fn word(&mut self) -> &str {
        &self.words[self.word_ranks.sample(&mut self.rng)]
    }

    fn speaker(&mut self) -> String {
        self.speakers[self.speaker_ranks.sample(&mut self.rng)].clone()
    }

    fn sentence(&mut self, min: usize, spread: usize) -> String {
        let count = min + self.rng.below(spread);
        let mut words: Vec<String> = (0..count).map(|_| self.word().to_string()).collect();
        if let Some(first) = words.first_mut() {
            *first = capitalized(first);
        }
        words.join(" ") + "."
    }

    /// One in twenty quotes is another outlet's copy of a recent quote.
    fn quote_text(&mut self) -> String {
        if self.recent_quotes.len() > 100 && self.rng.below(20) == 0 {
            let pick = self.rng.below(self.recent_quotes.len());
            return self.recent_quotes[pick].clone();
        }
        let text = self.sentence(8, 25);
        if self.recent_quotes.len() >= 1000 {
            let slot = self.rng.below(1000);
            self.recent_quotes[slot] = text.clone();
        } else {
            self.recent_quotes.push(text.clone());
        }
        text
    }

    /// An article with its quotes, each in a paragraph of its own with a cue.
    fn document(&mut self, number: usize) -> (Document, Vec<Quote>) {
        let site = format!("Outlet {}", number % SITES);
        // An archive grows over time: about a hundred articles a day, each outlet publishing
        // every other day or so.
        let day = number / 100 + self.rng.below(2);
        let mut doc = Document {
            url: Some(format!(
                "https://outlet{}.example/news/{number}",
                number % SITES
            )),
            canonical_url: Some(format!(
                "https://outlet{}.example/news/{number}",
                number % SITES
            )),
            title: Some(self.sentence(5, 6)),
            site: Some(site),
            published: Some(format!(
                "{}-{:02}-{:02}T08:00:00Z",
                2022 + day / 365,
                1 + (day % 365) / 31,
                1 + ((day % 365) % 31).min(27)
            )),
            language: Some("en".into()),
            ..Document::default()
        };
        let mut quotes = Vec::with_capacity(QUOTES_PER_DOCUMENT);
        for _ in 0..QUOTES_PER_DOCUMENT {
            let lead = self.sentence(12, 20);
            doc.push_block(BlockKind::Paragraph, &lead);
            let speaker = self.speaker();
            let text = self.quote_text();
            let paragraph = format!("“{text}” {speaker} said.");
            doc.push_block(BlockKind::Paragraph, &paragraph);
            let block = doc.blocks.len() - 1;
            let start = doc.blocks[block].range.start + "“".len();
            quotes.push(Quote {
                end: start + text.len(),
                start,
                text,
                speaker: Some(speaker),
                speaker_mention: None,
                role: None,
                cue: Some("said".into()),
                kind: QuoteKind::Direct,
                paragraph: block,
                context: paragraph,
            });
        }
        (doc, quotes)
    }
}

/// `SPEAKERS` distinct people: a given name and a family name drawn with a Zipf law from
/// `FAMILY` and made-up names, so that common surnames are shared by many people.
fn speaker_names(rng: &mut Rng) -> Vec<String> {
    let mut family: Vec<String> = FAMILY.iter().map(|f| f.to_string()).collect();
    while family.len() < FAMILY_NAMES {
        family.push(capitalized(&made_up_word(rng, 2)));
    }
    let family_ranks = Zipf::new(family.len(), 0.6);
    let mut seen = std::collections::HashSet::new();
    let mut names = Vec::with_capacity(SPEAKERS);
    while names.len() < SPEAKERS {
        let given = GIVEN[rng.below(GIVEN.len())];
        let name = format!("{given} {}", family[family_ranks.sample(rng)]);
        if seen.insert(name.clone()) {
            names.push(name);
        }
    }
    names
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Builds the archive, or reuses one built earlier with the same number of quotes.
fn build_archive(path: &Path, quotes: usize) -> Option<Ingest> {
    let ready = path.with_extension("ready");
    let marker = format!("{quotes} quotes, generator {GENERATOR_VERSION}");
    if std::fs::read_to_string(&ready).ok().as_deref() == Some(marker.as_str()) {
        println!("reusing the archive at {}", path.display());
        return None;
    }
    let _ = std::fs::remove_file(path);
    let mut store = Store::open(path, OpenMode::Create).expect("open the bench database");
    let mut generator = Generator::new();
    let mut text_bytes = 0u64;
    let documents = quotes / QUOTES_PER_DOCUMENT;
    let mut storing = Duration::ZERO;
    let mut storing_cpu = Some(Duration::ZERO);
    let batch_size = std::env::var("ONRECORD_BENCH_BATCH")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(BATCH);
    for first in (0..documents).step_by(batch_size) {
        let batch: Vec<(Document, Vec<Quote>)> = (first..documents.min(first + batch_size))
            .map(|n| generator.document(n))
            .collect();
        text_bytes += batch
            .iter()
            .map(|(doc, _)| doc.text.len() as u64)
            .sum::<u64>();
        let items: Vec<(&Document, &[Quote])> =
            batch.iter().map(|(d, q)| (d, q.as_slice())).collect();
        let (started, cpu_before) = (Instant::now(), cpu_time());
        store
            .save_all(&items, "2025-01-01T00:00:00Z")
            .expect("save");
        storing += started.elapsed();
        storing_cpu = match (storing_cpu, cpu_before, cpu_time()) {
            (Some(sum), Some(before), Some(after)) => Some(sum + after.saturating_sub(before)),
            _ => None,
        };
        if first % 10_000 < batch_size && first > 0 {
            println!(
                "  {} quotes stored, {:.1} s storing",
                first * QUOTES_PER_DOCUMENT,
                storing.as_secs_f64()
            );
        }
    }
    // What `onrecord run` does while it waits for the next source: the searches below
    // measure an archive in that state.
    let merging = Instant::now();
    let mut steps = 0;
    while store.tidy_index().expect("merge the search index") {
        steps += 1;
    }
    let merging = merging.elapsed();
    drop(store);
    std::fs::write(ready, marker).expect("mark the archive ready");
    Some(Ingest {
        rate: quotes as f64 / storing.as_secs_f64(),
        cpu_per_quote: storing_cpu.map(|cpu| cpu / quotes as u32),
        merging,
        merging_steps: steps,
        rate_with_merging: quotes as f64 / (storing + merging).as_secs_f64(),
        text_bytes,
    })
}

/// What building the archive measured.
struct Ingest {
    /// Quotes stored per second of `save_all`.
    rate: f64,
    /// CPU time (user and system) per quote stored, where Linux tells.
    cpu_per_quote: Option<Duration>,
    /// Merging the search index into one segment afterwards, and the steps that did work.
    merging: Duration,
    merging_steps: usize,
    /// Quotes per second of storing and merging.
    rate_with_merging: f64,
    text_bytes: u64,
}

/// This process's CPU time so far, user and system, from `/proc/self/stat` (in ticks of
/// 10 ms: summed over thousands of saves, the rounding evens out). `None` elsewhere.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let user: u64 = fields.get(11)?.parse().ok()?;
    let system: u64 = fields.get(12)?.parse().ok()?;
    Some(Duration::from_millis((user + system) * 10))
}

/// `command` followed by the arguments of one timed search: 20 hits as JSON Lines.
fn search_command(mut command: Command, db: &Path, args: &[&str]) -> Command {
    command
        .arg("--db")
        .arg(db)
        .arg("search")
        .args(args)
        .args(["--format", "jsonl", "--limit", "20"]);
    command
}

/// Runs `onrecord search` `RUNS_PER_QUERY` times; returns (p50, p99).
fn time_search(db: &Path, args: &[&str]) -> (Duration, Duration) {
    let mut times = Vec::with_capacity(RUNS_PER_QUERY);
    for _ in 0..RUNS_PER_QUERY {
        let started = Instant::now();
        let output = search_command(Command::new(env!("CARGO_BIN_EXE_onrecord")), db, args)
            .output()
            .expect("run onrecord");
        times.push(started.elapsed());
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    times.sort();
    let at = |share: f64| times[((times.len() - 1) as f64 * share).round() as usize];
    (at(0.50), at(0.99))
}

/// The peak resident memory of one `onrecord search`, in MB, as GNU time reports it
/// (`None` where /usr/bin/time is missing). `getrusage(RUSAGE_CHILDREN)` cannot tell:
/// Linux charges a child, at exec, with the memory of the process that spawned it.
fn search_peak_memory_mb(db: &Path, args: &[&str]) -> Option<f64> {
    let mut time = Command::new("/usr/bin/time");
    time.args(["-f", "%M"]).arg(env!("CARGO_BIN_EXE_onrecord"));
    let output = search_command(time, db, args).output().ok()?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    let kilobytes: f64 = stderr.lines().last()?.trim().parse().ok()?;
    Some(kilobytes / 1024.0)
}

fn main() {
    if std::env::args().any(|a| a == "--list" || a == "--test") {
        return; // `cargo test --benches` builds and lists benches; nothing to do here.
    }
    let quotes: usize = std::env::var("ONRECORD_BENCH_QUOTES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-search");
    std::fs::create_dir_all(&dir).expect("bench folder");
    let db = dir.join(format!("onrecord-{quotes}.db"));
    println!("archive of {quotes} quotes at {}", db.display());
    if let Some(ingest) = build_archive(&db, quotes) {
        let size = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
        let per_quote = size.saturating_sub(ingest.text_bytes) as f64 / quotes as f64;
        let text_bytes = ingest.text_bytes;
        println!(
            "ingest: {:.0} quotes/s, CPU {} per quote",
            ingest.rate,
            ingest
                .cpu_per_quote
                .map_or("unknown".to_string(), |cpu| format!(
                    "{:.1} µs",
                    cpu.as_secs_f64() * 1e6
                ))
        );
        println!(
            "index merged into one segment, as `onrecord run` does while idle: {:.1} s in {} steps \
             ({:.0} quotes/s counting it)",
            ingest.merging.as_secs_f64(),
            ingest.merging_steps,
            ingest.rate_with_merging
        );
        println!(
            "disk: {:.1} MB in all, {:.1} MB of document text, {per_quote:.0} bytes per quote beside the text",
            size as f64 / 1e6,
            text_bytes as f64 / 1e6
        );
    }
    let people = Generator::new().speakers;
    let (most_quoted, often_quoted) = (people[0].as_str(), people[300].as_str());
    let queries: [(&str, Vec<&str>); 7] = [
        ("one word", vec!["ammunition"]),
        ("phrase", vec!["\"we will\""]),
        ("rare phrase", vec!["\"live ammunition\""]),
        (
            "word + speaker",
            vec!["government", "--speaker", often_quoted],
        ),
        (
            "word + top speaker",
            vec!["ammunition", "--speaker", most_quoted],
        ),
        ("top speaker only", vec!["--speaker", most_quoted]),
        ("surname only", vec!["--speaker", FAMILY[2]]),
    ];
    println!(
        "speakers: most quoted {most_quoted}, 300th {often_quoted}, surname {}",
        FAMILY[2]
    );
    let mut peak_memory: Option<f64> = None;
    for (name, args) in queries {
        let (p50, p99) = time_search(&db, &args);
        let memory = search_peak_memory_mb(&db, &args);
        peak_memory = match (peak_memory, memory) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        println!(
            "search {name:<20} p50 {:>6.1} ms   p99 {:>6.1} ms   peak memory {}",
            p50.as_secs_f64() * 1e3,
            p99.as_secs_f64() * 1e3,
            memory.map_or("unknown".to_string(), |mb| format!("{mb:.1} MB"))
        );
    }
    if let Some(mb) = peak_memory {
        println!("search peak memory: {mb:.1} MB");
    }
}
