//! Finding the messages in a path: one `.eml` file, a Maildir (its `new/` and `cur/`), an
//! mbox file, a web-form export, or a folder of such files. Each message or row gives one
//! result; a bad one never stops the others.

use std::fs::{self, File};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::receipt::{Delivery, ReceiptSource};
use super::time::{parse_maildir_name, parse_mbox_from_line};
use super::{Incoming, IntakeError, MAX_LINE_BYTES, MAX_MESSAGE_BYTES, forms, parse_message};

type Item = Result<Incoming, IntakeError>;

/// Everything in `path`, one result per message or form row, in a stable order.
pub fn read_path(path: &Path, now: DateTime<Utc>) -> Vec<Result<Incoming, IntakeError>> {
    let mut all = Vec::new();
    visit_path(path, now, |item| all.push(item));
    all
}

/// Like [`read_path`], but hands each result over as soon as it is read: for progress
/// reports and for mailboxes too large to hold at once.
pub fn visit_path(
    path: &Path,
    now: DateTime<Utc>,
    mut each: impl FnMut(Result<Incoming, IntakeError>),
) {
    let shown = path.display().to_string();
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return each(Err(IntakeError::new(shown, format!("cannot be read: {e}")))),
    };
    if !meta.is_dir() {
        if !meta.is_file() {
            return each(Err(not_regular(shown)));
        }
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
            // A Maildir file's name (else its time, set on delivery) is when it arrived.
            let delivered = time.or_else(|| modified(&file)).map(|at| Delivery {
                at,
                source: ReceiptSource::MaildirDelivery,
            });
            each(read_one_message(&file, delivered, now));
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
        let is_mbox = open_regular(path)
            .map_err(std::io::Error::other)
            .and_then(|mut f| f.read_exact(&mut head))
            .is_ok()
            && &head == b"From ";
        if is_mbox { Kind::Mbox } else { Kind::Eml }
    });
    match kind {
        Kind::Eml => each(read_one_message(
            path,
            modified(path).map(Delivery::file),
            now,
        )),
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

/// A FIFO, device or socket: reading one could wait forever or never end.
fn not_regular(shown: String) -> IntakeError {
    IntakeError::new(
        shown,
        "is not a regular file (a FIFO, device or socket): nothing was read; import a saved file",
    )
}

/// Opens a regular file for reading; anything else is refused before it is opened (opening
/// a FIFO waits for a writer).
fn open_regular(path: &Path) -> Result<File, IntakeError> {
    let shown = path.display().to_string();
    let unreadable = |e: std::io::Error| IntakeError::new(&shown, format!("cannot be read: {e}"));
    if !fs::metadata(path).map_err(unreadable)?.is_file() {
        return Err(not_regular(shown));
    }
    let file = File::open(path).map_err(unreadable)?;
    // The name may have been swapped since it was looked at.
    if !file.metadata().map_err(unreadable)?.is_file() {
        return Err(not_regular(shown));
    }
    Ok(file)
}

/// Reads a whole file that must fit the message limit, refusing it unread otherwise.
pub(crate) fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, IntakeError> {
    let shown = path.display().to_string();
    let file = open_regular(path)?;
    let too_big = |len: u64| {
        let reason = format!(
            "the file is {:.1} MB, over the {} MB limit",
            mb(len),
            limit / (1024 * 1024)
        );
        IntakeError::new(&shown, reason)
    };
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len > limit {
        return Err(too_big(len));
    }
    // The file may grow while it is read: never hold more than the limit.
    let mut raw = Vec::with_capacity(len as usize);
    file.take(limit + 1)
        .read_to_end(&mut raw)
        .map_err(|e| IntakeError::new(&shown, format!("cannot be read: {e}")))?;
    if raw.len() as u64 > limit {
        return Err(too_big(raw.len() as u64));
    }
    Ok(raw)
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn read_one_message(path: &Path, delivery: Option<Delivery>, now: DateTime<Utc>) -> Item {
    let raw = read_bounded(path, MAX_MESSAGE_BYTES as u64)?;
    parse_message(&raw, &path.display().to_string(), delivery, now)
}

/// Splits an mbox on its `From ` lines, streaming so a large mailbox never sits in memory
/// whole; each separator's date serves as the file time.
fn read_mbox(path: &Path, now: DateTime<Utc>, each: &mut impl FnMut(Item)) {
    let shown = path.display().to_string();
    let file = match open_regular(path) {
        Ok(f) => f,
        Err(e) => return each(Err(e)),
    };
    let mut reader = BufReader::new(file);
    let (mut pending, mut count, mut line) = (None::<Pending>, 0, Vec::new());
    loop {
        line.clear();
        match read_line_capped(&mut reader, &mut line, MAX_LINE_BYTES) {
            Ok((0, _)) => break,
            Ok((_, true)) => {
                // Hold no more of a line than the cap; the message it is in is refused.
                if let Some(p) = pending.as_mut().filter(|_| !line.starts_with(b"From ")) {
                    p.long_line = true;
                }
            }
            Ok(_) => {}
            Err(e) => {
                if let Some(p) = pending.take() {
                    each(p.finish(&shown, now));
                }
                let reason = format!("reading stopped part-way: {e}");
                return each(Err(IntakeError::new(shown, reason)));
            }
        }
        if line.starts_with(b"From ") {
            if let Some(p) = pending.take() {
                each(p.finish(&shown, now));
            }
            count += 1;
            let time = parse_mbox_from_line(&String::from_utf8_lossy(&line));
            pending = Some(Pending {
                number: count,
                bytes: Vec::new(),
                time,
                too_big: false,
                long_line: false,
            });
        } else if let Some(p) = pending.as_mut() {
            p.push(unescape_from(&line));
        } // text before the first separator belongs to no message
    }
    if let Some(p) = pending.take() {
        each(p.finish(&shown, now));
    }
    if count == 0 {
        let reason = "no \"From \" separator lines found: this is not an mbox file";
        each(Err(IntakeError::new(shown, reason)));
    }
}

/// One mbox message being collected, line by line.
struct Pending {
    number: usize,
    bytes: Vec<u8>,
    time: Option<DateTime<Utc>>,
    too_big: bool,
    long_line: bool,
}

impl Pending {
    fn push(&mut self, line: &[u8]) {
        if self.too_big || self.long_line {
            self.bytes = Vec::new();
            return;
        }
        if self.bytes.len() + line.len() > MAX_MESSAGE_BYTES {
            // Keep reading to the next separator, but hold nothing more of this one.
            self.too_big = true;
            self.bytes = Vec::new();
        } else {
            self.bytes.extend_from_slice(line);
        }
    }

    fn finish(self, shown: &str, now: DateTime<Utc>) -> Item {
        let source = format!("{shown}:message {}", self.number);
        if self.long_line {
            return Err(long_line(source));
        }
        if self.too_big {
            let limit = MAX_MESSAGE_BYTES / (1024 * 1024);
            return Err(IntakeError::new(
                source,
                format!("the message is over the {limit} MB limit"),
            ));
        }
        let delivery = self.time.map(|at| Delivery {
            at,
            source: ReceiptSource::MboxSeparator,
        });
        parse_message(&self.bytes, &source, delivery, now)
    }
}

/// Why a message with an endless line is refused.
pub(crate) fn long_line(source: impl Into<String>) -> IntakeError {
    IntakeError::new(
        source,
        format!(
            "a line is over the {} MB limit: this is not mail as sent (mail lines are at most 998 characters)",
            MAX_LINE_BYTES / (1024 * 1024)
        ),
    )
}

/// Reads up to and including the next newline, keeping at most `cap` bytes of it (the rest
/// is read and dropped); returns the bytes read and whether the line was cut.
fn read_line_capped(
    reader: &mut impl BufRead,
    line: &mut Vec<u8>,
    cap: usize,
) -> std::io::Result<(usize, bool)> {
    let (mut read, mut cut) = (0, false);
    loop {
        let buf = match reader.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok((read, cut));
        }
        let (chunk, ends) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (&buf[..=i], true),
            None => (buf, false),
        };
        let room = cap.saturating_sub(line.len());
        cut |= chunk.len() > room;
        line.extend_from_slice(&chunk[..chunk.len().min(room)]);
        let n = chunk.len();
        reader.consume(n);
        read += n;
        if ends {
            return Ok((read, cut));
        }
    }
}

/// Undoes mbox quoting: a body line `>From ` (or `>>From `) loses one `>`.
fn unescape_from(line: &[u8]) -> &[u8] {
    let quoted = line.first() == Some(&b'>')
        && line
            .iter()
            .skip_while(|&&b| b == b'>')
            .take(5)
            .eq(b"From ".iter());
    if quoted { &line[1..] } else { line }
}

#[cfg(test)]
#[path = "mailbox_tests.rs"]
mod tests;
