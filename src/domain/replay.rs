//! Replaying a request's audit trail: what its stored row and decisions must say, from its
//! events alone, through the same `change::apply` that made them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::change::{self, Change, Decide};
use super::deadline::Extension;
use super::request::{
    Channel, Decision, DecisionKind, EventKind, ObjectionScope, Request, Requester, Right, Verdict,
};

/// The key a `created` event's detail carries when its request's events replay in full.
/// Requests created before (schema version 6 and older) lack it.
pub const REPLAY_MARK: &str = "replay";

/// The format `REPLAY_MARK` names.
pub const REPLAY_FORMAT: u64 = 1;

/// The schema version from which requests replay.
pub const REPLAYABLE_FROM_SCHEMA: i64 = 7;

fn field<T: DeserializeOwned>(detail: &Value, name: &str) -> Result<T, String> {
    serde_json::from_value(detail.get(name).cloned().unwrap_or(Value::Null))
        .map_err(|e| format!("its detail's {name} cannot be read ({e})"))
}

/// The request a `created` event starts; `None` when it was written before events carried
/// enough to replay.
pub fn created(reference: &str, detail: &Value) -> Result<Option<Request>, String> {
    if detail.get(REPLAY_MARK).and_then(Value::as_u64) != Some(REPLAY_FORMAT) {
        return Ok(None);
    }
    let named: Option<String> = field(detail, "reference")?;
    if named.as_deref().is_some_and(|n| n != reference) {
        return Err(format!(
            "it created {}, not {reference}",
            named.unwrap_or_default()
        ));
    }
    let received: DateTime<Utc> = field(detail, "received")?;
    let channel: Channel = field(detail, "channel")?;
    let rights: Vec<Right> = field(detail, "rights")?;
    let scope: Option<ObjectionScope> = field(detail, "objection_scope")?;
    let mut r = Request::arrived(
        reference.to_string(),
        received,
        channel,
        Requester::default(),
        &rights,
    );
    r.objection_scope = scope.filter(|_| r.rights.contains(&Right::Objection));
    // Written by schema 12 and later; before, no role was recorded.
    r.agent_role = field(detail, "agent_role").unwrap_or(None);
    Ok(Some(r))
}

/// The change an event records, or `None` for one that changes no stored field (a note, a
/// follow-up, a change in the customer database).
pub fn change_of(kind: EventKind, detail: &Value) -> Result<Option<Change>, String> {
    Ok(Some(match kind {
        EventKind::Decided => {
            let decisions: Vec<Decision> = serde_json::from_value(detail.clone())
                .map_err(|e| format!("its decisions cannot be read ({e})"))?;
            let mut items = Vec::new();
            for d in &decisions {
                let reason = || d.reason.clone().unwrap_or_default();
                let verdict = match (d.kind, d.ground) {
                    (DecisionKind::Done, _) => Verdict::Done,
                    (DecisionKind::Refused, Some(ground)) => Verdict::Refused {
                        ground,
                        reason: reason(),
                    },
                    (DecisionKind::Partial, Some(ground)) => Verdict::Partial {
                        ground,
                        reason: reason(),
                    },
                    (kind, None) => return Err(format!("a {kind} decision without a ground")),
                };
                items.push((d.right, verdict));
            }
            Change::Decide(Decide {
                items,
                internal: decisions.iter().find_map(|d| d.internal.clone()),
                point: decisions.iter().find_map(|d| d.point.clone()),
                until: decisions.iter().find_map(|d| d.until),
            })
        }
        EventKind::Extended => Change::Extend(Extension {
            notified: field(detail, "notified")?,
            reason: field(detail, "reason")?,
        }),
        EventKind::Identity => Change::Identity {
            status: field(detail, "status")?,
            method: field(detail, "method")?,
            reason: field(detail, "reason")?,
        },
        EventKind::Assigned => Change::Assign(field(detail, "assignee")?),
        EventKind::Representative => Change::Representative {
            agent: field(detail, "agent")?,
            role: field(detail, "role")?,
            mandate: field(detail, "mandate")?,
        },
        EventKind::RightsChanged => {
            Change::SetRights(field(detail, "rights")?, field(detail, "objection_scope")?)
        }
        EventKind::Reopened => Change::Reopen(field(detail, "reason")?),
        _ => return Ok(None),
    }))
}

