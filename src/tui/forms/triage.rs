//! `t`: the rights asked for, and what an objection is to.

use super::{FieldId, Form, FormKind, right_checks, rights_of, scope_field, scope_of, target};
use crate::case::Edit;
use crate::domain::request::{Request, Right};
use crate::tui::form::Field;

pub fn triage(r: &Request) -> Form {
    Form::new(
        FormKind::Triage,
        format!("Rights asked for in {}", r.reference),
        target(r),
        vec![
            Field::checks(
                FieldId::Rights,
                "Rights",
                right_checks(Right::ALL, &r.rights),
                false,
                "Space ticks; none = needs triage",
            ),
            scope_field(r.objection_scope),
        ],
    )
}

pub(super) fn check(form: &Form) -> Option<Edit> {
    Some(Edit::Rights(rights_of(form), scope_of(form)))
}
