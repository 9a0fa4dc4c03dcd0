//! Changes to the customer database that survive a crash between the two databases. No
//! transaction spans the register and the customer database, so a change is written in three
//! steps: (1) its intent, the events it will write with their evidence, commits here; (2) the
//! customer database commits the change together with a marker naming the intent's token;
//! (3) the events commit here and the intent is marked done. A process killed after (1)
//! leaves the intent pending; the next command that opens both databases looks for the
//! marker and completes the record (the change was made) or records that it was not carried
//! out. Either way the request's timeline says so.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use super::sql::{Db, params};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::customer_actions::{open_request, write_action, write_retention};
use super::events::{EventKind, NewEvent, append};
use super::requests::fetch;
use super::{CustomerAction, RequestChange, Result, RetentionRecord, Store, StoreError};

/// Test only: with `DSR_DESK_CRASH_PAUSE_MS` set, a change waits that many milliseconds
/// before each of its three steps and after the last, so that a test can kill the process
/// inside each window.
/// Unset (always, outside the crash test), nothing waits.
pub const CRASH_PAUSE_VAR: &str = "DSR_DESK_CRASH_PAUSE_MS";

fn crash_pause() {
    if let Some(ms) = std::env::var(CRASH_PAUSE_VAR)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
    {
        std::thread::sleep(Duration::from_millis(ms));
    }
}

/// What an intent will record once its change is made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
enum Planned {
    /// One request's change: its event, checklist items and decision.
    Action {
        reference: String,
        action: Box<CustomerAction>,
    },
    /// The end of legal holds: an event on each request that had put rows on hold.
    Retention { records: Vec<RetentionRecord> },
}

/// A change to the customer database whose record is not finished: its planned events with
/// their evidence, and which customer database it changes.
#[derive(Debug, Clone, PartialEq)]
pub struct Intent {
    pub id: i64,
    /// Names the intent in the customer database's marker.
    pub token: String,
    pub kind: EventKind,
    pub customer_db: String,
    pub actor: String,
    pub started_at: DateTime<Utc>,
    planned: Planned,
}

impl Intent {
    /// The requests the change is for.
    pub fn references(&self) -> Vec<String> {
        match &self.planned {
            Planned::Action { reference, .. } => vec![reference.clone()],
            Planned::Retention { records } => records.iter().map(|r| r.reference.clone()).collect(),
        }
    }
}

