//! Formatting results for people (readable text, tables) and for programs (JSON, JSON
//! Lines, CSV, Markdown). Every writer returns I/O errors, so a closed pipe ends quietly.

use super::{ExportFormat, ExtractFormat, ListFormat};
use anyhow::Result;
use onrecord::store::{
    Hit, SaveOutcome, SearchFilter, SpeakerSummary, Stats, Store, normalize_key,
};
use onrecord::{Caption, Extraction, Post, Quote};
use serde::Serialize;
use std::io::Write;
use std::path::Path;

/// The JSON contract of `extract --format json`.
#[derive(Serialize)]
struct ExtractionJson<'a> {
    url: Option<&'a str>,
    canonical_url: Option<&'a str>,
    title: Option<&'a str>,
    site: Option<&'a str>,
    authors: &'a [String],
    published: Option<&'a str>,
    modified: Option<&'a str>,
    language: Option<&'a str>,
    quotes: &'a [Quote],
    captions: &'a [Caption],
    posts: &'a [Post],
    /// The extracted text that `start` and `end` index (UTF-8 bytes).
    text: &'a str,
}

pub fn extraction(
    out: &mut impl Write,
    extraction: &Extraction,
    format: ExtractFormat,
) -> Result<()> {
    let doc = &extraction.document;
    match format {
        ExtractFormat::Json => {
            let json = ExtractionJson {
                url: doc.url.as_deref(),
                canonical_url: doc.canonical_url.as_deref(),
                title: doc.title.as_deref(),
                site: doc.site.as_deref(),
                authors: &doc.authors,
                published: doc.published.as_deref(),
                modified: doc.modified.as_deref(),
                language: doc.language.as_deref(),
                quotes: &extraction.quotes,
                captions: &doc.captions,
                posts: &doc.posts,
                text: &doc.text,
            };
            serde_json::to_writer_pretty(&mut *out, &json)?;
            writeln!(out)?;
        }
        ExtractFormat::Text => extraction_text(out, extraction)?,
    }
    Ok(())
}

