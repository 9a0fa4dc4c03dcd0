//! The desk's forms, one file each: what each asks, how it is checked as you type, and the
//! change it makes. Fields are named by `FieldId`; the case's refusals are mapped to the
//! field they are about by their variant. Checks reuse the case's rules, so the desk and the
//! command line refuse the same things.

pub mod assign;
pub mod customer_menu;
pub mod export_menu;
pub mod extend;
pub mod fee;
pub mod identity;
pub mod link;
pub mod new_request;
pub mod note;
pub mod rectify_target;
pub mod refuse;
pub mod reopen;
pub mod representative;
pub mod triage;

use chrono::{DateTime, Utc};

use self::customer_menu::CustomerChoice;
pub use self::{
    assign::assign, extend::extend, fee::fee, identity::identity, new_request::new_request,
    note::note, refuse::refuse, reopen::reopen, representative::representative, triage::triage,
};
use super::form::{Field, FieldId, FieldKind, Form, FormKind};
use crate::case::{Answer, BasisField, CaseError, CaseFacts, Edit, check_edit};
use crate::domain::deadline::oslo_date;
use crate::domain::request::{FeeBasis, IdentityStatus, ObjectionScope, Request, Right};
use crate::store::NewRequest;

/// Problems found in a form, each beside its field.
pub type Problems = Vec<(FieldId, String)>;

/// What a valid form asks the desk to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Submission {
    Edit {
        reference: String,
        version: i64,
        edit: Edit,
    },
    Create(NewRequest),
    /// A reasonable fee to record (legal-rules §3a).
    Fee {
        reference: String,
        amount_nok: u32,
        basis: FeeBasis,
        reason: String,
    },
    /// Something to do in the customer database for a request.
    Customer {
        reference: String,
        action: CustomerChoice,
    },
}

pub(super) fn target(r: &Request) -> Option<(String, i64)> {
    Some((r.reference.clone(), r.version))
}

pub(super) fn right_checks(rights: &[Right], ticked: &[Right]) -> Vec<(String, String, bool)> {
    rights
        .iter()
        .map(|r| {
            (
                r.as_str().to_string(),
                format!("{} ({})", r, r.article()),
                ticked.contains(r),
            )
        })
        .collect()
}

/// What an objection is to: a direct-marketing objection is absolute (Art. 21(2)-(3)).
pub(super) fn scope_field(current: Option<ObjectionScope>) -> Field {
    let options = vec![
        (
            String::new(),
            "(no objection, or not known yet)".to_string(),
        ),
        (
            ObjectionScope::Marketing.as_str().to_string(),
            "direct marketing (Art. 21(2): stop at once)".to_string(),
        ),
        (
            ObjectionScope::Situation.as_str().to_string(),
            "the person's particular situation (Art. 21(1))".to_string(),
        ),
    ];
    let selected = match current {
        None => 0,
        Some(ObjectionScope::Marketing) => 1,
        Some(ObjectionScope::Situation) => 2,
    };
    Field {
        required: false,
        ..Field::choice(
            FieldId::Scope,
            "Objection to",
            options,
            selected,
            "←/→ to choose; asked when objection is ticked",
        )
    }
}

pub(super) fn rights_of(form: &Form) -> Vec<Right> {
    form.get(FieldId::Rights)
        .split(',')
        .filter_map(Right::parse)
        .collect()
}

/// The form field a refusal of the case belongs to.
pub(super) fn field_of(e: &CaseError) -> FieldId {
    match e {
        CaseError::NotAsked { .. } | CaseError::NothingUndecided { .. } => FieldId::Rights,
        CaseError::GroundNeedsFacts {
            field: Some(field), ..
        }
        | CaseError::DetailNotForGround { field, .. } => match field {
            BasisField::Point => FieldId::Point,
            BasisField::Until => FieldId::Until,
        },
        CaseError::DateInFuture { .. } | CaseError::DateBeforeReceipt { .. } => FieldId::Notified,
        _ => FieldId::Ground,
    }
}

pub(super) fn scope_of(form: &Form) -> Option<ObjectionScope> {
    ObjectionScope::parse(&form.get(FieldId::Scope))
}

pub(super) fn optional(form: &Form, key: FieldId) -> Option<String> {
    Some(form.get(key)).filter(|v| !v.is_empty())
}

