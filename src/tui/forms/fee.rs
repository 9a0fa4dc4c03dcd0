//! `$`: a reasonable fee (legal-rules §3a): its amount, its basis and why.

use super::{FieldId, Form, FormKind, Problems, Submission, target};
use crate::case::CaseFacts;
use crate::domain::request::{FeeBasis, Request};
use crate::tui::form::Field;

/// A reasonable fee: its amount, its basis and why, as told to the person.
pub fn fee(r: &Request) -> Form {
    let bases = vec![
        (
            FeeBasis::UnfoundedOrExcessive.as_str().to_string(),
            "Art. 12(5)(a): instead of refusing a manifestly unfounded or excessive request"
                .to_string(),
        ),
        (
            FeeBasis::FurtherCopies.as_str().to_string(),
            "Art. 15(3): for further copies (the first is free)".to_string(),
        ),
    ];
    Form::new(
        FormKind::Fee,
        format!("Fee for {}", r.reference),
        target(r),
        vec![
            Field::text(
                FieldId::Amount,
                "Amount (NOK)",
                "",
                true,
                "Whole kroner, above zero",
            ),
            Field::choice(FieldId::Basis, "Basis", bases, 0, "←/→ to choose"),
            Field::area(
                FieldId::Reason,
                "Why it is reasonable",
                true,
                "As told to the person: the costs it covers",
            ),
        ],
    )
}

/// The fee the form describes, once every field is right (the case's guard for the basis
/// included).
pub(super) fn check(form: &mut Form, f: &CaseFacts, mut problems: Problems) -> Option<Submission> {
    let amount = form.get(FieldId::Amount);
    let amount_nok = match amount.parse::<u32>() {
        Ok(n) if n > 0 => Some(n),
        _ if amount.is_empty() => None,
        _ => {
            problems.push((
                FieldId::Amount,
                "write the amount in whole kroner, above zero".into(),
            ));
            None
        }
    };
    let basis = FeeBasis::parse(&form.get(FieldId::Basis));
    if let (Some(basis), true) = (basis, problems.is_empty())
        && let Err(e) = crate::case::allows(f, crate::case::Op::Fee(basis))
    {
        problems.push((FieldId::Basis, e.to_string()));
    }
    form.problems = problems;
    match (amount_nok, basis, form.problems.is_empty()) {
        (Some(amount_nok), Some(basis), true) => Some(Submission::Fee {
            reference: f.request.reference.clone(),
            amount_nok,
            basis,
            reason: form.get(FieldId::Reason),
        }),
        _ => None,
    }
}
