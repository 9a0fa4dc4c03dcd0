//! Long work off the event loop: a worker with its own database connection does it, and
//! reports back through the loop's channel, so the desk stays responsive meanwhile.

use std::path::Path;
use std::sync::mpsc::Sender;

use chrono::{DateTime, Utc};

use super::action::Action;
use super::app::{App, Modal, Pending};
use crate::config::Config;
use crate::customers::CustomerDb;
use crate::importer::ImportLine;
use crate::store::{Store, StoreError};

pub use super::action::{DeskEvent, JobDone};

/// How often a worker's progress reaches the status line at most.
const PROGRESS_EVERY: std::time::Duration = std::time::Duration::from_millis(100);

/// What runs in the background now, and how far it has come.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Busy {
    pub what: String,
    pub progress: Option<String>,
}

impl Busy {
    /// Why a write waits: the register is being written by the work in the background.
    pub fn wait(&self) -> String {
        format!("{} in the background; wait for it to finish", self.what)
    }

    /// The status line while it runs.
    pub fn line(&self) -> String {
        match &self.progress {
            Some(p) => format!("{}: {p}… (the desk stays usable meanwhile)", self.what),
            None => format!("{}… (the desk stays usable meanwhile)", self.what),
        }
    }
}

/// Why a job that did not ask for the customer database has none.
const NOT_ASKED: &str = "this work does not use the customer database";

/// What a job needs besides its own connection to the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Needs {
    Register,
    /// The customer database too, when one is set up (the work says what it lacks).
    Customers,
}

