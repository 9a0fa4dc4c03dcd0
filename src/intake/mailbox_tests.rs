//! Maildir, mbox and folders on disk, built in temporary directories.

use std::fs;

use super::super::corpus_tests::{fixture, fixtures, now};
use super::*;
use crate::domain::request::Right;

fn ok_sources(items: &[Item]) -> Vec<String> {
    items
        .iter()
        .filter_map(|i| i.as_ref().ok())
        .map(|m| m.source.clone())
        .collect()
}

#[test]
fn maildir_reads_new_and_cur_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    for sub in ["new", "cur", "tmp"] {
        fs::create_dir(dir.path().join(sub)).expect("mkdir");
    }
    fs::write(
        dir.path().join("new/1706781600.M1P1.host"),
        fixture("nb_multi_right.eml"),
    )
    .expect("write");
    // No Date header: the delivery time in the file name stands in.
    fs::write(
        dir.path().join("cur/1706868000.M2P1.host:2,S"),
        fixture("hostile_missing_headers.eml"),
    )
    .expect("write");
    fs::write(
        dir.path().join("cur/1706868001.M3P1.host:2,S"),
        fixture("hostile_not_mail.eml"),
    )
    .expect("write");
    fs::write(
        dir.path().join("tmp/1706868002.M4P1.host"),
        fixture("nb_rectification.eml"),
    )
    .expect("write");
    fs::write(
        dir.path().join("new/.hidden"),
        fixture("nb_rectification.eml"),
    )
    .expect("write");

    let items = read_path(dir.path(), now());
    assert_eq!(
        items.len(),
        3,
        "tmp/ and hidden files are skipped: {items:?}"
    );
    let first = items[0].as_ref().expect("first parses");
    assert!(first.source.ends_with("new/1706781600.M1P1.host"));
    assert_eq!(
        first.right_list(),
        vec![Right::Access, Right::Erasure, Right::Objection]
    );
    let dated = items[1].as_ref().expect("second parses");
    assert_eq!(
        dated.received,
        DateTime::from_timestamp(1_706_868_000, 0).expect("t")
    );
    let bad = items[2].as_ref().expect_err("junk is an error");
    assert!(
        bad.path.ends_with("M3P1.host:2,S") && bad.reason.contains("not an e-mail"),
        "{bad}"
    );
}

#[test]
fn mbox_splits_on_from_lines_and_unescapes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut mbox = b"From kari@example.no Thu Feb  1 10:00:00 2024\n".to_vec();
    mbox.extend(fixture("nb_rectification.eml"));
    mbox.extend(b"\nFrom someone Fri Feb  2 11:00:00 2024\n");
    mbox.extend(b"Subject: innsyn\n\nJeg ber om innsyn.\n>From here on, quoted.\n\n");
    mbox.extend(b"From junk Sat Feb  3 12:00:00 2024\n\x00\x01\x02\n");
    let path = dir.path().join("privacy.mbox");
    fs::write(&path, &mbox).expect("write");

    let items = read_path(&path, now());
    assert_eq!(items.len(), 3);
    assert_eq!(
        items[0].as_ref().map(|m| m.right_list()),
        Ok(vec![Right::Rectification])
    );
    let second = items[1].as_ref().expect("second parses");
    assert!(second.source.ends_with("privacy.mbox:message 2"));
    assert!(
        second.text.contains("\nFrom here on, quoted."),
        "{}",
        second.text
    );
    assert_eq!(
        second.received,
        DateTime::parse_from_rfc3339("2024-02-02T11:00:00Z").expect("t")
    );
    assert!(
        items[2]
            .as_ref()
            .is_err_and(|e| e.path.ends_with(":message 3"))
    );
}

#[test]
fn an_mbox_without_separators_is_one_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("empty.mbox");
    fs::write(&path, "just some text\n").expect("write");
    let items = read_path(&path, now());
    assert_eq!(items.len(), 1);
    assert!(
        items[0]
            .as_ref()
            .is_err_and(|e| e.reason.contains("not an mbox"))
    );
}

#[test]
fn an_mbox_without_extension_is_sniffed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("Inbox");
    fs::write(
        &path,
        b"From a Thu Feb  1 10:00:00 2024\nSubject: Innsyn\n\nJeg ber om innsyn.\n",
    )
    .expect("write");
    assert_eq!(
        ok_sources(&read_path(&path, now())),
        vec![format!("{}:message 1", path.display())]
    );
}

#[test]
fn a_folder_of_files_reads_each_known_kind() {
    let items = read_path(&fixtures(), now());
    let eml = fs::read_dir(fixtures())
        .expect("dir")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "eml"))
        })
        .count();
    // Every .eml, plus the rows of webform.csv (7) and webform.json (5).
    assert_eq!(items.len(), eml + 7 + 5);
    assert_eq!(
        items.iter().filter(|i| i.is_err()).count(),
        1 + 3 + 2,
        "not-mail, 3 bad CSV rows, 2 bad JSON items"
    );
}

#[test]
fn unreadable_paths_say_so() {
    let items = read_path(Path::new("/nonexistent/intake/path"), now());
    assert!(matches!(&items[..], [Err(e)] if e.reason.starts_with("cannot be read")));
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("notes.txt"), "hei").expect("write");
    let items = read_path(dir.path(), now());
    assert!(matches!(&items[..], [Err(e)] if e.reason.contains("not a Maildir")));
}

#[test]
fn oversized_files_are_refused_unread() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.eml");
    let file = File::create(&path).expect("create");
    file.set_len(MAX_MESSAGE_BYTES as u64 + 1)
        .expect("sparse file");
    let items = read_path(&path, now());
    assert!(
        matches!(&items[..], [Err(e)] if e.reason.contains("over the 25 MB limit")),
        "{items:?}"
    );
}

#[test]
fn visiting_hands_over_each_result_in_order() {
    let mut seen = Vec::new();
    visit_path(&fixtures().join("webform.json"), now(), |item| {
        seen.push(item.is_ok())
    });
    assert_eq!(seen, vec![true, true, false, false, true]);
}

#[test]
fn an_oversized_mbox_message_is_refused_and_the_next_still_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.mbox");
    let mut mbox = b"From a Thu Feb  1 10:00:00 2024\nSubject: big\n\n".to_vec();
    mbox.extend(
        std::iter::repeat_n(b"x".repeat(1023).into_iter().chain([b'\n']), 26 * 1024).flatten(),
    );
    mbox.extend(b"From b Thu Feb  1 11:00:00 2024\nSubject: Innsyn\n\nJeg ber om innsyn.\n");
    fs::write(&path, &mbox).expect("write");
    let items = read_path(&path, now());
    assert_eq!(items.len(), 2);
    assert!(
        items[0]
            .as_ref()
            .is_err_and(|e| e.reason.contains("over the 25 MB limit"))
    );
    assert_eq!(
        items[1].as_ref().map(|m| m.right_list()),
        Ok(vec![Right::Access])
    );
}
