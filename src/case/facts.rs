//! What the case record shows happened: the request, the customers linked to it, and what
//! was carried out for it, read from its events. Every guard of the workflow reads these.

use chrono::NaiveDate;

use crate::domain::request::{EventKind, IdentityStatus, Request, Right, Status};
use crate::store::{CustomerLink, Event, Store};

/// What was carried out for a request, as its events record it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Done {
    /// An access package with the person's data was written.
    pub access_package: bool,
    /// A negative confirmation was written: nothing is processed about the person.
    pub negative_confirmation: bool,
    pub portability_export: bool,
    /// An erasure ran on the linked customers.
    pub erasure_ran: bool,
    /// The officer recorded that the search found no data about the person.
    pub no_data_held: bool,
    pub rectified: bool,
    pub restricted: bool,
    pub restriction_lifted: bool,
    pub marketing_stopped: bool,
    /// Identity was verified at some point (a later "failed" does not undo that it was).
    pub ever_verified: bool,
}

impl Done {
    /// Reads what was done from a request's events, oldest first.
    pub fn from_events(events: &[Event]) -> Done {
        let mut d = Done::default();
        for e in events {
            match e.kind {
                EventKind::AccessPackage => {
                    if e.detail["negative"].as_bool() == Some(true) {
                        d.negative_confirmation = true;
                    } else {
                        d.access_package = true;
                    }
                }
                EventKind::PortabilityExport => d.portability_export = true,
                EventKind::Erased => d.erasure_ran = true,
                EventKind::NoDataHeld => d.no_data_held = true,
                EventKind::Rectified => d.rectified = true,
                EventKind::Restricted => d.restricted = true,
                EventKind::RestrictionLifted => d.restriction_lifted = true,
                EventKind::MarketingStopped => d.marketing_stopped = true,
                EventKind::Identity
                    if e.detail["status"].as_str() == Some(IdentityStatus::Verified.as_str()) =>
                {
                    d.ever_verified = true;
                }
                _ => {}
            }
        }
        d
    }

    /// Nothing is held about the person: recorded as such, or answered with a negative
    /// confirmation.
    pub fn nothing_held(&self) -> bool {
        self.no_data_held || self.negative_confirmation
    }
}

/// A request with everything its guards need.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseFacts {
    pub request: Request,
    pub linked: Vec<CustomerLink>,
    pub done: Done,
    /// Today's date in Oslo.
    pub today: NaiveDate,
    pub suspension_enabled: bool,
    /// What the last erasure kept under a legal obligation, as its event records it.
    pub kept: Option<crate::domain::erasure::KeptRecords>,
    /// The last reasonable fee charged, as its event records it.
    pub fee: Option<Fee>,
}

/// A reasonable fee as recorded (legal-rules §3a).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct Fee {
    pub amount_nok: u32,
    pub basis: crate::domain::request::FeeBasis,
    pub reason: String,
}

impl CaseFacts {
    /// Reads the case of `reference` from the store.
    pub fn load(
        store: &Store,
        reference: &str,
        today: NaiveDate,
    ) -> crate::store::Result<CaseFacts> {
        let request = store.get(reference)?;
        let events = store.events_of(request.id)?;
        let linked = store.linked_customers(request.id)?;
        Ok(CaseFacts::from_parts(
            request,
            linked,
            &events,
            today,
            store.suspension_enabled()?,
        ))
    }

    /// The facts from what was read.
    fn from_parts(
        request: Request,
        linked: Vec<CustomerLink>,
        events: &[Event],
        today: NaiveDate,
        suspension_enabled: bool,
    ) -> CaseFacts {
        let kept = events
            .iter()
            .rev()
            .find(|e| e.kind == EventKind::Erased)
            .and_then(|e| serde_json::from_value(e.detail["kept"].clone()).ok());
        let fee = events
            .iter()
            .rev()
            .find(|e| e.kind == EventKind::Fee)
            .and_then(|e| serde_json::from_value(e.detail.clone()).ok());
        CaseFacts {
            done: Done::from_events(events),
            kept,
            fee,
            request,
            linked,
            today,
            suspension_enabled,
        }
    }

    pub fn reference(&self) -> &str {
        &self.request.reference
    }

    pub fn is_closed(&self) -> bool {
        self.request.status == Status::Closed
    }

    pub fn asks(&self, right: Right) -> bool {
        self.request.rights.contains(&right)
    }

    /// The rights asked for that have no decision yet.
    pub fn undecided(&self) -> Vec<Right> {
        let r = &self.request;
        r.rights
            .iter()
            .copied()
            .filter(|x| !r.decisions.iter().any(|d| d.right == Some(*x)))
            .collect()
    }

    /// Identity is being asked for, or the check failed: nothing may be disclosed or changed.
    pub fn identity_pending(&self) -> bool {
        matches!(
            self.request.identity,
            IdentityStatus::Requested | IdentityStatus::Failed
        )
    }

    /// The one-month deadline (before any extension), the day a refusal or an extension
    /// notice must go out by (Art. 12(3)-(4)).
    pub fn one_month(&self) -> NaiveDate {
        self.request.deadline(self.suspension_enabled).deadline
    }
}
