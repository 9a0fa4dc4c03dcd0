//! The demo customer database for ORINOR's categories: built deterministically beside the
//! demo request database, with the data map that describes it, and remembered by it.

mod generate;
mod people;
mod rng;

use std::fs::{self, OpenOptions};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;

use super::{CustomerDb, CustomerError, Result, write_private};
use crate::domain::datamap::DataMap;
use crate::domain::deadline::oslo_date;
use crate::store::Store;

/// Customers in the demo unless asked for another number.
pub const DEFAULT_CUSTOMERS: u64 = 2_000;
/// The most the generator makes (the scale the desk is built for).
pub const MAX_CUSTOMERS: u64 = 1_000_000;
/// The data map of the demo database (ORINOR's privacy notice).
pub const DATA_MAP: &str = include_str!("../../../assets/datamap/orinor.toml");

const SCHEMA: &str = include_str!("../../../assets/demo/orinor-customers.sql");
const INDEXES: &str = include_str!("../../../assets/demo/orinor-customers-indexes.sql");

/// Where the demo files of a request database go: `NAME-customers.db` and
/// `NAME-datamap.toml` beside `NAME.db`.
pub fn paths_beside(request_db: &Path) -> (PathBuf, PathBuf) {
    let stem = request_db
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "demo".into());
    let dir = request_db.parent().unwrap_or(Path::new(""));
    (
        dir.join(format!("{stem}-customers.db")),
        dir.join(format!("{stem}-datamap.toml")),
    )
}

/// The number of demo customers to make: never fewer than the ones the demo requests are
/// about, never more than [`MAX_CUSTOMERS`].
pub fn clamp_count(requested: u64) -> Result<u64> {
    if requested > MAX_CUSTOMERS {
        return Err(CustomerError::Invalid(format!(
            "--customers {requested} is more than the demo makes ({MAX_CUSTOMERS})"
        )));
    }
    Ok(requested.max(people::KNOWN.len() as u64))
}

/// Builds the demo customer database at `db` (replacing one there) and writes its data map
/// to `map_path`. Built in a temporary file and renamed, so a failure leaves nothing half
/// made; the file is owner-only from its first byte.
pub fn build(db: &Path, map_path: &Path, count: u64, today: NaiveDate) -> Result<u64> {
    let count = clamp_count(count)?;
    let io = |p: &Path, e: std::io::Error| CustomerError::Open {
        path: p.display().to_string(),
        detail: e.to_string(),
    };
    let tmp = PathBuf::from(format!("{}.building", db.display()));
    let _ = fs::remove_file(&tmp);
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&tmp)
        .map_err(|e| io(&tmp, e))?;
    let result = (|| {
        let conn = Connection::open(&tmp)?;
        // A fresh file nobody else sees yet: no journal, no fsync, no per-row key checks.
        conn.execute_batch(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF;
             PRAGMA cache_size = -32768;",
        )?;
        conn.execute_batch(SCHEMA)?;
        conn.execute_batch("BEGIN")?;
        generate::fill(&conn, count, today)?;
        conn.execute_batch("COMMIT")?;
        conn.execute_batch(INDEXES)?;
        drop(conn);
        write_private(map_path, DATA_MAP.as_bytes()).map_err(|e| io(map_path, e))?;
        let map = DataMap::parse(DATA_MAP).map_err(CustomerError::Invalid)?;
        // The lookup index is built the same way as for any company's database.
        let db_open = CustomerDb::open(&tmp, map)?;
        db_open.conn.pragma_update(None, "journal_mode", "WAL")?;
        db_open.conn.pragma_update(None, "synchronous", "NORMAL")?;
        Ok::<_, CustomerError>(())
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    for suffix in ["-wal", "-shm"] {
        let _ = fs::remove_file(format!("{}{suffix}", db.display()));
    }
    fs::rename(&tmp, db).map_err(|e| io(db, e))?;
    Ok(count)
}

/// Builds the demo customer database beside the store's file, points the store at it, and
/// has the demo's officer do the demo requests' work in it ([`crate::demo::finish`]).
pub fn build_beside(
    store: &mut Store,
    count: u64,
    now: DateTime<Utc>,
) -> crate::case::Result<PathBuf> {
    let (db, map) = paths_beside(store.path());
    build(&db, &map, count, oslo_date(now))?;
    let name = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    store.set_customer_source(&name(&db), &name(&map), "demo", now)?;
    let mut customers = super::open_for(store)?;
    crate::demo::finish(store, &mut customers, now)?;
    Ok(db)
}

/// The ids of the demo customers who are the demo requester `name` (`linked_to`).
pub fn customers_of(name: &str) -> Vec<i64> {
    people::KNOWN
        .iter()
        .zip(1..)
        .filter(|(k, _)| k.linked_to == Some(name))
        .map(|(_, id)| id)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every row of every demo table, as text.
    fn dump(path: &Path) -> String {
        let conn = Connection::open(path).expect("open");
        let mut out = String::new();
        for table in [
            "customers",
            "contact_details",
            "web_events",
            "email_events",
            "cookie_consents",
            "newsletter_subscriptions",
            "orders",
            "shipments",
        ] {
            let mut stmt = conn
                .prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))
                .expect("select");
            let n = stmt.column_count();
            let mut rows = stmt.query([]).expect("rows");
            while let Some(r) = rows.next().expect("row") {
                for i in 0..n {
                    out.push_str(&format!(
                        "{}|",
                        crate::customers::sql::to_json(r.get_ref(i).expect("value"))
                    ));
                }
                out.push('\n');
            }
        }
        out
    }

    #[test]
    fn the_same_day_builds_the_same_database() {
        let dir = tempfile::tempdir().expect("dir");
        let day: NaiveDate = "2025-11-20".parse().expect("date");
        let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
        assert_eq!(
            build(&a, &dir.path().join("a.toml"), 300, day).expect("a"),
            300
        );
        build(&b, &dir.path().join("b.toml"), 300, day).expect("b");
        let text = dump(&a);
        assert_eq!(text, dump(&b));
        assert!(text.contains("Øverby") && text.contains("Bjørnæs"));
        assert!(!dir.path().join("a.db.building").exists());
        assert_eq!(clamp_count(5).expect("clamped"), people::KNOWN.len() as u64);
        assert!(clamp_count(MAX_CUSTOMERS + 1).is_err());
    }

    #[test]
    fn demo_files_sit_beside_the_request_database() {
        let (db, map) = paths_beside(Path::new("/data/demo.db"));
        assert_eq!(db, Path::new("/data/demo-customers.db"));
        assert_eq!(map, Path::new("/data/demo-datamap.toml"));
    }
}
