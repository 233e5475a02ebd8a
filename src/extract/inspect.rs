//! Development aid, compiled only for tests: prints what the stages see in one document,
//! to find the class of an error before changing a rule. Run with
//! `DEBUG_DOC=path cargo test --release --lib inspect -- --ignored --nocapture` (add
//! `DEBUG_NAMES=1` for every capitalised run and the names found in it, `DEBUG_MENTIONS=1`
//! for every mention), or `DEBUG_TEXT='…' DEBUG_LANG=en` for the frame of each quote.

use super::*;

/// Prints the people model of the document at `$DEBUG_DOC` (development aid).
#[test]
#[ignore]
fn print_people() {
    let Ok(path) = std::env::var("DEBUG_DOC") else {
        return;
    };
    let bytes = std::fs::read(&path).unwrap_or_default();
    let doc = crate::read::read(&bytes, None, None, &path).unwrap_or_default();
    let lexicon = Lexicon::for_language(doc.language.as_deref());
    let blocks = block_views(&doc);
    if std::env::var("DEBUG_NAMES").is_ok() {
        let mut stats = names::CaseStats::default();
        for b in &blocks {
            stats.add(&b.tokens);
        }
        let keys = HashSet::new();
        let evidence = names::Evidence {
            lexicon,
            stats: &stats,
            name_keys: &keys,
        };
        for b in &blocks {
            for run in names::runs(lexicon, &b.tokens, &b.spans, b.base, b.index) {
                let texts: Vec<&str> = run.tokens.iter().map(|t| t.text).collect();
                let found: Vec<String> = names::names_in(&evidence, &run)
                    .iter()
                    .map(|n| format!("{:?}:{:?}:{:?}", n.display, n.kind, n.role))
                    .collect();
                println!(
                    "RUN {texts:?} initial={} -> {found:?}",
                    run.sentence_initial
                );
            }
        }
    }
    let people = People::collect(lexicon, &blocks, &[]);
    for (i, e) in people.entities.iter().enumerate() {
        println!(
            "{i:3} {:?} {:?} {:?} role={:?} count={}",
            e.kind,
            e.name,
            e.gender(),
            e.role,
            e.count
        );
    }
    if std::env::var("DEBUG_MENTIONS").is_ok() {
        for m in &people.mentions {
            println!("  @{} -> {} subj={}", m.at, m.entity, m.subject);
        }
    }
}

/// Prints the frame of every quote of `$DEBUG_TEXT` in `$DEBUG_LANG` (development aid).
#[test]
#[ignore]
fn print_frames() {
    let Ok(text) = std::env::var("DEBUG_TEXT") else {
        return;
    };
    let language = std::env::var("DEBUG_LANG").ok();
    let frames = Frames {
        lexicon: Lexicon::for_language(language.as_deref()),
        people: None,
    };
    let spans = spans::find(&text);
    let sentences = sentences::split(&text, &spans);
    println!("spans {spans:?}\nsentences {sentences:?}");
    for span in &spans {
        let sentence = sentence_of(&sentences, span, text.len());
        println!(
            "{:?} -> {:?}",
            text.get(span.start..span.end),
            frames.attribute(&text, 0, span, sentence, &spans)
        );
    }
}
