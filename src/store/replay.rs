//! `audit verify`'s second half: every request's stored row and decisions replayed from its
//! events. One pass over three sorted streams (requests, decisions, events), no query per
//! request, so a register of 100,000 requests replays in seconds.

use std::iter::Peekable;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::requests::{parse_date, parse_time, rights_mask, row_to_request};
use super::{Result, Store};
use crate::domain::replay::{self, REPLAYABLE_FROM_SCHEMA};
use crate::domain::request::{
    Decision, DecisionKind, EventKind, RefusalGround, Request, Right, Status,
};

/// Where a stored row differs from what its events say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Difference {
    /// The request's reference, `request id N` for events without a request, or `settings`.
    pub reference: String,
    pub what: String,
}

/// The result of replaying every request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ReplayReport {
    /// Requests whose rows match their events.
    pub replayed: u64,
    /// Requests created before events carried enough to replay (schema version 6 or older):
    /// not checked, and not counted as tampered.
    pub not_replayable: Vec<String>,
    pub differences: Vec<Difference>,
}

impl ReplayReport {
    pub fn matches(&self) -> bool {
        self.differences.is_empty()
    }

    /// The sentence that says why `not_replayable` requests were not checked.
    pub fn not_replayable_note() -> String {
        format!("not replayable (written before schema version {REPLAYABLE_FROM_SCHEMA})")
    }
}

/// The columns `row_to_request` reads (the message text left out), then the derived ones.
const REPLAY_COLUMNS: &str = "id, reference, received_utc, channel, requester_name, requester_email, requester_phone, \
    agent, rights, status, extension_notified, extension_reason, suspension_requested, suspension_reason, \
    suspension_answered, identity_status, identity_method, assignee, message_id, NULL, closed_at, version, objection_scope, \
    agent_role, agent_mandate, is_open, rights_mask, due_date";

/// The kinds of event that change a stored field.
const STATE_KINDS: [EventKind; 8] = [
    EventKind::Created,
    EventKind::Decided,
    EventKind::Extended,
    EventKind::Identity,
    EventKind::Assigned,
    EventKind::RightsChanged,
    EventKind::Reopened,
    EventKind::Representative,
];

struct Row {
    request: Request,
    is_open: bool,
    rights_mask: i64,
    due: Option<NaiveDate>,
}

struct EventRow {
    id: i64,
    request_id: i64,
    at: DateTime<Utc>,
    actor: String,
    kind: EventKind,
    detail: String,
}

impl Store {
    /// Replays every request's events and reports each stored field that differs.
    pub fn replay_check(&self) -> Result<ReplayReport> {
        let mut report = ReplayReport::default();
        // The Art. 12(6) setting moves deadlines: the settings events say when it was on.
        let settings: Vec<(i64, bool)> = self
            .conn
            .prepare(
                "SELECT id, detail FROM events WHERE request_id IS NULL AND kind = ?1 ORDER BY id",
            )?
            .query_map([EventKind::Settings.as_str()], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
            })?
            .filter_map(|row| {
                let (id, detail) = match row {
                    Ok(row) => row,
                    Err(e) => return Some(Err(e)),
                };
                let v: serde_json::Value = serde_json::from_str(&detail).ok()?;
                v.get("suspension_enabled")?
                    .as_bool()
                    .map(|on| Ok((id, on)))
            })
            .collect::<super::sql::Result<_>>()?;
        let final_setting = settings.last().is_some_and(|s| s.1);
        if self.suspension_enabled()? != final_setting {
            report.differences.push(Difference {
                reference: "settings".into(),
                what: format!(
                    "suspension while identity is checked is {}, its events say {}",
                    if final_setting { "off" } else { "on" },
                    if final_setting { "on" } else { "off" }
                ),
            });
        }

        let mut requests = self.conn.prepare(&format!(
            "SELECT {REPLAY_COLUMNS} FROM requests ORDER BY id"
        ))?;
        let requests = requests.query_map((), |r| {
            Ok(Row {
                request: row_to_request(r)?,
                is_open: r.get(25)?,
                rights_mask: r.get(26)?,
                due: parse_date(r.get(27)?),
            })
        })?;
        let mut decisions = self.conn.prepare(
            "SELECT request_id, right_asked, kind, ground, reason, decided_by, decided_at, internal,
             point, until_date FROM decisions ORDER BY request_id, id",
        )?;
        let mut decisions = decisions
            .query_map((), |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    Decision {
                        right: r
                            .get::<_, Option<String>>(1)?
                            .as_deref()
                            .and_then(Right::parse),
                        kind: DecisionKind::parse(&r.get::<_, String>(2)?)
                            .unwrap_or(DecisionKind::Done),
                        ground: r
                            .get::<_, Option<String>>(3)?
                            .as_deref()
                            .and_then(RefusalGround::parse),
                        reason: r.get(4)?,
                        decided_by: r.get(5)?,
                        decided_at: parse_time(&r.get::<_, String>(6)?),
                        internal: r.get(7)?,
                        point: r.get(8)?,
                        until: parse_date(r.get(9)?),
                    },
                ))
            })?
            .peekable();
        let kinds = STATE_KINDS
            .iter()
            .map(|k| format!("'{}'", k.as_str()))
            .collect::<Vec<_>>()
            .join(", ");
        let mut events = self.conn.prepare(&format!(
            "SELECT id, request_id, at, actor, kind, detail FROM events
             WHERE request_id IS NOT NULL AND kind IN ({kinds}) ORDER BY request_id, id"
        ))?;
        let mut events = events
            .query_map((), |r| {
                Ok(EventRow {
                    id: r.get(0)?,
                    request_id: r.get(1)?,
                    at: parse_time(&r.get::<_, String>(2)?),
                    actor: r.get(3)?,
                    kind: EventKind::parse(&r.get::<_, String>(4)?).unwrap_or(EventKind::Other),
                    detail: r.get(5)?,
                })
            })?
            .peekable();

        for row in requests {
            let mut row = row?;
            let id = row.request.id;
            let up_to_here = |d: &super::sql::Result<(i64, Decision)>| match d {
                Ok((rid, _)) => *rid <= id,
                Err(_) => true,
            };
            while decisions.peek().is_some_and(up_to_here) {
                if let Some((rid, d)) = decisions.next().transpose()?
                    && rid == id
                {
                    row.request.decisions.push(d);
                }
            }
            let mine = take_events(&mut events, id, &mut report)?;
            check_request(&row, &mine, &settings, &mut report);
        }
        // Events of requests that are not there (rows deleted behind the desk's back).
        take_events(&mut events, i64::MAX, &mut report)?;
        Ok(report)
    }
}

