//! Changes to a request, applied purely: the store persists what this returns.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::deadline::{Extension, Suspension, check_extension, oslo_date};
use super::request::{
    AgentRole, Decision, EventKind, IdentityStatus, Mandate, ObjectionScope, Request, Right,
    Status, Verdict, rights_label,
};

/// One act of deciding: the rights and their verdicts, with what the decision rests on.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Decide {
    /// `None` = the whole request when it names no right.
    pub items: Vec<(Option<Right>, Verdict)>,
    /// The officer's internal note: in the case record, never in a letter.
    pub internal: Option<String>,
    /// The point of the law a refusal rests on (§ 16(1) a-f, Art. 17(3) a/c/d).
    pub point: Option<String>,
    /// Records kept under a legal obligation until this date.
    pub until: Option<NaiveDate>,
}

impl Decide {
    /// A decision on `items` with nothing more to record.
    pub fn new(items: Vec<(Option<Right>, Verdict)>) -> Decide {
        Decide {
            items,
            ..Decide::default()
        }
    }
}

/// One change an officer makes to a request.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Decide one or more rights.
    Decide(Decide),
    Extend(Extension),
    Note(String),
    /// Record an identity check. `Requested` needs a reason for reasonable doubt.
    Identity {
        status: IdentityStatus,
        method: Option<String>,
        reason: Option<String>,
    },
    Assign(Option<String>),
    /// Set the rights asked for (triage), and what an objection is to. Only rights without
    /// a decision can be removed.
    SetRights(Vec<Right>, Option<ObjectionScope>),
    Reopen(String),
    /// Record who acts for the person (`agent`: `Name <address>`; `None` keeps the one
    /// recorded), in what role, and whether they showed a mandate.
    Representative {
        agent: Option<String>,
        role: Option<AgentRole>,
        mandate: Mandate,
    },
}

/// What an applied change left behind: the new request and a one-line event summary.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    pub request: Request,
    pub kind: EventKind,
    pub summary: String,
    pub detail: serde_json::Value,
}

