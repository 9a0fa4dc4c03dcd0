//! Creating, reading and changing requests.

use super::sql::{Db, OptionalExtension, Row, params};
use chrono::{DateTime, NaiveDate, Utc};

use super::events::{EventKind, NewEvent, append};
use super::{Result, Store, StoreError};
use crate::domain::change::{self, Change};
use crate::domain::deadline::{Extension, Suspension, oslo_date};
use crate::domain::replay::{REPLAY_FORMAT, REPLAY_MARK};
use crate::domain::request::{
    AgentRole, Channel, Decision, DecisionKind, IdentityStatus, Mandate, ObjectionScope,
    RefusalGround, Request, Requester, Right, Status, rights_label,
};
use crate::domain::text::fold;

/// A request as it comes in, before it has a reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRequest {
    pub received: DateTime<Utc>,
    pub channel: Channel,
    pub requester: Requester,
    pub agent: Option<String>,
    pub agent_role: Option<AgentRole>,
    pub rights: Vec<Right>,
    pub message_id: Option<String>,
    pub original_text: Option<String>,
    /// What an objection is to, when the request asks for one and that is known.
    pub objection_scope: Option<ObjectionScope>,
}

/// The outcome of a change, for callers that show what happened.
pub type RequestChange = change::Applied;

pub(crate) const COLUMNS: &str = "id, reference, received_utc, channel, requester_name, requester_email, requester_phone, \
    agent, rights, status, extension_notified, extension_reason, suspension_requested, suspension_reason, \
    suspension_answered, identity_status, identity_method, assignee, message_id, original_text, closed_at, version, objection_scope, \
    agent_role, agent_mandate";

pub(super) fn parse_date(s: Option<String>) -> Option<NaiveDate> {
    s.and_then(|s| s.parse().ok())
}

pub(super) fn parse_time(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Utc))
        .unwrap_or_default()
}

pub(crate) fn rights_from(text: &str) -> Vec<Right> {
    text.split(',').filter_map(Right::parse).collect()
}

