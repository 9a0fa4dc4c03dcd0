//! The customer-records menu (`C`): which action, and the fields the chosen action needs,
//! checked as you type like every other form. The desk fills in the choices (recipients,
//! the linked customers' rectifiable fields); this file knows nothing of the databases.

use chrono::NaiveDate;

use super::form::{Field, Form, FormKind};
use crate::domain::datamap::ValueKind;
use crate::domain::request::Right;
use crate::domain::text::one_line;

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

/// A field of a linked customer that may be rectified: one option of the menu's `field`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RectifyTarget {
    pub customer_id: i64,
    /// Empty in privacy mode.
    pub customer_name: String,
    pub row: i64,
    /// Whether the customer has more rows in the table (then the row is named).
    pub one_of_several: bool,
    pub table: String,
    pub field: String,
    pub kind: ValueKind,
    /// Shown to help choose; `None` hides it (privacy mode).
    pub current: Option<String>,
}

/// Parts of an option value; a control character no table or column name holds.
const SEP: char = '\u{1f}';

impl RectifyTarget {
    /// The option value: starts with the table, so typing its first letter jumps to it.
    fn value(&self) -> String {
        format!(
            "{}{SEP}{}{SEP}{}{SEP}{}{SEP}{}",
            self.table,
            self.field,
            self.customer_id,
            self.row,
            self.kind.as_str()
        )
    }

    fn label(&self) -> String {
        let row = if self.one_of_several {
            format!(" row {}", self.row)
        } else {
            String::new()
        };
        let now = match &self.current {
            Some(v) if v.is_empty() => " (empty)".to_string(),
            Some(v) => format!(" = {}", shorten(&one_line(v), 30)),
            None => String::new(),
        };
        let who = if self.customer_name.is_empty() {
            format!("#{}", self.customer_id)
        } else {
            format!("#{} {}", self.customer_id, one_line(&self.customer_name))
        };
        format!("{}.{}{row}{now}  ({who})", self.table, self.field)
    }
}

