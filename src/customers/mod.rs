//! The customer database: a company's own SQLite file, described by a data map. Finding the
//! data subject in it, showing everything held about them, and carrying out their rights.
//!
//! The desk keeps its lookup index (normalised e-mail, phone and customer number, folded
//! names) in `dsr_*` tables inside the customer database; the company's tables are only
//! changed by a right being carried out.

mod access;
mod access_text;
pub mod demo;
mod disclosure;
mod erasure;
mod erasure_run;
mod files;
mod index;
mod interrupted;
mod lookup;
mod lookup_sql;
mod names;
mod objection;
pub mod package_words;
mod records;
mod retention_end;
mod rights;
mod sql;
mod updates;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::domain::datamap::DataMap;
use crate::domain::datamap_check::{Schema, check_schema};
use crate::store::{Store, StoreError};

pub use crate::domain::marketing::{MarketingStopped, StopAction, TableStopped};
pub use access::{AccessPackage, Art15Info, HeldRequest, PortabilityExport, PortableTable};
pub use disclosure::{
    NamedFile, access_files, access_package, deliver_files, portability, portability_files,
};
pub use erasure::{
    CustomerPlan, ErasurePlan, HeldRow, KeptKind, KeptRecords, TableEvidence, TablePlan,
};
pub use files::write_private;
pub use index::IndexReport;
pub use interrupted::{Interrupted, InterruptedOutcome, finish_interrupted};
pub use lookup::Match;
pub use names::summary_names;
pub use records::{CategoryRecords, CustomerRecords, CustomerSummary, Record, TableRecords};
pub use retention_end::{
    DueGroup, DueRow, NextEnd, RetentionDue, RetentionEnded, RetentionEvidence, end_retention,
};
pub use rights::{
    ErasureDone, erase, erase_reporting, erasure_preview, lift_restriction, linked_ids,
    object_to_marketing, rectify, restrict,
};
pub use updates::{Rectified, RestrictionLifted};

/// What can go wrong with the customer database or its data map, as one sentence.
#[derive(Debug, thiserror::Error)]
pub enum CustomerError {
    #[error("cannot read the data map {path}: {detail}")]
    MapUnreadable { path: String, detail: String },
    #[error("the data map {path} is not valid: {detail}")]
    MapInvalid { path: String, detail: String },
    #[error("the data map does not match the customer database {db}: {detail}")]
    MapMismatch { db: String, detail: String },
    #[error("cannot open the customer database {path}: {detail}")]
    Open { path: String, detail: String },
    #[error(
        "this request database has no customer database connected; connect the company's customer database with its data map (or set customer_db and data_map in the config)"
    )]
    NotConnected,
    #[error("no customer {0} in the customer database")]
    NoSuchCustomer(i64),
    #[error("the customer data changed since the preview; preview the erasure again")]
    Changed,
    /// A file of that name is already in the folder; each front end says how to go on.
    #[error("{} already exists; nothing was written", .0.display())]
    FileExists(std::path::PathBuf),
    #[error("{0}")]
    Invalid(String),
    #[error("customer database error: {0}")]
    Database(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for CustomerError {
    fn from(e: rusqlite::Error) -> Self {
        if crate::store::is_busy(&e) {
            // The one sentence for a lock held too long, whichever database it was.
            CustomerError::Store(StoreError::Busy { holder: None })
        } else {
            CustomerError::Database(e.to_string())
        }
    }
}

pub type Result<T> = std::result::Result<T, CustomerError>;

/// How long a write waits for another desk's write to finish.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// An open customer database with its checked data map.
pub struct CustomerDb {
    conn: Connection,
    path: PathBuf,
    map: DataMap,
    /// Whether the person table has grown since the lookup index was built.
    stale: bool,
}

/// Reads and parses a data map file.
pub fn load_map(path: &Path) -> Result<DataMap> {
    let text = std::fs::read_to_string(path).map_err(|e| CustomerError::MapUnreadable {
        path: path.display().to_string(),
        detail: e.to_string(),
    })?;
    DataMap::parse(&text).map_err(|detail| CustomerError::MapInvalid {
        path: path.display().to_string(),
        detail,
    })
}

/// Opens the customer database the request database names.
pub fn open_for(store: &Store) -> Result<CustomerDb> {
    let source = store
        .customer_source()?
        .ok_or(CustomerError::NotConnected)?;
    let map = load_map(&source.data_map)?;
    CustomerDb::open(&source.customer_db, map)
}

/// The customer database the config names (`customer_db` and `data_map`, both or neither),
/// else the one the request database remembers.
pub fn open_configured(store: &Store, config: &crate::config::Config) -> Result<CustomerDb> {
    match (&config.customer_db, &config.data_map) {
        (Some(db), Some(map)) => CustomerDb::open(db, load_map(map)?),
        (None, None) => open_for(store),
        _ => Err(CustomerError::Invalid(
            "the config names only one of customer_db and data_map; set both, or neither to use the connected ones".into(),
        )),
    }
}

impl CustomerDb {
    /// Opens an existing customer database, checks the map against its schema and builds the
    /// lookup index on first use.
    pub fn open(path: &Path, map: DataMap) -> Result<CustomerDb> {
        let fail = |e: rusqlite::Error| CustomerError::Open {
            path: path.display().to_string(),
            detail: e.to_string(),
        };
        if !path.exists() {
            return Err(CustomerError::Open {
                path: path.display().to_string(),
                detail: "no such file".into(),
            });
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(fail)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(fail)?;
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(fail)?;
        crate::store::cache_statements(&conn).map_err(fail)?;
        let schema = read_schema(&conn).map_err(fail)?;
        let mut problems = check_schema(&map, &schema);
        problems.extend(sql::check_rowids(&conn, &map));
        if !problems.is_empty() {
            return Err(CustomerError::MapMismatch {
                db: path.display().to_string(),
                detail: problems.join("; "),
            });
        }
        let mut db = CustomerDb {
            conn,
            path: path.to_path_buf(),
            map,
            stale: false,
        };
        db.stale = match index::indexed_max_key(&db.conn)? {
            None => {
                db.reindex()?;
                false
            }
            Some(indexed) => indexed != index::current_max_key(&db.conn, &db.map)?,
        };
        Ok(db)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn map(&self) -> &DataMap {
        &self.map
    }

    /// True when customers were added since the lookup index was built: run `reindex`.
    pub fn index_is_stale(&self) -> bool {
        self.stale
    }

    /// Whether the customer exists.
    pub fn exists(&self, customer_id: i64) -> Result<bool> {
        sql::person_exists(&self.conn, &self.map, customer_id)
    }

    /// The label events use for a customer: the customer number, or `#id`.
    pub fn label(&self, customer_id: i64) -> Result<String> {
        Ok(sql::customer_number(&self.conn, &self.map, customer_id)?
            .unwrap_or_else(|| format!("#{customer_id}")))
    }
}

/// The tables and columns the database has.
fn read_schema(conn: &Connection) -> rusqlite::Result<Schema> {
    let mut tables = conn.prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )?;
    let names: Vec<String> = tables
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut columns = conn.prepare("SELECT name FROM pragma_table_info(?1)")?;
    let mut schema = Schema::new();
    for name in names {
        let cols = columns
            .query_map([&name], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        schema.insert(name, cols);
    }
    Ok(schema)
}

#[cfg(test)]
mod tests;
