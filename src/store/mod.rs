//! Storage: SQLite behind an API that speaks domain types only.
//!
//! Every change is one `BEGIN IMMEDIATE` transaction that writes the change and its event;
//! concurrent writers are serialised by SQLite and stale writes are refused by a version check.

mod audit_key;
mod backup;
mod bulk;
mod controller;
mod customer_actions;
mod customer_links;
mod events;
mod exports;
mod identity;
mod intake;
mod intents;
mod migrate;
mod migrations;
pub mod postgres;
mod queue;
mod queue_index;
mod register;
mod replay;
mod requests;
pub(crate) mod sql;
mod stats;
mod writer;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags};

pub use audit_key::AuditKey;
pub use backup::BackupReport;
pub use bulk::{BATCH_TIME, Bulk};
pub use customer_actions::{ChecklistItem, CustomerAction, RetentionRecord};
pub use customer_links::{CustomerLink, CustomerSource};
pub use events::{ChainReport, Event, EventKind};
pub use exports::{ExportRecord, SentLetter};
pub use identity::{APPLICATION_ID, Found, RegisterKind, inspect};
pub use intake::{ImportOutcome, IntakeInfo};
pub use intents::{CRASH_PAUSE_VAR, Intent};
pub use migrate::MoveReport;
pub use queue::{QueueCounts, QueueFilter, QueueRow, View};
pub use queue_index::{ChangeMark, QueueIndex};
pub use register::{Period, RegisterRow};
pub use replay::{Difference, ReplayReport};
pub use requests::{NewRequest, RequestChange};
pub use sql::Engine;
pub use stats::{MonthStats, Stats};

/// What can go wrong in the store, each with a sentence a person can act on.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no request {0}")]
    NotFound(String),
    #[error("{0} was changed by someone else since you opened it; reload it and try again")]
    Stale(String),
    #[error("{0}")]
    Invalid(String),
    #[error(
        "the database {path} has schema version {found}, newer than this dsr-desk supports ({supported}); use a newer dsr-desk"
    )]
    NewerSchema {
        path: String,
        found: i64,
        supported: i64,
    },
    #[error("no register at {path}")]
    NoRegister { path: String },
    #[error("{path} is not a dsr-desk register ({why}); it was left as it is")]
    NotARegister { path: String, why: String },
    #[error("{path} exists; nothing was replaced")]
    Exists { path: String },
    #[error("{path} is not a dsr-desk database or is corrupt ({detail})")]
    Corrupt { path: String, detail: String },
    #[error("the database {path} is read-only; check its permissions")]
    ReadOnly { path: String },
    #[error("cannot use {path}: {detail}")]
    Io { path: String, detail: String },
    /// Another writer held the lock for longer than a writer waits (the busy timeout).
    #[error("{}", busy_sentence(holder.as_deref()))]
    Busy {
        /// What holds it ("an import"), when a live process said so.
        holder: Option<String>,
    },
    #[error("database error: {0}")]
    Database(String),
}

/// The one sentence for a write that waited in vain, naming the holder when it is known.
fn busy_sentence(holder: Option<&str>) -> String {
    format!(
        "{} is writing; try again in a moment",
        holder.unwrap_or("another dsr-desk")
    )
}

pub type Result<T> = std::result::Result<T, StoreError>;

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::from(sql::Error::from(e))
    }
}

impl From<sql::Error> for StoreError {
    fn from(e: sql::Error) -> Self {
        if e.is_busy() {
            StoreError::Busy { holder: None }
        } else {
            StoreError::Database(e.to_string())
        }
    }
}

/// Whether SQLite gave up waiting for a lock (`SQLITE_BUSY` or `SQLITE_LOCKED`).
pub fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// How long a writer waits for another's lock before it gives up with [`StoreError::Busy`].
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// How often a waiting writer looks again. Short, so that it gets in between an import's
/// batches (SQLite's own timeout backs off to 100 ms and can miss every gap).
const BUSY_POLL: Duration = Duration::from_millis(2);