/// `request` after the event `(kind, detail)` by `actor` at `at`; `None` when the event
/// changes no stored field.
pub fn step(
    request: &Request,
    kind: EventKind,
    detail: &Value,
    actor: &str,
    at: DateTime<Utc>,
) -> Result<Option<Request>, String> {
    match change_of(kind, detail)? {
        Some(change) => change::apply(request, &change, actor, at)
            .map(|a| Some(a.request))
            .map_err(|e| format!("it does not apply ({e})")),
        None => Ok(None),
    }
}

fn show<T: std::fmt::Display>(value: &Option<T>) -> String {
    value
        .as_ref()
        .map(|v| format!("'{v}'"))
        .unwrap_or_else(|| "none".into())
}

fn secs(t: &Option<DateTime<Utc>>) -> Option<String> {
    t.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

fn list(rights: &[Right]) -> Option<String> {
    Some(
        rights
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>()
            .join(","),
    )
}

/// Where the stored request differs from the replayed one, each as "what is X, its events
/// say Y". Times are compared to the second, as they are stored.
pub fn differences(stored: &Request, replayed: &Request) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |what: &str, s: Option<String>, r: Option<String>| {
        if s != r {
            out.push(format!(
                "{what} is {}, its events say {}",
                show(&s),
                show(&r)
            ));
        }
    };
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string());
    check(
        "received",
        secs(&Some(stored.received)),
        secs(&Some(replayed.received)),
    );
    check(
        "status",
        Some(stored.status.to_string()),
        Some(replayed.status.to_string()),
    );
    check("rights", list(&stored.rights), list(&replayed.rights));
    check(
        "objection scope",
        stored.objection_scope.map(|s| s.to_string()),
        replayed.objection_scope.map(|s| s.to_string()),
    );
    let ext = |r: &Request| r.extension.as_ref().map(|e| e.notified);
    let ext_reason = |r: &Request| r.extension.as_ref().map(|e| e.reason.clone());
    check("extension notice", date(ext(stored)), date(ext(replayed)));
    check("extension reason", ext_reason(stored), ext_reason(replayed));
    let susp = |r: &Request| r.suspension.as_ref().map(|s| s.requested);
    let susp_reason = |r: &Request| r.suspension.as_ref().map(|s| s.reason.clone());
    let answered = |r: &Request| r.suspension.as_ref().and_then(|s| s.answered);
    check("identity asked", date(susp(stored)), date(susp(replayed)));
    check(
        "reason for doubt",
        susp_reason(stored),
        susp_reason(replayed),
    );
    check(
        "identity answered",
        date(answered(stored)),
        date(answered(replayed)),
    );
    check(
        "identity",
        Some(stored.identity.to_string()),
        Some(replayed.identity.to_string()),
    );
    check(
        "identity method",
        stored.identity_method.clone(),
        replayed.identity_method.clone(),
    );
    check(
        "assignee",
        stored.assignee.clone(),
        replayed.assignee.clone(),
    );
    check(
        "representative's role",
        stored.agent_role.map(|x| x.to_string()),
        replayed.agent_role.map(|x| x.to_string()),
    );
    check(
        "representative's mandate",
        Some(stored.mandate.to_string()),
        Some(replayed.mandate.to_string()),
    );
    check(
        "closed at",
        secs(&stored.closed_at),
        secs(&replayed.closed_at),
    );
    let on = |d: &Decision| d.right.map(|r| r.as_str()).unwrap_or("the request");
    for r in &replayed.decisions {
        let Some(s) = stored.decisions.iter().find(|s| s.right == r.right) else {
            out.push(format!("the decision on {} ({}) is missing", on(r), r.kind));
            continue;
        };
        let what = |field: &str| format!("the decision on {}: {field}", on(r));
        let mut check = |f: &str, a: Option<String>, b: Option<String>| {
            if a != b {
                out.push(format!(
                    "{} is {}, its events say {}",
                    what(f),
                    show(&a),
                    show(&b)
                ));
            }
        };
        check("kind", Some(s.kind.to_string()), Some(r.kind.to_string()));
        check(
            "ground",
            s.ground.map(|g| g.to_string()),
            r.ground.map(|g| g.to_string()),
        );
        check("reason", s.reason.clone(), r.reason.clone());
        check("internal note", s.internal.clone(), r.internal.clone());
        check("point", s.point.clone(), r.point.clone());
        check("until", date(s.until), date(r.until));
        check(
            "decided by",
            Some(s.decided_by.clone()),
            Some(r.decided_by.clone()),
        );
        check(
            "decided at",
            secs(&Some(s.decided_at)),
            secs(&Some(r.decided_at)),
        );
    }
    for s in &stored.decisions {
        if !replayed.decisions.iter().any(|r| r.right == s.right) {
            out.push(format!(
                "a decision on {} ({}) is stored that its events never made",
                on(s),
                s.kind
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::request::{IdentityStatus, RefusalGround, Status};
    use serde_json::json;

    fn at(t: &str) -> DateTime<Utc> {
        t.parse().expect("time")
    }

    fn start() -> Request {
        let detail = json!({
            "received": "2025-03-05T09:00:00Z", "channel": "email",
            "rights": ["erasure", "objection"], "objection_scope": "marketing",
            "due": "2025-04-07", "replay": 1,
        });
        created("DSR-2025-0001", &detail)
            .expect("reads")
            .expect("replayable")
    }

    #[test]
    fn a_created_event_without_the_mark_is_not_replayable() {
        let old = json!({"received": "2025-03-05T09:00:00Z", "channel": "email",
            "rights": ["access"], "due": "2025-04-07"});
        assert_eq!(created("DSR-2025-0001", &old), Ok(None));
        let r = start();
        assert_eq!(r.objection_scope, Some(ObjectionScope::Marketing));
        assert_eq!(r.rights, [Right::Erasure, Right::Objection]);
    }

    #[test]
    fn replaying_what_apply_recorded_gives_what_apply_made() {
        let mut r = start();
        let changes = [
            Change::Assign(Some("jk".into())),
            Change::Identity {
                status: IdentityStatus::Requested,
                method: None,
                reason: Some("address differs".into()),
            },
            Change::Identity {
                status: IdentityStatus::Verified,
                method: Some("BankID".into()),
                reason: None,
            },
            Change::Decide(Decide {
                items: vec![
                    (
                        Some(Right::Erasure),
                        Verdict::Partial {
                            ground: RefusalGround::ErasureLegalObligation,
                            reason: "invoices kept".into(),
                        },
                    ),
                    (Some(Right::Objection), Verdict::Done),
                ],
                internal: Some("checked with finance".into()),
                point: None,
                until: Some("2030-12-31".parse().expect("date")),
            }),
            Change::Reopen("wrote again".into()),
            Change::Extend(Extension {
                notified: "2025-03-12".parse().expect("date"),
                reason: "many systems".into(),
            }),
            Change::SetRights(vec![Right::Erasure], None),
        ];
        let mut replayed = r.clone();
        for (i, c) in changes.iter().enumerate() {
            let now = at("2025-03-10T10:00:00Z") + chrono::Duration::days(i as i64);
            let a = change::apply(&r, c, "jk", now).expect("applies");
            r = a.request;
            let detail: Value = serde_json::from_str(&a.detail.to_string()).expect("json");
            if let Some(next) = step(&replayed, a.kind, &detail, "jk", now).expect("replays") {
                replayed = next;
            }
            assert_eq!(
                differences(&r, &replayed),
                Vec::<String>::new(),
                "after {c:?}"
            );
        }
        assert_eq!(replayed.status, Status::Open);
        let note = step(
            &replayed,
            EventKind::Note,
            &json!({"text": "x"}),
            "jk",
            at("2025-03-30T10:00:00Z"),
        );
        assert_eq!(note, Ok(None));
    }

    #[test]
    fn a_refusal_edited_into_done_is_named() {
        let r = start();
        let refuse = Change::Decide(Decide::new(vec![(
            Some(Right::Erasure),
            Verdict::Refused {
                ground: RefusalGround::ErasureNoGround,
                reason: "none applies".into(),
            },
        )]));
        let a = change::apply(&r, &refuse, "jk", at("2025-03-10T10:00:00Z")).expect("ok");
        let mut stored = a.request.clone();
        stored.decisions[0].kind = DecisionKind::Done;
        stored.decisions[0].ground = None;
        stored.status = Status::Closed;
        let diffs = differences(&stored, &a.request);
        assert!(
            diffs.contains(
                &"the decision on erasure: kind is 'done', its events say 'refused'".to_string()
            ),
            "{diffs:?}"
        );
        assert!(
            diffs.iter().any(|d| d.starts_with("status is 'closed'")),
            "{diffs:?}"
        );
    }
}
