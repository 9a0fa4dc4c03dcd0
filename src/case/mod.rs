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
//! - [`controller`]: who answers, as the register names them.

pub mod controller;
pub mod decide;
pub mod error;
pub mod exports;
pub mod facts;
pub mod grounds;
pub mod guards;
pub mod letters;
pub mod mail;
mod records;

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::change::Change;
use crate::domain::deadline::{Extension, check_receipt, oslo_date};
use crate::domain::request::{AgentRole, IdentityStatus, Mandate, ObjectionScope, Request, Right};
use crate::export::letters::{Lang, LetterKind, LetterSettings};
use crate::store::{NewRequest, RequestChange, Store};

pub use decide::{Answer, Decision};
pub use error::{BasisField, CaseError, Result};
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
    /// Who acts for the person (`Name <address>`; None keeps the one recorded), in what
    /// role, and whether they showed a mandate.
    Representative {
        agent: Option<String>,
        role: Option<AgentRole>,
        mandate: Mandate,
    },
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
            Edit::Representative { .. } => Op::Representative,
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
        Edit::Representative {
            agent,
            role,
            mandate,
        } => Change::Representative {
            agent: agent.clone(),
            role: *role,
            mandate: *mandate,
        },
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
        let mut new = new.clone();
        new.requester = new.requester.checked().map_err(CaseError::Invalid)?;
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
