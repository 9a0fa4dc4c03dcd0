//! Exports that leave the desk as files are recorded in the audit trail, the way access
//! packages are: an `exported` event names the file, its size and its SHA-256 (never its
//! content), on the request it was made from (the register has none).
//!
//! Only files are recorded. What is printed to standard output is a view, like `show`, which
//! the trail does not record either; the desk cannot tell a preview from a letter that is
//! sent, nor where the text went.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::ExportError;
use super::files::stage;
use super::letters::{Lang, LetterKind};
use super::register::RegisterFormat;
use crate::store::{ExportRecord, Period, Store};

/// What an export writes, for its event.
#[derive(Debug, Clone, PartialEq)]
pub struct Exported {
    /// The request it is made from; `None` for the register.
    pub reference: Option<String>,
    /// For the event's summary, e.g. "Case summary (Markdown)".
    pub what: String,
    /// Facts about the export that are not content, e.g. `{"export": "letter", ...}`.
    pub about: Value,
}

impl Exported {
    pub fn summary(reference: &str, json: bool) -> Exported {
        Exported {
            reference: Some(reference.to_string()),
            what: format!("Case summary ({})", if json { "JSON" } else { "Markdown" }),
            about: json!({"export": "case-summary", "format": if json { "json" } else { "md" }}),
        }
    }

    pub fn letter(reference: &str, kind: LetterKind, lang: Lang) -> Exported {
        Exported {
            reference: Some(reference.to_string()),
            what: format!("Letter ({kind}, {lang})"),
            about: json!({"export": "letter", "letter": kind.as_str(), "lang": lang.as_str()}),
        }
    }

    pub fn register(format: RegisterFormat, period: Period) -> Exported {
        let format = match format {
            RegisterFormat::Csv => "csv",
            RegisterFormat::Json => "json",
        };
        Exported {
            reference: None,
            what: format!("Register of requests ({})", format.to_uppercase()),
            about: json!({"export": "register", "format": format, "from": period.from, "to": period.to}),
        }
    }
}

/// Counts and hashes what passes through to the file.
struct Hashing<'a> {
    inner: &'a mut dyn Write,
    hash: Sha256,
    bytes: u64,
}

