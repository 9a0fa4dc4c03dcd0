//! What the case allows now, operation by operation. Each operation of the workflow checks
//! its guard first, and the desk asks the same guard to grey what cannot be done, so the
//! footer, the menus and the refusal always agree.

use crate::domain::request::Right;

use super::error::CaseError;
use super::facts::CaseFacts;

/// An operation on a case, as far as its guard needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// Decide the undecided rights as answered.
    Answer,
    /// Close the erasure right as erased.
    MarkErased,
    Refuse,
    Extend,
    Identity,
    Triage,
    Reopen,
    Note,
    Assign,
    /// Record who acts for the person, and whether they showed a mandate.
    Representative,
    Link,
    Unlink,
    /// Write the access package (with the person's data).
    AccessPackage,
    /// Write a negative confirmation: nothing is processed about the person.
    NegativeConfirmation,
    Portability,
    Rectify,
    Erase,
    Restrict,
    LiftRestriction,
    StopMarketing,
    /// Record that the search found no data about the person.
    NoDataHeld,
    /// Tick an Art. 19 recipient as notified.
    Notify,
    /// Charge a reasonable fee on this basis.
    Fee(crate::domain::request::FeeBasis),
}

fn open(f: &CaseFacts, what: &'static str) -> Result<(), CaseError> {
    if f.is_closed() {
        Err(CaseError::Closed {
            reference: f.reference().to_string(),
            what,
        })
    } else {
        Ok(())
    }
}

fn asks(f: &CaseFacts, rights: &[Right], fix: &'static str) -> Result<(), CaseError> {
    if rights.iter().any(|r| f.asks(*r)) {
        Ok(())
    } else {
        Err(CaseError::NotAsked {
            reference: f.reference().to_string(),
            right: rights[0],
            asked: crate::domain::request::rights_label(&f.request.rights),
            fix,
        })
    }
}

/// Disclosure and changes to the customer records: identity neither asked nor failed, and
/// a customer linked (links are checked for soundness when made).
fn may_touch_records(f: &CaseFacts) -> Result<(), CaseError> {
    if f.identity_pending() {
        return Err(CaseError::IdentityPending {
            reference: f.reference().to_string(),
            identity: f.request.identity,
        });
    }
    linked(f)
}

/// What is disclosed goes to the person or to a representative with a mandate, never to one
/// without (legal-rules §3a).
fn may_disclose(f: &CaseFacts) -> Result<(), CaseError> {
    if let Some(agent) = f.request.agent_without_mandate() {
        return Err(CaseError::NoMandate {
            reference: f.reference().to_string(),
            agent: crate::domain::text::one_line(agent),
        });
    }
    may_touch_records(f)
}

fn linked(f: &CaseFacts) -> Result<(), CaseError> {
    if f.linked.is_empty() {
        Err(CaseError::NoLinkedCustomer {
            reference: f.reference().to_string(),
        })
    } else {
        Ok(())
    }
}

/// Whether `op` may be done on the case now; `Err` says which rule and what to do.
pub fn allows(f: &CaseFacts, op: Op) -> Result<(), CaseError> {
    let reference = || f.reference().to_string();
    let something_undecided = || {
        let none_yet = f.request.rights.is_empty() && f.request.decisions.is_empty();
        if none_yet || !f.undecided().is_empty() {
            Ok(())
        } else {
            Err(CaseError::NothingUndecided {
                reference: reference(),
            })
        }
    };
    match op {
        Op::Answer | Op::Refuse => {
            open(f, "decide it again")?;
            something_undecided()
        }
        Op::MarkErased => {
            open(f, "decide it again")?;
            if !f.request.rights.is_empty() {
                asks(f, &[Right::Erasure], "answer it instead")?;
                if !f.undecided().contains(&Right::Erasure) {
                    return Err(CaseError::NothingUndecided {
                        reference: reference(),
                    });
                }
            } else {
                something_undecided()?;
            }
            if f.done.erasure_ran || f.done.nothing_held() {
                Ok(())
            } else {
                Err(CaseError::NothingErased {
                    reference: reference(),
                })
            }
        }
        Op::Extend => {
            open(f, "extend it")?;
            if f.request.extension.is_some() {
                return Err(CaseError::Invalid(format!(
                    "{} is already extended; the law allows one extension of two months",
                    f.reference()
                )));
            }
            Ok(())
        }
        Op::Identity => open(f, "record an identity check"),
        Op::Triage => open(f, "change its rights"),
        Op::Reopen => {
            if f.is_closed() {
                Ok(())
            } else {
                Err(CaseError::NotClosed {
                    reference: reference(),
                })
            }
        }
        Op::Note | Op::Assign => Ok(()),
        Op::Representative => open(f, "change who acts for the person"),
        Op::Link | Op::Unlink => open(f, "change its linked customers"),
        Op::AccessPackage => {
            open(f, "write files for it")?;
            asks(
                f,
                &[Right::Access],
                "an access package answers an access request",
            )?;
            may_disclose(f)
        }
        Op::NegativeConfirmation => {
            open(f, "write files for it")?;
            asks(
                f,
                &[Right::Access],
                "a negative confirmation answers an access request",
            )?;
            no_customer_linked(f)
        }
        Op::Portability => {
            open(f, "write files for it")?;
            asks(
                f,
                &[Right::Portability],
                "a portability export answers a portability request",
            )?;
            may_disclose(f)
        }
        Op::Rectify => {
            open(f, "change customer data for it")?;
            asks(
                f,
                &[Right::Rectification],
                "record the right first if the person asked for it",
            )?;
            may_touch_records(f)
        }
        Op::Erase => {
            open(f, "change customer data for it")?;
            asks(
                f,
                &[Right::Erasure],
                "record the right first if the person asked for it",
            )?;
            may_touch_records(f)
        }
        Op::Restrict => {
            open(f, "change customer data for it")?;
            asks(
                f,
                &[Right::Restriction, Right::Rectification],
                "record the right first if the person asked for it",
            )?;
            may_touch_records(f)
        }
        Op::LiftRestriction => {
            open(f, "change customer data for it")?;
            linked(f)
        }
        Op::StopMarketing => {
            open(f, "change customer data for it")?;
            asks(
                f,
                &[Right::Objection, Right::Erasure],
                "record the objection first if the person made one",
            )?;
            may_touch_records(f)
        }
        Op::NoDataHeld => {
            open(f, "record what the search found")?;
            no_customer_linked(f)
        }
        Op::Notify => Ok(()),
        Op::Fee(crate::domain::request::FeeBasis::FurtherCopies) => {
            open(f, "charge a fee for it")?;
            asks(
                f,
                &[Right::Access],
                "a fee for further copies is for access (Art. 15(3))",
            )?;
            if f.done.access_package {
                Ok(())
            } else {
                Err(CaseError::Invalid(format!(
                    "{}: a fee under Art. 15(3) is for further copies; the first copy is free, and none was written yet",
                    f.reference()
                )))
            }
        }
        Op::Fee(_) => open(f, "charge a fee for it"),
    }
}

fn no_customer_linked(f: &CaseFacts) -> Result<(), CaseError> {
    if f.linked.is_empty() {
        Ok(())
    } else {
        Err(CaseError::DataHeld {
            reference: f.reference().to_string(),
        })
    }
}
