//! Web-form exports: good rows, bad rows, spellings, encodings of the same submission.

use std::fs;

use super::super::RecognisedRight;
use super::super::corpus_tests::{file_time, fixtures, now};
use super::*;
use crate::domain::request::{Channel, ObjectionScope, Right};

fn csv_rows() -> Vec<Item> {
    read_csv(&fixtures().join("webform.csv"), Some(file_time()), now())
}

#[test]
fn csv_rows_become_form_requests() {
    let rows = csv_rows();
    assert_eq!(rows.len(), 7, "the blank last line is no row");
    let kari = rows[0].as_ref().expect("row 2");
    assert!(kari.source.ends_with("webform.csv:row 2"));
    assert_eq!(
        (
            kari.name.as_str(),
            kari.email.as_deref(),
            kari.phone.as_deref()
        ),
        (
            "Kari Nordmann",
            Some("kari@example.no"),
            Some("+47 912 34 567")
        )
    );
    assert_eq!(kari.channel, Channel::Form);
    assert_eq!(kari.text, "Jeg vil se hva dere har.\nTakk.");
    assert_eq!(
        kari.received,
        DateTime::parse_from_rfc3339("2024-02-01T09:00:00Z").expect("t")
    );
    assert_eq!(
        kari.rights,
        vec![RecognisedRight {
            right: Right::Access,
            phrase: "request type: Innsyn".into()
        }]
    );
    let ola = rows[1].as_ref().expect("row 3");
    assert_eq!(
        (ola.right_list(), ola.text.as_str()),
        (vec![Right::Erasure], "")
    );
}

#[test]
fn bad_csv_rows_are_errors_of_their_own() {
    let rows = csv_rows();
    let err = |i: usize| rows[i].as_ref().expect_err("bad row").to_string();
    assert!(
        err(2).contains("row 4: email 'per(at)example.no' is not an e-mail address"),
        "{}",
        err(2)
    );
    assert!(
        err(3).contains("row 5: has 2 fields but the header has 6"),
        "{}",
        err(3)
    );
    assert!(
        err(4).contains("row 6: no name, email or phone"),
        "{}",
        err(4)
    );
    // The rows after the bad ones still come in.
    let anne = rows[5].as_ref().expect("row 7");
    assert_eq!(
        anne.right_list(),
        vec![Right::Access],
        "read from the free text"
    );
    assert_eq!(anne.received, file_time());
    assert_eq!(
        anne.received_note.as_deref(),
        Some("submitted at 'i går' could not be read: used the file time")
    );
    let evil = rows[6].as_ref().expect("row 8");
    assert_eq!(evil.name, "Evil␛ Name");
}

#[test]
fn semicolon_exports_and_header_spellings_are_understood() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("skjema.csv");
    fs::write(&path, "Navn;E-post;Telefon;request_type;Melding;submitted_at\nKari;kari@example.no;91234567;Sletting;;2024-02-01 10:00\n").expect("write");
    let rows = read_csv(&path, None, now());
    let kari = rows[0].as_ref().expect("parses");
    assert_eq!(
        (kari.name.as_str(), kari.phone.as_deref()),
        ("Kari", Some("91234567"))
    );
    assert_eq!(kari.right_list(), vec![Right::Erasure]);
    fs::write(&path, "when,what\n2024,x\n").expect("write");
    let rows = read_csv(&path, None, now());
    assert!(
        matches!(&rows[..], [Err(e)] if e.reason.starts_with("no name, email or phone column"))
    );
}

#[test]
fn json_items_become_form_requests() {
    let items = read_json(&fixtures().join("webform.json"), Some(file_time()), now());
    assert_eq!(items.len(), 5);
    let kari = items[0].as_ref().expect("item 1");
    assert_eq!(
        (kari.phone.as_deref(), kari.right_list()),
        (Some("91234567"), vec![Right::Access])
    );
    assert_eq!(
        kari.received,
        DateTime::parse_from_rfc3339("2024-02-01T09:00:00Z").expect("t")
    );
    let ola = items[1].as_ref().expect("item 2");
    assert_eq!(
        (ola.name.as_str(), ola.email.as_deref()),
        ("Ola Nordmann", Some("ola@example.no"))
    );
    assert_eq!(ola.right_list(), vec![Right::Erasure, Right::Objection]);
    // "Protest" says an objection, not what to: the officer decides.
    assert_eq!(ola.objection_scope(), None);
    assert!(
        items[2]
            .as_ref()
            .is_err_and(|e| e.path.ends_with(":item 3") && e.reason.contains("not an object"))
    );
    assert!(
        items[3]
            .as_ref()
            .is_err_and(|e| e.reason.contains("nobody to answer"))
    );
    let later = items[4].as_ref().expect("item 5");
    assert!(
        later
            .received_note
            .as_deref()
            .is_some_and(|n| n.contains("is in the future"))
    );
}

#[test]
fn json_wrappers_and_broken_json() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("export.json");
    fs::write(
        &path,
        r#"{"count": 1, "submissions": [{"email": "a@b.no", "type": "innsyn"}]}"#,
    )
    .expect("write");
    assert_eq!(
        read_json(&path, None, now())[0]
            .as_ref()
            .map(|m| m.name.clone()),
        Ok("a@b.no".into())
    );
    fs::write(&path, "[{").expect("write");
    assert!(
        matches!(&read_json(&path, None, now())[..], [Err(e)] if e.reason.starts_with("is not valid JSON"))
    );
}

#[test]
fn the_same_submission_hashes_alike_in_csv_and_json() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (csv, json) = (dir.path().join("a.csv"), dir.path().join("a.json"));
    fs::write(
        &csv,
        "email,name,text\nkari@example.no,Kari,Jeg ber om innsyn\n",
    )
    .expect("write");
    fs::write(
        &json,
        r#"[{"name": "Kari", "email": "kari@example.no", "text": "Jeg ber om innsyn"}]"#,
    )
    .expect("write");
    let hash = |items: Vec<Item>| {
        items[0]
            .as_ref()
            .map(|m| m.content_hash.clone())
            .expect("parses")
    };
    assert_eq!(
        hash(read_csv(&csv, None, now())),
        hash(read_json(&json, None, now()))
    );
    fs::write(
        &json,
        r#"[{"name": "Kari", "email": "kari@example.no", "text": "Jeg ber om sletting"}]"#,
    )
    .expect("write");
    assert_ne!(
        hash(read_csv(&csv, None, now())),
        hash(read_json(&json, None, now()))
    );
}

#[test]
fn a_form_objection_takes_its_scope_from_the_request_type_or_the_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("skjema.csv");
    fs::write(
        &path,
        "name,email,request type,text\n\
         Kari,kari@example.no,Reservasjon mot markedsføring,\n\
         Ola,ola@example.no,Protest,Jeg protesterer på grunn av min særlige situasjon.\n\
         Per,per@example.no,Innsyn,Jeg vil ikke ha flere tilbud.\n",
    )
    .expect("write");
    let rows = read_csv(&path, None, now());
    let scope = |i: usize| rows[i].as_ref().expect("parses").objection_scope();
    assert_eq!(scope(0), Some(ObjectionScope::Marketing));
    assert_eq!(scope(1), Some(ObjectionScope::Situation));
    let per = rows[2].as_ref().expect("parses");
    assert_eq!(per.right_list(), vec![Right::Access, Right::Objection]);
    assert_eq!(per.objection_scope(), Some(ObjectionScope::Marketing));
}
