//! Customer database tests against the generated demo: a request database with the demo
//! customer database beside it, at a fixed date so retention falls the same way every run.

mod clean_exports;
mod erasure;
mod interrupted;
mod lookup;
mod map_errors;
mod retention;
mod rights;

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{Map, Value};
use tempfile::TempDir;

use super::{CustomerDb, open_for, sql};
use crate::store::{QueueFilter, Store, View};

/// The instant the demo is built and every right is carried out.
pub(super) fn now() -> DateTime<Utc> {
    "2025-11-20T10:00:00Z".parse().expect("instant")
}

pub(super) fn today() -> NaiveDate {
    "2025-11-20".parse().expect("date")
}

/// A demo desk: the request store and its customer database, in a folder that lives as long
/// as the value.
pub(super) struct Desk {
    pub dir: TempDir,
    pub store: Store,
    pub db: CustomerDb,
}

pub(super) fn desk(customers: u64) -> Desk {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("demo.db");
    crate::cli::build_demo_with(&path, 0, customers, false, now()).expect("demo");
    let store = Store::open(&path).expect("store");
    let db = open_for(&store).expect("customer db");
    Desk { dir, store, db }
}

/// The reference of the demo request from `name`.
pub(super) fn reference_of(store: &Store, name: &str) -> String {
    let filter = QueueFilter {
        view: View::All,
        right: None,
        search: String::new(),
        ..QueueFilter::default()
    };
    store
        .page(&filter, today(), 0, 100)
        .expect("page")
        .into_iter()
        .find(|r| r.name == name)
        .map(|r| r.reference)
        .expect("demo request")
}

/// One table's rows of a customer: (rowid, columns).
pub(super) type Rows = Vec<(i64, Map<String, Value>)>;

/// Every row of a customer per mapped table.
pub(super) fn rows_of(db: &CustomerDb, customer: i64) -> Vec<(String, Rows)> {
    db.map
        .tables
        .iter()
        .map(|t| {
            (
                t.name.clone(),
                sql::person_rows(&db.conn, t, customer).expect("rows"),
            )
        })
        .collect()
}

/// Rows per mapped table, all customers.
pub(super) fn table_counts(db: &CustomerDb) -> Vec<(String, i64)> {
    db.map
        .tables
        .iter()
        .map(|t| {
            let n = db
                .conn
                .query_row(
                    &format!("SELECT count(*) FROM {}", sql::ident(&t.name)),
                    [],
                    |r| r.get(0),
                )
                .expect("count");
            (t.name.clone(), n)
        })
        .collect()
}
