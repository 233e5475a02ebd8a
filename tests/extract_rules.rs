//! One test per rule of quote extraction, each on a short example written for onrecord
//! (all names and events invented), plus the tricky cases behind past scorer misses.

use onrecord::document::{BlockKind, Document, Post};
use onrecord::extract::{Quote, QuoteKind, quotes};
use onrecord::read::read_text;

fn doc(blocks: &[(BlockKind, &str)]) -> Document {
    let mut doc = Document::default();
    for (kind, text) in blocks {
        doc.push_block(*kind, text);
    }
    doc
}

fn prose(paragraphs: &[&str]) -> Document {
    doc(&paragraphs
        .iter()
        .map(|p| (BlockKind::Paragraph, *p))
        .collect::<Vec<_>>())
}

fn found(doc: &Document) -> Vec<(String, Option<String>)> {
    quotes(doc)
        .into_iter()
        .map(|q| (q.text.trim_end_matches([',', '.']).to_string(), q.speaker))
        .collect()
}

fn pair(text: &str, speaker: &str) -> (String, Option<String>) {
    (text.to_string(), Some(speaker.to_string()))
}

fn check_offsets(doc: &Document, quotes: &[Quote]) {
    for quote in quotes {
        assert_eq!(
            doc.text.get(quote.start..quote.end),
            Some(quote.text.as_str())
        );
    }
}

// 1. Quote spans

#[test]
fn every_quotation_mark_style() {
    let d = prose(&[
        "“We start at dawn,” said Ola Brandt.",
        "\"We start at noon,\" said Ola Brandt.",
        "„Wir fahren morgen“, sagt Lena Voss.",
        "« Nous partirons demain », a déclaré Claire Dubois.",
        "«Vamos a ganar», dijo Marta Ibáñez.",
        "«Andremo avanti», ha detto Marco Ferri.",
        "„Ano, pojedeme,“ řekl Jan Dvořák.",
        "»Das bleibt so«, sagt Lena Voss.",
    ]);
    let speakers: Vec<Option<String>> = quotes(&d).into_iter().map(|q| q.speaker).collect();
    let want = [
        "Ola Brandt",
        "Ola Brandt",
        "Lena Voss",
        "Claire Dubois",
        "Marta Ibáñez",
        "Marco Ferri",
        "Jan Dvořák",
        "Lena Voss",
    ];
    assert_eq!(speakers, want.map(|s| Some(s.to_string())));
}

#[test]
fn japanese_corner_brackets_are_quotation_marks() {
    let d = prose(&["「明日は行きます」と田中さんは言った。「もちろん」と彼女は答えた。"]);
    let all = quotes(&d);
    check_offsets(&d, &all);
    assert!(all.iter().all(|q| !q.text.contains('「')));
}

#[test]
fn apostrophes_and_primes_are_not_quote_marks() {
    let d = prose(&[
        "It wasn’t the ’90s any more, and the 5'11\" striker didn't play, the coach said.",
    ]);
    assert!(quotes(&d).is_empty());
}

#[test]
fn nested_quotes_stay_in_the_outer_quote() {
    let d = prose(&["“He told me ‘come back tomorrow’ and shut the door,” said Ines Varga."]);
    assert_eq!(
        found(&d),
        [pair(
            "He told me ‘come back tomorrow’ and shut the door",
            "Ines Varga"
        )]
    );
}

#[test]
fn quote_over_several_paragraphs_is_one_quote_per_paragraph() {
    let d = prose(&[
        "Council leader Ruth Okafor spoke after the vote.",
        "“We did not take this lightly. The quay has served us for a century.",
        "“But the bridge is safer, and it is paid for,” Okafor said.",
    ]);
    assert_eq!(
        found(&d),
        [
            pair(
                "We did not take this lightly. The quay has served us for a century",
                "Ruth Okafor"
            ),
            pair("But the bridge is safer, and it is paid for", "Ruth Okafor"),
        ]
    );
}

#[test]
fn quote_interrupted_by_its_attribution_is_two_quotes() {
    let d = prose(&[
        "Mayor Dana Whitlow opened the meeting.",
        "“The money is there,” she said, “and we will spend it well.”",
    ]);
    assert_eq!(
        found(&d),
        [
            pair("The money is there", "Dana Whitlow"),
            pair("and we will spend it well", "Dana Whitlow"),
        ]
    );
}