pub(super) fn rights_text(rights: &[Right]) -> String {
    rights
        .iter()
        .map(|r| r.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

pub(crate) fn rights_mask(rights: &[Right]) -> i64 {
    rights.iter().map(|r| 1i64 << (*r as i64)).sum()
}

pub(super) fn row_to_request(r: &Row<'_>) -> super::sql::Result<Request> {
    let extension = match (parse_date(r.get(10)?), r.get::<_, Option<String>>(11)?) {
        (Some(notified), Some(reason)) => Some(Extension { notified, reason }),
        _ => None,
    };
    let suspension = match (parse_date(r.get(12)?), r.get::<_, Option<String>>(13)?) {
        (Some(requested), Some(reason)) => Some(Suspension {
            requested,
            reason,
            answered: parse_date(r.get(14)?),
        }),
        _ => None,
    };
    Ok(Request {
        id: r.get(0)?,
        reference: r.get(1)?,
        received: parse_time(&r.get::<_, String>(2)?),
        channel: Channel::parse(&r.get::<_, String>(3)?).unwrap_or(Channel::Email),
        requester: Requester {
            name: r.get(4)?,
            email: r.get(5)?,
            phone: r.get(6)?,
        },
        agent: r.get(7)?,
        agent_role: r
            .get::<_, Option<String>>(23)?
            .as_deref()
            .and_then(AgentRole::parse),
        mandate: Mandate::parse(&r.get::<_, String>(24)?).unwrap_or(Mandate::Unknown),
        rights: rights_from(&r.get::<_, String>(8)?),
        status: Status::parse(&r.get::<_, String>(9)?).unwrap_or(Status::Open),
        extension,
        suspension,
        identity: IdentityStatus::parse(&r.get::<_, String>(15)?)
            .unwrap_or(IdentityStatus::NotRequired),
        identity_method: r.get(16)?,
        objection_scope: r
            .get::<_, Option<String>>(22)?
            .as_deref()
            .and_then(ObjectionScope::parse),
        assignee: r.get(17)?,
        message_id: r.get(18)?,
        original_text: r.get(19)?,
        closed_at: r.get::<_, Option<String>>(20)?.map(|s| parse_time(&s)),
        decisions: Vec::new(),
        version: r.get(21)?,
    })
}

/// The decisions on a request, oldest first.
pub(crate) fn decisions_for(tx: &Db, request_id: i64) -> Result<Vec<Decision>> {
    let mut stmt = tx.prepare_cached(
        "SELECT right_asked, kind, ground, reason, decided_by, decided_at, internal, point,
         until_date FROM decisions WHERE request_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([request_id], |r| {
        Ok(Decision {
            right: r
                .get::<_, Option<String>>(0)?
                .as_deref()
                .and_then(Right::parse),
            kind: DecisionKind::parse(&r.get::<_, String>(1)?).unwrap_or(DecisionKind::Done),
            ground: r
                .get::<_, Option<String>>(2)?
                .as_deref()
                .and_then(RefusalGround::parse),
            reason: r.get(3)?,
            decided_by: r.get(4)?,
            decided_at: parse_time(&r.get::<_, String>(5)?),
            internal: r.get(6)?,
            point: r.get(7)?,
            until: parse_date(r.get(8)?),
        })
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

pub(super) fn fetch(conn: &Db, reference: &str) -> Result<Request> {
    let mut request = conn
        // References are stored upper-case; matching the canonical form uses the unique
        // index (a COLLATE NOCASE comparison would scan the table).
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM requests WHERE reference = ?1"
        ))?
        .query_row([reference.trim().to_ascii_uppercase()], row_to_request)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(reference.trim().to_string()))?;
    request.decisions = decisions_for(conn, request.id)?;
    Ok(request)
}

impl Store {
    /// Stores a new request with the next reference for its receipt year, and its
    /// `created` event, in one transaction.
    pub fn add_request(
        &mut self,
        new: &NewRequest,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<Request> {
        if new.requester.name.trim().is_empty() {
            return Err(StoreError::Invalid("the requester's name is empty".into()));
        }
        let suspension = self.suspension_enabled()?;
        let index_now = !self.defer_search_index;
        let tx = self.write_tx()?;
        let request = insert_request(&tx, new, actor, now, suspension, index_now, "")?;
        tx.commit()?;
        Ok(request)
    }

    /// The request with this reference (case-insensitive), decisions included.
    pub fn get(&self, reference: &str) -> Result<Request> {
        fetch(&self.conn, reference)
    }

    /// The reference of the request with this Message-ID, if any.
    /// Every request from the e-mail address `email` (lower case, as stored), oldest first;
    /// none without an address.
    pub fn requests_of_email(&self, email: Option<&str>) -> Result<Vec<Request>> {
        let Some(email) = email
            .map(|e| e.trim().to_lowercase())
            .filter(|e| !e.is_empty())
        else {
            return Ok(Vec::new());
        };
        let references: Vec<String> = self
            .conn
            .prepare_cached(
                "SELECT reference FROM requests WHERE requester_email = ?1 ORDER BY received_utc",
            )?
            .query_map([email], |r| r.get(0))?
            .collect::<super::sql::Result<_>>()?;
        references.iter().map(|r| self.get(r)).collect()
    }

    pub fn find_by_message_id(&self, message_id: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT reference FROM requests WHERE message_id = ?1")?
            .query_row([message_id], |r| r.get(0))
            .optional()?)
    }

    /// Applies one change. With `expected_version`, a request changed by someone else since
    /// it was read is refused instead of overwritten.
    pub fn apply(
        &mut self,
        reference: &str,
        expected_version: Option<i64>,
        change: &Change,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<RequestChange> {
        let suspension = self.suspension_enabled()?;
        let tx = self.write_tx()?;
        let current = fetch(&tx, reference)?;
        if expected_version.is_some_and(|v| v != current.version) {
            return Err(StoreError::Stale(current.reference));
        }
        let mut applied =
            change::apply(&current, change, actor, now).map_err(StoreError::Invalid)?;
        // A note changes nothing a form could be editing, so it does not make forms stale.
        if !matches!(change, Change::Note(_)) {
            applied.request.version = current.version + 1;
            persist(&tx, &current, &applied.request, suspension)?;
        }
        append_applied(&tx, current.id, &applied, actor, now)?;
        tx.commit()?;
        Ok(applied)
    }
}

/// Appends the event of a change applied to request `request_id`.
pub(super) fn append_applied(
    tx: &Db,
    request_id: i64,
    applied: &RequestChange,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    append(
        tx,
        NewEvent {
            request_id: Some(request_id),
            at: now,
            actor,
            kind: applied.kind,
            summary: applied.summary.clone(),
            detail: applied.detail.clone(),
        },
    )?;
    Ok(())
}

impl Store {
    /// Switches the optional Art. 12(6) suspension model on or off for this database and
    /// recomputes every open request's deadline in force, in one transaction with its event.
    pub fn set_suspension_enabled(
        &mut self,
        on: bool,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<u64> {
        let tx = self.write_tx()?;
        tx.prepare_cached(
            "INSERT INTO meta (key, value) VALUES ('suspension_enabled', ?1)
                           ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )?
        .execute([if on { "true" } else { "false" }])?;
        let references: Vec<String> = tx
            .prepare("SELECT reference FROM requests WHERE is_open = 1")?
            .query_map((), |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        let mut moved = 0;
        for reference in &references {
            let request = fetch(&tx, reference)?;
            let due = request.deadline(on).in_force.to_string();
            moved += tx
                .prepare_cached(
                    "UPDATE requests SET due_date = ?1 WHERE id = ?2 AND due_date != ?1",
                )?
                .execute(params![due, request.id])? as u64;
        }
        append(
            &tx,
            NewEvent {
                request_id: None,
                at: now,
                actor,
                kind: EventKind::Settings,
                summary: format!(
                    "Suspension while identity is checked (Art. 12(6)) switched {}; {moved} open deadlines moved",
                    if on { "on" } else { "off" }
                ),
                detail: serde_json::json!({"suspension_enabled": on, "deadlines_moved": moved}),
            },
        )?;
        tx.commit()?;
        Ok(moved)
    }
}

/// Inserts a new request, its search entry and its `created` event inside the caller's
/// write; `more_summary` is appended to the event's summary (e.g. how intake read it).
pub(crate) fn insert_request(
    tx: &Db,
    new: &NewRequest,
    actor: &str,
    now: DateTime<Utc>,
    suspension: bool,
    index_now: bool,
    more_summary: &str,
) -> Result<Request> {
    if new.requester.name.trim().is_empty() {
        return Err(StoreError::Invalid("the requester's name is empty".into()));
    }
    let year = oslo_date(new.received).format("%Y").to_string();
    let next: i64 = tx
        .prepare_cached(
            "INSERT INTO counters (year, last) VALUES (?1, 1)
                 ON CONFLICT (year) DO UPDATE SET last = counters.last + 1 RETURNING last",
        )?
        .query_row([&year], |r| r.get(0))?;
    let reference = format!("DSR-{year}-{next:04}");
    let mut request = Request {
        agent: new.agent.clone(),
        agent_role: new.agent_role.filter(|_| new.agent.is_some()),
        objection_scope: new
            .objection_scope
            .filter(|_| new.rights.contains(&Right::Objection)),
        message_id: new.message_id.clone(),
        original_text: new.original_text.clone(),
        ..Request::arrived(
            reference.clone(),
            new.received,
            new.channel,
            new.requester.clone(),
            &new.rights,
        )
    };
    let due = request.deadline(suspension).in_force;
    request.id = tx
        .prepare_cached(
            "INSERT INTO requests (reference, received_utc, received_date, channel, requester_name,
             requester_email, requester_phone, agent, rights, rights_mask, status, due_date,
             message_id, original_text, objection_scope, agent_role)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'open', ?11, ?12, ?13, ?14, ?15)
             RETURNING id",
        )?
        .query_row(
            params![
                reference,
                new.received
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                oslo_date(new.received).to_string(),
                new.channel.as_str(),
                new.requester.name.trim(),
                request.requester.email,
                new.requester.phone,
                new.agent,
                rights_text(&request.rights),
                rights_mask(&request.rights),
                due.to_string(),
                new.message_id,
                new.original_text,
                request.objection_scope.map(|s| s.as_str()),
                request.agent_role.map(|s| s.as_str()),
            ],
            |r| r.get(0),
        )
        .map_err(|e| {
            if e.is_constraint() && new.message_id.is_some() {
                StoreError::Invalid("a request with this Message-ID already exists".into())
            } else {
                e.into()
            }
        })?;
    if index_now {
        index_for_search(
            tx,
            request.id,
            &[
                reference.clone(),
                request.requester.name.clone(),
                request.requester.email.clone().unwrap_or_default(),
                request.requester.phone.clone().unwrap_or_default(),
            ],
        )?;
    }
    append(
        tx,
        NewEvent {
            request_id: Some(request.id),
            at: now,
            actor,
            kind: EventKind::Created,
            summary: format!(
                "Received by {} from {} asking for {}; due {}{}",
                new.channel,
                new.requester.name.trim(),
                rights_label(&request.rights),
                due,
                more_summary
            ),
            // Everything the request starts with, so `audit verify` can replay its rows.
            detail: serde_json::json!({
                "reference": reference,
                "received": new.received,
                "channel": new.channel,
                "rights": request.rights,
                "objection_scope": request.objection_scope,
                "agent_role": request.agent_role,
                "due": due,
                (REPLAY_MARK): REPLAY_FORMAT,
            }),
        },
    )?;
    Ok(request)
}

/// Puts a request's searchable fields, folded, into the trigram index.
pub(crate) fn index_for_search(conn: &Db, id: i64, fields: &[String]) -> super::sql::Result<()> {
    let folded = fold(&fields.join(" \u{1f} "));
    // FTS5 tables take no upsert; PostgreSQL's plain table takes no OR REPLACE.
    conn.prepare_cached(conn.pick(
        "INSERT OR REPLACE INTO request_search (rowid, folded) VALUES (?1, ?2)",
        "INSERT INTO request_search (id, folded) VALUES (?1, ?2)
         ON CONFLICT (id) DO UPDATE SET folded = excluded.folded",
    ))?
    .execute(params![id, folded])?;
    Ok(())
}

/// Writes the changed request and its decisions; the version guard makes a lost race loud.
pub(super) fn persist(tx: &Db, before: &Request, after: &Request, suspension: bool) -> Result<()> {
    let due = after.deadline(suspension).in_force;
    let changed = tx
        .prepare_cached(
            "UPDATE requests SET rights = ?1, rights_mask = ?2, status = ?3, is_open = CASE WHEN ?3 = 'closed' THEN 0 ELSE 1 END, due_date = ?4,
             extension_notified = ?5, extension_reason = ?6, suspension_requested = ?7,
             suspension_reason = ?8, suspension_answered = ?9, identity_status = ?10,
             identity_method = ?11, assignee = ?12, closed_at = ?13, version = ?14,
             objection_scope = ?17, agent = ?18, agent_role = ?19, agent_mandate = ?20
             WHERE id = ?15 AND version = ?16",
        )?
        .execute(params![
            rights_text(&after.rights),
            rights_mask(&after.rights),
            after.status.as_str(),
            due.to_string(),
            after.extension.as_ref().map(|e| e.notified.to_string()),
            after.extension.as_ref().map(|e| e.reason.clone()),
            after.suspension.as_ref().map(|s| s.requested.to_string()),
            after.suspension.as_ref().map(|s| s.reason.clone()),
            after
                .suspension
                .as_ref()
                .and_then(|s| s.answered)
                .map(|d| d.to_string()),
            after.identity.as_str(),
            after.identity_method,
            after.assignee,
            after
                .closed_at
                .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
            after.version,
            after.id,
            before.version,
            after.objection_scope.map(|s| s.as_str()),
            after.agent,
            after.agent_role.map(|s| s.as_str()),
            after.mandate.as_str(),
        ])?;
    if changed != 1 {
        return Err(StoreError::Stale(before.reference.clone()));
    }
    if after.decisions.len() < before.decisions.len() {
        tx.prepare_cached("DELETE FROM decisions WHERE request_id = ?1")?
            .execute([after.id])?;
    }
    let start = if after.decisions.len() < before.decisions.len() {
        0
    } else {
        before.decisions.len()
    };
    for d in &after.decisions[start..] {
        tx.prepare_cached(
            "INSERT INTO decisions (request_id, right_asked, kind, ground, reason, decided_by,
             decided_at, internal, point, until_date)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            after.id,
            d.right.map(|r| r.as_str()),
            d.kind.as_str(),
            d.ground.map(|g| g.as_str()),
            d.reason,
            d.decided_by,
            d.decided_at
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            d.internal,
            d.point,
            d.until.map(|u| u.to_string()),
        ])?;
    }
    Ok(())
}
