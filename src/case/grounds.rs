//! Which refusal ground may refuse which right, on which facts (legal-rules.md §3). The one
//! place this table lives: the command line, the desk and the tests all ask it.

use crate::domain::request::{DecisionKind, IdentityStatus, ObjectionScope, RefusalGround, Right};

use super::error::{BasisField, CaseError};
use super::facts::CaseFacts;

/// What a refusal rests on besides its ground and reason.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RefusalBasis {
    /// personopplysningsloven § 16(1) a-f, or Art. 17(3) a, c or d.
    pub point: Option<String>,
    /// Records kept under a legal obligation until this date.
    pub until: Option<chrono::NaiveDate>,
}

/// The letters of personopplysningsloven § 16(1) that limit the right of access.
pub const SECTION16_POINTS: [&str; 6] = ["a", "b", "c", "d", "e", "f"];
/// The exceptions of Art. 17(3) that ERASURE_OTHER_EXCEPTION covers ((b) and (e) have
/// their own codes).
pub const ART17_3_POINTS: [&str; 3] = ["a", "c", "d"];

/// The rights a ground may refuse; `None` = any right.
pub fn rights_it_may_refuse(ground: RefusalGround) -> Option<&'static [Right]> {
    use RefusalGround::*;
    Some(match ground {
        IdUnverified | CannotIdentify | NoAuthorityAgent | ManifestlyUnfounded
        | ManifestlyExcessive => return None,
        RightsOfOthers => &[Right::Access, Right::Portability],
        NationalRestriction => &[Right::Access],
        PortabilityNotApplicable => &[Right::Portability],
        ErasureNoGround | ErasureLegalObligation | ErasureLegalClaims | ErasureOtherException => {
            &[Right::Erasure]
        }
        RectificationDataAccurate => &[Right::Rectification],
        RestrictionConditionsNotMet => &[Right::Restriction],
        ObjectionCompellingGrounds | ObjectionNotApplicable => &[Right::Objection],
        NotAGdprRequest => &[],
    })
}

/// Why the law names that column, for the refusal message.
fn may_refuse_rule(ground: RefusalGround) -> &'static str {
    use RefusalGround::*;
    match ground {
        RightsOfOthers => "Art. 15(4) and 20(4) limit only access and portability; redact instead",
        NationalRestriction => {
            "personopplysningsloven § 16 limits only the right of access (Art. 13-15)"
        }
        PortabilityNotApplicable => "it answers only a portability request",
        ErasureNoGround | ErasureLegalObligation | ErasureLegalClaims | ErasureOtherException => {
            "Art. 17 grounds and exceptions answer only an erasure request"
        }
        RectificationDataAccurate => "it answers only a rectification request",
        RestrictionConditionsNotMet => "it answers only a restriction request",
        ObjectionCompellingGrounds | ObjectionNotApplicable => {
            "it answers only an objection (Art. 21(1))"
        }
        NotAGdprRequest => {
            "it closes only a message with no right recorded; a request that asks for a right is answered or refused on a ground that fits"
        }
        _ => "",
    }
}

fn needs(
    ground: RefusalGround,
    needs: &'static str,
    fix: impl Into<String>,
) -> Result<(), CaseError> {
    // The grounds that rest on a point of the law, or on a keep-until date, miss that field.
    let field = match ground {
        RefusalGround::NationalRestriction | RefusalGround::ErasureOtherException => {
            Some(BasisField::Point)
        }
        _ => None,
    };
    needs_field(ground, needs, fix, field)
}

/// A ground's missing fact that is one field of the basis.
fn needs_field(
    ground: RefusalGround,
    needs: &'static str,
    fix: impl Into<String>,
    field: Option<BasisField>,
) -> Result<(), CaseError> {
    Err(CaseError::GroundNeedsFacts {
        ground,
        basis: ground.basis(),
        needs,
        fix: fix.into(),
        field,
    })
}

