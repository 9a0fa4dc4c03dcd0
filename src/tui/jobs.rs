//! Long work off the event loop: a worker with its own database connection does it, and
//! reports back through the loop's channel, so the desk stays responsive meanwhile.

use std::path::Path;
use std::sync::mpsc::Sender;

use chrono::{DateTime, Utc};

use super::app::{App, Modal};
use crate::importer::ImportLine;
use crate::store::{Store, StoreError};

/// What the event loop receives: the terminal's events, and workers' results.
#[derive(Debug)]
pub enum DeskEvent {
    Terminal(ratatui::crossterm::event::Event),
    Job(JobDone),
    /// The in-memory queue and statistics a worker loaded.
    Loaded(Box<super::queue_source::Loaded>),
}

/// A finished piece of background work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobDone {
    /// An import finished; the report to show.
    Imported(String),
    Failed(String),
    /// The audit chain was walked at start: where it breaks, if it does.
    AuditChecked(Option<String>),
}

/// Walks the audit chain of `store`: where it breaks, as `audit verify` says it.
pub fn audit_break(store: &Store) -> Result<Option<String>, StoreError> {
    Ok(store.verify_chain()?.first_break())
}

/// What an import reports, for a person.
#[derive(Default)]
struct ImportReport {
    counts: std::collections::BTreeMap<&'static str, u64>,
    created: Vec<String>,
    problems: Vec<String>,
}

impl ImportReport {
    fn add(&mut self, line: ImportLine) {
        *self.counts.entry(line.result).or_default() += 1;
        match line.result {
            "created" | "follow-up" => self.created.extend(line.reference),
            "failed" => self.problems.push(format!(
                "{}: {}",
                line.source,
                line.reason.unwrap_or_default()
            )),
            _ => {}
        }
    }

    fn text(&self, mailbox: &Path) -> String {
        let mut text = if self.counts.is_empty() {
            format!("Nothing to import in {}.", mailbox.display())
        } else {
            let parts: Vec<String> = self
                .counts
                .iter()
                .map(|(k, n)| format!("{n} {k}"))
                .collect();
            format!("Imported from {}: {}.", mailbox.display(), parts.join(", "))
        };
        if !self.created.is_empty() {
            let first: Vec<&str> = self.created.iter().take(8).map(String::as_str).collect();
            text.push_str(&format!(" New or updated: {}.", first.join(", ")));
        }
        if let Some(first) = self.problems.first() {
            text.push_str(&format!(" First problem: {first}"));
        }
        text
    }
}

fn import_into(store: &mut Store, mailbox: &Path, actor: &str, now: DateTime<Utc>) -> String {
    let mut report = ImportReport::default();
    crate::importer::import_path(store, mailbox, actor, now, &mut |line| report.add(line));
    report.text(mailbox)
}

impl App {
    /// `I`: takes in what the configured mailbox holds and says what came in. With a worker
    /// channel (the running desk) it runs beside the loop; without one (tests) at once.
    pub(crate) fn import_mailbox(&mut self) -> Result<(), StoreError> {
        let Some(mailbox) = self.config.mailbox.clone() else {
            return Err(StoreError::Invalid(
                "no mailbox is set: add mailbox = \"/path/to/Maildir\" to the config file, or use dsr-desk import".into(),
            ));
        };
        if let Some(what) = &self.busy {
            return Err(StoreError::Invalid(format!(
                "{what}; wait for it to finish"
            )));
        }
        let actor = self.config.actor();
        let now = self.clock.now();
        let db = self.store.path().to_path_buf();
        match (&self.jobs, db.is_file()) {
            (Some(jobs), true) => {
                let jobs = jobs.clone();
                self.busy = Some(format!("Importing from {}", mailbox.display()));
                std::thread::spawn(move || {
                    let done = match Store::open(&db) {
                        Ok(mut store) => {
                            JobDone::Imported(import_into(&mut store, &mailbox, &actor, now))
                        }
                        Err(e) => {
                            JobDone::Failed(format!("the import could not open the database: {e}"))
                        }
                    };
                    let _ = jobs.send(DeskEvent::Job(done));
                });
            }
            _ => {
                let text = import_into(&mut self.store, &mailbox, &actor, now);
                self.reload()?;
                self.modals.push(Modal::Message(text));
            }
        }
        Ok(())
    }

    /// At desk start: walks the audit chain beside the loop (a second or two at 100,000
    /// requests) and reports where it breaks. Without a worker channel (tests) nothing runs;
    /// they report with [`audit_break`] and [`App::job_done`].
    pub fn start_audit_check(&mut self) {
        let db = self.store.path().to_path_buf();
        let (Some(jobs), true) = (&self.jobs, db.is_file()) else {
            return;
        };
        let jobs = jobs.clone();
        std::thread::spawn(move || {
            let done = match Store::open(&db).and_then(|store| audit_break(&store)) {
                Ok(broken) => JobDone::AuditChecked(broken),
                Err(e) => JobDone::AuditChecked(Some(format!(
                    "the audit trail could not be checked: {e}"
                ))),
            };
            let _ = jobs.send(DeskEvent::Job(done));
        });
    }

    /// A worker finished: show what it did, and what changed.
    pub fn job_done(&mut self, done: JobDone) -> bool {
        if let JobDone::AuditChecked(broken) = done {
            // Not the work `busy` names: an import may still be running.
            let changed = broken.is_some();
            if let Some(text) = broken {
                self.audit_broken = Some(crate::domain::text::one_line(&text));
            }
            return changed;
        }
        self.busy = None;
        match done {
            JobDone::AuditChecked(_) => {}
            JobDone::Imported(text) => {
                if let Err(e) = self.reload_following() {
                    self.flash = Some((false, e.to_string()));
                }
                self.modals.push(Modal::Message(text));
            }
            JobDone::Failed(text) => self.flash = Some((false, text)),
        }
        true
    }

    /// Lets background work report to the running desk.
    pub fn set_job_channel(&mut self, jobs: Sender<DeskEvent>) {
        self.jobs = Some(jobs);
    }
}
