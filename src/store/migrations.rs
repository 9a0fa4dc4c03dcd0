//! Schema migrations on `PRAGMA user_version`, each applied in its own transaction.

use rusqlite::{Connection, Transaction};

use super::{Result, StoreError};

/// One schema step: SQL, then an optional backfill that needs Rust (e.g. text folding).
pub(crate) struct Migration {
    sql: &'static str,
    backfill: Option<fn(&Transaction<'_>) -> rusqlite::Result<()>>,
}

/// Migration N (1-based) brings the schema from version N-1 to N.
pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration {
        sql: include_str!("../../assets/migrations/0001_init.sql"),
        backfill: None,
    },
    Migration {
        sql: include_str!("../../assets/migrations/0002_search.sql"),
        backfill: Some(index_existing_requests),
    },
    Migration {
        sql: include_str!("../../assets/migrations/0003_queue_indexes.sql"),
        backfill: None,
    },
    Migration {
        sql: include_str!("../../assets/migrations/0004_intake.sql"),
        backfill: None,
    },
    Migration {
        sql: include_str!("../../assets/migrations/0005_customers.sql"),
        backfill: None,
    },
    Migration {
        sql: include_str!("../../assets/migrations/0006_case.sql"),
        backfill: None,
    },
    Migration {
        sql: include_str!("../../assets/migrations/0007_audit_key.sql"),
        backfill: None,
    },
    Migration {
        sql: include_str!("../../assets/migrations/0008_intents.sql"),
        backfill: None,
    },
    Migration {
        sql: include_str!("../../assets/migrations/0009_queue_header.sql"),
        backfill: None,
    },
    Migration {
        sql: include_str!("../../assets/migrations/0010_receipt_source.sql"),
        backfill: None,
    },
    Migration {
        sql: include_str!("../../assets/migrations/0011_read_through.sql"),
        backfill: None,
    },
    Migration {
        sql: include_str!("../../assets/migrations/0012_representative.sql"),
        backfill: None,
    },
];

fn index_existing_requests(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    index_requests_after(tx, 0)
}

/// Puts every request with an id above `after` into the search index.
pub(crate) fn index_requests_after(tx: &Connection, after: i64) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare(
        "SELECT id, reference, requester_name, requester_email, requester_phone FROM requests
         WHERE id > ?1",
    )?;
    let mut rows = stmt.query([after])?;
    while let Some(r) = rows.next()? {
        super::requests::index_for_search(
            tx,
            r.get(0)?,
            &[
                r.get(1)?,
                r.get(2)?,
                r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                r.get::<_, Option<String>>(4)?.unwrap_or_default(),
            ],
        )?;
    }
    Ok(())
}

pub(crate) fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

/// Upgrades the schema to the latest version; refuses a database newer than this binary.
pub(crate) fn migrate(conn: &mut Connection, path: &str) -> Result<()> {
    migrate_to(conn, path, latest())
}

pub(crate) fn migrate_to(conn: &mut Connection, path: &str, target: i64) -> Result<()> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > latest() {
        return Err(StoreError::NewerSchema {
            path: path.into(),
            found,
            supported: latest(),
        });
    }
    for version in found..target {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Another process may have migrated while we waited for the write lock.
        let now: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if now > version {
            continue;
        }
        let step = &MIGRATIONS[version as usize];
        tx.execute_batch(step.sql)?;
        if let Some(backfill) = step.backfill {
            backfill(&tx)?;
        }
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upgrades_a_first_schema_database_with_data() {
        let mut conn = Connection::open_in_memory().expect("open");
        migrate_to(&mut conn, "t", 1).expect("v1");
        conn.execute(
            "INSERT INTO requests (reference, received_utc, received_date, channel, requester_name,
             status, due_date) VALUES ('DSR-2025-0001', '2025-03-05T10:00:00Z', '2025-03-05',
             'email', 'Åse Øverby', 'open', '2025-04-07')",
            [],
        )
        .expect("insert");
        migrate(&mut conn, "t").expect("upgrade");
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("v");
        assert_eq!(v, latest());
        // The rows written before the search index existed are found through it.
        let hits: i64 = conn
            .query_row(
                "SELECT count(*) FROM request_search WHERE request_search MATCH '\"overby\"'",
                [],
                |r| r.get(0),
            )
            .expect("search");
        assert_eq!(hits, 1);
    }

    #[test]
    fn every_header_count_is_answered_from_an_index() {
        let mut conn = Connection::open_in_memory().expect("open");
        migrate(&mut conn, "t").expect("migrate");
        for (condition, index) in [
            ("rights_mask = 0", "requests_open_rights"),
            ("unread = 1", "requests_open_unread"),
            ("status = 'awaiting-identity'", "requests_open_status"),
            ("due_date < '2026-11-25'", "requests_open_queue"),
        ] {
            let plan: String = conn
                .query_row(
                    &format!(
                        "EXPLAIN QUERY PLAN SELECT count(*) FROM requests
                         WHERE is_open = 1 AND {condition}"
                    ),
                    [],
                    |r| r.get(3),
                )
                .expect("plan");
            assert!(plan.contains(index), "{condition}: {plan}");
        }
    }

    #[test]
    fn refuses_a_newer_schema() {
        let mut conn = Connection::open_in_memory().expect("open");
        conn.pragma_update(None, "user_version", latest() + 1)
            .expect("set");
        match migrate(&mut conn, "t") {
            Err(StoreError::NewerSchema { found, .. }) => assert_eq!(found, latest() + 1),
            other => panic!("expected NewerSchema, got {other:?}"),
        }
    }
}
