//! `L` on a customer who matches none of the requester's identifiers: why this is the person.

use super::customer_menu::CustomerChoice;
use crate::domain::text::one_line;
use crate::tui::form::{Field, FieldId, Form, FormKind};

/// Asks why a customer who matches none of the requester's identifiers is the person.
pub fn link_reason(reference: &str, version: i64, customer_id: i64, label: &str) -> Form {
    Form::new(
        FormKind::LinkReason,
        format!("Link #{customer_id} to {reference}: why is this the person?"),
        Some((reference.to_string(), version)),
        vec![
            Field::choice(
                FieldId::Customer,
                "Customer",
                vec![(customer_id.to_string(), one_line(label))],
                0,
                "Matches no e-mail, phone or customer number of the requester",
            ),
            Field::area(
                FieldId::Reason,
                "Reason",
                true,
                "Recorded in the audit trail; or verify identity first (i)",
            ),
        ],
    )
}

/// Checks the link-reason form.
pub fn check(form: &Form) -> Option<CustomerChoice> {
    let reason = form.get(FieldId::Reason);
    let customer_id = form.get(FieldId::Customer).parse().ok()?;
    (!reason.is_empty()).then_some(CustomerChoice::Link {
        customer_id,
        reason,
    })
}
