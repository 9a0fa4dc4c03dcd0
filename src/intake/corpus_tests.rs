//! The message corpus: every fixture under tests/fixtures/mail/ with the rights it must
//! (or must not) give, the encodings it exercises, and generated hostile input.

use std::path::PathBuf;

use super::*;
use crate::domain::request::Right::{self, *};

pub(super) fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2024-03-01T12:00:00Z")
        .map(|t| t.with_timezone(&Utc))
        .expect("test time")
}

pub(super) fn file_time() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2024-02-20T08:00:00Z")
        .map(|t| t.with_timezone(&Utc))
        .expect("test time")
}

pub(super) fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mail")
}

pub(super) fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixtures().join(name)).expect("fixture exists")
}

pub(super) fn parse(name: &str) -> Incoming {
    parse_message(
        &fixture(name),
        name,
        Some(Delivery::file(file_time())),
        now(),
    )
    .expect("fixture parses")
}

pub(super) fn sample_incoming() -> Incoming {
    parse_message(b"From: a@b.no\nSubject: x\n\nhei", "t", None, now()).expect("sample parses")
}

/// What each message asks for; an empty list means "needs triage" and is the right answer
/// for ordinary mail.
const EXPECTED: &[(&str, &[Right])] = &[
    ("nb_access_id_block.eml", &[Access]),
    ("nb_attachment.eml", &[Access]),
    // "en maskinlesbar kopi av opplysningene mine": a copy (all the data, Art. 15) to move
    // (the provided data, Art. 20); both are owed.
    ("nb_html_only_portability.eml", &[Access, Portability]),
    ("nb_multi_right.eml", &[Access, Erasure, Objection]),
    ("nb_portability_move.eml", &[Portability]),
    ("nb_rectification.eml", &[Rectification]),
    ("nb_restriction.eml", &[Restriction]),
    ("nb_raw_latin1_headers.eml", &[Access]),
    ("nb_raw_utf8_headers.eml", &[Access]),
    ("nn_erasure_qp.eml", &[Erasure]),
    ("en_alternative_multi.eml", &[Erasure, Objection]),
    ("en_cp1252_quotes.eml", &[Erasure]),
    ("en_dsar_base64.eml", &[Access]),
    ("de_art15_latin1.eml", &[Access]),
    ("sv_art17.eml", &[Erasure]),
    ("da_art15.eml", &[Access]),
    ("es_art17.eml", &[Erasure]),
    ("fr_art21_cp1252.eml", &[Objection]),
    ("it_art15.eml", &[Access]),
    ("webform_noreply.eml", &[Erasure]),
    // The subject of a reply still names the topic; the quoted history does not count.
    // A reply's subject is the earlier message's; its own words give a number only.
    ("reply_followup.eml", &[]),
    ("not_invoice_question.eml", &[]),
    ("not_sales_pitch.eml", &[]),
    ("not_newsletter.eml", &[]),
    ("not_thank_you.eml", &[]),
    ("not_order_confirmation.eml", &[]),
    ("not_password_reset.eml", &[]),
    ("not_meeting_noise.eml", &[]),
    ("not_price_objection.eml", &[]),
    ("hostile_escapes.eml", &[Access]),
    ("hostile_broken_boundary.eml", &[Access]),
    ("hostile_missing_headers.eml", &[Access]),
    ("hostile_invalid_utf8.eml", &[Erasure]),
    ("hostile_future_date.eml", &[Access]),
];

#[test]
fn every_fixture_gives_exactly_its_rights() {
    for (name, want) in EXPECTED {
        let got = parse(name).right_list();
        assert_eq!(&got, want, "{name}");
    }
    // A fixture added without an expectation would test nothing.
    let listed: Vec<&str> = EXPECTED.iter().map(|(n, _)| *n).collect();
    for entry in std::fs::read_dir(fixtures()).expect("fixture dir") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        let expected_elsewhere = name == "hostile_not_mail.eml" || !name.ends_with(".eml");
        assert!(
            expected_elsewhere || listed.contains(&name.as_str()),
            "{name} has no expectation"
        );
    }
}