/// What work handed to a worker has: its own connections, and a way to say how far it is.
pub(crate) struct Worker<'a> {
    pub store: &'a mut Store,
    /// The customer database when the job needs it, or why it is not there.
    pub customers: Result<&'a mut CustomerDb, String>,
    pub config: &'a Config,
    pub actor: String,
    pub now: DateTime<Utc>,
    /// Hears how far the work has come (the status line shows the latest).
    pub progress: &'a mut dyn FnMut(String),
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
            "created" | "follow-up" | "new-rights" => self.created.extend(line.reference),
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
        if let Some(busy) = &self.busy {
            return Err(StoreError::Invalid(busy.wait()));
        }
        let actor = self.config.actor();
        let now = self.clock.now();
        let db = self.store.path().to_path_buf();
        match (&self.jobs, db.is_file()) {
            (Some(jobs), true) => {
                let jobs = jobs.clone();
                self.set_busy(format!("Importing from {}", mailbox.display()));
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

    /// A worker finished (the event loop's entry; the change happens in `update`). Returns
    /// whether anything visible changed: an audit check that found the trail intact did not.
    pub fn job_done(&mut self, done: JobDone) -> bool {
        if done == JobDone::AuditChecked(None) {
            return false;
        }
        self.update(Action::Job(done))
    }

    /// A worker finished: show what it did, and what changed.
    pub(crate) fn finish_job(&mut self, done: JobDone) {
        if let JobDone::AuditChecked(broken) = done {
            // Not the work `busy` names: an import may still be running.
            if let Some(text) = broken {
                self.audit_broken = Some(crate::domain::text::one_line(&text));
            }
            return;
        }
        self.busy = None;
        let exported = matches!(done, JobDone::Exported(_));
        match done {
            JobDone::Imported(text) => {
                if let Err(e) = self.reload_following() {
                    self.flash = Some((false, e.to_string()));
                }
                self.modals.push(Modal::Message(text));
            }
            JobDone::Done(result) | JobDone::Exported(result) => {
                if exported
                    && result.is_ok()
                    && matches!(self.modals.last(), Some(Modal::Export(_)))
                {
                    self.modals.pop();
                }
                let (ok, text) = match result {
                    Ok(text) => (true, text),
                    Err(text) => (false, text),
                };
                self.flash = Some((ok, crate::domain::text::one_line(&text)));
                // What the work recorded belongs on the queue and the open request's timeline.
                if let Err(e) = self.reload_following() {
                    self.flash = Some((false, crate::domain::text::one_line(&e.to_string())));
                }
            }
            JobDone::ExportExists { choice, name } => {
                self.modals.push(Modal::confirm(
                    format!(
                        "{} is already in the exports folder. Replace it with this new export?",
                        crate::domain::text::one_line(&name)
                    ),
                    Pending::ReplaceExport(choice),
                ));
            }
            JobDone::PackageExists {
                reference,
                kind,
                negative,
                name,
            } => {
                self.modals.push(Modal::confirm(
                    format!(
                        "{} is already written. Replace the package for {reference} with a new one?",
                        crate::domain::text::one_line(&name)
                    ),
                    Pending::Customer(super::state::CustomerOp::ReplacePackage {
                        reference,
                        kind,
                        negative,
                    }),
                ));
            }
            JobDone::Failed(text) => self.flash = Some((false, text)),
            JobDone::AuditChecked(_) => {}
        }
        self.refresh_blocked();
    }

    fn set_busy(&mut self, what: String) {
        self.busy = Some(Busy {
            what,
            progress: None,
        });
        self.refresh_blocked();
    }

    /// A worker says how far it has come: shown on the status line.
    pub fn job_progress(&mut self, text: String) -> bool {
        match &mut self.busy {
            Some(busy) if busy.progress.as_deref() != Some(text.as_str()) => {
                busy.progress = Some(text);
                self.flash.is_none()
            }
            _ => false,
        }
    }

    /// Runs `work` beside the event loop on connections of its own (the register, and the
    /// customer database when `needs` says so), reporting its progress on the status line;
    /// writes wait until it is done, reading goes on. Without a worker channel (tests) it
    /// runs at once on the desk's own connections, and finishes the same way.
    pub(crate) fn run_job(
        &mut self,
        what: String,
        needs: Needs,
        work: impl FnOnce(&mut Worker<'_>) -> JobDone + Send + 'static,
    ) {
        // One job at a time: it holds the register's write lock for as long as it runs.
        if let Some(busy) = &self.busy {
            self.flash = Some((false, busy.wait()));
            return;
        }
        self.flash = None;
        let db = self.store.path().to_path_buf();
        let (actor, now) = (self.config.actor(), self.clock.now());
        match (&self.jobs, db.is_file()) {
            (Some(jobs), true) => {
                let jobs = jobs.clone();
                let config = self.config.clone();
                self.set_busy(what.clone());
                std::thread::spawn(move || {
                    let done = match Store::open(&db) {
                        Ok(mut store) => {
                            let mut customers = match needs {
                                Needs::Register => Err(NOT_ASKED.to_string()),
                                Needs::Customers => {
                                    crate::customers::open_configured(&store, &config)
                                        .map_err(|e| e.to_string())
                                }
                            };
                            let mut last: Option<std::time::Instant> = None;
                            let mut progress = |text: String| {
                                // Ten a second at most: the loop redraws for each.
                                if last.is_none_or(|t| t.elapsed() >= PROGRESS_EVERY) {
                                    last = Some(std::time::Instant::now());
                                    let _ = jobs.send(DeskEvent::Progress(text));
                                }
                            };
                            work(&mut Worker {
                                store: &mut store,
                                customers: customers.as_mut().map_err(|e| e.clone()),
                                config: &config,
                                actor,
                                now,
                                progress: &mut progress,
                            })
                        }
                        Err(e) => {
                            JobDone::Failed(format!("{what} could not open the database: {e}"))
                        }
                    };
                    let _ = jobs.send(DeskEvent::Job(done));
                });
            }
            _ => {
                let opened = match needs {
                    Needs::Register => Err(NOT_ASKED.to_string()),
                    Needs::Customers => self.customer_db().map(drop).map_err(|e| e.to_string()),
                };
                let customers = match (opened, self.customer_db.as_mut()) {
                    (Ok(()), Some(db)) => Ok(db),
                    (Err(e), _) => Err(e),
                    (Ok(()), None) => Err(NOT_ASKED.to_string()),
                };
                let done = work(&mut Worker {
                    store: &mut self.store,
                    customers,
                    config: &self.config,
                    actor,
                    now,
                    progress: &mut |_| {},
                });
                self.update(Action::Job(done));
            }
        }
    }

    /// Points `I` at a mailbox (None: none set); what the keys may do follows.
    pub fn set_mailbox(&mut self, mailbox: Option<std::path::PathBuf>) {
        self.config.mailbox = mailbox;
        self.refresh_blocked();
    }

    /// Lets background work report to the running desk.
    pub fn set_job_channel(&mut self, jobs: Sender<DeskEvent>) {
        self.jobs = Some(jobs);
    }
}
