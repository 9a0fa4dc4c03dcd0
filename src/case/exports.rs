//! Exports of the case record: the case summary, a letter, the register. Both front ends
//! choose one, [`prepare`] makes it (a letter only once the record allows it, before any file
//! is opened), and [`Prepared::write_file`] writes it whole and records it in the audit trail.
//! Printed to standard output, it is a view and is not recorded (see `export::record`).

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::error::Result;
use super::facts::CaseFacts;
use crate::domain::deadline::oslo_date;
use crate::export::case_facts::CustomerNames;
use crate::export::letters::{self, Lang, LetterKind, LetterSettings, Templates};
use crate::export::record::{Exported, write_recorded};
use crate::export::register::{self, RegisterFormat};
use crate::export::{ExportError, summary};
use crate::store::{Period, Store};

/// What to export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    Summary {
        reference: String,
        json: bool,
    },
    Letter {
        reference: String,
        kind: LetterKind,
        lang: Lang,
    },
    Register {
        format: RegisterFormat,
        period: Period,
        /// A byte-order mark first, so Excel reads the CSV as UTF-8.
        bom: bool,
    },
}

/// What is written: text made in full, or the register streamed from the store.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Body {
    Text(String),
    Register {
        format: RegisterFormat,
        period: Period,
        bom: bool,
        today: chrono::NaiveDate,
    },
}

/// An export made and ready to write: its file name, what the audit trail records, and
/// its content.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    pub file_name: String,
    pub record: Exported,
    body: Body,
}

/// Makes the export of `choice` as the record stands at `now`. A letter the record does
/// not allow is refused here, so nothing is created.
pub fn prepare(
    store: &Store,
    choice: &Choice,
    names: &dyn CustomerNames,
    templates: &Templates,
    now: DateTime<Utc>,
) -> Result<Prepared> {
    let today = oslo_date(now);
    Ok(match choice {
        Choice::Summary { reference, json } => {
            let s = summary::summarize(store, reference, now, names, Vec::new())?;
            let (text, ext) = if *json {
                (summary::json(&s)?, "json")
            } else {
                (summary::markdown(&s), "md")
            };
            Prepared {
                file_name: format!("{}-summary.{ext}", s.reference),
                record: Exported::summary(&s.reference, *json),
                body: Body::Text(text),
            }
        }
        Choice::Letter {
            reference,
            kind,
            lang,
        } => {
            let f = CaseFacts::load(store, reference, today)?;
            let settings = LetterSettings {
                controller: super::controller::of(store)?,
                today,
                suspension_enabled: f.suspension_enabled,
                templates: templates.clone(),
            };
            let text = super::letters::write(*kind, &f, *lang, &settings)?;
            Prepared {
                file_name: letters::file_name(f.reference(), *kind, *lang),
                record: Exported::letter(f.reference(), *kind, *lang),
                body: Body::Text(text),
            }
        }
        Choice::Register {
            format,
            period,
            bom,
        } => Prepared {
            file_name: register::file_name(today, *period, *format),
            record: Exported::register(*format, *period),
            body: Body::Register {
                format: *format,
                period: *period,
                // A mark before JSON would make it invalid: CSV only.
                bom: *bom && *format == RegisterFormat::Csv,
                today,
            },
        },
    })
}

impl Prepared {
    /// Writes the content to `out` (a view: nothing is recorded).
    pub fn write_to(&self, store: &Store, out: &mut dyn Write) -> std::io::Result<()> {
        match &self.body {
            Body::Text(text) => out.write_all(text.as_bytes()),
            Body::Register {
                format,
                period,
                bom,
                today,
            } => register::write(store, *period, *today, *format, *bom, out).map(drop),
        }
    }

    /// Writes the file at `path` whole (never over one there unless `overwrite`) and
    /// records it on the request it was made from, with its size and SHA-256.
    pub fn write_file(
        &self,
        store: &mut Store,
        path: &Path,
        overwrite: bool,
        actor: &str,
        now: DateTime<Utc>,
    ) -> std::result::Result<PathBuf, ExportError> {
        self.write_file_reporting(store, (path, overwrite), actor, now, &mut |_| {})
    }

    /// [`Export::write_file`], saying to `progress` how much is written.
    pub fn write_file_reporting(
        &self,
        store: &mut Store,
        (path, overwrite): (&Path, bool),
        actor: &str,
        now: DateTime<Utc>,
        progress: &mut dyn FnMut(String),
    ) -> std::result::Result<PathBuf, ExportError> {
        write_recorded(
            store,
            path,
            overwrite,
            &self.record,
            actor,
            now,
            |store, out| {
                let mut out = Reporting {
                    inner: out,
                    bytes: 0,
                    progress,
                };
                self.write_to(store, &mut out)
            },
        )
    }
}

/// A writer that says how much went through it, at every 256 KiB.
struct Reporting<'a> {
    inner: &'a mut dyn Write,
    bytes: u64,
    progress: &'a mut dyn FnMut(String),
}

impl Write for Reporting<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        const STEP: u64 = 256 * 1024;
        let n = self.inner.write(buf)?;
        let before = self.bytes / STEP;
        self.bytes += n as u64;
        if self.bytes / STEP != before {
            (self.progress)(format!("{:.1} MB written", self.bytes as f64 / 1e6));
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}
