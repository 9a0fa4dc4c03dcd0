//! The customer database's half of a crash-safe change (the register's is in
//! `store::intents`): each change commits with a marker row naming its intent, and an
//! interrupted change is finished by looking for that marker.

use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior};
use serde::Serialize;

use super::{BUSY_TIMEOUT, CustomerDb, Result};
use crate::domain::request::EventKind;
use crate::store::{Intent, Store};

/// The markers of the changes the desk committed, one per intent. Kept: they are a few
/// bytes each, and they say which desk changes this database has seen.
const MARKERS: &str = "CREATE TABLE IF NOT EXISTS dsr_intents_done (
    token TEXT PRIMARY KEY, kind TEXT NOT NULL, done_at TEXT NOT NULL)";

/// How long a customer operation waits for another desk's change before it finishes that
/// change's record: as long as any write waits.
pub(super) const WAIT_FOR_WRITER: Duration = BUSY_TIMEOUT;

/// Commits a change's customer transaction together with the marker of its intent, so that
/// afterwards the marker is there if and only if the change is.
pub(super) fn commit_marked(
    tx: Transaction<'_>,
    token: &str,
    kind: EventKind,
    now: DateTime<Utc>,
) -> Result<()> {
    tx.execute_batch(MARKERS)?;
    tx.execute(
        "INSERT INTO dsr_intents_done (token, kind, done_at) VALUES (?1, ?2, ?3)",
        rusqlite::params![
            token,
            kind.as_str(),
            now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
        ],
    )?;
    tx.commit()?;
    Ok(())
}

fn marked(conn: &Connection, token: &str) -> Result<bool> {
    let has_table = conn
        .query_row(
            "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'dsr_intents_done'",
            [],
            |_| Ok(()),
        )
        .optional()?
        .is_some();
    if !has_table {
        return Ok(false);
    }
    Ok(conn
        .query_row(
            "SELECT 1 FROM dsr_intents_done WHERE token = ?1",
            [token],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// What became of an interrupted change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum InterruptedOutcome {
    /// The customer database had been changed: the record is completed.
    Completed,
    /// The customer database had not been changed: recorded as not carried out.
    NotCarriedOut,
    /// Another desk holds the customer database: it may still be carrying the change out.
    /// Checked again next time.
    Busy,
    /// The change was for another customer database than the open one; left pending.
    OtherDatabase,
}

/// One interrupted change and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Interrupted {
    pub references: Vec<String>,
    pub kind: EventKind,
    pub started_at: DateTime<Utc>,
    pub customer_db: String,
    pub outcome: InterruptedOutcome,
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Finishes every change whose record was interrupted: for each pending intent, takes the
/// customer database's write lock (waiting up to `wait` for a desk still carrying it out),
/// then completes the record if the change's marker is there, or records that the change
/// was not carried out. Called before every customer operation and when a command starts.
pub fn finish_interrupted(
    store: &mut Store,
    db: &mut CustomerDb,
    actor: &str,
    now: DateTime<Utc>,
    wait: Duration,
) -> Result<Vec<Interrupted>> {
    let intents = store.pending_intents()?;
    let mut out = Vec::new();
    for intent in &intents {
        let outcome = finish_one(store, db, intent, (actor, now), wait)?;
        out.push(Interrupted {
            references: intent.references(),
            kind: intent.kind,
            started_at: intent.started_at,
            customer_db: intent.customer_db.clone(),
            outcome,
        });
    }
    Ok(out)
}

fn finish_one(
    store: &mut Store,
    db: &mut CustomerDb,
    intent: &Intent,
    (actor, now): (&str, DateTime<Utc>),
    wait: Duration,
) -> Result<InterruptedOutcome> {
    if !same_file(Path::new(&intent.customer_db), &db.path) {
        return Ok(InterruptedOutcome::OtherDatabase);
    }
    // With the write lock held, no desk is between its intent and its customer commit: the
    // marker is there now or never will be.
    db.conn.busy_timeout(wait)?;
    let made = look_for_marker(&mut db.conn, &intent.token);
    db.conn.busy_timeout(BUSY_TIMEOUT)?;
    let Some(made) = made? else {
        return Ok(InterruptedOutcome::Busy);
    };
    // Another desk may have finished it meanwhile (false): it found the same marker.
    store.resolve_intent(intent, made, actor, now)?;
    Ok(if made {
        InterruptedOutcome::Completed
    } else {
        InterruptedOutcome::NotCarriedOut
    })
}

/// Whether the marker is there, read under the write lock; `None` when another desk holds it.
fn look_for_marker(conn: &mut Connection, token: &str) -> Result<Option<bool>> {
    match conn.transaction_with_behavior(TransactionBehavior::Immediate) {
        Ok(tx) => Ok(Some(marked(&tx, token)?)),
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy) => Ok(None),
        Err(e) => Err(e.into()),
    }
}
