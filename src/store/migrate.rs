//! Moving a register from SQLite to PostgreSQL: every table copied row by row with its ids
//! (the event log's hashes cover them), in one transaction on the target, then the audit
//! trail verified at both ends.

use serde::Serialize;

use super::sql::{Engine, Val};
use super::{Result, Store, StoreError};

/// The tables a register holds, parents first (the search index is rebuilt, not copied).
const TABLES: &[&str] = &[
    "meta",
    "counters",
    "requests",
    "decisions",
    "events",
    "intake_messages",
    "request_customers",
    "request_recipients",
    "intents",
];

/// Values bound per insert statement (PostgreSQL takes up to 65,535).
const BATCH_VALUES: usize = 20_000;

/// The tables whose ids PostgreSQL draws from a sequence, moved past the copied ids.
const DRAWN_IDS: &[&str] = &["requests", "decisions", "intents"];

/// What a move copied, and the audit trail found at both ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MoveReport {
    pub target: String,
    /// Rows copied per table.
    pub rows: Vec<(String, u64)>,
    pub events: u64,
    pub head: String,
}

impl Store {
    /// Copies this SQLite register into `target`, a register just made on PostgreSQL (see
    /// [`Store::create`]): refused unless both trails verify and end at the same event.
    pub fn copy_into(&self, target: &mut Store) -> Result<MoveReport> {
        if self.engine() != Engine::Sqlite || target.engine() != Engine::Postgres {
            return Err(StoreError::Invalid(
                "a register moves from an SQLite file to PostgreSQL".into(),
            ));
        }
        let before = self.verify_chain()?;
        if let Some((id, why)) = &before.first_broken {
            return Err(StoreError::Invalid(format!(
                "this register's audit trail is broken at event {id} ({why}); nothing was copied: run `dsr-desk audit verify`"
            )));
        }
        let had: i64 = target.conn.query_row(
            "SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM requests)",
            (),
            |r| r.get(0),
        )?;
        if had > 0 {
            return Err(StoreError::Exists {
                path: target.shown_path(),
            });
        }
        let mut rows = Vec::new();
        let tx = target.write_tx()?;
        for table in TABLES {
            let columns: Vec<String> = self
                .conn
                .query_map(
                    "SELECT name FROM pragma_table_info(?1) ORDER BY cid",
                    [*table],
                    |r| r.get(0),
                )?
                .collect::<super::sql::Result<_>>()?;
            let list = columns.join(", ");
            // Rows go over in batches of one statement each: a round trip per row would
            // make a large register's move take minutes.
            let per_batch = (BATCH_VALUES / columns.len().max(1)).max(1);
            let insert = |n: usize| {
                let tuples: Vec<String> = (0..n)
                    .map(|row| {
                        let marks: Vec<String> = (1..=columns.len())
                            .map(|c| format!("?{}", row * columns.len() + c))
                            .collect();
                        format!("({})", marks.join(", "))
                    })
                    .collect();
                format!(
                    "INSERT INTO {table} ({list}) VALUES {}{}",
                    tuples.join(", "),
                    if *table == "meta" {
                        " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
                    } else {
                        ""
                    }
                )
            };
            let full = insert(per_batch);
            let mut copied = 0u64;
            let mut failed = None;
            let mut batch: Vec<Val> = Vec::with_capacity(per_batch * columns.len());
            let mut flush = |batch: &mut Vec<Val>, failed: &mut Option<super::sql::Error>| {
                let n = batch.len() / columns.len().max(1);
                if n == 0 {
                    return true;
                }
                let sql = if n == per_batch {
                    full.clone()
                } else {
                    insert(n)
                };
                match tx.execute(&sql, std::mem::take(batch)) {
                    Ok(_) => {
                        copied += n as u64;
                        true
                    }
                    Err(e) => {
                        *failed = Some(e);
                        false
                    }
                }
            };
            self.conn
                .each(&format!("SELECT {list} FROM {table}"), (), |r| {
                    for i in 0..columns.len() {
                        batch.push(r.value(i)?);
                    }
                    if batch.len() >= per_batch * columns.len() {
                        return Ok(flush(&mut batch, &mut failed));
                    }
                    Ok(true)
                })?;
            if failed.is_none() {
                flush(&mut batch, &mut failed);
            }
            if let Some(e) = failed {
                return Err(StoreError::Invalid(format!(
                    "could not copy {table}: {e}; nothing was copied"
                )));
            }
            rows.push((table.to_string(), copied));
        }
        for table in DRAWN_IDS {
            tx.execute_batch(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                 (SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
            ))?;
        }
        super::migrations::index_requests_after(&tx, 0)?;
        tx.commit()?;
        // The planner's statistics and the visibility map of the freshly filled tables, now
        // rather than whenever autovacuum comes by: without the first a search can plan a
        // scan of every request, without the second every count reads the table.
        target.conn.execute_batch("VACUUM (ANALYZE)")?;
        let after = target.verify_chain()?;
        if let Some((id, why)) = after.first_broken {
            return Err(StoreError::Invalid(format!(
                "the copy's audit trail is broken at event {id} ({why})"
            )));
        }
        if (after.events, &after.head) != (before.events, &before.head) {
            return Err(StoreError::Invalid(format!(
                "the copy ends at event {} ({}), the register at event {} ({})",
                after.events, after.head, before.events, before.head
            )));
        }
        Ok(MoveReport {
            target: target.shown_path(),
            rows,
            events: after.events,
            head: after.head,
        })
    }
}
