//! Schema migrations, each applied in its own write transaction. SQLite counts its versions
//! in `PRAGMA user_version`; PostgreSQL, whose register begins at the schema SQLite reached in
//! version 12, in the table `dsr_schema`. Every version after 12 comes as a file for each.

use super::sql::{Db, Engine, Error as SqlError, OptionalExtension};
use super::{Result, StoreError};

/// A backfill that needs Rust (e.g. text folding), run after a step's SQL.
type Backfill = fn(&Db) -> super::sql::Result<()>;

/// One schema step: SQL, then an optional backfill that needs Rust (e.g. text folding).
pub(crate) struct Migration {
    sql: &'static str,
    backfill: Option<Backfill>,
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

/// The PostgreSQL steps: the version each brings the schema to, and its SQL. The first
/// creates, at once, the schema of SQLite's first 12.
pub(crate) const POSTGRES_MIGRATIONS: &[(i64, &str)] = &[(
    12,
    include_str!("../../assets/migrations/postgres/0012_register.sql"),
)];

fn index_existing_requests(tx: &Db) -> super::sql::Result<()> {
    index_requests_after(tx, 0)
}

/// Puts every request with an id above `after` into the search index.
pub(crate) fn index_requests_after(tx: &Db, after: i64) -> super::sql::Result<()> {
    let rows = tx
        .query_map(
            "SELECT id, reference, requester_name, requester_email, requester_phone FROM requests
             WHERE id > ?1",
            [after],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    [
                        r.get(1)?,
                        r.get(2)?,
                        r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                        r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                    ],
                ))
            },
        )?
        .collect::<super::sql::Result<Vec<_>>>()?;
    for (id, fields) in rows {
        super::requests::index_for_search(tx, id, &fields)?;
    }
    Ok(())
}

pub(crate) fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

/// The schema version of the register `db` is connected to (0: an empty database).
pub(crate) fn version_of(db: &Db) -> Result<i64> {
    match db.engine() {
        Engine::Sqlite => Ok(db.query_row("PRAGMA user_version", (), |r| r.get(0))?),
        Engine::Postgres => {
            // An empty database has no dsr_schema table yet: its version is 0.
            let exists: bool =
                db.query_row("SELECT to_regclass('dsr_schema') IS NOT NULL", (), |r| {
                    r.get(0)
                })?;
            if !exists {
                return Ok(0);
            }
            Ok(db
                .query_row("SELECT version FROM dsr_schema", (), |r| r.get(0))
                .optional()?
                .unwrap_or(0))
        }
    }
}

fn set_version(db: &Db, version: i64) -> Result<()> {
    match db.engine() {
        Engine::Sqlite => db.execute_batch(&format!("PRAGMA user_version = {version}"))?,
        Engine::Postgres => {
            db.execute("DELETE FROM dsr_schema", ())?;
            db.execute("INSERT INTO dsr_schema (version) VALUES (?1)", [version])?;
        }
    }
    Ok(())
}

/// Upgrades the schema to the latest version; refuses a database newer than this binary.
pub(crate) fn migrate(db: &Db, path: &str) -> Result<()> {
    migrate_to(db, path, latest())
}

/// The steps from `found` to `target` on this engine: (version reached, SQL, backfill).
fn steps(engine: Engine, found: i64, target: i64) -> Vec<(i64, &'static str, Option<Backfill>)> {
    match engine {
        Engine::Sqlite => (found..target)
            .map(|v| {
                let step = &MIGRATIONS[v as usize];
                (v + 1, step.sql, step.backfill)
            })
            .collect(),
        Engine::Postgres => POSTGRES_MIGRATIONS
            .iter()
            .filter(|(to, _)| *to > found && *to <= target)
            .map(|(to, sql)| (*to, *sql, None))
            .collect(),
    }
}

pub(crate) fn migrate_to(db: &Db, path: &str, target: i64) -> Result<()> {
    let found = version_of(db)?;
    if found > latest() {
        return Err(StoreError::NewerSchema {
            path: path.into(),
            found,
            supported: latest(),
        });
    }
    for (reached, sql, backfill) in steps(db.engine(), found, target) {
        let tx = db.begin(true)?;
        // Another process may have migrated while we waited for the write lock.
        if version_of(&tx)? >= reached {
            continue;
        }
        tx.execute_batch(sql).map_err(|e| match e {
            SqlError::Postgres(_) if e.is_denied() => StoreError::Invalid(format!(
                "{path} needs its schema created or upgraded, and this role may not: \
                 run `dsr-desk init` (or the upgrade) once as the register's owner ({e})"
            )),
            e => e.into(),
        })?;
        if let Some(backfill) = backfill {
            backfill(&tx)?;
        }
        set_version(&tx, reached)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upgrades_a_first_schema_database_with_data() {
        let conn = Db::sqlite(rusqlite::Connection::open_in_memory().expect("open"));
        migrate_to(&conn, "t", 1).expect("v1");
        conn.execute(
            "INSERT INTO requests (reference, received_utc, received_date, channel, requester_name,
             status, due_date) VALUES ('DSR-2025-0001', '2025-03-05T10:00:00Z', '2025-03-05',
             'email', 'Åse Øverby', 'open', '2025-04-07')",
            (),
        )
        .expect("insert");
        migrate(&conn, "t").expect("upgrade");
        let v: i64 = conn
            .query_row("PRAGMA user_version", (), |r| r.get(0))
            .expect("v");
        assert_eq!(v, latest());
        // The rows written before the search index existed are found through it.
        let hits: i64 = conn
            .query_row(
                "SELECT count(*) FROM request_search WHERE request_search MATCH '\"overby\"'",
                (),
                |r| r.get(0),
            )
            .expect("search");
        assert_eq!(hits, 1);
    }

    #[test]
    fn every_header_count_is_answered_from_an_index() {
        let conn = Db::sqlite(rusqlite::Connection::open_in_memory().expect("open"));
        migrate(&conn, "t").expect("migrate");
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
                    (),
                    |r| r.get(3),
                )
                .expect("plan");
            assert!(plan.contains(index), "{condition}: {plan}");
        }
    }

    #[test]
    fn refuses_a_newer_schema() {
        let conn = Db::sqlite(rusqlite::Connection::open_in_memory().expect("open"));
        conn.execute_batch(&format!("PRAGMA user_version = {}", latest() + 1))
            .expect("set");
        match migrate(&conn, "t") {
            Err(StoreError::NewerSchema { found, .. }) => assert_eq!(found, latest() + 1),
            other => panic!("expected NewerSchema, got {other:?}"),
        }
    }
}
