//! Carrying out a right in the customer database (`C`): at once where the menu holds all it
//! needs, after a question (saying what will happen) where it changes or erases more. Every
//! action goes through the case, which checks it first.

use super::super::app::{App, Modal, Pending, shown};
use super::super::forms::customer_menu::{self, CustomerChoice};
use super::super::jobs::{JobDone, Needs, Worker};
use super::super::state::CustomerOp;
use crate::case::{Case, CaseError};
use crate::customers::CustomerDb;
use crate::customers::ErasurePlan;
use crate::domain::request::EventKind;
use crate::store::StoreError;

/// Writes an access package (or the portability export, or the negative confirmation) of
/// a request's linked customers into `dir` through the case, on the worker's connections.
fn package_on(
    w: &mut Worker<'_>,
    reference: &str,
    (kind, negative): (EventKind, bool),
    (dir, replace): (&std::path::Path, bool),
) -> JobDone {
    match write_package_on(w, reference, (kind, negative), (dir, replace)) {
        Err(CaseError::Customer(crate::customers::CustomerError::FileExists(path))) => {
            JobDone::PackageExists {
                reference: reference.to_string(),
                kind,
                negative,
                name: path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            }
        }
        done => JobDone::Done(done.map_err(|e| shown(e).to_string())),
    }
}

fn write_package_on(
    w: &mut Worker<'_>,
    reference: &str,
    (kind, negative): (EventKind, bool),
    (dir, replace): (&std::path::Path, bool),
) -> Result<String, CaseError> {
    let db = w
        .customers
        .as_deref_mut()
        .map_err(|e| CaseError::Store(StoreError::Invalid(e.clone())))?;
    let mut case = Case::new(w.store, &w.actor, w.now);
    let (r, files) = if kind == EventKind::PortabilityExport {
        case.portability_files(db, reference)?
    } else {
        case.access_files(db, reference, negative)?
    };
    (w.progress)(format!("{} file(s) to write", files.len()));
    let written = case.deliver(&r, kind, negative, files, (dir, replace))?;
    Ok(format!(
        "{r}: wrote {} file(s) to {}",
        written.len(),
        dir.display()
    ))
}

/// Carries out a confirmed erasure through the case, on the worker's connections.
fn erase_on(w: &mut Worker<'_>, reference: &str, plan: &ErasurePlan) -> Result<String, String> {
    let db = w.customers.as_deref_mut().map_err(|e| e.clone())?;
    let mut case = Case::new(w.store, &w.actor, w.now);
    case.erase_reporting(db, reference, plan, &mut *w.progress)
        .map_err(|e| shown(e).to_string())?;
    let (deleted, anonymised, kept) = plan.counts();
    Ok(format!(
        "{reference}: erased ({deleted} deleted, {anonymised} anonymised, {kept} kept on legal hold)"
    ))
}

impl App {
    /// or erases more. Every action goes through the case, which checks it first.
    pub(crate) fn run_customer_action(
        &mut self,
        reference: &str,
        choice: &CustomerChoice,
    ) -> Result<String, StoreError> {
        match choice {
            CustomerChoice::Access
            | CustomerChoice::Portability
            | CustomerChoice::NegativeConfirmation => {
                let negative = *choice == CustomerChoice::NegativeConfirmation;
                let kind = if *choice == CustomerChoice::Portability {
                    EventKind::PortabilityExport
                } else {
                    EventKind::AccessPackage
                };
                self.write_package(reference, (kind, negative), false);
                Ok(String::new())
            }
            CustomerChoice::Erase => {
                let plan = self.with_case_db(|case, db| case.erasure_preview(db, reference))?;
                let (delete, anonymise, keep) = plan.counts();
                let mut question = format!(
                    "Erase for {reference}: delete {delete} row(s), anonymise {anonymise}, keep {keep} on legal hold"
                );
                if let Some(until) = plan.hold_until() {
                    question.push_str(&format!(" until {until} ({})", plan.laws().join(", ")));
                }
                question.push_str(". This cannot be undone. Go ahead?");
                // Every table, as the command line's `erase` shows it.
                let details = plan.preview_lines();
                self.modals.push(Modal::Confirm {
                    question,
                    details,
                    scroll: 0,
                    on_yes: Pending::Customer(CustomerOp::Erase {
                        reference: reference.to_string(),
                        plan: Box::new(plan),
                    }),
                });
                Ok(String::new())
            }
            CustomerChoice::Restrict | CustomerChoice::Object | CustomerChoice::NoDataHeld => {
                // Checked before the question, so a refusal is said at once.
                let f = self.facts_of(reference)?;
                let (op, guard) = match choice {
                    CustomerChoice::Restrict => (
                        CustomerOp::Restrict {
                            reference: reference.to_string(),
                        },
                        crate::case::Op::Restrict,
                    ),
                    CustomerChoice::Object => (
                        CustomerOp::Object {
                            reference: reference.to_string(),
                        },
                        crate::case::Op::StopMarketing,
                    ),
                    _ => (
                        CustomerOp::NoDataHeld {
                            reference: reference.to_string(),
                        },
                        crate::case::Op::NoDataHeld,
                    ),
                };
                crate::case::allows(&f, guard).map_err(shown)?;
                let question = match choice {
                    CustomerChoice::Restrict => format!(
                        "Restrict processing of {reference}'s linked customers to storage only?"
                    ),
                    CustomerChoice::Object => format!(
                        "Stop all marketing to {reference}'s linked customers and keep them suppressed?"
                    ),
                    _ => customer_menu::confirmation(reference, choice).unwrap_or_default(),
                };
                self.modals
                    .push(Modal::confirm(question, Pending::Customer(op)));
                Ok(String::new())
            }
            CustomerChoice::Notify { recipient, on } => {
                self.case()
                    .notify(reference, recipient, *on)
                    .map_err(shown)?;
                // The recipient's name, not the data map's id for it.
                let request = self.store.get(reference)?;
                let name = self
                    .store
                    .checklist(request.id)?
                    .into_iter()
                    .find(|c| c.recipient.eq_ignore_ascii_case(recipient))
                    .map(|c| c.name)
                    .unwrap_or_else(|| recipient.clone());
                Ok(format!("{reference}: {name} notified on {on}"))
            }
            CustomerChoice::Unrestrict { told } => {
                let lifted =
                    self.with_case_db(|case, db| case.lift_restriction(db, reference, *told))?;
                Ok(format!(
                    "{reference}: restriction lifted for {} customer(s); the person was told on {told}",
                    lifted.len()
                ))
            }
            CustomerChoice::Rectify {
                customer_id,
                row,
                table,
                field,
                value,
            } => {
                let done = self.with_case_db(|case, db| {
                    case.rectify(
                        db,
                        reference,
                        *customer_id,
                        (table, field, value.as_deref()),
                        Some(*row),
                    )
                })?;
                // The data map's title for the table, not its name in the database.
                let table = self
                    .customer_db
                    .as_ref()
                    .and_then(|db| db.map().table(&done.table))
                    .map(|t| t.title.clone())
                    .unwrap_or_else(|| done.table.clone());
                Ok(format!(
                    "{reference}: corrected {} in {table} for customer #{customer_id}; tick the recipients told (C, then notify)",
                    done.field
                ))
            }
            CustomerChoice::Link {
                customer_id,
                reason,
            } => {
                self.with_case_db(|case, db| case.link(db, reference, *customer_id, Some(reason)))?;
                if let Some(l) = self.lookup.as_mut() {
                    l.linked.push(*customer_id);
                }
                Ok(format!(
                    "{reference}: linked customer #{customer_id} (reason recorded)"
                ))
            }
        }
    }

