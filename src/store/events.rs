//! The append-only event log. Each event carries the SHA-256 of the previous one, so an
//! altered, inserted or removed row breaks the chain at that point.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{Result, Store};
pub use crate::domain::request::EventKind;

/// The hash a chain starts from.
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One entry of the audit trail.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    pub id: i64,
    #[serde(rename = "ref")]
    pub reference: Option<String>,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub kind: EventKind,
    pub summary: String,
    pub detail: serde_json::Value,
    pub hash: String,
}

/// The result of walking the whole chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainReport {
    pub events: u64,
    /// The newest hash: quote it in exports to pin the log's state.
    pub head: String,
    /// The first event that does not fit the chain, and why.
    pub first_broken: Option<(i64, String)>,
}

impl ChainReport {
    pub fn is_intact(&self) -> bool {
        self.first_broken.is_none()
    }
}

/// The hash of an event: the previous hash, its id and request, then `[at, actor, kind,
/// summary, detail]`, each part NUL-terminated so no two field splits hash alike.
fn event_hash(prev: &str, id: i64, request_id: Option<i64>, fields: [&str; 5]) -> String {
    let mut h = Sha256::new();
    let head = [
        prev.to_string(),
        id.to_string(),
        request_id.map(|r| r.to_string()).unwrap_or_default(),
    ];
    for part in head.iter().map(String::as_str).chain(fields) {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// What a write appends to the log, inside the write's own transaction.
pub(crate) struct NewEvent<'a> {
    pub request_id: Option<i64>,
    pub at: DateTime<Utc>,
    pub actor: &'a str,
    pub kind: EventKind,
    pub summary: String,
    pub detail: serde_json::Value,
}

/// Appends an event; the caller's transaction holds the write lock, so the chain cannot fork.
pub(crate) fn append(conn: &Connection, e: NewEvent<'_>) -> Result<()> {
    let prev: Option<(i64, String)> = conn
        .prepare_cached("SELECT id, hash FROM events ORDER BY id DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (id, prev_hash) = match prev {
        Some((id, hash)) => (id + 1, hash),
        None => (1, GENESIS.to_string()),
    };
    let at = e.at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let detail = e.detail.to_string();
    let hash = event_hash(
        &prev_hash,
        id,
        e.request_id,
        [&at, e.actor, e.kind.as_str(), &e.summary, &detail],
    );
    conn.prepare_cached(
        "INSERT INTO events (id, request_id, at, actor, kind, summary, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        id,
        e.request_id,
        at,
        e.actor,
        e.kind.as_str(),
        e.summary,
        detail,
        prev_hash,
        hash
    ])?;
    Ok(())
}

impl Store {
    /// The events of one request, oldest first.
    pub fn events_of(&self, request_id: i64) -> Result<Vec<Event>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.id, r.reference, e.at, e.actor, e.kind, e.summary, e.detail, e.hash
             FROM events e LEFT JOIN requests r ON r.id = e.request_id
             WHERE e.request_id = ?1 ORDER BY e.id",
        )?;
        let rows = stmt.query_map([request_id], row_to_event)?;
        rows.collect::<std::result::Result<Vec<_>, _>>()
            .map_err(Into::into)
    }

    /// The events that belong to no request (settings, the customer database, exports of
    /// the register), oldest first.
    pub fn events_without_request(&self) -> Result<Vec<Event>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.id, NULL, e.at, e.actor, e.kind, e.summary, e.detail, e.hash
             FROM events e WHERE e.request_id IS NULL ORDER BY e.id",
        )?;
        let rows = stmt.query_map([], row_to_event)?;
        rows.collect::<std::result::Result<Vec<_>, _>>()
            .map_err(Into::into)
    }

    /// Walks the whole chain from the first event.
    pub fn verify_chain(&self) -> Result<ChainReport> {
        let mut stmt = self.conn.prepare(
            "SELECT id, request_id, at, actor, kind, summary, detail, prev_hash, hash FROM events ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        let mut expected_prev = GENESIS.to_string();
        let mut expected_id = 1i64;
        let mut count = 0u64;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let prev: String = r.get(7)?;
            let hash: String = r.get(8)?;
            let broken = |why: &str| ChainReport {
                events: count,
                head: expected_prev.clone(),
                first_broken: Some((id, why.to_string())),
            };
            if id != expected_id {
                return Ok(broken(&format!("event {expected_id} is missing")));
            }
            if prev != expected_prev {
                return Ok(broken("it does not point at the event before it"));
            }
            let text = |i| r.get::<_, String>(i);
            let (at, actor, kind, summary, detail) =
                (text(2)?, text(3)?, text(4)?, text(5)?, text(6)?);
            let computed = event_hash(
                &prev,
                id,
                r.get(1)?,
                [&at, &actor, &kind, &summary, &detail],
            );
            if computed != hash {
                return Ok(broken("its content does not match its hash (altered)"));
            }
            expected_prev = hash;
            expected_id += 1;
            count += 1;
        }
        Ok(ChainReport {
            events: count,
            head: expected_prev,
            first_broken: None,
        })
    }

    /// The newest event hash (the chain's head) without a full walk.
    pub fn chain_head(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row(
                "SELECT hash FROM events ORDER BY id DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or_else(|| GENESIS.to_string()))
    }
}

fn row_to_event(r: &rusqlite::Row<'_>) -> rusqlite::Result<Event> {
    let at: String = r.get(2)?;
    let detail: String = r.get(6)?;
    Ok(Event {
        id: r.get(0)?,
        reference: r.get(1)?,
        at: DateTime::parse_from_rfc3339(&at)
            .map(|d| d.with_timezone(&Utc))
            .unwrap_or_default(),
        actor: r.get(3)?,
        kind: EventKind::parse(&r.get::<_, String>(4)?).unwrap_or(EventKind::Other),
        summary: r.get(5)?,
        detail: serde_json::from_str(&detail).unwrap_or(serde_json::Value::Null),
        hash: r.get(7)?,
    })
}
