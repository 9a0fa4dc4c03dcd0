//! The desk's lookup index inside the customer database: normalised e-mail addresses, phone
//! numbers (reversed digits) and customer numbers in one covering index, folded names in
//! FTS5. Built once in one transaction, and kept in step for every customer the desk changes.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde::Serialize;

use super::sql::ident;
use super::{CustomerDb, CustomerError, Result};
use crate::domain::datamap::DataMap;
use crate::domain::normalize;

pub(crate) const KIND_EMAIL: i64 = 1;
pub(crate) const KIND_PHONE: i64 = 2;
pub(crate) const KIND_NUMBER: i64 = 3;

const TABLES: &str = "
CREATE TABLE IF NOT EXISTS dsr_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS dsr_keys (kind INTEGER NOT NULL, key TEXT NOT NULL, customer_id INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS dsr_holds (
    table_name TEXT NOT NULL, row_id INTEGER NOT NULL, customer_id INTEGER NOT NULL,
    keep_through TEXT NOT NULL, law TEXT NOT NULL, request TEXT NOT NULL, held_on TEXT NOT NULL,
    PRIMARY KEY (table_name, row_id));
CREATE INDEX IF NOT EXISTS dsr_holds_by_customer ON dsr_holds (customer_id);
CREATE INDEX IF NOT EXISTS dsr_holds_by_date ON dsr_holds (keep_through);
CREATE TABLE IF NOT EXISTS dsr_restrictions (
    customer_id INTEGER PRIMARY KEY, since TEXT NOT NULL, request TEXT NOT NULL);
";

/// Prefix indexes of 1-3 letters keep partial-name queries fast on common names.
const NAMES: &str =
    "CREATE VIRTUAL TABLE dsr_names USING fts5 (name, tokenize = 'unicode61', prefix = '1 2 3')";

/// Created after the bulk insert: building an index by sorting beats growing it row by row.
const KEY_INDEXES: &str = "
CREATE INDEX IF NOT EXISTS dsr_keys_lookup ON dsr_keys (kind, key, customer_id);
CREATE INDEX IF NOT EXISTS dsr_keys_by_customer ON dsr_keys (customer_id);
";

/// What a rebuild of the index did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IndexReport {
    pub customers: u64,
    pub keys: u64,
    /// Indexes the desk added on link columns that had none, so records load without scans.
    pub link_indexes_added: Vec<String>,
}

impl CustomerDb {
    /// Rebuilds the lookup index from the mapped tables, in one transaction.
    pub fn reindex(&mut self) -> Result<IndexReport> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(TABLES)?;
        tx.execute_batch(
            "DROP INDEX IF EXISTS dsr_keys_lookup; DROP INDEX IF EXISTS dsr_keys_by_customer;
             DELETE FROM dsr_keys; DROP TABLE IF EXISTS dsr_names;",
        )?;
        tx.execute_batch(NAMES)?;
        let link_indexes_added = add_link_indexes(&tx, &self.map)?;
        let customers = index_people(&tx, &self.map, None)?;
        let mut keys = 0;
        for t in &self.map.tables {
            for (kind, columns) in [(KIND_EMAIL, &t.email), (KIND_PHONE, &t.phone)] {
                for c in columns {
                    let mut stmt = tx.prepare(&format!(
                        "SELECT {}, {} FROM {} WHERE {} IS NOT NULL",
                        ident(&t.person_column),
                        ident(c),
                        ident(&t.name),
                        ident(c)
                    ))?;
                    let mut rows = stmt.query([])?;
                    while let Some(r) = rows.next()? {
                        let value: String = r.get::<_, Option<String>>(1)?.unwrap_or_default();
                        keys += insert_key(&tx, kind, &value, r.get(0)?)?;
                    }
                }
            }
        }
        tx.execute_batch(KEY_INDEXES)?;
        let max_key = current_max_key(&tx, &self.map)?;
        tx.execute(
            "INSERT OR REPLACE INTO dsr_meta (key, value) VALUES ('max_key', ?1)",
            [max_key.to_string()],
        )?;
        tx.commit()?;
        // The planner needs statistics to prefer the lookup index on a fresh file.
        self.conn.execute_batch("PRAGMA optimize")?;
        self.stale = false;
        Ok(IndexReport {
            customers,
            keys: keys + customers,
            link_indexes_added,
        })
    }
}

