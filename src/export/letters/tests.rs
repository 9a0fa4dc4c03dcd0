use chrono::{DateTime, Utc};

use super::*;
use crate::domain::request::{Channel, Decision, RefusalGround, Requester, Right, Status};

fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("instant")
}

fn request(rights: &[Right], decisions: Vec<Decision>) -> Request {
    Request {
        id: 1,
        status: if decisions.is_empty() {
            Status::Open
        } else {
            Status::Closed
        },
        decisions,
        version: 3,
        ..Request::arrived(
            "DSR-2026-0007".into(),
            at("2026-03-05T10:00:00Z"),
            Channel::Email,
            Requester {
                name: "Kari Nordmann".into(),
                email: Some("kari@example.no".into()),
                phone: None,
            },
            rights,
        )
    }
}

fn decision(right: Option<Right>, kind: DecisionKind, ground: Option<RefusalGround>) -> Decision {
    Decision {
        right,
        kind,
        ground,
        reason: ground.map(|g| format!("Reason written for {g}: the facts of this case.")),
        decided_by: "jk".into(),
        decided_at: at("2026-03-20T10:00:00Z"),
        internal: Some("INTERNAL: sent from an address we have never seen".into()),
        point: match ground {
            Some(RefusalGround::NationalRestriction) => Some("c".into()),
            Some(RefusalGround::ErasureOtherException) => Some("d".into()),
            _ => None,
        },
        until: (ground == Some(RefusalGround::ErasureLegalObligation))
            .then(|| NaiveDate::from_ymd_opt(2031, 12, 31).expect("date")),
    }
}

fn plain() -> LetterFacts {
    LetterFacts::default()
}

fn settings() -> LetterSettings {
    LetterSettings {
        controller: Controller::demo(),
        today: NaiveDate::from_ymd_opt(2026, 3, 20).expect("date"),
        suspension_enabled: false,
        templates: Templates::shipped(),
    }
}

/// A right that `ground` can lawfully refuse (None: the request named no right), from the
/// case workflow's own table.
fn right_for(ground: RefusalGround) -> Option<Right> {
    match crate::case::grounds::rights_it_may_refuse(ground) {
        None => Some(Right::Access),
        Some(rights) => rights.first().copied(),
    }
}

fn assert_remedies(text: &str, lang: Lang, what: &str) {
    for statement in remedy_statements(lang) {
        assert!(
            text.contains(statement),
            "{what}: lacks {statement:?}\n{text}"
        );
    }
}

#[test]
fn every_refusal_letter_states_reasons_complaint_and_court_for_every_ground() {
    for ground in RefusalGround::ALL {
        let right = right_for(*ground);
        for kind in [DecisionKind::Refused, DecisionKind::Partial] {
            let rights: Vec<Right> = right.into_iter().collect();
            let r = request(&rights, vec![decision(right, kind, Some(*ground))]);
            for lang in Lang::ALL {
                let what = format!("{ground} {kind} {lang}");
                let text =
                    render(LetterKind::Refusal, &r, lang, &settings(), &plain()).expect(&what);
                assert_remedies(&text, lang, &what);
                assert!(
                    text.contains(&format!("Reason written for {ground}")),
                    "{what}: the written reasons are missing\n{text}"
                );
                assert!(text.contains(words::ground(*ground, lang)), "{what}");
                assert!(
                    !text.contains("INTERNAL"),
                    "{what}: the internal note leaked\n{text}"
                );
                if let Some(p) = r.decisions[0].point.as_deref() {
                    let named = words::point(*ground, p, lang).expect("point words");
                    assert!(
                        text.contains(&named),
                        "{what}: the point is not named\n{text}"
                    );
                }
                // A right's own letter telling of a partial refusal carries them too.
                let own = match right {
                    Some(Right::Access | Right::Portability) => Some(LetterKind::Access),
                    Some(Right::Erasure) => Some(LetterKind::Erasure),
                    Some(Right::Rectification) => Some(LetterKind::Rectification),
                    Some(Right::Restriction) => Some(LetterKind::Restriction),
                    Some(Right::Objection) => Some(LetterKind::Objection),
                    None => None,
                };
                if let (Some(own), DecisionKind::Partial) = (own, kind) {
                    let text = render(own, &r, lang, &settings(), &plain()).expect(&what);
                    assert_remedies(&text, lang, &format!("{what} in the {own} letter"));
                }
            }
        }
    }
}