#[test]
fn unbalanced_marks_close_at_the_paragraph_end() {
    let d = prose(&[
        "Mayor Dana Whitlow said: “The works begin in May and end in June",
        "The next paragraph is reporting, not quotation, and says nothing more.",
    ]);
    let all = quotes(&d);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].paragraph, 0);
    assert_eq!(all[0].text, "The works begin in May and end in June");
}

#[test]
fn block_quotes_are_quotes() {
    let d = doc(&[
        (
            BlockKind::Paragraph,
            "Engineer Piet Hals wrote to the council.",
        ),
        (
            BlockKind::BlockQuote,
            "“The pier will not survive another winter,” Hals wrote.",
        ),
    ]);
    assert_eq!(
        found(&d),
        [pair(
            "The pier will not survive another winter",
            "Piet Hals"
        )]
    );
}

#[test]
fn partial_quote_inside_reported_speech() {
    let d = prose(&[
        "Director Ola Brandt and the producers have said that they want to “finish what we started together” this year.",
    ]);
    assert_eq!(
        found(&d),
        [pair("finish what we started together", "Ola Brandt")]
    );
}

// 2. Not quotes

#[test]
fn titles_scare_quotes_terms_and_nicknames_are_left_out() {
    let d = prose(&[
        "The thriller “Night Train” opens on Friday, the studio said.",
        "Critics called the plan a so-called “reform” of the port.",
        "Locals know the captain as “Old Iron” along the coast.",
        "The word “resilience” appears nine times in the report.",
        "Its sequel, “The Long Way Home,” was filmed in Norway.",
    ]);
    assert!(quotes(&d).is_empty(), "{:?}", found(&d));
}

#[test]
fn headlines_captions_and_credits_are_never_quotes() {
    let d = doc(&[
        (BlockKind::Heading, "Mayor says “the bridge is safer”"),
        (BlockKind::Caption, "“Last ferry” Crew of the Ellen Rose"),
        (BlockKind::Credit, "Jane Roe/Harbour Gazette"),
    ]);
    assert!(quotes(&d).is_empty());
}

#[test]
fn a_term_quoted_with_nobody_speaking_stays_a_term_later() {
    let d = prose(&[
        "A further 9,000 staff were on “rolling contracts” last year.",
        "A spokesperson for the employers said the number of “rolling contracts” had fallen.",
    ]);
    assert!(quotes(&d).is_empty(), "{:?}", found(&d));
}

#[test]
fn quoted_words_with_nobody_speaking_are_left_out() {
    let d = prose(&["The banner read “Save our ferry” in red letters."]);
    assert!(quotes(&d).is_empty());
}

// 3. Attribution frames

#[test]
fn frame_quote_subject_verb() {
    let d = prose(&["“We dodged a bullet,” Ines Varga said on Monday."]);
    assert_eq!(found(&d), [pair("We dodged a bullet", "Ines Varga")]);
}

#[test]
fn frame_quote_verb_subject() {
    let d = prose(&["“We dodged a bullet,” said Ines Varga, a spokeswoman for the port."]);
    assert_eq!(found(&d), [pair("We dodged a bullet", "Ines Varga")]);
}

#[test]
fn frame_subject_verb_colon_quote() {
    let d = prose(&["Ines Varga added: “The storm has passed.”"]);
    assert_eq!(found(&d), [pair("The storm has passed", "Ines Varga")]);
}

#[test]
fn frame_subject_verb_comma_quote() {
    let d = prose(&["Ines Varga says in the caption of that post, “Home at last.”"]);
    let all = quotes(&d);
    assert_eq!(all[0].speaker.as_deref(), Some("Ines Varga"));
    assert_eq!(all[0].cue.as_deref(), Some("says in the caption"));
}

#[test]
fn frame_subject_role_appositive_verb() {
    let d = prose(&[
        "Ines Varga, the harbour master, who has run the port since 2009, said: “Nothing like this has happened before.”",
    ]);
    assert_eq!(
        found(&d),
        [pair("Nothing like this has happened before", "Ines Varga")]
    );
}

