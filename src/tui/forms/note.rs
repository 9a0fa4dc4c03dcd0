//! `o`: a note on the timeline.

use super::{FieldId, Form, FormKind, target};
use crate::case::Edit;
use crate::domain::request::Request;
use crate::tui::form::Field;

pub fn note(r: &Request) -> Form {
    Form::new(
        FormKind::Note,
        format!("Note on {}", r.reference),
        target(r),
        vec![Field::area(FieldId::Text, "Note", true, "")],
    )
}

pub(super) fn check(form: &Form) -> Option<Edit> {
    Some(Edit::Note(form.get(FieldId::Text)))
}
