//! Attribution in every language the lexicons cover, on short passages written for onrecord
//! (invented people and events): the verbs of saying, pronouns, titles and sentence openers
//! of each language, read through the language's own lexicon.

use onrecord::document::{BlockKind, Document};
use onrecord::extract::quotes;

/// A document of paragraphs in a declared language, as the HTML reader gives it.
fn doc(language: &str, paragraphs: &[&str]) -> Document {
    let mut doc = Document {
        language: Some(language.to_string()),
        ..Document::default()
    };
    for paragraph in paragraphs {
        doc.push_block(BlockKind::Paragraph, paragraph);
    }
    doc
}

/// Asserts that each quote starting with the given words is found with the given speaker
/// (`None`: found with no speaker).
fn check(language: &str, paragraphs: &[&str], expected: &[(&str, Option<&str>)]) {
    let document = doc(language, paragraphs);
    let found = quotes(&document);
    let mut failures = Vec::new();
    for (start, speaker) in expected {
        match found.iter().find(|q| q.text.starts_with(start)) {
            Some(q) if q.speaker.as_deref() == *speaker => {}
            Some(q) => failures.push(format!(
                "{start:?}: speaker {:?}, want {speaker:?}",
                q.speaker
            )),
            None => failures.push(format!("{start:?}: not found")),
        }
    }
    assert!(
        failures.is_empty(),
        "{language}: {}\nin:\n{}",
        failures.join("\n"),
        paragraphs.join("\n\n")
    );
}

#[test]
fn german() {
    check(
        "de",
        &[
            "Die Verkehrsministerin Petra Albers hat am Montag die neue Strecke eröffnet.",
            "„Wir werden diese Verbindung nicht aufgeben“, sagte Albers vor Journalisten. „Die Bahn muss pünktlicher werden.“",
            "Bahnchef Jonas Reuter, 52, widersprach ihr. „Wir haben mehr investiert als je zuvor“, sagte er.",
            "Das sei „nicht akzeptabel“, erklärte der 52-Jährige.",
            "Albers zufolge ist die Lage „sehr ernst“. „Das ist ein Skandal“, so die Ministerin.",
        ],
        &[
            ("Wir werden diese", Some("Petra Albers")),
            ("Die Bahn muss", Some("Petra Albers")),
            ("Wir haben mehr", Some("Jonas Reuter")),
            ("nicht akzeptabel", Some("Jonas Reuter")),
            ("sehr ernst", Some("Petra Albers")),
            ("Das ist ein Skandal", Some("Petra Albers")),
        ],
    );
}

#[test]
fn german_nouns_and_openers_are_no_speakers() {
    check(
        "de",
        &[
            "Die Fahrgäste warteten am Bahnsteig auf den verspäteten Zug nach Köln.",
            "Über die Verspätung sagte die Sprecherin der Bahn: „Wir bedauern das sehr.“",
        ],
        &[("Wir bedauern", None)],
    );
}

#[test]
fn french() {
    check(
        "fr",
        &[
            "La grève continue dans les raffineries du pays depuis lundi.",
            "« Nous ne lâcherons rien », a déclaré Sophie Marchand, secrétaire générale du syndicat. « C'est une question de dignité », affirme-t-elle.",
            "Selon le ministre de l'Intérieur, Paul Renaud, la situation est « sous contrôle ».",
            "« Nous restons vigilants », a ajouté à cette occasion le ministre.",
        ],
        &[
            ("Nous ne lâcherons", Some("Sophie Marchand")),
            ("C'est une question", Some("Sophie Marchand")),
            ("sous contrôle", Some("Paul Renaud")),
            ("Nous restons vigilants", Some("Paul Renaud")),
        ],
    );
}

#[test]
fn spanish() {
    check(
        "es",
        &[
            "La alcaldesa de la ciudad, María Torres, visitó el martes el barrio inundado.",
            "“No vamos a dejar a nadie atrás”, dijo Torres ante los vecinos. “La situación es grave, pero saldremos adelante”, añadió.",
            "Según el portavoz de la empresa, Luis Gómez, la compañía “cumplirá con la ley”.",
            "“Estamos preocupados por los trabajadores”, reconoció el portavoz.",
        ],
        &[
            ("No vamos a dejar", Some("María Torres")),
            ("La situación es grave", Some("María Torres")),
            ("cumplirá con la ley", Some("Luis Gómez")),
            ("Estamos preocupados", Some("Luis Gómez")),
        ],
    );
}

