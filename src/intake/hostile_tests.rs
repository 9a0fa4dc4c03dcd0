//! Hostile and broken input: escape sequences, broken MIME, missing headers, invalid
//! UTF-8, absurd dates, junk, and sizes past the limits. Nothing may panic or leak.

use super::corpus_tests::{file_time, fixture, now, parse};
use super::*;
use crate::domain::request::Right::Access;

#[test]
fn escape_sequences_never_survive() {
    let m = parse("hostile_escapes.eml");
    let controls = |s: &str| s.chars().filter(|c| c.is_control() && *c != '\n').count();
    assert_eq!(controls(&m.text), 0, "{:?}", m.text);
    assert_eq!(controls(m.subject.as_deref().unwrap_or_default()), 0);
    assert_eq!(controls(&m.name), 0);
    assert!(
        m.subject.as_deref().is_some_and(|s| s.contains('␛')),
        "tampering stays visible"
    );
    assert!(!m.text.contains('\u{9b}') && !m.name.contains('\u{1b}'));
}

#[test]
fn broken_and_missing_structure_degrades_gently() {
    let m = parse("hostile_broken_boundary.eml");
    assert_eq!(m.text, "Jeg ber om innsyn i mine opplysninger.");
    assert!(m.attachments.is_empty());
    let m = parse("hostile_missing_headers.eml");
    assert_eq!(
        (m.name.as_str(), m.email.as_deref()),
        ("unknown sender", None)
    );
    assert_eq!(m.received, file_time());
    assert_eq!(
        m.received_note.as_deref(),
        Some("Date header missing: used the file time")
    );
    let m = parse("hostile_future_date.eml");
    assert_eq!(m.received, file_time());
    assert!(m.received_note.as_deref().is_some_and(|n| {
        n.starts_with("Date header: the receipt time 2100-01-01 01:00 is in the future")
    }));
    let err =
        parse_message(&fixture("hostile_not_mail.eml"), "junk", None, now()).expect_err("not mail");
    assert!(err.reason.contains("not an e-mail message"), "{err}");
    assert!(parse_message(b"", "empty", None, now()).is_err());
}

#[test]
fn invalid_utf8_is_replaced_not_fatal() {
    let m = parse("hostile_invalid_utf8.eml");
    assert!(m.text.starts_with("Slett meg"), "{}", m.text);
    assert!(
        m.subject
            .as_deref()
            .is_some_and(|s| s.starts_with("Sletting"))
    );
    // Every prefix of a message parses without panicking.
    let raw = fixture("nb_attachment.eml");
    for cut in (0..raw.len()).step_by(37) {
        let _ = parse_message(&raw[..cut], "cut", None, now());
    }
}

#[test]
fn huge_bodies_are_cut_and_oversized_messages_refused() {
    let mut raw = b"From: a@b.no\nSubject: Innsyn\nDate: Mon, 5 Feb 2024 09:30:00 +0100\n\nJeg ber om innsyn.\n".to_vec();
    raw.extend(std::iter::repeat_n(b"lorem ipsum dolor sit amet\n".as_slice(), 40_000).flatten());
    let m = parse_message(&raw, "big", None, now()).expect("parses");
    assert!(m.text.len() < MAX_TEXT_BYTES + 100 && m.text.ends_with("more bytes not kept]"));
    assert_eq!(m.right_list(), vec![Access]);
    raw.resize(MAX_MESSAGE_BYTES + 1, b'x');
    let err = parse_message(&raw, "huge", None, now()).expect_err("too big");
    assert!(err.reason.contains("over the 25 MB limit"), "{err}");
}

/// A letter-sized cap holds for any text: one 200 KB sentence repeating a phrase is read
/// like a short one (the look-back and the checks per sentence are bounded; an unbounded
/// look-back once took minutes here).
#[test]
fn one_huge_sentence_repeating_a_request_is_read_like_a_short_one() {
    let rights = |phrase: &str| {
        let body = phrase.repeat(MAX_TEXT_BYTES / phrase.len());
        crate::intake::recognise("", &body)
            .into_iter()
            .map(|r| r.right)
            .collect::<Vec<_>>()
    };
    use crate::domain::request::Right::{Erasure, Objection};
    assert_eq!(rights("Please delete my account and "), vec![Erasure]);
    assert_eq!(rights("stop sending me offers "), vec![Objection]);
    assert_eq!(rights("delete it "), Vec::new());
}