impl Write for Hashing<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Writes `path` through the atomic writer (`fill` streams the content, reading the store if
/// it needs to) and records it in the audit trail. A database that cannot be written refuses
/// before any file is made, and no export leaves the desk unrecorded: a new file whose event
/// cannot be written is removed, and a file replacing another (`overwrite`) is moved into
/// place only once recorded, so on failure the earlier, recorded file stays.
pub fn write_recorded(
    store: &mut Store,
    path: &Path,
    overwrite: bool,
    export: &Exported,
    actor: &str,
    now: DateTime<Utc>,
    fill: impl FnOnce(&Store, &mut dyn Write) -> io::Result<()>,
) -> Result<PathBuf, ExportError> {
    store.check_writable()?;
    let mut digest = None;
    let staged = {
        let store: &Store = store;
        stage(path, overwrite, |out| {
            let mut h = Hashing {
                inner: out,
                hash: Sha256::new(),
                bytes: 0,
            };
            fill(store, &mut h)?;
            digest = Some((h.bytes, hex(&h.hash.finalize())));
            Ok(())
        })?
    };
    let (bytes, sha256) = digest.unwrap_or_default();
    let record = ExportRecord {
        reference: export.reference.clone(),
        what: export.what.clone(),
        file: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        bytes,
        sha256,
        about: export.about.clone(),
    };
    let not_recorded = |e: crate::store::StoreError| ExportError::NotRecorded {
        path: path.display().to_string(),
        detail: e.to_string(),
    };
    if overwrite {
        store
            .record_export(&record, actor, now)
            .map_err(not_recorded)?;
        return staged.place();
    }
    // A new name is claimed first (another process may take it meanwhile), then recorded.
    let written = staged.place()?;
    if let Err(e) = store.record_export(&record, actor, now) {
        let _ = std::fs::remove_file(&written);
        return Err(not_recorded(e));
    }
    Ok(written)
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::EventKind;

    #[test]
    fn a_written_file_is_recorded_with_its_hash_and_not_its_content() {
        let dir = tempfile::tempdir().expect("dir");
        let mut store = Store::open_in_memory().expect("store");
        let now: DateTime<Utc> = "2026-03-06T10:00:00Z".parse().expect("t");
        let path = dir.path().join("register.csv");
        let export = Exported::register(RegisterFormat::Csv, Period::default());
        let written = write_recorded(&mut store, &path, false, &export, "jk", now, |_, out| {
            out.write_all(b"secret content")
        })
        .expect("written");
        assert_eq!(written, path);
        let report = store.verify_chain().expect("chain");
        assert!(report.is_intact());
        assert_eq!(report.events, 1);
        let event = store.events_without_request().expect("events");
        let e = event.last().expect("the export's event");
        assert_eq!(e.kind, EventKind::Exported);
        assert_eq!(e.reference, None);
        assert_eq!(
            e.summary,
            "Register of requests (CSV) written: register.csv"
        );
        assert_eq!(e.detail["file"], "register.csv");
        assert_eq!(e.detail["bytes"], 14);
        assert_eq!(
            e.detail["sha256"],
            hex(&Sha256::digest(b"secret content")).as_str()
        );
        assert!(!e.detail.to_string().contains("secret"));
        // Refused: nothing new is recorded and the file is left alone.
        let err = write_recorded(&mut store, &path, false, &export, "jk", now, |_, out| {
            out.write_all(b"other")
        })
        .expect_err("exists");
        assert!(matches!(err, ExportError::Exists(_)), "{err}");
        assert_eq!(store.verify_chain().expect("chain").events, 1);
    }

    #[test]
    fn a_file_whose_event_cannot_be_written_is_not_kept() {
        let dir = tempfile::tempdir().expect("dir");
        let mut store = Store::open_in_memory().expect("store");
        let now: DateTime<Utc> = "2026-03-06T10:00:00Z".parse().expect("t");
        let path = dir.path().join("DSR-2026-9999-summary.md");
        let err = write_recorded(
            &mut store,
            &path,
            false,
            &Exported::summary("DSR-2026-9999", false),
            "jk",
            now,
            |_, out| out.write_all(b"text"),
        )
        .expect_err("no such request");
        assert!(matches!(err, ExportError::NotRecorded { .. }), "{err}");
        assert!(err.to_string().contains("not kept"), "{err}");
        assert!(!path.exists());
    }

    #[test]
    fn a_replacement_that_cannot_be_recorded_leaves_the_earlier_file() {
        let dir = tempfile::tempdir().expect("dir");
        let mut store = Store::open_in_memory().expect("store");
        let now: DateTime<Utc> = "2026-03-06T10:00:00Z".parse().expect("t");
        let path = dir.path().join("DSR-2026-9999-summary.md");
        std::fs::write(&path, b"earlier, recorded").expect("seed");
        let err = write_recorded(
            &mut store,
            &path,
            true,
            &Exported::summary("DSR-2026-9999", false),
            "jk",
            now,
            |_, out| out.write_all(b"new"),
        )
        .expect_err("no such request");
        assert!(matches!(err, ExportError::NotRecorded { .. }), "{err}");
        assert_eq!(std::fs::read(&path).expect("read"), b"earlier, recorded");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names.len(), 1, "no temporary file left: {names:?}");
        // Recorded, the replacement takes its place.
        let path = dir.path().join("register.csv");
        std::fs::write(&path, b"old").expect("seed");
        let export = Exported::register(RegisterFormat::Csv, Period::default());
        write_recorded(&mut store, &path, true, &export, "jk", now, |_, out| {
            out.write_all(b"new")
        })
        .expect("replaced");
        assert_eq!(std::fs::read(&path).expect("read"), b"new");
    }
}
