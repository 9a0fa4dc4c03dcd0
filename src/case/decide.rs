//! Deciding a case: which rights a decision covers, what "erased" may say, and which ground
//! may refuse what. The desk's forms and `close` on the command line both build a
//! [`Decision`] and hand it here.

use crate::domain::change::Decide;
use crate::domain::request::{DecisionKind, RefusalGround, Right, Verdict};

use super::error::CaseError;
use super::facts::CaseFacts;
use super::grounds::{self, RefusalBasis};
use super::guards::{Op, allows};

/// What the officer decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Answered / carried out.
    Answered,
    /// The erasure right carried out (other rights decided with it are answered).
    Erased,
    Refused(RefusalGround),
    /// Partly done, partly refused on the ground.
    Partial(RefusalGround),
}

impl Answer {
    pub fn op(self) -> Op {
        match self {
            Answer::Answered => Op::Answer,
            Answer::Erased => Op::MarkErased,
            Answer::Refused(_) | Answer::Partial(_) => Op::Refuse,
        }
    }
}

/// A decision as the officer gives it, before the case checks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub answer: Answer,
    /// The rights it covers; empty = every right not decided yet.
    pub rights: Vec<Right>,
    /// The reasons to the person (a refusal's are stated in the letter, Art. 12(4)).
    pub reason: Option<String>,
    /// An internal note: kept in the case record, never in a letter or package.
    pub internal: Option<String>,
    pub basis: RefusalBasis,
}

impl Decision {
    pub fn new(answer: Answer) -> Decision {
        Decision {
            answer,
            rights: Vec::new(),
            reason: None,
            internal: None,
            basis: RefusalBasis::default(),
        }
    }
}

fn clean(text: &Option<String>) -> Option<String> {
    text.as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

/// Checks `decision` against the case and turns it into the change to record.
pub fn plan(facts: &CaseFacts, decision: &Decision) -> Result<Decide, CaseError> {
    // Open and something left to decide; what "erased" needs is checked once its rights are
    // known, so a misdirected --erased is told that first.
    allows(facts, Op::Answer)?;
    let request = &facts.request;
    let reference = || request.reference.clone();
    let rights: Vec<Option<Right>> = if !decision.rights.is_empty() {
        let mut named = decision.rights.clone();
        named.sort();
        named.dedup();
        for r in &named {
            if !request.rights.contains(r) {
                return Err(CaseError::NotAsked {
                    reference: reference(),
                    right: *r,
                    asked: crate::domain::request::rights_label(&request.rights),
                    fix: "record the right first if the person asked for it",
                });
            }
        }
        named.into_iter().map(Some).collect()
    } else if request.rights.is_empty() {
        vec![None]
    } else {
        let open = facts.undecided();
        if open.is_empty() {
            return Err(CaseError::NothingUndecided {
                reference: reference(),
            });
        }
        open.into_iter().map(Some).collect()
    };
    let reason = clean(&decision.reason);
    let verdict_for = |right: Option<Right>| -> Result<Verdict, CaseError> {
        Ok(match decision.answer {
            Answer::Answered => Verdict::Done,
            // "Erased" covers the erasure right; the other rights decided with it are answered.
            Answer::Erased if matches!(right, Some(Right::Erasure) | None) => Verdict::Erased,
            Answer::Erased => Verdict::Done,
            Answer::Refused(ground) | Answer::Partial(ground) => {
                let kind = if matches!(decision.answer, Answer::Partial(_)) {
                    DecisionKind::Partial
                } else {
                    DecisionKind::Refused
                };
                grounds::check(ground, right, kind, facts, &decision.basis)?;
                let reason = reason.clone().ok_or_else(|| {
                    CaseError::Invalid(
                        "a refusal needs the written reasons to the person (Art. 12(4))".into(),
                    )
                })?;
                if kind == DecisionKind::Partial {
                    Verdict::Partial { ground, reason }
                } else {
                    Verdict::Refused { ground, reason }
                }
            }
        })
    };
    if decision.answer == Answer::Erased
        && !rights
            .iter()
            .any(|r| matches!(r, Some(Right::Erasure) | None))
    {
        let named: Vec<Right> = rights.iter().flatten().copied().collect();
        return Err(if facts.asks(Right::Erasure) {
            CaseError::ErasedNotForRights {
                named: crate::domain::request::rights_label(&named),
            }
        } else {
            CaseError::NotAsked {
                reference: reference(),
                right: Right::Erasure,
                asked: crate::domain::request::rights_label(&request.rights),
                fix: "answer it instead",
            }
        });
    }
    allows(facts, decision.answer.op())?;
    let items = rights
        .iter()
        .map(|r| Ok((*r, verdict_for(*r)?)))
        .collect::<Result<Vec<_>, CaseError>>()?;
    // Answering the erasure right says the data is gone, as "erased" does (§3a).
    let says_erased = items
        .iter()
        .any(|(r, v)| *r == Some(Right::Erasure) && matches!(v, Verdict::Done | Verdict::Erased));
    if says_erased && !(facts.done.erasure_ran || facts.done.nothing_held()) {
        return Err(CaseError::NothingErased {
            reference: reference(),
        });
    }
    Ok(Decide {
        items,
        internal: clean(&decision.internal),
        point: decision
            .basis
            .point
            .as_deref()
            .map(|p| p.trim().to_ascii_lowercase()),
        until: decision.basis.until,
    })
}