/// Whether `ground` may refuse `right` (`None`: the whole request, which names no right)
/// as a `kind` decision, on the facts of the case and with `basis`.
pub fn check(
    ground: RefusalGround,
    right: Option<Right>,
    kind: DecisionKind,
    facts: &CaseFacts,
    basis: &RefusalBasis,
) -> Result<(), CaseError> {
    use RefusalGround::*;
    let request = &facts.request;
    // The right column.
    let fits_right = match (rights_it_may_refuse(ground), right) {
        (None, _) => true,
        (Some(_), None) => ground == NotAGdprRequest,
        (Some(list), Some(r)) => list.contains(&r),
    };
    if !fits_right {
        let what = match right {
            Some(r) => format!("{r} ({})", r.article()),
            None if request.rights.is_empty() => {
                "a request whose rights are not recorded yet (record them first)".into()
            }
            None => "the whole request".into(),
        };
        return Err(CaseError::GroundNotForRight {
            ground,
            basis: ground.basis(),
            what,
            rule: may_refuse_rule(ground),
        });
    }
    // What each ground takes besides a reason.
    let takes_point = matches!(ground, NationalRestriction | ErasureOtherException);
    if basis.point.is_some() && !takes_point {
        return Err(CaseError::DetailNotForGround {
            what: "a point of the law (§ 16(1) a-f, Art. 17(3) a/c/d)",
            ground: "NATIONAL_RESTRICTION and ERASURE_OTHER_EXCEPTION".into(),
            field: BasisField::Point,
        });
    }
    if basis.until.is_some() && ground != ErasureLegalObligation {
        return Err(CaseError::DetailNotForGround {
            what: "a keep-until date",
            ground: ErasureLegalObligation.as_str().into(),
            field: BasisField::Until,
        });
    }
    let point = basis
        .point
        .as_deref()
        .map(|p| p.trim().to_ascii_lowercase());
    // The facts column.
    match ground {
        IdUnverified => {
            if request.identity == IdentityStatus::Verified || facts.done.ever_verified {
                return needs(
                    ground,
                    "an identity check that was never answered or failed",
                    "identity was verified on this request, so it cannot be refused as unverified",
                );
            }
            let asked = request.suspension.is_some()
                || matches!(
                    request.identity,
                    IdentityStatus::Requested | IdentityStatus::Failed
                );
            if !asked {
                return needs(
                    ground,
                    "identity to have been asked for, with the date and the reasonable doubt",
                    "ask for identity first (only on reasonable doubt); refuse if no sufficient answer comes",
                );
            }
        }
        NoAuthorityAgent if request.agent.is_none() => {
            return needs(
                ground,
                "a representative acting for the person",
                "no one acts for the person on this request; record who acts and in what role",
            );
        }
        NoAuthorityAgent if request.mandate == crate::domain::request::Mandate::Shown => {
            return needs(
                ground,
                "a representative who has shown no mandate",
                "the mandate was recorded as shown; record it as missing if that was wrong",
            );
        }
        NationalRestriction
            if !point
                .as_deref()
                .is_some_and(|p| SECTION16_POINTS.contains(&p)) =>
        {
            return needs(
                ground,
                "the letter of personopplysningsloven § 16(1) it rests on (a-f)",
                "name the letter; the refusal letter names it",
            );
        }
        ErasureOtherException
            if !point
                .as_deref()
                .is_some_and(|p| ART17_3_POINTS.contains(&p)) =>
        {
            return needs(
                ground,
                "which exception of Art. 17(3) applies: (a), (c) or (d)",
                "name it; (b) is ERASURE_LEGAL_OBLIGATION and (e) ERASURE_LEGAL_CLAIMS",
            );
        }
        ErasureLegalObligation => {
            if kind != DecisionKind::Partial {
                return needs(
                    ground,
                    "a partial decision",
                    "records kept by law are kept on hold while everything else is erased: record it as partly refused",
                );
            }
            if basis.until.is_none() {
                return needs_field(
                    ground,
                    "the date the records are kept until",
                    "give the keep-until date; the letter tells the person",
                    Some(BasisField::Until),
                );
            }
        }
        ObjectionCompellingGrounds | ObjectionNotApplicable => match request.objection_scope {
            Some(ObjectionScope::Situation) => {}
            Some(ObjectionScope::Marketing) => {
                return Err(CaseError::GroundNotForRight {
                    ground,
                    basis: ground.basis(),
                    what: "an objection to direct marketing".into(),
                    rule: "Art. 21(2)-(3) makes it absolute: stop the marketing at once",
                });
            }
            None => {
                return needs(
                    ground,
                    "the objection's scope",
                    "record whether the objection is to direct marketing or to processing in the person's particular situation",
                );
            }
        },
        NotAGdprRequest if !request.rights.is_empty() => {
            return Err(CaseError::GroundNotForRight {
                ground,
                basis: ground.basis(),
                what: "a request that asks for a right".into(),
                rule: may_refuse_rule(ground),
            });
        }
        _ => {}
    }
    Ok(())
}
