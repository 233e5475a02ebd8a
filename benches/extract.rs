//! Benchmark of the extract stage (run with `cargo bench --bench extract`).
//!
//! Throughput of `extract::quotes` on realistic article text generated in memory (1 MB and
//! 5 MB), and on two pathological inputs that must stay linear: 5 MB without a paragraph
//! break, and 100,000 unmatched quotation marks.

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use onrecord::document::{BlockKind, Document};
use onrecord::extract;

fn main() {
    divan::main();
}

/// Paragraphs written for this benchmark, in the shapes of news prose.
const PARAGRAPHS: &[&str] = &[
    "The harbour council voted on Tuesday to close the old ferry terminal, ending a century of crossings from the east quay. Councillor Maren Holt, who chairs the transport committee, said the decision had been “painful but unavoidable” after two winters of storm damage.",
    "“We looked at every option, and none of them kept the boats running safely,” Holt said in a statement. “The money is better spent on the new bridge.”",
    "Residents were not convinced. “My grandmother took that ferry to school,” said Tomas Lindqvist, a fisherman who has lived on the quay for forty years. He added that the bridge would take traffic away from the old town's shops.",
    "A spokesperson for the ferry operator told the Gazette the company would “work with the council on a fair transition for staff”. The operator's chief executive, Irene Vasquez, did not respond to a request for comment.",
    "In an interview, the mayor insisted the plan was sound: “Nobody wants to lose the ferry, but the numbers don't lie.” She said the council would publish its full report, titled “Crossings 2030”, next month.",
    "The works are expected to take until the late ’20s. Engineers measured the old pier at 5'11\" above the spring tide line, far below what modern standards require, according to the survey.",
];

fn article(target: usize, separator: &str) -> String {
    let mut text = String::with_capacity(target + 1024);
    let mut index = 0;
    while text.len() < target {
        if !text.is_empty() {
            text.push_str(separator);
        }
        text.push_str(PARAGRAPHS[index % PARAGRAPHS.len()]);
        index += 1;
    }
    text
}

fn document(text: &str, split_paragraphs: bool) -> Document {
    let mut doc = Document::default();
    if split_paragraphs {
        for paragraph in text.split("\n\n") {
            doc.push_block(BlockKind::Paragraph, paragraph);
        }
    } else {
        doc.push_block(BlockKind::Paragraph, text);
    }
    doc
}

fn run(bencher: Bencher, doc: &Document) {
    bencher
        .counter(BytesCount::new(doc.text.len()))
        .bench(|| extract::quotes(black_box(doc)));
}

#[divan::bench(sample_count = 10)]
fn article_1mb(bencher: Bencher) {
    let doc = document(&article(1 << 20, "\n\n"), true);
    run(bencher, &doc);
}

#[divan::bench(sample_count = 5)]
fn article_5mb(bencher: Bencher) {
    let doc = document(&article(5 << 20, "\n\n"), true);
    run(bencher, &doc);
}

#[divan::bench(sample_count = 5)]
fn run_on_5mb_without_paragraph_breaks(bencher: Bencher) {
    let doc = document(&article(5 << 20, " "), false);
    run(bencher, &doc);
}

#[divan::bench(sample_count = 5)]
fn unmatched_marks_100k(bencher: Bencher) {
    let mut text = String::new();
    for index in 0..100_000 {
        text.push_str(match index % 4 {
            0 => "a stray” closing mark ",
            1 => "a ‘single that never closes ",
            2 => "the players’ union ",
            _ => "an « open guillemet ",
        });
    }
    let doc = document(&text, false);
    run(bencher, &doc);
}

/// 50,000 short quotes in one sentence that never ends.
#[divan::bench(sample_count = 5)]
fn quotes_in_one_endless_sentence(bencher: Bencher) {
    let text = "they said \"not now\" and ".repeat(50_000);
    let doc = document(&text, false);
    run(bencher, &doc);
}