/// Applies `change` to `request` as `actor` at `now`; `Err` says, in one sentence, why not.
pub fn apply(
    request: &Request,
    change: &Change,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Applied, String> {
    let mut r = request.clone();
    let today = oslo_date(now);
    let closed_guard = |what: &str| {
        if request.status == Status::Closed {
            Err(format!(
                "{} is closed; reopen it before you {what}",
                request.reference
            ))
        } else {
            Ok(())
        }
    };
    let (kind, summary, detail) = match change {
        Change::Decide(Decide {
            items,
            internal,
            point,
            until,
        }) => {
            closed_guard("decide it again")?;
            let internal = internal
                .as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string);
            if items.is_empty() {
                return Err("nothing to decide".into());
            }
            let mut parts = Vec::new();
            for (right, verdict) in items {
                match right {
                    Some(rt) if !r.rights.contains(rt) => {
                        return Err(format!(
                            "{} does not ask for {rt} (it asks for {})",
                            r.reference,
                            rights_label(&r.rights)
                        ));
                    }
                    None if !r.rights.is_empty() => {
                        return Err("name the right this decision covers".into());
                    }
                    _ => {}
                }
                verdict.validate(*right)?;
                if r.decisions.iter().any(|d| d.right == *right) {
                    return Err(format!(
                        "{} is already decided on {}",
                        right.map(|x| x.as_str()).unwrap_or("the request"),
                        r.reference
                    ));
                }
                let (ground, reason) = match verdict {
                    Verdict::Refused { ground, reason } | Verdict::Partial { ground, reason } => {
                        (Some(*ground), Some(reason.trim().to_string()))
                    }
                    _ => (None, None),
                };
                parts.push(format!(
                    "{}: {}{}",
                    right.map(|x| x.as_str()).unwrap_or("request"),
                    verdict.kind(),
                    ground
                        .map(|g| format!(" ({})", g.named()))
                        .unwrap_or_default()
                ));
                r.decisions.push(Decision {
                    right: *right,
                    kind: verdict.kind(),
                    ground,
                    reason,
                    decided_by: actor.to_string(),
                    decided_at: now,
                    internal: internal.clone(),
                    point: point.clone().filter(|_| ground.is_some()),
                    until: until.filter(|_| ground.is_some()),
                });
            }
            let all_decided = if r.rights.is_empty() {
                r.decisions.iter().any(|d| d.right.is_none())
            } else {
                r.rights
                    .iter()
                    .all(|rt| r.decisions.iter().any(|d| d.right == Some(*rt)))
            };
            if all_decided {
                r.status = Status::Closed;
                r.closed_at = Some(now);
            }
            let mut summary = format!("Decided {}", parts.join("; "));
            if let Some(o) = r.outcome() {
                summary.push_str(&format!(" - closed as {o}"));
            }
            if let Some(note) = &internal {
                summary.push_str(&format!(" [internal note: {note}]"));
            }
            (
                EventKind::Decided,
                summary,
                serde_json::to_value(&r.decisions[request.decisions.len()..]).unwrap_or_default(),
            )
        }
        Change::Extend(ext) => {
            closed_guard("extend it")?;
            if r.extension.is_some() {
                return Err(format!(
                    "{} is already extended; the law allows one extension of two months",
                    r.reference
                ));
            }
            if ext.reason.trim().is_empty() {
                return Err(
                    "an extension needs its reasons, told to the person (Art. 12(3))".into(),
                );
            }
            check_extension(r.receipt_date(), ext.notified, today)?;
            r.extension = Some(Extension {
                notified: ext.notified,
                reason: ext.reason.trim().to_string(),
            });
            (
                EventKind::Extended,
                format!(
                    "Extended by two months (notified {}): {}",
                    ext.notified,
                    ext.reason.trim()
                ),
                serde_json::json!({"notified": ext.notified, "reason": ext.reason.trim()}),
            )
        }
        Change::Note(text) => {
            if text.trim().is_empty() {
                return Err("the note is empty".into());
            }
            (
                EventKind::Note,
                text.trim().to_string(),
                serde_json::json!({"text": text.trim()}),
            )
        }
        Change::Identity {
            status,
            method,
            reason,
        } => {
            closed_guard("record an identity check")?;
            let method = method.as_deref().map(str::trim).filter(|m| !m.is_empty());
            match status {
                IdentityStatus::Requested => {
                    let why = reason.as_deref().map(str::trim).filter(|m| !m.is_empty()).ok_or(
                        "asking for identity needs the reason for reasonable doubt (Art. 12(6)); it is never asked by default",
                    )?;
                    r.status = Status::AwaitingIdentity;
                    r.suspension = Some(Suspension {
                        requested: today,
                        reason: why.to_string(),
                        answered: None,
                    });
                }
                IdentityStatus::Verified | IdentityStatus::Failed => {
                    if method.is_none() {
                        return Err(
                            "say how identity was checked (e.g. BankID, known e-mail address)"
                                .into(),
                        );
                    }
                    r.status = Status::Open;
                    if let Some(s) = r.suspension.as_mut().filter(|s| s.answered.is_none()) {
                        s.answered = Some(today.max(s.requested));
                    }
                }
                IdentityStatus::NotRequired => r.status = Status::Open,
            }
            r.identity = *status;
            r.identity_method = method.map(str::to_string).or(r.identity_method.clone());
            (
                EventKind::Identity,
                format!(
                    "Identity {}{}{}",
                    status,
                    method.map(|m| format!(" by {m}")).unwrap_or_default(),
                    reason
                        .as_deref()
                        .filter(|s| !s.trim().is_empty())
                        .map(|s| format!(": {}", s.trim()))
                        .unwrap_or_default()
                ),
                serde_json::json!({"status": status, "method": method, "reason": reason}),
            )
        }
        Change::Assign(who) => {
            let who = who
                .as_deref()
                .map(str::trim)
                .filter(|w| !w.is_empty())
                .map(str::to_string);
            r.assignee = who.clone();
            (
                EventKind::Assigned,
                match &who {
                    Some(w) => format!("Assigned to {w}"),
                    None => "Unassigned".to_string(),
                },
                serde_json::json!({"assignee": who}),
            )
        }
        Change::SetRights(rights, scope) => {
            closed_guard("change its rights")?;
            let mut rights = rights.clone();
            rights.sort();
            rights.dedup();
            let scope = scope.filter(|_| rights.contains(&Right::Objection));
            if let Some(d) = r
                .decisions
                .iter()
                .find(|d| d.right.is_some_and(|x| !rights.contains(&x)))
            {
                return Err(format!(
                    "{} is already decided and cannot be removed",
                    d.right.map(|x| x.as_str()).unwrap_or("")
                ));
            }
            let before = rights_label(&r.rights);
            r.rights = rights;
            // A scope once recorded stays unless another is given; no objection, no scope.
            r.objection_scope = scope
                .or(r.objection_scope)
                .filter(|_| r.rights.contains(&Right::Objection));
            let scope_text = r
                .objection_scope
                .map(|s| format!(" (objection: {s})"))
                .unwrap_or_default();
            (
                EventKind::RightsChanged,
                format!(
                    "Rights: {before} -> {}{scope_text}",
                    rights_label(&r.rights)
                ),
                serde_json::json!({"rights": r.rights, "objection_scope": r.objection_scope}),
            )
        }
        Change::Representative {
            agent,
            role,
            mandate,
        } => {
            closed_guard("change who acts for the person")?;
            let agent = agent
                .as_deref()
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_string)
                .or(r.agent.clone());
            let Some(agent) = agent else {
                return Err(format!(
                    "{} has no representative: name who acts for the person",
                    request.reference
                ));
            };
            r.agent = Some(agent.clone());
            r.agent_role = role.or(r.agent_role);
            r.mandate = *mandate;
            let role_text = r.agent_role.map(|x| format!(" ({x})")).unwrap_or_default();
            (
                EventKind::Representative,
                format!(
                    "Representative: {agent}{role_text} acts for {}; mandate {mandate}",
                    r.requester.name
                ),
                serde_json::json!({"agent": agent, "role": r.agent_role, "mandate": mandate}),
            )
        }
        Change::Reopen(reason) => {
            if request.status != Status::Closed {
                return Err(format!("{} is not closed", request.reference));
            }
            if reason.trim().is_empty() {
                return Err("say why the request is reopened".into());
            }
            r.status = Status::Open;
            r.closed_at = None;
            r.decisions.clear();
            (
                EventKind::Reopened,
                format!("Reopened: {}", reason.trim()),
                serde_json::json!({"reason": reason.trim()}),
            )
        }
    };
    Ok(Applied {
        request: r,
        kind,
        summary,
        detail,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::request::{Channel, Outcome, RefusalGround, Requester};

    fn request(rights: &[Right]) -> Request {
        Request {
            id: 1,
            ..Request::arrived(
                "DSR-2025-0001".into(),
                "2025-03-05T09:00:00Z".parse().expect("t"),
                Channel::Email,
                Requester {
                    name: "Kari".into(),
                    email: None,
                    phone: None,
                },
                rights,
            )
        }
    }

    fn now() -> DateTime<Utc> {
        "2025-03-20T10:00:00Z".parse().expect("t")
    }

    #[test]
    fn deciding_every_right_closes_with_a_derived_outcome() {
        let r = request(&[Right::Access, Right::Erasure]);
        let a = apply(
            &r,
            &Change::Decide(Decide::new(vec![(Some(Right::Access), Verdict::Done)])),
            "jk",
            now(),
        )
        .expect("ok");
        assert_eq!(a.request.status, Status::Open);
        let partial = Verdict::Partial {
            ground: RefusalGround::ErasureLegalObligation,
            reason: "sales records kept until 2030-12-31".into(),
        };
        let b = apply(
            &a.request,
            &Change::Decide(Decide::new(vec![(Some(Right::Erasure), partial)])),
            "jk",
            now(),
        )
        .expect("ok");
        assert_eq!(b.request.status, Status::Closed);
        assert_eq!(b.request.outcome(), Some(Outcome::Partial));
        assert!(
            b.summary
                .contains("(a legal obligation to keep the data, Art. 17(3)(b))"),
            "{}",
            b.summary
        );
    }

    #[test]
    fn a_right_cannot_be_decided_twice_or_when_not_asked() {
        let r = request(&[Right::Access]);
        assert!(
            apply(
                &r,
                &Change::Decide(Decide::new(vec![(Some(Right::Erasure), Verdict::Done)])),
                "jk",
                now()
            )
            .is_err()
        );
        let a = apply(
            &r,
            &Change::Decide(Decide::new(vec![(Some(Right::Access), Verdict::Done)])),
            "jk",
            now(),
        )
        .expect("ok");
        assert!(
            apply(
                &a.request,
                &Change::Decide(Decide::new(vec![(Some(Right::Access), Verdict::Done)])),
                "jk",
                now()
            )
            .is_err()
        );
    }

    #[test]
    fn extension_rules() {
        let r = request(&[Right::Access]);
        // The last day of the first month: a notice sent that day is in time.
        let now: DateTime<Utc> = "2025-04-07T15:00:00Z".parse().expect("t");
        let now = || now;
        let ok = Extension {
            notified: "2025-04-07".parse().expect("d"),
            reason: "many systems".into(),
        };
        let a = apply(&r, &Change::Extend(ok.clone()), "jk", now()).expect("ok");
        assert_eq!(a.request.deadline(false).in_force.to_string(), "2025-06-05");
        assert!(
            apply(&a.request, &Change::Extend(ok), "jk", now()).is_err(),
            "only one extension"
        );
        let late = Extension {
            notified: "2025-04-08".parse().expect("d"),
            reason: "x".into(),
        };
        assert!(apply(&r, &Change::Extend(late), "jk", now()).is_err());
        let blank = Extension {
            notified: "2025-03-20".parse().expect("d"),
            reason: " ".into(),
        };
        assert!(apply(&r, &Change::Extend(blank), "jk", now()).is_err());
        // A notice dated after today has not been sent.
        let early: DateTime<Utc> = "2025-03-20T10:00:00Z".parse().expect("t");
        let ahead = Extension {
            notified: "2025-03-21".parse().expect("d"),
            reason: "many systems".into(),
        };
        assert!(apply(&r, &Change::Extend(ahead), "jk", early).is_err());
    }

    #[test]
    fn identity_requests_need_reasonable_doubt_and_record_the_suspension() {
        let r = request(&[Right::Access]);
        let no_reason = Change::Identity {
            status: IdentityStatus::Requested,
            method: None,
            reason: None,
        };
        assert!(apply(&r, &no_reason, "jk", now()).is_err());
        let asked = Change::Identity {
            status: IdentityStatus::Requested,
            method: None,
            reason: Some("sender address differs from the customer's".into()),
        };
        let a = apply(&r, &asked, "jk", now()).expect("ok");
        assert_eq!(a.request.status, Status::AwaitingIdentity);
        let verified = Change::Identity {
            status: IdentityStatus::Verified,
            method: Some("BankID".into()),
            reason: None,
        };
        let later: DateTime<Utc> = "2025-03-27T10:00:00Z".parse().expect("t");
        let b = apply(&a.request, &verified, "jk", later).expect("ok");
        assert_eq!(b.request.status, Status::Open);
        let s = b.request.suspension.clone().expect("suspension");
        assert_eq!((s.answered.expect("answered") - s.requested).num_days(), 7);
        // Off by default: the hard deadline stands; on: it moves by the days waited.
        assert_eq!(b.request.deadline(false).in_force.to_string(), "2025-04-07");
        assert_eq!(b.request.deadline(true).in_force.to_string(), "2025-04-14");
    }

    #[test]
    fn closed_requests_must_be_reopened_first() {
        let r = request(&[Right::Access]);
        let a = apply(
            &r,
            &Change::Decide(Decide::new(vec![(Some(Right::Access), Verdict::Done)])),
            "jk",
            now(),
        )
        .expect("ok");
        assert!(
            apply(
                &a.request,
                &Change::Extend(Extension {
                    notified: "2025-03-20".parse().expect("d"),
                    reason: "x".into()
                }),
                "jk",
                now()
            )
            .is_err()
        );
        let b = apply(
            &a.request,
            &Change::Reopen("person wrote again".into()),
            "jk",
            now(),
        )
        .expect("ok");
        assert_eq!(b.request.status, Status::Open);
        assert!(b.request.decisions.is_empty());
    }
}