#[test]
fn objections_in_the_corpus_say_what_they_are_to() {
    // Each names marketing: "reserverer meg mot markedsføring", "stop sending me marketing
    // emails", "à des fins de prospection".
    for name in [
        "nb_multi_right.eml",
        "en_alternative_multi.eml",
        "fr_art21_cp1252.eml",
    ] {
        assert_eq!(
            parse(name).objection_scope(),
            Some(crate::domain::request::ObjectionScope::Marketing),
            "{name}"
        );
    }
    // No objection, no scope, even where marketing is mentioned.
    for (name, rights) in EXPECTED {
        if !rights.contains(&Objection) {
            assert_eq!(parse(name).objection_scope(), None, "{name}");
        }
    }
}

#[test]
fn raw_8bit_headers_read_as_utf8_else_windows_1252() {
    // Raw bytes, no encoded words: ISO-8859-1 from an old mailer, UTF-8 from a new one.
    for name in ["nb_raw_latin1_headers.eml", "nb_raw_utf8_headers.eml"] {
        let m = parse(name);
        assert_eq!(m.subject.as_deref(), Some("Spørsmål om innsyn"), "{name}");
        assert_eq!(m.name, "Jørn Småbrekke", "{name}");
        assert!(!m.subject.iter().any(|s| s.contains('\u{fffd}')), "{name}");
    }
    // The hash is of the bytes as they came, so a re-import is still found.
    assert_eq!(
        parse("nb_raw_latin1_headers.eml").content_hash,
        sha256_hex(&fixture("nb_raw_latin1_headers.eml"))
    );
}

#[test]
fn identification_block_beats_the_from_header() {
    let m = parse("nb_access_id_block.eml");
    assert_eq!(m.name, "Kari Nordmann");
    assert_eq!(m.email.as_deref(), Some("kari.nordmann@example.no"));
    assert_eq!(m.phone.as_deref(), Some("+47 912 34 567"));
    assert_eq!(m.channel, Channel::Email);
    assert_eq!(
        m.received,
        DateTime::parse_from_rfc3339("2024-02-05T08:30:00Z").expect("t")
    );
    assert_eq!(m.received_note, None);
    assert_eq!(m.rights[0].phrase, "Innsynsbegjæring");
}

#[test]
fn transfer_encodings_and_charsets_decode() {
    assert!(
        parse("nn_erasure_qp.eml")
            .text
            .contains("Eg vil bli gløymd.")
    );
    assert_eq!(
        parse("nn_erasure_qp.eml").subject.as_deref(),
        Some("Sletting av opplysningane mine")
    );
    assert!(
        parse("en_dsar_base64.eml")
            .text
            .contains("make a subject access request")
    );
    let de = parse("de_art15_latin1.eml");
    assert_eq!(
        de.subject.as_deref(),
        Some("Auskunftsersuchen gemäß Art. 15 DSGVO")
    );
    assert_eq!(de.name, "Jürgen Müller");
    assert!(de.text.contains("Mit freundlichen Grüßen"));
    assert!(
        parse("da_art15.eml")
            .text
            .contains("databeskyttelsesforordningen")
    );
    let fr = parse("fr_art21_cp1252.eml");
    assert!(
        fr.text.contains("je m’oppose au traitement de mes données"),
        "{}",
        fr.text
    );
    assert_eq!(fr.name, "Élodie Martin");
    let en = parse("en_cp1252_quotes.eml");
    assert!(
        en.text.contains("“Please erase") && en.text.contains("€20"),
        "{}",
        en.text
    );
    assert_eq!(
        parse("es_art17.eml").subject.as_deref(),
        Some("Solicitud de supresión")
    );
}

#[test]
fn alternative_parts_give_the_plain_text_once() {
    let m = parse("en_alternative_multi.eml");
    assert!(
        !m.text.contains("HTMLPART") && !m.text.contains('<'),
        "{}",
        m.text
    );
    assert_eq!(m.text.matches("Please delete my account").count(), 1);
    assert!(
        m.text.contains("marketing emails"),
        "soft line break joined: {}",
        m.text
    );
}