#[test]
fn frame_according_to() {
    let d = prose(&["The ferry was “never meant for winter seas,” according to Piet Hals."]);
    assert_eq!(
        found(&d),
        [pair("never meant for winter seas", "Piet Hals")]
    );
}

#[test]
fn frame_name_colon_quote_in_a_caption() {
    let d = doc(&[(BlockKind::Caption, "Ines Varga: “The port will reopen”")]);
    let all = quotes(&d);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].kind, QuoteKind::Caption);
    assert_eq!(all[0].speaker.as_deref(), Some("Ines Varga"));
}

#[test]
fn frame_quote_dash_speaker() {
    let d = prose(&["“Less is more.” —Ada Lindqvist"]);
    assert_eq!(found(&d), [pair("Less is more", "Ada Lindqvist")]);
}

#[test]
fn sentence_final_attribution_after_a_partial() {
    let d = prose(&["“We must read what is written” in the new law, Karim Saadi said."]);
    assert_eq!(
        found(&d),
        [pair("We must read what is written", "Karim Saadi")]
    );
}

#[test]
fn the_speaker_is_the_subject_not_the_medium() {
    let d = prose(&["“It cost a small fortune,” Rosa Lund told the Harbour Gazette."]);
    assert_eq!(found(&d), [pair("It cost a small fortune", "Rosa Lund")]);
}

// 4. Speakers are people

#[test]
fn titles_and_roles_go_to_role() {
    let d = prose(&["“Live rounds were never allowed,” attorney Melba Sandoval said."]);
    let all = quotes(&d);
    assert_eq!(all[0].speaker.as_deref(), Some("Melba Sandoval"));
    assert_eq!(all[0].role.as_deref(), Some("attorney"));
    assert_eq!(
        all[0].speaker_mention.as_deref(),
        Some("attorney Melba Sandoval")
    );
}

#[test]
fn surnames_resolve_to_the_fullest_name() {
    let d = prose(&[
        "Star Conrad Ashby returned to the set in May.",
        "“It was a long year,” Ashby said.",
    ]);
    assert_eq!(found(&d), [pair("It was a long year", "Conrad Ashby")]);
}

#[test]
fn pronouns_resolve_by_gender_and_turn() {
    let d = prose(&[
        "Council leader Ruth Okafor and engineer Piet Hals toured the pier. Mr Hals said he was worried.",
        "“The steel is gone,” he said.",
        "Okafor was calmer, and she said the repairs were planned.",
        "“We have the money,” she said.",
    ]);
    assert_eq!(
        found(&d),
        [
            pair("The steel is gone", "Piet Hals"),
            pair("We have the money", "Ruth Okafor"),
        ]
    );
}

#[test]
fn role_nouns_resolve_through_earlier_appositives() {
    let d = prose(&[
        "Filming stopped when director Ola Brandt was hurt on set.",
        "“I am grateful to be back,” the director said in a statement.",
    ]);
    let all = quotes(&d);
    assert_eq!(all[0].speaker.as_deref(), Some("Ola Brandt"));
    assert_eq!(all[0].speaker_mention.as_deref(), Some("the director"));
    assert_eq!(all[0].cue.as_deref(), Some("said in a statement"));
}

#[test]
fn a_paragraph_that_is_only_a_quote_inherits_the_speaker() {
    let d = prose(&[
        "“The tablets were a lethal dose,” Ines Varga said in a statement.",
        "“Nobody told us how dangerous they were.”",
    ]);
    assert_eq!(
        found(&d),
        [
            pair("The tablets were a lethal dose", "Ines Varga"),
            pair("Nobody told us how dangerous they were", "Ines Varga"),
        ]
    );
}

#[test]
fn a_paragraph_ending_with_a_colon_leads_in_to_the_quote() {
    let d = prose(&[
        "Harbour master Ines Varga was blunt when asked about the timetable. She said:",
        "“The last ferry sails on Sunday, and that is final.”",
    ]);
    assert_eq!(
        found(&d),
        [pair(
            "The last ferry sails on Sunday, and that is final",
            "Ines Varga"
        )]
    );
}

