//! The desk's forms: what each asks, how it is checked as you type, and the change it makes.
//! Checks reuse the domain's rules, so the desk and the command line refuse the same things.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Europe::Oslo;

use super::customer_form::{self, CustomerChoice};
use super::form::{Field, Form, FormKind};
use crate::case::{Answer, CaseError, CaseFacts, Decision, Edit, RefusalBasis, check_edit};
use crate::domain::deadline::{check_receipt, oslo_date};
use crate::domain::normalize::{check_email, check_phone};
use crate::domain::request::{
    Channel, FeeBasis, IdentityStatus, ObjectionScope, RefusalGround, Request, Requester, Right,
};
use crate::export::letters::Lang;
use crate::store::NewRequest;

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

fn target(r: &Request) -> Option<(String, i64)> {
    Some((r.reference.clone(), r.version))
}

fn right_checks(rights: &[Right], ticked: &[Right]) -> Vec<(String, String, bool)> {
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

/// The refusal form. `lang` is the language the letter will be written in: the reason to the
/// person is stated in it, so the title says which.
pub fn refuse(f: &CaseFacts, lang: Lang) -> Form {
    let r = &f.request;
    let open = f.undecided();
    let mut fields = Vec::new();
    if open.len() > 1 {
        fields.push(Field::checks(
            "rights",
            "Rights covered",
            right_checks(&open, &open),
            true,
            "Space ticks; the decision covers the ticked rights",
        ));
    }
    fields.push(Field::choice(
        "kind",
        "Decision",
        vec![
            ("refused".into(), "refused".into()),
            ("partial".into(), "partly refused (the rest is done)".into()),
        ],
        0,
        "←/→ to choose",
    ));
    // No ground is preselected: the officer must choose one deliberately.
    let grounds = std::iter::once((String::new(), "(choose a ground)".to_string()))
        .chain(RefusalGround::ALL.iter().map(|g| {
            (
                g.as_str().to_string(),
                format!("{} - {}: {}", g.as_str(), g.basis(), g.note()),
            )
        }))
        .collect();
    fields.push(Field::choice(
        "ground",
        "Ground",
        grounds,
        0,
        "↑/↓ moves between fields; ←/→ or a first letter chooses",
    ));
    fields.push(Field::text(
        "reason",
        "Reason to the person",
        "",
        true,
        "Stated in the letter, in its language (Art. 12(4)); no internal remarks here",
    ));
    fields.push(Field::text(
        "point",
        "§ 16(1) / 17(3)",
        "",
        false,
        "NATIONAL_RESTRICTION: the letter of § 16(1), a-f; ERASURE_OTHER_EXCEPTION: a, c or d",
    ));
    fields.push(Field::text(
        "until",
        "Kept until",
        "",
        false,
        "ERASURE_LEGAL_OBLIGATION: YYYY-MM-DD the records are kept until",
    ));
    fields.push(Field::text(
        "internal",
        "Internal note",
        "",
        false,
        "For the case record only: never in a letter or package",
    ));
    let language = match lang {
        Lang::Nb => "bokmål",
        Lang::En => "English",
    };
    Form::new(
        FormKind::Refuse,
        format!("Refuse {} (letter in {language})", r.reference),
        target(r),
        fields,
    )
}

pub fn extend(r: &Request, today: NaiveDate) -> Form {
    Form::new(
        FormKind::Extend,
        format!("Extend {} by two months", r.reference),
        target(r),
        vec![
            Field::text(
                "reason",
                "Reasons",
                "",
                true,
                "Why more time is needed, as told to the person",
            ),
            Field::text(
                "notified",
                "Notice date",
                &today.to_string(),
                true,
                "YYYY-MM-DD; within the first month",
            ),
        ],
    )
}

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
            Field::choice("status", "Status", options, selected, "←/→ to choose"),
            Field::text(
                "method",
                "Method",
                "",
                false,
                "How it was checked, e.g. BankID (never store ID copies)",
            ),
            Field::text(
                "reason",
                "Reasonable doubt",
                "",
                false,
                "Why identity is asked for (needed for 'requested')",
            ),
        ],
    )
}

