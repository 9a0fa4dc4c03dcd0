//! The §3 table, ground by right by facts, and the §3a guards, checked on pure case facts.

use chrono::{DateTime, NaiveDate, Utc};

use super::decide::{self, Answer, Decision};
use super::facts::{CaseFacts, Done};
use super::grounds::{self, RefusalBasis};
use super::guards::{Op, allows};
use super::letters;
use crate::domain::deadline::Suspension;
use crate::domain::request::{
    Channel, DecisionKind, IdentityStatus, ObjectionScope, RefusalGround, Request, Requester, Right,
};
use crate::export::letters::LetterKind;
use crate::store::CustomerLink;

fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("instant")
}

fn day(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

/// A case received 2026-03-05, read on 2026-03-20, asking for `rights`.
fn case(rights: &[Right]) -> CaseFacts {
    let request = Request {
        id: 1,
        ..Request::arrived(
            "DSR-2026-0001".into(),
            at("2026-03-05T10:00:00Z"),
            Channel::Email,
            Requester {
                name: "Eve Example".into(),
                email: Some("eve@example.no".into()),
                phone: None,
            },
            rights,
        )
    };
    CaseFacts {
        request,
        linked: Vec::new(),
        done: Done::default(),
        today: day("2026-03-20"),
        suspension_enabled: false,
        kept: None,
        fee: None,
    }
}

fn asked_for_identity(mut f: CaseFacts) -> CaseFacts {
    f.request.identity = IdentityStatus::Requested;
    f.request.suspension = Some(Suspension {
        requested: day("2026-03-10"),
        reason: "the sender address differs from the customer's".into(),
        answered: None,
    });
    f
}

fn linked(mut f: CaseFacts) -> CaseFacts {
    f.linked.push(CustomerLink {
        customer_id: 7,
        linked_by: "jk".into(),
        linked_at: "2026-03-06T10:00:00Z".into(),
    });
    f
}

/// legal-rules.md §3, "may refuse": the rights each ground may refuse (`None`: any right).
fn the_law_says(ground: RefusalGround) -> Option<Vec<Right>> {
    use RefusalGround::*;
    use Right::*;
    Some(match ground {
        IdUnverified | CannotIdentify | NoAuthorityAgent | ManifestlyUnfounded
        | ManifestlyExcessive => return None,
        RightsOfOthers => vec![Access, Portability],
        NationalRestriction => vec![Access],
        PortabilityNotApplicable => vec![Portability],
        ErasureNoGround | ErasureLegalObligation | ErasureLegalClaims | ErasureOtherException => {
            vec![Erasure]
        }
        RectificationDataAccurate => vec![Rectification],
        RestrictionConditionsNotMet => vec![Restriction],
        ObjectionCompellingGrounds | ObjectionNotApplicable => vec![Objection],
        NotAGdprRequest => vec![],
    })
}

/// The facts and details under which each ground's "needs these facts" column is met.
fn supportive(ground: RefusalGround, rights: &[Right]) -> (CaseFacts, DecisionKind, RefusalBasis) {
    use RefusalGround::*;
    let mut f = asked_for_identity(case(rights));
    f.request.agent = Some("Advokat Berg, for the person".into());
    f.request.objection_scope = Some(ObjectionScope::Situation);
    let mut basis = RefusalBasis::default();
    let mut kind = DecisionKind::Refused;
    match ground {
        NationalRestriction => basis.point = Some("c".into()),
        ErasureOtherException => basis.point = Some("a".into()),
        ErasureLegalObligation => {
            kind = DecisionKind::Partial;
            basis.until = Some(day("2031-12-31"));
        }
        _ => {}
    }
    (f, kind, basis)
}

#[test]
fn every_ground_refuses_exactly_the_rights_the_law_names() {
    for ground in RefusalGround::ALL.iter().copied() {
        for right in Right::ALL.iter().copied() {
            let (f, kind, basis) = supportive(ground, &[right]);
            let allowed = grounds::check(ground, Some(right), kind, &f, &basis);
            let expected = the_law_says(ground).is_none_or(|rights| rights.contains(&right));
            assert_eq!(
                allowed.is_ok(),
                expected,
                "{ground} on {right}: {:?}",
                allowed.err().map(|e| e.to_string())
            );
        }
        // A message with no right recorded: only the grounds for any right, and
        // NOT_A_GDPR_REQUEST.
        let (f, kind, basis) = supportive(ground, &[]);
        let allowed = grounds::check(ground, None, kind, &f, &basis);
        let expected = the_law_says(ground).is_none() || ground == RefusalGround::NotAGdprRequest;
        assert_eq!(
            allowed.is_ok(),
            expected,
            "{ground} on no right: {allowed:?}"
        );
    }
}

#[test]
fn not_a_gdpr_request_is_only_for_a_message_with_no_right_recorded() {
    let f = case(&[Right::Access]);
    let e = grounds::check(
        RefusalGround::NotAGdprRequest,
        None,
        DecisionKind::Refused,
        &f,
        &RefusalBasis::default(),
    )
    .expect_err("a request with a right");
    assert!(e.to_string().contains("asks for a right"), "{e}");
}

#[test]
fn id_unverified_needs_an_unanswered_or_failed_check_and_never_a_verified_one() {
    let g = RefusalGround::IdUnverified;
    let check = |f: &CaseFacts| {
        grounds::check(
            g,
            Some(Right::Access),
            DecisionKind::Refused,
            f,
            &RefusalBasis::default(),
        )
    };
    let never_asked = case(&[Right::Access]);
    assert!(check(&never_asked).is_err_and(|e| e.to_string().contains("asked for")));
    let asked = asked_for_identity(case(&[Right::Access]));
    assert!(check(&asked).is_ok());
    let mut failed = asked.clone();
    failed.request.identity = IdentityStatus::Failed;
    assert!(check(&failed).is_ok());
    let mut verified = asked.clone();
    verified.request.identity = IdentityStatus::Verified;
    assert!(check(&verified).is_err_and(|e| e.to_string().contains("verified")));
    // Verified once, then marked failed: it was verified.
    let mut once = failed.clone();
    once.done.ever_verified = true;
    assert!(check(&once).is_err());
}

#[test]
fn each_ground_needs_the_facts_its_row_names() {
    use RefusalGround::*;
    let refuse = |g, right, kind, f: &CaseFacts, basis: RefusalBasis| {
        grounds::check(g, Some(right), kind, f, &basis)
    };
    let plain = case(Right::ALL);
    let refused = DecisionKind::Refused;
    // A representative must act for NO_AUTHORITY_AGENT.
    assert!(
        refuse(
            NoAuthorityAgent,
            Right::Access,
            refused,
            &plain,
            RefusalBasis::default()
        )
        .is_err()
    );
    // § 16(1) letter a-f for NATIONAL_RESTRICTION, and the letter must be one of them.
    let point = |p: &str| RefusalBasis {
        point: Some(p.into()),
        until: None,
    };
    assert!(
        refuse(
            NationalRestriction,
            Right::Access,
            refused,
            &plain,
            RefusalBasis::default()
        )
        .is_err()
    );
    assert!(
        refuse(
            NationalRestriction,
            Right::Access,
            refused,
            &plain,
            point("g")
        )
        .is_err()
    );
    assert!(
        refuse(
            NationalRestriction,
            Right::Access,
            refused,
            &plain,
            point("F")
        )
        .is_ok()
    );
    // Art. 17(3) (a), (c) or (d) for ERASURE_OTHER_EXCEPTION.
    assert!(
        refuse(
            ErasureOtherException,
            Right::Erasure,
            refused,
            &plain,
            point("b")
        )
        .is_err()
    );
    assert!(
        refuse(
            ErasureOtherException,
            Right::Erasure,
            refused,
            &plain,
            point("d")
        )
        .is_ok()
    );
    // A point of law only where the ground takes one.
    assert!(
        refuse(
            ManifestlyExcessive,
            Right::Access,
            refused,
            &plain,
            point("a")
        )
        .is_err()
    );
    // ERASURE_LEGAL_OBLIGATION: partial, with the keep-until date.
    let until = RefusalBasis {
        point: None,
        until: Some(day("2031-12-31")),
    };
    let partial = DecisionKind::Partial;
    assert!(
        refuse(
            ErasureLegalObligation,
            Right::Erasure,
            refused,
            &plain,
            until.clone()
        )
        .is_err()
    );
    assert!(
        refuse(
            ErasureLegalObligation,
            Right::Erasure,
            partial,
            &plain,
            RefusalBasis::default()
        )
        .is_err()
    );
    assert!(
        refuse(
            ErasureLegalObligation,
            Right::Erasure,
            partial,
            &plain,
            until.clone()
        )
        .is_ok()
    );
    assert!(refuse(ErasureLegalClaims, Right::Erasure, refused, &plain, until).is_err());
}

#[test]
fn a_direct_marketing_objection_is_never_refused() {
    for g in [
        RefusalGround::ObjectionCompellingGrounds,
        RefusalGround::ObjectionNotApplicable,
    ] {
        for kind in [DecisionKind::Refused, DecisionKind::Partial] {
            let mut f = case(&[Right::Objection]);
            let check = |f: &CaseFacts| {
                grounds::check(g, Some(Right::Objection), kind, f, &RefusalBasis::default())
            };
            f.request.objection_scope = Some(ObjectionScope::Marketing);
            let e = check(&f).expect_err("marketing");
            assert!(e.to_string().contains("21(2)"), "{e}");
            f.request.objection_scope = None;
            assert!(check(&f).is_err_and(|e| e.to_string().contains("scope")));
            f.request.objection_scope = Some(ObjectionScope::Situation);
            assert!(check(&f).is_ok());
        }
    }
}

#[test]
fn erased_needs_an_erasure_run_or_no_data_held_and_covers_only_erasure() {
    let f = case(&[Right::Access, Right::Erasure]);
    let erased = Decision::new(Answer::Erased);
    assert!(decide::plan(&f, &erased).is_err_and(|e| e.to_string().contains("no erasure")));
    // Answering the erasure right says the same thing.
    let answered = Decision::new(Answer::Answered);
    assert!(decide::plan(&f, &answered).is_err());
    let mut ran = f.clone();
    ran.done.erasure_ran = true;
    let plan = decide::plan(&ran, &erased).expect("erased");
    assert_eq!(plan.items.len(), 2, "access is answered with it");
    let mut nothing = f.clone();
    nothing.done.no_data_held = true;
    assert!(decide::plan(&nothing, &erased).is_ok());
    let only_access = Decision {
        rights: vec![Right::Access],
        ..Decision::new(Answer::Erased)
    };
    assert!(
        decide::plan(&ran, &only_access).is_err_and(|e| e.to_string().contains("erasure right"))
    );
    // Access alone may be answered without any erasure.
    let access = Decision {
        rights: vec![Right::Access],
        ..Decision::new(Answer::Answered)
    };
    assert!(decide::plan(&f, &access).is_ok());
}

#[test]
fn a_decision_keeps_its_internal_note_apart_from_the_reason() {
    let f = case(&[Right::Access]);
    let d = Decision {
        reason: Some("You asked for the same copy four times this month.".into()),
        internal: Some("  Sent from an address we have never seen  ".into()),
        ..Decision::new(Answer::Refused(RefusalGround::ManifestlyExcessive))
    };
    let plan = decide::plan(&f, &d).expect("plan");
    assert_eq!(
        plan.internal.as_deref(),
        Some("Sent from an address we have never seen")
    );
    let no_reason = Decision {
        reason: Some("   ".into()),
        ..d
    };
    assert!(decide::plan(&f, &no_reason).is_err_and(|e| e.to_string().contains("12(4)")));
}

#[test]
fn nothing_is_disclosed_or_changed_while_identity_is_asked_or_failed() {
    let ops = [
        Op::AccessPackage,
        Op::Portability,
        Op::Rectify,
        Op::Erase,
        Op::Restrict,
        Op::StopMarketing,
    ];
    let all = Right::ALL.to_vec();
    let fine = linked(case(&all));
    for op in ops {
        assert!(allows(&fine, op).is_ok(), "{op:?}");
        let asked = linked(asked_for_identity(case(&all)));
        assert!(
            allows(&asked, op).is_err_and(|e| e.to_string().contains("12(6)")),
            "{op:?}"
        );
        let mut failed = asked.clone();
        failed.request.identity = IdentityStatus::Failed;
        assert!(allows(&failed, op).is_err(), "{op:?}");
        let mut verified = asked.clone();
        verified.request.identity = IdentityStatus::Verified;
        assert!(allows(&verified, op).is_ok(), "{op:?}");
        // Nobody linked: nothing to disclose or change.
        assert!(allows(&case(&all), op).is_err(), "{op:?}");
    }
    // A negative confirmation and "no data held" are for a search that found nobody.
    assert!(allows(&case(&all), Op::NegativeConfirmation).is_ok());
    assert!(allows(&fine, Op::NegativeConfirmation).is_err());
    assert!(allows(&fine, Op::NoDataHeld).is_err());
}

#[test]
fn letters_state_only_what_the_record_shows() {
    use LetterKind::*;
    let fits = |kind, f: &CaseFacts| letters::check(kind, f).is_ok();
    let all = Right::ALL.to_vec();
    let open = case(&all);
    for kind in [
        Access,
        Erasure,
        Rectification,
        Restriction,
        Objection,
        Refusal,
        Identity,
        Extension,
    ] {
        assert!(!fits(kind, &open), "{kind} before anything happened");
    }
    assert!(fits(Acknowledgement, &open));
    let did = |set: fn(&mut Done)| {
        let mut f = open.clone();
        set(&mut f.done);
        f
    };
    assert!(fits(Access, &did(|d| d.access_package = true)));
    assert!(fits(Access, &did(|d| d.negative_confirmation = true)));
    assert!(letters::wording(&did(|d| d.negative_confirmation = true)).negative);
    assert!(fits(Erasure, &did(|d| d.erasure_ran = true)));
    assert!(fits(Erasure, &did(|d| d.no_data_held = true)));
    assert!(letters::wording(&did(|d| d.no_data_held = true)).no_data);
    assert!(!fits(Erasure, &did(|d| d.access_package = true)));
    assert!(fits(Rectification, &did(|d| d.rectified = true)));
    assert!(fits(Restriction, &did(|d| d.restricted = true)));
    // An objection letter: marketing stopped for a marketing objection.
    let mut marketing = did(|d| d.marketing_stopped = true);
    assert!(!fits(Objection, &marketing), "the scope is not recorded");
    marketing.request.objection_scope = Some(ObjectionScope::Marketing);
    assert!(fits(Objection, &marketing));
    // Identity: only while it is asked.
    let asked = asked_for_identity(open.clone());
    assert!(fits(Identity, &asked));
    let mut answered = asked.clone();
    answered.request.identity = IdentityStatus::Verified;
    assert!(!fits(Identity, &answered));
}

#[test]
fn an_extension_letter_goes_out_only_within_the_first_month() {
    let mut f = case(&[Right::Access]);
    f.request.extension = Some(crate::domain::deadline::Extension {
        notified: day("2026-03-20"),
        reason: "Data in five systems".into(),
    });
    // Received 5 March 2026: the month ends 7 April (Easter).
    f.today = day("2026-04-07");
    assert!(letters::check(LetterKind::Extension, &f).is_ok());
    f.today = day("2026-04-08");
    let e = letters::check(LetterKind::Extension, &f).expect_err("late");
    assert!(e.to_string().contains("2026-04-07"), "{e}");
}

#[test]
fn nothing_is_disclosed_to_a_representative_until_a_mandate_is_shown() {
    use crate::domain::request::Mandate;
    // The father wrote from his own address, which is the only one there is for her.
    let mut f = linked(case(&[Right::Access, Right::Portability]));
    f.request.agent = Some("Ola Berg <eve@example.no>".into());
    for op in [Op::AccessPackage, Op::Portability] {
        let err = allows(&f, op).expect_err("no mandate");
        assert!(
            err.to_string().contains("has shown no mandate"),
            "{op:?}: {err}"
        );
    }
    for kind in [
        LetterKind::Identity,
        LetterKind::Extension,
        LetterKind::Access,
    ] {
        let err = letters::check(kind, &f).expect_err("no mandate");
        assert!(
            err.to_string().contains("no mandate is shown"),
            "{kind}: {err}"
        );
    }
    assert!(letters::check(LetterKind::Acknowledgement, &f).is_ok());
    // With the mandate shown, the package may be written and goes to him.
    f.request.mandate = Mandate::Shown;
    assert!(allows(&f, Op::AccessPackage).is_ok());
    // Without a mandate but with an address of her own, she can be answered directly.
    f.request.mandate = Mandate::Missing;
    f.request.agent = Some("Ola Berg <ola@example.no>".into());
    assert!(allows(&f, Op::AccessPackage).is_ok());
}
