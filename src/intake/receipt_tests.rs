//! Receipt is arrival: each source in its turn, the sender's Date header last, never after
//! the import.

use std::fs;

use chrono::{DateTime, Utc};

use super::*;
use crate::intake::{parse_message, read_path};

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Utc))
        .expect("test time")
}

fn now() -> DateTime<Utc> {
    at("2026-12-03T09:00:00Z")
}

/// A request whose sender's clock says 2 December; our server took it in on 1 December.
const DATED_LATE: &str = "Received: from mx.acme.no (mx.acme.no [192.0.2.10])\r
\tby mail.acme.no with ESMTPS id 4A1;\r
\tTue, 1 Dec 2026 21:15:02 +0100\r
Received: from [10.0.0.5] by smtp.example.no; Tue, 1 Dec 2026 21:14:58 +0100\r
From: Kari Nordmann <kari@example.no>\r
To: personvern@acme.no\r
Subject: Innsyn\r
Date: Wed, 2 Dec 2026 08:00:00 +0100\r
Message-ID: <late@example.no>\r
\r
Jeg ber om innsyn.\r
";

fn no_received(date: &str) -> String {
    format!(
        "From: Kari <kari@example.no>\nSubject: Innsyn\nDate: {date}\nMessage-ID: <x@example.no>\n\nJeg ber om innsyn.\n"
    )
}

#[test]
fn the_topmost_received_header_beats_the_date_header() {
    let m = parse_message(DATED_LATE.as_bytes(), "t.eml", None, now()).expect("parses");
    assert_eq!(m.received, at("2026-12-01T20:15:02Z"));
    assert_eq!(m.received_from, ReceiptSource::ReceivedHeader);
    let note = m
        .received_note
        .expect("a note on the disagreeing Date header");
    assert!(note.contains("Date header says 2026-12-02 08:00"), "{note}");
    // Even a file time does not override the server's stamp.
    let m = parse_message(
        DATED_LATE.as_bytes(),
        "t.eml",
        Some(Delivery::file(at("2026-12-02T12:00:00Z"))),
        now(),
    )
    .expect("parses");
    assert_eq!(m.received, at("2026-12-01T20:15:02Z"));
}

#[test]
fn a_date_five_days_before_arrival_is_not_the_receipt() {
    let raw = DATED_LATE.replace(
        "Date: Wed, 2 Dec 2026 08:00:00 +0100",
        "Date: Thu, 26 Nov 2026 21:00:00 +0100",
    );
    let m = parse_message(raw.as_bytes(), "t.eml", None, now()).expect("parses");
    assert_eq!(m.received, at("2026-12-01T20:15:02Z"));
    assert_eq!(m.received.date_naive().to_string(), "2026-12-01");
    let note = m.received_note.expect("note");
    assert!(note.contains("5 day(s) before it arrived"), "{note}");
}

#[test]
fn maildir_delivery_beats_the_date_header() {
    let dir = tempfile::tempdir().expect("tempdir");
    for sub in ["new", "cur", "tmp"] {
        fs::create_dir(dir.path().join(sub)).expect("mkdir");
    }
    // 1 Dec 2026 20:00:00 UTC, delivered; the sender's clock said 2 Dec.
    let delivered = at("2026-12-01T20:00:00Z");
    let name = format!("{}.M1P2.mail.acme.no:2,S", delivered.timestamp());
    fs::write(
        dir.path().join("cur").join(name),
        no_received("Wed, 2 Dec 2026 08:00:00 +0100"),
    )
    .expect("write");
    let items = read_path(dir.path(), now());
    let m = items[0].as_ref().expect("parses");
    assert_eq!(m.received, delivered);
    assert_eq!(m.received_from, ReceiptSource::MaildirDelivery);
}

#[test]
fn the_mbox_separator_beats_the_date_header() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("inbox.mbox");
    let mbox = format!(
        "From kari@example.no Tue Dec  1 20:00:00 2026\n{}",
        no_received("Thu, 26 Nov 2026 21:00:00 +0100")
    );
    fs::write(&path, mbox).expect("write");
    let items = read_path(&path, now());
    let m = items[0].as_ref().expect("parses");
    assert_eq!(m.received, at("2026-12-01T20:00:00Z"));
    assert_eq!(m.received_from, ReceiptSource::MboxSeparator);
}

#[test]
fn the_date_header_only_when_nothing_recorded_arrival() {
    let raw = no_received("Tue, 1 Dec 2026 10:00:00 +0100");
    // A loose .eml's file time (copied, unpacked) is weaker than the Date header.
    let m = parse_message(
        raw.as_bytes(),
        "t.eml",
        Some(Delivery::file(at("2026-12-02T10:00:00Z"))),
        now(),
    )
    .expect("parses");
    assert_eq!(m.received, at("2026-12-01T09:00:00Z"));
    assert_eq!(m.received_from, ReceiptSource::DateHeader);
    assert_eq!(m.received_note, None);
    // No Date header either: the file time, then the import time.
    let bare = "From: Kari <kari@example.no>\nSubject: Innsyn\n\nJeg ber om innsyn.\n";
    let m = parse_message(
        bare.as_bytes(),
        "t.eml",
        Some(Delivery::file(at("2026-12-02T10:00:00Z"))),
        now(),
    )
    .expect("parses");
    assert_eq!(m.received_from, ReceiptSource::FileTime);
    let m = parse_message(bare.as_bytes(), "t.eml", None, now()).expect("parses");
    assert_eq!(
        (m.received, m.received_from),
        (now(), ReceiptSource::ImportTime)
    );
}

#[test]
fn never_after_the_import_time() {
    // A server stamp in the future (a wrong clock) is passed over with a note.
    let raw = DATED_LATE.replace(
        "Tue, 1 Dec 2026 21:15:02 +0100",
        "Sat, 1 Dec 2029 21:15:02 +0100",
    );
    let m = parse_message(raw.as_bytes(), "t.eml", None, now()).expect("parses");
    assert_eq!(m.received_from, ReceiptSource::DateHeader);
    assert!(
        m.received_note
            .is_some_and(|n| n.contains("Received header"))
    );
    // Minutes ahead (within the clock tolerance) is taken, but as the import time at most.
    let raw = DATED_LATE.replace(
        "Tue, 1 Dec 2026 21:15:02 +0100",
        "Thu, 3 Dec 2026 10:03:00 +0100",
    );
    let m = parse_message(raw.as_bytes(), "t.eml", None, now()).expect("parses");
    assert_eq!(
        (m.received, m.received_from),
        (now(), ReceiptSource::ReceivedHeader)
    );
}

#[test]
fn the_choice_is_a_pure_order_of_candidates() {
    let r = choose_receipt(
        vec![
            (
                ReceiptSource::ReceivedHeader,
                Stated::Unreadable("soon".into()),
            ),
            (ReceiptSource::MaildirDelivery, Stated::Missing),
            (
                ReceiptSource::DateHeader,
                Stated::At(at("2026-12-01T09:00:00Z")),
            ),
        ],
        now(),
    );
    assert_eq!(r.at, at("2026-12-01T09:00:00Z"));
    assert_eq!(r.source, ReceiptSource::DateHeader);
    assert_eq!(
        r.note.as_deref(),
        Some("Received header 'soon' could not be read: used the sender's Date header")
    );
    let r = choose_receipt(vec![], now());
    assert_eq!((r.at, r.source), (now(), ReceiptSource::ImportTime));
    for s in ALL_SOURCES {
        assert_eq!(ReceiptSource::parse(s.as_str()), Some(s));
    }
}