pub fn note(r: &Request) -> Form {
    Form::new(
        FormKind::Note,
        format!("Note on {}", r.reference),
        target(r),
        vec![Field::text("text", "Note", "", true, "")],
    )
}

pub fn assign(r: &Request, me: &str) -> Form {
    let current = r.assignee.clone().unwrap_or_else(|| me.to_string());
    Form::new(
        FormKind::Assign,
        format!("Assign {}", r.reference),
        target(r),
        vec![Field::text(
            "who",
            "Officer",
            &current,
            false,
            "Empty to unassign",
        )],
    )
}

pub fn triage(r: &Request) -> Form {
    Form::new(
        FormKind::Triage,
        format!("Rights asked for in {}", r.reference),
        target(r),
        vec![
            Field::checks(
                "rights",
                "Rights",
                right_checks(Right::ALL, &r.rights),
                false,
                "Space ticks; none = needs triage",
            ),
            scope_field(r.objection_scope),
        ],
    )
}

/// What an objection is to: a direct-marketing objection is absolute (Art. 21(2)-(3)).
fn scope_field(current: Option<ObjectionScope>) -> Field {
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
            "scope",
            "Objection to",
            options,
            selected,
            "←/→ to choose; asked when objection is ticked",
        )
    }
}

/// A reasonable fee: its amount, its basis and why, as told to the person.
pub fn fee(r: &Request) -> Form {
    let bases = vec![
        (
            FeeBasis::UnfoundedOrExcessive.as_str().to_string(),
            "Art. 12(5)(a): instead of refusing a manifestly unfounded or excessive request"
                .to_string(),
        ),
        (
            FeeBasis::FurtherCopies.as_str().to_string(),
            "Art. 15(3): for further copies (the first is free)".to_string(),
        ),
    ];
    Form::new(
        FormKind::Fee,
        format!("Fee for {}", r.reference),
        target(r),
        vec![
            Field::text(
                "amount",
                "Amount (NOK)",
                "",
                true,
                "Whole kroner, above zero",
            ),
            Field::choice("basis", "Basis", bases, 0, "←/→ to choose"),
            Field::text(
                "reason",
                "Why it is reasonable",
                "",
                true,
                "As told to the person: the costs it covers",
            ),
        ],
    )
}

pub fn reopen(r: &Request) -> Form {
    Form::new(
        FormKind::Reopen,
        format!("Reopen {}", r.reference),
        target(r),
        vec![Field::text("reason", "Why", "", true, "")],
    )
}

pub fn new_request(now: DateTime<Utc>) -> Form {
    let local = now
        .with_timezone(&Oslo)
        .format("%Y-%m-%d %H:%M")
        .to_string();
    let channels = Channel::ALL
        .iter()
        .map(|c| (c.as_str().to_string(), c.as_str().to_string()))
        .collect();
    Form::new(
        FormKind::NewRequest,
        "New request".into(),
        None,
        vec![
            Field::text("name", "Name", "", true, "The person the data is about"),
            Field::text("email", "E-mail", "", false, ""),
            Field::text("phone", "Phone", "", false, ""),
            Field::checks(
                "rights",
                "Rights",
                right_checks(Right::ALL, &[]),
                false,
                "Space ticks; none = needs triage",
            ),
            scope_field(None),
            Field::choice("channel", "Channel", channels, 0, "←/→ to choose"),
            Field::text(
                "received",
                "Received",
                &local,
                true,
                "YYYY-MM-DD HH:MM, Oslo time: when it reached any channel",
            ),
            Field::text("text", "Text", "", false, "What the person wrote or said"),
        ],
    )
}

fn parse_local(text: &str) -> Option<DateTime<Utc>> {
    let t = text.trim();
    let naive = NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M")
        .ok()
        .or_else(|| {
            t.parse::<NaiveDate>()
                .ok()
                .and_then(|d| d.and_hms_opt(12, 0, 0))
        })?;
    Oslo.from_local_datetime(&naive)
        .earliest()
        .map(|x| x.with_timezone(&Utc))
}

