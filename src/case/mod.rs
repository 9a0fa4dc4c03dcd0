//! The case workflow: every operation on a request goes through here, checks its legal
//! preconditions against the case record (legal-rules.md §3, §3a) and returns a typed
//! [`CaseError`] saying which rule refused it and what to do. The command line and the desk
//! only collect input and show results; neither holds a rule of its own.
//!
//! - [`facts`]: what the record shows happened (request, links, what was carried out).
//! - [`guards`]: what each operation needs now; the desk greys what is not allowed.
//! - [`grounds`]: which refusal ground may refuse which right on which facts.
//! - [`decide`]: which rights a decision covers and what it may say.
//! - [`letters`]: which letters the record allows, and their wording.
//! - [`exports`]: the case summary, letters and the register as files, recorded.

pub mod decide;
pub mod error;
pub mod exports;
pub mod facts;
pub mod grounds;
pub mod guards;
pub mod letters;

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};

use crate::config::Controller;
use crate::customers::{self, CustomerDb, ErasureDone, ErasurePlan, NamedFile};
use crate::domain::change::Change;
use crate::domain::deadline::{Extension, check_receipt, oslo_date};
use crate::domain::request::{EventKind, FeeBasis, IdentityStatus, ObjectionScope, Request, Right};
use crate::export::letters::{Lang, LetterKind, LetterSettings};
use crate::store::{CustomerAction, NewRequest, RequestChange, Store};

pub use decide::{Answer, Decision};
pub use error::{CaseError, Result};
pub use facts::{CaseFacts, Done};
pub use grounds::RefusalBasis;
pub use guards::{Op, allows};

/// A change to a request's own record, as either front end collects it.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    Decide(Decision),
    Extend {
        reason: String,
        notified: NaiveDate,
    },
    Identity {
        status: IdentityStatus,
        method: Option<String>,
        reason: Option<String>,
    },
    Assign(Option<String>),
    Rights(Vec<Right>, Option<ObjectionScope>),
    Note(String),
    Reopen(String),
}

impl Edit {
    /// The guard the edit passes first.
    pub fn op(&self) -> Op {
        match self {
            Edit::Decide(d) => d.answer.op(),
            Edit::Extend { .. } => Op::Extend,
            Edit::Identity { .. } => Op::Identity,
            Edit::Assign(_) => Op::Assign,
            Edit::Rights(..) => Op::Triage,
            Edit::Note(_) => Op::Note,
            Edit::Reopen(_) => Op::Reopen,
        }
    }
}

/// Checks `edit` against the case without recording anything: what the desk's forms show
/// as you type, and what [`Case::edit`] checks before it writes.
pub fn check_edit(f: &CaseFacts, edit: &Edit, now: DateTime<Utc>) -> Result<Change> {
    // A decision's guard depends on the rights it covers: `decide::plan` asks it.
    if !matches!(edit, Edit::Decide(_)) {
        allows(f, edit.op())?;
    }
    let change = match edit {
        Edit::Decide(d) => Change::Decide(decide::plan(f, d)?),
        Edit::Extend { reason, notified } => Change::Extend(Extension {
            notified: *notified,
            reason: reason.clone(),
        }),
        Edit::Identity {
            status,
            method,
            reason,
        } => Change::Identity {
            status: *status,
            method: method.clone(),
            reason: reason.clone(),
        },
        Edit::Assign(who) => Change::Assign(who.clone()),
        Edit::Rights(rights, scope) => {
            if scope.is_some() && !rights.contains(&Right::Objection) {
                return Err(CaseError::Invalid(
                    "an objection scope goes with the objection right; tick objection too".into(),
                ));
            }
            Change::SetRights(rights.clone(), *scope)
        }
        Edit::Note(text) => Change::Note(text.clone()),
        Edit::Reopen(reason) => Change::Reopen(reason.clone()),
    };
    // The domain's own checks (reasons given, dates in the first month, ...), on a copy.
    crate::domain::change::apply(&f.request, &change, "", now).map_err(CaseError::Invalid)?;
    Ok(change)
}