fn instant(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// A token no other intent has, in this register or any other writing to the same customer
/// database: it mixes the register's path, the process, a counter and the wall clock.
fn new_token(register: &Path, now: DateTime<Utc>) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let wall = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let mut h = Sha256::new();
    for part in [
        register.display().to_string(),
        instant(now),
        std::process::id().to_string(),
        COUNTER.fetch_add(1, Ordering::Relaxed).to_string(),
        wall.to_string(),
    ] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    h.finalize()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Moves a pending intent to `state`; false when it was no longer pending (another desk
/// finished it first), so that its events are written once.
fn settle(tx: &Db, token: &str, state: &str, now: DateTime<Utc>) -> Result<bool> {
    let n = tx
        .prepare_cached(
            "UPDATE intents SET state = ?2, resolved_at = ?3 WHERE token = ?1 AND state = 'pending'",
        )?
        .execute(params![token, state, instant(now)])?;
    Ok(n == 1)
}

fn absolute(path: &Path) -> String {
    std::path::absolute(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

impl Store {
    /// Step 1: commits the intent and returns its token.
    fn begin_intent(
        &mut self,
        request_id: Option<i64>,
        kind: EventKind,
        planned: &Planned,
        (actor, now): (&str, DateTime<Utc>),
        customer_db: &Path,
    ) -> Result<String> {
        let token = new_token(&self.path, now);
        let planned = serde_json::to_string(planned)
            .map_err(|e| StoreError::Invalid(format!("the change cannot be recorded: {e}")))?;
        let tx = self.write_tx()?;
        if let Some(id) = request_id {
            // The request must still be there when the intent commits.
            let _: i64 =
                tx.query_row("SELECT id FROM requests WHERE id = ?1", [id], |r| r.get(0))?;
        }
        tx.prepare_cached(
            "INSERT INTO intents (token, request_id, kind, planned, customer_db, actor, started_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            token,
            request_id,
            kind.as_str(),
            planned,
            absolute(customer_db),
            actor,
            instant(now)
        ])?;
        tx.commit()?;
        Ok(token)
    }

    /// Records a change to the customer database for a request so that a crash at any
    /// moment leaves the change and its record in step: the intent commits first, then
    /// `commit` — which commits the customer database with the marker for the token it is
    /// given — then the event (and any checklist items and decision) with the intent marked
    /// done. The customer transaction is always opened first, so two desks cannot deadlock.
    pub fn record_customer_change<T, E: From<StoreError>>(
        &mut self,
        reference: &str,
        action: &CustomerAction,
        (actor, now): (&str, DateTime<Utc>),
        customer_db: &Path,
        commit: impl FnOnce(&str) -> std::result::Result<T, E>,
    ) -> std::result::Result<(T, Option<RequestChange>), E> {
        crash_pause();
        let suspension = self.suspension_enabled()?;
        let request = open_request(&self.conn, reference, "change customer data for it")?;
        let planned = Planned::Action {
            reference: request.reference.clone(),
            action: Box::new(action.clone()),
        };
        let token = self.begin_intent(
            Some(request.id),
            action.kind,
            &planned,
            (actor, now),
            customer_db,
        )?;
        crash_pause();
        let value = commit(&token)?;
        crash_pause();
        let decided = self
            .finish_action(&token, &request.reference, action, (actor, now), suspension)
            .map_err(unrecorded)?;
        crash_pause();
        Ok((value, decided))
    }

    /// Step 3 of a request's change, unless another desk finished it first.
    fn finish_action(
        &mut self,
        token: &str,
        reference: &str,
        action: &CustomerAction,
        (actor, now): (&str, DateTime<Utc>),
        suspension: bool,
    ) -> Result<Option<RequestChange>> {
        let tx = self.write_tx()?;
        if !settle(&tx, token, "done", now)? {
            return Ok(None);
        }
        let request = fetch(&tx, reference)?;
        let decided = write_action(&tx, &request, action, (actor, now, now), suspension)?;
        tx.commit()?;
        Ok(decided)
    }

    /// Records rows deleted because their legal hold ended, in the same three steps as
    /// `record_customer_change`: an event on each request that put them on hold. Returns the
    /// references this database does not know (their events have no request).
    pub fn record_retention_change<E: From<StoreError>>(
        &mut self,
        records: &[RetentionRecord],
        (actor, now): (&str, DateTime<Utc>),
        customer_db: &Path,
        commit: impl FnOnce(&str) -> std::result::Result<(), E>,
    ) -> std::result::Result<Vec<String>, E> {
        crash_pause();
        let planned = Planned::Retention {
            records: records.to_vec(),
        };
        let token = self.begin_intent(
            None,
            EventKind::RetentionEnded,
            &planned,
            (actor, now),
            customer_db,
        )?;
        crash_pause();
        commit(&token)?;
        crash_pause();
        let finish = |store: &mut Store| -> Result<Vec<String>> {
            let tx = store.write_tx()?;
            if !settle(&tx, &token, "done", now)? {
                return Ok(Vec::new());
            }
            let unknown = write_retention(&tx, records, actor, now)?;
            tx.commit()?;
            Ok(unknown)
        };
        let unknown = finish(self).map_err(unrecorded)?;
        crash_pause();
        Ok(unknown)
    }

    /// The intents whose record is not finished, oldest first.
    pub fn pending_intents(&self) -> Result<Vec<Intent>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, token, kind, planned, customer_db, actor, started_at FROM intents
             WHERE state = 'pending' ORDER BY id",
        )?;
        let rows = stmt.query_map((), |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, token, kind, planned, customer_db, actor, started_at) = row?;
            let unreadable = |what: &str| {
                StoreError::Invalid(format!(
                    "the interrupted change {token} has an unreadable {what}; it cannot be finished"
                ))
            };
            out.push(Intent {
                id,
                kind: EventKind::parse(&kind).ok_or_else(|| unreadable("kind"))?,
                planned: serde_json::from_str(&planned).map_err(|_| unreadable("plan"))?,
                started_at: DateTime::parse_from_rfc3339(&started_at)
                    .map_err(|_| unreadable("start time"))?
                    .with_timezone(&Utc),
                token,
                customer_db,
                actor,
            });
        }
        Ok(out)
    }

    /// Finishes an interrupted intent once the customer database has told whether its change
    /// was `made`: the planned events, marked as recorded after an interruption, or a note that
    /// nothing was carried out with the plan and its evidence; either way an `interrupted`
    /// event on each request it was for. False when it was already finished.
    pub fn resolve_intent(
        &mut self,
        intent: &Intent,
        made: bool,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let suspension = self.suspension_enabled()?;
        let tx = self.write_tx()?;
        let state = if made { "completed" } else { "not-carried-out" };
        if !settle(&tx, &intent.token, state, now)? {
            return Ok(false);
        }
        let late = "; recorded after an interruption";
        let started = (intent.actor.as_str(), now, intent.started_at);
        let planned = match &intent.planned {
            Planned::Action { reference, action } => {
                let request = fetch(&tx, reference)?;
                if made {
                    let action = CustomerAction {
                        summary: format!("{}{late}", action.summary),
                        ..(**action).clone()
                    };
                    write_action(&tx, &request, &action, started, suspension)?;
                }
                let planned =
                    serde_json::json!({"summary": action.summary, "detail": action.detail});
                vec![(Some(request.id), planned)]
            }
            Planned::Retention { records } => {
                if made {
                    let records: Vec<RetentionRecord> = records
                        .iter()
                        .map(|r| RetentionRecord {
                            summary: format!("{}{late}", r.summary),
                            ..r.clone()
                        })
                        .collect();
                    write_retention(&tx, &records, &intent.actor, now)?;
                }
                let mut out = Vec::new();
                for r in records {
                    let id = match fetch(&tx, &r.reference) {
                        Ok(request) => Some(request.id),
                        Err(StoreError::NotFound(_)) => None,
                        Err(e) => return Err(e),
                    };
                    let planned = serde_json::json!({"reference": r.reference, "summary": r.summary, "detail": r.detail});
                    out.push((id, planned));
                }
                out
            }
        };
        let what = intent.kind.change_noun();
        let started_at = intent.started_at.format("%Y-%m-%d %H:%M UTC");
        let summary = if made {
            format!(
                "Interrupted: {what} started {started_at} had changed the customer database; its record is completed now"
            )
        } else {
            format!(
                "Interrupted: {what} started {started_at} had not changed the customer database; it was not carried out"
            )
        };
        for (request_id, planned) in planned {
            let mut detail = serde_json::json!({
                "intent": intent.token,
                "kind": intent.kind,
                "started_at": instant(intent.started_at),
                "started_by": intent.actor,
                "customer_db": intent.customer_db,
                "outcome": if made { "completed" } else { "not carried out" },
            });
            // What was not done, with the evidence it would have recorded; what was done
            // is in its own event just before this one.
            if !made {
                detail["planned"] = planned;
            }
            append(
                &tx,
                NewEvent {
                    request_id,
                    at: now,
                    actor,
                    kind: EventKind::Interrupted,
                    summary: summary.clone(),
                    detail,
                },
            )?;
        }
        tx.commit()?;
        Ok(true)
    }
}

/// Step 3 failed after the customer database committed: the intent stays pending and the
/// next command that opens both databases completes the record.
fn unrecorded(e: StoreError) -> StoreError {
    StoreError::Database(format!(
        "the customer database was changed, but its event could not be written ({e}); the desk completes the record the next time it opens both databases"
    ))
}
