//! `s`: assign to an officer (empty: unassigned). The officer's name is prefilled and
//! typing replaces it.

use super::{FieldId, Form, FormKind, optional, target};
use crate::case::Edit;
use crate::domain::request::Request;
use crate::tui::form::Field;

pub fn assign(r: &Request, me: &str) -> Form {
    let current = r.assignee.clone().unwrap_or_else(|| me.to_string());
    Form::new(
        FormKind::Assign,
        format!("Assign {}", r.reference),
        target(r),
        vec![Field::text(
            FieldId::Who,
            "Officer",
            &current,
            false,
            "Empty to unassign",
        )],
    )
}

pub(super) fn check(form: &Form) -> Option<Edit> {
    Some(Edit::Assign(optional(form, FieldId::Who)))
}
