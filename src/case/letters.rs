//! Which letters the case record allows (legal-rules.md §3a): a letter states only what the
//! record shows happened, and its wording follows what happened.

use crate::domain::request::{DecisionKind, IdentityStatus, ObjectionScope, Right};
use crate::export::letters::{self, Lang, LetterFacts, LetterKind, LetterSettings};

use super::error::CaseError;
use super::facts::CaseFacts;

fn not_yet(kind: LetterKind, rule: impl Into<String>) -> Result<(), CaseError> {
    Err(CaseError::LetterNotYet {
        kind: kind.as_str(),
        rule: rule.into(),
    })
}

/// Whether a letter of `kind` may be written on the case now; `Err` says what must happen first.
pub fn check(kind: LetterKind, f: &CaseFacts) -> Result<(), CaseError> {
    let r = &f.request;
    let decided = |right: Right| -> Vec<DecisionKind> {
        r.decisions
            .iter()
            .filter(|d| d.right == Some(right))
            .map(|d| d.kind)
            .collect()
    };
    let wholly_refused = |right: Right| {
        !decided(right).is_empty() && decided(right).iter().all(|k| *k == DecisionKind::Refused)
    };
    let needs_right = |right: Right| -> Result<(), CaseError> {
        if !f.asks(right) {
            return not_yet(
                kind,
                format!(
                    "answers a request for {right}; {} does not ask for {right} (it asks for {})",
                    r.reference,
                    crate::domain::request::rights_label(&r.rights)
                ),
            );
        }
        if wholly_refused(right) {
            return not_yet(
                kind,
                format!("does not fit: {right} was refused; write the refusal letter instead"),
            );
        }
        Ok(())
    };
    // A representative without a mandate, and no address of the person's own: only the
    // acknowledgement, and the letter that tells them what mandate to send, may go out.
    if let Some(agent) = r.agent_without_mandate()
        && kind != LetterKind::Acknowledgement
        && letters::addressed_to_agent(kind, r).is_none()
    {
        return not_yet(
            kind,
            format!(
                "would go to {} for the person, and no mandate is shown: record the mandate (dsr-desk agent {} --mandate shown), or refuse with NO_AUTHORITY_AGENT and write the refusal letter",
                crate::domain::text::one_line(agent),
                r.reference
            ),
        );
    }
    match kind {
        LetterKind::Acknowledgement => Ok(()),
        LetterKind::Identity => {
            if r.identity == IdentityStatus::Requested && r.suspension.is_some() {
                Ok(())
            } else {
                not_yet(
                    kind,
                    "is written only while identity is being asked for (Art. 12(6)): record the request for identity with the reasonable doubt first",
                )
            }
        }
        LetterKind::Extension => {
            if r.extension.is_none() {
                return not_yet(
                    kind,
                    "needs the extension recorded with its reasons first (Art. 12(3))",
                );
            }
            let one_month = f.one_month();
            if f.today > one_month {
                return not_yet(
                    kind,
                    format!(
                        "must reach the person within the first month (by {one_month}); that has passed, so it can no longer be sent (Art. 12(3))"
                    ),
                );
            }
            Ok(())
        }
        LetterKind::Access => {
            let access = f.asks(Right::Access);
            let portability = f.asks(Right::Portability);
            if !access && !portability {
                return needs_right(Right::Access);
            }
            if access {
                needs_right(Right::Access)?;
                if !(f.done.access_package || f.done.negative_confirmation) {
                    return not_yet(
                        kind,
                        "is written only after the access package was written, or a negative confirmation recorded (it says what is enclosed, or that nothing is processed)",
                    );
                }
            } else {
                needs_right(Right::Portability)?;
                if !f.done.portability_export {
                    return not_yet(
                        kind,
                        "is written only after the portability export was written",
                    );
                }
            }
            Ok(())
        }
        LetterKind::Erasure => {
            needs_right(Right::Erasure)?;
            if f.done.erasure_ran || f.done.nothing_held() {
                Ok(())
            } else {
                not_yet(
                    kind,
                    "is written only after the erasure ran on the linked customers, or \"no data held\" was recorded",
                )
            }
        }
        LetterKind::Rectification => {
            needs_right(Right::Rectification)?;
            if f.done.rectified {
                Ok(())
            } else {
                not_yet(
                    kind,
                    "is written only after the rectification was carried out",
                )
            }
        }
        LetterKind::Restriction => {
            needs_right(Right::Restriction)?;
            if f.done.restricted {
                Ok(())
            } else {
                not_yet(kind, "is written only after processing was restricted")
            }
        }
        LetterKind::Objection => {
            needs_right(Right::Objection)?;
            match r.objection_scope {
                Some(ObjectionScope::Marketing) if f.done.marketing_stopped => Ok(()),
                Some(ObjectionScope::Marketing) => not_yet(
                    kind,
                    "is written only after marketing was stopped (Art. 21(3))",
                ),
                Some(ObjectionScope::Situation) if !decided(Right::Objection).is_empty() => Ok(()),
                Some(ObjectionScope::Situation) => not_yet(
                    kind,
                    "is written only after the objection was decided (the processing stopped, or refused on compelling grounds)",
                ),
                None => not_yet(
                    kind,
                    "needs the objection's scope first: direct marketing or the person's particular situation",
                ),
            }
        }
        LetterKind::Fee => match &f.fee {
            Some(_) => Ok(()),
            None => not_yet(
                kind,
                format!(
                    "tells of a reasonable fee: {} has no fee recorded ($ in the desk, or dsr-desk fee)",
                    r.reference
                ),
            ),
        },
        LetterKind::Refusal => {
            if r.decisions
                .iter()
                .any(|d| matches!(d.kind, DecisionKind::Refused | DecisionKind::Partial))
            {
                Ok(())
            } else {
                not_yet(
                    kind,
                    format!(
                        "needs a refusal decision: {} has no refusal decision recorded",
                        r.reference
                    ),
                )
            }
        }
    }
}

/// The kinds of letter the case allows now, in the usual order.
pub fn fitting(f: &CaseFacts) -> Vec<LetterKind> {
    LetterKind::ALL
        .into_iter()
        .filter(|k| check(*k, f).is_ok())
        .collect()
}

/// What the letter's wording depends on.
pub fn wording(f: &CaseFacts) -> LetterFacts {
    LetterFacts {
        negative: f.done.negative_confirmation && !f.done.access_package,
        no_data: f.done.nothing_held() && !f.done.erasure_ran,
        marketing: f.request.objection_scope == Some(ObjectionScope::Marketing),
        kept: f.kept.clone(),
        fee: f.fee.as_ref().map(|x| letters::FeeFacts {
            amount_nok: x.amount_nok,
            further_copies: x.basis == crate::domain::request::FeeBasis::FurtherCopies,
            reason: x.reason.clone(),
        }),
    }
}

/// The letter of `kind` for the case in `lang`, once the record allows it.
pub fn write(
    kind: LetterKind,
    f: &CaseFacts,
    lang: Lang,
    settings: &LetterSettings,
) -> Result<String, CaseError> {
    check(kind, f)?;
    Ok(letters::render(
        kind,
        &f.request,
        lang,
        settings,
        &wording(f),
    )?)
}
