//! `r`: refuse in whole or part, on a ground of the legal-rules table, with the reason told
//! to the person (in the letter's language) and what the ground needs (a point of the law,
//! a keep-until date).

use super::{
    FieldId, Form, FormKind, Problems, field_of, optional, right_checks, rights_of, target,
};
use crate::case::{Answer, CaseError, CaseFacts, Decision, Edit, RefusalBasis};
use crate::domain::request::{RefusalGround, Right};
use crate::export::letters::Lang;
use crate::tui::form::Field;

/// The refusal form. `lang` is the language the letter will be written in: the reason to the
/// person is stated in it, so the title says which.
pub fn refuse(f: &CaseFacts, lang: Lang) -> Form {
    let r = &f.request;
    let open = f.undecided();
    let mut fields = Vec::new();
    if open.len() > 1 {
        fields.push(Field::checks(
            FieldId::Rights,
            "Rights covered",
            right_checks(&open, &open),
            true,
            "Space ticks; the decision covers the ticked rights",
        ));
    }
    fields.push(Field::choice(
        FieldId::Kind,
        "Decision",
        vec![
            ("refused".into(), "refused".into()),
            ("partial".into(), "partly refused (the rest is done)".into()),
        ],
        0,
        "←/→ to choose",
    ));
    // No ground is preselected: the officer must choose one deliberately.
    let grounds = std::iter::once((String::new(), "(choose a ground)".to_string()))
        .chain(RefusalGround::ALL.iter().map(|g| {
            (
                g.as_str().to_string(),
                format!("{} - {}: {}", g.as_str(), g.basis(), g.note()),
            )
        }))
        .collect();
    fields.push(Field::choice(
        FieldId::Ground,
        "Ground",
        grounds,
        0,
        "↑/↓ moves between fields; ←/→ or a first letter chooses",
    ));
    fields.push(Field::area(
        FieldId::Reason,
        "Reason to the person",
        true,
        "Stated in the letter, in its language (Art. 12(4)); no internal remarks here",
    ));
    fields.push(Field::text(
        FieldId::Point,
        "§ 16(1) / 17(3)",
        "",
        false,
        "NATIONAL_RESTRICTION: the letter of § 16(1), a-f; ERASURE_OTHER_EXCEPTION: a, c or d",
    ));
    fields.push(Field::text(
        FieldId::Until,
        "Kept until",
        "",
        false,
        "ERASURE_LEGAL_OBLIGATION: YYYY-MM-DD the records are kept until",
    ));
    fields.push(Field::area(
        FieldId::Internal,
        "Internal note",
        false,
        "For the case record only: never in a letter or package",
    ));
    let language = lang.name();
    Form::new(
        FormKind::Refuse,
        format!("Refuse {} (letter in {language})", r.reference),
        target(r),
        fields,
    )
}

/// The refusal the form describes; problems of its own fields are added to `problems`.
pub(super) fn check(form: &Form, f: &CaseFacts, problems: &mut Problems) -> Option<Edit> {
    // The rights named, so the question before saving says which.
    let rights: Vec<Right> = if form.fields.iter().any(|x| x.key == FieldId::Rights) {
        let ticked = rights_of(form);
        if ticked.is_empty() {
            problems.push((FieldId::Rights, "tick at least one right".into()));
        }
        ticked
    } else {
        f.undecided()
    };
    let until = match form.get(FieldId::Until) {
        t if t.is_empty() => None,
        t => match t.parse() {
            Ok(d) => Some(d),
            Err(_) => {
                problems.push((FieldId::Until, "write the date as YYYY-MM-DD".into()));
                None
            }
        },
    };
    RefusalGround::parse(&form.get(FieldId::Ground)).map(|ground| {
        Edit::Decide(Decision {
            answer: if form.get(FieldId::Kind) == "partial" {
                Answer::Partial(ground)
            } else {
                Answer::Refused(ground)
            },
            rights,
            reason: optional(form, FieldId::Reason),
            internal: optional(form, FieldId::Internal),
            basis: RefusalBasis {
                point: optional(form, FieldId::Point),
                until,
            },
        })
    })
}

/// The field a refusal of the case belongs to (an empty reason is the reason's).
pub(super) fn field_for(e: &CaseError) -> FieldId {
    match e {
        CaseError::Invalid(_) => FieldId::Reason,
        e => field_of(e),
    }
}
