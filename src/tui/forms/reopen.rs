//! `O`: reopen a closed request, with why.

use super::{FieldId, Form, FormKind, target};
use crate::case::Edit;
use crate::domain::request::Request;
use crate::tui::form::Field;

pub fn reopen(r: &Request) -> Form {
    Form::new(
        FormKind::Reopen,
        format!("Reopen {}", r.reference),
        target(r),
        vec![Field::area(FieldId::Reason, "Why", true, "")],
    )
}

pub(super) fn check(form: &Form) -> Option<Edit> {
    Some(Edit::Reopen(form.get(FieldId::Reason)))
}