#[test]
fn italian() {
    check(
        "it",
        &[
            "Il sindaco Marco Ferri ha presentato ieri il piano per il centro storico.",
            "«Non ci fermeremo davanti alle difficoltà», ha detto Ferri. «È una scelta che la città aspettava da anni», ha aggiunto.",
            "Secondo l'assessora Giulia Conti, il progetto «cambierà il volto del quartiere».",
        ],
        &[
            ("Non ci fermeremo", Some("Marco Ferri")),
            ("È una scelta", Some("Marco Ferri")),
            ("cambierà il volto", Some("Giulia Conti")),
        ],
    );
}

#[test]
fn portuguese() {
    check(
        "pt",
        &[
            "O advogado João Pereira apresentou o recurso nesta segunda-feira em Brasília.",
            "“Vamos recorrer da decisão até a última instância”, disse Pereira. “Não há provas contra o meu cliente”, afirmou o advogado.",
            "Segundo a procuradora Ana Ribeiro, o processo “segue o rito normal”.",
        ],
        &[
            ("Vamos recorrer", Some("João Pereira")),
            ("Não há provas", Some("João Pereira")),
            ("segue o rito normal", Some("Ana Ribeiro")),
        ],
    );
}

#[test]
fn dutch() {
    check(
        "nl",
        &[
            "Burgemeester Anne de Vries opende dinsdag het nieuwe station in het centrum.",
            "\"We gaan gewoon door met de bouw\", zei De Vries tegen de verslaggevers.",
            "Volgens wethouder Pieter Jansen is de planning \"te krap voor iedereen\".",
        ],
        &[
            ("We gaan gewoon door", Some("Anne de Vries")),
            ("te krap voor iedereen", Some("Pieter Jansen")),
        ],
    );
}

#[test]
fn czech() {
    check(
        "cs",
        &[
            "Ministr dopravy Jan Novák v pondělí otevřel nový úsek dálnice u Brna.",
            "„Nebudeme ustupovat tlaku stavebních firem,“ řekl Novák novinářům.",
            "„Stavba je v plánovaném termínu,“ uvedla mluvčí ministerstva Eva Dvořáková.",
        ],
        &[
            ("Nebudeme ustupovat", Some("Jan Novák")),
            ("Stavba je v plánovaném", Some("Eva Dvořáková")),
        ],
    );
}

#[test]
fn polish() {
    check(
        "pl",
        &[
            "Burmistrz Piotr Nowak przedstawił w poniedziałek plan budowy nowego mostu.",
            "„Nie poddamy się, most powstanie w terminie” – powiedział Nowak dziennikarzom.",
            "„Projekt jest zbyt drogi dla miasta” – dodała radna Anna Wiśniewska.",
        ],
        &[
            ("Nie poddamy się", Some("Piotr Nowak")),
            ("Projekt jest zbyt drogi", Some("Anna Wiśniewska")),
        ],
    );
}

#[test]
fn a_subject_after_its_verb_of_saying_is_the_topic_a_dropped_subject_continues() {
    check(
        "it",
        &[
            "L’imprenditore Giorgio Lodi conosce il sindaco da anni e lo ha ricevuto a cena.",
            "Soddisfatto per l’accordo si è detto Marco Ferri. «È una buona notizia per tutto il paese», ha aggiunto.",
        ],
        &[("È una buona notizia", Some("Marco Ferri"))],
    );
}

#[test]
fn verbs_of_saying_of_each_language_in_their_many_forms() {
    check(
        "es",
        &[
            "El piloto Tomás Ibarra ganó la carrera del domingo.",
            "«Fue una carrera muy dura para todo el equipo», rememoró Ibarra.",
        ],
        &[("Fue una carrera", Some("Tomás Ibarra"))],
    );
    // A verb no list holds, between a quote and a person the text names.
    check(
        "es",
        &[
            "El director Aurelio Campos habló tras la carrera.",
            "«Quedar detrás de ellos nos dará más horas en el túnel», ironizaba Campos.",
        ],
        &[("Quedar detrás", Some("Aurelio Campos"))],
    );
    check(
        "pt",
        &[
            "O escritor Benício Moura lançou um novo livro.",
            "«É o livro mais difícil que já escrevi», avalia Moura.",
        ],
        &[("É o livro", Some("Benício Moura"))],
    );
}