/// The busy handler of every connection: poll every [`BUSY_POLL`] until [`BUSY_TIMEOUT`].
pub fn wait_for_lock(attempt: i32) -> bool {
    let tries = (BUSY_TIMEOUT.as_millis() / BUSY_POLL.as_millis()) as i32;
    if attempt >= tries {
        return false;
    }
    std::thread::sleep(BUSY_POLL);
    true
}

/// The request store.
pub struct Store {
    conn: sql::Db,
    path: PathBuf,
    /// During a bulk load the search index is filled once at the end: FTS5 writes a new
    /// segment at every savepoint, which would make a row-by-row load crawl.
    defer_search_index: bool,
    /// The audit key writes are keyed with and `verify_chain` checks, when there is one.
    audit_key: Option<AuditKey>,
}

/// The audit key every store this process opens uses (see `Store::set_process_audit_key`).
static PROCESS_AUDIT_KEY: std::sync::OnceLock<AuditKey> = std::sync::OnceLock::new();

impl Store {
    /// Opens and upgrades the register at `path`. Refuses, before anything is written, a
    /// path with nothing there ([`StoreError::NoRegister`]: only [`Store::create`] makes
    /// one) and a file that is not a register.
    pub fn open(path: &Path) -> Result<Store> {
        if postgres::is_address(path) {
            return Self::open_postgres(path, None);
        }
        let Some(found) = identity::inspect(path)? else {
            return Err(StoreError::NoRegister {
                path: path.display().to_string(),
            });
        };
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| classify(path, e))?;
        let mut store = Self::setup(conn, path.to_path_buf())?;
        store.mark_legacy(&found)?;
        Ok(store)
    }

    /// An in-memory store, for tests and dry runs. In this crate's own tests, a fresh
    /// database on the PostgreSQL server `DSR_DESK_TEST_POSTGRES` names, when it names one:
    /// so the store's whole suite runs on both engines.
    pub fn open_in_memory() -> Result<Store> {
        #[cfg(test)]
        if let Some(address) = tests::postgres_scratch() {
            return Self::open_postgres(Path::new(&address), Some(RegisterKind::Register));
        }
        Self::setup(Connection::open_in_memory()?, PathBuf::from(":memory:"))
    }

    /// Opens the register on the PostgreSQL server at `address`; with `create`, makes it
    /// there first (refused where there is one already).
    pub(crate) fn open_postgres(address: &Path, create: Option<RegisterKind>) -> Result<Store> {
        let text = address.to_string_lossy().to_string();
        let shown = postgres::shown(&text);
        let db = postgres::connect(&text)?;
        let found = migrations::version_of(&db)?;
        match (found, create) {
            (0, None) => return Err(StoreError::NoRegister { path: shown }),
            // A schema with nothing in it (an `init` or a move that failed after making it)
            // holds nothing to lose: it is made into the register asked for.
            (1.., Some(_)) => {
                let held: i64 = db.query_row(
                    "SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM requests)",
                    (),
                    |r| r.get(0),
                )?;
                if held > 0 {
                    return Err(StoreError::Exists { path: shown });
                }
            }
            (0, Some(_)) => {
                let tables: i64 = db.query_row(
                    "SELECT count(*) FROM information_schema.tables
                     WHERE table_schema = current_schema()",
                    (),
                    |r| r.get(0),
                )?;
                if tables > 0 {
                    return Err(StoreError::NotARegister {
                        path: shown,
                        why: format!("the database holds {tables} other tables"),
                    });
                }
            }
            _ => {}
        }
        let mut store = Store {
            conn: db,
            path: address.to_path_buf(),
            defer_search_index: false,
            audit_key: None,
        };
        migrations::migrate(&store.conn, &shown)?;
        if let Some(key) = PROCESS_AUDIT_KEY.get() {
            store.set_audit_key(key.clone())?;
        }
        if let Some(kind) = create {
            store.mark(kind)?;
        }
        Ok(store)
    }

    /// Which engine holds this register.
    pub fn engine(&self) -> Engine {
        self.conn.engine()
    }

    /// The register's address as messages show it (a PostgreSQL password left out).
    pub fn shown_path(&self) -> String {
        postgres::shown(&self.path.to_string_lossy())
    }

    fn setup(mut conn: Connection, path: PathBuf) -> Result<Store> {
        let fail = |e| classify(&path, e);
        conn.busy_handler(Some(wait_for_lock)).map_err(fail)?;
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(fail)?;
        // Read the schema version first: a non-database fails here with a clear message.
        let _: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(fail)?;
        if path.as_os_str() != ":memory:" {
            enable_wal(&conn).map_err(fail)?;
        }
        cache_statements(&conn).map_err(fail)?;
        // 8 MB of page cache: the queue's indexes stay warm well within the memory target.
        conn.pragma_update(None, "cache_size", -8192)
            .map_err(fail)?;
        let mut store = Store {
            conn: sql::Db::sqlite(conn),
            path,
            defer_search_index: false,
            audit_key: None,
        };
        migrations::migrate(&store.conn, &store.path.display().to_string())?;
        if let Some(key) = PROCESS_AUDIT_KEY.get() {
            store.set_audit_key(key.clone())?;
        }
        Ok(store)
    }

    /// Keys this store's writes with `key` and lets `verify_chain` check the keyed hashes.
    pub fn set_audit_key(&mut self, key: AuditKey) -> Result<()> {
        self.conn.set_audit_key(key.clone());
        self.audit_key = Some(key);
        Ok(())
    }

    /// Makes `key` the audit key of every store this process opens from now on, the desk's
    /// background workers' included (each opens its own connection). Set once, at start.
    pub fn set_process_audit_key(key: AuditKey) {
        let _ = PROCESS_AUDIT_KEY.set(key);
    }

    /// Whether this store has the audit key.
    pub fn has_audit_key(&self) -> bool {
        self.audit_key.is_some()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Fails with a clear sentence when this database cannot be written: checked before a
    /// file is written that must be recorded.
    pub fn check_writable(&self) -> Result<()> {
        // SQLite opens a file it may not write read-only without a word; say so before a
        // write fails deep inside with an engine message.
        let Some(conn) = self.conn.as_sqlite() else {
            return Ok(());
        };
        if conn.is_readonly(rusqlite::MAIN_DB)? {
            return Err(StoreError::ReadOnly {
                path: self.path.display().to_string(),
            });
        }
        Ok(())
    }

    /// Starts a write: an IMMEDIATE transaction (the write lock up front, so two writers
    /// queue instead of deadlocking), or a savepoint inside a bulk load.
    pub(crate) fn write_tx(&mut self) -> Result<WriteTx<'_>> {
        self.check_writable()?;
        self.conn
            .begin(true)
            .map(WriteTx)
            .map_err(|e| classify(&self.path, e))
    }

    /// Changes whenever another connection commits to the database: cheap to poll. On
    /// PostgreSQL, the count of change notifications received (no query is sent).
    pub fn data_version(&self) -> Result<i64> {
        if let Some(n) = self.conn.notifications_received() {
            return Ok(n);
        }
        Ok(self
            .conn
            .prepare_cached("PRAGMA data_version")?
            .query_row((), |r| r.get(0))?)
    }

    /// Changes whenever anything is committed to the database, by this connection or
    /// another: what the desk's in-memory queue and statistics are kept in step with.
    pub fn change_mark(&self) -> Result<ChangeMark> {
        Ok(ChangeMark {
            data_version: self.data_version()?,
            own_changes: self.conn.total_changes(),
        })
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        migrations::version_of(&self.conn)
    }

    /// A stored setting.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        use sql::OptionalExtension;
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    /// Whether the optional Art. 12(6) suspension model is on for this database (off by
    /// default). It lives in the database, not a personal config, so that every officer on
    /// the same database computes the same deadlines.
    pub fn suspension_enabled(&self) -> Result<bool> {
        Ok(self.setting("suspension_enabled")?.as_deref() == Some("true"))
    }
}