/// Rechecks every field and turns a valid form into its submission. The case's own rules
/// decide what is allowed; each form maps a refusal of the case to its field.
pub fn check(form: &mut Form, case: Option<&CaseFacts>, now: DateTime<Utc>) -> Option<Submission> {
    let mut problems: Problems = Vec::new();
    for f in &form.fields {
        if f.required && f.value().is_empty() {
            let verb = if matches!(f.kind, FieldKind::Text(_) | FieldKind::Area(_)) {
                "write"
            } else {
                "choose"
            };
            problems.push((f.key, format!("{} is required: {verb} one", f.label)));
        }
    }
    let today = oslo_date(now);
    let edit = match (form.kind, case) {
        (FormKind::Refuse, Some(f)) => refuse::check(form, f, &mut problems),
        (FormKind::Extend, Some(_)) => extend::check(form, &mut problems),
        (FormKind::Identity, Some(_)) => identity::check(form, &mut problems),
        (FormKind::Note, Some(_)) => note::check(form),
        (FormKind::Assign, Some(_)) => assign::check(form),
        (FormKind::Triage, Some(_)) => triage::check(form),
        (FormKind::Reopen, Some(_)) => reopen::check(form),
        (FormKind::Representative, Some(_)) => representative::check(form, &mut problems),
        (FormKind::Fee, Some(f)) => return fee::check(form, f, problems),
        (FormKind::NewRequest, _) => return new_request::check(form, now, problems),
        (FormKind::CustomerActions, Some(f)) => {
            let choice = customer_menu::check(form, today, &mut problems);
            form.problems = problems;
            return choice.filter(|_| form.problems.is_empty()).map(|action| {
                Submission::Customer {
                    reference: f.request.reference.clone(),
                    action,
                }
            });
        }
        (FormKind::LinkReason, Some(f)) => {
            form.problems = problems;
            return link::check(form)
                .filter(|_| form.problems.is_empty())
                .map(|action| Submission::Customer {
                    reference: f.request.reference.clone(),
                    action,
                });
        }
        _ => None,
    };
    // The case's rules, once the fields themselves are filled in.
    if let (Some(edit), Some(f), true) = (&edit, case, problems.is_empty())
        && let Err(e) = check_edit(f, edit, now)
    {
        let key = match form.kind {
            FormKind::Refuse => refuse::field_for(&e),
            FormKind::Extend => FieldId::Notified,
            FormKind::Identity => FieldId::Status,
            FormKind::Triage => FieldId::Rights,
            FormKind::Representative => FieldId::Status,
            _ => form.fields.first().map(|x| x.key).unwrap_or(FieldId::Text),
        };
        problems.push((key, e.to_string()));
    }
    form.problems = problems;
    let (reference, version) = form.target.clone()?;
    match edit {
        Some(edit) if form.problems.is_empty() => Some(Submission::Edit {
            reference,
            version,
            edit,
        }),
        _ => None,
    }
}

/// The question asked before a closing or destructive submission, if it needs one.
pub fn confirmation(submission: &Submission) -> Option<String> {
    match submission {
        Submission::Edit {
            reference,
            edit: Edit::Decide(d),
            ..
        } => {
            let rights = if d.rights.is_empty() {
                "every undecided right".to_string()
            } else {
                crate::domain::request::rights_label(&d.rights)
            };
            let what = match d.answer {
                Answer::Answered => "answered".to_string(),
                Answer::Erased => "erased (other rights answered)".to_string(),
                Answer::Refused(g) => format!("refused ({})", g.named()),
                Answer::Partial(g) => format!("partly refused ({})", g.named()),
            };
            Some(format!("Record for {reference}: {rights}: {what}?"))
        }
        Submission::Edit {
            reference,
            edit: Edit::Extend { notified, .. },
            ..
        } => Some(format!(
            "Extend {reference} by two months (notice sent {notified})?"
        )),
        // A result of the check is acted on (a failed check refuses the request, a
        // verified one lets it go ahead): asked first, saying which.
        Submission::Edit {
            reference,
            edit:
                Edit::Identity {
                    status: status @ (IdentityStatus::Verified | IdentityStatus::Failed),
                    method,
                    ..
                },
            ..
        } => Some(format!(
            "Record that {reference}'s identity check {}{}?",
            if *status == IdentityStatus::Verified {
                "verified the person"
            } else {
                "failed"
            },
            method
                .as_deref()
                .map(|m| format!(" (method: {})", crate::domain::text::one_line(m)))
                .unwrap_or_default()
        )),
        Submission::Edit {
            reference,
            edit: Edit::Reopen(_),
            ..
        } => Some(format!(
            "Reopen {reference}? Its decisions are cleared (the timeline keeps them)."
        )),
        Submission::Customer { reference, action } => {
            customer_menu::confirmation(reference, action)
        }
        Submission::Fee {
            reference,
            amount_nok,
            basis,
            ..
        } => Some(format!(
            "Record a fee of NOK {amount_nok} under Art. {basis} for {reference}?"
        )),
        _ => None,
    }
}
