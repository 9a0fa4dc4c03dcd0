//! The customer-records menu (`C`): which action, and the fields the chosen action needs,
//! checked as you type like every other form. The desk fills in the choices (recipients,
//! the linked customers' rectifiable fields); this file knows nothing of the databases.

use chrono::NaiveDate;

use super::Problems;
pub use super::rectify_target::RectifyTarget;
use super::rectify_target::parse_target;
use crate::domain::request::Right;
use crate::domain::text::one_line;
use crate::tui::form::{Field, FieldId, Form, FormKind};

/// The menu's actions: (value, label). Erase stays third: the keys to it are in muscle memory.
pub const ACTIONS: &[(&str, &str)] = &[
    ("access", "write the access package (Art. 15)"),
    ("portability", "write the portability export (Art. 20)"),
    (
        "erase",
        "erase: preview what is deleted, anonymised and kept",
    ),
    ("rectify", "rectify a field (Art. 16)"),
    ("restrict", "restrict processing: storage only (Art. 18)"),
    ("unrestrict", "lift the restriction (tell the person first)"),
    (
        "object",
        "stop marketing: every marketing use stopped, address suppressed (Art. 21(3))",
    ),
    ("notify", "tick a recipient notified (Art. 19)"),
    (
        "negative",
        "negative confirmation: nothing held, nothing enclosed (Art. 15(1))",
    ),
    ("nodata", "record \"no data held\": the search found nobody"),
];

/// What the menu asks the desk to do, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CustomerChoice {
    Access,
    Portability,
    Erase,
    Rectify {
        customer_id: i64,
        row: i64,
        table: String,
        field: String,
        /// `None` empties the field.
        value: Option<String>,
    },
    Restrict,
    Unrestrict {
        told: NaiveDate,
    },
    Object,
    Notify {
        recipient: String,
        on: NaiveDate,
    },
    /// The negative confirmation of an access request: nothing is processed.
    NegativeConfirmation,
    /// Record that the search found no data about the person.
    NoDataHeld,
    /// Link a customer who matches no identifier of the requester, with the officer's reason.
    Link {
        customer_id: i64,
        reason: String,
    },
}

impl CustomerChoice {
    /// Runs straight from the form's values, so a failure keeps the form open with its input.
    /// The others close the menu and ask their own question first.
    pub fn keeps_form(&self) -> bool {
        matches!(
            self,
            CustomerChoice::Rectify { .. }
                | CustomerChoice::Unrestrict { .. }
                | CustomerChoice::Notify { .. }
                | CustomerChoice::Link { .. }
        )
    }
}

/// The case operation a menu action is, whose guard says whether it can be done now.
pub fn op_of(action: &str) -> Option<crate::case::Op> {
    use crate::case::Op;
    Some(match action {
        "access" => Op::AccessPackage,
        "portability" => Op::Portability,
        "erase" => Op::Erase,
        "rectify" => Op::Rectify,
        "restrict" => Op::Restrict,
        "unrestrict" => Op::LiftRestriction,
        "object" => Op::StopMarketing,
        "notify" => Op::Notify,
        "negative" => Op::NegativeConfirmation,
        "nodata" => Op::NoDataHeld,
        _ => return None,
    })
}

/// The menu action that carries out a right.
pub fn action_for(right: Right) -> &'static str {
    match right {
        Right::Access => "access",
        Right::Portability => "portability",
        Right::Erasure => "erase",
        Right::Rectification => "rectify",
        Right::Restriction => "restrict",
        Right::Objection => "object",
    }
}

/// The menu; `allowed` says whether the case allows an action now (the others are marked,
/// and choosing one says why). `rights` are the rights the request still asks for: the menu
/// opens on the action carrying out the first (an erasure request on erasure, an objection
/// on stop marketing; one the case does not allow yet says why on Enter), else on the
/// first action allowed.
pub fn menu(
    reference: &str,
    version: i64,
    targets: &[RectifyTarget],
    recipients: Vec<(String, String)>,
    today: NaiveDate,
    rights: &[Right],
    allowed: impl Fn(&str) -> bool,
) -> Form {
    let position = |action: &str| ACTIONS.iter().position(|(k, _)| *k == action);
    let first_allowed = rights
        .first()
        .map(|r| action_for(*r))
        .and_then(position)
        .or_else(|| ACTIONS.iter().position(|(k, _)| allowed(k)))
        .unwrap_or(0);
    let mut fields = vec![Field::choice(
        FieldId::Action,
        "Action",
        ACTIONS
            .iter()
            .map(|(k, l)| {
                let label = if allowed(k) {
                    l.to_string()
                } else {
                    format!("{l}  [not now]")
                };
                (k.to_string(), label)
            })
            .collect(),
        first_allowed,
        "←/→ or a first letter to choose; Enter carries it out (changes ask first)",
    )];
    if !targets.is_empty() {
        let mut field = Field::choice(
            FieldId::Field,
            "Field",
            targets.iter().map(|t| (t.value(), t.label())).collect(),
            0,
            "for: rectify - ←/→ or a table's first letter chooses the customer's field",
        );
        field.required = false;
        fields.push(field);
        fields.push(Field::text(
            FieldId::Value,
            "New value",
            "",
            false,
            "for: rectify - the correct value; leave empty to clear the field",
        ));
    }
    fields.push(Field::text(
        FieldId::Told,
        "Person told on",
        "",
        false,
        "for: lift the restriction - YYYY-MM-DD the person was told (Art. 18(3))",
    ));
    if !recipients.is_empty() {
        let mut field = Field::choice(
            FieldId::Recipient,
            "Recipient",
            recipients,
            0,
            "for: tick a recipient notified",
        );
        field.required = false;
        fields.push(field);
        fields.push(Field::text(
            FieldId::Date,
            "Notified on",
            &today.to_string(),
            false,
            "for: tick a recipient notified - YYYY-MM-DD",
        ));
    }
    Form::new(
        FormKind::CustomerActions,
        format!("Customer records for {reference}"),
        Some((reference.to_string(), version)),
        fields,
    )
}