/// Lets the connection's statement cache keep its compiled statements. Without the query
/// planner stability guarantee, SQLite marks a statement whose plan weighed a bound value
/// (`request_id = ?1` does, by its equality heuristics) to be compiled again whenever its
/// bindings are cleared, which the cache does on every return: each read of a request was
/// recompiled. No query here depends on a bound value for its plan (the search's LIKE runs
/// through the trigram table, which sees the value when it runs).
pub(crate) fn cache_statements(conn: &Connection) -> rusqlite::Result<()> {
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    conn.set_prepared_statement_cache_capacity(64);
    Ok(())
}

/// Switches the database to WAL. The switch needs an exclusive lock, and SQLite does not wait
/// for it (no busy timeout) when two processes open a new database at the same moment, so
/// retry for as long as the busy timeout would have waited.
fn enable_wal(conn: &Connection) -> rusqlite::Result<()> {
    let give_up = Instant::now() + Duration::from_secs(5);
    loop {
        match conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)) {
            Err(e)
                if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
                    && Instant::now() < give_up =>
            {
                std::thread::sleep(Duration::from_millis(10));
            }
            other => return other.map(drop),
        }
    }
}

/// A write in progress (a transaction, or a savepoint inside a bulk load); dropped without
/// `commit` it rolls back.
pub(crate) struct WriteTx<'a>(sql::Tx<'a>);