    /// Writes the access package (or portability export, or negative confirmation) of
    /// `reference` into its folder of the exports, on the worker: a package there already is
    /// replaced only with `replace`; without it the officer is asked first.
    pub(crate) fn write_package(
        &mut self,
        reference: &str,
        (kind, negative): (EventKind, bool),
        replace: bool,
    ) {
        let dir = self
            .exports_dir
            .join(crate::export::files::safe_file_name(reference));
        // A package of a customer with years of orders takes a while.
        let what = format!("Writing the package for {reference}");
        let reference = reference.to_string();
        self.run_job(what, Needs::Customers, move |w| {
            package_on(w, &reference, (kind, negative), (&dir, replace))
        });
    }

    /// Runs a case operation that needs the customer database.
    pub(crate) fn with_case_db<T>(
        &mut self,
        f: impl FnOnce(&mut Case<'_>, &mut CustomerDb) -> Result<T, CaseError>,
    ) -> Result<T, StoreError> {
        self.customer_db()?;
        let mut db = self
            .customer_db
            .take()
            .ok_or_else(|| StoreError::Invalid("no customer database".into()))?;
        let (actor, now) = (self.config.actor(), self.clock.now());
        let done = f(&mut Case::new(&mut self.store, &actor, now), &mut db);
        self.customer_db = Some(db);
        done.map_err(shown)
    }

    /// Carries out a confirmed customer operation.
    pub(crate) fn run_customer_op(&mut self, op: CustomerOp) -> Result<(), StoreError> {
        let message = match op {
            CustomerOp::Link {
                reference,
                customer_id,
                label,
            } => {
                self.with_case_db(|case, db| case.link(db, &reference, customer_id, None))?;
                if let Some(l) = self.lookup.as_mut() {
                    l.linked.push(customer_id);
                }
                format!("{reference}: linked {label}")
            }
            CustomerOp::Erase { reference, plan } => {
                // Thousands of rows take a while: beside the loop, on connections of its own.
                let what = format!("Erasing for {reference}");
                self.run_job(what, Needs::Customers, move |w| {
                    JobDone::Done(erase_on(w, &reference, &plan))
                });
                return Ok(());
            }
            CustomerOp::Restrict { reference } => {
                let n = self.with_case_db(|case, db| case.restrict(db, &reference))?;
                format!("{reference}: restricted {n} customer(s)")
            }
            CustomerOp::Object { reference } => {
                let done = self.with_case_db(|case, db| case.stop_marketing(db, &reference))?;
                format!(
                    "{reference}: marketing stopped for {} customer(s)",
                    done.len()
                )
            }
            CustomerOp::ReplacePackage {
                reference,
                kind,
                negative,
            } => {
                self.write_package(&reference, (kind, negative), true);
                return Ok(());
            }
            CustomerOp::NoDataHeld { reference } => {
                self.case()
                    .record_no_data(&reference, None)
                    .map_err(shown)?;
                format!("{reference}: recorded that no data is held")
            }
        };
        self.flash = Some((true, crate::domain::text::one_line(&message)));
        self.reload_following()
    }
}
