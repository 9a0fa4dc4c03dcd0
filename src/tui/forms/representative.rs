//! `A`: who acts for the person (name and address), in what role, and whether they showed a
//! mandate (legal-rules §3a) — what `dsr-desk agent` records.

use super::{FieldId, Form, FormKind, Problems, optional, target};
use crate::case::Edit;
use crate::domain::request::{AgentRole, Mandate, Request, agent_text};
use crate::tui::form::Field;

pub fn representative(r: &Request) -> Form {
    // The recorded `Name <address>` split back into its two fields.
    let agent = r.agent.clone().unwrap_or_default();
    let (name, email) = match crate::export::mail::mailbox(&agent) {
        Some((name, address)) => (name.unwrap_or_default(), address),
        None => (agent, String::new()),
    };
    let roles: Vec<(String, String)> = AgentRole::ALL
        .iter()
        .map(|x| (x.as_str().to_string(), x.as_str().to_string()))
        .collect();
    let role = r
        .agent_role
        .and_then(|x| AgentRole::ALL.iter().position(|y| *y == x))
        .unwrap_or(AgentRole::ALL.len() - 1);
    let mandates = vec![
        (
            Mandate::Shown.as_str().to_string(),
            "shown: letters and data go to them, naming the person".to_string(),
        ),
        (
            Mandate::Missing.as_str().to_string(),
            "missing: nothing about the person goes to them".to_string(),
        ),
        (
            Mandate::Unknown.as_str().to_string(),
            "not yet seen".to_string(),
        ),
    ];
    let mandate = mandates
        .iter()
        .position(|(v, _)| *v == r.mandate.as_str())
        .unwrap_or(0);
    Form::new(
        FormKind::Representative,
        format!("Who acts for the person on {}", r.reference),
        target(r),
        vec![
            Field::text(FieldId::Name, "Representative", &name, true, "Their name"),
            Field::text(
                FieldId::Email,
                "E-mail",
                &email,
                false,
                "Where their letters go once a mandate is shown",
            ),
            Field::choice(FieldId::Kind, "Role", roles, role, "←/→ to choose"),
            Field::choice(
                FieldId::Status,
                "Mandate",
                mandates,
                mandate,
                "←/→ to choose",
            ),
        ],
    )
}

pub(super) fn check(form: &Form, problems: &mut Problems) -> Option<Edit> {
    let name = form.get(FieldId::Name);
    let email = optional(form, FieldId::Email);
    let agent = match agent_text(&name, email.as_deref()) {
        Ok(agent) => agent,
        Err(e) => {
            let field = if name.trim().is_empty() {
                FieldId::Name
            } else {
                FieldId::Email
            };
            problems.push((field, e));
            return None;
        }
    };
    Some(Edit::Representative {
        agent: Some(agent),
        role: AgentRole::parse(&form.get(FieldId::Kind)),
        mandate: Mandate::parse(&form.get(FieldId::Status)).unwrap_or(Mandate::Unknown),
    })
}
