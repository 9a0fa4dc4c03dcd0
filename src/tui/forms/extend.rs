//! `x`: extend by two months (Art. 12(3)), with the reasons told to the person and the day
//! they were told.

use chrono::NaiveDate;

use super::{FieldId, Form, FormKind, Problems, target};
use crate::case::Edit;
use crate::domain::request::Request;
use crate::tui::form::Field;

pub fn extend(r: &Request, today: NaiveDate) -> Form {
    Form::new(
        FormKind::Extend,
        format!("Extend {} by two months", r.reference),
        target(r),
        vec![
            Field::area(
                FieldId::Reason,
                "Reasons",
                true,
                "Why more time is needed, as told to the person",
            ),
            Field::text(
                FieldId::Notified,
                "Notice date",
                &today.to_string(),
                true,
                "YYYY-MM-DD; within the first month",
            ),
        ],
    )
}

pub(super) fn check(form: &Form, problems: &mut Problems) -> Option<Edit> {
    match form.get(FieldId::Notified).parse::<NaiveDate>() {
        Ok(notified) => Some(Edit::Extend {
            notified,
            reason: form.get(FieldId::Reason),
        }),
        Err(_) => {
            problems.push((FieldId::Notified, "write the date as YYYY-MM-DD".into()));
            None
        }
    }
}
