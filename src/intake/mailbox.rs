//! Finding the messages in a path: one `.eml` file, a Maildir (its `new/` and `cur/`), an
//! mbox file, a web-form export, or a folder of such files. Each message or row gives one
//! result; a bad one never stops the others.

use std::fs::{self, File};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::time::{parse_maildir_name, parse_mbox_from_line};
use super::{Incoming, IntakeError, MAX_MESSAGE_BYTES, forms, parse_message};

type Item = Result<Incoming, IntakeError>;

/// Everything in `path`, one result per message or form row, in a stable order.
pub fn read_path(path: &Path, now: DateTime<Utc>) -> Vec<Item> {
    let mut all = Vec::new();
    visit_path(path, now, |item| all.push(item));
    all
}

/// Like [`read_path`], but hands each result over as soon as it is read: for progress
/// reports and for mailboxes too large to hold at once.
pub fn visit_path(path: &Path, now: DateTime<Utc>, mut each: impl FnMut(Item)) {
    let shown = path.display().to_string();
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return each(Err(IntakeError::new(shown, format!("cannot be read: {e}")))),
    };
    if !meta.is_dir() {
        return read_file(path, now, &mut each);
    }
    let is_maildir = ["new", "cur"].iter().any(|d| path.join(d).is_dir());
    let files = if is_maildir {
        let mut files = list_files(&path.join("new"));
        files.extend(list_files(&path.join("cur")));
        files
    } else {
        let files: Vec<PathBuf> = list_files(path)
            .into_iter()
            .filter(|f| kind_by_name(f).is_some())
            .collect();
        if files.is_empty() {
            let reason = "is a folder with no new/ or cur/ inside (not a Maildir) and no .eml, .mbox, .json or .csv files";
            return each(Err(IntakeError::new(shown, reason)));
        }
        files
    };
    for file in files {
        if is_maildir {
            let time = file
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(parse_maildir_name);
            each(read_one_message(
                &file,
                time.or_else(|| modified(&file)),
                now,
            ));
        } else {
            read_file(&file, now, &mut each);
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Eml,
    Mbox,
    Json,
    Csv,
}

fn kind_by_name(path: &Path) -> Option<Kind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "eml" => Some(Kind::Eml),
        "mbox" | "mbx" => Some(Kind::Mbox),
        "json" => Some(Kind::Json),
        "csv" => Some(Kind::Csv),
        _ => None,
    }
}

fn read_file(path: &Path, now: DateTime<Utc>, each: &mut impl FnMut(Item)) {
    let kind = kind_by_name(path).unwrap_or_else(|| {
        // No telling extension: an mbox starts with its "From " separator line.
        let mut head = [0u8; 5];
        let is_mbox = File::open(path)
            .and_then(|mut f| f.read_exact(&mut head))
            .is_ok()
            && &head == b"From ";
        if is_mbox { Kind::Mbox } else { Kind::Eml }
    });
    match kind {
        Kind::Eml => each(read_one_message(path, modified(path), now)),
        Kind::Mbox => read_mbox(path, now, each),
        Kind::Json => forms::read_json(path, modified(path), now)
            .into_iter()
            .for_each(each),
        Kind::Csv => forms::read_csv(path, modified(path), now)
            .into_iter()
            .for_each(each),
    }
}

/// Files directly in `dir`, sorted by name, hidden ones (`.`) left out.
fn list_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    p.is_file()
                        && !p
                            .file_name()
                            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

fn modified(path: &Path) -> Option<DateTime<Utc>> {
    fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .map(DateTime::<Utc>::from)
}

/// Reads a whole file that must fit the message limit, refusing it unread otherwise.
pub(crate) fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, IntakeError> {
    let shown = path.display().to_string();
    let len = fs::metadata(path)
        .map_err(|e| IntakeError::new(&shown, format!("cannot be read: {e}")))?
        .len();
    if len > limit {
        let reason = format!(
            "the file is {:.1} MB, over the {} MB limit",
            mb(len),
            limit / (1024 * 1024)
        );
        return Err(IntakeError::new(shown, reason));
    }
    fs::read(path).map_err(|e| IntakeError::new(shown, format!("cannot be read: {e}")))
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn read_one_message(path: &Path, file_time: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Item {
    let raw = read_bounded(path, MAX_MESSAGE_BYTES as u64)?;
    parse_message(&raw, &path.display().to_string(), file_time, now)
}

/// Splits an mbox on its `From ` lines, streaming so a large mailbox never sits in memory
/// whole; `>From ` escapes are undone and each separator's date serves as the file time.
fn read_mbox(path: &Path, now: DateTime<Utc>, each: &mut impl FnMut(Item)) {
    let shown = path.display().to_string();
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return each(Err(IntakeError::new(shown, format!("cannot be read: {e}")))),
    };
    let mut reader = BufReader::new(file);
    let mut current: Option<(Vec<u8>, Option<DateTime<Utc>>, bool)> = None; // bytes, time, too big
    let mut count = 0;
    let mut line = Vec::new();
    let mut finish = |msg: Option<(Vec<u8>, Option<DateTime<Utc>>, bool)>, count: usize| {
        if let Some((bytes, time, too_big)) = msg {
            let source = format!("{shown}:message {count}");
            each(if too_big {
                Err(IntakeError::new(
                    source,
                    format!(
                        "the message is over the {} MB limit",
                        MAX_MESSAGE_BYTES / (1024 * 1024)
                    ),
                ))
            } else {
                parse_message(&bytes, &source, time, now)
            });
        }
    };
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                finish(current.take(), count);
                return finish_err(&shown, &e.to_string(), each);
            }
        }
        if line.starts_with(b"From ") {
            finish(current.take(), count);
            count += 1;
            let time = parse_mbox_from_line(&String::from_utf8_lossy(&line));
            current = Some((Vec::new(), time, false));
            continue;
        }
        let Some((bytes, _, too_big)) = current.as_mut() else {
            continue; // text before the first separator is not a message
        };
        let unescaped = if line.starts_with(b">")
            && line
                .iter()
                .skip_while(|&&b| b == b'>')
                .take(5)
                .eq(b"From ".iter())
        {
            &line[1..]
        } else {
            &line[..]
        };
        if bytes.len() + unescaped.len() > MAX_MESSAGE_BYTES {
            *too_big = true;
            bytes.clear();
        } else if !*too_big {
            bytes.extend_from_slice(unescaped);
        }
    }
    finish(current.take(), count);
    if count == 0 {
        each(Err(IntakeError::new(
            shown,
            "no \"From \" separator lines found: this is not an mbox file",
        )));
    }
}

fn finish_err(shown: &str, error: &str, each: &mut impl FnMut(Item)) {
    each(Err(IntakeError::new(
        shown,
        format!("reading stopped part-way: {error}"),
    )));
}

#[cfg(test)]
mod tests {
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
}