fn extraction_text(out: &mut impl Write, extraction: &Extraction) -> Result<()> {
    let doc = &extraction.document;
    writeln!(out, "{}", doc.title.as_deref().unwrap_or("(untitled)"))?;
    let about: Vec<&str> = [
        doc.site.as_deref(),
        doc.published.as_deref(),
        doc.url.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !about.is_empty() {
        writeln!(out, "{}", about.join(" · "))?;
    }
    writeln!(
        out,
        "{} quote{}, {} caption{}\n",
        extraction.quotes.len(),
        plural(extraction.quotes.len()),
        doc.captions.len(),
        plural(doc.captions.len())
    )?;
    for (number, quote) in extraction.quotes.iter().enumerate() {
        writeln!(out, "{:>3}. “{}”", number + 1, quote.text)?;
        writeln!(out, "     — {}", attribution(quote))?;
    }
    if !doc.captions.is_empty() {
        writeln!(out, "\nCaptions:")?;
        for caption in &doc.captions {
            match &caption.credit {
                Some(credit) => writeln!(out, "  {} (credit: {credit})", caption.text)?,
                None => writeln!(out, "  {}", caption.text)?,
            }
        }
    }
    Ok(())
}

/// "Melinsa Spadone, attorney (said) [direct]".
fn attribution(quote: &Quote) -> String {
    let mut who = match (&quote.speaker, &quote.speaker_mention) {
        (Some(name), _) => name.clone(),
        (None, Some(mention)) => format!("{mention} (unnamed)"),
        (None, None) => "(no speaker)".to_string(),
    };
    if let Some(role) = &quote.role {
        who.push_str(&format!(", {role}"));
    }
    if let Some(cue) = &quote.cue {
        who.push_str(&format!(" ({cue})"));
    }
    format!("{who} [{}]", quote.kind.as_str())
}

pub fn saved(out: &mut impl Write, name: &str, outcome: SaveOutcome) -> Result<()> {
    match outcome {
        SaveOutcome::Added {
            id,
            quotes,
            captions,
        } => writeln!(
            out,
            "added     {name}: {quotes} quote{}, {captions} caption{} (document {id})",
            plural(quotes),
            plural(captions)
        )?,
        SaveOutcome::Updated {
            id,
            quotes,
            captions,
        } => writeln!(
            out,
            "updated   {name}: {quotes} quote{}, {captions} caption{} (document {id})",
            plural(quotes),
            plural(captions)
        )?,
        SaveOutcome::Unchanged { id } => writeln!(out, "unchanged {name} (document {id})")?,
    }
    Ok(())
}

pub fn hits(
    out: &mut impl Write,
    hits: &[Hit],
    format: ListFormat,
    highlight: &Highlight,
) -> Result<()> {
    match format {
        ListFormat::Table => hits_table(out, hits, highlight),
        ListFormat::Md => hits_markdown(out, hits),
        _ => rows(out, hits, format, HIT_HEADER, hit_record),
    }
}

/// Every hit matching the filter, streamed as JSON Lines or CSV.
pub fn export(
    out: &mut impl Write,
    store: &Store,
    filter: &SearchFilter,
    format: ExportFormat,
) -> Result<()> {
    match format {
        ExportFormat::Jsonl => store.search_each(filter, |hit| -> Result<()> {
            serde_json::to_writer(&mut *out, &hit)?;
            writeln!(out)?;
            Ok(())
        })?,
        ExportFormat::Csv => {
            let mut csv = csv::Writer::from_writer(&mut *out);
            csv.write_record(HIT_HEADER)?;
            store.search_each(filter, |hit| -> Result<()> {
                csv.write_record(hit_record(&hit))?;
                Ok(())
            })?;
            csv.flush()?;
        }
    }
    Ok(())
}

const HIT_HEADER: &[&str] = &[
    "id", "text", "speaker", "role", "date", "site", "url", "link", "kind", "cue", "title",
    "context",
];

fn hit_record(hit: &Hit) -> Vec<String> {
    vec![
        hit.id.to_string(),
        hit.text.clone(),
        speaker_of(hit),
        hit.role.clone().unwrap_or_default(),
        hit.date.clone().unwrap_or_default(),
        hit.site.clone().unwrap_or_default(),
        hit.url.clone().unwrap_or_default(),
        hit.link.clone().unwrap_or_default(),
        hit.kind.clone(),
        hit.cue.clone().unwrap_or_default(),
        hit.title.clone().unwrap_or_default(),
        hit.context.clone(),
    ]
}

fn speaker_of(hit: &Hit) -> String {
    hit.speaker
        .clone()
        .or_else(|| hit.speaker_mention.clone())
        .unwrap_or_default()
}

/// Each hit as a block: the quote wrapped, then who, when, where and the link.
fn hits_table(out: &mut impl Write, hits: &[Hit], highlight: &Highlight) -> Result<()> {
    let width = terminal_width();
    for hit in hits {
        let quote = format!("“{}”", hit.text);
        for line in wrap(&quote, width.saturating_sub(2)) {
            writeln!(out, "  {}", highlight.apply(&line))?;
        }
        let mut about = vec![format!("— {}", non_empty(speaker_of(hit), "(no speaker)"))];
        about.extend(hit.role.clone());
        about.push(day(hit.date.as_deref()).to_string());
        about.extend(hit.site.clone().or_else(|| hit.title.clone()));
        writeln!(out, "    {}", about.join(" · "))?;
        if let Some(link) = hit.link.as_ref().or(hit.url.as_ref()) {
            writeln!(out, "    {link}")?;
        }
        match (hit.appearances, hit.outlets) {
            (Some(appearances), Some(outlets)) if appearances > 1 => writeln!(
                out,
                "    [#{} {} · {appearances} appearances in {outlets} outlet{}: onrecord show {}]\n",
                hit.id,
                hit.kind,
                plural(usize::try_from(outlets).unwrap_or(0)),
                hit.id
            )?,
            _ => writeln!(out, "    [#{} {}]\n", hit.id, hit.kind)?,
        }
    }
    Ok(())
}

/// A quote's appearances: grouped by version (the exact words), the earliest first; later
/// versions show what changed against the earliest, `[-cut-]` and `{+added+}`.
pub fn appearances(out: &mut impl Write, hits: &[Hit], format: ExtractFormat) -> Result<()> {
    if format == ExtractFormat::Json {
        serde_json::to_writer_pretty(&mut *out, hits)?;
        writeln!(out)?;
        return Ok(());
    }
    let Some(first) = hits.first() else {
        return Ok(());
    };
    let mut versions: Vec<(&str, Vec<&Hit>)> = Vec::new();
    for hit in hits {
        match versions.iter_mut().find(|(text, _)| *text == hit.text) {
            Some((_, members)) => members.push(hit),
            None => versions.push((&hit.text, vec![hit])),
        }
    }
    let outlets: std::collections::BTreeSet<&str> = hits
        .iter()
        .filter_map(|h| h.site.as_deref().or(h.url.as_deref()))
        .collect();
    writeln!(out, "“{}”", first.text)?;
    writeln!(out, "  — {}", non_empty(speaker_of(first), "(no speaker)"))?;
    writeln!(
        out,
        "  {} appearance{} in {} outlet{}, {} version{}\n",
        hits.len(),
        plural(hits.len()),
        outlets.len(),
        plural(outlets.len()),
        versions.len(),
        plural(versions.len())
    )?;
    for (number, (text, members)) in versions.iter().enumerate() {
        if number == 0 {
            writeln!(out, "Version 1 (earliest):")?;
        } else {
            writeln!(
                out,
                "Version {}: “{}”",
                number + 1,
                word_diff(&first.text, text)
            )?;
        }
        for hit in members {
            let speaker = speaker_of(hit);
            let who = if speaker == speaker_of(first) {
                String::new()
            } else {
                format!(" · attributed to {}", non_empty(speaker, "nobody"))
            };
            writeln!(
                out,
                "  #{} {} · {}{}",
                hit.id,
                day(hit.date.as_deref()),
                hit.site
                    .as_deref()
                    .or(hit.title.as_deref())
                    .unwrap_or("(unknown outlet)"),
                who
            )?;
            if let Some(link) = hit.link.as_ref().or(hit.url.as_ref()) {
                writeln!(out, "     {link}")?;
            }
        }
        writeln!(out)?;
    }
    Ok(())
}

/// Longer versions than this are shown whole rather than diffed.
const MAX_DIFF_WORDS: usize = 400;

/// `new` marked against `old` word by word: `[-removed-]`, `{+added+}`.
fn word_diff(old: &str, new: &str) -> String {
    let old: Vec<&str> = old.split_whitespace().collect();
    let new: Vec<&str> = new.split_whitespace().collect();
    if old.len() > MAX_DIFF_WORDS || new.len() > MAX_DIFF_WORDS {
        return new.join(" ");
    }
    // Longest common subsequence table, filled from the end.
    let mut lcs = vec![vec![0u16; new.len() + 1]; old.len() + 1];
    for i in (0..old.len()).rev() {
        for j in (0..new.len()).rev() {
            lcs[i][j] = if old[i] == new[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut parts) = (0, 0, Vec::new());
    while i < old.len() || j < new.len() {
        if i < old.len() && j < new.len() && old[i] == new[j] {
            parts.push(new[j].to_string());
            (i, j) = (i + 1, j + 1);
        } else if i < old.len() && (j == new.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            parts.push(format!("[-{}-]", old[i]));
            i += 1;
        } else {
            parts.push(format!("{{+{}+}}", new[j]));
            j += 1;
        }
    }
    parts.join(" ")
}

fn hits_markdown(out: &mut impl Write, hits: &[Hit]) -> Result<()> {
    writeln!(out, "| quote | speaker | date | site | link |")?;
    writeln!(out, "| --- | --- | --- | --- | --- |")?;
    for hit in hits {
        let link = hit
            .link
            .as_deref()
            .map(|url| format!("[source]({url})"))
            .unwrap_or_default();
        writeln!(
            out,
            "| “{}” | {} | {} | {} | {} |",
            markdown_cell(&hit.text),
            markdown_cell(&speaker_of(hit)),
            day(hit.date.as_deref()),
            markdown_cell(hit.site.as_deref().unwrap_or("")),
            link
        )?;
    }
    Ok(())
}

pub fn speakers(
    out: &mut impl Write,
    speakers: &[SpeakerSummary],
    format: ListFormat,
) -> Result<()> {
    if format != ListFormat::Table {
        return rows(out, speakers, format, SPEAKER_HEADER, speaker_record);
    }
    let name_width = speakers
        .iter()
        .map(|s| s.name.chars().count())
        .max()
        .unwrap_or(7)
        .max(7);
    writeln!(
        out,
        "{:<name_width$}  {:>6}  {:<10}  {:<10}",
        "speaker", "quotes", "first", "last"
    )?;
    for speaker in speakers {
        writeln!(
            out,
            "{:<name_width$}  {:>6}  {:<10}  {:<10}",
            speaker.name,
            speaker.quotes,
            day(speaker.first_seen.as_deref()),
            day(speaker.last_seen.as_deref())
        )?;
    }
    Ok(())
}

const SPEAKER_HEADER: &[&str] = &["speaker", "quotes", "first_seen", "last_seen"];

fn speaker_record(speaker: &SpeakerSummary) -> Vec<String> {
    vec![
        speaker.name.clone(),
        speaker.quotes.to_string(),
        speaker.first_seen.clone().unwrap_or_default(),
        speaker.last_seen.clone().unwrap_or_default(),
    ]
}

pub fn stats(
    out: &mut impl Write,
    path: &Path,
    stats: &Stats,
    format: ExtractFormat,
) -> Result<()> {
    if format == ExtractFormat::Json {
        serde_json::to_writer_pretty(&mut *out, stats)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "database   {}", path.display())?;
    writeln!(
        out,
        "size       {:.1} MB",
        stats.database_bytes as f64 / 1_048_576.0
    )?;
    writeln!(out, "documents  {}", stats.documents)?;
    writeln!(out, "quotes     {}", stats.quotes)?;
    writeln!(out, "speakers   {}", stats.speakers)?;
    writeln!(out, "captions   {}", stats.captions)?;
    writeln!(out, "sources    {}", stats.sources)?;
    Ok(())
}

/// JSON, JSON Lines, CSV or Markdown rows of serializable items.
fn rows<T: Serialize>(
    out: &mut impl Write,
    items: &[T],
    format: ListFormat,
    header: &[&str],
    record: impl Fn(&T) -> Vec<String>,
) -> Result<()> {
    match format {
        ListFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, items)?;
            writeln!(out)?;
        }
        ListFormat::Jsonl => {
            for item in items {
                serde_json::to_writer(&mut *out, item)?;
                writeln!(out)?;
            }
        }
        ListFormat::Csv => {
            let mut csv = csv::Writer::from_writer(&mut *out);
            csv.write_record(header)?;
            for item in items {
                csv.write_record(record(item))?;
            }
            csv.flush()?;
        }
        ListFormat::Md | ListFormat::Table => {
            writeln!(out, "| {} |", header.join(" | "))?;
            writeln!(out, "|{}", " --- |".repeat(header.len()))?;
            for item in items {
                let cells: Vec<String> = record(item).iter().map(|c| markdown_cell(c)).collect();
                writeln!(out, "| {} |", cells.join(" | "))?;
            }
        }
    }
    Ok(())
}

fn markdown_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// The date part of an RFC 3339 time.
fn day(date: Option<&str>) -> &str {
    let date = date.unwrap_or("");
    date.get(..10).unwrap_or(date)
}

fn non_empty(text: String, fallback: &str) -> String {
    if text.is_empty() {
        fallback.to_string()
    } else {
        text
    }
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// `$COLUMNS` when set, else 100; kept between 40 and 160.
fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100usize)
        .clamp(40, 160)
}

