//! The case's work in the customer records: linking the person, disclosing (the access
//! package, the negative confirmation, the portability export), changing their data (erase,
//! rectify, restrict, stop marketing), and what the record keeps about it (no data held,
//! fees, Art. 19 notifications). Each operation passes its guard first.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::Case;
use super::error::{CaseError, Result};
use super::facts::CaseFacts;
use super::guards::{Op, allows};
use crate::customers::{self, CustomerDb, ErasureDone, ErasurePlan, NamedFile};
use crate::domain::request::{EventKind, FeeBasis, IdentityStatus};
use crate::store::CustomerAction;

impl Case<'_> {
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
            &super::controller::of(self.store)?,
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
        self.erase_reporting(db, reference, plan, &mut |_| {})
    }

    /// [`Case::erase`], saying to `progress` how many of the plan's rows are done.
    pub fn erase_reporting(
        &mut self,
        db: &mut CustomerDb,
        reference: &str,
        plan: &ErasurePlan,
        progress: &mut dyn FnMut(String),
    ) -> Result<ErasureDone> {
        let f = self.guarded(reference, Op::Erase)?;
        Ok(customers::erase_reporting(
            self.store,
            db,
            (f.reference(), plan),
            &self.actor,
            self.now,
            progress,
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
}