/// A date field: required, YYYY-MM-DD, not after `today`.
fn past_date(
    form: &Form,
    key: FieldId,
    missing: &str,
    what: &'static str,
    today: NaiveDate,
    problems: &mut Problems,
) -> Option<NaiveDate> {
    let text = form.get(key);
    if text.is_empty() {
        problems.push((key, missing.to_string()));
        return None;
    }
    match text.parse::<NaiveDate>() {
        Err(_) => {
            problems.push((key, "write the date as YYYY-MM-DD".into()));
            None
        }
        Ok(d) => match crate::case::check_happened(what, d, today) {
            Ok(()) => Some(d),
            Err(e) => {
                problems.push((key, e.to_string()));
                None
            }
        },
    }
}

/// Checks the menu for the chosen action; problems are keyed by field.
pub fn check(form: &Form, today: NaiveDate, problems: &mut Problems) -> Option<CustomerChoice> {
    let has = |key: FieldId| form.has(key);
    Some(match form.get(FieldId::Action).as_str() {
        "access" => CustomerChoice::Access,
        "portability" => CustomerChoice::Portability,
        "erase" => CustomerChoice::Erase,
        "restrict" => CustomerChoice::Restrict,
        "object" => CustomerChoice::Object,
        "negative" => CustomerChoice::NegativeConfirmation,
        "nodata" => CustomerChoice::NoDataHeld,
        "rectify" => {
            let Some((table, field, customer_id, row, kind)) = Some(form.get(FieldId::Field))
                .filter(|_| has(FieldId::Field))
                .as_deref()
                .and_then(parse_target)
            else {
                problems.push((
                    FieldId::Action,
                    "no linked customer has a field the data map lets be rectified; link the customer first (l)".into(),
                ));
                return None;
            };
            let value = Some(form.get(FieldId::Value)).filter(|v| !v.is_empty());
            if let Some(Err(e)) = value.as_deref().map(|v| kind.check(v)) {
                problems.push((FieldId::Value, e));
            }
            CustomerChoice::Rectify {
                customer_id,
                row,
                table,
                field,
                value,
            }
        }
        "unrestrict" => CustomerChoice::Unrestrict {
            told: past_date(
                form,
                FieldId::Told,
                "say when the person was told: a restriction is lifted only after they were (Art. 18(3))",
                "day the person was told",
                today,
                problems,
            )?,
        },
        "notify" => {
            if !has(FieldId::Recipient) {
                problems.push((
                    FieldId::Action,
                    "there are no recipients to notify yet".into(),
                ));
                return None;
            }
            CustomerChoice::Notify {
                recipient: form.get(FieldId::Recipient),
                on: past_date(
                    form,
                    FieldId::Date,
                    "say when the recipient was notified",
                    "notification date",
                    today,
                    problems,
                )?,
            }
        }
        other => {
            problems.push((FieldId::Action, format!("unknown action {other}")));
            return None;
        }
    })
}

/// The question asked before a menu action that changes customer data straight from the form.
pub fn confirmation(reference: &str, choice: &CustomerChoice) -> Option<String> {
    match choice {
        CustomerChoice::Rectify {
            customer_id,
            table,
            field,
            value: Some(v),
            ..
        } => Some(format!(
            "Set {table}.{field} of customer #{customer_id} to \"{}\" for {reference}? The old value is not kept.",
            one_line(v)
        )),
        CustomerChoice::Rectify {
            customer_id,
            table,
            field,
            value: None,
            ..
        } => Some(format!(
            "Empty {table}.{field} of customer #{customer_id} for {reference}? The old value is not kept."
        )),
        CustomerChoice::Unrestrict { told } => Some(format!(
            "Lift the restriction on {reference}'s linked customers? The person was told on {told}."
        )),
        CustomerChoice::NegativeConfirmation => Some(format!(
            "Write {reference}'s negative confirmation: no personal data is processed about the person?"
        )),
        CustomerChoice::NoDataHeld => Some(format!(
            "Record for {reference} that the customer records hold no data about the person?"
        )),
        CustomerChoice::Link { customer_id, .. } => Some(format!(
            "Link customer #{customer_id} to {reference} on your reason (it is recorded)?"
        )),
        _ => None,
    }
}

#[cfg(test)]
#[path = "customer_menu_tests.rs"]
mod tests;
