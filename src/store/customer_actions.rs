//! The Art. 19 checklist of recipients to notify, and the events that record what was done
//! in the customer database for a request: its event, checklist items and decision.

use super::sql::{Db, OptionalExtension, params};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::customer_links::stamp;
use super::events::{EventKind, NewEvent, append};
use super::requests::{append_applied, fetch, persist};
use super::{RequestChange, Result, Store, StoreError};
use crate::domain::change::{self, Change, Decide};
use crate::domain::request::{Request, Right, Status};

/// One recipient to notify under Art. 19, and whether and when it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChecklistItem {
    pub recipient: String,
    pub name: String,
    pub notified_on: Option<NaiveDate>,
    pub notified_by: Option<String>,
}

/// A change made in the customer database for a request, as its event records it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerAction {
    pub kind: EventKind,
    pub summary: String,
    pub detail: serde_json::Value,
    /// Recipients (id, name) that go on the request's Art. 19 checklist.
    pub notify: Vec<(String, String)>,
    /// A decision the action settles, e.g. erasure partly refused on a legal hold.
    pub decide: Option<Decide>,
}

/// The event for one request whose held rows were deleted at the end of their retention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RetentionRecord {
    pub reference: String,
    pub summary: String,
    pub detail: serde_json::Value,
}

pub(super) fn open_request(tx: &Db, reference: &str, what: &str) -> Result<Request> {
    let request = fetch(tx, reference)?;
    if request.status == Status::Closed {
        return Err(StoreError::Invalid(format!(
            "{} is closed; reopen it before you {what}",
            request.reference
        )));
    }
    Ok(request)
}

/// Puts recipients on a request's Art. 19 checklist (those not on it yet) and, when any
/// were added, logs which; returns how many were added.
fn list_recipients(
    tx: &Db,
    request_id: i64,
    items: &[(String, String)],
    actor: &str,
    now: DateTime<Utc>,
) -> Result<usize> {
    let mut added = Vec::new();
    for (id, name) in items {
        let n = tx
            .prepare_cached(
                "INSERT INTO request_recipients (request_id, recipient, name, added_at)
                 VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
            )?
            .execute(params![request_id, id, name, stamp(now)])?;
        if n == 1 {
            added.push(name.clone());
        }
    }
    if !added.is_empty() {
        append(
            tx,
            NewEvent {
                request_id: Some(request_id),
                at: now,
                actor,
                kind: EventKind::RecipientsListed,
                summary: format!("To notify (Art. 19): {}", added.join(", ")),
                detail: serde_json::json!({"recipients": added}),
            },
        )?;
    }
    Ok(added.len())
}

