//! `i`: the identity check: asked (on reasonable doubt), verified, failed, not required.

use super::{FieldId, Form, FormKind, Problems, optional, target};
use crate::case::Edit;
use crate::domain::request::{IdentityStatus, Request};
use crate::tui::form::Field;

pub fn identity(r: &Request) -> Form {
    let options = [
        IdentityStatus::Requested,
        IdentityStatus::Verified,
        IdentityStatus::Failed,
        IdentityStatus::NotRequired,
    ]
    .iter()
    .map(|s| (s.as_str().to_string(), s.as_str().replace('-', " ")))
    .collect();
    let selected = if r.identity == IdentityStatus::Requested {
        1
    } else {
        0
    };
    Form::new(
        FormKind::Identity,
        format!("Identity check for {}", r.reference),
        target(r),
        vec![
            Field::choice(
                FieldId::Status,
                "Status",
                options,
                selected,
                "←/→ to choose",
            ),
            Field::text(
                FieldId::Method,
                "Method",
                "",
                false,
                "How it was checked, e.g. BankID (never store ID copies)",
            ),
            Field::area(
                FieldId::Reason,
                "Reasonable doubt",
                false,
                "Why identity is asked for (needed for 'requested')",
            ),
        ],
    )
}

pub(super) fn check(form: &Form, problems: &mut Problems) -> Option<Edit> {
    let status =
        IdentityStatus::parse(&form.get(FieldId::Status)).unwrap_or(IdentityStatus::Requested);
    let method = optional(form, FieldId::Method);
    let reason = optional(form, FieldId::Reason);
    match status {
        IdentityStatus::Requested if reason.is_none() => problems.push((
            FieldId::Reason,
            "say why there is reasonable doubt (Art. 12(6))".into(),
        )),
        IdentityStatus::Verified | IdentityStatus::Failed if method.is_none() => {
            problems.push((FieldId::Method, "say how identity was checked".into()))
        }
        _ => {}
    }
    Some(Edit::Identity {
        status,
        method,
        reason,
    })
}