#[test]
fn unnamed_speakers_keep_their_wording() {
    let d = prose(&[
        "A spokesperson for the ferry company said it would “work with the council on a fair transition”.",
    ]);
    let all = quotes(&d);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].speaker, None);
    assert_eq!(
        all[0].speaker_mention.as_deref(),
        Some("A spokesperson for the ferry company")
    );
}

#[test]
fn organisations_can_be_speakers() {
    let d = prose(&[
        "The Harbour Safety Agency warned sailors to stay in port.",
        "“Conditions are dangerous for small boats,” it said in a statement.",
        "“Rail remains the safest way to travel,” Nordrail said.",
    ]);
    assert_eq!(
        found(&d),
        [
            pair(
                "Conditions are dangerous for small boats",
                "Harbour Safety Agency"
            ),
            pair("Rail remains the safest way to travel", "Nordrail"),
        ]
    );
}

#[test]
fn kin_appositives_take_the_family_name() {
    let d = prose(&[
        "Student Mia Kerrigan, 21, died in hospital on Sunday.",
        "“She was full of plans,” her mother, Nora, said in a statement.",
    ]);
    assert_eq!(found(&d), [pair("She was full of plans", "Nora Kerrigan")]);
}

// 5. Captions and posts

#[test]
fn social_captions_quoted_in_prose_are_the_account_holders_words() {
    let d = prose(&[
        "Singer Lotte Brenner shared a photo via Instagram from the studio.",
        "“Last day of recording with this crew,” Brenner writes in the caption.",
    ]);
    let all = quotes(&d);
    assert_eq!(all[0].speaker.as_deref(), Some("Lotte Brenner"));
    assert_eq!(all[0].cue.as_deref(), Some("writes in the caption"));
}

#[test]
fn embedded_posts_are_quotes_of_their_author() {
    let mut d = Document::default();
    d.push_block(
        BlockKind::Paragraph,
        "Harbour master Ines Varga posted a warning.",
    );
    d.posts.push(Post {
        platform: "twitter".into(),
        author: Some("Ines Varga".into()),
        handle: Some("@inesvarga".into()),
        text: "Stay in port tonight. Gusts of 90 km/h expected.".into(),
        ..Post::default()
    });
    d.push_block(
        BlockKind::Post(0),
        "Stay in port tonight. Gusts of 90 km/h expected.",
    );
    let all = quotes(&d);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].kind, QuoteKind::Post);
    assert_eq!(all[0].speaker.as_deref(), Some("Ines Varga"));
    check_offsets(&d, &all);
}

#[test]
fn photo_caption_with_credit_is_not_a_quote() {
    let text = "Harbour Ferry Ends Its Last Season\n\nCaptain Ruth Okafor at the wheel of the Ellen Rose\nJane Roe/Harbour Gazette\n\n“It was an honour,” Okafor said.\n";
    let d = read_text(text, None);
    let all = quotes(&d);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].speaker.as_deref(), Some("Ruth Okafor"));
    let caption_blocks: Vec<usize> = d
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b.kind, BlockKind::Caption | BlockKind::Credit))
        .map(|(i, _)| i)
        .collect();
    assert!(all.iter().all(|q| !caption_blocks.contains(&q.paragraph)));
}

// 7. Output

#[test]
fn output_offsets_and_context() {
    let d = prose(&["The vote was close. “We lost by two,” said Piet Hals. Then he left."]);
    let all = quotes(&d);
    check_offsets(&d, &all);
    assert_eq!(all[0].context, "“We lost by two,” said Piet Hals.");
    assert_eq!(all[0].kind, QuoteKind::Direct);
}

// The seed article kept in fixtures/: nine quotes, every one with a full name, and the
// photo caption with its credit never quoted.

#[test]
fn seed_article_quotes_all_have_full_names() {
    let text = include_str!("../fixtures/articles/rust-hutchins.txt");
    let d = read_text(text, None);
    let all = quotes(&d);
    check_offsets(&d, &all);
    assert_eq!(all.len(), 9);
    for quote in &all {
        let speaker = quote.speaker.as_deref().unwrap_or("");
        assert!(speaker.split_whitespace().count() >= 2, "{quote:?}");
        let kind = d.blocks.get(quote.paragraph).map(|b| b.kind);
        assert!(!matches!(
            kind,
            Some(BlockKind::Caption | BlockKind::Credit)
        ));
    }
}