/// (table, field, customer, row, kind) from an option value.
fn parse_target(value: &str) -> Option<(String, String, i64, i64, ValueKind)> {
    let parts: Vec<&str> = value.split(SEP).collect();
    let [table, field, customer, row, kind] = parts.as_slice() else {
        return None;
    };
    Some((
        table.to_string(),
        field.to_string(),
        customer.parse().ok()?,
        row.parse().ok()?,
        ValueKind::parse(kind),
    ))
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

/// The menu for one request: the actions, the rectifiable fields of its linked customers,
/// the told-on date for lifting a restriction, and the Art. 19 checklist's recipients.
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
        "action",
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
            "field",
            "Field",
            targets.iter().map(|t| (t.value(), t.label())).collect(),
            0,
            "for: rectify - ←/→ or a table's first letter chooses the customer's field",
        );
        field.required = false;
        fields.push(field);
        fields.push(Field::text(
            "value",
            "New value",
            "",
            false,
            "for: rectify - the correct value; leave empty to clear the field",
        ));
    }
    fields.push(Field::text(
        "told",
        "Person told on",
        "",
        false,
        "for: lift the restriction - YYYY-MM-DD the person was told (Art. 18(3))",
    ));
    if !recipients.is_empty() {
        let mut field = Field::choice(
            "recipient",
            "Recipient",
            recipients,
            0,
            "for: tick a recipient notified",
        );
        field.required = false;
        fields.push(field);
        fields.push(Field::text(
            "date",
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
    key: &'static str,
    missing: &str,
    what: &'static str,
    today: NaiveDate,
    problems: &mut Vec<(&'static str, String)>,
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

/// Asks why a customer who matches none of the requester's identifiers is the person.
pub fn link_reason(reference: &str, version: i64, customer_id: i64, label: &str) -> Form {
    Form::new(
        FormKind::LinkReason,
        format!("Link #{customer_id} to {reference}: why is this the person?"),
        Some((reference.to_string(), version)),
        vec![
            Field::choice(
                "customer",
                "Customer",
                vec![(customer_id.to_string(), one_line(label))],
                0,
                "Matches no e-mail, phone or customer number of the requester",
            ),
            Field::text(
                "reason",
                "Reason",
                "",
                true,
                "Recorded in the audit trail; or verify identity first (i)",
            ),
        ],
    )
}

/// Checks the link-reason form.
pub fn check_link(form: &Form) -> Option<CustomerChoice> {
    let reason = form.get("reason");
    let customer_id = form.get("customer").parse().ok()?;
    (!reason.is_empty()).then_some(CustomerChoice::Link {
        customer_id,
        reason,
    })
}

/// Checks the menu for the chosen action; problems are keyed by field.
pub fn check(
    form: &Form,
    today: NaiveDate,
    problems: &mut Vec<(&'static str, String)>,
) -> Option<CustomerChoice> {
    let has = |key: &str| form.fields.iter().any(|f| f.key == key);
    Some(match form.get("action").as_str() {
        "access" => CustomerChoice::Access,
        "portability" => CustomerChoice::Portability,
        "erase" => CustomerChoice::Erase,
        "restrict" => CustomerChoice::Restrict,
        "object" => CustomerChoice::Object,
        "negative" => CustomerChoice::NegativeConfirmation,
        "nodata" => CustomerChoice::NoDataHeld,
        "rectify" => {
            let Some((table, field, customer_id, row, kind)) = Some(form.get("field"))
                .filter(|_| has("field"))
                .as_deref()
                .and_then(parse_target)
            else {
                problems.push((
                    "action",
                    "no linked customer has a field the data map lets be rectified; link the customer first (l)".into(),
                ));
                return None;
            };
            let value = Some(form.get("value")).filter(|v| !v.is_empty());
            if let Some(Err(e)) = value.as_deref().map(|v| kind.check(v)) {
                problems.push(("value", e));
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
                "told",
                "say when the person was told: a restriction is lifted only after they were (Art. 18(3))",
                "day the person was told",
                today,
                problems,
            )?,
        },
        "notify" => {
            if !has("recipient") {
                problems.push(("action", "there are no recipients to notify yet".into()));
                return None;
            }
            CustomerChoice::Notify {
                recipient: form.get("recipient"),
                on: past_date(
                    form,
                    "date",
                    "say when the recipient was notified",
                    "notification date",
                    today,
                    problems,
                )?,
            }
        }
        other => {
            problems.push(("action", format!("unknown action {other}")));
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
mod tests {
    use super::*;
    use crate::tui::form::FieldKind;

    fn today() -> NaiveDate {
        "2026-11-25".parse().expect("date")
    }

    fn target(kind: ValueKind) -> RectifyTarget {
        RectifyTarget {
            customer_id: 3,
            customer_name: "Lars Bjørnæs".into(),
            row: 7,
            one_of_several: true,
            table: "contact_details".into(),
            field: "email".into(),
            kind,
            current: Some("lars@example.no".into()),
        }
    }

    fn set(form: &mut Form, key: &str, value: &str) {
        let field = form
            .fields
            .iter_mut()
            .find(|f| f.key == key)
            .expect("field");
        match &mut field.kind {
            FieldKind::Text(input) => *input = tui_input::Input::new(value.to_string()),
            FieldKind::Choice { options, selected } => {
                *selected = options.iter().position(|o| o.0 == value).expect("option")
            }
            _ => unreachable!(),
        }
    }

    fn checked(form: &Form) -> (Option<CustomerChoice>, Vec<(&'static str, String)>) {
        let mut problems = Vec::new();
        (check(form, today(), &mut problems), problems)
    }

    #[test]
    fn rectify_names_the_customer_row_and_field_and_checks_the_value() {
        let mut form = menu(
            "DSR-1",
            1,
            &[target(ValueKind::Email)],
            Vec::new(),
            today(),
            &[],
            |_| true,
        );
        set(&mut form, "action", "rectify");
        let label = match &form.fields[1].kind {
            FieldKind::Choice { options, .. } => options[0].1.clone(),
            _ => unreachable!(),
        };
        assert_eq!(
            label,
            "contact_details.email row 7 = lars@example.no  (#3 Lars Bjørnæs)"
        );
        set(&mut form, "value", "not an address");
        let (_, problems) = checked(&form);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].0, "value");
        set(&mut form, "value", "lars@ny.example");
        assert_eq!(
            checked(&form),
            (
                Some(CustomerChoice::Rectify {
                    customer_id: 3,
                    row: 7,
                    table: "contact_details".into(),
                    field: "email".into(),
                    value: Some("lars@ny.example".into()),
                }),
                Vec::new()
            )
        );
        set(&mut form, "value", "");
        assert!(matches!(
            checked(&form).0,
            Some(CustomerChoice::Rectify { value: None, .. })
        ));
        // Nobody linked: nothing to choose, said on the action.
        let mut empty = menu("DSR-1", 1, &[], Vec::new(), today(), &[], |_| true);
        set(&mut empty, "action", "rectify");
        let (choice, problems) = checked(&empty);
        assert!(
            choice.is_none() && problems[0].0 == "action",
            "{problems:?}"
        );
    }

    #[test]
    fn lifting_needs_a_told_date_that_is_not_in_the_future() {
        let mut form = menu("DSR-1", 1, &[], Vec::new(), today(), &[], |_| true);
        set(&mut form, "action", "unrestrict");
        for (told, says) in [
            ("", "Art. 18(3)"),
            ("25.11.2026", "YYYY-MM-DD"),
            ("2026-11-26", "in the future"),
        ] {
            set(&mut form, "told", told);
            let (choice, problems) = checked(&form);
            assert!(choice.is_none(), "{told}");
            assert!(
                problems[0].0 == "told" && problems[0].1.contains(says),
                "{told}: {problems:?}"
            );
        }
        set(&mut form, "told", "2026-11-25");
        assert_eq!(
            checked(&form).0,
            Some(CustomerChoice::Unrestrict { told: today() })
        );
        // The other actions ignore the field.
        set(&mut form, "told", "");
        set(&mut form, "action", "erase");
        assert_eq!(checked(&form), (Some(CustomerChoice::Erase), Vec::new()));
    }

    #[test]
    fn notifying_needs_a_recipient_and_a_past_date() {
        let mut none = menu("DSR-1", 1, &[], Vec::new(), today(), &[], |_| true);
        set(&mut none, "action", "notify");
        assert_eq!(checked(&none).1[0].0, "action");
        let recipients = vec![("hosting".to_string(), "Hosting".to_string())];
        let mut form = menu("DSR-1", 1, &[], recipients, today(), &[], |_| true);
        set(&mut form, "action", "notify");
        assert_eq!(
            checked(&form).0,
            Some(CustomerChoice::Notify {
                recipient: "hosting".into(),
                on: today()
            })
        );
        set(&mut form, "date", "2026-12-01");
        assert_eq!(checked(&form).1[0].0, "date");
    }
}
