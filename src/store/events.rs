//! The append-only event log. Each event carries the SHA-256 of the previous one, so an
//! altered, inserted or removed row breaks the chain at that point. In a keyed register each
//! event also carries an HMAC-SHA256 over the same bytes and the previous HMAC, under a key
//! kept outside the database: recomputing the plain hashes after a change no longer passes.

use super::sql::{Db, OptionalExtension, params};
use chrono::{DateTime, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::audit_key::hex;
use super::{Result, Store, StoreError};
pub use crate::domain::request::EventKind;

/// The hash a chain starts from.
pub(crate) const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

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
    /// The first event written under the audit key, when the register is keyed.
    pub keyed_from: Option<i64>,
    /// Whether the keyed hashes were checked (a keyed register and its key at hand); if not,
    /// the walk checked integrity only: anyone holding the database could have re-chained it.
    pub key_checked: bool,
}

impl ChainReport {
    /// The first break, as `audit verify` and the desk's banner name it; `None` when the
    /// chain verifies.
    pub fn first_break(&self) -> Option<String> {
        self.first_broken
            .as_ref()
            .map(|(id, why)| format!("the audit trail is broken at event {id}: {why}"))
    }
}

impl ChainReport {
    pub fn is_intact(&self) -> bool {
        self.first_broken.is_none()
    }
}

/// The bytes an event's hash covers: the previous hash, its id and request, then `[at,
/// actor, kind, summary, detail]`, each part NUL-terminated so no two field splits hash alike.
fn canonical(prev: &str, id: i64, request_id: Option<i64>, fields: [&str; 5]) -> Vec<u8> {
    let head = [
        prev.to_string(),
        id.to_string(),
        request_id.map(|r| r.to_string()).unwrap_or_default(),
    ];
    let mut bytes = Vec::with_capacity(256);
    for part in head.iter().map(String::as_str).chain(fields) {
        bytes.extend_from_slice(part.as_bytes());
        bytes.push(0);
    }
    bytes
}

/// The plain hash of an event: SHA-256 of its canonical bytes.
fn plain_hash(canonical: &[u8]) -> String {
    hex(&Sha256::digest(canonical))
}

/// What the keyed hash covers beyond the canonical bytes: the previous keyed hash.
fn mac_input<'a>(canonical: &'a [u8], prev_mac: &'a str) -> [&'a [u8]; 3] {
    [canonical, prev_mac.as_bytes(), &[0]]
}

/// The meta row that names the first keyed event.
pub(crate) const KEYED_FROM: &str = "audit_keyed_from";

/// The keyed hash of `input` under the connection's audit key, or `None` without one. The key
/// stays in this process's memory, and every write (whatever module makes it) goes through
/// `append`.
fn mac_on(conn: &Db, input: [&[u8]; 3]) -> Option<String> {
    conn.audit_key().map(|key| key.mac(&[&input.concat()]))
}