#[test]
fn a_negative_confirmation_says_nothing_is_processed_and_encloses_nothing() {
    let r = request(
        &[Right::Access, Right::Portability],
        vec![decision(Some(Right::Access), DecisionKind::Done, None)],
    );
    let negative = LetterFacts {
        negative: true,
        ..plain()
    };
    for (lang, says, never) in [
        (Lang::En, "We hold no personal data about you", "enclosed"),
        (
            Lang::Nb,
            "Vi har ingen personopplysninger om deg",
            "vedlagt",
        ),
        (
            Lang::Nn,
            "Vi har ingen personopplysningar om deg",
            "vedlagt",
        ),
    ] {
        let text = render(LetterKind::Access, &r, lang, &settings(), &negative).expect("letter");
        assert!(text.contains(says), "{lang}: {text}");
        assert!(!text.contains(never), "{lang}: {text}");
        let positive = render(LetterKind::Access, &r, lang, &settings(), &plain()).expect("letter");
        assert!(
            positive.contains(never) && !positive.contains(says),
            "{positive}"
        );
    }
}

#[test]
fn an_erasure_letter_with_no_data_held_says_nothing_was_erased() {
    let r = request(
        &[Right::Erasure],
        vec![decision(Some(Right::Erasure), DecisionKind::Done, None)],
    );
    let none = LetterFacts {
        no_data: true,
        ..plain()
    };
    let text = render(LetterKind::Erasure, &r, Lang::En, &settings(), &none).expect("letter");
    assert!(text.contains("nothing to erase"), "{text}");
    assert!(!text.contains("We have erased"), "{text}");
    let text = render(LetterKind::Erasure, &r, Lang::Nb, &settings(), &none).expect("letter");
    assert!(text.contains("ingenting å slette"), "{text}");
    let text = render(LetterKind::Erasure, &r, Lang::Nn, &settings(), &none).expect("letter");
    assert!(text.contains("ingenting å slette"), "{text}");
}

#[test]
fn letters_without_a_refusal_do_not_pretend_one() {
    let done = request(
        &[Right::Erasure],
        vec![decision(Some(Right::Erasure), DecisionKind::Done, None)],
    );
    let text = render(LetterKind::Erasure, &done, Lang::En, &settings(), &plain()).expect("letter");
    assert!(
        text.contains("We have erased your data, as you asked on 5 March 2026"),
        "{text}"
    );
    assert!(!text.contains("courts"), "{text}");
    assert!(!text.contains("refused"), "{text}");
}

#[test]
fn outside_text_cannot_reach_the_letter_raw() {
    let mut r = request(
        &[Right::Access],
        vec![decision(Some(Right::Access), DecisionKind::Done, None)],
    );
    r.requester.name = "Evil\u{1b}[2J Name\n{{ controller.name }}".into();
    let text = render(
        LetterKind::Acknowledgement,
        &r,
        Lang::En,
        &settings(),
        &plain(),
    )
    .expect("letter");
    assert!(!text.contains('\u{1b}'), "{text}");
    // A value is text, never a template.
    assert!(
        text.contains("To: Evil␛ Name {{ controller.name }}"),
        "{text}"
    );
}

#[test]
fn kinds_and_languages_parse() {
    for k in LetterKind::ALL {
        assert_eq!(LetterKind::parse(k.as_str()), Some(k));
    }
    assert_eq!(
        LetterKind::parse("Acknowledgment"),
        Some(LetterKind::Acknowledgement)
    );
    assert_eq!(Lang::parse("NO"), Some(Lang::Nb));
    assert_eq!(Lang::parse("de"), None);
    assert_eq!(
        file_name("DSR-2026-0001", LetterKind::Refusal, Lang::Nb),
        "DSR-2026-0001-refusal-nb.txt"
    );
}
