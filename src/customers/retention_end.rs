//! The end of a legal hold. Erasure keeps sales records the law requires and writes each held
//! row's last day into `dsr_holds`; once that day has passed the row is deleted, because the
//! reason to keep it is gone (legal-rules §4: keep no longer "to be safe").

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::erasure::hex;
use super::erasure_run::hash_row;
use super::index::reindex_customer;
use super::interrupted::{WAIT_FOR_WRITER, commit_marked, finish_interrupted};
use super::sql::ident;
use super::{CustomerDb, CustomerError, Result};
use crate::domain::deadline::oslo_date;
use crate::domain::request::EventKind;
use crate::store::{RetentionRecord, Store};

/// The held rows whose keep-through date has passed, as of `today`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RetentionDue {
    pub today: NaiveDate,
    /// By request, then table.
    pub groups: Vec<DueGroup>,
    /// The next day a hold ends after today, if any is still running.
    pub next: Option<NextEnd>,
}

/// The rows of one table that one request put on hold, now past their keep-through date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueGroup {
    /// The request whose erasure put them on hold.
    pub request: String,
    pub table: String,
    pub law: String,
    pub rows: Vec<DueRow>,
}

/// One held row and the last day it had to be kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DueRow {
    pub row_id: i64,
    pub customer_id: i64,
    pub keep_through: NaiveDate,
}

/// The next keep-through date still ahead, and how many rows reach it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct NextEnd {
    pub keep_through: NaiveDate,
    pub rows: usize,
}

/// What ending one group's hold did: counts and a SHA-256 over the deleted rows, no content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RetentionEvidence {
    pub request: String,
    pub table: String,
    pub law: String,
    pub customers: Vec<i64>,
    pub deleted: usize,
    /// Holds whose row was already gone (deleted outside the desk): only the hold is removed.
    pub already_gone: usize,
    /// The latest keep-through date among the rows.
    pub kept_through: Option<NaiveDate>,
    pub sha256: Option<String>,
}

