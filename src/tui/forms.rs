//! The desk's forms: what each asks, how it is checked as you type, and the change it makes.
//! Checks reuse the domain's rules, so the desk and the command line refuse the same things.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Europe::Oslo;

use super::customer_form::{self, CustomerChoice};
use super::form::{Field, Form, FormKind};
use crate::domain::change::Change;
use crate::domain::deadline::{Extension, check_extension, oslo_date};
use crate::domain::request::{
    Channel, IdentityStatus, RefusalGround, Request, Requester, Right, Verdict,
};
use crate::store::NewRequest;

/// What a valid form asks the desk to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Submission {
    Change {
        reference: String,
        version: i64,
        change: Change,
    },
    Create(NewRequest),
    /// Something to do in the customer database for a request.
    Customer {
        reference: String,
        action: CustomerChoice,
    },
}

fn target(r: &Request) -> Option<(String, i64)> {
    Some((r.reference.clone(), r.version))
}

fn undecided(r: &Request) -> Vec<Right> {
    r.rights
        .iter()
        .copied()
        .filter(|x| !r.decisions.iter().any(|d| d.right == Some(*x)))
        .collect()
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

pub fn refuse(r: &Request) -> Form {
    let open = undecided(r);
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
        "Reason",
        "",
        true,
        "The written reasons the letter will state (Art. 12(4))",
    ));
    Form::new(
        FormKind::Refuse,
        format!("Refuse {}", r.reference),
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
        vec![Field::checks(
            "rights",
            "Rights",
            right_checks(Right::ALL, &r.rights),
            false,
            "Space ticks; none = needs triage",
        )],
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

/// Rechecks every field and turns a valid form into its submission.
pub fn check(form: &mut Form, request: Option<&Request>, now: DateTime<Utc>) -> Option<Submission> {
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
    let change = match (form.kind, request) {
        (FormKind::Refuse, Some(r)) => {
            let rights: Vec<Option<Right>> = if r.rights.is_empty() {
                vec![None]
            } else if form.fields.iter().any(|f| f.key == "rights") {
                rights_of(form).into_iter().map(Some).collect()
            } else {
                undecided(r).into_iter().map(Some).collect()
            };
            if rights.is_empty() {
                problems.push(("rights", "tick at least one right".into()));
            }
            let Some(ground) = RefusalGround::parse(&form.get("ground")) else {
                form.problems = problems;
                return None;
            };
            let reason = form.get("reason");
            let verdict = if form.get("kind") == "partial" {
                Verdict::Partial { ground, reason }
            } else {
                Verdict::Refused { ground, reason }
            };
            for right in &rights {
                if let Err(e) = verdict.validate(*right) {
                    let key = if e.contains("reason") {
                        "reason"
                    } else {
                        "ground"
                    };
                    if !problems.iter().any(|(k, _)| *k == key) {
                        problems.push((key, e));
                    }
                }
            }
            Some(Change::Decide(
                rights.into_iter().map(|r| (r, verdict.clone())).collect(),
            ))
        }
        (FormKind::Extend, Some(r)) => match form.get("notified").parse::<NaiveDate>() {
            Ok(notified) => {
                if let Err(e) = check_extension(r.receipt_date(), notified) {
                    problems.push(("notified", e));
                } else if notified > today {
                    problems.push(("notified", "the notice date is in the future".into()));
                }
                Some(Change::Extend(Extension {
                    notified,
                    reason: form.get("reason"),
                }))
            }
            Err(_) => {
                problems.push(("notified", "write the date as YYYY-MM-DD".into()));
                None
            }
        },
        (FormKind::Identity, Some(_)) => {
            let status =
                IdentityStatus::parse(&form.get("status")).unwrap_or(IdentityStatus::Requested);
            let method = Some(form.get("method")).filter(|m| !m.is_empty());
            let reason = Some(form.get("reason")).filter(|m| !m.is_empty());
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
            Some(Change::Identity {
                status,
                method,
                reason,
            })
        }
        (FormKind::Note, Some(_)) => Some(Change::Note(form.get("text"))),
        (FormKind::Assign, Some(_)) => Some(Change::Assign(
            Some(form.get("who")).filter(|w| !w.is_empty()),
        )),
        (FormKind::Triage, Some(_)) => Some(Change::SetRights(rights_of(form))),
        (FormKind::Reopen, Some(_)) => Some(Change::Reopen(form.get("reason"))),
        (FormKind::CustomerActions, Some(r)) => {
            let choice = customer_form::check(form, today, &mut problems);
            form.problems = problems;
            return choice.filter(|_| form.problems.is_empty()).map(|action| {
                Submission::Customer {
                    reference: r.reference.clone(),
                    action,
                }
            });
        }
        (FormKind::NewRequest, _) => {
            let received = parse_local(&form.get("received"));
            match received {
                None => problems.push(("received", "write it as YYYY-MM-DD HH:MM".into())),
                Some(t) if t > now + chrono::Duration::minutes(5) => {
                    problems.push(("received", "that is in the future".into()))
                }
                _ => {}
            }
            let email = form.get("email");
            if !email.is_empty() && !email.contains('@') {
                problems.push(("email", "an e-mail address has an @".into()));
            }
            form.problems = problems;
            if !form.problems.is_empty() {
                return None;
            }
            let opt = |k: &str| Some(form.get(k)).filter(|v| !v.is_empty());
            return Some(Submission::Create(NewRequest {
                received: received?,
                channel: Channel::parse(&form.get("channel")).unwrap_or(Channel::Email),
                requester: Requester {
                    name: form.get("name"),
                    email: opt("email"),
                    phone: opt("phone"),
                },
                agent: None,
                rights: rights_of(form),
                message_id: None,
                original_text: opt("text"),
            }));
        }
        _ => None,
    };
    form.problems = problems;
    let (reference, version) = form.target.clone()?;
    match change {
        Some(change) if form.problems.is_empty() => Some(Submission::Change {
            reference,
            version,
            change,
        }),
        _ => None,
    }
}

/// The question asked before a closing or destructive submission, if it needs one.
pub fn confirmation(submission: &Submission) -> Option<String> {
    match submission {
        Submission::Change {
            reference,
            change: Change::Decide(items),
            ..
        } => {
            let what: Vec<String> = items
                .iter()
                .map(|(r, v)| {
                    let right = r.map(|x| x.as_str()).unwrap_or("the request");
                    match v {
                        Verdict::Done => format!("{right}: answered"),
                        Verdict::Erased => format!("{right}: erased"),
                        Verdict::Refused { ground, .. } => format!("{right}: refused ({ground})"),
                        Verdict::Partial { ground, .. } => {
                            format!("{right}: partly refused ({ground})")
                        }
                    }
                })
                .collect();
            Some(format!("Record for {reference}: {}?", what.join("; ")))
        }
        Submission::Change {
            reference,
            change: Change::Extend(e),
            ..
        } => Some(format!(
            "Extend {reference} by two months (notice sent {})?",
            e.notified
        )),
        Submission::Change {
            reference,
            change: Change::Reopen(_),
            ..
        } => Some(format!(
            "Reopen {reference}? Its decisions are cleared (the timeline keeps them)."
        )),
        Submission::Customer { reference, action } => {
            customer_form::confirmation(reference, action)
        }
        _ => None,
    }
}
