//! What the case workflow refuses, each as one sentence naming the rule and the way forward.
//! Front ends add their own advice (which command, which key); these say what the law says.

use chrono::NaiveDate;

use crate::customers::CustomerError;
use crate::domain::request::{IdentityStatus, RefusalGround, Right};
use crate::export::ExportError;
use crate::store::StoreError;

/// Why an operation on a case was refused. Nothing was changed, written or recorded.
#[derive(Debug, thiserror::Error)]
pub enum CaseError {
    #[error("{reference} is closed; reopen it before you {what}")]
    Closed {
        reference: String,
        what: &'static str,
    },
    #[error("{reference} is not closed")]
    NotClosed { reference: String },
    #[error("{reference} does not ask for {right} (it asks for {asked}); {fix}")]
    NotAsked {
        reference: String,
        right: Right,
        asked: String,
        fix: &'static str,
    },
    #[error("\"erased\" is for the erasure right, not {named}; answer those rights instead")]
    ErasedNotForRights { named: String },
    #[error("{reference} has no undecided right left")]
    NothingUndecided { reference: String },
    /// The §3 table's "may refuse" column.
    #[error("{ground} ({basis}) cannot refuse {what}: {rule}")]
    GroundNotForRight {
        ground: RefusalGround,
        basis: &'static str,
        what: String,
        rule: &'static str,
    },
    /// The §3 table's "needs these facts" column.
    #[error("{ground} ({basis}) needs {needs}; {fix}")]
    GroundNeedsFacts {
        ground: RefusalGround,
        basis: &'static str,
        needs: &'static str,
        fix: String,
        /// The part of the basis that is missing, if it is one (a form points at it).
        field: Option<BasisField>,
    },
    #[error("{what} is only for {ground}")]
    DetailNotForGround {
        what: &'static str,
        ground: String,
        field: BasisField,
    },
    #[error(
        "{reference}: the erasure right cannot be closed as done: no erasure was carried out in the customer records and \"no data held\" was not recorded (Art. 17; the record says only what happened)"
    )]
    NothingErased { reference: String },
    #[error(
        "{reference}: identity is {identity}; nothing is disclosed or changed in the customer records until it is verified (Art. 12(6)); record the check, or refuse with ID_UNVERIFIED"
    )]
    IdentityPending {
        reference: String,
        identity: IdentityStatus,
    },
    #[error(
        "{agent} acts for the person on {reference} and has shown no mandate, and the person has no address of their own: record the mandate first (dsr-desk agent {reference} --mandate shown), or refuse with NO_AUTHORITY_AGENT"
    )]
    NoMandate { reference: String, agent: String },
    #[error(
        "customer {customer_id} does not match the requester of {reference} on e-mail, phone or customer number, and identity is not verified; verify identity first, or give the reason the link is right (it is recorded)"
    )]
    UnsoundLink { reference: String, customer_id: i64 },
    #[error(
        "{reference} has no linked customer; find the person in the customer records and link them first"
    )]
    NoLinkedCustomer { reference: String },
    #[error(
        "{reference} has customers linked; \"no data held\" is for a search that found nobody (unlink a customer linked by mistake first)"
    )]
    DataHeld { reference: String },
    #[error("the {kind} letter {rule}")]
    LetterNotYet { kind: &'static str, rule: String },
    #[error(
        "the {what} {date} is in the future (today is {today}); record it once it has happened"
    )]
    DateInFuture {
        what: &'static str,
        date: NaiveDate,
        today: NaiveDate,
    },
    #[error("the {what} {date} is before the request was received ({receipt})")]
    DateBeforeReceipt {
        what: &'static str,
        date: NaiveDate,
        receipt: NaiveDate,
    },
    #[error(
        "the register has no controller details (name, organisation number, privacy e-mail), so no letter or access package can say who answers"
    )]
    NoController,
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Customer(CustomerError),
    #[error(transparent)]
    Export(#[from] ExportError),
}

impl From<CustomerError> for CaseError {
    fn from(e: CustomerError) -> Self {
        match e {
            CustomerError::Store(s) => CaseError::Store(s),
            other => CaseError::Customer(other),
        }
    }
}

pub type Result<T> = std::result::Result<T, CaseError>;

/// The part of a refusal's legal basis besides the ground and reason an error is about: a
/// form shows the error beside that field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BasisField {
    /// The point of the law (§ 16(1) a-f, Art. 17(3) a/c/d).
    Point,
    /// The date records are kept until.
    Until,
}