impl WriteTx<'_> {
    pub(crate) fn commit(self) -> Result<()> {
        Ok(self.0.commit()?)
    }
}

impl std::ops::Deref for WriteTx<'_> {
    type Target = sql::Db;

    fn deref(&self) -> &sql::Db {
        &self.0
    }
}

/// Turns an engine's error into a message about the register, not the engine.
fn classify(path: &Path, e: impl Into<sql::Error>) -> StoreError {
    match e.into() {
        sql::Error::Sqlite(e) => classify_sqlite(path, e),
        e => e.into(),
    }
}

/// Turns an SQLite error into a message about the file, not the engine.
fn classify_sqlite(path: &Path, e: rusqlite::Error) -> StoreError {
    let p = path.display().to_string();
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) | Some(rusqlite::ErrorCode::DatabaseCorrupt) => {
            StoreError::Corrupt {
                path: p,
                detail: e.to_string(),
            }
        }
        Some(rusqlite::ErrorCode::ReadOnly) => StoreError::ReadOnly { path: p },
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
            StoreError::Busy {
                holder: holder_of(path),
            }
        }
        Some(rusqlite::ErrorCode::CannotOpen) | Some(rusqlite::ErrorCode::PermissionDenied) => {
            StoreError::Io {
                path: p,
                detail: e.to_string(),
            }
        }
        _ => StoreError::Database(e.to_string()),
    }
}

/// What holds the write lock of the database at `path`, read on a connection of its own (the
/// caller's is busy waiting): only after a writer gave up, so the cost does not matter.
fn holder_of(path: &Path) -> Option<String> {
    if path.as_os_str() == ":memory:" {
        return None;
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .ok()?;
    conn.busy_timeout(Duration::from_millis(200)).ok()?;
    writer::current(&sql::Db::sqlite(conn))
}

/// Whether a database file is readable by its owner only.
pub fn is_owner_only(path: &Path) -> bool {
    fs::metadata(path)
        .map(|m| m.permissions().mode() & 0o077 == 0)
        .unwrap_or(false)
}

#[cfg(test)]
pub(crate) mod tests;

#[cfg(test)]
mod audit_tests;

#[cfg(test)]
mod queue_tests;