/// Marks the words of a quote that the query matched, in bold, on a terminal.
#[derive(Debug, Default)]
pub struct Highlight {
    words: Vec<String>,
    prefixes: Vec<String>,
}

impl Highlight {
    /// Highlights the query's words when `enabled` (a terminal without `NO_COLOR`).
    pub fn new(query: Option<&str>, enabled: bool) -> Highlight {
        let mut highlight = Highlight::default();
        if !enabled {
            return highlight;
        }
        for term in query
            .unwrap_or("")
            .split_whitespace()
            .filter(|t| !t.starts_with('-'))
        {
            let key = normalize_key(term);
            for word in key.split(' ').filter(|w| !w.is_empty() && *w != "or") {
                if term.ends_with('*') {
                    highlight.prefixes.push(word.to_string());
                } else {
                    highlight.words.push(word.to_string());
                }
            }
        }
        highlight
    }

    fn matches(&self, word: &str) -> bool {
        let key = normalize_key(word);
        !key.is_empty()
            && (self.words.contains(&key)
                || self.prefixes.iter().any(|p| key.starts_with(p.as_str())))
    }

    /// The line with matched words wrapped in bold.
    fn apply(&self, line: &str) -> String {
        if self.words.is_empty() && self.prefixes.is_empty() {
            return line.to_string();
        }
        let marked: Vec<String> = line
            .split(' ')
            .map(|word| {
                if self.matches(word) {
                    format!("\x1b[1m{word}\x1b[0m")
                } else {
                    word.to_string()
                }
            })
            .collect();
        marked.join(" ")
    }
}

