//! `n`: register a request that came by phone, letter or in person.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Europe::Oslo;

use super::{
    FieldId, Form, FormKind, Problems, Submission, optional, right_checks, rights_of, scope_field,
    scope_of,
};
use crate::domain::deadline::check_receipt;
use crate::domain::normalize::{check_email, check_phone};
use crate::domain::request::{Channel, Requester, Right};
use crate::store::NewRequest;
use crate::tui::form::Field;

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
            Field::text(
                FieldId::Name,
                "Name",
                "",
                true,
                "The person the data is about",
            ),
            Field::text(FieldId::Email, "E-mail", "", false, ""),
            Field::text(FieldId::Phone, "Phone", "", false, ""),
            Field::checks(
                FieldId::Rights,
                "Rights",
                right_checks(Right::ALL, &[]),
                false,
                "Space ticks; none = needs triage",
            ),
            scope_field(None),
            Field::choice(FieldId::Channel, "Channel", channels, 0, "←/→ to choose"),
            Field::text(
                FieldId::Received,
                "Received",
                &local,
                true,
                "YYYY-MM-DD HH:MM, Oslo time: when it reached any channel",
            ),
            Field::area(
                FieldId::Text,
                "Text",
                false,
                "What the person wrote or said",
            ),
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

pub(super) fn check(
    form: &mut Form,
    now: DateTime<Utc>,
    mut problems: Problems,
) -> Option<Submission> {
    let received = parse_local(&form.get(FieldId::Received));
    match received {
        None => problems.push((FieldId::Received, "write it as YYYY-MM-DD HH:MM".into())),
        Some(t) => {
            if let Err(e) = check_receipt(t, now) {
                problems.push((FieldId::Received, e));
            }
        }
    }
    let email = form.get(FieldId::Email);
    if !email.is_empty() && check_email(&email).is_err() {
        problems.push((FieldId::Email, "that is not an e-mail address".into()));
    }
    let phone = form.get(FieldId::Phone);
    if !phone.trim().is_empty() && check_phone(&phone).is_err() {
        problems.push((
            FieldId::Phone,
            "that is not a phone number (8 to 15 digits)".into(),
        ));
    }
    let rights = rights_of(form);
    let scope = scope_of(form);
    if scope.is_some() && !rights.contains(&Right::Objection) {
        problems.push((
            FieldId::Scope,
            "tick objection too, or choose no scope".into(),
        ));
    }
    form.problems = problems;
    if !form.problems.is_empty() {
        return None;
    }
    Some(Submission::Create(NewRequest {
        received: received?,
        channel: Channel::parse(&form.get(FieldId::Channel)).unwrap_or(Channel::Email),
        requester: Requester {
            name: form.get(FieldId::Name),
            email: optional(form, FieldId::Email),
            phone: optional(form, FieldId::Phone),
        },
        agent: None,
        agent_role: None,
        rights,
        message_id: None,
        original_text: optional(form, FieldId::Text),
        objection_scope: scope,
    }))
}
