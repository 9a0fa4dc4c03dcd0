//! Files to requests: the intake parser feeding the store, shared by `dsr-desk import`,
//! `import --watch` and the desk's `I`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::domain::request::Right;
use crate::domain::text::one_line;
use crate::intake;
use crate::store::{ImportOutcome, Store, StoreError};

/// What happened to one message or row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportLine {
    pub source: String,
    /// created, follow-up, duplicate, skipped or failed.
    pub result: &'static str,
    #[serde(rename = "ref")]
    pub reference: Option<String>,
    pub rights: Vec<Right>,
    /// Why it was skipped or failed, or what it was matched by.
    pub reason: Option<String>,
}

impl ImportLine {
    /// One tab-separated line for people and `cut`, safe for a terminal.
    pub fn text(&self) -> String {
        let rights: Vec<&str> = self.rights.iter().map(|r| r.as_str()).collect();
        // Each field is made one safe line (file names can hold anything); tabs separate them.
        format!(
            "{}\t{}\t{}\t{}",
            self.result,
            self.reference.as_deref().unwrap_or("-"),
            one_line(&self.source),
            one_line(&self.reason.clone().unwrap_or_else(|| rights.join(",")))
        )
    }
}

/// How an import's batches went: how many, and the longest time one held the write lock.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportStats {
    pub batches: usize,
    pub longest_batch: Duration,
}

/// Imports every message below `path`, reporting each as it goes; a bad file or row never
/// stops the others.
pub fn import_path(
    store: &mut Store,
    path: &Path,
    actor: &str,
    now: DateTime<Utc>,
    each: &mut dyn FnMut(ImportLine),
) -> ImportStats {
    // Batches of a few hundred milliseconds, each one transaction with a savepoint per
    // message: the disk is synced once a batch, other writers wait a moment at most, and a
    // crash loses only the open batch (a re-import finishes the job). A line is reported
    // only once its batch is committed, so none claims what was lost.
    let mut stats = ImportStats::default();
    let mut bulk = match store.bulk("an import") {
        Ok(bulk) => bulk,
        Err(e) => {
            each(failed(
                path.display().to_string(),
                format!("nothing from here was imported: {e}"),
            ));
            return stats;
        }
    };
    let mut pending = Vec::new();
    let mut stopped: Option<String> = None;
    intake::visit_path(path, now, |result| {
        let line = match result {
            Err(e) => failed(e.path, e.reason),
            Ok(incoming) => match &stopped {
                Some(why) => failed(incoming.source, why.clone()),
                None => match bulk.store() {
                    Ok(store) => import_one(store, &incoming, actor, now),
                    Err(e) => {
                        let why = format!("not imported: {e}");
                        stopped = Some(why.clone());
                        failed(incoming.source, why)
                    }
                },
            },
        };
        pending.push(line);
        if bulk.is_due() {
            let committed = bulk.commit();
            settle(committed, &mut pending, &mut stats, &mut stopped, each);
        }
    });
    let committed = bulk.finish();
    settle(committed, &mut pending, &mut stats, &mut stopped, each);
    stats
}

/// One parsed message into the open batch.
fn import_one(
    store: &mut Store,
    incoming: &intake::Incoming,
    actor: &str,
    now: DateTime<Utc>,
) -> ImportLine {
    let source = incoming.source.clone();
    match store.import(incoming, actor, now) {
        Err(e) => failed(source, e.to_string()),
        Ok(outcome) => {
            let (result, reference, reason) = match outcome {
                ImportOutcome::Created { reference } => ("created", Some(reference), None),
                ImportOutcome::NewRights {
                    reference,
                    follows,
                    matched_by,
                } => (
                    "new-rights",
                    Some(reference),
                    Some(format!("new rights after {follows} ({matched_by})")),
                ),
                ImportOutcome::FollowUp {
                    reference,
                    matched_by,
                } => ("follow-up", Some(reference), Some(matched_by)),
                ImportOutcome::Duplicate { reference } => {
                    ("duplicate", reference, Some("imported before".into()))
                }
                ImportOutcome::Skipped { reason } => ("skipped", None, Some(reason)),
            };
            ImportLine {
                source,
                result,
                reference,
                rights: incoming.right_list(),
                reason,
            }
        }
    }
}

/// Reports a batch's lines once it is committed; when it could not be, every line of it is
/// reported failed and the rest of the import is not attempted.
fn settle(
    committed: Result<Duration, StoreError>,
    pending: &mut Vec<ImportLine>,
    stats: &mut ImportStats,
    stopped: &mut Option<String>,
    each: &mut dyn FnMut(ImportLine),
) {
    match committed {
        Ok(held) => {
            if held > Duration::ZERO {
                stats.batches += 1;
                stats.longest_batch = stats.longest_batch.max(held);
            }
            pending.drain(..).for_each(&mut *each);
        }
        Err(e) => {
            let why = format!("not saved: {e}");
            for line in pending.drain(..) {
                match line.result {
                    "failed" => each(line),
                    _ => each(failed(line.source, why.clone())),
                }
            }
            stopped.get_or_insert_with(|| {
                format!("not imported: an earlier batch was not saved ({e})")
            });
        }
    }
}

fn failed(source: String, reason: String) -> ImportLine {
    ImportLine {
        source,
        result: "failed",
        reference: None,
        rights: Vec::new(),
        reason: Some(reason),
    }
}

/// The files a watched folder holds now: a Maildir's `new/` and `cur/`, else the folder's
/// own visible files; a file path stands for itself.
pub fn files_in(path: &Path) -> Vec<PathBuf> {
    if path.is_file() {
        return vec![path.to_path_buf()];
    }
    let maildir = ["new", "cur"]
        .iter()
        .map(|d| path.join(d))
        .filter(|d| d.is_dir())
        .collect::<Vec<_>>();
    let folders = if maildir.is_empty() {
        vec![path.to_path_buf()]
    } else {
        maildir
    };
    let mut files: Vec<PathBuf> = folders
        .iter()
        .filter_map(|d| std::fs::read_dir(d).ok())
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.is_file()
                && !p
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with('.'))
        })
        .collect();
    files.sort();
    files
}

/// Remembers which file versions were already taken in, so a watch imports only what is new.
#[derive(Default)]
pub struct Seen(HashSet<(PathBuf, Option<SystemTime>, u64)>);

impl Seen {
    /// Whether `file` (as it is now) is new since the last call; marks it seen.
    pub fn is_new(&mut self, file: &Path) -> bool {
        let meta = std::fs::metadata(file).ok();
        let key = (
            file.to_path_buf(),
            meta.as_ref().and_then(|m| m.modified().ok()),
            meta.map(|m| m.len()).unwrap_or(0),
        );
        self.0.insert(key)
    }
}