impl Store {
    /// The Art. 19 checklist of a request.
    pub fn checklist(&self, request_id: i64) -> Result<Vec<ChecklistItem>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT recipient, name, notified_on, notified_by FROM request_recipients
             WHERE request_id = ?1 ORDER BY added_at, recipient",
        )?;
        let rows = stmt.query_map([request_id], |r| {
            Ok(ChecklistItem {
                recipient: r.get(0)?,
                name: r.get(1)?,
                notified_on: r.get::<_, Option<String>>(2)?.and_then(|d| d.parse().ok()),
                notified_by: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Puts recipients (id, name) on a request's checklist; returns how many were new.
    pub fn add_to_checklist(
        &mut self,
        reference: &str,
        items: &[(String, String)],
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<usize> {
        let tx = self.write_tx()?;
        let request = fetch(&tx, reference)?;
        let added = list_recipients(&tx, request.id, items, actor, now)?;
        tx.commit()?;
        Ok(added)
    }

    /// Ticks a recipient off the checklist: notified on `on`.
    pub fn tick_recipient(
        &mut self,
        reference: &str,
        recipient: &str,
        on: NaiveDate,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self.write_tx()?;
        let request = fetch(&tx, reference)?;
        let name: Option<String> = tx
            .query_row(
                "SELECT name FROM request_recipients WHERE request_id = ?1 AND recipient = ?2 COLLATE NOCASE",
                params![request.id, recipient.trim()],
                |r| r.get(0),
            )
            .optional()?;
        let Some(name) = name else {
            let listed: Vec<String> = listed_recipients(&tx, request.id)?;
            return Err(StoreError::Invalid(if listed.is_empty() {
                format!("{} has no recipients to notify yet", request.reference)
            } else {
                format!(
                    "'{}' is not on the checklist of {}; it lists: {}",
                    recipient.trim(),
                    request.reference,
                    listed.join(", ")
                )
            }));
        };
        tx.execute(
            "UPDATE request_recipients SET notified_on = ?3, notified_by = ?4
             WHERE request_id = ?1 AND recipient = ?2 COLLATE NOCASE",
            params![request.id, recipient.trim(), on.to_string(), actor],
        )?;
        append(
            &tx,
            NewEvent {
                request_id: Some(request.id),
                at: now,
                actor,
                kind: EventKind::RecipientNotified,
                summary: format!("Notified {name} on {on} (Art. 19)"),
                detail: serde_json::json!({"recipient": recipient.trim(), "notified_on": on}),
            },
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Records an action for a request that changes no customer data (files written, a fact
    /// of the case): the event (and any checklist items and decision) commits only after
    /// `commit` succeeded, so the log never claims what failed. A change to the customer
    /// database goes through `record_customer_change` instead, which survives a crash.
    pub fn record_customer_action<T, E: From<StoreError>>(
        &mut self,
        reference: &str,
        action: &CustomerAction,
        actor: &str,
        now: DateTime<Utc>,
        commit: impl FnOnce() -> std::result::Result<T, E>,
    ) -> std::result::Result<(T, Option<RequestChange>), E> {
        let suspension = self.suspension_enabled()?;
        let tx = self.write_tx()?;
        let what = match action.kind {
            EventKind::AccessPackage | EventKind::PortabilityExport => "write files for it",
            _ => "change customer data for it",
        };
        let request = open_request(&tx, reference, what)?;
        let decided = write_action(&tx, &request, action, (actor, now, now), suspension)?;
        let value = commit()?;
        tx.commit()?;
        Ok((value, decided))
    }
}

/// Appends an action's event, puts its recipients on the checklist and settles its decision
/// when the request asks for that right, is open and nobody has decided it yet. The events
/// are stamped `now`; the decision was taken when the change was made, `done_at`.
pub(super) fn write_action(
    tx: &Db,
    request: &Request,
    action: &CustomerAction,
    (actor, now, done_at): (&str, DateTime<Utc>, DateTime<Utc>),
    suspension: bool,
) -> Result<Option<RequestChange>> {
    append(
        tx,
        NewEvent {
            request_id: Some(request.id),
            at: now,
            actor,
            kind: action.kind,
            summary: action.summary.clone(),
            detail: action.detail.clone(),
        },
    )?;
    list_recipients(tx, request.id, &action.notify, actor, now)?;
    // Only a right the request asks for and nobody has decided yet: otherwise the officer's
    // decision stands and the action just records what was done.
    let undecided = |r: &Right| {
        request.rights.contains(r) && !request.decisions.iter().any(|d| d.right == Some(*r))
    };
    let settles = |d: &&Decide| {
        d.items
            .iter()
            .all(|(r, _)| r.as_ref().is_some_and(undecided))
    };
    let Some(decide) = action.decide.as_ref().filter(settles) else {
        return Ok(None);
    };
    if request.status == Status::Closed {
        return Ok(None);
    }
    let change = Change::Decide(decide.clone());
    let mut applied =
        change::apply(request, &change, actor, done_at).map_err(StoreError::Invalid)?;
    applied.request.version = request.version + 1;
    persist(tx, request, &applied.request, suspension)?;
    append_applied(tx, request.id, &applied, actor, now)?;
    Ok(Some(applied))
}

/// Appends the events of rows deleted because their legal hold ended: on each request that
/// put them on hold, closed or not (it records what became of the data, it decides nothing).
/// A reference this database does not know gets its event without a request, and is
/// returned.
pub(super) fn write_retention(
    tx: &Db,
    records: &[RetentionRecord],
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Vec<String>> {
    let mut unknown = Vec::new();
    for r in records {
        let request_id = match fetch(tx, &r.reference) {
            Ok(request) => Some(request.id),
            Err(StoreError::NotFound(_)) => {
                unknown.push(r.reference.clone());
                None
            }
            Err(e) => return Err(e),
        };
        let summary = match request_id {
            Some(_) => r.summary.clone(),
            None => format!("{} ({})", r.summary, r.reference),
        };
        append(
            tx,
            NewEvent {
                request_id,
                at: now,
                actor,
                kind: EventKind::RetentionEnded,
                summary,
                detail: r.detail.clone(),
            },
        )?;
    }
    Ok(unknown)
}

fn listed_recipients(tx: &Db, request_id: i64) -> Result<Vec<String>> {
    let mut stmt =
        tx.prepare_cached("SELECT recipient FROM request_recipients WHERE request_id = ?1")?;
    let rows = stmt.query_map([request_id], |r| r.get(0))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}