#[test]
fn html_only_mail_becomes_readable_text() {
    let m = parse("nb_html_only_portability.eml");
    assert!(
        m.text
            .starts_with("Hei,\n\nJeg ønsker en maskinlesbar kopi"),
        "{}",
        m.text
    );
    assert!(m.text.ends_with("Hilsen\nPer"));
    assert!(!m.text.contains("margin") && !m.text.contains("<p>"));
}

#[test]
fn attachments_are_listed_not_kept() {
    let m = parse("nb_attachment.eml");
    assert_eq!(
        m.attachments,
        vec![Attachment {
            name: "legitimasjon.pdf".into(),
            mime: "application/pdf".into(),
            size: 1009
        }]
    );
    assert_eq!(
        m.text,
        "Jeg ber om innsyn. Vedlagt er kopi av legitimasjon."
    );
}

#[test]
fn reply_ids_are_kept_for_follow_ups() {
    let m = parse("reply_followup.eml");
    assert_eq!(m.message_id.as_deref(), Some("reply-1@example.no"));
    assert_eq!(
        m.in_reply_to,
        vec!["ack-77@orinor.no".to_string(), "first-1@example.no".into()]
    );
    assert!(
        m.text.contains("> Vi har mottatt"),
        "the stored text keeps the quote"
    );
    assert_eq!(m.dedupe_key(), "message-id:reply-1@example.no");
}

#[test]
fn web_form_mailer_sender_gives_way_to_the_person() {
    let m = parse("webform_noreply.eml");
    assert_eq!(
        (m.name.as_str(), m.email.as_deref()),
        ("Kari Nordmann", Some("kari.n@example.no"))
    );
    assert_eq!(m.phone.as_deref(), Some("912 34 567"));
    // Without an identification block, Reply-To stands in for a no-reply From.
    let raw = b"From: no-reply@orinor.no\nReply-To: Kari <kari@example.no>\nSubject: Skjema\n\nJeg ber om innsyn.";
    let m = parse_message(raw, "t", None, now()).expect("parses");
    assert_eq!(
        (m.name.as_str(), m.email.as_deref()),
        ("Kari", Some("kari@example.no"))
    );
}

#[test]
fn machine_sent_mail_is_flagged_and_asks_nothing() {
    let m = parse("not_newsletter.eml");
    assert!(
        m.automated
            .as_deref()
            .is_some_and(|a| a.contains("mailing-list")),
        "{:?}",
        m.automated
    );
    assert!(
        m.text.contains("Jeg ber om innsyn"),
        "the quoted template would count without the flag"
    );
    assert_eq!(parse("nb_multi_right.eml").automated, None);
}

#[test]
fn auto_replies_and_bounces_are_flagged_too() {
    let reply = b"From: kari@example.no\nAuto-Submitted: auto-replied\nSubject: Out of office\n\nJeg ber om innsyn.";
    let m = parse_message(reply, "t", None, now()).expect("parses");
    assert_eq!(
        m.automated.as_deref(),
        Some("Auto-Submitted: auto-replied: an automatic reply")
    );
    assert!(m.rights.is_empty());
    let bounce = b"From: MAILER-DAEMON@mx.example\nSubject: Undelivered\nContent-Type: multipart/report; report-type=delivery-status; boundary=B\n\n--B\nContent-Type: text/plain\n\nJeg ber om innsyn.\n--B--\n";
    let m = parse_message(bounce, "t", None, now()).expect("parses");
    assert_eq!(m.automated.as_deref(), Some("a delivery report (bounce)"));
    let human = b"From: kari@example.no\nAuto-Submitted: no\nPrecedence: first-class\nSubject: x\n\nJeg ber om innsyn.";
    assert_eq!(
        parse_message(human, "t", None, now()).map(|m| m.automated),
        Ok(None)
    );
}

#[test]
fn content_hash_follows_the_bytes() {
    let a = parse("nb_rectification.eml");
    assert_eq!(a.content_hash, sha256_hex(&fixture("nb_rectification.eml")));
    assert_ne!(a.content_hash, parse("nb_restriction.eml").content_hash);
    let no_id = parse("hostile_missing_headers.eml");
    assert_eq!(no_id.dedupe_key(), format!("sha256:{}", no_id.content_hash));
}