/// The events of request `id`, reporting those of smaller ids (requests that are gone).
fn take_events(
    events: &mut Peekable<impl Iterator<Item = super::sql::Result<EventRow>>>,
    id: i64,
    report: &mut ReplayReport,
) -> Result<Vec<EventRow>> {
    let mut mine = Vec::new();
    let mut gone = None;
    let up_to_here = |e: &super::sql::Result<EventRow>| match e {
        Ok(e) => e.request_id <= id,
        Err(_) => true,
    };
    while events.peek().is_some_and(up_to_here) {
        let Some(e) = events.next().transpose()? else {
            break;
        };
        if e.request_id == id {
            mine.push(e);
        } else if gone != Some(e.request_id) {
            gone = Some(e.request_id);
            report.differences.push(Difference {
                reference: format!("request id {}", e.request_id),
                what: format!(
                    "event {} belongs to a request that is not stored (deleted)",
                    e.id
                ),
            });
        }
    }
    Ok(mine)
}

/// Replays one request's events and compares the result with its stored row.
fn check_request(
    row: &Row,
    events: &[EventRow],
    settings: &[(i64, bool)],
    report: &mut ReplayReport,
) {
    let reference = &row.request.reference;
    match replay_request(row, events, settings) {
        None => report.not_replayable.push(reference.clone()),
        Some(found) if found.is_empty() => report.replayed += 1,
        Some(found) => report
            .differences
            .extend(found.into_iter().map(|what| Difference {
                reference: reference.clone(),
                what,
            })),
    }
}

/// Where a request's row differs from its replayed events; `None` when they do not replay
/// (written before they carried enough).
fn replay_request(row: &Row, events: &[EventRow], settings: &[(i64, bool)]) -> Option<Vec<String>> {
    let reference = &row.request.reference;
    let fail = |what: String| Some(vec![what]);
    let mut state: Option<Request> = None;
    let mut due = None;
    let mut setting = Setting {
        all: settings,
        next: 0,
        on: false,
    };
    for e in events {
        setting.pass(e.id, state.as_ref(), &mut due);
        let detail: serde_json::Value = match serde_json::from_str(&e.detail) {
            Ok(v) => v,
            Err(_) => return fail(format!("event {} has a detail that is not JSON", e.id)),
        };
        let next = match (&state, e.kind) {
            (None, EventKind::Created) => match replay::created(reference, &detail) {
                Ok(Some(r)) => Some(r),
                Ok(None) => return None,
                Err(why) => {
                    return fail(format!("its created event {} does not replay: {why}", e.id));
                }
            },
            (Some(_), EventKind::Created) => {
                return fail(format!("event {} is a second created event", e.id));
            }
            (None, _) => return fail(format!("event {} comes before its created event", e.id)),
            (Some(r), kind) => match replay::step(r, kind, &detail, &e.actor, e.at) {
                Ok(next) => next,
                Err(why) => return fail(format!("event {} ({kind}) does not replay: {why}", e.id)),
            },
        };
        if let Some(r) = next {
            due = Some(r.deadline(setting.on).in_force);
            state = Some(r);
        }
    }
    setting.pass(i64::MAX, state.as_ref(), &mut due);
    let Some(replayed) = state else {
        return fail("it has no created event (written outside the desk)".into());
    };
    let mut found = replay::differences(&row.request, &replayed);
    let open = replayed.status != Status::Closed;
    if row.is_open != open {
        found.push(format!(
            "it is stored as {}, its events say {}",
            if row.is_open { "open" } else { "closed" },
            if open { "open" } else { "closed" }
        ));
    }
    if row.rights_mask != rights_mask(&replayed.rights) {
        found.push("its rights index does not match its rights".into());
    }
    if row.due != due {
        let show = |d: Option<NaiveDate>| d.map(|d| format!("'{d}'")).unwrap_or("none".into());
        found.push(format!(
            "due date is {}, its events say {}",
            show(row.due),
            show(due)
        ));
    }
    Some(found)
}

/// The Art. 12(6) setting as the settings events switched it, walked along one request's
/// events: switching it moves the deadline of a request that is open then.
struct Setting<'a> {
    all: &'a [(i64, bool)],
    next: usize,
    on: bool,
}

impl Setting<'_> {
    /// Passes the switches before event `upto`.
    fn pass(&mut self, upto: i64, request: Option<&Request>, due: &mut Option<NaiveDate>) {
        while let Some(&(id, on)) = self.all.get(self.next) {
            if id >= upto {
                break;
            }
            self.on = on;
            self.next += 1;
            if let Some(r) = request.filter(|r| r.status != Status::Closed) {
                *due = Some(r.deadline(on).in_force);
            }
        }
    }
}