/// A date on which something is recorded as having happened (a person told, a recipient
/// notified) is not after `today`. The desk's forms ask the same as you type.
pub fn check_happened(what: &'static str, date: NaiveDate, today: NaiveDate) -> Result<()> {
    if date > today {
        Err(CaseError::DateInFuture { what, date, today })
    } else {
        Ok(())
    }
}

/// The officer at work: the register, who acts, and when.
pub struct Case<'s> {
    pub store: &'s mut Store,
    pub actor: String,
    pub now: DateTime<Utc>,
}

impl<'s> Case<'s> {
    pub fn new(store: &'s mut Store, actor: &str, now: DateTime<Utc>) -> Case<'s> {
        Case {
            store,
            actor: actor.to_string(),
            now,
        }
    }

    pub fn today(&self) -> NaiveDate {
        oslo_date(self.now)
    }

    /// The case of `reference` as the record shows it now.
    pub fn facts(&self, reference: &str) -> Result<CaseFacts> {
        Ok(CaseFacts::load(self.store, reference, self.today())?)
    }

    /// The case of `reference`, once the guard of `op` allows it.
    fn guarded(&self, reference: &str, op: Op) -> Result<CaseFacts> {
        let f = self.facts(reference)?;
        allows(&f, op)?;
        Ok(f)
    }

    fn not_in_future(&self, what: &'static str, date: NaiveDate) -> Result<()> {
        check_happened(what, date, self.today())
    }

    /// Registers a request received by hand (the desk's form, `add`).
    pub fn add_request(&mut self, new: &NewRequest) -> Result<Request> {
        check_receipt(new.received, self.now).map_err(CaseError::Invalid)?;
        if let Some(e) = new.requester.email.as_deref()
            && crate::domain::normalize::email(e).is_none()
        {
            return Err(CaseError::Invalid(format!(
                "'{}' is not an e-mail address",
                crate::domain::text::one_line(e)
            )));
        }
        let mut new = new.clone();
        if !new.rights.contains(&Right::Objection) {
            new.objection_scope = None;
        }
        Ok(self.store.add_request(&new, &self.actor, self.now)?)
    }

    /// Records `edit` on the request as read at `version` (`None`: as it is now). A note
    /// never makes an open form stale, so it takes no version.
    pub fn edit(
        &mut self,
        reference: &str,
        version: Option<i64>,
        edit: &Edit,
    ) -> Result<RequestChange> {
        let f = self.facts(reference)?;
        let change = check_edit(&f, edit, self.now)?;
        let version = match edit {
            Edit::Note(_) => None,
            _ => version.or(Some(f.request.version)),
        };
        Ok(self
            .store
            .apply(f.reference(), version, &change, &self.actor, self.now)?)
    }

    /// Links a customer to the case. The link must be sound (§3a): the customer matches the
    /// requester on e-mail, phone or customer number, or identity was verified, or the
    /// officer says why (`reason`, recorded). Returns false when it was linked already.
    pub fn link(
        &mut self,
        db: &CustomerDb,
        reference: &str,
        customer_id: i64,
        reason: Option<&str>,
    ) -> Result<bool> {
        let f = self.guarded(reference, Op::Link)?;
        if !db.exists(customer_id)? {
            return Err(customers::CustomerError::NoSuchCustomer(customer_id).into());
        }
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        let basis = match db.identifies(
            &f.request.requester,
            f.request.original_text.as_deref(),
            customer_id,
        )? {
            Some(field) => format!(
                "matches the requester's {}",
                field.as_str().replace('_', " ")
            ),
            None if f.request.identity == IdentityStatus::Verified => {
                "identity verified".to_string()
            }
            None => match reason {
                Some(r) => format!("officer's reason: {r}"),
                None => {
                    return Err(CaseError::UnsoundLink {
                        reference: f.reference().to_string(),
                        customer_id,
                    });
                }
            },
        };
        let label = db.label(customer_id)?;
        Ok(self.store.link_customer(
            f.reference(),
            customer_id,
            &label,
            &basis,
            &self.actor,
            self.now,
        )?)
    }

    pub fn unlink(&mut self, reference: &str, customer_id: i64) -> Result<()> {
        let f = self.guarded(reference, Op::Unlink)?;
        Ok(self
            .store
            .unlink_customer(f.reference(), customer_id, &self.actor, self.now)?)
    }

    /// The access package's files (or, with `negative`, the negative confirmation's), once
    /// the case allows disclosure. Nothing is written yet.
    pub fn access_files(
        &self,
        db: &CustomerDb,
        reference: &str,
        controller: &Controller,
        negative: bool,
    ) -> Result<(String, Vec<NamedFile>)> {
        let f = self.facts(reference)?;
        allows(
            &f,
            if negative {
                Op::NegativeConfirmation
            } else {
                Op::AccessPackage
            },
        )?;
        Ok(customers::access_files(
            self.store,
            db,
            f.reference(),
            controller,
            negative,
            self.today(),
        )?)
    }

    /// The portability export's files, once the case allows disclosure.
    pub fn portability_files(
        &self,
        db: &CustomerDb,
        reference: &str,
    ) -> Result<(String, Vec<NamedFile>)> {
        let f = self.guarded(reference, Op::Portability)?;
        Ok(customers::portability_files(
            self.store,
            db,
            f.reference(),
            self.today(),
        )?)
    }

    /// Writes disclosure files into `dir` and records them with their hashes.
    pub fn deliver(
        &mut self,
        reference: &str,
        kind: EventKind,
        negative: bool,
        files: Vec<NamedFile>,
        (dir, overwrite): (&Path, bool),
    ) -> Result<Vec<PathBuf>> {
        let op = match kind {
            EventKind::AccessPackage if negative => Op::NegativeConfirmation,
            EventKind::AccessPackage => Op::AccessPackage,
            _ => Op::Portability,
        };
        let f = self.guarded(reference, op)?;
        Ok(customers::deliver_files(
            self.store,
            f.reference(),
            kind,
            negative,
            files,
            (dir, overwrite),
            &self.actor,
            self.now,
        )?)
    }

    /// What erasure would do today. Changes nothing.
    pub fn erasure_preview(&self, db: &CustomerDb, reference: &str) -> Result<ErasurePlan> {
        let f = self.guarded(reference, Op::Erase)?;
        Ok(customers::erasure_preview(
            self.store,
            db,
            f.reference(),
            self.today(),
        )?)
    }

    /// Carries out exactly the previewed `plan`.
    pub fn erase(
        &mut self,
        db: &mut CustomerDb,
        reference: &str,
        plan: &ErasurePlan,
    ) -> Result<ErasureDone> {
        let f = self.guarded(reference, Op::Erase)?;
        Ok(customers::erase(
            self.store,
            db,
            f.reference(),
            plan,
            &self.actor,
            self.now,
        )?)
    }

    /// Rectifies one field of a linked customer's row.
    pub fn rectify(
        &mut self,
        db: &mut CustomerDb,
        reference: &str,
        customer_id: i64,
        field: (&str, &str, Option<&str>),
        row: Option<i64>,
    ) -> Result<customers::Rectified> {
        let f = self.guarded(reference, Op::Rectify)?;
        Ok(customers::rectify(
            self.store,
            db,
            f.reference(),
            customer_id,
            field,
            row,
            &self.actor,
            self.now,
        )?)
    }

    /// Restricts processing of the linked customers' data to storage.
    pub fn restrict(&mut self, db: &mut CustomerDb, reference: &str) -> Result<usize> {
        let f = self.guarded(reference, Op::Restrict)?;
        Ok(customers::restrict(
            self.store,
            db,
            f.reference(),
            &self.actor,
            self.now,
        )?)
    }

    /// Lifts the restriction once the person was told, on `told` (Art. 18(3)).
    pub fn lift_restriction(
        &mut self,
        db: &mut CustomerDb,
        reference: &str,
        told: NaiveDate,
    ) -> Result<Vec<customers::RestrictionLifted>> {
        let f = self.guarded(reference, Op::LiftRestriction)?;
        self.not_in_future("day the person was told", told)?;
        if told < f.request.receipt_date() {
            return Err(CaseError::DateBeforeReceipt {
                what: "day the person was told",
                date: told,
                receipt: f.request.receipt_date(),
            });
        }
        Ok(customers::lift_restriction(
            self.store,
            db,
            f.reference(),
            told,
            &self.actor,
            self.now,
        )?)
    }

    /// Stops every marketing use of the linked customers' data, for good (Art. 21(3)).
    pub fn stop_marketing(
        &mut self,
        db: &mut CustomerDb,
        reference: &str,
    ) -> Result<Vec<customers::MarketingStopped>> {
        let f = self.guarded(reference, Op::StopMarketing)?;
        Ok(customers::object_to_marketing(
            self.store,
            db,
            f.reference(),
            &self.actor,
            self.now,
        )?)
    }

    /// Records that the search of the customer records found no data about the person:
    /// an erasure closes on it, an access request is answered with a negative confirmation.
    pub fn record_no_data(&mut self, reference: &str, searched: Option<&str>) -> Result<()> {
        let f = self.guarded(reference, Op::NoDataHeld)?;
        let searched = searched.map(str::trim).filter(|s| !s.is_empty());
        let summary = format!(
            "No personal data held about the requester{}",
            searched
                .map(|s| format!(" (searched: {s})"))
                .unwrap_or_default()
        );
        self.record(
            &f,
            EventKind::NoDataHeld,
            summary,
            serde_json::json!({"searched": searched}),
        )
    }

    /// Appends an event that records a fact of the case (it changes no customer data).
    fn record(
        &mut self,
        f: &CaseFacts,
        kind: EventKind,
        summary: String,
        detail: serde_json::Value,
    ) -> Result<()> {
        let action = CustomerAction {
            kind,
            summary,
            detail,
            notify: Vec::new(),
            decide: None,
        };
        self.store
            .record_customer_action(f.reference(), &action, &self.actor, self.now, || {
                Ok::<_, crate::store::StoreError>(())
            })?;
        Ok(())
    }

    /// Records a reasonable fee (legal-rules §3a): instead of refusing a manifestly unfounded
    /// or excessive request (12(5)(a)), or for further copies (15(3)); amount and basis kept.
    pub fn charge_fee(
        &mut self,
        reference: &str,
        amount_nok: u32,
        basis: FeeBasis,
        reason: &str,
    ) -> Result<()> {
        let f = self.guarded(reference, Op::Fee(basis))?;
        let reason = reason.trim();
        if amount_nok == 0 {
            return Err(CaseError::Invalid("a fee has an amount above zero".into()));
        }
        if reason.is_empty() {
            return Err(CaseError::Invalid(format!(
                "say why a fee under Art. {basis} is reasonable; the person is told"
            )));
        }
        let what = match basis {
            FeeBasis::UnfoundedOrExcessive => {
                "instead of refusing a manifestly unfounded or excessive request"
            }
            FeeBasis::FurtherCopies => "for further copies",
        };
        self.record(
            &f,
            EventKind::Fee,
            format!("Fee of NOK {amount_nok} under Art. {basis} ({what}): {reason}"),
            serde_json::json!({"amount_nok": amount_nok, "basis": basis, "reason": reason}),
        )
    }

    /// Ticks an Art. 19 recipient as notified on `on`.
    pub fn notify(&mut self, reference: &str, recipient: &str, on: NaiveDate) -> Result<()> {
        let f = self.guarded(reference, Op::Notify)?;
        self.not_in_future("notification date", on)?;
        Ok(self
            .store
            .tick_recipient(f.reference(), recipient, on, &self.actor, self.now)?)
    }

    /// The letter of `kind`, once the record allows it (§3a).
    pub fn letter(
        &self,
        reference: &str,
        kind: LetterKind,
        lang: Lang,
        settings: &LetterSettings,
    ) -> Result<String> {
        letters::write(kind, &self.facts(reference)?, lang, settings)
    }
}

#[cfg(test)]
mod tests;