/// Indexes the name and customer number of every person (`only` = one person).
fn index_people(conn: &Connection, map: &DataMap, only: Option<i64>) -> Result<u64> {
    let p = &map.person;
    let mut cols = vec![ident(&p.key)];
    cols.extend(p.name.iter().map(|c| ident(c)));
    cols.push(
        p.customer_number
            .as_deref()
            .map(ident)
            .unwrap_or_else(|| "NULL".into()),
    );
    let filter = match only {
        Some(_) => format!("WHERE {} = ?1", ident(&p.key)),
        None => String::new(),
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {} FROM {} {filter}",
        cols.join(", "),
        ident(&p.table)
    ))?;
    let mut rows = match only {
        Some(id) => stmt.query([id])?,
        None => stmt.query([])?,
    };
    let n = p.name.len();
    let mut count = 0;
    while let Some(r) = rows.next()? {
        let id = match r.get_ref(0)? {
            rusqlite::types::ValueRef::Integer(i) => i,
            other => {
                return Err(CustomerError::Invalid(format!(
                    "the person key {}.{} must hold whole numbers (found {:?})",
                    p.table,
                    p.key,
                    super::sql::to_json(other)
                )));
            }
        };
        let mut words = Vec::new();
        for i in 1..=n {
            if let Some(part) = r.get::<_, Option<String>>(i)? {
                words.extend(normalize::name_tokens(&part));
            }
        }
        if !words.is_empty() {
            conn.prepare_cached("INSERT INTO dsr_names (rowid, name) VALUES (?1, ?2)")?
                .execute(params![id, words.join(" ")])?;
        }
        if let Some(number) = r.get::<_, Option<String>>(n + 1)? {
            insert_key(conn, KIND_NUMBER, &number, id)?;
        }
        count += 1;
    }
    Ok(count)
}

/// Adds one identifier in its normal form; returns 1 if it had one.
fn insert_key(conn: &Connection, kind: i64, value: &str, customer: i64) -> Result<u64> {
    let key = match kind {
        KIND_EMAIL => normalize::email(value),
        KIND_PHONE => normalize::phone_key(value),
        _ => normalize::customer_number(value),
    };
    let Some(key) = key else { return Ok(0) };
    conn.prepare_cached("INSERT INTO dsr_keys (kind, key, customer_id) VALUES (?1, ?2, ?3)")?
        .execute(params![kind, key, customer])?;
    Ok(1)
}

/// Re-indexes one person after the desk changed their data (rectification, erasure).
pub(crate) fn reindex_customer(conn: &Connection, map: &DataMap, id: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM dsr_keys WHERE customer_id = ?1")?
        .execute([id])?;
    conn.prepare_cached("DELETE FROM dsr_names WHERE rowid = ?1")?
        .execute([id])?;
    index_people(conn, map, Some(id))?;
    for t in &map.tables {
        for (kind, columns) in [(KIND_EMAIL, &t.email), (KIND_PHONE, &t.phone)] {
            for c in columns {
                let mut stmt = conn.prepare_cached(&format!(
                    "SELECT {} FROM {} WHERE {} = ?1 AND {} IS NOT NULL",
                    ident(c),
                    ident(&t.name),
                    ident(&t.person_column),
                    ident(c)
                ))?;
                let values = stmt
                    .query_map([id], |r| r.get::<_, String>(0))?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                for v in values {
                    insert_key(conn, kind, &v, id)?;
                }
            }
        }
    }
    Ok(())
}

/// Adds an index on each link column a lookup of a person's rows would otherwise scan.
fn add_link_indexes(conn: &Connection, map: &DataMap) -> Result<Vec<String>> {
    let mut added = Vec::new();
    for t in &map.tables {
        let plan: String = conn
            .prepare(&format!(
                "EXPLAIN QUERY PLAN SELECT rowid FROM {} WHERE {} = 1",
                ident(&t.name),
                ident(&t.person_column)
            ))?
            .query_map([], |r| r.get::<_, String>(3))?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .join(" ");
        if plan.contains("SCAN") {
            let name = format!(
                "dsr_link_{}",
                t.name.replace(|c: char| !c.is_alphanumeric(), "_")
            );
            conn.execute_batch(&format!(
                "CREATE INDEX IF NOT EXISTS {} ON {} ({})",
                ident(&name),
                ident(&t.name),
                ident(&t.person_column)
            ))?;
            added.push(name);
        }
    }
    Ok(added)
}

/// The largest person key the index has seen, or `None` when there is no index yet.
pub(crate) fn indexed_max_key(conn: &Connection) -> Result<Option<i64>> {
    let exists: bool = conn.query_row(
        "SELECT count(*) = 2 FROM sqlite_schema WHERE name IN ('dsr_meta', 'dsr_names')",
        [],
        |r| r.get(0),
    )?;
    if !exists {
        return Ok(None);
    }
    Ok(conn
        .query_row(
            "SELECT value FROM dsr_meta WHERE key = 'max_key'",
            [],
            |r| r.get::<_, String>(0),
        )
        .optional()?
        .and_then(|v| v.parse().ok()))
}

/// The largest person key now (an index seek, not a count).
pub(crate) fn current_max_key(conn: &Connection, map: &DataMap) -> Result<i64> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT ifnull(max({}), 0) FROM {}",
                ident(&map.person.key),
                ident(&map.person.table)
            ),
            [],
            |r| r.get::<_, Option<i64>>(0),
        )?
        .unwrap_or(0))
}