fn rights_of(form: &Form) -> Vec<Right> {
    form.get("rights")
        .split(',')
        .filter_map(Right::parse)
        .collect()
}

/// The form field a refusal of the case belongs to.
fn field_of(e: &CaseError) -> &'static str {
    match e {
        CaseError::NotAsked { .. } | CaseError::NothingUndecided { .. } => "rights",
        CaseError::GroundNeedsFacts { needs, .. } if needs.contains("date") => "until",
        CaseError::GroundNeedsFacts {
            ground: RefusalGround::NationalRestriction | RefusalGround::ErasureOtherException,
            ..
        } => "point",
        CaseError::DetailNotForGround { what, .. } if what.contains("date") => "until",
        CaseError::DetailNotForGround { .. } => "point",
        CaseError::DateInFuture { .. } | CaseError::DateBeforeReceipt { .. } => "notified",
        _ => "ground",
    }
}

fn scope_of(form: &Form) -> Option<ObjectionScope> {
    ObjectionScope::parse(&form.get("scope"))
}

fn optional(form: &Form, key: &str) -> Option<String> {
    Some(form.get(key)).filter(|v| !v.is_empty())
}

/// Rechecks every field and turns a valid form into its submission. The case's own rules
/// decide what is allowed; the form only maps each refusal to its field.
pub fn check(form: &mut Form, case: Option<&CaseFacts>, now: DateTime<Utc>) -> Option<Submission> {
    let mut problems: Vec<(&'static str, String)> = Vec::new();
    for f in &form.fields {
        if f.required && f.value().is_empty() {
            let verb = if matches!(f.kind, super::form::FieldKind::Text(_)) {
                "write"
            } else {
                "choose"
            };
            problems.push((f.key, format!("{} is required: {verb} one", f.label)));
        }
    }
    let today = oslo_date(now);
    let edit = match (form.kind, case) {
        (FormKind::Refuse, Some(f)) => {
            // The rights named, so the question before saving says which.
            let rights: Vec<Right> = if form.fields.iter().any(|x| x.key == "rights") {
                let ticked = rights_of(form);
                if ticked.is_empty() {
                    problems.push(("rights", "tick at least one right".into()));
                }
                ticked
            } else {
                f.undecided()
            };
            let until = match form.get("until") {
                t if t.is_empty() => None,
                t => match t.parse() {
                    Ok(d) => Some(d),
                    Err(_) => {
                        problems.push(("until", "write the date as YYYY-MM-DD".into()));
                        None
                    }
                },
            };
            RefusalGround::parse(&form.get("ground")).map(|ground| {
                Edit::Decide(Decision {
                    answer: if form.get("kind") == "partial" {
                        Answer::Partial(ground)
                    } else {
                        Answer::Refused(ground)
                    },
                    rights,
                    reason: optional(form, "reason"),
                    internal: optional(form, "internal"),
                    basis: RefusalBasis {
                        point: optional(form, "point"),
                        until,
                    },
                })
            })
        }
        (FormKind::Extend, Some(_)) => match form.get("notified").parse::<NaiveDate>() {
            Ok(notified) => Some(Edit::Extend {
                notified,
                reason: form.get("reason"),
            }),
            Err(_) => {
                problems.push(("notified", "write the date as YYYY-MM-DD".into()));
                None
            }
        },
        (FormKind::Identity, Some(_)) => {
            let status =
                IdentityStatus::parse(&form.get("status")).unwrap_or(IdentityStatus::Requested);
            let method = optional(form, "method");
            let reason = optional(form, "reason");
            match status {
                IdentityStatus::Requested if reason.is_none() => problems.push((
                    "reason",
                    "say why there is reasonable doubt (Art. 12(6))".into(),
                )),
                IdentityStatus::Verified | IdentityStatus::Failed if method.is_none() => {
                    problems.push(("method", "say how identity was checked".into()))
                }
                _ => {}
            }
            Some(Edit::Identity {
                status,
                method,
                reason,
            })
        }
        (FormKind::Note, Some(_)) => Some(Edit::Note(form.get("text"))),
        (FormKind::Assign, Some(_)) => Some(Edit::Assign(optional(form, "who"))),
        (FormKind::Triage, Some(_)) => Some(Edit::Rights(rights_of(form), scope_of(form))),
        (FormKind::Reopen, Some(_)) => Some(Edit::Reopen(form.get("reason"))),
        (FormKind::CustomerActions, Some(f)) => {
            let choice = customer_form::check(form, today, &mut problems);
            form.problems = problems;
            return choice.filter(|_| form.problems.is_empty()).map(|action| {
                Submission::Customer {
                    reference: f.request.reference.clone(),
                    action,
                }
            });
        }
        (FormKind::Fee, Some(f)) => {
            let amount = form.get("amount");
            let amount_nok = match amount.parse::<u32>() {
                Ok(n) if n > 0 => Some(n),
                _ if amount.is_empty() => None,
                _ => {
                    problems.push((
                        "amount",
                        "write the amount in whole kroner, above zero".into(),
                    ));
                    None
                }
            };
            let basis = FeeBasis::parse(&form.get("basis"));
            if let (Some(basis), true) = (basis, problems.is_empty())
                && let Err(e) = crate::case::allows(f, crate::case::Op::Fee(basis))
            {
                problems.push(("basis", e.to_string()));
            }
            form.problems = problems;
            return match (amount_nok, basis, form.problems.is_empty()) {
                (Some(amount_nok), Some(basis), true) => Some(Submission::Fee {
                    reference: f.request.reference.clone(),
                    amount_nok,
                    basis,
                    reason: form.get("reason"),
                }),
                _ => None,
            };
        }
        (FormKind::LinkReason, Some(f)) => {
            form.problems = problems;
            return customer_form::check_link(form)
                .filter(|_| form.problems.is_empty())
                .map(|action| Submission::Customer {
                    reference: f.request.reference.clone(),
                    action,
                });
        }
        (FormKind::NewRequest, _) => {
            let received = parse_local(&form.get("received"));
            match received {
                None => problems.push(("received", "write it as YYYY-MM-DD HH:MM".into())),
                Some(t) => {
                    if let Err(e) = check_receipt(t, now) {
                        problems.push(("received", e));
                    }
                }
            }
            let email = form.get("email");
            if !email.is_empty() && check_email(&email).is_err() {
                problems.push(("email", "that is not an e-mail address".into()));
            }
            let phone = form.get("phone");
            if !phone.trim().is_empty() && check_phone(&phone).is_err() {
                problems.push((
                    "phone",
                    "that is not a phone number (8 to 15 digits)".into(),
                ));
            }
            let rights = rights_of(form);
            let scope = scope_of(form);
            if scope.is_some() && !rights.contains(&Right::Objection) {
                problems.push(("scope", "tick objection too, or choose no scope".into()));
            }
            form.problems = problems;
            if !form.problems.is_empty() {
                return None;
            }
            return Some(Submission::Create(NewRequest {
                received: received?,
                channel: Channel::parse(&form.get("channel")).unwrap_or(Channel::Email),
                requester: Requester {
                    name: form.get("name"),
                    email: optional(form, "email"),
                    phone: optional(form, "phone"),
                },
                agent: None,
                rights,
                message_id: None,
                original_text: optional(form, "text"),
                objection_scope: scope,
            }));
        }
        _ => None,
    };
    // The case's rules, once the fields themselves are filled in.
    if let (Some(edit), Some(f), true) = (&edit, case, problems.is_empty())
        && let Err(e) = check_edit(f, edit, now)
    {
        let key = match (form.kind, &e) {
            (FormKind::Refuse, CaseError::Invalid(_)) => "reason",
            (FormKind::Refuse, e) => field_of(e),
            (FormKind::Extend, _) => "notified",
            (FormKind::Identity, _) => "status",
            (FormKind::Triage, _) => "rights",
            (_, _) => form.fields.first().map(|x| x.key).unwrap_or("text"),
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
                Answer::Refused(g) => format!("refused ({g})"),
                Answer::Partial(g) => format!("partly refused ({g})"),
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
            customer_form::confirmation(reference, action)
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