/// Greedy word wrap; a word longer than the width gets a line of its own.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let needed = line.chars().count() + word.chars().count() + usize::from(!line.is_empty());
        if needed > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::{Highlight, word_diff, wrap};

    #[test]
    fn word_diff_marks_changes() {
        assert_eq!(
            word_diff("we will not rush this", "we will never rush this"),
            "we will [-not-] {+never+} rush this"
        );
        assert_eq!(word_diff("a b c", "a b c"), "a b c");
        assert_eq!(word_diff("a b c d", "b c"), "[-a-] b c [-d-]");
    }

    #[test]
    fn wrap_keeps_words_whole() {
        assert_eq!(wrap("one two three four", 9), ["one two", "three", "four"]);
        assert_eq!(wrap("unbreakableword x", 4), ["unbreakableword", "x"]);
    }

    #[test]
    fn highlight_marks_query_words_only_when_enabled() {
        let on = Highlight::new(Some("ammunition set* -prop"), true);
        assert_eq!(
            on.apply("“Live ammunition is prohibited on sets"),
            "“Live \x1b[1mammunition\x1b[0m is prohibited on \x1b[1msets\x1b[0m"
        );
        let off = Highlight::new(Some("ammunition"), false);
        assert_eq!(off.apply("ammunition"), "ammunition");
    }
}
