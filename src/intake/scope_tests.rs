//! What an objection is to, read from the text: direct marketing, the particular situation,
//! or (named neither or both) left to the officer.

use super::corpus_tests::now;
use super::{parse_message, read_objection, recognise};
use crate::domain::request::ObjectionScope::{self, *};
use crate::domain::request::Right;

/// The scope a message's objection is read as; the message must ask for an objection.
fn scope(subject: &str, body: &str) -> Option<ObjectionScope> {
    let rights: Vec<Right> = recognise(subject, body).iter().map(|r| r.right).collect();
    assert!(
        rights.contains(&Right::Objection),
        "no objection in {subject:?} / {body:?}: {rights:?}"
    );
    read_objection(subject, body).scope()
}

#[track_caller]
fn check(cases: &[(&str, &str, Option<ObjectionScope>)]) {
    for (subject, body, want) in cases {
        assert_eq!(
            scope(subject, body),
            *want,
            "subject {subject:?}, body {body:?}"
        );
    }
}

#[test]
fn norwegian_bokmal() {
    check(&[
        ("", "Jeg reserverer meg mot markedsføring.", Some(Marketing)),
        (
            "",
            "Jeg vil ikke lenger motta nyhetsbrev fra dere.",
            Some(Marketing),
        ),
        ("", "Slutt å sende meg reklame!", Some(Marketing)),
        ("", "Slett meg fra nyhetsbrevet.", Some(Marketing)),
        (
            "",
            "Jeg protesterer mot at dere bruker mine opplysninger til profilering for reklame.",
            Some(Marketing),
        ),
        (
            "",
            "Jeg protesterer mot behandlingen av mine personopplysninger på grunn av min særlige situasjon.",
            Some(Situation),
        ),
        (
            "",
            "Jeg protesterer mot behandlingen dere begrunner med berettiget interesse.",
            Some(Situation),
        ),
        (
            "",
            "Jeg protesterer mot at dere bruker mine opplysninger til kredittvurdering.",
            Some(Situation),
        ),
        (
            "",
            "Jeg protesterer mot behandlingen av mine opplysninger etter art. 21 nr. 1.",
            Some(Situation),
        ),
    ]);
}

#[test]
fn nynorsk() {
    check(&[
        (
            "",
            "Eg motset meg at de brukar opplysningane mine til marknadsføring.",
            Some(Marketing),
        ),
        (
            "",
            "Eg vil ikkje lenger få nyheitsbrev eller tilbod frå dykk, så eg melder meg av.",
            Some(Marketing),
        ),
        (
            "",
            "Eg protesterer mot behandlinga av opplysningane mine på grunn av mi særlege situasjon.",
            Some(Situation),
        ),
        (
            "",
            "Eg protesterer mot at de brukar opplysningane mine til kameraovervaking.",
            Some(Situation),
        ),
    ]);
}

#[test]
fn english() {
    check(&[
        ("", "Please stop sending me offers.", Some(Marketing)),
        (
            "",
            "Please stop sending me marketing emails.",
            Some(Marketing),
        ),
        ("", "Please unsubscribe me.", Some(Marketing)),
        (
            "",
            "I object to the use of my personal data for profiling for targeted ads.",
            Some(Marketing),
        ),
        (
            "",
            "I object to processing of my personal data under Art. 21(2) GDPR.",
            Some(Marketing),
        ),
        (
            "",
            "I object to the processing of my personal data on grounds relating to my particular situation.",
            Some(Situation),
        ),
        (
            "",
            "I object to the processing of my data that you base on your legitimate interests.",
            Some(Situation),
        ),
        (
            "",
            "I object to the processing of my data for credit scoring.",
            Some(Situation),
        ),
        (
            "",
            "I object to processing of my personal data under Art. 6(1)(f).",
            Some(Situation),
        ),
    ]);
}

#[test]
fn what_it_is_to_may_stand_in_another_sentence_or_the_subject() {
    check(&[
        (
            "Nyhetsbrev",
            "Jeg protesterer mot behandlingen av mine opplysninger.",
            Some(Marketing),
        ),
        (
            "",
            "I object to the processing of my personal data. My particular situation is that I have a protected address.",
            Some(Situation),
        ),
    ]);
}

#[test]
fn unsure_is_left_to_the_officer() {
    check(&[
        // What the objection is to is not said.
        (
            "",
            "Jeg protesterer mot behandlingen av mine opplysninger.",
            None,
        ),
        ("", "I object to the processing of my personal data.", None),
        ("Art. 21 DSGVO", "", None),
        // Profiling may be either.
        (
            "",
            "Jeg protesterer mot at dere bruker mine opplysninger til profilering.",
            None,
        ),
        (
            "",
            "I object to the processing of my personal data for profiling.",
            None,
        ),
        ("", "Eg motset meg behandlinga av opplysningane mine.", None),
        // Both named: which to stop, and how, is the officer's call.
        (
            "",
            "Jeg vil ikke lenger motta nyhetsbrev. Jeg protesterer også mot behandlingen av mine opplysninger på grunn av min særlige situasjon.",
            None,
        ),
        (
            "",
            "Stop sending me marketing. I also object to processing based on your legitimate interests.",
            None,
        ),
    ]);
}

#[test]
fn descriptions_and_quotes_do_not_name_the_scope() {
    check(&[
        (
            "",
            "Jeg protesterer mot behandlingen av mine opplysninger. Du kan be om å ikke få nyhetsbrev, står det.",
            None,
        ),
        (
            "",
            "I object to the processing of my personal data.\n\nOn Mon, 5 Feb 2024, ORINOR wrote:\n> Get our newsletter and special offers!",
            None,
        ),
    ]);
}

#[test]
fn the_reason_is_the_words_it_was_read_from() {
    let reading = read_objection("", "Jeg reserverer meg mot markedsføring fra dere.");
    assert_eq!(reading.reason(), Some((Marketing, "markedsføring")));
    let reading = read_objection(
        "",
        "I object to the processing on grounds relating to my particular situation.",
    );
    assert_eq!(reading.reason(), Some((Situation, "particular situation")));
}

#[test]
fn a_parsed_message_carries_its_scope_only_with_an_objection() {
    let mail = |body: &str| {
        let raw = format!("From: kari@example.no\nSubject: Personvern\n\n{body}");
        parse_message(raw.as_bytes(), "t.eml", None, now()).expect("parses")
    };
    let stop = mail("Jeg vil ikke lenger motta nyhetsbrev fra dere.");
    assert_eq!(stop.objection_scope(), Some(Marketing));
    assert_eq!(stop.objection_reason(), Some((Marketing, "nyhetsbrev")));
    // Erasure from a newsletter-shaped message is no objection, and has no scope.
    let erase =
        mail("Jeg ber dere slette alle mine opplysninger, også de dere bruker til nyhetsbrev.");
    assert_eq!(erase.right_list(), vec![Right::Erasure]);
    assert_eq!(erase.objection_scope(), None);
    assert_eq!(erase.objection, Default::default());
}