/// The first keyed event of this register, if it is keyed.
fn keyed_from(conn: &Db) -> Result<Option<i64>> {
    let text: Option<String> = conn
        .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
        .query_row([KEYED_FROM], |r| r.get(0))
        .optional()?;
    Ok(text.and_then(|t| t.parse().ok()))
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
/// With an audit key, the register is keyed from its first write on; a keyed register is
/// never written without its key.
pub(crate) fn append(conn: &Db, e: NewEvent<'_>) -> Result<()> {
    let prev: Option<(i64, String, Option<String>)> = conn
        .prepare_cached("SELECT id, hash, mac FROM events ORDER BY id DESC LIMIT 1")?
        .query_row((), |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let (id, prev_hash, prev_mac) = match prev {
        Some((id, hash, mac)) => (id + 1, hash, mac),
        None => (1, GENESIS.to_string(), None),
    };
    let at = e.at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let detail = e.detail.to_string();
    let bytes = canonical(
        &prev_hash,
        id,
        e.request_id,
        [&at, e.actor, e.kind.as_str(), &e.summary, &detail],
    );
    let hash = plain_hash(&bytes);
    let prev_mac = prev_mac.unwrap_or_else(|| GENESIS.to_string());
    let keyed = keyed_from(conn)?;
    let mac = mac_on(conn, mac_input(&bytes, &prev_mac));
    match (keyed, &mac) {
        (Some(from), None) => {
            return Err(StoreError::Invalid(format!(
                "this register's audit trail is keyed (from event {from}) and the audit key is not here; \
                 copy the key file into the config folder or name it in DSR_DESK_AUDIT_KEY"
            )));
        }
        (None, Some(_)) => {
            conn.prepare_cached("INSERT INTO meta (key, value) VALUES (?1, ?2)")?
                .execute(params![KEYED_FROM, id.to_string()])?;
        }
        _ => {}
    }
    conn.prepare_cached(
        "INSERT INTO events (id, request_id, at, actor, kind, summary, detail, prev_hash, hash, mac)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
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
        hash,
        mac
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
        let rows = stmt.query_map((), row_to_event)?;
        rows.collect::<std::result::Result<Vec<_>, _>>()
            .map_err(Into::into)
    }

    /// Walks the whole chain from the first event: the plain hashes always, the keyed hashes
    /// where this store has the audit key.
    pub fn verify_chain(&self) -> Result<ChainReport> {
        let keyed = keyed_from(&self.conn)?;
        let key = self.audit_key.as_ref();
        let mut stmt = self.conn.prepare(
            "SELECT id, request_id, at, actor, kind, summary, detail, prev_hash, hash, mac
             FROM events ORDER BY id",
        )?;
        let mut report = ChainReport {
            events: 0,
            head: GENESIS.to_string(),
            first_broken: None,
            keyed_from: keyed,
            key_checked: keyed.is_some() && key.is_some(),
        };
        let mut prev_mac = GENESIS.to_string();
        stmt.each((), |r| {
            let id: i64 = r.get(0)?;
            let prev: String = r.get(7)?;
            let hash: String = r.get(8)?;
            let mac: Option<String> = r.get(9)?;
            let expected_id = report.events as i64 + 1;
            let mut broken = |why: String| {
                report.first_broken = Some((id, why));
            };
            if id != expected_id {
                broken(format!("event {expected_id} is missing"));
                return Ok(false);
            }
            if prev != report.head {
                broken("it does not point at the event before it".into());
                return Ok(false);
            }
            let text = |i| r.get::<_, String>(i);
            let (at, actor, kind, summary, detail) =
                (text(2)?, text(3)?, text(4)?, text(5)?, text(6)?);
            let bytes = canonical(
                &prev,
                id,
                r.get(1)?,
                [&at, &actor, &kind, &summary, &detail],
            );
            if plain_hash(&bytes) != hash {
                broken("its content does not match its hash (altered)".into());
                return Ok(false);
            }
            match (keyed.filter(|from| id >= *from), mac) {
                (Some(from), None) => {
                    broken(format!(
                        "it has no keyed hash, though the trail is keyed from event {from} (forged, or written without the key)"
                    ));
                    return Ok(false);
                }
                (Some(_), Some(mac)) => {
                    if key.is_some_and(|k| k.mac(&mac_input(&bytes, &prev_mac)) != mac) {
                        broken(
                            "its keyed hash does not match (forged or re-chained without the key, or checked with another key)"
                                .into(),
                        );
                        return Ok(false);
                    }
                    prev_mac = mac;
                }
                (None, Some(_)) => {
                    broken(match keyed {
                        Some(from) => format!("it has a keyed hash, though the trail is keyed only from event {from} (the marker was moved)"),
                        None => "it has a keyed hash, though the register's keyed-from marker is gone (removed)".into(),
                    });
                    return Ok(false);
                }
                (None, None) => {}
            }
            report.head = hash;
            report.events += 1;
            Ok(true)
        })?;
        if report.first_broken.is_some() {
            return Ok(report);
        }
        if let Some(from) = keyed.filter(|from| *from > report.events as i64) {
            // The marker is written with the first keyed event: that event was there.
            report.first_broken = Some((
                from,
                format!(
                    "the trail is keyed from event {from} but ends at event {}: the events from {from} on were removed",
                    report.events
                ),
            ));
        }
        Ok(report)
    }

    /// The id of the event whose hash is `hash` (0 for the empty trail's), if it is there.
    pub fn event_with_hash(&self, hash: &str) -> Result<Option<i64>> {
        let hash = hash.trim().to_ascii_lowercase();
        if hash == GENESIS {
            return Ok(Some(0));
        }
        Ok(self
            .conn
            .query_row("SELECT id FROM events WHERE hash = ?1", [hash], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// The newest event's id and hash (the chain's head), without a full walk.
    pub fn chain_tip(&self) -> Result<(i64, String)> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, hash FROM events ORDER BY id DESC LIMIT 1",
                (),
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .unwrap_or_else(|| (0, GENESIS.to_string())))
    }

    /// The newest event hash (the chain's head) without a full walk.
    pub fn chain_head(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row(
                "SELECT hash FROM events ORDER BY id DESC LIMIT 1",
                (),
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or_else(|| GENESIS.to_string()))
    }
}

fn row_to_event(r: &super::sql::Row<'_>) -> super::sql::Result<Event> {
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