impl RetentionDue {
    pub fn row_count(&self) -> usize {
        self.groups.iter().map(|g| g.rows.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

impl DueGroup {
    /// The customers the rows belong to, each once.
    pub fn customers(&self) -> Vec<i64> {
        let set: BTreeSet<i64> = self.rows.iter().map(|r| r.customer_id).collect();
        set.into_iter().collect()
    }

    pub fn kept_through(&self) -> Option<NaiveDate> {
        self.rows.iter().map(|r| r.keep_through).max()
    }
}

impl CustomerDb {
    /// The held rows whose keep-through date is before `today`. Changes nothing.
    pub fn retention_due(&self, today: NaiveDate) -> Result<RetentionDue> {
        due(&self.conn, today)
    }

    /// Deletes every held row whose keep-through date is before `today` and removes its
    /// hold, inside a write transaction returned uncommitted with what it did.
    pub(crate) fn begin_retention_end(
        &mut self,
        today: NaiveDate,
    ) -> Result<(Transaction<'_>, RetentionDue, Vec<RetentionEvidence>)> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Held tables may refer to each other (a shipment to its order): check the keys
        // once everything due is gone, not row by row.
        tx.pragma_update(None, "defer_foreign_keys", true)?;
        let found = due(&tx, today)?;
        let mut evidence = Vec::new();
        let mut touched = BTreeSet::new();
        for g in &found.groups {
            let t = self.map.table(&g.table).ok_or_else(|| {
                CustomerError::Invalid(format!(
                    "{} rows of '{}' are on legal hold for {}, but the data map no longer lists that table; add it back so their retention can end",
                    g.rows.len(),
                    g.table,
                    g.request
                ))
            })?;
            let name = ident(&t.name);
            let owner_sql = format!(
                "SELECT {} FROM {name} WHERE rowid = ?1",
                ident(&t.person_column)
            );
            let mut hash = Sha256::new();
            let (mut deleted, mut gone) = (0, 0);
            for r in &g.rows {
                let owner: Option<Option<i64>> = tx
                    .prepare_cached(&owner_sql)?
                    .query_row([r.row_id], |row| row.get(0))
                    .optional()?;
                // A rowid now used by someone else's row is not the held row.
                if owner.flatten() == Some(r.customer_id) {
                    hash_row(&tx, &name, "*", r.row_id, &mut hash)?;
                    tx.prepare_cached(&format!("DELETE FROM {name} WHERE rowid = ?1"))?
                        .execute([r.row_id])?;
                    deleted += 1;
                    touched.insert(r.customer_id);
                } else {
                    gone += 1;
                }
                tx.prepare_cached("DELETE FROM dsr_holds WHERE table_name = ?1 AND row_id = ?2")?
                    .execute(params![g.table, r.row_id])?;
            }
            evidence.push(RetentionEvidence {
                request: g.request.clone(),
                table: g.table.clone(),
                law: g.law.clone(),
                customers: g.customers(),
                deleted,
                already_gone: gone,
                kept_through: g.kept_through(),
                sha256: (deleted > 0).then(|| hex(&hash.finalize())),
            });
        }
        for id in touched {
            reindex_customer(&tx, &self.map, id)?;
        }
        Ok((tx, found, evidence))
    }
}

fn due(conn: &Connection, today: NaiveDate) -> Result<RetentionDue> {
    let bad_date = |table: String, row: i64, text: &str| {
        CustomerError::Invalid(format!(
            "the legal hold on {table} row {row} has no valid end date ('{text}'); correct it in dsr_holds"
        ))
    };
    let mut stmt = conn.prepare_cached(
        "SELECT request, table_name, law, row_id, customer_id, keep_through FROM dsr_holds
         WHERE keep_through < ?1 ORDER BY request, table_name, row_id",
    )?;
    let mut rows = stmt.query([today.to_string()])?;
    let mut groups: Vec<DueGroup> = Vec::new();
    while let Some(r) = rows.next()? {
        let (request, table, law): (String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
        let (row_id, customer_id): (i64, i64) = (r.get(3)?, r.get(4)?);
        let text: String = r.get(5)?;
        let keep_through = text
            .parse()
            .map_err(|_| bad_date(table.clone(), row_id, &text))?;
        let row = DueRow {
            row_id,
            customer_id,
            keep_through,
        };
        match groups.last_mut() {
            Some(g) if g.request == request && g.table == table => g.rows.push(row),
            _ => groups.push(DueGroup {
                request,
                table,
                law,
                rows: vec![row],
            }),
        }
    }
    let next = conn
        .prepare_cached(
            "SELECT keep_through, count(*) FROM dsr_holds WHERE keep_through >= ?1
             GROUP BY keep_through ORDER BY keep_through LIMIT 1",
        )?
        .query_row([today.to_string()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })
        .optional()?
        .and_then(|(d, n)| {
            Some(NextEnd {
                keep_through: d.parse().ok()?,
                rows: usize::try_from(n).ok()?,
            })
        });
    Ok(RetentionDue {
        today,
        groups,
        next,
    })
}

/// What ending the holds did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RetentionEnded {
    pub today: NaiveDate,
    pub evidence: Vec<RetentionEvidence>,
    /// Requests that put rows on hold but are not in this request database: their event
    /// went into the audit trail without a request.
    pub unknown_requests: Vec<String>,
}

impl RetentionEnded {
    pub fn deleted(&self) -> usize {
        self.evidence.iter().map(|e| e.deleted).sum()
    }
}

/// Deletes every held row whose keep-through date has passed (as of `now`'s Oslo date),
/// removes the holds, and records on each request that put rows on hold, per table, how many
/// rows were deleted and a SHA-256 over them. The deletion and its events are kept in step
/// through an intent, as a right's change is; a second run finds nothing.
pub fn end_retention(
    store: &mut Store,
    db: &mut CustomerDb,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<RetentionEnded> {
    finish_interrupted(store, db, actor, now, WAIT_FOR_WRITER)?;
    let db_path = db.path().to_path_buf();
    let today = oslo_date(now);
    let (tx, found, evidence) = db.begin_retention_end(today)?;
    let mut records: Vec<RetentionRecord> = Vec::new();
    for request in found.groups.iter().map(|g| &g.request) {
        if records.iter().any(|r| r.reference == *request) {
            continue;
        }
        let mine: Vec<&RetentionEvidence> =
            evidence.iter().filter(|e| e.request == *request).collect();
        let mut all = Sha256::new();
        for e in &mine {
            all.update(e.sha256.as_deref().unwrap_or("-").as_bytes());
            all.update(b"\n");
        }
        let per_table: Vec<String> = mine
            .iter()
            .map(|e| format!("{}: {}", e.table, e.deleted))
            .collect();
        let deleted: usize = mine.iter().map(|e| e.deleted).sum();
        records.push(RetentionRecord {
            reference: request.clone(),
            summary: format!(
                "Legal hold ended: {deleted} rows deleted after their retention ({})",
                per_table.join(", ")
            ),
            detail: serde_json::json!({
                "tables": mine,
                "sha256": hex(&all.finalize()),
                "as_of": today,
            }),
        });
    }
    let unknown_requests = if records.is_empty() {
        tx.commit()?;
        Vec::new()
    } else {
        store.record_retention_change(&records, (actor, now), &db_path, |token| {
            commit_marked(tx, token, EventKind::RetentionEnded, now)
        })?
    };
    Ok(RetentionEnded {
        today,
        evidence,
        unknown_requests,
    })
}
